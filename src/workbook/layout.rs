//! Where each part of the model sits in the workbook: [`to_grid`] lays the
//! model out as sheets, [`from_grid`] reads it back and names the sheet and
//! cell of anything it cannot take.
//!
//! Columns are found by their header text (case and accents ignored), so a
//! user may reorder columns or add columns of their own; blank rows are
//! skipped. Lists of units sit in one cell, one name per line.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::grid::{cell_ref, Cell, ColumnKind, Grid, Sheet};
use super::{expected, expected_text, ImportError};
use crate::model::{
    ActivityCost, ActivityLine, Amounts, Block, ColumnKind as IndicatorKind, Economic, EconomicRow,
    EconomicSummary, Goal, Indicator, IndicatorColumn, Level, Objective, OffBudget, PrintedTitle,
    Programme, ResourceRow, ResourceSummary, ResourceTotal, Responsibility, Section, Source,
    Target, Value, FORMAT, FORMAT_V1, FORMAT_V2,
};
use crate::normalize::{normalize_key, parse_number};

/// Sheet names, in tab order.
pub const PROGRAM: &str = "Program";
pub const HIERARCHY: &str = "Amaçlar ve Hedefler";
pub const INDICATORS: &str = "Göstergeler";
pub const ACTIVITIES: &str = "Faaliyetler";
pub const NOTES: &str = "Dipnotlar";
pub const COSTS: &str = "Maliyetler";
pub const RESOURCES: &str = "Kaynak İhtiyacı";
pub const ECONOMIC: &str = "Ekonomik Özet";
pub const RESPONSIBILITIES: &str = "Sorumlular";
pub const UNITS: &str = "Birimler";
pub const FRONT: &str = "Ön Bölüm";

// Program sheet rows.
pub(super) const FIELD: &str = "Alan";
pub(super) const VALUE: &str = "Değer";
pub(super) const F_FORMAT: &str = "Biçim";
pub(super) const F_INSTITUTION: &str = "Kurum";
pub(super) const F_YEAR: &str = "Mali Yıl";
pub(super) const F_FILE: &str = "Kaynak Dosya";
pub(super) const F_SHA: &str = "Kaynak SHA-256";
pub(super) const F_PAGES: &str = "Kaynak Sayfa Sayısı";
pub(super) const F_NOTE: &str = "Açıklama";

// Shared column titles.
const LEVEL: &str = "Düzey";
pub(super) const CODE: &str = "Kod";
const TARGET: &str = "Hedef Kodu";
const ACTIVITY: &str = "Faaliyet";
pub(super) const UNITS_COL: &str = "Sorumlu Birimler";
pub(super) const PAGE: &str = "Sayfa";
const BUDGET: &str = "Bütçe";
pub(super) const OFF_BUDGET: &str = "Bütçe Dışı";
pub(super) const TOTAL: &str = "Toplam";

const LEVELS: [(&str, Level); 3] = [
    ("Stratejik Amaç", Level::Goal),
    ("Stratejik Hedef", Level::Objective),
    ("Performans Hedefi", Level::Target),
];

const HIERARCHY_COLS: [&str; 8] = [
    LEVEL,
    CODE,
    "Tema",
    "Başlık",
    PAGE,
    "Genel Toplam Bütçe",
    "Genel Toplam Bütçe Dışı",
    "Genel Toplam",
];
/// A target whose table prints other indicator columns than the
/// document's: its columns' labels, joined with ` | `.
const HIERARCHY_COLS_V2: [&str; 1] = ["Tablonun Gösterge Sütunları"];
const INDICATOR_COLS: [&str; 4] = [TARGET, "Gösterge", "Ölçü Birimi", "Dipnot (*)"];
/// Columns version 2 added to the indicators sheet (a version-1 workbook
/// lacks them): written after the fixed columns, before the year columns.
const INDICATOR_COLS_V2: [&str; 2] = ["Gösterge Kodu", "Açıklama"];
const ACTIVITY_COLS: [&str; 5] = [TARGET, ACTIVITY, BUDGET, OFF_BUDGET, TOTAL];
const ACTIVITY_COLS_V2: [&str; 1] = ["Faaliyet Kodu"];
/// Marks a cost table that prints one off-budget line (no breakdown).
/// Rows not printed at all; titles printed otherwise than in the
/// performance-target tables (`target 4.2.3: …`, joined with ` | `).
const COST_COLS_V2: [&str; 3] = [
    "Bütçe Dışı Tek Satır (*)",
    "Basılmayan Satırlar",
    PRINTED_TITLES,
];
const PRINTED_TITLES: &str = "Farklı Basılan Başlıklar";
/// Program-sheet rows: whether the document prints the summaries.
const F_RESOURCES: &str = "İdarenin Toplam Kaynak İhtiyacı Tablosu";
const F_ECONOMIC: &str = "Mali Yılı Toplam Kaynak İhtiyacı Tablosu";
pub(super) const PRINTED: &str = "Var";
pub(super) const NOT_PRINTED: &str = "Yok";
const NOTE_COLS: [&str; 2] = [TARGET, "Dipnot"];
const COST_COLS: [&str; 18] = [
    TARGET,
    ACTIVITY,
    UNITS_COL,
    PAGE,
    "1 Personel Giderleri",
    "2 Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
    "3 Mal ve Hizmet Alım Giderleri",
    "4 Faiz Giderleri",
    "5 Cari Transferler",
    "6 Sermaye Giderleri",
    "7 Sermaye Transferleri",
    "8 Borç Verme",
    "Bütçe Toplamı",
    "Döner Sermaye",
    "Diğer Yurt İçi",
    "Yurt Dışı",
    "Bütçe Dışı Toplam",
    TOTAL,
];
const RESOURCE_COLS: [&str; 6] = [
    LEVEL,
    CODE,
    "Başlık",
    "Tutar",
    "Hedefler İçindeki Pay (%)",
    "Bütçe İçindeki Pay (%)",
];
const RESOURCE_TOTALS: [&str; 4] = [
    "Performans Hedefleri Toplamı",
    "Genel Yönetim Giderleri",
    "Diğer İdarelere Transferler",
    "Toplam Bütçe",
];
const ECONOMIC_COLS: [&str; 7] = [
    "Satır",
    CODE,
    "Ad",
    "Faaliyet Toplamı",
    "Genel Yönetim Giderleri",
    "Diğer İdarelere Transfer",
    "Genel Toplam",
];
const E_CODE: &str = "Ekonomik Kod";
const E_BUDGET_TOTAL: &str = "Toplam Bütçe Kaynak İhtiyacı";
const E_OFF_BUDGET: &str = "Bütçe Dışı Kaynak";
const E_OFF_BUDGET_TOTAL: &str = "Toplam Bütçe Dışı Kaynak İhtiyacı";
const E_GRAND_TOTAL: &str = "Toplam Kaynak İhtiyacı";
const RESPONSIBILITY_COLS: [&str; 3] = [TARGET, ACTIVITY, UNITS_COL];
/// The target's title printed otherwise than in the performance-target
/// tables (`target 1.1.3, page 12: …`), which older workbooks lack.
const RESPONSIBILITY_COLS_V3: [&str; 1] = [PRINTED_TITLES];
const UNIT_COLS: [&str; 7] = [
    "Birim",
    "Diğer Yazılışlar",
    "Faaliyet Sayısı",
    "Ortak Faaliyet Sayısı",
    "Bütçe",
    "Bütçe Dışı",
    "Toplam",
];
const FRONT_COLS: [&str; 4] = ["Tür", PAGE, "Blok", "Metin"];
const K_SECTION: &str = "Bölüm";
const K_PARAGRAPH: &str = "Paragraf";
const K_LIST: &str = "Liste";
const K_TABLE_HEADER: &str = "Tablo Başlığı";
const K_TABLE_ROW: &str = "Tablo Satırı";

