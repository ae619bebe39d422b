//! Activity cost tables (Faaliyet Maliyetleri Tablosu): one small table per
//! activity, with the goal / objective / target it serves, the activity name,
//! the responsible units, economic codes 1–8, the off-budget sources and the
//! three totals. Each table is a list of labelled rows with one amount
//! column, so rows are read by label, and the amount is the last cell.

use rust_decimal::Decimal;

use crate::error::Warning;
use crate::model::{ActivityCost, Economic, OffBudget};
use crate::normalize::{join_lines, normalize_key, parse_number};

use crate::tables::lines::{after_keyword, leading_code, plain, Item};
use crate::tables::rows::split_text;

const TABLE: &str = "Faaliyet Maliyetleri Tablosu";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Heading,
    TargetCode,
    Name,
    Units,
    Amounts,
}

/// The amount rows, in order, with where each goes.
const ROWS: [(&str, Slot); 14] = [
    ("Personel Giderleri", Slot::Code(1)),
    (
        "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri",
        Slot::Code(2),
    ),
    ("Mal ve Hizmet Alım Giderleri", Slot::Code(3)),
    ("Faiz Giderleri", Slot::Code(4)),
    ("Cari Transferler", Slot::Code(5)),
    ("Sermaye Giderleri", Slot::Code(6)),
    ("Sermaye Transferleri", Slot::Code(7)),
    ("Borç Verme", Slot::Code(8)),
    ("Toplam Bütçe Kaynak İhtiyacı", Slot::BudgetTotal),
    ("Döner Sermaye", Slot::Revolving),
    ("Diğer Yurt İçi", Slot::Domestic),
    ("Yurt Dışı", Slot::Foreign),
    ("Toplam Bütçe Dışı Kaynak İhtiyacı", Slot::OffBudgetTotal),
    ("Toplam Kaynak İhtiyacı", Slot::Total),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Code(u8),
    BudgetTotal,
    Revolving,
    Domestic,
    Foreign,
    OffBudgetTotal,
    Total,
}

#[derive(Debug, Default)]
struct Draft {
    page: Option<u32>,
    target: String,
    name_lines: Vec<String>,
    unit_lines: Vec<String>,
    economic: Economic,
    budget_total: Option<Decimal>,
    off_budget: OffBudget,
    off_budget_total: Option<Decimal>,
    total: Option<Decimal>,
    seen_rows: usize,
}

