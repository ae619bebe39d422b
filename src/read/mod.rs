//! The read stage: the bytes of a PDF into one [`PageContent`] per page —
//! every glyph with its Unicode text, font, size, position and advance, and
//! every vector path (ruling lines, rectangles, filled areas) with its paint,
//! all in page coordinates (points, origin at the top-left of the visible
//! page, y growing downwards, rotation applied).
//!
//! It knows nothing of programmes. It reads damaged files the way poppler
//! and MuPDF do (a broken cross-reference table is rebuilt from the objects,
//! [`rebuild`]; a truncated file gives the pages it still has), never
//! inflates a stream beyond a bound set by the file's own size ([`bound`]),
//! never parses syntax nested deeper than [`nesting::MAX_DEPTH`] levels (the
//! file is refused, [`structure`], or the page skipped, [`check`]), and
//! repairs text layers whose fonts map Turkish letters wrongly
//! ([`textlayer`], applied by [`repair_text_layer`] over the whole
//! document). Fonts whose dictionaries hold long inline values are given to
//! the interpreter with those values moved into objects of their own
//! ([`slim`]), where that reads the same.
//!
//! Entry points: [`Document::open`], then [`Document::reader`] and
//! [`PageReader::page`] for each page (a reader per worker: the caller
//! decides how pages are spread over threads), then [`repair_text_layer`].

mod bound;
mod check;
mod device;
mod fonts;
mod nesting;
mod pdf;
mod rebuild;
mod slim;
mod structure;
pub mod textlayer;

use std::collections::HashMap;
use std::sync::Arc;

pub use pdf::{Document, PageReader};

use hayro_interpret::hayro_syntax::object::Dict;
use hayro_interpret::hayro_syntax::page::Resources;

/// The resources a form XObject's content is read with, as the interpreter
/// reads them: the form's own `/Resources` where it has them (nothing is
/// looked up beyond them), else those of the content drawing it.
fn form_resources<'a>(form: &Dict<'a>, outer: &Resources<'a>) -> Resources<'a> {
    form.get::<Dict<'a>>(b"Resources")
        .map_or_else(|| outer.clone(), Resources::new)
}

/// One shown glyph, in page coordinates.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// The origin's x (left end of the glyph's advance).
    pub x: f32,
    /// The baseline, from the top of the page.
    pub y: f32,
    /// The advance width, in page units.
    pub w: f32,
    /// The font size in page units (the text matrix's vertical scale).
    pub size: f32,
    /// The Unicode text the glyph stands for (`/ActualText` where given).
    pub text: ecow::EcoString,
    /// The font: its place in its page's [`PageContent::fonts`] (a glyph
    /// costs no count of a shared name).
    pub font: u32,
    /// Inside `/Artifact` marked content: page furniture, not content.
    pub artifact: bool,
    /// True when the glyph is drawn upright (no rotation or skew).
    pub upright: bool,
    /// The direction its text runs on the page, from the text matrix.
    pub dir: Direction,
}

/// The direction a glyph's text runs on the page: where its advance points
/// (a label rotated 90° in a table cell reads upwards or downwards).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right: upright, or turned by less than 45°.
    #[default]
    Across,
    /// Bottom to top: turned 90° counter-clockwise.
    Up,
    /// Top to bottom: turned 90° clockwise.
    Down,
    /// Right to left: upside down.
    Back,
}

impl Direction {
    /// The direction of an advance vector `(dx, dy)` in page coordinates
    /// (y growing downwards).
    pub fn of(dx: f64, dy: f64) -> Direction {
        if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                Direction::Across
            } else {
                Direction::Back
            }
        } else if dy < 0.0 {
            Direction::Up
        } else {
            Direction::Down
        }
    }
}

/// An RGBA colour, each component in 0..=1.
pub type Rgba = [f32; 4];

/// What a path is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A straight segment from (x0, y0) to (x1, y1).
    Line,
    /// An axis-parallel rectangle with corners (x0, y0) and (x1, y1), x0 ≤ x1, y0 ≤ y1.
    Rect,
}

/// How a path is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paint {
    /// Stroked with this line width (page units) and colour.
    Stroke { width: f32, color: Rgba },
    /// Filled with this colour.
    Fill { color: Rgba },
}

/// One straight segment or rectangle of a drawn path, in page coordinates.
/// Curves are not kept: tables are drawn with straight lines and rectangles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathItem {
    pub shape: Shape,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub paint: Paint,
    /// Inside `/Artifact` marked content.
    pub artifact: bool,
}

/// Everything the read stage gives of one page.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    /// The visible page's width and height (rotation applied), in points.
    pub width: f32,
    pub height: f32,
    /// The page's `/Rotate`, in degrees clockwise (0, 90, 180 or 270).
    pub rotation: u16,
    /// Glyphs in the order the content stream shows them.
    pub glyphs: Vec<Glyph>,
    /// The fonts of the glyphs, by their names in the PDF
    /// (`ABCDEF+Arial-BoldMT`), in the order the page first shows them:
    /// [`Glyph::font`] is a place in this list.
    pub fonts: Vec<Arc<str>>,
    /// Straight segments and rectangles in drawing order.
    pub paths: Vec<PathItem>,
    /// Glyphs whose code has no Unicode mapping (their text is lost), by font.
    pub unmapped: Vec<(Arc<str>, usize)>,
}

/// Why a PDF could not be opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenError {
    #[error("{}", crate::msg!("read-encrypted"))]
    Password,
    #[error("{0}")]
    Damaged(String),
}

