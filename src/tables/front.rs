//! Front matter: everything before the first performance-target table —
//! the message, mission / vision / principles, the legal duties tables
//! (Yasal Yükümlülük | Dayanak), organisation, resources, policies — as
//! sections of paragraphs, lists and tables.
//!
//! Only the printed lines are used (not fonts, pages or blank lines), so a
//! PDF and its text export give the same sections:
//! - a paragraph runs until a line ends a sentence (`.`, `!`, `?`, `:`);
//! - a line that starts with a bullet (`▶`, `•`, `-`, …) or a number (`1.`)
//!   starts a list item; short capitalised lines in a row form a list;
//! - a short title-cased line between blocks is a section heading;
//! - the legal duties tables start at their "Yasal Yükümlülük Dayanak"
//!   header; a row ends with its legal reference (`5216 s.K.m.7/a`).

use crate::error::Warning;
use crate::model::{Block, Section};
use crate::normalize::{self, join_lines};

use super::lines::{plain, Item};

const BULLETS: &[char] = &[
    '▶', '➢', '•', '●', '▪', '◆', '✓', '►', '■', '□', '-', '–', '\u{f0a7}', '\u{f0d8}',
];

/// A legal duties table being read: header, rows, the current row's lines.
type TableDraft = (Vec<String>, Vec<Vec<String>>, Vec<String>);

struct Doc {
    sections: Vec<Section>,
    para: Vec<String>,
    list: Vec<Vec<String>>,
    table: Option<TableDraft>,
    /// The previous line ended a block (or there is none).
    at_break: bool,
}

impl Doc {
    fn section(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section {
                title: String::new(),
                page: None,
                blocks: Vec::new(),
            });
        }
        self.sections.last_mut().expect("a section")
    }

    fn flush_para(&mut self) {
        if !self.para.is_empty() {
            let text = join_lines(&self.para);
            self.para.clear();
            if !text.is_empty() {
                self.section().blocks.push(Block::Paragraph { text });
            }
        }
    }

    fn flush_list(&mut self) {
        if !self.list.is_empty() {
            let items: Vec<String> = self
                .list
                .drain(..)
                .map(|l| join_lines(&l))
                .filter(|t| !t.is_empty())
                .collect();
            if !items.is_empty() {
                self.section().blocks.push(Block::List { items });
            }
        }
    }

    fn flush_table(&mut self) {
        if let Some((header, mut rows, pending)) = self.table.take() {
            if !pending.is_empty() {
                rows.push(vec![join_lines(&pending), String::new()]);
            }
            self.section().blocks.push(Block::Table { header, rows });
        }
    }

    fn flush_all(&mut self) {
        self.flush_para();
        self.flush_list();
        self.flush_table();
    }
}

