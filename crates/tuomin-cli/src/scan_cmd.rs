//! `tuomin scan`: read every input as a stream, report findings and
//! errors, and compute the exit status.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use tuomin_core::config::GateConfig;
use tuomin_core::stream::StreamScanner;
use tuomin_core::{Finding, Kind, Scanner};
use tuomin_pipeline::{scan_bytes, split_not_checked, PipelineOptions};

use crate::allow::MarkerLines;
use crate::args::{ColorChoice, EncodingArg, ScanArgs};
use crate::baseline::{self, Baseline, Entry, Key};
use crate::input::{self, Opened};
use crate::linecol::LineTracker;
use crate::output::{Located, Reporter};
use crate::settings;
use crate::walk::{walk, Input};

/// Exit status: nothing found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the threshold that fail the gate
/// (`--fail-on` / `[gate] fail_on`; by default high and medium severity).
pub const EXIT_FOUND: u8 = 1;
/// Exit status: an error occurred (or a part of a document could not be
/// checked, without `--allow-unchecked`).
pub const EXIT_ERROR: u8 = 2;

/// Which findings are reported, and which of them fail the gate.
struct Filter {
    kinds: Vec<Kind>,
    min_score: f32,
    gate: GateConfig,
}

impl Filter {
    fn keeps(&self, kind: Kind, score: f32) -> bool {
        score >= self.min_score && (self.kinds.is_empty() || self.kinds.contains(&kind))
    }
}

/// A finding about to be reported.
struct Candidate<'a> {
    kind: Kind,
    text: &'a str,
    score: f32,
    checks: &'a [&'static str],
    context: Option<&'a str>,
    start: usize,
    end: usize,
    line: Option<u64>,
    column: Option<u64>,
    location: Option<&'a str>,
}

/// The state of one `tuomin scan` run.
struct Run<'a> {
    scanner: &'a Scanner,
    encoding: EncodingArg,
    filter: Filter,
    allow_unchecked: bool,
    /// The key fingerprints are made with, if any.
    key: Option<Key>,
    baseline: Option<Baseline>,
    /// Findings recorded for `--write-baseline`.
    accepted: Option<Vec<Entry>>,
    /// Reported findings that fail the gate.
    failing: usize,
    /// Parts not checked that make the exit status 2.
    unchecked: usize,
}

