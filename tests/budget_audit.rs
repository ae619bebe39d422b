//! Integration tests: the audit, round trip and diff of program-budget
//! documents, on the real fixture model (Kuzeykent 2026, every figure of
//! which adds up) and on small hand-made mutations of it. A printed figure
//! takes part in several relations (an activity's total is summed into its
//! alt program's total and into both summaries), so each mutation is
//! chosen so that the check under test fires where expected, and the test
//! pins what else it rightly sets off.

use std::str::FromStr;

use perfprog::audit::{self, Change, ChangeKind, Finding, Severity};
use perfprog::model::budget::{Activity, BudgetProgramme, SubProgram};
use perfprog::model::{Document, Layout, Value};
use rust_decimal::Decimal;

use crate::util;

const FIXTURE: &str = "tests/data/kuzeykent-2026-performans-programi.json";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn fixture() -> BudgetProgramme {
    let text = std::fs::read_to_string(util::root().join(FIXTURE)).unwrap();
    Document::from_json(&text).unwrap().into_budget().unwrap()
}

fn sub_mut<'a>(b: &'a mut BudgetProgramme, code: &str) -> &'a mut SubProgram {
    b.programs
        .iter_mut()
        .flat_map(|p| p.sub_programs.iter_mut())
        .find(|s| s.code.as_deref() == Some(code))
        .unwrap()
}

fn activity_mut<'a>(b: &'a mut BudgetProgramme, code: &str) -> &'a mut Activity {
    b.programs
        .iter_mut()
        .flat_map(|p| p.sub_programs.iter_mut())
        .flat_map(|s| s.activities.iter_mut())
        .find(|a| a.code.as_deref() == Some(code))
        .unwrap()
}

/// The index of the cost column labelled `label`.
fn col(b: &BudgetProgramme, label: &str) -> usize {
    b.cost_columns
        .iter()
        .position(|c| c.label == label)
        .unwrap()
}

/// The findings of one check.
fn of<'a>(findings: &'a [Finding], check: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.check == check).collect()
}

/// The checks of the findings, in order, without repeats.
fn checks(findings: &[Finding]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for f in findings {
        if !out.contains(&f.check.as_str()) {
            out.push(&f.check);
        }
    }
    out
}

fn one<'a>(findings: &'a [Finding], check: &str) -> &'a Finding {
    let found = of(findings, check);
    assert_eq!(found.len(), 1, "{check}: {findings:#?}");
    found[0]
}

#[test]
fn fixture_audits_without_findings() {
    let b = fixture();
    assert_eq!(b.programs.len(), 7);
    assert_eq!(b.activities().count(), 67);
    let f = audit::budget::audit(&b);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn budget_line_sum() {
    let mut b = fixture();
    let c = col(&b, "2026 Bütçe");
    let a = activity_mut(&mut b, "01.01.003");
    a.amounts.off_budget.as_mut().unwrap()[c] = Some(d("16000.00"));
    let (total, budget) = (a.amounts.total[c], a.amounts.budget.as_ref().unwrap()[c]);
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "budget.line.sum");
    assert_eq!(x.severity, Severity::Error);
    assert_eq!(x.table, audit::table::COST);
    assert_eq!(x.target.as_deref(), Some("01.01"));
    assert_eq!(
        x.activity.as_deref(),
        Some("Teleferik ve Füniküler Sistemleri Projesi")
    );
    assert_eq!(x.page, Some(5));
    assert_eq!(x.stated, total);
    assert_eq!(x.computed, Some(budget.unwrap() + d("16000.00")));
    assert_eq!(x.difference, Some(d("-1000.00")));
    assert!(x.message.starts_with("2026 Bütçe: "), "{}", x.message);
    assert!(x.message.contains("115.000,00"), "{}", x.message);
    assert!(x.message.contains("116.000,00"), "{}", x.message);
}

