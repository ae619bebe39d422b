//! Tables of a document: the pages' grids, with a table that runs on over
//! a page break joined to its continuation.
//!
//! **Header rows.** A grid's header is its rows from the top down to, not
//! including, the first row that holds a figure: a cell whose text parses as
//! a number (digits with Turkish grouping such as `1.234.567,00`, an
//! optional sign, parentheses or `%`, or a lone dash standing for zero). A
//! row whose cells are all empty is body too. A bare year (`2024`) is a
//! column label, not a figure, so a row of years stays in the header. Rows
//! at the top whose cells are all shaded are header whatever they hold. A
//! row wholly covered by header cells spanning down into it is header. A
//! grid whose first row already holds figures has no header: it is a
//! continuation printed without its header. A grid without any figure
//! (a text table) has its shaded top rows as header, or else its first
//! row.
//!
//! **Across pages.** The last grid of a page is joined to the first grid of
//! the next page when both have the same number of columns and their
//! boundaries agree within [`COL_TOL`] once a constant horizontal offset of
//! the whole table (odd and even page margins) of up to [`MAX_SHIFT`] is
//! allowed, and either the continuation's top rows repeat the table's
//! header text (these rows are then dropped) or the continuation has no
//! header (rows at its top with nothing in them, the frame of a header
//! repeated as an artifact, are dropped). A continuation whose first body rows carry the same first-column
//! labels (first lines) as the table's first body rows is a form printed again (one card
//! per item), not a continuation. Joined parts form chains over any number
//! of pages.
//!
//! Body rows keep the cells of their grid as printed (grid indices and page
//! coordinates of their own part) and the page they are printed on; a row
//! broken over a page break stays one row per part.

use super::grid::{Grid, GridCell};
use super::Page;

/// Column boundaries of two parts of a table agree within this many points.
pub const COL_TOL: f32 = 3.0;
/// The largest horizontal offset of a whole continuation, in points.
pub const MAX_SHIFT: f32 = 30.0;
/// A header has at most this many rows.
const MAX_HEADER: usize = 6;

/// A table of the document: header rows once, then body rows, possibly
/// continued over several pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The page the table starts on (its header is printed there).
    pub page: u32,
    /// Column boundaries (of the first part).
    pub xs: Vec<f32>,
    /// Header rows (cells with spans, as on the first page).
    pub header: Vec<Vec<GridCell>>,
    /// Body rows in order; each row's cells, and the page it is printed on.
    pub rows: Vec<TableRow>,
}

/// One body row of a [`Table`]: the cells starting in that grid row (with
/// the grid indices and coordinates of its own page) and its page.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// 1-based page number (the page's position for text input).
    pub page: u32,
    /// The row's cells, left to right.
    pub cells: Vec<GridCell>,
}

/// The document's tables: each page's grids, with a table that runs on over
/// a page break joined to its continuation and the repeated header dropped.
/// Tables come in document order.
pub fn tables(pages: &[Page]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    // The last part of the table that may continue on the next page: the
    // index of its table in `out`, its grid's column boundaries, and
    // whether it ends the page's text (nothing printed below it).
    let mut open: Option<(usize, Grid, bool)> = None;
    for (i, page) in pages.iter().enumerate() {
        let number = page
            .number
            .unwrap_or_else(|| u32::try_from(i + 1).unwrap_or(u32::MAX));
        let carried = open.take();
        let last = page.grids.len().saturating_sub(1);
        for (g, grid) in page.grids.iter().enumerate() {
            let head = header_rows(grid);
            let joined = match (&carried, g) {
                (Some((t, xs, at_bottom)), 0) => out
                    .get(*t)
                    .and_then(|table| continuation(table, xs, *at_bottom, grid, head))
                    .map(|drop| (*t, drop)),
                _ => None,
            };
            let t = match joined {
                Some((t, drop)) => {
                    if let Some(table) = out.get_mut(t) {
                        table.rows.extend(body(grid, drop, number));
                    }
                    t
                }
                None => {
                    out.push(Table {
                        page: number,
                        xs: grid.xs.clone(),
                        header: (0..head).map(|r| row_cells(grid, r)).collect(),
                        rows: body(grid, head, number),
                    });
                    out.len() - 1
                }
            };
            if g == last {
                open = Some((t, grid.clone(), ends_page(page, grid)));
            }
        }
    }
    out
}

