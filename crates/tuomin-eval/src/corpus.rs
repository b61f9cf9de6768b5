//! Loading and validating the labeled corpus.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use tuomin_core::Kind;

/// Why a corpus could not be loaded.
///
/// Every variant names the file (and, for JSON lines, the 1-based line and
/// the document) so a broken label can be fixed without a debugger.
///
/// ```
/// let e = tuomin_eval::load_corpus(std::path::Path::new("/nonexistent")).unwrap_err();
/// assert!(e.to_string().contains("manifest.jsonl"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A document is not valid UTF-8.
    #[error("{path} is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    Utf8 {
        /// The document file.
        path: PathBuf,
        /// Length of the valid prefix in bytes.
        valid_up_to: usize,
    },
    /// A line of a `.jsonl` file is not the expected JSON object.
    #[error("{path}:{line}: not a valid JSON record: {source}")]
    Json {
        /// The `.jsonl` file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What the JSON parser said.
        source: serde_json::Error,
    },
    /// A label or manifest line is well-formed JSON but wrong.
    #[error("{path}:{line}: doc `{doc}`: {reason}")]
    Invalid {
        /// The `.jsonl` file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The `doc` field of the line.
        doc: String,
        /// What is wrong.
        reason: String,
    },
    /// The manifest and the labels of a document disagree.
    #[error("doc `{doc}`: {reason}")]
    Inconsistent {
        /// The document, relative to the corpus directory.
        doc: String,
        /// What is wrong.
        reason: String,
    },
}

/// Which part of the corpus a document belongs to.
///
/// ```
/// use tuomin_eval::Split;
/// assert_eq!(Split::of("handwritten/h01.txt"), Split::Handwritten);
/// assert_eq!(Split::of("docs/dibao_001.txt"), Split::Generated);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// Documents written by `corpus/generate.py`.
    Generated,
    /// Documents written by hand (`corpus/handwritten/`).
    Handwritten,
}

impl Split {
    /// The split of a document path relative to the corpus directory:
    /// everything under `handwritten/` is hand-written.
    ///
    /// ```
    /// assert_eq!(tuomin_eval::Split::of("handwritten/h32.txt"), tuomin_eval::Split::Handwritten);
    /// ```
    pub fn of(doc: &str) -> Split {
        if doc.starts_with("handwritten/") {
            Split::Handwritten
        } else {
            Split::Generated
        }
    }
}

/// One labeled piece of personal information.
///
/// `start..end` is a byte range into [`Document::text`], on char
/// boundaries, and `text == &doc.text[start..end]` (checked on load).
///
/// ```
/// use tuomin_core::Kind;
/// use tuomin_eval::Label;
/// let l = Label { kind: Kind::Mobile, start: 6, end: 17, text: "13812345678".into() };
/// assert_eq!(l.end - l.start, l.text.len());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    /// The kind of personal information.
    pub kind: Kind,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The labeled text.
    pub text: String,
}

/// A document of the corpus with its labels.
///
/// ```
/// use tuomin_eval::{Document, Split};
/// let d = Document::new("x.txt", "今天天气很好。", vec![]);
/// assert!(d.pii_free);
/// assert_eq!(d.split, Split::Generated);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the corpus directory, as written in the labels.
    pub path: String,
    /// Genre from the manifest (empty when unknown).
    pub genre: String,
    /// True when the document holds no personal information at all.
    pub pii_free: bool,
    /// Generated or hand-written.
    pub split: Split,
    /// The full text.
    pub text: String,
    /// Labels sorted by start, never overlapping.
    pub labels: Vec<Label>,
}

impl Document {
    /// A document built in memory (for tests and callers with their own
    /// data). Labels are sorted; `pii_free` is true when there are none;
    /// the split is derived from the path ([`Split::of`]).
    ///
    /// Labels are not validated here; [`load_corpus`] validates what it
    /// reads.
    ///
    /// ```
    /// use tuomin_core::Kind;
    /// use tuomin_eval::{Document, Label};
    /// let text = "电话13812345678";
    /// let d = Document::new("a.txt", text, vec![Label { kind: Kind::Mobile, start: 6, end: 17, text: "13812345678".into() }]);
    /// assert!(!d.pii_free);
    /// ```
    pub fn new(
        path: impl Into<String>,
        text: impl Into<String>,
        mut labels: Vec<Label>,
    ) -> Document {
        let path = path.into();
        labels.sort_by_key(|l| (l.start, l.end));
        Document {
            split: Split::of(&path),
            path,
            genre: String::new(),
            pii_free: labels.is_empty(),
            text: text.into(),
            labels,
        }
    }
}

