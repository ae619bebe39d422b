//! `perfprog render`: the full programme report as a PDF.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::render::{self, Engine, PdfOptions};

use super::{PdfStandard, TypstArgs};

/// The PDF options and engine of the Typst flags shared by several commands.
pub fn engine_and_options(args: &TypstArgs) -> anyhow::Result<(Engine, PdfOptions)> {
    let engine = Engine::new(args.templates.as_deref())?;
    let archival = matches!(args.pdf_standard, Some(PdfStandard::A2b));
    Ok((engine, PdfOptions::new("", archival)))
}

/// Runs `perfprog render`.
pub fn run(args: super::RenderArgs) -> anyhow::Result<ExitCode> {
    let programme = match super::load_programme(&args.input, args.quiet)? {
        perfprog::model::Document::Targets(p) => p,
        perfprog::model::Document::Budget(_) => return Err(super::not_for_budget("render")),
    };
    let (engine, opts) = engine_and_options(&args.typst)?;
    let opts = opts.titled(render::report_title(&programme));
    let pdf = render::programme_report(&engine, &programme, &opts)?;
    let path = args.output.join(render::report_file_name(&programme));
    perfprog::util::write_atomic(&path, &pdf)
        .with_context(|| format!("failed to write {}", path.display()))?;
    if !args.quiet {
        eprintln!("perfprog: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
