//! The one error type of this crate.

/// Why a document could not be read or written.
///
/// Every variant carries a reason a person can act on; `Display` gives it in
/// plain words.
///
/// ```
/// use tuomin_formats::FormatError;
/// let e = FormatError::Legacy { kind: "Word 97-2003 .doc".into() };
/// assert!(e.to_string().contains("save as"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The bytes are of a kind this crate does not read.
    #[error("unsupported format: {what}")]
    Unsupported {
        /// What was found.
        what: String,
    },
    /// The document is password-protected (encrypted OOXML or an encrypted PDF).
    #[error("the document is password-protected (encrypted); remove the password and try again")]
    Encrypted,
    /// The document is damaged or not what it claims to be.
    #[error("corrupt document: {reason}")]
    Corrupt {
        /// What is wrong.
        reason: String,
    },
    /// A size, count or nesting limit of [`crate::Limits`] was exceeded.
    #[error("document too large: {what} is {declared}, the limit is {limit}")]
    TooLarge {
        /// Which quantity.
        what: String,
        /// The size found (declared or actual).
        declared: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A compressed archive inflates far beyond its compressed size.
    #[error("possible zip bomb: {what} inflates to {declared} bytes, over the limit of {limit}")]
    ZipBomb {
        /// Which entry or total.
        what: String,
        /// The size found (declared or actual).
        declared: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A legacy binary Office/WPS format.
    #[error("legacy {kind} is not supported; save as .docx/.xlsx and try again")]
    Legacy {
        /// Which legacy format, e.g. "Word 97-2003 .doc".
        kind: String,
    },
    /// The edits given to `write_redacted` do not fit the segments.
    #[error("invalid edit: {reason}")]
    InvalidEdit {
        /// What is wrong.
        reason: String,
    },
    /// An I/O error while reading or writing.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

impl FormatError {
    pub(crate) fn corrupt(reason: impl Into<String>) -> Self {
        FormatError::Corrupt {
            reason: reason.into(),
        }
    }
}
