//! The `audit` stage: reconciles every stated figure of a programme with the
//! figures it should agree with, compares two models field by field (the
//! round trip) and lists the changes between two programmes (`diff`).
//!
//! [`audit`] runs every check below on one [`Programme`] and returns the
//! findings in a fixed order (the order of this table, then document order).
//! A finding names the check, its severity, the table, the target code and
//! activity where there is one, the page, and the stated figure, the computed
//! figure and their difference (`stated − computed`).
//!
//! # Conventions
//!
//! - **Empty cells.** `null` means the source left the cell empty. Line items
//!   that are empty count as 0 when summed. A stated total that is empty
//!   while its lines sum to a non-zero amount is a **warning** under the same
//!   check id (stated `null`, no difference): the figure is missing rather
//!   than wrong. An empty total over empty or zero lines is not a finding.
//! - **Totals of totals.** Where a check adds sub-totals (e.g. `cost.total`
//!   adds the budget and off-budget totals), each sub-total is the stated
//!   figure, or the computed one when the stated cell is empty, so that one
//!   missing figure is reported once, not again at every level above it.
//! - **Shares** are recomputed as `amount / denominator × 100`, rounded to 2
//!   decimals half away from zero, and compared with the printed value. A gap
//!   of at most 0,01 is a **warning** (a different rounding convention); more
//!   is an **error**. An empty printed share (`-`) is not checked.
//! - **Names** are matched with [`normalize_key`](crate::normalize::normalize_key)
//!   (Turkish lower case, spacing, apostrophe and dash variants unified),
//!   then, among the names left over within one target, by letters and digits
//!   only, then by edit-distance similarity ≥ 0,85, then across targets.
//!   Matched names that differ at all are reported (`cross.activity.name`).
//!
//! # Checks
//!
//! | id | severity | compares |
//! |---|---|---|
//! | `target.line.sum` | error | on every activity line of a performance-target table, budget + off-budget vs the line's total |
//! | `target.line.total_empty` | warning | an activity line whose budget or off-budget is printed but whose total cell is empty |
//! | `target.header` | warning | a performance-target table printing other indicator columns than the document's first table (its values are read by year; a year the document lacks is left out) |
//! | `target.total.budget` | error | sum of the activity lines' budget vs the "Genel Toplam" budget |
//! | `target.total.off_budget` | error | sum of the lines' off-budget vs the "Genel Toplam" off-budget |
//! | `target.total.total` | error | sum of the lines' totals vs the "Genel Toplam" total |
//! | `target.total.sum` | error | "Genel Toplam" budget + off-budget vs its total |
//! | `cost.budget_total` | error | economic codes 1–8 of an activity cost table vs "Toplam Bütçe Kaynak İhtiyacı" |
//! | `cost.off_budget_total` | error | Döner Sermaye + Diğer Yurt İçi + Yurt Dışı vs "Toplam Bütçe Dışı Kaynak İhtiyacı" |
//! | `cost.total` | error | budget total + off-budget total vs "Toplam Kaynak İhtiyacı" |
//! | `cost.row_not_printed` | warning | rows of an activity cost table not printed at all (not printed empty) |
//! | `cross.activity.amount` | error | each activity line (stated) vs its cost table (computed): budget vs budget total, off-budget vs off-budget total, total vs total |
//! | `cross.activity.name` | warning / info | an activity matched across tables but spelled differently (info when the names have the same letters and digits, i.e. differ only in spacing, case or punctuation) |
//! | `cross.activity.target` | warning | an activity whose cost table or responsibility row is filed under another target |
//! | `cross.activity.unmatched` | error / warning | an activity line without a cost table, or a cost table without an activity line (error when it carries a non-zero amount) |
//! | `cross.responsibility.unmatched` | warning | a responsibilities row without a cost table, or a cost table without a responsibilities row |
//! | `cross.units` | warning | responsible units of a responsibilities row vs its cost table's units (as sets of normalised names) |
//! | `cross.title` | warning / info | a goal, objective or target title spelled differently in the activity cost tables' position lines (once per code and spelling), in the responsibilities table's target cells, in the resource summary or in the front matter's outline of the plan (info when only spacing, case or punctuation differ) |
//! | `cross.summary.activities` | error | resource summary "Performans Hedefleri Toplamı" vs economic summary grand total, activities column |
//! | `cross.summary.general_administration` | error | resource summary "Genel Yönetim Giderleri" vs economic summary grand total, general administration column |
//! | `cross.summary.transfers` | error | resource summary "Diğer İdarelere Transferler" vs economic summary grand total, transfers column |
//! | `cross.summary.total` | error | resource summary "Toplam Bütçe" vs economic summary grand total |
//! | `resource.target` | error | each target row's amount vs its performance-target table's "Genel Toplam" total |
//! | `resource.objective` | error | each objective row vs the sum of its target rows |
//! | `resource.goal` | error | each goal row vs the sum of its objective rows |
//! | `resource.targets_total` | error | "Performans Hedefleri Toplamı" vs the sum of the target rows |
//! | `resource.unmatched` | warning | a resource-summary row without a goal, objective or target, or a target without a row |
//! | `resource.share_of_targets` | error / warning | printed share vs amount / "Performans Hedefleri Toplamı" × 100 |
//! | `resource.share_of_budget` | error / warning | printed share vs amount / "Toplam Bütçe" × 100 |
//! | `resource.total_budget` | error | targets total + general administration + transfers vs "Toplam Bütçe" |
//! | `economic.activities` | error | each economic code's (and off-budget source's) activities column vs the sum of that code over all activity cost tables |
//! | `economic.row_total` | error | activities + general administration + transfers vs the row's total, on every row |
//! | `economic.column_total` | error | each column of "Toplam Bütçe Kaynak İhtiyacı" vs codes 1–9, of the off-budget total vs its sources, of the grand total vs budget + off-budget |
//! | `narrative.targets_per_area` | error / warning | "… Stratejik Alanı’nda N adet performans hedefi" in the front matter vs the targets of the goals of that area (warning when the area is not found) |
//! | `narrative.targets_total` | error | "toplam N adet performans hedefi" in the front matter vs the number of targets |
//! | `narrative.activities` | warning / info | the numbered list of each target's activities in the front matter ("Performans Hedefi 1.1.1. … 1. … 2. …") vs the target's activity lines: names listed but not in the table, activities not listed, names spelled differently (info when only spacing, case or punctuation differ) |
//! | `narrative.budget` | error | the budget stated in words in the message ("45 milyar 100 milyon liralık bir bütçe") vs "Toplam Bütçe" |
//! | `code.parent` | warning | a goal, objective or target code that does not extend its parent's (`PH3.1` under `SH2.2`) |
//! | `code.indicator` | warning | an indicator code that does not belong to its target (`PG2.1.1` under target 1.1.1) |
//! | `budget.line.sum` | error | program-budget layout: on every activity printing Bütçe İçi and Bütçe Dışı rows, their sum vs its Toplam, column by column |
//! | `budget.total` | error | an alt program's total row (Toplam, and its Bütçe İçi / Bütçe Dışı rows where printed) vs the sum of its activities, column by column |
//! | `budget.economic` | error | an activity's economic lines vs its total (or its Bütçe İçi row, where the lines break down that row: see [`budget`]), column by column |
//! | `budget.summary.program` | error / warning | each row of the summary by program vs the activities of its program or alt program (matched by code, else by name), its total vs its program rows; a row without a block, or a block without a row, is a warning |
//! | `budget.summary.economic` | error | each row of the summary by economic code vs that code summed over the activities' economic lines, its total vs its rows |
//! | `budget.code.parent` | warning | an alt program or activity code that does not extend its parent's (`01.02.003` under `01.02` under `01`) |
//! | `budget.cross.name` | warning / info | a program or alt program named (or coded) otherwise in the summary by program than in its block (info when only spacing, case or punctuation differ) |
//! | `budget.duplicate` | error / warning | an indicator or activity printed twice in one alt program (same code or same name); error for an activity whose second printing carries a non-zero amount, which may be counted twice |
//! | `audit.not_run` | info | the checks that could not run because the document does not print a table they need, and why |
//! | `roundtrip.<field>` | error | a field of the source model vs the model ingested from the regenerated report ([`compare_models`], [`budget::compare_models`]); `<field>` is the top-level key (`goals`, `activity_costs`, `programs`, …) |
//!
//! The `budget.*` checks run on a program-budget document ([`budget::audit`]),
//! the others on a performance-target one ([`audit`]); `audit.not_run` and the
//! round trip on both. Their conventions are the same.
//!
//! `narrative.budget` reads the first front-matter section (the message) and
//! any section whose title mentions "sunuş", "başkan" or "mesaj"; other
//! sections may quote other years' budgets.