/// Decimals of amount columns' empty cells.
pub(super) const AMOUNT: ColumnKind = ColumnKind::Number(2);
pub(super) const INTEGER: ColumnKind = ColumnKind::Number(0);
pub(super) const PLAIN: ColumnKind = ColumnKind::Plain;
pub(super) const TEXT: ColumnKind = ColumnKind::Text;

/// The label of an indicator column: its header as printed (`2024 Hedef`,
/// `2019`, `Uygulama Yılı 2020`), or one made from its year and kind.
pub fn indicator_label(c: &IndicatorColumn) -> String {
    if c.label.is_empty() {
        IndicatorKind::label(c.year, c.kind)
    } else {
        c.label.clone()
    }
}

/// The indicator column a header names, if it is one: a header with a year
/// in it, its kind by its words.
pub(super) fn indicator_column(header: &str) -> Option<IndicatorColumn> {
    let label = header.split_whitespace().collect::<Vec<_>>().join(" ");
    let year = label.split_whitespace().find_map(|w| {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<i32>().ok())
            .flatten()
    })?;
    Some(IndicatorColumn {
        year,
        kind: IndicatorKind::from_label(&label),
        label,
    })
}

pub(super) fn printed(yes: bool) -> Cell {
    Cell::text(if yes { PRINTED } else { NOT_PRINTED })
}

pub(super) fn sheet(name: &str, cols: &[&str], kinds: &[ColumnKind], frozen: u16) -> Sheet {
    let mut s = Sheet::new(name, cols.iter().map(|c| c.to_string()).collect());
    s.kinds = kinds.to_vec();
    s.frozen_columns = frozen;
    s
}

pub(super) fn page(p: Option<u32>) -> Cell {
    Cell::number(p.map(Decimal::from))
}

pub(super) fn units(list: &[String]) -> Cell {
    Cell::text(list.join("\n"))
}

// ---------------------------------------------------------------------------
// Model → sheets

/// Lays the model out as a workbook.
pub fn to_grid(p: &Programme) -> Grid {
    let mut sheets = vec![program_sheet(p)];
    sheets.extend(target_sheets(p));
    sheets.push(cost_sheet(p));
    sheets.push(resource_sheet(
        p.resource_summary
            .as_ref()
            .unwrap_or(&ResourceSummary::default()),
    ));
    sheets.push(economic_sheet(
        p.economic_summary
            .as_ref()
            .unwrap_or(&EconomicSummary::default()),
    ));
    sheets.push(responsibility_sheet(p));
    sheets.push(unit_sheet(p));
    sheets.push(front_sheet(&p.front_matter));
    Grid { sheets }
}

fn program_sheet(p: &Programme) -> Sheet {
    let mut s = sheet(PROGRAM, &[FIELD, VALUE], &[TEXT, TEXT], 0);
    let mut rows = head_rows(&p.format, &p.institution, p.fiscal_year, &p.source);
    rows.extend([
        (F_RESOURCES, printed(p.resource_summary.is_some())),
        (F_ECONOMIC, printed(p.economic_summary.is_some())),
        (
            F_NOTE,
            Cell::text(format!(
                "Tutarlar TL; boş hücre tabloda boş, 0 yazılan hücre sıfırdır. \
                 “{UNITS}” sayfası diğer sayfalardan hesaplanır, içe aktarılırken okunmaz. \
                 Gösterge yıl sütunları “{INDICATORS}” sayfasının başlıklarından okunur."
            )),
        ),
    ]);
    s.rows = rows
        .into_iter()
        .map(|(k, v)| vec![Cell::text(k), v])
        .collect();
    s
}

/// The program sheet's first rows: format, institution, fiscal year and
/// source.
pub(super) fn head_rows(
    format: &str,
    institution: &str,
    year: i32,
    source: &Source,
) -> Vec<(&'static str, Cell)> {
    vec![
        (F_FORMAT, Cell::text(format)),
        (F_INSTITUTION, Cell::text(institution)),
        (F_YEAR, Cell::Number(Decimal::from(year))),
        (F_FILE, Cell::text(&source.file)),
        (F_SHA, Cell::text(&source.sha256)),
        (F_PAGES, page(source.pages)),
    ]
}

