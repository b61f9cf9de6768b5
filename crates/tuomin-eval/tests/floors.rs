//! Quality floors of the default scanner on the labeled corpus.
//!
//! `floors` fails when a detector gets worse than it was; raise the
//! numbers as detectors improve (never lower them to make a change pass).
//! `targets` holds the scanner to the targets (met since 2026-12-03):
//!
//! ```sh
//! cargo test -p tuomin-eval --test floors -- --nocapture            # table + floors
//! cargo test -p tuomin-eval --test floors targets -- --nocapture    # the targets
//! ```

use std::path::Path;
use std::sync::OnceLock;

use tuomin_core::{Kind, Scanner};
use tuomin_eval::{evaluate, load_corpus, Corpus, Report, Split};

/// Floors: `(kind, exact F1 ≥, overlap F1 ≥)`, set at what the scanner
/// achieved when they were last raised (2026-12-03, 778 documents), minus
/// ~0.01, rounded down; the kinds with few labels (passport, travel
/// permits, QQ, WeChat: 31–48) leave room for one miss.
///
/// person_name and address are only checked when the scanner reports that
/// kind at all (their detectors may be absent from a build).
const FLOORS: &[(Kind, f64, f64)] = &[
    (Kind::IdCard, 0.99, 0.99),
    (Kind::Mobile, 0.99, 0.99),
    (Kind::Landline, 0.99, 0.99),
    (Kind::BankCard, 0.99, 0.99),
    (Kind::Email, 0.98, 0.98),
    (Kind::Passport, 0.97, 0.97),
    (Kind::TravelPermit, 0.97, 0.97),
    (Kind::LicensePlate, 0.99, 0.99),
    (Kind::Qq, 0.97, 0.97),
    (Kind::Wechat, 0.97, 0.97),
    (Kind::PersonName, 0.975, 0.978),
    (Kind::Address, 0.978, 0.985),
];

/// Ceiling of the overall leak rate (share of labeled characters covered
/// by no finding); was 0.64% when set (778 documents, 321 of them
/// hand-written), 0.67% with 858 documents (401 hand-written).
const MAX_LEAK: f64 = 0.009;

/// Floors on the hand-written documents alone (401 documents by eleven
/// authors, the hardest part of the corpus): `(kind, exact F1 ≥, overlap
/// F1 ≥)` and their leak-rate ceiling; were 0.962/0.966 (names),
/// 0.967/0.979 (addresses) and 1.9% when set.
const HANDWRITTEN_FLOORS: &[(Kind, f64, f64)] = &[
    (Kind::PersonName, 0.95, 0.955),
    (Kind::Address, 0.955, 0.965),
];
const HANDWRITTEN_MAX_LEAK: f64 = 0.03;

// ---------------------------------------------------------------------
// TARGETS — checked by the `targets` test:
//
// | what                                         | target  |
// |----------------------------------------------|---------|
// | person_name exact F1                         | ≥ 0.95  |
// | address overlap F1                           | ≥ 0.92  |
// | every structured kind (id_card … wechat) F1  | ≥ 0.99  |
// | overall leak rate                            | ≤ 1%    |
// | person_name / address findings on PII-free   | 0       |
// ---------------------------------------------------------------------
const TARGET_PERSON_NAME_F1: f64 = 0.95;
const TARGET_ADDRESS_OVERLAP_F1: f64 = 0.92;
const TARGET_STRUCTURED_F1: f64 = 0.99;
const TARGET_LEAK: f64 = 0.01;
/// The structured kinds: every kind but names and addresses.
fn structured() -> impl Iterator<Item = Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| !matches!(k, Kind::PersonName | Kind::Address))
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        match load_corpus(&dir) {
            Ok(c) => c,
            Err(e) => panic!("cannot load the corpus: {e}"),
        }
    })
}

fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let r = evaluate(&Scanner::new(), corpus());
        println!("{}", r.to_markdown());
        r
    })
}

fn f1(x: Option<f64>) -> f64 {
    x.unwrap_or(0.0)
}

