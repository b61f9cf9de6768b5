//! Digit runs: the candidate stage shared by every numeric detector.
//!
//! One pass over the bytes finds runs of digits (ASCII `0-9` and
//! full-width `０-９`), allowing single separators between groups (space,
//! hyphen, full-width hyphen or space) and a trailing `X` (ID check
//! digit). Each run keeps its groups with their byte ranges, so detectors
//! can try every contiguous range of groups (`138 1234 5678` is one
//! mobile; `13812345678 13987654321` is two).

/// One group of digits inside a run: `start..end` is its byte range in
/// the text; its digits (ASCII, at most a final `X`) are
/// [`Run::digits_of`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub start: usize,
    pub end: usize,
    /// The group's digits are `run.digits[d0..d1]`.
    d0: usize,
    d1: usize,
}

impl Group {
    /// Number of digits in the group.
    pub fn len(&self) -> usize {
        self.d1 - self.d0
    }
}

/// A maximal run of digit groups joined by single separators: a view
/// into [`Runs`], with the digits of all its groups in one string (so a
/// candidate's digits are a slice of it, never a copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run<'r> {
    pub groups: &'r [Group],
    /// The digits of every group, separators removed.
    pub digits: &'r str,
    /// No letter or digit touches the run on the left / on the right.
    pub alone_before: bool,
    pub alone_after: bool,
}

/// Where one run lies in the flat buffers of [`Runs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunAt {
    groups: (u32, u32),
    digits: (u32, u32),
    alone_before: bool,
    alone_after: bool,
}

/// Every digit run of a text, in three flat buffers (three allocations
/// per scan, none per run).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Runs {
    groups: Vec<Group>,
    digits: String,
    runs: Vec<RunAt>,
}

impl Runs {
    /// The runs in text order.
    pub fn iter(&self) -> impl Iterator<Item = Run<'_>> + '_ {
        self.runs.iter().map(|r| Run {
            groups: &self.groups[r.groups.0 as usize..r.groups.1 as usize],
            digits: &self.digits[r.digits.0 as usize..r.digits.1 as usize],
            alone_before: r.alone_before,
            alone_after: r.alone_after,
        })
    }

    /// Bytes the buffers hold allocated.
    pub fn capacity_bytes(&self) -> usize {
        self.groups.capacity() * std::mem::size_of::<Group>()
            + self.digits.capacity()
            + self.runs.capacity() * std::mem::size_of::<RunAt>()
    }

    /// Number of runs.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// True when the text holds no run.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// A contiguous range of groups of a run, as one candidate value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate<'r> {
    pub start: usize,
    pub end: usize,
    /// The digits with separators removed.
    pub digits: &'r str,
    /// Index of the first and one-past-last group in the run.
    pub first: usize,
    pub last: usize,
}

/// Most candidates a run can have: every contiguous range of its groups.
const MAX_CANDIDATES: usize = MAX_GROUPS * (MAX_GROUPS + 1) / 2;

impl<'r> Run<'r> {
    #[cfg(test)]
    pub fn start(&self) -> usize {
        self.groups[0].start
    }

    #[cfg(test)]
    pub fn end(&self) -> usize {
        self.groups[self.groups.len() - 1].end
    }

