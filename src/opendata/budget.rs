//! Open-data export of a program-budget document: one CSV per table of the
//! layout and its data dictionary, by the conventions of the parent module
//! (RFC 4180, UTF-8, amounts as the model holds them, an empty cell empty).
//!
//! Figures by column are in long format: one row per table row and column
//! (`year`, `kind`, `column_label`, then the figure), so the files keep one
//! header whatever columns a document prints. Rows name their program and
//! alt program by code (and the alt program by name too, codes being
//! optional), activities by their 1-based position in their alt program.

use super::{col, dec, dictionary_of, int, Column, CsvFile, Table, Type};
use crate::model::budget::{BudgetProgramme, CostColumn, CostRow, ProgramLevel, YearColumn};
use crate::model::{Dec, Value};

/// Every table of a program-budget document as CSV, in a fixed order, plus
/// `data-dictionary.csv` last.
pub fn csv_files(b: &BudgetProgramme) -> Vec<CsvFile> {
    vec![
        programs(b),
        sub_programs(b),
        goals(b),
        indicators(b),
        activities(b),
        activity_costs(b),
        activity_economic(b),
        sub_program_totals(b),
        program_summary(b),
        economic_summary(b),
        dictionary_of(&FILES, COLUMNS),
    ]
}

const PROGRAMS: &str = "programs.csv";
const SUB_PROGRAMS: &str = "sub_programs.csv";
const GOALS: &str = "sub_program_goals.csv";
const INDICATORS: &str = "indicators.csv";
const ACTIVITIES: &str = "activities.csv";
const ACTIVITY_COSTS: &str = "activity_costs.csv";
const ACTIVITY_ECONOMIC: &str = "activity_economic.csv";
const TOTALS: &str = "sub_program_totals.csv";
const PROGRAM_SUMMARY: &str = "program_summary.csv";
const ECONOMIC_SUMMARY: &str = "economic_summary.csv";

/// The table files in output order, each with what one row is.
const FILES: [(&str, &str); 10] = [
    (
        PROGRAMS,
        "One row per program (Program), in document order.",
    ),
    (
        SUB_PROGRAMS,
        "One row per alt program (Alt Program), in document order.",
    ),
    (
        GOALS,
        "One row per alt program goal (Alt Program Hedefi), in printed order.",
    ),
    (
        INDICATORS,
        "One row per performance indicator (Performans Göstergesi) per indicator column \
         (long format): an indicator of a document with six indicator columns has six rows.",
    ),
    (
        ACTIVITIES,
        "One row per activity (Faaliyet) of an alt program's cost table, in printed order.",
    ),
    (
        ACTIVITY_COSTS,
        "One row per activity, printed row (total, Bütçe İçi, Bütçe Dışı) and cost column \
         (long format).",
    ),
    (
        ACTIVITY_ECONOMIC,
        "One row per activity, economic code line and cost column (long format).",
    ),
    (
        TOTALS,
        "One row per printed row of an alt program's total (Toplam, Bütçe İçi, Bütçe Dışı) \
         and cost column (long format); alt programs whose table prints no total have none.",
    ),
    (
        PROGRAM_SUMMARY,
        "One row per row of the summary by program (Programlara Göre Kaynak Dağılımı) and \
         column (long format); no rows where the document prints no such table.",
    ),
    (
        ECONOMIC_SUMMARY,
        "One row per row of the summary by economic code (Ekonomik Sınıflandırmaya Göre \
         Bütçe) and column (long format); no rows where the document prints no such table.",
    ),
];

const P_CODE: &str = "Program code as printed, e.g. 01; empty where none is printed.";
const SP_CODE: &str = "Alt program code as printed, e.g. 01.02; empty where none is printed.";
const SP_NAME: &str = "Alt program name as printed.";
const ACT_NO: &str = "1-based position of the activity in its alt program's cost table.";
const ACT_CODE: &str = "The activity's printed code, e.g. 01.02.003; empty where none is printed.";
const YEAR: &str = "Year of the column, e.g. 2026.";
const COST_KIND: &str = "budget (Bütçe, Başlangıç Ödeneği), actual (Harcama, Gerçekleşme) or estimate (Tahmin, Yıl Sonu Tahmini); empty for any other header.";
const LABEL: &str = "The column's header as printed, e.g. 2025 Haziran Sonu Harcama.";
const AMOUNT: &str = "The figure, TL, as printed; empty where the cell is empty.";
const ROW: &str =
    "total (the row itself, or its Toplam row), budget (Bütçe İçi) or off_budget (Bütçe Dışı).";

