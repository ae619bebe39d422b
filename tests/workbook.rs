//! Workbook export/import, CSV export and rollover, through the binary and
//! the library, on the fixture.

use std::path::Path;
use std::str::FromStr;

use perfprog::model::{Programme, Value};
use perfprog::workbook::{xlsx, Cell, Grid, Sheet};
use rust_decimal::Decimal;

use crate::util::{fixture_pdf, ok, perfprog, workdir};

/// Runs the binary as [`perfprog`] does, with its time of making fixed by
/// `SOURCE_DATE_EPOCH` (two runs can fall in two different seconds).
fn reproducible(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_perfprog"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "C.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run perfprog")
}

fn golden() -> Programme {
    let text = std::fs::read_to_string(crate::util::root().join("tests/golden/programme.json"))
        .expect("golden model");
    Programme::from_json(&text).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn read_grid(path: &Path) -> Grid {
    xlsx::read(&std::fs::read(path).unwrap()).unwrap()
}

fn write_grid(grid: &Grid, path: &Path) {
    std::fs::write(path, xlsx::write(grid, "edited").unwrap()).unwrap();
}

fn sheet<'a>(grid: &'a mut Grid, name: &str) -> &'a mut Sheet {
    grid.sheet_mut(name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The first data row whose `col` cell is the text `value`.
fn row_where(s: &Sheet, col: &str, value: &str) -> usize {
    let c = s.column(col).unwrap_or_else(|| panic!("no column {col}"));
    (0..s.rows.len())
        .find(|&r| *s.cell(r, c) == Cell::Text(value.to_string()))
        .unwrap_or_else(|| panic!("no row with {col} = {value} on {}", s.name))
}

/// Sets the cell in column `col` of data row `row`.
fn set(s: &mut Sheet, row: usize, col: &str, cell: Cell) {
    let c = s.column(col).unwrap_or_else(|| panic!("no column {col}"));
    s.set(row, c, cell);
}

fn amount(s: &str) -> Cell {
    Cell::Number(d(s))
}

#[test]
fn export_then_import_gives_the_extracted_model() {
    let dir = workdir("workbook-roundtrip");
    let pdf = fixture_pdf();
    let pdf = pdf.to_str().unwrap();
    ok(&perfprog(&dir, &["extract", pdf, "-o", "extracted.json"]));
    ok(&reproducible(
        &dir,
        &["export", pdf, "--xlsx", "programme.xlsx"],
    ));
    ok(&perfprog(
        &dir,
        &["import", "programme.xlsx", "-o", "imported.json"],
    ));
    let extracted = std::fs::read_to_string(dir.join("extracted.json")).unwrap();
    let imported = std::fs::read_to_string(dir.join("imported.json")).unwrap();
    assert!(extracted == imported, "the imported model differs");

    // The same model always gives the same workbook bytes (at one time of
    // making: the workbook records when it was made).
    ok(&reproducible(
        &dir,
        &["export", "imported.json", "--xlsx", "again.xlsx"],
    ));
    assert!(
        std::fs::read(dir.join("programme.xlsx")).unwrap()
            == std::fs::read(dir.join("again.xlsx")).unwrap()
    );

    // The audit reads the workbook directly (exit 1: the source's own errors).
    let out = perfprog(&dir, &["audit", "programme.xlsx"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("audit of İzmir Büyükşehir Belediyesi 2024"),
        "{stdout}"
    );
}

#[test]
fn workbook_layout_is_what_the_office_edits() {
    let p = golden();
    let grid = xlsx::read(&perfprog::workbook::export(&p).unwrap()).unwrap();
    let names: Vec<&str> = grid.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Program",
            "Amaçlar ve Hedefler",
            "Göstergeler",
            "Faaliyetler",
            "Dipnotlar",
            "Maliyetler",
            "Kaynak İhtiyacı",
            "Ekonomik Özet",
            "Sorumlular",
            "Birimler",
            "Ön Bölüm",
        ]
    );
    let count = |n: &str| grid.sheet(n).unwrap().rows.len();
    assert_eq!(count("Amaçlar ve Hedefler"), 7 + 26 + 34);
    assert_eq!(count("Göstergeler"), 427);
    assert_eq!(count("Faaliyetler"), 295);
    assert_eq!(count("Maliyetler"), 295);
    assert_eq!(count("Sorumlular"), 295);
    assert_eq!(count("Kaynak İhtiyacı"), 67 + 4);
    assert_eq!(count("Ekonomik Özet"), 9 + 1 + 3 + 2);
    assert_eq!(count("Birimler"), 35);

    let costs = grid.sheet("Maliyetler").unwrap();
    assert_eq!(
        costs.header[5],
        "2 Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"
    );
    // Codes are text, amounts numbers with their scale, empty cells empty.
    let first = &p.activity_costs[0];
    assert_eq!(*costs.cell(0, 0), Cell::Text(first.target.clone()));
    assert_eq!(*costs.cell(0, 9), Cell::number(first.economic.c6));
    assert_eq!(*costs.cell(0, 4), Cell::Empty);
    let ind = grid.sheet("Göstergeler").unwrap();
    assert_eq!(
        &ind.header[4..],
        [
            "Gösterge Kodu",
            "Açıklama",
            "2022 Gerçekleşen",
            "2023 Hedef",
            "2024 Hedef"
        ]
    );
    // A zero printed as 0,00 stays a number, distinct from an empty cell.
    let econ = grid.sheet("Ekonomik Özet").unwrap();
    assert_eq!(*econ.cell(0, 5), amount("0.00"));
}

