//! Streaming over an XML part with byte positions, for formats that rewrite
//! text in place (DOCX, XLSX): only the raw text of edited elements changes,
//! every other byte of the part is kept.

use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{FormatError, Limits};

/// One event of [`walk`].
pub(crate) enum XmlEvent<'a, 'b> {
    /// A start tag (`empty` for `<x/>`), with its byte span in the part.
    Start {
        tag: &'b BytesStart<'a>,
        empty: bool,
        span: Range<usize>,
    },
    /// An end tag, with its byte span.
    End { local: &'b [u8], span: Range<usize> },
}

/// Walk the elements of `xml`, checking the nesting depth.
pub(crate) fn walk(
    xml: &[u8],
    part: &str,
    limits: &Limits,
    mut f: impl FnMut(XmlEvent<'_, '_>),
) -> Result<(), FormatError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    loop {
        let p0 = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| FormatError::corrupt(format!("{part}: bad XML at byte {p0}: {e}")))?;
        let p1 = reader.buffer_position() as usize;
        match ev {
            Event::Start(ref t) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(FormatError::TooLarge {
                        what: format!("XML nesting depth in {part}"),
                        declared: depth as u64,
                        limit: limits.max_xml_depth as u64,
                    });
                }
                f(XmlEvent::Start {
                    tag: t,
                    empty: false,
                    span: p0..p1,
                });
            }
            Event::Empty(ref t) => f(XmlEvent::Start {
                tag: t,
                empty: true,
                span: p0..p1,
            }),
            Event::End(ref t) => {
                depth = depth.saturating_sub(1);
                let name = t.name();
                let local = name.local_name();
                f(XmlEvent::End {
                    local: local.as_ref().as_bytes(),
                    span: p0..p1,
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The local name of a start tag.
pub(crate) fn local<'a>(tag: &'a BytesStart<'_>) -> &'a [u8] {
    let n = tag.name().into_inner().as_bytes();
    match n.iter().position(|&c| c == b':') {
        Some(i) => &n[i + 1..],
        None => n,
    }
}

/// Raw value of the attribute whose local name is `name`.
pub(crate) fn attr(tag: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    for a in tag.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref().as_bytes() == name {
            return Some(unescape(a.value.as_bytes()));
        }
    }
    None
}

/// Decode the raw text content of an element: the five predefined entities,
/// character references and CDATA sections. Anything else stays literal.
pub(crate) fn unescape(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    let s = s.as_ref();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").unwrap_or(cdata.len());
            out.push_str(&cdata[..end]);
            rest = cdata.get(end + 3..).unwrap_or("");
            continue;
        }
        if rest.starts_with('<') {
            // a tag inside text content (should not happen): drop it
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            rest = &rest[end..];
            continue;
        }
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&c| c == b';');
        let decoded = semi.and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escape text for XML element content.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Replace byte ranges (sorted, non-overlapping) of `xml`.
pub(crate) fn splice(xml: &[u8], edits: &mut [(Range<usize>, String)]) -> Vec<u8> {
    edits.sort_by_key(|e| (e.0.start, e.0.end));
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut pos = 0;
    for (r, s) in edits.iter() {
        if r.start < pos || r.end > xml.len() {
            continue;
        }
        out.extend_from_slice(&xml[pos..r.start]);
        out.extend_from_slice(s.as_bytes());
        pos = r.end;
    }
    out.extend_from_slice(&xml[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes() {
        assert_eq!(
            unescape(b"a&amp;b&#x4E2D;&#25991;&foo;<![CDATA[<x>]]>"),
            "a&b中文&foo;<x>"
        );
    }
}
