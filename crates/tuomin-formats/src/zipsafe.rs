//! Reading zip containers (DOCX, XLSX) within [`Limits`], and writing them back
//! with untouched entries copied raw (same order, same compression, same bytes).

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::{FormatError, Limits};

const RATIO_FLOOR: u64 = 1 << 20;

fn zip_err(e: ZipError) -> FormatError {
    match e {
        ZipError::Io(e) => FormatError::corrupt(format!("zip: {e}")),
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            FormatError::Encrypted
        }
        ZipError::UnsupportedArchive(m) => FormatError::Unsupported {
            what: format!("zip feature: {m}"),
        },
        other => FormatError::corrupt(format!("truncated or corrupt zip archive ({other})")),
    }
}

/// A zip archive opened within limits.
pub(crate) struct SafeZip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    budget: u64,
    limits: Limits,
}

impl<'a> SafeZip<'a> {
    /// Open and check entry count, declared sizes and ratios of every entry.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, FormatError> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
        if archive.len() > limits.max_entries {
            return Err(FormatError::TooLarge {
                what: "number of zip entries".into(),
                declared: archive.len() as u64,
                limit: limits.max_entries as u64,
            });
        }
        let mut names = Vec::with_capacity(archive.len());
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let f = archive.by_index_raw(i).map_err(zip_err)?;
            if f.encrypted() {
                return Err(FormatError::Encrypted);
            }
            let (size, csize) = (f.size(), f.compressed_size());
            let fname = f.name().map_err(zip_err)?.to_string();
            total = total.saturating_add(size);
            if total > limits.max_uncompressed_bytes {
                return Err(FormatError::ZipBomb {
                    what: "the archive (declared sizes)".into(),
                    declared: total,
                    limit: limits.max_uncompressed_bytes,
                });
            }
            if size > RATIO_FLOOR && size / csize.max(1) > limits.max_ratio {
                return Err(FormatError::ZipBomb {
                    what: format!("entry {} (ratio {}:1)", fname, size / csize.max(1)),
                    declared: size,
                    limit: csize.saturating_mul(limits.max_ratio),
                });
            }
            names.push(f.name().map_err(zip_err)?.to_string());
        }
        Ok(SafeZip {
            archive,
            names,
            budget: limits.max_uncompressed_bytes,
            limits: limits.clone(),
        })
    }

    /// Entry names in archive order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Inflate one entry, counting actual bytes against the declared size and the budget.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, FormatError> {
        let Some(idx) = self.names.iter().position(|n| n == name) else {
            return Ok(None);
        };
        let f = self.archive.by_index(idx).map_err(zip_err)?;
        let declared = f.size();
        let csize = f.compressed_size();
        let cap = declared.min(self.budget);
        let mut out = Vec::with_capacity(cap.min(64 << 20) as usize);
        let mut limited = f.take(cap + 1);
        limited
            .read_to_end(&mut out)
            .map_err(|e| FormatError::corrupt(format!("zip entry {name}: {e}")))?;
        let actual = out.len() as u64;
        if actual > declared || actual > self.budget {
            return Err(FormatError::ZipBomb {
                what: format!("entry {name} (actual size exceeds the declared size or the budget)"),
                declared: actual,
                limit: cap,
            });
        }
        if actual > RATIO_FLOOR && actual / csize.max(1) > self.limits.max_ratio {
            return Err(FormatError::ZipBomb {
                what: format!("entry {name}"),
                declared: actual,
                limit: csize.saturating_mul(self.limits.max_ratio),
            });
        }
        self.budget -= actual;
        Ok(Some(out))
    }
}

/// Write `bytes` (a zip) again, replacing the data of the entries named in
/// `replaced`; every other entry is copied raw.
pub(crate) fn rewrite(
    bytes: &[u8],
    replaced: &HashMap<String, Vec<u8>>,
) -> Result<Vec<u8>, FormatError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 1024)));
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(zip_err)?;
        let name = f.name().map_err(zip_err)?.to_string();
        match replaced.get(&name) {
            None => w.raw_copy_file(f).map_err(zip_err)?,
            Some(data) => {
                let method = match f.compression() {
                    CompressionMethod::Stored => CompressionMethod::Stored,
                    _ => CompressionMethod::Deflated,
                };
                let mut opts = SimpleFileOptions::default()
                    .compression_method(method)
                    .large_file(data.len() as u64 >= u32::MAX as u64);
                if let Some(t) = f.last_modified() {
                    opts = opts.last_modified_time(t);
                }
                if let Some(m) = f.unix_mode() {
                    opts = opts.unix_permissions(m);
                }
                drop(f);
                w.start_file(name, opts).map_err(zip_err)?;
                w.write_all(data)?;
            }
        }
    }
    Ok(w.finish().map_err(zip_err)?.into_inner())
}
