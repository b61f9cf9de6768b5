//! `tuomin audit`: the bulk re-audit, a thin layer over `tuomin-audit`.

use tuomin_audit::{AuditOptions, Progress};

use crate::args::{AuditArgs, ProgressArg};
use crate::settings;

/// Runs the audit and returns the exit status (0, 1 or 2).
pub fn run(args: &AuditArgs) -> u8 {
    let settings = match settings::load(args.config.as_deref(), &settings::Overrides::default()) {
        Ok(s) => s,
        Err(e) => {
            if e.message.starts_with(&e.path) {
                eprintln!("tuomin: {}", e.message);
            } else {
                eprintln!("tuomin: {}: {}", e.path, e.message);
            }
            return 2;
        }
    };
    let mut opts = AuditOptions::new(args.paths.clone(), args.out.clone());
    opts.threads = args.threads;
    opts.verify = args.verify;
    opts.fresh = args.fresh;
    opts.show_values = args.show_values;
    opts.progress = match args.progress {
        ProgressArg::Auto => Progress::Auto,
        ProgressArg::Bar => Progress::Bar,
        ProgressArg::Lines => Progress::Lines,
        ProgressArg::Off => Progress::Off,
    };
    // Saved results are only valid for the same settings: the scanner's
    // Debug form names its kinds and threshold; the config file's text
    // covers allowlists and denylists.
    let config_text = args
        .config
        .as_deref()
        .map(std::path::Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok().map(|d| d.join("tuomin.toml")))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    opts.config_tag = format!("{:?}|{config_text}", settings.scanner);
    match tuomin_audit::run(&settings.scanner, &opts) {
        Ok(summary) => {
            eprintln!("{summary}");
            summary.exit_code() as u8
        }
        Err(e) => {
            eprintln!("tuomin: audit: {e}");
            2
        }
    }
}
