//! The run: walk, schedule on rayon, record each finished file, then
//! compact the state and write the reports.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rayon::prelude::*;
use tuomin_core::Scanner;
use zip::ZipArchive;

use crate::progress::{Counters, Reporter};
use crate::state::{self, ContainerRecord, FileRecord, Ident, IndexEntry, Line, Writer};
use crate::walk::{self, DiskItem};
use crate::{report, AuditError, AuditOptions, AuditSummary};

/// The message of a file over [`AuditOptions::max_file_bytes`].
pub(crate) const TOO_LARGE: &str = "too large for audit (use tuomin scan)";

/// Entries inflating to more than this are checked for their compression ratio.
const RATIO_FLOOR: u64 = 1 << 20;

/// Audit `opts.inputs` with `scanner` and write the state and the reports
/// into `opts.out_dir`.
///
/// Problems with single files (unreadable, corrupt, encrypted, too large,
/// zip bombs) are error entries in the reports, never a failure of the
/// run; the run fails only when the output directory cannot be written.
pub fn run(scanner: &Scanner, opts: &AuditOptions) -> Result<AuditSummary, AuditError> {
    let t0 = Instant::now();
    if opts.inputs.is_empty() {
        return Err(AuditError::NoInputs);
    }
    let out_err = |source: std::io::Error| AuditError::Output {
        dir: opts.out_dir.clone(),
        source,
    };
    std::fs::create_dir_all(&opts.out_dir).map_err(out_err)?;
    let out_canon = std::fs::canonicalize(&opts.out_dir).ok();
    let state_path = state::state_path(&opts.out_dir);
    let engine = engine_fingerprint(scanner, opts);

    let (items, walk_errors) = walk::walk(&opts.inputs, out_canon.as_deref());
    let loaded = if opts.fresh {
        None
    } else {
        state::load(&state_path, &engine).map_err(out_err)?
    };
    let fresh = loaded.is_none();
    let (index, old_lines) = loaded.map(|l| (l.index, l.lines)).unwrap_or_default();
    let writer = Writer::open(&state_path, &engine, fresh).map_err(out_err)?;

    let counters = Arc::new(Counters::default());
    counters
        .total
        .store((items.len() + walk_errors.len()) as u64, Ordering::Relaxed);
    let reporter = Reporter::start(opts.progress, counters.clone(), opts.progress_interval);
    let ctx = Ctx {
        scanner,
        opts,
        index,
        state_path: state_path.clone(),
        writer: Mutex::new(writer),
        live: Mutex::new(HashMap::new()),
        skipped: Mutex::new(HashSet::new()),
        counters: counters.clone(),
        abort: AtomicBool::new(false),
        fatal: Mutex::new(None),
    };
    for e in &walk_errors {
        ctx.emit(
            error_record(&e.display, "", 0, "unread", e.message.clone()),
            false,
        );
    }

    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool
        .build()
        .map_err(|e| AuditError::Threads(e.to_string()))?;
    pool.install(|| {
        items.par_iter().for_each(|it| ctx.process_disk(it));
    });
    reporter.finish();

    if let Some(e) = ctx.fatal.lock().unwrap_or_else(|e| e.into_inner()).take() {
        return Err(out_err(e));
    }
    let Ctx {
        index,
        writer,
        live,
        skipped,
        ..
    } = ctx;
    let appended = writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .finish()
        .map_err(out_err)?;
    let mut live = live.into_inner().unwrap_or_else(|e| e.into_inner());
    let skipped = skipped.into_inner().unwrap_or_else(|e| e.into_inner());
    // Members of archives reused as a whole keep their recorded lines.
    if !skipped.is_empty() {
        for (p, e) in &index {
            if !live.contains_key(p) && p.match_indices('!').any(|(i, _)| skipped.contains(&p[..i]))
            {
                live.insert(p.clone(), e.offset);
            }
        }
    }
    let removed = index
        .iter()
        .filter(|(p, e)| !e.container && !live.contains_key(*p))
        .count() as u64;
    // Nothing changed since the last complete run: the state holds exactly
    // the live lines and the reports made from it are still right.
    let unchanged = !fresh
        && appended == 0
        && removed == 0
        && live.len() == index.len()
        && old_lines == index.len();
    drop(index);
    let cached = if unchanged {
        report::cached_summary(&opts.out_dir, &state_path)
    } else {
        None
    };
    let mut summary = match cached {
        Some(s) => s,
        None => {
            let mut order: Vec<(String, u64)> = live.into_iter().collect();
            order.sort_unstable();
            compact(&state_path, &engine, &order).map_err(out_err)?;
            drop(order);
            pool.install(|| report::write_reports(&opts.out_dir, &state_path, opts))
                .map_err(out_err)?
        }
    };
    summary.scanned = counters.scanned.load(Ordering::Relaxed);
    summary.reused = counters.reused.load(Ordering::Relaxed);
    summary.bytes_scanned = counters.bytes.load(Ordering::Relaxed);
    summary.removed = removed;
    summary.elapsed = t0.elapsed();
    Ok(summary)
}

