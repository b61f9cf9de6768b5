//! # tuomin-pipeline — from file bytes to findings and redacted copies
//!
//! The glue between [`tuomin_formats`] (documents → text segments → a
//! redacted document) and [`tuomin_core`] (text → findings → edits). One
//! call scans a whole file of any supported format; one call writes a
//! redacted copy of it in the same format.
//!
//! ```
//! use std::path::Path;
//! use tuomin_core::{Kind, Policy, Scanner};
//! use tuomin_pipeline::{redact_bytes, scan_bytes, PipelineOptions};
//!
//! let scanner = Scanner::new();
//! let opts = PipelineOptions::default();
//! let csv = "姓名,身份证号\n王小明,11010519491231002X\n".as_bytes();
//! let scan = scan_bytes(&scanner, Path::new("名单.csv"), csv, &opts).unwrap();
//! assert_eq!(scan.format, "csv");
//! let kinds: Vec<(Kind, &str)> = scan.findings.iter().map(|f| (f.kind, f.location.as_str())).collect();
//! assert_eq!(kinds, vec![(Kind::PersonName, "名单.csv!A2"), (Kind::IdCard, "名单.csv!B2")]);
//!
//! let red = redact_bytes(&scanner, &Policy::default(), Path::new("名单.csv"), csv, &opts).unwrap();
//! assert_eq!(String::from_utf8(red.bytes).unwrap(), "姓名,身份证号\n王**,110105********002X\n");
//! ```
//!
//! ## Column headers as context
//!
//! A spreadsheet or CSV cell holds a bare value (`13812345678`, `王小明`);
//! the words that say what it is stand in the column header. The pipeline
//! scans such a cell as `"{header}：{cell}"` and shifts the offsets back,
//! so the header acts as a context word exactly as if it stood in running
//! text: a column headed 身份证号 or 联系电话 raises the score of the
//! numbers below it. Findings that fall in the header part are dropped; the
//! cell is also scanned on its own so that a header never hides a finding.
//!
//! A name has no such help (the name detector wants surname context the
//! cell does not have), so the rule is explicit: in a column headed 姓名
//! (or 户主, 申请人, 联系人 …), and in the document metadata that names
//! people (`metadata:author`, `metadata:last_modified_by`,
//! `metadata:creator`, `metadata:manager`), a cell of 2–4 Han characters
//! is a [`Kind::PersonName`] (evidence check `"name field"`).
//!
//! ## Inline allow marker
//!
//! A line containing [`ALLOW_MARKER`] (`tuomin:allow`, in a comment or
//! anywhere) suppresses the findings on that line in text, Markdown and
//! HTML files: [`scan_bytes`] moves them to [`FileScan::allowed`].
//! [`redact_bytes`] ignores the marker and masks them all the same (a
//! redacted copy stays safe to publish).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decode;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use encoding_rs::Encoding;
use tuomin_core::{policy::preview, Evidence, Finding, Kind, Policy, Scanner};
use tuomin_formats::{detect_format, open_named, Document, Segment, SegmentEdit};

pub use tuomin_formats::{Format, FormatError, Limits};

use decode::{Sniffed, TextDecoder, TextEncoder, TextEncoding};

/// The inline allow marker: findings on a line containing it are not
/// reported by [`scan_bytes`] (text, Markdown and HTML files).
///
/// ```
/// use std::path::Path;
/// use tuomin_pipeline::{scan_bytes, PipelineOptions, ALLOW_MARKER};
/// let text = format!("办公电话 13812345678 # {ALLOW_MARKER}\n手机 13912345678\n");
/// let scan = scan_bytes(&tuomin_core::Scanner::new(), Path::new("a.txt"), text.as_bytes(), &PipelineOptions::default()).unwrap();
/// assert_eq!(scan.findings.len(), 1);
/// assert_eq!(scan.findings[0].line, Some(2));
/// assert_eq!(scan.allowed.len(), 1);
/// ```
pub const ALLOW_MARKER: &str = "tuomin:allow";

