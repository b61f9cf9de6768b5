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

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

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
    // Forms space the label out to the width of four characters.
    "姓　名",
    "姓　　名",
    "姓 名",
    "姓  名",
    "姓   名",
    "户主",
    "申请人",
    "当事人",
    "嘎查达",
    "审　判　长",
    "审　判　员",
    "书　记　员",
    "审 判 长",
    "审 判 员",
    "书 记 员",
    "甲方",
    "乙方",
    "承包方",
    "发包方",
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
    "代领人",
    "安全员",
    "管理员",
    "联络员",
    "信息员",
    "协管员",
    "护林员",
    "保洁员",
    "保管员",
    "统计员",
    "宣传员",
    "监督员",
    "辅警",
    "协警",
    "村医",
    "合伙人",
    "执行事务合伙人",
    "审核",
    "复核",
    "校对",
    "烈士",
    "其孙",
    "其孙子",
    "其孙女",
    "牧民",
    "护士",
    "违法行为人",
    "行为人",
    "购机者",
    "执法人员",
    "介绍人",
    "责任编辑",
    "编辑",
    "记者",
    "通讯员",
    "主持人",
    "代理审判员",
    "法官助理",
    "执行员",
    "县领导",
    "市领导",
    "承包人",
    "发包人",
    "经手人",
    "队员",
    "工作人员",
    "记录",
    "种植户",
    "养殖户",
    "大户",
    "能手",
    "驻村干部",
    "所有人",
    "旅客",
    "店员",
    "被处罚人",
    "兽医",
    "司机",
    "医生",
    "会计",
    "法官",
    "承办法官",
    "传承人",
    "叔父",
    "伯父",
    "舅舅",
    "祖父",
    "祖母",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "侄子",
    "侄女",
    "外甥",
    "组长",
    "照料人",
    "个体户",
    "工程师",
    "监理工程师",
    "长子",
    "次子",
    "长女",
    "次女",
    "孙子",
    "孙女",
    "儿媳",
    "女婿",
    "参保人",
    "已故",
    "主管人员",
    "村支书",
    "支书",
    // Court documents space out the signatures: 审　判　长　吴建成.
    "审　判　长",
    "审　判　员",
    "书　记　员",
    "审 判 长",
    "审 判 员",
    "书 记 员",
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
    "\n男\n",
    "\n女\n",
    "\u{3000}男",
    "\u{3000}女",
    "副县长",
    "代表",
    "，性别",
    "，身份证",
    "，公民身份",
    "的身份证",
    "的公民身份",
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
    "（住",
    "(住",
    "（现住",
    "（家住",
    "（户籍",
    "，户籍",
    "（联系电话",
    "（电话",
    "（手机",
    "得票",
    "，救助",
    "（审判员",
    "（审判长",
    "（书记员",
    "（陪审员",
    "（人民陪审员",
];

/// Characters after which a candidate is a place or an organization:
/// 马店镇, 龙潭村, 李家庄, 张家港, 王府井街.
const PLACE_SUFFIX: &str = "省市县区镇乡村庄屯寨集店铺湾港河湖山岭桥路街巷道坊园城堡营关口渡坝塘埠岗圩洼沟坪垸场站厂矿局院所校馆社队组委办司厅部处科行府寺庙楼阁宫井池洲岛滩州旗盟里弄区坞";

/// Characters that end a given name: function words and verbs that
/// commonly follow a name in prose.
const STOP: &str = "的了是在和与及等为于对将把被向从到说讲指称要已也都就还又并而且或之其同您你我他她它们这那有无不没会能可应该去来上下中内外年月日时分号元个名人位次届第县市区镇乡村组省局因";

