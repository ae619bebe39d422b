//! The canonical programme model (`perfprog.programme/3`): the serde types of
//! `docs/programme-model.md`, shared by every stage and by users' tools.
//! A document is in one of two layouts ([`Document`]): the
//! performance-target layout ([`Programme`], this module) or the
//! program-budget layout ([`budget::BudgetProgramme`]). Version-1 and
//! version-2 models load too ([`Document::from_json`]): they are
//! performance-target documents; the keys later versions added take their
//! defaults and the column labels are made from the columns.
//!
//! Field order in these structs is the key order of the JSON; do not reorder.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub mod budget;

/// The format tag written into every model.
pub const FORMAT: &str = "perfprog.programme/3";

/// The format tag of version-2 models, which still load.
pub const FORMAT_V2: &str = "perfprog.programme/2";

/// The format tag of version-1 models, which still load.
pub const FORMAT_V1: &str = "perfprog.programme/1";

/// A decimal amount, serialized as a string with the source's scale kept.
pub type Dec = Decimal;

/// One institution's performance programme for one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    pub format: String,
    /// Always `performance-target`; absent from version-1 and version-2
    /// documents, which are in this layout.
    #[serde(default)]
    pub layout: Layout,
    pub source: Source,
    pub institution: String,
    pub fiscal_year: i32,
    pub indicator_columns: Vec<IndicatorColumn>,
    pub goals: Vec<Goal>,
    pub activity_costs: Vec<ActivityCost>,
    /// Null where the administration prints no resource summary.
    pub resource_summary: Option<ResourceSummary>,
    /// Null where the administration prints no economic summary.
    pub economic_summary: Option<EconomicSummary>,
    pub responsibilities: Vec<Responsibility>,
    pub front_matter: Vec<Section>,
}

/// The layout a document is printed in, its top-level `layout` key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// Stratejik Amaç → Hedef → Performans Hedefi.
    #[default]
    PerformanceTarget,
    /// Program → Alt Program → Faaliyet.
    ProgramBudget,
}

impl Layout {
    /// The layout's name in the model.
    pub fn name(self) -> &'static str {
        match self {
            Layout::PerformanceTarget => "performance-target",
            Layout::ProgramBudget => "program-budget",
        }
    }
}

/// A programme document in either layout: the fork every stage after the
/// tables stage takes once, where it starts.
// One document is held at a time: its inline size does not matter, and
// boxing the larger variant would only cost every match a dereference.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// The performance-target layout.
    Targets(Programme),
    /// The program-budget layout.
    Budget(budget::BudgetProgramme),
}

impl Document {
    /// The performance-target programme, if the document is in that layout.
    pub fn targets(&self) -> Option<&Programme> {
        match self {
            Document::Targets(p) => Some(p),
            Document::Budget(_) => None,
        }
    }

    /// The program-budget programme, if the document is in that layout.
    pub fn budget(&self) -> Option<&budget::BudgetProgramme> {
        match self {
            Document::Targets(_) => None,
            Document::Budget(b) => Some(b),
        }
    }

    /// The performance-target programme, if the document is in that layout.
    pub fn into_targets(self) -> Option<Programme> {
        match self {
            Document::Targets(p) => Some(p),
            Document::Budget(_) => None,
        }
    }

    /// The program-budget programme, if the document is in that layout.
    pub fn into_budget(self) -> Option<budget::BudgetProgramme> {
        match self {
            Document::Targets(_) => None,
            Document::Budget(b) => Some(b),
        }
    }

    /// The document's layout.
    pub fn layout(&self) -> Layout {
        match self {
            Document::Targets(_) => Layout::PerformanceTarget,
            Document::Budget(_) => Layout::ProgramBudget,
        }
    }

    /// The administration's name.
    pub fn institution(&self) -> &str {
        match self {
            Document::Targets(p) => &p.institution,
            Document::Budget(b) => &b.institution,
        }
    }

