//! The `render` stage: PDF documents compiled in-process with Typst.
//!
//! Templates are `.typ` files (`templates/`, embedded in the binary from the
//! explicit list [`TEMPLATES`]; `--templates DIR` overrides them file by file).
//! **Data convention** (as in kiesraad/abacus): template `X.typ` reads its data
//! with `json("samples/X.json")`; [`Engine::compile`] serves the caller's data
//! at exactly that virtual path, and `templates/samples/X.json` holds a small
//! sample so a designer can run `typst compile X.typ` standalone. Shared
//! formatting (Turkish numbers, reviewer notes, the source's table families,
//! page header and footer) lives in `common.typ`, which any template imports
//! with `#import "common.typ": *`.
//!
//! Fonts (embedded only) and the standard library load once per process; the
//! parsed templates live in the [`Engine`], which is `Sync`: compile from
//! several threads at once and Typst's comemo caches are shared.
//!
//! Why the templates look the way they do (measured, see the commit log):
//! - layouts are cached by content, styles and page region, so the styles in
//!   force are the same in every document (running header and footer are
//!   states, no per-document `set document`); a block holding no locatable
//!   element (`par`, `strong`, grid/table cells get locations) is then laid
//!   out once per run however many extracts show it: cost tables are such
//!   blocks, and the extracts' indicator tables are rows of boxes;
//! - no per-cell show rules or alignment functions, fixed column widths;
//! - the report's tables keep the source's layout (title line, label column
//!   left, numbers right, values on a wrapped name's last line), so that the
//!   project's own ingest reads the report back into the same model; reviewer
//!   notes are separate lines starting with `Denetçi notu:`.

pub mod budget;
mod departments;
mod index;
mod world;

use std::path::Path;

use serde_json::Value;

use crate::model::Programme;
use crate::util::slug;

pub(crate) use departments::ECONOMIC_NAMES;
pub use departments::{
    department_data, departments, suggest, totals, unit_key, Department, DepartmentActivity, Totals,
};
pub use index::{DepartmentIndex, IndexRow};

/// The templates embedded in the binary: (path inside the templates root, text).
/// A missing file is a build error.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../templates/common.typ")),
    (
        "programme.typ",
        include_str!("../../templates/programme.typ"),
    ),
    (
        "department.typ",
        include_str!("../../templates/department.typ"),
    ),
    ("audit.typ", include_str!("../../templates/audit.typ")),
    (
        "budget-common.typ",
        include_str!("../../templates/budget-common.typ"),
    ),
    (
        "budget-programme.typ",
        include_str!("../../templates/budget-programme.typ"),
    ),
    (
        "budget-department.typ",
        include_str!("../../templates/budget-department.typ"),
    ),
];

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `--templates` does not name a directory.
    #[error("{}", crate::msg!("error-templates-dir", path = .0.display().to_string()))]
    TemplatesDir(std::path::PathBuf),
    /// No such template in the templates directory nor among the built-in ones.
    #[error("{}", crate::msg!("error-unknown-template", name = format!("{:?}", .0)))]
    UnknownTemplate(String),
    /// The data could not be serialized.
    #[error("{}", crate::msg!("error-template-data", template = template, error = source.to_string()))]
    Data {
        template: String,
        source: serde_json::Error,
    },
    /// Typst reported errors.
    #[error("{}", crate::msg!("error-template-compile", template = template, diagnostics = diagnostics))]
    Compile {
        template: String,
        diagnostics: String,
    },
    /// The PDF exporter reported errors (e.g. a PDF/A violation).
    #[error("{}", crate::msg!("error-template-pdf", template = template, diagnostics = diagnostics))]
    Pdf {
        template: String,
        diagnostics: String,
    },
}

/// PDF export options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    /// Conform to PDF/A-2b (archival).
    pub archival: bool,
    /// The PDF metadata title; empty keeps the template's `document(title:)`.
    pub title: String,
    /// Creation time (seconds since the Unix epoch, UTC), also Typst's `today()`.
    pub timestamp: i64,
}

impl PdfOptions {
    /// Options with the given title; the timestamp honours `SOURCE_DATE_EPOCH`.
    pub fn new(title: impl Into<String>, archival: bool) -> PdfOptions {
        let timestamp = crate::util::creation_timestamp();
        PdfOptions {
            archival,
            title: title.into(),
            timestamp,
        }
    }

    /// The same options with another title.
    pub fn titled(&self, title: impl Into<String>) -> PdfOptions {
        PdfOptions {
            title: title.into(),
            ..self.clone()
        }
    }
}

/// Compiles templates to PDF. Create once per process and share by reference.
pub struct Engine {
    compiler: world::Compiler,
}

impl Engine {
    /// An engine with the built-in templates, each overridden by a file of the
    /// same name in `templates_dir` when there is one.
    pub fn new(templates_dir: Option<&Path>) -> Result<Engine, RenderError> {
        if let Some(dir) = templates_dir {
            if !dir.is_dir() {
                return Err(RenderError::TemplatesDir(dir.to_path_buf()));
            }
        }
        Ok(Engine {
            compiler: world::Compiler::new(templates_dir, TEMPLATES),
        })
    }

