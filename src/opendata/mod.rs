//! Open-data export: every table of the programme model as a CSV file, plus a
//! data dictionary (`data-dictionary.csv`) describing each column.
//!
//! CSV conventions (RFC 4180, written by the `csv` crate through
//! [`CsvText`]): comma separator, `\n` line ends, a header line, no BOM,
//! UTF-8; a field is quoted with `"` (inner quotes doubled) only when it holds
//! a comma, a quote or a line break (white space at a field's ends is part of
//! the field, as RFC 4180 says, and kept by readers).
//! Amounts are written as the model holds them (`.` as decimal point, no
//! thousands separator, the source's scale kept: `5815779000.00`); an empty
//! cell of the source is an empty field, never `0`. Rows are in document order
//! (`units.csv`, which is derived, in the order of `render::departments`).
//!
//! Headers are taken from the single column table `COLUMNS`, which also
//! yields the data dictionary, so the two cannot drift apart. This module does
//! no file I/O; the caller writes the files.
//!
//! A program-budget document has tables of its own ([`budget`]), written by
//! the same conventions.

pub mod budget;

use rust_decimal::Decimal;

use crate::model::{ColumnKind, Level, Programme, ResourceTotal, Value};
use crate::util::CsvText;

/// One CSV file of the export: file name (e.g. `activity_costs.csv`) and its
/// UTF-8 contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// File name without directory, e.g. `activity_costs.csv`.
    pub name: &'static str,
    /// The CSV text: header line first, every line ending in `\n`.
    pub contents: String,
}

/// Every table of the programme as CSV, in a fixed order, plus
/// `data-dictionary.csv` last.
pub fn csv_files(p: &Programme) -> Vec<CsvFile> {
    vec![
        targets(p),
        target_notes(p),
        indicators(p),
        activities(p),
        activity_costs(p),
        resource_summary(p),
        economic_summary(p),
        responsibilities(p),
        units(p),
        dictionary(),
    ]
}

// ---------------------------------------------------------------------------
// The column table
// ---------------------------------------------------------------------------

/// Value type of a column, as named in the data dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Text,
    Integer,
    Decimal,
    Boolean,
}

impl Type {
    fn as_str(self) -> &'static str {
        match self {
            Type::Text => "text",
            Type::Integer => "integer",
            Type::Decimal => "decimal",
            Type::Boolean => "boolean",
        }
    }
}

/// One column of one exported file.
struct Column {
    file: &'static str,
    name: &'static str,
    ty: Type,
    description: &'static str,
}

const fn col(
    file: &'static str,
    name: &'static str,
    ty: Type,
    description: &'static str,
) -> Column {
    Column {
        file,
        name,
        ty,
        description,
    }
}

const TARGETS: &str = "targets.csv";
const TARGET_NOTES: &str = "target_notes.csv";
const INDICATORS: &str = "indicators.csv";
const ACTIVITIES: &str = "activities.csv";
const ACTIVITY_COSTS: &str = "activity_costs.csv";
const RESOURCE_SUMMARY: &str = "resource_summary.csv";
const ECONOMIC_SUMMARY: &str = "economic_summary.csv";
const RESPONSIBILITIES: &str = "responsibilities.csv";
const UNITS: &str = "units.csv";
const DICTIONARY: &str = "data-dictionary.csv";

/// The exported table files in output order, each with what one row is
/// (written into the dictionary's first row for the file).
const FILES: [(&str, &str); 9] = [
    (
        TARGETS,
        "One row per performance target (Performans Hedefi), in document order.",
    ),
    (
        TARGET_NOTES,
        "One row per footnote printed under a Performans Hedefi Tablosu.",
    ),
    (
        INDICATORS,
        "One row per performance indicator (Performans Göstergesi) per indicator \
         column (long format): an indicator with three year columns has three rows.",
    ),
    (
        ACTIVITIES,
        "One row per activity line (Faaliyetler) of a Performans Hedefi Tablosu.",
    ),
    (
        ACTIVITY_COSTS,
        "One row per activity cost table (Faaliyet Maliyetleri Tablosu), in document order.",
    ),
    (
        RESOURCE_SUMMARY,
        "One row per goal/objective/target row of İdarenin Toplam Kaynak İhtiyacı \
         in printed order, then its four total rows.",
    ),
    (
        ECONOMIC_SUMMARY,
        "One row per row of the Mali Yılı Toplam Kaynak İhtiyacı Tablosu, in printed order.",
    ),
    (
        RESPONSIBILITIES,
        "One row per activity row of the Faaliyetlerden Sorumlu Harcama Birimlerine \
         İlişkin Tablo, in printed order.",
    ),
    (
        UNITS,
        "One row per responsible spending unit (Sorumlu Harcama Birimi) named in the \
         cost tables or the responsibilities table, spelling variants merged, sorted by \
         the ASCII spelling of the name (derived, not a table of the source).",
    ),
];

/// The columns of the data dictionary itself.
const DICTIONARY_HEADER: [&str; 4] = ["file", "column", "type", "description"];

