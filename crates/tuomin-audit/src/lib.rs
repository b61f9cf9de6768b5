//! # tuomin-audit — bulk re-audit (逐条排查) of published archives
//!
//! Walks directories and `.zip` archives (nested ones too), scans every
//! document with one shared [`Scanner`] on all cores, and writes reports to
//! an output directory:
//!
//! - `state.jsonl` — one line per finished file, appended and flushed as
//!   the run goes; a re-run skips what is unchanged and an interrupted run
//!   resumes where it stopped;
//! - `report.json` — totals and every file with its findings (masked);
//! - `findings.csv` — one row per finding, UTF-8 with BOM for Excel/WPS;
//! - `report.html` — a self-contained page: totals by kind and by folder,
//!   the riskiest files first, a filter by kind.
//!
//! ```no_run
//! use tuomin_audit::{run, AuditOptions};
//! let scanner = tuomin_core::Scanner::new();
//! let opts = AuditOptions::new(vec!["公开文件/".into()], "audit-out".into());
//! let summary = run(&scanner, &opts).unwrap();
//! eprintln!("{summary}");
//! std::process::exit(summary.exit_code());
//! ```
//!
//! ## Report formats
//! - `report.json`: `{"tool","version","show_values","totals":{"files",
//!   "files_with_findings","findings","errors","not_checked","by_kind":{kind:n}},
//!   "by_folder":{folder:{"files","files_with_findings","findings","errors","risk"}},
//!   "files":[{"path","folder","format","findings":[{"kind","kind_zh",
//!   "location","preview","score"}],"not_checked"?,"error":null|"reason"}]}`.
//!   Files are sorted by path; archive members are `archive.zip!dir/file.docx`.
//!   A finding has `"text"` (the raw value) only with [`AuditOptions::show_values`].
//! - `findings.csv`: UTF-8 with BOM, CRLF, RFC 4180 quoting; columns
//!   `file,location,kind,kind_zh,preview,score` (+ `value` with show_values).
//!   Cells starting with `= + - @` get a leading `'` (no formulas in Excel/WPS).
//! - `report.html`: self-contained (inline CSS/JS, nothing fetched), totals,
//!   by kind, by folder (the first path component under the input root),
//!   files ranked by severity-weighted findings (high 10, medium 3, low 1),
//!   a filter by kind, errors and unchecked parts.
//! - `summary.json`: the totals of the last reports; lets a re-run with
//!   nothing changed skip rewriting them.
//!
//! ## Change detection
//! A file on disk is unchanged when its path, size and modification time
//! equal the recorded ones (the fast path: nothing is read). When size or
//! mtime differ the file is read and hashed (xxh3-128); an equal hash
//! reuses the recorded result without scanning. With
//! [`AuditOptions::verify`] every file is read and hashed. Archive members
//! are identified by their size and CRC-32 from the zip directory, so one
//! changed member of a re-packed archive is the only one scanned again.
//! A state written by another build of tuomin (detectors, dictionaries,
//! formats) or with other scanner settings is discarded as a whole.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod audit;
mod engine;
mod html;
mod progress;
mod report;
mod state;
mod walk;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

pub use engine::AuditFinding;
pub use progress::Progress;
pub use tuomin_formats::Limits;

