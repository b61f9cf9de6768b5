//! The inline allow marker (`tuomin:allow`) in streamed text: which
//! lines hold it, known only once a line is complete.

use std::collections::BTreeSet;

use tuomin_pipeline::ALLOW_MARKER;

/// Watches streamed text for lines holding [`ALLOW_MARKER`].
#[derive(Debug)]
pub struct MarkerLines {
    /// 1-based number of the line being read.
    line: u64,
    /// The end of the current line read so far, short enough to hold a
    /// marker cut between two pieces.
    carry: String,
    current_marked: bool,
    marked: BTreeSet<u64>,
}

impl Default for MarkerLines {
    fn default() -> Self {
        MarkerLines {
            line: 1,
            carry: String::new(),
            current_marked: false,
            marked: BTreeSet::new(),
        }
    }
}

impl MarkerLines {
    /// Takes the next piece of the text.
    pub fn push(&mut self, piece: &str) {
        let mut rest = piece;
        while let Some(i) = rest.find('\n') {
            self.feed(&rest[..i]);
            self.end_line();
            rest = &rest[i + 1..];
        }
        self.feed(rest);
    }

    fn feed(&mut self, part: &str) {
        if self.current_marked || part.is_empty() {
            return;
        }
        self.carry.push_str(part);
        if self.carry.contains(ALLOW_MARKER) {
            self.current_marked = true;
            self.carry.clear();
            return;
        }
        let keep = ALLOW_MARKER.len() - 1;
        if self.carry.len() > keep {
            let mut cut = self.carry.len() - keep;
            while !self.carry.is_char_boundary(cut) {
                cut += 1;
            }
            self.carry.drain(..cut);
        }
    }

    fn end_line(&mut self) {
        if self.current_marked {
            self.marked.insert(self.line);
        }
        self.line += 1;
        self.current_marked = false;
        self.carry.clear();
    }

    /// The text has ended: the last line is complete.
    pub fn finish(&mut self) {
        if self.current_marked {
            self.marked.insert(self.line);
        }
        self.line = u64::MAX;
    }

    /// Whether line `line` is complete, so that [`MarkerLines::is_marked`]
    /// is final for it.
    pub fn is_complete(&self, line: u64) -> bool {
        line < self.line
    }

    /// Whether line `line` holds the marker (final once it is complete).
    pub fn is_marked(&self, line: u64) -> bool {
        self.marked.contains(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_cut_between_pieces() {
        let mut m = MarkerLines::default();
        for p in ["a 1381234", "5678 # tuomi", "n:allow\nb", " 139\n"] {
            m.push(p);
        }
        assert!(m.is_complete(1) && m.is_marked(1));
        assert!(m.is_complete(2) && !m.is_marked(2));
        assert!(!m.is_complete(3));
        m.push("电话 tuomin:allow");
        m.finish();
        assert!(m.is_complete(3) && m.is_marked(3));
    }
}
