//! 姓名: names of natural persons.
//!
//! A candidate is a surname (single or compound, from the dictionary)
//! followed by one or two given-name characters. Its score combines:
//! - how name-like the given characters are (their frequency in given
//!   names) and how common the surname is;
//! - context: a role word right before (姓名：, 户主, 申请人, 当事人,
//!   局长 …), a word right after (同志, 先生, 女士, 等, （男 …), a list
//!   joined by 、, a table column headed 姓名;
//! - negative evidence: the candidate is an ordinary word (高度, 马上,
//!   任务), the start of a place name (马店镇, 龙潭村, 李家庄) or a
//!   county/township name without its suffix (户胡, 霍邱).
//!
//! Masked names (张*, 欧阳*娜, 王某某, 李某) are never candidates. Names
//! without a surname (阿依古丽, 扎西多吉) are found after a role word or in
//! a 姓名 column; transliterated names with a middle dot (买买提·艾力)
//! by their shape.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{finding, Detector, Prepared};
use crate::dict::{self, NameTables};
use crate::table::Column;
use crate::{Finding, Kind};

/// Detects person names.
pub(crate) struct PersonName;

/// Words that, right before a name, say a person is named (titles, in
/// [`TITLES`], count too).
const ROLE_BEFORE: &[&str] = &[
    "姓名",
    "户主",
    "申请人",
    "当事人",
    "法定代表人",
    "法人代表",
    "委托代理人",
    "委托诉讼代理人",
    "诉讼代理人",
    "代理人",
    "被告人",
    "被告",
    "原告",
    "第三人",
    "上诉人",
    "被上诉人",
    "申诉人",
    "被申请人",
    "被申诉人",
    "被征收人",
    "被拆迁人",
    "被执行人",
    "申请执行人",
    "犯罪嫌疑人",
    "证人",
    "联系人",
    "经办人",
    "负责人",
    "承办人",
    "审核人",
    "审批人",
    "复核人",
    "收款人",
    "领款人",
    "户名",
    "投诉人",
    "举报人",
    "信访人",
    "来访人",
    "反映人",
    "死者",
    "患者",
    "学生",
    "职工",
    "村民",
    "居民",
    "审判长",
    "审判员",
    "人民陪审员",
    "陪审员",
    "书记员",
    "检察员",
    "检察官",
    "副县长",
    "副主任",
    "副书记",
    "监护人",
    "配偶",
    "妻子",
    "丈夫",
    "之子",
    "之女",
    "儿子",
    "女儿",
    "父亲",
    "母亲",
    "记录人",
    "制表人",
    "填表人",
    "签发人",
    "拟稿人",
    "核稿人",
    "批准人",
    "代表",
    "教师",
    "出纳",
    "民警",
    "理事长",
    "董事长",
    "执行董事",
    "股东",
    "业主",
    "租户",
    "承租人",
    "出租人",
    "借款人",
    "贷款人",
    "担保人",
    "继承人",
    "受益人",
    "权利人",
    "义务人",
    "产权人",
    "持卡人",
    "救助对象",
    "保障对象",
    "驾驶人",
    "驾驶员",
    "车主",
    "受害人",
    "被害人",
    "嫌疑人",
    "报案人",
    "发现人",
    "推荐人",
    "考生",
    "应聘人员",
    "拟聘人员",
    "获奖者",
    "本人",
    "家属",
    "亲属",
    "经营者",
    "业户",
    "堂兄",
    "堂弟",
    "堂姐",
    "堂妹",
    "表哥",
    "表弟",
    "表姐",
    "表妹",
    "哥哥",
    "弟弟",
    "姐姐",
    "妹妹",
    "其子",
    "其女",
    "其妻",
    "其夫",
    "邻居",
    "户主为",
    "见证人",
    "公证员",
    "调解员",
    "网格员",
];

/// Words that, right after a name, say it is one (titles, in [`TITLES`],
/// count too).
const AFTER: &[&str] = &[
    "同学",
    "等",
    "户",
    "夫妇",
    "一家",
    "家庭",
    "（男",
    "（女",
    "(男",
    "(女",
    "，男",
    "，女",
    ",男",
    ",女",
    " 男",
    " 女",
    "\t男",
    "\t女",
    "副县长",
    "代表",
    "，性别",
    "，身份证",
    "，公民身份",
    "，住",
    "，现住",
    "，出生",
    "，汉族",
    "，民族",
    "，年龄",
    "，联系电话",
    "，电话",
    "，手机",
    "（身份证",
    "(身份证",
    "，家住",
    "，系",
    "，女，",
    "，男，",
    "：男",
    "：女",
    "的家庭",
    "家",
    "；住",
    "；现住",
    "；身份证",
    "；男",
    "；女",
    "；联系电话",
];

