//! Integration tests: the program-budget layout's reports (programme report,
//! unit extracts, `build`), on the real Kuzeykent 2026 model and small
//! mutations of it. Content is checked through text extracted from the
//! PDFs with pdf-extract. `PERFPROG_BLESS=1` rewrites
//! `templates/samples/budget-department.json` from the sample programme.

use std::sync::LazyLock;

use perfprog::model::budget::BudgetProgramme;
use perfprog::model::Document;
use perfprog::render::{budget, Engine, PdfOptions};

use crate::render::pdf_text;
use crate::util::{assert_sample_current, ok, perfprog, root, workdir};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(None).expect("engine"));

const FIXTURE: &str = "tests/data/kuzeykent-2026-performans-programi.json";

fn load(path: &str) -> BudgetProgramme {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    Document::from_json(&text)
        .expect("model parses")
        .into_budget()
        .expect("a program-budget model")
}

/// The fixture's model, rendered once for the tests that read its report.
static FIXTURE_MODEL: LazyLock<BudgetProgramme> = LazyLock::new(|| load(FIXTURE));
static REPORT: LazyLock<Vec<u8>> = LazyLock::new(|| {
    budget::programme_report(&ENGINE, &FIXTURE_MODEL, &opts()).expect("report renders")
});

fn opts() -> PdfOptions {
    PdfOptions::new("test", false)
}

fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn budget_report_prints_every_program_alt_program_and_activity() {
    let b = &*FIXTURE_MODEL;
    assert_eq!(b.programs.len(), 7);
    assert_eq!(b.sub_programs().count(), 19);
    assert_eq!(b.activities().count(), 67);
    let text = pdf_text(&REPORT);
    for p in &b.programs {
        let heading = format!("Program: {} - {}", p.code.as_deref().unwrap(), p.name);
        assert!(text.contains(&heading), "{heading} missing");
        for s in &p.sub_programs {
            let heading = format!("Alt Program: {} - {}", s.code.as_deref().unwrap(), s.name);
            assert!(text.contains(&heading), "{heading} missing");
        }
    }
    for (_, _, a) in b.activities() {
        let code = a.code.as_deref().unwrap();
        // In the cost table, the economic table and the descriptions.
        assert!(
            text.matches(code).count() >= 3,
            "{code}: {} times",
            text.matches(code).count()
        );
    }
    for title in [
        "Alt Program Hedefleri",
        "Performans Göstergeleri",
        "Alt Program Kapsamında Yürütülecek Faaliyet Maliyetleri",
        "Faaliyetlerin Ekonomik Sınıflandırması",
        "Faaliyetlere İlişkin Açıklamalar",
        "Programlara Göre Kaynak Dağılımı",
        "Ekonomik Sınıflandırmaya Göre Bütçe",
        "Göstergeye İlişkin Açıklama: Gösterge, yıl içinde tamamlanan iş ve hizmetlerin sayısını gösterir.",
        "Hesaplama Yöntemi: Sayım",
        "Verinin Kaynağı: Fen İşleri Müdürlüğü kayıtları",
        "2025 Haziran Sonu Harcama",
        "2025 Yıl Sonu Gerçekleşme Tahmini",
        "Sunuş",
        "5393 s.K. m.38/g; 5018 s.K. m.9",
    ] {
        assert!(text.contains(title), "{title:?} missing");
    }
}

#[test]
fn budget_report_prints_exact_figures_turkish_style() {
    let text = pdf_text(&REPORT);
    for figure in [
        // 01.01.001's 2025 budget, 01.01's stated total, the grand totals.
        "5.468.000,00",
        "11.402.000,00",
        "151.143.000,00",
        "227.183.000,00",
        // Indicator values as printed: decimals and thousands.
        "97,92",
        "99,88",
        "23.599",
        "Metrekare",
    ] {
        assert!(text.contains(figure), "{figure} missing");
    }
    // Stacked text values, each as printed.
    assert!(text.contains("B- (Negatif)") && text.contains("AAA (Durağan)"));
    // An activity's row: code, name, unit, then its total figures.
    assert!(text.contains("Fen İşleri Müdürlüğü 5.468.000,00 2.242.000,00 5.085.000,00"));
    // An economic line: code, name, figures.
    assert!(text.contains("06 Sermaye Giderleri 5.468.000,00"));
    // Nothing printed as a float or in the model's own notation.
    assert!(!text.contains("5468000.00"));
}

