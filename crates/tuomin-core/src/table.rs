//! Tables flattened to text (tab-, pipe-, comma- or space-separated
//! columns): the cells that stand under a 姓名 or 住址 header.
//!
//! Relief lists and subsidy tables are published as tables; the header
//! tells what each column holds far better than any guess from the cell.

/// What a column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// 姓名, 户主姓名, 申请人 …
    Name,
    /// 家庭住址, 住址, 房屋坐落 …
    Address,
    /// 银行账号, 一卡通账号, 卡号 …
    Account,
    /// 联系电话, 手机号码 …
    Phone,
    /// 身份证号, 证件号码 …
    IdNumber,
    /// Numbers that are no personal data: 准考证号, 职位代码, 编号, 工号 …
    Code,
}

/// A cell under a known header: `start..end` is its trimmed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub start: usize,
    pub end: usize,
    pub column: Column,
}

const NAME_HEADERS: &[&str] = &[
    "姓名",
    "户主姓名",
    "户主",
    "申请人",
    "申请人姓名",
    "被征收人",
    "被征收人姓名",
    "被拆迁人",
    "当事人",
    "收款人",
    "领款人",
    "户名",
    "账户名",
    "救助对象",
    "保障对象",
    "对象姓名",
    "拟聘人员",
    "拟聘用人员",
    "考生姓名",
    "人员姓名",
    "家庭成员",
    "成员姓名",
    "持卡人",
    "补贴对象",
    "受助人",
    "权利人",
    "产权人",
    "联系人",
    "负责人",
    "监护人",
    "姓 名",
    "领取人",
    "代领人",
    "死亡人员",
    "死者",
    "参保人",
    "参保人员",
    "被保险人",
    "继承人",
    "经办人",
    "获奖人",
    "获奖学生",
    "拟任人选",
    "推荐人选",
];

const ADDRESS_HEADERS: &[&str] = &[
    "住址",
    "家庭住址",
    "家庭地址",
    "地址",
    "居住地址",
    "现住址",
    "住所",
    "户籍地址",
    "户籍地",
    "通讯地址",
    "联系地址",
    "房屋坐落",
    "房屋地址",
    "坐落",
    "所在地址",
    "详细地址",
    "户籍所在地",
];

/// Words that appear in header cells: 姓名, 住址, 账号 …
fn header_words() -> &'static aho_corasick::AhoCorasick {
    static A: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        let mut words: Vec<&str> = vec![
            "姓名",
            "住址",
            "地址",
            "账号",
            "帐号",
            "卡号",
            "账户",
            "帐户",
            "电话",
            "手机",
            "联系方式",
            "身份证",
            "证件号",
            "身份号码",
            "姓 名",
            "坐落",
        ];
        words.extend(CODE_LABELS.iter().copied());
        words.extend(NAME_HEADERS.iter().copied());
        words.extend(ADDRESS_HEADERS.iter().copied());
        words.extend(PERSON_SUFFIX_WORDS.iter().copied());
        // Only `is_match` is asked: a word that holds another (户主姓名
        // holds 姓名) adds nothing, and a short list keeps the automaton's
        // vectorized prefilter (it has a limit on patterns).
        let all = words.clone();
        words.retain(|w| !all.iter().any(|o| o != w && w.contains(o)));
        words.sort_unstable();
        words.dedup();
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(words)
            .expect("valid patterns")
    })
}

/// Does `hay` hold `needle` (one of a few fixed separators)? The
/// searchers are built once: building one per short line cost more than
/// the search.
fn has(hay: &[u8], needle: &'static str) -> bool {
    use memchr::memmem::Finder;
    use std::sync::OnceLock;
    static FINDERS: OnceLock<[Finder<'static>; 4]> = OnceLock::new();
    const NEEDLES: [&str; 4] = ["｜", "  ", "\u{3000}", "："];
    let finders = FINDERS.get_or_init(|| NEEDLES.map(Finder::new));
    match NEEDLES.iter().position(|n| *n == needle) {
        Some(k) => finders[k].find(hay).is_some(),
        None => memchr::memmem::find(hay, needle.as_bytes()).is_some(),
    }
}

/// How the columns of a flattened table are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    Tab,
    Pipe,
    Comma,
    Spaces,
    /// Single ASCII spaces (`1 巴特尔 乌丹镇 …`): Chinese prose has almost
    /// none, so a header line split by them is a table.
    Space,
}

