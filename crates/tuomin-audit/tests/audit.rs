//! End-to-end tests of the audit library on a small tree of documents and
//! archives.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tuomin_audit::{run, AuditOptions, Progress};
use tuomin_core::Scanner;
use zip::write::SimpleFileOptions;

const RAW: &[&str] = &[
    "11010519491231002X",
    "13812345678",
    "13912345678",
    "13712345678",
    "13612345678",
    "13512345678",
    "440304198501010013",
];

fn docx(text: &str) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    docx_rs::Docx::new()
        .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(text)))
        .build()
        .pack(&mut buf)
        .unwrap();
    buf.into_inner()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn write(p: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// A tree of 5 files on disk + an archive of 4 members (one corrupt, one in
/// a nested zip) = 9 report entries, 1 error.
fn fixture(root: &Path) {
    write(
        &root.join("财政局/名单.txt"),
        "申请人身份证号：11010519491231002X，联系电话 13812345678。\n".as_bytes(),
    );
    write(
        &root.join("财政局/通知.html"),
        "<html><body><p>联系电话：13912345678</p></body></html>".as_bytes(),
    );
    write(
        &root.join("民政局/data.csv"),
        "编号,联系电话\n1,13712345678\n".as_bytes(),
    );
    write(
        &root.join("民政局/report.docx"),
        &docx("联系电话：13612345678"),
    );
    write(&root.join("clean.txt"), "今天天气很好。\n".as_bytes());
    write(
        &root.join(".hidden/secret.txt"),
        "电话 13512345678".as_bytes(),
    );
    let inner = zip_of(&[("c.txt", "身份证号：440304198501010013".as_bytes())]);
    let outer = zip_of(&[
        ("a/notice.txt", "联系电话 13512345678".as_bytes()),
        ("a/broken.docx", b"PK\x03\x04this is not really a docx"),
        ("b/inner.zip", &inner),
        ("b/clean.txt", "没有个人信息。".as_bytes()),
    ]);
    write(&root.join("档案/archive.zip"), &outer);
}

fn opts(input: &Path, out: &Path) -> AuditOptions {
    let mut o = AuditOptions::new(vec![input.to_path_buf()], out.to_path_buf());
    o.progress = Progress::Off;
    o.threads = Some(2);
    o
}

fn report(out: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap()
}

fn file<'a>(report: &'a Value, suffix: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no file ending in {suffix} in {report:#}"))
}

fn no_raw_values(out: &Path) {
    for name in ["report.json", "findings.csv", "report.html", "state.jsonl"] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        for raw in RAW {
            assert!(!text.contains(raw), "{name} contains the raw value {raw}");
        }
    }
}

struct Setup {
    _tmp: tempfile::TempDir,
    input: PathBuf,
    out: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fixture(&input);
    let out = tmp.path().join("out");
    Setup {
        _tmp: tmp,
        input,
        out,
    }
}

