//! DOCX: paragraphs of the body, headers, footers, footnotes, endnotes,
//! comments and text boxes; tracked insertions (as body text) and deletions
//! (`w:delText`, as a separate "删除的修订" segment); document properties.
//!
//! One segment per paragraph, joining the `w:t` of its runs (`w:tab` → `\t`,
//! `w:br`/`w:cr` → `\n`), so text split over runs is found as one string.
//! Redaction writes the replacement characters into the runs that held the
//! original characters, keeping each run's formatting; every other byte of the
//! part and every other zip entry stays as it was. DrawingML text (`a:t` in
//! shapes) is read like `w:t`. Not read: field instructions (`w:instrText`),
//! embedded objects, images, charts, `word/glossary`.

use std::collections::HashMap;
use std::ops::Range;

use crate::edits::{group_edits, PieceText};
use crate::ooxml::{read_metadata, write_back, Parts, SegSink};
use crate::xmltext::{local, unescape, walk, XmlEvent};
use crate::zipsafe::SafeZip;
use crate::{Document, Format, FormatError, Limits, Segment, SegmentEdit};

pub(crate) struct DocxDoc {
    source: Vec<u8>,
    parts: Parts,
    sink: SegSink,
}

struct Para {
    pt: PieceText<Range<usize>>,
    del: PieceText<Range<usize>>,
    location: String,
}

fn part_order(names: &[String]) -> Vec<String> {
    let mut out = vec!["word/document.xml".to_string()];
    for prefix in ["word/header", "word/footer"] {
        let mut v: Vec<String> = names
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(".xml") && !n.contains("/_rels/"))
            .cloned()
            .collect();
        v.sort_by_key(|n| (n.len(), n.clone()));
        out.extend(v);
    }
    for n in [
        "word/footnotes.xml",
        "word/endnotes.xml",
        "word/comments.xml",
    ] {
        if names.iter().any(|x| x == n) {
            out.push(n.to_string());
        }
    }
    out
}

impl DocxDoc {
    pub fn open(bytes: &[u8], limits: &Limits) -> Result<Self, FormatError> {
        let mut zip = SafeZip::open(bytes, limits)?;
        if !zip.names().iter().any(|n| n == "word/document.xml") {
            return Err(FormatError::corrupt(
                "not a DOCX: word/document.xml is missing",
            ));
        }
        let mut parts = Parts::default();
        let mut sink = SegSink::default();
        for name in part_order(zip.names()) {
            let Some(data) = zip.read(&name)? else {
                continue;
            };
            let part = parts.add(&name, data);
            read_part(&parts.data[part], &name, part, limits, &mut sink)?;
        }
        read_metadata(&mut zip, &mut parts, &mut sink, limits)?;
        Ok(DocxDoc {
            source: bytes.to_vec(),
            parts,
            sink,
        })
    }
}

fn read_part(
    xml: &[u8],
    name: &str,
    part: usize,
    limits: &Limits,
    sink: &mut SegSink,
) -> Result<(), FormatError> {
    let mut paras: Vec<Para> = Vec::new();
    let mut para_no = 0usize;
    let mut table_no = 0usize;
    // (table number, row, column)
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut in_run = 0usize;
    let mut txbx = 0usize;
    // open text element: (start of raw content, deleted?)
    let mut open_t: Option<(usize, bool)> = None;
    let mut done: Vec<Para> = Vec::new();
    walk(xml, name, limits, |ev| match ev {
        XmlEvent::Start { tag, empty, span } => {
            let l = local(tag);
            match l {
                b"p" if !empty => {
                    para_no += 1;
                    let mut loc = name.to_string();
                    if txbx > 0 {
                        loc.push_str(" 文本框");
                    }
                    if let Some((t, r, c)) = tables.last() {
                        loc.push_str(&format!(" 表格{t} 行{r} 列{c}"));
                    }
                    loc.push_str(&format!(" 段落 {para_no}"));
                    paras.push(Para {
                        pt: PieceText::new(),
                        del: PieceText::new(),
                        location: loc,
                    });
                }
                b"p" => para_no += 1,
                b"tbl" if !empty => {
                    table_no += 1;
                    tables.push((table_no, 0, 0));
                }
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.1 += 1;
                        t.2 = 0;
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.2 += 1;
                    }
                }
                b"txbxContent" if !empty => txbx += 1,
                b"r" if !empty => in_run += 1,
                b"t" | b"delText" if !empty => open_t = Some((span.end, l == b"delText")),
                b"tab" if in_run > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.pt.push_fixed("\t");
                    }
                }
                b"br" | b"cr" if in_run > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.pt.push_fixed("\n");
                    }
                }
                _ => {}
            }
        }
        XmlEvent::End { local: l, span } => match l {
            b"t" | b"delText" => {
                if let (Some((start, deleted)), Some(p)) = (open_t.take(), paras.last_mut()) {
                    let r = start..span.start;
                    let text = unescape(&xml[r.clone()]);
                    if deleted {
                        p.del.push_editable(&text, r);
                    } else {
                        p.pt.push_editable(&text, r);
                    }
                }
            }
            b"p" => {
                if let Some(p) = paras.pop() {
                    done.push(p);
                }
            }
            b"r" => in_run = in_run.saturating_sub(1),
            b"tbl" => {
                tables.pop();
            }
            b"txbxContent" => txbx = txbx.saturating_sub(1),
            _ => {}
        },
    })?;
    // paragraphs finish inner-first (text boxes); keep document order by location number
    done.extend(paras);
    done.sort_by_key(|p| para_number(&p.location));
    for p in done {
        if !p.pt.is_blank() {
            sink.push(part, p.pt, p.location.clone(), None);
        }
        if !p.del.is_blank() {
            sink.push(part, p.del, format!("{} 删除的修订", p.location), None);
        }
    }
    Ok(())
}

fn para_number(loc: &str) -> usize {
    loc.rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

impl Document for DocxDoc {
    fn format(&self) -> Format {
        Format::Docx
    }
    fn segments(&self) -> &[Segment] {
        &self.sink.segments
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.sink.segments, edits)?;
        let mut splices = HashMap::new();
        for (seg, g) in groups.iter().enumerate() {
            if !g.is_empty() {
                self.sink.splices_for(seg, g, &mut splices);
            }
        }
        write_back(&self.source, &self.parts, splices)
    }
}
