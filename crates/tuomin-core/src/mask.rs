//! Character-aware masking.
//!
//! A value is seen as a sequence of *significant* characters (letters,
//! digits — ASCII or full-width — and Han characters) with separators in
//! between (spaces, `-`, `.`, `·`, brackets, emoji …). Separators are
//! written back unchanged and are never counted or masked, so
//! `138-1234-5678` masks to `138-****-5678`, and the masked value always
//! has as many `char`s as the original.
//!
//! Two guarantees hold for every input: nothing panics, and at least one
//! significant character is masked — a value too short for its keeps is
//! masked so that at most half of it stays visible. A value made only of
//! separators is masked whole (except whitespace).

use crate::policy::{Action, MaskStyle};
use crate::{Kind, Policy};

/// The masked preview of `value`, a finding of `kind`, as shown in
/// reports: always the *default* mask of the kind
/// ([`Policy::default_action`]), whatever the user's policy says, so a
/// report never leaks a raw value — not even when the policy keeps the
/// kind visible or pseudonymizes it.
///
/// ```
/// use tuomin_core::policy::preview;
/// use tuomin_core::Kind;
///
/// assert_eq!(preview(Kind::IdCard, "11010519491231002X"), "110105********002X");
/// assert_eq!(preview(Kind::Mobile, "138-1234-5678"), "138-****-5678");
/// assert_eq!(preview(Kind::PersonName, "张三"), "张*");
/// assert_eq!(preview(Kind::PersonName, "欧阳娜娜"), "欧阳**");
/// assert_eq!(preview(Kind::LicensePlate, "皖A12345"), "皖A*****");
/// ```
pub fn preview(kind: Kind, value: &str) -> String {
    match Policy::default_action(kind) {
        Action::Mask {
            keep_start,
            keep_end,
            mask_char,
            style,
        } => mask(value, keep_start, keep_end, mask_char, style),
        // Every default action is a mask; stay closed if that ever changes.
        _ => mask_all(value, '*'),
    }
}

/// Mask every significant character of `value`.
pub(crate) fn mask_all(value: &str, mask_char: char) -> String {
    mask(value, 0, 0, mask_char, MaskStyle::Chars)
}

/// Mask `value`, keeping `keep_start` significant characters at the start
/// (at least the structural head `style` finds) and `keep_end` at the end.
pub(crate) fn mask(
    value: &str,
    keep_start: usize,
    keep_end: usize,
    mask_char: char,
    style: MaskStyle,
) -> String {
    if style == MaskStyle::EmailLocal {
        if let Some(at) = value.rfind('@') {
            let (local, domain) = value.split_at(at);
            if local.chars().any(|c| !c.is_whitespace()) {
                let mut out = mask(local, keep_start, keep_end, mask_char, MaskStyle::Chars);
                out.push_str(domain);
                return out;
            }
        }
        return mask(value, keep_start, keep_end, mask_char, MaskStyle::Chars);
    }

    let chars: Vec<char> = value.chars().collect();
    let any_alnum = chars.iter().any(|c| c.is_alphanumeric());
    let significant = |c: char| {
        if any_alnum {
            c.is_alphanumeric()
        } else {
            !c.is_whitespace()
        }
    };
    let sig: Vec<char> = chars.iter().copied().filter(|c| significant(*c)).collect();
    let n = sig.len();
    if n == 0 {
        return value.to_string();
    }

    let head = match style {
        MaskStyle::Chars | MaskStyle::EmailLocal => 0,
        MaskStyle::Surname => surname_len(&sig),
        MaskStyle::AdminArea => admin_area_len(&chars),
        MaskStyle::AreaCode => area_code_len(&chars, &sig),
    };
    let (ks, ke) = keeps(n, keep_start.max(head), keep_end);

    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    for c in chars {
        if significant(c) {
            out.push(if i < ks || i >= n - ke { c } else { mask_char });
            i += 1;
        } else {
            out.push(c);
        }
    }
    out
}

/// The keeps actually used for a value of `n` significant characters:
/// as asked when at least one character is left to mask; otherwise shrunk
/// (the larger side first, the end on ties) until at most half of the
/// value stays visible.
fn keeps(n: usize, mut ks: usize, mut ke: usize) -> (usize, usize) {
    ks = ks.min(n);
    ke = ke.min(n);
    if ks + ke >= n {
        let budget = n / 2;
        while ks + ke > budget {
            if ke >= ks && ke > 0 {
                ke -= 1;
            } else {
                ks -= 1;
            }
        }
    }
    (ks, ke)
}

