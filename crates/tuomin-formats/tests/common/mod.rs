#![allow(dead_code)]
use tuomin_formats::{Document, SegmentEdit};

/// Edits replacing every occurrence of `needle` in every segment by `repl`.
pub fn edits_for(doc: &dyn Document, needle: &str, repl: &str) -> Vec<SegmentEdit> {
    let mut out = Vec::new();
    for s in doc.segments() {
        for (i, _) in s.text.match_indices(needle) {
            out.push(SegmentEdit {
                segment: s.id,
                start: i,
                end: i + needle.len(),
                replacement: repl.to_string(),
            });
        }
    }
    out
}

/// Mask like the policy would: keep first 3 and last 4 chars.
pub fn mask(s: &str) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < 3 || i + 4 >= n { c } else { '*' })
        .collect()
}

pub fn all_text(doc: &dyn Document) -> String {
    doc.segments()
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}
