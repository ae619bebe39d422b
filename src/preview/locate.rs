//! Finding a text among a page's positioned lines: compared character by
//! character after folding (Turkish case, dotted and dotless i, dashes and
//! apostrophes alike), spaces ignored, continued from a cell into the next
//! cell of its line or into a cell below it (a wrapped name), a line-end
//! hyphen skipped where the text has none.

use crate::layout::Line;
use crate::normalize::lower_char_tr;

use super::{Match, Rect};

/// How many cells one match may run over: a bound on the search's depth.
const MAX_CELLS: usize = 256;

/// How many steps the search of one text may take on a page.
const MAX_STEPS: usize = 1_000_000;

/// How far below a line (in its font sizes) a wrapped text goes on.
const WRAP_PITCH: f32 = 2.2;

/// A character folded for comparison; whitespace (and a combining dot
/// above) becomes a space, which is skipped.
fn fold(c: char) -> char {
    match lower_char_tr(c) {
        c if c.is_whitespace() || c == '\u{307}' => ' ',
        'ı' => 'i',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{ad}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{2032}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
        c => c,
    }
}

/// A position in a page's text: line, cell, character.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    line: usize,
    cell: usize,
    /// The first and one past the last character matched.
    from: usize,
    to: usize,
}

/// The page's cells, folded.
struct Text<'p> {
    lines: &'p [Line],
    cells: Vec<Vec<Vec<char>>>,
}

/// Every place `needle` is printed among `lines`.
pub(super) fn find(lines: &[Line], needle: &str) -> Vec<Match> {
    let needle: Vec<char> = needle.chars().map(fold).filter(|&c| c != ' ').collect();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let text = Text {
        lines,
        cells: lines
            .iter()
            .map(|l| {
                l.cells
                    .iter()
                    .map(|c| c.text.chars().map(fold).collect())
                    .collect()
            })
            .collect(),
    };
    let mut steps = MAX_STEPS;
    let mut found: Vec<Vec<Span>> = Vec::new();
    for (li, cells) in text.cells.iter().enumerate() {
        for (ci, chars) in cells.iter().enumerate() {
            let mut k = 0;
            while k < chars.len() {
                if chars[k] != first || !starts_word(chars, k, first) {
                    k += 1;
                    continue;
                }
                let mut spans = Vec::new();
                if text.extend(li, ci, k, 0, &needle, &mut spans, &mut steps) {
                    // Go on after this match's first part.
                    k = spans[0].to.max(k + 1);
                    found.push(spans);
                } else {
                    k += 1;
                }
                if steps == 0 {
                    break;
                }
            }
        }
    }
    found
        .iter()
        .map(|spans| Match {
            rects: text.rects(spans),
        })
        .collect()
}

/// Whether a match may start at `k`: not inside a word, nor inside a
/// number when the text starts with a digit.
fn starts_word(chars: &[char], k: usize, first: char) -> bool {
    let Some(&prev) = k.checked_sub(1).and_then(|i| chars.get(i)) else {
        return true;
    };
    if !first.is_alphanumeric() {
        return true;
    }
    if prev.is_alphanumeric() {
        return false;
    }
    let in_number = first.is_ascii_digit()
        && matches!(prev, '.' | ',')
        && k >= 2
        && chars[k - 2].is_ascii_digit();
    !in_number
}

/// Whether a match may end before `k`: not inside a word, nor inside a
/// number when the text ends with a digit.
fn ends_word(chars: &[char], k: usize, last: char) -> bool {
    let Some(&next) = chars.get(k) else {
        return true;
    };
    if !last.is_alphanumeric() {
        return true;
    }
    if next.is_alphanumeric() {
        return false;
    }
    let in_number = last.is_ascii_digit()
        && matches!(next, '.' | ',')
        && chars.get(k + 1).is_some_and(char::is_ascii_digit);
    !in_number
}

