//! `perfprog export`, `import` and `rollover`.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::model::Document;
use perfprog::msg;
use perfprog::util::write_atomic;

/// Runs `perfprog export`.
pub fn export(args: super::ExportArgs) -> anyhow::Result<ExitCode> {
    if args.xlsx.is_none() && args.csv.is_none() {
        anyhow::bail!("{}", msg!("cli-export-nothing"));
    }
    let doc = super::load_programme(&args.input, false)?;
    if let Some(path) = &args.xlsx {
        let bytes = perfprog::workbook::export_document(&doc).map_err(|e| {
            let path = path.display().to_string();
            let error = e.to_string();
            anyhow::anyhow!(
                "{}",
                msg!("cli-workbook-failed", path = path, error = error)
            )
        })?;
        write_atomic(path, &bytes).with_context(|| super::write_failed(path))?;
        eprintln!(
            "perfprog: {}",
            msg!("cli-wrote", path = path.display().to_string())
        );
    }
    if let Some(dir) = &args.csv {
        let files = match &doc {
            Document::Targets(p) => perfprog::opendata::csv_files(p),
            Document::Budget(b) => perfprog::opendata::budget::csv_files(b),
        };
        for f in &files {
            let path = dir.join(f.name);
            write_atomic(&path, f.contents.as_bytes())
                .with_context(|| super::write_failed(&path))?;
        }
        let line = msg!(
            "cli-export-csv-wrote",
            count = files.len(),
            dir = dir.display().to_string()
        );
        eprintln!("perfprog: {line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `perfprog import`.
pub fn import(args: super::ImportArgs) -> anyhow::Result<ExitCode> {
    let doc = super::load_workbook(&args.input)?;
    write_atomic(&args.output, doc.to_json().as_bytes())
        .with_context(|| super::write_failed(&args.output))?;
    let contents = match &doc {
        Document::Targets(p) => msg!(
            "cli-import-targets",
            targets = p.targets().count(),
            costs = p.activity_costs.len()
        ),
        Document::Budget(b) => msg!(
            "cli-import-programs",
            programs = b.programs.len(),
            sub_programs = b.sub_programs().count(),
            activities = b.activities().count()
        ),
    };
    let line = msg!(
        "cli-import-wrote",
        path = args.output.display().to_string(),
        institution = doc.institution(),
        year = doc.fiscal_year(),
        contents = contents
    );
    eprintln!("perfprog: {line}");
    Ok(ExitCode::SUCCESS)
}

/// Runs `perfprog rollover`.
pub fn rollover(args: super::RolloverArgs) -> anyhow::Result<ExitCode> {
    let doc = super::load_programme(&args.input, false)?;
    let (json, notices) = match &doc {
        Document::Targets(p) => {
            let r = perfprog::rollover::rollover(p, args.to, args.carry_amounts)?;
            (r.programme.to_json(), r.notices)
        }
        Document::Budget(b) => {
            let r = perfprog::rollover::budget::rollover(b, args.to, args.carry_amounts)?;
            (r.programme.to_json(), r.notices)
        }
    };
    write_atomic(&args.output, json.as_bytes())
        .with_context(|| super::write_failed(&args.output))?;
    for n in &notices {
        eprintln!("perfprog: {}", msg!("cli-note", note = n.to_string()));
    }
    let line = msg!(
        "cli-rollover-wrote",
        path = args.output.display().to_string(),
        from = doc.fiscal_year(),
        to = args.to
    );
    eprintln!("perfprog: {line}");
    Ok(ExitCode::SUCCESS)
}
