//! Context words: the words near a candidate that raise (or lower) its
//! score. They never replace a validator; they only move the score.

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
    // Forms space the label out: `Q　　Q：`.
    ("Q　　Q", Topic::Qq),
    ("Q　Q", Topic::Qq),
    ("Q Q", Topic::Qq),
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

/// The context words by their last char: a bitset over the low 16 bits
/// of the code point for a fast "no word ends here", then the words
/// ending in that char, longest first.
struct Matcher {
    ends: Vec<u64>,
    by_last: Vec<(char, Vec<usize>)>,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut ends = vec![0u64; 0x10000 / 64];
        let mut by_last: Vec<(char, Vec<usize>)> = Vec::new();
        for (i, (w, _)) in WORDS.iter().enumerate() {
            let last = w.chars().next_back().expect("context words are not empty");
            let k = last as usize & 0xFFFF;
            ends[k / 64] |= 1 << (k % 64);
            match by_last.iter_mut().find(|(c, _)| *c == last) {
                Some((_, list)) => list.push(i),
                None => by_last.push((last, vec![i])),
            }
        }
        for (_, list) in &mut by_last {
            list.sort_by_key(|&i| std::cmp::Reverse(WORDS[i].0.len()));
        }
        Matcher { ends, by_last }
    })
}

/// The nearest context word about one of `topics` that ends within
/// [`WINDOW`] bytes before `start`.
///
/// The window is read backwards: at each char, the longest word ending
/// there (and starting inside the window) is taken; a word about another
/// topic hides the shorter words inside it (`监督电话` is a public line,
/// not a `电话`).
pub(crate) fn before(text: &str, start: usize, topics: &[Topic]) -> Option<(&'static str, Topic)> {
    let from = floor_char_boundary(text, start.saturating_sub(WINDOW));
    let hay = text.get(from..start)?;
    let m = matcher();
    let mut end = hay.len();
    while let Some(c) = hay[..end].chars().next_back() {
        let k = c as usize & 0xFFFF;
        let word = if m.ends[k / 64] & (1 << (k % 64)) == 0 {
            None
        } else {
            m.by_last
                .iter()
                .find(|(l, _)| *l == c)
                .and_then(|(_, list)| list.iter().find(|&&i| hay[..end].ends_with(WORDS[i].0)))
        };
        match word {
            Some(&i) => {
                if topics.contains(&WORDS[i].1) {
                    return Some(WORDS[i]);
                }
                end -= WORDS[i].0.len();
            }
            None => end -= c.len_utf8(),
        }
    }
    None
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
    fn longest_word_hides_shorter_ones() {
        let t = "监督电话：";
        assert_eq!(before(t, t.len(), &[Topic::Phone]), None);
        assert_eq!(
            before(t, t.len(), &[Topic::Phone, Topic::PublicLine]),
            Some(("监督电话", Topic::PublicLine))
        );
        let t = "联系电话：";
        assert_eq!(
            before(t, t.len(), &[Topic::Phone]),
            Some(("电话", Topic::Phone))
        );
    }

    proptest::proptest! {
        /// On texts made of context words and filler, the backward reader
        /// finds a word of the asked topic exactly when a leftmost-longest
        /// Aho-Corasick automaton over the same words does.
        #[test]
        fn agrees_with_aho_corasick(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "电话", "监督电话", "证件号", "证件号码", "身份证号", "号码", "银行", "卡号",
                    "QQ", "微信", "wx", "Tel", "的", "a", " ", "：", "１", "台胞证", "车牌",
                ]),
                0..20,
            ),
            topic in proptest::sample::select(vec![
                Topic::IdCard, Topic::Phone, Topic::Bank, Topic::Qq, Topic::Wechat,
                Topic::TaiwanPermit, Topic::Plate, Topic::PublicLine,
            ]),
        ) {
            let text: String = parts.concat();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(WORDS.iter().map(|(w, _)| w))
                .unwrap();
            let from = floor_char_boundary(&text, text.len().saturating_sub(WINDOW));
            let expected = ac
                .find_iter(&text[from..])
                .map(|m| WORDS[m.pattern().as_usize()])
                .filter(|(_, t)| *t == topic)
                .last();
            let got = before(&text, text.len(), &[topic]);
            proptest::prop_assert_eq!(got.map(|x| x.1), expected.map(|x| x.1), "{:?}", text);
        }
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