impl Text<'_> {
    /// Matches `needle[j..]` from character `k` of cell `ci` of line `li`
    /// on, going on into the cells that may continue it; pushes the spans
    /// matched and returns true when the whole needle is.
    #[allow(clippy::too_many_arguments)]
    fn extend(
        &self,
        li: usize,
        ci: usize,
        k: usize,
        j: usize,
        needle: &[char],
        spans: &mut Vec<Span>,
        steps: &mut usize,
    ) -> bool {
        if *steps == 0 || spans.len() >= MAX_CELLS {
            return false;
        }
        *steps -= 1;
        let chars = &self.cells[li][ci];
        let Some((from, to, j)) = run(chars, k, needle, j, steps) else {
            return false;
        };
        spans.push(Span {
            line: li,
            cell: ci,
            from,
            to,
        });
        if j == needle.len() {
            if ends_word(chars, to, needle[j - 1]) {
                return true;
            }
        } else {
            for (nl, nc) in self.continuations(li, ci) {
                if self.extend(nl, nc, 0, j, needle, spans, steps) {
                    return true;
                }
            }
        }
        spans.pop();
        false
    }

    /// The cells a text may go on in after cell `ci` of line `li`: the
    /// next cell of the line, then the cells of the lines just below
    /// overlapping it, nearest first.
    fn continuations(&self, li: usize, ci: usize) -> Vec<(usize, usize)> {
        let line = &self.lines[li];
        let cell = &line.cells[ci];
        let mut out = Vec::new();
        if ci + 1 < line.cells.len() {
            out.push((li, ci + 1));
        }
        for (nl, below) in self.lines.iter().enumerate().skip(li + 1) {
            if below.y - line.y > WRAP_PITCH * line.size.max(below.size) {
                break;
            }
            if below.y <= line.y {
                continue;
            }
            for (nc, c) in below.cells.iter().enumerate() {
                if c.x0 < cell.x1 && c.x1 > cell.x0 {
                    out.push((nl, nc));
                }
            }
        }
        out
    }

    /// The rectangles of one match: one per line, the cells of a line joined.
    fn rects(&self, spans: &[Span]) -> Vec<Rect> {
        let mut out: Vec<(usize, Rect)> = Vec::new();
        for s in spans {
            let line = &self.lines[s.line];
            let cell = &line.cells[s.cell];
            let n = self.cells[s.line][s.cell].len().max(1) as f32;
            let width = cell.x1 - cell.x0;
            let r = Rect {
                x0: cell.x0 + width * s.from as f32 / n,
                y0: line.y - 0.8 * line.size,
                x1: cell.x0 + width * s.to as f32 / n,
                y1: line.y + 0.25 * line.size,
            };
            match out.iter_mut().find(|(l, _)| *l == s.line) {
                Some((_, joined)) => *joined = joined.union(&r),
                None => out.push((s.line, r)),
            }
        }
        out.sort_by(|a, b| a.1.y0.total_cmp(&b.1.y0));
        out.into_iter().map(|(_, r)| r).collect()
    }
}

/// Matches `needle[j..]` against `chars[k..]`, spaces skipped and a
/// line-end hyphen the needle lacks passed over: the characters matched
/// (first and one past the last) and how far the needle got, or None at
/// the first difference.
fn run(
    chars: &[char],
    mut k: usize,
    needle: &[char],
    mut j: usize,
    steps: &mut usize,
) -> Option<(usize, usize, usize)> {
    let last = chars.iter().rposition(|&c| c != ' ');
    while chars.get(k) == Some(&' ') {
        k += 1;
    }
    let from = k;
    let mut to = k;
    while j < needle.len() && k < chars.len() {
        *steps = steps.saturating_sub(1);
        match chars[k] {
            ' ' => {}
            c if c == needle[j] => {
                j += 1;
                to = k + 1;
            }
            '-' if Some(k) == last => {}
            _ => return None,
        }
        k += 1;
    }
    (to > from || j == needle.len()).then_some((from, to, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Vec<Line> {
        vec![
            Line::from_cells(
                100.0,
                10.0,
                &[
                    (50.0, 200.0, "4.5.1 Entegre Sistemlerin"),
                    (300.0, 380.0, "5.815.779.000,00"),
                ],
            ),
            Line::from_cells(112.0, 10.0, &[(50.0, 180.0, "FAALİYETLERİNİN YÜRÜ-")]),
            Line::from_cells(124.0, 10.0, &[(50.0, 120.0, "tülmesi")]),
            Line::from_cells(200.0, 10.0, &[(300.0, 380.0, "15.779.000,00")]),
        ]
    }

    #[test]
    fn a_wrapped_name_gives_one_box_per_line() {
        let found = find(&page(), "Entegre  Sistemlerin Faaliyetlerinin Yürütülmesi");
        assert_eq!(found.len(), 1);
        let rects = &found[0].rects;
        assert_eq!(rects.len(), 3);
        assert!(rects[0].x0 > 50.0 && rects[0].x1 <= 200.0);
        assert!(rects[0].y1 <= rects[1].y0 + 3.0);
    }

    #[test]
    fn amounts_match_whole_numbers_only() {
        assert_eq!(find(&page(), "5.815.779.000,00").len(), 1);
        assert_eq!(find(&page(), "779.000,00").len(), 0);
        assert_eq!(find(&page(), "15.779.000,00").len(), 1);
        assert_eq!(find(&page(), "4.5").len(), 0);
        assert_eq!(find(&page(), "4.5.1").len(), 1);
    }

    #[test]
    fn turkish_case_and_dotless_i_fold() {
        assert_eq!(find(&page(), "ENTEGRE SİSTEMLERİN").len(), 1);
        assert_eq!(find(&page(), "entegre sistemlerin").len(), 1);
        assert_eq!(find(&page(), "Faaliyetlerının").len(), 1);
        assert_eq!(find(&page(), "Sistemler").len(), 0);
        assert!(find(&page(), "   ").is_empty());
    }
}
