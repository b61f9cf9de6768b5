//! Digit runs: the candidate stage shared by every numeric detector.
//!
//! One pass over the bytes finds runs of digits (ASCII `0-9` and
//! full-width `０-９`), allowing single separators between groups (space,
//! hyphen, full-width hyphen or space) and a trailing `X` (ID check
//! digit). Each run keeps its groups with their byte ranges, so detectors
//! can try every contiguous range of groups (`138 1234 5678` is one
//! mobile; `13812345678 13987654321` is two).

/// One group of digits inside a run: `digits` holds ASCII digits (and at
/// most a final `X`), `start..end` is its byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub start: usize,
    pub end: usize,
    pub digits: String,
}

/// A maximal run of digit groups joined by single separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub groups: Vec<Group>,
    /// The run touches a masking character (`*`, `＊`, `×`, `●` …): it is
    /// part of an already-masked value and must not be reported.
    pub masked: bool,
}

#[cfg(test)]
impl Run {
    pub fn start(&self) -> usize {
        self.groups[0].start
    }

    pub fn end(&self) -> usize {
        self.groups[self.groups.len() - 1].end
    }
}

/// A contiguous range of groups of a run, as one candidate value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    /// The digits with separators removed.
    pub digits: String,
    /// Index of the first and one-past-last group in the run.
    pub first: usize,
    pub last: usize,
}

impl Run {
    /// The candidate made of groups `first..last`.
    pub fn candidate(&self, first: usize, last: usize) -> Candidate {
        let mut digits = String::new();
        for g in &self.groups[first..last] {
            digits.push_str(&g.digits);
        }
        Candidate {
            start: self.groups[first].start,
            end: self.groups[last - 1].end,
            digits,
            first,
            last,
        }
    }

    /// Every contiguous range of groups whose digit count is in
    /// `min..=max`, longest first, then leftmost.
    pub fn candidates(&self, min: usize, max: usize) -> Vec<Candidate> {
        let n = self.groups.len();
        let mut out = Vec::new();
        for first in 0..n {
            let mut len = 0;
            for last in first + 1..=n {
                len += self.groups[last - 1].digits.len();
                if len > max {
                    break;
                }
                if len >= min {
                    out.push(self.candidate(first, last));
                }
            }
        }
        out.sort_by(|a, b| {
            b.digits
                .len()
                .cmp(&a.digits.len())
                .then(a.start.cmp(&b.start))
        });
        out
    }
}

/// Longest number of groups a run may have; longer runs (tables of
/// numbers glued by spaces) are cut into several runs.
const MAX_GROUPS: usize = 12;

/// Classify the char starting at `i`: a digit value, a separator, or
/// neither. Returns (class, byte length).
#[inline]
fn classify(b: &[u8], i: usize) -> (Class, usize) {
    let c = b[i];
    match c {
        b'0'..=b'9' => (Class::Digit(c), 1),
        b' ' | b'-' => (Class::Sep, 1),
        b'X' | b'x' => (Class::X, 1),
        0xEF if i + 2 < b.len() && b[i + 1] == 0xBC => match b[i + 2] {
            0x90..=0x99 => (Class::Digit(b'0' + (b[i + 2] - 0x90)), 3),
            0x8D => (Class::Sep, 3),  // －
            0xB8 => (Class::X, 3),    // Ｘ
            0x8A => (Class::Mask, 3), // ＊
            _ => (Class::Other, 3),
        },
        b'*' => (Class::Mask, 1),
        0xC3 if i + 1 < b.len() && b[i + 1] == 0x97 => (Class::Mask, 2), // ×
        0xE2 if i + 2 < b.len() && b[i + 1] == 0x97 && b[i + 2] == 0x8F => (Class::Mask, 3), // ●
        _ => (Class::Other, utf8_len(c)),
    }
}

#[inline]
fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit(u8),
    Sep,
    X,
    Mask,
    Other,
}

/// Shortest run any detector looks at (QQ numbers have 5 digits).
pub(crate) const MIN_RUN_DIGITS: usize = 5;

