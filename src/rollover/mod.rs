//! Next year's starting model from this year's ([`rollover`]).
//!
//! The plan (goals, objectives, targets, indicators, activities and their
//! responsible units) carries over. The indicator columns move forward by
//! the number of years rolled: each value follows its year and kind, so last
//! year's targets move left and the new years' columns start empty for
//! filling in. Amounts are emptied unless carried over on request. Page
//! numbers refer to last year's PDF and are dropped; `source` still names
//! the document the plan came from. Text that mentions last year (footnotes,
//! front matter) is kept as written and reported, for the editor to revise.
//!
//! A program-budget document rolls over by its own rules ([`budget`]).

use crate::model::{ActivityCost, Programme, Section, Value};

pub mod budget;

/// The rolled-over model (of either layout) and what its editor should look
/// at.
#[derive(Debug, Clone)]
pub struct Rollover<P = Programme> {
    /// Next year's model.
    pub programme: P,
    /// Things to revise by hand, one sentence each.
    pub notices: Vec<String>,
}

/// Why a programme cannot be rolled over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The new year is not after the programme's year.
    #[error("{}", crate::msg!("error-rollover-not-later", from = *from, to = *to))]
    NotLater { from: i32, to: i32 },
}

/// Rolls `p` over to the fiscal year `to`, emptying amounts unless
/// `carry_amounts`.
pub fn rollover(p: &Programme, to: i32, carry_amounts: bool) -> Result<Rollover, Error> {
    let from = p.fiscal_year;
    if to <= from {
        return Err(Error::NotLater { from, to });
    }
    let shift = to - from;
    let mut next = p.clone();
    next.fiscal_year = to;
    next.source.pages = None;
    for c in &mut next.indicator_columns {
        // The label names the year as printed (`2022 Gerçekleşen`,
        // `Uygulama Yılı 2020`): it moves with it.
        let old = c.year.to_string();
        c.year += shift;
        c.label = c.label.replace(&old, &c.year.to_string());
    }
    // Where each new column's values come from: the old column of the same year and kind.
    let origin: Vec<Option<usize>> = next
        .indicator_columns
        .iter()
        .map(|n| {
            p.indicator_columns
                .iter()
                .position(|o| o.year == n.year && o.kind == n.kind)
        })
        .collect();
    let mut notices = Vec::new();
    let old_year = from.to_string();
    let mut dated_notes = 0;
    for g in &mut next.goals {
        for o in &mut g.objectives {
            for t in &mut o.targets {
                t.page = None;
                for i in &mut t.indicators {
                    let old = std::mem::take(&mut i.values);
                    i.values = origin
                        .iter()
                        .map(|k| k.and_then(|k| old.get(k).cloned().flatten()))
                        .collect();
                }
                dated_notes += t.notes.iter().filter(|n| n.contains(&old_year)).count();
                if !carry_amounts {
                    for a in &mut t.activities {
                        (a.budget, a.off_budget, a.total) = (None, None, None);
                    }
                    t.stated_total = Default::default();
                }
            }
        }
    }
    for c in &mut next.activity_costs {
        c.page = None;
        if !carry_amounts {
            empty_costs(c);
        }
    }
    if let (false, Some(r)) = (carry_amounts, next.resource_summary.as_mut()) {
        for row in &mut r.rows {
            (row.amount, row.share_of_targets, row.share_of_budget) = (None, None, None);
        }
        for t in [
            &mut r.targets_total,
            &mut r.general_administration,
            &mut r.transfers,
            &mut r.total_budget,
        ] {
            *t = Default::default();
        }
    }
    if let (false, Some(e)) = (carry_amounts, next.economic_summary.as_mut()) {
        for row in e.rows.iter_mut().chain(e.off_budget.iter_mut()).chain([
            &mut e.budget_total,
            &mut e.off_budget_total,
            &mut e.grand_total,
        ]) {
            row.activities = None;
            row.general_administration = None;
            row.transfers = None;
            row.total = None;
        }
    }
    let dated_sections = front_matter_notice(&mut next.front_matter, from);

    let filled = |k: usize| {
        p.targets()
            .flat_map(|t| &t.indicators)
            .filter(|i| {
                matches!(
                    i.values.get(k),
                    Some(Some(Value::Number(_) | Value::Text(_)))
                )
            })
            .count()
    };
    for (k, (c, o)) in next.indicator_columns.iter().zip(&origin).enumerate() {
        let label = crate::workbook::layout::indicator_label(c);
        notices.push(
            match o {
                Some(o) => crate::msg!(
                    "notice-indicator-column-carried",
                    column = k + 1,
                    label = label,
                    count = filled(*o),
                    from_column = o + 1,
                    from = from
                ),
                None => crate::msg!(
                    "notice-indicator-column-empty",
                    column = k + 1,
                    label = label
                ),
            }
            .to_string(),
        );
    }
    if dated_notes > 0 {
        notices.push(
            crate::msg!("notice-footnotes-dated", count = dated_notes, from = from).to_string(),
        );
    }
    notices.extend(dated_sections);
    notices.push(if carry_amounts {
        crate::msg!("notice-amounts-carried", from = from).to_string()
    } else {
        crate::msg!("notice-amounts-empty").to_string()
    });
    Ok(Rollover {
        programme: next,
        notices,
    })
}

fn empty_costs(c: &mut ActivityCost) {
    c.economic = Default::default();
    c.off_budget = c.off_budget.as_ref().map(|_| Default::default());
    c.budget_total = None;
    c.off_budget_total = None;
    c.total = None;
}

