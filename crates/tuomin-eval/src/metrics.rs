//! Matching findings to labels and adding up the scores.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;
use tuomin_core::{Finding, Kind, Scanner};

use crate::{Corpus, Document};

/// True positives, false positives and false negatives with the scores
/// derived from them.
///
/// Precision is `None` when nothing was found, recall is `None` when
/// nothing is labeled, F1 (`2·TP / (2·TP + FP + FN)`) is `None` when both
/// are empty.
///
/// ```
/// let s = tuomin_eval::Scores::new(8, 2, 0);
/// assert_eq!(s.precision, Some(0.8));
/// assert_eq!(s.recall, Some(1.0));
/// assert!((s.f1.unwrap() - 0.888_9).abs() < 1e-3);
/// assert_eq!(tuomin_eval::Scores::new(0, 0, 3).precision, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Labels matched by a finding.
    pub tp: usize,
    /// Findings that match no label.
    pub fp: usize,
    /// Labels that no finding matches.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `tp / (tp + fp)`.
    pub precision: Option<f64>,
    /// `tp / (tp + fn)`.
    pub recall: Option<f64>,
    /// `2·tp / (2·tp + fp + fn)`.
    pub f1: Option<f64>,
}

impl Scores {
    /// Scores from raw counts.
    ///
    /// ```
    /// assert_eq!(tuomin_eval::Scores::new(0, 0, 0).f1, None);
    /// assert_eq!(tuomin_eval::Scores::new(0, 0, 5).f1, Some(0.0));
    /// ```
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Scores {
        let ratio = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        Scores {
            tp,
            fp,
            fn_,
            precision: ratio(tp, tp + fp),
            recall: ratio(tp, tp + fn_),
            f1: ratio(2 * tp, 2 * tp + fp + fn_),
        }
    }
}

/// Why an exact-match error happened, judged by what overlaps it.
///
/// ```
/// use tuomin_eval::ErrorCause;
/// assert_eq!(ErrorCause::Boundary.as_str(), "boundary");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCause {
    /// A finding and a label of the same kind overlap but their spans
    /// differ.
    Boundary,
    /// The span overlaps a label (for a false positive) or a finding (for
    /// a false negative) of another kind.
    OtherKind,
    /// Nothing overlaps: a spurious finding or a missed label.
    Nothing,
}

impl ErrorCause {
    /// A short name: `boundary`, `other_kind`, `nothing`.
    ///
    /// ```
    /// assert_eq!(tuomin_eval::ErrorCause::OtherKind.as_str(), "other_kind");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCause::Boundary => "boundary",
            ErrorCause::OtherKind => "other_kind",
            ErrorCause::Nothing => "nothing",
        }
    }
}

/// One false positive or false negative (under exact matching) with some
/// context, to tune detectors.
///
/// ```
/// # use tuomin_eval::*;
/// # use tuomin_core::Kind;
/// let e = ErrorExample { kind: Kind::Mobile, doc: "a.txt".into(), start: 0, end: 3, text: "138".into(),
///     before: String::new(), after: "…".into(), cause: ErrorCause::Nothing, other: None };
/// assert!(e.to_string().contains("«138»"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorExample {
    /// The kind of the label (false negative) or finding (false positive).
    pub kind: Kind,
    /// The document.
    pub doc: String,
    /// Byte offset of the span.
    pub start: usize,
    /// Byte offset one past the span.
    pub end: usize,
    /// The span's text.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] characters before the span.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] characters after the span.
    pub after: String,
    /// What overlaps it.
    pub cause: ErrorCause,
    /// The overlapping label or finding, as `kind "text"`, if any.
    pub other: Option<String>,
}

/// Characters of context shown on each side of an [`ErrorExample`].
pub const CONTEXT_CHARS: usize = 10;

impl std::fmt::Display for ErrorExample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}  {}«{}»{}  [{}",
            self.doc,
            self.start,
            visible(&self.before),
            visible(&self.text),
            visible(&self.after),
            self.cause.as_str()
        )?;
        if let Some(o) = &self.other {
            write!(f, ": {o}")?;
        }
        f.write_str("]")
    }
}

/// Control characters made visible so one example stays on one line.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\t' => '⇥',
            '\r' => '␍',
            c => c,
        })
        .collect()
}

