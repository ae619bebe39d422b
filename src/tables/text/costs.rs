//! Activity cost tables (Faaliyet Maliyetleri Tablosu) of text input: one
//! small table per activity, with the goal / objective / target it serves,
//! the activity name, the responsible units, economic codes 1–8, the
//! off-budget sources and the three totals. Each table is a list of
//! labelled rows with one amount column, so rows are read by label, and the
//! amount is the last cell. The rows' vocabulary and the table's assembly
//! are the row recogniser's ([`crate::tables::costs`]).

use crate::error::Warning;
use crate::model::ActivityCost;
use crate::normalize::parse_number;

use crate::tables::costs::{finish, is_theme, slot_of, Draft, Slot, TABLE};
use crate::tables::lines::{after_keyword, leading_code, plain, Item};
use crate::tables::rows::split_text;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Heading,
    TargetCode,
    Name,
    Units,
    Amounts,
}

/// Parses the activity cost tables.
pub fn parse(items: &[Item], warnings: &mut Vec<Warning>) -> Vec<ActivityCost> {
    let mut out = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut part = Part::Heading;
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
                let Some(slot) = slot_of(&row.label) else {
                    warn(
                        warnings,
                        it.page,
                        format!(
                            "unrecognised row in the cost table of {:?}: {text:?}",
                            d.activity()
                        ),
                    );
                    continue;
                };
                let amount = if found == 1 {
                    row.values[0].as_deref().and_then(parse_number)
                } else {
                    None
                };
                d.set(slot, amount);
                if slot == Slot::Total {
                    if let Some(d) = draft.take() {
                        finish(d, &mut out, warnings);
                    }
                    part = Part::Heading;
                }
            }
        }
    }
    if let Some(d) = draft.take() {
        finish(d, &mut out, warnings);
    }
    out
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
