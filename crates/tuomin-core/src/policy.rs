//! What to do with each kind of finding: mask, replace, pseudonymize,
//! remove, or only report.
//!
//! A [`Policy`] holds one [`Action`] per [`Kind`]. [`Policy::default`] is
//! the publishing default: every kind is masked the way Chinese practice
//! masks it (身份证号 `110105********002X`, 手机号 `138****5678`, 姓名 `张*`,
//! `欧阳**` …), so a redacted copy is safe to publish as it is.
//!
//! The vocabulary follows Presidio's anonymizer operators: `mask`,
//! `replace`, `hash` (here: keyed [`Action::Pseudonymize`]), `redact`
//! (here: [`Action::Remove`]) and `keep` (here: [`Action::Report`]).
//!
//! ```
//! use tuomin_core::{Evidence, Finding, Kind, Policy};
//!
//! let text = "电话 138-1234-5678";
//! let finding = Finding {
//!     kind: Kind::Mobile,
//!     start: 7,
//!     end: text.len(),
//!     text: "138-1234-5678".into(),
//!     score: 0.99,
//!     evidence: Evidence::default(),
//! };
//! let redacted = Policy::default().apply(text, &[finding]);
//! assert_eq!(redacted.text, "电话 138-****-5678");
//! ```

use std::fmt;

use crate::{mask, pseudonym, Edit, Finding, Kind, Redacted};

pub use crate::mask::preview;

/// The smallest pseudonym key [`Policy::validate`] accepts, in bytes.
///
/// ```
/// use tuomin_core::{policy::MIN_PSEUDONYM_KEY_LEN, Action, Kind, Policy};
/// let mut p = Policy::default();
/// p.set_action(Kind::Mobile, Action::Pseudonymize);
/// p.set_pseudonym_key(vec![7; MIN_PSEUDONYM_KEY_LEN - 1]);
/// assert!(p.validate().is_err());
/// p.set_pseudonym_key(vec![7; MIN_PSEUDONYM_KEY_LEN]);
/// assert!(p.validate().is_ok());
/// ```
pub const MIN_PSEUDONYM_KEY_LEN: usize = 16;

/// What to do with a finding of a given kind.
///
/// Counts (`keep_start`, `keep_end`) are in *significant characters*:
/// letters, digits (ASCII and full-width) and Han characters. Separators
/// inside a value (spaces, `-`, `.`, `(` …) are always kept as they are and
/// never count, so `138-1234-5678` masks to `138-****-5678`.
///
/// ```
/// use tuomin_core::{Action, Kind, Policy};
/// use tuomin_core::policy::MaskStyle;
///
/// let mut policy = Policy::default();
/// policy
///     .set_action(Kind::Mobile, Action::Replace { label: "[电话]".into() })
///     .set_action(Kind::Qq, Action::Remove)
///     .set_action(Kind::PersonName, Action::Report)
///     .set_action(
///         Kind::BankCard,
///         Action::Mask { keep_start: 0, keep_end: 4, mask_char: '*', style: MaskStyle::Chars },
///     );
/// assert_eq!(policy.action(Kind::Qq), &Action::Remove);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Replace significant characters by `mask_char`, keeping the first
    /// `keep_start` and the last `keep_end` of them; the masked value has
    /// the same number of characters as the original. `style` lets the
    /// kept head follow the value's structure (a surname, an area code, an
    /// administrative prefix, an e-mail domain); see [`MaskStyle`].
    ///
    /// At least one significant character is always masked: when the keeps
    /// would cover a (too short) value, they shrink until at most half of
    /// the value stays visible.
    Mask {
        /// Significant characters kept at the start (a lower bound when
        /// the style keeps a structural head).
        keep_start: usize,
        /// Significant characters kept at the end.
        keep_end: usize,
        /// The character written in place of each masked one.
        mask_char: char,
        /// How the kept head is found.
        style: MaskStyle,
    },
    /// Replace the whole value by a fixed label such as `[手机号]`.
    Replace {
        /// The replacement text.
        label: String,
    },
    /// Replace the value by a keyed, deterministic token such as
    /// `[手机号:3f9a1c2b]` (HMAC-SHA256, see [`Policy::set_pseudonym_key`]):
    /// the same value gives the same token in every document processed
    /// with the same key, so records can still be linked.
    ///
    /// Without a key the policy fails closed: [`Policy::validate`] reports
    /// an error, and [`Policy::apply`] masks every significant character of
    /// the value with `*`. There is never a default key.
    Pseudonymize,
    /// Delete the value (an edit with an empty replacement).
    Remove,
    /// Leave the value as it is; it is still reported by `scan`.
    Report,
}

