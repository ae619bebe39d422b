//! Performance-target tables (Performans Hedefi Tablosu) read from table
//! rows: the goal / objective / target labels, the indicator table with its
//! year columns, the activity table with budget / off-budget / total, its
//! total row, footnotes and the strategic-area themes printed above goals.
//!
//! Every table row arrives whole (the layout stage joined a name wrapped
//! over several lines into its cell), so a row is one indicator or one
//! activity. Columns are known by the meaning of their header labels, in
//! any wording seen in programmes; a row's cells go to the columns they lie
//! under. Labels are recognised whether the code sits in the label cell, in
//! a cell of its own or before the title.

use crate::error::Warning;
use crate::i18n::Message;
use crate::model::{
    ActivityLine, Amounts, ColumnKind, Goal, Indicator, IndicatorColumn, Objective, Target, Value,
};
use crate::msg;
use crate::normalize::number::{parse_amount_as, parse_number_as, Separators};
use crate::normalize::{self, join_lines};

use super::header::{self, Column};
use super::lines::{after_keyword, coded, pitch, plain, Item};
use super::rows_of::{cell_text, cell_values};

pub(super) const TABLE: &str = "Performans Hedefi Tablosu";

/// What the target tables gave.
#[derive(Debug, Default)]
pub struct Parsed {
    pub goals: Vec<Goal>,
    pub columns: Vec<IndicatorColumn>,
    pub fiscal_year: Option<i32>,
}

/// A cell's value: a number when it parses as one (printed with the
/// document's separators), else the repaired text; none for an empty cell
/// or one holding a dash alone.
pub fn to_value(v: Option<&str>, sep: Separators) -> Option<Value> {
    let v = v?.trim();
    if v.is_empty() || matches!(v, "-" | "–" | "—") {
        return None;
    }
    Some(match parse_number_as(v, sep) {
        Some(d) => Value::Number(d),
        None => Value::Text(normalize::clean(v)),
    })
}

pub fn year_of(s: &str) -> Option<i32> {
    let s = s.trim();
    (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1990..2200).contains(y))
}

/// Year columns from header texts like "2022 Gerçekleşen" / "2024 Hedef" /
/// "2019": the year, the kind its word names, the header as printed.
pub fn year_columns(texts: &[String]) -> Vec<IndicatorColumn> {
    texts
        .iter()
        .filter_map(|t| {
            let label = normalize::clean(&t.split_whitespace().collect::<Vec<_>>().join(" "));
            let year = label.split_whitespace().find_map(year_of)?;
            Some(IndicatorColumn {
                year,
                kind: ColumnKind::from_label(&label),
                label,
            })
        })
        .collect()
}

/// A code printed before an indicator's or an activity's name (`PG1.1.1.3-`,
/// `INKA_P_9.1.1.1`, `F01`): the code without trailing punctuation, and the
/// name after it. A code has a letter prefix or dots, and digits.
pub fn printed_code(name: &str) -> Option<(String, &str)> {
    let (first, rest) = name.trim_start().split_once(char::is_whitespace)?;
    let code = first.trim_end_matches(['-', '–', ':', '.', ')']);
    let letters = code
        .chars()
        .take_while(|c| c.is_ascii_uppercase() || *c == '_')
        .count();
    let digits = code.chars().filter(char::is_ascii_digit).count();
    let shaped = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    let dotted = code.contains('.') && code.starts_with(|c: char| c.is_ascii_digit());
    (shaped && digits > 0 && (letters > 0 || dotted) && code.chars().last()?.is_ascii_digit())
        .then(|| (code.to_string(), rest.trim_start()))
}

/// The label keywords of each level, longest first.
const GOAL: [&str; 2] = ["Stratejik Amaç", "Amaç"];
const OBJECTIVE: [&str; 2] = ["Stratejik Hedef", "Hedef"];
const TARGET: [&str; 1] = ["Performans Hedefi"];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Head {
    Goal,
    Objective,
    Target,
}

/// What the columns of an indicator table hold.
#[derive(Debug, Clone)]
struct IndicatorCols {
    cols: Vec<Column>,
    name: usize,
    unit: Option<usize>,
    /// The columns holding values, in printed order.
    values: Vec<usize>,
    /// For each of `values`, its position among the document's indicator
    /// columns (none: a column the document does not have).
    slots: Vec<Option<usize>>,
    /// The header has a unit label but the rows no unit column of their
    /// own (a text export): a row's unit is its name's last word.
    unit_in_name: bool,
}

/// What the columns of an activity table hold.
#[derive(Debug, Clone)]
struct ActivityCols {
    cols: Vec<Column>,
    name: usize,
    budget: Option<usize>,
    off_budget: Option<usize>,
    total: Option<usize>,
}

enum Mode {
    Between,
    Heading(Head),
    Indicators(IndicatorCols),
    Activities(ActivityCols),
}

struct Parser<'w> {
    out: Parsed,
    /// The document's separators.
    sep: Separators,
    warnings: &'w mut Vec<Warning>,
    mode: Mode,
    theme_lines: Vec<String>,
    last_theme: Option<String>,
    head_lines: Vec<String>,
    /// The first part of a row broken over a page break: its name's first
    /// lines, printed without the row's figures at the foot of the page.
    broken_name: Option<String>,
    /// An indicator whose values are text printed over several lines below
    /// it (see [`OpenCells`]).
    open: Option<OpenCells>,
    /// Units read from the rows of tables without a unit column.
    units: Vec<String>,
    /// The smallest step between two rows' baselines in the section: the
    /// pitch of lines printed one right under the other.
    pitch: f32,
}

/// A text export prints a cell's lines apart and keeps no column for
/// text values: `Süresi Dakika 4 dakika 41`, then `saniye`, a blank line,
/// `4 dakika 18`, `saniye`, … An indicator row that ends in a unit and has
/// no values is open: the short lines below it are its value cells, one
/// block of lines per cell, blocks parted by a blank line (a baseline step
/// wider than the pitch). A line in lower case goes on with the value
/// above it (`4 dakika 41 saniye`); others are values stacked in the cell
/// (` / `). Closed when a line is not such a value line.
#[derive(Debug)]
struct OpenCells {
    blocks: Vec<Vec<String>>,
    /// Page and baseline of the last line taken.
    last: (Option<u32>, f32),
}

/// Units of measure common to all programmes; a table without a unit
/// column adds those of its rows.
const COMMON_UNITS: [&str; 27] = [
    "%",
    "Adet",
    "Kişi",
    "Metre",
    "Metrekare",
    "m2",
    "m3",
    "m²",
    "m³",
    "Km",
    "Kg",
    "Ton",
    "Litre",
    "Saat",
    "Dakika",
    "Gün",
    "Ay",
    "Yıl",
    "Hektar",
    "Not",
    "Puan",
    "TL",
    "km",
    "kg",
    "m",
    "lt",
    "ton",
];

/// Splits `name` at its last word that is a known unit: the indicator's
/// name, its unit and the text after it (the first value's start), if the
/// name keeps at least two words.
fn split_at_unit(name: &str, units: &[String]) -> Option<(String, String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let k = (2..words.len())
        .rev()
        .find(|&k| COMMON_UNITS.contains(&words[k]) || units.iter().any(|u| u == words[k]))?;
    Some((
        words[..k].join(" "),
        words[k].to_string(),
        words[k + 1..].join(" "),
    ))
}

/// Whether row `i` is the last of its page and the next row, on the next
/// page, goes on with the same table: a row broken over the page break.
fn broken_at_page_end(items: &[Item], i: usize) -> bool {
    let (Some(it), Some(next)) = (items.get(i), items.get(i + 1)) else {
        return false;
    };
    let (Some(p), Some(q)) = (it.page, next.page) else {
        return false;
    };
    let next_text = plain(next.text());
    // A row that starts with its own code (`F16 …`, `PG1.2.1.3 …`) is a
    // row of its own, not the rest of the one above.
    q == p + 1
        && label(&next_text).is_none()
        && !next_text.starts_with('*')
        && printed_code(&next_text).is_none()
        && !room_left(items, i, &next_text)
}

/// Whether the last line of row `i`'s first cell had room for the next
/// row's first word: its characters and that word's are well short of the
/// longest line printed in that column on the page. A name broken at a page
/// break filled its line (it wrapped there); a whole row may end short.
fn room_left(items: &[Item], i: usize, next_text: &str) -> bool {
    let chars = |t: &str| t.chars().count();
    let first_cell = |it: &Item| it.line.cells.first().map(|c| c.text.clone());
    let Some(cell) = first_cell(&items[i]) else {
        return false;
    };
    let x0 = items[i].line.cells[0].x0;
    let last = cell.rsplit('\n').next().unwrap_or_default();
    let word = next_text.split_whitespace().next().map_or(0, chars);
    let longest = items
        .iter()
        .filter(|it| it.page == items[i].page)
        .filter_map(|it| it.line.cells.first())
        .filter(|c| (c.x0 - x0).abs() <= 2.0)
        .flat_map(|c| c.text.split('\n'))
        .map(chars)
        .max()
        .unwrap_or(0);
    // Characters differ in width: leave a tenth of the line for that.
    (chars(last) + 1 + word) * 10 < longest * 9
}