/// Significant characters taken by the surname: 2 for a compound surname
/// (欧阳娜娜), otherwise 1.
fn surname_len(sig: &[char]) -> usize {
    let name: String = sig.iter().collect();
    crate::dict::compound_surname_len(&name)
        .and_then(|bytes| name.get(..bytes))
        .map(|s| s.chars().count())
        .filter(|&k| k > 0)
        .unwrap_or(1)
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Characters that end a county-level (or higher) administrative name.
const ADMIN_SUFFIX: [char; 4] = ['县', '区', '市', '旗'];
/// Address-part characters that never occur before the administrative
/// prefix ends; meeting one means there is no prefix.
const ADDRESS_PART: [char; 11] = [
    '路', '街', '巷', '号', '栋', '幢', '室', '楼', '村', '组', '弄',
];
/// Longest administrative prefix considered, in characters
/// (湖北省恩施土家族苗族自治州恩施市 has 16).
const ADMIN_MAX: usize = 18;

/// Whether `prev` + `suffix` is an ordinary word rather than the end of an
/// administrative name (小区, 社区, 超市, 城市 …).
fn is_common_word(prev: char, suffix: char) -> bool {
    match suffix {
        '区' => "小社园校景街厂矿营片库军".contains(prev),
        '市' => "超城菜夜门集花鱼股".contains(prev),
        _ => false,
    }
}

/// Significant characters of the leading administrative part of an
/// address, 0 when there is none.
fn admin_area_len(chars: &[char]) -> usize {
    let mut count = 0;
    let mut prev: Option<char> = None;
    for &c in chars {
        if !c.is_alphanumeric() {
            continue;
        }
        if !is_han(c) || ADDRESS_PART.contains(&c) || count >= ADMIN_MAX {
            return 0;
        }
        count += 1;
        if ADMIN_SUFFIX.contains(&c) {
            if let Some(p) = prev {
                if !is_common_word(p, c) {
                    return count;
                }
            }
        }
        prev = Some(c);
    }
    0
}

fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// Significant characters of the country code (+86, 0086) and area code of
/// a landline, 0 when no area code is recognised.
fn area_code_len(chars: &[char], sig: &[char]) -> usize {
    let digits: Vec<u8> = sig.iter().map_while(|c| ascii_digit(*c)).collect();
    let plus = chars
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| *c == '+' || *c == '＋');
    let cc = if digits.starts_with(&[0, 0, 8, 6]) {
        4
    } else if plus && digits.starts_with(&[8, 6]) {
        2
    } else {
        0
    };
    let rest = digits.get(cc..).unwrap_or_default();
    let Some(&first) = rest.first() else {
        return 0;
    };

    // Written with separators: the digit group that starts after the
    // country code is the area code, if it looks like one.
    let groups = groups(chars);
    let mut seen = 0;
    for g in groups {
        if seen == cc {
            let plausible = if first == 0 {
                (3..=4).contains(&g)
            } else {
                cc > 0 && (2..=3).contains(&g)
            };
            if plausible && seen + g < sig.len() {
                return cc + g;
            }
            break;
        }
        if seen > cc {
            break;
        }
        seen += g;
    }

    // Written without separators: 010 and 02x have 3 digits, others 4.
    let short = matches!(rest.get(1), Some(1) | Some(2));
    match (first, cc) {
        (0, _) => cc + if short { 3 } else { 4 },
        (1 | 2, c) if c > 0 => cc + 2,
        (_, c) if c > 0 => cc + 3,
        _ => 0,
    }
}

