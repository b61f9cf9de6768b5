//! 住址: home and postal addresses, as one span from the first
//! administrative part to the last street-level part.
//!
//! Anchors are the parts only addresses have: a number with a unit
//! (`88号`, `3栋`, `2单元`, `501室`, `三组`), and a village after a
//! township. From an anchor the span grows right over further detail
//! parts and left over street, estate, village and administrative parts
//! (from the GB/T 2260 and township dictionaries, or by their suffix).
//! A bare administrative name (霍邱县) is no address.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{finding, Detector, Prepared};
use crate::dict;
use crate::table::Column;
use crate::{Finding, Kind};

/// Detects addresses.
pub(crate) struct Address;

/// Units after a number, longest first.
const UNITS: &[&str] = &[
    "号楼", "号院", "号房", "单元", "号", "栋", "幢", "座", "室", "层", "楼", "组", "队", "社",
    "户", "弄", "排", "巷",
    // 富强街18委12组: numbered residents' committees (居委) in the north-east.
    "委",
];

/// Provinces by the names written without 省/自治区/市.
const PROVINCE_SHORT: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
];

/// Street-level suffixes (a name before them).
const STREETS: &[&str] = &[
    "大街", "大道", "胡同", "路", "街", "巷", "弄", "道", "里", "段", "侧",
];

/// Can `c` end an estate suffix ([`ESTATES`])? (A test pins that it
/// holds for each.)
fn is_estate_last(c: char) -> bool {
    matches!(
        c,
        '区' | '园'
            | '村'
            | '寓'
            | '厦'
            | '场'
            | '苑'
            | '府'
            | '馆'
            | '庄'
            | '院'
            | '城'
            | '庭'
            | '舍'
    )
}

/// Estate suffixes.
const ESTATES: &[&str] = &[
    "小区",
    "花园",
    "新村",
    "家园",
    "公寓",
    "大厦",
    "广场",
    "嘉园",
    "名苑",
    "华府",
    "公馆",
    "山庄",
    "大院",
    "苑",
    "城",
    "庭",
    "府",
    "园",
    "宿舍",
    "市场",
    "商城",
    "工业区",
    "工业园",
];

/// Village suffixes (嘎查: a village in Inner Mongolia).
const VILLAGES: &[&str] = &[
    "村民委员会",
    "居民委员会",
    "村委会",
    "居委会",
    "社区",
    "嘎查",
    "村",
    // A market town of Hainan and Guangdong (遵谭墟).
    "墟",
];

const ADDRESS_CONTEXT: &[&str] = &[
    "住址", "地址", "住所", "家住", "现住", "居住", "住在", "户籍", "坐落", "座落", "位于", "送达",
    "寄往", "邮寄",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_num(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | '０'..='９' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '零' | '〇' | '两'
    )
}

/// Finds the units (号, 栋, 单元 …) that close an address's detail part.
fn units() -> &'static AhoCorasick {
    static A: OnceLock<AhoCorasick> = OnceLock::new();
    A.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(UNITS)
            .expect("valid patterns")
    })
}

/// The start of the number that ends at byte `u` (digits, Chinese
/// numerals, `-` between, a capital letter after up to 4 digits).
fn number_start_before(text: &str, u: usize) -> Option<usize> {
    let mut s = u;
    let mut n = 0;
    while let Some(c) = prev_char(text, s) {
        let ok = is_num(c)
            || (n > 0 && matches!(c, '-' | '－' | '—'))
            || (n == 0 && c.is_ascii_uppercase());
        if !ok || n > 12 {
            break;
        }
        s -= c.len_utf8();
        n += 1;
    }
    while next_char(text, s).is_some_and(|c| !is_num(c)) && s < u {
        s += next_char(text, s).map_or(1, char::len_utf8);
    }
    (s < u).then_some(s)
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// A number (digits, Chinese numerals, `-`/`—` between) and a unit at
/// `i`: returns the end.
fn detail_at(text: &str, i: usize) -> Option<usize> {
    let mut e = i;
    let mut digits = 0;
    while let Some(c) = next_char(text, e) {
        if is_num(c)
            || (digits > 0
                && matches!(c, '-' | '－' | '—')
                && next_char(text, e + c.len_utf8()).is_some_and(is_num))
        {
            e += c.len_utf8();
            digits += 1;
            if digits > 8 {
                return None;
            }
        } else if digits > 0 && c.is_ascii_uppercase() && digits <= 4 {
            // 3A栋, 12B室
            e += 1;
        } else {
            break;
        }
    }
    if digits == 0 {
        return None;
    }
    let rest = &text[e..];
    // Every unit starts with a three-byte Han character: compare those
    // bytes before the whole unit.
    let head3 = rest.as_bytes().get(..3)?;
    // 门 (an entrance: 6号楼2门501, Tianjin) only inside an address: it
    // is no unit to start one from (开设5门课程).
    let u = UNITS
        .iter()
        .chain(["门"].iter())
        .find(|u| &u.as_bytes()[..3] == head3 && rest.starts_with(**u))?;
    // 永安路14号房屋: the house at number 14, not a room.
    if *u == "号房" && rest[u.len()..].starts_with('屋') {
        return Some(e + "号".len());
    }
    Some(e + u.len())
}

/// A lettered building after a number (`B栋`, `A座`): returns the end.
fn lettered_at(text: &str, i: usize) -> Option<usize> {
    let c = next_char(text, i).filter(char::is_ascii_uppercase)?;
    let rest = &text[i + c.len_utf8()..];
    if let Some(u) = ["栋", "幢", "座", "号楼", "单元", "区"]
        .iter()
        .find(|u| rest.starts_with(**u))
    {
        return Some(i + c.len_utf8() + u.len());
    }
    // A lettered shop or room number: `A103号`, `B1203室`.
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=5).contains(&n) {
        let after = &rest[n..];
        if let Some(u) = ["号", "室", "房"].iter().find(|u| after.starts_with(**u)) {
            return Some(i + 1 + n + u.len());
        }
    }
    None
}

