//! Loading tuomin.toml and layering the command-line options over it
//! (defaults < file < flags): the scanner, the policy and the gate the
//! commands use.

use std::path::Path;

use tuomin_core::config::{FailOn, GateConfig};
use tuomin_core::{Config, Kind, Policy, Scanner, Severity};

/// The environment variable holding the baseline key unless
/// `[gate] baseline_key_env` names another.
pub const DEFAULT_BASELINE_KEY_ENV: &str = "TUOMIN_BASELINE_KEY";

/// What the commands work with.
pub struct Settings {
    /// The scanner, configured.
    pub scanner: Scanner,
    /// The redaction policy, configured.
    pub policy: Result<Policy, SettingsError>,
    /// Which findings fail the publishing gate (exit status 1): `[gate]
    /// fail_on`, else high and medium severity.
    pub gate: GateConfig,
    /// The environment variable that holds the baseline key.
    pub baseline_key_env: String,
}

/// The documented default of the gate: high and medium severity fail,
/// low (names, licence plates, QQ, WeChat) alone does not. The core's
/// `GateConfig` treats a missing `fail_on` as "every finding", so the
/// default is made explicit here.
pub fn default_fail_on() -> Vec<FailOn> {
    vec![
        FailOn::Severity(Severity::High),
        FailOn::Severity(Severity::Medium),
    ]
}

/// `[gate] baseline_key_env` is read here (the core's `GateConfig` does
/// not know it yet): its value is taken out and its line blanked, so that
/// line numbers in the core's error messages stay right.
fn take_baseline_key_env(text: &str) -> (String, Option<String>) {
    if !text.contains("baseline_key_env") {
        return (text.to_string(), None);
    }
    let Ok(value) = text.parse::<toml::Table>() else {
        return (text.to_string(), None);
    };
    let Some(name) = value
        .get("gate")
        .and_then(|g| g.get("baseline_key_env"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
    else {
        return (text.to_string(), None);
    };
    let blanked: Vec<&str> = text
        .split('\n')
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("baseline_key_env") || t.starts_with("gate.baseline_key_env") {
                ""
            } else {
                l
            }
        })
        .collect();
    (blanked.join("\n"), Some(name))
}

/// Reads and parses a settings file, taking out `baseline_key_env`.
fn load_file(path: &Path) -> Result<(Config, Option<String>), tuomin_core::ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        // Let the core word the error.
        Err(_) => return Config::load(path).map(|c| (c, None)),
    };
    let (text, key_env) = take_baseline_key_env(&text);
    if key_env.is_none() {
        return Config::load(path).map(|c| (c, None));
    }
    Config::from_toml_str(&text).map(|c| (c, key_env))
}

/// A settings file that could not be used.
#[derive(Debug)]
pub struct SettingsError {
    /// The file, as it will be reported.
    pub path: String,
    /// What is wrong and what to do (it names the file too).
    pub message: String,
}

/// Scanner options given on the command line; they win over the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--min-score`.
    pub min_score: Option<f32>,
    /// `--kinds` (empty: as the file says, else all).
    pub kinds: Vec<Kind>,
}

/// Loads the settings from `explicit` (`--config FILE`), else from
/// `tuomin.toml` in the current folder, else the defaults, and applies
/// `overrides`.
pub fn load(explicit: Option<&Path>, overrides: &Overrides) -> Result<Settings, SettingsError> {
    let mut key_env = None;
    let (mut config, source) = match explicit {
        Some(path) => {
            let (config, env) = load_file(path).map_err(|e| SettingsError {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            key_env = env;
            (config, Some(path.to_path_buf()))
        }
        None => {
            let dir = std::env::current_dir().map_err(|e| SettingsError {
                path: ".".to_string(),
                message: format!(
                    "cannot find the current folder: {}",
                    crate::walk::io_reason(&e)
                ),
            })?;
            match Config::discover(&dir) {
                Ok(Some((path, config))) => (config, Some(path)),
                Err(_) if dir.join("tuomin.toml").is_file() => {
                    let path = dir.join("tuomin.toml");
                    let (config, env) = load_file(&path).map_err(|e| SettingsError {
                        path: path.display().to_string(),
                        message: e.to_string(),
                    })?;
                    key_env = env;
                    (config, Some(path))
                }
                Ok(None) => (Config::default(), None),
                Err(e) => {
                    return Err(SettingsError {
                        path: dir.join("tuomin.toml").display().to_string(),
                        message: e.to_string(),
                    })
                }
            }
        }
    };
    if let Some(score) = overrides.min_score {
        config.scan.min_score = Some(score);
    }
    if !overrides.kinds.is_empty() {
        config.scan.kinds = Some(overrides.kinds.clone());
    }
    let name = source
        .as_deref()
        .map_or_else(|| "tuomin.toml".to_string(), |p| p.display().to_string());
    let invalid = |e: tuomin_core::ConfigError| SettingsError {
        path: name.clone(),
        message: match &source {
            Some(p) => format!("{}: {e}", p.display()),
            None => e.to_string(),
        },
    };
    let scanner = config.scanner().map_err(invalid)?;
    // Only `redact` uses the policy: a missing pseudonym key must not stop
    // `scan` or `audit`, so the error is kept until the policy is asked for.
    let policy = config.policy().map_err(invalid);
    let mut gate = config.gate.clone();
    if gate.fail_on.is_none() {
        gate.fail_on = Some(default_fail_on());
    }
    Ok(Settings {
        scanner,
        policy,
        gate,
        baseline_key_env: key_env.unwrap_or_else(|| DEFAULT_BASELINE_KEY_ENV.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_key_env_is_taken_out() {
        let (text, env) =
            take_baseline_key_env("[gate]\nfail_on = [\"high\"]\nbaseline_key_env = \"MY_KEY\"\n");
        assert_eq!(env.as_deref(), Some("MY_KEY"));
        assert_eq!(text, "[gate]\nfail_on = [\"high\"]\n\n");
        assert!(Config::from_toml_str(&text).is_ok());
        let (_, env) = take_baseline_key_env("[scan]\nmin_score = 0.6\n");
        assert!(env.is_none());
    }

    #[test]
    fn default_gate_passes_low_severity() {
        let gate = GateConfig {
            fail_on: Some(default_fail_on()),
        };
        assert!(gate.fails_on(Kind::Mobile));
        assert!(gate.fails_on(Kind::IdCard));
        assert!(!gate.fails_on(Kind::PersonName));
        assert!(!gate.fails_on(Kind::Wechat));
    }
}
