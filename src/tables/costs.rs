//! Activity cost tables (Faaliyet Maliyetleri Tablosu) read from table
//! rows: one small table per activity, with the goal / objective / target
//! it serves, the activity's name, the responsible units, the amounts of
//! economic codes 1–8, the off-budget sources and the three totals.
//!
//! Rows are known by their labels, in the wordings programmes print: level
//! labels with their code in the label cell, before the title or on the
//! next line (`Performans Hedefi` alone); `Faaliyet Adı` / `Faaliyet` with
//! the name beside it or on the lines below; `Sorumlu Harcama Birimi veya
//! Birimleri`, above or below the amounts, with the units on the lines
//! below it or beside it (then the units' column holds their further
//! lines, the label's column the label's); `İdare Adı` (read and ignored);
//! the `Ekonomik Kod | <year>` header, whose last column holds the
//! amounts; amount rows by their name (`1. Personel Giderleri`,
//! `01 | PERSONEL GİDERLERİ`, `Bütçe Toplamı`), the most specific label
//! cell first, so a group label spanning the off-budget rows
//! (`Bütçe Dışı Kaynak | Döner Sermaye`) does not hide its rows. An empty
//! or `-` amount cell is no amount. A table ends where the next one
//! starts: at the section title printed above it, at a level label, or at
//! an activity label once its own activity is read.

use rust_decimal::Decimal;

use crate::error::Warning;
use crate::i18n::Message;
use crate::layout::{Cell, Line};
use crate::model::{ActivityCost, Economic, Level, OffBudget, PrintedTitle};
use crate::msg;
use crate::normalize::number::{parse_amount_as, parse_number_as, Separators};
use crate::normalize::{self, join_lines, normalize_key};

use super::header::{self, Column};
use super::lines::{after_keyword, leading_code, plain, Item};
use super::targets::year_of;
use super::targets::{bare_label, full_code, label, Head};
use super::units::split_units;
use crate::layout::text::EMPTY_CELL;

pub(super) const TABLE: &str = "Faaliyet Maliyetleri Tablosu";

/// Where an amount row's figure goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slot {
    Code(u8),
    BudgetTotal,
    Revolving,
    Domestic,
    Foreign,
    OffBudgetTotal,
    Total,
}

/// The amount rows, in printed order, with every wording seen for each.
/// `Bütçe Dışı Kaynak` alone is the single off-budget line of programmes
/// that print no breakdown.
const ROWS: [(Slot, &[&str]); 14] = [
    (Slot::Code(1), &["Personel Giderleri"]),
    (
        Slot::Code(2),
        &["Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"],
    ),
    (Slot::Code(3), &["Mal ve Hizmet Alım Giderleri"]),
    (Slot::Code(4), &["Faiz Giderleri"]),
    (Slot::Code(5), &["Cari Transferler"]),
    (Slot::Code(6), &["Sermaye Giderleri"]),
    (Slot::Code(7), &["Sermaye Transferleri"]),
    (Slot::Code(8), &["Borç Verme"]),
    (
        Slot::BudgetTotal,
        &["Toplam Bütçe Kaynak İhtiyacı", "Bütçe Toplamı"],
    ),
    (Slot::Revolving, &["Döner Sermaye"]),
    (Slot::Domestic, &["Diğer Yurt İçi"]),
    (Slot::Foreign, &["Yurt Dışı"]),
    (
        Slot::OffBudgetTotal,
        &[
            "Toplam Bütçe Dışı Kaynak İhtiyacı",
            "Bütçe Dışı Kaynak Toplamı",
            "Bütçe Dışı Kaynak",
        ],
    ),
    (Slot::Total, &["Toplam Kaynak İhtiyacı"]),
];

/// The slot of an amount row's label: by its name, with or without an
/// economic code before it (`1.`, `01`); a code 1–8 before a name not
/// known here still names its economic row.
pub(super) fn slot_of(label: &str) -> Option<Slot> {
    let t = label.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (code, name) = if digits > 0 && digits <= 2 {
        let rest = &t[digits..];
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            (t[..digits].parse::<u8>().ok(), rest)
        } else {
            (None, t)
        }
    } else {
        (None, t)
    };
    // The rows' names as keys, made once.
    static KEYS: std::sync::LazyLock<Vec<(Slot, Vec<String>)>> = std::sync::LazyLock::new(|| {
        ROWS.iter()
            .map(|(slot, names)| (*slot, names.iter().map(|n| normalize_key(n)).collect()))
            .collect()
    });
    let key = normalize_key(name);
    KEYS.iter()
        .find(|(_, names)| names.contains(&key))
        .map(|r| r.0)
        .or_else(|| code.filter(|c| (1..=8).contains(c)).map(Slot::Code))
}

/// The rows a cost table has but did not print, by their model keys (the
/// breakdown's rows only where the table prints a breakdown).
fn not_printed(printed: &[Slot], breakdown: bool) -> Vec<String> {
    let mut expected: Vec<(Slot, String)> = (1..=8)
        .map(|c| (Slot::Code(c), format!("economic.{c}")))
        .collect();
    expected.push((Slot::BudgetTotal, "budget_total".into()));
    if breakdown {
        expected.push((Slot::Revolving, "off_budget.revolving_fund".into()));
        expected.push((Slot::Domestic, "off_budget.other_domestic".into()));
        expected.push((Slot::Foreign, "off_budget.foreign".into()));
    }
    expected.push((Slot::OffBudgetTotal, "off_budget_total".into()));
    expected.push((Slot::Total, "total".into()));
    expected
        .into_iter()
        .filter(|(slot, _)| !printed.contains(slot))
        .map(|(_, key)| key)
        .collect()
}