#[test]
fn one_wrong_activity_total_is_seen_by_every_relation_it_is_in() {
    let mut b = fixture();
    let c = col(&b, "2027 Tahmin");
    let a = activity_mut(&mut b, "01.02.003");
    let was = a.amounts.total[c].unwrap();
    a.amounts.total[c] = Some(was + d("1.00"));
    let f = audit::budget::audit(&b);
    assert_eq!(
        checks(&f),
        [
            "budget.line.sum",
            "budget.total",
            "budget.economic",
            "budget.summary.program"
        ],
        "{f:#?}"
    );
    // The alt program's total and both of its summary rows (alt program,
    // program) disagree with the activities by one lira.
    assert_eq!(of(&f, "budget.summary.program").len(), 2);
    for x in &f {
        assert!(x.message.starts_with("2027 Tahmin: "), "{}", x.message);
        assert_eq!(x.difference.map(|d| d.abs()), Some(d("1.00")), "{x:?}");
        assert_eq!(
            x.page,
            Some(if x.target.as_deref() == Some("01") {
                5
            } else {
                7
            })
        );
    }
    let total = one(&f, "budget.total");
    assert_eq!(total.target.as_deref(), Some("01.02"));
    assert!(total
        .message
        .contains("Toplam row vs the sum of its 4 activities"));
    // The economic lines are now compared with the wrong total.
    let econ = one(&f, "budget.economic");
    assert_eq!(econ.stated, Some(was + d("1.00")));
    assert_eq!(econ.computed, Some(was));
}

#[test]
fn budget_total_blank_and_wrong() {
    let mut b = fixture();
    let c = col(&b, "2025 Bütçe");
    let s = sub_mut(&mut b, "04.03");
    let sum: Decimal = s
        .activities
        .iter()
        .map(|a| a.amounts.total[c].unwrap())
        .sum();
    s.stated_total.as_mut().unwrap().total[c] = None;
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "budget.total");
    assert_eq!(x.severity, Severity::Warning);
    assert_eq!((x.stated, x.computed), (None, Some(sum)));
    assert_eq!(x.target.as_deref(), Some("04.03"));
    assert_eq!(x.page, Some(25));
    assert!(
        x.message.contains("the stated cell is empty"),
        "{}",
        x.message
    );

    // A Bütçe İçi row printed under the total, one cell wrong.
    let mut b = fixture();
    let s = sub_mut(&mut b, "04.03");
    let n = s.activities.len();
    let mut budget: Vec<Option<Decimal>> = (0..6)
        .map(|i| {
            Some(
                s.activities
                    .iter()
                    .map(|a| a.amounts.budget.as_ref().unwrap()[i].unwrap_or_default())
                    .sum(),
            )
        })
        .collect();
    budget[5] = budget[5].map(|x| x + d("10"));
    s.stated_total.as_mut().unwrap().budget = Some(budget);
    let f = audit::budget::audit(&b);
    let x = one(&f, "budget.total");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(x.difference, Some(d("10")));
    assert!(
        x.message.starts_with(&format!(
            "2028 Tahmin: the alt program's Bütçe İçi row vs the sum of its {n} activities"
        )),
        "{}",
        x.message
    );
}

#[test]
fn budget_economic_against_the_total_or_the_budget_row() {
    let mut b = fixture();
    let c = col(&b, "2025 Haziran Sonu Harcama");
    let a = activity_mut(&mut b, "03.03.001");
    let line = &mut a.economic[0];
    let code = line.code.clone();
    line.amounts[c] = line.amounts[c].map(|x| x - d("500"));
    let f = audit::budget::audit(&b);
    assert_eq!(
        checks(&f),
        ["budget.economic", "budget.summary.economic"],
        "{f:#?}"
    );
    let x = one(&f, "budget.economic");
    assert_eq!(x.table, audit::table::COST);
    assert_eq!(x.target.as_deref(), Some("03.03"));
    assert_eq!(x.page, Some(19));
    assert_eq!(x.difference, Some(d("500")));
    assert!(x
        .message
        .contains("the activity's total vs the sum of its 2 economic lines"));
    let s = one(&f, "budget.summary.economic");
    assert_eq!(s.difference, Some(d("500")));
    assert!(s.message.contains(&format!("row {code}")), "{}", s.message);

    // Lines that break down the Bütçe İçi row (off-budget money left out)
    // are compared with that row.
    let mut b = fixture();
    b.economic_summary = None;
    let a = activity_mut(&mut b, "01.01.003");
    a.economic[0].amounts = a.amounts.budget.clone().unwrap();
    let f = audit::budget::audit(&b);
    assert_eq!(checks(&f), ["audit.not_run"], "{f:#?}");
    let c = col(&b, "2027 Tahmin");
    let a = activity_mut(&mut b, "01.01.003");
    let l = &mut a.economic[0].amounts[c];
    *l = l.map(|x| x + d("1"));
    let f = audit::budget::audit(&b);
    let x = one(&f, "budget.economic");
    assert_eq!(x.difference, Some(d("-1")));
    assert!(
        x.message.starts_with(
            "2027 Tahmin: the activity's Bütçe İçi row vs the sum of its 1 economic line"
        ),
        "{}",
        x.message
    );
}

