//! The handlers, one module per page family, and what they share: the
//! request's context ([`Ctx`]: language, query, CSRF token), page rendering
//! and loading a document's outputs.

// The helpers give the page to answer with as their error (an axum
// `Response`, which handlers return as is): its size is that of a response.
#![allow(clippy::result_large_err)]

pub mod audit;
pub mod compare;
pub mod document;
pub mod files;
pub mod home;

use std::path::PathBuf;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde_json::{json, Value};

use super::jobs::{DocId, State, Status};
use super::security::{cookie, random_token, CSRF_COOKIE};
use super::AppState;
use crate::i18n::{self, Arg, Lang};
use crate::model::Document;

/// What a handler knows of its request beyond its path: the language, the
/// query parameters and the CSRF token of the browser.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    /// The language was chosen with `?lang=` (remembered in a cookie).
    lang_chosen: bool,
    query: Vec<(String, String)>,
    path: String,
    /// The browser's CSRF token (from its cookie, or new).
    pub csrf: String,
    new_csrf: bool,
}

impl Ctx {
    /// Reads the context from a request's head.
    pub fn from_parts(parts: &Parts) -> Ctx {
        let query: Vec<(String, String)> = parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        let from_query = query
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Lang::parse(v));
        let from_cookie = cookie(&parts.headers, "lang").and_then(|v| Lang::parse(&v));
        let from_header = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| Lang::parse(v.split(';').next().unwrap_or("").trim()));
        let lang = from_query
            .or(from_cookie)
            .or(from_header)
            .unwrap_or(Lang::Tr);
        let existing = cookie(&parts.headers, CSRF_COOKIE)
            .filter(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()));
        let new_csrf = existing.is_none();
        Ctx {
            lang,
            lang_chosen: from_query.is_some(),
            query,
            path: parts.uri.path().to_string(),
            csrf: existing.unwrap_or_else(|| random_token().unwrap_or_default()),
            new_csrf,
        }
    }

    /// The first value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of query parameter `key`.
    pub fn params(&self, key: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A catalogue text in the request's language.
    pub fn t(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        i18n::text(self.lang, key, args)
    }

    /// This page in `lang`: the same path and query, `lang` replaced.
    fn switch_href(&self, lang: Lang) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self
            .query
            .iter()
            .filter(|(k, _)| k != "lang" && k != "token")
        {
            q.append_pair(k, v);
        }
        q.append_pair("lang", lang.code());
        format!("{}?{}", self.path, q.finish())
    }

    /// Renders `template` inside the common layout, with `data` beside the
    /// layout's fields (language, switch links, CSRF token, title).
    pub fn page(
        &self,
        app: &AppState,
        status: StatusCode,
        template: &str,
        title: &str,
        mut data: Value,
    ) -> Response {
        if let Value::Object(map) = &mut data {
            map.insert("lang".into(), json!(self.lang.code()));
            map.insert("lang_tr_href".into(), json!(self.switch_href(Lang::Tr)));
            map.insert("lang_en_href".into(), json!(self.switch_href(Lang::En)));
            map.insert("csrf".into(), json!(self.csrf));
            map.insert("title".into(), json!(title));
        }
        let html = match app.templates.render(template, &data) {
            Ok(html) => html,
            Err(e) => {
                return (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("template {template}: {e}"),
                )
                    .into_response()
            }
        };
        let mut r = (status, Html(html)).into_response();
        self.cookies(&mut r);
        r
    }

    /// Sets the language and CSRF cookies this request calls for.
    pub fn cookies(&self, r: &mut Response) {
        let mut set = |c: String| {
            if let Ok(v) = HeaderValue::from_str(&c) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
        };
        if self.lang_chosen {
            set(format!(
                "lang={}; Path=/; SameSite=Lax; Max-Age=31536000",
                self.lang.code()
            ));
        }
        if self.new_csrf && !self.csrf.is_empty() {
            set(format!(
                "{CSRF_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
                self.csrf
            ));
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Ctx, Self::Rejection> {
        Ok(match parts.extensions.get::<Ctx>() {
            Some(c) => c.clone(),
            None => Ctx::from_parts(parts),
        })
    }
}

/// A page with one message (an error or a refusal), with `status`.
pub fn message(
    app: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    key: &str,
    args: &[(&str, Arg<'_>)],
) -> Response {
    let text = ctx.t(key, args);
    let heading = ctx.t(
        "web-error-heading",
        &[("status", status.as_u16().to_string().into())],
    );
    ctx.page(
        app,
        status,
        "message",
        &heading,
        json!({ "message": text, "heading": heading }),
    )
}

/// Any path the app does not have.
pub async fn fallback(
    axum::extract::State(app): axum::extract::State<AppState>,
    ctx: Ctx,
) -> Response {
    not_found(&app, &ctx)
}

/// The 404 page.
pub fn not_found(app: &AppState, ctx: &Ctx) -> Response {
    message(app, ctx, StatusCode::NOT_FOUND, "web-error-not-found", &[])
}

/// The department of `doc` whose slug is `slug`, or a 404 (the slug is
/// looked up in the model's list, never joined into a path).
pub fn department_of(
    app: &AppState,
    ctx: &Ctx,
    doc: &Loaded,
    slug: &str,
) -> Result<crate::serve::views::Department, Response> {
    crate::serve::views::departments(&doc.doc, ctx.lang)
        .into_iter()
        .find(|d| d.slug == slug)
        .ok_or_else(|| not_found(app, ctx))
}

/// A document whose job is done: its id, output folder and model.
pub struct Loaded {
    pub id: DocId,
    pub out: PathBuf,
    pub doc: Document,
}

/// The id of a path segment, or a 404 page (a client string becomes part
/// of a path only through [`DocId::parse`]).
pub fn doc_id(app: &AppState, ctx: &Ctx, s: &str) -> Result<(DocId, Status), Response> {
    DocId::parse(s)
        .and_then(|id| app.jobs.status(&id).map(|st| (id, st)))
        .ok_or_else(|| {
            message(
                app,
                ctx,
                StatusCode::NOT_FOUND,
                "web-error-no-document",
                &[],
            )
        })
}

/// The finished document `s`, its model read from `out/programme.json`.
pub fn load(app: &AppState, ctx: &Ctx, s: &str) -> Result<Loaded, Response> {
    let (id, status) = doc_id(app, ctx, s)?;
    let not_ready = || message(app, ctx, StatusCode::NOT_FOUND, "web-error-not-ready", &[]);
    if status.state != State::Done {
        return Err(not_ready());
    }
    let out = app.jobs.output(&id).ok_or_else(not_ready)?;
    let text = std::fs::read_to_string(out.join("programme.json")).map_err(|_| not_ready())?;
    let doc = Document::from_json(&text).map_err(|_| not_ready())?;
    Ok(Loaded { id, out, doc })
}

/// An integer path segment (a table, finding or page number), or a 404.
pub fn number(app: &AppState, ctx: &Ctx, s: &str) -> Result<usize, Response> {
    s.parse::<usize>().map_err(|_| not_found(app, ctx))
}
