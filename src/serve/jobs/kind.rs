//! What an upload is, from its bytes alone (its name is for display only):
//! a PDF (`%PDF-` near the start), a model JSON (an object whose `format`
//! is a perfprog model's), a workbook (a ZIP whose workbook lists the
//! `Program` sheet `perfprog export` writes), a text export (UTF-8 without
//! NUL bytes); anything else is refused.

use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

use super::SubmitError;
use crate::workbook::layout::PROGRAM;

/// The kind of an uploaded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Pdf,
    /// A pdftotext-style text export.
    Text,
    /// A model JSON written by `perfprog extract`.
    Model,
    /// A workbook written by `perfprog export`.
    Workbook,
}

impl InputKind {
    /// The extension of the stored source, which tells `perfprog build` how
    /// to read it.
    pub fn extension(self) -> &'static str {
        match self {
            InputKind::Pdf => "pdf",
            InputKind::Text => "txt",
            InputKind::Model => "json",
            InputKind::Workbook => "xlsx",
        }
    }

    /// Sniffs the kind of `bytes`, or says why they are refused (the
    /// reason's message key).
    pub fn sniff(bytes: &[u8]) -> Result<InputKind, SubmitError> {
        let refuse = |reason| Err(SubmitError::Unsupported { reason });
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return refuse("jobs-kind-empty");
        }
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            return Ok(InputKind::Pdf);
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return if is_workbook(bytes) {
                Ok(InputKind::Workbook)
            } else {
                refuse("jobs-kind-zip")
            };
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return refuse("jobs-kind-binary");
        };
        if text.contains('\0') {
            return refuse("jobs-kind-binary");
        }
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            return if is_model(text) {
                Ok(InputKind::Model)
            } else {
                refuse("jobs-kind-json")
            };
        }
        Ok(InputKind::Text)
    }
}

/// Whether `text` is a JSON object whose `format` names a perfprog model
/// (its other fields are skipped, not kept).
fn is_model(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Head {
        format: String,
    }
    serde_json::from_str::<Head>(text.trim_start_matches('\u{feff}'))
        .is_ok_and(|h| h.format.starts_with("perfprog.programme/"))
}

/// The most of `xl/workbook.xml` read to find the sheet names: a sheet list
/// is a few kilobytes; a bomb is not inflated past this.
const WORKBOOK_XML_LIMIT: u64 = 1 << 20;

/// Whether the ZIP `bytes` is a workbook with the `Program` sheet.
fn is_workbook(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(entry) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    let mut xml = Vec::new();
    if entry
        .take(WORKBOOK_XML_LIMIT)
        .read_to_end(&mut xml)
        .is_err()
    {
        return false;
    }
    let needle = format!("name=\"{PROGRAM}\"");
    String::from_utf8_lossy(&xml).contains(&needle)
}
