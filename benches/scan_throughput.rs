//! Single-threaded throughput of `Scanner::scan` on a mixed Chinese
//! corpus. Run: `cargo bench -p tuomin-benches --bench scan_throughput`.
//!
//! Prints MB/s (1 MB = 10^6 bytes) for the median and the best of several
//! runs over a 32 MiB corpus, once with the structured detectors only and once with
//! every detector. `TUOMIN_BENCH=per-kind` measures each detector alone,
//! `TUOMIN_BENCH=kind:person_name` one of them, `TUOMIN_BENCH=all` only the
//! scan with every detector. `TUOMIN_BENCH_TEXT=corpus/docs` measures the
//! text files of a directory (repeated to the corpus size) instead of the
//! generated text.

use std::time::Instant;
use tuomin_core::{Kind, Scanner};

fn measure(name: &str, scanner: &Scanner, text: &str, rounds: usize) {
    // `TUOMIN_BENCH_ROUNDS` overrides the number of rounds, e.g. to count
    // the instructions of one round under valgrind by difference.
    let rounds = std::env::var("TUOMIN_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|r| *r > 0)
        .unwrap_or(rounds);
    let mut times = Vec::with_capacity(rounds);
    let mut findings = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        findings = 0;
        // Scan in 1 MiB pieces at line boundaries, as the CLI streams.
        let mut rest = text;
        while !rest.is_empty() {
            let cut = if rest.len() <= 1 << 20 {
                rest.len()
            } else {
                rest.as_bytes()[..1 << 20]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(rest.len(), |i| i + 1)
            };
            findings += scanner.scan(&rest[..cut]).len();
            rest = &rest[cut..];
        }
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let mbps = text.len() as f64 / 1e6 / median;
    // The best round shows what the code does when the shared machine
    // leaves it alone; the median shows what to expect.
    let best = text.len() as f64 / 1e6 / times[0];
    println!(
        "{name:<28} {mbps:>8.1} MB/s median, {best:>8.1} MB/s best  ({:.1} MB, {rounds} rounds, {findings} findings)",
        text.len() as f64 / 1e6,
    );
}

fn main() {
    // `TUOMIN_BENCH_MB` changes the corpus size (default 32 MiB), e.g. to
    // count instructions under valgrind on a smaller one.
    let mb = std::env::var("TUOMIN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(32);
    // `TUOMIN_BENCH_TEXT=PATH` benchmarks real documents instead: the text
    // files under PATH (a file or a directory), repeated up to the size.
    // (`cargo bench` runs in `benches/`: a relative path that is not
    // there is read from the workspace root, where the README's commands
    // are typed.)
    let text = match std::env::var_os("TUOMIN_BENCH_TEXT") {
        Some(path) => {
            let mut p = std::path::PathBuf::from(&path);
            if p.is_relative() && !p.exists() {
                p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("..")
                    .join(&p);
            }
            tuomin_benches::repeat_files(&p, mb << 20)
                .unwrap_or_else(|e| panic!("TUOMIN_BENCH_TEXT={}: {e}", path.to_string_lossy()))
        }
        None => tuomin_benches::mixed_corpus(mb << 20, 42),
    };
    let structured: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| !matches!(k, Kind::PersonName | Kind::Address))
        .collect();
    let s = Scanner::builder()
        .kinds(structured)
        .build()
        .expect("scanner builds");
    let only = std::env::var("TUOMIN_BENCH").unwrap_or_default();
    if let Some(name) = only.strip_prefix("kind:") {
        let k: Kind = name.parse().expect("a kind name");
        let s = Scanner::builder()
            .kinds([k])
            .build()
            .expect("scanner builds");
        measure(k.as_str(), &s, &text, 5);
        return;
    }
    if only == "per-kind" {
        // One detector at a time: where the time goes.
        for k in Kind::ALL {
            let s = Scanner::builder()
                .kinds([k])
                .build()
                .expect("scanner builds");
            measure(k.as_str(), &s, &text, 3);
        }
        return;
    }
    if only != "all" {
        measure("structured detectors", &s, &text, 9);
    }
    if only != "structured" {
        measure("all detectors", &Scanner::new(), &text, 9);
    }
}
