//! Where each part of a program-budget document sits in the workbook:
//! [`to_grid`] lays it out as sheets with Turkish names, [`from_grid`]
//! ([`read`]) reads it back, losslessly, and names the sheet and cell of
//! anything it cannot take.
//!
//! The sheets, in tab order:
//!
//! - `Program`: format, layout (`Düzen`: `program-budget`, which tells an
//!   import the layout), institution, fiscal year, source, whether the two
//!   summaries are printed, then the columns: one row per indicator column
//!   (`Gösterge Sütunu`), cost column (`Maliyet Sütunu`) and summary column
//!   of its own (`Program Özeti Sütunu`, `Ekonomik Özet Sütunu`), each with
//!   its label, year and kind (`Tür`: Gerçekleşen, Tahmini, Planlanan,
//!   Hedef; Bütçe, Harcama, Tahmin; empty for none). These rows define the
//!   columns; the other sheets' figure columns are found by these labels.
//! - `Programlar ve Alt Programlar`: a row per program, then its alt
//!   programs; an alt program's own printed columns as labels joined with
//!   ` | ` (`label [2025 Planlanan]` where the label alone does not name
//!   the column's year and kind).
//! - `Alt Program Hedefleri`, `Performans Göstergeleri` (a column per
//!   indicator column, then the three text lines), `Faaliyetler` (a row per
//!   activity and row: `Toplam`, the activity's own row with its units, page
//!   and description, then `Bütçe İçi` and `Bütçe Dışı` where printed),
//!   `Ekonomik Sınıflandırma` (a row per activity and economic code),
//!   `Alt Program Toplamları` (the stated total rows),
//!   `Program Kaynak Dağılımı` and `Ekonomik Kodlara Göre Bütçe` (the two
//!   summaries, each with a `Toplam` row where printed), `Ön Bölüm`.
//!
//! Rows name their alt program by its code (`Alt Program Kodu`), or by its
//! name where it has none; `Program Kodu` is shown for reading and not read
//! back. An activity's economic lines name it likewise, by code or name.
//! Excel limits a sheet name to 31 characters, hence the two summaries'
//! short names.

mod read;

pub use read::{from_grid, is_budget};

use rust_decimal::Decimal;

use super::grid::{Cell, ColumnKind, Grid, Sheet};
use super::layout::{
    front_sheet, head_rows, indicator_column, page, printed, sheet, units, AMOUNT, CODE, FIELD,
    F_NOTE, INTEGER, OFF_BUDGET, PAGE, PLAIN, PROGRAM, TEXT, TOTAL, UNITS_COL, VALUE,
};
use crate::model::budget::{
    BudgetProgramme, CostColumn, CostKind, CostRow, EconomicLine, ProgramLevel, YearColumn,
};
use crate::model::{ColumnKind as IndicatorKind, Dec, IndicatorColumn, Layout, Value};

/// Sheet names, in tab order (`Program` and `Ön Bölüm` are the older
/// layout's).
pub const HIERARCHY: &str = "Programlar ve Alt Programlar";
pub const GOALS: &str = "Alt Program Hedefleri";
pub const INDICATORS: &str = "Performans Göstergeleri";
pub const ACTIVITIES: &str = "Faaliyetler";
pub const ECONOMIC: &str = "Ekonomik Sınıflandırma";
pub const TOTALS: &str = "Alt Program Toplamları";
pub const PROGRAM_SUMMARY: &str = "Program Kaynak Dağılımı";
pub const ECONOMIC_SUMMARY: &str = "Ekonomik Kodlara Göre Bütçe";

// Program sheet.
const YEAR: &str = "Yıl";
const KIND: &str = "Tür";
const F_LAYOUT: &str = "Düzen";
const F_PROGRAM_SUMMARY: &str = "Programlara Göre Kaynak Dağılımı Tablosu";
const F_ECONOMIC_SUMMARY: &str = "Ekonomik Sınıflandırmaya Göre Bütçe Tablosu";
/// The repeating column rows, in the order [`read`] indexes them.
const COLUMN_FIELDS: [&str; 4] = [
    "Gösterge Sütunu",
    "Maliyet Sütunu",
    "Program Özeti Sütunu",
    "Ekonomik Özet Sütunu",
];