/// The results for one kind.
///
/// ```no_run
/// # let corpus = tuomin_eval::load_corpus("corpus".as_ref())?;
/// let report = tuomin_eval::evaluate(&tuomin_core::Scanner::new(), &corpus);
/// let id = report.kind(tuomin_core::Kind::IdCard).unwrap();
/// println!("id_card exact F1 {:?}, leak {:?}", id.exact.f1, id.leak_rate);
/// # Ok::<(), tuomin_eval::EvalError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindReport {
    /// The kind.
    pub kind: Kind,
    /// Number of labels of this kind.
    pub labels: usize,
    /// Number of findings of this kind.
    pub findings: usize,
    /// Scores when a finding must have the label's kind and exact span.
    pub exact: Scores,
    /// Scores when a finding must have the label's kind and overlap it
    /// (one-to-one, greedy by overlap length).
    pub overlap: Scores,
    /// Characters inside labels of this kind.
    pub labeled_chars: usize,
    /// Of those, characters covered by no finding of any kind.
    pub leaked_chars: usize,
    /// `leaked_chars / labeled_chars` (`None` without labels).
    pub leak_rate: Option<f64>,
    /// Exact-match false positives by cause.
    pub fp_causes: BTreeMap<ErrorCause, usize>,
    /// Exact-match false negatives by cause.
    pub fn_causes: BTreeMap<ErrorCause, usize>,
    /// The first false positives (up to [`EvalOptions::examples`]).
    pub fp_examples: Vec<ErrorExample>,
    /// The first false negatives (up to [`EvalOptions::examples`]).
    pub fn_examples: Vec<ErrorExample>,
}

impl KindReport {
    fn new(kind: Kind) -> KindReport {
        KindReport {
            kind,
            labels: 0,
            findings: 0,
            exact: Scores::new(0, 0, 0),
            overlap: Scores::new(0, 0, 0),
            labeled_chars: 0,
            leaked_chars: 0,
            leak_rate: None,
            fp_causes: BTreeMap::new(),
            fn_causes: BTreeMap::new(),
            fp_examples: Vec::new(),
            fn_examples: Vec::new(),
        }
    }

    fn finish(&mut self) {
        let e = self.exact;
        self.exact = Scores::new(e.tp, e.fp, e.fn_);
        let o = self.overlap;
        self.overlap = Scores::new(o.tp, o.fp, o.fn_);
        self.leak_rate =
            (self.labeled_chars > 0).then(|| self.leaked_chars as f64 / self.labeled_chars as f64);
    }
}

/// Findings of the two kinds that matter most on documents that hold no
/// personal information at all (any such finding is a false alarm).
///
/// ```
/// let a = tuomin_eval::PiiFreeAlarms::default();
/// assert_eq!(a.person_name + a.address, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PiiFreeAlarms {
    /// Number of PII-free documents evaluated.
    pub docs: usize,
    /// `person_name` findings on them.
    pub person_name: usize,
    /// `address` findings on them.
    pub address: usize,
    /// Findings of every selected kind on them (kinds with none omitted).
    pub by_kind: BTreeMap<Kind, usize>,
}

/// Single-threaded scanning speed.
///
/// ```
/// let t = tuomin_eval::Throughput { bytes: 2_000_000, runs_secs: vec![1.0, 0.5, 2.0], mb_per_s: 4.0 };
/// assert_eq!(t.mb_per_s, 4.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Throughput {
    /// Bytes scanned per run (the whole corpus).
    pub bytes: usize,
    /// Wall time of each run in seconds.
    pub runs_secs: Vec<f64>,
    /// Median speed in MB/s (10⁶ bytes per second).
    pub mb_per_s: f64,
}

/// The whole evaluation: per-kind and overall scores, leak rate, false
/// alarms on PII-free documents and (when measured) throughput.
///
/// ```
/// use tuomin_core::{Kind, Scanner};
/// use tuomin_eval::{evaluate, Corpus, Document, Label};
/// let text = "联系电话13812345678。";
/// let label = Label { kind: Kind::Mobile, start: 12, end: 23, text: "13812345678".into() };
/// let corpus = Corpus { dir: ".".into(), docs: vec![Document::new("a.txt", text, vec![label])] };
/// let report = evaluate(&Scanner::new(), &corpus);
/// assert_eq!(report.kind(Kind::Mobile).unwrap().exact.f1, Some(1.0));
/// assert_eq!(report.leak_rate, Some(0.0));
/// println!("{}", report.to_markdown());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Documents evaluated.
    pub docs: usize,
    /// Their total size in bytes.
    pub bytes: usize,
    /// One entry per selected kind, in [`Kind::ALL`] order.
    pub kinds: Vec<KindReport>,
    /// Micro-averaged over the selected kinds, exact matching.
    pub exact: Scores,
    /// Micro-averaged over the selected kinds, overlap matching.
    pub overlap: Scores,
    /// Labeled characters of the selected kinds.
    pub labeled_chars: usize,
    /// Of those, characters covered by no finding of any kind.
    pub leaked_chars: usize,
    /// `leaked_chars / labeled_chars`.
    pub leak_rate: Option<f64>,
    /// False alarms on PII-free documents.
    pub pii_free: PiiFreeAlarms,
    /// Scanning speed, when measured ([`measure_throughput`]).
    pub throughput: Option<Throughput>,
}

