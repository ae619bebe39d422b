//! The responsibilities table (Faaliyetlerden Sorumlu Harcama Birimlerine
//! İlişkin Tablo): for each target, its activities and the units responsible.
//!
//! The target cell spans its activity rows and is printed first: its code,
//! then its wrapped title. Each activity row has the activity name and the
//! units; either may wrap. Every line is split into a name part and a units
//! part: in a PDF by the units column's position; in text input (no
//! positions; rows separated by blank lines) where a list of known unit
//! names ends the row. The target title ends where the joined lines best
//! match the title printed in the performance-target tables, so a title
//! spelled a little differently here still ends in the right place.

use std::collections::{HashMap, HashSet};

use crate::error::Warning;
use crate::model::{ActivityCost, Goal, Responsibility};
use crate::normalize::{edit_distance, join_lines, normalize_key};

use crate::tables::lines::{leading_code, plain, Item};
use crate::tables::units::split_units;

const TABLE: &str = "Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo";

/// A line (PDF) or a blank-line separated group (text), split into columns.
struct Piece {
    page: Option<u32>,
    left: String,
    right: String,
}

struct State<'a> {
    out: Vec<Responsibility>,
    warnings: &'a mut Vec<Warning>,
    target: String,
    title: String,
    /// Lines after the target code, before the first units: the title, then
    /// perhaps the first lines of the first activity.
    head: Option<Vec<String>>,
    name_lines: Vec<String>,
    unit_lines: Vec<String>,
    row_page: Option<u32>,
}

impl State<'_> {
    fn warn(&mut self, page: Option<u32>, message: String) {
        self.warnings.push(Warning {
            page,
            table: TABLE.into(),
            message,
        });
    }

    fn finish_row(&mut self) {
        if let Some(head) = self.head.take() {
            if !head.is_empty() && head.iter().any(|l| !l.is_empty()) && self.title.is_empty() {
                let page = self.row_page;
                self.warn(page, format!("target {} without activities", self.target));
            }
        }
        if self.name_lines.is_empty() && self.unit_lines.is_empty() {
            return;
        }
        let activity = join_lines(&self.name_lines);
        let units = split_units(&join_lines(&self.unit_lines));
        self.name_lines.clear();
        self.unit_lines.clear();
        if self.target.is_empty() {
            let page = self.row_page;
            self.warn(
                page,
                format!("activity row before any target: {activity:?}"),
            );
            return;
        }
        if units.is_empty() || activity.is_empty() {
            let page = self.row_page;
            self.warn(
                page,
                format!("incomplete row (activity {activity:?}, units {units:?})"),
            );
        }
        self.out.push(Responsibility {
            target: self.target.clone(),
            activity,
            units,
        });
    }

    fn piece(&mut self, p: Piece) {
        if let Some(head) = self.head.as_mut() {
            if !p.left.is_empty() {
                head.push(p.left);
            }
            if p.right.is_empty() {
                return;
            }
            // The first units: split the head into title and activity name.
            let head = self.head.take().unwrap_or_default();
            let j = title_end(&head, &self.title);
            self.name_lines = head[j..].to_vec();
            self.unit_lines = vec![p.right];
            self.row_page = p.page;
            return;
        }
        if !p.left.is_empty() && !self.unit_lines.is_empty() {
            self.finish_row();
        }
        if self.name_lines.is_empty() && self.unit_lines.is_empty() {
            self.row_page = p.page;
        }
        if !p.left.is_empty() {
            self.name_lines.push(p.left);
        }
        if !p.right.is_empty() {
            self.unit_lines.push(p.right);
        }
    }
}

/// How many head lines form the title: the split whose joined lines are
/// closest to the known title; at least the last line is the activity's.
fn title_end(head: &[String], title: &str) -> usize {
    if head.len() <= 1 {
        return 0;
    }
    if title.is_empty() {
        return head.len() - 1;
    }
    let want = normalize_key(title);
    (0..head.len())
        .min_by_key(|&j| edit_distance(&normalize_key(&join_lines(&head[..j])), &want))
        .unwrap_or(0)
}

