//! Integration tests: audit, round trip and diff.
//!
//! `consistent()` builds a small programme in which every relation the audit
//! checks holds; each test injects one inconsistency and pins the complete
//! list of findings. A printed figure usually takes part in several relations
//! (a line total is summed into "Genel Toplam" and compared with its cost
//! table), so one wrong figure can rightly surface under more than one check;
//! the injections are chosen so that the check under test fires exactly once.

use std::str::FromStr;

use perfprog::audit::{self, ChangeKind, Finding, Severity};
use perfprog::model::*;
use rust_decimal::Decimal;

use crate::util;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn sd(s: &str) -> Option<Decimal> {
    Some(d(s))
}

fn line(name: &str, budget: &str, off: Option<&str>, total: &str) -> ActivityLine {
    ActivityLine {
        code: None,
        name: name.into(),
        budget: sd(budget),
        off_budget: off.map(d),
        total: sd(total),
    }
}

fn target(code: &str, title: &str, page: u32, lines: Vec<ActivityLine>, st: [&str; 3]) -> Target {
    Target {
        code: code.into(),
        title: title.into(),
        page: Some(page),
        indicators: vec![Indicator {
            code: None,
            name: format!("Gösterge {code}"),
            unit: Some("Adet".into()),
            description: None,
            values: vec![
                Some(Value::Number(d("1"))),
                None,
                Some(Value::Text("B-(Durağan)".into())),
            ],
            marked: false,
        }],
        activities: lines,
        stated_total: Amounts {
            budget: sd(st[0]),
            off_budget: sd(st[1]),
            total: sd(st[2]),
        },
        notes: vec![],
        columns_as_printed: Vec::new(),
    }
}

fn cost(
    target: &str,
    activity: &str,
    page: u32,
    econ: &[(u8, &str)],
    foreign: Option<&str>,
) -> ActivityCost {
    let mut e = Economic::default();
    let mut bt = Decimal::ZERO;
    for (code, v) in econ {
        *e.get_mut(*code).unwrap() = sd(v);
        bt += d(v);
    }
    bt.rescale(2);
    let obt = foreign.map(d);
    let mut total = bt + obt.unwrap_or_default();
    total.rescale(2);
    ActivityCost {
        target: target.into(),
        activity: activity.into(),
        units: vec!["Fen İşleri Dairesi Başkanlığı".into()],
        page: Some(page),
        economic: e,
        budget_total: Some(bt),
        off_budget: Some(OffBudget {
            revolving_fund: None,
            other_domestic: None,
            foreign: obt,
        }),
        off_budget_total: obt,
        total: Some(total),
        not_printed: Vec::new(),
        titles_as_printed: Vec::new(),
    }
}

fn rrow(level: Level, code: &str, title: &str, amount: &str, st: &str, sb: &str) -> ResourceRow {
    ResourceRow {
        level,
        code: code.into(),
        title: title.into(),
        amount: sd(amount),
        share_of_targets: sd(st),
        share_of_budget: sd(sb),
    }
}

fn rtotal(amount: &str, st: Option<&str>, sb: Option<&str>) -> ResourceTotal {
    ResourceTotal {
        amount: sd(amount),
        share_of_targets: st.map(d),
        share_of_budget: sb.map(d),
    }
}

fn erow(code: Option<&str>, name: &str, cells: [Option<&str>; 4]) -> EconomicRow {
    EconomicRow {
        code: code.map(str::to_string),
        name: Some(name.into()),
        activities: cells[0].map(d),
        general_administration: cells[1].map(d),
        transfers: cells[2].map(d),
        total: cells[3].map(d),
    }
}

