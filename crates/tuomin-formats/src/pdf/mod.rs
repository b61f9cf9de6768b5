//! PDF: the text of every page through a content-stream interpreter, the
//! document information dictionary, and redaction that removes glyphs.
//!
//! Text: `Tj`, `TJ`, `'` and `"` with simple fonts (`/Encoding`, `/Differences`,
//! `/ToUnicode`), Type0 fonts with `Identity-H` and a `ToUnicode` CMap,
//! `UniGB-UCS2-H` (the code is UCS-2) and `GBK-EUC-H`-style CMaps (the bytes are
//! GBK). One segment per page (`第2页`), glyphs in content order, `\n` where the
//! baseline moves. Info dictionary entries are segments `metadata:author` …
//!
//! Redaction removes the glyph codes of edited text from the show-text
//! operations (a `TJ` kerning number of the removed glyphs' width keeps the
//! following glyphs in place), paints an opaque black box over where they
//! were, drops the Info entries Author, Title, Subject, Keywords, Creator,
//! Producer and the XMP `/Metadata` stream, and saves the whole file fresh.
//! Where a mask keeps characters (`138****5678`), the kept glyphs stay.
//!
//! Fails closed: a page without extractable text, or whose fonts cannot be
//! mapped to Unicode, gives a warning "page N: … — not checked". Text inside
//! form XObjects and annotations is not read (a warning says so). Encrypted
//! PDFs (even with an empty user password) give [`FormatError::Encrypted`].

mod font;

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::content::{Content, Operation};
use lopdf::{Document as Pdf, LoadOptions, Object, ObjectId, StringFormat};

use font::{num, Font};

use crate::edits::group_edits;
use crate::{Document, Format, FormatError, Limits, Segment, SegmentEdit};

