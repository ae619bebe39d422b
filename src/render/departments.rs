//! Responsible spending units ("Sorumlu Harcama Birimi") and their activities.
//!
//! Every unit named in a cost table or in the responsibilities table becomes a
//! [`Department`]. Spelling variants of one unit merge by [`unit_key`], which
//! ignores case, Turkish diacritics, punctuation and the conjunction `ve`
//! (`Park Bahçeler` / `Park ve Bahçeler Dairesi Başkanlığı`); the extract lists
//! every name as printed.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::model::{ActivityCost, Programme, Target};
use crate::util::slug;

/// One responsible spending unit, with every activity it is named on.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// ASCII file stem: the slug of [`Department::name`].
    pub slug: String,
    /// The name printed most often (first printed on a tie).
    pub name: String,
    /// Every spelling printed in the source, most frequent first; more than one
    /// when variants were merged.
    pub names: Vec<String>,
    /// The merge key shared by all of `names`.
    pub key: String,
    /// The unit's activities in document order.
    pub activities: Vec<DepartmentActivity>,
}

/// An activity a department is responsible for.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentActivity {
    /// Target code (`1.1.1`).
    pub target: String,
    /// Activity name as printed.
    pub activity: String,
    /// Index of the activity's cost table in `Programme::activity_costs`.
    pub cost: Option<usize>,
    /// How this unit is spelled on this activity.
    pub printed_as: String,
    /// The other units responsible for it (as printed), empty when sole.
    pub partners: Vec<String>,
    /// Whether the cost table names the unit.
    pub in_cost_table: bool,
    /// Whether the responsibilities table names the unit.
    pub in_responsibilities: bool,
}

impl DepartmentActivity {
    /// Whether another department shares this activity.
    pub fn shared(&self) -> bool {
        !self.partners.is_empty()
    }
}

impl Department {
    /// Whether `query` names this department: a printed name, the slug or the key.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        self.names.iter().any(|n| n == q)
            || self.slug == q
            || self.names.iter().any(|n| unit_key(n) == unit_key(q))
    }
}

/// The merge key of a unit name: slug words without the conjunction `ve`.
pub fn unit_key(name: &str) -> String {
    slug(name)
        .split('-')
        .filter(|w| !w.is_empty() && *w != "ve")
        .collect::<Vec<_>>()
        .join("-")
}

/// Normalised activity name, for matching the two tables that name activities.
fn activity_key(target: &str, name: &str) -> (String, String) {
    (target.to_string(), slug(name))
}

/// Whether a name ends like a unit of the administration (`… Başkanlığı`,
/// `… Yardımcılığı`, `… Müdürlüğü`): its last word ends in a -lığı suffix.
fn is_complete_unit(name: &str) -> bool {
    let last = name
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ["lığı", "liği", "luğu", "lüğü"]
        .iter()
        .any(|s| last.ends_with(s))
}

/// The units of one activity as the source meant them:
/// - two units printed without a separator (`X Dairesi Başkanlığı Y Dairesi
///   Başkanlığı`) are split after the first unit's suffix word;
/// - a fragment that is not a unit by itself, followed by a unit that
///   completes a name printed elsewhere (`Deprem Risk Yönetimi` +
///   `Kentsel İyileştirme Dairesi Başkanlığı`, printed with a comma for `ve`),
///   is joined back as printed (`Deprem Risk Yönetimi, Kentsel …`).
fn normalise_units(units: &[String], known: &HashSet<String>) -> Vec<String> {
    let mut split: Vec<String> = Vec::new();
    for u in units {
        let words: Vec<&str> = u.split_whitespace().collect();
        let mut start = 0;
        for k in 0..words.len() {
            let head = words[start..=k].join(" ");
            let rest = words[k + 1..].join(" ");
            if k + 1 < words.len()
                && is_complete_unit(&head)
                && is_complete_unit(&rest)
                && words[k + 1].starts_with(char::is_uppercase)
            {
                split.push(head);
                start = k + 1;
            }
        }
        split.push(words[start..].join(" "));
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < split.len() {
        let u = &split[i];
        if i + 1 < split.len() && !is_complete_unit(u) {
            let joined = format!("{u}, {}", split[i + 1]);
            if known.contains(&unit_key(&joined)) {
                out.push(joined);
                i += 2;
                continue;
            }
        }
        out.push(u.clone());
        i += 1;
    }
    out
}

/// Whether two merge keys differ by a misspelt word only: same words but one,
/// and that one within two edits (`yardimciligi` / `yardimligi`).
fn typo_variant(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split('-').collect(), b.split('-').collect());
    if wa.len() != wb.len() || wa.len() < 2 {
        return false;
    }
    let diff: Vec<(&str, &str)> = wa
        .iter()
        .zip(&wb)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    diff.len() == 1 && {
        let (x, y) = diff[0];
        // Long words only: short names differ by two letters legitimately
        // (`zabita` / `harita`).
        x.len().min(y.len()) >= 8 && crate::normalize::edit_distance(x, y) <= 2
    }
}

