//! End-to-end tests of `tuomin scan`: exit codes, report formats, the
//! JSON Lines contract, inputs and errors.

mod common;

use std::fs;

use common::{line_col, run, run_in, run_stdin, s, NOTICE, NOTICE_VALUES};
use serde_json::Value;

#[test]
fn exit_0_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("clean.txt");
    fs::write(&f, "今天召开全体干部会议，传达学习文件精神。\n").unwrap();
    let out = run(&["scan", s(&f)]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.out(), "");
    assert!(
        out.stderr.contains("no personal information found"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_1_on_findings() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notice.txt");
    fs::write(&f, NOTICE).unwrap();
    let out = run(&["scan", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("3 findings"), "{}", out.stderr);
}

#[test]
fn exit_2_on_bad_flag_missing_file_and_bad_kind() {
    let out = run(&["scan", "--no-such-flag"]);
    assert_eq!(out.code, 2);
    let out = run(&["scan", "--kinds", "phone", "x.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("phone"), "{}", out.stderr);
    let out = run(&["scan", "/no/such/file.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("/no/such/file.txt") && out.stderr.contains("no such file"),
        "{}",
        out.stderr
    );
}

#[test]
fn help_and_version_exit_0() {
    let out = run(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.out().contains("scan") && out.out().contains("redact"));
    let out = run(&["scan", "--help"]);
    assert_eq!(out.code, 0);
    assert!(out.out().contains("身份证号 id_card"), "{}", out.out());
    assert_eq!(run(&["--version"]).code, 0);
}

#[test]
fn text_format_lines() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notice.txt");
    fs::write(&f, NOTICE).unwrap();
    let out = run(&["scan", s(&f)]);
    let text = out.out();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let (line, col) = line_col(NOTICE, NOTICE.find("34152219800101123X").unwrap());
    assert!(
        lines[0].starts_with(&format!(
            "{}:{line}:{col} id_card 341522********123X ",
            s(&f)
        )),
        "{}",
        lines[0]
    );
    let score: f64 = lines[0].rsplit(' ').next().unwrap().parse().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(lines[1].contains(" mobile 138****5678 "), "{}", lines[1]);
    // Not a terminal: no color codes, and no raw values.
    assert!(!text.contains('\x1b'));
    assert!(!text.contains("13812345678"));

    let colored = run(&["scan", "--color", "always", s(&f)]);
    assert!(colored.out().contains("\x1b["));
    let raw = run(&["scan", "--show-values", s(&f)]);
    assert!(raw.out().contains(" mobile 13812345678 "), "{}", raw.out());
}

#[test]
fn jsonl_fields_contract() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notice.txt");
    fs::write(&f, NOTICE).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 1);
    let findings = out.messages("finding");
    assert_eq!(findings.len(), 3);
    for (v, (kind, value)) in findings.iter().zip(NOTICE_VALUES) {
        assert_eq!(v["path"], s(&f));
        assert_eq!(v["kind"], kind);
        let start = v["start"].as_u64().unwrap() as usize;
        let end = v["end"].as_u64().unwrap() as usize;
        assert_eq!(&NOTICE[start..end], value);
        let (line, col) = line_col(NOTICE, start);
        assert_eq!(v["line"], line);
        assert_eq!(v["column"], col);
        let score = v["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        let preview = v["preview"].as_str().unwrap();
        assert!(preview.contains('*') && preview != value);
        assert!(v["checks"].is_array());
        assert!(v.get("context").is_some());
        assert!(v.get("text").is_none(), "raw text only with --show-values");
    }
    let summary = out.messages("summary");
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0]["findings"], 3);
    assert!(!out.out().contains("13812345678"));
}

#[test]
fn show_values_adds_raw_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notice.txt");
    fs::write(&f, NOTICE).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--show-values", s(&f)]);
    let texts: Vec<Value> = out
        .messages("finding")
        .iter()
        .map(|v| v["text"].clone())
        .collect();
    let expected: Vec<Value> = NOTICE_VALUES.iter().map(|(_, v)| Value::from(*v)).collect();
    assert_eq!(texts, expected);
}

#[test]
fn spans_count_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.txt");
    let body = NOTICE.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    fs::write(&f, &bytes).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--show-values", s(&f)]);
    let findings = out.messages("finding");
    assert_eq!(findings.len(), 3, "{}", out.out());
    for (v, (_, value)) in findings.iter().zip(NOTICE_VALUES) {
        let start = v["start"].as_u64().unwrap() as usize;
        let end = v["end"].as_u64().unwrap() as usize;
        assert_eq!(
            &bytes[start..end],
            value.as_bytes(),
            "file_bytes[start..end]"
        );
        assert_eq!(v["text"], value);
        // Lines and columns are those of the text (the BOM is no character).
        let (line, col) = line_col(&body, start - 3);
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(line), Some(col))
        );
    }
}