/// The column separator of a line: tab before pipe before runs of
/// spaces before comma (each looked for with a vectorized search).
pub(crate) fn sep_of(line: &str) -> Option<Sep> {
    use memchr::memchr;
    let b = line.as_bytes();
    if memchr(b'\t', b).is_some() {
        Some(Sep::Tab)
    } else if memchr(b'|', b).is_some() || has(b, "｜") {
        Some(Sep::Pipe)
    } else if has(b, "  ") || has(b, "\u{3000}") {
        Some(Sep::Spaces)
    } else if memchr(b',', b).is_some() {
        Some(Sep::Comma)
    } else if memchr(b' ', b).is_some() {
        Some(Sep::Space)
    } else {
        None
    }
}

/// Split a line (starting at byte `base`) into trimmed cells.
///
/// Every separator is ASCII or starts with `E3`/`EF` (U+3000, `｜`), so
/// the line is read byte by byte; cells start and end on characters.
fn cells(line: &str, base: usize, sep: Sep) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut push = |s: usize, e: usize| {
        let piece = &line[s..e];
        let mut lead = piece.len() - piece.trim_start_matches([' ', '\u{3000}', '\t']).len();
        let mut trail = piece.len() - piece.trim_end_matches([' ', '\u{3000}', '\t', '\r']).len();
        // A quoted CSV field (`"何永福"`): the value inside the quotes.
        let inner = piece
            .get(lead..piece.len().saturating_sub(trail))
            .unwrap_or_default();
        if sep == Sep::Comma && inner.len() >= 2 && inner.starts_with('"') && inner.ends_with('"') {
            lead += 1;
            trail += 1;
        }
        if s + lead < e.saturating_sub(trail) {
            out.push((base + s + lead, base + e - trail));
        } else {
            out.push((base + s, base + s));
        }
    };
    let b = line.as_bytes();
    // The byte length of a space separator character at `i` (` `, U+3000).
    let space_at = |i: usize| match b.get(i) {
        Some(b' ') => 1,
        Some(0xE3) if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    };
    // The first byte of every separator of `sep`.
    let (first, other) = match sep {
        Sep::Tab => (b'\t', b'\t'),
        Sep::Pipe => (b'|', 0xEF),
        Sep::Comma => (b',', b','),
        Sep::Spaces => (b' ', 0xE3),
        Sep::Space => (b' ', b' '),
    };
    let mut start = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr2(first, other, &b[i..]) {
        i += k;
        // The length of the separator at `i`, 0 when there is none.
        let len = match (sep, b[i]) {
            (Sep::Tab, b'\t') | (Sep::Pipe, b'|') | (Sep::Comma, b',') | (Sep::Space, b' ') => 1,
            (Sep::Pipe, 0xEF) if b.get(i + 1..i + 3) == Some(&[0xBD, 0x9C]) => 3,
            (Sep::Spaces, 0xE3) => space_at(i),
            (Sep::Spaces, b' ') if space_at(i + 1) > 0 => 1,
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        let mut j = i + len;
        if sep == Sep::Spaces {
            loop {
                let n = space_at(j);
                if n == 0 {
                    break;
                }
                j += n;
            }
        }
        push(start, i);
        start = j;
        i = j;
    }
    push(start, line.len());
    out
}

fn header_kind(cell: &str) -> Option<Column> {
    // 20 characters: a label with a note (一卡通账号（社保卡/银行卡）).
    if cell.len() > 60 {
        return None;
    }
    let owned: String;
    let bare: &str = if cell.contains(char::is_whitespace) {
        owned = cell.chars().filter(|c| !c.is_whitespace()).collect();
        &owned
    } else {
        cell
    };
    // Every header below holds one of the header words: most cells (the
    // data rows of a table) are rejected by one automaton run.
    if !header_words().is_match(bare) {
        return None;
    }
    if NAME_HEADERS.contains(&bare)
        || (bare.ends_with("姓名") && bare.chars().count() <= 8)
        || person_label(bare)
    {
        Some(Column::Name)
    } else if ADDRESS_HEADERS.contains(&bare)
        || ((bare.ends_with("住址") || bare.ends_with("地址")) && bare.chars().count() <= 8)
    {
        Some(Column::Address)
    } else if strip_note(bare).chars().count() > 12 {
        None
    } else {
        label_kind(bare)
    }
}

/// A label without the note in brackets after it: 身份证号（后六位） →
/// 身份证号.
fn strip_note(bare: &str) -> &str {
    match bare.strip_suffix(['）', ')']) {
        Some(s) => s.rfind(['（', '(']).map_or(bare, |i| &bare[..i]),
        None => bare,
    }
}