/// Everything [`run`] needs besides the scanner.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    /// Directories, files and `.zip` archives to audit.
    pub inputs: Vec<PathBuf>,
    /// Where `state.jsonl` and the reports go (created when missing).
    pub out_dir: PathBuf,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// How progress is shown on stderr.
    pub progress: Progress,
    /// Seconds between two progress lines in [`Progress::Lines`] mode.
    pub progress_interval: Duration,
    /// Limits for reading one document (entries of a DOCX, inflated
    /// bytes, XML depth, PDF objects …); `max_ratio` also applies to the
    /// members of audited archives.
    pub limits: Limits,
    /// Most members an audited `.zip` archive may have (an archive over it
    /// is an error entry). Default 200,000.
    pub max_archive_entries: usize,
    /// Most bytes all members of one audited archive may inflate to
    /// (declared and actual); members are read one at a time, so this
    /// bounds work, not memory. Default 64 GiB.
    pub max_archive_bytes: u64,
    /// A file (or member) larger than this is an error entry
    /// "too large for audit (use tuomin scan)". Default 256 MiB.
    pub max_file_bytes: u64,
    /// How deep zip archives inside zip archives are opened. Default 2
    /// (an archive inside an archive).
    pub zip_depth: usize,
    /// Write raw values into the state and the reports. Default false:
    /// only masked previews are ever written.
    pub show_values: bool,
    /// Re-read and re-hash every file, even when size and mtime are unchanged.
    pub verify: bool,
    /// Ignore any existing state and scan everything again.
    pub fresh: bool,
    /// Extra text that, when it changes, invalidates the state: the CLI
    /// passes a digest of the effective configuration (allowlists, kinds,
    /// threshold) here.
    pub config_tag: String,
    /// Most files listed with their findings in `report.html` (the rest are
    /// in `report.json` and `findings.csv`). Default 5000.
    pub html_max_files: usize,
}

impl AuditOptions {
    /// Options with defaults for `inputs` and `out_dir`.
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf) -> AuditOptions {
        AuditOptions {
            inputs,
            out_dir,
            threads: None,
            progress: Progress::Auto,
            progress_interval: Duration::from_secs(5),
            limits: Limits::default(),
            max_archive_entries: 200_000,
            max_archive_bytes: 64 << 30,
            max_file_bytes: 256 << 20,
            zip_depth: 2,
            show_values: false,
            verify: false,
            fresh: false,
            config_tag: String::new(),
            html_max_files: 5000,
        }
    }
}

/// What a run found, and what it did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditSummary {
    /// Files and archive members in the report.
    pub files: u64,
    /// Of those, how many have at least one finding.
    pub files_with_findings: u64,
    /// Findings in all.
    pub findings: u64,
    /// Error entries (unreadable, corrupt, too large, zip bombs …).
    pub errors: u64,
    /// Findings per kind name.
    pub by_kind: BTreeMap<String, u64>,
    /// Files scanned in this run.
    pub scanned: u64,
    /// Files whose recorded result was reused (unchanged).
    pub reused: u64,
    /// Recorded files no longer present, dropped from the state.
    pub removed: u64,
    /// Bytes read and scanned in this run.
    pub bytes_scanned: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// `report.json`.
    pub report_json: PathBuf,
    /// `findings.csv`.
    pub findings_csv: PathBuf,
    /// `report.html`.
    pub report_html: PathBuf,
}

impl AuditSummary {
    /// The process exit code, like `tuomin scan`: 2 when any error entry
    /// exists, else 1 when anything was found, else 0.
    ///
    /// ```
    /// let mut s = tuomin_audit::AuditSummary::default();
    /// assert_eq!(s.exit_code(), 0);
    /// s.files_with_findings = 3;
    /// assert_eq!(s.exit_code(), 1);
    /// s.errors = 1;
    /// assert_eq!(s.exit_code(), 2);
    /// ```
    pub fn exit_code(&self) -> i32 {
        if self.errors > 0 {
            2
        } else if self.files_with_findings > 0 {
            1
        } else {
            0
        }
    }
}

impl std::fmt::Display for AuditSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {} with findings, {} findings, {} errors ({} scanned, {} unchanged, {} removed) in {:.1}s; reports: {}",
            self.files,
            self.files_with_findings,
            self.findings,
            self.errors,
            self.scanned,
            self.reused,
            self.removed,
            self.elapsed.as_secs_f64(),
            self.report_html.display()
        )
    }
}

/// Why a run could not complete. Problems with single files are never
/// errors of the run: they are error entries in the report.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// No input was given.
    #[error("no input given: name directories, files or .zip archives to audit")]
    NoInputs,
    /// The output directory or one of its files could not be written.
    #[error("cannot write to the output directory {dir}: {source}")]
    Output {
        /// The directory.
        dir: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The worker thread pool could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

pub use audit::run;

/// A temporary file in `dir` for an atomic write (temp + rename), created
/// with the permissions an ordinary new file gets (0666 less the umask),
/// not tempfile's private 0600, so reports can be shared like any file.
pub(crate) fn temp_in(dir: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".tuomin-audit-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}
