//! XLSX: every sheet (hidden ones too), shared strings, inline strings, and
//! cell values (numbers and formula results too: an ID stored as a number is
//! still an ID), cell comments, and document properties.
//!
//! One segment per non-empty cell, located `Sheet!C7`, with the text of the
//! first row's cell in the same column as `context` (the column header).
//! Redaction rewrites the shared string in place (a shared string used by
//! several cells gets the edits of all of them, so they all read the same
//! masked text), edits inline strings in place, and turns an edited number or
//! formula cell into an inline string (its formula is dropped, since it would
//! recompute the value). Styles, other cells and other parts stay byte-identical.

use std::collections::HashMap;
use std::ops::Range;

use crate::edits::{distribute, group_edits, PieceText};
use crate::ooxml::{read_metadata, write_back, Parts, SegSink};
use crate::xmltext::{attr, escape, local, unescape, walk, XmlEvent};
use crate::zipsafe::SafeZip;
use crate::{Document, Format, FormatError, Limits, Segment, SegmentEdit};

/// What a segment stands for, beyond its pieces.
enum Target {
    /// Pieces are in place (inline string, comment, metadata).
    InPlace,
    /// Shared string number.
    Shared(usize),
    /// A number/formula cell: the whole `<c>` element is rewritten.
    Value {
        part: usize,
        cell: Range<usize>,
        start_tag: Range<usize>,
        prefix: String,
    },
}

pub(crate) struct XlsxDoc {
    source: Vec<u8>,
    parts: Parts,
    sink: SegSink,
    targets: Vec<Target>,
    sst_part: Option<usize>,
    sst: Vec<PieceText<Range<usize>>>,
}

#[derive(Default)]
struct Cell {
    reference: String,
    row: u32,
    col: u32,
    kind: String,
    span_start: usize,
    start_tag: Range<usize>,
    prefix: String,
    value: Option<Range<usize>>,
    has_formula: bool,
    inline: PieceText<Range<usize>>,
    end: usize,
}

/// The spreadsheet column name of a 0-based column index: 0 → A, 26 → AA.
pub(crate) fn col_name(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: u32 = r[letters.len()..].parse().ok()?;
    let mut col: u32 = 0;
    for c in letters.bytes() {
        col = col
            .checked_mul(26)?
            .checked_add((c.to_ascii_uppercase() - b'A' + 1) as u32)?;
    }
    Some((row, col.checked_sub(1)?))
}

/// A string and its `ref` attribute (comments).
type StringItem = (PieceText<Range<usize>>, Option<String>);

/// Strings made of `<t>` runs (shared strings, inline strings, comments), skipping phonetic runs.
fn string_items(
    xml: &[u8],
    name: &str,
    item: &[u8],
    limits: &Limits,
) -> Result<Vec<StringItem>, FormatError> {
    let mut out = Vec::new();
    let mut cur: Option<(PieceText<Range<usize>>, Option<String>)> = None;
    let mut in_rph = 0usize;
    let mut open_t: Option<usize> = None;
    walk(xml, name, limits, |ev| match ev {
        XmlEvent::Start { tag, empty, span } => {
            let l = local(tag);
            if l == item {
                let it = (PieceText::new(), attr(tag, b"ref"));
                if empty {
                    out.push(it);
                } else {
                    cur = Some(it);
                }
            } else if l == b"rPh" && !empty {
                in_rph += 1;
            } else if l == b"t" && !empty && in_rph == 0 {
                open_t = Some(span.end);
            }
        }
        XmlEvent::End { local: l, span } => {
            if l == b"t" {
                if let (Some(s), Some(c)) = (open_t.take(), cur.as_mut()) {
                    let r = s..span.start;
                    c.0.push_editable(&unescape(&xml[r.clone()]), r);
                }
            } else if l == b"rPh" {
                in_rph = in_rph.saturating_sub(1);
            } else if l == item {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
            }
        }
    })?;
    Ok(out)
}

fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

