//! Command-line arguments (clap derive) and their help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tuomin_core::Kind;

const ABOUT: &str = "Find and mask personal information (个人信息) in Chinese documents \
before they are published (政务公开).";

const LONG_ABOUT: &str = "\
tuomin (脱敏) finds personal information in the text files that government offices \
publish — 身份证号 (id_card), 手机号 (mobile), 银行卡号 (bank_card), 姓名 (person_name), \
住址 (address) and more — and masks it.

Typical use:
  tuomin scan 公示名单.txt
      list what was found, one line per item
  tuomin scan 材料/
      check every file in a folder and its subfolders
  tuomin redact 名单.txt -o 名单-脱敏.txt
      write a masked copy; the original stays untouched

Exit status: 0 = nothing found, 1 = personal information found, 2 = an error \
(a file could not be read, a bad option, a broken tuomin.toml). Which findings \
count for status 1 can be set with `[gate] fail_on` in tuomin.toml.

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
    /// List the kinds of personal information tuomin finds (信息类型).
    Kinds,
}

const SCAN_LONG_ABOUT: &str = "\
Report personal information in files, folders or standard input (检查).

Each item found is printed as
  path:line:column  kind  masked-value  score
for example
  名单.txt:12:8 id_card 110105********002X 0.99

Folders are searched with their subfolders, in name order; hidden folders and files \
(such as .git) are skipped. With no PATH, or with `-`, standard input is read.

Exit status: 0 = nothing found, 1 = personal information found, 2 = an error occurred \
(the other files are still checked).";

const REDACT_LONG_ABOUT: &str = "\
Write a copy of a text file with personal information masked (脱敏), for example \
11010519491231002X becomes 110105********002X and 13812345678 becomes 138****5678.

The original file is never changed unless you ask for it with --in-place. \
Give -o to choose where the masked copy goes; with INPUT `-` (standard input) \
and no -o, the masked text goes to standard output. The copy keeps the encoding \
of the input (UTF-8, GBK/GB18030, UTF-16). Output files are written completely \
or not at all: an error never leaves a half-written file behind.

What is masked and how is set in tuomin.toml (see --config).";

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

    #[command(flatten)]
    pub common: CommonArgs,
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

    #[command(flatten)]
    pub common: CommonArgs,
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