    /// The digits of group `k`.
    pub fn digits_of(&self, k: usize) -> &'r str {
        let g = &self.groups[k];
        &self.digits[g.d0..g.d1]
    }

    /// True when no letter or digit touches the candidate made of groups
    /// `first..last` (inside the run, separators stand between groups).
    pub fn stands_alone(&self, first: usize, last: usize) -> bool {
        (first > 0 || self.alone_before) && (last < self.groups.len() || self.alone_after)
    }

    /// The candidate made of groups `first..last`.
    pub fn candidate(&self, first: usize, last: usize) -> Candidate<'r> {
        Candidate {
            start: self.groups[first].start,
            end: self.groups[last - 1].end,
            digits: &self.digits[self.groups[first].d0..self.groups[last - 1].d1],
            first,
            last,
        }
    }

    /// Call `f` on every contiguous range of groups whose digit count is
    /// in `min..=max`, longest first, then leftmost, until `f` returns
    /// false. Nothing is allocated.
    pub fn each_candidate(&self, min: usize, max: usize, mut f: impl FnMut(Candidate<'r>)) {
        let n = self.groups.len();
        if n == 1 {
            if (min..=max).contains(&self.digits.len()) {
                f(self.candidate(0, 1));
            }
            return;
        }
        // (digit count, first, last) of each candidate, on the stack.
        let mut found = [(0u8, 0u8, 0u8); MAX_CANDIDATES];
        let mut k = 0;
        for first in 0..n {
            for last in first + 1..=n {
                let len = self.groups[last - 1].d1 - self.groups[first].d0;
                if len > max {
                    break;
                }
                if len >= min && k < MAX_CANDIDATES {
                    found[k] = (len as u8, first as u8, last as u8);
                    k += 1;
                }
            }
        }
        let found = &mut found[..k];
        found.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, first, last) in found.iter() {
            f(self.candidate(first as usize, last as usize));
        }
    }

    /// Every candidate of `min..=max` digits, in the order of
    /// [`Run::each_candidate`].
    #[cfg(test)]
    pub fn candidates(&self, min: usize, max: usize) -> Vec<Candidate<'r>> {
        let mut out = Vec::new();
        self.each_candidate(min, max, |c| out.push(c));
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
        // U+3000 between full-width digits groups them like a space
        // (`６２２８　４８０５　２１００`); elsewhere it separates columns.
        0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80])
            && i >= 3
            && is_wide_digit(&b[i - 3..i])
            && b.get(i + 3..i + 6).is_some_and(is_wide_digit) =>
        {
            (Class::Sep, 3)
        }
        0xC3 if i + 1 < b.len() && b[i + 1] == 0x97 => (Class::Mask, 2), // ×
        0xE2 if i + 2 < b.len() && b[i + 1] == 0x97 && b[i + 2] == 0x8F => (Class::Mask, 3), // ●
        // `–` and `—`: Word turns the hyphen of `0396-6929087` into a dash.
        0xE2 if i + 2 < b.len() && b[i + 1] == 0x80 && matches!(b[i + 2], 0x93 | 0x94) => {
            (Class::Sep, 3)
        }
        _ => (Class::Other, utf8_len(c)),
    }
}

