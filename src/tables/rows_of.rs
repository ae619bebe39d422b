//! The document as the recogniser reads it: per page, the text printed
//! outside tables as lines, and each table row (found by the layout stage,
//! joined across pages, repeated headers dropped) as one line whose cells are
//! the row's grid cells, each with its wrapped lines joined and repaired
//! (a cell's text keeps its line breaks as newlines, for a cell that lists
//! one item a line; the stream's item text has them as spaces).
//!
//! A name that wraps to three lines beside a figure centred in its row is
//! one cell of the same row as that figure: the recogniser never has to tell
//! a wrapped line from a new row. A cell's text keeps its printed lines
//! (separated by `\n`): a recogniser joins them as a wrapped name
//! ([`cell_text`]) or as values stacked in one cell ([`cell_values`]).

/// A cell's lines joined as wrapped text, hyphenation repaired.
pub fn cell_text(text: &str) -> String {
    normalize::join_lines(&text.split('\n').collect::<Vec<_>>())
}

/// A value cell's lines: a line starting in lower case continues the value
/// above it (`4 dakika 41` + `saniye`); any other line is another value
/// stacked in the cell, joined with ` / `.
pub fn cell_values(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let lower = line.chars().next().is_some_and(char::is_lowercase);
            out.push_str(if lower { " " } else { " / " });
        }
        out.push_str(line);
    }
    normalize::clean(&out)
}

use crate::exec::{self, Executor};
use crate::layout::grid::{Grid, GridCell};
use crate::layout::tables::{self, Table};
use crate::layout::{Cell, Line, Page};
use crate::normalize;

/// The pages with every table's rows in place of the lines printed inside
/// the table. Text input (pages of unpositioned lines) has its rows made by
/// the spacing rule ([`crate::layout::text::rows`]).
pub fn pages(pages: &[Page], exec: &dyn Executor) -> Vec<Page> {
    if !pages.is_empty() && pages.iter().all(|p| p.lines.iter().all(|l| !l.positioned)) {
        return crate::layout::text::rows(pages);
    }
    // A grid that missed a column (two runs of one printed line, far apart,
    // in one cell) is not used: its lines are read as printed.
    let misses: Vec<Vec<bool>> = pages
        .iter()
        .map(|p| {
            p.grids
                .iter()
                .map(|g| misses_a_column(g, &p.lines))
                .collect()
        })
        .collect();
    let filtered: Vec<Page>;
    let pages = if misses.iter().flatten().any(|&m| m) {
        filtered = pages
            .iter()
            .zip(&misses)
            .map(|(p, m)| Page {
                grids: p
                    .grids
                    .iter()
                    .zip(m)
                    .filter(|(_, &m)| !m)
                    .map(|(g, _)| g.clone())
                    .collect(),
                ..p.clone()
            })
            .collect();
        &filtered[..]
    } else {
        pages
    };
    let tables = tables::tables(pages);
    let mut out: Vec<Page> = pages
        .iter()
        .map(|p| Page {
            number: p.number,
            width: p.width,
            height: p.height,
            lines: p
                .lines
                .iter()
                .filter(|l| !inside_grid(p, l))
                .cloned()
                .collect(),
            grids: Vec::new(),
        })
        .collect();
    // Each page's index by its number (the first page of a number).
    let mut by_number: std::collections::HashMap<u32, usize> = Default::default();
    for (i, p) in pages.iter().enumerate().rev() {
        by_number.insert(p.number.unwrap_or(i as u32 + 1), i);
    }
    let index_of = |page: u32| by_number.get(&page).copied();
    // Each table's rows as lines (the cells' wrapped text joined and
    // repaired), made on the workers, then placed on their pages.
    let made = exec::map(
        exec,
        tables.len(),
        || (),
        |_, t| table_lines(pages, &tables[t]),
    );
    for lines in made.into_iter().flatten() {
        for (page, line) in lines {
            if let Some(i) = index_of(page) {
                out[i].lines.push(line);
            }
        }
    }
    for p in &mut out {
        p.lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    }
    out
}

