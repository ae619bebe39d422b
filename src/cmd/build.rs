//! `perfprog build`: the whole job in one command. Extracts the model, then
//! renders the programme report, every department extract and the audit
//! (independent stages run in parallel, sharing one Typst engine), and ends
//! with a summary of the files written, the time taken and the findings.
//!
//! Output layout under DIR (default `outputs/`):
//! `programme.json`, `<institution-slug>-<year>-performans-programi.pdf`,
//! `departments/<unit-slug>.pdf` + `departments/index.csv`,
//! `audit/audit.{pdf,json,csv}`. Files are written atomically; an existing
//! directory is updated, never wiped.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use perfprog::audit::{self, Severity};
use perfprog::model::Document;
use perfprog::render::{self, budget, Department, RenderError};

/// Progress lines on stderr: a spinner on a terminal, plain lines otherwise,
/// nothing with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
    start: Instant,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Progress {
            bar,
            quiet,
            start: Instant::now(),
        }
    }

    fn step(&self, msg: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(b) => b.set_message(msg.to_string()),
            None => eprintln!(
                "perfprog: [{:>5.1}s] {msg}",
                self.start.elapsed().as_secs_f64()
            ),
        }
    }

    fn done(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// The input when none is given: the one PDF in `inputs/`.
fn default_input() -> anyhow::Result<PathBuf> {
    let dir = Path::new("inputs");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| {
            "no INPUT given and no inputs/ directory here; name the programme PDF".to_string()
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    pdfs.sort();
    match pdfs.len() {
        0 => bail!("no INPUT given and no PDF in inputs/; name the programme PDF"),
        1 => Ok(pdfs.remove(0)),
        n => bail!(
            "no INPUT given and {n} PDFs in inputs/ ({}); name one",
            pdfs.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn write(path: &Path, bytes: &[u8], written: &mut Vec<(PathBuf, u64)>) -> anyhow::Result<()> {
    perfprog::util::write_atomic(path, bytes)
        .with_context(|| format!("failed to write {}", path.display()))?;
    written.push((path.to_path_buf(), bytes.len() as u64));
    Ok(())
}

/// Runs `perfprog build`.
pub fn run(args: super::BuildArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let input = match &args.input {
        Some(p) => p.clone(),
        None => default_input()?,
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("outputs"));
    let progress = Progress::new(args.quiet);
    progress.step(&format!("extracting {}", input.display()));
    let document = super::load_programme(&input, args.quiet)?;
    let mut written: Vec<(PathBuf, u64)> = Vec::new();
    std::fs::create_dir_all(&out).with_context(|| format!("failed to create {}", out.display()))?;
    write(
        &out.join("programme.json"),
        document.to_json().as_bytes(),
        &mut written,
    )?;

    let (engine, opts) = super::render::engine_and_options(&args.typst)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The report is one long compile; the extracts and the audit report share
    // the other threads. One engine: fonts and parsed templates load once.
    let others = threads.saturating_sub(1).max(1);
    let findings = match &document {
        Document::Targets(programme) => {
            let findings = audit::audit(programme);
            let departments = render::departments(programme);
            let chosen: Vec<&Department> = departments.iter().collect();
            progress.step(&rendering(chosen.len()));
            let (report, (dept_pdfs, audit_pdf)) = beside(
                || {
                    let o = opts.titled(render::report_title(programme));
                    render::programme_report(&engine, programme, &o)
                },
                || {
                    let audit_pdf = audit::report_pdf(&engine, programme, &findings, false, &opts);
                    let depts = render::department_pdfs(&engine, programme, &chosen, &opts, others);
                    (depts, audit_pdf)
                },
            );
            let report = report.context("failed to render the programme report")?;
            write(
                &out.join(render::report_file_name(programme)),
                &report,
                &mut written,
            )?;
            let extracts = chosen
                .iter()
                .zip(dept_pdfs)
                .map(|(d, pdf)| (render::department_file_name(d), d.name.as_str(), pdf));
            write_extracts(&out, extracts, &mut written)?;
            write(
                &out.join("departments").join("index.csv"),
                render::department_index_csv(programme, &chosen).as_bytes(),
                &mut written,
            )?;
            write_audit(&out, &findings, audit_pdf, false, &mut written)?;
            findings
        }
        Document::Budget(b) => {
            let findings = audit::budget::audit(b);
            let departments = budget::departments(b);
            let chosen: Vec<&budget::BudgetDepartment> = departments.iter().collect();
            progress.step(&rendering(chosen.len()));
            let (report, (dept_pdfs, audit_pdf)) = beside(
                || budget::programme_report(&engine, b, &opts.titled(budget::report_title(b))),
                || {
                    let audit_pdf = audit::budget::report_pdf(&engine, b, &findings, false, &opts);
                    let depts = budget::department_pdfs(&engine, b, &chosen, &opts, others);
                    (depts, audit_pdf)
                },
            );
            let report = report.context("failed to render the programme report")?;
            write(
                &out.join(budget::report_file_name(b)),
                &report,
                &mut written,
            )?;
            let extracts = chosen
                .iter()
                .zip(dept_pdfs)
                .map(|(d, pdf)| (budget::department_file_name(d), d.name.as_str(), pdf));
            write_extracts(&out, extracts, &mut written)?;
            write(
                &out.join("departments").join("index.csv"),
                budget::department_index_csv(b, &chosen).as_bytes(),
                &mut written,
            )?;
            // The program-budget audit report may not have its template yet.
            write_audit(&out, &findings, audit_pdf, true, &mut written)?;
            findings
        }
    };
    progress.done();

    if !args.quiet {
        summary(&out, &written, &findings, start.elapsed());
    }
    Ok(if args.strict && audit::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The progress line of the rendering step.
fn rendering(extracts: usize) -> String {
    format!("rendering the report, {extracts} department extracts and the audit")
}

/// Runs `report` on a thread of its own beside `rest`; both results.
fn beside<R: Send, S>(report: impl FnOnce() -> R + Send, rest: impl FnOnce() -> S) -> (R, S) {
    std::thread::scope(|s| {
        let report = s.spawn(report);
        let rest = rest();
        (report.join().expect("report thread panicked"), rest)
    })
}

/// Writes the department extracts (file name, unit name, PDF) under
/// `DIR/departments/`.
fn write_extracts<'a>(
    out: &Path,
    extracts: impl Iterator<Item = (String, &'a str, Result<Vec<u8>, RenderError>)>,
    written: &mut Vec<(PathBuf, u64)>,
) -> anyhow::Result<()> {
    let dir = out.join("departments");
    for (file, unit, pdf) in extracts {
        let pdf = pdf.with_context(|| format!("failed to render the extract of {unit}"))?;
        write(&dir.join(file), &pdf, written)?;
    }
    Ok(())
}

/// Writes `audit/audit.{pdf,json,csv}`. With `missing_template_ok`, an
/// audit report whose template is not there yet leaves out `audit.pdf` with
/// a warning instead of failing the build.
fn write_audit(
    out: &Path,
    findings: &[audit::Finding],
    pdf: Result<Vec<u8>, RenderError>,
    missing_template_ok: bool,
    written: &mut Vec<(PathBuf, u64)>,
) -> anyhow::Result<()> {
    let dir = out.join("audit");
    match pdf {
        Ok(pdf) => write(&dir.join("audit.pdf"), &pdf, written)?,
        Err(RenderError::UnknownTemplate(t)) if missing_template_ok => {
            eprintln!("perfprog: warning: no audit report (audit.pdf) for this layout yet (template {t:?} missing); audit.json and audit.csv are written");
        }
        Err(e) => return Err(anyhow::Error::new(e).context("failed to render the audit report")),
    }
    write(
        &dir.join("audit.json"),
        audit::to_json(findings).as_bytes(),
        written,
    )?;
    write(
        &dir.join("audit.csv"),
        audit::to_csv(findings).as_bytes(),
        written,
    )
}

fn summary(
    out: &Path,
    written: &[(PathBuf, u64)],
    findings: &[audit::Finding],
    took: std::time::Duration,
) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let bold = |s: &str| {
        if colour {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let dept_count = written
        .iter()
        .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("departments")))
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    eprintln!(
        "{}",
        bold(&format!(
            "perfprog: wrote {} files under {}",
            written.len(),
            out.display()
        ))
    );
    let mut dept_bytes = 0u64;
    for (path, size) in written {
        let in_depts = path.parent().is_some_and(|d| d.ends_with("departments"))
            && path.extension().is_some_and(|e| e == "pdf");
        if in_depts {
            dept_bytes += size;
            continue;
        }
        eprintln!("  {:>10}  {}", human(*size), path.display());
    }
    if dept_count > 0 {
        eprintln!(
            "  {:>10}  {} ({dept_count} department extracts)",
            human(dept_bytes),
            out.join("departments").join("*.pdf").display()
        );
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    eprintln!(
        "audit: {} errors, {} warnings, {} info (see {})",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        out.join("audit").join("audit.pdf").display()
    );
    eprintln!("done in {:.2} s", took.as_secs_f64());
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}