/// What may close an address after its last number: a room letter
/// (`11楼B室`, `15楼C`), a room in 房 (`1203房`), or the kind of unit
/// (`铺面`, `商铺`, `摊位`, `底层`). Returns the end.
fn closing_at(text: &str, i: usize) -> Option<usize> {
    let after_unit =
        prev_char(text, i).is_some_and(|c| matches!(c, '楼' | '层' | '座' | '栋' | '幢' | '元'));
    if after_unit && next_char(text, i).is_some_and(|c| c.is_ascii_uppercase()) {
        let rest = &text[i + 1..];
        if rest.starts_with(['室', '房']) {
            return Some(i + 1 + 3);
        }
        if next_char(text, i + 1).is_none_or(|n| !n.is_ascii_alphanumeric() && !is_han(n)) {
            return Some(i + 1);
        }
    }
    let rest = &text[i..];
    if prev_char(text, i).is_some_and(|c| c.is_ascii_digit()) && rest.starts_with('房') {
        return Some(i + 3);
    }
    // 1层东户: the flat on the east side of the floor.
    if prev_char(text, i).is_some_and(|c| matches!(c, '层' | '楼'))
        && next_char(text, i).is_some_and(|c| matches!(c, '东' | '西' | '南' | '北' | '中'))
        && text[i + 3..].starts_with('户')
    {
        return Some(i + 6);
    }
    [
        "铺面", "商铺", "门面", "店面", "摊位", "商位", "底层", "门市",
    ]
    .iter()
    .find(|w| rest.starts_with(**w))
    .map(|w| i + w.len())
}

/// An estate or building name (`华阳小区`, `宝龙城市广场`) at `i` with a
/// detail right after it (`B栋1403室`, `7号楼`): returns the end of the
/// name.
fn estate_at(text: &str, i: usize) -> Option<usize> {
    let mut e = i;
    // Office names run long (沂南县政务服务中心).
    for _ in 0..12 {
        // Estate names may hold division characters (城市广场, 县委宿舍).
        let c = next_char(text, e).filter(|c| {
            is_han(*c)
                // 住宅楼 is a building.
                && (text[e..].starts_with("住宅") || !matches!(
                    *c,
                    '号' | '的'
                        | '在'
                        | '住'
                        | '于'
                        | '是'
                        | '为'
                        | '和'
                        | '与'
                        | '及'
                        | '等'
                        | '个'
                        | '共'
                        | '各'
                ))
        })?;
        e += c.len_utf8();
        let rest = &text[e..];
        // The last characters of the estate suffixes, tested first.
        // An estate or an office (县民政局, 县住建局附楼) with a floor or
        // building number after it, or an office building that ends the
        // address itself (阳城四路206号行政综合楼).
        let office =
            matches!(c, '局' | '院' | '委' | '所' | '楼' | '心') || text[..e].ends_with("厂房");
        if e - i >= 6
            && (is_estate_last(c) || office)
            && (ESTATES.iter().any(|s| text[..e].ends_with(s))
                || office
                || text[..e].ends_with("商务区"))
        {
            if detail_at(text, e).is_some() || lettered_at(text, e).is_some() {
                return Some(e);
            }
            if c == '楼' && next_char(text, e).is_none_or(|n| !is_han(n)) {
                return Some(e);
            }
        }
        if rest.is_empty() {
            return None;
        }
    }
    None
}

/// Detail parts chained from `i` (`88号3栋2单元501室`, `566号华阳小区B栋
/// 1403室`): the end of the last one, also taking a trailing bare room
/// number (`2单元501`).
fn details_from(text: &str, mut i: usize) -> usize {
    loop {
        if let Some(e) = detail_at(text, i).or_else(|| lettered_at(text, i)) {
            i = e;
        } else if let Some(e) = text[i..]
            .strip_prefix('附')
            .and_then(|_| detail_at(text, i + '附'.len_utf8()))
        {
            // 文化巷7号附2号: an annex number.
            i = e;
        } else if let Some(e) = text[i..]
            .strip_prefix('之')
            .filter(|_| prev_char(text, i) == Some('号'))
            .and_then(|r| r.chars().next())
            .filter(|c| is_num(*c))
        {
            // 龙口西路58号之三: a sub-number (Guangdong).
            i += '之'.len_utf8() + e.len_utf8();
        } else if let Some(e) = estate_at(text, i) {
            i = e;
        } else if let Some(e) = text[i..]
            .strip_prefix(['甲', '乙', '丙', '丁'])
            .filter(|_| prev_char(text, i) == Some('号'))
            .and_then(|_| detail_at(text, i + 3))
        {
            // 寿泉街17号甲1单元: a lettered entrance (甲乙丙丁).
            i = e;
        } else {
            break;
        }
    }
    // A trailing bare number after a unit: `2单元501`, `14号楼3-2`.
    let mut e = i;
    let mut n = 0;
    while let Some(c) = next_char(text, e).filter(|c| {
        c.is_ascii_digit()
            || (n > 0 && *c == '-' && next_char(text, e + 1).is_some_and(|d| d.is_ascii_digit()))
    }) {
        e += c.len_utf8();
        n += usize::from(c != '-');
    }
    if (2..=5).contains(&n)
        && prev_char(text, i)
            .is_some_and(|c| matches!(c, '元' | '栋' | '幢' | '楼' | '层' | '座' | '门'))
    {
        i = e;
    } else if (2..=5).contains(&n) && text[e..].starts_with(['房', '室']) {
        // 58号之三1203房: a room number with its unit.
        i = e + 3;
    }
    closing_at(text, i).unwrap_or(i)
}