fn target_sheets(p: &Programme) -> [Sheet; 4] {
    let mut h_header = HIERARCHY_COLS.to_vec();
    h_header.extend(HIERARCHY_COLS_V2);
    let mut h = sheet(
        HIERARCHY,
        &h_header,
        &[TEXT, TEXT, TEXT, TEXT, PLAIN, AMOUNT, AMOUNT, AMOUNT, TEXT],
        2,
    );
    let mut header: Vec<&str> = INDICATOR_COLS.to_vec();
    header.extend(INDICATOR_COLS_V2);
    let labels: Vec<String> = p.indicator_columns.iter().map(indicator_label).collect();
    header.extend(labels.iter().map(String::as_str));
    let mut kinds = vec![TEXT; INDICATOR_COLS.len() + INDICATOR_COLS_V2.len()];
    kinds.extend(p.indicator_columns.iter().map(|_| INTEGER));
    let mut ind = sheet(INDICATORS, &header, &kinds, 2);
    let mut act_header = ACTIVITY_COLS.to_vec();
    act_header.extend(ACTIVITY_COLS_V2);
    let mut act = sheet(
        ACTIVITIES,
        &act_header,
        &[TEXT, TEXT, AMOUNT, AMOUNT, AMOUNT, TEXT],
        2,
    );
    let mut notes = sheet(NOTES, &NOTE_COLS, &[TEXT, TEXT], 1);
    for g in &p.goals {
        h.rows.push(vec![
            Cell::text(LEVELS[0].0),
            Cell::text(&g.code),
            Cell::text(g.theme.as_deref().unwrap_or("")),
            Cell::text(&g.title),
        ]);
        for o in &g.objectives {
            h.rows.push(vec![
                Cell::text(LEVELS[1].0),
                Cell::text(&o.code),
                Cell::Empty,
                Cell::text(&o.title),
            ]);
            for t in &o.targets {
                h.rows.push(vec![
                    Cell::text(LEVELS[2].0),
                    Cell::text(&t.code),
                    Cell::Empty,
                    Cell::text(&t.title),
                    page(t.page),
                    Cell::number(t.stated_total.budget),
                    Cell::number(t.stated_total.off_budget),
                    Cell::number(t.stated_total.total),
                    Cell::text(
                        t.columns_as_printed
                            .iter()
                            .map(indicator_label)
                            .collect::<Vec<_>>()
                            .join(" | "),
                    ),
                ]);
                for i in &t.indicators {
                    let mut row = vec![
                        Cell::text(&t.code),
                        Cell::text(&i.name),
                        Cell::text(i.unit.as_deref().unwrap_or("")),
                        Cell::text(if i.marked { "*" } else { "" }),
                        Cell::text(i.code.as_deref().unwrap_or("")),
                        Cell::text(i.description.as_deref().unwrap_or("")),
                    ];
                    row.extend(i.values.iter().map(|v| match v {
                        None => Cell::Empty,
                        Some(Value::Number(d)) => Cell::Number(*d),
                        Some(Value::Text(t)) => Cell::text(t),
                    }));
                    ind.rows.push(row);
                }
                for a in &t.activities {
                    act.rows.push(vec![
                        Cell::text(&t.code),
                        Cell::text(&a.name),
                        Cell::number(a.budget),
                        Cell::number(a.off_budget),
                        Cell::number(a.total),
                        Cell::text(a.code.as_deref().unwrap_or("")),
                    ]);
                }
                for n in &t.notes {
                    notes.rows.push(vec![Cell::text(&t.code), Cell::text(n)]);
                }
            }
        }
    }
    [h, ind, act, notes]
}

fn cost_sheet(p: &Programme) -> Sheet {
    let mut kinds = vec![TEXT, TEXT, TEXT, PLAIN];
    kinds.extend([AMOUNT; 14]);
    kinds.extend([TEXT, TEXT, TEXT]);
    let mut header = COST_COLS.to_vec();
    header.extend(COST_COLS_V2);
    let mut s = sheet(COSTS, &header, &kinds, 2);
    for c in &p.activity_costs {
        let mut row = vec![
            Cell::text(&c.target),
            Cell::text(&c.activity),
            units(&c.units),
            page(c.page),
        ];
        row.extend(c.economic.values().into_iter().map(Cell::number));
        let o = c.off_budget.clone().unwrap_or_default();
        row.extend(
            [
                c.budget_total,
                o.revolving_fund,
                o.other_domestic,
                o.foreign,
                c.off_budget_total,
                c.total,
            ]
            .into_iter()
            .map(Cell::number),
        );
        row.push(Cell::text(if c.off_budget.is_none() { "*" } else { "" }));
        row.push(Cell::text(c.not_printed.join("; ")));
        row.push(Cell::text(PrintedTitle::cell(&c.titles_as_printed)));
        s.rows.push(row);
    }
    s
}

fn resource_sheet(r: &ResourceSummary) -> Sheet {
    let mut s = sheet(
        RESOURCES,
        &RESOURCE_COLS,
        &[TEXT, TEXT, TEXT, AMOUNT, AMOUNT, AMOUNT],
        2,
    );
    for row in &r.rows {
        let level = LEVELS
            .iter()
            .find(|(_, l)| *l == row.level)
            .map(|(n, _)| *n);
        s.rows.push(vec![
            Cell::text(level.unwrap_or_default()),
            Cell::text(&row.code),
            Cell::text(&row.title),
            Cell::number(row.amount),
            Cell::number(row.share_of_targets),
            Cell::number(row.share_of_budget),
        ]);
    }
    let totals = [
        &r.targets_total,
        &r.general_administration,
        &r.transfers,
        &r.total_budget,
    ];
    for (label, t) in RESOURCE_TOTALS.iter().zip(totals) {
        s.rows.push(vec![
            Cell::text(*label),
            Cell::Empty,
            Cell::Empty,
            Cell::number(t.amount),
            Cell::number(t.share_of_targets),
            Cell::number(t.share_of_budget),
        ]);
    }
    s
}

fn economic_sheet(e: &EconomicSummary) -> Sheet {
    let mut s = sheet(
        ECONOMIC,
        &ECONOMIC_COLS,
        &[TEXT, TEXT, TEXT, AMOUNT, AMOUNT, AMOUNT, AMOUNT],
        3,
    );
    let row = |kind: &str, r: &EconomicRow| {
        vec![
            Cell::text(kind),
            Cell::text(r.code.clone().unwrap_or_default()),
            Cell::text(r.name.clone().unwrap_or_default()),
            Cell::number(r.activities),
            Cell::number(r.general_administration),
            Cell::number(r.transfers),
            Cell::number(r.total),
        ]
    };
    s.rows.extend(e.rows.iter().map(|r| row(E_CODE, r)));
    s.rows.push(row(E_BUDGET_TOTAL, &e.budget_total));
    s.rows
        .extend(e.off_budget.iter().map(|r| row(E_OFF_BUDGET, r)));
    s.rows.push(row(E_OFF_BUDGET_TOTAL, &e.off_budget_total));
    s.rows.push(row(E_GRAND_TOTAL, &e.grand_total));
    s
}