/// Whether nothing of the page's text (running headers and footers are
/// gone by now) is printed below `grid`: the table runs to the page's end.
fn ends_page(page: &Page, grid: &Grid) -> bool {
    let Some(&bottom) = grid.ys.last() else {
        return false;
    };
    page.lines.iter().all(|l| l.y <= bottom + 0.5 * l.size)
}

/// How many top rows of `grid` to drop when it continues `table`, whose
/// previous part has column boundaries `prev_xs` and ended its page when
/// `at_bottom`; None when it does not continue it. `head` is the grid's own
/// header row count. A continuation repeats the header, or has none and
/// follows a part that ran to the bottom of its page.
fn continuation(
    table: &Table,
    prev: &Grid,
    at_bottom: bool,
    grid: &Grid,
    head: usize,
) -> Option<usize> {
    if !columns_match(prev, grid) {
        return None;
    }
    // Rows at the top with nothing in them: a repeated header whose text
    // is marked as an artifact (pagination), only its frame left.
    let blank = (0..grid.rows())
        .take_while(|&r| {
            row_cells(grid, r)
                .iter()
                .all(|c| c.text().trim().is_empty())
        })
        .count();
    let drop = match head {
        0 if at_bottom => Some(blank),
        0 => None,
        _ => repeated_header(table, grid, head),
    }?;
    // A form printed again (the same row labels from the top of the body
    // on) is a new table, not a continuation. First lines only: wrapped
    // labels may be cut into rows differently.
    let labels = |rows: &mut dyn Iterator<Item = &[GridCell]>| -> Vec<String> {
        rows.take(3)
            .map(|r| {
                r.first()
                    .and_then(|c| c.lines.first())
                    .map(|l| squash(std::iter::once(l.clone())))
                    .unwrap_or_default()
            })
            .collect()
    };
    let next = body(grid, drop, 0);
    let a = labels(&mut table.rows.iter().map(|r| r.cells.as_slice()));
    let b = labels(&mut next.iter().map(|r| r.cells.as_slice()));
    let k = a.len().min(b.len());
    if k > 0 && a[..k] == b[..k] && a[..k].iter().any(|t| !t.is_empty()) {
        return None;
    }
    Some(drop)
}

/// How many top rows of `grid` repeat the header of `table`, if they do.
fn repeated_header(table: &Table, grid: &Grid, head: usize) -> Option<usize> {
    let stored = squash(table.header.iter().flatten().map(GridCell::text));
    if stored.is_empty() {
        return None;
    }
    // The repeat may be cut into rows differently: try the grid's own header
    // and the stored header's height.
    [head, table.header.len()]
        .into_iter()
        .filter(|&k| k > 0 && k <= grid.rows())
        .find(|&k| squash((0..k).flat_map(|r| row_cells(grid, r)).map(|c| c.text())) == stored)
}

/// Whether two parts of a table have the same columns: as many, and, after
/// one common shift of at most [`MAX_SHIFT`], boundaries within
/// [`COL_TOL`] — or, where both parts were found from alignment, the gaps
/// between their columns overlapping (a boundary in the middle of a gap
/// moves with the longest value printed on each page).
fn columns_match(a: &Grid, b: &Grid) -> bool {
    let (xa, xb) = (&a.xs, &b.xs);
    if xa.len() != xb.len() || xa.len() < 2 {
        return false;
    }
    let gaps = xa.len() - 2;
    if a.gaps.len() == gaps && b.gaps.len() == gaps && gaps > 0 {
        let shift = xb[0] - xa[0];
        return shift.abs() <= MAX_SHIFT
            && a.gaps
                .iter()
                .zip(&b.gaps)
                .all(|(p, q)| p.0 + shift < q.1 && q.0 < p.1 + shift);
    }
    let shift = xa.iter().zip(xb).map(|(x, y)| y - x).sum::<f32>() / xa.len() as f32;
    shift.abs() <= MAX_SHIFT
        && xa
            .iter()
            .zip(xb)
            .all(|(x, y)| (y - shift - x).abs() <= COL_TOL)
}