/// A small programme in which every audited relation holds.
fn consistent() -> Programme {
    let t111 = target(
        "1.1.1",
        "Altyapı Çalışmalarını Yürütmek",
        23,
        vec![
            line("Yol Yapım Faaliyetleri", "100.00", None, "100.00"),
            line("Köprü Yapım Faaliyetleri", "50.00", Some("20.00"), "70.00"),
        ],
        ["150.00", "20.00", "170.00"],
    );
    let t112 = target(
        "1.1.2",
        "İzmir’in Yollarını Onarmak",
        25,
        vec![line("Bakım Onarım Faaliyetleri", "30.00", None, "30.00")],
        ["30.00", "0.00", "30.00"],
    );
    let t211 = target(
        "2.1.1",
        "Ekonomiyi Güçlendirmek",
        30,
        vec![
            line("Fuar Faaliyetleri", "200.00", None, "200.00"),
            line("Planlanan Faaliyet", "0.00", None, "0.00"),
        ],
        ["200.00", "0.00", "200.00"],
    );
    Programme {
        format: FORMAT.into(),
        layout: Default::default(),
        source: Source {
            file: "test.pdf".into(),
            sha256: "0".repeat(64),
            pages: Some(40),
        },
        institution: "Test Büyükşehir Belediyesi".into(),
        fiscal_year: 2024,
        indicator_columns: vec![
            IndicatorColumn::new(2022, Some(ColumnKind::Actual)),
            IndicatorColumn::new(2023, Some(ColumnKind::Target)),
            IndicatorColumn::new(2024, Some(ColumnKind::Target)),
        ],
        goals: vec![
            Goal {
                code: "1".into(),
                theme: Some("Altyapı".into()),
                title: "Altyapı Oluşturmak".into(),
                objectives: vec![Objective {
                    code: "1.1".into(),
                    title: "Kent Altyapısı İnşa Edilecek".into(),
                    targets: vec![t111, t112],
                }],
            },
            Goal {
                code: "2".into(),
                theme: Some("Ekonomi".into()),
                title: "Ekonomiyi Geliştirmek".into(),
                objectives: vec![Objective {
                    code: "2.1".into(),
                    title: "Yatırım Ekosistemi Oluşturulacak".into(),
                    targets: vec![t211],
                }],
            },
        ],
        activity_costs: vec![
            cost("1.1.1", "Yol Yapım Faaliyetleri", 95, &[(3, "40.00"), (6, "60.00")], None),
            cost("1.1.1", "Köprü Yapım Faaliyetleri", 96, &[(3, "50.00")], Some("20.00")),
            cost("1.1.2", "Bakım Onarım Faaliyetleri", 97, &[(1, "30.00")], None),
            cost("2.1.1", "Fuar Faaliyetleri", 98, &[(6, "200.00")], None),
            {
                let mut c = cost("2.1.1", "Planlanan Faaliyet", 99, &[], None);
                c.budget_total = sd("0.00");
                c.total = sd("0.00");
                c
            },
        ],
        resource_summary: Some(ResourceSummary {
            rows: vec![
                rrow(Level::Goal, "1", "Altyapı Oluşturmak", "200.00", "50.00", "40.00"),
                rrow(Level::Objective, "1.1", "Kent Altyapısı İnşa Edilecek", "200.00", "50.00", "40.00"),
                rrow(Level::Target, "1.1.1", "Altyapı Çalışmalarını Yürütmek", "170.00", "42.50", "34.00"),
                rrow(Level::Target, "1.1.2", "İzmir’in Yollarını Onarmak", "30.00", "7.50", "6.00"),
                rrow(Level::Goal, "2", "Ekonomiyi Geliştirmek", "200.00", "50.00", "40.00"),
                rrow(Level::Objective, "2.1", "Yatırım Ekosistemi Oluşturulacak", "200.00", "50.00", "40.00"),
                rrow(Level::Target, "2.1.1", "Ekonomiyi Güçlendirmek", "200.00", "50.00", "40.00"),
            ],
            targets_total: rtotal("400.00", Some("100.00"), Some("80.00")),
            general_administration: rtotal("60.00", Some("15.00"), Some("12.00")),
            transfers: rtotal("40.00", Some("10.00"), Some("8.00")),
            total_budget: rtotal("500.00", None, Some("100.00")),
        }),
        economic_summary: Some(EconomicSummary {
            rows: vec![
                erow(Some("1"), "Personel Giderleri", [Some("30.00"), Some("10.00"), Some("0.00"), Some("40.00")]),
                erow(Some("2"), "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri", [Some("0.00"); 4]),
                erow(Some("3"), "Mal ve Hizmet Alım Giderleri", [Some("90.00"), Some("20.00"), Some("0.00"), Some("110.00")]),
                erow(Some("4"), "Faiz Giderleri", [Some("0.00"); 4]),
                erow(Some("5"), "Cari Transferler", [Some("0.00"), Some("0.00"), Some("40.00"), Some("40.00")]),
                erow(Some("6"), "Sermaye Giderleri", [Some("260.00"), Some("30.00"), Some("0.00"), Some("290.00")]),
                erow(Some("7"), "Sermaye Transferleri", [Some("0.00"); 4]),
                erow(Some("8"), "Borç Verme", [Some("0.00"); 4]),
                erow(Some("9"), "Yedek Ödenekler", [Some("0.00"); 4]),
            ],
            budget_total: erow(None, "Toplam Bütçe Kaynak İhtiyacı", [Some("380.00"), Some("60.00"), Some("40.00"), Some("480.00")]),
            off_budget: vec![
                erow(None, "Döner Sermaye", [None; 4]),
                erow(None, "Diğer Yurt İçi", [None; 4]),
                erow(None, "Yurt Dışı", [Some("20.00"), Some("0.00"), Some("0.00"), Some("20.00")]),
            ],
            off_budget_total: erow(None, "Toplam Bütçe Dışı Kaynak İhtiyacı", [Some("20.00"), Some("0.00"), Some("0.00"), Some("20.00")]),
            grand_total: erow(None, "Toplam Kaynak İhtiyacı", [Some("400.00"), Some("60.00"), Some("40.00"), Some("500.00")]),
        }),
        responsibilities: vec![
            resp("1.1.1", "Yol Yapım Faaliyetleri"),
            resp("1.1.1", "Köprü Yapım Faaliyetleri"),
            resp("1.1.2", "Bakım Onarım Faaliyetleri"),
            resp("2.1.1", "Fuar Faaliyetleri"),
            resp("2.1.1", "Planlanan Faaliyet"),
        ],
        front_matter: vec![
            Section {
                title: "Sunuş".into(),
                page: Some(3),
                blocks: vec![Block::Paragraph {
                    text: "Gelecek yıl, 500 liralık bir bütçe ile yatırımlara devam edeceğiz. Geçen yıl 20 milyon lira harcandı."
                        .into(),
                }],
            },
            Section {
                title: "Performans Hedefleri ve Faaliyetler".into(),
                page: Some(14),
                blocks: vec![
                    Block::Paragraph {
                        text: "Stratejik Amaç 1. Altyapı Oluşturmak Stratejik Hedef 1.1. Kent Altyapısı İnşa Edilecek Performans Hedefi 1.1.1. Altyapı Çalışmalarını Yürütmek".into(),
                    },
                    Block::List {
                        items: vec!["Yol Yapım Faaliyetleri".into(), "Köprü Yapım Faaliyetleri".into()],
                    },
                    Block::Paragraph {
                        text: "Performans Hedefi 1.1.2. İzmir’in Yollarını Onarmak".into(),
                    },
                    Block::List {
                        items: vec!["Bakım Onarım Faaliyetleri".into()],
                    },
                ],
            },
            Section {
                title: "Temel Politikalar ve Öncelikler".into(),
                page: Some(12),
                blocks: vec![Block::List {
                    items: vec![
                        "Yollar için Altyapı Stratejik Alanı’nda 2 adet performans hedefi geliştirilmiştir.".into(),
                        "Fuarlar için Ekonomi Stratejik Alanı’nda 1 adet performans hedefi geliştirilmiştir.".into(),
                    ],
                }],
            },
        ],
    }
}

fn resp(target: &str, activity: &str) -> Responsibility {
    Responsibility {
        target: target.into(),
        activity: activity.into(),
        units: vec!["Fen İşleri Dairesi Başkanlığı".into()],
        titles_as_printed: Vec::new(),
    }
}

fn target_mut<'a>(p: &'a mut Programme, code: &str) -> &'a mut Target {
    p.goals
        .iter_mut()
        .flat_map(|g| g.objectives.iter_mut())
        .flat_map(|o| o.targets.iter_mut())
        .find(|t| t.code == code)
        .unwrap()
}

/// (check, severity, target, stated, computed) of each finding.
type Brief = (
    String,
    Severity,
    Option<String>,
    Option<Decimal>,
    Option<Decimal>,
);

fn brief(findings: &[Finding]) -> Vec<Brief> {
    findings
        .iter()
        .map(|f| {
            (
                f.check.clone(),
                f.severity,
                f.target.clone(),
                f.stated,
                f.computed,
            )
        })
        .collect()
}

fn b(
    check: &str,
    sev: Severity,
    target: Option<&str>,
    stated: Option<&str>,
    computed: Option<&str>,
) -> Brief {
    (
        check.into(),
        sev,
        target.map(str::to_string),
        stated.map(d),
        computed.map(d),
    )
}

/// Runs the audit on `p` and asserts the exact findings; returns them.
fn expect(p: &Programme, want: &[Brief]) -> Vec<Finding> {
    let got = audit::audit(p);
    assert_eq!(brief(&got), want, "findings: {got:#?}");
    for f in &got {
        assert!(!f.message.is_empty(), "finding without a message: {f:?}");
        if let (Some(s), Some(c)) = (f.stated, f.computed) {
            assert_eq!(f.difference, Some(s - c));
        }
    }
    got
}

use Severity::{Error as E, Info as I, Warning as W};

#[test]
fn consistent_programme_has_no_findings() {
    expect(&consistent(), &[]);
}

#[test]
fn every_documented_check_is_listed() {
    let doc = std::fs::read_to_string(util::root().join("src/audit/mod.rs")).unwrap();
    for (id, _) in audit::CHECKS {
        assert!(
            doc.contains(&format!("| `{id}` |")),
            "{id} missing from the module doc table"
        );
    }
}

