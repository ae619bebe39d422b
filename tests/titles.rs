//! Integration tests: a target's title printed otherwise in the
//! responsibilities table (issue 19, item 6). The document is typeset here
//! with the project's Typst engine and read back: the table's spelling is
//! kept on the target's first row (`titles_as_printed`, with its page),
//! the audit reports it (`cross.title`, the table's page), and the
//! workbook, the CSV export and the report carry it.

use perfprog::audit::{table, Severity};
use perfprog::model::{Document, Level, PrintedTitle, Programme};

use crate::util::{ok, perfprog};

const PAGE: &str = "#set page(width: 842pt, height: 595pt, margin: 30pt)\n#set text(size: 8pt)\n";

/// The targets: code, title in the target tables, title in the
/// responsibilities table, activity, amount, unit.
const TARGETS: [(&str, &str, &str, &str, &str, &str); 3] = [
    (
        "1.1.1",
        "Doğal Alanların Korunması",
        "Doğal Alanları Korunması",
        "Koruma Alanlarının Bakımı Faaliyetleri",
        "1.500.000,00",
        "Park ve Bahçeler Dairesi Başkanlığı",
    ),
    (
        "1.1.2",
        "Kent Ormanlarını Genişletmek",
        "KENT ORMANLARINI GENİŞLETMEK",
        "Ağaçlandırma Faaliyetleri",
        "800.000,00",
        "Park ve Bahçeler Dairesi Başkanlığı",
    ),
    (
        "1.2.1",
        "Kıyıları Temiz Tutmak",
        "Kıyıları Temiz Tutmak",
        "Kıyı Temizliği Faaliyetleri",
        "300.000,00",
        "Temizlik İşleri Dairesi Başkanlığı",
    ),
];

const OBJECTIVES: [(&str, &str); 2] = [
    ("1.1", "Doğal Varlıkları Korumak"),
    ("1.2", "Kıyıları Yaşanabilir Kılmak"),
];

fn c(s: &str) -> String {
    format!("[{s}]")
}

/// A cover, one performance-target table per target, then the
/// responsibilities table on a page of its own (page 5): its target cells
/// in a column of their own, or (`in_column`) each target's code and title
/// on a row across the target and activity columns above its activities.
fn document(in_column: bool) -> String {
    let mut out =
        String::from("#text(size: 14pt)[Örnekova Belediyesi 2025 Yılı Performans Programı]\n\n");
    for (code, title, _, activity, amount, _) in TARGETS {
        let (o_code, o_title) = OBJECTIVES.iter().find(|o| code.starts_with(o.0)).unwrap();
        let heading = [
            c("Stratejik Amaç 1"),
            c("Doğayla Uyumlu Bir Kent Kurmak"),
            c(&format!("Stratejik Hedef {o_code}")),
            c(o_title),
            c(&format!("Performans Hedefi {code}")),
            c(title),
        ];
        let indicators = [
            "Performans Göstergeleri",
            "Ölçü Birimi",
            "2023 Gerçekleşen",
            "2024 Hedef",
            "2025 Hedef",
            "Korunan Alan",
            "Hektar",
            "10",
            "12",
            "14",
        ]
        .map(c);
        let activities = [
            "Faaliyetler",
            "Bütçe İçi",
            "Bütçe Dışı",
            "Toplam",
            activity,
            amount,
            "",
            amount,
            "Genel Toplam",
            amount,
            "",
            amount,
        ]
        .map(c);
        out.push_str(&format!(
            "#pagebreak()\n#text(size: 12pt)[Performans Hedefi Tablosu]\n\n\
             #table(columns: (140pt, 1fr), {})\n\n\
             #table(columns: (1fr, 60pt, 70pt, 70pt, 70pt), {})\n\n\
             #table(columns: (1fr, 90pt, 90pt, 90pt), {})\n\n",
            heading.join(", "),
            indicators.join(", "),
            activities.join(", "),
        ));
    }
    let mut rows = vec![
        c("Performans Hedefi"),
        c("Faaliyet"),
        c("Sorumlu Harcama Birimi veya Birimleri"),
    ];
    for (code, _, printed, activity, _, unit) in TARGETS {
        let label = format!("{code}. {printed}");
        if in_column {
            rows.extend([format!("table.cell(colspan: 2)[{label}]"), c("")]);
            rows.extend([c(""), c(activity), c(unit)]);
        } else {
            rows.extend([c(&label), c(activity), c(unit)]);
        }
    }
    out.push_str(&format!(
        "#pagebreak()\n#text(size: 12pt)[Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo]\n\n\
         #table(columns: (200pt, 1fr, 220pt), {})\n",
        rows.join(", ")
    ));
    out
}

