//! The lattice table finder: tables drawn with ruling lines or cell
//! borders, found from the page's vector paths alone, then filled with the
//! page's text, their shaded cells marked.
//!
//! The mechanism is pdfplumber's lattice (with tabula-java's and Camelot's
//! refinements), in six steps:
//!
//! 1. **Edges.** Axis-parallel stroked lines, the four sides of stroked
//!    rectangles, and filled rectangles at most [`RULE_MAX_THICKNESS`] thick
//!    (taken as a rule along their centre line) become horizontal and
//!    vertical edges. Larger filled rectangles are shading, never four rules:
//!    they are kept only to mark cells as shaded. Artifacts, near-white or
//!    transparent paint, slanted lines and non-finite coordinates are left
//!    out.
//! 2. **Snap and join.** Parallel edges whose positions lie within
//!    [`SNAP_TOLERANCE`] of a cluster's first member move to the cluster's
//!    mean (clusters do not chain); collinear edges that overlap or nearly
//!    touch ([`JOIN_TOLERANCE`]) merge into one. Edges shorter than
//!    [`EDGE_MIN_LENGTH`] are then dropped.
//! 3. **Junctions.** A vertical and a horizontal edge cross (within
//!    [`INTERSECTION_TOLERANCE`]) at a junction.
//! 4. **Cells.** From each junction, the smallest rectangle whose other
//!    three corners are junctions and whose four sides each lie on one
//!    edge is a cell. A missing inner rule thus gives one merged cell.
//! 5. **Tables.** Cells sharing a corner form a table. Tables of a single
//!    cell (a frame around a paragraph) and tables without text are
//!    dropped. A table's column and row boundaries are the distinct cell
//!    sides; a cell covering several of them spans several columns or rows.
//! 6. **Text.** A text box belongs to the cell containing its centre, so a
//!    wrapped name and the number centred beside it stay in one row. In a
//!    cell, boxes are grouped into lines by baseline and read left to
//!    right, a space standing for each explicit space and each gap wider
//!    than a fifth of the glyph height. A cell is shaded when the last
//!    fill drawn over its centre is not white; fills reaching beyond the
//!    table (page backgrounds) are not the table's shading.
//!
//! Everything is in page coordinates (points, y growing downwards), as the
//! read stage gives them. The finder never panics: non-finite or absurd
//! coordinates are ignored, and a page whose rules cross more than
//! [`MAX_JUNCTIONS`] times (no table looks like that) gives no tables.

use crate::read::{Glyph, Paint, PathItem, Rgba, Shape};

/// Parallel edges closer than this (points) are one rule.
pub const SNAP_TOLERANCE: f32 = 3.0;
/// Collinear edges whose ends are closer than this (points) are joined.
pub const JOIN_TOLERANCE: f32 = 3.0;
/// How far (points) an edge may stop short of another and still cross it.
pub const INTERSECTION_TOLERANCE: f32 = 3.0;
/// Edges shorter than this (points), once joined, are dropped.
pub const EDGE_MIN_LENGTH: f32 = 3.0;
/// A filled rectangle at most this thick (points) is a rule, not shading.
pub const RULE_MAX_THICKNESS: f32 = 2.5;
/// More junctions than this on one page: the paths are not a table.
pub const MAX_JUNCTIONS: usize = 100_000;

/// A line counts as axis-parallel when its ends differ by at most this
/// much (points) across its direction.
const AXIS_TOLERANCE: f32 = 1.0;
/// Segments shorter than this before joining carry no rule (zero-length
/// lines, the short sides of hairline rectangles).
const PREFILTER_MIN_LENGTH: f32 = 0.5;
/// Coordinates beyond this are garbage (pages are at most 14 400 pt).
const COORD_LIMIT: f32 = 1.0e6;
/// A colour component at least this light, in all of R, G and B, is white.
const WHITE_LEVEL: f32 = 0.96;
/// Paint with less alpha than this is invisible.
const MIN_ALPHA: f32 = 0.05;
/// Lines of text in a cell: baselines closer than this many glyph
/// heights are one line.
const BASELINE_TOLERANCE: f32 = 0.35;
/// A gap wider than this many glyph heights between two boxes is a space.
const WORD_GAP: f32 = 0.2;
/// A box repeating the previous one's text within this many glyph heights
/// is a duplicate (fake bold, shadows).
const DUPLICATE_OFFSET: f32 = 0.15;
/// The most cell-search steps spent on one page, so that crafted paths
/// cannot make the search quadratic in the junctions.
const SEARCH_BUDGET: usize = 20_000_000;

/// A piece of text with its box, in page coordinates (y down): typically one glyph.
#[derive(Debug, Clone)]
pub struct TextBox<'a> {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub baseline: f32,
    pub text: &'a str,
}

impl<'a> TextBox<'a> {
    /// The box of a glyph: its advance across, and from 0.8 of the font
    /// size above the baseline to 0.2 below it.
    pub fn from_glyph(g: &'a Glyph) -> TextBox<'a> {
        TextBox {
            x0: g.x,
            x1: g.x + g.w,
            top: g.y - 0.8 * g.size,
            bottom: g.y + 0.2 * g.size,
            baseline: g.y,
            text: &g.text,
        }
    }

    fn height(&self) -> f32 {
        (self.bottom - self.top).abs()
    }

    fn left(&self) -> f32 {
        self.x0.min(self.x1)
    }

    fn right(&self) -> f32 {
        self.x0.max(self.x1)
    }
}

/// One cell of a grid: where it starts, how many grid rows/columns it spans, its box, whether it is shaded, and its text as lines (top to bottom; words on one baseline joined with single spaces, reading left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub shaded: bool,
    pub lines: Vec<String>,
}

