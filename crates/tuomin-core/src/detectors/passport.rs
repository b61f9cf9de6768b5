//! 护照号码: PRC passport numbers — `E` + 8 digits, `E` + letter + 7
//! digits (2012 e-passport), `G`/`P`/`S`/`D` + 7–8 digits, and Hong Kong
//! SAR passports (`K` + 8 digits), and foreign passports (a letter and
//! 7–9 digits) right after 护照. Reported only after a context word
//! (护照); without one the shape alone is too weak.

use super::{finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::numeric::{char_before, is_alnum};
use crate::{Finding, Kind};

/// Detects passport numbers.
pub(crate) struct Passport;

/// The letters of a letter-prefixed number ending where `run_start` is:
/// returns the byte offset where the letters begin.
pub(crate) fn letter_prefix(text: &str, run_start: usize, max: usize) -> Option<(usize, String)> {
    let mut s = run_start;
    let mut letters = String::new();
    while letters.len() < max {
        match char_before(text, s) {
            Some(c) if c.is_ascii_uppercase() => {
                letters.insert(0, c);
                s -= 1;
            }
            _ => break,
        }
    }
    if letters.is_empty() || char_before(text, s).is_some_and(is_alnum) {
        return None;
    }
    Some((s, letters))
}

impl Detector for Passport {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        for run in p.runs.iter() {
            let g = &run.groups[0];
            // Cheap test first: only a letter (or 台胞证 context) can make
            // a run one of these.
            let letter_before = g.start > 0 && p.text.as_bytes()[g.start - 1].is_ascii_uppercase();
            if !letter_before || run.digits_of(0).contains('X') {
                continue;
            }
            let Some((start, letters)) = letter_prefix(p.text, g.start, 2) else {
                continue;
            };
            let n = g.len();
            let shape = match letters.as_str() {
                // K: Hong Kong SAR passports (K + 8 digits).
                "E" | "G" | "K" => n == 8,
                "P" | "S" | "D" => (7..=8).contains(&n),
                l if l.len() == 2 && l.starts_with('E') && !l.ends_with(['I', 'O']) => n == 7,
                _ => false,
            };
            if crate::numeric::char_at(p.text, g.end).is_some_and(is_alnum) {
                continue;
            }
            let ctx = context::before(p.text, start, &[Topic::Passport, Topic::IdCard]);
            // Foreign passports (Kazakhstan N…, many others: a letter and
            // 7 to 9 digits) only right after a passport word.
            let foreign = !shape
                && ctx.is_some_and(|(_, topic)| topic == Topic::Passport)
                && letters.len() == 1
                && (7..=9).contains(&n);
            if !shape && !foreign {
                continue;
            }
            let ctx = ctx.map(|x| x.0);
            let score = if foreign {
                0.85
            } else if ctx.is_some() {
                0.95
            } else {
                0.4
            };
            out.push(finding(
                p,
                Kind::Passport,
                start,
                g.end,
                score,
                &["passport number shape"],
                ctx,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn passports(t: &str) -> Vec<String> {
        found(&Passport, t)
            .into_iter()
            .filter(|f| f.2 >= 0.5)
            .map(|f| f.1)
            .collect()
    }

    #[test]
    fn with_context() {
        assert_eq!(passports("护照号码：E12345678"), vec!["E12345678"]);
        assert_eq!(passports("护照号 EA1234567，"), vec!["EA1234567"]);
        assert_eq!(passports("护照：G12345678"), vec!["G12345678"]);
        assert_eq!(passports("香港特区护照号码：K09732615"), vec!["K09732615"]);
        assert_eq!(passports("持护照（号码N13792460）"), vec!["N13792460"]);
    }

    #[test]
    fn without_context_or_wrong_shape() {
        assert!(passports("型号E12345678").is_empty());
        assert!(passports("护照 E1234567890").is_empty());
        assert!(passports("护照 XE12345678").is_empty());
        assert!(passports("护照 EI1234567").is_empty());
    }
}
