//! Detectors: one module per kind. Each turns candidates into validated,
//! scored findings; none knows anything of document formats.

use crate::numeric::{Run, Runs};
use crate::Finding;

mod address;
mod bank_card;
mod email;
mod id_card;
mod landline;
mod license_plate;
mod mobile;
mod passport;
mod person_name;
mod qq;
mod travel_permit;
mod wechat;

pub(crate) use address::Address;
pub(crate) use bank_card::BankCard;
pub(crate) use email::Email;
pub(crate) use id_card::IdCard;
pub(crate) use landline::Landline;
pub(crate) use license_plate::LicensePlate;
pub(crate) use mobile::Mobile;
pub(crate) use passport::Passport;
pub(crate) use person_name::PersonName;
pub(crate) use qq::Qq;
pub(crate) use travel_permit::TravelPermit;
pub(crate) use wechat::Wechat;

/// The text with its shared candidates, computed once per scan.
pub(crate) struct Prepared<'t> {
    pub text: &'t str,
    pub runs: Runs,
    cells: std::sync::OnceLock<crate::table::Tables>,
}

thread_local! {
    /// Digit-run buffers of the last scan on this thread, reused by the
    /// next one: no fresh pages and no regrowth per scan.
    static SPARE_RUNS: std::cell::Cell<Option<Runs>> = const { std::cell::Cell::new(None) };
}

impl Drop for Prepared<'_> {
    fn drop(&mut self) {
        // Keep buffers of ordinary size only, so one huge text does not
        // pin its memory for the thread's life.
        if self.runs.capacity_bytes() <= 8 << 20 {
            let runs = std::mem::take(&mut self.runs);
            SPARE_RUNS.with(|s| s.set(Some(runs)));
        }
    }
}

impl<'t> Prepared<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut runs = SPARE_RUNS.with(|s| s.take()).unwrap_or_default();
        crate::numeric::runs_into(text, &mut runs);
        Prepared {
            text,
            runs,
            cells: std::sync::OnceLock::new(),
        }
    }

    /// Table cells under a name or address header (computed on first use).
    pub fn cells(&self) -> &[crate::table::Cell] {
        &self
            .cells
            .get_or_init(|| crate::table::header_cells(self.text))
            .0
    }

    /// The header column of the table cell holding byte `i`, if any.
    pub fn column_at(&self, i: usize) -> Option<crate::table::Column> {
        // Cells lie only on lines with a column separator: other lines
        // are answered without reading the tables.
        let b = self.text.as_bytes();
        let from = memchr::memrchr(b'\n', &b[..i]).map_or(0, |k| k + 1);
        let to = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
        crate::table::sep_of(&self.text[from..to])?;
        let cells = self.cells();
        let k = cells.partition_point(|c| c.start <= i);
        (k > 0 && i < cells[k - 1].end).then(|| cells[k - 1].column)
    }

    /// Is byte `i` on a table header line?
    pub fn in_header_line(&self, i: usize) -> bool {
        let h = &self
            .cells
            .get_or_init(|| crate::table::header_cells(self.text))
            .1;
        let k = h.partition_point(|(s, _)| *s <= i);
        k > 0 && i < h[k - 1].1
    }
}

/// A detector: finds its kind in prepared text.
pub(crate) trait Detector: Send + Sync {
    /// Push every finding (scored, possibly overlapping others) to `out`.
    fn detect(&self, p: &Prepared<'_>, out: &mut Vec<Finding>);
}

/// Build a finding for `text[start..end]` (static checks: no allocation
/// for the evidence).
pub(crate) fn finding(
    p: &Prepared<'_>,
    kind: crate::Kind,
    start: usize,
    end: usize,
    score: f32,
    checks: &'static [&'static str],
    context: Option<&'static str>,
) -> Finding {
    Finding {
        kind,
        start,
        end,
        text: p.text[start..end].to_string(),
        score: score.clamp(0.0, 1.0),
        evidence: crate::Evidence::fixed(checks, context),
    }
}

/// [`finding`] with checks put together at run time.
pub(crate) fn finding_owned(
    p: &Prepared<'_>,
    kind: crate::Kind,
    start: usize,
    end: usize,
    score: f32,
    checks: Vec<&'static str>,
    context: Option<&'static str>,
) -> Finding {
    Finding {
        evidence: crate::Evidence {
            checks: std::borrow::Cow::Owned(checks),
            context: context.map(std::borrow::Cow::Borrowed),
        },
        ..finding(p, kind, start, end, score, &[], None)
    }
}

/// Test helper: the (kind, text) pairs a single detector finds.
#[cfg(test)]
pub(crate) fn found(d: &dyn Detector, text: &str) -> Vec<(crate::Kind, String, f32)> {
    let p = Prepared::new(text);
    let mut out = Vec::new();
    d.detect(&p, &mut out);
    out.into_iter().map(|f| (f.kind, f.text, f.score)).collect()
}

/// Run `accept` on every candidate of `min..=max` digits in every run,
/// longest first; keep the accepted ones that do not overlap within a run
/// and that no letter or digit touches.
pub(crate) fn each_candidate(
    p: &Prepared<'_>,
    min: usize,
    max: usize,
    out: &mut Vec<Finding>,
    mut accept: impl FnMut(&Run<'_>, &crate::numeric::Candidate<'_>) -> Option<Finding>,
) {
    for run in p.runs.iter() {
        if run.digits.len() < min {
            continue;
        }
        // Groups already part of an accepted candidate (a run has at
        // most 12 groups).
        let mut taken: u32 = 0;
        run.each_candidate(min, max, |c| {
            let mask = ((1u32 << c.last) - 1) & !((1u32 << c.first) - 1);
            if taken & mask != 0 {
                return;
            }
            // A grouped value starts with a group of at least 3 digits
            // (`138 1234 5678`, `6228 4812 …`), not a stray `1 `.
            if c.last - c.first > 1 && run.groups[c.first].len() < 3 {
                return;
            }
            if !run.stands_alone(c.first, c.last) {
                return;
            }
            if let Some(f) = accept(&run, &c) {
                taken |= mask;
                out.push(f);
            }
        });
    }
}
