//! What the pipeline reports: [`Warning`]s about what could not be placed,
//! and the [`Error`] that stops it. Every message names the file. Their
//! texts come from the message catalogue ([`crate::i18n`]), in the
//! process-wide language when shown; a warning keeps its message's key and
//! arguments, so it can be shown in another language later.

use std::path::PathBuf;

use crate::i18n::{self, Message};
use crate::msg;

/// Something on a recognised page that could not be placed in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub page: Option<u32>,
    /// The table's name as the source prints it, or `document`.
    pub table: String,
    pub message: Message,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let table = i18n::table_name(i18n::lang(), &self.table);
        let line = match self.page {
            Some(p) => msg!(
                "warning-on-page",
                page = p,
                table = table,
                message = self.message.clone()
            ),
            None => msg!(
                "warning-in-table",
                table = table,
                message = self.message.clone()
            ),
        };
        write!(f, "{line}")
    }
}

/// Why a file could not be ingested. Every message names the file.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Empty {
        path: PathBuf,
    },
    NotPdf {
        path: PathBuf,
    },
    Corrupt {
        path: PathBuf,
        reason: Message,
    },
    Encrypted {
        path: PathBuf,
    },
    NoText {
        path: PathBuf,
    },
    DamagedText {
        path: PathBuf,
        page: u32,
        example: String,
    },
    NotProgramme {
        path: PathBuf,
        reason: Message,
    },
    PagesOnlyOfPdf {
        path: PathBuf,
    },
    NoSuchPage {
        path: PathBuf,
        page: u32,
        count: usize,
    },
    PageNotShown {
        path: PathBuf,
        page: u32,
        reason: Message,
    },
    Table {
        path: PathBuf,
        page: u32,
        table: String,
        reason: Message,
    },
}

impl Error {
    /// The error as a catalogue message.
    pub fn message(&self) -> Message {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::Io { path: p, source } => {
                msg!("error-io", path = path(p), reason = source.to_string())
            }
            Error::Empty { path: p } => msg!("error-empty", path = path(p)),
            Error::NotPdf { path: p } => msg!("error-not-pdf", path = path(p)),
            Error::Corrupt { path: p, reason } => {
                msg!("error-corrupt", path = path(p), reason = reason.clone())
            }
            Error::Encrypted { path: p } => msg!("error-encrypted", path = path(p)),
            Error::NoText { path: p } => msg!("error-no-text", path = path(p)),
            Error::DamagedText {
                path: p,
                page,
                example,
            } => msg!(
                "error-damaged-text",
                path = path(p),
                page = *page,
                example = format!("{example:?}")
            ),
            Error::NotProgramme { path: p, reason } => {
                msg!(
                    "error-not-programme",
                    path = path(p),
                    reason = reason.clone()
                )
            }
            Error::PagesOnlyOfPdf { path: p } => msg!("error-pages-only-of-pdf", path = path(p)),
            Error::NoSuchPage {
                path: p,
                page,
                count,
            } => msg!(
                "error-no-such-page",
                path = path(p),
                page = *page,
                count = *count
            ),
            Error::PageNotShown {
                path: p,
                page,
                reason,
            } => msg!(
                "error-page-not-shown",
                path = path(p),
                page = *page,
                reason = reason.clone()
            ),
            Error::Table {
                path: p,
                page,
                table,
                reason,
            } => msg!(
                "error-table",
                path = path(p),
                page = *page,
                table = table.as_str(),
                reason = reason.clone()
            ),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