/// Characters after which a candidate is a place or an organization:
/// 马店镇, 龙潭村, 李家庄, 张家港, 王府井街.
const PLACE_SUFFIX: &str = "省市县区镇乡村庄屯寨集店铺湾港河湖山岭桥路街巷道坊园城堡营关口渡坝塘埠岗圩洼沟坪垸场站厂矿局院所校馆社队组委办司厅部处科行府寺庙楼阁宫井池洲岛滩州旗盟里弄区";

/// Characters that end a given name: function words and verbs that
/// commonly follow a name in prose.
const STOP: &str = "的了是在和与及等为于对将把被向从到说讲指称要已也都就还又并而且或之其同您你我他她它们这那有无不没会能可应该去来上下中内外年月日时分号元个名人位次届第县市区镇乡村组省局";

/// Titles: a surname followed by one is a way of addressing someone
/// (王主任, 张科长), not a name.
const TITLES: &[&str] = &[
    "主任",
    "科长",
    "股长",
    "局长",
    "县长",
    "镇长",
    "乡长",
    "村长",
    "处长",
    "院长",
    "校长",
    "书记",
    "经理",
    "主席",
    "厅长",
    "部长",
    "组长",
    "队长",
    "站长",
    "所长",
    "会计",
    "老师",
    "医生",
    "师傅",
    "先生",
    "女士",
    "同志",
    "总工",
    "律师",
    "法官",
    "警官",
    "干事",
    "委员",
    "秘书",
    "专员",
    "社长",
    "馆长",
    "台长",
    "行长",
    "董事",
    "总经理",
    "大爷",
    "大妈",
    "阿姨",
    "师傅",
    "老板",
    "某",
];

/// Fixed political terms that contain a name but name no one in a
/// document (毛泽东思想, 邓小平理论).
const FIXED_TERMS: &[&str] = &[
    "马克思列宁主义",
    "马克思主义",
    "列宁主义",
    "毛泽东思想",
    "邓小平理论",
    "习近平新时代中国特色社会主义思想",
    "习近平法治思想",
    "习近平生态文明思想",
    "习近平强军思想",
    "习近平外交思想",
    "习近平经济思想",
    "习近平文化思想",
    "三个代表",
];

/// Parts that make a run after a role word a column header or a phrase,
/// not a name (户主姓名, 申请人家庭住址).
const NOT_NAME_PARTS: &[&str] = &[
    "姓名", "性别", "住址", "地址", "身份", "号码", "年龄", "金额", "电话", "人数", "情况", "家庭",
    "备注", "类别", "事由", "信息", "名单", "证号", "账号", "民族", "签名", "签字", "基本", "本人",
    "户籍", "联系", "所在", "以上", "单位", "人员", "代表", "申请", "审核", "意见", "条件", "关系",
    "职务", "籍贯", "出生", "文化", "政治",
];

/// Surname characters that are far more often a preposition, modal or
/// verb (当事人应自收到…, 于是, 向上级): these need a strongly name-like
/// given name.
const FUNCTION_SURNAMES: &str = "应于向从以和与及对把被让在为自其但所而将";

/// Words after a candidate that make it (the start of) an organization.
const ORG_WORDS: &[&str] = &[
    "公司",
    "集团",
    "合作社",
    "协会",
    "中心",
    "商行",
    "超市",
    "商店",
    "门市",
    "经营部",
    "工作室",
    "事务所",
    "研究所",
    "医院",
    "学校",
    "大学",
    "学院",
    "银行",
    "支行",
    "分行",
    "信用社",
    "工厂",
    "加工厂",
    "酒店",
    "宾馆",
    "饭店",
];

/// The character lists above as bitsets, for the hot loop.
struct Sets {
    place: dict::HanSet,
    stop: dict::HanSet,
    function: dict::HanSet,
}

fn sets() -> &'static Sets {
    static S: OnceLock<Sets> = OnceLock::new();
    S.get_or_init(|| Sets {
        place: dict::HanSet::new(PLACE_SUFFIX.chars()),
        stop: dict::HanSet::new(STOP.chars()),
        function: dict::HanSet::new(FUNCTION_SURNAMES.chars()),
    })
}

