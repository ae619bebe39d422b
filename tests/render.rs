//! Integration tests: render (programme report, department extracts, templates).
//!
//! Content is checked through text extracted from the PDFs (never PDF bytes
//! against a golden file). `PERFPROG_BLESS=1` rewrites
//! `templates/samples/department.json` from the sample programme.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use perfprog::model::Programme;
use perfprog::render::{self, Engine, PdfOptions};

use crate::util::{assert_sample_current, perfprog, root, workdir};

/// One engine for the whole test binary, as in the CLI.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(None).expect("engine"));

fn sample_path() -> PathBuf {
    root().join("templates/samples/programme.json")
}

fn sample() -> Programme {
    let text = std::fs::read_to_string(sample_path()).unwrap();
    Programme::from_json(&text).expect("sample model parses")
}

/// The real model of the fixture, once ingest has produced it.
fn golden() -> Option<Programme> {
    let text = std::fs::read_to_string(root().join("tests/golden/programme.json")).ok()?;
    Programme::from_json(&text).ok()
}

fn opts() -> PdfOptions {
    PdfOptions::new("test", false)
}

/// Text of a PDF, whitespace collapsed, for `contains` checks.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("PDF text extracts");
    collapse(&text)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_template_compiles_with_its_sample() {
    for (name, _) in render::TEMPLATES {
        let Some(stem) = name.strip_suffix(".typ") else {
            continue;
        };
        let sample = root().join(format!("templates/samples/{stem}.json"));
        let Ok(text) = std::fs::read_to_string(&sample) else {
            // A library file such as common.typ has no data of its own.
            continue;
        };
        let data: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pdf = ENGINE
            .compile(name, &data, &opts())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
    }
}

#[test]
fn sample_department_json_is_current() {
    let p = sample();
    let depts = render::departments(&p);
    let park = depts
        .iter()
        .find(|d| d.slug == "park-ve-bahceler-dairesi-baskanligi")
        .expect("park department");
    assert_sample_current("department.json", &render::department_data(&p, park));
}

#[test]
fn title_with_typst_special_characters_renders_literally() {
    let p = sample();
    let title = &p.goals[0].objectives[0].targets[0].title;
    assert!(title.contains("#1") && title.contains('$') && title.contains("<Kuzey>"));
    let pdf = render::programme_report(&ENGINE, &p, &opts()).unwrap();
    let text = pdf_text(&pdf);
    assert!(
        text.contains(title.as_str()),
        "title not literal in:\n{text}"
    );
    let para = "#etiket, $tutar, *vurgu*, _alt çizgi_, @atıf ve <etiket>";
    assert!(text.contains(para), "front matter not literal");
}

#[test]
fn report_reproduces_stated_figures_and_marks_recomputed_totals() {
    let p = sample();
    let text = pdf_text(&render::programme_report(&ENGINE, &p, &opts()).unwrap());
    // Stated figures as printed (Turkish format), empty cells stay empty.
    for figure in [
        "478.000.000,00",
        "20.000.000,00",
        "22.000.000,00",
        "1.050.381",
        "7,17",
    ] {
        assert!(text.contains(figure), "{figure} missing");
    }
    assert!(text.contains("B-(Durağan)"));
    // 1.1.2: stated budget 20.000.000,00, lines add up to 19.500.000,00;
    // the off-budget total is empty in the source, the lines give 2.500.000,00.
    assert!(text.contains(
        "Denetçi notu: Genel Toplam, Bütçe İçi: belirtilen 20.000.000,00, kalemlerden hesaplanan 19.500.000,00"
    ));
    assert!(text.contains(
        "Denetçi notu: Genel Toplam, Bütçe Dışı: kaynakta boş; kalemlerden hesaplanan 2.500.000,00"
    ));
    // A cost table whose codes add up to 3.900.000,00 against a stated 4.000.000,00.
    assert!(text.contains(
        "Denetçi notu: Toplam Bütçe Kaynak İhtiyacı: belirtilen 4.000.000,00, kalemlerden hesaplanan 3.900.000,00"
    ));
    // Consistent tables get no note: exactly the three above plus the totals
    // that depend on them.
    let notes = text.matches("Denetçi notu:").count();
    assert!((3..=6).contains(&notes), "{notes} reviewer notes:\n{text}");
    // The document's own footnote is printed as is.
    assert!(text.contains("* Göstergenin 2024 hedefi kümülatif olarak hesaplanmıştır."));
}

