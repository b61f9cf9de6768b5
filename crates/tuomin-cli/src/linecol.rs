//! Line and column numbers of byte offsets in a text that streams by.

/// Turns increasing byte offsets of a streamed text into 1-based line
/// numbers and 1-based columns (counted in characters), keeping only the
/// text not yet passed.
#[derive(Debug, Default)]
pub struct LineTracker {
    /// Text from `pos` on; the first `cursor` bytes are already counted.
    pending: String,
    /// Offset of `pending[0]` in the whole text.
    pos: usize,
    /// Bytes of `pending` already counted.
    cursor: usize,
    /// Newlines before `pos + cursor`.
    lines: u64,
    /// Characters between the last newline before `pos + cursor` and it.
    col: u64,
}

impl LineTracker {
    /// An empty tracker at offset 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends the next piece of the text, first dropping the text
    /// already counted.
    pub fn push(&mut self, piece: &str) {
        if self.cursor > 0 {
            self.pending.drain(..self.cursor);
            self.pos += self.cursor;
            self.cursor = 0;
        }
        self.pending.push_str(piece);
    }

    /// Moves forward to `offset`. Offsets behind the current position, or
    /// past the text pushed, are clamped.
    pub fn advance_to(&mut self, offset: usize) {
        let mut n = offset.saturating_sub(self.pos).min(self.pending.len());
        while !self.pending.is_char_boundary(n) {
            n -= 1;
        }
        if n <= self.cursor {
            return;
        }
        let passed = &self.pending[self.cursor..n];
        match passed.rfind('\n') {
            Some(i) => {
                self.lines += passed.as_bytes()[..=i]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                self.col = passed[i + 1..].chars().count() as u64;
            }
            None => self.col += passed.chars().count() as u64,
        }
        self.cursor = n;
    }

    /// The 1-based line and column of `offset` (not before the current
    /// position); moves there.
    pub fn locate(&mut self, offset: usize) -> (u64, u64) {
        self.advance_to(offset);
        (self.lines + 1, self.col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_chars_across_pieces() {
        let text = "第一行\r\n电话：13812345678\n\n尾";
        let mut t = LineTracker::new();
        for piece in ["第一", "行\r", "\n电话", "：13812345678\n\n尾"] {
            t.push(piece);
        }
        assert_eq!(t.locate(0), (1, 1));
        assert_eq!(t.locate(3), (1, 2));
        let phone = text.find("138").unwrap_or_default();
        assert_eq!(t.locate(phone), (2, 4));
        let last = text.find('尾').unwrap_or_default();
        assert_eq!(t.locate(last), (4, 1));
    }

    proptest::proptest! {
        #[test]
        fn matches_a_naive_count(
            text in "[ab\\n身\\r]{0,80}",
            cuts in proptest::collection::vec(0usize..100, 0..6),
            probes in proptest::collection::vec(0usize..300, 0..10),
        ) {
            let mut probes: Vec<usize> = probes
                .into_iter()
                .map(|p| p.min(text.len()))
                .filter(|p| text.is_char_boundary(*p))
                .collect();
            probes.sort_unstable();
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|c| text.is_char_boundary(*c))
                .collect();
            bounds.push(text.len());
            bounds.sort_unstable();
            let mut t = LineTracker::new();
            let mut pushed = 0;
            let mut probes = probes.into_iter().peekable();
            for b in bounds {
                t.push(&text[pushed..b]);
                pushed = b;
                while let Some(&p) = probes.peek() {
                    if p > pushed {
                        break;
                    }
                    probes.next();
                    let before = &text[..p];
                    let line = before.matches('\n').count() as u64 + 1;
                    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() as u64 + 1;
                    proptest::prop_assert_eq!(t.locate(p), (line, col));
                }
            }
        }
    }

    #[test]
    fn clamps_offsets_inside_chars() {
        let mut t = LineTracker::new();
        t.push("身份");
        assert_eq!(t.locate(4), (1, 2));
    }
}
