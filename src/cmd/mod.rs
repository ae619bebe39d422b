//! Subcommand definitions (clap) and dispatch. Each subcommand lives in its own
//! module with a `run` entry point; this file only declares the arguments, so
//! flags stay consistent across subcommands.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use perfprog::i18n::{self, Lang};
use perfprog::model::Document;
use perfprog::msg;

pub mod audit;
pub mod build;
pub mod departments;
pub mod diff;
pub mod extract;
pub mod page;
pub mod render;
pub mod serve;
pub mod workbook;

/// Compiles Turkish public-sector performance programmes (Performans Programı):
/// extracts the tables of the published PDF into a canonical JSON model,
/// regenerates the report and per-department extracts with Typst, and audits
/// every stated total against the line items.
#[derive(Debug, Parser)]
#[command(name = "perfprog", version, about, long_about = None)]
#[command(
    after_help = "Without a subcommand, runs `build` on the PDF in inputs/ into outputs/.\n\nExit codes: 0 ok; 1 audit found errors (audit, build --strict); 2 failure.\n\nExample:\n  perfprog build inputs/programme.pdf -o outputs"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `build`, used when no subcommand is given.
    #[command(flatten)]
    pub build: BuildArgs,
    /// The language of messages, warnings and audit texts: `tr` or `en`
    /// (default: Turkish when the locale is, LC_ALL / LC_MESSAGES / LANG
    /// `tr_*`; English otherwise). The programme report stays Turkish.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

/// `--lang`: a language the catalogue has.
fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}; use tr or en"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the programme model (JSON) from a PDF or a pdftotext-style .txt.
    #[command(
        after_help = "Example:\n  perfprog extract inputs/programme.pdf -o programme.json\n\nExit codes: 0 ok; 2 the input could not be read or is not a performance programme."
    )]
    Extract(ExtractArgs),
    /// Regenerate the full programme report (PDF) with Typst.
    #[command(after_help = "Example:\n  perfprog render programme.json -o outputs")]
    Render(RenderArgs),
    /// Write one PDF extract per responsible spending unit, plus index.csv and index.xlsx.
    #[command(
        after_help = "Example:\n  perfprog departments programme.json -o outputs/departments --department \"Fen İşleri Dairesi Başkanlığı\""
    )]
    Departments(DepartmentsArgs),
    /// Reconcile every stated total with the line items; write audit.{pdf,json,csv,xlsx}.
    #[command(
        after_help = "Example:\n  perfprog audit inputs/programme.pdf -o outputs/audit\n\nExit codes: 0 no error-level finding; 1 error findings; 2 the audit could not run."
    )]
    Audit(AuditArgs),
    /// Compare two programme documents or models.
    #[command(after_help = "Example:\n  perfprog diff old.json new.pdf --json")]
    Diff(DiffArgs),
    /// Run the whole job: model, report, department extracts, audit.
    #[command(
        after_help = "Example:\n  perfprog build inputs/programme.pdf -o outputs\n\nExit codes: 0 everything written (findings are reported, not judged); 1 with --strict and error findings; 2 failure."
    )]
    Build(BuildArgs),
    /// Write the model as an Excel workbook (one sheet per table family) and CSVs.
    #[command(
        after_help = "Example:\n  perfprog export programme.json --xlsx programme.xlsx --csv outputs/csv"
    )]
    Export(ExportArgs),
    /// Read a workbook written by `export` back into the model.
    #[command(after_help = "Example:\n  perfprog import programme.xlsx -o programme.json")]
    Import(ImportArgs),
    /// Start next year's model from this year's.
    #[command(
        after_help = "Example:\n  perfprog rollover programme.json --to 2025 -o programme-2025.json"
    )]
    Rollover(RolloverArgs),
    /// Start the web app: upload programmes, browse their tables, audit and downloads.
    #[command(
        after_help = "Example:\n  perfprog serve --listen 127.0.0.1:8080\n\nA non-loopback address needs an access token: given with --token, else generated and printed in the address.\n\nExit codes: 0 stopped with Ctrl-C; 2 the server could not start."
    )]
    Serve(ServeArgs),
    /// Render one page of a PDF to a PNG, texts found on it highlighted.
    #[command(
        after_help = "Example:\n  perfprog page inputs/programme.pdf --page 12 --highlight \"5.815.779.000,00\" -o page-12.png\n\nExit codes: 0 written (a text not found is a warning); 2 the file or page could not be read or rendered."
    )]
    Page(PageArgs),
}