/// A table's header and body rows as lines, each with the number of the
/// page it goes on.
fn table_lines(pages: &[Page], table: &Table) -> Vec<(u32, Line)> {
    let size = size_of(pages, table);
    let mut out = Vec::new();
    for row in &table.header {
        // Titles set above the column header inside the table's area (one
        // cell of several lines): each line is read as printed.
        let filled: Vec<&GridCell> = row
            .iter()
            .filter(|c| c.lines.iter().any(|l| !l.trim().is_empty()))
            .collect();
        if let [only] = filled[..] {
            if only.lines.len() > 1 {
                for (k, text) in only.lines.iter().enumerate() {
                    out.push((
                        table.page,
                        Line {
                            y: only.top + k as f32 * 0.1,
                            size,
                            cells: vec![Cell {
                                x0: only.x0,
                                x1: only.x1,
                                text: text.clone(),
                            }],
                            positioned: true,
                        },
                    ));
                }
                continue;
            }
        }
        if let Some(line) = row_line(row, size) {
            out.push((table.page, line));
        }
    }
    for row in &table.rows {
        if let Some(line) = row_line(&row.cells, size) {
            out.push((row.page, line));
        }
    }
    out
}

/// Whether a line printed inside `grid` has two runs of text more than two
/// font sizes apart that both lie within one column of the grid (a run
/// reaching past its column is a label spanning columns, not a miss).
fn misses_a_column(grid: &Grid, lines: &[Line]) -> bool {
    let Some((x0, top, x1, bottom)) = grid.bbox() else {
        return false;
    };
    let column = |a: &crate::layout::Cell| {
        let k = grid.xs.iter().rposition(|&b| b <= a.x0 + 1.0)?;
        let end = *grid.xs.get(k + 1)?;
        (a.x1 <= end + 1.0).then_some(k)
    };
    lines
        .iter()
        .filter(|l| l.y >= top && l.y - 0.6 * l.size <= bottom)
        .any(|l| {
            l.cells.windows(2).any(|w| {
                let (a, b) = (&w[0], &w[1]);
                let (ca, cb) = ((a.x0 + a.x1) / 2.0, (b.x0 + b.x1) / 2.0);
                b.x0 - a.x1 > 2.0 * l.size
                    && ca > x0
                    && cb < x1
                    && column(a).is_some()
                    && column(a) == column(b)
            })
        })
}

/// Whether `line` is printed inside one of the page's tables.
fn inside_grid(page: &Page, line: &Line) -> bool {
    let (Some(first), Some(last)) = (line.cells.first(), line.cells.last()) else {
        return false;
    };
    page.grids.iter().any(|g| {
        g.bbox().is_some_and(|(x0, top, x1, bottom)| {
            line.y >= top && line.y - 0.6 * line.size <= bottom && first.x0 < x1 && last.x1 > x0
        })
    })
}

/// The usual font size of the lines on the table's first page.
fn size_of(pages: &[Page], table: &Table) -> f32 {
    pages
        .iter()
        .enumerate()
        .find(|(i, p)| p.number.unwrap_or(*i as u32 + 1) == table.page)
        .and_then(|(_, p)| usual_size(&p.lines))
        .unwrap_or(10.0)
}

/// The most common font size (to a tenth of a point) of `lines`, the first
/// seen winning a tie.
fn usual_size(lines: &[Line]) -> Option<f32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for l in lines {
        let q = (l.size * 10.0).round() as i32;
        match counts.iter_mut().find(|c| c.0 == q) {
            Some(c) => c.1 += 1,
            None => counts.push((q, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts
        .iter()
        .find(|c| c.1 == best)
        .map(|c| c.0 as f32 / 10.0)
}

/// One table row as a line: its cells left to right, each spanning its
/// columns, with the cell's lines joined ([`normalize::join_cell_lines`]);
/// None for an empty row. The line
/// sits at the row's top, so it sorts before anything printed below it.
fn row_line(cells: &[GridCell], size: f32) -> Option<Line> {
    let top = cells.iter().map(|c| c.top).fold(f32::INFINITY, f32::min);
    let cells: Vec<Cell> = cells
        .iter()
        .map(|c| Cell {
            x0: c.x0,
            x1: c.x1,
            text: normalize::join_cell_lines(&c.lines),
        })
        .filter(|c| !c.text.is_empty())
        .collect();
    if cells.is_empty() || !top.is_finite() {
        return None;
    }
    Some(Line {
        y: top,
        size,
        cells,
        positioned: true,
    })
}