    /// The budget year.
    pub fn fiscal_year(&self) -> i32 {
        match self {
            Document::Targets(p) => p.fiscal_year,
            Document::Budget(b) => b.fiscal_year,
        }
    }

    /// Where the document came from.
    pub fn source(&self) -> &Source {
        match self {
            Document::Targets(p) => &p.source,
            Document::Budget(b) => &b.source,
        }
    }

    /// Serializes as the canonical JSON text (pretty, trailing newline).
    pub fn to_json(&self) -> String {
        match self {
            Document::Targets(p) => p.to_json(),
            Document::Budget(b) => b.to_json(),
        }
    }

    /// Parses a model JSON of any version and either layout, checking the
    /// format tag and the layout.
    pub fn from_json(text: &str) -> Result<Document, String> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
            #[serde(default)]
            layout: Layout,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match head.layout {
            Layout::PerformanceTarget => Programme::from_json(text).map(Document::Targets),
            Layout::ProgramBudget => {
                if head.format != FORMAT {
                    return Err(format!(
                        "unsupported model format {:?} for the program-budget layout \
                         (expected {FORMAT:?})",
                        head.format
                    ));
                }
                serde_json::from_str(text)
                    .map(Document::Budget)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Where the model came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    /// Page count of a PDF source; null for a plain-text source.
    pub pages: Option<u32>,
}

/// One column of the indicator tables ("2022 Gerçekleşen", "2024 Hedef",
/// "2019").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorColumn {
    pub year: i32,
    /// What the column's figures are; null for a bare year or "Uygulama
    /// Yılı".
    pub kind: Option<ColumnKind>,
    /// The header as printed (repaired, one line).
    #[serde(default)]
    pub label: String,
}

impl IndicatorColumn {
    /// A column with the label perfprog prints for its year and kind.
    pub fn new(year: i32, kind: Option<ColumnKind>) -> IndicatorColumn {
        IndicatorColumn {
            year,
            kind,
            label: ColumnKind::label(year, kind),
        }
    }
}

/// What an indicator column holds, by its header's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Gerçekleşen, Gerçekleşme, Fiili.
    Actual,
    /// Tahmin, Tahmini, Gerçekleşme Tahmini.
    Estimate,
    /// Planlanan.
    Planned,
    /// Hedef, Hedeflenen.
    Target,
}

impl ColumnKind {
    /// The kind's name in the model (`actual`, …).
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Actual => "actual",
            ColumnKind::Estimate => "estimate",
            ColumnKind::Planned => "planned",
            ColumnKind::Target => "target",
        }
    }

    /// The kind's word in a header (`Gerçekleşen`, …).
    pub fn word(self) -> &'static str {
        match self {
            ColumnKind::Actual => "Gerçekleşen",
            ColumnKind::Estimate => "Tahmini",
            ColumnKind::Planned => "Planlanan",
            ColumnKind::Target => "Hedef",
        }
    }

    /// The kind a column header's word names: Gerçekleşen / Gerçekleşme /
    /// Fiili → actual; Tahmin / Tahmini / Gerçekleşme Tahmini → estimate;
    /// Planlanan → planned; Hedef / Hedeflenen → target; none for a bare
    /// year or "Uygulama Yılı".
    pub fn from_label(label: &str) -> Option<ColumnKind> {
        let lower = crate::normalize::to_lower_tr(label);
        let has = |w: &str| lower.split_whitespace().any(|x| x.starts_with(w));
        if has("tahmin") {
            Some(ColumnKind::Estimate)
        } else if has("gerçekleş") || has("fiili") {
            Some(ColumnKind::Actual)
        } else if has("planlanan") {
            Some(ColumnKind::Planned)
        } else if has("hedef") {
            Some(ColumnKind::Target)
        } else {
            None
        }
    }

    /// A header for a year and kind: `2022 Gerçekleşen`, `2019`.
    pub fn label(year: i32, kind: Option<ColumnKind>) -> String {
        match kind {
            Some(k) => format!("{year} {}", k.word()),
            None => year.to_string(),
        }
    }
}