impl GridCell {
    /// The 1×1 cell at `row`, `col` of a grid with boundaries `xs`, `ys`
    /// (unshaded), holding `lines`.
    pub fn single(xs: &[f32], ys: &[f32], row: usize, col: usize, lines: Vec<String>) -> GridCell {
        GridCell {
            row,
            col,
            row_span: 1,
            col_span: 1,
            x0: xs[col],
            x1: xs[col + 1],
            top: ys[row],
            bottom: ys[row + 1],
            shaded: false,
            lines,
        }
    }

    /// The cell's text on one line: its lines joined with single spaces.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }

    /// Whether the cell covers grid row `row` and column `col`.
    pub fn covers(&self, row: usize, col: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&row)
            && (self.col..self.col + self.col_span).contains(&col)
    }
}

/// A table found from its rules: the x positions of its column boundaries and the y positions of its row boundaries (sorted, both ends included), and its cells (merged cells once, with spans), in row-major order.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub cells: Vec<GridCell>,
    /// How many top rows are header, when the finder knows it from the
    /// printing's structure (a table without figures whose header bands
    /// are set apart by its rules); None leaves it to the table stage
    /// (shading, figures).
    pub header: Option<usize>,
    /// For a grid found from alignment: the free x-range between each pair
    /// of neighbouring columns (its boundaries sit in their middles, which
    /// move with the longest value of each page). Empty for ruled grids.
    pub gaps: Vec<(f32, f32)>,
}

impl Grid {
    /// The number of grid rows.
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    /// The number of grid columns.
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// The cell covering grid row `row` and column `col`, if any (a slot
    /// left open by the rules has none).
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.cells.iter().find(|c| c.covers(row, col))
    }

    /// The table's outer box: `(x0, top, x1, bottom)`.
    pub fn bbox(&self) -> Option<(f32, f32, f32, f32)> {
        Some((
            *self.xs.first()?,
            *self.ys.first()?,
            *self.xs.last()?,
            *self.ys.last()?,
        ))
    }
}

/// Finds the ruled tables of a page.
///
/// `paths` are the page's vector paths and `text` its text boxes (content
/// only: leave page furniture out). Tables come top to bottom, then left to
/// right.
pub fn lattice(paths: &[PathItem], text: &[TextBox]) -> Vec<Grid> {
    let (mut horizontal, mut vertical, fills) = collect(paths);
    let horizontal = Rules::new(&mut horizontal);
    let vertical = Rules::new(&mut vertical);
    let Some(lattice) = Lattice::new(&horizontal, &vertical) else {
        return Vec::new();
    };
    let Some(cells) = lattice.cells() else {
        return Vec::new();
    };
    let text = Placed::new(text.iter().filter(|t| usable_box(t)).collect());
    let mut grids: Vec<Grid> = group(&cells)
        .into_iter()
        .filter(|members| members.len() > 1)
        .filter_map(|members| build_grid(&lattice, &members, &fills, &text))
        .collect();
    let origin = |g: &Grid| g.bbox().map_or((0.0, 0.0), |(x0, top, _, _)| (top, x0));
    grids.sort_by(|a, b| {
        let ((ta, la), (tb, lb)) = (origin(a), origin(b));
        ta.total_cmp(&tb).then(la.total_cmp(&lb))
    });
    grids
}

/// The page's horizontal rules, snapped and joined as for the lattice:
/// `(y, x0, x1)` for each, top to bottom. The stream finder reads rows
/// from them in tables ruled between rows only.
pub fn horizontal_rules(paths: &[PathItem]) -> Vec<(f32, f32, f32)> {
    let (mut horizontal, _, _) = collect(paths);
    let rules = Rules::new(&mut horizontal);
    rules
        .positions
        .iter()
        .zip(&rules.edges)
        .flat_map(|(&y, line)| line.iter().map(move |&(lo, hi)| (y, lo, hi)))
        .collect()
}

/// A segment parallel to an axis: `pos` is its fixed coordinate (y for a
/// horizontal edge, x for a vertical one), `lo..hi` its extent along it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Edge {
    pos: f32,
    lo: f32,
    hi: f32,
}

impl Edge {
    fn new(pos: f32, a: f32, b: f32) -> Edge {
        Edge {
            pos,
            lo: a.min(b),
            hi: a.max(b),
        }
    }

    fn len(&self) -> f32 {
        self.hi - self.lo
    }
}

/// A shading rectangle, in drawing order: white ones cover earlier shading.
#[derive(Debug, Clone, Copy)]
struct Fill {
    x0: f32,
    top: f32,
    x1: f32,
    bottom: f32,
    white: bool,
}

fn invisible(color: &Rgba) -> bool {
    color[3].is_nan() || color[3] < MIN_ALPHA
}

fn whitish(color: &Rgba) -> bool {
    color[..3].iter().all(|&c| c >= WHITE_LEVEL)
}

fn sane(v: f32) -> bool {
    v.is_finite() && v.abs() <= COORD_LIMIT
}

fn usable_box(t: &TextBox) -> bool {
    [t.x0, t.x1, t.top, t.bottom, t.baseline]
        .iter()
        .all(|&v| sane(v))
}