/// Characters that cannot be inside the name of a street, estate or
/// village part: they end a higher-level part or are punctuation.
fn name_char(c: char) -> bool {
    is_han(c)
        && !matches!(
            c,
            '省' | '市'
                | '县'
                | '区'
                | '镇'
                | '乡'
                | '村'
                | '组'
                | '号'
                | '的'
                | '在'
                | '住'
                | '于'
                | '是'
                | '为'
                | '和'
                | '与'
                | '及'
                | '、'
                | '，'
                | '。'
                | '：'
                | '；'
                | '等'
                | '个'
                | '共'
                | '各'
                | '至'
        )
}

/// The part that ends at `end`, going left: returns its start and
/// whether it is administrative.
fn part_before(text: &str, end: usize) -> Option<(usize, bool)> {
    let head = &text[..end];
    let places = dict::places();
    // Administrative names from the dictionaries, longest first.
    let mut best = None;
    let mut s = end;
    let may_be_full = prev_char(text, end).is_some_and(|c| places.may_end_full_name(c));
    for n in (1..=10).take_while(|_| may_be_full) {
        let Some(c) = prev_char(text, s) else { break };
        if !is_han(c) {
            break;
        }
        s -= c.len_utf8();
        if n >= 2 && places.full.contains(&head[s..]) {
            best = Some(s);
        }
    }
    // A two-character division from the dictionary may be the tail of a
    // longer name it does not list (澜沧县 ends with 沧县): the generic
    // parse below decides then.
    let short_best = best.filter(|s| text[*s..end].chars().count() == 2);
    if let (Some(s), None) = (best, short_best) {
        return Some((s, true));
    }
    // A province by its short name before a division: 广西宾阳县 (the last
    // character first: few can end one).
    let province_end = prev_char(text, end).is_some_and(|c| {
        matches!(
            c,
            '京' | '津'
                | '北'
                | '西'
                | '古'
                | '宁'
                | '林'
                | '江'
                | '海'
                | '苏'
                | '徽'
                | '建'
                | '东'
                | '南'
                | '庆'
                | '川'
                | '州'
                | '藏'
                | '肃'
                | '夏'
                | '疆'
        )
    });
    if let Some(w) = PROVINCE_SHORT
        .iter()
        .filter(|_| province_end)
        .find(|w| head.ends_with(**w))
    {
        if next_char(text, end).is_some_and(is_han) {
            return Some((end - w.len(), true));
        }
    }
    // Generic parts by suffix.
    let generic = |suffixes: &[&str],
                   min: usize,
                   max: usize,
                   admin: bool|
     -> Option<(usize, bool)> {
        // The last byte first: most suffixes fail on it without a
        // full comparison.
        let last = *head.as_bytes().last()?;
        let suf = suffixes
            .iter()
            .find(|s| s.as_bytes().last() == Some(&last) && head.ends_with(**s))?;
        let mut s = end - suf.len();
        let mut n = 0;
        while let Some(c) = prev_char(text, s) {
            // A name does not reach back over a higher part's suffix
            // (城关街道|北关社区).
            // Nor over a street's section or side (建设路中段|北侧|
            // 阳光花园).
            if n == max
                || text[..s].ends_with("街道")
                || text[..s].ends_with("苏木")
                // (南段村: a village's name may end in 段.)
                || (text[..s].ends_with(['段', '侧']) && !(n == 0 && VILLAGES.contains(suf)))
                // A village does not reach back over its committee
                // (等嘎村民委员会|雷允村).
                || (VILLAGES.contains(suf) && text[..s].ends_with("委员会"))
            {
                break;
            }
            // A name that ends with its own suffix's character (南村村,
            // 兑镇镇): the first one is the name's.
            if n == 0 && !name_char(c) && suf.starts_with(c) && is_han(c) {
                s -= c.len_utf8();
                n += 1;
                continue;
            }
            if !name_char(c) {
                // 和, 平 … open names too (王家坝镇|和平社区): taken
                // when a division's suffix stands right before.
                let after_division = is_han(c)
                    && matches!(
                        c,
                        '和' | '与'
                            | '及'
                            | '于'
                            | '为'
                            | '在'
                            | '是'
                            | '的'
                            | '等'
                            | '个'
                            | '共'
                            | '各'
                    )
                    && prev_char(text, s - c.len_utf8())
                        .is_some_and(|p| matches!(p, '镇' | '乡' | '县' | '区' | '市' | '道'));
                if after_division && n < max {
                    s -= c.len_utf8();
                    break;
                }
                // Inside the name (水口镇|共和村, 吉里于孜村): the walk
                // goes on when a division's suffix is reached within
                // the name's length.
                let inner = |c: char| {
                    matches!(
                        c,
                        '和' | '与' | '及' | '于' | '为' | '在' | '是' | '等' | '共' | '各'
                    )
                };
                if inner(c) && VILLAGES.contains(suf) {
                    let mut k = s - c.len_utf8();
                    let mut m = n + 1;
                    while m < max {
                        match prev_char(text, k) {
                            Some(d)
                                if matches!(d, '镇' | '乡' | '县' | '区' | '市')
                                    || text[..k].ends_with("街道") =>
                            {
                                s = k;
                                break;
                            }
                            Some(d) if name_char(d) || inner(d) => {
                                k -= d.len_utf8();
                                m += 1;
                            }
                            _ => break,
                        }
                    }
                }
                break;
            }
            s -= c.len_utf8();
            n += 1;
        }
        // Leading context words are no part of the name.
        let name = &text[s..end - suf.len()];
        let mut s2 = s;
        for w in ADDRESS_CONTEXT
            .iter()
            .chain(["家", "住", "在", "现"].iter())
        {
            if name.starts_with(w) && name.len() > w.len() {
                s2 = s2.max(s + w.len());
            }
        }
        let name = &text[s2..end - suf.len()];
        // 该村, 本村, 全村 …: a word for "the village", no name.
        if matches!(
            name,
            "该" | "本" | "全" | "每" | "此" | "邻" | "外" | "两" | "一个" | "新农" | "某" | "某某"
        ) {
            return None;
        }
        (name.chars().count() >= min).then_some((s2, admin))
    };
    if let Some(s) = group_before(text, end) {
        return Some((s, false));
    }
    // Longer suffixes first: 澳洋工业|园区, not 澳洋工业园|区.
    let admin = || {
        generic(
            &[
                "自治州",
                "开发区",
                "园区",
                "办事处",
                "街道",
                "苏木",
                "镇",
                "乡",
                "县",
                "区",
                "市",
                "省",
                "旗",
            ],
            2,
            4,
            true,
        )
    };
    if let Some(s) = short_best {
        return Some(admin().filter(|(g, _)| *g < s).unwrap_or((s, true)));
    }
    generic(VILLAGES, 1, 7, false)
        .or_else(|| hamlet_before(text, end))
        .or_else(|| generic(STREETS, 1, 8, false))
        .or_else(|| generic(ESTATES, 2, 8, false))
        // An office building counts only inside an address (松山街道|新区
        // 行政中心|4楼), not alone (在县政务中心六楼会议室召开).
        .or_else(|| {
            generic(&["中心", "大楼", "办公楼", "综合楼"], 2, 8, false).filter(|(b, _)| {
                part_before(text, *b).is_some_and(|(s, admin)| {
                    s < *b && (!admin || dict::places().full.contains(&text[s..*b]))
                })
            })
        })
        .or_else(|| filler_before(text, end))
        .or_else(admin)
}