/// How files are read.
///
/// ```
/// use tuomin_pipeline::PipelineOptions;
/// let opts = PipelineOptions { encoding: Some(encoding_rs::GBK), ..Default::default() };
/// assert_eq!(opts.limits.max_xml_depth, 256);
/// ```
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Resource limits for untrusted documents (zip bombs, huge PDFs …).
    pub limits: Limits,
    /// Decode plain-text files with this encoding instead of detecting it
    /// (documents carry their own encodings and ignore it).
    pub encoding: Option<&'static Encoding>,
}

/// One finding in a file, placed in its document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocFinding {
    /// What kind of personal information.
    pub kind: Kind,
    /// Where, for people: `"第2页"`, `"名单!C7"`, `"word/document.xml 段落 12"`,
    /// `"metadata:author"`, or `"line:column"` for plain text.
    pub location: String,
    /// Index of the segment ([`tuomin_formats::Segment::id`]); 0 for plain text.
    pub segment: usize,
    /// Byte offset into the segment text (plain text: into the whole
    /// decoded text; add [`FileScan::span_base`] for file offsets).
    pub start: usize,
    /// Byte offset one past the end, like `start`.
    pub end: usize,
    /// 1-based line: exact for plain text, the source line for Markdown
    /// and HTML, `None` for other documents.
    pub line: Option<usize>,
    /// 1-based column in characters (plain text only).
    pub column: Option<usize>,
    /// Confidence in 0..=1.
    pub score: f32,
    /// The raw value. Show [`DocFinding::preview`] unless the user asked
    /// for values.
    pub text: String,
    /// The value masked the default way (`138****5678`).
    pub preview: String,
    /// Validators that passed.
    pub checks: Vec<&'static str>,
    /// The context word that raised the score, if any.
    pub context: Option<String>,
}

/// The result of scanning one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileScan {
    /// The format it was read as: `"text"`, `"docx"`, `"pdf"` …
    pub format: &'static str,
    /// Findings, in document order.
    pub findings: Vec<DocFinding>,
    /// What could not be checked (fail closed: treat as an error unless the
    /// user accepts it), e.g. `"page 3: no extractable text (scanned image?) — not checked"`.
    /// See [`split_not_checked`] to get a location out of it.
    pub not_checked: Vec<String>,
    /// Findings suppressed by an inline [`ALLOW_MARKER`].
    pub allowed: Vec<DocFinding>,
    /// Plain text: the encoding it was decoded from (`"UTF-8"`, `"GB18030"` …).
    pub encoding: Option<&'static str>,
    /// Plain text: bytes before the decoded text that file offsets count
    /// (the BOM of a UTF-8 file, see DESIGN.md); 0 otherwise.
    pub span_base: usize,
}

/// A redacted copy of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The file, redacted, in its own format (and for text: its own encoding).
    pub bytes: Vec<u8>,
    /// How many values were changed, by kind.
    pub edits_by_kind: BTreeMap<Kind, usize>,
    /// What could not be checked, as in [`FileScan::not_checked`]; a
    /// careful caller refuses to publish such a copy.
    pub not_checked: Vec<String>,
}

/// Why a file could not be scanned or redacted.
///
/// ```
/// use std::path::Path;
/// use tuomin_pipeline::{scan_bytes, PipelineError, PipelineOptions};
/// let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
/// let e = scan_bytes(&tuomin_core::Scanner::new(), Path::new("a.doc"), &ole, &PipelineOptions::default()).unwrap_err();
/// assert!(matches!(e, PipelineError::Format(_)));
/// assert!(e.to_string().contains("save as .docx"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The document could not be read or written (legacy, encrypted,
    /// corrupt, too large, zip bomb …).
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A text file holds bytes that are not valid in its encoding; a
    /// redacted copy would not be faithful, so none is made.
    #[error("{message}")]
    Decode {
        /// The encoding it was read as.
        encoding: &'static str,
        /// Byte offset of the first bad sequence.
        offset: u64,
        /// What is wrong and what to do.
        message: String,
    },
    /// The bytes are not text (binary data).
    #[error("{message}")]
    Unsupported {
        /// What is wrong and what to do.
        message: String,
    },
}

