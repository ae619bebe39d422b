//! Splitting a line into a label and value columns.
//!
//! Positioned lines (PDF) are split by geometry: each value column is the
//! x-range of its header cells, and a cell belongs to the column its centre
//! falls in (boundaries halfway between neighbouring columns), so an empty
//! cell stays empty instead of shifting into its neighbour. Text lines have
//! no geometry: there the cells are single-space separated and an empty cell
//! is printed as a no-break space, so they are read token by token from the
//! right.

use crate::layout::{Cell, Line};

/// The value columns of a table, from its header cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// Each value column's x-range.
    pub ranges: Vec<(f32, f32)>,
}

impl Columns {
    /// Columns from header cells, one group of cells per column (a column's
    /// header may be printed on several lines).
    pub fn from_groups(groups: &[Vec<&Cell>]) -> Option<Columns> {
        let mut ranges = Vec::new();
        for g in groups {
            let x0 = g.iter().map(|c| c.x0).fold(f32::INFINITY, f32::min);
            let x1 = g.iter().map(|c| c.x1).fold(f32::NEG_INFINITY, f32::max);
            if !x0.is_finite() || !x1.is_finite() {
                return None;
            }
            ranges.push((x0, x1));
        }
        Some(Columns { ranges })
    }

    /// Which column an x-range falls in, or None when it lies left of the
    /// first column (the label area).
    pub fn column_of(&self, x0: f32, x1: f32) -> Option<usize> {
        let n = self.ranges.len();
        if n == 0 {
            return None;
        }
        let centre = (x0 + x1) / 2.0;
        // The label area ends halfway between the first column's start and the
        // end of a typical label: take half a column pitch before the column.
        let first = self.ranges[0];
        let pitch = if n > 1 {
            self.ranges[1].0 - first.0
        } else {
            first.1 - first.0
        };
        let left = first.0 - 0.35 * pitch.max(first.1 - first.0);
        if centre < left && x1 < first.0 {
            return None;
        }
        for j in 0..n - 1 {
            let boundary = (self.ranges[j].1 + self.ranges[j + 1].0) / 2.0;
            if centre < boundary {
                return Some(j);
            }
        }
        Some(n - 1)
    }
}

/// A line split into its label (left) and value cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub label: String,
    pub values: Vec<Option<String>>,
}

impl Row {
    /// True when no value column holds anything.
    pub fn no_values(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }
}

/// Splits a positioned line by column geometry. Several cells falling into
/// one column are joined with a space.
pub fn split_positioned(line: &Line, cols: &Columns) -> Row {
    let mut row = Row {
        label: String::new(),
        values: vec![None; cols.ranges.len()],
    };
    for cell in &line.cells {
        match cols.column_of(cell.x0, cell.x1) {
            None => push_text(&mut row.label, &cell.text),
            Some(j) => {
                let slot = row.values[j].get_or_insert_with(String::new);
                push_text(slot, &cell.text);
            }
        }
    }
    row
}

fn push_text(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(text);
}
pub use crate::layout::text::EMPTY_CELL;

/// Splits a text line into a label and `n` value cells. The values are the
/// run of value tokens at the end of the line (`is_value` decides; a no-break
/// space is an empty cell); they fill the columns from the left, and columns
/// after the last printed value are empty (a text export omits trailing
/// empty cells). Returns the row and how many value tokens were found.
pub fn split_text(line: &str, n: usize, is_value: impl Fn(&str) -> bool) -> (Row, usize) {
    let tokens = tokens(line);
    let mut start = tokens.len();
    while start > 0 && tokens.len() - start < n {
        match &tokens[start - 1] {
            None => start -= 1,
            Some(t) if is_value(t) => start -= 1,
            Some(_) => break,
        }
    }
    let found = tokens.len() - start;
    let mut values: Vec<Option<String>> = tokens[start..].to_vec();
    values.resize(n, None);
    let label = tokens[..start]
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    (
        Row {
            label: label.trim().to_string(),
            values,
        },
        found,
    )
}

pub use crate::layout::text::tokens;

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(x0: f32, x1: f32, t: &str) -> Cell {
        Cell {
            x0,
            x1,
            text: t.into(),
        }
    }

    #[test]
    fn empty_cells_stay_empty_by_position() {
        let h = [cell(500.0, 530.0, "Değer")];
        let a = [cell(600.0, 640.0, "2022")];
        let b = [cell(700.0, 740.0, "2023")];
        let c = [cell(800.0, 840.0, "2024")];
        let cols = Columns::from_groups(&[
            h.iter().collect(),
            a.iter().collect(),
            b.iter().collect(),
            c.iter().collect(),
        ])
        .unwrap();
        let line = Line {
            y: 0.0,
            size: 10.0,
            positioned: true,
            cells: vec![
                cell(10.0, 300.0, "Geri Dönüştürülmüş Malzeme"),
                cell(505.0, 525.0, "Ton"),
                cell(800.0, 842.0, "129.000"),
            ],
        };
        let row = split_positioned(&line, &cols);
        assert_eq!(row.label, "Geri Dönüştürülmüş Malzeme");
        assert_eq!(
            row.values,
            vec![Some("Ton".into()), None, None, Some("129.000".into())]
        );
    }

    #[test]
    fn text_rows_read_from_the_right() {
        let (row, found) = split_text(
            "Ulaşım Altyapısı Malzeme Miktarı \u{a0} \u{a0} 129.000",
            3,
            crate::normalize::is_number,
        );
        assert_eq!(found, 3);
        assert_eq!(row.label, "Ulaşım Altyapısı Malzeme Miktarı");
        assert_eq!(row.values, vec![None, None, Some("129.000".into())]);
        let (row, found) = split_text("Afete Hazırlık 0,00 0,00", 3, crate::normalize::is_number);
        assert_eq!(found, 2);
        assert_eq!(
            row.values,
            vec![Some("0,00".into()), Some("0,00".into()), None]
        );
        let (row, found) = split_text(
            "Yol Faaliyetleri 270.000.000,00 \u{a0} 270.000.000,00",
            3,
            crate::normalize::is_number,
        );
        assert_eq!(found, 3);
        assert_eq!(row.values[1], None);
        assert_eq!(row.label, "Yol Faaliyetleri");
    }
}
