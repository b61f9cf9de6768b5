//! 手机号码: mainland mobile numbers, with an optional `+86`/`0086`/`86`
//! prefix, separators and full-width digits.

use super::{each_candidate, finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::{Finding, Kind};

/// Detects mobile numbers.
pub(crate) struct Mobile;

/// True when the 11 digits are in a segment allocated to a mobile
/// network. The pattern is libphonenumber's CN mobile national-number
/// pattern (phonenumbers 9.0.43):
/// `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}`.
pub(crate) fn allocated(d: &[u8]) -> bool {
    if d.len() != 11 || d[0] != b'1' || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (a, b, c, e) = (d[1], d[2], d[3], d[4]);
    if (a, b, c) == (b'6', b'1', b'0') || ((a, b, c) == (b'7', b'4', b'0') && e <= b'5') {
        return true;
    }
    match a {
        b'3' | b'8' => true,
        b'4' => matches!(b, b'5' | b'7'),
        b'5' | b'9' => b != b'4',
        b'6' => matches!(b, b'2' | b'5'..=b'7'),
        b'7' => matches!(b, b'0'..=b'3' | b'5'..=b'8'),
        _ => false,
    }
}

/// True for the shape of any mainland mobile number, `1[3-9]` + 9 digits
/// (IoT and data-only segments outside the allocated pattern included).
pub(crate) fn mobile_shaped(d: &[u8]) -> bool {
    d.len() == 11
        && d[0] == b'1'
        && (b'3'..=b'9').contains(&d[1])
        && d.iter().all(u8::is_ascii_digit)
}

impl Detector for Mobile {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        each_candidate(p, 11, 15, out, |run, c| {
            // Strip a country code given as its own group (`+86 138…`,
            // `0086-138…`) or glued (`8613812345678`).
            let (digits, start) = match c.digits.len() {
                11 => (c.digits, c.start),
                13 if c.digits.starts_with("86") && c.last - c.first == 1 => {
                    let g = &run.groups[c.first];
                    (&c.digits[2..], byte_after_digits(p.text, g.start, 2))
                }
                _ => return None,
            };
            let d = digits.as_bytes();
            if !mobile_shaped(d) {
                return None;
            }
            // Part of a longer grouped number (`6230 5924 1809 7430 826`):
            // short groups glued on either side.
            let n = run.groups.len();
            let country = c.first == 1 && matches!(run.digits_of(0), "86" | "0086");
            if c.last - c.first > 1
                && ((c.first > 0 && !country && run.groups[c.first - 1].len() < 7)
                    || (c.last < n && run.groups[c.last].len() < 7))
            {
                return None;
            }
            // The country code belongs to the number: `+86 138…`,
            // `0086-138…`, `(+86)138…`.
            let start = country_code_start(p.text, run, c.first, start);
            let ctx = context::before(p.text, start, &[Topic::Phone, Topic::Wechat, Topic::Qq])
                .map(|x| x.0);
            // An 11-digit number outside every allocated segment is a
            // code (岗位代码 14232401001, 准考证号) unless a phone word
            // stands before it: below the default threshold alone.
            let (base, checks): (f32, &'static [&'static str]) = if allocated(d) {
                (0.95, &["allocated mobile segment"])
            } else {
                (0.45, &["mobile number shape"])
            };
            // A number right after the name of another number (执法证号,
            // 编号, 工号) is that number.
            let head = p.text[..start].trim_end_matches(['：', ':', '（', '(', ' ', '\u{3000}']);
            if ["证号", "编号", "工号", "警号", "代码", "案号", "单号"]
                .iter()
                .any(|w| head.ends_with(w))
            {
                return None;
            }
            // A number in a column of codes (准考证号) is a code.
            if p.column_at(start) == Some(crate::table::Column::Code) {
                return None;
            }
            let score = if ctx.is_some() { base + 0.25 } else { base };
            Some(finding(p, Kind::Mobile, start, c.end, score, checks, ctx))
        });
    }
}

