//! Loading tuomin.toml and layering the command-line options over it
//! (defaults < file < flags): the scanner, the policy and the gate the
//! commands use.

use std::path::Path;

use tuomin_core::config::GateConfig;
use tuomin_core::{Config, Kind, Policy, Scanner};

/// What the commands work with.
pub struct Settings {
    /// The scanner, configured.
    pub scanner: Scanner,
    /// The redaction policy, configured.
    pub policy: Policy,
    /// Which findings fail the publishing gate (exit status 1).
    pub gate: GateConfig,
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
    let policy = config.policy().map_err(invalid)?;
    Ok(Settings {
        scanner,
        policy,
        gate: config.gate.clone(),
    })
}
