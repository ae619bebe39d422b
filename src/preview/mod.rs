//! Preview: one page of a PDF as a PNG image, with rectangles highlighted
//! on it (a translucent fill and an outline), and the places on a page
//! where given texts are printed, so that a caller can highlight a table's
//! cells without positions in the model (the model has pages, not
//! coordinates).
//!
//! Pages are rendered with hayro, the renderer of the PDF reader the read
//! stage uses, and only once they have passed the read stage's bounds
//! (inflation and nesting, [`crate::read`]): a page the read stage would
//! skip is refused here too. The image is bounded: at most
//! [`MAX_SIDE`] pixels on its long side and [`MAX_PIXELS`] pixels in all,
//! a page with a huge media box being scaled down to fit. Text is found
//! among the page's lines as the layout stage reads them ([`Preview::locate`]).
//!
//! Coordinates: every [`Rect`] is in **page coordinates**, those of the
//! read stage: points, origin at the top-left corner of the visible page,
//! y growing downwards, the page's rotation applied. A rendered [`Image`]
//! maps them to pixels by multiplying by its `scale`
//! ([`Rect::to_pixels`], [`Rect::from_pixels`]).
//!
//! Entry point: [`Preview::open`], then [`Preview::render`] and
//! [`Preview::locate`].

mod draw;
mod locate;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use hayro::hayro_interpret::TransformExt;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings};

use crate::error::Error;
use crate::read::{self, PageError};

/// The longest side of a rendered image, in pixels.
pub const MAX_SIDE: u32 = 4096;

/// The most pixels a rendered image holds (about 16 megapixels).
pub const MAX_PIXELS: u64 = 16_000_000;

/// The resolution of an image rendered without a width: 150 dpi.
pub const DEFAULT_DPI: f32 = 150.0;

/// A rectangle in page coordinates (points, origin at the top-left of the
/// visible page, y downwards), or in pixels after [`Rect::to_pixels`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    /// This rectangle in the pixels of an image rendered at `scale`
    /// (pixels per point, [`Image::scale`]).
    pub fn to_pixels(&self, scale: f32) -> Rect {
        self.scaled(scale)
    }

    /// A rectangle given in the pixels of an image rendered at `scale`,
    /// in page coordinates.
    pub fn from_pixels(&self, scale: f32) -> Rect {
        self.scaled(1.0 / scale)
    }

    fn scaled(&self, f: f32) -> Rect {
        Rect {
            x0: self.x0 * f,
            y0: self.y0 * f,
            x1: self.x1 * f,
            y1: self.y1 * f,
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

/// One place where a text is printed: one rectangle per line it covers
/// (a name wrapped over two lines has two), top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub rects: Vec<Rect>,
}

/// How large to render.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RenderOptions {
    /// The image's width in pixels (at [`DEFAULT_DPI`] when None); the
    /// image is made smaller where it would exceed [`MAX_SIDE`] or
    /// [`MAX_PIXELS`].
    pub width: Option<u32>,
}

/// A rendered page.
#[derive(Debug, Clone)]
pub struct Image {
    /// The PNG file's bytes (8-bit RGBA).
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// Pixels per point: page coordinates times `scale` are pixels.
    pub scale: f32,
}

/// An open PDF whose pages can be rendered and searched.
pub struct Preview {
    path: PathBuf,
    pdf: read::Document,
}