/// A strategic goal (Stratejik Amaç).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub code: String,
    /// The strategic-area heading above the goal; null where none is
    /// printed.
    pub theme: Option<String>,
    pub title: String,
    pub objectives: Vec<Objective>,
}

/// A strategic objective (Stratejik Hedef).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub code: String,
    pub title: String,
    pub targets: Vec<Target>,
}

/// A performance target (Performans Hedefi) with its table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub code: String,
    pub title: String,
    /// 1-based PDF page where the table starts; null for a plain-text source.
    pub page: Option<u32>,
    pub indicators: Vec<Indicator>,
    pub activities: Vec<ActivityLine>,
    pub stated_total: Amounts,
    pub notes: Vec<String>,
    /// The indicator columns as this target's own table prints them, where
    /// they differ from the document's (`indicator_columns`, from its first
    /// table); the values still follow the document's columns, matched by
    /// year and kind. Left out of the JSON when the table prints the
    /// document's columns, so that version-2 documents stay valid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns_as_printed: Vec<IndicatorColumn>,
}

/// A performance indicator row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The indicator's printed code (`PG2.1.1`), or null.
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
    /// The unit column's text; null where the document prints no unit
    /// column (the unit stays in the name).
    pub unit: Option<String>,
    pub values: Vec<Option<Value>>,
    pub marked: bool,
    /// The text of an "Açıklama" row under the indicator, or null.
    #[serde(default)]
    pub description: Option<String>,
}

/// An indicator cell: a number, printed text, or empty (null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(Dec),
    Text(String),
}

/// An activity line of a performance-target table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityLine {
    /// The activity's printed code or row label (`F01`), or null.
    #[serde(default)]
    pub code: Option<String>,
    pub name: String,
    pub budget: Option<Dec>,
    pub off_budget: Option<Dec>,
    pub total: Option<Dec>,
}

/// Budget / off-budget / total as printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Amounts {
    pub budget: Option<Dec>,
    pub off_budget: Option<Dec>,
    pub total: Option<Dec>,
}

/// An activity cost table (Faaliyet Maliyetleri Tablosu).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityCost {
    pub target: String,
    pub activity: String,
    pub units: Vec<String>,
    pub page: Option<u32>,
    pub economic: Economic,
    pub budget_total: Option<Dec>,
    /// Null where the table prints one off-budget line (its figure in
    /// `off_budget_total`).
    pub off_budget: Option<OffBudget>,
    pub off_budget_total: Option<Dec>,
    pub total: Option<Dec>,
    /// Rows of the table that are not printed at all (not printed empty),
    /// by their key: `economic.7`, `budget_total`,
    /// `off_budget.revolving_fund`, `off_budget_total`, `total`. Left out of
    /// the JSON when every row is printed, so that version-2 documents
    /// without it stay valid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_printed: Vec<String>,
    /// The goal, objective and target titles this table prints on its
    /// position lines where they differ from the performance-target
    /// tables' (the model's titles). Left out of the JSON when they agree,
    /// so that version-2 documents without it stay valid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles_as_printed: Vec<PrintedTitle>,
}

