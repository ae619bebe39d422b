//! Sheets → a program-budget document ([`from_grid`]), and which layout a
//! workbook is in ([`is_budget`]).

use std::collections::HashMap;

use super::super::layout::{
    read_front, table, Fields, Row, Table, CODE, FIELD, F_FORMAT, PAGE, PROGRAM, UNITS_COL, VALUE,
};
use super::super::{Grid, ImportError};
use super::*;
use crate::model::budget::{
    Activity, BudgetByEconomicCode, BudgetIndicator, Program, ProgramSummary, ProgramSummaryRow,
    SubProgram, SubProgramGoal,
};
use crate::model::FORMAT;
use crate::normalize::normalize_key;

/// Whether the workbook is a program-budget document's: its Program sheet
/// names that layout (`Düzen`). A workbook without the row (an older
/// export) is in the performance-target layout.
pub fn is_budget(grid: &Grid) -> Result<bool, ImportError> {
    let Ok(t) = table(grid, PROGRAM, &[FIELD, VALUE]) else {
        // The performance-target reader names what is missing.
        return Ok(false);
    };
    let fields = Fields::new(&t, &COLUMN_FIELDS)?;
    let Some(row) = fields.find(F_LAYOUT) else {
        return Ok(false);
    };
    let name = row.opt_text(1)?;
    match layout_named(&name) {
        Some(l) => Ok(l == Layout::ProgramBudget),
        None => Err(row.err(
            1,
            crate::msg!(
                "workbook-expected-layout",
                budget = format!("{:?}", Layout::ProgramBudget.name()),
                targets = format!("{:?}", Layout::PerformanceTarget.name()),
                found = format!("{name:?}")
            ),
        )),
    }
}

/// Reads a program-budget document back from a workbook laid out by
/// [`to_grid`].
pub fn from_grid(grid: &Grid) -> Result<BudgetProgramme, ImportError> {
    let t = table(grid, PROGRAM, &[FIELD, VALUE, YEAR, KIND])?;
    let fields = Fields::new(&t, &COLUMN_FIELDS)?;
    let row = fields.get(F_FORMAT)?;
    let format = row.text(1, "workbook-what-format")?;
    if format != FORMAT {
        return Err(row.err(
            1,
            crate::msg!(
                "workbook-expected-budget-format",
                format = format!("{FORMAT:?}"),
                found = format!("{format:?}")
            ),
        ));
    }
    let (institution, fiscal_year, source) = fields.head()?;
    let mut b = BudgetProgramme::new(source, institution, fiscal_year);
    let mut ps_columns = Vec::new();
    let mut es_columns = Vec::new();
    for (k, row) in &fields.repeated {
        match k {
            0 => b.indicator_columns.push(program_column(row)?),
            1 => b.cost_columns.push(program_column(row)?),
            2 => ps_columns.push(program_column(row)?),
            _ => es_columns.push(program_column(row)?),
        }
    }
    let printed = |name: &str| -> Result<bool, ImportError> {
        fields.get(name)?;
        Ok(fields.printed(name)?.unwrap_or(true))
    };
    let (has_ps, has_es) = (printed(F_PROGRAM_SUMMARY)?, printed(F_ECONOMIC_SUMMARY)?);

    let mut tree = read_hierarchy(grid)?;
    read_goals(grid, &mut tree)?;
    read_indicators(grid, &mut tree, &b.indicator_columns)?;
    let cost = headers(&b.cost_columns);
    read_activities(grid, &mut tree, &cost)?;
    read_economic(grid, &mut tree, &cost)?;
    read_totals(grid, &mut tree, &cost)?;
    b.programs = tree.programs;
    let own = |c: &[CostColumn]| {
        if c.is_empty() {
            cost.clone()
        } else {
            headers(c)
        }
    };
    if has_ps {
        b.program_summary = Some(read_program_summary(grid, &own(&ps_columns), ps_columns)?);
    }
    if has_es {
        b.economic_summary = Some(read_economic_summary(grid, &own(&es_columns), es_columns)?);
    }
    b.front_matter = read_front(grid)?;
    Ok(b)
}

fn headers<C: SheetColumn>(cols: &[C]) -> Vec<String> {
    cols.iter().map(SheetColumn::header).collect()
}

