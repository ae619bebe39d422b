//! Text rotated 90° (a label set upwards or downwards in a table cell
//! merged over several rows, `BÜTÇE DIŞI KAYNAK` beside the off-budget
//! rows): its glyphs are read in their own direction before the page's
//! glyphs are joined into lines, so that the label reads as one run of text
//! and not as one letter on each of the rows beside it.

use crate::read::{Direction, Glyph};

/// Replaces the glyphs set upwards or downwards by one upright glyph per
/// label: the label's text in reading order, as wide as its lines of text,
/// on the baseline of the row of upright text beside it nearest its middle
/// (a label merged over rows joins the middle one as a cell of its own), or
/// at its middle where no row stands beside it. A label of several lines (its
/// columns side by side, overlapping along the text) is one glyph, its lines
/// joined. Upright glyphs pass unchanged; a page without rotated text costs
/// one scan.
pub fn straighten(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if !glyphs.iter().any(is_vertical) {
        return glyphs;
    }
    let (vertical, mut out): (Vec<Glyph>, Vec<Glyph>) = glyphs.into_iter().partition(is_vertical);
    let mut baselines: Vec<f32> = out
        .iter()
        .filter(|g| !g.text.trim().is_empty() && g.y.is_finite())
        .map(|g| g.y)
        .collect();
    baselines.sort_by(f32::total_cmp);
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    for dir in [Direction::Up, Direction::Down] {
        let of_dir: Vec<Glyph> = vertical.iter().filter(|g| g.dir == dir).cloned().collect();
        let runs = runs(of_dir, dir);
        out.extend(labels(runs, dir, &baselines));
    }
    out
}

fn is_vertical(g: &Glyph) -> bool {
    matches!(g.dir, Direction::Up | Direction::Down)
}

/// One column of rotated text: its glyphs' text, the baseline's x, the
/// extent along the text (top and bottom on the page) and the font size.
struct Run {
    text: String,
    x: f32,
    top: f32,
    bottom: f32,
    size: f32,
    font: u32,
    artifact: bool,
}

/// The glyphs of one direction as runs: glyphs on one baseline (x), in
/// reading order, cut where the gap along the text is wider than a column
/// gap, with a space where it is wider than a word gap (or a space glyph
/// stands), as [`super::lines`] does across.
fn runs(mut glyphs: Vec<Glyph>, dir: Direction) -> Vec<Run> {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite() && g.w.is_finite());
    // Position along the text: growing in reading order.
    let along = |g: &Glyph| if dir == Direction::Up { -g.y } else { g.y };
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x).then(along(a).total_cmp(&along(b))));
    // Columns by baseline, as lines are grouped by baseline.
    let mut columns: Vec<Vec<Glyph>> = Vec::new();
    let mut col_x = f32::NEG_INFINITY;
    for g in glyphs {
        let tol = 0.35 * g.size.max(1.0);
        if columns.is_empty() || g.x - col_x > tol {
            col_x = g.x;
            columns.push(vec![g]);
        } else if let Some(c) = columns.last_mut() {
            c.push(g);
        }
    }
    let mut out = Vec::new();
    for mut column in columns {
        column.sort_by(|a, b| along(a).total_cmp(&along(b)));
        let mut run: Option<Run> = None;
        let mut prev_end = f32::NEG_INFINITY;
        let mut pending_space = false;
        for g in column {
            if g.text.chars().all(char::is_whitespace) {
                pending_space = true;
                continue;
            }
            let (start, end) = (along(&g), along(&g) + g.w);
            let gap = start - prev_end;
            let (top, bottom) = if dir == Direction::Up {
                (g.y - g.w, g.y)
            } else {
                (g.y, g.y + g.w)
            };
            match run.as_mut() {
                Some(r) if gap <= 0.9 * r.size.max(g.size) => {
                    if pending_space || gap > 0.18 * g.size {
                        r.text.push(' ');
                    }
                    r.text.push_str(&g.text);
                    r.top = r.top.min(top);
                    r.bottom = r.bottom.max(bottom);
                    r.size = r.size.max(g.size);
                }
                _ => {
                    out.extend(run.take());
                    run = Some(Run {
                        text: g.text.to_string(),
                        x: g.x,
                        top,
                        bottom,
                        size: g.size,
                        font: g.font,
                        artifact: g.artifact,
                    });
                }
            }
            pending_space = false;
            prev_end = prev_end.max(end);
        }
        out.extend(run);
    }
    out
}