/// A word for part of a town or village between a division and a street
/// or number: 高塘镇|集镇|人民路45号, 西郜村|新区|三排14号.
fn filler_before(text: &str, end: usize) -> Option<(usize, bool)> {
    let head = &text[..end];
    // An estate's phase: 万达华府|二期|9栋.
    if let Some(h) = head.strip_suffix('期') {
        let n = h.chars().rev().take_while(|c| is_num(*c)).count();
        let s = h.len() - n * 3;
        if (1..=2).contains(&n)
            && h[..s]
                .chars()
                .all(|c| c.len_utf8() == 3 || !c.is_ascii_digit())
            && prev_char(text, s).is_some_and(is_estate_last)
        {
            return Some((s, false));
        }
    }
    let w = ["集镇", "新区", "老区", "街区"]
        .into_iter()
        .find(|w| head.ends_with(w))?;
    let s = end - w.len();
    prev_char(text, s)
        .is_some_and(|c| matches!(c, '镇' | '乡' | '村' | '县' | '区' | '道'))
        .then_some((s, false))
}

/// A hamlet (自然村) named right after its village, before a house
/// number: `庄头村前埔398号`, `黎塘村委会下街坡38号`. Returns its start.
fn hamlet_before(text: &str, end: usize) -> Option<(usize, bool)> {
    // Only right before a number.
    next_char(text, end).filter(|c| is_num(*c))?;
    let mut s = end;
    for _ in 0..3 {
        let c = prev_char(text, s).filter(|c| name_char(*c))?;
        s -= c.len_utf8();
        // The village itself must be a named one (not 该村已有76户).
        if VILLAGES.iter().any(|v| text[..s].ends_with(v))
            && part_before(text, s).is_some_and(|(v, _)| v < s)
        {
            return Some((s, false));
        }
    }
    None
}

/// An address context word or `住` shortly before `start`.
fn lives_before(text: &str, start: usize) -> bool {
    let from = crate::context::floor_char_boundary(text, start.saturating_sub(24));
    context_before(text, start) || text[from..start].contains('住')
}

fn context_before(text: &str, start: usize) -> bool {
    let from = crate::context::floor_char_boundary(text, start.saturating_sub(24));
    let window = &text[from..start];
    // Every context word has two characters: look each adjacent pair up
    // once (packed keys, behind a bitset of first characters) instead of
    // searching the window for each word.
    static WORDS: OnceLock<(dict::HanSet, dict::WordMap<()>)> = OnceLock::new();
    let (firsts, words) = WORDS.get_or_init(|| {
        (
            dict::HanSet::new(ADDRESS_CONTEXT.iter().filter_map(|w| w.chars().next())),
            dict::WordMap::new(ADDRESS_CONTEXT.iter().map(|w| (*w, ()))),
        )
    });
    let mut prev: Option<char> = None;
    for c in window.chars() {
        if prev.is_some_and(|p| firsts.contains(p) && words.get2(p, c).is_some()) {
            return true;
        }
        prev = Some(c);
    }
    false
}

