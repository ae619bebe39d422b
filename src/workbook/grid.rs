//! The workbook as plain data: named sheets of typed cells, between the model
//! layout ([`super::layout`]) and the xlsx file ([`super::xlsx`]).

use rust_decimal::Decimal;

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// A text cell.
    Text(String),
    /// A number; its scale is the number of decimals shown.
    Number(Decimal),
    /// A boolean cell (TRUE/FALSE).
    Bool(bool),
}

impl Cell {
    /// A text cell, or an empty one for empty text.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// A number cell, or an empty one for `None`.
    pub fn number(d: Option<Decimal>) -> Cell {
        d.map_or(Cell::Empty, Cell::Number)
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as it would be quoted in a message: `"12,5 TL"`, `12.5`, `TRUE`.
    pub fn describe(&self) -> String {
        match self {
            Cell::Empty => crate::msg!("workbook-empty-cell").to_string(),
            Cell::Text(t) => format!("{t:?}"),
            Cell::Number(d) => d.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        }
    }
}

/// What a column holds, for the format of its empty cells and its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnKind {
    /// Free text: typed entries stay text (`1.1.1` is not a date).
    #[default]
    Text,
    /// Amounts and counts shown with this many decimals and thousands grouped.
    Number(u32),
    /// Years, pages and other numbers shown without grouping.
    Plain,
}

/// One worksheet: a header row and data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's tab name.
    pub name: String,
    /// Column titles (row 1).
    pub header: Vec<String>,
    /// What each column holds (formats of empty cells); missing means text.
    pub kinds: Vec<ColumnKind>,
    /// Data rows (from row 2), each at most as long as needed.
    pub rows: Vec<Vec<Cell>>,
    /// Columns (0-based) whose leading cells stay visible when scrolling right.
    pub frozen_columns: u16,
    /// Whether the sheet is computed from the others (shown, never read back).
    pub derived: bool,
}

impl Sheet {
    /// An empty sheet with the given header.
    pub fn new(name: &str, header: Vec<String>) -> Sheet {
        Sheet {
            name: name.to_string(),
            header,
            kinds: Vec::new(),
            rows: Vec::new(),
            frozen_columns: 0,
            derived: false,
        }
    }

    /// The cell at a 0-based data row and column (`Empty` outside the data).
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Sets the cell at a 0-based data row and column, growing the sheet.
    pub fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
    }

    /// The 0-based index of the column titled `title`, compared loosely.
    pub fn column(&self, title: &str) -> Option<usize> {
        let key = crate::normalize::normalize_key(title);
        self.header
            .iter()
            .position(|h| crate::normalize::normalize_key(h) == key)
    }
}

/// A whole workbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// Sheets in tab order.
    pub sheets: Vec<Sheet>,
}

impl Grid {
    /// The sheet named `name`.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }

    /// The sheet named `name`, mutable.
    pub fn sheet_mut(&mut self, name: &str) -> Option<&mut Sheet> {
        self.sheets.iter_mut().find(|s| s.name == name)
    }
}

/// The A1-style name of a 0-based column: 0 → `A`, 27 → `AB`.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII")
}

/// The A1 reference of a data cell: data row 0 is sheet row 2.
pub fn cell_ref(row: usize, col: usize) -> String {
    format!("{}{}", column_name(col), row + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(5), "F");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(cell_ref(10, 5), "F12");
    }
}