/// Appends value lines to the previous indicator's cells: a line that
/// starts in lower case continues the value (`4 dakika 41` + `saniye`),
/// otherwise it is another value stacked in the same cell (` / `).
fn continue_cells(ind: &mut Indicator, values: &[Option<String>], sep: Separators) {
    for (slot, v) in ind.values.iter_mut().zip(values) {
        let Some(v) = v else { continue };
        let v = normalize::clean(v);
        let joined = match slot.take() {
            None => v,
            Some(prev) => {
                let prev = match prev {
                    Value::Number(d) => d.to_string(),
                    Value::Text(t) => t,
                };
                if v.chars().next().is_some_and(char::is_lowercase) {
                    format!("{prev} {v}")
                } else {
                    format!("{prev} / {v}")
                }
            }
        };
        *slot = to_value(Some(&joined), sep);
    }
}

/// Parses the performance-target tables from the section's rows.
pub fn parse(items: &[Item], sep: Separators, warnings: &mut Vec<Warning>) -> Parsed {
    let mut p = Parser {
        out: Parsed::default(),
        sep,
        warnings,
        mode: Mode::Between,
        theme_lines: Vec::new(),
        last_theme: None,
        head_lines: Vec::new(),
        broken_name: None,
        open: None,
        units: Vec::new(),
        pitch: pitch(items),
    };
    let mut i = 0;
    while i < items.len() {
        i += p.row(items, i);
    }
    p.close_open(items.last().and_then(|it| it.page));
    p.finish_heading();
    p.out
}

fn warn(w: &mut Vec<Warning>, page: Option<u32>, message: impl Into<Message>) {
    w.push(Warning {
        page,
        table: TABLE.into(),
        message: message.into(),
    });
}

/// The levels with their label keywords and code lengths, most specific
/// first (`Performans Hedefi` before `Hedef`).
const LEVELS: [(Head, &[&str], usize); 3] = [
    (Head::Target, &TARGET, 3),
    (Head::Objective, &OBJECTIVE, 2),
    (Head::Goal, &GOAL, 1),
];

/// A level label with its code: (level, code, title). A level numbered
/// inside its parent (`Performans Hedefi 1:` under `Stratejik Hedef 1.2`,
/// its number followed by a colon) gives that number alone; see
/// [`full_code`].
pub(super) fn label(text: &str) -> Option<(Head, String, String)> {
    for (head, words, parts) in LEVELS {
        for w in words {
            if let Some((code, title)) = coded(text, w, parts) {
                return Some((head, code, title));
            }
        }
    }
    for (head, words, parts) in LEVELS {
        if parts == 1 {
            continue;
        }
        for w in words {
            let numbered_inside = after_keyword(text, w).is_some_and(|rest| {
                let rest = rest.trim_start();
                let digits = rest
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len());
                digits > 0 && rest[digits..].trim_start().starts_with(':')
            });
            if numbered_inside {
                if let Some((code, title)) = coded(text, w, 1) {
                    return Some((head, code, title));
                }
            }
        }
    }
    None
}

/// A level's full code: a code numbered inside its parent (one number where
/// the level has more) goes after the parent's code (`1` under `1.2` →
/// `1.2.1`); a full code is kept as it is.
pub(super) fn full_code(
    head: Head,
    code: String,
    goal: Option<&str>,
    objective: Option<&str>,
) -> String {
    let parts = code.split('.').count();
    let parent = match head {
        Head::Target if parts == 1 => objective,
        Head::Objective if parts == 1 => goal,
        _ => None,
    };
    match parent {
        Some(p) if !p.is_empty() => format!("{p}.{code}"),
        _ => code,
    }
}

/// A level keyword printed alone (`Performans Hedefi`), its code and
/// title on the lines below.
pub(super) fn bare_label(text: &str) -> Option<Head> {
    LEVELS.iter().find_map(|(head, words, _)| {
        words
            .iter()
            .any(|w| after_keyword(text, w).is_some_and(|rest| rest.trim().is_empty()))
            .then_some(*head)
    })
}

/// A level label printed in a cell of its own: the code's cell may also
/// carry the title's last wrapped lines below the label, which come after
/// the title's first lines in the cells beside it.
fn row_label(line: &crate::layout::Line) -> Option<(Head, String, String)> {
    let (first, rest) = line.cells.split_first()?;
    if rest.is_empty() {
        return None;
    }
    let (head, code, tail) = label(&plain(&first.text))?;
    let joined: Vec<String> = rest.iter().map(|c| cell_text(&c.text)).collect();
    let beside: Vec<&str> = joined
        .iter()
        .map(|t| t.trim_start_matches([':', ' ', '\u{a0}', '-', '–']))
        .collect();
    let mut parts: Vec<&str> = beside;
    parts.push(&tail);
    Some((head, code, join_lines(&parts)))
}

/// An indicator header printed as one run of text told apart by meaning:
/// the indicator label, the unit label (the header words before the first
/// year) and one label per year column (a year and the words up to the
/// next year).
fn indicator_labels(text: &str) -> (String, Option<String>, Vec<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first_year = words
        .iter()
        .position(|w| year_of(w).is_some())
        .unwrap_or(words.len());
    let head = &words[..first_year];
    // The unit label: the longest tail of the head that names a unit.
    let split = (0..head.len())
        .find(|&k| is_unit_label(&header::key(&head[k..].join(" "))))
        .unwrap_or(head.len());
    let name = head[..split].join(" ");
    let unit = (split < head.len()).then(|| head[split..].join(" "));
    // The words between two years: up to the last word naming a kind
    // (`Gerçekleşen`, `Yıl Sonu Gerçekleşme Tahmini`) they follow the year
    // before; the words after it (`Uygulama Yılı`) lead the next year.
    let mut years: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |years: &mut Vec<String>, run: &mut Vec<&str>, next: Option<&str>| {
        let split = match next {
            Some(_) => run
                .iter()
                .rposition(|w| ColumnKind::from_label(w).is_some())
                .map_or(0, |k| k + 1),
            None => run.len(),
        };
        if let Some(last) = years.last_mut() {
            for w in &run[..split] {
                last.push(' ');
                last.push_str(w);
            }
        }
        if let Some(year) = next {
            let mut label: Vec<&str> = run[split..].to_vec();
            label.push(year);
            years.push(label.join(" "));
        }
        run.clear();
    };
    for w in &words[first_year..] {
        if year_of(w).is_some() {
            flush(&mut years, &mut run, Some(w));
        } else {
            run.push(w);
        }
    }
    flush(&mut years, &mut run, None);
    (name, unit, years)
}

/// Whether a header label names the indicator column.
fn is_indicator_label(key: &str) -> bool {
    key.starts_with("performans göstergeleri")
        || key.starts_with("performans göstergesi")
        || key == "göstergeler"
        || key == "gösterge"
}

/// Whether a header label names the activity column.
fn is_activity_label(key: &str) -> bool {
    key == "faaliyetler" || key == "faaliyet" || key.starts_with("faaliyet adı")
}

/// Whether a header cell names the activity column, alone or with the
/// header words of the cells beside it (a header printed as one run of
/// text: `Faaliyetler Kaynak İhtiyacı (2024) (TL)`).
fn leads_with_activity_label(key: &str) -> bool {
    is_activity_label(key)
        || key.split_once(' ').is_some_and(|(first, rest)| {
            is_activity_label(first) && rest.split(' ').all(is_header_word)
        })
}

/// Whether a header label names a unit column.
fn is_unit_label(key: &str) -> bool {
    matches!(
        key,
        "ölçü birimi" | "birim" | "birimi" | "değer türü" | "değer" | "türü" | "skala"
    )
}

/// A year column's kind word printed so close to the label beside it that
/// both read as one cell (`Türü Gerçekleşen` beside `2022`, the kind word
/// wider than its column): the kind word goes to the year column right of
/// it when that column names no kind of its own.
fn glued_kind_words(cols: &mut [Column]) {
    let has_year = |c: &Column| c.label.split_whitespace().any(|w| year_of(w).is_some());
    for j in 0..cols.len().saturating_sub(1) {
        let (left, right) = cols.split_at_mut(j + 1);
        let (left, right) = (&mut left[j], &mut right[0]);
        if has_year(left) || !has_year(right) || ColumnKind::from_label(&right.label).is_some() {
            continue;
        }
        let Some((rest, word)) = left.label.rsplit_once(' ') else {
            continue;
        };
        if ColumnKind::from_label(word).is_none() || ColumnKind::from_label(rest).is_some() {
            continue;
        }
        right.label = format!("{} {word}", right.label);
        left.label = rest.to_string();
    }
}

