//! Dictionaries compiled into the binary from `dictionaries/*.tsv`.
//!
//! Each table is parsed once, on first use, into a compact structure.
//! The files are reviewed data with their origin in
//! `dictionaries/SOURCES.md`; the default build needs no file at run time.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const REGION_CODES: &str = include_str!("../../../dictionaries/region_codes.tsv");
const AREA_CODES: &str = include_str!("../../../dictionaries/area_codes.tsv");
const BANK_BINS: &str = include_str!("../../../dictionaries/bank_bins.tsv");
const SURNAMES: &str = include_str!("../../../dictionaries/surnames.tsv");
const SURNAMES_EXTRA: &str = include_str!("../../../dictionaries/surnames_extra.tsv");
const PROVINCE_ALIAS: &str = include_str!("../../../dictionaries/province_alias.tsv");

/// Data rows of a TSV file: comment (`#`) and blank lines skipped,
/// fields split on tabs.
pub(crate) fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// How much a region code is to be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    /// A real division (current or abolished).
    Real,
    /// `xx00`/`xx01` placeholders and `xx7x` development zones: real IDs
    /// carry them, but they are weaker evidence.
    Weak,
}

/// GB/T 2260 region codes, current and historical.
pub(crate) struct Regions {
    codes: HashMap<u32, Region>,
}

impl Regions {
    pub fn get(&self, code: u32) -> Option<Region> {
        self.codes.get(&code).copied()
    }
}

pub(crate) fn regions() -> &'static Regions {
    static R: OnceLock<Regions> = OnceLock::new();
    R.get_or_init(|| {
        let mut codes = HashMap::with_capacity_and_hasher(8192, Default::default());
        for row in rows(REGION_CODES) {
            let Some(code) = row.first().and_then(|c| c.parse::<u32>().ok()) else {
                continue;
            };
            let flag = row.get(5).copied().unwrap_or("");
            let region = if flag.is_empty() {
                Region::Real
            } else {
                Region::Weak
            };
            // A code listed as real anywhere stays real.
            let e = codes.entry(code).or_insert(region);
            if region == Region::Real {
                *e = Region::Real;
            }
        }
        Regions { codes }
    })
}

/// Landline area codes (区号) without the trunk `0`'s meaning lost: stored
/// as the full string, `010`, `0551`.
pub(crate) fn area_codes() -> &'static HashSet<&'static str> {
    static A: OnceLock<HashSet<&'static str>> = OnceLock::new();
    A.get_or_init(|| {
        rows(AREA_CODES)
            .filter_map(|r| r.first().copied())
            .filter(|c| c.len() >= 3 && c.len() <= 4 && c.starts_with('0'))
            .collect()
    })
}

/// A bank identification number (the leading digits of a card).
#[derive(Debug, Clone)]
pub(crate) struct Bin {
    /// The issuing bank (kept for reports and future evidence text).
    #[allow(dead_code)]
    pub bank: &'static str,
    /// Card lengths the issuer uses; empty when unknown.
    pub lengths: Vec<usize>,
}

pub(crate) struct Bins {
    by_prefix: HashMap<&'static str, Bin>,
    min_len: usize,
    max_len: usize,
}

impl Bins {
    /// The longest BIN that `digits` starts with.
    pub fn lookup(&self, digits: &str) -> Option<&Bin> {
        let max = self.max_len.min(digits.len());
        (self.min_len..=max)
            .rev()
            .find_map(|n| self.by_prefix.get(&digits[..n]))
    }
}

pub(crate) fn bins() -> &'static Bins {
    static B: OnceLock<Bins> = OnceLock::new();
    B.get_or_init(|| {
        let mut by_prefix = HashMap::default();
        let (mut min_len, mut max_len) = (usize::MAX, 0);
        for r in rows(BANK_BINS) {
            let Some(prefix) = r.first().copied() else {
                continue;
            };
            if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let lengths = r
                .get(3)
                .map(|l| l.split(',').filter_map(|x| x.trim().parse().ok()).collect())
                .unwrap_or_default();
            min_len = min_len.min(prefix.len());
            max_len = max_len.max(prefix.len());
            by_prefix.entry(prefix).or_insert(Bin {
                bank: r.get(1).copied().unwrap_or(""),
                lengths,
            });
        }
        if by_prefix.is_empty() {
            min_len = 0;
        }
        Bins {
            by_prefix,
            min_len,
            max_len,
        }
    })
}

/// Surnames, single and compound, with their frequency in per mille
/// (0 where the sources give none).
pub(crate) struct Surnames {
    pub freq: HashMap<&'static str, f32>,
    pub compound: Vec<&'static str>,
}

