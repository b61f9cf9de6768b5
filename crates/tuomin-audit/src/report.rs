//! The reports, built from the compacted state file in two sequential
//! passes, so memory does not grow with the number of files or findings:
//! pass 1 counts and writes `findings.csv`; pass 2 writes `report.json`
//! and `report.html` (which reads the riskiest files by offset).

use std::collections::BTreeMap;
use std::io::{BufWriter, Seek, SeekFrom, Write};

use rayon::prelude::*;
use std::path::Path;

use tuomin_core::{Kind, Severity};

use crate::engine::AuditFinding;
use crate::state::{self, FileRecord};
use crate::{html, AuditOptions, AuditSummary};

/// Counts for one folder (department).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct GroupTotals {
    pub files: u64,
    pub files_with_findings: u64,
    pub findings: u64,
    pub errors: u64,
    /// Severity-weighted findings.
    pub risk: u64,
}

/// Totals over the whole report.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Totals {
    pub files: u64,
    pub files_with_findings: u64,
    pub findings: u64,
    pub errors: u64,
    /// Files scanned with parts that could not be checked (e.g. image-only PDF pages).
    pub not_checked: u64,
    pub by_kind: BTreeMap<String, u64>,
}

/// Weight of one finding when ranking files by risk.
pub fn weight(kind: &str) -> u64 {
    match kind.parse::<Kind>().map(|k| k.severity()) {
        Ok(Severity::High) => 10,
        Ok(Severity::Medium) => 3,
        Ok(Severity::Low) => 1,
        Err(_) => 1,
    }
}

pub fn kind_zh(kind: &str) -> &'static str {
    kind.parse::<Kind>().map(|k| k.label_zh()).unwrap_or("")
}

fn risk(findings: &[AuditFinding]) -> u64 {
    findings.iter().map(|f| weight(&f.kind)).sum()
}

/// A file whose findings or error the HTML report shows.
pub struct Ranked {
    pub risk: u64,
    pub offset: u64,
}

