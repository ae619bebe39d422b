//! Integration tests: performance-target printings typeset in the test
//! (issue 19) — a resource summary printed with code and title in one
//! cell, indented by level and wrapped, its figures beside the first or
//! the middle line; a target table and a cost table in key–value style
//! whose labels carry their codes on a second line (`Amaç` / `(A.01)`);
//! two target tables on one page; and the refusal of a document whose
//! target tables cannot be read, saying what was found.

use perfprog::model::{ActivityLine, Document, Level, Programme, Value};
use rust_decimal::Decimal;

const PAGE: &str = "#set page(width: 842pt, height: 595pt, margin: 30pt)\n#set text(size: 8pt)\n";

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// Typesets `body` and reads it as a performance-target document; panics
/// (with the error) on anything else.
fn read(name: &str, body: &str) -> (Programme, Vec<perfprog::Warning>) {
    let (dir, _) = crate::typeset::typeset_pdf(name, &format!("{PAGE}{body}"));
    let path = dir.join("t.pdf");
    let out = crate::util::extract(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    match out.document {
        Document::Targets(p) => (p, out.warnings),
        Document::Budget(_) => panic!("{name}: read as a program-budget document"),
    }
}

/// The cover page and the first page's title.
fn cover() -> String {
    "#text(size: 14pt)[Örnekova Belediyesi 2025 Yılı Performans Programı]\n\n#pagebreak()\n".into()
}

/// A ruled table: `widths` (Typst lengths), `cells` (Typst content, row by
/// row), the first column left-aligned and the others right-aligned.
fn table(widths: &str, cells: &[String]) -> String {
    format!(
        "#table(columns: ({widths}), align: (x, _) => if x == 0 {{ left + horizon }} else {{ right + horizon }},\n  {})\n\n",
        cells.join(", ")
    )
}

fn c(s: &str) -> String {
    format!("[{s}]")
}

/// One activity: name, budget, off-budget, total (empty for none).
type Act<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The three targets of the documents: code, title, indicators (name,
/// unit, three values), activities, Genel Toplam.
struct TargetTable<'a> {
    code: &'a str,
    title: &'a str,
    indicators: &'a [(&'a str, &'a str, [&'a str; 3])],
    activities: &'a [Act<'a>],
    total: Act<'a>,
}

const GOAL: (&str, &str) = (
    "1",
    "Kentsel Altyapıyı Güçlendirmek ve Sürdürülebilir Kılmak",
);
const OBJECTIVES: [(&str, &str); 2] = [
    (
        "1.1",
        "Kent Ekonomisine Katkı Sunacak Şekilde Sürdürülebilir Bir Kent Altyapısı İnşa Edilecek",
    ),
    (
        "1.2",
        "Yerleşim Alanları Planlı ve Güvenli Bir Şekilde İnşa Edilecek",
    ),
];

const TARGETS: [TargetTable; 3] = [
    TargetTable {
        code: "1.1.1",
        title: "Altyapı Çalışmalarını Eşgüdüm İçerisinde Yürütmek",
        indicators: &[
            ("Yenilenen Yol Uzunluğu", "Km", ["12", "14", "15,5"]),
            ("Altyapı Koordinasyon Toplantısı Sayısı", "Adet", ["", "24", "30"]),
        ],
        activities: &[
            (
                "Ulaşım Yollarında Asfalt Kaplama, Bakım ve Onarım Faaliyetleri",
                "569.700.000,00",
                "",
                "569.700.000,00",
            ),
            (
                "Altyapı Bilgi Sistemi Faaliyetleri",
                "120.300.000,00",
                "",
                "120.300.000,00",
            ),
        ],
        total: ("Genel Toplam", "690.000.000,00", "", "690.000.000,00"),
    },
    TargetTable {
        code: "1.1.2",
        title: "Yağmur Suyu Altyapısını Geliştirmek",
        indicators: &[("Yapılan Yağmur Suyu Hattı Uzunluğu", "Metre", ["8.500", "9.000", "10.250"])],
        activities: &[(
            "Yağmur Suyu ve Atık Su Hatlarının Yapılması, Bakımı ve Onarımı ile Dere Islahı Faaliyetleri",
            "250.000.000,00",
            "10.000.000,00",
            "260.000.000,00",
        )],
        total: ("Genel Toplam", "250.000.000,00", "10.000.000,00", "260.000.000,00"),
    },
    TargetTable {
        code: "1.2.1",
        title: "Kent İmarı Odaklı Planlama Faaliyetlerini Yürütmek",
        indicators: &[("Onaylanan İmar Planı Oranı", "%", ["62,5", "70", "80"])],
        activities: &[(
            "İmar Planlarının Hazırlanması Faaliyetleri",
            "50.000.000,00",
            "",
            "50.000.000,00",
        )],
        total: ("Genel Toplam", "50.000.000,00", "", "50.000.000,00"),
    },
];

