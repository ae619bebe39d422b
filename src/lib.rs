//! perfprog: a document-to-report compiler for Turkish public-sector
//! performance programmes ("Performans Programı").
//!
//! The pipeline, one module per stage, data flowing one way:
//! `read` (PDF bytes → glyphs and paths per page, damaged files and text
//! layers repaired) → `layout` (pages → positioned lines and cells) →
//! `tables` (lines → recognised tables) → `normalize` (numbers, text
//! repair) → `model` (the canonical serde types) → `render` (Typst reports)
//! / `audit` (reconciliation). This file wires the stages ([`extract`]);
//! no stage calls another stage's entry point.
//! Beside the pipeline: `workbook` (xlsx export/import), `opendata` (CSV
//! export), `rollover` (next year's starting model) and `preview` (a page
//! as an image, text found on it highlighted; it reads through `read` and
//! `layout`).
//!
//! The library takes bytes and returns values: reading files, printing and
//! starting threads belong to the command line (an [`exec::Executor`] is
//! how it lends the pipeline its threads).

pub mod audit;
pub mod error;
pub mod exec;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod normalize;
pub mod opendata;
pub mod preview;
pub mod read;
pub mod render;
pub mod rollover;
pub mod serve;
pub mod tables;
pub mod util;
pub mod workbook;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use error::{Error, Warning};
pub use exec::{Executor, Sequential, Threads};
use layout::{Page, SourceDoc};
use read::PageError;

/// The model extracted from a file, with what could not be placed.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The document, in the layout the tables stage found.
    pub document: model::Document,
    pub warnings: Vec<Warning>,
}

/// Extracts the programme model from the bytes of a PDF or of its
/// pdftotext-style text export. `path` names the file in messages and in
/// the model's provenance.
pub fn extract(path: &Path, bytes: Vec<u8>, exec: &dyn Executor) -> Result<Extraction, Error> {
    extract_reporting(path, bytes, exec, &|_, _| {})
}

/// [`extract`], telling `pages_read(done, total)` each time a page of a PDF
/// has been read (on the workers' threads, so in no particular order of
/// pages; `done` counts up to `total`). A text export tells nothing.
pub fn extract_reporting(
    path: &Path,
    bytes: Vec<u8>,
    exec: &dyn Executor,
    pages_read: &(dyn Fn(usize, usize) + Sync),
) -> Result<Extraction, Error> {
    let doc = source_reporting(path, bytes, exec, pages_read)?;
    let truncated = doc.truncated;
    let read = tables::recognise(&doc, exec).map_err(|e| match e {
        // A truncated file whose remaining pages hold no programme: say so.
        Error::NotProgramme { path, reason } if truncated => Error::Corrupt {
            path,
            reason: msg!("reason-truncated-not-programme", reason = reason),
        },
        other => other,
    });
    util::drop_later(doc);
    read
}