/// Every column of every file, in file order then column order.
#[rustfmt::skip]
const COLUMNS: &[Column] = &[
    col(PROGRAMS, "program_code", Type::Text, P_CODE),
    col(PROGRAMS, "program_name", Type::Text, "Program name as printed."),
    col(PROGRAMS, "page", Type::Integer, "1-based PDF page where the program's block starts; empty for a plain-text source."),
    col(SUB_PROGRAMS, "program_code", Type::Text, P_CODE),
    col(SUB_PROGRAMS, "sub_program_code", Type::Text, SP_CODE),
    col(SUB_PROGRAMS, "sub_program_name", Type::Text, SP_NAME),
    col(SUB_PROGRAMS, "page", Type::Integer, "1-based PDF page where the alt program's block starts; empty for a plain-text source."),
    col(SUB_PROGRAMS, "indicator_columns_as_printed", Type::Text, "The indicator column labels this alt program's tables print where they differ from the document's (indicators.csv follows the document's columns), joined with ' | '; empty when they agree."),
    col(SUB_PROGRAMS, "cost_columns_as_printed", Type::Text, "The cost column labels this alt program's tables print where they differ from the document's, joined with ' | '; empty when they agree."),
    col(GOALS, "program_code", Type::Text, P_CODE),
    col(GOALS, "sub_program_code", Type::Text, SP_CODE),
    col(GOALS, "sub_program_name", Type::Text, SP_NAME),
    col(GOALS, "goal_no", Type::Integer, "1-based position of the goal under its alt program."),
    col(GOALS, "goal_code", Type::Text, "The goal's printed number, e.g. 1; empty where none is printed."),
    col(GOALS, "text", Type::Text, "The goal as printed."),
    col(INDICATORS, "program_code", Type::Text, P_CODE),
    col(INDICATORS, "sub_program_code", Type::Text, SP_CODE),
    col(INDICATORS, "sub_program_name", Type::Text, SP_NAME),
    col(INDICATORS, "indicator_no", Type::Integer, "1-based position of the indicator in its alt program."),
    col(INDICATORS, "indicator_code", Type::Text, "The indicator's printed code; empty where none is printed."),
    col(INDICATORS, "name", Type::Text, "Indicator name, footnote asterisk removed (see marked)."),
    col(INDICATORS, "unit", Type::Text, "Unit of measure, e.g. Adet, %; empty where none is printed."),
    col(INDICATORS, "marked", Type::Boolean, "true when the name carried a footnote asterisk (*)."),
    col(INDICATORS, "year", Type::Integer, YEAR),
    col(INDICATORS, "kind", Type::Text, "actual (Gerçekleşen, Gerçekleşme), estimate (Tahmin, Yıl Sonu Gerçekleşme Tahmini), planned (Planlanan) or target (Hedef); empty for a bare year."),
    col(INDICATORS, "column_label", Type::Text, "The column's header as printed, e.g. 2025 Yıl Sonu Gerçekleşme Tahmini."),
    col(INDICATORS, "value", Type::Decimal, "The cell when it is a number (a % unit gives 96 for %96); empty when the cell is text or empty."),
    col(INDICATORS, "value_text", Type::Text, "The cell as printed when it is not a number; empty otherwise."),
    col(INDICATORS, "description", Type::Text, "Göstergeye İlişkin Açıklama, without its label; empty where none is printed."),
    col(INDICATORS, "calculation", Type::Text, "Hesaplama Yöntemi, without its label; empty where none is printed."),
    col(INDICATORS, "data_source", Type::Text, "Verinin Kaynağı, without its label; empty where none is printed."),
    col(ACTIVITIES, "program_code", Type::Text, P_CODE),
    col(ACTIVITIES, "sub_program_code", Type::Text, SP_CODE),
    col(ACTIVITIES, "sub_program_name", Type::Text, SP_NAME),
    col(ACTIVITIES, "activity_no", Type::Integer, ACT_NO),
    col(ACTIVITIES, "activity_code", Type::Text, ACT_CODE),
    col(ACTIVITIES, "name", Type::Text, "Activity name as printed."),
    col(ACTIVITIES, "units", Type::Text, "Responsible units printed with the activity, in printed order, joined with '; '."),
    col(ACTIVITIES, "page", Type::Integer, "1-based PDF page of the activity's row; empty for a plain-text source."),
    col(ACTIVITIES, "description", Type::Text, "The activity's paragraph(s) under Faaliyetlere İlişkin Açıklamalar; empty where none is printed."),
    col(ACTIVITY_COSTS, "program_code", Type::Text, P_CODE),
    col(ACTIVITY_COSTS, "sub_program_code", Type::Text, SP_CODE),
    col(ACTIVITY_COSTS, "activity_no", Type::Integer, ACT_NO),
    col(ACTIVITY_COSTS, "activity_code", Type::Text, ACT_CODE),
    col(ACTIVITY_COSTS, "row", Type::Text, ROW),
    col(ACTIVITY_COSTS, "year", Type::Integer, YEAR),
    col(ACTIVITY_COSTS, "kind", Type::Text, COST_KIND),
    col(ACTIVITY_COSTS, "column_label", Type::Text, LABEL),
    col(ACTIVITY_COSTS, "amount", Type::Decimal, AMOUNT),
    col(ACTIVITY_ECONOMIC, "program_code", Type::Text, P_CODE),
    col(ACTIVITY_ECONOMIC, "sub_program_code", Type::Text, SP_CODE),
    col(ACTIVITY_ECONOMIC, "activity_no", Type::Integer, ACT_NO),
    col(ACTIVITY_ECONOMIC, "activity_code", Type::Text, ACT_CODE),
    col(ACTIVITY_ECONOMIC, "economic_code", Type::Text, "Economic code as printed, e.g. 03 or 03.2."),
    col(ACTIVITY_ECONOMIC, "economic_name", Type::Text, "Name of the economic code as printed, e.g. Mal ve Hizmet Alım Giderleri."),
    col(ACTIVITY_ECONOMIC, "year", Type::Integer, YEAR),
    col(ACTIVITY_ECONOMIC, "kind", Type::Text, COST_KIND),
    col(ACTIVITY_ECONOMIC, "column_label", Type::Text, LABEL),
    col(ACTIVITY_ECONOMIC, "amount", Type::Decimal, AMOUNT),
    col(TOTALS, "program_code", Type::Text, P_CODE),
    col(TOTALS, "sub_program_code", Type::Text, SP_CODE),
    col(TOTALS, "sub_program_name", Type::Text, SP_NAME),
    col(TOTALS, "row", Type::Text, ROW),
    col(TOTALS, "year", Type::Integer, YEAR),
    col(TOTALS, "kind", Type::Text, COST_KIND),
    col(TOTALS, "column_label", Type::Text, LABEL),
    col(TOTALS, "amount", Type::Decimal, AMOUNT),
    col(PROGRAM_SUMMARY, "row_type", Type::Text, "program, sub_program or total (the table's total row)."),
    col(PROGRAM_SUMMARY, "code", Type::Text, "Program or alt program code as printed in this table; empty on the total row or where none is printed."),
    col(PROGRAM_SUMMARY, "name", Type::Text, "Program or alt program name as printed in this table; empty on the total row."),
    col(PROGRAM_SUMMARY, "year", Type::Integer, YEAR),
    col(PROGRAM_SUMMARY, "kind", Type::Text, COST_KIND),
    col(PROGRAM_SUMMARY, "column_label", Type::Text, LABEL),
    col(PROGRAM_SUMMARY, "amount", Type::Decimal, AMOUNT),
    col(ECONOMIC_SUMMARY, "row_type", Type::Text, "code (an economic code row) or total (the table's total row)."),
    col(ECONOMIC_SUMMARY, "code", Type::Text, "Economic code as printed, e.g. 01; empty on the total row."),
    col(ECONOMIC_SUMMARY, "name", Type::Text, "Name of the economic code as printed; empty on the total row."),
    col(ECONOMIC_SUMMARY, "year", Type::Integer, YEAR),
    col(ECONOMIC_SUMMARY, "kind", Type::Text, COST_KIND),
    col(ECONOMIC_SUMMARY, "column_label", Type::Text, LABEL),
    col(ECONOMIC_SUMMARY, "amount", Type::Decimal, AMOUNT),
];

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// Year, kind and label of a column (all empty past the columns: a
/// malformed model's extra figures are still written).
fn column_fields<C: YearColumn>(c: Option<&C>) -> [String; 3] {
    c.map_or_else(Default::default, |c| {
        [
            c.year().to_string(),
            c.kind_name().to_string(),
            c.label().to_string(),
        ]
    })
}