/// The indicator table and the activity table of a target, ruled.
fn indicator_and_activity_tables(t: &TargetTable) -> String {
    let mut ind = vec![
        c("Performans Göstergeleri"),
        c("Ölçü Birimi"),
        c("2023 Gerçekleşen"),
        c("2024 Hedef"),
        c("2025 Hedef"),
    ];
    for (name, unit, values) in t.indicators {
        ind.push(c(name));
        ind.push(c(unit));
        ind.extend(values.iter().map(|v| c(v)));
    }
    let mut act = vec![
        "table.cell(rowspan: 2)[Faaliyetler]".to_string(),
        "table.cell(colspan: 3, align: center)[Kaynak İhtiyacı (2025) (TL)]".into(),
        c("Bütçe İçi"),
        c("Bütçe Dışı"),
        c("Toplam"),
    ];
    for a in t.activities.iter().chain([&t.total]) {
        act.extend([c(a.0), c(a.1), c(a.2), c(a.3)]);
    }
    format!(
        "{}{}",
        table("1fr, 60pt, 70pt, 70pt, 70pt", &ind),
        table("1fr, 90pt, 90pt, 90pt", &act)
    )
}

/// A target's heading rows in İzmir's style (`Stratejik Amaç 1 | title`).
fn heading_table(t: &TargetTable) -> String {
    let (o_code, o_title) = OBJECTIVES.iter().find(|o| t.code.starts_with(o.0)).unwrap();
    let cells = [
        c(&format!("Stratejik Amaç {}", GOAL.0)),
        c(GOAL.1),
        c(&format!("Stratejik Hedef {o_code}")),
        c(o_title),
        c(&format!("Performans Hedefi {}", t.code)),
        c(t.title),
    ];
    format!("#table(columns: (140pt, 1fr), {})\n\n", cells.join(", "))
}

/// The model's activity lines of a target table as printed.
/// An activity line: name, budget, off-budget, total.
type Line = (String, Option<Decimal>, Option<Decimal>, Option<Decimal>);

fn lines_of(t: &TargetTable) -> Vec<Line> {
    let amount = |s: &str| perfprog::normalize::number::parse_amount(s);
    t.activities
        .iter()
        .map(|a| (a.0.to_string(), amount(a.1), amount(a.2), amount(a.3)))
        .collect()
}

fn lines_read(lines: &[ActivityLine]) -> Vec<Line> {
    lines
        .iter()
        .map(|a| (a.name.clone(), a.budget, a.off_budget, a.total))
        .collect()
}

