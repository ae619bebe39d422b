//! The two summary tables: the resource summary (İdarenin Toplam Kaynak
//! İhtiyacı: goal / objective / target amounts with their shares) and the
//! economic-code summary (Mali Yılı Toplam Kaynak İhtiyacı Tablosu: codes
//! 1–9, off-budget rows, totals; the chart data printed after it is not part
//! of the table).
//!
//! Both are rows of a label followed by a fixed number of figures; a label
//! may wrap over several lines, with the figures on its last line or on a
//! line of their own.

use rust_decimal::Decimal;

use crate::error::Warning;
use crate::model::{
    EconomicRow, EconomicSummary, Level, ResourceRow, ResourceSummary, ResourceTotal,
};
use crate::normalize::{self, join_lines, normalize_key, parse_number};

use crate::tables::lines::{coded, plain, Item};
use crate::tables::rows::tokens;

const RESOURCES: &str = "İdarenin Toplam Kaynak İhtiyacı";
const ECONOMIC: &str = "Mali Yılı Toplam Kaynak İhtiyacı Tablosu";

/// A figure cell: a number, a printed dash (None), or an empty cell (None).
fn figure(t: &Option<String>) -> Option<Option<Decimal>> {
    match t {
        None => Some(None),
        Some(s) if s == "-" || s == "–" => Some(None),
        // Amounts and shares are printed with decimals: a bare integer is
        // part of the label (`Stratejik Amaç 3`).
        Some(s) if s.contains(',') => parse_number(s).map(Some),
        Some(_) => None,
    }
}

/// Splits a line into its text and its trailing figures (at most `n`).
fn trailing_figures(line: &str, n: usize) -> (String, Vec<Option<Decimal>>) {
    let toks = tokens(line);
    let mut end = toks.len();
    let mut figs = Vec::new();
    while figs.len() < n && end > 0 {
        match figure(&toks[end - 1]) {
            Some(f) => figs.push(f),
            None => break,
        }
        end -= 1;
    }
    figs.reverse();
    let text = toks[..end]
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    (text, figs)
}

#[derive(Debug)]
enum RowKind {
    Level(Level, String),
    Total(usize),
}

const TOTALS: [&str; 4] = [
    "Performans Hedefleri Toplamı",
    "Genel Yönetim Giderleri",
    "Diğer İdarelere Transferler",
    "Toplam Bütçe",
];

fn resource_kind(text: &str) -> Option<(RowKind, String)> {
    for (kw, level, parts) in [
        ("Stratejik Amaç", Level::Goal, 1),
        ("Stratejik Hedef", Level::Objective, 2),
        ("Perf. Hedefi", Level::Target, 3),
        ("Performans Hedefi", Level::Target, 3),
    ] {
        if let Some((code, title)) = coded(text, kw, parts) {
            return Some((RowKind::Level(level, code), title));
        }
    }
    let key = normalize_key(text);
    TOTALS
        .iter()
        .position(|t| key == normalize_key(t))
        .map(|k| (RowKind::Total(k), String::new()))
}

/// Header words of the resource summary, repeated under every theme.
fn is_resource_header(text: &str) -> bool {
    let t = text
        .replace("Perf. Topl.", "")
        .replace("PAY (%)", "")
        .replace("(%)", "");
    let rest: Vec<&str> = t.split_whitespace().collect();
    if text.contains("Perf. Topl.") {
        return true;
    }
    !rest.is_empty()
        && rest
            .iter()
            .all(|w| matches!(*w, "TL" | "PAY" | "Toplam" | "Bütçe" | "(%)"))
        || rest.is_empty()
}

/// Parses İdarenin Toplam Kaynak İhtiyacı.
pub fn resources(items: &[Item], warnings: &mut Vec<Warning>) -> ResourceSummary {
    let mut out = ResourceSummary::default();
    let mut current: Option<(RowKind, Vec<String>, Option<u32>)> = None;
    let mut started = false;
    let warn = |w: &mut Vec<Warning>, page, message: String| {
        w.push(Warning {
            page,
            table: RESOURCES.into(),
            message,
        })
    };
    for it in items {
        if it.is_blank() {
            continue;
        }
        let raw = it.line.text();
        let text = plain(&raw);
        if !started {
            // The title lines run up to the first column header.
            if text.contains("Perf. Topl.") {
                started = true;
            }
            continue;
        }
        let (label, figs) = trailing_figures(&raw, 3);
        let label = plain(&label);
        if current.is_none() && figs.is_empty() && is_resource_header(&text) {
            continue;
        }
        if !label.is_empty() {
            if let Some((kind, title)) = resource_kind(&label) {
                // A row whose cells are all empty (a draft) ends where the next begins.
                if let Some((k, lines, _)) = current.take() {
                    push_resource(&mut out, k, &lines, [None; 3]);
                }
                current = Some((kind, vec![title], it.page));
            } else if let Some((_, lines, _)) = current.as_mut() {
                lines.push(label);
            } else {
                warn(warnings, it.page, format!("text outside a row: {text:?}"));
                continue;
            }
        }
        if !figs.is_empty() {
            let Some((kind, lines, _)) = current.take() else {
                warn(
                    warnings,
                    it.page,
                    format!("figures without a row: {text:?}"),
                );
                continue;
            };
            if figs.len() > 3 {
                warn(
                    warnings,
                    it.page,
                    format!("a row with {} figures instead of 3: {text:?}", figs.len()),
                );
            }
            // Fewer than three: the empty cells are the leftmost (an empty
            // amount beside printed "-" shares).
            let mut row = [None; 3];
            for (slot, f) in row.iter_mut().rev().zip(figs.iter().rev()) {
                *slot = *f;
            }
            push_resource(&mut out, kind, &lines, row);
        }
    }
    if let Some((k, lines, _)) = current {
        push_resource(&mut out, k, &lines, [None; 3]);
    }
    out
}

