//! The message catalogue: both languages have the same messages with the
//! same placeholders, every file parses, and the language follows the locale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use fluent_syntax::ast;
use perfprog::i18n::{sources, text, Lang};

/// Each message's key with the names of the variables it uses (in any branch).
fn messages(source: &str, path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{path}: Fluent syntax errors: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars);
            }
            assert!(
                out.insert(m.id.name.to_string(), vars).is_none(),
                "{path}: {} is defined twice",
                m.id.name
            );
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for n in &arguments.named {
                inline_vars(&n.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_the_same_files_keys_and_placeholders() {
    let files = |lang: Lang| -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
        sources(lang)
            .iter()
            .map(|s| {
                let name = s.path.split_once('/').map_or(s.path, |(_, n)| n);
                (name.to_string(), messages(s.text, s.path))
            })
            .collect()
    };
    let tr = files(Lang::Tr);
    let en = files(Lang::En);
    assert_eq!(
        tr.keys().collect::<Vec<_>>(),
        en.keys().collect::<Vec<_>>(),
        "the languages have different catalogue files"
    );
    for (file, tr_messages) in &tr {
        let en_messages = &en[file];
        for (key, vars) in tr_messages {
            match en_messages.get(key) {
                None => panic!("{file}: {key} is in Turkish only"),
                Some(en_vars) => assert_eq!(
                    vars, en_vars,
                    "{file}: {key} has other placeholders in Turkish and English"
                ),
            }
        }
        for key in en_messages.keys() {
            assert!(
                tr_messages.contains_key(key),
                "{file}: {key} is in English only"
            );
        }
    }
}

#[test]
fn a_key_is_in_one_file_only() {
    let mut seen = BTreeMap::new();
    for s in sources(Lang::Tr) {
        for key in messages(s.text, s.path).into_keys() {
            if let Some(other) = seen.insert(key.clone(), s.path) {
                panic!("{key} is in both {other} and {}", s.path);
            }
        }
    }
}

#[test]
fn messages_fill_their_arguments_in_each_language() {
    assert_eq!(
        text(Lang::Tr, "i18n-example", &[("count", 2.into())]),
        "2 tablo okundu"
    );
    assert_eq!(
        text(Lang::En, "i18n-example", &[("count", 2.into())]),
        "2 tables read"
    );
}

// ---------------------------------------------------------------------------
// Every key the code names is in the catalogue.

/// The prefixes of the catalogue's keys; a string literal in `src/` that
/// starts with one and reads like a key (`finding-stated-computed`) names a
/// message.
const KEY_PREFIXES: &[&str] = &[
    "cli-",
    "error-",
    "reason-",
    "warning-",
    "finding-",
    "what-",
    "part-",
    "place-",
    "column-",
    "the-",
    "not-run-",
    "report-",
    "severity-",
    "figure-",
    "i18n-",
    "diff-",
    "workbook-",
    "read-",
    "xlsx-",
];

/// The string literals of a Rust source that read like catalogue keys.
fn key_literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let is_key = KEY_PREFIXES.iter().any(|p| piece.starts_with(p))
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
            && !piece.ends_with('-');
        if is_key {
            out.push(piece.to_string());
        }
    }
    out
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_key_used_in_the_code_is_in_both_catalogues() {
    let mut files = Vec::new();
    rust_files(&crate::util::root().join("src"), &mut files);
    let mut seen = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for key in key_literals(&text) {
            seen += 1;
            for lang in Lang::ALL {
                assert!(
                    perfprog::i18n::has(lang, &key),
                    "{}: {key} is not in the {} catalogue",
                    f.display(),
                    lang.code()
                );
            }
        }
    }
    assert!(seen > 200, "only {seen} keys found: is the scan broken?");
}

#[test]
fn every_check_and_table_has_its_words_in_both_languages() {
    for (id, _) in perfprog::audit::CHECKS {
        let key = format!("check-{}", id.replace('.', "-"));
        for lang in Lang::ALL {
            assert!(perfprog::i18n::has(lang, &key), "{key} ({})", lang.code());
        }
    }
    for lang in Lang::ALL {
        assert!(perfprog::i18n::has(lang, "check-roundtrip"));
        assert_eq!(
            perfprog::audit::check_description(lang, "roundtrip.goals"),
            text(lang, "check-roundtrip", &[])
        );
    }
    assert_eq!(
        perfprog::i18n::table_name(Lang::Tr, "activity_cost"),
        "Faaliyet Maliyetleri Tablosu"
    );
    assert_eq!(perfprog::i18n::table_name(Lang::Tr, "no_such"), "no_such");
}

// ---------------------------------------------------------------------------
// The command line in each language.

/// Runs the binary in `dir` with the locale variables cleared, then `env` set.
fn run_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_perfprog"));
    c.args(args).current_dir(dir).env("NO_COLOR", "1");
    for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run perfprog")
}

