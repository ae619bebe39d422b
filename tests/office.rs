//! Office-friendly files: `audit.xlsx` and `departments/index.xlsx` beside
//! the CSVs (read back with calamine, cell by cell against the CSV, which
//! is read back with the `csv` crate), and PDFs dated at their making
//! (`SOURCE_DATE_EPOCH` makes them reproducible).

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::{Command, Output};
use std::str::FromStr;

use calamine::{Data, Range, Reader, Xlsx};
use perfprog::audit::{self, Finding, Severity};
use perfprog::workbook::xlsx::format_decimals;
use rust_decimal::Decimal;

use crate::util::{count_files, root, workdir};

/// A fixed creation time: 2023-11-14T22:13:20Z.
const EPOCH: &str = "1700000000";

/// Runs the binary in `dir`, with `SOURCE_DATE_EPOCH` set to `epoch` or unset.
fn run(dir: &Path, args: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_perfprog"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    let out = cmd.output().expect("run perfprog");
    assert_ne!(
        out.status.code(),
        Some(2),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The records of a CSV text, header first, read with the `csv` crate
/// (strict: every record as wide as the header).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let mut records = vec![header];
    records.extend(reader.records().map(Result::unwrap));
    records
        .iter()
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

/// An xlsx file's only sheet: its name, its cells and their number formats.
struct Book {
    sheet: String,
    cells: Range<Data>,
    styles: calamine::StyleRange,
    /// The sheet's XML, for what calamine does not report (panes, filter).
    xml: String,
}

fn book(bytes: &[u8]) -> Book {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), 1, "one sheet: {names:?}");
    let sheet = names[0].clone();
    let cells = wb.worksheet_range(&sheet).unwrap();
    let styles = wb.worksheet_style(&sheet).unwrap();
    let xml = zip_entry(bytes, "xl/worksheets/sheet1.xml");
    Book {
        sheet,
        cells,
        styles,
        xml,
    }
}

/// A deflated or stored entry of a zip file, by name (test-only reader of
/// local file headers).
fn zip_entry(zip: &[u8], name: &str) -> String {
    let mut at = 0;
    while let Some(i) = zip[at..].windows(4).position(|w| w == b"PK\x03\x04") {
        let h = at + i;
        let u16_at = |o: usize| u16::from_le_bytes([zip[h + o], zip[h + o + 1]]) as usize;
        let (method, name_len, extra_len) = (u16_at(8), u16_at(26), u16_at(28));
        let data = h + 30 + name_len + extra_len;
        if &zip[h + 30..h + 30 + name_len] == name.as_bytes() {
            let mut text = String::new();
            match method {
                0 => text = String::from_utf8(zip[data..].to_vec()).unwrap_or_default(),
                8 => {
                    flate2::read::DeflateDecoder::new(&zip[data..])
                        .read_to_string(&mut text)
                        .unwrap();
                }
                m => panic!("zip method {m}"),
            }
            return text;
        }
        at = h + 4;
    }
    panic!("no {name} in the workbook");
}

/// What a column of a written workbook holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Text,
    Integer,
    Amount,
}

