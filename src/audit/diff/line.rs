//! A change as one line for people (`perfprog diff`): its kind, what
//! changed and its path, the figures before and after, in the process-wide
//! language.

use rust_decimal::Decimal;

use super::{Change, ChangeKind};
use crate::normalize::format_number;

/// Values of the model's own words (whether a row is printed, a yes/no
/// mark, a layout), shown in the reader's language; any other value is
/// document text, shown as it is.
const WORDS: &[&str] = &[
    "printed",
    "not printed",
    "breakdown",
    "one line",
    "true",
    "false",
    "performance-target",
    "program-budget",
];

impl Change {
    /// The word for what changed: a program-budget alt program's goal is
    /// named apart from a strategic goal.
    fn what_word(&self) -> &str {
        if self.what == "goal" && self.path.starts_with("sub_programs[") {
            "sub_program_goal"
        } else {
            &self.what
        }
    }

    /// A figure or text as the change line shows it: amounts Turkish style,
    /// text quoted, the model's own words in the reader's language.
    fn show(&self, v: &Option<String>) -> String {
        match v {
            None => format!("({})", crate::msg!("figure-empty")),
            Some(s)
                if matches!(self.what.as_str(), "text" | "value" | "layout")
                    && WORDS.contains(&s.as_str()) =>
            {
                format!("“{}”", crate::msg!("diff-word", word = s.replace(' ', "-")))
            }
            Some(s) => match s.parse::<Decimal>() {
                Ok(d) if self.what != "text" => format_number(&d),
                _ => format!("“{s}”"),
            },
        }
    }
}

impl std::fmt::Display for Change {
    /// One line: `+ what path`, `- what path`, `~ what path: before → after`,
    /// amounts Turkish style, words in the process-wide language.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = crate::msg!("diff-what", what = self.what_word());
        let path = self.path.as_str();
        let figure = |v: &Option<String>| match v {
            Some(_) => crate::msg!("diff-figure", figure = self.show(v)).to_string(),
            None => String::new(),
        };
        let line = match self.kind {
            ChangeKind::Added => {
                crate::msg!(
                    "diff-added",
                    what = what,
                    path = path,
                    figure = figure(&self.after)
                )
            }
            ChangeKind::Removed => crate::msg!(
                "diff-removed",
                what = what,
                path = path,
                figure = figure(&self.before)
            ),
            ChangeKind::Changed if self.before.is_none() && self.after.is_none() => {
                crate::msg!("diff-changed", what = what, path = path)
            }
            ChangeKind::Changed => crate::msg!(
                "diff-changed-from-to",
                what = what,
                path = path,
                before = self.show(&self.before),
                after = self.show(&self.after)
            ),
        };
        write!(f, "{line}")
    }
}