#[test]
fn budget_report_page_count_is_sane() {
    let pages = page_count(&REPORT);
    // Cover, contents, 3 front-matter pages, at least a page per alt
    // program, two summaries; the source prints 44.
    assert!((25..=80).contains(&pages), "{pages} pages");
}

#[test]
fn budget_report_follows_nulls_and_special_characters() {
    let mut b = FIXTURE_MODEL.clone();
    for p in &mut b.programs {
        p.code = None;
    }
    let s = &mut b.programs[0].sub_programs[0];
    s.goals[0].code = None;
    for i in &mut s.indicators {
        i.unit = None;
    }
    let a = &mut s.activities[0];
    a.code = None;
    a.name = "Ad #1 $tutar *vurgu* <Kuzey> [x]".into();
    a.amounts.budget = None;
    a.amounts.off_budget = None;
    a.economic.clear();
    a.description = None;
    s.activities[1].amounts.total[0] = None;
    b.program_summary = None;
    b.economic_summary = None;
    // Every indicator's unit null: no unit column anywhere.
    for (pi, p) in b.programs.clone().iter().enumerate() {
        for (si, _) in p.sub_programs.iter().enumerate() {
            for i in &mut b.programs[pi].sub_programs[si].indicators {
                i.unit = None;
            }
        }
    }
    let text = pdf_text(&budget::programme_report(&ENGINE, &b, &opts()).unwrap());
    assert!(text.contains("Program: Kentsel Altyapı"));
    assert!(!text.contains("Program: 01 - Kentsel"));
    assert!(!text.contains("01.01.001 - Ad"));
    assert!(text.contains("Ad #1 $tutar *vurgu* <Kuzey> [x]"));
    assert!(!text.contains("Ölçü Birimi"));
    assert!(!text.contains("Programlara Göre Kaynak Dağılımı"));
    assert!(!text.contains("Ekonomik Sınıflandırmaya Göre Bütçe"));
    // 01.01.002's first figure is gone, the others stay in place.
    assert!(text.contains("Fen İşleri Müdürlüğü 323.000,00 687.000,00"));
}

#[test]
fn budget_reports_render_odd_models() {
    // Arrays shorter and longer than the columns, no cost columns at all,
    // an empty document: rendered, never a failure.
    let mut b = FIXTURE_MODEL.clone();
    let a = &mut b.programs[0].sub_programs[0].activities[0];
    a.amounts.total.truncate(2);
    a.economic[0].amounts.push(None);
    b.programs[0].sub_programs[0].indicators[0].values.clear();
    budget::programme_report(&ENGINE, &b, &opts()).unwrap();
    b.cost_columns.clear();
    b.indicator_columns.clear();
    let depts = budget::departments(&b);
    budget::department_pdf(&ENGINE, &b, &depts[0], &opts()).unwrap();
    budget::programme_report(&ENGINE, &b, &opts()).unwrap();
    b.programs.clear();
    b.front_matter.clear();
    let pdf = budget::programme_report(&ENGINE, &b, &opts()).unwrap();
    assert!(pdf_text(&pdf).contains("2026 Yılı Performans Programı"));
    assert!(budget::departments(&b).is_empty());
}