#[test]
fn report_has_metadata_bookmarks_and_is_deterministic() {
    let p = sample();
    let o = PdfOptions::new(render::report_title(&p), false);
    let a = render::programme_report(&ENGINE, &p, &o).unwrap();
    let b = render::programme_report(&ENGINE, &p, &o).unwrap();
    assert!(a == b, "same input, different bytes");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"tr-TR");
    assert!(catalog.get(b"Outlines").is_ok(), "no bookmarks");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    assert_eq!(
        title,
        "Örnek Büyükşehir Belediyesi 2024 Yılı Performans Programı"
    );
}

#[test]
fn archival_pdf_is_pdf_a_2b() {
    let p = sample();
    let pdf = render::programme_report(&ENGINE, &p, &PdfOptions::new("arşiv", true)).unwrap();
    let needle = b"pdfaid:part";
    assert!(
        pdf.windows(needle.len()).any(|w| w == needle),
        "no PDF/A identification"
    );
}

#[test]
fn departments_merge_spelling_variants() {
    let p = sample();
    let depts = render::departments(&p);
    let slugs: Vec<&str> = depts.iter().map(|d| d.slug.as_str()).collect();
    assert_eq!(
        slugs,
        [
            "etud-ve-projeler-dairesi-baskanligi",
            "fen-isleri-dairesi-baskanligi",
            "kultur-ve-sanat-dairesi-baskanligi",
            "park-ve-bahceler-dairesi-baskanligi",
        ]
    );
    let park = &depts[3];
    assert_eq!(
        park.names,
        [
            "Park ve Bahçeler Dairesi Başkanlığı",
            "Park Bahçeler Dairesi Başkanlığı"
        ]
    );
    assert_eq!(park.activities.len(), 3);
    // "Festival ve Şenlik" is shared with Kültür ve Sanat.
    let (sole, shared, all) = render::totals(&p, park);
    assert_eq!((sole.count, shared.count, all.count), (2, 1, 3));
    assert_eq!(all.total.to_string(), "40500000.00");
    let etud = &depts[0];
    assert_eq!(etud.names.len(), 2);
    // A unit named twice on one activity (two spellings) is still its sole unit.
    assert!(render::unit_key("Etüd Projeler") == render::unit_key("ETÜD VE PROJELER"));
}

#[test]
fn each_department_pdf_lists_exactly_its_activities() {
    let p = golden().unwrap_or_else(sample);
    let depts = render::departments(&p);
    let all: Vec<&render::Department> = depts.iter().collect();
    let pdfs = render::department_pdfs(&ENGINE, &p, &all, &opts(), 2);
    let names: Vec<&str> = p
        .activity_costs
        .iter()
        .map(|a| a.activity.as_str())
        .collect();
    for (d, pdf) in all.iter().zip(pdfs) {
        let text = pdf_text(&pdf.unwrap_or_else(|e| panic!("{}: {e}", d.slug)));
        let own: Vec<&str> = d.activities.iter().map(|a| a.activity.as_str()).collect();
        for a in &own {
            assert!(text.contains(&collapse(a)), "{}: misses {a}", d.slug);
        }
        for a in &names {
            // Another unit's activity must not appear, unless its name is part
            // of one of this unit's activity names.
            if !own.iter().any(|o| o.contains(a)) {
                let printed = format!("Faaliyet Adı {}", collapse(a));
                assert!(!text.contains(&printed), "{}: lists {a}", d.slug);
            }
        }
        assert!(text.contains(&d.name), "{}: no unit name", d.slug);
    }
}

