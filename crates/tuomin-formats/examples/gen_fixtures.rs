//! Write a 100-page DOCX and a 100-page CJK PDF (Identity-H + ToUnicode) for
//! measuring `extract`: `cargo run --release -p tuomin-formats --example gen_fixtures -- DIR`
use docx_rs::{BreakType, Docx, Paragraph, Run};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document as Pdf, Object, Stream, StringFormat};

const LINE: &str = "关于张三同志的任职通知，联系电话13812345678，身份证号110101199003077777，住址北京市朝阳区建国路88号。";

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut docx = Docx::new();
    for page in 0..100 {
        for i in 0..25 {
            docx = docx.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(format!("{page}-{i} {LINE}"))),
            );
        }
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
    }
    let mut f = std::fs::File::create(format!("{dir}/bench100.docx")).unwrap();
    docx.build().pack(&mut f).unwrap();

    let mut cs: Vec<char> = format!("{LINE}0123456789- ").chars().collect();
    cs.sort();
    cs.dedup();
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
    cmap.push_str(&format!("{} beginbfchar\n", cs.len()));
    for (i, c) in cs.iter().enumerate() {
        cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, *c as u32));
    }
    cmap.push_str("endbfchar endcmap end end\n");
    let tu = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let cid = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 }, "DW" => 1000 });
    let f1 = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()], "ToUnicode" => tu });
    let res = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => f1 } });
    let enc = |s: &str| -> Vec<u8> {
        s.chars()
            .flat_map(|c| (cs.iter().position(|x| *x == c).unwrap() as u16 + 1).to_be_bytes())
            .collect()
    };
    let mut kids = Vec::new();
    for page in 0..100 {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 9.into()]),
            Operation::new("Td", vec![30.into(), 800.into()]),
            Operation::new("TL", vec![18.into()]),
        ];
        for i in 0..40 {
            let line = format!("{page}-{i} {LINE}");
            ops.push(Operation::new(
                "'",
                vec![Object::String(enc(&line), StringFormat::Hexadecimal)],
            ));
        }
        ops.push(Operation::new("ET", vec![]));
        let mut st = Stream::new(
            dictionary! {},
            Content { operations: ops }.encode().unwrap(),
        );
        let _ = st.compress();
        let c = doc.add_object(st);
        let p = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => c, "Resources" => res, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] });
        kids.push(Object::from(p));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Count" => 100, "Kids" => kids }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save(format!("{dir}/bench100.pdf")).unwrap();
}