    /// Compiles `template` (e.g. `"audit.typ"`) with `data` served at
    /// `samples/<stem>.json`, and returns the PDF bytes.
    pub fn compile(
        &self,
        template: &str,
        data: &Value,
        opts: &PdfOptions,
    ) -> Result<Vec<u8>, RenderError> {
        let stem = template
            .strip_suffix(".typ")
            .filter(|s| !s.is_empty() && !s.contains(['/', '\\']))
            .ok_or_else(|| RenderError::UnknownTemplate(template.to_string()))?;
        if !self.compiler.has_file(template) {
            return Err(RenderError::UnknownTemplate(template.to_string()));
        }
        let bytes = serde_json::to_vec(data).map_err(|source| RenderError::Data {
            template: template.to_string(),
            source,
        })?;
        let export = world::Export {
            title: &opts.title,
            archival: opts.archival,
            timestamp: opts.timestamp,
        };
        self.compiler
            .compile(template, &format!("samples/{stem}.json"), bytes, &export)
            .map_err(|f| match f {
                world::Failure::Compile(diagnostics) => RenderError::Compile {
                    template: template.to_string(),
                    diagnostics,
                },
                world::Failure::Pdf(diagnostics) => RenderError::Pdf {
                    template: template.to_string(),
                    diagnostics,
                },
            })
    }

    /// Drops Typst cache entries unused in the last few compiles; call between
    /// batches of documents to bound memory.
    pub fn end_batch(&self) {
        world::evict_cache(10);
    }
}

/// The PDF title of the programme report.
pub fn report_title(p: &Programme) -> String {
    format!(
        "{} {} Yılı Performans Programı",
        p.institution, p.fiscal_year
    )
}

/// The full programme report (`programme.typ` with the model as data).
pub fn programme_report(
    engine: &Engine,
    p: &Programme,
    opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_value(p).map_err(|source| RenderError::Data {
        template: "programme.typ".into(),
        source,
    })?;
    engine.compile("programme.typ", &data, opts)
}

/// `<institution-slug>-<year>-performans-programi.pdf`.
pub fn report_file_name(p: &Programme) -> String {
    format!(
        "{}-{}-performans-programi.pdf",
        slug(&p.institution),
        p.fiscal_year
    )
}

/// `<unit-slug>.pdf`.
pub fn department_file_name(d: &Department) -> String {
    format!("{}.pdf", d.slug)
}

/// The PDF title of a department extract.
pub fn department_title(p: &Programme, d: &Department) -> String {
    extract_title(&d.name, p.fiscal_year)
}

/// The PDF title of a unit's extract, in either layout.
pub(crate) fn extract_title(unit: &str, fiscal_year: i32) -> String {
    format!("{unit} — {fiscal_year} Performans Programı Birim Özeti")
}

/// The extract of one department (`department.typ` with [`department_data`]).
pub fn department_pdf(
    engine: &Engine,
    p: &Programme,
    d: &Department,
    opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    engine.compile("department.typ", &department_data(p, d), opts)
}

/// Compiles the extracts of `depts` on up to `threads` threads sharing the
/// engine (fonts, parsed templates, comemo caches); results in input order.
/// `opts.title` is replaced by each department's title. A long-running caller
/// ends the batch with [`Engine::end_batch`].
pub fn department_pdfs(
    engine: &Engine,
    p: &Programme,
    depts: &[&Department],
    opts: &PdfOptions,
    threads: usize,
) -> Vec<Result<Vec<u8>, RenderError>> {
    compile_each(
        depts,
        threads,
        |d| d.activities.len(),
        |d| department_pdf(engine, p, d, &opts.titled(department_title(p, d))),
    )
}

/// Compiles one PDF per item with `compile` on up to `threads` threads
/// (which share the engine the closure holds); results in input order. The
/// items of largest `weight` start first, so that no thread is left with a
/// big one at the end.
pub(crate) fn compile_each<T: Sync>(
    items: &[T],
    threads: usize,
    weight: impl Fn(&T) -> usize,
    compile: impl Fn(&T) -> Result<Vec<u8>, RenderError> + Sync,
) -> Vec<Result<Vec<u8>, RenderError>> {
    let threads = threads.clamp(1, items.len().max(1));
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Vec<u8>, RenderError>>> =
        (0..items.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = order.get(k) else { break };
                        done.push((i, compile(&items[i])));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            for (i, r) in w.join().expect("render thread panicked") {
                results[i] = Some(r);
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.expect("every item compiled"))
        .collect()
}

/// The index of the extracts (`index.csv`, `index.xlsx`): unit, file,
/// activity counts, total and every printed spelling of the unit.
pub fn department_index(p: &Programme, depts: &[&Department]) -> DepartmentIndex {
    let rows = depts
        .iter()
        .map(|d| {
            let (sole, shared, all) = totals(p, d);
            IndexRow {
                unit: d.name.clone(),
                file: department_file_name(d),
                activities: all.count,
                sole_activities: sole.count,
                shared_activities: shared.count,
                total: Some(all.total),
                printed_names: d.names.clone(),
            }
        })
        .collect();
    DepartmentIndex::new(&p.institution, p.fiscal_year, rows)
}

/// `index.csv` of the extracts: unit, file, activity counts, total (plain
/// decimal) and every printed spelling of the unit (`|`-separated).
pub fn department_index_csv(p: &Programme, depts: &[&Department]) -> String {
    department_index(p, depts).csv()
}
