//! The stream table finder: tables set without rules, found from the
//! alignment of their text alone (Camelot stream/network, tabula's text
//! edges and MuPDF's projections, reworked so that rows are records, not
//! text lines).
//!
//! 1. **Lines.** Cells of lines inside a ruled grid's box are left out (the
//!    lattice finder owns that area); lines without cells drop out.
//! 2. **Core lines.** A cell is *aligned* when its left, right or centre
//!    edge lies within [`ALIGN_TOLERANCE`] of the same edge of cells on at
//!    least [`MIN_SUPPORT`] lines of the page (itself included). A line
//!    with at least two cells, two of them aligned, is a core line. A title
//!    or a paragraph line (one cell) never is.
//! 3. **Areas.** A table area runs from a core line over the following
//!    lines while the vertical gap stays below [`GAP_BREAK`] font sizes, no
//!    ruled grid lies in between, and at most [`MAX_LOOSE_RUN`] consecutive
//!    non-core lines reach past the first column (wrapped names stay in
//!    it; paragraph text does not). A core line without figures after
//!    lines with figures starts a new table (its header). The area ends at
//!    its last core line, plus non-core lines set within leading of it; it
//!    starts with up to [`MAX_LOOSE_RUN`] lines above its first core line
//!    that are set within leading of it or have two cells (a header whose
//!    group label aligns with nothing). A line of two or more cells framed
//!    by rules across it (a header on a short page) counts as core. Where
//!    the table is ruled between its rows, the area goes on over each
//!    further band that starts right below a rule across the area and is
//!    closed by the next, whatever it holds (names beside empty figure
//!    columns align with nothing).
//! 4. **Columns.** Gutters are the x-ranges free of the cells of the
//!    *anchor* lines (lines holding figures; in a table without figures,
//!    lines of two or more cells). Other cells narrow the gutters they
//!    reach into, unless they cover a whole gutter (spanning labels); a
//!    header cell lying inside a gutter opens a column of its own. Column
//!    boundaries sit at gutter middles.
//! 5. **Header.** The area's lines down to its last line of two or more
//!    cells above the first anchor; lines above it whose cells all sit in
//!    the first column (the goal a table belongs to) are dropped. A
//!    header line with a cell covering a whole gutter (a group label)
//!    makes a row of its own, its cell spanning the columns; a header cell
//!    with nothing below it spans the header rows down.
//! 6. **Rows.** Body lines group into blocks whose lines are at most
//!    [`LEADING`] font sizes apart. In a block, row bands are cut at the
//!    midpoints between consecutive anchor lines, and every other line
//!    joins the band its centre falls in, so a wrapped name stays with its
//!    figures whether these sit on its first, middle or last line. A block
//!    is set one row per line when it has more than twice as many plain
//!    lines as anchors (a list of items most of which carry no figure), or
//!    no anchors and more than three lines, or when its bands cannot be
//!    rows of wrapped names: rows of a table share one vertical alignment
//!    (figures on the first, the last or the middle of an odd number of
//!    lines), and a label wraps only where the next word would not fit (a
//!    key–value list such as a cost table, set without row spacing, with
//!    figures beside some of its one-line labels, fails one or both). Figures on a line of their own
//!    (label column empty) join the row above when it has none. In a
//!    table ruled between its rows, the rows are the bands between the
//!    rules instead. Such a table without figures takes its header from
//!    its rules: the band above the first rule (its lines starting left of
//!    the table's cells, a label block, are not the table's) and, when that
//!    band holds a group label over cells of the next band, the bands
//!    after it that do not start at the table's left edge. Tables need two
//!    body rows (one under a header set apart by rules) and two columns; a
//!    two-column table
//!    without figures whose first column holds only list markers (`1.`,
//!    `•`) is a list, not a table.
//! 7. **Cells.** A cell takes the column holding its centre (header cells:
//!    the columns of the gutters they cover); its text lines are the
//!    band's lines, cells of one line in one slot joined by a space. Every
//!    slot gets a cell (empty ones without lines); `shaded` is always
//!    false.
//!
//! Coordinates are the layout stage's (points, y down). The finder never
//! panics; non-finite coordinates are ignored, and a page of more than
//! [`MAX_LINES`] lines gives no tables.

use std::ops::Range;

use super::grid::{Grid, GridCell};
use super::{Cell, Line};

/// Edges within this many points are aligned.
pub const ALIGN_TOLERANCE: f32 = 2.0;
/// An edge is a column edge when this many lines share it.
pub const MIN_SUPPORT: usize = 3;
/// A vertical gap of more than this many font sizes ends a table.
pub const GAP_BREAK: f32 = 3.0;
/// Lines of one cell are at most this many font sizes apart.
pub const LEADING: f32 = 1.4;
/// At most this many consecutive non-core lines reaching past the first
/// column stay inside a table.
pub const MAX_LOOSE_RUN: usize = 2;
/// A cell of at most this many words is a label or a figure, not running
/// text (whose edges and centre fall anywhere).
pub const SHORT_WORDS: usize = 6;
/// Pages with more lines than this are not searched.
pub const MAX_LINES: usize = 5_000;

/// A page line reduced to its usable cells.
struct Item<'a> {
    y: f32,
    size: f32,
    cells: Vec<&'a Cell>,
}

impl Item<'_> {
    fn top(&self) -> f32 {
        self.y - 0.8 * self.size
    }

    fn bottom(&self) -> f32 {
        self.y + 0.2 * self.size
    }

    /// Whether a cell after the first holds a figure (a year alone, as in
    /// a header, is not one).
    fn has_figure(&self) -> bool {
        self.cells
            .iter()
            .skip(1)
            .any(|c| is_figure(&c.text) && !is_year(&c.text))
    }
}

/// Finds tables set without rules on one page, from the alignment of its
/// text. `lines` are the page's lines top to bottom; `ruled` are the grids
/// the lattice finder already found (their areas are left alone). Tables
/// come top to bottom.
pub fn stream(lines: &[Line], ruled: &[Grid], rules: &[(f32, f32, f32)]) -> Vec<Grid> {
    let boxes: Vec<(f32, f32, f32, f32)> = ruled.iter().filter_map(Grid::bbox).collect();
    let mut items: Vec<Item> = lines
        .iter()
        .filter(|l| l.positioned && l.y.is_finite() && l.size.is_finite() && l.size > 0.0)
        .filter_map(|l| {
            let cells: Vec<&Cell> = l
                .cells
                .iter()
                .filter(|c| c.x0.is_finite() && c.x1.is_finite() && c.x1 >= c.x0)
                .filter(|c| !c.text.trim().is_empty())
                .filter(|c| {
                    let (cx, cy) = ((c.x0 + c.x1) / 2.0, l.y - 0.3 * l.size);
                    !boxes.iter().any(|&(x0, top, x1, bottom)| {
                        (x0 - 1.0..=x1 + 1.0).contains(&cx)
                            && (top - 1.0..=bottom + 1.0).contains(&cy)
                    })
                })
                .collect();
            (!cells.is_empty()).then_some(Item {
                y: l.y,
                size: l.size,
                cells,
            })
        })
        .collect();
    if items.len() > MAX_LINES {
        return Vec::new();
    }
    items.sort_by(|a, b| a.y.total_cmp(&b.y));
    for it in &mut items {
        it.cells.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    let mut core = core_lines(&items);
    framed_lines(&items, rules, &mut core);
    areas(&items, &core, &boxes, rules)
        .into_iter()
        .filter_map(|r| table(&items[r.clone()], &core[r], rules, None))
        .collect()
}

/// Whether a cell's text is a figure: digits with separators, a percent
/// sign or sign, or a lone dash standing for nothing.
fn is_figure(text: &str) -> bool {
    let t = text.trim();
    if matches!(t, "-" | "–" | "—") {
        return true;
    }
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ".,%-+()/ ".contains(c) || c == '\u{2212}')
}

/// Whether a cell's text is a list marker: `1.`, `a)`, `iv.`, a bullet.
fn is_marker(text: &str) -> bool {
    let t = text.trim();
    let core = t.trim_end_matches(['.', ')']);
    t.chars().count() <= 5
        && (matches!(t, "•" | "-" | "–" | "*" | "▪" | "◦" | "·")
            || !core.is_empty() && core.len() < t.len() && core.chars().all(char::is_alphanumeric))
}

