//! Next year's starting model of a program-budget document ([`rollover`]).
//!
//! Programs, alt programs, their goals, indicators and activities (names,
//! codes, units, descriptions, economic codes) carry over. Every indicator
//! and cost column moves forward by the years rolled, its label with it
//! (`2025 Haziran Sonu Harcama` → `2026 Haziran Sonu Harcama`: each year
//! number in the label moves, the other words stay). Then each new column
//! takes, for its year, the figures a strategy office would start from:
//!
//! - **Years before the new fiscal year** hold facts and adopted plans, so
//!   they always move, by year and kind: a cost column takes the old column
//!   of the same year and kind (the new `2026 Bütçe` is last year's
//!   `2026 Bütçe`, the adopted budget); an indicator column likewise, and a
//!   `Planlanan` column takes the old `Hedef` of its year when there is no
//!   old `Planlanan` (what was planned for 2026 is the 2026 target). No
//!   other kind stands in: a forecast never becomes a budget, an actual or
//!   a year-end estimate of a past year, and a year's actuals and year-end
//!   estimates, which last year's document could not know, start empty
//!   (rolled over two years, the old `2027 Tahmin` fills no 2027 column).
//! - **The new fiscal year and the years after it** hold plans and
//!   forecasts, which the office revises: they start empty, unless
//!   `carry_amounts` asks to start from last year's figures. Then a column
//!   takes the old column of the same year and kind, and a budget or a
//!   target column, where there is none, the forecast (Tahmin) of its year:
//!   the old `2027 Tahmin` becomes the new `2027 Bütçe` and `2027 Hedef`,
//!   the old `2028 Tahmin` the new `2028 Tahmin`. The flag carries the
//!   indicators' forecasts as well as the amounts.
//! - Every other new column is empty (null, never 0).
//!
//! Every array moves the same way: an activity's Bütçe İçi, Bütçe Dışı and
//! total rows and its economic lines, the alt programs' stated totals, the
//! program and economic summaries (by their own columns where they print
//! other years) and the indicator values. An alt program's own printed
//! columns move by year too. Page numbers refer to last year's PDF and are
//! dropped. Text that mentions last year is kept and reported, and so is
//! every old column whose figures no new column takes.

use crate::model::budget::{BudgetProgramme, CostColumn, CostKind, CostRow, YearColumn};
use crate::model::{ColumnKind, IndicatorColumn, Value};

use super::{front_matter_notice, Error, Rollover};

/// A column of either table, as the rules above see it.
trait Column: YearColumn {
    /// The old kinds a new column of `kind` takes the figures of (same
    /// year), best first: for a year before the new fiscal year (`past`),
    /// else for a later one with `carry_amounts`.
    fn sources(kind: Option<Self::Kind>, past: bool) -> Vec<Option<Self::Kind>>;
}

impl Column for CostColumn {
    fn sources(kind: Option<CostKind>, past: bool) -> Vec<Option<CostKind>> {
        use CostKind::*;
        match (kind, past) {
            (Some(Budget), false) => vec![Some(Budget), Some(Estimate)],
            (Some(Actual), false) => vec![],
            (k, _) => vec![k],
        }
    }
}

impl Column for IndicatorColumn {
    fn sources(kind: Option<ColumnKind>, past: bool) -> Vec<Option<ColumnKind>> {
        use ColumnKind::*;
        match (kind, past) {
            (Some(Planned), true) => vec![Some(Planned), Some(Target)],
            (Some(Target), false) => vec![Some(Target), Some(Estimate)],
            (Some(Planned), false) => vec![Some(Planned), Some(Target), Some(Estimate)],
            (Some(Actual), false) => vec![],
            (k, _) => vec![k],
        }
    }
}

