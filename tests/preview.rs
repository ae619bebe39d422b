//! Preview (issue 20): a page of a PDF as a PNG, the texts of a table's
//! cells found on it and highlighted, through the library and through
//! `perfprog page`; bad pages and hostile files give errors, never panics.

use std::io::Cursor;
use std::path::Path;

use hayro::vello_cpu::Pixmap;
use perfprog::model::Document;
use perfprog::normalize::format_number;
use perfprog::preview::{Match, Preview, Rect, RenderOptions, MAX_SIDE};

use crate::nesting::{deflated, document, nested, stream, TEXT};
use crate::typeset::typeset_pdf;
use crate::util::{fixture_pdf, ok, perfprog, root, workdir};

const KUZEYKENT: &str = "tests/data/kuzeykent-2026-performans-programi.pdf";

fn open(path: &Path) -> Preview {
    Preview::open(path, std::fs::read(path).unwrap()).unwrap()
}

/// The width and height a PNG's header gives, after checking its signature.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

fn pixels(png: &[u8]) -> Pixmap {
    Pixmap::from_png(Cursor::new(png)).unwrap()
}

/// Asserts that every rectangle lies inside a `w` × `h` point page and has an area.
fn inside(rects: &[Rect], w: f32, h: f32) {
    for r in rects {
        assert!(
            r.x0 >= 0.0 && r.y0 >= 0.0 && r.x1 <= w && r.y1 <= h,
            "{r:?}"
        );
        assert!(r.x1 > r.x0 + 1.0 && r.y1 > r.y0 + 1.0, "{r:?}");
    }
}

#[test]
fn pages_render_as_bounded_pngs() {
    let k = open(&root().join(KUZEYKENT));
    assert_eq!(k.page_count(), 44);
    let image = k.render(5, &RenderOptions::default(), &[]).unwrap();
    // A4 portrait at 150 dpi.
    assert_eq!((image.width, image.height), (1240, 1754));
    assert_eq!(png_size(&image.png), (1240, 1754));
    let narrow = k
        .render(5, &RenderOptions { width: Some(600) }, &[])
        .unwrap();
    assert_eq!(png_size(&narrow.png).0, 600);
    let huge = k.render(
        1,
        &RenderOptions {
            width: Some(1_000_000),
        },
        &[],
    );
    let (w, h) = png_size(&huge.unwrap().png);
    assert!(w.max(h) <= MAX_SIDE && u64::from(w) * u64::from(h) <= 16_000_000);

    // The İzmir printing is landscape.
    let izmir = open(&fixture_pdf());
    let image = izmir.render(100, &RenderOptions::default(), &[]).unwrap();
    let (w, h) = png_size(&image.png);
    assert!(w > h && (w, h) == (image.width, image.height), "{w} × {h}");
    // Not blank: the page's text is drawn.
    let dark = pixels(&image.png)
        .data()
        .iter()
        .filter(|p| p.r < 128)
        .count();
    assert!(dark > 1000, "{dark} dark pixels");
}

/// The first activity of the program-budget fixture, as its model gives it.
fn kuzeykent_activity() -> (String, String, u32) {
    let text = std::fs::read_to_string(root().join(KUZEYKENT).with_extension("json")).unwrap();
    let Document::Budget(b) = Document::from_json(&text).unwrap() else {
        panic!("a program-budget model");
    };
    let a = &b.programs[0].sub_programs[0].activities[0];
    let year = b.cost_columns.iter().position(|c| c.year == b.fiscal_year);
    let amount = a.amounts.total[year.unwrap()].unwrap();
    (a.name.clone(), format_number(&amount), a.page.unwrap())
}

