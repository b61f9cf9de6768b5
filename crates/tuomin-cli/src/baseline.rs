//! Baselines: findings accepted once and not reported again.
//!
//! A finding is remembered by its fingerprint: the path, the kind, and a
//! keyed hash (HMAC-SHA256) of the normalized value — never the value
//! itself. The key comes from an environment variable
//! (`TUOMIN_BASELINE_KEY`, or the one `[gate] baseline_key_env` names);
//! without one, a random salt is made for the baseline and kept in the
//! file.
//!
//! The file is JSON:
//!
//! ```json
//! {
//!   "tuomin_baseline": 1,
//!   "key": { "type": "salt", "salt": "9f…" },      // or { "type": "env", "env": "TUOMIN_BASELINE_KEY" }
//!   "findings": [
//!     { "path": "docs/名单.txt", "kind": "mobile", "location": "3:5", "fingerprint": "4be1…" }
//!   ]
//! }
//! ```

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use tuomin_core::Kind;

use crate::atomic::AtomicFile;

/// The format version written in baseline files.
const VERSION: u64 = 1;

/// Where the hashing key comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// An environment variable, by name (the key itself is never stored).
    Env(String),
    /// A random salt, stored in the baseline file.
    Salt(Vec<u8>),
}

/// The key used to fingerprint findings.
#[derive(Debug, Clone)]
pub struct Key {
    /// Where it comes from.
    pub source: KeySource,
    bytes: Vec<u8>,
}

impl Key {
    /// The key in the environment variable `env`, if it is set and not empty.
    pub fn from_env(env: &str) -> Option<Key> {
        let value = std::env::var_os(env)?;
        if value.is_empty() {
            return None;
        }
        Some(Key {
            source: KeySource::Env(env.to_string()),
            bytes: value.as_encoded_bytes().to_vec(),
        })
    }

    /// A fresh random salt.
    pub fn random_salt() -> Key {
        let salt = random_bytes();
        Key {
            source: KeySource::Salt(salt.clone()),
            bytes: salt,
        }
    }

    /// The fingerprint of a finding of `kind` with value `value` in `path`.
    pub fn fingerprint(&self, path: &str, kind: Kind, value: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes)
            .expect("HMAC accepts keys of any length");
        mac.update(normalize_path(path).as_bytes());
        mac.update(&[0]);
        mac.update(kind.as_str().as_bytes());
        mac.update(&[0]);
        mac.update(normalize_value(value).as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// `./a/b.txt` and `a\b.txt` name the same file as `a/b.txt`.
pub fn normalize_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// The value without separators, full-width digits and letters made
/// ASCII, letters upper-cased: `138-1234-5678` = `13812345678`,
/// `…123x` = `…123X`.
fn normalize_value(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '－' | '·' | '(' | ')' | '（' | '）'))
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// 32 random bytes: from the system's random source, else (never on
/// the usual systems) from the standard library's randomly seeded hasher.
fn random_bytes() -> Vec<u8> {
    let mut buf = vec![0u8; 32];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        use std::io::Read;
        if f.read_exact(&mut buf).is_ok() {
            return buf;
        }
    }
    use std::hash::{BuildHasher, Hasher};
    let mut out = Vec::with_capacity(32);
    for i in 0..4u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        h.write_u32(std::process::id());
        out.extend_from_slice(&h.finish().to_le_bytes());
    }
    out
}

/// A baseline read from a file.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The key its fingerprints were made with.
    pub key: Key,
    entries: BTreeSet<(String, String, String)>,
}