#[test]
fn floors() {
    let failures = below_floors(report(), FLOORS, MAX_LEAK);
    assert!(
        failures.is_empty(),
        "floors broken:\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn handwritten_floors() {
    let r = evaluate(&Scanner::new(), &corpus().only(Some(Split::Handwritten)));
    let failures = below_floors(&r, HANDWRITTEN_FLOORS, HANDWRITTEN_MAX_LEAK);
    assert!(
        failures.is_empty(),
        "hand-written floors broken:\n  {}",
        failures.join("\n  ")
    );
}

/// What in `r` falls below `floors` (`(kind, exact F1, overlap F1)`) or
/// above the leak-rate ceiling `max_leak`.
fn below_floors(r: &Report, floors: &[(Kind, f64, f64)], max_leak: f64) -> Vec<String> {
    let mut failures = Vec::new();
    for &(kind, exact, overlap) in floors {
        let Some(k) = r.kind(kind).filter(|k| k.labels > 0) else {
            failures.push(format!("{kind}: no labels"));
            continue;
        };
        if f1(k.exact.f1) < exact || f1(k.overlap.f1) < overlap {
            failures.push(format!(
                "{kind}: F1 {:.3} exact / {:.3} overlap < floors {exact} / {overlap}",
                f1(k.exact.f1),
                f1(k.overlap.f1)
            ));
        }
    }
    let leak = r.leak_rate.unwrap_or(1.0);
    if leak > max_leak {
        failures.push(format!(
            "leak rate {:.2}% > ceiling {:.2}%",
            leak * 100.0,
            max_leak * 100.0
        ));
    }
    failures
}

/// Floors on `corpus/unseen/` (documents scored once as unseen text, not
/// used for tuning; 199 documents by five authors, since 2026-12-03's third
/// session): `(kind, exact F1 ≥, overlap F1 ≥)` and the leak-rate ceiling,
/// set at the measurement then minus ~0.02 (names 0.919/0.939, addresses
/// 0.923/0.954, bank cards 0.995/1.000, leak 3.75%).
const UNSEEN_FLOORS: &[(Kind, f64, f64)] = &[
    (Kind::PersonName, 0.90, 0.92),
    (Kind::Address, 0.90, 0.935),
    (Kind::IdCard, 0.98, 0.98),
    (Kind::Mobile, 0.98, 0.98),
    (Kind::Landline, 0.98, 0.98),
    (Kind::BankCard, 0.97, 0.98),
];
const UNSEEN_MAX_LEAK: f64 = 0.045;

#[test]
fn unseen_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/unseen");
    let corpus = load_corpus(&dir).unwrap_or_else(|e| panic!("cannot load corpus/unseen: {e}"));
    let r = evaluate(&Scanner::new(), &corpus);
    let failures = below_floors(&r, UNSEEN_FLOORS, UNSEEN_MAX_LEAK);
    assert!(
        failures.is_empty(),
        "corpus/unseen floors broken:\n  {}",
        failures.join("\n  ")
    );
}

/// The targets of the names-and-addresses issue, met on this corpus and
/// kept by CI.
#[test]
fn targets() {
    let r = report();
    let mut gaps = Vec::new();
    let mut check = |what: String, ok: bool| {
        if !ok {
            gaps.push(what);
        }
    };
    for kind in structured() {
        if let Some(k) = r.kind(kind) {
            let v = f1(k.exact.f1);
            check(
                format!("{kind} exact F1 {v:.3} < {TARGET_STRUCTURED_F1}"),
                v >= TARGET_STRUCTURED_F1,
            );
        }
    }
    if let Some(k) = r.kind(Kind::PersonName) {
        let v = f1(k.exact.f1);
        check(
            format!("person_name exact F1 {v:.3} < {TARGET_PERSON_NAME_F1}"),
            v >= TARGET_PERSON_NAME_F1,
        );
    }
    if let Some(k) = r.kind(Kind::Address) {
        let v = f1(k.overlap.f1);
        check(
            format!("address overlap F1 {v:.3} < {TARGET_ADDRESS_OVERLAP_F1}"),
            v >= TARGET_ADDRESS_OVERLAP_F1,
        );
    }
    let leak = r.leak_rate.unwrap_or(1.0);
    check(
        format!("leak rate {:.2}% > 1%", leak * 100.0),
        leak <= TARGET_LEAK,
    );
    let p = &r.pii_free;
    check(
        format!(
            "{} person_name / {} address findings on PII-free docs",
            p.person_name, p.address
        ),
        p.person_name + p.address == 0,
    );
    assert!(
        gaps.is_empty(),
        "targets not reached:\n  {}",
        gaps.join("\n  ")
    );
}
