//! 通行证: 港澳居民来往内地通行证 (回乡证, `H`/`M` + 8 or 10 digits),
//! 往来港澳通行证 (`C` + 8 characters, older `W` + 8 digits),
//! 大陆居民往来台湾通行证 (`L` + 8 digits) and 台湾居民来往大陆通行证
//! (台胞证, 8 digits, only after its context word).

use super::passport::letter_prefix;
use super::{finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::numeric::{char_at, is_alnum, stands_alone};
use crate::{Finding, Kind};

/// Detects travel permit numbers.
pub(crate) struct TravelPermit;

impl Detector for TravelPermit {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        for run in p.runs.iter() {
            let g = &run.groups[0];
            // Cheap test first: only a letter (or 台胞证 context) can make
            // a run one of these.
            let letter_before = g.start > 0 && p.text.as_bytes()[g.start - 1].is_ascii_uppercase();
            let n = g.len();
            if !letter_before && n != 8 {
                continue;
            }
            if run.digits_of(0).contains('X') || char_at(p.text, g.end).is_some_and(is_alnum) {
                continue;
            }
            let topics = [Topic::TravelPermit, Topic::TaiwanPermit, Topic::IdCard];
            match letter_prefix(p.text, g.start, 2) {
                Some((start, letters)) => {
                    let (ok, bare) = match letters.as_str() {
                        "H" | "M" => (n == 8 || n == 10, 0.55),
                        "W" | "L" => (n == 8, 0.4),
                        l if l.len() == 2 && l.starts_with('C') => (n == 7, 0.4),
                        "C" => (n == 8, 0.4),
                        _ => (false, 0.0),
                    };
                    if ok {
                        let ctx = context::before(p.text, start, &topics);
                        let score = if ctx.is_some() { 0.95 } else { bare };
                        out.push(finding(
                            p,
                            Kind::TravelPermit,
                            start,
                            g.end,
                            score,
                            &["permit number shape"],
                            ctx.map(|x| x.0),
                        ));
                    }
                }
                None if n == 8 && run.groups.len() == 1 && stands_alone(p.text, g.start, g.end) => {
                    let ctx = match context::before(p.text, g.start, &[Topic::TaiwanPermit]) {
                        Some((w, Topic::TaiwanPermit)) => Some(w),
                        _ => taiwan_permit_in_line(p.text, g.start),
                    };
                    if let Some(w) = ctx {
                        out.push(finding(
                            p,
                            Kind::TravelPermit,
                            g.start,
                            g.end,
                            0.9,
                            &["台胞证 number after context"],
                            Some(w),
                        ));
                    }
                }
                None => {}
            }
        }
    }
}

/// The permit named earlier in the same line, with the number's own
/// label right before it: `台湾居民来往大陆通行证，姓名：简文雄，证件号码：
/// 69187353`.
fn taiwan_permit_in_line(text: &str, start: usize) -> Option<&'static str> {
    let from = context::floor_char_boundary(text, start.saturating_sub(120));
    let line = text[from..start].rsplit('\n').next()?;
    let near = &line[context::floor_char_boundary(line, line.len().saturating_sub(18))..];
    if !["号码", "证号", "号："].iter().any(|w| near.contains(w)) {
        return None;
    }
    ["台湾居民来往大陆通行证", "台胞证"]
        .into_iter()
        .find(|w| line.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn permits(t: &str) -> Vec<String> {
        found(&TravelPermit, t)
            .into_iter()
            .filter(|f| f.2 >= 0.5)
            .map(|f| f.1)
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(permits("回乡证号码：H12345678"), vec!["H12345678"]);
        assert_eq!(
            permits("港澳居民来往内地通行证 M1234567890"),
            vec!["M1234567890"]
        );
        assert_eq!(permits("H12345678"), vec!["H12345678"]);
        assert_eq!(permits("往来港澳通行证：C12345678"), vec!["C12345678"]);
        assert_eq!(permits("往来港澳通行证：CA1234567"), vec!["CA1234567"]);
        assert_eq!(permits("台胞证号码 01234567"), vec!["01234567"]);
        assert_eq!(
            permits("7．台湾居民来往大陆通行证，姓名：简文雄，证件号码：69187353。"),
            vec!["69187353"]
        );
    }

    #[test]
    fn rejects() {
        assert!(permits("C12345678").is_empty());
        assert!(permits("台胞证 012345678").is_empty());
        assert!(permits("H1234567").is_empty());
        assert!(permits("编号12345678").is_empty());
        // The permit must be named.
        assert!(permits("姓名：简文雄，证件号码：69187353。").is_empty());
    }
}
