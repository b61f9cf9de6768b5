//! 居民身份证号码: 18-digit resident ID numbers (GB 11643-1999) and
//! first-generation 15-digit ones, Hong Kong/Macau/Taiwan residence
//! permits (810000/820000/830000) included.

use super::{each_candidate, finding_owned, Detector, Prepared};
use crate::context::{self, Topic};
use crate::dict::{self, Region};
use crate::{Finding, Kind};

/// Detects resident ID numbers.
pub(crate) struct IdCard;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
pub(crate) fn check_char(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    Some(CHECK[(sum % 11) as usize])
}

/// True when the 18-character ID's last character is its check digit.
pub(crate) fn checksum_ok(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 18 && check_char(&b[..17]) == Some(b[17].to_ascii_uppercase())
}

/// Days in a month of the proleptic Gregorian calendar.
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Today as (year, month, day) in UTC.
pub(crate) fn today() -> (u32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (u32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y as u32, m as u32, d as u32)
}

/// True when `yyyymmdd` is a real date from 1890 up to today.
pub(crate) fn birth_date_ok(yyyymmdd: &str) -> bool {
    let parse = |s: &str| s.parse::<u32>().ok();
    let (Some(y), Some(m), Some(d)) = (
        yyyymmdd.get(0..4).and_then(parse),
        yyyymmdd.get(4..6).and_then(parse),
        yyyymmdd.get(6..8).and_then(parse),
    ) else {
        return false;
    };
    if y < 1890 || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return false;
    }
    (y, m, d) <= today()
}

/// Province-level codes (first two digits) that exist.
fn province_ok(code: u32) -> bool {
    matches!(code / 10_000, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83)
}

/// What the region code (first six digits) tells.
fn region_score(digits: &str) -> Option<(f32, &'static str)> {
    let code: u32 = digits.get(..6)?.parse().ok()?;
    match dict::regions().get(code) {
        Some(Region::Real) => Some((1.0, "GB/T 2260 region code")),
        Some(Region::Weak) => Some((0.9, "GB/T 2260 region code (placeholder or zone)")),
        None if matches!(code, 810_000 | 820_000 | 830_000) => {
            Some((1.0, "HK/Macau/Taiwan residence permit prefix"))
        }
        None if province_ok(code) => Some((0.75, "province code")),
        None => None,
    }
}

