//! Printings from a spreadsheet (issue 19, item 7): running footers with the
//! sheet's name and `Sayfa N / M`, header rows repeated on every page,
//! merged cells, and labels rotated 90° in a cell merged over several rows.
//! Every document is typeset here with the project's Typst engine and read
//! back; the model is asserted exactly.

use perfprog::model::{Programme, Value};

use crate::typeset::typeset_pdf;

/// The page set-up of a printed sheet: a footer with the sheet's name and
/// `Sayfa N / M` on every page, above a bottom margin as wide as a sheet's
/// print settings leave it (the footer stands above the page's last tenth).
const SHEET_PAGE: &str = "#set page(width: 420pt, height: 300pt, \
     margin: (x: 24pt, top: 30pt, bottom: 70pt), \
     footer: context [#set text(size: 7pt); Performans Hedefleri #h(1fr) Sayfa \
     #counter(page).display() / #counter(page).final().first()])\n";

/// Indicator names, one per row of a long target table.
const INDICATORS: [&str; 14] = [
    "Yenilenen Park Alanı",
    "Dikilen Ağaç Sayısı",
    "Onarılan Oyun Alanı",
    "Kurulan Spor Aleti",
    "Yapılan Yürüyüş Yolu",
    "Temizlenen Göl Alanı",
    "Açılan Millet Bahçesi",
    "Kurulan Sulama Hattı",
    "Boyanan Bank Sayısı",
    "Yapılan Bisiklet Yolu",
    "Dikilen Fidan Sayısı",
    "Onarılan Çeşme Sayısı",
    "Kurulan Aydınlatma Direği",
    "Yapılan Otopark Alanı",
];

/// A target of the printing: goal, theme, code, title, indicator count and
/// its one activity's amount.
struct Case {
    theme: &'static str,
    goal: (&'static str, &'static str),
    objective: (&'static str, &'static str),
    code: &'static str,
    title: &'static str,
    indicators: usize,
    activity: &'static str,
    amount: &'static str,
    /// The cost table's Toplam Kaynak İhtiyacı: the amount and 50.007,00
    /// off budget.
    total: &'static str,
}

const CASES: [Case; 3] = [
    Case {
        theme: "Yaşam Kalitesi",
        goal: ("1", "Yaşanabilir Bir Kent Oluşturmak"),
        objective: ("1.1", "Kentsel Hizmetleri Geliştirmek"),
        code: "1.1.1",
        title: "Parkları Yenilemek",
        indicators: 14,
        activity: "Park Yenileme Faaliyetleri",
        amount: "1.250.000,00",
        total: "1.300.007,00",
    },
    Case {
        theme: "Yaşam Kalitesi",
        goal: ("1", "Yaşanabilir Bir Kent Oluşturmak"),
        objective: ("1.1", "Kentsel Hizmetleri Geliştirmek"),
        code: "1.1.2",
        title: "Yolları Onarmak",
        indicators: 3,
        activity: "Yol Onarım Faaliyetleri",
        amount: "300.000,00",
        total: "350.007,00",
    },
    Case {
        theme: "Ekonomi",
        goal: ("2", "Kent Ekonomisini Güçlendirmek"),
        objective: ("2.1", "Yerel Üretimi Desteklemek"),
        code: "2.1.1",
        title: "Pazar Yerlerini Yenilemek",
        indicators: 2,
        activity: "Pazar Yeri Faaliyetleri",
        amount: "80.000,00",
        total: "130.007,00",
    },
];

/// A performance-target table printed from a sheet: its title and theme
/// opening the page (right after the previous page's footer), its position
/// rows in ruled cells, then the indicators under a header row repeated on
/// every page, the activity and the total.
fn target_table(c: &Case, k: usize) -> String {
    let rows: String = INDICATORS[..c.indicators]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let v = 10 * i + k;
            format!("[{name}], [Adet], [{v}], [{}], [{}],\n", v + 1, v + 2)
        })
        .collect();
    format!(
        "*Performans Hedefi Tablosu*\n\n{theme}\n\n\
         #table(columns: (100pt, 272pt), stroke: 0.4pt,\n\
         [Amaç], [{g}. {gt}], [Hedef], [{o} {ot}], [Performans Hedefi], [{code} {title}])\n\
         #table(columns: (160pt, 40pt, 44pt, 44pt, 44pt), stroke: 0.4pt,\n\
         table.header(repeat: true, [*Performans Göstergeleri*], [*Birim*], \
         [*2023 Gerçekleşen*], [*2024 Tahmin*], [*2025 Hedef*]),\n\
         {rows}\
         table.cell(colspan: 2)[*Faaliyetler*], [*Bütçe*], [*Bütçe Dışı*], [*Toplam*],\n\
         table.cell(colspan: 2)[{activity}], [{amount}], [], [{amount}],\n\
         table.cell(colspan: 2)[*Genel Toplam*], [{amount}], [], [{amount}])\n\
         #pagebreak()\n",
        theme = c.theme,
        g = c.goal.0,
        gt = c.goal.1,
        o = c.objective.0,
        ot = c.objective.1,
        code = c.code,
        title = c.title,
        activity = c.activity,
        amount = c.amount,
    )
}