fn responsibility_sheet(p: &Programme) -> Sheet {
    let mut header = RESPONSIBILITY_COLS.to_vec();
    header.extend(RESPONSIBILITY_COLS_V3);
    let mut s = sheet(RESPONSIBILITIES, &header, &[TEXT; 4], 2);
    for r in &p.responsibilities {
        s.rows.push(vec![
            Cell::text(&r.target),
            Cell::text(&r.activity),
            units(&r.units),
            Cell::text(PrintedTitle::cell(&r.titles_as_printed)),
        ]);
    }
    s
}

fn unit_sheet(p: &Programme) -> Sheet {
    let mut s = sheet(
        UNITS,
        &UNIT_COLS,
        &[TEXT, TEXT, INTEGER, INTEGER, AMOUNT, AMOUNT, AMOUNT],
        1,
    );
    s.derived = true;
    for d in crate::render::departments(p) {
        let [budget, off_budget, total] = crate::opendata::unit_totals(p, &d);
        let shared = d.activities.iter().filter(|a| a.shared()).count();
        let others: Vec<String> = d.names.iter().filter(|n| **n != d.name).cloned().collect();
        s.rows.push(vec![
            Cell::text(&d.name),
            units(&others),
            Cell::Number(Decimal::from(d.activities.len() as u64)),
            Cell::Number(Decimal::from(shared as u64)),
            Cell::number(budget),
            Cell::number(off_budget),
            Cell::number(total),
        ]);
    }
    s
}

pub(super) fn front_sheet(sections: &[Section]) -> Sheet {
    let width = sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table { header, rows } => rows.iter().map(Vec::len).chain([header.len()]).max(),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(1);
    let mut header: Vec<String> = FRONT_COLS.iter().map(|c| c.to_string()).collect();
    header.extend((2..=width).map(|k| format!("Sütun {k}")));
    let mut s = Sheet::new(FRONT, header);
    s.kinds = vec![TEXT, PLAIN, PLAIN];
    s.kinds.extend(std::iter::repeat_n(TEXT, width));
    s.frozen_columns = 1;
    let line = |kind: &str, page: Cell, block: usize, cells: &[String]| {
        let mut row = vec![
            Cell::text(kind),
            page,
            Cell::Number(Decimal::from(block as u64)),
        ];
        row.extend(cells.iter().map(Cell::text));
        row
    };
    for sec in sections {
        s.rows.push(vec![
            Cell::text(K_SECTION),
            page(sec.page),
            Cell::Empty,
            Cell::text(&sec.title),
        ]);
        for (k, b) in sec.blocks.iter().enumerate() {
            let n = k + 1;
            match b {
                Block::Paragraph { text } => s.rows.push(line(
                    K_PARAGRAPH,
                    Cell::Empty,
                    n,
                    std::slice::from_ref(text),
                )),
                Block::List { items } => {
                    for i in items {
                        s.rows
                            .push(line(K_LIST, Cell::Empty, n, std::slice::from_ref(i)));
                    }
                }
                Block::Table { header, rows } => {
                    s.rows.push(line(K_TABLE_HEADER, Cell::Empty, n, header));
                    for r in rows {
                        s.rows.push(line(K_TABLE_ROW, Cell::Empty, n, r));
                    }
                }
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------
// Sheets → model

/// The columns of one sheet, found by their titles.
pub(super) struct Table<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) cols: Vec<usize>,
}

pub(super) fn table<'a>(
    grid: &'a Grid,
    name: &str,
    titles: &[&str],
) -> Result<Table<'a>, ImportError> {
    table_with(grid, name, titles, &[])
}

/// A table with `optional` columns after the required `titles` (columns
/// version 2 added, which a version-1 workbook lacks: read as empty).
pub(super) fn table_with<'a>(
    grid: &'a Grid,
    name: &str,
    titles: &[&str],
    optional: &[&str],
) -> Result<Table<'a>, ImportError> {
    let sheet = grid.sheet(name).ok_or_else(|| {
        let have: Vec<String> = grid
            .sheets
            .iter()
            .map(|s| format!("{:?}", s.name))
            .collect();
        let sheets = if have.is_empty() {
            crate::msg!("workbook-no-sheets").to_string()
        } else {
            have.join(", ")
        };
        ImportError::workbook(crate::msg!(
            "workbook-no-sheet",
            name = format!("{name:?}"),
            sheets = sheets
        ))
    })?;
    let mut cols = Vec::with_capacity(titles.len());
    for t in titles {
        match sheet.column(t) {
            Some(c) => cols.push(c),
            None => {
                return Err(ImportError::at(
                    name,
                    "1:1",
                    crate::msg!("workbook-missing-column", column = format!("{t:?}")),
                ))
            }
        }
    }
    cols.extend(
        optional
            .iter()
            .map(|t| sheet.column(t).unwrap_or(usize::MAX)),
    );
    Ok(Table { sheet, cols })
}

impl<'a> Table<'a> {
    /// Non-blank data rows.
    pub(super) fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.sheet
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.iter().all(Cell::is_blank))
            .map(move |(index, _)| Row { table: self, index })
    }
}

/// One data row of a [`Table`]; its accessors take the column's position in
/// the title list the table was opened with.
pub(super) struct Row<'a> {
    table: &'a Table<'a>,
    pub(super) index: usize,
}

