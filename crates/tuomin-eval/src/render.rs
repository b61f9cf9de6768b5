//! Rendering a [`Report`] as Markdown and plain text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{ErrorCause, KindReport, Report};

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{:.2}", v * 100.0))
}

fn causes(m: &BTreeMap<ErrorCause, usize>) -> String {
    let parts: Vec<String> = m
        .iter()
        .map(|(c, n)| format!("{} {n}", c.as_str()))
        .collect();
    parts.join(", ")
}

impl Report {
    /// The per-kind table (kinds with neither labels nor findings are
    /// left out) and summary lines, as Markdown ready for the README.
    ///
    /// ```
    /// let r = tuomin_eval::evaluate_findings(&tuomin_eval::Corpus { dir: ".".into(), docs: vec![] }, &[], &Default::default());
    /// assert!(r.to_markdown().starts_with("| kind | labels |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        s.push_str("| kind | labels | P | R | F1 (exact) | P | R | F1 (overlap) | leak % |\n");
        s.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        let row = |s: &mut String,
                   name: &str,
                   labels: usize,
                   k: (&crate::Scores, &crate::Scores),
                   leak: Option<f64>| {
            let (e, o) = k;
            let _ = writeln!(
                s,
                "| {name} | {labels} | {} | {} | {} | {} | {} | {} | {} |",
                num(e.precision),
                num(e.recall),
                num(e.f1),
                num(o.precision),
                num(o.recall),
                num(o.f1),
                pct(leak)
            );
        };
        for k in self.kinds.iter().filter(|k| k.labels + k.findings > 0) {
            row(
                &mut s,
                k.kind.as_str(),
                k.labels,
                (&k.exact, &k.overlap),
                k.leak_rate,
            );
        }
        let labels: usize = self.kinds.iter().map(|k| k.labels).sum();
        row(
            &mut s,
            "**all (micro)**",
            labels,
            (&self.exact, &self.overlap),
            self.leak_rate,
        );
        s.push('\n');
        let _ = writeln!(
            s,
            "- Leak rate: {}% of {} labeled PII characters are covered by no finding ({} leaked).",
            pct(self.leak_rate),
            self.labeled_chars,
            self.leaked_chars
        );
        let p = &self.pii_free;
        let others: Vec<String> = p
            .by_kind
            .iter()
            .filter(|(k, _)| {
                !matches!(
                    k,
                    tuomin_core::Kind::PersonName | tuomin_core::Kind::Address
                )
            })
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let _ =
            writeln!(
            s,
            "- PII-free documents ({}): {} person_name and {} address findings (other kinds: {}).",
            p.docs,
            p.person_name,
            p.address,
            if others.is_empty() { "none".to_string() } else { others.join(", ") }
        );
        if let Some(t) = &self.throughput {
            let runs: Vec<String> = t
                .runs_secs
                .iter()
                .map(|x| format!("{:.0} ms", x * 1000.0))
                .collect();
            let _ =
                writeln!(
                s,
                "- Throughput: {:.1} MB/s single-threaded (median of {} runs over {:.2} MB: {}{}).",
                t.mb_per_s,
                t.runs_secs.len(),
                t.bytes as f64 / 1e6,
                runs.join(", "),
                if cfg!(debug_assertions) { "; DEBUG build" } else { "" }
            );
        }
        let _ = writeln!(
            s,
            "- Corpus: {} documents, {:.2} MB.",
            self.docs,
            self.bytes as f64 / 1e6
        );
        s
    }

    /// The error examples (see [`crate::EvalOptions::examples`]) of every
    /// kind that has errors, with the cause breakdown, as plain text.
    ///
    /// ```
    /// let r = tuomin_eval::evaluate_findings(&tuomin_eval::Corpus { dir: ".".into(), docs: vec![] }, &[], &Default::default());
    /// assert!(r.errors_text().is_empty());
    /// ```
    pub fn errors_text(&self) -> String {
        let mut s = String::new();
        let mut kinds: Vec<&KindReport> = self
            .kinds
            .iter()
            .filter(|k| k.exact.fp + k.exact.fn_ > 0)
            .collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.exact.fp + k.exact.fn_));
        for k in kinds {
            let _ = writeln!(
                s,
                "## {} — exact FP {} ({}), FN {} ({})",
                k.kind,
                k.exact.fp,
                causes(&k.fp_causes),
                k.exact.fn_,
                causes(&k.fn_causes)
            );
            for (title, list) in [
                ("false positives", &k.fp_examples),
                ("false negatives", &k.fn_examples),
            ] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(s, "{title}:");
                for e in list {
                    let _ = writeln!(s, "  {e}");
                }
            }
            s.push('\n');
        }
        s
    }
}
