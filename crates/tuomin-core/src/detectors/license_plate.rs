//! 车牌号: vehicle licence plates — a province abbreviation, an
//! authority letter, then 5 characters (6 for new-energy plates), with an
//! optional `·` after the letter: `皖A·12345`, `皖AD12345`.

use super::{finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::dict;
use crate::{Finding, Kind};

/// Detects licence plates.
pub(crate) struct LicensePlate;

/// Plate letters exclude I and O.
fn plate_letter(c: char) -> bool {
    c.is_ascii_uppercase() && c != 'I' && c != 'O'
}

/// Parse the plate after the province abbreviation; returns its byte
/// length.
fn plate_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    let (_, authority) = it.next()?;
    if !plate_letter(authority) {
        return None;
    }
    if let Some((_, c)) = it.peek() {
        if matches!(c, '·' | '•' | '・' | '-' | ' ') {
            it.next();
        }
    }
    let mut body = String::new();
    let mut end = 0;
    let mut suffix = None;
    for (i, c) in it {
        if (c.is_ascii_digit() || plate_letter(c)) && body.len() < 7 {
            body.push(c);
            end = i + 1;
        } else {
            // Trailers, driving-school, police, Hong Kong/Macao border and
            // consular plates end in a character: `渝F3M29挂`, `粤Z1234港`.
            if matches!(
                c,
                '挂' | '学' | '警' | '港' | '澳' | '领' | '使' | '试' | '超'
            ) {
                suffix = Some(i + c.len_utf8());
            }
            break;
        }
    }
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    let ok = match body.len() {
        4 if digits >= 2 => {
            end = suffix?;
            true
        }
        5 => digits >= 3,
        // New-energy plates: D/F (or A-K for some) first or last, 5 digits.
        6 => {
            digits >= 5
                && (body.starts_with(|c: char| c.is_ascii_uppercase())
                    || body.ends_with(['D', 'F']))
        }
        _ => false,
    };
    ok.then_some(end)
}

impl Detector for LicensePlate {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        // Plates hold an ASCII capital after a province abbreviation;
        // capitals are rare in Chinese text, so look for them first.
        let b = p.text.as_bytes();
        let aliases = dict::province_aliases();
        let mut next = 0;
        loop {
            let j = crate::swar::next_upper(b, next);
            if j >= b.len() {
                break;
            }
            next = j + 1;
            let Some(start) = j.checked_sub(3) else {
                continue;
            };
            let Some(alias) = p.text.get(start..j).and_then(|a| a.chars().next()) else {
                continue;
            };
            if !aliases.contains(alias) {
                continue;
            }
            let Some(n) = plate_len(&p.text[j..]) else {
                continue;
            };
            let end = j + n;
            if crate::numeric::char_at(p.text, end)
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '*')
            {
                continue;
            }
            let m = start..end;
            let ctx = context::before(p.text, m.start, &[Topic::Plate]).map(|x| x.0);
            let score = if ctx.is_some() { 0.95 } else { 0.85 };
            out.push(finding(
                p,
                Kind::LicensePlate,
                m.start,
                m.end,
                score,
                &["plate pattern"],
                ctx,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn plates(t: &str) -> Vec<String> {
        found(&LicensePlate, t).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn forms() {
        assert_eq!(plates("车牌号皖A·12345，"), vec!["皖A·12345"]);
        assert_eq!(plates("皖AD12345"), vec!["皖AD12345"]);
        assert_eq!(plates("京N8P8F8"), vec!["京N8P8F8"]);
        assert!(plates("京NABCD8").is_empty(), "too few digits");
        assert_eq!(plates("粤B12345F"), vec!["粤B12345F"]);
        assert_eq!(plates("苏E3C5M2"), vec!["苏E3C5M2"]);
        assert_eq!(plates("沪A1B234"), vec!["沪A1B234"]);
        assert_eq!(plates("挂车渝F3M29挂，"), vec!["渝F3M29挂"]);
        assert_eq!(plates("粤Z1234港"), vec!["粤Z1234港"]);
        assert!(
            plates("皖A1234号").is_empty(),
            "four characters need a plate suffix"
        );
    }

    #[test]
    fn rejects() {
        assert!(plates("皖A·1****").is_empty());
        assert!(plates("皖I12345").is_empty());
        assert!(plates("新A股上市").is_empty());
        assert!(plates("皖A123456789").is_empty());
    }
}