/// Asserts that the workbook holds the CSV's rows, column by column: the
/// same header (bold, frozen, filtered), text as text (`1.1.1` stays text),
/// integers and amounts as numbers equal to the CSV's decimals (amounts
/// formatted `#,##0.00`-style with the decimal's scale), an empty field an
/// empty cell. Returns the number of non-empty amount cells compared.
fn assert_workbook_is_csv(xlsx: &[u8], csv_text: &str, kinds: &[Kind]) -> usize {
    let b = book(xlsx);
    let records = csv_records(csv_text);
    assert_eq!(records[0].len(), kinds.len());
    let (rows, cols) = b.cells.get_size();
    assert_eq!(rows, records.len(), "{}: rows", b.sheet);
    assert_eq!(cols, kinds.len(), "{}: columns", b.sheet);
    let mut amounts = 0;
    for (r, record) in records.iter().enumerate() {
        for (c, (field, kind)) in record.iter().zip(kinds).enumerate() {
            let pos = (r as u32, c as u32);
            let cell = b.cells.get_value(pos).unwrap_or(&Data::Empty);
            let at = format!("{} row {} column {}", b.sheet, r + 1, c + 1);
            if r == 0 {
                // The CSV's column id, as a person reads it (English here).
                let title = perfprog::i18n::text(
                    perfprog::i18n::Lang::En,
                    "xlsx-header",
                    &[("column", field.as_str().into())],
                );
                assert_eq!(cell, &Data::String(title), "{at}: header");
                let font = b.styles.get(pos).and_then(|s| s.font.clone());
                assert!(font.is_some_and(|f| f.is_bold()), "{at}: bold header");
                continue;
            }
            if field.is_empty() {
                assert_eq!(cell, &Data::Empty, "{at}: an empty field is an empty cell");
                continue;
            }
            match kind {
                Kind::Text => {
                    let text = match cell {
                        Data::String(s) => s.clone(),
                        other => panic!("{at}: {other:?} is not text"),
                    };
                    // A cell with several names holds one name per line.
                    assert_eq!(text.replace('\n', " | "), *field, "{at}");
                }
                Kind::Integer | Kind::Amount => {
                    let number = match cell {
                        Data::Float(f) => d(&f.to_string()),
                        Data::Int(i) => Decimal::from(*i),
                        other => panic!("{at}: {other:?} is not a number"),
                    };
                    let want = d(field);
                    assert_eq!(number, want, "{at}");
                    let format = b.styles.get(pos).and_then(|s| s.number_format.clone());
                    let code = format.map(|f| f.format_code).unwrap_or_default();
                    assert_eq!(format_decimals(&code), Some(want.scale()), "{at}: {code}");
                    if *kind == Kind::Amount {
                        assert!(code.starts_with("#,##0"), "{at}: grouped, {code}");
                        amounts += 1;
                    }
                }
            }
        }
    }
    assert!(
        b.xml.contains(r#"ySplit="1""#) && b.xml.contains(r#"state="frozen""#),
        "{}: the header row is frozen",
        b.sheet
    );
    // The last column's letters, then the last row's number.
    let last_column = perfprog::workbook::grid::cell_ref(0, cols - 1).replace('2', "");
    assert!(
        b.xml
            .contains(&format!(r#"<autoFilter ref="A1:{last_column}{rows}""#)),
        "{}: autofilter on the header",
        b.sheet
    );
    assert!(b.xml.contains("<cols>"), "{}: column widths", b.sheet);
    amounts
}

const AUDIT_KINDS: [Kind; 10] = [
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Integer,
    Kind::Amount,
    Kind::Amount,
    Kind::Amount,
    Kind::Text,
];

const INDEX_KINDS: [Kind; 7] = [
    Kind::Text,
    Kind::Text,
    Kind::Integer,
    Kind::Integer,
    Kind::Integer,
    Kind::Amount,
    Kind::Text,
];

/// The audit's workbook, from findings made here: large and negative
/// amounts exact, a code like `01.01` text, absent values empty.
#[test]
fn audit_workbook_holds_the_findings() {
    let findings = vec![
        Finding::new("target.line.sum", Severity::Error, "performance_target")
            .target("01.01")
            .activity("Yol, Köprü ve \"Kavşak\" Yapımı")
            .page(Some(23))
            .figures(Some(d("5815779000.00")), Some(d("5815779001.25")))
            .message("line 1: 5.815.779.000,00 printed"),
        Finding::new("cost.row_not_printed", Severity::Warning, "activity_cost")
            .message("rows not printed at all"),
    ];
    let csv_text = audit::to_csv(&findings);
    let xlsx = audit::to_xlsx(&findings).unwrap();
    assert_eq!(assert_workbook_is_csv(&xlsx, &csv_text, &AUDIT_KINDS), 3);
    let b = book(&xlsx);
    assert_eq!(b.sheet, "Denetim Bulguları");
    assert_eq!(
        b.cells.get_value((1, 3)),
        Some(&Data::String("01.01".into()))
    );
    assert_eq!(b.cells.get_value((1, 8)), Some(&Data::Float(-1.25)));
    let format = |pos| b.styles.get(pos).unwrap().number_format.clone().unwrap();
    assert_eq!(format((1, 6)).format_code, "#,##0.00");
    assert_eq!(b.cells.get_value((2, 5)), Some(&Data::Empty));
    // The CSV reads back as the findings.
    let records = csv_records(&csv_text);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1][4], "Yol, Köprü ve \"Kavşak\" Yapımı");
    assert_eq!(records[1][8], "-1.25");
    assert_eq!(records[2][3..9], ["", "", "", "", "", ""]);
}

/// `build` writes `audit.xlsx` beside `audit.csv` and `index.xlsx` beside
/// `index.csv`, in both layouts; `departments` writes the index workbook
/// too. Every CSV reads back with the `csv` crate as the same rows as the
/// JSON and the index of the model.
#[test]
fn workbooks_beside_the_csvs() {
    let dir = workdir("office_workbooks");
    let inputs = [
        ("golden", "tests/golden/programme.json"),
        (
            "budget",
            "tests/data/kuzeykent-2026-performans-programi.json",
        ),
    ];
    for (name, input) in inputs {
        let input = root().join(input);
        let out = dir.join(name);
        let args = [
            "build",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--quiet",
        ];
        run(&dir, &args, Some(EPOCH));
        let read = |f: &str| std::fs::read(out.join(f)).unwrap();
        let text = |f: &str| String::from_utf8(read(f)).unwrap();

        // The audit: the CSV's rows are the JSON's findings, the workbook the CSV's.
        let findings: Vec<Finding> = serde_json::from_str(&text("audit/audit.json")).unwrap();
        let records = csv_records(&text("audit/audit.csv"));
        assert_eq!(records.len(), findings.len() + 1, "{name}");
        for (f, r) in findings.iter().zip(&records[1..]) {
            assert_eq!(r[0], f.check);
            assert_eq!(r[3], f.target.clone().unwrap_or_default());
            assert_eq!(r[6], f.stated.map(|v| v.to_string()).unwrap_or_default());
            assert_eq!(r[9], f.message);
        }
        let csv_text = text("audit/audit.csv");
        let amounts = assert_workbook_is_csv(&read("audit/audit.xlsx"), &csv_text, &AUDIT_KINDS);
        assert!(amounts > 0 || findings.iter().all(|f| f.computed.is_none()));

        // The index: the CSV's rows are the extracts, the workbook the CSV's.
        let records = csv_records(&text("departments/index.csv"));
        let pdfs = count_files(&out.join("departments"), "pdf");
        assert_eq!(records.len(), pdfs + 1, "{name}");
        for r in &records[1..] {
            assert!(out.join("departments").join(&r[1]).is_file(), "{}", r[1]);
        }
        let csv_text = text("departments/index.csv");
        let amounts =
            assert_workbook_is_csv(&read("departments/index.xlsx"), &csv_text, &INDEX_KINDS);
        assert!(amounts > 0, "{name}: the totals are numbers");
    }

    // `departments` writes the index workbook beside its CSV.
    let input = root().join("tests/golden/programme.json");
    let unit = "Fen İşleri Dairesi Başkanlığı";
    let args = [
        "departments",
        input.to_str().unwrap(),
        "-o",
        "one",
        "--department",
        unit,
    ];
    run(&dir, &args, Some(EPOCH));
    let csv_text = std::fs::read_to_string(dir.join("one/index.csv")).unwrap();
    assert_eq!(csv_records(&csv_text).len(), 2);
    let xlsx = std::fs::read(dir.join("one/index.xlsx")).unwrap();
    assert_eq!(assert_workbook_is_csv(&xlsx, &csv_text, &INDEX_KINDS), 1);
}

/// Seconds since the Unix epoch of a UTC civil time (Howard Hinnant's
/// `days_from_civil`).
fn epoch_of(y: i64, m: i64, d: i64, hh: i64, mm: i64, ss: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh * 3600 + mm * 60 + ss
}

/// The creation time of a PDF: its Info `CreationDate` (`D:YYYYMMDDHHmmSS…`)
/// and its XMP `xmp:CreateDate` (`YYYY-MM-DDTHH:mm:SS…`), each in seconds
/// since the epoch.
fn creation_times(pdf: &[u8]) -> (i64, i64) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let date = doc
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap();
    let date = lopdf::decode_text_string(date).unwrap();
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let info_time = civil(&digits);
    let metadata = doc.catalog().unwrap().get(b"Metadata").unwrap();
    let stream = doc
        .get_object(metadata.as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let xmp = String::from_utf8_lossy(&xmp);
    let start = xmp.find("<xmp:CreateDate>").expect("xmp:CreateDate") + 16;
    let digits: String = xmp[start..]
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect();
    (info_time, civil(&digits))
}

/// `YYYYMMDDHHmmSS` in seconds since the epoch.
fn civil(digits: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| digits[r].parse::<i64>().unwrap();
    epoch_of(n(0..4), n(4..6), n(6..8), n(8..10), n(10..12), n(12..14))
}

/// Without `SOURCE_DATE_EPOCH` a PDF carries the time of its making; with
/// it, that time, and two runs give the same bytes (PDF and workbook).
#[test]
fn pdfs_are_dated_at_their_making() {
    let dir = workdir("office_dates");
    let input = root().join("tests/golden/programme.json");
    let audit = |out: &str, epoch| {
        run(
            &dir,
            &["audit", input.to_str().unwrap(), "-o", out, "--quiet"],
            epoch,
        );
        let read = |f: &str| std::fs::read(dir.join(out).join(f)).unwrap();
        (read("audit.pdf"), read("audit.xlsx"))
    };
    let now = || {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        t.unwrap().as_secs() as i64
    };
    let before = now();
    let (pdf, _) = audit("now", None);
    let after = now();
    let (info, xmp) = creation_times(&pdf);
    for t in [info, xmp] {
        assert!(
            (before - 1..=after + 1).contains(&t),
            "dated {t}, made between {before} and {after}"
        );
    }

    let (pdf, xlsx) = audit("fixed-1", Some(EPOCH));
    assert_eq!(creation_times(&pdf), (1_700_000_000, 1_700_000_000));
    let (pdf_again, xlsx_again) = audit("fixed-2", Some(EPOCH));
    assert!(
        pdf == pdf_again,
        "the same SOURCE_DATE_EPOCH, different PDF bytes"
    );
    assert!(
        xlsx == xlsx_again,
        "the same SOURCE_DATE_EPOCH, different workbook bytes"
    );
    let created = zip_entry(&xlsx, "docProps/core.xml");
    assert!(created.contains("2023-11-14T22:13:20Z"), "{created}");
}