/// One row per column: `lead`, then the column's year, kind and label,
/// then the figure.
fn long(t: &mut Table, lead: &[&str], cols: &[CostColumn], figures: &[Option<Dec>]) {
    for k in 0..cols.len().max(figures.len()) {
        let [year, kind, label] = column_fields(cols.get(k));
        let amount = dec(figures.get(k).copied().flatten());
        let mut fields = lead.to_vec();
        fields.extend([
            year.as_str(),
            kind.as_str(),
            label.as_str(),
            amount.as_str(),
        ]);
        t.push(&fields);
    }
}

/// A cost row's printed rows, each with its `row` name.
fn rows_of(r: &CostRow) -> Vec<(&'static str, &[Option<Dec>])> {
    let mut out = vec![("total", r.total.as_slice())];
    out.extend(r.budget.as_deref().map(|a| ("budget", a)));
    out.extend(r.off_budget.as_deref().map(|a| ("off_budget", a)));
    out
}

fn programs(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, PROGRAMS);
    for p in &b.programs {
        t.push(&[opt(&p.code), &p.name, &int(p.page)]);
    }
    t.finish()
}

fn joined<C>(cols: &[C], label: impl Fn(&C) -> &str) -> String {
    cols.iter().map(label).collect::<Vec<_>>().join(" | ")
}

