//! The hayro-interpret [`Device`] that collects glyphs and straight paths of
//! one page in page coordinates, with `/Artifact` and `/ActualText` marked
//! content applied.

use std::sync::Arc;

use ecow::EcoString;
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint as HPaint,
    SoftMask,
};
use kurbo::{Affine, BezPath, PathEl, Point};

use super::fonts::{text_of, Interner, Mapped};
use super::{Direction, Glyph, Paint, PathItem, Rgba, Shape};

/// One open marked-content sequence.
struct Mark {
    artifact: bool,
    /// An artifact of `/Type /Layout` or `/Background`: rules and fills
    /// that draw the content's tables, not page furniture.
    layout: bool,
    /// `/ActualText` of the span: not yet given to a glyph, given, or none.
    actual: Actual,
}

enum Actual {
    None,
    Pending(Arc<str>),
    Given,
}

/// A marked-content sequence as found ahead of interpretation: its tag, its
/// `/ActualText`, and whether it is a layout artifact (`/Type /Layout` or
/// `/Background`: a table's rules drawn by a tagging producer).
pub(super) type MarkInfo = (Vec<u8>, Option<Arc<str>>, bool);

pub(super) struct Collector<'r> {
    pub glyphs: Vec<Glyph>,
    pub paths: Vec<PathItem>,
    /// The fonts the glyphs name by place ([`Glyph::font`]), one place
    /// per name.
    pub fonts: Vec<Arc<str>>,
    /// The glyphs without a Unicode mapping, by place in `fonts`.
    pub unmapped: Vec<usize>,
    /// By the font's place in the interner, its place in `fonts` (once
    /// the page has shown it).
    page_font: Vec<Option<u32>>,
    interner: &'r mut Interner,
    marks: Vec<Mark>,
    /// The page's marked-content sequences in order (when it has
    /// `/ActualText`), matched one by one as the interpreter opens them.
    ahead: std::vec::IntoIter<MarkInfo>,
    /// Set when the interpreter's sequence no longer matches `ahead`.
    lost_sync: bool,
    /// The last glyph's font (runs of glyphs share one): its key and its
    /// place in the interner.
    last_font: Option<(u128, usize)>,
}

impl<'r> Collector<'r> {
    pub fn new(interner: &'r mut Interner, ahead: Vec<MarkInfo>) -> Self {
        Collector {
            glyphs: Vec::new(),
            paths: Vec::new(),
            fonts: Vec::new(),
            unmapped: Vec::new(),
            page_font: Vec::new(),
            interner,
            marks: Vec::new(),
            ahead: ahead.into_iter(),
            lost_sync: false,
            last_font: None,
        }
    }

    fn in_artifact(&self) -> bool {
        self.marks.iter().any(|m| m.artifact)
    }

    /// Inside an artifact that is page furniture (not a layout artifact).
    fn in_furniture(&self) -> bool {
        self.marks.iter().any(|m| m.artifact && !m.layout)
    }

    /// The place of a glyph's font in the interner.
    fn font_slot(&mut self, g: &HGlyph<'_>) -> usize {
        let HGlyph::Outline(o) = g else {
            return self.interner.slot(0, || Arc::from("Type3"));
        };
        let key = o.font_cache_key();
        if let Some((last, slot)) = self.last_font {
            if last == key {
                return slot;
            }
        }
        let slot = self.interner.slot(key, || {
            let name = o.font_data().and_then(|d| d.postscript_name);
            Arc::from(name.unwrap_or_else(|| format!("font-{:08x}", key as u32)))
        });
        self.last_font = Some((key, slot));
        slot
    }

    /// The place in `fonts` of the font in the interner's `slot`, given
    /// one when the page first shows it.
    fn page_font(&mut self, slot: usize) -> u32 {
        if let Some(&Some(id)) = self.page_font.get(slot) {
            return id;
        }
        let name = self.interner.name(slot);
        let id = match self.fonts.iter().position(|f| f == name) {
            Some(i) => i,
            None => {
                self.fonts.push(Arc::clone(name));
                self.unmapped.push(0);
                self.fonts.len() - 1
            }
        };
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        if self.page_font.len() <= slot {
            self.page_font.resize(slot + 1, None);
        }
        self.page_font[slot] = Some(id);
        id
    }

