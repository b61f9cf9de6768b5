//! `tuomin scan`: read every input as a stream, report findings and
//! errors, and compute the exit status.

use std::io::{self, BufWriter, IsTerminal, Write};

use tuomin_core::config::GateConfig;
use tuomin_core::stream::StreamScanner;
use tuomin_core::{Finding, Kind, Scanner};

use crate::args::{ColorChoice, EncodingArg, ScanArgs};
use crate::input::TextReader;
use crate::linecol::LineTracker;
use crate::output::{Located, Reporter};
use crate::settings;
use crate::walk::{walk, Input};

/// Exit status: nothing found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above the threshold that fail the gate
/// (`[gate] fail_on` in tuomin.toml; by default every finding).
pub const EXIT_FOUND: u8 = 1;
/// Exit status: an error occurred.
pub const EXIT_ERROR: u8 = 2;

/// Which findings are reported, and which of them fail the gate.
struct Filter {
    kinds: Vec<Kind>,
    min_score: f32,
    gate: GateConfig,
}

impl Filter {
    fn keeps(&self, f: &Finding) -> bool {
        f.score >= self.min_score && (self.kinds.is_empty() || self.kinds.contains(&f.kind))
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
    // The scanner already applies the thresholds; this guards the report
    // should a scanner ever return more than it was asked for.
    let filter = Filter {
        kinds: args.kinds.clone(),
        min_score: args.min_score.unwrap_or(0.0),
        gate: settings.gate.clone(),
    };
    let mut failing = 0usize;
    let mut failure: Option<io::Error> = None;
    walk(&args.paths, &mut |item| {
        if failure.is_some() {
            return;
        }
        let result = match item {
            Err(e) => reporter.error(&e.path, &e.message),
            Ok(input) => scan_input(
                &input,
                &settings.scanner,
                args.common.encoding,
                &filter,
                &mut reporter,
                &mut failing,
            ),
        };
        if let Err(e) = result {
            failure = Some(e);
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let summary = reporter.finish()?;
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if failing > 0 {
        EXIT_FOUND
    } else {
        EXIT_CLEAN
    })
}

/// Scans one input, reporting its findings and errors. Only a failure to
/// write the report is returned as an error.
fn scan_input<W: Write>(
    input: &Input,
    scanner: &Scanner,
    encoding: EncodingArg,
    filter: &Filter,
    reporter: &mut Reporter<W>,
    failing: &mut usize,
) -> io::Result<()> {
    let label = input.label();
    reporter.begin_input();
    let mut reader = match TextReader::open(input, encoding) {
        Ok(r) => r,
        Err(message) => return reporter.error(&label, &message),
    };
    let base = reader.span_base();
    let mut stream = StreamScanner::new(scanner);
    let mut lines = LineTracker::new();
    let mut report = |found: Vec<Finding>, lines: &mut LineTracker, reporter: &mut Reporter<W>| {
        for f in found.iter().filter(|f| filter.keeps(f)) {
            if filter.gate.fails_on(f.kind) {
                *failing += 1;
            }
            let (line, column) = lines.locate(f.start);
            reporter.finding(&Located {
                path: &label,
                finding: f,
                start: f.start + base,
                end: f.end + base,
                line,
                column,
            })?;
        }
        io::Result::Ok(())
    };
    let read_error = loop {
        match reader.next_piece() {
            Ok(Some(piece)) => {
                lines.push(&piece);
                report(stream.push(&piece), &mut lines, reporter)?;
                lines.advance_to(stream.settled());
            }
            Ok(None) => break None,
            Err(message) => break Some(message),
        }
    };
    report(stream.finish(), &mut lines, reporter)?;
    if let Some(message) = read_error {
        reporter.error(&label, &message)?;
    }
    if let Some(m) = reader.malformed() {
        reporter.error(&label, &m.message())?;
    }
    reporter.end_input()
}