/// A label for a person (被执行人, 被补偿人, 购机者, 申请户主,
/// 收款人/付款人): a role word ending in 人 or 者, or one with 户主;
/// not a count or kind of people (个人, 人数, 法人).
fn person_label(bare: &str) -> bool {
    bare.split(['/', '／', '、'])
        .filter(|part| !part.is_empty())
        .all(|part| {
            let n = part.chars().count();
            (2..=7).contains(&n)
                && (part.ends_with('人') || part.ends_with('者') || part.ends_with("户主"))
                && PERSON_SUFFIX_WORDS.iter().any(|w| part.ends_with(w))
        })
}

/// Role words ending a person label (every one holds a header word of
/// [`header_words`], so the line gate lets its line through).
const PERSON_SUFFIX_WORDS: &[&str] = &[
    "执行人",
    "补偿人",
    "款人",
    "购机者",
    "申请者",
    "户主",
    "申请人",
    "当事人",
    "代理人",
    "承包人",
    "继承人",
    "监护人",
    "联系人",
    "负责人",
    "责任人",
    "经办人",
    "受益人",
    "权利人",
    "产权人",
    "领取人",
    "参保人",
    "被保险人",
    "持卡人",
    "收款人",
    "领款人",
    "付款人",
    "经营者",
    "所有人",
    "被处罚人",
    "发包人",
];

/// The column a label names by its last word (银行账号, 联系电话,
/// 身份证号码, 手机号（选填）): a cell that merely holds the word in
/// a sentence (`电话逐一督催`) is no label.
fn label_kind(bare: &str) -> Option<Column> {
    // A note in brackets after the label: 身份证号（后六位）.
    let label = strip_note(bare);
    let word = ["号码", "号", "码"]
        .iter()
        .find_map(|t| label.strip_suffix(t))
        .into_iter()
        .chain([label]);
    for w in word {
        for (ends, kind) in [
            (
                &["账号", "帐号", "卡号", "账户", "帐户"][..],
                Column::Account,
            ),
            (&["电话", "手机", "联系方式"][..], Column::Phone),
            (
                &["身份证", "证件号", "证件", "身份号码", "证件编号"][..],
                Column::IdNumber,
            ),
        ] {
            if ends.iter().any(|e| w.ends_with(e)) {
                return Some(kind);
            }
        }
    }
    (CODE_LABELS.iter().any(|e| label.ends_with(e)) && !label.contains("身份"))
        .then_some(Column::Code)
}

/// Labels of columns of numbers that are no personal data (an 11-digit
/// 准考证号 looks like a mobile number).
const CODE_LABELS: &[&str] = &[
    "准考证号",
    "考号",
    "编号",
    "代码",
    "学号",
    "工号",
    "证书号",
    "执法证号",
    "档案号",
    "合同号",
];

/// Cells under known headers, and the byte ranges of header lines.
pub(crate) type Tables = (Vec<Cell>, Vec<(usize, usize)>);

