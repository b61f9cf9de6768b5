//! PDF fonts: how the bytes of a string split into codes, what Unicode text
//! each code stands for, and how wide each glyph is.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Helvetica widths for codes 32..=126 (Adobe AFM), used for the standard 14
/// fonts without `/Widths`.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

#[derive(Debug, Clone, PartialEq)]
enum Codes {
    One,
    Two,
    /// GBK: a lead byte 0x81..=0xFE starts a two-byte code.
    Gbk,
    /// Ranges from a CMap's codespace: (length, low bytes, high bytes).
    Space(Vec<(usize, Vec<u8>, Vec<u8>)>),
}

#[derive(Debug, Clone, PartialEq)]
enum Uni {
    /// Only `/ToUnicode` (or nothing).
    None,
    /// One byte through a 256-entry table.
    Table(Box<[Option<char>; 256]>),
    /// The code is UCS-2 / UTF-16.
    Ucs2,
    /// GBK bytes.
    Gbk,
}

/// What the interpreter needs of a font.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    codes: Codes,
    to_unicode: HashMap<(u8, u32), String>,
    uni: Uni,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// CID-keyed font whose CIDs we cannot know (predefined CMaps other than Identity).
    guess_cjk_width: bool,
    /// `/BaseFont`, for messages.
    #[allow(dead_code)]
    pub name: String,
}

