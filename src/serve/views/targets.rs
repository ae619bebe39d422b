//! The views of a performance-target document: goals, objectives, targets
//! with their indicators and activities, cost tables, summaries and units.

use super::{
    amount, indicator_section, layout_name, opt, sum, summary, t, text, texts, Department,
    Overview, Row, Section, Table,
};
use crate::i18n::Lang;
use crate::model::{ActivityCost, Programme, Target};
use crate::render::{self, ECONOMIC_NAMES};

pub(super) fn overview(p: &Programme, lang: Lang) -> Overview {
    let targets: Vec<&Target> = all_targets(p).collect();
    let counts = vec![
        (t(lang, "web-count-goals"), p.goals.len()),
        (
            t(lang, "web-count-objectives"),
            p.goals.iter().map(|g| g.objectives.len()).sum(),
        ),
        (t(lang, "web-count-targets"), targets.len()),
        (
            t(lang, "web-count-indicators"),
            targets.iter().map(|t| t.indicators.len()).sum(),
        ),
        (
            t(lang, "web-count-activities"),
            targets.iter().map(|t| t.activities.len()).sum(),
        ),
        (t(lang, "web-count-cost-tables"), p.activity_costs.len()),
    ];
    // The year's totals as the targets state them (Genel Toplam).
    let stated =
        |f: fn(&Target) -> Option<&rust_decimal::Decimal>| sum(targets.iter().map(|t| f(t)));
    let totals = vec![Row::new(vec![
        text(p.fiscal_year.to_string()),
        amount(stated(|t| t.stated_total.budget.as_ref()).as_ref()),
        amount(stated(|t| t.stated_total.off_budget.as_ref()).as_ref()),
        amount(stated(|t| t.stated_total.total.as_ref()).as_ref()),
    ])];
    Overview {
        institution: p.institution.clone(),
        year: p.fiscal_year,
        layout: layout_name(p.layout, lang),
        pages: p.source.pages,
        counts,
        total_columns: money_columns(lang, "web-col-year"),
        totals,
    }
}

fn all_targets(p: &Programme) -> impl Iterator<Item = &Target> {
    p.goals
        .iter()
        .flat_map(|g| g.objectives.iter())
        .flat_map(|o| o.targets.iter())
}

/// `[first, Bütçe, Bütçe Dışı, Toplam]`.
fn money_columns(lang: Lang, first: &str) -> Vec<String> {
    vec![
        t(lang, first),
        t(lang, "web-col-budget"),
        t(lang, "web-col-off-budget"),
        t(lang, "web-col-total"),
    ]
}

pub(super) fn tables(p: &Programme, lang: Lang) -> Vec<Table> {
    let mut out: Vec<Table> = all_targets(p).map(|tg| target_table(p, tg, lang)).collect();
    out.extend(p.activity_costs.iter().map(|a| cost_table(a, lang)));
    if let Some(r) = &p.resource_summary {
        let rows = r
            .rows
            .iter()
            .map(|row| {
                Row::new(vec![
                    text(&row.code),
                    text(&row.title),
                    amount(row.amount.as_ref()),
                    amount(row.share_of_targets.as_ref()),
                    amount(row.share_of_budget.as_ref()),
                ])
            })
            .chain(
                [
                    ("web-row-targets-total", &r.targets_total),
                    ("web-row-general-administration", &r.general_administration),
                    ("web-row-transfers", &r.transfers),
                    ("web-row-total-budget", &r.total_budget),
                ]
                .into_iter()
                .map(|(key, tot)| {
                    Row::total(vec![
                        text(""),
                        text(t(lang, key)),
                        amount(tot.amount.as_ref()),
                        amount(tot.share_of_targets.as_ref()),
                        amount(tot.share_of_budget.as_ref()),
                    ])
                }),
            )
            .collect();
        out.push(summary(
            lang,
            t(lang, "web-table-resource-summary"),
            texts(
                lang,
                &[
                    "web-col-code",
                    "web-col-title",
                    "web-col-amount",
                    "web-col-share-targets",
                    "web-col-share-budget",
                ],
            ),
            rows,
        ));
    }
    if let Some(e) = &p.economic_summary {
        let row = |r: &crate::model::EconomicRow, total: bool| {
            let cells = vec![
                opt(r.code.as_deref()),
                opt(r.name.as_deref()),
                amount(r.activities.as_ref()),
                amount(r.general_administration.as_ref()),
                amount(r.transfers.as_ref()),
                amount(r.total.as_ref()),
            ];
            if total {
                Row::total(cells)
            } else {
                Row::new(cells)
            }
        };
        let mut rows: Vec<Row> = e.rows.iter().map(|r| row(r, false)).collect();
        rows.push(row(&e.budget_total, true));
        rows.extend(e.off_budget.iter().map(|r| row(r, false)));
        rows.push(row(&e.off_budget_total, true));
        rows.push(row(&e.grand_total, true));
        out.push(summary(
            lang,
            t(lang, "web-table-economic-summary"),
            texts(
                lang,
                &[
                    "web-col-code",
                    "web-col-title",
                    "web-col-activities",
                    "web-col-general-administration",
                    "web-col-transfers",
                    "web-col-total",
                ],
            ),
            rows,
        ));
    }
    if !p.responsibilities.is_empty() {
        out.push(summary(
            lang,
            t(lang, "web-table-responsibilities"),
            texts(
                lang,
                &["web-col-target", "web-col-activity", "web-col-units"],
            ),
            p.responsibilities
                .iter()
                .map(|r| {
                    Row::new(vec![
                        text(&r.target),
                        text(&r.activity),
                        text(r.units.join("; ")),
                    ])
                })
                .collect(),
        ));
    }
    out
}

