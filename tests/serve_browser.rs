//! `perfprog serve` in a real headless browser (Debian's chromium and
//! chromedriver, driven over the WebDriver protocol): open the start page,
//! upload the Kuzeykent fixture through the form, wait for the result, open
//! a table and see its page image, open a finding of a model with one
//! amount changed, download the report and check its page count, switch
//! the language. Saves screenshots of the main pages in `target/screenshots/`
//! (`PERFPROG_SCREENSHOTS=docs/screenshots` refreshes the README's).
//! Skipped (with a message) only where `/usr/bin/chromedriver` is absent.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::serve::{finished, get, request, start_apart};
use crate::util::{root, workdir};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver child and one browser session; both ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    let _ = tokio::time::timeout(
                        Duration::from_secs(10),
                        request("DELETE", &url, &[], Vec::new()),
                    )
                    .await;
                });
            }
        })
        .join();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    async fn start(profile: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        loop {
            let up = tokio::time::timeout(Duration::from_secs(2), tcp_ok(port))
                .await
                .unwrap_or(false);
            if up {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--window-size=1400,1000", "--lang=tr-TR",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let mut b = Browser {
            driver,
            base,
            session: String::new(),
        };
        let v = b.call("POST", "/session", caps).await;
        b.session = v["sessionId"].as_str().expect("a session").to_string();
        b
    }

    /// One WebDriver command; its `value`.
    async fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = if self.session.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let body = if method == "GET" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let r = request(method, &url, &[("content-type", "application/json")], body).await;
        let v: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        assert!(
            r.status == 200,
            "WebDriver {method} {path}: {} {v}",
            r.status
        );
        v["value"].clone()
    }

    async fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url })).await;
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .call(
                "POST",
                "/element",
                json!({ "using": "css selector", "value": css }),
            )
            .await;
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    async fn click(&self, css: &str) {
        let e = self.find(css).await;
        self.call("POST", &format!("/element/{e}/click"), json!({}))
            .await;
    }

    async fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
        .await
    }

    /// Polls `script` until it returns something true, for at most `secs`.
    async fn wait_for(&self, script: &str, secs: u64) -> Value {
        let start = Instant::now();
        loop {
            let v = self.js(script).await;
            if !(v.is_null() || v == false || v == 0) {
                return v;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                let page = self
                    .js("return location.href + '\\n' + document.body.innerText")
                    .await;
                panic!("timed out waiting for: {script}\non the page: {page}");
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    async fn screenshot(&self, name: &str) {
        let v = self.call("GET", "/screenshot", Value::Null).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        // Into target/ on every run; into the README's folder only when
        // asked (`PERFPROG_SCREENSHOTS=docs/screenshots`), so that a test
        // run leaves the working tree clean.
        let dir = std::env::var_os("PERFPROG_SCREENSHOTS")
            .map(|d| root().join(d))
            .unwrap_or_else(|| root().join("target/screenshots"));
        let path = dir.join(name);
        perfprog::util::write_atomic(&path, &png).unwrap();
    }

    async fn upload(&self, file: &Path) {
        let input = self.find("#upload-form input[type=file][name=file]").await;
        self.call(
            "POST",
            &format!("/element/{input}/value"),
            json!({ "text": file.display().to_string() }),
        )
        .await;
        self.click("#upload-form button[type=submit]").await;
    }

    /// Waits for the document page's result; its path (`/doc/{id}`).
    async fn wait_result(&self) -> String {
        self.wait_for("return document.getElementById('overview') !== null", 240)
            .await;
        self.js("return location.pathname")
            .await
            .as_str()
            .unwrap()
            .to_string()
    }
}

async fn tcp_ok(port: u16) -> bool {
    tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_ok()
}

/// The page image of the current page has loaded and has pixels.
const IMAGE_LOADED: &str =
    "const i = document.querySelector('img.page-image'); return i !== null && i.complete && i.naturalWidth > 0";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_in_a_headless_browser() {
    if !Path::new(CHROMEDRIVER).exists() {
        println!("skipped: {CHROMEDRIVER} is absent (apt-get install chromium chromium-driver)");
        return;
    }
    let server = start_apart("browser");
    let dir = workdir("serve-browser-files");
    let browser = Browser::start(&dir.join("profile")).await;

    // The start page, in Turkish; the fixture through the form.
    browser.open(&server.url("/?lang=tr")).await;
    assert_eq!(
        browser.js("return document.documentElement.lang").await,
        "tr"
    );
    let pdf = root().join("tests/data/kuzeykent-2026-performans-programi.pdf");
    browser.upload(&pdf).await;
    let doc = browser.wait_result().await;
    let overview = browser
        .js("return document.getElementById('overview').innerText")
        .await;
    let overview = overview.as_str().unwrap();
    assert!(
        overview.contains("Kuzeykent Belediyesi") && overview.contains("2026"),
        "{overview}"
    );
    assert!(
        overview.contains("174.887.000,00"),
        "the 2026 budget the Turkish way: {overview}"
    );
    browser.screenshot("overview.png").await;

    // A table beside its page image.
    browser.click("a.table-link").await;
    browser
        .wait_for("return document.querySelector('table.data') !== null", 30)
        .await;
    browser.wait_for(IMAGE_LOADED, 120).await;
    let src = browser
        .js("return document.querySelector('img.page-image').getAttribute('src')")
        .await;
    assert!(src.as_str().unwrap().contains("/page/5.png?hl="), "{src}");
    browser.screenshot("table.png").await;

    // A finding: the model with one amount changed, uploaded as JSON; its
    // page image comes from the PDF the model was read from.
    let mut model: Value = serde_json::from_slice(
        &std::fs::read(root().join("tests/data/kuzeykent-2026-performans-programi.json")).unwrap(),
    )
    .unwrap();
    model["programs"][0]["sub_programs"][0]["activities"][0]["amounts"]["total"][3] =
        json!("6850000.00");
    let changed = dir.join("kuzeykent-2026-degistirilmis.json");
    std::fs::write(&changed, serde_json::to_vec_pretty(&model).unwrap()).unwrap();
    browser.open(&server.url("/")).await;
    browser.upload(&changed).await;
    let changed_doc = browser.wait_result().await;
    assert_ne!(changed_doc, doc);
    browser
        .open(&server.url(&format!("{changed_doc}/audit?severity=error")))
        .await;
    let rows = browser
        .wait_for(
            "return document.querySelectorAll('#findings a.finding').length",
            10,
        )
        .await;
    assert!(rows.as_u64().unwrap() >= 1);
    browser.screenshot("audit.png").await;
    browser.click("#findings a.finding").await;
    browser.wait_for(IMAGE_LOADED, 120).await;
    let text = browser.js("return document.body.innerText").await;
    assert!(
        text.as_str().unwrap().contains("6.850.000,00"),
        "the stated figure as printed"
    );

    // The report: a PDF with the page count of the report the library renders.
    browser.open(&server.url(&doc)).await;
    let href = browser
        .js("return document.getElementById('download-report').href")
        .await;
    let report = get(href.as_str().unwrap(), "").await;
    assert_eq!(report.header("content-type"), "application/pdf");
    let pages = lopdf::Document::load_mem(&report.body)
        .unwrap()
        .get_pages()
        .len();
    let engine = perfprog::render::Engine::new(None).unwrap();
    let b = perfprog::model::Document::from_json(
        &get(&server.url(&format!("{doc}/download/model")), "")
            .await
            .text(),
    )
    .unwrap()
    .into_budget()
    .unwrap();
    let opts = perfprog::render::PdfOptions::new(perfprog::render::budget::report_title(&b), false);
    let expected = perfprog::render::budget::programme_report(&engine, &b, &opts).unwrap();
    assert_eq!(
        pages,
        lopdf::Document::load_mem(&expected)
            .unwrap()
            .get_pages()
            .len()
    );
    assert!(pages > 1);

    // The language, switched and back.
    browser.click("a#lang-en").await;
    browser
        .wait_for("return document.documentElement.lang === 'en'", 10)
        .await;
    let text = browser.js("return document.body.innerText").await;
    let text = text.as_str().unwrap();
    assert!(
        text.contains("Totals by year") && text.contains("Downloads"),
        "{text}"
    );
    browser.click("a#lang-tr").await;
    browser
        .wait_for("return document.documentElement.lang === 'tr'", 10)
        .await;
    let text = browser.js("return document.body.innerText").await;
    assert!(text.as_str().unwrap().contains("Yıllara göre toplamlar"));
    drop(browser);
    assert_eq!(finished(&server, &doc).await, "done");
}
