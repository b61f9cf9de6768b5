//! Reports of `tuomin scan`: text lines for people, a JSON document, or
//! a JSON Lines stream of typed messages (`finding`, `error`, `summary`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};
use tuomin_core::{Finding, Kind, Severity};

use crate::args::Format;
use tuomin_core::policy::preview;

/// A finding placed in its input.
pub struct Located<'a> {
    /// The input, as named in reports.
    pub path: &'a str,
    /// The finding; its offsets are those of the decoded text.
    pub finding: &'a Finding,
    /// Byte offset of the first byte, as reported (see DESIGN.md: file
    /// bytes for UTF-8, the UTF-8 transcoding otherwise).
    pub start: usize,
    /// Byte offset one past the last byte, as reported.
    pub end: usize,
    /// 1-based line.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
}

/// Totals of a scan.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Inputs read (or attempted).
    pub files: usize,
    /// Inputs with at least one finding reported.
    pub files_with_findings: usize,
    /// Findings reported.
    pub findings: usize,
    /// Errors reported.
    pub errors: usize,
    /// Findings reported, by kind.
    pub by_kind: BTreeMap<Kind, usize>,
}

impl Summary {
    fn to_json(&self) -> Value {
        let by_kind: Map<String, Value> = self
            .by_kind
            .iter()
            .map(|(k, n)| (k.as_str().to_string(), Value::from(*n)))
            .collect();
        json!({
            "type": "summary",
            "files": self.files,
            "files_with_findings": self.files_with_findings,
            "findings": self.findings,
            "errors": self.errors,
            "by_kind": by_kind,
        })
    }

    /// One line for people, e.g. `3 findings in 1 of 2 files (id_card 1, mobile 2)`.
    pub fn to_text(&self) -> String {
        let files = plural(self.files, "file", "files");
        let mut s = if self.findings == 0 {
            format!("no personal information found in {files}")
        } else {
            let kinds: Vec<String> = self
                .by_kind
                .iter()
                .map(|(k, n)| format!("{} {n}", k.as_str()))
                .collect();
            format!(
                "{} in {} of {files} ({})",
                plural(self.findings, "finding", "findings"),
                self.files_with_findings,
                kinds.join(", ")
            )
        };
        if self.errors > 0 {
            s.push_str(&format!("; {}", plural(self.errors, "error", "errors")));
        }
        s
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The stable lowercase name of a severity.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
    }
}

