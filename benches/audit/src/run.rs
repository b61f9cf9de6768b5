//! Runs one audit for the benchmark and prints throughput figures.
//!
//! `audit-bench-run INPUT OUT_DIR [--structured-only] [--threads N] [--fresh] [--bar]`

use std::path::PathBuf;

use tuomin_audit::{run, AuditOptions, Progress};
use tuomin_core::{Kind, Scanner};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut structured = false;
    let mut fresh = false;
    let mut progress = Progress::Lines;
    let mut threads = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--structured-only" => structured = true,
            "--fresh" => fresh = true,
            "--bar" => progress = Progress::Bar,
            "--threads" => threads = it.next().and_then(|s| s.parse().ok()),
            _ => pos.push(PathBuf::from(a)),
        }
    }
    let [input, out] = &pos[..] else {
        eprintln!(
            "usage: audit-bench-run INPUT OUT_DIR [--structured-only] [--threads N] [--fresh]"
        );
        std::process::exit(2);
    };
    let scanner = if structured {
        Scanner::builder()
            .kinds(
                Kind::ALL
                    .into_iter()
                    .filter(|k| !matches!(k, Kind::PersonName | Kind::Address)),
            )
            .build()
            .unwrap()
    } else {
        Scanner::new()
    };
    let mut opts = AuditOptions::new(vec![input.clone()], out.clone());
    opts.threads = threads;
    opts.fresh = fresh;
    opts.progress = progress;
    let s = run(&scanner, &opts).unwrap_or_else(|e| {
        eprintln!("audit failed: {e}");
        std::process::exit(3)
    });
    let secs = s.elapsed.as_secs_f64();
    println!("{s}");
    println!(
        "RESULT files={} scanned={} reused={} findings={} errors={} seconds={:.3} files_per_s={:.0} mb_per_s={:.2}",
        s.files,
        s.scanned,
        s.reused,
        s.findings,
        s.errors,
        secs,
        s.scanned as f64 / secs,
        s.bytes_scanned as f64 / 1e6 / secs
    );
}