#[test]
fn budget_departments_one_per_unit() {
    let b = &*FIXTURE_MODEL;
    let depts = budget::departments(b);
    assert_eq!(depts.len(), 24);
    let yapi = depts
        .iter()
        .find(|d| d.name == "Yapı İşleri Müdürlüğü")
        .unwrap();
    assert_eq!(yapi.activities.len(), 11);
    assert!(yapi.activities.iter().any(|a| a.shared()));
    assert!(yapi.matches("yapı işleri müdürlüğü"));
    assert_eq!(
        budget::suggest(&depts, "Yapi Isleri Mudurlugu", 1)[0].name,
        yapi.name
    );
    let chosen: Vec<_> = depts.iter().collect();
    let pdfs = budget::department_pdfs(&ENGINE, b, &chosen, &opts(), 2);
    for (d, pdf) in depts.iter().zip(pdfs) {
        let pdf = pdf.unwrap_or_else(|e| panic!("{}: {e}", d.name));
        let text = pdf_text(&pdf);
        assert!(text.contains(&d.name), "{} not named", d.name);
        for a in d.activities.iter().filter_map(|x| x.get(b)) {
            assert!(text.contains(a.code.as_deref().unwrap()), "{}", d.name);
        }
    }
}

#[test]
fn budget_department_extract_has_totals_shared_note_and_chart() {
    let b = &*FIXTURE_MODEL;
    let depts = budget::departments(b);
    let bilgi = depts
        .iter()
        .find(|d| d.name == "Bilgi İşlem Müdürlüğü")
        .unwrap();
    let data = budget::department_data(b, bilgi);
    // The unit's 2026 budget: the sum of its four activities' totals.
    let sum: rust_decimal::Decimal = bilgi
        .activities
        .iter()
        .filter_map(|x| x.get(b)?.amounts.total[3])
        .sum();
    assert_eq!(data["budget_total"], serde_json::json!(sum.to_string()));
    let pdf = budget::department_pdf(&ENGINE, b, bilgi, &opts()).unwrap();
    let text = pdf_text(&pdf);
    for s in [
        "Harcama Birimi Özeti",
        "Kuzeykent Belediyesi",
        "Programlara Göre",
        "Ekonomik Sınıflandırmaya Göre",
        "Yıllara Göre Kaynak",
        "Ortak faaliyet; diğer sorumlu birimler: Mezarlıklar Müdürlüğü.",
        "Program: 07 - Yönetim ve Destek Programı",
        "2028 Tahmin",
    ] {
        assert!(text.contains(s), "{s:?} missing");
    }
    let figure = perfprog::normalize::format_amount(Some(&sum));
    assert!(text.contains(&figure), "total {figure} missing");
}

#[test]
fn budget_department_index_lists_every_unit_with_its_budget() {
    let b = &*FIXTURE_MODEL;
    let depts = budget::departments(b);
    let chosen: Vec<_> = depts.iter().collect();
    let csv = budget::department_index_csv(b, &chosen);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "unit,file,activities,sole_activities,shared_activities,total,printed_names"
    );
    assert_eq!(lines.len(), 25);
    assert!(csv.contains("Harita Müdürlüğü,harita-mudurlugu.pdf,1,1,0,587000.00,Harita Müdürlüğü"));
}

#[test]
fn sample_budget_department_json_is_current() {
    let b = load("templates/samples/budget-programme.json");
    let depts = budget::departments(&b);
    let yapi = depts
        .iter()
        .find(|d| d.slug == "yapi-isleri-mudurlugu")
        .expect("the sample's unit");
    assert_sample_current("budget-department.json", &budget::department_data(&b, yapi));
}