/// Does `s` start with a title (主任, 科长 …)? Titles indexed by their
/// first character: one hash lookup per candidate.
fn starts_with_title(s: &str) -> bool {
    static T: OnceLock<(dict::HanSet, HashMap<char, Vec<&'static str>>)> = OnceLock::new();
    let (first, index) = T.get_or_init(|| {
        let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
        for w in TITLES {
            if let Some(c) = w.chars().next() {
                m.entry(c).or_default().push(w);
            }
        }
        (dict::HanSet::new(m.keys().copied()), m)
    });
    s.chars()
        .next()
        .filter(|c| first.contains(*c) || !is_han(*c))
        .and_then(|c| index.get(&c))
        .is_some_and(|ws| ws.iter().any(|w| s.starts_with(w)))
}

fn is_place_suffix(c: char) -> bool {
    sets().place.contains(c)
}

/// Where the person detector's fixed anchors occur: role words that may
/// precede a surname-less name, gender patterns and fixed terms, found in
/// one pass.
#[derive(Clone, Copy)]
enum Anchor {
    Role(&'static str),
    Gender,
    Fixed,
}

const GENDER: &[&str] = &[
    "，男，",
    "，女，",
    "，女。",
    "，男。",
    "（男",
    "（女",
    "，男,",
    "，女,",
];

fn anchors() -> &'static (AhoCorasick, Vec<Anchor>) {
    static A: OnceLock<(AhoCorasick, Vec<Anchor>)> = OnceLock::new();
    A.get_or_init(|| {
        let mut pats: Vec<&'static str> = Vec::new();
        let mut kinds = Vec::new();
        for w in ROLE_STRICT {
            pats.push(w);
            kinds.push(Anchor::Role(w));
        }
        for w in GENDER {
            pats.push(w);
            kinds.push(Anchor::Gender);
        }
        for w in FIXED_TERMS {
            pats.push(w);
            kinds.push(Anchor::Fixed);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .expect("valid patterns");
        (ac, kinds)
    })
}

/// Does `c` show that a value has been masked already?
#[inline]
fn is_mask(c: char) -> bool {
    matches!(
        c,
        '某' | '*'
            | '＊'
            | '×'
            | 'Ｘ'
            | 'X'
            | 'x'
            | '○'
            | '〇'
            | '●'
            | '□'
            | '■'
            | '◯'
            | '＿'
            | '_'
    )
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// How name-like a given-name character is, in -0.5..=1.
fn given_score(t: &NameTables, c: char) -> f32 {
    match t.given.get(&c) {
        Some(ppm) if *ppm >= 1.0 => (ppm.log10() / 4.0).min(1.0),
        _ => -0.5,
    }
}

/// Word lists indexed by their last (role words) or first (words after)
/// character, so each candidate costs a hash lookup and a few
/// comparisons instead of a scan of every list.
struct Index {
    role_by_last: HashMap<char, Vec<&'static str>>,
    after_by_first: HashMap<char, Vec<&'static str>>,
}

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut role_by_last: HashMap<char, Vec<&'static str>> = HashMap::default();
        // Titles count on both sides: 局长王建国, 王建国局长.
        let titles = TITLES.iter().filter(|t| **t != "某");
        for w in ROLE_BEFORE.iter().chain(titles.clone()) {
            if let Some(c) = w.chars().next_back() {
                role_by_last.entry(c).or_default().push(w);
            }
        }
        let mut after_by_first: HashMap<char, Vec<&'static str>> = HashMap::default();
        for w in AFTER.iter().chain(titles) {
            if let Some(c) = w.chars().next() {
                after_by_first.entry(c).or_default().push(w);
            }
        }
        for v in role_by_last.values_mut().chain(after_by_first.values_mut()) {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Index {
            role_by_last,
            after_by_first,
        }
    })
}

/// Ends `text[..end]` with a role word (allowing `：`, `:`, a space and
/// `为`/`是` between)? Returns the longest such word.
fn role_before(text: &str, end: usize) -> Option<&'static str> {
    let head = &text[..end];
    let trimmed = head.trim_end_matches(['：', ':', ' ', '\u{3000}', '\t']);
    let trimmed = trimmed
        .strip_suffix('为')
        .or_else(|| trimmed.strip_suffix('是'))
        .unwrap_or(trimmed);
    let trimmed = trimmed.trim_end_matches(['：', ':', ' ']);
    let last = trimmed.chars().next_back()?;
    let w = index()
        .role_by_last
        .get(&last)?
        .iter()
        .copied()
        .find(|w| trimmed.ends_with(w))?;
    // 行业主管部门: 业主 is the tail of 行业, not a role word.
    let before = &trimmed[..trimmed.len() - w.len()];
    if let (Some(pc), Some(fc)) = (before.chars().next_back(), w.chars().next()) {
        if dict::name_tables()
            .words
            .get2(pc, fc)
            .is_some_and(|f| *f >= 1000)
        {
            return None;
        }
    }
    Some(w)
}

fn after_word(rest: &str) -> Option<&'static str> {
    let first = rest.chars().next()?;
    index()
        .after_by_first
        .get(&first)?
        .iter()
        .copied()
        .find(|w| rest.starts_with(w))
}

