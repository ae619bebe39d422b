//! The responsibilities table (Faaliyetlerden Sorumlu Harcama Birimlerine
//! İlişkin Tablo) read from table rows: for each performance target, its
//! activities and the spending units responsible for each.
//!
//! Two layouts are read:
//! - a table with a header of its own cells (target, activity, units, maybe
//!   others, known by meaning): each row's cells go to the columns they lie
//!   under. The target cell (code, perhaps with the title) may be printed on
//!   every row or once on a cell merged over the target's rows, which may
//!   run on over a page break: a row without a target cell belongs to the
//!   open target.
//! - a table whose header is one run of text (or none): the target's code
//!   and wrapped title are printed above its activities in the activity
//!   column, and the units sit right of it, in the row's later cells or on
//!   lines of their own. An activity whose units are printed below it (or
//!   whose name is wrapped onto lines of its own) goes on until the next
//!   name after units. Where the title ends is found by the title printed in
//!   the performance-target tables, so a title spelled a little differently
//!   here still ends in the right place.
//!
//! Units in one cell are split by [`split_units`].

use std::collections::{HashMap, HashSet};

use crate::error::Warning;
use crate::i18n::Message;
use crate::layout::Line;
use crate::model::{ActivityCost, Goal, Level, PrintedTitle, Responsibility};
use crate::msg;
use crate::normalize::{distance_within, join_lines, normalize_key};

use super::header::{self, Column};
use super::lines::{coded, leading_code, pitch, plain, Item};
use super::units::{is_unit_final, split_units};

pub(super) const TABLE: &str = "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo";

/// What a column of the table holds, by its header label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Target,
    Activity,
    Units,
}

/// The role a header label names: `Performans Hedefi`; `Faaliyet`,
/// `Faaliyetler`, `Faaliyet Adı`; `Sorumlu Harcama Birimi veya Birimleri`,
/// `Sorumlu Birimler`, `Harcama Birimi`. A data row's text (`Faaliyet
/// Raporu Hazırlanması`, `Tüm Birimler`) names none.
fn role(key: &str) -> Option<Role> {
    let words = key.split(' ').count();
    if key.contains("sorumlu")
        || key.contains("harcama birim")
        || matches!(key, "birim" | "birimi" | "birimler")
    {
        return Some(Role::Units);
    }
    if key.starts_with("performans hedef") && words <= 3 {
        return Some(Role::Target);
    }
    if key.starts_with("faaliyet") && words <= 2 {
        return Some(Role::Activity);
    }
    None
}

/// Whether a row of one cell is the whole header printed as one run of text
/// (`Performans Hedefi Faaliyetler Sorumlu Birimler`).
fn is_run_header(key: &str) -> bool {
    key.contains("performans hedef")
        && key.contains("faaliyet")
        && (key.contains("sorumlu") || key.contains("birim"))
        && !key.starts_with("faaliyetlerden")
}

/// The columns of a header row printed as cells of their own.
#[derive(Debug, Clone)]
struct Cols {
    cols: Vec<Column>,
    target: Option<usize>,
    activity: usize,
    units: usize,
}

/// A header row: at least the activity and the units column named in cells
/// of their own.
fn header_cols(line: &Line) -> Option<Cols> {
    header_cols_of(line).or_else(|| {
        // A heading set just above the header may share its band: the
        // labels are then the cells' last lines.
        let last = Line {
            cells: line
                .cells
                .iter()
                .map(|c| crate::layout::Cell {
                    text: c.text.rsplit('\n').next().unwrap_or_default().to_string(),
                    ..c.clone()
                })
                .collect(),
            ..line.clone()
        };
        header_cols_of(&last)
    })
}

fn header_cols_of(line: &Line) -> Option<Cols> {
    if line.cells.len() < 2 {
        return None;
    }
    let cols = header::columns(&[line]);
    let roles: Vec<Option<Role>> = cols.iter().map(|c| role(&c.key())).collect();
    let find = |r: Role| roles.iter().position(|x| *x == Some(r));
    let activity = find(Role::Activity)?;
    let units = find(Role::Units)?;
    if activity == units {
        return None;
    }
    Some(Cols {
        target: find(Role::Target),
        cols,
        activity,
        units,
    })
}

/// A target label: `1.1.1. Title`, `1.1.1 Title`, `Performans Hedefi 1.1.1:
/// Title` → (code, title).
fn target_label(text: &str) -> Option<(String, String)> {
    let t = plain(text);
    coded(&t, "Performans Hedefi", 3).or_else(|| {
        let (code, title) = leading_code(&t, 3)?;
        Some((code, title.to_string()))
    })
}

/// A heading in capitals between tables (a strategic area: `ALTYAPI`).
fn is_caps(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && text.split_whitespace().all(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                || matches!(w, "ve" | "ile")
        })
}

/// One row split by column: the target cell, the activity part and the
/// units part.
#[derive(Debug, Default, PartialEq)]
struct Parts {
    target: Option<String>,
    /// The target label was printed in the activity column (its title's
    /// lines then come first in that column).
    in_column: bool,
    left: String,
    right: String,
}