/// Asserts the goals, objectives, targets, indicators and activities of
/// the three target tables.
fn assert_targets(p: &Programme, warnings: &[perfprog::Warning]) {
    assert_eq!(p.fiscal_year, 2025, "{warnings:#?}");
    let labels: Vec<&str> = p
        .indicator_columns
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["2023 Gerçekleşen", "2024 Hedef", "2025 Hedef"]);
    assert_eq!(p.goals.len(), 1, "{warnings:#?}");
    let g = &p.goals[0];
    assert_eq!((g.code.as_str(), g.title.as_str()), GOAL);
    let objectives: Vec<(&str, &str)> = g
        .objectives
        .iter()
        .map(|o| (o.code.as_str(), o.title.as_str()))
        .collect();
    assert_eq!(objectives, OBJECTIVES);
    let targets: Vec<_> = p.targets().collect();
    assert_eq!(targets.len(), TARGETS.len(), "{warnings:#?}");
    for (got, want) in targets.iter().zip(&TARGETS) {
        assert_eq!(
            (got.code.as_str(), got.title.as_str()),
            (want.code, want.title)
        );
        let indicators: Vec<(String, Option<String>, Vec<Option<Value>>)> = got
            .indicators
            .iter()
            .map(|i| (i.name.clone(), i.unit.clone(), i.values.clone()))
            .collect();
        let expected: Vec<(String, Option<String>, Vec<Option<Value>>)> = want
            .indicators
            .iter()
            .map(|(n, u, vs)| {
                (
                    n.to_string(),
                    Some(u.to_string()),
                    vs.iter()
                        .map(|v| {
                            (!v.is_empty()).then(|| {
                                Value::Number(perfprog::normalize::number::parse_number(v).unwrap())
                            })
                        })
                        .collect(),
                )
            })
            .collect();
        assert_eq!(indicators, expected, "{}", want.code);
        assert_eq!(lines_read(&got.activities), lines_of(want), "{warnings:#?}");
        let amount = |s: &str| perfprog::normalize::number::parse_amount(s);
        let s = &got.stated_total;
        assert_eq!(
            (s.budget, s.off_budget, s.total),
            (
                amount(want.total.1),
                amount(want.total.2),
                amount(want.total.3)
            ),
            "{}",
            want.code
        );
    }
    for w in warnings {
        assert!(
            !w.message.contains("not an amount") && !w.message.contains("without a row"),
            "{w:?}"
        );
    }
}

/// The performance-target section in İzmir's style, one target per page
/// (`per_page` targets on a page).
fn target_section(per_page: usize) -> String {
    let mut out = String::new();
    for (k, t) in TARGETS.iter().enumerate() {
        if k % per_page == 0 {
            if k > 0 {
                out.push_str("#pagebreak()\n");
            }
            out.push_str("#text(size: 12pt)[Performans Hedefi Tablosu]\n\n");
        } else {
            out.push_str("#v(6pt)\n");
        }
        out.push_str(&heading_table(t));
        out.push_str(&indicator_and_activity_tables(t));
    }
    out
}

/// The resource summary's rows: level, code, title, amount and shares.
const RESOURCE_ROWS: [(Level, &str, &str, &str, &str, &str); 6] = [
    (
        Level::Goal,
        GOAL.0,
        GOAL.1,
        "1.000.000.000,00",
        "100,00",
        "80,00",
    ),
    (
        Level::Objective,
        OBJECTIVES[0].0,
        OBJECTIVES[0].1,
        "950.000.000,00",
        "95,00",
        "76,00",
    ),
    (
        Level::Target,
        "1.1.1",
        TARGETS[0].title,
        "690.000.000,00",
        "69,00",
        "55,20",
    ),
    (
        Level::Target,
        "1.1.2",
        TARGETS[1].title,
        "260.000.000,00",
        "26,00",
        "20,80",
    ),
    (
        Level::Objective,
        OBJECTIVES[1].0,
        OBJECTIVES[1].1,
        "50.000.000,00",
        "5,00",
        "4,00",
    ),
    (
        Level::Target,
        "1.2.1",
        TARGETS[2].title,
        "50.000.000,00",
        "5,00",
        "4,00",
    ),
];

