mod common;
use common::*;
use docx_rs::*;
use std::io::{Cursor, Read, Write};
use tuomin_formats::{detect_format, open, Format, FormatError, Limits};

/// Replace or add zip entries (test helper; independent of the crate under test).
pub fn patch_zip(bytes: &[u8], patch: &[(&str, String)]) -> Vec<u8> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut seen = Vec::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if let Some((_, new)) = patch.iter().find(|(n, _)| *n == name) {
            data = new.clone().into_bytes();
            seen.push(name.clone());
        }
        w.start_file(name, opts).unwrap();
        w.write_all(&data).unwrap();
    }
    for (n, d) in patch {
        if !seen.iter().any(|s| s == n) {
            w.start_file(*n, opts).unwrap();
            w.write_all(d.as_bytes()).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

pub fn entry(bytes: &[u8], name: &str) -> String {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = a.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

/// Independent text extraction: contents of every `<w:t>` / `<w:delText>` element.
fn wt_text(xml: &str) -> String {
    let mut out = String::new();
    for tag in ["<w:t", "<w:delText"] {
        let close = if tag == "<w:t" {
            "</w:t>"
        } else {
            "</w:delText>"
        };
        let mut rest = xml;
        while let Some(i) = rest.find(tag) {
            rest = &rest[i + tag.len()..];
            let c = rest.as_bytes()[0];
            if c != b'>' && c != b' ' {
                continue;
            }
            let Some(gt) = rest.find('>') else { break };
            if rest[..gt].ends_with('/') {
                continue;
            }
            let end = rest.find(close).unwrap();
            out.push_str(
                &rest[gt + 1..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
            out.push('|');
        }
    }
    out
}

fn fixture() -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    Docx::new()
        .header(Header::new().add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("页眉：经办人 王五 13912345678")),
        ))
        .footer(Footer::new().add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("页脚 身份证 110101199003077777")),
        ))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("关于张三同志的通知")))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("联系电话：138"))
                .add_run(Run::new().add_text("1").bold())
                .add_run(Run::new().add_text("2345678，"))
                .add_run(Run::new().add_tab().add_text("地址：北京市")),
        )
        .add_table(Table::new(vec![
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text("姓名"))),
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text("身份证号"))),
            ]),
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text("李四"))),
                TableCell::new().add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text("11010519491231002X")),
                ),
            ]),
        ]))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("原电话 "))
                .add_delete(Delete::new().add_run(Run::new().add_delete_text("13700001111")))
                .add_insert(Insert::new(Run::new().add_text("13600002222"))),
        )
        .add_paragraph(
            Paragraph::new()
                .add_comment_start(Comment::new(1).author("审核人").add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text("批注：请联系赵六 13500003333")),
                ))
                .add_run(Run::new().add_text("正文 & <符号>"))
                .add_comment_end(1),
        )
        .custom_property("联系人", "孙七 13400004444")
        .build()
        .pack(&mut buf)
        .unwrap();
    let bytes = buf.into_inner();
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>张三的档案</dc:title><dc:creator>张三</dc:creator><cp:lastModifiedBy>李四</cp:lastModifiedBy></cp:coreProperties>"#;
    let doc = entry(&bytes, "word/document.xml");
    let textbox = r#"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框 周八 13300005555</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p><w:sectPr"#;
    let doc = doc.replacen("<w:sectPr", textbox, 1);
    patch_zip(
        &bytes,
        &[
            ("docProps/core.xml", core.to_string()),
            ("word/document.xml", doc),
        ],
    )
}

const PII: &[(&str, &str)] = &[
    ("13912345678", "139****5678"),
    ("110101199003077777", "110101********7777"),
    ("张三", "张*"),
    ("13812345678", "138****5678"),
    ("11010519491231002X", "110105********002X"),
    ("李四", "李*"),
    ("13700001111", "137****1111"),
    ("13600002222", "136****2222"),
    ("13500003333", "135****3333"),
    ("13400004444", "134****4444"),
    ("13300005555", "133****5555"),
];

