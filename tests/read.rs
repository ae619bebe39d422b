//! Integration tests: the read stage. Damaged files (shifted offsets,
//! truncation), encryption with the empty password, hostile streams, text
//! layers repaired or refused, letter-spaced titles, and vector paths read
//! in page coordinates.

use std::path::Path;
use std::sync::Arc;

use perfprog::read::{Document, PageError, Paint, Shape};
use perfprog::{Error, Sequential};

use crate::ingest::{fixture_model, without_provenance};
use crate::pdfgen::{self, Doc, Font, A4};
use crate::util::{fixture_pdf_a4, root};

/// The pages of lines (and the warnings) the pipeline makes of `bytes`.
fn source(bytes: Vec<u8>) -> Result<perfprog::layout::SourceDoc, Error> {
    perfprog::source(Path::new("test.pdf"), bytes, &Sequential)
}

/// All line texts of a source, page by page.
fn texts(doc: &perfprog::layout::SourceDoc) -> Vec<String> {
    doc.pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text()))
        .collect()
}

/// Asserts that `bytes` give the fixture's golden model.
fn gives_the_golden_model(name: &str, bytes: Vec<u8>) -> perfprog::Extraction {
    let out = perfprog::extract(Path::new(name), bytes, &perfprog::Threads::available())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        without_provenance(out.document.targets().unwrap()) == without_provenance(fixture_model()),
        "{name}: the model differs from the golden model"
    );
    out
}

#[test]
fn shifted_xref_offsets_are_repaired() {
    let bytes = std::fs::read(fixture_pdf_a4()).unwrap();
    // Junk between objects, as careless editors and concatenating tools
    // leave it: every offset after it is wrong, startxref too.
    // Twenty copies, each with its own junk at its own places.
    let junk: [&[u8]; 4] = [b"% junk\n", b"\r\n\r\n", b"\n", b"%%EOF\n"];
    for i in 0..20 {
        let damaged = pdfgen::shift_offsets(&bytes, junk[i % 4], 1 + 13 * i);
        assert_ne!(damaged, bytes);
        gives_the_golden_model(&format!("shifted-{i}.pdf"), damaged);
    }
}

#[test]
fn object_headers_glued_to_junk_are_found() {
    // Junk right before `N 0 obj` (no line break): the table is rebuilt
    // from every object header in the file, as MuPDF does.
    let bytes = std::fs::read(fixture_pdf_a4()).unwrap();
    let damaged = pdfgen::shift_offsets(&bytes, b"xx", 5);
    let out = gives_the_golden_model("glued.pdf", damaged);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.message.contains("cross-reference table was rebuilt")),
        "{:#?}",
        out.warnings
    );
}

#[test]
fn encrypted_with_the_empty_password_is_read() {
    for name in ["encrypted-rc4.pdf", "encrypted-aes256.pdf"] {
        let bytes = std::fs::read(root().join("tests/data").join(name)).unwrap();
        gives_the_golden_model(name, bytes);
    }
}

#[test]
fn a_truncated_file_gives_the_pages_it_still_has() {
    let bytes = std::fs::read(fixture_pdf_a4()).unwrap();
    let cut = pdfgen::truncate_at(&bytes, 0.6);
    let doc = source(cut).expect("the pages before the cut are read");
    let pages = doc.pages.len();
    assert!(pages > 20 && pages < 179, "{pages} pages read");
    assert!(doc.truncated);
    assert!(
        doc.warnings.iter().any(|w| w.message.contains("truncated")),
        "a warning says the file is truncated: {:#?}",
        doc.warnings
    );
    // What is read is the programme's text as far as it goes.
    let full = source(bytes).unwrap();
    assert_eq!(full.pages[0].lines, doc.pages[0].lines);
}