/// One cost table as it is read.
#[derive(Debug, Default)]
pub(super) struct Draft {
    pub page: Option<u32>,
    pub target: String,
    pub name_lines: Vec<String>,
    pub unit_lines: Vec<String>,
    pub economic: Economic,
    pub budget_total: Option<Decimal>,
    pub off_budget: OffBudget,
    /// A row of the off-budget breakdown (Döner Sermaye, Diğer Yurt İçi,
    /// Yurt Dışı) was printed.
    pub breakdown: bool,
    pub off_budget_total: Option<Decimal>,
    pub total: Option<Decimal>,
    pub seen_rows: usize,
    /// The rows printed, by slot.
    pub printed: Vec<Slot>,
    /// The position lines' levels, codes (empty until read) and title
    /// lines, as printed.
    pub titles: Vec<(Head, String, Vec<String>)>,
}

impl Draft {
    /// Puts an amount row's figure in its slot.
    pub fn set(&mut self, slot: Slot, amount: Option<Decimal>) {
        self.seen_rows += 1;
        if !self.printed.contains(&slot) {
            self.printed.push(slot);
        }
        match slot {
            Slot::Code(c) => {
                if let Some(s) = self.economic.get_mut(c) {
                    *s = amount;
                }
            }
            Slot::BudgetTotal => self.budget_total = amount,
            Slot::Revolving => {
                self.off_budget.revolving_fund = amount;
                self.breakdown = true;
            }
            Slot::Domestic => {
                self.off_budget.other_domestic = amount;
                self.breakdown = true;
            }
            Slot::Foreign => {
                self.off_budget.foreign = amount;
                self.breakdown = true;
            }
            Slot::OffBudgetTotal => self.off_budget_total = amount,
            Slot::Total => self.total = amount,
        }
    }

    /// The activity's name as read so far.
    pub fn activity(&self) -> String {
        join_lines(&self.name_lines)
    }
}

/// Adds a read table to `out`; warns when it lacks its target, its
/// activity or any amount row (and drops it when it has neither target
/// nor activity).
pub(super) fn finish(d: Draft, out: &mut Vec<ActivityCost>, warnings: &mut Vec<Warning>) {
    let activity = d.activity();
    let units = split_units(&normalize::join_cell_lines(&d.unit_lines));
    if d.target.is_empty() || activity.is_empty() || d.seen_rows == 0 {
        warnings.push(Warning {
            page: d.page,
            table: TABLE.into(),
            message: msg!(
                "warning-cost-incomplete",
                target = format!("{:?}", d.target),
                activity = format!("{activity:?}"),
                rows = d.seen_rows
            ),
        });
        if d.target.is_empty() && activity.is_empty() {
            return;
        }
    }
    out.push(ActivityCost {
        target: d.target,
        activity,
        units,
        page: d.page,
        economic: d.economic,
        budget_total: d.budget_total,
        // One off-budget line instead of the breakdown: null.
        off_budget: d.breakdown.then_some(d.off_budget),
        off_budget_total: d.off_budget_total,
        total: d.total,
        not_printed: not_printed(&d.printed, d.breakdown),
        titles_as_printed: d
            .titles
            .into_iter()
            .filter(|(_, code, lines)| !code.is_empty() && !lines.is_empty())
            .map(|(head, code, lines)| PrintedTitle {
                level: match head {
                    Head::Goal => Level::Goal,
                    Head::Objective => Level::Objective,
                    Head::Target => Level::Target,
                },
                code,
                title: join_lines(&lines),
                page: None,
            })
            .collect(),
    });
}

/// A strategic-area heading in capitals (`ALTYAPI`, `YAŞAYARAK ÖĞRENME ve
/// KURUMSAL KAPASİTE`): every word in capitals but short conjunctions.
pub(super) fn is_theme(text: &str) -> bool {
    let mut caps = 0;
    for w in text.split_whitespace() {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() {
            continue;
        }
        if letters.iter().all(|c| c.is_uppercase()) {
            caps += 1;
        } else if !matches!(w, "ve" | "ile" | "veya") {
            return false;
        }
    }
    caps > 0
}

/// The words of the units label (`Sorumlu Harcama Birimi veya
/// Birimleri`, `Sorumlu Birim(ler)`).
const UNIT_LABEL_WORDS: [&str; 8] = [
    "sorumlu",
    "harcama",
    "birimi",
    "birimleri",
    "birim",
    "birimler",
    "veya",
    "ve",
];

/// The text after a leading run of units-label words (`Birimi/Birimleri`
/// too).
fn strip_unit_label(text: &str) -> &str {
    let mut rest = text.trim_start();
    while let Some(word) = rest.split_whitespace().next() {
        let key = header::key(word);
        if !key.split(['/', ' ']).all(|k| UNIT_LABEL_WORDS.contains(&k)) {
            break;
        }
        rest = rest[word.len()..].trim_start();
    }
    rest
}

/// The cells beside a units label printed in cells of its own (None when
/// the label shares its first cell with other text).
fn beside_unit_label(line: &Line) -> Option<Vec<&Cell>> {
    let k = line
        .cells
        .iter()
        .position(|c| !strip_unit_label(&c.text).is_empty())
        .unwrap_or(line.cells.len());
    (k > 0).then(|| line.cells[k..].iter().collect())
}

/// Which part of its table the last row read belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// Goal, objective and target labels and titles.
    Heading,
    Name,
    Units,
    Amounts,
    /// After the total row: only units (printed below the amounts) or the
    /// next table may follow.
    Done,
}