/// Splits a not-checked warning into a location and a message:
/// `"page 3: no extractable text"` → `(Some("第3页"), "no extractable text")`.
///
/// ```
/// use tuomin_pipeline::split_not_checked;
/// assert_eq!(
///     split_not_checked("page 3: no extractable text (scanned image?) — not checked"),
///     (Some("第3页".to_string()), "no extractable text (scanned image?) — not checked".to_string())
/// );
/// assert_eq!(split_not_checked("something odd"), (None, "something odd".to_string()));
/// ```
pub fn split_not_checked(warning: &str) -> (Option<String>, String) {
    if let Some(rest) = warning.strip_prefix("page ") {
        if let Some((no, msg)) = rest.split_once(": ") {
            if !no.is_empty() && no.bytes().all(|b| b.is_ascii_digit()) {
                return (Some(format!("第{no}页")), msg.to_string());
            }
        }
    }
    (None, warning.to_string())
}

/// Tells the format of `bytes` (by content, then by the extension of `path`).
///
/// ```
/// use std::path::Path;
/// assert_eq!(tuomin_pipeline::format_of(Path::new("a.txt"), b"hello").unwrap(), tuomin_pipeline::Format::Text);
/// ```
pub fn format_of(path: &Path, bytes: &[u8]) -> Result<Format, PipelineError> {
    Ok(detect_format(bytes, nonempty(path))?)
}

fn nonempty(path: &Path) -> Option<&Path> {
    (!path.as_os_str().is_empty() && path.as_os_str() != "-").then_some(path)
}

/// Scans one file of any supported format.
///
/// Plain text is decoded (BOM, UTF-8, else GB18030; or
/// [`PipelineOptions::encoding`]) and scanned as a whole; documents are
/// opened with [`tuomin_formats`] and every segment (metadata included) is
/// scanned. Bad bytes in a text file do not stop the scan: they are
/// decoded as U+FFFD and named in [`FileScan::not_checked`].
///
/// ```
/// use std::path::Path;
/// use tuomin_core::{Kind, Scanner};
/// use tuomin_pipeline::{scan_bytes, PipelineOptions};
/// let html = "<html><body><p>联系电话：13812345678</p></body></html>";
/// let scan = scan_bytes(&Scanner::new(), Path::new("a.html"), html.as_bytes(), &PipelineOptions::default()).unwrap();
/// assert_eq!(scan.format, "html");
/// assert_eq!(scan.findings[0].kind, Kind::Mobile);
/// assert_eq!(scan.findings[0].preview, "138****5678");
/// assert_eq!(scan.findings[0].line, Some(1));
/// ```
pub fn scan_bytes(
    scanner: &Scanner,
    path: &Path,
    bytes: &[u8],
    opts: &PipelineOptions,
) -> Result<FileScan, PipelineError> {
    let format = format_of(path, bytes)?;
    if format == Format::Text {
        return scan_text(scanner, bytes, opts);
    }
    let doc = open_doc(path, bytes, format, opts)?;
    let mut findings = Vec::new();
    for seg in doc.segments() {
        let line0 = source_line(format, &seg.location);
        for f in scan_segment(scanner, seg) {
            let line = line0.map(|l| l + seg.text[..f.start].matches('\n').count());
            findings.push(doc_finding(f, seg, line, None));
        }
    }
    let mut allowed = Vec::new();
    if matches!(format, Format::Markdown | Format::Html) {
        let source = String::from_utf8_lossy(bytes);
        let marked = marked_lines(&source);
        if !marked.is_empty() {
            let lines: Vec<&str> = source.split('\n').collect();
            let (keep, drop): (Vec<_>, Vec<_>) = findings.into_iter().partition(|f| {
                let on_marked_line = f.line.is_some_and(|l| marked.contains(&l));
                let value_on_marked_line = marked
                    .iter()
                    .any(|&l| lines.get(l - 1).is_some_and(|s| s.contains(&f.text)));
                !(on_marked_line || value_on_marked_line)
            });
            findings = keep;
            allowed = drop;
        }
    }
    Ok(FileScan {
        format: format.name(),
        findings,
        not_checked: doc.warnings().to_vec(),
        allowed,
        encoding: None,
        span_base: 0,
    })
}