impl Action {
    /// A plain [`Action::Mask`] with `*` and [`MaskStyle::Chars`].
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// let mut p = Policy::default();
    /// p.set_action(Kind::Qq, Action::mask(1, 1));
    /// assert!(matches!(p.action(Kind::Qq), Action::Mask { keep_start: 1, keep_end: 1, .. }));
    /// ```
    pub fn mask(keep_start: usize, keep_end: usize) -> Action {
        Action::Mask {
            keep_start,
            keep_end,
            mask_char: '*',
            style: MaskStyle::Chars,
        }
    }

    /// The action's name as written in `tuomin.toml`: `mask`, `replace`,
    /// `pseudonymize`, `remove` or `report`.
    ///
    /// ```
    /// assert_eq!(tuomin_core::Action::Remove.name(), "remove");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Action::Mask { .. } => "mask",
            Action::Replace { .. } => "replace",
            Action::Pseudonymize => "pseudonymize",
            Action::Remove => "remove",
            Action::Report => "report",
        }
    }

    /// Whether the action changes the text (everything but
    /// [`Action::Report`]).
    ///
    /// ```
    /// use tuomin_core::Action;
    /// assert!(Action::Remove.edits());
    /// assert!(!Action::Report.edits());
    /// ```
    pub fn edits(&self) -> bool {
        !matches!(self, Action::Report)
    }
}

/// How [`Action::Mask`] finds the head of a value it keeps visible.
///
/// For every style, `keep_start` is a lower bound of the kept head, and
/// `keep_end` counts significant characters kept at the end (for
/// [`MaskStyle::EmailLocal`]: at the end of the local part).
///
/// ```
/// use tuomin_core::policy::{preview, MaskStyle};
/// use tuomin_core::Kind;
///
/// assert_eq!(MaskStyle::default_for(Kind::PersonName), MaskStyle::Surname);
/// assert_eq!(preview(Kind::PersonName, "欧阳娜娜"), "欧阳**");
/// assert_eq!(preview(Kind::Address, "安徽省合肥市蜀山区长江西路100号"), "安徽省合肥市***********");
/// assert_eq!(preview(Kind::Landline, "0564-6012345"), "0564-*****45");
/// assert_eq!(preview(Kind::Email, "zhao@example.com"), "z***@example.com");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MaskStyle {
    /// Keep the first `keep_start` significant characters.
    #[default]
    Chars,
    /// Keep the surname — compound surnames (欧阳, 司马, 诸葛 …) whole —
    /// so `张三` → `张*`, `张三丰` → `张**`, `欧阳娜娜` → `欧阳**`.
    Surname,
    /// Keep the leading administrative part of an address: everything up
    /// to and including the first 县/区/市/旗 of a leading run of Han
    /// characters (`安徽省合肥市`, `北京市`, `广西壮族自治区`). Words such as
    /// 小区, 社区, 超市 do not count. With no such part, `keep_start`
    /// characters are kept.
    AdminArea,
    /// Keep the area code of a landline (`010`, `0564`, also after `+86` or
    /// `0086`): 3 digits for 010 and 02x, 4 otherwise, or the first digit
    /// group when the number is written with separators.
    AreaCode,
    /// Mask only the local part of an e-mail address (the part before the
    /// last `@`) and keep the domain: `zhao@example.com` → `z***@example.com`
    /// with `keep_start = 1`. A value without `@` is masked as
    /// [`MaskStyle::Chars`].
    EmailLocal,
}