/// Every column of every exported table file, in file order then column order.
/// Writers take their headers from here; the dictionary is this table.
#[rustfmt::skip]
const COLUMNS: &[Column] = &[
    // targets.csv
    col(TARGETS, "goal_code", Type::Text, "Strategic goal code (Stratejik Amaç), e.g. 1."),
    col(TARGETS, "goal_theme", Type::Text, "Strategic area heading printed above the goal, in title case, e.g. Altyapı; empty where the document prints none."),
    col(TARGETS, "goal_title", Type::Text, "Strategic goal title (Stratejik Amaç)."),
    col(TARGETS, "objective_code", Type::Text, "Strategic objective code (Stratejik Hedef), e.g. 1.1."),
    col(TARGETS, "objective_title", Type::Text, "Strategic objective title (Stratejik Hedef)."),
    col(TARGETS, "target_code", Type::Text, "Performance target code (Performans Hedefi), e.g. 1.1.1."),
    col(TARGETS, "target_title", Type::Text, "Performance target title (Performans Hedefi)."),
    col(TARGETS, "page", Type::Integer, "1-based PDF page where the target's Performans Hedefi Tablosu starts; empty for a plain-text source."),
    col(TARGETS, "stated_budget", Type::Decimal, "Bütçe (Genel Toplam row of the Performans Hedefi Tablosu, as printed), TL."),
    col(TARGETS, "stated_off_budget", Type::Decimal, "Bütçe Dışı (Genel Toplam row of the Performans Hedefi Tablosu, as printed), TL."),
    col(TARGETS, "stated_total", Type::Decimal, "Toplam (Genel Toplam row of the Performans Hedefi Tablosu, as printed), TL."),
    col(TARGETS, "columns_as_printed", Type::Text, "The indicator column labels this target's table prints where they differ from the document's (indicators.csv follows the document's columns, matched by year), joined with ' | '; empty when they agree."),
    // target_notes.csv
    col(TARGET_NOTES, "target_code", Type::Text, "Performance target code (Performans Hedefi), e.g. 1.1.1."),
    col(TARGET_NOTES, "note_no", Type::Integer, "1-based position of the note under its target's table."),
    col(TARGET_NOTES, "note", Type::Text, "Footnote text as printed, e.g. * Göstergenin 2024 hedefi kümülatif olarak hesaplanmıştır."),
    // indicators.csv
    col(INDICATORS, "target_code", Type::Text, "Performance target code (Performans Hedefi), e.g. 1.1.1."),
    col(INDICATORS, "indicator_no", Type::Integer, "1-based position of the indicator within its target's table."),
    col(INDICATORS, "indicator_code", Type::Text, "The indicator's printed code, e.g. PG2.1.1; empty where none is printed."),
    col(INDICATORS, "name", Type::Text, "Indicator name (Performans Göstergeleri), footnote asterisk removed (see marked)."),
    col(INDICATORS, "unit", Type::Text, "Unit of measure (Birimi, Ölçü Birimi, Skala), e.g. Adet, %, m2; empty where the document prints no unit column (the unit is then in the name)."),
    col(INDICATORS, "marked", Type::Boolean, "true when the name carried a footnote asterisk (*); the footnote is in target_notes.csv."),
    col(INDICATORS, "year", Type::Integer, "Year of the indicator column, e.g. 2022."),
    col(INDICATORS, "kind", Type::Text, "actual (Gerçekleşen, Gerçekleşme, Fiili), estimate (Tahmin, Tahmini), planned (Planlanan) or target (Hedef); empty for a bare year or Uygulama Yılı."),
    col(INDICATORS, "column_label", Type::Text, "The column's header as printed, e.g. 2022 Gerçekleşen, 2019, Uygulama Yılı 2020."),
    col(INDICATORS, "value", Type::Decimal, "The cell when it is a number (a % unit gives 96 for %96); empty when the cell is text or empty."),
    col(INDICATORS, "value_text", Type::Text, "The cell as printed when it is not a number, e.g. B-(Durağan); several values of one cell joined by ' / '; empty otherwise."),
    col(INDICATORS, "description", Type::Text, "The text of the Açıklama row printed under the indicator; empty where none is printed."),
    // activities.csv
    col(ACTIVITIES, "target_code", Type::Text, "Performance target code (Performans Hedefi), e.g. 1.1.1."),
    col(ACTIVITIES, "activity_no", Type::Integer, "1-based position of the activity line within its target's table."),
    col(ACTIVITIES, "activity_code", Type::Text, "The activity's printed code or row label, e.g. F01; empty where none is printed."),
    col(ACTIVITIES, "name", Type::Text, "Activity name (Faaliyetler)."),
    col(ACTIVITIES, "budget", Type::Decimal, "Bütçe İçi (Kaynak İhtiyacı), TL, as printed."),
    col(ACTIVITIES, "off_budget", Type::Decimal, "Bütçe Dışı (Kaynak İhtiyacı), TL, as printed."),
    col(ACTIVITIES, "total", Type::Decimal, "Toplam (Kaynak İhtiyacı), TL, as printed."),
    // activity_costs.csv
    col(ACTIVITY_COSTS, "target_code", Type::Text, "Performance target code (Performans Hedefi) the activity serves, e.g. 1.1.1."),
    col(ACTIVITY_COSTS, "activity", Type::Text, "Activity name (Faaliyet) as printed on the cost table."),
    col(ACTIVITY_COSTS, "units", Type::Text, "Responsible spending units (Sorumlu Harcama Birimi), in printed order, joined with '; '."),
    col(ACTIVITY_COSTS, "page", Type::Integer, "1-based PDF page of the cost table; empty for a plain-text source."),
    col(ACTIVITY_COSTS, "economic_1", Type::Decimal, "Personel Giderleri (economic code 1), TL."),
    col(ACTIVITY_COSTS, "economic_2", Type::Decimal, "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri (economic code 2), TL."),
    col(ACTIVITY_COSTS, "economic_3", Type::Decimal, "Mal ve Hizmet Alım Giderleri (economic code 3), TL."),
    col(ACTIVITY_COSTS, "economic_4", Type::Decimal, "Faiz Giderleri (economic code 4), TL."),
    col(ACTIVITY_COSTS, "economic_5", Type::Decimal, "Cari Transferler (economic code 5), TL."),
    col(ACTIVITY_COSTS, "economic_6", Type::Decimal, "Sermaye Giderleri (economic code 6), TL."),
    col(ACTIVITY_COSTS, "economic_7", Type::Decimal, "Sermaye Transferleri (economic code 7), TL."),
    col(ACTIVITY_COSTS, "economic_8", Type::Decimal, "Borç Verme (economic code 8), TL."),
    col(ACTIVITY_COSTS, "budget_total", Type::Decimal, "Toplam Bütçe Kaynak İhtiyacı (budget total, as printed), TL."),
    col(ACTIVITY_COSTS, "off_budget_breakdown", Type::Boolean, "true when the table prints the off-budget breakdown (Döner Sermaye, Diğer Yurt İçi, Yurt Dışı); false when it prints one off-budget line (its figure in off_budget_total)."),
    col(ACTIVITY_COSTS, "revolving_fund", Type::Decimal, "Döner Sermaye (off-budget), TL."),
    col(ACTIVITY_COSTS, "other_domestic", Type::Decimal, "Diğer Yurt İçi (off-budget), TL."),
    col(ACTIVITY_COSTS, "foreign", Type::Decimal, "Yurt Dışı (off-budget), TL."),
    col(ACTIVITY_COSTS, "off_budget_total", Type::Decimal, "Toplam Bütçe Dışı Kaynak İhtiyacı (off-budget total, as printed), TL."),
    col(ACTIVITY_COSTS, "total", Type::Decimal, "Toplam Kaynak İhtiyacı (total, as printed), TL."),
    col(ACTIVITY_COSTS, "not_printed", Type::Text, "Rows of the table not printed at all (not printed empty), by their model keys, e.g. economic.7; budget_total; joined with '; '; empty when every row is printed."),
    col(ACTIVITY_COSTS, "titles_as_printed", Type::Text, "Goal, objective and target titles this table prints otherwise than the performance-target tables, each as 'target 4.2.3: Title', joined with ' | '; empty when they agree."),
    // resource_summary.csv
    col(RESOURCE_SUMMARY, "row_type", Type::Text, "goal, objective or target (Stratejik Amaç / Stratejik Hedef / Performans Hedefi row); targets_total (Performans Hedefleri Toplamı), general_administration (Genel Yönetim Giderleri), transfers (Diğer İdarelere Transferler) or total_budget (Toplam Bütçe)."),
    col(RESOURCE_SUMMARY, "code", Type::Text, "Goal, objective or target code, e.g. 1.1; empty on total rows."),
    col(RESOURCE_SUMMARY, "title", Type::Text, "Title as printed in this table; empty on total rows."),
    col(RESOURCE_SUMMARY, "amount", Type::Decimal, "Bütçe (resource need), TL."),
    col(RESOURCE_SUMMARY, "share_of_targets", Type::Decimal, "Share of Performans Hedefleri Toplamı, percent, e.g. 7.17 means 7,17 %; empty where printed as -."),
    col(RESOURCE_SUMMARY, "share_of_budget", Type::Decimal, "Share of Toplam Bütçe, percent, e.g. 7.17 means 7,17 %; empty where printed as -."),
    // economic_summary.csv
    col(ECONOMIC_SUMMARY, "row_type", Type::Text, "code (an economic code row), budget_total (Toplam Bütçe Kaynak İhtiyacı), off_budget (Döner Sermaye / Diğer Yurt İçi / Yurt Dışı), off_budget_total (Toplam Bütçe Dışı Kaynak İhtiyacı) or grand_total (Toplam Kaynak İhtiyacı)."),
    col(ECONOMIC_SUMMARY, "code", Type::Text, "Economic code 1–9 (Ekonomik Kod); empty on other rows."),
    col(ECONOMIC_SUMMARY, "name", Type::Text, "Row name, e.g. Personel Giderleri or Döner Sermaye; empty when not printed (total rows)."),
    col(ECONOMIC_SUMMARY, "activities", Type::Decimal, "Faaliyet Toplamı (activities), TL."),
    col(ECONOMIC_SUMMARY, "general_administration", Type::Decimal, "Genel Yönetim Giderleri (general administration), TL."),
    col(ECONOMIC_SUMMARY, "transfers", Type::Decimal, "Diğer İdarelere Transfer Edilecek Kaynaklar (transfers to other administrations), TL."),
    col(ECONOMIC_SUMMARY, "total", Type::Decimal, "Toplam, TL."),
    // responsibilities.csv
    col(RESPONSIBILITIES, "target_code", Type::Text, "Performance target code (Performans Hedefi), e.g. 1.1.1."),
    col(RESPONSIBILITIES, "activity", Type::Text, "Activity name (Faaliyet) as printed in this table."),
    col(RESPONSIBILITIES, "units", Type::Text, "Responsible spending units (Sorumlu Harcama Birimi), in printed order, joined with '; '."),
    col(RESPONSIBILITIES, "titles_as_printed", Type::Text, "The target's title as this table prints it, where it differs from the performance-target tables, as 'target 1.1.3, page 12: Title' (on the target's first row); empty when they agree."),
    // units.csv
    col(UNITS, "unit", Type::Text, "Unit name (Sorumlu Harcama Birimi), the spelling printed most often."),
    col(UNITS, "other_spellings", Type::Text, "Other printed spellings merged into this unit, joined with '; '."),
    col(UNITS, "activity_count", Type::Integer, "Activities the unit is responsible for (cost tables and responsibilities table)."),
    col(UNITS, "shared_activity_count", Type::Integer, "Of these, activities shared with at least one other unit."),
    col(UNITS, "budget_total", Type::Decimal, "Sum of Toplam Bütçe Kaynak İhtiyacı over the unit's activity cost tables, TL; a shared activity's full amount counts for each of its units, so the column does not add up to the institution's total; empty when no cost table has the figure."),
    col(UNITS, "off_budget_total", Type::Decimal, "Sum of Toplam Bütçe Dışı Kaynak İhtiyacı over the unit's activity cost tables, TL; shared activities count in full for each unit; empty when no cost table has the figure."),
    col(UNITS, "total", Type::Decimal, "Sum of Toplam Kaynak İhtiyacı over the unit's activity cost tables, TL; shared activities count in full for each unit; empty when no cost table has the figure."),
];

