//! The program-budget layout of the model (`"layout": "program-budget"`):
//! Program → Alt Program → Faaliyet, the layout of central-government
//! programmes since 2021 and of every local administration's from the 2026
//! budget year. The serde types of `docs/programme-model.md`, section
//! "Version 3"; the performance-target layout's types stay in the parent
//! module, and [`super::Document`] is the fork between the two.
//!
//! Field order in these structs is the key order of the JSON; do not reorder.

use serde::{Deserialize, Serialize};

use super::{ColumnKind, Dec, IndicatorColumn, Layout, Section, Source, Value, FORMAT};

/// One administration's programme in the program-budget layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetProgramme {
    pub format: String,
    pub layout: Layout,
    pub source: Source,
    pub institution: String,
    pub fiscal_year: i32,
    /// The headers of the document's first indicator table.
    pub indicator_columns: Vec<IndicatorColumn>,
    /// The headers of the document's first cost table.
    pub cost_columns: Vec<CostColumn>,
    pub programs: Vec<Program>,
    /// Null where the document prints no summary by program.
    pub program_summary: Option<ProgramSummary>,
    /// Null where the document prints no summary by economic code.
    pub economic_summary: Option<BudgetByEconomicCode>,
    pub front_matter: Vec<Section>,
}

/// One column of the cost tables (`2025 Bütçe`, `2027 Tahmin`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostColumn {
    pub year: i32,
    /// What the column's figures are; null for any other word.
    pub kind: Option<CostKind>,
    /// The header as printed (repaired, one line).
    pub label: String,
}

impl CostColumn {
    /// A column with the label perfprog prints for its year and kind.
    pub fn new(year: i32, kind: Option<CostKind>) -> CostColumn {
        CostColumn {
            year,
            kind,
            label: CostKind::label(year, kind),
        }
    }
}

/// What a cost column holds, by its header's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// Bütçe, Başlangıç Ödeneği.
    Budget,
    /// Harcama, Gerçekleşme, Haziran Sonu Gerçekleşme.
    Actual,
    /// Yıl Sonu (Harcama/Gerçekleşme) Tahmini, Tahmin, Tahmini.
    Estimate,
}

impl CostKind {
    /// The kind's name in the model (`budget`, …).
    pub fn name(self) -> &'static str {
        match self {
            CostKind::Budget => "budget",
            CostKind::Actual => "actual",
            CostKind::Estimate => "estimate",
        }
    }

    /// The kind's word in a header perfprog prints.
    pub fn word(self) -> &'static str {
        match self {
            CostKind::Budget => "Bütçe",
            CostKind::Actual => "Harcama",
            CostKind::Estimate => "Tahmin",
        }
    }

    /// The kind a cost column header's words name: an estimate word wins
    /// (`Yıl Sonu Harcama Tahmini`), then spending (`Haziran Sonu
    /// Harcama`, `Gerçekleşme`), then the budget (`Bütçe`, `Başlangıç
    /// Ödeneği`); none for anything else.
    pub fn from_label(label: &str) -> Option<CostKind> {
        let lower = crate::normalize::to_lower_tr(label);
        let has = |w: &str| lower.split_whitespace().any(|x| x.starts_with(w));
        if has("tahmin") {
            Some(CostKind::Estimate)
        } else if has("harcama") || has("gerçekleş") {
            Some(CostKind::Actual)
        } else if has("bütçe") || has("ödenek") || has("ödeneğ") {
            Some(CostKind::Budget)
        } else {
            None
        }
    }

    /// A header for a year and kind: `2026 Bütçe`, `2027 Tahmin`.
    pub fn label(year: i32, kind: Option<CostKind>) -> String {
        match kind {
            Some(k) => format!("{year} {}", k.word()),
            None => year.to_string(),
        }
    }
}

/// A program (Program) and its alt programs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    /// The printed code (`01`), or null.
    pub code: Option<String>,
    pub name: String,
    /// 1-based page where its block starts; null for a plain-text source.
    pub page: Option<u32>,
    pub sub_programs: Vec<SubProgram>,
}