#[test]
fn budget_summary_program() {
    let mut b = fixture();
    let c = col(&b, "2026 Bütçe");
    let ps = b.program_summary.as_mut().unwrap();
    let row = ps
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some("03.02"))
        .unwrap();
    row.amounts[c] = row.amounts[c].map(|x| x + d("1000"));
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "budget.summary.program");
    assert_eq!(x.table, audit::table::PROGRAM_SUMMARY);
    assert_eq!(x.target.as_deref(), Some("03.02"));
    assert_eq!(x.page, Some(17));
    assert_eq!(x.difference, Some(d("1000")));
    assert!(x
        .message
        .starts_with("2026 Bütçe: the summary's alt program row vs the sum of the 4 activities"));

    // The total against the program rows.
    let mut b = fixture();
    let ps = b.program_summary.as_mut().unwrap();
    let t = &mut ps.total.as_mut().unwrap()[0];
    *t = t.map(|x| x - d("7"));
    let f = audit::budget::audit(&b);
    let x = one(&f, "budget.summary.program");
    assert_eq!(f.len(), 1);
    assert_eq!(x.activity.as_deref(), Some("Toplam"));
    assert_eq!(x.difference, Some(d("-7")));
    assert!(x
        .message
        .starts_with("2025 Bütçe: the summary's total vs the sum of its 7 program rows"));

    // A row left out: its alt program has none.
    let mut b = fixture();
    let ps = b.program_summary.as_mut().unwrap();
    ps.rows.retain(|r| r.code.as_deref() != Some("04.04"));
    let f = audit::budget::audit(&b);
    // Program 04's row now disagrees with nothing: it is compared with
    // the activities, not with its alt program rows.
    let x = one(&f, "budget.summary.program");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(x.severity, Severity::Warning);
    assert_eq!(x.page, Some(27));
    assert!(x.message.contains("has no row in the summary by program"));
}

#[test]
fn budget_summary_economic() {
    let mut b = fixture();
    let c = col(&b, "2028 Tahmin");
    let es = b.economic_summary.as_mut().unwrap();
    let row = es.rows.iter_mut().find(|r| r.code == "05").unwrap();
    row.amounts[c] = row.amounts[c].map(|x| x + d("3"));
    let f = audit::budget::audit(&b);
    assert_eq!(of(&f, "budget.summary.economic").len(), 2, "{f:#?}");
    assert_eq!(f.len(), 2);
    let (row, total) = (&f[0], &f[1]);
    assert_eq!(row.table, audit::table::BUDGET_BY_ECONOMIC_CODE);
    assert_eq!(row.activity.as_deref(), Some("05 Cari Transferler"));
    assert_eq!(row.difference, Some(d("3")));
    assert!(row.message.starts_with(
        "2028 Tahmin: the summary's row 05 vs that code summed over the activities' economic lines"
    ));
    assert_eq!(total.activity.as_deref(), Some("Toplam"));
    assert_eq!(total.difference, Some(d("-3")));

    // Level-I rows add the activities' deeper lines (03.2 under 03).
    let mut b = fixture();
    let a = activity_mut(&mut b, "03.03.001");
    let l = a.economic.iter_mut().find(|l| l.code == "03").unwrap();
    l.code = "03.2".into();
    let f = audit::budget::audit(&b);
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn budget_code_parent() {
    let mut b = fixture();
    activity_mut(&mut b, "05.01.002").code = Some("05.02.002".into());
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "budget.code.parent");
    assert_eq!(x.severity, Severity::Warning);
    assert_eq!(x.target.as_deref(), Some("05.01"));
    assert_eq!(x.page, Some(31));
    assert_eq!(
        x.message,
        "activity 05.02.002 is printed under alt program 05.01, whose code it does not extend"
    );
    // Null codes are skipped; leading zeros do not matter.
    let mut b = fixture();
    activity_mut(&mut b, "05.01.002").code = None;
    activity_mut(&mut b, "05.01.003").code = Some("5.1.3".into());
    assert!(audit::budget::audit(&b).is_empty());
}

