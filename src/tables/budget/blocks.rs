//! The blocks of a program-budget document, read row by row: a program's
//! and an alt program's heading opens a block; section titles open its
//! parts (goals, indicators, costs, economic breakdown, explanations) and
//! the summaries after the blocks; every table's header is read where it
//! is printed (again on a continuation page). A row that no part takes is
//! reported with its page.

use rust_decimal::Decimal;

use crate::error::Warning;
use crate::i18n::Message;
use crate::layout::Line;
use crate::model::budget::{
    Activity, BudgetByEconomicCode, BudgetIndicator, CostColumn, CostRow, Program, ProgramSummary,
    SubProgram, SubProgramGoal,
};
use crate::model::IndicatorColumn;
use crate::msg;
use crate::normalize::number::{parse_amount_as, Separators};
use crate::normalize::{self, normalize_key};

use super::super::lines::{plain, Item};
use super::super::rows_of::cell_text;
use super::super::targets::{printed_code, to_value};
use super::super::units::split_units;
use super::columns::{self, Header, Placed};
use super::words::{self, Key, Level, Note, Part, RowLabel};

mod details;
mod summaries;

/// What the blocks give: the programs, the document's columns (its first
/// indicator and cost tables'), the summaries, and where the first block
/// starts (the front matter is what comes before it).
#[derive(Debug, Default)]
pub struct Blocks {
    pub programs: Vec<Program>,
    pub indicator_columns: Option<Vec<IndicatorColumn>>,
    pub cost_columns: Option<Vec<CostColumn>>,
    pub program_summary: Option<ProgramSummary>,
    pub economic_summary: Option<BudgetByEconomicCode>,
    /// Index in the row stream of the first block's heading.
    pub first_block: Option<usize>,
    pub warnings: Vec<Warning>,
}

/// The reader's state between rows.
struct Reader {
    sep: Separators,
    out: Blocks,
    part: Option<Part>,
    header: Option<Header>,
    /// A small indicator table's `1- Ad` heading, waiting for its row.
    pending_indicator: Option<String>,
    /// The activity the economic lines and explanations go to (index in
    /// the current alt program).
    activity: Option<usize>,
    /// The explanation lines of `activity` not yet joined.
    explanation: Vec<String>,
    /// Key–value headings (`Program Kodu | 01`) waiting for their name.
    pending_code: Option<(Level, String)>,
}

/// Reads the blocks and summaries of the row stream.
pub fn read(rows: &[Item], sep: Separators) -> Blocks {
    let mut r = Reader {
        sep,
        out: Blocks::default(),
        part: None,
        header: None,
        pending_indicator: None,
        activity: None,
        explanation: Vec::new(),
        pending_code: None,
    };
    let mut i = 0;
    while i < rows.len() {
        i += r.row(rows, i);
    }
    r.flush_explanation();
    r.out
}

impl Reader {
    fn warn(&mut self, page: Option<u32>, table: &str, message: impl Into<Message>) {
        self.out.warnings.push(Warning {
            page,
            table: table.into(),
            message: message.into(),
        });
    }