#[test]
fn json_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("notice.txt");
    fs::write(&f, NOTICE).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = run(&["scan", "--format", "json", s(&f), s(&missing)]);
    assert_eq!(out.code, 2);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(3));
    assert_eq!(doc["errors"][0]["path"], s(&missing));
    assert_eq!(doc["summary"]["findings"], 3);
    assert_eq!(doc["summary"]["errors"], 1);
}

#[test]
fn stdin_is_the_default_input() {
    let out = run_stdin(&["scan", "--format", "jsonl"], NOTICE.as_bytes());
    assert_eq!(out.code, 1);
    let findings = out.messages("finding");
    assert_eq!(findings.len(), 3);
    assert_eq!(findings[0]["path"], "<stdin>");
    let out = run_stdin(&["scan", "-"], "无个人信息。".as_bytes());
    assert_eq!(out.code, 0);
}

#[test]
fn min_score_and_kinds_filter() {
    let out = run_stdin(
        &["scan", "--format", "jsonl", "--kinds", "mobile,bank_card"],
        NOTICE.as_bytes(),
    );
    let kinds: Vec<Value> = out
        .messages("finding")
        .iter()
        .map(|v| v["kind"].clone())
        .collect();
    assert_eq!(kinds, vec![Value::from("mobile"), Value::from("bank_card")]);
    let out = run_stdin(
        &["scan", "--min-score", "1.0", "--kinds", "mobile"],
        "电话13812345678".as_bytes(),
    );
    assert!(out.code == 0 || out.code == 1, "{out:?}");
    let out = run_stdin(&["scan", "--min-score", "7"], b"x");
    assert_eq!(out.code, 2);
}

#[test]
fn directory_scan_is_sorted_and_skips_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b")).unwrap();
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join("b/2.txt"), "电话13812345678\n").unwrap();
    fs::write(root.join("a.txt"), "电话13987654321\n").unwrap();
    fs::write(root.join(".git/secret.txt"), "电话13955001122\n").unwrap();
    let out = run(&["scan", "--format", "jsonl", s(root)]);
    assert_eq!(out.code, 1);
    let paths: Vec<Value> = out
        .messages("finding")
        .iter()
        .map(|v| v["path"].clone())
        .collect();
    assert_eq!(
        paths,
        vec![
            Value::from(s(&root.join("a.txt"))),
            Value::from(s(&root.join("b/2.txt")))
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_entry_in_directory_is_reported_and_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.txt"), "电话13812345678\n").unwrap();
    std::os::unix::fs::symlink(root.join("gone.txt"), root.join("b-broken.txt")).unwrap();
    fs::write(root.join("c.txt"), "电话13987654321\n").unwrap();
    let out = run(&["scan", "--format", "jsonl", s(root)]);
    assert_eq!(out.code, 2, "{out:?}");
    let errors = out.messages("error");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], s(&root.join("b-broken.txt")));
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("no such file"));
    assert_eq!(
        out.messages("finding").len(),
        2,
        "the other files are still scanned"
    );
}

#[cfg(unix)]
#[test]
fn permission_denied_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let locked = root.join("locked.txt");
    fs::write(&locked, "电话13812345678\n").unwrap();
    fs::write(root.join("open.txt"), "电话13987654321\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop us; nothing to test.
        return;
    }
    let out = run(&["scan", "--format", "jsonl", s(root)]);
    assert_eq!(out.code, 2);
    let errors = out.messages("error");
    assert_eq!(errors[0]["path"], s(&locked));
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("permission denied"));
    assert_eq!(out.messages("finding").len(), 1);
}

