//! `perfprog extract`: a programme PDF or .txt to the model JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

/// Runs `perfprog extract`.
pub fn run(args: super::ExtractArgs) -> anyhow::Result<ExitCode> {
    let out = perfprog::extract_file(&args.input)?;
    if !args.quiet {
        for w in &out.warnings {
            eprintln!("perfprog: warning: {w}");
        }
    }
    let json = out.programme.to_json();
    match &args.output {
        Some(path) => perfprog::util::write_atomic(path, json.as_bytes())
            .with_context(|| format!("failed to write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