    /// Reads the row at `i` (and any header rows under it); how many rows
    /// it took.
    fn row(&mut self, rows: &[Item], i: usize) -> usize {
        let it = &rows[i];
        let line = it.line;
        let text = plain(it.text());
        if text.is_empty() {
            return 1;
        }
        // A table's title taken into its header's first cell (a title set
        // flush over the table's first column): the title opens its part,
        // the rest of the row is the header.
        let titled = split_title(line);
        if let Some((part, title, _)) = &titled {
            self.open_part(*part, title, it.page);
        }
        let line = titled.as_ref().map_or(line, |(_, _, l)| l);
        let text = if titled.is_some() {
            plain(&line.text())
        } else {
            text
        };
        // A table's header, with the rows under it that carry its kinds.
        let ahead: Vec<&Line> = std::iter::once(line)
            .chain(rows[i + 1..].iter().take(7).map(|r| r.line))
            .collect();
        if let Some(k) = columns::header_run(&ahead) {
            if let Some(h) = columns::read(&ahead[..k]) {
                self.set_header(h, it.page);
            }
            return k;
        }
        let single = line.cells.len() == 1;
        if single {
            if let Some(part) = words::title_of(&text) {
                self.open_part(part, &text, it.page);
                return 1;
            }
            if let Some((level, rest)) = words::labelled_heading(&text) {
                self.heading(level, &rest, it.page, i);
                return 1;
            }
            if let Some(level) = self.bare_heading(&text) {
                self.heading(level, &text, it.page, i);
                return 1;
            }
        } else if let (2, Some(key)) = (
            line.cells.len(),
            line.cells.first().and_then(|c| words::key_of(&c.text)),
        ) {
            let value: Vec<String> = line.cells[1..].iter().map(|c| cell_text(&c.text)).collect();
            self.key_value(key, &value.join(" "), it.page, i);
            return 1;
        }
        if let Some(taken) = self.card(rows, i) {
            return taken;
        }
        let Some(part) = self.part else {
            // Before the first block: the front matter's.
            return 1;
        };
        if self.out.first_block.is_none()
            && !matches!(part, Part::ProgramSummary | Part::EconomicSummary)
        {
            return 1;
        }
        match part {
            Part::Goals => self.goal(line, &text, it.page),
            Part::Indicators => self.indicator(line, &text, it.page),
            Part::Costs => self.cost_row(line, &text, it.page),
            Part::Economic => self.economic_row(line, &text, it.page),
            Part::Explanations => self.explanation_line(&text, it.page),
            Part::ProgramSummary => self.program_summary_row(line, &text, it.page),
            Part::EconomicSummary => self.economic_summary_row(line, &text, it.page),
        }
        1
    }

    fn open_part(&mut self, part: Part, text: &str, page: Option<u32>) {
        self.flush_explanation();
        self.part = Some(part);
        self.header = None;
        self.pending_indicator = None;
        self.activity = None;
        match part {
            Part::Goals => {
                // `Alt Program Hedefi: …` on the title's line.
                if let Some((_, goal)) = text.split_once(':') {
                    if !goal.trim().is_empty() {
                        self.push_goal(None, goal);
                    }
                }
            }
            Part::ProgramSummary => {
                self.out
                    .program_summary
                    .get_or_insert_with(Default::default);
            }
            Part::EconomicSummary => {
                self.out
                    .economic_summary
                    .get_or_insert_with(Default::default);
            }
            _ => {
                if self.sub_program().is_none() {
                    self.warn(
                        page,
                        "document",
                        msg!(
                            "warning-budget-before-sub-program",
                            text = format!("{text:?}")
                        ),
                    );
                }
            }
        }
    }

    fn set_header(&mut self, h: Header, page: Option<u32>) {
        match self.part {
            Some(Part::Indicators) => {
                let cols = h.indicator_columns();
                match &self.out.indicator_columns {
                    None => self.out.indicator_columns = Some(cols),
                    Some(doc) if *doc != cols => {
                        if let Some(s) = self.sub_program_mut() {
                            s.columns_as_printed.indicators = cols;
                        }
                    }
                    Some(_) => {}
                }
            }
            Some(Part::Costs) => {
                let cols = h.cost_columns();
                match &self.out.cost_columns {
                    None => self.out.cost_columns = Some(cols),
                    Some(doc) if *doc != cols => {
                        if let Some(s) = self.sub_program_mut() {
                            s.columns_as_printed.costs = cols;
                        }
                    }
                    Some(_) => {}
                }
            }
            Some(Part::ProgramSummary) | Some(Part::EconomicSummary) | Some(Part::Economic) => {}
            _ => {
                let labels = h.labels.join(" | ");
                self.warn(
                    page,
                    "document",
                    msg!("warning-budget-header-outside", labels = labels),
                );
            }
        }
        self.header = Some(h);
    }