/// Archival PDF standards offered by the Typst exporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandard {
    /// PDF/A-2b (archival).
    #[value(name = "a-2b")]
    A2b,
}

/// Options shared by every command that compiles Typst documents.
#[derive(Debug, Args, Default, Clone)]
pub struct TypstArgs {
    /// Use the templates in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Conform the PDFs to an archival standard.
    #[arg(long, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandard>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// A programme PDF or a pdftotext-style .txt.
    pub input: PathBuf,
    /// Write the model here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the lines the table recogniser reads instead of the model: text
    /// outside tables line by line, each table row as one line of its cells
    /// (page, y, size, then each cell's x-range and text, its own lines
    /// separated by " / ").
    #[arg(long)]
    pub lines: bool,
    /// Print the tables the layout stage finds instead of the model: per
    /// page and table its rows × columns, then each cell's row, column,
    /// spans, shading and text; last, the tables joined across pages.
    #[arg(long, conflicts_with = "lines")]
    pub grids: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A model JSON, or a programme PDF/.txt to extract first.
    pub input: PathBuf,
    /// Output directory.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    #[command(flatten)]
    pub typst: TypstArgs,
    /// Print no progress or warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DepartmentsArgs {
    /// A model JSON, or a programme PDF/.txt to extract first.
    pub input: PathBuf,
    /// Output directory.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Only this unit (name as printed, or its slug).
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    #[command(flatten)]
    pub typst: TypstArgs,
    /// Print no progress or warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// A model JSON, or a programme PDF/.txt to extract first.
    pub input: PathBuf,
    /// Output directory for audit.{pdf,json,csv,xlsx}.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Render the report, ingest it again and compare the two models.
    #[arg(long)]
    pub roundtrip: bool,
    #[command(flatten)]
    pub typst: TypstArgs,
    /// Print nothing but errors.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first programme (PDF, .txt or model JSON).
    pub a: PathBuf,
    /// The second programme (PDF, .txt or model JSON).
    pub b: PathBuf,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Default)]
pub struct BuildArgs {
    /// The programme PDF or .txt (default: the PDF in inputs/).
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// Output directory (default: outputs/).
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub typst: TypstArgs,
    /// Silence progress lines.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit 1 when the audit finds errors.
    #[arg(long)]
    pub strict: bool,
    /// Print progress on stderr for programs instead of people: with
    /// `jsonl`, one JSON object a line, keys in alphabetical order
    /// (`{"done":12,"stage":"extract","total":44}`,
    /// `{"finished":true,"stage":"render"}`, `{"page":3,"warning":"…"}`, and
    /// `{"summary":{…}}` at the end); errors stay plain `perfprog: error:` lines.
    #[arg(long, value_name = "FORMAT")]
    pub progress: Option<ProgressFormat>,
}

/// Machine-readable progress formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// One JSON object a line.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A model JSON, or a programme PDF/.txt to extract first.
    pub input: PathBuf,
    /// Write an Excel workbook here.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// Write one CSV per table (and a data dictionary) into this directory.
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A workbook written by `perfprog export`.
    pub input: PathBuf,
    /// Write the model here.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct RolloverArgs {
    /// A model JSON, or a programme PDF/.txt to extract first.
    pub input: PathBuf,
    /// The new fiscal year.
    #[arg(long, value_name = "YEAR")]
    pub to: i32,
    /// Write the new model here.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Carry this year's amounts over instead of emptying them (a
    /// program-budget document: start the new year's budget, targets and
    /// forecasts from this year's forecasts).
    #[arg(long)]
    pub carry_amounts: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The folder of uploaded documents and their outputs (default:
    /// $XDG_DATA_HOME/perfprog, else ~/.local/share/perfprog).
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// The access token every request must carry (generated for a
    /// non-loopback address when not given).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

#[derive(Debug, Args)]
pub struct PageArgs {
    /// A PDF.
    pub input: PathBuf,
    /// The page, numbered from 1.
    #[arg(long, value_name = "N")]
    pub page: u32,
    /// Write the PNG here (stdout without it, unless stdout is a terminal).
    #[arg(short, long, value_name = "OUT.png")]
    pub output: Option<PathBuf>,
    /// The image's width in pixels (default: 150 dpi); at most 4096 pixels
    /// on the long side and 16 megapixels in all.
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,
    /// Highlight this text wherever the page prints it (Turkish case and
    /// spacing ignored; amounts as printed, `5.815.779.000,00`); repeatable.
    #[arg(long, value_name = "TEXT")]
    pub highlight: Vec<String>,
    /// Print no warnings or progress.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs the chosen subcommand.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    i18n::set_lang(cli.lang.unwrap_or_else(Lang::from_env));
    match cli.command {
        Some(Command::Extract(a)) => extract::run(a),
        Some(Command::Render(a)) => render::run(a),
        Some(Command::Departments(a)) => departments::run(a),
        Some(Command::Audit(a)) => audit::run(a),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Build(a)) => build::run(a),
        Some(Command::Export(a)) => workbook::export(a),
        Some(Command::Import(a)) => workbook::import(a),
        Some(Command::Rollover(a)) => workbook::rollover(a),
        Some(Command::Serve(a)) => serve::run(a),
        Some(Command::Page(a)) => page::run(a),
        None => build::run(cli.build),
    }
}

