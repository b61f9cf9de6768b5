//! End-to-end tests of `tuomin scan` and `tuomin redact` on documents:
//! DOCX, XLSX, CSV (GBK), HTML, Markdown and PDF, built here, plus the
//! files that must be refused (legacy, corrupt) and PDF pages that
//! cannot be checked (fail closed).

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{run, s};
use docx_rs::{Docx, Paragraph, Run};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document as Pdf, Object, Stream};
use serde_json::Value;
use tuomin_formats::{detect_format, open, Limits};

/// All segment text of a document, read back with tuomin-formats.
fn extracted(bytes: &[u8], name: &str) -> String {
    let format = detect_format(bytes, Some(Path::new(name))).expect("a known format");
    let doc = open(bytes, format, &Limits::default()).expect("the document opens");
    doc.segments()
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn finding_kinds(out: &common::Output) -> Vec<(String, String)> {
    out.messages("finding")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap_or_default().to_string(),
                f["location"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// A DOCX whose phone number is split over three runs, the middle one bold.
fn docx_fixture() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("关于发放补贴的通知")))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("联系电话：138"))
                .add_run(Run::new().add_text("1234").bold())
                .add_run(Run::new().add_text("5678，请按时办理。")),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("特此通知。")))
        .build()
        .pack(&mut buf)
        .expect("docx-rs writes the fixture");
    buf.into_inner()
}

#[test]
fn docx_phone_split_across_bold_runs_is_found_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("通知.docx");
    fs::write(&f, docx_fixture()).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    let findings = out.messages("finding");
    assert_eq!(findings.len(), 1, "{}", out.out());
    let m = &findings[0];
    assert_eq!(m["kind"], "mobile");
    assert_eq!(m["preview"], "138****5678");
    assert!(m.get("text").is_none());
    let location = m["location"].as_str().unwrap_or_default();
    assert!(location.contains("段落"), "{location}");

    let text = run(&["scan", s(&f)]);
    assert!(
        text.out()
            .starts_with(&format!("{}:{location} mobile 138****5678 ", s(&f))),
        "{}",
        text.out()
    );
}

#[test]
fn docx_redact_masks_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("通知.docx");
    let original = docx_fixture();
    fs::write(&f, &original).unwrap();
    let o = dir.path().join("通知-脱敏.docx");
    let out = run(&["redact", s(&f), "-o", s(&o)]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(fs::read(&f).unwrap(), original, "the input is untouched");
    let red = fs::read(&o).unwrap();
    let text = extracted(&red, "x.docx");
    assert!(!text.contains("13812345678"), "{text}");
    assert!(
        text.contains("联系电话：138****5678，请按时办理。"),
        "{text}"
    );
    assert!(text.contains("关于发放补贴的通知") && text.contains("特此通知。"));
    docx_rs::read_docx(&red).expect("docx-rs reads the redacted copy");
    // and a second scan of the copy is clean
    assert_eq!(run(&["scan", s(&o)]).code, 0);

    libreoffice_txt(&o, |txt| {
        assert!(!txt.contains("13812345678"), "{txt}");
        assert!(txt.contains("138****5678"), "{txt}");
    });
}