#[test]
fn a_stream_that_inflates_beyond_the_bound_is_not_inflated() {
    // 1 GiB of spaces, about 1 MB compressed.
    let bomb = pdfgen::bomb_pdf(1 << 30);
    assert!(bomb.len() < 1_200_000, "{} bytes", bomb.len());
    let doc = Document::open(Arc::new(bomb.clone())).unwrap();
    let err = doc.reader().page(0).unwrap_err();
    assert!(matches!(err, PageError::TooLarge(_)), "{err}");
    // Through the pipeline: the page is reported, and the file refused.
    match source(bomb) {
        Err(Error::Corrupt { reason, .. }) => {
            assert!(reason.contains("inflate beyond"), "{reason}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A stream within the bound is read as usual.
    let small = pdfgen::bomb_pdf(1 << 20);
    let doc = Document::open(Arc::new(small)).unwrap();
    assert!(doc.reader().page(0).unwrap().glyphs.is_empty());
}

/// `text` in Windows-1254 bytes (what a Turkish Windows program writes).
fn cp1254(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ı' => 0xFD,
            'ş' => 0xFE,
            'ğ' => 0xF0,
            'İ' => 0xDD,
            'Ş' => 0xDE,
            'Ğ' => 0xD0,
            'ü' => 0xFC,
            'Ü' => 0xDC,
            'ö' => 0xF6,
            'Ö' => 0xD6,
            'ç' => 0xE7,
            'Ç' => 0xC7,
            c => u8::try_from(c).expect("ASCII"),
        })
        .collect()
}

#[test]
fn windows_1254_read_as_1252_is_repaired() {
    let lines = [
        "İzmir Büyükşehir Belediyesi",
        "2024 Yılı Performans Programı",
        "Fen İşleri Dairesi Başkanlığı",
        "Ağaçlandırma Çalışmaları",
    ];
    let mut doc = Doc::new();
    let page = doc.page(A4.0, A4.1);
    for (i, l) in lines.iter().enumerate() {
        page.text(
            &Font::Helvetica,
            11.0,
            72.0,
            100.0 + 20.0 * i as f32,
            &cp1254(l),
        );
    }
    let src = source(doc.to_bytes()).unwrap();
    assert_eq!(texts(&src), lines);
    let w = &src.warnings;
    assert!(
        w.iter()
            .any(|w| w.message.contains("Helvetica") && w.message.contains("1254")),
        "a warning names the repaired font: {w:#?}"
    );
}

/// Helvetica whose ToUnicode map gives these codes these texts.
fn mapped(codes: &[(u8, &str)]) -> Font {
    Font::Mapped(codes.iter().map(|&(c, t)| (c, t.to_string())).collect())
}

#[test]
fn legacy_turkish_font_encodings_are_repaired() {
    let font = mapped(&[(0xDD, "Ġ"), (0xDE, "ġ"), (0xFE, "Ģ"), (0xFD, "ı")]);
    let mut doc = Doc::new();
    doc.page(A4.0, A4.1)
        .text(
            &font,
            11.0,
            72.0,
            100.0,
            b"FEN \xDD\xDELER\xDD DA\xDDRES\xDD",
        )
        .text(&font, 11.0, 72.0, 120.0, b"Dan\xFD\xFEmanl\xFDk Hizmetleri")
        .text(&font, 11.0, 72.0, 140.0, b"\xDDzmir");
    let src = source(doc.to_bytes()).unwrap();
    assert_eq!(
        texts(&src),
        ["FEN İŞLERİ DAİRESİ", "Danışmanlık Hizmetleri", "İzmir"]
    );
    assert!(src.warnings.iter().any(|w| w.message.contains("Ġ")));
}

#[test]
fn genuine_turkish_text_is_left_alone() {
    // A font that shows ı ş ğ is not "repaired", even with a stray ý.
    let font = mapped(&[(0xFD, "ı"), (0xFE, "ş"), (0xF0, "ğ"), (0xDD, "ý")]);
    let mut doc = Doc::new();
    doc.page(A4.0, A4.1).text(
        &font,
        11.0,
        72.0,
        100.0,
        b"Ba\xFEkanl\xFD\xF0\xFD \xFEey \xDD",
    );
    let src = source(doc.to_bytes()).unwrap();
    assert_eq!(texts(&src), ["Başkanlığı şey ý"]);
    assert!(src.warnings.is_empty(), "{:#?}", src.warnings);
}

#[test]
fn letter_spaced_titles_read_as_words() {
    let mut doc = Doc::new();
    doc.page(A4.0, A4.1)
        // Character spacing (Tc) and literal spaces between the letters.
        .text_spaced(
            &Font::Helvetica,
            14.0,
            72.0,
            100.0,
            6.0,
            b"PERFORMANS PROGRAMI",
        )
        .text(
            &Font::Helvetica,
            12.0,
            72.0,
            140.0,
            b"P E R F O R M A N S   P R O G R A M I",
        )
        .text(&Font::Helvetica, 12.0, 72.0, 180.0, b"Ek 1 a b Tablo");
    let src = source(doc.to_bytes()).unwrap();
    assert_eq!(
        texts(&src),
        [
            "PERFORMANS PROGRAMI",
            "PERFORMANS PROGRAMI",
            "Ek 1 a b Tablo"
        ]
    );
}

/// A page of twelve lines of `text`.
fn page_of(doc: &mut Doc, text: &[u8]) {
    let page = doc.page(A4.0, A4.1);
    for i in 0..12 {
        page.text(&Font::Helvetica, 10.0, 72.0, 80.0 + 18.0 * i as f32, text);
    }
}

/// A page of garbled text as a damaged Unicode map gives it.
fn garbled_page(doc: &mut Doc) {
    page_of(
        doc,
        b"1zmir B\xFCy\xFCk`ehir Belediyesi 2024 Y2l2 Performans Program2 Fen 1`leri",
    );
}

fn clean_page(doc: &mut Doc) {
    page_of(
        doc,
        b"Kent genelinde yol ve kaldirim yapim calismalari ile park bakim hizmetleri",
    );
}

#[test]
fn a_damaged_text_layer_is_refused() {
    let mut doc = Doc::new();
    for _ in 0..3 {
        garbled_page(&mut doc);
    }
    match source(doc.to_bytes()) {
        Err(e @ Error::DamagedText { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("text layer is damaged"), "{msg}");
            assert!(msg.contains("1zmir") || msg.contains("Y2l2"), "{msg}");
            assert!(msg.contains("export the PDF again"), "{msg}");
        }
        other => panic!("expected DamagedText, got {other:?}"),
    }
}

#[test]
fn a_ghostscript_rewrite_without_turkish_letters_is_refused() {
    // Pages 1–12 of the A4 printing rewritten by Ghostscript 10
    // (`gs -sDEVICE=pdfwrite`): its Unicode maps lost ı ş ğ İ ü ö ç.
    let bytes = std::fs::read(root().join("tests/data/ghostscript-damaged.pdf")).unwrap();
    match source(bytes) {
        Err(e @ Error::DamagedText { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("letters inside words are missing"), "{msg}");
            assert!(msg.contains("page 1"), "{msg}");
        }
        other => panic!("expected DamagedText, got {other:?}"),
    }
}

#[test]
fn a_partly_damaged_text_layer_names_its_pages() {
    let mut doc = Doc::new();
    clean_page(&mut doc);
    garbled_page(&mut doc);
    clean_page(&mut doc);
    clean_page(&mut doc);
    let src = source(doc.to_bytes()).expect("mostly readable");
    let damaged: Vec<_> = src
        .warnings
        .iter()
        .filter(|w| w.message.contains("damaged"))
        .collect();
    assert_eq!(damaged.len(), 1, "{:#?}", src.warnings);
    assert_eq!(damaged[0].page, Some(2));
}

#[test]
fn artifacts_are_not_content() {
    let mut doc = Doc::new();
    doc.page(A4.0, A4.1)
        .artifact_text(&Font::Helvetica, 9.0, 72.0, 30.0, b"Sayfa 9")
        .text(&Font::Helvetica, 11.0, 72.0, 100.0, b"Performans Hedefi");
    let src = source(doc.to_bytes()).unwrap();
    assert_eq!(texts(&src), ["Performans Hedefi"]);
}

#[test]
fn actual_text_is_read_from_properties_and_forms() {
    // "x" drawn twice, each in a span whose /ActualText says what it stands
    // for: through a named property, and inside a form. The page's own
    // stream never says "/ActualText".
    let content = b"/Span /P1 BDC BT /F1 12 Tf 72 680 Td (x) Tj ET EMC \
                    q 1 0 0 1 72 660 cm /X1 Do Q";
    let form = b"/Span <</ActualText (ffl)>> BDC BT /F1 12 Tf 0 0 Td (x) Tj ET EMC";
    let stream = |dict: &str, data: &[u8]| {
        let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        s.extend_from_slice(data);
        s.extend_from_slice(b"\nendstream");
        s
    };
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
                 /Resources << /Font << /F1 3 0 R >> /XObject << /X1 5 0 R >> \
                 /Properties << /P1 << /ActualText (ff) >> >> >> >>";
    let pdf = pdfgen::raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        &stream("", content),
        &stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 50] \
             /Resources << /Font << /F1 3 0 R >> >>",
            form,
        ),
        page,
    ]);
    let doc = Document::open(Arc::new(pdf)).unwrap();
    let page = doc.reader().page(0).unwrap();
    let text: Vec<&str> = page.glyphs.iter().map(|g| &*g.text).collect();
    assert_eq!(text, ["ff", "ffl"]);
}