/// The labeled corpus: every document of the manifest with its labels.
///
/// ```
/// use tuomin_eval::{Corpus, Document, Split};
/// let c = Corpus { dir: ".".into(), docs: vec![Document::new("handwritten/a.txt", "abc", vec![])] };
/// assert_eq!(c.bytes(), 3);
/// assert_eq!(c.only(Some(Split::Generated)).docs.len(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    /// The directory the corpus was loaded from.
    pub dir: PathBuf,
    /// The documents, in manifest order.
    pub docs: Vec<Document>,
}

impl Corpus {
    /// Total size of the documents in bytes.
    ///
    /// ```
    /// let c = tuomin_eval::Corpus { dir: ".".into(), docs: vec![] };
    /// assert_eq!(c.bytes(), 0);
    /// ```
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }

    /// Total number of labels.
    ///
    /// ```
    /// let c = tuomin_eval::Corpus { dir: ".".into(), docs: vec![] };
    /// assert_eq!(c.label_count(), 0);
    /// ```
    pub fn label_count(&self) -> usize {
        self.docs.iter().map(|d| d.labels.len()).sum()
    }

    /// The documents of one split (`None`: all of them).
    ///
    /// ```
    /// use tuomin_eval::{Corpus, Document, Split};
    /// let c = Corpus { dir: ".".into(), docs: vec![Document::new("docs/a.txt", "x", vec![])] };
    /// assert_eq!(c.only(Some(Split::Generated)).docs.len(), 1);
    /// assert_eq!(c.only(None).docs.len(), 1);
    /// ```
    pub fn only(&self, split: Option<Split>) -> Corpus {
        Corpus {
            dir: self.dir.clone(),
            docs: self
                .docs
                .iter()
                .filter(|d| split.is_none_or_eq(d.split))
                .cloned()
                .collect(),
        }
    }
}

/// `Option::is_none_or` is newer than the workspace MSRV.
trait NoneOrEq<T> {
    fn is_none_or_eq(&self, v: T) -> bool;
}

impl<T: PartialEq> NoneOrEq<T> for Option<T> {
    fn is_none_or_eq(&self, v: T) -> bool {
        match self {
            None => true,
            Some(x) => *x == v,
        }
    }
}

#[derive(Deserialize)]
struct RawManifest {
    doc: String,
    #[serde(default)]
    genre: String,
    pii_free: bool,
}

#[derive(Deserialize)]
struct RawLabel {
    doc: String,
    kind: String,
    start: usize,
    end: usize,
    text: String,
}

/// Where a record came from, for error messages.
#[derive(Clone)]
struct Origin {
    path: PathBuf,
    line: usize,
}

