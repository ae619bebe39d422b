//! `perfprog export`, `import` and `rollover`.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::model::Document;
use perfprog::util::write_atomic;

/// Runs `perfprog export`.
pub fn export(args: super::ExportArgs) -> anyhow::Result<ExitCode> {
    if args.xlsx.is_none() && args.csv.is_none() {
        anyhow::bail!("nothing to export: give --xlsx FILE, --csv DIR or both");
    }
    let doc = super::load_programme(&args.input, false)?;
    if let Some(path) = &args.xlsx {
        let bytes = perfprog::workbook::export_document(&doc)
            .map_err(|e| anyhow::anyhow!("cannot write the workbook {}: {e}", path.display()))?;
        write_atomic(path, &bytes)
            .with_context(|| format!("failed to write {}", path.display()))?;
        eprintln!("perfprog: wrote {}", path.display());
    }
    if let Some(dir) = &args.csv {
        let files = match &doc {
            Document::Targets(p) => perfprog::opendata::csv_files(p),
            Document::Budget(b) => perfprog::opendata::budget::csv_files(b),
        };
        for f in &files {
            let path = dir.join(f.name);
            write_atomic(&path, f.contents.as_bytes())
                .with_context(|| format!("failed to write {}", path.display()))?;
        }
        eprintln!(
            "perfprog: wrote {} CSV files to {}",
            files.len(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `perfprog import`.
pub fn import(args: super::ImportArgs) -> anyhow::Result<ExitCode> {
    let doc = super::load_workbook(&args.input)?;
    write_atomic(&args.output, doc.to_json().as_bytes())
        .with_context(|| format!("failed to write {}", args.output.display()))?;
    let contents = match &doc {
        Document::Targets(p) => format!(
            "{} targets, {} cost tables",
            p.targets().count(),
            p.activity_costs.len()
        ),
        Document::Budget(b) => format!(
            "{} programs, {} alt programs, {} activities",
            b.programs.len(),
            b.sub_programs().count(),
            b.activities().count()
        ),
    };
    eprintln!(
        "perfprog: wrote {} ({} {}, {contents})",
        args.output.display(),
        doc.institution(),
        doc.fiscal_year(),
    );
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
        .with_context(|| format!("failed to write {}", args.output.display()))?;
    for n in &notices {
        eprintln!("perfprog: note: {n}");
    }
    eprintln!(
        "perfprog: wrote {} ({} → {})",
        args.output.display(),
        doc.fiscal_year(),
        args.to
    );
    Ok(ExitCode::SUCCESS)
}