/// The left margin of the rows of each page: where activity names and
/// target labels start when the header gives no columns. A page whose rows
/// all start far right of the table's margin (only units run on to it)
/// takes the table's.
fn margins(items: &[Item]) -> HashMap<Option<u32>, f32> {
    let mut out: HashMap<Option<u32>, f32> = HashMap::new();
    let mut table = f32::INFINITY;
    let mut size: f32 = 0.0;
    for it in items {
        if let Some(c) = it.line.cells.first() {
            let m = out.entry(it.page).or_insert(c.x0);
            *m = m.min(c.x0);
            table = table.min(c.x0);
            size = size.max(it.line.size);
        }
    }
    for m in out.values_mut() {
        if *m > table + 10.0 * size {
            *m = table;
        }
    }
    out
}

/// Whether a row is one cell across two columns or more of the header (a
/// heading or a target's label printed across the table).
fn is_across(line: &Line, cols: &[Column]) -> bool {
    let [cell] = &line.cells[..] else {
        return false;
    };
    let covered = cols
        .iter()
        .filter(|c| cell.x1.min(c.x1) - cell.x0.max(c.x0) > 0.5 * (c.x1 - c.x0))
        .count();
    covered >= 2
}

/// Splits a row by the header's columns, or, without them, into the cells
/// starting at the left margin and the cells right of it.
fn parts(line: &Line, cols: Option<&Cols>, margin: f32) -> Parts {
    let across = cols.is_some_and(|c| is_across(line, &c.cols));
    let mut p = match cols {
        // A row across the table is read as the activity column's.
        Some(_) if across => Parts {
            left: plain(&line.text()),
            ..Parts::default()
        },
        Some(c) => {
            let placed = header::place(line, &c.cols);
            let text = |j: usize| placed[j].as_deref().map(plain).unwrap_or_default();
            Parts {
                target: c.target.map(text).filter(|t| !t.is_empty()),
                in_column: false,
                left: text(c.activity),
                right: text(c.units),
            }
        }
        None => {
            let tol = 2.0 * line.size.max(1.0);
            let join = |right: bool| {
                let texts: Vec<&str> = line
                    .cells
                    .iter()
                    .filter(|c| (c.x0 > margin + tol) == right)
                    .map(|c| c.text.as_str())
                    .collect();
                plain(&texts.join(" "))
            };
            Parts {
                target: None,
                in_column: false,
                left: join(false),
                right: join(true),
            }
        }
    };
    // Without a target column (or across the table), a target's label is
    // printed in the activity column above its activities. Text beside it
    // that does not end like a unit's name is more of its title.
    let label_column = across || cols.is_none_or(|c| c.target.is_none());
    if p.target.is_none() && label_column && target_label(&p.left).is_some() {
        let mut label = std::mem::take(&mut p.left);
        let last = p.right.split_whitespace().last().unwrap_or_default();
        if !p.right.is_empty() && !is_unit_final(last) {
            label = join_lines(&[label, std::mem::take(&mut p.right)]);
        }
        p.target = Some(label);
        p.in_column = true;
    }
    p
}

/// How many of the lines after a target's code are its title: the split
/// whose joined lines come closest to the title printed in the
/// performance-target tables. With `keep_one`, the last line is left for
/// the activity.
fn title_end(head: &[String], title: &str, keep_one: bool) -> usize {
    let last = if keep_one {
        head.len().saturating_sub(1)
    } else {
        head.len()
    };
    if title.is_empty() {
        // The title is not known: when units came, every line but the
        // last; else the code's own line.
        return if keep_one { last } else { last.min(1) };
    }
    let want = normalize_key(title);
    closest(
        (0..=last).map(|j| normalize_key(&join_lines(&head[..j]))),
        &want,
    )
}

/// The index of the first of `candidates` nearest to `want` in edit
/// distance (0 for none). The candidates are measured nearest in length
/// first: the first one's distance bounds the others', each measured only
/// as far as it could still win (a band around the diagonal, narrower as
/// the best gets nearer; one whose length alone differs more is passed
/// over). A later candidate wins only by being nearer, an earlier one by
/// being as near.
fn closest(candidates: impl Iterator<Item = String>, want: &str) -> usize {
    let candidates: Vec<(usize, String)> = candidates.enumerate().collect();
    let want_len = want.chars().count();
    let mut order: Vec<(usize, usize)> = candidates
        .iter()
        .map(|(j, c)| (c.chars().count().abs_diff(want_len), *j))
        .collect();
    order.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for (_, j) in order {
        let c = &candidates[j].1;
        let d = match best {
            None => Some(distance(c, want)),
            Some((b, d)) if j < b => distance_within(c, want, d),
            Some((_, 0)) => continue,
            Some((_, d)) => distance_within(c, want, d - 1),
        };
        if let Some(d) = d {
            if best.is_none_or(|(b, bd)| d < bd || (d == bd && j < b)) {
                best = Some((j, d));
            }
        }
    }
    best.map_or(0, |(j, _)| j)
}

/// The edit distance of `a` and `b`, measured in a band that doubles
/// until it holds the distance (a near title costs a narrow band).
fn distance(a: &str, b: &str) -> usize {
    let mut max = 4;
    loop {
        if let Some(d) = distance_within(a, b, max) {
            return d;
        }
        max *= 2;
    }
}

struct Parser<'w> {
    out: Vec<Responsibility>,
    warnings: &'w mut Vec<Warning>,
    titles: HashMap<String, String>,
    target: Option<String>,
    title: String,
    /// Rows read for the open target.
    target_rows: usize,
    /// The lines under a target label printed in the activity column, up to
    /// the first units: the title's lines, then perhaps an activity's first.
    head: Option<Vec<String>>,
    name: Vec<String>,
    units: Vec<String>,
    row_page: Option<u32>,
    /// The lines of the open target's title printed in a cell of its own,
    /// with the page of the first.
    printed: (Vec<String>, Option<u32>),
    /// Where the open target's rows start in `out`.
    first_row: usize,
}

