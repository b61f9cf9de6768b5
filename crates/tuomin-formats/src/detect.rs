//! Telling formats apart: magic bytes first, the file extension second.

use std::io::Cursor;
use std::path::Path;

use crate::{Format, FormatError};

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tell the format of `bytes`, by magic bytes first and by the extension of
/// `path` second.
///
/// - a zip holding `word/document.xml` is DOCX, one holding `xl/workbook.xml` is XLSX;
/// - `%PDF` is PDF;
/// - an OLE compound file is a legacy `.doc`/`.xls`/`.wps`/`.et`
///   ([`FormatError::Legacy`]) or, with an `EncryptionInfo` stream, a
///   password-protected OOXML file ([`FormatError::Encrypted`]);
/// - otherwise `.md`, `.html`, `.csv`, `.txt` … by extension, then a sniff for HTML, else text.
///
/// ```
/// use std::path::Path;
/// use tuomin_formats::{detect_format, Format, FormatError};
/// assert_eq!(detect_format(b"%PDF-1.7\n", None).unwrap(), Format::Pdf);
/// assert_eq!(detect_format(b"a,b\n1,2\n", Some(Path::new("x.CSV"))).unwrap(), Format::Csv);
/// let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
/// assert!(matches!(detect_format(&ole, Some(Path::new("a.doc"))), Err(FormatError::Legacy { .. })));
/// ```
pub fn detect_format(bytes: &[u8], path: Option<&Path>) -> Result<Format, FormatError> {
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes, &ext);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(detect_ole(bytes, &ext));
    }
    let fmt = match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "csv" => Some(Format::Csv),
        "txt" | "text" | "log" => Some(Format::Text),
        "docx" | "docm" | "xlsx" | "xlsm" => {
            return Err(FormatError::corrupt(format!(
                "the file has a .{ext} extension but is not a zip archive (truncated or not really .{ext})"
            )))
        }
        "pdf" => return Err(FormatError::corrupt("the file has a .pdf extension but no %PDF header")),
        "doc" | "xls" | "wps" | "et" | "ppt" => return Err(legacy_for_ext(&ext)),
        "rtf" | "odt" | "ods" | "pptx" | "ofd" => {
            return Err(FormatError::Unsupported {
                what: format!(".{ext} files are not supported"),
            })
        }
        _ => None,
    };
    if let Some(f) = fmt {
        return Ok(f);
    }
    let sniff = String::from_utf8_lossy(head).to_ascii_lowercase();
    let t = sniff.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html") || t.starts_with("<html") || sniff.contains("<html") {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

fn detect_zip(bytes: &[u8], ext: &str) -> Result<Format, FormatError> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::corrupt(format!("truncated or corrupt zip archive ({e})")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    if names.contains(&"word/document.xml") {
        return Ok(Format::Docx);
    }
    if names.contains(&"xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if names.iter().any(|n| n.starts_with("ppt/")) {
        return Err(FormatError::Unsupported {
            what: "PowerPoint (.pptx) files".into(),
        });
    }
    if names.contains(&"mimetype") && names.contains(&"content.xml") {
        return Err(FormatError::Unsupported {
            what: "OpenDocument (.odt/.ods) files; save as .docx/.xlsx".into(),
        });
    }
    Err(FormatError::Unsupported {
        what: format!(
            "a zip archive{} that is neither .docx nor .xlsx",
            if ext.is_empty() {
                String::new()
            } else {
                format!(" (.{ext})")
            }
        ),
    })
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn detect_ole(bytes: &[u8], ext: &str) -> FormatError {
    // Directory entries hold stream names in UTF-16LE; a look for the names is enough.
    if contains(bytes, &utf16("EncryptionInfo")) || contains(bytes, &utf16("EncryptedPackage")) {
        return FormatError::Encrypted;
    }
    match ext {
        "wps" | "et" | "dps" => return legacy_for_ext(ext),
        _ => {}
    }
    if contains(bytes, &utf16("WordDocument")) {
        return legacy_for_ext("doc");
    }
    if contains(bytes, &utf16("Workbook")) || contains(bytes, &utf16("Book")) {
        return legacy_for_ext("xls");
    }
    if contains(bytes, &utf16("PowerPoint Document")) {
        return legacy_for_ext("ppt");
    }
    legacy_for_ext(ext)
}

fn legacy_for_ext(ext: &str) -> FormatError {
    let kind = match ext {
        "doc" => "Word 97-2003 .doc",
        "xls" => "Excel 97-2003 .xls",
        "ppt" => "PowerPoint 97-2003 .ppt",
        "wps" => "WPS Writer .wps",
        "et" => "WPS Spreadsheets .et",
        "dps" => "WPS Presentation .dps",
        _ => "OLE compound document (Office 97-2003 / WPS)",
    };
    FormatError::Legacy { kind: kind.into() }
}