impl Report {
    /// The entry of one kind, if it was selected.
    ///
    /// ```
    /// let r = tuomin_eval::evaluate_findings(&tuomin_eval::Corpus { dir: ".".into(), docs: vec![] }, &[], &Default::default());
    /// assert!(r.kind(tuomin_core::Kind::Qq).is_some());
    /// ```
    pub fn kind(&self, kind: Kind) -> Option<&KindReport> {
        self.kinds.iter().find(|k| k.kind == kind)
    }
}

/// What to evaluate.
///
/// ```
/// let o = tuomin_eval::EvalOptions { kinds: vec![tuomin_core::Kind::Mobile], examples: 5 };
/// assert_eq!(o.examples, 5);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Kinds to score (empty: all). Labels and findings of other kinds are
    /// ignored, except that findings of any kind still cover characters
    /// for the leak rate.
    pub kinds: Vec<Kind>,
    /// Error examples to keep per kind, for false positives and false
    /// negatives each.
    pub examples: usize,
}

/// Scan every document of `corpus` with `scanner` (whole-document
/// [`Scanner::scan`]) and score the findings against the labels.
///
/// ```
/// use tuomin_core::Scanner;
/// use tuomin_eval::{evaluate, Corpus, Document};
/// let corpus = Corpus { dir: ".".into(), docs: vec![Document::new("a.txt", "今天天气很好。", vec![])] };
/// let r = evaluate(&Scanner::new(), &corpus);
/// assert_eq!(r.pii_free.docs, 1);
/// assert_eq!(r.exact.fp, 0);
/// ```
pub fn evaluate(scanner: &Scanner, corpus: &Corpus) -> Report {
    evaluate_with(scanner, corpus, &EvalOptions::default())
}

/// [`evaluate`] with options: a subset of kinds, error examples.
///
/// ```
/// use tuomin_core::{Kind, Scanner};
/// use tuomin_eval::{evaluate_with, Corpus, EvalOptions};
/// let corpus = Corpus { dir: ".".into(), docs: vec![] };
/// let r = evaluate_with(&Scanner::new(), &corpus, &EvalOptions { kinds: vec![Kind::Email], examples: 3 });
/// assert_eq!(r.kinds.len(), 1);
/// ```
pub fn evaluate_with(scanner: &Scanner, corpus: &Corpus, options: &EvalOptions) -> Report {
    let findings: Vec<Vec<Finding>> = corpus.docs.iter().map(|d| scanner.scan(&d.text)).collect();
    evaluate_findings(corpus, &findings, options)
}