impl XlsxDoc {
    pub fn open(bytes: &[u8], limits: &Limits) -> Result<Self, FormatError> {
        let mut zip = SafeZip::open(bytes, limits)?;
        let wb = zip
            .read("xl/workbook.xml")?
            .ok_or_else(|| FormatError::corrupt("not an XLSX: xl/workbook.xml is missing"))?;
        let mut sheets: Vec<(String, String)> = Vec::new(); // (name, rId)
        walk(&wb, "xl/workbook.xml", limits, |ev| {
            if let XmlEvent::Start { tag, .. } = ev {
                if local(tag) == b"sheet" {
                    sheets.push((
                        attr(tag, b"name").unwrap_or_default(),
                        attr(tag, b"id").unwrap_or_default(),
                    ));
                }
            }
        })?;
        let mut rels: HashMap<String, String> = HashMap::new();
        if let Some(r) = zip.read("xl/_rels/workbook.xml.rels")? {
            walk(&r, "xl/_rels/workbook.xml.rels", limits, |ev| {
                if let XmlEvent::Start { tag, .. } = ev {
                    if local(tag) == b"Relationship" {
                        if let (Some(id), Some(t)) = (attr(tag, b"Id"), attr(tag, b"Target")) {
                            rels.insert(id, resolve("xl", &t));
                        }
                    }
                }
            })?;
        }
        let mut parts = Parts::default();
        let mut sink = SegSink::default();
        let mut targets = Vec::new();
        let (sst_part, sst) = match zip.read("xl/sharedStrings.xml")? {
            Some(data) => {
                let items = string_items(&data, "xl/sharedStrings.xml", b"si", limits)?;
                let p = parts.add("xl/sharedStrings.xml", data);
                (Some(p), items.into_iter().map(|i| i.0).collect::<Vec<_>>())
            }
            None => (None, Vec::new()),
        };
        for (i, (sheet_name, rid)) in sheets.iter().enumerate() {
            let path = rels
                .get(rid)
                .cloned()
                .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
            let Some(data) = zip.read(&path)? else {
                continue;
            };
            let part = parts.add(&path, data);
            let cells = read_cells(&parts.data[part], &path, limits)?;
            let cell_text = |c: &Cell| -> Option<String> {
                match c.kind.as_str() {
                    "s" => {
                        let idx: usize = unescape(&parts.data[part][c.value.clone()?])
                            .trim()
                            .parse()
                            .ok()?;
                        sst.get(idx).map(|p| p.text.clone())
                    }
                    "inlineStr" => Some(c.inline.text.clone()),
                    "b" | "e" => None,
                    _ => c.value.clone().map(|r| unescape(&parts.data[part][r])),
                }
            };
            let header_row = cells
                .iter()
                .filter(|c| cell_text(c).is_some_and(|t| !t.trim().is_empty()))
                .map(|c| c.row)
                .min();
            let headers: HashMap<u32, String> = cells
                .iter()
                .filter(|c| Some(c.row) == header_row)
                .filter_map(|c| Some((c.col, cell_text(c)?.trim().to_string())))
                .collect();
            for c in &cells {
                let Some(text) = cell_text(c) else { continue };
                if text.trim().is_empty() {
                    continue;
                }
                let context = if Some(c.row) == header_row {
                    None
                } else {
                    headers.get(&c.col).cloned()
                };
                let location = format!("{sheet_name}!{}", c.reference);
                match c.kind.as_str() {
                    "s" => {
                        let idx: usize = c
                            .value
                            .clone()
                            .and_then(|r| unescape(&parts.data[part][r]).trim().parse().ok())
                            .unwrap_or(0);
                        let mut pt = PieceText::new();
                        pt.push_fixed(&text);
                        sink.push(sst_part.unwrap_or(part), pt, location, context);
                        targets.push(Target::Shared(idx));
                    }
                    "inlineStr" => {
                        sink.push(part, c.inline.clone(), location, context);
                        targets.push(Target::InPlace);
                    }
                    _ => {
                        let mut pt = PieceText::new();
                        pt.push_fixed(&text);
                        sink.push(part, pt, location, context);
                        targets.push(Target::Value {
                            part,
                            cell: c.span_start..c.end,
                            start_tag: c.start_tag.clone(),
                            prefix: c.prefix.clone(),
                        });
                    }
                }
                let _ = c.has_formula;
            }
        }
        // cell comments
        let comment_parts: Vec<String> = zip
            .names()
            .iter()
            .filter(|n| n.starts_with("xl/comments") && n.ends_with(".xml"))
            .cloned()
            .collect();
        for name in comment_parts {
            let Some(data) = zip.read(&name)? else {
                continue;
            };
            let items = string_items(&data, &name, b"comment", limits)?;
            let part = parts.add(&name, data);
            for (pt, r) in items {
                if !pt.is_blank() {
                    sink.push(
                        part,
                        pt,
                        format!("{name} 批注 {}", r.unwrap_or_default()),
                        None,
                    );
                    targets.push(Target::InPlace);
                }
            }
        }
        let before = sink.segments.len();
        read_metadata(&mut zip, &mut parts, &mut sink, limits)?;
        for _ in before..sink.segments.len() {
            targets.push(Target::InPlace);
        }
        Ok(XlsxDoc {
            source: bytes.to_vec(),
            parts,
            sink,
            targets,
            sst_part,
            sst,
        })
    }
}