#[test]
fn docx_segments() {
    let bytes = fixture();
    assert_eq!(detect_format(&bytes, None).unwrap(), Format::Docx);
    let doc = open(&bytes, Format::Docx, &Limits::default()).unwrap();
    let segs = doc.segments();
    let find = |t: &str| {
        segs.iter()
            .find(|s| s.text.contains(t))
            .unwrap_or_else(|| panic!("no {t} in {segs:#?}"))
    };
    assert_eq!(
        find("联系电话").text,
        "联系电话：13812345678，\t地址：北京市"
    );
    assert!(find("联系电话")
        .location
        .starts_with("word/document.xml 段落"));
    assert!(
        find("11010519491231002X")
            .location
            .contains("表格1 行2 列2"),
        "{}",
        find("11010519491231002X").location
    );
    assert!(find("13700001111").location.ends_with("删除的修订"));
    assert!(find("13600002222").text.contains("原电话"));
    assert!(find("13912345678").location.starts_with("word/header"));
    assert!(find("110101199003077777")
        .location
        .starts_with("word/footer"));
    assert!(find("13500003333")
        .location
        .starts_with("word/comments.xml"));
    assert!(find("13300005555").location.contains("文本框"));
    assert_eq!(find("13400004444").location, "metadata:custom:联系人");
    assert!(segs
        .iter()
        .any(|s| s.location == "metadata:author" && s.text == "张三"));
    assert!(segs
        .iter()
        .any(|s| s.location == "metadata:last_modified_by" && s.text == "李四"));
    assert!(segs.iter().any(|s| s.location == "metadata:title"));
    assert_eq!(find("正文").text, "正文 & <符号>");
}

#[test]
fn docx_roundtrip() {
    let bytes = fixture();
    let doc = open(&bytes, Format::Docx, &Limits::default()).unwrap();
    let mut edits = Vec::new();
    for (p, r) in PII {
        edits.extend(edits_for(doc.as_ref(), p, r));
    }
    edits.extend(edits_for(doc.as_ref(), "<符号>", "<已删>"));
    let out = doc.write_redacted(&edits).unwrap();
    // independent reading: raw XML of every part
    let mut a = zip::ZipArchive::new(Cursor::new(&out)).unwrap();
    let mut all = String::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let mut s = String::new();
        let _ = f.read_to_string(&mut s);
        all.push_str(&s);
    }
    for (p, _) in PII {
        assert!(!all.contains(p), "{p} left");
    }
    let body = entry(&out, "word/document.xml");
    let t = wt_text(&body);
    assert!(t.contains("联系电话：138|*|***5678，|地址：北京市|"), "{t}");
    assert!(
        body.contains("<w:b />") || body.contains("<w:b/>"),
        "bold kept"
    );
    assert!(t.contains("正文 & <已删>"), "{t}");
    assert!(entry(&out, "docProps/core.xml").contains("<dc:creator>张*</dc:creator>"));
    // everything else identical, same entry order
    let names = |b: &[u8]| {
        let a = zip::ZipArchive::new(Cursor::new(b)).unwrap();
        a.file_names()
            .map(|n| n.unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&bytes), names(&out));
    assert_eq!(
        entry(&bytes, "word/styles.xml"),
        entry(&out, "word/styles.xml")
    );
    // the output is a valid docx for another reader
    docx_rs::read_docx(&out).expect("docx-rs reads the redacted file");
    // and re-opening finds the masked text
    let again = open(&out, Format::Docx, &Limits::default()).unwrap();
    assert!(all_text(again.as_ref()).contains("138****5678"));
}

#[test]
fn docx_no_edits_keeps_parts() {
    let bytes = fixture();
    let doc = open(&bytes, Format::Docx, &Limits::default()).unwrap();
    let out = doc.write_redacted(&[]).unwrap();
    assert_eq!(
        entry(&bytes, "word/document.xml"),
        entry(&out, "word/document.xml")
    );
}

#[test]
fn docx_depth_limit() {
    let bytes = fixture();
    let deep = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{}{}</w:body></w:document>",
        "<w:p>".repeat(300),
        "</w:p>".repeat(300)
    );
    let bad = patch_zip(&bytes, &[("word/document.xml", deep)]);
    match open(&bad, Format::Docx, &Limits::default()) {
        Err(FormatError::TooLarge { what, .. }) => assert!(what.contains("depth")),
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn docx_truncated() {
    let bytes = fixture();
    let cut = &bytes[..bytes.len() / 2];
    assert!(matches!(
        detect_format(cut, None),
        Err(FormatError::Corrupt { .. })
    ));
    assert!(matches!(
        open(cut, Format::Docx, &Limits::default()),
        Err(FormatError::Corrupt { .. })
    ));
}

#[test]
fn docx_zip_bomb() {
    // 20 MB of spaces deflates to ~20 KB: ratio ~1000:1
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..20 {
        w.write_all(&zeros).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    match open(&bytes, Format::Docx, &Limits::default()) {
        Err(FormatError::ZipBomb { .. }) => {}
        other => panic!("{:?}", other.err()),
    }
    let small = Limits {
        max_uncompressed_bytes: 1000,
        ..Default::default()
    };
    assert!(matches!(
        open(&bytes, Format::Docx, &small),
        Err(FormatError::ZipBomb { .. })
    ));
}