/// Write `findings.csv`, `report.json` and `report.html` atomically into `dir`.
pub fn write_reports(
    dir: &Path,
    state_path: &Path,
    opts: &AuditOptions,
) -> std::io::Result<AuditSummary> {
    let mut totals = Totals::default();
    let mut groups: BTreeMap<String, GroupTotals> = BTreeMap::new();
    let mut ranked: Vec<Ranked> = Vec::new();
    let mut errors: Vec<u64> = Vec::new();

    // One pass over the state: lines are parsed and rendered (CSV rows,
    // JSON entry) in parallel batches, then written in order.
    let mut csv = crate::temp_in(dir)?;
    let mut files_part = tempfile::tempfile_in(dir)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, csv.as_file_mut());
        let mut fw = BufWriter::with_capacity(1 << 16, &mut files_part);
        w.write_all(b"\xEF\xBB\xBF")?;
        let mut header = vec!["file", "location", "kind", "kind_zh", "preview", "score"];
        if opts.show_values {
            header.push("value");
        }
        write_csv_row(&mut w, &header)?;
        let mut first = true;
        state::for_each_batch(state_path, 512, |batch| {
            let rendered: Vec<std::io::Result<Option<Rendered>>> = batch
                .par_iter()
                .map(|(offset, raw)| render(*offset, raw, opts.show_values))
                .collect();
            for r in rendered {
                let Some(r) = r? else { continue };
                totals.files += 1;
                let g = groups.entry(r.group).or_default();
                g.files += 1;
                if r.error {
                    totals.errors += 1;
                    g.errors += 1;
                    errors.push(r.offset);
                }
                if r.not_checked {
                    totals.not_checked += 1;
                    if !r.error {
                        errors.push(r.offset);
                    }
                }
                if r.findings > 0 {
                    totals.files_with_findings += 1;
                    g.files_with_findings += 1;
                    g.risk += r.risk;
                    ranked.push(Ranked {
                        risk: r.risk,
                        offset: r.offset,
                    });
                }
                totals.findings += r.findings;
                g.findings += r.findings;
                for (k, n) in r.by_kind {
                    *totals.by_kind.entry(k).or_default() += n;
                }
                w.write_all(&r.csv)?;
                fw.write_all(if first { b"\n" } else { b",\n" })?;
                first = false;
                fw.write_all(&r.json)?;
            }
            Ok(())
        })?;
        w.flush()?;
        fw.flush()?;
    }
    csv.as_file().sync_data()?;
    let csv_path = dir.join("findings.csv");
    csv.persist(&csv_path).map_err(|e| e.error)?;

    // report.json: totals first, then the files rendered above.
    let json_path = dir.join("report.json");
    let mut json = crate::temp_in(dir)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, json.as_file_mut());
        w.write_all(b"{\n\"tool\": \"tuomin audit\",\n\"version\": ")?;
        serde_json::to_writer(&mut w, env!("CARGO_PKG_VERSION"))?;
        w.write_all(b",\n\"show_values\": ")?;
        serde_json::to_writer(&mut w, &opts.show_values)?;
        w.write_all(b",\n\"totals\": ")?;
        serde_json::to_writer(&mut w, &totals)?;
        w.write_all(b",\n\"by_folder\": ")?;
        serde_json::to_writer(&mut w, &groups)?;
        w.write_all(b",\n\"files\": [")?;
        files_part.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut files_part, &mut w)?;
        w.write_all(b"\n]\n}\n")?;
        w.flush()?;
    }
    drop(files_part);
    json.as_file().sync_data()?;
    json.persist(&json_path).map_err(|e| e.error)?;

    // HTML: riskiest first, ties in path order.
    ranked.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.offset.cmp(&b.offset)));
    let html_path = dir.join("report.html");
    let mut page = crate::temp_in(dir)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, page.as_file_mut());
        let mut reader = state::LineReader::open(state_path)?;
        let mut read = |offset: u64| reader.file_at(offset);
        html::write(
            &mut w,
            &html::Page {
                totals: &totals,
                groups: &groups,
                ranked: &ranked,
                errors: &errors,
                max_files: opts.html_max_files,
                show_values: opts.show_values,
            },
            &mut read,
        )?;
        w.flush()?;
    }
    page.as_file().sync_data()?;
    page.persist(&html_path).map_err(|e| e.error)?;

    write_stamp(dir, state_path, &totals)?;
    Ok(AuditSummary {
        files: totals.files,
        files_with_findings: totals.files_with_findings,
        findings: totals.findings,
        errors: totals.errors,
        by_kind: totals.by_kind,
        report_json: json_path,
        findings_csv: csv_path,
        report_html: html_path,
        ..Default::default()
    })
}

/// `DIR/summary.json`: the totals of the reports last written, and the
/// size of the state they were made from.
#[derive(serde::Serialize, serde::Deserialize)]
struct Stamp {
    state_len: u64,
    files: u64,
    files_with_findings: u64,
    findings: u64,
    errors: u64,
    by_kind: BTreeMap<String, u64>,
}

fn write_stamp(dir: &Path, state_path: &Path, t: &Totals) -> std::io::Result<()> {
    let stamp = Stamp {
        state_len: std::fs::metadata(state_path)?.len(),
        files: t.files,
        files_with_findings: t.files_with_findings,
        findings: t.findings,
        errors: t.errors,
        by_kind: t.by_kind.clone(),
    };
    let mut tmp = crate::temp_in(dir)?;
    serde_json::to_writer_pretty(tmp.as_file_mut(), &stamp)?;
    tmp.as_file().sync_data()?;
    tmp.persist(dir.join("summary.json")).map_err(|e| e.error)?;
    Ok(())
}

/// The summary of the reports in `dir` when they were made from the state
/// as it is now (same size) and all of them are present.
pub fn cached_summary(dir: &Path, state_path: &Path) -> Option<AuditSummary> {
    let stamp: Stamp =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).ok()?).ok()?;
    if std::fs::metadata(state_path).ok()?.len() != stamp.state_len {
        return None;
    }
    let (json, csv, html) = (
        dir.join("report.json"),
        dir.join("findings.csv"),
        dir.join("report.html"),
    );
    if !(json.is_file() && csv.is_file() && html.is_file()) {
        return None;
    }
    Some(AuditSummary {
        files: stamp.files,
        files_with_findings: stamp.files_with_findings,
        findings: stamp.findings,
        errors: stamp.errors,
        by_kind: stamp.by_kind,
        report_json: json,
        findings_csv: csv,
        report_html: html,
        ..Default::default()
    })
}

