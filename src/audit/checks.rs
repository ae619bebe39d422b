//! The table checks of the audit: sums within each table, and agreement
//! across tables (see the table of checks in the module doc of `audit`).

use std::collections::{BTreeSet, HashMap};

use rust_decimal::{Decimal, RoundingStrategy};

use super::matching::{pair, How, Item, Pairing};
use super::{table, Finding, Severity};
use crate::i18n::{Message, MessageArg};
use crate::model::{
    ActivityCost, ActivityLine, EconomicRow, Level, Programme, ResourceTotal, Target,
};
use crate::msg;
use crate::normalize::{format_number, normalize_key};

/// Runs the table checks in report order.
pub fn run(p: &Programme) -> Vec<Finding> {
    let mut out = Vec::new();
    target_tables(p, &mut out);
    cost_tables(p, &mut out);
    printed_titles(p, &mut out);
    // Which responsibilities row and which activity line each cost table pairs with:
    // a name spelled alike in the target table and the responsibilities table but
    // differently in the cost table is reported once, with the activity line.
    let resp_of_cost = paired_with_costs(p, &responsibility_items(p));
    let line_of_cost = paired_with_costs(p, &line_items(p));
    cross_activities(p, &mut out, &resp_of_cost);
    cross_responsibilities(p, &mut out, &line_of_cost);
    cross_summaries(p, &mut out);
    resource_summary(p, &mut out);
    economic_summary(p, &mut out);
    codes(p, &mut out);
    not_run(p, &mut out);
    out
}

/// Goal, objective and target titles the cost tables and the
/// responsibilities table print otherwise than the performance-target
/// tables: one finding per table, code and spelling, with how many cost
/// tables print it and the first one's page, or the page of the
/// responsibilities row that prints it.
fn printed_titles(p: &Programme, out: &mut Vec<Finding>) {
    let titles = crate::model::titles_by_code(&p.goals);
    // (table, level, code, printed title) → (tables, first page), in document order.
    type Spelling<'a> = (&'static str, Level, &'a str, &'a str);
    let mut seen: Vec<(Spelling, usize, Option<u32>)> = Vec::new();
    let costs = p.activity_costs.iter().flat_map(|c| {
        c.titles_as_printed
            .iter()
            .map(move |t| (table::COST, t, t.page.or(c.page)))
    });
    let rows = p.responsibilities.iter().flat_map(|r| {
        r.titles_as_printed
            .iter()
            .map(|t| (table::RESPONSIBILITIES, t, t.page))
    });
    for (table, t, page) in costs.chain(rows) {
        let key = (table, t.level, code_key(&t.code), t.title.as_str());
        match seen.iter_mut().find(|s| s.0 == key) {
            Some(s) => {
                s.1 += 1;
                s.2 = s.2.or(page);
            }
            None => seen.push((key, 1, page)),
        }
    }
    for ((table, level, code, printed), n, page) in seen {
        let Some(canonical) = titles.get(&(level, code)) else {
            continue;
        };
        let place = match (table == table::COST, page) {
            (true, Some(pg)) => msg!("place-cost-tables-from-page", count = n, page = pg),
            (true, None) => msg!("place-cost-tables", count = n),
            (false, Some(pg)) => msg!("place-responsibilities-table-on-page", page = pg),
            (false, None) => msg!("place-responsibilities-table"),
        };
        out.extend(
            title_finding(level, code, printed, canonical, (table, place)).map(|f| f.page(page)),
        );
    }
}

/// The checks that could not run, one finding each, with why: the tables
/// the administration does not print.
fn not_run(p: &Programme, out: &mut Vec<Finding>) {
    let missing = [
        (
            p.activity_costs.is_empty(),
            table::COST,
            msg!("not-run-costs"),
        ),
        (
            p.resource_summary.is_none(),
            table::RESOURCE,
            msg!("not-run-resource"),
        ),
        (
            p.economic_summary.is_none(),
            table::ECONOMIC,
            msg!("not-run-economic"),
        ),
        (
            p.responsibilities.is_empty(),
            table::RESPONSIBILITIES,
            msg!("not-run-responsibilities"),
        ),
    ];
    not_run_findings(&missing, out);
}

/// One `audit.not_run` finding per table not printed: (not printed, table
/// id, the catalogue key of the checks left out and why).
pub(super) fn not_run_findings(missing: &[(bool, &str, Message)], out: &mut Vec<Finding>) {
    for (_, table, why) in missing.iter().filter(|m| m.0) {
        out.push(
            Finding::new("audit.not_run", Severity::Info, table)
                .message(msg!("finding-not-run", reason = why.clone())),
        );
    }
}

