//! Text input (pdftotext-style `.txt`): pages split at form feeds, one
//! unpositioned line per text line ([`pages`]). Blank lines are kept as
//! lines without cells: in such text they separate table rows. The table
//! recognisers read such pages as positioned rows made by the spacing rule
//! ([`rows`]): the cells a text line's spacing tells apart, given synthetic
//! x-ranges so that the same column of every row lines up, as a PDF's
//! table rows do.

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
/// 4. **Trailing empty cells.** The export leaves out a row's empty cells
///    after its last value; such a row's values start in its table's first
///    value column ([`fill_from_left`]).
///
/// Lines keep their index as `y`.
pub fn rows(pages: &[Page]) -> Vec<Page> {
    pages
        .iter()
        .map(|p| {
            let mut lines: Vec<(Line, usize)> = Vec::with_capacity(p.lines.len());
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
            fill_from_left(&mut lines);
            Page {
                number: p.number,
                width: WIDTH,
                height: p.lines.len() as f32,
                lines: lines.into_iter().map(|(l, _)| l).collect(),
                grids: Vec::new(),
            }
        })
        .collect()
}

/// Places one run of split lines (see [`rows`], step 3) and empties it.
fn place_run(run: &mut Vec<(&Line, Option<(Line, usize)>)>, out: &mut Vec<(Line, usize)>) {
    let split: Vec<(Line, usize)> = run.drain(..).filter_map(|(_, s)| s).collect();
    let valued: Vec<usize> = (0..split.len()).filter(|&i| split[i].1 > 0).collect();
    match valued[..] {
        [last] if last + 1 == split.len() && last > 0 && split[last].0.cells[0].x0 == 0.0 => {
            let mut it = split.into_iter();
            let head: Vec<Line> = it.by_ref().take(last).map(|(l, _)| l).collect();
            let (mut line, values) = it.next().expect("the valued line");
            let mut text: Vec<String> = head.iter().map(|q| q.cells[0].text.clone()).collect();
            text.push(line.cells[0].text.clone());
            line.cells[0].text = text.join("\n");
            line.y = head[0].y;
            out.push((line, values));
        }
        [first] if first + 1 < split.len() && split[first].1 == 1 => {
            out.extend(
                split
                    .into_iter()
                    .map(|(l, values)| if values > 0 { (whole(&l), 0) } else { (l, 0) }),
            );
        }
        _ => out.extend(split),
    }
}