impl Parser<'_> {
    fn warn(&mut self, page: Option<u32>, message: impl Into<Message>) {
        self.warnings.push(Warning {
            page,
            table: TABLE.into(),
            message: message.into(),
        });
    }

    /// Opens the target `code` (a code printed again on a later row or page
    /// goes on with the same target); `title` is the text printed after the
    /// code, read as the head of the activity column when `in_column`.
    fn start_target(&mut self, code: String, title: String, in_column: bool, page: Option<u32>) {
        if self.target.as_deref() == Some(code.as_str()) {
            if in_column {
                self.finish_row();
                self.finish_head(page);
                self.head = Some(vec![title]);
            }
            return;
        }
        self.finish_row();
        self.finish_head(page);
        self.finish_target(page);
        self.title = self.titles.get(&code).cloned().unwrap_or_default();
        if !self.titles.contains_key(&code) {
            self.warn(
                page,
                msg!("warning-responsibility-unknown-target", code = &code),
            );
        }
        self.target = Some(code);
        self.target_rows = 0;
        self.first_row = self.out.len();
        self.printed = (Vec::new(), page);
        if !in_column {
            self.printed.0.push(title.clone());
        }
        self.head = in_column.then(|| vec![title]);
    }

    /// Keeps, on the open target's first row, its title as printed (in a
    /// cell of its own, or on the activity column's lines up to where
    /// [`title_end`] ends it) where it differs from the performance-target
    /// tables' (other letters or digits; a title cut at a page break is its
    /// beginning).
    fn keep_title(&mut self) {
        let (lines, page) = std::mem::take(&mut self.printed);
        let printed = join_lines(&lines);
        let letters = |s: &str| -> String {
            normalize_key(s)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        let (here, known) = (letters(&printed), letters(&self.title));
        if here.is_empty() || known.is_empty() || known.starts_with(&here) {
            return;
        }
        let (Some(code), Some(row)) = (self.target.clone(), self.out.get_mut(self.first_row))
        else {
            return;
        };
        row.titles_as_printed.push(PrintedTitle {
            level: Level::Target,
            code,
            title: printed,
            page,
        });
    }

    /// The title's lines of a target label printed in the activity column
    /// (up to where [`title_end`] ends them), the first time it is printed.
    fn title_lines(&mut self, lines: &[String]) {
        if self.printed.0.is_empty() {
            self.printed.0 = lines.to_vec();
        }
    }

    /// Warns about lines under a target label that never met units.
    fn finish_head(&mut self, page: Option<u32>) {
        let Some(head) = self.head.take() else {
            return;
        };
        let j = title_end(&head, &self.title, false);
        self.title_lines(&head[..j]);
        let rest = join_lines(&head[j..]);
        if !rest.is_empty() {
            let code = self.target.clone().unwrap_or_default();
            self.warn(
                page,
                msg!(
                    "warning-responsibility-text-without-units",
                    code = &code,
                    text = format!("{rest:?}")
                ),
            );
        }
    }

    fn finish_target(&mut self, page: Option<u32>) {
        self.keep_title();
        if let Some(code) = self.target.clone() {
            if self.target_rows == 0 {
                self.warn(page, msg!("warning-responsibility-no-rows", code = code));
            }
        }
    }

    fn finish_row(&mut self) {
        if self.name.is_empty() && self.units.is_empty() {
            return;
        }
        let activity = join_lines(&self.name);
        let units = split_units(&join_lines(&self.units));
        self.name.clear();
        self.units.clear();
        let page = self.row_page;
        let Some(target) = self.target.clone() else {
            self.warn(
                page,
                msg!(
                    "warning-responsibility-before-target",
                    activity = format!("{activity:?}"),
                    units = format!("{units:?}")
                ),
            );
            return;
        };
        if activity.is_empty() || units.is_empty() {
            self.warn(
                page,
                msg!(
                    "warning-responsibility-incomplete",
                    target = &target,
                    activity = format!("{activity:?}"),
                    units = format!("{units:?}")
                ),
            );
        }
        self.target_rows += 1;
        self.out.push(Responsibility {
            target,
            activity,
            units,
            titles_as_printed: Vec::new(),
        });
    }

    /// Adds a row's activity part and units part. A name after units starts
    /// a new row; a name after a name without units goes on with it when
    /// `may_continue` (wrapped onto a line of its own, or broken over a page
    /// break), else the first row ends without units.
    fn piece(&mut self, page: Option<u32>, left: String, right: String, may_continue: bool) {
        if let Some(head) = self.head.as_mut() {
            if !left.is_empty() {
                head.push(left);
            }
            if right.is_empty() {
                return;
            }
            let head = self.head.take().unwrap_or_default();
            let j = title_end(&head, &self.title, true);
            self.title_lines(&head[..j]);
            self.name = head[j..].to_vec();
            self.units = vec![right];
            self.row_page = page;
            return;
        }
        if !left.is_empty() && (!self.units.is_empty() || (!self.name.is_empty() && !may_continue))
        {
            self.finish_row();
        }
        if self.name.is_empty() && self.units.is_empty() {
            self.row_page = page;
        }
        if !left.is_empty() {
            self.name.push(left);
        }
        if !right.is_empty() {
            self.units.push(right);
        }
    }

    /// Whether a target cell's text is part of the open target's title;
    /// if so, it is more of the title as printed.
    fn continues_title(&mut self, text: &str) -> bool {
        let k = normalize_key(text);
        let more =
            self.target.is_some() && !k.is_empty() && normalize_key(&self.title).contains(&k);
        if more && !self.printed.0.is_empty() {
            self.printed.0.push(text.to_string());
        }
        more
    }

    /// Whether a row waits for its units.
    fn waiting(&self) -> bool {
        self.head.is_some() || (!self.name.is_empty() && self.units.is_empty())
    }
}

