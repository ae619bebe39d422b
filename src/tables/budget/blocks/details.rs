//! An alt program's economic breakdown and explanations: each activity's
//! economic lines and paragraphs, matched to the activities of its cost
//! table by code, else by name.

use crate::layout::Line;
use crate::model::budget::EconomicLine;
use crate::msg;
use crate::normalize::{self, normalize_key};

use super::super::super::rows_of::cell_text;
use super::super::words::{self, RowLabel};
use super::Reader;

impl Reader {
    /// The activity a line names in the current alt program: by its code,
    /// else by its name.
    pub(super) fn find_activity(&self, text: &str) -> Option<usize> {
        let sub = self.sub_program()?;
        let (code, name) = words::split_code(text);
        if let Some(c) = code {
            if let Some(k) = sub
                .activities
                .iter()
                .position(|a| a.code.as_deref() == Some(&c))
            {
                return Some(k);
            }
        }
        let key = normalize_key(&name);
        let whole = normalize_key(text);
        sub.activities.iter().position(|a| {
            let k = normalize_key(&a.name);
            k == key || k == whole
        })
    }

    pub(super) fn economic_row(&mut self, line: &Line, text: &str, page: Option<u32>) {
        const TABLE: &str = "Faaliyetlerin Ekonomik Sınıflandırması";
        let Some(h) = self.header.clone() else {
            self.unread(page, TABLE, text);
            return;
        };
        let placed = h.place(line);
        // An activity's line: one cell across the table, or no figures.
        if line.cells.len() == 1 || !placed.has_values() {
            if let Some(k) = self.find_activity(text) {
                self.activity = Some(k);
                return;
            }
            // An economic line's name wrapped below its figures.
            let k = self.activity;
            let line = k
                .and_then(|k| self.sub_program_mut()?.activities.get_mut(k))
                .and_then(|a| a.economic.last_mut());
            match line {
                Some(e) if words::split_code(text).0.is_none() => {
                    e.name = normalize::join_lines(&[e.name.as_str(), text]);
                }
                _ => self.unread(page, TABLE, text),
            }
            return;
        }
        let label = placed.name.as_deref().map(cell_text).unwrap_or_default();
        let figures = self.amounts(&placed, page, TABLE);
        let Some(k) = self.activity else {
            self.unread(page, TABLE, text);
            return;
        };
        if let Some(RowLabel::Total | RowLabel::ActivityTotal) = words::row_label(&label) {
            let differs = self
                .sub_program()
                .and_then(|s| s.activities.get(k))
                .is_some_and(|a| a.amounts.total != figures);
            if differs {
                self.warn(
                    page,
                    TABLE,
                    msg!(
                        "warning-budget-activity-total-differs",
                        text = format!("{text:?}")
                    ),
                );
            }
            return;
        }
        let (mut code, mut name) = (placed.code.as_deref().map(normalize::clean), label.clone());
        if code.is_none() {
            let (c, n) = words::split_code(&label);
            code = c;
            name = n;
        }
        let Some(code) = code.filter(|c| !c.is_empty()) else {
            self.unread(page, TABLE, text);
            return;
        };
        let code = code.trim_end_matches(['.', '-', ':']).to_string();
        if let Some(a) = self.sub_program_mut().and_then(|s| s.activities.get_mut(k)) {
            a.economic.push(EconomicLine {
                code,
                name: normalize::clean(&name),
                amounts: figures,
            });
        }
    }

    pub(super) fn explanation_line(&mut self, text: &str, page: Option<u32>) {
        if let Some(k) = self.find_activity(text) {
            self.flush_explanation();
            self.activity = Some(k);
            return;
        }
        if self.activity.is_none() {
            self.unread(page, "Faaliyetlere İlişkin Açıklamalar", text);
            return;
        }
        self.explanation.push(text.to_string());
    }

    pub(super) fn flush_explanation(&mut self) {
        if self.explanation.is_empty() {
            return;
        }
        let text = normalize::join_lines(&std::mem::take(&mut self.explanation));
        let k = self.activity;
        if let Some(a) = k.and_then(|k| self.sub_program_mut()?.activities.get_mut(k)) {
            a.description = Some(match a.description.take() {
                Some(prev) => format!("{prev} {text}"),
                None => text,
            });
        }
    }
}
