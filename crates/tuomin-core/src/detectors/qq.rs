//! QQ numbers: 5–11 digits, only right after a context word (QQ, 扣扣).

use super::{each_candidate, finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::{Finding, Kind};

/// Detects QQ numbers.
pub(crate) struct Qq;

/// A QQ number sits close to its context word: at most this many bytes
/// between them (`QQ号码：`, `QQ/微信：`).
const NEAR: usize = 16;

/// Does `w` hold 扣 or 企 (the first characters of 扣扣 and 企鹅号)?
fn has_han_word(w: &[u8]) -> bool {
    // 扣 is E6 89 A3, 企 is E4 BC 81.
    w.windows(3)
        .any(|t| matches!((t[0], t[1], t[2]), (0xE6, 0x89, 0xA3) | (0xE4, 0xBC, 0x81)))
}

/// The QQ context word for a number starting at `start`: within
/// [`NEAR`] bytes before it, or before the first number of a list the
/// number closes (`QQ：3218760452、2946615803`, up to four before it).
fn qq_context(text: &str, start: usize, depth: usize) -> Option<&'static str> {
    let near = context::floor_char_boundary(text, start.saturating_sub(NEAR));
    let window = &text[near..start];
    // Cheap test first: every QQ word holds a `Q`/`q`, 扣扣 or 企鹅.
    if window.bytes().any(|b| b | 0x20 == b'q') || has_han_word(window.as_bytes()) {
        if let Some((w, _)) = context::before(text, start, &[Topic::Qq]) {
            // The word must end within NEAR bytes of the number.
            if window.contains(w) {
                return Some(w);
            }
        }
    }
    // A list: `、` or `/` and another number of 5–11 digits right before.
    let head = text[..start].strip_suffix(['、', '/'])?;
    let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    if depth == 4 || !(5..=11).contains(&digits) {
        return None;
    }
    qq_context(text, head.len() - digits, depth + 1)
}

impl Detector for Qq {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        each_candidate(p, 5, 11, out, |_, c| {
            if c.last - c.first != 1 || c.digits.starts_with('0') || c.digits.contains('X') {
                return None;
            }
            let w = qq_context(p.text, c.start, 0)?;
            Some(finding(
                p,
                Kind::Qq,
                c.start,
                c.end,
                0.9,
                &["QQ number after context"],
                Some(w),
            ))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn qqs(t: &str) -> Vec<String> {
        found(&Qq, t).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn han_words_by_bytes() {
        assert!(has_han_word("扣扣：".as_bytes()));
        assert!(has_han_word("企鹅号".as_bytes()));
        assert!(!has_han_word("电话：".as_bytes()));
    }

    #[test]
    fn with_context() {
        assert_eq!(qqs("QQ：123456789"), vec!["123456789"]);
        assert_eq!(qqs("联系QQ 10001"), vec!["10001"]);
        assert_eq!(qqs("Q　　Q：375218460"), vec!["375218460"]);
        assert_eq!(qqs("扣扣号码：2837465"), vec!["2837465"]);
        assert_eq!(
            qqs("涉案QQ：3218760452、2946615803、12345678"),
            vec!["3218760452", "2946615803", "12345678"]
        );
        // A list of other numbers after a QQ number is not continued.
        assert_eq!(qqs("QQ：3218760452，编号2946615803"), vec!["3218760452"]);
    }

    #[test]
    fn without_context() {
        assert!(qqs("编号123456789").is_empty());
        assert!(qqs("QQ群里说了很多很多的话，共计123456789").is_empty());
        assert!(qqs("QQ：012345").is_empty());
    }
}