impl Preview {
    /// Opens the PDF in `bytes`; `path` names it in messages. A file that
    /// is not a PDF, is encrypted, or fails the read stage's file-wide
    /// bounds (nesting, page tree) is refused.
    pub fn open(path: &Path, bytes: Vec<u8>) -> Result<Preview, Error> {
        let p = || path.to_path_buf();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::Empty { path: p() });
        }
        if !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Err(Error::PagesOnlyOfPdf { path: p() });
        }
        let pdf = crate::open_pdf(path, std::sync::Arc::new(bytes), &crate::Sequential)?;
        Ok(Preview { path: p(), pdf })
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.pdf.page_count()
    }

    /// Renders page `page` (1-based) to a PNG, `highlights` (page
    /// coordinates) drawn over it.
    pub fn render(
        &self,
        page: u32,
        opts: &RenderOptions,
        highlights: &[Rect],
    ) -> Result<Image, Error> {
        let index = self.index(page)?;
        let mut reader = self.pdf.reader();
        let run = AssertUnwindSafe(|| -> Result<_, String> {
            let (p, settings) = reader.checked_page(index).map_err(|e| e.to_string())?;
            let (w, h) = p.render_dimensions();
            let size = draw::fit(w, h, opts.width)?;
            // Into a canvas of the size fitted, the page scaled to it.
            let mut ctx = RenderContext::new(size.width, size.height);
            let scale = f64::from(size.scale);
            hayro::render_into(
                p,
                &RenderCache::new(),
                settings,
                &RenderSettings::default(),
                &mut ctx,
                Affine::scale(scale) * p.initial_transform(true).to_kurbo(),
            );
            ctx.flush();
            let mut pixmap = Pixmap::new(ctx.width(), ctx.height());
            let init = RasterizerSettings {
                target_init: TargetInit::Clear(WHITE),
                ..Default::default()
            };
            ctx.render_with(&mut pixmap, &mut Resources::default(), init);
            Ok((pixmap, size))
        });
        let (mut pixmap, size) = catch_unwind(run)
            .unwrap_or_else(|_| Err(PageError::Failed.to_string()))
            .map_err(|reason| self.not_shown(page, reason))?;
        draw::highlight(&mut pixmap, size.scale, highlights);
        let png = pixmap.into_png().map_err(|e| {
            self.not_shown(
                page,
                crate::msg!("read-png-failed", error = e.to_string()).to_string(),
            )
        })?;
        Ok(Image {
            png,
            width: u32::from(size.width),
            height: u32::from(size.height),
            scale: size.scale,
        })
    }

    /// Where each of `needles` is printed on page `page` (1-based): for
    /// each needle, in order, every place it is found (none when it is
    /// not). Text is compared Turkish-case-insensitively (`İ`/`i`, `I`/`ı`
    /// and dotless/dotted i alike), whatever its spacing and line breaks;
    /// a word hyphenated at a line's end matches unhyphenated; a needle
    /// ends and starts at word and number boundaries (`779.000,00` is not
    /// found inside `5.815.779.000,00`). A text wrapped over lines (in a
    /// table cell: the lines below whose text overlaps it) gives a
    /// rectangle per line. Amounts are matched as printed: format the
    /// model's decimals with [`crate::normalize::format_number`].
    pub fn locate(&self, page: u32, needles: &[&str]) -> Result<Vec<Vec<Match>>, Error> {
        let index = self.index(page)?;
        let mut reader = self.pdf.reader();
        let run = AssertUnwindSafe(|| -> Result<_, PageError> {
            let mut content = reader.page(index)?;
            // The text-layer repair, decided on this page's evidence (the
            // pipeline decides it over the whole document).
            let repairs = read::repairs(&read::font_evidence(&content));
            read::apply_repairs(&mut content, &repairs);
            let laid = crate::layout::page(content);
            Ok(needles
                .iter()
                .map(|n| locate::find(&laid.lines, n))
                .collect())
        });
        catch_unwind(run)
            .unwrap_or(Err(PageError::Failed))
            .map_err(|e| self.not_shown(page, e.to_string()))
    }

    /// The 0-based index of page `page`, or why there is none.
    fn index(&self, page: u32) -> Result<usize, Error> {
        let count = self.page_count();
        match usize::try_from(page) {
            Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
            _ => Err(Error::NoSuchPage {
                path: self.path.clone(),
                page,
                count,
            }),
        }
    }

    fn not_shown(&self, page: u32, reason: String) -> Error {
        Error::PageNotShown {
            path: self.path.clone(),
            page,
            reason: reason.into(),
        }
    }
}
