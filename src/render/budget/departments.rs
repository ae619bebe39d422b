//! The responsible units of a program-budget document and their extracts.
//!
//! Every unit printed with an activity (its `units`) becomes a
//! [`BudgetDepartment`]. Spellings of one unit merge by
//! [`unit_key`](crate::render::unit_key), as for the performance-target
//! layout (case, Turkish diacritics, punctuation and `ve` ignored); the name
//! printed most often (the first printed on a tie) names the extract.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::budget_column;
use crate::model::budget::{Activity, BudgetProgramme, ProgramLevel};
use crate::render::{
    compile_each, unit_key, Department, DepartmentIndex, Engine, IndexRow, PdfOptions, RenderError,
};
use crate::util::slug;

/// One responsible unit of a program-budget document.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetDepartment {
    /// ASCII file stem: the slug of [`BudgetDepartment::name`].
    pub slug: String,
    /// The name printed most often (first printed on a tie).
    pub name: String,
    /// Every spelling printed, most frequent first.
    pub names: Vec<String>,
    /// The merge key shared by all of `names`.
    pub key: String,
    /// The unit's activities in document order.
    pub activities: Vec<UnitActivity>,
}

/// An activity a unit is responsible for: where it is in the model, and
/// with whom.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitActivity {
    /// Index of its program in `BudgetProgramme::programs`.
    pub program: usize,
    /// Index of its alt program in the program's `sub_programs`.
    pub sub_program: usize,
    /// Index of the activity in the alt program's `activities`.
    pub activity: usize,
    /// How the unit is spelled on this activity.
    pub printed_as: String,
    /// The other units of the activity (as printed), empty when sole.
    pub partners: Vec<String>,
}

impl UnitActivity {
    /// Whether other units share this activity.
    pub fn shared(&self) -> bool {
        !self.partners.is_empty()
    }

    /// The activity in the model.
    pub fn get<'a>(&self, b: &'a BudgetProgramme) -> Option<&'a Activity> {
        b.programs
            .get(self.program)?
            .sub_programs
            .get(self.sub_program)?
            .activities
            .get(self.activity)
    }
}

impl BudgetDepartment {
    /// The unit as the performance-target layout's [`Department`] (without
    /// activities), for its name matching and suggestions.
    fn as_unit(&self) -> Department {
        Department {
            slug: self.slug.clone(),
            name: self.name.clone(),
            names: self.names.clone(),
            key: self.key.clone(),
            activities: Vec::new(),
        }
    }

    /// Whether `query` names this unit: a printed name, the slug or the key.
    pub fn matches(&self, query: &str) -> bool {
        self.as_unit().matches(query)
    }
}

/// The units closest to `query`, best first (for "did you mean").
pub fn suggest<'a>(
    all: &'a [BudgetDepartment],
    query: &str,
    n: usize,
) -> Vec<&'a BudgetDepartment> {
    let views: Vec<Department> = all.iter().map(BudgetDepartment::as_unit).collect();
    crate::render::suggest(&views, query, n)
        .into_iter()
        .filter_map(|v| views.iter().position(|x| std::ptr::eq(x, v)))
        .filter_map(|i| all.get(i))
        .collect()
}