/// Parses the front matter.
pub fn parse(items: &[Item], _warnings: &mut Vec<Warning>) -> Vec<Section> {
    let mut kept: Vec<&Item> = items
        .iter()
        .filter(|i| !i.is_blank())
        .filter(|i| !plain(&i.line.text()).is_empty())
        .collect();
    let cover = cover_lines(&kept);
    kept.drain(..cover);
    let items_of = &kept;
    let lines: Vec<(String, Option<u32>)> = kept
        .iter()
        .map(|i| (plain(&i.line.text()), i.page))
        .collect();
    // A printing that sets its headings larger than its body text shows its
    // structure by type and space: headings are the larger lines, and
    // blocks end at gaps. A flat one (one size throughout, as a text
    // export) is read by the wording: headings by their words, paragraphs
    // ending with a sentence.
    let body = usual_size(&kept);
    let sized = kept.iter().any(|i| is_sized_heading(i, body));
    let texts: Vec<String> = lines.iter().map(|l| l.0.clone()).collect();
    let spaced = if sized {
        spaced_after(&kept, &texts)
    } else {
        None
    };
    let heading = |k: usize, text: &str, next: &str| {
        if sized {
            is_sized_heading(kept[k], body) && strip_bullet(text).is_none()
        } else {
            is_heading(text, next)
        }
    };
    let mut doc = Doc {
        sections: Vec::new(),
        para: Vec::new(),
        list: Vec::new(),
        table: None,
        at_break: true,
    };
    let mut skip_to = 0;
    for (k, (text, page)) in lines.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        let next = lines.get(k + 1).map(|(t, _)| t.as_str()).unwrap_or("");
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        if is_table_header(text) {
            if doc.table.is_none() {
                doc.flush_para();
                doc.flush_list();
                doc.table = Some((
                    vec!["Yasal Yükümlülük".into(), "Dayanak".into()],
                    Vec::new(),
                    Vec::new(),
                ));
            }
            doc.at_break = true;
            continue;
        }
        // A table read as cells: a header row and the rows under it with
        // as many cells.
        if doc.table.is_none() {
            if let Some((table, end)) = cell_table(&kept, k) {
                doc.flush_para();
                doc.flush_list();
                doc.section().blocks.push(table);
                doc.at_break = true;
                skip_to = end;
                continue;
            }
        }
        if let Some((_, rows, pending)) = doc.table.as_mut() {
            // A table row read as cells: the duty, and its references
            // stacked in a cell of their own.
            if let Some((duty, reference)) = row_cells(items_of[k]) {
                pending.push(duty);
                rows.push(vec![join_lines(pending), reference]);
                pending.clear();
                doc.at_break = true;
                continue;
            }
            if let Some((body, reference)) = split_reference(text) {
                if !body.is_empty() {
                    pending.push(body);
                }
                let row_text = join_lines(pending);
                pending.clear();
                if row_text.is_empty() {
                    // A reference alone: it belongs to the row above.
                    if let Some(last) = rows.last_mut() {
                        if last[1].is_empty() {
                            last[1] = reference;
                        } else {
                            last[1] = format!("{}, {reference}", last[1]);
                        }
                    }
                } else {
                    rows.push(vec![row_text, reference]);
                }
                doc.at_break = true;
                continue;
            }
            let ends_table = text.starts_with('*') || heading(k, text, next);
            if pending.is_empty() && doc.at_break && ends_table {
                doc.flush_table();
            } else {
                pending.push(text.clone());
                doc.at_break = false;
                continue;
            }
        }
        // Whether the block ends after this line: at a gap, where the
        // printing spaces its blocks; else at the end of a sentence.
        let ends_block = spaced
            .as_ref()
            .and_then(|s| s[k])
            .unwrap_or_else(|| ends_sentence(text));
        if sized && heading(k, text, next) {
            // A heading wrapped onto a second line: right under another.
            let prev_heading = k > 0
                && heading(k - 1, &lines[k - 1].0, text)
                && kept[k - 1].page == kept[k].page
                && kept[k].line.y - kept[k - 1].line.y <= 1.5 * kept[k].line.size;
            if prev_heading && doc.para.is_empty() && doc.list.is_empty() {
                if let Some(s) = doc.sections.last_mut().filter(|s| s.blocks.is_empty()) {
                    s.title = normalize::clean(&format!("{} {text}", s.title));
                    continue;
                }
            }
        }
        if (sized || doc.at_break && doc.para.is_empty()) && heading(k, text, next) {
            doc.flush_all();
            doc.sections.push(Section {
                title: normalize::clean(text),
                page: *page,
                blocks: Vec::new(),
            });
            doc.at_break = true;
            continue;
        }
        let bullet = strip_bullet(text);
        if let Some(item) = bullet {
            doc.flush_para();
            doc.list.push(vec![item]);
            doc.at_break = ends_block;
            continue;
        }
        if !doc.list.is_empty() && !doc.at_break {
            // A list item wraps onto this line.
            if let Some(last) = doc.list.last_mut() {
                last.push(text.clone());
            }
            doc.at_break = ends_block;
            continue;
        }
        // A short capitalised line followed by another: a list of short items
        // (principles, district names).
        let short_item = doc.para.is_empty()
            && spaced.as_ref().is_none_or(|s| s[k].unwrap_or(true))
            && !ends_sentence(text)
            && !next_lower
            && text.chars().count() <= 60
            && text.chars().next().is_some_and(char::is_uppercase);
        if short_item {
            doc.list.push(vec![text.clone()]);
            doc.at_break = true;
            continue;
        }
        doc.flush_list();
        doc.para.push(text.clone());
        let ends_para = match spaced.as_ref().and_then(|s| s[k]) {
            Some(gap) => gap,
            None => ends_sentence(text) && !next_lower,
        };
        if ends_para {
            doc.flush_para();
            doc.at_break = true;
        } else {
            doc.at_break = false;
        }
    }
    doc.flush_all();
    // Sections without content that are followed by another heading were
    // divider pages: drop them. The text before the first heading (the
    // message) is a section with an empty title: the source prints none.
    doc.sections
        .into_iter()
        .filter(|s| !s.blocks.is_empty())
        .collect()
}