#[test]
fn budget_cross_name() {
    let mut b = fixture();
    let ps = b.program_summary.as_mut().unwrap();
    ps.rows[0].name = "KENTSEL ALTYAPI".into();
    let row = ps
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some("06.02"))
        .unwrap();
    row.name = "Kültürel Mirasın Korunması ve Yaşatılması".into();
    let f = audit::budget::audit(&b);
    assert_eq!(of(&f, "budget.cross.name").len(), 2, "{f:#?}");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(f[0].target.as_deref(), Some("01"));
    assert_eq!(f[0].page, Some(5));
    assert!(f[0].message.contains("spacing, case or punctuation only"));
    assert_eq!(f[1].severity, Severity::Warning);
    assert_eq!(f[1].target.as_deref(), Some("06.02"));
    assert_eq!(f[1].page, Some(35));
    assert_eq!(
        f[1].message,
        "alt program 06.02 is named “Kültürel Mirasın Korunması ve Yaşatılması” in the summary by program but “Kültürel Mirasın Korunması” in its block"
    );
    // A row matched by its name whose code is printed otherwise.
    let mut b = fixture();
    let ps = b.program_summary.as_mut().unwrap();
    let row = ps
        .rows
        .iter_mut()
        .find(|r| r.code.as_deref() == Some("04.05"))
        .unwrap();
    row.code = Some("04.06".into());
    let f = audit::budget::audit(&b);
    let x = one(&f, "budget.cross.name");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((x.severity, x.page), (Severity::Warning, Some(29)));
    assert_eq!(
        x.message,
        "alt program “Temiz Enerji” is coded 04.06 in the summary by program but 04.05 in its block"
    );
}

#[test]
fn budget_duplicate() {
    // An indicator printed twice: a warning, nothing else.
    let mut b = fixture();
    let s = sub_mut(&mut b, "02.02");
    let again = s.indicators[1].clone();
    s.indicators.push(again);
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "budget.duplicate");
    assert_eq!(x.severity, Severity::Warning);
    assert_eq!(x.table, audit::table::INDICATORS);
    assert_eq!((x.target.as_deref(), x.page), (Some("02.02"), Some(13)));
    assert!(x
        .message
        .starts_with("indicator 5 of alt program 02.02 has the same name as indicator 2"));

    // An activity printed twice, carrying money: an error, and the sums
    // it now spoils.
    let mut b = fixture();
    let s = sub_mut(&mut b, "07.02");
    let mut again = s.activities[0].clone();
    again.code = None;
    s.activities.push(again);
    let f = audit::budget::audit(&b);
    let x = one(&f, "budget.duplicate");
    assert_eq!(x.severity, Severity::Error);
    assert_eq!((x.target.as_deref(), x.page), (Some("07.02"), Some(41)));
    assert!(x
        .message
        .contains("has the same name as the activity printed before it on page 41"));
    assert!(x
        .message
        .contains("which the alt program's total may count twice"));
    assert_eq!(
        checks(&f),
        [
            "budget.total",
            "budget.summary.program",
            "budget.summary.economic",
            "budget.duplicate"
        ]
    );
}

#[test]
fn audit_not_run_for_a_summary_not_printed() {
    let mut b = fixture();
    b.program_summary = None;
    let f = audit::budget::audit(&b);
    assert_eq!(f.len(), 1, "{f:#?}");
    let x = one(&f, "audit.not_run");
    assert_eq!(x.severity, Severity::Info);
    assert_eq!(x.table, audit::table::PROGRAM_SUMMARY);
    assert!(x.message.contains("prints no summary by program"));
}