/// Every cell of `text` that stands under a name or address header, and
/// the byte ranges of the header lines themselves.
pub(crate) fn header_cells(text: &str) -> Tables {
    let mut out = Vec::new();
    let mut headers = Vec::new();
    // Only a line holding a column separator and a header word can start
    // a table: while no table is open, jump from separator to separator
    // and look for header words on those lines only.
    let mut header: Option<(Sep, Vec<(usize, Column)>)> = None;
    let mut misses = 0;
    let b = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        if header.is_none() {
            let p = crate::swar::next_separator(b, pos);
            if p >= b.len() {
                break;
            }
            let from = pos.max(memchr::memrchr(b'\n', &b[..p]).map_or(0, |i| i + 1));
            let to = memchr::memchr(b'\n', &b[p..]).map_or(text.len(), |i| p + i + 1);
            // A header line holds a header word and no `key：value` cell
            // (see `header_like` below): other lines are passed over.
            let line = &b[from..to];
            if memchr::memchr(b':', line).is_some()
                || has(line, "：")
                || !header_words().is_match(&text[from..to])
            {
                pos = to;
                continue;
            }
            pos = from;
        }
        let line_base = pos;
        let base = memchr::memchr(b'\n', &b[pos..]).map_or(text.len(), |i| pos + i + 1);
        pos = base;
        let body = text[line_base..base].trim_end_matches(['\n', '\r']);
        let Some(sep) = sep_of(body) else {
            if !body.trim().is_empty() {
                misses += 1;
                if misses > 1 {
                    header = None;
                }
            }
            continue;
        };
        let cs = cells(body, line_base, sep);
        // Inside a table most lines are data rows: one automaton run over
        // the line rules out a header before any cell is looked at.
        let kinds: Vec<(usize, Column)> = if header.is_some() && !header_words().is_match(body) {
            Vec::new()
        } else {
            cs.iter()
                .enumerate()
                .filter_map(|(i, (s, e))| header_kind(&text[*s..*e]).map(|k| (i, k)))
                .collect()
        };
        // A header line has at least three cells and no `key：value`
        // cell (`当事人  朱士杰  性别：男` is a record, not a header).
        let header_like = cs.len() >= 3
            && !cs.iter().any(|(s, e)| text[*s..*e].contains(['：', ':']))
            // Words of a sentence with single spaces between them are no
            // header: every header cell of such a table is short.
            && (sep != Sep::Space || cs.iter().all(|(s, e)| text[*s..*e].chars().count() <= 10));
        if !kinds.is_empty() && header_like {
            headers.push((line_base, line_base + body.len()));
            header = Some((sep, kinds));
            misses = 0;
            continue;
        }
        match &header {
            Some((hsep, cols)) if *hsep == sep => {
                misses = 0;
                for (i, column) in cols {
                    if let Some((s, e)) = cs.get(*i) {
                        if s < e {
                            out.push(Cell {
                                start: *s,
                                end: *e,
                                column: *column,
                            });
                        }
                    }
                }
            }
            Some(_) => {
                misses += 1;
                if misses > 1 {
                    header = None;
                }
            }
            None => {}
        }
    }
    (out, headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain char-by-char splitter `cells` must agree with.
    fn cells_by_char(line: &str, base: usize, sep: Sep) -> Vec<(usize, usize)> {
        let mut bounds = Vec::new();
        let mut start = 0;
        let mut it = line.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let is_sep = match sep {
                Sep::Tab => c == '\t',
                Sep::Pipe => c == '|' || c == '｜',
                Sep::Comma => c == ',',
                Sep::Space => c == ' ',
                Sep::Spaces => {
                    c == '\u{3000}'
                        || (c == ' '
                            && it
                                .peek()
                                .is_some_and(|(_, n)| matches!(n, ' ' | '\u{3000}')))
                }
            };
            if is_sep {
                let mut j = i + c.len_utf8();
                if sep == Sep::Spaces {
                    while let Some((k, n)) = it
                        .peek()
                        .copied()
                        .filter(|(_, n)| matches!(n, ' ' | '\u{3000}'))
                    {
                        it.next();
                        j = k + n.len_utf8();
                    }
                }
                bounds.push((start, i));
                start = j;
            }
        }
        bounds.push((start, line.len()));
        bounds
            .into_iter()
            .map(|(s, e)| {
                let piece = &line[s..e];
                let trimmed = piece
                    .trim_start_matches([' ', '\u{3000}', '\t'])
                    .trim_end_matches([' ', '\u{3000}', '\t', '\r']);
                let mut lead =
                    piece.len() - piece.trim_start_matches([' ', '\u{3000}', '\t']).len();
                let mut trail =
                    piece.len() - piece.trim_end_matches([' ', '\u{3000}', '\t', '\r']).len();
                if sep == Sep::Comma
                    && trimmed.len() >= 2
                    && trimmed.starts_with('"')
                    && trimmed.ends_with('"')
                {
                    lead += 1;
                    trail += 1;
                }
                if s + lead < e.saturating_sub(trail) {
                    (base + s + lead, base + e - trail)
                } else {
                    (base + s, base + s)
                }
            })
            .collect()
    }

    /// The one-loop separator test `sep_of` must agree with.
    fn sep_by_loop(line: &str) -> Option<Sep> {
        let b = line.as_bytes();
        let (mut pipe, mut spaces, mut comma) = (false, false, false);
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'\t' => return Some(Sep::Tab),
                b'|' => pipe = true,
                b' ' if b.get(i + 1) == Some(&b' ') => spaces = true,
                b',' => comma = true,
                0xEF if b.get(i + 1..i + 3) == Some(&[0xBD, 0x9C]) => pipe = true,
                0xE3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => spaces = true,
                _ => {}
            }
        }
        let space = b.contains(&b' ');
        [
            (pipe, Sep::Pipe),
            (spaces, Sep::Spaces),
            (comma, Sep::Comma),
            (space, Sep::Space),
        ]
        .into_iter()
        .find_map(|(on, sep)| on.then_some(sep))
    }

    proptest! {
        #[test]
        fn separator_search_matches_the_loop(
            parts in proptest::collection::vec(prop_oneof![
                Just(" "), Just("\u{3000}"), Just("\t"), Just("|"), Just("｜"),
                Just(","), Just("，"), Just("张三"), Just("a"), Just("㐀"),
            ], 0..16),
        ) {
            let line = parts.concat();
            prop_assert_eq!(sep_of(&line), sep_by_loop(&line));
        }

        #[test]
        fn byte_splitter_matches_the_char_splitter(
            parts in proptest::collection::vec(prop_oneof![
                Just(" "), Just("  "), Just("\u{3000}"), Just("\t"), Just("|"), Just("｜"),
                Just(","), Just("，"), Just("\r"), Just("张三"), Just("a"), Just("㐀"), Just("ｘ"),
            ], 0..24),
            base in 0usize..100,
        ) {
            let line = parts.concat();
            for sep in [Sep::Tab, Sep::Pipe, Sep::Comma, Sep::Spaces, Sep::Space] {
                prop_assert_eq!(cells(&line, base, sep), cells_by_char(&line, base, sep));
            }
        }
    }

    #[test]
    fn every_listed_header_is_a_header() {
        for h in NAME_HEADERS {
            assert_eq!(header_kind(h), Some(Column::Name), "{h}");
        }
        for h in ADDRESS_HEADERS {
            assert_eq!(header_kind(h), Some(Column::Address), "{h}");
        }
        assert_eq!(header_kind("姓\u{3000}名"), Some(Column::Name));
        assert_eq!(header_kind("一卡通账号"), Some(Column::Account));
        assert_eq!(header_kind("张三"), None);
        for (h, k) in [
            ("联系电话", Column::Phone),
            ("手机号码", Column::Phone),
            ("联系方式（手机）", Column::Phone),
            ("银行卡号", Column::Account),
            ("开户账户", Column::Account),
            ("身份证号码", Column::IdNumber),
            ("证件号码", Column::IdNumber),
            ("身份证号(后六位)", Column::IdNumber),
            ("一卡通账号（社保卡/银行卡）", Column::Account),
            ("公民身份号码", Column::IdNumber),
            ("准考证号", Column::Code),
            ("职位代码", Column::Code),
            ("身份证件编号", Column::IdNumber),
        ] {
            assert_eq!(header_kind(h), Some(k), "{h}");
        }
        // A clause that holds a header word is no label.
        for h in [
            "电话逐一督催",
            "手机拍照上传",
            "账户资金安全",
            "身份证明材料",
        ] {
            assert_eq!(header_kind(h), None, "{h}");
        }
    }

    #[test]
    fn person_labels_and_single_space_tables() {
        for h in [
            "被执行人",
            "被补偿人",
            "购机者",
            "申请户主",
            "收款人/付款人",
        ] {
            assert_eq!(header_kind(h), Some(Column::Name), "{h}");
        }
        for h in ["个人", "人数", "法人", "老人", "家庭人口"] {
            assert_eq!(header_kind(h), None, "{h}");
        }
        let t = "序号 购机者 所在苏木乡镇 机具品目\n1 巴特尔 乌丹镇 轮式拖拉机\n";
        assert_eq!(texts(t), vec![("巴特尔", Column::Name)]);
        // A sentence with single spaces is no header.
        let t = "请申请人携带本人身份证原件 到乡镇民政所办理相关手续 申请人签字\n1 张三 李四\n";
        assert_eq!(texts(t), vec![]);
    }

    #[test]
    fn prose_with_ascii_commas_opens_no_table() {
        // Documents converted from Word often use ASCII commas in prose.
        let t = "公开股做到分单位网上巡查,电话逐一督催,确保重点工作落实。\n\
                 各乡镇要马上行动,真抓实干,圆满完成任务,王明负责。\n";
        assert_eq!(texts(t), vec![]);
        assert!(header_cells(t).1.is_empty());
    }

    fn texts(t: &str) -> Vec<(&str, Column)> {
        header_cells(t)
            .0
            .into_iter()
            .map(|c| (&t[c.start..c.end], c.column))
            .collect()
    }

    #[test]
    fn tab_table() {
        let t = "序号\t姓名\t性别\t家庭住址\n1\t张三\t男\t龙潭村三组\n2\t欧阳娜娜\t女\t城关镇东湖路8号\n";
        assert_eq!(
            texts(t),
            vec![
                ("张三", Column::Name),
                ("龙潭村三组", Column::Address),
                ("欧阳娜娜", Column::Name),
                ("城关镇东湖路8号", Column::Address)
            ]
        );
    }

    #[test]
    fn space_table_and_spaced_header() {
        let t = "序号  姓名  金额\n1   王小明   300\n\n说明：以上名单公示七天。\n";
        assert_eq!(texts(t), vec![("王小明", Column::Name)]);
    }

    #[test]
    fn prose_is_not_a_table() {
        assert!(texts("姓名：张三，住址：龙潭村。").is_empty());
    }
}
