//! Changes between two program-budget documents, and between documents of
//! the two layouts.
//!
//! Programs, alt programs, activities and indicators are matched by code,
//! then what is left by normalised name (so a renamed entity keeps its code
//! and a renumbered one its name; both are reported as changes); alt
//! programs are matched across the whole document, so one moved to another
//! program is a change of its path, not a removal. Amounts are compared in
//! the cost columns both documents have (same year and kind) and named by
//! the column's label in A (`…amounts.total[2026 Bütçe]`); indicator values
//! likewise in their columns. Two documents of different layouts cannot be
//! compared table by table: [`diff_documents`] says so, then compares what
//! they share (institution, fiscal year, total budget per year, responsible
//! units).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{activity_total, cell, code_parts, matched_columns};
use crate::audit::diff::{keyed, Change, ChangeKind, Differ, Keyed};
use crate::model::budget::{
    Activity, BudgetIndicator, BudgetProgramme, CostColumn, CostKind, CostRow, ProgramSummaryRow,
    SubProgram,
};
use crate::model::{ColumnKind, Dec, Document, Programme};
use crate::normalize::normalize_key;

/// A column both documents have: (index in A, index in B, its label in A).
type Column = (usize, usize, String);

/// Every change from `a` to `b`, in document order.
pub fn diff(a: &BudgetProgramme, b: &BudgetProgramme) -> Vec<Change> {
    let mut d = Differ::default();
    d.identity(
        (a.fiscal_year, &a.institution),
        (b.fiscal_year, &b.institution),
    );
    let costs = labelled(
        d.columns_in_both(
            "cost_columns",
            (&a.cost_columns, &b.cost_columns),
            |c| (c.year, c.kind.map(CostKind::name)),
            |c| &c.label,
        ),
        &a.cost_columns,
        |c| &c.label,
    );
    let indicators = labelled(
        d.columns_in_both(
            "indicator_columns",
            (&a.indicator_columns, &b.indicator_columns),
            |c| (c.year, c.kind.map(ColumnKind::name)),
            |c| &c.label,
        ),
        &a.indicator_columns,
        |c| &c.label,
    );
    let mut bd = BudgetDiffer {
        d,
        costs,
        indicators,
        budget_column: budget_column(a),
    };
    bd.programs(a, b);
    bd.sub_programs(a, b);
    bd.program_summary(a, b);
    bd.economic_summary(a, b);
    let mut d = bd.d;
    d.front_matter(&a.front_matter, &b.front_matter);
    d.out
}

/// The changes between two documents of either layout: [`crate::audit::diff`]
/// or [`diff`] for two of one layout; for one of each, a change of layout
/// saying they cannot be compared table by table, then what they share.
pub fn diff_documents(a: &Document, b: &Document) -> Vec<Change> {
    match (a, b) {
        (Document::Targets(x), Document::Targets(y)) => crate::audit::diff(x, y),
        (Document::Budget(x), Document::Budget(y)) => diff(x, y),
        _ => across_layouts(a, b),
    }
}

/// Pairs of column indices with the label of A's column.
fn labelled<C>(pairs: Vec<(usize, usize)>, a: &[C], label: impl Fn(&C) -> &str) -> Vec<Column> {
    pairs
        .into_iter()
        .map(|(i, j)| (i, j, a.get(i).map(&label).unwrap_or_default().to_string()))
        .collect()
}

/// The cost column of the budget year's budget, whose figure an entity
/// added or removed is shown with.
fn budget_column(b: &BudgetProgramme) -> Option<usize> {
    b.cost_columns
        .iter()
        .position(|c| c.year == b.fiscal_year && c.kind == Some(CostKind::Budget))
}

/// A code as matched: its parts without leading zeros (`01.02` is `1.2`).
fn code_key(code: &str) -> String {
    code_parts(code).join(".")
}

