//! 微信号: WeChat IDs after a context word (微信, WeChat, wx): a letter
//! then 5–19 letters, digits, `_` or `-`, or `wxid_…`. A mobile number
//! given as the WeChat ID is left to the mobile detector.

use super::{finding, Detector, Prepared};

use crate::{Finding, Kind};

/// Detects WeChat IDs.
pub(crate) struct Wechat;

/// ASCII triggers; `微信` is searched on its own (memmem is faster than
/// an automaton whose patterns start with common CJK lead bytes).
const TRIGGERS: &[&str] = &[
    "WeChat", "Wechat", "wechat", "weixin", "VX", "vx", "wx", "WX",
];

#[cfg(test)]
#[test]
fn triggers_start_with_w_or_v_and_hold_no_other() {
    for t in TRIGGERS {
        let b = t.as_bytes();
        assert!(matches!(b[0] | 0x20, b'w' | b'v'), "{t}");
        assert!(
            !b[1..].iter().any(|c| matches!(c | 0x20, b'w' | b'v')),
            "{t}"
        );
    }
}

/// The ASCII triggers in `text`, left to right. Every trigger starts with
/// `w` or `v` in either case and holds no such letter after its first, so
/// trying the triggers (longest first) where those letters stand finds
/// what a leftmost-longest automaton would.
fn ascii_triggers(text: &str) -> impl Iterator<Item = (usize, usize, &'static str)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let k = crate::swar::next_letter_of(b, i, b'w', b'v');
            if k >= b.len() {
                i = k;
                break;
            }
            if let Some(w) = TRIGGERS.iter().find(|w| b[k..].starts_with(w.as_bytes())) {
                i = k + w.len();
                return Some((k, k + w.len(), *w));
            }
            i = k + 1;
        }
        None
    })
}

fn id_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.first().is_none_or(|c| !c.is_ascii_alphabetic()) {
        return 0;
    }
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        .count()
}

impl Detector for Wechat {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        let zh = memchr::memmem::find_iter(p.text.as_bytes(), "微信".as_bytes())
            .map(|i| (i, i + "微信".len(), "微信"));
        let ascii = ascii_triggers(p.text);
        for (m_start, m_end, word) in zh.chain(ascii) {
            // An ASCII trigger must stand apart (`wx` in `wxid` is the ID).
            if word.is_ascii()
                && crate::numeric::char_before(p.text, m_start)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let rest = &p.text[m_end..];
            let sep = rest
                .char_indices()
                .take_while(|(_, c)| {
                    matches!(
                        c,
                        '：' | ':'
                            | ' '
                            | '号'
                            | '\u{3000}'
                            | '为'
                            | '是'
                            | '“'
                            | '"'
                            | '「'
                            | '\''
                            | '（'
                            | '('
                    )
                })
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            if sep == 0 && word.is_ascii() {
                continue;
            }
            let start = m_end + sep;
            let n = id_len(&p.text[start..]);
            if !(6..=20).contains(&n) {
                continue;
            }
            let mut start = start;
            let mut n = n;
            // A list of IDs after one context word: `微信号：a_1、b-2`.
            for _ in 0..5 {
                let end = start + n;
                if crate::numeric::char_at(p.text, end).is_some_and(|c| c == '*') {
                    break;
                }
                out.push(finding(
                    p,
                    Kind::Wechat,
                    start,
                    end,
                    0.85,
                    &["WeChat ID after context"],
                    Some(word),
                ));
                let Some(rest) = p.text[end..].strip_prefix(['、', '/']) else {
                    break;
                };
                start = p.text.len() - rest.len();
                n = id_len(rest);
                if !(6..=20).contains(&n) {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detectors::found;

    fn ids(t: &str) -> Vec<String> {
        found(&Wechat, t).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn with_context() {
        assert_eq!(ids("微信：zhangsan_1988"), vec!["zhangsan_1988"]);
        assert_eq!(ids("微信号 wxid_abc123def"), vec!["wxid_abc123def"]);
        assert_eq!(ids("WeChat: li-si-2020。"), vec!["li-si-2020"]);
        assert_eq!(ids("微信号“mjb_777”、QQ号"), vec!["mjb_777"]);
        assert_eq!(
            ids("填写的微信号（cgr_zx1979），本机关"),
            vec!["cgr_zx1979"]
        );
        assert_eq!(
            ids("涉案微信号：shan_vip888、kefu-tb2024"),
            vec!["shan_vip888", "kefu-tb2024"]
        );
    }

    #[test]
    fn rejects() {
        assert!(
            ids("微信：13812345678").is_empty(),
            "left to the mobile detector"
        );
        assert!(ids("微信公众号").is_empty());
        assert!(ids("zhangsan_1988").is_empty());
        assert!(ids("微信：ab").is_empty());
        assert!(ids("微信：zhang***").is_empty());
    }
}