/// A goal, objective or target title as a table other than the
/// performance-target tables prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintedTitle {
    pub level: Level,
    pub code: String,
    pub title: String,
    /// The page the title is printed on, where the table holding it keeps
    /// no page of its own (a responsibilities row); left out of the JSON
    /// otherwise (a cost table's titles are on its page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl PrintedTitle {
    /// Separates printed titles in one workbook or CSV cell.
    pub const SEPARATOR: &'static str = " | ";

    /// `target 4.2.3: Dezavatajlı Grupların …` (`target 1.1.3, page 12:
    /// …` with its page), the form of one printed title in a workbook or
    /// CSV cell.
    pub fn line(&self) -> String {
        let level = match self.level {
            Level::Goal => "goal",
            Level::Objective => "objective",
            Level::Target => "target",
        };
        match self.page {
            Some(page) => format!("{level} {}, page {page}: {}", self.code, self.title),
            None => format!("{level} {}: {}", self.code, self.title),
        }
    }

    /// The [`PrintedTitle::line`]s of `titles` joined with
    /// [`PrintedTitle::SEPARATOR`]: one workbook or CSV cell, empty when
    /// there are none.
    pub fn cell(titles: &[PrintedTitle]) -> String {
        titles
            .iter()
            .map(Self::line)
            .collect::<Vec<_>>()
            .join(Self::SEPARATOR)
    }

    /// Reads a cell written by joining [`PrintedTitle::line`]s with
    /// [`PrintedTitle::SEPARATOR`]; the error names the part not
    /// understood.
    pub fn parse_cell(cell: &str) -> Result<Vec<PrintedTitle>, String> {
        cell.split(Self::SEPARATOR)
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                let bad =
                    || format!("expected “goal|objective|target CODE: TITLE”, found “{part}”");
                let (head, title) = part.split_once(": ").ok_or_else(bad)?;
                let (head, page) = match head.split_once(", page ") {
                    Some((head, page)) => (head, Some(page.trim().parse().map_err(|_| bad())?)),
                    None => (head, None),
                };
                let (level, code) = head.trim().split_once(' ').ok_or_else(bad)?;
                let level = match level {
                    "goal" => Level::Goal,
                    "objective" => Level::Objective,
                    "target" => Level::Target,
                    _ => return Err(bad()),
                };
                Ok(PrintedTitle {
                    level,
                    code: code.trim().to_string(),
                    title: title.trim().to_string(),
                    page,
                })
            })
            .collect()
    }
}

/// Economic codes 1–8 of an activity cost table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Economic {
    #[serde(rename = "1")]
    pub c1: Option<Dec>,
    #[serde(rename = "2")]
    pub c2: Option<Dec>,
    #[serde(rename = "3")]
    pub c3: Option<Dec>,
    #[serde(rename = "4")]
    pub c4: Option<Dec>,
    #[serde(rename = "5")]
    pub c5: Option<Dec>,
    #[serde(rename = "6")]
    pub c6: Option<Dec>,
    #[serde(rename = "7")]
    pub c7: Option<Dec>,
    #[serde(rename = "8")]
    pub c8: Option<Dec>,
}

impl Economic {
    /// The eight codes in order, code 1 first.
    pub fn values(&self) -> [Option<Dec>; 8] {
        [
            self.c1, self.c2, self.c3, self.c4, self.c5, self.c6, self.c7, self.c8,
        ]
    }

    /// Mutable access by code (1–8).
    pub fn get_mut(&mut self, code: u8) -> Option<&mut Option<Dec>> {
        Some(match code {
            1 => &mut self.c1,
            2 => &mut self.c2,
            3 => &mut self.c3,
            4 => &mut self.c4,
            5 => &mut self.c5,
            6 => &mut self.c6,
            7 => &mut self.c7,
            8 => &mut self.c8,
            _ => return None,
        })
    }
}

/// Off-budget sources of an activity cost table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OffBudget {
    pub revolving_fund: Option<Dec>,
    pub other_domestic: Option<Dec>,
    pub foreign: Option<Dec>,
}

/// İdarenin Toplam Kaynak İhtiyacı.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceSummary {
    pub rows: Vec<ResourceRow>,
    pub targets_total: ResourceTotal,
    pub general_administration: ResourceTotal,
    pub transfers: ResourceTotal,
    pub total_budget: ResourceTotal,
}

/// Level of a resource-summary row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Goal,
    Objective,
    Target,
}

/// One goal / objective / target row of the resource summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub level: Level,
    pub code: String,
    pub title: String,
    pub amount: Option<Dec>,
    pub share_of_targets: Option<Dec>,
    pub share_of_budget: Option<Dec>,
}

/// A total row of the resource summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceTotal {
    pub amount: Option<Dec>,
    pub share_of_targets: Option<Dec>,
    pub share_of_budget: Option<Dec>,
}