/// Converts `doc` to text with LibreOffice, if installed, and checks it.
fn libreoffice_txt(doc: &Path, check: impl FnOnce(&str)) {
    let Some(lo) = ["libreoffice", "soffice"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
    else {
        println!(
            "NOTE: libreoffice not installed (Debian libreoffice-writer-nogui); round trip skipped"
        );
        return;
    };
    let outdir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(lo)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(outdir.path())
        .arg(doc)
        .output()
        .expect("libreoffice runs");
    assert!(status.status.success(), "{status:?}");
    let txt_name = doc.with_extension("txt");
    let txt = fs::read_to_string(outdir.path().join(txt_name.file_name().unwrap())).unwrap();
    check(&txt);
}

fn xlsx_fixture() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    for (c, h) in ["姓名", "身份证号", "联系电话", "备注"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["王小明", "11010519491231002X", "13812345678", "已核实"],
        ["欧阳娜娜", "34152219800101123X", "13912345678", "合计"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_names_are_found_through_the_column_header() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("名单.xlsx");
    fs::write(&f, xlsx_fixture()).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    let got = finding_kinds(&out);
    for want in [
        ("person_name", "名单!A2"),
        ("id_card", "名单!B2"),
        ("mobile", "名单!C2"),
        ("person_name", "名单!A3"),
        ("id_card", "名单!B3"),
        ("mobile", "名单!C3"),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {got:?}"
        );
    }
    assert!(
        !got.iter().any(|(_, l)| l.starts_with("名单!D")),
        "no names made of remarks: {got:?}"
    );

    let o = dir.path().join("out.xlsx");
    let red = run(&["redact", s(&f), "-o", s(&o)]);
    assert_eq!(red.code, 0, "{red:?}");
    let text = extracted(&fs::read(&o).unwrap(), "out.xlsx");
    for raw in ["王小明", "欧阳娜娜", "11010519491231002X", "13812345678"] {
        assert!(!text.contains(raw), "{raw} left in {text}");
    }
    for masked in [
        "王**",
        "欧阳**",
        "110105********002X",
        "138****5678",
        "已核实",
    ] {
        assert!(text.contains(masked), "{masked} missing in {text}");
    }
}

#[test]
fn csv_in_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("名单.csv");
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,联系电话,备注\n李建国,13812345678,低保户\n");
    fs::write(&f, &gbk).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    let got = finding_kinds(&out);
    assert!(
        got.contains(&("mobile".to_string(), "名单.csv!B2".to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("person_name".to_string(), "名单.csv!A2".to_string())),
        "{got:?}"
    );
    let o = dir.path().join("out.csv");
    assert_eq!(run(&["redact", s(&f), "-o", s(&o)]).code, 0);
    let red = fs::read(&o).unwrap();
    let (back, _, had_errors) = encoding_rs::GBK.decode(&red);
    assert!(!had_errors, "still GBK");
    assert_eq!(back, "姓名,联系电话,备注\n李**,138****5678,低保户\n");
}

#[test]
fn html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path().join("公示.html");
    fs::write(
        &h,
        "<html><head><title>公示</title></head><body>\n<p>咨询电话：0551-62345678</p>\n<p>申请人身份证号：11010519491231002X</p>\n</body></html>\n",
    )
    .unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&h)]);
    assert_eq!(out.code, 1, "{out:?}");
    let ids: Vec<Value> = out
        .messages("finding")
        .into_iter()
        .filter(|f| f["kind"] == "id_card")
        .collect();
    assert_eq!(ids.len(), 1, "{}", out.out());
    assert_eq!(ids[0]["line"], 3);
    let o = dir.path().join("out.html");
    assert_eq!(run(&["redact", s(&h), "-o", s(&o)]).code, 0);
    let red = fs::read_to_string(&o).unwrap();
    assert!(
        red.contains("<p>申请人身份证号：110105********002X</p>"),
        "{red}"
    );
    assert!(red.contains("<title>公示</title>"), "{red}");

    let m = dir.path().join("说明.md");
    fs::write(&m, "# 说明\n\n联系人手机 13812345678。\n").unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&m)]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.messages("finding")[0]["line"], 3);
    let o = dir.path().join("out.md");
    assert_eq!(run(&["redact", s(&m), "-o", s(&o)]).code, 0);
    let red = fs::read_to_string(&o).unwrap();
    assert!(
        !red.contains("13812345678") && red.starts_with("# 说明\n\n联系人手机 138"),
        "{red}"
    );
}

/// A PDF with a Helvetica text page and, if `image_page`, a page with no text.
fn pdf_fixture(image_page: bool) -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let res = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let text_page = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 11.into()]),
        Operation::new("Td", vec![72.into(), 700.into()]),
        Operation::new(
            "Tj",
            vec![Object::string_literal("Applicant phone: 13912345678 end")],
        ),
        Operation::new("ET", vec![]),
    ];
    let mut pages = vec![text_page];
    if image_page {
        pages.push(vec![
            Operation::new("q", vec![]),
            Operation::new("Q", vec![]),
        ]);
    }
    let mut kids = Vec::new();
    for ops in pages {
        let c = doc.add_object(Stream::new(
            dictionary! {},
            Content { operations: ops }.encode().unwrap(),
        ));
        let p = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c, "Resources" => res,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::from(p));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Count" => kids.len() as i64, "Kids" => kids },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn pdftotext(pdf: &Path) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!(
            "NOTE: pdftotext not installed (Debian poppler-utils); independent PDF check skipped"
        );
        return None;
    }
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    assert!(out.status.success(), "{out:?}");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn pdf_scan_and_redact() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("公示.pdf");
    fs::write(&f, pdf_fixture(false)).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        finding_kinds(&out),
        vec![("mobile".to_string(), "第1页".to_string())]
    );
    let o = dir.path().join("out.pdf");
    let red = run(&["redact", s(&f), "-o", s(&o)]);
    assert_eq!(red.code, 0, "{red:?}");
    let text = extracted(&fs::read(&o).unwrap(), "out.pdf");
    assert!(!text.contains("13912345678"), "{text}");
    assert!(text.contains("Applicant phone:"), "{text}");
    if let Some(txt) = pdftotext(&o) {
        assert!(!txt.contains("13912345678"), "{txt}");
        assert!(txt.contains("Applicant phone"), "{txt}");
    }
}