/// A score with two decimals, without the float formatter's slow exact path.
fn score2(score: f32) -> String {
    let c = (score.clamp(0.0, 1.0) * 100.0).round() as u32;
    format!("{}.{:02}", c / 100, c % 100)
}

/// One state line made ready for the reports.
struct Rendered {
    offset: u64,
    group: String,
    error: bool,
    not_checked: bool,
    findings: u64,
    risk: u64,
    by_kind: Vec<(String, u64)>,
    csv: Vec<u8>,
    json: Vec<u8>,
}

fn render(offset: u64, raw: &[u8], show_values: bool) -> std::io::Result<Option<Rendered>> {
    let Some(rec) = state::parse_file_record(raw) else {
        return Ok(None);
    };
    let mut csv = Vec::new();
    let mut by_kind: Vec<(String, u64)> = Vec::new();
    for f in &rec.findings {
        match by_kind.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => *n += 1,
            None => by_kind.push((f.kind.clone(), 1)),
        }
        let score = score2(f.score);
        let mut row = vec![
            rec.path.as_str(),
            f.location.as_str(),
            f.kind.as_str(),
            kind_zh(&f.kind),
            f.preview.as_str(),
            score.as_str(),
        ];
        if show_values {
            row.push(f.text.as_deref().unwrap_or(""));
        }
        write_csv_row(&mut csv, &row)?;
    }
    let json = serde_json::to_vec(&ReportFile::from(&rec))?;
    Ok(Some(Rendered {
        offset,
        error: rec.error.is_some(),
        not_checked: !rec.not_checked.is_empty(),
        findings: rec.findings.len() as u64,
        risk: risk(&rec.findings),
        by_kind,
        csv,
        json,
        group: rec.group,
    }))
}

#[derive(serde::Serialize)]
struct ReportFinding<'a> {
    kind: &'a str,
    kind_zh: &'a str,
    location: &'a str,
    preview: &'a str,
    score: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct ReportFile<'a> {
    path: &'a str,
    folder: &'a str,
    format: Option<&'a str>,
    findings: Vec<ReportFinding<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    not_checked: &'a [String],
    error: Option<&'a str>,
}

impl<'a> From<&'a FileRecord> for ReportFile<'a> {
    fn from(r: &'a FileRecord) -> Self {
        ReportFile {
            path: &r.path,
            folder: &r.group,
            format: r.format.as_deref(),
            findings: r
                .findings
                .iter()
                .map(|f| ReportFinding {
                    kind: &f.kind,
                    kind_zh: kind_zh(&f.kind),
                    location: &f.location,
                    preview: &f.preview,
                    score: (f.score * 100.0).round() / 100.0,
                    text: f.text.as_deref(),
                })
                .collect(),
            not_checked: &r.not_checked,
            error: r.error.as_deref(),
        }
    }
}

/// One RFC 4180 row, CRLF-terminated. A cell that a spreadsheet would take
/// for a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
pub fn write_csv_row(w: &mut impl Write, cells: &[&str]) -> std::io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let guarded;
        let c: &str = if matches!(c.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@'))
            && c.parse::<f64>().is_err()
        {
            guarded = format!("'{c}");
            &guarded
        } else {
            c
        };
        let b = c.as_bytes();
        if b.iter().any(|&x| matches!(x, b',' | b'"' | b'\r' | b'\n'))
            || b.first() == Some(&b' ')
            || b.last() == Some(&b' ')
        {
            w.write_all(b"\"")?;
            w.write_all(c.replace('"', "\"\"").as_bytes())?;
            w.write_all(b"\"")?;
        } else {
            w.write_all(c.as_bytes())?;
        }
    }
    w.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> String {
        let mut v = Vec::new();
        write_csv_row(&mut v, cells).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn csv_quoting() {
        assert_eq!(row(&["a", "b c"]), "a,b c\r\n");
        assert_eq!(row(&["a,b", "x\"y"]), "\"a,b\",\"x\"\"y\"\r\n");
        assert_eq!(row(&["line\nbreak"]), "\"line\nbreak\"\r\n");
        assert_eq!(row(&["=HYPERLINK(1)", "-3"]), "'=HYPERLINK(1),-3\r\n");
    }

    #[test]
    fn weights_follow_severity() {
        assert!(weight("id_card") > weight("mobile"));
        assert!(weight("mobile") > weight("person_name"));
    }
}
