//! A document's page (status, overview, tables, downloads, departments),
//! one table beside its source page, and one department.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::home::state_text;
use super::{department_of, doc_id, load, not_found, number, Ctx};
use crate::serve::jobs::State as JobState;
use crate::serve::views;
use crate::serve::AppState;

/// The width (CSS pixels × 2) page images are rendered at.
pub const PAGE_WIDTH: u32 = 1100;

/// `GET /doc/{id}`: the job's state; when done, the result.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, Response> {
    let (id, status) = doc_id(&app, &ctx, &id)?;
    let running = matches!(
        status.state,
        JobState::Queued { .. } | JobState::Running { .. }
    );
    let mut data = json!({
        "id": id.to_string(),
        "file_name": status.file_name,
        "state": state_text(&ctx, &status),
        "running": running,
        "failed": matches!(status.state, JobState::Failed { .. }),
        "warnings": status.warnings,
    });
    let mut title = status.file_name.clone();
    if status.state == JobState::Done {
        let doc = load(&app, &ctx, id.as_str())?;
        let overview = views::overview(&doc.doc, ctx.lang);
        title = format!("{} {}", overview.institution, overview.year);
        let tables: Vec<Value> = views::tables(&doc.doc, ctx.lang)
            .iter()
            .enumerate()
            .map(|(n, t)| json!({ "n": n, "title": t.title, "kind": t.kind, "page": t.page }))
            .collect();
        let departments: Vec<Value> = views::departments(&doc.doc, ctx.lang)
            .iter()
            .map(|d| json!({ "slug": d.slug, "name": d.name, "count": d.activities.rows.len() }))
            .collect();
        let findings = super::audit::read_findings(&doc.out);
        let count = |s: crate::audit::Severity| findings.iter().filter(|f| f.severity == s).count();
        let has = |p: &str| doc.out.join(p).is_file();
        data["done"] = json!(true);
        data["overview"] = json!(overview);
        data["tables"] = json!(tables);
        data["departments"] = json!(departments);
        data["findings"] = json!({
            "errors": count(crate::audit::Severity::Error),
            "warnings": count(crate::audit::Severity::Warning),
            "infos": count(crate::audit::Severity::Info),
        });
        data["has_audit_xlsx"] = json!(has("audit/audit.xlsx"));
        data["has_departments"] = json!(!departments.is_empty());
    }
    Ok(ctx.page(&app, StatusCode::OK, "document", &title, data))
}

/// `GET /doc/{id}/table/{n}`: table `n` beside its source page, its rows highlighted.
pub async fn table(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let n = number(&app, &ctx, &n)?;
    let tables = views::tables(&doc.doc, ctx.lang);
    let table = tables.get(n).ok_or_else(|| not_found(&app, &ctx))?;
    let data = json!({
        "id": doc.id.to_string(),
        "institution": doc.doc.institution(),
        "table": table,
        "image": table.page.map(|p| page_src(doc.id.as_str(), p, &table.highlights)),
        "prev": n.checked_sub(1),
        "next": (n + 1 < tables.len()).then_some(n + 1),
        "n": n + 1,
        "count": tables.len(),
    });
    Ok(ctx.page(&app, StatusCode::OK, "table", &table.title, data))
}

/// The URL of a page image with `highlights` (bounded in number and length).
pub fn page_src(id: &str, page: u32, highlights: &[String]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for h in highlights
        .iter()
        .filter(|h| !h.trim().is_empty())
        .take(super::files::MAX_HIGHLIGHTS)
    {
        q.append_pair(
            "hl",
            &h.chars()
                .take(super::files::MAX_HIGHLIGHT_CHARS)
                .collect::<String>(),
        );
    }
    let q = q.finish();
    if q.is_empty() {
        format!("/doc/{id}/page/{page}.png")
    } else {
        format!("/doc/{id}/page/{page}.png?{q}")
    }
}

/// `GET /doc/{id}/department/{slug}`: a unit's activities, totals and extract.
pub async fn department(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, slug)): Path<(String, String)>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let dept = department_of(&app, &ctx, &doc, &slug)?;
    let has_pdf = doc.out.join("departments").join(&dept.file).is_file();
    let data = json!({
        "id": doc.id.to_string(),
        "institution": doc.doc.institution(),
        "year": doc.doc.fiscal_year(),
        "department": dept,
        "has_pdf": has_pdf,
    });
    Ok(ctx.page(&app, StatusCode::OK, "department", &dept.name, data))
}