impl Detector for IdCard {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        each_candidate(p, 15, 18, out, |_, c| {
            // Context is looked up only for numbers that pass the checks.
            let ctx = || context::before(p.text, c.start, &[Topic::IdCard]).map(|x| x.0);
            match c.digits.len() {
                18 => {
                    if !checksum_ok(c.digits) || !birth_date_ok(&c.digits[6..14]) {
                        return None;
                    }
                    let (r, why) = region_score(c.digits)?;
                    let ctx = ctx();
                    let bonus = if ctx.is_some() { 0.1 } else { 0.0 };
                    let score = 0.99 * r + bonus;
                    Some(finding_owned(
                        p,
                        Kind::IdCard,
                        c.start,
                        c.end,
                        score,
                        vec!["mod11-2 check digit", "birth date", why],
                        ctx,
                    ))
                }
                15 if !c.digits.contains('X') => {
                    let date = format!("19{}", &c.digits[6..12]);
                    if !birth_date_ok(&date) {
                        return None;
                    }
                    let (r, why) = region_score(c.digits)?;
                    let ctx = ctx();
                    // No check digit: a 15-digit number needs a real
                    // region, and context makes it sure.
                    let score = if ctx.is_some() { 0.95 } else { 0.7 * r };
                    Some(finding_owned(
                        p,
                        Kind::IdCard,
                        c.start,
                        c.end,
                        score,
                        vec!["15-digit birth date", why],
                        ctx,
                    ))
                }
                _ => None,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;
    use proptest::prelude::*;

    fn ids(text: &str) -> Vec<String> {
        found(&IdCard, text).into_iter().map(|f| f.1).collect()
    }

    /// Complete a 17-digit prefix with its check digit.
    pub(crate) fn complete(first17: &str) -> String {
        let c = check_char(first17.as_bytes()).expect("17 digits") as char;
        format!("{first17}{c}")
    }

    #[test]
    fn check_digit_known_values() {
        assert!(checksum_ok("11010519491231002X"));
        assert!(checksum_ok("11010519491231002x"));
        assert!(!checksum_ok("110105194912310021"));
        assert_eq!(complete("34152219800101123"), "34152219800101123X");
    }

    #[test]
    fn finds_valid_ids_in_text() {
        assert_eq!(
            ids("身份证号：11010519491231002X。"),
            vec!["11010519491231002X"]
        );
        let id = complete("34152219800101123");
        assert_eq!(ids(&format!("户主{id}，")), vec![id.clone()]);
    }

    #[test]
    fn full_width_and_separated() {
        assert_eq!(
            ids("１１０１０５１９４９１２３１００２Ｘ"),
            vec!["１１０１０５１９４９１２３１００２Ｘ"]
        );
        let id = complete("34152219800101123");
        let spaced = format!(
            "{} {} {} {} {}",
            &id[..4],
            &id[4..8],
            &id[8..12],
            &id[12..16],
            &id[16..]
        );
        assert_eq!(ids(&spaced), vec![spaced.clone()]);
        let hyph = format!("{}-{}-{}", &id[..6], &id[6..14], &id[14..]);
        assert_eq!(ids(&hyph), vec![hyph.clone()]);
    }

    #[test]
    fn abolished_region_codes_are_accepted() {
        // 342401 六安市 (county-level city, abolished 2000).
        let id = complete("34240119650312001");
        assert_eq!(ids(&id).len(), 1);
    }

    #[test]
    fn residence_permits() {
        let id = complete("81000019900101001");
        assert_eq!(ids(&id).len(), 1);
        let id = complete("83000019900101001");
        assert_eq!(ids(&id).len(), 1);
    }

    #[test]
    fn fifteen_digit_ids() {
        assert_eq!(ids("身份证 110105491231002"), vec!["110105491231002"]);
        // 491331 is no date.
        assert!(ids("身份证 110105491331002").is_empty());
    }

    #[test]
    fn rejects_look_alikes() {
        assert!(ids("110105194912310021").is_empty(), "bad check digit");
        assert!(ids(&complete("11010519491331002")).is_empty(), "month 13");
        assert!(
            ids(&complete("11010520991231002")).is_empty(),
            "future birth"
        );
        assert!(
            ids(&complete("99010519491231002")).is_empty(),
            "no such region"
        );
        assert!(ids("91341522MA2N1234X5").is_empty(), "credit code");
        assert!(ids("3415**********123X").is_empty(), "already masked");
        assert!(ids("341522********1236").is_empty(), "already masked");
        assert!(
            ids(&format!("A{}", complete("11010519491231002"))).is_empty(),
            "inside a code"
        );
        assert!(
            ids(&format!("{}9", complete("11010519491231002"))).is_empty(),
            "inside a longer number"
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert!(birth_date_ok("20000229"));
        assert!(!birth_date_ok("19000229"));
    }

    fn valid_id() -> impl Strategy<Value = String> {
        // Real region codes, real dates, any sequence number.
        (
            prop::sample::select(vec![
                "110105", "341522", "440305", "342401", "650102", "310115",
            ]),
            1930u32..2020,
            1u32..=12,
            1u32..=28,
            0u32..1000,
        )
            .prop_map(|(r, y, m, d, s)| complete(&format!("{r}{y:04}{m:02}{d:02}{s:03}")))
    }

    proptest! {
        #[test]
        fn every_valid_id_is_found_exactly(id in valid_id(), pre in "[一-龥]{0,5}", post in "[一-龥]{0,5}") {
            let text = format!("{pre}{id}{post}");
            let f = found(&IdCard, &text);
            prop_assert_eq!(f.len(), 1);
            prop_assert_eq!(&f[0].1, &id);
            prop_assert!(f[0].2 >= 0.9);
        }

        #[test]
        fn any_single_digit_change_is_rejected(id in valid_id(), pos in 0usize..17, delta in 1u8..10) {
            let mut b = id.clone().into_bytes();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(b).unwrap();
            prop_assert!(found(&IdCard, &changed).is_empty(), "{} accepted", changed);
        }
    }
}