    /// A heading printed as a code and a name alone (`01 - Kentsel
    /// Altyapı`, `01.02 - Ulaşım`): its level by the code's depth. Only
    /// where a heading can stand: right after another heading, or after a
    /// block's economic breakdown or explanations with a code shallower
    /// than its activities'; before the first block only with a
    /// zero-padded code (`01`), since front matter numbers its sections.
    fn bare_heading(&self, text: &str) -> Option<Level> {
        let (code, name) = words::split_code(text);
        let code = code?;
        if name.is_empty() || code.split('.').any(|p| p.len() > 3) {
            return None;
        }
        // A row of a table of codes (`01 Kentsel Altyapı 01.01 …`), not a
        // heading.
        if name
            .split_whitespace()
            .any(|w| words::split_code(w).0.is_some())
        {
            return None;
        }
        let d = words::depth(&code);
        let allowed = match self.part {
            None => self.out.first_block.is_some() || code.starts_with('0'),
            Some(Part::Economic | Part::Explanations) => {
                self.activity_depth().is_some_and(|a| d < a)
            }
            Some(_) => false,
        };
        if !allowed {
            return None;
        }
        match d {
            1 => Some(Level::Program),
            2 => Some(Level::SubProgram),
            _ => None,
        }
    }

    /// The depth of the current alt program's activity codes.
    fn activity_depth(&self) -> Option<usize> {
        self.sub_program()?
            .activities
            .iter()
            .find_map(|a| a.code.as_deref().map(words::depth))
    }

    fn heading(&mut self, level: Level, rest: &str, page: Option<u32>, at: usize) {
        self.flush_explanation();
        let (code, name) = words::split_code(rest);
        self.open_block(level, code, name, page, at);
    }

    fn open_block(
        &mut self,
        level: Level,
        code: Option<String>,
        name: String,
        page: Option<u32>,
        at: usize,
    ) {
        self.out.first_block.get_or_insert(at);
        self.part = None;
        self.header = None;
        self.activity = None;
        // A program's heading printed again (over each of its alt
        // programs) goes on with it.
        let same = self
            .out
            .programs
            .last()
            .is_some_and(|p| p.code == code && normalize_key(&p.name) == normalize_key(&name));
        match level {
            Level::Program if same => {}
            Level::Program => self.out.programs.push(Program {
                code,
                name,
                page,
                sub_programs: Vec::new(),
            }),
            Level::SubProgram => {
                if self.out.programs.is_empty() {
                    self.warn(
                        page,
                        "document",
                        msg!(
                            "warning-budget-sub-program-before-program",
                            name = format!("{name:?}")
                        ),
                    );
                    self.out.programs.push(Program {
                        code: None,
                        name: String::new(),
                        page,
                        sub_programs: Vec::new(),
                    });
                }
                if let Some(p) = self.out.programs.last_mut() {
                    p.sub_programs.push(SubProgram::new(code, name, page));
                }
            }
        }
    }

    /// A heading printed as a card: a row of labels (`Bütçe Yılı | Program
    /// Kodu | Program Adı | Alt Program Kodu | Alt Program Adı`) over one
    /// row of values — not over several, which is a list of the programs.
    /// How many rows it took.
    fn card(&mut self, rows: &[Item], i: usize) -> Option<usize> {
        let head = &rows[i].line.cells;
        let keys: Vec<Option<Key>> = head.iter().map(|c| words::key_of(&c.text)).collect();
        let named = keys
            .iter()
            .filter(|k| matches!(k, Some(Key::ProgramName | Key::SubProgramName)))
            .count();
        if named == 0 || keys.iter().flatten().count() < 2 {
            return None;
        }
        let aligned = |r: usize| {
            rows.get(r).is_some_and(|it| {
                it.line.cells.len() == head.len()
                    && it
                        .line
                        .cells
                        .iter()
                        .zip(head)
                        .all(|(a, b)| a.x0 < b.x1 && b.x0 < a.x1)
            })
        };
        if !aligned(i + 1) || aligned(i + 2) {
            return None;
        }
        let values = &rows[i + 1].line.cells;
        let page = rows[i].page;
        let value = |want: Key| {
            keys.iter()
                .position(|k| *k == Some(want))
                .map(|j| normalize::clean(&cell_text(&values[j].text)))
                .filter(|v| !v.is_empty())
        };
        self.flush_explanation();
        if let Some(name) = value(Key::ProgramName) {
            self.open_block(Level::Program, value(Key::ProgramCode), name, page, i);
        }
        if let Some(name) = value(Key::SubProgramName) {
            self.open_block(Level::SubProgram, value(Key::SubProgramCode), name, page, i);
        }
        if let Some(goal) = value(Key::Goal) {
            self.part = Some(Part::Goals);
            self.push_goal(None, &goal);
        }
        Some(2)
    }