pub mod budget;
mod checks;
mod diff;
mod matching;
mod narrative;
mod report;
mod roundtrip;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::i18n::{self, Lang, Message};
use crate::model::{Layout, Programme};

pub use diff::{diff, Change, ChangeKind};
pub use report::{
    report_data, report_pdf, report_title, summarize, to_csv, to_json, to_xlsx, SummaryRow,
};
pub use roundtrip::compare_models;

/// The check ids of [`audit`] in report order, with a one-line description each.
pub const CHECKS: &[(&str, &str)] = &[
    (
        "target.line.sum",
        "activity line: budget + off-budget vs total",
    ),
    (
        "target.line.total_empty",
        "activity line: amounts printed, total empty",
    ),
    (
        "target.header",
        "table printing other indicator columns than the document's",
    ),
    (
        "target.total.budget",
        "activity lines' budget vs Genel Toplam",
    ),
    (
        "target.total.off_budget",
        "activity lines' off-budget vs Genel Toplam",
    ),
    (
        "target.total.total",
        "activity lines' total vs Genel Toplam",
    ),
    (
        "target.total.sum",
        "Genel Toplam: budget + off-budget vs total",
    ),
    (
        "cost.budget_total",
        "economic codes 1–8 vs Toplam Bütçe Kaynak İhtiyacı",
    ),
    (
        "cost.off_budget_total",
        "off-budget sources vs Toplam Bütçe Dışı Kaynak İhtiyacı",
    ),
    (
        "cost.total",
        "budget + off-budget totals vs Toplam Kaynak İhtiyacı",
    ),
    ("cost.row_not_printed", "cost table rows not printed at all"),
    (
        "cross.activity.amount",
        "activity line vs its activity cost table",
    ),
    (
        "cross.activity.name",
        "activity spelled differently across tables",
    ),
    (
        "cross.activity.target",
        "activity filed under another target",
    ),
    ("cross.activity.unmatched", "activity without a counterpart"),
    (
        "cross.responsibility.unmatched",
        "responsibilities row without a cost table, or vice versa",
    ),
    (
        "cross.units",
        "responsible units: responsibilities table vs cost table",
    ),
    (
        "cross.title",
        "title spelled differently in the cost tables, resource summary or front matter",
    ),
    (
        "cross.summary.activities",
        "targets total vs economic summary activities",
    ),
    (
        "cross.summary.general_administration",
        "general administration: resource vs economic summary",
    ),
    (
        "cross.summary.transfers",
        "transfers: resource vs economic summary",
    ),
    (
        "cross.summary.total",
        "total budget: resource vs economic summary",
    ),
    ("resource.target", "target row vs its table's Genel Toplam"),
    (
        "resource.objective",
        "objective row vs the sum of its targets",
    ),
    ("resource.goal", "goal row vs the sum of its objectives"),
    (
        "resource.targets_total",
        "Performans Hedefleri Toplamı vs the sum of the targets",
    ),
    (
        "resource.unmatched",
        "resource row without a target, or target without a row",
    ),
    (
        "resource.share_of_targets",
        "printed share of the targets total vs recomputed",
    ),
    (
        "resource.share_of_budget",
        "printed share of the total budget vs recomputed",
    ),
    (
        "resource.total_budget",
        "targets + general administration + transfers vs Toplam Bütçe",
    ),
    (
        "economic.activities",
        "activities column vs the sum over the cost tables",
    ),
    (
        "economic.row_total",
        "row: activities + general administration + transfers vs total",
    ),
    (
        "economic.column_total",
        "column totals vs the sum of their rows",
    ),
    (
        "narrative.targets_per_area",
        "front matter: targets per strategic area vs the tables",
    ),
    (
        "narrative.targets_total",
        "front matter: total number of targets vs the tables",
    ),
    (
        "narrative.activities",
        "front matter: each target's activity list vs its table",
    ),
    (
        "narrative.budget",
        "message: budget in words vs Toplam Bütçe",
    ),
    ("code.parent", "code that does not extend its parent's"),
    (
        "code.indicator",
        "indicator code that does not belong to its target",
    ),
    (
        "budget.line.sum",
        "activity: Bütçe İçi + Bütçe Dışı vs Toplam, per column",
    ),
    (
        "budget.total",
        "alt program's total row vs the sum of its activities",
    ),
    (
        "budget.economic",
        "activity's economic lines vs its total (or Bütçe İçi)",
    ),
    (
        "budget.summary.program",
        "summary by program vs the activities; its total vs its rows",
    ),
    (
        "budget.summary.economic",
        "summary by economic code vs the activities' economic lines",
    ),
    (
        "budget.code.parent",
        "alt program or activity code that does not extend its parent's",
    ),
    (
        "budget.cross.name",
        "program or alt program named otherwise in the summary",
    ),
    (
        "budget.duplicate",
        "indicator or activity printed twice in one alt program",
    ),
    ("audit.not_run", "checks that could not run, and why"),
];

