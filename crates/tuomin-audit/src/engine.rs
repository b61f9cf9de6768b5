//! The one place that turns the bytes of one file into findings.
//!
//! Everything format-specific is delegated to [`tuomin_pipeline::scan_bytes`]:
//! formats are told apart by content (magic bytes, then the extension),
//! text is decoded, documents are opened within the limits. This module
//! only adapts the result to the audit's record and keeps raw values out
//! unless asked.

use std::path::Path;

use tuomin_core::Scanner;
use tuomin_pipeline::{scan_bytes, Limits, PipelineOptions};

/// A finding as the audit stores it: never the raw value unless asked.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuditFinding {
    /// Stable kind name (`id_card`, `mobile` …).
    pub kind: String,
    /// Where in the file: `"第2页"`, `"名单!C7"`, `"行 12"` …
    pub location: String,
    /// The masked value.
    pub preview: String,
    /// Confidence in 0..=1.
    pub score: f32,
    /// The raw value, only with `show_values`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// What scanning one file's bytes gave.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// The detected format name (`docx`, `text` …).
    pub format: Option<String>,
    /// The findings, in document order.
    pub findings: Vec<AuditFinding>,
    /// Parts that could not be checked (scanned PDF pages …).
    pub not_checked: Vec<String>,
}

/// Scan `bytes` (named `path` for messages and extension hints).
pub fn scan(
    scanner: &Scanner,
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    show_values: bool,
) -> Result<Scanned, String> {
    // Catch a panic in a format reader or a detector: one bad file must
    // never stop the run.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scan_inner(scanner, path, bytes, limits, show_values)
    }));
    match r {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(format!(
                "internal error while scanning (please report): {msg}"
            ))
        }
    }
}

fn scan_inner(
    scanner: &Scanner,
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    show_values: bool,
) -> Result<Scanned, String> {
    let opts = PipelineOptions {
        limits: limits.clone(),
        ..Default::default()
    };
    let scan = scan_bytes(scanner, path, bytes, &opts).map_err(|e| e.to_string())?;
    Ok(Scanned {
        format: Some(scan.format.to_string()),
        findings: scan
            .findings
            .into_iter()
            .map(|f| AuditFinding {
                kind: f.kind.as_str().to_string(),
                location: f.location,
                preview: f.preview,
                score: f.score,
                text: show_values.then_some(f.text),
            })
            .collect(),
        not_checked: scan.not_checked,
    })
}
