//! Running headers, footers and page numbers, found by their repeated place
//! and shape across pages and removed before the tables are read.
//!
//! Three kinds of line go:
//! - a line in the top or bottom tenth of the page whose text (digits
//!   folded) recurs there on many pages but not in the body of many, and a
//!   lone page number there;
//! - wherever on the page, a line that numbers its page: printed at the same
//!   place on many pages with the same text but for its numbers, one of
//!   which goes up by one from page to page (`Sayfa 9 / 368` beside `Sayfa
//!   10 / 368`, a sheet's footer above a wide bottom margin);
//! - next to such a line (a line's pitch away), a line printed at the same
//!   place with the same text on many pages (the sheet's name on a line of
//!   its own).
//!
//! Lines of the second and third kind go only from the page's outside in:
//! where every line between them and the page's nearer edge goes too. A
//! running line stands outside the page's text; a table's header row
//! printed again on every page stands inside it, and does not number its
//! page, so it stays, and so does a table's last row. Where a table found
//! from the alignment of text took a removed line in as its first or last
//! row, that row goes with it.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::grid::Grid;
use super::{Line, Page};
use crate::exec::{self, Executor};
use crate::util::{seeded_hasher, FastMap, FastSet};

/// A line's text with each run of digits folded to one `#`, so that
/// "Sayfa 9" and "Sayfa 10" are one text.
fn fold(text: &str) -> String {
    let mut k = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.push(c);
        }
    }
    k
}

/// What the search needs of one line, worked out once: its folded text,
/// that text's hash, and (where it has digits) its numbers.
struct Facts {
    key: String,
    hash: u64,
    numbers: Vec<Option<i64>>,
}

/// A folded text as a key of the tallies: hashed by the hash worked out
/// once in [`Facts`] (a long line's text is not hashed again at each
/// lookup), told apart from another text of the same hash by its text.
#[derive(Clone, Copy)]
struct Text<'a> {
    hash: u64,
    text: &'a str,
}

