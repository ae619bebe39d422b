//! The document's separators, decided once: a document printed with English
//! separators throughout (`200,000,000.00`) has its figures read that way by
//! every recogniser, while codes (`1.1`) are left as printed.
//!
//! The decision counts the figures only one style can read
//! ([`figure_style`]): English when they outnumber the Turkish ones, else
//! Turkish. A figure both styles read with different values (`1.500`) stays
//! ambiguous: it is read the document's way, and a warning says how many
//! such figures there are and where the first one is, as another does for
//! figures printed against the document's style.

use crate::error::Warning;
use crate::exec::{self, Executor};
use crate::i18n::Message;
use crate::layout::Page;
use crate::msg;
use crate::normalize::number::{figure_style, FigureStyle, Separators};

/// Where a kind of figure was seen: how many, and the first one (its
/// place: page and line indices; its page number; its text).
#[derive(Default)]
struct Seen {
    count: usize,
    first: Option<((usize, usize), Option<u32>, String)>,
}

impl Seen {
    fn add(&mut self, index: (usize, usize), page: Option<u32>, text: &str) {
        self.count += 1;
        if self.first.as_ref().is_none_or(|f| index < f.0) {
            self.first = Some((index, page, text.to_string()));
        }
    }

    fn merge(&mut self, other: Seen) {
        self.count += other.count;
        if let Some(f) = other.first {
            if self.first.as_ref().is_none_or(|mine| f.0 < mine.0) {
                self.first = Some(f);
            }
        }
    }
}

/// The figures of some pages, by how their separators read.
#[derive(Default)]
struct Tally {
    turkish: Seen,
    english: Seen,
    ambiguous: Seen,
}

impl Tally {
    /// Adds the figures among the words of every `parts`-th line of the
    /// pages, from line `part` on (a worker's share of the document).
    fn lines(&mut self, pages: &[Page], part: usize, parts: usize) {
        for (index, page) in pages.iter().enumerate() {
            for (l, line) in page
                .lines
                .iter()
                .enumerate()
                .skip(part)
                .step_by(parts.max(1))
            {
                // Each word of each cell: a text export keeps a line's
                // figures in one cell, and prose quotes figures too.
                let words = line
                    .cells
                    .iter()
                    .filter(|c| c.text.bytes().any(|b| b.is_ascii_digit()))
                    .flat_map(|c| c.text.split_whitespace())
                    .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
                    .map(|w| {
                        w.trim_end_matches([',', '.', ';', ':', ')'])
                            .trim_start_matches('(')
                    });
                for word in words {
                    let seen = match figure_style(word) {
                        FigureStyle::Turkish => &mut self.turkish,
                        FigureStyle::English => &mut self.english,
                        FigureStyle::Ambiguous => &mut self.ambiguous,
                        FigureStyle::Neither => continue,
                    };
                    seen.add((index, l), page.number, word);
                }
            }
        }
    }

    /// Adds another tally's figures.
    fn merge(&mut self, other: Tally) {
        self.turkish.merge(other.turkish);
        self.english.merge(other.english);
        self.ambiguous.merge(other.ambiguous);
    }
}

/// The document's separators, from the figures among its words (counted
/// on the executor's workers), and what the decision leaves to warn about.
pub fn decide(pages: &[Page], exec: &dyn Executor) -> (Separators, Vec<Warning>) {
    let workers = exec.workers().max(1);
    let mut tally = Tally::default();
    let parts = exec::map(
        exec,
        workers,
        || (),
        |_, w| {
            let mut t = Tally::default();
            t.lines(pages, w, workers);
            t
        },
    );
    for part in parts.into_iter().flatten() {
        tally.merge(part);
    }
    decision(tally)
}

/// The separators a tally of the document's figures decides, and what the
/// decision leaves to warn about.
fn decision(tally: Tally) -> (Separators, Vec<Warning>) {
    let Tally {
        turkish,
        english,
        ambiguous,
    } = tally;
    let sep = if english.count > turkish.count {
        Separators::English
    } else {
        Separators::Turkish
    };
    let mut warnings = Vec::new();
    let mut warn = |seen: &Seen, what: Message| {
        if let Some((_, page, example)) = &seen.first {
            warnings.push(Warning {
                page: *page,
                table: "document".into(),
                message: msg!(
                    "warning-first-example",
                    what = what,
                    example = example.as_str()
                ),
            });
        }
    };
    let (style, against) = match sep {
        Separators::English => ("english", &turkish),
        Separators::Turkish => ("turkish", &english),
    };
    if against.count > 0 {
        warn(
            against,
            msg!(
                "warning-separators-against",
                count = against.count,
                style = style
            ),
        );
    }
    // Ambiguous figures are worth a word where the document's style is not
    // the usual one, or where no figure told it.
    if ambiguous.count > 0 && (sep == Separators::English || turkish.count == 0) {
        warn(
            &ambiguous,
            msg!(
                "warning-separators-ambiguous",
                count = ambiguous.count,
                style = style,
                default = if turkish.count + english.count == 0 {
                    "yes"
                } else {
                    "no"
                }
            ),
        );
    }
    (sep, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Line;

    const SEQ: &crate::exec::Sequential = &crate::exec::Sequential;

    fn page(number: u32, cells: &[&str]) -> Page {
        Page {
            number: Some(number),
            width: 600.0,
            height: 800.0,
            lines: cells
                .iter()
                .enumerate()
                .map(|(i, t)| Line::from_cells(40.0 + 12.0 * i as f32, 8.0, &[(40.0, 300.0, t)]))
                .collect(),
            grids: Vec::new(),
        }
    }

    #[test]
    fn the_majority_of_unambiguous_figures_decides() {
        // Turkish: nothing to say, codes and years are no evidence.
        let (sep, w) = decide(
            &[page(1, &["5.815.779.000,00", "1.1.1", "2024", "Adet 7,17"])],
            SEQ,
        );
        assert_eq!(sep, Separators::Turkish);
        assert!(w.is_empty(), "{w:#?}");
        // English, with an ambiguous figure and one printed the other way.
        let (sep, w) = decide(
            &[
                page(3, &["200,000,000.00", "Toplam 12,500.50"]),
                page(4, &["Yol 4,454 metre", "1.234,50"]),
            ],
            SEQ,
        );
        assert_eq!(sep, Separators::English);
        let messages: Vec<String> = w.iter().map(|w| w.message.to_string()).collect();
        assert_eq!(w.len(), 2, "{messages:#?}");
        assert!(
            messages[0].starts_with("1 figures are printed against")
                && messages[0].contains("“1.234,50”")
        );
        assert!(
            messages[1].starts_with("1 figures read either way") && messages[1].contains("“4,454”")
        );
        assert_eq!((w[0].page, w[1].page), (Some(4), Some(4)));
        // No figure tells: Turkish by default, the ambiguous ones said.
        let (sep, w) = decide(&[page(1, &["1.500", "Adet"])], SEQ);
        assert_eq!(sep, Separators::Turkish);
        assert!(w[0].message.contains("by default"), "{w:#?}");
    }
}