/// Why the round trip could not run.
#[derive(Debug, thiserror::Error)]
pub enum RoundtripError {
    /// The programme report could not be rendered.
    #[error("{}", msg!("error-roundtrip-render", error = .0.to_string()))]
    Render(#[from] render::RenderError),
    /// The regenerated PDF could not be read back.
    #[error("{}", msg!("error-roundtrip-read", error = .0.to_string()))]
    Extract(#[from] Error),
}

/// The round trip: renders the programme report of `doc`, reads the PDF
/// back through the pipeline (on `exec`'s workers) and compares the two
/// models field by field ([`audit::compare_models`],
/// [`audit::budget::compare_models`]); a report read back in the other
/// layout is one finding.
pub fn roundtrip(
    engine: &render::Engine,
    doc: &model::Document,
    opts: &render::PdfOptions,
    exec: &dyn Executor,
) -> Result<Vec<audit::Finding>, RoundtripError> {
    use model::Document;
    let (pdf, name) = match doc {
        Document::Targets(p) => (
            render::programme_report(engine, p, &opts.titled(render::report_title(p)))?,
            render::report_file_name(p),
        ),
        Document::Budget(b) => (
            render::budget::programme_report(
                engine,
                b,
                &opts.titled(render::budget::report_title(b)),
            )?,
            render::budget::report_file_name(b),
        ),
    };
    let back = extract(&std::path::PathBuf::from(name), pdf, exec)?;
    Ok(match (doc, &back.document) {
        (Document::Targets(a), Document::Targets(b)) => audit::compare_models(a, b),
        (Document::Budget(a), Document::Budget(b)) => audit::budget::compare_models(a, b),
        (a, b) => vec![
            audit::Finding::new("roundtrip.layout", audit::Severity::Error, "document").message(
                msg!(
                    "finding-roundtrip-layout",
                    got = b.layout().name(),
                    expected = a.layout().name()
                ),
            ),
        ],
    })
}

/// Reads the bytes of a PDF or text export into pages of lines: the read
/// and layout stages, and the checks between them.
pub fn source(path: &Path, bytes: Vec<u8>, exec: &dyn Executor) -> Result<SourceDoc, Error> {
    source_reporting(path, bytes, exec, &|_, _| {})
}

/// [`source`], telling `pages_read` as [`extract_reporting`] does.
fn source_reporting(
    path: &Path,
    bytes: Vec<u8>,
    exec: &dyn Executor,
    pages_read: &(dyn Fn(usize, usize) + Sync),
) -> Result<SourceDoc, Error> {
    let p = || path.to_path_buf();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty { path: p() });
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(1024)];
    let mut doc = SourceDoc {
        path: p(),
        file_name,
        sha256: String::new(),
        page_count: None,
        pages: Vec::new(),
        title: None,
        warnings: Vec::new(),
        truncated: false,
    };
    if head.windows(5).any(|w| w == b"%PDF-") {
        let bytes = Arc::new(bytes);
        // The file's hash is worked out while the interpreter opens the
        // file on one worker, after the opening checks that take them all.
        let (pdf, hash) = open_pdf_beside(path, Arc::clone(&bytes), exec, || sha256_hex(&bytes));
        let pdf = pdf?;
        doc.sha256 = hash.unwrap_or_else(|| sha256_hex(&bytes));
        read_pdf(&mut doc, pdf, exec, pages_read)?;
    } else {
        doc.sha256 = sha256_hex(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| Error::NotPdf { path: p() })?;
        if text.contains('\0') {
            return Err(Error::NotPdf { path: p() });
        }
        doc.pages = layout::text::pages(&text);
    }
    Ok(doc)
}

/// The SHA-256 of `bytes`, in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Opens a PDF for the read stage (the file-wide bounds checked), its
/// failures as the pipeline's errors naming `path`.
pub(crate) fn open_pdf(
    path: &Path,
    bytes: Arc<Vec<u8>>,
    exec: &dyn Executor,
) -> Result<read::Document, Error> {
    open_pdf_beside(path, bytes, exec, || ()).0
}

/// [`open_pdf`], running `beside` on a worker while the interpreter opens
/// the file ([`read::Document::open_beside`]).
fn open_pdf_beside<T: Send>(
    path: &Path,
    bytes: Arc<Vec<u8>>,
    exec: &dyn Executor,
    beside: impl FnOnce() -> T + Send,
) -> (Result<read::Document, Error>, Option<T>) {
    let p = || path.to_path_buf();
    let (pdf, beside) = read::Document::open_beside(bytes, exec, beside);
    let pdf = pdf.map_err(|e| match e {
        read::OpenError::Password => Error::Encrypted { path: p() },
        read::OpenError::Damaged(reason) => Error::Corrupt {
            path: p(),
            reason: reason.into(),
        },
    });
    (pdf, beside)
}