// Column titles.
const LEVEL: &str = "Düzey";
const NAME: &str = "Ad";
const OWN_INDICATORS: &str = "Tablonun Gösterge Sütunları";
const OWN_COSTS: &str = "Tablonun Maliyet Sütunları";
const P_CODE: &str = "Program Kodu";
const SP_CODE: &str = "Alt Program Kodu";
const SP: &str = "Alt Program";
const GOAL_NO: &str = "Hedef No";
const GOAL: &str = "Hedef";
const IND_CODE: &str = "Gösterge Kodu";
const IND: &str = "Gösterge";
const UNIT: &str = "Ölçü Birimi";
const MARK: &str = "Dipnot (*)";
const IND_TEXTS: [&str; 3] = [
    "Göstergeye İlişkin Açıklama",
    "Hesaplama Yöntemi",
    "Verinin Kaynağı",
];
const ACT_CODE: &str = "Faaliyet Kodu";
const ACT: &str = "Faaliyet";
const ROW: &str = "Satır";
const DESCRIPTION: &str = "Açıklama";
const E_CODE: &str = "Ekonomik Kod";

/// The rows of an activity or a stated total: its own (total) row first.
const ROWS: [&str; 3] = [TOTAL, "Bütçe İçi", OFF_BUDGET];
/// Program-summary rows.
const PS_ROWS: [&str; 3] = ["Program", SP, TOTAL];
/// Economic-summary rows.
const ES_ROWS: [&str; 2] = [E_CODE, TOTAL];
/// Program and alt program rows of the hierarchy sheet.
const LEVELS: [&str; 2] = ["Program", SP];

/// A column of either table, as the workbook shows it.
trait SheetColumn: YearColumn {
    /// The kinds of this table: each with its model name and its word.
    fn kinds() -> Vec<(Option<Self::Kind>, &'static str, &'static str)>;
    /// The header of its figure columns: the label, or one made from year
    /// and kind where the label is empty.
    fn header(&self) -> String;
    /// The column a label names: its year, its kind by its words.
    fn from_label(label: &str) -> Option<Self>;

    /// The word of its kind (empty for none).
    fn word(&self) -> &'static str {
        Self::kinds()
            .into_iter()
            .find(|(k, _, _)| *k == self.kind())
            .map_or("", |(_, _, w)| w)
    }

    /// The kind a word (or the model's name of it) names; `Err` for none.
    fn kind_of(word: &str) -> Result<Option<Self::Kind>, String> {
        let key = crate::normalize::normalize_key(word);
        if key.is_empty() {
            return Ok(None);
        }
        Self::kinds()
            .into_iter()
            .find(|(_, name, w)| crate::normalize::normalize_key(w) == key || *name == key)
            .map(|(k, _, _)| k)
            .ok_or_else(|| {
                let words: Vec<String> = Self::kinds()
                    .iter()
                    .filter(|(_, _, w)| !w.is_empty())
                    .map(|(_, _, w)| format!("{w:?}"))
                    .collect();
                crate::msg!(
                    "workbook-expected-kind",
                    kinds = words.join(", "),
                    found = format!("{word:?}")
                )
                .to_string()
            })
    }
}

impl SheetColumn for IndicatorColumn {
    fn kinds() -> Vec<(Option<IndicatorKind>, &'static str, &'static str)> {
        use IndicatorKind::*;
        let mut out = vec![(None, "", "")];
        out.extend([Actual, Estimate, Planned, Target].map(|k| (Some(k), k.name(), k.word())));
        out
    }
    fn header(&self) -> String {
        super::layout::indicator_label(self)
    }
    fn from_label(label: &str) -> Option<Self> {
        indicator_column(label)
    }
}

