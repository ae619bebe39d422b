//! The document as one stream of lines with their pages, and the line
//! patterns every table family shares (headings with codes, keywords).

use std::sync::Arc;

use crate::layout::{Line, Page};
use crate::normalize;

/// A line of the document with its page, and its text computed once.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub page: Option<u32>,
    pub line: &'a Line,
    text: Arc<str>,
}

impl Item<'_> {
    /// The line's text, cells joined by single spaces, spaces collapsed
    /// (no-break spaces kept: they mark empty cells in text input).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True for a blank line (text input only).
    pub fn is_blank(&self) -> bool {
        self.line.cells.is_empty()
    }
}

/// The smallest positive step between consecutive rows' baselines on a
/// page: the pitch of lines printed one right under the other (in a text
/// export, whose lines keep their index as baseline, a blank line makes a
/// step of two).
pub fn pitch(items: &[Item]) -> f32 {
    items
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].line.y - w[0].line.y)
        .filter(|&d| d > 0.0)
        .fold(f32::INFINITY, f32::min)
}

/// Flattens pages into one stream of lines.
pub fn items(pages: &[Page]) -> Vec<Item<'_>> {
    items_on(pages, &crate::exec::Sequential)
}

/// [`items`], the pages' texts made on `exec`'s workers (a run of pages each).
pub fn items_on<'a>(pages: &'a [Page], exec: &dyn crate::exec::Executor) -> Vec<Item<'a>> {
    const PAGES: usize = 16;
    if exec.workers() == 1 || pages.len() <= PAGES {
        return page_items(pages);
    }
    let runs: Vec<&[Page]> = pages.chunks(PAGES).collect();
    let made = crate::exec::map(exec, runs.len(), || (), |_, k| page_items(runs[k]));
    let mut out = Vec::with_capacity(made.iter().flatten().map(Vec::len).sum());
    for (run, items) in runs.iter().zip(made) {
        // A run whose worker failed is made here.
        out.extend(items.unwrap_or_else(|| page_items(run)));
    }
    out
}

/// The texts of `items`, which outlive the lines they were made from.
pub fn into_texts(items: Vec<Item>) -> Vec<Arc<str>> {
    items.into_iter().map(|i| i.text).collect()
}

fn page_items(pages: &[Page]) -> Vec<Item<'_>> {
    pages
        .iter()
        .flat_map(|p| {
            p.lines.iter().map(move |l| Item {
                page: p.number,
                line: l,
                text: Arc::from(collapse_owned(l.text())),
            })
        })
        .collect()
}

/// Collapses runs of ASCII whitespace to one space and trims; no-break spaces
/// are kept (they mark empty cells in text input).
pub fn collapse(s: &str) -> String {
    // A table cell's printed lines are joined as wrapped lines.
    if s.contains('\n') {
        return collapse(&normalize::join_wrapped(&s.split('\n').collect::<Vec<_>>()));
    }
    // Most texts are collapsed already: one pass tells, and copies them.
    if is_collapsed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split([' ', '\t', '\r', '\n']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether [`collapse`] gives `s` back as it is.
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    !b.iter().any(|&c| matches!(c, b'\t' | b'\r' | b'\n'))
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.windows(2).any(|w| w == b"  ")
}

/// [`collapse`] of a text owned already: kept, not copied, when collapsed.
fn collapse_owned(s: String) -> String {
    if is_collapsed(&s) {
        s
    } else {
        collapse(&s)
    }
}

/// The text with no-break spaces turned into plain spaces and collapsed.
pub fn plain(s: &str) -> String {
    collapse(&s.replace('\u{a0}', " "))
}

/// If `text` starts with the words of `keyword` (case and spacing as printed,
/// compared with Turkish lower-casing), returns the rest.
pub fn after_keyword<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    after_keyword_words(text, keyword).or_else(|| after_keyword_spaced(text, keyword))
}

/// The keyword with stray spaces inside its words (`Perform ans Hedefi`).
fn after_keyword_spaced<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    let mut want = keyword
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(normalize::lower_char_tr)
        .peekable();
    want.peek()?;
    for (pos, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        if Some(normalize::lower_char_tr(c)) != want.next() {
            return None;
        }
        if want.peek().is_none() {
            let rest = &text[pos + c.len_utf8()..];
            let boundary = rest.chars().next().is_none_or(|n| !n.is_alphanumeric());
            return boundary.then_some(rest);
        }
    }
    None
}

