//! Table headers read by meaning: the leaf columns of a (possibly
//! multi-row, merged) header with their labels, and a row's cells placed in
//! those columns by geometry.

use crate::layout::{Cell, Line};
use crate::normalize;

/// One leaf column of a table header: its x-range and its label (the texts
/// of every header cell above it, top to bottom, joined).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub x0: f32,
    pub x1: f32,
    pub label: String,
}

impl Column {
    /// The label as a matching key: Turkish lower case, spacing and
    /// punctuation unified.
    pub fn key(&self) -> String {
        key(&self.label)
    }
}

/// A text as a matching key: Turkish lower case, punctuation other than
/// letters, digits, `%` and `/` turned into spaces, spacing collapsed.
pub fn key(text: &str) -> String {
    key_up_to(text, usize::MAX).unwrap_or_default()
}

/// [`key`], or None as soon as it holds more than `max` characters other
/// than spaces: a text compared with labels no longer than that is told
/// apart without lower-casing the rest of it.
pub fn key_up_to(text: &str, max: usize) -> Option<String> {
    let mut out = String::with_capacity(text.len().min(max.saturating_add(16)));
    let mut space = false;
    let mut kept = 0usize;
    for c in normalize::lower_tr(text) {
        if is_key_char(c) {
            kept += 1;
            if kept > max {
                return None;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    Some(out)
}

/// The words of [`key`], one at a time: a test of every word stops at the
/// first that fails, the rest of the text not lowered.
pub fn key_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut chars = normalize::lower_tr(text);
    std::iter::from_fn(move || {
        let mut word = String::new();
        for c in chars.by_ref() {
            if is_key_char(c) {
                word.push(c);
            } else if !word.is_empty() {
                return Some(word);
            }
        }
        (!word.is_empty()).then_some(word)
    })
}

/// A character a key keeps: letters, digits, `%` and `/`.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '%' || c == '/'
}

/// The leaf columns of a header printed as `rows` (top to bottom). The row
/// with the most cells gives the leaves; a cell of another row that lies over
/// no leaf (a label spanning the header's full height beside a split group)
/// is a leaf of its own. Each leaf's label is every overlapping cell's text,
/// top to bottom.
pub fn columns(rows: &[&Line]) -> Vec<Column> {
    let mut leaves: Vec<(f32, f32)> = Vec::new();
    if let Some(finest) = rows.iter().max_by_key(|r| r.cells.len()) {
        leaves = finest.cells.iter().map(|c| (c.x0, c.x1)).collect();
    }
    for r in rows {
        for c in &r.cells {
            if !leaves.iter().any(|&(a, b)| overlap(a, b, c.x0, c.x1) > 0.0) {
                leaves.push((c.x0, c.x1));
            }
        }
    }
    leaves.sort_by(|a, b| a.0.total_cmp(&b.0));
    leaves
        .into_iter()
        .map(|(x0, x1)| {
            let parts: Vec<&str> = rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| overlap(x0, x1, c.x0, c.x1) > 0.5 * (x1 - x0).min(c.x1 - c.x0))
                .flat_map(|c| c.text.split('\n'))
                .collect();
            Column {
                x0,
                x1,
                label: normalize::join_lines(&parts),
            }
        })
        .collect()
}

/// The value columns of the rows below a header whose cells were not told
/// apart (its labels printed as one run of text): the x-ranges of the rows'
/// cells right of their first, merged where they overlap, left to right.
pub fn value_ranges(rows: &[&Line]) -> Vec<(f32, f32)> {
    let mut ranges: Vec<(f32, f32)> = Vec::new();
    for r in rows {
        for c in r.cells.iter().skip(1) {
            match ranges
                .iter_mut()
                .find(|(a, b)| overlap(*a, *b, c.x0, c.x1) > 0.0)
            {
                Some(range) => *range = (range.0.min(c.x0), range.1.max(c.x1)),
                None => ranges.push((c.x0, c.x1)),
            }
        }
    }
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    ranges
}

