//! The checks inside the alt programs' blocks: an activity's rows and
//! economic lines, an alt program's total row (the sums), and the codes,
//! the duplicates and the tables not printed (the structure).

use super::{activity_total, cell, extends, label, place, same_code, width};
use crate::audit::checks::{not_run_findings, part, reconcile, sum, z};
use crate::audit::{table, Finding, Severity};
use crate::model::budget::{Activity, BudgetProgramme, EconomicLine, SubProgram};
use crate::model::Dec;
use crate::msg;
use crate::normalize::{format_number, normalize_key};

/// `budget.line.sum`, `budget.total` and `budget.economic`, in document order.
pub(super) fn sums(b: &BudgetProgramme, out: &mut Vec<Finding>) {
    let n = width(b);
    for (_, s, a) in b.activities() {
        line_sum(b, s, a, n, out);
        economic(b, s, a, n, out);
    }
    for (_, s) in b.sub_programs() {
        total(b, s, n, out);
    }
}

/// An error finding about an activity of `s`.
fn on_activity(check: &str, s: &SubProgram, a: &Activity) -> Finding {
    Finding::new(check, Severity::Error, table::COST)
        .target(place(s))
        .activity(&a.name)
        .page(a.page)
}

/// `budget.line.sum`: Bütçe İçi + Bütçe Dışı vs Toplam, where the activity
/// prints both rows.
fn line_sum(b: &BudgetProgramme, s: &SubProgram, a: &Activity, n: usize, out: &mut Vec<Finding>) {
    let r = &a.amounts;
    let (Some(budget), Some(off)) = (&r.budget, &r.off_budget) else {
        return;
    };
    for i in 0..n {
        out.extend(reconcile(
            on_activity("budget.line.sum", s, a),
            cell(&r.total, i),
            z(cell(budget, i)) + z(cell(off, i)),
            msg!("what-budget-line-sum", column = label(&b.cost_columns, i)),
        ));
    }
}

/// The lines of a breakdown that sums add: those whose code has no
/// ancestor among the other lines (`03.2` is left out where `03` is printed).
pub(super) fn outermost<'a>(lines: &[&'a EconomicLine]) -> Vec<&'a EconomicLine> {
    lines
        .iter()
        .filter(|l| !lines.iter().any(|m| extends(&l.code, &m.code)))
        .copied()
        .collect()
}

/// `budget.economic`: an activity's economic lines vs its total, or vs its
/// Bütçe İçi row where the lines break that row down (see the module doc).
fn economic(b: &BudgetProgramme, s: &SubProgram, a: &Activity, n: usize, out: &mut Vec<Finding>) {
    if a.economic.is_empty() {
        return;
    }
    let lines = outermost(&a.economic.iter().collect::<Vec<_>>());
    let sums: Vec<Dec> = (0..n)
        .map(|i| sum(lines.iter().map(|l| cell(&l.amounts, i))))
        .collect();
    let totals: Vec<Option<Dec>> = (0..n).map(|i| activity_total(a, i)).collect();
    let agree = |row: &[Option<Dec>]| sums.iter().zip(row).filter(|(s, r)| **s == z(**r)).count();
    let budget: Option<Vec<Option<Dec>>> = a
        .amounts
        .budget
        .as_ref()
        .map(|r| (0..n).map(|i| cell(r, i)).collect());
    let off_budget_money = a
        .amounts
        .off_budget
        .iter()
        .flatten()
        .any(|c| c.is_some_and(|d| !d.is_zero()));
    let (row, name) = match budget {
        Some(bud) if off_budget_money && agree(&bud) > agree(&totals) => (bud, "budget"),
        _ => (totals, "total"),
    };
    for (i, (stated, computed)) in row.into_iter().zip(sums).enumerate() {
        out.extend(reconcile(
            on_activity("budget.economic", s, a).page(a.page),
            stated,
            computed,
            msg!(
                "what-budget-economic",
                column = label(&b.cost_columns, i),
                row = name,
                count = lines.len()
            ),
        ));
    }
}

/// `budget.total`: each printed row of an alt program's total vs the sum
/// of its activities.
fn total(b: &BudgetProgramme, s: &SubProgram, n: usize, out: &mut Vec<Finding>) {
    let Some(st) = &s.stated_total else {
        return;
    };
    let acts = &s.activities;
    /// A row's name, its stated cells, and an activity's part of it.
    type Row<'a> = (
        &'a str,
        Option<&'a Vec<Option<Dec>>>,
        fn(&Activity, usize) -> Option<Dec>,
    );
    let rows: [Row; 3] = [
        ("Toplam", Some(&st.total), activity_total),
        ("Bütçe İçi", st.budget.as_ref(), |a, i| {
            super::opt_cell(a.amounts.budget.as_ref(), i)
        }),
        ("Bütçe Dışı", st.off_budget.as_ref(), |a, i| {
            super::opt_cell(a.amounts.off_budget.as_ref(), i)
        }),
    ];
    for (row_name, row, part) in rows {
        let Some(row) = row else { continue };
        for i in 0..n {
            out.extend(reconcile(
                Finding::new("budget.total", Severity::Error, table::COST)
                    .target(place(s))
                    .activity(format!("{row_name} ({})", s.name))
                    .page(s.page),
                cell(row, i),
                sum(acts.iter().map(|a| part(a, i))),
                msg!(
                    "what-budget-total",
                    column = label(&b.cost_columns, i),
                    row = row_name,
                    count = acts.len()
                ),
            ));
        }
    }
}