/// A cost table printed from a sheet: its position rows ruled, its
/// economic rows without rules (a sheet printed without gridlines), their
/// `BÜTÇE` and `BÜTÇE DIŞI KAYNAK` labels rotated 90° in cells merged over
/// their rows, beside the rows' names.
fn cost_table(c: &Case) -> String {
    let rot = |rows: usize, label: &str| {
        format!(
            "table.cell(rowspan: {rows}, align: horizon + center, \
             rotate(-90deg, reflow: true)[*{label}*])"
        )
    };
    let economic = [
        ("Personel Giderleri", ""),
        ("Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri", ""),
        ("Mal ve Hizmet Alım Giderleri", c.amount),
        ("Faiz Giderleri", ""),
        ("Cari Transferler", ""),
        ("Sermaye Giderleri", ""),
        ("Sermaye Transferleri", ""),
        ("Borç Verme", ""),
    ];
    let budget: String = economic
        .iter()
        .enumerate()
        .map(|(i, (name, v))| format!("[{}. {name}], [{v}],\n", i + 1))
        .collect();
    format!(
        "#table(columns: (120pt, 244pt), stroke: 0.4pt,\n\
         table.cell(colspan: 2)[*Faaliyet Maliyetleri Tablosu*],\n\
         [Amaç], [{g}. {gt}], [Hedef], [{o} {ot}], [Performans Hedefi], [{code} {title}],\n\
         [Faaliyet Adı], [{activity}],\n\
         [Sorumlu Harcama Birimi veya Birimleri], [Fen İşleri Müdürlüğü],\n\
         [*Ekonomik Kod*], [*2025*])\n\
         #table(columns: (24pt, 250pt, 90pt), stroke: none,\n\
         {}, {budget}[Toplam Bütçe Kaynak İhtiyacı], [{amount}],\n\
         {}, [Döner Sermaye], [50.000,00], [Diğer Yurt İçi], [], [Yurt Dışı], [7,00],\n\
         [Toplam Bütçe Dışı Kaynak İhtiyacı], [50.007,00],\n\
         table.cell(colspan: 2)[Toplam Kaynak İhtiyacı], [{total}])\n\
         #pagebreak()\n",
        rot(9, "BÜTÇE"),
        rot(4, "BÜTÇE DIŞI KAYNAK"),
        g = c.goal.0,
        gt = c.goal.1,
        o = c.objective.0,
        ot = c.objective.1,
        code = c.code,
        title = c.title,
        activity = c.activity,
        amount = c.amount,
        total = c.total,
    )
}

/// The whole printed workbook: a cover, the target tables (the first long
/// enough to run over two pages), then the cost tables.
fn workbook_printing() -> String {
    let mut s =
        format!("{SHEET_PAGE}Örnekkent Belediyesi 2025 Yılı Performans Programı\n#pagebreak()\n");
    for (k, c) in CASES.iter().enumerate() {
        s.push_str(&target_table(c, k + 1));
    }
    for c in &CASES {
        s.push_str(&cost_table(c));
    }
    s
}

