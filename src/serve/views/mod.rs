//! What the pages show of a model: its overview and its tables, each table
//! as rows of display text (amounts the Turkish way, an empty cell empty)
//! with its source page and the texts to highlight there. Both layouts.

mod budget;
mod targets;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::{self, Lang};
use crate::model::Document;
use crate::normalize::format_amount;

/// One table of the model as shown.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub title: String,
    /// The kind of table, in words (`Performans Hedefi Tablosu`, …).
    pub kind: String,
    /// The source page (1-based), where the model records it.
    pub page: Option<u32>,
    pub sections: Vec<Section>,
    /// The texts of the table's rows, to highlight on the source page.
    pub highlights: Vec<String>,
}

/// A block of rows under one header.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub caption: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// A row of a section.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A total row (shown in bold).
    pub total: bool,
}

/// A cell: its text, and whether it is a figure (right-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    pub num: bool,
}

impl Row {
    fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            total: false,
        }
    }

    fn total(cells: Vec<Cell>) -> Row {
        Row { cells, total: true }
    }
}

/// A text cell.
fn text(s: impl Into<String>) -> Cell {
    Cell {
        text: s.into(),
        num: false,
    }
}

/// A figure cell, the Turkish way (`5.815.779.000,00`); empty stays empty.
fn amount(d: Option<&Decimal>) -> Cell {
    Cell {
        text: format_amount(d),
        num: true,
    }
}

/// An optional text cell.
fn opt(s: Option<&str>) -> Cell {
    text(s.unwrap_or_default())
}

/// The overview of a document: institution, year, layout, counts and totals.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub institution: String,
    pub year: i32,
    pub layout: String,
    pub pages: Option<u32>,
    /// `(label, count)` pairs: goals, objectives, targets, … or programs, alt programs, …
    pub counts: Vec<(String, usize)>,
    /// The totals' column titles (e.g. budget, off-budget, total; or years).
    pub total_columns: Vec<String>,
    /// One row of totals per year or kind.
    pub totals: Vec<Row>,
}

/// The overview of `doc` in `lang`.
pub fn overview(doc: &Document, lang: Lang) -> Overview {
    match doc {
        Document::Targets(p) => targets::overview(p, lang),
        Document::Budget(b) => budget::overview(b, lang),
    }
}

/// Every table of `doc`, in document order.
pub fn tables(doc: &Document, lang: Lang) -> Vec<Table> {
    match doc {
        Document::Targets(p) => targets::tables(p, lang),
        Document::Budget(b) => budget::tables(b, lang),
    }
}

/// A department (responsible unit) as shown.
#[derive(Debug, Clone, Serialize)]
pub struct Department {
    pub slug: String,
    pub name: String,
    /// Other spellings printed.
    pub other_names: Vec<String>,
    pub activities: Section,
    pub totals: Section,
    /// The extract's file under `out/departments/`.
    pub file: String,
}

/// Every department of `doc`, by slug.
pub fn departments(doc: &Document, lang: Lang) -> Vec<Department> {
    match doc {
        Document::Targets(p) => targets::departments(p, lang),
        Document::Budget(b) => budget::departments(b, lang),
    }
}

/// The layout's name in `lang`.
pub fn layout_name(doc_layout: crate::model::Layout, lang: Lang) -> String {
    match doc_layout {
        crate::model::Layout::PerformanceTarget => t(lang, "web-layout-targets"),
        crate::model::Layout::ProgramBudget => t(lang, "web-layout-budget"),
    }
}

fn t(lang: Lang, key: &str) -> String {
    i18n::text(lang, key, &[])
}

/// A summary table (no source page recorded): one section under `columns`.
fn summary(lang: Lang, title: String, columns: Vec<String>, rows: Vec<Row>) -> Table {
    Table {
        title,
        kind: t(lang, "web-kind-summary"),
        page: None,
        sections: vec![Section {
            caption: None,
            columns,
            rows,
        }],
        highlights: Vec::new(),
    }
}

/// The catalogue texts of `keys`.
fn texts(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t(lang, k)).collect()
}

/// The indicators of a target or alt program: name, unit and one value per
/// document column (headed by `columns`).
fn indicator_section<'a>(
    lang: Lang,
    columns: &[crate::model::IndicatorColumn],
    indicators: impl Iterator<Item = (&'a str, Option<&'a str>, &'a [Option<crate::model::Value>])>,
) -> Section {
    let mut cols = vec![t(lang, "web-col-indicator"), t(lang, "web-col-unit")];
    cols.extend(columns.iter().map(|c| c.label.clone()));
    Section {
        caption: Some(t(lang, "web-section-indicators")),
        columns: cols,
        rows: indicators
            .map(|(name, unit, values)| {
                let mut cells = vec![text(name), opt(unit)];
                cells.extend(values.iter().map(|v| value(v.as_ref())));
                Row::new(cells)
            })
            .collect(),
    }
}

/// An indicator value as printed.
fn value(v: Option<&crate::model::Value>) -> Cell {
    match v {
        Some(crate::model::Value::Number(d)) => Cell {
            text: crate::normalize::format_number(d),
            num: true,
        },
        Some(crate::model::Value::Text(s)) => text(s),
        None => text(""),
    }
}

/// Sums the present amounts; `None` when every one is empty (an empty
/// column is not 0).
fn sum<'a>(items: impl IntoIterator<Item = Option<&'a Decimal>>) -> Option<Decimal> {
    items
        .into_iter()
        .flatten()
        .fold(None, |acc, d| Some(acc.unwrap_or_default() + d))
}