impl SheetColumn for CostColumn {
    fn kinds() -> Vec<(Option<CostKind>, &'static str, &'static str)> {
        use CostKind::*;
        let mut out = vec![(None, "", "")];
        out.extend([Budget, Actual, Estimate].map(|k| (Some(k), k.name(), k.word())));
        out
    }
    fn header(&self) -> String {
        if self.label.is_empty() {
            CostKind::label(self.year, self.kind)
        } else {
            self.label.clone()
        }
    }
    fn from_label(label: &str) -> Option<Self> {
        let c = indicator_column(label)?;
        Some(CostColumn {
            year: c.year,
            kind: CostKind::from_label(&c.label),
            label: c.label,
        })
    }
}

/// Separates the columns of one cell.
const SEPARATOR: &str = " | ";

/// A list of columns in one cell: labels joined with ` | `, each followed
/// by `[year kind]` where the label alone does not name them.
fn columns_cell<C: SheetColumn>(cols: &[C]) -> Cell {
    let parts: Vec<String> = cols
        .iter()
        .map(|c| {
            let exact = C::from_label(c.label()).is_some_and(|p| p == *c);
            if exact {
                c.label().to_string()
            } else {
                format!("{} [{} {}]", c.label(), c.year(), c.word())
                    .replace(" ]", "]")
                    .trim_start()
                    .to_string()
            }
        })
        .collect();
    Cell::text(parts.join(SEPARATOR))
}

/// Lays a program-budget document out as a workbook; refuses a model
/// whose arrays do not have one figure per column (it would not read back
/// the same).
pub fn to_grid(b: &BudgetProgramme) -> Result<Grid, String> {
    check_widths(b)?;
    let cost_headers: Vec<String> = b.cost_columns.iter().map(SheetColumn::header).collect();
    let summary_headers = |own: &[CostColumn]| -> Vec<String> {
        if own.is_empty() {
            cost_headers.clone()
        } else {
            own.iter().map(SheetColumn::header).collect()
        }
    };
    let ps = b.program_summary.clone().unwrap_or_default();
    let es = b.economic_summary.clone().unwrap_or_default();
    let mut sheets = vec![program_sheet(b), hierarchy_sheet(b), goal_sheet(b)];
    sheets.push(indicator_sheet(b));
    sheets.extend(activity_sheets(b, &cost_headers));
    sheets.push(program_summary_sheet(&ps, &summary_headers(&ps.columns)));
    sheets.push(economic_summary_sheet(&es, &summary_headers(&es.columns)));
    sheets.push(front_sheet(&b.front_matter));
    Ok(Grid { sheets })
}

/// An error naming the first array whose length is not its columns'.
fn check_widths(b: &BudgetProgramme) -> Result<(), String> {
    let (ni, nc) = (b.indicator_columns.len(), b.cost_columns.len());
    let bad = |what: crate::i18n::Message, len: usize, n: usize| {
        Err(crate::msg!("workbook-widths", what = what, count = len, columns = n).to_string())
    };
    for (_, s) in b.sub_programs() {
        let sp = s.code.as_deref().unwrap_or(&s.name);
        for i in &s.indicators {
            if i.values.len() != ni {
                let what = crate::msg!(
                    "workbook-widths-indicator",
                    name = format!("{:?}", i.name),
                    sub_program = sp
                );
                return bad(what, i.values.len(), ni);
            }
        }
        let rows = s.activities.iter().map(|a| (&a.amounts, &a.name));
        for (row, name) in rows.chain(s.stated_total.iter().map(|t| (t, &s.name))) {
            for a in [&row.budget, &row.off_budget].into_iter().flatten() {
                if a.len() != nc {
                    return bad(in_sub_program(name, sp), a.len(), nc);
                }
            }
            if row.total.len() != nc {
                return bad(in_sub_program(name, sp), row.total.len(), nc);
            }
        }
        for a in &s.activities {
            for e in &a.economic {
                if e.amounts.len() != nc {
                    let what = crate::msg!(
                        "workbook-widths-economic",
                        code = &e.code,
                        name = format!("{:?}", a.name)
                    );
                    return bad(what, e.amounts.len(), nc);
                }
            }
        }
    }
    let summaries = [
        b.program_summary.as_ref().map(|s| {
            let rows: Vec<&Vec<Option<Dec>>> = s.rows.iter().map(|r| &r.amounts).collect();
            (rows, s.total.as_ref(), s.columns.len(), PROGRAM_SUMMARY)
        }),
        b.economic_summary.as_ref().map(|s| {
            let rows: Vec<&Vec<Option<Dec>>> = s.rows.iter().map(|r| &r.amounts).collect();
            (rows, s.total.as_ref(), s.columns.len(), ECONOMIC_SUMMARY)
        }),
    ];
    for (rows, total, own, what) in summaries.into_iter().flatten() {
        let n = if own == 0 { nc } else { own };
        for a in rows.into_iter().chain(total) {
            if a.len() != n {
                return bad(crate::msg!("workbook-widths-row", sheet = what), a.len(), n);
            }
        }
    }
    Ok(())
}

