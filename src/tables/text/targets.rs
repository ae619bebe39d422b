//! Performance-target tables (Performans Hedefi Tablosu): the goal / objective
//! / target headings, the indicator table with its year columns, the activity
//! table with budget / off-budget / total, "Genel Toplam", footnotes and the
//! strategic-area themes printed above each goal. Tables continued on the
//! next page (with or without a repeated header) are followed across pages.

use crate::error::Warning;
use crate::model::{
    ActivityLine, Amounts, ColumnKind, Goal, Indicator, IndicatorColumn, Objective, Target, Value,
};
use crate::normalize::{self, join_lines, parse_number};

use crate::tables::lines::{after_keyword, coded, plain, Item};
use crate::tables::rows::{split_positioned, split_text, tokens, Columns, Row};

/// What the target tables gave.
#[derive(Debug, Default)]
pub struct Parsed {
    pub goals: Vec<Goal>,
    pub columns: Vec<IndicatorColumn>,
    pub fiscal_year: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Before a table or after its total: themes, notes.
    Between,
    /// Inside goal / objective / target headings (titles may wrap).
    Heading(Head),
    Indicators,
    Activities,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Head {
    Goal,
    Objective,
    Target,
}

/// A row being assembled from its lines.
#[derive(Debug, Default)]
struct Pending {
    lines: Vec<String>,
    page: Option<u32>,
    /// Page, baseline and font size of the last line (PDF input only).
    last: Option<(Option<u32>, f32, f32)>,
}

/// A gap between baselines wider than this many font sizes separates two
/// table rows; wrapped lines of one cell sit closer (about 1.2–1.3).
const ROW_GAP: f32 = 1.45;

struct Parser<'w> {
    out: Parsed,
    warnings: &'w mut Vec<Warning>,
    mode: Mode,
    theme_lines: Vec<String>,
    last_theme: String,
    ind_cols: Option<Columns>,
    act_cols: Option<Columns>,
    pending: Pending,
    /// Title lines of the heading being read.
    head_lines: Vec<String>,
    /// The last row took values: value-only lines continue its cells.
    last_row_open: bool,
    /// Text-input header: collecting the indicator header's tokens.
    text_header: Option<Vec<String>>,
    /// Text input: blocks of value lines continuing the last indicator's cells.
    open_cells: Option<Vec<Vec<String>>>,
    /// Units seen in this document (text input tells a unit by them).
    units: Vec<String>,
}

const TABLE: &str = "Performans Hedefi Tablosu";

/// Parses the performance-target tables.
pub fn parse(items: &[Item], warnings: &mut Vec<Warning>) -> Parsed {
    let mut p = Parser {
        out: Parsed::default(),
        warnings,
        mode: Mode::Between,
        theme_lines: Vec::new(),
        last_theme: String::new(),
        ind_cols: None,
        act_cols: None,
        pending: Pending::default(),
        head_lines: Vec::new(),
        last_row_open: false,
        text_header: None,
        open_cells: None,
        units: COMMON_UNITS.iter().map(|u| u.to_string()).collect(),
    };
    let mut i = 0;
    while i < items.len() {
        i += p.line(items, i);
    }
    p.flush_pending(None);
    p.finish_heading();
    p.out
}

