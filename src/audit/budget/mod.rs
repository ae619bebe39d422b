//! The audit of a program-budget document: its own checks (the spec's
//! version-3 list, the `budget.*` rows of the table in [`super`]), the
//! field-by-field comparison of two models for the round trip, the audit
//! report, and the diff of two documents (of this layout, or one of each).
//!
//! # How the checks read the tables
//!
//! - **Columns.** Every row of amounts has one cell per cost column; a
//!   finding names the column by its label as printed (`2026 Bütçe`). The
//!   summaries' own columns (where they print other years) are matched to
//!   the cost columns by year and kind; a column the cost tables lack is not
//!   compared.
//! - **An activity's total** in a column is its Toplam cell, or, where that
//!   is empty, its Bütçe İçi + Bütçe Dışı (the module's "totals of totals"):
//!   an empty Toplam is reported once, by `budget.line.sum`.
//! - **Economic lines** (`budget.economic`) are summed per column; where an
//!   activity prints both a code and its sub-codes (`03` and `03.2`), only
//!   the outermost lines are summed. An auditor reads the breakdown as the
//!   breakdown of the activity's total, unless the activity prints
//!   off-budget money (a non-zero Bütçe Dışı cell) and the lines agree with
//!   its Bütçe İçi row in more columns than with its total: then they break
//!   down the budget alone (off-budget sources are not classified by
//!   economic code), and they are compared with the Bütçe İçi row. Without
//!   off-budget money the two rows are the same figures, and a total that
//!   disagrees with the lines is reported against the total. The message
//!   names the row compared.
//! - **Summary by program** (`budget.summary.program`): each row is matched
//!   with its program or alt program by code, else by normalised name, and
//!   compared with the sum of that block's activities; the total with the
//!   sum of the program rows (of the alt program rows where it prints no
//!   program rows). A row without a block is a warning, and so is a block
//!   without a row at a level the summary prints.
//! - **Summary by economic code** (`budget.summary.economic`): a row of
//!   code `C` is compared with the activities' lines of code `C` (codes
//!   compared part by part, leading zeros ignored: `3` is `03`) or, for an
//!   activity printing no such line, its lines under `C` (`03.2` counts
//!   towards a level-I row `03`). An activity printing no breakdown counts
//!   0, and the message says how many there are.
//! - **Codes** (`budget.code.parent`): an alt program's code extends its
//!   program's, an activity's its alt program's (or its program's where the
//!   alt program prints none); null codes are skipped.

mod checks;
mod diff;
mod roundtrip;
mod summaries;

use super::Finding;
use crate::model::budget::{Activity, BudgetProgramme, CostColumn, SubProgram};
use crate::model::{Dec, Layout};

pub use diff::{diff, diff_documents};
pub use roundtrip::compare_models;

/// Every check of the program-budget layout; findings in report order
/// (the order of [`super::CHECKS`], then document order).
pub fn audit(b: &BudgetProgramme) -> Vec<Finding> {
    let mut out = Vec::new();
    checks::sums(b, &mut out);
    summaries::run(b, &mut out);
    checks::structure(b, &mut out);
    out.sort_by_key(|f| super::check_rank(&f.check));
    out
}

/// The data `templates/audit.typ` reads for a program-budget document:
/// as [`super::report_data`], with this layout's checks listed.
pub fn report_data(
    b: &BudgetProgramme,
    findings: &[Finding],
    roundtrip: bool,
) -> serde_json::Value {
    super::report::layout_report_data(
        (&b.institution, b.fiscal_year, &b.source),
        Layout::ProgramBudget,
        findings,
        roundtrip,
    )
}

/// The PDF title of a program-budget document's audit report.
pub fn report_title(b: &BudgetProgramme) -> String {
    super::report::title_of(&b.institution, b.fiscal_year)
}

/// The audit report (PDF) of a program-budget document: `audit.typ` with
/// [`report_data`]; `roundtrip` says whether the findings include the
/// round trip.
pub fn report_pdf(
    engine: &crate::render::Engine,
    b: &BudgetProgramme,
    findings: &[Finding],
    roundtrip: bool,
    opts: &crate::render::PdfOptions,
) -> Result<Vec<u8>, crate::render::RenderError> {
    let data = report_data(b, findings, roundtrip);
    engine.compile("audit.typ", &data, &opts.titled(report_title(b)))
}