/// Titles: a surname followed by one is a way of addressing someone
/// (王主任, 张科长), not a name.
const TITLES: &[&str] = &[
    "主任",
    "科长",
    "市长",
    "区长",
    "省长",
    "州长",
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
const FUNCTION_SURNAMES: &str = "应于向从以和与及对把被让在为自其但所而将由经";

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
    "法庭",
    "派出所",
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

fn is_place_suffix(c: char) -> bool {
    sets().place.contains(c)
}

/// Where the person detector's fixed anchors occur: role words that may
/// precede a surname-less name, gender patterns and fixed terms, found in
/// the main pass (leftmost, longest, not overlapping one another).
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

/// The Han blocks (U+3400..U+9FFF), indexed from their first code point.
const HAN_BASE: u32 = 0x3400;
const HAN_LEN: usize = (0xA000 - HAN_BASE) as usize;
/// A character that starts a surname.
const SURNAME: u8 = 1;
/// A character that starts an anchor ([`Anchor`]).
const ANCHOR: u8 = 2;
/// A character that starts a Tibetan, Mongolian or Yi name element.
const MINORITY: u8 = 4;

/// The first two characters of a set of words, as bits of their hash: no
/// false negatives and few false positives, so most string lookups of a
/// candidate are answered without hashing the string.
struct PairFilter {
    bits: Vec<u64>,
}

const PAIR_BITS: u32 = 20;

impl PairFilter {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; (1 << PAIR_BITS) / 64];
        for w in words {
            let mut cs = w.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                let k = Self::slot(a, b);
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        PairFilter { bits }
    }

    #[inline]
    fn slot(a: char, b: char) -> usize {
        let k =
            ((u64::from(a as u32) << 32) | u64::from(b as u32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (k >> (64 - PAIR_BITS)) as usize
    }

    /// May a word of the set start with `a`, `b`?
    #[inline]
    fn may_start(&self, a: char, b: char) -> bool {
        let k = Self::slot(a, b);
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

/// [`PairFilter`] of the place names ([`dict::places`]).
fn place_pairs() -> &'static PairFilter {
    static P: OnceLock<PairFilter> = OnceLock::new();
    P.get_or_init(|| {
        let places = dict::places();
        PairFilter::new(places.full.iter().chain(places.short.iter()).copied())
    })
}

/// The two-character words of [`NameTables::words`] with their
/// frequencies, in one open-addressing table: a lookup is a multiply and,
/// mostly, one slot.
struct PairFreq {
    /// (packed pair, frequency); the key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    mask: usize,
    shift: u32,
}

impl PairFreq {
    fn new(t: &NameTables) -> Self {
        let pairs: Vec<(u64, u32)> = t.words.pairs().collect();
        let bits = (pairs.len() * 3)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mask = (1usize << bits) - 1;
        let mut m = PairFreq {
            slots: vec![(0, 0); mask + 1],
            mask,
            shift: 64 - bits,
        };
        for (k, v) in pairs {
            let mut h = m.slot(k);
            while m.slots[h].0 != 0 {
                h = (h + 1) & mask;
            }
            m.slots[h] = (k, v);
        }
        m
    }

    #[inline]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// [`dict::WordMap::get2`] of the words.
    #[inline]
    fn get(&self, a: char, b: char) -> Option<u32> {
        let k = (u64::from(a as u32) << 32) | u64::from(b as u32);
        let mut h = self.slot(k);
        loop {
            let (key, v) = *self.slots.get(h)?;
            if key == k {
                return Some(v);
            }
            if key == 0 {
                return None;
            }
            h = (h + 1) & self.mask;
        }
    }
}

/// Per-character facts and word indexes for the hot loop, built once.
struct Fast {
    /// The two-character words ([`PairFreq`]).
    words: PairFreq,
    /// [`PairFilter`] of the known and the ambiguous names.
    name_pairs: PairFilter,
    /// [`PairFilter`] of the minority name elements.
    minority_pairs: PairFilter,
    /// [`SURNAME`] and [`ANCHOR`] bits of each Han character.
    flags: Vec<u8>,
    /// The three-byte characters the main loop stops at (Han characters
    /// with [`flags`](Fast::flags), `，`, `（`, `•`): bit `b2 & 0x3F` of
    /// entry `(b0 & 0x0F) << 6 | (b1 & 0x3F)`, for bytes `b0 b1 b2`.
    stop3: Box<[u64; 1024]>,
    /// [`given_score`] of each Han character.
    given: Vec<f32>,
    /// Last characters of role words ([`role_before`]): Han, others.
    role_last: dict::HanSet,
    role_last_other: Vec<char>,
    /// First characters of words after a name ([`after_word`]).
    after_first: dict::HanSet,
    after_first_other: Vec<char>,
    /// First characters of compound surnames.
    compound_first: dict::HanSet,
    /// Titles by their first character (all Han).
    title_first: dict::HanSet,
    titles: HashMap<char, Vec<&'static str>>,
    /// Anchor patterns by their first character, longest first.
    anchors: HashMap<char, Vec<(&'static str, Anchor)>>,
}

fn fast() -> &'static Fast {
    static F: OnceLock<Fast> = OnceLock::new();
    F.get_or_init(|| {
        let t = dict::name_tables();
        let mut flags = vec![0u8; HAN_LEN];
        let mut given = vec![-0.5f32; HAN_LEN];
        for (k, (f, g)) in flags.iter_mut().zip(given.iter_mut()).enumerate() {
            if let Some(c) = char::from_u32(HAN_BASE + k as u32) {
                if t.surname_first.contains(c) {
                    *f |= SURNAME;
                }
                if t.given.get(&c).is_some() {
                    *g = given_score(t, c);
                }
            }
        }
        let mut anchors: HashMap<char, Vec<(&'static str, Anchor)>> = HashMap::default();
        let pats = ROLE_STRICT
            .iter()
            .map(|w| (*w, Anchor::Role(w)))
            .chain(GENDER.iter().map(|w| (*w, Anchor::Gender)))
            .chain(FIXED_TERMS.iter().map(|w| (*w, Anchor::Fixed)));
        for (w, k) in pats {
            if let Some(c) = w.chars().next() {
                anchors.entry(c).or_default().push((w, k));
                if is_han(c) {
                    flags[(c as u32 - HAN_BASE) as usize] |= ANCHOR;
                }
            }
        }
        for v in anchors.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        for w in dict::minority_name_parts().keys() {
            if let Some(c) = w.chars().next().filter(|c| is_han(*c)) {
                flags[(c as u32 - HAN_BASE) as usize] |= MINORITY;
            }
        }
        let mut titles: HashMap<char, Vec<&'static str>> = HashMap::default();
        for w in TITLES {
            if let Some(c) = w.chars().next() {
                titles.entry(c).or_default().push(w);
            }
        }
        let split = |keys: Vec<char>| {
            let other = keys.iter().copied().filter(|c| !is_han(*c)).collect();
            (dict::HanSet::new(keys), other)
        };
        let (role_last, role_last_other) = split(index().role_by_last.keys().copied().collect());
        let (after_first, after_first_other) =
            split(index().after_by_first.keys().copied().collect());
        let mut stop3 = Box::new([0u64; 1024]);
        let stops = flags
            .iter()
            .enumerate()
            .filter(|(_, fl)| **fl != 0)
            .filter_map(|(k, _)| char::from_u32(HAN_BASE + k as u32))
            .chain(['，', '（', '•', '‧', '・', '、', '\u{3000}', '：']);
        for c in stops {
            let mut buf = [0u8; 4];
            if let [b0, b1, b2] = *c.encode_utf8(&mut buf).as_bytes() {
                stop3[(usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F)] |= 1 << (b2 & 0x3F);
            }
        }
        Fast {
            words: PairFreq::new(t),
            stop3,
            name_pairs: PairFilter::new(t.known_names.iter().chain(t.ambiguous.iter()).copied()),
            minority_pairs: PairFilter::new(dict::minority_name_parts().keys().copied()),
            flags,
            given,
            role_last,
            role_last_other,
            after_first,
            after_first_other,
            compound_first: dict::HanSet::new(
                dict::surnames()
                    .compound
                    .iter()
                    .filter_map(|w| w.chars().next()),
            ),
            title_first: dict::HanSet::new(titles.keys().copied()),
            titles,
            anchors,
        }
    })
}

/// Does `s`, whose first character is the Han character `first`, start
/// with a title (主任, 科长 …)?
#[inline]
fn title_at(f: &Fast, s: &str, first: char) -> bool {
    f.title_first.contains(first)
        && f.titles
            .get(&first)
            .is_some_and(|ws| ws.iter().any(|w| s.starts_with(w)))
}

/// The anchor starting at byte `i` (whose character is `c`), if any: its
/// byte length and kind.
#[inline]
fn anchor_at(f: &Fast, b: &[u8], i: usize, c: char) -> Option<(usize, Anchor)> {
    let rest = &b[i..];
    f.anchors
        .get(&c)?
        .iter()
        .find(|(w, _)| rest.starts_with(w.as_bytes()))
        .map(|(w, k)| (w.len(), *k))
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

/// The dots between the parts of a transliterated name: `·` (the
/// standard one), `•`, `‧` and `・` (typed by other input methods).
#[inline]
fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・')
}

#[inline]
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

/// [`given_score`] from the table for Han characters.
#[inline]
fn given_score_fast(f: &Fast, t: &NameTables, c: char) -> f32 {
    match (c as u32).checked_sub(HAN_BASE) {
        Some(k) if (k as usize) < HAN_LEN => f.given[k as usize],
        _ => given_score(t, c),
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
        // Signatures are spaced out to fill a line: 审 核 人：文静怡. The
        // spaced forms are made once and live as long as the program.
        for w in [
            "审核人",
            "复核人",
            "经办人",
            "制表人",
            "填表人",
            "负责人",
            "联系人",
            "审批人",
        ] {
            for sep in [" ", "\u{3000}"] {
                let spaced: String = w.chars().map(String::from).collect::<Vec<_>>().join(sep);
                let spaced: &'static str = Box::leak(spaced.into_boxed_str());
                role_by_last.entry('人').or_default().push(spaced);
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

/// [`role_before`], when `prev` is the character before `end`: most
/// characters neither end a role word nor may stand between one and the
/// name, and answer at once.
#[inline]
fn role_before_fast(f: &Fast, text: &str, end: usize, prev: Option<char>) -> Option<&'static str> {
    let pc = prev?;
    let maybe = if is_han(pc) {
        f.role_last.contains(pc) || pc == '为' || pc == '是'
    } else {
        matches!(pc, '：' | ':' | ' ' | '\u{3000}' | '\t') || f.role_last_other.contains(&pc)
    };
    if maybe {
        role_before(text, end)
    } else {
        None
    }
}

fn after_word(rest: &str) -> Option<&'static str> {
    let first = rest.chars().next()?;
    let found = index()
        .after_by_first
        .get(&first)?
        .iter()
        .copied()
        .find(|w| rest.starts_with(w));
    if found.is_some() || !matches!(first, ' ' | '\u{3000}' | '\t') {
        return found;
    }
    // A padded table column: `司马建华  男  159…`.
    let gender = rest.trim_start_matches([' ', '\u{3000}', '\t']);
    let mut cs = gender.chars();
    match (cs.next(), cs.next()) {
        (Some('男'), next) if next.is_none_or(|c| !is_han(c)) => Some(" 男"),
        (Some('女'), next) if next.is_none_or(|c| !is_han(c)) => Some(" 女"),
        _ => None,
    }
}

/// [`after_word`], when `first` is the first character of `rest`.
#[inline]
fn after_word_fast(f: &Fast, rest: &str, first: char) -> Option<&'static str> {
    let maybe = if is_han(first) {
        f.after_first.contains(first)
    } else {
        f.after_first_other.contains(&first)
    };
    if maybe {
        after_word(rest)
    } else {
        None
    }
}

/// The next char after byte `i`, if any.
fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char at byte `i` and its length, if any ([`next_char`], with
/// three-byte characters decoded directly).
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = text.as_bytes();
    if let Some(&[lead, b1, b2]) = b.get(i..i + 3) {
        if (0xE0..0xF0).contains(&lead) {
            let u =
                (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            if let Some(c) = char::from_u32(u) {
                return Some((c, 3));
            }
        }
    }
    match b.get(i) {
        Some(&lead) if lead < 0x80 => Some((char::from(lead), 1)),
        _ => char_at_slow(text, i),
    }
}

#[inline(never)]
fn char_at_slow(text: &str, i: usize) -> Option<(char, usize)> {
    next_char(text, i).map(|c| (c, c.len_utf8()))
}

/// The char before byte `i` ([`prev_char`], with ASCII and three-byte
/// characters decoded directly).
#[inline(always)]
fn char_before(text: &str, i: usize) -> Option<char> {
    let b = text.as_bytes();
    if i == 0 || i > b.len() {
        return None;
    }
    let last = b[i - 1];
    if last < 0x80 {
        return Some(char::from(last));
    }
    if i >= 3 && (0xE0..0xF0).contains(&b[i - 3]) {
        let u = (u32::from(b[i - 3] & 0x0F) << 12)
            | (u32::from(b[i - 2] & 0x3F) << 6)
            | u32::from(last & 0x3F);
        if let Some(c) = char::from_u32(u) {
            return Some(c);
        }
    }
    prev_char(text, i)
}

/// A cell-like boundary: start of line, tab, two spaces, a pipe — given
/// the character before.
fn boundary_before(prev: Option<char>) -> bool {
    matches!(
        prev,
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

/// The end of a name, given the character after it.
fn boundary_after_char(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => !is_han(c) && !is_name_dot(c),
    }
}

fn boundary_after(text: &str, i: usize) -> bool {
    boundary_after_char(next_char(text, i))
}

/// The evidence of a candidate, one bit each, in the order they are
/// reported.
const CHECKS: [&str; 14] = [
    "surname",
    "-ambiguous word",
    "known name",
    "role word before",
    "word after",
    "list",
    "stands alone",
    "-given part is a word",
    "-surname ends a word",
    "-given character opens a word",
    "-ordinary word",
    "-place suffix",
    "-place name",
    "-list of places",
];
const C_SURNAME: u16 = 1 << 0;
const C_AMBIGUOUS: u16 = 1 << 1;
const C_KNOWN: u16 = 1 << 2;
const C_ROLE: u16 = 1 << 3;
const C_AFTER: u16 = 1 << 4;
const C_LIST: u16 = 1 << 5;
const C_ALONE: u16 = 1 << 6;
const C_GIVEN_WORD: u16 = 1 << 7;
const C_SURNAME_ENDS: u16 = 1 << 8;
const C_OPENS: u16 = 1 << 9;
const C_ORDINARY: u16 = 1 << 10;
const C_PLACE_SUFFIX: u16 = 1 << 11;
const C_PLACE_NAME: u16 = 1 << 12;
const C_LIST_OF_PLACES: u16 = 1 << 13;
/// A word or a place: passed over whole even when no name.
const C_PASS_OVER: u16 = C_ORDINARY | C_PLACE_SUFFIX | C_PLACE_NAME;

/// The checks named by the bits of `checks`.
fn check_list(checks: u16) -> Vec<&'static str> {
    CHECKS
        .iter()
        .enumerate()
        .filter(|(k, _)| checks & (1 << k) != 0)
        .map(|(_, c)| *c)
        .collect()
}

/// [`check_list`] of `checks`, built once per combination and shared by
/// every finding that has it (a finding then allocates only its text).
fn static_check_list(checks: u16) -> &'static [&'static str] {
    const N: usize = 1 << CHECKS.len();
    type List = OnceLock<Box<[&'static str]>>;
    static LISTS: OnceLock<Box<[List]>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| (0..N).map(|_| OnceLock::new()).collect());
    lists[usize::from(checks) % N].get_or_init(|| check_list(checks).into_boxed_slice())
}

/// What a caller has read after a surname already: the character after
/// it, the one after that, and (single surnames) the frequency of the
/// word the surname makes with the first.
#[derive(Clone, Copy)]
struct Ahead {
    g1: Option<(char, usize)>,
    next: Option<(char, usize)>,
    w2: Option<Option<u32>>,
}

impl Ahead {
    /// The characters at `at` and after it, read from `text`.
    #[inline(always)]
    fn read(text: &str, at: usize) -> Self {
        let g1 = char_at(text, at);
        Ahead {
            g1,
            next: g1.and_then(|(_, len)| char_at(text, at + len)),
            w2: None,
        }
    }
}

struct Candidate {
    end: usize,
    score: f32,
    checks: u16,
    context: Option<&'static str>,
}

/// Scores the name whose surname is `text[start..s_end]` (one character
/// when `single`, else two; `sf` its first), with `prev` the character
/// before it (not a digit: the caller rejects those). `ahead` holds the
/// characters at `s_end` and after it, and, when known, the frequency of
/// the surname's first character with the first of them as a word.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    t: &NameTables,
    f: &Fast,
    text: &str,
    start: usize,
    s_end: usize,
    single: bool,
    sf: char,
    surname_freq: f32,
    prev: Option<char>,
    ahead: Ahead,
) -> Option<Candidate> {
    let (g1, g1_len) = ahead.g1?;
    if !is_han(g1) || is_mask(g1) {
        return None;
    }
    // 镇/县/村 as the first given character is a place (城关镇, 户胡镇).
    if matches!(
        g1,
        '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '组' | '旗'
    ) {
        return None;
    }
    let g1_end = s_end + g1_len;
    let next = ahead.next;
    // 欧阳*娜 has its mask after the surname; 张某某 too.
    if next.is_some_and(|(c, _)| is_mask(c)) {
        return None;
    }
    // Every rejection below is a pure test: the most selective and
    // cheapest of them (each repeated in its place further down) come
    // first.
    let s = sets();
    let g2 = next.filter(|(c, _)| is_han(*c));
    let g12_freq = g2.map_or(0, |(c, _)| f.words.get(g1, c).unwrap_or(0));
    let name_like = |c: char| t.given.get(&c).is_some_and(|p| *p >= 1000.0);
    if g12_freq >= 1000 && !name_like(g1) {
        return None;
    }
    // A role word that is no group noun right before: 被征收人向兰,
    // 监护人齐国强 (asked only where a doubt below would reject).
    let strong_role = || role_before_fast(f, text, start, prev).is_some_and(|w| !is_weak_role(w));
    // (当事人应自收到: 应 and 自 are function words, not a name.)
    let role_lifts =
        || !s.function.contains(g1) && given_score_fast(f, t, g1) >= 0.5 && strong_role();
    if single && s.function.contains(sf) && given_score_fast(f, t, g1) < 0.8 && !role_lifts() {
        return None;
    }
    // The surname closes a role word (甲方|马成虎, 户主|王强): the name
    // starts after it.
    if single
        && f.role_last.contains(sf)
        && role_before(text, s_end).is_some_and(|w| w.len() > sf.len_utf8())
    {
        return None;
    }
    // 向陈永生, 由唐成: the preposition before a name; 由原告抚养, 经学生
    // 家庭申请: before a word.
    if single
        && s.function.contains(sf)
        && (t.single.get(&g1).is_some_and(|q| *q >= 1.0) || (g12_freq >= 300 && !role_lifts()))
    {
        return None;
    }
    let prev_freq = prev
        .filter(|c| is_han(*c))
        .and_then(|pc| f.words.get(pc, sf))
        .unwrap_or(0);
    let role = if prev_freq >= 1000 {
        Some(role_before_fast(f, text, start, prev)?)
    } else {
        None
    };
    if title_at(f, &text[s_end..], g1) {
        return None;
    }
    // A frequent ordinary word (来信, 房屋, 大学) is never a name.
    // (黄家, 张家 are words too, but 家 is also a common given-name
    // character: 黄家兰, 周家豪.)
    let w2_freq = if single {
        ahead.w2.unwrap_or_else(|| f.words.get(sf, g1))
    } else {
        t.words.get(&text[start..g1_end]).copied()
    }
    .unwrap_or(0);
    if g1 != '家' && w2_freq >= 300 {
        return None;
    }
    // Choose two or three characters.
    // After the second given character: 郑成日，, 毕春来等, 高娃|经传票.
    let after_g2 = |len: usize| char_at(text, g1_end + len).map(|x| x.0);
    let take3 = g2.is_some_and(|(c, len)| {
        // 那王氏: an old-style married woman's name.
        if c == '氏' {
            return t.single.get(&g1).is_some();
        }
        // 高娃经本院传唤: a preposition opens the sentence after the name.
        if s.function.contains(c) && after_g2(len).is_some_and(is_han) {
            return false;
        }
        // Given names end in 日, 来, 年 (郑成日, 毕春来, 钟万年): taken
        // where the name visibly ends.
        let soft_stop = matches!(c, '日' | '来' | '年')
            && name_like(g1)
            && f.words.get(g1, c).is_none_or(|q| q < 100)
            && after_g2(len).is_none_or(|d| {
                let rest = &text[g1_end + len..];
                !is_han(d)
                    || after_word_fast(f, rest, d).is_some()
                    || title_at(f, rest, d)
                    || s.function.contains(d)
            });
        if soft_stop {
            return true;
        }

        !s.stop.contains(c)
            && (!s.place.contains(c) || nature_given_name(text, start, g1_end + len, c))
            && t.given.get(&c).is_some_and(|p| *p >= 30.0)
            && after_word_fast(f, &text[g1_end..], c)
                .is_none_or(|w| w == "家" || w == "户" || w == "等")
            && (!opens_word(f, text, g1_end + len, c) || counted_after(text, g1_end + len))
    });
    let (end, after_end) = match g2 {
        Some((_, len)) if take3 => (g1_end + len, char_at(text, g1_end + len).map(|x| x.0)),
        _ => (g1_end, next.map(|x| x.0)),
    };
    // `霍政〔2023〕`: the abbreviation before a document number.
    if after_end.is_some_and(|c| matches!(c, '〔' | '［' | '[' | '【')) {
        return None;
    }
    // 景宁畲族自治县, 大厂回族自治县, 孟连傣族拉祜族佤族自治县: a place.
    // (莫力达|瓦达斡尔族自治旗: up to five characters of the name between.)
    if text[end..]
        .char_indices()
        .skip(1)
        .take(5)
        .take_while(|(_, c)| is_han(*c))
        .any(|(k, c)| c == '族' && text[end + k + 3..].starts_with(['自', '乡']))
    {
        return None;
    }
    let cand = &text[start..end];
    let cand_freq = if take3 {
        t.words.get(cand).copied().unwrap_or(0)
    } else {
        w2_freq
    };
    if cand_freq >= 300 {
        return None;
    }
    // The given part, or its first character with the next, is a
    // frequent word (专项资金 → 资金, 主管部门 → 部门): no name, whatever
    // the context says.
    // Given names that are words too (建国, 红军, 文静) have characters
    // that are frequent in given names; 资金, 部门 do not.
    if g12_freq >= 1000 && (!name_like(g1) || (take3 && g2.is_some_and(|(c, _)| !name_like(c)))) {
        return None;
    }
    if single
        && s.function.contains(sf)
        && (given_score_fast(f, t, g1) < 0.8
            || (take3 && g2.is_some_and(|(c, _)| given_score_fast(f, t, c) < 0.8)))
        && !role_lifts()
    {
        return None;
    }
    let role = if prev_freq >= 1000 {
        role
    } else {
        role_before_fast(f, text, start, prev)
    };
    // 审核：周玉峰 signs a form; 审核后报 is prose.
    let role = role
        .filter(|w| !(matches!(*w, "审核" | "复核" | "校对" | "记录") && prev.is_some_and(is_han)));
    // 临时救助等: 时 closes the frequent word 临时; only a role word right
    // before overrules that.
    if role.is_none() && prev_freq >= 1000 {
        return None;
    }

    let mut checks = C_SURNAME;
    let mut score: f32 = 0.2;
    score += 0.15 * given_score_fast(f, t, g1);
    if let Some((c, _)) = g2.filter(|_| take3) {
        score += 0.15 * given_score_fast(f, t, c);
    }
    score += if surname_freq >= 5.0 {
        0.1
    } else if surname_freq >= 0.5 {
        0.05
    } else {
        -0.1
    };
    let after = after_end
        .and_then(|c| after_word_fast(f, &text[end..], c))
        .or_else(|| id_after(text, end).then_some("，身份证"))
        .or_else(|| place_in_brackets(text, end).then_some("（住"))
        .or_else(|| {
            // (An item of its own: 金|秋时节，走进…镇…村 is no name.)
            (prev.is_none_or(|c| !is_han(c))
                && text[end..]
                    .strip_prefix(['，', ','])
                    .is_some_and(place_after_comma))
            .then_some("，住")
        });
    // The candidate's first two characters, for the filters.
    let (p0, p1) = if single {
        (sf, g1)
    } else {
        (sf, char_at(text, start + sf.len_utf8()).map_or(g1, |x| x.0))
    };
    let name_maybe = f.name_pairs.may_start(p0, p1);
    if name_maybe
        && t.ambiguous.contains(cand)
        && !(role.is_some_and(|w| !is_weak_role(w))
            || after.is_some_and(|w| w != "家" && w != "等"))
    {
        score -= 0.3;
        checks |= C_AMBIGUOUS;
    }
    if name_maybe && t.known_names.contains(cand) {
        score += 0.15;
        checks |= C_KNOWN;
    }
    let mut context = None;
    let mut strong = false;
    if let Some(w) = role {
        // A noun for a group of people (居民, 学生) is often followed by
        // another noun (居民养老保险): it counts for less, and does not
        // lift the doubt on a name that is mostly a word (above).
        score += if is_weak_role(w) { 0.35 } else { 0.45 };
        strong = true;
        context = Some(w);
        checks |= C_ROLE;
    }
    if let Some(w) = after {
        // 家 and 户 follow places and words too (种养大户, 王家), 等 any
        // list (雷雨等恶劣天气): weak; but 等20名 counts people.
        let weak = (w == "家" || w == "户" || w == "等") && !counted_after(text, end);
        score += if weak { 0.15 } else { 0.35 };
        strong |= !weak;
        context = context.or(Some(w));
        checks |= C_AFTER;
    } else if take3
        && cand_freq == 0
        && w2_freq < 20
        && speech_after(&text[end..]).is_some_and(|w| {
            // One character (以, 未, 于) says less: the given name must
            // look like one (牛只后|未 does not).
            !matches!(w, "以" | "未" | "于" | "已" | "系")
                || (given_score_fast(f, t, g1) >= 0.5
                    && g2.is_some_and(|(c, _)| given_score_fast(f, t, c) >= 0.5))
        })
    {
        // What people do in reports: 刘建华强调, 古志强介绍 (three
        // characters only: 会议强调 is no name).
        score += 0.2;
        checks |= C_AFTER;
    }
    // `一、林长制工作` numbers a heading: no list.
    let heading = prev == Some('、')
        && prev_char(text, start - '、'.len_utf8())
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let listed = (prev == Some('、') && !heading) || after_end == Some('、');
    if listed {
        score += 0.2;
        checks |= C_LIST;
    }
    if boundary_before(prev) && boundary_after_char(after_end) {
        score += 0.15;
        checks |= C_ALONE;
    }
    if !strong {
        // The given part is a word (师范大学 → 范大学), or the surname
        // closes a word with the character before it (师范).
        if take3 && g12_freq >= 100 {
            // A given name that is also a county's name (建平, 永福, 长顺)
            // is a common given name, not a word that runs on.
            let given_place = g12_freq < 1000 && dict::places().short.contains(&text[s_end..end]);
            score -= if given_place { 0.1 } else { 0.35 };
            checks |= C_GIVEN_WORD;
        }
        if prev_freq >= 100 {
            score -= 0.4;
            checks |= C_SURNAME_ENDS;
        }
        // `应自觉`: the first given character opens a word with the next.
        if !take3 && g12_freq >= 300 {
            score -= 0.3;
            checks |= C_OPENS;
        }
    }
    let word_freq = w2_freq.max(cand_freq);
    // A frequent word whose given part holds no given-name character
    // (县长信箱 → 信箱) is that word, whatever stands around it.
    if word_freq >= 50
        && given_score_fast(f, t, g1) < 0.0
        && g2
            .filter(|_| take3)
            .is_none_or(|(c, _)| given_score_fast(f, t, c) < 0.0)
    {
        return None;
    }
    if word_freq >= 3 {
        score -= if strong {
            0.15
        } else if word_freq >= 50 {
            0.5
        } else {
            0.3
        };
        checks |= C_ORDINARY;
    }
    // (金普|新区, 普湾|经济区: a district's two-character suffix.)
    if (after_end.is_some_and(|c| s.place.contains(c) && !suffix_opens_word(f, text, end, c))
        || (after_end.is_some_and(|c| matches!(c, '新' | '经' | '开'))
            && ["新区", "经济区", "开发区"]
                .iter()
                .any(|w| text[end..].starts_with(w))))
        && after.is_none()
    {
        score -= 0.8;
        checks |= C_PLACE_SUFFIX;
    }
    // cand and w2 start with the same two characters.
    if place_pairs().may_start(p0, p1) {
        let places = dict::places();
        let w2 = &text[start..g1_end];
        let whole = places.short.contains(cand) || places.full.contains(cand);
        if whole || places.short.contains(w2) {
            // A weak role word (村民武建平) still says a person follows;
            // a place that is only the first two of three characters
            // (江海|潮) says less than a whole one.
            let context = strong || role.is_some();
            score -= match (whole || !take3, context) {
                (true, true) => 0.3,
                (true, false) => 0.8,
                (false, true) => 0.15,
                (false, false) => 0.4,
            };
            checks |= C_PLACE_NAME;
        }
    }
    // The candidate opens a longer place name (呼伦贝|尔市, 苏尼特|左旗).
    if score >= 0.3 && place_pairs().may_start(p0, p1) {
        let places = dict::places();
        let mut e = end;
        for _ in 0..2 {
            match char_at(text, e).filter(|(c, _)| is_han(*c)) {
                Some((_, l)) => e += l,
                None => break,
            }
            if e - start >= 12
                && (places.short.contains(&text[start..e]) || places.full.contains(&text[start..e]))
            {
                score -= 0.8;
                checks |= C_PLACE_NAME;
                break;
            }
        }
    }
    // Three characters shaped like a name: both given characters are
    // frequent in given names and nothing says otherwise (温淑芬本人).
    if take3
        && checks & (C_PASS_OVER | C_AMBIGUOUS | C_GIVEN_WORD | C_SURNAME_ENDS | C_OPENS) == 0
        && given_score_fast(f, t, g1) >= 0.7
        && g2.is_some_and(|(c, _)| given_score_fast(f, t, c) >= 0.7)
    {
        score += 0.1;
    }
    // A list of places (户胡、龙潭、马店等8个乡镇; 东鱼河、万福河沿线).
    let places_listed = || {
        let next_ends_like_place = text[end..]
            .strip_prefix('、')
            .is_some_and(|r| r.chars().skip(1).take(3).any(is_place_suffix));
        list_of_places(text, end)
            || (take3
                && is_place_suffix(text[..end].chars().next_back().unwrap_or(' '))
                && next_ends_like_place)
    };
    if listed && places_listed() {
        score -= 0.6;
        checks |= C_LIST_OF_PLACES;
    }
    // The candidate and the characters after it are a four-character
    // word (封山育|林 → 封山育林, 蒲花|暗河 → 蒲花暗河).
    if score >= 0.3 && !strong {
        let mut e4 = end;
        for _ in 0..(if take3 { 1 } else { 2 }) {
            if let Some((_, l)) = char_at(text, e4).filter(|(c, _)| is_han(*c)) {
                e4 += l;
            }
        }
        if e4 - start == 12 && t.words.get(&text[start..e4]).is_some_and(|q| *q >= 20) {
            score -= 0.5;
            checks |= C_ORDINARY;
        }
    }
    // The character before and the candidate's first two make a word
    // (格|桑花开 → 格桑花), or the two before and the surname (格桑|花开):
    // the candidate starts inside it.
    if score >= 0.3 && !strong {
        if let Some(pc) = prev.filter(|c| is_han(*c)) {
            let mut buf = [0u8; 12];
            let pl = pc.encode_utf8(&mut buf).len();
            let w = &text[start..g1_end];
            buf[pl..pl + w.len()].copy_from_slice(w.as_bytes());
            // Or the two characters before and the surname (格桑|花开).
            let p2 = prev_char(text, start - pl)
                .filter(|c| is_han(*c))
                .map(|c| &text[start - pl - c.len_utf8()..start + sf.len_utf8()]);
            let is_word = |w3: &str| t.words.get(w3).is_some_and(|q| *q >= 20);
            // Or the character before and all three (立|查立改).
            let p4 = take3.then(|| &text[start - pl..end]);
            if std::str::from_utf8(&buf[..pl + w.len()]).is_ok_and(is_word)
                || p2.is_some_and(is_word)
                || p4.is_some_and(is_word)
            {
                score -= 0.4;
                checks |= C_SURNAME_ENDS;
            }
        }
    }
    // Evidence after the candidate only, and its surname closes a frequent
    // word with the character before (承包|方代表): the word's end.
    if score >= 0.3 && strong && role.is_none() {
        if let Some(pc) = prev.filter(|c| is_han(*c)) {
            let w = &text[start - pc.len_utf8()..start + sf.len_utf8()];
            // Or with the first given character (经|纪人，住).
            let w3 = &text[start - pc.len_utf8()..g1_end];
            if t.words.get(w).is_some_and(|q| *q >= 300)
                || t.words.get(w3).is_some_and(|q| *q >= 20)
            {
                score -= 0.4;
                checks |= C_SURNAME_ENDS;
            }
        }
    }
    // The organization test reads ahead; only candidates that would be
    // reported pay for it.
    if score >= 0.3 && (followed_by_org(text, end) || followed_by_org(text, g1_end)) {
        return None;
    }
    Some(Candidate {
        end,
        score,
        checks,
        context,
    })
}

/// A village and its group (or house number) after a comma: `1.金顺女，
/// 东盛涌镇仁化村3组，` names where the person lives.
fn place_after_comma(rest: &str) -> bool {
    let inner = rest
        .char_indices()
        .take(20)
        .take_while(|(_, c)| is_han(*c) || c.is_ascii_digit())
        .last()
        .map_or("", |(k, c)| &rest[..k + c.len_utf8()]);
    let after = rest[inner.len()..].chars().next();
    inner.chars().count() >= 5
        && after.is_none_or(|c| matches!(c, '，' | ',' | '；' | '。' | '\n' | '（'))
        && ["镇", "乡", "街道"].iter().any(|w| inner.contains(w))
        && ["村", "组", "社区", "嘎查", "号", "屯"]
            .iter()
            .any(|w| inner.ends_with(w))
}

/// Does a bracket with a place in it follow `end` (`周建设（固墙镇周楼村
/// 一组）`, `陈家旺（麻城市宋埠镇…`): where the person lives?
fn place_in_brackets(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(['（', '(']) else {
        return false;
    };
    let inner = rest
        .char_indices()
        .take(20)
        .take_while(|(_, c)| !matches!(c, '）' | ')' | '\n'))
        .last()
        .map_or("", |(k, c)| &rest[..k + c.len_utf8()]);
    inner.chars().count() >= 3
        && inner.chars().all(|c| is_han(c) || c.is_ascii_digit())
        && ["镇", "乡", "村", "街道", "社区", "组", "嘎查"]
            .iter()
            .any(|w| inner.contains(w))
}

/// Does `text[at..]` count people after a list (`等20名`, `等3人`,
/// `等十二户`)?
fn counted_after(text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix('等') else {
        return false;
    };
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百两".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    digits > 0 && rest[digits..].starts_with(['人', '名', '户', '位'])
}

/// Does an ID number follow `end` after one delimiter (a row of a table
/// whose columns are split by `，`: `2，应春花，332603194…`)?
fn id_after(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let skip = match b.get(end) {
        Some(b',' | b' ' | b'\t') => 1,
        Some(0xEF) if b.get(end + 1..end + 3) == Some(&[0xBC, 0x8C]) => 3,
        _ => return false,
    };
    let digits = b
        .get(end + skip..)
        .unwrap_or_default()
        .iter()
        .take(18)
        .take_while(|c| c.is_ascii_digit())
        .count();
    digits >= 15
}

/// Does `rest` open with a verb that reports what a person said or did
/// (表示, 强调, 介绍, 主持 …)?
fn speech_after(rest: &str) -> Option<&'static str> {
    // Conjunctions and words that open with those verbs: 云闪付以及.
    if [
        "以及", "以上", "以下", "以来", "以后", "以前", "以外", "以内", "以便", "以免", "未来",
        "于是",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
    {
        return None;
    }
    [
        "表示",
        "强调",
        "指出",
        "介绍",
        "说",
        "称",
        "主持",
        "汇报",
        "出席",
        "陪同",
        "驾驶",
        "反映",
        "因",
        "本人",
        "的汇报",
        "的发言",
        "讲话",
        "发言",
        "一行",
        // What the parties of notices and decisions do.
        "以",
        "未",
        "于",
        "已",
        "系",
        "擅自",
        "拒不",
        "私自",
        "违规",
        "自行",
        "申请",
        "放弃",
        "自愿",
        "签订",
        "兄弟",
        "姐妹",
        "二人",
        "两人",
        "之子",
        "之女",
        "之妻",
        "之夫",
        "夫妻",
        "现年",
        "今年",
        "年满",
    ]
    .iter()
    .copied()
    .find(|w| rest.starts_with(w))
}

/// Is `text[start..end]`, whose last character `c` also ends place names
/// (山, 河, 城 …), a given name for all that (宫长河, 李占山, 王金城)?
/// Mountains, rivers and towns are common last given characters; the
/// name must not be a known place (马鞍山, 张家港).
fn nature_given_name(text: &str, start: usize, end: usize, c: char) -> bool {
    if !matches!(
        c,
        '山' | '河' | '湖' | '岭' | '桥' | '城' | '洲' | '岛' | '坪' | '园' | '营' | '关' | '堡'
    ) {
        return false;
    }
    let cand = &text[start..end];
    let places = dict::places();
    let two = &cand[..cand.len() - c.len_utf8()];
    // 李家山, 王家河: a family's place.
    !two.ends_with('家')
        && dict::name_tables()
            .given
            .get(&c)
            .is_some_and(|p| *p >= 300.0)
        && !places.full.contains(cand)
        && !places.short.contains(cand)
        && !places.short.contains(two)
}

/// Does the character `c`, ending at byte `at`, open a frequent word with
/// the character after it (文明程度 → 程度, 田野丰收 → 丰收)?
#[inline]
/// Does `c` end the name of an administrative division or settlement
/// (马店镇, 李家庄, 王集)?
fn is_division_suffix(c: char) -> bool {
    matches!(
        c,
        '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '庄' | '屯' | '寨' | '集'
    )
}

/// Does the place suffix `c` at `at` open a word with the character after
/// it (高瑞峰|处以, 乔飞|口头, 任湘江|关于)? Then it is that word, not a
/// place's end; 镇, 村 and the other division suffixes stay places
/// (马店镇政府), and so do offices before a title (局长).
fn suffix_opens_word(f: &Fast, text: &str, at: usize, c: char) -> bool {
    !is_division_suffix(c) && opens_word(f, text, at + c.len_utf8(), c)
        // 局长, 组长: a title (分管副局长), the place suffix's office.
        && next_char(text, at + c.len_utf8()) != Some('长')
}

fn opens_word(f: &Fast, text: &str, at: usize, c: char) -> bool {
    char_at(text, at)
        .filter(|(nc, _)| is_han(*nc))
        .is_some_and(|(nc, _)| f.words.get(c, nc).is_some_and(|fq| fq >= 100))
}

/// Is the text from `end` up to the next delimiter an organization's
/// name (安徽金泰建材有限公司)?
fn followed_by_org(text: &str, end: usize) -> bool {
    let rest = &text[end..crate::context::floor_char_boundary(text, end + 45)];
    let stop = rest
        .find(['，', '。', '；', '、', '\n', '：', '（', '(', ' ', '\t'])
        .unwrap_or(rest.len());
    let seg = &rest[..stop];
    // 刘志伟系公司唯一股东: 系 says what the person is.
    if seg.starts_with(['系', '是', '为']) {
        return false;
    }
    let seg = seg.split('系').next().unwrap_or(seg);
    static ORG: OnceLock<AhoCorasick> = OnceLock::new();
    // The words between the name and the organization word are the rest
    // of the organization's name (金泰建材有限公司), not a clause: no
    // function word or verb-like stop character stands in them
    // (李春华驾驶挂靠于被告恒通公司).
    any_word(&ORG, ORG_WORDS).find(seg).is_some_and(|m| {
        let s = sets();
        seg[..m.start()]
            .chars()
            .all(|c| !s.stop.contains(c) && !s.function.contains(c))
    })
}

/// One automaton for a word list, built once: `is_match` costs one pass
/// where `words.iter().any(|w| s.contains(w))` costs one per word.
fn any_word(cell: &'static OnceLock<AhoCorasick>, words: &[&str]) -> &'static AhoCorasick {
    cell.get_or_init(|| AhoCorasick::new(words).expect("valid patterns"))
}

/// Does `s` hold one of [`NOT_NAME_PARTS`]?
fn has_not_name_part(s: &str) -> bool {
    static PARTS: OnceLock<AhoCorasick> = OnceLock::new();
    any_word(&PARTS, NOT_NAME_PARTS).is_match(s)
}

/// The byte length of the place name (张家港, 李家庄: surname, one
/// character, a place suffix) or frequent word (张家) starting at `i`,
/// whose first character is the three-byte `c` and whose next ones are
/// in `ahead` (whose word frequency this fills in when it looks it up).
#[inline]
fn word_or_place_len(
    t: &NameTables,
    f: &Fast,
    text: &str,
    i: usize,
    c: char,
    ahead: &mut Ahead,
) -> Option<usize> {
    let (c1, len1) = ahead.g1?;
    let w2_end = 3 + len1;
    if let Some((c2, len2)) = ahead.next {
        if is_han(c1)
            && is_place_suffix(c2)
            && !suffix_opens_word(f, text, i + w2_end, c2)
            && !title_at(f, &text[i + 3..], c1)
            && !nature_given_name(text, i, i + w2_end + len2, c2)
        {
            return Some(w2_end + len2);
        }
    }
    if c1 == '家' {
        return None;
    }
    let w2 = f.words.get(c, c1);
    ahead.w2 = Some(w2);
    if w2.is_none_or(|f| f < 300) {
        return None;
    }
    // After a role word the word may be a name's start (监护人齐国强),
    // not a place's (当事人安徽金泰…有限公司).

    if f.compound_first.contains(c) && t.compound.get2(c, c1).is_some() {
        return None;
    }
    Some(w2_end)
}

/// Does the 、-list that continues at `from` end in 乡镇/村/单位 …?
fn list_of_places(text: &str, from: usize) -> bool {
    let tail = &text[from..crate::context::floor_char_boundary(text, from + 120)];
    let end = tail.find(['。', '，', '；', '\n']).unwrap_or(tail.len());
    let seg = &tail[..end];
    static PLACES: OnceLock<AhoCorasick> = OnceLock::new();
    any_word(
        &PLACES,
        &[
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
            "流域",
            "等地",
            "自治县",
            "自治州",
        ],
    )
    .find_iter(seg)
    // 单位 and 部门 close a list after its 等 or a count (马店等8个单位),
    // not in a sentence (屈晓莉依法对你单位进行检查).
    .any(|m| {
        let head = &seg[..m.start()];
        !matches!(&seg[m.start()..m.end()], "单位" | "部门")
            || head.contains('等')
            || head.ends_with('个')
    })
}

/// A two-character name padded with one ideographic space at `sp`
/// (`邓　华`): a single surname before it and one given character after
/// it, each standing alone (a delimiter, not a Han character, outside),
/// the given character a real given-name character. Returns the end.
fn padded_name(t: &NameTables, f: &Fast, text: &str, sp: usize) -> Option<usize> {
    let (sur, _) = char_at(text, sp.checked_sub(3)?)?;
    t.single.get(&sur)?;
    if char_before(text, sp - 3).is_some_and(is_han) {
        return None;
    }
    let (g, len) = char_at(text, sp + 3)?;
    let end = sp + 3 + len;
    if !is_han(g)
        || next_char(text, end).is_some_and(is_han)
        || is_place_suffix(g)
        || sets().stop.contains(g)
    {
        return None;
    }
    if given_score_fast(f, t, g) < 0.5 || f.words.get(sur, g).is_some_and(|q| q >= 50) {
        return None;
    }
    Some(end)
}

/// One-syllable elements that end Amdo Tibetan names.
const TIBETAN_ENDS: [char; 6] = ['加', '吉', '措', '草', '太', '本'];

/// How many Tibetan or Mongolian name elements `run` splits into, all of
/// it (0 when it does not); a Yi clan name with a two-character given
/// name (沙马拉则) counts as two.
fn minority_elements(run: &str) -> usize {
    // Character ends, up to eight characters.
    let mut ends = [0usize; 8];
    let mut n = 0;
    for (i, c) in run.char_indices() {
        if n == 8 {
            return 0;
        }
        ends[n] = i + c.len_utf8();
        n += 1;
    }
    let first = minority_firsts();
    if !run.chars().next().is_some_and(|c| first.contains(c)) {
        return 0;
    }
    // Elements have two to five characters; a name one to three of them.
    fn split(run: &str, ends: &[usize], k: usize, depth: usize) -> usize {
        let at = if k == 0 { 0 } else { ends[k - 1] };
        if at == run.len() {
            return depth;
        }
        // Amdo Tibetan names end in a one-syllable element (才让加, 拉毛吉,
        // 卓玛措, 多杰太): it completes a name, it is no second element.
        if depth >= 1 && k + 1 == ends.len() && run[at..].starts_with(TIBETAN_ENDS) {
            return depth;
        }
        if depth == 3 {
            return 0;
        }
        let parts = dict::minority_name_parts();
        for len in 2..=5 {
            if let Some(&e) = ends.get(k + len - 1) {
                match parts.get(&run[at..e]) {
                    // A Yi clan name opens a name: two given characters.
                    Some(true) if depth == 0 && ends.len() == k + len + 2 => return 2,
                    Some(false) => {
                        let d = split(run, ends, k + len, depth + 1);
                        if d > 0 {
                            return d;
                        }
                    }
                    _ => {}
                }
            }
        }
        0
    }
    split(run, &ends[..n], 0, 0)
}

/// First characters of the minority name elements.
fn minority_firsts() -> &'static dict::HanSet {
    static F: OnceLock<dict::HanSet> = OnceLock::new();
    F.get_or_init(|| {
        dict::HanSet::new(
            dict::minority_name_parts()
                .keys()
                .filter_map(|w| w.chars().next()),
        )
    })
}

/// The longest minority name starting at `at` (up to seven characters):
/// two or more elements, or one element that stands alone (a delimiter
/// after it). Returns its end.
fn minority_prefix(text: &str, at: usize) -> Option<usize> {
    let mut ends = [0usize; 8];
    let mut n = 0;
    let mut e = at;
    while let Some(c) = next_char(text, e).filter(|c| is_han(*c)) {
        e += c.len_utf8();
        ends[n] = e;
        n += 1;
        if n == 8 {
            break;
        }
    }
    // The sentence goes on after a single element (其木格正在, 艾山江告诉):
    // a stop character or a frequent word opens there.
    let f = fast();
    let goes_on = |len: usize| {
        let c = next_char(text, ends[len - 1]);
        let d = (len < n).then(|| next_char(text, ends[len])).flatten();
        c.is_some_and(|c| sets().stop.contains(c))
            || c.zip(d)
                .is_some_and(|(c, d)| f.words.get(c, d).is_some_and(|q| q >= 300))
    };
    (2..=n.min(7)).rev().find_map(|len| {
        let end = ends[len - 1];
        let k = minority_elements(&text[at..end]);
        (k >= 2 || (k == 1 && ((len == n && n < 8) || goes_on(len)))).then_some(end)
    })
}

/// The list item starting at `at`: a run of two to six Han characters up
/// to a delimiter, or the first three or two characters of a longer run
/// when a stop character or a frequent word follows them
/// (黄金龙参加调研 → 黄金龙). `whole` asks for the first form only.
fn item_after(f: &Fast, text: &str, at: usize, whole: bool) -> Option<(usize, usize)> {
    let mut ends = [(0usize, ' '); 8];
    let mut n = 0;
    let mut e = at;
    while let Some(c) = next_char(text, e).filter(|c| is_han(*c)) {
        e += c.len_utf8();
        ends[n] = (e, c);
        n += 1;
        if n == 8 {
            break;
        }
    }
    let ends = &ends[..n];
    if (2..=6).contains(&n) && next_char(text, e).is_none_or(|c| !is_han(c)) {
        // 周正、江山等）: the list's 等 is no part of the name.
        if n >= 3 && ends[n - 1].1 == '等' {
            return Some((at, ends[n - 2].0));
        }
        return Some((at, e));
    }
    if whole || n < 3 {
        return None;
    }
    for len in [3, 2] {
        let (end, last) = ends[len - 1];
        let (_, c) = ends[len];
        let next = ends.get(len + 1).map(|x| x.1);
        // 台农、金煌、桂七等优良品种: the list's 等 is no part of the name.
        if last == '等' {
            continue;
        }
        if sets().stop.contains(c)
            || next.is_some_and(|d| f.words.get(c, d).is_some_and(|q| q >= 300))
        {
            return Some((at, end));
        }
    }
    None
}

/// The list item ending at `end`: two to four Han characters with a
/// delimiter (or a colon after a role word) before them.
fn item_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let mut s = end;
    let mut n = 0;
    while let Some(c) = prev_char(text, s).filter(|c| is_han(*c)) {
        if n == 4 {
            return None;
        }
        s -= c.len_utf8();
        n += 1;
    }
    (n >= 2).then_some((s, end))
}

/// Is `item` a name when it stands in a list of names: a surname and a
/// given name, or Tibetan/Mongolian name elements; no place, title,
/// organization or masked value?
fn listed_name(t: &NameTables, item: &str, max_word_freq: u32) -> bool {
    listed_name_with(t, item, max_word_freq, false)
}

/// [`listed_name`]; `short_places_ok` lets a short place name through
/// (after a role word and a colon, 石头 is a person).
fn listed_name_with(t: &NameTables, item: &str, max_word_freq: u32, short_places_ok: bool) -> bool {
    let mut cs = item.chars();
    let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
        return false;
    };
    let n = item.chars().count();
    let surname = (t.single.get(&a).is_some() && n <= 3)
        || (t.compound.get2(a, b).is_some() && (3..=4).contains(&n));
    let places = dict::places();
    (surname || minority_elements(item) > 0)
        && t.words.get(item).is_none_or(|q| *q < max_word_freq)
        && !item.chars().any(is_mask)
        // A division's suffix ends a place (李家庄, 王集镇); names end in
        // 里, 河, 山 … too (孔万里, 宫长河).
        && !item.chars().next_back().is_some_and(|c| {
            is_division_suffix(c)
                || matches!(
                    c,
                    '旗' | '路' | '街' | '巷' | '局' | '所' | '站' | '厂' | '店' | '社' | '队' | '组'
                )
        })
        && !places.full.contains(item)
        && (short_places_ok || !places.short.contains(item))
        && !has_not_name_part(item)
        && !TITLES.iter().any(|w| item.ends_with(w))
        && !ORG_WORDS.iter().any(|w| item.contains(w))
}

/// Places the main pass of [`PersonName::detect`] notes for step 5.
struct Marks {
    /// Starts of a minority name element after a role word (true) or a
    /// delimiter (false).
    minority_starts: Vec<(usize, bool)>,
    /// Where `、` stands.
    list_marks: Vec<usize>,
    /// Where `：` stands.
    colons: Vec<usize>,
}

/// Step 5 of [`PersonName::detect`]: Tibetan, Mongolian and Yi names
/// (which have no surname) after a role word or standing alone in a list,
/// short runs after a role word and a colon (负责人：万元), and names in a
/// list (、) next to a name already found (高天翔、杨柳 → 杨柳, 覃建新、黄金龙
/// 参加 → 黄金龙). `first` is the index of this detector's first finding
/// in `out`.
fn lists_and_minority_names(
    p: &Prepared<'_>,
    t: &NameTables,
    f: &Fast,
    first: usize,
    marks: &Marks,
    out: &mut Vec<Finding>,
) {
    let Marks {
        minority_starts,
        list_marks,
        colons,
    } = marks;
    let text = p.text;
    let mut seeds: Vec<(usize, usize)> = out[first..]
        .iter()
        .filter(|x| x.kind == Kind::PersonName && x.score >= 0.6)
        .map(|x| (x.start, x.end))
        .collect();
    // This detector's name spans (start, end, index into `out`), by start:
    // each test below looks at the few spans near its own.
    let mut spans: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, x)| x.kind == Kind::PersonName)
        .map(|(k, x)| (x.start, x.end, k))
        .collect();
    spans.sort_unstable();
    let mut removed: Vec<usize> = Vec::new();
    // Names are short: a span overlapping `s..e` starts less than this
    // many bytes before `s`.
    const REACH: usize = 64;
    // `replace`: a longer minority name takes the place of the shorter
    // names found inside it (格桑曲珍 over 桑曲珍).
    let mut add = |out: &mut Vec<Finding>,
                   (s, e): (usize, usize),
                   score: f32,
                   check: &'static [&'static str],
                   replace: bool| {
        let lo = spans.partition_point(|x| x.0 < s.saturating_sub(REACH));
        let hi = spans.partition_point(|x| x.0 < e);
        if replace {
            let inside: Vec<usize> = (lo..hi)
                .filter(|&j| {
                    let (xs, xe, _) = spans[j];
                    s <= xs && xe <= e && (xs, xe) != (s, e)
                })
                .collect();
            for &j in inside.iter().rev() {
                removed.push(spans.remove(j).2);
            }
        }
        let lo = spans.partition_point(|x| x.0 < s.saturating_sub(REACH));
        let hi = spans.partition_point(|x| x.0 < e);
        // True only when the name is new or newly confident, so each
        // name seeds the list walk once.
        if let Some(&(_, _, k)) = spans[lo..hi].iter().find(|x| (x.0, x.1) == (s, e)) {
            let x = &mut out[k];
            let was = x.score;
            if x.score < score {
                x.score = score;
                x.evidence.checks.to_mut().extend_from_slice(check);
            }
            return was < 0.6 && x.score >= 0.6;
        }
        if spans[lo..hi]
            .iter()
            .any(|&(xs, xe, k)| xs < e && s < xe && out[k].score >= 0.5)
        {
            return false;
        }
        let at = spans.partition_point(|x| x.0 <= s);
        spans.insert(at, (s, e, out.len()));
        out.push(finding(p, Kind::PersonName, s, e, score, check, None));
        true
    };
    let firsts = minority_firsts();
    // After any role word or title, with or without a colon: 被执行人沙马
    // 拉则名下, 记者 泽仁拉姆 通讯员, 其孙边巴次仁（.
    for &(j, role) in minority_starts.iter() {
        let Some(e) = minority_prefix(text, j) else {
            continue;
        };
        if role {
            if add(out, (j, e), 0.8, &["minority name after role word"], true) {
                seeds.push((j, e));
            }
            continue;
        }
        // Standing alone, between delimiters (a roll: `　　次仁央宗　巴宜区…`,
        // `1. 尼玛旺堆，`): two elements or more, nothing Han after; one
        // element only at the head of a roll line (`　　格桑　巴宜区…`).
        let k = minority_elements(&text[j..e]);
        let roll_head = || {
            let head = text[..j].trim_end_matches([' ', '\u{3000}']);
            (head.is_empty() || head.ends_with('\n'))
                && (text[e..].starts_with('\u{3000}') || text[e..].starts_with("  "))
        };
        if next_char(text, e).is_none_or(|c| !is_han(c))
            && (k >= 2 || (k == 1 && roll_head()))
            && !p.in_header_line(j)
            && add(out, (j, e), 0.75, &["minority name elements"], true)
        {
            seeds.push((j, e));
        }
    }
    // A role word, a colon and a short run standing alone is a name even
    // when the run is also a word (负责人：万元, 站长:惠建设, 经办人：黄海).
    let ascii_colons = memchr::memchr_iter(b':', text.as_bytes());
    for pos in colons.iter().copied().chain(ascii_colons) {
        let len = if text.as_bytes()[pos] == b':' { 1 } else { 3 };
        if let Some((ls, le)) = addressee(text, pos, len) {
            // One name or several (崔顺姬、东京城：).
            let mut is = ls;
            for item in text[ls..le].split('、') {
                let ie = is + item.len();
                let n = item.chars().count();
                if (2..=4).contains(&n)
                    && item.chars().all(is_han)
                    && (listed_name_with(t, item, u32::MAX, true) || minority_elements(item) > 0)
                    && add(out, (is, ie), 0.8, &["addressee of a letter"], false)
                {
                    seeds.push((is, ie));
                }
                is = ie + '、'.len_utf8();
            }
            continue;
        }
        if role_before(text, pos).is_none() {
            continue;
        }
        let mut at = pos + len;
        while let Some(c) = next_char(text, at).filter(|c| matches!(c, ' ' | '\u{3000}')) {
            at += c.len_utf8();
        }
        let Some((is, ie)) = item_after(f, text, at, true) else {
            continue;
        };
        let item = &text[is..ie];
        if (2..=3).contains(&item.chars().count())
            && listed_name_with(t, item, u32::MAX, true)
            && add(out, (is, ie), 0.75, &["after role word and colon"], true)
        {
            seeds.push((is, ie));
        }
    }
    // Minority names standing alone as a whole item of a 、 list.
    for &pos in list_marks.iter() {
        let after = next_char(text, pos + 3)
            .filter(|c| firsts.contains(*c))
            .and_then(|_| item_after(f, text, pos + 3, true));
        let before = item_before(text, pos)
            .filter(|(s, _)| next_char(text, *s).is_some_and(|c| firsts.contains(c)));
        for (s, e) in [before, after].into_iter().flatten() {
            if minority_elements(&text[s..e]) >= 2
                && add(out, (s, e), 0.75, &["minority name elements"], true)
            {
                seeds.push((s, e));
            }
        }
    }
    // Names next to names in a list.
    let mut k = 0;
    while k < seeds.len() {
        let (s, e) = seeds[k];
        k += 1;
        // Items after 、 may run on into the sentence (黄金龙参加调研);
        // items between ideographic spaces (class rolls: 霍雨桐　贺一鸣)
        // stand whole and are no ordinary word (汉族 in a table row).
        let mut items = [None; 4];
        if text[e..].starts_with('、') {
            items[0] = item_after(f, text, e + 3, false).map(|i| (i, 1000));
            if let Some(((is, ie), _)) = items[0] {
                if next_char(text, ie).is_some_and(is_han) {
                    // Cut from a longer run: no ordinary word (车间主任).
                    items[0] = Some(((is, ie), 50));
                }
            }
        }
        if text[..s].ends_with('、') {
            items[1] = item_before(text, s - 3).map(|i| (i, 1000));
        }
        // In a table row (`郭红梅　单人保　3415…`) the cell after a name
        // is another column: a roll has names (or the line's end) on
        // both sides of each item.
        let roll_item = |(is, ie): (usize, usize)| {
            let before = prev_char(text, is);
            let after = next_char(text, ie);
            let han_beyond = |c: Option<char>| c.is_some_and(is_han);
            let ok_before = match before {
                None | Some('\n' | '：' | ':') => true,
                Some('\u{3000}') => han_beyond(prev_char(text, is - 3)),
                _ => false,
            };
            let ok_after = match after {
                None | Some('\n' | '\r') => true,
                Some('\u{3000}') => han_beyond(next_char(text, ie + 3)),
                _ => false,
            };
            // A roll holds names, not amounts or ID numbers (`3　3　900
            // 郭红梅　单人保`): no run of three digits on the line.
            let ls = text[..is].rfind('\n').map_or(0, |k| k + 1);
            let le = text[ie..].find('\n').map_or(text.len(), |k| ie + k);
            let numbers = text.as_bytes()[ls..le]
                .windows(3)
                .any(|w| w.iter().all(u8::is_ascii_digit));
            ok_before && ok_after && !numbers
        };
        if text[e..].starts_with('\u{3000}') {
            items[2] = item_after(f, text, e + 3, true)
                .filter(|i| roll_item(*i))
                .map(|i| (i, 50));
        }
        if text[..s].ends_with('\u{3000}') {
            items[3] = item_before(text, s - 3)
                .filter(|i| roll_item(*i))
                .map(|i| (i, 50));
        }
        for ((is, ie), max_freq) in items.into_iter().flatten() {
            let item = &text[is..ie];
            let minority = minority_elements(item) > 0;
            // A whole item between delimiters takes the place of a shorter
            // name found inside it (蒋平、赵春来、 over 赵春).
            let whole = next_char(text, ie).is_none_or(|c| !is_han(c));
            if (minority || listed_name(t, item, max_freq))
                && add(
                    out,
                    (is, ie),
                    0.65,
                    &["listed with names"],
                    minority || whole,
                )
            {
                seeds.push((is, ie));
            }
        }
    }
    // A list (、) that is mostly names: its other items are names too,
    // even when they are words (孔万里、孔春生、杨柳、孔繁荣; 姚丽娜、高度、
    // 黄金花).
    seeds.sort_unstable();
    let found = |(is, ie): (usize, usize)| {
        let lo = seeds.partition_point(|x| x.0 < is);
        seeds[lo..]
            .iter()
            .take_while(|x| x.0 < ie)
            .any(|&(_, xe)| xe <= ie)
    };
    // Two to four Han characters (three bytes each).
    let whole = |a: usize, b: usize| (6..=12).contains(&(b - a)) && text[a..b].chars().all(is_han);
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < list_marks.len() {
        let mut j = k;
        while j + 1 < list_marks.len() && whole(list_marks[j] + 3, list_marks[j + 1]) {
            j += 1;
        }
        let marks = &list_marks[k..=j];
        k = j + 1;
        // One mark joins two items: too few to call the list one of names.
        if marks.len() < 2 {
            continue;
        }
        items.clear();
        items.extend(
            item_before(text, marks[0])
                .filter(|(s, _)| prev_char(text, *s).is_none_or(|c| !is_han(c))),
        );
        items.extend(marks.windows(2).map(|w| (w[0] + 3, w[1])));
        items.extend(item_after(f, text, marks[marks.len() - 1] + 3, false));
        if items.len() < 3 {
            continue;
        }
        let names = items.iter().filter(|i| found(**i)).count();
        // Or every item is made of Tibetan or Mongolian name elements
        // (多杰、才让加、洛藏).
        let minority = |(is, ie): (usize, usize)| minority_elements(&text[is..ie]) > 0;
        let all_minority = || items.iter().all(|i| found(*i) || minority(*i));
        if (names < 2 || names * 2 < items.len()) && !all_minority() {
            continue;
        }
        for &(is, ie) in &items {
            if !found((is, ie))
                && (minority((is, ie)) || listed_name_with(t, &text[is..ie], u32::MAX, true))
            {
                add(out, (is, ie), 0.65, &["in a list of names"], true);
            }
        }
    }
    if !removed.is_empty() {
        removed.sort_unstable();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            removed.binary_search(&(k - 1)).is_err()
        });
    }
}

