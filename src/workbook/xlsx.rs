//! [`Grid`] ↔ xlsx bytes: written with rust_xlsxwriter, read with calamine.
//!
//! Numbers are stored as Excel numbers (binary floating point). Exactness is
//! kept by two rules: a number is written only when its decimal digits
//! survive the float (at most 15 significant digits, as Excel itself keeps),
//! otherwise it is written as Turkish number text; and every number carries a
//! format with exactly as many decimals as its scale (`#,##0.00`), which the
//! reader takes back as the scale. Excel shows the format with the reader's
//! locale separators, so a Turkish Excel shows `5.815.779.000,00`.

use std::collections::HashMap;
use std::io::Cursor;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::grid::{Cell, ColumnKind, Grid, Sheet};

/// Widest a column gets (in characters) before its text wraps.
const MAX_WIDTH: usize = 60;
/// Significant digits an Excel number keeps exactly.
const EXACT_DIGITS: u32 = 15;

/// The `#,##0.00`-style format code for `scale` decimals (`0.00` ungrouped).
fn number_format(grouped: bool, scale: u32) -> String {
    let int = if grouped { "#,##0" } else { "0" };
    if scale == 0 {
        int.to_string()
    } else {
        format!("{int}.{}", "0".repeat(scale as usize))
    }
}

/// A decimal as an Excel number, when the number keeps every digit.
fn exact_f64(d: &Decimal) -> Option<f64> {
    let digits = d
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |n| n + 1);
    if digits > EXACT_DIGITS {
        return None;
    }
    d.to_string().parse::<f64>().ok()
}

/// Formats shared by the cells of one workbook.
struct Formats {
    header: Format,
    text: Format,
    wrapped: Format,
    numbers: HashMap<(bool, u32), Format>,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xDCE6F1)
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new()
                .set_num_format("@")
                .set_align(FormatAlign::Top),
            wrapped: Format::new()
                .set_num_format("@")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, grouped: bool, scale: u32) -> &Format {
        self.numbers.entry((grouped, scale)).or_insert_with(|| {
            Format::new()
                .set_num_format(number_format(grouped, scale))
                .set_align(FormatAlign::Top)
        })
    }
}

/// The display width of a cell, in characters (its longest line).
fn cell_width(c: &Cell) -> usize {
    match c {
        Cell::Empty => 0,
        Cell::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Cell::Number(d) => crate::normalize::format_number(d).chars().count(),
        Cell::Bool(_) => 5,
    }
}

/// Writes `grid` as xlsx bytes; `title` goes into the document properties.
///
/// The creation time is the time of writing, or `SOURCE_DATE_EPOCH` when
/// set, so that the bytes are the same for the same grid.
pub fn write(grid: &Grid, title: &str) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_timestamp(crate::util::creation_timestamp())
        .map_err(|e| e.to_string())?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_comment("Written by perfprog; `perfprog import` reads it back.")
            .set_creation_datetime(&created),
    );
    let mut formats = Formats::new();
    for sheet in &grid.sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet, &mut formats).map_err(|e| format!("sheet {:?}: {e}", sheet.name))?;
    }
    wb.save_to_buffer().map_err(|e| e.to_string())
}

