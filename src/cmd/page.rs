//! `perfprog page`: one page of a PDF as a PNG, texts highlighted on it.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use perfprog::preview::{Preview, RenderOptions};

/// Runs `perfprog page`: finds each `--highlight` text on the page (a
/// warning for one not found), renders the page with their boxes and
/// writes the PNG to `-o` (atomically) or to stdout.
pub fn run(args: super::PageArgs) -> anyhow::Result<ExitCode> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("the PNG would be written to the terminal; give a file with -o OUT.png");
    }
    let bytes = std::fs::read(&args.input)
        .with_context(|| format!("failed to read {}", args.input.display()))?;
    let preview = Preview::open(&args.input, bytes)?;
    let needles: Vec<&str> = args.highlight.iter().map(String::as_str).collect();
    let mut boxes = Vec::new();
    if !needles.is_empty() {
        for (needle, found) in needles.iter().zip(preview.locate(args.page, &needles)?) {
            if found.is_empty() && !args.quiet {
                eprintln!(
                    "perfprog: warning: page {}: {needle:?} is not printed on this page",
                    args.page
                );
            }
            boxes.extend(found.into_iter().flat_map(|m| m.rects));
        }
    }
    let image = preview.render(args.page, &RenderOptions { width: args.width }, &boxes)?;
    match &args.output {
        Some(path) => {
            perfprog::util::write_atomic(path, &image.png)
                .with_context(|| format!("failed to write {}", path.display()))?;
            if !args.quiet {
                eprintln!(
                    "perfprog: wrote {} ({} × {} px, {} highlight(s))",
                    path.display(),
                    image.width,
                    image.height,
                    boxes.len()
                );
            }
        }
        None => std::io::stdout().lock().write_all(&image.png)?,
    }
    Ok(ExitCode::SUCCESS)
}