/// A table printed as cells from `items[k]`: a header row of two or more
/// short labels, then at least one row with as many cells on the same
/// page or the next. The table block and the index after its last row.
fn cell_table(items: &[&Item], k: usize) -> Option<(Block, usize)> {
    let head = &items[k].line.cells;
    let n = head.len();
    let label = |t: &str| {
        let words = t.split_whitespace().count();
        (1..=6).contains(&words) && !t.chars().any(|c| c.is_ascii_digit())
    };
    if n < 2 || !head.iter().all(|c| label(&c.text.replace('\n', " "))) {
        return None;
    }
    let cells = |it: &Item| -> Vec<String> {
        it.line
            .cells
            .iter()
            .map(|c| plain(&super::rows_of::cell_text(&c.text)))
            .collect()
    };
    let mut rows = Vec::new();
    let mut end = k + 1;
    while end < items.len() && items[end].line.cells.len() == n {
        let same_columns = items[end]
            .line
            .cells
            .iter()
            .zip(head)
            .all(|(a, b)| a.x0 < b.x1 && b.x0 < a.x1);
        if !same_columns {
            break;
        }
        rows.push(cells(items[end]));
        end += 1;
    }
    (!rows.is_empty()).then(|| {
        (
            Block::Table {
                header: cells(items[k]),
                rows,
            },
            end,
        )
    })
}

/// The cover: a first page holding only a few short lines — the
/// administration, the year and the document's title ("… Performans
/// Programı"). How many lines it has; 0 when the first page is more.
fn cover_lines(items: &[&Item]) -> usize {
    let Some(first) = items.first() else {
        return 0;
    };
    // Text input has no pages to tell a cover by.
    if first.page.is_none() {
        return 0;
    }
    let n = items.iter().take_while(|i| i.page == first.page).count();
    let texts: Vec<String> = items[..n].iter().map(|i| plain(&i.line.text())).collect();
    let short = texts.iter().all(|t| t.split_whitespace().count() <= 8);
    let titled = texts
        .iter()
        .any(|t| crate::tables::header::key(t).contains("performans program"));
    if n <= 6 && short && titled {
        n
    } else {
        0
    }
}

/// Where the printing sets its blocks apart by vertical space (paragraph
/// spacing; blank lines in a text export): for each line, whether its
/// block ends after it. A block ends at a gap wider than the line pitch
/// after a line that ends a sentence or stops short of the page's full
/// lines (a paragraph's last line; a gap after a full line is a page's
/// figure or a table row's spacing, not a block's end). None across a page
/// break, where the gap tells nothing; None for all when the printing
/// spaces no blocks, so that the end of a sentence ends a paragraph.
fn spaced_after(items: &[&Item], texts: &[String]) -> Option<Vec<Option<bool>>> {
    let steps: Vec<Option<f32>> = items
        .windows(2)
        .map(|w| (w[0].page == w[1].page).then(|| w[1].line.y - w[0].line.y))
        .collect();
    // The pitch: the body text's leading, the smallest step (to a tenth of
    // a point) that recurs (twice at least, in a tenth of the steps).
    let counts = tenths(steps.iter().flatten().copied().filter(|&s| s > 0.0));
    let total: usize = counts.iter().map(|c| c.1).sum();
    let pitch = counts
        .iter()
        .filter(|c| c.1 >= 2 && c.1 * 10 >= total)
        .map(|c| c.0)
        .min()? as f32
        / 10.0;
    // A page's full line, in characters (a text export keeps no widths).
    let mut full: std::collections::HashMap<Option<u32>, usize> = Default::default();
    for (it, t) in items.iter().zip(texts) {
        let n = full.entry(it.page).or_default();
        *n = (*n).max(t.chars().count());
    }
    let gaps: Vec<Option<bool>> = steps
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let short = (texts[k].chars().count() as f32)
                < SHORT * full.get(&items[k].page).copied().unwrap_or(0) as f32;
            s.map(|s| (s > GAP * pitch || s < 0.0) && (short || ends_sentence(&texts[k])))
        })
        .chain(std::iter::once(Some(true)))
        .collect();
    (gaps.iter().filter(|g| **g == Some(true)).count() >= 3).then_some(gaps)
}

