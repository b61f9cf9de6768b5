//! Document formats for tuomin (脱敏): read a document into text
//! [`Segment`]s, each with a human location, and write a redacted copy in the
//! same format from a list of [`SegmentEdit`]s.
//!
//! A format knows nothing of detectors: the caller scans `segments()` and hands
//! back edits (byte ranges into `Segment::text` plus replacements).
//!
//! ```
//! use tuomin_formats::{open, detect_format, Limits, SegmentEdit};
//! let md = "# 名单\n\n联系人 张三，电话 13812345678。\n".as_bytes();
//! let format = detect_format(md, Some(std::path::Path::new("a.md"))).unwrap();
//! let doc = open(md, format, &Limits::default()).unwrap();
//! let seg = doc.segments().iter().find(|s| s.text.contains("138")).unwrap();
//! let start = seg.text.find("13812345678").unwrap();
//! let edit = SegmentEdit { segment: seg.id, start, end: start + 11, replacement: "138****5678".into() };
//! let out = doc.write_redacted(&[edit]).unwrap();
//! // in Markdown text a mask is escaped so that it renders as a mask, not as emphasis
//! assert_eq!(String::from_utf8(out).unwrap(), "# 名单\n\n联系人 张三，电话 138\\*\\*\\*\\*5678。\n");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod csv;
mod detect;
mod docx;
mod edits;
mod error;
mod html;
mod markdown;
mod ooxml;
mod pdf;
mod textenc;
mod xlsx;
mod xmltext;
mod zipsafe;

pub use detect::detect_format;
pub use error::FormatError;

/// A piece of text extracted from a document, with a map back to its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Index of this segment in [`Document::segments`].
    pub id: usize,
    /// The text, as a reader sees it (entities decoded, runs joined).
    pub text: String,
    /// Where it came from, for people: `"word/document.xml 段落 12"`,
    /// `"名单!C7"`, `"第2页"`, `"<title>"`, `"metadata:author"`.
    pub location: String,
    /// Extra context for the scanner, e.g. the column header of a spreadsheet cell.
    pub context: Option<String>,
}

/// One replacement inside a segment's text: `segment.text[start..end]` becomes
/// `replacement`. Offsets are bytes on char boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentEdit {
    /// [`Segment::id`] of the segment edited.
    pub segment: usize,
    /// Start byte offset into the segment text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The text written instead.
    pub replacement: String,
}

/// The document formats this crate reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (handled by the CLI, not by [`open`]).
    Text,
    /// Markdown (CommonMark).
    Markdown,
    /// HTML.
    Html,
    /// Word 2007+ (.docx).
    Docx,
    /// Excel 2007+ (.xlsx).
    Xlsx,
    /// Comma-separated values.
    Csv,
    /// PDF.
    Pdf,
}

impl Format {
    /// A short lowercase name: `"docx"`, `"pdf"` …
    ///
    /// ```
    /// assert_eq!(tuomin_formats::Format::Xlsx.name(), "xlsx");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Pdf => "pdf",
        }
    }
}

/// Resource limits applied while reading untrusted documents.
///
/// ```
/// let limits = tuomin_formats::Limits { max_entries: 100, ..Default::default() };
/// assert_eq!(limits.max_xml_depth, 256);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Total bytes an archive may inflate to, and bytes any one PDF content stream may decompress to.
    pub max_uncompressed_bytes: u64,
    /// Largest allowed ratio of uncompressed to compressed size for a zip entry
    /// (checked only for entries over 1 MiB uncompressed).
    pub max_ratio: u64,
    /// Most entries a zip archive may have.
    pub max_entries: usize,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
    /// Most objects a PDF may have.
    pub max_pdf_objects: usize,
    /// Most pages of a PDF that are read.
    pub max_pdf_pages: usize,
    /// Largest input accepted, in bytes.
    pub max_input_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uncompressed_bytes: 1 << 30,
            max_ratio: 200,
            max_entries: 10_000,
            max_xml_depth: 256,
            max_pdf_objects: 1_000_000,
            max_pdf_pages: 20_000,
            max_input_bytes: 2 << 30,
        }
    }
}

/// An opened document: its text segments, and a way to write a redacted copy.
pub trait Document: Send + Sync {
    /// The format it was read as.
    fn format(&self) -> Format;
    /// The text pieces, in document order; `segments()[i].id == i`.
    fn segments(&self) -> &[Segment];
    /// Write the document again in the same format with `edits` applied.
    /// Edits may come in any order; overlapping edits in one segment are an error.
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError>;
    /// What could not be checked, e.g. `"page 3: no extractable text (scanned image?) — not checked"`.
    /// Formats that always read everything keep the default: nothing.
    fn warnings(&self) -> &[String] {
        &[]
    }
}

/// Open `bytes` as `format`.
///
/// `Format::Text` is not handled here (the CLI reads plain text itself) and
/// gives [`FormatError::Unsupported`].
///
/// ```
/// use tuomin_formats::{open, Format, Limits};
/// let doc = open(b"<p>Tel: 13812345678</p>", Format::Html, &Limits::default()).unwrap();
/// assert_eq!(doc.segments()[0].text, "Tel: 13812345678");
/// ```
pub fn open(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
) -> Result<Box<dyn Document>, FormatError> {
    open_named(bytes, format, limits, None)
}

/// Like [`open`], with the file name used in locations where a format has no
/// names of its own (CSV: `"名单.csv!C7"`).
///
/// ```
/// use tuomin_formats::{open_named, Format, Limits};
/// let doc = open_named("姓名,电话\n张三,13812345678\n".as_bytes(), Format::Csv, &Limits::default(), Some("名单.csv")).unwrap();
/// assert_eq!(doc.segments()[3].location, "名单.csv!B2");
/// assert_eq!(doc.segments()[3].context.as_deref(), Some("电话"));
/// ```
pub fn open_named(
    bytes: &[u8],
    format: Format,
    limits: &Limits,
    name: Option<&str>,
) -> Result<Box<dyn Document>, FormatError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(FormatError::TooLarge {
            what: "input".into(),
            declared: bytes.len() as u64,
            limit: limits.max_input_bytes,
        });
    }
    match format {
        Format::Markdown => Ok(Box::new(markdown::MarkdownDoc::open(bytes)?)),
        Format::Html => Ok(Box::new(html::HtmlDoc::open(bytes)?)),
        Format::Docx => Ok(Box::new(docx::DocxDoc::open(bytes, limits)?)),
        Format::Xlsx => Ok(Box::new(xlsx::XlsxDoc::open(bytes, limits)?)),
        Format::Csv => Ok(Box::new(csv::CsvDoc::open(bytes, name)?)),
        Format::Pdf => Ok(Box::new(pdf::PdfDoc::open(bytes, limits)?)),
        Format::Text => Err(FormatError::Unsupported {
            what: "plain text is read by the CLI, not by tuomin-formats".into(),
        }),
    }
}
