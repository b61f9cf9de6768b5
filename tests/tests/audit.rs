//! End-to-end tests of `tuomin audit`: reports, a corrupt file in the
//! middle of the archive, and a re-run that resumes from the saved state.

mod common;

use std::fs;

use common::{run_in, s};

#[test]
fn audit_reports_findings_and_errors_and_resumes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    fs::create_dir_all(root.join("民政局")).unwrap();
    fs::create_dir_all(root.join("财政局")).unwrap();
    fs::write(
        root.join("民政局/公示.txt"),
        "低保公示：户主联系电话 13812345678，身份证号 11010519491231002X。\n",
    )
    .unwrap();
    fs::write(
        root.join("财政局/总结.txt"),
        "县政府高度重视政务公开工作。\n",
    )
    .unwrap();
    // A corrupt Word file between the good ones.
    fs::write(root.join("民政局/坏文件.docx"), b"PK\x03\x04 truncated zip").unwrap();
    let out = dir.path().join("report");

    let first = run_in(
        dir.path(),
        &["audit", s(&root), "--out", s(&out), "--progress", "off"],
        None,
    );
    assert_eq!(
        first.code, 2,
        "errors make the exit status 2: {}",
        first.stderr
    );
    let report: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let totals = &report["totals"];
    assert_eq!(totals["files"], 3, "{report}");
    assert_eq!(totals["files_with_findings"], 1);
    assert_eq!(totals["errors"], 1);
    assert_eq!(totals["by_kind"]["mobile"], 1);
    assert_eq!(totals["by_kind"]["id_card"], 1);
    let bad = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("坏文件.docx"))
        .expect("the corrupt file is listed");
    assert!(bad["error"].is_string());

    // No report holds a raw value.
    for name in ["report.json", "findings.csv", "report.html"] {
        let text = fs::read_to_string(out.join(name)).unwrap();
        assert!(!text.contains("13812345678"), "{name} leaks a value");
        assert!(!text.contains("11010519491231002X"), "{name} leaks a value");
    }
    let csv = fs::read(out.join("findings.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "CSV starts with a BOM for Excel/WPS"
    );
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        !html.contains("<script src"),
        "the HTML report is self-contained"
    );

    // An interrupted run: drop the last saved result, then run again.
    let state = out.join("state.jsonl");
    let saved = fs::read_to_string(&state).unwrap();
    let mut lines: Vec<&str> = saved.lines().collect();
    lines.pop();
    fs::write(&state, lines.join("\n") + "\n").unwrap();
    let second = run_in(
        dir.path(),
        &["audit", s(&root), "--out", s(&out), "--progress", "off"],
        None,
    );
    assert_eq!(second.code, 2);
    let again: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        again["totals"], report["totals"],
        "the resumed run reports the same"
    );
}

#[test]
fn audit_needs_an_output_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run_in(dir.path(), &["audit", "."], None);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--out"), "{}", out.stderr);
}