/// Whether a cell's text is a year alone (a column heading).
fn is_year(text: &str) -> bool {
    let t = text.trim();
    t.len() == 4 && t.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Marks the core lines: two or more cells, two of them aligned with cells
/// of other lines.
fn core_lines(items: &[Item]) -> Vec<bool> {
    let mut edges: [Vec<f32>; 3] = Default::default();
    for it in items {
        for c in &it.cells {
            edges[0].push(c.x0);
            edges[1].push(c.x1);
            edges[2].push((c.x0 + c.x1) / 2.0);
        }
    }
    for e in &mut edges {
        e.sort_by(f32::total_cmp);
    }
    let support = |kind: usize, x: f32| {
        let v = &edges[kind];
        v.partition_point(|&e| e <= x + ALIGN_TOLERANCE)
            .saturating_sub(v.partition_point(|&e| e < x - ALIGN_TOLERANCE))
    };
    items
        .iter()
        .map(|it| {
            let aligned = it
                .cells
                .iter()
                .filter(|c| {
                    support(0, c.x0) >= MIN_SUPPORT
                        || support(1, c.x1) >= MIN_SUPPORT
                        || support(2, (c.x0 + c.x1) / 2.0) >= MIN_SUPPORT
                })
                .count();
            it.cells.len() >= 2 && aligned >= 2
        })
        .collect()
}

/// Marks as core a line of two or more cells set in a band of its own
/// between two rules across all its cells, each within a font size of its
/// text (a cell's padding): rules are evidence of a
/// table row where a short page gives no alignment to count (the header
/// of a table carried over a page break, over its last row).
fn framed_lines(items: &[Item], rules: &[(f32, f32, f32)], core: &mut [bool]) {
    for (k, it) in items.iter().enumerate() {
        if core[k] || it.cells.len() < 2 {
            continue;
        }
        let (Some(first), Some(last)) = (it.cells.first(), it.cells.last()) else {
            continue;
        };
        let across = |from: f32, to: f32| {
            rules.iter().any(|&(ry, lo, hi)| {
                (from..=to).contains(&ry)
                    && lo <= first.x0 + ALIGN_TOLERANCE
                    && hi >= last.x1 - ALIGN_TOLERANCE
            })
        };
        core[k] =
            across(it.top() - it.size, it.top()) && across(it.bottom(), it.bottom() + it.size);
    }
}

fn within_leading(a: &Item, b: &Item) -> bool {
    (b.y - a.y).abs() <= LEADING * a.size.max(b.size)
}

/// Whether a ruled grid lies between two baselines (and so between tables).
fn grid_between(boxes: &[(f32, f32, f32, f32)], y0: f32, y1: f32) -> bool {
    boxes
        .iter()
        .any(|&(_, top, _, bottom)| top < y1 && bottom > y0)
}

/// The table areas: ranges of `items`.
fn areas(
    items: &[Item],
    core: &[bool],
    boxes: &[(f32, f32, f32, f32)],
    rules: &[(f32, f32, f32)],
) -> Vec<Range<usize>> {
    let n = items.len();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < n {
        if !core[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut last_core = i;
        let mut figures = items[i].has_figure();
        // Where the second column starts: loose lines left of it are
        // wrapped first-column text.
        let mut second_x0 = items[i].cells.get(1).map_or(f32::INFINITY, |c| c.x0);
        let mut loose = 0;
        let mut j = i + 1;
        while j < n {
            let (prev, cur) = (&items[j - 1], &items[j]);
            if cur.y - prev.y > GAP_BREAK * prev.size.max(cur.size)
                || grid_between(boxes, prev.y, cur.y)
            {
                break;
            }
            if core[j] {
                // A line without figures after lines with figures starts a
                // new table (its header), unless its cells end where the
                // table's figures end (text values in the same columns).
                if figures && !cur.has_figure() && !continues_columns(&items[start..j], cur) {
                    break;
                }
                // A core line none of whose cells lines up with a cell of
                // the area's core lines so far shares no column with them:
                // a labelled block (`Stratejik Amaç 1 | : …`) above a
                // table, or two tables set one under the other.
                if !shares_column(&items[start..j], &core[start..j], cur) {
                    break;
                }
                figures |= cur.has_figure();
                second_x0 = second_x0.min(cur.cells.get(1).map_or(f32::INFINITY, |c| c.x0));
                last_core = j;
                loose = 0;
            } else if cur.cells.iter().any(|c| c.x1 >= second_x0) {
                loose += 1;
                if loose > MAX_LOOSE_RUN {
                    break;
                }
            }
            j += 1;
        }
        let mut end = last_core + 1;
        while end < n
            && end <= last_core + MAX_LOOSE_RUN
            && !core[end]
            && within_leading(&items[end - 1], &items[end])
        {
            end += 1;
        }
        end = ruled_bands_after(items, core, boxes, rules, start..end);
        let floor = out.last().map_or(0, |r| r.end);
        let mut s = start;
        while s > floor
            && start - s < MAX_LOOSE_RUN
            && !core[s - 1]
            && (within_leading(&items[s - 1], &items[s])
                || items[s - 1].cells.len() >= 2
                    && items[s].y - items[s - 1].y
                        <= GAP_BREAK * items[s].size.max(items[s - 1].size))
        {
            s -= 1;
        }
        out.push(s..end);
        i = end;
    }
    out
}

/// Where an area `area` of `items` ends once it is carried on over the
/// bands of a table ruled between its rows: while the next line starts
/// right below a rule across the area (a cell's padding) and the lines
/// down to the next such rule are no core line and lie within the area's
/// width, they are one more row of the table, whatever they hold (a body
/// of names with empty figure columns has nothing to align). Returns the
/// new end.
fn ruled_bands_after(
    items: &[Item],
    core: &[bool],
    boxes: &[(f32, f32, f32, f32)],
    rules: &[(f32, f32, f32)],
    area: Range<usize>,
) -> usize {
    let mut end = area.end;
    let cells = || items[area.clone()].iter().flat_map(|it| &it.cells);
    let left = cells().map(|c| c.x0).fold(f32::INFINITY, f32::min);
    let right = cells().map(|c| c.x1).fold(f32::NEG_INFINITY, f32::max);
    if left.partial_cmp(&right) != Some(std::cmp::Ordering::Less) {
        return end;
    }
    let across: Vec<f32> = {
        let mut ys: Vec<f32> = rules
            .iter()
            .filter(|&&(y, lo, hi)| {
                y.is_finite() && lo <= left + ALIGN_TOLERANCE && hi >= right - ALIGN_TOLERANCE
            })
            .map(|&(y, _, _)| y)
            .collect();
        ys.sort_by(f32::total_cmp);
        ys
    };
    let centre = |it: &Item| it.y - 0.3 * it.size;
    let rule_between = |a: &Item, b: &Item| across.iter().any(|&y| y > centre(a) && y < centre(b));
    // The area may end inside a band (a wrapped name's first line set
    // within leading of the header): complete that band when the area is
    // ruled between its rows and a rule closes the band below.
    if rule_between(&items[area.start], &items[end - 1]) {
        while end < items.len()
            && !core[end]
            && !rule_between(&items[end - 1], &items[end])
            && within_leading(&items[end - 1], &items[end])
            && across.iter().any(|&y| y > centre(&items[end]))
        {
            end += 1;
        }
    }
    while end < items.len() {
        let (prev, cur) = (&items[end - 1], &items[end]);
        // The rule the next line starts below, and the rule closing its band.
        let Some(&above) = across
            .iter()
            .rev()
            .find(|&&y| y > centre(prev) && y < centre(cur))
        else {
            break;
        };
        let Some(&below) = across.iter().find(|&&y| y > centre(cur)) else {
            break;
        };
        if cur.top() - above > 0.8 * cur.size || grid_between(boxes, prev.y, cur.y) {
            break;
        }
        let band_end = (end..items.len())
            .find(|&k| centre(&items[k]) > below)
            .unwrap_or(items.len());
        let band = &items[end..band_end];
        let fits = band.iter().all(|it| {
            it.cells
                .iter()
                .all(|c| c.x0 >= left - ALIGN_TOLERANCE && c.x1 <= right + ALIGN_TOLERANCE)
        });
        let set = band.windows(2).all(|w| within_leading(&w[0], &w[1]));
        if !fits || !set || core[end..band_end].iter().any(|&c| c) {
            break;
        }
        end = band_end;
    }
    end
}

/// Whether `line` (without figures) goes on with the table whose lines are
/// `above`: none of its cells is a year (column headings), and either at
/// least two of its cells after the first end (within [`ALIGN_TOLERANCE`])
/// where figure cells above end (text values in the figures' columns), or
/// every cell after the first starts where a cell after the first of a line
/// above starts (a unit, left-aligned in its column) or ends where a figure
/// above ends without reaching over another figure column (a text value,
/// right-aligned like the figures).
/// Whether `line` continues the columns of the core lines of `above`: two
/// of its cells line up with cells of the last of those lines, or its
/// cells line up with cells of two of those lines (of the one line, when
/// there is one) — columns, not a coincidence with one line's cell. Left
/// edges always count; right edges and centres only between short cells
/// (labels and figures: the right edge and centre of running text fall
/// anywhere), centres only between cells of comparable width.
fn shares_column(above: &[Item], core: &[bool], line: &Item) -> bool {
    let short = |c: &Cell| c.text.split_whitespace().count() <= SHORT_WORDS;
    let near = |a: f32, b: f32| (a - b).abs() <= ALIGN_TOLERANCE;
    let mid = |c: &Cell| (c.x0 + c.x1) / 2.0;
    let comparable = |a: &Cell, b: &Cell| {
        let (wa, wb) = (a.x1 - a.x0, b.x1 - b.x0);
        wa.min(wb) * 4.0 >= wa.max(wb)
    };
    let lined_up = |a: &Cell, b: &Cell| {
        near(a.x0, b.x0)
            || short(a)
                && short(b)
                && (near(a.x1, b.x1) || near(mid(a), mid(b)) && comparable(a, b))
    };
    let lines = || above.iter().zip(core).filter(|(_, &k)| k).map(|(it, _)| it);
    let with_last = lines().next_back().map_or(0, |l| {
        line.cells
            .iter()
            .filter(|b| l.cells.iter().any(|a| lined_up(a, b)))
            .count()
    });
    if with_last >= 2 {
        return true;
    }
    let need = lines().take(2).count();
    lines()
        .filter(|l| {
            l.cells
                .iter()
                .any(|a| line.cells.iter().any(|b| lined_up(a, b)))
        })
        .take(need)
        .count()
        >= need
}

fn continues_columns(above: &[Item], line: &Item) -> bool {
    if line.cells.iter().any(|c| is_year(&c.text)) {
        return false;
    }
    let near = |xs: &[f32], x: f32| xs.iter().any(|&e| (e - x).abs() <= ALIGN_TOLERANCE);
    let inner = || above.iter().flat_map(|it| it.cells.iter().skip(1));
    let ends: Vec<f32> = inner()
        .filter(|c| is_figure(&c.text) && !is_year(&c.text))
        .map(|c| c.x1)
        .collect();
    let starts: Vec<f32> = inner().map(|c| c.x0).collect();
    // A text value in a figure column: it ends where figures end and
    // reaches over no other figure column's end (a group label does).
    let in_figure_column = |c: &Cell| {
        near(&ends, c.x1)
            && !ends
                .iter()
                .any(|&e| e > c.x0 + ALIGN_TOLERANCE && e < c.x1 - ALIGN_TOLERANCE)
    };
    let rest = || line.cells.iter().skip(1);
    rest().filter(|c| near(&ends, c.x1)).count() >= 2
        || rest().next().is_some() && rest().all(|c| near(&starts, c.x0) || in_figure_column(c))
}

/// A row of the table: its lines, and whether it belongs to the header.
struct Row<'a, 'b> {
    lines: Vec<&'b Item<'a>>,
    header: bool,
}

/// Builds the grid of one area, if it is a table.
fn table(
    items: &[Item],
    core: &[bool],
    rules: &[(f32, f32, f32)],
    ruled_header: Option<usize>,
) -> Option<Grid> {
    let any_figures = items.iter().any(Item::has_figure);
    let anchor: Vec<bool> = match ruled_header {
        // A table ruled between rows: every body line is an anchor.
        Some(h) => (0..items.len()).map(|k| k >= h).collect(),
        None => items
            .iter()
            .zip(core)
            .map(|(it, &c)| if any_figures { it.has_figure() } else { c })
            .collect(),
    };
    let first_anchor = anchor.iter().position(|&a| a)?;
    let header_end = if let Some(h) = ruled_header {
        h
    } else if any_figures {
        (0..first_anchor)
            .rev()
            .find(|&k| core[k] || items[k].cells.len() >= 2)
            .map_or(0, |k| k + 1)
    } else {
        0
    };
    // Ruled between rows: the header is the band above the first rule and
    // the bands after it with nothing at the table's left edge (a group
    // label's leaves); a band starting at the left edge is a body row, even
    // one without figures (text values).
    let left = items
        .iter()
        .flat_map(|it| &it.cells)
        .map(|c| c.x0)
        .fold(f32::INFINITY, f32::min);
    let right = items
        .iter()
        .flat_map(|it| &it.cells)
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let cuts = full_width_cuts(items, rules, left, right);
    let band = |it: &Item| cuts.partition_point(|&c| c < it.y - 0.3 * it.size);
    let at_left = |it: &Item| it.cells.iter().any(|c| c.x0 <= left + ALIGN_TOLERANCE);
    // A table without figures ruled between its rows has a header of
    // several bands when its first band holds a group label: a cell over
    // two or more cells of the band below, which does not start at the
    // left edge of the lines below the first rule (the label's leaves).
    // Then the header is the first band and the bands after it that do
    // not start there.
    let mut ruled_text_header = false;
    let header_end = if ruled_header.is_none() && !any_figures && cuts.len() >= 2 {
        let first = band(&items[0]);
        let below_left = items
            .iter()
            .filter(|it| band(it) != first)
            .flat_map(|it| &it.cells)
            .map(|c| c.x0)
            .fold(f32::INFINITY, f32::min);
        let at_body_left = |it: &Item| {
            it.cells
                .iter()
                .any(|c| c.x0 <= below_left + ALIGN_TOLERANCE)
        };
        let second: Vec<&Item> = items.iter().filter(|it| band(it) == first + 1).collect();
        let group_label = items
            .iter()
            .filter(|it| band(it) == first)
            .flat_map(|it| &it.cells)
            .any(|g| {
                second.iter().any(|it| {
                    it.cells
                        .iter()
                        .filter(|c| c.x0 < g.x1 && g.x0 < c.x1)
                        .count()
                        >= 2
                })
            });
        let leaves = items
            .iter()
            .position(|it| band(it) == first + 1)
            .is_some_and(|k| !at_body_left(&items[k]));
        match (0..items.len()).find(|&k| band(&items[k]) != first && at_body_left(&items[k])) {
            Some(mut k) if group_label && leaves => {
                while k > 0 && band(&items[k - 1]) == band(&items[k]) {
                    k -= 1;
                }
                ruled_text_header = true;
                k
            }
            _ => header_end,
        }
    } else {
        header_end
    };
    let header_end = if ruled_header.is_none() && cuts.len() >= 2 && header_end > 0 {
        let first = band(&items[0]);
        let end = (0..header_end)
            .find(|&k| band(&items[k]) != first && at_left(&items[k]))
            .unwrap_or(header_end);
        header_end.min(end)
    } else {
        header_end
    };
    // Lines above the first rule of a table without figures ruled between
    // its rows that start left of the lines below it (a label block, a
    // title) are not the table's: its cells keep one inset.
    if ruled_header.is_none() && !any_figures && cuts.len() >= 2 {
        let first = band(&items[0]);
        let below_left = items
            .iter()
            .filter(|it| band(it) != first)
            .flat_map(|it| &it.cells)
            .map(|c| c.x0)
            .fold(f32::INFINITY, f32::min);
        if let Some(k) = (0..items.len()).rev().find(|&k| {
            band(&items[k]) == first
                && items[k]
                    .cells
                    .first()
                    .is_some_and(|c| c.x0 < below_left - ALIGN_TOLERANCE)
        }) {
            return table(&items[k + 1..], &core[k + 1..], rules, None);
        }
    }
    // Such a table's columns are those of its header's last band (the
    // leaves under a group label) and of its body.
    let anchor: Vec<bool> = if ruled_text_header && header_end > 0 {
        let leaves = band(&items[header_end - 1]);
        (0..items.len())
            .map(|k| k >= header_end || band(&items[k]) == leaves)
            .collect()
    } else {
        anchor
    };
    let (head, body) = items.split_at(header_end);
    let body_anchor = &anchor[header_end..];

    let gutters = gutters(items, &anchor, header_end)?;
    let mut xs = Vec::with_capacity(gutters.len() + 2);
    xs.push(
        items
            .iter()
            .flat_map(|it| &it.cells)
            .map(|c| c.x0)
            .fold(f32::INFINITY, f32::min),
    );
    xs.extend(gutters.iter().map(|g| (g.start + g.end) / 2.0));
    xs.push(
        items
            .iter()
            .flat_map(|it| &it.cells)
            .map(|c| c.x1)
            .fold(f32::NEG_INFINITY, f32::max),
    );
    let ncols = xs.len() - 1;
    if ncols < 2 {
        return None;
    }
    // Labelled lines ("Stratejik Amaç 1 : …") are not a table.
    if !any_figures
        && ncols == 2
        && items
            .iter()
            .filter(|it| it.cells.len() >= 2)
            .all(|it| it.cells[1].text.trim_start().starts_with(':'))
    {
        return None;
    }
    // A numbered or bulleted list is not a table.
    if !any_figures
        && ncols == 2
        && items
            .iter()
            .filter(|it| it.cells.len() >= 2)
            .filter_map(|it| it.cells.first())
            .all(|c| c.x1 <= xs[1] && is_marker(&c.text))
    {
        return None;
    }
    // A line above the body running from the first column across the next
    // (a title or a "label : value" line set over the table's width) is
    // not the table's: the table starts below the last such line.
    if let Some(k) = (0..header_end).rev().find(|&k| {
        items[k]
            .cells
            .iter()
            .any(|c| c.x0 < xs[1] && c.x1 > xs[2] + 1.0)
    }) {
        let ruled_header = ruled_header.map(|h| h - (k + 1));
        return table(&items[k + 1..], &core[k + 1..], rules, ruled_header);
    }
    // Lines above the header set within the first column (titles, the
    // goal a table belongs to) are not the table's.
    let mut from = header_end;
    while ruled_header.is_none()
        && from > 0
        && (items[from - 1]
            .cells
            .iter()
            .any(|c| (c.x0 + c.x1) / 2.0 > xs[1])
            || from < header_end && within_leading(&items[from - 1], &items[from]))
    {
        from -= 1;
    }
    if from > 0 {
        return table(&items[from..], &core[from..], rules, None);
    }

    let mut rows: Vec<Row> = header_rows(head, &gutters);
    let (x_lo, x_hi) = (xs[0], xs[ncols]);
    let ruled = ruled_rows(body, rules, x_lo, x_hi);
    let is_ruled = ruled.is_some();
    let body_rows = ruled.unwrap_or_else(|| body_rows(body, body_anchor, xs[1]));
    // Figures set on a line of their own below a name that has none (the
    // label column empty) belong to that name.
    for r in body_rows {
        let label_empty = r
            .lines
            .iter()
            .all(|l| l.cells.first().is_some_and(|c| (c.x0 + c.x1) / 2.0 > xs[1]));
        match rows.last_mut() {
            Some(prev)
                if any_figures
                    && !is_ruled
                    && label_empty
                    && !prev.header
                    && !prev.lines.iter().any(|l| l.has_figure()) =>
            {
                prev.lines.extend(r.lines);
            }
            _ => rows.push(r),
        }
    }

    // Two body rows make a table; one is enough under a header its rules
    // set apart (the last row of a table carried over a page break).
    let min_body = if ruled_text_header && header_end > 0
        || header_end > 0 && header_end < items.len() && {
            // A header ruled off above a body closed by a rule below (a
            // table of one row at a page's foot).
            let across = |from: f32, to: f32| {
                !full_width_cuts(&items[header_end - 1..], rules, x_lo, x_hi)
                    .iter()
                    .all(|&y| y <= from || y >= to)
            };
            let (head_last, body_first) = (&items[header_end - 1], &items[header_end]);
            let last = &items[items.len() - 1];
            across(head_last.bottom(), body_first.top())
                && rules.iter().any(|&(y, lo, hi)| {
                    y > last.bottom()
                        && y < last.bottom() + last.size
                        && hi.min(x_hi) - lo.max(x_lo) >= 0.6 * (x_hi - x_lo)
                })
        } {
        1
    } else {
        2
    };
    if rows.iter().filter(|r| !r.header).count() < min_body {
        return None;
    }
    let mut ys = Vec::with_capacity(rows.len() + 1);
    let top = |r: &Row| {
        r.lines
            .iter()
            .map(|l| l.top())
            .fold(f32::INFINITY, f32::min)
    };
    let bottom = |r: &Row| {
        r.lines
            .iter()
            .map(|l| l.bottom())
            .fold(f32::NEG_INFINITY, f32::max)
    };
    ys.push(top(&rows[0]));
    for w in rows.windows(2) {
        ys.push((bottom(&w[0]) + top(&w[1])) / 2.0);
    }
    ys.push(bottom(rows.last()?));

    // Slots: per row, (col, span, lines).
    let mut slots: Vec<Vec<Slot>> = rows.iter().map(|r| fill_row(r, &xs, &gutters)).collect();
    let header_rows = rows.iter().take_while(|r| r.header).count();
    widen_group_labels(&mut slots, header_rows, ncols);
    // Header cells with nothing below them in the header span down.
    let mut row_spans: Vec<Vec<usize>> = slots.iter().map(|s| vec![1; s.len()]).collect();
    for r in 0..header_rows {
        for k in 0..slots[r].len() {
            let cols = slots[r][k].col..slots[r][k].col + slots[r][k].span;
            let mut span = 1;
            while r + span < header_rows
                && !slots[r + span]
                    .iter()
                    .any(|s| s.col < cols.end && cols.start < s.col + s.span)
            {
                span += 1;
            }
            row_spans[r][k] = span;
        }
    }
    let mut cells = Vec::new();
    let mut covered = vec![vec![false; ncols]; rows.len()];
    for (r, row) in slots.iter_mut().enumerate() {
        for (k, s) in row.iter_mut().enumerate() {
            let rs = row_spans[r][k];
            for cov in covered.iter_mut().skip(r).take(rs) {
                for c in cov.iter_mut().skip(s.col).take(s.span) {
                    *c = true;
                }
            }
            cells.push(GridCell {
                row: r,
                col: s.col,
                row_span: rs,
                col_span: s.span,
                x0: xs[s.col],
                x1: xs[s.col + s.span],
                top: ys[r],
                bottom: ys[r + rs],
                shaded: false,
                lines: std::mem::take(&mut s.lines),
            });
        }
    }
    for (r, cov) in covered.iter().enumerate() {
        for (c, _) in cov.iter().enumerate().filter(|(_, &v)| !v) {
            cells.push(GridCell::single(&xs, &ys, r, c, Vec::new()));
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Some(Grid {
        xs,
        ys,
        cells,
        header: (ruled_text_header && header_rows > 0).then_some(header_rows),
        gaps: gutters.iter().map(|g| (g.start, g.end)).collect(),
    })
}

/// The gutters between the columns, left to right.
fn gutters(items: &[Item], anchor: &[bool], header_end: usize) -> Option<Vec<Range<f32>>> {
    let mut spans: Vec<(f32, f32)> = items
        .iter()
        .zip(anchor)
        .filter(|(_, &a)| a)
        .flat_map(|(it, _)| it.cells.iter().map(|c| (c.x0, c.x1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut gutters: Vec<Range<f32>> = Vec::new();
    // Cells left of every anchor cell (names wrapped around figures set
    // between their lines, so no name shares a line with its figures)
    // make a first column of their own.
    let first = spans.first()?.0;
    let left = items
        .iter()
        .flat_map(|it| it.cells.iter())
        .filter(|c| c.x1 < first)
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    if left.is_finite() {
        gutters.push(left..first);
    }
    let mut reach = spans.first()?.1;
    for &(x0, x1) in &spans[1..] {
        if x0 > reach {
            gutters.push(reach..x0);
        }
        reach = reach.max(x1);
    }
    // Header cells right of every anchor cell (columns the body leaves
    // empty) open columns of their own.
    let mut beyond: Vec<(f32, f32)> = items[..header_end.min(items.len())]
        .iter()
        .flat_map(|it| it.cells.iter())
        .filter(|c| c.x0 > reach)
        .map(|c| (c.x0, c.x1))
        .collect();
    beyond.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last = reach;
    for (x0, x1) in beyond {
        if x0 > last {
            gutters.push(last..x0);
        }
        last = last.max(x1);
    }
    // Header cells inside a gutter open a column: split the gutter.
    let mut split = gutters;
    for it in &items[..header_end.min(items.len())] {
        for c in &it.cells {
            if let Some(k) = split.iter().position(|g| c.x0 > g.start && c.x1 < g.end) {
                let g = split.remove(k);
                split.insert(k, c.x1..g.end);
                split.insert(k, g.start..c.x0);
            }
        }
    }
    // Other cells narrow the gutters they reach into.
    for (k, it) in items.iter().enumerate() {
        if anchor[k] {
            continue;
        }
        for c in &it.cells {
            for g in &mut split {
                let (a, b) = (g.start, g.end);
                if c.x0 <= a && c.x1 >= b || c.x1 <= a || c.x0 >= b {
                    continue;
                }
                if c.x0 <= a {
                    g.start = c.x1;
                } else if c.x1 >= b {
                    g.end = c.x0;
                }
            }
        }
    }
    split.retain(|g| g.end > g.start);
    Some(split)
}

/// Header lines into rows: a line with a cell covering a whole gutter or
/// lying over two or more cells of the next line (a group label) stands
/// apart from lines without one.
fn header_rows<'a, 'b>(head: &'b [Item<'a>], gutters: &[Range<f32>]) -> Vec<Row<'a, 'b>> {
    let mut rows: Vec<Row> = Vec::new();
    let mut last_group = None;
    for (k, it) in head.iter().enumerate() {
        // A group label covers a whole gutter, or lies over two or more
        // cells of the next header line (a label centred over columns
        // narrower than they are).
        let over_two = |c: &Cell| {
            head.get(k + 1).is_some_and(|next| {
                next.cells
                    .iter()
                    .filter(|n| n.x0 < c.x1 && c.x0 < n.x1)
                    .count()
                    >= 2
            })
        };
        let group = it
            .cells
            .iter()
            .any(|c| gutters.iter().any(|g| c.x0 <= g.start && c.x1 >= g.end) || over_two(c));
        match rows.last_mut() {
            Some(r) if last_group == Some(group) => r.lines.push(it),
            _ => rows.push(Row {
                lines: vec![it],
                header: true,
            }),
        }
        last_group = Some(group);
    }
    rows
}

/// Body lines into rows: blocks by leading, cut into bands at the
/// midpoints between anchor lines, or set one row per line (step 6 of the
/// module's description). `label_end` is the first column's right
/// boundary.
fn body_rows<'a, 'b>(body: &'b [Item<'a>], anchor: &[bool], label_end: f32) -> Vec<Row<'a, 'b>> {
    let labels: Vec<Option<&Cell>> = body
        .iter()
        .map(|it| {
            it.cells
                .first()
                .copied()
                .filter(|c| (c.x0 + c.x1) / 2.0 < label_end)
        })
        .collect();
    let label_right = labels
        .iter()
        .flatten()
        .map(|c| c.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let figures = body.iter().any(Item::has_figure);
    let mut rows = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let mut end = start + 1;
        while end < body.len() && within_leading(&body[end - 1], &body[end]) {
            end += 1;
        }
        let block = &body[start..end];
        let is_anchor = &anchor[start..end];
        let anchors: Vec<f32> = block
            .iter()
            .zip(is_anchor)
            .filter(|(_, &a)| a)
            .map(|(it, _)| it.y)
            .collect();
        let plain = block.len() - anchors.len();
        let bands = (!anchors.is_empty()).then(|| {
            // Rows set at their tops (each line with the anchor above it)
            // when their cells line up so: in a block of text (a key–value
            // list, whose rows start with their label) first; in a block
            // of figures (names wrapped around figures set on their
            // middle or last line) when the bands cut at midpoints do not
            // line up (a value wrapped under its label's line taken into
            // the next row).
            let lined_up =
                |bs: &[Vec<usize>]| bs.iter().all(|b| cells_lined_up(block, b, label_end));
            let top = top_bands(is_anchor);
            if !figures && lined_up(&top) {
                return top;
            }
            let cut = bands(block, &anchors);
            if lined_up(&cut) || !lined_up(&top) {
                cut
            } else {
                top
            }
        });
        let one_per_line = match &bands {
            None => block.len() > 3,
            Some(bands) => {
                plain > 2 * anchors.len()
                    || (anchors.len() > 1
                        && (!one_alignment(bands, is_anchor)
                            || !wrapped(bands, &labels[start..end], label_right)))
            }
        };
        match bands {
            _ if one_per_line => rows.extend(block.iter().map(|it| Row {
                lines: vec![it],
                header: false,
            })),
            None => rows.push(Row {
                lines: block.iter().collect(),
                header: false,
            }),
            Some(bands) => rows.extend(bands.into_iter().filter(|b| !b.is_empty()).map(|b| Row {
                lines: b.into_iter().map(|i| &block[i]).collect(),
                header: false,
            })),
        }
        start = end;
    }
    rows
}

/// A block's lines (indices) in bands, one band per anchor line, cut at
/// the midpoints between the anchors' baselines `anchors`: every line
/// joins the band its centre falls in.
fn bands(block: &[Item], anchors: &[f32]) -> Vec<Vec<usize>> {
    let mut bands: Vec<Vec<usize>> = vec![Vec::new(); anchors.len()];
    for (i, it) in block.iter().enumerate() {
        let centre = it.y - 0.3 * it.size;
        let band = anchors
            .windows(2)
            .take_while(|w| centre > (w[0] + w[1]) / 2.0 - 0.3 * it.size)
            .count();
        if let Some(b) = bands.get_mut(band) {
            b.push(i);
        }
    }
    bands
}

/// A block's lines (indices) in bands, one per anchor line: each line
/// joins the last anchor above it (lines above the first anchor, the
/// first).
fn top_bands(is_anchor: &[bool]) -> Vec<Vec<usize>> {
    let mut bands: Vec<Vec<usize>> = Vec::new();
    for (i, &a) in is_anchor.iter().enumerate() {
        match bands.last_mut() {
            Some(b) if !a => b.push(i),
            _ => bands.push(vec![i]),
        }
    }
    // Lines above the first anchor opened a band of their own: join it to
    // the first anchor's.
    if bands.len() > 1 && !is_anchor[bands[0][0]] {
        let first = bands.remove(0);
        bands[0].splice(0..0, first);
    }
    bands
}

/// Whether the cells of a band (its label column, left of `label_end`,
/// and the rest) are set at one vertical alignment: their first lines, last
/// lines or middles level, as the cells of one table row are.
fn cells_lined_up(block: &[Item], band: &[usize], label_end: f32) -> bool {
    let mut spans: [Option<(f32, f32)>; 2] = [None, None];
    for &i in band {
        let it = &block[i];
        for c in &it.cells {
            let k = usize::from((c.x0 + c.x1) / 2.0 >= label_end);
            let s = spans[k].get_or_insert((it.y, it.y));
            s.0 = s.0.min(it.y);
            s.1 = s.1.max(it.y);
        }
    }
    let [Some(a), Some(b)] = spans else {
        return true;
    };
    let tol = band.iter().map(|&i| block[i].size).fold(0.0, f32::max) * 0.5;
    (a.0 - b.0).abs() <= tol
        || (a.1 - b.1).abs() <= tol
        || ((a.0 + a.1) - (b.0 + b.1)).abs() / 2.0 <= tol
}

/// Whether each band's label lines can be one wrapped label: a line that
/// goes on in the next line of its band is full (the next line's first
/// word would not have fit after it within `right`, the label column's
/// widest extent), unless it ends in a hyphen.
fn wrapped(bands: &[Vec<usize>], labels: &[Option<&Cell>], right: f32) -> bool {
    bands.iter().all(|band| {
        band.windows(2).all(|w| {
            let (Some(a), Some(b)) = (labels[w[0]], labels[w[1]]) else {
                return true;
            };
            if (a.x0 - b.x0).abs() > ALIGN_TOLERANCE || a.text.ends_with(['-', '‐']) {
                return true;
            }
            let chars = b.text.chars().count().max(1) as f32;
            let per_char = (b.x1 - b.x0) / chars;
            let word = b
                .text
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            a.x1 + per_char * (word + 1) as f32 > right - 1.0
        })
    })
}

/// Whether the bands share one vertical alignment of their figures, as the
/// rows of a table do: each band's anchor line first (top), last (bottom)
/// or in the middle of an odd number of lines (centred; figures centred
/// beside an even number of lines sit between two baselines, on no text
/// line). Bands cut through a list of one-line items (most without
/// figures) take their anchor where the midpoints fall, and disagree.
fn one_alignment(bands: &[Vec<usize>], is_anchor: &[bool]) -> bool {
    let (mut top, mut bottom, mut centre) = (true, true, true);
    for band in bands {
        let Some(a) = band.iter().position(|&i| is_anchor[i]) else {
            continue;
        };
        let n = band.len();
        top &= a == 0;
        bottom &= a + 1 == n;
        centre &= n % 2 == 1 && 2 * a + 1 == n;
    }
    top || bottom || centre
}

/// Rows of a body ruled between its rows: when at least two rules run
/// across most of the table's width between its lines, every line belongs
/// to the band between the rules around it, whatever its vertical
/// alignment and however many lines a cell wraps to. None when the body is
/// not ruled so.
fn ruled_rows<'a, 'b>(
    body: &'b [Item<'a>],
    rules: &[(f32, f32, f32)],
    x_lo: f32,
    x_hi: f32,
) -> Option<Vec<Row<'a, 'b>>> {
    let cuts = full_width_cuts(body, rules, x_lo, x_hi);
    if cuts.len() < 2 {
        return None;
    }
    let mut bands: Vec<Row> = (0..=cuts.len())
        .map(|_| Row {
            lines: Vec::new(),
            header: false,
        })
        .collect();
    for it in body {
        let centre = it.y - 0.3 * it.size;
        let band = cuts.partition_point(|&c| c < centre);
        bands[band].lines.push(it);
    }
    Some(bands.into_iter().filter(|b| !b.lines.is_empty()).collect())
}

/// The rules running across most of `x_lo..x_hi` between the first and the
/// last of `lines`, top to bottom, one per position.
fn full_width_cuts(lines: &[Item], rules: &[(f32, f32, f32)], x_lo: f32, x_hi: f32) -> Vec<f32> {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Vec::new();
    };
    let width = x_hi - x_lo;
    let mut cuts: Vec<f32> = rules
        .iter()
        .filter(|&&(y, lo, hi)| {
            y > first.top() && y < last.bottom() && hi.min(x_hi) - lo.max(x_lo) >= 0.6 * width
        })
        .map(|&(y, _, _)| y)
        .collect();
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    cuts
}

/// A group label printed narrower than its columns (right-aligned or
/// centred over some of them): a header column that has a leaf label below
/// and nothing above belongs to the group label beside it, which is widened
/// over it — to the right first, then to the left.
fn widen_group_labels(slots: &mut [Vec<Slot>], header_rows: usize, ncols: usize) {
    for r in 0..header_rows.saturating_sub(1) {
        let (upper, lower) = slots.split_at_mut(r + 1);
        let (row, below) = (&mut upper[r], &lower[0]);
        let covers = |s: &Slot, c: usize| s.col <= c && c < s.col + s.span;
        for c in 0..ncols {
            if row.iter().any(|s| covers(s, c)) || !below.iter().any(|s| covers(s, c)) {
                continue;
            }
            if let Some(s) = row.iter_mut().find(|s| s.span >= 2 && s.col + s.span == c) {
                s.span += 1;
            } else if let Some(s) = row.iter_mut().find(|s| s.span >= 2 && s.col == c + 1) {
                s.col = c;
                s.span += 1;
            }
        }
    }
}

/// One filled slot of a row.
struct Slot {
    col: usize,
    span: usize,
    lines: Vec<String>,
    /// The index (in the row) of the line that gave the last text line.
    last: usize,
}

/// The slots of one row: each cell in the column of its centre (a header
/// cell covering whole gutters spans their columns).
fn fill_row(row: &Row, xs: &[f32], gutters: &[Range<f32>]) -> Vec<Slot> {
    let ncols = xs.len().saturating_sub(1);
    let col_of = |x: f32| xs[1..ncols].iter().take_while(|&&b| x > b).count();
    // A body row whose text all starts in the first column and runs across
    // a gutter is a heading set across the table (a group row).
    let cells = || row.lines.iter().flat_map(|it| it.cells.iter());
    let heading = !row.header
        && ncols >= 2
        && cells().all(|c| c.x0 < xs[1])
        && cells().any(|c| gutters.iter().any(|g| c.x0 <= g.start && c.x1 >= g.end));
    let mut slots: Vec<Slot> = Vec::new();
    for (li, it) in row.lines.iter().enumerate() {
        for c in &it.cells {
            let mut col = col_of((c.x0 + c.x1) / 2.0);
            let mut span = 1;
            if heading {
                // A row set across the table: one cell spanning it.
                col = 0;
                span = ncols;
            } else if row.header {
                let covered: Vec<usize> = gutters
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| c.x0 <= g.start && c.x1 >= g.end)
                    .map(|(k, _)| k)
                    .collect();
                if let (Some(&a), Some(&b)) = (covered.first(), covered.last()) {
                    col = a;
                    span = b - a + 2;
                }
            }
            let cols = col..col + span;
            let slot = match slots
                .iter()
                .position(|s| s.col < cols.end && cols.start < s.col + s.span)
            {
                Some(k) => &mut slots[k],
                None => {
                    slots.push(Slot {
                        col,
                        span,
                        lines: Vec::new(),
                        last: usize::MAX,
                    });
                    let k = slots.len() - 1;
                    &mut slots[k]
                }
            };
            match slot.lines.last_mut() {
                Some(l) if slot.last == li => {
                    l.push(' ');
                    l.push_str(c.text.trim());
                }
                _ => slot.lines.push(c.text.trim().to_string()),
            }
            slot.last = li;
        }
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: f32 = 6.0;
    /// Width of one character at [`SIZE`].
    const CH: f32 = 3.0;

    /// A line at baseline `y` from `(x, text, right_aligned)` parts: a
    /// right-aligned part ends at `x`.
    fn line(y: f32, parts: &[(f32, &str, bool)]) -> Line {
        Line {
            y,
            size: SIZE,
            positioned: true,
            cells: parts
                .iter()
                .map(|&(x, text, right)| {
                    let w = CH * text.chars().count() as f32;
                    let x0 = if right { x - w } else { x };
                    Cell {
                        x0,
                        x1: x0 + w,
                        text: text.to_string(),
                    }
                })
                .collect(),
        }
    }

    /// A body row: a name at the left margin and right-aligned figures
    /// ending at 300, 400 and 500 (an empty string leaves one out).
    fn row(y: f32, name: &str, figs: [&str; 3]) -> Line {
        let mut parts = Vec::new();
        if !name.is_empty() {
            parts.push((20.0, name, false));
        }
        for (x, f) in [300.0, 400.0, 500.0].into_iter().zip(figs) {
            if !f.is_empty() {
                parts.push((x, f, true));
            }
        }
        line(y, &parts)
    }

    fn header(y: f32) -> Line {
        line(
            y,
            &[
                (20.0, "Faaliyet", false),
                (300.0, "2022", true),
                (400.0, "2023", true),
                (500.0, "2024", true),
            ],
        )
    }

    fn text(g: &Grid, row: usize, col: usize) -> String {
        g.cell_at(row, col).map(GridCell::text).unwrap_or_default()
    }

    /// Every slot is covered by exactly one cell.
    fn check_cover(g: &Grid) {
        for r in 0..g.rows() {
            for c in 0..g.cols() {
                let n = g.cells.iter().filter(|k| k.covers(r, c)).count();
                assert_eq!(n, 1, "slot {r},{c}");
            }
        }
    }

    fn paragraph(y: f32, n: usize) -> Vec<Line> {
        (0..n)
            .map(|i| {
                line(
                    y + 11.0 * i as f32,
                    &[(
                        20.0,
                        "Bu metin bir paragraftır ve tablo değildir, satırları uzundur.",
                        false,
                    )],
                )
            })
            .collect()
    }

    #[test]
    fn simple_three_column_table() {
        let lines = vec![
            line(
                20.0,
                &[
                    (20.0, "Ad", false),
                    (300.0, "Bütçe", true),
                    (400.0, "Toplam", true),
                ],
            ),
            line(
                31.0,
                &[
                    (20.0, "Bir", false),
                    (300.0, "1.000,00", true),
                    (400.0, "2.000,00", true),
                ],
            ),
            line(
                42.0,
                &[
                    (20.0, "İki", false),
                    (300.0, "30,00", true),
                    (400.0, "40,00", true),
                ],
            ),
            line(
                53.0,
                &[
                    (20.0, "Üç", false),
                    (300.0, "5,00", true),
                    (400.0, "600,00", true),
                ],
            ),
        ];
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (4, 3));
        check_cover(g);
        assert_eq!(text(g, 0, 1), "Bütçe");
        assert_eq!(text(g, 2, 0), "İki");
        assert_eq!(text(g, 3, 2), "600,00");
        assert!(g.cells.iter().all(|c| !c.shaded));
    }

    /// A table whose second record's name wraps onto two lines, set 7 pt
    /// apart, with its figures on line `at` (0 first, 1 second, None
    /// between them).
    fn wrapped(at: Option<usize>) -> Vec<Grid> {
        let figs = ["10", "20", "30"];
        let mut lines = vec![header(20.0), row(31.0, "Birinci kayıt", ["1", "2", "3"])];
        match at {
            Some(0) => {
                lines.push(row(42.0, "İkinci kaydın uzun adı", figs));
                lines.push(row(49.0, "iki satıra sarar", ["", "", ""]));
            }
            Some(_) => {
                lines.push(row(42.0, "İkinci kaydın uzun adı", ["", "", ""]));
                lines.push(row(49.0, "iki satıra sarar", figs));
            }
            None => {
                lines.push(row(42.0, "İkinci kaydın uzun adı", ["", "", ""]));
                lines.push(row(45.5, "", figs));
                lines.push(row(49.0, "iki satıra sarar", ["", "", ""]));
            }
        }
        lines.push(row(60.0, "Üçüncü kayıt", ["4", "5", "6"]));
        stream(&lines, &[], &[])
    }

    fn check_wrapped(grids: &[Grid]) {
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (4, 4));
        check_cover(g);
        let name = g.cell_at(2, 0).map(|c| c.lines.clone()).unwrap_or_default();
        assert_eq!(name, ["İkinci kaydın uzun adı", "iki satıra sarar"]);
        assert_eq!(text(g, 2, 1), "10");
        assert_eq!(text(g, 2, 3), "30");
        assert_eq!(text(g, 1, 0), "Birinci kayıt");
        assert_eq!(text(g, 3, 0), "Üçüncü kayıt");
        assert_eq!(text(g, 3, 3), "6");
    }

    #[test]
    fn wrapped_name_figures_centred() {
        check_wrapped(&wrapped(None));
    }

    #[test]
    fn wrapped_name_figures_top() {
        check_wrapped(&wrapped(Some(0)));
    }

    #[test]
    fn wrapped_name_figures_bottom() {
        check_wrapped(&wrapped(Some(1)));
    }

    /// A key–value list set without row spacing (an activity's cost
    /// table): one-line labels 9 pt apart, figures beside some of them.
    #[test]
    fn key_value_list_is_one_row_per_line() {
        let rows: [(&str, &str); 10] = [
            ("1. Personel Giderleri", "23.445.000,00"),
            (
                "2. Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
                "2.288.000,00",
            ),
            ("3. Mal ve Hizmet Alım Giderleri", "690.652.000,00"),
            ("4. Faiz Giderleri", ""),
            ("5. Cari Transferler", ""),
            ("6. Sermaye Giderleri", "8.250.000,00"),
            ("7. Sermaye Transferleri", ""),
            ("8. Borç Verme", ""),
            ("Toplam Bütçe Kaynak İhtiyacı", "724.635.000,00"),
            ("Döner Sermaye", ""),
        ];
        let mut lines = vec![line(
            20.0,
            &[(20.0, "Ekonomik Kod", false), (400.0, "2024", true)],
        )];
        for (i, (label, fig)) in rows.iter().enumerate() {
            let y = 29.0 + 7.5 * i as f32;
            let mut parts = vec![(20.0, *label, false)];
            if !fig.is_empty() {
                parts.push((400.0, *fig, true));
            }
            lines.push(line(y, &parts));
        }
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.rows(), 1 + rows.len());
        for (i, (label, fig)) in rows.iter().enumerate() {
            assert_eq!(text(g, i + 1, 0), *label);
            assert_eq!(text(g, i + 1, 1), *fig);
        }
    }

    /// Wrapped names set without row spacing, figures on each name's first
    /// line, stay one row per name.
    #[test]
    fn wrapped_names_without_row_spacing() {
        let lines = vec![
            header(20.0),
            row(29.0, "Birinci kaydın uzun adı", ["1", "2", "3"]),
            row(36.0, "sarar", ["", "", ""]),
            row(43.0, "İkinci kaydın uzun adı de", ["4", "5", "6"]),
            row(50.0, "sarar", ["", "", ""]),
        ];
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.rows(), 3);
        assert_eq!(text(g, 1, 0), "Birinci kaydın uzun adı sarar");
        assert_eq!(text(g, 2, 0), "İkinci kaydın uzun adı de sarar");
        assert_eq!(text(g, 2, 3), "6");
    }

    #[test]
    fn empty_cell_keeps_row_and_columns() {
        let lines = vec![
            header(20.0),
            row(31.0, "Bir", ["1.000", "2.000", "3.000"]),
            row(42.0, "İki", ["10", "", "30"]),
            row(53.0, "Üç", ["4", "5", "6"]),
        ];
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (4, 4));
        check_cover(g);
        assert_eq!(text(g, 2, 0), "İki");
        assert_eq!(text(g, 2, 1), "10");
        assert_eq!(text(g, 2, 2), "");
        assert_eq!(text(g, 2, 3), "30");
        assert_eq!(text(g, 3, 2), "5");
    }

    /// A table with "Faaliyetler" and a group label over three figure
    /// columns, the label printed from `label_x0` to `label_x1`.
    fn group_label_table(label_x0: f32, label_x1: f32) -> Grid {
        let mut top = line(20.0, &[(20.0, "Faaliyetler", false)]);
        top.cells.push(Cell {
            x0: label_x0,
            x1: label_x1,
            text: "Kaynak İhtiyacı (TL)".to_string(),
        });
        let lines = vec![
            top,
            line(
                27.0,
                &[
                    (300.0, "Bütçe İçi", true),
                    (400.0, "Bütçe Dışı", true),
                    (500.0, "Toplam", true),
                ],
            ),
            row(38.0, "Bir", ["1.000,00", "0,00", "1.000,00"]),
            row(49.0, "İki", ["2.000,00", "0,00", "2.000,00"]),
            row(60.0, "Üç", ["3.000,00", "0,00", "3.000,00"]),
        ];
        let mut grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = grids.remove(0);
        check_cover(&g);
        g
    }

    #[test]
    fn two_row_header_with_group_label() {
        // Centred over the three figure columns.
        let g = group_label_table(290.0, 480.0);
        assert_eq!((g.rows(), g.cols()), (5, 4));
        let group = g.cell_at(0, 2).cloned().unwrap_or_else(|| panic!("group"));
        assert_eq!(group.text(), "Kaynak İhtiyacı (TL)");
        assert_eq!(
            (group.row, group.col, group.col_span, group.row_span),
            (0, 1, 3, 1)
        );
        let label = g.cell_at(1, 0).cloned().unwrap_or_else(|| panic!("label"));
        assert_eq!((label.text().as_str(), label.row_span), ("Faaliyetler", 2));
        assert_eq!(text(&g, 1, 1), "Bütçe İçi");
        assert_eq!(text(&g, 1, 3), "Toplam");
        assert_eq!(text(&g, 4, 2), "0,00");
    }

    #[test]
    fn a_group_label_narrower_than_its_columns_spans_them_all() {
        // Printed right-aligned over the first two figure columns only: the
        // third leaf ("Toplam") has nothing above it, so it is the label's.
        let g = group_label_table(290.0, 400.0);
        let group = g.cell_at(0, 3).cloned().unwrap_or_else(|| panic!("group"));
        assert_eq!(group.text(), "Kaynak İhtiyacı (TL)");
        assert_eq!((group.col, group.col_span), (1, 3));
    }

    #[test]
    fn paragraph_is_not_a_table() {
        assert!(stream(&paragraph(20.0, 12), &[], &[]).is_empty());
        // Justified text with wide spaces in different places.
        let lines: Vec<Line> = (0..10)
            .map(|i| {
                let x = 100.0 + 37.0 * (i % 5) as f32;
                line(
                    20.0 + 11.0 * i as f32,
                    &[
                        (20.0, "Bu satır geniş boşluk", false),
                        (x + 90.0, "içerir ve devam eder", false),
                    ],
                )
            })
            .collect();
        assert!(stream(&lines, &[], &[]).is_empty());
    }

    #[test]
    fn numbered_list_is_not_a_table() {
        let lines: Vec<Line> = (1..=8)
            .map(|i| {
                let n = format!("{i}.");
                line(
                    20.0 + 8.0 * i as f32,
                    &[
                        (20.0, n.as_str(), false),
                        (40.0, "Bir faaliyetin adı", false),
                    ],
                )
            })
            .collect();
        assert!(stream(&lines, &[], &[]).is_empty());
    }

    /// Labelled lines (`Amaç 1 | : …`) right above a table, one
    /// of whose short labels happens to be centred where a header label
    /// is: the table's lines share no column with them, and the labels
    /// stay out of its header.
    #[test]
    fn labelled_lines_above_a_table_stay_out_of_it() {
        let mut lines = vec![
            line(
                20.0,
                &[
                    (20.0, "Amaç 1", false),
                    (
                        110.0,
                        ": Herkesi kapsayan bir altyapı oluşturmak için",
                        false,
                    ),
                ],
            ),
            line(
                31.0,
                &[
                    (20.0, "Hedef 1.1", false),
                    (110.0, ": Kent ekonomisine katkı sunacak bir altyapı", false),
                ],
            ),
            line(
                42.0,
                &[
                    (20.0, "Performans Hedefi", false),
                    (
                        110.0,
                        ": Altyapı çalışmalarını eşgüdüm içinde yürütmek",
                        false,
                    ),
                ],
            ),
        ];
        // "Performans Hedefi" (17 chars from 20) and the header's first
        // label (15 chars from 23) share a centre.
        lines.push(line(
            58.0,
            &[
                (23.0, "Göstergelerimiz", false),
                (300.0, "2022", true),
                (400.0, "2023", true),
                (500.0, "2024", true),
            ],
        ));
        lines.extend([
            row(69.0, "Bir", ["1", "2", "3"]),
            row(80.0, "İki", ["4", "5", "6"]),
            row(91.0, "Üç", ["7", "8", "9"]),
        ]);
        let grids = stream(&lines, &[], &[]);
        let table = grids
            .iter()
            .find(|g| g.cells.iter().any(|c| c.text() == "Üç"))
            .expect("the table");
        assert_eq!(text(table, 0, 0), "Göstergelerimiz");
        assert!(table.cells.iter().all(|c| !c.text().contains("Hedef")));
    }

    /// Names wrapped over two lines with their figures set between them:
    /// no name shares a line with a figure, and the names still make a
    /// column of their own, apart from the unit beside them.
    #[test]
    fn names_set_around_their_figures_make_a_column() {
        let mut lines = vec![line(
            20.0,
            &[
                (20.0, "Gösterge", false),
                (150.0, "Birim", false),
                (300.0, "2022", true),
                (400.0, "2023", true),
                (500.0, "2024", true),
            ],
        )];
        for (k, (a, b)) in [
            ("Bağlantı kurulan", "şehir sayısı"),
            ("Kabul edilen", "başvuru oranı"),
            ("Açılan program", "sayısı"),
        ]
        .iter()
        .enumerate()
        {
            let y = 32.0 + 22.0 * k as f32;
            lines.push(line(y, &[(20.0, a, false)]));
            lines.push(line(
                y + 5.0,
                &[
                    (150.0, "Adet", false),
                    (300.0, "1", true),
                    (400.0, "2", true),
                    (500.0, "3", true),
                ],
            ));
            lines.push(line(y + 10.0, &[(20.0, b, false)]));
        }
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        check_cover(g);
        assert_eq!((g.rows(), g.cols()), (4, 5));
        assert_eq!(text(g, 1, 0), "Bağlantı kurulan şehir sayısı");
        assert_eq!(text(g, 1, 1), "Adet");
        assert_eq!(text(g, 3, 4), "3");
    }

    /// A key–value block whose rows start with their label: a value
    /// wrapped onto a line of its own stays with its label, not with the
    /// next row, even where that line sits nearer the next row.
    #[test]
    fn a_wrapped_value_stays_with_its_label() {
        let lines = vec![
            line(20.0, &[(20.0, "Amaç", false), (110.0, "1. Altyapı", false)]),
            line(
                27.0,
                &[(20.0, "Hedef", false), (110.0, "1.3 Yeşil alanlar", false)],
            ),
            line(
                34.0,
                &[
                    (20.0, "Faaliyet Adı", false),
                    (110.0, "Doğal Yaşam Parkı 2. Etap", false),
                ],
            ),
            // Set 7.2 below its first line, 6.4 above the next row.
            line(41.2, &[(110.0, "Faaliyetleri", false)]),
            line(
                47.6,
                &[
                    (20.0, "Sorumlu Birim", false),
                    (110.0, "Yapı İşleri", false),
                ],
            ),
            line(54.8, &[(20.0, "veya Birimler", false)]),
        ];
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        let row = (0..g.rows())
            .find(|&r| text(g, r, 0) == "Faaliyet Adı")
            .expect("the activity's row");
        assert_eq!(text(g, row, 1), "Doğal Yaşam Parkı 2. Etap Faaliyetleri");
        assert_eq!(text(g, row + 1, 0), "Sorumlu Birim veya Birimler");
        assert_eq!(text(g, row + 1, 1), "Yapı İşleri");
    }

    #[test]
    fn two_tables_separated_by_paragraph() {
        let mut lines = vec![
            header(20.0),
            row(31.0, "Bir", ["1", "2", "3"]),
            row(42.0, "İki", ["4", "5", "6"]),
        ];
        lines.extend(paragraph(56.0, 3));
        lines.extend([
            header(92.0),
            row(103.0, "Üç", ["7", "8", "9"]),
            row(114.0, "Dört", ["10", "11", "12"]),
            row(125.0, "Beş", ["13", "14", "15"]),
        ]);
        let grids = stream(&lines, &[], &[]);
        assert_eq!(grids.len(), 2);
        assert_eq!((grids[0].rows(), grids[0].cols()), (3, 4));
        assert_eq!((grids[1].rows(), grids[1].cols()), (4, 4));
        assert_eq!(text(&grids[0], 2, 3), "6");
        assert_eq!(text(&grids[1], 1, 0), "Üç");
        assert!(grids
            .iter()
            .all(|g| g.cells.iter().all(|c| !c.text().contains("paragraf"))));
    }

    #[test]
    fn ruled_area_is_left_alone() {
        let lines = vec![
            header(20.0),
            row(31.0, "Bir", ["1", "2", "3"]),
            row(42.0, "İki", ["4", "5", "6"]),
            row(53.0, "Üç", ["7", "8", "9"]),
        ];
        let ruled = Grid {
            xs: vec![10.0, 510.0],
            ys: vec![10.0, 60.0],
            cells: Vec::new(),
            header: None,
            gaps: Vec::new(),
        };
        assert!(stream(&lines, &[ruled], &[]).is_empty());
        // A ruled table below leaves the one above alone.
        let ruled = Grid {
            xs: vec![10.0, 510.0],
            ys: vec![36.0, 60.0],
            cells: Vec::new(),
            header: None,
            gaps: Vec::new(),
        };
        let grids = stream(&lines, &[ruled], &[]);
        assert!(grids
            .iter()
            .all(|g| g.cells.iter().all(|c| c.text() != "İki")));
    }

    #[test]
    fn garbage_does_not_panic() {
        let mut lines = vec![line(f32::NAN, &[(0.0, "x", false), (50.0, "1", true)])];
        lines.push(line(
            10.0,
            &[(f32::INFINITY, "1", false), (f32::NAN, "2", false)],
        ));
        lines.push(Line {
            y: 20.0,
            size: 0.0,
            positioned: true,
            cells: Vec::new(),
        });
        for i in 0..20 {
            lines.push(line(
                30.0 + i as f32,
                &[(0.0, "1", false), (0.0, "2", false)],
            ));
        }
        let _ = stream(&lines, &[], &[]);
        assert!(stream(&[], &[], &[]).is_empty());
    }
}