/// Where the number starts when a country code precedes it.
fn country_code_start(
    text: &str,
    run: &crate::numeric::Run<'_>,
    first: usize,
    start: usize,
) -> usize {
    if first > 0 {
        let g = &run.groups[first - 1];
        if first == 1 && matches!(run.digits_of(0), "86" | "0086") {
            return if text[..g.start].ends_with('+') {
                g.start - 1
            } else {
                g.start
            };
        }
        return start;
    }
    // Every prefix below ends in `)`, `）` (EF BC 89), a space or `6`.
    if !matches!(
        text.as_bytes()[..start].last(),
        Some(b')' | 0x89 | b' ' | b'6')
    ) {
        return start;
    }
    for p in [
        "(+86)",
        "（+86）",
        "(+86) ",
        "（+86） ",
        "+86",
        "(86)",
        "（86）",
    ] {
        if text[..start].ends_with(p) {
            return start - p.len();
        }
    }
    start
}

/// The byte offset after the first `n` digits starting at `start`
/// (each digit ASCII or full-width).
fn byte_after_digits(text: &str, start: usize, n: usize) -> usize {
    text[start..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;
    use proptest::prelude::*;

    fn mobiles(text: &str) -> Vec<String> {
        found(&Mobile, text).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn plain_grouped_and_prefixed() {
        assert_eq!(mobiles("电话13812345678"), vec!["13812345678"]);
        assert_eq!(mobiles("138-1234-5678"), vec!["138-1234-5678"]);
        assert_eq!(mobiles("138 1234 5678"), vec!["138 1234 5678"]);
        assert_eq!(mobiles("+86 13812345678"), vec!["+86 13812345678"]);
        assert_eq!(mobiles("+86-138-1234-5678"), vec!["+86-138-1234-5678"]);
        assert_eq!(mobiles("0086 13812345678"), vec!["0086 13812345678"]);
        assert_eq!(mobiles("(+86)13812345678"), vec!["(+86)13812345678"]);
        assert_eq!(mobiles("8613812345678"), vec!["13812345678"]);
        assert_eq!(
            mobiles("１３８１２３４５６７８"),
            vec!["１３８１２３４５６７８"]
        );
        assert_eq!(
            mobiles("13812345678、13987654321"),
            vec!["13812345678", "13987654321"]
        );
        assert_eq!(
            mobiles("13812345678 13987654321"),
            vec!["13812345678", "13987654321"]
        );
    }

    #[test]
    fn segments() {
        assert!(allocated(b"19912345678"));
        assert!(allocated(b"16612345678"));
        assert!(!allocated(b"14012345678"));
        assert!(mobile_shaped(b"14012345678"));
        // An unallocated segment is reported only after a phone word.
        let f = found(&Mobile, "14012345678");
        assert!(f[0].2 < crate::scanner::DEFAULT_MIN_SCORE);
        let f = found(&Mobile, "联系电话：14012345678");
        assert!(f[0].2 >= crate::scanner::DEFAULT_MIN_SCORE);
        let s = crate::Scanner::new();
        assert!(s.scan("岗位代码14232401015").is_empty());
    }

    #[test]
    fn rejects_look_alikes() {
        assert!(mobiles("138****5678").is_empty());
        assert!(mobiles("12345678901").is_empty(), "no 12 segment");
        assert!(mobiles("213812345678").is_empty(), "inside a longer number");
        assert!(mobiles("No13812345678A").is_empty());
        assert!(mobiles("12345").is_empty());
        assert!(mobiles("2023年12月1日").is_empty());
    }

    proptest! {
        #[test]
        fn every_allocated_mobile_is_found(seg in prop::sample::select(vec!["130","138","150","166","177","186","199","195"]), rest in "[0-9]{8}", pre in "[一-龥：]{0,4}", post in "[一-龥。]{0,4}") {
            let m = format!("{seg}{rest}");
            let text = format!("{pre}{m}{post}");
            let f = found(&Mobile, &text);
            prop_assert_eq!(f.len(), 1);
            prop_assert_eq!(&f[0].1, &m);
        }
    }
}
