//! The Typst world: everything that touches Typst's types lives in this file.
//!
//! One [`Compiler`] per process holds the template files (parsed once, in a
//! typst-kit `FileStore`); the embedded fonts and the standard library are
//! process-wide statics, so they load once however many documents are compiled
//! and from however many threads. Each compile gets a short-lived
//! [`CompileWorld`] that adds the document's data, served as a virtual JSON
//! file, and a fixed clock. No system fonts, no packages, no network.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, SourceResult, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Output};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

/// The embedded fonts (Libertinus Serif, New Computer Modern, DejaVu Sans Mono),
/// loaded once per process and shared by every compile.
static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    store.extend(typst_kit::fonts::embedded());
    store
});

/// The standard library; one instance so that comemo's caches hit across compiles.
static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(<Library as LibraryExt>::default()));

/// Serves template files: a user's directory first (when given), then the
/// templates embedded in the binary.
struct TemplateLoader {
    dir: Option<PathBuf>,
    embedded: &'static [(&'static str, &'static str)],
}

impl FileLoader for TemplateLoader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages are not available: templates must be self-contained".into(),
            )));
        }
        let vpath = id.vpath();
        if let Some(dir) = &self.dir {
            let path = vpath.realize(dir).map_err(FileError::Realize)?;
            match std::fs::read(&path) {
                Ok(bytes) => return Ok(Bytes::new(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(FileError::from_io(e, &path)),
            }
        }
        let name = vpath.get_without_slash();
        self.embedded
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| Bytes::from_string(*text))
            .ok_or_else(|| FileError::NotFound(PathBuf::from(name)))
    }
}

/// Compiles templates to PDF; shared (by reference) across threads.
pub(crate) struct Compiler {
    files: FileStore<TemplateLoader>,
}

/// Options of one PDF export, already validated by the caller.
pub(crate) struct Export<'a> {
    pub title: &'a str,
    pub archival: bool,
    /// Seconds since the Unix epoch (UTC) used for `today()` and the PDF dates.
    pub timestamp: i64,
}

/// A compile failure, rendered as text for `RenderError`.
pub(crate) enum Failure {
    Compile(String),
    Pdf(String),
}

impl Compiler {
    /// A compiler serving `embedded` templates, overridden by files in `dir`.
    pub fn new(dir: Option<&Path>, embedded: &'static [(&'static str, &'static str)]) -> Self {
        let loader = TemplateLoader {
            dir: dir.map(Path::to_path_buf),
            embedded,
        };
        Compiler {
            files: FileStore::new(loader),
        }
    }

    /// Whether `name` (a path inside the templates root) can be read.
    pub fn has_file(&self, name: &str) -> bool {
        file_id(name).is_some_and(|id| self.files.file(id).is_ok())
    }

    /// Compiles `template` with `data` served at `data_path`, exports a PDF.
    pub fn compile(
        &self,
        template: &str,
        data_path: &str,
        data: Vec<u8>,
        export: &Export,
    ) -> Result<Vec<u8>, Failure> {
        let bad_path = |p: &str| Failure::Compile(format!("invalid template path {p:?}"));
        let main = file_id(template).ok_or_else(|| bad_path(template))?;
        let data_id = file_id(data_path).ok_or_else(|| bad_path(data_path))?;
        let world = CompileWorld {
            compiler: self,
            main,
            data_id,
            data: Bytes::new(data),
            today: datetime_from_epoch(export.timestamp),
        };
        let Warned { output, .. } = compile_paged(&world, typst_pdf::pdf);
        let mut document = output.map_err(|diags| Failure::Compile(describe(&world, &diags)))?;
        if !export.title.is_empty() {
            document.info_mut().title = Some(export.title.into());
        }
        let standards = if export.archival {
            typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
                .map_err(|e| Failure::Pdf(e.message().to_string()))?
        } else {
            typst_pdf::PdfStandards::default()
        };
        let options = typst_pdf::PdfOptions {
            creator: typst::foundations::Smart::Custom(Some(format!(
                "perfprog {}",
                env!("CARGO_PKG_VERSION")
            ))),
            timestamp: world.today.map(typst_pdf::Timestamp::new_utc),
            standards,
            ..Default::default()
        };
        typst_pdf::pdf(&document, &options).map_err(|diags| Failure::Pdf(describe(&world, &diags)))
    }
}

/// Evicts comemo cache entries unused for `max_age` compiles; call between batches.
pub(crate) fn evict_cache(max_age: usize) {
    typst::comemo::evict(max_age);
}

/// Compiles to the document type that `export` accepts. `typst` does not
/// re-export typst-layout's `PagedDocument`, so its type is taken from
/// `typst_pdf::pdf`'s signature instead of being named.
fn compile_paged<D: Output>(
    world: &dyn World,
    _export: fn(&D, &typst_pdf::PdfOptions) -> SourceResult<Vec<u8>>,
) -> Warned<SourceResult<D>> {
    typst::compile::<D>(world)
}

/// The world of one compile: shared templates and fonts, this document's data.
struct CompileWorld<'a> {
    compiler: &'a Compiler,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for CompileWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        FONTS.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.compiler.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        self.compiler.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The interned id of a project path such as `programme.typ`.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// A UTC date-time from seconds since the Unix epoch.
fn datetime_from_epoch(secs: i64) -> Option<Datetime> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Datetime::from_ymd_hms(
        i32::try_from(y).ok()?,
        m,
        d,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Renders diagnostics as `error: file:line:col: message (hint: …)`, one per line.
fn describe(world: &dyn World, diags: &[SourceDiagnostic]) -> String {
    let mut lines = Vec::new();
    for diag in diags {
        let severity = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut line = format!("{severity}: ");
        if let Some(id) = diag.span.id() {
            let name = id.vpath().get_without_slash().to_string();
            let position = world.range(diag.span).and_then(|range| {
                world
                    .source(id)
                    .ok()?
                    .lines()
                    .byte_to_line_column(range.start)
            });
            match position {
                Some((l, c)) => line.push_str(&format!("{name}:{}:{}: ", l + 1, c + 1)),
                None => line.push_str(&format!("{name}: ")),
            }
        }
        line.push_str(&diag.message);
        for hint in &diag.hints {
            line.push_str(&format!(" (hint: {})", hint.v));
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(10_957), (2000, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