/// Reads every page of `pdf` into `doc`, with the checks and repairs that
/// need the whole document.
fn read_pdf(
    doc: &mut SourceDoc,
    pdf: read::Document,
    exec: &dyn Executor,
    pages_read: &(dyn Fn(usize, usize) + Sync),
) -> Result<(), Error> {
    let p = || doc.path.clone();
    let n = pdf.page_count();
    let warn = |page: Option<u32>, message: i18n::Message| Warning {
        page,
        table: "document".into(),
        message,
    };
    let mut warnings: Vec<Warning> = pdf
        .notices()
        .iter()
        .map(|n| warn(None, n.clone().into()))
        .collect();
    doc.truncated = pdf.truncated();

    // Read and lay out each page on the workers, each with its own reader,
    // keeping of the glyphs only each font's letter evidence. A reader that
    // panicked may hold a broken cache: it is made anew.
    let done = std::sync::atomic::AtomicUsize::new(0);
    let first = exec::map(
        exec,
        n,
        || pdf.reader(),
        |reader, i| {
            let page = read_page(&pdf, reader, i, None);
            pages_read(
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                n,
            );
            page
        },
    );
    let mut pages: Vec<Option<Page>> = Vec::with_capacity(n);
    let mut fonts_of_page: Vec<Vec<Arc<str>>> = Vec::with_capacity(n);
    let mut evidence = read::FontEvidence::new();
    let mut lost: Vec<u32> = Vec::new();
    let mut first_error: Option<(u32, PageError)> = None;
    let mut unmapped = 0;
    for (i, slot) in first.into_iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match slot.unwrap_or(Err(PageError::Failed)) {
            Ok(read) => {
                let glyphs: usize = read.unmapped.iter().map(|(_, k)| k).sum();
                if glyphs > 0 {
                    unmapped += glyphs;
                    let fonts: Vec<&str> = read.unmapped.iter().map(|(f, _)| &**f).collect();
                    warnings.push(warn(
                        Some(number),
                        msg!(
                            "warning-unmapped-glyphs",
                            count = glyphs,
                            fonts = fonts.join(", ")
                        ),
                    ));
                }
                fonts_of_page.push(read.evidence.keys().cloned().collect());
                read::merge_evidence(&mut evidence, read.evidence);
                pages.push(Some(read.page));
            }
            Err(e) => {
                fonts_of_page.push(Vec::new());
                pages.push(None);
                if e == PageError::Lost {
                    lost.push(number);
                } else {
                    warnings.push(warn(
                        Some(number),
                        msg!("warning-page-not-read", error = e.to_string()),
                    ));
                    first_error.get_or_insert((number, e));
                }
            }
        }
    }
    if pages.iter().all(Option::is_none) {
        return Err(Error::Corrupt {
            path: p(),
            reason: match first_error {
                Some((page, e)) => {
                    msg!("reason-no-page-read", page = page, error = e.to_string())
                }
                None => msg!("reason-no-page-read-at-all"),
            },
        });
    }
    if let Some(&first) = lost.first() {
        doc.truncated = true;
        warnings.push(warn(
            Some(first),
            msg!("warning-pages-lost", count = lost.len(), first = first),
        ));
    }

    // Text-layer repair, decided per font over the whole document: the
    // pages that show a font to repair are read again, repaired.
    let repairs = read::repairs(&evidence);
    if !repairs.is_empty() {
        for notice in read::repair_notices(&repairs) {
            warnings.push(warn(None, notice.into()));
        }
        let again: Vec<usize> = (0..n)
            .filter(|&i| pages[i].is_some())
            .filter(|&i| fonts_of_page[i].iter().any(|f| repairs.contains_key(f)))
            .collect();
        let redone = exec::map(
            exec,
            again.len(),
            || pdf.reader(),
            |reader, k| read_page(&pdf, reader, again[k], Some(&repairs)),
        );
        for (&i, slot) in again.iter().zip(redone) {
            if let Some(Ok(read)) = slot {
                pages[i] = Some(read.page);
            }
        }
    }
    let mut pages: Vec<Page> = pages.into_iter().flatten().collect();

    let mut remapped: Vec<char> = evidence
        .values()
        .flat_map(read::textlayer::FontStats::remapped)
        .collect();
    remapped.sort_unstable();
    remapped.dedup();
    check_damage(&doc.path, &pages, &remapped, &mut warnings, exec)?;
    layout::drop_unmapped(&mut pages);
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(if unmapped > 0 {
            Error::Corrupt {
                path: p(),
                reason: msg!("reason-no-unicode"),
            }
        } else {
            Error::NoText { path: p() }
        });
    }
    layout::strip_running(&mut pages, exec);
    doc.page_count = Some(u32::try_from(n).unwrap_or(u32::MAX));
    doc.title = pdf.title();
    doc.pages = pages;
    doc.warnings = warnings;
    Ok(())
}

