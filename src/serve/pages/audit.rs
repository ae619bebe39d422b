//! The audit's findings (from `out/audit/audit.json`), filterable by
//! severity and check, and one finding beside its source page with the
//! stated figure and the activity highlighted.

use std::path::Path as FsPath;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::document::page_src;
use super::{load, not_found, number, Ctx};
use crate::audit::{Finding, Severity};
use crate::normalize::format_amount;
use crate::serve::AppState;

/// The findings of a built document; none when the audit file is missing
/// or unreadable.
pub fn read_findings(out: &FsPath) -> Vec<Finding> {
    std::fs::read_to_string(out.join("audit/audit.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// A finding's table, named in the page's language.
fn table_name(ctx: &Ctx, id: &str) -> String {
    crate::i18n::table_name(ctx.lang, id)
}

/// A finding as the pages show it.
fn finding_view(ctx: &Ctx, id: &str, n: usize, f: &Finding) -> Value {
    json!({
        "n": n,
        "href": format!("/doc/{id}/finding/{n}"),
        "check": f.check,
        "severity": f.severity.as_str(),
        "severity_text": ctx.t(&format!("web-severity-{}", f.severity.as_str()), &[]),
        "table": table_name(ctx, &f.table),
        "target": f.target,
        "activity": f.activity,
        "page": f.page,
        "stated": format_amount(f.stated.as_ref()),
        "computed": format_amount(f.computed.as_ref()),
        "difference": format_amount(f.difference.as_ref()),
        "message": f.message_in(ctx.lang),
    })
}

/// `GET /doc/{id}/audit?severity=…&check=…`: the findings, filtered.
pub async fn findings(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let all = read_findings(&doc.out);
    let severity = ctx.param("severity").filter(|s| !s.is_empty());
    let check = ctx.param("check").filter(|s| !s.is_empty());
    let mut checks: Vec<&str> = all.iter().map(|f| f.check.as_str()).collect();
    checks.sort_unstable();
    checks.dedup();
    let shown: Vec<Value> = all
        .iter()
        .enumerate()
        .filter(|(_, f)| severity.is_none_or(|s| s == f.severity.as_str()))
        .filter(|(_, f)| check.is_none_or(|c| c == f.check))
        .map(|(n, f)| finding_view(&ctx, doc.id.as_str(), n, f))
        .collect();
    let severities: Vec<Value> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| {
            let key = s.as_str();
            json!({ "key": key, "text": ctx.t(&format!("web-severity-{key}"), &[]), "selected": severity == Some(key) })
        })
        .collect();
    let checks: Vec<Value> = checks
        .iter()
        .map(|c| json!({ "name": c, "selected": check == Some(*c) }))
        .collect();
    let data = json!({
        "id": doc.id.to_string(),
        "institution": doc.doc.institution(),
        "year": doc.doc.fiscal_year(),
        "total": all.len(),
        "count": shown.len(),
        "findings": shown,
        "severities": severities,
        "checks": checks,
    });
    Ok(ctx.page(
        &app,
        StatusCode::OK,
        "findings",
        &ctx.t("web-audit-title", &[]),
        data,
    ))
}

/// `GET /doc/{id}/finding/{n}`: one finding beside its page, the stated
/// figure (as printed, the Turkish way) and the activity highlighted.
pub async fn finding(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let n = number(&app, &ctx, &n)?;
    let all = read_findings(&doc.out);
    let f = all.get(n).ok_or_else(|| not_found(&app, &ctx))?;
    let highlights: Vec<String> = [
        format_amount(f.stated.as_ref()),
        f.activity.clone().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    let data = json!({
        "id": doc.id.to_string(),
        "institution": doc.doc.institution(),
        "finding": finding_view(&ctx, doc.id.as_str(), n, f),
        "image": f.page.map(|p| page_src(doc.id.as_str(), p, &highlights)),
    });
    Ok(ctx.page(&app, StatusCode::OK, "finding", &f.check, data))
}