impl Run<'_> {
    fn report<W: Write>(
        &mut self,
        reporter: &mut Reporter<W>,
        path: &str,
        c: &Candidate<'_>,
    ) -> io::Result<()> {
        if !self.filter.keeps(c.kind, c.score) {
            return Ok(());
        }
        let fingerprint = self
            .key
            .as_ref()
            .map(|k| k.fingerprint(path, c.kind, c.text));
        if let (Some(b), Some(fp)) = (&self.baseline, &fingerprint) {
            if b.contains(path, c.kind, fp) {
                return Ok(());
            }
        }
        if let (Some(acc), Some(fp)) = (&mut self.accepted, &fingerprint) {
            acc.push(Entry {
                path: path.to_string(),
                kind: c.kind,
                location: match (c.location, c.line, c.column) {
                    (Some(l), _, _) => l.to_string(),
                    (None, Some(l), Some(col)) => format!("{l}:{col}"),
                    _ => String::new(),
                },
                fingerprint: fp.clone(),
            });
        }
        if self.filter.gate.fails_on(c.kind) {
            self.failing += 1;
        }
        reporter.finding(&Located {
            path,
            kind: c.kind,
            text: c.text,
            score: c.score,
            checks: c.checks,
            context: c.context,
            start: c.start,
            end: c.end,
            line: c.line,
            column: c.column,
            location: c.location,
            fingerprint: fingerprint.as_deref(),
        })
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Runs `tuomin scan` and returns the exit status.
pub fn run(args: &ScanArgs) -> u8 {
    let stdout = io::stdout();
    let out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let reporter = Reporter::new(out, args.format, use_color(args.color), args.show_values);
    match scan_all(args, reporter) {
        Ok(code) => code,
        // The reader of our output went away (`tuomin scan | head`).
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_FOUND,
        Err(e) => {
            eprintln!("tuomin: error: cannot write the report: {e}");
            EXIT_ERROR
        }
    }
}

fn scan_all<W: Write>(args: &ScanArgs, mut reporter: Reporter<W>) -> io::Result<u8> {
    let overrides = settings::Overrides {
        min_score: args.min_score,
        kinds: args.kinds.clone(),
    };
    let settings = match settings::load(args.common.config.as_deref(), &overrides) {
        Ok(s) => s,
        Err(e) => {
            reporter.error(&e.path, &e.message)?;
            reporter.finish()?;
            return Ok(EXIT_ERROR);
        }
    };
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(message) => {
            let path = args
                .baseline
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            reporter.error(&path, &message)?;
            reporter.finish()?;
            return Ok(EXIT_ERROR);
        }
    };
    // The key: the baseline's own, else the environment's, else (to
    // write a baseline) a fresh random salt.
    let key = baseline
        .as_ref()
        .map(|b| b.key.clone())
        .or_else(|| Key::from_env(&settings.baseline_key_env))
        .or_else(|| args.write_baseline.as_ref().map(|_| Key::random_salt()));
    let mut gate = settings.gate.clone();
    if !args.fail_on.is_empty() {
        gate.fail_on = Some(args.fail_on.clone());
    }
    // The scanner already applies the thresholds; this guards the report
    // should a scanner ever return more than it was asked for.
    let mut run = Run {
        scanner: &settings.scanner,
        encoding: args.common.encoding,
        filter: Filter {
            kinds: args.kinds.clone(),
            min_score: args.min_score.unwrap_or(0.0),
            gate,
        },
        allow_unchecked: args.allow_unchecked,
        key,
        baseline,
        accepted: args.write_baseline.as_ref().map(|_| Vec::new()),
        failing: 0,
        unchecked: 0,
    };
    let mut failure: Option<io::Error> = None;
    walk(&args.paths, &mut |item| {
        if failure.is_some() {
            return;
        }
        let result = match item {
            Err(e) => reporter.error(&e.path, &e.message),
            Ok(input) => scan_input(&input, &mut run, &mut reporter),
        };
        if let Err(e) = result {
            failure = Some(e);
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let mut baseline_written = false;
    if let (Some(path), Some(entries), Some(key)) = (&args.write_baseline, &run.accepted, &run.key)
    {
        match baseline::write(path, key, entries) {
            Ok(()) => baseline_written = true,
            Err(message) => reporter.error(&path.display().to_string(), &message)?,
        }
    }
    let summary = reporter.finish()?;
    if baseline_written && summary.errors == 0 {
        eprintln!(
            "tuomin: recorded {} finding{} as accepted in {}",
            run.accepted.as_ref().map_or(0, Vec::len),
            if run.accepted.as_ref().map_or(0, Vec::len) == 1 {
                ""
            } else {
                "s"
            },
            args.write_baseline
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
    }
    Ok(if summary.errors > 0 || run.unchecked > 0 {
        EXIT_ERROR
    } else if baseline_written {
        EXIT_CLEAN
    } else if run.failing > 0 {
        EXIT_FOUND
    } else {
        EXIT_CLEAN
    })
}

/// Scans one input, reporting its findings and errors. Only a failure to
/// write the report is returned as an error.
fn scan_input<W: Write>(
    input: &Input,
    run: &mut Run<'_>,
    reporter: &mut Reporter<W>,
) -> io::Result<()> {
    let label = input.label();
    reporter.begin_input();
    match input::open(input, run.encoding) {
        Err(message) => reporter.error(&label, &message)?,
        Ok(Opened::Text(reader)) => scan_text(reader, &label, run, reporter)?,
        Ok(Opened::Document(bytes)) => scan_document(input, &bytes, &label, run, reporter)?,
    }
    reporter.end_input()
}

/// A document: read whole, scanned segment by segment by the pipeline.
fn scan_document<W: Write>(
    input: &Input,
    bytes: &[u8],
    label: &str,
    run: &mut Run<'_>,
    reporter: &mut Reporter<W>,
) -> io::Result<()> {
    let path = match input {
        Input::File(p) => p.as_path(),
        Input::Stdin => Path::new(""),
    };
    let opts = PipelineOptions {
        encoding: run.encoding.forced(),
        ..PipelineOptions::default()
    };
    let scan = match scan_bytes(run.scanner, path, bytes, &opts) {
        Ok(scan) => scan,
        Err(e) => return reporter.error(label, &e.to_string()),
    };
    let text_like = scan.format == "text";
    for f in &scan.findings {
        run.report(
            reporter,
            label,
            &Candidate {
                kind: f.kind,
                text: &f.text,
                score: f.score,
                checks: &f.checks,
                context: f.context.as_deref(),
                start: f.start + scan.span_base,
                end: f.end + scan.span_base,
                line: f.line.map(|l| l as u64),
                column: f.column.map(|c| c as u64),
                location: (!text_like).then_some(f.location.as_str()),
            },
        )?;
    }
    for w in &scan.not_checked {
        let (location, message) = split_not_checked(w);
        if !run.allow_unchecked {
            run.unchecked += 1;
        }
        reporter.not_checked(label, location.as_deref(), &message, !run.allow_unchecked)?;
    }
    Ok(())
}

/// Plain text, streamed: findings wait until their line is complete, to
/// know whether it holds the allow marker.
fn scan_text<W: Write>(
    mut reader: input::TextReader,
    label: &str,
    run: &mut Run<'_>,
    reporter: &mut Reporter<W>,
) -> io::Result<()> {
    let base = reader.span_base();
    let scanner = run.scanner;
    let mut stream = StreamScanner::new(scanner);
    let mut lines = LineTracker::new();
    let mut markers = MarkerLines::default();
    let mut pending: Vec<(Finding, u64, u64)> = Vec::new();
    let release = |pending: &mut Vec<(Finding, u64, u64)>,
                   markers: &MarkerLines,
                   run: &mut Run<'_>,
                   reporter: &mut Reporter<W>| {
        let ready = pending
            .iter()
            .take_while(|(_, line, _)| markers.is_complete(*line))
            .count();
        for (f, line, column) in pending.drain(..ready) {
            if markers.is_marked(line) {
                continue;
            }
            run.report(
                reporter,
                label,
                &Candidate {
                    kind: f.kind,
                    text: &f.text,
                    score: f.score,
                    checks: &f.evidence.checks,
                    context: f.evidence.context.as_deref(),
                    start: f.start + base,
                    end: f.end + base,
                    line: Some(line),
                    column: Some(column),
                    location: None,
                },
            )?;
        }
        io::Result::Ok(())
    };
    let locate =
        |found: Vec<Finding>, lines: &mut LineTracker, pending: &mut Vec<(Finding, u64, u64)>| {
            for f in found {
                let (line, column) = lines.locate(f.start);
                pending.push((f, line, column));
            }
        };
    let read_error = loop {
        match reader.next_piece() {
            Ok(Some(piece)) => {
                lines.push(&piece);
                markers.push(&piece);
                locate(stream.push(&piece), &mut lines, &mut pending);
                lines.advance_to(stream.settled());
                release(&mut pending, &markers, run, reporter)?;
            }
            Ok(None) => break None,
            Err(message) => break Some(message),
        }
    };
    locate(stream.finish(), &mut lines, &mut pending);
    markers.finish();
    release(&mut pending, &markers, run, reporter)?;
    if let Some(message) = read_error {
        reporter.error(label, &message)?;
    }
    if let Some(m) = reader.malformed() {
        reporter.error(label, &m.message())?;
    }
    Ok(())
}