/// Writes a redacted copy of one file, in its own format.
///
/// Every segment is scanned as in [`scan_bytes`], `policy` turns the
/// findings into edits, and the format writes the document back. A text
/// file keeps its encoding and BOM; a text file with bytes invalid in its
/// encoding is refused ([`PipelineError::Decode`]). Allow markers are not
/// honoured here: everything found is masked.
///
/// ```
/// use std::path::Path;
/// use tuomin_core::{Kind, Policy, Scanner};
/// use tuomin_pipeline::{redact_bytes, PipelineOptions};
/// let md = "# 通知\n\n请联系 13812345678。\n";
/// let r = redact_bytes(&Scanner::new(), &Policy::default(), Path::new("a.md"), md.as_bytes(), &PipelineOptions::default()).unwrap();
/// assert_eq!(String::from_utf8(r.bytes).unwrap(), "# 通知\n\n请联系 138\\*\\*\\*\\*5678。\n");
/// assert_eq!(r.edits_by_kind[&Kind::Mobile], 1);
/// ```
pub fn redact_bytes(
    scanner: &Scanner,
    policy: &Policy,
    path: &Path,
    bytes: &[u8],
    opts: &PipelineOptions,
) -> Result<Redaction, PipelineError> {
    let format = format_of(path, bytes)?;
    if format == Format::Text {
        return redact_text(scanner, policy, bytes, opts);
    }
    let doc = open_doc(path, bytes, format, opts)?;
    let mut edits = Vec::new();
    let mut edits_by_kind = BTreeMap::new();
    for seg in doc.segments() {
        let findings = scan_segment(scanner, seg);
        if findings.is_empty() {
            continue;
        }
        for e in policy.apply(&seg.text, &findings).edits {
            *edits_by_kind.entry(e.kind).or_insert(0) += 1;
            edits.push(SegmentEdit {
                segment: seg.id,
                start: e.start,
                end: e.end,
                replacement: e.replacement,
            });
        }
    }
    let bytes = doc.write_redacted(&edits)?;
    Ok(Redaction {
        bytes,
        edits_by_kind,
        not_checked: doc.warnings().to_vec(),
    })
}

fn open_doc(
    path: &Path,
    bytes: &[u8],
    format: Format,
    opts: &PipelineOptions,
) -> Result<Box<dyn Document>, PipelineError> {
    let name = path.file_name().and_then(|n| n.to_str());
    Ok(open_named(bytes, format, &opts.limits, name)?)
}

fn check_size(bytes: &[u8], opts: &PipelineOptions) -> Result<(), PipelineError> {
    if bytes.len() as u64 > opts.limits.max_input_bytes {
        return Err(FormatError::TooLarge {
            what: "input".into(),
            declared: bytes.len() as u64,
            limit: opts.limits.max_input_bytes,
        }
        .into());
    }
    Ok(())
}

struct DecodedText {
    text: String,
    sniffed: Sniffed,
    malformed: Option<decode::Malformed>,
}

fn decode_text(bytes: &[u8], opts: &PipelineOptions) -> Result<DecodedText, PipelineError> {
    check_size(bytes, opts)?;
    let sniffed = decode::sniff(bytes, opts.encoding)
        .map_err(|message| PipelineError::Unsupported { message })?;
    let mut decoder = TextDecoder::new(sniffed, opts.encoding.is_none());
    let text = decoder.decode(bytes, true);
    Ok(DecodedText {
        text,
        sniffed,
        malformed: decoder.malformed(),
    })
}

fn span_base(sniffed: Sniffed) -> usize {
    match sniffed.encoding {
        TextEncoding::Utf8 => sniffed.bom_len,
        _ => 0,
    }
}