    /// A glyph's advance (in glyph space) and text as its font maps them,
    /// kept by glyph id where the font allows it ([`Interner`]).
    fn advance_and_text(&mut self, g: &HGlyph<'_>, slot: usize) -> Mapped {
        match g {
            HGlyph::Outline(o) => self.interner.advance_and_text(slot, o),
            HGlyph::Type3(_) => (500.0, text_of(g.as_unicode())),
        }
    }

    /// One glyph of a run, `m` taking its glyph space to the page's.
    fn draw_glyph(&mut self, glyph: &HGlyph<'_>, m: Affine) {
        let [a, b, c, d, e, f] = m.as_coeffs();
        // Glyph space is 1000 units per em: the font size is the length of
        // the em's vertical side in page units.
        let size = (1000.0 * (c * c + d * d).sqrt()) as f32;
        let upright = b.abs() < 1e-3 * a.abs() && c.abs() < 1e-3 * d.abs() && a > 0.0 && d < 0.0;
        let dir = Direction::of(a, b);
        let slot = self.font_slot(glyph);
        let font = self.page_font(slot);
        let (advance, text) = self.advance_and_text(glyph, slot);
        let w = (f64::from(advance) * (a * a + b * b).sqrt()) as f32;
        // A glyph without a mapping keeps its place as U+FFFD, so that the
        // words it breaks can be judged; layout drops it from the text.
        let text = text.or_else(|| {
            if let Some(n) = self.unmapped.get_mut(font as usize) {
                *n += 1;
            }
            Some(EcoString::from(super::textlayer::UNMAPPED))
        });
        // Inside an /ActualText span the first glyph carries the span's
        // text and the others none (ligatures read as their letters).
        let mut covered = false;
        let text = match self
            .marks
            .iter_mut()
            .rev()
            .find(|m| !matches!(m.actual, Actual::None))
        {
            Some(mark) => match std::mem::replace(&mut mark.actual, Actual::Given) {
                Actual::Pending(t) => Some(EcoString::from(&*t)),
                _ => {
                    covered = true;
                    None
                }
            },
            None => text,
        };
        let (x, y) = (e as f32, f as f32);
        if covered {
            // Covered by the span's first glyph: widen it, leave no gap.
            if let Some(last) = self.glyphs.last_mut() {
                last.w = (x + w - last.x).max(last.w);
            }
            return;
        }
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            return;
        };
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return;
        }
        let artifact = self.in_artifact();
        self.glyphs.push(Glyph {
            x,
            y,
            w,
            size,
            text,
            font,
            artifact,
            upright,
            dir,
        });
    }

    fn push_path(&mut self, shape: Shape, a: Point, b: Point, paint: Paint) {
        let (x0, y0, x1, y1) = match shape {
            Shape::Rect => (a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y)),
            Shape::Line => (a.x, a.y, b.x, b.y),
        };
        let item = PathItem {
            shape,
            x0: x0 as f32,
            y0: y0 as f32,
            x1: x1 as f32,
            y1: y1 as f32,
            paint,
            artifact: self.in_furniture(),
        };
        if [item.x0, item.y0, item.x1, item.y1]
            .iter()
            .all(|v| v.is_finite())
        {
            self.paths.push(item);
        }
    }
}

fn rgba(paint: &HPaint<'_>) -> Rgba {
    match paint {
        HPaint::Color(c) => c.to_rgba().components(),
        // A pattern or shading: some tone, not white.
        HPaint::Pattern(_) => [0.5, 0.5, 0.5, 1.0],
    }
}

/// The most points of an outline looked at for the corners of a rectangle.
const MAX_OUTLINE: usize = 32;