/// Groups every unit of `p` into departments, sorted by slug.
pub fn departments(p: &Programme) -> Vec<Department> {
    // Keys of every complete unit name printed anywhere.
    let known: HashSet<String> = p
        .activity_costs
        .iter()
        .flat_map(|a| a.units.iter())
        .chain(p.responsibilities.iter().flat_map(|r| r.units.iter()))
        .filter(|u| is_complete_unit(u))
        .map(|u| unit_key(u))
        .collect();

    // Every (unit, activity) occurrence, in document order: cost tables first.
    struct Occ {
        printed: String,
        target: String,
        activity: String,
        cost: Option<usize>,
        units: Vec<String>,
        from_costs: bool,
    }
    let mut occs: Vec<Occ> = Vec::new();
    let mut cost_index: HashMap<(String, String), usize> = HashMap::new();
    for (i, a) in p.activity_costs.iter().enumerate() {
        cost_index
            .entry(activity_key(&a.target, &a.activity))
            .or_insert(i);
        let units = normalise_units(&a.units, &known);
        for u in &units {
            occs.push(Occ {
                printed: u.clone(),
                target: a.target.clone(),
                activity: a.activity.clone(),
                cost: Some(i),
                units: units.clone(),
                from_costs: true,
            });
        }
    }
    for r in &p.responsibilities {
        let cost = cost_index
            .get(&activity_key(&r.target, &r.activity))
            .copied();
        let units = normalise_units(&r.units, &known);
        for u in &units {
            occs.push(Occ {
                printed: u.clone(),
                target: r.target.clone(),
                activity: r.activity.clone(),
                cost,
                units: units.clone(),
                from_costs: false,
            });
        }
    }

    // Merge keys: by `unit_key`, then misspelt variants into the most printed.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for o in &occs {
        let k = unit_key(&o.printed);
        match counts.iter_mut().find(|(x, _)| *x == k) {
            Some((_, c)) => *c += 1,
            None => counts.push((k, 1)),
        }
    }
    let mut canonical: HashMap<String, String> = HashMap::new();
    for (k, c) in &counts {
        let target = counts
            .iter()
            .filter(|(x, n)| x != k && (*n > *c || (*n == *c && x < k)) && typo_variant(x, k))
            .max_by_key(|(_, n)| *n)
            .map_or_else(|| k.clone(), |(x, _)| x.clone());
        canonical.insert(k.clone(), target);
    }
    let key_of = |name: &str| -> String {
        let k = unit_key(name);
        canonical.get(&k).cloned().unwrap_or(k)
    };

    struct Acc {
        order: usize,
        counts: Vec<(String, usize)>,
        activities: Vec<DepartmentActivity>,
        index: HashMap<(String, String), usize>,
    }
    let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
    for o in &occs {
        let key = key_of(&o.printed);
        if key.is_empty() {
            continue;
        }
        let next = groups.len();
        let acc = groups.entry(key.clone()).or_insert_with(|| Acc {
            order: next,
            counts: Vec::new(),
            activities: Vec::new(),
            index: HashMap::new(),
        });
        match acc.counts.iter_mut().find(|(n, _)| *n == o.printed) {
            Some((_, c)) => *c += 1,
            None => acc.counts.push((o.printed.clone(), 1)),
        }
        // Other units of the activity, as printed, excluding this department.
        let mut partners: Vec<String> = Vec::new();
        for u in &o.units {
            if key_of(u) != key && !partners.contains(u) {
                partners.push(u.clone());
            }
        }
        let k = activity_key(&o.target, &o.activity);
        if let Some(&i) = acc.index.get(&k) {
            let a = &mut acc.activities[i];
            a.in_cost_table |= o.from_costs;
            a.in_responsibilities |= !o.from_costs;
            for partner in partners {
                if !a.partners.contains(&partner) {
                    a.partners.push(partner);
                }
            }
            continue;
        }
        acc.index.insert(k, acc.activities.len());
        acc.activities.push(DepartmentActivity {
            target: o.target.clone(),
            activity: o.activity.clone(),
            cost: o.cost,
            printed_as: o.printed.clone(),
            partners,
            in_cost_table: o.from_costs,
            in_responsibilities: !o.from_costs,
        });
    }

    let mut out: Vec<(usize, Department)> = groups
        .into_iter()
        .map(|(key, acc)| {
            let mut counts = acc.counts;
            // Most printed first; on a tie the fuller spelling (`Etüd ve
            // Projeler` over `Etüd Projeler`), then the first printed.
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())));
            let names: Vec<String> = counts.into_iter().map(|(n, _)| n).collect();
            let name = names[0].clone();
            let mut activities = acc.activities;
            activities.sort_by_key(|a| a.cost.unwrap_or(usize::MAX));
            (
                acc.order,
                Department {
                    slug: slug(&name),
                    name,
                    names,
                    key,
                    activities,
                },
            )
        })
        .collect();
    out.sort_by(|a, b| a.1.slug.cmp(&b.1.slug).then(a.0.cmp(&b.0)));
    out.into_iter().map(|(_, d)| d).collect()
}

