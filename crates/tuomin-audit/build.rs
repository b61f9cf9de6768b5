//! Fingerprint the detection engine (core detectors, dictionaries, formats,
//! pipeline) so that a state file written by another build is not reused.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            visit(&p, files);
        } else {
            files.push(p);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let base = Path::new(&manifest);
    let dirs = [
        "../../dictionaries",
        "../tuomin-core/src",
        "../tuomin-formats/src",
        "../tuomin-pipeline/src",
        "src/engine.rs",
    ];
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    for d in dirs {
        let p = base.join(d);
        println!("cargo:rerun-if-changed={}", p.display());
        let mut files = Vec::new();
        if p.is_file() {
            files.push(p.clone());
        } else {
            visit(&p, &mut files);
        }
        files.sort();
        for f in files {
            if let Ok(bytes) = std::fs::read(&f) {
                f.strip_prefix(base).unwrap_or(&f).hash(&mut h);
                bytes.hash(&mut h);
            }
        }
    }
    println!("cargo:rustc-env=TUOMIN_AUDIT_ENGINE={:016x}", h.finish());
}
