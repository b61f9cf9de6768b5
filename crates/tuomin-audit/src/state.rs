//! The state file `DIR/state.jsonl`: one JSON object a line, appended and
//! flushed after each finished file, so that an interrupted run loses no
//! finished result. The first line is a header naming the engine the
//! results were produced with; a state made by another engine is ignored.
//!
//! Line types (`"t"`):
//! - `header`: `{"t":"header","state_format":1,"engine":"…"}`
//! - `file`: one scanned file or archive member (or an error entry);
//! - `container`: written after every member of a zip archive is recorded.
//!
//! Loading keeps the last line for each path; a torn last line (a run
//! killed while writing) is cut off before appending.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::engine::AuditFinding;

/// Version of the state line layout.
pub const STATE_FORMAT: u32 = 1;

/// How a record is identified without reading the content: `size` plus
/// `ident`, which is `"mtime:<ns>"` for files on disk and `"crc:<hex>"` for
/// archive members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub size: u64,
    pub ident: String,
}

/// One line of the state file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Line {
    /// First line.
    Header { state_format: u32, engine: String },
    /// A file or member and what scanning it gave.
    File(FileRecord),
    /// A zip archive whose members are all recorded.
    Container(ContainerRecord),
}

/// The result for one file or archive member.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileRecord {
    /// Display path; members as `archive.zip!dir/file.docx`.
    pub path: String,
    /// Folder (department) for the report: first path component under the input root.
    pub group: String,
    /// Size in bytes (uncompressed, for members).
    pub size: u64,
    /// `mtime:<ns>` or `crc:<hex>`.
    pub ident: String,
    /// xxh3-128 of the content, hex; absent when the content was not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Detected format name.
    #[serde(default)]
    pub format: Option<String>,
    /// Findings (masked previews; raw values only with show_values).
    #[serde(default)]
    pub findings: Vec<AuditFinding>,
    /// Parts that could not be checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_checked: Vec<String>,
    /// Why the file could not be audited, or null.
    pub error: Option<String>,
}

/// A zip archive all of whose members have been recorded.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ContainerRecord {
    pub path: String,
    pub size: u64,
    pub ident: String,
    /// How many file records the archive produced (nested ones included).
    pub members: u64,
}

/// What is remembered of an old line while a run goes on.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub offset: u64,
    pub id: Ident,
    pub hash: Option<String>,
    pub container: bool,
    pub members: u64,
}

#[derive(serde::Deserialize)]
struct Peek {
    t: String,
    #[serde(default)]
    path: String,
    #[serde(default)]
    size: u64,
    #[serde(default)]
    ident: String,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    members: u64,
    #[serde(default)]
    engine: String,
    #[serde(default)]
    state_format: u32,
}

/// A loaded state: the last line of each path, and how many record lines
/// the file holds (more than `index.len()` when some were superseded).
pub struct Loaded {
    pub index: HashMap<String, IndexEntry>,
    pub lines: usize,
}

/// Load the index of `path`; `None` when there is no usable state (missing,
/// empty, other engine). Cuts a torn last line off the file.
pub fn load(path: &Path, engine: &str) -> std::io::Result<Option<Loaded>> {
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut r = BufReader::with_capacity(1 << 16, &file);
    let mut buf = Vec::new();
    let mut offset = 0u64;
    let mut good_end = 0u64;
    let mut index = HashMap::new();
    let mut lines = 0usize;
    let mut first = true;
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        if buf.last() != Some(&b'\n') {
            break; // torn last line
        }
        let start = offset;
        offset += n as u64;
        good_end = offset;
        let Ok(p) = serde_json::from_slice::<Peek>(&buf) else {
            if first {
                return Ok(None);
            }
            continue;
        };
        if first {
            first = false;
            if p.t != "header" || p.engine != engine || p.state_format != STATE_FORMAT {
                return Ok(None);
            }
            continue;
        }
        match p.t.as_str() {
            "file" | "container" => {
                lines += 1;
                index.insert(
                    p.path,
                    IndexEntry {
                        offset: start,
                        id: Ident {
                            size: p.size,
                            ident: p.ident,
                        },
                        hash: p.hash,
                        container: p.t == "container",
                        members: p.members,
                    },
                );
            }
            _ => {}
        }
    }
    if first {
        return Ok(None);
    }
    drop(r);
    if file.metadata()?.len() != good_end {
        file.set_len(good_end)?;
    }
    Ok(Some(Loaded { index, lines }))
}

