//! `tuomin-eval [CORPUS_DIR]`: measure the scanner on the labeled corpus.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use tuomin_core::{Kind, Scanner};
use tuomin_eval::{evaluate_with, load_corpus, measure_throughput, EvalOptions, Split};

/// Measure the tuomin scanner on the labeled corpus: precision, recall and
/// F1 per kind (exact and overlap matching), leak rate, false alarms on
/// PII-free documents and throughput.
#[derive(Parser, Debug)]
#[command(name = "tuomin-eval", version)]
struct Args {
    /// Corpus directory (holds labels.jsonl, manifest.jsonl, handwritten/).
    #[arg(default_value = "corpus")]
    corpus: PathBuf,
    /// Print up to N false positives and N false negatives per kind, with
    /// context.
    #[arg(long, value_name = "N")]
    errors: Option<usize>,
    /// Print the whole result as JSON instead of Markdown.
    #[arg(long)]
    json: bool,
    /// Only these kinds (comma-separated, e.g. `id_card,mobile`).
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    kinds: Vec<Kind>,
    /// Which documents to evaluate.
    #[arg(long, value_enum, default_value_t = SplitArg::All)]
    split: SplitArg,
    /// Timed scans of the whole corpus for the throughput (median); 0 skips.
    #[arg(long, default_value_t = 3, value_name = "N")]
    runs: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SplitArg {
    Generated,
    Handwritten,
    All,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.trim()
        .parse()
        .map_err(|e: tuomin_core::UnknownKind| e.to_string())
}

fn main() -> ExitCode {
    let args = Args::parse();
    let corpus = match load_corpus(&args.corpus) {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "tuomin-eval: cannot load the corpus in {}: {e}",
                args.corpus.display()
            );
            return ExitCode::from(2);
        }
    };
    let split = match args.split {
        SplitArg::Generated => Some(Split::Generated),
        SplitArg::Handwritten => Some(Split::Handwritten),
        SplitArg::All => None,
    };
    let corpus = corpus.only(split);
    if corpus.docs.is_empty() {
        eprintln!(
            "tuomin-eval: no documents in {} for split {:?}",
            args.corpus.display(),
            args.split
        );
        return ExitCode::from(2);
    }
    let scanner = Scanner::new();
    let options = EvalOptions {
        kinds: args.kinds.clone(),
        examples: args.errors.unwrap_or(0),
    };
    let mut report = evaluate_with(&scanner, &corpus, &options);
    if args.runs > 0 {
        report.throughput = Some(measure_throughput(&scanner, &corpus, args.runs));
    }
    let mut out = String::new();
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => {
                out.push_str(&s);
                out.push('\n');
            }
            Err(e) => {
                eprintln!("tuomin-eval: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        out.push_str(&report.to_markdown());
        if args.errors.is_some_and(|n| n > 0) {
            out.push('\n');
            out.push_str(&report.errors_text());
        }
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("tuomin-eval: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
