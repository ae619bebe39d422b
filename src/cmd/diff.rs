//! `perfprog diff`: the changes between two programmes (documents or models).

use std::io::Write;
use std::process::ExitCode;

/// Runs `perfprog diff`; always exits 0 (a diff reports, it does not judge).
pub fn run(args: super::DiffArgs) -> anyhow::Result<ExitCode> {
    use perfprog::model::Document;
    let (Document::Targets(a), Document::Targets(b)) = (
        super::load_programme(&args.a, true)?,
        super::load_programme(&args.b, true)?,
    ) else {
        return Err(super::not_for_budget("diff"));
    };
    let changes = perfprog::audit::diff(&a, &b);
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut text = serde_json::to_string_pretty(&changes)?;
        text.push('\n');
        out.write_all(text.as_bytes())?;
    } else if changes.is_empty() {
        writeln!(out, "no differences")?;
    } else {
        for c in &changes {
            writeln!(out, "{c}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
