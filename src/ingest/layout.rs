//! Lines and cells from positioned glyphs: glyphs are grouped into lines by
//! baseline, and a line is cut into cells wherever the horizontal gap between
//! two glyphs is wider than a column gap. Running headers, footers and page
//! numbers are recognised across pages and removed.

use std::collections::HashMap;

use super::pdf::Glyph;

/// A run of text with its horizontal extent.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

/// A line of text: cells sharing one baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline from the top of the page; for text input, the line index.
    pub y: f32,
    /// Font size of the line's text.
    pub size: f32,
    pub cells: Vec<Cell>,
    /// True when cells carry real x positions (PDF input).
    pub positioned: bool,
}

impl Line {
    /// The whole line as text, cells separated by one space.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.cells {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&c.text);
        }
        s
    }
}

/// One page of lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number in the source; None for text input.
    pub number: Option<u32>,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

/// Groups glyphs into lines and cells.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_y = f32::NEG_INFINITY;
    let mut row_size = 0.0f32;
    for g in glyphs {
        let tol = 0.35 * row_size.min(g.size).max(1.0);
        if rows.is_empty() || (g.y - row_y) > tol {
            row_y = g.y;
            row_size = g.size;
            rows.push(vec![g]);
        } else {
            row_size = row_size.max(g.size);
            rows.last_mut().expect("a row").push(g);
        }
    }
    rows.into_iter().filter_map(build_line).collect()
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn build_line(mut row: Vec<Glyph>) -> Option<Line> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    // The dominant size: sizes vary little inside a line.
    let size = row
        .iter()
        .filter(|g| !is_blank(&g.text))
        .map(|g| g.size)
        .fold(0.0f32, f32::max);
    if size == 0.0 {
        return None;
    }
    let y = row
        .iter()
        .filter(|g| !is_blank(&g.text))
        .map(|g| g.y)
        .sum::<f32>()
        / row.iter().filter(|g| !is_blank(&g.text)).count() as f32;
    let cell_gap = 0.9 * size;
    let word_gap = 0.18 * size;
    let mut cells: Vec<Cell> = Vec::new();
    let mut prev_end = f32::NEG_INFINITY;
    let mut prev: Option<(f32, std::sync::Arc<str>)> = None;
    let mut pending_space = false;
    for g in row {
        if is_blank(&g.text) {
            pending_space = true;
            continue;
        }
        // Text drawn twice at the same place (fake bold, shadows) counts once.
        if let Some((px, pt)) = &prev {
            if *pt == g.text && (g.x - px).abs() < 0.15 * g.size {
                continue;
            }
        }
        let gap = g.x - prev_end;
        match cells.last_mut() {
            Some(cell) if gap <= cell_gap => {
                if pending_space || gap > word_gap {
                    cell.text.push(' ');
                }
                cell.text.push_str(&g.text);
                cell.x1 = cell.x1.max(g.x + g.w);
            }
            _ => cells.push(Cell {
                x0: g.x,
                x1: g.x + g.w,
                text: g.text.to_string(),
            }),
        }
        pending_space = false;
        prev_end = prev_end.max(g.x + g.w);
        prev = Some((g.x, g.text));
    }
    for c in &mut cells {
        // A non-breaking hyphen is a hyphen; word joiners and zero-width
        // spaces carry no text.
        if c.text
            .contains(['\u{2011}', '\u{2060}', '\u{200b}', '\u{feff}'])
        {
            c.text = c
                .text
                .replace('\u{2011}', "-")
                .replace(['\u{2060}', '\u{200b}', '\u{feff}'], "");
        }
        let t = c.text.trim();
        if t.len() != c.text.len() {
            c.text = t.to_string();
        }
    }
    cells.retain(|c| !c.text.is_empty());
    (!cells.is_empty()).then_some(Line {
        y,
        size,
        cells,
        positioned: true,
    })
}

/// Removes running headers, footers and page numbers: lines in the top or
/// bottom margin whose text (digits folded) recurs on many pages, and lone
/// page numbers there.
pub fn strip_running(pages: &mut [Page]) {
    if pages.is_empty() {
        return;
    }
    // Digit runs fold to one `#`, so "Sayfa 9" and "Sayfa 10" are one header.
    let key = |l: &Line| -> String {
        let mut k = String::new();
        for c in l.text().chars() {
            if c.is_ascii_digit() {
                if !k.ends_with('#') {
                    k.push('#');
                }
            } else {
                k.push(c);
            }
        }
        k
    };
    let in_margin = |p: &Page, l: &Line| l.y < p.height * 0.1 || l.y > p.height * 0.9;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen: Vec<String> = Vec::new();
        for l in p.lines.iter().filter(|l| in_margin(p, l)) {
            let k = key(l);
            if !seen.contains(&k) {
                seen.push(k.clone());
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let threshold = (pages.len() / 4).max(3);
    for p in pages.iter_mut() {
        let h = p.height;
        let mut keep = Vec::with_capacity(p.lines.len());
        for l in p.lines.drain(..) {
            let margin = l.y < h * 0.1 || l.y > h * 0.9;
            let k = key(&l);
            let recurring = counts.get(&k).copied().unwrap_or(0) >= threshold;
            let page_no = margin
                && l.cells.len() == 1
                && l.cells[0].text.len() <= 4
                && l.cells[0].text.chars().all(|c| c.is_ascii_digit());
            if !(page_no || margin && recurring) {
                keep.push(l);
            }
        }
        p.lines = keep;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f32, y: f32, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            w: 5.0 * text.chars().count() as f32,
            size: 10.0,
            text: std::sync::Arc::from(text),
        }
    }

    #[test]
    fn cells_split_at_wide_gaps() {
        let ls = lines(vec![
            g(10.0, 100.0, "Adet"),
            g(200.0, 100.2, "1.000"),
            g(35.0, 100.0, "x"),
            g(30.0, 100.0, " "),
            g(10.0, 120.0, "next"),
        ]);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].cells.len(), 2);
        assert_eq!(ls[0].cells[0].text, "Adet x");
        assert_eq!(ls[0].cells[1].text, "1.000");
        assert_eq!(ls[1].text(), "next");
    }
}