/// The next char after byte `i`, if any.
fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// A cell-like boundary: start of line, tab, two spaces, a pipe.
fn boundary_before(text: &str, i: usize) -> bool {
    matches!(
        prev_char(text, i),
        None | Some(
            '\n' | '\t'
                | '|'
                | '｜'
                | '\u{3000}'
                | ','
                | '，'
                | '、'
                | '；'
                | ';'
                | '：'
                | ':'
                | '（'
                | '('
                | '）'
                | ')'
                | '.'
                | '．'
                | '。'
                | ' '
        )
    )
}

fn boundary_after(text: &str, i: usize) -> bool {
    match next_char(text, i) {
        None => true,
        Some(c) => !is_han(c) && c != '·' && c != '•',
    }
}

struct Candidate {
    start: usize,
    end: usize,
    score: f32,
    checks: Vec<&'static str>,
    context: Option<&'static str>,
}

fn evaluate(
    t: &NameTables,
    text: &str,
    start: usize,
    surname: &str,
    surname_freq: f32,
) -> Option<Candidate> {
    let s_end = start + surname.len();
    let surname_first = surname.chars().next()?;
    let g1 = next_char(text, s_end)?;
    if is_mask(g1) || !is_han(g1) {
        return None;
    }
    if starts_with_title(&text[s_end..]) {
        return None;
    }
    // 镇/县/村 as the first given character is a place (城关镇, 户胡镇).
    if matches!(g1, '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '组') {
        return None;
    }
    // `1980年出生`, `3月`: a digit before is a date or a count.
    if prev_char(text, start).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return None;
    }
    let g1_end = s_end + g1.len_utf8();
    let g2 = next_char(text, g1_end).filter(|c| is_han(*c));
    if g2.is_some_and(is_mask) {
        return None; // 欧阳*娜 has its mask after the surname; 张某某 too
    }
    if next_char(text, g1_end).is_some_and(is_mask) {
        return None;
    }
    // Choose two or three characters.
    let after2 = &text[g1_end..];
    let take3 = g2.is_some_and(|c| {
        !sets().stop.contains(c)
            && !is_place_suffix(c)
            && t.given.get(&c).is_some_and(|p| *p >= 30.0)
            && after_word(after2).is_none_or(|w| w == "家" || w == "户" || w == "等")
            && !opens_word(t, text, g1_end, c)
    }) && surname.chars().count() + 2 <= 4;
    let end = if let Some(c) = g2.filter(|_| take3) {
        g1_end + c.len_utf8()
    } else {
        g1_end
    };
    let cand = &text[start..end];
    let rest = &text[end..];
    // `霍政〔2023〕`: the abbreviation before a document number.
    if rest.starts_with(['〔', '［', '[', '【']) {
        return None;
    }
    let w2 = &text[start..g1_end];
    // A frequent ordinary word (来信, 房屋, 大学) is never a name.
    // (黄家, 张家 are words too, but 家 is also a common given-name
    // character: 黄家兰, 周家豪.)
    if (g1 != '家' && t.words.get(w2).is_some_and(|f| *f >= 300))
        || t.words.get(cand).is_some_and(|f| *f >= 300)
    {
        return None;
    }
    // The given part, or its first character with the next, is a
    // frequent word (专项资金 → 资金, 主管部门 → 部门): no name, whatever
    // the context says.
    // Given names that are words too (建国, 红军, 文静) have characters
    // that are frequent in given names; 资金, 部门 do not.
    let given_part = &text[s_end..end];
    let name_like = |c: char| t.given.get(&c).is_some_and(|p| *p >= 1000.0);
    let g2_name_like = g2.is_none_or(name_like);
    if end > g1_end
        && t.words.get(given_part).is_some_and(|f| *f >= 1000)
        && !(name_like(g1) && g2_name_like)
    {
        return None;
    }
    if end == g1_end && opens_word_freq(t, text, s_end, g1) >= 1000 && !name_like(g1) {
        return None;
    }
    let surname_is_function =
        surname.chars().count() == 1 && surname.chars().all(|c| sets().function.contains(c));
    if surname_is_function
        && (given_score(t, g1) < 0.8
            || (end > g1_end && g2.is_some_and(|c| given_score(t, c) < 0.8)))
    {
        return None;
    }

    // The role word is looked up only for candidates that passed every
    // test above.
    let role = role_before(text, start);
    let mut checks: Vec<&'static str> = vec!["surname"];
    let mut score = 0.2;
    score += 0.15 * given_score(t, g1);
    if let Some(c) = g2.filter(|_| take3) {
        score += 0.15 * given_score(t, c);
    }
    score += if surname_freq >= 5.0 {
        0.1
    } else if surname_freq >= 0.5 {
        0.05
    } else {
        -0.1
    };
    if t.ambiguous.contains(cand) && !strong_context_hint(text, start, end) {
        score -= 0.3;
        checks.push("-ambiguous word");
    }
    if t.known_names.contains(cand) {
        score += 0.15;
        checks.push("known name");
    }
    let mut context = None;
    let mut strong = false;
    if let Some(w) = role {
        score += 0.45;
        strong = true;
        context = Some(w);
        checks.push("role word before");
    }
    let after = after_word(rest);
    if let Some(w) = after {
        // 家 and 户 follow places and words too (种养大户, 王家): weak.
        let weak = w == "家" || w == "户";
        score += if weak { 0.15 } else { 0.35 };
        strong |= !weak;
        context = context.or(Some(w));
        checks.push("word after");
    }
    let listed = prev_char(text, start) == Some('、') || rest.starts_with('、');
    if listed {
        score += 0.2;
        checks.push("list");
    }
    if boundary_before(text, start) && boundary_after(text, end) {
        score += 0.15;
        checks.push("stands alone");
    }
    // Negative evidence. 临时救助等: 时 closes the frequent word 临时;
    // only a role word right before overrules that.
    if role.is_none() {
        if let Some(pc) = prev_char(text, start).filter(|c| is_han(*c)) {
            if t.words.get2(pc, surname_first).is_some_and(|f| *f >= 1000) {
                return None;
            }
        }
    }
    if !strong {
        // The given part is a word (师范大学 → 范大学), or the surname
        // closes a word with the character before it (师范).
        let given_part = &text[s_end..end];
        if end > g1_end && t.words.get(given_part).is_some_and(|f| *f >= 100) {
            score -= 0.35;
            checks.push("-given part is a word");
        }
        if let Some(pc) = prev_char(text, start).filter(|c| is_han(*c)) {
            if t.words.get2(pc, surname_first).is_some_and(|f| *f >= 100) {
                score -= 0.4;
                checks.push("-surname ends a word");
            }
        }
        // `应自觉`: the first given character opens a word with the next.
        if end == g1_end {
            if let Some(nc) = next_char(text, end).filter(|c| is_han(*c)) {
                if t.words.get2(g1, nc).is_some_and(|f| *f >= 300) {
                    score -= 0.3;
                    checks.push("-given character opens a word");
                }
            }
        }
    }
    let word = |w: &str| t.words.get(w).copied().unwrap_or(0);
    let word_freq = word(w2).max(word(cand));
    if word_freq >= 3 {
        score -= if strong {
            0.15
        } else if word_freq >= 50 {
            0.5
        } else {
            0.3
        };
        checks.push("-ordinary word");
    }
    if next_char(text, end).is_some_and(is_place_suffix) && after.is_none() {
        score -= 0.8;
        checks.push("-place suffix");
    }
    let places = dict::places();
    if places.short.contains(cand) || places.short.contains(w2) || places.full.contains(cand) {
        score -= if strong { 0.3 } else { 0.8 };
        checks.push("-place name");
    }
    // A list of places (户胡、龙潭、马店等8个乡镇).
    if listed && list_of_places(text, end) {
        score -= 0.6;
        checks.push("-list of places");
    }
    // The organization test reads ahead; only candidates that would be
    // reported pay for it.
    if score >= 0.3 && (followed_by_org(text, end) || followed_by_org(text, g1_end)) {
        return None;
    }
    Some(Candidate {
        start,
        end,
        score,
        checks,
        context,
    })
}

