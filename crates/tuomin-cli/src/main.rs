//! `tuomin` (脱敏): find and mask personal information in Chinese
//! documents. See `tuomin --help`.

mod allow;
mod args;
mod atomic;
mod audit_cmd;
mod baseline;
mod input;
mod linecol;
mod output;
mod redact_cmd;
mod sarif;
mod scan_cmd;
mod settings;
mod walk;

use std::process::ExitCode;

use clap::Parser;
use tuomin_core::Kind;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Scan(args) => scan_cmd::run(args),
        Command::Redact(args) => redact_cmd::run(args),
        Command::Audit(args) => audit_cmd::run(args),
        Command::Kinds => print_kinds(),
    };
    ExitCode::from(code)
}

/// `tuomin kinds`: the kinds, their Chinese names and severities.
fn print_kinds() -> u8 {
    println!("{:<15} 名称 (label)  severity", "kind");
    for kind in Kind::ALL {
        // Chinese characters take two columns in a terminal.
        let label = kind.label_zh();
        let width = label
            .chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>();
        let pad = " ".repeat(14usize.saturating_sub(width));
        println!(
            "{:<15} {label}{pad}{}",
            kind.as_str(),
            output::severity_name(kind.severity())
        );
    }
    scan_cmd::EXIT_CLEAN
}