/// An alt program (Alt Program): its goals, indicators and activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubProgram {
    /// The printed code (`01.02`), or null.
    pub code: Option<String>,
    pub name: String,
    pub page: Option<u32>,
    pub goals: Vec<SubProgramGoal>,
    pub indicators: Vec<BudgetIndicator>,
    pub activities: Vec<Activity>,
    /// The cost table's total row exactly as printed; null if none.
    pub stated_total: Option<CostRow>,
    /// The columns this block's own tables print, where they differ from
    /// the document's (values placed by year and kind). Left out of the
    /// JSON when the block prints the document's columns.
    #[serde(default, skip_serializing_if = "PrintedColumns::is_empty")]
    pub columns_as_printed: PrintedColumns,
}

impl SubProgram {
    /// An alt program with nothing in it yet, to be filled by a reader.
    pub fn new(code: Option<String>, name: String, page: Option<u32>) -> SubProgram {
        SubProgram {
            code,
            name,
            page,
            goals: Vec::new(),
            indicators: Vec::new(),
            activities: Vec::new(),
            stated_total: None,
            columns_as_printed: PrintedColumns::default(),
        }
    }
}

/// A block's own indicator and cost columns (each empty where it prints
/// the document's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrintedColumns {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorColumn>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<CostColumn>,
}

impl PrintedColumns {
    /// True when the block prints the document's columns.
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty() && self.costs.is_empty()
    }
}

/// An Alt Program Hedefi.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubProgramGoal {
    /// Its printed number (`1`), or null.
    pub code: Option<String>,
    pub text: String,
}

/// A performance indicator of an alt program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetIndicator {
    pub code: Option<String>,
    pub name: String,
    /// The unit column's text; null where none is printed.
    pub unit: Option<String>,
    /// One per indicator column.
    pub values: Vec<Option<Value>>,
    pub marked: bool,
    /// Göstergeye İlişkin Açıklama (or Açıklama), without its label.
    pub description: Option<String>,
    /// Hesaplama Yöntemi, without its label.
    pub calculation: Option<String>,
    /// Verinin Kaynağı, without its label.
    pub data_source: Option<String>,
}

/// An activity (Faaliyet) of an alt program's cost table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// The printed code (`01.02.003`), or null.
    pub code: Option<String>,
    pub name: String,
    /// The responsible units printed with it, in printed order.
    pub units: Vec<String>,
    /// The page of its row in the cost table.
    pub page: Option<u32>,
    pub amounts: CostRow,
    /// Its breakdown by economic code, where printed.
    pub economic: Vec<EconomicLine>,
    /// Its paragraph(s) under Faaliyetlere İlişkin Açıklamalar.
    pub description: Option<String>,
}

/// An activity's figures, one entry per cost column in each array.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CostRow {
    /// The Bütçe İçi row; null where the table prints one row per activity.
    pub budget: Option<Vec<Option<Dec>>>,
    /// The Bütçe Dışı row; null likewise.
    pub off_budget: Option<Vec<Option<Dec>>>,
    /// The activity's own row (or its Toplam row).
    pub total: Vec<Option<Dec>>,
}

/// One economic-code line of an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EconomicLine {
    /// As printed, without trailing punctuation (`03`, `03.2`).
    pub code: String,
    pub name: String,
    pub amounts: Vec<Option<Dec>>,
}

/// Level of a program-summary row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgramLevel {
    Program,
    SubProgram,
}

/// Programlara Göre Kaynak Dağılımı.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgramSummary {
    pub rows: Vec<ProgramSummaryRow>,
    pub total: Option<Vec<Option<Dec>>>,
    /// The summary's own columns, where it prints other years than the
    /// cost tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<CostColumn>,
}

/// A program or alt program row of the program summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramSummaryRow {
    pub level: ProgramLevel,
    pub code: Option<String>,
    pub name: String,
    pub amounts: Vec<Option<Dec>>,
}

/// Ekonomik Sınıflandırmaya Göre Bütçe.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetByEconomicCode {
    pub rows: Vec<EconomicLine>,
    pub total: Option<Vec<Option<Dec>>>,
    /// The summary's own columns, where it prints other years than the
    /// cost tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<CostColumn>,
}

