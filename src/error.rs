//! What the pipeline reports: [`Warning`]s about what could not be placed,
//! and the [`Error`] that stops it. Every message names the file.

use std::path::PathBuf;

/// Something on a recognised page that could not be placed in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub page: Option<u32>,
    pub table: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.page {
            Some(p) => write!(f, "page {p}: {}: {}", self.table, self.message),
            None => write!(f, "{}: {}", self.table, self.message),
        }
    }
}

/// Why a file could not be ingested. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read the file ({source})")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: not a PDF or text file (it starts with neither %PDF- nor UTF-8 text)")]
    NotPdf { path: PathBuf },
    #[error("{path}: the PDF is damaged or truncated ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error(
        "{path}: the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)"
    )]
    Encrypted { path: PathBuf },
    #[error("{path}: the PDF has no text layer (a scanned document?); run OCR on it first")]
    NoText { path: PathBuf },
    #[error(
        "{path}: the PDF's text layer is damaged: letters inside words are missing or read as \
         digits or symbols (e.g. {example:?} on page {page}); export the PDF again from its \
         source document"
    )]
    DamagedText {
        path: PathBuf,
        page: u32,
        example: String,
    },
    #[error("{path}: not a performance programme ({reason})")]
    NotProgramme { path: PathBuf, reason: String },
    #[error("{path}: not a PDF (it does not start with %PDF-): only a PDF's pages can be shown")]
    PagesOnlyOfPdf { path: PathBuf },
    #[error("{path}: there is no page {page} (the document has {count} page(s), numbered from 1)")]
    NoSuchPage {
        path: PathBuf,
        page: u32,
        count: usize,
    },
    #[error("{path}: page {page} cannot be shown ({reason})")]
    PageNotShown {
        path: PathBuf,
        page: u32,
        reason: String,
    },
    #[error("{path}: page {page}: {table}: {reason}")]
    Table {
        path: PathBuf,
        page: u32,
        table: String,
        reason: String,
    },
}