impl Detector for Address {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        let text = p.text;
        // 1. Cells under an address header.
        for cell in p.cells().iter().filter(|c| c.column == Column::Address) {
            // A labelled cell (`联系地址：罗城…`): the address after the label.
            let start = text[cell.start..cell.end]
                .rfind(['：', ':'])
                .map_or(cell.start, |k| {
                    cell.start
                        + k
                        + text[cell.start + k..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8)
                });
            let cell = crate::table::Cell {
                start,
                end: cell.end,
                column: cell.column,
            };
            let v = &text[cell.start..cell.end];
            // A lone village (龙潭村) in the column is a place, not yet an
            // address: the cell needs a street-level part or two levels.
            let detailed = [
                "号", "栋", "幢", "单元", "室", "组", "路", "街", "巷", "队", "弄",
            ]
            .iter()
            .any(|u| v.contains(u));
            let levels = ["省", "市", "县", "区", "镇", "乡", "街道"]
                .iter()
                .any(|a| v.contains(a))
                && ["村", "社区", "小区", "居委会"]
                    .iter()
                    .any(|a| v.contains(a));
            if v.chars().count() >= 3 && (detailed || levels) && !v.contains(['*', '＊']) {
                out.push(finding(
                    p,
                    Kind::Address,
                    cell.start,
                    cell.end,
                    0.9,
                    &["住址 column"],
                    None,
                ));
            }
        }
        // 2. Anchors: a number with a unit. Units are rare in text, so
        // find them first and look back for their number.
        let mut last_end = 0;
        for m in units().find_iter(text) {
            let Some(i) = number_start_before(text, m.start()) else {
                continue;
            };
            // 户 numbers a dwelling only after another unit (3排2户,
            // 5组12户); alone it counts households (农村低保8613户).
            if &text[m.start()..m.end()] == "户"
                && !prev_char(text, i).is_some_and(|c| {
                    matches!(
                        c,
                        '排' | '号' | '栋' | '幢' | '楼' | '组' | '队' | '社' | '院'
                    )
                })
            {
                continue;
            }
            if i < last_end || detail_at(text, i).is_none() {
                continue;
            }
            let end = details_from(text, i);
            // Grow left over street, estate, village and admin parts.
            let mut start = i;
            // A direction between the street and the number: 农业路东68号,
            // 人民大道南188号.
            if prev_char(text, i).is_some_and(|c| matches!(c, '东' | '西' | '南' | '北'))
                && prev_char(text, i - 3)
                    .is_some_and(|c| matches!(c, '路' | '街' | '道' | '巷' | '段' | '弄' | '里'))
            {
                start -= 3;
            }
            // A lettered block or building before the number (国际商品城C区
            // 3栋, 政务中心B座5层): the estate or office name stands before it.
            if let Some(u) =
                prev_char(text, start).filter(|c| matches!(c, '区' | '座' | '栋' | '幢'))
            {
                let k = start - u.len_utf8();
                if k > 0 && text.as_bytes()[k - 1].is_ascii_uppercase() {
                    start = k - 1;
                }
            }
            let mut parts = 0;
            let mut admin = 0;
            while let Some((s, is_admin)) = part_before(text, start) {
                if s >= start {
                    break;
                }
                start = s;
                parts += 1;
                admin += usize::from(is_admin);
            }
            let ctx = context_before(text, start);
            let detail = &text[i..end];
            let score: f32 = match (parts, admin) {
                (0, _) if ctx && detail.chars().count() >= 4 => 0.7,
                (0, _) => 0.0,
                (p, a) if a > 0 && p > a => 0.95,
                (p, 0) if p >= 1 && (ctx || p >= 2) => 0.85,
                (1, 0) => 0.75,
                (_, _) => 0.6,
            };
            // `5号文件`, `第3组`, `12号` alone: a single number with 号/组
            // and no street part is no address.
            if score > 0.0 && !is_document_number(text, start, i) {
                out.push(finding(
                    p,
                    Kind::Address,
                    start,
                    end,
                    score,
                    &["address grammar"],
                    ctx.then_some("address context"),
                ));
                last_end = end;
            }
        }
        // 2b. Intersections: `苏溪镇苏福路与新蓉路交叉口西北角2号商铺`,
        // `玉林北路与芳草街交叉口东南角`.
        intersections(p, text, out);
        // 3. A township (or county) followed by a village: 户胡镇龙潭村.
        // Address spans found so far, by start; `covered_to` is the
        // furthest end of those starting at or before the current 村 (the
        // positions only grow, so one sweep serves every 村).
        let mut spans: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| f.kind == Kind::Address)
            .map(|f| (f.start, f.end))
            .collect();
        spans.sort_unstable();
        let (mut next_span, mut covered_to) = (0, 0);
        for pos in memchr::memmem::find_iter(text.as_bytes(), "村".as_bytes()) {
            let end = pos + '村'.len_utf8();
            // A village committee stands for its village: 红色村委会文山村民
            // 小组 (Hainan).
            // (Only with its group: 东四义村村委会东侧 is the office.)
            let end = if text[end..].starts_with("委会")
                && group_after(text, end + "委会".len()).is_some()
            {
                end + "委会".len()
            } else {
                end
            };
            while next_span < spans.len() && spans[next_span].0 <= pos {
                covered_to = covered_to.max(spans[next_span].1);
                next_span += 1;
            }
            if pos < covered_to {
                continue;
            }
            // 村民小组, 村委会, 村级: words, not a village and its group.
            if next_char(text, end).is_some_and(|c| matches!(c, '委' | '民' | '级')) {
                continue;
            }
            let Some((vs, false)) = part_before(text, end) else {
                continue;
            };
            // The village must be a name, not the word 农村/乡村, and the
            // part before it a real division from the dictionary.
            let village = &text[vs..end];
            if matches!(village, "全村" | "本村" | "该村")
                || ["农村", "乡村"].iter().any(|w| village.ends_with(w))
            {
                continue;
            }
            // A generic `…镇` counts only where someone lives (住…); else the
            // division must be in the dictionary.
            let admin = part_before(text, vs).filter(|(s, a)| {
                *a && (dict::places().full.contains(&text[*s..vs]) || lives_before(text, *s))
            });
            let Some((s, _)) = admin else {
                // A village with its group (龙潭村三组, 张湾村郑庄组) is an
                // address even without the township.
                if let Some(g) = group_after(text, end) {
                    let e = details_from(text, g);
                    covered_to = covered_to.max(e);
                    out.push(finding(
                        p,
                        Kind::Address,
                        vs,
                        e,
                        0.8,
                        &["village and group"],
                        None,
                    ));
                }
                continue;
            };
            let mut start = s;
            while let Some((s2, true)) = part_before(text, start) {
                if s2 >= start {
                    break;
                }
                start = s2;
            }
            if next_char(text, end).is_some_and(|c| matches!(c, '委' | '民' | '级')) {
                continue; // 村委会, 村民, 村级
            }
            let group = group_after(text, end);
            let end = group.map_or(end, |g| details_from(text, g));
            // Without a group or number, a township and its village are a
            // place (走进马店镇龙潭村的基地) unless someone lives there.
            let lives = lives_before(text, start);
            if group.is_none() && !lives {
                continue;
            }
            covered_to = covered_to.max(end);
            out.push(finding(
                p,
                Kind::Address,
                start,
                end,
                0.8,
                &["township and village"],
                None,
            ));
        }
        merge_touching(out);
    }
}

