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
use crate::layout::Page;
use crate::normalize::number::{figure_style, FigureStyle, Separators};

/// Where a kind of figure was seen: how many, and the first one.
#[derive(Default)]
struct Seen {
    count: usize,
    first: Option<(Option<u32>, String)>,
}

impl Seen {
    fn add(&mut self, page: Option<u32>, text: &str) {
        self.count += 1;
        self.first.get_or_insert_with(|| (page, text.to_string()));
    }
}

/// The document's separators, from the figures among its words, and
/// what the decision leaves to warn about.
pub fn decide(pages: &[Page]) -> (Separators, Vec<Warning>) {
    let (mut turkish, mut english, mut ambiguous) =
        (Seen::default(), Seen::default(), Seen::default());
    for page in pages {
        // Each word of each cell: a text export keeps a line's figures in
        // one cell, and prose quotes figures too.
        let words = page
            .lines
            .iter()
            .flat_map(|l| &l.cells)
            .flat_map(|c| c.text.split_whitespace())
            .map(|w| {
                w.trim_end_matches([',', '.', ';', ':', ')'])
                    .trim_start_matches('(')
            });
        for word in words {
            match figure_style(word) {
                FigureStyle::Turkish => turkish.add(page.number, word),
                FigureStyle::English => english.add(page.number, word),
                FigureStyle::Ambiguous => ambiguous.add(page.number, word),
                FigureStyle::Neither => {}
            }
        }
    }
    let sep = if english.count > turkish.count {
        Separators::English
    } else {
        Separators::Turkish
    };
    let mut warnings = Vec::new();
    let mut warn = |seen: &Seen, what: String| {
        if let Some((page, example)) = &seen.first {
            warnings.push(Warning {
                page: *page,
                table: "document".into(),
                message: format!("{what} (the first: “{example}”)"),
            });
        }
    };
    let (style, against) = match sep {
        Separators::English => ("English (1,234.56)", &turkish),
        Separators::Turkish => ("Turkish (1.234,56)", &english),
    };
    if against.count > 0 {
        warn(
            against,
            format!(
                "{} figures are printed against the document's separators, which are {style}; they are read the document's way",
                against.count
            ),
        );
    }
    // Ambiguous figures are worth a word where the document's style is not
    // the usual one, or where no figure told it.
    if ambiguous.count > 0 && (sep == Separators::English || turkish.count == 0) {
        warn(
            &ambiguous,
            format!(
                "{} figures read either way (1.500 or 1,500); they are read with the document's separators, which are {style}{}",
                ambiguous.count,
                if turkish.count + english.count == 0 {
                    " by default: no figure tells"
                } else {
                    ""
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
        let (sep, w) = decide(&[page(1, &["5.815.779.000,00", "1.1.1", "2024", "Adet 7,17"])]);
        assert_eq!(sep, Separators::Turkish);
        assert!(w.is_empty(), "{w:#?}");
        // English, with an ambiguous figure and one printed the other way.
        let (sep, w) = decide(&[
            page(3, &["200,000,000.00", "Toplam 12,500.50"]),
            page(4, &["Yol 4,454 metre", "1.234,50"]),
        ]);
        assert_eq!(sep, Separators::English);
        let messages: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
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
        let (sep, w) = decide(&[page(1, &["1.500", "Adet"])]);
        assert_eq!(sep, Separators::Turkish);
        assert!(w[0].message.contains("by default"), "{w:#?}");
    }
}