/// A cell of a row of amounts; a cell beyond the row is empty.
fn cell(row: &[Option<Dec>], i: usize) -> Option<Dec> {
    row.get(i).copied().flatten()
}

/// A cell of a row that may not be printed at all.
fn opt_cell(row: Option<&Vec<Option<Dec>>>, i: usize) -> Option<Dec> {
    row.and_then(|r| cell(r, i))
}

/// An activity's total in column `i` as sums count it: its Toplam, else
/// its Bütçe İçi + Bütçe Dışı where either is printed; none when the
/// column is empty throughout.
fn activity_total(a: &Activity, i: usize) -> Option<Dec> {
    let r = &a.amounts;
    cell(&r.total, i).or_else(|| {
        let (b, o) = (
            opt_cell(r.budget.as_ref(), i),
            opt_cell(r.off_budget.as_ref(), i),
        );
        (b.is_some() || o.is_some()).then(|| super::checks::z(b) + super::checks::z(o))
    })
}

/// How many cost columns the document's rows have: its columns, or more
/// where a row is longer.
fn width(b: &BudgetProgramme) -> usize {
    let rows = b.activities().flat_map(|(_, s, a)| {
        let r = &a.amounts;
        let st = s.stated_total.as_ref();
        [
            Some(r.total.len()),
            r.budget.as_ref().map(Vec::len),
            r.off_budget.as_ref().map(Vec::len),
            st.map(|t| t.total.len()),
        ]
        .into_iter()
        .flatten()
        .chain(a.economic.iter().map(|l| l.amounts.len()))
    });
    rows.fold(b.cost_columns.len(), usize::max)
}

/// The label of cost column `i` (`2026 Bütçe`), or `column N` beyond the
/// document's columns.
fn label(columns: &[CostColumn], i: usize) -> String {
    columns
        .get(i)
        .map_or_else(|| format!("column {}", i + 1), |c| c.label.clone())
}

/// An alt program as a finding's target: its code, else its name.
fn place(s: &SubProgram) -> &str {
    s.code.as_deref().unwrap_or(&s.name)
}

/// A code's parts, leading zeros dropped: `01.02.003` → `1`, `2`, `3`.
fn code_parts(code: &str) -> Vec<&str> {
    code.trim()
        .trim_end_matches('.')
        .split('.')
        .map(|p| {
            let p = p.trim();
            let t = p.trim_start_matches('0');
            if t.is_empty() && !p.is_empty() {
                "0"
            } else {
                t
            }
        })
        .collect()
}

/// Whether two codes are the same code (`3.2` and `03.02`).
fn same_code(a: &str, b: &str) -> bool {
    code_parts(a) == code_parts(b)
}

/// Whether `code` extends `parent` (`01.02.003` under `01.02`).
fn extends(code: &str, parent: &str) -> bool {
    let (c, p) = (code_parts(code), code_parts(parent));
    c.len() > p.len() && c.starts_with(&p)
}

/// The summaries' columns matched to the cost columns: (index in the
/// summary's rows, index in the cost columns, the summary column's label).
/// A summary printing the document's columns (`own` empty) has them all.
fn summary_columns(
    own: &[CostColumn],
    doc: &[CostColumn],
    width: usize,
) -> Vec<(usize, usize, String)> {
    if own.is_empty() {
        return (0..width).map(|i| (i, i, label(doc, i))).collect();
    }
    matched_columns(own, doc)
}

/// The columns of `from` that `to` has too (same year and kind): (index
/// in `from`, index in `to`, the label in `from`).
fn matched_columns(from: &[CostColumn], to: &[CostColumn]) -> Vec<(usize, usize, String)> {
    from.iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let j = to
                .iter()
                .position(|d| d.year == c.year && d.kind == c.kind)?;
            Some((i, j, c.label.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_by_their_parts() {
        assert!(same_code("03", "3"));
        assert!(same_code("03.02.", "3.2"));
        assert!(!same_code("03.2", "3"));
        assert!(extends("01.02.003", "01.02"));
        assert!(extends("1.2", "01"));
        assert!(!extends("02.01", "01"));
        assert!(!extends("01", "01"));
        assert!(!extends("010.1", "01"));
        assert_eq!(code_parts("00.1"), ["0", "1"]);
    }
}