/// Step 2b of [`Address::detect`]: two streets joined by 与/和 and
/// 交叉口/交汇处, with the divisions before them and the corner, building
/// and number after them.
fn intersections(p: &Prepared<'_>, text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let hits = memchr::memmem::find_iter(b, "交叉口".as_bytes())
        .chain(memchr::memmem::find_iter(b, "交汇处".as_bytes()));
    let is_street = |s: usize, e: usize| {
        let part = &text[s..e];
        e > s + 3
            && ["路", "街", "大道", "道", "巷"]
                .iter()
                .any(|w| part.ends_with(w))
    };
    for pos in hits {
        let Some((ys, false)) = part_before(text, pos) else {
            continue;
        };
        if !is_street(ys, pos) {
            continue;
        }
        let Some(xe) = text[..ys].strip_suffix(['与', '和']).map(str::len) else {
            continue;
        };
        let Some((xs, false)) = part_before(text, xe) else {
            continue;
        };
        if !is_street(xs, xe) {
            continue;
        }
        let mut start = xs;
        let mut admin = 0;
        while let Some((s, is_admin)) = part_before(text, start) {
            if s >= start {
                break;
            }
            start = s;
            admin += usize::from(is_admin);
        }
        let mut end = pos + "交叉口".len();
        let rest = &text[end..];
        if let Some(w) = [
            "东北角",
            "西北角",
            "东南角",
            "西南角",
            "东侧",
            "西侧",
            "南侧",
            "北侧",
        ]
        .iter()
        .find(|w| rest.starts_with(**w))
        {
            end += w.len();
        }
        let end = details_from(text, end);
        // Without a division or an address word it is where something
        // happened (在人民路与中山路交叉口发生事故), not where someone is.
        let score = if admin > 0 {
            0.9
        } else if context_before(text, start) {
            0.8
        } else {
            continue;
        };
        out.push(finding(
            p,
            Kind::Address,
            start,
            end,
            score,
            &["intersection"],
            None,
        ));
    }
}

/// Can `c` be inside the name of a village group (`郑庄`, `第四`)? Not
/// punctuation, a function word, a division suffix or 号.
fn group_name_char(c: char) -> bool {
    (is_han(c) || is_num(c))
        && !matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '的'
                | '在'
                | '是'
                | '和'
                | '与'
                | '镇'
                | '乡'
                | '县'
                | '区'
                | '市'
                | '号'
                | '至'
                | '村'
        )
}

/// A named group ending at `end` (`郑庄组`, `第一村民组`), when a village
/// stands right before it. Returns its start.
fn group_before(text: &str, end: usize) -> Option<usize> {
    let head = &text[..end];
    let unit = ["村民小组", "村民组", "组", "队"]
        .iter()
        .find(|u| head.ends_with(**u))?;
    let mut s = end - unit.len();
    let mut n = 0;
    while let Some(c) = prev_char(text, s) {
        if c == '村' || n == 4 || !group_name_char(c) {
            break;
        }
        s -= c.len_utf8();
        n += 1;
    }
    (n >= 1 && prev_char(text, s) == Some('村')).then_some(s)
}

/// A named group after a village: `张老庄组`, `第四村民组`, `后湾组`,
/// `三队`. Returns its end.
fn group_after(text: &str, at: usize) -> Option<usize> {
    let mut e = at;
    let mut n = 0;
    while let Some(c) = next_char(text, e) {
        if n >= 5 {
            return None;
        }
        let rest = &text[e..];
        for unit in ["村民小组", "村民组", "经济合作社", "组", "队", "屯"] {
            // 组织, 组成, 组长 …: words, not a group.
            let Some(after) = rest.strip_prefix(unit) else {
                continue;
            };
            let word = unit == "组"
                && after.chars().next().is_some_and(|c| {
                    matches!(c, '织' | '成' | '建' | '长' | '员' | '合' | '委' | '团')
                });
            if n >= 1 && !word {
                // 驻村工作队, 村两委班子组: task forces, not groups.
                let name = &text[at..e];
                if matches!(
                    name,
                    "工作" | "领导" | "专项" | "督导" | "检查" | "考核" | "服务" | "突击" | "股份"
                ) {
                    return None;
                }
                return Some(e + unit.len());
            }
        }
        if c == '村' || !group_name_char(c) {
            return None;
        }
        e += c.len_utf8();
        n += 1;
    }
    None
}

