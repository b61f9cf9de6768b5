//! Generates a deterministic mixed archive for the audit benchmark:
//! plain text, HTML, DOCX, XLSX and PDF documents of 2–50 KB (log-uniform)
//! in department folders, plus zip archives (one with a nested zip).
//!
//! `audit-bench-gen OUT_DIR [FILES]` — FILES defaults to 20,200.

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::path::Path;

use tuomin_benches::Rng;
use zip::write::SimpleFileOptions;

const DEPTS: &[&str] = &[
    "财政局",
    "民政局",
    "人社局",
    "住建局",
    "教育局",
    "卫健委",
    "公安局",
    "司法局",
    "农业农村局",
    "市场监管局",
    "自然资源局",
    "交通运输局",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "欧阳", "司马",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "志强", "海燕", "晓东", "丽华",
];
const PLACES: &[&str] = &[
    "安徽省合肥市蜀山区长江西路",
    "北京市海淀区中关村大街",
    "广东省深圳市福田区深南大道",
    "江苏省南京市鼓楼区中山北路",
    "浙江省杭州市西湖区文三路",
    "四川省成都市武侯区人民南路",
    "湖北省武汉市洪山区珞喻路",
    "河南省郑州市金水区花园路",
];
const FILLER: &[&str] = &[
    "根据《中华人民共和国政府信息公开条例》规定，现将有关情况公告如下。",
    "本次评审工作坚持公开、公平、公正的原则，经单位推荐、资格审查、专家评审等程序。",
    "各乡镇（街道）、各有关单位要高度重视，切实加强组织领导，确保各项工作落到实处。",
    "公示期间，如有异议，请以书面形式向我局反映，并提供必要的证明材料。",
    "为进一步做好城乡居民最低生活保障工作，根据省、市有关文件精神，结合我县实际，制定本办法。",
    "经研究决定，对符合条件的申请人予以批准，现予以公示，公示期为七个工作日。",
    "项目资金严格实行专款专用，任何单位和个人不得截留、挤占、挪用。",
    "请于本月底前将有关材料报送至办公室，逾期不再受理。",
    "会议要求，要持续优化营商环境，推动经济社会高质量发展。",
    "附件：相关名单及联系方式。",
];

fn id_card(r: &mut Rng) -> String {
    let regions = [
        "110105", "340104", "440304", "320106", "330106", "510107", "420111",
    ];
    let mut s = String::new();
    s.push_str(regions[r.below(regions.len())]);
    let _ = write!(
        s,
        "{}{:02}{:02}{:03}",
        1950 + r.below(55),
        1 + r.below(12),
        1 + r.below(28),
        r.below(1000)
    );
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = s.bytes().zip(w).map(|(b, w)| (b - b'0') as u32 * w).sum();
    s.push(b"10X98765432"[(sum % 11) as usize] as char);
    s
}

fn mobile(r: &mut Rng) -> String {
    let p = ["138", "139", "150", "186", "135", "177", "189", "158"];
    format!("{}{:08}", p[r.below(p.len())], r.next_u64() % 100_000_000)
}

fn name(r: &mut Rng) -> String {
    format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN))
}

fn address(r: &mut Rng) -> String {
    format!(
        "{}{}号{}栋{}室",
        r.pick(PLACES),
        1 + r.below(300),
        1 + r.below(30),
        101 + r.below(20)
    )
}

/// One line of a document: filler, or (sometimes) a line with personal data.
fn line(r: &mut Rng, pii: bool) -> String {
    if pii && r.chance(25) {
        match r.below(4) {
            0 => format!(
                "申请人：{}，身份证号：{}，联系电话：{}。",
                name(r),
                id_card(r),
                mobile(r)
            ),
            1 => format!(
                "联系人{}，手机{}，住址：{}。",
                name(r),
                mobile(r),
                address(r)
            ),
            2 => format!(
                "户主{}（身份证号码{}）家庭人口3人，已纳入保障范围。",
                name(r),
                id_card(r)
            ),
            _ => format!(
                "咨询电话：0551-6{:06}，邮箱 office{}@example.gov.cn。",
                r.below(1_000_000),
                r.below(100)
            ),
        }
    } else {
        let mut s = String::new();
        for _ in 0..1 + r.below(3) {
            s.push_str(r.pick(FILLER));
        }
        s
    }
}