/// Why a page could not be read; the other pages are still read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PageError {
    /// A stream of the page would inflate beyond the bound.
    #[error("{0}")]
    TooLarge(String),
    /// The page's content nests too deep, or its forms draw themselves.
    #[error("{0}")]
    TooDeep(String),
    /// The page's content is missing (a truncated file).
    #[error("{}", crate::msg!("read-page-lost"))]
    Lost,
    /// The interpreter failed on the page.
    #[error("{}", crate::msg!("read-page-failed"))]
    Failed,
    /// The document has no page of that index.
    #[error("{}", crate::msg!("read-no-such-page"))]
    NoSuchPage,
}

/// What the read stage noticed about the whole document (a truncated
/// file, a rebuilt cross-reference table, a repaired font), as a sentence.
pub type Notice = String;

/// Each font's letter evidence on one page, by font name.
pub type FontEvidence = HashMap<Arc<str>, textlayer::FontStats>;

/// The repair each font calls for, by font name (fonts needing none left out).
pub type Repairs = HashMap<Arc<str>, textlayer::Repair>;

/// The letter evidence of each font shown on `page`
/// ([`textlayer::FontStats`]), to be merged over the whole document.
pub fn font_evidence(page: &PageContent) -> FontEvidence {
    let mut by_font: Vec<Option<textlayer::FontStats>> = vec![None; page.fonts.len()];
    for g in &page.glyphs {
        if let Some(slot) = by_font.get_mut(g.font as usize) {
            slot.get_or_insert_with(Default::default).add_glyph(g);
        }
    }
    // A page's fonts have names of their own (the reader gives two fonts
    // of one name one place).
    page.fonts
        .iter()
        .zip(by_font)
        .filter_map(|(name, s)| Some((Arc::clone(name), s?)))
        .collect()
}

/// Merges one page's evidence into the document's.
pub fn merge_evidence(into: &mut FontEvidence, page: FontEvidence) {
    for (font, s) in page {
        into.entry(font).or_default().merge(&s);
    }
}

/// The repairs the document's evidence calls for.
pub fn repairs(evidence: &FontEvidence) -> Repairs {
    evidence
        .iter()
        .map(|(font, s)| (Arc::clone(font), s.repair()))
        .filter(|(_, r)| *r != textlayer::Repair::None)
        .collect()
}

/// One notice per repaired font, naming it and the repair.
pub fn repair_notices(repairs: &Repairs) -> Vec<Notice> {
    let mut notices: Vec<Notice> = repairs
        .iter()
        .map(|(font, repair)| {
            crate::msg!(
                "notice-font-repaired",
                font = font.to_string(),
                repair = match repair {
                    textlayer::Repair::Cp1254AsCp1252 => "cp1254",
                    textlayer::Repair::LegacyTurkish => "legacy",
                    textlayer::Repair::None => "none",
                }
            )
            .to_string()
        })
        .collect();
    notices.sort();
    notices
}

/// Applies `repairs` to the glyphs of one page; true if any font of the
/// page is repaired.
pub fn apply_repairs(page: &mut PageContent, repairs: &Repairs) -> bool {
    let by_font: Vec<Option<textlayer::Repair>> =
        page.fonts.iter().map(|f| repairs.get(f).copied()).collect();
    let glyphs = &mut page.glyphs;
    let mut touched = false;
    for i in 0..glyphs.len() {
        let Some(&Some(repair)) = by_font.get(glyphs[i].font as usize) else {
            continue;
        };
        touched = true;
        let prev = i
            .checked_sub(1)
            .and_then(|j| glyphs[j].text.chars().next_back());
        let next = glyphs.get(i + 1).and_then(|g| g.text.chars().next());
        if let Some(fixed) = repair.apply(&glyphs[i].text, prev, next) {
            glyphs[i].text = fixed.into();
        }
    }
    touched
}

/// Repairs the text layer of the whole document in place: each font's
/// letters are checked over all pages, and the fonts whose evidence calls
/// for a repair are repaired on every page. Returns one notice per
/// repaired font. (The pipeline does the same page by page, keeping only
/// the evidence: [`font_evidence`], [`repairs`], [`apply_repairs`].)
pub fn repair_text_layer(pages: &mut [PageContent]) -> Vec<Notice> {
    let mut evidence = FontEvidence::new();
    for page in pages.iter() {
        merge_evidence(&mut evidence, font_evidence(page));
    }
    let repairs = repairs(&evidence);
    for page in pages.iter_mut() {
        apply_repairs(page, &repairs);
    }
    repair_notices(&repairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph of `text` in the page's font at place `font`.
    fn glyph(x: f32, text: &str, font: u32) -> Glyph {
        Glyph {
            x,
            y: 10.0,
            w: 5.0,
            size: 10.0,
            text: text.into(),
            font,
            artifact: false,
            upright: true,
            dir: Direction::Across,
        }
    }

    /// Runs of two fonts taking turns: each font's evidence is its own
    /// runs' together, and only the glyphs of the font to repair change.
    #[test]
    fn evidence_and_repairs_follow_each_glyphs_font() {
        let mut page = PageContent {
            fonts: vec![Arc::from("A"), Arc::from("B")],
            glyphs: ["ý", "ı", "ý", "ı", "ð"]
                .iter()
                .enumerate()
                .map(|(i, t)| glyph(5.0 * i as f32, t, [0, 1, 0, 1, 0][i]))
                .collect(),
            ..PageContent::default()
        };
        let evidence = font_evidence(&page);
        assert_eq!(evidence.len(), 2);
        let repairs = repairs(&evidence);
        assert_eq!(
            repairs.iter().collect::<Vec<_>>(),
            [(&Arc::from("A"), &textlayer::Repair::Cp1254AsCp1252)]
        );
        assert!(apply_repairs(&mut page, &repairs));
        let texts: Vec<&str> = page.glyphs.iter().map(|g| &*g.text).collect();
        assert_eq!(texts, ["ı", "ı", "ı", "ı", "ğ"]);
    }
}