/// The addressees of a reply letter or a court notice: a line that holds
/// only Han characters (names joined by `、`) and the colon at `pos`
/// (`len` bytes), with the next line speaking to them (`方向东：⏎    你于
/// 2024年…`, `您`, `本院`). Returns the span before the colon.
fn addressee(text: &str, pos: usize, len: usize) -> Option<(usize, usize)> {
    // The colon ends its line (the cheap test first: most colons do not).
    let after = text[pos + len..].trim_start_matches([' ', '\u{3000}', '\t', '\r']);
    if !after.starts_with('\n') {
        return None;
    }
    // The line starts at most 24 characters (and an indent) back.
    let from = crate::context::floor_char_boundary(text, pos.saturating_sub(96));
    let ls = match text[from..pos].rfind('\n') {
        Some(k) => from + k + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let head = &text[ls..pos];
    let s = ls + (head.len() - head.trim_start_matches([' ', '\u{3000}', '\t']).len());
    let n = text[s..pos].chars().count();
    if !(2..=24).contains(&n) || !text[s..pos].chars().all(|c| is_han(c) || c == '、') {
        return None;
    }
    let rest = &text[pos + len..];
    let line_end = rest.find('\n')?;
    if !rest[..line_end].trim().is_empty() {
        return None;
    }
    let next = rest[line_end..].trim_start_matches(['\n', '\r', ' ', '\u{3000}', '\t']);
    ["你", "您", "本院", "本机关", "本局", "本委"]
        .iter()
        .any(|w| next.starts_with(w))
        .then_some((s, pos))
}

/// The start of the name in `text[s..end]`, a run of characters before a
/// gender or a dot: after the last role word (or 人) that ends inside
/// the run and leaves two characters (违法行为人|扎约), or after a frequent
/// two-character word opening it (确定|努尔兰).
fn strip_lead(t: &NameTables, text: &str, s: usize, end: usize) -> usize {
    let mut start = s;
    let mut k = s;
    while let Some(c) = next_char(text, k) {
        k += c.len_utf8();
        if k + 6 > end {
            break;
        }
        // A role word, or any noun for a person in 人 (残疾军人|宫长河).
        if c == '人' || role_before(text, k).is_some_and(|w| k - w.len() >= s) {
            start = k;
        }
    }
    if start == s {
        let mut cs = text[s..end].chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            let rest = end - s - a.len_utf8() - b.len_utf8();
            if rest >= 6 && t.words.get2(a, b).is_some_and(|f| *f >= 300) {
                start = s + a.len_utf8() + b.len_utf8();
            }
        }
    }
    start
}

