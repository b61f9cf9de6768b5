//! `tuomin.toml`: what to scan for, how to mask, what never to report.
//!
//! Every table and key is optional; an empty file (or no file) means the
//! defaults: scan every kind with `min_score = 0.5` and mask every kind
//! with [`Policy::default`]. Unknown keys are errors, so a typo never
//! silently turns a setting off.
//!
//! ```toml
//! [scan]
//! min_score = 0.5                  # findings scoring below are dropped (0..=1)
//! kinds = ["id_card", "mobile"]    # default: every kind
//!
//! [policy]
//! mask_char = "*"                  # default mask character of every `mask` action
//! pseudonym_key_env = "TUOMIN_PSEUDONYM_KEY"  # env var holding the pseudonym key (this is the default)
//! # pseudonym_key = "..."          # the key inline: discouraged, the file ends up in backups and VCS
//!
//! [policy.id_card]
//! action = "mask"                  # mask | replace | pseudonymize | remove | report
//! keep_start = 6                   # mask only; defaults are the kind's defaults
//! keep_end = 4
//! mask_char = "×"                  # mask only; default [policy].mask_char
//! style = "chars"                  # mask only: chars | surname | admin_area | area_code | email_local
//!
//! [policy.mobile]
//! action = "replace"
//! label = "[手机号]"               # replace only; default "[" + the kind's Chinese label + "]"
//!
//! [allowlist]
//! values = ["0564-6012345"]        # exact values never reported (an office hotline)
//! patterns = ["^0564-60\\d{5}$"]   # regular expressions (Rust `regex` syntax) on the value
//!
//! [[denylist]]                     # values always reported as the given kind
//! kind = "person_name"
//! value = "张三丰"
//!
//! [gate]
//! fail_on = ["high", "mobile"]     # severities (this one or higher) and/or kinds; default: any finding
//! ```
//!
//! The kind tables under `[policy]` are named by the stable kind names:
//! `id_card`, `mobile`, `landline`, `bank_card`, `email`, `passport`,
//! `travel_permit`, `license_plate`, `qq`, `wechat`, `person_name`,
//! `address`.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::policy::{is_valid_mask_char, MaskStyle, MIN_PSEUDONYM_KEY_LEN};
use crate::{Action, Kind, Policy, PolicyError, Scanner, ScannerError, Severity};

/// The file name [`Config::discover`] looks for.
///
/// ```
/// assert_eq!(tuomin_core::config::FILE_NAME, "tuomin.toml");
/// ```
pub const FILE_NAME: &str = "tuomin.toml";

/// The environment variable that holds the pseudonym key unless
/// `[policy] pseudonym_key_env` names another.
///
/// ```
/// use tuomin_core::{config::DEFAULT_KEY_ENV, Config};
/// assert_eq!(Config::default().pseudonym_key_env(), DEFAULT_KEY_ENV);
/// ```
pub const DEFAULT_KEY_ENV: &str = "TUOMIN_PSEUDONYM_KEY";

/// The contents of a `tuomin.toml`.
///
/// ```
/// use tuomin_core::{Action, Config, Kind};
///
/// let config = Config::from_toml_str(r#"
///     [scan]
///     min_score = 0.7
///
///     [policy.mobile]
///     action = "replace"
///
///     [allowlist]
///     values = ["0564-6012345"]
/// "#).unwrap();
/// assert_eq!(config.scan.min_score, Some(0.7));
///
/// let policy = config.policy().unwrap();
/// assert_eq!(policy.action(Kind::Mobile), &Action::Replace { label: "[手机号]".into() });
/// assert!(matches!(policy.action(Kind::IdCard), Action::Mask { keep_start: 6, .. }));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `[scan]`: what the scanner reports.
    pub scan: ScanConfig,
    /// `[policy]`: what `redact` does with each kind.
    pub policy: PolicyConfig,
    /// `[allowlist]`: values never reported.
    pub allowlist: AllowlistConfig,
    /// `[[denylist]]`: values always reported.
    pub denylist: Vec<DenyEntry>,
    /// `[gate]`: when a scan fails the publishing gate.
    pub gate: GateConfig,
}

/// `[scan]`.
///
/// ```
/// let c = tuomin_core::Config::from_toml_str("scan.kinds = [\"email\"]").unwrap();
/// assert_eq!(c.scan.kinds, Some(vec![tuomin_core::Kind::Email]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScanConfig {
    /// Findings scoring below this (0..=1) are dropped; default: the
    /// scanner's default (0.5).
    #[serde(deserialize_with = "de_min_score")]
    pub min_score: Option<f32>,
    /// The kinds to report; default: every kind. Must not be empty.
    #[serde(deserialize_with = "de_kinds")]
    pub kinds: Option<Vec<Kind>>,
}

