//! Integration tests: the judgement of a damaged text layer on documents
//! typeset in the test — a manual full of LaTeX-like code, file names and
//! formulas in sound fonts is told to be no programme (not damaged), and a
//! programme whose font map sends a letter's glyph to a digit is refused
//! as damaged although few of its words show it.

use std::path::Path;

use perfprog::layout::SourceDoc;
use perfprog::read::textlayer::{is_garbled_word, Damage, Vocabulary, SHAPE_SHARE};
use perfprog::Error;

use crate::typeset::typeset_pdf;

/// Reads a typeset PDF's text layer.
fn source(pdf: Vec<u8>) -> Result<SourceDoc, Error> {
    perfprog::source(Path::new("t.pdf"), pdf, &perfprog::Threads::available())
}

/// The text of each page, its cells joined by spaces.
fn page_texts(src: &SourceDoc) -> Vec<String> {
    src.pages
        .iter()
        .map(|p| {
            p.lines
                .iter()
                .flat_map(|l| l.cells.iter().map(|c| c.text.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A package manual: prose naming code, files and formulas, and listings.
const MANUAL: &str = r#"
= The `tikzducks` package

This package needs `LaTeX2e` (see `source2e.tex` and `ltxdoc.cls`) and is
compiled with `pdfTeX`, `XeTeX` or `LuaTeX`; images are converted with
`ps2pdf` or `eps2pdf`, bounding boxes read with `bb=aux`. Write to
`info@example.org`, item `A.01.02`, formula $x^2 + y^2 = z^2$.

```latex
\NeedsTeXFormat{LaTeX2e}[2005/12/01]
\documentclass[a4paper]{article}
\usepackage[utf8]{inputenc}
\begin{document}
\begin{tikzpicture}[scale=0.6]
  \draw[fill=red!20] (0,0) -- (1,1);
  \node at (2,2) {$\alpha_1$};
\end{tikzpicture}
\def\@gsm{gsm-l}
\edef\@tempb{\meaning#2}%
\ifx\xyloaded\undefined\input xy\fi
\setlength\paperwidth{210mm}
\special{src:12file.tex}
\end{document}
```
"#;

#[test]
fn a_manual_of_code_is_not_a_programme_nor_damaged() {
    let (dir, pdf) = typeset_pdf("damage-manual", &MANUAL.repeat(3));
    let src = source(pdf).expect("a sound text layer");
    // Judged by the shape of its words alone, the manual would be damaged:
    // on most pages more than 5 % of the words (and at least 3) have digits
    // or symbols among letters.
    let texts = page_texts(&src);
    let by_shape = texts
        .iter()
        .filter(|text| {
            let words = text.split_whitespace().count();
            let garbled = text
                .split_whitespace()
                .filter(|w| is_garbled_word(w))
                .count();
            garbled >= 3 && garbled * 20 >= words
        })
        .count();
    assert!(
        texts.len() >= 2 && 2 * by_shape >= texts.len(),
        "{texts:#?}"
    );
    assert!(
        src.warnings.iter().all(|w| !w.message.contains("damaged")),
        "{:#?}",
        src.warnings
    );
    match crate::util::extract(&dir.join("t.pdf")) {
        Err(e @ Error::NotProgramme { .. }) => {
            assert!(e.to_string().contains("not a performance programme"), "{e}");
        }
        Err(e) => panic!("expected not a programme, got: {e}"),
        Ok(_) => panic!("read as a programme"),
    }
}

/// Rewrites every `/ToUnicode` map of `pdf` so that the glyph of `from`
/// reads as `to`, as a damaged map does.
fn remap(pdf: &[u8], from: char, to: char) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let (from, to) = (
        format!("<{:04X}>", u32::from(from)),
        format!("<{:04X}>", u32::from(to)),
    );
    let mut maps = 0;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&content);
        if text.contains("begincmap") && text.contains(&from) {
            stream.set_plain_content(text.replace(&from, &to).into_bytes());
            maps += 1;
        }
    }
    assert!(maps > 0, "no map gives {from}");
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_programme_whose_font_map_sends_a_letter_to_a_digit_is_refused() {
    let (dir, pdf) = typeset_pdf("damage-programme", &crate::budget_read::key_value_body());
    // Sound, the document is a programme.
    crate::util::extract(&dir.join("t.pdf")).expect("the sound programme reads");
    let sound = source(pdf.clone()).unwrap();

    // Its words with `ı` read as `2` are too few for their shape alone to
    // tell damage: the width of the glyphs behind `2` does.
    let mut vocabulary = Vocabulary::default();
    let pages: Vec<Damage> = page_texts(&sound)
        .iter()
        .map(|text| {
            let text = text.replace('ı', "2");
            let mut d = Damage::default();
            d.add_text(&text);
            vocabulary.add_text(&text);
            d
        })
        .collect();
    let (garbled, words) = pages
        .iter()
        .fold((0, 0), |(g, w), d| (g + d.garbled, w + d.words));
    assert!(
        garbled >= 3 && garbled * 100 < SHAPE_SHARE * words,
        "{garbled} of {words}"
    );
    assert!(pages.iter().all(|d| d.verdict(&vocabulary, &[]).is_none()));

    let damaged = dir.join("damaged.pdf");
    std::fs::write(&damaged, remap(&pdf, 'ı', '2')).unwrap();
    match crate::util::extract(&damaged) {
        Err(e @ Error::DamagedText { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("text layer is damaged"), "{msg}");
            assert!(msg.contains("page 1"), "{msg}");
        }
        Err(e) => panic!("expected a damaged text layer, got: {e}"),
        Ok(_) => panic!("a damaged programme was read"),
    }
}
