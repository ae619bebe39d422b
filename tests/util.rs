//! Test helpers: paths to the fixtures and a runner for the built binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture PDF in `inputs/`.
pub fn fixture_pdf() -> PathBuf {
    root().join("inputs/izmir-2024-performans-programi.pdf")
}

/// The second printing of the fixture (A4 portrait, simple TrueType fonts).
pub fn fixture_pdf_a4() -> PathBuf {
    root().join("tests/data/izmir-2024-performans-programi-a4.pdf")
}

/// The pdftotext-style text of the fixture.
pub fn fixture_txt() -> PathBuf {
    root().join("tests/data/izmir-2024-performans-programi.txt")
}

/// A fresh scratch directory for one test, named after it.
pub fn workdir(name: &str) -> PathBuf {
    let d = root().join("target/test-work").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The number of files in `dir` (not below it) whose extension is `ext`.
pub fn count_files(dir: &Path, ext: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == ext)
        })
        .count()
}

/// Runs the built `perfprog` binary with `args` in `dir`.
pub fn perfprog(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_perfprog"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run perfprog")
}

/// Asserts that a run of the binary exited 0, showing its stderr if not.
pub fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Extracts the model of a PDF or text file through the library, on all cores.
pub fn extract(path: &Path) -> Result<perfprog::Extraction, perfprog::Error> {
    let bytes = std::fs::read(path).map_err(|source| perfprog::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    perfprog::extract(path, bytes, &perfprog::Threads::available())
}

/// Asserts that `got` is the model `want`, field by field; the failure
/// lists the first differences as `perfprog diff` prints them, after `what`.
pub fn assert_same_model(
    want: &perfprog::model::Programme,
    got: &perfprog::model::Programme,
    what: &str,
) {
    let changes = perfprog::audit::diff(want, got);
    let shown: Vec<String> = changes.iter().take(40).map(|c| c.to_string()).collect();
    assert!(
        changes.is_empty(),
        "{what}: {} differences:\n{}",
        changes.len(),
        shown.join("\n")
    );
}

/// Asserts that `templates/samples/<name>` holds `data` (pretty JSON with a
/// trailing newline); with `PERFPROG_BLESS` set, writes it there first.
pub fn assert_sample_current(name: &str, data: &serde_json::Value) {
    let mut text = serde_json::to_string_pretty(data).unwrap();
    text.push('\n');
    let path = root().join("templates/samples").join(name);
    if std::env::var_os("PERFPROG_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "templates/samples/{name} is stale; rerun with PERFPROG_BLESS=1"
    );
}
