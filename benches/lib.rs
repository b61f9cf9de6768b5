//! Generators for the tuomin benchmarks: realistic mixed Chinese text
//! with personal information at a realistic density.
//!
//! ```
//! let text = tuomin_benches::mixed_corpus(10_000, 7);
//! assert!(text.len() >= 10_000);
//! ```

/// Filler sentences in the style of county disclosure documents.
const FILLER: &[&str] = &[
    "县政府高度重视政务公开工作，先后召开专项会议8次，全面推动各项工作落实。",
    "根据《中华人民共和国政府信息公开条例》规定，现将有关情况公示如下。",
    "户胡镇、龙潭乡、马店镇等8个乡镇根据通知要求申报了示范点建设。",
    "全年公开政务信息7.8万条，同比增长17%，主动公开基础信息28563条。",
    "公示期为2023年12月1日至12月7日，如有异议请向县民政局反映。",
    "霍政办〔2023〕12号文件要求，严格落实个人信息保护规定，不得泄露隐私。",
    "统一社会信用代码：91341522MA2N1234X5，资金合计1,234,567.89元。",
    "监督电话：12345，政务服务热线全天候受理群众诉求。",
    "各乡镇要马上行动、真抓实干，圆满完成省市交办的各项任务。",
    "对已在县政府信息公开网公布的信息逐条进行排查，不留死角。",
];

/// Lines carrying personal information, as relief lists and notices
/// carry it.
const PII: &[&str] = &[
    "1\t张*\t男\t11010519491231002X\t城关镇东湖路88号\t13812345678\t3\t1260.00",
    "户主：李**，身份证号：341522198001011236，联系电话：138-1234-5678。",
    "开户行：中国农业银行霍邱支行，账号：6228480402564890018。",
    "当事人联系电话（0564）6012345，邮箱 zhangsan@163.com。",
    "车牌号皖N·12345，护照号码：E12345678，QQ：123456789。",
];

/// A deterministic pseudo-random generator (xorshift64*), so every run
/// benchmarks the same data.
///
/// ```
/// let mut r = tuomin_benches::Rng(7);
/// let (a, b) = (r.next_u64(), r.next_u64());
/// assert_ne!(a, b);
/// assert!(r.below(10) < 10);
/// ```
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `xs`.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// True `pct` times in a hundred.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }
}

/// At least `bytes` bytes of mixed text: about one line in eight holds
/// personal information, the rest is disclosure prose full of
/// look-alikes (dates, amounts, document numbers, credit codes).
///
/// ```
/// let a = tuomin_benches::mixed_corpus(5_000, 1);
/// let b = tuomin_benches::mixed_corpus(5_000, 1);
/// assert_eq!(a, b);
/// ```
pub fn mixed_corpus(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed.max(1));
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        let r = rng.next_u64();
        if r.is_multiple_of(8) {
            out.push_str(PII[(r / 8) as usize % PII.len()]);
        } else {
            out.push_str(FILLER[(r / 8) as usize % FILLER.len()]);
        }
        out.push('\n');
    }
    out
}

/// At least `bytes` bytes made of the UTF-8 text files at `path` (a file,
/// or a directory read recursively in name order), repeated; each file
/// ends with a line break. Files that are not UTF-8 are skipped.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("tuomin-bench-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "户主：王建国").unwrap();
/// let text = tuomin_benches::repeat_files(&dir, 100).unwrap();
/// assert!(text.len() >= 100 && text.starts_with("户主：王建国\n"));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn repeat_files(path: &std::path::Path, bytes: usize) -> std::io::Result<String> {
    fn collect(path: &std::path::Path, out: &mut Vec<String>) -> std::io::Result<()> {
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            entries.sort();
            for e in entries {
                collect(&e, out)?;
            }
        } else if let Ok(s) = String::from_utf8(std::fs::read(path)?) {
            out.push(s);
        }
        Ok(())
    }
    let mut files = Vec::new();
    collect(path, &mut files)?;
    if files.iter().all(|f| f.is_empty()) {
        return Err(std::io::Error::other("no UTF-8 text found"));
    }
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        for f in &files {
            out.push_str(f);
            if !f.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    Ok(out)
}