/// Kuzeykent's 2021 model with one amount changed: the first activity
/// line's budget is 1 TL more than its total says.
fn model_with_one_amount_changed(dir: &Path) {
    let path = crate::util::root().join("tests/data/kuzeykent-2021-performans-programi.json");
    let mut model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let line = &mut model["goals"][0]["objectives"][0]["targets"][0]["activities"][0];
    assert_eq!(line["budget"], "6750000.00");
    line["budget"] = "6750001.00".into();
    std::fs::write(dir.join("model.json"), model.to_string()).unwrap();
}

/// The audit's outputs in `dir/out`: the `target.line.sum` finding of
/// audit.json, audit.csv, and the text of audit.pdf.
fn audit_outputs(out: &Path) -> (serde_json::Value, String, String) {
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(out.join("audit.json")).unwrap()).unwrap();
    let finding = json
        .into_iter()
        .find(|f| f["check"] == "target.line.sum")
        .expect("the changed amount is found");
    let csv = std::fs::read_to_string(out.join("audit.csv")).unwrap();
    let pdf = out.join("audit.pdf");
    let doc = perfprog::source(&pdf, std::fs::read(&pdf).unwrap(), &perfprog::Sequential).unwrap();
    let text: Vec<String> = doc
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text()))
        .collect();
    (finding, csv, text.join("\n"))
}

#[test]
fn a_turkish_locale_writes_turkish_findings_and_lang_en_english() {
    let dir = crate::util::workdir("i18n-audit");
    model_with_one_amount_changed(&dir);

    let tr = run_with(
        &dir,
        &["audit", "model.json", "-o", "tr"],
        &[("LANG", "tr_TR.UTF-8")],
    );
    assert_eq!(
        tr.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&tr.stderr)
    );
    let stdout = String::from_utf8_lossy(&tr.stdout);
    assert!(
        stdout.contains("denetimi:") && stdout.contains(" hata, "),
        "{stdout}"
    );
    let (f, csv, pdf) = audit_outputs(&dir.join("tr"));
    let expected = "satır toplamı ile bütçe + bütçe dışı: belirtilen 6.750.000,00, \
                    hesaplanan 6.750.001,00 (fark -1,00)";
    assert_eq!(f["message"], expected);
    assert_eq!(f["message_id"], "finding-stated-computed");
    assert_eq!(f["message_args"]["stated"], "6.750.000,00");
    assert_eq!(f["message_args"]["what"]["message_id"], "what-line-sum");
    // Machine fields stay as they are; the CSV's header is a script contract.
    assert_eq!(f["check"], "target.line.sum");
    assert_eq!(f["severity"], "error");
    assert!(csv.starts_with(
        "check,severity,table,target,activity,page,stated,computed,difference,message\r\n"
    ));
    assert!(csv.contains(expected), "{csv}");
    // audit.xlsx's header is for people: Turkish titles.
    let xlsx = std::fs::read(dir.join("tr/audit.xlsx")).unwrap();
    let grid = perfprog::workbook::xlsx::read(&xlsx).unwrap();
    assert_eq!(grid.sheets[0].header[..3], ["Kontrol", "Önem", "Tablo"]);
    for words in [
        "Denetim Raporu",
        "Özet",
        "Bulgular",
        "Karşılaştırılan",
        "belirtilen",
    ] {
        assert!(pdf.contains(words), "audit.pdf lacks {words:?}:\n{pdf}");
    }

    // `--lang en` wins over the locale, after the subcommand too.
    let en = run_with(
        &dir,
        &["audit", "model.json", "-o", "en", "--lang", "en"],
        &[("LANG", "tr_TR.UTF-8")],
    );
    assert_eq!(en.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&en.stdout).starts_with("audit of "));
    let (f, csv, pdf) = audit_outputs(&dir.join("en"));
    let expected =
        "line total vs budget + off-budget: stated 6.750.000,00 but computed 6.750.001,00 \
         (difference -1,00)";
    assert_eq!(f["message"], expected);
    assert_eq!(f["message_id"], "finding-stated-computed");
    assert!(csv.contains(expected));
    for words in ["Audit Report", "Summary", "Findings", "Compares", "stated"] {
        assert!(pdf.contains(words), "audit.pdf lacks {words:?}:\n{pdf}");
    }
    assert!(!pdf.contains("Bulgular"));

    // The same finding, shown in the other language from its key and arguments.
    let back: Vec<perfprog::audit::Finding> =
        serde_json::from_slice(&std::fs::read(dir.join("tr/audit.json")).unwrap()).unwrap();
    let f = back.iter().find(|f| f.check == "target.line.sum").unwrap();
    assert_eq!(f.message_in(Lang::En), expected);
}

