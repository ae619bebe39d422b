//! `perfprog serve` over HTTP (issue 20 items 1 and 2): the server runs in
//! the test on 127.0.0.1 port 0 (or 0.0.0.0 for the token test) with a
//! scratch workspace, its jobs in children of the release binary. Checked:
//! a declared oversized upload gets 413 before its body is sent; a
//! non-loopback address gets a generated token and requests without it get
//! 401; an HTML-laden file name shows as text; a cross-site POST and a POST
//! without the CSRF token get 403; downloads carry their type and name.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use perfprog::serve::{jobs::Limits, Options};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::util::{root, workdir};

/// A server running for one test; stopped when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    pub token: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

impl TestServer {
    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.addr.port())
    }
}

/// Starts a server as `perfprog serve` does, on a runtime of its own in a
/// thread of its own (the browser test's own runtime stays free).
pub fn start_apart(name: &str) -> TestServer {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let name = name.to_string();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let server = start(&name, "127.0.0.1:0", Limits::default()).await;
            ready_tx.send((server.addr, server.token.clone())).unwrap();
            let _ = rx.await;
            drop(server);
            tokio::time::sleep(Duration::from_millis(200)).await;
        });
    });
    let (addr, token) = ready_rx.recv().unwrap();
    TestServer {
        addr,
        token,
        stop: Some(tx),
    }
}

/// Starts a server on `listen` with a fresh workspace named after the test.
pub async fn start(name: &str, listen: &str, limits: Limits) -> TestServer {
    let mut options = Options::new(PathBuf::from(env!("CARGO_BIN_EXE_perfprog")));
    options.listen = listen.parse().unwrap();
    options.workspace = workdir(&format!("serve-{name}"));
    options.limits = limits;
    let server = perfprog::serve::bind(options).await.unwrap();
    let addr = server.local_addr().unwrap();
    let token = server.token().map(str::to_string);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run(async {
        let _ = rx.await;
    }));
    TestServer {
        addr,
        token,
        stop: Some(tx),
    }
}

/// A response: status, headers and body.
pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// The `name=value` of each Set-Cookie, without attributes.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .map(str::to_string)
            .collect()
    }
}

/// Sends one request with `headers` and `body`.
pub async fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut req = axum::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = client
        .request(req.body(Full::new(Bytes::from(body))).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

pub async fn get(url: &str, cookie: &str) -> Reply {
    request("GET", url, &[("cookie", cookie)], Vec::new()).await
}

/// A multipart form of `fields` (name, value) and one file.
pub fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "perfprogTestBoundary7d1f";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .bytes(),
        );
    }
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The CSRF cookie the start page sets, as a `Cookie` header value, and its token.
pub async fn csrf(server: &TestServer) -> (String, String) {
    let page = get(&server.url("/"), "").await;
    assert_eq!(page.status, 200);
    let cookie = page
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("perfprog_csrf="))
        .expect("a CSRF cookie");
    let token = cookie.trim_start_matches("perfprog_csrf=").to_string();
    assert!(page
        .text()
        .contains(&format!("name=\"csrf\" value=\"{token}\"")));
    (cookie, token)
}