    /// A key–value row (`Program Kodu | 01`, `Alt Program Adı | …`).
    fn key_value(&mut self, key: Key, value: &str, page: Option<u32>, at: usize) {
        let value = normalize::clean(value);
        match key {
            Key::ProgramCode => self.pending_code = Some((Level::Program, value)),
            Key::SubProgramCode => self.pending_code = Some((Level::SubProgram, value)),
            Key::ProgramName | Key::SubProgramName => {
                let level = if key == Key::ProgramName {
                    Level::Program
                } else {
                    Level::SubProgram
                };
                let (mut code, name) = words::split_code(&value);
                if let Some((l, c)) = self.pending_code.take() {
                    if l == level && code.is_none() {
                        code = Some(c);
                    }
                }
                self.flush_explanation();
                self.open_block(level, code, name, page, at);
            }
            Key::Goal => {
                self.part = Some(Part::Goals);
                if !value.is_empty() {
                    self.push_goal(None, &value);
                }
            }
        }
    }

    fn sub_program(&self) -> Option<&SubProgram> {
        self.out.programs.last()?.sub_programs.last()
    }

    fn sub_program_mut(&mut self) -> Option<&mut SubProgram> {
        self.out.programs.last_mut()?.sub_programs.last_mut()
    }

    fn unread(&mut self, page: Option<u32>, table: &str, text: &str) {
        self.warn(
            page,
            table,
            msg!("warning-budget-row-unread", text = format!("{text:?}")),
        );
    }

    fn push_goal(&mut self, code: Option<String>, text: &str) {
        let text = normalize::clean(text);
        if let Some(s) = self.sub_program_mut() {
            s.goals.push(SubProgramGoal { code, text });
        }
    }

    fn goal(&mut self, line: &Line, text: &str, page: Option<u32>) {
        let cells: Vec<String> = line.cells.iter().map(|c| cell_text(&c.text)).collect();
        // The `No | Hedef` header.
        let keys: Vec<String> = cells.iter().map(|c| super::super::header::key(c)).collect();
        if keys.len() >= 2 && keys.iter().any(|k| k == "no" || k == "sıra no") {
            return;
        }
        if cells.len() >= 2 && cells[0].chars().all(|c| c.is_ascii_digit() || c == '.') {
            let code = cells[0].trim_end_matches('.').to_string();
            self.push_goal(Some(code), &cells[1..].join(" "));
            return;
        }
        if let Some((n, rest)) = words::numbered(text) {
            self.push_goal(Some(n), &rest);
            return;
        }
        // An unnumbered line goes on with an unnumbered goal above it.
        if self.sub_program().is_none() {
            self.unread(page, "Alt Program Hedefleri", text);
            return;
        }
        match self.sub_program_mut().and_then(|s| s.goals.last_mut()) {
            Some(g) if g.code.is_none() => {
                g.text = normalize::join_lines(&[g.text.as_str(), text]);
            }
            _ => self.push_goal(None, text),
        }
    }