impl MaskStyle {
    /// Every style, in a fixed order.
    ///
    /// ```
    /// use tuomin_core::policy::MaskStyle;
    /// assert_eq!(MaskStyle::ALL.len(), 5);
    /// assert_eq!(MaskStyle::ALL[0], MaskStyle::default());
    /// ```
    pub const ALL: [MaskStyle; 5] = [
        MaskStyle::Chars,
        MaskStyle::Surname,
        MaskStyle::AdminArea,
        MaskStyle::AreaCode,
        MaskStyle::EmailLocal,
    ];

    /// The style's name in `tuomin.toml`: `chars`, `surname`,
    /// `admin_area`, `area_code` or `email_local`.
    ///
    /// ```
    /// use tuomin_core::policy::MaskStyle;
    /// assert_eq!(MaskStyle::AdminArea.as_str(), "admin_area");
    /// assert_eq!("surname".parse::<MaskStyle>(), Ok(MaskStyle::Surname));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            MaskStyle::Chars => "chars",
            MaskStyle::Surname => "surname",
            MaskStyle::AdminArea => "admin_area",
            MaskStyle::AreaCode => "area_code",
            MaskStyle::EmailLocal => "email_local",
        }
    }

    /// The style the default policy uses for `kind`.
    ///
    /// ```
    /// use tuomin_core::{policy::MaskStyle, Kind};
    /// assert_eq!(MaskStyle::default_for(Kind::Email), MaskStyle::EmailLocal);
    /// assert_eq!(MaskStyle::default_for(Kind::IdCard), MaskStyle::Chars);
    /// ```
    pub const fn default_for(kind: Kind) -> MaskStyle {
        match kind {
            Kind::PersonName => MaskStyle::Surname,
            Kind::Address => MaskStyle::AdminArea,
            Kind::Landline => MaskStyle::AreaCode,
            Kind::Email => MaskStyle::EmailLocal,
            _ => MaskStyle::Chars,
        }
    }
}

impl fmt::Display for MaskStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for MaskStyle {
    type Err = PolicyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MaskStyle::ALL
            .iter()
            .copied()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| PolicyError::UnknownMaskStyle(s.to_string()))
    }
}

/// Why a [`Policy`] cannot be used.
///
/// ```
/// use tuomin_core::{Action, Kind, Policy, PolicyError};
/// let mut p = Policy::default();
/// p.set_action(Kind::Mobile, Action::Pseudonymize);
/// let err = p.validate().unwrap_err();
/// assert!(matches!(err, PolicyError::MissingPseudonymKey { .. }));
/// assert!(err.to_string().contains("TUOMIN_PSEUDONYM_KEY"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// Some kinds are to be pseudonymized but no key was given.
    #[error(
        "action `pseudonymize` for {} needs a secret key, and none is set: \
         put a random key of at least {MIN_PSEUDONYM_KEY_LEN} bytes in the environment variable \
         TUOMIN_PSEUDONYM_KEY (e.g. `export TUOMIN_PSEUDONYM_KEY=$(openssl rand -hex 32)`) \
         or choose another action; tuomin never uses a default key",
        kind_list(kinds)
    )]
    MissingPseudonymKey {
        /// The kinds whose action is `pseudonymize`.
        kinds: Vec<Kind>,
    },
    /// The pseudonym key is too short to resist guessing.
    #[error(
        "the pseudonym key is {len} bytes long; use at least {MIN_PSEUDONYM_KEY_LEN} random bytes \
         (e.g. `openssl rand -hex 32`)"
    )]
    WeakPseudonymKey {
        /// The length of the key that was given.
        len: usize,
    },
    /// A mask character that could be read as part of a value.
    #[error(
        "mask character {mask_char:?} for {kind} is a letter, digit, Han character, whitespace or \
         control character, so masked values could look real; use a symbol such as `*`, `×` or `●`"
    )]
    InvalidMaskChar {
        /// The kind whose action has the character.
        kind: Kind,
        /// The offending character.
        mask_char: char,
    },
    /// A mask style name that does not exist.
    #[error(
        "unknown mask style `{0}` (expected one of: chars, surname, admin_area, area_code, email_local)"
    )]
    UnknownMaskStyle(String),
}