impl<'a> Text<'a> {
    fn of(f: &'a Facts) -> Text<'a> {
        Text {
            hash: f.hash,
            text: &f.key,
        }
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Text<'_> {}

impl Hash for Text<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl Facts {
    fn of(l: &Line) -> Facts {
        let text = l.text();
        let key = fold(&text);
        let numbers = if key.contains('#') {
            numbers(&text)
        } else {
            Vec::new()
        };
        Facts {
            hash: hashed(&key),
            key,
            numbers,
        }
    }

    /// Whether the text has digits (folded to `#`).
    fn numbered(&self) -> bool {
        !self.numbers.is_empty()
    }
}

/// The folded text's hash (a fixed hasher: the same on every run).
fn hashed(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The runs of digits of a text, as numbers (runs too long for a page
/// number are left out but keep their place).
fn numbers(text: &str) -> Vec<Option<i64>> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            out.push((run.len() <= 6).then(|| run.parse().ok()).flatten());
            run.clear();
        }
    }
    out
}

/// A line's place on the page, in bands of 2 points.
fn band(l: &Line) -> i64 {
    (l.y / 2.0).round() as i64
}

/// What one page prints, for the running-header tallies: each text once
/// in the margins (with its smallest size there) and once in the body, each
/// text without digits once at each place, each number's place in a text
/// with digits once, and every number with its text, place and page.
struct PageTally<'a> {
    margin: Vec<(Text<'a>, f32)>,
    body: Vec<Text<'a>>,
    placed: Vec<(u64, i64)>,
    numbered: Vec<(u64, usize, i64)>,
    numbers: Vec<(u64, usize, i64, u32, i64)>,
}

impl<'a> PageTally<'a> {
    fn of(p: &Page, ks: &'a [Facts]) -> PageTally<'a> {
        let mut margin: FastMap<Text, f32> = FastMap::with_hasher(seeded_hasher());
        let mut body: FastSet<Text> = FastSet::with_hasher(seeded_hasher());
        let mut placed: FastSet<(u64, i64)> = FastSet::with_hasher(seeded_hasher());
        let mut numbered: FastSet<(u64, usize, i64)> = FastSet::with_hasher(seeded_hasher());
        let mut numbers = Vec::new();
        for (l, f) in p.lines.iter().zip(ks) {
            let k = Text::of(f);
            if in_margin(p, l) {
                let s = margin.entry(k).or_insert(l.size);
                *s = s.min(l.size);
            } else {
                body.insert(k);
            }
            let (h, b) = (f.hash, band(l));
            if !f.numbered() {
                placed.insert((h, b));
                continue;
            }
            let Some(page) = p.number else { continue };
            for (j, &v) in f.numbers.iter().enumerate() {
                let Some(v) = v else { continue };
                numbered.insert((h, j, b));
                numbers.push((h, j, b, page, v));
            }
        }
        PageTally {
            margin: margin.into_iter().collect(),
            body: body.into_iter().collect(),
            placed: placed.into_iter().collect(),
            numbered: numbered.into_iter().collect(),
            numbers,
        }
    }
}

/// Whether a line lies in the page's top or bottom tenth.
fn in_margin(p: &Page, l: &Line) -> bool {
    l.y < p.height * 0.1 || l.y > p.height * 0.9
}

/// Removes running headers, footers and page numbers (see the module's
/// documentation) from every page's lines, and the rows they made of
/// tables found from alignment.
pub fn strip_running(pages: &mut [Page], exec: &dyn Executor) {
    if pages.is_empty() {
        return;
    }
    let shared: &[Page] = pages;
    let keys: Vec<Vec<Facts>> = exec::map(
        exec,
        shared.len(),
        || (),
        |_, i| shared[i].lines.iter().map(Facts::of).collect(),
    )
    .into_iter()
    .map(Option::unwrap_or_default)
    .collect();
    // What each page prints, each text and place once, tallied on the
    // workers; then added up.
    let tallies: Vec<PageTally> = exec::map(
        exec,
        shared.len(),
        || (),
        |_, i| PageTally::of(&shared[i], &keys[i]),
    )
    .into_iter()
    .zip(shared.iter().zip(&keys))
    .map(|(t, (p, ks))| t.unwrap_or_else(|| PageTally::of(p, ks)))
    .collect();
    // On how many pages each text is printed in the margins, and in the body.
    let mut counts: FastMap<Text, usize> = FastMap::with_hasher(seeded_hasher());
    let mut body: FastMap<Text, usize> = FastMap::with_hasher(seeded_hasher());
    // On how many pages each text is printed at each place; and each number
    // of each text at each place, by page.
    let mut placed: FastMap<(u64, i64), usize> = FastMap::with_hasher(seeded_hasher());
    let mut numbered: FastMap<(u64, usize, i64), usize> = FastMap::with_hasher(seeded_hasher());
    let mut numbers_at: FastSet<(u64, usize, i64, u32, i64)> =
        FastSet::with_hasher(seeded_hasher());
    // The smallest size each text is printed in the margins.
    let mut sizes: FastMap<Text, f32> = FastMap::with_hasher(seeded_hasher());
    for t in &tallies {
        for &(k, size) in &t.margin {
            *counts.entry(k).or_default() += 1;
            let s = sizes.entry(k).or_insert(size);
            *s = s.min(size);
        }
        for &k in &t.body {
            *body.entry(k).or_default() += 1;
        }
        for &at in &t.placed {
            *placed.entry(at).or_default() += 1;
        }
        for &at in &t.numbered {
            *numbered.entry(at).or_default() += 1;
        }
        numbers_at.extend(t.numbers.iter().copied());
    }
    drop(tallies);
    let threshold = (pages.len() / 4).max(3);
    let body_size = body_text_size(pages);
    // A text that also recurs in the body is content that often opens a
    // page (a table's title or header printed again on every page of a
    // long section), not a running header; so is a heading printed larger
    // than the body text.
    counts.retain(|_, n| *n >= threshold);
    let margin_texts: FastSet<Text> = counts
        .into_keys()
        .filter(|k| {
            body.get(k).copied().unwrap_or(0) < threshold
                && sizes.get(k).is_none_or(|&s| s <= body_size + 1.0)
        })
        .collect();
    placed.retain(|_, n| *n >= threshold);
    numbered.retain(|_, n| *n >= threshold);
    // Whether a line numbers its page: a number of it goes up by one from
    // the page before or to the page after, the text and place the same.
    let numbers_page = |l: &Line, f: &Facts, page: u32| {
        let (h, b) = (f.hash, band(l));
        f.numbers.iter().enumerate().any(|(j, &v)| {
            let Some(v) = v else { return false };
            numbered.contains_key(&(h, j, b))
                && (numbers_at.contains(&(h, j, b, page.wrapping_sub(1), v - 1))
                    || numbers_at.contains(&(h, j, b, page.saturating_add(1), v + 1)))
        })
    };
    // Which lines go, page by page on the workers.
    let decide = |p: &Page, ks: &[Facts]| -> Vec<bool> {
        let h = p.height;
        let n = p.lines.len();
        // The margins' running lines (the first kind), and the lines that
        // number their page (the second) with their baseline and size.
        let mut gone = vec![false; n];
        let mut numbering = vec![false; n];
        let mut anchors: Vec<(f32, f32)> = Vec::new();
        for (i, (l, f)) in p.lines.iter().zip(ks).enumerate() {
            let k = Text::of(f);
            let margin = in_margin(p, l);
            let page_no = margin
                && l.cells.len() == 1
                && l.cells[0].text.len() <= 4
                && l.cells[0].text.chars().all(|c| c.is_ascii_digit());
            // A recurring line inside a ruled table is the table's first
            // row (a title printed as one), not page furniture.
            gone[i] =
                page_no || margin && margin_texts.contains(&k) && !in_ruled_table(&p.grids, l);
            numbering[i] = f.numbered() && p.number.is_some_and(|page| numbers_page(l, f, page));
            if numbering[i] {
                anchors.push((l.y, l.size));
            }
        }
        if !anchors.is_empty() {
            // A line of the second or third kind goes only where the lines
            // between it and the page's nearer edge go too: a running line
            // stands outside the page's text, never between its lines.
            let passable = |i: usize| {
                let (l, f) = (&p.lines[i], &ks[i]);
                let companion = !f.numbered()
                    && placed.contains_key(&(f.hash, band(l)))
                    && anchors
                        .iter()
                        .any(|&(y, size)| (l.y - y).abs() <= 1.6 * size.max(l.size));
                gone[i] || numbering[i] || companion
            };
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| p.lines[a].y.total_cmp(&p.lines[b].y));
            let top = order.iter().take_while(|&&i| p.lines[i].y < h / 2.0);
            let bottom = order.iter().rev().take_while(|&&i| p.lines[i].y >= h / 2.0);
            let mut outer: Vec<usize> = Vec::new();
            for walk in [top.collect::<Vec<_>>(), bottom.collect()] {
                outer.extend(walk.into_iter().take_while(|&&i| passable(i)));
            }
            for i in outer {
                gone[i] = true;
            }
        }
        gone
    };
    let shared: &[Page] = pages;
    let decided: Vec<Option<Vec<bool>>> = exec::map(
        exec,
        shared.len(),
        || (),
        |_, i| decide(&shared[i], &keys[i]),
    );
    for ((p, ks), gone) in pages.iter_mut().zip(&keys).zip(decided) {
        let gone = gone.unwrap_or_else(|| decide(p, ks));
        if !gone.contains(&true) {
            continue;
        }
        let mut removed = Vec::new();
        let mut keep = Vec::with_capacity(p.lines.len());
        for (l, g) in p.lines.drain(..).zip(gone) {
            if g {
                removed.push(l);
            } else {
                keep.push(l);
            }
        }
        p.lines = keep;
        // Only tables found from alignment take in lines around them; a
        // ruled table's rows are its rules'.
        p.grids
            .retain_mut(|g| g.gaps.is_empty() || !trim(g, &removed));
    }
}

/// Whether a line lies inside one of the page's ruled tables.
fn in_ruled_table(grids: &[Grid], l: &Line) -> bool {
    let (Some(a), Some(b)) = (l.cells.first(), l.cells.last()) else {
        return false;
    };
    grids.iter().filter(|g| g.gaps.is_empty()).any(|g| {
        g.bbox().is_some_and(|(x0, top, x1, bottom)| {
            top <= l.y && l.y <= bottom && x0 <= a.x0 + 1.0 && b.x1 <= x1 + 1.0
        })
    })
}

/// The size most of the document's lines are printed in (to the half
/// point), weighted by their characters: the body text's.
fn body_text_size(pages: &[Page]) -> f32 {
    let mut by_size: HashMap<u32, usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        let chars: usize = l.cells.iter().map(|c| c.text.chars().count()).sum();
        *by_size.entry((l.size * 2.0).round() as u32).or_default() += chars;
    }
    by_size
        .into_iter()
        .max_by_key(|&(size, n)| (n, size))
        .map_or(f32::INFINITY, |(size, _)| size as f32 / 2.0)
}

/// Drops a grid's first or last row where it is made of removed lines'
/// text alone (a table found from alignment that took a footer in). True
/// when nothing of the grid is left.
fn trim(g: &mut Grid, removed: &[Line]) -> bool {
    while g.rows() > 0 {
        let last = g.rows() - 1;
        if !(drop_row(g, last, removed) || drop_row(g, 0, removed)) {
            break;
        }
    }
    g.rows() == 0 || g.cells.is_empty()
}

/// A text's letters without spaces, in order of code point: a row's cells
/// and the lines in it compare alike in whatever order they were read.
fn letters<'s>(texts: impl Iterator<Item = &'s str>) -> Vec<char> {
    let mut cs: Vec<char> = texts
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    cs.sort_unstable();
    cs
}