/// The resource summary with code and title in one cell, indented by
/// level, in a column narrow enough to wrap the longer titles; `align` is
/// the figures' vertical alignment (`top`: beside the first line,
/// `horizon`: beside the middle one) and `stroke` the rules (`none` for a
/// table set without them).
fn resource_summary(align: &str, stroke: &str) -> String {
    let mut cells = vec![
        c("Amaç / Hedef / Performans Hedefi"),
        c("Kaynak İhtiyacı (TL)"),
        c("Performans Hedefleri Toplamı İçindeki Payı (%)"),
        c("Toplam Bütçe İçindeki Payı (%)"),
    ];
    for (level, code, title, amount, of_targets, of_budget) in RESOURCE_ROWS {
        let indent = match level {
            Level::Goal => 0,
            Level::Objective => 10,
            Level::Target => 20,
        };
        cells.push(format!("[#pad(left: {indent}pt)[{code} {title}]]"));
        cells.extend([c(amount), c(of_targets), c(of_budget)]);
    }
    for (label, amount, of_targets, of_budget) in [
        (
            "Performans Hedefleri Toplamı",
            "1.000.000.000,00",
            "100,00",
            "80,00",
        ),
        (
            "Genel Yönetim Giderleri",
            "250.000.000,00",
            "25,00",
            "20,00",
        ),
        ("Toplam Kaynak İhtiyacı", "1.250.000.000,00", "", "100,00"),
    ] {
        cells.extend([c(label), c(amount), c(of_targets), c(of_budget)]);
    }
    format!(
        "#pagebreak()\n#text(size: 12pt)[İdarenin 2025 Yılı Toplam Kaynak İhtiyacı]\n\n\
         #table(columns: (190pt, 110pt, 110pt, 110pt), stroke: {stroke}, \
         align: (x, _) => if x == 0 {{ left + {align} }} else {{ right + {align} }},\n  {})\n",
        cells.join(", ")
    )
}

fn assert_resources(p: &Programme, warnings: &[perfprog::Warning], what: &str) {
    let r = p.resource_summary.as_ref().expect("a resource summary");
    type Row<'a> = (
        Level,
        &'a str,
        &'a str,
        Option<Decimal>,
        Option<Decimal>,
        Option<Decimal>,
    );
    let rows: Vec<Row> = r
        .rows
        .iter()
        .map(|r| {
            (
                r.level,
                r.code.as_str(),
                r.title.as_str(),
                r.amount,
                r.share_of_targets,
                r.share_of_budget,
            )
        })
        .collect();
    let amount = |s: &str| perfprog::normalize::number::parse_amount(s);
    let want: Vec<_> = RESOURCE_ROWS
        .iter()
        .map(|&(l, code, title, a, t, b)| (l, code, title, amount(a), amount(t), amount(b)))
        .collect();
    assert_eq!(rows, want, "{what}: {warnings:#?}");
    let total =
        |t: &perfprog::model::ResourceTotal| (t.amount, t.share_of_targets, t.share_of_budget);
    assert_eq!(
        total(&r.targets_total),
        (dec("1000000000.00"), dec("100.00"), dec("80.00")),
        "{what}"
    );
    assert_eq!(
        total(&r.general_administration),
        (dec("250000000.00"), dec("25.00"), dec("20.00")),
        "{what}"
    );
    assert_eq!(
        total(&r.total_budget),
        (dec("1250000000.00"), None, dec("100.00")),
        "{what}"
    );
    assert!(
        !warnings
            .iter()
            .any(|w| w.table == "İdarenin Toplam Kaynak İhtiyacı"),
        "{what}: {warnings:#?}"
    );
}

/// Item 2: the resource summary printed with code and title in one cell,
/// indented by level and wrapped, its figures beside the first line of a
/// ruled row or beside the middle line of a row set without rules.
#[test]
fn resource_summary_with_code_and_title_in_one_cell() {
    for (name, align, stroke) in [
        ("targets-resources-top", "top", "0.5pt"),
        ("targets-resources-middle", "horizon", "0.5pt"),
        ("targets-resources-unruled", "horizon", "none"),
    ] {
        let body = format!(
            "{}{}{}",
            cover(),
            target_section(1),
            resource_summary(align, stroke)
        );
        let (p, warnings) = read(name, &body);
        assert_targets(&p, &warnings);
        assert_resources(&p, &warnings, name);
    }
}