/// Step 1: the horizontal and vertical edges, and the shading.
fn collect(paths: &[PathItem]) -> (Vec<Edge>, Vec<Edge>, Vec<Fill>) {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    let mut fills = Vec::new();
    for p in paths {
        if p.artifact || ![p.x0, p.y0, p.x1, p.y1].iter().all(|&v| sane(v)) {
            continue;
        }
        let (x0, x1) = (p.x0.min(p.x1), p.x0.max(p.x1));
        let (y0, y1) = (p.y0.min(p.y1), p.y0.max(p.y1));
        match (p.shape, p.paint) {
            (_, Paint::Stroke { color, .. }) if invisible(&color) || whitish(&color) => {}
            (Shape::Line, Paint::Stroke { .. }) => {
                let (dx, dy) = (x1 - x0, y1 - y0);
                if dy <= AXIS_TOLERANCE && dx > dy {
                    horizontal.push(Edge::new((p.y0 + p.y1) / 2.0, p.x0, p.x1));
                } else if dx <= AXIS_TOLERANCE && dy > dx {
                    vertical.push(Edge::new((p.x0 + p.x1) / 2.0, p.y0, p.y1));
                }
            }
            (Shape::Rect, Paint::Stroke { .. }) => {
                horizontal.push(Edge::new(y0, x0, x1));
                horizontal.push(Edge::new(y1, x0, x1));
                vertical.push(Edge::new(x0, y0, y1));
                vertical.push(Edge::new(x1, y0, y1));
            }
            (Shape::Rect, Paint::Fill { color }) if !invisible(&color) => {
                let (w, h) = (x1 - x0, y1 - y0);
                if h <= RULE_MAX_THICKNESS && w >= h {
                    if !whitish(&color) {
                        horizontal.push(Edge::new((y0 + y1) / 2.0, x0, x1));
                    }
                } else if w <= RULE_MAX_THICKNESS {
                    if !whitish(&color) {
                        vertical.push(Edge::new((x0 + x1) / 2.0, y0, y1));
                    }
                } else {
                    fills.push(Fill {
                        x0,
                        top: y0,
                        x1,
                        bottom: y1,
                        white: whitish(&color),
                    });
                }
            }
            // A filled line has no area; an invisible fill shows nothing.
            _ => {}
        }
    }
    horizontal.retain(|e| e.len() >= PREFILTER_MIN_LENGTH);
    vertical.retain(|e| e.len() >= PREFILTER_MIN_LENGTH);
    (horizontal, vertical, fills)
}

/// Step 2 for one direction: the snapped and joined edges, grouped by
/// position. Positions are sorted and distinct; the edges at one position
/// are sorted and disjoint (more than [`JOIN_TOLERANCE`] apart).
struct Rules {
    positions: Vec<f32>,
    edges: Vec<Vec<(f32, f32)>>,
}

impl Rules {
    fn new(edges: &mut [Edge]) -> Rules {
        snap(edges);
        edges.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
        let mut positions: Vec<f32> = Vec::new();
        let mut grouped: Vec<Vec<(f32, f32)>> = Vec::new();
        for e in edges.iter() {
            let same_line = positions.last() == Some(&e.pos);
            if !same_line {
                positions.push(e.pos);
                grouped.push(Vec::new());
            }
            let Some(line) = grouped.last_mut() else {
                continue;
            };
            match line.last_mut() {
                Some(last) if e.lo <= last.1 + JOIN_TOLERANCE => last.1 = last.1.max(e.hi),
                _ => line.push((e.lo, e.hi)),
            }
        }
        for line in &mut grouped {
            line.retain(|&(lo, hi)| hi - lo >= EDGE_MIN_LENGTH);
        }
        let (positions, edges) = positions
            .into_iter()
            .zip(grouped)
            .filter(|(_, line)| !line.is_empty())
            .unzip();
        Rules { positions, edges }
    }

    /// Whether one edge at position index `at` runs from `a` to `b`
    /// (a ≤ b), within the intersection tolerance at both ends.
    fn covers(&self, at: usize, a: f32, b: f32) -> bool {
        let Some(line) = self.edges.get(at) else {
            return false;
        };
        // The edges are disjoint and sorted: of those starting early
        // enough, the last reaches furthest.
        let starts = line.partition_point(|&(lo, _)| lo - INTERSECTION_TOLERANCE <= a);
        starts > 0 && line[starts - 1].1 + INTERSECTION_TOLERANCE >= b
    }
}

/// Moves parallel edges to the mean position of their cluster; a cluster
/// holds the edges within [`SNAP_TOLERANCE`] of its first (lowest) member.
fn snap(edges: &mut [Edge]) {
    edges.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut start = 0;
    while start < edges.len() {
        let first = edges[start].pos;
        let len = edges[start..]
            .iter()
            .take_while(|e| e.pos - first <= SNAP_TOLERANCE)
            .count();
        let cluster = &mut edges[start..start + len];
        let mean = cluster.iter().map(|e| f64::from(e.pos)).sum::<f64>() / len as f64;
        for e in cluster.iter_mut() {
            e.pos = mean as f32;
        }
        start += len.max(1);
    }
}

/// Steps 3 and 4: the junctions of the rules, and the cells they close.
struct Lattice<'r> {
    horizontal: &'r Rules,
    vertical: &'r Rules,
    /// Per vertical rule position (x index), the y indices of its
    /// junctions, sorted.
    by_col: Vec<Vec<usize>>,
    /// Per horizontal rule position (y index), the x indices of its
    /// junctions, sorted.
    by_row: Vec<Vec<usize>>,
}

/// A cell in index space: x indices `x0 < x1` into the vertical rule
/// positions, y indices `y0 < y1` into the horizontal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IndexCell {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