/// `[policy]` and its per-kind tables `[policy.<kind>]`.
///
/// `Debug` never prints an inline `pseudonym_key`.
///
/// ```
/// let c = tuomin_core::Config::from_toml_str(r#"
///     [policy]
///     mask_char = "●"
///     [policy.person_name]
///     action = "report"
/// "#).unwrap();
/// assert_eq!(c.policy.mask_char, Some('●'));
/// assert!(c.policy.kind(tuomin_core::Kind::PersonName).is_some());
/// ```
#[derive(Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PolicyConfig {
    /// Default mask character of every `mask` action (default `*`).
    #[serde(deserialize_with = "de_mask_char")]
    pub mask_char: Option<char>,
    /// The environment variable holding the pseudonym key (default
    /// [`DEFAULT_KEY_ENV`]).
    pub pseudonym_key_env: Option<String>,
    /// The pseudonym key itself. Discouraged: a key in a file ends up in
    /// backups and version control. Cannot be combined with
    /// `pseudonym_key_env`.
    pub pseudonym_key: Option<String>,
    /// `[policy.id_card]`
    pub id_card: Option<KindPolicy>,
    /// `[policy.mobile]`
    pub mobile: Option<KindPolicy>,
    /// `[policy.landline]`
    pub landline: Option<KindPolicy>,
    /// `[policy.bank_card]`
    pub bank_card: Option<KindPolicy>,
    /// `[policy.email]`
    pub email: Option<KindPolicy>,
    /// `[policy.passport]`
    pub passport: Option<KindPolicy>,
    /// `[policy.travel_permit]`
    pub travel_permit: Option<KindPolicy>,
    /// `[policy.license_plate]`
    pub license_plate: Option<KindPolicy>,
    /// `[policy.qq]`
    pub qq: Option<KindPolicy>,
    /// `[policy.wechat]`
    pub wechat: Option<KindPolicy>,
    /// `[policy.person_name]`
    pub person_name: Option<KindPolicy>,
    /// `[policy.address]`
    pub address: Option<KindPolicy>,
}

impl PolicyConfig {
    /// The table `[policy.<kind>]`, if the file has one.
    ///
    /// ```
    /// let c = tuomin_core::Config::default();
    /// assert!(c.policy.kind(tuomin_core::Kind::Mobile).is_none());
    /// ```
    pub fn kind(&self, kind: Kind) -> Option<&KindPolicy> {
        match kind {
            Kind::IdCard => self.id_card.as_ref(),
            Kind::Mobile => self.mobile.as_ref(),
            Kind::Landline => self.landline.as_ref(),
            Kind::BankCard => self.bank_card.as_ref(),
            Kind::Email => self.email.as_ref(),
            Kind::Passport => self.passport.as_ref(),
            Kind::TravelPermit => self.travel_permit.as_ref(),
            Kind::LicensePlate => self.license_plate.as_ref(),
            Kind::Qq => self.qq.as_ref(),
            Kind::Wechat => self.wechat.as_ref(),
            Kind::PersonName => self.person_name.as_ref(),
            Kind::Address => self.address.as_ref(),
        }
    }
}

impl fmt::Debug for PolicyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("PolicyConfig");
        d.field("mask_char", &self.mask_char)
            .field("pseudonym_key_env", &self.pseudonym_key_env)
            .field(
                "pseudonym_key",
                &self.pseudonym_key.as_ref().map(|_| "<hidden>"),
            );
        for k in Kind::ALL {
            if let Some(p) = self.kind(k) {
                d.field(k.as_str(), p);
            }
        }
        d.finish()
    }
}

/// The action names of `tuomin.toml`.
///
/// ```
/// assert_eq!(tuomin_core::config::ActionName::Pseudonymize.as_str(), "pseudonymize");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionName {
    /// [`Action::Mask`]
    Mask,
    /// [`Action::Replace`]
    Replace,
    /// [`Action::Pseudonymize`]
    Pseudonymize,
    /// [`Action::Remove`]
    Remove,
    /// [`Action::Report`]
    Report,
}

impl ActionName {
    /// The name as written in `tuomin.toml`.
    ///
    /// ```
    /// assert_eq!(tuomin_core::config::ActionName::Mask.as_str(), "mask");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ActionName::Mask => "mask",
            ActionName::Replace => "replace",
            ActionName::Pseudonymize => "pseudonymize",
            ActionName::Remove => "remove",
            ActionName::Report => "report",
        }
    }
}

/// One `[policy.<kind>]` table. Keys that do not belong to the action
/// (`label` with `mask`, `keep_start` with `replace` …) are errors.
///
/// ```
/// use tuomin_core::{Action, Config, Kind};
/// let c = Config::from_toml_str("[policy.qq]\naction = \"mask\"\nkeep_end = 0").unwrap();
/// let p = c.policy.kind(Kind::Qq).unwrap();
/// assert!(matches!(p.to_action(Kind::Qq, None), Action::Mask { keep_start: 2, keep_end: 0, .. }));
///
/// let err = Config::from_toml_str("[policy.qq]\naction = \"mask\"\nlabel = \"[QQ]\"").unwrap_err();
/// assert!(err.to_string().contains("`label` only applies to action = \"replace\""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawKindPolicy")]
pub struct KindPolicy {
    /// What to do.
    pub action: ActionName,
    /// `mask`: significant characters kept at the start.
    pub keep_start: Option<usize>,
    /// `mask`: significant characters kept at the end.
    pub keep_end: Option<usize>,
    /// `mask`: the mask character.
    pub mask_char: Option<char>,
    /// `mask`: how the kept head is found.
    pub style: Option<MaskStyle>,
    /// `replace`: the replacement text.
    pub label: Option<String>,
}

