//! Integration tests: ingest. The fixture PDF against a golden model, the
//! second printing and the text export against the PDF, and every kind of
//! bad input.

use std::path::Path;

use perfprog::model::{Programme, Target, Value};

use crate::util::{fixture_pdf, fixture_pdf_a4, fixture_txt, perfprog, root, workdir};

/// The fixture's model, extracted once per test binary.
pub(crate) fn fixture_model() -> &'static Programme {
    static MODEL: std::sync::OnceLock<Programme> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let out = crate::util::extract(&fixture_pdf()).expect("fixture extracts");
        assert!(
            out.warnings.is_empty(),
            "the fixture extracts without warnings, got: {:#?}",
            out.warnings
        );
        out.document.into_targets().unwrap()
    })
}

/// The model with provenance removed (`page`, `source`), for comparing inputs.
pub(crate) fn without_provenance(p: &Programme) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("page");
                m.remove("source");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(p).unwrap();
    strip(&mut v);
    v
}

#[test]
fn fixture_matches_golden_model() {
    let json = fixture_model().to_json();
    let golden = root().join("tests/golden/programme.json");
    if std::env::var_os("PERFPROG_BLESS").is_some() {
        std::fs::write(&golden, &json).unwrap();
    }
    let want = std::fs::read_to_string(&golden)
        .expect("tests/golden/programme.json (PERFPROG_BLESS=1 cargo test --release to create)");
    assert!(
        json == want,
        "the model differs from tests/golden/programme.json; inspect with `perfprog extract`, \
         and re-bless with PERFPROG_BLESS=1 if the change is intended"
    );
}

#[test]
fn fixture_has_every_table() {
    let p = fixture_model();
    assert_eq!(p.institution, "İzmir Büyükşehir Belediyesi");
    assert_eq!(p.fiscal_year, 2024);
    assert_eq!(
        p.indicator_columns
            .iter()
            .map(|c| c.year)
            .collect::<Vec<_>>(),
        [2022, 2023, 2024]
    );
    assert_eq!(p.goals.len(), 7);
    assert_eq!(
        p.goals.iter().map(|g| g.objectives.len()).sum::<usize>(),
        26
    );
    assert_eq!(p.targets().count(), 34);
    assert_eq!(p.targets().map(|t| t.indicators.len()).sum::<usize>(), 427);
    assert_eq!(p.targets().map(|t| t.activities.len()).sum::<usize>(), 295);
    assert_eq!(p.activity_costs.len(), 295);
    assert_eq!(p.resource_summary.as_ref().unwrap().rows.len(), 67);
    assert!(p
        .resource_summary
        .as_ref()
        .unwrap()
        .total_budget
        .amount
        .is_some());
    assert_eq!(p.economic_summary.as_ref().unwrap().rows.len(), 9);
    assert_eq!(p.economic_summary.as_ref().unwrap().off_budget.len(), 3);
    assert_eq!(p.responsibilities.len(), 295);
    assert!(p.front_matter.len() >= 10);
    let themes: Vec<&str> = p
        .goals
        .iter()
        .map(|g| g.theme.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        themes,
        [
            "Altyapı",
            "Yaşam Kalitesi",
            "Ekonomi",
            "Demokrasi",
            "Doğa",
            "Yaşayarak Öğrenme ve Kurumsal Kapasite",
            "Kültür Sanat"
        ]
    );
}

#[test]
fn amounts_are_exact_and_blank_cells_null() {
    let p = fixture_model();
    let t = p.targets().next().unwrap();
    assert_eq!(t.code, "1.1.1");
    assert_eq!(t.page, Some(46));
    assert_eq!(t.stated_total.budget.unwrap().to_string(), "5815779000.00");
    assert_eq!(t.stated_total.off_budget.unwrap().to_string(), "0.00");
    // "Ulaşım Altyapısı … Malzeme Miktarı | Ton | | | 129.000": two blank cells.
    let ind = &t.indicators[10];
    assert_eq!(ind.unit.as_deref(), Some("Ton"));
    assert_eq!(ind.values[0], None);
    assert_eq!(ind.values[1], None);
    assert_eq!(serde_json::to_string(&ind.values[2]).unwrap(), "\"129000\"");
    // "Altyapı Bilgi Sistemi Faaliyetleri | 0,00 | | 0,00": printed zero vs blank.
    let a = &t.activities[3];
    assert_eq!(a.budget.unwrap().to_string(), "0.00");
    assert_eq!(a.off_budget, None);
    // Wrapped name, line-end hyphen rejoined in the resource summary.
    let row = p
        .resource_summary
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .find(|r| r.code == "1.2")
        .unwrap();
    assert!(
        row.title.ends_with("Yeniden Yapılandırılacak"),
        "{}",
        row.title
    );
    // Dotted capital repaired.
    assert!(
        p.goals[4].title.starts_with("İzmir’i "),
        "{}",
        p.goals[4].title
    );
}

