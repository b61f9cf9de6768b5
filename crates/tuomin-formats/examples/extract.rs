//! Open a document, print its segments and warnings; with `--redact OUT`,
//! mask every ASCII digit run of 7+ digits and write the redacted copy.
//!
//! `cargo run -p tuomin-formats --example extract -- FILE [--redact OUT]`
use std::path::Path;
use tuomin_formats::{detect_format, open_named, Limits, SegmentEdit};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: extract FILE [--redact OUT] [--quiet]");
        std::process::exit(2);
    };
    let quiet = args.iter().any(|a| a == "--quiet");
    let bytes = std::fs::read(path).expect("read input");
    let run = || -> Result<(), tuomin_formats::FormatError> {
        let format = detect_format(&bytes, Some(Path::new(path)))?;
        let name = Path::new(path).file_name().and_then(|n| n.to_str());
        let doc = open_named(&bytes, format, &Limits::default(), name)?;
        let mut chars = 0;
        let mut edits = Vec::new();
        for s in doc.segments() {
            chars += s.text.chars().count();
            if !quiet {
                println!(
                    "[{}] {}{}: {}",
                    s.id,
                    s.location,
                    s.context
                        .as_deref()
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default(),
                    s.text
                );
            }
            let b = s.text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let st = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i - st >= 7 {
                    edits.push(SegmentEdit {
                        segment: s.id,
                        start: st + 3,
                        end: i - 4,
                        replacement: "*".repeat(i - st - 7),
                    });
                }
                i += 1;
            }
        }
        for w in doc.warnings() {
            eprintln!("warning: {w}");
        }
        eprintln!(
            "{}: {} segments, {} chars, {} edits",
            format.name(),
            doc.segments().len(),
            chars,
            edits.len()
        );
        if let Some(i) = args.iter().position(|a| a == "--redact") {
            let out = doc.write_redacted(&edits)?;
            std::fs::write(&args[i + 1], out)?;
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
