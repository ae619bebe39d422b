//! `perfprog extract`: a programme PDF or .txt to the model JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

/// Runs `perfprog extract`.
pub fn run(args: super::ExtractArgs) -> anyhow::Result<ExitCode> {
    if args.lines {
        return dump_lines(&args);
    }
    let out = super::extract_path(&args.input)?;
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

/// Prints the positioned lines the layout stage gives (`--lines`): one line per
/// text line, `page y size | x0-x1 text | …`.
fn dump_lines(args: &super::ExtractArgs) -> anyhow::Result<ExitCode> {
    let doc = super::source_path(&args.input)?;
    let mut out = String::new();
    for page in &doc.pages {
        for line in &page.lines {
            let cells: Vec<String> = line
                .cells
                .iter()
                .map(|c| format!("{:.1}-{:.1} {}", c.x0, c.x1, c.text))
                .collect();
            out.push_str(&format!(
                "{} {:.1} {:.1} | {}\n",
                page.number.map_or("-".to_string(), |n| n.to_string()),
                line.y,
                line.size,
                cells.join(" | ")
            ));
        }
    }
    match &args.output {
        Some(path) => perfprog::util::write_atomic(path, out.as_bytes())?,
        None => std::io::stdout().lock().write_all(out.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
