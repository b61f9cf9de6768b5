//! The kinds of personal information tuomin reports.

use std::fmt;
use std::str::FromStr;

/// A kind of personal information.
///
/// The snake_case name ([`Kind::as_str`]) is a stable contract: reports,
/// configuration files and other tools rely on it. Adding a kind is fine;
/// renaming one is a breaking change.
///
/// ```
/// use tuomin_core::Kind;
/// let k: Kind = "id_card".parse().unwrap();
/// assert_eq!(k, Kind::IdCard);
/// assert_eq!(k.as_str(), "id_card");
/// assert_eq!(k.label_zh(), "身份证号");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 居民身份证号码: 18-digit (and first-generation 15-digit) resident ID
    /// numbers, including Hong Kong/Macau/Taiwan residence permits.
    IdCard,
    /// 手机号码: mainland mobile numbers.
    Mobile,
    /// 固定电话: landline numbers with an area code (or with a context word).
    Landline,
    /// 银行卡号/账号: bank card and account numbers.
    BankCard,
    /// 电子邮箱: e-mail addresses.
    Email,
    /// 护照号码: passport numbers (with context).
    Passport,
    /// 港澳台通行证: travel permits to/from Hong Kong, Macau and Taiwan.
    TravelPermit,
    /// 车牌号: vehicle licence plates.
    LicensePlate,
    /// QQ 号 (only with a context word).
    Qq,
    /// 微信号 (only with a context word).
    Wechat,
    /// 姓名: names of natural persons.
    PersonName,
    /// 住址: home or postal addresses down to street level.
    Address,
}

impl Kind {
    /// Every kind, in a fixed order.
    ///
    /// ```
    /// assert!(tuomin_core::Kind::ALL.contains(&tuomin_core::Kind::Mobile));
    /// ```
    pub const ALL: [Kind; 12] = [
        Kind::IdCard,
        Kind::Mobile,
        Kind::Landline,
        Kind::BankCard,
        Kind::Email,
        Kind::Passport,
        Kind::TravelPermit,
        Kind::LicensePlate,
        Kind::Qq,
        Kind::Wechat,
        Kind::PersonName,
        Kind::Address,
    ];

    /// The stable snake_case name of the kind.
    ///
    /// ```
    /// assert_eq!(tuomin_core::Kind::BankCard.as_str(), "bank_card");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::IdCard => "id_card",
            Kind::Mobile => "mobile",
            Kind::Landline => "landline",
            Kind::BankCard => "bank_card",
            Kind::Email => "email",
            Kind::Passport => "passport",
            Kind::TravelPermit => "travel_permit",
            Kind::LicensePlate => "license_plate",
            Kind::Qq => "qq",
            Kind::Wechat => "wechat",
            Kind::PersonName => "person_name",
            Kind::Address => "address",
        }
    }

    /// The Chinese term a clerk would use for the kind; also the default
    /// label of the `replace` action (`[身份证号]`).
    ///
    /// ```
    /// assert_eq!(tuomin_core::Kind::Mobile.label_zh(), "手机号");
    /// ```
    pub const fn label_zh(self) -> &'static str {
        match self {
            Kind::IdCard => "身份证号",
            Kind::Mobile => "手机号",
            Kind::Landline => "固定电话",
            Kind::BankCard => "银行卡号",
            Kind::Email => "电子邮箱",
            Kind::Passport => "护照号",
            Kind::TravelPermit => "通行证号",
            Kind::LicensePlate => "车牌号",
            Kind::Qq => "QQ号",
            Kind::Wechat => "微信号",
            Kind::PersonName => "姓名",
            Kind::Address => "住址",
        }
    }

    /// How serious a leak of this kind is, used by the publishing gate.
    ///
    /// ```
    /// use tuomin_core::{Kind, Severity};
    /// assert_eq!(Kind::IdCard.severity(), Severity::High);
    /// assert_eq!(Kind::PersonName.severity(), Severity::Low);
    /// ```
    pub const fn severity(self) -> Severity {
        match self {
            Kind::IdCard | Kind::BankCard | Kind::Passport | Kind::TravelPermit => Severity::High,
            Kind::Mobile | Kind::Landline | Kind::Address | Kind::Email => Severity::Medium,
            Kind::LicensePlate | Kind::Qq | Kind::Wechat | Kind::PersonName => Severity::Low,
        }
    }
}

/// How serious a leak of a kind is.
///
/// ```
/// use tuomin_core::Severity;
/// assert!(Severity::High > Severity::Low);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Names and other identifiers often published lawfully.
    Low,
    /// Contact data and addresses.
    Medium,
    /// Identity documents and financial accounts.
    High,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no [`Kind`].
///
/// ```
/// assert!("phone".parse::<tuomin_core::Kind>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{0}` (expected one of: id_card, mobile, landline, bank_card, email, passport, travel_permit, license_plate, qq, wechat, person_name, address)")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Kind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>().unwrap(), k);
        }
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let e = "idcard".parse::<Kind>().unwrap_err();
        assert!(e.to_string().contains("idcard"));
    }
}