fn sub_programs(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, SUB_PROGRAMS);
    for (p, s) in b.sub_programs() {
        let own = &s.columns_as_printed;
        t.push(&[
            opt(&p.code),
            opt(&s.code),
            &s.name,
            &int(s.page),
            &joined(&own.indicators, |c| &c.label),
            &joined(&own.costs, |c| &c.label),
        ]);
    }
    t.finish()
}

fn goals(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, GOALS);
    for (p, s) in b.sub_programs() {
        for (i, g) in s.goals.iter().enumerate() {
            let no = (i + 1).to_string();
            t.push(&[
                opt(&p.code),
                opt(&s.code),
                &s.name,
                &no,
                opt(&g.code),
                &g.text,
            ]);
        }
    }
    t.finish()
}

fn indicators(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, INDICATORS);
    for (p, s) in b.sub_programs() {
        for (i, ind) in s.indicators.iter().enumerate() {
            let no = (i + 1).to_string();
            let marked = if ind.marked { "true" } else { "false" };
            for k in 0..b.indicator_columns.len().max(ind.values.len()) {
                let [year, kind, label] = column_fields(b.indicator_columns.get(k));
                let (value, text) = match ind.values.get(k) {
                    Some(Some(Value::Number(d))) => (d.to_string(), ""),
                    Some(Some(Value::Text(s))) => (String::new(), s.as_str()),
                    _ => (String::new(), ""),
                };
                t.push(&[
                    opt(&p.code),
                    opt(&s.code),
                    &s.name,
                    &no,
                    opt(&ind.code),
                    &ind.name,
                    opt(&ind.unit),
                    marked,
                    &year,
                    &kind,
                    &label,
                    &value,
                    text,
                    opt(&ind.description),
                    opt(&ind.calculation),
                    opt(&ind.data_source),
                ]);
            }
        }
    }
    t.finish()
}

fn activities(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, ACTIVITIES);
    for (p, s) in b.sub_programs() {
        for (i, a) in s.activities.iter().enumerate() {
            t.push(&[
                opt(&p.code),
                opt(&s.code),
                &s.name,
                &(i + 1).to_string(),
                opt(&a.code),
                &a.name,
                &a.units.join("; "),
                &int(a.page),
                opt(&a.description),
            ]);
        }
    }
    t.finish()
}