/// Parses the activity cost tables.
pub fn parse(items: &[Item], warnings: &mut Vec<Warning>) -> Vec<ActivityCost> {
    let mut out = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut part = Part::Heading;
    let keys: Vec<String> = ROWS.iter().map(|(l, _)| normalize_key(l)).collect();
    let warn = |w: &mut Vec<Warning>, page, message: String| {
        w.push(Warning {
            page,
            table: TABLE.into(),
            message,
        })
    };
    for it in items {
        if it.is_blank() {
            continue;
        }
        let text = plain(it.text());
        if text == TABLE {
            continue;
        }
        // "Amaç 1. …" (or "Amaç" alone, the code on the next line) opens a new table.
        if let Some(rest) =
            after_keyword(&text, "Amaç").or_else(|| after_keyword(&text, "Stratejik Amaç"))
        {
            if leading_code(rest, 1).is_some() || rest.trim().is_empty() {
                if let Some(d) = draft.take() {
                    finish(d, &mut out, warnings);
                }
                draft = Some(Draft {
                    page: it.page,
                    ..Draft::default()
                });
                part = Part::Heading;
                continue;
            }
        }
        let Some(d) = draft.as_mut() else {
            // Before the first table: the strategic-area heading (e.g. ALTYAPI).
            if !is_theme(&text) {
                warn(
                    warnings,
                    it.page,
                    format!("text outside any cost table: {text:?}"),
                );
            }
            continue;
        };
        match part {
            Part::Heading | Part::TargetCode => {
                if let Some(rest) = after_keyword(&text, "Performans Hedefi") {
                    part = Part::TargetCode;
                    if let Some((code, _)) = leading_code(rest, 3) {
                        d.target = code;
                    }
                    continue;
                }
                if part == Part::TargetCode && d.target.is_empty() {
                    if let Some((code, _)) = leading_code(&text, 3) {
                        d.target = code;
                        continue;
                    }
                }
                if let Some(rest) = after_keyword(&text, "Faaliyet Adı") {
                    part = Part::Name;
                    if !rest.trim().is_empty() {
                        d.name_lines.push(rest.trim().to_string());
                    }
                }
                // Other heading lines (objective, wrapped titles) carry nothing new.
            }
            Part::Name => {
                if let Some(rest) = after_keyword(&text, "Sorumlu Harcama") {
                    part = Part::Units;
                    let rest = strip_unit_labels(rest);
                    if !rest.is_empty() {
                        d.unit_lines.push(rest);
                    }
                } else {
                    d.name_lines.push(text);
                }
            }
            Part::Units => {
                if after_keyword(&text, "Ekonomik Kod").is_some() {
                    part = Part::Amounts;
                } else {
                    let rest = strip_unit_labels(&text);
                    if !rest.is_empty() {
                        d.unit_lines.push(rest);
                    }
                }
            }
            Part::Amounts => {
                let (row, found) = split_text(&it.line.text(), 1, |t| parse_number(t).is_some());
                let label = row
                    .label
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                let key = normalize_key(label);
                let Some(k) = keys.iter().position(|x| *x == key) else {
                    warn(
                        warnings,
                        it.page,
                        format!(
                            "unrecognised row in the cost table of {:?}: {text:?}",
                            join_lines(&d.name_lines)
                        ),
                    );
                    continue;
                };
                let amount = if found == 1 {
                    row.values[0].as_deref().and_then(parse_number)
                } else {
                    None
                };
                d.seen_rows += 1;
                match ROWS[k].1 {
                    Slot::Code(c) => {
                        if let Some(s) = d.economic.get_mut(c) {
                            *s = amount;
                        }
                    }
                    Slot::BudgetTotal => d.budget_total = amount,
                    Slot::Revolving => d.off_budget.revolving_fund = amount,
                    Slot::Domestic => d.off_budget.other_domestic = amount,
                    Slot::Foreign => d.off_budget.foreign = amount,
                    Slot::OffBudgetTotal => d.off_budget_total = amount,
                    Slot::Total => {
                        d.total = amount;
                        if let Some(d) = draft.take() {
                            finish(d, &mut out, warnings);
                        }
                        part = Part::Heading;
                    }
                }
            }
        }
    }
    if let Some(d) = draft.take() {
        finish(d, &mut out, warnings);
    }
    out
}

/// A strategic-area heading in capitals (`ALTYAPI`, `YAŞAYARAK ÖĞRENME ve
/// KURUMSAL KAPASİTE`): every word in capitals but short conjunctions.
fn is_theme(text: &str) -> bool {
    let mut caps = 0;
    for w in text.split_whitespace() {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() {
            continue;
        }
        if letters.iter().all(|c| c.is_uppercase()) {
            caps += 1;
        } else if !matches!(w, "ve" | "ile" | "veya") {
            return false;
        }
    }
    caps > 0
}

/// Removes the label words of the units row ("Sorumlu Harcama Birimi veya
/// Birimleri"), which a PDF may print on the same lines as the units.
fn strip_unit_labels(text: &str) -> String {
    let mut t = text.trim().to_string();
    for label in ["Sorumlu Harcama", "Birimi veya Birimleri"] {
        if let Some(rest) = after_keyword(&t, label) {
            t = rest.trim().to_string();
        }
    }
    t
}

fn finish(d: Draft, out: &mut Vec<ActivityCost>, warnings: &mut Vec<Warning>) {
    let activity = join_lines(&d.name_lines);
    let units = crate::tables::units::split_units(&join_lines(&d.unit_lines));
    if d.target.is_empty() || activity.is_empty() || d.seen_rows == 0 {
        warnings.push(Warning {
            page: d.page,
            table: TABLE.into(),
            message: format!(
                "incomplete cost table (target {:?}, activity {:?}, {} amount rows)",
                d.target, activity, d.seen_rows
            ),
        });
        if d.target.is_empty() && activity.is_empty() {
            return;
        }
    }
    out.push(ActivityCost {
        target: d.target,
        activity,
        units,
        page: d.page,
        economic: d.economic,
        budget_total: d.budget_total,
        off_budget: d.off_budget,
        off_budget_total: d.off_budget_total,
        total: d.total,
    });
}