/// Names the engine and the settings the results depend on.
fn engine_fingerprint(scanner: &Scanner, opts: &AuditOptions) -> String {
    format!(
        "tuomin {} engine {} | {:?} | show_values={} max_file_bytes={} zip_depth={} archive={}/{} {:?} | {}",
        env!("CARGO_PKG_VERSION"),
        env!("TUOMIN_AUDIT_ENGINE"),
        scanner,
        opts.show_values,
        opts.max_file_bytes,
        opts.zip_depth,
        opts.max_archive_entries,
        opts.max_archive_bytes,
        opts.limits,
        opts.config_tag
    )
}

/// Rewrite the state with only the live lines, sorted by path.
fn compact(state_path: &Path, engine: &str, order: &[(String, u64)]) -> std::io::Result<()> {
    let dir = state_path.parent().unwrap_or(Path::new("."));
    let mut tmp = crate::temp_in(dir)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        let header = Line::Header {
            state_format: state::STATE_FORMAT,
            engine: engine.to_string(),
        };
        serde_json::to_writer(&mut w, &header)?;
        w.write_all(b"\n")?;
        let mut lr = state::LineReader::open(state_path)?;
        for (_, off) in order {
            w.write_all(lr.raw_at(*off)?)?;
        }
        w.flush()?;
    }
    tmp.as_file().sync_data()?;
    tmp.persist(state_path).map_err(|e| e.error)?;
    Ok(())
}

fn error_record(path: &str, rel: &str, size: u64, ident: &str, msg: String) -> FileRecord {
    FileRecord {
        path: path.to_string(),
        group: group_of(rel),
        size,
        ident: ident.to_string(),
        hash: None,
        format: None,
        findings: Vec::new(),
        not_checked: Vec::new(),
        error: Some(msg),
    }
}

/// The folder (department) of a path under its input root: its first
/// component, archives counting as folders.
pub(crate) fn group_of(rel: &str) -> String {
    let mut parts = rel.split(['/', '!']).filter(|s| !s.is_empty());
    match (parts.next(), parts.next()) {
        (Some(first), Some(_)) => first.to_string(),
        _ => "(根目录)".to_string(),
    }
}

fn mtime_ident(ns: Option<i128>) -> String {
    match ns {
        Some(ns) => format!("mtime:{ns}"),
        None => "mtime:?".into(),
    }
}

fn is_zip_magic(b: &[u8]) -> bool {
    b.starts_with(b"PK\x03\x04") || b.starts_with(b"PK\x05\x06")
}

/// A zip that is a document (DOCX/XLSX/PPTX/ODF), not an archive of files.
fn is_document_zip<R: Read + Seek>(a: &ZipArchive<R>) -> bool {
    a.file_names().filter_map(|n| n.ok()).any(|n| {
        n == "word/document.xml"
            || n == "xl/workbook.xml"
            || n == "[Content_Types].xml"
            || n == "mimetype"
    })
}

