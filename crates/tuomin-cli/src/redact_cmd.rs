//! `tuomin redact`: write a masked copy of one input, in its own
//! encoding, streaming, and atomically when writing a file.

use std::collections::BTreeMap;
use std::fs::{self, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tuomin_core::stream::{RedactedPiece, StreamRedactor};
use tuomin_core::{Kind, Policy, Scanner};
use tuomin_pipeline::decode::{Malformed, TextEncoder};
use tuomin_pipeline::{redact_bytes, split_not_checked, PipelineOptions};

use crate::args::RedactArgs;
use crate::atomic::AtomicFile;
use crate::input::{self, Opened, TextReader};
use crate::scan_cmd::{EXIT_CLEAN, EXIT_ERROR};
use crate::settings;
use crate::walk::{io_reason, Input};

/// Where the masked text goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

/// Runs `tuomin redact` and returns the exit status.
pub fn run(args: &RedactArgs) -> u8 {
    match redact(args) {
        Ok(()) => EXIT_CLEAN,
        Err(message) => {
            eprintln!("tuomin: error: {message}");
            EXIT_ERROR
        }
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn destination(args: &RedactArgs) -> Result<Destination, String> {
    let input = &args.input;
    if args.in_place {
        if is_stdin(input) {
            return Err(
                "--in-place needs a file: standard input cannot be replaced; \
                        use -o OUTPUT or leave both out to write to standard output"
                    .to_string(),
            );
        }
        return Ok(Destination::File(input.clone()));
    }
    match &args.output {
        Some(out) if is_stdin(out) => Ok(Destination::Stdout),
        Some(out) => {
            if !is_stdin(input) && same_file(input, out) {
                return Err(format!(
                    "{}: the output is the input file; tuomin never overwrites its input \
                     unless you ask for it: pass --in-place instead of -o to replace it, \
                     or choose another output file",
                    out.display()
                ));
            }
            if out.is_dir() {
                return Err(format!(
                    "{}: is a folder; give the output a file name, e.g. -o {}",
                    out.display(),
                    out.join("脱敏.txt").display()
                ));
            }
            Ok(Destination::File(out.clone()))
        }
        None if is_stdin(input) => Ok(Destination::Stdout),
        None => Err(format!(
            "{}: say where the masked copy goes: pass -o OUTPUT to write a new file \
             (e.g. -o {}), -o - for standard output, or --in-place to replace the file itself",
            input.display(),
            suggested_output(input).display()
        )),
    }
}

/// `名单.txt` → `名单-脱敏.txt`.
fn suggested_output(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let name = match input.extension() {
        Some(ext) => format!("{stem}-脱敏.{}", ext.to_string_lossy()),
        None => format!("{stem}-脱敏"),
    };
    input.with_file_name(name)
}

/// Permissions for a new output file: those of the file it replaces, else
/// those of the input, else the usual rw-r--r--.
fn output_permissions(input: &Path, dest: &Path) -> Option<Permissions> {
    if let Ok(meta) = fs::metadata(dest) {
        return Some(meta.permissions());
    }
    if !is_stdin(input) {
        if let Ok(meta) = fs::metadata(input) {
            return Some(meta.permissions());
        }
    }
    default_permissions()
}

#[cfg(unix)]
fn default_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<Permissions> {
    None
}

fn redact(args: &RedactArgs) -> Result<(), String> {
    let dest = destination(args)?;
    let input = if is_stdin(&args.input) {
        Input::Stdin
    } else {
        let path = &args.input;
        let meta =
            fs::metadata(path).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
        if meta.is_dir() {
            return Err(format!(
                "{}: is a folder; redact works on one file at a time \
                 (use `tuomin scan {}` to check a whole folder)",
                path.display(),
                path.display()
            ));
        }
        Input::File(path.clone())
    };
    let label = input.label();
    let settings = settings::load(
        args.common.config.as_deref(),
        &settings::Overrides::default(),
    )
    .map_err(|e| {
        if e.message.starts_with(&e.path) {
            e.message
        } else {
            format!("{}: {}", e.path, e.message)
        }
    })?;
    let policy = settings.policy.as_ref().map_err(|e| {
        if e.message.starts_with(&e.path) {
            e.message.clone()
        } else {
            format!("{}: {}", e.path, e.message)
        }
    })?;
    let opened = input::open(&input, args.common.encoding).map_err(|m| format!("{label}: {m}"))?;
    let reader = match opened {
        Opened::Text(reader) => reader,
        Opened::Document(bytes) => {
            return redact_document(args, &input, &bytes, &dest, &settings.scanner, policy)
        }
    };
    redact_text(args, reader, &label, &dest, &settings.scanner, policy)
}

/// Writes `bytes` to `dest`, atomically when it is a file.
fn write_whole(args: &RedactArgs, dest: &Destination, bytes: &[u8]) -> Result<(), String> {
    match dest {
        Destination::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write standard output: {}", io_reason(&e)))
        }
        Destination::File(path) => {
            let mut f = AtomicFile::create(path)?;
            f.writer()
                .write_all(bytes)
                .map_err(|e| format!("cannot write {}: {}", path.display(), io_reason(&e)))?;
            f.commit(output_permissions(&args.input, path))
        }
    }
}

fn dest_name(dest: &Destination) -> String {
    match dest {
        Destination::Stdout => "standard output".to_string(),
        Destination::File(p) => p.display().to_string(),
    }
}

/// A document: redacted whole by the pipeline, written in its own format.
fn redact_document(
    args: &RedactArgs,
    input: &Input,
    bytes: &[u8],
    dest: &Destination,
    scanner: &Scanner,
    policy: &Policy,
) -> Result<(), String> {
    let label = input.label();
    let path = match input {
        Input::File(p) => p.as_path(),
        Input::Stdin => Path::new(""),
    };
    let opts = PipelineOptions {
        encoding: args.common.encoding.forced(),
        ..PipelineOptions::default()
    };
    let red = redact_bytes(scanner, policy, path, bytes, &opts)
        .map_err(|e| format!("{label}: {e}; nothing was written"))?;
    if !red.not_checked.is_empty() {
        let parts: Vec<String> = red
            .not_checked
            .iter()
            .map(|w| match split_not_checked(w) {
                (Some(l), m) => format!("{l}: {m}"),
                (None, m) => m,
            })
            .collect();
        if !args.allow_unchecked {
            return Err(format!(
                "{label}: parts of the document could not be checked ({}); nothing was written. \
                 Check them by hand and pass --allow-unchecked to write the masked copy anyway",
                parts.join("; ")
            ));
        }
        for p in &parts {
            eprintln!("tuomin: warning: {label}: not checked, left as it is: {p}");
        }
    }
    write_whole(args, dest, &red.bytes)?;
    report_done(&red.edits_by_kind, &label, &dest_name(dest));
    Ok(())
}

fn report_done(by_kind: &BTreeMap<Kind, usize>, label: &str, dest_name: &str) {
    let total: usize = by_kind.values().sum();
    if total == 0 {
        eprintln!("tuomin: nothing to mask in {label}; wrote an unchanged copy to {dest_name}");
    } else {
        let kinds: Vec<String> = by_kind
            .iter()
            .map(|(k, n)| format!("{} {} {n}", k.label_zh(), k.as_str()))
            .collect();
        eprintln!(
            "tuomin: masked {total} item{} in {label} ({}) -> {dest_name}",
            if total == 1 { "" } else { "s" },
            kinds.join(", ")
        );
    }
}

/// Plain text, streamed in its own encoding.
fn redact_text(
    args: &RedactArgs,
    mut reader: TextReader,
    label: &str,
    dest: &Destination,
    scanner: &Scanner,
    policy: &Policy,
) -> Result<(), String> {
    let sniffed = reader.sniffed;
    let mut encoder = TextEncoder::new(sniffed.encoding, sniffed.bom_len > 0);
    let mut redactor = StreamRedactor::new(scanner, policy);
    let mut by_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut bytes = Vec::new();

    let mut sink = match dest {
        Destination::Stdout => Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        Destination::File(path) => Sink::File(AtomicFile::create(path)?),
    };
    let dest_name = dest_name(dest);
    let write_err = |e: io::Error| format!("cannot write {dest_name}: {}", io_reason(&e));

    let mut emit = |piece: RedactedPiece, last: bool, sink: &mut Sink| {
        for edit in &piece.edits {
            *by_kind.entry(edit.kind).or_default() += 1;
        }
        bytes.clear();
        encoder.encode(&piece.text, &mut bytes, last);
        sink.write_all(&bytes).map_err(write_err)
    };
    let refuse = |m: Malformed| {
        let outcome = match dest {
            Destination::File(_) => "nothing was written",
            Destination::Stdout => "the output is incomplete",
        };
        format!("{label}: {}; {outcome}", m.message())
    };
    while let Some(piece) = reader.next_piece().map_err(|m| format!("{label}: {m}"))? {
        if let Some(m) = reader.malformed() {
            return Err(refuse(m));
        }
        emit(redactor.push(&piece), false, &mut sink)?;
    }
    if let Some(m) = reader.malformed() {
        return Err(refuse(m));
    }
    emit(redactor.finish(), true, &mut sink)?;
    match sink {
        Sink::Stdout(mut w) => w.flush().map_err(write_err)?,
        Sink::File(f) => {
            let perms = match dest {
                Destination::File(p) => output_permissions(&args.input, p),
                Destination::Stdout => None,
            };
            f.commit(perms)?;
        }
    }

    report_done(&by_kind, label, &dest_name);
    Ok(())
}

/// The open destination.
enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
}

impl Sink {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(bytes),
            Sink::File(f) => f.writer().write_all(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_sibling_name() {
        assert_eq!(
            suggested_output(Path::new("dir/名单.txt")),
            PathBuf::from("dir/名单-脱敏.txt")
        );
        assert_eq!(
            suggested_output(Path::new("名单")),
            PathBuf::from("名单-脱敏")
        );
    }
}