/// Score findings produced elsewhere: `findings[i]` belongs to
/// `corpus.docs[i]` (missing entries count as no findings). Findings may
/// overlap; overlap matching stays one-to-one.
///
/// ```
/// use tuomin_core::{Evidence, Finding, Kind};
/// use tuomin_eval::{evaluate_findings, Corpus, Document, Label};
/// let text = "电话13812345678";
/// let label = Label { kind: Kind::Mobile, start: 6, end: 17, text: "13812345678".into() };
/// let corpus = Corpus { dir: ".".into(), docs: vec![Document::new("a.txt", text, vec![label])] };
/// // A finding one character short: wrong under exact matching, right under overlap.
/// let f = Finding { kind: Kind::Mobile, start: 6, end: 16, text: "1381234567".into(), score: 1.0, evidence: Evidence::default() };
/// let r = evaluate_findings(&corpus, &[vec![f]], &Default::default());
/// assert_eq!((r.exact.tp, r.exact.fp, r.exact.fn_), (0, 1, 1));
/// assert_eq!((r.overlap.tp, r.overlap.fp, r.overlap.fn_), (1, 0, 0));
/// assert_eq!(r.leaked_chars, 1);
/// ```
pub fn evaluate_findings(
    corpus: &Corpus,
    findings: &[Vec<Finding>],
    options: &EvalOptions,
) -> Report {
    let selected: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| options.kinds.is_empty() || options.kinds.contains(k))
        .collect();
    let mut per_kind: BTreeMap<Kind, KindReport> =
        selected.iter().map(|&k| (k, KindReport::new(k))).collect();
    let mut pii_free = PiiFreeAlarms::default();
    let empty = Vec::new();
    for (i, doc) in corpus.docs.iter().enumerate() {
        let found = findings.get(i).unwrap_or(&empty);
        score_document(doc, found, &mut per_kind, options.examples);
        if doc.pii_free {
            pii_free.docs += 1;
            for f in found {
                match f.kind {
                    Kind::PersonName => pii_free.person_name += 1,
                    Kind::Address => pii_free.address += 1,
                    _ => {}
                }
                if per_kind.contains_key(&f.kind) {
                    *pii_free.by_kind.entry(f.kind).or_default() += 1;
                }
            }
        }
    }
    let mut kinds: Vec<KindReport> = per_kind.into_values().collect();
    let (mut e, mut o) = ([0usize; 3], [0usize; 3]);
    let (mut labeled, mut leaked) = (0, 0);
    for k in &mut kinds {
        k.finish();
        for (acc, s) in [(&mut e, k.exact), (&mut o, k.overlap)] {
            acc[0] += s.tp;
            acc[1] += s.fp;
            acc[2] += s.fn_;
        }
        labeled += k.labeled_chars;
        leaked += k.leaked_chars;
    }
    Report {
        docs: corpus.docs.len(),
        bytes: corpus.bytes(),
        kinds,
        exact: Scores::new(e[0], e[1], e[2]),
        overlap: Scores::new(o[0], o[1], o[2]),
        labeled_chars: labeled,
        leaked_chars: leaked,
        leak_rate: (labeled > 0).then(|| leaked as f64 / labeled as f64),
        pii_free,
        throughput: None,
    }
}

/// Scan the whole corpus `runs` times on this thread; the median speed.
/// `runs` below 1 is taken as 1.
///
/// ```
/// use tuomin_eval::{measure_throughput, Corpus, Document};
/// let corpus = Corpus { dir: ".".into(), docs: vec![Document::new("a.txt", "电话13812345678", vec![])] };
/// let t = measure_throughput(&tuomin_core::Scanner::new(), &corpus, 3);
/// assert_eq!(t.runs_secs.len(), 3);
/// assert!(t.mb_per_s > 0.0);
/// ```
pub fn measure_throughput(scanner: &Scanner, corpus: &Corpus, runs: usize) -> Throughput {
    let bytes = corpus.bytes();
    let mut runs_secs = Vec::new();
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        let mut n = 0usize;
        for d in &corpus.docs {
            n += std::hint::black_box(scanner.scan(std::hint::black_box(&d.text))).len();
        }
        std::hint::black_box(n);
        runs_secs.push(t0.elapsed().as_secs_f64());
    }
    let mut sorted = runs_secs.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2].max(1e-9);
    Throughput {
        bytes,
        runs_secs,
        mb_per_s: bytes as f64 / 1e6 / median,
    }
}

/// A span of a label or finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Span {
    fn overlap(&self, o: &Span) -> usize {
        self.end.min(o.end).saturating_sub(self.start.max(o.start))
    }
}

/// Exact one-to-one matching: `(label matched, finding matched)`.
pub(crate) fn match_exact(labels: &[Span], findings: &[Span]) -> (Vec<bool>, Vec<bool>) {
    let mut lm = vec![false; labels.len()];
    let mut fm = vec![false; findings.len()];
    for (i, l) in labels.iter().enumerate() {
        if let Some(j) = (0..findings.len()).find(|&j| !fm[j] && findings[j] == *l) {
            lm[i] = true;
            fm[j] = true;
        }
    }
    (lm, fm)
}