/// Pairs two lists by code, then the rest by normalised name; duplicates
/// pair in order. Pairs come in A's order.
fn pair<'a, T>(
    a: &[&'a T],
    b: &[&'a T],
    code: impl Fn(&T) -> Option<String>,
    name: impl Fn(&T) -> String,
) -> Keyed<'a, T> {
    let mut partner: Vec<Option<usize>> = vec![None; a.len()];
    let mut used = vec![false; b.len()];
    for by_code in [true, false] {
        let key = |x: &T| if by_code { code(x) } else { Some(name(x)) };
        let mut queue: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, y) in b.iter().enumerate().rev() {
            if let (false, Some(k)) = (used[j], key(y)) {
                queue.entry(k).or_default().push(j);
            }
        }
        for (i, x) in a.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            if let Some(j) = key(x).and_then(|k| queue.get_mut(&k)?.pop()) {
                used[j] = true;
                partner[i] = Some(j);
            }
        }
    }
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (x, j) in a.iter().zip(&partner) {
        match j {
            Some(j) => pairs.push((*x, b[*j])),
            None => removed.push(*x),
        }
    }
    let added = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(y, _)| *y)
        .collect();
    (pairs, removed, added)
}

/// A keyed path step: the code, else the name.
fn step(code: Option<&str>, name: &str) -> String {
    code.unwrap_or(name).to_string()
}

/// The diff of two program-budget documents, with the columns they share.
struct BudgetDiffer {
    d: Differ,
    costs: Vec<Column>,
    indicators: Vec<Column>,
    budget_column: Option<usize>,
}

/// An activity's figure in column `fy` (the budget year's budget).
fn figure(fy: Option<usize>, a: &Activity) -> Option<Dec> {
    fy.and_then(|i| activity_total(a, i))
}

/// The sum of some activities' figures in column `fy`.
fn figures<'a>(fy: Option<usize>, acts: impl IntoIterator<Item = &'a Activity>) -> Option<Dec> {
    acts.into_iter()
        .filter_map(|a| figure(fy, a))
        .reduce(|x, y| x + y)
}

/// A row of amounts, cell by cell in the shared columns.
fn amounts(
    d: &mut Differ,
    p: &str,
    (target, name): (Option<&str>, Option<&str>),
    (x, y): (&[Option<Dec>], &[Option<Dec>]),
    columns: &[Column],
) {
    for (i, j, label) in columns {
        d.amount(
            format!("{p}[{label}]"),
            target,
            name,
            cell(x, *i),
            cell(y, *j),
        );
    }
}

/// The columns two summaries share: each its own columns, else its
/// document's.
fn summary_columns(
    a: (&[CostColumn], &[CostColumn]),
    b: (&[CostColumn], &[CostColumn]),
) -> Vec<Column> {
    fn own<'c>((own, doc): (&'c [CostColumn], &'c [CostColumn])) -> &'c [CostColumn] {
        if own.is_empty() {
            doc
        } else {
            own
        }
    }
    matched_columns(own(a), own(b))
}

impl BudgetDiffer {
    /// A code that may be null, and a name: renamed or recoded.
    fn naming(
        &mut self,
        p: &str,
        target: Option<&str>,
        (ca, na): (Option<&str>, &str),
        (cb, nb): (Option<&str>, &str),
    ) {
        self.d.text(&format!("{p}.name"), target, Some(na), na, nb);
        if ca.map(code_key) != cb.map(code_key) {
            self.d
                .opt_text(&format!("{p}.code"), target, Some(na), ca, cb);
        }
    }

    /// Programs: added, removed, renamed, recoded.
    fn programs(&mut self, a: &BudgetProgramme, b: &BudgetProgramme) {
        let (pa, pb): (Vec<_>, Vec<_>) = (a.programs.iter().collect(), b.programs.iter().collect());
        let (pairs, removed, added) = pair(
            &pa,
            &pb,
            |p| p.code.as_deref().map(code_key),
            |p| normalize_key(&p.name),
        );
        let path = |p: &crate::model::budget::Program| {
            format!("programs[{}]", step(p.code.as_deref(), &p.name))
        };
        let fy = self.budget_column;
        self.d.presence("program", removed, added, |p| {
            let acts = p.sub_programs.iter().flat_map(|s| &s.activities);
            (
                path(p),
                p.code.as_deref(),
                Some(p.name.as_str()),
                figures(fy, acts),
            )
        });
        for (x, y) in pairs {
            self.naming(
                &path(x),
                x.code.as_deref(),
                (x.code.as_deref(), &x.name),
                (y.code.as_deref(), &y.name),
            );
        }
    }

