//! What DOCX and XLSX share: XML parts read from the zip, text segments made of
//! pieces that point at raw text ranges of a part, document properties
//! (`docProps/core.xml`, `app.xml`, `custom.xml`), and writing the zip back.

use std::collections::HashMap;
use std::ops::Range;

use crate::edits::{distribute, PieceText};
use crate::xmltext::{attr, escape, local, splice, unescape, walk, XmlEvent};
use crate::zipsafe::{rewrite, SafeZip};
use crate::{FormatError, Limits, Segment, SegmentEdit};

/// The XML parts that were read, by index.
#[derive(Default)]
pub(crate) struct Parts {
    pub names: Vec<String>,
    pub data: Vec<Vec<u8>>,
}

impl Parts {
    pub fn add(&mut self, name: &str, data: Vec<u8>) -> usize {
        self.names.push(name.to_string());
        self.data.push(data);
        self.names.len() - 1
    }
}

/// Where a segment's pieces live: a part, and raw byte ranges of its text.
pub(crate) struct TextMap {
    pub part: usize,
    pub pt: PieceText<Range<usize>>,
}

/// Segments and their maps, built together.
#[derive(Default)]
pub(crate) struct SegSink {
    pub segments: Vec<Segment>,
    pub maps: Vec<TextMap>,
}

impl SegSink {
    pub fn push(
        &mut self,
        part: usize,
        pt: PieceText<Range<usize>>,
        location: String,
        context: Option<String>,
    ) -> usize {
        let id = self.segments.len();
        self.segments.push(Segment {
            id,
            text: pt.text.clone(),
            location,
            context,
        });
        self.maps.push(TextMap { part, pt });
        id
    }

    /// Splices `(part, raw range, new raw text)` for the edits of segment `seg`.
    pub fn splices_for(
        &self,
        seg: usize,
        edits: &[&SegmentEdit],
        out: &mut HashMap<usize, Vec<(Range<usize>, String)>>,
    ) {
        let m = &self.maps[seg];
        let same = |_: usize, s: &str| s.to_string();
        for (i, new) in distribute(&m.pt.text, &m.pt.pieces, edits, &same)
            .into_iter()
            .enumerate()
        {
            if let (Some(new), Some(src)) = (new, &m.pt.sources[i]) {
                out.entry(m.part)
                    .or_default()
                    .push((src.clone(), escape(&new)));
            }
        }
    }
}

/// Read document properties into segments named `metadata:…`.
pub(crate) fn read_metadata(
    zip: &mut SafeZip<'_>,
    parts: &mut Parts,
    sink: &mut SegSink,
    limits: &Limits,
) -> Result<(), FormatError> {
    const CORE: &[(&[u8], &str)] = &[
        (b"creator", "author"),
        (b"lastModifiedBy", "last_modified_by"),
        (b"title", "title"),
        (b"subject", "subject"),
        (b"keywords", "keywords"),
        (b"description", "description"),
        (b"category", "category"),
        (b"contentStatus", "content_status"),
    ];
    const APP: &[(&[u8], &str)] = &[(b"Company", "company"), (b"Manager", "manager")];
    for (name, wanted) in [("docProps/core.xml", CORE), ("docProps/app.xml", APP)] {
        let Some(data) = zip.read(name)? else {
            continue;
        };
        let part = parts.add(name, data);
        let mut open: Option<(usize, &str)> = None;
        let mut found = Vec::new();
        let xml = &parts.data[part];
        walk(xml, name, limits, |ev| match ev {
            XmlEvent::Start {
                tag,
                empty: false,
                span,
            } => {
                open = wanted
                    .iter()
                    .find(|(l, _)| *l == local(tag))
                    .map(|(_, key)| (span.end, *key));
            }
            XmlEvent::End { local, span } => {
                if let Some((start, key)) = open.take() {
                    if wanted.iter().any(|(l, _)| *l == local) {
                        found.push((start..span.start, key));
                    }
                }
            }
            _ => {}
        })?;
        for (r, key) in found {
            push_leaf(sink, part, &parts.data[part], r, format!("metadata:{key}"));
        }
    }
    if let Some(data) = zip.read("docProps/custom.xml")? {
        let name = "docProps/custom.xml";
        let part = parts.add(name, data);
        let mut prop = String::new();
        let mut open: Option<usize> = None;
        let mut found = Vec::new();
        walk(&parts.data[part], name, limits, |ev| match ev {
            XmlEvent::Start {
                tag,
                empty: false,
                span,
            } => {
                let l = local(tag);
                if l == b"property" {
                    prop = attr(tag, b"name").unwrap_or_default();
                } else if matches!(l, b"lpwstr" | b"lpstr" | b"bstr") {
                    open = Some(span.end);
                }
            }
            XmlEvent::End { span, .. } => {
                if let Some(start) = open.take() {
                    found.push((start..span.start, prop.clone()));
                }
            }
            _ => {}
        })?;
        for (r, key) in found {
            push_leaf(
                sink,
                part,
                &parts.data[part],
                r,
                format!("metadata:custom:{key}"),
            );
        }
    }
    Ok(())
}

fn push_leaf(sink: &mut SegSink, part: usize, xml: &[u8], r: Range<usize>, location: String) {
    let text = unescape(&xml[r.clone()]);
    if text.trim().is_empty() {
        return;
    }
    let mut pt = PieceText::new();
    pt.push_editable(&text, r);
    sink.push(part, pt, location, None);
}

/// Apply splices to the parts and write the zip again.
pub(crate) fn write_back(
    source: &[u8],
    parts: &Parts,
    mut splices: HashMap<usize, Vec<(Range<usize>, String)>>,
) -> Result<Vec<u8>, FormatError> {
    let mut replaced = HashMap::new();
    for (part, edits) in splices.iter_mut() {
        replaced.insert(
            parts.names[*part].clone(),
            splice(&parts.data[*part], edits),
        );
    }
    rewrite(source, &replaced)
}