/// The amount columns' labels in an activity header's text, in order:
/// `bütçe içi`, `bütçe dışı`, `bütçe` alone (the budget), `toplam`.
fn amount_labels(key: &str) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        match (words[k], words.get(k + 1).copied()) {
            ("bütçe", Some(next @ ("içi" | "dışı"))) => {
                out.push(format!("bütçe {next}"));
                k += 1;
            }
            ("bütçe", _) => out.push("bütçe".to_string()),
            ("toplam", _) => out.push("toplam".to_string()),
            _ => {}
        }
        k += 1;
    }
    out
}

/// Whether a row can only be part of a table header: no figure other than
/// a year, and every word a header word.
fn is_header_row(line: &crate::layout::Line) -> bool {
    !line.cells.is_empty()
        && line.cells.iter().all(|c| {
            let k = header::key(&c.text);
            k.split(' ').all(is_header_word)
        })
}

/// Whether a word can only be part of a table header: a year, a header
/// word, or a parenthesised note (`(TL)`).
fn is_header_word(w: &str) -> bool {
    year_of(w).is_some()
        || matches!(
            w,
            "değer"
                | "türü"
                | "ölçü"
                | "birimi"
                | "birim"
                | "gerçekleşen"
                | "gerçekleşme"
                | "hedef"
                | "hedefi"
                | "tahmin"
                | "tahmini"
                | "yılı"
                | "bütçe"
                | "içi"
                | "dışı"
                | "toplam"
                | "kaynak"
                | "ihtiyacı"
                | "tl"
        )
        || w.starts_with('(')
}