/// A line shorter than this share of its page's longest is short.
const SHORT: f32 = 0.75;

/// A step between baselines wider than this many pitches is a gap.
const GAP: f32 = 1.3;

/// How often each value occurs, to a tenth of a point: (tenths, count), in
/// order of first occurrence.
fn tenths(values: impl Iterator<Item = f32>) -> Vec<(i32, usize)> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for v in values {
        let q = (v * 10.0).round() as i32;
        match counts.iter_mut().find(|c| c.0 == q) {
            Some(c) => c.1 += 1,
            None => counts.push((q, 1)),
        }
    }
    counts
}

/// The most common font size of the lines.
fn usual_size(items: &[&Item]) -> f32 {
    tenths(items.iter().map(|it| it.line.size))
        .iter()
        .max_by_key(|c| c.1)
        .map_or(0.0, |c| c.0 as f32 / 10.0)
}

/// A line of one cell set clearly larger than the body text.
fn is_sized_heading(item: &Item, body: f32) -> bool {
    item.line.cells.len() == 1 && item.line.size > 1.15 * body
}

/// A table row read as cells whose last cell holds only legal references
/// (one or several, stacked or comma-separated): the other cells' text and
/// the references.
fn row_cells(item: &Item) -> Option<(String, String)> {
    let cells = &item.line.cells;
    let (last, rest) = cells.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let reference = plain(&super::rows_of::cell_values(&last.text).replace(" / ", " "));
    if !only_references(&reference) {
        return None;
    }
    let duty: Vec<String> = rest
        .iter()
        .map(|c| plain(&super::rows_of::cell_text(&c.text)))
        .filter(|t| !t.is_empty())
        .collect();
    Some((duty.join(" "), reference))
}

/// Whether `text` is one or more legal references (`5216 s.K.m.12, 5393
/// s.K.m.17`) and nothing else.
fn only_references(text: &str) -> bool {
    let mut t = text.trim().to_string();
    for _ in 0..16 {
        match split_reference(&t) {
            Some((body, _)) if body.is_empty() => return true,
            Some((body, _)) => t = body.trim_end_matches([',', ';']).trim().to_string(),
            None => return false,
        }
    }
    false
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    // "… “11." ends with an ordinal, not a sentence.
    let ordinal = t
        .strip_suffix('.')
        .and_then(|r| r.rsplit(|c: char| !c.is_ascii_digit()).next())
        .is_some_and(|d| {
            !d.is_empty()
                && t.len() > d.len() + 1
                && !t[..t.len() - d.len() - 1].ends_with(|c: char| c.is_alphanumeric())
        });
    !ordinal && t.ends_with(['.', '!', '?', ':', '…', '”', '"'])
}

fn is_table_header(text: &str) -> bool {
    text == "Yasal Yükümlülük Dayanak"
}

/// A line ending with a legal reference (`… hazırlamak. 5216 s.K.m.7/a`):
/// the text before it and the reference.
fn split_reference(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split(' ').collect();
    for k in (0..words.len()).rev() {
        let w = words[k];
        if w.starts_with("s.")
            && w.len() > 3
            && k > 0
            && words[k - 1].chars().all(|c| c.is_ascii_digit())
        {
            let reference = words[k - 1..].join(" ");
            let body = words[..k - 1].join(" ");
            // The reference must end the line (at most a few more tokens).
            if words.len() - k <= 3 {
                return Some((body, reference));
            }
        }
    }
    None
}

/// A list bullet or number at the start of a line: the item's text.
fn strip_bullet(text: &str) -> Option<String> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    if BULLETS.contains(&first)
        && t.chars()
            .nth(1)
            .is_some_and(|c| c.is_whitespace() || !c.is_alphanumeric() || first != '-')
    {
        let rest = t.trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace());
        return (!rest.is_empty()).then(|| rest.to_string());
    }
    // "1. Item" / "12) Item"
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            if r.chars().next().is_some_and(char::is_uppercase) {
                return Some(r.trim().to_string());
            }
        }
    }
    None
}

