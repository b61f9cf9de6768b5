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
/// low (names, licence plates, QQ, WeChat) alone does not (the same as
/// the core's `GateConfig` without `fail_on`; written out so reports can
/// name it).
pub fn default_fail_on() -> Vec<FailOn> {
    vec![
        FailOn::Severity(Severity::High),
        FailOn::Severity(Severity::Medium),
    ]
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
    let (mut config, source) = match explicit {
        Some(path) => {
            let config = Config::load(path).map_err(|e| SettingsError {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
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
        baseline_key_env: config
            .gate
            .baseline_key_env
            .clone()
            .unwrap_or_else(|| DEFAULT_BASELINE_KEY_ENV.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_gate_passes_low_severity() {
        let gate = GateConfig {
            fail_on: Some(default_fail_on()),
            ..GateConfig::default()
        };
        assert!(gate.fails_on(Kind::Mobile));
        assert!(gate.fails_on(Kind::IdCard));
        assert!(!gate.fails_on(Kind::PersonName));
        assert!(!gate.fails_on(Kind::Wechat));
    }
}
