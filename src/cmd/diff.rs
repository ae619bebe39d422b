//! `perfprog diff`: the changes between two programmes (documents or
//! models), of one layout or of each.

use std::io::Write;
use std::process::ExitCode;

/// Runs `perfprog diff`; always exits 0 (a diff reports, it does not judge).
pub fn run(args: super::DiffArgs) -> anyhow::Result<ExitCode> {
    let a = super::load_programme(&args.a, true)?;
    let b = super::load_programme(&args.b, true)?;
    let changes = perfprog::audit::budget::diff_documents(&a, &b);
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut text = serde_json::to_string_pretty(&changes)?;
        text.push('\n');
        out.write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if a.layout() != b.layout() {
        let name =
            |d: &perfprog::model::Document| perfprog::msg!("diff-word", word = d.layout().name());
        let line = perfprog::msg!(
            "cli-diff-layouts",
            a = args.a.display().to_string(),
            a_layout = name(&a),
            b = args.b.display().to_string(),
            b_layout = name(&b)
        );
        writeln!(out, "{line}")?;
    }
    if changes.is_empty() {
        writeln!(out, "{}", perfprog::msg!("cli-diff-none"))?;
    } else {
        for c in &changes {
            writeln!(out, "{c}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