/// Appends lines, flushing each one.
pub struct Writer {
    out: BufWriter<File>,
    offset: u64,
    buf: Vec<u8>,
    /// Record lines appended (the header not counted).
    pub appended: u64,
}

impl Writer {
    /// Open `path` for appending; with `fresh`, truncate and write a header.
    pub fn open(path: &Path, engine: &str, fresh: bool) -> std::io::Result<Writer> {
        let file = if fresh {
            File::create(path)?
        } else {
            OpenOptions::new().append(true).open(path)?
        };
        let offset = file.metadata()?.len();
        let mut w = Writer {
            out: BufWriter::with_capacity(1 << 16, file),
            offset,
            buf: Vec::with_capacity(4096),
            appended: 0,
        };
        if fresh {
            w.append(&Line::Header {
                state_format: STATE_FORMAT,
                engine: engine.to_string(),
            })?;
        }
        Ok(w)
    }

    /// Append one line and flush it to the OS; returns its offset.
    pub fn append(&mut self, line: &Line) -> std::io::Result<u64> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, line)?;
        self.buf.push(b'\n');
        self.out.write_all(&self.buf)?;
        self.out.flush()?;
        let at = self.offset;
        self.offset += self.buf.len() as u64;
        if !matches!(line, Line::Header { .. }) {
            self.appended += 1;
        }
        Ok(at)
    }

    /// Flush and fsync; returns how many record lines were appended.
    pub fn finish(mut self) -> std::io::Result<u64> {
        self.out.flush()?;
        self.out.get_ref().sync_data()?;
        Ok(self.appended)
    }
}

/// Reads single lines at known offsets.
pub struct LineReader {
    r: BufReader<File>,
    buf: Vec<u8>,
}

impl LineReader {
    pub fn open(path: &Path) -> std::io::Result<LineReader> {
        Ok(LineReader {
            r: BufReader::with_capacity(1 << 14, File::open(path)?),
            buf: Vec::new(),
        })
    }

    /// The raw line (with its newline) at `offset`.
    pub fn raw_at(&mut self, offset: u64) -> std::io::Result<&[u8]> {
        self.r.seek(SeekFrom::Start(offset))?;
        self.buf.clear();
        self.r.read_until(b'\n', &mut self.buf)?;
        Ok(&self.buf)
    }

    /// The file record at `offset`.
    pub fn file_at(&mut self, offset: u64) -> std::io::Result<FileRecord> {
        let raw = self.raw_at(offset)?;
        parse_file_record(raw)
            .ok_or_else(|| std::io::Error::other("state line is not a file record"))
    }
}

/// Sequential iteration over the raw lines of a state file in batches of
/// up to `n` `(offset, line)` pairs (the header included: callers skip what
/// does not parse as a record).
pub fn for_each_batch(
    path: &Path,
    n: usize,
    mut f: impl FnMut(&[(u64, Vec<u8>)]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut r = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut offset = 0u64;
    let mut batch: Vec<(u64, Vec<u8>)> = Vec::with_capacity(n);
    loop {
        let mut buf = Vec::new();
        let len = r.read_until(b'\n', &mut buf)?;
        if len > 0 {
            batch.push((offset, buf));
            offset += len as u64;
        }
        if batch.len() == n || (len == 0 && !batch.is_empty()) {
            f(&batch)?;
            batch.clear();
        }
        if len == 0 {
            return Ok(());
        }
    }
}

/// Parse a `file` line straight into its record (faster than going through
/// the tagged [`Line`] enum, which buffers every field first).
pub fn parse_file_record(raw: &[u8]) -> Option<FileRecord> {
    if !raw.starts_with(br#"{"t":"file","#) {
        return None;
    }
    serde_json::from_slice(raw).ok()
}

/// Content hash used to tell a changed file from a touched one.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// `DIR/state.jsonl`.
pub fn state_path(dir: &Path) -> PathBuf {
    dir.join("state.jsonl")
}