pub(crate) fn surnames() -> &'static Surnames {
    static S: OnceLock<Surnames> = OnceLock::new();
    S.get_or_init(|| {
        let mut freq = HashMap::default();
        let mut compound = Vec::new();
        for r in rows(SURNAMES).chain(rows(SURNAMES_EXTRA)) {
            let Some(name) = r.first().copied().filter(|n| !n.is_empty()) else {
                continue;
            };
            let f = r.get(1).and_then(|f| f.parse::<f32>().ok()).unwrap_or(0.0);
            freq.insert(name, f);
            if name.chars().count() == 2 {
                compound.push(name);
            }
        }
        compound.sort_unstable();
        Surnames { freq, compound }
    })
}

/// Byte length of the compound surname (欧阳, 司马 …) `name` starts with.
///
/// ```ignore
/// assert_eq!(compound_surname_len("欧阳娜娜"), Some(6));
/// ```
pub(crate) fn compound_surname_len(name: &str) -> Option<usize> {
    surnames()
        .compound
        .iter()
        .find(|c| name.starts_with(**c) && name.len() > c.len())
        .map(|c| c.len())
}

/// Licence-plate province abbreviations (皖, 京 …).
pub(crate) fn province_aliases() -> &'static HanSet {
    static P: OnceLock<HanSet> = OnceLock::new();
    P.get_or_init(|| {
        HanSet::new(
            rows(PROVINCE_ALIAS)
                .filter_map(|r| r.first().copied())
                .filter(|a| a.chars().count() == 1)
                .filter_map(|a| a.chars().next()),
        )
    })
}

const GIVEN_NAME_CHARS: &str = include_str!("../../../dictionaries/given_name_chars.tsv");
const WORD_FREQ: &str = include_str!("../../../dictionaries/word_freq.tsv");
const COMMON_WORDS: &str = include_str!("../../../dictionaries/common_words.tsv");
const WORDS_EXTRA: &str = include_str!("../../../dictionaries/words_extra.tsv");
const AMBIGUOUS_NAMES: &str = include_str!("../../../dictionaries/ambiguous_names.tsv");
const JIEBA_NAMES: &str = include_str!("../../../dictionaries/jieba_names.tsv");
const TOWNSHIPS: &str = include_str!("../../../dictionaries/townships.tsv");
const MINORITY_NAME_PARTS: &str = include_str!("../../../dictionaries/minority_name_parts.tsv");

/// Elements of Tibetan and Mongolian personal names (扎西, 次仁, 乌云,
/// 毕力格), which carry no surname, and Yi clan names (沙马, 曲比): each
/// with whether it is a Yi clan name.
pub(crate) fn minority_name_parts() -> &'static HashMap<&'static str, bool> {
    static P: OnceLock<HashMap<&'static str, bool>> = OnceLock::new();
    P.get_or_init(|| {
        rows(MINORITY_NAME_PARTS)
            .filter_map(|r| Some((*r.first()?, r.get(1) == Some(&"yi"))))
            .collect()
    })
}

/// A set of Han characters (U+3400..U+9FFF) as a bitset: one lookup per
/// character in the scanner's hot loop.
pub(crate) struct HanSet {
    bits: Vec<u64>,
}

const HAN_BASE: u32 = 0x3400;
const HAN_END: u32 = 0xA000;