/// `budget.code.parent`, `budget.duplicate` and `audit.not_run`.
pub(super) fn structure(b: &BudgetProgramme, out: &mut Vec<Finding>) {
    codes(b, out);
    for (_, s) in b.sub_programs() {
        duplicates(b, s, out);
    }
    let no_breakdown = b.activities().all(|(_, _, a)| a.economic.is_empty());
    not_run_findings(
        &[
            (
                b.program_summary.is_none(),
                table::PROGRAM_SUMMARY,
                msg!("not-run-program-summary"),
            ),
            (
                b.economic_summary.is_none(),
                table::BUDGET_BY_ECONOMIC_CODE,
                msg!("not-run-economic-code-summary"),
            ),
            (
                no_breakdown,
                table::ACTIVITY_ECONOMIC,
                msg!("not-run-activity-economic"),
            ),
        ],
        out,
    );
}

/// `budget.code.parent`: an alt program's code under its program's, an
/// activity's under its alt program's (or its program's).
fn codes(b: &BudgetProgramme, out: &mut Vec<Finding>) {
    for p in &b.programs {
        for s in &p.sub_programs {
            if let (Some(pc), Some(sc)) = (&p.code, &s.code) {
                if !extends(sc, pc) {
                    out.push(
                        Finding::new("budget.code.parent", Severity::Warning, table::PROGRAM)
                            .target(sc)
                            .activity(&s.name)
                            .page(s.page)
                            .message(msg!(
                                "finding-budget-code-sub-program",
                                code = sc,
                                parent = pc
                            )),
                    );
                }
            }
            let parent = s
                .code
                .as_deref()
                .map(|c| ("alt program", c))
                .or(p.code.as_deref().map(|c| ("program", c)));
            let Some((level, pc)) = parent else { continue };
            for a in &s.activities {
                let Some(ac) = &a.code else { continue };
                if !extends(ac, pc) {
                    out.push(
                        Finding::new("budget.code.parent", Severity::Warning, table::COST)
                            .target(place(s))
                            .activity(&a.name)
                            .page(a.page)
                            .message(msg!(
                                "finding-budget-code-activity",
                                code = ac,
                                level = level,
                                parent = pc
                            )),
                    );
                }
            }
        }
    }
}

/// The earlier entry of `items` (before `i`) with the same code or name as
/// entry `i`, and which of the two they share.
fn earlier<T>(
    items: &[T],
    i: usize,
    code: impl Fn(&T) -> Option<&str>,
    name: impl Fn(&T) -> &str,
) -> Option<(usize, &'static str)> {
    let x = items.get(i)?;
    let key = normalize_key(name(x));
    items[..i]
        .iter()
        .enumerate()
        .find_map(|(j, y)| match (code(x), code(y)) {
            (Some(a), Some(b)) if same_code(a, b) => Some((j, "code")),
            _ if normalize_key(name(y)) == key => Some((j, "name")),
            _ => None,
        })
}

/// `budget.duplicate`: an indicator or activity printed twice in `s`.
fn duplicates(b: &BudgetProgramme, s: &SubProgram, out: &mut Vec<Finding>) {
    let inds = &s.indicators;
    for i in 0..inds.len() {
        let Some((j, by)) = earlier(inds, i, |x| x.code.as_deref(), |x| &x.name) else {
            continue;
        };
        out.push(
            Finding::new("budget.duplicate", Severity::Warning, table::INDICATORS)
                .target(place(s))
                .activity(&inds[i].name)
                .page(s.page)
                .message(msg!(
                    "finding-budget-duplicate-indicator",
                    number = i + 1,
                    sub_program = place(s),
                    by = by,
                    other = j + 1,
                    name = &inds[j].name
                )),
        );
    }
    let acts = &s.activities;
    let n = width(b);
    for i in 0..acts.len() {
        let Some((j, by)) = earlier(acts, i, |x| x.code.as_deref(), |x| &x.name) else {
            continue;
        };
        let a = &acts[i];
        // The first column where it carries money, if any.
        let carried = (0..n).find_map(|c| {
            activity_total(a, c)
                .filter(|d| !d.is_zero())
                .map(|d| (c, d))
        });
        let counted = match carried {
            Some((c, d)) => msg!(
                "part-counted-twice",
                amount = format_number(&d),
                column = label(&b.cost_columns, c)
            ),
            None => part(None),
        };
        out.push(
            on_activity("budget.duplicate", s, a)
                .severity(if carried.is_some() {
                    Severity::Error
                } else {
                    Severity::Warning
                })
                .message(msg!(
                    "finding-budget-duplicate-activity",
                    name = &a.name,
                    code = part(a.code.as_deref().map(|c| msg!("part-code", code = c))),
                    sub_program = place(s),
                    by = by,
                    page = part(acts[j].page.map(|p| msg!("part-on-page", page = p))),
                    counted = counted
                )),
        );
    }
}