/// Names without a surname (阿依古丽, 扎西多吉) after a role word, and
/// transliterated names with a middle dot (买买提·艾力).
fn dotted_name(text: &str, dot: usize) -> Option<(usize, usize)> {
    let mut s = dot;
    let mut n = 0;
    while let Some(c) = prev_char(text, s).filter(|c| is_han(*c)) {
        // 阿不都热合曼 has six characters; 第8号|阿依古丽, 在|….
        if n == 6
            || matches!(
                c,
                '号' | '的' | '在' | '和' | '与' | '及' | '了' | '给' | '向'
            )
        {
            break;
        }
        s -= c.len_utf8();
        n += 1;
        if role_before(text, s).is_some() {
            break;
        }
    }
    let s = strip_lead(dict::name_tables(), text, s, dot);
    // 鲁布格村·大箐梁子: a place and its locality, not a name.
    if text[s..dot].contains(|c: char| {
        matches!(
            c,
            '省' | '市' | '县' | '区' | '镇' | '乡' | '村' | '组' | '社' | '街' | '路'
        )
    }) {
        return None;
    }
    let dot_len = next_char(text, dot)?.len_utf8();
    let mut e = dot + dot_len;
    let mut m = 0;
    while let Some(c) = next_char(text, e).filter(|c| is_han(*c)) {
        if m == 6 {
            break;
        }
        // The name ends where the sentence goes on: 阿迪力·买买提|诉被告,
        // 吐尔洪·买买提|一边, 热合曼·阿吾提|说的.
        if m >= 2
            && (after_word(&text[e..]).is_some()
                || next_char(text, e + c.len_utf8())
                    .is_some_and(|d| fast().words.get(c, d).is_some_and(|q| q >= 1000))
                || matches!(
                    c,
                    '诉' | '说'
                        | '的'
                        | '与'
                        | '和'
                        | '及'
                        | '系'
                        | '因'
                        | '向'
                        | '对'
                        | '在'
                        | '于'
                        | '等'
                        | '一'
                        | '告'
                        | '表'
                        | '介'
                        | '已'
                        | '现'
                        | '未'
                        | '将'
                        | '被'
                        | '到'
                        | '曾'
                        | '为'
                ))
        {
            break;
        }
        e += c.len_utf8();
        m += 1;
    }
    if n < 2 || m < 2 {
        return None;
    }
    // A quoted slogan or title (“春风送岗·就在湘西”), or parts made of
    // frequent words: no transliterated name.
    let quoted = prev_char(text, s).is_some_and(|c| matches!(c, '“' | '《' | '「' | '"'))
        && next_char(text, e).is_some_and(|c| matches!(c, '”' | '》' | '」' | '"'));
    let words = dict::name_tables();
    let wordy = |part: &str| {
        let cs: Vec<char> = part.chars().collect();
        cs.windows(2)
            .any(|w| words.words.get2(w[0], w[1]).is_some_and(|q| *q >= 5000))
    };
    (!quoted && !wordy(&text[s..dot]) && !wordy(&text[dot + dot_len..e])).then_some((s, e))
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
        || has_not_name_part(s)
        || dict::name_tables().words.contains_key(s)
    {
        return None;
    }
    Some((i, e))
}

