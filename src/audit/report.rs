//! Serialisations of the findings: JSON (an array), CSV (RFC 4180), an xlsx
//! workbook, the per-check summary, and the data the `audit.typ` template
//! reads.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use super::{Finding, Severity, CHECKS};
use crate::model::{Layout, Programme, Source};
use crate::render::{Engine, PdfOptions, RenderError};
use crate::util::CsvText;
use crate::workbook::grid::ColumnKind;
use crate::workbook::{xlsx, Cell};

/// The PDF title of the audit report.
pub fn report_title(p: &Programme) -> String {
    title_of(&p.institution, p.fiscal_year)
}

/// The PDF title of the audit report of an administration's year.
pub(super) fn title_of(institution: &str, fiscal_year: i32) -> String {
    format!("{institution} {fiscal_year} Yılı Performans Programı Denetim Raporu")
}

/// The audit report (`audit.typ` with [`report_data`]) as PDF bytes.
/// `roundtrip` says whether the findings include the round trip.
pub fn report_pdf(
    engine: &Engine,
    p: &Programme,
    findings: &[Finding],
    roundtrip: bool,
    opts: &PdfOptions,
) -> Result<Vec<u8>, RenderError> {
    let data = report_data(p, findings, roundtrip);
    engine.compile("audit.typ", &data, &opts.titled(report_title(p)))
}

/// The findings as a JSON array (pretty, trailing newline; amounts as decimal strings).
pub fn to_json(findings: &[Finding]) -> String {
    let mut s = serde_json::to_string_pretty(findings).expect("findings serialize");
    s.push('\n');
    s
}

/// The columns of the CSV and of the workbook, in order, with what the
/// workbook's column holds; the one place of their headers.
const COLUMNS: [(&str, ColumnKind); 10] = [
    ("check", ColumnKind::Text),
    ("severity", ColumnKind::Text),
    ("table", ColumnKind::Text),
    ("target", ColumnKind::Text),
    ("activity", ColumnKind::Text),
    ("page", ColumnKind::Plain),
    ("stated", ColumnKind::Number(2)),
    ("computed", ColumnKind::Number(2)),
    ("difference", ColumnKind::Number(2)),
    ("message", ColumnKind::Text),
];

/// The workbook's sheet name.
const SHEET_NAME: &str = "Denetim Bulguları";

/// The findings as CSV: a header row, one row per finding, CRLF line ends,
/// fields quoted when they hold a comma, quote or line break (RFC 4180).
/// Amounts are decimal strings with `.` as decimal point; empty cells are empty.
pub fn to_csv(findings: &[Finding]) -> String {
    let mut out = CsvText::new(true);
    out.row(COLUMNS.map(|(name, _)| name));
    let dec = |d: Option<Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    for f in findings {
        out.row([
            f.check.clone(),
            f.severity.as_str().to_string(),
            f.table.clone(),
            f.target.clone().unwrap_or_default(),
            f.activity.clone().unwrap_or_default(),
            f.page.map(|p| p.to_string()).unwrap_or_default(),
            dec(f.stated),
            dec(f.computed),
            dec(f.difference),
            f.message.clone(),
        ]);
    }
    out.finish()
}

/// The findings as an xlsx workbook of one sheet, the columns of
/// [`to_csv`]: a bold frozen header with an autofilter, codes and names as
/// text, pages as integers, amounts as numbers formatted `#,##0.00`, an
/// absent value an empty cell.
pub fn to_xlsx(findings: &[Finding]) -> Result<Vec<u8>, String> {
    let page = |p: Option<u32>| Cell::number(p.map(Decimal::from));
    let text = |t: &Option<String>| t.as_deref().map_or(Cell::Empty, Cell::text);
    let rows = findings
        .iter()
        .map(|f| {
            vec![
                Cell::text(f.check.as_str()),
                Cell::text(f.severity.as_str()),
                Cell::text(f.table.as_str()),
                text(&f.target),
                text(&f.activity),
                page(f.page),
                Cell::number(f.stated),
                Cell::number(f.computed),
                Cell::number(f.difference),
                Cell::text(f.message.as_str()),
            ]
        })
        .collect();
    xlsx::write_table(SHEET_NAME, SHEET_NAME, &COLUMNS, 0, rows)
}

/// Counts of one check's findings by severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub check: String,
    pub description: String,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

/// One row per check id that has findings, in report order.
pub fn summarize(findings: &[Finding]) -> Vec<SummaryRow> {
    let mut rows: Vec<SummaryRow> = Vec::new();
    for f in findings {
        let i = match rows.iter().position(|r| r.check == f.check) {
            Some(i) => i,
            None => {
                let description = CHECKS.iter().find(|(id, _)| *id == f.check).map_or_else(
                    || {
                        if f.check.starts_with("roundtrip.") {
                            "source model vs model ingested from the regenerated report".to_string()
                        } else {
                            String::new()
                        }
                    },
                    |(_, d)| (*d).to_string(),
                );
                rows.push(SummaryRow {
                    check: f.check.clone(),
                    description,
                    error: 0,
                    warning: 0,
                    info: 0,
                });
                rows.len() - 1
            }
        };
        match f.severity {
            Severity::Error => rows[i].error += 1,
            Severity::Warning => rows[i].warning += 1,
            Severity::Info => rows[i].info += 1,
        }
    }
    rows.sort_by_key(|r| super::check_rank(&r.check));
    rows
}

/// The data `templates/audit.typ` reads: the programme's identity, totals by
/// severity, every check with its counts (zero included), and every finding
/// (amounts as decimal strings, as in `audit.json`).
pub fn report_data(p: &Programme, findings: &[Finding], roundtrip: bool) -> serde_json::Value {
    layout_report_data(
        (&p.institution, p.fiscal_year, &p.source),
        Layout::PerformanceTarget,
        findings,
        roundtrip,
    )
}

/// [`report_data`] for a document of `layout` identified by its
/// institution, fiscal year and source: the layout's checks are listed.
pub(super) fn layout_report_data(
    (institution, fiscal_year, source): (&str, i32, &Source),
    layout: Layout,
    findings: &[Finding],
    roundtrip: bool,
) -> serde_json::Value {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let found = summarize(findings);
    let mut checks: Vec<SummaryRow> = super::checks_for(layout)
        .map(|(id, d)| {
            found
                .iter()
                .find(|r| r.check == *id)
                .cloned()
                .unwrap_or(SummaryRow {
                    check: (*id).to_string(),
                    description: (*d).to_string(),
                    error: 0,
                    warning: 0,
                    info: 0,
                })
        })
        .collect();
    checks.extend(
        found
            .iter()
            .filter(|r| r.check.starts_with("roundtrip."))
            .cloned(),
    );
    json!({
        "institution": institution,
        "fiscal_year": fiscal_year,
        "source": {"file": source.file, "sha256": source.sha256, "pages": source.pages},
        "roundtrip": roundtrip,
        "totals": {
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "info": count(Severity::Info),
            "findings": findings.len(),
        },
        "checks": checks,
        "findings": findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        let f = Finding::new("cross.activity.name", Severity::Warning, "activity_costs")
            .target("1.1.1")
            .activity("Yol, Köprü")
            .page(Some(7))
            .figures(Some(Decimal::new(10100, 2)), None)
            .message("named \"Asfalt\"\nhere");
        assert_eq!(
            to_csv(&[f]),
            "check,severity,table,target,activity,page,stated,computed,difference,message\r\n\
             cross.activity.name,warning,activity_costs,1.1.1,\"Yol, Köprü\",7,101.00,,,\
             \"named \"\"Asfalt\"\"\nhere\"\r\n"
        );
    }
}