impl KindPolicy {
    /// The [`Action`] this table asks for `kind`; unset values take the
    /// kind's defaults ([`Policy::default_action`]), and the mask character
    /// falls back to `default_mask_char`, then `*`.
    ///
    /// ```
    /// use tuomin_core::{Action, Config, Kind};
    /// let c = Config::from_toml_str("[policy.mobile]\naction = \"replace\"").unwrap();
    /// let a = c.policy.kind(Kind::Mobile).unwrap().to_action(Kind::Mobile, None);
    /// assert_eq!(a, Action::Replace { label: "[手机号]".into() });
    /// ```
    pub fn to_action(&self, kind: Kind, default_mask_char: Option<char>) -> Action {
        match self.action {
            ActionName::Mask => {
                let (ks, ke, style) = match Policy::default_action(kind) {
                    Action::Mask {
                        keep_start,
                        keep_end,
                        style,
                        ..
                    } => (keep_start, keep_end, style),
                    _ => (0, 0, MaskStyle::default_for(kind)),
                };
                Action::Mask {
                    keep_start: self.keep_start.unwrap_or(ks),
                    keep_end: self.keep_end.unwrap_or(ke),
                    mask_char: self.mask_char.or(default_mask_char).unwrap_or('*'),
                    style: self.style.unwrap_or(style),
                }
            }
            ActionName::Replace => Action::Replace {
                label: self
                    .label
                    .clone()
                    .unwrap_or_else(|| format!("[{}]", kind.label_zh())),
            },
            ActionName::Pseudonymize => Action::Pseudonymize,
            ActionName::Remove => Action::Remove,
            ActionName::Report => Action::Report,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKindPolicy {
    action: ActionName,
    keep_start: Option<usize>,
    keep_end: Option<usize>,
    mask_char: Option<char>,
    style: Option<String>,
    label: Option<String>,
}

impl TryFrom<RawKindPolicy> for KindPolicy {
    type Error = String;

    fn try_from(raw: RawKindPolicy) -> Result<Self, String> {
        let only = |key: &str, set: bool, wanted: ActionName| {
            if set && raw.action != wanted {
                Err(format!(
                    "`{key}` only applies to action = \"{}\" (this table has action = \"{}\"); remove it",
                    wanted.as_str(),
                    raw.action.as_str()
                ))
            } else {
                Ok(())
            }
        };
        only("keep_start", raw.keep_start.is_some(), ActionName::Mask)?;
        only("keep_end", raw.keep_end.is_some(), ActionName::Mask)?;
        only("mask_char", raw.mask_char.is_some(), ActionName::Mask)?;
        only("style", raw.style.is_some(), ActionName::Mask)?;
        only("label", raw.label.is_some(), ActionName::Replace)?;
        if let Some(c) = raw.mask_char {
            check_mask_char(c)?;
        }
        let style = raw
            .style
            .map(|s| s.parse::<MaskStyle>())
            .transpose()
            .map_err(|e| e.to_string())?;
        Ok(KindPolicy {
            action: raw.action,
            keep_start: raw.keep_start,
            keep_end: raw.keep_end,
            mask_char: raw.mask_char,
            style,
            label: raw.label,
        })
    }
}

fn check_mask_char(c: char) -> Result<(), String> {
    if is_valid_mask_char(c) {
        Ok(())
    } else {
        Err(format!(
            "mask_char {c:?} is a letter, digit, Han character, whitespace or control character, \
             so masked values could look real; use a symbol such as \"*\", \"×\" or \"●\""
        ))
    }
}

/// `[allowlist]`: values never reported.
///
/// ```
/// let c = tuomin_core::Config::from_toml_str(r#"allowlist.patterns = ['^0564-60\d{5}$']"#).unwrap();
/// assert_eq!(c.allowlist.patterns.len(), 1);
/// assert!(tuomin_core::Config::from_toml_str(r#"allowlist.patterns = ['(']"#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AllowlistConfig {
    /// Exact values (also matched with separators removed).
    pub values: Vec<String>,
    /// Regular expressions (Rust `regex` syntax) matched against the value;
    /// anchor them (`^…$`) to match whole values.
    #[serde(deserialize_with = "de_patterns")]
    pub patterns: Vec<String>,
}

/// One `[[denylist]]` entry: a value always reported as `kind`.
///
/// ```
/// let c = tuomin_core::Config::from_toml_str(
///     "[[denylist]]\nkind = \"person_name\"\nvalue = \"张三丰\"",
/// ).unwrap();
/// assert_eq!(c.denylist[0].kind, tuomin_core::Kind::PersonName);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DenyEntry {
    /// The kind to report the value as.
    pub kind: Kind,
    /// The exact value; not empty.
    #[serde(deserialize_with = "de_non_empty")]
    pub value: String,
}

/// `[gate]`: the publishing gate of `tuomin scan` (which findings make the exit status 1).
///
/// ```
/// use tuomin_core::{Config, Kind};
/// let c = Config::from_toml_str(r#"gate.fail_on = ["high", "mobile"]"#).unwrap();
/// assert!(c.gate.fails_on(Kind::IdCard));     // severity high
/// assert!(c.gate.fails_on(Kind::Mobile));     // named
/// assert!(!c.gate.fails_on(Kind::Address));   // medium, not named
/// assert!(!Config::default().gate.fails_on(Kind::PersonName)); // default: high + medium
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GateConfig {
    /// Findings that fail the gate: kinds, and severities meaning "this
    /// severity or higher". `None`: every finding. Must not be empty.
    #[serde(deserialize_with = "de_fail_on")]
    pub fail_on: Option<Vec<FailOn>>,
    /// Name of the environment variable holding the key of baseline
    /// fingerprints (`tuomin scan --baseline`); the CLI's default is
    /// `TUOMIN_BASELINE_KEY`.
    pub baseline_key_env: Option<String>,
}

impl GateConfig {
    /// Whether a finding of `kind` fails the gate. Without `fail_on`, the
    /// documented default applies: high and medium severity fail, low
    /// (names, plates, QQ, WeChat) does not.
    ///
    /// ```
    /// use tuomin_core::{Config, Kind};
    /// let c = Config::from_toml_str(r#"gate.fail_on = ["medium"]"#).unwrap();
    /// assert!(c.gate.fails_on(Kind::BankCard));
    /// assert!(!c.gate.fails_on(Kind::Qq));
    /// let d = Config::default();
    /// assert!(d.gate.fails_on(Kind::IdCard) && d.gate.fails_on(Kind::Mobile));
    /// assert!(!d.gate.fails_on(Kind::PersonName));
    /// ```
    pub fn fails_on(&self, kind: Kind) -> bool {
        match &self.fail_on {
            None => kind.severity() >= crate::Severity::Medium,
            Some(rules) => rules.iter().any(|r| r.matches(kind)),
        }
    }
}

/// One entry of `[gate] fail_on`.
///
/// ```
/// use tuomin_core::{config::FailOn, Kind, Severity};
/// assert_eq!("high".parse::<FailOn>(), Ok(FailOn::Severity(Severity::High)));
/// assert_eq!("qq".parse::<FailOn>(), Ok(FailOn::Kind(Kind::Qq)));
/// assert!(FailOn::Severity(Severity::Medium).matches(Kind::IdCard));
/// assert!("urgent".parse::<FailOn>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailOn {
    /// Findings of this kind.
    Kind(Kind),
    /// Findings of this severity or higher.
    Severity(Severity),
}

