//! Listing the files to audit: directories in a fixed order (sorted by
//! name), hidden entries skipped, directory symlinks not followed.

use std::path::{Path, PathBuf};

/// A file found on disk.
#[derive(Debug, Clone)]
pub struct DiskItem {
    /// Where to read it.
    pub path: PathBuf,
    /// How it is named in reports and the state file.
    pub display: String,
    /// Path under the input root, `/`-separated; empty when the input is the file itself.
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time in ns since the epoch, when known.
    pub mtime_ns: Option<i128>,
}

/// Something that could not be listed.
#[derive(Debug, Clone)]
pub struct WalkError {
    pub display: String,
    pub message: String,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn mtime_ns(m: &std::fs::Metadata) -> Option<i128> {
    let t = m.modified().ok()?;
    Some(match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    })
}

fn display_of(p: &Path) -> String {
    let s = p.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Walk every input; `skip` (the output directory) is never entered.
pub fn walk(inputs: &[PathBuf], skip: Option<&Path>) -> (Vec<DiskItem>, Vec<WalkError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Err(e) => errors.push(WalkError {
                display: display_of(input),
                message: format!("cannot read input: {e}"),
            }),
            Ok(m) if m.is_dir() => walk_dir(input, input, "", skip, &mut items, &mut errors),
            Ok(m) => items.push(DiskItem {
                path: input.clone(),
                display: display_of(input),
                rel: String::new(),
                size: m.len(),
                mtime_ns: mtime_ns(&m),
            }),
        }
    }
    // The same file given twice (or inside two inputs) is audited once.
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.display.clone()));
    (items, errors)
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    rel: &str,
    skip: Option<&Path>,
    items: &mut Vec<DiskItem>,
    errors: &mut Vec<WalkError>,
) {
    if let Some(skip) = skip {
        if std::fs::canonicalize(dir).ok().as_deref() == Some(skip) {
            return;
        }
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(WalkError {
                display: display_of(dir),
                message: format!("cannot list directory: {e}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if is_hidden(&name) {
            continue;
        }
        let path = e.path();
        let name_s = name.to_string_lossy();
        let child_rel = if rel.is_empty() {
            name_s.into_owned()
        } else {
            format!("{rel}/{name_s}")
        };
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk_dir(root, &path, &child_rel, skip, items, errors);
            continue;
        }
        // Follow file symlinks, never directory symlinks.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(err) => {
                errors.push(WalkError {
                    display: display_of(&path),
                    message: format!("cannot read file: {err}"),
                });
                continue;
            }
        };
        if !meta.is_file() {
            continue;
        }
        let _ = root;
        items.push(DiskItem {
            display: display_of(&path),
            path,
            rel: child_rel,
            size: meta.len(),
            mtime_ns: mtime_ns(&meta),
        });
    }
}
