//! 微信号: WeChat IDs after a context word (微信, WeChat, wx): a letter
//! then 5–19 letters, digits, `_` or `-`, or `wxid_…`. A mobile number
//! given as the WeChat ID is left to the mobile detector.

use super::{finding, Detector, Prepared};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

use crate::{Finding, Kind};

/// Detects WeChat IDs.
pub(crate) struct Wechat;

/// ASCII triggers; `微信` is searched on its own (memmem is faster than
/// an automaton whose patterns start with common CJK lead bytes).
const TRIGGERS: &[&str] = &[
    "WeChat", "Wechat", "wechat", "weixin", "VX", "vx", "wx", "WX",
];

fn triggers() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(TRIGGERS)
            .expect("valid patterns")
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
        let ascii = triggers()
            .find_iter(p.text)
            .map(|m| (m.start(), m.end(), TRIGGERS[m.pattern().as_usize()]));
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
                    matches!(c, '：' | ':' | ' ' | '号' | '\u{3000}' | '为' | '是')
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
            let end = start + n;
            if crate::numeric::char_at(p.text, end).is_some_and(|c| c == '*') {
                continue;
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
