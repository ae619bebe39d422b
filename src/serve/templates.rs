//! The page templates (`templates/web/*.hbs`, embedded in the binary) and
//! the `t` helper that fills them from the message catalogue.
//!
//! Handlebars escapes every `{{value}}`; the templates never use `{{{ }}}`
//! on text that comes from a document.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde_json::Value;

use crate::i18n::{self, Lang};

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/web/", $name, ".hbs")))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = templates!(
    "layout",
    "index",
    "document",
    "table",
    "findings",
    "finding",
    "department",
    "compare",
    "message",
);

/// The compiled templates.
pub struct Templates {
    hb: Handlebars<'static>,
}

impl Templates {
    /// Compiles the embedded templates (an error here is a bug in a template).
    pub fn new() -> anyhow::Result<Templates> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(false);
        for (name, text) in TEMPLATES {
            hb.register_template_string(name, *text)
                .map_err(|e| anyhow::anyhow!("template {name}: {e}"))?;
        }
        hb.register_helper("t", Box::new(t_helper));
        Ok(Templates { hb })
    }

    /// Renders template `name` with `data`.
    pub fn render(&self, name: &str, data: &Value) -> Result<String, handlebars::RenderError> {
        self.hb.render(name, data)
    }
}

/// `{{t "web-key" name=value …}}`: the catalogue text in the page's
/// language (the root's `lang`), escaped.
fn t_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let key = h
        .param(0)
        .and_then(|p| p.value().as_str())
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
    let lang = ctx
        .data()
        .get("lang")
        .and_then(Value::as_str)
        .and_then(Lang::parse)
        .unwrap_or(Lang::Tr);
    let args: Vec<(&str, i18n::Arg)> = h
        .hash()
        .iter()
        .map(|(k, v)| {
            let arg: i18n::Arg = match v.value() {
                Value::Number(n) => match n.as_i64() {
                    Some(i) => i.into(),
                    None => n.to_string().into(),
                },
                Value::String(s) => s.clone().into(),
                other => other.to_string().into(),
            };
            (*k, arg)
        })
        .collect();
    out.write(&handlebars::html_escape(&i18n::text(lang, key, &args)))?;
    Ok(())
}
