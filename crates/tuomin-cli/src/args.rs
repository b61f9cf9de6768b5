//! Command-line arguments (clap derive) and their help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tuomin_core::config::FailOn;
use tuomin_core::Kind;

const ABOUT: &str = "Find and mask personal information (个人信息) in Chinese documents \
before they are published (政务公开).";

const LONG_ABOUT: &str = "\
tuomin (脱敏) finds personal information in the files that government offices \
publish (plain text, Word .docx, Excel .xlsx, CSV, HTML, Markdown and PDF) — 身份证号 (id_card), 手机号 (mobile), 银行卡号 (bank_card), 姓名 (person_name), \
住址 (address) and more — and masks it.

Typical use:
  tuomin scan 公示名单.txt
      list what was found, one line per item
  tuomin scan 材料/
      check every file in a folder and its subfolders
  tuomin redact 名单.txt -o 名单-脱敏.txt
      write a masked copy; the original stays untouched

Exit status: 0 = nothing found, 1 = personal information found, 2 = an error \
(a file could not be read, a PDF page could not be checked, a bad option, a broken \
tuomin.toml). Which findings count for status 1 is set with --fail-on or \
`[gate] fail_on` in tuomin.toml (default: high and medium severity).

Settings are read from tuomin.toml in the current folder, or from the file named by --config.";

const AFTER_HELP: &str =
    "Run `tuomin kinds` to list the kinds of personal information tuomin knows.";

/// The `tuomin` command line.
#[derive(Debug, Parser)]
#[command(
    name = "tuomin",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = AFTER_HELP,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report personal information in files, folders or standard input (检查).
    #[command(long_about = SCAN_LONG_ABOUT)]
    Scan(ScanArgs),
    /// Write a copy with personal information masked (脱敏).
    #[command(long_about = REDACT_LONG_ABOUT)]
    Redact(RedactArgs),
    /// Re-audit a whole archive of published files (逐条排查): folders and
    /// .zip archives, in parallel, resumable, with JSON/CSV/HTML reports.
    #[command(long_about = AUDIT_LONG_ABOUT)]
    Audit(AuditArgs),
    /// List the kinds of personal information tuomin finds (信息类型).
    Kinds,
}

const SCAN_LONG_ABOUT: &str = "\
Report personal information in files, folders or standard input (检查).

Files are recognized by their content, then by their extension: plain text \
(UTF-8, GBK/GB18030, UTF-16), Markdown, HTML, CSV, Word .docx, Excel .xlsx and PDF. \
Each item found is printed as
  path:line:column  kind  masked-value  score        (text files)
  path:location  kind  masked-value  score          (documents)
for example
  名单.txt:12:8 id_card 110105********002X 0.99
  名单.xlsx:名单!C7 mobile 138****5678 0.98
  报告.pdf:第2页 id_card 110105********002X 0.99

Folders are searched with their subfolders, in name order; hidden folders and files \
(such as .git) are skipped. With no PATH, or with `-`, standard input is read.

Fail closed: a PDF page without extractable text (a scanned image) cannot be \
checked; it is reported as `not checked` and makes the exit status 2 unless \
--allow-unchecked is given. Legacy (.doc/.xls/.wps), password-protected, corrupt \
or oversized files are reported as errors (exit status 2); the other files are \
still checked.

The publishing gate: --fail-on (or `[gate] fail_on` in tuomin.toml) decides which \
findings make the exit status 1 (default: high and medium severity, so names, \
licence plates, QQ and WeChat numbers alone pass); every finding is still reported. \
--write-baseline records the current findings as accepted; --baseline then leaves \
them out. A line containing `tuomin:allow` (e.g. in a comment) is not reported \
(text, Markdown and HTML files).

Exit status: 0 = nothing found that fails the gate, 1 = personal information found, \
2 = an error occurred or something could not be checked (the other files are still \
checked).";

const REDACT_LONG_ABOUT: &str = "\
Write a copy of a file with personal information masked (脱敏), for example \
11010519491231002X becomes 110105********002X and 13812345678 becomes 138****5678.

Plain text, Markdown, HTML, CSV, Word .docx, Excel .xlsx and PDF are written back \
in the same format; document metadata (author, last modified by, title) is masked \
too. A PDF with pages that cannot be checked (scanned images) is refused unless \
--allow-unchecked is given.

