//! The message catalogue: every text a person reads, in Turkish and English.
//!
//! Messages live in Fluent files (`locales/<lang>/*.ftl`, embedded at build
//! time, see [`catalogue`]); code names a message by its key and passes its
//! arguments by name. Machine fields (check names, codes, JSON keys) are
//! never translated. The language is Turkish when asked for (`--lang tr`) or
//! when the locale is Turkish (`LC_ALL`, `LC_MESSAGES` or `LANG` starting
//! with `tr`), English otherwise: the command line decides once
//! ([`set_lang`]); the library itself never reads the locale, so a program
//! that does not choose gets English.
//!
//! A text that someone may want in another language later (a finding, a
//! warning) is kept as a [`Message`]: its key and arguments, rendered when
//! shown.
//!
//! ```
//! use perfprog::i18n::{text, Lang};
//! let s = text(Lang::Tr, "i18n-example", &[("count", 3.into())]);
//! assert_eq!(s, "3 tablo okundu");
//! ```

mod catalogue;
mod message;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use catalogue::{sources, Source};
pub use message::{Message, MessageArg, VERBATIM};

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Tr,
    En,
}

impl Lang {
    /// Every language, Turkish first (the product's first language).
    pub const ALL: [Lang; 2] = [Lang::Tr, Lang::En];

    /// The language's BCP 47 code (`tr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Tr => "tr",
            Lang::En => "en",
        }
    }

    /// Parses a language code or locale name (`tr`, `TR`, `tr_TR.UTF-8`,
    /// `en-GB`); `None` for a language the catalogue does not have.
    pub fn parse(s: &str) -> Option<Lang> {
        let lang = s
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "tr" => Some(Lang::Tr),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the process's locale: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty (POSIX precedence);
    /// Turkish if it names Turkish, English otherwise.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL")
            .or_else(|| var("LC_MESSAGES"))
            .or_else(|| var("LANG"));
        match locale.as_deref().and_then(Lang::parse) {
            Some(Lang::Tr) => Lang::Tr,
            _ => Lang::En,
        }
    }
}

/// A message argument: text or a number (numbers choose plural forms).
pub type Arg<'a> = FluentValue<'a>;

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the process-wide language (the command line does this once, from
/// `--lang` or the locale).
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8 + 1, Ordering::Relaxed);
}

/// The process-wide language: the one set with [`set_lang`], else English
/// (the command line sets it from `--lang` or [`Lang::from_env`]).
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Tr,
        _ => Lang::En,
    }
}

/// The message `key` in `lang`, with its arguments. A key missing from the
/// catalogue gives the key itself (the catalogue tests keep that from
/// happening), never a panic.
pub fn text(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        fargs.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    let out: Cow<str> = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
    out.into_owned()
}

/// The message `key` in the process-wide language ([`lang`]).
pub fn t(key: &str, args: &[(&str, Arg<'_>)]) -> String {
    text(lang(), key, args)
}

/// The name of a table id (`performance_target`, `activity_cost`, …: the
/// ids of findings and warnings) in `lang`: the source's own table name in
/// Turkish; the id itself where the catalogue has no name for it.
pub fn table_name(lang: Lang, id: &str) -> String {
    let key = format!("table-{id}");
    if has(lang, &key) {
        text(lang, &key, &[])
    } else {
        id.to_string()
    }
}

/// Whether the catalogue of `lang` has the message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static TR: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::Tr => &TR,
        Lang::En => &EN,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the texts go to
    // terminals, CSV cells and PDFs, where the marks would be stray bytes.
    bundle.set_use_isolating(false);
    for source in sources(lang) {
        // A syntax error is caught by the catalogue tests; what parses is kept.
        let resource = match FluentResource::try_new(source.text.to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_parse() {
        assert_eq!(Lang::parse("tr_TR.UTF-8"), Some(Lang::Tr));
        assert_eq!(Lang::parse("TR"), Some(Lang::Tr));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("de_DE"), None);
    }

    #[test]
    fn arguments_fill_without_isolation_marks() {
        let s = text(Lang::En, "i18n-example", &[("count", 1.into())]);
        assert_eq!(s, "1 table read");
        let s = text(Lang::En, "i18n-example", &[("count", 2.into())]);
        assert_eq!(s, "2 tables read");
    }

    #[test]
    fn a_missing_key_gives_the_key() {
        assert_eq!(text(Lang::Tr, "no-such-key", &[]), "no-such-key");
    }
}
