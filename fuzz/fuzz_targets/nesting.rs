//! Fuzzes the read stage with structure-aware mutations ([`mutate`]): the
//! input's first 8 bytes seed the mutations, the rest is the PDF mutated
//! (a small built-in one when the rest is no PDF). Deep nesting,
//! self-references and huge numbers must end in a refusal or a skipped
//! page, never an abort, a panic or a hang.
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

#[path = "../mutate.rs"]
mod mutate;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((seed, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let base = if rest.starts_with(b"%PDF") {
        rest
    } else {
        mutate::BASE
    };
    let pdf = mutate::mutate(base, &mut mutate::Rng::new(u64::from_le_bytes(*seed)));
    // For triage: `NESTING_DUMP=case.pdf …/nesting ARTIFACT` writes the
    // mutated file, to be run through `perfprog extract`.
    if let Some(path) = std::env::var_os("NESTING_DUMP") {
        let _ = std::fs::write(path, &pdf);
    }
    read_all::read_all(&pdf);
});
