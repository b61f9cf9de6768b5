//! Checking edits and spreading them over the pieces a segment is made of.

use crate::{FormatError, Segment, SegmentEdit};

/// A stretch of a segment's text and whether it can be rewritten.
///
/// A segment is the concatenation of its pieces, in order. An editable piece is
/// a run of text in the source (a `w:t`, a Markdown text node …); a fixed piece
/// is text that stands for markup (`w:tab` → `\t`) and cannot take replacement
/// characters.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub seg_start: usize,
    pub seg_end: usize,
    pub editable: bool,
}

/// Group `edits` by segment, each group sorted by start, after checking that
/// every edit is in range, on char boundaries and overlaps no other.
pub(crate) fn group_edits<'a>(
    segments: &[Segment],
    edits: &'a [SegmentEdit],
) -> Result<Vec<Vec<&'a SegmentEdit>>, FormatError> {
    let mut groups: Vec<Vec<&SegmentEdit>> = vec![Vec::new(); segments.len()];
    for e in edits {
        let seg = segments
            .get(e.segment)
            .ok_or_else(|| FormatError::InvalidEdit {
                reason: format!(
                    "segment {} does not exist ({} segments)",
                    e.segment,
                    segments.len()
                ),
            })?;
        if e.start > e.end || e.end > seg.text.len() {
            return Err(FormatError::InvalidEdit {
                reason: format!(
                    "range {}..{} is outside segment {} of {} bytes",
                    e.start,
                    e.end,
                    e.segment,
                    seg.text.len()
                ),
            });
        }
        if !seg.text.is_char_boundary(e.start) || !seg.text.is_char_boundary(e.end) {
            return Err(FormatError::InvalidEdit {
                reason: format!(
                    "range {}..{} of segment {} is not on char boundaries",
                    e.start, e.end, e.segment
                ),
            });
        }
        groups[e.segment].push(e);
    }
    for g in &mut groups {
        g.sort_by_key(|e| (e.start, e.end));
        for w in g.windows(2) {
            if w[0].end > w[1].start {
                return Err(FormatError::InvalidEdit {
                    reason: format!(
                        "edits {}..{} and {}..{} of segment {} overlap",
                        w[0].start, w[0].end, w[1].start, w[1].end, w[0].segment
                    ),
                });
            }
        }
    }
    Ok(groups)
}

