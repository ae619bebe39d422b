//! The canonical programme model (`perfprog.programme/1`): the serde types of
//! `docs/programme-model.md`, shared by every stage and by users' tools.
//!
//! Field order in these structs is the key order of the JSON; do not reorder.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The format tag written into every model.
pub const FORMAT: &str = "perfprog.programme/1";

/// A decimal amount, serialized as a string with the source's scale kept.
pub type Dec = Decimal;

/// One institution's performance programme for one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    pub format: String,
    pub source: Source,
    pub institution: String,
    pub fiscal_year: i32,
    pub indicator_columns: Vec<IndicatorColumn>,
    pub goals: Vec<Goal>,
    pub activity_costs: Vec<ActivityCost>,
    pub resource_summary: ResourceSummary,
    pub economic_summary: EconomicSummary,
    pub responsibilities: Vec<Responsibility>,
    pub front_matter: Vec<Section>,
}

/// Where the model came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    /// Page count of a PDF source; null for a plain-text source.
    pub pages: Option<u32>,
}

/// One column of the indicator tables ("2022 Gerçekleşen", "2024 Hedef").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorColumn {
    pub year: i32,
    pub kind: ColumnKind,
}

/// Whether an indicator column holds realised figures or targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Actual,
    Target,
}

/// A strategic goal (Stratejik Amaç).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub code: String,
    pub theme: String,
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
}

/// A performance indicator row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    pub unit: String,
    pub values: Vec<Option<Value>>,
    pub marked: bool,
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
    pub off_budget: OffBudget,
    pub off_budget_total: Option<Dec>,
    pub total: Option<Dec>,
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

    /// Parses a model JSON, checking the format tag.
    pub fn from_json(text: &str) -> Result<Programme, String> {
        let p: Programme = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if p.format != FORMAT {
            return Err(format!(
                "unsupported model format {:?} (expected {FORMAT:?})",
                p.format
            ));
        }
        Ok(p)
    }
}
