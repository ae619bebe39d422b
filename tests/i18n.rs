//! The message catalogue: both languages have the same messages with the
//! same placeholders, every file parses, and the language follows the locale.

use std::collections::{BTreeMap, BTreeSet};

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