/// Scores are f32; print them rounded so that 0.95 is not 0.949999988.
fn round_score(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

const RESET: &str = "\x1b[0m";
const MAGENTA: &str = "\x1b[35m";
const GREEN: &str = "\x1b[32m";
const BOLD_RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";

/// Writes a scan report.
pub struct Reporter<W: Write> {
    out: W,
    format: Format,
    color: bool,
    show_values: bool,
    /// For `--format json`: everything, written at the end.
    findings: Vec<Value>,
    errors: Vec<Value>,
    summary: Summary,
    /// Whether the current input has a finding yet.
    current_has_findings: bool,
}

impl<W: Write> Reporter<W> {
    /// A reporter writing `format` to `out`.
    pub fn new(out: W, format: Format, color: bool, show_values: bool) -> Self {
        Reporter {
            out,
            format,
            color,
            show_values,
            findings: Vec::new(),
            errors: Vec::new(),
            summary: Summary::default(),
            current_has_findings: false,
        }
    }

    /// Marks the start of a new input.
    pub fn begin_input(&mut self) {
        self.summary.files += 1;
        self.current_has_findings = false;
    }

    /// Ends the current input, flushing what was written about it.
    pub fn end_input(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Reports a finding.
    pub fn finding(&mut self, at: &Located<'_>) -> io::Result<()> {
        let f = at.finding;
        self.summary.findings += 1;
        *self.summary.by_kind.entry(f.kind).or_default() += 1;
        if !self.current_has_findings {
            self.current_has_findings = true;
            self.summary.files_with_findings += 1;
        }
        let shown = if self.show_values {
            f.text.clone()
        } else {
            preview(f.kind, &f.text)
        };
        match self.format {
            Format::Text => {
                let score = format!("{:.2}", f.score);
                if self.color {
                    let kind_color = match f.kind.severity() {
                        Severity::High => BOLD_RED,
                        Severity::Medium => YELLOW,
                        Severity::Low => CYAN,
                    };
                    writeln!(
                        self.out,
                        "{MAGENTA}{}{RESET}:{GREEN}{}{RESET}:{GREEN}{}{RESET} {kind_color}{}{RESET} {} {score}",
                        at.path, at.line, at.column, f.kind.as_str(), shown
                    )
                } else {
                    writeln!(
                        self.out,
                        "{}:{}:{} {} {} {score}",
                        at.path,
                        at.line,
                        at.column,
                        f.kind.as_str(),
                        shown
                    )
                }
            }
            Format::Json | Format::Jsonl => {
                let mut v = json!({
                    "type": "finding",
                    "path": at.path,
                    "kind": f.kind.as_str(),
                    "label": f.kind.label_zh(),
                    "severity": severity_name(f.kind.severity()),
                    "start": at.start,
                    "end": at.end,
                    "line": at.line,
                    "column": at.column,
                    "score": round_score(f.score),
                    "preview": preview(f.kind, &f.text),
                    "checks": f.evidence.checks,
                    "context": f.evidence.context,
                });
                if self.show_values {
                    if let Value::Object(map) = &mut v {
                        map.insert("text".to_string(), Value::from(f.text.as_str()));
                    }
                }
                self.emit(v, false)
            }
        }
    }

    /// Reports an error about `path`.
    pub fn error(&mut self, path: &str, message: &str) -> io::Result<()> {
        self.summary.errors += 1;
        match self.format {
            Format::Text => {
                // Keep the report on stdout clean; errors go to stderr.
                let _ = self.out.flush();
                if message.starts_with(path) {
                    eprintln!("tuomin: error: {message}");
                } else {
                    eprintln!("tuomin: error: {path}: {message}");
                }
                Ok(())
            }
            Format::Json | Format::Jsonl => {
                let v = json!({ "type": "error", "path": path, "message": message });
                self.emit(v, true)
            }
        }
    }

    fn emit(&mut self, v: Value, is_error: bool) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &v)?;
                self.out.write_all(b"\n")
            }
            _ => {
                if is_error {
                    self.errors.push(v);
                } else {
                    self.findings.push(v);
                }
                Ok(())
            }
        }
    }

    /// Writes what is left (the JSON document, the summary) and returns
    /// the totals. The text summary goes to stderr.
    pub fn finish(mut self) -> io::Result<Summary> {
        match self.format {
            Format::Text => {
                self.out.flush()?;
                // Nothing was read (e.g. the settings file is broken): the
                // error says it all.
                if self.summary.files > 0 || self.summary.errors == 0 {
                    eprintln!("tuomin: {}", self.summary.to_text());
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &self.summary.to_json())?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                let doc = json!({
                    "findings": std::mem::take(&mut self.findings),
                    "errors": std::mem::take(&mut self.errors),
                    "summary": self.summary.to_json(),
                });
                serde_json::to_writer_pretty(&mut self.out, &doc)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.out.flush()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tuomin_core::Evidence;

    fn finding() -> Finding {
        Finding {
            kind: Kind::Mobile,
            start: 6,
            end: 17,
            text: "13812345678".to_string(),
            score: 0.95,
            evidence: Evidence::checks(&["mobile prefix"]),
        }
    }

    fn report(format: Format, show_values: bool, color: bool) -> io::Result<(String, Summary)> {
        let mut out = Vec::new();
        let f = finding();
        let mut r = Reporter::new(&mut out, format, color, show_values);
        r.begin_input();
        r.finding(&Located {
            path: "a.txt",
            finding: &f,
            start: 6,
            end: 17,
            line: 2,
            column: 3,
        })?;
        r.error("b.txt", "permission denied")?;
        r.end_input()?;
        let summary = r.finish()?;
        Ok((String::from_utf8_lossy(&out).into_owned(), summary))
    }

    #[test]
    fn text_line() -> io::Result<()> {
        let (out, summary) = report(Format::Text, false, false)?;
        assert_eq!(out, "a.txt:2:3 mobile 138****5678 0.95\n");
        assert_eq!(summary.findings, 1);
        assert_eq!(summary.errors, 1);
        let (out, _) = report(Format::Text, true, true)?;
        assert!(out.contains("\x1b[") && out.contains("13812345678"));
        Ok(())
    }

    #[test]
    fn jsonl_lines() -> io::Result<()> {
        let (out, _) = report(Format::Jsonl, false, false)?;
        let lines: Vec<Value> = out
            .lines()
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["type"], "finding");
        assert_eq!(lines[0]["score"], 0.95);
        assert_eq!(lines[0]["preview"], "138****5678");
        assert!(lines[0].get("text").is_none());
        assert_eq!(lines[1]["type"], "error");
        assert_eq!(lines[2]["type"], "summary");
        assert_eq!(lines[2]["by_kind"]["mobile"], 1);
        let (out, _) = report(Format::Jsonl, true, false)?;
        assert!(out.contains("\"text\":\"13812345678\""));
        Ok(())
    }

    #[test]
    fn json_document() -> io::Result<()> {
        let (out, _) = report(Format::Json, false, false)?;
        let doc: Value = serde_json::from_str(&out)?;
        assert_eq!(doc["findings"][0]["kind"], "mobile");
        assert_eq!(doc["errors"][0]["path"], "b.txt");
        assert_eq!(doc["summary"]["findings"], 1);
        Ok(())
    }

    #[test]
    fn summary_text() {
        let mut s = Summary {
            files: 3,
            ..Summary::default()
        };
        assert_eq!(s.to_text(), "no personal information found in 3 files");
        s.findings = 2;
        s.files_with_findings = 1;
        s.by_kind.insert(Kind::IdCard, 1);
        s.by_kind.insert(Kind::Mobile, 1);
        s.errors = 1;
        assert_eq!(
            s.to_text(),
            "2 findings in 1 of 3 files (id_card 1, mobile 1); 1 error"
        );
    }
}