/// The corners of a closed outline of straight sides: without a point
/// that repeats the one before it (or the first), nor one lying on a
/// horizontal or vertical side between its neighbours (an outline may
/// start in the middle of a side). An outline of more than
/// [`MAX_OUTLINE`] points is given as it is.
fn corners(points: &[Point]) -> Vec<Point> {
    if points.len() > MAX_OUTLINE {
        return points.to_vec();
    }
    let same = |a: Point, b: Point| a.distance(b) < 0.01;
    let eq = |a: f64, b: f64| (a - b).abs() < 0.01;
    // `p` lies on the axis-parallel side from `a` to `b`.
    let between = |a: Point, p: Point, b: Point| {
        let within = |a: f64, p: f64, b: f64| a.min(b) - 0.01 <= p && p <= a.max(b) + 0.01;
        eq(a.x, p.x) && eq(p.x, b.x) && within(a.y, p.y, b.y)
            || eq(a.y, p.y) && eq(p.y, b.y) && within(a.x, p.x, b.x)
    };
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_some_and(|&l| same(l, p)) {
            continue;
        }
        while out.len() >= 2 && between(out[out.len() - 2], out[out.len() - 1], p) {
            out.pop();
        }
        out.push(p);
    }
    // Around the end: the last point again the first, or either of them
    // on the side through the other.
    loop {
        let n = out.len();
        if n < 3 {
            break;
        }
        if same(out[n - 1], out[0]) || between(out[n - 2], out[n - 1], out[0]) {
            out.pop();
        } else if between(out[n - 1], out[0], out[1]) {
            out.remove(0);
        } else {
            break;
        }
    }
    out
}

/// Whether four corners (after a transform) form an axis-parallel rectangle.
fn axis_rect(p: &[Point]) -> Option<(Point, Point)> {
    if p.len() != 4 {
        return None;
    }
    let eq = |a: f64, b: f64| (a - b).abs() < 0.01;
    let horizontal_first = eq(p[0].y, p[1].y) && eq(p[1].x, p[2].x) && eq(p[2].y, p[3].y);
    let vertical_first = eq(p[0].x, p[1].x) && eq(p[1].y, p[2].y) && eq(p[2].x, p[3].x);
    (horizontal_first && eq(p[3].x, p[0].x) || vertical_first && eq(p[3].y, p[0].y))
        .then_some((p[0], p[2]))
}

/// The [`Device`] methods a text-and-rules reader leaves empty (clips,
/// groups, images), for `impl<'a> Device<'a>`; the types named must be in
/// scope where it is used.
macro_rules! ignore_state_and_images {
    ($a:lifetime) => {
        fn push_clip_path(&mut self, _: &ClipPath) {}
        fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<$a>>, _: BlendMode) {}
        fn draw_image(&mut self, _: Image<$a, '_>, _: ImageDrawProps<$a>) {}
        fn pop_clip(&mut self) {}
        fn pop_transparency_group(&mut self) {}
    };
}
pub(super) use ignore_state_and_images;

