//! The `ingest` stage: a programme PDF (or its pdftotext-style `.txt`) into
//! pages of positioned lines, then, through `tables` and `normalize`, into the
//! programme model. Entry points: [`read`] (file → pages) and
//! [`extract_file`] (file → model).

pub mod font;
pub mod layout;
pub mod pdf;
mod text;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use layout::{Cell, Line, Page};

/// The pages of a source document and where they came from.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub path: PathBuf,
    pub file_name: String,
    pub sha256: String,
    /// PDF page count; None for text input.
    pub page_count: Option<u32>,
    pub pages: Vec<Page>,
    /// The PDF's /Title, if any.
    pub title: Option<String>,
    /// What the reader could not read (unmapped fonts), by page.
    pub warnings: Vec<Warning>,
}

/// The model extracted from a file, with what could not be placed.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub programme: crate::model::Programme,
    pub warnings: Vec<Warning>,
}

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
    #[error("{path}: not a performance programme ({reason})")]
    NotProgramme { path: PathBuf, reason: String },
    #[error("{path}: page {page}: {table}: {reason}")]
    Table {
        path: PathBuf,
        page: u32,
        table: String,
        reason: String,
    },
}

/// Reads a PDF or a text file into pages of lines.
pub fn read(path: &Path) -> Result<SourceDoc, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_bytes(path, &bytes)
}

/// Reads in-memory file contents; `path` names the file in messages.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<SourceDoc, Error> {
    let p = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { path: p() });
    }
    let sha256 = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    let (pages, page_count, title, warnings) = if head.windows(5).any(|w| w == b"%PDF-") {
        let (pages, count, title, warnings) = read_pdf(path, bytes)?;
        (pages, Some(count), title, warnings)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') {
            return Err(Error::NotPdf { path: p() });
        }
        (text::pages(text), None, None, Vec::new())
    } else {
        return Err(Error::NotPdf { path: p() });
    };
    Ok(SourceDoc {
        path: p(),
        file_name,
        sha256,
        page_count,
        pages,
        title,
        warnings,
    })
}

/// Pages, page count, title and warnings of a PDF.
type PdfRead = (Vec<Page>, u32, Option<String>, Vec<Warning>);

/// One page from a worker: its index, lines, unmapped fonts and glyph count.
type PageRead = (usize, Page, Vec<String>, usize);

fn read_pdf(path: &Path, bytes: &[u8]) -> Result<PdfRead, Error> {
    let p = || path.to_path_buf();
    let doc = std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes))
        .map_err(|_| Error::Corrupt {
            path: p(),
            reason: "the PDF parser gave up".into(),
        })?
        .map_err(|e| match e {
            lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => {
                Error::Encrypted { path: p() }
            }
            other => Error::Corrupt {
                path: p(),
                reason: other.to_string(),
            },
        })?;
    if doc.is_encrypted() {
        return Err(Error::Encrypted { path: p() });
    }
    let page_ids: Vec<(u32, lopdf::ObjectId)> = doc.get_pages().into_iter().collect();
    if page_ids.is_empty() {
        return Err(Error::Corrupt {
            path: p(),
            reason: "no pages found".into(),
        });
    }
    let title = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|d| d.get(b"Title").ok())
        .and_then(|t| t.as_str().ok())
        .map(pdf_string);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(page_ids.len());
    let mut pages: Vec<Option<Page>> = vec![None; page_ids.len()];
    let doc = &doc;
    let page_ids = &page_ids;
    let results: Vec<Vec<PageRead>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                s.spawn(move || {
                    let mut fonts = pdf::FontCache::new(doc);
                    let mut out = Vec::new();
                    for (i, (num, id)) in page_ids.iter().enumerate() {
                        if i % workers != w {
                            continue;
                        }
                        let pg = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            pdf::page_glyphs(doc, *id, &mut fonts)
                        }))
                        .unwrap_or_default();
                        out.push((
                            i,
                            Page {
                                number: Some(*num),
                                width: pg.width,
                                height: pg.height,
                                lines: layout::lines(pg.glyphs),
                            },
                            pg.unmapped_fonts,
                            pg.unmapped_glyphs,
                        ));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut warnings = Vec::new();
    let mut unmapped = vec![(Vec::new(), 0); page_ids.len()];
    for (i, page, fonts, glyphs) in results.into_iter().flatten() {
        pages[i] = Some(page);
        unmapped[i] = (fonts, glyphs);
    }
    let mut pages: Vec<Page> = pages.into_iter().flatten().collect();
    if pages.iter().all(|p| p.lines.is_empty()) {
        // Tell a scan from a PDF whose fonts carry no Unicode mapping: ask
        // pdf-extract (which guesses from glyph names), guarding its panics.
        let other = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
        if let Ok(Ok(text)) = other {
            if text.chars().any(char::is_alphanumeric) {
                return Err(Error::Corrupt {
                    path: p(),
                    reason:
                        "its fonts carry no Unicode mapping, so its text cannot be read reliably"
                            .into(),
                });
            }
        }
        return Err(Error::NoText { path: p() });
    }
    for (page, (fonts, glyphs)) in pages.iter().zip(unmapped) {
        if glyphs > 0 {
            let fonts = if fonts.is_empty() {
                String::new()
            } else {
                format!(" (fonts without a map: {})", fonts.join(", "))
            };
            warnings.push(Warning {
                page: page.number,
                table: "document".into(),
                message: format!(
                    "{glyphs} glyphs have no Unicode mapping; their text is missing{fonts}"
                ),
            });
        }
    }
    layout::strip_running(&mut pages);
    Ok((pages, page_ids.len() as u32, title, warnings))
}

/// Decodes a PDF text string (UTF-16BE with BOM, or PDFDocEncoding ≈ Latin-1).
pub(crate) fn pdf_string(b: &[u8]) -> String {
    if b.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().map(|&c| c as char).collect()
    }
}

/// Extracts the programme model from a PDF or pdftotext-style `.txt` file.
pub fn extract_file(path: &Path) -> Result<Extraction, Error> {
    let doc = read(path)?;
    crate::tables::recognise(&doc)
}