The original file is never changed unless you ask for it with --in-place. \
Give -o to choose where the masked copy goes; with INPUT `-` (standard input) \
and no -o, the masked text goes to standard output. The copy keeps the encoding \
of the input (UTF-8, GBK/GB18030, UTF-16). Output files are written completely \
or not at all: an error never leaves a half-written file behind.

What is masked and how is set in tuomin.toml (see --config).";

impl EncodingArg {
    /// The encoding to force, or `None` to detect.
    pub fn forced(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            EncodingArg::Auto => None,
            EncodingArg::Utf8 => Some(encoding_rs::UTF_8),
            EncodingArg::Gbk => Some(encoding_rs::GBK),
            EncodingArg::Gb18030 => Some(encoding_rs::GB18030),
            EncodingArg::Utf16le => Some(encoding_rs::UTF_16LE),
            EncodingArg::Utf16be => Some(encoding_rs::UTF_16BE),
        }
    }
}

/// How input bytes are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// Detect: byte-order mark, else UTF-8 if valid, else GB18030/GBK.
    Auto,
    /// UTF-8 (with or without a byte-order mark).
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK (国标扩展), as written by older Windows software.
    Gbk,
    /// GB18030 (国家标准), a superset of GBK and GB2312.
    #[value(alias = "gb2312")]
    Gb18030,
    /// UTF-16, little-endian (Windows "Unicode").
    #[value(name = "utf-16le", alias = "utf16le")]
    Utf16le,
    /// UTF-16, big-endian.
    #[value(name = "utf-16be", alias = "utf16be")]
    Utf16be,
}

/// Options shared by `scan` and `redact`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Settings file to use (default: tuomin.toml in the current folder, if any).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Text encoding of the input (编码).
    #[arg(long, value_enum, default_value_t = EncodingArg::Auto, value_name = "ENCODING")]
    pub encoding: EncodingArg,
}

/// Report formats of `scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per item, for people: path:line:column kind value score.
    Text,
    /// One JSON document with all findings, errors and a summary.
    Json,
    /// JSON Lines: one JSON object per finding or error, as they are found.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools (GitHub, GitLab, IDEs).
    Sarif,
}

/// When to color the text report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal (and NO_COLOR is not set).
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// Arguments of `tuomin scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or folders to check; `-` is standard input (the default).
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<PathBuf>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// When to color the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Only report items with a score (confidence, 0 to 1) of at least F.
    #[arg(long, value_name = "F", value_parser = parse_score)]
    pub min_score: Option<f32>,

    /// Only report these kinds, comma-separated, e.g. `--kinds id_card,mobile`
    /// (身份证号 id_card, 手机号 mobile, 银行卡号 bank_card, 姓名 person_name …;
    /// `tuomin kinds` lists them all).
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_kind)]
    pub kinds: Vec<Kind>,

    /// Show the values found in full instead of masked (keep such reports private).
    #[arg(long)]
    pub show_values: bool,

    /// Which findings make the exit status 1, comma-separated kinds and/or
    /// severities (high, medium, low = that severity or higher), e.g.
    /// `--fail-on high,mobile`. Default: `[gate] fail_on` in tuomin.toml,
    /// else `high,medium`. Other findings are still reported.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_fail_on)]
    pub fail_on: Vec<FailOn>,

    /// Leave out the findings recorded in this baseline file (accepted
    /// findings, see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the findings of this run in FILE as accepted (a baseline for
    /// --baseline) and exit 0 unless an error occurred. Values are stored
    /// only as keyed hashes (HMAC-SHA256, key from TUOMIN_BASELINE_KEY or the
    /// variable named by `[gate] baseline_key_env`; else a random salt kept
    /// in the file).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Do not fail (exit status 2) on document parts that could not be
    /// checked, such as PDF pages without extractable text; they are still
    /// reported.
    #[arg(long)]
    pub allow_unchecked: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

