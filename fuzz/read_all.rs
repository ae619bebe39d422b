//! What every fuzz target does with a file: open it, read its title and
//! its first 16 pages, repair their text layer. Included by the targets.

use std::sync::Arc;

use crate::read;

/// Runs the read stage over `data`; any outcome but a panic, a hang, an
/// abort or unbounded memory is fine.
pub fn read_all(data: &[u8]) {
    let Ok(doc) = read::Document::open(Arc::new(data.to_vec())) else {
        return;
    };
    let _ = doc.title();
    let mut reader = doc.reader();
    let mut pages = Vec::new();
    for i in 0..doc.page_count().min(16) {
        if let Ok(page) = reader.page(i) {
            pages.push(page);
        }
    }
    let _ = read::repair_text_layer(&mut pages);
}
