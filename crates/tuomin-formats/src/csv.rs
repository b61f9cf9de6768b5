//! CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030.
//!
//! One segment per non-empty field, located `名单.csv!C7` (column letter,
//! 1-based record number), with the header record's field of the same column
//! as `context`. Quoted fields are unquoted for the segment text; an edited
//! field is written back quoted if it was quoted or now needs quotes. Bytes
//! outside edited fields are kept; the output keeps the source encoding and BOM.
//! The delimiter is `,`, or tab/`;` when the first line has no comma but those.

use std::ops::Range;

use crate::edits::{apply_str, group_edits};
use crate::textenc::Decoded;
use crate::{Document, Format, FormatError, Segment, SegmentEdit};

pub(crate) struct CsvDoc {
    source: Vec<u8>,
    decoded: Decoded,
    segments: Vec<Segment>,
    /// Per segment: decoded raw range of the field and whether it was quoted.
    fields: Vec<(Range<usize>, bool)>,
    delim: char,
}

struct Field {
    raw: Range<usize>,
    quoted: bool,
    text: String,
}

fn parse(text: &str, delim: u8) -> Vec<Vec<Field>> {
    let b = text.as_bytes();
    let mut records = Vec::new();
    let mut rec = Vec::new();
    let mut i = 0;
    loop {
        let start = i;
        let field = if i < b.len() && b[i] == b'"' {
            let mut s = String::new();
            let mut j = i + 1;
            let mut lit = j;
            loop {
                if j >= b.len() {
                    s.push_str(&text[lit..]);
                    break;
                }
                if b[j] == b'"' {
                    s.push_str(&text[lit..j]);
                    if j + 1 < b.len() && b[j + 1] == b'"' {
                        s.push('"');
                        j += 2;
                        lit = j;
                        continue;
                    }
                    j += 1;
                    break;
                }
                j += 1;
            }
            // tolerate junk after the closing quote up to the delimiter
            let mut k = j.min(b.len());
            while k < b.len() && b[k] != delim && b[k] != b'\n' && b[k] != b'\r' {
                k += 1;
            }
            s.push_str(&text[j.min(b.len())..k]);
            i = k;
            Field {
                raw: start..k,
                quoted: true,
                text: s,
            }
        } else {
            while i < b.len() && b[i] != delim && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            Field {
                raw: start..i,
                quoted: false,
                text: text[start..i].to_string(),
            }
        };
        rec.push(field);
        if i >= b.len() {
            if !(rec.len() == 1 && rec[0].raw.is_empty()) {
                records.push(rec);
            }
            break;
        }
        if b[i] == delim {
            i += 1;
            continue;
        }
        // line end
        if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
            i += 1;
        }
        i += 1;
        records.push(std::mem::take(&mut rec));
        if i >= b.len() {
            break;
        }
    }
    records
}

impl CsvDoc {
    pub fn open(bytes: &[u8], name: Option<&str>) -> Result<Self, FormatError> {
        let decoded = Decoded::decode(bytes, None);
        let first = decoded.text.lines().next().unwrap_or("");
        let delim = if first.contains(',') {
            ','
        } else if first.contains('\t') {
            '\t'
        } else if first.contains(';') {
            ';'
        } else {
            ','
        };
        let records = parse(&decoded.text, delim as u8);
        let prefix = name.map(|n| format!("{n}!")).unwrap_or_default();
        let mut segments = Vec::new();
        let mut fields = Vec::new();
        let header: Vec<String> = records
            .first()
            .map(|r| r.iter().map(|f| f.text.trim().to_string()).collect())
            .unwrap_or_default();
        for (ri, rec) in records.into_iter().enumerate() {
            for (ci, f) in rec.into_iter().enumerate() {
                if f.text.trim().is_empty() {
                    continue;
                }
                let context = if ri == 0 {
                    None
                } else {
                    header.get(ci).filter(|h| !h.is_empty()).cloned()
                };
                segments.push(Segment {
                    id: segments.len(),
                    text: f.text,
                    location: format!(
                        "{prefix}{}{}",
                        crate::xlsx::col_name(u32::try_from(ci).unwrap_or(u32::MAX)),
                        ri + 1
                    ),
                    context,
                });
                fields.push((f.raw, f.quoted));
            }
        }
        Ok(CsvDoc {
            source: bytes.to_vec(),
            decoded,
            segments,
            fields,
            delim,
        })
    }
}

impl Document for CsvDoc {
    fn format(&self) -> Format {
        Format::Csv
    }
    fn segments(&self) -> &[Segment] {
        &self.segments
    }
    fn write_redacted(&self, edits: &[SegmentEdit]) -> Result<Vec<u8>, FormatError> {
        let groups = group_edits(&self.segments, edits)?;
        let mut splices = Vec::new();
        for (seg, g) in groups.iter().enumerate() {
            if g.is_empty() {
                continue;
            }
            let new = apply_str(&self.segments[seg].text, g);
            let (raw, quoted) = &self.fields[seg];
            let needs = new.contains([self.delim, '"', '\n', '\r']);
            let out = if *quoted || needs {
                format!("\"{}\"", new.replace('"', "\"\""))
            } else {
                new
            };
            splices.push((raw.start, raw.end, out));
        }
        splices.sort_by_key(|s| s.0);
        Ok(self.decoded.splice(&self.source, &splices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_and_newlines() {
        let r = parse("a,\"b\nc\",\"d\"\"e\"\n,x", b',');
        assert_eq!(r.len(), 2);
        assert_eq!(r[0][1].text, "b\nc");
        assert_eq!(r[0][2].text, "d\"e");
        assert_eq!(r[1][0].text, "");
        assert_eq!(r[1][1].text, "x");
    }
}
