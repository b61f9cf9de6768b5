//! HTML: a small forgiving tokenizer of our own.
//!
//! Segments: the text of each block (text nodes joined across inline tags such
//! as `<b>`/`<span>`, so `138<b>1</b>2345678` is one string), plus the values
//! of `title`, `alt`, `placeholder`, `aria-label`, `value`, `<meta content>`
//! (author/description/keywords …) and `href` values starting with `mailto:`
//! or `tel:`. `<script>`, `<style>` and comments are skipped. Entities are
//! decoded for the segment text but every piece maps back to its source bytes;
//! replacement text is written escaped (`<` → `&lt;`). The encoding comes from the BOM, then
//! `<meta charset>` / `http-equiv` content, else UTF-8 if valid, else GB18030,
//! and the output is written in the same encoding with all markup outside the
//! edited text byte-for-byte.

use std::ops::Range;

use encoding_rs::Encoding;

use crate::edits::{distribute, group_edits, PieceText};
use crate::textenc::{line_of, Decoded};
use crate::{Document, Format, FormatError, Segment, SegmentEdit};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Escape {
    Text,
    Attr,
}

pub(crate) struct HtmlDoc {
    source: Vec<u8>,
    decoded: Decoded,
    segments: Vec<Segment>,
    maps: Vec<(PieceText<Range<usize>>, Escape)>,
}

const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "tt", "u", "var", "wbr", "o:p", "nobr",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const TEXT_ATTRS: &[&str] = &[
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "value",
    "label",
    "summary",
];
const META_NAMES: &[&str] = &[
    "author",
    "description",
    "keywords",
    "creator",
    "publisher",
    "contact",
    "owner",
];

struct Builder<'a> {
    text: &'a str,
    segments: Vec<Segment>,
    maps: Vec<(PieceText<Range<usize>>, Escape)>,
    cur: PieceText<Range<usize>>,
    cur_start: usize,
    cur_tag: String,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let pt = std::mem::replace(&mut self.cur, PieceText::new());
        if pt.is_blank() {
            return;
        }
        self.segments.push(Segment {
            id: self.segments.len(),
            text: pt.text.clone(),
            location: format!(
                "<{}> 第{}行",
                self.cur_tag,
                line_of(self.text, self.cur_start)
            ),
            context: None,
        });
        self.maps.push((pt, Escape::Text));
    }

    fn text_node(&mut self, r: Range<usize>, parent: &str) {
        if r.is_empty() {
            return;
        }
        if self.cur.pieces.is_empty() {
            if self.text[r.clone()].trim().is_empty() {
                return;
            }
            self.cur_start = r.start;
            self.cur_tag = parent.to_string();
        }
        decode_entities(self.text, r, &mut self.cur);
    }

    fn attr(&mut self, tag: &str, name: &str, r: Range<usize>) {
        let mut pt = PieceText::new();
        decode_entities(self.text, r.clone(), &mut pt);
        if pt.is_blank() {
            return;
        }
        self.segments.push(Segment {
            id: self.segments.len(),
            text: pt.text.clone(),
            location: format!("<{tag} {name}> 第{}行", line_of(self.text, r.start)),
            context: None,
        });
        self.maps.push((pt, Escape::Attr));
    }
}

impl HtmlDoc {
    pub fn open(bytes: &[u8]) -> Result<Self, FormatError> {
        let declared = sniff_meta_charset(bytes);
        let decoded = Decoded::decode(bytes, declared);
        let text = decoded.text.as_str();
        let b = text.as_bytes();
        let mut bl = Builder {
            text,
            segments: Vec::new(),
            maps: Vec::new(),
            cur: PieceText::new(),
            cur_start: 0,
            cur_tag: String::new(),
        };
        let mut stack: Vec<String> = Vec::new();
        let mut i = 0;
        let mut text_start = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let rest = &b[i..];
            let parent = stack.last().cloned().unwrap_or_else(|| "html".into());
            if rest.starts_with(b"<!--") {
                bl.text_node(text_start..i, &parent);
                i = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
                text_start = i;
            } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                bl.text_node(text_start..i, &parent);
                i = find(b, i, b">").map_or(b.len(), |e| e + 1);
                text_start = i;
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                bl.text_node(text_start..i, &parent);
                let (name, _) = tag_name(b, i + 2);
                i = find(b, i, b">").map_or(b.len(), |e| e + 1);
                text_start = i;
                if !INLINE.contains(&name.as_str()) {
                    bl.flush();
                }
                if let Some(pos) = stack.iter().rposition(|t| *t == name) {
                    stack.truncate(pos);
                }
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                bl.text_node(text_start..i, &parent);
                let (name, after) = tag_name(b, i + 1);
                let (attrs, end, self_closing) = parse_attrs(b, after);
                i = end;
                text_start = i;
                if !INLINE.contains(&name.as_str()) {
                    bl.flush();
                }
                let attr = |n: &str| attrs.iter().find(|a| a.0 == n).map(|a| &text[a.1.clone()]);
                for (an, ar) in &attrs {
                    let val = &text[ar.clone()];
                    let lower = val.trim_start().to_ascii_lowercase();
                    let wanted = TEXT_ATTRS.contains(&an.as_str())
                        && !(an == "value"
                            && matches!(
                                attr("type").map(str::to_ascii_lowercase).as_deref(),
                                Some(
                                    "submit" | "button" | "checkbox" | "radio" | "reset" | "image"
                                )
                            ))
                        || (an == "href"
                            && (lower.starts_with("mailto:") || lower.starts_with("tel:")))
                        || (an == "content"
                            && name == "meta"
                            && attr("name").is_some_and(|n| {
                                META_NAMES.contains(&n.to_ascii_lowercase().as_str())
                            }));
                    if wanted {
                        bl.attr(&name, an, ar.clone());
                    }
                }
                if name == "script" || name == "style" {
                    let close = format!("</{name}");
                    i = find_ci(b, i, close.as_bytes())
                        .map_or(b.len(), |e| find(b, e, b">").map_or(b.len(), |x| x + 1));
                    text_start = i;
                } else if name == "title" || name == "textarea" {
                    let close = format!("</{name}");
                    let e = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
                    bl.text_node(i..e, &name);
                    bl.flush();
                    i = find(b, e, b">").map_or(b.len(), |x| x + 1);
                    text_start = i;
                } else if !self_closing && !VOID.contains(&name.as_str()) {
                    stack.push(name);
                    if stack.len() > 4096 {
                        stack.remove(0);
                    }
                }
            } else {
                i += 1;
            }
        }
        let parent = stack.last().cloned().unwrap_or_else(|| "html".into());
        bl.text_node(text_start..b.len(), &parent);
        bl.flush();
        let (segments, maps) = (bl.segments, bl.maps);
        Ok(HtmlDoc {
            source: bytes.to_vec(),
            decoded,
            segments,
            maps,
        })
    }
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| p + from)
}

