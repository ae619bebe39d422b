//! The programme as an Excel workbook, for people who edit spreadsheets
//! rather than JSON: [`export`] writes one sheet per table family, [`import`]
//! reads such a workbook back into the model, losslessly.
//!
//! Three layers: [`layout`] places the model on sheets of typed cells
//! ([`grid`]), and [`xlsx`] turns those sheets into an xlsx file and back.
//! Import names the sheet and cell of anything it cannot take
//! (`Maliyetler!F12: expected an amount, found "12,5 TL"`).
//!
//! A program-budget document has sheets of its own ([`budget`]);
//! [`import_document`] tells the two layouts apart by the Program sheet.

pub mod budget;
pub mod grid;
pub mod layout;
pub mod xlsx;

use crate::model::budget::BudgetProgramme;
use crate::model::{Document, Programme};

pub use grid::{Cell, Grid, Sheet};

/// Why a workbook could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", match .location {
    Some(at) => format!("{at}: {}", .message),
    None => .message.clone(),
})]
pub struct ImportError {
    /// `Sheet!Cell` (or `Sheet!1:1` for the header row); none for the whole workbook.
    pub location: Option<String>,
    /// What was expected and what was found.
    pub message: String,
}

impl ImportError {
    /// An error about the workbook as a whole.
    pub fn workbook(message: impl Into<String>) -> ImportError {
        ImportError {
            location: None,
            message: message.into(),
        }
    }

    /// An error at a cell (or range) of a sheet.
    pub fn at(sheet: &str, cell: &str, message: impl Into<String>) -> ImportError {
        ImportError {
            location: Some(format!("{sheet}!{cell}")),
            message: message.into(),
        }
    }
}

/// "expected WHAT, found CELL": `what` is the catalogue key of what the
/// cell should hold (`workbook-what-page`).
pub(crate) fn expected(what: &str, found: &Cell) -> crate::i18n::Message {
    let what = crate::i18n::Message::new(what);
    crate::msg!("workbook-expected", what = what, found = found.describe())
}

/// "expected text, found CELL".
pub(crate) fn expected_text(found: &Cell) -> crate::i18n::Message {
    crate::msg!("workbook-expected-text", found = found.describe())
}

/// The model as xlsx bytes (the same bytes for the same model when
/// `SOURCE_DATE_EPOCH` is set; else they differ in the creation time).
pub fn export(p: &Programme) -> Result<Vec<u8>, String> {
    let title = format!("{} {} Performans Programı", p.institution, p.fiscal_year);
    xlsx::write(&layout::to_grid(p), &title)
}

/// A program-budget document as xlsx bytes (reproducible as [`export`]).
pub fn export_budget(b: &BudgetProgramme) -> Result<Vec<u8>, String> {
    let title = format!("{} {} Performans Programı", b.institution, b.fiscal_year);
    xlsx::write(&budget::to_grid(b)?, &title)
}

/// A document of either layout as xlsx bytes.
pub fn export_document(d: &Document) -> Result<Vec<u8>, String> {
    match d {
        Document::Targets(p) => export(p),
        Document::Budget(b) => export_budget(b),
    }
}

/// Reads a workbook written by [`export`] (and perhaps edited) back into the
/// model; a program-budget workbook is refused (see [`import_document`]).
pub fn import(bytes: &[u8]) -> Result<Programme, ImportError> {
    match import_document(bytes)? {
        Document::Targets(p) => Ok(p),
        Document::Budget(_) => Err(ImportError::workbook(
            "the workbook holds a program-budget document, not a performance-target one",
        )),
    }
}

/// Reads a workbook written by [`export`] or [`export_budget`] (and perhaps
/// edited) back into a document of its layout.
pub fn import_document(bytes: &[u8]) -> Result<Document, ImportError> {
    let grid = xlsx::read(bytes).map_err(ImportError::workbook)?;
    if budget::is_budget(&grid)? {
        budget::from_grid(&grid).map(Document::Budget)
    } else {
        layout::from_grid(&grid).map(Document::Targets)
    }
}
