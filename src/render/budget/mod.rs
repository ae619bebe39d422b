//! The program-budget layout's reports: the programme report (per program
//! and alt program, `budget-programme.typ`) and one extract per responsible
//! unit (`budget-department.typ`, [`departments`]).

mod departments;

use super::{Engine, PdfOptions, RenderError};
use crate::model::budget::{BudgetProgramme, CostKind};

pub use departments::{
    department_data, department_file_name, department_index, department_index_csv, department_pdf,
    department_pdfs, department_title, departments, suggest, BudgetDepartment, UnitActivity,
};

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

/// The programme report of a program-budget document (`budget-programme.typ`
/// with the model as data).
pub fn programme_report(
    engine: &Engine,
    b: &BudgetProgramme,
    opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_value(b).map_err(|source| RenderError::Data {
        template: "budget-programme.typ".into(),
        source,
    })?;
    engine.compile("budget-programme.typ", &data, opts)
}

/// The index of the budget year's budget column among the cost columns
/// (`2026 Bütçe` for 2026): the first of the fiscal year and kind budget,
/// else the first of the fiscal year; none when no column is of that year.
pub fn budget_column(b: &BudgetProgramme) -> Option<usize> {
    let of_year = |c: &&crate::model::budget::CostColumn| c.year == b.fiscal_year;
    b.cost_columns
        .iter()
        .position(|c| of_year(&c) && c.kind == Some(CostKind::Budget))
        .or_else(|| b.cost_columns.iter().position(|c| of_year(&c)))
}
