//! `perfprog render`: the full programme report as a PDF.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::model::Document;
use perfprog::msg;
use perfprog::render::{self, budget, Engine, PdfOptions};

use super::{PdfStandard, TypstArgs};

/// The PDF options and engine of the Typst flags shared by several commands.
pub fn engine_and_options(args: &TypstArgs) -> anyhow::Result<(Engine, PdfOptions)> {
    let engine = Engine::new(args.templates.as_deref())?;
    let archival = matches!(args.pdf_standard, Some(PdfStandard::A2b));
    Ok((engine, PdfOptions::new("", archival)))
}

/// Runs `perfprog render`.
pub fn run(args: super::RenderArgs) -> anyhow::Result<ExitCode> {
    let document = super::load_programme(&args.input, args.quiet)?;
    let (engine, opts) = engine_and_options(&args.typst)?;
    let (pdf, name) = match &document {
        Document::Targets(p) => (
            render::programme_report(&engine, p, &opts.titled(render::report_title(p)))?,
            render::report_file_name(p),
        ),
        Document::Budget(b) => (
            budget::programme_report(&engine, b, &opts.titled(budget::report_title(b)))?,
            budget::report_file_name(b),
        ),
    };
    let path = args.output.join(name);
    perfprog::util::write_atomic(&path, &pdf).with_context(|| super::write_failed(&path))?;
    if !args.quiet {
        eprintln!(
            "perfprog: {}",
            msg!("cli-wrote", path = path.display().to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}