#[test]
fn target_line_sum() {
    // The off-budget cell of a line is wrong, and carried consistently into
    // Genel Toplam, the cost table and the economic summary; only the line's
    // own total (and Genel Toplam's total, which adds the line totals) disagree.
    let mut p = consistent();
    let t = target_mut(&mut p, "1.1.1");
    t.activities[1].off_budget = sd("25.00");
    t.stated_total.off_budget = sd("25.00");
    t.stated_total.total = sd("170.00");
    let c = &mut p.activity_costs[1];
    c.off_budget.as_mut().unwrap().foreign = sd("25.00");
    c.off_budget_total = sd("25.00");
    c.total = sd("70.00");
    p.economic_summary.as_mut().unwrap().off_budget[2].activities = sd("25.00");
    // The rest of the chain now fails too; the line check fires once.
    let got = audit::audit(&p);
    let line: Vec<_> = got
        .iter()
        .filter(|f| f.check == "target.line.sum")
        .collect();
    assert_eq!(line.len(), 1, "{got:#?}");
    assert_eq!(line[0].stated, sd("70.00"));
    assert_eq!(line[0].computed, sd("75.00"));
    assert_eq!(line[0].difference, sd("-5.00"));
    assert_eq!(
        line[0].activity.as_deref(),
        Some("Köprü Yapım Faaliyetleri")
    );
    assert_eq!(line[0].page, Some(23));
}

#[test]
fn target_line_total_only() {
    // One wrong line total: the line, Genel Toplam's total and the cost table disagree with it.
    let mut p = consistent();
    target_mut(&mut p, "1.1.1").activities[0].total = sd("101.00");
    expect(
        &p,
        &[
            b(
                "target.line.sum",
                E,
                Some("1.1.1"),
                Some("101.00"),
                Some("100.00"),
            ),
            b(
                "target.total.total",
                E,
                Some("1.1.1"),
                Some("170.00"),
                Some("171.00"),
            ),
            b(
                "cross.activity.amount",
                E,
                Some("1.1.1"),
                Some("101.00"),
                Some("100.00"),
            ),
        ],
    );
}

#[test]
fn target_total_budget() {
    // Genel Toplam moves budget to off-budget: budget and off-budget sums fail, the total holds.
    let mut p = consistent();
    let t = target_mut(&mut p, "1.1.1");
    t.stated_total.budget = sd("140.00");
    t.stated_total.off_budget = sd("30.00");
    expect(
        &p,
        &[
            b(
                "target.total.budget",
                E,
                Some("1.1.1"),
                Some("140.00"),
                Some("150.00"),
            ),
            b(
                "target.total.off_budget",
                E,
                Some("1.1.1"),
                Some("30.00"),
                Some("20.00"),
            ),
        ],
    );
}

#[test]
fn target_total_total_and_sum() {
    let mut p = consistent();
    target_mut(&mut p, "1.1.2").stated_total.total = sd("31.00");
    expect(
        &p,
        &[
            b(
                "target.total.total",
                E,
                Some("1.1.2"),
                Some("31.00"),
                Some("30.00"),
            ),
            b(
                "target.total.sum",
                E,
                Some("1.1.2"),
                Some("31.00"),
                Some("30.00"),
            ),
            b(
                "resource.target",
                E,
                Some("1.1.2"),
                Some("30.00"),
                Some("31.00"),
            ),
        ],
    );
}

#[test]
fn empty_total_over_nonzero_lines_is_a_warning() {
    let mut p = consistent();
    target_mut(&mut p, "1.1.1").stated_total.budget = None;
    let got = expect(
        &p,
        &[b(
            "target.total.budget",
            W,
            Some("1.1.1"),
            None,
            Some("150.00"),
        )],
    );
    assert_eq!(got[0].difference, None);
}

#[test]
fn empty_total_over_empty_lines_is_fine_and_zero_differs_from_empty() {
    let mut p = consistent();
    // 1.1.1's lines have one empty off-budget cell and one 20,00; 1.1.2's only empties.
    target_mut(&mut p, "1.1.2").stated_total.off_budget = None;
    expect(&p, &[]);
    // A printed 0,00 total over non-zero lines is an error, not a warning.
    let mut p = consistent();
    target_mut(&mut p, "1.1.1").stated_total.off_budget = sd("0.00");
    target_mut(&mut p, "1.1.1").stated_total.total = sd("150.00");
    target_mut(&mut p, "1.1.1").activities[1].off_budget = sd("20.00");
    let got = audit::audit(&p);
    let f = got
        .iter()
        .find(|f| f.check == "target.total.off_budget")
        .unwrap();
    assert_eq!(
        (f.severity, f.stated, f.computed),
        (E, sd("0.00"), sd("20.00"))
    );
}

#[test]
fn cost_budget_total() {
    // Code 3 printed 45 instead of 40: the table's total and the economic summary's code 3 disagree.
    let mut p = consistent();
    p.activity_costs[0].economic.c3 = sd("45.00");
    expect(
        &p,
        &[
            b(
                "cost.budget_total",
                E,
                Some("1.1.1"),
                Some("100.00"),
                Some("105.00"),
            ),
            b("economic.activities", E, None, Some("90.00"), Some("95.00")),
        ],
    );
}

#[test]
fn cost_off_budget_total() {
    let mut p = consistent();
    p.activity_costs[1]
        .off_budget
        .as_mut()
        .unwrap()
        .revolving_fund = sd("5.00");
    expect(
        &p,
        &[
            b(
                "cost.off_budget_total",
                E,
                Some("1.1.1"),
                Some("20.00"),
                Some("25.00"),
            ),
            // The summary's Döner Sermaye row is empty: a missing figure, a warning.
            b("economic.activities", W, None, None, Some("5.00")),
        ],
    );
}

#[test]
fn cost_total() {
    let mut p = consistent();
    p.activity_costs[2].total = sd("33.00");
    expect(
        &p,
        &[
            b("cost.total", E, Some("1.1.2"), Some("33.00"), Some("30.00")),
            b(
                "cross.activity.amount",
                E,
                Some("1.1.2"),
                Some("30.00"),
                Some("33.00"),
            ),
        ],
    );
}

#[test]
fn cross_activity_amount() {
    // The cost table is internally consistent but budgets 60 where the target table says 50.
    let mut p = consistent();
    let c = &mut p.activity_costs[1];
    c.economic.c3 = sd("60.00");
    c.budget_total = sd("60.00");
    c.total = sd("80.00");
    p.economic_summary.as_mut().unwrap().rows[2].activities = sd("100.00");
    p.economic_summary.as_mut().unwrap().rows[2].total = sd("120.00");
    p.economic_summary.as_mut().unwrap().budget_total.activities = sd("390.00");
    p.economic_summary.as_mut().unwrap().budget_total.total = sd("490.00");
    // The economic summary now agrees with the cost tables but not with the resource summary.
    p.economic_summary.as_mut().unwrap().grand_total.activities = sd("410.00");
    p.economic_summary.as_mut().unwrap().grand_total.total = sd("510.00");
    let got = expect(
        &p,
        &[
            b(
                "cross.activity.amount",
                E,
                Some("1.1.1"),
                Some("50.00"),
                Some("60.00"),
            ),
            b(
                "cross.activity.amount",
                E,
                Some("1.1.1"),
                Some("70.00"),
                Some("80.00"),
            ),
            b(
                "cross.summary.activities",
                E,
                None,
                Some("400.00"),
                Some("410.00"),
            ),
            b(
                "cross.summary.total",
                E,
                None,
                Some("500.00"),
                Some("510.00"),
            ),
        ],
    );
    assert!(got[0].message.contains("page 96"), "{}", got[0].message);
}