/// Codes that do not extend their parent's: an objective's code that does
/// not start with its goal's, a target's with its objective's, an
/// indicator's (its dotted number) with its target's.
fn codes(p: &Programme, out: &mut Vec<Finding>) {
    let extends = |code: &str, parent: &str| code.starts_with(&format!("{parent}."));
    for g in &p.goals {
        for o in &g.objectives {
            if !extends(&o.code, &g.code) {
                out.push(
                    Finding::new("code.parent", Severity::Warning, table::TARGET)
                        .target(&o.code)
                        .message(msg!(
                            "finding-code-objective-parent",
                            code = &o.code,
                            parent = &g.code
                        )),
                );
            }
            for t in &o.targets {
                if !extends(&t.code, &o.code) {
                    out.push(
                        Finding::new("code.parent", Severity::Warning, table::TARGET)
                            .target(&t.code)
                            .page(t.page)
                            .message(msg!(
                                "finding-code-target-parent",
                                code = &t.code,
                                parent = &o.code
                            )),
                    );
                }
                for i in &t.indicators {
                    let Some(code) = &i.code else { continue };
                    // The dotted number inside the code (`PG1.1.1.3` → `1.1.1.3`).
                    let number: String = code
                        .trim_start_matches(|c: char| !c.is_ascii_digit())
                        .to_string();
                    if !extends(&number, &t.code) {
                        out.push(
                            Finding::new("code.indicator", Severity::Warning, table::TARGET)
                                .target(&t.code)
                                .activity(&i.name)
                                .page(t.page)
                                .message(msg!(
                                    "finding-code-indicator",
                                    code = code,
                                    target = &t.code
                                )),
                        );
                    }
                }
            }
        }
    }
}

/// An empty cell as 0.
pub(super) fn z(d: Option<Decimal>) -> Decimal {
    d.unwrap_or(Decimal::ZERO)
}

/// Sum of cells, empty cells as 0.
pub(super) fn sum(cells: impl IntoIterator<Item = Option<Decimal>>) -> Decimal {
    cells.into_iter().map(z).sum()
}

/// A figure for messages, Turkish style; an empty cell is "empty".
pub(super) fn show(d: Option<Decimal>) -> MessageArg {
    d.map_or_else(
        || msg!("figure-empty").into(),
        |d| MessageArg::Text(format_number(&d)),
    )
}

/// An optional part of a message: the part, or nothing.
pub(super) fn part(m: Option<Message>) -> Message {
    m.unwrap_or_else(|| Message::verbatim(""))
}

/// " (page N)" where the page is known.
pub(super) fn on_page(page: Option<u32>) -> Message {
    part(page.map(|n| msg!("part-page", page = n)))
}

/// Compares a stated total with the computed one.
///
/// A differing stated figure gives `base` with the figures; an empty stated
/// cell over a non-zero computed figure gives `base` as a warning; an empty
/// cell over zero is fine.
pub(super) fn reconcile(
    base: Finding,
    stated: Option<Decimal>,
    computed: Decimal,
    what: Message,
) -> Option<Finding> {
    match stated {
        Some(s) if s != computed => {
            let msg = msg!(
                "finding-stated-computed",
                what = what,
                stated = format_number(&s),
                computed = format_number(&computed),
                difference = format_number(&(s - computed))
            );
            Some(base.figures(Some(s), Some(computed)).message(msg))
        }
        None if !computed.is_zero() => {
            let msg = msg!(
                "finding-stated-empty",
                what = what,
                computed = format_number(&computed)
            );
            Some(
                base.severity(Severity::Warning)
                    .figures(None, Some(computed))
                    .message(msg),
            )
        }
        _ => None,
    }
}

/// Budget, off-budget and total of an activity line; an empty total is the
/// sum of the other two.
fn line_figures(a: &ActivityLine) -> [Decimal; 3] {
    let (b, o) = (z(a.budget), z(a.off_budget));
    [b, o, a.total.unwrap_or(b + o)]
}

/// Budget total, off-budget total and total of a cost table; each empty cell
/// is replaced by the sum it should hold.
fn cost_figures(c: &ActivityCost) -> [Decimal; 3] {
    let b = c.budget_total.unwrap_or_else(|| sum(c.economic.values()));
    let o = c.off_budget_total.unwrap_or_else(|| off_budget_sum(c));
    [b, o, c.total.unwrap_or(b + o)]
}

/// The sum of a cost table's off-budget breakdown (0 when it prints one
/// off-budget line).
fn off_budget_sum(c: &ActivityCost) -> Decimal {
    c.off_budget.as_ref().map_or(Decimal::ZERO, |o| {
        sum([o.revolving_fund, o.other_domestic, o.foreign])
    })
}

/// A target's Genel Toplam total, or the sum of its lines when empty.
fn target_total(t: &Target) -> Decimal {
    t.stated_total
        .total
        .unwrap_or_else(|| t.activities.iter().map(|a| line_figures(a)[2]).sum())
}