fn read_cells(xml: &[u8], name: &str, limits: &Limits) -> Result<Vec<Cell>, FormatError> {
    let mut cells = Vec::new();
    let mut cur: Option<Cell> = None;
    let mut row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut open_v: Option<usize> = None;
    let mut open_t: Option<usize> = None;
    let mut in_rph = 0usize;
    walk(xml, name, limits, |ev| match ev {
        XmlEvent::Start { tag, empty, span } => match local(tag) {
            b"row" => {
                row = attr(tag, b"r")
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(row + 1);
                next_col = 0;
            }
            b"c" => {
                let reference = attr(tag, b"r");
                let (r, c) = reference
                    .as_deref()
                    .and_then(parse_ref)
                    .unwrap_or((row, next_col));
                next_col = c + 1;
                let qname = tag.name().into_inner().as_bytes().to_vec();
                let prefix = match qname.iter().position(|&b| b == b':') {
                    Some(i) => String::from_utf8_lossy(&qname[..=i]).into_owned(),
                    None => String::new(),
                };
                let cell = Cell {
                    reference: reference.unwrap_or_else(|| format!("{}{}", col_name(c), r)),
                    row: r,
                    col: c,
                    kind: attr(tag, b"t").unwrap_or_else(|| "n".into()),
                    span_start: span.start,
                    start_tag: span.clone(),
                    prefix,
                    end: span.end,
                    ..Default::default()
                };
                if !empty {
                    cur = Some(cell);
                }
            }
            b"v" if !empty => open_v = Some(span.end),
            b"f" => {
                if let Some(c) = cur.as_mut() {
                    c.has_formula = true;
                }
            }
            b"rPh" if !empty => in_rph += 1,
            b"t" if !empty && in_rph == 0 => open_t = Some(span.end),
            _ => {}
        },
        XmlEvent::End { local: l, span } => match l {
            b"v" => {
                if let (Some(s), Some(c)) = (open_v.take(), cur.as_mut()) {
                    c.value = Some(s..span.start);
                }
            }
            b"t" => {
                if let (Some(s), Some(c)) = (open_t.take(), cur.as_mut()) {
                    let r = s..span.start;
                    c.inline.push_editable(&unescape(&xml[r.clone()]), r);
                }
            }
            b"rPh" => in_rph = in_rph.saturating_sub(1),
            b"c" => {
                if let Some(mut c) = cur.take() {
                    c.end = span.end;
                    cells.push(c);
                }
            }
            _ => {}
        },
    })?;
    Ok(cells)
}

/// The start tag of a cell with its `t` attribute set to `inlineStr`.
fn inline_start_tag(raw: &str) -> String {
    let body = raw.trim_end_matches('>').trim_end_matches('/').trim_end();
    // drop an existing t="…" attribute
    let mut out = String::with_capacity(body.len() + 16);
    let mut rest = body;
    while let Some(i) = rest.find(" t=") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 3..];
        let q = after.chars().next().unwrap_or('"');
        let end = after[1..].find(q).map_or(after.len(), |e| e + 2);
        rest = &after[end..];
    }
    out.push_str(rest);
    out.push_str(" t=\"inlineStr\">");
    out
}

impl Document for XlsxDoc {
    fn format(&self) -> Format {
        Format::Xlsx
    }
    fn segments(&self) -> &[Segment] {
        &self.sink.segments
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.sink.segments, edits)?;
        let mut splices: HashMap<usize, Vec<(Range<usize>, String)>> = HashMap::new();
        let mut shared: HashMap<usize, Vec<&SegmentEdit>> = HashMap::new();
        for (seg, g) in groups.iter().enumerate() {
            if g.is_empty() {
                continue;
            }
            match &self.targets[seg] {
                Target::InPlace => self.sink.splices_for(seg, g, &mut splices),
                Target::Shared(idx) => shared.entry(*idx).or_default().extend(g.iter().copied()),
                Target::Value {
                    part,
                    cell,
                    start_tag,
                    prefix,
                } => {
                    let xml = &self.parts.data[*part];
                    let new_text = crate::edits::apply_str(&self.sink.segments[seg].text, g);
                    let tag = inline_start_tag(&String::from_utf8_lossy(&xml[start_tag.clone()]));
                    let elem = format!(
                        "{tag}<{prefix}is><{prefix}t xml:space=\"preserve\">{}</{prefix}t></{prefix}is></{prefix}c>",
                        escape(&new_text)
                    );
                    splices.entry(*part).or_default().push((cell.clone(), elem));
                }
            }
        }
        if let Some(sst_part) = self.sst_part {
            let same = |_: usize, s: &str| s.to_string();
            for (idx, mut es) in shared {
                let Some(pt) = self.sst.get(idx) else {
                    continue;
                };
                // edits of all cells sharing this string: keep the first of overlapping ones
                es.sort_by_key(|e| (e.start, e.end));
                es.dedup_by(|b, a| b.start < a.end);
                for (i, new) in distribute(&pt.text, &pt.pieces, &es, &same)
                    .into_iter()
                    .enumerate()
                {
                    if let (Some(new), Some(src)) = (new, &pt.sources[i]) {
                        splices
                            .entry(sst_part)
                            .or_default()
                            .push((src.clone(), escape(&new)));
                    }
                }
            }
        }
        write_back(&self.source, &self.parts, splices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(parse_ref("C7"), Some((7, 2)));
        assert_eq!(parse_ref("AA10"), Some((10, 26)));
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(2), "C");
        assert_eq!(
            inline_start_tag(r#"<c r="B2" s="3" t="str">"#),
            r#"<c r="B2" s="3" t="inlineStr">"#
        );
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
    }
}