struct Parser<'w> {
    out: Vec<ActivityCost>,
    /// The document's separators.
    sep: Separators,
    warnings: &'w mut Vec<Warning>,
    draft: Option<Draft>,
    part: Part,
    /// A bare `Performans Hedefi` was read: the next coded line gives the
    /// target's code.
    code_below: bool,
    /// The columns of the last `Ekonomik Kod` header and which one holds
    /// the amounts (a table continued on the next page keeps them).
    cols: Vec<Column>,
    amount: Option<usize>,
    /// The target of the last table, for a table that prints none.
    last_target: String,
    /// Where the units start when they are printed beside their label.
    units_x: Option<f32>,
}

/// Parses the activity cost tables from the section's rows.
pub fn parse(items: &[Item], sep: Separators, warnings: &mut Vec<Warning>) -> Vec<ActivityCost> {
    let mut p = Parser {
        out: Vec::new(),
        sep,
        warnings,
        draft: None,
        part: Part::Done,
        code_below: false,
        cols: Vec::new(),
        amount: None,
        last_target: String::new(),
        units_x: None,
    };
    for it in items {
        if !it.is_blank() {
            p.row(it);
        }
    }
    p.close();
    p.out
}

/// A title without the colon or dot printed between it and its code.
fn strip_colon(title: &str) -> String {
    title
        .trim_start_matches([':', '.', '-', ' ', '\u{a0}'])
        .trim()
        .to_string()
}

fn warn(w: &mut Vec<Warning>, page: Option<u32>, message: impl Into<Message>) {
    w.push(Warning {
        page,
        table: TABLE.into(),
        message: message.into(),
    });
}

/// Whether a row's text starts with the initial of a structural keyword
/// (`Faaliyet`, `İdare`, `Stratejik`, `Amaç`, `Hedef`, `Performans`,
/// `Sorumlu`, `Ekonomik`), in any case.
fn starts_like_keyword(text: &str) -> bool {
    text.chars()
        .next()
        .map(normalize::lower_char_tr)
        .is_some_and(|c| matches!(c, 'f' | 'i' | 's' | 'a' | 'h' | 'p' | 'e'))
}

/// A row's cells' texts, one a line (a cell's own line breaks kept).
fn cell_lines(line: &Line) -> String {
    let texts: Vec<&str> = line.cells.iter().map(|c| c.text.as_str()).collect();
    texts.join("\n")
}

/// The label of a row whose first cell is `keys` (its key) or whose text
/// starts with one of `long` (labels that cannot begin a name): the rest
/// of the row.
fn labelled(line: &Line, text: &str, keys: &[&str], long: &[&str]) -> Option<String> {
    let (first, rest) = line.cells.split_first()?;
    if keys.contains(&header::key(&first.text).as_str()) {
        let rest: Vec<&str> = rest.iter().map(|c| c.text.as_str()).collect();
        return Some(normalize::clean(&rest.join(" ")));
    }
    long.iter()
        .find_map(|l| after_keyword(text, l))
        .map(normalize::clean)
}

