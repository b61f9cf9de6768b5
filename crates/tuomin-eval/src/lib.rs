//! # tuomin-eval — measure the scanner on the labeled corpus
//!
//! Loads `corpus/` (documents, `labels.jsonl`, `manifest.jsonl` and the
//! hand-written part), scans every document with a
//! [`tuomin_core::Scanner`] and reports, per kind and micro-averaged:
//!
//! - precision, recall and F1 with **exact** matching (same kind, same
//!   byte span) and **overlap** matching (same kind, spans overlap;
//!   one-to-one, greedy by overlap length — a finding satisfies at most
//!   one label, extra findings on a label are false positives);
//! - the **leak rate**: the share of labeled characters (chars, not
//!   bytes) covered by no finding of any kind;
//! - `person_name` and `address` findings on PII-free documents;
//! - single-threaded throughput ([`measure_throughput`]).
//!
//! ```
//! use tuomin_core::{Kind, Scanner};
//! use tuomin_eval::{evaluate, Corpus, Document, Label};
//!
//! let text = "申请人身份证号：11010519491231002X。";
//! let start = text.find('1').unwrap();
//! let label = Label { kind: Kind::IdCard, start, end: start + 18, text: "11010519491231002X".into() };
//! let corpus = Corpus { dir: ".".into(), docs: vec![Document::new("docs/a.txt", text, vec![label])] };
//!
//! let report = evaluate(&Scanner::new(), &corpus);
//! assert_eq!(report.kind(Kind::IdCard).unwrap().exact.f1, Some(1.0));
//! assert_eq!(report.leak_rate, Some(0.0));
//! print!("{}", report.to_markdown());
//! ```
//!
//! The `tuomin-eval` binary does the same on a corpus directory and prints
//! the Markdown table (or `--json`).

#![warn(missing_docs)]

mod corpus;
mod metrics;
mod render;

pub use corpus::{load_corpus, Corpus, Document, EvalError, Label, Split};
pub use metrics::{
    evaluate, evaluate_findings, evaluate_with, measure_throughput, ErrorCause, ErrorExample,
    EvalOptions, KindReport, PiiFreeAlarms, Report, Scores, Throughput, CONTEXT_CHARS,
};