impl<'r> Lattice<'r> {
    /// Finds the junctions; None when there are too many to be a table.
    fn new(horizontal: &'r Rules, vertical: &'r Rules) -> Option<Lattice<'r>> {
        let ys = &horizontal.positions;
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); vertical.positions.len()];
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); ys.len()];
        let mut count = 0usize;
        for (xi, (&x, line)) in vertical.positions.iter().zip(&vertical.edges).enumerate() {
            for &(lo, hi) in line {
                let from = ys.partition_point(|&y| y < lo - INTERSECTION_TOLERANCE);
                let to = ys.partition_point(|&y| y <= hi + INTERSECTION_TOLERANCE);
                for (yi, row) in by_row.iter_mut().enumerate().take(to).skip(from) {
                    if horizontal.covers(yi, x, x) {
                        by_col[xi].push(yi);
                        row.push(xi);
                        count += 1;
                    }
                }
                if count > MAX_JUNCTIONS {
                    return None;
                }
            }
        }
        // Two edges of one rule may both reach a junction: count it once.
        for list in by_col.iter_mut().chain(by_row.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Some(Lattice {
            horizontal,
            vertical,
            by_col,
            by_row,
        })
    }

    fn x(&self, xi: usize) -> f32 {
        self.vertical.positions.get(xi).copied().unwrap_or(f32::NAN)
    }

    fn y(&self, yi: usize) -> f32 {
        self.horizontal
            .positions
            .get(yi)
            .copied()
            .unwrap_or(f32::NAN)
    }

    fn is_junction(&self, xi: usize, yi: usize) -> bool {
        self.by_col
            .get(xi)
            .is_some_and(|col| col.binary_search(&yi).is_ok())
    }

    /// Whether a vertical edge joins junctions (xi, ya) and (xi, yb).
    fn joined_down(&self, xi: usize, ya: usize, yb: usize) -> bool {
        self.vertical.covers(xi, self.y(ya), self.y(yb))
    }

    /// Whether a horizontal edge joins junctions (xa, yi) and (xb, yi).
    fn joined_across(&self, yi: usize, xa: usize, xb: usize) -> bool {
        self.horizontal.covers(yi, self.x(xa), self.x(xb))
    }

    /// Every junction's smallest cell; None when the search runs over its
    /// budget.
    fn cells(&self) -> Option<Vec<IndexCell>> {
        let mut budget = SEARCH_BUDGET;
        let mut cells = Vec::new();
        for (xi, col) in self.by_col.iter().enumerate() {
            for (k, &yi) in col.iter().enumerate() {
                match self.smallest_cell(xi, yi, &col[k + 1..], &mut budget) {
                    Ok(Some(cell)) => cells.push(cell),
                    Ok(None) => {}
                    Err(OverBudget) => return None,
                }
            }
        }
        Some(cells)
    }

    /// The smallest cell with its top-left corner at junction (xi, yi):
    /// the nearest junction below and the nearest to the right, each joined
    /// to it by an edge, such that the fourth corner is a junction joined
    /// to both by edges. `below` are the junctions under (xi, yi).
    fn smallest_cell(
        &self,
        xi: usize,
        yi: usize,
        below: &[usize],
        budget: &mut usize,
    ) -> Result<Option<IndexCell>, OverBudget> {
        let row = self.by_row.get(yi).map_or(&[][..], Vec::as_slice);
        let after = row.partition_point(|&x| x <= xi);
        let right = &row[after..];
        for &yb in below {
            if !self.joined_down(xi, yi, yb) {
                break;
            }
            for &xr in right {
                *budget = budget.checked_sub(1).ok_or(OverBudget)?;
                if !self.joined_across(yi, xi, xr) {
                    break;
                }
                if self.is_junction(xr, yb)
                    && self.joined_down(xr, yi, yb)
                    && self.joined_across(yb, xi, xr)
                {
                    return Ok(Some(IndexCell {
                        x0: xi,
                        y0: yi,
                        x1: xr,
                        y1: yb,
                    }));
                }
            }
        }
        Ok(None)
    }
}

/// The cell search spent its [`SEARCH_BUDGET`].
#[derive(Debug)]
struct OverBudget;

/// The representative of `i`'s set in a union-find forest (with path
/// halving).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Step 5: the cells grouped into tables (cells sharing a corner), each
/// group's cells in the order found.
fn group(cells: &[IndexCell]) -> Vec<Vec<IndexCell>> {
    let mut parent: Vec<usize> = (0..cells.len()).collect();
    // Every cell's corners, sorted: the cells at one corner are a run.
    let mut corners: Vec<((usize, usize), usize)> = cells
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            [(c.x0, c.y0), (c.x1, c.y0), (c.x0, c.y1), (c.x1, c.y1)].map(|corner| (corner, i))
        })
        .collect();
    corners.sort_unstable();
    for run in corners.chunk_by(|a, b| a.0 == b.0) {
        let first = run[0].1;
        for &(_, i) in &run[1..] {
            let (a, b) = (root(&mut parent, i), root(&mut parent, first));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: Vec<Vec<IndexCell>> = Vec::new();
    // The group of each set, by its representative.
    let mut slot: Vec<Option<usize>> = vec![None; cells.len()];
    for (i, c) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        let g = *slot[r].get_or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(*c);
    }
    groups
}

/// The page's text boxes, and their order by the height of their centres:
/// a grid looks only at the boxes between its top and bottom.
struct Placed<'t, 'a> {
    boxes: Vec<&'t TextBox<'a>>,
    /// `(centre's y, index in boxes)`, by the centre's y.
    by_height: Vec<(f32, usize)>,
}

impl<'t, 'a> Placed<'t, 'a> {
    fn new(boxes: Vec<&'t TextBox<'a>>) -> Self {
        let mut by_height: Vec<(f32, usize)> = boxes
            .iter()
            .enumerate()
            .map(|(i, t)| ((t.top + t.bottom) / 2.0, i))
            .collect();
        by_height.sort_by(|a, b| a.0.total_cmp(&b.0));
        Placed { boxes, by_height }
    }

