//! The summaries after the blocks: by program and alt program (levels by
//! the code's depth, else by the blocks' names) and by economic code.

use rust_decimal::Decimal;

use crate::layout::Line;
use crate::model::budget::{CostColumn, EconomicLine, ProgramLevel, ProgramSummaryRow};
use crate::normalize::{self, normalize_key};

use super::super::super::rows_of::cell_text;
use super::super::words;
use super::Reader;

/// A summary row as printed.
struct SummaryRow {
    code: Option<String>,
    name: String,
    figures: Vec<Option<Decimal>>,
    /// The table's own columns; empty where it prints the document's.
    columns: Vec<CostColumn>,
}

impl Reader {
    /// A summary row's code (its own column, else before its name), name,
    /// figures and the table's own columns; None (reported) without a
    /// header above it.
    fn summary_row(
        &mut self,
        line: &Line,
        text: &str,
        page: Option<u32>,
        table: &str,
    ) -> Option<SummaryRow> {
        let Some(h) = self.header.clone() else {
            self.unread(page, table, text);
            return None;
        };
        let placed = h.place(line);
        let figures: Vec<Option<Decimal>> = placed
            .values
            .iter()
            .map(|v| self.amount(v.as_deref(), page, table))
            .collect();
        let label = placed.name.as_deref().map(cell_text).unwrap_or_default();
        let (code, name) = match placed.code.as_deref().map(normalize::clean) {
            Some(c) if !c.is_empty() => (Some(c), label),
            _ => words::split_code(&label),
        };
        let own = h.cost_columns();
        let columns = if self.out.cost_columns.as_ref() == Some(&own) {
            Vec::new()
        } else {
            own
        };
        Some(SummaryRow {
            code,
            name,
            figures,
            columns,
        })
    }

    pub(super) fn program_summary_row(&mut self, line: &Line, text: &str, page: Option<u32>) {
        const TABLE: &str = "Programlara Göre Kaynak Dağılımı";
        let Some(row) = self.summary_row(line, text, page, TABLE) else {
            return;
        };
        let total = row.code.is_none() && words::row_label(&row.name).is_some();
        let level = match row.code.as_deref().map(words::depth) {
            Some(1) => Some(ProgramLevel::Program),
            Some(_) => Some(ProgramLevel::SubProgram),
            None => {
                let key = normalize_key(&row.name);
                let programs = &self.out.programs;
                if programs.iter().any(|p| normalize_key(&p.name) == key) {
                    Some(ProgramLevel::Program)
                } else if programs
                    .iter()
                    .flat_map(|p| &p.sub_programs)
                    .any(|s| normalize_key(&s.name) == key)
                {
                    Some(ProgramLevel::SubProgram)
                } else {
                    None
                }
            }
        };
        let Some(summary) = self.out.program_summary.as_mut() else {
            return;
        };
        summary.columns = row.columns;
        if total {
            summary.total = Some(row.figures);
            return;
        }
        match level {
            Some(level) => summary.rows.push(ProgramSummaryRow {
                level,
                code: row.code,
                name: row.name,
                amounts: row.figures,
            }),
            None => self.unread(page, TABLE, text),
        }
    }

    pub(super) fn economic_summary_row(&mut self, line: &Line, text: &str, page: Option<u32>) {
        const TABLE: &str = "Ekonomik Sınıflandırmaya Göre Bütçe";
        let Some(row) = self.summary_row(line, text, page, TABLE) else {
            return;
        };
        let Some(summary) = self.out.economic_summary.as_mut() else {
            return;
        };
        summary.columns = row.columns;
        match row.code {
            None if words::row_label(&row.name).is_some() => summary.total = Some(row.figures),
            Some(code) => summary.rows.push(EconomicLine {
                code,
                name: row.name,
                amounts: row.figures,
            }),
            None => self.unread(page, TABLE, text),
        }
    }
}