/// The departments closest to `query`, best first (for "did you mean").
pub fn suggest<'a>(all: &'a [Department], query: &str, n: usize) -> Vec<&'a Department> {
    let q = unit_key(query);
    let mut scored: Vec<(usize, &Department)> = all
        .iter()
        .map(|d| {
            let mut score = crate::normalize::edit_distance(&q, &d.key);
            if !q.is_empty() && d.key.contains(&q) {
                score = score.min(d.key.len() - q.len()).min(3);
            }
            (score, d)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.slug.cmp(&b.1.slug)));
    scored.into_iter().take(n).map(|(_, d)| d).collect()
}

/// The economic-code names of the cost tables.
pub(crate) const ECONOMIC_NAMES: [&str; 8] = [
    "Personel Giderleri",
    "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
    "Mal ve Hizmet Alım Giderleri",
    "Faiz Giderleri",
    "Cari Transferler",
    "Sermaye Giderleri",
    "Sermaye Transferleri",
    "Borç Verme",
];

/// The line items of a cost table: economic codes 1–8, then the three off-budget sources.
fn line_items(a: &ActivityCost) -> [Option<Decimal>; 11] {
    let e = a.economic.values();
    [
        e[0],
        e[1],
        e[2],
        e[3],
        e[4],
        e[5],
        e[6],
        e[7],
        a.off_budget.as_ref().and_then(|o| o.revolving_fund),
        a.off_budget.as_ref().and_then(|o| o.other_domestic),
        a.off_budget.as_ref().and_then(|o| o.foreign),
    ]
}

/// Sum of present values, `None` when all are empty.
fn sum(values: impl IntoIterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values
        .into_iter()
        .flatten()
        .fold(None, |acc: Option<Decimal>, v| {
            Some(acc.unwrap_or_default() + v)
        })
}

/// Totals of one group of activities, recomputed from the cost-table line items.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    pub count: usize,
    pub budget: Decimal,
    pub off_budget: Decimal,
    pub total: Decimal,
}

impl Totals {
    fn add(&mut self, a: &ActivityCost) {
        let items = line_items(a);
        let budget = sum(items[..8].iter().copied()).unwrap_or_default();
        let off = sum(items[8..].iter().copied()).unwrap_or_default();
        self.budget += budget;
        self.off_budget += off;
        self.total += budget + off;
    }
}

/// Sole, shared and overall totals of a department (line items of its cost tables).
pub fn totals(p: &Programme, d: &Department) -> (Totals, Totals, Totals) {
    let zero = Totals {
        budget: money(Decimal::ZERO),
        off_budget: money(Decimal::ZERO),
        total: money(Decimal::ZERO),
        ..Totals::default()
    };
    let (mut sole, mut shared, mut all) = (zero, zero, zero);
    for a in &d.activities {
        let group = if a.shared() { &mut shared } else { &mut sole };
        group.count += 1;
        all.count += 1;
        if let Some(cost) = a.cost.and_then(|i| p.activity_costs.get(i)) {
            group.add(cost);
            all.add(cost);
        }
    }
    (sole, shared, all)
}

