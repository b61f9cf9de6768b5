//! The result of applying a [`Policy`](crate::Policy) to a text.

use crate::Kind;

/// One change made to the text: the bytes `start..end` of the *original*
/// text were replaced by `replacement`.
///
/// An edit never holds the original value, so edits can be logged or
/// reported safely. [`Action::Remove`](crate::Action::Remove) gives an edit
/// with an empty replacement; [`Action::Report`](crate::Action::Report)
/// gives none.
///
/// ```
/// use tuomin_core::{Edit, Kind};
/// let e = Edit { start: 6, end: 17, kind: Kind::Mobile, replacement: "138****5678".into() };
/// assert_eq!(e.len(), 11);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offset of the first replaced byte in the original text.
    pub start: usize,
    /// Byte offset one past the last replaced byte in the original text.
    pub end: usize,
    /// The kind of the finding that was replaced.
    pub kind: Kind,
    /// The text written in its place (empty for a removal).
    pub replacement: String,
}

impl Edit {
    /// The number of original bytes replaced.
    ///
    /// ```
    /// let e = tuomin_core::Edit {
    ///     start: 3, end: 9, kind: tuomin_core::Kind::PersonName, replacement: "张*".into(),
    /// };
    /// assert_eq!(e.len(), 6);
    /// ```
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the edit replaces no bytes (an edit made by
    /// [`Policy::apply`](crate::Policy::apply) never does).
    ///
    /// ```
    /// let e = tuomin_core::Edit {
    ///     start: 3, end: 9, kind: tuomin_core::Kind::PersonName, replacement: String::new(),
    /// };
    /// assert!(!e.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A redacted text and the edits that produced it, sorted by `start` and
/// non-overlapping. Formats that write documents back apply the edits to
/// their own segments; plain text can use `text` directly.
///
/// ```
/// use tuomin_core::{Evidence, Finding, Kind, Policy, Redacted};
///
/// let text = "车牌皖A12345";
/// let f = Finding {
///     kind: Kind::LicensePlate, start: 6, end: text.len(),
///     text: "皖A12345".into(), score: 0.9, evidence: Evidence::default(),
/// };
/// let r: Redacted = Policy::default().apply(text, &[f]);
/// assert_eq!(r.text, "车牌皖A*****");
/// assert_eq!(r.edits[0].start, 6);
/// assert!(r.is_changed());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Redacted {
    /// The text with every edit applied.
    pub text: String,
    /// The edits, in order; offsets refer to the original text.
    pub edits: Vec<Edit>,
}

impl Redacted {
    /// Whether any edit was made.
    ///
    /// ```
    /// let r = tuomin_core::Policy::default().apply("无个人信息", &[]);
    /// assert!(!r.is_changed());
    /// assert_eq!(r.text, "无个人信息");
    /// ```
    pub fn is_changed(&self) -> bool {
        !self.edits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        let e = Edit {
            start: 9,
            end: 3,
            kind: Kind::Qq,
            replacement: String::new(),
        };
        assert_eq!(e.len(), 0);
        assert!(e.is_empty());
    }

    #[test]
    fn default_is_empty() {
        let r = Redacted::default();
        assert!(!r.is_changed());
        assert!(r.text.is_empty());
    }
}