#[test]
fn an_activity_is_located_and_highlighted_on_its_page() {
    let path = root().join(KUZEYKENT);
    let k = open(&path);
    let (name, amount, page) = kuzeykent_activity();
    let plain = k.render(page, &RenderOptions::default(), &[]).unwrap();
    let (w, h) = (
        plain.width as f32 / plain.scale,
        plain.height as f32 / plain.scale,
    );
    let found = k.locate(page, &[&name, &amount]).unwrap();
    let (names, amounts) = (&found[0], &found[1]);
    assert!(!names.is_empty() && !amounts.is_empty(), "{found:?}");
    // The name wraps in the cost table: a box per line, one below the other.
    let wrapped = names
        .iter()
        .find(|m| m.rects.len() >= 2)
        .expect("a wrapped name");
    inside(&wrapped.rects, w, h);
    for pair in wrapped.rects.windows(2) {
        assert!(pair[1].y0 > pair[0].y0 + 3.0, "{pair:?}");
    }
    let all: Vec<&Rect> = found.iter().flatten().flat_map(|m| &m.rects).collect();
    for (i, a) in all.iter().enumerate() {
        inside(&[**a], w, h);
        assert!(
            all[i + 1..].iter().all(|b| b != a),
            "two equal boxes: {a:?}"
        );
    }
    // The amount is printed right of the name.
    assert!(amounts[0].rects[0].x0 > wrapped.rects[0].x1);

    // Highlighted, the page differs inside the boxes and nowhere far from them.
    let boxes = &wrapped.rects;
    let lit = k.render(page, &RenderOptions::default(), boxes).unwrap();
    let (a, b) = (pixels(&plain.png), pixels(&lit.png));
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let near = |x: f32, y: f32, pad: f32| {
        boxes
            .iter()
            .map(|r| r.to_pixels(plain.scale))
            .any(|r| x >= r.x0 - pad && x <= r.x1 + pad && y >= r.y0 - pad && y <= r.y1 + pad)
    };
    let (mut inner, mut outer) = (0, 0);
    for y in 0..a.height() {
        for x in 0..a.width() {
            if a.sample(x, y) != b.sample(x, y) {
                let (fx, fy) = (f32::from(x), f32::from(y));
                if near(fx, fy, 0.0) {
                    inner += 1;
                } else if !near(fx, fy, 3.0 * plain.scale) {
                    outer += 1;
                }
            }
        }
    }
    assert!(inner > 1000, "{inner} pixels changed inside the boxes");
    assert_eq!(outer, 0, "pixels changed far from the boxes");
}

#[test]
fn izmir_activities_are_found_where_the_model_places_them() {
    let golden = std::fs::read_to_string(root().join("tests/golden/programme.json")).unwrap();
    let Document::Targets(p) = Document::from_json(&golden).unwrap() else {
        panic!("a performance-target model");
    };
    let izmir = open(&fixture_pdf());
    let mut missing = Vec::new();
    for cost in &p.activity_costs {
        let page = cost.page.unwrap();
        let total = cost.total.as_ref().map(format_number);
        // A cost table starts with its position lines: its activity may be
        // printed on the next page, its amounts on the page after it.
        let on = |needle: &str, pages: std::ops::RangeInclusive<u32>| {
            pages.into_iter().find(|&n| {
                let found: Vec<Vec<Match>> = izmir.locate(n, &[needle]).unwrap();
                !found[0].is_empty()
            })
        };
        let Some(at) = on(&cost.activity, page..=page + 1) else {
            // A name broken by a page break is found in two parts, one on
            // each page (locate works on one page).
            let words: Vec<&str> = cost.activity.split(' ').collect();
            let split = (1..words.len()).any(|k| {
                let (head, tail) = (words[..k].join(" "), words[k..].join(" "));
                (page..=page + 1)
                    .any(|n| on(&head, n..=n).is_some() && on(&tail, n + 1..=n + 1).is_some())
            });
            if !split {
                missing.push(format!("page {page}: {}", cost.activity));
            }
            continue;
        };
        if let Some(total) = total {
            if on(&total, at..=at + 1).is_none() {
                missing.push(format!("page {at}: {total} ({})", cost.activity));
            }
        }
    }
    assert!(p.activity_costs.len() > 200);
    assert!(missing.is_empty(), "not found: {missing:#?}");
}

