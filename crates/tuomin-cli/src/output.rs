//! Reports of `tuomin scan`: text lines for people, a JSON document, a
//! JSON Lines stream of typed messages (`finding`, `error`,
//! `not_checked`, `summary`), or a SARIF 2.1.0 log.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};
use tuomin_core::{Kind, Severity};

use crate::args::Format;
use tuomin_core::policy::preview;

/// A finding placed in its input.
pub struct Located<'a> {
    /// The input, as named in reports.
    pub path: &'a str,
    /// What kind of personal information.
    pub kind: Kind,
    /// The raw value.
    pub text: &'a str,
    /// Confidence.
    pub score: f32,
    /// Validators that passed.
    pub checks: &'a [&'static str],
    /// Context word, if any.
    pub context: Option<&'a str>,
    /// Byte offset of the first byte, as reported (see DESIGN.md: file
    /// bytes for UTF-8, the UTF-8 transcoding otherwise; for documents,
    /// into the text of the segment named by `location`).
    pub start: usize,
    /// Byte offset one past the last byte, as reported.
    pub end: usize,
    /// 1-based line (text files; the source line of Markdown/HTML).
    pub line: Option<u64>,
    /// 1-based column, in characters (text files).
    pub column: Option<u64>,
    /// Where in a document (`第2页`, `名单!C7` …); `None` for plain text.
    pub location: Option<&'a str>,
    /// The baseline fingerprint, when a key is known.
    pub fingerprint: Option<&'a str>,
}

impl Located<'_> {
    /// `line:column` for plain text, else the document location.
    fn where_(&self) -> String {
        match (self.location, self.line, self.column) {
            (Some(l), _, _) => l.to_string(),
            (None, Some(line), Some(col)) => format!("{line}:{col}"),
            (None, Some(line), None) => line.to_string(),
            _ => String::new(),
        }
    }
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
    /// Parts of documents reported as not checked.
    pub not_checked: usize,
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
            "not_checked": self.not_checked,
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
        if self.not_checked > 0 {
            s.push_str(&format!(
                "; {} not checked",
                plural(self.not_checked, "document part", "document parts")
            ));
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
    /// For `--format sarif`: results and tool notifications.
    results: Vec<Value>,
    notifications: Vec<Value>,
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
            results: Vec::new(),
            notifications: Vec::new(),
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
        self.summary.findings += 1;
        *self.summary.by_kind.entry(at.kind).or_default() += 1;
        if !self.current_has_findings {
            self.current_has_findings = true;
            self.summary.files_with_findings += 1;
        }
        let masked = preview(at.kind, at.text);
        let shown = if self.show_values {
            at.text.to_string()
        } else {
            masked.clone()
        };
        match self.format {
            Format::Text => {
                let score = format!("{:.2}", at.score);
                let where_ = at.where_();
                if self.color {
                    let kind_color = match at.kind.severity() {
                        Severity::High => BOLD_RED,
                        Severity::Medium => YELLOW,
                        Severity::Low => CYAN,
                    };
                    writeln!(
                        self.out,
                        "{MAGENTA}{}{RESET}:{GREEN}{}{RESET} {kind_color}{}{RESET} {} {score}",
                        at.path,
                        where_,
                        at.kind.as_str(),
                        shown
                    )
                } else {
                    writeln!(
                        self.out,
                        "{}:{} {} {} {score}",
                        at.path,
                        where_,
                        at.kind.as_str(),
                        shown
                    )
                }
            }
            Format::Json | Format::Jsonl => {
                let mut v = json!({
                    "type": "finding",
                    "path": at.path,
                    "kind": at.kind.as_str(),
                    "label": at.kind.label_zh(),
                    "severity": severity_name(at.kind.severity()),
                    "location": at.where_(),
                    "start": at.start,
                    "end": at.end,
                    "line": at.line,
                    "column": at.column,
                    "score": round_score(at.score),
                    "preview": masked,
                    "checks": at.checks,
                    "context": at.context,
                });
                if let Value::Object(map) = &mut v {
                    if let Some(fp) = at.fingerprint {
                        map.insert("fingerprint".to_string(), Value::from(fp));
                    }
                    if self.show_values {
                        map.insert("text".to_string(), Value::from(at.text));
                    }
                }
                self.emit(v, false)
            }
            Format::Sarif => {
                self.results.push(crate::sarif::result(at, &shown));
                Ok(())
            }
        }
    }

    /// Reports a part of a document that could not be checked.
    /// `fatal`: it makes the exit status 2 (no --allow-unchecked).
    pub fn not_checked(
        &mut self,
        path: &str,
        location: Option<&str>,
        message: &str,
        fatal: bool,
    ) -> io::Result<()> {
        self.summary.not_checked += 1;
        match self.format {
            Format::Text => {
                let _ = self.out.flush();
                let level = if fatal { "error" } else { "warning" };
                match location {
                    Some(l) => eprintln!("tuomin: {level}: {path}:{l}: not checked: {message}"),
                    None => eprintln!("tuomin: {level}: {path}: not checked: {message}"),
                }
                Ok(())
            }
            Format::Json | Format::Jsonl => {
                let v = json!({
                    "type": "not_checked",
                    "path": path,
                    "location": location,
                    "message": message,
                });
                self.emit(v, true)
            }
            Format::Sarif => {
                let text = match location {
                    Some(l) => format!("{path}:{l}: not checked: {message}"),
                    None => format!("{path}: not checked: {message}"),
                };
                self.notifications.push(crate::sarif::notification(
                    if fatal { "error" } else { "warning" },
                    "not_checked",
                    path,
                    &text,
                ));
                Ok(())
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
            Format::Sarif => {
                self.notifications
                    .push(crate::sarif::notification("error", "error", path, message));
                Ok(())
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
            Format::Sarif => {
                let log = crate::sarif::log(
                    std::mem::take(&mut self.results),
                    std::mem::take(&mut self.notifications),
                    self.summary.errors == 0,
                );
                serde_json::to_writer_pretty(&mut self.out, &log)?;
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

    fn report(format: Format, show_values: bool, color: bool) -> io::Result<(String, Summary)> {
        let mut out = Vec::new();
        let mut r = Reporter::new(&mut out, format, color, show_values);
        r.begin_input();
        r.finding(&Located {
            path: "a.txt",
            kind: Kind::Mobile,
            text: "13812345678",
            score: 0.95,
            checks: &["mobile prefix"],
            context: None,
            start: 6,
            end: 17,
            line: Some(2),
            column: Some(3),
            location: None,
            fingerprint: None,
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