impl Parser<'_> {
    fn row(&mut self, it: &Item) {
        let text = plain(it.text());
        // Every structural row (the table's title, a level label, the
        // activity, units and amount headers) starts with one of a few
        // letters; the others (amount rows, wrapped names) skip their tests.
        if starts_like_keyword(&text) && self.structure(it, &text) {
            return;
        }
        self.body(it, text);
    }

    /// A structural row: handled, true; else false.
    fn structure(&mut self, it: &Item, text: &str) -> bool {
        let key = header::key(text);
        static TITLE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| header::key(TABLE));
        let title = TITLE.as_str();
        if key
            .strip_prefix(title)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
        {
            // A table starts: what was read is complete, or, a heading
            // only, another table's.
            if self.part == Part::Heading {
                self.draft = None;
            }
            self.close();
            self.part = Part::Done;
            return true;
        }
        let line = it.line;
        if labelled(line, text, &["idare adı", "idare"], &["İdare Adı"]).is_some() {
            return true;
        }
        if let Some((head, code, title)) = label(text) {
            self.level(head, Some(code), title, it.page);
            return true;
        }
        // The keyword in a cell of its own, its code (in a form not read
        // here) and title beside it.
        if let Some((first, rest)) = line.cells.split_first() {
            if let (Some(head), false) = (bare_label(&plain(&first.text)), rest.is_empty()) {
                let beside: Vec<&str> = rest.iter().map(|c| c.text.as_str()).collect();
                let beside = plain(&beside.join(" "));
                let parts = match head {
                    Head::Goal => 1,
                    Head::Objective => 2,
                    Head::Target => 3,
                };
                let (code, title) = match leading_code(&beside, parts) {
                    Some((code, title)) => (Some(code), title.to_string()),
                    None => (None, beside.clone()),
                };
                self.level(head, code, title, it.page);
                self.code_below = false;
                return true;
            }
        }
        if !matches!(self.part, Part::Name | Part::Units) {
            if let Some(head) = bare_label(text) {
                self.level(head, None, String::new(), it.page);
                return true;
            }
        }
        if let Some(name) = labelled(line, text, &["faaliyet adı", "faaliyet"], &["Faaliyet Adı"])
        {
            self.activity(name, it.page);
            return true;
        }
        if after_keyword(text, "Sorumlu").is_some() {
            self.units_label(line, it.page);
            return true;
        }
        if key.starts_with("ekonomik kod") {
            self.amount_header(line, it.page);
            return true;
        }
        false
    }

    /// A row of the part being read.
    fn body(&mut self, it: &Item, text: String) {
        match self.part {
            Part::Heading => {
                let Some(d) = &mut self.draft else {
                    return;
                };
                // The code below a bare label, with the title after it;
                // other lines go on with the last title.
                let below = if self.code_below {
                    leading_code(&text, 3)
                } else {
                    None
                };
                match (below, d.titles.last_mut()) {
                    (Some((code, title)), Some(last)) => {
                        d.target = code.clone();
                        self.code_below = false;
                        last.1 = code;
                        last.2.push(strip_colon(title));
                    }
                    (None, Some(last)) if !last.1.is_empty() => last.2.push(text),
                    _ => {}
                }
            }
            Part::Name => {
                if let Some(d) = &mut self.draft {
                    d.name_lines.push(text);
                }
            }
            Part::Units => self.units_row(it, &text),
            Part::Amounts => self.amount_row(it, &text),
            Part::Done => self.outside(it, &text),
        }
    }

    /// Ends the table being read, if any.
    fn close(&mut self) {
        if let Some(d) = self.draft.take() {
            self.last_target = d.target.clone();
            finish(d, &mut self.out, self.warnings);
        }
        self.code_below = false;
    }

    /// Starts a new table unless the one being read is still in its heading.
    fn open(&mut self, page: Option<u32>) {
        if self.draft.is_some() && self.part == Part::Heading {
            return;
        }
        self.close();
        self.draft = Some(Draft {
            page,
            ..Draft::default()
        });
        self.part = Part::Heading;
    }

    /// A goal, objective or target label, with its code or with the code
    /// on a line below.
    fn level(&mut self, head: Head, code: Option<String>, title: String, page: Option<u32>) {
        self.open(page);
        // A level numbered inside its parent (`Performans Hedefi 1:` under
        // `Hedef 1.2`): its full code, from the table's lines above.
        let code = code.map(|c| match &self.draft {
            Some(d) => {
                let above = |h: Head| {
                    d.titles
                        .iter()
                        .rev()
                        .find(|t| t.0 == h && !t.1.is_empty())
                        .map(|t| t.1.as_str())
                };
                full_code(head, c, above(Head::Goal), above(Head::Objective))
            }
            None => c,
        });
        if let Some(d) = &mut self.draft {
            let title = strip_colon(&title);
            let lines = if title.is_empty() {
                Vec::new()
            } else {
                vec![title]
            };
            d.titles
                .push((head, code.clone().unwrap_or_default(), lines));
        }
        if head != Head::Target {
            return;
        }
        match (code, &mut self.draft) {
            (Some(code), Some(d)) => {
                d.target = code;
                self.code_below = false;
            }
            _ => self.code_below = true,
        }
    }

    /// The activity label, with the name beside it (or empty: the name is
    /// on the lines below). An activity label after a table's own activity
    /// starts a table for the same target.
    fn activity(&mut self, name: String, page: Option<u32>) {
        let read = self
            .draft
            .as_ref()
            .is_some_and(|d| !d.name_lines.is_empty() || d.seen_rows > 0);
        if self.draft.is_none() || read {
            self.close();
            self.draft = Some(Draft {
                page,
                target: self.last_target.clone(),
                ..Draft::default()
            });
        }
        self.code_below = false;
        self.part = Part::Name;
        if let Some(d) = &mut self.draft {
            if !name.is_empty() {
                d.name_lines.push(name);
            }
        }
    }

    /// The units label, with the units beside it (their column then
    /// holds the units' further lines, beside the label's) or on the lines
    /// below.
    fn units_label(&mut self, line: &Line, page: Option<u32>) {
        let Some(d) = &mut self.draft else {
            warn(
                self.warnings,
                page,
                msg!(
                    "warning-cost-units-outside",
                    text = format!("{:?}", plain(&cell_lines(line)))
                ),
            );
            return;
        };
        self.part = Part::Units;
        self.units_x = None;
        match beside_unit_label(line) {
            Some(cells) if !cells.is_empty() => {
                self.units_x = Some(cells[0].x0);
                d.unit_lines.push(
                    cells
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                );
            }
            // The label and its units in one run of text.
            _ => {
                let lines = cell_lines(line);
                let rest = strip_unit_label(&lines);
                if !rest.is_empty() {
                    d.unit_lines.push(rest.to_string());
                }
            }
        }
    }

    /// A row after the units label: the units' next line, the label's
    /// next line, or, when neither, the end of the units.
    fn units_row(&mut self, it: &Item, text: &str) {
        let line = it.line;
        let below_amounts = self.draft.as_ref().is_some_and(|d| d.seen_rows > 0);
        let units = match self.units_x {
            // Units in a column of their own: the row's cells in it, beside
            // the label's words (or nothing) in the label's column.
            Some(x) => {
                let (label, beside): (Vec<&Cell>, Vec<&Cell>) =
                    line.cells.iter().partition(|c| c.x0 < x - 1.0);
                let label: Vec<&str> = label.iter().map(|c| c.text.as_str()).collect();
                strip_unit_label(&label.join(" ")).is_empty().then(|| {
                    beside
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
            // Units on the lines below the label, which may run on to them;
            // a strategic-area heading ends units printed below the amounts.
            None if below_amounts && is_theme(text) => None,
            None => {
                let lines = cell_lines(line);
                let first = self.draft.as_ref().is_some_and(|d| d.unit_lines.is_empty());
                Some(
                    if first {
                        strip_unit_label(&lines)
                    } else {
                        &lines
                    }
                    .to_string(),
                )
            }
        };
        match (units, &mut self.draft) {
            (Some(units), Some(d)) => {
                if !units.is_empty() {
                    d.unit_lines.push(units);
                }
            }
            (Some(_), None) => {}
            (None, _) => {
                self.part = Part::Done;
                self.outside(it, text);
            }
        }
    }

    /// A row outside any table: the strategic-area heading above a goal is
    /// expected there, other text is reported.
    fn outside(&mut self, it: &Item, text: &str) {
        if !is_theme(text) {
            warn(
                self.warnings,
                it.page,
                msg!("warning-cost-text-outside", text = format!("{text:?}")),
            );
        }
    }

    /// The `Ekonomik Kod | <year>` header: the amounts are in the last
    /// column labelled with a year, or else in its last column. Rows below
    /// a header outside any table are not read.
    fn amount_header(&mut self, line: &Line, page: Option<u32>) {
        // A second header is not this table's: its rows are no one's.
        if self.draft.as_ref().is_some_and(|d| d.seen_rows > 0) {
            self.close();
        }
        if self.draft.is_none() {
            warn(self.warnings, page, msg!("warning-cost-header-outside"));
        }
        self.cols = header::columns(&[line]);
        self.amount = self
            .cols
            .iter()
            .rposition(|c| c.label.split_whitespace().any(|w| year_of(w).is_some()))
            .or_else(|| (self.cols.len() > 1).then(|| self.cols.len() - 1));
        self.part = Part::Amounts;
    }

    fn amount_row(&mut self, it: &Item, text: &str) {
        let Some(d) = &mut self.draft else {
            return;
        };
        let mut labels: Vec<String> = Vec::new();
        let mut figure: Option<String> = None;
        for c in &it.line.cells {
            if self.amount.is_some() && header::column_of(c, &self.cols) == self.amount {
                let f = figure.get_or_insert_with(String::new);
                if !f.is_empty() {
                    f.push(' ');
                }
                f.push_str(c.text.trim());
            } else {
                labels.push(plain(&c.text));
            }
        }
        // A row printed as one run of text: its figure is its last word.
        if figure.is_none() && labels.len() == 1 {
            if let Some((label, last)) = text.trim_end().rsplit_once([' ', '\t']) {
                if parse_number_as(last.trim_matches(EMPTY_CELL), self.sep).is_some() {
                    labels = vec![plain(label)];
                    figure = Some(last.trim_matches(EMPTY_CELL).to_string());
                }
            }
        }
        let slot = labels
            .iter()
            .rev()
            .find_map(|l| slot_of(l))
            .or_else(|| slot_of(&labels.join(" ")));
        let Some(slot) = slot else {
            warn(
                self.warnings,
                it.page,
                msg!(
                    "warning-cost-row-unrecognised",
                    activity = format!("{:?}", d.activity()),
                    text = format!("{text:?}")
                ),
            );
            return;
        };
        let amount = match figure.as_deref().map(str::trim) {
            None | Some("" | "-" | "–" | "—") => None,
            Some(f) => {
                let a = parse_amount_as(f, self.sep);
                if a.is_none() {
                    warn(
                        self.warnings,
                        it.page,
                        msg!(
                            "warning-cost-not-amount",
                            activity = format!("{:?}", d.activity()),
                            text = format!("{f:?}")
                        ),
                    );
                }
                a
            }
        };
        d.set(slot, amount);
        if slot == Slot::Total {
            self.part = Part::Done;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Page;
    use crate::tables::lines;

    /// A page of rows, each given as its cells `(x0, x1, text)`, one row
    /// every 10 points.
    fn page(n: u32, rows: &[&[(f32, f32, &str)]]) -> Page {
        Page {
            number: Some(n),
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

    fn read(pages: &[Page]) -> (Vec<ActivityCost>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let costs = parse(&lines::items(pages), Separators::Turkish, &mut warnings);
        (costs, warnings)
    }

    fn dec(s: &str) -> Option<Decimal> {
        crate::normalize::parse_number(s)
    }

    /// A ruled grid: labels in cells of their own, codes before titles,
    /// the units one a line in their cell (a misspelt office among them).
    #[test]
    fn ruled_grid_rows() {
        let (l, v, a) = ((40.0, 200.0), (200.0, 800.0), (630.0, 800.0));
        let pages = [page(
            48,
            &[
                &[(40.0, 170.0, "Faaliyet Maliyetleri Tablosu")],
                &[
                    (l.0, l.1, "Stratejik Amaç"),
                    (v.0, v.1, "1. Herkesi Kapsayan"),
                ],
                &[
                    (l.0, l.1, "Stratejik Hedef"),
                    (v.0, v.1, "1.1. Kent Altyapısı"),
                ],
                &[
                    (l.0, l.1, "Performans Hedefi"),
                    (v.0, v.1, "1.1.1. Altyapı"),
                ],
                &[(l.0, l.1, "Faaliyet Adı"), (v.0, v.1, "Yaya Geçitleri")],
                &[
                    (l.0, l.1, "Sorumlu Harcama Birimi veya Birimleri"),
                    (
                        v.0,
                        v.1,
                        "Genel Sekreter Yardımlığı\nFen İşleri Dairesi Başkanlığı",
                    ),
                ],
                &[(40.0, a.0, "Ekonomik Kod"), (a.0, a.1, "2024")],
                &[(40.0, a.0, "1. Personel Giderleri")],
                &[
                    (40.0, a.0, "6. Sermaye Giderleri"),
                    (a.0, a.1, "208.000.000,00"),
                ],
                &[
                    (40.0, a.0, "Toplam Bütçe Kaynak İhtiyacı"),
                    (a.0, a.1, "208.000.000,00"),
                ],
                &[(40.0, a.0, "Döner Sermaye")],
                &[
                    (40.0, a.0, "Toplam Bütçe Dışı Kaynak İhtiyacı"),
                    (a.0, a.1, "0,00"),
                ],
                &[
                    (40.0, a.0, "Toplam Kaynak İhtiyacı"),
                    (a.0, a.1, "208.000.000,00"),
                ],
            ],
        )];
        let (costs, warnings) = read(&pages);
        assert!(warnings.is_empty(), "{warnings:?}");
        let [c] = &costs[..] else { panic!("{costs:?}") };
        assert_eq!(c.target, "1.1.1");
        assert_eq!(c.activity, "Yaya Geçitleri");
        assert_eq!(
            c.units,
            ["Genel Sekreter Yardımlığı", "Fen İşleri Dairesi Başkanlığı"]
        );
        assert_eq!(c.page, Some(48));
        assert_eq!(c.economic.c1, None, "an empty cell is no amount");
        assert_eq!(c.economic.c6, dec("208.000.000,00"));
        assert_eq!(c.budget_total, dec("208.000.000,00"));
        assert_eq!(c.off_budget.as_ref().and_then(|o| o.revolving_fund), None);
        assert_eq!(c.off_budget_total, dec("0,00"));
        assert_eq!(c.total, dec("208.000.000,00"));
    }

    /// Loose lines: keywords alone with the code on the next line, the
    /// name below its label over two lines, the units label over two lines
    /// and a table continued on the next page without its header.
    #[test]
    fn loose_lines_over_a_page_break() {
        let (l, a) = ((36.0, 300.0), (300.0, 440.0));
        let pages = [
            page(
                91,
                &[
                    &[(36.0, 90.0, "ALTYAPI")],
                    &[(36.0, 300.0, "Amaç 1. Herkesi Kapsayan")],
                    &[(36.0, 60.0, "Hedef")],
                    &[(36.0, 260.0, "1.1 Kent Ekonomisine Katkı")],
                    &[(36.0, 115.0, "Performans Hedefi")],
                    &[(36.0, 280.0, "1.1.1. Altyapı Çalışmalarının")],
                    &[(36.0, 90.0, "Faaliyet Adı")],
                    &[(36.0, 280.0, "Ulaşım Yollarında Asfalt Kaplama, Bakım-")],
                    &[(36.0, 120.0, "Onarım Faaliyetleri")],
                    &[(36.0, 100.0, "Sorumlu Harcama")],
                    &[(36.0, 110.0, "Birimi veya Birimleri")],
                    &[(
                        36.0,
                        280.0,
                        "Etüd ve Projeler Dairesi Başkanlığı, Yapı İşleri",
                    )],
                    &[(36.0, 120.0, "Dairesi Başkanlığı")],
                    &[(l.0, l.1, "Ekonomik Kod"), (a.0, a.1, "2024")],
                    &[
                        (l.0, l.1, "3. Mal ve Hizmet Alım Giderleri"),
                        (a.0, a.1, "5.000,00"),
                    ],
                ],
            ),
            page(
                92,
                &[
                    &[
                        (36.0, 270.0, "Toplam Bütçe Kaynak İhtiyacı"),
                        (270.0, 440.0, "5.000,00"),
                    ],
                    &[
                        (36.0, 270.0, "Toplam Kaynak İhtiyacı"),
                        (270.0, 440.0, "5.000,00"),
                    ],
                    &[(36.0, 120.0, "KENTSEL YAŞAM")],
                    &[(36.0, 300.0, "Amaç 2. Yaşam Kalitesi")],
                    &[(36.0, 300.0, "Hedef 2.1. Ulaşım")],
                    &[(36.0, 300.0, "Performans Hedefi 2.1.1. Toplu Ulaşım")],
                    &[(36.0, 300.0, "Faaliyet Adı Raylı Sistem Faaliyetleri")],
                    &[(36.0, 100.0, "Sorumlu Harcama")],
                    &[(36.0, 110.0, "Birimi veya Birimleri")],
                    &[(36.0, 200.0, "Raylı Sistem Dairesi Başkanlığı")],
                    &[(l.0, l.1, "Ekonomik Kod"), (a.0, a.1, "2024")],
                    &[(l.0, l.1, "Toplam Kaynak İhtiyacı"), (a.0, a.1, "0,00")],
                ],
            ),
        ];
        let (costs, warnings) = read(&pages);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(costs.len(), 2);
        let c = &costs[0];
        assert_eq!(c.target, "1.1.1");
        assert_eq!(
            c.activity,
            "Ulaşım Yollarında Asfalt Kaplama, Bakım-Onarım Faaliyetleri"
        );
        assert_eq!(
            c.units,
            [
                "Etüd ve Projeler Dairesi Başkanlığı",
                "Yapı İşleri Dairesi Başkanlığı"
            ]
        );
        assert_eq!(c.economic.c3, dec("5.000,00"));
        assert_eq!(c.budget_total, dec("5.000,00"));
        assert_eq!(c.total, dec("5.000,00"));
        assert_eq!(c.page, Some(91));
        assert_eq!(costs[1].target, "2.1.1");
        assert_eq!(costs[1].activity, "Raylı Sistem Faaliyetleri");
        assert_eq!(costs[1].page, Some(92));
        assert_eq!(costs[1].total, dec("0,00"));
    }

    /// Another administration's conventions: `İdare Adı`, labels in
    /// capitals, `Faaliyet`, a header without a year, economic codes in a
    /// cell of their own before names in capitals, the off-budget rows
    /// under one group label, units below the amounts, `-` for an empty
    /// cell, the single `Bütçe Dışı Kaynak` line, and a second activity
    /// under the same target.
    /// Levels numbered inside their parent on a cost table's position lines
    /// (`Performans Hedefi 1:` under `Stratejik Hedef 2:` under `Stratejik
    /// Amaç 3:`): the table's target is 3.2.1.
    #[test]
    fn levels_numbered_inside_their_parent() {
        let a = (645.0, 775.0);
        let pages = [page(
            30,
            &[
                &[(48.0, 225.0, "Faaliyet Maliyetleri Tablosu")],
                &[(66.0, 600.0, "Stratejik Amaç 3: Ekonomi")],
                &[(66.0, 600.0, "Stratejik Hedef 2: Ticaret")],
                &[(66.0, 600.0, "Performans Hedefi 1: Fuarcılık")],
                &[(66.0, 600.0, "Faaliyet Adı: Fuar Faaliyetleri")],
                &[(66.0, a.0, "Ekonomik Kod"), (a.0, a.1, "2020")],
                &[(66.0, a.0, "06 Sermaye Giderleri"), (a.0, a.1, "100.000")],
                &[(66.0, a.0, "Toplam Kaynak İhtiyacı"), (a.0, a.1, "100.000")],
            ],
        )];
        let (costs, warnings) = read(&pages);
        assert_eq!(costs.len(), 1, "{warnings:#?}");
        assert_eq!(costs[0].target, "3.2.1");
        assert_eq!(costs[0].activity, "Fuar Faaliyetleri");
    }

    #[test]
    fn other_conventions() {
        let (l, v) = ((66.0, 300.0), (300.0, 775.0));
        let (c, n, a) = ((66.0, 112.0), (112.0, 645.0), (645.0, 775.0));
        let pages = [page(
            30,
            &[
                &[(48.0, 225.0, "FAALİYET MALİYETLERİ TABLOSU")],
                &[
                    (l.0, l.1, "İdare Adı"),
                    (v.0, v.1, "Güneyova Büyükşehir Belediyesi"),
                ],
                &[(l.0, l.1, "STRATEJİK AMAÇ 1"), (v.0, v.1, "Ekonomi")],
                &[(l.0, l.1, "STRATEJİK HEDEF 1.1"), (v.0, v.1, "Ekosistem")],
                &[(l.0, l.1, "Performans Hedefi 1.1.1"), (v.0, v.1, "Ticaret")],
                &[
                    (l.0, l.1, "Faaliyet"),
                    (v.0, v.1, "Tasarım Şehri Faaliyetleri"),
                ],
                &[
                    (66.0, a.0, "Ekonomik Kod"),
                    (a.0, a.1, "Kaynak İhtiyacı (TL)"),
                ],
                &[
                    (c.0, c.1, "01"),
                    (n.0, n.1, "PERSONEL GİDERLERİ"),
                    (a.0, a.1, "-"),
                ],
                &[
                    (c.0, c.1, "03"),
                    (n.0, n.1, "MAL VE HİZMET ALIM GİDERLERİ"),
                    (a.0, a.1, "215.000"),
                ],
                &[(66.0, a.0, "BÜTÇE TOPLAMI"), (a.0, a.1, "215.000")],
                &[(c.0, c.1, "Bütçe Dışı Kaynak"), (n.0, n.1, "Döner Sermaye")],
                &[(n.0, n.1, "Diğer Yurt İçi"), (a.0, a.1, "22.000")],
                &[(n.0, n.1, "Yurt Dışı")],
                &[
                    (66.0, a.0, "BÜTÇE DIŞI KAYNAK TOPLAMI"),
                    (a.0, a.1, "22.000"),
                ],
                &[(66.0, a.0, "TOPLAM KAYNAK İHTİYACI"), (a.0, a.1, "237.000")],
                &[
                    (l.0, l.1, "Sorumlu Harcama Birimi veya Birimleri"),
                    (v.0, v.1, "Kültür ve Sanat Daire Başkanlığı"),
                ],
                &[(l.0, l.1, "Faaliyet"), (v.0, v.1, "Sinema Faaliyetleri")],
                &[
                    (66.0, a.0, "Ekonomik Kod"),
                    (a.0, a.1, "Kaynak İhtiyacı (TL)"),
                ],
                &[(66.0, a.0, "06 Sermaye Giderleri"), (a.0, a.1, "100.000")],
                &[(66.0, a.0, "Bütçe Toplamı"), (a.0, a.1, "100.000")],
                &[(66.0, a.0, "Bütçe Dışı Kaynak"), (a.0, a.1, "-")],
                &[(66.0, a.0, "Toplam Kaynak İhtiyacı"), (a.0, a.1, "100.000")],
                &[
                    (l.0, l.1, "Sorumlu Harcama Birimi veya Birimleri"),
                    (v.0, v.1, "Kültür ve Sanat Daire Başkanlığı"),
                ],
            ],
        )];
        let (costs, warnings) = read(&pages);
        assert!(warnings.is_empty(), "{warnings:?}");
        let [first, second] = &costs[..] else {
            panic!("{costs:?}")
        };
        assert_eq!(first.target, "1.1.1");
        assert_eq!(first.activity, "Tasarım Şehri Faaliyetleri");
        assert_eq!(first.units, ["Kültür ve Sanat Daire Başkanlığı"]);
        assert_eq!(first.economic.c1, None);
        assert_eq!(first.economic.c3, dec("215.000"));
        assert_eq!(first.budget_total, dec("215.000"));
        assert_eq!(
            first.off_budget.as_ref().and_then(|o| o.revolving_fund),
            None
        );
        assert_eq!(
            first.off_budget.as_ref().and_then(|o| o.other_domestic),
            dec("22.000")
        );
        assert_eq!(first.off_budget_total, dec("22.000"));
        assert_eq!(first.total, dec("237.000"));
        assert_eq!(second.target, "1.1.1");
        assert_eq!(second.activity, "Sinema Faaliyetleri");
        assert_eq!(second.units, ["Kültür ve Sanat Daire Başkanlığı"]);
        assert_eq!(second.economic.c6, dec("100.000"));
        assert_eq!(second.off_budget_total, None);
        assert_eq!(second.total, dec("100.000"));
    }

    /// Two columns without rules: the units label wraps in its column
    /// beside the units' lines; a line back in the label column ends them.
    #[test]
    fn units_beside_a_wrapped_label() {
        let (l, v, a) = ((51.0, 140.0), (153.0, 545.0), (497.0, 547.0));
        let pages = [page(
            107,
            &[
                &[(l.0, l.1, "Amaç"), (v.0, v.1, "2. Ulaşım")],
                &[(l.0, l.1, "Hedef"), (v.0, v.1, "2.2 Ulaşım Sistemi")],
                &[
                    (l.0, l.1, "Performans Hedefi"),
                    (v.0, v.1, "2.2.1. Şehir İçi Ulaşım"),
                ],
                &[
                    (l.0, l.1, "Faaliyet Adı"),
                    (v.0, v.1, "Otopark Yapılması Faaliyetleri"),
                ],
                &[(54.0, 112.0, "Ekonomik Kod"), (530.0, a.1, "2024")],
                &[
                    (54.0, 125.0, "6. Sermaye Giderleri"),
                    (a.0, a.1, "107.300.000,00"),
                ],
                &[
                    (54.0, 150.0, "Toplam Kaynak İhtiyacı"),
                    (a.0, a.1, "107.300.000,00"),
                ],
                &[
                    (l.0, l.1, "Sorumlu Harcama"),
                    (
                        v.0,
                        v.1,
                        "Etüd ve Projeler Dairesi Başkanlığı, Gençlik ve Spor Hizmetleri Dairesi",
                    ),
                ],
                &[
                    (l.0, l.1, "Birimi veya Birimleri"),
                    (v.0, 200.0, "Başkanlığı"),
                ],
                &[(51.0, 300.0, "Performans Hedefi Tablosu")],
            ],
        )];
        let (costs, warnings) = read(&pages);
        let [c] = &costs[..] else { panic!("{costs:?}") };
        assert_eq!(c.target, "2.2.1");
        assert_eq!(
            c.units,
            [
                "Etüd ve Projeler Dairesi Başkanlığı",
                "Gençlik ve Spor Hizmetleri Dairesi Başkanlığı"
            ]
        );
        assert_eq!(c.economic.c6, dec("107.300.000,00"));
        let messages: Vec<String> = warnings.iter().map(|w| w.message.to_string()).collect();
        assert_eq!(
            messages,
            ["text outside any cost table: \"Performans Hedefi Tablosu\""]
        );
    }

    #[test]
    fn unknown_rows_and_figures_are_reported() {
        let a = (300.0, 440.0);
        let pages = [page(
            5,
            &[
                &[(36.0, 300.0, "Amaç 1. Bir")],
                &[(36.0, 300.0, "Hedef 1.1. İki")],
                &[(36.0, 300.0, "Performans Hedefi 1.1.1. Üç")],
                &[(36.0, 300.0, "Faaliyet Adı Dört")],
                &[(36.0, 300.0, "Ekonomik Kod"), (a.0, a.1, "2024")],
                &[(36.0, 300.0, "9. Yedek Ödenekler"), (a.0, a.1, "1,00")],
                &[
                    (36.0, 300.0, "1. Personel Giderleri"),
                    (a.0, a.1, "bkz. ek"),
                ],
                &[(36.0, 300.0, "Toplam Kaynak İhtiyacı"), (a.0, a.1, "1,00")],
                &[(36.0, 300.0, "Bir paragraf.")],
            ],
        )];
        let (costs, warnings) = read(&pages);
        assert_eq!(costs.len(), 1);
        assert_eq!(costs[0].economic.c1, None);
        let messages: Vec<String> = warnings.iter().map(|w| w.message.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("unrecognised row in the cost table of \"Dört\""));
        assert!(messages[1].starts_with("not an amount"));
        assert!(messages[2].starts_with("text outside any cost table"));
    }

    #[test]
    fn amount_rows_by_name_or_code() {
        assert_eq!(slot_of("1. Personel Giderleri"), Some(Slot::Code(1)));
        assert_eq!(slot_of("01 PERSONEL GİDERLERİ"), Some(Slot::Code(1)));
        assert_eq!(slot_of("Sermaye Transferleri"), Some(Slot::Code(7)));
        assert_eq!(slot_of("08"), Some(Slot::Code(8)));
        assert_eq!(slot_of("BÜTÇE TOPLAMI"), Some(Slot::BudgetTotal));
        assert_eq!(slot_of("Bütçe Dışı Kaynak"), Some(Slot::OffBudgetTotal));
        assert_eq!(slot_of("Toplam Kaynak İhtiyacı"), Some(Slot::Total));
        assert_eq!(slot_of("9. Yedek Ödenekler"), None);
        assert_eq!(slot_of("2024"), None);
    }

    #[test]
    fn unit_label_words_are_stripped() {
        assert_eq!(
            strip_unit_label("Sorumlu Harcama Birimi veya Birimleri Fen İşleri Dairesi Başkanlığı"),
            "Fen İşleri Dairesi Başkanlığı"
        );
        assert_eq!(strip_unit_label("Birimi veya Birimleri"), "");
        assert_eq!(
            strip_unit_label("Park ve Bahçeler Dairesi Başkanlığı"),
            "Park ve Bahçeler Dairesi Başkanlığı"
        );
    }
}