/// Text of a cell as the model keeps it: trimmed, line breaks as spaces.
fn clean_text(s: &str) -> String {
    if !s.contains(['\n', '\r', '\t']) {
        return s.trim().to_string();
    }
    s.split(['\n', '\r', '\t', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Row<'_> {
    fn col(&self, i: usize) -> usize {
        self.table.cols[i]
    }

    pub(super) fn cell(&self, i: usize) -> &Cell {
        self.table.sheet.cell(self.index, self.col(i))
    }

    pub(super) fn err(&self, i: usize, msg: impl Into<String>) -> ImportError {
        self.err_at(self.col(i), msg)
    }

    pub(super) fn err_at(&self, col: usize, msg: impl Into<String>) -> ImportError {
        ImportError::at(&self.table.sheet.name, &cell_ref(self.index, col), msg)
    }

    /// Text, possibly empty.
    pub(super) fn opt_text(&self, i: usize) -> Result<String, ImportError> {
        match self.cell(i) {
            Cell::Empty => Ok(String::new()),
            Cell::Text(t) => Ok(clean_text(t)),
            Cell::Number(d) => Ok(d.to_string()),
            c @ Cell::Bool(_) => Err(self.err(i, expected_text(c))),
        }
    }

    /// Text that must not be empty; `what` is the catalogue key of what
    /// the cell should hold (`workbook-what-…`).
    pub(super) fn text(&self, i: usize, what: &str) -> Result<String, ImportError> {
        let t = self.opt_text(i)?;
        if t.is_empty() {
            return Err(self.err(i, expected(what, &Cell::Empty)));
        }
        Ok(t)
    }

    /// An amount: a number, Turkish number text, or empty (also `-`).
    pub(super) fn amount(&self, i: usize) -> Result<Option<Decimal>, ImportError> {
        match self.cell(i) {
            Cell::Empty => Ok(None),
            Cell::Number(d) => Ok(Some(*d)),
            Cell::Text(t) if matches!(t.trim(), "" | "-") => Ok(None),
            Cell::Text(t) => parse_number(t).map(Some).ok_or_else(|| {
                self.err(
                    i,
                    crate::msg!("workbook-expected-amount", found = format!("{t:?}")),
                )
            }),
            c => Err(self.err(
                i,
                crate::msg!("workbook-expected-amount", found = c.describe()),
            )),
        }
    }

    /// A whole number ≥ 0, or empty; `what` as for [`Row::text`].
    pub(super) fn count(&self, i: usize, what: &str) -> Result<Option<u32>, ImportError> {
        let bad = |c: &Cell| self.err(i, expected(what, c));
        let cell = self.cell(i);
        let d = match cell {
            Cell::Empty => return Ok(None),
            Cell::Number(d) => *d,
            Cell::Text(t) if t.trim().is_empty() => return Ok(None),
            Cell::Text(t) => parse_number(t).ok_or_else(|| bad(cell))?,
            Cell::Bool(_) => return Err(bad(cell)),
        };
        use rust_decimal::prelude::ToPrimitive;
        match d.fract().is_zero().then(|| d.to_u32()).flatten() {
            Some(n) => Ok(Some(n)),
            None => Err(bad(cell)),
        }
    }

    /// An indicator value: a number, text as printed, or empty.
    pub(super) fn value(&self, col: usize) -> Result<Option<Value>, ImportError> {
        match self.table.sheet.cell(self.index, col) {
            Cell::Empty => Ok(None),
            Cell::Number(d) => Ok(Some(Value::Number(*d))),
            Cell::Text(t) => {
                let t = clean_text(t);
                Ok(match parse_number(&t) {
                    _ if t.is_empty() => None,
                    Some(d) => Some(Value::Number(d)),
                    None => Some(Value::Text(t)),
                })
            }
            c @ Cell::Bool(_) => Err(self.err_at(
                col,
                crate::msg!("workbook-expected-number-or-text", found = c.describe()),
            )),
        }
    }

    /// The footnote mark: `*` (or TRUE/evet) or empty.
    pub(super) fn mark(&self, i: usize) -> Result<bool, ImportError> {
        match self.cell(i) {
            Cell::Empty => Ok(false),
            Cell::Bool(b) => Ok(*b),
            Cell::Text(t) => match normalize_key(t).as_str() {
                "" | "hayır" | "yok" | "false" | "yanlış" | "-" => Ok(false),
                "*" | "evet" | "var" | "true" | "doğru" | "x" => Ok(true),
                _ => Err(self.err(
                    i,
                    crate::msg!("workbook-expected-mark", found = format!("{t:?}")),
                )),
            },
            c => Err(self.err(
                i,
                crate::msg!("workbook-expected-mark", found = c.describe()),
            )),
        }
    }

    /// Unit names, one per line (or separated by `;`).
    pub(super) fn units(&self, i: usize) -> Result<Vec<String>, ImportError> {
        match self.cell(i) {
            Cell::Empty => Ok(Vec::new()),
            Cell::Text(t) => Ok(t
                .split(['\n', ';'])
                .map(clean_text)
                .filter(|u| !u.is_empty())
                .collect()),
            c => Err(self.err(
                i,
                crate::msg!("workbook-expected-units", found = c.describe()),
            )),
        }
    }

    /// One of `labels` (compared loosely), as its index.
    pub(super) fn choice(&self, i: usize, labels: &[&str]) -> Result<usize, ImportError> {
        let t = self.opt_text(i)?;
        let key = normalize_key(&t);
        labels
            .iter()
            .position(|l| normalize_key(l) == key)
            .ok_or_else(|| {
                let list: Vec<String> = labels.iter().map(|l| format!("{l:?}")).collect();
                self.err(
                    i,
                    crate::msg!(
                        "workbook-expected-one-of",
                        choices = list.join(", "),
                        found = format!("{t:?}")
                    ),
                )
            })
    }

    /// An error unless the cell is empty; `why` is the catalogue key of
    /// the reason (`workbook-why-…`).
    pub(super) fn must_be_empty(&self, i: usize, why: &str) -> Result<(), ImportError> {
        let c = self.cell(i);
        if c.is_blank() {
            Ok(())
        } else {
            let why = crate::i18n::Message::new(why);
            Err(self.err(
                i,
                crate::msg!("workbook-must-be-empty", why = why, found = c.describe()),
            ))
        }
    }
}

/// Reads a model back from a workbook laid out by [`to_grid`].
pub fn from_grid(grid: &Grid) -> Result<Programme, ImportError> {
    let (program, (has_resources, has_economic)) = read_program(grid)?;
    let (_, institution, fiscal_year, source) = program;
    let (indicator_columns, goals) = read_targets(grid)?;
    Ok(Programme {
        // A version-1 workbook reads as version 2.
        format: FORMAT.into(),
        layout: Default::default(),
        source,
        institution,
        fiscal_year,
        indicator_columns,
        goals,
        activity_costs: read_costs(grid)?,
        resource_summary: has_resources.then(|| read_resources(grid)).transpose()?,
        economic_summary: has_economic.then(|| read_economic(grid)).transpose()?,
        responsibilities: read_responsibilities(grid)?,
        front_matter: read_front(grid)?,
    })
}

/// The program sheet: format, institution, year, source; and whether the
/// document prints the resource and the economic summary (a version-1
/// workbook says nothing: printed).
type ProgramFields = ((String, String, i32, Source), (bool, bool));

fn read_program(grid: &Grid) -> Result<ProgramFields, ImportError> {
    let t = table(grid, PROGRAM, &[FIELD, VALUE])?;
    let fields = Fields::new(&t, &[])?;
    let row = fields.get(F_FORMAT)?;
    let format = row.text(1, "workbook-what-format")?;
    if format != FORMAT && format != FORMAT_V2 && format != FORMAT_V1 {
        return Err(row.err(
            1,
            crate::msg!(
                "workbook-expected-format",
                format = format!("{FORMAT:?}"),
                others = format!("{FORMAT_V2:?}, {FORMAT_V1:?}"),
                found = format!("{format:?}")
            ),
        ));
    }
    let (institution, year, source) = fields.head()?;
    let printed = |name: &str| Ok::<_, ImportError>(fields.printed(name)?.unwrap_or(true));
    let flags = (printed(F_RESOURCES)?, printed(F_ECONOMIC)?);
    Ok(((format, institution, year, source), flags))
}

/// The program sheet's rows by their field (compared loosely); the rows of
/// fields that may repeat are kept in order instead.
pub(super) struct Fields<'a> {
    table: &'a Table<'a>,
    rows: HashMap<String, Row<'a>>,
    /// The rows of the repeating fields, in order, each with its field's
    /// index in the list given to [`Fields::new`].
    pub(super) repeated: Vec<(usize, Row<'a>)>,
}

impl<'a> Fields<'a> {
    /// The field rows of `t` (column 0 the field, column 1 its value); a
    /// field other than the `repeated` ones given twice is an error.
    pub(super) fn new(t: &'a Table<'a>, repeated: &[&str]) -> Result<Fields<'a>, ImportError> {
        let repeated_keys: Vec<String> = repeated.iter().map(|r| normalize_key(r)).collect();
        let mut fields = Fields {
            table: t,
            rows: HashMap::new(),
            repeated: Vec::new(),
        };
        for row in t.rows() {
            let key = normalize_key(&row.opt_text(0)?);
            if let Some(k) = repeated_keys.iter().position(|r| *r == key) {
                fields.repeated.push((k, row));
                continue;
            }
            match fields.rows.entry(key) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    return Err(row.err(0, crate::msg!("workbook-field-twice")))
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(row);
                }
            }
        }
        Ok(fields)
    }

    /// The row of a field, if given.
    pub(super) fn find(&self, name: &str) -> Option<&Row<'a>> {
        self.rows.get(&normalize_key(name))
    }

    /// The row of a field that must be given.
    pub(super) fn get(&self, name: &str) -> Result<&Row<'a>, ImportError> {
        self.find(name).ok_or_else(|| {
            ImportError::at(
                &self.table.sheet.name,
                &format!("A2:A{}", self.table.sheet.rows.len() + 1),
                crate::msg!("workbook-missing-row", row = format!("{name:?}")),
            )
        })
    }

    /// Institution, fiscal year and source (the rows of [`head_rows`]).
    pub(super) fn head(&self) -> Result<(String, i32, Source), ImportError> {
        let institution = self
            .get(F_INSTITUTION)?
            .text(1, "workbook-what-institution")?;
        let row = self.get(F_YEAR)?;
        let year = row
            .count(1, "workbook-what-fiscal-year")?
            .ok_or_else(|| row.err(1, expected("workbook-what-fiscal-year", &Cell::Empty)))?;
        let source = Source {
            file: self.get(F_FILE)?.opt_text(1)?,
            sha256: self.get(F_SHA)?.opt_text(1)?,
            pages: self.get(F_PAGES)?.count(1, "workbook-what-page-count")?,
        };
        Ok((institution, year as i32, source))
    }

    /// Whether a field says a table is printed (Var / Yok); none when the
    /// field is not given.
    pub(super) fn printed(&self, name: &str) -> Result<Option<bool>, ImportError> {
        self.find(name)
            .map(|row| Ok(row.choice(1, &[PRINTED, NOT_PRINTED])? == 0))
            .transpose()
    }
}

