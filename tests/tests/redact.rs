//! End-to-end tests of `tuomin redact`: where output goes, that the input
//! is never touched unless asked, atomic writes, and errors.

mod common;

use std::fs;
use std::path::Path;

use common::{run, run_stdin, s, NOTICE};

const MASKED_ID: &str = "341522********123X";
const MASKED_MOBILE: &str = "138****5678";

fn notice_file(dir: &Path) -> std::path::PathBuf {
    let f = dir.join("名单.txt");
    fs::write(&f, NOTICE).unwrap();
    f
}

/// Files in `dir`, sorted (to check that no temporary file is left).
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn stdin_to_stdout() {
    let out = run_stdin(&["redact"], NOTICE.as_bytes());
    assert_eq!(out.code, 0, "{out:?}");
    let text = out.out();
    assert!(
        text.contains(MASKED_ID) && text.contains(MASKED_MOBILE),
        "{text}"
    );
    assert!(!text.contains("13812345678"));
    assert!(text.starts_with("低保对象公示\n") && text.ends_with("备注：情况属实。\n"));
    assert!(
        out.stderr.contains("id_card"),
        "summary by kind: {}",
        out.stderr
    );
}

#[test]
fn file_input_needs_o_or_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let f = notice_file(dir.path());
    let out = run(&["redact", s(&f)]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("-o") && out.stderr.contains("--in-place"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), NOTICE);
    assert_eq!(out.out(), "");
}

#[test]
fn output_equal_to_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = notice_file(dir.path());
    let out = run(&["redact", s(&f), "-o", s(&f)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--in-place"), "{}", out.stderr);
    assert_eq!(fs::read_to_string(&f).unwrap(), NOTICE);
    // Also through another spelling of the same path.
    let other = dir.path().join(".").join("名单.txt");
    let out = run(&["redact", s(&f), "-o", s(&other)]);
    assert_eq!(out.code, 2);
    assert_eq!(fs::read_to_string(&f).unwrap(), NOTICE);
}

#[test]
fn output_file_leaves_input_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let f = notice_file(dir.path());
    let dest = dir.path().join("out.txt");
    let out = run(&["redact", s(&f), "-o", s(&dest)]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(fs::read_to_string(&f).unwrap(), NOTICE);
    let red = fs::read_to_string(&dest).unwrap();
    assert!(
        red.contains(MASKED_ID) && red.contains(MASKED_MOBILE),
        "{red}"
    );
    assert_eq!(listing(dir.path()), vec!["out.txt", "名单.txt"]);
    assert!(out.stderr.contains("out.txt"), "{}", out.stderr);

    // An existing output is replaced whole.
    fs::write(&dest, "x".repeat(100_000)).unwrap();
    let out = run(&["redact", s(&f), "-o", s(&dest)]);
    assert_eq!(out.code, 0);
    assert_eq!(fs::read_to_string(&dest).unwrap(), red);
}

#[test]
fn in_place_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = notice_file(dir.path());
    let out = run(&["redact", "--in-place", s(&f)]);
    assert_eq!(out.code, 0, "{out:?}");
    let red = fs::read_to_string(&f).unwrap();
    assert!(
        red.contains(MASKED_ID) && !red.contains("13812345678"),
        "{red}"
    );
    assert_eq!(
        listing(dir.path()),
        vec!["名单.txt"],
        "no temporary file left"
    );
    // Running again changes nothing more (masked values are not findings).
    let out = run(&["redact", "--in-place", s(&f)]);
    assert_eq!(out.code, 0);
    assert_eq!(fs::read_to_string(&f).unwrap(), red);
}

#[cfg(unix)]
#[test]
fn in_place_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = notice_file(dir.path());
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run(&["redact", "--in-place", s(&f)]).code, 0);
    let mode = fs::metadata(&f).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn failed_redaction_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.txt");
    let mut bytes = "电话13812345678\n".repeat(1000).into_bytes();
    bytes.extend(std::iter::repeat_n(b'a', 2_000_000));
    bytes.push(0xFF); // invalid UTF-8 after the sniffed prefix
    bytes.extend_from_slice(b"tail\n");
    fs::write(&f, &bytes).unwrap();
    let dest = dir.path().join("out.txt");
    let out = run(&["redact", s(&f), "-o", s(&dest)]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("byte offset") && out.stderr.contains("--encoding"),
        "{}",
        out.stderr
    );
    assert!(!dest.exists(), "no half-written output");
    assert_eq!(
        listing(dir.path()),
        vec!["mixed.txt"],
        "no temporary file left"
    );

    let out = run(&["redact", "--in-place", s(&f)]);
    assert_eq!(out.code, 2);
    assert_eq!(fs::read(&f).unwrap(), bytes, "the input is untouched");
    assert_eq!(listing(dir.path()), vec!["mixed.txt"]);
}

#[test]
fn clear_errors_for_bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["redact", s(dir.path()), "-o", "x.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is a folder"), "{}", out.stderr);

    let missing = dir.path().join("missing.txt");
    let out = run(&["redact", s(&missing), "-o", s(&dir.path().join("o.txt"))]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("missing.txt") && out.stderr.contains("no such file"),
        "{}",
        out.stderr
    );

    let out = run_stdin(&["redact", "--in-place"], b"x");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--in-place"));

    let f = dir.path().join("a.pdf");
    fs::write(&f, b"%PDF-1.4\n...").unwrap();
    let out = run(&["redact", s(&f), "-o", s(&dir.path().join("b.pdf"))]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("a.pdf") && out.stderr.contains("corrupt document: PDF"),
        "{}",
        out.stderr
    );
    assert!(!dir.path().join("b.pdf").exists());

    let out = run(&["redact", "-o", "a", "--in-place", "b"]);
    assert_eq!(out.code, 2, "conflicting flags");
}

#[test]
fn bad_config_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    fs::write(&cfg, "bogus_key_that_does_not_exist = true\n").unwrap();
    let out = run_stdin(&["redact", "--config", s(&cfg)], NOTICE.as_bytes());
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("bad.toml"), "{}", out.stderr);
    assert_eq!(out.out(), "", "nothing redacted with a broken config");
}

#[test]
fn large_file_redaction_matches_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.txt");
    let line = "户主联系电话：13812345678，身份证号：34152219800101123X。\n";
    let text = line.repeat(40_000); // about 3 MB
    fs::write(&f, &text).unwrap();
    let dest = dir.path().join("big-out.txt");
    let out = run(&["redact", s(&f), "-o", s(&dest)]);
    assert_eq!(out.code, 0, "{out:?}");
    let red = fs::read_to_string(&dest).unwrap();
    let one = run_stdin(&["redact"], line.as_bytes()).out();
    assert_eq!(red, one.repeat(40_000));
}