/// A money amount as the model writes it: at least two decimals (a sum of
/// nothing is `0.00`, as printed in the source, not `0`).
fn money(mut d: Decimal) -> Decimal {
    if d.scale() < 2 {
        d.rescale(2);
    }
    d
}

fn dec(d: Decimal) -> Value {
    Value::String(money(d).to_string())
}

/// Where a target sits: its goal and objective.
struct Place<'a> {
    goal_code: &'a str,
    goal_title: &'a str,
    theme: Option<&'a str>,
    objective_code: &'a str,
    objective_title: &'a str,
    target: &'a Target,
}

fn places(p: &Programme) -> HashMap<&str, Place<'_>> {
    let mut out = HashMap::new();
    for g in &p.goals {
        for o in &g.objectives {
            for t in &o.targets {
                out.entry(t.code.as_str()).or_insert(Place {
                    goal_code: &g.code,
                    goal_title: &g.title,
                    theme: g.theme.as_deref(),
                    objective_code: &o.code,
                    objective_title: &o.title,
                    target: t,
                });
            }
        }
    }
    out
}

/// The goal code of a target code (`1.2.3` → `1`), for targets missing from the goal tree.
fn goal_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// The data `department.typ` reads (`samples/department.json`).
pub fn department_data(p: &Programme, d: &Department) -> Value {
    let places = places(p);
    let (sole, shared, all) = totals(p, d);
    let totals_json = |t: &Totals| json!({"count": t.count, "budget": dec(t.budget), "off_budget": dec(t.off_budget), "total": dec(t.total)});

    // By economic code (1–8, then off-budget sources), sole and shared apart.
    let mut by_code = [[Decimal::ZERO; 2]; 11];
    // By strategic goal, in document order of the goals.
    let mut by_goal: Vec<(String, [Decimal; 2])> = Vec::new();
    let mut activities = Vec::new();
    for a in &d.activities {
        let cost = a.cost.and_then(|i| p.activity_costs.get(i));
        let col = usize::from(a.shared());
        if let Some(c) = cost {
            for (slot, v) in by_code.iter_mut().zip(line_items(c)) {
                slot[col] += v.unwrap_or_default();
            }
            let total: Decimal = line_items(c).iter().flatten().sum();
            let goal = places
                .get(a.target.as_str())
                .map_or_else(|| goal_of(&a.target), |pl| pl.goal_code);
            match by_goal.iter_mut().find(|(g, _)| g == goal) {
                Some((_, v)) => v[col] += total,
                None => {
                    let mut v = [Decimal::ZERO; 2];
                    v[col] = total;
                    by_goal.push((goal.to_string(), v));
                }
            }
        }
        let place = places.get(a.target.as_str());
        activities.push(json!({
            "target": a.target,
            "activity": a.activity,
            "printed_as": a.printed_as,
            "shared": a.shared(),
            "partners": a.partners,
            "in_cost_table": a.in_cost_table,
            "in_responsibilities": a.in_responsibilities,
            "goal": place.map(|pl| json!({"code": pl.goal_code, "title": pl.goal_title, "theme": pl.theme})),
            "objective": place.map(|pl| json!({"code": pl.objective_code, "title": pl.objective_title})),
            "target_title": place.map(|pl| pl.target.title.as_str()),
            "cost": cost,
        }));
    }
    let goal_order = |code: &str| {
        p.goals
            .iter()
            .position(|g| g.code == code)
            .unwrap_or(usize::MAX)
    };
    by_goal.sort_by_key(|(g, _)| goal_order(g));

    let off_names = ["Döner Sermaye", "Diğer Yurt İçi", "Yurt Dışı"];
    let economic: Vec<Value> = by_code
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (code, name) = if i < 8 {
                (Value::String((i + 1).to_string()), ECONOMIC_NAMES[i])
            } else {
                (Value::Null, off_names[i - 8])
            };
            json!({"code": code, "name": name, "off_budget": i >= 8,
                   "sole": dec(v[0]), "shared": dec(v[1]), "total": dec(v[0] + v[1])})
        })
        .collect();
    let goals: Vec<Value> = by_goal
        .iter()
        .map(|(code, v)| {
            let g = p.goals.iter().find(|g| &g.code == code);
            json!({"code": code, "title": g.map(|g| g.title.as_str()), "theme": g.and_then(|g| g.theme.as_deref()),
                   "sole": dec(v[0]), "shared": dec(v[1]), "total": dec(v[0] + v[1])})
        })
        .collect();

    // Targets served, in document order, with their place in the plan.
    let mut targets = Vec::new();
    for t in p.targets() {
        if d.activities.iter().any(|a| a.target == t.code) {
            let pl = &places[t.code.as_str()];
            targets.push(json!({
                "goal": {"code": pl.goal_code, "title": pl.goal_title, "theme": pl.theme},
                "objective": {"code": pl.objective_code, "title": pl.objective_title},
                // Only what the extract prints: the whole target (activity
                // lines, totals) would be parsed and hashed for nothing.
                "target": {"code": t.code, "title": t.title, "indicators": t.indicators, "notes": t.notes},
                "activities": d.activities.iter().filter(|a| a.target == t.code).map(|a| a.activity.as_str()).collect::<Vec<_>>(),
            }));
        }
    }

    json!({
        "format": "perfprog.department/1",
        "institution": p.institution,
        "fiscal_year": p.fiscal_year,
        "indicator_columns": p.indicator_columns,
        "responsibilities_table": !p.responsibilities.is_empty(),
        "department": {
            "name": d.name,
            "slug": d.slug,
            "names": d.names,
        },
        "totals": {"sole": totals_json(&sole), "shared": totals_json(&shared), "all": totals_json(&all)},
        "by_economic": economic,
        "by_goal": goals,
        "activities": activities,
        "targets": targets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ignores_conjunction_case_and_punctuation() {
        assert_eq!(
            unit_key("Etüd Projeler Dairesi Başkanlığı"),
            unit_key("Etüd ve Projeler Dairesi Başkanlığı")
        );
        assert_eq!(
            unit_key("PARK VE BAHÇELER Dairesi Başkanlığı"),
            unit_key("Park Bahçeler Dairesi Başkanlığı")
        );
        assert_eq!(
            unit_key("Park ve Bahçeler Dairesi Başkanlığı."),
            "park-bahceler-dairesi-baskanligi"
        );
        assert_ne!(
            unit_key("Fen İşleri Dairesi Başkanlığı"),
            unit_key("Yapı İşleri Dairesi Başkanlığı")
        );
    }

    #[test]
    fn units_printed_together_or_apart_are_restored() {
        let known: HashSet<String> = [
            "Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi Başkanlığı",
            "Etüd ve Projeler Dairesi Başkanlığı",
            "Yapı İşleri Dairesi Başkanlığı",
        ]
        .iter()
        .map(|u| unit_key(u))
        .collect();
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            normalise_units(
                &v(&[
                    "Deprem Risk Yönetimi",
                    "Kentsel İyileştirme Dairesi Başkanlığı"
                ]),
                &known
            ),
            v(&["Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı"])
        );
        assert_eq!(
            normalise_units(
                &v(&["Etüd ve Projeler Dairesi Başkanlığı Yapı İşleri Dairesi Başkanlığı"]),
                &known
            ),
            v(&[
                "Etüd ve Projeler Dairesi Başkanlığı",
                "Yapı İşleri Dairesi Başkanlığı"
            ])
        );
        assert!(typo_variant(
            &unit_key("Genel Sekreter Yardımcılığı"),
            &unit_key("Genel Sekreter Yardımlığı")
        ));
        assert!(!typo_variant(
            &unit_key("Fen İşleri Dairesi Başkanlığı"),
            &unit_key("Yapı İşleri Dairesi Başkanlığı")
        ));
        assert!(!typo_variant(
            &unit_key("Zabıta Dairesi Başkanlığı"),
            &unit_key("Harita Dairesi Başkanlığı")
        ));
        assert!(!typo_variant(
            &unit_key("Sosyal Hizmetler Dairesi Başkanlığı"),
            &unit_key("Sosyal Projeler Dairesi Başkanlığı")
        ));
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(crate::normalize::edit_distance("kitten", "sitting"), 3);
        assert_eq!(crate::normalize::edit_distance("", "abc"), 3);
    }
}
