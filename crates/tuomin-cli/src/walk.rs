//! Turning the paths given on the command line into the inputs to read:
//! standard input, files, and the files inside folders (recursively, in
//! name order, skipping hidden entries).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file (or anything else that is not a folder, such as a pipe).
    File(PathBuf),
}

impl Input {
    /// How the input is named in reports.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// A path that could not be visited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path, as it will be reported.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// A short, human reason for an I/O error.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            // Drop the "(os error N)" suffix, which means nothing to a clerk.
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Visits every input named by `paths`, in order: `-` is standard input,
/// a folder is expanded recursively in sorted order (hidden entries and
/// symbolic links to folders skipped). Paths that cannot be read are
/// passed to `visit` as errors and the walk goes on.
pub fn walk(paths: &[PathBuf], visit: &mut dyn FnMut(Result<Input, WalkError>)) {
    for path in paths {
        if path.as_os_str() == "-" {
            visit(Ok(Input::Stdin));
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, visit),
            Ok(_) => visit(Ok(Input::File(path.clone()))),
            Err(e) => visit(Err(WalkError {
                path: path.display().to_string(),
                message: io_reason(&e),
            })),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn walk_dir(dir: &Path, visit: &mut dyn FnMut(Result<Input, WalkError>)) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            return visit(Err(WalkError {
                path: dir.display().to_string(),
                message: format!("cannot open folder: {}", io_reason(&e)),
            }))
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(e) => visit(Err(WalkError {
                path: dir.display().to_string(),
                message: format!("cannot list folder: {}", io_reason(&e)),
            })),
        }
    }
    children.sort_by_key(|e| e.file_name());
    for entry in children {
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                visit(Err(WalkError {
                    path: path.display().to_string(),
                    message: io_reason(&e),
                }));
                continue;
            }
        };
        if file_type.is_dir() {
            walk_dir(&path, visit);
        } else if file_type.is_file() {
            visit(Ok(Input::File(path)));
        } else if file_type.is_symlink() {
            // Follow links to files; links to folders could loop.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_file() => visit(Ok(Input::File(path))),
                Ok(_) => {}
                Err(e) => visit(Err(WalkError {
                    path: path.display().to_string(),
                    message: format!("broken link: {}", io_reason(&e)),
                })),
            }
        }
        // Sockets, pipes and devices inside folders are skipped.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(paths: &[PathBuf]) -> Vec<Result<Input, WalkError>> {
        let mut out = Vec::new();
        walk(paths, &mut |i| out.push(i));
        out
    }

    #[test]
    fn walks_sorted_and_skips_hidden() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        fs::create_dir_all(root.join("b/.git"))?;
        fs::create_dir_all(root.join("a"))?;
        fs::write(root.join("b/2.txt"), "x")?;
        fs::write(root.join("b/.git/config"), "x")?;
        fs::write(root.join("a/1.txt"), "x")?;
        fs::write(root.join(".hidden.txt"), "x")?;
        fs::write(root.join("c.txt"), "x")?;
        let got = collect(&[root.to_path_buf(), PathBuf::from("-")]);
        assert_eq!(
            got,
            vec![
                Ok(Input::File(root.join("a/1.txt"))),
                Ok(Input::File(root.join("b/2.txt"))),
                Ok(Input::File(root.join("c.txt"))),
                Ok(Input::Stdin),
            ]
        );
        Ok(())
    }

    #[test]
    fn missing_path_is_an_error() {
        let got = collect(&[PathBuf::from("/no/such/file.txt")]);
        assert_eq!(
            got,
            vec![Err(WalkError {
                path: "/no/such/file.txt".to_string(),
                message: "no such file or folder".to_string(),
            })]
        );
    }
}