type M = [f32; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// One shown glyph.
#[derive(Debug, Clone)]
struct Glyph {
    op: usize,
    /// Index of the string in a `TJ` array (0 for `Tj`/`'`/`"`).
    elem: usize,
    bytes: std::ops::Range<usize>,
    /// Advance in thousandths of text space (as a `TJ` number would count it).
    adv: f32,
    /// Box in default user space: x0, y0, x1, y1.
    bbox: [f32; 4],
    /// Byte range in the page segment text (empty if unmapped).
    seg: std::ops::Range<usize>,
}

struct PageText {
    page_no: u32,
    text: String,
    glyphs: Vec<Glyph>,
}

pub(crate) struct PdfDoc {
    source: Vec<u8>,
    limits: Limits,
    segments: Vec<Segment>,
    /// segment → page index in `pages` (None for metadata)
    seg_page: Vec<Option<usize>>,
    pages: Vec<PageText>,
    warnings: Vec<String>,
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Pdf, FormatError> {
    let head = &bytes[..bytes.len().min(1 << 20)];
    let tail = &bytes[bytes.len().saturating_sub(1 << 16)..];
    let has_encrypt = |b: &[u8]| b.windows(8).any(|w| w == b"/Encrypt");
    if has_encrypt(tail) || has_encrypt(head) {
        return Err(FormatError::Encrypted);
    }
    let opts = LoadOptions {
        max_decompressed_size: Some(limits.max_uncompressed_bytes.min(usize::MAX as u64) as usize),
        ..Default::default()
    };
    let doc = Pdf::load_mem_with_options(bytes, opts).map_err(|e| {
        let m = e.to_string();
        if m.to_ascii_lowercase().contains("encrypt") || m.to_ascii_lowercase().contains("password")
        {
            FormatError::Encrypted
        } else {
            FormatError::corrupt(format!("PDF: {m}"))
        }
    })?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(FormatError::Encrypted);
    }
    if doc.objects.len() > limits.max_pdf_objects {
        return Err(FormatError::TooLarge {
            what: "number of PDF objects".into(),
            declared: doc.objects.len() as u64,
            limit: limits.max_pdf_objects as u64,
        });
    }
    Ok(doc)
}

fn page_fonts(doc: &Pdf, page: ObjectId) -> HashMap<Vec<u8>, Font> {
    doc.get_page_fonts(page)
        .map(|fonts| {
            fonts
                .into_iter()
                .map(|(name, dict)| (name, Font::load(doc, dict)))
                .collect()
        })
        .unwrap_or_default()
}

fn has_forms_and_annots(doc: &Pdf, page: ObjectId) -> (bool, bool) {
    let mut forms = false;
    if let Ok((res, ids)) = doc.get_page_resources(page) {
        let mut dicts: Vec<&lopdf::Dictionary> = res.into_iter().collect();
        dicts.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        for d in dicts {
            let xo = match d.get(b"XObject") {
                Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
                Ok(Object::Dictionary(x)) => Some(x),
                _ => None,
            };
            for (_, v) in xo.into_iter().flat_map(|x| x.iter()) {
                let s = match v {
                    Object::Reference(id) => {
                        doc.get_object(*id).ok().and_then(|o| o.as_stream().ok())
                    }
                    _ => None,
                };
                if s.is_some_and(
                    |s| matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form"),
                ) {
                    forms = true;
                }
            }
        }
    }
    let annots = doc
        .get_page_annotations(page)
        .map(|a| a.iter().any(|d| d.has(b"Contents")))
        .unwrap_or(false);
    (forms, annots)
}

/// Run the content stream; collect glyphs in order.
fn interpret(
    ops: &[Operation],
    fonts: &HashMap<Vec<u8>, Font>,
) -> (Vec<Glyph>, Vec<Option<String>>, usize) {
    let mut glyphs = Vec::new();
    let mut texts = Vec::new();
    let mut shows = 0;
    let mut ctm = ID;
    let mut stack: Vec<M> = Vec::new();
    let (mut tm, mut tlm) = (ID, ID);
    let (mut fs, mut tc, mut tw, mut th, mut tl, mut rise) =
        (0.0f32, 0.0f32, 0.0f32, 1.0f32, 0.0f32, 0.0f32);
    let mut font: Option<&Font> = None;
    let f = |o: &Object| num(o).unwrap_or(0.0);
    for (oi, op) in ops.iter().enumerate() {
        let a = &op.operands;
        let mut show = |tm: &mut M, elems: Vec<(usize, &[u8], Option<f32>)>, tc: f32, tw: f32| {
            shows += 1;
            for (ei, bytes, adj) in elems {
                if let Some(n) = adj {
                    let tx = -n / 1000.0 * fs * th;
                    *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                    continue;
                }
                let Some(fnt) = font else { continue };
                let mut pos = 0;
                for (code, len) in fnt.split(bytes) {
                    let uni = fnt.unicode(code, len);
                    let w0 = fnt.width(code, uni.as_deref()) / 1000.0;
                    let spacing = tc + if fnt.is_space(code, len) { tw } else { 0.0 };
                    let trm = mul(&mul(&[fs * th, 0.0, 0.0, fs, 0.0, rise], tm), &ctm);
                    let pts = [
                        apply(&trm, 0.0, -0.2),
                        apply(&trm, w0, -0.2),
                        apply(&trm, 0.0, 0.9),
                        apply(&trm, w0, 0.9),
                    ];
                    let bbox = [
                        pts.iter().map(|p| p.0).fold(f32::MAX, f32::min),
                        pts.iter().map(|p| p.1).fold(f32::MAX, f32::min),
                        pts.iter().map(|p| p.0).fold(f32::MIN, f32::max),
                        pts.iter().map(|p| p.1).fold(f32::MIN, f32::max),
                    ];
                    let adv = w0 * 1000.0
                        + if fs != 0.0 {
                            spacing * 1000.0 / fs
                        } else {
                            0.0
                        };
                    glyphs.push(Glyph {
                        op: oi,
                        elem: ei,
                        bytes: pos..pos + len,
                        adv,
                        bbox,
                        seg: 0..0,
                    });
                    texts.push(uni);
                    pos += len;
                    let tx = (w0 * fs + spacing) * th;
                    *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                }
            }
        };
        match op.operator.as_str() {
            "q" if stack.len() < 1024 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ID),
            "cm" if a.len() == 6 => {
                let m = [f(&a[0]), f(&a[1]), f(&a[2]), f(&a[3]), f(&a[4]), f(&a[5])];
                ctm = mul(&m, &ctm);
            }
            "BT" => {
                tm = ID;
                tlm = ID;
            }
            "Tf" if a.len() == 2 => {
                font = a[0].as_name().ok().and_then(|n| fonts.get(n));
                fs = f(&a[1]);
            }
            "Tc" if !a.is_empty() => tc = f(&a[0]),
            "Tw" if !a.is_empty() => tw = f(&a[0]),
            "Tz" if !a.is_empty() => th = f(&a[0]) / 100.0,
            "TL" if !a.is_empty() => tl = f(&a[0]),
            "Ts" if !a.is_empty() => rise = f(&a[0]),
            "Td" | "TD" if a.len() == 2 => {
                let (x, y) = (f(&a[0]), f(&a[1]));
                if op.operator == "TD" {
                    tl = -y;
                }
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &tlm);
                tm = tlm;
            }
            "Tm" if a.len() == 6 => {
                tlm = [f(&a[0]), f(&a[1]), f(&a[2]), f(&a[3]), f(&a[4]), f(&a[5])];
                tm = tlm;
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -tl], &tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" => {
                let s = match op.operator.as_str() {
                    "\"" if a.len() == 3 => {
                        tw = f(&a[0]);
                        tc = f(&a[1]);
                        a[2].as_str().ok()
                    }
                    _ => a.first().and_then(|o| o.as_str().ok()),
                };
                if op.operator != "Tj" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -tl], &tlm);
                    tm = tlm;
                }
                if let Some(s) = s {
                    show(&mut tm, vec![(0, s, None)], tc, tw);
                }
            }
            "TJ" => {
                if let Some(Ok(arr)) = a.first().map(|o| o.as_array()) {
                    let elems = arr
                        .iter()
                        .enumerate()
                        .filter_map(|(i, o)| match o {
                            Object::String(s, _) => Some((i, s.as_slice(), None)),
                            o => num(o).map(|n| (i, &[][..], Some(n))),
                        })
                        .collect();
                    show(&mut tm, elems, tc, tw);
                }
            }
            _ => {}
        }
    }
    (glyphs, texts, shows)
}