/// Lengths of the maximal runs of alphanumeric characters.
fn groups(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut run = 0;
    for c in chars {
        if c.is_alphanumeric() {
            run += 1;
        } else if run > 0 {
            out.push(run);
            run = 0;
        }
    }
    if run > 0 {
        out.push(run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(v: &str, ks: usize, ke: usize) -> String {
        mask(v, ks, ke, '*', MaskStyle::Chars)
    }

    #[test]
    fn plain_keeps() {
        assert_eq!(m("11010519491231002X", 6, 4), "110105********002X");
        assert_eq!(m("13812345678", 3, 4), "138****5678");
        assert_eq!(m("13812345678", 0, 0), "***********");
        assert_eq!(m("", 3, 4), "");
        assert_eq!(m("   ", 3, 4), "   ");
    }

    #[test]
    fn separators_are_preserved_and_not_counted() {
        assert_eq!(m("138-1234-5678", 3, 4), "138-****-5678");
        assert_eq!(m("138 1234 5678", 3, 4), "138 **** 5678");
        assert_eq!(m("(0564)6012345", 4, 2), "(0564)*****45");
        assert_eq!(
            m("6228 4812 3456 7890 123", 6, 4),
            "6228 48** **** ***0 123"
        );
    }

    #[test]
    fn full_width_digits() {
        assert_eq!(m("１３８１２３４５６７８", 3, 4), "１３８****５６７８");
        assert_eq!(
            m("１３８－１２３４－５６７８", 3, 4),
            "１３８－****－５６７８"
        );
        assert_eq!(
            preview(Kind::Landline, "０５６４－６０１２３４５"),
            "０５６４－*****４５"
        );
        assert_eq!(
            preview(Kind::Landline, "０１０６２３４５６７８"),
            "０１０******７８"
        );
    }

    #[test]
    fn short_values_never_fully_revealed() {
        // keeps cover the value: at most half stays visible
        assert_eq!(m("1381234", 3, 4), "13****4");
        assert_eq!(m("12", 6, 4), "1*");
        assert_eq!(m("1", 6, 4), "*");
        assert_eq!(m("1234567890", 6, 4), "123*****90");
        // one more character than the keeps: exactly one masked
        assert_eq!(m("13812345", 3, 4), "138*2345");
        for v in ["1", "12", "123", "1234", "12345678901"] {
            for ks in 0..14 {
                for ke in 0..14 {
                    let out = m(v, ks, ke);
                    assert!(out.contains('*'), "{v} {ks} {ke} {out}");
                    assert_eq!(out.chars().count(), v.chars().count());
                }
            }
        }
    }

    #[test]
    fn names() {
        let name = |v| preview(Kind::PersonName, v);
        assert_eq!(name("张三"), "张*");
        assert_eq!(name("张三丰"), "张**");
        assert_eq!(name("欧阳娜娜"), "欧阳**");
        assert_eq!(name("欧阳修"), "欧阳*");
        assert_eq!(name("司马相如"), "司马**");
        assert_eq!(name("诸葛亮"), "诸葛*");
        assert_eq!(name("上官婉儿"), "上官**");
        // a compound surname alone is masked like a two-character name
        assert_eq!(name("欧阳"), "欧*");
        // one-character name: nothing may stay visible
        assert_eq!(name("张"), "*");
        // names padded to table width keep their padding
        assert_eq!(name("张  三"), "张  *");
        assert_eq!(name("张　三"), "张　*");
        // keep_start larger than the surname
        assert_eq!(mask("张三丰", 2, 0, '*', MaskStyle::Surname), "张三*");
        assert_eq!(mask("欧阳娜娜", 0, 1, '●', MaskStyle::Surname), "欧阳●娜");
    }

    #[test]
    fn addresses() {
        let addr = |v| preview(Kind::Address, v);
        assert_eq!(addr("北京市朝阳区建国路88号"), "北京市*********");
        assert_eq!(addr("安徽省太和县城关镇人民路1号"), "安徽省太和县********");
        assert_eq!(addr("广西壮族自治区南宁市青秀区"), "广西壮族自治区******");
        assert_eq!(addr("内蒙古自治区呼和浩特市"), "内蒙古自治区*****");
        // 小区 / 超市 are no administrative names
        assert_eq!(addr("阳光小区3栋"), "阳光小***");
        assert_eq!(addr("城市花园12幢"), "城市花****");
        // a street first: no administrative prefix, keep 3
        assert_eq!(addr("人民路100号"), "人民路****");
        // administrative prefix covering the whole value: half stays
        assert_eq!(addr("安徽省合肥市"), "安徽省***");
        assert_eq!(addr("合肥市"), "合**");
    }

    #[test]
    fn landlines() {
        let tel = |v| preview(Kind::Landline, v);
        assert_eq!(tel("0564-6012345"), "0564-*****45");
        assert_eq!(tel("05646012345"), "0564*****45");
        assert_eq!(tel("010-62345678"), "010-******78");
        assert_eq!(tel("01062345678"), "010******78");
        assert_eq!(tel("021 6234 5678"), "021 **** **78");
        assert_eq!(tel("(0564)6012345"), "(0564)*****45");
        assert_eq!(tel("+86-10-62345678"), "+86-10-******78");
        assert_eq!(tel("+86 564 6012345"), "+86 564 *****45");
        assert_eq!(tel("008656460123456"), "0086564******56");
        assert_eq!(tel("62345678"), "******78");
        assert_eq!(tel("0564-6012345-801"), "0564-*******-*01");
    }

    #[test]
    fn emails() {
        let mail = |v| preview(Kind::Email, v);
        assert_eq!(mail("zhao@example.com"), "z***@example.com");
        assert_eq!(mail("zhang.san@gov.cn"), "z****.***@gov.cn");
        assert_eq!(mail("z@qq.com"), "*@qq.com");
        assert_eq!(mail("zs@qq.com"), "z*@qq.com");
        // no local part or no @: the whole value is masked
        assert_eq!(mail("@qq.com"), "@q*.***");
        assert_eq!(mail("zhaoexample"), "z**********");
        assert_eq!(
            mask("zhao@x.cn", 1, 1, '*', MaskStyle::EmailLocal),
            "z**o@x.cn"
        );
    }

    #[test]
    fn multibyte_and_emoji_safety() {
        assert_eq!(m("😀😀", 0, 0), "**");
        assert_eq!(m("张😀三", 1, 0), "张😀*");
        assert_eq!(m("---", 1, 0), "-**");
        assert_eq!(preview(Kind::PersonName, "😀"), "*");
        assert_eq!(m("e\u{301}\u{301}", 0, 0).chars().count(), 3);
        for style in MaskStyle::ALL {
            for v in [
                "",
                "@",
                "+",
                "＋86",
                "0",
                "区",
                "市区",
                "欧阳",
                "a@b",
                "\u{0}",
                "\u{10FFFF}",
            ] {
                let out = mask(v, 3, 3, '*', style);
                assert_eq!(out.chars().count(), v.chars().count(), "{style} {v:?}");
            }
        }
    }

    #[test]
    fn wide_mask_char() {
        assert_eq!(
            mask("13812345678", 3, 4, '●', MaskStyle::Chars),
            "138●●●●5678"
        );
        assert_eq!(
            mask("13812345678", 3, 4, '＊', MaskStyle::Chars),
            "138＊＊＊＊5678"
        );
    }

    fn digits_with_separators() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                6 => proptest::char::range('0', '9'),
                2 => proptest::char::range('０', '９'),
                1 => prop_oneof![Just(' '), Just('-'), Just('－'), Just('.'), Just('　')],
            ],
            1..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn digits_are_never_fully_revealed(
            value in digits_with_separators(),
            ks in 0usize..24,
            ke in 0usize..24,
            style in proptest::sample::select(MaskStyle::ALL.to_vec()),
        ) {
            let out = mask(&value, ks, ke, '*', style);
            prop_assert_eq!(out.chars().count(), value.chars().count());
            let digits: String = value.chars().filter(|c| c.is_alphanumeric()).collect();
            let out_digits: String = out.chars().filter(|c| c.is_alphanumeric()).collect();
            if !digits.is_empty() {
                prop_assert!(!out.contains(&digits));
                prop_assert!(out_digits.chars().count() < digits.chars().count());
            }
            // separators stay where they were (a value made only of
            // separators is masked whole)
            for (a, b) in value.chars().zip(out.chars()) {
                if !digits.is_empty() && !a.is_alphanumeric() {
                    prop_assert_eq!(a, b);
                }
            }
        }

        #[test]
        fn any_text_any_style_is_safe(
            value in ".{0,24}",
            ks in 0usize..8,
            ke in 0usize..8,
            style in proptest::sample::select(MaskStyle::ALL.to_vec()),
        ) {
            prop_assume!(!value.contains('█'));
            let out = mask(&value, ks, ke, '█', style);
            prop_assert_eq!(out.chars().count(), value.chars().count());
            if value.chars().any(|c| !c.is_whitespace()) {
                prop_assert_ne!(&out, &value);
            }
        }
    }
}