/// The PDF with its page furniture no longer marked as such (`/Artifact`
/// marked content renamed `/Span`), as an office suite prints a sheet's
/// headers and footers: ordinary text, told apart only by where it stands.
fn untagged(pdf: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    for (_, id) in doc.get_pages() {
        let content = doc.get_page_content(id).unwrap();
        let mut out = Vec::with_capacity(content.len());
        let mut rest = &content[..];
        while let Some(at) = rest.windows(9).position(|w| w == b"/Artifact") {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(b"/Span");
            rest = &rest[at + 9..];
        }
        out.extend_from_slice(rest);
        doc.change_page_content(id, out).unwrap();
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Reads a typeset printing (its footers left as page furniture, or made
/// ordinary text with `untag`) into its model and warnings.
fn read(name: &str, body: &str, untag: bool) -> (Programme, Vec<perfprog::error::Warning>) {
    let (dir, pdf) = typeset_pdf(name, body);
    let path = dir.join("t.pdf");
    if untag {
        std::fs::write(&path, untagged(&pdf)).unwrap();
    }
    let x = crate::util::extract(&path).expect("the printing reads");
    let p = x
        .document
        .into_targets()
        .expect("a performance-target document");
    (p, x.warnings)
}

/// The warnings about rows and text (the tables the printing does not have
/// are warned about too, and left out here).
fn row_warnings(warnings: &[perfprog::error::Warning]) -> Vec<String> {
    warnings
        .iter()
        .filter(|w| !w.message.contains("the table was not found"))
        .map(|w| format!("{:?} {}: {}", w.page, w.table, w.message))
        .collect()
}

/// What the model says of each target and cost table, in a form to compare
/// with what was printed.
fn summary(p: &Programme) -> serde_json::Value {
    let num = |v: &Option<Value>| match v {
        Some(Value::Number(d)) => d.to_string(),
        other => format!("{other:?}"),
    };
    let dec = |d: Option<perfprog::model::Dec>| d.map(|d| d.to_string());
    let targets: Vec<serde_json::Value> = p
        .goals
        .iter()
        .flat_map(|g| {
            g.objectives.iter().flat_map(move |o| {
                o.targets.iter().map(move |t| {
                    serde_json::json!({
                        "theme": g.theme,
                        "goal": [g.code, g.title],
                        "objective": [o.code, o.title],
                        "target": [t.code, t.title],
                        "indicators": t.indicators.iter().map(|i| {
                            let values: Vec<String> = i.values.iter().map(num).collect();
                            serde_json::json!([i.name, i.unit, values])
                        }).collect::<Vec<_>>(),
                        "activities": t.activities.iter().map(|a| {
                            serde_json::json!([a.name, dec(a.budget), dec(a.off_budget), dec(a.total)])
                        }).collect::<Vec<_>>(),
                    })
                })
            })
        })
        .collect();
    let costs: Vec<serde_json::Value> = p
        .activity_costs
        .iter()
        .map(|c| {
            let economic: Vec<Option<String>> =
                c.economic.values().iter().map(|d| dec(*d)).collect();
            let off = c
                .off_budget
                .as_ref()
                .map(|o| [dec(o.revolving_fund), dec(o.other_domestic), dec(o.foreign)]);
            serde_json::json!({
                "target": c.target,
                "activity": c.activity,
                "units": c.units,
                "economic": economic,
                "budget_total": dec(c.budget_total),
                "off_budget": off,
                "off_budget_total": dec(c.off_budget_total),
                "total": dec(c.total),
            })
        })
        .collect();
    serde_json::json!({"targets": targets, "costs": costs})
}

/// What was printed, in the form of [`summary`].
fn printed() -> serde_json::Value {
    let plain = |s: &str| s.replace('.', "").replace(',', ".");
    let targets: Vec<serde_json::Value> = CASES
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let indicators: Vec<serde_json::Value> = INDICATORS[..c.indicators]
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let v = 10 * i + k + 1;
                    let values = [v, v + 1, v + 2].map(|n| n.to_string());
                    serde_json::json!([name, "Adet", values])
                })
                .collect();
            serde_json::json!({
                "theme": c.theme,
                "goal": [c.goal.0, c.goal.1],
                "objective": [c.objective.0, c.objective.1],
                "target": [c.code, c.title],
                "indicators": indicators,
                "activities": [[c.activity, plain(c.amount), null, plain(c.amount)]],
            })
        })
        .collect();
    let costs: Vec<serde_json::Value> = CASES
        .iter()
        .map(|c| {
            let mut economic = vec![serde_json::Value::Null; 8];
            economic[2] = plain(c.amount).into();
            serde_json::json!({
                "target": c.code,
                "activity": c.activity,
                "units": ["Fen İşleri Müdürlüğü"],
                "economic": economic,
                "budget_total": plain(c.amount),
                "off_budget": ["50000.00", null, "7.00"],
                "off_budget_total": "50007.00",
                "total": plain(c.total),
            })
        })
        .collect();
    serde_json::json!({"targets": targets, "costs": costs})
}

/// A workbook printed with its footer (`Performans Hedefleri … Sayfa 4 / 9`)
/// as ordinary text above a wide bottom margin, its target table's header
/// row repeated on the next page, and labels rotated 90° beside the cost
/// tables' rows: every row is read, none is made of the footer, no theme
/// takes the footer in, and the model is the one of the same printing whose
/// footer is marked as page furniture.
#[test]
fn a_printed_workbook_reads_without_its_footers() {
    let body = workbook_printing();
    let (p, warnings) = read("printing-workbook", &body, true);
    assert_eq!(row_warnings(&warnings), Vec::<String>::new());
    assert_eq!(summary(&p), printed());
    // The first target's table runs over two pages, its header printed on
    // both; the footer stands on each page at the same place.
    assert_eq!(p.targets().next().map(|t| t.page), Some(Some(2)));
    let (tagged, _) = read("printing-workbook-tagged", &body, false);
    assert_eq!(
        crate::ingest::without_provenance(&p),
        crate::ingest::without_provenance(&tagged)
    );
}

/// The rotated labels read in their own direction: one cell each, spanning
/// their rows, beside the rows' names.
#[test]
fn rotated_labels_read_as_one_text_beside_their_rows() {
    let (dir, pdf) = typeset_pdf(
        "printing-rotated",
        &format!("{SHEET_PAGE}{}", cost_table(&CASES[1])),
    );
    let doc = perfprog::source(&dir.join("t.pdf"), pdf, &perfprog::Threads::available())
        .expect("the page reads");
    let lines: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| {
            l.cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .filter(|t| t.contains("BÜTÇE"))
        .collect();
    assert_eq!(
        lines,
        [
            // The table breaks after its fourth row: the label is printed
            // beside the rows on this page, its middle by the second.
            "BÜTÇE | 2. Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
            "BÜTÇE DIŞI KAYNAK | Yurt Dışı | 7,00"
        ]
    );
}