impl FailOn {
    /// Whether a finding of `kind` matches.
    ///
    /// ```
    /// use tuomin_core::{config::FailOn, Kind, Severity};
    /// assert!(FailOn::Kind(Kind::Qq).matches(Kind::Qq));
    /// assert!(!FailOn::Severity(Severity::High).matches(Kind::Qq));
    /// ```
    pub fn matches(self, kind: Kind) -> bool {
        match self {
            FailOn::Kind(k) => k == kind,
            FailOn::Severity(s) => kind.severity() >= s,
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "high" => Ok(FailOn::Severity(Severity::High)),
            "medium" => Ok(FailOn::Severity(Severity::Medium)),
            "low" => Ok(FailOn::Severity(Severity::Low)),
            _ => s.parse::<Kind>().map(FailOn::Kind).map_err(|_| {
                format!(
                    "unknown gate level `{s}`: expected a severity (high, medium, low) or a kind \
                     (id_card, mobile, landline, bank_card, email, passport, travel_permit, \
                     license_plate, qq, wechat, person_name, address)"
                )
            }),
        }
    }
}

fn de_min_score<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f32>, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(Some(v as f32))
    } else {
        Err(serde::de::Error::custom(format!(
            "min_score must be between 0 and 1 (e.g. 0.5), got {v}"
        )))
    }
}

fn de_kinds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Kind>>, D::Error> {
    let v = Vec::<Kind>::deserialize(d)?;
    if v.is_empty() {
        return Err(serde::de::Error::custom(
            "kinds is empty, so nothing would be scanned; remove the key to scan every kind",
        ));
    }
    Ok(Some(v))
}

fn de_mask_char<'de, D: Deserializer<'de>>(d: D) -> Result<Option<char>, D::Error> {
    let c = char::deserialize(d)?;
    check_mask_char(c).map_err(serde::de::Error::custom)?;
    Ok(Some(c))
}

fn de_patterns<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    for p in &v {
        if let Err(e) = regex::Regex::new(p) {
            return Err(serde::de::Error::custom(format!(
                "allowlist pattern `{p}` is not a valid regular expression: {e}"
            )));
        }
    }
    Ok(v)
}

fn de_non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom("denylist value must not be empty"));
    }
    Ok(s)
}