/// A column row of the Program sheet: label, year, kind.
fn program_column<C: SheetColumn>(row: &Row<'_>) -> Result<C, ImportError> {
    let label = row.opt_text(1)?;
    let year = row.count(2, "workbook-what-year")?.ok_or_else(|| {
        row.err(
            2,
            super::super::expected("workbook-what-year", &Cell::Empty),
        )
    })?;
    let kind = C::kind_of(&row.opt_text(3)?).map_err(|e| row.err(3, e))?;
    Ok(C::make(year as i32, kind, label))
}

/// A cell listing columns, as [`columns_cell`] writes it.
fn parse_columns<C: SheetColumn>(cell: &str) -> Result<Vec<C>, String> {
    let mut out = Vec::new();
    for part in cell
        .split(SEPARATOR)
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let explicit = part
            .strip_suffix(']')
            .and_then(|p| p.rsplit_once('['))
            .map(|(label, spec)| (label.trim(), spec.trim()));
        let col = match explicit {
            Some((label, spec)) => {
                let (year, word) = spec.split_once(' ').unwrap_or((spec, ""));
                let year = year.parse::<i32>().map_err(|_| {
                    crate::msg!(
                        "workbook-expected-year-in",
                        spec = spec,
                        found = format!("{year:?}")
                    )
                })?;
                C::make(year, C::kind_of(word)?, label.to_string())
            }
            None => C::from_label(part).ok_or_else(|| {
                crate::msg!(
                    "workbook-expected-column-labels",
                    found = format!("{part:?}")
                )
            })?,
        };
        out.push(col);
    }
    Ok(out)
}

/// Opens a sheet: its `fixed` columns by their titles, then one column per
/// figure header (the n-th column so titled for a header given n times).
fn open<'a>(
    grid: &'a Grid,
    name: &str,
    fixed: &[&str],
    headers: &[String],
) -> Result<Table<'a>, ImportError> {
    let mut t = table(grid, name, fixed)?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for h in headers {
        let key = normalize_key(h);
        let nth = seen.entry(key.clone()).or_default();
        let col = t
            .sheet
            .header
            .iter()
            .enumerate()
            .filter(|(_, title)| normalize_key(title) == key)
            .nth(*nth)
            .map(|(c, _)| c)
            .ok_or_else(|| {
                ImportError::at(
                    name,
                    "1:1",
                    crate::msg!(
                        "workbook-missing-column-listed",
                        column = format!("{h:?}"),
                        sheet = format!("{PROGRAM:?}")
                    ),
                )
            })?;
        *nth += 1;
        t.cols.push(col);
    }
    Ok(t)
}

/// `n` amounts from the row's column `from` on.
fn amounts(row: &Row<'_>, from: usize, n: usize) -> Result<Vec<Option<Dec>>, ImportError> {
    (from..from + n).map(|i| row.amount(i)).collect()
}

/// Text, or none for an empty cell.
fn opt_text(row: &Row<'_>, i: usize) -> Result<Option<String>, ImportError> {
    Ok(Some(row.opt_text(i)?).filter(|t| !t.is_empty()))
}

/// The programs read so far, and where each alt program is by its key.
struct Tree {
    programs: Vec<Program>,
    by_code: HashMap<String, (usize, usize)>,
    /// Alt programs without a code, by name.
    by_name: HashMap<String, (usize, usize)>,
}

impl Tree {
    fn sub_program(&mut self, at: (usize, usize)) -> &mut SubProgram {
        &mut self.programs[at.0].sub_programs[at.1]
    }

    /// The alt program a row names in its columns 0 (code) and 1 (name).
    fn find(&self, row: &Row<'_>) -> Result<(usize, usize), ImportError> {
        let code = row.opt_text(0)?;
        let (map, key, col) = if code.is_empty() {
            (&self.by_name, row.text(1, "workbook-what-sub-program")?, 1)
        } else {
            (&self.by_code, code, 0)
        };
        map.get(&key).copied().ok_or_else(|| {
            row.err(
                col,
                crate::msg!(
                    "workbook-unknown-sub-program",
                    key = format!("{key:?}"),
                    sheet = format!("{HIERARCHY:?}")
                ),
            )
        })
    }
}