/// The typeset document's directory (of test `name`) and its model.
fn read(name: &str, in_column: bool) -> (std::path::PathBuf, Programme) {
    let body = format!("{PAGE}{}", document(in_column));
    let (dir, _) = crate::typeset::typeset_pdf(name, &body);
    let out = crate::util::extract(&dir.join("t.pdf")).unwrap();
    match out.document {
        Document::Targets(p) => (dir, p),
        Document::Budget(_) => panic!("read as a program-budget document"),
    }
}

/// The spelling the responsibilities table prints for 1.1.1.
fn printed() -> PrintedTitle {
    PrintedTitle {
        level: Level::Target,
        code: "1.1.1".into(),
        title: "Doğal Alanları Korunması".into(),
        page: Some(5),
    }
}

#[test]
fn a_title_spelled_otherwise_in_the_responsibilities_table() {
    let (dir, p) = read("titles-responsibilities", false);
    assert_kept_and_reported(&dir, &p);
}

/// The same, the title printed above the target's activities in the
/// activity column.
#[test]
fn a_title_spelled_otherwise_above_the_activities() {
    let (dir, p) = read("titles-responsibilities-in-column", true);
    assert_kept_and_reported(&dir, &p);
}

/// Asserts that the model keeps the spelling of the responsibilities
/// table, that the audit reports it with the table's page, and that the
/// workbook, the CSV export and the command line carry it.
fn assert_kept_and_reported(dir: &std::path::Path, p: &Programme) {
    let titles: Vec<(&str, &str)> = p
        .targets()
        .map(|t| (t.code.as_str(), t.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        TARGETS.map(|t| (t.0, t.1)),
        "the target tables' titles are the model's"
    );
    // Kept on the target's row with the table's page; a title in capitals
    // only, or spelled alike, is not kept.
    let rows: Vec<(&str, &str, &[PrintedTitle])> = p
        .responsibilities
        .iter()
        .map(|r| {
            (
                r.target.as_str(),
                r.activity.as_str(),
                r.titles_as_printed.as_slice(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("1.1.1", TARGETS[0].3, &[printed()][..]),
            ("1.1.2", TARGETS[1].3, &[][..]),
            ("1.2.1", TARGETS[2].3, &[][..]),
        ]
    );

    // The model JSON carries it, and reads back the same.
    let json = serde_json::to_string(p).unwrap();
    assert!(
        json.contains(
            r#""titles_as_printed":[{"level":"target","code":"1.1.1","title":"Doğal Alanları Korunması","page":5}]"#
        ),
        "{json}"
    );
    let back: Programme = serde_json::from_str(&json).unwrap();
    assert_eq!(back, *p);

    // The audit reports it once, with the responsibilities table's page.
    let findings: Vec<_> = perfprog::audit::audit(p)
        .into_iter()
        .filter(|f| f.check == "cross.title")
        .collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(
        (f.severity, f.table.as_str(), f.target.as_deref(), f.page),
        (
            Severity::Warning,
            table::RESPONSIBILITIES,
            Some("1.1.1"),
            Some(5)
        )
    );
    assert!(
        f.message_in(perfprog::i18n::Lang::En).contains(
            "target 1.1.1 is titled “Doğal Alanları Korunması” in the responsibilities \
             table on page 5 but “Doğal Alanların Korunması”"
        ),
        "{f:#?}"
    );

    // The workbook keeps it (export → import is lossless).
    let back = perfprog::workbook::import(&perfprog::workbook::export(p).unwrap()).unwrap();
    assert_eq!(back.responsibilities, p.responsibilities);
    assert_eq!(back, *p);

    // The CSV export and the command line's audit carry it.
    std::fs::write(dir.join("model.json"), &json).unwrap();
    ok(&perfprog(dir, &["export", "model.json", "--csv", "csv"]));
    let csv = std::fs::read_to_string(dir.join("csv/responsibilities.csv")).unwrap();
    assert!(
        csv.contains(",\"target 1.1.1, page 5: Doğal Alanları Korunması\"\n"),
        "{csv}"
    );
    let out = perfprog(dir, &["audit", "model.json", "-o", "audit", "-q"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let audit = std::fs::read_to_string(dir.join("audit/audit.json")).unwrap();
    assert!(audit.contains("\"cross.title\""), "{audit}");
}

/// The report prints the responsibilities table's target row with the
/// title as the source prints it there.
#[test]
fn the_report_prints_the_title_as_printed() {
    let (dir, p) = read("titles-report", false);
    std::fs::write(dir.join("report.json"), serde_json::to_string(&p).unwrap()).unwrap();
    ok(&perfprog(
        &dir,
        &["render", "report.json", "-o", "report", "-q"],
    ));
    let pdf = dir
        .join("report")
        .join(perfprog::render::report_file_name(&p));
    let out = perfprog(&dir, &["extract", pdf.to_str().unwrap(), "--lines"]);
    ok(&out);
    let lines = String::from_utf8_lossy(&out.stdout);
    assert!(lines.contains("1.1.1. Doğal Alanları Korunması"), "{lines}");
}

/// A workbook or CSV cell of printed titles: with and without a page,
/// read back as written; a page that is not a number is named.
#[test]
fn printed_title_cells_read_back() {
    let titles = [
        printed(),
        PrintedTitle {
            level: Level::Objective,
            code: "4.2".into(),
            title: "Dezavatajlı Grupları Desteklemek".into(),
            page: None,
        },
    ];
    let cell = PrintedTitle::cell(&titles);
    assert_eq!(
        cell,
        "target 1.1.1, page 5: Doğal Alanları Korunması | \
         objective 4.2: Dezavatajlı Grupları Desteklemek"
    );
    assert_eq!(PrintedTitle::parse_cell(&cell).unwrap(), titles);
    assert_eq!(PrintedTitle::parse_cell("").unwrap(), []);
    let err = PrintedTitle::parse_cell("target 1.1.1, page beş: Başlık").unwrap_err();
    assert!(err.contains("target 1.1.1, page beş: Başlık"), "{err}");
}

/// `diff` tells a responsibilities row's printed title that changed; the
/// page it is printed on is no change.
#[test]
fn diff_tells_a_printed_title_changed() {
    let p: Programme = serde_json::from_value(serde_json::json!({
        "format": "perfprog.programme/3",
        "source": {"file": "a.pdf", "sha256": "", "pages": 1},
        "institution": "Örnekova Belediyesi",
        "fiscal_year": 2025,
        "indicator_columns": [],
        "goals": [],
        "activity_costs": [],
        "resource_summary": null,
        "economic_summary": null,
        "responsibilities": [{"target": "1.1.1", "activity": "Koruma", "units": ["Fen İşleri Müdürlüğü"],
                              "titles_as_printed": [{"level": "target", "code": "1.1.1",
                                                     "title": "Doğal Alanları Korunması", "page": 5}]}],
        "front_matter": []
    }))
    .unwrap();
    let mut moved = p.clone();
    moved.responsibilities[0].titles_as_printed[0].page = Some(9);
    assert_eq!(perfprog::audit::diff(&p, &moved), []);
    let mut agreed = p.clone();
    agreed.responsibilities[0].titles_as_printed.clear();
    let changes = perfprog::audit::diff(&p, &agreed);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        changes[0].path,
        "responsibilities[1.1.1 / Koruma].titles_as_printed"
    );
    assert_eq!(
        changes[0].before.as_deref(),
        Some("target 1.1.1: Doğal Alanları Korunması")
    );
}
