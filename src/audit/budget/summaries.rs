//! The summaries against the blocks: `budget.summary.program` and
//! `budget.cross.name` (the summary by program), `budget.summary.economic`
//! (the summary by economic code).

use super::checks::outermost;
use super::{activity_total, cell, extends, same_code, summary_columns, width};
use crate::audit::checks::{part, reconcile, spelled_otherwise, sum};
use crate::audit::{table, Finding, Severity};
use crate::i18n::Message;
use crate::model::budget::{
    Activity, BudgetByEconomicCode, BudgetProgramme, ProgramLevel, ProgramSummary,
    ProgramSummaryRow,
};
use crate::model::Dec;
use crate::msg;
use crate::normalize::normalize_key;

/// Runs the summaries' checks in document order.
pub(super) fn run(b: &BudgetProgramme, out: &mut Vec<Finding>) {
    if let Some(ps) = &b.program_summary {
        program_summary(b, ps, out);
    }
    if let Some(es) = &b.economic_summary {
        economic_summary(b, es, out);
    }
}

/// A program or alt program block as a summary row sees it.
struct Block<'a> {
    level: ProgramLevel,
    code: Option<&'a str>,
    name: &'a str,
    page: Option<u32>,
    activities: Vec<&'a Activity>,
}

impl Block<'_> {
    fn word(&self) -> &'static str {
        level_word(self.level)
    }
}

/// "01.02 " before a name, where a code is printed.
fn code_part(code: Option<&str>) -> Message {
    part(code.map(|c| msg!("part-code-before", code = c)))
}

fn level_word(level: ProgramLevel) -> &'static str {
    match level {
        ProgramLevel::Program => "program",
        ProgramLevel::SubProgram => "alt program",
    }
}

/// Every program and alt program, in document order.
fn blocks(b: &BudgetProgramme) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    for p in &b.programs {
        out.push(Block {
            level: ProgramLevel::Program,
            code: p.code.as_deref(),
            name: &p.name,
            page: p.page,
            activities: p.sub_programs.iter().flat_map(|s| &s.activities).collect(),
        });
        for s in &p.sub_programs {
            out.push(Block {
                level: ProgramLevel::SubProgram,
                code: s.code.as_deref(),
                name: &s.name,
                page: s.page,
                activities: s.activities.iter().collect(),
            });
        }
    }
    out
}