#[test]
fn stacked_and_wrapped_indicator_values() {
    let p = fixture_model();
    let t = p.targets().find(|t| t.code == "4.4.1").unwrap();
    let v = serde_json::to_value(&t.indicators[0].values).unwrap();
    assert_eq!(v[0], "4 dakika 41 saniye");
    let t = p.targets().find(|t| t.code == "6.2.2").unwrap();
    let fitch = t
        .indicators
        .iter()
        .find(|i| i.name.contains("Fitch"))
        .unwrap();
    let v = serde_json::to_value(&fitch.values).unwrap();
    assert_eq!(v[0], "B- (Negatif) / B-(Negatif) / AAA (Durağan)");
    assert_eq!(v[2], "BB (Negatif) / BB (Negatif) / AAA (Durağan)");
}

#[test]
fn second_printing_gives_the_same_model() {
    let a4 = crate::util::extract(&fixture_pdf_a4()).expect("a4 extracts");
    assert!(a4.warnings.is_empty(), "{:#?}", a4.warnings);
    assert_eq!(a4.document.targets().unwrap().source.pages, Some(179));
    assert!(
        without_provenance(a4.document.targets().unwrap()) == without_provenance(fixture_model()),
        "the A4 printing gives another model"
    );
}

#[test]
fn text_export_gives_the_same_model() {
    let txt = crate::util::extract(&fixture_txt()).expect("txt extracts");
    assert!(txt.warnings.is_empty(), "{:#?}", txt.warnings);
    assert_eq!(txt.document.targets().unwrap().source.pages, None);
    assert!(txt
        .document
        .targets()
        .unwrap()
        .targets()
        .all(|t| t.page.is_none()));
    assert!(
        without_provenance(txt.document.targets().unwrap()) == without_provenance(fixture_model()),
        "the text export gives another model"
    );
}