impl Baseline {
    /// Reads a baseline file. The error is a message naming the file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let name = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{name}: cannot read the baseline: {}",
                crate::walk::io_reason(&e)
            )
        })?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| format!("{name}: not a tuomin baseline (invalid JSON: {e})"))?;
        if v["tuomin_baseline"].as_u64() != Some(VERSION) {
            return Err(format!(
                "{name}: not a tuomin baseline (expected \"tuomin_baseline\": {VERSION}); \
                 write one with --write-baseline"
            ));
        }
        let key = match v["key"]["type"].as_str() {
            Some("salt") => {
                let salt = v["key"]["salt"]
                    .as_str()
                    .and_then(unhex)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| format!("{name}: the baseline's salt is missing or not hex"))?;
                Key {
                    source: KeySource::Salt(salt.clone()),
                    bytes: salt,
                }
            }
            Some("env") => {
                let env = v["key"]["env"].as_str().unwrap_or("TUOMIN_BASELINE_KEY");
                Key::from_env(env).ok_or_else(|| {
                    format!(
                        "{name}: this baseline was written with the key in the environment \
                         variable {env}, which is not set; set it to the same key"
                    )
                })?
            }
            _ => return Err(format!("{name}: the baseline names no key (\"key\")")),
        };
        let mut entries = BTreeSet::new();
        for f in v["findings"].as_array().into_iter().flatten() {
            if let (Some(p), Some(k), Some(fp)) = (
                f["path"].as_str(),
                f["kind"].as_str(),
                f["fingerprint"].as_str(),
            ) {
                entries.insert((normalize_path(p), k.to_string(), fp.to_string()));
            }
        }
        Ok(Baseline { key, entries })
    }

    /// Whether a finding is in the baseline.
    pub fn contains(&self, path: &str, kind: Kind, fingerprint: &str) -> bool {
        self.entries.contains(&(
            normalize_path(path),
            kind.as_str().to_string(),
            fingerprint.to_string(),
        ))
    }
}

/// One accepted finding, as written.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The input, as reported.
    pub path: String,
    /// Its kind.
    pub kind: Kind,
    /// Where in the input (informational).
    pub location: String,
    /// [`Key::fingerprint`].
    pub fingerprint: String,
}

/// Writes a baseline file atomically. The error is a message naming the file.
pub fn write(path: &Path, key: &Key, entries: &[Entry]) -> Result<(), String> {
    let key_json = match &key.source {
        KeySource::Env(env) => json!({ "type": "env", "env": env }),
        KeySource::Salt(salt) => json!({ "type": "salt", "salt": hex(salt) }),
    };
    let mut seen = BTreeSet::new();
    let findings: Vec<Value> = entries
        .iter()
        .filter(|e| seen.insert((normalize_path(&e.path), e.kind, e.fingerprint.clone())))
        .map(|e| {
            json!({
                "path": normalize_path(&e.path),
                "kind": e.kind.as_str(),
                "location": e.location,
                "fingerprint": e.fingerprint,
            })
        })
        .collect();
    let doc = json!({
        "tuomin_baseline": VERSION,
        "key": key_json,
        "findings": findings,
    });
    let mut f = AtomicFile::create(path)?;
    serde_json::to_writer_pretty(f.writer(), &doc)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    f.writer()
        .write_all(b"\n")
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    f.commit(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_separators_and_hide_the_value() {
        let k = Key::random_salt();
        let a = k.fingerprint("./a.txt", Kind::Mobile, "138-1234-5678");
        let b = k.fingerprint("a.txt", Kind::Mobile, "13812345678");
        assert_eq!(a, b);
        assert_ne!(a, k.fingerprint("a.txt", Kind::Landline, "13812345678"));
        assert_ne!(
            a,
            Key::random_salt().fingerprint("a.txt", Kind::Mobile, "13812345678")
        );
        assert!(!a.contains("13812345678"));
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn write_then_load() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("baseline.json");
        let key = Key::random_salt();
        let fp = key.fingerprint("a.txt", Kind::IdCard, "11010519491231002x");
        write(
            &path,
            &key,
            &[Entry {
                path: "a.txt".into(),
                kind: Kind::IdCard,
                location: "1:1".into(),
                fingerprint: fp.clone(),
            }],
        )?;
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        assert!(!text.contains("11010519491231002"));
        let b = Baseline::load(&path)?;
        assert!(b.contains("./a.txt", Kind::IdCard, &fp));
        assert_eq!(
            b.key
                .fingerprint("a.txt", Kind::IdCard, "11010519491231002X"),
            fp
        );
        Ok(())
    }
}