    /// Alt programs (across the document): added, removed, renamed, moved,
    /// and what they hold.
    fn sub_programs(&mut self, a: &BudgetProgramme, b: &BudgetProgramme) {
        let sa: Vec<&SubProgram> = a.sub_programs().map(|(_, s)| s).collect();
        let sb: Vec<&SubProgram> = b.sub_programs().map(|(_, s)| s).collect();
        let program_of = |doc: &BudgetProgramme, s: &SubProgram| {
            doc.sub_programs()
                .find(|(_, t)| std::ptr::eq(*t, s))
                .map(|(p, _)| step(p.code.as_deref(), &p.name))
        };
        let (pairs, removed, added) = pair(
            &sa,
            &sb,
            |s| s.code.as_deref().map(code_key),
            |s| normalize_key(&s.name),
        );
        let path = |s: &SubProgram| format!("sub_programs[{}]", step(s.code.as_deref(), &s.name));
        let fy = self.budget_column;
        self.d.presence("sub_program", removed, added, |s| {
            let stated = fy.and_then(|i| s.stated_total.as_ref().and_then(|t| cell(&t.total, i)));
            (
                path(s),
                s.code.as_deref(),
                Some(s.name.as_str()),
                stated.or_else(|| figures(fy, &s.activities)),
            )
        });
        for (x, y) in pairs {
            let p = path(x);
            let code = x.code.as_deref();
            self.naming(&p, code, (code, &x.name), (y.code.as_deref(), &y.name));
            let (px, py) = (program_of(a, x), program_of(b, y));
            if px.as_deref().map(code_key) != py.as_deref().map(code_key) {
                self.d.opt_text(
                    &format!("{p}.program"),
                    code,
                    Some(&x.name),
                    px.as_deref(),
                    py.as_deref(),
                );
            }
            self.sub_program(&p, x, y);
        }
    }

    /// One alt program's goals, indicators, activities and total.
    fn sub_program(&mut self, p: &str, x: &SubProgram, y: &SubProgram) {
        let code = x.code.as_deref().or(Some(&x.name));
        let (_, removed, added) = keyed(&x.goals, &y.goals, |g| normalize_key(&g.text));
        self.d.presence("goal", removed, added, |g| {
            (
                format!("{p}.goals[{}]", g.text),
                code,
                Some(g.text.as_str()),
                None,
            )
        });
        let (ia, ib): (Vec<_>, Vec<_>) =
            (x.indicators.iter().collect(), y.indicators.iter().collect());
        let (pairs, removed, added) = pair(
            &ia,
            &ib,
            |i| i.code.as_deref().map(code_key),
            |i| normalize_key(&i.name),
        );
        let ipath =
            |i: &BudgetIndicator| format!("{p}.indicators[{}]", step(i.code.as_deref(), &i.name));
        self.d.presence("indicator", removed, added, |i| {
            (ipath(i), code, Some(i.name.as_str()), None)
        });
        for (ix, iy) in pairs {
            self.indicator(&ipath(ix), code, ix, iy);
        }
        let (aa, ab): (Vec<_>, Vec<_>) =
            (x.activities.iter().collect(), y.activities.iter().collect());
        let (pairs, removed, added) = pair(
            &aa,
            &ab,
            |a| a.code.as_deref().map(code_key),
            |a| normalize_key(&a.name),
        );
        let apath = |a: &Activity| format!("{p}.activities[{}]", step(a.code.as_deref(), &a.name));
        let fy = self.budget_column;
        self.d.presence("activity", removed, added, |a| {
            (apath(a), code, Some(a.name.as_str()), figure(fy, a))
        });
        for (ax, ay) in pairs {
            self.activity(&apath(ax), code, ax, ay);
        }
        match (&x.stated_total, &y.stated_total) {
            (Some(tx), Some(ty)) => {
                self.cost_row(&format!("{p}.stated_total"), (code, Some(&x.name)), tx, ty)
            }
            (tx, ty) => self.printed(
                &format!("{p}.stated_total"),
                (code, Some(&x.name)),
                tx.is_some(),
                ty.is_some(),
            ),
        }
    }

