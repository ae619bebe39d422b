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
use perfprog::msg;

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
                .with_context(|| super::write_failed(&path))?;
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
            .with_context(|| msg!("cli-render-audit-failed").to_string())?;
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
            writeln!(out, "{}", msg!("cli-audit-wrote", files = names.join(", ")))?;
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
    let xlsx = audit::to_xlsx(findings).map_err(|e| {
        anyhow::anyhow!("{}", perfprog::msg!("cli-audit-workbook-failed", error = e))
    })?;
    Ok([
        ("audit.json", audit::to_json(findings).into_bytes()),
        ("audit.csv", audit::to_csv(findings).into_bytes()),
        ("audit.xlsx", xlsx),
    ])
}

/// The summary: totals, then one line per check with findings.
fn print_summary(out: &mut impl Write, d: &Document, findings: &[Finding]) -> std::io::Result<()> {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let line = msg!(
        "cli-audit-summary",
        institution = d.institution(),
        year = d.fiscal_year(),
        findings = findings.len(),
        errors = count(Severity::Error),
        warnings = count(Severity::Warning),
        infos = count(Severity::Info)
    );
    writeln!(out, "{line}")?;
    let rows = audit::summarize(findings);
    if rows.is_empty() {
        return Ok(());
    }
    let heads = [
        msg!("cli-audit-column-check").to_string(),
        msg!("severity-name", severity = "error").to_string(),
        msg!("severity-name", severity = "warning").to_string(),
        msg!("severity-name", severity = "info").to_string(),
    ];
    let width = rows
        .iter()
        .map(|r| r.check.len())
        .chain([heads[0].chars().count()])
        .max()
        .unwrap_or(5);
    let [w1, w2, w3] = [1, 2, 3].map(|i| heads[i].chars().count().max(4));
    writeln!(
        out,
        "  {:width$}  {:>w1$}  {:>w2$}  {:>w3$}",
        heads[0], heads[1], heads[2], heads[3]
    )?;
    for r in rows {
        writeln!(
            out,
            "  {:width$}  {:>w1$}  {:>w2$}  {:>w3$}",
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
        place.push(msg!("cli-page-short", page = p).to_string());
    }
    format!(
        "{:<7} {} [{}] {}",
        msg!("severity-name", severity = f.severity.as_str()).to_string(),
        f.check,
        if place.is_empty() {
            f.table.clone()
        } else {
            format!("{}: {}", f.table, place.join(", "))
        },
        f.message
    )
}