#[test]
fn cross_activity_name_and_unmatched() {
    let mut p = consistent();
    // Typography only → info; a misspelling → warning; an unrelated name → unmatched both sides.
    p.activity_costs[0].activity = "YOL YAPIM  FAALİYETLERİ".into();
    p.activity_costs[2].activity = "Bakım Onarım Faliyetleri".into();
    p.activity_costs[3].activity = "Tamamen Başka Bir Faaliyet".into();
    p.responsibilities[3].activity = "Tamamen Başka Bir Faaliyet".into();
    p.responsibilities[0].activity = "YOL YAPIM  FAALİYETLERİ".into();
    p.responsibilities[2].activity = "Bakım Onarım Faliyetleri".into();
    expect(
        &p,
        &[
            b("cross.activity.name", I, Some("1.1.1"), None, None),
            b("cross.activity.name", W, Some("1.1.2"), None, None),
            b(
                "cross.activity.unmatched",
                E,
                Some("2.1.1"),
                Some("200.00"),
                None,
            ),
            b(
                "cross.activity.unmatched",
                E,
                Some("2.1.1"),
                Some("200.00"),
                None,
            ),
        ],
    );
}

#[test]
fn cross_activity_target() {
    let mut p = consistent();
    p.activity_costs[3].target = "1.1.2".into();
    p.responsibilities[3].target = "1.1.2".into();
    let got = expect(
        &p,
        &[b("cross.activity.target", W, Some("2.1.1"), None, None)],
    );
    assert!(got[0].message.contains("1.1.2"));
}

#[test]
fn unmatched_zero_activity_is_a_warning() {
    let mut p = consistent();
    p.activity_costs.remove(4);
    p.responsibilities.remove(4);
    expect(
        &p,
        &[b(
            "cross.activity.unmatched",
            W,
            Some("2.1.1"),
            Some("0.00"),
            None,
        )],
    );
}

#[test]
fn cross_units() {
    let mut p = consistent();
    p.responsibilities[1]
        .units
        .push("Yapı İşleri Dairesi Başkanlığı".into());
    // Case and spacing of a unit do not matter.
    p.responsibilities[2].units = vec!["FEN İŞLERİ  DAİRESİ BAŞKANLIĞI".into()];
    let got = expect(&p, &[b("cross.units", W, Some("1.1.1"), None, None)]);
    assert!(got[0].message.contains("Yapı İşleri"));
}

#[test]
fn cross_responsibility_unmatched() {
    let mut p = consistent();
    p.responsibilities.remove(2);
    expect(
        &p,
        &[b(
            "cross.responsibility.unmatched",
            W,
            Some("1.1.2"),
            None,
            None,
        )],
    );
}

#[test]
fn cross_title() {
    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().rows[3].title = "İzmir'in Yollarını Onarmak".into(); // apostrophe variant
    p.resource_summary.as_mut().unwrap().rows[1].title = "Kent Altyapısı Inşa Edilecek".into(); // misspelt
    expect(
        &p,
        &[
            b("cross.title", W, Some("1.1"), None, None),
            b("cross.title", I, Some("1.1.2"), None, None),
        ],
    );
}

#[test]
fn cross_summary() {
    let mut p = consistent();
    p.economic_summary.as_mut().unwrap().grand_total.transfers = sd("45.00");
    p.economic_summary.as_mut().unwrap().grand_total.total = sd("505.00");
    expect(
        &p,
        &[
            b(
                "cross.summary.transfers",
                E,
                None,
                Some("40.00"),
                Some("45.00"),
            ),
            b(
                "cross.summary.total",
                E,
                None,
                Some("500.00"),
                Some("505.00"),
            ),
            b(
                "economic.column_total",
                E,
                None,
                Some("45.00"),
                Some("40.00"),
            ),
            b(
                "economic.column_total",
                E,
                None,
                Some("505.00"),
                Some("500.00"),
            ),
        ],
    );
}

#[test]
fn resource_target() {
    let mut p = consistent();
    // The target row disagrees with its table; objective and goal follow the row.
    p.resource_summary.as_mut().unwrap().rows[2].amount = sd("160.00");
    p.resource_summary.as_mut().unwrap().rows[1].amount = sd("190.00");
    p.resource_summary.as_mut().unwrap().rows[0].amount = sd("190.00");
    p.resource_summary.as_mut().unwrap().targets_total.amount = sd("390.00");
    p.resource_summary.as_mut().unwrap().total_budget.amount = sd("490.00");
    let got = audit::audit(&p);
    let rt: Vec<_> = got
        .iter()
        .filter(|f| f.check == "resource.target")
        .collect();
    assert_eq!(rt.len(), 1);
    assert_eq!((rt[0].stated, rt[0].computed), (sd("160.00"), sd("170.00")));
    for check in [
        "resource.objective",
        "resource.goal",
        "resource.targets_total",
        "resource.total_budget",
    ] {
        assert!(got.iter().all(|f| f.check != check), "{check}: {got:#?}");
    }
}

#[test]
fn resource_objective_and_goal() {
    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().rows[1].amount = sd("210.00");
    p.resource_summary.as_mut().unwrap().rows[0].amount = sd("210.00");
    let got = audit::audit(&p);
    let c: Vec<_> = got
        .iter()
        .filter(|f| f.check.starts_with("resource.") && !f.check.starts_with("resource.share"))
        .map(|f| (f.check.as_str(), f.stated, f.computed))
        .collect();
    assert_eq!(
        c,
        vec![("resource.objective", sd("210.00"), sd("200.00")),],
        "{got:#?}"
    );
    // The goal row agrees with its (wrong) objective row; the printed shares
    // of both rows no longer match their amounts.
    let shares = got
        .iter()
        .filter(|f| f.check.starts_with("resource.share"))
        .count();
    assert_eq!(shares, 4);

    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().rows[4].amount = sd("210.00");
    p.resource_summary.as_mut().unwrap().rows[4].share_of_targets = sd("52.50");
    p.resource_summary.as_mut().unwrap().rows[4].share_of_budget = sd("42.00");
    expect(
        &p,
        &[b(
            "resource.goal",
            E,
            Some("2"),
            Some("210.00"),
            Some("200.00"),
        )],
    );
}

#[test]
fn resource_shares() {
    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().rows[2].share_of_targets = sd("42.49"); // off by 0,01: warning
    p.resource_summary.as_mut().unwrap().rows[3].share_of_budget = sd("6.50"); // error
    p.resource_summary
        .as_mut()
        .unwrap()
        .total_budget
        .share_of_targets = None; // printed "-": not checked
    expect(
        &p,
        &[
            b(
                "resource.share_of_targets",
                W,
                Some("1.1.1"),
                Some("42.49"),
                Some("42.50"),
            ),
            b(
                "resource.share_of_budget",
                E,
                Some("1.1.2"),
                Some("6.50"),
                Some("6.00"),
            ),
        ],
    );
}

