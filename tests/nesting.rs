//! No file aborts the process through deep nesting (issue 19, item 1):
//! PDFs made here nest arrays and dictionaries 10³–10⁵ levels deep in a
//! content stream (plain and compressed), an object and an object stream,
//! draw forms that draw themselves or nest 10⁴ deep, nest their page tree,
//! and print huge numbers. Each ends with exit 0 or 2 and a message naming
//! the page or the cause; a sound page beside a deep one is still read.

use std::io::Write;
use std::path::Path;
use std::process::Output;

use crate::util::{perfprog, root, workdir};

const TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET\n";
const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A PDF of the numbered objects `objects` (object 1 first, the catalog),
/// with its cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let n = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A stream object with `dict` entries besides its `/Length`.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn flate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Catalog, page tree and font (objects 1, 2, 5) around pages (objects 3
/// and, with `second`, 6) whose content is object 4 (and 7), and `more`
/// objects from 6 (or 8) on; `res` is added to each page's resources.
fn document(content: Vec<u8>, second: Option<Vec<u8>>, res: &str, more: Vec<Vec<u8>>) -> Vec<u8> {
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
    pdf(&objects)
}

fn nested(open: &str, n: usize) -> Vec<u8> {
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
            let plain = document(stream("", &content), None, "", vec![]);
            let words = ["page 1: its content nests deeper than 512 levels"];
            assert_says(&format!("plain-{n}-{}", open.len()), &plain, &words);
            let packed = stream("/Filter /FlateDecode", &flate(&content));
            let packed = document(packed, None, "", vec![]);
            assert_says(&format!("flate-{n}-{}", open.len()), &packed, &words);
        }
    }
}

#[test]
fn a_sound_page_beside_a_deep_one_is_read() {
    let deep = [TEXT, &nested("[", 100_000)].concat();
    let bytes = document(stream("", TEXT), Some(stream("", &deep)), "", vec![]);
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
            &flate(&body),
        );
        let bytes = document(stream("", TEXT), None, "", vec![objstm]);
        assert_says(
            &format!("objstm-{n}"),
            &bytes,
            &["object 8 in an object stream nests deeper than 512 levels"],
        );
    }
}

fn form(content: &[u8], res: &str) -> Vec<u8> {
    stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << {res} >>"),
        content,
    )
}

#[test]
fn forms_that_draw_themselves_skip_their_page() {
    // Object 6: a form drawing itself once, then twice (2⁵⁰ drawings).
    for times in [1, 2] {
        let content = [TEXT, &b"/X0 Do\n".repeat(times)].concat();
        let me = form(&content, "/XObject << /X0 6 0 R >> /Font << /F1 5 0 R >>");
        let page = stream("", b"/X0 Do");
        let bytes = document(page, None, "/XObject << /X0 6 0 R >>", vec![me]);
        assert_says(
            &format!("self-{times}"),
            &bytes,
            &["page 1: a form drawn on it draws itself"],
        );
    }
    // Two forms drawing each other.
    let a = form(b"/B Do", "/XObject << /B 7 0 R >>");
    let b = form(b"/A Do", "/XObject << /A 6 0 R >>");
    let bytes = document(
        stream("", b"/A Do"),
        None,
        "/XObject << /A 6 0 R >>",
        vec![a, b],
    );
    assert_says("each-other", &bytes, &["a form drawn on it draws itself"]);
}

#[test]
fn form_chains_and_fans_are_bounded() {
    // A chain of 10⁴ forms, objects 6…, each drawing the next.
    let n = 10_000;
    let chain: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            let next = 7 + i;
            if i + 1 < n {
                form(b"/X Do", &format!("/XObject << /X {next} 0 R >>"))
            } else {
                form(TEXT, "")
            }
        })
        .collect();
    let bytes = document(stream("", b"/X Do"), None, "/XObject << /X 6 0 R >>", chain);
    assert_says(
        "chain",
        &bytes,
        &["page 1: its forms nest deeper than 50 levels"],
    );
    // 40 forms each drawing the next twice: 2⁴⁰ drawings.
    let fan: Vec<Vec<u8>> = (0..40)
        .map(|i| form(b"/X Do /X Do", &format!("/XObject << /X {} 0 R >>", 7 + i)))
        .chain([form(TEXT, "")])
        .collect();
    let bytes = document(stream("", b"/X Do"), None, "/XObject << /X 6 0 R >>", fan);
    assert_says(
        "fan",
        &bytes,
        &["page 1: its forms draw one another more than"],
    );
}

#[test]
fn deep_patterns_and_glyphs_skip_their_page() {
    let deep = nested("<<", 10_000);
    let pattern = stream(
        "/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10",
        &deep,
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
    let bytes = document(stream("", TEXT), None, "", vec![type3, stream("", &deep)]);
    // The Type 3 font is object 6, not the page's F1: name it there.
    let bytes = String::from_utf8(bytes)
        .unwrap()
        .replace("/F1 5 0 R >>", "/F1 5 0 R /F3 6 0 R >>");
    let bytes = bytes.into_bytes();
    assert_says(
        "type3",
        &bytes,
        &["a Type 3 glyph of the page nests deeper"],
    );
}

#[test]
fn page_trees_that_nest_or_multiply_refuse_the_file() {
    // Objects: 1 catalog → 5, 2 font, 3 content, 4 page, 5… a chain of nodes.
    let chain = |n: usize, twice: bool| {
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 5 0 R >>".to_vec(),
            FONT.to_vec(),
            stream("", TEXT),
            b"<< /Type /Page /Parent 5 0 R /Contents 3 0 R /Resources << /Font << /F1 2 0 R >> >> >>"
                .to_vec(),
        ];
        for i in 0..n {
            let kid = if i + 1 < n { 6 + i } else { 4 };
            let kids = if twice {
                format!("{kid} 0 R {kid} 0 R")
            } else {
                format!("{kid} 0 R")
            };
            objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count 1 >>").into_bytes());
        }
        pdf(&objects)
    };
    for n in [1_000, 10_000, 100_000] {
        assert_says(
            &format!("tree-{n}"),
            &chain(n, false),
            &["its page tree nests deeper than 256 levels"],
        );
    }
    assert_says(
        "tree-twice",
        &chain(40, true),
        &["its page tree lists more than 100000 pages"],
    );
    // A node listing itself: the parser stops at the loop.
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 5 0 R >>".to_vec(),
        FONT.to_vec(),
        stream("", TEXT),
        b"<< /Type /Page /Parent 5 0 R /Contents 3 0 R /Resources << /Font << /F1 2 0 R >> >> >>"
            .to_vec(),
        b"<< /Type /Pages /Kids [5 0 R 4 0 R] /Count 1 >>".to_vec(),
    ];
    extract("tree-loop", &pdf(&objects));
    // An object that is a reference to itself, as the page's resources.
    objects[3] = b"<< /Type /Page /Parent 5 0 R /Contents 3 0 R /Resources 6 0 R >>".to_vec();
    objects[4] = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>".to_vec();
    objects.push(b"6 0 R".to_vec());
    extract("self-reference", &pdf(&objects));
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