/// Text with all whitespace removed, for comparing header repeats.
fn squash(texts: impl Iterator<Item = String>) -> String {
    texts
        .flat_map(|t| t.chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The cells starting in grid row `r`, left to right.
fn row_cells(grid: &Grid, r: usize) -> Vec<GridCell> {
    let mut cells: Vec<GridCell> = grid.cells.iter().filter(|c| c.row == r).cloned().collect();
    cells.sort_by_key(|c| c.col);
    cells
}

/// The body rows of `grid` from row `from` on, skipping rows where no cell
/// starts.
fn body(grid: &Grid, from: usize, page: u32) -> Vec<TableRow> {
    // Each row's cells in one pass over the cells (as [`row_cells`] gives
    // them: in the grid's order, then sorted by column).
    let mut rows: Vec<Vec<GridCell>> = vec![Vec::new(); grid.rows().saturating_sub(from)];
    for c in &grid.cells {
        if let Some(row) = c.row.checked_sub(from).and_then(|r| rows.get_mut(r)) {
            row.push(c.clone());
        }
    }
    rows.into_iter()
        .filter(|cells| !cells.is_empty())
        .map(|mut cells| {
            cells.sort_by_key(|c| c.col);
            TableRow { page, cells }
        })
        .collect()
}

/// The number of header rows of `grid` (see the module documentation).
pub fn header_rows(grid: &Grid) -> usize {
    let n = grid.rows();
    if let Some(h) = grid.header {
        return h.min(n);
    }
    let starting = |r: usize| grid.cells.iter().filter(move |c| c.row == r);
    // Rows wholly covered by cells from rows above carry those cells on.
    let spanned = |r: usize| {
        grid.cols() > 0
            && (0..grid.cols()).all(|c| grid.cell_at(r, c).is_some_and(|cell| cell.row < r))
    };
    let shaded = |r: usize| {
        let mut cells = starting(r).peekable();
        cells.peek().is_some() && cells.all(|c| c.shaded)
    };
    let label = |r: usize| {
        let texts: Vec<String> = starting(r).map(|c| c.text()).collect();
        texts.iter().any(|t| !t.trim().is_empty()) && !texts.iter().any(|t| is_figure(t))
    };
    let prefix = |f: &dyn Fn(usize) -> bool| (0..n).take_while(|&r| f(r)).count();
    let by_shade = prefix(&|r| shaded(r) || (r > 0 && spanned(r)));
    let by_label = prefix(&|r| label(r) || (r > 0 && spanned(r)));
    let by_either = prefix(&|r| shaded(r) || label(r) || (r > 0 && spanned(r)));
    let fallback = || {
        if (1..n).contains(&by_shade) && by_shade <= MAX_HEADER {
            by_shade
        } else {
            usize::from(n > 1)
        }
    };
    if by_either < n && by_either <= MAX_HEADER {
        // Shading over the whole table is no header signal.
        by_either
    } else if by_label < n && by_label <= MAX_HEADER {
        by_label
    } else {
        // No figure anywhere (a text table), or too many label rows before
        // the first figure (the grid opens with text rows of its body).
        fallback()
    }
}

/// Whether `text` is a figure: a number with Turkish grouping, an optional
/// sign, parentheses or `%`, or a lone dash; a bare year is not.
pub fn is_figure(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(t.as_str(), "-" | "–" | "—") {
        return true;
    }
    let percent = t.contains('%');
    let core = t
        .trim_matches('%')
        .trim_start_matches(['-', '+', '−', '('])
        .trim_end_matches(')')
        .trim_matches('%');
    if core.is_empty()
        || !core.starts_with(|c: char| c.is_ascii_digit())
        || !core
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return false;
    }
    let year = core.len() == 4
        && core.chars().all(|c| c.is_ascii_digit())
        && (core.starts_with("19") || core.starts_with("20"));
    percent || !year
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The body's rows, gathered in one pass, are each row's cells as
        /// [`row_cells`] gives them, for cells in any order (spanning
        /// cells start in one row only; a row may start none).
        #[test]
        fn body_is_each_rows_cells(
            at in prop::collection::vec((0usize..9, 0usize..5), 0..40),
            from in 0usize..10,
        ) {
            let xs: Vec<f32> = (0..=5).map(|c| 100.0 * c as f32).collect();
            let ys: Vec<f32> = (0..=8).map(|r| 10.0 * r as f32).collect();
            let cells = at
                .iter()
                .enumerate()
                .map(|(k, &(r, c))| {
                    let mut cell = GridCell::single(&xs, &ys, r.min(7), c, vec![k.to_string()]);
                    // Row 8 lies outside the grid's 8 rows.
                    cell.row = r;
                    cell
                })
                .collect();
            let grid = Grid { xs, ys, cells, header: None, gaps: Vec::new() };
            let expected: Vec<TableRow> = (from..grid.rows())
                .map(|r| row_cells(&grid, r))
                .filter(|cells| !cells.is_empty())
                .map(|cells| TableRow { page: 3, cells })
                .collect();
            prop_assert_eq!(body(&grid, from, 3), expected);
        }
    }

    /// A grid of single cells at `x0` with column widths 100, rows 10 high,
    /// from the given row texts; rows marked in `shaded` are shaded.
    fn grid(x0: f32, top: f32, rows: &[&[&str]], shaded: &[usize]) -> Grid {
        let cols = rows.first().map_or(0, |r| r.len());
        let xs: Vec<f32> = (0..=cols).map(|c| x0 + 100.0 * c as f32).collect();
        let ys: Vec<f32> = (0..=rows.len()).map(|r| top + 10.0 * r as f32).collect();
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let lines = if text.is_empty() {
                    Vec::new()
                } else {
                    vec![(*text).to_string()]
                };
                let mut cell = GridCell::single(&xs, &ys, r, c, lines);
                cell.shaded = shaded.contains(&r);
                cells.push(cell);
            }
        }
        Grid {
            xs,
            ys,
            cells,
            header: None,
            gaps: Vec::new(),
        }
    }

    fn page(number: u32, grids: Vec<Grid>) -> Page {
        Page {
            number: Some(number),
            width: 595.0,
            height: 842.0,
            lines: Vec::new(),
            grids,
        }
    }

    const HEAD: &[&str] = &["Birim", "Ödenek", "Harcama"];

    fn texts(t: &Table) -> Vec<(u32, String)> {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.page,
                    r.cells.first().map(GridCell::text).unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn repeated_header_is_dropped() {
        let a = grid(
            50.0,
            600.0,
            &[HEAD, &["A", "1.234,00", "5"], &["B", "2", "3"]],
            &[],
        );
        let b = grid(50.0, 80.0, &[HEAD, &["C", "7.000.000,50", "%12"]], &[]);
        let t = tables(&[page(3, vec![a]), page(4, vec![b])]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].header.len(), 1);
        assert_eq!(t[0].header[0][1].text(), "Ödenek");
        assert_eq!(
            texts(&t[0]),
            vec![(3, "A".into()), (3, "B".into()), (4, "C".into())]
        );
    }

    #[test]
    fn continuation_without_header_is_joined() {
        let a = grid(50.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let b = grid(50.0, 80.0, &[&["B", "3", "4"], &["C", "-", "5,5"]], &[]);
        let t = tables(&[page(1, vec![a]), page(2, vec![b])]);
        assert_eq!(t.len(), 1);
        assert_eq!(
            texts(&t[0]),
            vec![(1, "A".into()), (2, "B".into()), (2, "C".into())]
        );
    }

    #[test]
    fn a_table_that_ends_before_the_page_does_is_not_continued() {
        // Text printed below the first part (a footnote, the next heading):
        // a header-less grid on the next page is a table of its own.
        let a = grid(50.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let mut first = page(1, vec![a]);
        first.lines.push(crate::layout::Line {
            y: 700.0,
            size: 9.0,
            cells: vec![crate::layout::Cell {
                x0: 50.0,
                x1: 300.0,
                text: "(*) Dipnot".into(),
            }],
            positioned: true,
        });
        let b = grid(50.0, 80.0, &[&["B", "3", "4"]], &[]);
        let t = tables(&[first, page(2, vec![b])]);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn two_tables_on_one_page_stay_apart() {
        let a = grid(50.0, 100.0, &[HEAD, &["A", "1", "2"]], &[]);
        let b = grid(50.0, 300.0, &[&["B", "3", "4"]], &[]);
        let t = tables(&[page(1, vec![a, b])]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].header.len(), 0);
        assert_eq!(texts(&t[1]), vec![(1, "B".into())]);
    }

    #[test]
    fn column_mismatch_is_not_joined() {
        let a = grid(50.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let b = grid(50.0, 80.0, &[&["B", "3"]], &[]);
        let mut c = grid(50.0, 80.0, &[&["B", "3", "4"]], &[]);
        c.xs[2] += 8.0;
        assert_eq!(
            tables(&[page(1, vec![a.clone()]), page(2, vec![b])]).len(),
            2
        );
        assert_eq!(tables(&[page(1, vec![a]), page(2, vec![c])]).len(), 2);
    }

    #[test]
    fn other_header_is_not_joined() {
        let a = grid(50.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let b = grid(
            50.0,
            80.0,
            &[&["Program", "Hedef", "Gösterge"], &["B", "3", "4"]],
            &[],
        );
        let t = tables(&[page(1, vec![a]), page(2, vec![b])]);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].header.len(), 1);
    }

    #[test]
    fn chain_over_three_pages() {
        let a = grid(50.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let b = grid(50.0, 80.0, &[HEAD, &["B", "3", "4"]], &[]);
        let c = grid(50.0, 80.0, &[HEAD, &["C", "5", "6"]], &[]);
        let d = grid(
            50.0,
            400.0,
            &[&["Başka", "Tablo", "Var"], &["D", "1", "1"]],
            &[],
        );
        let t = tables(&[page(1, vec![a]), page(2, vec![b]), page(3, vec![c, d])]);
        assert_eq!(t.len(), 2);
        assert_eq!(
            texts(&t[0]),
            vec![(1, "A".into()), (2, "B".into()), (3, "C".into())]
        );
        assert_eq!(texts(&t[1]), vec![(3, "D".into())]);
    }

    #[test]
    fn shifted_continuation_is_joined() {
        let a = grid(70.0, 600.0, &[HEAD, &["A", "1", "2"]], &[]);
        let mut b = grid(45.0, 80.0, &[HEAD, &["B", "3", "4"]], &[]);
        b.xs[1] += 1.5;
        let far = grid(10.0, 80.0, &[HEAD, &["B", "3", "4"]], &[]);
        assert_eq!(
            tables(&[page(1, vec![a.clone()]), page(2, vec![b])]).len(),
            1
        );
        assert_eq!(tables(&[page(1, vec![a]), page(2, vec![far])]).len(), 2);
    }

    #[test]
    fn header_detection() {
        // Two-row header: a group label spanning the year columns.
        let mut g = grid(
            0.0,
            0.0,
            &[
                &["Program", "Ödenek", ""],
                &["", "2024", "2025"],
                &["P1", "1.000,00", "2.000,00"],
            ],
            &[],
        );
        g.cells
            .retain(|c| !matches!((c.row, c.col), (0, 2) | (1, 0)));
        for c in &mut g.cells {
            if c.row == 0 && c.col == 0 {
                c.row_span = 2;
            }
            if c.row == 0 && c.col == 1 {
                c.col_span = 2;
            }
        }
        assert_eq!(header_rows(&g), 2);
        // Shaded top rows are header even with figures in them.
        let s = grid(
            0.0,
            0.0,
            &[&["Kod", "Tutar"], &["01", "2"], &["02", "3"]],
            &[0, 1],
        );
        assert_eq!(header_rows(&s), 2);
        // All rows shaded: shading is no signal.
        let all = grid(0.0, 0.0, &[&["Kod", "Tutar"], &["01", "2"]], &[0, 1]);
        assert_eq!(header_rows(&all), 1);
        // Figures at once: no header; empty rows are body.
        assert_eq!(header_rows(&grid(0.0, 0.0, &[&["A", "%5"]], &[])), 0);
        assert_eq!(
            header_rows(&grid(0.0, 0.0, &[&["", ""], &["Kod", "Ad"]], &[])),
            0
        );
        // A text table: its first row.
        assert_eq!(
            header_rows(&grid(
                0.0,
                0.0,
                &[&["Birim", "Görev"], &["A", "B"], &["C", "D"]],
                &[]
            )),
            1
        );
        assert_eq!(
            header_rows(&Grid {
                xs: vec![],
                ys: vec![],
                cells: vec![],
                header: None,
                gaps: Vec::new(),
            }),
            0
        );
    }

    #[test]
    fn figures() {
        for f in [
            "1.234.567,00",
            "12",
            "%45",
            "45 %",
            "-3,5",
            "(1.000)",
            "-",
            "2024,00",
        ] {
            assert!(is_figure(f), "{f}");
        }
        for f in ["2024", "Birim", "", "1.a", ",5", "Hedef 1"] {
            assert!(!is_figure(f), "{f}");
        }
    }
}