fn read_hierarchy(grid: &Grid) -> Result<Tree, ImportError> {
    let t = table(
        grid,
        HIERARCHY,
        &[LEVEL, CODE, NAME, PAGE, OWN_INDICATORS, OWN_COSTS],
    )?;
    let mut tree = Tree {
        programs: Vec::new(),
        by_code: HashMap::new(),
        by_name: HashMap::new(),
    };
    for row in t.rows() {
        let level = row.choice(0, &LEVELS)?;
        let code = opt_text(&row, 1)?;
        let name = row.text(2, "workbook-what-name")?;
        let page = row.count(3, "workbook-what-page")?;
        if level == 0 {
            for i in [4, 5] {
                row.must_be_empty(i, "workbook-why-own-columns")?;
            }
            tree.programs.push(Program {
                code,
                name,
                page,
                sub_programs: Vec::new(),
            });
            continue;
        }
        let p = tree
            .programs
            .len()
            .checked_sub(1)
            .ok_or_else(|| row.err(0, crate::msg!("workbook-sub-program-after-program")))?;
        let at = (p, tree.programs[p].sub_programs.len());
        let (map, key) = match &code {
            Some(c) => (&mut tree.by_code, c.clone()),
            None => (&mut tree.by_name, name.clone()),
        };
        if map.insert(key.clone(), at).is_some() {
            let col = if code.is_some() { 1 } else { 2 };
            return Err(row.err(
                col,
                crate::msg!("workbook-sub-program-twice", key = format!("{key:?}")),
            ));
        }
        let mut s = SubProgram::new(code, name, page);
        s.columns_as_printed.indicators =
            parse_columns(&row.opt_text(4)?).map_err(|e| row.err(4, e))?;
        s.columns_as_printed.costs = parse_columns(&row.opt_text(5)?).map_err(|e| row.err(5, e))?;
        tree.programs[p].sub_programs.push(s);
    }
    Ok(tree)
}

/// The alt program columns every row sheet starts with (the program code
/// is not read).
const SP_KEY: [&str; 2] = [SP_CODE, SP];