/// The figures of `name` (an activity or the total) in alt program `sp`.
fn in_sub_program(name: &str, sp: &str) -> crate::i18n::Message {
    crate::msg!(
        "workbook-widths-in",
        name = format!("{name:?}"),
        sub_program = sp
    )
}

/// A sheet with `fixed` columns, then one figure column per header.
fn figure_sheet(
    name: &str,
    fixed: &[(&str, ColumnKind)],
    headers: &[String],
    figures: ColumnKind,
    frozen: u16,
) -> Sheet {
    let mut titles: Vec<&str> = fixed.iter().map(|(t, _)| *t).collect();
    titles.extend(headers.iter().map(String::as_str));
    let mut kinds: Vec<ColumnKind> = fixed.iter().map(|(_, k)| *k).collect();
    kinds.extend(headers.iter().map(|_| figures));
    sheet(name, &titles, &kinds, frozen)
}

fn figures(a: &[Option<Dec>]) -> impl Iterator<Item = Cell> + '_ {
    a.iter().map(|d| Cell::number(*d))
}

fn opt(s: &Option<String>) -> Cell {
    Cell::text(s.as_deref().unwrap_or(""))
}

fn program_sheet(b: &BudgetProgramme) -> Sheet {
    let mut s = sheet(
        PROGRAM,
        &[FIELD, VALUE, YEAR, KIND],
        &[TEXT, TEXT, PLAIN, TEXT],
        0,
    );
    let mut rows: Vec<Vec<Cell>> = head_rows(&b.format, &b.institution, b.fiscal_year, &b.source)
        .into_iter()
        .map(|(k, v)| vec![Cell::text(k), v])
        .collect();
    rows.insert(1, vec![Cell::text(F_LAYOUT), Cell::text(b.layout.name())]);
    rows.push(vec![
        Cell::text(F_PROGRAM_SUMMARY),
        printed(b.program_summary.is_some()),
    ]);
    rows.push(vec![
        Cell::text(F_ECONOMIC_SUMMARY),
        printed(b.economic_summary.is_some()),
    ]);
    fn column_row<C: SheetColumn>(field: &str, c: &C) -> Vec<Cell> {
        vec![
            Cell::text(field),
            Cell::text(c.label()),
            Cell::Number(Decimal::from(c.year())),
            Cell::text(c.word()),
        ]
    }
    rows.extend(
        b.indicator_columns
            .iter()
            .map(|c| column_row(COLUMN_FIELDS[0], c)),
    );
    rows.extend(
        b.cost_columns
            .iter()
            .map(|c| column_row(COLUMN_FIELDS[1], c)),
    );
    let own = |s: Option<&Vec<CostColumn>>| s.cloned().unwrap_or_default();
    let ps = own(b.program_summary.as_ref().map(|s| &s.columns));
    let es = own(b.economic_summary.as_ref().map(|s| &s.columns));
    rows.extend(ps.iter().map(|c| column_row(COLUMN_FIELDS[2], c)));
    rows.extend(es.iter().map(|c| column_row(COLUMN_FIELDS[3], c)));
    rows.push(vec![
        Cell::text(F_NOTE),
        Cell::text(format!(
            "Tutarlar TL; boş hücre tabloda boş, 0 yazılan hücre sıfırdır. Sütun satırları \
             (“{}”, “{}” …) belgenin sütunlarıdır: diğer sayfaların yıl sütunları bu \
             başlıklarla bulunur. Satırlar alt programı kodundan, kodu yoksa adından tanır.",
            COLUMN_FIELDS[0], COLUMN_FIELDS[1]
        )),
    ]);
    s.rows = rows;
    s
}