/// Find every digit run of at least [`MIN_RUN_DIGITS`] digits in `text`.
/// Shorter runs (years, counts, `8次`) are passed over without
/// allocating.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let n = b.len();
    // Scratch space reused for every run: (start, end, digits range).
    let mut scratch: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut digits = String::new();
    while i < n {
        // Fast skip (eight bytes at a time) to the next byte that can
        // start a digit.
        i = crate::swar::next_digit_or_ef(b, i);
        if i >= n {
            break;
        }
        let (class, len) = classify(b, i);
        if !matches!(class, Class::Digit(_)) {
            i += len;
            continue;
        }
        let mut masked_first = preceded_by_mask(b, i);
        let mut masked_last = false;
        scratch.clear();
        digits.clear();
        let (mut g_start, mut g_d0) = (i, 0);
        let mut g_end = i;
        let mut j = i;
        while j < n {
            let (class, len) = classify(b, j);
            match class {
                Class::Digit(d) => {
                    digits.push(d as char);
                    j += len;
                    g_end = j;
                }
                Class::X => {
                    // A check digit `X` ends the group, and only counts
                    // when no letter or digit follows it.
                    let after = j + len;
                    let follows_alnum = after < n && b[after].is_ascii_alphanumeric();
                    if !follows_alnum {
                        digits.push('X');
                        j = after;
                        g_end = j;
                    }
                    break;
                }
                Class::Sep => {
                    // A single separator followed by a digit continues the run.
                    let after = j + len;
                    if after < n
                        && scratch.len() + 1 < MAX_GROUPS
                        && matches!(classify(b, after).0, Class::Digit(_))
                    {
                        scratch.push((g_start, g_end, g_d0, digits.len()));
                        g_start = after;
                        g_end = after;
                        g_d0 = digits.len();
                        j = after;
                        continue;
                    }
                    break;
                }
                Class::Mask => {
                    masked_last = true;
                    break;
                }
                Class::Other => break,
            }
        }
        if masked_last && scratch.is_empty() {
            masked_first = true;
        }
        scratch.push((g_start, g_end, g_d0, digits.len()));
        // A mask touches the first or last group only (`*****3280 341523…`
        // masks 3280, not the ID after it): drop the touched group and
        // keep the rest of the run.
        if masked_first && scratch.len() > 1 {
            scratch.remove(0);
            masked_first = false;
        }
        if masked_last && scratch.len() > 1 {
            scratch.pop();
            masked_last = false;
        }
        let masked = masked_first || masked_last;
        let kept: usize = scratch.iter().map(|g| g.3 - g.2).sum();
        if kept >= MIN_RUN_DIGITS && !masked {
            let groups = scratch
                .iter()
                .map(|&(start, end, d0, d1)| Group {
                    start,
                    end,
                    digits: digits[d0..d1].to_string(),
                })
                .collect();
            out.push(Run { groups, masked });
        }
        i = j.max(i + 1);
    }
    out
}

fn preceded_by_mask(b: &[u8], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    if b[i - 1] == b'*' {
        return true;
    }
    if i >= 2 && b[i - 2] == 0xC3 && b[i - 1] == 0x97 {
        return true;
    }
    if i >= 3 {
        let t = &b[i - 3..i];
        return t == "＊".as_bytes() || t == "●".as_bytes();
    }
    false
}

/// The char just before byte `i`, if any.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char starting at byte `i`, if any.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// True when the char is an ASCII letter or digit or a full-width one:
/// a number touching one is part of a longer code, not a value of its own.
pub(crate) fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
}

/// True when the candidate stands alone: no letter or digit touches it
/// on either side.
pub(crate) fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(is_alnum) && !char_at(text, end).is_some_and(is_alnum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(text: &str) -> Vec<Vec<String>> {
        runs(text)
            .into_iter()
            .map(|r| r.groups.into_iter().map(|g| g.digits).collect())
            .collect()
    }

    #[test]
    fn plain_and_grouped() {
        assert_eq!(digits("电话13812345678。"), vec![vec!["13812345678"]]);
        assert_eq!(digits("138-1234-5678"), vec![vec!["138", "1234", "5678"]]);
        assert_eq!(digits("a 12345  34567"), vec![vec!["12345"], vec!["34567"]]);
        assert!(
            digits("2023年12月1日8次").is_empty(),
            "short runs are passed over"
        );
    }

    #[test]
    fn full_width_and_x() {
        assert_eq!(digits("１３８１２３４５６７８"), vec![vec!["13812345678"]]);
        assert_eq!(
            digits("11010519491231002X，"),
            vec![vec!["11010519491231002X"]]
        );
        assert_eq!(
            digits("11010519491231002Ｘ"),
            vec![vec!["11010519491231002X"]]
        );
        // X followed by a letter is not a check digit.
        assert_eq!(digits("12345XY"), vec![vec!["12345"]]);
    }

    #[test]
    fn spans_are_exact() {
        let t = "号：１３８ 1234";
        let r = &runs(t)[0];
        assert_eq!(&t[r.start()..r.end()], "１３８ 1234");
    }

    #[test]
    fn masks_mark_runs() {
        assert!(runs("138****5678").is_empty());
        assert!(runs("3415**********123X").is_empty());
        assert!(runs("341522********1236").is_empty());
        assert!(runs("62284812****12345").is_empty());
        assert!(!runs("13812345678")[0].masked);
    }

    #[test]
    fn candidates_longest_first() {
        let r = &runs("13812345678 13987654321")[0];
        let c = r.candidates(11, 11);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].digits, "13812345678");
        assert_eq!(c[1].digits, "13987654321");
    }
}
