//! The round trip's comparison of two program-budget models, field by
//! field, through the walker of the performance-target layout's round trip
//! (`audit::roundtrip`): one error finding `roundtrip.<top-level key>` per
//! differing field, its message naming the path
//! (`programs[0].sub_programs[1].activities[2].amounts.total[3]`). Pages
//! and `source` are not compared; the front matter is compared as running
//! text.

use serde_json::Value;

use crate::audit::roundtrip::{compare_values, text, Scheme};
use crate::audit::{table, Finding};
use crate::model::budget::BudgetProgramme;

/// The model's top-level keys in document order.
const TOP_ORDER: [&str; 10] = [
    "format",
    "layout",
    "institution",
    "fiscal_year",
    "indicator_columns",
    "cost_columns",
    "programs",
    "program_summary",
    "economic_summary",
    "front_matter",
];

/// The program-budget layout: a finding's target is its alt program's code
/// (else its program's, else the name), its activity the activity's,
/// indicator's or summary row's name.
const BUDGET: Scheme = Scheme {
    top_order: &TOP_ORDER,
    table_of: |top| match top {
        "programs" => table::PROGRAM,
        "program_summary" => table::PROGRAM_SUMMARY,
        "economic_summary" => table::BUDGET_BY_ECONOMIC_CODE,
        "front_matter" => table::FRONT_MATTER,
        _ => table::MODEL,
    },
    locate: |c, _top, _path, last, obj| {
        let code_or_name = || text(obj, "code").or_else(|| text(obj, "name"));
        if last.starts_with("programs[") || last.starts_with("sub_programs[") {
            c.target = code_or_name();
        } else if last.starts_with("activities[") || last.starts_with("indicators[") {
            c.activity = text(obj, "name");
        } else if last.starts_with("rows[") {
            c.target = text(obj, "code");
            c.activity = text(obj, "name");
        }
    },
};

/// Compares `source` with `regenerated`; one error finding per differing field.
pub fn compare_models(source: &BudgetProgramme, regenerated: &BudgetProgramme) -> Vec<Finding> {
    compare_values(
        &serde_json::to_value(source).unwrap_or(Value::Null),
        &serde_json::to_value(regenerated).unwrap_or(Value::Null),
        &BUDGET,
        (&source.front_matter, &regenerated.front_matter),
    )
}
