//! The server's guard: access token, cross-site request checks, request
//! size limits and security headers, applied to every request before its
//! handler (and before its body is read).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::pages::{message, Ctx};
use super::AppState;

/// Room for the multipart framing and the small fields beside the file.
pub const FORM_OVERHEAD: usize = 64 * 1024;

/// The cookie holding the access token after the first `?token=`.
pub const TOKEN_COOKIE: &str = "perfprog_token";

/// The cookie the CSRF field of a form must match.
pub const CSRF_COOKIE: &str = "perfprog_csrf";

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// 32 random bytes from the OS, as 64 hex digits.
pub fn random_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness from the OS: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The guard around every handler.
pub async fn guard(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let ctx = Ctx::from_parts(&parts);
    let mut set_token = None;
    if let Some(token) = &app.token {
        let by_cookie =
            cookie(&parts.headers, TOKEN_COOKIE).is_some_and(|c| same_secret(&c, token));
        let by_query = ctx.param("token").is_some_and(|q| same_secret(q, token));
        if !by_cookie && !by_query {
            return harden(message(
                &app,
                &ctx,
                StatusCode::UNAUTHORIZED,
                "web-error-token",
                &[],
            ));
        }
        if by_query && !by_cookie {
            set_token = Some(token.clone());
        }
    }
    if parts.method != Method::GET && parts.method != Method::HEAD && cross_site(&parts.headers) {
        return harden(message(
            &app,
            &ctx,
            StatusCode::FORBIDDEN,
            "web-error-cross-site",
            &[],
        ));
    }
    let limit = app
        .limits
        .max_upload_bytes
        .saturating_add(FORM_OVERHEAD as u64);
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        let mb = (app.limits.max_upload_bytes >> 20).to_string();
        let mut r = message(
            &app,
            &ctx,
            StatusCode::PAYLOAD_TOO_LARGE,
            "web-error-too-large",
            &[("limit", mb.into())],
        );
        // The body is not read: the connection closes after this answer.
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return harden(r);
    }
    parts.extensions.insert(ctx);
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(t) = set_token {
        let c = format!("{TOKEN_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict");
        if let Ok(v) = HeaderValue::from_str(&c) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    harden(response)
}

/// Whether a state-changing request comes from another site: the browser
/// says so (`Sec-Fetch-Site: cross-site`), or its `Origin` is not this host.
fn cross_site(headers: &HeaderMap) -> bool {
    let get = |h: &header::HeaderName| headers.get(h).and_then(|v| v.to_str().ok());
    if get(&header::HeaderName::from_static("sec-fetch-site")).is_some_and(|s| s == "cross-site") {
        return true;
    }
    match (get(&header::ORIGIN), get(&header::HOST)) {
        (None, _) => false,
        (Some(origin), Some(host)) => {
            let origin = origin.trim_end_matches('/');
            origin != format!("http://{host}") && origin != format!("https://{host}")
        }
        (Some(_), None) => true,
    }
}

/// Adds the security headers to a response.
fn harden(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}