impl BudgetProgramme {
    /// An empty programme of this layout, to be filled by a reader.
    pub fn new(source: Source, institution: String, fiscal_year: i32) -> BudgetProgramme {
        BudgetProgramme {
            format: FORMAT.into(),
            layout: Layout::ProgramBudget,
            source,
            institution,
            fiscal_year,
            indicator_columns: Vec::new(),
            cost_columns: Vec::new(),
            programs: Vec::new(),
            program_summary: None,
            economic_summary: None,
            front_matter: Vec::new(),
        }
    }

    /// Every alt program in document order, with its program.
    pub fn sub_programs(&self) -> impl Iterator<Item = (&Program, &SubProgram)> {
        self.programs
            .iter()
            .flat_map(|p| p.sub_programs.iter().map(move |s| (p, s)))
    }

    /// Every activity in document order, with its program and alt program.
    pub fn activities(&self) -> impl Iterator<Item = (&Program, &SubProgram, &Activity)> {
        self.sub_programs()
            .flat_map(|(p, s)| s.activities.iter().map(move |a| (p, s, a)))
    }

    /// Every responsible unit, in order of first appearance.
    pub fn units(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (_, _, a) in self.activities() {
            for u in &a.units {
                if seen.insert(u.as_str()) {
                    out.push(u.as_str());
                }
            }
        }
        out
    }

    /// Serializes as the canonical JSON text (pretty, trailing newline).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("model serializes");
        s.push('\n');
        s
    }
}

/// The indicator column kinds are those of version 2 ([`ColumnKind`]).
pub type IndicatorKind = ColumnKind;

/// A column of the indicator tables or of the cost tables, for code that
/// treats both alike (rollover, workbook, CSV).
pub trait YearColumn: Clone + PartialEq {
    /// What the column's figures are.
    type Kind: Copy + PartialEq;
    /// A column of this year, kind and label.
    fn make(year: i32, kind: Option<Self::Kind>, label: String) -> Self;
    fn year(&self) -> i32;
    fn kind(&self) -> Option<Self::Kind>;
    /// The header as printed.
    fn label(&self) -> &str;
    /// The kind's name in the model (`budget`, `target`, …); empty for none.
    fn kind_name(&self) -> &'static str;
}

impl YearColumn for IndicatorColumn {
    type Kind = ColumnKind;
    fn make(year: i32, kind: Option<ColumnKind>, label: String) -> Self {
        IndicatorColumn { year, kind, label }
    }
    fn year(&self) -> i32 {
        self.year
    }
    fn kind(&self) -> Option<ColumnKind> {
        self.kind
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn kind_name(&self) -> &'static str {
        self.kind.map_or("", ColumnKind::name)
    }
}

impl YearColumn for CostColumn {
    type Kind = CostKind;
    fn make(year: i32, kind: Option<CostKind>, label: String) -> Self {
        CostColumn { year, kind, label }
    }
    fn year(&self) -> i32 {
        self.year
    }
    fn kind(&self) -> Option<CostKind> {
        self.kind
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn kind_name(&self) -> &'static str {
        self.kind.map_or("", CostKind::name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_kinds_by_their_words() {
        use CostKind::*;
        for (label, kind) in [
            ("2025 Bütçe", Some(Budget)),
            ("2025 Başlangıç Ödeneği", Some(Budget)),
            ("2025 Haziran Sonu Harcama", Some(Actual)),
            ("2024 Gerçekleşme", Some(Actual)),
            ("2025 Haziran Sonu Gerçekleşme", Some(Actual)),
            ("2025 Yıl Sonu Harcama Tahmini", Some(Estimate)),
            ("2025 Yıl Sonu Gerçekleşme Tahmini", Some(Estimate)),
            ("2027 Tahmin", Some(Estimate)),
            ("2028 Tahmini", Some(Estimate)),
            ("2026", None),
        ] {
            assert_eq!(CostKind::from_label(label), kind, "{label}");
        }
    }
}