/// Columns for a header printed as one run of text: `labels` (its leaf
/// labels told apart by meaning, left to right) go over the last
/// `labels.len()` of the rows' value columns (`ranges`, from
/// [`value_ranges`]); the first label over everything left of them. None
/// when the rows have fewer value columns than labels.
pub fn spread(labels: &[String], ranges: &[(f32, f32)]) -> Option<Vec<Column>> {
    let (first, rest) = labels.split_first()?;
    let k = ranges.len().checked_sub(rest.len())?;
    let ranges = &ranges[k..];
    let left = ranges.first().map_or(f32::INFINITY, |r| r.0);
    let mut cols = vec![Column {
        x0: f32::NEG_INFINITY.max(-1e6),
        x1: left,
        label: first.clone(),
    }];
    cols.extend(rest.iter().zip(ranges).map(|(label, &(x0, x1))| Column {
        x0,
        x1,
        label: label.clone(),
    }));
    Some(cols)
}

/// The row's text per column: each cell goes to its column
/// ([`column_of`]). Several cells in one column are joined with a space.
pub fn place(line: &Line, cols: &[Column]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; cols.len()];
    for c in &line.cells {
        let Some(j) = column_of(c, cols) else {
            continue;
        };
        let slot = out[j].get_or_insert_with(String::new);
        if !slot.is_empty() {
            slot.push(' ');
        }
        slot.push_str(&c.text);
    }
    out
}

/// The column a cell goes to: the one its centre lies in (a row of another
/// grid than the header's may have other column boundaries: its text sits
/// under its header however wide its cell), or, its centre under none, the
/// one it overlaps most or lies nearest. None only when there are no
/// columns.
pub fn column_of(c: &Cell, cols: &[Column]) -> Option<usize> {
    let centre = (c.x0 + c.x1) / 2.0;
    cols.iter()
        .position(|col| col.x0 <= centre && centre < col.x1)
        .or_else(|| {
            cols.iter()
                .enumerate()
                .map(|(j, col)| {
                    (
                        j,
                        overlap(col.x0, col.x1, c.x0, c.x1) - distance(col, centre),
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(j, _)| j)
        })
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

fn distance(col: &Column, x: f32) -> f32 {
    if x < col.x0 {
        col.x0 - x
    } else if x > col.x1 {
        x - col.x1
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The key's words one at a time are the key's words, and the
        /// bounded key is the key wherever it has no more letters than the
        /// bound, else none.
        #[test]
        fn bounded_and_word_by_word_keys_are_the_key(
            text in "[ a-zA-ZçğıİöşüÇĞÖŞÜ0-9.:/%()\\-]{0,40}",
            max in 0usize..30,
        ) {
            let k = key(&text);
            prop_assert_eq!(key_words(&text).collect::<Vec<_>>().join(" "), k.clone());
            let letters = k.chars().filter(|&c| c != ' ').count();
            let bounded = key_up_to(&text, max);
            prop_assert_eq!(bounded, (letters <= max).then_some(k));
        }
    }

    fn line(cells: &[(f32, f32, &str)]) -> Line {
        Line::from_cells(0.0, 10.0, cells)
    }

    #[test]
    fn merged_group_labels_reach_their_leaves() {
        let top = line(&[
            (0.0, 100.0, "Faaliyetler"),
            (100.0, 400.0, "Kaynak İhtiyacı (2024)"),
        ]);
        let bottom = line(&[
            (100.0, 200.0, "Bütçe İçi"),
            (200.0, 300.0, "Bütçe Dışı"),
            (300.0, 400.0, "Toplam"),
        ]);
        let cols = columns(&[&top, &bottom]);
        let labels: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Faaliyetler",
                "Kaynak İhtiyacı (2024) Bütçe İçi",
                "Kaynak İhtiyacı (2024) Bütçe Dışı",
                "Kaynak İhtiyacı (2024) Toplam"
            ]
        );
        let row = line(&[(5.0, 90.0, "Ad"), (310.0, 390.0, "5,00")]);
        assert_eq!(
            place(&row, &cols),
            [Some("Ad".into()), None, None, Some("5,00".into())]
        );
    }

    #[test]
    fn keys_ignore_case_spacing_and_punctuation() {
        assert_eq!(key("  BÜTÇE  İÇİ: "), "bütçe içi");
        assert_eq!(key("Değer\nTürü"), "değer türü");
    }
}
