//! No file aborts the process through deep nesting (issue 19, item 1):
//! PDFs made here nest arrays and dictionaries 10³–10⁵ levels deep in a
//! content stream (plain and compressed), an object and an object stream,
//! draw forms that draw themselves or nest 10⁴ deep, nest their page tree,
//! and print huge numbers. Each ends with exit 0 or 2 and a message naming
//! the page or the cause; a sound page beside a deep one is still read.

use std::path::Path;
use std::process::Output;

use crate::util::{perfprog, root, workdir};

pub(crate) const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET\n";
const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A stream object with `dict` entries besides its `/Length`.
pub(crate) fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Catalog, page tree and font (objects 1, 2, 5) around pages (objects 3
/// and, with `second`, 6) whose content is object 4 (and 7), and `more`
/// objects from 6 (or 8) on; `res` is added to each page's resources.
pub(crate) fn document(
    content: Vec<u8>,
    second: Option<Vec<u8>>,
    res: &str,
    more: Vec<Vec<u8>>,
) -> Vec<u8> {
    let page = |c: u32| {
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R \
             /Resources << /Font << /F1 5 0 R >> {res} >> >>"
        )
        .into_bytes()
    };
    let kids = if second.is_some() {
        "3 0 R 6 0 R"
    } else {
        "3 0 R"
    };
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count 2 >>").into_bytes(),
        page(4),
        content,
        FONT.to_vec(),
    ];
    if let Some(c) = second {
        objects.push(page(7));
        objects.push(c);
    }
    objects.extend(more);
    mutate::document(&objects)
}

/// A compressed stream object.
pub(crate) fn deflated(data: &[u8]) -> Vec<u8> {
    stream("/Filter /FlateDecode", &mutate::deflate(data))
}

pub(crate) fn nested(open: &str, n: usize) -> Vec<u8> {
    let close = if open == "[" { "]" } else { ">>" };
    [open.repeat(n), close.repeat(n)].concat().into_bytes()
}