/// Load and validate the corpus in `dir`.
///
/// Reads `manifest.jsonl` and `labels.jsonl` (required) and
/// `handwritten/manifest.jsonl` and `handwritten/labels.jsonl` (when
/// present). A document listed in both manifests must have the same entry
/// in both. Every label is checked: its document is in a manifest, its
/// kind exists, `start < end <= len`, both offsets are on char boundaries,
/// `text` equals the slice, labels of a document do not overlap or repeat,
/// and `pii_free` is true exactly when the document has no label.
///
/// ```no_run
/// let corpus = tuomin_eval::load_corpus(std::path::Path::new("corpus"))?;
/// println!("{} documents, {} labels", corpus.docs.len(), corpus.label_count());
/// # Ok::<(), tuomin_eval::EvalError>(())
/// ```
pub fn load_corpus(dir: &Path) -> Result<Corpus, EvalError> {
    let mut docs: Vec<Document> = Vec::new();
    let mut index: HashMap<String, (usize, Origin)> = HashMap::new();

    let hw = dir.join("handwritten");
    let manifests = [
        (dir.join("manifest.jsonl"), true),
        (hw.join("manifest.jsonl"), false),
    ];
    for (path, required) in manifests {
        if !required && !path.exists() {
            continue;
        }
        for (line, raw) in read_jsonl::<RawManifest>(&path)? {
            let origin = Origin {
                path: path.clone(),
                line,
            };
            let invalid = |reason: String| EvalError::Invalid {
                path: path.clone(),
                line,
                doc: raw.doc.clone(),
                reason,
            };
            if let Some((i, first)) = index.get(&raw.doc) {
                let d = &docs[*i];
                if d.genre != raw.genre || d.pii_free != raw.pii_free {
                    return Err(invalid(format!(
                        "conflicts with the entry at {}:{}",
                        first.path.display(),
                        first.line
                    )));
                }
                if first.path == path {
                    return Err(invalid(format!(
                        "listed twice (also on line {})",
                        first.line
                    )));
                }
                continue;
            }
            check_relative(&raw.doc).map_err(invalid)?;
            let file = dir.join(&raw.doc);
            let bytes = fs::read(&file).map_err(|source| EvalError::Io {
                path: file.clone(),
                source,
            })?;
            let text = String::from_utf8(bytes).map_err(|e| EvalError::Utf8 {
                path: file.clone(),
                valid_up_to: e.utf8_error().valid_up_to(),
            })?;
            index.insert(raw.doc.clone(), (docs.len(), origin));
            docs.push(Document {
                split: Split::of(&raw.doc),
                path: raw.doc,
                genre: raw.genre,
                pii_free: raw.pii_free,
                text,
                labels: Vec::new(),
            });
        }
    }

    // Origins of labels, parallel to `docs[i].labels` until sorted.
    let mut origins: Vec<Vec<Origin>> = vec![Vec::new(); docs.len()];
    let label_files = [
        (dir.join("labels.jsonl"), true),
        (hw.join("labels.jsonl"), false),
    ];
    for (path, required) in label_files {
        if !required && !path.exists() {
            continue;
        }
        for (line, raw) in read_jsonl::<RawLabel>(&path)? {
            let invalid = |reason: String| EvalError::Invalid {
                path: path.clone(),
                line,
                doc: raw.doc.clone(),
                reason,
            };
            let Some((i, _)) = index.get(&raw.doc) else {
                return Err(invalid(
                    "document is not listed in manifest.jsonl or handwritten/manifest.jsonl".into(),
                ));
            };
            let doc = &mut docs[*i];
            let kind: Kind = raw.kind.parse().map_err(|e| invalid(format!("{e}")))?;
            let label =
                check_label(&doc.text, kind, raw.start, raw.end, &raw.text).map_err(invalid)?;
            doc.labels.push(label);
            origins[*i].push(Origin {
                path: path.clone(),
                line,
            });
        }
    }

    for (doc, origin) in docs.iter_mut().zip(origins) {
        let mut pairs: Vec<(Label, Origin)> = std::mem::take(&mut doc.labels)
            .into_iter()
            .zip(origin)
            .collect();
        pairs.sort_by_key(|(l, _)| (l.start, l.end));
        for w in pairs.windows(2) {
            let ((a, ao), (b, bo)) = (&w[0], &w[1]);
            if b.start < a.end {
                return Err(EvalError::Invalid {
                    path: bo.path.clone(),
                    line: bo.line,
                    doc: doc.path.clone(),
                    reason: format!(
                        "label {}..{} `{}` overlaps label {}..{} `{}` ({}:{})",
                        b.start,
                        b.end,
                        b.text,
                        a.start,
                        a.end,
                        a.text,
                        ao.path.display(),
                        ao.line
                    ),
                });
            }
        }
        doc.labels = pairs.into_iter().map(|(l, _)| l).collect();
        if doc.pii_free != doc.labels.is_empty() {
            return Err(EvalError::Inconsistent {
                doc: doc.path.clone(),
                reason: format!(
                    "manifest says pii_free={} but the document has {} label(s)",
                    doc.pii_free,
                    doc.labels.len()
                ),
            });
        }
    }

    Ok(Corpus {
        dir: dir.to_path_buf(),
        docs,
    })
}

/// Parse every non-blank line of a `.jsonl` file; yields 1-based line
/// numbers with the records.
fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<(usize, T)>, EvalError> {
    let text = fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        out.push((i + 1, rec));
    }
    Ok(out)
}

/// A document path must stay inside the corpus directory.
fn check_relative(doc: &str) -> Result<(), String> {
    let p = Path::new(doc);
    if doc.is_empty() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err("document path must be relative to the corpus directory, without `..`".into());
    }
    Ok(())
}

