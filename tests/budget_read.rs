//! Integration tests: the program-budget layout read from PDFs — the public
//! fixture into its expected model, and printings of the layout's other
//! conventions typeset in the test (headings in capitals without codes,
//! one small table per indicator with its text lines as plain lines,
//! year-only columns, one cost row per activity with its units as a
//! `Sorumlu Birim:` line, a letter-spaced total; key–value headings, a
//! year printed over two kinds, activities with Bütçe İçi / Dışı and
//! Toplam rows, an `Alt Program Toplamı`).

use std::path::Path;

use perfprog::model::budget::{BudgetProgramme, CostKind};
use perfprog::model::{ColumnKind, Document, Value};
use rust_decimal::Decimal;

use crate::util::root;

fn dec(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// Extracts a program-budget document; panics (with the error) on anything else.
fn read(path: &Path) -> (BudgetProgramme, Vec<perfprog::Warning>) {
    let out = crate::util::extract(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match out.document {
        Document::Budget(b) => (b, out.warnings),
        Document::Targets(_) => panic!("{}: read as a performance-target document", path.display()),
    }
}

/// Asserts that two program-budget models are the same JSON; the failure
/// lists the round trip's findings and the first lines that differ.
pub fn assert_same_budget(want: &BudgetProgramme, got: &BudgetProgramme, what: &str) {
    let (a, b) = (want.to_json(), got.to_json());
    if a == b {
        return;
    }
    let findings: Vec<String> = perfprog::audit::budget::compare_models(want, got)
        .iter()
        .take(30)
        .map(|f| format!("{}: {}", f.check, f.message))
        .collect();
    let lines: Vec<String> = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(20)
        .map(|(k, (x, y))| format!("line {}: want {x}\n           got  {y}", k + 1))
        .collect();
    panic!(
        "{what}: the models differ\n{}\n{}",
        findings.join("\n"),
        lines.join("\n")
    );
}

/// Kuzeykent's 2026 programme (office suite printing): every block, table,
/// text line, summary and the front matter, byte for byte, without a
/// warning.
#[test]
fn kuzeykent_2026_matches_its_expected_model() {
    let data = root().join("tests/data");
    let (got, warnings) = read(&data.join("kuzeykent-2026-performans-programi.pdf"));
    assert!(warnings.is_empty(), "{warnings:#?}");
    let text =
        std::fs::read_to_string(data.join("kuzeykent-2026-performans-programi.json")).unwrap();
    let Document::Budget(want) = Document::from_json(&text).unwrap() else {
        panic!("the expected model is not a program-budget one");
    };
    assert_same_budget(&want, &got, "kuzeykent-2026");
    assert!(got.to_json() == text, "the JSON text differs");
}

/// Asserts that no row was left out as unreadable.
fn assert_every_row_read(warnings: &[perfprog::Warning]) {
    assert!(
        !warnings
            .iter()
            .any(|w| w.message.contains("could not be read")),
        "{warnings:#?}"
    );
}

const PAGE: &str = "#set page(width: 842pt, height: 595pt, margin: 30pt)\n#set text(size: 8pt)\n";

/// Headings in capitals without codes, a goal as a labelled line, one small
/// table per indicator (`1- Ad`) with the header repeated and the text
/// lines printed as plain lines, bare year columns, one cost row per
/// activity with its units in a `Sorumlu Birim:` line, a letter-spaced
/// total, a program summary without codes and no economic summary.
#[test]
fn capitals_small_indicator_tables_and_units_as_a_line() {
    let ind_header = "[Ölçü Birimi], [2025], [2026], [2027], [2028]";
    let body = format!(
        "{PAGE}\
         ÖRNEKKÖY BELEDİYESİ 2027 YILI PERFORMANS PROGRAMI\n\n\
         #pagebreak()\n\
         #text(size: 12pt)[PROGRAM: KENTSEL ALTYAPI]\n\n\
         #text(size: 11pt)[ALT PROGRAM: ULAŞIM HİZMETLERİ]\n\n\
         Alt Program Hedefi: Kent içi ulaşımı güvenli ve erişilebilir kılmak\n\n\
         PERFORMANS GÖSTERGELERİ\n\n\
         1- Yenilenen Yol Uzunluğu\n\n\
         #table(columns: (80pt, 60pt, 60pt, 60pt, 60pt), {ind_header}, [Km], [12], [14], [15,5], [16])\n\n\
         Göstergeye İlişkin Açıklama: Yıl içinde yenilenen yolların uzunluğu.\n\n\
         Hesaplama Yöntemi: Hakediş kayıtlarının toplanması\n\n\
         Verinin Kaynağı: Fen İşleri Müdürlüğü kayıtları\n\n\
         2- Akıllı Kavşak Sayısı\n\n\
         #table(columns: (80pt, 60pt, 60pt, 60pt, 60pt), {ind_header}, [Adet], [3], [], [5], [6])\n\n\
         FAALİYET MALİYETLERİ\n\n\
         #table(columns: (260pt, 80pt, 80pt, 80pt), [Faaliyetler], [2027], [2028], [2029],\n\
           [Yol Yapım ve Bakım Faaliyetleri \\ Sorumlu Birim: Fen İşleri Müdürlüğü], [1.000.000,00], [1.100.000,00], [1.200.000,00],\n\
           [Kavşak Düzenleme Çalışmaları \\ Sorumlu Birim: Ulaşım Müdürlüğü, Fen İşleri Müdürlüğü], [250.000,00], [-], [300.000,00],\n\
           [T O P L A M], [1.250.000,00], [1.100.000,00], [1.500.000,00])\n\n\
         #pagebreak()\n\
         PROGRAMLARA GÖRE KAYNAK DAĞILIMI\n\n\
         #table(columns: (260pt, 80pt, 80pt, 80pt), [Program / Alt Program], [2027], [2028], [2029],\n\
           [KENTSEL ALTYAPI], [1.250.000,00], [1.100.000,00], [1.500.000,00],\n\
           [ULAŞIM HİZMETLERİ], [1.250.000,00], [1.100.000,00], [1.500.000,00],\n\
           [T O P L A M], [1.250.000,00], [1.100.000,00], [1.500.000,00])\n"
    );
    let (dir, _) = crate::typeset::typeset_pdf("budget-capitals", &body);
    let (b, warnings) = read(&dir.join("t.pdf"));
    assert_eq!(b.fiscal_year, 2027, "{warnings:#?}");
    assert_eq!(b.programs.len(), 1);
    let p = &b.programs[0];
    assert_eq!(
        (p.code.as_deref(), p.name.as_str()),
        (None, "KENTSEL ALTYAPI")
    );
    let s = &p.sub_programs[0];
    assert_eq!(
        (s.code.as_deref(), s.name.as_str()),
        (None, "ULAŞIM HİZMETLERİ")
    );
    assert_eq!(s.goals.len(), 1);
    assert_eq!(
        s.goals[0].text,
        "Kent içi ulaşımı güvenli ve erişilebilir kılmak"
    );
    // The indicators: named by their headings, not coded by their numbers.
    let years: Vec<(i32, Option<ColumnKind>)> = b
        .indicator_columns
        .iter()
        .map(|c| (c.year, c.kind))
        .collect();
    assert_eq!(
        years,
        [(2025, None), (2026, None), (2027, None), (2028, None)]
    );
    assert_eq!(s.indicators.len(), 2, "{:#?}", s.indicators);
    let i = &s.indicators[0];
    assert_eq!(
        (i.code.as_deref(), i.name.as_str()),
        (None, "Yenilenen Yol Uzunluğu")
    );
    assert_eq!(i.unit.as_deref(), Some("Km"));
    assert_eq!(i.values[2], Some(Value::Number("15.5".parse().unwrap())));
    assert_eq!(
        i.description.as_deref(),
        Some("Yıl içinde yenilenen yolların uzunluğu.")
    );
    assert_eq!(
        i.calculation.as_deref(),
        Some("Hakediş kayıtlarının toplanması")
    );
    assert_eq!(
        i.data_source.as_deref(),
        Some("Fen İşleri Müdürlüğü kayıtları")
    );
    let k = &s.indicators[1];
    assert_eq!(k.name, "Akıllı Kavşak Sayısı");
    assert_eq!(k.values[1], None, "an empty cell is null");
    assert_eq!(k.description, None);
    // The costs: one row per activity, units from the name cell's line.
    assert!(b.cost_columns.iter().all(|c| c.kind.is_none()));
    assert_eq!(s.activities.len(), 2);
    let a = &s.activities[0];
    assert_eq!(
        (a.code.as_deref(), a.name.as_str()),
        (None, "Yol Yapım ve Bakım Faaliyetleri")
    );
    assert_eq!(a.units, ["Fen İşleri Müdürlüğü"]);
    assert_eq!(a.amounts.budget, None);
    assert_eq!(a.amounts.off_budget, None);
    assert_eq!(a.amounts.total[0], dec("1000000.00"));
    let a = &s.activities[1];
    assert_eq!(a.units, ["Ulaşım Müdürlüğü", "Fen İşleri Müdürlüğü"]);
    assert_eq!(a.amounts.total[1], None, "a dash is null");
    let total = s.stated_total.as_ref().expect("the letter-spaced total");
    assert_eq!(
        total.total,
        [dec("1250000.00"), dec("1100000.00"), dec("1500000.00")]
    );
    // The summary without codes: levels by the blocks' names.
    let sum = b.program_summary.as_ref().expect("program summary");
    assert_eq!(sum.rows.len(), 2);
    assert_eq!(sum.rows[1].name, "ULAŞIM HİZMETLERİ");
    assert_eq!(sum.total.as_ref().unwrap()[2], dec("1500000.00"));
    assert!(b.economic_summary.is_none());
    assert!(warnings
        .iter()
        .any(|w| w.table == "Ekonomik Sınıflandırmaya Göre Bütçe"));
    assert_every_row_read(&warnings);
}

/// A program-budget document (Typst markup) with key–value headings, read by
/// [`key_value_headings_and_activities_with_their_rows`].
pub(crate) fn key_value_body() -> String {
    format!(
        "{PAGE}\
         #table(columns: (120pt, 300pt), [Program Kodu], [3], [Program Adı], [Sosyal Hizmetler],\n\
           [Alt Program Kodu], [3.2], [Alt Program Adı], [Sosyal Destek], [Alt Program Hedefi], [İhtiyaç sahiplerine destek sağlamak])\n\n\
         Performans Göstergeleri\n\n\
         #table(columns: (200pt, 70pt, 70pt, 70pt, 70pt),\n\
           table.cell(rowspan: 2)[Performans Göstergesi], table.cell(rowspan: 2)[2024 Gerçekleşme], table.cell(colspan: 2)[2025], table.cell(rowspan: 2)[2026 Hedef],\n\
           [Planlanan], [YS Gerçekleşme],\n\
           [Desteklenen Hane Sayısı], [1.200], [1.300], [1.250], [1.400])\n\n\
         Alt Program Kapsamında Yürütülecek Faaliyet Maliyetleri\n\n\
         #table(columns: (200pt, 120pt, 80pt, 80pt, 80pt), [Faaliyetler], [Sorumlu Birim], [2026 Bütçe], [2027 Tahmin], [2028 Tahmin],\n\
           [3.2.1 - Sosyal Yardım Faaliyetleri], table.cell(rowspan: 4)[Sosyal Hizmetler Müdürlüğü \\ Mali Hizmetler Müdürlüğü], [], [], [],\n\
           [Bütçe İçi], [400.000], [420.000], [440.000],\n\
           [Bütçe Dışı], [100.000], [100.000], [100.000],\n\
           [Toplam], [500.000], [520.000], [540.000],\n\
           table.cell(colspan: 2)[Alt Program Toplamı], [500.000], [520.000], [540.000])\n\n\
         Faaliyetlere İlişkin Açıklamalar\n\n\
         Sosyal Yardım Faaliyetleri\n\n\
         Yardımlar hane ziyaretleriyle belirlenen ihtiyaç sahiplerine yapılacaktır.\n"
    )
}

/// Key–value headings (`Program Adı | …`, `Alt Program Kodu | …`), the goal
/// in a key–value row, one indicator table without a unit column whose
/// `2025` stands over `Planlanan` and `YS Gerçekleşme`, activities printed
/// as a code and a name without figures followed by Bütçe İçi, Bütçe Dışı
/// and Toplam rows, responsible units stacked in their column, an `Alt
/// Program Toplamı`, the explanations matched by name.
#[test]
fn key_value_headings_and_activities_with_their_rows() {
    let body = key_value_body();
    let (dir, _) = crate::typeset::typeset_pdf("budget-key-value", &body);
    let (b, warnings) = read(&dir.join("t.pdf"));
    assert_eq!(b.fiscal_year, 2026, "{warnings:#?}");
    let p = &b.programs[0];
    assert_eq!(
        (p.code.as_deref(), p.name.as_str()),
        (Some("3"), "Sosyal Hizmetler")
    );
    let s = &p.sub_programs[0];
    assert_eq!(
        (s.code.as_deref(), s.name.as_str()),
        (Some("3.2"), "Sosyal Destek")
    );
    assert_eq!(s.goals[0].text, "İhtiyaç sahiplerine destek sağlamak");
    let cols: Vec<(&str, Option<ColumnKind>)> = b
        .indicator_columns
        .iter()
        .map(|c| (c.label.as_str(), c.kind))
        .collect();
    assert_eq!(
        cols,
        [
            ("2024 Gerçekleşme", Some(ColumnKind::Actual)),
            ("2025 Planlanan", Some(ColumnKind::Planned)),
            ("2025 YS Gerçekleşme", Some(ColumnKind::Actual)),
            ("2026 Hedef", Some(ColumnKind::Target)),
        ]
    );
    let i = &s.indicators[0];
    assert_eq!(i.unit, None);
    assert_eq!(i.values[0], Some(Value::Number("1200".parse().unwrap())));
    assert_eq!(b.cost_columns[0].kind, Some(CostKind::Budget));
    let a = &s.activities[0];
    assert_eq!(
        (a.code.as_deref(), a.name.as_str()),
        (Some("3.2.1"), "Sosyal Yardım Faaliyetleri")
    );
    assert_eq!(
        a.units,
        ["Sosyal Hizmetler Müdürlüğü", "Mali Hizmetler Müdürlüğü"]
    );
    assert_eq!(a.amounts.budget.as_ref().unwrap()[0], dec("400000"));
    assert_eq!(a.amounts.off_budget.as_ref().unwrap()[2], dec("100000"));
    assert_eq!(
        a.amounts.total,
        [dec("500000"), dec("520000"), dec("540000")]
    );
    let total = s.stated_total.as_ref().expect("Alt Program Toplamı");
    assert_eq!(total.total[1], dec("520000"));
    assert_eq!(
        a.description.as_deref(),
        Some("Yardımlar hane ziyaretleriyle belirlenen ihtiyaç sahiplerine yapılacaktır.")
    );
    assert_every_row_read(&warnings);
}

/// Headings printed as cards (a row of labels over one row of values), the
/// program's card printed again over its second alt program, codes `3` /
/// `3.1` / `3.1.1`; the front matter's list of programs (labels over
/// several rows) stays in the front matter.
#[test]
fn card_headings() {
    let card = |sub: &str, name: &str| {
        format!(
            "#table(columns: 5, [Bütçe Yılı], [Program Kodu], [Program Adı], [Alt Program Kodu], [Alt Program Adı],\n\
               [2026], [3], [Sosyal Hizmetler], [{sub}], [{name}])\n\n"
        )
    };
    let costs = |code: &str| {
        format!(
            "Faaliyet Maliyetleri\n\n\
             #table(columns: (200pt, 80pt, 80pt, 80pt), [Faaliyetler], [2026 Bütçe], [2027 Tahmin], [2028 Tahmin],\n\
               [{code} - Bir Faaliyet], [10,00], [11,00], [12,00])\n\n"
        )
    };
    let body = format!(
        "{PAGE}\
         Program Yapısı\n\n\
         #table(columns: 4, [Program Kodu], [Program Adı], [Alt Program Kodu], [Alt Program Adı],\n\
           [3], [Sosyal Hizmetler], [3.1], [Sosyal Destek], [3], [Sosyal Hizmetler], [3.2], [Kadın ve Aile])\n\n\
         #pagebreak()\n\
         {}{}#pagebreak()\n{}{}",
        card("3.1", "Sosyal Destek"),
        costs("3.1.1"),
        card("3.2", "Kadın ve Aile"),
        costs("3.2.1"),
    );
    let (dir, _) = crate::typeset::typeset_pdf("budget-cards", &body);
    let (b, warnings) = read(&dir.join("t.pdf"));
    assert_eq!(b.programs.len(), 1, "{:#?}", b.programs);
    let p = &b.programs[0];
    assert_eq!(
        (p.code.as_deref(), p.name.as_str()),
        (Some("3"), "Sosyal Hizmetler")
    );
    let subs: Vec<(Option<&str>, &str)> = p
        .sub_programs
        .iter()
        .map(|s| (s.code.as_deref(), s.name.as_str()))
        .collect();
    assert_eq!(
        subs,
        [
            (Some("3.1"), "Sosyal Destek"),
            (Some("3.2"), "Kadın ve Aile")
        ]
    );
    assert_eq!(
        p.sub_programs[1].activities[0].code.as_deref(),
        Some("3.2.1")
    );
    assert_eq!(
        p.sub_programs[1].activities[0].amounts.total[2],
        dec("12.00")
    );
    let front = &b.front_matter;
    assert!(
        front.iter().any(|s| s.title == "Program Yapısı"),
        "{front:#?} {warnings:#?}"
    );
}

/// A document in neither layout is refused with what was looked for and
/// what was found.
#[test]
fn neither_layout_is_refused_with_what_was_found() {
    let (dir, _) = crate::typeset::typeset_pdf(
        "budget-neither",
        "= Faaliyet Raporu\n\nBu belge bir faaliyet raporudur.\n\n#table(columns: 2, [Birim], [Personel], [Fen İşleri], [120])",
    );
    let out = crate::util::perfprog(&dir, &["extract", "t.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a performance programme"), "{err}");
    assert!(err.contains("Performans Hedefi Tablosu"), "{err}");
    assert!(err.contains("Alt Program"), "{err}");
}
