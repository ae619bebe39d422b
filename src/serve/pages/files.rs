//! Files: page images, downloads of a document's outputs (with their
//! types and file names) and the app's own assets.

use std::io::Write;
use std::path::{Path as FsPath, PathBuf};

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::document::PAGE_WIDTH;
use super::{department_of, doc_id, load, message, not_found, Ctx, Loaded};
use crate::model::Document;
use crate::render;
use crate::serve::jobs::{DocId, InputKind, Status};
use crate::serve::AppState;

/// At most this many highlights per page image.
pub const MAX_HIGHLIGHTS: usize = 40;
/// A highlight's text is cut at this many characters.
pub const MAX_HIGHLIGHT_CHARS: usize = 200;

const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

/// `GET /assets/{file}`: the embedded script and style sheet.
pub async fn asset(State(app): State<AppState>, ctx: Ctx, Path(file): Path<String>) -> Response {
    let (body, ty) = match file.as_str() {
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        _ => return not_found(&app, &ctx),
    };
    (
        [
            (header::CONTENT_TYPE, ty),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `GET /doc/{id}/page/{n}.png?hl=…&w=…`: the source page as PNG, the
/// texts `hl` highlighted (rendered by a bounded child, cached).
pub async fn page_image(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, Response> {
    let (id, status) = doc_id(&app, &ctx, &id)?;
    let id = pdf_of(&app, id, &status);
    let page: u32 = file
        .strip_suffix(".png")
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| not_found(&app, &ctx))?;
    let width = ctx
        .param("w")
        .and_then(|w| w.parse::<u32>().ok())
        .unwrap_or(PAGE_WIDTH)
        .clamp(200, 2400);
    let highlights: Vec<String> = ctx
        .params("hl")
        .into_iter()
        .take(MAX_HIGHLIGHTS)
        .map(|h| h.chars().take(MAX_HIGHLIGHT_CHARS).collect())
        .collect();
    let path = app
        .jobs
        .page_image(&id, page, width, &highlights)
        .await
        .map_err(|e| {
            message(
                &app,
                &ctx,
                StatusCode::NOT_FOUND,
                "web-error-page-image",
                &[("reason", e.to_string().into())],
            )
        })?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| not_found(&app, &ctx))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "max-age=86400"),
        ],
        bytes,
    )
        .into_response())
}

/// The document whose pages show `id`: itself when it is a PDF; for a
/// model, text or workbook, the uploaded PDF its model was read from (the
/// model's `source.sha256` is that PDF's id), when the workspace has it.
fn pdf_of(app: &AppState, id: DocId, status: &Status) -> DocId {
    if status.kind == InputKind::Pdf {
        return id;
    }
    let source = app
        .jobs
        .output(&id)
        .and_then(|out| std::fs::read_to_string(out.join("programme.json")).ok())
        .and_then(|text| Document::from_json(&text).ok())
        .and_then(|doc| DocId::parse(&doc.source().sha256))
        .filter(|src| {
            app.jobs
                .status(src)
                .is_some_and(|s| s.kind == InputKind::Pdf)
        });
    source.unwrap_or(id)
}