#[test]
fn the_layouts_list_their_own_checks() {
    let budget: Vec<&str> = audit::checks_for(Layout::ProgramBudget)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(budget.len(), 9);
    assert!(budget
        .iter()
        .all(|id| id.starts_with("budget.") || *id == "audit.not_run"));
    assert!(audit::checks_for(Layout::PerformanceTarget).all(|(id, _)| !id.starts_with("budget.")));
    let data = audit::budget::report_data(&fixture(), &[], false);
    let listed: Vec<&str> = data["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(listed, budget);
    assert_eq!(data["institution"], "Kuzeykent Belediyesi");
}

#[test]
fn compare_models_names_the_path() {
    let a = fixture();
    assert!(audit::budget::compare_models(&a, &a).is_empty());
    let mut b = fixture();
    // Pages and the source are not compared.
    b.programs[0].page = Some(99);
    b.source.sha256 = "0".into();
    assert!(audit::budget::compare_models(&a, &b).is_empty());
    b.programs[0].sub_programs[1].activities[2].amounts.total[3] = Some(d("16309000.01"));
    b.programs[2].sub_programs[0].indicators[0].unit = Some("Sayı".into());
    b.cost_columns[1].label = "2025 Haziran Sonu Gerçekleşme".into();
    let f = audit::budget::compare_models(&a, &b);
    assert_eq!(f.len(), 3, "{f:#?}");
    let ids: Vec<&str> = f.iter().map(|x| x.check.as_str()).collect();
    assert_eq!(
        ids,
        [
            "roundtrip.cost_columns",
            "roundtrip.programs",
            "roundtrip.programs"
        ]
    );
    assert!(f.iter().all(|x| x.severity == Severity::Error));
    let amount = &f[1];
    let old = a.programs[0].sub_programs[1].activities[2].amounts.total[3].unwrap();
    assert_eq!(
        amount.message,
        format!(
            "programs[0].sub_programs[1].activities[2].amounts.total[3]: source \"{old}\" but regenerated \"16309000.01\""
        )
    );
    assert_eq!(amount.target.as_deref(), Some("01.02"));
    assert_eq!(
        amount.activity.as_deref(),
        Some(a.programs[0].sub_programs[1].activities[2].name.as_str())
    );
    assert_eq!(amount.table, audit::table::PROGRAM);
    assert_eq!(amount.page, Some(7));
    assert!(f[2]
        .message
        .starts_with("programs[2].sub_programs[0].indicators[0].unit: "));
}

/// The changes as `perfprog diff` prints them.
fn lines(changes: &[Change]) -> Vec<String> {
    changes.iter().map(|c| c.to_string()).collect()
}

#[test]
fn diff_of_two_budget_documents() {
    let a = fixture();
    assert!(audit::budget::diff(&a, &a).is_empty());
    let mut b = fixture();
    let c = col(&b, "2026 Bütçe");
    {
        let x = activity_mut(&mut b, "01.02.003");
        x.amounts.total[c] = x.amounts.total[c].map(|v| v + d("1000"));
    }
    sub_mut(&mut b, "03.03").activities.remove(1);
    {
        let s = sub_mut(&mut b, "04.02");
        let mut new = s.activities[0].clone();
        new.code = Some("04.02.009".into());
        new.name = "Yeni Faaliyet".into();
        s.activities.push(new);
        s.name = "İklim Değişikliğine Uyum ve Dayanıklılık".into();
        s.indicators[0].unit = Some("Sayı".into());
        s.indicators[0].values[3] = Some(Value::Number(d("7")));
    }
    let removed = fixture().programs[2].sub_programs[2].activities[1].clone();
    let changes = audit::budget::diff(&a, &b);
    let shown = lines(&changes);
    let ind = &a.programs[3].sub_programs[1].indicators[0];
    let expected = [
        "~ amount sub_programs[01.02].activities[01.02.003].amounts.total[2026 Bütçe]".to_string(),
        format!("- activity sub_programs[03.03].activities[{}]", removed.code.clone().unwrap()),
        "~ text sub_programs[04.02].name: “İklim Değişikliğine Uyum” → “İklim Değişikliğine Uyum ve Dayanıklılık”".to_string(),
        format!("~ text sub_programs[04.02].indicators[{}].unit", ind.name),
        format!("~ value sub_programs[04.02].indicators[{}].values[2026 Hedef]", ind.name),
        "+ activity sub_programs[04.02].activities[04.02.009]".to_string(),
    ];
    assert_eq!(changes.len(), expected.len(), "{shown:#?}");
    for e in &expected {
        assert!(
            shown.iter().any(|s| s.starts_with(e.as_str())),
            "{e} not in {shown:#?}"
        );
    }
    let amount = changes.iter().find(|c| c.what == "amount").unwrap();
    assert_eq!(amount.kind, ChangeKind::Changed);
    let was = a.programs[0].sub_programs[1].activities[2].amounts.total[c].unwrap();
    assert_eq!(amount.before, Some(was.to_string()));
    assert_eq!(amount.after, Some((was + d("1000")).to_string()));
    let gone = changes
        .iter()
        .find(|c| c.kind == ChangeKind::Removed)
        .unwrap();
    assert_eq!(gone.name.as_deref(), Some(removed.name.as_str()));
    assert_eq!(gone.before, removed.amounts.total[c].map(|x| x.to_string()));

    // Matched by name where the code changed: a renumbered activity.
    let mut b = fixture();
    activity_mut(&mut b, "06.03.002").code = Some("06.03.020".into());
    let shown = lines(&audit::budget::diff(&a, &b));
    assert_eq!(
        shown,
        ["~ text sub_programs[06.03].activities[06.03.002].code: “06.03.002” → “06.03.020”"]
    );
}

#[test]
fn diff_across_layouts_compares_what_they_share() {
    let golden = std::fs::read_to_string(util::root().join("tests/golden/programme.json")).unwrap();
    let old = Document::from_json(&golden).unwrap();
    let new = Document::Budget(fixture());
    let changes = audit::budget::diff_documents(&old, &new);
    let first = &changes[0];
    assert_eq!(first.what, "layout");
    assert_eq!(first.before.as_deref(), Some("performance-target"));
    assert_eq!(first.after.as_deref(), Some("program-budget"));
    assert!(first
        .name
        .as_deref()
        .unwrap()
        .contains("cannot be compared table by table"));
    let shown = lines(&changes);
    assert_eq!(shown[1], "~ text fiscal_year: “2024” → “2026”");
    assert_eq!(
        shown[2],
        "~ text institution: “İzmir Büyükşehir Belediyesi” → “Kuzeykent Belediyesi”"
    );
    assert_eq!(
        shown[3],
        "~ amount total_budget[2024]: 45.100.000.000,00 → (empty)"
    );
    assert_eq!(
        shown[4],
        "~ amount total_budget[2025]: (empty) → 151.143.000,00"
    );
    assert_eq!(
        shown[5],
        "~ amount total_budget[2026]: (empty) → 192.013.000,00"
    );
    let totals: Vec<&Change> = changes
        .iter()
        .filter(|c| c.path.starts_with("total_budget["))
        .collect();
    assert_eq!(totals.len(), 5);
    assert_eq!(totals[2].name.as_deref(), Some("2026 Bütçe"));
    // Units: every one of Kuzeykent's is added, every one of İzmir's removed.
    let units = |k: ChangeKind| {
        changes
            .iter()
            .filter(|c| c.what == "unit" && c.kind == k)
            .count()
    };
    assert_eq!(units(ChangeKind::Added), fixture().units().len());
    assert!(units(ChangeKind::Removed) > 10);
    assert_eq!(
        changes.len(),
        3 + totals.len() + units(ChangeKind::Added) + units(ChangeKind::Removed)
    );

    // Two documents of one layout go to their own diff.
    assert!(audit::budget::diff_documents(&new, &new).is_empty());
    assert!(audit::budget::diff_documents(&old, &old).is_empty());
}

#[test]
fn cli_audits_and_diffs_budget_documents() {
    let dir = util::workdir("cli_audits_and_diffs_budget_documents");
    let fixture_path = util::root().join(FIXTURE);
    let fx = fixture_path.to_str().unwrap();
    let out = util::perfprog(&dir, &["audit", fx, "--output", "out"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(
            "audit of Kuzeykent Belediyesi 2026: 0 findings — 0 errors, 0 warnings, 0 info"
        ),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out/audit.json")).unwrap(),
        "[]\n"
    );
    let csv = std::fs::read_to_string(dir.join("out/audit.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1);
    let pdf = std::fs::read(dir.join("out/audit.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The document itself, read by the program-budget reader: the same.
    let pdf = fixture_path.with_extension("pdf");
    let out = util::perfprog(&dir, &["audit", pdf.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(": 0 findings — "), "{stdout}");
    let out = util::perfprog(&dir, &["diff", fx, pdf.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no differences\n");

    // A wrong figure: exit 1, the finding listed on stdout.
    let mut b = fixture();
    b.programs[0].sub_programs[0]
        .stated_total
        .as_mut()
        .unwrap()
        .total[0] = Some(d("1.00"));
    std::fs::write(dir.join("wrong.json"), b.to_json()).unwrap();
    let out = util::perfprog(&dir, &["audit", "wrong.json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("error   budget.total [activity_cost: 01.01, p. 5] 2025 Bütçe: "),
        "{stdout}"
    );

    let out = util::perfprog(&dir, &["diff", fx, "wrong.json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "~ amount sub_programs[01.01].stated_total.total[2025 Bütçe]: 8.040.000,00 → 1,00\n"
    );

    let golden = util::root().join("tests/golden/programme.json");
    let out = util::perfprog(&dir, &["diff", golden.to_str().unwrap(), fx, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["what"], "layout");
    let out = util::perfprog(&dir, &["diff", golden.to_str().unwrap(), fx]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .lines()
            .next()
            .unwrap()
            .ends_with("they cannot be compared table by table; what they share:"),
        "{stdout}"
    );
}