    /// A row or table printed in one document and not in the other.
    fn printed(&mut self, path: &str, who: (Option<&str>, Option<&str>), a: bool, b: bool) {
        if a != b {
            let word = |p: bool| Some(if p { "printed" } else { "not printed" }.to_string());
            self.d.push(
                ChangeKind::Changed,
                "text",
                path.to_string(),
                who,
                word(a),
                word(b),
            );
        }
    }

    /// An activity's or alt program's Bütçe İçi, Bütçe Dışı and Toplam rows.
    fn cost_row(&mut self, p: &str, who: (Option<&str>, Option<&str>), x: &CostRow, y: &CostRow) {
        for (field, rx, ry) in [
            ("budget", x.budget.as_ref(), y.budget.as_ref()),
            ("off_budget", x.off_budget.as_ref(), y.off_budget.as_ref()),
            ("total", Some(&x.total), Some(&y.total)),
        ] {
            let q = format!("{p}.{field}");
            match (rx, ry) {
                (Some(rx), Some(ry)) => amounts(&mut self.d, &q, who, (rx, ry), &self.costs),
                (rx, ry) => self.printed(&q, who, rx.is_some(), ry.is_some()),
            }
        }
    }

    fn activity(&mut self, p: &str, code: Option<&str>, x: &Activity, y: &Activity) {
        let name = Some(x.name.as_str());
        self.naming(
            p,
            code,
            (x.code.as_deref(), &x.name),
            (y.code.as_deref(), &y.name),
        );
        self.d.text(
            &format!("{p}.units"),
            code,
            name,
            &x.units.join("; "),
            &y.units.join("; "),
        );
        self.cost_row(
            &format!("{p}.amounts"),
            (code, name),
            &x.amounts,
            &y.amounts,
        );
        let (pairs, removed, added) = keyed(&x.economic, &y.economic, |l| code_key(&l.code));
        let fy = self.budget_column;
        self.d.presence("economic_line", removed, added, |l| {
            (
                format!("{p}.economic[{}]", l.code),
                code,
                name,
                fy.and_then(|i| cell(&l.amounts, i)),
            )
        });
        for (lx, ly) in pairs {
            let q = format!("{p}.economic[{}]", lx.code);
            self.d
                .text(&format!("{q}.name"), code, name, &lx.name, &ly.name);
            amounts(
                &mut self.d,
                &q,
                (code, name),
                (&lx.amounts, &ly.amounts),
                &self.costs,
            );
        }
        self.d.opt_text(
            &format!("{p}.description"),
            code,
            name,
            x.description.as_deref(),
            y.description.as_deref(),
        );
    }

    fn indicator(&mut self, q: &str, code: Option<&str>, a: &BudgetIndicator, b: &BudgetIndicator) {
        let name = Some(a.name.as_str());
        self.naming(
            q,
            code,
            (a.code.as_deref(), &a.name),
            (b.code.as_deref(), &b.name),
        );
        for (field, x, y) in [
            ("unit", &a.unit, &b.unit),
            ("description", &a.description, &b.description),
            ("calculation", &a.calculation, &b.calculation),
            ("data_source", &a.data_source, &b.data_source),
        ] {
            self.d.opt_text(
                &format!("{q}.{field}"),
                code,
                name,
                x.as_deref(),
                y.as_deref(),
            );
        }
        self.d
            .flag(&format!("{q}.marked"), (code, name), a.marked, b.marked);
        self.d
            .values(q, (code, name), (&a.values, &b.values), &self.indicators);
    }

