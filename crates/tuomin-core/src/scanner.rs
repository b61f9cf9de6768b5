//! The scanner: candidates → validators → context score → overlap
//! resolution, built once and shared.

use std::collections::BTreeSet;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::detectors::{self, Detector, Prepared};
use crate::{Evidence, Finding, Kind, Policy, Redacted};

/// The error returned when a scanner cannot be built.
///
/// ```
/// let e = tuomin_core::Scanner::builder().allow_regex("(").unwrap_err();
/// assert!(e.to_string().contains("allowlist pattern"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum ScannerError {
    /// An allowlist regular expression does not compile.
    #[error("allowlist pattern `{pattern}` is not a valid regular expression: {source}")]
    AllowRegex {
        /// The pattern as given.
        pattern: String,
        /// What the regex engine said.
        source: regex::Error,
    },
    /// The minimum score is outside 0..=1.
    #[error("min_score must be between 0 and 1, got {0}")]
    MinScore(f32),
    /// A denylist value is empty.
    #[error("denylist values must not be empty")]
    EmptyDeny,
    /// The denylist could not be compiled.
    #[error("denylist could not be compiled: {0}")]
    Deny(String),
}

/// Finds personal information in text.
///
/// Build it once (dictionaries and automata are compiled on the first
/// build and shared); it is `Send + Sync` and cheap to clone, so one
/// scanner serves every thread.
///
/// ```
/// use tuomin_core::{Kind, Scanner};
/// let scanner = Scanner::new();
/// let found = scanner.scan("户主：联系电话 13812345678，银行卡号 6228480402564890018");
/// assert_eq!(found[0].kind, Kind::Mobile);
/// assert_eq!(found[1].kind, Kind::BankCard);
/// ```
#[derive(Clone)]
pub struct Scanner {
    inner: Arc<Inner>,
}

struct Inner {
    detectors: Vec<(Kind, Box<dyn Detector>)>,
    kinds: BTreeSet<Kind>,
    min_score: f32,
    allow_values: BTreeSet<String>,
    allow_regexes: Vec<Regex>,
    deny: Option<(AhoCorasick, Vec<Kind>)>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("kinds", &self.inner.kinds)
            .field("min_score", &self.inner.min_score)
            .finish_non_exhaustive()
    }
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// The default score threshold: findings scoring below it are dropped.
pub const DEFAULT_MIN_SCORE: f32 = 0.5;

impl Scanner {
    /// Bytes of text before a finding that a decision may depend on
    /// (context words, prefixes). Streaming callers keep this much left
    /// context between chunks.
    ///
    /// ```
    /// assert!(tuomin_core::Scanner::CONTEXT_BYTES >= 64);
    /// ```
    pub const CONTEXT_BYTES: usize = 256;

    /// The longest finding any detector produces, in bytes.
    ///
    /// ```
    /// assert!(tuomin_core::Scanner::MAX_FINDING_BYTES >= 256);
    /// ```
    pub const MAX_FINDING_BYTES: usize = 512;

    /// A scanner with every kind enabled and the default threshold.
    ///
    /// ```
    /// let s = tuomin_core::Scanner::new();
    /// assert!(s.scan("今天天气很好。").is_empty());
    /// ```
    pub fn new() -> Scanner {
        ScannerBuilder::default()
            .build()
            .expect("the default scanner always builds")
    }

    /// A builder to choose kinds, threshold, allowlist and denylist.
    ///
    /// ```
    /// use tuomin_core::{Kind, Scanner};
    /// let s = Scanner::builder().kinds([Kind::Mobile]).build().unwrap();
    /// assert!(s.scan("身份证 11010519491231002X").is_empty());
    /// assert_eq!(s.scan("13812345678").len(), 1);
    /// ```
    pub fn builder() -> ScannerBuilder {
        ScannerBuilder::default()
    }

    /// The kinds this scanner reports.
    ///
    /// ```
    /// assert_eq!(tuomin_core::Scanner::new().kinds().len(), tuomin_core::Kind::ALL.len());
    /// ```
    pub fn kinds(&self) -> &BTreeSet<Kind> {
        &self.inner.kinds
    }