#[test]
fn a_typeset_table_gives_each_cell_its_box() {
    let (_, pdf) = typeset_pdf(
        "preview-table",
        "#table(columns: (90pt, 90pt, auto), [Kod], [Faaliyet], [Tutar],\n\
         [4.5.1], [Entegre Sistemlerin Faaliyetlerinin Yürütülmesi], [5.815.779.000,00],\n\
         [4.5.2], [İZMİR KIYILARININ TEMİZLENMESİ], [15.779.000,00])",
    );
    let p = Preview::open(Path::new("t.pdf"), pdf).unwrap();
    let needles = [
        "entegre sistemlerin faaliyetlerinin yürütülmesi",
        "5.815.779.000,00",
        "779.000,00",
        "İzmir Kıyılarının Temizlenmesi",
        "4.5",
    ];
    let found = p.locate(1, &needles).unwrap();
    let counts: Vec<usize> = found.iter().map(Vec::len).collect();
    assert_eq!(counts, [1, 1, 0, 1, 0], "{found:?}");
    let name = &found[0][0].rects;
    assert!(
        name.len() >= 2,
        "the name wraps in its 90pt column: {name:?}"
    );
    let amount = found[1][0].rects[0];
    assert!(name.iter().all(|r| r.x1 < amount.x0), "{name:?} {amount:?}");
    assert!(found[3][0].rects[0].y0 > name[0].y0);
}

#[test]
fn bad_pages_and_hostile_files_are_errors() {
    let k = open(&root().join(KUZEYKENT));
    for page in [0, 45, u32::MAX] {
        let err = k.render(page, &RenderOptions::default(), &[]).unwrap_err();
        assert!(
            err.to_string().contains(&format!("no page {page}")),
            "{err}"
        );
        assert!(k.locate(page, &["x"]).is_err());
    }
    let name = Path::new("x.pdf");
    assert!(Preview::open(name, Vec::new()).is_err());
    let err = Preview::open(name, b"hello".to_vec()).err().unwrap();
    assert!(err.to_string().contains("not a PDF"), "{err}");

    // A page nesting 100 000 levels deep beside a sound one.
    let deep = [TEXT, &nested("[", 100_000)].concat();
    let bytes = document(stream("", TEXT), Some(deflated(&deep)), "", vec![]);
    let p = Preview::open(name, bytes).unwrap();
    assert!(p.render(1, &RenderOptions::default(), &[]).is_ok());
    assert_eq!(p.locate(1, &["hello world"]).unwrap()[0].len(), 1);
    let err = p.render(2, &RenderOptions::default(), &[]).unwrap_err();
    assert!(err.to_string().contains("deeper than 512 levels"), "{err}");
    assert!(p.locate(2, &["hello"]).is_err());
    // Dictionaries nested that deep outside a compressed stream: the file
    // is refused.
    let deep = [TEXT, &nested("<<", 100_000)].concat();
    let plain = document(stream("", &deep), None, "", vec![]);
    let err = Preview::open(name, plain).err().unwrap();
    assert!(err.to_string().contains("deeper than 512 levels"), "{err}");
}

#[test]
fn the_page_command_writes_a_png_or_exits_2() {
    let dir = workdir("preview-cli");
    let (name, amount, page) = kuzeykent_activity();
    let input = root().join(KUZEYKENT);
    let input = input.to_str().unwrap();
    let page = page.to_string();
    let out = perfprog(
        &dir,
        &[
            "page",
            input,
            "--page",
            &page,
            "--width",
            "800",
            "--highlight",
            &name,
            "--highlight",
            &amount,
            "-o",
            "p.png",
        ],
    );
    ok(&out);
    let png = std::fs::read(dir.join("p.png")).unwrap();
    assert_eq!(png_size(&png).0, 800);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("not printed"), "{err}");

    let fail = |args: &[&str], says: &str| {
        let out = perfprog(&dir, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    };
    fail(
        &["page", input, "--page", "99", "-o", "x.png"],
        "no page 99",
    );
    fail(
        &["page", "missing.pdf", "--page", "1", "-o", "x.png"],
        "missing.pdf",
    );
    std::fs::write(dir.join("t.txt"), "Performans Programı").unwrap();
    fail(
        &["page", "t.txt", "--page", "1", "-o", "x.png"],
        "not a PDF",
    );
    let deep = [TEXT, &nested("[", 100_000)].concat();
    std::fs::write(
        dir.join("deep.pdf"),
        document(deflated(&deep), None, "", vec![]),
    )
    .unwrap();
    fail(
        &["page", "deep.pdf", "--page", "1", "-o", "x.png"],
        "deeper than 512",
    );
    assert!(!dir.join("x.png").exists());
}