    fn program_summary(&mut self, a: &BudgetProgramme, b: &BudgetProgramme) {
        let both = self.d.both(
            "program_summary",
            a.program_summary.as_ref(),
            b.program_summary.as_ref(),
        );
        let Some((sa, sb)) = both else { return };
        let columns = summary_columns(
            (&sa.columns, &a.cost_columns),
            (&sb.columns, &b.cost_columns),
        );
        let level = |r: &ProgramSummaryRow| match r.level {
            crate::model::budget::ProgramLevel::Program => "program",
            crate::model::budget::ProgramLevel::SubProgram => "sub_program",
        };
        let (ra, rb): (Vec<_>, Vec<_>) = (sa.rows.iter().collect(), sb.rows.iter().collect());
        let (pairs, removed, added) = pair(
            &ra,
            &rb,
            |r| {
                r.code
                    .as_deref()
                    .map(|c| format!("{} {}", level(r), code_key(c)))
            },
            |r| format!("{} {}", level(r), normalize_key(&r.name)),
        );
        let path = |r: &ProgramSummaryRow| {
            format!(
                "program_summary.rows[{} {}]",
                level(r),
                step(r.code.as_deref(), &r.name)
            )
        };
        let first =
            |r: &ProgramSummaryRow| columns.first().and_then(|(i, _, _)| cell(&r.amounts, *i));
        self.d.presence("summary_row", removed, added, |r| {
            (path(r), r.code.as_deref(), Some(r.name.as_str()), first(r))
        });
        for (x, y) in pairs {
            let p = path(x);
            let who = (x.code.as_deref(), Some(x.name.as_str()));
            self.naming(
                &p,
                x.code.as_deref(),
                (x.code.as_deref(), &x.name),
                (y.code.as_deref(), &y.name),
            );
            amounts(
                &mut self.d,
                &format!("{p}.amounts"),
                who,
                (&x.amounts, &y.amounts),
                &columns,
            );
        }
        self.total(
            "program_summary.total",
            sa.total.as_deref(),
            sb.total.as_deref(),
            &columns,
        );
    }

    /// A summary's total row.
    fn total(
        &mut self,
        p: &str,
        x: Option<&[Option<Dec>]>,
        y: Option<&[Option<Dec>]>,
        columns: &[Column],
    ) {
        match (x, y) {
            (Some(x), Some(y)) => amounts(&mut self.d, p, (None, Some("Toplam")), (x, y), columns),
            (x, y) => self.printed(p, (None, Some("Toplam")), x.is_some(), y.is_some()),
        }
    }

    fn economic_summary(&mut self, a: &BudgetProgramme, b: &BudgetProgramme) {
        let both = self.d.both(
            "economic_summary",
            a.economic_summary.as_ref(),
            b.economic_summary.as_ref(),
        );
        let Some((sa, sb)) = both else { return };
        let columns = summary_columns(
            (&sa.columns, &a.cost_columns),
            (&sb.columns, &b.cost_columns),
        );
        let (pairs, removed, added) = keyed(&sa.rows, &sb.rows, |r| code_key(&r.code));
        let first = |r: &[Option<Dec>]| columns.first().and_then(|(i, _, _)| cell(r, *i));
        self.d.presence("economic_row", removed, added, |r| {
            (
                format!("economic_summary.rows[{}]", r.code),
                None,
                Some(r.name.as_str()),
                first(&r.amounts),
            )
        });
        for (x, y) in pairs {
            let p = format!("economic_summary.rows[{}]", x.code);
            self.d
                .text(&format!("{p}.name"), None, Some(&x.name), &x.name, &y.name);
            amounts(
                &mut self.d,
                &format!("{p}.amounts"),
                (None, Some(&x.name)),
                (&x.amounts, &y.amounts),
                &columns,
            );
        }
        self.total(
            "economic_summary.total",
            sa.total.as_deref(),
            sb.total.as_deref(),
            &columns,
        );
    }
}

