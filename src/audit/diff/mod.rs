//! Changes between two programmes (a source and its revision, or two years).
//!
//! Entities are matched by key, not position: goals, objectives and targets
//! by code; indicators and activities by target and normalised name; cost
//! tables and responsibility rows by target and activity; summary rows by
//! level and code (economic rows by code, off-budget rows by name); front
//! matter sections by title. Indicator values are compared column by column
//! where both programmes have the same column (year and kind), so two years'
//! programmes compare their common years. Amounts compare by value: a change
//! of printed scale alone (`1,0` → `1,00`) is not a change.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{
    ActivityCost, ColumnKind, EconomicRow, Indicator, Level, PrintedTitle, Programme, ResourceRow,
    ResourceTotal, Responsibility, Section, Target, Value,
};
use crate::normalize::normalize_key;

mod line;

/// What happened to an entity or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One difference between programme A and programme B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The kind of entity or field: `target`, `indicator`, `activity`,
    /// `cost_table`, `amount`, `value`, `text`, …
    pub what: String,
    /// Keyed field path, e.g. `targets[1.1.1].activities[Kamulaştırma Faaliyetleri].budget`.
    pub path: String,
    /// Target code (or goal/objective code) the change belongs to.
    pub target: Option<String>,
    /// The entity's name (activity, indicator, section, row label).
    pub name: Option<String>,
    /// The figure or text in A (amounts as decimal strings); for an added entity, none.
    pub before: Option<String>,
    /// The figure or text in B; for a removed entity, none.
    pub after: Option<String>,
}

/// Every change from `a` to `b`, in document order.
pub fn diff(a: &Programme, b: &Programme) -> Vec<Change> {
    let mut d = Differ::default();
    d.identity(
        (a.fiscal_year, &a.institution),
        (b.fiscal_year, &b.institution),
    );
    d.structure(a, b);
    d.targets(a, b);
    d.costs(a, b);
    d.resource(a, b);
    d.economic(a, b);
    d.responsibilities(a, b);
    d.front_matter(&a.front_matter, &b.front_matter);
    d.out
}

/// Pairs (in A's order), items only in A, items only in B.
pub(super) type Keyed<'a, T> = (Vec<(&'a T, &'a T)>, Vec<&'a T>, Vec<&'a T>);

/// Pairs two lists by key: duplicates pair in order.
pub(super) fn keyed<'a, T>(a: &'a [T], b: &'a [T], key: impl Fn(&T) -> String) -> Keyed<'a, T> {
    let mut queue: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, y) in b.iter().enumerate().rev() {
        queue.entry(key(y)).or_default().push(j);
    }
    let mut used = vec![false; b.len()];
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for x in a {
        match queue.get_mut(&key(x)).and_then(Vec::pop) {
            Some(j) => {
                used[j] = true;
                pairs.push((x, &b[j]));
            }
            None => removed.push(x),
        }
    }
    let added = b
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(y, _)| y)
        .collect();
    (pairs, removed, added)
}

