//! Checkable facts in the front matter's prose: the number of performance
//! targets per strategic area, the budget stated in words in the message, and
//! the numbered list of each target's activities that precedes the tables.
//!
//! Text is compared through [`normalize_key`], so casing, apostrophe variants
//! and spacing do not matter. Only figures written with digits are read
//! ("4 adet", "45 milyar 100 milyon"), not numbers spelled as words.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::checks::part;
use super::{table, Finding, Severity};
use crate::model::{Block, Level, Programme, Section};
use crate::msg;
use crate::normalize::{format_number, normalize_key, parse_number};

/// Runs the narrative checks.
pub fn run(p: &Programme) -> Vec<Finding> {
    let mut out = Vec::new();
    targets_per_area(p, &mut out);
    budget(p, &mut out);
    activity_lists(p, &mut out);
    out
}

/// The texts of a section: paragraphs and list items.
fn texts(s: &Section) -> impl Iterator<Item = &str> {
    s.blocks.iter().flat_map(|b| -> Vec<&str> {
        match b {
            Block::Paragraph { text } => vec![text.as_str()],
            Block::List { items } => items.iter().map(String::as_str).collect(),
            Block::Table { .. } => Vec::new(),
        }
    })
}

/// Words of a normalised key, with punctuation trimmed from both ends
/// (apostrophes inside a word and number punctuation are kept).
fn words(key: &str) -> Vec<String> {
    key.split(' ')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn targets_per_area(p: &Programme, out: &mut Vec<Finding>) {
    // Area key → (area as printed in the tables, number of targets).
    let mut areas: Vec<(Vec<String>, String, usize)> = Vec::new();
    let mut index: HashMap<Vec<String>, usize> = HashMap::new();
    for g in &p.goals {
        let Some(theme) = g.theme.as_deref() else {
            continue;
        };
        let key = words(&normalize_key(theme));
        if key.is_empty() {
            continue;
        }
        let n: usize = g.objectives.iter().map(|o| o.targets.len()).sum();
        match index.get(&key) {
            Some(&i) => areas[i].2 += n,
            None => {
                index.insert(key.clone(), areas.len());
                areas.push((key, theme.to_string(), n));
            }
        }
    }
    let total = p.targets().count();

    for s in &p.front_matter {
        for text in texts(s) {
            let w = words(&normalize_key(text));
            for i in 0..w.len() {
                let Some(n) = count_at(&w, i) else { continue };
                let base = Finding::new(
                    "narrative.targets_per_area",
                    Severity::Error,
                    table::FRONT_MATTER,
                )
                .page(s.page);
                if i >= 1 && w[i - 1] == "toplam" {
                    if n != total {
                        out.push(
                            Finding {
                                check: "narrative.targets_total".into(),
                                ..base
                            }
                            .activity(&s.title)
                            .figures(Some(Decimal::from(n)), Some(Decimal::from(total)))
                            .message(msg!(
                                "finding-narrative-total",
                                section = &s.title,
                                stated = n,
                                count = total
                            )),
                        );
                    }
                    continue;
                }
                // "… <area> stratejik alanı'nda N adet performans hedefi …"
                if i < 2 || w[i - 2] != "stratejik" || !w[i - 1].starts_with("alan") {
                    continue;
                }
                let before = &w[..i - 2];
                let found = areas
                    .iter()
                    .filter(|(key, _, _)| before.ends_with(key))
                    .max_by_key(|(key, _, _)| key.len());
                match found {
                    Some((_, theme, count)) => {
                        if *count != n {
                            out.push(
                                base.activity(theme.as_str())
                                    .figures(Some(Decimal::from(n)), Some(Decimal::from(*count)))
                                    .message(msg!(
                                        "finding-narrative-area",
                                        section = &s.title,
                                        stated = n,
                                        area = theme.to_string(),
                                        count = *count
                                    )),
                            );
                        }
                    }
                    None => {
                        let from = before.len().saturating_sub(4);
                        let area = before[from..].join(" ");
                        out.push(
                            base.severity(Severity::Warning)
                                .activity(area.as_str())
                                .figures(Some(Decimal::from(n)), None)
                                .message(msg!(
                                    "finding-narrative-area-unknown",
                                    section = &s.title,
                                    stated = n,
                                    area = area.to_string()
                                )),
                        );
                    }
                }
            }
        }
    }
}

/// `N` when the words at `i` read "N adet performans hedef…".
fn count_at(w: &[String], i: usize) -> Option<usize> {
    if i + 3 >= w.len() {
        return None;
    }
    if w[i + 1] != "adet" || w[i + 2] != "performans" || !w[i + 3].starts_with("hedef") {
        return None;
    }
    if !w[i].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w[i].parse().ok()
}

/// Multiplier of a Turkish scale word.
fn scale(word: &str) -> Option<Decimal> {
    Some(match word {
        "bin" => Decimal::from(1_000u64),
        "milyon" => Decimal::from(1_000_000u64),
        "milyar" => Decimal::from(1_000_000_000u64),
        "trilyon" => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

/// Whether a word names the currency ("lira", "liralık", "tl", "₺").
fn is_currency(word: &str) -> bool {
    word.starts_with("lira") || word == "tl" || word == "try" || word == "₺"
}

/// The amount written in the words just before `end`, and where it starts:
/// `45 milyar 100 milyon` → 45.100.000.000; `45.100.000.000,00` → itself.
fn amount_before(w: &[String], end: usize) -> Option<(Decimal, usize)> {
    let mut start = end;
    while start > 0 && (parse_number(&w[start - 1]).is_some() || scale(&w[start - 1]).is_some()) {
        start -= 1;
    }
    let mut total = Decimal::ZERO;
    let mut pending: Option<Decimal> = None;
    let mut any = false;
    for word in &w[start..end] {
        if let Some(m) = scale(word) {
            total += pending.take().unwrap_or(Decimal::ONE) * m;
        } else if let Some(n) = parse_number(word) {
            total += pending.take().unwrap_or_default();
            pending = Some(n);
            any = true;
        }
    }
    total += pending.unwrap_or_default();
    any.then_some((total, start))
}

fn budget(p: &Programme, out: &mut Vec<Finding>) {
    let reference = p
        .resource_summary
        .as_ref()
        .and_then(|r| r.total_budget.amount)
        .or(p
            .economic_summary
            .as_ref()
            .and_then(|e| e.grand_total.total));
    let Some(reference) = reference else { return };
    let also = p
        .economic_summary
        .as_ref()
        .and_then(|e| e.budget_total.total);
    for (k, s) in p.front_matter.iter().enumerate() {
        let title = normalize_key(&s.title);
        let is_message = k == 0
            || ["sunuş", "başkan", "mesaj"]
                .iter()
                .any(|t| title.contains(t));
        if !is_message {
            continue;
        }
        for text in texts(s) {
            let w = words(&normalize_key(text));
            for i in 0..w.len() {
                if !is_currency(&w[i]) {
                    continue;
                }
                let Some((amount, start)) = amount_before(&w, i) else {
                    continue;
                };
                let near = |r: std::ops::Range<usize>| {
                    w[r.start.min(w.len())..r.end.min(w.len())]
                        .iter()
                        .any(|x| x.starts_with("bütçe"))
                };
                if !near(i + 1..i + 5) && !near(start.saturating_sub(4)..start) {
                    continue;
                }
                if amount == reference || Some(amount) == also {
                    continue;
                }
                out.push(
                    Finding::new("narrative.budget", Severity::Error, table::FRONT_MATTER)
                        .activity(&s.title)
                        .page(s.page)
                        .figures(Some(amount), Some(reference))
                        .message(msg!(
                            "finding-narrative-budget",
                            section = &s.title,
                            stated = format_number(&amount),
                            words = w[start..=i].join(" "),
                            computed = format_number(&reference)
                        )),
                );
            }
        }
    }
}

/// Headings of the plan hierarchy as printed before a code.
const PLAN_HEADINGS: [&str; 3] = ["Stratejik Amaç", "Stratejik Hedef", "Performans Hedefi"];

/// A plan heading found in a text: which one, its code, where it starts and
/// where the text after it starts.
struct Heading {
    kind: usize,
    code: String,
    start: usize,
    end: usize,
}

/// Every "Stratejik Amaç 1.", "Stratejik Hedef 1.1." and "Performans Hedefi
/// 1.1.1." in `text`, in order. The dot after the code and the space after
/// it are optional (`4.4.Güvenliğin`).
fn plan_headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let next = PLAN_HEADINGS
            .iter()
            .enumerate()
            .filter_map(|(k, h)| text[from..].find(h).map(|i| (from + i, k, h.len())))
            .min();
        let Some((start, kind, len)) = next else {
            break;
        };
        let rest = &text[start + len..];
        let trimmed = rest.trim_start();
        let mut code_len = 0;
        let bytes = trimmed.as_bytes();
        while code_len < bytes.len()
            && (bytes[code_len].is_ascii_digit()
                || (bytes[code_len] == b'.'
                    && code_len + 1 < bytes.len()
                    && bytes[code_len + 1].is_ascii_digit()
                    && code_len > 0))
        {
            code_len += 1;
        }
        if code_len == 0 {
            from = start + len;
            continue;
        }
        let code = trimmed[..code_len].to_string();
        let mut after = &trimmed[code_len..];
        after = after.strip_prefix('.').unwrap_or(after);
        after = after.trim_start_matches([' ', '\t', ':']);
        let end = text.len() - after.len();
        out.push(Heading {
            kind,
            code,
            start,
            end,
        });
        from = end;
    }
    out
}

/// Splits a list region into items: one per line, and inside a line at an
/// inline enumeration " N. " where N is the next item's number (so "2. Etap"
/// inside the tenth item's name stays).
fn list_items(region: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in region.split('\n') {
        let mut rest = line.trim();
        // A leading "N. " where N is this item's number.
        let lead = format!("{}. ", items.len() + 1);
        if let Some(r) = rest.strip_prefix(lead.as_str()) {
            rest = r.trim_start();
        }
        // An inline " N. " where N is the number of the item after this one.
        loop {
            let marker = format!(" {}. ", items.len() + 2);
            let Some(i) = rest.find(marker.as_str()) else {
                break;
            };
            items.push(rest[..i].trim().to_string());
            rest = rest[i + marker.len()..].trim_start();
        }
        if !rest.is_empty() {
            items.push(rest.to_string());
        }
    }
    items.retain(|i| !i.is_empty());
    items
}

/// Where the title ends in `region` (matched on letters and digits), or
/// `None` when the region does not start with the title.
fn after_title(region: &str, title: &str) -> Option<usize> {
    let want = loose(title);
    let mut got = String::new();
    for (i, c) in region.char_indices() {
        if c.is_alphanumeric() {
            got.push_str(&crate::normalize::to_lower_tr(&c.to_string()));
        }
        if got == want {
            return Some(i + c.len_utf8());
        }
        if !want.starts_with(&got) {
            break;
        }
    }
    None
}

fn loose(s: &str) -> String {
    super::matching::loose_key(&normalize_key(s))
}

/// The front matter's outline of the plan ("Stratejik Amaç 1. …",
/// "Performans Hedefi 1.1.1. …" followed by the numbered activities): titles
/// vs the performance-target tables (`cross.title`), and each target's list
/// of activities vs its table (`narrative.activities`).
fn activity_lists(p: &Programme, out: &mut Vec<Finding>) {
    let mut titles: HashMap<(usize, &str), &str> = HashMap::new();
    let mut targets: HashMap<&str, &crate::model::Target> = HashMap::new();
    for g in &p.goals {
        titles.insert((0, g.code.as_str()), &g.title);
        for o in &g.objectives {
            titles.insert((1, o.code.as_str()), &o.title);
            for t in &o.targets {
                titles.insert((2, t.code.as_str()), &t.title);
                targets.insert(t.code.as_str(), t);
            }
        }
    }
    let levels = [Level::Goal, Level::Objective, Level::Target];
    for s in &p.front_matter {
        let text = texts(s).collect::<Vec<_>>().join("\n");
        let heads = plan_headings(&text);
        let place = msg!("place-section", section = &s.title);
        for (k, h) in heads.iter().enumerate() {
            let Some(title) = titles.get(&(h.kind, h.code.as_str())) else {
                continue;
            };
            let end = heads.get(k + 1).map_or(text.len(), |n| n.start);
            let region = &text[h.end..end];
            // The title runs to the end of its line, or (a target's) to where
            // its letters end when the activities follow on the same line.
            let title_end = after_title(region, title)
                .filter(|_| h.kind == 2)
                .unwrap_or_else(|| region.find('\n').unwrap_or(region.len()));
            let printed = region[..title_end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(f) = super::checks::title_finding(
                levels[h.kind],
                &h.code,
                &printed,
                title,
                (table::FRONT_MATTER, place.clone()),
            ) {
                out.push(f.page(s.page));
            }
            if h.kind != 2 {
                continue;
            }
            let items = list_items(&region[title_end..]);
            if !items.is_empty() {
                compare_list(s, targets[h.code.as_str()], &items, out);
            }
        }
    }
}

fn compare_list(s: &Section, t: &crate::model::Target, items: &[String], out: &mut Vec<Finding>) {
    use super::matching::{pair, How, Item};
    let left: Vec<Item<'_>> = items
        .iter()
        .map(|n| Item {
            target: &t.code,
            name: n,
        })
        .collect();
    let right: Vec<Item<'_>> = t
        .activities
        .iter()
        .map(|a| Item {
            target: &t.code,
            name: &a.name,
        })
        .collect();
    let pairing = pair(&left, &right);
    let base = |severity, activity: &str| {
        Finding::new("narrative.activities", severity, table::FRONT_MATTER)
            .target(&t.code)
            .activity(activity)
            .page(s.page)
    };
    for (i, j, how) in pairing.pairs {
        let (listed, name) = (&items[i], &t.activities[j].name);
        if listed == name {
            continue;
        }
        let (severity, only) = if how == How::Spelling {
            (Severity::Warning, part(None))
        } else {
            (Severity::Info, msg!("part-typography-only"))
        };
        out.push(base(severity, name).message(msg!(
            "finding-narrative-spelled",
            section = &s.title,
            listed = listed,
            target = &t.code,
            name = name,
            only = only
        )));
    }
    for i in pairing.left_only {
        out.push(base(Severity::Warning, &items[i]).message(msg!(
            "finding-narrative-not-in-table",
            section = &s.title,
            listed = &items[i],
            target = &t.code
        )));
    }
    for j in pairing.right_only {
        let name = &t.activities[j].name;
        out.push(base(Severity::Warning, name).message(msg!(
            "finding-narrative-not-listed",
            name = name,
            target = &t.code,
            section = &s.title
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(&normalize_key(s))
    }

    #[test]
    fn reads_amounts_in_words() {
        let v = w("Gelecek yıl, 45 milyar 100 milyon liralık bir bütçe ile");
        let i = v.iter().position(|x| x == "liralık").unwrap();
        let (a, start) = amount_before(&v, i).unwrap();
        assert_eq!(a, Decimal::from(45_100_000_000u64));
        assert_eq!(v[start], "45");
        let v = w("bütçemiz 45,1 milyar TL");
        let (a, _) = amount_before(&v, 3).unwrap();
        assert_eq!(a, Decimal::from(45_100_000_000u64));
        let v = w("toplam 45.100.000.000,00 TL bütçe");
        let (a, _) = amount_before(&v, 2).unwrap();
        assert_eq!(a, Decimal::from(45_100_000_000u64));
    }

    #[test]
    fn finds_plan_headings() {
        let text =
            "Stratejik Amaç 1. Altyapı Performans Hedefi 1.1.1. Yol\nStratejik Hedef 4.4.Güvenlik";
        let h = plan_headings(text);
        let got: Vec<(usize, &str, &str)> = h
            .iter()
            .map(|h| (h.kind, h.code.as_str(), &text[h.end..]))
            .collect();
        assert_eq!(got[0].1, "1");
        assert_eq!(got[1], (2, "1.1.1", "Yol\nStratejik Hedef 4.4.Güvenlik"));
        assert_eq!(got[2], (1, "4.4", "Güvenlik"));
        assert!(plan_headings("Performans Hedefi Tablosu").is_empty());
    }

    #[test]
    fn splits_list_items() {
        assert_eq!(
            list_items("A\nB 3. C\n4. D\nE 2. Etap F"),
            vec!["A", "B", "C", "D", "E 2. Etap F"]
        );
        assert_eq!(
            after_title("Kent İmarı\nA", "Kent imarı"),
            Some("Kent İmarı".len())
        );
        assert_eq!(after_title("Kent Planı\nA", "Kent imarı"), None);
    }

    #[test]
    fn reads_counts() {
        let v = w("Altyapı Stratejik Alanı’nda 4 adet performans hedefi geliştirilmiştir.");
        assert_eq!(count_at(&v, 3), Some(4));
        assert_eq!(v[1], "stratejik");
        assert!(v[2].starts_with("alan"));
    }
}