/// An activity line's columns (catalogue keys).
const COLUMNS: [&str; 3] = ["column-budget", "column-off-budget", "column-total"];

// ---------------------------------------------------------------------------
// Performance-target tables

fn target_tables(p: &Programme, out: &mut Vec<Finding>) {
    for t in p.targets() {
        let base = |check: &str| {
            Finding::new(check, Severity::Error, table::TARGET)
                .target(&t.code)
                .page(t.page)
        };
        if !t.columns_as_printed.is_empty() {
            let labels = |cs: &[crate::model::IndicatorColumn]| {
                cs.iter()
                    .map(|c| c.label.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let lost: Vec<&str> = t
                .columns_as_printed
                .iter()
                .filter(|c| !p.indicator_columns.iter().any(|d| d.year == c.year))
                .map(|c| c.label.as_str())
                .collect();
            out.push(
                base("target.header")
                    .severity(Severity::Warning)
                    .message(msg!(
                        "finding-target-header",
                        own = labels(&t.columns_as_printed),
                        document = labels(&p.indicator_columns),
                        lost = part(
                            (!lost.is_empty())
                                .then(|| msg!("part-columns-lost", columns = lost.join(", ")))
                        )
                    )),
            );
        }
        for a in &t.activities {
            let computed = z(a.budget) + z(a.off_budget);
            // A line whose amounts are printed but whose total cell is
            // empty, even when they add up to zero.
            if a.total.is_none() && (a.budget.is_some() || a.off_budget.is_some()) {
                out.push(
                    base("target.line.total_empty")
                        .severity(Severity::Warning)
                        .activity(&a.name)
                        .figures(None, Some(computed))
                        .message(msg!(
                            "finding-line-total-empty",
                            budget = show(a.budget),
                            off_budget = show(a.off_budget)
                        )),
                );
                continue;
            }
            out.extend(reconcile(
                base("target.line.sum").activity(&a.name),
                a.total,
                computed,
                msg!("what-line-sum"),
            ));
        }
        let n = t.activities.len();
        let b = sum(t.activities.iter().map(|a| a.budget));
        let o = sum(t.activities.iter().map(|a| a.off_budget));
        let tot = sum(t.activities.iter().map(|a| a.total));
        let st = &t.stated_total;
        for (check, stated, computed, col) in [
            ("target.total.budget", st.budget, b, COLUMNS[0]),
            ("target.total.off_budget", st.off_budget, o, COLUMNS[1]),
            ("target.total.total", st.total, tot, COLUMNS[2]),
        ] {
            out.extend(reconcile(
                base(check),
                stated,
                computed,
                msg!("what-target-total", column = Message::new(col), count = n),
            ));
        }
        // An empty total is already reported by `target.total.total`.
        if st.total.is_some() {
            out.extend(reconcile(
                base("target.total.sum"),
                st.total,
                st.budget.unwrap_or(b) + st.off_budget.unwrap_or(o),
                msg!("what-target-total-sum"),
            ));
        }
    }
}

// ---------------------------------------------------------------------------
// Activity cost tables

fn cost_tables(p: &Programme, out: &mut Vec<Finding>) {
    for c in &p.activity_costs {
        let base = |check: &str| {
            Finding::new(check, Severity::Error, table::COST)
                .target(&c.target)
                .activity(&c.activity)
                .page(c.page)
        };
        if !c.not_printed.is_empty() {
            out.push(
                base("cost.row_not_printed")
                    .severity(Severity::Warning)
                    .message(msg!(
                        "finding-rows-not-printed",
                        rows = c.not_printed.join(", ")
                    )),
            );
        }
        let econ = sum(c.economic.values());
        out.extend(reconcile(
            base("cost.budget_total"),
            c.budget_total,
            econ,
            msg!("what-cost-budget-total"),
        ));
        let off = off_budget_sum(c);
        // One off-budget line: no breakdown to add up.
        if c.off_budget.is_some() {
            out.extend(reconcile(
                base("cost.off_budget_total"),
                c.off_budget_total,
                off,
                msg!("what-cost-off-budget-total"),
            ));
        }
        out.extend(reconcile(
            base("cost.total"),
            c.total,
            c.budget_total.unwrap_or(econ) + c.off_budget_total.unwrap_or(off),
            msg!("what-cost-total"),
        ));
    }
}

// ---------------------------------------------------------------------------
// Across tables: activity lines ↔ cost tables ↔ responsibilities

fn cost_items(p: &Programme) -> Vec<Item<'_>> {
    p.activity_costs
        .iter()
        .map(|c| Item {
            target: &c.target,
            name: &c.activity,
        })
        .collect()
}

/// The name finding of a matched pair, if the names differ at all.
fn name_finding(
    how: How,
    base: Finding,
    here: (&str, &str),
    there: (&str, &str),
    tables: &(Message, Message),
    page: Option<u32>,
) -> Option<Finding> {
    match how {
        How::Key if here.1 == there.1 => None,
        How::Key | How::Loose | How::Spelling => {
            let (severity, only) = if how == How::Spelling {
                (Severity::Warning, part(None))
            } else {
                (Severity::Info, msg!("part-typography-only"))
            };
            Some(
                Finding {
                    check: "cross.activity.name".into(),
                    ..base
                }
                .severity(severity)
                .message(msg!(
                    "finding-activity-name",
                    here = here.1,
                    here_table = tables.0.clone(),
                    there = there.1,
                    there_table = tables.1.clone(),
                    page = on_page(page),
                    only = only
                )),
            )
        }
        How::OtherTarget => Some(
            Finding {
                check: "cross.activity.target".into(),
                ..base
            }
            .severity(Severity::Warning)
            .message(msg!(
                "finding-activity-target",
                here = here.0,
                here_table = tables.0.clone(),
                there = there.0,
                there_table = tables.1.clone(),
                page = on_page(page)
            )),
        ),
    }
}

/// Every activity line with its target, in document order.
fn activity_lines(p: &Programme) -> Vec<(&Target, &ActivityLine)> {
    p.targets()
        .flat_map(|t| t.activities.iter().map(move |a| (t, a)))
        .collect()
}

fn line_items(p: &Programme) -> Vec<Item<'_>> {
    activity_lines(p)
        .into_iter()
        .map(|(t, a)| Item {
            target: &t.code,
            name: &a.name,
        })
        .collect()
}