/// Positional reads of a file shared by threads: cheap to clone, so each
/// worker reads archive members on its own.
#[derive(Clone)]
struct SharedFile {
    file: Arc<File>,
    pos: u64,
    len: u64,
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, buf, self.pos)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(&*self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let p = match to {
            SeekFrom::Start(p) => p as i128,
            SeekFrom::End(d) => self.len as i128 + d as i128,
            SeekFrom::Current(d) => self.pos as i128 + d as i128,
        };
        if p < 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "seek before the start",
            ));
        }
        self.pos = p as u64;
        Ok(self.pos)
    }
}

struct Ctx<'a> {
    scanner: &'a Scanner,
    opts: &'a AuditOptions,
    index: HashMap<String, IndexEntry>,
    state_path: std::path::PathBuf,
    writer: Mutex<Writer>,
    /// path → offset of its line in the state file, for everything in this run.
    live: Mutex<HashMap<String, u64>>,
    /// Archives reused as a whole.
    skipped: Mutex<HashSet<String>>,
    counters: Arc<Counters>,
    abort: AtomicBool,
    fatal: Mutex<Option<std::io::Error>>,
}

struct Member {
    index: usize,
    name: String,
    size: u64,
    csize: u64,
    crc: u32,
    encrypted: bool,
}

impl Ctx<'_> {
    fn append(&self, path: &str, line: &Line) {
        let r = self
            .writer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .append(line);
        match r {
            Ok(off) => {
                self.live
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), off);
            }
            Err(e) => {
                self.abort.store(true, Ordering::Relaxed);
                let mut f = self.fatal.lock().unwrap_or_else(|e| e.into_inner());
                if f.is_none() {
                    *f = Some(e);
                }
            }
        }
    }

    /// Record a finished file.
    fn emit(&self, rec: FileRecord, scanned: bool) {
        let c = &self.counters;
        c.findings
            .fetch_add(rec.findings.len() as u64, Ordering::Relaxed);
        if rec.error.is_some() {
            c.errors.fetch_add(1, Ordering::Relaxed);
        }
        if scanned {
            c.scanned.fetch_add(1, Ordering::Relaxed);
            c.bytes.fetch_add(rec.size, Ordering::Relaxed);
        } else if rec.error.is_none() {
            c.reused.fetch_add(1, Ordering::Relaxed);
        }
        let path = rec.path.clone();
        self.append(&path, &Line::File(rec));
        c.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Keep the recorded line of an unchanged file.
    fn reuse(&self, path: &str, e: &IndexEntry) {
        self.live
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), e.offset);
        if e.container {
            self.skipped
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path.to_string());
            self.counters.reused.fetch_add(e.members, Ordering::Relaxed);
        } else {
            self.counters.reused.fetch_add(1, Ordering::Relaxed);
        }
        self.counters.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The recorded entry for `path` when its identity is unchanged.
    fn unchanged(&self, path: &str, id: &Ident) -> Option<&IndexEntry> {
        if self.opts.verify {
            return None;
        }
        self.index.get(path).filter(|e| &e.id == id)
    }

    /// Reuse the recorded result of a file whose content hash is unchanged
    /// (touched, copied back, re-packed): re-record it under its new identity.
    fn reuse_by_hash(&self, path: &str, id: &Ident, hash: &str) -> bool {
        let Some(e) = self.index.get(path) else {
            return false;
        };
        if e.container || e.hash.as_deref() != Some(hash) {
            return false;
        }
        let Ok(mut rec) =
            state::LineReader::open(&self.state_path).and_then(|mut r| r.file_at(e.offset))
        else {
            return false;
        };
        rec.size = id.size;
        rec.ident = id.ident.clone();
        self.emit(rec, false);
        true
    }

    fn process_disk(&self, it: &DiskItem) {
        if self.abort.load(Ordering::Relaxed) {
            return;
        }
        let id = Ident {
            size: it.size,
            ident: mtime_ident(it.mtime_ns),
        };
        if let Some(e) = self.unchanged(&it.display, &id) {
            self.reuse(&it.display, e);
            return;
        }
        let err = |msg: String| error_record(&it.display, &it.rel, it.size, &id.ident, msg);
        let file = match File::open(&it.path) {
            Ok(f) => f,
            Err(e) => return self.emit(err(format!("cannot read file: {e}")), true),
        };
        let mut head = [0u8; 4];
        let n = (&file).read(&mut head).unwrap_or(0);
        if is_zip_magic(&head[..n]) {
            let shared = SharedFile {
                file: Arc::new(file),
                pos: 0,
                len: it.size,
            };
            if let Ok(archive) = ZipArchive::new(shared) {
                if !is_document_zip(&archive) {
                    return self.process_container(archive, &it.display, &it.rel, 1, &id, it.size);
                }
            }
        } else if it
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            return self.emit(
                err("not a zip archive (corrupt or misnamed .zip)".into()),
                true,
            );
        }
        if it.size > self.opts.max_file_bytes {
            return self.emit(err(TOO_LARGE.into()), true);
        }
        let bytes = match std::fs::read(&it.path) {
            Ok(b) => b,
            Err(e) => return self.emit(err(format!("cannot read file: {e}")), true),
        };
        self.leaf(&it.display, &it.rel, &id, bytes);
    }

    /// Scan one file's bytes (or reuse its result when the hash is unchanged).
    fn leaf(&self, path: &str, rel: &str, id: &Ident, bytes: Vec<u8>) {
        let hash = state::hash(&bytes);
        if self.reuse_by_hash(path, id, &hash) {
            return;
        }
        let name = path.rsplit(['/', '!']).next().unwrap_or(path);
        let scanned = crate::engine::scan(
            self.scanner,
            Path::new(name),
            &bytes,
            &self.opts.limits,
            self.opts.show_values,
        );
        let mut rec = FileRecord {
            path: path.to_string(),
            group: group_of(rel),
            size: bytes.len() as u64,
            ident: id.ident.clone(),
            hash: Some(hash),
            format: None,
            findings: Vec::new(),
            not_checked: Vec::new(),
            error: None,
        };
        drop(bytes);
        match scanned {
            Ok(s) => {
                rec.format = s.format;
                rec.findings = s.findings;
                rec.not_checked = s.not_checked;
            }
            Err(e) => rec.error = Some(e),
        }
        self.emit(rec, true);
    }

    /// Audit every member of an archive, then record the archive itself.
    fn process_container<R: Read + Seek + Clone + Send + Sync>(
        &self,
        archive: ZipArchive<R>,
        path: &str,
        rel: &str,
        depth: usize,
        id: &Ident,
        size: u64,
    ) {
        match self.members(archive, path, rel, depth) {
            Ok(members) => {
                let rec = ContainerRecord {
                    path: path.to_string(),
                    size,
                    ident: id.ident.clone(),
                    members,
                };
                if !self.abort.load(Ordering::Relaxed) {
                    self.append(path, &Line::Container(rec));
                }
                self.counters.done.fetch_add(1, Ordering::Relaxed);
            }
            Err(msg) => self.emit(error_record(path, rel, size, &id.ident, msg), true),
        }
    }

    /// Returns how many file records the archive produced.
    fn members<R: Read + Seek + Clone + Send + Sync>(
        &self,
        mut archive: ZipArchive<R>,
        path: &str,
        rel: &str,
        depth: usize,
    ) -> Result<u64, String> {
        let max_entries = self.opts.max_archive_entries;
        let max_bytes = self.opts.max_archive_bytes;
        if archive.len() > max_entries {
            return Err(format!(
                "zip archive has {} entries, the limit is {max_entries} (possible zip bomb)",
                archive.len(),
            ));
        }
        let mut members = Vec::with_capacity(archive.len());
        let mut declared: u64 = 0;
        for i in 0..archive.len() {
            let f = archive
                .by_index_raw(i)
                .map_err(|e| format!("corrupt zip archive: {e}"))?;
            let name = f
                .name()
                .map_err(|e| format!("corrupt zip archive: {e}"))?
                .to_string();
            declared = declared.saturating_add(f.size());
            if f.is_dir()
                || name.ends_with('/')
                || name
                    .split('/')
                    .any(|c| c.starts_with('.') || c == "__MACOSX")
            {
                continue;
            }
            members.push(Member {
                index: i,
                name,
                size: f.size(),
                csize: f.compressed_size(),
                crc: f.crc32(),
                encrypted: f.encrypted(),
            });
        }
        if declared > max_bytes {
            return Err(format!(
                "possible zip bomb: the archive declares {declared} bytes uncompressed, the limit is {max_bytes}"
            ));
        }
        self.counters
            .total
            .fetch_add(members.len() as u64, Ordering::Relaxed);
        let budget = AtomicU64::new(max_bytes);
        let n = members
            .par_iter()
            .map(|m| self.member(&archive, m, path, rel, depth, &budget))
            .sum();
        Ok(n)
    }

    fn member<R: Read + Seek + Clone + Send + Sync>(
        &self,
        archive: &ZipArchive<R>,
        m: &Member,
        zpath: &str,
        zrel: &str,
        depth: usize,
        budget: &AtomicU64,
    ) -> u64 {
        if self.abort.load(Ordering::Relaxed) {
            return 0;
        }
        let path = format!("{zpath}!{}", m.name);
        let rel = if zrel.is_empty() {
            m.name.clone()
        } else {
            format!("{zrel}!{}", m.name)
        };
        let id = Ident {
            size: m.size,
            ident: format!("crc:{:08x}", m.crc),
        };
        if let Some(e) = self.unchanged(&path, &id) {
            self.reuse(&path, e);
            return if e.container { e.members } else { 1 };
        }
        let fail = |msg: String| {
            self.emit(error_record(&path, &rel, m.size, &id.ident, msg), true);
            1
        };
        if m.encrypted {
            return fail("the archive member is password-protected (encrypted)".into());
        }
        let ratio_limit = self.opts.limits.max_ratio;
        if m.size > RATIO_FLOOR && m.size / m.csize.max(1) > ratio_limit {
            return fail(format!(
                "possible zip bomb: the member inflates {}:1, the limit is {ratio_limit}:1",
                m.size / m.csize.max(1)
            ));
        }
        if m.size > self.opts.max_file_bytes {
            return fail(TOO_LARGE.into());
        }
        // Reserve the declared size from the archive's budget.
        if budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                b.checked_sub(m.size)
            })
            .is_err()
        {
            return fail("possible zip bomb: the archive inflates beyond the limit".into());
        }
        let mut archive = archive.clone();
        let bytes = match archive.by_index(m.index) {
            Ok(f) => {
                let mut out = Vec::with_capacity(m.size.min(64 << 20) as usize);
                match f.take(m.size + 1).read_to_end(&mut out) {
                    Ok(_) if out.len() as u64 > m.size => {
                        return fail(
                            "possible zip bomb: the member inflates beyond its declared size"
                                .into(),
                        )
                    }
                    Ok(_) => out,
                    Err(e) => return fail(format!("corrupt archive member: {e}")),
                }
            }
            Err(e) => return fail(format!("corrupt archive member: {e}")),
        };
        drop(archive);
        if is_zip_magic(&bytes) {
            let shared: Arc<[u8]> = bytes.into();
            match ZipArchive::new(Cursor::new(shared.clone())) {
                Ok(inner) if !is_document_zip(&inner) => {
                    if depth >= self.opts.zip_depth {
                        return fail(format!(
                            "nested archive not opened: deeper than zip_depth ({})",
                            self.opts.zip_depth
                        ));
                    }
                    return match self.members(inner, &path, &rel, depth + 1) {
                        Ok(n) => {
                            if !self.abort.load(Ordering::Relaxed) {
                                self.append(
                                    &path,
                                    &Line::Container(ContainerRecord {
                                        path: path.clone(),
                                        size: m.size,
                                        ident: id.ident.clone(),
                                        members: n,
                                    }),
                                );
                            }
                            self.counters.done.fetch_add(1, Ordering::Relaxed);
                            n
                        }
                        Err(msg) => fail(msg),
                    };
                }
                _ => {
                    self.leaf(&path, &rel, &id, shared.to_vec());
                    return 1;
                }
            }
        }
        self.leaf(&path, &rel, &id, bytes);
        1
    }
}