#[test]
fn text_errors_go_to_stderr() {
    let out = run(&["scan", "/no/such/dir/x.txt"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.out(), "");
    assert!(
        out.stderr
            .contains("tuomin: error: /no/such/dir/x.txt: no such file"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("Os {"),
        "no Debug output: {}",
        out.stderr
    );
}

#[test]
fn binary_and_broken_document_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("a.docx"),
        b"PK\x03\x04\x14\x00\x06\x00 13812345678",
    )
    .unwrap();
    fs::write(root.join("b.pdf"), b"%PDF-1.7\n13812345678").unwrap();
    fs::write(root.join("c.bin"), b"\x00\x01\x02 13812345678").unwrap();
    fs::write(
        root.join("d.xls"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 13812345678",
    )
    .unwrap();
    let out = run(&["scan", "--format", "jsonl", s(root)]);
    assert_eq!(out.code, 2);
    assert!(
        out.messages("finding").is_empty(),
        "never scan binary garbage"
    );
    let messages: Vec<String> = out
        .messages("error")
        .iter()
        .map(|v| v["message"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(messages.len(), 4);
    // documents are read now (tests/tests/documents.rs); broken ones are
    // refused with the reason
    assert!(messages[0].starts_with("corrupt document:"), "{messages:?}");
    assert!(messages[1].starts_with("corrupt document:") && messages[1].contains("PDF"));
    assert!(messages[2].starts_with("unsupported format:") && messages[2].contains("binary"));
    assert!(
        messages[3].contains("legacy") && messages[3].contains(".xls"),
        "{messages:?}"
    );
}

#[test]
fn config_with_bad_key_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("custom.toml");
    fs::write(&cfg, "bogus_key_that_does_not_exist = 1\n").unwrap();
    let out = run_stdin(&["scan", "--config", s(&cfg)], NOTICE.as_bytes());
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("custom.toml"), "{}", out.stderr);

    // Discovered in the current folder.
    fs::write(
        dir.path().join("tuomin.toml"),
        "bogus_key_that_does_not_exist = 1\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["scan", "--format", "jsonl", "-"],
        Some(NOTICE.as_bytes()),
    );
    assert_eq!(out.code, 2, "{out:?}");
    let errors = out.messages("error");
    assert!(errors[0]["path"].as_str().unwrap().contains("tuomin.toml"));

    let out = run_stdin(&["scan", "--config", "/no/such/tuomin.toml"], b"x");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("/no/such/tuomin.toml"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_utf8_later_in_file_is_an_error_with_offset() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mixed.txt");
    let mut bytes = "电话13812345678\n".repeat(10).into_bytes();
    let bad_at = bytes.len() + 200_000;
    bytes.extend(std::iter::repeat_n(b'a', 200_000));
    bytes.push(0xFF);
    bytes.extend_from_slice("\n电话13987654321\n".as_bytes());
    fs::write(&f, &bytes).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 2);
    let errors = out.messages("error");
    assert_eq!(errors.len(), 1);
    let message = errors[0]["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("byte offset {bad_at}")),
        "{message}"
    );
    assert!(message.contains("--encoding"), "{message}");
    // Decoded lossily: the findings are still reported.
    assert_eq!(out.messages("finding").len(), 11);
}

#[test]
fn large_input_streams_across_block_boundaries() {
    // Over 3 MiB: several 1 MiB blocks and stream windows; every value
    // must be found exactly once with spans indexing the file bytes.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.txt");
    let mut text = String::new();
    let mut expected = Vec::new();
    let mut i = 0u32;
    while text.len() < 3 * 1024 * 1024 + 777 {
        text.push_str("情况说明，家庭困难，经评议同意纳入保障。");
        let mobile = format!("1381234{:04}", i % 10_000);
        text.push_str("联系电话：");
        expected.push((text.len(), mobile.clone()));
        text.push_str(&mobile);
        text.push_str(if i.is_multiple_of(3) { "\r\n" } else { "；" });
        i += 1;
    }
    fs::write(&f, &text).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--kinds", "mobile", s(&f)]);
    assert_eq!(out.code, 1);
    let got: Vec<(usize, String)> = out
        .messages("finding")
        .iter()
        .map(|v| {
            let start = v["start"].as_u64().unwrap() as usize;
            let end = v["end"].as_u64().unwrap() as usize;
            (start, text[start..end].to_string())
        })
        .collect();
    assert_eq!(got.len(), expected.len());
    assert!(got == expected, "spans differ from the values written");
    // Spot-check line/column far into the file.
    let last = out.messages("finding").pop().unwrap();
    let (line, col) = line_col(&text, expected[expected.len() - 1].0);
    assert_eq!(
        (last["line"].as_u64(), last["column"].as_u64()),
        (Some(line), Some(col))
    );
}

#[test]
fn kinds_subcommand_lists_kinds() {
    let out = run(&["kinds"]);
    assert_eq!(out.code, 0);
    assert!(out.out().contains("id_card") && out.out().contains("身份证号"));
}

/// Scanning needs no pseudonym key, even when the policy pseudonymizes;
/// only `redact` asks for it, with a message naming the variable.
#[test]
fn pseudonym_key_is_needed_by_redact_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("tuomin.toml"),
        "[policy.mobile]\naction = \"pseudonymize\"\n",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), "联系电话：13812345678\n").unwrap();
    let scan = run_in(dir.path(), &["scan", "a.txt"], None);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    let redact = run_in(dir.path(), &["redact", "a.txt", "-o", "b.txt"], None);
    assert_eq!(redact.code, 2);
    assert!(
        redact.stderr.contains("TUOMIN_PSEUDONYM_KEY"),
        "{}",
        redact.stderr
    );
    assert!(!dir.path().join("b.txt").exists());
}