fn warn(w: &mut Vec<Warning>, page: Option<u32>, message: String) {
    w.push(Warning {
        page,
        table: TABLE.into(),
        message,
    });
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

    /// Handles line `i`; returns how many lines it consumed.
    fn line(&mut self, items: &[Item], i: usize) -> usize {
        let it = &items[i];
        if it.is_blank() {
            // Text input: a blank line ends a block of stacked values.
            if let Some(blocks) = self.open_cells.as_mut() {
                if blocks.last().is_some_and(|b| !b.is_empty()) {
                    blocks.push(Vec::new());
                }
            }
            return 1;
        }
        let text = it.text();
        let plain_text = plain(text);
        if self.open_cells.is_some() {
            if self.open_value_line(&plain_text) {
                return 1;
            }
            self.close_open_cells(it.page);
        }
        if let Some(h) = &mut self.text_header {
            // Text input: the indicator header runs until the first data row.
            if is_header_words(&plain_text) {
                h.push(plain_text);
                return 1;
            }
            let words = std::mem::take(h);
            self.text_header = None;
            self.set_text_columns(&words, it.page);
        }
        if plain_text == TABLE || plain_text.starts_with(&format!("{TABLE} ")) {
            return 1;
        }
        if let Some((code, title)) = coded(&plain_text, "Stratejik Amaç", 1) {
            self.flush_pending(it.page);
            self.finish_heading();
            self.start_goal(&code, it.page);
            self.head_lines = vec![title];
            self.mode = Mode::Heading(Head::Goal);
            return 1;
        }
        if let Some((code, title)) = coded(&plain_text, "Stratejik Hedef", 2) {
            self.flush_pending(it.page);
            self.finish_heading();
            self.start_objective(&code, it.page);
            self.head_lines = vec![title];
            self.mode = Mode::Heading(Head::Objective);
            return 1;
        }
        if let Some((code, title)) = coded(&plain_text, "Performans Hedefi", 3) {
            self.flush_pending(it.page);
            self.finish_heading();
            self.start_target(&code, it.page);
            self.head_lines = vec![title];
            self.mode = Mode::Heading(Head::Target);
            return 1;
        }
        if after_keyword(&plain_text, "Performans Göstergeleri").is_some() {
            self.flush_pending(it.page);
            self.finish_heading();
            self.mode = Mode::Indicators;
            self.last_row_open = false;
            return self.indicator_header(items, i);
        }
        if after_keyword(&plain_text, "Faaliyetler").is_some()
            && (plain_text.contains("Kaynak")
                || normalize::to_lower_tr(plain_text.trim()) == "faaliyetler")
        {
            // A header repeated after a page break ends an amount-less row.
            if self.mode == Mode::Activities {
                self.push_amountless(it.page);
            }
            self.flush_pending(it.page);
            self.finish_heading();
            self.mode = Mode::Activities;
            self.last_row_open = false;
            return self.activity_header(items, i);
        }
        if plain_text.starts_with('*') {
            self.flush_pending(it.page);
            let note = normalize::clean(&plain_text);
            if let Some(t) = self.target() {
                if !t.notes.contains(&note) {
                    t.notes.push(note);
                }
            }
            return 1;
        }
        match self.mode {
            Mode::Between => {
                self.theme_lines.push(plain_text);
            }
            Mode::Heading(_) => self.head_lines.push(plain_text),
            Mode::Indicators => self.indicator_row(it),
            Mode::Activities => self.activity_row(it, &plain_text),
        }
        1
    }

    fn start_goal(&mut self, code: &str, page: Option<u32>) {
        let theme_text = join_lines(&self.theme_lines);
        self.theme_lines.clear();
        if self.out.goals.last().is_some_and(|g| g.code == code) {
            return;
        }
        let theme = if theme_text.is_empty() {
            if self.out.goals.is_empty() {
                warn(
                    self.warnings,
                    page,
                    format!("goal {code} has no strategic-area heading above it"),
                );
            }
            self.last_theme.clone()
        } else {
            normalize::title_case_tr(&theme_text)
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
        let Some(goal) = self.out.goals.last_mut() else {
            warn(
                self.warnings,
                page,
                format!("objective {code} appears before any goal"),
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
                format!("objective {code} is printed under goal {}", goal.code),
            );
        }
        goal.objectives.push(Objective {
            code: code.to_string(),
            title: String::new(),
            targets: Vec::new(),
        });
    }

    fn start_target(&mut self, code: &str, page: Option<u32>) {
        let Some(obj) = self
            .out
            .goals
            .last_mut()
            .and_then(|g| g.objectives.last_mut())
        else {
            warn(
                self.warnings,
                page,
                format!("target {code} appears before any objective"),
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
        });
        self.ind_cols = None;
        self.act_cols = None;
    }

    /// Sets the title of the heading just read (first occurrence wins: a
    /// repeated heading on a continuation page prints the same title).
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

    /// Reads the indicator header (one or two lines) and its columns.
    fn indicator_header(&mut self, items: &[Item], i: usize) -> usize {
        let first = &items[i];
        if !first.line.positioned {
            let rest = after_keyword(&plain(first.text()), "Performans Göstergeleri")
                .unwrap_or("")
                .to_string();
            self.text_header = Some(vec![rest]);
            return 1;
        }
        let mut cells: Vec<&crate::layout::Cell> = first.line.cells.iter().skip(1).collect();
        let mut used = 1;
        if let Some(next) = items.get(i + 1) {
            if next.page == first.page && is_header_words(&plain(next.text())) {
                cells.extend(next.line.cells.iter());
                used = 2;
            }
        }
        // Cluster header cells into columns by horizontal overlap.
        cells.sort_by(|a, b| ((a.x0 + a.x1) / 2.0).total_cmp(&((b.x0 + b.x1) / 2.0)));
        let mut groups: Vec<Vec<&crate::layout::Cell>> = Vec::new();
        for c in cells {
            match groups.last_mut() {
                Some(g)
                    if g.iter().any(|o| {
                        let (c0, c1) = (c.x0, c.x1);
                        c0 <= o.x1 + 2.0 && o.x0 <= c1 + 2.0
                    }) =>
                {
                    g.push(c)
                }
                _ => groups.push(vec![c]),
            }
        }
        let texts: Vec<String> = groups
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                g.iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let columns = year_columns(&texts[1.min(texts.len())..]);
        if columns.is_empty() || groups.len() < 2 {
            warn(
                self.warnings,
                first.page,
                format!(
                    "indicator header without year columns: {:?}",
                    plain(first.text())
                ),
            );
        }
        self.record_columns(columns, first.page);
        self.ind_cols = Columns::from_groups(&groups);
        used
    }

    fn set_text_columns(&mut self, words: &[String], page: Option<u32>) {
        let joined = words.join(" ");
        let toks: Vec<&str> = joined.split_whitespace().collect();
        let mut cols = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            if let Some(year) = year_of(toks[k]) {
                let kind = toks.get(k + 1).map_or("", |v| v);
                cols.push(format!("{year} {kind}"));
                k += 2;
            } else {
                k += 1;
            }
        }
        let columns = year_columns(&cols);
        self.record_columns(columns, page);
    }

    fn record_columns(&mut self, columns: Vec<IndicatorColumn>, page: Option<u32>) {
        if columns.is_empty() {
            return;
        }
        if self.out.columns.is_empty() {
            self.out.columns = columns;
        } else if self.out.columns != columns {
            warn(
                self.warnings,
                page,
                "indicator columns differ from the first table's; values follow the first table's columns".into(),
            );
        }
    }

    /// Reads the activity header ("Faaliyetler | Kaynak İhtiyacı (2024) (TL)"
    /// then "Bütçe İçi | Bütçe Dışı | Toplam").
    fn activity_header(&mut self, items: &[Item], i: usize) -> usize {
        let first = &items[i];
        let text = plain(first.text());
        if let Some(y) = text.split(|c: char| !c.is_ascii_digit()).find_map(year_of) {
            self.out.fiscal_year.get_or_insert(y);
        }
        let mut used = 1;
        // The column line may follow after blank lines and the "Kaynak
        // İhtiyacı (2024) (TL)" line (text input).
        let mut j = i + 1;
        while j < items.len()
            && (items[j].is_blank() || plain(items[j].text()).starts_with("Kaynak İhtiyacı"))
        {
            if let Some(y) = plain(items[j].text())
                .split(|c: char| !c.is_ascii_digit())
                .find_map(year_of)
            {
                self.out.fiscal_year.get_or_insert(y);
            }
            j += 1;
        }
        if let Some(next) = items.get(j) {
            let nt = plain(next.text());
            if nt.starts_with("Bütçe İçi") {
                used = j - i + 1;
                if next.line.positioned {
                    let groups: Vec<Vec<&crate::layout::Cell>> =
                        next.line.cells.iter().map(|c| vec![c]).collect();
                    if groups.len() == 3 {
                        self.act_cols = Columns::from_groups(&groups);
                    } else {
                        warn(
                            self.warnings,
                            next.page,
                            format!("activity header with {} columns: {nt:?}", groups.len()),
                        );
                    }
                }
            }
        }
        used
    }

    fn split(&self, it: &Item, ncols: usize, cols: Option<&Columns>) -> Option<Row> {
        if it.line.positioned {
            return cols.map(|c| split_positioned(it.line, c));
        }
        let text = it.line.text();
        let (row, _found) = split_text(&text, ncols, |t| parse_number(t).is_some() || t == "-");
        Some(row)
    }

    fn indicator_row(&mut self, it: &Item) {
        let ncols = self.out.columns.len() + 1;
        let row = if it.line.positioned {
            match self.split(it, ncols, self.ind_cols.as_ref()) {
                Some(r) => r,
                None => {
                    warn(
                        self.warnings,
                        it.page,
                        format!("indicator row outside a table: {:?}", it.text()),
                    );
                    return;
                }
            }
        } else {
            match text_indicator_row(&it.line.text(), ncols - 1, &self.units) {
                Some(tr) => {
                    let mut values = vec![Some(tr.unit.clone())];
                    values.extend(tr.values.iter().cloned());
                    values.resize(ncols, None);
                    if !self.units.contains(&tr.unit) {
                        self.units.push(tr.unit.clone());
                    }
                    let open = tr.open;
                    let first = tr.values.first().cloned().flatten();
                    self.take_indicator(
                        Row {
                            label: tr.label,
                            values: if open {
                                let mut v = vec![Some(tr.unit), None];
                                v.resize(ncols, None);
                                v
                            } else {
                                values
                            },
                        },
                        it.page,
                    );
                    if open {
                        self.open_cells = Some(vec![first.into_iter().collect()]);
                    }
                    self.last_row_open = false;
                    return;
                }
                None => Row {
                    label: plain(&it.line.text()),
                    values: vec![None; ncols],
                },
            }
        };
        self.take_indicator(row, it.page);
    }

    /// Text input: takes a line into the open cells, or says it starts
    /// something else (a new row, a header).
    fn open_value_line(&mut self, text: &str) -> bool {
        let words = text.split_whitespace().count();
        let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
        let ncols = self.out.columns.len();
        let new_row = text_indicator_row(text, ncols, &self.units)
            .is_some_and(|r| r.label.split_whitespace().count() >= 2);
        if new_row || words > 3 || text.starts_with('*') {
            return false;
        }
        let Some(blocks) = self.open_cells.as_mut() else {
            return false;
        };
        if starts_lower {
            // A wrapped value (`4 dakika 41` + `saniye`) continues its line.
            if let Some(last) = blocks.iter_mut().rev().find(|b| !b.is_empty()) {
                if let Some(l) = last.last_mut() {
                    l.push(' ');
                    l.push_str(text);
                    return true;
                }
            }
        }
        match blocks.last_mut() {
            Some(b) => b.push(text.to_string()),
            None => blocks.push(vec![text.to_string()]),
        }
        true
    }

    /// Text input: distributes the blocks of stacked values over the open
    /// indicator's value cells.
    fn close_open_cells(&mut self, page: Option<u32>) {
        let Some(mut blocks) = self.open_cells.take() else {
            return;
        };
        blocks.retain(|b| !b.is_empty());
        let n = self.out.columns.len();
        if blocks.is_empty() || n == 0 {
            return;
        }
        let per = if blocks.len() % n == 0 {
            blocks.len() / n
        } else {
            1
        };
        if blocks.len() % n != 0 {
            warn(
                self.warnings,
                page,
                format!(
                    "{} stacked values for {n} columns; placed from the left",
                    blocks.len()
                ),
            );
        }
        let cells: Vec<Option<Value>> = (0..n)
            .map(|k| {
                let group: Vec<String> = blocks
                    .iter()
                    .skip(k * per)
                    .take(if k + 1 == n { usize::MAX } else { per })
                    .flatten()
                    .cloned()
                    .collect();
                (!group.is_empty())
                    .then(|| group.join(" / "))
                    .and_then(|t| to_value(Some(&t)))
            })
            .collect();
        if let Some(ind) = self.target().and_then(|t| t.indicators.last_mut()) {
            ind.values = cells;
        }
    }

    fn take_indicator(&mut self, row: Row, page: Option<u32>) {
        let label = row.label.trim().to_string();
        if row.no_values() {
            if !label.is_empty() {
                if self.pending.lines.is_empty() {
                    self.pending.page = page;
                }
                self.pending.lines.push(label);
            }
            return;
        }
        if label.is_empty() && self.pending.lines.is_empty() && self.last_row_open {
            // Value-only line: the previous row's cells continue.
            if let Some(ind) = self.target().and_then(|t| t.indicators.last_mut()) {
                continue_cells(ind, &row.values);
                return;
            }
        }
        let mut lines = std::mem::take(&mut self.pending.lines);
        lines.push(label);
        let mut name = join_lines(&lines);
        let marked = name.ends_with('*');
        if marked {
            name = name.trim_end_matches('*').trim_end().to_string();
        }
        let unit = row.values[0]
            .as_deref()
            .map(normalize::clean)
            .unwrap_or_default();
        let values: Vec<Option<Value>> = row.values[1..]
            .iter()
            .map(|v| to_value(v.as_deref()))
            .collect();
        let indicator = Indicator {
            name,
            unit,
            values,
            marked,
        };
        match self.target() {
            Some(t) => t.indicators.push(indicator),
            None => warn(
                self.warnings,
                page,
                format!("indicator outside a target: {:?}", indicator.name),
            ),
        }
        self.last_row_open = true;
    }

    fn activity_row(&mut self, it: &Item, plain_text: &str) {
        let Some(row) = self.split(it, 3, self.act_cols.as_ref()) else {
            warn(
                self.warnings,
                it.page,
                format!("activity row without a column header: {plain_text:?}"),
            );
            return;
        };
        let label = row.label.trim().to_string();
        let is_total = label == "Genel Toplam";
        let here = it
            .line
            .positioned
            .then_some((it.page, it.line.y, it.line.size));
        // An earlier name far above this line on the same page is a row of
        // its own whose amounts are all empty (a draft's blank table), as is
        // any name left over when the total row comes. A name may wrap onto
        // the next page, where its last line brings the amounts.
        let apart = match (self.pending.last, here) {
            (Some((p0, y0, size)), Some((p, y, _))) if p0 == p => y - y0 > ROW_GAP * size,
            (Some(_), Some(_)) => row.no_values(),
            _ => false,
        };
        if is_total || apart {
            self.push_amountless(it.page);
        }
        if row.no_values() && !is_total {
            if !label.is_empty() {
                if self.pending.lines.is_empty() {
                    self.pending.page = it.page;
                }
                self.pending.lines.push(label);
                self.pending.last = here;
            }
            return;
        }
        let amounts: Vec<Option<rust_decimal::Decimal>> = row
            .values
            .iter()
            .map(|v| {
                let v = v.as_deref()?;
                let d = parse_number(v);
                if d.is_none() {
                    warn(
                        self.warnings,
                        it.page,
                        format!("not an amount in an activity row: {v:?}"),
                    );
                }
                d
            })
            .collect();
        let mut lines = std::mem::take(&mut self.pending.lines);
        lines.push(label);
        let name = join_lines(&lines);
        self.push_activity(it.page, name, [amounts[0], amounts[1], amounts[2]]);
    }

    /// The pending name lines, if any, as an activity whose amounts are all empty.
    fn push_amountless(&mut self, page: Option<u32>) {
        if !self.pending.lines.is_empty() {
            let name = join_lines(&std::mem::take(&mut self.pending.lines));
            self.push_activity(page, name, [None, None, None]);
        }
    }

    /// Adds an activity line (or, for "Genel Toplam", the stated total) to
    /// the current target.
    fn push_activity(
        &mut self,
        page: Option<u32>,
        name: String,
        amounts: [Option<rust_decimal::Decimal>; 3],
    ) {
        self.pending.last = None;
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
                page,
                format!("activity outside a target: {name:?}"),
            );
            return;
        };
        let [budget, off_budget, total] = amounts;
        if name == "Genel Toplam" {
            t.stated_total = Amounts {
                budget,
                off_budget,
                total,
            };
            self.mode = Mode::Between;
            self.last_row_open = false;
        } else {
            t.activities.push(ActivityLine {
                name,
                budget,
                off_budget,
                total,
            });
        }
    }

    /// Name lines that never met their values.
    fn flush_pending(&mut self, page: Option<u32>) {
        if self.pending.lines.is_empty() {
            return;
        }
        let text = join_lines(&self.pending.lines);
        let at = self.pending.page.or(page);
        self.pending = Pending::default();
        warn(
            self.warnings,
            at,
            format!("text without values could not be placed in a row: {text:?}"),
        );
    }
}