/// Uploads `bytes` as `file_name` through the form; the document's path.
pub async fn upload(server: &TestServer, file_name: &str, bytes: &[u8]) -> String {
    let (cookie, token) = csrf(server).await;
    let (ty, body) = multipart(&[("csrf", &token)], file_name, bytes);
    let origin = server.url("");
    let r = request(
        "POST",
        &server.url("/upload"),
        &[
            ("content-type", &ty),
            ("cookie", &cookie),
            ("origin", &origin),
        ],
        body,
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    r.header("location")
}

/// Polls the document's status until its job has finished; its state.
pub async fn finished(server: &TestServer, doc: &str) -> String {
    let start = Instant::now();
    loop {
        let r = get(&server.url(&format!("{doc}/status.json")), "").await;
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        if v["finished"] == true {
            return v["state"].as_str().unwrap_or_default().to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(240),
            "the job did not finish: {v}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data").join(name)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_oversized_upload_gets_413_before_its_body() {
    let limits = Limits {
        max_upload_bytes: 1 << 20,
        ..Limits::default()
    };
    let server = start("oversized", "127.0.0.1:0", limits).await;
    for (lang, text) in [
        ("tr", "Dosya çok büyük: en fazla 1 MB"),
        ("en", "The file is too large: at most 1 MB"),
    ] {
        // Only the head is sent: the answer must come without the 500 MB body.
        let mut tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        let head = format!(
            "POST /upload HTTP/1.1\r\nHost: {}\r\nAccept-Language: {lang}\r\n\
             Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 500000000\r\n\r\n",
            server.addr
        );
        tcp.write_all(head.as_bytes()).await.unwrap();
        let mut reply = Vec::new();
        tokio::time::timeout(Duration::from_secs(20), tcp.read_to_end(&mut reply))
            .await
            .expect("an answer before the body")
            .unwrap();
        let reply = String::from_utf8_lossy(&reply);
        assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
        assert!(reply.contains(text), "{reply}");
    }
    // A body over the limit without a declared length (chunked) is cut off too.
    let (cookie, token) = csrf(&server).await;
    let (ty, body) = multipart(&[("csrf", &token)], "big.pdf", &vec![b'x'; 2 << 20]);
    let mut tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let head = format!(
        "POST /upload HTTP/1.1\r\nHost: {}\r\nContent-Type: {ty}\r\nCookie: {cookie}\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        server.addr
    );
    tcp.write_all(head.as_bytes()).await.unwrap();
    for chunk in body.chunks(64 * 1024) {
        let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        if tcp.write_all(&frame).await.is_err() {
            break; // the server stopped reading: it has answered
        }
    }
    let _ = tcp.write_all(b"0\r\n\r\n").await;
    let mut reply = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), tcp.read_to_end(&mut reply)).await;
    let reply = String::from_utf8_lossy(&reply);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_loopback_address_needs_the_generated_token() {
    let server = start("token", "0.0.0.0:0", Limits::default()).await;
    let token = server.token.clone().expect("a generated token");
    assert_eq!(token.len(), 64);
    for path in ["/", "/compare", "/assets/app.css", "/doc/00/status.json"] {
        let r = get(&server.url(path), "").await;
        assert_eq!(r.status, 401, "{path}");
        assert!(r.text().contains("erişim anahtarı"), "{}", r.text());
    }
    assert_eq!(get(&server.url("/?token=wrong"), "").await.status, 401);
    let first = get(&server.url(&format!("/?token={token}")), "").await;
    assert_eq!(first.status, 200);
    let set = first
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    let token_cookie = set
        .iter()
        .find(|c| c.starts_with("perfprog_token="))
        .expect("the token cookie");
    assert!(
        token_cookie.contains("HttpOnly") && token_cookie.contains("SameSite=Strict"),
        "{token_cookie}"
    );
    let again = get(&server.url("/compare"), &format!("perfprog_token={token}")).await;
    assert_eq!(again.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_posts_and_posts_without_the_csrf_token_get_403() {
    let server = start("csrf", "127.0.0.1:0", Limits::default()).await;
    let (cookie, token) = csrf(&server).await;
    let model = fixture("kuzeykent-2026-performans-programi.json");
    let (ty, body) = multipart(&[("csrf", &token)], "a.json", &model);
    let post = |headers: Vec<(&'static str, String)>, body: Vec<u8>| {
        let url = server.url("/upload");
        async move {
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            request("POST", &url, &h, body).await
        }
    };
    // A foreign origin, even with the right cookie and field.
    let foreign = post(
        vec![
            ("content-type", ty.clone()),
            ("cookie", cookie.clone()),
            ("origin", "http://evil.example".into()),
        ],
        body.clone(),
    )
    .await;
    assert_eq!(foreign.status, 403);
    assert!(
        foreign.text().contains("Başka bir siteden"),
        "{}",
        foreign.text()
    );
    let fetch_site = post(
        vec![
            ("content-type", ty.clone()),
            ("cookie", cookie.clone()),
            ("sec-fetch-site", "cross-site".into()),
        ],
        body.clone(),
    )
    .await;
    assert_eq!(fetch_site.status, 403);
    // Same origin, but no CSRF field, or a field that does not match the cookie.
    let (ty2, no_field) = multipart(&[], "a.json", &model);
    let r = post(
        vec![("content-type", ty2), ("cookie", cookie.clone())],
        no_field,
    )
    .await;
    assert_eq!(r.status, 403);
    let (ty3, wrong) = multipart(&[("csrf", &"0".repeat(64))], "a.json", &model);
    let r = post(
        vec![("content-type", ty3), ("cookie", cookie.clone())],
        wrong,
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(
        get(&server.url("/"), "")
            .await
            .text()
            .contains("Henüz belge yok"),
        "nothing was queued"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_laden_name_shows_as_text_and_downloads_carry_type_and_name() {
    let server = start("escape", "127.0.0.1:0", Limits::default()).await;
    // (A browser sends no `/` in a file name: the multipart parser keeps
    // what follows the last one.)
    let name = "<img src=x onerror=alert(1)><script>alert(1).json";
    let doc = upload(
        &server,
        name,
        &fixture("kuzeykent-2026-performans-programi.json"),
    )
    .await;
    assert!(doc.starts_with("/doc/") && doc.len() == 5 + 64, "{doc}");
    assert_eq!(finished(&server, &doc).await, "done");
    for page in [
        get(&server.url("/"), "").await,
        get(&server.url(&doc), "").await,
    ] {
        let html = page.text();
        assert!(
            html.contains(
                "&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;script&gt;alert(1).json"
            ),
            "{html}"
        );
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{html}"
        );
        assert!(page
            .header("content-security-policy")
            .contains("script-src 'self'"));
        assert_eq!(page.header("x-content-type-options"), "nosniff");
    }
    let report = get(&server.url(&format!("{doc}/download/report")), "").await;
    assert_eq!(report.status, 200);
    assert_eq!(report.header("content-type"), "application/pdf");
    assert_eq!(
        report.header("content-disposition"),
        "attachment; filename=\"kuzeykent-belediyesi-2026-performans-programi.pdf\"; \
         filename*=UTF-8''kuzeykent%2Dbelediyesi%2D2026%2Dperformans%2Dprogrami%2Epdf"
    );
    assert!(report.body.starts_with(b"%PDF-"));
    let model = get(&server.url(&format!("{doc}/download/model")), "").await;
    assert_eq!(model.header("content-type"), "application/json");
    assert!(model.header("content-disposition").starts_with(
        "attachment; filename=\"kuzeykent-belediyesi-2026-performans-programi.json\""
    ));
    let doc_model = perfprog::model::Document::from_json(&model.text()).unwrap();
    assert_eq!(doc_model.institution(), "Kuzeykent Belediyesi");
    let csv = get(&server.url(&format!("{doc}/download/audit.csv")), "").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    let zip = get(&server.url(&format!("{doc}/download/departments.zip")), "").await;
    assert_eq!(zip.header("content-type"), "application/zip");
    assert!(zip.body.starts_with(b"PK"));
    let xlsx = get(&server.url(&format!("{doc}/download/workbook")), "").await;
    assert!(xlsx.header("content-type").contains("spreadsheetml"));
    // A Turkish name: an ASCII fallback and the UTF-8 name.
    assert_eq!(
        perfprog::serve::content_disposition("Fen İşleri Müdürlüğü.pdf"),
        "attachment; filename=\"Fen_Isleri_Mudurlugu.pdf\"; \
         filename*=UTF-8''Fen%20%C4%B0%C5%9Fleri%20M%C3%BCd%C3%BCrl%C3%BC%C4%9F%C3%BC%2Epdf"
    );
    // Client strings never become paths.
    for bad in [
        "/doc/..%2F..%2Fetc/download/model",
        &format!("{doc}/department/..%2F..%2Fprogramme.json"),
        &format!("{doc}/page/..%2F1.png"),
    ] {
        assert_eq!(get(&server.url(bad), "").await.status, 404, "{bad}");
    }
}

/// The `href`s of the links of class `class` in a page.
fn links(html: &str, class: &str) -> Vec<String> {
    html.split(&format!("class=\"{class}\" href=\""))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_layouts_browse_and_two_documents_compare() {
    let server = start("layouts", "127.0.0.1:0", Limits::default()).await;
    let targets = upload(
        &server,
        "kuzeykent-2021.json",
        &fixture("kuzeykent-2021-performans-programi.json"),
    )
    .await;
    let budget = fixture("kuzeykent-2026-performans-programi.json");
    let old = upload(&server, "kuzeykent-2026.json", &budget).await;
    let mut model: serde_json::Value = serde_json::from_slice(&budget).unwrap();
    model["programs"][0]["sub_programs"][0]["activities"][0]["amounts"]["total"][3] =
        serde_json::json!("6850000.00");
    let new = upload(
        &server,
        "kuzeykent-2026-revize.json",
        &serde_json::to_vec(&model).unwrap(),
    )
    .await;
    for doc in [&targets, &old, &new] {
        assert_eq!(finished(&server, doc).await, "done", "{doc}");
    }

    // The performance-target layout: goals, objectives, targets, activities.
    let page = get(&server.url(&targets), "").await.text();
    assert!(page.contains("Performans hedefi biçimi"), "{page}");
    for label in [
        "Amaç",
        "Hedef",
        "Performans hedefi",
        "Faaliyet",
        "Maliyet tablosu",
    ] {
        assert!(page.contains(&format!("<dt>{label}</dt>")), "{label}");
    }
    let tables = links(&page, "table-link");
    assert!(tables.len() > 10, "{}", tables.len());
    for t in [
        &tables[0],
        &tables[tables.len() / 2],
        &tables[tables.len() - 1],
    ] {
        let r = get(&server.url(t), "").await;
        assert_eq!(r.status, 200, "{t}");
        assert!(r.text().contains("<table class=\"data\">"), "{t}");
    }
    let first = get(&server.url(&tables[0]), "").await.text();
    assert!(
        first.contains("img class=\"page-image\""),
        "a target table has its page"
    );
    let departments = links(&page, "department");
    assert!(!departments.is_empty());
    let dept = get(&server.url(&departments[0]), "").await;
    assert_eq!(dept.status, 200);
    assert!(dept.text().contains("download-department"));
    let audit = get(&server.url(&format!("{targets}/audit")), "").await;
    assert_eq!(audit.status, 200);
    assert!(audit.text().contains("id=\"findings\""));

    // The program-budget layout: programs, alt programs, the totals per year.
    let page = get(&server.url(&old), "").await.text();
    assert!(
        page.contains("Program bütçe biçimi") && page.contains("<dt>Alt program</dt><dd>19</dd>")
    );
    assert!(
        page.contains("<td>2026 Bütçe</td><td class=\"num\">174.887.000,00</td>"),
        "{page}"
    );

    // The changed amount, in a readable diff.
    let ids = |d: &str| d.trim_start_matches("/doc/").to_string();
    let url = format!("/compare?old={}&new={}&lang=en", ids(&old), ids(&new));
    let cmp = get(&server.url(&url), "").await;
    assert_eq!(cmp.status, 200, "{}", cmp.text());
    let html = cmp.text();
    assert!(html.contains("id=\"changes\""), "{html}");
    assert!(
        html.contains("6.750.000,00") && html.contains("6.850.000,00"),
        "{html}"
    );
    assert!(html.contains("Changed"), "{html}");
    // An id that is not a document: no diff, no path.
    let bad = get(&server.url("/compare?old=../../etc&new=x"), "").await;
    assert_eq!(bad.status, 200);
    assert!(!bad.text().contains("id=\"changes\""));
}
