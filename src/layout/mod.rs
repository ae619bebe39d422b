//! The layout stage: the read stage's pages into pages of positioned lines.
//! Glyphs are grouped into lines by baseline, and a line is cut into cells
//! wherever the horizontal gap between two glyphs is wider than a column
//! gap; letter-spaced words (`P E R F O R M A N S`) are closed up. Running
//! headers, footers and page numbers are recognised across pages and
//! removed. Tables are found as grids of cells: from their rules
//! ([`grid::lattice`]) or, where a printing has none, from the alignment of
//! their text ([`stream::stream`]); a table continued over a page break is
//! joined to its continuation, its repeated header dropped
//! ([`tables::tables`]). A pdftotext-style text export becomes the same
//! pages of lines ([`text::pages`]), its table rows told apart by their
//! spacing ([`text::rows`]). Entry points: [`page`],
//! [`strip_running`].

pub mod grid;
pub mod rotated;
mod running;
pub mod stream;
pub mod tables;
pub mod text;

use std::path::PathBuf;

use crate::error::Warning;
use crate::read::{Glyph, PageContent};

pub use running::strip_running;

/// The pages of a source document, as lines, and where they came from.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub path: PathBuf,
    pub file_name: String,
    pub sha256: String,
    /// PDF page count; None for text input.
    pub page_count: Option<u32>,
    pub pages: Vec<Page>,
    /// The PDF's /Title, if any.
    pub title: Option<String>,
    /// What reading and laying out the pages noticed, by page.
    pub warnings: Vec<Warning>,
    /// The file is truncated: some of its pages are lost.
    pub truncated: bool,
}

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
    /// A positioned line of cells given as `(x0, x1, text)`, for tests.
    #[cfg(test)]
    pub(crate) fn from_cells(y: f32, size: f32, cells: &[(f32, f32, &str)]) -> Line {
        Line {
            y,
            size,
            positioned: true,
            cells: cells
                .iter()
                .map(|&(x0, x1, t)| Cell {
                    x0,
                    x1,
                    text: t.into(),
                })
                .collect(),
        }
    }

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

/// One page of lines, and the tables its rules draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number in the source; None for text input.
    pub number: Option<u32>,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
    /// Tables, top to bottom: found from the page's ruling lines and cell
    /// borders ([`grid::lattice`]), or from the alignment of text set
    /// without rules ([`stream::stream`]); none for text input, whose rows
    /// are made by the spacing rule ([`text::rows`]).
    pub grids: Vec<grid::Grid>,
}

/// Lays out one page read from a PDF: its content glyphs (page furniture
/// marked as `/Artifact` left out, labels set upwards or downwards read in
/// their own direction: [`rotated::straighten`]) into lines and cells, and
/// its ruled tables into grids.
pub fn page(content: PageContent) -> Page {
    let glyphs: Vec<Glyph> = content.glyphs.into_iter().filter(|g| !g.artifact).collect();
    // Labels set upwards or downwards read in their own direction.
    let glyphs = rotated::straighten(glyphs);
    // A table needs at least four rules (or cell rectangles) around it.
    let mut grids = if content.paths.len() >= 4 {
        let boxes: Vec<grid::TextBox> = glyphs.iter().map(grid::TextBox::from_glyph).collect();
        grid::lattice(&content.paths, &boxes)
    } else {
        Vec::new()
    };
    let lines = lines(glyphs);
    // Tables set without column rules, from the alignment of the other
    // lines (and their row rules, where rows are ruled).
    let rules = grid::horizontal_rules(&content.paths);
    let unruled = stream::stream(&lines, &grids, &rules);
    grids.extend(unruled);
    grids.sort_by(|a, b| {
        let (ta, tb) = (a.ys.first().copied(), b.ys.first().copied());
        ta.unwrap_or(0.0).total_cmp(&tb.unwrap_or(0.0))
    });
    Page {
        number: Some(content.number),
        width: content.width,
        height: content.height,
        lines,
        grids,
    }
}