/// The checks of [`CHECKS`] that run on a document of `layout`, in report
/// order: the `budget.*` checks on the program-budget layout, the others on
/// the performance-target layout, `audit.not_run` on both.
pub fn checks_for(layout: Layout) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    CHECKS.iter().filter(move |(id, _)| {
        let budget = id.starts_with("budget.");
        *id == "audit.not_run" || budget == (layout == Layout::ProgramBudget)
    })
}

/// The one-line description of a check in `lang`: what it compares (the
/// round trip's checks share one). An id the catalogue lacks gives the
/// English description of [`CHECKS`], or nothing.
pub fn check_description(lang: Lang, check: &str) -> String {
    let key = if check.starts_with("roundtrip.") {
        "check-roundtrip".to_string()
    } else {
        format!("check-{}", check.replace('.', "-"))
    };
    if i18n::has(lang, &key) {
        return i18n::text(lang, &key, &[]);
    }
    CHECKS
        .iter()
        .find(|(id, _)| *id == check)
        .map_or_else(String::new, |(_, d)| (*d).to_string())
}

/// How serious a finding is; errors make `perfprog audit` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A figure disagrees with the figures it must agree with.
    Error,
    /// A figure is missing, or names and labels disagree.
    Warning,
    /// A difference of typography only.
    Info,
}

