//! `perfprog serve`: a local web app over the library, Turkish first.
//!
//! The server is a thin layer: an upload becomes a job of [`jobs::Jobs`],
//! which runs `perfprog build` (and page images, diffs) in child processes
//! of the perfprog binary, so a hostile file fails its own job and never
//! the server. The pages are rendered on the server with handlebars
//! (`templates/web/*.hbs`, embedded; document text always escaped), their
//! texts from the message catalogue (`locales/*/web.ftl`).
//!
//! Safety defaults ([`security`]): loopback unless told otherwise; any
//! other address needs an access token (generated when not given); uploads
//! bounded in size (413 before the body is read); POSTs checked for a
//! same-origin `Origin` and a CSRF token; no client string becomes a path
//! except through [`jobs::DocId::parse`] and integers.

pub mod jobs;
mod pages;
mod security;
mod templates;
mod views;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
pub use pages::files::content_disposition;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on (default `127.0.0.1:8080`).
    pub listen: SocketAddr,
    /// The folder of the documents (one folder per document, by hash).
    pub workspace: PathBuf,
    /// The access token; generated for a non-loopback address when `None`.
    pub token: Option<String>,
    /// Bounds on uploads and jobs.
    pub limits: jobs::Limits,
    /// The perfprog binary the jobs run.
    pub exe: PathBuf,
}

impl Options {
    /// The defaults: `127.0.0.1:8080`, [`default_workspace`], no token,
    /// default limits, the running binary.
    pub fn new(exe: PathBuf) -> Options {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            workspace: default_workspace(),
            token: None,
            limits: jobs::Limits::default(),
            exe,
        }
    }
}

/// The default workspace: `$XDG_DATA_HOME/perfprog`, else
/// `~/.local/share/perfprog`, else `outputs/workspace`.
pub fn default_workspace() -> PathBuf {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = var("XDG_DATA_HOME") {
        return d.join("perfprog");
    }
    if let Some(h) = var("HOME") {
        return h.join(".local/share/perfprog");
    }
    PathBuf::from("outputs/workspace")
}

/// What every handler shares.
pub(crate) struct App {
    pub jobs: jobs::Jobs,
    pub limits: jobs::Limits,
    pub token: Option<String>,
    pub templates: templates::Templates,
}

pub(crate) type AppState = Arc<App>;

/// A bound server, not yet serving: its address is known (port 0 picks one).
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
    url: String,
    token: Option<String>,
}

impl Server {
    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The address to open, with `?token=` when there is a token.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The access token in force, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the web server stopped")
    }
}

/// Opens the workspace and binds the address: a non-loopback address
/// without a token gets a generated one.
pub async fn bind(options: Options) -> anyhow::Result<Server> {
    let token = match options.token {
        Some(t) if t.trim().is_empty() => anyhow::bail!("the access token is empty"),
        Some(t) => Some(t),
        None if options.listen.ip().is_loopback() => None,
        None => Some(security::random_token()?),
    };
    let jobs = jobs::Jobs::open(&options.workspace, options.limits.clone(), options.exe)
        .with_context(|| {
            format!(
                "failed to open the workspace {}",
                options.workspace.display()
            )
        })?;
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .with_context(|| format!("failed to listen on {}", options.listen))?;
    let addr = listener.local_addr()?;
    let mut url = format!("http://{addr}/");
    if let Some(t) = &token {
        url.push_str("?token=");
        url.push_str(t);
    }
    let app = Arc::new(App {
        jobs,
        limits: options.limits,
        token: token.clone(),
        templates: templates::Templates::new()?,
    });
    Ok(Server {
        listener,
        router: router(app),
        url,
        token,
    })
}

/// Binds and serves until `shutdown` completes.
pub async fn serve(
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let server = bind(options).await?;
    println!("perfprog serve: {}", server.url());
    server.run(shutdown).await
}

/// Runs the server on its own runtime until Ctrl-C (or SIGTERM).
pub fn run(options: Options) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("failed to start the async runtime")?;
    rt.block_on(serve(options, stop_signal()))
}

/// Ctrl-C or SIGTERM.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("perfprog serve: stopping");
}

fn router(app: AppState) -> Router {
    use pages::{audit, compare, document, files, home};
    // The multipart parser stops at the upload limit (a chunked body has no
    // Content-Length for the security layer to refuse up front).
    let body_limit = usize::try_from(app.limits.max_upload_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(security::FORM_OVERHEAD);
    Router::new()
        .route("/", get(home::index))
        .route("/upload", post(home::upload))
        .route("/doc/{id}", get(document::show))
        .route("/doc/{id}/status.json", get(home::status_json))
        .route("/doc/{id}/table/{n}", get(document::table))
        .route("/doc/{id}/page/{file}", get(files::page_image))
        .route("/doc/{id}/audit", get(audit::findings))
        .route("/doc/{id}/finding/{n}", get(audit::finding))
        .route("/doc/{id}/department/{slug}", get(document::department))
        .route("/doc/{id}/download/{what}", get(files::download))
        .route(
            "/doc/{id}/download/department/{slug}",
            get(files::department_pdf),
        )
        .route("/compare", get(compare::compare))
        .route("/assets/{file}", get(files::asset))
        .fallback(pages::fallback)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            security::guard,
        ))
        .with_state(app)
}