/// Where a text export's row, which keeps no boundary between the
/// activity cell and the units cell, ends its activity name: the word
/// index at which the units start. The units end like a unit's name and
/// are names the cost tables give, or the words before them are one of the
/// target's activities as the performance-target tables name them (both,
/// when both can be had). None when the row holds no units.
fn units_start(
    words: &[&str],
    activities: Option<&HashSet<String>>,
    known: &HashSet<String>,
) -> Option<usize> {
    if !words.last().is_some_and(|w| is_unit_final(w)) {
        return None;
    }
    let units_known = |p: usize| {
        let units = split_units(&words[p..].join(" "));
        !units.is_empty() && units.iter().all(|u| known.contains(&normalize_key(u)))
    };
    let activity_known = |p: usize| {
        p > 0 && activities.is_some_and(|a| a.contains(&normalize_key(&words[..p].join(" "))))
    };
    (0..words.len())
        .find(|&p| units_known(p) && (p == 0 || activity_known(p)))
        .or_else(|| (0..words.len()).find(|&p| units_known(p)))
        .or_else(|| (1..words.len()).find(|&p| activity_known(p)))
}

/// The lines of a text export's row, printed one right under the other:
/// read together, because where the activity name ends and the units
/// begin shows only in the whole row.
#[derive(Default)]
struct Run {
    lines: Vec<String>,
    page: Option<u32>,
    y: f32,
}

impl Run {
    /// Hands the run to the parser: split at its units when it has any,
    /// else line by line (a target's title, a name wrapped onto lines of
    /// its own).
    fn flush(
        &mut self,
        p: &mut Parser,
        activities: &HashMap<String, HashSet<String>>,
        known: &HashSet<String>,
    ) {
        if self.lines.is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.lines);
        let per_line: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.split_whitespace().collect())
            .collect();
        let words: Vec<&str> = per_line.iter().flatten().copied().collect();
        let acts = p.target.as_ref().and_then(|t| activities.get(t));
        match units_start(&words, acts, known) {
            Some(k) => {
                // The name keeps its printed lines, for hyphen repair.
                let mut name = Vec::new();
                let mut taken = 0;
                for lw in &per_line {
                    let n = lw.len().min(k - taken);
                    if n > 0 {
                        name.push(lw[..n].join(" "));
                    }
                    taken += n;
                }
                p.piece(self.page, join_lines(&name), words[k..].join(" "), true);
            }
            None => {
                for l in lines {
                    p.piece(self.page, l, String::new(), true);
                }
            }
        }
    }
}