/// Join address findings that touch (`…路2876号` + `东湖公寓18栋203室`,
/// found from two anchors) into one span.
fn merge_touching(out: &mut Vec<Finding>) {
    let mut idx: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].kind == Kind::Address)
        .collect();
    idx.sort_by_key(|&i| out[i].start);
    // Each finding merges into the open one before it when they touch;
    // merged findings are dropped in one pass at the end (linear, however
    // many merges a long list makes).
    let mut removed = vec![false; out.len()];
    let mut open: Option<usize> = None;
    for b in idx {
        match open {
            Some(a) if out[a].end == out[b].start => {
                let end = out[b].end;
                let text = format!("{}{}", out[a].text, out[b].text);
                out[a].end = end;
                out[a].text = text;
                out[a].score = out[a].score.max(out[b].score);
                removed[b] = true;
            }
            _ => open = Some(b),
        }
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !removed[i - 1]
    });
}

/// `霍政办〔2023〕12号`, `（2023）皖1522民初123号`: the number closes a
/// document or case number, not an address.
fn is_document_number(text: &str, start: usize, num: usize) -> bool {
    let before = prev_char(text, start);
    start == num
        && before.is_some_and(|c| {
            matches!(
                c,
                '〕' | '］' | ']' | '）' | ')' | '第' | '初' | '终' | '字'
            )
        })
}

#[cfg(test)]
mod tests {
    use crate::{Kind, Scanner};

