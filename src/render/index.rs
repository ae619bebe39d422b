//! The index of the department extracts, the same columns in both layouts:
//! `departments/index.csv` for scripts (RFC 4180, `\n` line ends, amounts
//! as plain decimals) and `departments/index.xlsx` for spreadsheets (counts
//! as integers, the total a number formatted `#,##0.00`, names as text).

use rust_decimal::Decimal;

use crate::util::CsvText;
use crate::workbook::grid::ColumnKind;
use crate::workbook::{xlsx, Cell};

/// The columns of the CSV and of the workbook, in order, with what the
/// workbook's column holds; the one place of their headers.
const COLUMNS: [(&str, ColumnKind); 7] = [
    ("unit", ColumnKind::Text),
    ("file", ColumnKind::Text),
    ("activities", ColumnKind::Plain),
    ("sole_activities", ColumnKind::Plain),
    ("shared_activities", ColumnKind::Plain),
    ("total", ColumnKind::Number(2)),
    ("printed_names", ColumnKind::Text),
];

/// The workbook's sheet name.
const SHEET_NAME: &str = "Harcama Birimleri";

/// One extract of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    /// The unit's name (the extract's title).
    pub unit: String,
    /// The extract's file name, beside the index.
    pub file: String,
    /// The unit's activities: all, its own, those shared with other units.
    pub activities: usize,
    pub sole_activities: usize,
    pub shared_activities: usize,
    /// The unit's total; `None` when its column is empty.
    pub total: Option<Decimal>,
    /// Every printed spelling of the unit.
    pub printed_names: Vec<String>,
}

/// The index of a set of extracts: [`DepartmentIndex::csv`] and
/// [`DepartmentIndex::xlsx`] write the same rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentIndex {
    /// The workbook's title (document properties).
    pub title: String,
    pub rows: Vec<IndexRow>,
}

impl DepartmentIndex {
    /// The index of an administration's year's extracts.
    pub fn new(institution: &str, fiscal_year: i32, rows: Vec<IndexRow>) -> DepartmentIndex {
        DepartmentIndex {
            title: format!("{institution} {fiscal_year} Harcama Birimleri"),
            rows,
        }
    }

    /// `index.csv`: a header line, one line per extract, `\n` line ends;
    /// the total a plain decimal (`40500000.00`), empty when absent; the
    /// printed names joined with ` | `.
    pub fn csv(&self) -> String {
        let mut out = CsvText::new(false);
        out.row(COLUMNS.map(|(name, _)| name));
        for r in &self.rows {
            out.row([
                r.unit.clone(),
                r.file.clone(),
                r.activities.to_string(),
                r.sole_activities.to_string(),
                r.shared_activities.to_string(),
                r.total.map(|t| t.to_string()).unwrap_or_default(),
                r.printed_names.join(" | "),
            ]);
        }
        out.finish()
    }

    /// `index.xlsx`: one sheet with the columns of [`DepartmentIndex::csv`],
    /// a bold frozen header with an autofilter, counts as integers, the
    /// total a number formatted `#,##0.00` (empty when absent), the printed
    /// names one per line.
    pub fn xlsx(&self) -> Result<Vec<u8>, String> {
        let count = |n: usize| Cell::Number(Decimal::from(n));
        let rows = self
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(r.unit.as_str()),
                    Cell::text(r.file.as_str()),
                    count(r.activities),
                    count(r.sole_activities),
                    count(r.shared_activities),
                    Cell::number(r.total),
                    Cell::text(r.printed_names.join("\n")),
                ]
            })
            .collect();
        xlsx::write_table(SHEET_NAME, &self.title, &COLUMNS, 1, rows)
    }
}