#[test]
fn budget_build_writes_report_extracts_index_and_audit() {
    let dir = workdir("budget_build");
    let input = root().join(FIXTURE);
    let input = input.to_str().unwrap();
    ok(&perfprog(&dir, &["build", input, "-o", "out", "--quiet"]));
    let out_dir = dir.join("out");
    let model = std::fs::read_to_string(out_dir.join("programme.json")).unwrap();
    assert_eq!(
        Document::from_json(&model).unwrap(),
        Document::Budget(FIXTURE_MODEL.clone())
    );
    let report =
        std::fs::read(out_dir.join("kuzeykent-belediyesi-2026-performans-programi.pdf")).unwrap();
    assert!(report.starts_with(b"%PDF-"));
    let depts = out_dir.join("departments");
    let pdfs = std::fs::read_dir(&depts)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert_eq!(pdfs, 24);
    let index = std::fs::read_to_string(depts.join("index.csv")).unwrap();
    assert_eq!(index.lines().count(), 25);
    assert!(std::fs::read(out_dir.join("audit/audit.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(out_dir.join("audit/audit.json").is_file());
    assert!(out_dir.join("audit/audit.csv").is_file());
}

#[test]
fn budget_render_and_departments_commands() {
    let dir = workdir("budget_commands");
    let input = root().join(FIXTURE);
    let input = input.to_str().unwrap();
    ok(&perfprog(&dir, &["render", input, "-o", "r", "--quiet"]));
    assert!(dir
        .join("r/kuzeykent-belediyesi-2026-performans-programi.pdf")
        .is_file());
    let one = |name| ["departments", input, "-o", "d", "--department", name];
    ok(&perfprog(&dir, &one("harita müdürlüğü")));
    assert!(dir.join("d/harita-mudurlugu.pdf").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.join("d/index.csv"))
            .unwrap()
            .lines()
            .count(),
        2
    );
    let out = perfprog(&dir, &one("Harita Mudurlugu X"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("closest: \"Harita Müdürlüğü\""), "{err}");
}

/// The report reads back into the same model, field by field (the round
/// trip `audit --roundtrip` runs), without a warning.
#[test]
fn budget_report_reads_back_into_the_same_model() {
    let dir = workdir("budget_report_reads_back");
    let path = dir.join(budget::report_file_name(&FIXTURE_MODEL));
    let titled = opts().titled(budget::report_title(&FIXTURE_MODEL));
    let pdf = budget::programme_report(&ENGINE, &FIXTURE_MODEL, &titled).unwrap();
    std::fs::write(&path, pdf).unwrap();
    let back = crate::util::extract(&path).unwrap();
    assert!(back.warnings.is_empty(), "{:#?}", back.warnings);
    let back = back
        .document
        .into_budget()
        .expect("read back as program budget");
    let mut want = FIXTURE_MODEL.clone();
    // Provenance and pages are the report's own.
    want.source = back.source.clone();
    let strip = |b: &mut BudgetProgramme| {
        for p in &mut b.programs {
            p.page = None;
            for s in &mut p.sub_programs {
                s.page = None;
                for a in &mut s.activities {
                    a.page = None;
                }
            }
        }
        for s in &mut b.front_matter {
            s.page = None;
        }
    };
    let mut got = back;
    strip(&mut want);
    strip(&mut got);
    crate::budget_read::assert_same_budget(&want, &got, "the report read back");
    let findings = perfprog::roundtrip(
        &ENGINE,
        &Document::Budget(FIXTURE_MODEL.clone()),
        &opts(),
        &perfprog::Threads::available(),
    )
    .unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}

/// Next year's model (`rollover --to 2027`, with and without the amounts
/// carried) renders, audits without an error and reads back from its
/// report; the PDF's own `build` writes everything with no finding.
#[test]
fn budget_rollover_renders_audits_and_reads_back() {
    for carry in [false, true] {
        let next = perfprog::rollover::budget::rollover(&FIXTURE_MODEL, 2027, carry)
            .unwrap()
            .programme;
        assert_eq!(next.fiscal_year, 2027);
        let doc = Document::Budget(next.clone());
        let findings = perfprog::audit::budget::audit(&next);
        assert!(!perfprog::audit::has_errors(&findings), "{findings:#?}");
        let trip =
            perfprog::roundtrip(&ENGINE, &doc, &opts(), &perfprog::Threads::available()).unwrap();
        assert!(trip.is_empty(), "carry {carry}: {trip:#?}");
    }
    let dir = workdir("budget_build_pdf");
    let input = root().join("tests/data/kuzeykent-2026-performans-programi.pdf");
    let out = perfprog(
        &dir,
        &["build", input.to_str().unwrap(), "-o", "out", "--strict"],
    );
    ok(&out);
    let audit = std::fs::read_to_string(dir.join("out/audit/audit.json")).unwrap();
    assert_eq!(audit.trim(), "[]");
}
