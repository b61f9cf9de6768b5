mod common;
use common::*;
use rust_xlsxwriter::{Format as XFormat, Formula, Workbook};
use std::io::{Cursor, Read};
use tuomin_formats::{detect_format, open, open_named, Format, FormatError, Limits};

fn entry(bytes: &[u8], name: &str) -> String {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = a.by_name(name).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    s
}

fn all_entries(bytes: &[u8]) -> String {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let _ = f.read_to_string(&mut all);
    }
    all
}

fn fixture() -> Vec<u8> {
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("名单").unwrap();
    ws.write_string_with_format(0, 0, "姓名", &bold).unwrap();
    ws.write_string_with_format(0, 1, "手机", &bold).unwrap();
    ws.write_string_with_format(0, 2, "身份证号", &bold)
        .unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    ws.write_number(1, 1, 13812345678.0).unwrap();
    ws.write_string(1, 2, "110101199003077777").unwrap();
    ws.write_string(2, 0, "李四").unwrap();
    ws.write_formula(
        2,
        1,
        Formula::new("=\"1391234\"&\"5678\"").set_result("13912345678"),
    )
    .unwrap();
    ws.write_string(2, 2, "110101199003077777").unwrap(); // same shared string as C2
    ws.write_number(3, 1, 42.0).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("隐藏").unwrap();
    hidden.write_string(0, 0, "备注").unwrap();
    hidden.write_string(1, 0, "王五 13700001111").unwrap();
    hidden.set_hidden(true);
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_segments() {
    let bytes = fixture();
    assert_eq!(detect_format(&bytes, None).unwrap(), Format::Xlsx);
    let doc = open(&bytes, Format::Xlsx, &Limits::default()).unwrap();
    let by_loc = |l: &str| {
        doc.segments()
            .iter()
            .find(|s| s.location == l)
            .unwrap_or_else(|| panic!("{l}: {:#?}", doc.segments()))
    };
    assert_eq!(by_loc("名单!A2").text, "张三");
    assert_eq!(by_loc("名单!A2").context.as_deref(), Some("姓名"));
    assert_eq!(by_loc("名单!B2").text, "13812345678");
    assert_eq!(by_loc("名单!B2").context.as_deref(), Some("手机"));
    assert_eq!(by_loc("名单!B3").text, "13912345678");
    assert_eq!(by_loc("名单!C3").context.as_deref(), Some("身份证号"));
    assert_eq!(by_loc("名单!A1").context, None);
    assert_eq!(by_loc("隐藏!A2").text, "王五 13700001111");
    assert_eq!(by_loc("隐藏!A2").context.as_deref(), Some("备注"));
}

#[test]
fn xlsx_roundtrip() {
    let bytes = fixture();
    let doc = open(&bytes, Format::Xlsx, &Limits::default()).unwrap();
    let mut edits = Vec::new();
    for (p, r) in [
        ("张三", "张*"),
        ("李四", "李*"),
        ("13812345678", "138****5678"),
        ("13912345678", "139****5678"),
        ("110101199003077777", "110101********7777"),
        ("13700001111", "137****1111"),
    ] {
        edits.extend(edits_for(doc.as_ref(), p, r));
    }
    let out = doc.write_redacted(&edits).unwrap();
    let all = all_entries(&out);
    for p in [
        "张三",
        "李四",
        "13812345678",
        "13912345678",
        "110101199003077777",
        "13700001111",
        "1391234",
    ] {
        assert!(!all.contains(p), "{p} left");
    }
    let sheet = entry(&out, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<c r="B2" t="inlineStr"><is><t xml:space="preserve">138****5678</t></is></c>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<c r="B4"><v>42</v></c>"#), "{sheet}");
    assert!(entry(&out, "xl/sharedStrings.xml").contains("110101********7777"));
    assert_eq!(entry(&bytes, "xl/styles.xml"), entry(&out, "xl/styles.xml"));
    let again = open(&out, Format::Xlsx, &Limits::default()).unwrap();
    let loc = |l: &str| {
        again
            .segments()
            .iter()
            .find(|s| s.location == l)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(loc("名单!B2"), "138****5678");
    assert_eq!(loc("名单!B3"), "139****5678");
    assert_eq!(loc("名单!C2"), "110101********7777");
    assert_eq!(loc("名单!C3"), "110101********7777");
    assert_eq!(loc("隐藏!A2"), "王五 137****1111");
    assert_eq!(loc("名单!B4"), "42");
}

#[test]
fn xlsx_encrypted_ole() {
    // an encrypted OOXML file is an OLE container with an EncryptionInfo stream
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 504]);
    ole.extend(
        "EncryptionInfo"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    assert!(matches!(
        detect_format(&ole, Some(std::path::Path::new("a.xlsx"))),
        Err(FormatError::Encrypted)
    ));
    let mut xls = ole[..512].to_vec();
    xls.extend("Workbook".encode_utf16().flat_map(|u| u.to_le_bytes()));
    match detect_format(&xls, None) {
        Err(e @ FormatError::Legacy { .. }) => {
            assert!(e.to_string().contains("Excel 97-2003 .xls"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let mut doc = ole[..512].to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
    let e = detect_format(&doc, Some(std::path::Path::new("公文.doc"))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "legacy Word 97-2003 .doc is not supported; save as .docx/.xlsx and try again"
    );
    assert!(
        matches!(detect_format(&doc, Some(std::path::Path::new("a.wps"))), Err(FormatError::Legacy { kind }) if kind.contains("WPS"))
    );
    assert!(
        matches!(detect_format(&doc, Some(std::path::Path::new("a.et"))), Err(FormatError::Legacy { kind }) if kind.contains(".et"))
    );
}

#[test]
fn csv_utf8_bom_quoting() {
    let src = "\u{feff}姓名,电话,备注\r\n张三,13812345678,\"住址:北京, 朝阳\"\r\n\"李四\",\"139 1234 5678\",\"说 \"\"你好\"\"\"\r\n";
    assert_eq!(
        detect_format(src.as_bytes(), Some(std::path::Path::new("名单.csv"))).unwrap(),
        Format::Csv
    );
    let doc = open_named(
        src.as_bytes(),
        Format::Csv,
        &Limits::default(),
        Some("名单.csv"),
    )
    .unwrap();
    let seg = |l: &str| {
        doc.segments()
            .iter()
            .find(|s| s.location == l)
            .unwrap()
            .clone()
    };
    assert_eq!(seg("名单.csv!B2").text, "13812345678");
    assert_eq!(seg("名单.csv!B2").context.as_deref(), Some("电话"));
    assert_eq!(seg("名单.csv!C2").text, "住址:北京, 朝阳");
    assert_eq!(seg("名单.csv!C3").text, "说 \"你好\"");
    let mut edits = edits_for(doc.as_ref(), "13812345678", "138****5678");
    edits.extend(edits_for(doc.as_ref(), "李四", "李,*"));
    edits.extend(edits_for(doc.as_ref(), "北京", "**"));
    let out = String::from_utf8(doc.write_redacted(&edits).unwrap()).unwrap();
    assert_eq!(
        out,
        "\u{feff}姓名,电话,备注\r\n张三,138****5678,\"住址:**, 朝阳\"\r\n\"李,*\",\"139 1234 5678\",\"说 \"\"你好\"\"\"\r\n"
    );
}

#[test]
fn csv_gbk_stays_gbk() {
    let (src, _, _) =
        encoding_rs::GBK.encode("姓名,手机\n王五,13700001111\n赵六,\"13600002222\"\n");
    let doc = open_named(&src, Format::Csv, &Limits::default(), Some("a.csv")).unwrap();
    assert_eq!(
        doc.segments()
            .iter()
            .find(|s| s.location == "a.csv!A2")
            .unwrap()
            .text,
        "王五"
    );
    let mut edits = edits_for(doc.as_ref(), "王五", "王*");
    edits.extend(edits_for(doc.as_ref(), "13600002222", "136****2222"));
    let out = doc.write_redacted(&edits).unwrap();
    let (back, _, bad) = encoding_rs::GBK.decode(&out);
    assert!(!bad);
    assert_eq!(back, "姓名,手机\n王*,13700001111\n赵六,\"136****2222\"\n");
}