/// Lay glyph texts out as page text, with `\n` where the baseline moves.
fn layout(glyphs: &mut [Glyph], texts: Vec<Option<String>>) -> (String, usize) {
    let mut text = String::new();
    let mut unmapped = 0;
    let mut prev: Option<[f32; 4]> = None;
    for (g, t) in glyphs.iter_mut().zip(texts) {
        let Some(t) = t else {
            unmapped += 1;
            continue;
        };
        if let Some(p) = prev {
            let h = (p[3] - p[1]).abs().max(1.0);
            let (py, y) = ((p[1] + p[3]) / 2.0, (g.bbox[1] + g.bbox[3]) / 2.0);
            if (y - py).abs() > h * 0.5 {
                text.push('\n');
            } else if g.bbox[0] - p[2] > h * 0.3 && !t.starts_with(' ') && !text.ends_with(' ') {
                text.push(' ');
            }
        }
        let s = text.len();
        text.push_str(&t);
        g.seg = s..text.len();
        prev = Some(g.bbox);
    }
    (text, unmapped)
}

const INFO_KEYS: &[(&[u8], &str)] = &[
    (b"Author", "author"),
    (b"Title", "title"),
    (b"Subject", "subject"),
    (b"Keywords", "keywords"),
    (b"Creator", "creator"),
    (b"Producer", "producer"),
];

fn pdf_text_string(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
            .collect();
        String::from_utf16_lossy(&units)
    } else if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(&b[3..]).into_owned()
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

