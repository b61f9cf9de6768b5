mod common;
use common::*;
use pulldown_cmark::{Event, Parser};
use tuomin_formats::{detect_format, open, Format, Limits};

fn md_text(src: &str) -> String {
    Parser::new(src)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                Some(format!(" <{dest_url}> "))
            }
            Event::SoftBreak | Event::HardBreak => Some("\n".into()),
            _ => None,
        })
        .collect()
}

const MD: &str = "---\ntitle: 名单\n---\n# 联系人 张三\n\n电话：138**1**2345678，身份证 `110101199003077777`。\n\n\
| 姓名 | 手机 |\n|---|---|\n| 李四 | 13912345678 |\n\n[写信](mailto:zhangsan@example.com) 或见[主页][1]\n\n\
```\nid=110101199003077777\n```\n\n[1]: https://example.com/u/13812345678\n";

#[test]
fn markdown_roundtrip_keeps_markup() {
    let doc = open(MD.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    let all = all_text(doc.as_ref());
    assert!(
        all.contains("138**1**2345678") || all.contains("13812345678"),
        "{all}"
    );
    // the phone split by bold must be one segment
    let seg = doc
        .segments()
        .iter()
        .find(|s| s.text.contains("电话"))
        .unwrap();
    assert_eq!(seg.text, "电话：13812345678，身份证 110101199003077777。");
    assert!(seg.location.starts_with("第"), "{}", seg.location);
    let mut edits = edits_for(doc.as_ref(), "13812345678", "138****5678");
    edits.extend(edits_for(
        doc.as_ref(),
        "110101199003077777",
        "110101********7777",
    ));
    edits.extend(edits_for(doc.as_ref(), "13912345678", "139****5678"));
    edits.extend(edits_for(
        doc.as_ref(),
        "zhangsan@example.com",
        "z***@example.com",
    ));
    let out = String::from_utf8(doc.write_redacted(&edits).unwrap()).unwrap();
    let text = md_text(&out);
    for pii in [
        "13812345678",
        "110101199003077777",
        "13912345678",
        "zhangsan@example.com",
    ] {
        assert!(!out.contains(pii), "{pii} left in {out}");
    }
    assert!(
        out.contains("电话：138**\\***\\*\\*\\*5678，身份证 `110101********7777`"),
        "bold markup kept: {out}"
    );
    // (a mask next to `**` can turn the bold markers literal when rendered; the PII is gone either way)
    assert!(text.contains("5678，身份证 110101********7777"), "{text}");
    assert!(text.contains("z***@example.com"), "{text}");
    assert!(out.contains(r"| 李四 | 139\*\*\*\*5678 |"), "{out}");
    assert!(
        out.contains("[1]: https://example.com/u/138****5678"),
        "{out}"
    );
    assert!(out.starts_with("---\ntitle: 名单\n---\n# 联系人 张三\n"));
}

#[test]
fn markdown_untouched_is_identical() {
    let doc = open(MD.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    assert_eq!(doc.write_redacted(&[]).unwrap(), MD.as_bytes());
}

#[test]
fn markdown_gbk_source_stays_gbk() {
    let (src, _, _) = encoding_rs::GBK.encode("联系人：王五 13812345678\n");
    let doc = open(&src, Format::Markdown, &Limits::default()).unwrap();
    assert_eq!(doc.segments()[0].text, "联系人：王五 13812345678");
    let out = doc
        .write_redacted(&edits_for(doc.as_ref(), "13812345678", "138XXXX5678"))
        .unwrap();
    let (back, _, bad) = encoding_rs::GBK.decode(&out);
    assert!(!bad);
    assert_eq!(back, "联系人：王五 138XXXX5678\n");
}

const HTML: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>张三的档案</title>
<meta name="author" content="李四">
<style>.x{content:"13812345678"}</style>
<script>var phone = "13812345678";</script></head>
<body><!-- 13700000000 -->
<p class="a">电话：138<b>1</b>2345678 &amp; 身份证&#x3A;110101199003077777</p>
<img src="a.png" alt="王五 13912345678">
<a href="mailto:zhangsan@example.com">写信</a>
<input placeholder="例如 13600000000">
</body></html>
"#;

#[test]
fn html_segments_and_skip() {
    let doc = open(HTML.as_bytes(), Format::Html, &Limits::default()).unwrap();
    let all = all_text(doc.as_ref());
    assert!(!all.contains("13700000000"), "comment skipped");
    assert!(!all.contains("var phone"), "script skipped");
    assert!(!all.contains(".x{"), "style skipped");
    let p = doc
        .segments()
        .iter()
        .find(|s| s.text.starts_with("电话"))
        .unwrap();
    assert_eq!(p.text, "电话：13812345678 & 身份证:110101199003077777");
    assert!(p.location.starts_with("<p>"), "{}", p.location);
    let t = doc
        .segments()
        .iter()
        .find(|s| s.location.starts_with("<title>"))
        .unwrap();
    assert_eq!(t.text, "张三的档案");
    assert!(all.contains("李四"), "meta author");
    assert!(all.contains("mailto:zhangsan@example.com"));
    assert!(all.contains("例如 13600000000"));
}

#[test]
fn html_roundtrip() {
    let doc = open(HTML.as_bytes(), Format::Html, &Limits::default()).unwrap();
    let mut edits = edits_for(doc.as_ref(), "13812345678", "138****5678");
    edits.extend(edits_for(
        doc.as_ref(),
        "身份证:110101199003077777",
        "身份证:<已删除>",
    ));
    edits.extend(edits_for(doc.as_ref(), "13912345678", "139****5678"));
    edits.extend(edits_for(
        doc.as_ref(),
        "zhangsan@example.com",
        "z***@example.com",
    ));
    edits.extend(edits_for(doc.as_ref(), "张三", "张*"));
    edits.extend(edits_for(doc.as_ref(), "李四", "李*"));
    let out = String::from_utf8(doc.write_redacted(&edits).unwrap()).unwrap();
    for pii in [
        "110101199003077777",
        "13912345678",
        "zhangsan@",
        "张三",
        "李四",
    ] {
        assert!(!out.contains(pii), "{pii} left in {out}");
    }
    // script/style/comment untouched (they are not text), markup kept
    assert!(out.contains(r#"<script>var phone = "13812345678";</script>"#));
    assert!(
        out.contains("<p class=\"a\">电话：138<b>*</b>***5678 &amp; 身份证:&lt;已删除&gt;</p>"),
        "{out}"
    );
    assert!(out.contains(r#"alt="王五 139****5678""#));
    assert!(out.contains(r#"<title>张*的档案</title>"#));
    let n_lines = |s: &str| s.lines().count();
    assert_eq!(n_lines(&out), n_lines(HTML));
}

#[test]
fn html_gbk_meta_charset_written_back_in_gbk() {
    let src = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><td>联系人 赵六，13812345678</td></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(src);
    assert_eq!(detect_format(&bytes, None).unwrap(), Format::Html);
    let doc = open(&bytes, Format::Html, &Limits::default()).unwrap();
    assert_eq!(doc.segments()[0].text, "联系人 赵六，13812345678");
    let out = doc
        .write_redacted(&edits_for(doc.as_ref(), "赵六", "赵*"))
        .unwrap();
    let (back, _, bad) = encoding_rs::GBK.decode(&out);
    assert!(!bad);
    assert_eq!(back, src.replace("赵六", "赵*"));
    assert_eq!(&out[..60], &bytes[..60]);
}