/// Groups glyphs into lines and cells.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Each row is a run of the sorted glyphs, laid out where it lies.
    let mut lines = Vec::new();
    let mut start = 0;
    let mut row_y = f32::NEG_INFINITY;
    let mut row_size = 0.0f32;
    for i in 0..glyphs.len() {
        let (y, size) = (glyphs[i].y, glyphs[i].size);
        let tol = 0.35 * row_size.min(size).max(1.0);
        if i == 0 || (y - row_y) > tol {
            if i > start {
                lines.extend(build_line(&mut glyphs[start..i]));
            }
            (start, row_y, row_size) = (i, y, size);
        } else {
            row_size = row_size.max(size);
        }
    }
    if start < glyphs.len() {
        lines.extend(build_line(&mut glyphs[start..]));
    }
    lines
}

fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

fn build_line(row: &mut [Glyph]) -> Option<Line> {
    // Most rows are drawn left to right already.
    if !row.is_sorted_by(|a, b| a.x.total_cmp(&b.x).is_le()) {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let blank: Vec<bool> = row.iter().map(|g| is_blank(&g.text)).collect();
    let inked = || row.iter().zip(&blank).filter(|(_, &b)| !b).map(|(g, _)| g);
    // The dominant size: sizes vary little inside a line.
    let size = inked().map(|g| g.size).fold(0.0f32, f32::max);
    if size == 0.0 {
        return None;
    }
    let y = inked().map(|g| g.y).sum::<f32>() / inked().count() as f32;
    let cell_gap = 0.9 * size;
    let word_gap = 0.18 * size;
    let mut cells: Vec<Cell> = Vec::new();
    // Per cell, the spaces put between glyphs: byte offset and gap width.
    let mut spaces: Vec<Vec<(usize, f32)>> = Vec::new();
    let mut prev_end = f32::NEG_INFINITY;
    let mut prev: Option<(f32, &str)> = None;
    let mut pending_space = false;
    for (g, &blank) in row.iter().zip(&blank) {
        if blank {
            pending_space = true;
            continue;
        }
        // Text drawn twice at the same place (fake bold, shadows) counts once.
        if let Some((px, pt)) = prev {
            if pt == &*g.text && (g.x - px).abs() < 0.15 * g.size {
                continue;
            }
        }
        let gap = g.x - prev_end;
        match cells.last_mut() {
            Some(cell) if gap <= cell_gap => {
                if pending_space || gap > word_gap {
                    if let Some(s) = spaces.last_mut() {
                        s.push((cell.text.len(), gap));
                    }
                    cell.text.push(' ');
                }
                cell.text.push_str(&g.text);
                cell.x1 = cell.x1.max(g.x + g.w);
            }
            _ => {
                cells.push(Cell {
                    x0: g.x,
                    x1: g.x + g.w,
                    text: g.text.to_string(),
                });
                spaces.push(Vec::new());
            }
        }
        pending_space = false;
        prev_end = prev_end.max(g.x + g.w);
        prev = Some((g.x, &g.text));
    }
    for (c, sp) in cells.iter_mut().zip(&spaces) {
        if let Some(closed) = close_letter_spacing(&c.text, sp) {
            c.text = closed;
        }
    }
    for c in &mut cells {
        plain_marks(&mut c.text);
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

/// Drops the text of glyphs that have no Unicode mapping (U+FFFD, kept by
/// the read stage until the text layer has been judged), and the cells and
/// lines left empty.
pub fn drop_unmapped(pages: &mut [Page]) {
    const UNMAPPED: char = crate::read::textlayer::UNMAPPED;
    for page in pages {
        for line in &mut page.lines {
            for cell in &mut line.cells {
                if cell.text.contains(UNMAPPED) {
                    let kept: String = cell.text.chars().filter(|&c| c != UNMAPPED).collect();
                    cell.text = kept.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
            line.cells.retain(|c| !c.text.is_empty());
        }
        page.lines.retain(|l| !l.cells.is_empty());
    }
}

/// Closes up letter-spaced words (`P E R F O R M A N S   P R O G R A M I`
/// → `PERFORMANS PROGRAMI`): where at least four single letters in a row
/// stand apart, the narrowest gap between them is the letter spacing, and
/// only gaps clearly wider than it (1.5×) stay spaces between words.
/// `spaces` are the byte offsets of the spaces put between glyphs, with the
/// gap each stands for. None when the text has no letter-spaced run.
fn close_letter_spacing(text: &str, spaces: &[(usize, f32)]) -> Option<String> {
    if spaces.len() < 3 {
        return None;
    }
    // Pieces between the spaces, each with the gap before it.
    let mut pieces: Vec<(&str, f32)> = Vec::with_capacity(spaces.len() + 1);
    let mut start = 0;
    let mut gap_before = 0.0;
    for &(at, gap) in spaces {
        pieces.push((&text[start..at], gap_before));
        start = at + 1;
        gap_before = gap;
    }
    pieces.push((&text[start..], gap_before));
    let single = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i;
        while j < pieces.len() && single(pieces[j].0) {
            j += 1;
        }
        if j - i >= 4 {
            let letter_gap = pieces[i + 1..j]
                .iter()
                .map(|p| p.1)
                .fold(f32::INFINITY, f32::min);
            for (k, (p, gap)) in pieces[i..j].iter().enumerate() {
                if k == 0 {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                } else if *gap > 1.5 * letter_gap {
                    out.push(' ');
                } else {
                    changed = true;
                }
                out.push_str(p);
            }
            i = j;
        } else {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(pieces[i].0);
            i += 1;
        }
    }
    changed.then_some(out)
}

/// A non-breaking hyphen is a hyphen; word joiners and zero-width spaces
/// carry no text. Applied to every line and grid cell the layout makes.
pub(crate) fn plain_marks(text: &mut String) {
    if text.contains(['\u{2011}', '\u{2060}', '\u{200b}', '\u{feff}']) {
        *text = text
            .replace('\u{2011}', "-")
            .replace(['\u{2060}', '\u{200b}', '\u{feff}'], "");
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
            text: text.into(),
            font: 0,
            artifact: false,
            upright: true,
            dir: crate::read::Direction::Across,
        }
    }

    #[test]
    fn letter_spaced_words_are_closed_up() {
        // Letters 5 wide, 3 apart; words 9 apart; a space glyph between
        // words (literal spacing) or none (character spacing) alike.
        let mut glyphs = Vec::new();
        let mut x = 10.0;
        for (i, word) in ["PERFORMANS", "PROGRAMI"].iter().enumerate() {
            if i > 0 {
                glyphs.push(g(x, 50.0, " "));
                x += 6.0;
            }
            for c in word.chars() {
                glyphs.push(g(x, 50.0, &c.to_string()));
                x += 8.0;
            }
        }
        let ls = lines(glyphs);
        assert_eq!(ls[0].text(), "PERFORMANS PROGRAMI");
        // Ordinary words with single-letter words among them stay as they are.
        assert_eq!(close_letter_spacing("a b c", &[(1, 2.0), (3, 2.0)]), None);
        assert_eq!(
            close_letter_spacing("Ek 1 a b", &[(2, 2.0), (4, 2.0), (6, 2.0)]),
            None
        );
    }

    /// A section title printed at the top of most pages (each page of a
    /// long section opens with the next table) and in the body of many is
    /// content; the running header beside it, printed in the margin only,
    /// goes.
    #[test]
    fn a_title_opening_many_pages_is_not_a_running_header() {
        let text = |y: f32, t: &str| Line {
            y,
            size: 8.0,
            positioned: true,
            cells: vec![Cell {
                x0: 40.0,
                x1: 200.0,
                text: t.into(),
            }],
        };
        let mut pages: Vec<Page> = (1..=8)
            .map(|n| Page {
                number: Some(n),
                width: 600.0,
                height: 800.0,
                lines: vec![
                    text(20.0, "İdare · 2024 Yılı Performans Programı"),
                    text(60.0, "Faaliyet Maliyetleri Tablosu"),
                    text(300.0, "Faaliyet Adı"),
                    text(400.0, "Faaliyet Maliyetleri Tablosu"),
                    text(790.0, &n.to_string()),
                ],
                grids: Vec::new(),
            })
            .collect();
        strip_running(&mut pages, &crate::Sequential);
        for p in &pages {
            let kept: Vec<String> = p.lines.iter().map(Line::text).collect();
            assert_eq!(
                kept,
                [
                    "Faaliyet Maliyetleri Tablosu",
                    "Faaliyet Adı",
                    "Faaliyet Maliyetleri Tablosu"
                ]
            );
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