fn dec(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// Collects the changes, in the order they are found.
#[derive(Default)]
pub(super) struct Differ {
    pub out: Vec<Change>,
}

impl Differ {
    pub(super) fn push(
        &mut self,
        kind: ChangeKind,
        what: &str,
        path: String,
        (target, name): (Option<&str>, Option<&str>),
        before: Option<String>,
        after: Option<String>,
    ) {
        self.out.push(Change {
            kind,
            what: what.to_string(),
            path,
            target: target.map(str::to_string),
            name: name.map(str::to_string),
            before,
            after,
        });
    }

    pub(super) fn amount(
        &mut self,
        path: String,
        target: Option<&str>,
        name: Option<&str>,
        a: Option<Decimal>,
        b: Option<Decimal>,
    ) {
        if a != b {
            self.push(
                ChangeKind::Changed,
                "amount",
                path,
                (target, name),
                dec(a),
                dec(b),
            );
        }
    }

    /// A text field that may be null (printed or not).
    pub(super) fn opt_text(
        &mut self,
        path: &str,
        target: Option<&str>,
        name: Option<&str>,
        a: Option<&str>,
        b: Option<&str>,
    ) {
        if a != b {
            self.push(
                ChangeKind::Changed,
                "text",
                path.to_string(),
                (target, name),
                a.map(str::to_string),
                b.map(str::to_string),
            );
        }
    }

    /// A table family printed in one model and not in the other.
    pub(super) fn family<T>(&mut self, path: &str, a: Option<&T>, b: Option<&T>) -> bool {
        let kind = match (a, b) {
            (Some(_), None) => ChangeKind::Removed,
            (None, Some(_)) => ChangeKind::Added,
            _ => return a.is_some(),
        };
        self.push(kind, "table", path.to_string(), (None, None), None, None);
        false
    }

    pub(super) fn text(
        &mut self,
        path: &str,
        target: Option<&str>,
        name: Option<&str>,
        a: &str,
        b: &str,
    ) {
        self.opt_text(path, target, name, Some(a), Some(b));
    }

    /// Entities only in A (removed) and only in B (added), each described
    /// by its path, target, name and amount.
    pub(super) fn presence<'t, T>(
        &mut self,
        what: &str,
        removed: Vec<&'t T>,
        added: Vec<&'t T>,
        describe: impl Fn(&'t T) -> (String, Option<&'t str>, Option<&'t str>, Option<Decimal>),
    ) {
        for (kind, items) in [(ChangeKind::Removed, removed), (ChangeKind::Added, added)] {
            for r in items {
                let (path, target, name, amount) = describe(r);
                let (before, after) = match kind {
                    ChangeKind::Removed => (dec(amount), None),
                    _ => (None, dec(amount)),
                };
                self.push(kind, what, path, (target, name), before, after);
            }
        }
    }

    /// The fiscal year and the institution.
    pub(super) fn identity(&mut self, (ya, ia): (i32, &str), (yb, ib): (i32, &str)) {
        self.text("fiscal_year", None, None, &ya.to_string(), &yb.to_string());
        self.text("institution", None, None, ia, ib);
    }

    /// The columns of A that B has too, by year and kind (`kind` names it):
    /// (index in A, index in B); a label printed otherwise is a change of
    /// `path[N].label`.
    pub(super) fn columns_in_both<C>(
        &mut self,
        path: &str,
        (a, b): (&[C], &[C]),
        kind: impl Fn(&C) -> (i32, Option<&'static str>),
        label: impl Fn(&C) -> &str,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, ca) in a.iter().enumerate() {
            if let Some(j) = b.iter().position(|cb| kind(cb) == kind(ca)) {
                out.push((i, j));
                self.text(
                    &format!("{path}[{}].label", i + 1),
                    None,
                    None,
                    label(ca),
                    label(&b[j]),
                );
            }
        }
        out
    }

    /// A yes/no field (an indicator's mark).
    pub(super) fn flag(&mut self, path: &str, who: (Option<&str>, Option<&str>), a: bool, b: bool) {
        if a != b {
            self.push(
                ChangeKind::Changed,
                "value",
                path.to_string(),
                who,
                Some(a.to_string()),
                Some(b.to_string()),
            );
        }
    }

    /// Both models' table of a family, when both print it (see [`Differ::family`]).
    pub(super) fn both<'t, T>(
        &mut self,
        path: &str,
        a: Option<&'t T>,
        b: Option<&'t T>,
    ) -> Option<(&'t T, &'t T)> {
        if self.family(path, a, b) {
            a.zip(b)
        } else {
            None
        }
    }

    /// Indicator values compared in the columns both programmes have:
    /// (index in A, index in B, the column's name in the path).
    pub(super) fn values(
        &mut self,
        q: &str,
        (code, name): (Option<&str>, Option<&str>),
        (a, b): (&[Option<Value>], &[Option<Value>]),
        columns: &[(usize, usize, String)],
    ) {
        for (i, j, label) in columns {
            let va = a.get(*i).cloned().flatten();
            let vb = b.get(*j).cloned().flatten();
            if va != vb {
                let s = |v: Option<Value>| match v {
                    None => None,
                    Some(Value::Number(d)) => Some(d.to_string()),
                    Some(Value::Text(t)) => Some(t),
                };
                self.push(
                    ChangeKind::Changed,
                    "value",
                    format!("{q}.values[{label}]"),
                    (code, name),
                    s(va),
                    s(vb),
                );
            }
        }
    }

    /// Goals and objectives: added, removed, retitled.
    fn structure(&mut self, a: &Programme, b: &Programme) {
        let (pairs, removed, added) = keyed(&a.goals, &b.goals, |g| g.code.clone());
        self.presence("goal", removed, added, |g| {
            (
                format!("goals[{}]", g.code),
                Some(&g.code),
                Some(&g.title),
                None,
            )
        });
        for (x, y) in pairs {
            let p = format!("goals[{}]", x.code);
            self.opt_text(
                &format!("{p}.theme"),
                Some(&x.code),
                None,
                x.theme.as_deref(),
                y.theme.as_deref(),
            );
            self.text(
                &format!("{p}.title"),
                Some(&x.code),
                None,
                &x.title,
                &y.title,
            );
            let (pairs, removed, added) = keyed(&x.objectives, &y.objectives, |o| o.code.clone());
            self.presence("objective", removed, added, |o| {
                (
                    format!("objectives[{}]", o.code),
                    Some(&o.code),
                    Some(&o.title),
                    None,
                )
            });
            for (ox, oy) in pairs {
                let p = format!("objectives[{}].title", ox.code);
                self.text(&p, Some(&ox.code), None, &ox.title, &oy.title);
            }
        }
    }

    fn targets(&mut self, a: &Programme, b: &Programme) {
        let ta: Vec<&Target> = a.targets().collect();
        let tb: Vec<&Target> = b.targets().collect();
        let (pairs, removed, added) = keyed(&ta, &tb, |t| t.code.clone());
        self.presence("target", removed, added, |t| {
            (
                format!("targets[{}]", t.code),
                Some(&t.code),
                Some(&t.title),
                t.stated_total.total,
            )
        });
        // Indicator columns present in both, by (year, kind): (index in A, index in B, label).
        let columns: Vec<(usize, usize, String)> = self
            .columns_in_both(
                "indicator_columns",
                (&a.indicator_columns, &b.indicator_columns),
                |c| (c.year, c.kind.map(ColumnKind::name)),
                |c| &c.label,
            )
            .into_iter()
            .map(|(i, j)| {
                let c = &a.indicator_columns[i];
                let kind = c.kind.map_or("", ColumnKind::name);
                (i, j, format!("{} {kind}", c.year).trim_end().to_string())
            })
            .collect();
        for (x, y) in pairs {
            self.target(x, y, &columns);
        }
    }

    fn target(&mut self, x: &Target, y: &Target, columns: &[(usize, usize, String)]) {
        let code = Some(x.code.as_str());
        let p = format!("targets[{}]", x.code);
        self.text(&format!("{p}.title"), code, None, &x.title, &y.title);
        let own = |t: &Target| {
            t.columns_as_printed
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        self.text(
            &format!("{p}.columns_as_printed"),
            code,
            None,
            &own(x),
            &own(y),
        );
        for (field, va, vb) in [
            ("budget", x.stated_total.budget, y.stated_total.budget),
            (
                "off_budget",
                x.stated_total.off_budget,
                y.stated_total.off_budget,
            ),
            ("total", x.stated_total.total, y.stated_total.total),
        ] {
            self.amount(
                format!("{p}.stated_total.{field}"),
                code,
                Some("Genel Toplam"),
                va,
                vb,
            );
        }
        let (pairs, removed, added) =
            keyed(&x.indicators, &y.indicators, |i| normalize_key(&i.name));
        self.presence("indicator", removed, added, |i| {
            (
                format!("{p}.indicators[{}]", i.name),
                code,
                Some(&i.name),
                None,
            )
        });
        for (ia, ib) in pairs {
            self.indicator(&p, code, ia, ib, columns);
        }
        let (pairs, removed, added) =
            keyed(&x.activities, &y.activities, |a| normalize_key(&a.name));
        self.presence("activity", removed, added, |l| {
            (
                format!("{p}.activities[{}]", l.name),
                code,
                Some(&l.name),
                l.total,
            )
        });
        for (la, lb) in pairs {
            let q = format!("{p}.activities[{}]", la.name);
            self.text(
                &format!("{q}.name"),
                code,
                Some(&la.name),
                &la.name,
                &lb.name,
            );
            for (field, va, vb) in [
                ("budget", la.budget, lb.budget),
                ("off_budget", la.off_budget, lb.off_budget),
                ("total", la.total, lb.total),
            ] {
                self.amount(format!("{q}.{field}"), code, Some(&la.name), va, vb);
            }
        }
        let (_, removed, added) = keyed(&x.notes, &y.notes, |n| normalize_key(n));
        self.presence("note", removed, added, |n| {
            (format!("{p}.notes[{n}]"), code, Some(n.as_str()), None)
        });
    }

    fn indicator(
        &mut self,
        p: &str,
        code: Option<&str>,
        a: &Indicator,
        b: &Indicator,
        columns: &[(usize, usize, String)],
    ) {
        let q = format!("{p}.indicators[{}]", a.name);
        let name = Some(a.name.as_str());
        self.text(&format!("{q}.name"), code, name, &a.name, &b.name);
        for (field, x, y) in [
            ("code", &a.code, &b.code),
            ("unit", &a.unit, &b.unit),
            ("description", &a.description, &b.description),
        ] {
            self.opt_text(
                &format!("{q}.{field}"),
                code,
                name,
                x.as_deref(),
                y.as_deref(),
            );
        }
        self.flag(&format!("{q}.marked"), (code, name), a.marked, b.marked);
        self.values(&q, (code, name), (&a.values, &b.values), columns);
    }

    fn costs(&mut self, a: &Programme, b: &Programme) {
        let key = |c: &ActivityCost| format!("{}\u{1f}{}", c.target, normalize_key(&c.activity));
        let (pairs, removed, added) = keyed(&a.activity_costs, &b.activity_costs, key);
        let path = |c: &ActivityCost| format!("activity_costs[{} / {}]", c.target, c.activity);
        self.presence("cost_table", removed, added, |c| {
            (path(c), Some(&c.target), Some(&c.activity), c.total)
        });
        for (x, y) in pairs {
            let p = path(x);
            let code = Some(x.target.as_str());
            let name = Some(x.activity.as_str());
            self.text(
                &format!("{p}.activity"),
                code,
                name,
                &x.activity,
                &y.activity,
            );
            let (ua, ub) = (x.units.join("; "), y.units.join("; "));
            self.text(&format!("{p}.units"), code, name, &ua, &ub);
            let (na, nb) = (x.not_printed.join("; "), y.not_printed.join("; "));
            self.text(&format!("{p}.not_printed"), code, name, &na, &nb);
            let printed = |c: &ActivityCost| PrintedTitle::cell(&c.titles_as_printed);
            self.text(
                &format!("{p}.titles_as_printed"),
                code,
                name,
                &printed(x),
                &printed(y),
            );
            for (k, (va, vb)) in x
                .economic
                .values()
                .into_iter()
                .zip(y.economic.values())
                .enumerate()
            {
                self.amount(format!("{p}.economic.{}", k + 1), code, name, va, vb);
            }
            let (ox, oy) = (
                x.off_budget.clone().unwrap_or_default(),
                y.off_budget.clone().unwrap_or_default(),
            );
            if x.off_budget.is_some() != y.off_budget.is_some() {
                let shown = |o: &Option<crate::model::OffBudget>| {
                    Some(if o.is_some() { "breakdown" } else { "one line" }.to_string())
                };
                self.push(
                    ChangeKind::Changed,
                    "text",
                    format!("{p}.off_budget"),
                    (code, name),
                    shown(&x.off_budget),
                    shown(&y.off_budget),
                );
            }
            for (field, va, vb) in [
                ("budget_total", x.budget_total, y.budget_total),
                (
                    "off_budget.revolving_fund",
                    ox.revolving_fund,
                    oy.revolving_fund,
                ),
                (
                    "off_budget.other_domestic",
                    ox.other_domestic,
                    oy.other_domestic,
                ),
                ("off_budget.foreign", ox.foreign, oy.foreign),
                ("off_budget_total", x.off_budget_total, y.off_budget_total),
                ("total", x.total, y.total),
            ] {
                self.amount(format!("{p}.{field}"), code, name, va, vb);
            }
        }
    }

    fn resource(&mut self, a: &Programme, b: &Programme) {
        let level = |l: Level| match l {
            Level::Goal => "goal",
            Level::Objective => "objective",
            Level::Target => "target",
        };
        let key = |r: &ResourceRow| format!("{} {}", level(r.level), r.code);
        let (ra, rb) = (a.resource_summary.as_ref(), b.resource_summary.as_ref());
        if !self.family("resource_summary", ra, rb) {
            return;
        }
        let (Some(ra), Some(rb)) = (ra, rb) else {
            return;
        };
        let (pairs, removed, added) = keyed(&ra.rows, &rb.rows, key);
        self.presence("resource_row", removed, added, |r| {
            (
                format!("resource_summary.rows[{}]", key(r)),
                Some(&r.code),
                Some(&r.title),
                r.amount,
            )
        });
        for (x, y) in pairs {
            let p = format!("resource_summary.rows[{}]", key(x));
            let code = Some(x.code.as_str());
            self.text(&format!("{p}.title"), code, None, &x.title, &y.title);
            self.amount(format!("{p}.amount"), code, None, x.amount, y.amount);
            self.amount(
                format!("{p}.share_of_targets"),
                code,
                None,
                x.share_of_targets,
                y.share_of_targets,
            );
            self.amount(
                format!("{p}.share_of_budget"),
                code,
                None,
                x.share_of_budget,
                y.share_of_budget,
            );
        }
        let totals: [(&str, &ResourceTotal, &ResourceTotal); 4] = [
            ("targets_total", &ra.targets_total, &rb.targets_total),
            (
                "general_administration",
                &ra.general_administration,
                &rb.general_administration,
            ),
            ("transfers", &ra.transfers, &rb.transfers),
            ("total_budget", &ra.total_budget, &rb.total_budget),
        ];
        for (field, x, y) in totals {
            let p = format!("resource_summary.{field}");
            self.amount(format!("{p}.amount"), None, None, x.amount, y.amount);
            self.amount(
                format!("{p}.share_of_targets"),
                None,
                None,
                x.share_of_targets,
                y.share_of_targets,
            );
            self.amount(
                format!("{p}.share_of_budget"),
                None,
                None,
                x.share_of_budget,
                y.share_of_budget,
            );
        }
    }

    fn economic_row(&mut self, p: &str, x: &EconomicRow, y: &EconomicRow) {
        let name = x.name.as_deref();
        for (field, va, vb) in [
            ("activities", x.activities, y.activities),
            (
                "general_administration",
                x.general_administration,
                y.general_administration,
            ),
            ("transfers", x.transfers, y.transfers),
            ("total", x.total, y.total),
        ] {
            self.amount(format!("{p}.{field}"), None, name, va, vb);
        }
    }

    fn economic(&mut self, a: &Programme, b: &Programme) {
        let (ea, eb) = (a.economic_summary.as_ref(), b.economic_summary.as_ref());
        if !self.family("economic_summary", ea, eb) {
            return;
        }
        let (Some(ea), Some(eb)) = (ea, eb) else {
            return;
        };
        let by_code = |r: &EconomicRow| r.code.clone().unwrap_or_default();
        let (pairs, removed, added) = keyed(&ea.rows, &eb.rows, by_code);
        self.presence("economic_row", removed, added, |r| {
            (
                format!("economic_summary.rows[{}]", by_code(r)),
                None,
                r.name.as_deref(),
                r.total,
            )
        });
        for (x, y) in pairs {
            self.economic_row(&format!("economic_summary.rows[{}]", by_code(x)), x, y);
        }
        self.economic_row(
            "economic_summary.budget_total",
            &ea.budget_total,
            &eb.budget_total,
        );
        let by_name = |r: &EconomicRow| normalize_key(r.name.as_deref().unwrap_or(""));
        let (pairs, removed, added) = keyed(&ea.off_budget, &eb.off_budget, by_name);
        let label = |r: &EconomicRow| r.name.clone().unwrap_or_default();
        self.presence("economic_row", removed, added, |r| {
            (
                format!("economic_summary.off_budget[{}]", label(r)),
                None,
                r.name.as_deref(),
                r.total,
            )
        });
        for (x, y) in pairs {
            self.economic_row(&format!("economic_summary.off_budget[{}]", label(x)), x, y);
        }
        self.economic_row(
            "economic_summary.off_budget_total",
            &ea.off_budget_total,
            &eb.off_budget_total,
        );
        self.economic_row(
            "economic_summary.grand_total",
            &ea.grand_total,
            &eb.grand_total,
        );
    }

    fn responsibilities(&mut self, a: &Programme, b: &Programme) {
        let key = |r: &Responsibility| format!("{}\u{1f}{}", r.target, normalize_key(&r.activity));
        let path = |r: &Responsibility| format!("responsibilities[{} / {}]", r.target, r.activity);
        let (pairs, removed, added) = keyed(&a.responsibilities, &b.responsibilities, key);
        self.presence("responsibility", removed, added, |r| {
            (path(r), Some(&r.target), Some(&r.activity), None)
        });
        // The printed titles without their pages: a page is no change.
        let printed = |r: &Responsibility| {
            let titles: Vec<PrintedTitle> = r
                .titles_as_printed
                .iter()
                .map(|t| PrintedTitle {
                    page: None,
                    ..t.clone()
                })
                .collect();
            PrintedTitle::cell(&titles)
        };
        for (x, y) in pairs {
            let (code, name) = (Some(x.target.as_str()), Some(x.activity.as_str()));
            let (ua, ub) = (x.units.join("; "), y.units.join("; "));
            self.text(&format!("{}.units", path(x)), code, name, &ua, &ub);
            let (ta, tb) = (printed(x), printed(y));
            self.text(
                &format!("{}.titles_as_printed", path(x)),
                code,
                name,
                &ta,
                &tb,
            );
        }
    }

    /// Front matter sections: added, removed, changed (matched by title).
    pub(super) fn front_matter(&mut self, a: &[Section], b: &[Section]) {
        let key = |s: &Section| normalize_key(&s.title);
        let (pairs, removed, added) = keyed(a, b, key);
        self.presence("section", removed, added, |s| {
            (
                format!("front_matter[{}]", s.title),
                None,
                Some(&s.title),
                None,
            )
        });
        for (x, y) in pairs {
            if x.blocks != y.blocks {
                self.push(
                    ChangeKind::Changed,
                    "section",
                    format!("front_matter[{}].blocks", x.title),
                    (None, Some(&x.title)),
                    None,
                    None,
                );
            }
        }
    }
}
