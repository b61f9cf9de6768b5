//! Writing a file completely or not at all: the data goes to a temporary
//! file in the destination folder, which replaces the destination only
//! once everything is written and synced.

use std::fs::{self, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A file being written; it appears at its destination on
/// [`commit`](AtomicFile::commit). Dropped without commit, it leaves
/// nothing behind.
pub struct AtomicFile {
    writer: BufWriter<NamedTempFile>,
    dest: PathBuf,
}

impl AtomicFile {
    /// Starts writing a file that will become `dest`.
    pub fn create(dest: &Path) -> Result<Self, String> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".tuomin-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| {
                format!(
                    "cannot write in folder {}: {}",
                    dir.display(),
                    crate::walk::io_reason(&e)
                )
            })?;
        Ok(AtomicFile {
            writer: BufWriter::with_capacity(1 << 16, tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// Where the data goes while being written.
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.writer
    }

    /// Flushes, syncs and moves the file to its destination, with
    /// `permissions` if given.
    pub fn commit(self, permissions: Option<Permissions>) -> Result<(), String> {
        let dest = self.dest;
        let fail = |what: &str, e: io::Error| {
            format!(
                "cannot write {}: {what}: {}",
                dest.display(),
                crate::walk::io_reason(&e)
            )
        };
        let tmp = self
            .writer
            .into_inner()
            .map_err(|e| fail("writing failed", e.into_error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| fail("syncing failed", e))?;
        if let Some(perms) = permissions {
            fs::set_permissions(tmp.path(), perms)
                .map_err(|e| fail("setting permissions failed", e))?;
        }
        tmp.persist(&dest)
            .map_err(|e| fail("replacing the file failed", e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_writes_and_drop_leaves_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let dest = dir.path().join("out.txt");
        let mut f = AtomicFile::create(&dest)?;
        f.writer().write_all(b"hello")?;
        drop(f);
        assert!(!dest.exists());
        assert_eq!(fs::read_dir(dir.path())?.count(), 0);

        let mut f = AtomicFile::create(&dest)?;
        f.writer().write_all(b"hello")?;
        f.commit(None)?;
        assert_eq!(fs::read(&dest)?, b"hello");
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = AtomicFile::create(Path::new("/no/such/dir/out.txt"))
            .err()
            .unwrap_or_default();
        assert!(err.contains("/no/such/dir"), "{err}");
    }
}
