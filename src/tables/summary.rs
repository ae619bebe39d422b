//! The two summary tables read from table rows: the resource summary
//! (İdarenin Toplam Kaynak İhtiyacı: goal / objective / target amounts with
//! their shares, then the totals) and the economic summary (… Mali Yılı
//! Toplam Kaynak İhtiyacı Tablosu: economic codes, budget total, off-budget
//! rows and total, grand total).
//!
//! A row is its label cells followed by its figure cells. The figures go to
//! the table's figure columns: in order when the row has all of them, else
//! by position, under the columns a header names by meaning or, where the
//! header is no row of cells, the columns the complete rows occupy. A label
//! may be wrapped onto rows of its own, with the figures on a row after it.

use rust_decimal::Decimal;

use crate::error::Warning;
use crate::i18n::Message;
use crate::layout::{Cell, Line};
use crate::model::{
    EconomicRow, EconomicSummary, Level, ResourceRow, ResourceSummary, ResourceTotal,
};
use crate::msg;
use crate::normalize::number::{parse_amount_as, Separators};
use crate::normalize::{self, join_lines};

use super::header;
use super::lines::{coded, leading_code, plain, Item};

pub(super) const RESOURCES: &str = "İdarenin Toplam Kaynak İhtiyacı";
pub(super) const ECONOMIC: &str = "Mali Yılı Toplam Kaynak İhtiyacı Tablosu";

/// A figure printed in a row: its x-range and value (None for a dash).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Figure {
    x0: f32,
    x1: f32,
    value: Option<Decimal>,
}

/// The x-ranges of a table's figure columns, left to right.
type Slots = Vec<(f32, f32)>;

/// A figure cell's value: a number, or None for a printed dash.
fn figure_value(text: &str, sep: Separators) -> Option<Option<Decimal>> {
    let t = text.trim();
    if matches!(t, "-" | "–" | "—") {
        return Some(None);
    }
    parse_amount_as(t, sep).map(Some)
}

/// The figures of one cell: the cell as one figure, or, when every word of
/// it is a figure (figures printed close together), one per word, each
/// with its share of the cell's width.
fn cell_figures(c: &Cell, sep: Separators) -> Option<Vec<Figure>> {
    if let Some(value) = figure_value(&c.text, sep) {
        return Some(vec![Figure {
            x0: c.x0,
            x1: c.x1,
            value,
        }]);
    }
    let chars: Vec<char> = c.text.chars().collect();
    let n = chars.len().max(1) as f32;
    let at = |i: usize| c.x0 + (c.x1 - c.x0) * i as f32 / n;
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        out.push(Figure {
            x0: at(start),
            x1: at(i),
            value: figure_value(&word, sep)?,
        });
    }
    (out.len() >= 2).then_some(out)
}

/// A row split into its label cells and its trailing figures (at most `max`).
fn split_row(line: &Line, max: usize, sep: Separators) -> (&[Cell], Vec<Figure>) {
    let mut end = line.cells.len();
    let mut figs: Vec<Figure> = Vec::new();
    while end > 0 {
        let Some(f) = cell_figures(&line.cells[end - 1], sep) else {
            break;
        };
        if figs.len() + f.len() > max {
            break;
        }
        figs.splice(0..0, f);
        end -= 1;
    }
    (&line.cells[..end], figs)
}