fn lines(r: &mut Rng, target: usize) -> Vec<String> {
    let pii = r.chance(60);
    let mut out = Vec::new();
    let mut n = 0;
    while n < target {
        let l = line(r, pii);
        n += l.len() + 1;
        out.push(l);
    }
    out
}

fn target_size(r: &mut Rng) -> usize {
    // log-uniform in 2..50 KB
    let u = (r.next_u64() % 1_000_000) as f64 / 1_000_000.0;
    (2048.0 * (25f64).powf(u)) as usize
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (n, d) in parts {
        w.start_file(*n, o).unwrap();
        w.write_all(d.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn docx(ls: &[String]) -> Vec<u8> {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for l in ls {
        let _ = write!(body, "<w:p><w:r><w:t>{}</w:t></w:r></w:p>", esc(l));
    }
    body.push_str("</w:body></w:document>");
    zip_parts(&[
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into()),
        ("word/document.xml", body),
    ])
}

fn col(i: usize) -> char {
    (b'A' + i as u8) as char
}

fn xlsx(r: &mut Rng, target: usize) -> Vec<u8> {
    let header = ["序号", "姓名", "身份证号", "联系电话", "住址", "备注"];
    let mut rows = String::new();
    let row = |cells: Vec<String>, n: usize, rows: &mut String| {
        let _ = write!(rows, "<row r=\"{n}\">");
        for (i, c) in cells.iter().enumerate() {
            let _ = write!(
                rows,
                "<c r=\"{}{n}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                col(i),
                esc(c)
            );
        }
        rows.push_str("</row>");
    };
    row(header.iter().map(|s| s.to_string()).collect(), 1, &mut rows);
    let mut n = 2;
    let pii = r.chance(70);
    while rows.len() < target {
        let cells = if pii {
            vec![
                (n - 1).to_string(),
                name(r),
                id_card(r),
                mobile(r),
                address(r),
                "已审核".into(),
            ]
        } else {
            vec![
                (n - 1).to_string(),
                format!("项目{}", r.below(1000)),
                format!("{}", r.below(100000)),
                "合格".into(),
                r.pick(FILLER).into(),
                String::new(),
            ]
        };
        row(cells, n, &mut rows);
        n += 1;
    }
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    zip_parts(&[
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

/// A PDF with a Type0/Identity-H font whose CIDs are the UTF-16 code units
/// and a ToUnicode CMap mapping the used ones back (BMP text only).
fn pdf(ls: &[String]) -> Vec<u8> {
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /UCS-Identity def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    // A subset font's map: only the characters used, as real PDFs have.
    let mut used: Vec<u16> = ls.iter().flat_map(|l| l.encode_utf16()).collect();
    used.sort_unstable();
    used.dedup();
    for chunk in used.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for u in chunk {
            let _ = writeln!(cmap, "<{u:04X}> <{u:04X}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let per_page = 40;
    let pages: Vec<&[String]> = ls.chunks(per_page).collect();
    let n = pages.len().max(1);
    // objects: 1 catalog, 2 pages, 3 font, 4 cidfont, 5 tounicode, then (page, content) pairs
    let mut objs: Vec<String> = Vec::new();
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objs.push(format!(
        "<< /Type /Pages /Count {n} /Kids [{}] >>",
        kids.join(" ")
    ));
    objs.push("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".into());
    objs.push("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>".into());
    objs.push(format!(
        "<< /Length {} >>\nstream\n{cmap}endstream",
        cmap.len()
    ));
    for (i, page) in pages.iter().enumerate() {
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", 7 + 2 * i));
        let mut c = String::from("BT /F1 10 Tf 14 TL 40 800 Td\n");
        for l in page.iter() {
            // wrap long lines at 50 chars
            let chars: Vec<char> = l.chars().collect();
            for part in chars.chunks(50) {
                c.push('<');
                for ch in part {
                    let mut b = [0u16; 2];
                    for u in ch.encode_utf16(&mut b) {
                        let _ = write!(c, "{:04X}", u);
                    }
                }
                c.push_str("> Tj T*\n");
            }
        }
        c.push_str("ET\n");
        objs.push(format!("<< /Length {} >>\nstream\n{c}endstream", c.len()));
    }
    let mut out = b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut x = format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1);
    for off in offsets {
        let _ = writeln!(x, "{off:010} 00000 n ");
    }
    let _ = write!(
        x,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    out.extend_from_slice(x.as_bytes());
    out
}

/// One document: (extension, bytes).
fn document(r: &mut Rng) -> (&'static str, Vec<u8>) {
    let size = target_size(r);
    match r.below(100) {
        0..=34 => ("txt", lines(r, size).join("\n").into_bytes()),
        35..=54 => {
            let mut h = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>公示</title></head><body>\n");
            for l in lines(r, size) {
                let _ = writeln!(h, "<p>{}</p>", esc(&l));
            }
            h.push_str("</body></html>\n");
            ("html", h.into_bytes())
        }
        55..=74 => ("docx", docx(&lines(r, size * 2))),
        75..=89 => ("xlsx", xlsx(r, size * 3)),
        _ => ("pdf", pdf(&lines(r, size / 3))),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = Path::new(
        args.get(1)
            .map(String::as_str)
            .unwrap_or("bench-data/archive"),
    );
    let total: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_200);
    let mut r = Rng(0x7475_6F6D_696E_2021);
    let in_zips = total / 5; // 20% of the files are archive members
    let loose = total - in_zips;
    let mut bytes = 0usize;
    let mut counts = std::collections::BTreeMap::new();
    for i in 0..loose {
        let dept = DEPTS[i % DEPTS.len()];
        let year = 2019 + (i / DEPTS.len()) % 6;
        let (ext, data) = document(&mut r);
        *counts.entry(ext).or_insert(0usize) += 1;
        bytes += data.len();
        let p = out
            .join(dept)
            .join(format!("{year}"))
            .join(format!("{:05}.{ext}", i));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, data).unwrap();
    }
    // Two archives; the second holds a nested archive of 10% of its members.
    let half = in_zips / 2;
    for (k, n) in [(0usize, half), (1, in_zips - half)] {
        let nested_n = if k == 1 { n / 10 } else { 0 };
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for i in 0..n - nested_n {
            let (ext, data) = document(&mut r);
            *counts.entry(ext).or_insert(0usize) += 1;
            bytes += data.len();
            w.start_file(format!("{}/{:05}.{ext}", DEPTS[i % DEPTS.len()], i), o)
                .unwrap();
            w.write_all(&data).unwrap();
        }
        if nested_n > 0 {
            let mut nw = zip::ZipWriter::new(Cursor::new(Vec::new()));
            for i in 0..nested_n {
                let (ext, data) = document(&mut r);
                *counts.entry(ext).or_insert(0usize) += 1;
                bytes += data.len();
                nw.start_file(format!("附件/{:05}.{ext}", i), o).unwrap();
                nw.write_all(&data).unwrap();
            }
            w.start_file("历年档案/附件.zip", SimpleFileOptions::default())
                .unwrap();
            w.write_all(&nw.finish().unwrap().into_inner()).unwrap();
        }
        let p = out.join(DEPTS[k]).join(format!("公开档案{}.zip", k + 1));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, w.finish().unwrap().into_inner()).unwrap();
    }
    println!(
        "generated {total} documents ({:.1} MB of documents) in {}: {counts:?}",
        bytes as f64 / 1e6,
        out.display()
    );
}