/// Role words that name a group of people and are often followed by
/// another noun rather than a name (居民养老保险, 学生资助).
fn is_weak_role(w: &str) -> bool {
    matches!(
        w,
        "村民"
            | "居民"
            | "学生"
            | "职工"
            | "教师"
            | "患者"
            | "代表"
            | "家属"
            | "亲属"
            | "业主"
            | "股东"
            | "考生"
            | "本人"
            | "经营者"
            | "业户"
            | "租户"
            | "车主"
            | "县领导"
            | "市领导"
    )
}

const ROLE_STRICT: &[&str] = &[
    "姓名",
    // Forms space the label out to the width of four characters.
    "姓　名",
    "姓　　名",
    "姓 名",
    "姓  名",
    "姓   名",
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
        let f = fast();
        let text = p.text;
        // This detector's findings start here.
        let first = out.len();
        // 1. Cells under a 姓名 header.
        for cell in p.cells().iter().filter(|c| c.column == Column::Name) {
            let v = &text[cell.start..cell.end];
            let n = v.chars().count();
            // Summary rows and notes of the table (小计, 合计, 以下空白).
            let summary = matches!(
                v,
                "小计" | "合计" | "总计" | "共计" | "累计" | "备注" | "以下空白" | "空白" | "同上"
            );
            // An office or company as payee (留固镇财政所); not a name
            // that ends like a place (江河, 蔡金山).
            let org = n >= 3
                && (v.chars().next_back().is_some_and(|c| {
                    matches!(
                        c,
                        '省' | '市'
                            | '县'
                            | '区'
                            | '镇'
                            | '乡'
                            | '村'
                            | '局'
                            | '院'
                            | '所'
                            | '校'
                            | '馆'
                            | '社'
                            | '队'
                            | '组'
                            | '委'
                            | '办'
                            | '司'
                            | '厅'
                            | '部'
                            | '处'
                            | '科'
                            | '行'
                            | '府'
                            | '站'
                            | '厂'
                            | '矿'
                            | '店'
                    )
                }) || ORG_WORDS.iter().any(|w| v.contains(w)));
            if (2..=12).contains(&n)
                && !summary
                && !org
                && v.chars().all(|c| is_han(c) || is_name_dot(c))
                && !v.chars().any(is_mask)
                // Mongolian and Tibetan names run to five or six
                // characters (乌云毕力格) without a dot.
                && (n <= 6 || v.contains(is_name_dot))
                && !has_not_name_part(v)
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
        // The anchors are found in the same pass: fixed terms (毛泽东思想)
        // hold no names; role words and genders are used in steps 4 and 4a.
        let mut anchor_next = 0;
        let mut fixed_end = 0;
        let mut genders: Vec<usize> = Vec::new();
        let mut minority_starts: Vec<(usize, bool)> = Vec::new();
        // Where `、` stands (step 5 reads the list items around it).
        let mut list_marks: Vec<usize> = Vec::new();
        // Where U+3000 stands (two-character names padded to three:
        // `邓　华`).
        let mut wide_spaces: Vec<usize> = Vec::new();
        // Where `：` stands.
        let mut colons: Vec<usize> = Vec::new();
        let mut roles: Vec<(usize, &'static str)> = Vec::new();
        // 2. Surname candidates.
        let b = text.as_bytes();
        let mut i = 0;
        let mut last_end = 0;
        // Step 1 has read the tables: the header lines are at hand.
        let mut headers = HeaderCursor {
            lines: &p.cells.get_or_init(|| crate::table::header_cells(text)).1,
            k: 0,
        };
        while i < b.len() {
            let lead = b[i];
            // Three-byte characters (most of the text): most are passed over
            // on one bit.
            if lead & 0xF0 == 0xE0 {
                if let Some(&[b1, b2]) = b.get(i + 1..i + 3) {
                    let k = (usize::from(lead & 0x0F) << 6) | usize::from(b1 & 0x3F);
                    if f.stop3[k] & (1 << (b2 & 0x3F)) == 0 {
                        i += 3;
                        continue;
                    }
                }
            }
            if lead < 0x80 {
                // A run of ASCII, up to eight bytes at once.
                i += match b.get(i..i + 8) {
                    Some(w) => {
                        let w = u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8]));
                        let high = w & 0x8080_8080_8080_8080;
                        if high == 0 {
                            8
                        } else {
                            (high.trailing_zeros() / 8) as usize
                        }
                    }
                    None => 1,
                };
                continue;
            }
            // Han characters (U+3400..U+9FFF) start with E3..E9.
            if (0xE3..=0xE9).contains(&lead) && i + 2 < b.len() {
                // Decode the 3-byte sequence inline: the hot path.
                let u = (u32::from(lead & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                let flags = match u.checked_sub(HAN_BASE) {
                    Some(k) if (k as usize) < HAN_LEN => f.flags[k as usize],
                    _ => 0,
                };
                if flags == 0 {
                    // `・` (E3 83 BB) between the parts of a name.
                    if u == 0x3001 {
                        list_marks.push(i);
                    } else if u == 0x3000 {
                        wide_spaces.push(i);
                    } else if u == 0x30FB {
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
                    i += 3;
                    continue;
                }
                let Some(c) = char::from_u32(u) else {
                    i += 3;
                    continue;
                };
                if flags & ANCHOR != 0 && i >= anchor_next {
                    if let Some((len, kind)) = anchor_at(f, b, i, c) {
                        match kind {
                            Anchor::Fixed => fixed_end = i + len,
                            Anchor::Gender => genders.push(i),
                            Anchor::Role(w) => roles.push((i, w)),
                        }
                        anchor_next = i + len;
                    }
                }
                // A minority name after a role word (被执行人沙马拉则,
                // 记者 泽仁拉姆): kept for step 5.
                if flags & MINORITY != 0
                    && char_at(text, i + 3).is_some_and(|(c1, _)| f.minority_pairs.may_start(c, c1))
                {
                    let prev = char_before(text, i);
                    if i >= 3 && role_before_fast(f, text, i, prev).is_some() {
                        minority_starts.push((i, true));
                    } else if prev.is_none_or(|c| !is_han(c)) {
                        minority_starts.push((i, false));
                    }
                }
                if flags & SURNAME != 0 {
                    let at = (i, c, fixed_end);
                    self.surname_at(p, t, f, at, &mut last_end, &mut headers, out);
                }
                i += 3;
                continue;
            }
            match lead {
                // `，` and `（` open the gender anchors (`，男，`, `（女`).
                0xEF => {
                    // `：` (EF BC 9A): step 5 reads a name after a role
                    // word and a colon.
                    if b.get(i + 1..i + 3) == Some(&[0xBC, 0x9A]) {
                        colons.push(i);
                    }
                    // Every such anchor goes on with 男 (E7 94 B7) or 女
                    // (E5 A5 B3): the common `，` answers without a
                    // comparison of each pattern.
                    if i >= anchor_next
                        && b.get(i + 1) == Some(&0xBC)
                        && matches!(b.get(i + 2), Some(0x8C | 0x88))
                        && matches!(
                            b.get(i + 3..i + 6),
                            Some([0xE7, 0x94, 0xB7] | [0xE5, 0xA5, 0xB3])
                        )
                    {
                        let c = if b[i + 2] == 0x8C { '，' } else { '（' };
                        if let Some((len, kind)) = anchor_at(f, b, i, c) {
                            match kind {
                                Anchor::Fixed => fixed_end = i + len,
                                Anchor::Gender => genders.push(i),
                                Anchor::Role(w) => roles.push((i, w)),
                            }
                            anchor_next = i + len;
                        }
                    }
                    i += 3;
                }
                // 3. Dotted transliterated names: `·` is C2 B7, `•` E2 80 A2,
                // `‧` E2 80 A7 (`・` is found with the Han characters).
                0xC2 | 0xE2 => {
                    let dot = if lead == 0xC2 {
                        b.get(i + 1) == Some(&0xB7)
                    } else {
                        b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA2 | 0xA7))
                    };
                    if dot {
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
                    i += if lead == 0xC2 { 2 } else { 3 };
                }
                // Other characters, passed over whole.
                0xC3..=0xDF => i += 2,
                0xE0 | 0xE1 | 0xEA..=0xEE => i += 3,
                0xF0..=0xF4 => i += 4,
                _ => i += 1,
            }
        }
        // 4a. Names of any shape before a gender (`达瓦次仁，男，`).
        {
            for &pos in &genders {
                let mut s = pos;
                let mut n = 0;
                while let Some(c) = prev_char(text, s).filter(|c| is_han(*c) || is_name_dot(*c)) {
                    if n == 6 {
                        break;
                    }
                    s -= c.len_utf8();
                    n += 1;
                }
                if !(2..=6).contains(&n) || p.in_header_line(s) {
                    continue;
                }
                // Strip what stands before the name: a role word
                // (违法行为人扎约) or a frequent word (确定努尔兰).
                let start = strip_lead(t, text, s, pos);
                let v = &text[start..pos];
                // A word or place is a name here when the line goes on
                // like a résumé: `高阳，男，汉族，1980年…`, `，男，1970年`.
                let resume = || {
                    let rest = &text[pos..];
                    let rest = rest
                        .strip_prefix("，男，")
                        .or_else(|| rest.strip_prefix("，女，"))
                        .unwrap_or_default();
                    rest.starts_with(|c: char| c.is_ascii_digit())
                        || rest.chars().take(4).any(|c| c == '族')
                };
                let n = v.chars().count();
                if n >= 2
                    && !has_not_name_part(v)
                    && !v.chars().any(is_mask)
                    && (!t.words.contains_key(v)
                        || (n <= 3
                            && v.chars().next().is_some_and(|c| t.single.get(&c).is_some())
                            && resume()))
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
        // 4b. Two-character names padded to the width of three in a
        // table or roll: `邓　华`, between delimiters.
        for &sp in &wide_spaces {
            if let Some(e) = padded_name(t, f, text, sp) {
                let s0 = sp - 3;
                if !p.in_header_line(s0) {
                    out.push(finding(
                        p,
                        Kind::PersonName,
                        s0,
                        e,
                        0.7,
                        &["surname", "padded two-character name"],
                        None,
                    ));
                }
            }
        }
        // 5. Minority names, and names listed next to names.
        let marks = Marks {
            minority_starts,
            list_marks,
            colons,
        };
        lists_and_minority_names(p, t, f, first, &marks, out);
        // 5a. Rows referred to by number in the notes under a table:
        // `第10号蒙六系特困供养人员`, `第4户户主娜倮系`.
        numbered_rows(p, t, out);
        // 5b. Whoever an ID number is given for: `3. 江河，身份证号…`.
        before_id_word(p, t, out);
        before_id_number(p, t, out);
        // 5c. Comrades: `由陶者保同志牵头`, `请侬德保同志做好…`.
        comrades(p, t, out);
        // 5d. Land boundaries: `东至刘宝山地`, `北：保正荣林地`.
        land_boundaries(p, t, out);
        // 6. Names found once are names wherever else they stand.
        same_name_elsewhere(p, t, f, first, out);
    }
}

/// Step 5a of [`PersonName::detect`]: the notes under a table refer to
/// its rows by number, and name the person: `第10号蒙六系…`, `第8号张梅
/// 系…`, `第4户户主娜倮系…`, `第15号乐业为独居老人`, `第4号伦凤英、第11号…`.
/// A run of two to four Han characters after `第` + number + 号/户 (and a
/// role word) is a name when a copula or delimiter follows it and it is
/// shaped like one (a surname or minority name elements, no place or
/// frequent word).
fn numbered_rows(p: &Prepared<'_>, t: &NameTables, out: &mut Vec<Finding>) {
    let text = p.text;
    let b = text.as_bytes();
    // `第N号`/`第N户`, or `序号N` (序号11马金锁系…).
    let di = memchr::memmem::find_iter(b, "第".as_bytes()).map(|pos| (pos + 3, true));
    let xh = memchr::memmem::find_iter(b, "序号".as_bytes()).map(|pos| (pos + 6, false));
    for (from, counter) in di.chain(xh) {
        let mut i = from;
        let digits_start = i;
        while let Some(c) =
            next_char(text, i).filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        {
            i += c.len_utf8();
        }
        if i == digits_start {
            continue;
        }
        match next_char(text, i) {
            Some('号' | '户') => i += 3,
            _ if counter => continue,
            _ => {}
        }
        // A role word between: 第10号学生黄麟, 第4户户主娜倮.
        let mut j = i;
        let mut n = 0;
        while let Some(c) = next_char(text, j).filter(|c| is_han(*c)) {
            j += c.len_utf8();
            n += 1;
            if n == 7 {
                break;
            }
        }
        let run = &text[i..j];
        let mut starts = vec![i];
        for (k, _) in run.char_indices().skip(1) {
            if role_before(text, i + k).is_some() {
                starts.push(i + k);
            }
        }
        for &s in starts.iter().rev() {
            let Some((ns, ne)) = (2..=4).rev().find_map(|len| {
                let e = text[s..].char_indices().nth(len).map(|(k, _)| s + k)?;
                let after = next_char(text, e)?;
                let ok_after = matches!(
                    after,
                    '系' | '为'
                        | '、'
                        | '，'
                        | '（'
                        | '的'
                        | '原'
                        | '已'
                        | '因'
                        | '于'
                        | '在'
                        | '户'
                ) || !is_han(after);
                // 罗城原为…: 原为 (formerly) follows the name; 杨顺户原为:
                // the household.
                let adverb_last =
                    is_han(after) && text[s..e].ends_with(['原', '现', '已', '曾', '系', '户']);
                (ok_after && !adverb_last && text[s..e].chars().all(is_han)).then_some((s, e))
            }) else {
                continue;
            };
            let item = &text[ns..ne];
            if listed_name_with(t, item, 300, true) || minority_elements(item) > 0 {
                out.push(finding(
                    p,
                    Kind::PersonName,
                    ns,
                    ne,
                    0.75,
                    &["row named in a table note"],
                    None,
                ));
                break;
            }
        }
    }
}

/// Step 5b' of [`PersonName::detect`]: a row `4，宝力道，220721…`: a name
/// (minority name elements, or a surname and a given name) between the
/// row's number (or the line's start) and an ID number, comma- or
/// tab-separated.
fn before_id_number(p: &Prepared<'_>, t: &NameTables, out: &mut Vec<Finding>) {
    let text = p.text;
    for run in p.runs.iter() {
        if run.groups.len() != 1 || !matches!(run.digits.len(), 15 | 17 | 18) {
            continue;
        }
        let start = run.groups[0].start;
        let Some(sep) = prev_char(text, start).filter(|c| matches!(c, '，' | ',' | '\t')) else {
            continue;
        };
        let Some((s, e)) = item_before(text, start - sep.len_utf8()) else {
            continue;
        };
        // The item opens its row: the line's start, or the row number.
        let opens = match prev_char(text, s) {
            None | Some('\n') => true,
            Some(c) if c == sep => {
                let k = s - c.len_utf8();
                let ls = text[..k].rfind('\n').map_or(0, |i| i + 1);
                !text[ls..k].is_empty() && text[ls..k].trim().chars().all(|d| d.is_ascii_digit())
            }
            _ => false,
        };
        let item = &text[s..e];
        if opens && (minority_elements(item) > 0 || listed_name(t, item, 1000)) {
            out.push(finding(
                p,
                Kind::PersonName,
                s,
                e,
                0.75,
                &["before an ID number"],
                None,
            ));
        }
    }
}

/// Step 5b of [`PersonName::detect`]: a short run right before
/// `，身份证` (`3. 江河，身份证号34082…`, `户主：高山，身份证…`) that opens
/// its item (after a line start, a list number, `、`, `：` or `；`) is the
/// person the number belongs to, even when it is a word or a place.
fn before_id_word(p: &Prepared<'_>, t: &NameTables, out: &mut Vec<Finding>) {
    let text = p.text;
    for pos in memchr::memmem::find_iter(text.as_bytes(), "身份证".as_bytes()) {
        let Some(sep) = prev_char(text, pos).filter(|c| matches!(c, '，' | ',')) else {
            continue;
        };
        let end = pos - sep.len_utf8();
        let Some((s, e)) = item_before(text, end) else {
            continue;
        };
        let opens = match prev_char(text, s) {
            None | Some('\n' | '、' | '：' | ':' | '；' | ' ' | '\u{3000}' | '\t') => true,
            Some(c) => c == '.' || c == '．' || c == '）' || c == ')',
        };
        let item = &text[s..e];
        // Any word or short place name is a name here (江河, 高山).
        if opens && listed_name_with(t, item, u32::MAX, true) {
            out.push(finding(
                p,
                Kind::PersonName,
                s,
                e,
                0.8,
                &["before an ID number"],
                None,
            ));
        }
    }
}

/// Step 5c of [`PersonName::detect`]: a surname and one or two
/// characters right before 同志, standing after a delimiter, a role word
/// or a preposition (`由陶者保同志牵头`, `所长侬德保同志`), are a name
/// whatever their characters; not a word (`广大同志`, `相关同志`).
fn comrades(p: &Prepared<'_>, t: &NameTables, out: &mut Vec<Finding>) {
    let text = p.text;
    let s = sets();
    for pos in memchr::memmem::find_iter(text.as_bytes(), "同志".as_bytes()) {
        for n in [3usize, 2] {
            let Some(start) = text[..pos].char_indices().rev().nth(n - 1).map(|(k, _)| k) else {
                continue;
            };
            let item = &text[start..pos];
            let mut cs = item.chars();
            let Some(first) = cs.next() else { continue };
            let given_ok = cs.all(|c| is_han(c) && !s.stop.contains(c) && !is_place_suffix(c));
            let before_ok = match prev_char(text, start) {
                None => true,
                Some(c) if !is_han(c) => true,
                Some(c) => {
                    "由请对和与及将派让使给".contains(c) || role_before(text, start).is_some()
                }
            };
            if t.single.get(&first).is_some()
                && given_ok
                && before_ok
                && t.words.get(item).is_none_or(|q| *q < 300)
                && !has_not_name_part(item)
                && !TITLES.iter().any(|w| item.ends_with(w))
            {
                out.push(finding(
                    p,
                    Kind::PersonName,
                    start,
                    pos,
                    0.8,
                    &["before 同志"],
                    None,
                ));
                break;
            }
        }
    }
}

/// What a land boundary (四至) names after a neighbour: `东至刘宝山地`.
const LAND: &[&str] = &[
    "承包地",
    "宅基地",
    "责任田",
    "自留地",
    "林地",
    "耕地",
    "田地",
    "山林",
    "菜地",
    "园地",
    "果园",
    "茶园",
    "房屋",
    "住房",
    "地界",
    "地块",
    "地",
    "田",
    "林",
    "房",
    "屋",
    "宅",
    "墙",
];

/// Step 5d of [`PersonName::detect`]: the neighbours named in land
/// boundaries (四至): a direction, `至` or a colon, a name of two or three
/// characters and the neighbour's land (`东至刘宝山地，`, `北：保正荣林地；`).
fn land_boundaries(p: &Prepared<'_>, t: &NameTables, out: &mut Vec<Finding>) {
    let text = p.text;
    let b = text.as_bytes();
    let marks = memchr::memmem::find_iter(b, "至".as_bytes())
        .chain(memchr::memmem::find_iter(b, "：".as_bytes()))
        .map(|pos| (pos, 3))
        .chain(memchr::memchr_iter(b':', b).map(|pos| (pos, 1)));
    for (pos, len) in marks {
        if !prev_char(text, pos).is_some_and(|c| matches!(c, '东' | '南' | '西' | '北')) {
            continue;
        }
        // The direction opens its clause (`四至：东至`, `，西至`, `东南至`).
        let d = pos - 3;
        let d = if prev_char(text, d).is_some_and(|c| matches!(c, '东' | '西')) {
            d - 3
        } else {
            d
        };
        if prev_char(text, d).is_some_and(|c| is_han(c) && c != '至') {
            continue;
        }
        let at = pos + len;
        for n in [3usize, 2] {
            let Some((end, _)) = text[at..].char_indices().nth(n) else {
                continue;
            };
            let end = at + end;
            let item = &text[at..end];
            let Some(land) = LAND.iter().find(|w| text[end..].starts_with(*w)) else {
                continue;
            };
            let after = next_char(text, end + land.len());
            if item.chars().all(is_han)
                && !item.ends_with('家')
                && after.is_none_or(|c| !is_han(c))
                && listed_name_with(t, item, 1000, true)
            {
                out.push(finding(
                    p,
                    Kind::PersonName,
                    at,
                    end,
                    0.7,
                    &["neighbour in a land boundary"],
                    None,
                ));
                break;
            }
        }
    }
}

/// Step 6 of [`PersonName::detect`]: a name found with enough evidence
/// (after a role word, in a name column, before a gender) is a name at
/// its other places in the document too, where the words around it say
/// less (`向东今年42岁`, `与原告钟福来驾驶的`), as long as it stands there
/// as a word of its own: no place suffix after it (江河村), no longer word
/// around it. `first` is the index of this detector's first finding in
/// `out`.
fn same_name_elsewhere(
    p: &Prepared<'_>,
    t: &NameTables,
    f: &Fast,
    first: usize,
    out: &mut Vec<Finding>,
) {
    let text = p.text;
    let mut names: Vec<&str> = out[first..]
        .iter()
        // Only names found with some evidence seed the search.
        .filter(|x| x.kind == Kind::PersonName && x.score >= 0.7)
        .map(|x| &text[x.start..x.end])
        .filter(|v| (2..=8).contains(&v.chars().count()))
        .collect();
    if names.is_empty() {
        return;
    }
    names.sort_unstable();
    names.dedup();
    // A long table names hundreds of people, each found where they stand:
    // then only the names the other paths are likely to miss are looked
    // for (words and places, names without a listed surname, names with a
    // function-word surname or a stop or place character inside), which
    // keeps the automaton small and the search fast.
    if names.len() > 64 {
        let s = sets();
        names.retain(|v| {
            let mut cs = v.chars();
            let first = cs.next().unwrap_or(' ');
            t.words.get(v).is_some_and(|q| *q >= 3)
                || t.ambiguous.contains(v)
                || dict::places().short.contains(v)
                || t.single.get(&first).is_none()
                || s.function.contains(first)
                || cs.any(|c| s.stop.contains(c) || is_place_suffix(c))
        });
        if names.is_empty() {
            return;
        }
    }
    let mut spans: Vec<(usize, usize, f32)> = out[first..]
        .iter()
        .filter(|x| x.kind == Kind::PersonName)
        .map(|x| (x.start, x.end, x.score))
        .collect();
    spans.sort_unstable_by_key(|x| (x.0, x.1));
    // One automaton per document: on a short document the cheapest to
    // build (a DFA's build costs more than the search there), on a long
    // one the fastest to search.
    let kind = if text.len() > 64 * 1024 {
        aho_corasick::AhoCorasickKind::DFA
    } else {
        aho_corasick::AhoCorasickKind::NoncontiguousNFA
    };
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(&names)
    else {
        return;
    };
    let s = sets();
    let mut added = Vec::new();
    for m in ac.find_iter(text) {
        let (ms, me) = (m.start(), m.end());
        // Already a name here, or one that is not inside this one (a
        // shorter name inside gives way: 钟福 in 钟福来).
        let k = spans.partition_point(|x| x.0 < ms.saturating_sub(64));
        if spans[k..].iter().take_while(|x| x.0 < me).any(|x| {
            x.0 < me && ms < x.1 && x.2 >= 0.6 && !(ms <= x.0 && x.1 <= me && x.1 - x.0 < me - ms)
        }) {
            continue;
        }
        let name = &text[ms..me];
        let (Some(c0), Some(cl)) = (name.chars().next(), name.chars().next_back()) else {
            continue;
        };
        let prev = char_before(text, ms);
        let next = next_char(text, me);
        let wordlike = t.words.get(name).is_some_and(|q| *q >= 3)
            || t.ambiguous.contains(name)
            || dict::places().short.contains(name);
        // Before: a delimiter, a stop character or a role word; for a
        // name that is no word, any character that closes no word with
        // its first one (乘客陈有才).
        let before_ok = match prev {
            None => true,
            Some(c) if !is_han(c) => true,
            Some(c) => {
                s.stop.contains(c)
                    || role_before(text, ms).is_some()
                    || (!wordlike && f.words.get(c, c0).is_none_or(|q| q < 100))
            }
        };
        if !before_ok {
            continue;
        }
        let after = next.and_then(|c| after_word_fast(f, &text[me..], c));
        let after_ok = match next {
            None => true,
            Some(c) if !is_han(c) => true,
            Some(c) => {
                after.is_some()
                    || (s.stop.contains(c) && !s.place.contains(c))
                    || (!s.place.contains(c)
                        && next_char(text, me + c.len_utf8())
                            .is_some_and(|d| f.words.get(c, d).is_some_and(|q| q >= 300))
                        && f.words.get(cl, c).is_none_or(|q| q < 100))
            }
        };
        if after_ok {
            added.push((ms, me));
        }
    }
    for (ms, me) in added {
        out.push(finding(
            p,
            Kind::PersonName,
            ms,
            me,
            0.7,
            &["same name found elsewhere in the document"],
            None,
        ));
    }
}

/// [`Prepared::in_header_line`] for positions that only grow: a cursor
/// into the header lines (sorted by start) instead of a binary search.
struct HeaderCursor<'a> {
    lines: &'a [(usize, usize)],
    /// The number of lines that start at or before the last position.
    k: usize,
}

impl HeaderCursor<'_> {
    /// Is byte `i` (not before the last one asked about) on a header line?
    #[inline]
    fn contains(&mut self, i: usize) -> bool {
        while self.lines.get(self.k).is_some_and(|(s, _)| *s <= i) {
            self.k += 1;
        }
        self.k > 0 && i < self.lines[self.k - 1].1
    }
}