#[test]
fn every_unit_becomes_a_department() {
    let p = golden().unwrap_or_else(sample);
    let depts = render::departments(&p);
    let units = p
        .activity_costs
        .iter()
        .flat_map(|a| a.units.iter())
        .chain(p.responsibilities.iter().flat_map(|r| r.units.iter()));
    for u in units {
        assert!(depts.iter().any(|d| d.names.contains(u)), "{u} missed");
    }
    // Files never collide.
    let mut files: Vec<String> = depts.iter().map(render::department_file_name).collect();
    files.sort();
    files.dedup();
    assert_eq!(files.len(), depts.len());
}

#[test]
fn regenerated_report_reads_back_into_the_same_model() {
    let p = golden().unwrap_or_else(sample);
    let dir = workdir("render-roundtrip");
    let pdf_path = dir.join(render::report_file_name(&p));
    let pdf = render::programme_report(&ENGINE, &p, &opts()).unwrap();
    std::fs::write(&pdf_path, pdf).unwrap();
    let back = crate::util::extract(&pdf_path)
        .unwrap_or_else(|e| panic!("ingest of the regenerated report failed: {e}"))
        .document
        .into_targets()
        .unwrap();
    let codes = |p: &Programme| p.targets().map(|t| t.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&back), codes(&p), "target codes");
    for (t, u) in p.targets().zip(back.targets()) {
        assert_eq!(t.title, u.title, "{}", t.code);
        assert_eq!(t.activities, u.activities, "{} activity lines", t.code);
        assert_eq!(t.stated_total, u.stated_total, "{} Genel Toplam", t.code);
        assert_eq!(
            t.indicators.len(),
            u.indicators.len(),
            "{} indicators",
            t.code
        );
    }
    assert_eq!(back.activity_costs.len(), p.activity_costs.len());
    for (a, b) in p.activity_costs.iter().zip(&back.activity_costs) {
        assert_eq!(a.activity, b.activity);
        assert_eq!(a.units, b.units, "{}", a.activity);
        assert_eq!(a.economic, b.economic, "{}", a.activity);
        assert_eq!(a.total, b.total, "{}", a.activity);
    }
    assert_eq!(back.resource_summary, p.resource_summary);
    assert_eq!(back.economic_summary, p.economic_summary);
    // The responsibilities rows, the pages of their printed titles aside.
    let unpaged_rows = |p: &Programme| {
        let mut rows = p.responsibilities.clone();
        rows.iter_mut()
            .flat_map(|r| r.titles_as_printed.iter_mut())
            .for_each(|t| t.page = None);
        rows
    };
    assert_eq!(unpaged_rows(&back), unpaged_rows(&p));
    // The front matter's sections, block by block (pages aside: the report
    // paginates its own way).
    let unpaged = |p: &Programme| {
        p.front_matter
            .iter()
            .map(|s| (s.title.clone(), s.blocks.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(unpaged(&back), unpaged(&p), "front matter");
}

#[test]
fn templates_dir_overrides_file_by_file() {
    let dir = workdir("render-templates");
    // Only programme.typ is replaced; common.typ comes from the built-in set.
    std::fs::write(
        dir.join("programme.typ"),
        "#import \"common.typ\": *\n#let p = json(\"samples/programme.json\")\nÖzel şablon: #num(\"1234567.5\") #p.institution\n",
    )
    .unwrap();
    let engine = Engine::new(Some(&dir)).unwrap();
    let pdf = render::programme_report(&engine, &sample(), &opts()).unwrap();
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Özel şablon: 1.234.567,5 Örnek Büyükşehir Belediyesi"),
        "{text}"
    );
    // A broken template reports file and line.
    std::fs::write(dir.join("department.typ"), "#let x = (\n").unwrap();
    let p = sample();
    let d = &render::departments(&p)[0];
    let err = render::department_pdf(&engine, &p, d, &opts())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("failed to compile template department.typ: error: department.typ:"),
        "{err}"
    );
    assert!(Engine::new(Some(Path::new("/nonexistent/templates"))).is_err());
}

