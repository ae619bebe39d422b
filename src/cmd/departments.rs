//! `perfprog departments`: one PDF extract per responsible spending unit, plus
//! `index.csv`.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::render::{self, Department};

/// Runs `perfprog departments`.
pub fn run(args: super::DepartmentsArgs) -> anyhow::Result<ExitCode> {
    let programme = match super::load_programme(&args.input, args.quiet)? {
        perfprog::model::Document::Targets(p) => p,
        perfprog::model::Document::Budget(_) => return Err(super::not_for_budget("departments")),
    };
    let all = render::departments(&programme);
    let chosen: Vec<&Department> = match &args.department {
        None => all.iter().collect(),
        Some(name) => match all.iter().find(|d| d.matches(name)) {
            Some(d) => vec![d],
            None => {
                let close: Vec<String> = render::suggest(&all, name, 3)
                    .into_iter()
                    .map(|d| format!("\"{}\"", d.name))
                    .collect();
                anyhow::bail!(
                    "no responsible unit named \"{name}\" in {} (closest: {})",
                    args.input.display(),
                    if close.is_empty() {
                        "none".to_string()
                    } else {
                        close.join(", ")
                    }
                );
            }
        },
    };
    let (engine, opts) = super::render::engine_and_options(&args.typst)?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let results = render::department_pdfs(&engine, &programme, &chosen, &opts, threads);
    engine.end_batch();
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("failed to create {}", args.output.display()))?;
    for (d, pdf) in chosen.iter().zip(results) {
        let pdf = pdf.with_context(|| format!("failed to render the extract of {}", d.name))?;
        let path = args.output.join(render::department_file_name(d));
        perfprog::util::write_atomic(&path, &pdf)
            .with_context(|| format!("failed to write {}", path.display()))?;
        if !args.quiet && d.names.len() > 1 {
            eprintln!(
                "perfprog: merged spellings of one unit: {}",
                d.names.join(" / ")
            );
        }
    }
    let index = args.output.join("index.csv");
    perfprog::util::write_atomic(
        &index,
        render::department_index_csv(&programme, &chosen).as_bytes(),
    )
    .with_context(|| format!("failed to write {}", index.display()))?;
    if !args.quiet {
        eprintln!(
            "perfprog: wrote {} department extracts and {}",
            chosen.len(),
            index.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