impl<'a> Device<'a> for Collector<'_> {
    ignore_state_and_images!('a);

    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        let transform = props.transform;
        let color = rgba(&props.paint);
        let paint = match draw_mode {
            DrawMode::Fill(_) => Paint::Fill { color },
            DrawMode::Stroke(stroke) | DrawMode::FillAndStroke(_, stroke) => Paint::Stroke {
                width: (f64::from(stroke.line_width) * transform.determinant().abs().sqrt()) as f32,
                color,
            },
            DrawMode::Invisible => return,
        };
        // Sub-paths one by one: a rectangle (four corners, closed) becomes a
        // Rect, other straight segments Lines; curves are left out.
        let mut points: Vec<Point> = Vec::new();
        let mut straight = true;
        let mut closed = false;
        let flush = |this: &mut Self, points: &mut Vec<Point>, straight: bool, closed: bool| {
            // A fill closes its outline itself; a stroke only where it is
            // closed or comes back to its start.
            let shut = closed
                || matches!(paint, Paint::Fill { .. })
                || points.len() > 2 && points[0].distance(points[points.len() - 1]) < 0.01;
            match axis_rect(&corners(points)) {
                Some((a, b)) if straight && shut => {
                    this.push_path(Shape::Rect, a, b, paint);
                }
                _ if matches!(paint, Paint::Stroke { .. }) => {
                    for w in points.windows(2) {
                        this.push_path(Shape::Line, w[0], w[1], paint);
                    }
                    if closed && points.len() > 2 {
                        this.push_path(Shape::Line, points[points.len() - 1], points[0], paint);
                    }
                }
                _ => {}
            }
            points.clear();
        };
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    flush(self, &mut points, straight, closed);
                    straight = true;
                    closed = false;
                    points.push(transform * p);
                }
                PathEl::LineTo(p) => points.push(transform * p),
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                    // A curve: what was straight before it still counts.
                    flush(self, &mut points, false, false);
                    straight = false;
                    points.push(transform * p);
                }
                PathEl::ClosePath => closed = true,
            }
        }
        flush(self, &mut points, straight, closed);
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            self.draw_glyph(glyph, props.transform * glyph.transform());
        }
    }

    fn begin_marked_content(&mut self, tag: &[u8], _mcid: Option<i32>) {
        let mut actual = Actual::None;
        let mut layout = false;
        if !self.lost_sync && self.ahead.len() > 0 {
            match self.ahead.next() {
                Some((t, a, l)) if t == tag => {
                    if let Some(a) = a {
                        actual = Actual::Pending(a);
                    }
                    layout = l;
                }
                _ => self.lost_sync = true,
            }
        }
        self.marks.push(Mark {
            artifact: tag == b"Artifact",
            layout,
            actual,
        });
    }

    fn end_marked_content(&mut self) {
        self.marks.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_are_told_from_other_quadrilaterals() {
        let p = |x, y| Point::new(x, y);
        let r = axis_rect(&[p(0., 0.), p(10., 0.), p(10., 5.), p(0., 5.)]);
        assert_eq!(r, Some((p(0., 0.), p(10., 5.))));
        assert!(axis_rect(&[p(0., 0.), p(10., 1.), p(10., 5.), p(0., 5.)]).is_none());
        assert!(axis_rect(&[p(0., 0.), p(10., 0.), p(10., 5.)]).is_none());
    }

    #[test]
    fn an_outline_gives_its_corners() {
        let p = |x, y| Point::new(x, y);
        let rect = [p(0., 0.), p(10., 0.), p(10., 5.), p(0., 5.)];
        // Back at its start; started in the middle of a side; a point
        // repeated; a corner drawn through.
        for outline in [
            vec![p(0., 0.), p(10., 0.), p(10., 5.), p(0., 5.), p(0., 0.)],
            vec![
                p(5., 0.),
                p(10., 0.),
                p(10., 5.),
                p(0., 5.),
                p(0., 0.),
                p(5., 0.),
            ],
            vec![p(5., 0.), p(10., 0.), p(10., 5.), p(0., 5.), p(0., 0.)],
            vec![p(0., 0.), p(10., 0.), p(10., 0.), p(10., 5.), p(0., 5.)],
            vec![p(0., 0.), p(10., 0.), p(10., 2.), p(10., 5.), p(0., 5.)],
        ] {
            let c = corners(&outline);
            assert_eq!(
                axis_rect(&c).map(|(a, b)| (a.x.min(b.x), a.y.min(b.y))),
                Some((0., 0.)),
                "{outline:?}: {c:?}"
            );
            assert_eq!(c.len(), 4, "{outline:?}");
            assert!(c.iter().all(|q| rect.contains(q)));
        }
        // A spike beyond the side is kept: not a rectangle.
        let spike = [p(0., 0.), p(12., 0.), p(10., 0.), p(10., 5.), p(0., 5.)];
        assert!(axis_rect(&corners(&spike)).is_none());
        // A notch is not a rectangle either.
        let notch = [
            p(0., 0.),
            p(10., 0.),
            p(10., 5.),
            p(5., 5.),
            p(5., 4.),
            p(0., 4.),
        ];
        assert!(axis_rect(&corners(&notch)).is_none());
    }
}