/// Are these three bytes a full-width digit (U+FF10..U+FF19)?
#[inline]
fn is_wide_digit(w: &[u8]) -> bool {
    matches!(w, [0xEF, 0xBC, 0x90..=0x99])
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
#[cfg(test)]
pub(crate) fn runs(text: &str) -> Runs {
    let mut out = Runs::default();
    runs_into(text, &mut out);
    out
}

/// [`runs`] into buffers that may be reused from an earlier text (their
/// contents are replaced).
pub(crate) fn runs_into(text: &str, out: &mut Runs) {
    out.groups.clear();
    out.digits.clear();
    out.runs.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let n = b.len();
    // Scratch space reused for every run: (start, end, digits range).
    let mut scratch: Vec<(usize, usize, usize, usize)> = Vec::new();
    // Digits go straight into the shared buffer; a run that is not kept
    // truncates it back.
    let digits = &mut out.digits;
    while i < n {
        // Fast skip (sixteen or eight bytes at a time) to the next ASCII
        // or full-width digit.
        i = crate::swar::next_digit(b, i);
        if i >= n {
            break;
        }
        // Fast path: a short plain number (`2023年`, `8次`) that nothing
        // can extend is passed over at once.
        if b[i].is_ascii_digit() {
            let k = crate::swar::ascii_digits_len(b, i);
            if k < MIN_RUN_DIGITS && !may_extend(b, i + k) {
                i += k;
                continue;
            }
        }
        let mut masked_first = preceded_by_mask(b, i);
        let mut masked_last = false;
        scratch.clear();
        let run_d0 = digits.len();
        let (mut g_start, mut g_d0) = (i, run_d0);
        let mut g_end = i;
        let mut j = i;
        while j < n {
            // A stretch of ASCII digits at once (the common case).
            let k = crate::swar::ascii_digits_len(b, j);
            if k > 0 {
                digits.push_str(&text[j..j + k]);
                j += k;
                g_end = j;
                continue;
            }
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
            let base = scratch[0].2;
            let g0 = out.groups.len();
            out.groups
                .extend(scratch.iter().map(|&(start, end, d0, d1)| Group {
                    start,
                    end,
                    d0: d0 - base,
                    d1: d1 - base,
                }));
            let last = scratch[scratch.len() - 1].3;
            // Drop the digits of a group cut off by a mask, keep the rest.
            digits.truncate(last);
            if base > run_d0 {
                digits.drain(run_d0..base);
            }
            let (first_start, last_end) = (scratch[0].0, scratch[scratch.len() - 1].1);
            out.runs.push(RunAt {
                groups: (g0 as u32, out.groups.len() as u32),
                digits: (run_d0 as u32, digits.len() as u32),
                alone_before: !char_before(text, first_start).is_some_and(is_alnum),
                alone_after: !char_at(text, last_end).is_some_and(is_alnum),
            });
        } else {
            digits.truncate(run_d0);
        }
        i = j.max(i + 1);
    }
}

/// Can the char at `b[i..]`, right after a plain ASCII number, continue
/// the run: a separator, a check digit, a full-width digit or a mask?
/// (Exactly the chars [`classify`] gives another class than `Other`.)
#[inline]
fn may_extend(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b' ' | b'-' | b'X' | b'x' | b'*') => true,
        // Multi-byte: a full-width digit, hyphen, dash, X or mask, `×`, `●` —
        // not `，` or any other char with the same lead byte.
        Some(0xEF | 0xC3 | 0xE2) => !matches!(classify(b, i).0, Class::Other),
        _ => false,
    }
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
            .iter()
            .map(|r| {
                (0..r.groups.len())
                    .map(|k| r.digits_of(k).to_string())
                    .collect()
            })
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
        // U+3000 groups full-width digits, and only those.
        assert_eq!(
            digits("６２２８　４８０５　２１００"),
            vec![vec!["6228", "4805", "2100"]]
        );
        assert_eq!(digits("12345　67890"), vec![vec!["12345"], vec!["67890"]]);
    }

    #[test]
    fn spans_are_exact() {
        let t = "号：１３８ 1234";
        let all = runs(t);
        let r = all.iter().next().unwrap();
        assert_eq!(&t[r.start()..r.end()], "１３８ 1234");
    }

    #[test]
    fn masks_mark_runs() {
        assert!(runs("138****5678").is_empty());
        assert!(runs("3415**********123X").is_empty());
        assert!(runs("341522********1236").is_empty());
        assert!(runs("62284812****12345").is_empty());
        assert_eq!(runs("13812345678").len(), 1);
    }

    proptest::proptest! {
        /// The per-run shortcuts agree with the text: a candidate's digits
        /// are its groups' digits, and it stands alone exactly when no
        /// letter or digit touches its span.
        #[test]
        fn candidates_agree_with_the_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["1", "38", "12345", " ", "-", "a", "X", "中", "１２", "*", "，"]),
                0..24,
            )
        ) {
            let text: String = parts.concat();
            for run in runs(&text).iter() {
                for c in run.candidates(1, 40) {
                    let glued: String = (c.first..c.last).map(|k| run.digits_of(k)).collect();
                    proptest::prop_assert_eq!(c.digits, glued.as_str());
                    proptest::prop_assert_eq!(
                        run.stands_alone(c.first, c.last),
                        stands_alone(&text, c.start, c.end),
                        "{:?} in {:?}", &text[c.start..c.end], &text
                    );
                }
            }
        }
    }

    #[test]
    fn candidates_longest_first() {
        let all = runs("13812345678 13987654321");
        let r = all.iter().next().unwrap();
        let c = r.candidates(11, 11);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].digits, "13812345678");
        assert_eq!(c[1].digits, "13987654321");
    }
}