const AUDIT_LONG_ABOUT: &str = "\
Re-audit everything already published (逐条排查): every file under the given \
folders and inside .zip archives (nested archives too) is scanned, in parallel \
on all cores. Results go to OUT: report.json (complete, machine-readable), \
findings.csv (one row per finding, UTF-8 with BOM for Excel/WPS) and report.html \
(self-contained: totals by kind and by folder, riskiest files first, filters).

The run is resumable: OUT/state.jsonl records each finished file, so an \
interrupted run (Ctrl-C, kill) continues where it stopped, and a re-run only \
scans files that changed. One bad file never stops the run; it is listed under \
errors with the reason. Reports show masked values only.

Exit status: 0 nothing found, 1 personal information found, 2 some files could \
not be read.";

/// Arguments of `tuomin audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Folders, files or .zip archives to audit.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Folder for the reports and the resume state (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Re-hash every file instead of trusting size and modification time.
    #[arg(long)]
    pub verify: bool,

    /// Ignore saved results and scan everything again.
    #[arg(long)]
    pub fresh: bool,

    /// Write the raw values into the reports (they are masked by default).
    #[arg(long)]
    pub show_values: bool,

    /// Progress display.
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
    pub progress: ProgressArg,

    /// Settings file to use (default: tuomin.toml in the current folder, if any).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// How `tuomin audit` shows progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressArg {
    /// A bar on a terminal, plain lines otherwise.
    Auto,
    /// Always a bar.
    Bar,
    /// A plain line every few seconds.
    Lines,
    /// Nothing.
    Off,
}

/// Arguments of `tuomin redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// The file to mask; `-` is standard input (the default).
    #[arg(value_name = "INPUT", default_value = "-")]
    pub input: PathBuf,

    /// Where to write the masked copy (`-` = standard output).
    #[arg(short, long, value_name = "OUTPUT", conflicts_with = "in_place")]
    pub output: Option<PathBuf>,

    /// Replace INPUT by its masked version (the original is lost).
    #[arg(long)]
    pub in_place: bool,

    /// Write the masked copy even if parts of the document could not be
    /// checked (PDF pages without extractable text); they are left as they are.
    #[arg(long)]
    pub allow_unchecked: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

fn parse_fail_on(s: &str) -> Result<FailOn, String> {
    s.trim().parse::<FailOn>()
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.trim().parse::<Kind>().map_err(|e| e.to_string())
}

fn parse_score(s: &str) -> Result<f32, String> {
    let v: f32 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number; give a score between 0 and 1, e.g. 0.8"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{v} is out of range; give a score between 0 and 1, e.g. 0.8"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn kinds_are_comma_separated() {
        let cli = Cli::try_parse_from(["tuomin", "scan", "--kinds", "id_card,mobile", "a.txt"])
            .expect("valid arguments");
        let Command::Scan(args) = cli.command else {
            panic!("expected scan");
        };
        assert_eq!(args.kinds, vec![Kind::IdCard, Kind::Mobile]);
    }

    #[test]
    fn bad_kind_and_score_are_rejected() {
        assert!(Cli::try_parse_from(["tuomin", "scan", "--kinds", "phone"]).is_err());
        assert!(Cli::try_parse_from(["tuomin", "scan", "--min-score", "2"]).is_err());
        assert!(Cli::try_parse_from(["tuomin", "scan", "--min-score", "x"]).is_err());
    }

    #[test]
    fn fail_on_takes_kinds_and_severities() {
        let cli = Cli::try_parse_from(["tuomin", "scan", "--fail-on", "high,person_name"])
            .expect("valid arguments");
        let Command::Scan(args) = cli.command else {
            panic!("expected scan");
        };
        assert_eq!(args.fail_on.len(), 2);
        assert!(Cli::try_parse_from(["tuomin", "scan", "--fail-on", "urgent"]).is_err());
    }

    #[test]
    fn output_conflicts_with_in_place() {
        assert!(Cli::try_parse_from(["tuomin", "redact", "a", "-o", "b", "--in-place"]).is_err());
    }

    #[test]
    fn scan_defaults_to_stdin() {
        let cli = Cli::try_parse_from(["tuomin", "scan"]).expect("valid arguments");
        let Command::Scan(args) = cli.command else {
            panic!("expected scan");
        };
        assert_eq!(args.paths, vec![PathBuf::from("-")]);
    }
}