/// Drops grid row `row` if it is made of the text of the removed lines
/// printed in it, and nothing else.
fn drop_row(g: &mut Grid, row: usize, removed: &[Line]) -> bool {
    let (top, bottom) = (g.ys[row], g.ys[row + 1]);
    let inside: Vec<&Line> = removed
        .iter()
        .filter(|l| top <= l.y && l.y <= bottom)
        .collect();
    if inside.is_empty() {
        return false;
    }
    let in_row: Vec<_> = g.cells.iter().filter(|c| c.covers(row, c.col)).collect();
    if in_row.iter().any(|c| c.row_span > 1) {
        return false;
    }
    let printed = letters(in_row.iter().flat_map(|c| &c.lines).map(String::as_str));
    let texts: Vec<String> = inside.iter().map(|l| l.text()).collect();
    if printed.is_empty() || printed != letters(texts.iter().map(String::as_str)) {
        return false;
    }
    g.cells.retain(|c| c.row != row);
    if row == 0 {
        g.ys.remove(0);
        for c in &mut g.cells {
            c.row -= 1;
        }
        g.header = g.header.map(|n| n.saturating_sub(1));
    } else {
        g.ys.pop();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::Cell;
    use super::*;

    fn line(y: f32, cells: &[(f32, &str)]) -> Line {
        Line {
            y,
            size: 8.0,
            positioned: true,
            cells: cells
                .iter()
                .map(|&(x0, t)| Cell {
                    x0,
                    x1: x0 + 5.0 * t.chars().count() as f32,
                    text: t.into(),
                })
                .collect(),
        }
    }

    fn page(n: u32, lines: Vec<Line>) -> Page {
        Page {
            number: Some(n),
            width: 600.0,
            height: 800.0,
            lines,
            grids: Vec::new(),
        }
    }

    /// A sheet's footer above a wide bottom margin (its name on a line of
    /// its own, `Sayfa N / M` below) goes on every page; the table's header
    /// printed again at the top of every page, and its last row, stay.
    #[test]
    fn a_sheet_footer_above_the_margin_goes_and_repeated_headers_stay() {
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![
                        line(
                            100.0,
                            &[(40.0, "Performans Göstergeleri"), (300.0, "2025 Hedef")],
                        ),
                        line(120.0, &[(40.0, &format!("Gösterge {n}")), (300.0, "12")]),
                        line(640.0, &[(40.0, "Genel Toplam"), (300.0, "1.000,00")]),
                        line(680.0, &[(40.0, "Performans Hedefleri")]),
                        line(690.0, &[(300.0, &format!("Sayfa {} / 368", n + 8))]),
                    ],
                )
            })
            .collect();
        strip_running(&mut pages, &crate::Sequential);
        for (n, p) in (1..).zip(&pages) {
            let kept: Vec<String> = p.lines.iter().map(Line::text).collect();
            assert_eq!(
                kept,
                [
                    "Performans Göstergeleri 2025 Hedef".to_string(),
                    format!("Gösterge {n} 12"),
                    "Genel Toplam 1.000,00".to_string(),
                ]
            );
        }
    }

    /// Numbers at one place that do not follow the pages (a column of
    /// figures that happens to stand at the same height) are content.
    #[test]
    fn numbers_that_do_not_follow_the_pages_stay() {
        let mut pages: Vec<Page> = (1..=6)
            .map(|n| {
                page(
                    n,
                    vec![line(500.0, &[(40.0, &format!("Toplam {}", 7 * n % 5))])],
                )
            })
            .collect();
        strip_running(&mut pages, &crate::Sequential);
        assert!(pages.iter().all(|p| p.lines.len() == 1));
    }
}