/// Where a target sits in the goal tree.
type Path3 = (usize, usize, usize);

fn read_targets(grid: &Grid) -> Result<(Vec<IndicatorColumn>, Vec<Goal>), ImportError> {
    let t = table_with(grid, HIERARCHY, &HIERARCHY_COLS, &HIERARCHY_COLS_V2)?;
    let mut goals: Vec<Goal> = Vec::new();
    let mut index: HashMap<String, Path3> = HashMap::new();
    let labels: Vec<&str> = LEVELS.iter().map(|(l, _)| *l).collect();
    for row in t.rows() {
        let level = LEVELS[row.choice(0, &labels)?].1;
        let code = row.text(1, "workbook-what-code")?;
        let title = row.text(3, "workbook-what-title")?;
        if level != Level::Goal {
            row.must_be_empty(2, "workbook-why-theme")?;
        }
        if level != Level::Target {
            for i in 4..9 {
                row.must_be_empty(i, "workbook-why-target-columns")?;
            }
        }
        match level {
            Level::Goal => goals.push(Goal {
                code,
                theme: Some(row.opt_text(2)?).filter(|t| !t.is_empty()),
                title,
                objectives: Vec::new(),
            }),
            Level::Objective => {
                let g = goals
                    .last_mut()
                    .ok_or_else(|| row.err(0, crate::msg!("workbook-objective-after-goal")))?;
                g.objectives.push(Objective {
                    code,
                    title,
                    targets: Vec::new(),
                });
            }
            Level::Target => {
                let gi = goals.len().wrapping_sub(1);
                let oi = goals
                    .last()
                    .map(|g| g.objectives.len())
                    .filter(|&n| n > 0)
                    .ok_or_else(|| row.err(0, crate::msg!("workbook-target-after-objective")))?
                    - 1;
                if index.contains_key(&code) {
                    return Err(row.err(
                        1,
                        crate::msg!("workbook-target-code-twice", code = format!("{code:?}")),
                    ));
                }
                let ti = goals[gi].objectives[oi].targets.len();
                index.insert(code.clone(), (gi, oi, ti));
                goals[gi].objectives[oi].targets.push(Target {
                    code,
                    title,
                    page: row.count(4, "workbook-what-page")?,
                    indicators: Vec::new(),
                    activities: Vec::new(),
                    stated_total: Amounts {
                        budget: row.amount(5)?,
                        off_budget: row.amount(6)?,
                        total: row.amount(7)?,
                    },
                    notes: Vec::new(),
                    columns_as_printed: row
                        .opt_text(8)?
                        .split(" | ")
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(|l| {
                            indicator_column(l).ok_or_else(|| {
                                row.err(
                                    8,
                                    crate::msg!(
                                        "workbook-expected-column-labels",
                                        found = format!("{l:?}")
                                    ),
                                )
                            })
                        })
                        .collect::<Result<_, _>>()?,
                });
            }
        }
    }
    let target_of = |row: &Row<'_>| -> Result<Path3, ImportError> {
        let code = row.text(0, "workbook-what-target-code")?;
        index.get(&code).copied().ok_or_else(|| {
            row.err(
                0,
                crate::msg!(
                    "workbook-unknown-target",
                    code = format!("{code:?}"),
                    sheet = format!("{HIERARCHY:?}")
                ),
            )
        })
    };

    // Indicators: the year columns are the headers that name one.
    let it = table_with(grid, INDICATORS, &INDICATOR_COLS, &INDICATOR_COLS_V2)?;
    let year_cols: Vec<(usize, IndicatorColumn)> = it
        .sheet
        .header
        .iter()
        .enumerate()
        .filter_map(|(k, h)| indicator_column(h).map(|c| (k, c)))
        .collect();
    if year_cols.is_empty() {
        return Err(ImportError::at(
            INDICATORS,
            "1:1",
            "no indicator year columns in the header row (expected titles like \"2024 Hedef\" or \"2022 Gerçekleşen\")",
        ));
    }
    for row in it.rows() {
        let (g, o, ti) = target_of(&row)?;
        let mut values = Vec::with_capacity(year_cols.len());
        for (k, _) in &year_cols {
            values.push(row.value(*k)?);
        }
        let some = |t: String| (!t.is_empty()).then_some(t);
        let ind = Indicator {
            code: some(row.opt_text(4)?),
            name: row.text(1, "workbook-what-indicator")?,
            unit: some(row.opt_text(2)?),
            values,
            marked: row.mark(3)?,
            description: some(row.opt_text(5)?),
        };
        goals[g].objectives[o].targets[ti].indicators.push(ind);
    }

    let at = table_with(grid, ACTIVITIES, &ACTIVITY_COLS, &ACTIVITY_COLS_V2)?;
    for row in at.rows() {
        let (g, o, ti) = target_of(&row)?;
        let code = row.opt_text(5)?;
        let line = ActivityLine {
            code: (!code.is_empty()).then_some(code),
            name: row.text(1, "workbook-what-activity")?,
            budget: row.amount(2)?,
            off_budget: row.amount(3)?,
            total: row.amount(4)?,
        };
        goals[g].objectives[o].targets[ti].activities.push(line);
    }

    let nt = table(grid, NOTES, &NOTE_COLS)?;
    for row in nt.rows() {
        let (g, o, ti) = target_of(&row)?;
        let note = row.text(1, "workbook-what-footnote")?;
        goals[g].objectives[o].targets[ti].notes.push(note);
    }
    Ok((year_cols.into_iter().map(|(_, c)| c).collect(), goals))
}