/// Adds a row (or a total) of the resource summary with its three figures.
fn push_resource(
    out: &mut ResourceSummary,
    kind: RowKind,
    lines: &[String],
    figs: [Option<Decimal>; 3],
) {
    let [amount, share_of_targets, share_of_budget] = figs;
    match kind {
        RowKind::Level(level, code) => out.rows.push(ResourceRow {
            level,
            code,
            title: join_lines(lines),
            amount,
            share_of_targets,
            share_of_budget,
        }),
        RowKind::Total(k) => {
            let total = ResourceTotal {
                amount,
                share_of_targets,
                share_of_budget,
            };
            match k {
                0 => out.targets_total = total,
                1 => out.general_administration = total,
                2 => out.transfers = total,
                _ => out.total_budget = total,
            }
        }
    }
}

/// Economic summary row labels and where they go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum EcoSlot {
    Code,
    BudgetTotal,
    OffBudget,
    OffBudgetTotal,
    GrandTotal,
}

fn economic_slot(label: &str) -> Option<(EcoSlot, Option<String>, String)> {
    let key = normalize_key(label);
    let is = |s: &str| key == normalize_key(s);
    if is("TOPLAM BÜTÇE KAYNAK İHTİYACI") {
        return Some((EcoSlot::BudgetTotal, None, String::new()));
    }
    if is("TOPLAM BÜTÇE DIŞI KAYNAK İHTİYACI") {
        return Some((EcoSlot::OffBudgetTotal, None, String::new()));
    }
    if is("TOPLAM KAYNAK İHTİYACI") {
        return Some((EcoSlot::GrandTotal, None, String::new()));
    }
    for name in ["DÖNER SERMAYE", "DİĞER YURT İÇİ", "YURT DIŞI"] {
        if is(name) {
            return Some((EcoSlot::OffBudget, None, normalize::title_case_tr(name)));
        }
    }
    let (code, rest) = label.split_once(' ')?;
    if code.len() == 1 && code.chars().all(|c| c.is_ascii_digit()) && code != "0" {
        return Some((
            EcoSlot::Code,
            Some(code.to_string()),
            normalize::title_case_tr(&normalize::clean(rest)),
        ));
    }
    None
}

/// A recognised economic-summary row: its line, label, figures and their
/// right edges (PDF input).
type EcoLine<'a> = (Item<'a>, String, Vec<Option<Decimal>>, Vec<f32>);