    fn indicator(&mut self, line: &Line, text: &str, page: Option<u32>) {
        // The text lines under an indicator.
        let first = line.cells.first().map_or("", |c| c.text.as_str());
        if let Some(notes) = words::notes(first).or_else(|| words::notes(text)) {
            let target = self.sub_program_mut().and_then(|s| s.indicators.last_mut());
            match target {
                Some(ind) => {
                    for (n, t) in notes {
                        let slot = match n {
                            Note::Description => &mut ind.description,
                            Note::Calculation => &mut ind.calculation,
                            Note::DataSource => &mut ind.data_source,
                        };
                        *slot = Some(match slot.take() {
                            Some(prev) => normalize::join_lines(&[prev, t]),
                            None => t,
                        });
                    }
                }
                None => self.unread(page, "Performans Göstergeleri", text),
            }
            return;
        }
        if line.cells.len() == 1 {
            if let Some((_, name)) = words::numbered(text) {
                self.pending_indicator = Some(name);
                return;
            }
        }
        let Some(h) = &self.header else {
            self.unread(page, "Performans Göstergeleri", text);
            return;
        };
        let placed = h.place(line);
        let n = h.labels.len();
        let mut name = placed
            .name
            .as_deref()
            .map(cell_text)
            .filter(|s| !s.is_empty());
        if name.is_none() {
            name = self.pending_indicator.take();
        }
        let Some(mut name) = name else {
            self.unread(page, "Performans Göstergeleri", text);
            return;
        };
        // A name alone, without unit nor values, right under an indicator
        // that has no text lines yet: its name wrapped below its values.
        if placed.unit.is_none() && !placed.has_values() {
            let last = self.sub_program_mut().and_then(|s| s.indicators.last_mut());
            if let Some(ind) = last.filter(|i| {
                i.description.is_none() && i.calculation.is_none() && i.data_source.is_none()
            }) {
                ind.name = normalize::join_lines(&[ind.name.as_str(), name.as_str()]);
                return;
            }
        }
        let mut code = None;
        if let Some((c, rest)) = printed_code(&name) {
            code = Some(c);
            name = rest.to_string();
        }
        let marked = name.ends_with('*');
        let name = normalize::clean(name.trim_end_matches('*'));
        let values: Vec<_> = placed
            .values
            .iter()
            .map(|v| {
                to_value(
                    v.as_deref()
                        .map(super::super::rows_of::cell_values)
                        .as_deref(),
                    self.sep,
                )
            })
            .collect();
        let values = self.place_indicator_values(values, n);
        let unit = placed
            .unit
            .as_deref()
            .map(cell_text)
            .filter(|u| !u.is_empty());
        if let Some(s) = self.sub_program_mut() {
            s.indicators.push(BudgetIndicator {
                code,
                name,
                unit,
                values,
                marked,
                description: None,
                calculation: None,
                data_source: None,
            });
        }
    }

    /// A block's indicator values in the document's columns, matched by
    /// year and kind where the block prints its own.
    fn place_indicator_values<T: Clone>(&self, values: Vec<Option<T>>, n: usize) -> Vec<Option<T>> {
        let (Some(doc), Some(own)) = (
            &self.out.indicator_columns,
            self.sub_program()
                .map(|s| &s.columns_as_printed.indicators)
                .filter(|c| !c.is_empty()),
        ) else {
            return values;
        };
        let _ = n;
        doc.iter()
            .map(|d| {
                own.iter()
                    .position(|o| o.year == d.year && o.kind == d.kind)
                    .and_then(|k| values.get(k).cloned().flatten())
            })
            .collect()
    }

    /// Figures in the document's cost columns, matched by year and kind
    /// where a table prints its own columns.
    fn amounts(&mut self, placed: &Placed, page: Option<u32>, table: &str) -> Vec<Option<Decimal>> {
        let own = self
            .header
            .as_ref()
            .map(Header::cost_columns)
            .unwrap_or_default();
        let mut figures = Vec::with_capacity(placed.values.len());
        for v in &placed.values {
            figures.push(self.amount(v.as_deref(), page, table));
        }
        let Some(doc) = self.out.cost_columns.clone() else {
            return figures;
        };
        if doc == own {
            return figures;
        }
        doc.iter()
            .map(|d| {
                own.iter()
                    .position(|o| o.year == d.year && o.kind == d.kind)
                    .and_then(|k| figures.get(k).copied().flatten())
            })
            .collect()
    }

    /// One figure: empty or a dash is null; anything else that is not an
    /// amount is reported and left null.
    fn amount(&mut self, text: Option<&str>, page: Option<u32>, table: &str) -> Option<Decimal> {
        let t = normalize::clean(text?);
        if t.is_empty() || matches!(t.as_str(), "-" | "–" | "—") {
            return None;
        }
        let d = parse_amount_as(&t, self.sep);
        if d.is_none() {
            self.warn(
                page,
                table,
                msg!("warning-budget-not-amount", text = format!("{t:?}")),
            );
        }
        d
    }

