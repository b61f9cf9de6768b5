//! What the scanner reports.

use std::borrow::Cow;

use crate::Kind;

/// One piece of personal information found in a text.
///
/// `start..end` is a byte range into the scanned text, on `char`
/// boundaries, with `start < end`; `text` is exactly `&scanned[start..end]`.
///
/// ```
/// use tuomin_core::{Kind, Scanner};
/// let text = "联系电话：13812345678";
/// let f = &Scanner::new().scan(text)[0];
/// assert_eq!(f.kind, Kind::Mobile);
/// assert_eq!(&text[f.start..f.end], "13812345678");
/// assert_eq!(f.text, "13812345678");
/// assert!(f.score > 0.9);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind of personal information this is.
    pub kind: Kind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The matched text, exactly as it stands in the input.
    pub text: String,
    /// Confidence in 0..=1.
    pub score: f32,
    /// Why the scanner believes it.
    pub evidence: Evidence,
}

impl Finding {
    /// The length of the finding in bytes.
    ///
    /// ```
    /// # use tuomin_core::Scanner;
    /// let f = &Scanner::new().scan("手机13812345678")[0];
    /// assert_eq!(f.len(), 11);
    /// ```
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Always false: a finding spans at least one byte. Present for
    /// symmetry with [`Finding::len`].
    ///
    /// ```
    /// # use tuomin_core::Scanner;
    /// assert!(!Scanner::new().scan("手机13812345678")[0].is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The reasons behind a finding: which checks passed and which context
/// word (if any) raised the score.
///
/// ```
/// use tuomin_core::Scanner;
/// let f = &Scanner::new().scan("身份证号：11010519491231002X")[0];
/// assert!(f.evidence.checks.contains(&"mod11-2 check digit"));
/// assert_eq!(f.evidence.context.as_deref(), Some("身份证号"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Names of the validators that passed, e.g. `"luhn"`. Borrowed from a
    /// static list in the common case, so a finding costs no allocation
    /// for it.
    pub checks: Cow<'static, [&'static str]>,
    /// The context word found near the finding, if any (a static word from
    /// the detectors, or text such as a spreadsheet column header).
    pub context: Option<Cow<'static, str>>,
}

impl Evidence {
    /// Evidence made of the given checks and no context word.
    ///
    /// ```
    /// let e = tuomin_core::Evidence::checks(&["luhn"]);
    /// assert_eq!(&e.checks[..], ["luhn"]);
    /// assert!(e.context.is_none());
    /// ```
    pub fn checks(checks: &[&'static str]) -> Self {
        Evidence {
            checks: Cow::Owned(checks.to_vec()),
            context: None,
        }
    }

    /// Evidence from a static list of checks and an optional static
    /// context word: nothing is allocated.
    ///
    /// ```
    /// let e = tuomin_core::Evidence::fixed(&["luhn", "issuer BIN"], Some("卡号"));
    /// assert_eq!(e.checks.len(), 2);
    /// assert_eq!(e.context.as_deref(), Some("卡号"));
    /// ```
    pub fn fixed(checks: &'static [&'static str], context: Option<&'static str>) -> Self {
        Evidence {
            checks: Cow::Borrowed(checks),
            context: context.map(Cow::Borrowed),
        }
    }
}