/// Runs `perfprog extract` on `bytes`; asserts that it ended by itself with
/// 0 or 2 (never a signal) and returns its output.
fn extract(name: &str, bytes: &[u8]) -> Output {
    let dir = workdir(&format!("nesting-{name}"));
    std::fs::write(dir.join("x.pdf"), bytes).unwrap();
    let out = perfprog(&dir, &["extract", "x.pdf", "-o", "x.json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 2)),
        "{name}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_says(name: &str, bytes: &[u8], words: &[&str]) {
    let out = extract(name, bytes);
    let err = stderr(&out);
    for w in words {
        assert!(err.contains(w), "{name}: {w:?} not in {err}");
    }
}

#[test]
fn deep_content_streams_skip_their_page() {
    for n in [1_000, 10_000, 100_000] {
        for open in ["[", "<<"] {
            let content = [TEXT, &nested(open, n)].concat();
            // Uncompressed, `<<` after white space is where a repair of the
            // file would read a dictionary: the whole file is refused.
            let plain = document(stream("", &content), None, "", vec![]);
            let words = ["deeper than 512 levels"];
            assert_says(&format!("plain-{n}-{}", open.len()), &plain, &words);
            let packed = document(deflated(&content), None, "", vec![]);
            let words = ["page 1: its content nests deeper than 512 levels"];
            assert_says(&format!("flate-{n}-{}", open.len()), &packed, &words);
        }
    }
}

#[test]
fn a_sound_page_beside_a_deep_one_is_read() {
    let deep = [TEXT, &nested("[", 100_000)].concat();
    let bytes = document(stream("", TEXT), Some(deflated(&deep)), "", vec![]);
    let doc = perfprog::source(
        Path::new("x.pdf"),
        bytes.clone(),
        &perfprog::Threads::available(),
    )
    .unwrap();
    let text: Vec<&str> = doc.pages[0]
        .lines
        .iter()
        .flat_map(|l| l.cells.iter().map(|c| c.text.as_str()))
        .collect();
    assert_eq!(text, ["Hello world"]);
    assert_eq!(doc.pages.len(), 1);
    let w = &doc.warnings[0];
    assert_eq!(w.page, Some(2));
    assert_eq!(
        w.message,
        "page not read: its content nests deeper than 512 levels"
    );
    // The command reads it too: its lines, then (not a programme) exit 2.
    let dir = workdir("nesting-sound-page");
    std::fs::write(dir.join("x.pdf"), &bytes).unwrap();
    let out = perfprog(&dir, &["extract", "--lines", "x.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Hello world"));
}

#[test]
fn a_programme_with_a_deep_page_is_still_extracted() {
    use lopdf::{dictionary, Object, Stream};
    let src = root().join("tests/data/kuzeykent-2021-performans-programi.pdf");
    let mut doc = lopdf::Document::load(&src).unwrap();
    let pages_id = doc
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    let content = doc.add_object(Stream::new(dictionary! {}, nested("[", 100_000)));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    let pages = doc.get_object_mut(pages_id).unwrap().as_dict_mut().unwrap();
    let count = pages.get(b"Count").unwrap().as_i64().unwrap();
    pages.set("Count", count + 1);
    let kids = pages.get_mut(b"Kids").unwrap().as_array_mut().unwrap();
    kids.push(Object::Reference(page));
    let n = kids.len();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let out = extract("programme", &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want = format!("page {n}: document: page not read: its content nests deeper than 512");
    assert!(stderr(&out).contains(&want), "{}", stderr(&out));
}

#[test]
fn deep_objects_refuse_the_file() {
    for n in [1_000, 10_000, 100_000] {
        for open in ["[", "<<"] {
            let mut font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /X ".to_vec();
            font.extend(nested(open, n));
            font.extend_from_slice(b" >>");
            let mut bytes = document(stream("", TEXT), None, "", vec![]);
            let at = bytes.windows(FONT.len()).position(|w| w == FONT).unwrap();
            bytes.splice(at..at + FONT.len(), font);
            // The cross-reference table is now off: the file is still refused
            // before the parser repairs it.
            assert_says(
                &format!("object-{n}-{}", open.len()),
                &bytes,
                &["damaged", "object 5 nests deeper than 512 levels"],
            );
        }
    }
}

#[test]
fn deep_objects_in_an_object_stream_refuse_the_file() {
    for n in [1_000, 10_000, 100_000] {
        let body = [b"8 0 ".as_slice(), &nested("[", n)].concat();
        let objstm = stream(
            "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
            &mutate::deflate(&body),
        );
        let bytes = document(stream("", TEXT), None, "", vec![objstm]);
        assert_says(
            &format!("objstm-{n}"),
            &bytes,
            &["object 8 in an object stream nests deeper than 512 levels"],
        );
    }
}

#[test]
fn forms_that_draw_themselves_end_cleanly() {
    // A form drawing itself once, then twice (2⁵⁰ drawings); two forms
    // drawing each other. The parser does not follow a reference back to
    // an object it is reading the reference from, so no form is drawn:
    // the page is read, empty, and the file (nothing else on it) is told
    // to have no text. The check's own loop test stays for any cycle the
    // parser would follow.
    for (n, times) in [(1, 1), (1, 2), (2, 1)] {
        assert_says(
            &format!("self-{n}-{times}"),
            &mutate::form_graph_pdf(n, times, true),
            &["the PDF has no text layer"],
        );
    }
}

#[test]
fn form_chains_and_fans_are_bounded() {
    // A chain of 10⁴ forms, each drawing the next.
    assert_says(
        "chain",
        &mutate::form_graph_pdf(10_000, 1, false),
        &["page 1: its forms nest deeper than 50 levels"],
    );
    // 40 forms each drawing the next twice: 2⁴⁰ drawings.
    assert_says(
        "fan",
        &mutate::form_graph_pdf(40, 2, false),
        &["page 1: its forms draw one another more than"],
    );
}

#[test]
fn deep_patterns_and_glyphs_skip_their_page() {
    let deep = nested("<<", 10_000);
    let pattern = stream(
        "/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 \
         /Filter /FlateDecode",
        &mutate::deflate(&deep),
    );
    let bytes = document(
        stream("", TEXT),
        None,
        "/Pattern << /P 6 0 R >>",
        vec![pattern],
    );
    assert_says("pattern", &bytes, &["a pattern of the page nests deeper"]);
    let type3 = b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] \
        /CharProcs << /a 7 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 \
        /LastChar 97 /Widths [1] >>"
        .to_vec();
    let bytes = document(stream("", TEXT), None, "", vec![type3, deflated(&deep)]);
    // The Type 3 font is object 6, beside the page's F1.
    let at = bytes
        .windows(12)
        .position(|w| w == b"/F1 5 0 R >>")
        .unwrap();
    let bytes = [&bytes[..at], b"/F3 6 0 R ".as_slice(), &bytes[at..]].concat();
    assert_says(
        "type3",
        &bytes,
        &["a Type 3 glyph of the page nests deeper"],
    );
}

#[test]
fn page_trees_that_nest_or_multiply_refuse_the_file() {
    for n in [1_000, 10_000, 100_000] {
        assert_says(
            &format!("tree-{n}"),
            &mutate::page_tree_pdf(n, false, false),
            &["its page tree nests deeper than 256 levels"],
        );
    }
    for back in [false, true] {
        assert_says(
            &format!("tree-twice-{back}"),
            &mutate::page_tree_pdf(40, true, back),
            &["its page tree lists more than 100000 pages and nodes"],
        );
    }
    // A node listing itself: the parser stops at the loop.
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 5 0 R >>".to_vec(),
        FONT.to_vec(),
        stream("", TEXT),
        b"<< /Type /Page /Parent 5 0 R /Contents 3 0 R /Resources << /Font << /F1 2 0 R >> >> >>"
            .to_vec(),
        b"<< /Type /Pages /Kids [5 0 R 4 0 R] /Count 1 >>".to_vec(),
    ];
    extract("tree-loop", &mutate::document(&objects));
    // An object that is a reference to itself, as the page's resources.
    objects[3] = b"<< /Type /Page /Parent 5 0 R /Contents 3 0 R /Resources 6 0 R >>".to_vec();
    objects[4] = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec();
    objects.push(b"6 0 R".to_vec());
    extract("self-reference", &mutate::document(&objects));
}

#[test]
fn huge_numbers_do_not_panic() {
    let big = "9".repeat(400);
    let content = format!(
        "BT /F1 1e99999 Tf {big} -{big} Td ({big}) Tj 1e99999 TL [{big} (a) -1e-99999] TJ ET \
         {big} {big} {big} {big} re f {big} w 1e99999 0 0 1 0 0 cm"
    );
    let res = format!("/ExtGState << /G << /LW {big} /CA 1e99999 >> >>");
    let bytes = document(stream("", content.as_bytes()), None, &res, vec![]);
    let bytes = String::from_utf8(bytes)
        .unwrap()
        .replace(
            "/MediaBox [0 0 595 842]",
            &format!("/MediaBox [0 0 {big} 1e99999]"),
        )
        .replace("/Count 2", &format!("/Count {big}"));
    extract("huge-numbers", bytes.as_bytes());
    let bytes = document(
        stream(&format!("/DecodeParms << /Columns {big} >>"), TEXT),
        None,
        "",
        vec![],
    );
    extract("huge-length", &bytes);
}

#[path = "../fuzz/mutate.rs"]
pub(crate) mod mutate;

/// The fuzz target's mutations (`fuzz/mutate.rs`: deep nesting,
/// self-references, huge numbers) of the fixtures and of a small PDF,
/// through `perfprog extract` in a child process per case, for
/// `PERFPROG_STRESS_SECS` seconds (default 60): counts the cases ending in
/// a signal (an abort), a panic or a hang (30 s); all must be 0.
/// `cargo test --release --test tests stress -- --ignored --nocapture`
#[test]
#[ignore = "a stress loop of a minute or more"]
fn stress_mutations() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let secs: u64 = std::env::var("PERFPROG_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let bases: Vec<Vec<u8>> = [
        "tests/data/kuzeykent-2021-performans-programi.pdf",
        "tests/data/kuzeykent-2026-performans-programi.pdf",
    ]
    .iter()
    .map(|p| std::fs::read(root().join(p)).unwrap())
    .chain([mutate::BASE.to_vec()])
    .collect();
    let dir = workdir("nesting-stress");
    let (mut cases, mut aborts, mut panics, mut hangs, mut refused) = (0u64, 0, 0, 0, 0);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        let mut rng = mutate::Rng::new(0x5eed ^ cases.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let base = &bases[rng.below(bases.len())];
        let file = dir.join("case.pdf");
        std::fs::write(&file, mutate::mutate(base, &mut rng)).unwrap();
        // Its messages go to a file: a pipe left unread until the end
        // would stop a child that writes more than the pipe holds.
        let log = dir.join("case.err");
        let mut child = Command::new(env!("CARGO_BIN_EXE_perfprog"))
            .args(["extract", "case.pdf", "-o", "case.json"])
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let began = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if began.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let err = std::fs::read_to_string(&log).unwrap_or_default();
        let keep = |what: &str| {
            let _ = std::fs::copy(&file, dir.join(format!("{what}-{cases}.pdf")));
        };
        match status.map(|s| s.code()) {
            None => {
                hangs += 1;
                keep("hang");
            }
            Some(None) => {
                aborts += 1;
                keep("abort");
            }
            Some(Some(code)) => {
                if err.contains("panicked") || !matches!(code, 0 | 2) {
                    panics += 1;
                    keep("panic");
                }
                refused += u64::from(code == 2);
            }
        }
        cases += 1;
    }
    println!(
        "stress: {cases} cases in {}s: {aborts} aborts, {panics} panics, {hangs} hangs \
         ({refused} refused with exit 2)",
        start.elapsed().as_secs()
    );
    assert_eq!((aborts, panics, hangs), (0, 0, 0), "cases kept in {dir:?}");
}
