//! Markdown: text, inline code, code blocks, raw HTML, link URLs, and link
//! reference definitions, each mapped to its source bytes.
//!
//! One segment per block (paragraph, heading, list item, table cell, code
//! block …) made of the source slices of its text events, so a phone number
//! with one bold digit is still one string. Redaction splices the new text
//! into the original bytes: markup outside edited text is kept byte-for-byte.
//! Segment text is the *source* text (an entity stays `&amp;`). Replacement
//! characters in ordinary text are backslash-escaped (`*` → `\\*`) so a mask
//! renders as a mask, not as emphasis; in code and URLs they are written as is.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::edits::{distribute, group_edits, PieceText};
use crate::textenc::{line_of, Decoded};
use crate::{Document, Format, FormatError, Segment, SegmentEdit};

pub(crate) struct MarkdownDoc {
    source: Vec<u8>,
    decoded: Decoded,
    segments: Vec<Segment>,
    /// Per segment: pieces with their decoded source ranges.
    maps: Vec<PieceText<(Range<usize>, bool)>>,
}

impl MarkdownDoc {
    pub fn open(bytes: &[u8]) -> Result<Self, FormatError> {
        let decoded = Decoded::decode(bytes, None);
        let text = decoded.text.as_str();
        let mut segments = Vec::new();
        let mut maps = Vec::new();
        let mut cur: PieceText<(Range<usize>, bool)> = PieceText::new();
        let mut cur_start = 0usize;
        let mut in_code_block = false;

        fn flush(
            cur: &mut PieceText<(Range<usize>, bool)>,
            at: usize,
            text: &str,
            segments: &mut Vec<Segment>,
            maps: &mut Vec<PieceText<(Range<usize>, bool)>>,
        ) {
            let pt = std::mem::replace(cur, PieceText::new());
            if pt.is_blank() {
                return;
            }
            segments.push(Segment {
                id: segments.len(),
                text: pt.text.clone(),
                location: format!("第{}行", line_of(text, at)),
                context: None,
            });
            maps.push(pt);
        }

        let mut opts = Options::all();
        opts.remove(Options::ENABLE_SMART_PUNCTUATION);
        let parser = Parser::new_ext(text, opts);
        let defs: Vec<(String, Range<usize>)> = parser
            .reference_definitions()
            .iter()
            .map(|(_, d)| (d.dest.to_string(), d.span.clone()))
            .collect();
        for (ev, range) in parser.into_offset_iter() {
            let range = clamp(range, text);
            match ev {
                Event::Text(_) | Event::Html(_) | Event::InlineHtml(_) | Event::SoftBreak => {
                    if cur.pieces.is_empty() {
                        cur_start = range.start;
                    }
                    let escape = matches!(ev, Event::Text(_)) && !in_code_block;
                    cur.push_editable(&text[range.clone()], (range, escape));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    flush(&mut cur, cur_start, text, &mut segments, &mut maps);
                    in_code_block = true;
                }
                Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                    flush(&mut cur, cur_start, text, &mut segments, &mut maps);
                    in_code_block = false;
                }
                Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                    let raw = &text[range.clone()];
                    let lead = raw.len() - raw.trim_start_matches(['`', '$']).len();
                    let trail = raw.len() - raw.trim_end_matches(['`', '$']).len();
                    let inner = if lead + trail < raw.len() {
                        range.start + lead..range.end - trail
                    } else {
                        range.clone()
                    };
                    if cur.pieces.is_empty() {
                        cur_start = range.start;
                    }
                    cur.push_editable(&text[inner.clone()], (inner, false));
                }
                Event::HardBreak => cur.push_fixed("\n"),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let url = dest_url.to_string();
                    if !url.is_empty() {
                        if let Some(off) = text[range.clone()].rfind(url.as_str()) {
                            let r = range.start + off..range.start + off + url.len();
                            let mut pt = PieceText::new();
                            pt.push_editable(&text[r.clone()], (r, false));
                            segments.push(Segment {
                                id: segments.len(),
                                text: url,
                                location: format!("第{}行 链接", line_of(text, range.start)),
                                context: None,
                            });
                            maps.push(pt);
                        }
                    }
                }
                Event::Start(t) if is_inline(&t) => {}
                Event::End(t) if is_inline_end(&t) => {}
                Event::Start(_) | Event::End(_) | Event::Rule | Event::TaskListMarker(_) => {
                    flush(&mut cur, cur_start, text, &mut segments, &mut maps);
                }
                Event::FootnoteReference(_) => {}
            }
        }
        flush(&mut cur, cur_start, text, &mut segments, &mut maps);
        for (dest, span) in defs {
            let span = clamp(span, text);
            if dest.is_empty() {
                continue;
            }
            if let Some(off) = text[span.clone()].find(dest.as_str()) {
                let r = span.start + off..span.start + off + dest.len();
                let mut pt = PieceText::new();
                pt.push_editable(&text[r.clone()], (r, false));
                segments.push(Segment {
                    id: segments.len(),
                    text: dest,
                    location: format!("第{}行 链接定义", line_of(text, span.start)),
                    context: None,
                });
                maps.push(pt);
            }
        }
        Ok(MarkdownDoc {
            source: bytes.to_vec(),
            decoded,
            segments,
            maps,
        })
    }
}

/// Backslash-escape the characters that would turn a mask into markup.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '~' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn clamp(r: Range<usize>, text: &str) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len()).max(s);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

fn is_inline(t: &Tag) -> bool {
    matches!(
        t,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(t: &pulldown_cmark::TagEnd) -> bool {
    use pulldown_cmark::TagEnd as E;
    matches!(
        t,
        E::Emphasis
            | E::Strong
            | E::Strikethrough
            | E::Link
            | E::Image
            | E::Superscript
            | E::Subscript
    )
}

impl Document for MarkdownDoc {
    fn format(&self) -> Format {
        Format::Markdown
    }
    fn segments(&self) -> &[Segment] {
        &self.segments
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.segments, edits)?;
        let mut splices: Vec<(usize, usize, String)> = Vec::new();
        for (seg, group) in groups.iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let pt = &self.maps[seg];
            let esc = |i: usize, s: &str| match &pt.sources[i] {
                Some((_, true)) => escape_md(s),
                _ => s.to_string(),
            };
            for (i, new) in distribute(&pt.text, &pt.pieces, group, &esc)
                .into_iter()
                .enumerate()
            {
                if let (Some(new), Some((src, _))) = (new, &pt.sources[i]) {
                    splices.push((src.start, src.end, new));
                }
            }
        }
        splices.sort_by_key(|s| (s.0, s.1));
        Ok(self.decoded.splice(&self.source, &splices))
    }
}