fn hierarchy_sheet(b: &BudgetProgramme) -> Sheet {
    let cols = [LEVEL, CODE, NAME, PAGE, OWN_INDICATORS, OWN_COSTS];
    let mut s = sheet(HIERARCHY, &cols, &[TEXT, TEXT, TEXT, PLAIN, TEXT, TEXT], 2);
    for p in &b.programs {
        s.rows.push(vec![
            Cell::text(LEVELS[0]),
            opt(&p.code),
            Cell::text(&p.name),
            page(p.page),
        ]);
        for sp in &p.sub_programs {
            s.rows.push(vec![
                Cell::text(LEVELS[1]),
                opt(&sp.code),
                Cell::text(&sp.name),
                page(sp.page),
                columns_cell(&sp.columns_as_printed.indicators),
                columns_cell(&sp.columns_as_printed.costs),
            ]);
        }
    }
    s
}

/// The first cells of a row about an alt program: program code, alt
/// program code and name.
fn sp_cells(p: &crate::model::budget::Program, s: &crate::model::budget::SubProgram) -> Vec<Cell> {
    vec![opt(&p.code), opt(&s.code), Cell::text(&s.name)]
}

const SP_COLS: [(&str, ColumnKind); 3] = [(P_CODE, TEXT), (SP_CODE, TEXT), (SP, TEXT)];

fn goal_sheet(b: &BudgetProgramme) -> Sheet {
    let mut fixed = SP_COLS.to_vec();
    fixed.extend([(GOAL_NO, TEXT), (GOAL, TEXT)]);
    let mut s = figure_sheet(GOALS, &fixed, &[], TEXT, 3);
    for (p, sp) in b.sub_programs() {
        for g in &sp.goals {
            let mut row = sp_cells(p, sp);
            row.extend([opt(&g.code), Cell::text(&g.text)]);
            s.rows.push(row);
        }
    }
    s
}

fn indicator_sheet(b: &BudgetProgramme) -> Sheet {
    let mut fixed = SP_COLS.to_vec();
    fixed.extend([(IND_CODE, TEXT), (IND, TEXT), (UNIT, TEXT), (MARK, TEXT)]);
    let headers: Vec<String> = b
        .indicator_columns
        .iter()
        .map(SheetColumn::header)
        .collect();
    let mut s = figure_sheet(INDICATORS, &fixed, &headers, INTEGER, 5);
    let at = s.header.len();
    s.header.extend(IND_TEXTS.map(String::from));
    s.kinds.extend([TEXT; 3]);
    for (p, sp) in b.sub_programs() {
        for i in &sp.indicators {
            let mut row = sp_cells(p, sp);
            row.extend([
                opt(&i.code),
                Cell::text(&i.name),
                opt(&i.unit),
                Cell::text(if i.marked { "*" } else { "" }),
            ]);
            row.extend(i.values.iter().map(|v| match v {
                None => Cell::Empty,
                Some(Value::Number(d)) => Cell::Number(*d),
                Some(Value::Text(t)) => Cell::text(t),
            }));
            row.resize(at, Cell::Empty);
            row.extend([&i.description, &i.calculation, &i.data_source].map(opt));
            s.rows.push(row);
        }
    }
    s
}

/// The rows of a cost row: its total row, then the Bütçe İçi and Bütçe
/// Dışı rows where printed, each as its label and figures.
fn cost_rows(r: &CostRow) -> Vec<(&'static str, &[Option<Dec>])> {
    let mut out = vec![(ROWS[0], r.total.as_slice())];
    out.extend(r.budget.as_deref().map(|a| (ROWS[1], a)));
    out.extend(r.off_budget.as_deref().map(|a| (ROWS[2], a)));
    out
}