fn read_costs(grid: &Grid) -> Result<Vec<ActivityCost>, ImportError> {
    let t = table_with(grid, COSTS, &COST_COLS, &COST_COLS_V2)?;
    let mut out = Vec::new();
    for row in t.rows() {
        let mut economic = Economic::default();
        for code in 1..=8u8 {
            if let Some(slot) = economic.get_mut(code) {
                *slot = row.amount(3 + code as usize)?;
            }
        }
        out.push(ActivityCost {
            target: row.text(0, "workbook-what-target-code")?,
            activity: row.text(1, "workbook-what-activity")?,
            units: row.units(2)?,
            page: row.count(3, "workbook-what-page")?,
            economic,
            budget_total: row.amount(12)?,
            off_budget: if row.mark(18)? {
                None
            } else {
                Some(OffBudget {
                    revolving_fund: row.amount(13)?,
                    other_domestic: row.amount(14)?,
                    foreign: row.amount(15)?,
                })
            },
            off_budget_total: row.amount(16)?,
            total: row.amount(17)?,
            not_printed: row
                .opt_text(19)?
                .split(';')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(String::from)
                .collect(),
            titles_as_printed: PrintedTitle::parse_cell(&row.opt_text(20)?)
                .map_err(|e| row.err(20, e))?,
        });
    }
    Ok(out)
}

