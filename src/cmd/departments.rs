//! `perfprog departments`: one PDF extract per responsible spending unit, plus
//! `index.csv` and `index.xlsx`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use perfprog::model::Document;
use perfprog::msg;
use perfprog::render::{self, budget, Department, DepartmentIndex, RenderError};

/// Runs `perfprog departments`.
pub fn run(args: super::DepartmentsArgs) -> anyhow::Result<ExitCode> {
    let document = super::load_programme(&args.input, args.quiet)?;
    let (engine, opts) = super::render::engine_and_options(&args.typst)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let query = args.department.as_deref();
    let (extracts, index) = match &document {
        Document::Targets(programme) => {
            let all = render::departments(programme);
            let chosen = choose(&all, query, &args.input, Department::matches, |q| {
                names(render::suggest(&all, q, 3).into_iter().map(|d| &d.name))
            })?;
            let pdfs = render::department_pdfs(&engine, programme, &chosen, &opts, threads);
            let extracts = chosen
                .iter()
                .zip(pdfs)
                .map(|(d, pdf)| (render::department_file_name(d), d.names.clone(), pdf))
                .collect();
            (extracts, render::department_index(programme, &chosen))
        }
        Document::Budget(b) => {
            let all = budget::departments(b);
            let chosen = choose(
                &all,
                query,
                &args.input,
                budget::BudgetDepartment::matches,
                |q| names(budget::suggest(&all, q, 3).into_iter().map(|d| &d.name)),
            )?;
            let pdfs = budget::department_pdfs(&engine, b, &chosen, &opts, threads);
            let extracts = chosen
                .iter()
                .zip(pdfs)
                .map(|(d, pdf)| (budget::department_file_name(d), d.names.clone(), pdf))
                .collect();
            (extracts, budget::department_index(b, &chosen))
        }
    };
    engine.end_batch();
    write_extracts(&args.output, extracts, &index, args.quiet)?;
    Ok(ExitCode::SUCCESS)
}

/// Quoted names for a "closest" list.
fn names<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    names.map(|n| format!("\"{n}\"")).collect()
}

/// Every unit, or the one `query` names; an error naming the closest units
/// (`suggest`) when none matches.
fn choose<'a, D>(
    all: &'a [D],
    query: Option<&str>,
    input: &Path,
    matches: impl Fn(&D, &str) -> bool,
    suggest: impl Fn(&str) -> Vec<String>,
) -> anyhow::Result<Vec<&'a D>> {
    let Some(name) = query else {
        return Ok(all.iter().collect());
    };
    match all.iter().find(|d| matches(d, name)) {
        Some(d) => Ok(vec![d]),
        None => {
            let close = suggest(name);
            let closest = if close.is_empty() {
                msg!("cli-none").to_string()
            } else {
                close.join(", ")
            };
            let input = input.display().to_string();
            anyhow::bail!(
                "{}",
                msg!(
                    "cli-no-such-unit",
                    name = name,
                    input = input,
                    closest = closest
                )
            );
        }
    }
}

/// One extract: its file name, its unit's printed names (the first names
/// it), its PDF.
type Extract = (String, Vec<String>, Result<Vec<u8>, RenderError>);

/// The index of the extracts as files: `index.csv` (for scripts) and
/// `index.xlsx` (for spreadsheets).
pub(super) fn index_files(index: &DepartmentIndex) -> anyhow::Result<[(&'static str, Vec<u8>); 2]> {
    let xlsx = index.xlsx().map_err(|e| {
        anyhow::anyhow!("{}", perfprog::msg!("cli-index-workbook-failed", error = e))
    })?;
    Ok([
        ("index.csv", index.csv().into_bytes()),
        ("index.xlsx", xlsx),
    ])
}

/// Writes the extracts, `index.csv` and `index.xlsx` under `dir`.
fn write_extracts(
    dir: &Path,
    extracts: Vec<Extract>,
    index: &DepartmentIndex,
    quiet: bool,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| super::create_failed(dir))?;
    let count = extracts.len();
    for (file, names, pdf) in extracts {
        let unit = names.first().map_or("", String::as_str);
        let pdf = pdf.with_context(|| super::extract_failed(unit))?;
        let path = dir.join(file);
        perfprog::util::write_atomic(&path, &pdf).with_context(|| super::write_failed(&path))?;
        if !quiet && names.len() > 1 {
            let names = names.join(" / ");
            eprintln!("perfprog: {}", msg!("cli-merged-unit", names = names));
        }
    }
    for (name, bytes) in index_files(index)? {
        let path = dir.join(name);
        perfprog::util::write_atomic(&path, &bytes).with_context(|| super::write_failed(&path))?;
    }
    let path = dir.join("index.csv");
    if !quiet {
        let index = path.display().to_string();
        eprintln!(
            "perfprog: {}",
            msg!("cli-departments-wrote", count = count, index = index)
        );
    }
    Ok(())
}