fn scan_text(
    scanner: &Scanner,
    bytes: &[u8],
    opts: &PipelineOptions,
) -> Result<FileScan, PipelineError> {
    let d = decode_text(bytes, opts)?;
    let text = d.text.as_str();
    let marked = marked_lines(text);
    let mut findings = Vec::new();
    let mut allowed = Vec::new();
    // findings come sorted: count lines and columns incrementally
    let (mut pos, mut line, mut line_start) = (0usize, 1usize, 0usize);
    for f in scanner.scan(text) {
        let upto = f.start.max(pos);
        for (i, b) in text.as_bytes()[pos..upto].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = pos + i + 1;
            }
        }
        pos = upto;
        let column = text[line_start..f.start].chars().count() + 1;
        let location = format!("{line}:{column}");
        let df = DocFinding {
            kind: f.kind,
            location,
            segment: 0,
            start: f.start,
            end: f.end,
            line: Some(line),
            column: Some(column),
            score: f.score,
            preview: preview(f.kind, &f.text),
            text: f.text,
            checks: f.evidence.checks.into_owned(),
            context: f.evidence.context.map(std::borrow::Cow::into_owned),
        };
        if marked.contains(&line) {
            allowed.push(df);
        } else {
            findings.push(df);
        }
    }
    Ok(FileScan {
        format: Format::Text.name(),
        findings,
        not_checked: d.malformed.map(|m| m.message()).into_iter().collect(),
        allowed,
        encoding: Some(d.sniffed.encoding.name()),
        span_base: span_base(d.sniffed),
    })
}

fn redact_text(
    scanner: &Scanner,
    policy: &Policy,
    bytes: &[u8],
    opts: &PipelineOptions,
) -> Result<Redaction, PipelineError> {
    let d = decode_text(bytes, opts)?;
    if let Some(m) = d.malformed {
        return Err(PipelineError::Decode {
            encoding: m.encoding.name(),
            offset: m.offset,
            message: format!("{}; nothing was written", m.message()),
        });
    }
    let red = scanner.redact(&d.text, policy);
    let mut edits_by_kind = BTreeMap::new();
    for e in &red.edits {
        *edits_by_kind.entry(e.kind).or_insert(0) += 1;
    }
    let mut out = Vec::with_capacity(bytes.len());
    TextEncoder::new(d.sniffed.encoding, d.sniffed.bom_len > 0).encode(&red.text, &mut out, true);
    Ok(Redaction {
        bytes: out,
        edits_by_kind,
        not_checked: Vec::new(),
    })
}

/// 1-based numbers of the lines of `text` that hold [`ALLOW_MARKER`].
fn marked_lines(text: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    if !text.contains(ALLOW_MARKER) {
        return out;
    }
    for (i, l) in text.split('\n').enumerate() {
        if l.contains(ALLOW_MARKER) {
            out.insert(i + 1);
        }
    }
    out
}

/// The source line in a Markdown/HTML location (`"第12行"`, `"<p> 第12行"`).
fn source_line(format: Format, location: &str) -> Option<usize> {
    if !matches!(format, Format::Markdown | Format::Html) {
        return None;
    }
    let start = location.rfind('第')? + '第'.len_utf8();
    let rest = &location[start..];
    let end = rest.find('行')?;
    rest[..end].parse().ok()
}

fn doc_finding(
    f: Finding,
    seg: &Segment,
    line: Option<usize>,
    column: Option<usize>,
) -> DocFinding {
    DocFinding {
        kind: f.kind,
        location: seg.location.clone(),
        segment: seg.id,
        start: f.start,
        end: f.end,
        line,
        column,
        score: f.score,
        preview: preview(f.kind, &f.text),
        text: f.text,
        checks: f.evidence.checks.into_owned(),
        context: f.evidence.context.map(std::borrow::Cow::into_owned),
    }
}