#[test]
fn resource_share_rounds_half_away_from_zero() {
    // 1 / 800 × 100 = 0,125 → 0,13 (half away from zero), not 0,12 (half to even).
    let mut p = consistent();
    let rs = p.resource_summary.as_mut().unwrap();
    rs.rows = vec![rrow(
        Level::Target,
        "1.1.1",
        "Altyapı Çalışmalarını Yürütmek",
        "1.00",
        "0.13",
        "0.10",
    )];
    rs.targets_total = rtotal("800.00", Some("100.00"), Some("80.00"));
    rs.general_administration = rtotal("150.00", None, None);
    rs.transfers = rtotal("50.00", None, None);
    rs.total_budget = rtotal("1000.00", None, Some("100.00"));
    let got = audit::audit(&p);
    assert!(
        got.iter().all(|f| !f.check.starts_with("resource.share")),
        "{:#?}",
        got.iter()
            .filter(|f| f.check.starts_with("resource.share"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn resource_total_budget_and_targets_total() {
    let mut p = consistent();
    p.resource_summary
        .as_mut()
        .unwrap()
        .general_administration
        .amount = sd("70.00");
    p.resource_summary
        .as_mut()
        .unwrap()
        .general_administration
        .share_of_targets = sd("17.50");
    p.resource_summary
        .as_mut()
        .unwrap()
        .general_administration
        .share_of_budget = sd("14.00");
    expect(
        &p,
        &[
            b(
                "cross.summary.general_administration",
                E,
                None,
                Some("70.00"),
                Some("60.00"),
            ),
            b(
                "resource.total_budget",
                E,
                None,
                Some("500.00"),
                Some("510.00"),
            ),
        ],
    );
    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().targets_total.amount = None;
    expect(
        &p,
        &[b("resource.targets_total", W, None, None, Some("400.00"))],
    );
}

#[test]
fn resource_unmatched() {
    let mut p = consistent();
    p.resource_summary.as_mut().unwrap().rows[3].code = "1.1.9".into();
    expect(
        &p,
        &[
            b("resource.unmatched", W, Some("1.1.9"), Some("30.00"), None),
            b("resource.unmatched", W, Some("1.1.2"), Some("30.00"), None),
        ],
    );
}

#[test]
fn economic_activities() {
    // Code 2 and code 3 of the summary disagree with the cost tables but the rows still add up.
    let mut p = consistent();
    let rows = &mut p.economic_summary.as_mut().unwrap().rows;
    rows[1].activities = sd("5.00");
    rows[1].total = sd("5.00");
    rows[2].activities = sd("85.00");
    rows[2].total = sd("105.00");
    expect(
        &p,
        &[
            b("economic.activities", E, None, Some("5.00"), Some("0")),
            b("economic.activities", E, None, Some("85.00"), Some("90.00")),
        ],
    );
}

#[test]
fn economic_row_total() {
    let mut p = consistent();
    p.economic_summary.as_mut().unwrap().off_budget[2].total = sd("21.00");
    expect(
        &p,
        &[
            b("economic.row_total", E, None, Some("21.00"), Some("20.00")),
            b(
                "economic.column_total",
                E,
                None,
                Some("20.00"),
                Some("21.00"),
            ),
        ],
    );
}

#[test]
fn economic_column_total() {
    let mut p = consistent();
    p.economic_summary
        .as_mut()
        .unwrap()
        .budget_total
        .general_administration = sd("61.00");
    p.economic_summary.as_mut().unwrap().budget_total.total = sd("481.00");
    expect(
        &p,
        &[
            b(
                "economic.column_total",
                E,
                None,
                Some("61.00"),
                Some("60.00"),
            ),
            b(
                "economic.column_total",
                E,
                None,
                Some("60.00"),
                Some("61.00"),
            ),
            b(
                "economic.column_total",
                E,
                None,
                Some("481.00"),
                Some("480.00"),
            ),
            b(
                "economic.column_total",
                E,
                None,
                Some("500.00"),
                Some("501.00"),
            ),
        ],
    );
}

#[test]
fn narrative_targets_per_area() {
    let mut p = consistent();
    if let Block::List { items } = &mut p.front_matter[2].blocks[0] {
        items[0] =
            "Yollar için ALTYAPI Stratejik Alanı'nda 3 adet performans hedefi geliştirilmiştir."
                .into();
        items.push(
            "Deniz için Mavi Stratejik Alanında 2 adet performans hedefi geliştirilmiştir.".into(),
        );
    }
    let got = expect(
        &p,
        &[
            b("narrative.targets_per_area", E, None, Some("3"), Some("2")),
            b("narrative.targets_per_area", W, None, Some("2"), None),
        ],
    );
    assert_eq!(got[0].page, Some(12));
    assert_eq!(got[0].activity.as_deref(), Some("Altyapı"));
}

#[test]
fn narrative_targets_total() {
    let mut p = consistent();
    p.front_matter[2].blocks.push(Block::Paragraph {
        text: "Programda toplam 4 adet performans hedefi yer almaktadır.".into(),
    });
    expect(
        &p,
        &[b("narrative.targets_total", E, None, Some("4"), Some("3"))],
    );
}

#[test]
fn narrative_activities() {
    let mut p = consistent();
    if let Block::List { items } = &mut p.front_matter[1].blocks[1] {
        items[1] = "Köprü Yapımı Faaliyetleri".into();
        items.push("Tamamen Farklı Bir İş".into());
    }
    if let Block::List { items } = &mut p.front_matter[1].blocks[3] {
        items[0] = "BAKIM ONARIM FAALİYETLERİ".into();
    }
    let got = expect(
        &p,
        &[
            b("narrative.activities", W, Some("1.1.1"), None, None),
            b("narrative.activities", W, Some("1.1.1"), None, None),
            b("narrative.activities", I, Some("1.1.2"), None, None),
        ],
    );
    assert_eq!(got[0].page, Some(14));
    assert!(got[1].message.contains("Tamamen Farklı Bir İş"));
    // An activity missing from the list, with the list's items numbered inline.
    let mut p = consistent();
    p.front_matter[1].blocks[1] = Block::List {
        items: vec!["1. Yol Yapım Faaliyetleri".into()],
    };
    let got = expect(
        &p,
        &[b("narrative.activities", W, Some("1.1.1"), None, None)],
    );
    assert!(
        got[0].message.contains("Köprü Yapım Faaliyetleri"),
        "{}",
        got[0].message
    );
}

#[test]
fn narrative_budget() {
    let mut p = consistent();
    p.front_matter[0].blocks = vec![Block::Paragraph {
        text: "Gelecek yıl, 45 milyar 100 milyon liralık bir bütçe ile devam edeceğiz.".into(),
    }];
    let got = expect(
        &p,
        &[b(
            "narrative.budget",
            E,
            None,
            Some("45100000000"),
            Some("500.00"),
        )],
    );
    assert_eq!(got[0].page, Some(3));
    // Amounts elsewhere, or in other sections, are not budgets of this year.
    let mut p = consistent();
    p.front_matter[2].blocks.push(Block::Paragraph {
        text: "2023 yılında 30 milyar liralık bütçe uygulandı.".into(),
    });
    expect(&p, &[]);
}

#[test]
fn findings_order_is_deterministic_and_by_check() {
    let mut p = consistent();
    p.activity_costs[0].economic.c3 = sd("45.00");
    target_mut(&mut p, "1.1.1").stated_total.total = sd("1.00");
    let a = audit::audit(&p);
    let b = audit::audit(&p);
    assert_eq!(a, b);
    let ranks: Vec<usize> = a
        .iter()
        .map(|f| {
            audit::CHECKS
                .iter()
                .position(|(id, _)| *id == f.check)
                .unwrap()
        })
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
}

#[test]
fn json_and_csv_outputs() {
    let mut p = consistent();
    target_mut(&mut p, "1.1.1").activities[0].total = sd("101.00");
    p.activity_costs[0].activity = "Yol Yapım, \"Asfalt\" Faaliyetleri".into();
    let f = audit::audit(&p);
    let json: serde_json::Value = serde_json::from_str(&audit::to_json(&f)).unwrap();
    let first = &json[0];
    assert_eq!(first["check"], "target.line.sum");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["table"], "performance_target");
    assert_eq!(first["stated"], "101.00");
    assert_eq!(first["computed"], "100.00");
    assert_eq!(first["difference"], "1.00");
    assert_eq!(first["page"], 23);
    let csv = audit::to_csv(&f);
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "check,severity,table,target,activity,page,stated,computed,difference,message"
    );
    assert!(lines.next().unwrap().starts_with("target.line.sum,error,performance_target,1.1.1,Yol Yapım Faaliyetleri,23,101.00,100.00,1.00,"));
    assert!(
        csv.contains("\"cross.activity.name") || csv.contains("\"\"Asfalt\"\""),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), f.len() + 1);
}

#[test]
fn roundtrip_compare_reports_field_paths() {
    let p = consistent();
    assert!(audit::compare_models(&p, &p).is_empty());
    let mut q = p.clone();
    q.source.file = "other.pdf".into(); // provenance: ignored
    target_mut(&mut q, "1.1.2").page = Some(99); // provenance: ignored
    target_mut(&mut q, "1.1.1").activities[1].budget = sd("55.00");
    q.activity_costs[2]
        .units
        .push("Yapı İşleri Dairesi Başkanlığı".into());
    q.responsibilities.pop();
    let got = audit::compare_models(&p, &q);
    let msgs: Vec<(&str, &str)> = got
        .iter()
        .map(|f| (f.check.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(got.len(), 3, "{msgs:#?}");
    assert!(got
        .iter()
        .all(|f| f.severity == Severity::Error && f.check.starts_with("roundtrip.")));
    assert_eq!(got[0].check, "roundtrip.goals");
    assert!(got[0]
        .message
        .starts_with("goals[0].objectives[0].targets[0].activities[1].budget: "));
    assert_eq!((got[0].stated, got[0].computed), (sd("50.00"), sd("55.00")));
    assert_eq!(got[0].target.as_deref(), Some("1.1.1"));
    assert_eq!(got[0].activity.as_deref(), Some("Köprü Yapım Faaliyetleri"));
    assert_eq!(got[1].check, "roundtrip.activity_costs");
    assert!(got[1].message.starts_with("activity_costs[2].units[1]: "));
    assert_eq!(got[2].check, "roundtrip.responsibilities");
    assert!(got[2].message.starts_with("responsibilities[4]: missing"));
}

#[test]
fn diff_reports_exactly_three_changed_amounts() {
    let a = consistent();
    let mut b = a.clone();
    target_mut(&mut b, "1.1.1").activities[0].budget = sd("110.00");
    b.activity_costs[3].economic.c6 = sd("210.00");
    b.resource_summary.as_mut().unwrap().total_budget.amount = sd("510.00");
    let changes = audit::diff(&a, &b);
    let got: Vec<(ChangeKind, &str, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| {
            (
                c.kind,
                c.path.as_str(),
                c.before.as_deref(),
                c.after.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                ChangeKind::Changed,
                "targets[1.1.1].activities[Yol Yapım Faaliyetleri].budget",
                Some("100.00"),
                Some("110.00")
            ),
            (
                ChangeKind::Changed,
                "activity_costs[2.1.1 / Fuar Faaliyetleri].economic.6",
                Some("200.00"),
                Some("210.00")
            ),
            (
                ChangeKind::Changed,
                "resource_summary.total_budget.amount",
                Some("500.00"),
                Some("510.00")
            ),
        ]
    );
    assert_eq!(
        changes[0].to_string(),
        "~ amount targets[1.1.1].activities[Yol Yapım Faaliyetleri].budget: 100,00 → 110,00"
    );
    assert!(audit::diff(&a, &a).is_empty());
}

#[test]
fn diff_reports_added_and_removed_entities() {
    let a = consistent();
    let mut b = a.clone();
    let t = target_mut(&mut b, "2.1.1");
    t.activities.remove(1);
    t.activities
        .push(line("Yeni Faaliyet", "5.00", None, "5.00"));
    t.indicators[0].name = "Yeni Gösterge".into();
    b.goals[1].objectives[0].targets.push(target(
        "2.1.2",
        "Yeni Hedef",
        31,
        vec![],
        ["0.00", "0.00", "0.00"],
    ));
    b.activity_costs.remove(4);
    let changes = audit::diff(&a, &b);
    let got: Vec<(ChangeKind, &str, &str)> = changes
        .iter()
        .map(|c| (c.kind, c.what.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (ChangeKind::Added, "target", "targets[2.1.2]"),
            (
                ChangeKind::Removed,
                "indicator",
                "targets[2.1.1].indicators[Gösterge 2.1.1]"
            ),
            (
                ChangeKind::Added,
                "indicator",
                "targets[2.1.1].indicators[Yeni Gösterge]"
            ),
            (
                ChangeKind::Removed,
                "activity",
                "targets[2.1.1].activities[Planlanan Faaliyet]"
            ),
            (
                ChangeKind::Added,
                "activity",
                "targets[2.1.1].activities[Yeni Faaliyet]"
            ),
            (
                ChangeKind::Removed,
                "cost_table",
                "activity_costs[2.1.1 / Planlanan Faaliyet]"
            ),
        ]
    );
}

#[test]
fn diff_compares_indicator_values_by_year() {
    // Next year's programme: columns shift by a year; the common column (2024 target) is compared.
    let a = consistent();
    let mut b = a.clone();
    b.fiscal_year = 2025;
    b.indicator_columns = vec![
        IndicatorColumn::new(2023, Some(ColumnKind::Actual)),
        IndicatorColumn::new(2024, Some(ColumnKind::Target)),
        IndicatorColumn::new(2025, Some(ColumnKind::Target)),
    ];
    for t in b
        .goals
        .iter_mut()
        .flat_map(|g| g.objectives.iter_mut())
        .flat_map(|o| o.targets.iter_mut())
    {
        let v = t.indicators[0].values.clone();
        t.indicators[0].values = vec![v[1].clone(), v[2].clone(), Some(Value::Number(d("7")))];
    }
    let changes = audit::diff(&a, &b);
    let got: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(got, vec!["fiscal_year"]);
}

#[test]
fn name_spelled_alike_in_target_and_responsibilities_tables_is_reported_once() {
    let mut p = consistent();
    p.activity_costs[2].activity = "Bakım Onarım Faliyetleri".into();
    let got = expect(
        &p,
        &[b("cross.activity.name", W, Some("1.1.2"), None, None)],
    );
    assert!(
        got[0].message.contains("responsibilities table has it as"),
        "{}",
        got[0].message
    );
    // Spelled differently in all three tables: two findings.
    p.responsibilities[2].activity = "Bakım ve Onarım Faaliyetleri".into();
    let got = audit::audit(&p);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(got[1].table, "responsibilities");
}

// ------------------------------------------------------------- fixture --

/// Every inconsistency the fixture really contains, each verified by hand
/// against the document's text (`tests/data/izmir-2024-performans-programi.txt`):
/// - 13 activity names spelled differently in the cost tables (5 letters,
///   8 punctuation/case only) and one in the responsibilities table
///   (`Unesco'ya` / `Unesco’ya`);
/// - 6 unit names that differ between the responsibilities and cost tables
///   (`Park ve Bahçeler` / `Park Bahçeler`, `Genel Sekreter Yardımlığı`, …);
/// - 4 titles of the resource summary (goal 2 adds "Akıllı", goal 6 has
///   "Yenilikçi" for "Yaratıcı", 6.2.2 "Dengesini", 3.5.1 "AlandaTanıtmak")
///   and 3 of the front matter's outline (goal 6 "Yenilikçi" again, 2.1
///   without the comma after "Toplu Ulaşım", 5.3.1 "Körfezi’nin");
/// - the printed shares of 6.2 and 6.2.1, which fit amounts about 137 million
///   lower than printed (8,35 % / 6,01 % for 2.849.226.000,00);
/// - the activities column of economic codes 1–6, which does not match the
///   cost tables (e.g. code 4 Faiz: 0,00 printed, 1.340.000,00 in the cost
///   table of "Dış İlişkiler Faaliyetlerinin Yürütülmesi"), though the column
///   total agrees;
/// - the front matter's lists of activities per target (pages 32–): 3 names
///   spelled differently (`Plastik Sanat` / `Plastik Sanatlar`, `Tedarik ve
///   Stok Yönetimi Faaliyetlerinin` / `Hizmetlerinin`, `Düzenlemek,
///   Desteklemek` / `Düzenleme, Destekleme`) and 5 in case or punctuation only.
///   The counts of targets per area and the budget in the message (45 milyar
///   100 milyon) agree with the tables.
///
/// Every figure in the 34 target tables and 295 cost tables adds up.
#[test]
fn fixture_findings_are_the_known_inconsistencies() {
    let p = crate::util::extract(&util::fixture_pdf())
        .unwrap()
        .document
        .into_targets()
        .unwrap();
    let got = audit::audit(&p);
    let want = [
        b(
            "target.line.total_empty",
            W,
            Some("4.4.1"),
            None,
            Some("0.00"),
        ),
        b("cost.row_not_printed", W, Some("4.5.1"), None, None),
        b("cross.activity.name", W, Some("1.2.2"), None, None),
        b("cross.activity.name", I, Some("2.1.1"), None, None),
        b("cross.activity.name", W, Some("2.1.1"), None, None),
        b("cross.activity.name", W, Some("2.3.1"), None, None),
        b("cross.activity.name", W, Some("2.3.3"), None, None),
        b("cross.activity.name", I, Some("3.3.1"), None, None),
        b("cross.activity.name", I, Some("3.4.1"), None, None),
        b("cross.activity.name", I, Some("3.5.1"), None, None),
        b("cross.activity.name", I, Some("4.1.1"), None, None),
        b("cross.activity.name", I, Some("4.5.1"), None, None),
        b("cross.activity.name", I, Some("4.5.1"), None, None),
        b("cross.activity.name", W, Some("6.2.1"), None, None),
        b("cross.activity.name", I, Some("7.1.1"), None, None),
        b("cross.activity.name", I, Some("7.2.1"), None, None),
        b("cross.units", W, Some("1.2.2"), None, None),
        b("cross.units", W, Some("1.3.1"), None, None),
        b("cross.units", W, Some("3.5.1"), None, None),
        b("cross.units", W, Some("6.1.1"), None, None),
        b("cross.units", W, Some("6.2.1"), None, None),
        b("cross.units", W, Some("6.2.1"), None, None),
        b("cross.title", W, Some("1.3.1"), None, None),
        b("cross.title", I, Some("2.2.1"), None, None),
        b("cross.title", W, Some("4.2.3"), None, None),
        b("cross.title", W, Some("4.4.2"), None, None),
        b("cross.title", W, Some("6.2.2"), None, None),
        // The responsibilities table's spellings (printed in its activity column).
        b("cross.title", W, Some("1.3.1"), None, None),
        b("cross.title", W, Some("5.4.1"), None, None),
        b("cross.title", W, Some("2"), None, None),
        b("cross.title", I, Some("3.5.1"), None, None),
        b("cross.title", W, Some("6"), None, None),
        b("cross.title", W, Some("6.2.2"), None, None),
        b("cross.title", I, Some("2.1"), None, None),
        b("cross.title", I, Some("5.3.1"), None, None),
        b("cross.title", W, Some("6"), None, None),
        b(
            "resource.share_of_targets",
            E,
            Some("6.2"),
            Some("8.35"),
            Some("8.77"),
        ),
        b(
            "resource.share_of_targets",
            E,
            Some("6.2.1"),
            Some("8.15"),
            Some("8.57"),
        ),
        b(
            "resource.share_of_budget",
            E,
            Some("6.2"),
            Some("6.01"),
            Some("6.32"),
        ),
        b(
            "resource.share_of_budget",
            E,
            Some("6.2.1"),
            Some("5.87"),
            Some("6.17"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("2666240000.00"),
            Some("2667350000.00"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("251665000.00"),
            Some("256665000.00"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("10090541000.00"),
            Some("10085430000.00"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("0.00"),
            Some("1340000.00"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("728704000.00"),
            Some("727417000.00"),
        ),
        b(
            "economic.activities",
            E,
            None,
            Some("14251597000.00"),
            Some("14250545000.00"),
        ),
        b("narrative.activities", W, Some("2.3.3"), None, None),
        b("narrative.activities", I, Some("3.5.1"), None, None),
        b("narrative.activities", I, Some("4.1.1"), None, None),
        b("narrative.activities", I, Some("4.5.1"), None, None),
        b("narrative.activities", I, Some("4.5.1"), None, None),
        b("narrative.activities", W, Some("6.2.1"), None, None),
        b("narrative.activities", W, Some("7.1.1"), None, None),
        b("narrative.activities", I, Some("7.1.1"), None, None),
    ];
    assert_eq!(
        brief(&got),
        want,
        "{:#?}",
        got.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// The regenerated report reads back as the same model.
#[test]
fn fixture_roundtrip_has_no_differences() {
    let dir = util::workdir("audit_roundtrip");
    let out = util::perfprog(
        &dir,
        &[
            "audit",
            util::fixture_pdf().to_str().unwrap(),
            "--roundtrip",
            "-o",
            "out",
        ],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings: Vec<Finding> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/audit.json")).unwrap())
            .unwrap();
    let rt: Vec<&String> = findings
        .iter()
        .filter(|f| f.check.starts_with("roundtrip."))
        .map(|f| &f.message)
        .collect();
    assert!(rt.is_empty(), "{} differences: {rt:#?}", rt.len());
}

// ---------------------------------------------------------------- CLI --

#[test]
fn cli_audit_writes_json_csv_pdf_and_exits_by_severity() {
    let dir = util::workdir("audit_cli");
    std::fs::write(dir.join("ok.json"), consistent().to_json()).unwrap();
    let out = util::perfprog(&dir, &["audit", "ok.json", "-o", "ok"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("0 findings"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.join("ok/audit.json")).unwrap(),
        "[]\n"
    );
    let pdf = std::fs::read(dir.join("ok/audit.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));

    let mut p = consistent();
    target_mut(&mut p, "1.1.1").activities[0].total = sd("101.00");
    std::fs::write(dir.join("bad.json"), p.to_json()).unwrap();
    let out = util::perfprog(&dir, &["audit", "bad.json", "-o", "bad"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("target.line.sum"), "{stdout}");
    assert!(stdout.lines().count() < 25, "{stdout}");
    let findings: Vec<Finding> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("bad/audit.json")).unwrap())
            .unwrap();
    assert_eq!(findings, audit::audit(&p));
    let csv = std::fs::read_to_string(dir.join("bad/audit.csv")).unwrap();
    assert_eq!(csv.lines().count(), findings.len() + 1);
    assert!(std::fs::read(dir.join("bad/audit.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));

    // Without -o, the findings go to stdout.
    let out = util::perfprog(&dir, &["audit", "bad.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error   target.line.sum"));

    std::fs::write(dir.join("broken.json"), "{").unwrap();
    let out = util::perfprog(&dir, &["audit", "broken.json", "-o", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cli_diff_human_and_json() {
    let dir = util::workdir("diff_cli");
    let a = consistent();
    let mut b = a.clone();
    target_mut(&mut b, "1.1.2").activities[0].total = sd("35.00");
    std::fs::write(dir.join("a.json"), a.to_json()).unwrap();
    std::fs::write(dir.join("b.json"), b.to_json()).unwrap();
    let out = util::perfprog(&dir, &["diff", "a.json", "b.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "~ amount targets[1.1.2].activities[Bakım Onarım Faaliyetleri].total: 30,00 → 35,00\n"
    );
    let out = util::perfprog(&dir, &["diff", "a.json", "b.json", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["kind"], "changed");
    assert_eq!(v[0]["before"], "30.00");
    assert_eq!(v[0]["after"], "35.00");
    let out = util::perfprog(&dir, &["diff", "a.json", "a.json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no differences\n");
}

/// Tables an administration does not print: the audit says which checks it
/// could not run and why, and finds nothing wrong for their absence.
#[test]
fn audit_lists_the_checks_it_could_not_run() {
    let mut p = consistent();
    p.resource_summary = None;
    p.economic_summary = None;
    p.responsibilities.clear();
    let findings = perfprog::audit::audit(&p);
    let not_run: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.check == "audit.not_run")
        .collect();
    assert_eq!(not_run.len(), 3, "{not_run:#?}");
    assert!(not_run.iter().all(|f| f.severity == Severity::Info));
    assert!(not_run
        .iter()
        .any(|f| f.message.contains("no resource summary")));
    assert!(
        findings
            .iter()
            .all(|f| f.check == "audit.not_run" || f.check.starts_with("narrative")),
        "{findings:#?}"
    );
}

/// A code that does not extend its parent's, and an indicator code that
/// does not belong to its target, are reported.
#[test]
fn codes_that_do_not_extend_their_parents_are_reported() {
    let mut p = consistent();
    p.goals[0].objectives[0].targets[0].code = "2.1.1".into();
    p.goals[0].objectives[0].targets[1].indicators[0].code = Some("PG1.1.1.4".into());
    let findings = perfprog::audit::audit(&p);
    let codes: Vec<(&str, Option<&str>)> = findings
        .iter()
        .filter(|f| f.check.starts_with("code."))
        .map(|f| (f.check.as_str(), f.target.as_deref()))
        .collect();
    assert_eq!(
        codes,
        [
            ("code.parent", Some("2.1.1")),
            ("code.indicator", Some("1.1.2"))
        ]
    );
}

/// The other administrations' expected models are consistent: their audit
/// finds no error and no warning.
#[test]
fn other_administrations_audit_clean() {
    for name in [
        "kuzeykent-2021-performans-programi",
        "guneyova-2009-performans-programi",
    ] {
        let text =
            std::fs::read_to_string(util::root().join(format!("tests/data/{name}.json"))).unwrap();
        let p = Programme::from_json(&text).unwrap();
        let bad: Vec<String> = perfprog::audit::audit(&p)
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| format!("{}: {}", f.check, f.message))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:#?}");
    }
}

/// İzmir's 4.4.1 "Afete Hazırlık Faaliyetlerinin Yürütülmesi" prints 0,00
/// and 0,00 but leaves its Toplam empty: a warning an auditor wants to see,
/// though the figures add up to zero.
#[test]
fn an_empty_line_total_beside_printed_amounts_is_reported() {
    let text = std::fs::read_to_string(util::root().join("tests/golden/programme.json")).unwrap();
    let p = Programme::from_json(&text).unwrap();
    let findings = perfprog::audit::audit(&p);
    let found: Vec<(Option<&str>, Option<&str>)> = findings
        .iter()
        .filter(|f| f.check == "target.line.total_empty")
        .map(|f| (f.target.as_deref(), f.activity.as_deref()))
        .collect();
    assert_eq!(
        found,
        [(
            Some("4.4.1"),
            Some("Afete Hazırlık Faaliyetlerinin Yürütülmesi")
        )]
    );
}

/// İzmir's cost tables of 4.2.3 print its title "Dezavatajlı …", one
/// letter off the performance-target table's "Dezavantajlı …": the model
/// keeps the title as those tables print it, and the audit warns once,
/// with how many tables print it and the first one's page.
#[test]
fn a_title_spelled_otherwise_in_the_cost_tables_is_reported() {
    let text = std::fs::read_to_string(util::root().join("tests/golden/programme.json")).unwrap();
    let p = Programme::from_json(&text).unwrap();
    let printed: Vec<&str> = p
        .activity_costs
        .iter()
        .filter(|c| c.target == "4.2.3")
        .flat_map(|c| &c.titles_as_printed)
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(
        printed,
        ["Dezavatajlı Grupların Hak ve İhtiyaçlarına Yönelik Faaliyetleri Yürütmek"; 5]
    );
    let findings = perfprog::audit::audit(&p);
    let found: Vec<&perfprog::audit::Finding> = findings
        .iter()
        .filter(|f| f.check == "cross.title" && f.target.as_deref() == Some("4.2.3"))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(
        found[0].message.contains("“Dezavatajlı")
            && found[0].message.contains("“Dezavantajlı")
            && found[0]
                .message
                .contains("5 activity cost tables (the first on page 200)"),
        "{}",
        found[0].message
    );
    // Where the cost tables agree with the performance-target tables, the
    // model says nothing.
    assert!(p
        .activity_costs
        .iter()
        .filter(|c| c.target == "1.1.1")
        .all(|c| c.titles_as_printed.is_empty()));
}