impl Severity {
    /// The lower-case name used in JSON, CSV and the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Table ids used in [`Finding::table`].
pub mod table {
    /// A Performans Hedefi Tablosu.
    pub const TARGET: &str = "performance_target";
    /// A Faaliyet Maliyetleri Tablosu (in the program-budget layout, an
    /// alt program's cost table).
    pub const COST: &str = "activity_cost";
    /// İdarenin Toplam Kaynak İhtiyacı.
    pub const RESOURCE: &str = "resource_summary";
    /// Mali Yılı Toplam Kaynak İhtiyacı Tablosu.
    pub const ECONOMIC: &str = "economic_summary";
    /// Faaliyetlerden Sorumlu Harcama Birimlerine İlişkin Tablo.
    pub const RESPONSIBILITIES: &str = "responsibilities";
    /// The front matter (message, policies, …).
    pub const FRONT_MATTER: &str = "front_matter";
    /// Top-level model fields outside the tables (round trip).
    pub const MODEL: &str = "model";
    /// A program's or alt program's block (its heading, codes and names).
    pub const PROGRAM: &str = "program";
    /// An alt program's Performans Göstergeleri.
    pub const INDICATORS: &str = "indicators";
    /// An activity's breakdown by economic code.
    pub const ACTIVITY_ECONOMIC: &str = "activity_economic";
    /// Programlara / Alt Programlara Göre Kaynak Dağılımı.
    pub const PROGRAM_SUMMARY: &str = "program_summary";
    /// Ekonomik Sınıflandırmaya Göre Bütçe.
    pub const BUDGET_BY_ECONOMIC_CODE: &str = "budget_by_economic_code";