impl Font {
    /// Split string bytes into `(code, byte length)`.
    pub fn split(&self, bytes: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = match &self.codes {
                Codes::One => 1,
                Codes::Two => 2,
                Codes::Gbk => {
                    if (0x81..=0xFE).contains(&bytes[i]) {
                        2
                    } else {
                        1
                    }
                }
                Codes::Space(ranges) => ranges
                    .iter()
                    .find(|(n, lo, hi)| {
                        i + n <= bytes.len()
                            && (0..*n).all(|k| lo[k] <= bytes[i + k] && bytes[i + k] <= hi[k])
                    })
                    .map_or(1, |r| r.0),
            }
            .min(bytes.len() - i);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | b as u32);
            out.push((code, len));
            i += len;
        }
        out
    }

    /// The text a code stands for, if known.
    pub fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.to_unicode.get(&(len as u8, code)) {
            return Some(s.clone());
        }
        match &self.uni {
            Uni::None => None,
            Uni::Table(t) => t.get(code as usize).copied().flatten().map(String::from),
            Uni::Ucs2 => char::from_u32(code).filter(|_| len == 2).map(String::from),
            Uni::Gbk => {
                let bytes: Vec<u8> = if len == 2 {
                    vec![(code >> 8) as u8, code as u8]
                } else {
                    vec![code as u8]
                };
                let (s, _, bad) = encoding_rs::GBK.decode(&bytes);
                (!bad).then(|| s.into_owned())
            }
        }
    }

    /// Glyph width in thousandths of text space.
    pub fn width(&self, code: u32, text: Option<&str>) -> f32 {
        if self.guess_cjk_width {
            return match text.and_then(|t| t.chars().next()) {
                Some(c) if (c as u32) < 0x2E80 => 500.0,
                _ => self.default_width,
            };
        }
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// Whether this is a single-byte code 32 (word spacing applies).
    pub fn is_space(&self, code: u32, len: usize) -> bool {
        len == 1 && code == 32
    }

    /// Read a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        let base = name_of(doc, dict.get(b"BaseFont").ok());
        let mut font = Font {
            codes: Codes::One,
            to_unicode: HashMap::new(),
            uni: Uni::None,
            widths: HashMap::new(),
            default_width: 0.0,
            guess_cjk_width: false,
            name: base.clone(),
        };
        let mut tu_space = None;
        if let Some(stream) =
            deref(doc, dict.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
        {
            if let Ok(data) = stream
                .decompressed_content()
                .or_else(|_| Ok::<_, ()>(stream.content.clone()))
            {
                let (map, space) = parse_cmap(&data);
                font.to_unicode = map;
                tu_space = space;
            }
        }
        if subtype == "Type0" {
            let enc_obj = deref(doc, dict.get(b"Encoding").ok());
            let enc = name_of(doc, enc_obj);
            let desc = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| deref(doc, a.first()))
                .and_then(|o| o.as_dict().ok());
            font.default_width = desc
                .and_then(|d| deref(doc, d.get(b"DW").ok()))
                .and_then(num)
                .unwrap_or(1000.0);
            match enc.as_str() {
                "Identity-H" | "Identity-V" => {
                    font.codes = Codes::Two;
                    if let Some(d) = desc {
                        font.widths = cid_widths(doc, d);
                    }
                }
                e if e.starts_with("UniGB-UCS2")
                    || e.starts_with("UniGB-UTF16")
                    || e.starts_with("UniCNS-UCS2")
                    || e.starts_with("UniJIS-UCS2")
                    || e.starts_with("UniKS-UCS2") =>
                {
                    font.codes = Codes::Two;
                    font.uni = Uni::Ucs2;
                    font.guess_cjk_width = true;
                }
                e if e.starts_with("GBK")
                    || e.starts_with("GB-EUC")
                    || e.starts_with("GBpc-EUC")
                    || e.starts_with("GBT-EUC")
                    || e.starts_with("GBK2K") =>
                {
                    font.codes = Codes::Gbk;
                    font.uni = Uni::Gbk;
                    font.guess_cjk_width = true;
                }
                _ => {
                    // an embedded CMap stream or an unknown predefined one
                    let space = enc_obj
                        .and_then(|o| o.as_stream().ok())
                        .and_then(|s| s.decompressed_content().ok())
                        .and_then(|d| parse_cmap(&d).1);
                    font.codes = space.or(tu_space).map_or(Codes::Two, Codes::Space);
                    font.guess_cjk_width = true;
                }
            }
            return font;
        }
        // simple font
        font.codes = Codes::One;
        let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
        if let Some(ws) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
            for (i, w) in ws.iter().enumerate() {
                if let Some(w) = deref(doc, Some(w)).and_then(num) {
                    font.widths.insert(first + i as u32, w);
                }
            }
            font.default_width = deref(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(num)
                .unwrap_or(0.0);
        } else {
            let b = base
                .trim_start_matches(|c: char| c.is_ascii_uppercase() && base.contains('+'))
                .trim_start_matches('+');
            if b.starts_with("Courier") {
                font.default_width = 600.0;
            } else {
                for (i, w) in HELVETICA.iter().enumerate() {
                    font.widths.insert(32 + i as u32, *w as f32);
                }
                font.default_width = 556.0;
            }
        }
        if subtype == "Type3" {
            return font;
        }
        let mut table = base_table(&name_of(doc, deref(doc, dict.get(b"Encoding").ok())));
        if let Some(d) = deref(doc, dict.get(b"Encoding").ok()).and_then(|o| o.as_dict().ok()) {
            table = base_table(&name_of(doc, d.get(b"BaseEncoding").ok()));
            if let Some(diffs) =
                deref(doc, d.get(b"Differences").ok()).and_then(|o| o.as_array().ok())
            {
                let mut code = 0usize;
                for o in diffs {
                    match o {
                        Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                        Object::Name(n) => {
                            if code < 256 {
                                table[code] = glyph_char(&String::from_utf8_lossy(n));
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        if !base.contains("Symbol") && !base.contains("Dingbats") {
            font.uni = Uni::Table(table);
        }
        font
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let mut o = o?;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

fn name_of(doc: &Document, o: Option<&Object>) -> String {
    match deref(doc, o) {
        Some(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    }
}

pub(crate) fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn cid_widths(doc: &Document, d: &Dictionary) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let Some(w) = deref(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) else {
        return out;
    };
    let mut i = 0;
    while i < w.len() {
        let Some(first) = deref(doc, w.get(i)).and_then(num) else {
            break;
        };
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(ws)) => {
                for (k, x) in ws.iter().enumerate().take(65536) {
                    if let Some(x) = num(x) {
                        out.insert(first as u32 + k as u32, x);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(width)) = (num(o), deref(doc, w.get(i + 2)).and_then(num))
                else {
                    break;
                };
                let (a, b) = (first as u32, (last as u32).min(first as u32 + 65536));
                for c in a..=b {
                    out.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

fn base_table(name: &str) -> Box<[Option<char>; 256]> {
    let mut t: Box<[Option<char>; 256]> = Box::new([None; 256]);
    let enc = match name {
        "MacRomanEncoding" => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    };
    for (b, slot) in t.iter_mut().enumerate() {
        if b < 32 {
            continue;
        }
        let byte = [b as u8];
        let (s, bad) = enc.decode_without_bom_handling(&byte);
        if !bad {
            *slot = s.chars().next();
        }
    }
    if name == "StandardEncoding" {
        t[0x27] = Some('’');
        t[0x60] = Some('‘');
    }
    t
}

fn glyph_char(name: &str) -> Option<char> {
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    }
    if let Some(h) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
            return Some(c);
        }
    }
    if name.len() == 1 {
        return name.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("at", '@'),
        ("underscore", '_'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("plus", '+'),
        ("numbersign", '#'),
        ("asterisk", '*'),
        ("exclam", '!'),
        ("question", '?'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("ampersand", '&'),
        ("percent", '%'),
        ("equal", '='),
        ("bracketleft", '['),
        ("bracketright", ']'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

enum Tok {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| p + i);
                let hex: Vec<u8> = data[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let mut bytes = Vec::with_capacity(hex.len() / 2 + 1);
                for pair in hex.chunks(2) {
                    let s = std::str::from_utf8(pair).unwrap_or("0");
                    let v = u8::from_str_radix(s, 16).unwrap_or(0);
                    bytes.push(if pair.len() == 1 { v << 4 } else { v });
                }
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let s = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]%".contains(&data[i])
                {
                    i += 1;
                }
                if i == s {
                    i += 1;
                }
                out.push(Tok::Word(String::from_utf8_lossy(&data[s..i]).into_owned()));
            }
        }
    }
    out
}

fn utf16be(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
        .collect();
    String::from_utf16_lossy(&units)
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| (a << 8) | x as u32)
}

/// Parse a CMap: `bfchar`/`bfrange` mappings keyed by (code length, code), and its codespace.
#[allow(clippy::type_complexity)]
pub(crate) fn parse_cmap(
    data: &[u8],
) -> (
    HashMap<(u8, u32), String>,
    Option<Vec<(usize, Vec<u8>, Vec<u8>)>>,
) {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut space = Vec::new();
    let mut i = 0;
    let mut section = "";
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w)
                if w == "begincodespacerange"
                    || w == "beginbfchar"
                    || w == "beginbfrange"
                    || w == "begincidrange" =>
            {
                section = match w.as_str() {
                    "begincodespacerange" => "space",
                    "beginbfchar" => "char",
                    "beginbfrange" => "range",
                    _ => "",
                };
                i += 1;
            }
            Tok::Word(w) if w.starts_with("end") => {
                section = "";
                i += 1;
            }
            Tok::Hex(src) if section == "space" => {
                if let Some(Tok::Hex(hi)) = toks.get(i + 1) {
                    if src.len() == hi.len() && !src.is_empty() && src.len() <= 4 {
                        space.push((src.len(), src.clone(), hi.clone()));
                    }
                }
                i += 2;
            }
            Tok::Hex(src) if section == "char" => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    map.insert((src.len() as u8, code_of(src)), utf16be(dst));
                }
                i += 2;
            }
            Tok::Hex(lo) if section == "range" => {
                let (Some(Tok::Hex(hi)), Some(next)) = (toks.get(i + 1), toks.get(i + 2)) else {
                    break;
                };
                let (a, b) = (code_of(lo), code_of(hi));
                let b = b.min(a.saturating_add(65535));
                let len = lo.len() as u8;
                match next {
                    Tok::Hex(dst) => {
                        let mut units: Vec<u16> = dst
                            .chunks(2)
                            .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                            .collect();
                        for c in a..=b {
                            map.insert((len, c), String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 3;
                    }
                    Tok::Open => {
                        let mut j = i + 3;
                        let mut c = a;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if c <= b {
                                map.insert((len, c), utf16be(dst));
                            }
                            c += 1;
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 3,
                }
            }
            _ => i += 1,
        }
    }
    (map, (!space.is_empty()).then_some(space))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap() {
        let src = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <5F20> <0002> <4E09> endbfchar\n1 beginbfrange <0010> <0019> <0030> endbfrange\n1 beginbfrange <0020> <0021> [<0041> <0042>] endbfrange";
        let (m, space) = parse_cmap(src);
        assert_eq!(m[&(2, 1)], "张");
        assert_eq!(m[&(2, 0x13)], "3");
        assert_eq!(m[&(2, 0x21)], "B");
        assert_eq!(space.unwrap()[0].0, 2);
    }
}