/// The label cells' text, joined.
fn label_of(cells: &[Cell]) -> String {
    plain(
        &cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The figure columns the rows with all `n` figures occupy.
fn learn_slots<'a>(rows: impl Iterator<Item = &'a [Figure]>, n: usize) -> Option<Slots> {
    let mut slots: Option<Slots> = None;
    for figs in rows.filter(|f| f.len() == n) {
        let s = slots.get_or_insert_with(|| figs.iter().map(|f| (f.x0, f.x1)).collect());
        for (slot, f) in s.iter_mut().zip(figs) {
            slot.0 = slot.0.min(f.x0);
            slot.1 = slot.1.max(f.x1);
        }
    }
    slots
}

/// The column a figure lies in: the one holding its centre, else the
/// nearest.
fn slot_of(f: &Figure, slots: &[(f32, f32)]) -> Option<usize> {
    let centre = (f.x0 + f.x1) / 2.0;
    let distance = |&(a, b): &(f32, f32)| {
        if centre < a {
            a - centre
        } else if centre >= b {
            centre - b
        } else {
            0.0
        }
    };
    slots
        .iter()
        .enumerate()
        .min_by(|x, y| distance(x.1).total_cmp(&distance(y.1)))
        .map(|(k, _)| k)
}

/// A row's `n` figure slots: in order when all are printed, else by
/// position. False when the figures could not be placed by position (then
/// they are read from the right: the empty cells are the leftmost).
fn assign(figs: &[Figure], slots: Option<&Slots>, n: usize) -> (Vec<Option<Decimal>>, bool) {
    let mut out = vec![None; n];
    if figs.len() == n {
        for (slot, f) in out.iter_mut().zip(figs) {
            *slot = f.value;
        }
        return (out, true);
    }
    if let Some(slots) = slots.filter(|s| s.len() == n) {
        let ks: Vec<Option<usize>> = figs.iter().map(|f| slot_of(f, slots)).collect();
        let increasing = ks.iter().all(Option::is_some) && ks.windows(2).all(|w| w[0] < w[1]);
        if increasing {
            for (k, f) in ks.iter().zip(figs) {
                if let Some(k) = k {
                    out[*k] = f.value;
                }
            }
            return (out, true);
        }
    }
    for (slot, f) in out.iter_mut().rev().zip(figs.iter().rev()) {
        *slot = f.value;
    }
    (out, false)
}

/// The slots of a header row whose cells name the `roles` (tested in
/// order on each cell), left to right; None unless every role has a cell.
fn header_slots(line: &Line, roles: &[&dyn Fn(&str) -> bool]) -> Option<Slots> {
    let mut found: Vec<Option<(f32, f32)>> = vec![None; roles.len()];
    for c in &line.cells {
        let k = header::key(&c.text);
        if let Some(r) = roles.iter().position(|is| is(&k)) {
            if found[r].is_none() {
                found[r] = Some((c.x0, c.x1));
            }
        }
    }
    let slots: Slots = found.into_iter().collect::<Option<_>>()?;
    slots
        .windows(2)
        .all(|w| w[0].1 <= w[1].0 + 1.0)
        .then_some(slots)
}

/// A vertical label printed a letter or two per line (`B`, `Ü`, `TÇ`).
fn is_rotated_piece(label: &str) -> bool {
    let n = label.chars().count();
    (1..=3).contains(&n) && label.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Whether every word is one of `vocabulary` (by key), a year, or, with
/// `capitals`, a word in capitals (a strategic-area heading printed with
/// the header).
fn only_header_words(label: &str, vocabulary: &[&str], capitals: bool) -> bool {
    label.split_whitespace().all(|w| {
        let k = header::key(w);
        k.is_empty()
            || vocabulary.contains(&k.as_str())
            || k.chars().all(|c| c.is_ascii_digit())
            || capitals
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
    })
}

fn warn(warnings: &mut Vec<Warning>, table: &str, page: Option<u32>, message: impl Into<Message>) {
    warnings.push(Warning {
        page,
        table: table.into(),
        message: message.into(),
    });
}

// ---------------------------------------------------------------------------
// İdarenin Toplam Kaynak İhtiyacı

/// What a resource-summary row is.
#[derive(Debug, Clone, PartialEq)]
enum ResKind {
    Level(Level, String),
    TargetsTotal,
    GeneralAdministration,
    Transfers,
    TotalBudget,
}

/// Resource-summary header cells: the amount, the share among the targets,
/// the share of the budget.
fn resource_header(line: &Line) -> Option<Slots> {
    let amount = |k: &str| !k.contains("pay") && (k.contains("kaynak") || k.contains("tutar"));
    let of_targets = |k: &str| k.contains("pay") && k.contains("performans");
    let of_budget = |k: &str| k.contains("pay") && k.contains("bütçe");
    header_slots(line, &[&amount, &of_targets, &of_budget])
}

/// The words of the resource summary's header and of the headings printed
/// with it.
const RESOURCE_HEADER: [&str; 24] = [
    "tl",
    "perf",
    "topl",
    "pay",
    "payı",
    "%",
    "/",
    "toplam",
    "toplamı",
    "bütçe",
    "içindeki",
    "kaynak",
    "ihtiyacı",
    "performans",
    "hedefleri",
    "hedefi",
    "hedef",
    "amaç",
    "stratejik",
    "kod",
    "maliyet",
    "maliyeti",
    "maliyetleri",
    "ve",
];

/// A line of the resource summary's header printed as text: header words
/// (with headings in capitals), one of them never part of a title (`TL`,
/// `Perf.`, `PAY`, `(%)`).
fn is_resource_header_line(label: &str) -> bool {
    only_header_words(label, &RESOURCE_HEADER, true)
        && label.split_whitespace().any(|w| {
            matches!(
                header::key(w).as_str(),
                "tl" | "perf" | "topl" | "pay" | "payı" | "%"
            )
        })
}

/// A resource-summary label: a level with its code (`Stratejik Amaç 1 …`,
/// `Perf. Hedefi 1.1.1 …`, or a bare code `1.1` in a cell of its own or
/// before the title), or a total row. Returns the kind and the title.
fn resource_kind(label: &str, code_cell: bool) -> Option<(ResKind, String)> {
    let t = plain(label);
    for (kw, level, parts) in [
        ("Stratejik Amaç", Level::Goal, 1),
        ("Stratejik Hedef", Level::Objective, 2),
        ("Performans Hedefi", Level::Target, 3),
        ("Perf. Hedefi", Level::Target, 3),
        ("Amaç", Level::Goal, 1),
        ("Hedef", Level::Objective, 2),
    ] {
        if let Some((code, title)) = coded(&t, kw, parts) {
            return Some((ResKind::Level(level, code), title));
        }
    }
    if code_cell {
        for (parts, level) in [(3, Level::Target), (2, Level::Objective), (1, Level::Goal)] {
            if let Some((code, title)) = leading_code(&t, parts) {
                return Some((ResKind::Level(level, code), title.to_string()));
            }
        }
    }
    let k = header::key(&t);
    let words: Vec<&str> = k.split(' ').collect();
    if words.len() > 5 {
        return None;
    }
    let kind = if k.starts_with("performans hedefleri") && k.contains("toplam") {
        ResKind::TargetsTotal
    } else if k.starts_with("genel yönetim") {
        ResKind::GeneralAdministration
    } else if k.contains("idarelere") && k.contains("transfer") {
        ResKind::Transfers
    } else if words.iter().any(|w| w.starts_with("toplam"))
        && words.iter().all(|w| {
            matches!(
                *w,
                "toplam" | "toplamı" | "bütçe" | "kaynak" | "ihtiyacı" | "genel" | "tl"
            )
        })
    {
        ResKind::TotalBudget
    } else {
        return None;
    };
    Some((kind, String::new()))
}

/// A level row printed with its code and title in one cell, indented by
/// level, in a table without a code column (`1.1 Kent Ekonomisine …`):
/// the code at the start of the label, taken where it can follow the
/// previous level row's code `prev` (its first child, or a later sibling
/// of it or of one of its parents), so a wrapped title's line that starts
/// with a number (`5 Yıllık Plan …`) is not taken for a row.
fn coded_in_label(label: &str, prev: Option<&str>) -> Option<(ResKind, String)> {
    let (ResKind::Level(_, code), title) = resource_kind(label, true)? else {
        return None;
    };
    if !title.starts_with(char::is_alphabetic) {
        return None;
    }
    let number = |c: &str| -> Option<Vec<u32>> { c.split('.').map(|n| n.parse().ok()).collect() };
    let c = number(&code)?;
    if let Some(p) = prev.and_then(number) {
        let depth = c.len() - 1;
        let child = c.len() == p.len() + 1 && c[..depth] == p[..];
        let sibling = c.len() <= p.len() && c[..depth] == p[..depth] && c[depth] > p[depth];
        if !child && !sibling {
            return None;
        }
    }
    resource_kind(label, true)
}

/// Whether the first label cell is a code alone (`1.1`, `1.1.1.`).
fn is_code_cell(cells: &[Cell]) -> bool {
    cells.first().is_some_and(|c| {
        (1..=3).any(|p| leading_code(&c.text, p).is_some_and(|(_, rest)| rest.is_empty()))
    })
}

/// One resource-summary row read so far.
struct OpenRow {
    kind: ResKind,
    lines: Vec<String>,
}

fn push_resource(out: &mut ResourceSummary, row: OpenRow, figs: &[Option<Decimal>]) {
    let [amount, share_of_targets, share_of_budget] = [figs[0], figs[1], figs[2]];
    let total = ResourceTotal {
        amount,
        share_of_targets,
        share_of_budget,
    };
    match row.kind {
        ResKind::Level(level, code) => out.rows.push(ResourceRow {
            level,
            code,
            title: join_lines(&row.lines),
            amount,
            share_of_targets,
            share_of_budget,
        }),
        ResKind::TargetsTotal => out.targets_total = total,
        ResKind::GeneralAdministration => out.general_administration = total,
        ResKind::Transfers => out.transfers = total,
        ResKind::TotalBudget => out.total_budget = total,
    }
}

/// Parses İdarenin Toplam Kaynak İhtiyacı from the section's rows.
pub fn resources(items: &[Item], sep: Separators, warnings: &mut Vec<Warning>) -> ResourceSummary {
    const N: usize = 3;
    let rows: Vec<(&Item, &[Cell], Vec<Figure>)> = items
        .iter()
        .filter(|it| !it.is_blank())
        .map(|it| {
            let (cells, figs) = split_row(it.line, N, sep);
            (it, cells, figs)
        })
        .collect();
    let learnt = learn_slots(
        rows.iter()
            .filter(|(_, cells, _)| {
                cells.is_empty() || resource_kind(&label_of(cells), true).is_some()
            })
            .map(|(_, _, f)| f.as_slice()),
        N,
    );
    let mut out = ResourceSummary::default();
    let mut header: Option<Slots> = None;
    let mut open: Option<OpenRow> = None;
    let mut started = false;
    // Codes are taken from the labels' starts only in a table whose labels
    // print a hierarchy (a code under an earlier one: `1` then `1.1`), not
    // in a list of numbered names (`1 PERSONEL GİDERLERİ`).
    let label_codes: Vec<String> = rows
        .iter()
        .filter_map(
            |(_, cells, _)| match resource_kind(&label_of(cells), true) {
                Some((ResKind::Level(_, code), _)) => Some(code),
                _ => None,
            },
        )
        .collect();
    let hierarchy = label_codes.iter().enumerate().any(|(k, a)| {
        let parent = format!("{a}.");
        label_codes[k + 1..].iter().any(|b| b.starts_with(&parent))
    });
    // The code of the last level row read.
    let mut last_code: Option<String> = None;
    for (it, cells, figs) in &rows {
        if figs.is_empty() {
            if let Some(s) = resource_header(it.line) {
                header = Some(s);
                continue;
            }
        }
        let label = label_of(cells);
        let slots = header.as_ref().or(learnt.as_ref());
        let place = |row: OpenRow, out: &mut ResourceSummary, warnings: &mut Vec<Warning>| {
            let (values, placed) = assign(figs, slots, N);
            if !placed {
                warn(
                    warnings,
                    RESOURCES,
                    it.page,
                    msg!(
                        "warning-summary-from-right",
                        text = format!("{:?}", plain(it.text()))
                    ),
                );
            }
            push_resource(out, row, &values);
        };
        let kind = resource_kind(&label, is_code_cell(cells)).or_else(|| {
            hierarchy
                .then(|| coded_in_label(&label, last_code.as_deref()))
                .flatten()
        });
        if let Some((kind, title)) = kind {
            if let ResKind::Level(_, code) = &kind {
                last_code = Some(code.clone());
            }
            // A header line that reads like a total (`Toplam`).
            if figs.is_empty()
                && !matches!(kind, ResKind::Level(..))
                && only_header_words(&label, &RESOURCE_HEADER, true)
            {
                continue;
            }
            if let Some(row) = open.take() {
                push_resource(&mut out, row, &[None; N]);
            }
            let row = OpenRow {
                kind,
                lines: vec![title],
            };
            if figs.is_empty() {
                open = Some(row);
            } else {
                place(row, &mut out, warnings);
                started = true;
            }
            continue;
        }
        if let Some(mut row) = open.take() {
            // The header repeated between a label and its figures (a page
            // break) is no part of the title.
            if !label.is_empty() && !is_resource_header_line(&label) {
                row.lines.push(label);
            }
            if figs.is_empty() {
                open = Some(row);
            } else {
                place(row, &mut out, warnings);
                started = true;
            }
            continue;
        }
        if figs.is_empty() {
            if !started || only_header_words(&label, &RESOURCE_HEADER, true) {
                continue;
            }
            warn(
                warnings,
                RESOURCES,
                it.page,
                msg!("warning-summary-text-outside", text = format!("{label:?}")),
            );
        } else {
            warn(
                warnings,
                RESOURCES,
                it.page,
                msg!(
                    "warning-summary-figures-without-row",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
        }
    }
    if let Some(row) = open {
        push_resource(&mut out, row, &[None; N]);
    }
    out
}

// ---------------------------------------------------------------------------
// … Mali Yılı Toplam Kaynak İhtiyacı Tablosu

/// What an economic-summary row is.
#[derive(Debug, Clone, PartialEq)]
enum Eco {
    /// An economic code (`1`) and its name.
    Code(String, String),
    BudgetTotal,
    /// An off-budget source (`Döner Sermaye`).
    OffBudget(String),
    OffBudgetTotal,
    GrandTotal,
    /// The off-budget group's own label (`Bütçe Dışı Kaynak`): with figures
    /// it is the one off-budget line; without, the label of the rows below.
    Group,
}

/// Economic-summary header cells: the activities' total, general
/// administration, transfers to other administrations, the total.
fn economic_header(line: &Line) -> Option<Slots> {
    let activities = |k: &str| k.contains("faaliyet");
    let general = |k: &str| k.contains("genel yönetim");
    let transfers = |k: &str| k.contains("idarelere") || k.contains("transfer");
    let total = |k: &str| k.contains("toplam");
    header_slots(line, &[&activities, &general, &transfers, &total])
}

const ECONOMIC_HEADER: [&str; 18] = [
    "ekonomik",
    "kod",
    "faaliyet",
    "toplamı",
    "genel",
    "yönetim",
    "giderleri",
    "diğer",
    "idarelere",
    "transfer",
    "transferler",
    "edilecek",
    "kaynaklar",
    "toplam",
    "tl",
    "yılı",
    "kaynak",
    "ihtiyacı",
];

/// The words of the off-budget group's label.
fn is_group_word(key: &str) -> bool {
    matches!(
        key,
        "bütçe" | "dışı" | "kaynak" | "kaynaklar" | "kaynakları" | "kaynaklardan"
    )
}

/// An economic-summary label: `1 PERSONEL GİDERLERİ`, `01 Personel
/// Giderleri`, `1. …`; the budget total (`Bütçe Toplamı`, `Toplam Bütçe
/// Kaynak İhtiyacı`); off-budget rows, the group label before them
/// included (`Bütçe Dışı Kaynak Döner Sermaye`); the off-budget total
/// (`Bütçe Dışı Kaynak Toplamı`, `Toplam Bütçe Dışı Kaynak İhtiyacı`); the
/// grand total (`Genel Toplam`, `Toplam Kaynak İhtiyacı`).
fn economic_kind(label: &str) -> Option<Eco> {
    let t = plain(label);
    if let Some((first, rest)) = t.split_once(' ') {
        let code = first.trim_end_matches('.');
        if (1..=2).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_digit())
            && rest.chars().any(char::is_alphabetic)
        {
            let n: u32 = code.parse().ok()?;
            return (n > 0).then(|| {
                Eco::Code(
                    n.to_string(),
                    normalize::title_case_tr(&normalize::clean(rest)),
                )
            });
        }
    }
    let k = header::key(&t);
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let totals = words.iter().any(|w| w.starts_with("toplam"));
    let off_budget = k.contains("bütçe dışı")
        || k.contains("döner sermaye")
        || k.contains("yurt içi")
        || k.contains("yurt dışı");
    if off_budget {
        if totals {
            return Some(Eco::OffBudgetTotal);
        }
        let printed: Vec<&str> = t
            .split_whitespace()
            .skip_while(|w| is_group_word(&header::key(w)))
            .collect();
        if printed.is_empty() {
            return Some(Eco::Group);
        }
        return Some(Eco::OffBudget(normalize::title_case_tr(&printed.join(" "))));
    }
    if totals && words.contains(&"bütçe") {
        return Some(Eco::BudgetTotal);
    }
    let grand = words.iter().all(|w| {
        matches!(
            *w,
            "genel" | "toplam" | "toplamı" | "kaynak" | "ihtiyacı" | "tl"
        )
    });
    (totals && grand).then_some(Eco::GrandTotal)
}

/// An economic-summary row read so far: its kind and the label's further
/// lines.
struct OpenEco {
    kind: Eco,
    more: Vec<String>,
}

fn push_economic(out: &mut EconomicSummary, row: OpenEco, figs: &[Option<Decimal>]) {
    let mut r = EconomicRow {
        code: None,
        name: None,
        activities: figs[0],
        general_administration: figs[1],
        transfers: figs[2],
        total: figs[3],
    };
    let named = |name: &str, more: &[String]| {
        let mut lines = vec![name.to_string()];
        lines.extend(more.iter().cloned());
        normalize::title_case_tr(&join_lines(&lines))
    };
    match row.kind {
        Eco::Code(code, name) => {
            r.code = Some(code);
            r.name = Some(named(&name, &row.more));
            out.rows.push(r);
        }
        Eco::BudgetTotal => out.budget_total = r,
        Eco::OffBudget(name) => {
            r.name = Some(named(&name, &row.more));
            out.off_budget.push(r);
        }
        Eco::OffBudgetTotal | Eco::Group => out.off_budget_total = r,
        Eco::GrandTotal => out.grand_total = r,
    }
}

/// Parses the Mali Yılı Toplam Kaynak İhtiyacı Tablosu from the section's
/// rows. The table ends at its grand total; what follows (the chart's
/// figures) is not read.
pub fn economic(items: &[Item], sep: Separators, warnings: &mut Vec<Warning>) -> EconomicSummary {
    const N: usize = 4;
    let rows: Vec<(&Item, &[Cell], Vec<Figure>)> = items
        .iter()
        .filter(|it| !it.is_blank())
        .map(|it| {
            let (cells, figs) = split_row(it.line, N, sep);
            (it, cells, figs)
        })
        .collect();
    let learnt = learn_slots(
        rows.iter()
            .filter(|(_, cells, _)| economic_kind(&label_of(cells)).is_some())
            .map(|(_, _, f)| f.as_slice()),
        N,
    );
    let mut out = EconomicSummary::default();
    let mut header: Option<Slots> = None;
    let mut open: Option<OpenEco> = None;
    let mut started = false;
    let mut end = rows.len();
    for (i, (it, cells, figs)) in rows.iter().enumerate() {
        if figs.is_empty() {
            if let Some(s) = economic_header(it.line) {
                header = Some(s);
                continue;
            }
        }
        let label = label_of(cells);
        if figs.is_empty() && is_rotated_piece(&label) {
            continue;
        }
        let slots = header.as_ref().or(learnt.as_ref());
        let place = |row: OpenEco, out: &mut EconomicSummary, warnings: &mut Vec<Warning>| {
            let (values, placed) = assign(figs, slots, N);
            if !placed {
                warn(
                    warnings,
                    ECONOMIC,
                    it.page,
                    msg!(
                        "warning-summary-from-right",
                        text = format!("{:?}", plain(it.text()))
                    ),
                );
            }
            let done = row.kind == Eco::GrandTotal;
            push_economic(out, row, &values);
            done
        };
        if let Some(kind) = (!label.is_empty()).then(|| economic_kind(&label)).flatten() {
            // A header line that reads like a total (`Toplamı`, `Genel Toplam`).
            if figs.is_empty()
                && matches!(kind, Eco::GrandTotal | Eco::BudgetTotal)
                && only_header_words(&label, &ECONOMIC_HEADER, false)
            {
                continue;
            }
            if let Some(row) = open.take() {
                if push_open(&mut out, row) {
                    end = i;
                    break;
                }
            }
            started = true;
            let row = OpenEco {
                kind,
                more: Vec::new(),
            };
            if figs.is_empty() {
                open = Some(row);
            } else if place(row, &mut out, warnings) {
                end = i + 1;
                break;
            }
            continue;
        }
        if let Some(mut row) = open.take() {
            if !label.is_empty() {
                row.more.push(label);
            }
            if figs.is_empty() {
                open = Some(row);
            } else if place(row, &mut out, warnings) {
                end = i + 1;
                break;
            }
            continue;
        }
        if figs.is_empty() {
            if !started || only_header_words(&label, &ECONOMIC_HEADER, false) {
                continue;
            }
            warn(
                warnings,
                ECONOMIC,
                it.page,
                msg!("warning-summary-text-outside", text = format!("{label:?}")),
            );
        } else {
            warn(
                warnings,
                ECONOMIC,
                it.page,
                msg!(
                    "warning-summary-row-unrecognised",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
        }
    }
    if let Some(row) = open {
        push_open(&mut out, row);
    }
    // After the grand total comes what is not the table (a chart's
    // figures); a row of the table there is out of place.
    for (it, cells, figs) in &rows[end..] {
        let label = label_of(cells);
        if !figs.is_empty() && !label.is_empty() && economic_kind(&label).is_some() {
            warn(
                warnings,
                ECONOMIC,
                it.page,
                msg!(
                    "warning-summary-after-total",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
        }
    }
    out
}

/// Ends a row printed without figures (empty cells); the group label alone
/// is no row. True when it was the grand total.
fn push_open(out: &mut EconomicSummary, row: OpenEco) -> bool {
    if row.kind == Eco::Group {
        return false;
    }
    let done = row.kind == Eco::GrandTotal;
    push_economic(out, row, &[None; 4]);
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Page;
    use crate::tables::lines;

    fn line(y: f32, cells: &[(f32, f32, &str)]) -> Line {
        Line::from_cells(y, 8.0, cells)
    }

    fn page(number: u32, lines: Vec<Line>) -> Page {
        Page {
            number: Some(number),
            width: 800.0,
            height: 600.0,
            lines,
            grids: Vec::new(),
        }
    }

    fn d(s: &str) -> Option<Decimal> {
        crate::normalize::parse_number(s)
    }

    #[test]
    fn figures_of_cells() {
        let one = Cell {
            x0: 0.0,
            x1: 10.0,
            text: "1.000,50".into(),
        };
        assert_eq!(
            cell_figures(&one, Separators::Turkish).map(|f| f.len()),
            Some(1)
        );
        let dash = Cell {
            x0: 0.0,
            x1: 10.0,
            text: "–".into(),
        };
        assert_eq!(
            cell_figures(&dash, Separators::Turkish).map(|f| f[0].value),
            Some(None)
        );
        let two = Cell {
            x0: 0.0,
            x1: 90.0,
            text: "1,00 2,00".into(),
        };
        let f = cell_figures(&two, Separators::Turkish).unwrap_or_default();
        assert_eq!(f.len(), 2);
        assert!(f[0].x1 <= f[1].x0);
        let words = Cell {
            x0: 0.0,
            x1: 90.0,
            text: "Stratejik Amaç 3".into(),
        };
        assert_eq!(cell_figures(&words, Separators::Turkish), None);
    }

    #[test]
    fn resource_labels_by_meaning() {
        let level = |t: &str, code_cell: bool| match resource_kind(t, code_cell) {
            Some((ResKind::Level(l, c), title)) => Some((l, c, title)),
            _ => None,
        };
        assert_eq!(
            level("Stratejik Amaç 1 Herkesi Kapsayan", false),
            Some((Level::Goal, "1".into(), "Herkesi Kapsayan".into()))
        );
        assert_eq!(
            level("Perf. Hedefi 1.1.1 Altyapı", false).map(|l| (l.0, l.1)),
            Some((Level::Target, "1.1.1".into()))
        );
        assert_eq!(
            level("STRATEJİK HEDEF 2.1: Toplu Ulaşım", false).map(|l| (l.0, l.1)),
            Some((Level::Objective, "2.1".into()))
        );
        assert_eq!(
            level("1.2 Yerleşim Alanları", true).map(|l| (l.0, l.1)),
            Some((Level::Objective, "1.2".into()))
        );
        assert_eq!(level("5 Yıllık Plan", false), None);
        let kind = |t: &str| resource_kind(t, false).map(|k| k.0);
        assert_eq!(
            kind("Performans Hedefleri Toplamı"),
            Some(ResKind::TargetsTotal)
        );
        assert_eq!(
            kind("GENEL YÖNETİM GİDERLERİ"),
            Some(ResKind::GeneralAdministration)
        );
        assert_eq!(
            kind("Diğer İdarelere Transferler"),
            Some(ResKind::Transfers)
        );
        assert_eq!(kind("Toplam Bütçe"), Some(ResKind::TotalBudget));
        assert_eq!(kind("Toplam Kaynak İhtiyacı"), Some(ResKind::TotalBudget));
        assert_eq!(kind("Toplam Bütçe PAY"), None);
        assert_eq!(kind("İdarenin 2024 Yılı Toplam Kaynak İhtiyacı"), None);
    }

    #[test]
    fn economic_labels_by_meaning() {
        let code = |c: &str, n: &str| Some(Eco::Code(c.into(), n.into()));
        assert_eq!(
            economic_kind("1 PERSONEL GİDERLERİ"),
            code("1", "Personel Giderleri")
        );
        assert_eq!(
            economic_kind("01 Personel Giderleri"),
            code("1", "Personel Giderleri")
        );
        assert_eq!(
            economic_kind("3. Mal ve Hizmet Alım Giderleri"),
            code("3", "Mal ve Hizmet Alım Giderleri")
        );
        assert_eq!(economic_kind("Bütçe Toplamı"), Some(Eco::BudgetTotal));
        assert_eq!(
            economic_kind("TOPLAM BÜTÇE KAYNAK İHTİYACI"),
            Some(Eco::BudgetTotal)
        );
        assert_eq!(
            economic_kind("Bütçe Dışı Kaynak Döner Sermaye"),
            Some(Eco::OffBudget("Döner Sermaye".into()))
        );
        assert_eq!(
            economic_kind("DİĞER YURT İÇİ"),
            Some(Eco::OffBudget("Diğer Yurt İçi".into()))
        );
        assert_eq!(
            economic_kind("Yurt Dışı"),
            Some(Eco::OffBudget("Yurt Dışı".into()))
        );
        assert_eq!(
            economic_kind("Bütçe Dışı Kaynak Toplamı"),
            Some(Eco::OffBudgetTotal)
        );
        assert_eq!(
            economic_kind("TOPLAM BÜTÇE DIŞI KAYNAK İHTİYACI"),
            Some(Eco::OffBudgetTotal)
        );
        assert_eq!(economic_kind("Bütçe Dışı Kaynak"), Some(Eco::Group));
        assert_eq!(economic_kind("Genel Toplam"), Some(Eco::GrandTotal));
        assert_eq!(
            economic_kind("TOPLAM KAYNAK İHTİYACI"),
            Some(Eco::GrandTotal)
        );
        assert_eq!(
            economic_kind("2024 Mali Yılı Toplam Kaynak İhtiyacı Tablosu"),
            None
        );
        assert_eq!(economic_kind("Ekonomik Kod"), None);
    }

    /// A table of cells: the header names the figure columns, so a total
    /// without its middle share keeps its figures in their columns; the
    /// header repeated on the next page is skipped.
    #[test]
    fn resources_under_a_header_of_cells() {
        let header = |y| {
            line(
                y,
                &[
                    (40.0, 500.0, "Amaç / Hedef / Performans Hedefi"),
                    (500.0, 620.0, "Kaynak İhtiyacı (TL)"),
                    (
                        620.0,
                        710.0,
                        "Performans Hedefleri Toplamı İçindeki Payı (%)",
                    ),
                    (710.0, 800.0, "Toplam Bütçe İçindeki Payı (%)"),
                ],
            )
        };
        let p1 = page(
            9,
            vec![
                line(
                    40.0,
                    &[(40.0, 300.0, "İdarenin 2024 Yılı Toplam Kaynak İhtiyacı")],
                ),
                header(50.0),
                line(
                    60.0,
                    &[
                        (40.0, 90.0, "1"),
                        (90.0, 500.0, "Herkesi Kapsayan Bir Altyapı"),
                        (500.0, 620.0, "9.515.641.000,00"),
                        (620.0, 710.0, "29,30"),
                        (710.0, 800.0, "21,10"),
                    ],
                ),
            ],
        );
        let p2 = page(
            10,
            vec![
                header(40.0),
                line(
                    60.0,
                    &[
                        (40.0, 90.0, "1.1.1"),
                        (90.0, 500.0, "Altyapı Çalışmaları"),
                        (500.0, 620.0, "5.815.779.000,00"),
                        (620.0, 710.0, "17,91"),
                        (710.0, 800.0, "12,90"),
                    ],
                ),
                line(
                    70.0,
                    &[
                        (40.0, 500.0, "Toplam Kaynak İhtiyacı"),
                        (500.0, 620.0, "45.100.000.000,00"),
                        (710.0, 800.0, "100,00"),
                    ],
                ),
            ],
        );
        let pages = [p1, p2];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = resources(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let rows: Vec<_> = out
            .rows
            .iter()
            .map(|r| (r.level, r.code.as_str(), r.title.as_str(), r.amount))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    Level::Goal,
                    "1",
                    "Herkesi Kapsayan Bir Altyapı",
                    d("9.515.641.000,00")
                ),
                (
                    Level::Target,
                    "1.1.1",
                    "Altyapı Çalışmaları",
                    d("5.815.779.000,00")
                ),
            ]
        );
        assert_eq!(
            out.total_budget,
            ResourceTotal {
                amount: d("45.100.000.000,00"),
                share_of_targets: None,
                share_of_budget: d("100,00"),
            }
        );
    }

    /// Lines under a header printed as runs of text: a label wrapped onto
    /// rows of its own with its figures on a row after it (the header
    /// repeated between them), headings in capitals with the header's
    /// words, a dash for an empty share.
    #[test]
    fn resources_from_lines() {
        let p = page(
            4,
            vec![
                line(
                    40.0,
                    &[(
                        36.0,
                        300.0,
                        "Stratejik Amaç, Stratejik Hedef ve Performans Hedeflerinin,",
                    )],
                ),
                line(50.0, &[(36.0, 120.0, "ALTYAPI TL Perf. Topl.")]),
                line(55.0, &[(36.0, 60.0, "Toplam")]),
                line(60.0, &[(36.0, 60.0, "(%)")]),
                line(
                    70.0,
                    &[
                        (36.0, 510.0, "Stratejik Hedef 1.1 Kent Altyapısı"),
                        (510.0, 670.0, "5.815.779.000,00"),
                        (670.0, 750.0, "17,91"),
                        (750.0, 800.0, "12,90"),
                    ],
                ),
                line(80.0, &[(36.0, 110.0, "Stratejik Amaç 4")]),
                line(90.0, &[(36.0, 360.0, "İzmirlileri Kendilerine Dair")]),
                line(100.0, &[(36.0, 390.0, "Kararlara Katabilmek")]),
                line(105.0, &[(36.0, 130.0, "DEMOKRASİ TL Perf. Topl.")]),
                line(
                    110.0,
                    &[
                        (488.0, 670.0, "5.679.104.000,00"),
                        (670.0, 750.0, "17,49"),
                        (750.0, 800.0, "12,59"),
                    ],
                ),
                line(120.0, &[(36.0, 130.0, "DOĞA TL Perf. Topl. PAY (%)")]),
                line(
                    130.0,
                    &[
                        (36.0, 500.0, "Toplam Bütçe"),
                        (500.0, 670.0, "45.100.000.000,00"),
                        (670.0, 750.0, "-"),
                        (750.0, 800.0, "100,00"),
                    ],
                ),
            ],
        );
        let pages = [p];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = resources(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(out.rows.len(), 2);
        assert_eq!(out.rows[1].code, "4");
        assert_eq!(
            out.rows[1].title,
            "İzmirlileri Kendilerine Dair Kararlara Katabilmek"
        );
        assert_eq!(out.rows[1].share_of_budget, d("12,59"));
        assert_eq!(out.total_budget.share_of_targets, None);
        assert_eq!(out.total_budget.amount, d("45.100.000.000,00"));
    }

    /// Lines without a header of cells: the columns are learnt from the
    /// complete rows, so a row printed as runs of text with other extents
    /// keeps its figures in their columns; the rotated group label's
    /// letters are skipped; what follows the grand total is not read.
    #[test]
    fn economic_from_lines() {
        let full = |y, label: &'static str, figs: [&'static str; 4]| {
            line(
                y,
                &[
                    (36.0, 300.0, label),
                    (300.0, 430.0, figs[0]),
                    (430.0, 560.0, figs[1]),
                    (560.0, 690.0, figs[2]),
                    (690.0, 800.0, figs[3]),
                ],
            )
        };
        let p = page(
            7,
            vec![
                line(
                    40.0,
                    &[(36.0, 200.0, "2024 Mali Yılı Toplam Kaynak İhtiyacı Tablosu")],
                ),
                line(45.0, &[(36.0, 41.0, "B")]),
                line(50.0, &[(36.0, 120.0, "Ekonomik Kod Faaliyet")]),
                line(55.0, &[(36.0, 60.0, "Toplamı")]),
                line(60.0, &[(36.0, 60.0, "Genel Toplam")]),
                full(
                    70.0,
                    "1 PERSONEL GİDERLERİ",
                    ["2,00", "1,00", "0,00", "3,00"],
                ),
                full(80.0, "9 YEDEK ÖDENEKLER", ["0,00", "5,00", "0,00", "5,00"]),
                full(
                    90.0,
                    "TOPLAM BÜTÇE KAYNAK İHTİYACI",
                    ["2,00", "6,00", "0,00", "8,00"],
                ),
                line(100.0, &[(36.0, 41.0, "Ü")]),
                line(105.0, &[(36.0, 100.0, "DÖNER SERMAYE")]),
                line(
                    110.0,
                    &[
                        (36.0, 72.0, "YURT DIŞI"),
                        (380.0, 400.0, "4,00"),
                        (760.0, 800.0, "4,00"),
                    ],
                ),
                full(
                    120.0,
                    "TOPLAM BÜTÇE DIŞI KAYNAK İHTİYACI",
                    ["4,00", "0,00", "0,00", "4,00"],
                ),
                full(
                    130.0,
                    "TOPLAM KAYNAK İHTİYACI",
                    ["6,00", "6,00", "0,00", "12,00"],
                ),
                line(140.0, &[(36.0, 180.0, "2,00 1,00 0,00")]),
            ],
        );
        let pages = [p];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = economic(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let codes: Vec<_> = out
            .rows
            .iter()
            .map(|r| (r.code.as_deref(), r.name.as_deref(), r.total))
            .collect();
        assert_eq!(
            codes,
            [
                (Some("1"), Some("Personel Giderleri"), d("3,00")),
                (Some("9"), Some("Yedek Ödenekler"), d("5,00")),
            ]
        );
        assert_eq!(out.budget_total.total, d("8,00"));
        assert_eq!(out.off_budget.len(), 2);
        assert_eq!(out.off_budget[0].name.as_deref(), Some("Döner Sermaye"));
        assert_eq!(out.off_budget[0].total, None);
        let foreign = &out.off_budget[1];
        assert_eq!(
            (
                foreign.activities,
                foreign.general_administration,
                foreign.total
            ),
            (d("4,00"), None, d("4,00"))
        );
        assert_eq!(out.off_budget_total.total, d("4,00"));
        assert_eq!(out.grand_total.total, d("12,00"));
    }

    /// A table of cells: a two-row header naming the columns, codes in a
    /// cell of their own, the off-budget group label in a merged cell
    /// beside its first row, one off-budget line read as the total.
    #[test]
    fn economic_under_a_header_of_cells() {
        let p = page(
            8,
            vec![
                line(
                    50.0,
                    &[
                        (40.0, 380.0, "Ekonomik Kod"),
                        (380.0, 800.0, "2009 Yılı Kaynak İhtiyacı (TL)"),
                    ],
                ),
                line(
                    60.0,
                    &[
                        (380.0, 485.0, "Faaliyet Toplamı"),
                        (485.0, 590.0, "Genel Yönetim Giderleri"),
                        (590.0, 690.0, "Diğer İdarelere Transferler"),
                        (690.0, 800.0, "Toplam"),
                    ],
                ),
                line(
                    70.0,
                    &[
                        (40.0, 120.0, "01"),
                        (120.0, 380.0, "PERSONEL GİDERLERİ"),
                        (380.0, 485.0, "166.356.000"),
                        (485.0, 590.0, "63.306.000"),
                        (690.0, 800.0, "229.662.000"),
                    ],
                ),
                line(
                    80.0,
                    &[
                        (40.0, 120.0, "Bütçe Dışı Kaynak"),
                        (120.0, 380.0, "Döner Sermaye"),
                        (380.0, 485.0, "25.575.000"),
                        (690.0, 800.0, "25.575.000"),
                    ],
                ),
                line(90.0, &[(120.0, 380.0, "Yurt Dışı")]),
                line(
                    100.0,
                    &[
                        (40.0, 380.0, "GENEL TOPLAM"),
                        (380.0, 485.0, "1.204.864.000"),
                        (485.0, 590.0, "577.066.000"),
                        (590.0, 690.0, "685.060.000"),
                        (690.0, 800.0, "2.466.990.000"),
                    ],
                ),
            ],
        );
        let pages = [p];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = economic(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let r = &out.rows[0];
        assert_eq!(
            (r.code.as_deref(), r.name.as_deref()),
            (Some("1"), Some("Personel Giderleri"))
        );
        assert_eq!(
            (r.activities, r.general_administration, r.transfers, r.total),
            (d("166.356.000"), d("63.306.000"), None, d("229.662.000"))
        );
        let names: Vec<_> = out.off_budget.iter().map(|r| r.name.as_deref()).collect();
        assert_eq!(names, [Some("Döner Sermaye"), Some("Yurt Dışı")]);
        assert_eq!(out.off_budget[0].transfers, None);
        assert_eq!(out.off_budget[0].total, d("25.575.000"));
        assert_eq!(out.grand_total.transfers, d("685.060.000"));
    }

    #[test]
    fn a_row_after_the_grand_total_is_warned() {
        let row = |y, label: &'static str| {
            line(
                y,
                &[
                    (36.0, 300.0, label),
                    (300.0, 430.0, "1,00"),
                    (430.0, 560.0, "1,00"),
                    (560.0, 690.0, "0,00"),
                    (690.0, 800.0, "2,00"),
                ],
            )
        };
        let p = page(
            2,
            vec![
                row(50.0, "Genel Toplam"),
                line(55.0, &[(36.0, 180.0, "1,00 1,00 0,00")]),
                row(60.0, "1 Personel Giderleri"),
            ],
        );
        let pages = [p];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = economic(&items, Separators::Turkish, &mut warnings);
        assert!(out.rows.is_empty());
        assert_eq!(out.grand_total.total, d("2,00"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.starts_with("row after the grand total"));
    }

    #[test]
    fn unrecognised_rows_are_warned() {
        let p = page(
            3,
            vec![
                line(
                    50.0,
                    &[
                        (36.0, 300.0, "1 PERSONEL GİDERLERİ"),
                        (300.0, 430.0, "1,00"),
                        (430.0, 560.0, "1,00"),
                        (560.0, 690.0, "0,00"),
                        (690.0, 800.0, "2,00"),
                    ],
                ),
                line(
                    60.0,
                    &[(36.0, 300.0, "Açıklanmamış Satır"), (300.0, 430.0, "5,00")],
                ),
            ],
        );
        let pages = [p];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = economic(&items, Separators::Turkish, &mut warnings);
        assert_eq!(out.rows.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].page, Some(3));
        assert!(warnings[0].message.starts_with("unrecognised row"));
        let mut warnings = Vec::new();
        let out = resources(&items, Separators::Turkish, &mut warnings);
        assert!(out.rows.is_empty());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