fn activity_costs(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, ACTIVITY_COSTS);
    for (p, s) in b.sub_programs() {
        for (i, a) in s.activities.iter().enumerate() {
            let no = (i + 1).to_string();
            for (row, figures) in rows_of(&a.amounts) {
                let lead = [opt(&p.code), opt(&s.code), &no, opt(&a.code), row];
                long(&mut t, &lead, &b.cost_columns, figures);
            }
        }
    }
    t.finish()
}

fn activity_economic(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, ACTIVITY_ECONOMIC);
    for (p, s) in b.sub_programs() {
        for (i, a) in s.activities.iter().enumerate() {
            let no = (i + 1).to_string();
            for e in &a.economic {
                let lead = [
                    opt(&p.code),
                    opt(&s.code),
                    &no,
                    opt(&a.code),
                    &e.code,
                    &e.name,
                ];
                long(&mut t, &lead, &b.cost_columns, &e.amounts);
            }
        }
    }
    t.finish()
}

fn sub_program_totals(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, TOTALS);
    for (p, s) in b.sub_programs() {
        for (row, figures) in s.stated_total.iter().flat_map(rows_of) {
            let lead = [opt(&p.code), opt(&s.code), s.name.as_str(), row];
            long(&mut t, &lead, &b.cost_columns, figures);
        }
    }
    t.finish()
}

/// A summary's columns: its own where it prints them, else the cost
/// columns.
fn summary_columns<'a>(b: &'a BudgetProgramme, own: &'a [CostColumn]) -> &'a [CostColumn] {
    if own.is_empty() {
        &b.cost_columns
    } else {
        own
    }
}

fn program_summary(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, PROGRAM_SUMMARY);
    if let Some(ps) = &b.program_summary {
        let cols = summary_columns(b, &ps.columns);
        for r in &ps.rows {
            let level = match r.level {
                ProgramLevel::Program => "program",
                ProgramLevel::SubProgram => "sub_program",
            };
            long(&mut t, &[level, opt(&r.code), &r.name], cols, &r.amounts);
        }
        if let Some(total) = &ps.total {
            long(&mut t, &["total", "", ""], cols, total);
        }
    }
    t.finish()
}

fn economic_summary(b: &BudgetProgramme) -> CsvFile {
    let mut t = Table::of(COLUMNS, ECONOMIC_SUMMARY);
    if let Some(es) = &b.economic_summary {
        let cols = summary_columns(b, &es.columns);
        for r in &es.rows {
            long(&mut t, &["code", &r.code, &r.name], cols, &r.amounts);
        }
        if let Some(total) = &es.total {
            long(&mut t, &["total", "", ""], cols, total);
        }
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> BudgetProgramme {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/kuzeykent-2026-performans-programi.json"
        );
        let text = std::fs::read_to_string(path).unwrap();
        crate::model::Document::from_json(&text)
            .unwrap()
            .into_budget()
            .unwrap()
    }

    #[test]
    fn every_file_is_documented_and_rows_count() {
        let b = fixture();
        let files = csv_files(&b);
        let names: Vec<&str> = files.iter().map(|f| f.name).collect();
        let mut expected: Vec<&str> = FILES.iter().map(|(f, _)| *f).collect();
        expected.push("data-dictionary.csv");
        assert_eq!(names, expected);
        for c in COLUMNS {
            assert!(FILES.iter().any(|(f, _)| *f == c.file), "{}", c.file);
        }
        let lines = |name: &str| {
            files
                .iter()
                .find(|f| f.name == name)
                .unwrap()
                .contents
                .lines()
                .count()
                - 1
        };
        assert_eq!(lines(PROGRAMS), 7);
        assert_eq!(lines(SUB_PROGRAMS), 19);
        assert_eq!(lines(ACTIVITIES), 67);
        let indicators: usize = b.sub_programs().map(|(_, s)| s.indicators.len()).sum();
        assert_eq!(lines(INDICATORS), indicators * 6);
        // Each activity prints its total, Bütçe İçi and Bütçe Dışı rows.
        assert_eq!(lines(ACTIVITY_COSTS), 67 * 3 * 6);
        let dict = &files.last().unwrap().contents;
        assert_eq!(dict.lines().count() - 1, COLUMNS.len());
    }
}