impl PersonName {
    /// The candidates at byte `i`, whose character `c` (three bytes)
    /// starts a surname.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn surname_at(
        &self,
        p: &Prepared<'_>,
        t: &NameTables,
        f: &Fast,
        (i, c, fixed_end): (usize, char, usize),
        last_end: &mut usize,
        headers: &mut HeaderCursor<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = p.text;
        let b = text.as_bytes();
        if i < *last_end {
            return;
        }
        // The two characters after the surname character, read once.
        let mut ahead = Ahead::read(text, i + 3);
        // Pass over place names and frequent words whole, so their
        // second character starts no candidate (张家港 → 家港).
        if let Some(skip) = word_or_place_len(t, f, text, i, c, &mut ahead) {
            *last_end = i + skip;
        }
        if i < *last_end || i < fixed_end {
            return;
        }
        let after_dot = (i >= 2 && b[i - 2..i] == [0xC2, 0xB7])
            || (i >= 3 && b[i - 3..i] == [0xE2, 0x80, 0xA2]);
        if after_dot || headers.contains(i) {
            return;
        }
        let prev = char_before(text, i);
        // `1980年出生`, `3月`: a digit before is a date or a count.
        if prev.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
            return;
        }
        // Compound surname first (欧阳娜娜), then single.
        let mut best: Option<Candidate> = None;
        if f.compound_first.contains(c) {
            if let Some((c1, len1)) = ahead.g1 {
                if let Some(fq) = t.compound.get2(c, c1) {
                    let s_end = i + 3 + len1;
                    let two = Ahead::read(text, s_end);
                    best = evaluate(t, f, text, i, s_end, false, c, fq.max(1.0), prev, two);
                }
            }
        }
        if let Some(fq) = t.single.get(&c) {
            let single = evaluate(t, f, text, i, i + 3, true, c, *fq, prev, ahead);
            if single.as_ref().map(|c| c.score) > best.as_ref().map(|c| c.score) {
                best = single;
            }
        }
        let Some(cand) = best else {
            return;
        };
        if cand.score < 0.3 {
            // A word or a place name is passed over whole, so its
            // second character (张家港 → 家港) is no candidate; but not a
            // surname that closes it (村支书|张学文).
            if cand.checks & C_PASS_OVER != 0 {
                let last = prev_char(text, cand.end).filter(|c| t.surname_first.contains(*c));
                *last_end = match last {
                    Some(c) if cand.end - i > 6 => cand.end - c.len_utf8(),
                    _ => {
                        cand.end
                            + char_at(text, cand.end)
                                .filter(|(c, _)| is_place_suffix(*c))
                                .map_or(0, |(_, len)| len)
                    }
                };
            }
            return;
        }
        // A doubtful candidate (有何家) does not hide one that starts
        // inside it (何家兴得票): the better of the two is kept.
        *last_end = if cand.score < 0.6 {
            i + c.len_utf8()
        } else {
            cand.end
        };
        out.push(Finding {
            kind: Kind::PersonName,
            start: i,
            end: cand.end,
            text: text[i..cand.end].to_string(),
            score: cand.score.clamp(0.0, 1.0),
            evidence: crate::Evidence {
                checks: std::borrow::Cow::Borrowed(static_check_list(cand.checks)),
                context: cand.context.map(std::borrow::Cow::Borrowed),
            },
        });
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
    fn neighbours_in_land_boundaries() {
        assert_eq!(
            names("四至：东至刘宝山地，西至机耕路，南至防护林带，北至于长河地。"),
            vec!["刘宝山", "于长河"]
        );
        assert_eq!(names("东：山脊；南：保正华林地；西：箐沟"), vec!["保正华"]);
        // A family's land and a road are no neighbour's name.
        assert!(names("东至王家地，西至村道，南至河沟").is_empty());
        // The direction must open its clause.
        assert!(names("广东至张家界地区").is_empty());
    }

    #[test]
    fn the_other_items_of_a_list_of_names() {
        assert_eq!(
            names("评议小组成员：孔万里、孔春生、杨柳、孔繁荣\n"),
            vec!["孔万里", "孔春生", "杨柳", "孔繁荣"]
        );
        assert_eq!(
            names("超载的3户（多杰、才让加、洛藏）扣减"),
            vec!["多杰", "才让加", "洛藏"]
        );
        // A list of words and places is no list of names.
        assert!(names("高度重视、马上就办、严格落实").is_empty());
        assert!(names("涉及马店、龙潭、高塘三个村").is_empty());
    }

    #[test]
    fn given_names_ending_in_stop_characters() {
        assert_eq!(names("申请人：郑成日\n"), vec!["郑成日"]);
        assert_eq!(names("郑成日先生：你于2024年"), vec!["郑成日"]);
        assert_eq!(names("祁大成、毕春来等17人"), vec!["祁大成", "毕春来"]);
        assert_eq!(names("其妻那王氏为二级肢体残疾"), vec!["那王氏"]);
        // The preposition after a name opens the sentence.
        assert_eq!(names("被告高娃经传票传唤未到庭"), vec!["高娃"]);
        // 日 in a date or a word is no part of a name.
        assert!(names("2024年5月1日前").is_empty());
    }

    #[test]
    fn mongolian_rows_and_court_rolls() {
        assert_eq!(names("4，宝力道，220721197001011234\n"), vec!["宝力道"]);
        assert_eq!(
            names("审　判　长　额尔德木图\n人民陪审员　满都拉\n"),
            vec!["额尔德木图", "满都拉"]
        );
        assert_eq!(
            names("嘎查达：阿木古郎　　　嘎查会计：图雅"),
            vec!["阿木古郎", "图雅"]
        );
        // A word before an ID number in a sentence is no row.
        assert!(names("经核查，城市低保，220721197001011234").is_empty());
    }

    #[test]
    fn a_village_and_group_after_a_listed_name() {
        assert_eq!(names("　　1.金顺女，东盛涌镇仁化村3组，"), vec!["金顺女"]);
        // Not a name inside a phrase: 金秋时节，走进…镇…村.
        assert!(names("金秋时节，走进元阳县新街镇箐口村").is_empty());
    }

    #[test]
    fn parties_doing_things_in_notices() {
        assert_eq!(names("2023年韩永福以当归价格下跌为由拒绝"), vec!["韩永福"]);
        assert_eq!(
            names("案件名称：冷宏亮未取得道路运输经营许可"),
            vec!["冷宏亮"]
        );
        // Conjunctions are no verbs; words are no names.
        assert!(names("微信小程序、支付宝、云闪付以及各合作银行").is_empty());
        assert!(names("生前多领取的基本养老金已从遗属待遇中扣除").is_empty());
        // A unit in a sentence closes no list of places.
        assert_eq!(
            names("我局执法人员党建民、屈晓莉依法对你单位进行检查"),
            vec!["党建民", "屈晓莉"]
        );
        assert!(names("长兴岛经济区、普湾经济区、金普新区、高新区民政部门").is_empty());
    }

    #[test]
    fn rows_named_by_their_number() {
        assert_eq!(names("2.序号11马金锁系未满18周岁的孤儿"), vec!["马金锁"]);
        assert_eq!(names("3.序号9杨树林原为农村低保对象"), vec!["杨树林"]);
        assert_eq!(names("第7户罗城原为分散供养特困人员"), vec!["罗城"]);
    }

    #[test]
    fn places_that_open_with_a_name() {
        assert!(names("确定18名同志为呼伦贝尔市2024年度").is_empty());
        assert!(names("莫力达瓦达斡尔族自治旗纪委监委").is_empty());
    }

    #[test]
    fn words_around_role_words_are_no_names() {
        // The hearing, not a person; the surname closes 甲方; 经 and 由 are
        // prepositions before a word.
        assert!(names("听取了当事人陈述和申辩").is_empty());
        assert_eq!(names("损毁甲方马成虎承包地内"), vec!["马成虎"]);
        assert_eq!(names("承包方代表孙立国，身份证号"), vec!["孙立国"]);
        assert!(names("经学生家庭申请，由原告抚养").is_empty());
        assert!(names("事业单位公开招聘工作人员简章").is_empty());
    }

    #[test]
    fn names_in_court_police_and_news_styles() {
        assert_eq!(names("审　判　长　吴建成"), vec!["吴建成"]);
        assert_eq!(names("　　梁国栋　男　1975年11月"), vec!["梁国栋"]);
        assert_eq!(names("1  司马建华  男  159-3960-7731"), vec!["司马建华"]);
        assert_eq!(names("代领人:白建军"), vec!["白建军"]);
        assert_eq!(names("市长孙立国主持召开会议"), vec!["孙立国"]);
        // Regional surnames: 纳 (Hui), 粘 (Fujian).
        assert_eq!(names("驾驶人纳文军驾驶小型轿车"), vec!["纳文军"]);
        assert_eq!(names("人民陪审员　粘金水"), vec!["粘金水"]);
        // A clause that runs on to a company is no company name…
        assert_eq!(
            names("被告李春华驾驶挂靠于被告恒通公司的货车"),
            vec!["李春华"]
        );
        // …but a name that opens one is.
        assert!(names("由王建国建材有限公司承建").is_empty());
    }

    #[test]
    fn dotted_names_with_any_dot_and_dotted_places() {
        assert_eq!(
            names("6. 热合曼江・吐尔洪，男，维吾尔族"),
            vec!["热合曼江・吐尔洪"]
        );
        assert_eq!(names("申请人：买买提‧艾力，男"), vec!["买买提‧艾力"]);
        assert!(names("马街镇鲁布格村·大箐梁子\t12林班").is_empty());
    }

    #[test]
    fn long_names_in_a_name_column() {
        let t = "序号 | 姓名 | 性别 | 参保类型\n1 | 乌云毕力格 | 男 | 城乡居民\n";
        assert_eq!(names(t), vec!["乌云毕力格"]);
        let t = "| 死亡人员 | 死亡日期 | 领取人 |\n| 莫日根 | 2023-11-17 | 莫丽娟 |\n";
        assert_eq!(names(t), vec!["莫日根", "莫丽娟"]);
    }

    #[test]
    fn given_names_ending_like_places_and_stripped_leads() {
        assert_eq!(names("残疾军人宫长河，男，"), vec!["宫长河"]);
        assert_eq!(names("申请人：李占山，男"), vec!["李占山"]);
        // …but a place stays a place.
        assert!(names("途经马鞍山市区").is_empty());
        assert_eq!(names("违法行为人扎约，男，拉祜族"), vec!["扎约"]);
        assert_eq!(
            names("体检和考察等程序，确定努尔兰·别克等9名同志"),
            vec!["努尔兰·别克"]
        );
        assert_eq!(names("审 核 人：文静怡"), vec!["文静怡"]);
        assert_eq!(names("该地块被调整给村民武建平耕种,村委会"), vec!["武建平"]);
        let t = "日期　摘要　收款人/付款人　金额\n08-01　付运转经费　留固镇财政所　+150\n08-02　付工资　贾红旗　-3600\n";
        assert_eq!(names(t), vec!["贾红旗"]);
    }

    #[test]
    fn names_found_once_are_names_elsewhere() {
        // 向东 is a word; after a role word it is a name, and so it is
        // in the next sentence, but not inside 向东村 or 向东流.
        assert_eq!(
            names("种养大户向东一边查看虾苗。\n向东今年42岁，向东村的渠水向东流。"),
            vec!["向东", "向东"]
        );
        assert_eq!(
            names("原告：钟福来，男。\n与原告钟福来驾驶的电动车相撞"),
            vec!["钟福来", "钟福来"]
        );
    }

    #[test]
    fn addressees_of_reply_letters() {
        assert_eq!(
            names("方向东：\n    你于2024年3月提出申请。"),
            vec!["方向东"]
        );
        assert_eq!(names("皇甫明月：\n\n您好！"), vec!["皇甫明月"]);
        // A heading with a colon is no addressee.
        assert!(names("附件：\n你单位报送的材料").is_empty());
    }

    #[test]
    fn uyghur_and_kazakh_names_without_a_dot() {
        assert_eq!(names("种植能手巴哈古丽的丈夫"), vec!["巴哈古丽"]);
        assert_eq!(names("驻村工作队队员其木格正在帮助村民"), vec!["其木格"]);
        assert_eq!(names("李自成，男，彝族，1985年出生"), vec!["李自成"]);
    }

    #[test]
    fn dotted_names_stop_where_the_sentence_goes_on() {
        assert_eq!(
            names("本院受理原告阿迪力·买买提诉被告帕提古丽离婚纠纷一案"),
            vec!["阿迪力·买买提", "帕提古丽"]
        );
        assert_eq!(
            names("村民吐尔洪·买买提一边给鸽子喂食"),
            vec!["吐尔洪·买买提"]
        );
        assert_eq!(
            names("村务监督委员会：蒋平、赵春来、唐甜甜\n"),
            vec!["蒋平", "赵春来", "唐甜甜"]
        );
    }

    #[test]
    fn names_before_reporting_verbs() {
        assert_eq!(names("会议听取了镇征地办古志强的汇报。"), vec!["古志强"]);
        assert!(names("会议强调，要严格落实。").is_empty());
    }

    #[test]
    fn words_as_names_after_a_role_word_and_colon() {
        assert_eq!(names("负责人：万元，该公司经理。"), vec!["万元"]);
        assert_eq!(names("执法人员：石头、田间\n"), vec!["石头", "田间"]);
        assert_eq!(names("林业站站长:惠建设        镇长"), vec!["惠建设"]);
        // Without the role word, the words stay words.
        assert!(names("资金：万元。").is_empty());
    }

    #[test]
    fn two_character_names_padded_to_three() {
        let t = "序号　姓名　性别\n1　邓　华　男\n2　王　芳　女\n3　李建国　男\n";
        assert_eq!(names(t), vec!["邓\u{3000}华", "王\u{3000}芳", "李建国"]);
        assert!(names("高　度　重　视").is_empty());
        assert!(names("马　上　办").is_empty());
    }

    #[test]
    fn name_shaped_and_partly_place_shaped_names() {
        assert_eq!(names("上表中第5户温淑芬本人申请隐去账号"), vec!["温淑芬"]);
        assert_eq!(names("我局已约谈项目经理江海潮，并计入"), vec!["江海潮"]);
        // A role word says a person follows, even a name that is a word.
        assert_eq!(names("该公司安全员杨树林未持证上岗"), vec!["杨树林"]);
        // 因 ends a given name.
        assert!(!names("与邻居刘岗因宅基地发生纠纷").contains(&"刘岗因".to_string()));
    }

    #[test]
    fn tibetan_and_mongolian_names() {
        assert_eq!(
            names("入党介绍人：达瓦次仁、周晓东。"),
            vec!["达瓦次仁", "周晓东"]
        );
        assert_eq!(
            names("入党介绍人：格桑曲珍、索朗旺堆。"),
            vec!["格桑曲珍", "索朗旺堆"]
        );
        assert_eq!(names("社区党委书记：格桑曲珍　联系电话"), vec!["格桑曲珍"]);
        assert_eq!(
            names("入党介绍人：普布、达瓦次仁。"),
            vec!["普布", "达瓦次仁"]
        );
        // An element alone, with nothing to say it is a name, is not one.
        assert!(names("拉巴、多吉").is_empty());
        // After a role word without a colon; Yi clan names.
        assert_eq!(names("本报讯（记者 泽仁拉姆 通讯员"), vec!["泽仁拉姆"]);
        assert_eq!(names("其孙边巴次仁（18802064519）"), vec!["边巴次仁"]);
        assert_eq!(
            names("查封被执行人沙马拉则名下号牌为川W3A7的车辆"),
            vec!["沙马拉则"]
        );
        assert_eq!(names("联系人次旦。"), vec!["次旦"]);
    }

    #[test]
    fn names_listed_with_names() {
        assert_eq!(
            names("县领导覃建新、黄金龙参加调研。"),
            vec!["覃建新", "黄金龙"]
        );
        assert_eq!(
            names("高一（9）班：霍雨桐　贺一鸣　路可欣"),
            vec!["霍雨桐", "贺一鸣", "路可欣"]
        );
        // A cut-off word and a table cell next to a name are no names.
        assert_eq!(
            names("（被询问人：皇甫静、车间主任蒋国栋）"),
            vec!["皇甫静", "蒋国栋"]
        );
        assert_eq!(names("3　3　900　郭红梅　单人保　3415"), vec!["郭红梅"]);
        assert_eq!(names("3　3　900　郭红梅　单人保"), vec!["郭红梅"]);
        // Places listed after a name stay places.
        assert_eq!(names("户主王建国、马店镇、龙潭村"), vec!["王建国"]);
    }

    #[test]
    fn words_after_titles_are_no_names() {
        assert!(names("通过县长信箱、局长信箱受理群众来信").is_empty());
        assert_eq!(names("局长信箱由经办人王建国负责"), vec!["王建国"]);
        // Weak role words (居民) and words missing from the word list.
        assert!(names("城乡居民养老保险股").is_empty());
        assert!(names("村村响广播、微信群等多种渠道").is_empty());
        // Words that jieba often tags as names.
        assert!(names("如遇雷雨等恶劣天气").is_empty());
        assert!(names("送去热气腾腾的汤圆和新春祝福").is_empty());
        assert!(names("油茶、苗木花卉等特色产业").is_empty());
        // Summary rows under a 姓名 header.
        assert_eq!(
            names("序号\t姓名\t金额\n1\t王建国\t300\n\t小计\t300\n"),
            vec!["王建国"]
        );
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
        // TUOMIN_DEBUG="text|surname;text|surname" replaces the examples.
        let env = std::env::var("TUOMIN_DEBUG").unwrap_or_default();
        let mut cases: Vec<(&str, &str)> =
            env.split(';').filter_map(|c| c.split_once('|')).collect();
        if cases.is_empty() {
            cases = vec![
                ("（九）彭新，住霍邱县", "彭"),
                ("6. 黄家兰，住霍邱县", "黄"),
                ("经审核，操志强等20户", "操"),
            ];
        }
        for (text, sur) in cases {
            let i = text.find(sur).unwrap();
            let f = t
                .single
                .get(&sur.chars().next().unwrap())
                .copied()
                .unwrap_or(0.0);
            let c = super::evaluate(
                t,
                super::fast(),
                text,
                i,
                i + sur.len(),
                sur.chars().count() == 1,
                sur.chars().next().unwrap(),
                f,
                super::char_before(text, i),
                super::Ahead::read(text, i + sur.len()),
            );
            println!(
                "{text}: {:?}",
                c.map(|c| (
                    text[i..c.end].to_string(),
                    c.score,
                    super::check_list(c.checks)
                ))
            );
        }
        let mut texts: Vec<&str> = env
            .split(';')
            .filter_map(|c| c.split_once('|'))
            .map(|c| c.0)
            .collect();
        if texts.is_empty() {
            texts = vec![
                "经审核，操志强等20户符合",
                "1. 操志强，住安徽省六安市金寨",
                "15．公孙敏云，女，1994年3月",
                "经营者：常德明\n经营场所",
                "审核人：周玉峰    财政所长",
            ];
        }
        for text in texts {
            println!(
                "raw {text}: {:?}",
                crate::detectors::found(&super::PersonName, text)
            );
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
    fn anchors_after_full_width_punctuation_go_on_with_a_gender() {
        // The main loop looks for these anchors only before 男 or 女.
        for w in super::ROLE_STRICT
            .iter()
            .chain(super::GENDER)
            .chain(super::FIXED_TERMS)
        {
            let mut cs = w.chars();
            let first = cs.next().unwrap();
            if !super::is_han(first) {
                assert!(matches!(first, '，' | '（'), "{w}");
                assert!(matches!(cs.next(), Some('男' | '女')), "{w}");
            }
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
