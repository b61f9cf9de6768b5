//! Helpers shared by the end-to-end tests: finding (or building) the
//! `tuomin` binary, running it, and parsing its JSON Lines output.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The `tuomin` binary of the profile these tests were built with:
/// `target/<profile>/tuomin`, next to `target/<profile>/deps/<test>`.
/// `TUOMIN_BIN` overrides it. The binary is (re)built once per test run
/// with `cargo build`, which is quick when it is up to date, so the tests
/// never run a stale binary.
pub fn bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("TUOMIN_BIN") {
            return PathBuf::from(p);
        }
        let exe = std::env::current_exe().expect("the test executable has a path");
        let deps = exe
            .parent()
            .expect("test executable in target/<profile>/deps");
        let profile_dir = deps.parent().expect("deps inside target/<profile>");
        let path = profile_dir.join(format!("tuomin{}", std::env::consts::EXE_SUFFIX));
        build(profile_dir, &path);
        assert!(
            path.exists(),
            "the tuomin binary is missing at {}; build it with `cargo build -p tuomin-cli`",
            path.display()
        );
        path
    })
}

fn build(profile_dir: &Path, path: &Path) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let profile = profile_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("debug")
        .to_string();
    let Some(target_dir) = profile_dir.parent() else {
        return;
    };
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "-p", "tuomin-cli", "--bin", "tuomin"])
        .arg("--target-dir")
        .arg(target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    match profile.as_str() {
        "debug" => {}
        "release" => {
            cmd.arg("--release");
        }
        other => {
            cmd.args(["--profile", other]);
        }
    }
    match cmd.output() {
        Ok(out) if out.status.success() => {}
        Ok(out) if path.exists() => eprintln!(
            "warning: `cargo build` failed ({}); using the existing binary\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Ok(out) => panic!(
            "`cargo build -p tuomin-cli` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) if path.exists() => {
            eprintln!("warning: cannot run cargo ({e}); using the existing binary")
        }
        Err(e) => panic!("cannot run cargo to build tuomin: {e}"),
    }
}

/// What a run of `tuomin` gave.
#[derive(Debug)]
pub struct Output {
    /// Exit status (-1 if killed by a signal).
    pub code: i32,
    /// Standard output, raw.
    pub stdout: Vec<u8>,
    /// Standard error, as text.
    pub stderr: String,
}

impl Output {
    /// Standard output as text.
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Standard output parsed as JSON Lines.
    pub fn jsonl(&self) -> Vec<Value> {
        self.out()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }

    /// The JSON Lines messages of type `ty`.
    pub fn messages(&self, ty: &str) -> Vec<Value> {
        self.jsonl()
            .into_iter()
            .filter(|v| v["type"] == ty)
            .collect()
    }
}

/// Runs `tuomin args…` in `cwd`, feeding `stdin`.
pub fn run_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tuomin starts");
    // Feed stdin from another thread so that a large input and a large
    // output cannot block each other; tuomin may exit before reading it
    // all (e.g. on a usage error), so a broken pipe is fine.
    let feeder = stdin.map(|input| {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        std::thread::spawn(move || match pipe.write_all(&input) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
            _ => {}
        })
    });
    let out = child.wait_with_output().expect("tuomin runs");
    if let Some(feeder) = feeder {
        feeder.join().expect("stdin feeder");
    }
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `tuomin args…` in a fresh empty folder (so no tuomin.toml is
/// picked up), with paths given absolute.
pub fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    run_in(dir.path(), args, None)
}

/// Runs `tuomin args…` with `stdin` as standard input.
pub fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    run_in(dir.path(), args, Some(stdin))
}

/// A path as a `&str` argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// A relief-list excerpt with known values: ID, mobile, bank card (and
/// no name or address, so that the counts do not depend on how those
/// detectors evolve).
pub const NOTICE: &str = "低保对象公示\n\
第1户，身份证号：34152219800101123X，联系电话：13812345678，\
发放账号：6228481234567890128。\n\
备注：情况属实。\n";

/// The values in [`NOTICE`], in order, with their kinds.
pub const NOTICE_VALUES: [(&str, &str); 3] = [
    ("id_card", "34152219800101123X"),
    ("mobile", "13812345678"),
    ("bank_card", "6228481234567890128"),
];

/// Expected 1-based line and column (in chars) of byte `start` of
/// `text` (column counted from the last `\n`).
pub fn line_col(text: &str, start: usize) -> (u64, u64) {
    let before = &text[..start];
    let line = before.matches('\n').count() as u64 + 1;
    let col_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[col_start..].chars().count() as u64 + 1)
}