/// What the first pass keeps of a page: its layout, its fonts' letter
/// evidence and its glyphs without a Unicode mapping.
struct PageRead {
    page: Page,
    evidence: read::FontEvidence,
    unmapped: Vec<(Arc<str>, usize)>,
}

/// Reads page `i`, applies `repairs` (if any) and lays it out. A panic in
/// the reader or the layout costs the page, not the document.
fn read_page<'d>(
    pdf: &'d read::Document,
    reader: &mut read::PageReader<'d>,
    i: usize,
    repairs: Option<&read::Repairs>,
) -> Result<PageRead, PageError> {
    let run = AssertUnwindSafe(|| -> Result<PageRead, PageError> {
        let mut content = reader.page(i)?;
        let evidence = read::font_evidence(&content);
        if let Some(r) = repairs {
            read::apply_repairs(&mut content, r);
        }
        let unmapped = std::mem::take(&mut content.unmapped);
        Ok(PageRead {
            page: layout::page(content),
            evidence,
            unmapped,
        })
    });
    catch_unwind(run).unwrap_or_else(|_| {
        *reader = pdf.reader();
        Err(PageError::Failed)
    })
}

/// The text of each cell of a page, line by line.
fn cell_texts(page: &Page) -> impl Iterator<Item = &str> {
    let cells = page.lines.iter().flat_map(|l| &l.cells);
    cells.map(|c| c.text.as_str())
}

/// Refuses a text layer whose letters read as digits and symbols on most
/// pages (a damaged Unicode map no repair can undo); names the pages where
/// only some are affected. Each page is judged by its suspect words against
/// the evidence of the whole document: its whole words and the characters
/// its fonts show with distinct glyphs (`remapped`), see
/// [`read::textlayer::Damage::verdict`].
fn check_damage(
    path: &Path,
    pages: &[Page],
    remapped: &[char],
    warnings: &mut Vec<Warning>,
    exec: &dyn Executor,
) -> Result<(), Error> {
    use read::textlayer::{Damage, Vocabulary, MIN_WORDS};
    let tallies: Vec<(u32, Damage)> = exec::map(
        exec,
        pages.len(),
        || (),
        |_, i| {
            let mut d = Damage::default();
            for text in cell_texts(&pages[i]) {
                d.add_text(text);
            }
            d
        },
    )
    .into_iter()
    .zip(pages)
    .map(|(d, page)| (page.number.unwrap_or(0), d.unwrap_or_default()))
    .collect();
    let mut vocabulary = Vocabulary::default();
    if tallies.iter().any(|(_, d)| d.needs_evidence()) {
        for text in pages.iter().flat_map(cell_texts) {
            vocabulary.add_text(text);
        }
    }
    let with_text = tallies.iter().filter(|(_, d)| d.words >= MIN_WORDS).count();
    let mut damaged: Vec<(u32, String)> = tallies
        .iter()
        .filter_map(|(page, d)| {
            let example = d.verdict(&vocabulary, remapped)?;
            Some((*page, example.to_owned()))
        })
        .collect();
    if damaged.is_empty() {
        return Ok(());
    }
    if 2 * damaged.len() >= with_text.max(1) {
        let (page, example) = damaged.swap_remove(0);
        return Err(Error::DamagedText {
            path: path.to_path_buf(),
            page,
            example,
        });
    }
    for (page, example) in damaged {
        warnings.push(Warning {
            page: Some(page),
            table: "document".into(),
            message: msg!("warning-damaged-page", example = format!("{example:?}")),
        });
    }
    Ok(())
}
