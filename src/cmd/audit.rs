//! `perfprog audit`: reconciles the programme with itself (and, with
//! `--roundtrip`, with the model read back from its regenerated report);
//! writes `audit.{json,csv,xlsx,pdf}` and prints a one-screen summary. Both
//! layouts: the performance-target checks or the program-budget ones.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use perfprog::audit::{self, Finding, Severity};
use perfprog::model::Document;

use super::render::engine_and_options;

/// Runs `perfprog audit`.
pub fn run(args: super::AuditArgs) -> anyhow::Result<ExitCode> {
    let document = super::load_programme(&args.input, args.quiet)?;
    let mut findings = match &document {
        Document::Targets(p) => audit::audit(p),
        Document::Budget(b) => audit::budget::audit(b),
    };
    let typst = if args.roundtrip || args.output.is_some() {
        Some(engine_and_options(&args.typst)?)
    } else {
        None
    };
    if let (true, Some((engine, opts))) = (args.roundtrip, &typst) {
        findings.extend(perfprog::roundtrip(
            engine,
            &document,
            opts,
            &perfprog::Threads::available(),
        )?);
    }

    let mut written = Vec::new();
    if let Some(dir) = &args.output {
        let write = |name: &str, bytes: &[u8]| -> anyhow::Result<PathBuf> {
            let path = dir.join(name);
            perfprog::util::write_atomic(&path, bytes)
                .with_context(|| format!("failed to write {}", path.display()))?;
            Ok(path)
        };
        for (name, bytes) in finding_files(&findings)? {
            written.push(write(name, &bytes)?);
        }
        if let Some((engine, opts)) = &typst {
            let pdf = match &document {
                Document::Targets(p) => {
                    audit::report_pdf(engine, p, &findings, args.roundtrip, opts)
                }
                Document::Budget(b) => {
                    audit::budget::report_pdf(engine, b, &findings, args.roundtrip, opts)
                }
            }
            .context("failed to render the audit report")?;
            written.push(write("audit.pdf", &pdf)?);
        }
    }

    if !args.quiet {
        let mut out = std::io::stdout().lock();
        print_summary(&mut out, &document, &findings)?;
        if written.is_empty() {
            for f in &findings {
                writeln!(out, "{}", one_line(f))?;
            }
        } else {
            let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
            writeln!(out, "wrote {}", names.join(", "))?;
        }
    }
    Ok(if audit::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The findings as files: `audit.json`, `audit.csv` (for scripts) and
/// `audit.xlsx` (for spreadsheets), in that order.
pub(super) fn finding_files(findings: &[Finding]) -> anyhow::Result<[(&'static str, Vec<u8>); 3]> {
    let xlsx = audit::to_xlsx(findings)
        .map_err(|e| anyhow::anyhow!("failed to make the audit workbook: {e}"))?;
    Ok([
        ("audit.json", audit::to_json(findings).into_bytes()),
        ("audit.csv", audit::to_csv(findings).into_bytes()),
        ("audit.xlsx", xlsx),
    ])
}

/// The summary: totals, then one line per check with findings.
fn print_summary(out: &mut impl Write, d: &Document, findings: &[Finding]) -> std::io::Result<()> {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "audit of {} {}: {} findings — {} errors, {} warnings, {} info",
        d.institution(),
        d.fiscal_year(),
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    let rows = audit::summarize(findings);
    if rows.is_empty() {
        return Ok(());
    }
    let width = rows.iter().map(|r| r.check.len()).max().unwrap_or(5).max(5);
    writeln!(
        out,
        "  {:width$}  {:>5}  {:>7}  {:>4}",
        "check", "error", "warning", "info"
    )?;
    for r in rows {
        writeln!(
            out,
            "  {:width$}  {:>5}  {:>7}  {:>4}",
            r.check, r.error, r.warning, r.info
        )?;
    }
    Ok(())
}

/// One finding on one line: severity, check, place, message.
fn one_line(f: &Finding) -> String {
    let mut place = Vec::new();
    if let Some(t) = &f.target {
        place.push(t.clone());
    }
    if let Some(p) = f.page {
        place.push(format!("p. {p}"));
    }
    format!(
        "{:<7} {} [{}] {}",
        f.severity.as_str(),
        f.check,
        if place.is_empty() {
            f.table.clone()
        } else {
            format!("{}: {}", f.table, place.join(", "))
        },
        f.message
    )
}
