//! `perfprog export`, `import` and `rollover`.

use std::process::ExitCode;

use anyhow::Context;
use perfprog::util::write_atomic;

/// Runs `perfprog export`.
pub fn export(args: super::ExportArgs) -> anyhow::Result<ExitCode> {
    if args.xlsx.is_none() && args.csv.is_none() {
        anyhow::bail!("nothing to export: give --xlsx FILE, --csv DIR or both");
    }
    let perfprog::model::Document::Targets(p) = super::load_programme(&args.input, false)? else {
        return Err(super::not_for_budget("export"));
    };
    if let Some(path) = &args.xlsx {
        let bytes = perfprog::workbook::export(&p)
            .map_err(|e| anyhow::anyhow!("cannot write the workbook {}: {e}", path.display()))?;
        write_atomic(path, &bytes)
            .with_context(|| format!("failed to write {}", path.display()))?;
        eprintln!("perfprog: wrote {}", path.display());
    }
    if let Some(dir) = &args.csv {
        let files = perfprog::opendata::csv_files(&p);
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
    let perfprog::model::Document::Targets(p) = super::load_workbook(&args.input)? else {
        return Err(super::not_for_budget("import"));
    };
    write_atomic(&args.output, p.to_json().as_bytes())
        .with_context(|| format!("failed to write {}", args.output.display()))?;
    eprintln!(
        "perfprog: wrote {} ({} {}, {} targets, {} cost tables)",
        args.output.display(),
        p.institution,
        p.fiscal_year,
        p.targets().count(),
        p.activity_costs.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `perfprog rollover`.
pub fn rollover(args: super::RolloverArgs) -> anyhow::Result<ExitCode> {
    let perfprog::model::Document::Targets(p) = super::load_programme(&args.input, false)? else {
        return Err(super::not_for_budget("rollover"));
    };
    let r = perfprog::rollover::rollover(&p, args.to, args.carry_amounts)?;
    write_atomic(&args.output, r.programme.to_json().as_bytes())
        .with_context(|| format!("failed to write {}", args.output.display()))?;
    for n in &r.notices {
        eprintln!("perfprog: note: {n}");
    }
    eprintln!(
        "perfprog: wrote {} ({} → {})",
        args.output.display(),
        p.fiscal_year,
        args.to
    );
    Ok(ExitCode::SUCCESS)
}
