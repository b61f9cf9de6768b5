//! `--format sarif`: a SARIF 2.1.0 log, for code-scanning tools.
//!
//! One rule per kind (id = the kind's stable name), results with the
//! masked value only, physical locations with line and column for text
//! files, logical locations (`第2页`, `名单!C7`) for documents, and the
//! baseline fingerprint as a partial fingerprint. Errors and parts that
//! could not be checked become tool execution notifications.

use serde_json::{json, Value};
use tuomin_core::{policy::preview, Kind, Severity};

use crate::output::{severity_name, Located};

/// The key of the baseline fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "tuominFingerprint/v1";

/// The SARIF level of a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn description(kind: Kind) -> &'static str {
    match kind {
        Kind::IdCard => "Resident ID card number (居民身份证号)",
        Kind::Mobile => "Mobile phone number (手机号)",
        Kind::Landline => "Landline phone number (固定电话)",
        Kind::BankCard => "Bank card or account number (银行卡号)",
        Kind::Email => "E-mail address (电子邮箱)",
        Kind::Passport => "Passport number (护照号)",
        Kind::TravelPermit => "Hong Kong/Macau/Taiwan travel permit number (通行证号)",
        Kind::LicensePlate => "Vehicle licence plate (车牌号)",
        Kind::Qq => "QQ number (QQ号)",
        Kind::Wechat => "WeChat ID (微信号)",
        Kind::PersonName => "Name of a natural person (姓名)",
        Kind::Address => "Home or postal address (住址)",
    }
}

fn rules() -> Vec<Value> {
    Kind::ALL
        .iter()
        .map(|&k| {
            json!({
                "id": k.as_str(),
                "name": k.as_str(),
                "shortDescription": { "text": description(k) },
                "fullDescription": {
                    "text": format!(
                        "{} found; mask it before publishing (tuomin redact).",
                        description(k)
                    )
                },
                "defaultConfiguration": { "level": level(k.severity()) },
                "properties": {
                    "severity": severity_name(k.severity()),
                    "label": k.label_zh(),
                },
            })
        })
        .collect()
}

/// A path as a URI reference: relative paths stay relative, absolute
/// ones become `file://` URIs; other than `/`, bytes outside the
/// unreserved set are percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF result for a finding; the message holds the masked value only.
pub fn result(at: &Located<'_>, _shown: &str) -> Value {
    let masked = preview(at.kind, at.text);
    let mut physical = json!({ "artifactLocation": { "uri": uri(at.path) } });
    if let Some(line) = at.line {
        let mut region = json!({ "startLine": line });
        if let Some(col) = at.column {
            region["startColumn"] = json!(col);
        }
        physical["region"] = region;
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(l) = at.location {
        location["logicalLocations"] = json!([{
            "name": l,
            "fullyQualifiedName": format!("{}:{l}", at.path),
            "kind": "element",
        }]);
    }
    let mut v = json!({
        "ruleId": at.kind.as_str(),
        "ruleIndex": Kind::ALL.iter().position(|&k| k == at.kind).unwrap_or(0),
        "level": level(at.kind.severity()),
        "message": { "text": format!("{} {}: {masked}", at.kind.label_zh(), at.kind.as_str()) },
        "locations": [location],
        "properties": { "score": (f64::from(at.score) * 1000.0).round() / 1000.0 },
    });
    if let Some(fp) = at.fingerprint {
        v["partialFingerprints"] = json!({ FINGERPRINT_KEY: fp });
    }
    v
}

/// A tool execution notification (an error, or a part not checked).
pub fn notification(level: &str, id: &str, path: &str, message: &str) -> Value {
    json!({
        "level": level,
        "descriptor": { "id": id },
        "message": { "text": message },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
    })
}

/// The whole log.
pub fn log(results: Vec<Value>, notifications: Vec<Value>, successful: bool) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "tuomin",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.invalid/tuomin",
                    "rules": rules(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": successful,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("docs/名单 1.txt"), "docs/%E5%90%8D%E5%8D%95%201.txt");
        assert_eq!(uri("/tmp/a.txt"), "file:///tmp/a.txt");
    }

    #[test]
    fn result_masks_and_locates() {
        let at = Located {
            path: "a.pdf",
            kind: Kind::IdCard,
            text: "11010519491231002X",
            score: 0.99,
            checks: &[],
            context: None,
            start: 0,
            end: 18,
            line: None,
            column: None,
            location: Some("第2页"),
            fingerprint: Some("ab"),
        };
        let v = result(&at, "11010519491231002X");
        assert_eq!(v["level"], "error");
        assert!(!v.to_string().contains("11010519491231002X"));
        assert_eq!(v["locations"][0]["logicalLocations"][0]["name"], "第2页");
        assert_eq!(v["partialFingerprints"][FINGERPRINT_KEY], "ab");
    }
}