impl HanSet {
    pub(crate) fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut bits = vec![0u64; ((HAN_END - HAN_BASE) as usize).div_ceil(64)];
        for c in chars {
            let u = c as u32;
            if (HAN_BASE..HAN_END).contains(&u) {
                let i = (u - HAN_BASE) as usize;
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        HanSet { bits }
    }

    /// Is `c` in the range a `HanSet` holds?
    pub(crate) fn in_range(c: char) -> bool {
        (HAN_BASE..HAN_END).contains(&(c as u32))
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let u = c as u32;
        if !(HAN_BASE..HAN_END).contains(&u) {
            return false;
        }
        let i = (u - HAN_BASE) as usize;
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A map from characters to values: a dense array over the Han blocks
/// (U+3400..U+9FFF), a hash map for anything else. One index per lookup
/// in the hot loop instead of a hash.
pub(crate) struct HanMap<V> {
    dense: Vec<Option<V>>,
    other: HashMap<char, V>,
}

impl<V> HanMap<V> {
    fn new(pairs: impl IntoIterator<Item = (char, V)>) -> Self {
        let mut m = HanMap {
            dense: std::iter::repeat_with(|| None)
                .take((HAN_END - HAN_BASE) as usize)
                .collect(),
            other: HashMap::default(),
        };
        for (c, v) in pairs {
            let u = c as u32;
            if (HAN_BASE..HAN_END).contains(&u) {
                m.dense[(u - HAN_BASE) as usize] = Some(v);
            } else {
                m.other.insert(c, v);
            }
        }
        m
    }

    /// The value of `c`, if any.
    #[inline]
    pub fn get(&self, c: &char) -> Option<&V> {
        let u = *c as u32;
        if (HAN_BASE..HAN_END).contains(&u) {
            self.dense[(u - HAN_BASE) as usize].as_ref()
        } else {
            self.other.get(c)
        }
    }
}

/// A map from words to values. Two-character words (most lookups) are
/// keyed by their two code points packed in a `u64`: no string hashing,
/// no byte comparison, and [`WordMap::get2`] needs no string at all.
pub(crate) struct WordMap<V> {
    two: HashMap<u64, V>,
    other: HashMap<&'static str, V>,
}

/// The packed key of a two-character word, or `None` for other lengths.
#[inline]
fn pair_key(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    // The common case, two characters of three bytes each, decoded
    // directly.
    if b.len() == 6 && (0xE0..0xF0).contains(&b[0]) && (0xE0..0xF0).contains(&b[3]) {
        let dec = |x: &[u8]| {
            (u32::from(x[0] & 0x0F) << 12) | (u32::from(x[1] & 0x3F) << 6) | u32::from(x[2] & 0x3F)
        };
        return Some((u64::from(dec(&b[..3])) << 32) | u64::from(dec(&b[3..])));
    }
    if b.len() > 8 {
        return None;
    }
    let mut cs = w.chars();
    let (a, b) = (cs.next()?, cs.next()?);
    cs.next().is_none().then_some(pair(a, b))
}

#[inline]
fn pair(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

impl<V> WordMap<V> {
    /// Later pairs replace earlier ones with the same word.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut m = WordMap {
            two: HashMap::default(),
            other: HashMap::default(),
        };
        for (w, v) in pairs {
            match pair_key(w) {
                Some(k) => m.two.insert(k, v),
                None => m.other.insert(w, v),
            };
        }
        m
    }

    /// The value of word `w`, if any.
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        match pair_key(w) {
            Some(k) => self.two.get(&k),
            None => self.other.get(w),
        }
    }

    /// The value of the two-character word `ab`, if any.
    #[inline]
    pub fn get2(&self, a: char, b: char) -> Option<&V> {
        self.two.get(&pair(a, b))
    }

    /// Is `w` in the map?
    #[inline]
    pub fn contains_key(&self, w: &str) -> bool {
        self.get(w).is_some()
    }
}

/// Everything the person-name and address detectors look up.
pub(crate) struct NameTables {
    /// First characters of surnames (single and compound).
    pub surname_first: HanSet,
    /// Single-character surnames with their frequency in per mille.
    pub single: HanMap<f32>,
    /// Compound surnames with their frequency in per mille.
    pub compound: WordMap<f32>,
    /// Given-name characters with their frequency (parts per million of
    /// given-name characters).
    pub given: HanMap<f32>,
    /// Ordinary words that start with a surname character, with their
    /// corpus frequency.
    pub words: WordMap<u32>,
    /// Names listed in the jieba dictionary.
    pub known_names: HashSet<&'static str>,
    /// Frequent dictionary entries tagged as names that are mostly
    /// ordinary words (许可, 朱红, 高峰).
    pub ambiguous: HashSet<&'static str>,
}

pub(crate) fn name_tables() -> &'static NameTables {
    static T: OnceLock<NameTables> = OnceLock::new();
    T.get_or_init(|| {
        let mut single = Vec::new();
        let mut compound = Vec::new();
        for (name, f) in &surnames().freq {
            let mut cs = name.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(c), None, _) => single.push((c, *f)),
                (Some(_), Some(_), None) => compound.push((*name, *f)),
                _ => {}
            }
        }
        let (single, compound) = (HanMap::new(single), WordMap::new(compound));
        let surname_first = HanSet::new(surnames().freq.keys().filter_map(|n| n.chars().next()));
        let given = HanMap::new(rows(GIVEN_NAME_CHARS).filter_map(|r| {
            let c = r.first()?.chars().next()?;
            Some((c, r.get(1)?.parse::<f32>().ok()?))
        }));
        // Full names of well-known people (李自成, 张居正, 刘自强) are
        // names whoever bears them: three characters tagged nrfg whose
        // given part is made of given-name characters are no words.
        let famous = |r: &[&str]| {
            let w = r.first().copied().unwrap_or_default();
            r.get(2) == Some(&"nrfg")
                && w.chars().count() == 3
                && w != "马自达"
                && w.chars()
                    .skip(1)
                    .all(|c| given.get(&c).is_some_and(|p| *p >= 100.0))
        };
        let words = WordMap::new(
            rows(WORD_FREQ)
                .filter(|r| !famous(r))
                .chain(rows(COMMON_WORDS))
                .chain(rows(WORDS_EXTRA))
                .filter_map(|r| Some((*r.first()?, r.get(1)?.parse::<u32>().ok()?))),
        );
        // Two-character "names" that jieba sees often (雷雨 195, 汤圆 79,
        // 苗木 72) are mostly ordinary words too: as doubtful as the
        // listed ambiguous ones (real names sit far lower).
        let frequent_names = rows(JIEBA_NAMES).filter_map(|r| {
            let w = *r.first()?;
            let f: u32 = r.get(1)?.parse().ok()?;
            (w.chars().count() == 2 && f >= 50).then_some(w)
        });
        let ambiguous = rows(AMBIGUOUS_NAMES)
            .filter_map(|r| r.first().copied())
            .chain(frequent_names)
            .collect();
        let known_names = rows(JIEBA_NAMES)
            .chain(rows(WORD_FREQ).filter(|r| famous(r)))
            .filter_map(|r| r.first().copied())
            .collect();
        NameTables {
            surname_first,
            single,
            compound,
            given,
            words,
            known_names,
            ambiguous,
        }
    })
}