    /// Find personal information in `text`: findings sorted by start,
    /// never overlapping, each at or above the score threshold.
    ///
    /// ```
    /// let text = "联系人手机 138 1234 5678";
    /// let f = tuomin_core::Scanner::new().scan(text);
    /// assert_eq!(&text[f[0].start..f[0].end], "138 1234 5678");
    /// ```
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        let inner = &*self.inner;
        let p = Prepared::new(text);
        let mut all = Vec::new();
        for (_, d) in &inner.detectors {
            d.detect(&p, &mut all);
        }
        if let Some((ac, kinds)) = &inner.deny {
            for m in ac.find_iter(text) {
                all.push(Finding {
                    kind: kinds[m.pattern().as_usize()],
                    start: m.start(),
                    end: m.end(),
                    text: text[m.start()..m.end()].to_string(),
                    score: 1.0,
                    evidence: Evidence::checks(&["denylist"]),
                });
            }
        }
        all.retain(|f| {
            f.score >= inner.min_score && inner.kinds.contains(&f.kind) && !self.allowed(&f.text)
        });
        resolve_overlaps(all)
    }

    /// Scan `text` and apply `policy`: the redacted text and the edits
    /// made.
    ///
    /// ```
    /// use tuomin_core::{Policy, Scanner};
    /// let r = Scanner::new().redact("电话13812345678", &Policy::default());
    /// assert_eq!(r.text, "电话138****5678");
    /// assert_eq!(r.edits.len(), 1);
    /// ```
    pub fn redact(&self, text: &str, policy: &Policy) -> Redacted {
        policy.apply(text, &self.scan(text))
    }

    fn allowed(&self, value: &str) -> bool {
        let inner = &*self.inner;
        if inner.allow_values.is_empty() && inner.allow_regexes.is_empty() {
            return false;
        }
        let bare = normalize(value);
        inner.allow_values.contains(value)
            || inner.allow_values.contains(&bare)
            || inner
                .allow_regexes
                .iter()
                .any(|r| r.is_match(value) || r.is_match(&bare))
    }
}

/// The value with separators removed and full-width digits made ASCII,
/// so `138-1234-5678` and `13812345678` compare equal.
fn normalize(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '－' | '\u{3000}' | '·'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// Keep the best of overlapping findings: higher score first, then the
/// longer span, then the kind listed first in [`Kind::ALL`]. Findings are
/// grouped into clusters of mutually overlapping spans; only inside a
/// cluster (a handful of findings) is the choice quadratic. The work is
/// done on indices, in place: a finding that overlaps nothing (most of
/// them) is never moved.
fn resolve_overlaps(mut all: Vec<Finding>) -> Vec<Finding> {
    all.sort_by_key(|f| (f.start, f.end));
    let mut keep = vec![true; all.len()];
    let mut order: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let mut j = i + 1;
        let mut cluster_end = all[i].end;
        while j < all.len() && all[j].start < cluster_end {
            cluster_end = cluster_end.max(all[j].end);
            j += 1;
        }
        if j - i > 1 {
            order.clear();
            order.extend(i..j);
            order.sort_by(|&a, &b| {
                let (a, b) = (&all[a], &all[b]);
                b.score
                    .total_cmp(&a.score)
                    .then(b.len().cmp(&a.len()))
                    .then(a.kind.cmp(&b.kind))
                    .then(a.start.cmp(&b.start))
            });
            // A finding inside a longer one of fair confidence is part of
            // it (周圩 in 户胡镇周圩村第六村民组 is a place, not a person).
            let contained = |b: &Finding| {
                (i..j).any(|k| {
                    let a = &all[k];
                    a.score >= 0.6 && a.start <= b.start && b.end <= a.end && a.len() > b.len()
                })
            };
            let mut kept: Vec<usize> = Vec::new();
            for &k in &order {
                let f = &all[k];
                let free = !contained(f)
                    && kept
                        .iter()
                        .all(|&q| all[q].end <= f.start || f.end <= all[q].start);
                if free {
                    kept.push(k);
                } else {
                    keep[k] = false;
                }
            }
        }
        i = j;
    }
    let mut k = 0;
    all.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    all
}