fn info_dict(doc: &Pdf) -> Option<&lopdf::Dictionary> {
    match doc.trailer.get(b"Info").ok()? {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

impl PdfDoc {
    pub fn open(bytes: &[u8], limits: &Limits) -> Result<Self, FormatError> {
        let doc = load(bytes, limits)?;
        let page_ids = doc.get_pages();
        if page_ids.len() > limits.max_pdf_pages {
            return Err(FormatError::TooLarge {
                what: "number of PDF pages".into(),
                declared: page_ids.len() as u64,
                limit: limits.max_pdf_pages as u64,
            });
        }
        let mut segments = Vec::new();
        let mut seg_page = Vec::new();
        let mut pages = Vec::new();
        let mut warnings = Vec::new();
        for (&no, &pid) in &page_ids {
            let content = doc
                .get_page_content_with_limit(pid, limits.max_uncompressed_bytes as usize)
                .map_err(|e| FormatError::TooLarge {
                    what: format!("page {no} content ({e})"),
                    declared: 0,
                    limit: limits.max_uncompressed_bytes,
                })?;
            let ops = Content::decode(&content)
                .map(|c| c.operations)
                .unwrap_or_default();
            let fonts = page_fonts(&doc, pid);
            let (mut glyphs, texts, shows) = interpret(&ops, &fonts);
            let (text, unmapped) = layout(&mut glyphs, texts);
            let (forms, annots) = has_forms_and_annots(&doc, pid);
            if text.trim().is_empty() && shows > 0 {
                warnings.push(format!(
                    "page {no}: no extractable text (its fonts have no usable Unicode mapping) — not checked"
                ));
            } else if text.trim().is_empty() {
                warnings.push(format!(
                    "page {no}: no extractable text (scanned image?) — not checked"
                ));
            } else if unmapped * 5 > glyphs.len() {
                warnings.push(format!(
                    "page {no}: {unmapped} of {} glyphs have no Unicode mapping — partly not checked",
                    glyphs.len()
                ));
            }
            if forms {
                warnings.push(format!(
                    "page {no}: text inside form XObjects is not checked"
                ));
            }
            if annots {
                warnings.push(format!(
                    "page {no}: annotation text (comments) is not checked"
                ));
            }
            let idx = pages.len();
            if !text.trim().is_empty() {
                segments.push(Segment {
                    id: segments.len(),
                    text: text.clone(),
                    location: format!("第{no}页"),
                    context: None,
                });
                seg_page.push(Some(idx));
            }
            pages.push(PageText {
                page_no: no,
                text,
                glyphs,
            });
        }
        if let Some(info) = info_dict(&doc) {
            for (key, name) in INFO_KEYS {
                if let Ok(Object::String(s, _)) = info.get(key) {
                    let t = pdf_text_string(s);
                    if !t.trim().is_empty() {
                        segments.push(Segment {
                            id: segments.len(),
                            text: t,
                            location: format!("metadata:{name}"),
                            context: None,
                        });
                        seg_page.push(None);
                    }
                }
            }
        }
        Ok(PdfDoc {
            source: bytes.to_vec(),
            limits: limits.clone(),
            segments,
            seg_page,
            pages,
            warnings,
        })
    }
}

/// Rewrite one show-text operation without the glyphs in `drop` (indices into `glyphs`).
fn rewrite_op(op: &Operation, glyphs: &[&Glyph], drop: &HashSet<usize>) -> Vec<Operation> {
    // (elem index) -> glyphs of that string
    let mut by_elem: BTreeMap<usize, Vec<(usize, &Glyph)>> = BTreeMap::new();
    for (k, g) in glyphs.iter().enumerate() {
        by_elem.entry(g.elem).or_default().push((k, g));
    }
    let split =
        |bytes: &[u8], fmt: StringFormat, list: &[(usize, &Glyph)], out: &mut Vec<Object>| {
            let mut cur: Vec<u8> = Vec::new();
            let mut pending = 0.0f32;
            for (k, g) in list {
                if drop.contains(k) {
                    if !cur.is_empty() {
                        out.push(Object::String(std::mem::take(&mut cur), fmt));
                    }
                    pending -= g.adv;
                } else {
                    if pending != 0.0 {
                        out.push(Object::Real(pending));
                        pending = 0.0;
                    }
                    cur.extend_from_slice(bytes.get(g.bytes.clone()).unwrap_or(&[]));
                }
            }
            if !cur.is_empty() {
                out.push(Object::String(cur, fmt));
            }
            if pending != 0.0 {
                out.push(Object::Real(pending));
            }
        };
    let mut arr = Vec::new();
    let mut pre = Vec::new();
    match op.operator.as_str() {
        "TJ" => {
            let Some(Ok(items)) = op.operands.first().map(|o| o.as_array()) else {
                return vec![op.clone()];
            };
            for (i, o) in items.iter().enumerate() {
                match (o, by_elem.get(&i)) {
                    (Object::String(s, fmt), Some(list)) => split(s, *fmt, list, &mut arr),
                    (o, _) => arr.push(o.clone()),
                }
            }
        }
        _ => {
            let (s, fmt) = match (op.operator.as_str(), op.operands.as_slice()) {
                ("\"", [aw, ac, Object::String(s, fmt)]) => {
                    pre.push(Operation::new("Tw", vec![aw.clone()]));
                    pre.push(Operation::new("Tc", vec![ac.clone()]));
                    pre.push(Operation::new("T*", vec![]));
                    (s, *fmt)
                }
                ("'", [Object::String(s, fmt)]) => {
                    pre.push(Operation::new("T*", vec![]));
                    (s, *fmt)
                }
                ("Tj", [Object::String(s, fmt)]) => (s, *fmt),
                _ => return vec![op.clone()],
            };
            if let Some(list) = by_elem.get(&0) {
                split(s, fmt, list, &mut arr);
            }
        }
    }
    pre.push(Operation::new("TJ", vec![Object::Array(arr)]));
    pre
}

impl Document for PdfDoc {
    fn format(&self) -> Format {
        Format::Pdf
    }
    fn segments(&self) -> &[Segment] {
        &self.segments
    }
    fn warnings(&self) -> &[String] {
        &self.warnings
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.segments, edits)?;
        let mut doc = load(&self.source, &self.limits)?;
        let page_ids = doc.get_pages();
        for (seg, g) in groups.iter().enumerate() {
            let Some(pi) = self.seg_page[seg] else {
                continue;
            };
            if g.is_empty() {
                continue;
            }
            let page = &self.pages[pi];
            let Some(&pid) = page_ids.get(&page.page_no) else {
                continue;
            };
            // which glyphs go
            let mut dropped: HashSet<usize> = HashSet::new();
            for e in g {
                let orig: Vec<char> = page.text[e.start..e.end].chars().collect();
                let repl: Vec<char> = e.replacement.chars().collect();
                for (gi, gl) in page.glyphs.iter().enumerate() {
                    if gl.seg.is_empty() || gl.seg.end <= e.start || gl.seg.start >= e.end {
                        continue;
                    }
                    if orig.len() == repl.len() && gl.seg.start >= e.start && gl.seg.end <= e.end {
                        let k = page.text[e.start..gl.seg.start].chars().count();
                        let n = page.text[gl.seg.clone()].chars().count();
                        if orig[k..k + n] == repl[k..k + n] {
                            continue; // the mask keeps this character
                        }
                    }
                    dropped.insert(gi);
                }
            }
            if dropped.is_empty() {
                continue;
            }
            let content = doc
                .get_page_content_with_limit(pid, self.limits.max_uncompressed_bytes as usize)
                .map_err(|e| FormatError::corrupt(format!("page {}: {e}", page.page_no)))?;
            let ops = Content::decode(&content)
                .map_err(|e| {
                    FormatError::corrupt(format!("page {}: content stream: {e}", page.page_no))
                })?
                .operations;
            let mut by_op: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for gi in &dropped {
                by_op.entry(page.glyphs[*gi].op).or_default().push(*gi);
            }
            let mut new_ops = vec![Operation::new("q", vec![])];
            for (oi, op) in ops.iter().enumerate() {
                match by_op.get(&oi) {
                    None => new_ops.push(op.clone()),
                    Some(_) => {
                        let idxs: Vec<usize> = (0..page.glyphs.len())
                            .filter(|&k| page.glyphs[k].op == oi)
                            .collect();
                        let glyphs: Vec<&Glyph> = idxs.iter().map(|&k| &page.glyphs[k]).collect();
                        let local_drop: HashSet<usize> = idxs
                            .iter()
                            .enumerate()
                            .filter(|(_, k)| dropped.contains(k))
                            .map(|(i, _)| i)
                            .collect();
                        new_ops.extend(rewrite_op(op, &glyphs, &local_drop));
                    }
                }
            }
            new_ops.push(Operation::new("Q", vec![]));
            new_ops.push(Operation::new("q", vec![]));
            new_ops.push(Operation::new("rg", vec![0.into(), 0.into(), 0.into()]));
            for gi in &dropped {
                let b = page.glyphs[*gi].bbox;
                new_ops.push(Operation::new(
                    "re",
                    vec![
                        Object::Real(b[0]),
                        Object::Real(b[1]),
                        Object::Real(b[2] - b[0]),
                        Object::Real(b[3] - b[1]),
                    ],
                ));
            }
            new_ops.push(Operation::new("f", vec![]));
            new_ops.push(Operation::new("Q", vec![]));
            let bytes = Content {
                operations: new_ops,
            }
            .encode()
            .map_err(|e| FormatError::corrupt(format!("page {}: {e}", page.page_no)))?;
            doc.change_page_content(pid, bytes)
                .map_err(|e| FormatError::corrupt(format!("page {}: {e}", page.page_no)))?;
        }
        // scrub metadata
        let info_id = match doc.trailer.get(b"Info") {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        };
        if let Some(id) = info_id {
            if let Ok(d) = doc.get_dictionary_mut(id) {
                for (k, _) in INFO_KEYS {
                    d.remove(k);
                }
            }
        } else if let Ok(Object::Dictionary(d)) = doc.trailer.get_mut(b"Info") {
            for (k, _) in INFO_KEYS {
                d.remove(k);
            }
        }
        if let Ok(cat) = doc.catalog_mut() {
            cat.remove(b"Metadata");
        }
        doc.prune_objects();
        doc.compress();
        let mut out = Vec::new();
        doc.save_to(&mut out)
            .map_err(|e| FormatError::corrupt(format!("writing PDF: {e}")))?;
        Ok(out)
    }
}
