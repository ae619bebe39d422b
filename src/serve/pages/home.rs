//! The start page (upload form, earlier documents), the upload itself and
//! a job's status as JSON (for `app.js`'s live progress).

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::{json, Value};

use super::{doc_id, message, Ctx};
use crate::serve::jobs::{State as JobState, Status, SubmitError, Summary};
use crate::serve::security::same_secret;
use crate::serve::AppState;

/// At most this many multipart fields are read (the form has two).
const MAX_FIELDS: usize = 8;

/// The longest file name kept for display.
const MAX_NAME: usize = 200;

/// `GET /`: the upload form and the documents processed so far.
pub async fn index(State(app): State<AppState>, ctx: Ctx) -> Response {
    let documents: Vec<Value> = app.jobs.list().iter().map(|s| summary(&ctx, s)).collect();
    let data = json!({
        "documents": documents,
        "limit_mb": app.limits.max_upload_bytes >> 20,
    });
    ctx.page(
        &app,
        StatusCode::OK,
        "index",
        &ctx.t("web-index-title", &[]),
        data,
    )
}

fn summary(ctx: &Ctx, s: &Summary) -> Value {
    json!({
        "id": s.status.id.to_string(),
        "file_name": s.status.file_name,
        "state": state_text(ctx, &s.status),
        "failed": matches!(s.status.state, JobState::Failed { .. }),
        "institution": s.institution,
        "year": s.year,
        "layout": s.layout.map(|l| crate::serve::views::layout_name(l, ctx.lang)),
    })
}

/// A job's state in words.
pub fn state_text(ctx: &Ctx, s: &Status) -> String {
    match &s.state {
        JobState::Queued { position } => ctx.t(
            "web-state-queued",
            &[("position", (*position as i64).into())],
        ),
        JobState::Running { stage, done, total } if *total > 0 => ctx.t(
            "web-state-running-pages",
            &[
                ("stage", stage.clone().into()),
                ("done", i64::from(*done).into()),
                ("total", i64::from(*total).into()),
            ],
        ),
        JobState::Running { stage, .. } => {
            ctx.t("web-state-running", &[("stage", stage.clone().into())])
        }
        JobState::Done => ctx.t("web-state-done", &[]),
        JobState::Failed { message } => {
            ctx.t("web-state-failed", &[("message", message.clone().into())])
        }
    }
}

/// `POST /upload`: the multipart form (`csrf`, `file`) → a job; redirects
/// to the document's page.
pub async fn upload(State(app): State<AppState>, ctx: Ctx, mut form: Multipart) -> Response {
    let mut csrf: Option<String> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    for _ in 0..MAX_FIELDS {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return form_error(&app, &ctx, e.status()),
        };
        match field.name() {
            Some("csrf") => match field.text().await {
                Ok(t) => csrf = Some(t),
                Err(e) => return form_error(&app, &ctx, e.status()),
            },
            Some("file") => {
                let name: String = field
                    .file_name()
                    .unwrap_or("")
                    .chars()
                    .take(MAX_NAME)
                    .collect();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(e) => return form_error(&app, &ctx, e.status()),
                }
            }
            _ => {}
        }
    }
    if !csrf
        .as_deref()
        .is_some_and(|c| !ctx.csrf.is_empty() && same_secret(c, &ctx.csrf))
    {
        return message(&app, &ctx, StatusCode::FORBIDDEN, "web-error-csrf", &[]);
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return message(
            &app,
            &ctx,
            StatusCode::BAD_REQUEST,
            "web-error-no-file",
            &[],
        );
    };
    if bytes.len() as u64 > app.limits.max_upload_bytes {
        return too_large(&app, &ctx);
    }
    let name = if name.trim().is_empty() {
        ctx.t("web-unnamed", &[])
    } else {
        name
    };
    let jobs = app.jobs.clone();
    let lang = ctx.lang;
    // `submit` writes the upload to disk: off the async workers.
    let submitted = tokio::task::spawn_blocking(move || jobs.submit(&name, bytes, lang)).await;
    match submitted {
        Ok(Ok(id)) => {
            let mut r = Redirect::to(&format!("/doc/{id}")).into_response();
            ctx.cookies(&mut r);
            r
        }
        Ok(Err(e)) => {
            let status = match e {
                SubmitError::QueueFull { .. } => StatusCode::SERVICE_UNAVAILABLE,
                SubmitError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                SubmitError::Unsupported { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                SubmitError::Empty => StatusCode::BAD_REQUEST,
                SubmitError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
            };
            message(
                &app,
                &ctx,
                status,
                "web-error-upload",
                &[("reason", e.message(ctx.lang).into())],
            )
        }
        Err(e) => message(
            &app,
            &ctx,
            StatusCode::INTERNAL_SERVER_ERROR,
            "web-error-store",
            &[("reason", e.to_string().into())],
        ),
    }
}

fn too_large(app: &AppState, ctx: &Ctx) -> Response {
    let mb = (app.limits.max_upload_bytes >> 20).to_string();
    message(
        app,
        ctx,
        StatusCode::PAYLOAD_TOO_LARGE,
        "web-error-too-large",
        &[("limit", mb.into())],
    )
}

/// A multipart error: a body over the limit (413) or a malformed form (400).
fn form_error(app: &AppState, ctx: &Ctx, status: StatusCode) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(app, ctx)
    } else {
        message(app, ctx, StatusCode::BAD_REQUEST, "web-error-bad-form", &[])
    }
}

/// `GET /doc/{id}/status.json`: the job's state for live progress.
pub async fn status_json(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let status = match doc_id(&app, &ctx, &id) {
        Ok((_, s)) => s,
        Err(r) => return r,
    };
    let (stage, done, total) = match &status.state {
        JobState::Running { stage, done, total } => (Some(stage.clone()), *done, *total),
        _ => (None, 0, 0),
    };
    let body = json!({
        "state": match status.state {
            JobState::Queued { .. } => "queued",
            JobState::Running { .. } => "running",
            JobState::Done => "done",
            JobState::Failed { .. } => "failed",
        },
        "text": state_text(&ctx, &status),
        "stage": stage,
        "done": done,
        "total": total,
        "finished": matches!(status.state, JobState::Done | JobState::Failed { .. }),
    });
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.to_string(),
    )
        .into_response()
}