    fn cost_row(&mut self, line: &Line, text: &str, page: Option<u32>) {
        const TABLE: &str = "Faaliyet Maliyetleri";
        let Some(h) = self.header.clone() else {
            self.unread(page, TABLE, text);
            return;
        };
        let placed = h.place(line);
        let label = placed.name.as_deref().map(cell_text).unwrap_or_default();
        let figures = self.amounts(&placed, page, TABLE);
        let n = figures.len();
        let row = words::row_label(&label);
        let Some(sub) = self.sub_program_mut() else {
            return;
        };
        let no_activity = sub.activities.is_empty();
        match row {
            Some(RowLabel::Budget | RowLabel::OffBudget | RowLabel::ActivityTotal)
                if no_activity =>
            {
                self.unread(page, TABLE, text)
            }
            Some(RowLabel::Budget) => {
                if let Some(a) = sub.activities.last_mut() {
                    a.amounts.budget = Some(figures);
                }
            }
            Some(RowLabel::OffBudget) => {
                if let Some(a) = sub.activities.last_mut() {
                    a.amounts.off_budget = Some(figures);
                }
            }
            Some(RowLabel::ActivityTotal) => {
                if let Some(a) = sub.activities.last_mut() {
                    a.amounts.total = figures;
                }
            }
            Some(RowLabel::Total) => {
                // An activity printed with no figures of its own, then its
                // Bütçe İçi / Dışı rows: this is its Toplam row.
                let open = sub.activities.last_mut().filter(|a| {
                    a.amounts.total.iter().all(Option::is_none)
                        && (a.amounts.budget.is_some() || a.amounts.off_budget.is_some())
                });
                match open {
                    Some(a) => a.amounts.total = figures,
                    None => stated(sub, n).total = figures,
                }
            }
            Some(RowLabel::BlockTotal) => stated(sub, n).total = figures,
            Some(RowLabel::BlockBudget) => stated(sub, n).budget = Some(figures),
            Some(RowLabel::BlockOffBudget) => stated(sub, n).off_budget = Some(figures),
            None => {
                let mut lines: Vec<&str> = Vec::new();
                let mut units: Vec<String> = Vec::new();
                for l in placed.name.as_deref().unwrap_or("").split('\n') {
                    match words::responsible_line(l) {
                        Some(u) => units.extend(split_units(&u.replace(", ", "\n"))),
                        None => lines.push(l),
                    }
                }
                if let Some(r) = placed.responsible.as_deref() {
                    units.extend(split_units(r));
                }
                let joined = normalize::join_lines(&lines);
                let (mut code, name) = words::split_code(&joined);
                if let Some(c) = placed.code.as_deref().map(normalize::clean) {
                    code = Some(c);
                }
                // In a table of coded activities, a line without a code
                // nor a figure goes on with the activity above it (its
                // name wrapped below its figures).
                let last = self.sub_program_mut().and_then(|s| s.activities.last_mut());
                if let Some(a) = last.filter(|a| a.code.is_some()) {
                    if code.is_none() && !placed.has_values() {
                        if !name.is_empty() {
                            a.name = normalize::join_lines(&[a.name.as_str(), name.as_str()]);
                        }
                        a.units.extend(units);
                        return;
                    }
                }
                if name.is_empty() {
                    self.unread(page, TABLE, text);
                    return;
                }
                let Some(sub) = self.sub_program_mut() else {
                    return;
                };
                sub.activities.push(Activity {
                    code,
                    name,
                    units,
                    page,
                    amounts: CostRow {
                        budget: None,
                        off_budget: None,
                        total: figures,
                    },
                    economic: Vec::new(),
                    description: None,
                });
            }
        }
    }
}

/// A row whose first cell's first line is a section title (`Performans
/// Göstergeleri` over `Performans Göstergesi`): the title's part, the title
/// and the row without that line.
fn split_title(line: &Line) -> Option<(Part, String, Line)> {
    let first = line.cells.first().filter(|_| line.cells.len() > 1)?;
    let (head, rest) = first.text.split_once('\n')?;
    let part = words::title_of(head)?;
    let mut out = line.clone();
    out.cells[0].text = rest.to_string();
    Some((part, head.to_string(), out))
}

/// The alt program's stated total, made on its first printed row.
fn stated(sub: &mut SubProgram, n: usize) -> &mut CostRow {
    sub.stated_total.get_or_insert_with(|| CostRow {
        budget: None,
        off_budget: None,
        total: vec![None; n],
    })
}