/// Mali Yılı Toplam Kaynak İhtiyacı Tablosu.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EconomicSummary {
    pub rows: Vec<EconomicRow>,
    pub budget_total: EconomicRow,
    pub off_budget: Vec<EconomicRow>,
    pub off_budget_total: EconomicRow,
    pub grand_total: EconomicRow,
}

/// One row of the economic summary; `code` is absent on total and off-budget rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EconomicRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub activities: Option<Dec>,
    pub general_administration: Option<Dec>,
    pub transfers: Option<Dec>,
    pub total: Option<Dec>,
}

/// One row of the responsibilities table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Responsibility {
    pub target: String,
    pub activity: String,
    pub units: Vec<String>,
    /// The target's title as this table prints it (with its page), where it
    /// differs from the performance-target tables' (the model's title); on
    /// the first row of the target that prints it. Left out of the JSON
    /// when they agree, so that documents without it stay valid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles_as_printed: Vec<PrintedTitle>,
}

/// A front-matter section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub page: Option<u32>,
    pub blocks: Vec<Block>,
}

/// A block of front-matter content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Each goal's, objective's and target's title by its level and code.
pub fn titles_by_code(goals: &[Goal]) -> std::collections::HashMap<(Level, &str), &str> {
    let mut titles = std::collections::HashMap::new();
    for g in goals {
        titles.insert((Level::Goal, g.code.as_str()), g.title.as_str());
        for o in &g.objectives {
            titles.insert((Level::Objective, o.code.as_str()), o.title.as_str());
            for t in &o.targets {
                titles.insert((Level::Target, t.code.as_str()), t.title.as_str());
            }
        }
    }
    titles
}