/// Overlap one-to-one matching, greedy by overlap length (ties: earlier
/// label, then earlier finding): `(label matched, finding matched)`.
pub(crate) fn match_overlap(labels: &[Span], findings: &[Span]) -> (Vec<bool>, Vec<bool>) {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        for (j, f) in findings.iter().enumerate() {
            let ov = l.overlap(f);
            if l.kind == f.kind && ov > 0 {
                pairs.push((ov, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut lm = vec![false; labels.len()];
    let mut fm = vec![false; findings.len()];
    for (_, i, j) in pairs {
        if !lm[i] && !fm[j] {
            lm[i] = true;
            fm[j] = true;
        }
    }
    (lm, fm)
}

/// Byte ranges covered by any finding, merged, sorted and disjoint.
pub(crate) fn coverage(findings: &[Span]) -> Vec<(usize, usize)> {
    let mut iv: Vec<(usize, usize)> = findings.iter().map(|f| (f.start, f.end)).collect();
    iv.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(iv.len());
    for (s, e) in iv {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `(chars, leaked chars)` of a label: characters of `text[start..end]`
/// not inside any covered range.
pub(crate) fn leaked_chars(text: &str, label: &Span, covered: &[(usize, usize)]) -> (usize, usize) {
    let Some(slice) = text.get(label.start..label.end) else {
        return (0, 0);
    };
    let (mut total, mut leaked) = (0, 0);
    for (off, c) in slice.char_indices() {
        let (s, e) = (label.start + off, label.start + off + c.len_utf8());
        total += 1;
        let i = covered.partition_point(|iv| iv.1 <= s);
        let hit = covered.get(i).is_some_and(|iv| iv.0 <= s && e <= iv.1);
        if !hit {
            leaked += 1;
        }
    }
    (total, leaked)
}

fn score_document(
    doc: &Document,
    found: &[Finding],
    per_kind: &mut BTreeMap<Kind, KindReport>,
    examples: usize,
) {
    let all_labels: Vec<Span> = doc
        .labels
        .iter()
        .map(|l| Span {
            kind: l.kind,
            start: l.start,
            end: l.end,
        })
        .collect();
    let all_findings: Vec<Span> = found
        .iter()
        .map(|f| Span {
            kind: f.kind,
            start: f.start,
            end: f.end,
        })
        .collect();
    let covered = coverage(&all_findings);
    for (&kind, acc) in per_kind.iter_mut() {
        let labels: Vec<Span> = all_labels
            .iter()
            .copied()
            .filter(|s| s.kind == kind)
            .collect();
        let finds: Vec<Span> = all_findings
            .iter()
            .copied()
            .filter(|s| s.kind == kind)
            .collect();
        acc.labels += labels.len();
        acc.findings += finds.len();
        let (el, ef) = match_exact(&labels, &finds);
        let (ol, of) = match_overlap(&labels, &finds);
        add(&mut acc.exact, &el, &ef);
        add(&mut acc.overlap, &ol, &of);
        for l in &labels {
            let (t, k) = leaked_chars(&doc.text, l, &covered);
            acc.labeled_chars += t;
            acc.leaked_chars += k;
        }
        for (f, _) in finds.iter().zip(&ef).filter(|(_, m)| !**m) {
            let (cause, other) = explain(f, &all_labels, &doc.text);
            *acc.fp_causes.entry(cause).or_default() += 1;
            if acc.fp_examples.len() < examples {
                acc.fp_examples.push(example(doc, f, cause, other));
            }
        }
        for (l, _) in labels.iter().zip(&el).filter(|(_, m)| !**m) {
            let (cause, other) = explain(l, &all_findings, &doc.text);
            *acc.fn_causes.entry(cause).or_default() += 1;
            if acc.fn_examples.len() < examples {
                acc.fn_examples.push(example(doc, l, cause, other));
            }
        }
    }
}

fn add(s: &mut Scores, labels: &[bool], findings: &[bool]) {
    let tp = labels.iter().filter(|m| **m).count();
    s.tp += tp;
    s.fn_ += labels.len() - tp;
    s.fp += findings.iter().filter(|m| !**m).count();
}

/// What in `others` overlaps `span` most: same kind first.
fn explain(span: &Span, others: &[Span], text: &str) -> (ErrorCause, Option<String>) {
    let best = others
        .iter()
        .filter(|o| span.overlap(o) > 0)
        .max_by_key(|o| (o.kind == span.kind, span.overlap(o)));
    match best {
        None => (ErrorCause::Nothing, None),
        Some(o) => {
            let cause = if o.kind == span.kind {
                ErrorCause::Boundary
            } else {
                ErrorCause::OtherKind
            };
            let t = text.get(o.start..o.end).unwrap_or("");
            (cause, Some(format!("{} {:?}", o.kind, t)))
        }
    }
}

fn example(doc: &Document, span: &Span, cause: ErrorCause, other: Option<String>) -> ErrorExample {
    let text = &doc.text;
    let before: String = {
        let head = text.get(..span.start).unwrap_or("");
        let mut v: Vec<char> = head.chars().rev().take(CONTEXT_CHARS).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text
        .get(span.end..)
        .unwrap_or("")
        .chars()
        .take(CONTEXT_CHARS)
        .collect();
    ErrorExample {
        kind: span.kind,
        doc: doc.path.clone(),
        start: span.start,
        end: span.end,
        text: text.get(span.start..span.end).unwrap_or("").to_string(),
        before,
        after,
        cause,
        other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;
    use tuomin_core::Evidence;

    fn sp(kind: Kind, start: usize, end: usize) -> Span {
        Span { kind, start, end }
    }

    fn finding(text: &str, kind: Kind, start: usize, end: usize) -> Finding {
        Finding {
            kind,
            start,
            end,
            text: text[start..end].to_string(),
            score: 1.0,
            evidence: Evidence::default(),
        }
    }

    fn label(text: &str, kind: Kind, start: usize, end: usize) -> Label {
        Label {
            kind,
            start,
            end,
            text: text[start..end].to_string(),
        }
    }

    fn counts(s: Scores) -> (usize, usize, usize) {
        (s.tp, s.fp, s.fn_)
    }

    const M: Kind = Kind::Mobile;
    const N: Kind = Kind::PersonName;

    #[test]
    fn exact_needs_same_kind_and_span() {
        let labels = [sp(M, 0, 11), sp(M, 20, 31), sp(M, 40, 51)];
        let finds = [sp(M, 0, 11), sp(M, 20, 30), sp(Kind::Landline, 40, 51)];
        let (l, f) = match_exact(&labels, &finds);
        assert_eq!(l, vec![true, false, false]);
        assert_eq!(f, vec![true, false, false]);
        // Overlap forgives the short span but not the wrong kind.
        let (l, f) = match_overlap(&labels, &finds);
        assert_eq!(l, vec![true, true, false]);
        assert_eq!(f, vec![true, true, false]);
    }

    #[test]
    fn exact_duplicates_match_once() {
        let (l, f) = match_exact(&[sp(M, 0, 5)], &[sp(M, 0, 5), sp(M, 0, 5)]);
        assert_eq!((l, f), (vec![true], vec![true, false]));
    }

    #[test]
    fn overlap_is_one_to_one() {
        // One finding spanning two labels satisfies only one of them.
        let (l, f) = match_overlap(&[sp(N, 0, 6), sp(N, 9, 15)], &[sp(N, 0, 15)]);
        assert_eq!(l, vec![true, false]);
        assert_eq!(f, vec![true]);
        // Two findings inside one label: one TP, the other FP.
        let (l, f) = match_overlap(&[sp(N, 0, 15)], &[sp(N, 0, 6), sp(N, 9, 15)]);
        assert_eq!(l, vec![true]);
        assert_eq!(f, vec![true, false]);
    }

    #[test]
    fn overlap_greedy_prefers_larger_overlap() {
        // Finding 0 overlaps label 0 by 1 byte and label 1 by 5; finding 1
        // overlaps label 0 only. Greedy by overlap gives both labels a match.
        let labels = [sp(M, 0, 10), sp(M, 10, 20)];
        let finds = [sp(M, 9, 15), sp(M, 0, 5)];
        let (l, f) = match_overlap(&labels, &finds);
        assert_eq!((l, f), (vec![true, true], vec![true, true]));
    }

    #[test]
    fn leak_counts_chars_not_bytes() {
        // "张三丰" is 9 bytes, 3 chars; a finding covering "张三" leaks 1 char.
        let text = "姓名张三丰住址";
        let l = sp(N, 6, 15);
        let cov = coverage(&[sp(N, 6, 12)]);
        assert_eq!(leaked_chars(text, &l, &cov), (3, 1));
        // Covered by a finding of another kind still counts as covered.
        let cov = coverage(&[sp(Kind::Address, 3, 15)]);
        assert_eq!(leaked_chars(text, &l, &cov), (3, 0));
        // Nothing found: everything leaks.
        assert_eq!(leaked_chars(text, &l, &[]), (3, 3));
    }

    #[test]
    fn leak_with_adjacent_and_overlapping_findings() {
        let text = "0123456789";
        let l = sp(M, 0, 10);
        let cov = coverage(&[sp(M, 0, 3), sp(M, 3, 5), sp(M, 2, 4), sp(M, 7, 9)]);
        assert_eq!(cov, vec![(0, 5), (7, 9)]);
        assert_eq!(leaked_chars(text, &l, &cov), (10, 3));
    }

    #[test]
    fn report_end_to_end() {
        let text = "户主张三丰电话13812345678，李四电话13987654321。";
        let name = text.find("张三丰").unwrap();
        let m1 = text.find("138").unwrap();
        let m2 = text.find("139").unwrap();
        let li = text.find("李四").unwrap();
        let doc = Document::new(
            "docs/a.txt",
            text,
            vec![
                label(text, N, name, name + 9),
                label(text, M, m1, m1 + 11),
                label(text, N, li, li + 6),
                label(text, M, m2, m2 + 11),
            ],
        );
        let free = Document::new("docs/b.txt", "王府井大街很热闹。", vec![]);
        let corpus = Corpus {
            dir: ".".into(),
            docs: vec![doc, free],
        };
        let findings = vec![
            vec![
                // Name found too short, first mobile exact, second mobile
                // covered by two halves, one bogus landline.
                finding(text, N, name, name + 6),
                finding(text, M, m1, m1 + 11),
                finding(text, M, m2, m2 + 6),
                finding(text, M, m2 + 6, m2 + 11),
                finding(text, Kind::Landline, 0, 3),
            ],
            vec![finding("王府井大街很热闹。", N, 0, 3)],
        ];
        let opts = EvalOptions {
            kinds: vec![],
            examples: 10,
        };
        let r = evaluate_findings(&corpus, &findings, &opts);
        let n = r.kind(N).unwrap();
        assert_eq!(counts(n.exact), (0, 2, 2));
        assert_eq!(counts(n.overlap), (1, 1, 1));
        assert_eq!((n.labeled_chars, n.leaked_chars), (5, 3));
        let m = r.kind(M).unwrap();
        assert_eq!(counts(m.exact), (1, 2, 1));
        assert_eq!(counts(m.overlap), (2, 1, 0));
        assert_eq!((m.labeled_chars, m.leaked_chars), (22, 0));
        assert_eq!(m.fp_causes.get(&ErrorCause::Boundary), Some(&2));
        let ll = r.kind(Kind::Landline).unwrap();
        assert_eq!(counts(ll.exact), (0, 1, 0));
        assert_eq!(ll.fp_causes.get(&ErrorCause::Nothing), Some(&1));
        assert_eq!(ll.leak_rate, None);
        assert_eq!(counts(r.exact), (1, 5, 3));
        assert_eq!(counts(r.overlap), (3, 3, 1));
        assert_eq!((r.labeled_chars, r.leaked_chars), (27, 3));
        assert_eq!(r.pii_free.docs, 1);
        assert_eq!(r.pii_free.person_name, 1);
        assert_eq!(r.pii_free.address, 0);
        // Examples carry context and the overlapping label.
        let fp = &n.fp_examples[0];
        assert_eq!(fp.text, "张三");
        assert_eq!(fp.before, "户主");
        assert_eq!(fp.cause, ErrorCause::Boundary);
        assert_eq!(fp.other.as_deref(), Some("person_name \"张三丰\""));
        let md = r.to_markdown();
        assert!(md.contains("| person_name | 2 |"), "{md}");
    }

    #[test]
    fn kind_filter_keeps_cover_from_other_kinds() {
        let text = "电话13812345678";
        let doc = Document::new("a.txt", text, vec![label(text, M, 6, 17)]);
        let corpus = Corpus {
            dir: ".".into(),
            docs: vec![doc],
        };
        let f = vec![vec![finding(text, Kind::BankCard, 6, 17)]];
        let opts = EvalOptions {
            kinds: vec![M],
            examples: 0,
        };
        let r = evaluate_findings(&corpus, &f, &opts);
        assert_eq!(r.kinds.len(), 1);
        assert_eq!(counts(r.exact), (0, 0, 1));
        assert_eq!(r.leak_rate, Some(0.0));
        assert_eq!(r.kinds[0].fn_causes.get(&ErrorCause::OtherKind), Some(&1));
        assert!(r.kinds[0].fn_examples.is_empty());
    }
}