/// Groups the units of every activity of `b` into departments, sorted by
/// slug.
pub fn departments(b: &BudgetProgramme) -> Vec<BudgetDepartment> {
    struct Acc {
        /// (spelling, count) in order of first appearance.
        counts: Vec<(String, usize)>,
        activities: Vec<UnitActivity>,
    }
    let mut groups: BTreeMap<String, Acc> = BTreeMap::new();
    for (pi, p) in b.programs.iter().enumerate() {
        for (si, s) in p.sub_programs.iter().enumerate() {
            for (ai, a) in s.activities.iter().enumerate() {
                let units: Vec<(&str, String)> = a
                    .units
                    .iter()
                    .map(|u| (u.trim(), unit_key(u)))
                    .filter(|(_, k)| !k.is_empty())
                    .collect();
                for (printed, key) in &units {
                    let acc = groups.entry(key.clone()).or_insert_with(|| Acc {
                        counts: Vec::new(),
                        activities: Vec::new(),
                    });
                    match acc.counts.iter_mut().find(|(n, _)| n == printed) {
                        Some((_, c)) => *c += 1,
                        None => acc.counts.push((printed.to_string(), 1)),
                    }
                    let seen = acc
                        .activities
                        .last()
                        .is_some_and(|x| (x.program, x.sub_program, x.activity) == (pi, si, ai));
                    if seen {
                        continue;
                    }
                    let mut partners: Vec<String> = Vec::new();
                    for (other, k) in &units {
                        if k != key && !partners.iter().any(|x| x == other) {
                            partners.push(other.to_string());
                        }
                    }
                    acc.activities.push(UnitActivity {
                        program: pi,
                        sub_program: si,
                        activity: ai,
                        printed_as: printed.to_string(),
                        partners,
                    });
                }
            }
        }
    }
    let mut out: Vec<BudgetDepartment> = groups
        .into_iter()
        .map(|(key, mut acc)| {
            // Most printed first; a stable sort keeps the first printed first on a tie.
            acc.counts.sort_by_key(|c| std::cmp::Reverse(c.1));
            let names: Vec<String> = acc.counts.into_iter().map(|(n, _)| n).collect();
            let name = names.first().cloned().unwrap_or_default();
            BudgetDepartment {
                slug: slug(&name),
                name,
                names,
                key,
                activities: acc.activities,
            }
        })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.key.cmp(&b.key)));
    out
}

/// Adds `row` to `acc` column by column (`n` columns): an empty cell adds
/// nothing, and a column stays empty (null) while every cell added is.
fn add_row(acc: &mut Vec<Option<Decimal>>, row: &[Option<Decimal>], n: usize) {
    acc.resize(n, None);
    for (slot, v) in acc.iter_mut().zip(row) {
        if let Some(v) = v {
            *slot = Some(slot.unwrap_or_default() + v);
        }
    }
}

/// Rows of figures by a key, in order of first appearance.
#[derive(Default)]
struct Sums {
    rows: Vec<(Value, Vec<Option<Decimal>>)>,
}

impl Sums {
    /// Adds `amounts` to the row `head` (its JSON without amounts), made on
    /// first use.
    fn add(&mut self, head: Value, amounts: &[Option<Decimal>], n: usize) {
        let i = match self.rows.iter().position(|(h, _)| *h == head) {
            Some(i) => i,
            None => {
                self.rows.push((head, Vec::new()));
                self.rows.len() - 1
            }
        };
        add_row(&mut self.rows[i].1, amounts, n);
    }

    fn into_json(self) -> Vec<Value> {
        self.rows
            .into_iter()
            .map(|(mut head, amounts)| {
                head["amounts"] = json!(amounts);
                head
            })
            .collect()
    }
}

/// The unit's total per cost column (the sum of its activities' totals).
fn unit_total(b: &BudgetProgramme, d: &BudgetDepartment) -> Vec<Option<Decimal>> {
    let n = b.cost_columns.len();
    let mut total = vec![None; n];
    for a in d.activities.iter().filter_map(|x| x.get(b)) {
        add_row(&mut total, &a.amounts.total, n);
    }
    total
}