#[test]
fn lang_tr_explains_a_file_that_is_no_programme_in_turkish() {
    let dir = crate::util::workdir("i18n-not-programme");
    std::fs::write(
        dir.join("notes.txt"),
        "Toplantı notları\n\nGündem maddeleri\n",
    )
    .unwrap();
    let out = run_with(&dir, &["--lang", "tr", "extract", "notes.txt"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("perfprog: hata: notes.txt: bir performans programı değil ("),
        "{err}"
    );
    assert!(err.contains("Performans Hedefi Tablosu"), "{err}");
    // Without --lang and without a Turkish locale: English.
    let out = run_with(&dir, &["extract", "notes.txt"], &[("LANG", "C.UTF-8")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("perfprog: error: notes.txt: not a performance programme ("),
        "{err}"
    );
    // An unknown language is refused by the argument parser.
    let out = run_with(&dir, &["--lang", "de", "extract", "notes.txt"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lang_tr_prints_diff_lines_in_turkish_and_json_unchanged() {
    let dir = crate::util::workdir("i18n-diff");
    model_with_one_amount_changed(&dir);
    let original = crate::util::root().join("tests/data/kuzeykent-2021-performans-programi.json");
    std::fs::copy(original, dir.join("a.json")).unwrap();
    let path = "targets[1.1.1].activities[Ulaşım Yollarında Taşıt Alt ve Üst Geçit Yapılması \
                Faaliyetleri].budget";

    let tr = run_with(&dir, &["--lang", "tr", "diff", "a.json", "model.json"], &[]);
    assert_eq!(tr.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&tr.stdout),
        format!("~ tutar {path}: 6.750.000,00 → 6.750.001,00\n")
    );
    let same = run_with(&dir, &["--lang", "tr", "diff", "a.json", "a.json"], &[]);
    assert_eq!(String::from_utf8_lossy(&same.stdout), "fark yok\n");

    // English: the words are the change's kind, as before.
    let en = run_with(&dir, &["diff", "a.json", "model.json"], &[]);
    assert_eq!(
        String::from_utf8_lossy(&en.stdout),
        format!("~ amount {path}: 6.750.000,00 → 6.750.001,00\n")
    );
    // --json keeps its machine fields in any language.
    let json = run_with(
        &dir,
        &["diff", "a.json", "model.json", "--json"],
        &[("LANG", "tr_TR.UTF-8")],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["kind"], "changed");
    assert_eq!(v[0]["what"], "amount");
    assert_eq!(v[0]["before"], "6750000.00");
}

#[test]
fn a_turkish_locale_explains_a_workbook_import_error_in_turkish() {
    use perfprog::workbook::{xlsx, Cell};
    let dir = crate::util::workdir("i18n-import");
    let text =
        std::fs::read_to_string(crate::util::root().join("tests/golden/programme.json")).unwrap();
    let golden = perfprog::model::Programme::from_json(&text).unwrap();
    let mut grid = xlsx::read(&perfprog::workbook::export(&golden).unwrap()).unwrap();
    let costs = grid.sheet_mut("Maliyetler").unwrap();
    costs.set(10, 5, Cell::Text("12,5 TL".into()));
    let page = costs.column("Sayfa").unwrap();
    costs.set(11, page, Cell::Text("on iki".into()));
    std::fs::write(dir.join("bad.xlsx"), xlsx::write(&grid, "edited").unwrap()).unwrap();

    let tr = run_with(
        &dir,
        &["import", "bad.xlsx", "-o", "model.json"],
        &[("LANG", "tr_TR.UTF-8")],
    );
    assert_eq!(tr.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&tr.stderr).trim(),
        "perfprog: hata: bad.xlsx: Maliyetler!F12: tutar bekleniyordu, \"12,5 TL\" bulundu"
    );
    assert!(!dir.join("model.json").exists());

    // The cell's kind in words, in Turkish too.
    grid.sheet_mut("Maliyetler")
        .unwrap()
        .set(10, 5, Cell::Number(12.into()));
    std::fs::write(dir.join("bad.xlsx"), xlsx::write(&grid, "edited").unwrap()).unwrap();
    let tr = run_with(
        &dir,
        &["--lang", "tr", "import", "bad.xlsx", "-o", "m.json"],
        &[],
    );
    let err = String::from_utf8_lossy(&tr.stderr);
    assert!(
        err.contains("sayfa numarası bekleniyordu, \"on iki\" bulundu"),
        "{err}"
    );
    let en = run_with(&dir, &["import", "bad.xlsx", "-o", "m.json"], &[]);
    let err = String::from_utf8_lossy(&en.stderr);
    assert!(
        err.contains("expected a page number, found \"on iki\""),
        "{err}"
    );
}

#[test]
fn read_reasons_and_workbook_headers_are_in_both_languages() {
    let reason = |lang| {
        text(
            lang,
            "read-too-deep",
            &[
                ("what", text(lang, "read-what-content", &[]).into()),
                ("levels", 512.into()),
            ],
        )
    };
    assert_eq!(reason(Lang::En), "its content nests deeper than 512 levels");
    assert_eq!(
        reason(Lang::Tr),
        "içeriği 512 düzeyden daha derin iç içe geçiyor"
    );
    let header = |lang, column: &str| text(lang, "xlsx-header", &[("column", column.into())]);
    assert_eq!(header(Lang::Tr, "unit"), "Sorumlu Harcama Birimi");
    assert_eq!(header(Lang::En, "sole_activities"), "Sole activities");
    // An id without a title shows as it is.
    assert_eq!(header(Lang::Tr, "no_such"), "no_such");
}