// ---------------------------------------------------------------------------
// Across the two layouts

/// A document's total budget by year: (year, the figure's label, amount).
fn totals_by_year(doc: &Document) -> Vec<(i32, String, Decimal)> {
    match doc {
        Document::Targets(p) => {
            let year = p.fiscal_year;
            targets_total(p)
                .map(|(what, d)| (year, format!("{year} {what}"), d))
                .into_iter()
                .collect()
        }
        Document::Budget(b) => {
            let cols = &b.cost_columns;
            let mut years: Vec<i32> = Vec::new();
            for c in cols {
                if !years.contains(&c.year) {
                    years.push(c.year);
                }
            }
            // One figure per year: its budget column, else its first.
            years
                .into_iter()
                .filter_map(|y| {
                    let i = cols
                        .iter()
                        .position(|c| c.year == y && c.kind == Some(CostKind::Budget))
                        .or_else(|| cols.iter().position(|c| c.year == y))?;
                    let total = figures(Some(i), b.activities().map(|(_, _, a)| a))?;
                    Some((y, cols[i].label.clone(), total))
                })
                .collect()
        }
    }
}

/// The performance-target layout's total budget: the economic summary's
/// grand total, else the sum of the targets' stated totals.
fn targets_total(p: &Programme) -> Option<(&'static str, Decimal)> {
    if let Some(t) = p
        .economic_summary
        .as_ref()
        .and_then(|e| e.grand_total.total)
    {
        return Some(("Toplam Kaynak İhtiyacı", t));
    }
    p.targets()
        .filter_map(|t| t.stated_total.total)
        .reduce(|x, y| x + y)
        .map(|d| ("performans hedefleri toplamı", d))
}

/// Every responsible unit a document names, in order of first appearance.
fn units(doc: &Document) -> Vec<&str> {
    match doc {
        Document::Targets(p) => {
            let mut out: Vec<&str> = Vec::new();
            let names = p
                .activity_costs
                .iter()
                .flat_map(|c| &c.units)
                .chain(p.responsibilities.iter().flat_map(|r| &r.units));
            for u in names {
                if !out.contains(&u.as_str()) {
                    out.push(u);
                }
            }
            out
        }
        Document::Budget(b) => b.units(),
    }
}

/// Two documents of different layouts: the layouts, then what they share.
fn across_layouts(a: &Document, b: &Document) -> Vec<Change> {
    let mut d = Differ::default();
    d.push(
        ChangeKind::Changed,
        "layout",
        "layout".to_string(),
        (
            None,
            Some("the two layouts cannot be compared table by table; what they share follows"),
        ),
        Some(a.layout().name().to_string()),
        Some(b.layout().name().to_string()),
    );
    d.identity(
        (a.fiscal_year(), a.institution()),
        (b.fiscal_year(), b.institution()),
    );
    let (ta, tb) = (totals_by_year(a), totals_by_year(b));
    let mut years: Vec<i32> = ta.iter().chain(&tb).map(|t| t.0).collect();
    years.sort_unstable();
    years.dedup();
    for y in years {
        let (x, z) = (ta.iter().find(|t| t.0 == y), tb.iter().find(|t| t.0 == y));
        let name = match (x, z) {
            (Some(x), Some(z)) if x.1 != z.1 => format!("{} / {}", x.1, z.1),
            (Some(t), _) | (None, Some(t)) => t.1.clone(),
            (None, None) => continue,
        };
        d.amount(
            format!("total_budget[{y}]"),
            None,
            Some(&name),
            x.map(|t| t.2),
            z.map(|t| t.2),
        );
    }
    let (ua, ub) = (units(a), units(b));
    let (_, removed, added) = keyed(&ua, &ub, |u| crate::render::unit_key(u));
    d.presence("unit", removed, added, |u| {
        (format!("units[{u}]"), None, Some(*u), None)
    });
    d.out
}