/// One table as an xlsx workbook of one sheet (`sheet`), with `title` in
/// its document properties: `columns` gives each column's id and what it
/// holds (text stays text, numbers are formatted by their kind), the first
/// `frozen_columns` stay visible beside the frozen header. The header shows
/// each id in the process-wide language (the catalogue's `xlsx-header`),
/// while a CSV of the same columns keeps the ids.
pub fn write_table(
    sheet: &str,
    title: &str,
    columns: &[(&str, ColumnKind)],
    frozen_columns: u16,
    rows: Vec<Vec<Cell>>,
) -> Result<Vec<u8>, String> {
    // The CSV's column ids, as a person reads them (`xlsx-header`).
    let header = columns
        .iter()
        .map(|(name, _)| crate::i18n::t("xlsx-header", &[("column", (*name).into())]))
        .collect();
    let mut s = Sheet::new(sheet, header);
    s.kinds = columns.iter().map(|(_, kind)| *kind).collect();
    s.frozen_columns = frozen_columns;
    s.rows = rows;
    write(&Grid { sheets: vec![s] }, title)
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    formats: &mut Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(&sheet.name)?;
    if sheet.derived {
        ws.set_tab_color(0xA6A6A6);
    }
    let ncols = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain([sheet.header.len()])
        .max()
        .unwrap_or(0);
    // Column widths from the longest line; long text wraps.
    let widths: Vec<usize> = (0..ncols)
        .map(|c| {
            let head = sheet.header.get(c).map_or(0, |h| {
                h.split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
            });
            sheet
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(cell_width)
                .chain([head, 6])
                .max()
                .unwrap_or(6)
        })
        .collect();
    for (c, &w) in widths.iter().enumerate() {
        let col = c as u16;
        ws.set_column_width(col, (w.min(MAX_WIDTH) + 2) as f64)?;
        let kind = sheet.kinds.get(c).copied().unwrap_or_default();
        let f = match kind {
            ColumnKind::Text if w > MAX_WIDTH => formats.wrapped.clone(),
            ColumnKind::Text => formats.text.clone(),
            ColumnKind::Number(s) => formats.number(true, s).clone(),
            ColumnKind::Plain => formats.number(false, 0).clone(),
        };
        ws.set_column_format(col, &f)?;
    }
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &formats.header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let rn = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let cn = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let wide = widths.get(c).is_some_and(|&w| w > MAX_WIDTH) || t.contains('\n');
                    let f = if wide {
                        &formats.wrapped
                    } else {
                        &formats.text
                    };
                    ws.write_string_with_format(rn, cn, t, f)?;
                }
                Cell::Number(d) => match exact_f64(d) {
                    Some(f) => {
                        let grouped = matches!(sheet.kinds.get(c), Some(ColumnKind::Number(_)));
                        let format = formats.number(grouped, d.scale());
                        ws.write_number_with_format(rn, cn, f, format)?;
                    }
                    None => {
                        let t = crate::normalize::format_number(d);
                        ws.write_string_with_format(rn, cn, t, &formats.text)?;
                    }
                },
                Cell::Bool(b) => {
                    ws.write_boolean(rn, cn, *b)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, sheet.frozen_columns)?;
    if ncols > 0 {
        let last_row = sheet.rows.len() as u32;
        ws.autofilter(0, 0, last_row, (ncols - 1) as u16)?;
    }
    Ok(())
}

/// The number of decimals a number format shows: `#,##0.00` → 2; `None`
/// for `General` and formats without digit placeholders.
pub fn format_decimals(code: &str) -> Option<u32> {
    let section = code.split(';').next().unwrap_or("");
    let mut chars = section.chars().peekable();
    let mut after_point: Option<u32> = None;
    let mut placeholders = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '0' | '#' | '?' => {
                placeholders = true;
                if let Some(n) = after_point.as_mut() {
                    *n += 1;
                }
            }
            '.' if after_point.is_none() => after_point = Some(0),
            _ => {
                if after_point.is_some_and(|n| n > 0) {
                    break;
                }
            }
        }
    }
    placeholders.then(|| after_point.unwrap_or(0))
}