fn responsibility_items(p: &Programme) -> Vec<Item<'_>> {
    p.responsibilities
        .iter()
        .map(|r| Item {
            target: &r.target,
            name: &r.activity,
        })
        .collect()
}

/// For each cost table, the item of `items` it pairs with, as (target, name).
fn paired_with_costs<'a>(p: &'a Programme, items: &[Item<'a>]) -> Vec<Option<(&'a str, &'a str)>> {
    let mut out = vec![None; p.activity_costs.len()];
    for (i, j, _) in pair(items, &cost_items(p)).pairs {
        out[j] = Some((items[i].target, items[i].name));
    }
    out
}

fn cross_activities(p: &Programme, out: &mut Vec<Finding>, resp_of_cost: &[Option<(&str, &str)>]) {
    let lines = activity_lines(p);
    if p.activity_costs.is_empty() {
        if !lines.is_empty() {
            out.push(
                Finding::new("cross.activity.unmatched", Severity::Warning, table::COST)
                    .message(msg!("finding-no-cost-tables")),
            );
        }
        return;
    }
    let left = line_items(p);
    let right = cost_items(p);
    let Pairing {
        pairs,
        left_only,
        right_only,
    } = pair(&left, &right);
    let tables = (msg!("the-target-table"), msg!("the-cost-table"));

    for (i, j, how) in pairs {
        let (t, a) = lines[i];
        let c = &p.activity_costs[j];
        let base = Finding::new("cross.activity.amount", Severity::Error, table::TARGET)
            .target(&t.code)
            .activity(&a.name)
            .page(t.page);
        if let Some(mut f) = name_finding(
            how,
            base.clone(),
            (&t.code, &a.name),
            (&c.target, &c.activity),
            &tables,
            c.page,
        ) {
            if resp_of_cost[j] == Some((t.code.as_str(), a.name.as_str())) {
                let first = f.text.clone();
                f = f.message(msg!("finding-as-in-responsibilities", message = first));
            }
            out.push(f);
        }
        let stated = [a.budget, a.off_budget, a.total];
        let line = line_figures(a);
        let cost = cost_figures(c);
        for k in 0..3 {
            if line[k] != cost[k] {
                let mut f = base.clone().figures(stated[k], Some(cost[k]));
                f.difference = Some(line[k] - cost[k]);
                out.push(f.message(msg!(
                    "finding-activity-amount",
                    column = Message::new(COLUMNS[k]),
                    stated = show(stated[k]),
                    computed = format_number(&cost[k]),
                    page = part(c.page.map(|n| msg!("part-on-page", page = n))),
                    difference = format_number(&(line[k] - cost[k]))
                )));
            }
        }
    }

    let known: BTreeSet<&str> = p.targets().map(|t| t.code.as_str()).collect();
    for i in left_only {
        let (t, a) = lines[i];
        let amount = line_figures(a)[2];
        out.push(
            Finding::new(
                "cross.activity.unmatched",
                unmatched_severity(amount),
                table::TARGET,
            )
            .target(&t.code)
            .activity(&a.name)
            .page(t.page)
            .figures(a.total, None)
            .message(msg!(
                "finding-line-without-cost",
                amount = show(a.total),
                closest = closest(&a.name, &t.code, &right)
            )),
        );
    }
    for j in right_only {
        let c = &p.activity_costs[j];
        let amount = cost_figures(c)[2];
        let why = if known.contains(c.target.as_str()) {
            msg!(
                "reason-no-line-named",
                target = &c.target,
                closest = closest(&c.activity, &c.target, &left)
            )
        } else {
            msg!("reason-no-target-table", target = &c.target)
        };
        out.push(
            Finding::new(
                "cross.activity.unmatched",
                unmatched_severity(amount),
                table::COST,
            )
            .target(&c.target)
            .activity(&c.activity)
            .page(c.page)
            .figures(c.total, None)
            .message(msg!(
                "finding-cost-without-line",
                amount = show(c.total),
                reason = why
            )),
        );
    }
}