/// Column headers that make a cell of 2–4 Han characters a name.
const NAME_HEADERS: &[&str] = &[
    "姓名",
    "名字",
    "户主",
    "申请人",
    "联系人",
    "负责人",
    "经办人",
    "当事人",
    "被申请人",
    "法定代表人",
    "法人代表",
    "收款人",
    "领款人",
    "监护人",
    "家属",
    "户名",
    "开户名",
];

/// Metadata fields that name people.
const NAME_METADATA: &[&str] = &[
    "metadata:author",
    "metadata:last_modified_by",
    "metadata:creator",
    "metadata:manager",
];

/// Words that stand in a name column without being names.
const NOT_NAMES: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "共计",
    "本人",
    "暂无",
    "未知",
    "不详",
    "其他",
    "其它",
    "姓名",
    "无",
    "空",
    "同上",
    "户主",
    "配偶",
    "子女",
    "父亲",
    "母亲",
    "儿子",
    "女儿",
    "管理员",
    "用户",
];

fn clean_header(h: &str) -> &str {
    h.trim()
        .trim_end_matches([':', '：', '*', ' ', '\u{3000}'])
        .trim()
}

fn is_name_field(seg: &Segment) -> bool {
    if NAME_METADATA.contains(&seg.location.as_str()) {
        return true;
    }
    match seg.context.as_deref().map(clean_header) {
        Some(h) if !h.is_empty() => {
            h.contains("姓名")
                || NAME_HEADERS.contains(&h)
                || NAME_HEADERS
                    .iter()
                    .any(|n| h.ends_with(n) && h.chars().count() <= 6)
        }
        _ => false,
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}')
}

/// The byte range of a bare name in `cell` (trimmed, 2–4 Han characters).
fn bare_name(cell: &str) -> Option<(usize, usize)> {
    let trimmed = cell.trim_matches(|c: char| c.is_whitespace());
    let n = trimmed.chars().count();
    if !(2..=4).contains(&n) || !trimmed.chars().all(is_han) {
        return None;
    }
    if trimmed.contains('某') || NOT_NAMES.contains(&trimmed) {
        return None;
    }
    let start = cell.find(trimmed)?;
    Some((start, start + trimmed.len()))
}

/// The most header text put in front of a cell as context.
const MAX_HEADER_CHARS: usize = 32;