fn tag_name(b: &[u8], mut i: usize) -> (String, usize) {
    let s = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    (String::from_utf8_lossy(&b[s..i]).to_ascii_lowercase(), i)
}

/// Attributes `(lowercase name, value range)` up to the closing `>`; returns
/// them, the offset after `>`, and whether the tag ended in `/>`.
fn parse_attrs(b: &[u8], mut i: usize) -> (Vec<(String, Range<usize>)>, usize, bool) {
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len(), self_closing);
        }
        if b[i] == b'>' {
            return (attrs, i + 1, self_closing);
        }
        self_closing = false;
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&b[ns..i]).to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| p + vs);
                attrs.push((name, vs..ve));
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                attrs.push((name, vs..i));
            }
        }
    }
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "copy" => "©",
        "reg" => "®",
        "middot" => "·",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "times" => "×",
        "yen" => "¥",
        "bull" => "•",
        _ => return None,
    })
}

/// Append the text of source range `r` to `pt`, entities decoded; literal runs
/// and each entity become separate pieces mapped to their source ranges.
pub(crate) fn decode_entities(text: &str, r: Range<usize>, pt: &mut PieceText<Range<usize>>) {
    let b = text.as_bytes();
    let mut lit = r.start;
    let mut i = r.start;
    while i < r.end {
        if b[i] == b'&' {
            if let Some(semi) = b[i + 1..r.end.min(i + 34)].iter().position(|&c| c == b';') {
                let name = &text[i + 1..i + 1 + semi];
                let decoded: Option<String> = if let Some(num) = name.strip_prefix('#') {
                    let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        num.parse::<u32>().ok()
                    };
                    v.and_then(char::from_u32).map(String::from)
                } else {
                    named_entity(name).map(String::from)
                };
                if let Some(d) = decoded {
                    if lit < i {
                        pt.push_editable(&text[lit..i], lit..i);
                    }
                    let end = i + 2 + semi;
                    pt.push_editable(&d, i..end);
                    i = end;
                    lit = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    if lit < r.end {
        pt.push_editable(&text[lit..r.end], lit..r.end);
    }
}

pub(crate) fn escape_html(s: &str, esc: Escape) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if esc == Escape::Attr => out.push_str("&quot;"),
            '\'' if esc == Escape::Attr => out.push_str("&#39;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
    out
}

/// Look for `<meta charset=…>` or `<meta http-equiv … content="…charset=…">`
/// in the first 4 KiB.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: String = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|&c| {
            if c.is_ascii() {
                c.to_ascii_lowercase() as char
            } else {
                ' '
            }
        })
        .collect();
    let mut from = 0;
    while let Some(p) = head[from..].find("<meta") {
        let s = from + p;
        let e = head[s..].find('>').map_or(head.len(), |x| x + s);
        let tag = &head[s..e];
        if let Some(c) = tag.find("charset") {
            let v = tag[c + 7..]
                .trim_start()
                .trim_start_matches('=')
                .trim_start();
            let v = v.trim_start_matches(['"', '\'']);
            let label: String = v
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                // a UTF-16 label in an ASCII-compatible file means UTF-8 (HTML spec)
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
        }
        from = e;
    }
    None
}

impl Document for HtmlDoc {
    fn format(&self) -> Format {
        Format::Html
    }
    fn segments(&self) -> &[Segment] {
        &self.segments
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.segments, edits)?;
        let mut splices = Vec::new();
        for (seg, group) in groups.iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let (pt, esc) = &self.maps[seg];
            let escape = |_: usize, s: &str| escape_html(s, *esc);
            for (i, new) in distribute(&pt.text, &pt.pieces, group, &escape)
                .into_iter()
                .enumerate()
            {
                if let (Some(new), Some(src)) = (new, &pt.sources[i]) {
                    splices.push((src.start, src.end, new));
                }
            }
        }
        splices.sort_by_key(|s| (s.0, s.1));
        Ok(self.decoded.splice(&self.source, &splices))
    }
}