/// Figures printed closer to the text before them than a column gap read
/// as one cell with it (`… Faaliyetleri 569.700.000,00`, `10.000.000,00
/// 260.000.000,00`): the trailing figures of the name's or an amount's
/// cell go to the amount columns right of it, in order, when those are
/// empty (a figure can only have run into its left neighbour when the
/// columns between them were empty of text). A figure is an amount with
/// a separator, so a name ending in a number (`2. Etap`) keeps it.
fn spill_figures(cells: &mut [Option<String>], cols: &ActivityCols, sep: Separators) {
    let mut amount_cols: Vec<usize> = [cols.budget, cols.off_budget, cols.total]
        .into_iter()
        .flatten()
        .collect();
    amount_cols.sort_unstable();
    let is_figure = |w: &str| {
        w.contains(['.', ',']) && w.chars().any(|c| c.is_ascii_digit()) && {
            let v = parse_amount_as(w, sep);
            v.is_some()
        }
    };
    let empty = |c: &Option<String>| c.as_deref().is_none_or(|t| t.trim().is_empty());
    // A name run into its figures so far that the cell lies under an
    // amount column: its words are the name.
    if cells.get(cols.name).is_some_and(empty) {
        for &j in &amount_cols {
            let Some(text) = cells[j].clone() else {
                continue;
            };
            let words: Vec<&str> = text.split_whitespace().collect();
            let figures = words.iter().rev().take_while(|w| is_figure(w)).count();
            if figures > 0 && figures < words.len() {
                cells[cols.name] = Some(words[..words.len() - figures].join(" "));
                cells[j] = Some(words[words.len() - figures..].join(" "));
                break;
            }
        }
    }
    for j in std::iter::once(cols.name).chain(amount_cols.clone()) {
        let Some(text) = cells.get(j).cloned().flatten() else {
            continue;
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        let figures = words.iter().rev().take_while(|w| is_figure(w)).count();
        // The part that stays: the name's words, or an amount cell's first
        // figure.
        let keep = if j == cols.name {
            words.len() - figures
        } else if figures == words.len() {
            1
        } else {
            continue;
        };
        let spilled = &words[keep.max(words.len() - figures)..];
        if spilled.is_empty() || keep == 0 {
            continue;
        }
        let right: Vec<usize> = amount_cols.iter().copied().filter(|&k| k > j).collect();
        let free = right.len() >= spilled.len()
            && right[..spilled.len()].iter().all(|&k| empty(&cells[k]));
        if !free {
            continue;
        }
        for (&k, w) in right.iter().zip(spilled) {
            cells[k] = Some(w.to_string());
        }
        cells[j] = Some(words[..keep].join(" "));
    }
}

impl Parser<'_> {
    fn target(&mut self) -> Option<&mut Target> {
        self.out
            .goals
            .last_mut()?
            .objectives
            .last_mut()?
            .targets
            .last_mut()
    }

    /// Handles row `i`; returns how many rows it consumed.
    fn row(&mut self, items: &[Item], i: usize) -> usize {
        let it = &items[i];
        if it.is_blank() {
            return 1;
        }
        let text = plain(it.text());
        if self.open.is_some() {
            if self.continues_open(&text) {
                self.take_open_line(it, &text);
                return 1;
            }
            self.close_open(it.page);
        }
        let key = header::key(&text);
        static TITLE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| header::key(TABLE));
        if key
            .strip_prefix(TITLE.as_str())
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        {
            return 1;
        }
        // The strategic area printed as a labelled row (`Stratejik Alan |
        // EKONOMİ`, `Tema | Altyapı`, `Tema: Altyapı`): its value, without
        // the label, is the theme.
        if let Some(area) = strategic_area(it.line, &text) {
            self.theme_lines = vec![area];
            return 1;
        }
        if let Some((head, code, title)) = row_label(it.line).or_else(|| label(&text)) {
            self.finish_heading();
            let goal = self.out.goals.last();
            let code = full_code(
                head,
                code,
                goal.map(|g| g.code.as_str()),
                goal.and_then(|g| g.objectives.last())
                    .map(|o| o.code.as_str()),
            );
            match head {
                Head::Goal => self.start_goal(&code),
                Head::Objective => self.start_objective(&code, it.page),
                Head::Target => self.start_target(&code, it.page),
            }
            self.head_lines = vec![title];
            self.mode = Mode::Heading(head);
            return 1;
        }
        let keys: Vec<String> = it.line.cells.iter().map(|c| header::key(&c.text)).collect();
        if keys.iter().any(|k| is_indicator_label(k)) {
            self.finish_heading();
            return self.indicator_header(items, i);
        }
        // A header whose first lines hold no label (the years over their
        // columns, the indicator label on a line below; `Kaynak İhtiyacı
        // (2025) (TL)` over the amounts, `Faaliyetler` below it): those
        // lines belong to the header, not to the title or the rows above.
        if is_header_row(it.line) {
            let mut j = i + 1;
            while items
                .get(j)
                .is_some_and(|n| n.page == it.page && is_header_row(n.line))
            {
                j += 1;
            }
            let labelled = items.get(j).filter(|n| n.page == it.page);
            let keys = |n: &Item| -> Vec<String> {
                n.line.cells.iter().map(|c| header::key(&c.text)).collect()
            };
            if labelled.is_some_and(|n| keys(n).iter().any(|k| is_indicator_label(k))) {
                self.finish_heading();
                return self.indicator_header(items, i);
            }
            if labelled.is_some_and(|n| {
                keys(n)
                    .first()
                    .is_some_and(|k| leads_with_activity_label(k))
            }) {
                self.finish_heading();
                return self.activity_header(items, i);
            }
        }
        if keys.first().is_some_and(|k| leads_with_activity_label(k))
            && (keys.len() > 1
                || items.get(i + 1).is_some_and(|n| is_header_row(n.line))
                || keys[0].split(' ').skip(1).any(|w| w == "toplam")
                    && keys[0].split(' ').skip(1).all(is_header_word))
        {
            self.finish_heading();
            return self.activity_header(items, i);
        }
        if text.starts_with('*') {
            let note = normalize::clean(&text);
            if let Some(t) = self.target() {
                if !t.notes.contains(&note) {
                    t.notes.push(note);
                }
            }
            return 1;
        }
        // The administration's name above the labels (`İdare Adı`): no theme.
        if after_keyword(&text, "İdare Adı").is_some() {
            return 1;
        }
        // An explanation row under an indicator (`Açıklama: …`).
        if let (Mode::Indicators(_), Some(rest)) = (&self.mode, after_keyword(&text, "Açıklama"))
        {
            let rest = normalize::clean(rest.trim_start_matches([':', ' ', '\u{a0}']));
            if let Some(ind) = self.target().and_then(|t| t.indicators.last_mut()) {
                ind.description = Some(match ind.description.take() {
                    Some(d) => join_lines(&[d, rest]),
                    None => rest,
                });
                return 1;
            }
        }
        match &self.mode {
            Mode::Between => self.theme_lines.push(text),
            Mode::Heading(_) => self.head_lines.push(text),
            Mode::Indicators(cols) => {
                let cols = cols.clone();
                self.indicator_row(items, i, &cols);
            }
            Mode::Activities(cols) => {
                let cols = cols.clone();
                self.activity_row(items, i, &cols);
            }
        }
        1
    }

    /// The header rows starting at `i`: that row and the header-only rows
    /// after it on the same page; when row `i` is itself header-only, the
    /// labelled row those lead to is taken too.
    fn header_rows<'a>(items: &'a [Item], i: usize) -> Vec<&'a crate::layout::Line> {
        let mut rows = vec![items[i].line];
        let mut labelled = !is_header_row(items[i].line);
        let mut j = i + 1;
        while let Some(next) = items.get(j) {
            if next.page != items[i].page || next.is_blank() {
                break;
            }
            if !is_header_row(next.line) {
                if labelled {
                    break;
                }
                labelled = true;
            }
            rows.push(next.line);
            j += 1;
        }
        rows
    }

    /// The lines of the rows below a header (up to the next heading), for
    /// their value columns.
    fn rows_below<'a>(items: &'a [Item], from: usize) -> Vec<&'a crate::layout::Line> {
        items[from.min(items.len())..]
            .iter()
            .take_while(|it| label(&plain(it.text())).is_none())
            .take(40)
            .map(|it| it.line)
            .collect()
    }

    fn indicator_header(&mut self, items: &[Item], i: usize) -> usize {
        let rows = Self::header_rows(items, i);
        let used = rows.len();
        let mut cols = header::columns(&rows);
        let mut unit_in_name = false;
        // A header printed as one run of text (a text export prints each
        // header cell's lines apart, no cell boundaries kept): its labels
        // told apart by meaning, spread over the value columns of its rows.
        let merged = cols.iter().any(|c| {
            c.label
                .split_whitespace()
                .filter(|w| year_of(w).is_some())
                .count()
                > 1
        });
        if merged {
            let joined: Vec<String> = rows.iter().map(|r| r.text()).collect();
            let (name, unit, years) = indicator_labels(&joined.join(" "));
            let ranges = header::value_ranges(&Self::rows_below(items, i + used));
            let mut labels = vec![name.clone()];
            labels.extend(unit.clone());
            labels.extend(years.iter().cloned());
            let spread = header::spread(&labels, &ranges).or_else(|| {
                unit_in_name = unit.is_some();
                let mut labels = vec![name];
                labels.extend(years);
                header::spread(&labels, &ranges)
            });
            if let Some(spread) = spread {
                cols = spread;
            }
        }
        glued_kind_words(&mut cols);
        let page = items[i].page;
        let Some(name) = cols.iter().position(|c| is_indicator_label(&c.key())) else {
            return used;
        };
        let unit = cols
            .iter()
            .enumerate()
            .position(|(j, c)| j != name && is_unit_label(&c.key()));
        let labels: Vec<(usize, String)> = cols
            .iter()
            .enumerate()
            .filter(|(j, c)| {
                *j != name
                    && Some(*j) != unit
                    && c.label.split_whitespace().any(|w| year_of(w).is_some())
            })
            .map(|(j, c)| (j, c.label.clone()))
            .collect();
        let columns = year_columns(&labels.iter().map(|l| l.1.clone()).collect::<Vec<_>>());
        if columns.is_empty() {
            warn(
                self.warnings,
                page,
                msg!(
                    "warning-indicator-header-no-years",
                    text = format!("{:?}", plain(items[i].text()))
                ),
            );
        }
        let slots = self.record_columns(columns, labels.len(), page);
        self.mode = Mode::Indicators(IndicatorCols {
            cols,
            name,
            unit,
            values: labels.into_iter().map(|l| l.0).collect(),
            slots,
            unit_in_name,
        });
        used
    }

    /// Records a table's indicator columns: the first table's are the
    /// document's. A table printing other columns is read with its own
    /// header: its columns are kept on its target, and each value column
    /// goes to the document's column of the same year and kind (else of
    /// the same year). Returns where each of the `n` value columns goes.
    fn record_columns(
        &mut self,
        columns: Vec<IndicatorColumn>,
        n: usize,
        page: Option<u32>,
    ) -> Vec<Option<usize>> {
        if columns.is_empty() || columns.len() != n {
            return (0..n).map(Some).collect();
        }
        if self.out.columns.is_empty() {
            self.out.columns = columns;
            return (0..n).map(Some).collect();
        }
        if self.out.columns == columns {
            return (0..n).map(Some).collect();
        }
        let doc = self.out.columns.clone();
        let mut taken = vec![false; doc.len()];
        let mut slots = Vec::with_capacity(n);
        for c in &columns {
            let slot = (0..doc.len())
                .find(|&k| !taken[k] && doc[k].year == c.year && doc[k].kind == c.kind)
                .or_else(|| (0..doc.len()).find(|&k| !taken[k] && doc[k].year == c.year));
            if let Some(k) = slot {
                taken[k] = true;
            }
            slots.push(slot);
        }
        let label = |cs: &[IndicatorColumn]| {
            cs.iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let code = self.target().map(|t| t.code.clone()).unwrap_or_default();
        let lost: Vec<&str> = columns
            .iter()
            .zip(&slots)
            .filter(|(_, s)| s.is_none())
            .map(|(c, _)| c.label.as_str())
            .collect();
        let left_out = if lost.is_empty() {
            Message::verbatim("")
        } else {
            msg!("warning-target-columns-lost", columns = lost.join(", "))
        };
        let message = msg!(
            "warning-target-own-columns",
            target = code,
            own = label(&columns),
            document = label(&doc),
            lost = left_out
        );
        warn(self.warnings, page, message);
        if let Some(t) = self.target() {
            if t.columns_as_printed.is_empty() {
                t.columns_as_printed = columns;
            }
        }
        slots
    }

    fn activity_header(&mut self, items: &[Item], i: usize) -> usize {
        let rows = Self::header_rows(items, i);
        let used = rows.len();
        for r in &rows {
            let t = r.text();
            if let Some(y) = t.split(|c: char| !c.is_ascii_digit()).find_map(year_of) {
                self.out.fiscal_year.get_or_insert(y);
            }
        }
        let mut cols = header::columns(&rows);
        // Budget and total in one header cell: a header printed as one run
        // of text, its labels told apart by meaning and spread over the
        // value columns of its rows.
        let merged = cols.iter().any(|c| amount_labels(&c.key()).len() > 1);
        if merged {
            let key = header::key(&rows.iter().map(|r| r.text()).collect::<Vec<_>>().join(" "));
            let mut labels = vec![key
                .split(' ')
                .take_while(|w| is_activity_label(w))
                .collect::<Vec<_>>()
                .join(" ")];
            labels.extend(amount_labels(&key));
            let ranges = header::value_ranges(&Self::rows_below(items, i + used));
            if let Some(spread) = header::spread(&labels, &ranges) {
                cols = spread;
            }
        }
        let find = |pred: &dyn Fn(&str) -> bool| cols.iter().position(|c| pred(&c.key()));
        let name = find(&|k| is_activity_label(k)).unwrap_or(0);
        let off_budget = find(&|k| k.contains("bütçe dışı"));
        let budget = find(&|k| k.contains("bütçe içi") || k.ends_with("bütçe"));
        let total = find(&|k| k.ends_with("toplam"));
        if budget.is_none() || total.is_none() {
            warn(
                self.warnings,
                items[i].page,
                msg!(
                    "warning-activity-header-no-columns",
                    text = format!(
                        "{:?}",
                        rows.iter()
                            .map(|r| r.text())
                            .collect::<Vec<_>>()
                            .join(" / ")
                    )
                ),
            );
        }
        self.mode = Mode::Activities(ActivityCols {
            cols,
            name,
            budget,
            off_budget,
            total,
        });
        used
    }

    fn indicator_row(&mut self, items: &[Item], i: usize, cols: &IndicatorCols) {
        let it = &items[i];
        let cells: Vec<Option<String>> = header::place(it.line, &cols.cols)
            .into_iter()
            .enumerate()
            .map(|(j, c)| {
                let as_values = cols.values.contains(&j);
                c.map(|t| {
                    if as_values {
                        cell_values(&t)
                    } else {
                        cell_text(&t)
                    }
                })
            })
            .collect();
        if cols
            .values
            .iter()
            .chain(cols.unit.iter())
            .all(|&j| cells[j].is_none())
            && broken_at_page_end(items, i)
        {
            self.broken_name = cells[cols.name].clone();
            return;
        }
        // A header repeated on a continuation page.
        if cells[cols.name]
            .as_deref()
            .is_some_and(|t| is_indicator_label(&header::key(t)))
        {
            return;
        }
        let mut name = cells[cols.name]
            .as_deref()
            .map(normalize::clean)
            .unwrap_or_default();
        if name.is_empty() {
            // Values printed below their row's first line (stacked in a
            // cell, or wrapped): they continue the row above.
            let values = Self::in_document_columns(&cells, cols, self.out.columns.len());
            let sep = self.sep;
            if let Some(ind) = self.target().and_then(|t| t.indicators.last_mut()) {
                continue_cells(ind, &values, sep);
                return;
            }
        }
        if let Some(head) = self.broken_name.take() {
            name = join_lines(&[head, name]);
        }
        let mut unit_word = None;
        let no_values = cols.values.iter().all(|&j| cells[j].is_none());
        if cols.unit_in_name && no_values {
            if let Some((n, u, first)) = split_at_unit(&name, &self.units) {
                // Text values printed below: the row is open.
                name = n;
                unit_word = Some(u);
                self.open = Some(OpenCells {
                    blocks: vec![if first.is_empty() {
                        Vec::new()
                    } else {
                        vec![first]
                    }],
                    last: (it.page, it.line.y),
                });
            }
        } else if cols.unit_in_name {
            if let Some((n, u)) = name.rsplit_once(' ') {
                if !self.units.iter().any(|k| k == u) {
                    self.units.push(u.to_string());
                }
                unit_word = Some(u.to_string());
                name = n.to_string();
            }
        }
        let marked = name.ends_with('*');
        if marked {
            name = name.trim_end_matches('*').trim_end().to_string();
        }
        let unit = match cols.unit {
            Some(u) => Some(
                cells[u]
                    .as_deref()
                    .map(normalize::clean)
                    .unwrap_or_default(),
            ),
            None => unit_word,
        };
        let values: Vec<_> = Self::in_document_columns(&cells, cols, self.out.columns.len())
            .iter()
            .map(|c| to_value(c.as_deref(), self.sep))
            .collect();
        if name.is_empty() {
            warn(
                self.warnings,
                it.page,
                msg!(
                    "warning-indicator-no-name",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
            return;
        }
        let (code, name) = match printed_code(&name) {
            Some((code, rest)) => (Some(code), rest.to_string()),
            None => (None, name),
        };
        let indicator = Indicator {
            code,
            name,
            unit,
            values,
            marked,
            description: None,
        };
        match self.target() {
            Some(t) => t.indicators.push(indicator),
            None => warn(
                self.warnings,
                it.page,
                msg!(
                    "warning-indicator-outside-target",
                    name = format!("{:?}", indicator.name)
                ),
            ),
        }
    }

    /// A row's value cells placed in the document's indicator columns
    /// (`n` of them, or as many as the row has when the document has none
    /// yet).
    fn in_document_columns(
        cells: &[Option<String>],
        cols: &IndicatorCols,
        n: usize,
    ) -> Vec<Option<String>> {
        let mut out = vec![None; n.max(cols.values.len())];
        for (&j, slot) in cols.values.iter().zip(&cols.slots) {
            if let Some(k) = slot {
                if let Some(o) = out.get_mut(*k) {
                    *o = cells[j].clone();
                }
            }
        }
        out
    }

    fn activity_row(&mut self, items: &[Item], i: usize, cols: &ActivityCols) {
        let it = &items[i];
        let mut cells: Vec<Option<String>> = header::place(it.line, &cols.cols)
            .into_iter()
            .map(|c| c.map(|t| cell_text(&t)))
            .collect();
        let amounts = [cols.budget, cols.off_budget, cols.total];
        spill_figures(&mut cells, cols, self.sep);
        let total_row = cells[cols.name]
            .as_deref()
            .is_some_and(|n| matches!(header::key(n).as_str(), "genel toplam" | "toplam"));
        if !total_row
            && amounts.iter().flatten().all(|&j| cells[j].is_none())
            && broken_at_page_end(items, i)
        {
            self.broken_name = cells[cols.name].clone();
            return;
        }
        let mut name = cells[cols.name]
            .as_deref()
            .map(normalize::clean)
            .unwrap_or_default();
        // A name left at a page's end goes on in this row, unless this row
        // is the total: then it was a whole row, without amounts.
        let mut orphan = None;
        if let Some(head) = self.broken_name.take() {
            if total_row {
                orphan = Some(head);
            } else {
                name = join_lines(&[head, name]);
            }
        }
        let key = header::key(&name);
        if is_activity_label(&key) || is_header_row(it.line) {
            return;
        }
        let sep = self.sep;
        let amount = |slot: Option<usize>, warnings: &mut Vec<Warning>| {
            let v = slot.and_then(|j| cells[j].as_deref())?;
            // A dash alone is an empty cell.
            if matches!(v.trim(), "-" | "–" | "—") {
                return None;
            }
            let d = parse_amount_as(v, sep);
            if d.is_none() {
                warn(
                    warnings,
                    it.page,
                    msg!("warning-activity-not-amount", text = format!("{v:?}")),
                );
            }
            d
        };
        let budget = amount(cols.budget, self.warnings);
        let off_budget = amount(cols.off_budget, self.warnings);
        let total = amount(cols.total, self.warnings);
        let warnings = &mut *self.warnings;
        let Some(t) = self
            .out
            .goals
            .last_mut()
            .and_then(|g| g.objectives.last_mut())
            .and_then(|o| o.targets.last_mut())
        else {
            warn(
                warnings,
                it.page,
                msg!(
                    "warning-activity-outside-target",
                    name = format!("{name:?}")
                ),
            );
            return;
        };
        if let Some(head) = orphan {
            let head = normalize::clean(&head);
            let (code, name) = match printed_code(&head) {
                Some((code, rest)) => (Some(code), rest.to_string()),
                None => (None, head),
            };
            t.activities.push(ActivityLine {
                code,
                name,
                budget: None,
                off_budget: None,
                total: None,
            });
        }
        if key == "genel toplam" || key == "toplam" {
            t.stated_total = Amounts {
                budget,
                off_budget,
                total,
            };
            self.mode = Mode::Between;
            return;
        }
        if name.is_empty() {
            warn(
                warnings,
                it.page,
                msg!(
                    "warning-activity-no-name",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
            return;
        }
        let (code, name) = match printed_code(&name) {
            Some((code, rest)) => (Some(code), rest.to_string()),
            None => (None, name),
        };
        // In a table whose rows all start with a code (`F01`), a line
        // without one goes on with the row above when one of the two has
        // no amounts: a name wrapped below its figures, or above them, or
        // a row of a table printed without figures.
        let empty =
            |a: &ActivityLine| a.budget.is_none() && a.off_budget.is_none() && a.total.is_none();
        let coded = !t.activities.is_empty() && t.activities.iter().all(|a| a.code.is_some());
        let none_here = budget.is_none() && off_budget.is_none() && total.is_none();
        if let (None, true, Some(prev)) = (&code, coded, t.activities.last_mut()) {
            if none_here || empty(prev) {
                prev.name = join_lines(&[std::mem::take(&mut prev.name), name]);
                prev.budget = prev.budget.or(budget);
                prev.off_budget = prev.off_budget.or(off_budget);
                prev.total = prev.total.or(total);
                return;
            }
        }
        t.activities.push(ActivityLine {
            code,
            name,
            budget,
            off_budget,
            total,
        });
    }

    fn start_goal(&mut self, code: &str) {
        let theme_text = join_lines(&self.theme_lines);
        self.theme_lines.clear();
        if self.out.goals.last().is_some_and(|g| g.code == code) {
            return;
        }
        // A document without strategic areas prints no heading: null.
        let theme = if theme_text.is_empty() {
            self.last_theme.clone()
        } else {
            Some(normalize::title_case_tr(&theme_text))
        };
        self.last_theme = theme.clone();
        self.out.goals.push(Goal {
            code: code.to_string(),
            theme,
            title: String::new(),
            objectives: Vec::new(),
        });
    }

    fn start_objective(&mut self, code: &str, page: Option<u32>) {
        self.theme_lines.clear();
        let Some(goal) = self.out.goals.last_mut() else {
            warn(
                self.warnings,
                page,
                msg!("warning-objective-before-goal", code = code),
            );
            return;
        };
        if goal.objectives.last().is_some_and(|o| o.code == code) {
            return;
        }
        if !code.starts_with(&format!("{}.", goal.code)) {
            warn(
                self.warnings,
                page,
                msg!(
                    "warning-objective-under-goal",
                    code = code,
                    goal = &goal.code
                ),
            );
        }
        goal.objectives.push(Objective {
            code: code.to_string(),
            title: String::new(),
            targets: Vec::new(),
        });
    }

    fn start_target(&mut self, code: &str, page: Option<u32>) {
        self.theme_lines.clear();
        let Some(obj) = self
            .out
            .goals
            .last_mut()
            .and_then(|g| g.objectives.last_mut())
        else {
            warn(
                self.warnings,
                page,
                msg!("warning-target-before-objective", code = code),
            );
            return;
        };
        if obj.targets.last().is_some_and(|t| t.code == code) {
            return;
        }
        obj.targets.push(Target {
            code: code.to_string(),
            title: String::new(),
            page,
            indicators: Vec::new(),
            activities: Vec::new(),
            stated_total: Amounts::default(),
            notes: Vec::new(),
            columns_as_printed: Vec::new(),
        });
    }

    /// Whether a row goes on with the open indicator's values: a short
    /// line (three words at most, so no indicator's name of two words or
    /// more and a unit and a value; a value may end in a number, `4 dakika
    /// 19`), not a new indicator's.
    fn continues_open(&self, text: &str) -> bool {
        let Mode::Indicators(cols) = &self.mode else {
            return false;
        };
        cols.unit.is_none()
            && !text.is_empty()
            && text.split_whitespace().count() <= 3
            && !text.starts_with('*')
            && label(text).is_none()
            && split_at_unit(text, &self.units).is_none()
    }

    /// Takes a line into the open indicator's value blocks.
    fn take_open_line(&mut self, it: &Item, text: &str) {
        let pitch = self.pitch;
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let below = open.last.0 == it.page && it.line.y - open.last.1 <= pitch * 1.5;
        open.last = (it.page, it.line.y);
        let text = normalize::clean(text);
        let block = match open.blocks.last_mut() {
            Some(b) if below || b.is_empty() => b,
            _ => {
                open.blocks.push(Vec::new());
                open.blocks.last_mut().expect("just pushed")
            }
        };
        match block.last_mut() {
            Some(prev) if below && text.chars().next().is_some_and(char::is_lowercase) => {
                prev.push(' ');
                prev.push_str(&text);
            }
            _ => block.push(text),
        }
    }

    /// Closes the open indicator: its value blocks go to its cells, left
    /// to right; a cell holds as many blocks as divide evenly.
    fn close_open(&mut self, page: Option<u32>) {
        let Some(open) = self.open.take() else {
            return;
        };
        let blocks: Vec<Vec<String>> = open.blocks.into_iter().filter(|b| !b.is_empty()).collect();
        let n = self.out.columns.len();
        if blocks.is_empty() || n == 0 {
            return;
        }
        let per = if blocks.len().is_multiple_of(n) {
            blocks.len() / n
        } else {
            warn(
                self.warnings,
                page,
                msg!(
                    "warning-indicator-values-below",
                    values = blocks.len(),
                    columns = n
                ),
            );
            1
        };
        let values: Vec<Option<Value>> = (0..n)
            .map(|k| {
                let take = if k + 1 == n { usize::MAX } else { per };
                let group: Vec<String> = blocks
                    .iter()
                    .skip(k * per)
                    .take(take)
                    .flatten()
                    .cloned()
                    .collect();
                to_value(
                    (!group.is_empty()).then(|| group.join(" / ")).as_deref(),
                    self.sep,
                )
            })
            .collect();
        if let Some(ind) = self.target().and_then(|t| t.indicators.last_mut()) {
            ind.values = values;
        }
    }

    /// Sets the title of the label just read (first occurrence wins: a label
    /// repeated on a continuation page prints the same title).
    fn finish_heading(&mut self) {
        let Mode::Heading(head) = self.mode else {
            return;
        };
        let title = join_lines(&self.head_lines);
        self.head_lines.clear();
        self.mode = Mode::Between;
        let Some(goal) = self.out.goals.last_mut() else {
            return;
        };
        let slot = match head {
            Head::Goal => &mut goal.title,
            Head::Objective => match goal.objectives.last_mut() {
                Some(o) => &mut o.title,
                None => return,
            },
            Head::Target => match goal
                .objectives
                .last_mut()
                .and_then(|o| o.targets.last_mut())
            {
                Some(t) => &mut t.title,
                None => return,
            },
        };
        if slot.is_empty() {
            *slot = title;
        }
    }
}

/// The words that label a strategic area printed as a labelled row.
const AREA_LABELS: [&str; 4] = [
    "stratejik alan",
    "stratejik alanı",
    "stratejik tema",
    "tema",
];

/// A strategic area printed with its label: the label in a cell of its own
/// before the area (`Tema | Altyapı`), or before a colon (`Tema: Altyapı`,
/// `Stratejik Alan: EKONOMİ`), or `Stratejik Alan` leading the line. The
/// area without its label.
fn strategic_area(line: &crate::layout::Line, text: &str) -> Option<String> {
    let value = |v: &str| {
        let v = normalize::clean(v.trim_start_matches([':', ' ']));
        (!v.is_empty()).then_some(v)
    };
    if let [first, rest @ ..] = &line.cells[..] {
        if !rest.is_empty() && AREA_LABELS.contains(&header::key(&first.text).as_str()) {
            let cells: Vec<&str> = rest.iter().map(|c| c.text.as_str()).collect();
            return value(&cells.join(" "));
        }
    }
    if let Some((label, area)) = text.split_once(':') {
        if AREA_LABELS.contains(&header::key(label).as_str()) {
            return value(area);
        }
    }
    after_keyword(text, "Stratejik Alan").and_then(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Line, Page};
    use crate::tables::lines;

    /// A page of rows, each given as its cells `(x0, x1, text)`, one row
    /// every 10 points.
    fn page(rows: &[&[(f32, f32, &str)]]) -> Page {
        Page {
            number: Some(1),
            width: 842.0,
            height: 595.0,
            lines: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Line::from_cells(40.0 + 10.0 * i as f32, 8.0, cells))
                .collect(),
            grids: Vec::new(),
        }
    }

    /// A year column's kind word read into the cell beside it (`Türü
    /// Gerçekleşen`, the word wider than its column) goes back to its year.
    #[test]
    fn a_kind_word_glued_to_the_unit_label_goes_to_its_year() {
        let col = |label: &str| Column {
            x0: 0.0,
            x1: 0.0,
            label: label.to_string(),
        };
        let mut cols = vec![
            col("Performans Göstergeleri"),
            col("Değer Türü Gerçekleşen"),
            col("2022"),
            col("2023 Hedef"),
        ];
        glued_kind_words(&mut cols);
        let labels: Vec<&str> = cols.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Performans Göstergeleri",
                "Değer Türü",
                "2022 Gerçekleşen",
                "2023 Hedef"
            ]
        );
        // A year column with its own kind keeps it; nothing moves.
        let mut cols = vec![col("Birim Hedef"), col("2024 Hedef")];
        glued_kind_words(&mut cols);
        assert_eq!(cols[0].label, "Birim Hedef");
    }

    /// A level numbered inside its parent (`Performans Hedefi 1:` under
    /// `Stratejik Hedef 1.2`) gets its full code; a bare year's label may
    /// lead it (`Uygulama Yılı 2020`) while kind words follow theirs.
    #[test]
    fn codes_numbered_inside_their_parent_and_year_labels() {
        let (head, code, title) = label("Performans Hedefi 1: Yolların Bakımını Yapmak").unwrap();
        assert_eq!(
            (head, code.as_str(), title.as_str()),
            (Head::Target, "1", "Yolların Bakımını Yapmak")
        );
        assert_eq!(full_code(head, code, Some("1"), Some("1.2")), "1.2.1");
        let (head, code, _) = label("Stratejik Hedef 2: Yol Ağı").unwrap();
        assert_eq!(full_code(head, code, Some("3"), None), "3.2");
        // A full code stays; a number without a colon is no label.
        assert_eq!(
            full_code(Head::Target, "1.2.3".into(), Some("1"), Some("1.2")),
            "1.2.3"
        );
        assert!(label("Performans Hedefi 1 Yolların Bakımı").is_none());
        let (_, _, years) =
            indicator_labels("Performans Göstergeleri Birim 2018 2019 Uygulama Yılı 2020");
        assert_eq!(years, ["2018", "2019", "Uygulama Yılı 2020"]);
        let (_, _, years) = indicator_labels(
            "Performans Göstergesi 2020 Gerçekleşen 2021 Yıl Sonu Gerçekleşme Tahmini 2022 Hedef",
        );
        assert_eq!(
            years,
            [
                "2020 Gerçekleşen",
                "2021 Yıl Sonu Gerçekleşme Tahmini",
                "2022 Hedef"
            ]
        );
    }

    /// A target table printing other indicator columns than the first
    /// table's is read with its own header: its values go to the
    /// document's columns by year (and kind), its columns are kept on the
    /// target, and a year the document lacks is left out with a warning.
    #[test]
    fn a_table_with_its_own_header_is_read_by_year() {
        let header = |labels: [&'static str; 3]| -> Vec<(f32, f32, &'static str)> {
            vec![
                (40.0, 200.0, "Performans Göstergeleri"),
                (300.0, 330.0, "Ölçü Birimi"),
                (380.0, 440.0, labels[0]),
                (460.0, 520.0, labels[1]),
                (540.0, 600.0, labels[2]),
            ]
        };
        let row = |name: &'static str, v: [&'static str; 3]| -> Vec<(f32, f32, &'static str)> {
            vec![
                (40.0, 200.0, name),
                (300.0, 330.0, "Adet"),
                (400.0, 440.0, v[0]),
                (480.0, 520.0, v[1]),
                (560.0, 600.0, v[2]),
            ]
        };
        let first = header(["2022 Gerçekleşen", "2023 Hedef", "2024 Hedef"]);
        let own = header(["2024 Hedef", "2023 Tahmini", "2025 Hedef"]);
        let r1 = row("Yol Sayısı", ["1", "2", "3"]);
        let r2 = row("Köprü Sayısı", ["30", "20", "50"]);
        let rows: Vec<&[(f32, f32, &str)]> = vec![
            &[(40.0, 100.0, "Altyapı")],
            &[(40.0, 300.0, "Stratejik Amaç 1 Altyapı")],
            &[(40.0, 300.0, "Stratejik Hedef 1.1 Yollar")],
            &[(40.0, 300.0, "Performans Hedefi 1.1.1 Yol Yapmak")],
            &first,
            &r1,
            &[(40.0, 300.0, "Performans Hedefi 1.1.2 Köprü Yapmak")],
            &own,
            &r2,
        ];
        let pages = [page(&rows)];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let parsed = parse(&items, Separators::Turkish, &mut warnings);
        let labels =
            |cs: &[IndicatorColumn]| cs.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
        assert_eq!(
            labels(&parsed.columns),
            ["2022 Gerçekleşen", "2023 Hedef", "2024 Hedef"]
        );
        let targets = &parsed.goals[0].objectives[0].targets;
        assert!(targets[0].columns_as_printed.is_empty());
        let t = &targets[1];
        assert_eq!(
            labels(&t.columns_as_printed),
            ["2024 Hedef", "2023 Tahmini", "2025 Hedef"]
        );
        let n = |v: i64| Some(Value::Number(v.into()));
        assert_eq!(t.indicators[0].values, [None, n(20), n(30)]);
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert!(
            warnings[0].message.contains("target 1.1.2")
                && warnings[0]
                    .message
                    .contains("the values of 2025 Hedef are left out"),
            "{}",
            warnings[0].message
        );
    }

    /// A header of two lines whose first holds no label (the years over
    /// their columns, the kinds and the indicator label on the line below)
    /// is one header: the years line is not the title's last line.
    #[test]
    fn years_above_the_indicator_label_belong_to_the_header() {
        let rows: &[&[(f32, f32, &str)]] = &[
            &[(40.0, 100.0, "Ekonomi")],
            &[(40.0, 300.0, "Stratejik Amaç 1 Ekonomiyi Geliştirmek")],
            &[(40.0, 300.0, "Stratejik Hedef 1.1 Yatırım Ortamı")],
            &[(40.0, 300.0, "Performans Hedefi 1.1.1 Ticareti Güçlendirmek")],
            &[
                (300.0, 330.0, "Değer"),
                (380.0, 440.0, "2007"),
                (460.0, 520.0, "2008"),
                (540.0, 600.0, "2009"),
            ],
            &[
                (40.0, 200.0, "Performans Göstergeleri"),
                (300.0, 330.0, "Türü"),
                (380.0, 440.0, "Gerçekleşen"),
                (460.0, 520.0, "Tahmini"),
                (540.0, 600.0, "Hedef"),
            ],
            &[
                (40.0, 200.0, "Bağlantı Kurulan Şehir Sayısı"),
                (300.0, 330.0, "Adet"),
                (380.0, 440.0, "1"),
                (460.0, 520.0, "2"),
                (540.0, 600.0, "3"),
            ],
        ];
        let pages = [page(rows)];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let parsed = parse(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:#?}");
        let t = &parsed.goals[0].objectives[0].targets[0];
        assert_eq!(t.title, "Ticareti Güçlendirmek");
        let labels: Vec<&str> = parsed.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["2007 Gerçekleşen", "2008 Tahmini", "2009 Hedef"]);
        assert_eq!(t.indicators.len(), 1);
        assert_eq!(t.indicators[0].unit.as_deref(), Some("Adet"));
        assert_eq!(t.indicators[0].values[2], Some(Value::Number(3.into())));
    }

    /// A row without amounts at a page's foot is a name broken over the page
    /// break, unless the next page's first row starts with a code of its
    /// own (`F16 …`): then both are rows.
    #[test]
    fn coded_rows_are_not_joined_over_a_page_break() {
        let head: &[&[(f32, f32, &str)]] = &[
            &[(40.0, 100.0, "Altyapı")],
            &[(40.0, 300.0, "Stratejik Amaç 1 Altyapı")],
            &[(40.0, 300.0, "Stratejik Hedef 1.1 Yollar")],
            &[(40.0, 300.0, "Performans Hedefi 1.1.1 Yol Yapmak")],
            &[
                (40.0, 300.0, "Faaliyetler"),
                (380.0, 440.0, "Bütçe"),
                (460.0, 520.0, "Bütçe Dışı"),
                (540.0, 600.0, "Toplam"),
            ],
            &[(40.0, 300.0, "F15 Plan Revizyonu Faaliyetleri")],
        ];
        let tail: &[&[(f32, f32, &str)]] = &[
            &[
                (40.0, 300.0, "F16 Kent Planı Projesi"),
                (380.0, 440.0, "25.000,00"),
                (540.0, 600.0, "25.000,00"),
            ],
            &[
                (40.0, 300.0, "Genel Toplam"),
                (380.0, 440.0, "25.000,00"),
                (540.0, 600.0, "25.000,00"),
            ],
        ];
        let mut second = page(tail);
        second.number = Some(2);
        let pages = [page(head), second];
        let items = lines::items(&pages);
        let parsed = parse(&items, Separators::Turkish, &mut Vec::new());
        let t = &parsed.goals[0].objectives[0].targets[0];
        let lines: Vec<(Option<&str>, &str)> = t
            .activities
            .iter()
            .map(|a| (a.code.as_deref(), a.name.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (Some("F15"), "Plan Revizyonu Faaliyetleri"),
                (Some("F16"), "Kent Planı Projesi")
            ]
        );
    }

    #[test]
    fn level_labels_in_every_wording() {
        let cases = [
            ("Stratejik Amaç 1: Herkesi Kapsayan", Head::Goal, "1"),
            ("Amaç 1 - Herkesi Kapsayan", Head::Goal, "1"),
            ("STRATEJİK AMAÇ 1 Herkesi Kapsayan", Head::Goal, "1"),
            ("Stratejik Hedef 1.1 Kent Ekonomisi", Head::Objective, "1.1"),
            ("Hedef 1.1. Kent Ekonomisi", Head::Objective, "1.1"),
            ("STRATEJİK HEDEF 1.1 Kent Ekonomisi", Head::Objective, "1.1"),
            ("Performans Hedefi 1.1.1 Altyapı", Head::Target, "1.1.1"),
            ("Performans Hedefi 1.1.1. Altyapı", Head::Target, "1.1.1"),
            ("PERFORMANS HEDEFİ 1.1.1 : Altyapı", Head::Target, "1.1.1"),
        ];
        for (text, head, code) in cases {
            let (h, c, title) = label(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((h, c.as_str()), (head, code), "{text}");
            assert!(
                title.ends_with("Kapsayan")
                    || title.ends_with("Ekonomisi")
                    || title.ends_with("Altyapı"),
                "{text}: {title:?}"
            );
        }
        assert_eq!(bare_label("Performans Hedefi"), Some(Head::Target));
        assert_eq!(label("Hedefler doğrultusunda"), None);
    }

    /// One target table, its labels and headers printed as `labels` and
    /// `header`, then two indicators and two activities with a total.
    fn one_target(labels: &[&[(f32, f32, &str)]], indicator: &str, activity: &str) -> Parsed {
        // The strategic area the goal belongs to, printed above it.
        one_target_in(&[(40.0, 100.0, "Altyapı")], labels, indicator, activity)
    }

    /// [`one_target`] under the strategic area printed as `theme`.
    fn one_target_in(
        theme: &[(f32, f32, &str)],
        labels: &[&[(f32, f32, &str)]],
        indicator: &str,
        activity: &str,
    ) -> Parsed {
        let mut rows: Vec<&[(f32, f32, &str)]> = vec![theme];
        rows.extend_from_slice(labels);
        let ind_header = [
            (40.0, 300.0, indicator),
            (300.0, 360.0, "Ölçü Birimi"),
            (380.0, 440.0, "2022 Gerçekleşen"),
            (460.0, 520.0, "2023 Tahmin"),
            (540.0, 600.0, "2024 Hedef"),
        ];
        let ind1 = [
            (40.0, 200.0, "Yapılan Yol Miktarı"),
            (300.0, 330.0, "Metre"),
            (400.0, 440.0, "1.000"),
            (480.0, 520.0, "2.000"),
            (560.0, 600.0, "3.000"),
        ];
        let ind2 = [
            (40.0, 200.0, "Tamamlanma Oranı"),
            (300.0, 310.0, "%"),
            (420.0, 440.0, "50"),
            (560.0, 600.0, "100"),
        ];
        let act_header = [
            (40.0, 300.0, activity),
            (380.0, 440.0, "Bütçe İçi"),
            (460.0, 520.0, "Bütçe Dışı"),
            (540.0, 600.0, "Toplam"),
        ];
        let act1 = [
            (40.0, 200.0, "Yol Yapım Faaliyetleri"),
            (380.0, 440.0, "1.000,00"),
            (540.0, 600.0, "1.000,00"),
        ];
        let act2 = [
            (40.0, 200.0, "Köprü Faaliyetleri"),
            (380.0, 440.0, "2.000,00"),
            (460.0, 520.0, "500,00"),
            (540.0, 600.0, "2.500,00"),
        ];
        let total = [
            (40.0, 200.0, "Genel Toplam"),
            (380.0, 440.0, "3.000,00"),
            (460.0, 520.0, "500,00"),
            (540.0, 600.0, "3.500,00"),
        ];
        rows.extend([
            &ind_header[..],
            &ind1[..],
            &ind2[..],
            &act_header[..],
            &act1[..],
            &act2[..],
            &total[..],
        ]);
        let pages = [page(&rows)];
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let parsed = parse(&items, Separators::Turkish, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:#?}");
        parsed
    }

    fn check(parsed: &Parsed, what: &str) {
        let g = &parsed.goals[0];
        assert_eq!(g.code, "1", "{what}");
        assert_eq!(g.theme.as_deref(), Some("Altyapı"), "{what}");
        assert_eq!(g.title, "Herkesi Kapsayan Bir Altyapı", "{what}");
        let o = &g.objectives[0];
        assert_eq!(
            (o.code.as_str(), o.title.as_str()),
            ("1.1", "Kent Altyapısı"),
            "{what}"
        );
        let t = &o.targets[0];
        assert_eq!(
            (t.code.as_str(), t.title.as_str()),
            ("1.1.1", "Altyapı Çalışmalarını Yürütmek"),
            "{what}"
        );
        let names: Vec<&str> = t.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["Yapılan Yol Miktarı", "Tamamlanma Oranı"], "{what}");
        assert_eq!(
            t.indicators[1].values[1], None,
            "{what}: an empty cell stays empty"
        );
        let acts: Vec<(&str, Option<String>)> = t
            .activities
            .iter()
            .map(|a| (a.name.as_str(), a.off_budget.map(|d| d.to_string())))
            .collect();
        assert_eq!(
            acts,
            [
                ("Yol Yapım Faaliyetleri", None),
                ("Köprü Faaliyetleri", Some("500.00".into()))
            ],
            "{what}"
        );
        assert_eq!(
            t.stated_total.total.map(|d| d.to_string()),
            Some("3500.00".into()),
            "{what}"
        );
        let years: Vec<i32> = parsed.columns.iter().map(|c| c.year).collect();
        assert_eq!(years, [2022, 2023, 2024], "{what}");
    }

    /// A text export prints text values on lines of their own under the
    /// indicator's first line: one block of lines per cell, blocks parted
    /// by a blank line; a line in lower case goes on with the value above.
    #[test]
    fn text_values_printed_below_their_indicator() {
        let text = "Altyapı\n\nStratejik Amaç 1: Altyapı\n\nStratejik Hedef 1.1: Yollar\n\n\
            Performans Hedefi 1.1.1: Yol Yapmak\n\n\
            Performans Göstergeleri Değer \nTürü\n\n2022 \nGerçekleşen\n\n\
            2023 \nHedef\n\n2024 \nHedef\n\n\
            Yapılan Yol Miktarı Km 12 15 20\n\n\
            Ortalama Varış Süresi Dakika 4 dakika 41 \nsaniye\n\n\
            4 dakika 18 \nsaniye\n\n4 dakika 19\n\n\
            Kredi Notu (Fitch) Not B (Negatif)\nAAA (Durağan)\n\nBB\nAA\n\nBB\nAA\n\n\
            Bakım Oranı % \u{a0} 90 95\n";
        let pages = crate::layout::text::rows(&crate::layout::text::pages(text));
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let parsed = parse(&items, Separators::Turkish, &mut warnings);
        let t = &parsed.goals[0].objectives[0].targets[0];
        let got: Vec<(&str, &str, Vec<Option<String>>)> = t
            .indicators
            .iter()
            .map(|i| {
                let values = i
                    .values
                    .iter()
                    .map(|v| {
                        v.as_ref().map(|v| match v {
                            Value::Number(d) => d.to_string(),
                            Value::Text(t) => t.clone(),
                        })
                    })
                    .collect();
                (i.name.as_str(), i.unit.as_deref().unwrap_or(""), values)
            })
            .collect();
        let some = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![
                ("Yapılan Yol Miktarı", "Km", some(&["12", "15", "20"])),
                (
                    "Ortalama Varış Süresi",
                    "Dakika",
                    some(&["4 dakika 41 saniye", "4 dakika 18 saniye", "4 dakika 19"])
                ),
                (
                    "Kredi Notu (Fitch)",
                    "Not",
                    some(&["B (Negatif) / AAA (Durağan)", "BB / AA", "BB / AA"])
                ),
                (
                    "Bakım Oranı",
                    "%",
                    vec![None, Some("90".into()), Some("95".into())]
                ),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn target_tables_with_every_label_layout() {
        // Code in the label cell, title beside it after a colon.
        let in_label: [&[(f32, f32, &str)]; 3] = [
            &[
                (40.0, 150.0, "Stratejik Amaç 1"),
                (160.0, 500.0, ": Herkesi Kapsayan Bir Altyapı"),
            ],
            &[
                (40.0, 150.0, "Stratejik Hedef 1.1"),
                (160.0, 500.0, ": Kent Altyapısı"),
            ],
            &[
                (40.0, 150.0, "Performans Hedefi 1.1.1"),
                (160.0, 500.0, ": Altyapı Çalışmalarını Yürütmek"),
            ],
        ];
        check(
            &one_target(&in_label, "Performans Göstergeleri", "Faaliyetler"),
            "code in the label cell",
        );
        // Short labels, code before the title, `1.1.1.` with its dot.
        let before_title: [&[(f32, f32, &str)]; 3] = [
            &[
                (40.0, 150.0, "Amaç"),
                (160.0, 500.0, "1. Herkesi Kapsayan Bir Altyapı"),
            ],
            &[
                (40.0, 150.0, "Hedef"),
                (160.0, 500.0, "1.1. Kent Altyapısı"),
            ],
            &[
                (40.0, 150.0, "Performans Hedefi"),
                (160.0, 500.0, "1.1.1. Altyapı Çalışmalarını Yürütmek"),
            ],
        ];
        check(
            &one_target(&before_title, "Performans Göstergesi", "Faaliyet Adı"),
            "code before the title",
        );
        // The code in a cell of its own, labels in capitals.
        let own_cell: [&[(f32, f32, &str)]; 3] = [
            &[
                (40.0, 150.0, "STRATEJİK AMAÇ"),
                (160.0, 200.0, "1"),
                (210.0, 500.0, "Herkesi Kapsayan Bir Altyapı"),
            ],
            &[
                (40.0, 150.0, "STRATEJİK HEDEF"),
                (160.0, 200.0, "1.1"),
                (210.0, 500.0, "Kent Altyapısı"),
            ],
            &[
                (40.0, 150.0, "PERFORMANS HEDEFİ"),
                (160.0, 200.0, "1.1.1"),
                (210.0, 500.0, "Altyapı Çalışmalarını Yürütmek"),
            ],
        ];
        check(
            &one_target(&own_cell, "PERFORMANS GÖSTERGELERİ", "FAALİYETLER"),
            "code in a cell of its own",
        );
    }

    /// The strategic area printed with its label, in a cell of its own or
    /// before a colon: the label is not the theme.
    #[test]
    fn strategic_area_labels_are_not_the_theme() {
        let labels: [&[(f32, f32, &str)]; 3] = [
            &[(
                40.0,
                500.0,
                "Stratejik Amaç 1: Herkesi Kapsayan Bir Altyapı",
            )],
            &[(40.0, 500.0, "Stratejik Hedef 1.1: Kent Altyapısı")],
            &[(
                40.0,
                500.0,
                "Performans Hedefi 1.1.1: Altyapı Çalışmalarını Yürütmek",
            )],
        ];
        for theme in [
            &[(40.0, 80.0, "Tema"), (90.0, 200.0, "Altyapı")][..],
            &[(40.0, 120.0, "Stratejik Alan"), (130.0, 200.0, "ALTYAPI")][..],
            &[(40.0, 200.0, "Tema: Altyapı")][..],
            &[(40.0, 200.0, "STRATEJİK ALAN: ALTYAPI")][..],
        ] {
            let parsed = one_target_in(theme, &labels, "Performans Göstergeleri", "Faaliyetler");
            check(&parsed, &format!("{theme:?}"));
        }
    }
}