    /// Every table id, with `document` (the whole document).
    pub const ALL: [&str; 13] = [
        TARGET,
        COST,
        RESOURCE,
        ECONOMIC,
        RESPONSIBILITIES,
        FRONT_MATTER,
        MODEL,
        PROGRAM,
        INDICATORS,
        ACTIVITY_ECONOMIC,
        PROGRAM_SUMMARY,
        BUDGET_BY_ECONOMIC_CODE,
        "document",
    ];
}

/// One disagreement found by the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable dotted check id, e.g. `target.total.budget`.
    pub check: String,
    pub severity: Severity,
    /// The table holding the stated figure (see [`table`]).
    pub table: String,
    /// Performance-target code (or goal/objective code in the summaries).
    pub target: Option<String>,
    /// Activity name, or the row label in the summaries.
    pub activity: Option<String>,
    /// 1-based PDF page of the table, where the model records it.
    pub page: Option<u32>,
    /// The figure as printed.
    pub stated: Option<Decimal>,
    /// The figure it should equal, computed from other printed figures.
    pub computed: Option<Decimal>,
    /// `stated − computed`, when both are present.
    pub difference: Option<Decimal>,
    /// What was compared, in words, in the language of the run.
    pub message: String,
    /// The message's catalogue key and arguments (`message_id`,
    /// `message_args` in JSON), to show it in another language
    /// ([`Finding::message_in`]).
    #[serde(flatten)]
    pub text: Message,
}

impl Finding {
    /// A finding with no location or figures yet.
    pub fn new(check: &str, severity: Severity, table: &str) -> Finding {
        Finding {
            check: check.to_string(),
            severity,
            table: table.to_string(),
            target: None,
            activity: None,
            page: None,
            stated: None,
            computed: None,
            difference: None,
            message: String::new(),
            text: Message::default(),
        }
    }

    /// Sets the target code.
    pub fn target(mut self, code: impl Into<String>) -> Finding {
        self.target = Some(code.into());
        self
    }

    /// Sets the activity name or row label.
    pub fn activity(mut self, name: impl Into<String>) -> Finding {
        self.activity = Some(name.into());
        self
    }

    /// Sets the page.
    pub fn page(mut self, page: Option<u32>) -> Finding {
        self.page = page;
        self
    }

    /// Sets the stated and computed figures and their difference.
    pub fn figures(mut self, stated: Option<Decimal>, computed: Option<Decimal>) -> Finding {
        self.stated = stated;
        self.computed = computed;
        self.difference = match (stated, computed) {
            (Some(s), Some(c)) => Some(s - c),
            _ => None,
        };
        self
    }

    /// Sets the message (a catalogue [`Message`], or a text kept as it is),
    /// rendered in the process-wide language.
    pub fn message(mut self, text: impl Into<Message>) -> Finding {
        self.text = text.into();
        self.message = self.text.render(i18n::lang());
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        if self.text.key.is_empty() {
            self.message.clone()
        } else {
            self.text.render(lang)
        }
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }
}

/// Runs every check on `p`; findings in report order (see the module doc).
pub fn audit(p: &Programme) -> Vec<Finding> {
    let mut out = checks::run(p);
    out.extend(narrative::run(p));
    // Stable sort: check order of `CHECKS`, then the order the checks found them.
    out.sort_by_key(|f| check_rank(&f.check));
    out
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Position of a check id in [`CHECKS`]; unknown ids (round trip) sort last.
fn check_rank(check: &str) -> usize {
    CHECKS
        .iter()
        .position(|(id, _)| *id == check)
        .unwrap_or(CHECKS.len())
}