/// The columns of `file` in a column table, in order.
fn columns_in<'a>(
    table: &'static [Column],
    file: &'a str,
) -> impl Iterator<Item = &'static Column> + 'a {
    table.iter().filter(move |c| c.file == file)
}

// ---------------------------------------------------------------------------
// CSV writing
// ---------------------------------------------------------------------------

/// A file being written: its header comes from [`COLUMNS`], and every row
/// must have exactly as many fields.
struct Table {
    name: &'static str,
    width: usize,
    out: CsvText,
}

impl Table {
    fn new(name: &'static str) -> Table {
        Table::of(COLUMNS, name)
    }

    /// A file whose columns are declared in `table`.
    fn of(table: &'static [Column], name: &'static str) -> Table {
        let header: Vec<&str> = columns_in(table, name).map(|c| c.name).collect();
        assert!(!header.is_empty(), "no columns declared for {name}");
        let mut out = CsvText::new(false);
        out.row(&header);
        Table {
            name,
            width: header.len(),
            out,
        }
    }

    fn push(&mut self, fields: &[&str]) {
        assert_eq!(
            fields.len(),
            self.width,
            "{}: row width differs from the header",
            self.name
        );
        self.out.row(fields);
    }

    fn finish(self) -> CsvFile {
        CsvFile {
            name: self.name,
            contents: self.out.finish(),
        }
    }
}

