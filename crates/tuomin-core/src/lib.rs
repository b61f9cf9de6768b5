//! # tuomin-core — find and mask personal information in Chinese text
//!
//! tuomin (脱敏, "desensitize") finds personal information in the documents
//! that Chinese government offices publish (政务公开) and masks it before
//! it goes out. This crate is the format-agnostic heart of it: a
//! [`Scanner`] that turns text into [`Finding`]s, and a [`Policy`] that
//! turns findings into edits.
//!
//! The flow is one straight line:
//! text → candidates → validators → context score → overlap resolution →
//! findings → policy → edits.
//!
//! ```
//! use tuomin_core::{Kind, Policy, Scanner};
//!
//! let scanner = Scanner::new(); // build once, share across threads
//! let text = "申请人身份证号：11010519491231002X，联系电话 138-1234-5678。";
//! let findings = scanner.scan(text);
//! let kinds: Vec<Kind> = findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, vec![Kind::IdCard, Kind::Mobile]);
//!
//! let redacted = scanner.redact(text, &Policy::default());
//! assert_eq!(redacted.text, "申请人身份证号：110105********002X，联系电话 138-****-5678。");
//! ```

#![warn(missing_docs)]

pub mod config;
mod context;
mod detectors;
mod dict;
mod finding;
mod kind;
mod mask;
mod numeric;
pub mod policy;
mod pseudonym;
mod redact;
mod scanner;
pub mod stream;
mod swar;
mod table;

pub use config::{Config, ConfigError};
pub use finding::{Evidence, Finding};
pub use kind::{Kind, Severity, UnknownKind};
pub use policy::{preview, Action, MaskStyle, Policy, PolicyError};
pub use redact::{Edit, Redacted};
pub use scanner::{Scanner, ScannerBuilder, ScannerError};
