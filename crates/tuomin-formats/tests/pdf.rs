mod common;
use common::*;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document as Pdf, Object, Stream, StringFormat};
use std::process::Command;
use tuomin_formats::{detect_format, open, Format, FormatError, Limits};

const LINE1: &str = "姓名：张三　电话：13812345678";
const LINE2: &str = "身份证号：110101199003077777。";

fn chars() -> Vec<char> {
    let mut v: Vec<char> = format!("{LINE1}{LINE2}").chars().collect();
    v.sort();
    v.dedup();
    v
}

fn cid_bytes(s: &str) -> Vec<u8> {
    let cs = chars();
    s.chars()
        .flat_map(|c| {
            let cid = cs.iter().position(|x| *x == c).unwrap() as u16 + 1;
            cid.to_be_bytes()
        })
        .collect()
}

fn ucs2(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
}

fn hex(b: Vec<u8>) -> Object {
    Object::String(b, StringFormat::Hexadecimal)
}

fn op(o: &str, a: Vec<Object>) -> Operation {
    Operation::new(o, a)
}

fn fixture() -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    // ToUnicode CMap for the Identity-H font
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test-UCS def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let cs = chars();
    cmap.push_str(&format!("{} beginbfchar\n", cs.len()));
    for (i, c) in cs.iter().enumerate() {
        let u: Vec<String> = c
            .encode_utf16(&mut [0; 2])
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:04X}> <{}>\n", i + 1, u.join("")));
    }
    cmap.push_str("endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let tu = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 1000,
    });
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()], "ToUnicode" => tu,
    });
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let cid_gb = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 2 },
    });
    let f3 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light", "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![cid_gb.into()],
    });
    let res = doc
        .add_object(dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3 } });
    let (l1a, l1b) = LINE1.split_at(LINE1.find("138").unwrap() + 3);
    let page1 = vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 12.into()]),
        op("Td", vec![72.into(), 700.into()]),
        // the phone number split over a TJ with a kerning number
        op(
            "TJ",
            vec![Object::Array(vec![
                hex(cid_bytes(l1a)),
                0.into(),
                hex(cid_bytes(l1b)),
            ])],
        ),
        op("TL", vec![16.into()]),
        op("'", vec![hex(cid_bytes(LINE2))]),
        op("ET", vec![]),
    ];
    let page2 = vec![
        op("BT", vec![]),
        op("Tf", vec!["F2".into(), 11.into()]),
        op("Td", vec![72.into(), 700.into()]),
        op(
            "Tj",
            vec![Object::string_literal(
                "Phone: 13912345678 Email: zhangsan@example.com end",
            )],
        ),
        op("ET", vec![]),
    ];
    let page3 = vec![op("q", vec![]), op("Q", vec![])];
    let page4 = vec![
        op("BT", vec![]),
        op("Tf", vec!["F3".into(), 12.into()]),
        op("Td", vec![72.into(), 700.into()]),
        op("Tj", vec![hex(ucs2("联系人：李四 13700001111"))]),
        op("ET", vec![]),
    ];
    let mut kids = Vec::new();
    for ops in [page1, page2, page3, page4] {
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
    let xmp = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        b"<x:xmpmeta><dc:creator>zhangsan</dc:creator></x:xmpmeta>".to_vec(),
    ));
    let catalog =
        doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Metadata" => xmp });
    let mut author = vec![0xFE, 0xFF];
    author.extend(ucs2("张三"));
    let info = doc.add_object(dictionary! { "Author" => Object::String(author, StringFormat::Hexadecimal), "Producer" => Object::string_literal("WPS Office"), "Title" => Object::string_literal("notice") });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn pdftotext(bytes: &[u8], args: &[&str]) -> Option<String> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        println!(
            "NOTE: pdftotext not installed (Debian poppler-utils); independent PDF checks skipped"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.pdf");
    std::fs::write(&p, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&p)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn pdf_extracts_text() {
    let bytes = fixture();
    assert_eq!(detect_format(&bytes, None).unwrap(), Format::Pdf);
    let doc = open(&bytes, Format::Pdf, &Limits::default()).unwrap();
    let segs = doc.segments();
    assert_eq!(segs[0].location, "第1页");
    assert_eq!(segs[0].text, format!("{LINE1}\n{LINE2}"));
    assert_eq!(
        segs[1].text,
        "Phone: 13912345678 Email: zhangsan@example.com end"
    );
    assert_eq!(segs[2].location, "第4页");
    assert_eq!(segs[2].text, "联系人：李四 13700001111");
    assert!(segs
        .iter()
        .any(|s| s.location == "metadata:author" && s.text == "张三"));
    assert!(segs
        .iter()
        .any(|s| s.location == "metadata:producer" && s.text == "WPS Office"));
    assert!(
        doc.warnings()
            .iter()
            .any(|w| w.starts_with("page 3: no extractable text")),
        "{:?}",
        doc.warnings()
    );
    if let Some(t) = pdftotext(&bytes, &[]) {
        assert!(
            t.contains("13812345678"),
            "fixture readable by poppler: {t}"
        );
    }
}

#[test]
fn pdf_redaction_removes_glyphs() {
    let bytes = fixture();
    let doc = open(&bytes, Format::Pdf, &Limits::default()).unwrap();
    let mut edits = Vec::new();
    for (p, r) in [
        ("13812345678", "138****5678"),
        ("110101199003077777", "110101********7777"),
        ("13912345678", "139****5678"),
        ("zhangsan@example.com", "z*******@example.com"),
        ("13700001111", "137****1111"),
        ("张三", "张*"),
    ] {
        edits.extend(edits_for(doc.as_ref(), p, &mask_like(p, r)));
    }
    let out = doc.write_redacted(&edits).unwrap();
    assert!(out.starts_with(b"%PDF-"));
    // our own reader on the output
    let again = open(&out, Format::Pdf, &Limits::default()).unwrap();
    let all = all_text(again.as_ref());
    for p in [
        "13812345678",
        "1234",
        "110101199003077777",
        "13912345678",
        "zhangsan",
        "13700001111",
        "张三",
        "WPS Office",
    ] {
        assert!(!all.contains(p), "{p} left in {all}");
    }
    assert!(all.contains("电话：138"), "{all}");
    assert!(all.contains("5678"), "{all}");
    assert!(all.contains("Phone: 139"), "{all}");
    assert!(all.contains(" end"), "{all}");
    assert!(all.contains("联系人：李"), "{all}");
    // metadata scrubbed, XMP gone
    let pdf = Pdf::load_mem(&out).unwrap();
    assert!(pdf.catalog().unwrap().get(b"Metadata").is_err());
    let raw = String::from_utf8_lossy(&out);
    assert!(!raw.contains("xmpmeta"));
    // independent reader
    if let Some(t) = pdftotext(&out, &[]) {
        for p in [
            "13812345678",
            "110101199003077777",
            "13912345678",
            "zhangsan",
        ] {
            assert!(!t.contains(p), "{p} left (pdftotext): {t}");
        }
        assert!(t.contains("姓名：") && t.contains("身份证号："), "{t}");
        assert!(t.contains("Phone: 139") && t.contains("end"), "{t}");
        // glyphs after the redaction keep their place
        let before = pdftotext(&bytes, &["-bbox"]).unwrap();
        let after = pdftotext(&out, &["-bbox"]).unwrap();
        let x_max = |html: &str, word_end: &str| -> f32 {
            let line = html
                .lines()
                .find(|l| {
                    l.contains("<word") && l.trim_end().ends_with(&format!("{word_end}</word>"))
                })
                .unwrap_or_else(|| panic!("{word_end} in {html}"));
            let v = line.split("xMax=\"").nth(1).unwrap();
            v[..v.find('"').unwrap()].parse().unwrap()
        };
        assert!(
            (x_max(&before, "end") - x_max(&after, "end")).abs() < 0.5,
            "Helvetica text after the redaction moved"
        );
        assert!(
            (x_max(&before, "13812345678") - x_max(&after, "5678")).abs() < 0.5,
            "CJK text after the redaction moved"
        );
    }
}

/// Same-length mask (keeps glyphs where the mask keeps characters).
fn mask_like(orig: &str, repl: &str) -> String {
    assert_eq!(orig.chars().count(), repl.chars().count());
    repl.to_string()
}

#[test]
fn pdf_encrypted_is_refused() {
    let bytes = fixture();
    let mut pdf = Pdf::load_mem(&bytes).unwrap();
    let enc = pdf.add_object(
        dictionary! { "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -4 },
    );
    pdf.trailer.set("Encrypt", enc);
    let mut out = Vec::new();
    pdf.save_to(&mut out).unwrap();
    assert!(matches!(
        open(&out, Format::Pdf, &Limits::default()),
        Err(FormatError::Encrypted)
    ));
}

#[test]
fn pdf_limits_and_garbage() {
    let bytes = fixture();
    let tiny = Limits {
        max_pdf_objects: 3,
        ..Default::default()
    };
    assert!(matches!(
        open(&bytes, Format::Pdf, &tiny),
        Err(FormatError::TooLarge { .. })
    ));
    let r = open(b"%PDF-1.4\n garbage", Format::Pdf, &Limits::default());
    assert!(
        matches!(r, Err(FormatError::Corrupt { .. })),
        "{:?}",
        r.err()
    );
}

#[test]
#[ignore = "writes target/pdf-fixture*.pdf for looking at"]
fn write_fixture_for_inspection() {
    let bytes = fixture();
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/pdf-fixture.pdf"),
        &bytes,
    )
    .unwrap();
}