#[test]
fn csv_export_writes_every_table_and_a_dictionary() {
    let dir = workdir("workbook-csv");
    std::fs::write(dir.join("p.json"), golden().to_json()).unwrap();
    ok(&perfprog(&dir, &["export", "p.json", "--csv", "open"]));
    let read = |n: &str| std::fs::read_to_string(dir.join("open").join(n)).unwrap();
    for (file, rows) in [
        ("targets.csv", 34),
        ("indicators.csv", 427 * 3),
        ("activities.csv", 295),
        ("activity_costs.csv", 295),
        ("responsibilities.csv", 295),
        ("resource_summary.csv", 71),
        ("economic_summary.csv", 15),
        ("units.csv", 35),
    ] {
        assert_eq!(read(file).lines().count(), rows + 1, "{file}");
    }
    let dict = read("data-dictionary.csv");
    let costs = read("activity_costs.csv");
    for col in costs.lines().next().unwrap().split(',') {
        assert!(
            dict.contains(&format!("activity_costs.csv,{col},")),
            "{col} is not in the dictionary"
        );
    }
    // Exact decimals, no thousands separators; empty stays empty.
    assert!(costs
        .lines()
        .nth(1)
        .unwrap()
        .contains(",,,,,270000000.00,,,270000000.00,"));

    let out = perfprog(&dir, &["export", "p.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--xlsx"));
}

