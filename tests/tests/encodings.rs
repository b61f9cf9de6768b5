//! End-to-end tests of encodings: GBK detected automatically, spans on
//! the UTF-8 transcoding, redacted output in the input's own encoding,
//! UTF-16 with a byte-order mark.

mod common;

use std::fs;

use common::{run, s, NOTICE, NOTICE_VALUES};
use encoding_rs::{GBK, UTF_16BE, UTF_16LE};

#[test]
fn gbk_is_detected_and_spans_index_the_utf8_transcoding() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gbk.txt");
    let (bytes, _, unmappable) = GBK.encode(NOTICE);
    assert!(!unmappable);
    fs::write(&f, &bytes).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--show-values", s(&f)]);
    assert_eq!(out.code, 1, "{out:?}");
    let findings = out.messages("finding");
    assert_eq!(findings.len(), 3);
    let (utf8, _, _) = GBK.decode(&bytes);
    for (v, (kind, value)) in findings.iter().zip(NOTICE_VALUES) {
        assert_eq!(v["kind"], kind);
        let start = v["start"].as_u64().unwrap() as usize;
        let end = v["end"].as_u64().unwrap() as usize;
        assert_eq!(&utf8[start..end], value);
    }
    // Text report lines are the same as for the UTF-8 file.
    let text = run(&["scan", s(&f)]).out();
    assert!(text.contains("id_card 341522********123X"), "{text}");
}

#[test]
fn redacting_gbk_writes_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gbk.txt");
    let source = NOTICE.replace('\n', "\r\n");
    let (bytes, _, _) = GBK.encode(&source);
    fs::write(&f, &bytes).unwrap();
    let dest = dir.path().join("out.txt");
    let out = run(&["redact", s(&f), "-o", s(&dest)]);
    assert_eq!(out.code, 0, "{out:?}");
    let written = fs::read(&dest).unwrap();
    assert!(
        std::str::from_utf8(&written).is_err(),
        "output is GBK, not UTF-8"
    );
    let (text, had_errors) = GBK.decode_without_bom_handling(&written);
    assert!(!had_errors);
    assert!(
        text.contains("341522********123X") && text.contains("138****5678"),
        "{text}"
    );
    assert!(text.contains("低保对象公示\r\n"));
    // Unchanged parts are byte-identical to the input.
    let (expected, _, _) = GBK.encode(&text);
    assert_eq!(written, expected.into_owned());
    assert_eq!(fs::read(&f).unwrap(), bytes.into_owned(), "input untouched");
    // Scanning the output finds nothing more.
    assert_eq!(run(&["scan", s(&dest)]).code, 0);
}

#[test]
fn explicit_encoding_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gbk.txt");
    let (bytes, _, _) = GBK.encode(NOTICE);
    fs::write(&f, &bytes).unwrap();
    let out = run(&["scan", "--encoding", "gbk", "--format", "jsonl", s(&f)]);
    assert_eq!(out.messages("finding").len(), 3);
    // Read as UTF-8 it is garbage with an error naming the offset.
    let out = run(&["scan", "--encoding", "utf-8", "--format", "jsonl", s(&f)]);
    assert_eq!(out.code, 2);
    let first_bad = bytes.iter().position(|b| *b >= 0x80).unwrap();
    let errors = out.messages("error");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!("byte offset {first_bad}")),
        "{errors:?}"
    );
    let out = run(&["scan", "--encoding", "latin1", s(&f)]);
    assert_eq!(out.code, 2, "unknown encoding is a usage error");
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_bom_is_scanned_and_redacted_in_kind() {
    for le in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("u16.txt");
        let bytes = utf16(NOTICE, le);
        fs::write(&f, &bytes).unwrap();
        let out = run(&["scan", "--format", "jsonl", "--show-values", s(&f)]);
        assert_eq!(out.code, 1, "{out:?}");
        let findings = out.messages("finding");
        assert_eq!(findings.len(), 3);
        for (v, (_, value)) in findings.iter().zip(NOTICE_VALUES) {
            let start = v["start"].as_u64().unwrap() as usize;
            let end = v["end"].as_u64().unwrap() as usize;
            assert_eq!(
                &NOTICE[start..end],
                value,
                "spans index the UTF-8 transcoding"
            );
        }

        let dest = dir.path().join("out.txt");
        let out = run(&["redact", s(&f), "-o", s(&dest)]);
        assert_eq!(out.code, 0, "{out:?}");
        let written = fs::read(&dest).unwrap();
        let enc = if le { UTF_16LE } else { UTF_16BE };
        assert_eq!(&written[..2], &bytes[..2], "BOM kept");
        let (text, had_errors) = enc.decode_without_bom_handling(&written[2..]);
        assert!(!had_errors);
        assert!(
            text.contains("341522********123X") && !text.contains("13812345678"),
            "{text}"
        );
        assert_eq!(written.len() % 2, 0);
    }
}

#[test]
fn utf8_bom_is_kept_by_redact() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(NOTICE.as_bytes());
    fs::write(&f, &bytes).unwrap();
    let dest = dir.path().join("out.txt");
    assert_eq!(run(&["redact", s(&f), "-o", s(&dest)]).code, 0);
    let written = fs::read(&dest).unwrap();
    assert!(
        written.starts_with(b"\xEF\xBB\xBF\xE4\xBD\x8E"),
        "BOM then 低"
    );
}

#[test]
fn shipped_examples_scan() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let utf8 = run(&[
        "scan",
        "--format",
        "jsonl",
        s(&root.join("relief-list.txt")),
    ]);
    assert_eq!(utf8.code, 1, "{utf8:?}");
    let gbk = run(&["scan", "--format", "jsonl", s(&root.join("gbk-notice.txt"))]);
    assert_eq!(gbk.code, 1, "{gbk:?}");
    let kinds = |o: &common::Output| {
        o.messages("finding")
            .iter()
            .map(|v| v["kind"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    for k in ["id_card", "mobile", "bank_card"] {
        assert!(
            kinds(&utf8).iter().any(|x| x == k),
            "{k} in relief-list.txt"
        );
        assert!(kinds(&gbk).iter().any(|x| x == k), "{k} in gbk-notice.txt");
    }
}
