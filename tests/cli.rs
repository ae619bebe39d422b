//! Integration tests: the command line as users and scripts meet it.

use crate::util::{fixture_pdf, fixture_txt, perfprog, root, workdir};

#[test]
fn every_subcommand_has_help_with_an_example() {
    let dir = workdir("help");
    for cmd in [
        "extract",
        "render",
        "departments",
        "audit",
        "diff",
        "build",
        "export",
        "import",
        "rollover",
    ] {
        let out = perfprog(&dir, &[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("Example:"),
            "{cmd} --help shows an example:\n{help}"
        );
    }
    let out = perfprog(&dir, &["--version"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("perfprog "));
}

#[test]
fn missing_input_is_exit_2_with_the_path() {
    let dir = workdir("missing_input");
    let out = perfprog(&dir, &["extract", "nope.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nope.pdf"), "{err}");
}

#[test]
fn build_without_input_and_without_inputs_dir_explains() {
    let dir = workdir("build_no_inputs");
    let out = perfprog(&dir, &["build", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("inputs/"));
}

/// `build` on the default input writes the whole layout, updates (never
/// wipes) an existing directory, and exits 0 even though the audit has
/// error findings; `--strict` exits 1.
#[test]
fn build_writes_every_output() {
    let dir = workdir("build_all");
    std::fs::create_dir_all(dir.join("inputs")).unwrap();
    std::fs::copy(fixture_pdf(), dir.join("inputs/programme.pdf")).unwrap();
    std::fs::create_dir_all(dir.join("outputs")).unwrap();
    std::fs::write(dir.join("outputs/keep.txt"), "mine").unwrap();
    let out = perfprog(&dir, &["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("audit:"), "summary on stderr: {err}");
    let o = dir.join("outputs");
    assert_eq!(std::fs::read_to_string(o.join("keep.txt")).unwrap(), "mine");
    for f in [
        "programme.json",
        "izmir-buyuksehir-belediyesi-2024-performans-programi.pdf",
        "departments/index.csv",
        "departments/fen-isleri-dairesi-baskanligi.pdf",
        "audit/audit.pdf",
        "audit/audit.json",
        "audit/audit.csv",
    ] {
        let meta = std::fs::metadata(o.join(f)).unwrap_or_else(|_| panic!("{f} written"));
        assert!(meta.len() > 0, "{f} is not empty");
    }
    // The model is the golden one.
    let golden = std::fs::read_to_string(root().join("tests/golden/programme.json")).unwrap();
    let model = std::fs::read_to_string(o.join("programme.json")).unwrap();
    let strip = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
        v.as_object_mut().unwrap().remove("source");
        v
    };
    assert_eq!(strip(&model), strip(&golden));
    // Every department of the index has its PDF.
    let index = std::fs::read_to_string(o.join("departments/index.csv")).unwrap();
    for line in index.lines().skip(1) {
        let file = line
            .split(',')
            .find(|f| f.ends_with(".pdf"))
            .expect("a file column");
        assert!(o.join("departments").join(file).exists(), "{file}");
    }
    // No temporary files left behind.
    let leftovers: Vec<_> = walk(&o)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let strict = perfprog(&dir, &["build", "--strict", "-q", "-o", "strict"]);
    let findings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(o.join("audit/audit.json")).unwrap()).unwrap();
    let errors = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(strict.status.code(), Some(if errors > 0 { 1 } else { 0 }));
}

#[test]
fn extract_reads_text_export_to_stdout() {
    let dir = workdir("extract_stdout");
    let txt = fixture_txt();
    let out = perfprog(&dir, &["extract", txt.to_str().unwrap()]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "perfprog.programme/3");
    assert_eq!(v["source"]["pages"], serde_json::Value::Null);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
