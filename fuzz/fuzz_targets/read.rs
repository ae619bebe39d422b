//! Fuzzes the read stage: any bytes must open or be refused, and every page
//! of what opens must read or be reported, without a panic, a hang or
//! unbounded memory.
#![no_main]

#[path = "../../src/read/mod.rs"]
#[allow(dead_code, unused_imports)]
mod read;

#[path = "../read_all.rs"]
mod read_all;

libfuzzer_sys::fuzz_target!(|data: &[u8]| read_all::read_all(data));