#[test]
fn rollover_edited_through_the_workbook_renders_and_reconciles() {
    let dir = workdir("workbook-rollover");
    std::fs::write(dir.join("2024.json"), golden().to_json()).unwrap();
    let out = perfprog(
        &dir,
        &["rollover", "2024.json", "--to", "2025", "-o", "2025.json"],
    );
    ok(&out);
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains("“2025 Hedef” is empty"), "{notes}");
    ok(&perfprog(
        &dir,
        &["export", "2025.json", "--xlsx", "2025.xlsx"],
    ));

    // The strategy office fills in next year's figures for target 1.1.1's
    // first activity, and the indicator values of the new columns.
    let mut grid = read_grid(&dir.join("2025.xlsx"));
    let ind = sheet(&mut grid, "Göstergeler");
    let r = row_where(ind, "Hedef Kodu", "1.1.1");
    assert_eq!(
        *ind.cell(r, 7),
        Cell::Number(d("5")),
        "2024 target moved left"
    );
    set(ind, r, "2023 Gerçekleşen", Cell::Number(d("4")));
    set(ind, r, "2025 Hedef", Cell::Number(d("7")));
    let activity = "Ulaşım Yollarında Taşıt Alt ve Üst Geçit Yapılması Faaliyetleri";
    let lines = sheet(&mut grid, "Faaliyetler");
    let r = row_where(lines, "Faaliyet", activity);
    set(lines, r, "Bütçe", amount("300000000.00"));
    set(lines, r, "Toplam", amount("300000000.00"));
    let tree = sheet(&mut grid, "Amaçlar ve Hedefler");
    let r = row_where(tree, "Kod", "1.1.1");
    set(tree, r, "Genel Toplam Bütçe", amount("300000000.00"));
    set(tree, r, "Genel Toplam", amount("300000000.00"));
    let costs = sheet(&mut grid, "Maliyetler");
    let r = row_where(costs, "Faaliyet", activity);
    set(costs, r, "6 Sermaye Giderleri", amount("300000000.00"));
    set(costs, r, "Bütçe Toplamı", amount("300000000.00"));
    set(costs, r, "Toplam", amount("300000000.00"));
    let res = sheet(&mut grid, "Kaynak İhtiyacı");
    for code in ["1", "1.1", "1.1.1"] {
        let r = row_where(res, "Kod", code);
        set(res, r, "Tutar", amount("300000000.00"));
        set(res, r, "Hedefler İçindeki Pay (%)", amount("100.00"));
        set(res, r, "Bütçe İçindeki Pay (%)", amount("100.00"));
    }
    for label in ["Performans Hedefleri Toplamı", "Toplam Bütçe"] {
        let r = row_where(res, "Düzey", label);
        set(res, r, "Tutar", amount("300000000.00"));
        set(res, r, "Hedefler İçindeki Pay (%)", amount("100.00"));
        set(res, r, "Bütçe İçindeki Pay (%)", amount("100.00"));
    }
    let econ = sheet(&mut grid, "Ekonomik Özet");
    for r in [
        row_where(econ, "Kod", "6"),
        row_where(econ, "Satır", "Toplam Bütçe Kaynak İhtiyacı"),
        row_where(econ, "Satır", "Toplam Kaynak İhtiyacı"),
    ] {
        set(econ, r, "Faaliyet Toplamı", amount("300000000.00"));
        set(econ, r, "Genel Toplam", amount("300000000.00"));
    }
    // Last year's budget sentence in the opening message no longer holds.
    let front = sheet(&mut grid, "Ön Bölüm");
    let metin = front.column("Metin").unwrap();
    for r in 0..front.rows.len() {
        if let Cell::Text(t) = front.cell(r, metin).clone() {
            if t.contains("45 milyar 100 milyon") {
                let t = t.replace("45 milyar 100 milyon", "300 milyon");
                front.set(r, metin, Cell::Text(t));
            }
        }
    }
    write_grid(&grid, &dir.join("edited.xlsx"));
    ok(&perfprog(
        &dir,
        &["import", "edited.xlsx", "-o", "edited.json"],
    ));

    let p =
        Programme::from_json(&std::fs::read_to_string(dir.join("edited.json")).unwrap()).unwrap();
    assert_eq!(p.fiscal_year, 2025);
    let years: Vec<i32> = p.indicator_columns.iter().map(|c| c.year).collect();
    assert_eq!(years, [2023, 2024, 2025]);
    let t = p.targets().next().unwrap();
    assert_eq!(
        t.indicators[0].values,
        [
            Some(Value::Number(d("4"))),
            Some(Value::Number(d("5"))),
            Some(Value::Number(d("7")))
        ]
    );
    assert_eq!(t.activities[0].budget, Some(d("300000000.00")));
    assert_eq!(t.activities[1].budget, None);

    // The audit reconciles every amount: no errors, and no amount warnings.
    let findings = perfprog::audit::audit(&p);
    let amount_findings: Vec<String> = findings
        .iter()
        .filter(|f| {
            f.severity == perfprog::audit::Severity::Error
                || (f.stated.is_some() || f.computed.is_some())
        })
        .map(|f| format!("{} {}", f.check, f.message))
        .collect();
    assert!(amount_findings.is_empty(), "{amount_findings:#?}");
    let out = perfprog(&dir, &["audit", "edited.json", "-o", "audit", "-q"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The report is for 2025 and carries exactly the edited model.
    ok(&perfprog(
        &dir,
        &["render", "edited.json", "-o", "report", "-q"],
    ));
    let pdf = dir
        .join("report")
        .join(perfprog::render::report_file_name(&p));
    assert!(pdf.ends_with("izmir-buyuksehir-belediyesi-2025-performans-programi.pdf"));
    let back = crate::util::extract(&pdf)
        .unwrap()
        .document
        .into_targets()
        .unwrap();
    let differences = perfprog::audit::compare_models(&p, &back);
    let messages: Vec<&String> = differences.iter().map(|f| &f.message).collect();
    assert!(messages.is_empty(), "{messages:#?}");
}

/// Writes the golden workbook with one change and imports it; returns the
/// exit code and stderr, and checks nothing was written.
fn import_damaged(name: &str, damage: impl FnOnce(&mut Grid)) -> String {
    let dir = workdir(&format!("workbook-damaged-{name}"));
    let mut grid = xlsx::read(&perfprog::workbook::export(&golden()).unwrap()).unwrap();
    damage(&mut grid);
    write_grid(&grid, &dir.join("bad.xlsx"));
    std::fs::write(dir.join("model.json"), "previous").unwrap();
    let out = perfprog(&dir, &["import", "bad.xlsx", "-o", "model.json"]);
    assert_eq!(out.status.code(), Some(2), "{name}");
    assert_eq!(
        std::fs::read_to_string(dir.join("model.json")).unwrap(),
        "previous",
        "{name}: the output was touched"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        2,
        "{name}: stray files"
    );
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

#[test]
fn import_rejects_a_damaged_workbook_naming_the_cell() {
    let err = import_damaged("text-amount", |g| {
        sheet(g, "Maliyetler").set(10, 5, Cell::Text("12,5 TL".into()));
    });
    assert_eq!(
        err,
        "perfprog: error: bad.xlsx: Maliyetler!F12: expected an amount, found \"12,5 TL\""
    );

    let err = import_damaged("wrong-sheet", |g| {
        sheet(g, "Maliyetler").name = "Maliyet".into();
    });
    assert!(err.contains("bad.xlsx: no sheet \"Maliyetler\""), "{err}");

    let err = import_damaged("missing-column", |g| {
        let s = sheet(g, "Faaliyetler");
        let c = s.column("Toplam").unwrap();
        s.header.remove(c);
        for r in &mut s.rows {
            if r.len() > c {
                r.remove(c);
            }
        }
    });
    assert!(
        err.ends_with("Faaliyetler!1:1: missing column \"Toplam\" in the header row"),
        "{err}"
    );

    let err = import_damaged("unknown-target", |g| {
        sheet(g, "Göstergeler").set(3, 0, Cell::Text("9.9.9".into()));
    });
    assert!(
        err.ends_with("Göstergeler!A5: unknown target code \"9.9.9\" (not on the sheet \"Amaçlar ve Hedefler\")"),
        "{err}"
    );

    let err = import_damaged("bad-level", |g| {
        sheet(g, "Amaçlar ve Hedefler").set(0, 0, Cell::Text("Amaç".into()));
    });
    assert!(
        err.contains("Amaçlar ve Hedefler!A2: expected one of \"Stratejik Amaç\""),
        "{err}"
    );

    let err = import_damaged("bad-page", |g| {
        sheet(g, "Maliyetler").set(0, 3, Cell::Number(d("12.5")));
    });
    assert!(
        err.ends_with("Maliyetler!D2: expected a page number, found 12.5"),
        "{err}"
    );

    // Not a workbook at all.
    let dir = workdir("workbook-not-xlsx");
    std::fs::copy(fixture_pdf(), dir.join("p.xlsx")).unwrap();
    let out = perfprog(&dir, &["import", "p.xlsx", "-o", "m.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an xlsx workbook"));
    assert!(!dir.join("m.json").exists());
}

#[test]
fn typed_entries_are_read_the_way_a_user_means_them() {
    let mut grid = xlsx::read(&perfprog::workbook::export(&golden()).unwrap()).unwrap();
    let costs = sheet(&mut grid, "Maliyetler");
    // Turkish number text, a dash for "nothing", and a number typed with
    // more decimals than the column shows (kept, not rounded).
    costs.set(0, 4, Cell::Text("1.234.567,50".into()));
    costs.set(0, 5, Cell::Text("-".into()));
    costs.set(0, 6, Cell::Number(d("12.345")));
    // Several units typed with ';' instead of line breaks.
    costs.set(
        0,
        2,
        Cell::Text("A Dairesi Başkanlığı; B Dairesi Başkanlığı".into()),
    );
    let p = perfprog::workbook::import(&xlsx::write(&grid, "t").unwrap()).unwrap();
    let c = &p.activity_costs[0];
    assert_eq!(c.economic.c1, Some(d("1234567.50")));
    assert_eq!(c.economic.c2, None);
    assert_eq!(c.economic.c3, Some(d("12.345")));
    assert_eq!(c.units, ["A Dairesi Başkanlığı", "B Dairesi Başkanlığı"]);
}

#[test]
fn rollover_refuses_a_year_that_is_not_later() {
    let dir = workdir("workbook-rollover-year");
    std::fs::write(dir.join("p.json"), golden().to_json()).unwrap();
    let out = perfprog(
        &dir,
        &["rollover", "p.json", "--to", "2024", "-o", "r.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the new year must come after 2024"));
    assert!(!dir.join("r.json").exists());
}

/// Version 2's fields go through the workbook and back unchanged: column
/// labels and kinds (a null kind too), indicator codes, units left null,
/// Açıklama rows, activity codes, a null theme, one off-budget line, and
/// summaries the document does not print.
#[test]
fn workbook_carries_version_2_fields_losslessly() {
    use perfprog::model::{ColumnKind, IndicatorColumn};
    let mut p = golden();
    p.indicator_columns = vec![
        IndicatorColumn::new(2022, Some(ColumnKind::Actual)),
        IndicatorColumn::new(2023, Some(ColumnKind::Estimate)),
        IndicatorColumn {
            year: 2024,
            kind: None,
            label: "Uygulama Yılı 2024".into(),
        },
    ];
    p.goals[0].theme = None;
    let t = &mut p.goals[0].objectives[0].targets[0];
    t.indicators[0].code = Some("PG1.1.1.1".into());
    t.indicators[0].unit = None;
    t.indicators[0].description = Some("Yıl içinde tamamlanan yapılar.".into());
    t.activities[0].code = Some("F01".into());
    p.activity_costs[0].off_budget = None;
    p.resource_summary = None;
    p.economic_summary = None;
    let back = perfprog::workbook::import(&perfprog::workbook::export(&p).unwrap()).unwrap();
    assert!(back == p, "the workbook lost a version-2 field");
}

/// A workbook exported before version 2 (no code, Açıklama or one-line
/// columns, no summary rows on the program sheet, format tag 1) still
/// loads, as version 2.
#[test]
fn version_1_workbook_still_loads() {
    let p = golden();
    let mut grid = xlsx::read(&perfprog::workbook::export(&p).unwrap()).unwrap();
    let drop_columns = |s: &mut Sheet, titles: &[&str]| {
        for t in titles {
            let c = s.column(t).unwrap();
            s.header.remove(c);
            for r in &mut s.rows {
                if c < r.len() {
                    r.remove(c);
                }
            }
        }
    };
    drop_columns(
        sheet(&mut grid, "Göstergeler"),
        &["Gösterge Kodu", "Açıklama"],
    );
    drop_columns(sheet(&mut grid, "Faaliyetler"), &["Faaliyet Kodu"]);
    drop_columns(
        sheet(&mut grid, "Maliyetler"),
        &["Bütçe Dışı Tek Satır (*)"],
    );
    let program = grid.sheets.first_mut().unwrap();
    program
        .rows
        .retain(|r| !matches!(&r[0], Cell::Text(t) if t.contains("Toplam Kaynak İhtiyacı")));
    for r in &mut program.rows {
        if r[0] == Cell::Text("Biçim".into()) {
            r[1] = Cell::Text("perfprog.programme/1".into());
        }
    }
    let back = perfprog::workbook::import(&xlsx::write(&grid, "v1").unwrap()).unwrap();
    assert!(back == p, "a version-1 workbook reads differently");
}

/// The other administrations' programmes go through the workbook and back
/// unchanged, and their rollover to the next year renders and audits.
#[test]
fn other_administrations_export_import_and_rollover() {
    for (name, year) in [
        ("kuzeykent-2021-performans-programi", 2021),
        ("guneyova-2009-performans-programi", 2009),
    ] {
        let dir = workdir(&format!("workbook-{name}"));
        let json = crate::util::root().join(format!("tests/data/{name}.json"));
        let json = json.to_str().unwrap();
        ok(&perfprog(&dir, &["export", json, "--xlsx", "p.xlsx"]));
        ok(&perfprog(&dir, &["import", "p.xlsx", "-o", "back.json"]));
        assert!(
            std::fs::read_to_string(dir.join("back.json")).unwrap()
                == std::fs::read_to_string(json).unwrap(),
            "{name}: the workbook is not lossless"
        );
        let next = (year + 1).to_string();
        ok(&perfprog(
            &dir,
            &["rollover", json, "--to", &next, "-o", "next.json"],
        ));
        ok(&perfprog(&dir, &["render", "next.json", "-o", "r", "-q"]));
        let out = perfprog(&dir, &["audit", "next.json", "-o", "a"]);
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
