//! The size of a rendered page, and highlights painted over it.

use hayro::vello_cpu::Pixmap;

use super::{Rect, DEFAULT_DPI, MAX_PIXELS, MAX_SIDE};

/// The pixel size of a rendered page and its scale (pixels per point).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Size {
    pub width: u16,
    pub height: u16,
    pub scale: f32,
}

/// A page size as a message shows it (`595 × 842`).
fn size(w: f64, h: f64) -> String {
    format!("{w} × {h}")
}

/// The size of a `w` × `h` point page rendered `width` pixels wide (at
/// [`DEFAULT_DPI`] without one), made smaller to stay within [`MAX_SIDE`]
/// and [`MAX_PIXELS`]; an error for a page without a finite, positive size.
pub(super) fn fit(w: f32, h: f32, width: Option<u32>) -> Result<Size, String> {
    let (w, h) = (f64::from(w), f64::from(h));
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(crate::msg!("read-page-size-invalid", size = size(w, h)).to_string());
    }
    let wanted = match width {
        Some(px) => f64::from(px.max(1)) / w,
        None => f64::from(DEFAULT_DPI) / 72.0,
    };
    let scale = wanted
        .min(f64::from(MAX_SIDE) / w.max(h))
        .min((MAX_PIXELS as f64 / (w * h)).sqrt());
    let px = |side: f64| (side * scale).round().clamp(1.0, f64::from(MAX_SIDE)) as u16;
    let scale = scale as f32;
    if !(scale.is_normal() && scale > 0.0) {
        let m = crate::msg!(
            "read-page-size-too-small",
            size = size(w, h),
            pixels = MAX_SIDE
        );
        return Err(m.to_string());
    }
    Ok(Size {
        width: px(w),
        height: px(h),
        scale,
    })
}

/// The highlight's fill: an amber, a third opaque.
const FILL: ([f32; 3], f32) = ([255.0, 200.0, 0.0], 0.35);

/// The highlight's outline: a dark orange, nearly opaque.
const OUTLINE: ([f32; 3], f32) = ([214.0, 72.0, 0.0], 0.9);

/// How far the highlight reaches beyond its rectangle, in points, so that
/// its outline does not cross the text.
const MARGIN: f32 = 1.5;

/// Paints each rectangle (page coordinates) over the rendered page: a
/// translucent fill and an outline about a point thick. Rectangles outside
/// the image, or not finite, are left out.
pub(super) fn highlight(pixmap: &mut Pixmap, scale: f32, rects: &[Rect]) {
    let (w, h) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    let line = (scale.round() as i64).max(2);
    let data = pixmap.data_as_u8_slice_mut();
    for r in rects {
        let grown = Rect {
            x0: r.x0.min(r.x1) - MARGIN,
            y0: r.y0.min(r.y1) - MARGIN,
            x1: r.x0.max(r.x1) + MARGIN,
            y1: r.y0.max(r.y1) + MARGIN,
        }
        .to_pixels(scale);
        if ![grown.x0, grown.y0, grown.x1, grown.y1]
            .iter()
            .all(|v| v.is_finite())
        {
            continue;
        }
        let (x0, y0) = (grown.x0.floor() as i64, grown.y0.floor() as i64);
        let (x1, y1) = (grown.x1.ceil() as i64, grown.y1.ceil() as i64);
        for y in y0.max(0)..y1.min(h) {
            for x in x0.max(0)..x1.min(w) {
                let edge = x < x0 + line || x >= x1 - line || y < y0 + line || y >= y1 - line;
                let (color, alpha) = if edge { OUTLINE } else { FILL };
                // The page is rendered on opaque white: premultiplied and
                // straight colour are the same.
                let at = usize::try_from((y * w + x) * 4).unwrap_or(usize::MAX);
                if let Some(px) = data.get_mut(at..at + 3) {
                    for (c, target) in px.iter_mut().zip(color) {
                        *c = (f32::from(*c) * (1.0 - alpha) + target * alpha).round() as u8;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_size_is_150_dpi() {
        let s = fit(595.0, 842.0, None).unwrap();
        assert_eq!((s.width, s.height), (1240, 1754));
    }

    #[test]
    fn a_width_sets_the_scale() {
        let s = fit(595.0, 842.0, Some(800)).unwrap();
        assert_eq!(s.width, 800);
        assert!((s.scale - 800.0 / 595.0).abs() < 1e-6);
    }

    #[test]
    fn large_requests_and_huge_pages_are_bounded() {
        for (w, h, px) in [
            (595.0, 842.0, Some(100_000)),
            (14_400.0, 14_400.0, None),
            (1e30, 1e30, None),
            (1e30, 10.0, Some(4096)),
        ] {
            let s = fit(w, h, px).unwrap();
            assert!(u32::from(s.width.max(s.height)) <= MAX_SIDE, "{w}×{h}");
            assert!(u64::from(s.width) * u64::from(s.height) <= MAX_PIXELS + 8192);
            assert!(s.width >= 1 && s.height >= 1);
        }
    }

    #[test]
    fn a_page_without_a_size_is_an_error() {
        assert!(fit(0.0, 842.0, None).is_err());
        assert!(fit(f32::NAN, 842.0, None).is_err());
        assert!(fit(f32::INFINITY, 842.0, None).is_err());
    }

    #[test]
    fn highlights_colour_their_box_only() {
        let mut p = Pixmap::new(100, 100);
        p.data_as_u8_slice_mut().fill(255);
        highlight(
            &mut p,
            1.0,
            &[Rect {
                x0: 40.0,
                y0: 40.0,
                x1: 60.0,
                y1: 50.0,
            }],
        );
        let px = |x: usize, y: usize| {
            let d = p.data_as_u8_slice();
            [
                d[(y * 100 + x) * 4],
                d[(y * 100 + x) * 4 + 1],
                d[(y * 100 + x) * 4 + 2],
            ]
        };
        assert_eq!(px(10, 10), [255, 255, 255]);
        assert_ne!(px(50, 45), [255, 255, 255]);
        assert_ne!(px(39, 39), [255, 255, 255]);
        assert_eq!(px(70, 45), [255, 255, 255]);
    }
}