#[test]
fn extract_is_deterministic_and_writes_the_file() {
    let dir = workdir("extract_is_deterministic");
    let pdf = fixture_pdf();
    let pdf = pdf.to_str().unwrap();
    for name in ["a.json", "b.json"] {
        let out = perfprog(&dir, &["extract", pdf, "-o", name]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        std::fs::read(dir.join("a.json")).unwrap(),
        std::fs::read(dir.join("b.json")).unwrap()
    );
}

/// Runs `extract` on a bad input: exit 2, one line naming the file, no output.
fn rejects(name: &str, bytes: &[u8], says: &str) {
    let dir = workdir(&format!("bad_{name}"));
    std::fs::write(dir.join(name), bytes).unwrap();
    let out = perfprog(&dir, &["extract", name, "-o", "model.json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains(name), "names the file: {err}");
    assert!(err.contains(says), "{name}: expected {says:?} in {err:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !Path::new(&dir.join("model.json")).exists(),
        "no output file"
    );
}

#[test]
fn rejects_empty_file() {
    rejects("empty.pdf", b"", "empty");
}

#[test]
fn rejects_non_pdf() {
    rejects(
        "photo.pdf",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe],
        "not a PDF",
    );
}

#[test]
fn rejects_truncated_pdf() {
    let bytes = std::fs::read(fixture_pdf()).unwrap();
    rejects(
        "truncated.pdf",
        &bytes[..bytes.len() / 10],
        "damaged or truncated",
    );
}

#[test]
fn rejects_corrupt_pdf() {
    rejects(
        "corrupt.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage",
        "damaged or truncated",
    );
}

#[test]
fn rejects_encrypted_pdf() {
    let bytes = std::fs::read(root().join("tests/data/encrypted.pdf")).unwrap();
    rejects("encrypted.pdf", &bytes, "encrypted");
}

#[test]
fn rejects_pdf_without_text() {
    rejects("scan.pdf", &make_pdf(None), "no text layer");
}

#[test]
fn rejects_pdf_that_is_not_a_programme() {
    rejects(
        "letter.pdf",
        &make_pdf(Some("Sayin ilgili, toplanti yarin saat onda.")),
        "not a performance programme",
    );
}

#[test]
fn rejects_text_that_is_not_a_programme() {
    rejects(
        "notes.txt",
        "Alışveriş listesi\nElma 3\n".as_bytes(),
        "not a performance programme",
    );
}

/// A one-page PDF: with `text` shown in Helvetica, or only a filled
/// rectangle (a scan without a text layer).
fn make_pdf(text: Option<&str>) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let content = match text {
        Some(t) => format!("BT /F1 12 Tf 72 720 Td ({t}) Tj ET"),
        None => "0.5 g 72 72 400 600 re f".to_string(),
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Reads another administration's programme (`tests/data/NAME.pdf`) and
/// compares it with its expected model (`NAME.json`) field by field; the
/// failure lists the differences as `perfprog diff` prints them.
fn matches_expected_model(name: &str) {
    let data = root().join("tests/data");
    let got = crate::util::extract(&data.join(format!("{name}.pdf")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
        .into_targets()
        .unwrap();
    let text = std::fs::read_to_string(data.join(format!("{name}.json"))).unwrap();
    let want = Programme::from_json(&text).unwrap();
    crate::util::assert_same_model(&want, &got, &format!("{name}, against the expected model"));
    // Field by field, the same JSON.
    assert!(got.to_json() == text, "{name}: the JSON text differs");
}

/// Kuzeykent (an ilçe belediyesi printed by an office suite): codes `SA1-`
/// / `SH1.1-` / `PH1.1.1-`, bare year columns without a unit column,
/// indicator codes and Açıklama rows, activity codes `F01`, `-` for empty
/// amounts, one off-budget line, target tables and cost tables alternating,
/// no resource summary nor responsibilities table, a cover page.
#[test]
fn kuzeykent_matches_its_expected_model() {
    matches_expected_model("kuzeykent-2021-performans-programi");
}

/// Güneyova (a büyükşehir printed by a report generator): labels in
/// capitals (`STRATEJİK AMAÇ 1`), the strategic area as a labelled row, five
/// year columns under `Skala`, percentages with a suffix (`52,02%`), amounts
/// without decimals, cost tables after all target tables with economic names
/// in capitals, `İDARE PERFORMANS TABLOSU`, a responsibilities table.
#[test]
fn guneyova_matches_its_expected_model() {
    matches_expected_model("guneyova-2009-performans-programi");
}

/// A text export in other administrations' conventions: levels numbered
/// inside their parent (`Performans Hedefi 1:` under `Stratejik Hedef
/// 1.2:`), indicator codes with underscores, a `Uygulama Yılı 2020` column,
/// percentages either side, a text value (`+%2`), dashes for empty cells,
/// a one-line activity header with `Bütçe` alone, amounts with their
/// currency before or after (`₺1.000.000`, `1.000.000 TL`, `YTL`).
#[test]
fn text_export_in_other_conventions() {
    let dir = crate::util::workdir("text-other-conventions");
    let path = dir.join("ornekkoy-2020.txt");
    std::fs::write(&path, TEXT_OTHER_CONVENTIONS).unwrap();
    let p = crate::util::extract(&path)
        .unwrap()
        .document
        .into_targets()
        .unwrap();
    let labels: Vec<&str> = p
        .indicator_columns
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["2018", "2019", "Uygulama Yılı 2020"]);
    let targets: Vec<&Target> = p.targets().collect();
    let codes: Vec<&str> = targets.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(codes, ["1.2.1", "1.2.2"]);
    assert_eq!(targets[0].title, "Yolların Bakımını Yapmak");
    let d = |s: &str| Some(Value::Number(s.parse().unwrap()));
    let first = &targets[0].indicators[0];
    assert_eq!(first.code.as_deref(), Some("INKA_P_9.1.1.1"));
    assert_eq!(
        first.values,
        [d("22.34"), d("22.5"), Some(Value::Text("+%2".into()))]
    );
    assert_eq!(
        targets[0].indicators[1].values,
        [d("1500"), None, d("2000")]
    );
    let lines: Vec<(Option<&str>, Option<String>, Option<String>)> = targets[0]
        .activities
        .iter()
        .map(|a| {
            (
                a.code.as_deref(),
                a.budget.map(|b| b.to_string()),
                a.total.map(|b| b.to_string()),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (Some("F01"), Some("1000000".into()), Some("1000000".into())),
            (Some("F02"), None, None)
        ]
    );
    assert_eq!(
        targets[1]
            .stated_total
            .total
            .map(|t| t.to_string())
            .as_deref(),
        Some("250000.00")
    );
}

const TEXT_OTHER_CONVENTIONS: &str = r#"Örnekköy Belediyesi 2020 Yılı Performans Programı

Performans Hedefi Tablosu

Stratejik Amaç 1: Kentsel Altyapıyı Güçlendirmek
Stratejik Hedef 1.2: Yol Ağını Geliştirmek
Performans Hedefi 1: Yolların Bakımını Yapmak

Performans Göstergeleri                                   Birim        2018         2019        Uygulama Yılı 2020
INKA_P_9.1.1.1 Asfalt Kaplama Oranı                      %            %22,34       22,5%       +%2
PG1.2.1.2 Yapılan Yol Uzunluğu                           Metre        1.500        -           2.000

Faaliyetler                                     Bütçe                 Bütçe Dışı          Toplam
F01 Asfalt Faaliyetleri                         ₺1.000.000            -                   ₺1.000.000
F02 Kaldırım Faaliyetleri                       -                     -                   -
Genel Toplam                                    1.000.000 TL          -                   1.000.000 TL

Performans Hedefi 2: Köprüleri Onarmak

Performans Göstergeleri                                   Birim        2018         2019        Uygulama Yılı 2020
Onarılan Köprü Sayısı                                     Adet         3            4           5

Faaliyetler                                     Bütçe                 Bütçe Dışı          Toplam
Köprü Onarım Faaliyetleri                       250.000,00 YTL        -                   250.000,00 YTL
Genel Toplam                                    250.000,00            -                   250.000,00
"#;
