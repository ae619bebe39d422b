//! The catalogue's files, embedded in the binary. Each language has the same
//! files with the same keys and placeholders (checked by the tests in
//! `tests/i18n.rs`). To add a file, add it for every language here.

use super::Lang;

/// One catalogue file.
#[derive(Debug, Clone, Copy)]
pub struct Source {
    /// Its path under `locales/`, e.g. `tr/cli.ftl`.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! files {
    ($lang:literal: $($name:literal),* $(,)?) => {
        &[$(Source {
            path: concat!($lang, "/", $name),
            text: include_str!(concat!("../../locales/", $lang, "/", $name)),
        }),*]
    };
}

const TR: &[Source] = files!(
    "tr": "common.ftl", "cli.ftl", "errors.ftl", "warnings.ftl", "audit.ftl", "checks.ftl",
    "jobs.ftl", "diff.ftl", "workbook.ftl", "read.ftl", "web.ftl"
);
const EN: &[Source] = files!(
    "en": "common.ftl", "cli.ftl", "errors.ftl", "warnings.ftl", "audit.ftl", "checks.ftl",
    "jobs.ftl", "diff.ftl", "workbook.ftl", "read.ftl", "web.ftl"
);

/// The catalogue files of `lang`.
pub fn sources(lang: Lang) -> &'static [Source] {
    match lang {
        Lang::Tr => TR,
        Lang::En => EN,
    }
}
