//! The yearly loop of a program-budget document: workbook export and
//! import, CSV export and rollover, through the library and the binary, on
//! the Kuzeykent 2026 model and small mutations of it.

use std::str::FromStr;

use perfprog::model::budget::{BudgetProgramme, CostColumn, CostKind, PrintedColumns};
use perfprog::model::{ColumnKind, Document, IndicatorColumn, Value};
use perfprog::workbook::grid::cell_ref;
use perfprog::workbook::{xlsx, Cell, Grid, Sheet};
use rust_decimal::Decimal;

use crate::util::{ok, perfprog, root, workdir};

const FIXTURE: &str = "tests/data/kuzeykent-2026-performans-programi.json";

fn fixture() -> BudgetProgramme {
    let text = std::fs::read_to_string(root().join(FIXTURE)).unwrap();
    Document::from_json(&text).unwrap().into_budget().unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The JSON paths where two values differ (`programs[0].sub_programs[1].name:
/// "a" ≠ "b"`), depth first.
fn json_diff(want: &serde_json::Value, got: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value as J;
    match (want, got) {
        (J::Object(a), J::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => json_diff(v, w, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
            out.extend(
                b.keys()
                    .filter(|k| !a.contains_key(*k))
                    .map(|k| format!("{path}.{k}: unexpected")),
            );
        }
        (J::Array(a), J::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                json_diff(v, w, &format!("{path}[{i}]"), out);
            }
        }
        _ if want != got => out.push(format!("{path}: {want} ≠ {got}")),
        _ => {}
    }
}

/// Asserts that `got` is `want` field by field (nulls, scales and empty
/// arrays included); the failure lists the first differing paths.
fn assert_same_budget(want: &BudgetProgramme, got: &BudgetProgramme, what: &str) {
    let (a, b) = (
        serde_json::to_value(want).unwrap(),
        serde_json::to_value(got).unwrap(),
    );
    let mut diffs = Vec::new();
    json_diff(&a, &b, "", &mut diffs);
    assert!(
        diffs.is_empty() && want == got,
        "{what}: {} differences:\n{}",
        diffs.len(),
        diffs
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn round_trip(b: &BudgetProgramme) -> BudgetProgramme {
    let bytes = perfprog::workbook::export_budget(b).unwrap();
    match perfprog::workbook::import_document(&bytes).unwrap() {
        Document::Budget(b) => b,
        Document::Targets(_) => panic!("read back in the other layout"),
    }
}

fn grid_of(b: &BudgetProgramme) -> Grid {
    xlsx::read(&perfprog::workbook::export_budget(b).unwrap()).unwrap()
}

fn import_grid(grid: &Grid) -> Result<Document, perfprog::workbook::ImportError> {
    perfprog::workbook::import_document(&xlsx::write(grid, "edited").unwrap())
}

fn sheet<'a>(grid: &'a mut Grid, name: &str) -> &'a mut Sheet {
    grid.sheet_mut(name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The first data row whose cells in the named columns are these texts.
fn row_where(s: &Sheet, cells: &[(&str, &str)]) -> usize {
    (0..s.rows.len())
        .find(|&r| {
            cells.iter().all(|(col, v)| {
                let c = s.column(col).unwrap_or_else(|| panic!("no column {col}"));
                *s.cell(r, c) == Cell::Text(v.to_string())
            })
        })
        .unwrap_or_else(|| panic!("no row with {cells:?} on {}", s.name))
}

#[test]
fn the_fixture_goes_through_the_workbook_losslessly() {
    let b = fixture();
    assert_same_budget(
        &b,
        &round_trip(&b),
        "export → import of the Kuzeykent model",
    );
    let names: Vec<String> = grid_of(&b).sheets.into_iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "Program",
            "Programlar ve Alt Programlar",
            "Alt Program Hedefleri",
            "Performans Göstergeleri",
            "Faaliyetler",
            "Ekonomik Sınıflandırma",
            "Alt Program Toplamları",
            "Program Kaynak Dağılımı",
            "Ekonomik Kodlara Göre Bütçe",
            "Ön Bölüm",
        ]
    );
    // The same model gives the same workbook (the bytes differ only in the
    // creation time, which is the time of writing unless SOURCE_DATE_EPOCH
    // is set; tests/office.rs checks the bytes with it).
    let written = || xlsx::read(&perfprog::workbook::export_budget(&b).unwrap()).unwrap();
    assert_eq!(written(), written());
}

/// Nulls against zeros, scales, null codes, null and empty arrays, text
/// values, missing summaries and columns of their own come back as they
/// were.
#[test]
fn unusual_models_go_through_the_workbook_losslessly() {
    let mut b = fixture();
    b.programs[1].code = None;
    let sp = &mut b.programs[0].sub_programs[0];
    sp.code = None;
    sp.stated_total = None;
    sp.goals[0].code = None;
    sp.columns_as_printed = PrintedColumns {
        indicators: vec![
            IndicatorColumn::new(2025, Some(ColumnKind::Planned)),
            IndicatorColumn {
                year: 2026,
                kind: Some(ColumnKind::Target),
                label: "Uygulama Yılı 2026".into(),
            },
        ],
        costs: vec![CostColumn::new(2026, None)],
    };
    let ind = &mut sp.indicators[0];
    ind.values[0] = None;
    ind.values[1] = Some(Value::Text("B- (Negatif)".into()));
    ind.values[2] = Some(Value::Number(d("12.500")));
    ind.unit = None;
    ind.marked = true;
    ind.description = None;
    let a = &mut sp.activities[0];
    a.code = None;
    a.amounts.budget = None;
    a.amounts.off_budget = None;
    a.amounts.total[0] = None;
    a.amounts.total[1] = Some(d("0"));
    a.amounts.total[2] = Some(d("0.000"));
    a.units = vec![];
    a.page = None;
    a.description = None;
    a.economic = vec![];
    let a = &mut sp.activities[1];
    a.amounts.off_budget = None;
    a.economic[0].amounts = vec![None; 6];
    b.program_summary = None;
    let es = b.economic_summary.as_mut().unwrap();
    es.total = None;
    es.columns = vec![
        CostColumn::new(2026, Some(CostKind::Budget)),
        CostColumn {
            year: 2027,
            kind: Some(CostKind::Estimate),
            label: "2027 Yılı Tahmini".into(),
        },
    ];
    for r in &mut es.rows {
        r.amounts.truncate(2);
    }
    b.source.pages = None;
    b.front_matter.truncate(1);
    assert_same_budget(&b, &round_trip(&b), "export → import of a mutated model");
}

#[test]
fn an_edited_amount_imports_with_the_change() {
    let b = fixture();
    let mut grid = grid_of(&b);
    let s = sheet(&mut grid, "Faaliyetler");
    let r = row_where(s, &[("Faaliyet Kodu", "01.01.001"), ("Satır", "Toplam")]);
    let c = s.column("2026 Bütçe").unwrap();
    s.set(r, c, Cell::Number(d("7000000.00")));
    // Turkish number text is read too, and `-` is an empty cell.
    let r = row_where(s, &[("Faaliyet Kodu", "01.01.002"), ("Satır", "Bütçe İçi")]);
    s.set(r, c, Cell::Text("858.000,50".into()));
    s.set(r, c + 1, Cell::Text("-".into()));
    let got = import_grid(&grid).unwrap().into_budget().unwrap();
    let mut want = b.clone();
    let acts = &mut want.programs[0].sub_programs[0].activities;
    acts[0].amounts.total[3] = Some(d("7000000.00"));
    let budget = acts[1].amounts.budget.as_mut().unwrap();
    budget[3] = Some(d("858000.50"));
    budget[4] = None;
    assert_same_budget(&want, &got, "the edited workbook");
}

#[test]
fn a_damaged_workbook_names_sheet_and_cell() {
    let b = fixture();
    let error = |edit: &dyn Fn(&mut Grid)| {
        let mut grid = grid_of(&b);
        edit(&mut grid);
        import_grid(&grid).unwrap_err().to_string()
    };
    // An amount that is not one.
    let mut at = String::new();
    let e = error(&|g| {
        let s = sheet(g, "Faaliyetler");
        let r = row_where(s, &[("Faaliyet Kodu", "01.02.001"), ("Satır", "Toplam")]);
        let c = s.column("2027 Tahmin").unwrap();
        s.set(r, c, Cell::Text("12,5 TL".into()));
    });
    {
        let g = grid_of(&b);
        let s = g.sheet("Faaliyetler").unwrap();
        let r = row_where(s, &[("Faaliyet Kodu", "01.02.001"), ("Satır", "Toplam")]);
        at.push_str(&cell_ref(r, s.column("2027 Tahmin").unwrap()));
    }
    assert_eq!(
        e,
        format!("Faaliyetler!{at}: expected an amount, found \"12,5 TL\"")
    );
    // An indicator of an alt program that does not exist.
    let e = error(&|g| {
        let s = sheet(g, "Performans Göstergeleri");
        let c = s.column("Alt Program Kodu").unwrap();
        s.set(3, c, Cell::Text("09.99".into()));
    });
    assert!(
        e.starts_with("Performans Göstergeleri!B5: unknown alt program \"09.99\""),
        "{e}"
    );
    // A figure column renamed away from the Program sheet's columns.
    let e = error(&|g| {
        let s = sheet(g, "Alt Program Toplamları");
        let c = s.column("2028 Tahmin").unwrap();
        s.header[c] = "2028".into();
    });
    assert!(
        e.starts_with("Alt Program Toplamları!1:1: missing the column \"2028 Tahmin\""),
        "{e}"
    );
    // A column kind the layout does not know.
    let e = error(&|g| {
        let s = sheet(g, "Program");
        let r = row_where(s, &[("Alan", "Maliyet Sütunu"), ("Değer", "2026 Bütçe")]);
        s.set(r, 3, Cell::Text("Ödenek Üstü".into()));
    });
    assert!(e.starts_with("Program!D"), "{e}");
    assert!(e.contains("expected a kind"), "{e}");
    // An activity's Bütçe İçi row without its Toplam row.
    let e = error(&|g| {
        let s = sheet(g, "Faaliyetler");
        let r = row_where(s, &[("Faaliyet Kodu", "01.01.001"), ("Satır", "Toplam")]);
        s.rows[r] = Vec::new();
    });
    assert!(e.contains("the activity has no \"Toplam\" row"), "{e}");
    assert!(e.starts_with("Faaliyetler!F"), "{e}");
}

#[test]
fn rollover_moves_columns_by_year_and_kind() {
    let b = fixture();
    assert!(perfprog::rollover::budget::rollover(&b, 2026, false).is_err());
    let r = perfprog::rollover::budget::rollover(&b, 2027, false).unwrap();
    let n = &r.programme;
    assert_eq!(n.fiscal_year, 2027);
    assert_eq!(
        n.cost_columns
            .iter()
            .map(|c| (c.year, c.label.as_str()))
            .collect::<Vec<_>>(),
        [
            (2026, "2026 Bütçe"),
            (2026, "2026 Haziran Sonu Harcama"),
            (2026, "2026 Yıl Sonu Harcama Tahmini"),
            (2027, "2027 Bütçe"),
            (2028, "2028 Tahmin"),
            (2029, "2029 Tahmin"),
        ]
    );
    assert_eq!(
        n.indicator_columns
            .iter()
            .map(|c| (c.year, c.label.as_str()))
            .collect::<Vec<_>>(),
        [
            (2025, "2025 Gerçekleşme"),
            (2026, "2026 Planlanan"),
            (2026, "2026 Yıl Sonu Gerçekleşme Tahmini"),
            (2027, "2027 Hedef"),
            (2028, "2028 Tahmin"),
            (2029, "2029 Tahmin"),
        ]
    );
    let kinds = |b: &BudgetProgramme| -> Vec<_> { b.cost_columns.iter().map(|c| c.kind).collect() };
    assert_eq!(kinds(n), kinds(&b));

    // Activity 01.01.001: its 2026 budget (6.750.000,00) is the new year's
    // 2026 Bütçe; everything else starts empty.
    let (old, new) = (
        &b.programs[0].sub_programs[0],
        &n.programs[0].sub_programs[0],
    );
    let (oa, na) = (&old.activities[0], &new.activities[0]);
    assert_eq!(oa.amounts.total[3], Some(d("6750000.00")));
    let only_first = |v: &[Option<Decimal>], first: Option<Decimal>| {
        let mut want = vec![None; 6];
        want[0] = first;
        assert_eq!(v, want);
    };
    only_first(&na.amounts.total, oa.amounts.total[3]);
    only_first(na.amounts.budget.as_ref().unwrap(), Some(d("6750000.00")));
    only_first(na.amounts.off_budget.as_ref().unwrap(), Some(d("0.00")));
    only_first(&na.economic[0].amounts, oa.economic[0].amounts[3]);
    only_first(
        &new.stated_total.as_ref().unwrap().total,
        old.stated_total.as_ref().unwrap().total[3],
    );
    let ps = n.program_summary.as_ref().unwrap();
    only_first(&ps.rows[0].amounts, Some(d("37441000.00")));
    let es = n.economic_summary.as_ref().unwrap();
    only_first(es.total.as_ref().unwrap(), Some(d("192013000.00")));
    assert_eq!((na.name.as_str(), na.page), (oa.name.as_str(), None));
    assert_eq!(na.units, oa.units);
    assert_eq!(na.description, oa.description);

    // Indicators: the 2026 target is what was planned for 2026.
    let (oi, ni) = (&old.indicators[1], &new.indicators[1]);
    assert_eq!(oi.values[3], Some(Value::Number(d("468"))));
    assert_eq!(
        ni.values,
        [None, oi.values[3].clone(), None, None, None, None]
    );
    assert!(r
        .notices
        .iter()
        .any(|m| m.contains("“2027 Bütçe” is empty")));
    assert!(r
        .notices
        .iter()
        .any(|m| m.contains("“2027 Tahmin” is not carried over")));

    // With --carry-amounts the forecasts start the new year's plan.
    let c = perfprog::rollover::budget::rollover(&b, 2027, true)
        .unwrap()
        .programme;
    let ca = &c.programs[0].sub_programs[0].activities[0];
    assert_eq!(
        ca.amounts.total,
        [
            Some(d("6750000.00")),
            None,
            None,
            Some(d("7290000.00")),
            Some(d("7800000.00")),
            None
        ]
    );
    let ci = &c.programs[0].sub_programs[0].indicators[1];
    assert_eq!(ci.values[3], oi.values[4]);
    assert_eq!(ci.values[4], oi.values[5]);
    assert_eq!(ci.values[5], None);

    // The rolled model serialises, loads again, and goes through the workbook.
    for m in [n, &c] {
        let again = Document::from_json(&m.to_json())
            .unwrap()
            .into_budget()
            .unwrap();
        assert_same_budget(m, &again, "the rolled model, loaded again");
        assert_same_budget(m, &round_trip(m), "the rolled model through the workbook");
    }
}

#[test]
fn the_cli_exports_imports_and_rolls_over() {
    let dir = workdir("budget-loop-cli");
    let model = root().join(FIXTURE);
    let model = model.to_str().unwrap();
    ok(&perfprog(
        &dir,
        &["export", model, "--xlsx", "kuzeykent.xlsx", "--csv", "csv"],
    ));
    ok(&perfprog(
        &dir,
        &["import", "kuzeykent.xlsx", "-o", "imported.json"],
    ));
    let imported = std::fs::read_to_string(dir.join("imported.json")).unwrap();
    assert_eq!(imported, fixture().to_json());
    let out = perfprog(
        &dir,
        &["rollover", model, "--to", "2027", "-o", "2027.json"],
    );
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("perfprog: note: cost column 1 “2026 Bütçe” takes 67"),
        "{stderr}"
    );
    let rolled = std::fs::read_to_string(dir.join("2027.json")).unwrap();
    assert_eq!(Document::from_json(&rolled).unwrap().fiscal_year(), 2027);
    // The rolled workbook, rolled again with the amounts carried.
    ok(&perfprog(
        &dir,
        &["export", "2027.json", "--xlsx", "2027.xlsx"],
    ));
    ok(&perfprog(
        &dir,
        &[
            "rollover",
            "2027.xlsx",
            "--to",
            "2028",
            "--carry-amounts",
            "-o",
            "2028.json",
        ],
    ));
    let out = perfprog(&dir, &["rollover", model, "--to", "2025", "-o", "x.json"]);
    assert_eq!(out.status.code(), Some(2));

    // The CSVs, each with its header.
    let headers = [
        ("programs.csv", "program_code,program_name,page"),
        ("sub_programs.csv", "program_code,sub_program_code,sub_program_name,page,"),
        ("sub_program_goals.csv", "program_code,sub_program_code,sub_program_name,goal_no,"),
        ("indicators.csv", "program_code,sub_program_code,sub_program_name,indicator_no,"),
        ("activities.csv", "program_code,sub_program_code,sub_program_name,activity_no,"),
        ("activity_costs.csv", "program_code,sub_program_code,activity_no,activity_code,row,year,kind,column_label,amount"),
        ("activity_economic.csv", "program_code,sub_program_code,activity_no,activity_code,economic_code,"),
        ("sub_program_totals.csv", "program_code,sub_program_code,sub_program_name,row,year,"),
        ("program_summary.csv", "row_type,code,name,year,kind,column_label,amount"),
        ("economic_summary.csv", "row_type,code,name,year,kind,column_label,amount"),
        ("data-dictionary.csv", "file,column,type,description"),
    ];
    for (file, header) in headers {
        let text = std::fs::read_to_string(dir.join("csv").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            text.starts_with(header),
            "{file}: {}",
            text.lines().next().unwrap_or("")
        );
        assert!(text.lines().count() > 1, "{file} has no rows");
    }
    let costs = std::fs::read_to_string(dir.join("csv/activity_costs.csv")).unwrap();
    assert!(
        costs.contains("\n01,01.01,1,01.01.001,total,2026,budget,2026 Bütçe,6750000.00\n"),
        "{}",
        &costs[..400]
    );
}