/// Item 5: two target tables on one page, ruled or set without rules;
/// each reads its own amounts.
#[test]
fn two_target_tables_on_one_page() {
    for (name, ruled, fitted) in [
        ("targets-two-on-a-page", true, false),
        ("targets-two-on-a-page-unruled", false, false),
        ("targets-two-on-a-page-fitted", true, true),
        ("targets-two-on-a-page-unruled-fitted", false, true),
        ("targets-two-on-a-page-unruled-tight", false, false),
    ] {
        let mut section = target_section(2);
        if !ruled {
            section = section.replace("#table(columns:", "#table(stroke: none, columns:");
        }
        if name.ends_with("tight") {
            // Activity cells padded as an office suite pads them, amount
            // columns as narrow as their figures: a name filling its
            // column ends closer to the amount beside it than a column
            // gap, and so does an amount to the next.
            section = section.replace(
                "#table(stroke: none, columns: (1fr, 90pt, 90pt, 90pt)",
                "#table(stroke: none, inset: 2pt, columns: (auto, 52pt, 52pt, 52pt)",
            );
        }
        if fitted {
            // Columns fitted to their contents: each table its own geometry.
            section = section
                .replace("(1fr, 90pt, 90pt, 90pt)", "(auto, auto, auto, auto)")
                .replace(
                    "(1fr, 60pt, 70pt, 70pt, 70pt)",
                    "(auto, auto, auto, auto, auto)",
                );
        }
        let (p, warnings) = read(name, &format!("{}{section}", cover()));
        assert_targets(&p, &warnings);
        let pages: Vec<Option<u32>> = p.targets().map(|t| t.page).collect();
        assert_eq!(pages, [Some(2), Some(2), Some(3)], "{name}");
    }
}

/// A target's heading in key–value style under an `İdare Adı` row, each
/// label's code on a second line inside the label cell (`Amaç` /
/// `(A.01)`); with `title_inside`, the table's title is its first row.
fn key_value_heading(t: &TargetTable, title_inside: bool) -> String {
    let (o_code, o_title) = OBJECTIVES.iter().find(|o| t.code.starts_with(o.0)).unwrap();
    let zero = |code: &str| {
        code.split('.')
            .map(|n| format!("{n:0>2}"))
            .collect::<Vec<_>>()
            .join(".")
    };
    let mut cells = Vec::new();
    if title_inside {
        cells.push(
            "table.cell(colspan: 2, fill: luma(225))[*PERFORMANS HEDEFİ TABLOSU*]".to_string(),
        );
    }
    cells.extend([
        c("İdare Adı"),
        c("Örnekova Belediyesi"),
        c(&format!("Amaç \\ (A.{})", zero(GOAL.0))),
        c(GOAL.1),
        c(&format!("Hedef \\ ({})", zero(o_code))),
        c(o_title),
        c(&format!("Performans Hedefi \\ ({})", zero(t.code))),
        c(t.title),
    ]);
    format!(
        "#table(columns: (140pt, 1fr), align: (left + horizon, left + horizon), {})\n\n",
        cells.join(", ")
    )
}

/// A cost table in the same key–value style: one activity's position
/// rows, its unit and its amounts (economic code 6 and off-budget
/// domestic sources).
fn key_value_cost_table(t: &TargetTable, a: &Act, unit: &str) -> String {
    let mut out = String::from("#text(size: 12pt)[Faaliyet Maliyetleri Tablosu]\n\n");
    let heading = key_value_heading(t, false);
    let rows = [
        ("Faaliyet Adı", a.0),
        ("Sorumlu Harcama Birimi veya Birimleri", unit),
        ("Ekonomik Kod", "2025"),
        ("1. Personel Giderleri", ""),
        ("2. Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri", ""),
        ("3. Mal ve Hizmet Alım Giderleri", ""),
        ("4. Faiz Giderleri", ""),
        ("5. Cari Transferler", ""),
        ("6. Sermaye Giderleri", a.1),
        ("7. Sermaye Transferleri", ""),
        ("8. Borç Verme", ""),
        ("Toplam Bütçe Kaynak İhtiyacı", a.1),
        ("Döner Sermaye", ""),
        ("Diğer Yurt İçi", a.2),
        ("Yurt Dışı", ""),
        ("Toplam Bütçe Dışı Kaynak İhtiyacı", a.2),
        ("Toplam Kaynak İhtiyacı", a.3),
    ];
    let cells: Vec<String> = rows.iter().flat_map(|(l, v)| [c(l), c(v)]).collect();
    let body = heading.trim_end().trim_end_matches(')').to_string();
    out.push_str(&format!("{body}, {})\n\n", cells.join(", ")));
    out
}