    /// The boxes whose centre lies between `top` and `bottom` (inclusive),
    /// in the page's order.
    fn between(&self, top: f32, bottom: f32) -> Vec<&'t TextBox<'a>> {
        let from = self.by_height.partition_point(|&(y, _)| y < top);
        let to = self.by_height.partition_point(|&(y, _)| y <= bottom);
        let band = &self.by_height[from..to.max(from)];
        // Putting the band back in the page's order costs about k·log k;
        // when that is more than going through the page, go through it.
        let k = band.len();
        if k * (usize::BITS - k.leading_zeros()) as usize > self.boxes.len() {
            let centre = |t: &TextBox| (t.top + t.bottom) / 2.0;
            return self
                .boxes
                .iter()
                .filter(|t| (top..=bottom).contains(&centre(t)))
                .copied()
                .collect();
        }
        let mut picked: Vec<usize> = band.iter().map(|&(_, i)| i).collect();
        picked.sort_unstable();
        picked.into_iter().map(|i| self.boxes[i]).collect()
    }
}

/// Steps 5 and 6 for one group of cells: the grid, with its text and
/// shading; None when no cell holds text.
fn build_grid(
    lattice: &Lattice<'_>,
    members: &[IndexCell],
    fills: &[Fill],
    text: &Placed<'_, '_>,
) -> Option<Grid> {
    let mut x_idx: Vec<usize> = members.iter().flat_map(|c| [c.x0, c.x1]).collect();
    let mut y_idx: Vec<usize> = members.iter().flat_map(|c| [c.y0, c.y1]).collect();
    for v in [&mut x_idx, &mut y_idx] {
        v.sort_unstable();
        v.dedup();
    }
    let col_of = |xi: usize| x_idx.binary_search(&xi).unwrap_or(0);
    let row_of = |yi: usize| y_idx.binary_search(&yi).unwrap_or(0);
    let xs: Vec<f32> = x_idx.iter().map(|&i| lattice.x(i)).collect();
    let ys: Vec<f32> = y_idx.iter().map(|&i| lattice.y(i)).collect();
    let mut cells: Vec<GridCell> = members
        .iter()
        .map(|c| {
            let (col, row) = (col_of(c.x0), row_of(c.y0));
            GridCell {
                row,
                col,
                row_span: row_of(c.y1).saturating_sub(row).max(1),
                col_span: col_of(c.x1).saturating_sub(col).max(1),
                x0: lattice.x(c.x0),
                x1: lattice.x(c.x1),
                top: lattice.y(c.y0),
                bottom: lattice.y(c.y1),
                shaded: false,
                lines: Vec::new(),
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup_by_key(|c| (c.row, c.col));

    // Which cell owns each slot of the grid (the first to cover it, should
    // irregular rules make cells overlap).
    let (nrows, ncols) = (ys.len().saturating_sub(1), xs.len().saturating_sub(1));
    let mut owner: Vec<Option<usize>> = vec![None; nrows * ncols];
    for (i, c) in cells.iter().enumerate() {
        for r in c.row..(c.row + c.row_span).min(nrows) {
            for k in c.col..(c.col + c.col_span).min(ncols) {
                owner[r * ncols + k].get_or_insert(i);
            }
        }
    }
    let locate = |v: f32, bounds: &[f32]| -> Option<usize> {
        let n = bounds.partition_point(|&b| b <= v);
        (n > 0 && n < bounds.len()).then(|| n - 1)
    };
    let mut contents: Vec<Vec<&TextBox>> = vec![Vec::new(); cells.len()];
    let top = ys.iter().copied().fold(f32::INFINITY, f32::min);
    let bottom = ys.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for t in text.between(top, bottom) {
        let cx = (t.x0 + t.x1) / 2.0;
        let cy = (t.top + t.bottom) / 2.0;
        let (Some(col), Some(row)) = (locate(cx, &xs), locate(cy, &ys)) else {
            continue;
        };
        if let Some(Some(i)) = owner.get(row * ncols + col) {
            contents[*i].push(t);
        }
    }
    if contents
        .iter()
        .all(|boxes| boxes.iter().all(|t| t.text.trim().is_empty()))
    {
        return None;
    }
    for (cell, boxes) in cells.iter_mut().zip(contents) {
        cell.lines = text_lines(boxes);
    }

    let (left, top, right, bottom) = (xs.first()?, ys.first()?, xs.last()?, ys.last()?);
    let inside: Vec<&Fill> = fills
        .iter()
        .filter(|f| {
            f.x0 >= left - SNAP_TOLERANCE
                && f.x1 <= right + SNAP_TOLERANCE
                && f.top >= top - SNAP_TOLERANCE
                && f.bottom <= bottom + SNAP_TOLERANCE
        })
        .collect();
    for cell in &mut cells {
        let cx = (cell.x0 + cell.x1) / 2.0;
        let cy = (cell.top + cell.bottom) / 2.0;
        cell.shaded = inside
            .iter()
            .rev()
            .find(|f| f.x0 <= cx && cx <= f.x1 && f.top <= cy && cy <= f.bottom)
            .is_some_and(|f| !f.white);
    }
    Some(Grid {
        xs,
        ys,
        cells,
        header: None,
        gaps: Vec::new(),
    })
}

/// The text of one cell as lines, top to bottom.
fn text_lines(mut boxes: Vec<&TextBox>) -> Vec<String> {
    // Mostly drawn top to bottom already (a stable sort would keep them).
    if !boxes.is_sorted_by(|a, b| a.baseline.total_cmp(&b.baseline).is_le()) {
        boxes.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    }
    let mut lines: Vec<Vec<&TextBox>> = Vec::new();
    let mut anchor = (f32::NEG_INFINITY, 0.0f32);
    for t in boxes {
        let (baseline, height) = anchor;
        let tolerance = BASELINE_TOLERANCE * height.min(t.height()).max(1.0);
        match lines.last_mut() {
            Some(line) if t.baseline - baseline <= tolerance => {
                anchor.1 = height.max(t.height());
                line.push(t);
            }
            _ => {
                anchor = (t.baseline, t.height());
                lines.push(vec![t]);
            }
        }
    }
    lines
        .into_iter()
        .map(line_text)
        .filter(|l| !l.is_empty())
        .collect()
}

/// One line of boxes, read left to right, with a space for each explicit
/// space and each gap wider than [`WORD_GAP`] glyph heights; runs of
/// white space become one space.
fn line_text(mut boxes: Vec<&TextBox>) -> String {
    if !boxes.is_sorted_by(|a, b| a.left().total_cmp(&b.left()).is_le()) {
        boxes.sort_by(|a, b| a.left().total_cmp(&b.left()));
    }
    let mut out = String::new();
    let mut end = f32::NEG_INFINITY;
    let mut previous: Option<&TextBox> = None;
    for t in boxes {
        if t.text.trim().is_empty() {
            out.push(' ');
            continue;
        }
        if let Some(p) = previous {
            if p.text == t.text && (t.left() - p.left()).abs() < DUPLICATE_OFFSET * t.height() {
                continue;
            }
            if t.left() - end > WORD_GAP * t.height() {
                out.push(' ');
            }
        }
        out.push_str(t.text);
        end = end.max(t.right());
        previous = Some(t);
    }
    super::plain_marks(&mut out);
    let mut line = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const GREY: Rgba = [0.55, 0.55, 0.55, 1.0];
    const BLACK: Rgba = [0.0, 0.0, 0.0, 1.0];

    fn stroke(shape: Shape, x0: f32, y0: f32, x1: f32, y1: f32) -> PathItem {
        PathItem {
            shape,
            x0,
            y0,
            x1,
            y1,
            paint: Paint::Stroke {
                width: 0.4,
                color: GREY,
            },
            artifact: false,
        }
    }

    fn hline(x0: f32, x1: f32, y: f32) -> PathItem {
        stroke(Shape::Line, x0, y, x1, y)
    }

    fn vline(x: f32, y0: f32, y1: f32) -> PathItem {
        stroke(Shape::Line, x, y0, x, y1)
    }

    fn fill(x0: f32, y0: f32, x1: f32, y1: f32, color: Rgba) -> PathItem {
        PathItem {
            shape: Shape::Rect,
            x0,
            y0,
            x1,
            y1,
            paint: Paint::Fill { color },
            artifact: false,
        }
    }

    /// Full rules of a grid with these boundaries.
    fn ruled(xs: &[f32], ys: &[f32]) -> Vec<PathItem> {
        let (Some(&l), Some(&r)) = (xs.first(), xs.last()) else {
            return Vec::new();
        };
        let (Some(&t), Some(&b)) = (ys.first(), ys.last()) else {
            return Vec::new();
        };
        let mut paths: Vec<PathItem> = ys.iter().map(|&y| hline(l, r, y)).collect();
        paths.extend(xs.iter().map(|&x| vline(x, t, b)));
        paths
    }

    /// Text as glyph boxes (5 wide, size 10), spaces as boxes of their own.
    /// (The text is leaked: it lives as long as the test.)
    fn words(x: f32, baseline: f32, text: &str) -> Vec<TextBox<'static>> {
        let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
        text.char_indices()
            .enumerate()
            .map(|(i, (at, c))| {
                let x0 = x + 5.0 * i as f32;
                TextBox {
                    x0,
                    x1: x0 + 5.0,
                    top: baseline - 8.0,
                    bottom: baseline + 2.0,
                    baseline,
                    text: &text[at..at + c.len_utf8()],
                }
            })
            .collect()
    }

    fn texts(grid: &Grid) -> Vec<Vec<String>> {
        grid.cells.iter().map(|c| c.lines.clone()).collect()
    }

    #[test]
    fn fully_ruled_three_by_three() {
        let paths = ruled(&[50.0, 150.0, 250.0, 350.0], &[100.0, 120.0, 140.0, 160.0]);
        let mut text = Vec::new();
        for (r, y) in [115.0, 135.0, 155.0].into_iter().enumerate() {
            for (c, x) in [55.0, 155.0, 255.0].into_iter().enumerate() {
                text.extend(words(x, y, &format!("r{r} c{c}")));
            }
        }
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, vec![50.0, 150.0, 250.0, 350.0]);
        assert_eq!(g.ys, vec![100.0, 120.0, 140.0, 160.0]);
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(g.cells.len(), 9);
        for (i, cell) in g.cells.iter().enumerate() {
            assert_eq!((cell.row, cell.col), (i / 3, i % 3));
            assert_eq!((cell.row_span, cell.col_span), (1, 1));
            assert_eq!(cell.lines, vec![format!("r{} c{}", i / 3, i % 3)]);
            assert!(!cell.shaded);
        }
        assert_eq!(g.bbox(), Some((50.0, 100.0, 350.0, 160.0)));
    }

    #[test]
    fn word_style_rect_per_cell() {
        // Each cell its own stroked rectangle, the shared sides drawn twice
        // and a little apart, the horizontals a little short.
        let mut paths = Vec::new();
        let mut text = Vec::new();
        for (r, top) in [200.0f32, 218.0].into_iter().enumerate() {
            for (c, left) in [40.0f32, 140.0, 240.0].into_iter().enumerate() {
                let nudge = 0.3 * c as f32;
                paths.push(stroke(
                    Shape::Rect,
                    left + nudge,
                    top,
                    left + 100.0 - 0.4,
                    top + 18.0,
                ));
                text.extend(words(left + 4.0, top + 13.0, &format!("{r}{c}")));
            }
        }
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (2, 3));
        assert_eq!(g.cells.len(), 6);
        assert_eq!(g.cell_at(1, 2).map(GridCell::text), Some("12".to_string()));
        assert_eq!(g.cell_at(0, 0).map(GridCell::text), Some("00".to_string()));
    }

    #[test]
    fn header_merged_across_three_columns() {
        let xs = [50.0, 150.0, 250.0, 350.0];
        let mut paths = vec![hline(50.0, 350.0, 100.0), hline(50.0, 350.0, 120.0)];
        paths.extend([140.0, 160.0].map(|y| hline(50.0, 350.0, y)));
        // Outer verticals over the whole table, inner ones below the header.
        paths.extend([vline(50.0, 100.0, 160.0), vline(350.0, 100.0, 160.0)]);
        paths.extend([vline(150.0, 120.0, 160.0), vline(250.0, 120.0, 160.0)]);
        let mut text = words(150.0, 114.0, "Kaynak (TL)");
        for y in [135.0, 155.0] {
            for x in &xs[..3] {
                text.extend(words(x + 5.0, y, "1.000"));
            }
        }
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, xs.to_vec());
        assert_eq!(g.cells.len(), 7);
        let head = &g.cells[0];
        assert_eq!(
            (head.row, head.col, head.row_span, head.col_span),
            (0, 0, 1, 3)
        );
        assert_eq!(head.lines, vec!["Kaynak (TL)"]);
        assert_eq!((head.x0, head.x1), (50.0, 350.0));
        assert_eq!(g.cell_at(0, 2), Some(head));
        assert_eq!((g.cells[1].row, g.cells[1].col), (1, 0));
    }

    #[test]
    fn cell_merged_across_rows() {
        // A target cell over three rows on the left; three rows of figures
        // on the right.
        let mut paths = vec![hline(40.0, 300.0, 100.0), hline(40.0, 300.0, 160.0)];
        paths.extend([120.0, 140.0].map(|y| hline(120.0, 300.0, y)));
        paths.extend([40.0, 120.0, 300.0].map(|x| vline(x, 100.0, 160.0)));
        let mut text = words(45.0, 133.0, "Hedef 1");
        for (i, y) in [115.0, 135.0, 155.0].into_iter().enumerate() {
            text.extend(words(125.0, y, &format!("{}", i + 1)));
        }
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 2));
        let target = &g.cells[0];
        assert_eq!(
            (target.row, target.col, target.row_span, target.col_span),
            (0, 0, 3, 1)
        );
        assert_eq!(target.lines, vec!["Hedef 1"]);
        let right: Vec<String> = g.cells[1..].iter().map(GridCell::text).collect();
        assert_eq!(right, vec!["1", "2", "3"]);
        assert_eq!(g.cell_at(2, 0), Some(target));
    }

    #[test]
    fn wrapped_name_beside_centred_number() {
        let paths = ruled(&[40.0, 240.0, 320.0], &[100.0, 130.0, 145.0]);
        let mut text = words(44.0, 111.0, "Sosyal Yardım Hizmetlerinin");
        text.extend(words(44.0, 123.0, "Yürütülmesi"));
        // The figure is centred vertically: its baseline between the two.
        text.extend(words(280.0, 118.0, "104.308"));
        text.extend(words(44.0, 140.0, "Genel Toplam"));
        text.extend(words(280.0, 140.0, "863.571"));
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(
            texts(g),
            vec![
                vec!["Sosyal Yardım Hizmetlerinin", "Yürütülmesi"],
                vec!["104.308"],
                vec!["Genel Toplam"],
                vec!["863.571"],
            ]
        );
    }

    #[test]
    fn words_split_by_gaps_and_space_glyphs() {
        let paths = ruled(&[0.0, 200.0, 300.0], &[0.0, 20.0, 40.0]);
        // "ab" then a 3 pt gap (> 0.2 × 10) then "cd"; a 1 pt gap stays
        // inside the word; doubled glyphs (fake bold) count once.
        let mut text = words(5.0, 15.0, "ab");
        text.extend(words(18.0, 15.0, "cd"));
        text.extend(words(29.0, 15.0, "e"));
        text.extend(words(29.2, 15.0, "e"));
        text.extend(words(205.0, 15.0, "x  y "));
        text.extend(words(5.0, 35.0, " z"));
        // A box whose own text ends in a space (an /ActualText span), then
        // one right against it.
        let mut spaced = words(205.0, 35.0, "i");
        spaced[0].text = "İç ";
        text.extend(spaced);
        text.extend(words(210.0, 35.0, "Dış"));
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        assert_eq!(
            texts(&grids[0]),
            vec![vec!["ab cde"], vec!["x y"], vec!["z"], vec!["İç Dış"]]
        );
    }

    #[test]
    fn two_tables_kept_apart() {
        let mut paths = ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]);
        paths.extend(ruled(&[40.0, 200.0, 300.0], &[160.0, 180.0, 200.0, 220.0]));
        let mut text = words(45.0, 115.0, "first");
        text.extend(words(45.0, 175.0, "second"));
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 2);
        assert_eq!((grids[0].rows(), grids[0].cols()), (2, 2));
        assert_eq!((grids[1].rows(), grids[1].cols()), (3, 2));
        assert_eq!(grids[0].cells[0].lines, vec!["first"]);
        assert_eq!(grids[1].cells[0].lines, vec!["second"]);
        assert_eq!(grids[1].ys, vec![160.0, 180.0, 200.0, 220.0]);
    }

    #[test]
    fn shaded_header_detected() {
        let light_blue = [0.84, 0.89, 0.95, 1.0];
        let mut paths = vec![
            // A page-wide tint is not the table's shading.
            fill(0.0, 0.0, 600.0, 800.0, [0.9, 0.9, 0.9, 1.0]),
            fill(40.0, 100.0, 240.0, 120.0, light_blue),
            // A white fill over an earlier tint un-shades the cell below.
            fill(40.0, 120.0, 240.0, 140.0, light_blue),
            fill(40.0, 120.0, 140.0, 140.0, [1.0, 1.0, 1.0, 1.0]),
        ];
        paths.extend(ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]));
        let mut text = words(45.0, 115.0, "Ad");
        text.extend(words(145.0, 115.0, "Tutar"));
        text.extend(words(45.0, 135.0, "x"));
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let shaded: Vec<bool> = grids[0].cells.iter().map(|c| c.shaded).collect();
        assert_eq!(shaded, vec![true, true, false, true]);
    }

    #[test]
    fn thin_filled_rects_are_rules() {
        // Rules drawn as filled bars 0.5 pt thick; the shading (20 pt high)
        // adds no rules of its own.
        let mut paths = Vec::new();
        for y in [100.0f32, 120.0, 140.0] {
            paths.push(fill(40.0, y - 0.25, 240.0, y + 0.25, BLACK));
        }
        for x in [40.0f32, 140.0, 240.0] {
            paths.push(fill(x - 0.25, 100.0, x + 0.25, 140.0, BLACK));
        }
        paths.push(fill(40.0, 140.0, 240.0, 170.0, [0.8, 0.8, 0.8, 1.0]));
        let mut text = words(45.0, 115.0, "a");
        text.extend(words(45.0, 160.0, "below"));
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, vec![40.0, 140.0, 240.0]);
        assert_eq!(g.ys, vec![100.0, 120.0, 140.0]);
        assert_eq!(g.cells.len(), 4);
        assert_eq!(g.cells[0].lines, vec!["a"]);
    }

    #[test]
    fn lone_frame_is_not_a_table() {
        let paths = vec![stroke(Shape::Rect, 40.0, 100.0, 400.0, 200.0)];
        let text = words(50.0, 120.0, "A framed paragraph.");
        assert!(lattice(&paths, &text).is_empty());
        // Nor are rules with no text in their cells.
        let paths = ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]);
        assert!(lattice(&paths, &words(300.0, 300.0, "outside")).is_empty());
    }

    #[test]
    fn ignored_paint_makes_no_rules() {
        let mut paths = ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]);
        for p in &mut paths[..3] {
            p.paint = Paint::Stroke {
                width: 0.4,
                color: [1.0, 1.0, 1.0, 1.0],
            };
        }
        let text = words(45.0, 115.0, "a");
        assert!(lattice(&paths, &text).is_empty());
        let mut paths = ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]);
        for p in &mut paths {
            p.artifact = true;
        }
        assert!(lattice(&paths, &text).is_empty());
        // A slanted line is no rule.
        let mut paths = ruled(&[40.0, 140.0, 240.0], &[100.0, 120.0, 140.0]);
        paths[1] = stroke(Shape::Line, 40.0, 115.0, 240.0, 125.0);
        let grids = lattice(&paths, &text);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, vec![100.0, 140.0]);
    }

    #[test]
    fn garbage_does_not_panic() {
        let bad = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 1e30, -0.0, 0.0];
        let mut paths = Vec::new();
        for &a in &bad {
            for &b in &bad {
                paths.push(stroke(Shape::Line, a, b, a, b));
                paths.push(stroke(Shape::Rect, a, b, b, a));
                paths.push(fill(a, 0.0, b, 10.0, BLACK));
                paths.push(PathItem {
                    paint: Paint::Stroke {
                        width: a,
                        color: [a, b, a, b],
                    },
                    ..hline(0.0, 100.0, b)
                });
            }
        }
        // Zero-length and zero-size paths.
        paths.push(hline(10.0, 10.0, 10.0));
        paths.push(stroke(Shape::Rect, 10.0, 10.0, 10.0, 10.0));
        paths.push(fill(10.0, 10.0, 10.0, 10.0, BLACK));
        let mut text = words(5.0, 5.0, "x");
        text.push(TextBox {
            x0: f32::NAN,
            x1: f32::INFINITY,
            top: 0.0,
            bottom: -1.0,
            baseline: f32::NAN,
            text: "y",
        });
        let _ = lattice(&paths, &text);
        let _ = lattice(&[], &[]);

        // Thousands of rules crossing: a dense 60 × 60 lattice, and a
        // pseudo-random scatter of short segments.
        let ticks: Vec<f32> = (0..60).map(|i| 10.0 * i as f32).collect();
        let mut dense = ruled(&ticks, &ticks);
        let mut seed = 12345u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 8) as f32 / (1u32 << 24) as f32 * 600.0
        };
        for _ in 0..4000 {
            let (x, y, l) = (next(), next(), next() / 4.0);
            dense.push(hline(x, x + l, y));
            let (x, y, l) = (next(), next(), next() / 4.0);
            dense.push(vline(x, y, y + l));
        }
        let text: Vec<TextBox> = (0..200)
            .flat_map(|i| words(next(), next(), &format!("{i}")))
            .collect();
        let grids = lattice(&dense, &text);
        for g in &grids {
            assert!(g.xs.windows(2).all(|w| w[0] < w[1]));
            assert!(g.ys.windows(2).all(|w| w[0] < w[1]));
            for c in &g.cells {
                assert!(c.row + c.row_span <= g.rows());
                assert!(c.col + c.col_span <= g.cols());
            }
        }
    }
}