/// Validate one label against the document text.
fn check_label(
    text: &str,
    kind: Kind,
    start: usize,
    end: usize,
    expected: &str,
) -> Result<Label, String> {
    if start >= end {
        return Err(format!("empty or reversed span {start}..{end}"));
    }
    if end > text.len() {
        return Err(format!(
            "span {start}..{end} ends past the end of the document ({} bytes)",
            text.len()
        ));
    }
    for (name, at) in [("start", start), ("end", end)] {
        if !text.is_char_boundary(at) {
            return Err(format!(
                "{name} offset {at} is inside a UTF-8 character (offsets are bytes)"
            ));
        }
    }
    let actual = &text[start..end];
    if actual != expected {
        return Err(format!(
            "text {expected:?} does not match the document at {start}..{end}, which holds {actual:?}"
        ));
    }
    Ok(Label {
        kind,
        start,
        end,
        text: actual.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_checks() {
        let t = "电话13812345678";
        assert!(check_label(t, Kind::Mobile, 6, 17, "13812345678").is_ok());
        assert!(check_label(t, Kind::Mobile, 1, 17, "x")
            .unwrap_err()
            .contains("inside a UTF-8"));
        assert!(check_label(t, Kind::Mobile, 6, 99, "x")
            .unwrap_err()
            .contains("past the end"));
        assert!(check_label(t, Kind::Mobile, 6, 6, "")
            .unwrap_err()
            .contains("empty"));
        assert!(check_label(t, Kind::Mobile, 6, 17, "13812345679")
            .unwrap_err()
            .contains("does not match"));
    }

    #[test]
    fn paths_stay_inside() {
        assert!(check_relative("docs/a.txt").is_ok());
        assert!(check_relative("../a.txt").is_err());
        assert!(check_relative("/etc/passwd").is_err());
        assert!(check_relative("").is_err());
    }

    /// A throw-away corpus directory with one document.
    fn corpus_dir(name: &str, manifest: &str, labels: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tuomin-eval-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("docs")).unwrap();
        fs::write(dir.join("docs/a.txt"), "户主张三，电话13812345678。").unwrap();
        fs::write(dir.join("manifest.jsonl"), manifest).unwrap();
        fs::write(dir.join("labels.jsonl"), labels).unwrap();
        dir
    }

    const MANIFEST: &str = "{\"doc\": \"docs/a.txt\", \"genre\": \"x\", \"pii_free\": false}\n";
    const GOOD: &str = "{\"doc\": \"docs/a.txt\", \"kind\": \"mobile\", \"start\": 21, \"end\": 32, \"text\": \"13812345678\"}\n";

    #[test]
    fn loads_and_validates() {
        let dir = corpus_dir("ok", MANIFEST, GOOD);
        let c = load_corpus(&dir).unwrap();
        assert_eq!(c.docs.len(), 1);
        assert_eq!(c.docs[0].labels[0].kind, Kind::Mobile);

        let bad = GOOD.replace("\"start\": 21", "\"start\": 20");
        let dir = corpus_dir("bad", MANIFEST, &format!("\n{bad}"));
        let e = load_corpus(&dir).unwrap_err().to_string();
        assert!(e.contains("labels.jsonl:2: doc `docs/a.txt`"), "{e}");

        let dir = corpus_dir("kind", MANIFEST, &GOOD.replace("mobile", "phone"));
        let e = load_corpus(&dir).unwrap_err().to_string();
        assert!(
            e.contains(":1: doc `docs/a.txt`: unknown kind `phone`"),
            "{e}"
        );

        let dir = corpus_dir("twice", MANIFEST, &format!("{GOOD}{GOOD}"));
        let e = load_corpus(&dir).unwrap_err().to_string();
        assert!(
            e.contains("labels.jsonl:2") && e.contains("overlaps"),
            "{e}"
        );

        let dir = corpus_dir("free", &MANIFEST.replace("false", "true"), GOOD);
        let e = load_corpus(&dir).unwrap_err().to_string();
        assert!(
            e.contains("pii_free=true but the document has 1 label"),
            "{e}"
        );

        let dir = corpus_dir("json", MANIFEST, "{oops\n");
        assert!(matches!(
            load_corpus(&dir),
            Err(EvalError::Json { line: 1, .. })
        ));
        for name in ["ok", "bad", "kind", "twice", "free", "json"] {
            let tmp = format!("tuomin-eval-{}-{name}", std::process::id());
            let _ = fs::remove_dir_all(std::env::temp_dir().join(tmp));
        }
    }
}