/// Reads a workbook written by `perfprog export` into the model, in the
/// layout its Program sheet names.
pub fn load_workbook(path: &std::path::Path) -> anyhow::Result<Document> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| read_failed(path))?;
    perfprog::workbook::import_document(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// Loads a programme document (either layout) from a model JSON or a
/// workbook, or extracts it from a PDF/.txt.
pub fn load_programme(path: &std::path::Path, quiet: bool) -> anyhow::Result<Document> {
    let (document, warnings) = load_document(path, &|_, _| {})?;
    if !quiet {
        for w in &warnings {
            eprintln!("perfprog: {}", msg!("cli-warning", warning = w.to_string()));
        }
    }
    Ok(document)
}

/// [`load_programme`] with the extraction's warnings (none for a model or a
/// workbook), telling `pages_read(done, total)` as a PDF's pages are read.
pub fn load_document(
    path: &Path,
    pages_read: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<(Document, Vec<perfprog::Warning>)> {
    use anyhow::Context;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("xlsx") => return Ok((load_workbook(path)?, Vec::new())),
        Some("json") => {
            let text = std::fs::read_to_string(path).with_context(|| read_failed(path))?;
            return Document::from_json(&text)
                .map(|d| (d, Vec::new()))
                .map_err(|e| {
                    let path = path.display().to_string();
                    anyhow::anyhow!(
                        "{}",
                        msg!("cli-not-a-model", path = path, reason = e.to_string())
                    )
                });
        }
        _ => {}
    }
    let out = perfprog::extract_reporting(
        path,
        read_file(path)?,
        &perfprog::Threads::available(),
        pages_read,
    )?;
    Ok((out.document, out.warnings))
}

/// Extracts the model of a PDF or text file, its pages read on all cores.
pub fn extract_path(path: &Path) -> Result<perfprog::Extraction, perfprog::Error> {
    perfprog::extract(path, read_file(path)?, &perfprog::Threads::available())
}

/// The pages of lines the pipeline sees in a PDF or text file.
pub fn source_path(path: &Path) -> Result<perfprog::layout::SourceDoc, perfprog::Error> {
    perfprog::source(path, read_file(path)?, &perfprog::Threads::available())
}

fn read_file(path: &Path) -> Result<Vec<u8>, perfprog::Error> {
    std::fs::read(path).map_err(|source| perfprog::Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// The context of an error reading `path`.
pub fn read_failed(path: &Path) -> String {
    msg!("cli-read-failed", path = path.display().to_string()).to_string()
}

/// The context of an error writing `path`.
pub fn write_failed(path: &Path) -> String {
    msg!("cli-write-failed", path = path.display().to_string()).to_string()
}

/// The context of an error creating the directory `path`.
pub fn create_failed(path: &Path) -> String {
    msg!("cli-create-failed", path = path.display().to_string()).to_string()
}

/// The context of an error rendering the extract of `unit`.
pub fn extract_failed(unit: &str) -> String {
    msg!("cli-render-extract-failed", unit = unit).to_string()
}

/// One line describing an error and its causes.
pub fn describe(err: &anyhow::Error) -> String {
    let mut s = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !s.contains(&c) {
            s.push_str(": ");
            s.push_str(&c);
        }
    }
    s
}