/// Drops the front matter's page numbers (they refer to last year's PDF)
/// and names the sections that mention the old `year`, as a notice.
fn front_matter_notice(sections: &mut [Section], year: i32) -> Option<String> {
    let old_year = year.to_string();
    let mut dated = Vec::new();
    for s in sections {
        s.page = None;
        if section_mentions(s, &old_year) {
            dated.push(if s.title.is_empty() {
                crate::msg!("notice-untitled-section").to_string()
            } else {
                format!("“{}”", s.title)
            });
        }
    }
    (!dated.is_empty()).then(|| {
        crate::msg!(
            "notice-sections-dated",
            count = dated.len(),
            year = year,
            sections = dated.join(", ")
        )
        .to_string()
    })
}

fn section_mentions(s: &Section, year: &str) -> bool {
    use crate::model::Block;
    s.title.contains(year)
        || s.blocks.iter().any(|b| match b {
            Block::Paragraph { text } => text.contains(year),
            Block::List { items } => items.iter().any(|i| i.contains(year)),
            Block::Table { header, rows } => header
                .iter()
                .chain(rows.iter().flatten())
                .any(|c| c.contains(year)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnKind, IndicatorColumn};

    fn golden() -> Programme {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/programme.json");
        Programme::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn columns_move_forward_and_values_follow_their_year() {
        let p = golden();
        let r = rollover(&p, p.fiscal_year + 1, false).unwrap().programme;
        let cols: Vec<(i32, Option<ColumnKind>)> = r
            .indicator_columns
            .iter()
            .map(|c| (c.year, c.kind))
            .collect();
        let old: Vec<&IndicatorColumn> = p.indicator_columns.iter().collect();
        for (n, o) in cols.iter().zip(&old) {
            assert_eq!(n.0, o.year + 1);
            assert_eq!(n.1, o.kind);
        }
        // The labels name the new years: `2023 Gerçekleşen`, …
        let labels: Vec<&str> = r
            .indicator_columns
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(labels, ["2023 Gerçekleşen", "2024 Hedef", "2025 Hedef"]);
        let (pt, rt) = (p.targets().next().unwrap(), r.targets().next().unwrap());
        for (pi, ri) in pt.indicators.iter().zip(&rt.indicators) {
            // 2022 actual, 2023 target, 2024 target → 2023 actual (empty),
            // 2024 target (last year's), 2025 target (empty).
            assert_eq!(ri.values, vec![None, pi.values[2].clone(), None]);
        }
        assert_eq!(r.fiscal_year, p.fiscal_year + 1);
        assert!(r
            .targets()
            .all(|t| t.page.is_none() && t.stated_total.total.is_none()));
        assert!(r
            .activity_costs
            .iter()
            .all(|c| c.total.is_none() && c.page.is_none()));
        assert!(r
            .economic_summary
            .as_ref()
            .unwrap()
            .grand_total
            .total
            .is_none());
        assert_eq!(r.activity_costs.len(), p.activity_costs.len());
        assert_eq!(r.responsibilities, p.responsibilities);
    }

    #[test]
    fn amounts_carry_over_on_request() {
        let p = golden();
        let r = rollover(&p, p.fiscal_year + 1, true).unwrap().programme;
        let amounts =
            |p: &Programme| -> Vec<_> { p.activity_costs.iter().map(|c| c.total).collect() };
        assert_eq!(amounts(&r), amounts(&p));
        assert_eq!(r.resource_summary, p.resource_summary);
    }

    #[test]
    fn the_new_year_must_be_later() {
        let p = golden();
        assert!(rollover(&p, p.fiscal_year, false).is_err());
        let two = rollover(&p, p.fiscal_year + 2, false).unwrap().programme;
        // Two years on, 2024 is an actual column: no target value fits any column.
        assert!(two
            .targets()
            .flat_map(|t| &t.indicators)
            .all(|i| i.values.iter().all(Option::is_none)));
    }
}

#[cfg(test)]
mod v2_tests {
    use super::*;
    use crate::model::{ColumnKind, IndicatorColumn};

    /// Any number of columns, kinds null included, move by year; a label
    /// that names its year elsewhere (`Uygulama Yılı 2020`) moves too.
    #[test]
    fn columns_of_any_count_and_kind_move_forward() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/samples/programme.json"
        ))
        .unwrap();
        let mut p = Programme::from_json(&text).unwrap();
        p.indicator_columns = vec![
            IndicatorColumn::new(2022, None),
            IndicatorColumn::new(2023, None),
            IndicatorColumn {
                year: 2024,
                kind: None,
                label: "Uygulama Yılı 2024".into(),
            },
            IndicatorColumn::new(2025, Some(ColumnKind::Target)),
        ];
        for t in p
            .goals
            .iter_mut()
            .flat_map(|g| &mut g.objectives)
            .flat_map(|o| &mut o.targets)
        {
            for i in &mut t.indicators {
                i.values = vec![None, None, Some(Value::Text("x".into())), None];
            }
        }
        let r = rollover(&p, 2025, false).unwrap().programme;
        let labels: Vec<&str> = r
            .indicator_columns
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(labels, ["2023", "2024", "Uygulama Yılı 2025", "2026 Hedef"]);
        // The 2024 value (a column without a kind) moved one to the left.
        let i = &r.targets().next().unwrap().indicators[0];
        assert_eq!(i.values[1], Some(Value::Text("x".into())));
        assert_eq!(i.values[2], None);
        assert!(r.indicator_columns[2].kind.is_none());
    }
}