fn after_keyword_words<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    let t = text.trim_start();
    let mut rest = t;
    for kw in keyword.split(' ') {
        rest = rest.trim_start();
        let word_end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        let word = &rest[..word_end];
        let word_cmp = word.trim_end_matches([':', '.']);
        if !same_word(word_cmp, kw) {
            return None;
        }
        rest = &rest[word_end..];
    }
    Some(rest)
}

/// Whether a printed word is the keyword `kw`, allowing the source's typos in
/// long words (`Starejik` for `Stratejik`): edit distance 1 from five letters,
/// 2 from eight.
fn same_word(word: &str, kw: &str) -> bool {
    let lower = normalize::lower_char_tr;
    if word.chars().map(lower).eq(kw.chars().map(lower)) {
        return true;
    }
    let n = kw.chars().count();
    let allowed = if n >= 8 {
        2
    } else if n >= 5 {
        1
    } else {
        0
    };
    // The distance is at least the difference in length, and at least the
    // number of the word's letters the keyword lacks.
    allowed > 0
        && word.chars().count().abs_diff(n) <= allowed
        && lacks_at_most(word, kw, allowed)
        && normalize::within_distance_of(
            normalize::lower_tr(word),
            normalize::lower_tr(kw),
            allowed,
        )
}

/// Whether at most `max` of the letters of `word` (each occurrence
/// counted, lower-cased) are missing from `kw`: each costs an edit. A
/// keyword longer than any here is not looked at (true).
fn lacks_at_most(word: &str, kw: &str, max: usize) -> bool {
    let mut letters = ['\0'; 24];
    let mut n = 0;
    for c in normalize::lower_tr(kw) {
        let Some(slot) = letters.get_mut(n) else {
            return true;
        };
        *slot = c;
        n += 1;
    }
    let mut missing = 0;
    for c in normalize::lower_tr(word) {
        if !letters[..n].contains(&c) {
            missing += 1;
            if missing > max {
                return false;
            }
        }
    }
    true
}

/// Lines the original document's own running headers and footers left in
/// its text: `68 Genel Bilgiler <section>` and `2024 Performans Programı 71`.
pub fn is_stray_running_header(text: &str) -> bool {
    // Both shapes hold one of these words; most lines hold neither.
    if !text.contains("Genel") && !text.contains("Programı") {
        return false;
    }
    let t = plain(text);
    let words: Vec<&str> = t.split(' ').collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    if words.len() >= 3 && num(words[0]) && words[1] == "Genel" && words[2] == "Bilgiler" {
        return true;
    }
    words.len() >= 3
        && num(words[words.len() - 1])
        && words[words.len() - 2] == "Programı"
        && words[words.len() - 3] == "Performans"
        && (words.len() == 3 || (words.len() == 4 && num(words[0])))
}

/// A heading with a dotted code: `Stratejik Hedef 1.2 : Title` → ("1.2", "Title").
/// `parts` is how many numbers the code has.
pub fn coded(text: &str, keyword: &str, parts: usize) -> Option<(String, String)> {
    let rest = after_keyword(text, keyword)?.trim_start();
    let (code, title) = leading_code(rest, parts)?;
    Some((code, title.to_string()))
}