/// Pairs each summary row with a block of its level: by code, then the
/// rows left over by normalised name. Duplicates pair in order.
fn pair_rows(rows: &[ProgramSummaryRow], blocks: &[Block<'_>]) -> Vec<Option<usize>> {
    let mut used = vec![false; blocks.len()];
    let mut paired = vec![None; rows.len()];
    let by_code = |r: &ProgramSummaryRow, k: &Block| matches!((&r.code, k.code), (Some(a), Some(b)) if same_code(a, b));
    let by_name =
        |r: &ProgramSummaryRow, k: &Block| normalize_key(&r.name) == normalize_key(k.name);
    for same in [
        &by_code as &dyn Fn(&ProgramSummaryRow, &Block) -> bool,
        &by_name,
    ] {
        for (i, r) in rows.iter().enumerate() {
            if paired[i].is_some() {
                continue;
            }
            let found = blocks
                .iter()
                .enumerate()
                .find(|(j, k)| !used[*j] && k.level == r.level && same(r, k));
            if let Some((j, _)) = found {
                used[j] = true;
                paired[i] = Some(j);
            }
        }
    }
    paired
}

/// `budget.summary.program` and `budget.cross.name`.
fn program_summary(b: &BudgetProgramme, ps: &ProgramSummary, out: &mut Vec<Finding>) {
    let blocks = blocks(b);
    let columns = summary_columns(&ps.columns, &b.cost_columns, width(b));
    let paired = pair_rows(&ps.rows, &blocks);
    let base = |check: &str, code: Option<&str>, name: &str| {
        let f = Finding::new(check, Severity::Error, table::PROGRAM_SUMMARY).activity(name);
        match code {
            Some(c) => f.target(c),
            None => f,
        }
    };
    for (r, k) in ps.rows.iter().zip(&paired) {
        let word = level_word(r.level);
        let Some(k) = k.map(|j| &blocks[j]) else {
            out.push(
                base("budget.summary.program", r.code.as_deref(), &r.name)
                    .severity(Severity::Warning)
                    .message(msg!(
                        "finding-summary-row-without-block",
                        level = word,
                        code = code_part(r.code.as_deref()),
                        name = &r.name
                    )),
            );
            continue;
        };
        let code = r.code.as_deref().or(k.code);
        out.extend(cross_name(r, k, code));
        for (i, j, label) in &columns {
            out.extend(reconcile(
                base("budget.summary.program", code, &r.name).page(k.page),
                cell(&r.amounts, *i),
                sum(k.activities.iter().map(|a| activity_total(a, *j))),
                msg!(
                    "what-summary-program-row",
                    column = label.as_str(),
                    level = word,
                    count = k.activities.len()
                ),
            ));
        }
    }
    // Blocks without a row, at each level the summary prints.
    for (j, k) in blocks.iter().enumerate() {
        let printed = ps.rows.iter().any(|r| r.level == k.level);
        if printed && !paired.contains(&Some(j)) {
            out.push(
                base("budget.summary.program", k.code, k.name)
                    .severity(Severity::Warning)
                    .page(k.page)
                    .message(msg!(
                        "finding-block-without-summary-row",
                        level = k.word(),
                        code = code_part(k.code),
                        name = k.name
                    )),
            );
        }
    }
    let Some(total) = &ps.total else { return };
    let level = if ps.rows.iter().any(|r| r.level == ProgramLevel::Program) {
        ProgramLevel::Program
    } else {
        ProgramLevel::SubProgram
    };
    let rows: Vec<&ProgramSummaryRow> = ps.rows.iter().filter(|r| r.level == level).collect();
    for (i, _, label) in &columns {
        out.extend(reconcile(
            base("budget.summary.program", None, "Toplam"),
            cell(total, *i),
            sum(rows.iter().map(|r| cell(&r.amounts, *i))),
            msg!(
                "what-summary-program-total",
                column = label.as_str(),
                level = level_word(level),
                count = rows.len()
            ),
        ));
    }
}

/// `budget.cross.name`: a summary row naming (or coding) its block otherwise.
fn cross_name(r: &ProgramSummaryRow, k: &Block<'_>, code: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    let word = k.word();
    let shown = || code_part(code);
    let base = |severity| {
        let f = Finding::new("budget.cross.name", severity, table::PROGRAM_SUMMARY)
            .activity(&r.name)
            .page(k.page);
        match code {
            Some(c) => f.target(c),
            None => f,
        }
    };
    if let Some(severity) = spelled_otherwise(&r.name, k.name) {
        out.push(base(severity).message(msg!(
            "finding-budget-cross-name",
            level = word,
            code = shown(),
            here = &r.name,
            there = k.name,
            only = part((severity == Severity::Info).then(|| msg!("part-typography-only")))
        )));
    }
    if let (Some(rc), Some(kc)) = (&r.code, k.code) {
        if !same_code(rc, kc) {
            out.push(base(Severity::Warning).message(msg!(
                "finding-budget-cross-code",
                level = word,
                name = k.name,
                here = rc,
                there = kc
            )));
        }
    }
    out
}

/// An activity's amount in column `j` under economic code `code`: its line
/// of that code, else the sum of its outermost lines under it.
fn economic_amount(a: &Activity, code: &str, j: usize) -> Dec {
    if let Some(l) = a.economic.iter().find(|l| same_code(&l.code, code)) {
        return cell(&l.amounts, j).unwrap_or_default();
    }
    let under: Vec<_> = a
        .economic
        .iter()
        .filter(|l| extends(&l.code, code))
        .collect();
    sum(outermost(&under).iter().map(|l| cell(&l.amounts, j)))
}

/// `budget.summary.economic`: each row vs the activities' lines of its
/// code, the total vs the (outermost) rows.
fn economic_summary(b: &BudgetProgramme, es: &BudgetByEconomicCode, out: &mut Vec<Finding>) {
    let columns = summary_columns(&es.columns, &b.cost_columns, width(b));
    let activities: Vec<&Activity> = b.activities().map(|(_, _, a)| a).collect();
    let without = activities.iter().filter(|a| a.economic.is_empty()).count();
    let base = |name: String| {
        Finding::new(
            "budget.summary.economic",
            Severity::Error,
            table::BUDGET_BY_ECONOMIC_CODE,
        )
        .activity(name)
    };
    // Nothing to compare the rows with (`audit.not_run` says so).
    if without < activities.len() {
        let note = || part((without > 0).then(|| msg!("part-no-breakdown", count = without)));
        for r in &es.rows {
            for (i, j, label) in &columns {
                out.extend(reconcile(
                    base(format!("{} {}", r.code, r.name)),
                    cell(&r.amounts, *i),
                    activities
                        .iter()
                        .map(|a| economic_amount(a, &r.code, *j))
                        .sum(),
                    msg!(
                        "what-summary-economic-row",
                        column = label.as_str(),
                        code = &r.code,
                        note = note()
                    ),
                ));
            }
        }
    }
    let Some(total) = &es.total else { return };
    let rows = outermost(&es.rows.iter().collect::<Vec<_>>());
    for (i, _, label) in &columns {
        out.extend(reconcile(
            base("Toplam".to_string()),
            cell(total, *i),
            sum(rows.iter().map(|r| cell(&r.amounts, *i))),
            msg!(
                "what-summary-economic-total",
                column = label.as_str(),
                count = rows.len()
            ),
        ));
    }
}