/// Appends a value-only line to the previous indicator's cells: a line that
/// starts in lower case continues the value (`4 dakika 41` + `saniye`),
/// otherwise it is another value stacked in the same cell (` / `).
fn continue_cells(ind: &mut Indicator, values: &[Option<String>]) {
    for (k, v) in values.iter().enumerate() {
        let Some(v) = v else { continue };
        if k == 0 {
            if ind.unit.is_empty() {
                ind.unit = normalize::clean(v);
            } else {
                ind.unit = format!("{} {}", ind.unit, normalize::clean(v));
            }
            continue;
        }
        let Some(slot) = ind.values.get_mut(k - 1) else {
            continue;
        };
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
        *slot = to_value(Some(&joined));
    }
}

/// A cell's value: a number when it parses as one, else the repaired text.
pub fn to_value(v: Option<&str>) -> Option<Value> {
    let v = v?.trim();
    if v.is_empty() {
        return None;
    }
    Some(match parse_number(v) {
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

/// Year columns from header texts like "2022 Gerçekleşen" / "2024 Hedef".
pub fn year_columns(texts: &[String]) -> Vec<IndicatorColumn> {
    texts
        .iter()
        .filter_map(|t| {
            let year = t.split_whitespace().find_map(year_of)?;
            let lower = normalize::to_lower_tr(t);
            let kind = if lower.contains("gerçekleş") {
                ColumnKind::Actual
            } else {
                ColumnKind::Target
            };
            Some(IndicatorColumn { year, kind })
        })
        .collect()
}

/// Words that make up indicator header lines.
fn is_header_words(text: &str) -> bool {
    !text.is_empty()
        && text.split_whitespace().all(|w| {
            year_of(w).is_some()
                || matches!(
                    normalize::to_lower_tr(w).as_str(),
                    "değer"
                        | "türü"
                        | "gerçekleşen"
                        | "gerçekleşme"
                        | "hedef"
                        | "tahmin"
                        | "hedefi"
                        | "yılı"
                )
        })
}

/// Units every programme uses; others are learnt from the document's rows.
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

/// A text-input indicator line, split.
#[derive(Debug)]
struct TextRow {
    label: String,
    unit: String,
    /// Value cells, left to right (fewer than the columns when the line
    /// omits trailing empty cells).
    values: Vec<Option<String>>,
    /// The row's cells continue on the following lines: a text value (or no
    /// value at all) after the unit.
    open: bool,
}

fn is_value_token(t: &Option<String>) -> bool {
    match t {
        None => true,
        Some(s) => parse_number(s).is_some() || s == "-",
    }
}

/// Text input: an indicator row is "name unit v1 v2 v3": single-token values,
/// no-break spaces for empty cells, trailing empty cells omitted. A row whose
/// values are text (`Dakika 4 dakika 41`, `Not B2 (Negatif)`) or missing
/// after its unit is open: its cells continue on the next lines.
fn text_indicator_row(line: &str, nvals: usize, units: &[String]) -> Option<TextRow> {
    let toks = tokens(line);
    let mut k = toks.len();
    while k > 0 && toks.len() - k < nvals && is_value_token(&toks[k - 1]) {
        k -= 1;
    }
    if k < toks.len() && k > 1 {
        if let Some(unit) = toks[k - 1].clone() {
            // A unit is known, or a new one that is not a lower-case word
            // (`4 dakika 41` is a value, not unit `dakika` and value 41).
            let plausible =
                units.contains(&unit) || !unit.chars().next().is_some_and(char::is_lowercase);
            if parse_number(&unit).is_none() && plausible {
                return Some(TextRow {
                    label: join_tokens(&toks[..k - 1]),
                    unit,
                    values: toks[k..].to_vec(),
                    open: false,
                });
            }
        }
    }
    // No numeric run: look for a known unit followed by text (or nothing).
    let pos = (1..toks.len()).rev().find(|&i| {
        toks[i]
            .as_deref()
            .is_some_and(|t| units.iter().any(|u| u == t))
    })?;
    let rest = join_tokens(&toks[pos + 1..]);
    Some(TextRow {
        label: join_tokens(&toks[..pos]),
        unit: toks[pos].clone().unwrap_or_default(),
        values: if rest.is_empty() {
            Vec::new()
        } else {
            vec![Some(rest)]
        },
        open: true,
    })
}

fn join_tokens(toks: &[Option<String>]) -> String {
    toks.iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}