/// A leading dotted code of `parts` numbers, and the title after it with
/// separators (`:`, `.`, `-`) removed. The code is read in every style
/// administrations print, and given as the dotted number alone: `1.1.1`,
/// `1.1.1.`, `SA2-` → `2`, `PH2.2.1` → `2.2.1`, `(A.03)` → `3`, `(03.01)` →
/// `3.1`.
pub fn leading_code(text: &str, parts: usize) -> Option<(String, &str)> {
    let t = text.trim_start();
    let (t, paren) = match t.strip_prefix('(') {
        Some(r) => (r, true),
        None => (t, false),
    };
    // A prefix of capital letters (`SA`, `SH`, `PH`, `A.`) before the digits.
    let letters = t
        .char_indices()
        .take_while(|(_, c)| c.is_alphabetic() && c.is_uppercase())
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    let t = if letters > 0 && t[..letters].chars().count() <= 3 {
        let rest = &t[letters..];
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            rest
        } else {
            return None;
        }
    } else {
        t
    };
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let raw = &t[..end];
    let code = raw.trim_end_matches('.');
    let nums: Vec<&str> = code.split('.').collect();
    if nums.len() != parts || nums.iter().any(|n| n.is_empty() || n.len() > 3) {
        return None;
    }
    let mut rest = &t[end..];
    if paren {
        rest = rest.strip_prefix(')')?;
    }
    // The code must stand alone: followed by a separator or space, not a letter.
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let title = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || c == ':' || c == '\u{a0}' || c == '-' || c == '–'
    });
    let code = nums
        .iter()
        .map(|n| n.trim_start_matches('0'))
        .map(|n| if n.is_empty() { "0" } else { n })
        .collect::<Vec<_>>()
        .join(".");
    Some((code, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn collapse_joins_words_with_one_space(s in "[ab \t\r\u{a0}]{0,12}") {
            let words: Vec<&str> = s.split([' ', '\t', '\r']).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(collapse(&s), words.join(" "));
        }

        #[test]
        fn collapse_owned_is_collapse(s in "[ab \t\r\n\u{a0}-]{0,12}") {
            proptest::prop_assert_eq!(collapse_owned(s.clone()), collapse(&s));
        }

        // The letters test only spares the distance where it would fail.
        #[test]
        fn same_word_is_within_the_allowed_distance(
            word in "[aeIİıirstjkhdfçğ\u{307}]{0,12}",
            kw in "Stratejik|Hedef|Performans|Faaliyet|Sorumlu|Amaç|İdare",
        ) {
            let n = kw.chars().count();
            let allowed = if n >= 8 { 2 } else if n >= 5 { 1 } else { 0 };
            let lower = |s: &str| normalize::lower_tr(s).collect::<String>();
            let want = normalize::edit_distance(&lower(&word), &lower(&kw)) <= allowed;
            proptest::prop_assert_eq!(same_word(&word, &kw), want);
        }
    }

    #[test]
    fn headings_with_codes() {
        assert_eq!(
            coded(
                "Stratejik Amaç 1 \t : Herkesi Kapsayan",
                "Stratejik Amaç",
                1
            ),
            Some(("1".into(), "Herkesi Kapsayan".into()))
        );
        assert_eq!(
            coded("Performans Hedefi 1.1.1. Altyapı", "Performans Hedefi", 3),
            Some(("1.1.1".into(), "Altyapı".into()))
        );
        assert_eq!(
            coded("Performans Hedefi Tablosu", "Performans Hedefi", 3),
            None
        );
        assert_eq!(
            coded("Stratejik Hedef 1.2", "Stratejik Hedef", 2),
            Some(("1.2".into(), "".into()))
        );
        assert_eq!(
            leading_code("1.1.1. Altyapı", 3).map(|c| c.0),
            Some("1.1.1".into())
        );
        assert_eq!(leading_code("1.1 Kent", 2).map(|c| c.1), Some("Kent"));
        assert_eq!(leading_code("2024 Yılı", 1), None);
        // Every administration's style, as the dotted number alone.
        for (text, parts, code, title) in [
            ("SA2- Altyapı", 1, "2", "Altyapı"),
            ("SH2.2- Ulaşım", 2, "2.2", "Ulaşım"),
            ("PH2.2.1- Yol", 3, "2.2.1", "Yol"),
            ("(A.03) Kültür", 1, "3", "Kültür"),
            ("(03.01) Müze", 2, "3.1", "Müze"),
            ("1: Hizmet", 1, "1", "Hizmet"),
        ] {
            assert_eq!(
                leading_code(text, parts),
                Some((code.to_string(), title)),
                "{text}"
            );
        }
        assert_eq!(leading_code("KENT 1", 1), None);
        assert_eq!(leading_code("SA 1", 1), None);
        assert_eq!(
            coded("Starejik Hedef 6.2 : Kurumsal", "Stratejik Hedef", 2),
            Some(("6.2".into(), "Kurumsal".into()))
        );
        assert_eq!(
            coded("Perform ans Hedefi 4.2.1. Gençlik", "Performans Hedefi", 3),
            Some(("4.2.1".into(), "Gençlik".into()))
        );
        assert!(is_stray_running_header(
            "68 Genel Bilgiler Performans Hedef ve Göstergeleri"
        ));
        assert!(is_stray_running_header("2024 Performans Programı 71"));
        assert!(!is_stray_running_header("2024 Yılı Performans Programı"));
    }
}
