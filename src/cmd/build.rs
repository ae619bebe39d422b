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
use perfprog::model::budget::BudgetProgramme;
use perfprog::model::{Document, Programme};
use perfprog::render::{self, budget, Department, Engine, PdfOptions, RenderError};

/// Progress lines on stderr: a spinner on a terminal, plain lines otherwise,
/// nothing with `--quiet`; with `--progress jsonl`, one JSON object a line
/// for a program reading them (the job runner of `perfprog serve`).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
    jsonl: bool,
    start: Instant,
}

impl Progress {
    fn new(quiet: bool, format: Option<super::ProgressFormat>) -> Progress {
        let jsonl = format == Some(super::ProgressFormat::Jsonl);
        let quiet = quiet && !jsonl;
        let bar = (!quiet && !jsonl && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        Progress {
            bar,
            quiet,
            jsonl,
            start: Instant::now(),
        }
    }

    /// A stage starts: `msg` (if any) for people, `{"stage":…}` for programs.
    fn stage(&self, stage: &str, msg: Option<&str>) {
        if self.jsonl {
            json_line(&serde_json::json!({ "stage": stage }));
        } else if let Some(msg) = msg {
            self.step(msg);
        }
    }

    /// A stage has finished (JSON lines only).
    fn finished(&self, stage: &str) {
        if self.jsonl {
            json_line(&serde_json::json!({ "stage": stage, "finished": true }));
        }
    }

    /// `done` of `total` pages read (JSON lines only).
    fn pages(&self, done: usize, total: usize) {
        if self.jsonl {
            json_line(&serde_json::json!({ "stage": "extract", "done": done, "total": total }));
        }
    }

    /// The extraction's warnings: `perfprog: warning:` lines for people
    /// (not with `--quiet`), `{"warning":…,"page":…}` for programs.
    fn warnings(&self, warnings: &[perfprog::Warning]) {
        for w in warnings {
            if self.jsonl {
                json_line(&serde_json::json!({ "warning": w.to_string(), "page": w.page }));
            } else if !self.quiet {
                eprintln!("perfprog: warning: {w}");
            }
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

/// Prints one JSON object as a line on stderr (one write, so lines from
/// several threads never interleave).
fn json_line(value: &serde_json::Value) {
    let mut line = value.to_string();
    line.push('\n');
    let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), line.as_bytes());
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
    let progress = Progress::new(args.quiet, args.progress);
    progress.stage("extract", Some(&format!("extracting {}", input.display())));
    let (document, warnings) =
        super::load_document(&input, &|done, total| progress.pages(done, total))?;
    progress.warnings(&warnings);
    progress.finished("extract");
    let mut written: Vec<(PathBuf, u64)> = Vec::new();
    std::fs::create_dir_all(&out).with_context(|| format!("failed to create {}", out.display()))?;
    write(
        &out.join("programme.json"),
        document.to_json().as_bytes(),
        &mut written,
    )?;

    let (engine, opts) = super::render::engine_and_options(&args.typst)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let r = match &document {
        Document::Targets(p) => render_targets(&engine, &opts, p, threads, &progress),
        Document::Budget(b) => render_budget(&engine, &opts, b, threads, &progress),
    };
    progress.finished("render");
    progress.stage("write", None);
    let report = r.report.context("failed to render the programme report")?;
    write(&out.join(&r.report_file), &report, &mut written)?;
    let dept_dir = out.join("departments");
    for (file, unit, pdf) in r.extracts {
        let pdf = pdf.with_context(|| format!("failed to render the extract of {unit}"))?;
        write(&dept_dir.join(file), &pdf, &mut written)?;
    }
    write(
        &dept_dir.join("index.csv"),
        r.index.as_bytes(),
        &mut written,
    )?;
    let audit_dir = out.join("audit");
    let audit_pdf = r.audit_pdf.context("failed to render the audit report")?;
    write(&audit_dir.join("audit.pdf"), &audit_pdf, &mut written)?;
    write(
        &audit_dir.join("audit.json"),
        audit::to_json(&r.findings).as_bytes(),
        &mut written,
    )?;
    write(
        &audit_dir.join("audit.csv"),
        audit::to_csv(&r.findings).as_bytes(),
        &mut written,
    )?;
    let findings = r.findings;
    progress.finished("write");
    progress.done();

    if progress.jsonl {
        json_summary(&out, &written, &findings, start.elapsed());
    } else if !args.quiet {
        summary(&out, &written, &findings, start.elapsed());
    }
    Ok(if args.strict && audit::has_errors(&findings) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Everything `build` renders, whichever the layout.
struct Rendered {
    findings: Vec<audit::Finding>,
    report_file: String,
    report: Result<Vec<u8>, RenderError>,
    /// (file name, unit name, PDF) of each department extract.
    extracts: Vec<(String, String, Result<Vec<u8>, RenderError>)>,
    /// `departments/index.csv`.
    index: String,
    audit_pdf: Result<Vec<u8>, RenderError>,
}

/// The report is one long compile on a thread of its own; the extracts and
/// the audit report share the other threads. One engine: fonts and parsed
/// templates load once.
fn render_targets(
    engine: &Engine,
    opts: &PdfOptions,
    p: &Programme,
    threads: usize,
    progress: &Progress,
) -> Rendered {
    progress.stage("audit", None);
    let findings = audit::audit(p);
    progress.finished("audit");
    let departments = render::departments(p);
    let chosen: Vec<&Department> = departments.iter().collect();
    progress.stage("render", Some(&rendering(chosen.len())));
    let (report, (pdfs, audit_pdf)) = beside(
        || render::programme_report(engine, p, &opts.titled(render::report_title(p))),
        || {
            let audit_pdf = audit::report_pdf(engine, p, &findings, false, opts);
            let others = threads.saturating_sub(1).max(1);
            (
                render::department_pdfs(engine, p, &chosen, opts, others),
                audit_pdf,
            )
        },
    );
    Rendered {
        report_file: render::report_file_name(p),
        report,
        extracts: chosen
            .iter()
            .zip(pdfs)
            .map(|(d, pdf)| (render::department_file_name(d), d.name.clone(), pdf))
            .collect(),
        index: render::department_index_csv(p, &chosen),
        audit_pdf,
        findings,
    }
}

/// [`render_targets`] for a program-budget document.
fn render_budget(
    engine: &Engine,
    opts: &PdfOptions,
    b: &BudgetProgramme,
    threads: usize,
    progress: &Progress,
) -> Rendered {
    progress.stage("audit", None);
    let findings = audit::budget::audit(b);
    progress.finished("audit");
    let departments = budget::departments(b);
    let chosen: Vec<&budget::BudgetDepartment> = departments.iter().collect();
    progress.stage("render", Some(&rendering(chosen.len())));
    let (report, (pdfs, audit_pdf)) = beside(
        || budget::programme_report(engine, b, &opts.titled(budget::report_title(b))),
        || {
            let audit_pdf = audit::budget::report_pdf(engine, b, &findings, false, opts);
            let others = threads.saturating_sub(1).max(1);
            (
                budget::department_pdfs(engine, b, &chosen, opts, others),
                audit_pdf,
            )
        },
    );
    Rendered {
        report_file: budget::report_file_name(b),
        report,
        extracts: chosen
            .iter()
            .zip(pdfs)
            .map(|(d, pdf)| (budget::department_file_name(d), d.name.clone(), pdf))
            .collect(),
        index: budget::department_index_csv(b, &chosen),
        audit_pdf,
        findings,
    }
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

/// The summary as the last JSON line: the output folder, the files
/// written, the findings by severity and the time taken.
fn json_summary(
    out: &Path,
    written: &[(PathBuf, u64)],
    findings: &[audit::Finding],
    took: std::time::Duration,
) {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    json_line(&serde_json::json!({ "summary": {
        "output": out.display().to_string(),
        "files": written.len(),
        "bytes": written.iter().map(|(_, n)| n).sum::<u64>(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "info": count(Severity::Info),
        "seconds": took.as_secs_f64(),
    }}));
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