/// Is the text from `end` up to the next delimiter an organization's
/// name (安徽金泰建材有限公司)?
fn followed_by_org(text: &str, end: usize) -> bool {
    let rest = &text[end..crate::context::floor_char_boundary(text, end + 45)];
    let stop = rest
        .find(['，', '。', '；', '、', '\n', '：', '（', '(', ' ', '\t'])
        .unwrap_or(rest.len());
    let seg = &rest[..stop];
    ORG_WORDS.iter().any(|w| seg.contains(w))
}

/// The byte length of the place name (张家港, 李家庄: surname, one
/// character, a place suffix) or frequent word (张家) starting at `i`.
fn word_or_place_len(t: &NameTables, text: &str, i: usize) -> Option<usize> {
    let mut it = text[i..].char_indices();
    let (_, _) = it.next()?;
    let (j1, c1) = it.next()?;
    let w2_end = j1 + c1.len_utf8();
    if let Some((j2, c2)) = it.next() {
        if is_place_suffix(c2) && is_han(c1) && !starts_with_title(&text[i + j1..]) {
            return Some(j2 + c2.len_utf8());
        }
    }
    if c1 == '家' || t.compound.contains_key(&text[i..i + w2_end]) {
        return None;
    }
    t.words
        .get(&text[i..i + w2_end])
        .filter(|f| **f >= 300)
        .map(|_| w2_end)
}