/// Apply sorted, non-overlapping edits to `text`.
pub(crate) fn apply_str(text: &str, edits: &[&SegmentEdit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Spread sorted, non-overlapping `edits` over `pieces` and return the new
/// text of every editable piece that changes (`None` where unchanged).
///
/// The replacement characters go to the pieces that held the original
/// characters: with as many replacement characters as original ones, character
/// *i* of the replacement lands where character *i* of the original was; with
/// a different count they are shared out in proportion. Characters of fixed
/// pieces hand their share to the nearest editable piece inside the edit.
///
/// `esc(piece, s)` turns replacement characters into source text for that piece
/// (e.g. escaping `*` in Markdown); original characters are kept as they are.
pub(crate) fn distribute(
    text: &str,
    pieces: &[Piece],
    edits: &[&SegmentEdit],
    esc: &dyn Fn(usize, &str) -> String,
) -> Vec<Option<String>> {
    let mut local: Vec<Vec<(usize, usize, String)>> = vec![Vec::new(); pieces.len()];
    let piece_at = |pos: usize| -> Option<usize> {
        // last piece whose start <= pos and (pos < end, or pos == end for the last one)
        let idx = pieces.partition_point(|p| p.seg_start <= pos);
        if idx == 0 {
            return None;
        }
        let mut i = idx - 1;
        // prefer a piece that contains pos strictly; skip empty pieces
        while i > 0 && pieces[i].seg_start == pieces[i].seg_end {
            i -= 1;
        }
        Some(i)
    };
    for e in edits {
        let chars: Vec<(usize, char)> = text[e.start..e.end]
            .char_indices()
            .map(|(i, c)| (i + e.start, c))
            .collect();
        let repl: Vec<char> = e.replacement.chars().collect();
        if chars.is_empty() {
            // pure insertion: give it to the editable piece at or before the point
            let mut owner = piece_at(e.start);
            while let Some(i) = owner {
                if pieces[i].editable {
                    break;
                }
                owner = if i == 0 { None } else { Some(i - 1) };
            }
            if let Some(i) = owner {
                let p = &pieces[i];
                let at = e.start.clamp(p.seg_start, p.seg_end) - p.seg_start;
                local[i].push((at, at, esc(i, &e.replacement)));
            }
            continue;
        }
        let mut owners: Vec<Option<usize>> = chars
            .iter()
            .map(|(pos, _)| piece_at(*pos).filter(|&i| pieces[i].editable))
            .collect();
        // fixed characters hand over to the previous editable owner, or the next one
        let mut last = None;
        for o in owners.iter_mut() {
            match o {
                Some(i) => last = Some(*i),
                None => *o = last,
            }
        }
        let mut next = None;
        for o in owners.iter_mut().rev() {
            match o {
                Some(i) => next = Some(*i),
                None => *o = next,
            }
        }
        let n = chars.len();
        let m = repl.len();
        // replacement text per owning piece
        let mut share: Vec<(usize, String)> = Vec::new();
        for (k, o) in owners.iter().enumerate() {
            let Some(i) = *o else { continue };
            let part: String = repl[k * m / n..(k + 1) * m / n].iter().collect();
            match share.iter_mut().find(|(j, _)| *j == i) {
                Some((_, s)) => s.push_str(&part),
                None => share.push((i, part)),
            }
        }
        for (i, s) in share {
            let p = &pieces[i];
            let ls = e.start.max(p.seg_start) - p.seg_start;
            let le = e.end.min(p.seg_end).max(e.start.max(p.seg_start)) - p.seg_start;
            local[i].push((ls, le, esc(i, &s)));
        }
    }
    pieces
        .iter()
        .zip(local)
        .map(|(p, mut reps)| {
            if reps.is_empty() {
                return None;
            }
            reps.sort_by_key(|r| (r.0, r.1));
            let orig = &text[p.seg_start..p.seg_end];
            let mut out = String::with_capacity(orig.len());
            let mut pos = 0;
            for (s, e, r) in reps {
                if s < pos {
                    continue;
                }
                out.push_str(&orig[pos..s]);
                out.push_str(&r);
                pos = e;
            }
            out.push_str(&orig[pos..]);
            Some(out)
        })
        .collect()
}

/// Builds a segment's text together with its pieces.
#[derive(Debug, Default, Clone)]
pub(crate) struct PieceText<S> {
    pub text: String,
    pub pieces: Vec<Piece>,
    /// Per piece: where it lives in the source (format-specific), `None` for fixed pieces.
    pub sources: Vec<Option<S>>,
}

impl<S> PieceText<S> {
    pub fn new() -> Self {
        PieceText {
            text: String::new(),
            pieces: Vec::new(),
            sources: Vec::new(),
        }
    }
    pub fn push_editable(&mut self, s: &str, src: S) {
        let start = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece {
            seg_start: start,
            seg_end: self.text.len(),
            editable: true,
        });
        self.sources.push(Some(src));
    }
    pub fn push_fixed(&mut self, s: &str) {
        let start = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece {
            seg_start: start,
            seg_end: self.text.len(),
            editable: false,
        });
        self.sources.push(None);
    }
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, r: &str) -> SegmentEdit {
        SegmentEdit {
            segment: 0,
            start,
            end,
            replacement: r.into(),
        }
    }

    #[test]
    fn spreads_mask_over_runs() {
        let mut pt = PieceText::<()>::new();
        pt.push_editable("电话138", ());
        pt.push_editable("1", ());
        pt.push_editable("2345678。", ());
        let s = pt.text.find("138").unwrap();
        let e = edit(s, s + 11, "138****5678");
        let out = distribute(&pt.text, &pt.pieces, &[&e], &|_, s| s.to_string());
        assert_eq!(out[0].as_deref(), Some("电话138"));
        assert_eq!(out[1].as_deref(), Some("*"));
        assert_eq!(out[2].as_deref(), Some("***5678。"));
    }

    #[test]
    fn fixed_piece_hands_share_over() {
        let mut pt = PieceText::<()>::new();
        pt.push_editable("ab", ());
        pt.push_fixed("\t");
        pt.push_editable("cd", ());
        let e = edit(1, 4, "XYZ");
        let out = distribute(&pt.text, &pt.pieces, &[&e], &|_, s| s.to_string());
        assert_eq!(out[0].as_deref(), Some("aXY"));
        assert_eq!(out[1], None);
        assert_eq!(out[2].as_deref(), Some("Zd"));
    }

    #[test]
    fn shorter_replacement() {
        let mut pt = PieceText::<()>::new();
        pt.push_editable("张", ());
        pt.push_editable("三丰", ());
        let e = edit(0, pt.text.len(), "[姓名]");
        let out = distribute(&pt.text, &pt.pieces, &[&e], &|_, s| s.to_string());
        let joined: String = out.iter().map(|o| o.clone().unwrap_or_default()).collect();
        assert_eq!(joined, "[姓名]");
    }
}
