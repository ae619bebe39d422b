//! Fuzzes the read stage: any bytes must open or be refused, and every page
//! of what opens must read or be reported, without a panic, a hang or
//! unbounded memory.
#![no_main]

#[path = "../../src/read/mod.rs"]
#[allow(dead_code, unused_imports)]
mod read;

use std::sync::Arc;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
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
});
