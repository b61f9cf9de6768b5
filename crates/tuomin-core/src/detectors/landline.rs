//! 固定电话: landline numbers — an area code (区号) from the dictionary
//! and a 7- or 8-digit local number, `0551-62345678`, `(0551)62345678`,
//! with an optional extension; a bare local number only after a phone
//! context word.

use super::{each_candidate, finding, Detector, Prepared};
use crate::context::{self, Topic};
use crate::dict;
use crate::numeric::{char_at, char_before};
use crate::{Finding, Kind};

/// Detects landline numbers.
pub(crate) struct Landline;

/// A local number: 7 or 8 digits, not starting with 0. Local numbers
/// starting with 1 are not assigned, but people write `010-12345678` as an
/// example all the time; they are accepted only when the area code stands
/// apart (`loose`).
fn local_ok_with(d: &str, loose: bool) -> bool {
    let first_ok = if loose {
        !d.starts_with('0')
    } else {
        !d.starts_with(['0', '1'])
    };
    (7..=8).contains(&d.len()) && first_ok && d.bytes().all(|b| b.is_ascii_digit())
}

fn local_ok(d: &str) -> bool {
    local_ok_with(d, false)
}

/// Split `digits` (no separators) into a known area code and a local
/// number, trying the 4-digit code before the 3-digit one.
fn split_area(digits: &str) -> Option<usize> {
    [4, 3].into_iter().find(|&n| {
        digits.len() > n && dict::area_codes().contains(&digits[..n]) && local_ok(&digits[n..])
    })
}

/// If `text[..start]` ends with `(0551)` or `（0551）`, the byte offset of
/// the opening parenthesis and the area code.
fn parenthesized_area(text: &str, start: usize) -> Option<(usize, String)> {
    let close = char_before(text, start).filter(|c| matches!(c, ')' | '）'))?;
    let inner_end = start - close.len_utf8();
    // `（0551）` is at most 3+4+1 chars: look no further back.
    let head = &text[context::floor_char_boundary(text, inner_end.saturating_sub(16))..inner_end];
    let base = inner_end - head.len();
    let open = base + head.rfind(['(', '（'])?;
    let head = &text[..inner_end];
    let open_len = char_at(text, open)?.len_utf8();
    let code = head[open + open_len..].trim();
    let code = code.strip_prefix('+').map_or(code, |_| "");
    (dict::area_codes().contains(code)).then(|| (open, code.to_string()))
}

/// An extension after the number: `转123`, `-123` (1–5 digits). Returns
/// the new end.
fn extension(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let after = rest.strip_prefix("转").or_else(|| rest.strip_prefix("-"))?;
    let n = after.bytes().take_while(u8::is_ascii_digit).count();
    let next = after.as_bytes().get(n);
    ((1..=5).contains(&n) && !next.is_some_and(u8::is_ascii_alphanumeric))
        .then(|| end + (rest.len() - after.len()) + n)
}

impl Detector for Landline {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        each_candidate(p, 7, 17, out, |run, c| {
            let groups = &run.groups[c.first..c.last];
            let mut start = c.start;
            let mut checks: Vec<&'static str> = Vec::new();
            let ctx = context::before(p.text, start, &[Topic::Phone, Topic::PublicLine]);
            let public = matches!(ctx, Some((_, Topic::PublicLine)));
            let ctx_word = ctx.map(|x| x.0);
            let mut score;
            // The extension group of `0551-62345678-123`.
            let (d, ext_group) = match groups.len() {
                1 => (c.digits.clone(), false),
                2 if groups[1].digits.len() <= 5 && !groups[0].digits.starts_with('0') => {
                    return None
                }
                _ => {
                    let last = &groups[groups.len() - 1].digits;
                    let body: String = groups.iter().map(|g| g.digits.as_str()).collect();
                    if groups.len() >= 3
                        && last.len() <= 5
                        && local_ok(&body[groups[0].digits.len()..body.len() - last.len()])
                    {
                        (body[..body.len() - last.len()].to_string(), true)
                    } else {
                        (body, false)
                    }
                }
            };
            if let Some((open, _)) =
                parenthesized_area(p.text, start).filter(|_| local_ok_with(&d, true))
            {
                start = open;
                checks.push("area code");
                score = 0.9;
            } else if d.starts_with('0') {
                let _area_len = if groups.len() > 1 {
                    // With separators the area code is a group of its own.
                    let n = groups[0].digits.len();
                    let ok = dict::area_codes().contains(&d[..n]) && local_ok_with(&d[n..], true);
                    ok.then_some(n)?
                } else {
                    split_area(&d)?
                };
                checks.push("area code");
                score = if groups.len() > 1 { 0.85 } else { 0.7 };
            } else if local_ok(&d) && ctx_word.is_some() && groups.len() <= 2 {
                checks.push("phone context");
                score = 0.7;
            } else {
                return None;
            }
            if ctx_word.is_some() {
                score += 0.1;
            }
            // Office lines (监督电话 …) are landlines too; they stay
            // reported, and an office allowlists its own numbers.
            if public {
                checks.push("public line context");
            }
            let mut end = c.end;
            if ext_group {
                checks.push("extension");
            } else if let Some(e) = extension(p.text, end) {
                end = e;
                checks.push("extension");
            }
            Some(finding(
                p,
                Kind::Landline,
                start,
                end,
                score,
                &checks,
                ctx_word,
            ))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn lines(text: &str) -> Vec<String> {
        found(&Landline, text)
            .into_iter()
            .filter(|f| f.2 >= 0.5)
            .map(|f| f.1)
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(lines("电话：0551-62345678"), vec!["0551-62345678"]);
        assert_eq!(lines("(0551)62345678"), vec!["(0551)62345678"]);
        assert_eq!(lines("（0564）6012345"), vec!["（0564）6012345"]);
        assert_eq!(lines("0551 62345678"), vec!["0551 62345678"]);
        assert_eq!(lines("010-12345678"), vec!["010-12345678"]);
        assert!(
            lines("01012345678").is_empty(),
            "glued, a local number starting with 1 is no phone"
        );
        assert_eq!(lines("010-62345678"), vec!["010-62345678"]);
        assert_eq!(lines("055162345678"), vec!["055162345678"]);
        assert_eq!(lines("0551-62345678转123"), vec!["0551-62345678转123"]);
        assert_eq!(lines("0551-62345678-123"), vec!["0551-62345678-123"]);
    }

    #[test]
    fn bare_local_needs_context() {
        assert_eq!(lines("联系电话：6234567"), vec!["6234567"]);
        assert!(lines("共计6234567元").is_empty());
    }

    #[test]
    fn look_alikes() {
        assert!(lines("2023-12-01").is_empty());
        assert!(lines("20231201").is_empty());
        assert!(lines("12345").is_empty());
        assert!(lines("0551-6234****").is_empty());
        assert!(lines("400-888-8888").is_empty());
        assert_eq!(lines("监督电话：0564-6012345"), vec!["0564-6012345"]);
    }
}
