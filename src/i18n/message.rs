//! A message kept as its key and arguments, so that it can be shown in any
//! language later: findings and warnings carry one, and `audit.json` writes
//! it beside the text (`message_id`, `message_args`).

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::{lang, text, Lang};

/// A catalogue message: its key and its named arguments.
///
/// ```
/// use perfprog::i18n::{Lang, Message};
/// let m = Message::new("i18n-example").arg("count", 2);
/// assert_eq!(m.render(Lang::Tr), "2 tablo okundu");
/// assert_eq!(m.render(Lang::En), "2 tables read");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Message {
    /// The catalogue key (`audit-target-line-sum`).
    #[serde(rename = "message_id", default)]
    pub key: String,
    /// The arguments by name: numbers, text, or messages rendered in the
    /// same language.
    #[serde(rename = "message_args", default)]
    pub args: BTreeMap<String, MessageArg>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MessageArg {
    /// A number (counts and pages; numbers choose plural forms).
    Number(i64),
    /// Text from the document or a figure already formatted.
    Text(String),
    /// A message of its own, rendered in the same language.
    Message(Message),
}

/// The key of a message whose text is kept as it is, untranslated (see
/// [`Message::verbatim`]).
pub const VERBATIM: &str = "verbatim";

impl Message {
    /// The message `key` without arguments.
    pub fn new(key: &str) -> Message {
        Message {
            key: key.to_string(),
            args: BTreeMap::new(),
        }
    }

    /// A text that is not in the catalogue, shown as it is in every language
    /// (text from another library, or a reason already put in words).
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message::new(VERBATIM).arg("text", text.into())
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &str, value: impl Into<MessageArg>) -> Message {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    MessageArg::Number(n) => FluentValue::from(*n),
                    MessageArg::Text(s) => FluentValue::from(s.as_str()),
                    MessageArg::Message(m) => FluentValue::from(m.render(lang)),
                };
                (name.as_str(), v)
            })
            .collect();
        text(lang, &self.key, &args)
    }
}

impl Message {
    /// Whether the message, in the process-wide language, contains `pat`
    /// (as `str::contains`; for filters and tests).
    pub fn contains(&self, pat: &str) -> bool {
        self.to_string().contains(pat)
    }

    /// Whether the message, in the process-wide language, starts with `pat`.
    pub fn starts_with(&self, pat: &str) -> bool {
        self.to_string().starts_with(pat)
    }
}

/// A message equals a text when it reads so in the process-wide language.
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        let text = self.to_string();
        text == *other
    }
}

/// The message in the process-wide language ([`lang`]).
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(lang()))
    }
}

impl From<String> for Message {
    fn from(s: String) -> Message {
        Message::verbatim(s)
    }
}

impl From<&str> for Message {
    fn from(s: &str) -> Message {
        Message::verbatim(s)
    }
}

/// The message in the process-wide language, for errors that keep text.
impl From<Message> for String {
    fn from(m: Message) -> String {
        m.to_string()
    }
}

impl From<String> for MessageArg {
    fn from(s: String) -> MessageArg {
        MessageArg::Text(s)
    }
}

impl From<&str> for MessageArg {
    fn from(s: &str) -> MessageArg {
        MessageArg::Text(s.to_string())
    }
}

impl From<&String> for MessageArg {
    fn from(s: &String) -> MessageArg {
        MessageArg::Text(s.clone())
    }
}

impl From<Message> for MessageArg {
    fn from(m: Message) -> MessageArg {
        MessageArg::Message(m)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for MessageArg {
            fn from(n: $t) -> MessageArg {
                MessageArg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(usize, u32, u64, i32, u8, u16);

impl From<i64> for MessageArg {
    fn from(n: i64) -> MessageArg {
        MessageArg::Number(n)
    }
}

/// A [`Message`] from its key and named arguments:
/// `msg!("audit-cost-total", page = 12, name = n)`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($key)$(.arg(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_messages_render_in_the_same_language() {
        let inner = Message::new("i18n-example").arg("count", 3);
        let m = Message::verbatim("x").arg("text", inner);
        assert_eq!(m.render(Lang::Tr), "3 tablo okundu");
    }

    #[test]
    fn serializes_with_its_id_and_arguments() {
        let m = crate::msg!("i18n-example", count = 2usize);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(
            json,
            r#"{"message_id":"i18n-example","message_args":{"count":2}}"#
        );
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }
}