/// The frequency of the word that the character `c` at byte `at` forms
/// with the character after it (0 when none).
fn opens_word_freq(t: &NameTables, text: &str, at: usize, c: char) -> u32 {
    let Some(nc) = next_char(text, at + c.len_utf8()).filter(|c| is_han(*c)) else {
        return 0;
    };
    t.words.get2(c, nc).copied().unwrap_or(0)
}

/// Does the character `c` at byte `at` open a frequent word with the
/// character after it (文明程度 → 程度, 田野丰收 → 丰收)?
fn opens_word(t: &NameTables, text: &str, at: usize, c: char) -> bool {
    let Some(nc) = next_char(text, at + c.len_utf8()).filter(|c| is_han(*c)) else {
        return false;
    };
    t.words.get2(c, nc).is_some_and(|f| *f >= 100)
}

/// A role word before or a title/person word after, without scoring.
fn strong_context_hint(text: &str, start: usize, end: usize) -> bool {
    role_before(text, start).is_some() || after_word(&text[end..]).is_some_and(|w| w != "家")
}

/// Does the 、-list that continues at `from` end in 乡镇/村/单位 …?
fn list_of_places(text: &str, from: usize) -> bool {
    let tail = &text[from..crate::context::floor_char_boundary(text, from + 120)];
    let end = tail.find(['。', '，', '；', '\n']).unwrap_or(tail.len());
    let seg = &tail[..end];
    [
        "乡镇",
        "个镇",
        "个乡",
        "个村",
        "村（居）",
        "街道",
        "单位",
        "部门",
        "县区",
        "市县",
        "地区",
        "社区",
    ]
    .iter()
    .any(|w| seg.contains(w))
}

/// Names without a surname (阿依古丽, 扎西多吉) after a role word, and
/// transliterated names with a middle dot (买买提·艾力).
fn dotted_name(text: &str, dot: usize) -> Option<(usize, usize)> {
    let mut s = dot;
    let mut n = 0;
    while let Some(c) = prev_char(text, s).filter(|c| is_han(*c)) {
        if n == 5 {
            break;
        }
        s -= c.len_utf8();
        n += 1;
        if role_before(text, s).is_some() {
            break;
        }
    }
    let dot_len = next_char(text, dot)?.len_utf8();
    let mut e = dot + dot_len;
    let mut m = 0;
    while let Some(c) = next_char(text, e).filter(|c| is_han(*c)) {
        if m == 6 {
            break;
        }
        if m >= 2 && after_word(&text[e..]).is_some() {
            break;
        }
        e += c.len_utf8();
        m += 1;
    }
    (n >= 2 && m >= 2).then_some((s, e))
}

/// After a role word: the Han run up to a delimiter, 2–4 characters.
fn name_after_role(text: &str, i: usize) -> Option<(usize, usize)> {
    let mut e = i;
    let mut n = 0;
    while let Some(c) = next_char(text, e).filter(|c| is_han(*c)) {
        if n == 4 {
            return None;
        }
        e += c.len_utf8();
        n += 1;
    }
    if n < 2 || !boundary_after(text, e) {
        return None;
    }
    let s = &text[i..e];
    if s.chars().any(|c| is_mask(c) || is_place_suffix(c))
        || NOT_NAME_PARTS.iter().any(|w| s.contains(w))
        || dict::name_tables().words.contains_key(s)
    {
        return None;
    }
    Some((i, e))
}

const ROLE_STRICT: &[&str] = &[
    "姓名",
    "户主",
    "申请人",
    "当事人",
    "被告",
    "原告",
    "被征收人",
    "户名",
    "收款人",
];

