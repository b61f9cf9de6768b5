//! 固定电话: landline numbers — an area code (区号) from the dictionary
//! and a 7- or 8-digit local number, `0551-62345678`, `(0551)62345678`,
//! with an optional extension; a bare local number only after a phone
//! context word.

use super::{each_candidate, finding_owned, Detector, Prepared};
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
            let n = c.last - c.first;
            let first_len = run.groups[c.first].len();
            let last_len = run.groups[c.last - 1].len();
            // The extension group of `0551-62345678-123`.
            let (d, ext_group) = match n {
                1 => (c.digits, false),
                2 if last_len <= 5 && !c.digits.starts_with('0') => return None,
                _ if n >= 3
                    && last_len <= 5
                    && local_ok(&c.digits[first_len..c.digits.len() - last_len]) =>
                {
                    (&c.digits[..c.digits.len() - last_len], true)
                }
                _ => (c.digits, false),
            };
            let paren = parenthesized_area(p.text, c.start).filter(|_| local_ok_with(d, true));
            let area = paren.is_none() && d.starts_with('0');
            if area {
                let ok = if n > 1 {
                    // With separators the area code is a group of its own.
                    dict::area_codes().contains(&d[..first_len])
                        && local_ok_with(&d[first_len..], true)
                } else {
                    split_area(d).is_some()
                };
                if !ok {
                    return None;
                }
            } else if paren.is_none() && !(local_ok(d) && n <= 2) {
                return None;
            }
            let mut start = c.start;
            let mut checks: Vec<&'static str> = Vec::new();
            let ctx = context::before(p.text, start, &[Topic::Phone, Topic::PublicLine]);
            let public = matches!(ctx, Some((_, Topic::PublicLine)));
            let ctx_word = ctx.map(|x| x.0);
            let mut score;
            if let Some((open, _)) = paren {
                start = open;
                checks.push("area code");
                score = 0.9;
            } else if area {
                checks.push("area code");
                score = if n > 1 { 0.85 } else { 0.7 };
            } else if ctx_word.is_some() {
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
            Some(finding_owned(
                p,
                Kind::Landline,
                start,
                end,
                score,
                checks,
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
