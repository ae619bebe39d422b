//! `perfprog page`: one page of a PDF as a PNG, texts highlighted on it.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context};
use perfprog::msg;
use perfprog::preview::{Preview, RenderOptions};

/// Runs `perfprog page`: finds each `--highlight` text on the page (a
/// warning for one not found), renders the page with their boxes and
/// writes the PNG to `-o` (atomically) or to stdout.
pub fn run(args: super::PageArgs) -> anyhow::Result<ExitCode> {
    if args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("{}", msg!("cli-page-to-terminal"));
    }
    let bytes = std::fs::read(&args.input).with_context(|| super::read_failed(&args.input))?;
    let preview = Preview::open(&args.input, bytes)?;
    let needles: Vec<&str> = args.highlight.iter().map(String::as_str).collect();
    let mut boxes = Vec::new();
    if !needles.is_empty() {
        for (needle, found) in needles.iter().zip(preview.locate(args.page, &needles)?) {
            if found.is_empty() && !args.quiet {
                let line = msg!(
                    "cli-page-not-found",
                    page = args.page,
                    text = format!("{needle:?}")
                );
                eprintln!("perfprog: {line}");
            }
            boxes.extend(found.into_iter().flat_map(|m| m.rects));
        }
    }
    let image = preview.render(args.page, &RenderOptions { width: args.width }, &boxes)?;
    match &args.output {
        Some(path) => {
            perfprog::util::write_atomic(path, &image.png)
                .with_context(|| super::write_failed(path))?;
            if !args.quiet {
                let line = msg!(
                    "cli-page-wrote",
                    path = path.display().to_string(),
                    width = image.width,
                    height = image.height,
                    count = boxes.len()
                );
                eprintln!("perfprog: {line}");
            }
        }
        None => std::io::stdout().lock().write_all(&image.png)?,
    }
    Ok(ExitCode::SUCCESS)
}