#[test]
fn audits_tree_and_archives() {
    let s = setup();
    let scanner = Scanner::new();
    let sum = run(&scanner, &opts(&s.input, &s.out)).unwrap();
    assert_eq!(sum.files, 9, "{sum:?}");
    assert_eq!(sum.errors, 1, "{sum:?}");
    assert_eq!(sum.files_with_findings, 6, "{sum:?}");
    assert_eq!(sum.by_kind.get("id_card"), Some(&2), "{sum:?}");
    assert_eq!(sum.by_kind.get("mobile"), Some(&5), "{sum:?}");
    assert_eq!(sum.exit_code(), 2);
    assert_eq!(sum.scanned, 9);

    let r = report(&s.out);
    assert_eq!(r["totals"]["files"], 9);
    assert_eq!(r["totals"]["files_with_findings"], 6);
    assert_eq!(r["totals"]["errors"], 1);
    assert_eq!(r["totals"]["by_kind"]["mobile"], 5);
    let broken = file(&r, "archive.zip!a/broken.docx");
    assert!(broken["error"].as_str().unwrap().len() > 5, "{broken}");
    let nested = file(&r, "archive.zip!b/inner.zip!c.txt");
    assert_eq!(nested["findings"][0]["kind"], "id_card");
    assert_eq!(nested["findings"][0]["preview"], "440304********0013");
    assert_eq!(nested["folder"], "档案");
    let docx = file(&r, "民政局/report.docx");
    assert_eq!(docx["findings"][0]["kind"], "mobile");
    assert!(docx["error"].is_null());
    assert!(file(&r, "clean.txt")["findings"]
        .as_array()
        .unwrap()
        .is_empty());
    // Hidden entries are skipped; paths are sorted.
    let paths: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(!paths.iter().any(|p| p.contains(".hidden")));
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);

    // CSV: BOM, header, one row per finding.
    let csv = std::fs::read(s.out.join("findings.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some("file,location,kind,kind_zh,preview,score")
    );
    assert_eq!(lines.count() as u64, sum.findings);
    assert!(csv.contains(",mobile,手机号,138****5678,"));

    // HTML: totals, by folder, no raw values.
    let html = std::fs::read_to_string(s.out.join("report.html")).unwrap();
    assert!(html.contains("<b id=\"t-files\">9</b>"));
    assert!(html.contains("<b id=\"t-errors\">1</b>"));
    assert!(html.contains("财政局"));
    assert!(html.contains("archive.zip!a/broken.docx"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    no_raw_values(&s.out);
}

/// Report files without run-specific parts, for comparing runs.
fn report_text(out: &Path) -> (String, String, String) {
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    (
        read("report.json"),
        read("findings.csv"),
        read("report.html"),
    )
}

#[test]
fn resumes_after_interruption_and_skips_unchanged() {
    let s = setup();
    let scanner = Scanner::new();
    let o = opts(&s.input, &s.out);
    let first = run(&scanner, &o).unwrap();
    let reports = report_text(&s.out);

    // Simulate a kill: drop the last two lines and tear the one before.
    let state = s.out.join("state.jsonl");
    let text = std::fs::read_to_string(&state).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let keep = lines.len() - 3;
    let mut cut = lines[..keep].join("\n");
    cut.push('\n');
    cut.push_str(&lines[keep][..lines[keep].len() / 2]);
    std::fs::write(&state, cut).unwrap();

    let second = run(&scanner, &o).unwrap();
    assert_eq!(
        report_text(&s.out),
        reports,
        "resumed run gives the same reports"
    );
    assert!(
        second.scanned >= 1 && second.scanned < first.scanned,
        "{second:?}"
    );
    assert!(second.reused >= 1, "{second:?}");
    assert_eq!(second.exit_code(), 2);

    // Nothing changed: nothing scanned, the reports are not rewritten.
    let mtime = |n: &str| {
        std::fs::metadata(s.out.join(n))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime("report.json");
    let third = run(&scanner, &o).unwrap();
    assert_eq!(mtime("report.json"), before);
    assert_eq!(third.files, 9);
    assert_eq!(third.errors, 1);
    assert_eq!(third.scanned, 0, "{third:?}");
    assert_eq!(third.reused, 9, "{third:?}");
    assert_eq!(report_text(&s.out), reports);

    // Touched but same content: reused by hash.
    let clean = s.input.join("clean.txt");
    let f = std::fs::File::options().append(true).open(&clean).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(10))
        .unwrap();
    drop(f);
    let touched = run(&scanner, &o).unwrap();
    assert_eq!(touched.scanned, 0, "{touched:?}");
    assert_eq!(report_text(&s.out).0, reports.0);

    // Changed: only that file is scanned again.
    write(&clean, "新增联系电话 13512345678\n".as_bytes());
    let changed = run(&scanner, &o).unwrap();
    assert_eq!(changed.scanned, 1, "{changed:?}");
    assert_eq!(changed.files_with_findings, first.files_with_findings + 1);
    assert_eq!(
        file(&report(&s.out), "clean.txt")["findings"][0]["kind"],
        "mobile"
    );

    // Deleted: dropped from state and reports.
    std::fs::remove_file(s.input.join("财政局/通知.html")).unwrap();
    let deleted = run(&scanner, &o).unwrap();
    assert_eq!(deleted.removed, 1, "{deleted:?}");
    assert_eq!(deleted.files, 8);
    assert_eq!(deleted.scanned, 0);

    // --verify rehashes everything but scans nothing unchanged.
    let mut v = o.clone();
    v.verify = true;
    let verified = run(&scanner, &v).unwrap();
    assert_eq!(verified.scanned, 0, "{verified:?}");
    assert_eq!(verified.files, 8);
}

#[test]
fn member_change_rescans_only_that_member() {
    let s = setup();
    let scanner = Scanner::new();
    let o = opts(&s.input, &s.out);
    run(&scanner, &o).unwrap();
    let inner = zip_of(&[("c.txt", "身份证号：440304198501010013".as_bytes())]);
    let outer = zip_of(&[
        (
            "a/notice.txt",
            "联系电话 13512345678，另 13612345678".as_bytes(),
        ),
        ("a/broken.docx", b"PK\x03\x04this is not really a docx"),
        ("b/inner.zip", &inner),
        ("b/clean.txt", "没有个人信息。".as_bytes()),
    ]);
    write(&s.input.join("档案/archive.zip"), &outer);
    let again = run(&scanner, &o).unwrap();
    assert_eq!(again.scanned, 1, "{again:?}");
    assert_eq!(
        file(&report(&s.out), "archive.zip!a/notice.txt")["findings"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn limits_make_error_entries_not_crashes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    // A member of 8 MiB of zeros: ratio ~1000:1.
    let zeros = vec![0u8; 8 << 20];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("bomb.txt", deflate).unwrap();
    w.write_all(&zeros).unwrap();
    w.start_file("ok.txt", deflate).unwrap();
    w.write_all("电话 13812345678".as_bytes()).unwrap();
    write(&input.join("bomb.zip"), &w.finish().unwrap().into_inner());
    // Too many entries for the limit below.
    let many: Vec<(String, Vec<u8>)> = (0..6)
        .map(|i| (format!("f{i}.txt"), b"x".to_vec()))
        .collect();
    let many: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    write(&input.join("many.zip"), &zip_of(&many));
    write(&input.join("big.txt"), &vec![b'a'; 2000]);
    write(&input.join("fake.zip"), b"not a zip at all");
    // Nested deeper than zip_depth 1.
    let inner = zip_of(&[("x.txt", b"x")]);
    write(&input.join("nested.zip"), &zip_of(&[("inner.zip", &inner)]));

    let out = tmp.path().join("out");
    let mut o = opts(&input, &out);
    o.max_archive_entries = 5;
    o.max_file_bytes = 1000;
    o.zip_depth = 1;
    o.limits.max_ratio = 200;
    let sum = run(&Scanner::new(), &o).unwrap();
    let r = report(&out);
    let err = |p: &str| file(&r, p)["error"].as_str().unwrap_or("").to_string();
    assert!(err("bomb.zip!bomb.txt").contains("zip bomb"), "{r:#}");
    assert!(file(&r, "bomb.zip!ok.txt")["error"].is_null());
    assert!(err("many.zip").contains("entries"), "{r:#}");
    assert_eq!(err("big.txt"), "too large for audit (use tuomin scan)");
    assert!(err("fake.zip").contains("not a zip"), "{r:#}");
    assert!(err("nested.zip!inner.zip").contains("zip_depth"), "{r:#}");
    assert_eq!(sum.errors, 5, "{r:#}");
    assert_eq!(sum.exit_code(), 2);
}

#[test]
fn html_escapes_file_names_and_show_values_is_opt_in() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let evil = "<img src=x onerror=alert(1)>.txt";
    write(&input.join(evil), "电话 13812345678".as_bytes());
    let out = tmp.path().join("out");
    let o = opts(&input, &out);
    let sum = run(&Scanner::new(), &o).unwrap();
    assert_eq!(sum.exit_code(), 1);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<img"), "unescaped file name in the HTML");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(!html.contains("13812345678"));

    // With show_values the raw value is written (and the old state is not reused).
    let mut o2 = o.clone();
    o2.show_values = true;
    let sum2 = run(&Scanner::new(), &o2).unwrap();
    assert_eq!(sum2.scanned, 1);
    let csv = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(csv.lines().next().unwrap().ends_with(",value"));
    assert!(csv.contains("13812345678"));
    assert!(std::fs::read_to_string(out.join("report.html"))
        .unwrap()
        .contains("13812345678"));
}

#[test]
fn output_dir_inside_input_is_not_audited() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write(&input.join("a.txt"), "电话 13812345678".as_bytes());
    let out = input.join("audit-out");
    let o = opts(&input, &out);
    run(&Scanner::new(), &o).unwrap();
    let sum = run(&Scanner::new(), &o).unwrap();
    assert_eq!(sum.files, 1, "{sum:?}");
}

#[test]
fn a_zip_given_as_input_and_missing_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("pub.zip");
    write(
        &zip,
        &zip_of(&[
            ("人社局/a.txt", "电话 13812345678".as_bytes()),
            ("b.txt", b"ok"),
        ]),
    );
    let out = tmp.path().join("out");
    let mut o = opts(&zip, &out);
    o.inputs.push(tmp.path().join("missing-dir"));
    let sum = run(&Scanner::new(), &o).unwrap();
    assert_eq!(sum.files, 3);
    assert_eq!(sum.errors, 1);
    let r = report(&out);
    assert_eq!(file(&r, "pub.zip!人社局/a.txt")["folder"], "人社局");
    assert!(file(&r, "missing-dir")["error"]
        .as_str()
        .unwrap()
        .contains("cannot read"));
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

#[test]
fn html_report_renders_in_headless_browser() {
    let Some(browser) = chromium() else {
        eprintln!("SKIP html_report_renders_in_headless_browser: no chromium on PATH");
        return;
    };
    let s = setup();
    run(&Scanner::new(), &opts(&s.input, &s.out)).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let page = std::fs::canonicalize(s.out.join("report.html")).unwrap();
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dom.contains("id=\"t-files\">9</b>"), "{dom}");
    assert!(dom.contains("id=\"t-errors\">1</b>"), "{dom}");
    // Set by the script: proves the JS ran without error.
    assert!(dom.contains("显示 6 / 6 个文件"), "{dom}");
}