#[test]
fn pdf_page_without_text_fails_closed() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("扫描件.pdf");
    fs::write(&f, pdf_fixture(true)).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 2, "{out:?}");
    let nc = out.messages("not_checked");
    assert_eq!(nc.len(), 1, "{}", out.out());
    assert_eq!(nc[0]["path"], s(&f));
    assert_eq!(nc[0]["location"], "第2页");
    assert!(
        nc[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no extractable text"),
        "{}",
        nc[0]
    );
    // the text page is still checked
    assert_eq!(out.messages("finding").len(), 1);

    let text = run(&["scan", s(&f)]);
    assert_eq!(text.code, 2);
    assert!(
        text.stderr.contains("第2页") && text.stderr.contains("not checked"),
        "{}",
        text.stderr
    );

    let allowed = run(&["scan", "--allow-unchecked", "--format", "jsonl", s(&f)]);
    assert_eq!(allowed.code, 1, "{allowed:?}");
    assert_eq!(allowed.messages("not_checked").len(), 1);

    let o = dir.path().join("out.pdf");
    let red = run(&["redact", s(&f), "-o", s(&o)]);
    assert_eq!(red.code, 2, "{red:?}");
    assert!(red.stderr.contains("--allow-unchecked"), "{}", red.stderr);
    assert!(!o.exists(), "nothing written");
    let red = run(&["redact", "--allow-unchecked", s(&f), "-o", s(&o)]);
    assert_eq!(red.code, 0, "{red:?}");
    assert!(!extracted(&fs::read(&o).unwrap(), "o.pdf").contains("13912345678"));
}

#[test]
fn legacy_and_corrupt_files_are_errors_and_the_folder_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("a-旧版.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0",
    )
    .unwrap();
    fs::write(
        root.join("b-损坏.docx"),
        b"PK\x03\x04\x14\x00\x06\x00garbage",
    )
    .unwrap();
    fs::write(root.join("c-好.docx"), docx_fixture()).unwrap();
    fs::write(root.join("d-好.txt"), "手机 13912345678\n").unwrap();
    fs::write(root.join("e-好.xlsx"), xlsx_fixture()).unwrap();
    let out = run(&["scan", "--format", "jsonl", s(root)]);
    assert_eq!(out.code, 2, "{out:?}");
    let errors = out.messages("error");
    assert_eq!(errors.len(), 2, "{}", out.out());
    assert!(errors[0]["path"]
        .as_str()
        .unwrap_or_default()
        .ends_with("a-旧版.doc"));
    let m0 = errors[0]["message"].as_str().unwrap_or_default();
    assert!(m0.contains("legacy") && m0.contains(".doc"), "{m0}");
    assert!(errors[1]["path"]
        .as_str()
        .unwrap_or_default()
        .ends_with("b-损坏.docx"));
    let m1 = errors[1]["message"].as_str().unwrap_or_default();
    assert!(m1.contains("corrupt"), "{m1}");
    let paths: Vec<String> = out
        .messages("finding")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default().to_string())
        .collect();
    for good in ["c-好.docx", "d-好.txt", "e-好.xlsx"] {
        assert!(
            paths.iter().any(|p| p.ends_with(good)),
            "{good} in {paths:?}"
        );
    }

    // text report: the error names the file and the reason
    let text = run(&["scan", s(&root.join("a-旧版.doc"))]);
    assert_eq!(text.code, 2);
    assert!(
        text.stderr.contains("a-旧版.doc") && text.stderr.contains("legacy"),
        "{}",
        text.stderr
    );
    // redact refuses too, writing nothing
    let o = root.join("x.docx");
    let red = run(&["redact", s(&root.join("b-损坏.docx")), "-o", s(&o)]);
    assert_eq!(red.code, 2);
    assert!(red.stderr.contains("corrupt"), "{}", red.stderr);
    assert!(!o.exists());
}

#[test]
fn redact_in_place_on_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.docx");
    fs::write(&f, docx_fixture()).unwrap();
    let out = run(&["redact", s(&f)]);
    assert_eq!(out.code, 2, "no -o, no --in-place: refuse");
    let out = run(&["redact", "--in-place", s(&f)]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = extracted(&fs::read(&f).unwrap(), "a.docx");
    assert!(text.contains("138****5678"), "{text}");
}
