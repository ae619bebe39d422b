//! Fuzzes the read stage: any bytes must open or be refused, and every page
//! of what opens must read or be reported, without a panic, a hang or
//! unbounded memory.
#![no_main]

#[path = "../../src/read/mod.rs"]
#[allow(dead_code, unused_imports)]
mod read;

// What the read stage takes from the crate around it: its messages and
// the executor of its opening checks.
#[path = "../../src/i18n/mod.rs"]
#[allow(dead_code, unused_imports)]
mod i18n;

#[path = "../../src/exec.rs"]
#[allow(dead_code)]
mod exec;

#[path = "../read_all.rs"]
mod read_all;

libfuzzer_sys::fuzz_target!(|data: &[u8]| read_all::read_all(data));