fn de_fail_on<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<FailOn>>, D::Error> {
    let v = Vec::<String>::deserialize(d)?;
    if v.is_empty() {
        return Err(serde::de::Error::custom(
            "fail_on is empty, so the gate could never fail; remove the key to fail on any finding",
        ));
    }
    v.iter()
        .map(|s| s.parse::<FailOn>().map_err(serde::de::Error::custom))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// Why a configuration cannot be loaded or used.
///
/// ```
/// let err = tuomin_core::Config::from_toml_str("[scan]\nmin_scor = 0.5").unwrap_err();
/// assert_eq!(err.line(), Some(2));
/// assert!(err.to_string().starts_with("tuomin.toml:2:1: unknown field `min_scor`"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file is not valid TOML or does not have the expected shape.
    #[error("{}:{}{message}", path.display(), position(*line, *column))]
    Parse {
        /// The file (`tuomin.toml` for [`Config::from_toml_str`]).
        path: PathBuf,
        /// 1-based line of the error, if known.
        line: Option<usize>,
        /// 1-based column (in characters) of the error, if known.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// The scanner settings were rejected.
    #[error("invalid scanner settings in config: {0}")]
    Scanner(#[from] ScannerError),
    /// The policy cannot be used.
    #[error("invalid policy in config: {0}")]
    Policy(#[from] PolicyError),
    /// Both `pseudonym_key` and `pseudonym_key_env` are set.
    #[error(
        "[policy] sets both `pseudonym_key` and `pseudonym_key_env`; keep only \
         `pseudonym_key_env` (the key belongs in the environment, not in a file)"
    )]
    KeyConflict,
    /// A pseudonym key is needed but the environment variable is unset or
    /// empty.
    #[error(
        "action `pseudonymize` for {kinds} needs a secret key, but the environment variable {var} \
         is not set or empty: set it to at least {MIN_PSEUDONYM_KEY_LEN} random bytes \
         (e.g. `export {var}=$(openssl rand -hex 32)`) or choose another action; tuomin never \
         uses a default key"
    )]
    MissingKey {
        /// The environment variable.
        var: String,
        /// The kinds to pseudonymize, comma-separated.
        kinds: String,
    },
    /// The environment variable holding the key is not valid Unicode.
    #[error("environment variable {var} (the pseudonym key) is not valid UTF-8")]
    KeyNotUnicode {
        /// The environment variable.
        var: String,
    },
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{l}:{c}: "),
        (Some(l), None) => format!("{l}: "),
        _ => " ".to_string(),
    }
}

impl ConfigError {
    /// The 1-based line of a parse error.
    ///
    /// ```
    /// let err = tuomin_core::Config::from_toml_str("[scan]\nkinds = [\"phone\"]").unwrap_err();
    /// assert_eq!(err.line(), Some(2));
    /// ```
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::Parse { line, .. } => *line,
            _ => None,
        }
    }

    fn parse(path: &Path, source: &str, err: &toml::de::Error) -> ConfigError {
        let (line, column) = match err.span() {
            Some(span) => {
                let start = span.start.min(source.len());
                let before = source.get(..start).unwrap_or(source);
                let line = before.matches('\n').count() + 1;
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: err.message().trim_end().to_string(),
        }
    }
}