/// Parses the responsibilities table. `goals` give the target titles, `costs`
/// the known unit names (for text input).
pub fn parse(
    items: &[Item],
    goals: &[Goal],
    costs: &[ActivityCost],
    warnings: &mut Vec<Warning>,
) -> Vec<Responsibility> {
    let titles: Vec<(String, String)> = goals
        .iter()
        .flat_map(|g| &g.objectives)
        .flat_map(|o| &o.targets)
        .map(|t| (t.code.clone(), t.title.clone()))
        .collect();
    let mut activities: HashMap<String, HashSet<String>> = HashMap::new();
    for t in goals
        .iter()
        .flat_map(|g| &g.objectives)
        .flat_map(|o| &o.targets)
    {
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
    let mut st = State {
        out: Vec::new(),
        warnings,
        target: String::new(),
        title: String::new(),
        head: None,
        name_lines: Vec::new(),
        unit_lines: Vec::new(),
        row_page: None,
    };
    let positioned = items.iter().any(|i| i.line.positioned);
    let unit_x = if positioned {
        units_column(items)
    } else {
        None
    };
    let mut group: Vec<String> = Vec::new();
    let mut group_page = None;
    let mut header_seen = false;
    for it in items.iter().skip(1) {
        if it.is_blank() {
            flush_group(&mut st, &mut group, group_page, &known_units, &activities);
            continue;
        }
        let text = plain(&it.line.text());
        if text == "Performans Hedefi Faaliyetler Sorumlu Birimler" {
            header_seen = true;
            continue;
        }
        // A theme heading (ALTYAPI).
        if is_caps(&text) {
            continue;
        }
        if let Some((code, rest)) = leading_code(&text, 3) {
            flush_group(&mut st, &mut group, group_page, &known_units, &activities);
            st.finish_row();
            st.target = code.clone();
            st.title = titles
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            if st.title.is_empty() {
                st.warn(
                    it.page,
                    format!("target {code} is not in the performance tables"),
                );
            }
            st.head = Some(vec![rest.to_string()]);
            continue;
        }
        if !header_seen && st.target.is_empty() {
            st.warn(it.page, format!("text before the table header: {text:?}"));
            continue;
        }
        match unit_x {
            Some(ux) => {
                let part = |right: bool| {
                    it.line
                        .cells
                        .iter()
                        .filter(|c| (c.x0 >= ux - 1.0) == right)
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                st.piece(Piece {
                    page: it.page,
                    left: part(false),
                    right: part(true),
                });
            }
            None => {
                if group.is_empty() {
                    group_page = it.page;
                }
                group.push(it.line.text());
            }
        }
    }
    flush_group(&mut st, &mut group, group_page, &known_units, &activities);
    st.finish_row();
    st.out
}

/// Text input: a group of lines between blank lines is one piece; its units
/// are the longest tail that is a list of known unit names.
fn flush_group(
    st: &mut State,
    group: &mut Vec<String>,
    page: Option<u32>,
    known: &HashSet<String>,
    activities: &HashMap<String, HashSet<String>>,
) {
    if group.is_empty() {
        return;
    }
    let lines = std::mem::take(group);
    let joined = plain(&lines.join(" "));
    let words: Vec<&str> = joined.split(' ').collect();
    // The whole group may be units (a units cell printed below its activity).
    for p in 0..words.len() {
        let tail = words[p..].join(" ");
        let units = split_units(&tail);
        if !units.is_empty() && units.iter().all(|u| known.contains(&normalize_key(u))) {
            // Keep the name's own line breaks for hyphen repair.
            let name_words = p;
            let mut name_lines = Vec::new();
            let mut taken = 0;
            for l in &lines {
                let pl = plain(l);
                let lw: Vec<&str> = pl.split(' ').filter(|w| !w.is_empty()).collect();
                let n = lw.len().min(name_words - taken);
                if n > 0 {
                    name_lines.push(lw[..n].join(" "));
                }
                taken += n;
                if taken == name_words {
                    break;
                }
            }
            st.piece(Piece {
                page,
                left: join_lines(&name_lines),
                right: tail,
            });
            return;
        }
    }
    // Units not seen in the cost tables: split after the name of one of the
    // target's activities, when what follows ends like a unit's name.
    if let Some(acts) = activities.get(&st.target) {
        for p in 1..words.len() {
            let name = normalize_key(&words[..p].join(" "));
            if acts.contains(&name)
                && words
                    .last()
                    .is_some_and(|w| crate::tables::units::is_unit_final(w))
            {
                st.piece(Piece {
                    page,
                    left: words[..p].join(" "),
                    right: words[p..].join(" "),
                });
                return;
            }
        }
    }
    // No units: title lines or the first lines of a wrapped activity.
    st.piece(Piece {
        page,
        left: join_lines(&lines),
        right: String::new(),
    });
}

/// The units column: the most common start of a line's last cell when the
/// line has two.
fn units_column(items: &[Item]) -> Option<f32> {
    let mut xs: Vec<i32> = items
        .iter()
        .filter(|it| it.line.positioned && it.line.cells.len() >= 2)
        .map(|it| it.line.cells[it.line.cells.len() - 1].x0.round() as i32)
        .collect();
    xs.sort_unstable();
    let mut best: Option<(i32, usize)> = None;
    let mut i = 0;
    while i < xs.len() {
        let j = xs[i..].iter().take_while(|&&x| x == xs[i]).count();
        if best.is_none_or(|b| j > b.1) {
            best = Some((xs[i], j));
        }
        i += j;
    }
    best.map(|b| b.0 as f32)
}

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