fn read_resources(grid: &Grid) -> Result<ResourceSummary, ImportError> {
    let t = table(grid, RESOURCES, &RESOURCE_COLS)?;
    let mut labels: Vec<&str> = LEVELS.iter().map(|(l, _)| *l).collect();
    labels.extend(RESOURCE_TOTALS);
    let mut rows = Vec::new();
    let mut totals: [Option<ResourceTotal>; 4] = Default::default();
    for row in t.rows() {
        let k = row.choice(0, &labels)?;
        let (amount, share_of_targets, share_of_budget) =
            (row.amount(3)?, row.amount(4)?, row.amount(5)?);
        if k < LEVELS.len() {
            rows.push(ResourceRow {
                level: LEVELS[k].1,
                code: row.text(1, "workbook-what-code")?,
                title: row.opt_text(2)?,
                amount,
                share_of_targets,
                share_of_budget,
            });
            continue;
        }
        row.must_be_empty(1, "workbook-why-total-no-code")?;
        let slot = &mut totals[k - LEVELS.len()];
        if slot.is_some() {
            return Err(row.err(
                0,
                crate::msg!("workbook-row-twice", row = format!("{:?}", labels[k])),
            ));
        }
        *slot = Some(ResourceTotal {
            amount,
            share_of_targets,
            share_of_budget,
        });
    }
    let mut take = |k: usize| {
        totals[k].take().ok_or_else(|| {
            ImportError::at(
                RESOURCES,
                &format!("A2:A{}", t.sheet.rows.len() + 1),
                crate::msg!(
                    "workbook-missing-row",
                    row = format!("{:?}", RESOURCE_TOTALS[k])
                ),
            )
        })
    };
    Ok(ResourceSummary {
        rows,
        targets_total: take(0)?,
        general_administration: take(1)?,
        transfers: take(2)?,
        total_budget: take(3)?,
    })
}

fn read_economic(grid: &Grid) -> Result<EconomicSummary, ImportError> {
    let t = table(grid, ECONOMIC, &ECONOMIC_COLS)?;
    let kinds = [
        E_CODE,
        E_BUDGET_TOTAL,
        E_OFF_BUDGET,
        E_OFF_BUDGET_TOTAL,
        E_GRAND_TOTAL,
    ];
    let mut rows = Vec::new();
    let mut off_budget = Vec::new();
    let mut totals: [Option<EconomicRow>; 3] = Default::default();
    for row in t.rows() {
        let k = row.choice(0, &kinds)?;
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let r = EconomicRow {
            code: opt(row.opt_text(1)?),
            name: opt(row.opt_text(2)?),
            activities: row.amount(3)?,
            general_administration: row.amount(4)?,
            transfers: row.amount(5)?,
            total: row.amount(6)?,
        };
        let slot = match k {
            0 => {
                rows.push(r);
                continue;
            }
            2 => {
                off_budget.push(r);
                continue;
            }
            1 => 0,
            3 => 1,
            _ => 2,
        };
        if totals[slot].is_some() {
            return Err(row.err(
                0,
                crate::msg!("workbook-row-twice", row = format!("{:?}", kinds[k])),
            ));
        }
        totals[slot] = Some(r);
    }
    let mut take = |slot: usize, label: &str| {
        totals[slot].take().ok_or_else(|| {
            ImportError::at(
                ECONOMIC,
                &format!("A2:A{}", t.sheet.rows.len() + 1),
                crate::msg!("workbook-missing-row", row = format!("{label:?}")),
            )
        })
    };
    Ok(EconomicSummary {
        rows,
        budget_total: take(0, E_BUDGET_TOTAL)?,
        off_budget,
        off_budget_total: take(1, E_OFF_BUDGET_TOTAL)?,
        grand_total: take(2, E_GRAND_TOTAL)?,
    })
}

fn read_responsibilities(grid: &Grid) -> Result<Vec<Responsibility>, ImportError> {
    let t = table_with(
        grid,
        RESPONSIBILITIES,
        &RESPONSIBILITY_COLS,
        &RESPONSIBILITY_COLS_V3,
    )?;
    t.rows()
        .map(|row| {
            Ok(Responsibility {
                target: row.text(0, "workbook-what-target-code")?,
                activity: row.text(1, "workbook-what-activity")?,
                units: row.units(2)?,
                titles_as_printed: PrintedTitle::parse_cell(&row.opt_text(3)?)
                    .map_err(|e| row.err(3, e))?,
            })
        })
        .collect()
}

pub(super) fn read_front(grid: &Grid) -> Result<Vec<Section>, ImportError> {
    let t = table(grid, FRONT, &FRONT_COLS)?;
    let kinds = [K_SECTION, K_PARAGRAPH, K_LIST, K_TABLE_HEADER, K_TABLE_ROW];
    let first = t.cols[3];
    let mut sections: Vec<Section> = Vec::new();
    // The block number of the last block of the current section.
    let mut last_block: Option<u32> = None;
    for row in t.rows() {
        let k = row.choice(0, &kinds)?;
        if k == 0 {
            sections.push(Section {
                title: row.opt_text(3)?,
                page: row.count(1, "workbook-what-page")?,
                blocks: Vec::new(),
            });
            last_block = None;
            continue;
        }
        let section = sections.last_mut().ok_or_else(|| {
            row.err(
                0,
                crate::msg!(
                    "workbook-block-after-section",
                    kind = format!("{:?}", kinds[k])
                ),
            )
        })?;
        row.must_be_empty(1, "workbook-why-section-page")?;
        let n = row.count(2, "workbook-what-block")?;
        // Cells from the Metin column to the last non-empty one.
        let cells: Vec<String> = {
            let raw = t
                .sheet
                .rows
                .get(row.index)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let end = raw
                .iter()
                .rposition(|c| !c.is_blank())
                .map_or(first, |e| (e + 1).max(first));
            let mut out = Vec::new();
            for col in first..end {
                out.push(match t.sheet.cell(row.index, col) {
                    Cell::Empty => String::new(),
                    Cell::Text(s) => clean_text(s),
                    Cell::Number(d) => crate::normalize::format_number(d),
                    c @ Cell::Bool(_) => return Err(row.err_at(col, expected_text(c))),
                });
            }
            out
        };
        let same = n.is_some() && n == last_block;
        last_block = n;
        let text = || cells.first().cloned().unwrap_or_default();
        match (k, section.blocks.last_mut()) {
            (1, _) => {
                let text = text();
                if text.is_empty() {
                    return Err(row.err(3, expected("workbook-what-paragraph", &Cell::Empty)));
                }
                section.blocks.push(Block::Paragraph { text });
            }
            (2, Some(Block::List { items })) if same => items.push(text()),
            (2, _) => section.blocks.push(Block::List {
                items: vec![text()],
            }),
            (3, _) => section.blocks.push(Block::Table {
                header: cells,
                rows: Vec::new(),
            }),
            (_, Some(Block::Table { rows, .. })) if same => rows.push(cells),
            _ => section.blocks.push(Block::Table {
                header: Vec::new(),
                rows: vec![cells],
            }),
        }
    }
    Ok(sections)
}