impl Programme {
    /// Every target in document order.
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.goals
            .iter()
            .flat_map(|g| g.objectives.iter())
            .flat_map(|o| o.targets.iter())
    }

    /// Serializes as the canonical JSON text (pretty, trailing newline).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("model serializes");
        s.push('\n');
        s
    }

    /// Parses a performance-target model JSON, checking the format tag
    /// and the layout. A version-1 model is read as version 3: its column
    /// labels made from the columns, an empty theme or unit null; a
    /// version-2 model is version 3 with its format tag changed.
    pub fn from_json(text: &str) -> Result<Programme, String> {
        let mut p: Programme = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if p.layout != Layout::PerformanceTarget {
            return Err(format!(
                "a {} document, not a performance-target one",
                p.layout.name()
            ));
        }
        if p.format == FORMAT_V1 {
            p.upgrade_v1();
        } else if p.format == FORMAT_V2 {
            p.format = FORMAT.into();
        } else if p.format != FORMAT {
            return Err(format!(
                "unsupported model format {:?} (expected {FORMAT:?}, {FORMAT_V2:?} or {FORMAT_V1:?})",
                p.format
            ));
        }
        Ok(p)
    }

    /// A version-1 model as version 3.
    fn upgrade_v1(&mut self) {
        self.format = FORMAT.into();
        for c in &mut self.indicator_columns {
            if c.label.is_empty() {
                c.label = ColumnKind::label(c.year, c.kind);
            }
        }
        for g in &mut self.goals {
            if g.theme.as_deref().is_some_and(str::is_empty) {
                g.theme = None;
            }
            for t in g.objectives.iter_mut().flat_map(|o| o.targets.iter_mut()) {
                for i in &mut t.indicators {
                    if i.unit.as_deref().is_some_and(str::is_empty) {
                        i.unit = None;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-1 model loads as version 2: labels made from the columns,
    /// the keys version 2 added at their defaults.
    #[test]
    fn version_1_models_load_as_version_2() {
        let v1 = r#"{"format": "perfprog.programme/1",
          "source": {"file": "a.pdf", "sha256": "0", "pages": 1},
          "institution": "A Belediyesi", "fiscal_year": 2024,
          "indicator_columns": [{"year": 2022, "kind": "actual"}, {"year": 2024, "kind": "target"}],
          "goals": [{"code": "1", "theme": "", "title": "T", "objectives": [{"code": "1.1", "title": "O",
            "targets": [{"code": "1.1.1", "title": "H", "page": 3,
              "indicators": [{"name": "G", "unit": "Adet", "values": ["1", null], "marked": false}],
              "activities": [{"name": "F", "budget": "1.00", "off_budget": null, "total": "1.00"}],
              "stated_total": {"budget": null, "off_budget": null, "total": null}, "notes": []}]}]}],
          "activity_costs": [],
          "resource_summary": {"rows": [], "targets_total": {"amount": null, "share_of_targets": null, "share_of_budget": null},
            "general_administration": {"amount": null, "share_of_targets": null, "share_of_budget": null},
            "transfers": {"amount": null, "share_of_targets": null, "share_of_budget": null},
            "total_budget": {"amount": null, "share_of_targets": null, "share_of_budget": null}},
          "economic_summary": {"rows": [], "budget_total": {"activities": null, "general_administration": null, "transfers": null, "total": null},
            "off_budget": [], "off_budget_total": {"activities": null, "general_administration": null, "transfers": null, "total": null},
            "grand_total": {"activities": null, "general_administration": null, "transfers": null, "total": null}},
          "responsibilities": [], "front_matter": []}"#;
        let p = Programme::from_json(v1).unwrap();
        assert_eq!(p.format, FORMAT);
        assert_eq!(p.indicator_columns[0].label, "2022 Gerçekleşen");
        assert_eq!(p.indicator_columns[1].label, "2024 Hedef");
        assert_eq!(p.goals[0].theme, None);
        let t = &p.goals[0].objectives[0].targets[0];
        assert_eq!(t.indicators[0].unit.as_deref(), Some("Adet"));
        assert_eq!(t.indicators[0].code, None);
        assert_eq!(t.activities[0].code, None);
        assert!(p.resource_summary.is_some());
        // Written again, it is version 2.
        assert!(p.to_json().contains("\"label\": \"2022 Gerçekleşen\""));
        assert!(Programme::from_json(&v1.replace("/1", "/9")).is_err());
    }

    /// A version-2 model loads as a version-3 performance-target document;
    /// a program-budget model by its layout; a layout the reader does not
    /// know is refused.
    #[test]
    fn version_2_models_and_both_layouts_load() {
        let v2 = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/programme.json"
        ))
        .unwrap()
        .replace(
            "\"format\": \"perfprog.programme/3\",\n  \"layout\": \"performance-target\",",
            "\"format\": \"perfprog.programme/2\",",
        );
        assert!(v2.contains("perfprog.programme/2"));
        let doc = Document::from_json(&v2).unwrap();
        assert_eq!(doc.layout(), Layout::PerformanceTarget);
        let written = doc.to_json();
        assert!(written.starts_with(
            "{\n  \"format\": \"perfprog.programme/3\",\n  \"layout\": \"performance-target\","
        ));
        let budget = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/kuzeykent-2026-performans-programi.json"
        ))
        .unwrap();
        let doc = Document::from_json(&budget).unwrap();
        assert_eq!(doc.layout(), Layout::ProgramBudget);
        assert_eq!(doc.to_json(), budget);
        assert!(Document::from_json(&budget.replace("program-budget", "other")).is_err());
        assert!(Programme::from_json(&budget).is_err());
    }

    #[test]
    fn column_kinds_by_their_words() {
        use ColumnKind::*;
        for (label, kind) in [
            ("2022 Gerçekleşen", Some(Actual)),
            ("2021 Gerçekleşme", Some(Actual)),
            ("2020 Fiili", Some(Actual)),
            ("2021 Yıl Sonu Gerçekleşme Tahmini", Some(Estimate)),
            ("2008 Tahmini", Some(Estimate)),
            ("2023 Planlanan", Some(Planned)),
            ("2024 Hedef", Some(Target)),
            ("2024 Hedeflenen", Some(Target)),
            ("2019", None),
            ("Uygulama Yılı 2020", None),
        ] {
            assert_eq!(ColumnKind::from_label(label), kind, "{label}");
        }
    }
}
