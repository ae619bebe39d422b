//! Text input (pdftotext-style `.txt`): pages split at form feeds, one
//! unpositioned line per text line. Blank lines are kept as lines without
//! cells: in such text they separate table rows.

use super::{Cell, Line, Page};

/// Splits text into pages of unpositioned lines.
pub fn pages(text: &str) -> Vec<Page> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\u{c}')
        .filter(|chunk| !chunk.trim().is_empty())
        .map(|chunk| Page {
            number: None,
            width: 0.0,
            height: 0.0,
            grids: Vec::new(),
            lines: chunk
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    let l = l.trim_end_matches(['\r', ' ']);
                    Line {
                        y: i as f32,
                        size: 10.0,
                        cells: if l.trim().is_empty() {
                            Vec::new()
                        } else {
                            vec![Cell {
                                x0: 0.0,
                                x1: 0.0,
                                text: l.to_string(),
                            }]
                        },
                        positioned: false,
                    }
                })
                .collect(),
        })
        .collect()
}
