//! `perfprog extract`: a programme PDF or .txt to the model JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use perfprog::msg;

/// Runs `perfprog extract`.
pub fn run(args: super::ExtractArgs) -> anyhow::Result<ExitCode> {
    if args.lines || args.grids {
        return dump_layout(&args);
    }
    let out = super::extract_path(&args.input)?;
    if !args.quiet {
        for w in &out.warnings {
            eprintln!("perfprog: {}", msg!("cli-warning", warning = w.to_string()));
        }
    }
    let json = out.document.to_json();
    match &args.output {
        Some(path) => perfprog::util::write_atomic(path, json.as_bytes())
            .with_context(|| super::write_failed(path))?,
        None => std::io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints what the layout stage gives: the positioned lines (`--lines`), one
/// line per text line, `page y size | x0-x1 text | …` (a cell's own lines
/// separated by ` / `); or the ruled tables (`--grids`).
fn dump_layout(args: &super::ExtractArgs) -> anyhow::Result<ExitCode> {
    let doc = super::source_path(&args.input)?;
    let mut out = String::new();
    for page in doc.pages.iter().filter(|_| args.grids) {
        for (k, grid) in page.grids.iter().enumerate() {
            out.push_str(&format!(
                "page {} table {}: {} rows × {} columns\n",
                page.number.map_or("-".to_string(), |n| n.to_string()),
                k + 1,
                grid.ys.len().saturating_sub(1),
                grid.xs.len().saturating_sub(1),
            ));
            for c in &grid.cells {
                out.push_str(&format!(
                    "  {},{} {}×{}{} | {}\n",
                    c.row + 1,
                    c.col + 1,
                    c.row_span,
                    c.col_span,
                    if c.shaded { " shaded" } else { "" },
                    c.lines.join(" / ")
                ));
            }
        }
    }
    if args.grids {
        // Tables continued over page breaks, joined.
        for t in perfprog::layout::tables::tables(&doc.pages) {
            let (Some(first), Some(last)) = (t.rows.first(), t.rows.last()) else {
                continue;
            };
            if first.page != last.page {
                out.push_str(&format!(
                    "table across pages {}-{}: {} header rows, {} rows × {} columns\n",
                    first.page,
                    last.page,
                    t.header.len(),
                    t.rows.len(),
                    t.xs.len().saturating_sub(1)
                ));
            }
        }
    }
    let rows = if args.lines {
        perfprog::tables::rows_of(&doc.pages, &perfprog::Threads::available())
    } else {
        Vec::new()
    };
    for page in &rows {
        for line in &page.lines {
            let cells: Vec<String> = line
                .cells
                .iter()
                .map(|c| format!("{:.1}-{:.1} {}", c.x0, c.x1, c.text.replace('\n', " / ")))
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
