//! Text input (pdftotext-style `.txt`): pages split at form feeds, one
//! unpositioned line per text line. Blank lines are kept as lines without
//! cells: in such text they separate table rows.

use super::{Cell, Line, Page};

/// Splits text into pages of unpositioned lines.
pub fn pages(text: &str) -> Vec<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\u{c}')
        .filter(|chunk| !chunk.trim().is_empty())
        .map(|chunk| Page {
            number: None,
            width: 0.0,
            height: 0.0,
            grids: Vec::new(),
            lines: chunk
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    let l = l.trim_end_matches(['\r', ' ']);
                    Line {
                        y: i as f32,
                        size: 10.0,
                        cells: if l.trim().is_empty() {
                            Vec::new()
                        } else {
                            vec![Cell {
                                x0: 0.0,
                                x1: 0.0,
                                text: l.to_string(),
                            }]
                        },
                        positioned: false,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The synthetic width of a text page: value columns are laid out from
/// this edge leftwards.
const WIDTH: f32 = 1000.0;
/// The synthetic pitch of a value column.
const PITCH: f32 = 100.0;
/// The gap left between synthetic cells.
const GAP: f32 = 5.0;

/// The spacing rule: text pages as positioned rows of cells, so the table
/// recognisers read a text export like a PDF's table rows.
///
/// 1. **Cells.** A pdftotext export prints a table row as one line, its
///    cells separated by single spaces, an empty cell as a lone no-break
///    space. The run of value tokens at the end of a line (numbers and
///    empty cells; [`value_token`]) are its value cells; what comes before
///    is the label cell. A line that is a single token stays one cell.
/// 2. **Columns.** Value cells are counted from the right: the last token
///    of every line sits in the rightmost column, the one before it in the
///    next, each column [`PITCH`] wide, ending at [`WIDTH`]. An empty cell
///    takes its column and prints nothing. The label cell runs from the
///    left edge to the first value column, so a header's `Ekonomik Kod
///    2024` and a row's `6. Sermaye Giderleri 270.000.000,00` put the year
///    and the amount in one column, the names in another.
/// 3. **Runs.** Blank lines (and lines of empty cells only) separate
///    rows. A run of lines between them with one line with value cells is
///    one row: printed last, that line's label is the end of a name
///    wrapped over the run's lines above it, which join its label cell,
///    one printed line per `\n`, as a grid cell keeps its lines; printed
///    before other lines with a lone number at its end, that number is no
///    value but a heading's code over its wrapped title (`Stratejik Amaç
///    3`, then the title), and the run stays text. A run with several lines with value cells is a
///    block of rows, one a line (a cost table's economic codes), and a run
///    without any is text: their lines stay as they are.
///
/// Lines keep their index as `y`.
pub fn rows(pages: &[Page]) -> Vec<Page> {
    pages
        .iter()
        .map(|p| {
            let mut lines: Vec<Line> = Vec::with_capacity(p.lines.len());
            let mut run: Vec<(&Line, Option<(Line, usize)>)> = Vec::new();
            for l in &p.lines {
                let split = (!l.cells.is_empty()).then(|| split(l)).flatten();
                if split.is_none() {
                    place_run(&mut run, &mut lines);
                    continue;
                }
                run.push((l, split));
            }
            place_run(&mut run, &mut lines);
            Page {
                number: p.number,
                width: WIDTH,
                height: p.lines.len() as f32,
                lines,
                grids: Vec::new(),
            }
        })
        .collect()
}

/// Places one run of split lines (see [`rows`], step 3) and empties it.
fn place_run(run: &mut Vec<(&Line, Option<(Line, usize)>)>, out: &mut Vec<Line>) {
    let split: Vec<(Line, usize)> = run.drain(..).filter_map(|(_, s)| s).collect();
    let valued: Vec<usize> = (0..split.len()).filter(|&i| split[i].1 > 0).collect();
    match valued[..] {
        [last] if last + 1 == split.len() && last > 0 && split[last].0.cells[0].x0 == 0.0 => {
            let mut it = split.into_iter();
            let head: Vec<Line> = it.by_ref().take(last).map(|(l, _)| l).collect();
            let (mut line, _) = it.next().expect("the valued line");
            let mut text: Vec<String> = head.iter().map(|q| q.cells[0].text.clone()).collect();
            text.push(line.cells[0].text.clone());
            line.cells[0].text = text.join("\n");
            line.y = head[0].y;
            out.push(line);
        }
        [first] if first + 1 < split.len() && split[first].1 == 1 => {
            out.extend(
                split
                    .into_iter()
                    .map(|(l, values)| if values > 0 { whole(&l) } else { l }),
            );
        }
        _ => out.extend(split.into_iter().map(|(l, _)| l)),
    }
}

/// A split line put back together as one label cell.
fn whole(line: &Line) -> Line {
    Line {
        cells: vec![Cell {
            x0: 0.0,
            x1: WIDTH - GAP,
            text: line.text(),
        }],
        ..line.clone()
    }
}

/// Whether a token is a value cell: a number (a year, an amount, a share)
/// or a dash standing for none. `None` is an empty cell.
fn value_token(t: &Option<String>) -> bool {
    match t {
        None => true,
        Some(t) => t == "-" || crate::normalize::is_number(t),
    }
}

/// One text line as a positioned line: its label cell and its value cells
/// counted from the right (see [`rows`]), and how many value tokens it
/// has; None for a line of empty cells only.
fn split(line: &Line) -> Option<(Line, usize)> {
    let text = line.text();
    let tokens = crate::tables::rows::tokens(&text);
    let mut start = tokens.len();
    while start > 0 && value_token(&tokens[start - 1]) {
        start -= 1;
    }
    if tokens.len() <= 1 {
        start = 0;
    }
    let values = tokens.len() - start;
    let label_end = WIDTH - values as f32 * PITCH - GAP;
    let mut cells = Vec::new();
    let label = tokens[..start]
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    if !label.is_empty() || values == 0 {
        cells.push(Cell {
            x0: 0.0,
            x1: label_end.max(GAP),
            text: if values == 0 {
                text.trim().to_string()
            } else {
                label
            },
        });
    }
    for (k, t) in tokens[start..].iter().enumerate() {
        let from_right = values - 1 - k;
        if let Some(t) = t {
            cells.push(Cell {
                x0: WIDTH - (from_right + 1) as f32 * PITCH + GAP,
                x1: WIDTH - from_right as f32 * PITCH - GAP,
                text: t.clone(),
            });
        }
    }
    (!cells.is_empty()).then(|| {
        let line = Line {
            y: line.y,
            size: line.size,
            cells,
            positioned: true,
        };
        (line, values)
    })
}
