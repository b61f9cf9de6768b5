//! Context words: the words near a candidate that raise (or lower) its
//! score. They never replace a validator; they only move the score.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// What a context word speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    IdCard,
    Phone,
    Bank,
    Qq,
    Wechat,
    Passport,
    TravelPermit,
    TaiwanPermit,
    Plate,
    /// A public office line (监督电话, 热线 …): lowers a landline's score.
    PublicLine,
}

const WORDS: &[(&str, Topic)] = &[
    ("身份证", Topic::IdCard),
    ("身份号码", Topic::IdCard),
    ("证件号", Topic::IdCard),
    ("证件号码", Topic::IdCard),
    ("公民身份号码", Topic::IdCard),
    ("身份证号", Topic::IdCard),
    ("居住证", Topic::IdCard),
    ("电话", Topic::Phone),
    ("手机", Topic::Phone),
    ("联系方式", Topic::Phone),
    ("座机", Topic::Phone),
    ("传真", Topic::Phone),
    ("Tel", Topic::Phone),
    ("TEL", Topic::Phone),
    ("tel", Topic::Phone),
    ("Phone", Topic::Phone),
    ("phone", Topic::Phone),
    ("Mobile", Topic::Phone),
    ("Fax", Topic::Phone),
    ("联系人", Topic::Phone),
    ("卡号", Topic::Bank),
    ("账号", Topic::Bank),
    ("帐号", Topic::Bank),
    ("账户", Topic::Bank),
    ("帐户", Topic::Bank),
    ("银行", Topic::Bank),
    ("开户行", Topic::Bank),
    ("存折", Topic::Bank),
    ("社保卡", Topic::Bank),
    ("信用社", Topic::Bank),
    ("QQ", Topic::Qq),
    ("qq", Topic::Qq),
    ("Qq", Topic::Qq),
    ("扣扣", Topic::Qq),
    ("企鹅号", Topic::Qq),
    ("微信", Topic::Wechat),
    ("WeChat", Topic::Wechat),
    ("wechat", Topic::Wechat),
    ("Wechat", Topic::Wechat),
    ("weixin", Topic::Wechat),
    ("VX", Topic::Wechat),
    ("vx", Topic::Wechat),
    ("wx", Topic::Wechat),
    ("护照", Topic::Passport),
    ("Passport", Topic::Passport),
    ("passport", Topic::Passport),
    ("通行证", Topic::TravelPermit),
    ("回乡证", Topic::TravelPermit),
    ("往来港澳", Topic::TravelPermit),
    ("来往内地", Topic::TravelPermit),
    ("台胞证", Topic::TaiwanPermit),
    ("来往大陆", Topic::TaiwanPermit),
    ("往来台湾", Topic::TaiwanPermit),
    ("车牌", Topic::Plate),
    ("号牌", Topic::Plate),
    ("车辆", Topic::Plate),
    ("监督电话", Topic::PublicLine),
    ("举报电话", Topic::PublicLine),
    ("投诉电话", Topic::PublicLine),
    ("咨询电话", Topic::PublicLine),
    ("服务电话", Topic::PublicLine),
    ("服务热线", Topic::PublicLine),
    ("热线", Topic::PublicLine),
    ("值班电话", Topic::PublicLine),
    ("办公电话", Topic::PublicLine),
    ("客服", Topic::PublicLine),
];

/// How far before a candidate a context word may stand, in bytes
/// (about 16 Han characters).
pub(crate) const WINDOW: usize = 48;

struct Matcher {
    ac: AhoCorasick,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        // Windows are tiny (48 bytes): a plain DFA without a prefilter
        // beats the SIMD prefilter's start-up cost on each of them.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build(WORDS.iter().map(|(w, _)| w))
            .expect("context words are valid patterns");
        Matcher { ac }
    })
}

/// The nearest context word about one of `topics` that ends within
/// [`WINDOW`] bytes before `start`.
pub(crate) fn before(text: &str, start: usize, topics: &[Topic]) -> Option<(&'static str, Topic)> {
    let from = floor_char_boundary(text, start.saturating_sub(WINDOW));
    let hay = text.get(from..start)?;
    matcher()
        .ac
        .find_iter(hay)
        .map(|m| WORDS[m.pattern().as_usize()])
        .filter(|(_, t)| topics.contains(t))
        .last()
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nearest_word() {
        let t = "户主身份证号码：";
        assert_eq!(
            before(t, t.len(), &[Topic::IdCard]).map(|x| x.0),
            Some("身份证号")
        );
        assert_eq!(before(t, t.len(), &[Topic::Phone]), None);
    }

    #[test]
    fn window_is_bounded() {
        let t = format!("电话{}", "的".repeat(30));
        assert_eq!(before(&t, t.len(), &[Topic::Phone]), None);
    }

    #[test]
    fn never_panics_inside_a_char() {
        let t = "电话１３８";
        for i in 0..=t.len() {
            if t.is_char_boundary(i) {
                let _ = before(t, i, &[Topic::Phone]);
            }
        }
    }
}
