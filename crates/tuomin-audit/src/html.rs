//! `report.html`: one self-contained page (inline CSS and JS, no external
//! resources), every text from a file escaped. Data is written as HTML
//! elements, never into script, so a file name cannot inject code.

use std::collections::BTreeMap;
use std::io::Write;

use tuomin_core::Kind;

use crate::report::{kind_zh, GroupTotals, Ranked, Totals};
use crate::state::FileRecord;

/// Most findings shown per file (the rest are in the CSV and JSON).
const MAX_FINDINGS_PER_FILE: usize = 100;

/// Most finding rows in the whole page, so that it stays small enough for a
/// browser; files past it are listed without their table.
const MAX_FINDING_ROWS: usize = 20_000;

pub struct Page<'a> {
    pub totals: &'a Totals,
    pub groups: &'a BTreeMap<String, GroupTotals>,
    pub ranked: &'a [Ranked],
    pub errors: &'a [u64],
    pub max_files: usize,
    pub show_values: bool,
}

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = r#"
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1.2em;min-width:9em}
.card b{display:block;font-size:1.6em}.high{color:#b00020}.medium{color:#b36b00}.low{color:#555}
.file{border:1px solid #ddd;border-radius:6px;margin:.6em 0;padding:.4em .8em}.file summary{cursor:pointer}
.path{font-family:ui-monospace,Consolas,monospace;word-break:break-all}.risk{float:right;color:#666}
#filter label{margin-right:1em;white-space:nowrap}.note{color:#666}.err{color:#b00020}
"#;

const SCRIPT: &str = r#"
(function(){
  var boxes=[].slice.call(document.querySelectorAll('#filter input[data-kind]'));
  var files=[].slice.call(document.querySelectorAll('.file'));
  function apply(){
    var on={};boxes.forEach(function(b){if(b.checked)on[b.getAttribute('data-kind')]=1;});
    var shown=0;
    files.forEach(function(f){
      var ks=(f.getAttribute('data-kinds')||'').split(' ');
      var vis=ks.some(function(k){return on[k];});
      f.style.display=vis?'':'none';if(vis)shown++;
      [].slice.call(f.querySelectorAll('tr[data-kind]')).forEach(function(r){r.style.display=on[r.getAttribute('data-kind')]?'':'none';});
    });
    document.getElementById('shown').textContent='显示 '+shown+' / '+files.length+' 个文件';
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  var all=document.getElementById('all'),none=document.getElementById('none');
  if(all)all.addEventListener('click',function(){boxes.forEach(function(b){b.checked=true;});apply();});
  if(none)none.addEventListener('click',function(){boxes.forEach(function(b){b.checked=false;});apply();});
  apply();
})();
"#;

fn sev_class(kind: &str) -> &'static str {
    match kind.parse::<Kind>().map(|k| k.severity()) {
        Ok(tuomin_core::Severity::High) => "high",
        Ok(tuomin_core::Severity::Medium) => "medium",
        _ => "low",
    }
}

fn sev_zh(kind: &str) -> &'static str {
    match kind.parse::<Kind>().map(|k| k.severity()) {
        Ok(tuomin_core::Severity::High) => "高",
        Ok(tuomin_core::Severity::Medium) => "中",
        _ => "低",
    }
}

/// Write the page; `read` fetches a file record by its state offset.
pub fn write(
    w: &mut impl Write,
    p: &Page<'_>,
    read: &mut dyn FnMut(u64) -> std::io::Result<FileRecord>,
) -> std::io::Result<()> {
    let t = p.totals;
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>tuomin 逐条排查报告</title><style>{STYLE}</style></head><body>\n\
         <h1>tuomin 逐条排查报告</h1>\n"
    )?;
    if p.show_values {
        writeln!(
            w,
            "<p class=\"err\">本报告含原始值（show_values），请勿外传。</p>"
        )?;
    }
    writeln!(
        w,
        "<section id=\"totals\" class=\"cards\">\
         <div class=\"card\">文件<b id=\"t-files\">{}</b></div>\
         <div class=\"card\">有发现的文件<b id=\"t-with\">{}</b></div>\
         <div class=\"card\">发现<b id=\"t-findings\">{}</b></div>\
         <div class=\"card\">错误<b id=\"t-errors\">{}</b></div></section>",
        t.files, t.files_with_findings, t.findings, t.errors
    )?;

    // By kind, most severe first.
    let mut kinds: Vec<(&String, &u64)> = t.by_kind.iter().collect();
    kinds.sort_by_key(|(k, n)| {
        (
            std::cmp::Reverse(crate::report::weight(k)),
            std::cmp::Reverse(**n),
        )
    });
    writeln!(w, "<h2>按类型</h2><table id=\"by-kind\"><tr><th>类型</th><th>代码</th><th>敏感度</th><th>数量</th></tr>")?;
    for (k, n) in &kinds {
        writeln!(
            w,
            "<tr><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            sev_class(k),
            esc(kind_zh(k)),
            esc(k),
            sev_zh(k),
            n
        )?;
    }
    writeln!(w, "</table>")?;

    // By folder, riskiest first.
    let mut groups: Vec<(&String, &GroupTotals)> = p.groups.iter().collect();
    groups.sort_by(|a, b| b.1.risk.cmp(&a.1.risk).then(a.0.cmp(b.0)));
    writeln!(w, "<h2>按部门（目录）</h2><table id=\"by-folder\"><tr><th>部门</th><th>文件</th><th>有发现的文件</th><th>发现</th><th>错误</th><th>风险分</th></tr>")?;
    for (g, gt) in &groups {
        writeln!(
            w,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(g), gt.files, gt.files_with_findings, gt.findings, gt.errors, gt.risk
        )?;
    }
    writeln!(w, "</table>")?;

    // Files, riskiest first, with a filter by kind.
    writeln!(
        w,
        "<h2>文件（风险高者在前）</h2><div id=\"filter\">按类型筛选："
    )?;
    for (k, _) in &kinds {
        writeln!(
            w,
            "<label><input type=\"checkbox\" checked data-kind=\"{}\"> {}</label>",
            esc(k),
            esc(kind_zh(k))
        )?;
    }
    writeln!(
        w,
        "<button type=\"button\" id=\"all\">全选</button> <button type=\"button\" id=\"none\">全不选</button> <span id=\"shown\" class=\"note\"></span></div>"
    )?;
    if p.ranked.len() > p.max_files {
        writeln!(
            w,
            "<p class=\"note\">仅列出风险最高的 {} 个文件（共 {} 个有发现的文件）；完整列表见 report.json 与 findings.csv。</p>",
            p.max_files,
            p.ranked.len()
        )?;
    }
    writeln!(w, "<div id=\"files\">")?;
    let mut rows_left = MAX_FINDING_ROWS;
    for r in p.ranked.iter().take(p.max_files) {
        let rec = read(r.offset)?;
        let mut ks: Vec<&str> = rec.findings.iter().map(|f| f.kind.as_str()).collect();
        ks.sort_unstable();
        ks.dedup();
        writeln!(
            w,
            "<details class=\"file\" data-kinds=\"{}\"><summary><span class=\"path\">{}</span> — {} 处发现<span class=\"risk\">风险分 {}</span></summary>",
            esc(&ks.join(" ")),
            esc(&rec.path),
            rec.findings.len(),
            r.risk
        )?;
        write!(
            w,
            "<table><tr><th>位置</th><th>类型</th><th>脱敏预览</th><th>置信度</th>"
        )?;
        if p.show_values {
            write!(w, "<th>原始值</th>")?;
        }
        writeln!(w, "</tr>")?;
        let shown = rec.findings.len().min(MAX_FINDINGS_PER_FILE).min(rows_left);
        rows_left -= shown;
        for f in rec.findings.iter().take(shown) {
            write!(
                w,
                "<tr data-kind=\"{}\"><td>{}</td><td class=\"{}\">{}</td><td>{}</td><td class=\"n\">{:.2}</td>",
                esc(&f.kind),
                esc(&f.location),
                sev_class(&f.kind),
                esc(kind_zh(&f.kind)),
                esc(&f.preview),
                f.score
            )?;
            if p.show_values {
                write!(w, "<td>{}</td>", esc(f.text.as_deref().unwrap_or("")))?;
            }
            writeln!(w, "</tr>")?;
        }
        writeln!(w, "</table>")?;
        if rec.findings.len() > shown {
            writeln!(
                w,
                "<p class=\"note\">另有 {} 处，见 findings.csv。</p>",
                rec.findings.len() - shown
            )?;
        }
        writeln!(w, "</details>")?;
    }
    writeln!(w, "</div>")?;

    writeln!(
        w,
        "<h2>错误与未检查部分</h2><p class=\"note\">{} 个文件未能检查，{} 个文件有部分内容未能检查（如扫描件页面）。</p><table id=\"errors\"><tr><th>文件</th><th>原因</th></tr>",
        p.totals.errors, p.totals.not_checked
    )?;
    for off in p.errors.iter().take(p.max_files) {
        let rec = read(*off)?;
        let reason = match &rec.error {
            Some(e) => e.clone(),
            None => format!("部分未检查：{}", rec.not_checked.join("；")),
        };
        writeln!(
            w,
            "<tr><td class=\"path\">{}</td><td class=\"err\">{}</td></tr>",
            esc(&rec.path),
            esc(&reason)
        )?;
    }
    writeln!(w, "</table>\n<script>{SCRIPT}</script>\n</body></html>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::esc("<script>\"a\"&'b'</script>"),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }
}