impl Detector for PersonName {
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>) {
        let t = dict::name_tables();
        let text = p.text;
        // 1. Cells under a 姓名 header.
        for cell in p.cells().iter().filter(|c| c.column == Column::Name) {
            let v = &text[cell.start..cell.end];
            let n = v.chars().count();
            if (2..=12).contains(&n)
                && v.chars().all(|c| is_han(c) || c == '·' || c == '•')
                && !v.chars().any(is_mask)
                && (n <= 4 || v.contains(['·', '•']))
            {
                out.push(finding(
                    p,
                    Kind::PersonName,
                    cell.start,
                    cell.end,
                    0.95,
                    &["姓名 column"],
                    None,
                ));
            }
        }
        // One pass for the anchors: fixed terms (毛泽东思想) hold no
        // names; role words and genders are used in steps 4 and 4a.
        let (ac, anchor_kinds) = anchors();
        let mut fixed: Vec<(usize, usize)> = Vec::new();
        let mut genders: Vec<usize> = Vec::new();
        let mut roles: Vec<(usize, &'static str)> = Vec::new();
        for m in ac.find_iter(text) {
            match anchor_kinds[m.pattern().as_usize()] {
                Anchor::Fixed => fixed.push((m.start(), m.end())),
                Anchor::Gender => genders.push(m.start()),
                Anchor::Role(w) => roles.push((m.start(), w)),
            }
        }
        let in_fixed = |i: usize| fixed.iter().any(|(s, e)| *s <= i && i < *e);
        // 2. Surname candidates.
        let b = text.as_bytes();
        let mut i = 0;
        let mut last_end = 0;
        while i < b.len() {
            let lead = b[i];
            // Han characters (U+3400..U+9FFF) start with E3..E9; the dots
            // of transliterated names are C2 B7 (·) and E2 80 A2 (•).
            if !(0xE2..=0xE9).contains(&lead) && lead != 0xC2 {
                i += 1;
                continue;
            }
            if (0xE3..=0xE9).contains(&lead) && i + 2 < b.len() {
                // Decode the 3-byte sequence inline: the hot path.
                let u = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                if !char::from_u32(u).is_some_and(|c| t.surname_first.contains(c)) {
                    i += 3;
                    continue;
                }
            }
            let Some(c) = next_char(text, i) else {
                i += 1;
                continue;
            };
            let len = c.len_utf8();
            let after_dot = matches!(prev_char(text, i), Some('·' | '•'));
            // Pass over place names and frequent words whole, so their
            // second character starts no candidate (张家港 → 家港).
            if i >= last_end && t.surname_first.contains(c) {
                if let Some(skip) = word_or_place_len(t, text, i) {
                    last_end = i + skip;
                }
            }
            if i >= last_end
                && !after_dot
                && t.surname_first.contains(c)
                && !in_fixed(i)
                && !p.in_header_line(i)
            {
                // Compound surname first (欧阳娜娜), then single.
                let two = text.get(i..).and_then(|s| {
                    let mut it = s.char_indices();
                    it.next();
                    it.next().map(|(j, c2)| &s[..j + c2.len_utf8()])
                });
                let mut best: Option<Candidate> = None;
                if let Some(f) = two.and_then(|w| t.compound.get(w).map(|f| (w, *f))) {
                    best = evaluate(t, text, i, f.0, f.1.max(1.0));
                }
                if let Some(f) = t.single.get(&c) {
                    let single = evaluate(t, text, i, &text[i..i + len], *f);
                    if single.as_ref().map(|c| c.score) > best.as_ref().map(|c| c.score) {
                        best = single;
                    }
                }
                // A word or a place name is passed over whole, so its
                // second character (张家港 → 家港) is no candidate.
                if let Some(cand) = best.as_ref().filter(|c| c.score < 0.3) {
                    if cand
                        .checks
                        .iter()
                        .any(|c| matches!(*c, "-ordinary word" | "-place suffix" | "-place name"))
                    {
                        last_end = cand.end
                            + next_char(text, cand.end)
                                .filter(|c| is_place_suffix(*c))
                                .map_or(0, char::len_utf8);
                    }
                }
                if let Some(cand) = best.filter(|c| c.score >= 0.3) {
                    last_end = cand.end;
                    out.push(Finding {
                        kind: Kind::PersonName,
                        start: cand.start,
                        end: cand.end,
                        text: text[cand.start..cand.end].to_string(),
                        score: cand.score.clamp(0.0, 1.0),
                        evidence: crate::Evidence {
                            checks: cand.checks,
                            context: cand.context.map(str::to_string),
                        },
                    });
                }
            }
            // 3. Dotted transliterated names.
            if c == '·' || c == '•' {
                if let Some((s, e)) = dotted_name(text, i) {
                    out.push(finding(
                        p,
                        Kind::PersonName,
                        s,
                        e,
                        0.85,
                        &["transliterated name"],
                        None,
                    ));
                }
            }
            i += len;
        }
        // 4a. Names of any shape before a gender (`达瓦次仁，男，`).
        {
            for &pos in &genders {
                let mut s = pos;
                let mut n = 0;
                while let Some(c) =
                    prev_char(text, s).filter(|c| is_han(*c) || matches!(c, '·' | '•'))
                {
                    if n == 6 {
                        break;
                    }
                    s -= c.len_utf8();
                    n += 1;
                }
                if !(2..=6).contains(&n) || p.in_header_line(s) {
                    continue;
                }
                // Strip a role word that stands before the name.
                let mut start = s;
                for w in ROLE_BEFORE {
                    if text[s..pos].starts_with(w) && pos - s > w.len() + 3 {
                        start = start.max(s + w.len());
                    }
                }
                let v = &text[start..pos];
                if v.chars().count() >= 2
                    && !NOT_NAME_PARTS.iter().any(|w| v.contains(w))
                    && !v.chars().any(is_mask)
                    && !t.words.contains_key(v)
                {
                    out.push(finding(
                        p,
                        Kind::PersonName,
                        start,
                        pos,
                        0.85,
                        &["name before gender"],
                        None,
                    ));
                }
            }
        }
        // 4. Names without a listed surname after a strict role word.
        {
            for &(pos, w) in &roles {
                let mut j = pos + w.len();
                while let Some(c) = next_char(text, j).filter(|c| matches!(c, '：' | ':' | ' ')) {
                    j += c.len_utf8();
                }
                if j == pos + w.len() && w != "户主" {
                    continue; // 姓名张三 without a colon is rare; 姓名表 is no name
                }
                if p.in_header_line(j) {
                    continue;
                }
                if let Some((s, e)) = name_after_role(text, j) {
                    // Two- and three-character names with a surname are the
                    // surname path's; four characters (阿依古丽) or no
                    // surname (扎西多吉) are this one's.
                    let four = text[s..e].chars().count() == 4;
                    if four || next_char(text, s).is_some_and(|c| !t.surname_first.contains(c)) {
                        out.push(finding(
                            p,
                            Kind::PersonName,
                            s,
                            e,
                            0.9,
                            &["after role word"],
                            Some(w),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Kind, Scanner};

    /// Names as the scanner reports them (overlaps resolved).
    fn names(t: &str) -> Vec<String> {
        let s = Scanner::builder()
            .kinds([Kind::PersonName])
            .build()
            .unwrap();
        s.scan(t).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn names_with_context() {
        assert_eq!(names("申请人：王建国，男，汉族"), vec!["王建国"]);
        assert_eq!(names("户主张三"), vec!["张三"]);
        assert_eq!(names("经办人李敏负责此事"), vec!["李敏"]);
        assert_eq!(names("欧阳娜娜同志"), vec!["欧阳娜娜"]);
        assert_eq!(names("当事人：买买提·艾力，男"), vec!["买买提·艾力"]);
        assert_eq!(names("姓名：阿依古丽，女"), vec!["阿依古丽"]);
    }

    #[test]
    #[ignore = "debugging aid: prints candidate scores"]
    fn debug_scores() {
        let t = crate::dict::name_tables();
        for (text, sur) in [
            ("（九）彭新，住霍邱县", "彭"),
            ("6. 黄家兰，住霍邱县", "黄"),
            ("经审核，操志强等20户", "操"),
        ] {
            let i = text.find(sur).unwrap();
            let f = t
                .single
                .get(&sur.chars().next().unwrap())
                .copied()
                .unwrap_or(0.0);
            let c = super::evaluate(t, text, i, sur, f);
            println!(
                "{text}: {:?}",
                c.map(|c| (text[c.start..c.end].to_string(), c.score, c.checks))
            );
        }
        println!(
            "raw: {:?}",
            crate::detectors::found(&super::PersonName, "经审核，操志强等20户符合")
        );
        for text in [
            "经审核，操志强等20户符合",
            "1. 操志强，住安徽省六安市金寨",
            "15．公孙敏云，女，1994年3月",
            "经营者：常德明\n经营场所",
            "审核人：周玉峰    财政所长",
        ] {
            let s = crate::Scanner::new();
            println!(
                "{text}: {:?}",
                s.scan(text)
                    .iter()
                    .map(|f| (f.kind, f.text.clone(), f.score))
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn table_column() {
        let t = "序号\t姓名\t性别\n1\t扎西多吉\t男\n2\t刘洋\t女\n";
        let mut n = names(t);
        n.dedup();
        assert!(
            n.contains(&"扎西多吉".to_string()) && n.contains(&"刘洋".to_string()),
            "{n:?}"
        );
    }

    #[test]
    fn masked_names_are_not_names() {
        for t in [
            "户主：张*",
            "户主：张**",
            "申请人欧阳*娜",
            "当事人王某某",
            "李某",
            "王某",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn words_and_places_are_not_names() {
        for t in [
            "领导高度重视，全面推动工作",
            "要马上行动，完成任务",
            "发放金额合计万元",
            "马店镇、龙潭村、李家庄、张家港、王府井",
            "户胡、龙潭、乌龙、马店、冯瓴、白莲、河口、城关8个乡镇",
            "严格执行文件规定，明确方向",
            "于是林业部门加强黄金周年检",
            "各行业主管部门要加强指导",
            "惠民政策及专项资金等信息",
            "对低保、特困、临时救助等公示名单",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }
}
