//! The views of a program-budget document: programs, alt programs with
//! their goals, indicators and activities, activity cost details,
//! summaries and units.

use rust_decimal::Decimal;

use super::{
    amount, indicator_section, layout_name, opt, sum, summary, t, text, Cell, Department, Overview,
    Row, Section, Table,
};
use crate::i18n::Lang;
use crate::model::budget::{
    Activity, BudgetProgramme, CostColumn, CostRow, EconomicLine, ProgramLevel,
};
use crate::render::budget as render;

pub(super) fn overview(b: &BudgetProgramme, lang: Lang) -> Overview {
    let subs: Vec<_> = b.sub_programs().map(|(_, s)| s).collect();
    let activities: Vec<&Activity> = subs.iter().flat_map(|s| s.activities.iter()).collect();
    let counts = vec![
        (t(lang, "web-count-programs"), b.programs.len()),
        (t(lang, "web-count-sub-programs"), subs.len()),
        (
            t(lang, "web-count-indicators"),
            subs.iter().map(|s| s.indicators.len()).sum(),
        ),
        (t(lang, "web-count-activities"), activities.len()),
    ];
    // Per cost column (a year and kind): the activities' amounts added up.
    let column_sum = |i: usize, f: fn(&CostRow) -> Option<&Vec<Option<Decimal>>>| {
        sum(activities.iter().map(|a| {
            f(&a.amounts)
                .and_then(|v| v.get(i))
                .and_then(Option::as_ref)
        }))
    };
    let totals = b
        .cost_columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Row::new(vec![
                text(&c.label),
                amount(column_sum(i, |r| r.budget.as_ref()).as_ref()),
                amount(column_sum(i, |r| r.off_budget.as_ref()).as_ref()),
                amount(column_sum(i, |r| Some(&r.total)).as_ref()),
            ])
        })
        .collect();
    Overview {
        institution: b.institution.clone(),
        year: b.fiscal_year,
        layout: layout_name(b.layout, lang),
        pages: b.source.pages,
        counts,
        total_columns: [
            "web-col-year",
            "web-col-budget",
            "web-col-off-budget",
            "web-col-total",
        ]
        .iter()
        .map(|k| t(lang, k))
        .collect(),
        totals,
    }
}

fn labels(columns: &[CostColumn]) -> impl Iterator<Item = String> + '_ {
    columns.iter().map(|c| c.label.clone())
}

fn amounts(v: &[Option<Decimal>]) -> impl Iterator<Item = Cell> + '_ {
    v.iter().map(|d| amount(d.as_ref()))
}

fn code_name(code: Option<&str>, name: &str) -> String {
    match code {
        Some(c) => format!("{c} {name}"),
        None => name.to_string(),
    }
}

pub(super) fn tables(b: &BudgetProgramme, lang: Lang) -> Vec<Table> {
    let mut out = Vec::new();
    for (program, sub) in b.sub_programs() {
        let mut act_cols = vec![t(lang, "web-col-activity"), t(lang, "web-col-units")];
        act_cols.extend(labels(&b.cost_columns));
        let mut act_rows: Vec<Row> = sub
            .activities
            .iter()
            .map(|a| {
                let mut cells = vec![
                    text(code_name(a.code.as_deref(), &a.name)),
                    text(a.units.join("; ")),
                ];
                cells.extend(amounts(&a.amounts.total));
                Row::new(cells)
            })
            .collect();
        if let Some(s) = &sub.stated_total {
            let mut cells = vec![text(t(lang, "web-row-grand-total")), text("")];
            cells.extend(amounts(&s.total));
            act_rows.push(Row::total(cells));
        }
        out.push(Table {
            title: format!(
                "{} / {}",
                code_name(program.code.as_deref(), &program.name),
                code_name(sub.code.as_deref(), &sub.name)
            ),
            kind: t(lang, "web-kind-sub-program"),
            page: sub.page.or(program.page),
            sections: vec![
                Section {
                    caption: Some(t(lang, "web-section-goals")),
                    columns: vec![t(lang, "web-col-code"), t(lang, "web-col-title")],
                    rows: sub
                        .goals
                        .iter()
                        .map(|g| Row::new(vec![opt(g.code.as_deref()), text(&g.text)]))
                        .collect(),
                },
                indicator_section(
                    lang,
                    &b.indicator_columns,
                    sub.indicators
                        .iter()
                        .map(|i| (i.name.as_str(), i.unit.as_deref(), i.values.as_slice())),
                ),
                Section {
                    caption: Some(t(lang, "web-section-activities")),
                    columns: act_cols,
                    rows: act_rows,
                },
            ],
            highlights: sub.activities.iter().map(|a| a.name.clone()).collect(),
        });
    }
    for (_, sub) in b.sub_programs() {
        out.extend(
            sub.activities
                .iter()
                .filter(|a| !a.economic.is_empty())
                .map(|a| activity_table(b, a, lang)),
        );
    }
    if let Some(s) = &b.program_summary {
        let columns = if s.columns.is_empty() {
            &b.cost_columns
        } else {
            &s.columns
        };
        let mut rows: Vec<Row> = s
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![opt(r.code.as_deref()), text(&r.name)];
                cells.extend(amounts(&r.amounts));
                Row {
                    cells,
                    total: r.level == ProgramLevel::Program,
                }
            })
            .collect();
        rows.extend(total_row(s.total.as_deref(), lang));
        out.push(summary_table(
            t(lang, "web-table-program-summary"),
            columns,
            rows,
            lang,
        ));
    }
    if let Some(s) = &b.economic_summary {
        let columns = if s.columns.is_empty() {
            &b.cost_columns
        } else {
            &s.columns
        };
        let mut rows = economic_rows(&s.rows);
        rows.extend(total_row(s.total.as_deref(), lang));
        out.push(summary_table(
            t(lang, "web-table-economic-summary"),
            columns,
            rows,
            lang,
        ));
    }
    out
}