/// `GET /doc/{id}/download/{what}`: one of the document's outputs.
pub async fn download(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let stem = report_name(&doc.doc).trim_end_matches(".pdf").to_string();
    let file = |rel: &str, ty: &'static str, name: String| (doc.out.join(rel), ty, name);
    let (path, ty, name): (PathBuf, &str, String) = match what.as_str() {
        "report" => file(
            &report_name(&doc.doc),
            "application/pdf",
            report_name(&doc.doc),
        ),
        "model" => file("programme.json", "application/json", format!("{stem}.json")),
        "audit.pdf" => file(
            "audit/audit.pdf",
            "application/pdf",
            format!("{stem}-denetim.pdf"),
        ),
        "audit.json" => file(
            "audit/audit.json",
            "application/json",
            format!("{stem}-denetim.json"),
        ),
        "audit.csv" => file(
            "audit/audit.csv",
            "text/csv; charset=utf-8",
            format!("{stem}-denetim.csv"),
        ),
        "audit.xlsx" => file("audit/audit.xlsx", XLSX, format!("{stem}-denetim.xlsx")),
        "workbook" => return workbook(&app, &ctx, &doc, &stem).await,
        "departments.zip" => return departments_zip(&app, &ctx, &doc, &stem).await,
        _ => return Err(not_found(&app, &ctx)),
    };
    send_file(&app, &ctx, &path, ty, &name).await
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /doc/{id}/download/department/{slug}`: a unit's extract.
pub async fn department_pdf(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, slug)): Path<(String, String)>,
) -> Result<Response, Response> {
    let doc = load(&app, &ctx, &id)?;
    let dept = department_of(&app, &ctx, &doc, &slug)?;
    send_file(
        &app,
        &ctx,
        &doc.out.join("departments").join(&dept.file),
        "application/pdf",
        &dept.file,
    )
    .await
}

fn report_name(doc: &Document) -> String {
    match doc {
        Document::Targets(p) => render::report_file_name(p),
        Document::Budget(b) => render::budget::report_file_name(b),
    }
}

async fn send_file(
    app: &AppState,
    ctx: &Ctx,
    path: &FsPath,
    ty: &'static str,
    name: &str,
) -> Result<Response, Response> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|_| not_found(app, ctx))?;
    Ok(attachment(bytes, ty, name))
}

/// A download: its type and [`content_disposition`].
pub fn attachment(bytes: Vec<u8>, ty: &'static str, name: &str) -> Response {
    let mut r = ([(header::CONTENT_TYPE, ty)], bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&content_disposition(name)) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// `attachment` with the file name as an ASCII fallback (Turkish letters
/// folded, anything else outside `[A-Za-z0-9._-]` as `_`) and as the UTF-8
/// name of RFC 5987 (`filename*`).
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| match c {
            'İ' => 'I',
            'ı' => 'i',
            'Ş' => 'S',
            'ş' => 's',
            'Ğ' => 'G',
            'ğ' => 'g',
            'Ü' => 'U',
            'ü' => 'u',
            'Ö' => 'O',
            'ö' => 'o',
            'Ç' => 'C',
            'ç' => 'c',
            c if c.is_ascii_alphanumeric() || "._-".contains(c) => c,
            _ => '_',
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(name, NON_ALPHANUMERIC)
    )
}

/// The model as a workbook (`perfprog export`'s layout), made on request.
async fn workbook(
    app: &AppState,
    ctx: &Ctx,
    doc: &Loaded,
    stem: &str,
) -> Result<Response, Response> {
    let d = doc.doc.clone();
    let bytes = tokio::task::spawn_blocking(move || crate::workbook::export_document(&d))
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r)
        .map_err(|e| {
            message(
                app,
                ctx,
                StatusCode::INTERNAL_SERVER_ERROR,
                "web-error-store",
                &[("reason", e.into())],
            )
        })?;
    Ok(attachment(bytes, XLSX, &format!("{stem}.xlsx")))
}

/// Every department extract and the index as one zip (stored: PDFs are
/// compressed already).
async fn departments_zip(
    app: &AppState,
    ctx: &Ctx,
    doc: &Loaded,
    stem: &str,
) -> Result<Response, Response> {
    let dir = doc.out.join("departments");
    let bytes = tokio::task::spawn_blocking(move || zip_dir(&dir))
        .await
        .map_err(std::io::Error::other)
        .and_then(|r| r)
        .map_err(|e| {
            message(
                app,
                ctx,
                StatusCode::NOT_FOUND,
                "web-error-store",
                &[("reason", e.to_string().into())],
            )
        })?;
    Ok(attachment(
        bytes,
        "application/zip",
        &format!("{stem}-birimler.zip"),
    ))
}

/// The regular files of `dir` (not its subfolders) as a zip.
fn zip_dir(dir: &FsPath) -> std::io::Result<Vec<u8>> {
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((e.file_name().to_str()?.to_string(), e.path())))
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, path) in names {
        zip.start_file(name, opts).map_err(std::io::Error::other)?;
        zip.write_all(&std::fs::read(path)?)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
