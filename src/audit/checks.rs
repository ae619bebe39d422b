//! The table checks of the audit: sums within each table, and agreement
//! across tables (see the table of checks in the module doc of `audit`).

use std::collections::{BTreeSet, HashMap};

use rust_decimal::{Decimal, RoundingStrategy};

use super::matching::{pair, How, Item, Pairing};
use super::{table, Finding, Severity};
use crate::model::{
    ActivityCost, ActivityLine, EconomicRow, Level, Programme, ResourceTotal, Target,
};
use crate::normalize::{format_number, normalize_key};

/// Runs the table checks in report order.
pub fn run(p: &Programme) -> Vec<Finding> {
    let mut out = Vec::new();
    target_tables(p, &mut out);
    cost_tables(p, &mut out);
    cost_titles(p, &mut out);
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

/// Goal, objective and target titles the cost tables print otherwise than
/// the performance-target tables: one finding per code and spelling, with
/// how many tables print it and the first one's page.
fn cost_titles(p: &Programme, out: &mut Vec<Finding>) {
    let titles = crate::model::titles_by_code(&p.goals);
    // (level, code, printed title) → (tables, first page), in document order.
    type Spelling<'a> = (Level, &'a str, &'a str);
    let mut seen: Vec<(Spelling, usize, Option<u32>)> = Vec::new();
    for c in &p.activity_costs {
        for t in &c.titles_as_printed {
            let key = (t.level, code_key(&t.code), t.title.as_str());
            match seen.iter_mut().find(|s| s.0 == key) {
                Some(s) => {
                    s.1 += 1;
                    s.2 = s.2.or(c.page);
                }
                None => seen.push((key, 1, c.page)),
            }
        }
    }
    for ((level, code, printed), n, page) in seen {
        let Some(canonical) = titles.get(&(level, code)) else {
            continue;
        };
        let place = match (n, page) {
            (1, Some(pg)) => format!("the activity cost table on page {pg}"),
            (1, None) => "an activity cost table".to_string(),
            (n, Some(pg)) => format!("{n} activity cost tables (the first on page {pg})"),
            (n, None) => format!("{n} activity cost tables"),
        };
        out.extend(
            title_finding(level, code, printed, canonical, (table::COST, &place))
                .map(|f| f.page(page)),
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
            "the cost tables' totals, and the activities against the cost tables",
            "the document prints no activity cost table (Faaliyet Maliyetleri Tablosu)",
        ),
        (
            p.resource_summary.is_none(),
            table::RESOURCE,
            "the resource summary's rows, totals and shares, and its totals against the economic summary",
            "the document prints no resource summary (İdarenin Toplam Kaynak İhtiyacı)",
        ),
        (
            p.economic_summary.is_none(),
            table::ECONOMIC,
            "the economic summary's totals and its columns against the cost tables",
            "the document prints no economic summary (Toplam Kaynak İhtiyacı Tablosu)",
        ),
        (
            p.responsibilities.is_empty(),
            table::RESPONSIBILITIES,
            "the responsible units against the cost tables",
            "the document prints no responsibilities table (Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo)",
        ),
    ];
    not_run_findings(&missing, out);
}

/// One `audit.not_run` finding per table not printed: (not printed, table
/// id, the checks left out, why).
pub(super) fn not_run_findings(missing: &[(bool, &str, &str, &str)], out: &mut Vec<Finding>) {
    for (_, table, checks, why) in missing.iter().filter(|m| m.0) {
        out.push(
            Finding::new("audit.not_run", Severity::Info, table)
                .message(format!("not checked: {checks}; {why}")),
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
                        .message(format!(
                            "objective {} is printed under goal {}, whose code it does not extend",
                            o.code, g.code
                        )),
                );
            }
            for t in &o.targets {
                if !extends(&t.code, &o.code) {
                    out.push(
                        Finding::new("code.parent", Severity::Warning, table::TARGET)
                            .target(&t.code)
                            .page(t.page)
                            .message(format!(
                                "target {} is printed under objective {}, whose code it does not extend",
                                t.code, o.code
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
                                .message(format!(
                                    "indicator {code} is printed under target {}, to which its code does not belong",
                                    t.code
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
pub(super) fn show(d: Option<Decimal>) -> String {
    d.map_or_else(|| "empty".to_string(), |d| format_number(&d))
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
    what: &str,
) -> Option<Finding> {
    match stated {
        Some(s) if s != computed => {
            let msg = format!(
                "{what}: stated {} but computed {} (difference {})",
                format_number(&s),
                format_number(&computed),
                format_number(&(s - computed))
            );
            Some(base.figures(Some(s), Some(computed)).message(msg))
        }
        None if !computed.is_zero() => {
            let msg = format!(
                "{what}: the stated cell is empty but the figures sum to {}",
                format_number(&computed)
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

const COLUMNS: [&str; 3] = ["budget", "off-budget", "total"];

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
                    .message(format!(
                        "the table prints its own indicator columns “{}” where the document's first table prints “{}”; its values are read by year{}",
                        labels(&t.columns_as_printed),
                        labels(&p.indicator_columns),
                        if lost.is_empty() {
                            String::new()
                        } else {
                            format!(
                                ", and those of {} are not in the model (no such year among the document's columns)",
                                lost.join(", ")
                            )
                        }
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
                        .message(format!(
                            "the line's Toplam is empty though its Bütçe ({}) and Bütçe Dışı ({}) are printed",
                            show(a.budget),
                            show(a.off_budget)
                        )),
                );
                continue;
            }
            out.extend(reconcile(
                base("target.line.sum").activity(&a.name),
                a.total,
                computed,
                "line total vs budget + off-budget",
            ));
        }
        let n = t.activities.len();
        let b = sum(t.activities.iter().map(|a| a.budget));
        let o = sum(t.activities.iter().map(|a| a.off_budget));
        let tot = sum(t.activities.iter().map(|a| a.total));
        let st = &t.stated_total;
        for (check, stated, computed, col) in [
            ("target.total.budget", st.budget, b, "budget"),
            ("target.total.off_budget", st.off_budget, o, "off-budget"),
            ("target.total.total", st.total, tot, "total"),
        ] {
            out.extend(reconcile(
                base(check),
                stated,
                computed,
                &format!("Genel Toplam {col} vs the sum of {n} activity lines"),
            ));
        }
        // An empty total is already reported by `target.total.total`.
        if st.total.is_some() {
            out.extend(reconcile(
                base("target.total.sum"),
                st.total,
                st.budget.unwrap_or(b) + st.off_budget.unwrap_or(o),
                "Genel Toplam total vs its budget + off-budget",
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
                    .message(format!(
                        "rows not printed at all (not printed empty): {}",
                        c.not_printed.join(", ")
                    )),
            );
        }
        let econ = sum(c.economic.values());
        out.extend(reconcile(
            base("cost.budget_total"),
            c.budget_total,
            econ,
            "Toplam Bütçe Kaynak İhtiyacı vs economic codes 1–8",
        ));
        let off = off_budget_sum(c);
        // One off-budget line: no breakdown to add up.
        if c.off_budget.is_some() {
            out.extend(reconcile(
                base("cost.off_budget_total"),
                c.off_budget_total,
                off,
                "Toplam Bütçe Dışı Kaynak İhtiyacı vs Döner Sermaye + Diğer Yurt İçi + Yurt Dışı",
            ));
        }
        out.extend(reconcile(
            base("cost.total"),
            c.total,
            c.budget_total.unwrap_or(econ) + c.off_budget_total.unwrap_or(off),
            "Toplam Kaynak İhtiyacı vs budget total + off-budget total",
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
    tables: (&str, &str),
    page: Option<u32>,
) -> Option<Finding> {
    let on_page = page.map(|n| format!(" (page {n})")).unwrap_or_default();
    match how {
        How::Key if here.1 == there.1 => None,
        How::Key | How::Loose | How::Spelling => {
            let (severity, only) = if how == How::Spelling {
                (Severity::Warning, "")
            } else {
                (
                    Severity::Info,
                    " (same letters and digits: spacing, case or punctuation only)",
                )
            };
            Some(
                Finding {
                    check: "cross.activity.name".into(),
                    ..base
                }
                .severity(severity)
                .message(format!(
                    "spelled “{}” in the {} but “{}” in the {}{on_page}{only}",
                    here.1, tables.0, there.1, tables.1
                )),
            )
        }
        How::OtherTarget => Some(
            Finding {
                check: "cross.activity.target".into(),
                ..base
            }
            .severity(Severity::Warning)
            .message(format!(
                "listed under target {} in the {} but under target {} in the {}{on_page}",
                here.0, tables.0, there.0, tables.1
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
                Finding::new("cross.activity.unmatched", Severity::Warning, table::COST).message(
                    "the source has no activity cost tables; activity lines cannot be traced",
                ),
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
    let tables = ("performance-target table", "activity cost table");

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
            tables,
            c.page,
        ) {
            if resp_of_cost[j] == Some((t.code.as_str(), a.name.as_str())) {
                f.message.push_str(
                    "; the responsibilities table has it as the performance-target table does",
                );
            }
            out.push(f);
        }
        let stated = [a.budget, a.off_budget, a.total];
        let line = line_figures(a);
        let cost = cost_figures(c);
        let on_page = c.page.map(|n| format!(" on page {n}")).unwrap_or_default();
        for k in 0..3 {
            if line[k] != cost[k] {
                let mut f = base.clone().figures(stated[k], Some(cost[k]));
                f.difference = Some(line[k] - cost[k]);
                out.push(f.message(format!(
                    "activity line {} {} vs {} in its activity cost table{on_page} (difference {})",
                    COLUMNS[k],
                    show(stated[k]),
                    format_number(&cost[k]),
                    format_number(&(line[k] - cost[k]))
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
            .message(format!(
                "activity line ({}) has no activity cost table{}",
                show(a.total),
                closest(&a.name, &t.code, &right)
            )),
        );
    }
    for j in right_only {
        let c = &p.activity_costs[j];
        let amount = cost_figures(c)[2];
        let why = if known.contains(c.target.as_str()) {
            format!(
                "no activity line of target {} has this name{}",
                c.target,
                closest(&c.activity, &c.target, &left)
            )
        } else {
            format!("no performance-target table has the code {}", c.target)
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
            .message(format!("activity cost table ({}): {why}", show(c.total))),
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
fn closest(name: &str, target: &str, others: &[Item<'_>]) -> String {
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
        .map(|(_, n)| format!("; the closest name there is “{n}”"))
        .unwrap_or_default()
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
    let tables = ("responsibilities table", "activity cost table");
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
                tables,
                c.page,
            ));
        }
        let keys =
            |v: &[String]| -> BTreeSet<String> { v.iter().map(|u| normalize_key(u)).collect() };
        if keys(&r.units) != keys(&c.units) {
            let on_page = c.page.map(|n| format!(" (page {n})")).unwrap_or_default();
            out.push(base.message(format!(
                "responsible units differ: the responsibilities table lists {}; the activity cost table{on_page} lists {}",
                list(&r.units),
                list(&c.units)
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
            .message(format!(
                "responsibilities row has no activity cost table{}",
                closest(&r.activity, &r.target, &right)
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
            .message(format!(
                "activity cost table has no row in the responsibilities table{}",
                closest(&c.activity, &c.target, &left)
            )),
        );
    }
}

/// Names as a quoted, comma-separated list; "none" when empty.
fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "none".into();
    }
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
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
                        .message(format!(
                            "{label} in the resource summary {} vs {} in the economic summary's Toplam Kaynak İhtiyacı row (difference {})",
                            format_number(&s),
                            format_number(&c),
                            format_number(&(s - c))
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
                (table::RESOURCE, "the resource summary"),
            )),
            None => out.push(
                base("resource.unmatched", &r.code, &label)
                    .severity(Severity::Warning)
                    .figures(r.amount, None)
                    .message(format!(
                        "resource-summary row for {} {} has no counterpart in the performance-target tables",
                        level_name(r.level),
                        r.code
                    )),
            ),
        }
        match r.level {
            Level::Target => {
                if let Some(t) = targets.get(code_key(&r.code)) {
                    let what = format!(
                        "target row vs Genel Toplam total of its performance-target table{}",
                        t.page.map(|n| format!(" (page {n})")).unwrap_or_default()
                    );
                    out.extend(reconcile(
                        base("resource.target", &r.code, &label),
                        r.amount,
                        target_total(t),
                        &what,
                    ));
                }
            }
            Level::Objective => {
                let (s, n) = child_sum(Level::Target, &r.code);
                out.extend(reconcile(
                    base("resource.objective", &r.code, &label),
                    r.amount,
                    s,
                    &format!("objective row vs the sum of its {n} target rows"),
                ));
            }
            Level::Goal => {
                let (s, n) = child_sum(Level::Objective, &r.code);
                out.extend(reconcile(
                    base("resource.goal", &r.code, &label),
                    r.amount,
                    s,
                    &format!("goal row vs the sum of its {n} objective rows"),
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
                    .message("performance target has no row in the resource summary"),
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
        &format!(
            "Performans Hedefleri Toplamı vs the sum of {} target rows",
            target_rows.len()
        ),
    ));
    let tt = rs.targets_total.amount.unwrap_or(targets_sum);
    let parts = tt + z(rs.general_administration.amount) + z(rs.transfers.amount);
    out.extend(reconcile(
        Finding::new("resource.total_budget", Severity::Error, table::RESOURCE)
            .activity("Toplam Bütçe"),
        rs.total_budget.amount,
        parts,
        "Toplam Bütçe vs Performans Hedefleri Toplamı + Genel Yönetim Giderleri + Diğer İdarelere Transferler",
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
                .message(format!(
                    "{label}: printed share {} % but {} / {} × 100 = {} %",
                    format_number(&printed),
                    format_number(&amount),
                    format_number(&denominator),
                    format_number(&computed)
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
    place: (&str, &str),
) -> Option<Finding> {
    let severity = spelled_otherwise(here, canonical)?;
    let typography = severity == Severity::Info;
    Some(
        Finding::new("cross.title", severity, place.0)
            .target(code)
            .activity(format!("{} {code}", level_name(level)))
            .message(format!(
                "{} {code} is titled “{here}” in {} but “{canonical}” in the performance-target tables{}",
                level_name(level),
                place.1,
                if typography {
                    " (same letters and digits: spacing, case or punctuation only)"
                } else {
                    ""
                }
            )),
    )
}

// ---------------------------------------------------------------------------
// Economic summary

const ECONOMIC_COLUMNS: [&str; 4] = ["activities", "general administration", "transfers", "total"];

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
            &format!("activities column of code {code} vs the sum of code {code} over {n} activity cost tables"),
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
            &format!("activities column of {label} vs the sum over {n} activity cost tables"),
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
            &format!("{label}: total vs activities + general administration + transfers"),
        ));
    }

    // Column totals.
    let bt = columns(&es.budget_total);
    let ot = columns(&es.off_budget_total);
    let gt = columns(&es.grand_total);
    for k in 0..4 {
        let col = ECONOMIC_COLUMNS[k];
        let rows_sum = sum(es.rows.iter().map(|r| columns(r)[k]));
        out.extend(reconcile(
            base("economic.column_total", "Toplam Bütçe Kaynak İhtiyacı"),
            bt[k],
            rows_sum,
            &format!(
                "Toplam Bütçe Kaynak İhtiyacı, {col} column, vs the sum of {} code rows",
                es.rows.len()
            ),
        ));
        let off_sum = sum(es.off_budget.iter().map(|r| columns(r)[k]));
        // One off-budget line (no breakdown rows): nothing to add up.
        if !es.off_budget.is_empty() {
            out.extend(reconcile(
                base("economic.column_total", "Toplam Bütçe Dışı Kaynak İhtiyacı"),
                ot[k],
                off_sum,
                &format!("Toplam Bütçe Dışı Kaynak İhtiyacı, {col} column, vs the sum of the off-budget rows"),
            ));
        }
        out.extend(reconcile(
            base("economic.column_total", "Toplam Kaynak İhtiyacı"),
            gt[k],
            bt[k].unwrap_or(rows_sum) + ot[k].unwrap_or(off_sum),
            &format!("Toplam Kaynak İhtiyacı, {col} column, vs budget + off-budget totals"),
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