fn target_table(p: &Programme, tg: &Target, lang: Lang) -> Table {
    let indicators = indicator_section(
        lang,
        &p.indicator_columns,
        tg.indicators
            .iter()
            .map(|i| (i.name.as_str(), i.unit.as_deref(), i.values.as_slice())),
    );
    let mut rows: Vec<Row> = tg
        .activities
        .iter()
        .map(|a| {
            Row::new(vec![
                text(&a.name),
                amount(a.budget.as_ref()),
                amount(a.off_budget.as_ref()),
                amount(a.total.as_ref()),
            ])
        })
        .collect();
    let s = &tg.stated_total;
    rows.push(Row::total(vec![
        text(t(lang, "web-row-grand-total")),
        amount(s.budget.as_ref()),
        amount(s.off_budget.as_ref()),
        amount(s.total.as_ref()),
    ]));
    let activities = Section {
        caption: Some(t(lang, "web-section-activities")),
        columns: money_columns(lang, "web-col-activity"),
        rows,
    };
    Table {
        title: format!("{} {}", tg.code, tg.title),
        kind: t(lang, "web-kind-target"),
        page: tg.page,
        sections: vec![indicators, activities],
        highlights: tg.activities.iter().map(|a| a.name.clone()).collect(),
    }
}

fn cost_table(a: &ActivityCost, lang: Lang) -> Table {
    let mut rows: Vec<Row> = a
        .economic
        .values()
        .iter()
        .zip(ECONOMIC_NAMES)
        .enumerate()
        .map(|(i, (v, name))| {
            Row::new(vec![
                text((i + 1).to_string()),
                text(name),
                amount(v.as_ref()),
            ])
        })
        .collect();
    rows.push(Row::total(vec![
        text(""),
        text(t(lang, "web-row-budget-total")),
        amount(a.budget_total.as_ref()),
    ]));
    if let Some(o) = &a.off_budget {
        for (key, v) in [
            ("web-row-revolving-fund", &o.revolving_fund),
            ("web-row-other-domestic", &o.other_domestic),
            ("web-row-foreign", &o.foreign),
        ] {
            rows.push(Row::new(vec![
                text(""),
                text(t(lang, key)),
                amount(v.as_ref()),
            ]));
        }
    }
    rows.push(Row::total(vec![
        text(""),
        text(t(lang, "web-row-off-budget-total")),
        amount(a.off_budget_total.as_ref()),
    ]));
    rows.push(Row::total(vec![
        text(""),
        text(t(lang, "web-row-grand-total")),
        amount(a.total.as_ref()),
    ]));
    Table {
        title: format!("{} {}", a.target, a.activity),
        kind: t(lang, "web-kind-cost"),
        page: a.page,
        sections: vec![
            Section {
                caption: Some(t(lang, "web-section-units")),
                columns: vec![t(lang, "web-col-units")],
                rows: a.units.iter().map(|u| Row::new(vec![text(u)])).collect(),
            },
            Section {
                caption: Some(t(lang, "web-section-costs")),
                columns: vec![
                    t(lang, "web-col-code"),
                    t(lang, "web-col-title"),
                    t(lang, "web-col-amount"),
                ],
                rows,
            },
        ],
        highlights: vec![a.activity.clone()],
    }
}

pub(super) fn departments(p: &Programme, lang: Lang) -> Vec<Department> {
    render::departments(p)
        .iter()
        .map(|d| {
            let (sole, shared, all) = render::totals(p, d);
            let total_row = |key: &str, x: &render::Totals| {
                Row::new(vec![
                    text(format!("{} ({})", t(lang, key), x.count)),
                    amount(Some(&x.budget)),
                    amount(Some(&x.off_budget)),
                    amount(Some(&x.total)),
                ])
            };
            let mut totals = vec![
                total_row("web-row-sole", &sole),
                total_row("web-row-shared", &shared),
            ];
            let mut last = total_row("web-row-all", &all);
            last.total = true;
            totals.push(last);
            Department {
                slug: d.slug.clone(),
                name: d.name.clone(),
                other_names: d.names.iter().filter(|n| **n != d.name).cloned().collect(),
                activities: Section {
                    caption: None,
                    columns: vec![
                        t(lang, "web-col-target"),
                        t(lang, "web-col-activity"),
                        t(lang, "web-col-partners"),
                        t(lang, "web-col-total"),
                    ],
                    rows: d
                        .activities
                        .iter()
                        .map(|a| {
                            let total = a
                                .cost
                                .and_then(|i| p.activity_costs.get(i))
                                .and_then(|c| c.total);
                            Row::new(vec![
                                text(&a.target),
                                text(&a.activity),
                                text(a.partners.join("; ")),
                                amount(total.as_ref()),
                            ])
                        })
                        .collect(),
                },
                totals: Section {
                    caption: None,
                    columns: money_columns(lang, "web-col-activities"),
                    rows: totals,
                },
                file: render::department_file_name(d),
            }
        })
        .collect()
}