/// An unmatched activity is an error when it carries money.
fn unmatched_severity(amount: Decimal) -> Severity {
    if amount.is_zero() {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// "; closest: “…”" naming the most similar name of the same target on the other side.
fn closest(name: &str, target: &str, others: &[Item<'_>]) -> Message {
    let key = super::matching::loose_key(&normalize_key(name));
    others
        .iter()
        .filter(|o| o.target == target)
        .map(|o| {
            let (d, l) = super::matching::distance(
                &key,
                &super::matching::loose_key(&normalize_key(o.name)),
            );
            (d * 1000 / l.max(1), o.name)
        })
        .filter(|(rel, _)| *rel <= 400)
        .min_by_key(|(rel, _)| *rel)
        .map_or_else(|| part(None), |(_, n)| msg!("part-closest", name = n))
}

fn cross_responsibilities(
    p: &Programme,
    out: &mut Vec<Finding>,
    line_of_cost: &[Option<(&str, &str)>],
) {
    // Without one of the two tables there is nothing to compare
    // (`audit.not_run` says so).
    if p.responsibilities.is_empty() || p.activity_costs.is_empty() {
        return;
    }
    let left = responsibility_items(p);
    let right = cost_items(p);
    let Pairing {
        pairs,
        left_only,
        right_only,
    } = pair(&left, &right);
    let tables = (msg!("the-responsibilities-table"), msg!("the-cost-table"));
    for (i, j, how) in pairs {
        let r = &p.responsibilities[i];
        let c = &p.activity_costs[j];
        let base = Finding::new("cross.units", Severity::Warning, table::RESPONSIBILITIES)
            .target(&r.target)
            .activity(&r.activity);
        // Already reported with the activity line when spelled as there.
        if line_of_cost[j] != Some((r.target.as_str(), r.activity.as_str())) {
            out.extend(name_finding(
                how,
                base.clone(),
                (&r.target, &r.activity),
                (&c.target, &c.activity),
                &tables,
                c.page,
            ));
        }
        let keys =
            |v: &[String]| -> BTreeSet<String> { v.iter().map(|u| normalize_key(u)).collect() };
        if keys(&r.units) != keys(&c.units) {
            out.push(base.message(msg!(
                "finding-units-differ",
                listed = list(&r.units),
                page = on_page(c.page),
                cost_units = list(&c.units)
            )));
        }
    }
    for i in left_only {
        let r = &p.responsibilities[i];
        out.push(
            Finding::new(
                "cross.responsibility.unmatched",
                Severity::Warning,
                table::RESPONSIBILITIES,
            )
            .target(&r.target)
            .activity(&r.activity)
            .message(msg!(
                "finding-responsibility-without-cost",
                closest = closest(&r.activity, &r.target, &right)
            )),
        );
    }
    for j in right_only {
        let c = &p.activity_costs[j];
        out.push(
            Finding::new(
                "cross.responsibility.unmatched",
                Severity::Warning,
                table::COST,
            )
            .target(&c.target)
            .activity(&c.activity)
            .page(c.page)
            .message(msg!(
                "finding-cost-without-responsibility",
                closest = closest(&c.activity, &c.target, &left)
            )),
        );
    }
}

/// Names as a quoted, comma-separated list; "none" when empty.
fn list(names: &[String]) -> MessageArg {
    if names.is_empty() {
        return msg!("part-none").into();
    }
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
        .into()
}

// ---------------------------------------------------------------------------
// Resource summary ↔ economic summary

fn cross_summaries(p: &Programme, out: &mut Vec<Finding>) {
    let (Some(rs), Some(es)) = (&p.resource_summary, &p.economic_summary) else {
        return;
    };
    let g = &es.grand_total;
    for (check, label, stated, computed) in [
        (
            "cross.summary.activities",
            "Performans Hedefleri Toplamı",
            rs.targets_total.amount,
            g.activities,
        ),
        (
            "cross.summary.general_administration",
            "Genel Yönetim Giderleri",
            rs.general_administration.amount,
            g.general_administration,
        ),
        (
            "cross.summary.transfers",
            "Diğer İdarelere Transferler",
            rs.transfers.amount,
            g.transfers,
        ),
        (
            "cross.summary.total",
            "Toplam Bütçe",
            rs.total_budget.amount,
            g.total,
        ),
    ] {
        if let (Some(s), Some(c)) = (stated, computed) {
            if s != c {
                out.push(
                    Finding::new(check, Severity::Error, table::RESOURCE)
                        .activity(label)
                        .figures(stated, computed)
                        .message(msg!(
                            "finding-cross-summary",
                            label = label,
                            stated = format_number(&s),
                            computed = format_number(&c),
                            difference = format_number(&(s - c))
                        )),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Resource summary

/// The parent code: `1.2.1` → `1.2`, `1.2` → `1`.
fn parent(code: &str) -> Option<&str> {
    code.trim_end_matches('.').rsplit_once('.').map(|(p, _)| p)
}

/// Same code: ignores a trailing dot.
fn code_key(code: &str) -> &str {
    code.trim().trim_end_matches('.')
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Goal => "goal",
        Level::Objective => "objective",
        Level::Target => "target",
    }
}

/// The printed share recomputed: `amount / denominator × 100`, 2 decimals, half away from zero.
pub(super) fn share(amount: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    let mut v = amount
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(denominator)?
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    Some(v)
}

fn resource_summary(p: &Programme, out: &mut Vec<Finding>) {
    let Some(rs) = &p.resource_summary else {
        return;
    };
    if rs.rows.is_empty() && rs.total_budget.amount.is_none() && rs.targets_total.amount.is_none() {
        return;
    }
    let titles = crate::model::titles_by_code(&p.goals);
    let targets: HashMap<&str, &Target> = p.targets().map(|t| (code_key(&t.code), t)).collect();
    let child_sum = |level: Level, code: &str| -> (Decimal, usize) {
        let kids: Vec<_> = rs
            .rows
            .iter()
            .filter(|r| r.level == level && parent(&r.code).map(code_key) == Some(code_key(code)))
            .collect();
        (sum(kids.iter().map(|r| r.amount)), kids.len())
    };

    let base = |check: &str, code: &str, label: &str| {
        Finding::new(check, Severity::Error, table::RESOURCE)
            .target(code)
            .activity(label)
    };
    for r in &rs.rows {
        let label = format!("{} {}", level_name(r.level), r.code);
        match titles.get(&(r.level, code_key(&r.code))) {
            Some(title) => out.extend(title_finding(
                r.level,
                &r.code,
                &r.title,
                title,
                (table::RESOURCE, msg!("place-resource-summary")),
            )),
            None => out.push(
                base("resource.unmatched", &r.code, &label)
                    .severity(Severity::Warning)
                    .figures(r.amount, None)
                    .message(msg!(
                        "finding-resource-row-unmatched",
                        level = level_name(r.level),
                        code = &r.code
                    )),
            ),
        }
        match r.level {
            Level::Target => {
                if let Some(t) = targets.get(code_key(&r.code)) {
                    out.extend(reconcile(
                        base("resource.target", &r.code, &label),
                        r.amount,
                        target_total(t),
                        msg!("what-resource-target", page = on_page(t.page)),
                    ));
                }
            }
            Level::Objective => {
                let (s, n) = child_sum(Level::Target, &r.code);
                out.extend(reconcile(
                    base("resource.objective", &r.code, &label),
                    r.amount,
                    s,
                    msg!("what-resource-objective", count = n),
                ));
            }
            Level::Goal => {
                let (s, n) = child_sum(Level::Objective, &r.code);
                out.extend(reconcile(
                    base("resource.goal", &r.code, &label),
                    r.amount,
                    s,
                    msg!("what-resource-goal", count = n),
                ));
            }
        }
    }
    let listed: BTreeSet<&str> = rs
        .rows
        .iter()
        .filter(|r| r.level == Level::Target)
        .map(|r| code_key(&r.code))
        .collect();
    for t in p.targets() {
        if !listed.contains(code_key(&t.code)) {
            out.push(
                base("resource.unmatched", &t.code, &format!("target {}", t.code))
                    .severity(Severity::Warning)
                    .page(t.page)
                    .figures(t.stated_total.total, None)
                    .message(msg!("finding-target-without-resource-row")),
            );
        }
    }

    let target_rows: Vec<_> = rs
        .rows
        .iter()
        .filter(|r| r.level == Level::Target)
        .collect();
    let targets_sum = sum(target_rows.iter().map(|r| r.amount));
    out.extend(reconcile(
        Finding::new("resource.targets_total", Severity::Error, table::RESOURCE)
            .activity("Performans Hedefleri Toplamı"),
        rs.targets_total.amount,
        targets_sum,
        msg!("what-resource-targets-total", count = target_rows.len()),
    ));
    let tt = rs.targets_total.amount.unwrap_or(targets_sum);
    let parts = tt + z(rs.general_administration.amount) + z(rs.transfers.amount);
    out.extend(reconcile(
        Finding::new("resource.total_budget", Severity::Error, table::RESOURCE)
            .activity("Toplam Bütçe"),
        rs.total_budget.amount,
        parts,
        msg!("what-resource-total-budget"),
    ));
    let tb = rs.total_budget.amount.unwrap_or(parts);

    // Shares, rows first, then the total rows.
    let mut share_rows: Vec<(Option<&str>, String, ResourceTotal)> = rs
        .rows
        .iter()
        .map(|r| {
            let figures = ResourceTotal {
                amount: r.amount,
                share_of_targets: r.share_of_targets,
                share_of_budget: r.share_of_budget,
            };
            (
                Some(r.code.as_str()),
                format!("{} {}", level_name(r.level), r.code),
                figures,
            )
        })
        .collect();
    for (label, t) in [
        ("Performans Hedefleri Toplamı", &rs.targets_total),
        ("Genel Yönetim Giderleri", &rs.general_administration),
        ("Diğer İdarelere Transferler", &rs.transfers),
        ("Toplam Bütçe", &rs.total_budget),
    ] {
        share_rows.push((None, label.to_string(), t.clone()));
    }
    for (code, label, row) in share_rows {
        let Some(amount) = row.amount else { continue };
        for (check, printed, denominator) in [
            ("resource.share_of_targets", row.share_of_targets, tt),
            ("resource.share_of_budget", row.share_of_budget, tb),
        ] {
            let (Some(printed), Some(computed)) = (printed, share(amount, denominator)) else {
                continue;
            };
            if printed == computed {
                continue;
            }
            let gap = (printed - computed).abs();
            let severity = if gap <= Decimal::new(1, 2) {
                Severity::Warning
            } else {
                Severity::Error
            };
            let mut f = Finding::new(check, severity, table::RESOURCE)
                .activity(&label)
                .figures(Some(printed), Some(computed))
                .message(msg!(
                    "finding-share",
                    label = &label,
                    printed = format_number(&printed),
                    amount = format_number(&amount),
                    denominator = format_number(&denominator),
                    computed = format_number(&computed)
                ));
            f.target = code.map(str::to_string);
            out.push(f);
        }
    }
}

/// How serious a name spelled `here` where `canonical` is expected is:
/// none when they are the same text, info when they have the same letters
/// and digits (spacing, case or punctuation only), else a warning.
pub(super) fn spelled_otherwise(here: &str, canonical: &str) -> Option<Severity> {
    if here == canonical {
        return None;
    }
    let loose = |s: &str| super::matching::loose_key(&normalize_key(s));
    Some(if loose(here) == loose(canonical) {
        Severity::Info
    } else {
        Severity::Warning
    })
}

/// A title finding when `here` (in `place`: table id, words) spells a code's title differently.
pub(super) fn title_finding(
    level: Level,
    code: &str,
    here: &str,
    canonical: &str,
    place: (&str, Message),
) -> Option<Finding> {
    let severity = spelled_otherwise(here, canonical)?;
    let typography = severity == Severity::Info;
    Some(
        Finding::new("cross.title", severity, place.0)
            .target(code)
            .activity(format!("{} {code}", level_name(level)))
            .message(msg!(
                "finding-title",
                level = level_name(level),
                code = code,
                here = here,
                place = place.1,
                canonical = canonical,
                only = part(typography.then(|| msg!("part-typography-only")))
            )),
    )
}

// ---------------------------------------------------------------------------
// Economic summary

/// The economic summary's columns (catalogue keys).
const ECONOMIC_COLUMNS: [&str; 4] = [
    "column-activities",
    "column-general-administration",
    "column-transfers",
    "column-total",
];

fn columns(r: &EconomicRow) -> [Option<Decimal>; 4] {
    [r.activities, r.general_administration, r.transfers, r.total]
}

fn row_label(r: &EconomicRow, fallback: &str) -> String {
    match (&r.code, &r.name) {
        (Some(c), Some(n)) => format!("{c} {n}"),
        (None, Some(n)) => n.clone(),
        (Some(c), None) => c.clone(),
        (None, None) => fallback.to_string(),
    }
}

fn economic_summary(p: &Programme, out: &mut Vec<Finding>) {
    let Some(es) = &p.economic_summary else {
        return;
    };
    let empty = EconomicRow::default();
    if es.rows.is_empty() && es.grand_total == empty && es.budget_total == empty {
        return;
    }
    let base = |check: &str, label: &str| {
        Finding::new(check, Severity::Error, table::ECONOMIC).activity(label)
    };

    // Activities column vs the cost tables.
    let mut by_code = [Decimal::ZERO; 10];
    for c in &p.activity_costs {
        for (k, v) in c.economic.values().into_iter().enumerate() {
            by_code[k + 1] += z(v);
        }
    }
    let n = p.activity_costs.len();
    for r in &es.rows {
        let Some(code) = r
            .code
            .as_deref()
            .and_then(|c| code_key(c).parse::<usize>().ok())
        else {
            continue;
        };
        if code == 0 || code > 9 {
            continue;
        }
        let label = row_label(r, "");
        out.extend(reconcile(
            base("economic.activities", &label),
            r.activities,
            by_code[code],
            msg!("what-economic-code", code = code, count = n),
        ));
    }
    let breakdown = p
        .activity_costs
        .iter()
        .filter_map(|c| c.off_budget.as_ref());
    for r in &es.off_budget {
        let key = normalize_key(r.name.as_deref().unwrap_or(""));
        let computed = match key.as_str() {
            "döner sermaye" => sum(breakdown.clone().map(|o| o.revolving_fund)),
            "diğer yurt içi" => sum(breakdown.clone().map(|o| o.other_domestic)),
            "yurt dışı" => sum(breakdown.clone().map(|o| o.foreign)),
            _ => continue,
        };
        let label = row_label(r, "");
        out.extend(reconcile(
            base("economic.activities", &label),
            r.activities,
            computed,
            msg!("what-economic-off-budget", label = &label, count = n),
        ));
    }

    // Row totals.
    let mut all: Vec<(&EconomicRow, String)> =
        es.rows.iter().map(|r| (r, row_label(r, "row"))).collect();
    all.push((&es.budget_total, "Toplam Bütçe Kaynak İhtiyacı".into()));
    all.extend(
        es.off_budget
            .iter()
            .map(|r| (r, row_label(r, "off-budget row"))),
    );
    all.push((
        &es.off_budget_total,
        "Toplam Bütçe Dışı Kaynak İhtiyacı".into(),
    ));
    all.push((&es.grand_total, "Toplam Kaynak İhtiyacı".into()));
    for (r, label) in &all {
        out.extend(reconcile(
            base("economic.row_total", label),
            r.total,
            z(r.activities) + z(r.general_administration) + z(r.transfers),
            msg!("what-economic-row-total", label = label),
        ));
    }

    // Column totals.
    let bt = columns(&es.budget_total);
    let ot = columns(&es.off_budget_total);
    let gt = columns(&es.grand_total);
    for k in 0..4 {
        let col = || Message::new(ECONOMIC_COLUMNS[k]);
        let rows_sum = sum(es.rows.iter().map(|r| columns(r)[k]));
        out.extend(reconcile(
            base("economic.column_total", "Toplam Bütçe Kaynak İhtiyacı"),
            bt[k],
            rows_sum,
            msg!(
                "what-economic-budget-column",
                column = col(),
                count = es.rows.len()
            ),
        ));
        let off_sum = sum(es.off_budget.iter().map(|r| columns(r)[k]));
        // One off-budget line (no breakdown rows): nothing to add up.
        if !es.off_budget.is_empty() {
            out.extend(reconcile(
                base("economic.column_total", "Toplam Bütçe Dışı Kaynak İhtiyacı"),
                ot[k],
                off_sum,
                msg!("what-economic-off-budget-column", column = col()),
            ));
        }
        out.extend(reconcile(
            base("economic.column_total", "Toplam Kaynak İhtiyacı"),
            gt[k],
            bt[k].unwrap_or(rows_sum) + ot[k].unwrap_or(off_sum),
            msg!("what-economic-grand-column", column = col()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn shares_round_half_away_from_zero_to_two_places() {
        assert_eq!(share(d("1"), d("800")).unwrap().to_string(), "0.13");
        assert_eq!(share(d("-1"), d("800")).unwrap().to_string(), "-0.13");
        assert_eq!(share(d("400"), d("400")).unwrap().to_string(), "100.00");
        assert_eq!(
            share(d("2849226000.00"), d("32478747000.00"))
                .unwrap()
                .to_string(),
            "8.77"
        );
        assert_eq!(share(d("1"), d("0")), None);
    }

    #[test]
    fn parent_codes() {
        assert_eq!(parent("1.2.1"), Some("1.2"));
        assert_eq!(parent("1.2."), Some("1"));
        assert_eq!(parent("1"), None);
    }
}