    fn addrs(t: &str) -> Vec<String> {
        let s = Scanner::builder().kinds([Kind::Address]).build().unwrap();
        s.scan(t).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn estate_phases_and_village_names_ending_in_a_section() {
        assert_eq!(
            addrs("产权调换\t道外区先锋路万达华府二期9栋1单元1202\t2024"),
            vec!["道外区先锋路万达华府二期9栋1单元1202"]
        );
        assert_eq!(
            addrs("户籍所在地云南省普洱市澜沧拉祜族自治县糯福乡南段村老街组，"),
            vec!["云南省普洱市澜沧拉祜族自治县糯福乡南段村老街组"]
        );
        // A street's section still ends a street before an office.
        assert_eq!(
            addrs("地址：潢川县春申街道宏达路中段农业农村局四楼，"),
            vec!["潢川县春申街道宏达路中段农业农村局四楼"]
        );
    }

    #[test]
    fn villages_groups_and_entrances_of_the_south_and_north_east() {
        // A village name holding 和/共, and a 屯 as its group (Guangxi).
        assert_eq!(
            addrs("住龙州县水口镇共和村板闭屯，公民身份号码"),
            vec!["龙州县水口镇共和村板闭屯"]
        );
        // A village committee with its group (Hainan); an economic
        // cooperative as the group (Guangdong), not a 股份经济合作社.
        assert_eq!(
            addrs("陈德伟\t红色村委会石桥村民小组\t水田"),
            vec!["红色村委会石桥村民小组"]
        );
        assert_eq!(
            addrs("户籍地址：白云区钟落潭镇良田村第七经济合作社）"),
            vec!["白云区钟落潭镇良田村第七经济合作社"]
        );
        assert!(addrs("权利人：武平县象洞镇光彩村股份经济合作社\n").is_empty());
        // A masked village is no address.
        assert!(addrs("不动产坐落：安溪县魁斗镇某村").is_empty());
        // A sumu (Inner Mongolia) is a township.
        assert_eq!(
            addrs("住科尔沁右翼前旗阿力得尔苏木乌兰哈达嘎查三组，"),
            vec!["科尔沁右翼前旗阿力得尔苏木乌兰哈达嘎查三组"]
        );
        // 甲 entrances, 3-2 flats, east flats; 号房屋 is the house.
        assert_eq!(
            addrs("住沈阳市皇姑区寿泉街17号甲1单元2楼，电话"),
            vec!["沈阳市皇姑区寿泉街17号甲1单元2楼"]
        );
        assert_eq!(
            addrs("房屋坐落：凌河区康宁里14号楼3-2\n"),
            vec!["凌河区康宁里14号楼3-2"]
        );
        assert_eq!(
            addrs("坐落：凌河区北京路三段41号2单元1层东户\n"),
            vec!["凌河区北京路三段41号2单元1层东户"]
        );
        assert_eq!(
            addrs("位于宁安市宁安镇西门外街道永安路14号房屋的"),
            vec!["宁安市宁安镇西门外街道永安路14号"]
        );
    }

    #[test]
    fn full_addresses() {
        assert_eq!(
            addrs("住址：安徽省六安市霍邱县城关镇东湖路88号3栋2单元501室。"),
            vec!["安徽省六安市霍邱县城关镇东湖路88号3栋2单元501室"]
        );
        assert_eq!(
            addrs("家住霍邱县户胡镇龙潭村三组，"),
            vec!["霍邱县户胡镇龙潭村三组"]
        );
        assert_eq!(addrs("现住东湖路88号"), vec!["东湖路88号"]);
        assert_eq!(addrs("住霍邱县户胡镇龙潭村"), vec!["霍邱县户胡镇龙潭村"]);
    }

    #[test]
    fn province_short_names_end_in_the_listed_characters() {
        for w in super::PROVINCE_SHORT {
            let t = format!("{w}宾阳县");
            assert!(super::part_before(&t, w.len()).is_some(), "{w}");
        }
    }

    #[test]
    fn estate_suffixes_end_in_the_listed_characters() {
        for e in super::ESTATES {
            let last = e.chars().next_back().unwrap();
            assert!(super::is_estate_last(last), "{e}");
        }
    }

    #[test]
    fn sub_districts_estates_hamlets_and_numbered_committees() {
        for (text, want) in [
            (
                "房屋坐落涡阳县城关街道北关社区道口巷7号，证载",
                "涡阳县城关街道北关社区道口巷7号",
            ),
            (
                "住福建省龙岩市新罗区西陂街道龙腾中路566号华阳小区B栋1403室。",
                "福建省龙岩市新罗区西陂街道龙腾中路566号华阳小区B栋1403室",
            ),
            (
                "现住晋江市青阳街道世纪大道1099号宝龙城市广场7号楼1202室。",
                "晋江市青阳街道世纪大道1099号宝龙城市广场7号楼1202室",
            ),
            (
                "住晋江市安海镇庄头村前埔398号，",
                "晋江市安海镇庄头村前埔398号",
            ),
            (
                "户籍地址：宾阳县黎塘镇黎塘村委会下街坡38号，",
                "宾阳县黎塘镇黎塘村委会下街坡38号",
            ),
            (
                "（富裕县富裕镇富强街18委12组）",
                "富裕县富裕镇富强街18委12组",
            ),
            (
                "现住澜沧县勐朗镇佛房社区民族路36号，",
                "澜沧县勐朗镇佛房社区民族路36号",
            ),
            (
                "坐落于镇雄县乌峰街道南台社区文化巷7号附2号，",
                "镇雄县乌峰街道南台社区文化巷7号附2号",
            ),
            (
                "户籍地河南省郑州市金水区丰产路街道农业路东68号院3号楼2单元12号，",
                "河南省郑州市金水区丰产路街道农业路东68号院3号楼2单元12号",
            ),
            (
                "来信地址：哈尔滨市南岗区学府路2号区政府综合办公楼612室，",
                "哈尔滨市南岗区学府路2号区政府综合办公楼612室",
            ),
            ("住地苏镇清水村弄平屯，", "地苏镇清水村弄平屯"),
            (
                "受理地址：巧家县白鹤滩街道堂琅路9号县民政局二楼\n",
                "巧家县白鹤滩街道堂琅路9号县民政局二楼",
            ),
            (
                "住所：天津市武清区杨村街道雍阳西道泉州花园6号楼2门501\n",
                "天津市武清区杨村街道雍阳西道泉州花园6号楼2门501",
            ),
            (
                "原住温宿县温宿镇托万克阿热勒村2组15号）",
                "温宿县温宿镇托万克阿热勒村2组15号",
            ),
            ("（住高塘镇集镇人民路45号）", "高塘镇集镇人民路45号"),
            (
                "不动产坐落：泽州县巴公镇西郜村新区三排14号\n",
                "泽州县巴公镇西郜村新区三排14号",
            ),
            (
                "住所：安徽省霍邱县经济开发区紫薇路18号\n",
                "安徽省霍邱县经济开发区紫薇路18号",
            ),
            (
                "地址:紫云自治县松山街道新区行政中心4楼  邮编",
                "紫云自治县松山街道新区行政中心4楼",
            ),
        ] {
            assert_eq!(addrs(text), vec![want], "{text}");
        }
    }

    #[test]
    fn a_building_alone_is_no_address() {
        assert!(addrs("防汛抗旱工作会议在县政务中心六楼会议室召开。").is_empty());
        assert!(addrs("群众可就近到区政务服务中心一楼办理").is_empty());
        assert!(addrs("在塔里木乡，驻村工作队队员正在帮助村民").is_empty());
        assert!(addrs("学校开设5门课程").is_empty());
    }

    #[test]
    fn village_words_and_group_words_are_no_addresses() {
        assert!(addrs("目前，该村已有76户加入合作社").is_empty());
        assert!(addrs("包括农村集体经济组织、农民专业合作社").is_empty());
        assert!(addrs("第一村民小组：王德胜、王秀云").is_empty());
        assert!(addrs("经村民小组会议讨论").is_empty());
    }

    #[test]
    fn context_words_are_two_characters() {
        // `context_before` looks words up by character pair.
        assert!(super::ADDRESS_CONTEXT
            .iter()
            .all(|w| w.chars().count() == 2));
    }

    #[test]
    fn not_addresses() {
        for t in [
            "霍邱县",
            "霍政办〔2023〕12号",
            "户胡镇开展培训",
            "人民路",
            "第3组",
            "国办发〔2023〕42号",
            "共5号文件",
            "龙潭村村民委员会",
        ] {
            assert!(addrs(t).is_empty(), "{t}: {:?}", addrs(t));
        }
    }
    #[test]
    fn intersections_offices_and_shop_units() {
        assert_eq!(
            addrs("经营场所义乌市苏溪镇苏福路与新蓉路交叉口西北角2号商铺, 预包装"),
            vec!["义乌市苏溪镇苏福路与新蓉路交叉口西北角2号商铺"]
        );
        assert!(addrs("在人民路与中山路交叉口发生交通事故").is_empty());
        assert_eq!(
            addrs("受理地址：甘肃省定西市岷县岷阳镇和平西路72号县人社局二楼就业股"),
            vec!["甘肃省定西市岷县岷阳镇和平西路72号县人社局二楼"]
        );
        assert_eq!(
            addrs("住香港九龙旺角弥敦道612号好望角大厦11楼B室。"),
            vec!["香港九龙旺角弥敦道612号好望角大厦11楼B室"]
        );
        assert_eq!(
            addrs("联系地址：广州市天河区石牌街道龙口西路58号之三1203房"),
            vec!["广州市天河区石牌街道龙口西路58号之三1203房"]
        );
        assert_eq!(
            addrs("住民权县城关镇建设路中段北侧阳光花园5号楼2单元601室。"),
            vec!["民权县城关镇建设路中段北侧阳光花园5号楼2单元601室"]
        );
        // Households counted, not a dwelling.
        assert!(addrs("农村低保8613户15417人").is_empty());
    }
}
