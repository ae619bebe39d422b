//! Comparing two documents: `perfprog diff --json` on their models (in a
//! bounded child), shown as a table of changes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::{message, Ctx};
use crate::audit::{Change, ChangeKind};
use crate::normalize::format_number;
use crate::serve::jobs::{DocId, State as JobState};
use crate::serve::AppState;

/// `GET /compare?old={id}&new={id}`: the form, and the changes when both are chosen.
pub async fn compare(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Response> {
    let done: Vec<_> = app
        .jobs
        .list()
        .into_iter()
        .filter(|s| s.status.state == JobState::Done)
        .collect();
    let old = ctx.param("old").and_then(DocId::parse);
    let new = ctx.param("new").and_then(DocId::parse);
    let option = |s: &crate::serve::jobs::Summary, chosen: &Option<DocId>| {
        json!({
            "id": s.status.id.to_string(),
            "label": format!(
                "{} {} — {}",
                s.institution.clone().unwrap_or_default(),
                s.year.map(|y| y.to_string()).unwrap_or_default(),
                s.status.file_name
            ),
            "selected": chosen.as_ref() == Some(&s.status.id),
        })
    };
    let olds: Vec<Value> = done.iter().map(|s| option(s, &old)).collect();
    let news: Vec<Value> = done.iter().map(|s| option(s, &new)).collect();
    let mut data = json!({ "olds": olds, "news": news, "enough": done.len() >= 2 });
    if let (Some(a), Some(b)) = (&old, &new) {
        let text = app.jobs.diff(a, b, ctx.lang).await.map_err(|e| {
            message(
                &app,
                &ctx,
                StatusCode::NOT_FOUND,
                "web-error-diff",
                &[("reason", e.to_string().into())],
            )
        })?;
        let changes: Vec<Change> = serde_json::from_str(&text).map_err(|e| {
            message(
                &app,
                &ctx,
                StatusCode::INTERNAL_SERVER_ERROR,
                "web-error-diff",
                &[("reason", e.to_string().into())],
            )
        })?;
        let rows: Vec<Value> = changes.iter().map(|c| change_view(&ctx, c)).collect();
        data["compared"] = json!(true);
        data["changes"] = json!(rows);
        data["count"] = json!(rows.len());
    }
    Ok(ctx.page(
        &app,
        StatusCode::OK,
        "compare",
        &ctx.t("web-compare-title", &[]),
        data,
    ))
}

fn change_view(ctx: &Ctx, c: &Change) -> Value {
    let show = |v: &Option<String>| match v {
        None => String::new(),
        Some(s) if c.what != "text" => s
            .parse::<Decimal>()
            .map(|d| format_number(&d))
            .unwrap_or_else(|_| s.clone()),
        Some(s) => s.clone(),
    };
    let kind = match c.kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
    };
    json!({
        "kind": kind,
        "kind_text": ctx.t(&format!("web-change-{kind}"), &[]),
        "what": c.what,
        "target": c.target,
        "name": c.name,
        "path": c.path,
        "before": show(&c.before),
        "after": show(&c.after),
    })
}