/// The data `budget-department.typ` reads (`samples/budget-department.json`):
/// the unit, its activities grouped by alt program, its totals by program
/// and alt program and by economic code, and its total per cost column.
pub fn department_data(b: &BudgetProgramme, d: &BudgetDepartment) -> Value {
    let n = b.cost_columns.len();
    let mut by_program = Sums::default();
    let mut by_economic = Sums::default();
    let mut groups: Vec<Value> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for x in &d.activities {
        let (Some(p), Some(a)) = (b.programs.get(x.program), x.get(b)) else {
            continue;
        };
        let Some(s) = p.sub_programs.get(x.sub_program) else {
            continue;
        };
        let level = |l: ProgramLevel| serde_json::to_value(l).unwrap_or(Value::Null);
        by_program.add(
            json!({"level": level(ProgramLevel::Program), "code": p.code, "name": p.name}),
            &a.amounts.total,
            n,
        );
        by_program.add(
            json!({"level": level(ProgramLevel::SubProgram), "code": s.code, "name": s.name}),
            &a.amounts.total,
            n,
        );
        for l in &a.economic {
            by_economic.add(json!({"code": l.code, "name": l.name}), &l.amounts, n);
        }
        let item = json!({
            "code": a.code,
            "name": a.name,
            "units": a.units,
            "amounts": a.amounts,
            "printed_as": x.printed_as,
            "partners": x.partners,
        });
        if last != Some((x.program, x.sub_program)) {
            groups.push(json!({
                "program": {"code": p.code, "name": p.name},
                "sub_program": {"code": s.code, "name": s.name},
                "activities": [],
            }));
            last = Some((x.program, x.sub_program));
        }
        if let Some(Value::Array(list)) = groups.last_mut().map(|g| &mut g["activities"]) {
            list.push(item);
        }
    }
    let mut economic = by_economic.into_json();
    economic.sort_by(|x, y| x["code"].as_str().cmp(&y["code"].as_str()));
    let total = unit_total(b, d);
    let column = budget_column(b);
    json!({
        "format": "perfprog.budget-department/1",
        "institution": b.institution,
        "fiscal_year": b.fiscal_year,
        "cost_columns": b.cost_columns,
        "department": {"name": d.name, "slug": d.slug, "names": d.names},
        "count": d.activities.len(),
        "shared": d.activities.iter().filter(|a| a.shared()).count(),
        "budget_column": column.and_then(|i| b.cost_columns.get(i)).map(|c| c.label.as_str()),
        "budget_total": column.and_then(|i| total.get(i).copied().flatten()),
        "total": total,
        "groups": groups,
        "by_program": by_program.into_json(),
        "by_economic": economic,
    })
}

/// `<unit-slug>.pdf`.
pub fn department_file_name(d: &BudgetDepartment) -> String {
    format!("{}.pdf", d.slug)
}

/// The PDF title of a unit's extract.
pub fn department_title(b: &BudgetProgramme, d: &BudgetDepartment) -> String {
    super::super::extract_title(&d.name, b.fiscal_year)
}

/// The extract of one unit (`budget-department.typ` with [`department_data`]).
pub fn department_pdf(
    engine: &Engine,
    b: &BudgetProgramme,
    d: &BudgetDepartment,
    opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    engine.compile("budget-department.typ", &department_data(b, d), opts)
}

/// Compiles the extracts of `depts` on up to `threads` threads sharing the
/// engine; results in input order. `opts.title` is replaced by each unit's
/// title. A long-running caller ends the batch with [`Engine::end_batch`].
pub fn department_pdfs(
    engine: &Engine,
    b: &BudgetProgramme,
    depts: &[&BudgetDepartment],
    opts: &PdfOptions,
    threads: usize,
) -> Vec<Result<Vec<u8>, RenderError>> {
    compile_each(
        depts,
        threads,
        |d| d.activities.len(),
        |d| department_pdf(engine, b, d, &opts.titled(department_title(b, d))),
    )
}

/// The index of the extracts (`index.csv`, `index.xlsx`), with the columns
/// of the performance-target layout's index: unit, file, activity counts
/// (all, sole, shared), `total` (the unit's figure in the budget year's
/// budget column, e.g. `2026 Bütçe`; empty when that column is empty or
/// absent) and every printed spelling of the unit.
pub fn department_index(b: &BudgetProgramme, depts: &[&BudgetDepartment]) -> DepartmentIndex {
    let column = budget_column(b);
    let rows = depts
        .iter()
        .map(|d| {
            let shared = d.activities.iter().filter(|a| a.shared()).count();
            IndexRow {
                unit: d.name.clone(),
                file: department_file_name(d),
                activities: d.activities.len(),
                sole_activities: d.activities.len() - shared,
                shared_activities: shared,
                total: column.and_then(|i| unit_total(b, d).get(i).copied().flatten()),
                printed_names: d.names.clone(),
            }
        })
        .collect();
    DepartmentIndex::new(&b.institution, b.fiscal_year, rows)
}

/// `index.csv` of the extracts ([`department_index`]): the total a plain
/// decimal, the printed names `|`-separated.
pub fn department_index_csv(b: &BudgetProgramme, depts: &[&BudgetDepartment]) -> String {
    department_index(b, depts).csv()
}