/// `label` with every year number in it (four digits standing alone,
/// 1900–2199) moved by `shift`: `2025 Haziran Sonu Harcama` →
/// `2026 Haziran Sonu Harcama`.
pub fn move_years(label: &str, shift: i32) -> String {
    let mut out = String::with_capacity(label.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<i32>() {
            Ok(y) if digits.len() == 4 && (1900..2200).contains(&y) => {
                out.push_str(&y.saturating_add(shift).to_string())
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in label.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// The old columns moved forward by `shift` years, and where each one's
/// figures come from: the index of an old column, or none (empty).
fn move_columns<C: Column>(old: &[C], shift: i32, to: i32, carry: bool) -> (Vec<C>, Origins) {
    let new: Vec<C> = old
        .iter()
        .map(|c| {
            C::make(
                c.year().saturating_add(shift),
                c.kind(),
                move_years(c.label(), shift),
            )
        })
        .collect();
    let origin = new
        .iter()
        .map(|n| {
            let past = n.year() < to;
            if !past && !carry {
                return None;
            }
            // A past year takes only what the old document knew of it (its
            // budget year and before): never a forecast.
            let known = |o: &C| !past || o.year() <= to.saturating_sub(shift);
            C::sources(n.kind(), past).into_iter().find_map(|k| {
                old.iter()
                    .position(|o| o.year() == n.year() && o.kind() == k && known(o))
            })
        })
        .collect();
    (new, origin)
}

/// For each new column, the old column its figures come from.
type Origins = Vec<Option<usize>>;

/// One array of figures, moved: entry k is the old entry `origin[k]`.
fn pick<T: Clone>(old: &[Option<T>], origin: &[Option<usize>]) -> Vec<Option<T>> {
    origin
        .iter()
        .map(|o| o.and_then(|k| old.get(k).cloned().flatten()))
        .collect()
}

fn pick_row(row: &mut CostRow, origin: &[Option<usize>]) {
    for a in [&mut row.budget, &mut row.off_budget].into_iter().flatten() {
        *a = pick(a, origin);
    }
    row.total = pick(&row.total, origin);
}

/// Rolls `b` over to the fiscal year `to`. Without `carry_amounts` the new
/// fiscal year's and later years' columns start empty; with it, from last
/// year's figures and forecasts (see the module's rules).
pub fn rollover(
    b: &BudgetProgramme,
    to: i32,
    carry_amounts: bool,
) -> Result<Rollover<BudgetProgramme>, Error> {
    let from = b.fiscal_year;
    if to <= from {
        return Err(Error::NotLater { from, to });
    }
    let shift = to.saturating_sub(from);
    let (indicator_columns, ind_origin) =
        move_columns(&b.indicator_columns, shift, to, carry_amounts);
    let (cost_columns, cost_origin) = move_columns(&b.cost_columns, shift, to, carry_amounts);
    let mut next = b.clone();
    next.fiscal_year = to;
    next.source.pages = None;
    next.indicator_columns = indicator_columns;
    next.cost_columns = cost_columns;

    let old_year = from.to_string();
    let mut dated = Dated::default();
    let mut own_columns = Vec::new();
    for p in &mut next.programs {
        p.page = None;
        for s in &mut p.sub_programs {
            s.page = None;
            let own = &mut s.columns_as_printed;
            if !own.is_empty() {
                own_columns.push(s.code.clone().unwrap_or_else(|| s.name.clone()));
                own.indicators = move_columns(&own.indicators, shift, to, carry_amounts).0;
                own.costs = move_columns(&own.costs, shift, to, carry_amounts).0;
            }
            dated.goals += s
                .goals
                .iter()
                .filter(|g| g.text.contains(&old_year))
                .count();
            for i in &mut s.indicators {
                i.values = pick(&i.values, &ind_origin);
                dated.indicators += [&i.description, &i.calculation, &i.data_source]
                    .into_iter()
                    .flatten()
                    .any(|t| t.contains(&old_year)) as usize;
            }
            for a in &mut s.activities {
                a.page = None;
                pick_row(&mut a.amounts, &cost_origin);
                for e in &mut a.economic {
                    e.amounts = pick(&e.amounts, &cost_origin);
                }
                dated.activities +=
                    a.description
                        .as_ref()
                        .is_some_and(|d| d.contains(&old_year)) as usize;
            }
            if let Some(t) = &mut s.stated_total {
                pick_row(t, &cost_origin);
            }
        }
    }
    if let Some(ps) = &mut next.program_summary {
        let origin = summary_columns(&mut ps.columns, shift, to, carry_amounts, &cost_origin);
        for r in &mut ps.rows {
            r.amounts = pick(&r.amounts, &origin);
        }
        if let Some(t) = &mut ps.total {
            *t = pick(t, &origin);
        }
    }
    if let Some(es) = &mut next.economic_summary {
        let origin = summary_columns(&mut es.columns, shift, to, carry_amounts, &cost_origin);
        for r in &mut es.rows {
            r.amounts = pick(&r.amounts, &origin);
        }
        if let Some(t) = &mut es.total {
            *t = pick(t, &origin);
        }
    }

    let mut notices = Vec::new();
    let filled_values = |k: usize| {
        b.sub_programs()
            .flat_map(|(_, s)| &s.indicators)
            .filter(|i| {
                matches!(
                    i.values.get(k),
                    Some(Some(Value::Number(_) | Value::Text(_)))
                )
            })
            .count()
    };
    let filled_amounts = |k: usize| {
        b.activities()
            .filter(|(_, _, a)| a.amounts.total.get(k).is_some_and(Option::is_some))
            .count()
    };
    column_notices(
        &mut notices,
        ("indicator", "values"),
        (&b.indicator_columns, &next.indicator_columns, &ind_origin),
        filled_values,
        (from, to, carry_amounts),
    );
    column_notices(
        &mut notices,
        ("cost", "amounts"),
        (&b.cost_columns, &next.cost_columns, &cost_origin),
        filled_amounts,
        (from, to, carry_amounts),
    );
    if !own_columns.is_empty() {
        notices.push(
            crate::msg!(
                "notice-own-columns",
                count = own_columns.len(),
                sub_programs = own_columns.join(", ")
            )
            .to_string(),
        );
    }
    for (n, what) in [
        (dated.goals, "goals"),
        (dated.indicators, "indicators"),
        (dated.activities, "activities"),
    ] {
        if n > 0 {
            let notice = crate::msg!("notice-texts-dated", count = n, what = what, from = from);
            notices.push(notice.to_string());
        }
    }
    notices.extend(front_matter_notice(&mut next.front_matter, from));
    notices.push(if carry_amounts {
        crate::msg!("notice-budget-carried", to = to, from = from).to_string()
    } else {
        crate::msg!("notice-budget-empty", to = to).to_string()
    });
    Ok(Rollover {
        programme: next,
        notices,
    })
}

/// Texts that mention the old year, counted.
#[derive(Default)]
struct Dated {
    goals: usize,
    indicators: usize,
    activities: usize,
}

/// A summary's own columns moved (where it prints them), and where its
/// figures come from; without its own columns, the cost columns' origins.
fn summary_columns(
    columns: &mut Vec<CostColumn>,
    shift: i32,
    to: i32,
    carry: bool,
    cost_origin: &[Option<usize>],
) -> Origins {
    if columns.is_empty() {
        return cost_origin.to_vec();
    }
    let (new, origin) = move_columns(columns, shift, to, carry);
    *columns = new;
    origin
}

/// One notice per new column (where its figures come from, and how many
/// rows have one), then one per old column whose figures no new column
/// takes, with the reason.
fn column_notices<C: Column>(
    notices: &mut Vec<String>,
    (table, figures): (&str, &str),
    (old, new, origin): (&[C], &[C], &[Option<usize>]),
    filled: impl Fn(usize) -> usize,
    (from, to, carry): (i32, i32, bool),
) {
    for (k, (c, o)) in new.iter().zip(origin).enumerate() {
        notices.push(
            match o.and_then(|o| old.get(o).map(|c| (o, c))) {
                Some((o, oc)) => crate::msg!(
                    "notice-column-takes",
                    table = table,
                    column = k + 1,
                    label = c.label(),
                    count = filled(o),
                    figures = figures,
                    from = from,
                    from_label = oc.label()
                ),
                None => crate::msg!(
                    "notice-column-empty",
                    table = table,
                    column = k + 1,
                    label = c.label()
                ),
            }
            .to_string(),
        );
    }
    let first = new.iter().map(YearColumn::year).min().unwrap_or(to);
    let mut dropped_out = Vec::new();
    for (k, c) in old.iter().enumerate() {
        if origin.contains(&Some(k)) {
            continue;
        }
        if c.year() < first {
            dropped_out.push(format!("“{}”", c.label()));
        } else if c.year() >= to && !carry {
            let notice = crate::msg!(
                "notice-column-not-carried",
                from = from,
                table = table,
                label = c.label()
            );
            notices.push(notice.to_string());
        } else if filled(k) > 0 {
            let notice = crate::msg!(
                "notice-column-no-taker",
                from = from,
                table = table,
                label = c.label(),
                to = to
            );
            notices.push(notice.to_string());
        }
    }
    if !dropped_out.is_empty() {
        let notice = crate::msg!(
            "notice-columns-dropped",
            from = from,
            table = table,
            labels = dropped_out.join(", "),
            to = to
        );
        notices.push(notice.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_numbers_in_labels_move() {
        assert_eq!(
            move_years("2025 Haziran Sonu Harcama", 1),
            "2026 Haziran Sonu Harcama"
        );
        assert_eq!(move_years("Uygulama Yılı 2020", 2), "Uygulama Yılı 2022");
        assert_eq!(
            move_years("2024-2025 Ortalaması", 1),
            "2025-2026 Ortalaması"
        );
        // Other numbers stay.
        assert_eq!(move_years("12345 Tahmin 0001", 1), "12345 Tahmin 0001");
    }

    #[test]
    fn kinds_stand_in_as_a_strategy_office_would() {
        let old = vec![
            IndicatorColumn::new(2024, Some(ColumnKind::Actual)),
            IndicatorColumn::new(2025, Some(ColumnKind::Planned)),
            IndicatorColumn::new(2025, Some(ColumnKind::Estimate)),
            IndicatorColumn::new(2026, Some(ColumnKind::Target)),
            IndicatorColumn::new(2027, Some(ColumnKind::Estimate)),
            IndicatorColumn::new(2028, Some(ColumnKind::Estimate)),
        ];
        let (new, origin) = move_columns(&old, 1, 2027, false);
        assert_eq!(new[1].label, "2026 Planlanan");
        assert_eq!(origin, [None, Some(3), None, None, None, None]);
        let (_, origin) = move_columns(&old, 1, 2027, true);
        assert_eq!(origin, [None, Some(3), None, Some(4), Some(5), None]);
        // Two years on, the old forecast of 2027 is a past year's: it
        // never becomes its plan; the 2028 forecast starts the 2028 target.
        let (_, origin) = move_columns(&old, 2, 2028, true);
        assert_eq!(origin, [None, None, None, Some(5), None, None]);
    }

    #[test]
    fn cost_columns_take_the_budget_and_with_carrying_the_forecasts() {
        use CostKind::*;
        let old: Vec<CostColumn> = [
            (2025, Budget),
            (2025, Actual),
            (2025, Estimate),
            (2026, Budget),
            (2027, Estimate),
            (2028, Estimate),
        ]
        .into_iter()
        .map(|(y, k)| CostColumn::new(y, Some(k)))
        .collect();
        let (new, origin) = move_columns(&old, 1, 2027, false);
        assert_eq!(new[1].label, "2026 Harcama");
        assert_eq!(origin, [Some(3), None, None, None, None, None]);
        let (_, origin) = move_columns(&old, 1, 2027, true);
        assert_eq!(origin, [Some(3), None, None, Some(4), Some(5), None]);
        let (_, origin) = move_columns(&old, 2, 2028, true);
        assert_eq!(origin, [None, None, None, Some(5), None, None]);
    }
}