/// The units of the key–value printing's activities, in order.
const UNITS: [&str; 4] = [
    "Fen İşleri Müdürlüğü",
    "Bilgi İşlem Müdürlüğü",
    "Fen İşleri Müdürlüğü",
    "İmar ve Şehircilik Müdürlüğü",
];

/// The key–value printing: each target's table (title above it, or as
/// its first row) followed by its activities' cost tables.
fn key_value_document(title_inside: bool) -> String {
    let mut out = cover();
    let mut unit = UNITS.iter();
    for (k, t) in TARGETS.iter().enumerate() {
        if k > 0 {
            out.push_str("#pagebreak()\n");
        }
        if !title_inside {
            out.push_str("#text(size: 12pt)[Performans Hedefi Tablosu]\n\n");
        }
        out.push_str(&key_value_heading(t, title_inside));
        out.push_str(&indicator_and_activity_tables(t));
        for a in t.activities {
            out.push_str("#pagebreak()\n");
            out.push_str(&key_value_cost_table(t, a, unit.next().unwrap()));
        }
    }
    out
}

/// Item 4: the target tables and cost tables in key–value style, codes on
/// a second line of the label cell, read whole.
#[test]
fn key_value_tables_with_codes_under_their_labels() {
    for (name, inside) in [
        ("targets-key-value", false),
        ("targets-key-value-title-row", true),
    ] {
        let (p, warnings) = read(name, &key_value_document(inside));
        assert_targets(&p, &warnings);
        let costs: Vec<(&str, &str, Vec<&str>)> = p
            .activity_costs
            .iter()
            .map(|a| {
                (
                    a.target.as_str(),
                    a.activity.as_str(),
                    a.units.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let want: Vec<(&str, &str, Vec<&str>)> = TARGETS
            .iter()
            .flat_map(|t| t.activities.iter().map(move |a| (t.code, a.0)))
            .zip(UNITS)
            .map(|((t, a), u)| (t, a, vec![u]))
            .collect();
        assert_eq!(costs, want, "{name}: {warnings:#?}");
        let amount = |s: &str| perfprog::normalize::number::parse_amount(s);
        let acts = TARGETS.iter().flat_map(|t| t.activities.iter());
        for (got, a) in p.activity_costs.iter().zip(acts) {
            assert_eq!(got.economic.values()[5], amount(a.1), "{name}: {}", a.0);
            assert_eq!(got.budget_total, amount(a.1), "{name}: {}", a.0);
            assert_eq!(
                got.off_budget.as_ref().and_then(|o| o.other_domestic),
                amount(a.2),
                "{name}: {}",
                a.0
            );
            assert_eq!(got.off_budget_total, amount(a.2), "{name}: {}", a.0);
            assert_eq!(got.total, amount(a.3), "{name}: {}", a.0);
            assert!(got.titles_as_printed.is_empty(), "{name}: {got:?}");
        }
        for w in &warnings {
            assert!(
                !w.table.contains("Maliyetleri") && !w.table.contains("Performans Hedefi"),
                "{name}: {w:?}"
            );
        }
    }
}

/// A document whose target tables cannot be read is refused with what
/// was found: the title, how many times, on which pages, and that no
/// goal could be read there.
#[test]
fn a_refusal_says_what_was_found() {
    let body = format!(
        "{}#text(size: 12pt)[Performans Hedefi Tablosu]\n\nBu sayfada tablo yoktur.\n\n\
         #pagebreak()\n#text(size: 12pt)[Performans Hedefi Tablosu]\n\nBu sayfada da tablo yoktur.\n",
        cover()
    );
    let (dir, _) = crate::typeset::typeset_pdf("targets-refused", &format!("{PAGE}{body}"));
    let err = match crate::util::extract(&dir.join("t.pdf")) {
        Ok(_) => panic!("a document without target tables was read"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("\"Performans Hedefi Tablosu\" 2 times (pages 2, 3)"),
        "{err}"
    );
}