/// An amount as the model holds it; empty when the cell is empty.
fn dec(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// An optional integer; empty when absent.
fn int(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// The writers
// ---------------------------------------------------------------------------

fn targets(p: &Programme) -> CsvFile {
    let mut t = Table::new(TARGETS);
    for g in &p.goals {
        for o in &g.objectives {
            for x in &o.targets {
                let s = &x.stated_total;
                t.push(&[
                    &g.code,
                    g.theme.as_deref().unwrap_or(""),
                    &g.title,
                    &o.code,
                    &o.title,
                    &x.code,
                    &x.title,
                    &int(x.page),
                    &dec(s.budget),
                    &dec(s.off_budget),
                    &dec(s.total),
                    &x.columns_as_printed
                        .iter()
                        .map(|c| c.label.as_str())
                        .collect::<Vec<_>>()
                        .join(" | "),
                ]);
            }
        }
    }
    t.finish()
}

fn target_notes(p: &Programme) -> CsvFile {
    let mut t = Table::new(TARGET_NOTES);
    for x in p.targets() {
        for (i, note) in x.notes.iter().enumerate() {
            t.push(&[&x.code, &(i + 1).to_string(), note]);
        }
    }
    t.finish()
}

fn indicators(p: &Programme) -> CsvFile {
    let mut t = Table::new(INDICATORS);
    for x in p.targets() {
        for (i, ind) in x.indicators.iter().enumerate() {
            let no = (i + 1).to_string();
            let marked = if ind.marked { "true" } else { "false" };
            // One row per declared column; values beyond the declared columns
            // (a malformed model) are still written, with year and kind empty.
            let n = p.indicator_columns.len().max(ind.values.len());
            for k in 0..n {
                let (year, kind, label) = match p.indicator_columns.get(k) {
                    Some(c) => (
                        c.year.to_string(),
                        c.kind.map_or("", ColumnKind::name),
                        c.label.as_str(),
                    ),
                    None => (String::new(), "", ""),
                };
                let (value, text) = match ind.values.get(k) {
                    Some(Some(Value::Number(d))) => (d.to_string(), ""),
                    Some(Some(Value::Text(s))) => (String::new(), s.as_str()),
                    _ => (String::new(), ""),
                };
                t.push(&[
                    &x.code,
                    &no,
                    ind.code.as_deref().unwrap_or(""),
                    &ind.name,
                    ind.unit.as_deref().unwrap_or(""),
                    marked,
                    &year,
                    kind,
                    label,
                    &value,
                    text,
                    ind.description.as_deref().unwrap_or(""),
                ]);
            }
        }
    }
    t.finish()
}

fn activities(p: &Programme) -> CsvFile {
    let mut t = Table::new(ACTIVITIES);
    for x in p.targets() {
        for (i, a) in x.activities.iter().enumerate() {
            t.push(&[
                &x.code,
                &(i + 1).to_string(),
                a.code.as_deref().unwrap_or(""),
                &a.name,
                &dec(a.budget),
                &dec(a.off_budget),
                &dec(a.total),
            ]);
        }
    }
    t.finish()
}

fn activity_costs(p: &Programme) -> CsvFile {
    let mut t = Table::new(ACTIVITY_COSTS);
    for a in &p.activity_costs {
        let mut fields: Vec<String> = vec![
            a.target.clone(),
            a.activity.clone(),
            a.units.join("; "),
            int(a.page),
        ];
        fields.extend(a.economic.values().into_iter().map(dec));
        fields.push(dec(a.budget_total));
        fields.push(a.off_budget.is_some().to_string());
        let o = a.off_budget.clone().unwrap_or_default();
        fields.extend(
            [
                o.revolving_fund,
                o.other_domestic,
                o.foreign,
                a.off_budget_total,
                a.total,
            ]
            .into_iter()
            .map(dec),
        );
        fields.push(a.not_printed.join("; "));
        fields.push(crate::model::PrintedTitle::cell(&a.titles_as_printed));
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        t.push(&refs);
    }
    t.finish()
}

fn resource_summary(p: &Programme) -> CsvFile {
    let mut t = Table::new(RESOURCE_SUMMARY);
    // Not printed: the header alone.
    let Some(r) = &p.resource_summary else {
        return t.finish();
    };
    for x in &r.rows {
        let level = match x.level {
            Level::Goal => "goal",
            Level::Objective => "objective",
            Level::Target => "target",
        };
        t.push(&[
            level,
            &x.code,
            &x.title,
            &dec(x.amount),
            &dec(x.share_of_targets),
            &dec(x.share_of_budget),
        ]);
    }
    let totals: [(&str, &ResourceTotal); 4] = [
        ("targets_total", &r.targets_total),
        ("general_administration", &r.general_administration),
        ("transfers", &r.transfers),
        ("total_budget", &r.total_budget),
    ];
    for (kind, x) in totals {
        t.push(&[
            kind,
            "",
            "",
            &dec(x.amount),
            &dec(x.share_of_targets),
            &dec(x.share_of_budget),
        ]);
    }
    t.finish()
}

fn economic_summary(p: &Programme) -> CsvFile {
    let mut t = Table::new(ECONOMIC_SUMMARY);
    let Some(e) = &p.economic_summary else {
        return t.finish();
    };
    let rows = e
        .rows
        .iter()
        .map(|r| ("code", r))
        .chain([("budget_total", &e.budget_total)])
        .chain(e.off_budget.iter().map(|r| ("off_budget", r)))
        .chain([
            ("off_budget_total", &e.off_budget_total),
            ("grand_total", &e.grand_total),
        ]);
    for (kind, r) in rows {
        t.push(&[
            kind,
            r.code.as_deref().unwrap_or(""),
            r.name.as_deref().unwrap_or(""),
            &dec(r.activities),
            &dec(r.general_administration),
            &dec(r.transfers),
            &dec(r.total),
        ]);
    }
    t.finish()
}

fn responsibilities(p: &Programme) -> CsvFile {
    let mut t = Table::new(RESPONSIBILITIES);
    for r in &p.responsibilities {
        t.push(&[
            &r.target,
            &r.activity,
            &r.units.join("; "),
            &crate::model::PrintedTitle::cell(&r.titles_as_printed),
        ]);
    }
    t.finish()
}

/// Adds a present value to a running sum; an empty cell does not contribute.
/// The sum keeps the larger scale of its terms (`0.00 + 1.5` is `1.50`).
fn add(sum: &mut Option<Decimal>, v: Option<Decimal>) {
    let Some(v) = v else { return };
    *sum = Some(match *sum {
        None => v,
        Some(s) => {
            let mut t = s + v;
            let scale = s.scale().max(v.scale());
            if t.scale() < scale {
                t.rescale(scale);
            }
            t
        }
    });
}

/// A unit's budget, off-budget and overall totals: the sums of the printed
/// totals of its activities' cost tables (a shared activity counts in full);
/// empty when no cost table prints the figure.
pub fn unit_totals(
    p: &Programme,
    d: &crate::render::Department,
) -> [Option<rust_decimal::Decimal>; 3] {
    let (mut budget, mut off, mut total) = (None, None, None);
    for c in d
        .activities
        .iter()
        .filter_map(|a| a.cost.and_then(|i| p.activity_costs.get(i)))
    {
        add(&mut budget, c.budget_total);
        add(&mut off, c.off_budget_total);
        add(&mut total, c.total);
    }
    [budget, off, total]
}

fn units(p: &Programme) -> CsvFile {
    let mut t = Table::new(UNITS);
    for d in crate::render::departments(p) {
        let others: Vec<&str> = d
            .names
            .iter()
            .filter(|n| **n != d.name)
            .map(String::as_str)
            .collect();
        let shared = d.activities.iter().filter(|a| a.shared()).count();
        let [budget, off, total] = unit_totals(p, &d);
        t.push(&[
            &d.name,
            &others.join("; "),
            &d.activities.len().to_string(),
            &shared.to_string(),
            &dec(budget),
            &dec(off),
            &dec(total),
        ]);
    }
    t.finish()
}

fn dictionary() -> CsvFile {
    dictionary_of(&FILES, COLUMNS)
}

/// The data dictionary of `files` (each with what one row is), their
/// columns declared in `table`.
fn dictionary_of(files: &[(&str, &str)], table: &'static [Column]) -> CsvFile {
    let mut out = CsvText::new(false);
    out.row(DICTIONARY_HEADER);
    for (file, what) in files {
        for (i, c) in columns_in(table, file).enumerate() {
            let description = if i == 0 {
                format!("{what} This column: {}", c.description)
            } else {
                c.description.to_string()
            };
            out.row([c.file, c.name, c.ty.as_str(), description.as_str()]);
        }
    }
    CsvFile {
        name: DICTIONARY,
        contents: out.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use std::str::FromStr;

    /// The records of a CSV text, read back with the `csv` crate (strict:
    /// every record as wide as the first); the text ends with a line end.
    fn parse(text: &str) -> Vec<Vec<String>> {
        assert!(text.ends_with('\n'), "last line has no line end");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn line(fields: &[&str]) -> String {
        let mut s = CsvText::new(false);
        s.row(fields);
        s.finish()
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(line(&["plain", "İzmir’in"]), "plain,İzmir’in\n");
        assert_eq!(line(&["a, b"]), "\"a, b\"\n");
        assert_eq!(line(&["say \"x\""]), "\"say \"\"x\"\"\"\n");
        assert_eq!(line(&["two\nlines"]), "\"two\nlines\"\n");
        assert_eq!(line(&["cr\rhere"]), "\"cr\rhere\"\n");
        // White space at a field's ends is part of it (RFC 4180): not quoted,
        // and read back as it was.
        assert_eq!(
            line(&[" lead", "trail ", "in side"]),
            " lead,trail ,in side\n"
        );
        assert_eq!(
            parse(&line(&[" lead", "trail ", "in side"])),
            vec![vec![" lead", "trail ", "in side"]]
        );
        assert_eq!(line(&["", "", ""]), ",,\n");
        assert_eq!(
            parse("a,\"b,\"\"c\"\"\nd\", e \n"),
            vec![vec!["a", "b,\"c\"\nd", " e "]]
        );
    }

    #[test]
    fn empty_is_not_zero() {
        assert_eq!(dec(None), "");
        assert_eq!(dec(Some(d("0.00"))), "0.00");
        assert_eq!(dec(Some(d("5815779000.00"))), "5815779000.00");
        assert_eq!(dec(Some(d("1050381"))), "1050381");
        let mut s = None;
        add(&mut s, None);
        assert_eq!(s, None);
        add(&mut s, Some(d("0.00")));
        assert_eq!(dec(s), "0.00");
        add(&mut s, Some(d("1.5")));
        add(&mut s, None);
        assert_eq!(dec(s), "1.50");
    }

    fn econ(code: Option<&str>, name: Option<&str>, v: [Option<&str>; 4]) -> EconomicRow {
        EconomicRow {
            code: code.map(String::from),
            name: name.map(String::from),
            activities: v[0].map(d),
            general_administration: v[1].map(d),
            transfers: v[2].map(d),
            total: v[3].map(d),
        }
    }

    fn small() -> Programme {
        let target = Target {
            code: "1.1.1".into(),
            title: "Altyapıyı Yürütmek".into(),
            page: Some(46),
            indicators: vec![
                Indicator {
                    code: Some("PG1.1.1.1".into()),
                    name: "Yol, Köprü Sayısı".into(),
                    unit: Some("Adet".into()),
                    description: Some("Yıl içinde biten yapılar.".into()),
                    values: vec![
                        Some(Value::Number(d("5"))),
                        None,
                        Some(Value::Number(d("7.17"))),
                    ],
                    marked: false,
                },
                Indicator {
                    code: None,
                    name: "Kredi Notu".into(),
                    unit: Some("Not".into()),
                    description: None,
                    values: vec![
                        Some(Value::Text("B-(Durağan)".into())),
                        Some(Value::Text("say \"AAA\"".into())),
                        Some(Value::Number(d("0"))),
                    ],
                    marked: true,
                },
            ],
            activities: vec![ActivityLine {
                code: Some("F01".into()),
                name: "Yol Yapımı".into(),
                budget: Some(d("100.00")),
                off_budget: None,
                total: Some(d("100.00")),
            }],
            stated_total: Amounts {
                budget: Some(d("100.00")),
                off_budget: Some(d("0.00")),
                total: Some(d("100.00")),
            },
            notes: vec!["* Kümülatif.".into()],
            columns_as_printed: Vec::new(),
        };
        let cost = |activity: &str, units: &[&str], budget: Option<&str>| ActivityCost {
            target: "1.1.1".into(),
            activity: activity.into(),
            units: units.iter().map(|u| u.to_string()).collect(),
            page: None,
            economic: Economic {
                c6: budget.map(d),
                ..Economic::default()
            },
            budget_total: budget.map(d),
            off_budget: Some(OffBudget::default()),
            off_budget_total: None,
            total: budget.map(d),
            not_printed: Vec::new(),
            titles_as_printed: vec![crate::model::PrintedTitle {
                level: crate::model::Level::Target,
                code: "1.1.1".into(),
                title: "Altyapıyı Yürütmek, Yenilemek".into(),
                page: None,
            }],
        };
        Programme {
            format: FORMAT.into(),
            layout: Default::default(),
            source: Source {
                file: "x.txt".into(),
                sha256: String::new(),
                pages: None,
            },
            institution: "Test Belediyesi".into(),
            fiscal_year: 2024,
            indicator_columns: vec![
                IndicatorColumn::new(2022, Some(ColumnKind::Actual)),
                IndicatorColumn::new(2023, Some(ColumnKind::Target)),
                IndicatorColumn::new(2024, Some(ColumnKind::Target)),
            ],
            goals: vec![Goal {
                code: "1".into(),
                theme: Some("Altyapı".into()),
                title: "Altyapı Oluşturmak".into(),
                objectives: vec![Objective {
                    code: "1.1".into(),
                    title: "Altyapı İnşa Edilecek".into(),
                    targets: vec![target],
                }],
            }],
            activity_costs: vec![
                cost(
                    "Yol Yapımı",
                    &[
                        "Fen İşleri Dairesi Başkanlığı",
                        "Yapı İşleri Dairesi Başkanlığı",
                    ],
                    Some("100.00"),
                ),
                cost("Aydınlatma", &["Fen İşleri Dairesi Başkanlığı"], None),
            ],
            resource_summary: Some(ResourceSummary {
                rows: vec![ResourceRow {
                    level: Level::Goal,
                    code: "1".into(),
                    title: "Altyapı, Oluşturmak".into(),
                    amount: Some(d("100.00")),
                    share_of_targets: Some(d("7.17")),
                    share_of_budget: None,
                }],
                total_budget: ResourceTotal {
                    amount: Some(d("1000.00")),
                    share_of_targets: None,
                    share_of_budget: Some(d("100.00")),
                },
                ..ResourceSummary::default()
            }),
            economic_summary: Some(EconomicSummary {
                rows: vec![econ(
                    Some("1"),
                    Some("Personel Giderleri"),
                    [Some("10.00"), Some("0.00"), None, Some("10.00")],
                )],
                budget_total: econ(
                    None,
                    None,
                    [Some("10.00"), Some("0.00"), None, Some("10.00")],
                ),
                off_budget: vec![econ(None, Some("Döner Sermaye"), [None, None, None, None])],
                off_budget_total: econ(None, None, [None, None, None, None]),
                grand_total: econ(
                    None,
                    None,
                    [Some("10.00"), Some("0.00"), None, Some("10.00")],
                ),
            }),
            responsibilities: vec![Responsibility {
                target: "1.1.1".into(),
                activity: "Yol Yapımı".into(),
                units: vec!["Fen İşleri Dairesi Başkanlığı".into()],
                titles_as_printed: vec![crate::model::PrintedTitle {
                    level: crate::model::Level::Target,
                    code: "1.1.1".into(),
                    title: "Altyapı Yürütmek".into(),
                    page: Some(47),
                }],
            }],
            front_matter: Vec::new(),
        }
    }

    fn file<'a>(files: &'a [CsvFile], name: &str) -> &'a str {
        &files.iter().find(|f| f.name == name).unwrap().contents
    }

    #[test]
    fn small_programme_exact_text() {
        let files = csv_files(&small());
        assert_eq!(
            file(&files, INDICATORS),
            "target_code,indicator_no,indicator_code,name,unit,marked,year,kind,column_label,\
             value,value_text,description\n\
             1.1.1,1,PG1.1.1.1,\"Yol, Köprü Sayısı\",Adet,false,2022,actual,2022 Gerçekleşen,5,,\
             Yıl içinde biten yapılar.\n\
             1.1.1,1,PG1.1.1.1,\"Yol, Köprü Sayısı\",Adet,false,2023,target,2023 Hedef,,,\
             Yıl içinde biten yapılar.\n\
             1.1.1,1,PG1.1.1.1,\"Yol, Köprü Sayısı\",Adet,false,2024,target,2024 Hedef,7.17,,\
             Yıl içinde biten yapılar.\n\
             1.1.1,2,,Kredi Notu,Not,true,2022,actual,2022 Gerçekleşen,,B-(Durağan),\n\
             1.1.1,2,,Kredi Notu,Not,true,2023,target,2023 Hedef,,\"say \"\"AAA\"\"\",\n\
             1.1.1,2,,Kredi Notu,Not,true,2024,target,2024 Hedef,0,,\n"
        );
        assert_eq!(
            file(&files, ECONOMIC_SUMMARY),
            "row_type,code,name,activities,general_administration,transfers,total\n\
             code,1,Personel Giderleri,10.00,0.00,,10.00\n\
             budget_total,,,10.00,0.00,,10.00\n\
             off_budget,,Döner Sermaye,,,,\n\
             off_budget_total,,,,,,\n\
             grand_total,,,10.00,0.00,,10.00\n"
        );
        assert_eq!(
            file(&files, TARGETS),
            "goal_code,goal_theme,goal_title,objective_code,objective_title,target_code,\
             target_title,page,stated_budget,stated_off_budget,stated_total,columns_as_printed\n\
             1,Altyapı,Altyapı Oluşturmak,1.1,Altyapı İnşa Edilecek,1.1.1,Altyapıyı Yürütmek,\
             46,100.00,0.00,100.00,\n"
        );
        assert_eq!(
            file(&files, TARGET_NOTES),
            "target_code,note_no,note\n1.1.1,1,* Kümülatif.\n"
        );
        assert_eq!(
            file(&files, ACTIVITIES),
            "target_code,activity_no,activity_code,name,budget,off_budget,total\n\
             1.1.1,1,F01,Yol Yapımı,100.00,,100.00\n"
        );
        assert_eq!(
            file(&files, RESOURCE_SUMMARY),
            "row_type,code,title,amount,share_of_targets,share_of_budget\n\
             goal,1,\"Altyapı, Oluşturmak\",100.00,7.17,\n\
             targets_total,,,,,\n\
             general_administration,,,,,\n\
             transfers,,,,,\n\
             total_budget,,,1000.00,,100.00\n"
        );
        assert_eq!(
            file(&files, ACTIVITY_COSTS).lines().nth(1).unwrap(),
            "1.1.1,Yol Yapımı,Fen İşleri Dairesi Başkanlığı; Yapı İşleri Dairesi Başkanlığı,,\
             ,,,,,100.00,,,100.00,true,,,,,100.00,,\"target 1.1.1: Altyapıyı Yürütmek, Yenilemek\""
        );
        assert_eq!(
            file(&files, RESPONSIBILITIES),
            "target_code,activity,units,titles_as_printed\n\
             1.1.1,Yol Yapımı,Fen İşleri Dairesi Başkanlığı,\"target 1.1.1, page 47: Altyapı Yürütmek\"\n"
        );
        // Fen İşleri: both cost tables (one with empty totals), one of them
        // shared; Yapı İşleri: the shared one only, counted in full.
        assert_eq!(
            file(&files, UNITS),
            "unit,other_spellings,activity_count,shared_activity_count,budget_total,\
             off_budget_total,total\n\
             Fen İşleri Dairesi Başkanlığı,,2,1,100.00,,100.00\n\
             Yapı İşleri Dairesi Başkanlığı,,1,1,100.00,,100.00\n"
        );
    }

    #[test]
    fn headers_match_the_dictionary() {
        let files = csv_files(&small());
        let names: Vec<&str> = files.iter().map(|f| f.name).collect();
        let mut expected: Vec<&str> = FILES.iter().map(|(f, _)| *f).collect();
        expected.push(DICTIONARY);
        assert_eq!(names, expected);

        let dict = parse(file(&files, DICTIONARY));
        assert_eq!(dict[0], DICTIONARY_HEADER);
        assert_eq!(dict.len() - 1, COLUMNS.len());
        for r in &dict[1..] {
            assert!(["text", "integer", "decimal", "boolean"].contains(&r[2].as_str()));
            assert!(!r[3].is_empty(), "{}:{} undocumented", r[0], r[1]);
        }
        for f in &files[..files.len() - 1] {
            let header = &parse(&f.contents)[0];
            let documented: Vec<&String> = dict[1..]
                .iter()
                .filter(|r| r[0] == f.name)
                .map(|r| &r[1])
                .collect();
            assert_eq!(header.iter().collect::<Vec<_>>(), documented, "{}", f.name);
            let mut unique = header.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), header.len(), "{}: duplicate column", f.name);
            // The first row says what one row of the file is.
            let first = dict[1..].iter().find(|r| r[0] == f.name).unwrap();
            assert!(first[3].starts_with("One row per"), "{}", f.name);
        }
        // Every declared column belongs to a listed file.
        for c in COLUMNS {
            assert!(FILES.iter().any(|(f, _)| *f == c.file), "{}", c.file);
        }
    }

    #[test]
    fn golden_counts_and_widths() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/programme.json"
        ))
        .unwrap();
        let p = Programme::from_json(&text).unwrap();
        let files = csv_files(&p);
        let rows = |name: &str| parse(file(&files, name)).len() - 1;
        assert_eq!(rows(TARGETS), 34);
        assert_eq!(rows(ACTIVITY_COSTS), 295);
        assert_eq!(rows(INDICATORS), 427 * 3);
        assert_eq!(rows(RESPONSIBILITIES), 295);
        assert_eq!(
            rows(ACTIVITIES),
            p.targets().map(|t| t.activities.len()).sum::<usize>()
        );
        assert_eq!(
            rows(RESOURCE_SUMMARY),
            p.resource_summary.as_ref().unwrap().rows.len() + 4
        );
        assert_eq!(
            rows(ECONOMIC_SUMMARY),
            p.economic_summary.as_ref().unwrap().rows.len()
                + p.economic_summary.as_ref().unwrap().off_budget.len()
                + 3
        );
        assert_eq!(rows(UNITS), crate::render::departments(&p).len());
        for f in &files {
            let records = parse(&f.contents);
            assert!(records.len() > 1, "{} is empty", f.name);
            let width = records[0].len();
            for (i, r) in records.iter().enumerate() {
                assert_eq!(r.len(), width, "{} line {}", f.name, i + 1);
            }
            assert!(!f.contents.starts_with('\u{feff}'));
            assert!(!f.contents.contains("\r\n"));
        }
        // Deterministic.
        assert_eq!(files, csv_files(&p));
        // A cost-table amount is written as the model holds it.
        assert!(file(&files, ACTIVITY_COSTS).contains(",270000000.00,"));
    }
}