/// The exact decimal of an Excel number shown with `decimals` decimals: the
/// number to 15 significant digits (what Excel keeps), with at least the
/// shown decimals.
pub fn decimal_of(f: f64, decimals: Option<u32>) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    let text = format!("{:.*e}", (EXACT_DIGITS - 1) as usize, f);
    let mut d = Decimal::from_scientific(&text)
        .or_else(|_| Decimal::from_str(&format!("{f}")))
        .ok()?
        .normalize();
    if let Some(n) = decimals {
        if d.scale() < n {
            d.rescale(n);
        }
    }
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Reads every sheet of an xlsx file: row 1 as header, the rest as data.
pub fn read(bytes: &[u8]) -> Result<Grid, String> {
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not an xlsx workbook ({e})"))?;
    let names = wb.sheet_names().to_vec();
    let mut grid = Grid::default();
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| format!("sheet {name:?} cannot be read ({e})"))?;
        let styles = wb.worksheet_style(&name).unwrap_or_default();
        let decimals = |pos: (u32, u32)| -> Option<u32> {
            let nf = styles.get(pos)?.number_format.as_ref()?;
            format_decimals(&nf.format_code)
        };
        let mut sheet = Sheet::new(&name, Vec::new());
        if let Some((_, end)) = range.start().zip(range.end()) {
            for r in 0..=end.0 {
                let mut row = Vec::new();
                for c in 0..=end.1 {
                    let cell = match range.get_value((r, c)) {
                        None | Some(Data::Empty) => Cell::Empty,
                        Some(Data::String(s)) => Cell::text(s.clone()),
                        Some(Data::Float(f)) => match decimal_of(*f, decimals((r, c))) {
                            Some(d) => Cell::Number(d),
                            None => Cell::Text(f.to_string()),
                        },
                        Some(Data::Int(i)) => {
                            let mut d = Decimal::from(*i);
                            if let Some(n) = decimals((r, c)) {
                                d.rescale(n);
                            }
                            Cell::Number(d)
                        }
                        Some(Data::Bool(b)) => Cell::Bool(*b),
                        Some(Data::DateTime(dt)) => Cell::Text(format!("a date ({dt})")),
                        Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => Cell::Text(s.clone()),
                        Some(Data::Error(e)) => Cell::Text(format!("{e}")),
                    };
                    row.push(cell);
                }
                while row.last().is_some_and(|c| *c == Cell::Empty) {
                    row.pop();
                }
                if r == 0 {
                    sheet.header = row
                        .iter()
                        .map(|c| match c {
                            Cell::Text(t) => t.trim().to_string(),
                            Cell::Empty => String::new(),
                            other => other.describe(),
                        })
                        .collect();
                } else {
                    sheet.rows.push(row);
                }
            }
        }
        while sheet.rows.last().is_some_and(Vec::is_empty) {
            sheet.rows.pop();
        }
        grid.sheets.push(sheet);
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn decimals_of_formats() {
        assert_eq!(format_decimals("General"), None);
        assert_eq!(format_decimals("@"), None);
        assert_eq!(format_decimals("#,##0"), Some(0));
        assert_eq!(format_decimals("#,##0.00"), Some(2));
        assert_eq!(format_decimals("0.000"), Some(3));
        assert_eq!(format_decimals(&number_format(false, 0)), Some(0));
        assert_eq!(format_decimals(&number_format(true, 2)), Some(2));
        assert_eq!(format_decimals("#,##0.00\\ \"TL\";[Red]-#,##0.00"), Some(2));
        assert_eq!(format_decimals("[$-41F]#,##0.0"), Some(1));
        assert_eq!(format_decimals("0.00%"), Some(2));
    }

    #[test]
    fn numbers_come_back_with_their_scale() {
        for s in [
            "5815779000.00",
            "1050381",
            "7.17",
            "0.00",
            "0",
            "-12.5",
            "96",
            "0.001",
            "999999999999.99",
        ] {
            let v = d(s);
            let f = exact_f64(&v).unwrap();
            assert_eq!(decimal_of(f, Some(v.scale())).unwrap().to_string(), s);
        }
    }

    #[test]
    fn float_noise_is_dropped_and_typed_digits_kept() {
        assert_eq!(decimal_of(0.1 + 0.2, Some(2)).unwrap().to_string(), "0.30");
        assert_eq!(decimal_of(12.345, Some(2)).unwrap().to_string(), "12.345");
        assert_eq!(decimal_of(12.5, None).unwrap().to_string(), "12.5");
        assert_eq!(decimal_of(-0.0, Some(2)).unwrap().to_string(), "0.00");
        assert_eq!(decimal_of(f64::NAN, None), None);
    }

    #[test]
    fn too_many_digits_are_not_numbers() {
        assert!(exact_f64(&d("1234567890123456.7")).is_none());
        assert!(exact_f64(&d("123456789012345")).is_some());
    }
}