/// Scans one segment: with its column header as context (see the crate
/// docs), and with the explicit name-field rule.
fn scan_segment(scanner: &Scanner, seg: &Segment) -> Vec<Finding> {
    let header = seg
        .context
        .as_deref()
        .map(clean_header)
        .filter(|h| !h.is_empty());
    let mut found = match header {
        None => scanner.scan(&seg.text),
        Some(h) => {
            let skip = h.chars().count().saturating_sub(MAX_HEADER_CHARS);
            let h: String = h.chars().skip(skip).collect();
            let prefix = format!("{h}：");
            let joined = format!("{prefix}{}", seg.text);
            let mut found: Vec<Finding> = scanner
                .scan(&joined)
                .into_iter()
                .filter(|f| f.start >= prefix.len())
                .map(|mut f| {
                    f.start -= prefix.len();
                    f.end -= prefix.len();
                    if f.evidence.context.is_none() {
                        f.evidence.context = Some(h.clone().into());
                    }
                    f
                })
                .collect();
            for f in scanner.scan(&seg.text) {
                if found.iter().all(|g| g.end <= f.start || f.end <= g.start) {
                    found.push(f);
                }
            }
            found.sort_by_key(|f| f.start);
            found
        }
    };
    if scanner.kinds().contains(&Kind::PersonName) && is_name_field(seg) {
        if let Some((start, end)) = bare_name(&seg.text) {
            if found.iter().all(|g| g.end <= start || end <= g.start) {
                let context = header
                    .map(str::to_string)
                    .unwrap_or_else(|| seg.location.clone());
                found.push(Finding {
                    kind: Kind::PersonName,
                    start,
                    end,
                    text: seg.text[start..end].to_string(),
                    score: 0.9,
                    evidence: Evidence {
                        checks: std::borrow::Cow::Borrowed(&["name field"]),
                        context: Some(context.into()),
                    },
                });
                found.sort_by_key(|f| f.start);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, location: &str, context: Option<&str>) -> Segment {
        Segment {
            id: 0,
            text: text.to_string(),
            location: location.to_string(),
            context: context.map(str::to_string),
        }
    }

    #[test]
    fn header_context_shifts_offsets_back() {
        let s = Scanner::new();
        let f = scan_segment(&s, &seg("13812345678", "名单!B2", Some("联系电话")));
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].start, f[0].end), (0, 11));
        assert_eq!(f[0].kind, Kind::Mobile);
    }

    #[test]
    fn name_column_and_metadata_make_names() {
        let s = Scanner::new();
        let f = scan_segment(&s, &seg(" 王小明", "名单!A2", Some("姓名")));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::PersonName);
        assert_eq!(f[0].text, "王小明");
        let f = scan_segment(&s, &seg("刘洋", "metadata:author", None));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::PersonName);
        assert!(scan_segment(&s, &seg("合计", "名单!A9", Some("姓名"))).is_empty());
        assert!(scan_segment(&s, &seg("张某某", "名单!A9", Some("姓名"))).is_empty());
        assert!(scan_segment(&s, &seg("Microsoft Word", "metadata:creator", None)).is_empty());
        let only_mobile = Scanner::builder().kinds([Kind::Mobile]).build().unwrap();
        assert!(scan_segment(&only_mobile, &seg("王小明", "名单!A2", Some("姓名"))).is_empty());
    }

    #[test]
    fn text_spans_lines_and_bom() {
        let s = Scanner::new();
        let bytes = "\u{feff}第一行\r\n电话：13812345678\n".as_bytes();
        let scan = scan_bytes(&s, Path::new("a.txt"), bytes, &PipelineOptions::default()).unwrap();
        assert_eq!(scan.span_base, 3);
        let f = &scan.findings[0];
        assert_eq!(f.location, "2:4");
        assert_eq!(
            &bytes[f.start + scan.span_base..f.end + scan.span_base],
            b"13812345678"
        );
    }

    #[test]
    fn gbk_text_round_trips_through_redaction() {
        let (gbk, _, _) = encoding_rs::GBK.encode("户主电话：13812345678\n");
        let r = redact_bytes(
            &Scanner::new(),
            &Policy::default(),
            Path::new("a.txt"),
            &gbk,
            &PipelineOptions::default(),
        )
        .unwrap();
        let (back, _, _) = encoding_rs::GBK.decode(&r.bytes);
        assert_eq!(back, "户主电话：138****5678\n");
    }

    #[test]
    fn invalid_text_is_not_redacted() {
        let e = redact_bytes(
            &Scanner::new(),
            &Policy::default(),
            Path::new("a.txt"),
            b"abc\xff\xfe\xfd 13812345678",
            &PipelineOptions {
                encoding: Some(encoding_rs::UTF_8),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(matches!(e, PipelineError::Decode { offset: 3, .. }), "{e}");
    }

    #[test]
    fn markdown_allow_marker() {
        let md = "# 名单\n\n办公电话 13812345678 <!-- tuomin:allow -->\n\n手机 13912345678\n";
        let scan = scan_bytes(
            &Scanner::new(),
            Path::new("a.md"),
            md.as_bytes(),
            &PipelineOptions::default(),
        )
        .unwrap();
        assert_eq!(scan.findings.len(), 1, "{scan:?}");
        assert_eq!(scan.findings[0].text, "13912345678");
        assert_eq!(scan.findings[0].line, Some(5));
        assert_eq!(scan.allowed.len(), 1);
    }

    #[test]
    fn source_lines_from_locations() {
        assert_eq!(source_line(Format::Markdown, "第12行"), Some(12));
        assert_eq!(source_line(Format::Html, "<p> 第3行"), Some(3));
        assert_eq!(source_line(Format::Docx, "第3行"), None);
    }
}