/// Parses the Mali Yılı Toplam Kaynak İhtiyacı Tablosu.
pub fn economic(items: &[Item], warnings: &mut Vec<Warning>) -> EconomicSummary {
    let mut out = EconomicSummary::default();
    let warn = |w: &mut Vec<Warning>, page, message: String| {
        w.push(Warning {
            page,
            table: ECONOMIC.into(),
            message,
        })
    };
    // Right edges of the four figure columns, learnt from complete rows, so a
    // positioned row with empty cells keeps its figures in their columns.
    let mut edges: Vec<Vec<f32>> = vec![Vec::new(); 4];
    let mut header_edges: Vec<Option<f32>> = vec![None; 4];
    let mut rows: Vec<EcoLine> = Vec::new();
    let mut rotated = String::new();
    let mut pending: Vec<String> = Vec::new();
    for it in items.iter().skip(1) {
        if it.is_blank() {
            continue;
        }
        let raw = it.line.text();
        let text = plain(&raw);
        // The chart after the table ends it.
        if text.contains("Gerçekleşmelerinin") || text.contains("Grafiği") {
            break;
        }
        // The header's last line ends each figure column's title (right
        // aligned like the figures): the columns when no row is complete.
        let cells = &it.line.cells;
        if it.line.positioned && cells.len() == 5 && plain(&cells[0].text).contains("Ekonomik Kod")
        {
            header_edges = cells[1..].iter().map(|c| Some(c.x1)).collect();
            continue;
        }
        let (label, figs) = trailing_figures(&raw, 4);
        let label = plain(&label);
        let mut label = label;
        if !pending.is_empty() && !label.is_empty() {
            pending.push(label);
            label = pending.join(" ");
            pending.clear();
        }
        if economic_slot(&label).is_none() {
            if is_economic_header(&label) && figs.is_empty() {
                continue;
            }
            // The off-budget group label is printed rotated, a letter or two a line.
            if figs.is_empty()
                && label.chars().count() <= 3
                && label.chars().all(char::is_uppercase)
            {
                rotated.push_str(&label);
                continue;
            }
            if figs.is_empty() {
                pending.push(label);
                continue;
            }
            warn(warnings, it.page, format!("unrecognised row: {text:?}"));
            continue;
        }
        let xs: Vec<f32> = if it.line.positioned {
            it.line
                .cells
                .iter()
                .filter(|c| parse_number(&c.text).is_some())
                .map(|c| c.x1)
                .collect()
        } else {
            Vec::new()
        };
        if figs.len() == 4 && xs.len() == 4 {
            for (k, x) in xs.iter().enumerate() {
                edges[k].push(*x);
            }
        }
        rows.push((it.clone(), label, figs, xs));
    }
    for p in pending {
        warn(warnings, None, format!("text outside a row: {p:?}"));
    }
    // `rotated` holds the group labels printed vertically (BÜTÇE, BÜTÇE DIŞI
    // KAYNAK): labels of row groups, not rows.
    let _ = rotated;
    let col_edges: Vec<Option<f32>> = edges
        .iter()
        .zip(&header_edges)
        .map(|(e, h)| {
            (!e.is_empty())
                .then(|| e.iter().sum::<f32>() / e.len() as f32)
                .or(*h)
        })
        .collect();
    for (it, label, figs, xs) in rows {
        let Some((slot, code, name)) = economic_slot(&label) else {
            continue;
        };
        let mut cells: [Option<Decimal>; 4] = [None; 4];
        if figs.len() == 4 || !it.line.positioned {
            // Text input marks empty cells and omits trailing ones; a full
            // row needs no geometry.
            for (k, f) in figs.iter().enumerate() {
                cells[k] = *f;
            }
        } else {
            for (f, x) in figs.iter().zip(&xs) {
                let best = col_edges
                    .iter()
                    .enumerate()
                    .filter_map(|(k, e)| e.map(|e| (k, (e - x).abs())))
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                match best {
                    Some((k, _)) => cells[k] = *f,
                    None => warn(
                        warnings,
                        it.page,
                        format!("cannot place a figure of {label:?} in a column"),
                    ),
                }
            }
        }
        let row = EconomicRow {
            code,
            name: (!name.is_empty()).then_some(name),
            activities: cells[0],
            general_administration: cells[1],
            transfers: cells[2],
            total: cells[3],
        };
        match slot {
            EcoSlot::Code => out.rows.push(row),
            EcoSlot::BudgetTotal => out.budget_total = row,
            EcoSlot::OffBudget => out.off_budget.push(row),
            EcoSlot::OffBudgetTotal => out.off_budget_total = row,
            EcoSlot::GrandTotal => out.grand_total = row,
        }
    }
    out
}

fn is_economic_header(text: &str) -> bool {
    let words = [
        "Ekonomik",
        "Kod",
        "Faaliyet",
        "Toplamı",
        "Genel",
        "Yönetim",
        "Giderleri",
        "Diğer",
        "İdarelere",
        "Transfer",
        "Edilecek",
        "Kaynaklar",
        "Toplam",
        "(Tl)",
        "(TL)",
    ];
    !text.is_empty() && text.split_whitespace().all(|w| words.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_from_the_right() {
        let (t, f) = trailing_figures("Toplam Bütçe 45.100.000.000,00 - 100,00", 3);
        assert_eq!(t, "Toplam Bütçe");
        assert_eq!(f.len(), 3);
        assert_eq!(f[1], None);
        assert_eq!(f[2], Some(Decimal::new(10000, 2)));
    }

    #[test]
    fn economic_labels() {
        let (slot, code, name) =
            economic_slot("2 SOSYAL GÜVENLİK KURUMLARINA DEVLET PRİMİ GİDERLERİ").unwrap();
        assert_eq!(slot, EcoSlot::Code);
        assert_eq!(code.as_deref(), Some("2"));
        assert_eq!(name, "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri");
        assert_eq!(economic_slot("YURT DIŞI").unwrap().2, "Yurt Dışı");
    }
}