/// Administrative division names: full names (安徽省, 霍邱县, 户胡镇) and
/// short names without their suffix (霍邱, 户胡).
pub(crate) struct Places {
    pub full: HashSet<&'static str>,
    pub short: HashSet<&'static str>,
    /// The last characters of the full names (县, 镇, 乡 …, and the odd
    /// `）`): a text whose last character is not among them is no full
    /// name, found without hashing the text.
    full_last: HanSet,
    full_last_other: HashSet<char>,
}

impl Places {
    /// Can a full name end with `c`?
    #[inline]
    pub fn may_end_full_name(&self, c: char) -> bool {
        self.full_last.contains(c) || self.full_last_other.contains(&c)
    }
}

/// Suffixes of administrative names, longest first.
pub(crate) const ADMIN_SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "民族乡",
    "街道办事处",
    "街道",
    "地区",
    "新区",
    "林区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
    "镇",
    "乡",
    "苏木",
];

pub(crate) fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let mut full = HashSet::default();
        for r in rows(REGION_CODES).chain(rows(TOWNSHIPS)) {
            // The source lists a few units by their kind alone (街道,
            // 开发区, 工业园区, 城区): no name of a place.
            if let Some(name) = r.get(1).copied().filter(|n| {
                // …or by a phrase that opens with 县 (县经济开发区, 县开发区).
                n.chars().count() >= 2
                    && !(n.starts_with('县') && n.contains("开发区"))
                    && !matches!(
                        *n,
                        "街道"
                            | "开发区"
                            | "工业园区"
                            | "园区"
                            | "城区"
                            | "新区"
                            | "林场"
                            | "农场"
                            | "牧场"
                            | "高新区"
                            | "经济开发区"
                    )
            }) {
                full.insert(name);
            }
        }
        let mut short = HashSet::default();
        for name in &full {
            for suf in ADMIN_SUFFIXES {
                if let Some(s) = name.strip_suffix(suf) {
                    if s.chars().count() >= 2 {
                        short.insert(s);
                    }
                    break;
                }
            }
        }
        let lasts = || full.iter().filter_map(|n| n.chars().next_back());
        let full_last = HanSet::new(lasts());
        let full_last_other = lasts().filter(|c| !HanSet::in_range(*c)).collect();
        Places {
            full,
            short,
            full_last,
            full_last_other,
        }
    })
}

impl<V: Copy> WordMap<V> {
    /// The two-character words, each as its two code points packed in a
    /// `u64` (first in the high half), with its value.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.two.iter().map(|(k, v)| (*k, *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_full_place_name_may_end_with_its_last_character() {
        let p = places();
        for name in &p.full {
            let last = name.chars().next_back().unwrap();
            assert!(p.may_end_full_name(last), "{name}");
        }
        assert!(p.may_end_full_name('县'));
        assert!(!p.may_end_full_name('的'));
    }

    #[test]
    fn regions_hold_current_and_abolished_codes() {
        let r = regions();
        assert_eq!(r.get(341522), Some(Region::Real)); // 霍邱县
        assert_eq!(r.get(110105), Some(Region::Real)); // 朝阳区
        assert!(r.get(342401).is_some()); // 六安市 (abolished 2000)
        assert!(r.get(999999).is_none());
    }

    #[test]
    fn area_codes_include_retired() {
        let a = area_codes();
        assert!(a.contains("010"));
        assert!(a.contains("0551"));
        assert!(!a.contains("0000"));
    }

    #[test]
    fn bins_find_longest_prefix() {
        let b = bins().lookup("6228481234567890123").map(|b| b.bank);
        assert!(b.is_some_and(|b| b.contains("农业")), "{b:?}");
    }

    #[test]
    fn compound_surnames() {
        assert_eq!(compound_surname_len("欧阳娜娜"), Some(6));
        assert_eq!(compound_surname_len("张三"), None);
        assert!(surnames().freq.contains_key("王"));
        assert!(province_aliases().contains('皖'));
    }
}