/// Step 4 of [`rows`]: a text export omits a row's trailing empty cells.
/// Consecutive rows with value cells (no text line between them) are one
/// table; its column count is the number of value tokens most of them
/// have. A row with fewer has lost its trailing empty cells: its values move left to
/// start in the table's first value column.
fn fill_from_left(lines: &mut [(Line, usize)]) {
    let mut start = 0;
    while start < lines.len() {
        if lines[start].1 == 0 {
            start += 1;
            continue;
        }
        let end = (start..lines.len())
            .find(|&i| lines[i].1 == 0)
            .unwrap_or(lines.len());
        // The usual count, not the largest: a stray empty cell printed
        // before a row's values (`<nbsp> 0,00 <nbsp> 0,00` under three
        // columns) widens no table.
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for l in &lines[start..end] {
            match counts.iter_mut().find(|c| c.0 == l.1) {
                Some(c) => c.1 += 1,
                None => counts.push((l.1, 1)),
            }
        }
        let n = counts.iter().max_by_key(|c| (c.1, c.0)).map_or(0, |c| c.0);
        for (line, values) in &mut lines[start..end] {
            if *values >= n {
                continue;
            }
            let shift = (n - *values) as f32 * PITCH;
            for c in &mut line.cells {
                if c.x0 == 0.0 {
                    c.x1 = (c.x1 - shift).max(GAP);
                } else {
                    c.x0 -= shift;
                    c.x1 -= shift;
                }
            }
        }
        start = end;
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

/// Whether a token is a value cell: a number (a year, an amount with or
/// without its currency, a share; Turkish or English separators) or a dash
/// standing for none. `None` is an empty cell.
fn value_token(t: &Option<String>) -> bool {
    match t {
        None => true,
        // A figure with either separators: the document's are decided
        // later, from all its figures.
        Some(t) => {
            use crate::normalize::number::swap_separators;
            use crate::normalize::parse_amount;
            // A signed change (`+%2`) is a value too, though it stays text.
            let t = t.strip_prefix('+').unwrap_or(t);
            t == "-"
                || parse_amount(t).is_some()
                || t.contains([',', '.']) && parse_amount(&swap_separators(t)).is_some()
        }
    }
}

/// One text line as a positioned line: its label cell and its value cells
/// counted from the right (see [`rows`]), and how many value tokens it
/// has; None for a line of empty cells only.
fn split(line: &Line) -> Option<(Line, usize)> {
    let text = line.text();
    if text.trim().is_empty() {
        return None;
    }
    let tokens = currency_joined(tokens(&text));
    let mut start = tokens.len();
    while start > 0 && value_token(&tokens[start - 1]) {
        start -= 1;
    }
    if tokens.len() <= 1 {
        start = tokens.len();
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

/// Tokens with a currency printed apart (`1.000.000 TL`, `₺ 500`) joined
/// to the figure beside it: one value cell.
fn currency_joined(tokens: Vec<Option<String>>) -> Vec<Option<String>> {
    let is_currency =
        |t: &Option<String>| matches!(t.as_deref(), Some("TL" | "YTL" | "₺" | "-TL" | ".-TL"));
    if !tokens.iter().any(is_currency) {
        return tokens;
    }
    let mut out: Vec<Option<String>> = Vec::with_capacity(tokens.len());
    let mut pending: Option<String> = None;
    for t in tokens {
        if is_currency(&t) {
            let cur = t.unwrap_or_default();
            match out.last_mut() {
                // After a figure: `1.000.000 TL`.
                Some(Some(prev)) if prev.chars().any(|c| c.is_ascii_digit()) && cur != "₺" => {
                    prev.push(' ');
                    prev.push_str(&cur);
                }
                // Before one: `₺ 500`.
                _ => pending = Some(cur),
            }
            continue;
        }
        match (pending.take(), t) {
            (Some(cur), Some(v)) if v.chars().any(|c| c.is_ascii_digit()) => {
                out.push(Some(format!("{cur}{v}")));
            }
            (Some(cur), t) => {
                out.push(Some(cur));
                out.push(t);
            }
            (None, t) => out.push(t),
        }
    }
    if let Some(cur) = pending {
        out.push(Some(cur));
    }
    out
}

/// The no-break space a text export prints for an empty cell.
pub const EMPTY_CELL: char = '\u{a0}';

/// Tokens of a text line: words split on ASCII spaces and tabs, a no-break
/// space standing alone (an empty cell) as None.
pub fn tokens(line: &str) -> Vec<Option<String>> {
    line.split([' ', '\t'])
        .filter(|t| !t.is_empty())
        .flat_map(|t| {
            // A token made of no-break spaces only: one empty cell each.
            if t.chars().all(|c| c == EMPTY_CELL) {
                vec![None; t.chars().count()]
            } else {
                vec![Some(t.trim_matches(EMPTY_CELL).to_string())]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<Vec<(f32, String)>> {
        page.lines
            .iter()
            .map(|l| l.cells.iter().map(|c| (c.x0, c.text.clone())).collect())
            .collect()
    }

    #[test]
    fn values_counted_from_the_right_and_wrapped_names_joined() {
        let text = "Faaliyetler Kaynak İhtiyacı (TL)\n\n\
                    Yol Faaliyetleri 270.000,00 \u{a0} 270.000,00\n\n\
                    Uzun Adlı Bir\nFaaliyet 5,00 \u{a0} 5,00\n\n\
                    Afete Hazırlık 0,00 0,00\n";
        let page = &rows(&pages(text))[0];
        let right = |k: usize| WIDTH - (k + 1) as f32 * PITCH + GAP;
        assert_eq!(
            texts(page),
            vec![
                vec![(0.0, "Faaliyetler Kaynak İhtiyacı (TL)".to_string())],
                vec![
                    (0.0, "Yol Faaliyetleri".to_string()),
                    (right(2), "270.000,00".to_string()),
                    (right(0), "270.000,00".to_string()),
                ],
                vec![
                    (0.0, "Uzun Adlı Bir\nFaaliyet".to_string()),
                    (right(2), "5,00".to_string()),
                    (right(0), "5,00".to_string()),
                ],
                // Its trailing empty cell left out: filled from the left.
                vec![
                    (0.0, "Afete Hazırlık".to_string()),
                    (right(2), "0,00".to_string()),
                    (right(1), "0,00".to_string()),
                ],
            ]
        );
    }

    #[test]
    fn a_block_of_rows_and_a_heading_code() {
        let text = "Ekonomik Kod 2024\n1. Personel Giderleri \u{a0}\n4. Faiz Giderleri\n\
                    5. Cari Transferler 350,00\n\nStratejik Amaç 3\nBir Başlık\n";
        let page = &rows(&pages(text))[0];
        let last = WIDTH - PITCH + GAP;
        assert_eq!(
            texts(page),
            vec![
                vec![(0.0, "Ekonomik Kod".into()), (last, "2024".into())],
                vec![(0.0, "1. Personel Giderleri".into())],
                vec![(0.0, "4. Faiz Giderleri".into())],
                vec![(0.0, "5. Cari Transferler".into()), (last, "350,00".into())],
                vec![(0.0, "Stratejik Amaç 3".into())],
                vec![(0.0, "Bir Başlık".into())],
            ]
        );
    }
}
