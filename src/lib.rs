//! perfprog: a document-to-report compiler for Turkish public-sector
//! performance programmes ("Performans Programı").
//!
//! The pipeline, one module per stage:
//! `ingest` (PDF/text → positioned lines) → `tables` (lines → recognised
//! tables) → `normalize` (numbers, text repair) → `model` (the canonical serde
//! types) → `render` (Typst reports) / `audit` (reconciliation).
//! Beside the pipeline: `workbook` (xlsx export/import), `opendata` (CSV
//! export) and `rollover` (next year's starting model).

pub mod audit;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod opendata;
pub mod render;
pub mod rollover;
pub mod tables;
pub mod util;
pub mod workbook;

use std::path::Path;

pub use ingest::{Error, Extraction, Warning};

/// Extracts the programme model from a PDF or pdftotext-style `.txt` file.
pub fn extract_file(path: &Path) -> Result<Extraction, Error> {
    ingest::extract_file(path)
}