#[test]
fn cli_render_and_departments() {
    let dir = workdir("render-cli");
    let input = sample_path();
    let input = input.to_str().unwrap();
    let out = perfprog(
        &dir,
        &["render", input, "-o", "out", "--pdf-standard", "a-2b"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir
        .join("out/ornek-buyuksehir-belediyesi-2024-performans-programi.pdf")
        .is_file());

    let out = perfprog(&dir, &["departments", input, "-o", "depts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = std::fs::read_to_string(dir.join("depts/index.csv")).unwrap();
    let lines: Vec<&str> = index.lines().collect();
    assert_eq!(lines.len(), 5, "{index}");
    assert_eq!(
        lines[4],
        "Park ve Bahçeler Dairesi Başkanlığı,park-ve-bahceler-dairesi-baskanligi.pdf,3,2,1,40500000.00,Park ve Bahçeler Dairesi Başkanlığı | Park Bahçeler Dairesi Başkanlığı"
    );
    for line in &lines[1..] {
        let file = line.split(',').nth(1).unwrap();
        assert!(dir.join("depts").join(file).is_file(), "{file}");
    }

    // One unit by a spelling variant.
    let out = perfprog(
        &dir,
        &[
            "departments",
            input,
            "-o",
            "one",
            "--department",
            "Park Bahçeler Dairesi Başkanlığı",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir
        .join("one/park-ve-bahceler-dairesi-baskanligi.pdf")
        .is_file());

    // An unknown unit: exit 2 with the closest names.
    let out = perfprog(
        &dir,
        &[
            "departments",
            input,
            "-o",
            "none",
            "--department",
            "Park Bahçe Müdürlüğü",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Park ve Bahçeler Dairesi Başkanlığı"), "{err}");
}

/// A version-2 programme of another administration's conventions: five
/// indicator columns with their printed labels (one without a kind), no
/// unit column, indicator codes and Açıklama rows, activity codes, no
/// strategic-area heading, one off-budget line, and no summaries nor
/// responsibilities table. The report prints what there is and leaves the
/// rest out; the department extracts render too.
#[test]
fn report_of_another_administrations_conventions() {
    use perfprog::model::{ColumnKind, IndicatorColumn};
    let mut p = sample();
    p.indicator_columns = vec![
        IndicatorColumn::new(2007, Some(ColumnKind::Actual)),
        IndicatorColumn::new(2008, Some(ColumnKind::Estimate)),
        IndicatorColumn::new(2009, Some(ColumnKind::Target)),
        IndicatorColumn::new(2010, Some(ColumnKind::Target)),
        IndicatorColumn {
            year: 2011,
            kind: None,
            label: "Uygulama Yılı 2011".into(),
        },
    ];
    for g in &mut p.goals {
        g.theme = None;
        for t in g.objectives.iter_mut().flat_map(|o| o.targets.iter_mut()) {
            for (k, i) in t.indicators.iter_mut().enumerate() {
                i.code = Some(format!("PG{}.{}", t.code, k + 1));
                i.unit = None;
                i.values.resize(5, None);
                i.description = Some(format!("Gösterge {} hesaplanır.", k + 1));
            }
            for (k, a) in t.activities.iter_mut().enumerate() {
                a.code = Some(format!("F{:02}", k + 1));
            }
        }
    }
    for c in &mut p.activity_costs {
        c.off_budget = None;
    }
    p.resource_summary = None;
    p.economic_summary = None;
    p.responsibilities.clear();
    let pdf = render::programme_report(&ENGINE, &p, &opts()).expect("report renders");
    let text = pdf_text(&pdf);
    for want in [
        "2008 Tahmini",
        "Uygulama Yılı 2011",
        "Açıklama: Gösterge 1 hesaplanır.",
        "F01 ",
        "PG1.1.1.1 ",
        "Bütçe Dışı Kaynak",
    ] {
        assert!(text.contains(want), "{want:?} missing from the report");
    }
    for absent in [
        "Kaynak İhtiyacı Özeti",
        "Ekonomik Sınıflandırma Özeti",
        "Sorumlu Harcama Birimlerine İlişkin Tablo",
        "Döner Sermaye",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} printed for a table not printed"
        );
    }
    let depts = render::departments(&p);
    assert!(!depts.is_empty());
    let dpdf = render::department_pdf(&ENGINE, &p, &depts[0], &opts()).expect("extract renders");
    assert!(pdf_text(&dpdf).contains("Açıklama"));
}

/// `build` on another administration's programme (`tests/data/NAME.pdf`)
/// writes the model, the report, one extract per department and the
/// audit; the report reads back as the same model, field by field (the
/// failure lists the differences as `perfprog diff` prints them).
fn builds_and_reads_back(name: &str) {
    let dir = workdir(&format!("build-{name}"));
    let input = root().join("tests/data").join(format!("{name}.pdf"));
    let out = perfprog(&dir, &["build", input.to_str().unwrap(), "-o", "out", "-q"]);
    assert!(
        out.status.success(),
        "{name}: build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dir.join("out");
    let model = Programme::from_json(&std::fs::read_to_string(out.join("programme.json")).unwrap())
        .unwrap();
    let want = Programme::from_json(
        &std::fs::read_to_string(root().join("tests/data").join(format!("{name}.json"))).unwrap(),
    )
    .unwrap();
    assert!(
        model == want,
        "{name}: build's model is not the extracted one"
    );
    let report = out.join(render::report_file_name(&model));
    assert!(
        report.is_file(),
        "{name}: no report at {}",
        report.display()
    );
    let extracts = crate::util::count_files(&out.join("departments"), "pdf");
    assert_eq!(
        extracts,
        render::departments(&model).len(),
        "{name}: one extract per department"
    );
    assert!(extracts > 0, "{name}: no department extracts");
    for f in ["audit.pdf", "audit.json", "audit.csv"] {
        assert!(out.join("audit").join(f).is_file(), "{name}: no audit/{f}");
    }
    let back = crate::util::extract(&report)
        .unwrap_or_else(|e| panic!("{name}: ingest of the report failed: {e}"))
        .document
        .into_targets()
        .unwrap();
    crate::util::assert_same_model(&model, &back, &format!("{name}: the report read back"));
    // Next year's model, its amounts emptied (tables of names only), reads
    // back from its report too.
    let next = perfprog::rollover::rollover(&model, model.fiscal_year + 1, false)
        .unwrap()
        .programme;
    let next_pdf = out.join("next.pdf");
    // Titled as `render` and `build` title it (the institution is read
    // back from the title).
    let o = opts().titled(render::report_title(&next));
    std::fs::write(
        &next_pdf,
        render::programme_report(&ENGINE, &next, &o).unwrap(),
    )
    .unwrap();
    let back = crate::util::extract(&next_pdf)
        .unwrap()
        .document
        .into_targets()
        .unwrap();
    crate::util::assert_same_model(
        &next,
        &back,
        &format!("{name}: next year's report read back"),
    );
}

/// Kuzeykent's report: bare year columns without a unit column, Açıklama
/// rows, codes, key–value blocks whose values wrap, a one-row activity
/// table at a page's foot.
#[test]
fn kuzeykent_builds_and_its_report_reads_back() {
    builds_and_reads_back("kuzeykent-2021-performans-programi");
}

/// Güneyova's report: five columns under a two-line header whose years
/// stand on the line above the labels, names wrapped around their figures.
#[test]
fn guneyova_builds_and_its_report_reads_back() {
    builds_and_reads_back("guneyova-2009-performans-programi");
}

/// A target table printing its own indicator columns (other labels, another
/// order): the report prints them as the model keeps them, the report reads
/// back into the same model, the audit says so, and the workbook carries
/// them.
#[test]
fn a_target_table_with_its_own_header_reads_back() {
    use perfprog::model::{ColumnKind, IndicatorColumn};
    let mut p = golden().unwrap_or_else(sample);
    let columns = p.indicator_columns.clone();
    let t = p
        .goals
        .iter_mut()
        .flat_map(|g| g.objectives.iter_mut())
        .flat_map(|o| o.targets.iter_mut())
        .nth(1)
        .expect("a second target");
    // The document's columns in reverse order, the middle one relabelled.
    let mut own: Vec<IndicatorColumn> = columns.iter().rev().cloned().collect();
    let mid = own.len() / 2;
    own[mid] = IndicatorColumn {
        year: own[mid].year,
        kind: Some(ColumnKind::Estimate),
        label: format!("{} Tahmini", own[mid].year),
    };
    t.columns_as_printed = own;
    let code = t.code.clone();
    let dir = workdir("own-header");
    let pdf_path = dir.join(render::report_file_name(&p));
    std::fs::write(
        &pdf_path,
        render::programme_report(&ENGINE, &p, &opts()).unwrap(),
    )
    .unwrap();
    let back = crate::util::extract(&pdf_path).unwrap();
    assert!(
        back.warnings.iter().any(|w| w
            .message
            .contains(&format!("target {code}: the table prints its own"))),
        "{:#?}",
        back.warnings
    );
    crate::util::assert_same_model(&p, back.document.targets().unwrap(), "the report read back");
    let findings = perfprog::audit::audit(&p);
    assert!(
        findings
            .iter()
            .any(|f| f.check == "target.header" && f.target.as_deref() == Some(code.as_str())),
        "no target.header finding"
    );
    let wb = perfprog::workbook::export(&p).unwrap();
    let again = perfprog::workbook::import(&wb).unwrap();
    assert!(again == p, "the workbook loses the table's own columns");
}

/// A printing with English separators throughout (`270,000,000.00`), made
/// with the report's own templates, their number format switched: the
/// document's separators are decided from its figures, every figure is
/// read that way, and the model is the one printed; the figures that read
/// either way (`4,454`) are warned about.
#[test]
fn a_printing_with_english_separators_reads_back() {
    let Some(p) = golden() else {
        return;
    };
    let dir = workdir("english-separators");
    let common = std::fs::read_to_string(root().join("templates/common.typ")).unwrap();
    let english = common
        .replacen(
            "c.rev().join()).rev().join(\".\")",
            "c.rev().join()).rev().join(\",\")",
            1,
        )
        .replacen("\",\" + parts.at(1)", "\".\" + parts.at(1)", 1);
    assert_ne!(
        english, common,
        "num() no longer groups as the test expects"
    );
    std::fs::write(dir.join("common.typ"), english).unwrap();
    let engine = Engine::new(Some(&dir)).unwrap();
    let pdf_path = dir.join(render::report_file_name(&p));
    std::fs::write(
        &pdf_path,
        render::programme_report(&engine, &p, &opts()).unwrap(),
    )
    .unwrap();
    let text = pdf_text(&std::fs::read(&pdf_path).unwrap());
    assert!(text.contains("270,000,000.00"), "not an English printing");
    let back = crate::util::extract(&pdf_path).unwrap();
    crate::util::assert_same_model(
        &p,
        back.document.targets().unwrap(),
        "the English printing read back",
    );
    assert!(
        back.warnings
            .iter()
            .any(|w| w.message.contains("read either way") && w.message.contains("English")),
        "{:#?}",
        back.warnings
    );
}