fn total_row(total: Option<&[Option<Decimal>]>, lang: Lang) -> Option<Row> {
    total.map(|v| {
        let mut cells = vec![text(""), text(t(lang, "web-row-grand-total"))];
        cells.extend(amounts(v));
        Row::total(cells)
    })
}

fn economic_rows(lines: &[EconomicLine]) -> Vec<Row> {
    lines
        .iter()
        .map(|e| {
            let mut cells = vec![text(&e.code), text(&e.name)];
            cells.extend(amounts(&e.amounts));
            Row::new(cells)
        })
        .collect()
}

fn summary_table(title: String, columns: &[CostColumn], rows: Vec<Row>, lang: Lang) -> Table {
    let mut cols = vec![t(lang, "web-col-code"), t(lang, "web-col-title")];
    cols.extend(labels(columns));
    summary(lang, title, cols, rows)
}

fn activity_table(b: &BudgetProgramme, a: &Activity, lang: Lang) -> Table {
    let mut cols = vec![t(lang, "web-col-code"), t(lang, "web-col-title")];
    cols.extend(labels(&b.cost_columns));
    let mut rows = economic_rows(&a.economic);
    for (key, v) in [
        ("web-row-budget-total", a.amounts.budget.as_ref()),
        ("web-row-off-budget-total", a.amounts.off_budget.as_ref()),
        ("web-row-grand-total", Some(&a.amounts.total)),
    ] {
        if let Some(v) = v {
            let mut cells = vec![text(""), text(t(lang, key))];
            cells.extend(amounts(v));
            rows.push(Row::total(cells));
        }
    }
    Table {
        title: code_name(a.code.as_deref(), &a.name),
        kind: t(lang, "web-kind-activity"),
        page: a.page,
        sections: vec![Section {
            caption: Some(t(lang, "web-section-costs")),
            columns: cols,
            rows,
        }],
        highlights: vec![a.name.clone()],
    }
}

pub(super) fn departments(b: &BudgetProgramme, lang: Lang) -> Vec<Department> {
    render::departments(b)
        .iter()
        .map(|d| {
            let acts: Vec<&Activity> = d.activities.iter().filter_map(|u| u.get(b)).collect();
            let mut act_cols = vec![t(lang, "web-col-activity"), t(lang, "web-col-partners")];
            act_cols.extend(labels(&b.cost_columns));
            let rows = d
                .activities
                .iter()
                .filter_map(|u| {
                    let a = u.get(b)?;
                    let mut cells = vec![
                        text(code_name(a.code.as_deref(), &a.name)),
                        text(u.partners.join("; ")),
                    ];
                    cells.extend(amounts(&a.amounts.total));
                    Some(Row::new(cells))
                })
                .collect();
            let mut total_cells = vec![
                text(format!("{} ({})", t(lang, "web-row-all"), acts.len())),
                text(""),
            ];
            total_cells.extend((0..b.cost_columns.len()).map(|i| {
                amount(
                    sum(acts
                        .iter()
                        .map(|a| a.amounts.total.get(i).and_then(Option::as_ref)))
                    .as_ref(),
                )
            }));
            let mut tot_cols = vec![t(lang, "web-col-activities"), String::new()];
            tot_cols.extend(labels(&b.cost_columns));
            Department {
                slug: d.slug.clone(),
                name: d.name.clone(),
                other_names: d.names.iter().filter(|n| **n != d.name).cloned().collect(),
                activities: Section {
                    caption: None,
                    columns: act_cols,
                    rows,
                },
                totals: Section {
                    caption: None,
                    columns: tot_cols,
                    rows: vec![Row::total(total_cells)],
                },
                file: render::department_file_name(d),
            }
        })
        .collect()
}