impl Config {
    /// Parse the text of a `tuomin.toml`. Errors name the file
    /// `tuomin.toml`; use [`Config::load`] for the real path.
    ///
    /// ```
    /// use tuomin_core::Config;
    /// assert_eq!(Config::from_toml_str("").unwrap(), Config::default());
    ///
    /// let err = Config::from_toml_str("[policy.mobile]\naction = \"hide\"").unwrap_err();
    /// assert_eq!(err.line(), Some(2));
    /// assert!(err.to_string().contains("unknown variant `hide`"));
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new(FILE_NAME), text)
    }

    fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::parse(path, text, &e))
    }

    /// Read and parse the file at `path`.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("tuomin-doc-load-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("tuomin.toml");
    /// std::fs::write(&path, "[scan]\nmin_score = 2.0\n").unwrap();
    /// let err = tuomin_core::Config::load(&path).unwrap_err();
    /// assert!(err.to_string().contains("tuomin.toml:2:"));
    /// assert!(err.to_string().contains("between 0 and 1"));
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// Load `dir/tuomin.toml` if it exists: `Ok(None)` when there is no
    /// such file, an error when it exists but cannot be read or parsed.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("tuomin-doc-discover-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// assert!(tuomin_core::Config::discover(&dir).unwrap().is_none());
    /// std::fs::write(dir.join("tuomin.toml"), "[policy.qq]\naction = \"remove\"\n").unwrap();
    /// let (path, config) = tuomin_core::Config::discover(&dir).unwrap().unwrap();
    /// assert!(path.ends_with("tuomin.toml"));
    /// assert!(config.policy.qq.is_some());
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn discover(dir: &Path) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        let path = dir.join(FILE_NAME);
        match std::fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ConfigError::Read { path, source }),
            Ok(m) if !m.is_file() => Err(ConfigError::Read {
                path,
                source: io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
            }),
            Ok(_) => {
                let config = Config::load(&path)?;
                Ok(Some((path, config)))
            }
        }
    }

    /// Build the scanner `[scan]`, `[allowlist]` and `[[denylist]]` ask
    /// for.
    ///
    /// ```
    /// let config = tuomin_core::Config::from_toml_str(r#"
    ///     [allowlist]
    ///     values = ["13812345678"]
    /// "#).unwrap();
    /// let scanner = config.scanner().unwrap();
    /// assert!(scanner.scan("办公电话：13812345678").is_empty());
    /// assert_eq!(scanner.scan("手机：13912345678").len(), 1);
    /// ```
    pub fn scanner(&self) -> Result<Scanner, ConfigError> {
        let mut b = Scanner::builder();
        if let Some(kinds) = &self.scan.kinds {
            b = b.kinds(kinds.iter().copied());
        }
        if let Some(s) = self.scan.min_score {
            b = b.min_score(s);
        }
        for v in &self.allowlist.values {
            b = b.allow_value(v.clone());
        }
        for p in &self.allowlist.patterns {
            b = b.allow_regex(p)?;
        }
        for d in &self.denylist {
            b = b.deny_value(d.kind, d.value.clone());
        }
        Ok(b.build()?)
    }

    /// The name of the environment variable holding the pseudonym key.
    ///
    /// ```
    /// assert_eq!(tuomin_core::Config::default().pseudonym_key_env(), "TUOMIN_PSEUDONYM_KEY");
    /// ```
    pub fn pseudonym_key_env(&self) -> &str {
        self.policy
            .pseudonym_key_env
            .as_deref()
            .unwrap_or(DEFAULT_KEY_ENV)
    }

    /// The pseudonym key: `[policy] pseudonym_key` if set, else the value
    /// of the environment variable [`Config::pseudonym_key_env`] names,
    /// surrounding whitespace trimmed. `Ok(None)` when neither is set or
    /// the value is empty.
    ///
    /// ```
    /// let c = tuomin_core::Config::from_toml_str(
    ///     "[policy]\npseudonym_key_env = \"TUOMIN_DOC_UNSET_VARIABLE\"",
    /// ).unwrap();
    /// assert_eq!(c.pseudonym_key().unwrap(), None);
    /// ```
    pub fn pseudonym_key(&self) -> Result<Option<Vec<u8>>, ConfigError> {
        self.pseudonym_key_from(&|var| std::env::var_os(var))
    }

    fn pseudonym_key_from(
        &self,
        env: &dyn Fn(&str) -> Option<OsString>,
    ) -> Result<Option<Vec<u8>>, ConfigError> {
        let p = &self.policy;
        if p.pseudonym_key.is_some() && p.pseudonym_key_env.is_some() {
            return Err(ConfigError::KeyConflict);
        }
        let key = match &p.pseudonym_key {
            Some(inline) => inline.trim().to_string(),
            None => {
                let var = self.pseudonym_key_env();
                match env(var) {
                    None => return Ok(None),
                    Some(v) => v
                        .into_string()
                        .map_err(|_| ConfigError::KeyNotUnicode {
                            var: var.to_string(),
                        })?
                        .trim()
                        .to_string(),
                }
            }
        };
        Ok(if key.is_empty() {
            None
        } else {
            Some(key.into_bytes())
        })
    }

    /// Build the policy `[policy]` asks for, reading the pseudonym key
    /// only if some kind is to be pseudonymized. The policy is validated
    /// ([`Policy::validate`]): a missing, empty or short key is an error.
    ///
    /// ```
    /// use tuomin_core::{Action, Config, ConfigError, Kind};
    /// let c = Config::from_toml_str(r#"
    ///     [policy]
    ///     pseudonym_key_env = "TUOMIN_DOC_UNSET_VARIABLE"
    ///     [policy.id_card]
    ///     action = "pseudonymize"
    /// "#).unwrap();
    /// let err = c.policy().unwrap_err();
    /// assert!(matches!(err, ConfigError::MissingKey { .. }));
    /// assert!(err.to_string().contains("TUOMIN_DOC_UNSET_VARIABLE"));
    /// ```
    pub fn policy(&self) -> Result<Policy, ConfigError> {
        self.policy_from(&|var| std::env::var_os(var))
    }

    fn policy_from(&self, env: &dyn Fn(&str) -> Option<OsString>) -> Result<Policy, ConfigError> {
        let mut policy = Policy::default();
        let global = self.policy.mask_char;
        for kind in Kind::ALL {
            let action = match self.policy.kind(kind) {
                Some(kp) => kp.to_action(kind, global),
                None => match Policy::default_action(kind) {
                    Action::Mask {
                        keep_start,
                        keep_end,
                        mask_char,
                        style,
                    } => Action::Mask {
                        keep_start,
                        keep_end,
                        mask_char: global.unwrap_or(mask_char),
                        style,
                    },
                    other => other,
                },
            };
            policy.set_action(kind, action);
        }
        let kinds = policy.pseudonymized_kinds();
        if !kinds.is_empty() {
            match self.pseudonym_key_from(env)? {
                Some(key) => {
                    policy.set_pseudonym_key(key);
                }
                None if self.policy.pseudonym_key.is_some() => {
                    return Err(PolicyError::MissingPseudonymKey { kinds }.into());
                }
                None => {
                    return Err(ConfigError::MissingKey {
                        var: self.pseudonym_key_env().to_string(),
                        kinds: kinds
                            .iter()
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    });
                }
            }
        }
        policy.validate()?;
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Env<'a> = &'a dyn Fn(&str) -> Option<OsString>;

    fn err(text: &str) -> ConfigError {
        match Config::from_toml_str(text) {
            Ok(c) => panic!("expected an error, got {c:?}"),
            Err(e) => e,
        }
    }

    const FULL: &str = r#"
[scan]
min_score = 0.5            # findings below are dropped
kinds = ["id_card", "mobile"]   # optional, default all kinds
[policy]
mask_char = "*"
pseudonym_key_env = "TUOMIN_PSEUDONYM_KEY"
[policy.id_card]
action = "mask"
keep_start = 6
keep_end = 4
[policy.mobile]
action = "replace"
label = "[手机号]"
[allowlist]
values = ["0564-6012345"]
patterns = ["^0564-60\\d{5}$"]
[[denylist]]
kind = "person_name"
value = "张三丰"
[gate]
fail_on = ["high", "person_name"]
"#;

    #[test]
    fn full_example_parses() {
        let c = Config::from_toml_str(FULL).unwrap();
        assert_eq!(c.scan.min_score, Some(0.5));
        assert_eq!(c.scan.kinds, Some(vec![Kind::IdCard, Kind::Mobile]));
        assert_eq!(c.policy.mask_char, Some('*'));
        assert_eq!(c.allowlist.values, vec!["0564-6012345"]);
        assert_eq!(c.allowlist.patterns, vec![r"^0564-60\d{5}$"]);
        assert_eq!(
            c.denylist,
            vec![DenyEntry {
                kind: Kind::PersonName,
                value: "张三丰".into()
            }]
        );
        assert_eq!(
            c.gate.fail_on,
            Some(vec![
                FailOn::Severity(Severity::High),
                FailOn::Kind(Kind::PersonName)
            ])
        );
        let p = c.policy_from(&|_| None).unwrap();
        assert_eq!(
            p.action(Kind::Mobile),
            &Action::Replace {
                label: "[手机号]".into()
            }
        );
        assert_eq!(
            p.action(Kind::IdCard),
            &Policy::default_action(Kind::IdCard)
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_positions() {
        let e = err("[scan]\nmin_score = 0.5\nkind = [\"mobile\"]\n");
        assert_eq!(e.line(), Some(3));
        let s = e.to_string();
        assert!(s.starts_with("tuomin.toml:3:1: "), "{s}");
        assert!(s.contains("unknown field `kind`"), "{s}");
        assert!(s.contains("`kinds`"), "{s}");

        let e = err("[polcy]\n");
        assert_eq!(e.line(), Some(1));
        assert!(e.to_string().contains("unknown field `polcy`"));

        let e = err("[policy.id_crd]\naction = \"mask\"\n");
        assert!(e.to_string().contains("unknown field `id_crd`"), "{e}");

        let e = err("[policy.mobile]\naction = \"mask\"\nkeep_star = 3\n");
        assert!(e.to_string().contains("unknown field `keep_star`"), "{e}");
    }

    #[test]
    fn unknown_kind_and_action() {
        let e = err("[scan]\nkinds = [\"mobile\", \"phone\"]\n");
        assert_eq!(e.line(), Some(2));
        assert!(e.to_string().contains("unknown kind `phone`"), "{e}");

        let e = err("\n\n[policy.mobile]\naction = \"hash\"\n");
        assert_eq!(e.line(), Some(4));
        assert!(e.to_string().contains("unknown variant `hash`"), "{e}");
        assert!(e.to_string().contains("pseudonymize"), "{e}");

        let e = err("[[denylist]]\nkind = \"name\"\nvalue = \"x\"\n");
        assert!(e.to_string().contains("unknown kind `name`"), "{e}");

        let e = err("[policy.mobile]\nkeep_start = 3\n");
        assert!(e.to_string().contains("missing field `action`"), "{e}");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = err("[scan]\nmin_score = = 0.5\n");
        assert_eq!(e.line(), Some(2));
        let e = err("[scan\n");
        assert_eq!(e.line(), Some(1));
        let e = err("[policy]\nmask_char = \"**\"\n");
        assert_eq!(e.line(), Some(2));
    }

    #[test]
    fn value_validation() {
        for (text, needle) in [
            ("scan.min_score = 1.5", "between 0 and 1"),
            ("scan.min_score = -0.1", "between 0 and 1"),
            ("scan.min_score = nan", "between 0 and 1"),
            ("scan.kinds = []", "kinds is empty"),
            ("policy.mask_char = \"0\"", "mask_char '0'"),
            (
                "allowlist.patterns = [\"(\"]",
                "not a valid regular expression",
            ),
            (
                "[[denylist]]\nkind = \"qq\"\nvalue = \" \"",
                "must not be empty",
            ),
            ("gate.fail_on = []", "fail_on is empty"),
            (
                "gate.fail_on = [\"critical\"]",
                "unknown gate level `critical`",
            ),
            (
                "[policy.mobile]\naction = \"replace\"\nkeep_end = 2",
                "`keep_end` only applies",
            ),
            (
                "[policy.mobile]\naction = \"report\"\nlabel = \"x\"",
                "`label` only applies",
            ),
            (
                "[policy.mobile]\naction = \"mask\"\nstyle = \"fancy\"",
                "unknown mask style `fancy`",
            ),
            (
                "[policy.mobile]\naction = \"mask\"\nmask_char = \"号\"",
                "mask_char '号'",
            ),
        ] {
            let e = err(text);
            assert!(e.to_string().contains(needle), "{text}: {e}");
            assert!(e.line().is_some(), "{text}: {e}");
        }
    }

    #[test]
    fn mask_settings() {
        let c = Config::from_toml_str(
            "[policy]\nmask_char = \"●\"\n[policy.person_name]\naction = \"mask\"\n\
             [policy.bank_card]\naction = \"mask\"\nkeep_start = 0\nmask_char = \"×\"\n\
             [policy.address]\naction = \"mask\"\nstyle = \"chars\"\nkeep_start = 2\n",
        )
        .unwrap();
        let p = c.policy_from(&|_| None).unwrap();
        assert_eq!(
            p.action(Kind::PersonName),
            &Action::Mask {
                keep_start: 0,
                keep_end: 0,
                mask_char: '●',
                style: MaskStyle::Surname
            }
        );
        assert_eq!(
            p.action(Kind::BankCard),
            &Action::Mask {
                keep_start: 0,
                keep_end: 4,
                mask_char: '×',
                style: MaskStyle::Chars
            }
        );
        // kinds without a table use the global mask character too
        assert!(matches!(
            p.action(Kind::Mobile),
            Action::Mask {
                mask_char: '●', ..
            }
        ));
        assert_eq!(
            p.replacement(Kind::Address, "北京市朝阳区").as_deref(),
            Some("北京●●●●")
        );
    }

    #[test]
    fn pseudonym_key_from_env() {
        let c = Config::from_toml_str(
            "[policy]\npseudonym_key_env = \"MY_KEY\"\n[policy.mobile]\naction = \"pseudonymize\"\n",
        )
        .unwrap();
        let key = "0123456789abcdef0123456789abcdef";
        let env = |var: &str| (var == "MY_KEY").then(|| OsString::from(format!(" {key}\n")));
        let p = c.policy_from(&env).unwrap();
        assert!(p.has_pseudonym_key());
        let t = p
            .replacement(Kind::Mobile, "13812345678")
            .unwrap_or_default();
        assert!(t.starts_with("[手机号:"), "{t}");

        // missing or empty: an error naming the variable
        let unset = |_: &str| None;
        let blank = |_: &str| Some(OsString::from("  "));
        let envs: [Env<'_>; 2] = [&unset, &blank];
        for env in envs {
            let e = c.policy_from(env).unwrap_err();
            assert!(matches!(e, ConfigError::MissingKey { .. }), "{e}");
            let s = e.to_string();
            assert!(s.contains("MY_KEY") && s.contains("mobile"), "{s}");
        }

        // short key
        let e = c
            .policy_from(&|_| Some(OsString::from("short")))
            .unwrap_err();
        assert!(
            matches!(
                e,
                ConfigError::Policy(PolicyError::WeakPseudonymKey { len: 5 })
            ),
            "{e}"
        );

        // default variable name
        let c = Config::from_toml_str("[policy.qq]\naction = \"pseudonymize\"\n").unwrap();
        let e = c.policy_from(&|_| None).unwrap_err();
        assert!(e.to_string().contains(DEFAULT_KEY_ENV), "{e}");
        let env = |var: &str| (var == DEFAULT_KEY_ENV).then(|| OsString::from(key));
        assert!(c.policy_from(&env).is_ok());

        // no pseudonymize: the key is never read
        let c = Config::default();
        let p = c.policy_from(&|_| panic!("read the key")).unwrap();
        assert!(!p.has_pseudonym_key());
    }

    #[test]
    fn inline_key() {
        let c = Config::from_toml_str(
            "[policy]\npseudonym_key = \"0123456789abcdef0123\"\n[policy.qq]\naction = \"pseudonymize\"\n",
        )
        .unwrap();
        assert!(c.policy_from(&|_| None).is_ok());
        assert!(!format!("{c:?}").contains("0123456789abcdef0123"));

        let c = Config::from_toml_str(
            "[policy]\npseudonym_key = \"k\"\npseudonym_key_env = \"X\"\n[policy.qq]\naction = \"pseudonymize\"\n",
        )
        .unwrap();
        assert!(matches!(
            c.policy_from(&|_| None),
            Err(ConfigError::KeyConflict)
        ));
    }

    #[test]
    fn load_and_discover_errors() {
        let dir = std::env::temp_dir().join(format!("tuomin-config-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("nope.toml");
        let e = Config::load(&missing).unwrap_err();
        assert!(matches!(e, ConfigError::Read { .. }));
        assert!(e.to_string().contains("nope.toml"));

        assert!(Config::discover(&dir).unwrap().is_none());
        std::fs::create_dir_all(dir.join(FILE_NAME)).unwrap();
        assert!(Config::discover(&dir).is_err()); // a directory named tuomin.toml
        std::fs::remove_dir_all(dir.join(FILE_NAME)).unwrap();

        std::fs::write(dir.join(FILE_NAME), "[scan]\n\nmin_score = \"high\"\n").unwrap();
        let e = Config::discover(&dir).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains(&dir.join(FILE_NAME).display().to_string()),
            "{s}"
        );
        assert!(s.contains(":3:13: "), "{s}");

        std::fs::write(dir.join(FILE_NAME), b"\xff\xfe[scan]").unwrap();
        assert!(matches!(
            Config::discover(&dir),
            Err(ConfigError::Read { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn column_counts_characters() {
        let e = err("[policy.mobile]\naction = \"replace\" ; label = \"号\"\n");
        assert_eq!(e.line(), Some(2));
        let e = err("[policy]\n# 注释\nmask_char = \"很\"\n");
        assert_eq!(e.line(), Some(3));
    }

    #[test]
    fn gate() {
        let c = Config::from_toml_str("gate.fail_on = [\"low\"]").unwrap();
        assert!(Kind::ALL.iter().all(|k| c.gate.fails_on(*k)));
        let c = Config::from_toml_str("gate.fail_on = [\"address\"]").unwrap();
        assert!(c.gate.fails_on(Kind::Address));
        assert!(!c.gate.fails_on(Kind::IdCard));
        let c = Config::from_toml_str("[gate]\nbaseline_key_env = \"MY_KEY\"\n").unwrap();
        assert_eq!(c.gate.baseline_key_env.as_deref(), Some("MY_KEY"));
    }
}