/// Builds a [`Scanner`].
///
/// ```
/// use tuomin_core::{Kind, Scanner};
/// let s = Scanner::builder()
///     .min_score(0.8)
///     .allow_value("0564-6012345")
///     .deny_value(Kind::PersonName, "张三丰")
///     .build()
///     .unwrap();
/// assert!(s.scan("咨询电话：0564-6012345").is_empty());
/// assert_eq!(s.scan("经办人张三丰")[0].kind, Kind::PersonName);
/// ```
#[derive(Debug, Clone)]
pub struct ScannerBuilder {
    kinds: BTreeSet<Kind>,
    min_score: f32,
    allow_values: BTreeSet<String>,
    allow_regexes: Vec<Regex>,
    deny: Vec<(Kind, String)>,
}

impl Default for ScannerBuilder {
    fn default() -> Self {
        ScannerBuilder {
            kinds: Kind::ALL.into_iter().collect(),
            min_score: DEFAULT_MIN_SCORE,
            allow_values: BTreeSet::new(),
            allow_regexes: Vec::new(),
            deny: Vec::new(),
        }
    }
}

impl ScannerBuilder {
    /// Report only these kinds.
    ///
    /// ```
    /// let b = tuomin_core::Scanner::builder().kinds([tuomin_core::Kind::Email]);
    /// assert_eq!(b.build().unwrap().kinds().len(), 1);
    /// ```
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = Kind>) -> Self {
        self.kinds = kinds.into_iter().collect();
        self
    }

    /// Drop findings scoring below `score` (0..=1; default 0.5).
    ///
    /// ```
    /// assert!(tuomin_core::Scanner::builder().min_score(1.5).build().is_err());
    /// ```
    pub fn min_score(mut self, score: f32) -> Self {
        self.min_score = score;
        self
    }

    /// Never report this exact value (compared also with separators
    /// removed), e.g. an office's public phone number.
    ///
    /// ```
    /// let s = tuomin_core::Scanner::builder().allow_value("13812345678").build().unwrap();
    /// assert!(s.scan("138-1234-5678").is_empty());
    /// ```
    pub fn allow_value(mut self, value: impl Into<String>) -> Self {
        let v = value.into();
        self.allow_values.insert(normalize(&v));
        self.allow_values.insert(v);
        self
    }

    /// Never report a value this regular expression matches.
    ///
    /// ```
    /// let s = tuomin_core::Scanner::builder().allow_regex(r"^0564-60\d{5}$").unwrap().build().unwrap();
    /// assert!(s.scan("电话 0564-6012345").is_empty());
    /// ```
    pub fn allow_regex(mut self, pattern: &str) -> Result<Self, ScannerError> {
        let re = Regex::new(pattern).map_err(|source| ScannerError::AllowRegex {
            pattern: pattern.to_string(),
            source,
        })?;
        self.allow_regexes.push(re);
        Ok(self)
    }

    /// Always report this value as `kind` wherever it appears.
    ///
    /// ```
    /// use tuomin_core::{Kind, Scanner};
    /// let s = Scanner::builder().deny_value(Kind::PersonName, "李四").build().unwrap();
    /// assert_eq!(s.scan("李四来访")[0].text, "李四");
    /// ```
    pub fn deny_value(mut self, kind: Kind, value: impl Into<String>) -> Self {
        self.deny.push((kind, value.into()));
        self
    }

    /// Build the scanner.
    ///
    /// ```
    /// let s = tuomin_core::Scanner::builder().build().unwrap();
    /// assert!(s.scan("").is_empty());
    /// ```
    pub fn build(self) -> Result<Scanner, ScannerError> {
        if !(0.0..=1.0).contains(&self.min_score) {
            return Err(ScannerError::MinScore(self.min_score));
        }
        if self.deny.iter().any(|(_, v)| v.is_empty()) {
            return Err(ScannerError::EmptyDeny);
        }
        let deny = if self.deny.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.deny.iter().map(|(_, v)| v))
                .map_err(|e| ScannerError::Deny(e.to_string()))?;
            Some((ac, self.deny.iter().map(|(k, _)| *k).collect()))
        };
        let all: Vec<(Kind, Box<dyn Detector>)> = vec![
            (Kind::IdCard, Box::new(detectors::IdCard)),
            (Kind::Mobile, Box::new(detectors::Mobile)),
            (Kind::Landline, Box::new(detectors::Landline)),
            (Kind::BankCard, Box::new(detectors::BankCard)),
            (Kind::Email, Box::new(detectors::Email)),
            (Kind::Passport, Box::new(detectors::Passport)),
            (Kind::TravelPermit, Box::new(detectors::TravelPermit)),
            (Kind::LicensePlate, Box::new(detectors::LicensePlate)),
            (Kind::Qq, Box::new(detectors::Qq)),
            (Kind::Wechat, Box::new(detectors::Wechat)),
            (Kind::PersonName, Box::new(detectors::PersonName)),
            (Kind::Address, Box::new(detectors::Address)),
        ];
        let detectors = all
            .into_iter()
            .filter(|(k, _)| self.kinds.contains(k))
            .collect();
        Ok(Scanner {
            inner: Arc::new(Inner {
                detectors,
                kinds: self.kinds,
                min_score: self.min_score,
                allow_values: self.allow_values,
                allow_regexes: self.allow_regexes,
                deny,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text, however hostile, scans without a panic and every
        /// finding lies on character boundaries inside the text, with its
        /// own text.
        #[test]
        fn any_text_scans(parts in proptest::collection::vec(proptest::sample::select(vec![
            "王", "欧阳", "建国", "、", "：", ":", "\u{3000}", " ", "\t", "\n", "，", "男", "·", "・", "‧",
            "1", "23", "号", "栋", "门", "村", "组", "屯", "镇", "县", "街道", "路", "附", "东", "集镇",
            "中心", "楼", "局", "户主", "姓名", "联系人", "记者", "达瓦", "次仁", "沙马", "拉则", "人",
            "｜", "|", ",", "*", "某", "138", "6228", "X", "QQ", "微信", "a_b", "台胞证", "号码",
        ]), 0..40)) {
            let text = parts.concat();
            let scanner = Scanner::new();
            for f in scanner.scan(&text) {
                proptest::prop_assert!(f.start < f.end && f.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                proptest::prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
            }
        }
    }

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        Scanner::new()
            .scan(text)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn scanner_is_send_sync() {
        fn assert<T: Send + Sync>() {}
        assert::<Scanner>();
    }

    #[test]
    fn overlaps_keep_the_best() {
        // A valid ID that also passes Luhn stays an ID.
        let f = kinds("身份证号：11010519491231002X");
        assert_eq!(f, vec![(Kind::IdCard, "11010519491231002X".into())]);
    }

    #[test]
    fn mixed_line() {
        let f = kinds("张三 11010519491231002X 13812345678 zhangsan@163.com");
        let k: Vec<Kind> = f.iter().map(|x| x.0).collect();
        // A name right before an ID number is a name.
        assert_eq!(
            k,
            vec![Kind::PersonName, Kind::IdCard, Kind::Mobile, Kind::Email]
        );
    }

    #[test]
    fn look_alikes_stay_silent() {
        for t in [
            "统一社会信用代码：91341522MA2N1234X5",
            "霍政办〔2023〕12号",
            "2023年12月1日",
            "金额：1,234,567.89元",
            "12345政务服务热线、12315、110",
            "3415**********123X",
            "138****5678",
            "共计20231201123456789笔",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
    }

    #[test]
    fn findings_are_sorted_and_disjoint() {
        let f = Scanner::new().scan("13812345678、13987654321、0551-62345678");
        assert_eq!(f.len(), 3);
        assert!(f.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