/// Runs side by side that overlap along the text are the lines of one
/// label: joined in reading order (an upward label's first line is its
/// leftmost, a downward one's its rightmost) into one upright glyph.
fn labels(mut runs: Vec<Run>, dir: Direction, baselines: &[f32]) -> Vec<Glyph> {
    runs.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.top.total_cmp(&b.top)));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        let joins = groups.iter_mut().rev().find(|grp| {
            grp.last().is_some_and(|l| {
                r.x - l.x <= 1.6 * l.size.max(r.size)
                    && r.top < l.bottom
                    && l.top < r.bottom
                    && r.x > l.x
            })
        });
        match joins {
            Some(grp) => grp.push(r),
            None => groups.push(vec![r]),
        }
    }
    groups
        .into_iter()
        .filter_map(|mut grp| {
            if dir == Direction::Down {
                grp.reverse();
            }
            let size = grp.iter().map(|r| r.size).fold(0.0f32, f32::max);
            let top = grp.iter().map(|r| r.top).fold(f32::INFINITY, f32::min);
            let bottom = grp
                .iter()
                .map(|r| r.bottom)
                .fold(f32::NEG_INFINITY, f32::max);
            // The glyphs' bodies: an upward line's ascenders point left.
            let (lo, hi) = if dir == Direction::Up {
                (0.8, 0.2)
            } else {
                (0.2, 0.8)
            };
            let x0 = grp
                .iter()
                .map(|r| r.x - lo * r.size)
                .fold(f32::INFINITY, f32::min);
            let x1 = grp
                .iter()
                .map(|r| r.x + hi * r.size)
                .fold(f32::NEG_INFINITY, f32::max);
            let first = grp.first()?;
            let (font, artifact) = (first.font, first.artifact);
            let text: Vec<String> = grp.into_iter().map(|r| r.text).collect();
            // The middle of the label on the baseline of an upright line of
            // its size (a text box spans 0.8 size above, 0.2 below), or the
            // row beside it nearest that.
            let middle = 0.5 * (top + bottom) + 0.3 * size;
            let y = baselines
                .iter()
                .copied()
                .filter(|&b| top <= b && b <= bottom + 0.2 * size)
                .min_by(|a, b| (a - middle).abs().total_cmp(&(b - middle).abs()))
                .unwrap_or(middle);
            Some(Glyph {
                x: x0,
                y,
                w: x1 - x0,
                size,
                text: text.join(" ").into(),
                font,
                artifact,
                upright: true,
                dir: Direction::Across,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A glyph of `text` set in `dir` with its origin at (x, y), 5 long.
    fn g(x: f32, y: f32, text: &str, dir: Direction) -> Glyph {
        Glyph {
            x,
            y,
            w: 5.0,
            size: 8.0,
            text: text.into(),
            font: 0,
            artifact: false,
            upright: false,
            dir,
        }
    }

    /// An upward label of two lines beside a row of upright text: one
    /// label in reading order; the upright glyph is untouched.
    #[test]
    fn an_upward_label_of_two_lines_reads_as_one_text() {
        let mut glyphs = vec![g(100.0, 70.0, "Döner", Direction::Across)];
        let mut column = |x: f32, word: &str, bottom: f32| {
            for (i, c) in word.chars().enumerate() {
                glyphs.push(g(x, bottom - 5.0 * i as f32, &c.to_string(), Direction::Up));
            }
        };
        column(20.0, "BÜTÇE", 80.0);
        column(20.0, "DIŞI", 52.0);
        column(30.0, "KAYNAK", 82.0);
        let out = straighten(glyphs);
        let texts: Vec<&str> = out.iter().map(|g| &*g.text).collect();
        assert_eq!(texts, ["Döner", "BÜTÇE DIŞI KAYNAK"]);
        assert_eq!(out[1].dir, Direction::Across);
        // On the baseline of the row beside it.
        assert_eq!(out[1].y, 70.0);
        assert!(
            out[1].x < 20.0 && out[1].x + out[1].w > 30.0,
            "{:?}",
            out[1]
        );
    }

    #[test]
    fn a_downward_label_reads_top_to_bottom() {
        let glyphs: Vec<Glyph> = "TOPLAM"
            .chars()
            .enumerate()
            .map(|(i, c)| g(20.0, 10.0 + 5.0 * i as f32, &c.to_string(), Direction::Down))
            .collect();
        let out = straighten(glyphs);
        assert_eq!(out.len(), 1);
        assert_eq!(&*out[0].text, "TOPLAM");
    }
}