/// `Faaliyetler`, `Ekonomik Sınıflandırma` and `Alt Program Toplamları`.
fn activity_sheets(b: &BudgetProgramme, headers: &[String]) -> [Sheet; 3] {
    let mut fixed = SP_COLS.to_vec();
    fixed.extend([(ACT_CODE, TEXT), (ACT, TEXT), (ROW, TEXT)]);
    let mut act = figure_sheet(ACTIVITIES, &fixed, headers, AMOUNT, 5);
    let at = act.header.len();
    act.header
        .extend([UNITS_COL, PAGE, DESCRIPTION].map(String::from));
    act.kinds.extend([TEXT, PLAIN, TEXT]);
    let mut fixed = SP_COLS.to_vec();
    fixed.extend([(ACT_CODE, TEXT), (ACT, TEXT), (E_CODE, TEXT), (NAME, TEXT)]);
    let mut eco = figure_sheet(ECONOMIC, &fixed, headers, AMOUNT, 6);
    let mut fixed = SP_COLS.to_vec();
    fixed.push((ROW, TEXT));
    let mut tot = figure_sheet(TOTALS, &fixed, headers, AMOUNT, 4);
    for (p, sp) in b.sub_programs() {
        for a in &sp.activities {
            let mut head = sp_cells(p, sp);
            head.extend([opt(&a.code), Cell::text(&a.name)]);
            for (k, (label, amounts)) in cost_rows(&a.amounts).into_iter().enumerate() {
                let mut row = head.clone();
                row.push(Cell::text(label));
                row.extend(figures(amounts));
                if k == 0 {
                    row.resize(at, Cell::Empty);
                    row.extend([units(&a.units), page(a.page), opt(&a.description)]);
                }
                act.rows.push(row);
            }
            for e in &a.economic {
                let mut row = head.clone();
                row.extend([Cell::text(&e.code), Cell::text(&e.name)]);
                row.extend(figures(&e.amounts));
                eco.rows.push(row);
            }
        }
        for (label, amounts) in sp.stated_total.iter().flat_map(cost_rows) {
            let mut row = sp_cells(p, sp);
            row.push(Cell::text(label));
            row.extend(figures(amounts));
            tot.rows.push(row);
        }
    }
    [act, eco, tot]
}

fn summary_row(kind: &str, code: &Option<String>, name: &str, a: &[Option<Dec>]) -> Vec<Cell> {
    let mut row = vec![Cell::text(kind), opt(code), Cell::text(name)];
    row.extend(figures(a));
    row
}

const SUMMARY_COLS: [(&str, ColumnKind); 3] = [(ROW, TEXT), (CODE, TEXT), (NAME, TEXT)];

fn program_summary_sheet(ps: &crate::model::budget::ProgramSummary, headers: &[String]) -> Sheet {
    let mut s = figure_sheet(PROGRAM_SUMMARY, &SUMMARY_COLS, headers, AMOUNT, 3);
    for r in &ps.rows {
        let kind = match r.level {
            ProgramLevel::Program => PS_ROWS[0],
            ProgramLevel::SubProgram => PS_ROWS[1],
        };
        s.rows.push(summary_row(kind, &r.code, &r.name, &r.amounts));
    }
    if let Some(t) = &ps.total {
        s.rows.push(summary_row(PS_ROWS[2], &None, "", t));
    }
    s
}

fn economic_summary_sheet(
    es: &crate::model::budget::BudgetByEconomicCode,
    headers: &[String],
) -> Sheet {
    let mut s = figure_sheet(ECONOMIC_SUMMARY, &SUMMARY_COLS, headers, AMOUNT, 3);
    for EconomicLine {
        code,
        name,
        amounts,
    } in &es.rows
    {
        s.rows
            .push(summary_row(ES_ROWS[0], &Some(code.clone()), name, amounts));
    }
    if let Some(t) = &es.total {
        s.rows.push(summary_row(ES_ROWS[1], &None, "", t));
    }
    s
}

/// The layout named on the Program sheet's `Düzen` row.
fn layout_named(name: &str) -> Option<Layout> {
    [Layout::PerformanceTarget, Layout::ProgramBudget]
        .into_iter()
        .find(|l| l.name() == name.trim())
}