/// Parses the responsibilities table from the section's rows; `goals` give
/// the target titles and activities, `costs` the units' names (a text
/// export's rows are split by them).
pub fn parse(
    items: &[Item],
    goals: &[Goal],
    costs: &[ActivityCost],
    warnings: &mut Vec<Warning>,
) -> Vec<Responsibility> {
    let targets = || {
        goals
            .iter()
            .flat_map(|g| &g.objectives)
            .flat_map(|o| &o.targets)
    };
    let titles: HashMap<String, String> = targets()
        .map(|t| (t.code.clone(), t.title.clone()))
        .collect();
    let mut activities: HashMap<String, HashSet<String>> = HashMap::new();
    for t in targets() {
        activities
            .entry(t.code.clone())
            .or_default()
            .extend(t.activities.iter().map(|a| normalize_key(&a.name)));
    }
    let known_units: HashSet<String> = costs
        .iter()
        .flat_map(|c| &c.units)
        .map(|u| normalize_key(u))
        .collect();
    let pitch = pitch(items);
    let mut run = Run::default();
    let mut p = Parser {
        out: Vec::new(),
        warnings,
        titles,
        target: None,
        title: String::new(),
        target_rows: 0,
        head: None,
        name: Vec::new(),
        units: Vec::new(),
        row_page: None,
        printed: (Vec::new(), None),
        first_row: 0,
    };
    let margins = margins(items);
    let mut cols: Option<Cols> = None;
    let mut last_page: Option<u32> = None;
    for it in items {
        if it.is_blank() {
            continue;
        }
        let key = header::key(it.text());
        if key.starts_with("faaliyetlerden sorumlu") {
            continue;
        }
        if let Some(c) = header_cols(it.line) {
            cols = Some(c);
            continue;
        }
        if it.line.cells.len() == 1 && is_run_header(&key) {
            continue;
        }
        let margin = margins.get(&it.page).copied().unwrap_or(0.0);
        let parts = parts(it.line, cols.as_ref(), margin);
        let page_break = last_page.is_some_and(|l| Some(l) != it.page);
        last_page = it.page;
        // A row of one cell and no column geometry: a text export's lines,
        // read by runs of lines printed one right under the other.
        let run_line = cols.is_none()
            && parts.target.is_none()
            && parts.right.is_empty()
            && it.line.cells.len() == 1;
        let below = run.page == it.page && it.line.y - run.y <= 1.5 * pitch;
        // A heading in capitals is no row's line.
        if !run_line || !below || is_caps(&parts.left) {
            run.flush(&mut p, &activities, &known_units);
        }
        if parts.target.is_none()
            && parts.right.is_empty()
            && is_caps(&parts.left)
            && !p.waiting()
            && run.lines.is_empty()
        {
            continue;
        }
        if let Some(cell) = parts.target {
            match target_label(&cell) {
                Some((code, title)) => p.start_target(code, title, parts.in_column, it.page),
                // The rest of a merged target cell broken over a page break.
                None if p.continues_title(&cell) => {}
                None => {
                    let text = format!("{cell:?}");
                    p.warn(it.page, msg!("warning-responsibility-no-code", text = text));
                }
            }
        }
        if parts.left.is_empty() && parts.right.is_empty() {
            continue;
        }
        if p.target.is_none() {
            p.warn(
                it.page,
                msg!(
                    "warning-responsibility-before-first",
                    text = format!("{:?}", plain(it.text()))
                ),
            );
            continue;
        }
        if run_line {
            run.page = it.page;
            run.y = it.line.y;
            run.lines.push(parts.left);
            continue;
        }
        // Without column geometry a name is wrapped onto lines of its own;
        // in a table of cells only a row broken over a page break goes on.
        let may_continue = cols.is_none() || page_break;
        p.piece(it.page, parts.left, parts.right, may_continue);
    }
    run.flush(&mut p, &activities, &known_units);
    p.finish_row();
    p.finish_head(last_page);
    p.finish_target(last_page);
    p.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Page;
    use crate::model::{Amounts, Objective, Target};
    use crate::normalize::edit_distance;
    use crate::tables::lines;

    proptest::proptest! {
        #[test]
        fn the_closest_candidate_is_the_first_nearest(
            candidates in proptest::collection::vec("[abç ]{0,12}", 0..8),
            want in "[abç ]{0,12}",
        ) {
            let naive = (0..candidates.len())
                .min_by_key(|&j| edit_distance(&candidates[j], &want))
                .unwrap_or(0);
            proptest::prop_assert_eq!(closest(candidates.into_iter(), &want), naive);
        }

        #[test]
        fn distance_is_the_edit_distance(a in "[abç ]{0,40}", b in "[abç ]{0,40}") {
            proptest::prop_assert_eq!(distance(&a, &b), edit_distance(&a, &b));
        }
    }

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

    fn goals(targets: &[(&str, &str)]) -> Vec<Goal> {
        vec![Goal {
            code: "1".into(),
            theme: None,
            title: String::new(),
            objectives: vec![Objective {
                code: "1.1".into(),
                title: String::new(),
                targets: targets
                    .iter()
                    .map(|&(code, title)| Target {
                        code: code.into(),
                        title: title.into(),
                        page: None,
                        indicators: Vec::new(),
                        activities: Vec::new(),
                        stated_total: Amounts::default(),
                        notes: Vec::new(),
                        columns_as_printed: Vec::new(),
                    })
                    .collect(),
            }],
        }]
    }

    fn read(pages: &[Page], goals: &[Goal]) -> (Vec<Responsibility>, Vec<Warning>) {
        let items = lines::items(pages);
        let mut warnings = Vec::new();
        let out = parse(&items, goals, &[], &mut warnings);
        (out, warnings)
    }

    /// A target's title printed with one letter otherwise than in its
    /// performance-target table is kept on its first row with its page; one
    /// cut at a page break, or differing in case only, is not.
    #[test]
    fn a_title_spelled_otherwise_is_kept() {
        let header = || {
            line(
                60.0,
                &[
                    (40.0, 100.0, "Performans Hedefi"),
                    (100.0, 450.0, "Faaliyet"),
                    (450.0, 800.0, "Sorumlu Harcama Birimi veya Birimleri"),
                ],
            )
        };
        let row = |y: f32, target: &str, activity: &str| {
            line(
                y,
                &[
                    (40.0, 100.0, target),
                    (100.0, 450.0, activity),
                    (450.0, 800.0, "Park ve Bahçeler Dairesi Başkanlığı"),
                ],
            )
        };
        let pages = [page(
            12,
            vec![
                header(),
                row(
                    80.0,
                    "1.1.3. Doğal Alanları Korunması",
                    "Koruma Faaliyetleri",
                ),
                row(95.0, "1.1.4. KENT ORMANLARI", "Ağaçlandırma Faaliyetleri"),
                row(110.0, "1.1.5. Yeşil Alanların", "Bakım Faaliyetleri"),
            ],
        )];
        let goals = goals(&[
            ("1.1.3", "Doğal Alanların Korunması"),
            ("1.1.4", "Kent Ormanları"),
            ("1.1.5", "Yeşil Alanların Çoğaltılması"),
        ]);
        let (out, warnings) = read(&pages, &goals);
        assert!(warnings.is_empty(), "{warnings:?}");
        let printed: Vec<&[PrintedTitle]> =
            out.iter().map(|r| r.titles_as_printed.as_slice()).collect();
        let want = PrintedTitle {
            level: Level::Target,
            code: "1.1.3".into(),
            title: "Doğal Alanları Korunması".into(),
            page: Some(12),
        };
        assert_eq!(printed, [&[want][..], &[], &[]]);
    }

    fn row(r: &Responsibility) -> (&str, &str, Vec<&str>) {
        (
            r.target.as_str(),
            r.activity.as_str(),
            r.units.iter().map(String::as_str).collect(),
        )
    }

    /// A text export keeps no boundary between the activity cell and the
    /// units cell: a row is split where its units start, told by the
    /// target's activities and the cost tables' units; a blank line ends a
    /// row, a heading in capitals is no row's line.
    #[test]
    fn text_export_rows_split_at_their_units() {
        let text = "Performans Hedefi Faaliyetler Sorumlu Birimler\n\n\
            1.1.1. Altyapı Çalışmalarını\n\nYürütmek\n\n\
            Yol Yapım Faaliyetleri Fen İşleri Dairesi Başkanlığı\n\n\
            Asfalt Kaplama, Bakım ve Düzen-\nleme Faaliyetleri Fen İşleri Dairesi \nBaşkanlığı\n\n\
            Kamulaştırma İşleri Emlak Dairesi Başkanlığı, Fen İşleri \nDairesi Başkanlığı\n \
            ALTYAPI\n";
        let pages = crate::layout::text::rows(&crate::layout::text::pages(text));
        let mut goals = goals(&[("1.1.1", "Altyapı Çalışmalarını Yürütmek")]);
        goals[0].objectives[0].targets[0].activities = [
            "Yol Yapım Faaliyetleri",
            "Asfalt Kaplama, Bakım ve Düzenleme Faaliyetleri",
        ]
        .iter()
        .map(|n| crate::model::ActivityLine {
            code: None,
            name: n.to_string(),
            budget: None,
            off_budget: None,
            total: None,
        })
        .collect();
        let costs: Vec<ActivityCost> =
            ["Fen İşleri Dairesi Başkanlığı", "Emlak Dairesi Başkanlığı"]
                .iter()
                .map(|u| ActivityCost {
                    target: "1.1.1".into(),
                    activity: String::new(),
                    units: vec![u.to_string()],
                    page: None,
                    economic: Default::default(),
                    budget_total: None,
                    off_budget: Default::default(),
                    off_budget_total: None,
                    total: None,
                    not_printed: Vec::new(),
                    titles_as_printed: Vec::new(),
                })
                .collect();
        let items = lines::items(&pages);
        let mut warnings = Vec::new();
        let out = parse(&items, &goals, &costs, &mut warnings);
        let rows: Vec<_> = out.iter().map(row).collect();
        assert_eq!(
            rows,
            vec![
                (
                    "1.1.1",
                    "Yol Yapım Faaliyetleri",
                    vec!["Fen İşleri Dairesi Başkanlığı"]
                ),
                (
                    "1.1.1",
                    "Asfalt Kaplama, Bakım ve Düzenleme Faaliyetleri",
                    vec!["Fen İşleri Dairesi Başkanlığı"]
                ),
                (
                    "1.1.1",
                    "Kamulaştırma İşleri",
                    vec!["Emlak Dairesi Başkanlığı", "Fen İşleri Dairesi Başkanlığı"]
                ),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn header_labels_by_meaning() {
        assert_eq!(role(&header::key("Performans\nHedefi")), Some(Role::Target));
        assert_eq!(role(&header::key("Faaliyet Adı")), Some(Role::Activity));
        assert_eq!(role(&header::key("FAALİYETLER")), Some(Role::Activity));
        assert_eq!(
            role(&header::key("Sorumlu Harcama Birimi veya Birimleri")),
            Some(Role::Units)
        );
        assert_eq!(role(&header::key("Sorumlu Birimler")), Some(Role::Units));
        assert_eq!(role(&header::key("Açıklama")), None);
        assert!(is_run_header(&header::key(
            "Performans Hedefi Faaliyetler Sorumlu Birimler"
        )));
        assert!(!is_run_header(&header::key(
            "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo"
        )));
    }

    #[test]
    fn target_labels() {
        assert_eq!(
            target_label("1.2.2. Kentsel Dönüşüm"),
            Some(("1.2.2".into(), "Kentsel Dönüşüm".into()))
        );
        assert_eq!(
            target_label("4.3.1 İhtiyaç").map(|l| l.0),
            Some("4.3.1".into())
        );
        assert_eq!(
            target_label("Performans Hedefi 1.1.1: Altyapı"),
            Some(("1.1.1".into(), "Altyapı".into()))
        );
        assert_eq!(target_label("1.1.1"), Some(("1.1.1".into(), String::new())));
        assert_eq!(target_label("1/5000 Ölçekli Nazım İmar Planı"), None);
        assert_eq!(target_label("5 Yıllık İmar Programı"), None);
    }

    /// A ruled table: the target cell merged over its rows and running on
    /// over a page break (the rest of its title printed there); a row broken
    /// at the page's foot.
    #[test]
    fn table_of_cells_with_merged_target_cells() {
        let header = line(
            60.0,
            &[
                (40.0, 100.0, "Performans Hedefi"),
                (100.0, 450.0, "Faaliyet"),
                (450.0, 800.0, "Sorumlu Harcama Birimi veya Birimleri"),
            ],
        );
        let p1 = page(
            10,
            vec![
                line(
                    50.0,
                    &[(
                        40.0,
                        400.0,
                        "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo",
                    )],
                ),
                header,
                line(
                    80.0,
                    &[
                        (40.0, 100.0, "1.2.2. Kentsel Dönüşüm ve Sağlıklı Yapılaşma"),
                        (100.0, 450.0, "İmar ve Ruhsat Hizmetlerinin Yürütülmesi"),
                        (450.0, 800.0, "Yapı Kontrol Dairesi Başkanlığı"),
                    ],
                ),
                line(
                    95.0,
                    &[
                        (100.0, 450.0, "Kıyı Düzenlemeleri Faaliyetleri"),
                        (
                            450.0,
                            800.0,
                            "Etüd ve Projeler Dairesi Başkanlığı Yapı İşleri Dairesi Başkanlığı",
                        ),
                    ],
                ),
                line(110.0, &[(100.0, 450.0, "Yapı ve Alan Ölçeğinde Koruma")]),
            ],
        );
        let p2 = page(
            11,
            vec![
                line(
                    40.0,
                    &[
                        (40.0, 100.0, "Faaliyetlerini Yürütmek"),
                        (100.0, 450.0, "Uygulama Faaliyetleri"),
                        (450.0, 800.0, "Yapı İşleri Dairesi Başkanlığı"),
                    ],
                ),
                line(
                    55.0,
                    &[
                        (100.0, 450.0, "Mikrobölgeleme Etüt Faaliyetleri"),
                        (
                            450.0,
                            800.0,
                            "Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi Başkanlığı",
                        ),
                    ],
                ),
                line(
                    70.0,
                    &[
                        (40.0, 100.0, "1.3.1"),
                        (100.0, 450.0, "Kent Bostanı Projesi"),
                        (450.0, 800.0, "Park ve Bahçeler Dairesi Başkanlığı"),
                    ],
                ),
            ],
        );
        let g = goals(&[
            (
                "1.2.2",
                "Kentsel Dönüşüm ve Sağlıklı Yapılaşma Faaliyetlerini Yürütmek",
            ),
            ("1.3.1", "Yeşil Alanlar"),
        ]);
        let (out, warnings) = read(&[p1, p2], &g);
        assert!(warnings.is_empty(), "{warnings:?}");
        let rows: Vec<_> = out.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                (
                    "1.2.2",
                    "İmar ve Ruhsat Hizmetlerinin Yürütülmesi",
                    vec!["Yapı Kontrol Dairesi Başkanlığı"]
                ),
                (
                    "1.2.2",
                    "Kıyı Düzenlemeleri Faaliyetleri",
                    vec![
                        "Etüd ve Projeler Dairesi Başkanlığı",
                        "Yapı İşleri Dairesi Başkanlığı"
                    ]
                ),
                (
                    "1.2.2",
                    "Yapı ve Alan Ölçeğinde Koruma Uygulama Faaliyetleri",
                    vec!["Yapı İşleri Dairesi Başkanlığı"]
                ),
                (
                    "1.2.2",
                    "Mikrobölgeleme Etüt Faaliyetleri",
                    vec!["Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi Başkanlığı"]
                ),
                (
                    "1.3.1",
                    "Kent Bostanı Projesi",
                    vec!["Park ve Bahçeler Dairesi Başkanlığı"]
                ),
            ]
        );
    }

    /// In a table of cells a name without units on a row of its own, not at
    /// a page break, is a row without units (warned), not part of the next.
    #[test]
    fn row_without_units_in_a_table_of_cells() {
        let p = page(
            3,
            vec![
                line(
                    60.0,
                    &[
                        (40.0, 100.0, "Performans Hedefi"),
                        (100.0, 450.0, "Faaliyet Adı"),
                        (450.0, 800.0, "Sorumlu Birimler"),
                    ],
                ),
                line(
                    80.0,
                    &[(40.0, 100.0, "1.1.1"), (100.0, 450.0, "Taslak Faaliyet")],
                ),
                line(
                    95.0,
                    &[
                        (100.0, 450.0, "Yol Altyapı Hizmetleri"),
                        (450.0, 800.0, "Fen İşleri Dairesi Başkanlığı"),
                    ],
                ),
            ],
        );
        let (out, warnings) = read(&[p], &goals(&[("1.1.1", "Altyapı")]));
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].activity, "Taslak Faaliyet");
        assert!(out[0].units.is_empty());
        assert_eq!(out[1].activity, "Yol Altyapı Hizmetleri");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].page, Some(3));
    }

    /// Without a header of cells: the target's code and wrapped title in the
    /// activity column, names and units on lines of their own, a heading in
    /// capitals, units running on over a page break.
    #[test]
    fn lines_under_a_one_run_header() {
        let p1 = page(
            20,
            vec![
                line(
                    40.0,
                    &[(
                        36.0,
                        300.0,
                        "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo",
                    )],
                ),
                line(50.0, &[(36.0, 70.0, "ALTYAPI")]),
                line(
                    60.0,
                    &[(
                        36.0,
                        240.0,
                        "Performans Hedefi Faaliyetler Sorumlu Birimler",
                    )],
                ),
                line(70.0, &[(36.0, 150.0, "1.2.1. Kent İmarı Odaklı Planlama")]),
                line(80.0, &[(36.0, 150.0, "Faaliyetlerini Yürütmek")]),
                line(
                    90.0,
                    &[
                        (36.0, 370.0, "Kamulaştırma Faaliyetleri"),
                        (370.0, 630.0, "Harita Dairesi Başkanlığı"),
                    ],
                ),
                line(
                    100.0,
                    &[(36.0, 260.0, "Gençlik Merkezleri Yapılması ve İşletilmesi")],
                ),
                line(110.0, &[(36.0, 90.0, "Faaliyetleri")]),
                line(
                    120.0,
                    &[(440.0, 570.0, "Etüd ve Projeler Dairesi Başkanlığı")],
                ),
                line(130.0, &[(36.0, 120.0, "1.2.2 Kentsel Dönüşüm")]),
                line(140.0, &[(36.0, 280.0, "Yenileme Alanı Proje Faaliyetleri")]),
                line(
                    150.0,
                    &[(
                        440.0,
                        630.0,
                        "Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi",
                    )],
                ),
            ],
        );
        let p2 = page(
            21,
            vec![
                line(40.0, &[(440.0, 480.0, "Başkanlığı")]),
                line(50.0, &[(440.0, 545.0, "Yapı İşleri Dairesi Başkanlığı")]),
                line(
                    60.0,
                    &[
                        (36.0, 360.0, "İzmiras Projesi"),
                        (360.0, 570.0, "Yapı İşleri Dairesi Başkanlığı"),
                    ],
                ),
            ],
        );
        let g = goals(&[
            (
                "1.2.1",
                "Kent İmarı Odaklı Planlama ve Kamulaştırma Faaliyetlerini Yürütmek",
            ),
            ("1.2.2", "Kentsel Dönüşüm"),
        ]);
        let (out, warnings) = read(&[p1, p2], &g);
        let rows: Vec<_> = out.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                (
                    "1.2.1",
                    "Kamulaştırma Faaliyetleri",
                    vec!["Harita Dairesi Başkanlığı"]
                ),
                (
                    "1.2.1",
                    "Gençlik Merkezleri Yapılması ve İşletilmesi Faaliyetleri",
                    vec!["Etüd ve Projeler Dairesi Başkanlığı"]
                ),
                (
                    "1.2.2",
                    "Yenileme Alanı Proje Faaliyetleri",
                    vec![
                        "Deprem Risk Yönetimi ve Kentsel İyileştirme Dairesi Başkanlığı",
                        "Yapı İşleri Dairesi Başkanlığı"
                    ]
                ),
                (
                    "1.2.2",
                    "İzmiras Projesi",
                    vec!["Yapı İşleri Dairesi Başkanlığı"]
                ),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    /// A table of two columns: the target's label and a heading printed
    /// across the table; a data row whose words look like header words.
    #[test]
    fn rows_across_a_table_of_cells() {
        let p = page(
            6,
            vec![
                line(
                    50.0,
                    &[
                        (40.0, 400.0, "Faaliyet Adı"),
                        (400.0, 800.0, "Sorumlu Harcama Birimi"),
                    ],
                ),
                line(60.0, &[(40.0, 800.0, "KURUMSAL KAPASİTE")]),
                line(
                    70.0,
                    &[(40.0, 800.0, "Performans Hedefi 6.2.1: Kurumsal Yapı")],
                ),
                line(
                    80.0,
                    &[
                        (40.0, 400.0, "Faaliyet Raporu Hazırlanması"),
                        (400.0, 800.0, "Tüm Birimler"),
                    ],
                ),
                line(
                    90.0,
                    &[
                        (40.0, 400.0, "Gelir Hizmetleri"),
                        (400.0, 800.0, "Mali Hizmetler Müdürlüğü"),
                    ],
                ),
            ],
        );
        let (out, warnings) = read(&[p], &goals(&[("6.2.1", "Kurumsal Yapı")]));
        assert!(warnings.is_empty(), "{warnings:?}");
        let rows: Vec<_> = out.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                (
                    "6.2.1",
                    "Faaliyet Raporu Hazırlanması",
                    vec!["Tüm Birimler"]
                ),
                (
                    "6.2.1",
                    "Gelir Hizmetleri",
                    vec!["Mali Hizmetler Müdürlüğü"]
                ),
            ]
        );
    }

    /// Without a header of cells, a target's code in a cell of its own with
    /// the title in the next: the title is no unit.
    #[test]
    fn code_and_title_in_cells_of_their_own() {
        let p = page(
            7,
            vec![
                line(
                    60.0,
                    &[
                        (36.0, 60.0, "2.3.2."),
                        (60.0, 300.0, "Hayvan Sağlığını Korumak"),
                    ],
                ),
                line(
                    70.0,
                    &[
                        (36.0, 370.0, "Veterinerlik Hizmetleri"),
                        (370.0, 600.0, "Çevre Koruma ve Kontrol Dairesi Başkanlığı"),
                    ],
                ),
            ],
        );
        let (out, warnings) = read(&[p], &goals(&[("2.3.2", "Hayvan Sağlığını Korumak")]));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            out.iter().map(row).collect::<Vec<_>>(),
            [(
                "2.3.2",
                "Veterinerlik Hizmetleri",
                vec!["Çevre Koruma ve Kontrol Dairesi Başkanlığı"]
            )]
        );
    }

    #[test]
    fn unknown_targets_and_stray_rows_are_warned() {
        let p = page(
            5,
            vec![
                line(
                    60.0,
                    &[
                        (36.0, 360.0, "Bir Faaliyet"),
                        (360.0, 570.0, "Yapı İşleri Dairesi Başkanlığı"),
                    ],
                ),
                line(70.0, &[(36.0, 150.0, "9.9.9. Bilinmeyen Hedef")]),
            ],
        );
        let (out, warnings) = read(&[p], &goals(&[("1.1.1", "Altyapı")]));
        assert!(out.is_empty());
        let messages: Vec<String> = warnings.iter().map(|w| w.message.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("text before the first target"));
        assert!(messages[1].contains("9.9.9 is not in the performance-target tables"));
        assert!(messages[2].contains("9.9.9 has no activity rows"));
    }
}