/// A section heading: a short title-cased line that does not end a sentence
/// and is not continued in lower case on the next line.
fn is_heading(text: &str, next: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 8 || ends_sentence(text) || text.ends_with(',') {
        return false;
    }
    if next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // Figures and quotations belong to tables and sentences, not headings.
    if words
        .iter()
        .any(|w| crate::normalize::is_number(w.trim_end_matches('*')))
        || text.contains(['“', '”', '"', '«', '»'])
    {
        return false;
    }
    let small = ["ve", "ile", "veya", "ya", "da", "de", "ki", "için", "ile"];
    let significant: Vec<&&str> = words.iter().filter(|w| !small.contains(w)).collect();
    significant.iter().all(|w| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printing with headings set larger than its body: the larger
    /// lines are headings, and blocks end at gaps after a short line or a
    /// sentence; a sentence ending at a full line's end within a paragraph
    /// does not end it, a list item not ending a sentence ends at a gap.
    #[test]
    fn typeset_blocks_by_size_and_space() {
        use crate::layout::{Line, Page};
        let full = "Birinci paragrafın uzun satırı burada devam ediyor ve satır sonunda biter.";
        let rows: Vec<(f32, f32, &str)> = vec![
            (50.0, 12.0, "Teşkilat Yapısı"),
            (70.0, 10.0, full),
            (
                82.0,
                10.0,
                "İkinci cümle aynı paragrafta sürüyor ve bu satır da uzun",
            ),
            (94.0, 10.0, "olarak dizilmiş, sonra kısa biter."),
            (114.0, 10.0, "• Liste öğesi cümle bitirmeden"),
            (134.0, 10.0, "Yeni paragraf kısa satırlarla sürüp"),
            (146.0, 10.0, "devam eder"),
            (166.0, 12.0, "Taşınır Mallar"),
            (
                186.0,
                10.0,
                "Son paragrafın ilk satırı uzun ve cümle burada bitmiyor",
            ),
            (198.0, 10.0, "ama burada biter."),
        ];
        let page = Page {
            number: Some(1),
            width: 600.0,
            height: 800.0,
            lines: rows
                .iter()
                .map(|&(y, size, t)| {
                    Line::from_cells(y, size, &[(50.0, 50.0 + 5.0 * t.len() as f32, t)])
                })
                .collect(),
            grids: Vec::new(),
        };
        let pages = [page];
        let items = crate::tables::lines::items(&pages);
        let sections = parse(&items, &mut Vec::new());
        let got: Vec<(String, Vec<Block>)> =
            sections.into_iter().map(|s| (s.title, s.blocks)).collect();
        let para = |t: &str| Block::Paragraph { text: t.into() };
        assert_eq!(
            got,
            vec![
                (
                    "Teşkilat Yapısı".to_string(),
                    vec![
                        para(&format!(
                            "{full} İkinci cümle aynı paragrafta sürüyor ve bu satır da \
                             uzun olarak dizilmiş, sonra kısa biter."
                        )),
                        Block::List {
                            items: vec!["Liste öğesi cümle bitirmeden".into()]
                        },
                        para("Yeni paragraf kısa satırlarla sürüp devam eder"),
                    ]
                ),
                (
                    "Taşınır Mallar".to_string(),
                    vec![para(
                        "Son paragrafın ilk satırı uzun ve cümle burada bitmiyor ama burada biter."
                    )]
                ),
            ]
        );
    }

    #[test]
    fn references_and_bullets() {
        assert_eq!(
            split_reference("bütçesini hazırlamak. 5216 s.K.m.7/a"),
            Some(("bütçesini hazırlamak.".into(), "5216 s.K.m.7/a".into()))
        );
        assert_eq!(
            split_reference("5216 s.K.m.7/b"),
            Some((String::new(), "5216 s.K.m.7/b".into()))
        );
        assert_eq!(split_reference("Büyükşehir belediyesi"), None);
        assert_eq!(
            strip_bullet("▶ ➢Herkesi kapsayan"),
            Some("Herkesi kapsayan".into())
        );
        assert_eq!(
            strip_bullet("3. Mal ve Hizmet"),
            Some("Mal ve Hizmet".into())
        );
        assert_eq!(strip_bullet("2024 yılında"), None);
        assert!(is_heading("Yetki, Görev ve Sorumluluklar", "5216 sayılı"));
        assert!(!is_heading("Karar almada katılımcılık", "İnsanların"));
    }
}