fn kind_list(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `c` is acceptable as a mask character: a visible symbol that is
/// not a letter, digit or Han character.
pub(crate) fn is_valid_mask_char(c: char) -> bool {
    !(c.is_alphanumeric() || c.is_whitespace() || c.is_control())
}

/// One [`Action`] per [`Kind`], plus the secret key of
/// [`Action::Pseudonymize`].
///
/// `Debug` never prints the key.
///
/// ```
/// use tuomin_core::{Action, Kind, Policy};
///
/// let mut policy = Policy::default();
/// assert_eq!(
///     policy.action(Kind::IdCard),
///     &Action::Mask {
///         keep_start: 6,
///         keep_end: 4,
///         mask_char: '*',
///         style: tuomin_core::policy::MaskStyle::Chars,
///     }
/// );
/// policy.set_action(Kind::Mobile, Action::Pseudonymize);
/// policy.set_pseudonym_key(b"0123456789abcdef0123456789abcdef".to_vec());
/// assert!(policy.validate().is_ok());
/// assert!(!format!("{policy:?}").contains("0123456789abcdef"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Policy {
    actions: [Action; Kind::ALL.len()],
    pseudonym_key: Option<Vec<u8>>,
}

fn slot(kind: Kind) -> usize {
    // `Kind::ALL` lists every kind, so the fallback is never taken.
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

impl Policy {
    /// The documented default action of `kind`: a mask in the manner of
    /// Chinese practice (see the crate's policy table in the README).
    ///
    /// | kind | default |
    /// |---|---|
    /// | `id_card` | keep first 6 + last 4: `110105********002X` |
    /// | `mobile` | keep first 3 + last 4: `138****5678` |
    /// | `landline` | keep area code + last 2: `0564-*****45` |
    /// | `bank_card` | keep first 6 + last 4: `622848*********0123` |
    /// | `email` | keep first char of the local part + domain: `z***@example.com` |
    /// | `passport` | keep first 1 + last 3: `E*****678` |
    /// | `travel_permit` | keep first 1 + last 3: `C*****678` |
    /// | `license_plate` | keep first 2: `皖A*****` |
    /// | `qq`, `wechat` | keep first 2 + last 2: `12*****89` |
    /// | `person_name` | keep the surname: `张*`, `张**`, `欧阳**` |
    /// | `address` | keep the administrative prefix, else 3 chars: `安徽省合肥市*****` |
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// assert!(matches!(
    ///     Policy::default_action(Kind::LicensePlate),
    ///     Action::Mask { keep_start: 2, keep_end: 0, .. }
    /// ));
    /// ```
    pub fn default_action(kind: Kind) -> Action {
        let (keep_start, keep_end) = match kind {
            Kind::IdCard => (6, 4),
            Kind::Mobile => (3, 4),
            Kind::Landline => (0, 2),
            Kind::BankCard => (6, 4),
            Kind::Email => (1, 0),
            Kind::Passport | Kind::TravelPermit => (1, 3),
            Kind::LicensePlate => (2, 0),
            Kind::Qq | Kind::Wechat => (2, 2),
            Kind::PersonName => (0, 0),
            Kind::Address => (3, 0),
        };
        Action::Mask {
            keep_start,
            keep_end,
            mask_char: '*',
            style: MaskStyle::default_for(kind),
        }
    }

    /// The action for `kind`.
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// assert!(matches!(Policy::default().action(Kind::Mobile), Action::Mask { .. }));
    /// ```
    pub fn action(&self, kind: Kind) -> &Action {
        &self.actions[slot(kind)]
    }

    /// Set the action for `kind`.
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// let mut p = Policy::default();
    /// p.set_action(Kind::Email, Action::Report);
    /// assert_eq!(p.action(Kind::Email), &Action::Report);
    /// ```
    pub fn set_action(&mut self, kind: Kind, action: Action) -> &mut Self {
        self.actions[slot(kind)] = action;
        self
    }

    /// Set the secret key of [`Action::Pseudonymize`]. Use at least
    /// [`MIN_PSEUDONYM_KEY_LEN`] random bytes and keep it out of version
    /// control: whoever holds it can test guesses against tokens.
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// let mut p = Policy::default();
    /// p.set_action(Kind::IdCard, Action::Pseudonymize);
    /// p.set_pseudonym_key(b"a very secret key, 32 bytes long".to_vec());
    /// assert!(p.has_pseudonym_key());
    /// ```
    pub fn set_pseudonym_key(&mut self, key: Vec<u8>) -> &mut Self {
        self.pseudonym_key = Some(key);
        self
    }

    /// Whether a pseudonym key is set.
    ///
    /// ```
    /// assert!(!tuomin_core::Policy::default().has_pseudonym_key());
    /// ```
    pub fn has_pseudonym_key(&self) -> bool {
        self.pseudonym_key.as_ref().is_some_and(|k| !k.is_empty())
    }

    /// The kinds whose action is [`Action::Pseudonymize`].
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy};
    /// let mut p = Policy::default();
    /// p.set_action(Kind::Qq, Action::Pseudonymize);
    /// assert_eq!(p.pseudonymized_kinds(), vec![Kind::Qq]);
    /// ```
    pub fn pseudonymized_kinds(&self) -> Vec<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .filter(|k| matches!(self.action(*k), Action::Pseudonymize))
            .collect()
    }

    /// Check that the policy can be applied as written: every
    /// [`Action::Pseudonymize`] has a key of at least
    /// [`MIN_PSEUDONYM_KEY_LEN`] bytes, and every mask character is a
    /// symbol that cannot be mistaken for part of a value.
    ///
    /// ```
    /// use tuomin_core::{Action, Kind, Policy, PolicyError};
    /// let mut p = Policy::default();
    /// assert!(p.validate().is_ok());
    /// p.set_action(Kind::Mobile, Action::Mask {
    ///     keep_start: 3, keep_end: 4, mask_char: '0', style: Default::default(),
    /// });
    /// assert!(matches!(p.validate(), Err(PolicyError::InvalidMaskChar { .. })));
    /// ```
    pub fn validate(&self) -> Result<(), PolicyError> {
        for kind in Kind::ALL {
            if let Action::Mask { mask_char, .. } = self.action(kind) {
                if !is_valid_mask_char(*mask_char) {
                    return Err(PolicyError::InvalidMaskChar {
                        kind,
                        mask_char: *mask_char,
                    });
                }
            }
        }
        let kinds = self.pseudonymized_kinds();
        if !kinds.is_empty() {
            match &self.pseudonym_key {
                None => return Err(PolicyError::MissingPseudonymKey { kinds }),
                Some(k) if k.is_empty() => return Err(PolicyError::MissingPseudonymKey { kinds }),
                Some(k) if k.len() < MIN_PSEUDONYM_KEY_LEN => {
                    return Err(PolicyError::WeakPseudonymKey { len: k.len() })
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The replacement of `value` (a finding of `kind`) under this policy,
    /// or `None` for [`Action::Report`].
    ///
    /// ```
    /// use tuomin_core::{Kind, Policy};
    /// let p = Policy::default();
    /// assert_eq!(p.replacement(Kind::Mobile, "13812345678").as_deref(), Some("138****5678"));
    /// ```
    pub fn replacement(&self, kind: Kind, value: &str) -> Option<String> {
        match self.action(kind) {
            Action::Mask {
                keep_start,
                keep_end,
                mask_char,
                style,
            } => Some(mask::mask(
                value,
                *keep_start,
                *keep_end,
                *mask_char,
                *style,
            )),
            Action::Replace { label } => Some(label.clone()),
            Action::Pseudonymize => Some(match &self.pseudonym_key {
                Some(key) if !key.is_empty() => pseudonym::token(key, kind, value)
                    // HMAC accepts any key length; fail closed all the same.
                    .unwrap_or_else(|| mask::mask_all(value, '*')),
                // Fail closed: without a key, hide the whole value.
                _ => mask::mask_all(value, '*'),
            }),
            Action::Remove => Some(String::new()),
            Action::Report => None,
        }
    }

    /// Apply the policy to `text` and its `findings`.
    ///
    /// Findings are expected sorted by `start` and non-overlapping (as
    /// [`crate::Scanner::scan`] returns them), but anything is accepted and
    /// nothing panics: a finding that is empty, out of bounds or not on
    /// `char` boundaries is skipped. Of overlapping findings the one that
    /// starts first (the longer at equal starts) wins; a finding it
    /// overlaps is skipped, except that any part of it reaching past the
    /// winner is masked whole (fail closed). Report-only findings never
    /// take part in this. The value is always read from
    /// `text[start..end]`; `Finding::text` is not used.
    ///
    /// [`Action::Report`] produces no edit; [`Action::Remove`] produces an
    /// edit with an empty replacement. [`Action::Pseudonymize`] without a
    /// key fails closed and masks the whole value with `*` (call
    /// [`Policy::validate`] first to turn that into an error).
    ///
    /// ```
    /// use tuomin_core::{Action, Evidence, Finding, Kind, Policy};
    ///
    /// let text = "张三，身份证11010519491231002X";
    /// let f = |kind, start, end| Finding {
    ///     kind, start, end,
    ///     text: text[start..end].to_string(),
    ///     score: 1.0,
    ///     evidence: Evidence::default(),
    /// };
    /// let findings = [f(Kind::PersonName, 0, 6), f(Kind::IdCard, 18, 36)];
    ///
    /// let out = Policy::default().apply(text, &findings);
    /// assert_eq!(out.text, "张*，身份证110105********002X");
    /// assert_eq!(out.edits.len(), 2);
    ///
    /// let mut p = Policy::default();
    /// p.set_action(Kind::PersonName, Action::Report).set_action(Kind::IdCard, Action::Remove);
    /// assert_eq!(p.apply(text, &findings).text, "张三，身份证");
    /// ```
    pub fn apply(&self, text: &str, findings: &[Finding]) -> Redacted {
        let mut spans: Vec<(usize, usize, Kind)> = findings
            .iter()
            .filter(|f| {
                f.start < f.end
                    && f.end <= text.len()
                    && text.is_char_boundary(f.start)
                    && text.is_char_boundary(f.end)
                    // Report-only findings change nothing and block nothing.
                    && self.action(f.kind).edits()
            })
            .map(|f| (f.start, f.end, f.kind))
            .collect();
        // Stable: equal spans keep their input order.
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));

        let mut edits: Vec<Edit> = Vec::new();
        let mut out = String::with_capacity(text.len());
        let mut cursor = 0;
        for (start, end, kind) in spans {
            let replacement = if start >= cursor {
                match self.replacement(kind, &text[start..end]) {
                    Some(r) => r,
                    None => continue,
                }
            } else if end > cursor {
                // Overlaps an edit already made and runs past it: the
                // finding is skipped, but its uncovered rest is masked
                // whole rather than left readable.
                mask::mask_all(&text[cursor..end], '*')
            } else {
                continue; // inside an edit already made
            };
            let start = start.max(cursor);
            out.push_str(&text[cursor..start]);
            out.push_str(&replacement);
            edits.push(Edit {
                start,
                end,
                kind,
                replacement,
            });
            cursor = end;
        }
        out.push_str(&text[cursor..]);
        Redacted { text: out, edits }
    }
}

impl Default for Policy {
    /// Every kind masked by [`Policy::default_action`]; no pseudonym key.
    fn default() -> Self {
        Policy {
            actions: std::array::from_fn(|i| Policy::default_action(Kind::ALL[i])),
            pseudonym_key: None,
        }
    }
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Actions<'a>(&'a Policy);
        impl fmt::Debug for Actions<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(Kind::ALL.iter().map(|k| (k.as_str(), self.0.action(*k))))
                    .finish()
            }
        }
        let key = self
            .pseudonym_key
            .as_ref()
            .map(|k| format!("<{} bytes, hidden>", k.len()));
        f.debug_struct("Policy")
            .field("actions", &Actions(self))
            .field("pseudonym_key", &key)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Evidence;

    fn finding(text: &str, kind: Kind, start: usize, end: usize) -> Finding {
        Finding {
            kind,
            start,
            end,
            text: text.get(start..end).unwrap_or_default().to_string(),
            score: 1.0,
            evidence: Evidence::default(),
        }
    }

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn defaults_match_documented_examples() {
        let p = Policy::default();
        let cases = [
            (Kind::IdCard, "11010519491231002X", "110105********002X"),
            (Kind::Mobile, "13812345678", "138****5678"),
            (Kind::Mobile, "138-1234-5678", "138-****-5678"),
            (Kind::Landline, "0564-6012345", "0564-*****45"),
            (Kind::Landline, "010-12345678", "010-******78"),
            (Kind::BankCard, "6228481234567890123", "622848*********0123"),
            (
                Kind::BankCard,
                "6228 4812 3456 7890 123",
                "6228 48** **** ***0 123",
            ),
            (Kind::Email, "zhao@example.com", "z***@example.com"),
            (Kind::Passport, "E12345678", "E*****678"),
            (Kind::TravelPermit, "C12345678", "C*****678"),
            (Kind::LicensePlate, "皖A12345", "皖A*****"),
            (Kind::LicensePlate, "皖A·12345", "皖A·*****"),
            (Kind::Qq, "123456789", "12*****89"),
            (Kind::Wechat, "wxid_abcdef", "wx**_****ef"),
            (Kind::PersonName, "张三", "张*"),
            (Kind::PersonName, "张三丰", "张**"),
            (Kind::PersonName, "欧阳娜娜", "欧阳**"),
            (
                Kind::Address,
                "安徽省合肥市蜀山区长江西路100号",
                "安徽省合肥市***********",
            ),
            (Kind::Address, "幸福路12号", "幸福路***"),
        ];
        for (kind, value, want) in cases {
            assert_eq!(
                p.replacement(kind, value).as_deref(),
                Some(want),
                "{kind} {value}"
            );
        }
    }

    #[test]
    fn every_kind_masks_by_default() {
        let p = Policy::default();
        for k in Kind::ALL {
            assert!(matches!(p.action(k), Action::Mask { .. }), "{k}");
        }
        assert!(p.validate().is_ok());
    }

    #[test]
    fn replace_remove_report() {
        let text = "电话13812345678。";
        let f = [finding(text, Kind::Mobile, 6, 17)];
        let mut p = Policy::default();
        p.set_action(
            Kind::Mobile,
            Action::Replace {
                label: "[手机号]".into(),
            },
        );
        assert_eq!(p.apply(text, &f).text, "电话[手机号]。");
        p.set_action(Kind::Mobile, Action::Remove);
        let r = p.apply(text, &f);
        assert_eq!(r.text, "电话。");
        assert_eq!(r.edits[0].replacement, "");
        assert_eq!((r.edits[0].start, r.edits[0].end), (6, 17));
        p.set_action(Kind::Mobile, Action::Report);
        let r = p.apply(text, &f);
        assert_eq!(r.text, text);
        assert!(r.edits.is_empty());
    }

    #[test]
    fn pseudonymize_with_key() {
        let text = "13812345678 与 138-1234-5678";
        let f = [
            finding(text, Kind::Mobile, 0, 11),
            finding(text, Kind::Mobile, 16, text.len()),
        ];
        let mut p = Policy::default();
        p.set_action(Kind::Mobile, Action::Pseudonymize);
        p.set_pseudonym_key(KEY.to_vec());
        assert!(p.validate().is_ok());
        let r = p.apply(text, &f);
        assert_eq!(r.edits[0].replacement, r.edits[1].replacement);
        assert!(r.edits[0].replacement.starts_with("[手机号:"));
        assert!(!r.text.contains("1234"));
    }

    #[test]
    fn pseudonymize_without_key_fails_closed() {
        let text = "电话13812345678";
        let f = [finding(text, Kind::Mobile, 6, 17)];
        let mut p = Policy::default();
        p.set_action(Kind::Mobile, Action::Pseudonymize);
        let err = p.validate().unwrap_err();
        assert_eq!(
            err,
            PolicyError::MissingPseudonymKey {
                kinds: vec![Kind::Mobile]
            }
        );
        assert_eq!(p.apply(text, &f).text, "电话***********");
        p.set_pseudonym_key(Vec::new());
        assert!(p.validate().is_err());
        assert_eq!(p.apply(text, &f).text, "电话***********");
        p.set_pseudonym_key(b"short".to_vec());
        assert_eq!(p.validate(), Err(PolicyError::WeakPseudonymKey { len: 5 }));
    }

    #[test]
    fn apply_never_panics_on_bad_findings() {
        let text = "张三的电话是13812345678";
        let bad = [
            finding(text, Kind::PersonName, 0, 6),
            finding(text, Kind::PersonName, 3, 9), // overlaps the first
            finding(text, Kind::Mobile, 1, 5),     // not on char boundaries
            finding(text, Kind::Mobile, 18, 100),  // out of bounds
            finding(text, Kind::Mobile, 7, 7),     // empty
            finding(text, Kind::Mobile, 9, 3),     // reversed
            finding(text, Kind::Mobile, usize::MAX - 1, usize::MAX),
            finding(text, Kind::Mobile, 18, 29), // the real one, out of order
        ];
        let r = Policy::default().apply(text, &bad);
        // the overlapping name is skipped; its rest (的) is masked whole
        assert_eq!(r.text, "张**电话是138****5678");
        assert_eq!(r.edits.len(), 3);
        assert_eq!((r.edits[1].start, r.edits[1].end), (6, 9));
        assert!(r.edits.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn apply_exhaustive_spans_never_panic() {
        let text = "a张😀三-1";
        let p = Policy::default();
        for s in 0..=text.len() + 1 {
            for e in 0..=text.len() + 1 {
                for k in Kind::ALL {
                    let f = Finding {
                        kind: k,
                        start: s,
                        end: e,
                        text: String::new(),
                        score: 1.0,
                        evidence: Evidence::default(),
                    };
                    let g = Finding {
                        start: s / 2,
                        end: e + 1,
                        ..f.clone()
                    };
                    let r = p.apply(text, &[f.clone(), f, g]);
                    assert!(r.edits.len() <= 2);
                    assert!(r.edits.windows(2).all(|w| w[0].end <= w[1].start));
                }
            }
        }
    }

    #[test]
    fn report_findings_never_block_edits() {
        let text = "户主张三身份证11010519491231002X";
        let mut p = Policy::default();
        p.set_action(Kind::Address, Action::Report);
        // a (bogus) report-only finding covering the whole text
        let f = [
            finding(text, Kind::Address, 0, text.len()),
            finding(text, Kind::IdCard, 21, text.len()),
        ];
        let r = p.apply(text, &f);
        assert_eq!(r.text, "户主张三身份证110105********002X");
        assert_eq!(r.edits.len(), 1);
    }

    #[test]
    fn longer_finding_wins_at_equal_start() {
        let text = "欧阳娜娜来了";
        let f = [
            finding(text, Kind::PersonName, 0, 6),
            finding(text, Kind::PersonName, 0, 12),
        ];
        assert_eq!(Policy::default().apply(text, &f).text, "欧阳**来了");
    }

    #[test]
    fn debug_hides_the_key() {
        let mut p = Policy::default();
        p.set_pseudonym_key(b"super-secret-key-material".to_vec());
        let s = format!("{p:?}");
        assert!(!s.contains("super-secret"));
        assert!(s.contains("25 bytes"));
    }

    #[test]
    fn mask_char_validation() {
        for bad in ['0', 'x', '某', ' ', '\n'] {
            let mut p = Policy::default();
            p.set_action(
                Kind::IdCard,
                Action::Mask {
                    keep_start: 1,
                    keep_end: 1,
                    mask_char: bad,
                    style: MaskStyle::Chars,
                },
            );
            assert!(
                matches!(p.validate(), Err(PolicyError::InvalidMaskChar { .. })),
                "{bad:?}"
            );
        }
        for good in ['*', '×', '●', '＊', '#'] {
            assert!(is_valid_mask_char(good), "{good:?}");
        }
    }

    #[test]
    fn styles_parse() {
        for s in MaskStyle::ALL {
            assert_eq!(s.as_str().parse::<MaskStyle>(), Ok(s));
        }
        let e = "surnames".parse::<MaskStyle>().unwrap_err();
        assert!(e.to_string().contains("surnames"));
    }
}