#[test]
fn vector_paths_are_read_in_page_coordinates() {
    // Page 30 of the real-table printing: a target table whose header row
    // is shaded light blue, with grey 0.4 pt rules around every row.
    let bytes =
        std::fs::read(root().join("tests/data/izmir-2024-performans-programi-tables.pdf")).unwrap();
    let doc = Document::open(Arc::new(bytes)).unwrap();
    assert_eq!(doc.page_count(), 212);
    assert!(matches!(doc.reader().page(212), Err(PageError::NoSuchPage)));
    let page = doc.reader().page(29).unwrap();
    assert_eq!(page.number, 30);
    assert!((page.width - 841.89).abs() < 0.01 && (page.height - 595.28).abs() < 0.01);
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    // The shaded header band across the table.
    assert!(page.paths.iter().any(|p| p.shape == Shape::Rect
        && near(p.x0, 42.52)
        && near(p.y0, 62.52)
        && near(p.x1, 799.37)
        && near(p.y1, 76.22)
        && matches!(p.paint, Paint::Fill { color } if color[2] > 0.9 && color[0] < 0.9)));
    // Full-width horizontal rules at the table's top and under the header.
    for y in [62.52, 76.22] {
        assert!(
            page.paths.iter().any(|p| p.shape == Shape::Line
                && near(p.y0, y)
                && near(p.y1, y)
                && near(p.x0.min(p.x1), 42.52)
                && near(p.x0.max(p.x1), 799.37)
                && matches!(p.paint, Paint::Stroke { width, .. } if near(width, 0.4))),
            "a rule at y = {y}"
        );
    }
    // The first column's right edge: a vertical rule at x = 178.58.
    assert!(page.paths.iter().any(|p| p.shape == Shape::Line
        && near(p.x0, 178.58)
        && near(p.x1, 178.58)
        && (p.y0 - p.y1).abs() > 40.0));
    // Text in the same coordinates: the table's title sits above the band,
    // upright, on one baseline.
    let above: Vec<_> = page
        .glyphs
        .iter()
        .filter(|g| g.y > 32.0 && g.y < 62.52)
        .collect();
    let title: String = above.iter().map(|g| &*g.text).collect();
    assert!(title.contains("Performans Hedefi Tablosu"), "{title}");
    assert!(above.iter().all(|g| g.upright && near(g.y, above[0].y)));
}