fn with_key(rest: &[&'static str]) -> Vec<&'static str> {
    let mut out = SP_KEY.to_vec();
    out.extend(rest);
    out
}

fn read_goals(grid: &Grid, tree: &mut Tree) -> Result<(), ImportError> {
    let t = table(grid, GOALS, &with_key(&[GOAL_NO, GOAL]))?;
    for row in t.rows() {
        let at = tree.find(&row)?;
        let goal = SubProgramGoal {
            code: opt_text(&row, 2)?,
            text: row.text(3, "workbook-what-goal-text")?,
        };
        tree.sub_program(at).goals.push(goal);
    }
    Ok(())
}

fn read_indicators(
    grid: &Grid,
    tree: &mut Tree,
    columns: &[IndicatorColumn],
) -> Result<(), ImportError> {
    let mut fixed = with_key(&[IND_CODE, IND, UNIT, MARK]);
    fixed.extend(IND_TEXTS);
    let t = open(grid, INDICATORS, &fixed, &headers(columns))?;
    let first = fixed.len();
    for row in t.rows() {
        let at = tree.find(&row)?;
        let values = (first..first + columns.len())
            .map(|i| row.value(t.cols[i]))
            .collect::<Result<_, _>>()?;
        let ind = BudgetIndicator {
            code: opt_text(&row, 2)?,
            name: row.text(3, "workbook-what-indicator")?,
            unit: opt_text(&row, 4)?,
            values,
            marked: row.mark(5)?,
            description: opt_text(&row, 6)?,
            calculation: opt_text(&row, 7)?,
            data_source: opt_text(&row, 8)?,
        };
        tree.sub_program(at).indicators.push(ind);
    }
    Ok(())
}

/// The rows of one activity (or stated total) read so far, by [`ROWS`].
type RowSet = [Option<Vec<Option<Dec>>>; 3];

/// A [`RowSet`] as a cost row; its total row must be there.
fn cost_row(set: RowSet, missing: impl FnOnce() -> ImportError) -> Result<CostRow, ImportError> {
    let [total, budget, off_budget] = set;
    Ok(CostRow {
        budget,
        off_budget,
        total: total.ok_or_else(missing)?,
    })
}

fn read_activities(grid: &Grid, tree: &mut Tree, cost: &[String]) -> Result<(), ImportError> {
    let fixed = with_key(&[ACT_CODE, ACT, ROW, UNITS_COL, PAGE, DESCRIPTION]);
    let t = open(grid, ACTIVITIES, &fixed, cost)?;
    /// An activity whose rows are being read.
    struct Open {
        at: (usize, usize),
        activity: Activity,
        rows: RowSet,
        /// Where its first row is, for an error about the activity.
        first: ImportError,
    }
    let close = |o: Open, tree: &mut Tree| -> Result<(), ImportError> {
        let Open {
            at,
            mut activity,
            rows,
            first,
        } = o;
        activity.amounts = cost_row(rows, || first)?;
        tree.sub_program(at).activities.push(activity);
        Ok(())
    };
    let mut current: Option<Open> = None;
    for row in t.rows() {
        let at = tree.find(&row)?;
        let code = opt_text(&row, 2)?;
        let name = row.text(3, "workbook-what-activity")?;
        let kind = row.choice(4, &ROWS)?;
        let figures = amounts(&row, fixed.len(), cost.len())?;
        let same = current.as_ref().is_some_and(|o| {
            o.at == at
                && o.activity.code == code
                && o.activity.name == name
                && o.rows[kind].is_none()
        });
        if !same {
            if let Some(o) = current.take() {
                close(o, tree)?;
            }
            current = Some(Open {
                at,
                activity: Activity {
                    code,
                    name,
                    units: Vec::new(),
                    page: None,
                    amounts: CostRow::default(),
                    economic: Vec::new(),
                    description: None,
                },
                rows: Default::default(),
                first: row.err(
                    4,
                    crate::msg!("workbook-activity-no-row", row = format!("{:?}", ROWS[0])),
                ),
            });
        }
        let Some(o) = current.as_mut() else { continue };
        o.rows[kind] = Some(figures);
        if kind == 0 {
            o.activity.units = row.units(5)?;
            o.activity.page = row.count(6, "workbook-what-page")?;
            o.activity.description = opt_text(&row, 7)?;
        } else {
            for i in 5..8 {
                row.must_be_empty(i, "workbook-why-activity-total-row")?;
            }
        }
    }
    if let Some(o) = current {
        close(o, tree)?;
    }
    Ok(())
}

/// An activity as a row names it: its alt program, and its code (or its
/// name where it has none).
type ActivityKey = ((usize, usize), String);

fn read_economic(grid: &Grid, tree: &mut Tree, cost: &[String]) -> Result<(), ImportError> {
    let fixed = with_key(&[ACT_CODE, ACT, E_CODE, NAME]);
    let t = open(grid, ECONOMIC, &fixed, cost)?;
    // The n-th run of rows naming an activity goes to the n-th activity so
    // named in its alt program.
    let mut runs: HashMap<ActivityKey, usize> = HashMap::new();
    let mut last: Option<(ActivityKey, usize)> = None;
    for row in t.rows() {
        let at = tree.find(&row)?;
        let code = opt_text(&row, 2)?;
        let (key, col) = match &code {
            Some(c) => (c.clone(), 2),
            None => (row.text(3, "workbook-what-activity-code")?, 3),
        };
        let id = (at, key);
        let index = match &last {
            Some((l, i)) if *l == id => *i,
            _ => {
                let n = runs.entry(id.clone()).or_default();
                *n += 1;
                let named = |a: &Activity| match &code {
                    Some(c) => a.code.as_ref() == Some(c),
                    None => a.code.is_none() && a.name == id.1,
                };
                let found = tree
                    .sub_program(at)
                    .activities
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| named(a))
                    .nth(*n - 1)
                    .map(|(i, _)| i);
                let i = found.ok_or_else(|| {
                    row.err(
                        col,
                        crate::msg!(
                            "workbook-unknown-activity",
                            name = format!("{:?}", id.1),
                            sheet = format!("{ACTIVITIES:?}")
                        ),
                    )
                })?;
                last = Some((id, i));
                i
            }
        };
        let line = EconomicLine {
            code: row.text(4, "workbook-what-economic-code")?,
            name: row.opt_text(5)?,
            amounts: amounts(&row, fixed.len(), cost.len())?,
        };
        tree.sub_program(at).activities[index].economic.push(line);
    }
    Ok(())
}

fn read_totals(grid: &Grid, tree: &mut Tree, cost: &[String]) -> Result<(), ImportError> {
    let fixed = with_key(&[ROW]);
    let t = open(grid, TOTALS, &fixed, cost)?;
    let mut sets: Vec<((usize, usize), RowSet, ImportError)> = Vec::new();
    for row in t.rows() {
        let at = tree.find(&row)?;
        let kind = row.choice(2, &ROWS)?;
        let k = match sets.iter().position(|(a, _, _)| *a == at) {
            Some(k) => k,
            None => {
                let missing = row.err(
                    2,
                    crate::msg!("workbook-total-no-row", row = format!("{:?}", ROWS[0])),
                );
                sets.push((at, Default::default(), missing));
                sets.len() - 1
            }
        };
        let slot = &mut sets[k].1[kind];
        if slot.is_some() {
            return Err(row.err(
                2,
                crate::msg!(
                    "workbook-total-row-twice",
                    row = format!("{:?}", ROWS[kind])
                ),
            ));
        }
        *slot = Some(amounts(&row, fixed.len(), cost.len())?);
    }
    for (at, set, missing) in sets {
        tree.sub_program(at).stated_total = Some(cost_row(set, || missing)?);
    }
    Ok(())
}

/// A summary sheet's rows: kind, code, name and figures; the total row
/// (once at most) apart.
type SummaryRows = (
    Vec<(usize, Option<String>, String, Vec<Option<Dec>>)>,
    Option<Vec<Option<Dec>>>,
);

fn read_summary(
    grid: &Grid,
    name: &str,
    kinds: &[&str],
    headers: &[String],
) -> Result<SummaryRows, ImportError> {
    let fixed = [ROW, CODE, NAME];
    let t = open(grid, name, &fixed, headers)?;
    let total_kind = kinds.len() - 1;
    let (mut rows, mut total) = (Vec::new(), None);
    for row in t.rows() {
        let kind = row.choice(0, kinds)?;
        let figures = amounts(&row, fixed.len(), headers.len())?;
        if kind == total_kind {
            row.must_be_empty(1, "workbook-why-toplam-no-code")?;
            if total.replace(figures).is_some() {
                return Err(row.err(0, crate::msg!("workbook-toplam-twice")));
            }
            continue;
        }
        rows.push((kind, opt_text(&row, 1)?, row.opt_text(2)?, figures));
    }
    Ok((rows, total))
}

fn read_program_summary(
    grid: &Grid,
    headers: &[String],
    columns: Vec<CostColumn>,
) -> Result<ProgramSummary, ImportError> {
    let (rows, total) = read_summary(grid, PROGRAM_SUMMARY, &PS_ROWS, headers)?;
    let rows = rows
        .into_iter()
        .map(|(kind, code, name, amounts)| ProgramSummaryRow {
            level: if kind == 0 {
                ProgramLevel::Program
            } else {
                ProgramLevel::SubProgram
            },
            code,
            name,
            amounts,
        })
        .collect();
    Ok(ProgramSummary {
        rows,
        total,
        columns,
    })
}

fn read_economic_summary(
    grid: &Grid,
    headers: &[String],
    columns: Vec<CostColumn>,
) -> Result<BudgetByEconomicCode, ImportError> {
    let (rows, total) = read_summary(grid, ECONOMIC_SUMMARY, &ES_ROWS, headers)?;
    let rows = rows
        .into_iter()
        .map(|(_, code, name, amounts)| EconomicLine {
            code: code.unwrap_or_default(),
            name,
            amounts,
        })
        .collect();
    Ok(BudgetByEconomicCode {
        rows,
        total,
        columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_lists_read_back() {
        let cols = vec![
            IndicatorColumn::new(2025, Some(IndicatorKind::Planned)),
            IndicatorColumn {
                year: 2026,
                kind: Some(IndicatorKind::Target),
                label: "Uygulama Yılı 2026".into(),
            },
            IndicatorColumn {
                year: 2027,
                kind: None,
                label: String::new(),
            },
        ];
        let Cell::Text(cell) = columns_cell(&cols) else {
            panic!("a text cell")
        };
        assert_eq!(
            cell,
            "2025 Planlanan | Uygulama Yılı 2026 [2026 Hedef] | [2027]"
        );
        assert_eq!(parse_columns::<IndicatorColumn>(&cell).unwrap(), cols);
        let costs = vec![CostColumn::new(2025, Some(CostKind::Actual))];
        let Cell::Text(cell) = columns_cell(&costs) else {
            panic!("a text cell")
        };
        assert_eq!(cell, "2025 Harcama");
        assert_eq!(parse_columns::<CostColumn>(&cell).unwrap(), costs);
        assert!(parse_columns::<CostColumn>("Bütçe").is_err());
    }
}
