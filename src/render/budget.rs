//! The program-budget layout's reports: the programme report (per program
//! and alt program) and one extract per responsible unit, from the
//! templates under `templates/budget/`.

use super::{Engine, PdfOptions, RenderError};
use crate::model::budget::BudgetProgramme;

/// The report's title: `<institution> <year> Yılı Performans Programı`.
pub fn report_title(b: &BudgetProgramme) -> String {
    format!(
        "{} {} Yılı Performans Programı",
        b.institution, b.fiscal_year
    )
}

/// The report's file name: `<institution-slug>-<year>-performans-programi.pdf`.
pub fn report_file_name(b: &BudgetProgramme) -> String {
    format!(
        "{}-{}-performans-programi.pdf",
        crate::util::slug(&b.institution),
        b.fiscal_year
    )
}

/// The programme report of a program-budget document.
pub fn programme_report(
    _engine: &Engine,
    _b: &BudgetProgramme,
    _opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::UnknownTemplate("budget-programme.typ".into()))
}
