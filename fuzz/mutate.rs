//! Structure-aware mutations of a PDF for the `nesting` fuzz target (and
//! the stress loop in `tests/nesting.rs`, which includes this file): deep
//! nesting (10³–10⁵ levels of `[` and `<<`, balanced or not, in objects and
//! in content, plain or compressed), self-references (an object, a form, a
//! page-tree node referring to itself or its parent) and huge numbers, at
//! places chosen from the file's own tokens. Dependency-free but for flate2.
#![allow(dead_code)]

use std::io::Write;

/// A small deterministic generator (xorshift64*), seeded by the input.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A nesting depth between 10³ and 10⁵, log-uniform.
    pub fn depth(&mut self) -> usize {
        let exp = 3.0 + (self.below(2001) as f64) / 1000.0;
        10f64.powf(exp) as usize
    }
}

/// A small one-page PDF with a font, a form and a content stream, for
/// inputs too short to be one.
pub const BASE: &[u8] = b"%PDF-1.5
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R
/Resources << /Font << /F1 5 0 R >> /XObject << /X0 6 0 R >> >> >> endobj
4 0 obj << /Length 62 >> stream
BT /F1 12 Tf 72 720 Td (Hello [world]) Tj ET q /X0 Do Q [1 2] 0 d
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
6 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Length 30 >> stream
BT /F1 9 Tf (Form) Tj ET 0 0 m
endstream endobj
trailer << /Root 1 0 R /Size 7 >>
%%EOF
";

/// Applies one to three mutations chosen by `rng` to `pdf`.
pub fn mutate(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = pdf.to_vec();
    for _ in 0..1 + rng.below(3) {
        out = match rng.below(8) {
            0 | 1 => nest_at(&out, rng),
            2 => nest_in_content(&out, rng),
            3 => self_reference(&out, rng),
            4 => huge_number(&out, rng),
            5 => form_graph(rng),
            6 => page_tree(rng),
            _ => nest_in_object_stream(&out, rng),
        };
    }
    out
}

/// `n` openers (`[`, `<<` or both in turn), closed, half-closed, closed
/// by the wrong kind, or not at all.
fn nesting(rng: &mut Rng, n: usize) -> Vec<u8> {
    let open: &[u8] = match rng.below(3) {
        0 => b"[",
        1 => b"<<",
        _ => b"[<</A ",
    };
    let close: &[u8] = match rng.below(4) {
        0 => b"]",
        1 => b">>",
        2 => b" >> ]",
        _ => b"",
    };
    let closed = match rng.below(3) {
        0 => n,
        1 => n / 2,
        _ => 0,
    };
    [open.repeat(n), close.repeat(closed)].concat()
}

/// Positions just after one of `needles` in `pdf`.
fn places(pdf: &[u8], needles: &[&[u8]]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..pdf.len() {
        if needles.iter().any(|n| pdf[i..].starts_with(n)) {
            out.push(i + 1);
        }
    }
    out
}

fn insert(pdf: &[u8], at: usize, what: &[u8]) -> Vec<u8> {
    let at = at.min(pdf.len());
    [&pdf[..at], what, &pdf[at..]].concat()
}

/// Deep nesting after an opener or a space somewhere in the file.
fn nest_at(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let spots = places(pdf, &[b"[", b"<<", b" /", b"stream\n", b"obj"]);
    let at = spots.get(rng.below(spots.len())).copied().unwrap_or(0);
    let n = rng.depth();
    insert(pdf, at, &nesting(rng, n))
}

/// A page's content replaced by deep nesting, plain or compressed.
fn nest_in_content(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let n = rng.depth();
    let body = [b"BT /F1 12 Tf (a) Tj ET ".as_slice(), &nesting(rng, n)].concat();
    let (dict, data) = if rng.below(2) == 0 {
        ("", body)
    } else {
        ("/Filter /FlateDecode ", deflate(&body))
    };
    let stream = [
        format!("99 0 obj << /Length {} {dict}>> stream\n", data.len()).as_bytes(),
        &data,
        b"\nendstream endobj\n",
    ]
    .concat();
    let spots = places(pdf, &[b"/Contents "]);
    let mut out = match spots.get(rng.below(spots.len())) {
        Some(&at) => replace_ref(pdf, at + b"Contents ".len(), 99),
        None => pdf.to_vec(),
    };
    let end = find_last(&out, b"trailer").unwrap_or(out.len());
    out = insert(&out, end, &stream);
    out
}

/// A deep object inside a compressed object stream.
fn nest_in_object_stream(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let n = rng.depth();
    let body = [b"98 0 ".as_slice(), &nesting(rng, n)].concat();
    let data = deflate(&body);
    let stream = [
        format!(
            "97 0 obj << /Type /ObjStm /N 1 /First 5 /Length {} /Filter /FlateDecode >> stream\n",
            data.len()
        )
        .as_bytes(),
        &data,
        b"\nendstream endobj\n",
    ]
    .concat();
    let end = find_last(pdf, b"trailer").unwrap_or(pdf.len());
    insert(pdf, end, &stream)
}

/// A reference turned to its own object, or to another object's number.
fn self_reference(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let refs = places(pdf, &[b" 0 R"]);
    let Some(&at) = refs.get(rng.below(refs.len())) else {
        return pdf.to_vec();
    };
    // The number before ` 0 R`, and the object holding it.
    let start = pdf[..at - 1]
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |k| k + 1);
    let own = find_last(&pdf[..start], b" 0 obj")
        .map(|k| {
            let s = pdf[..k]
                .iter()
                .rposition(|c| !c.is_ascii_digit())
                .map_or(0, |j| j + 1);
            String::from_utf8_lossy(&pdf[s..k]).into_owned()
        })
        .unwrap_or_else(|| "1".into());
    let number = match rng.below(3) {
        0 => own,
        1 => "2".into(),
        _ => format!("{}", 1 + rng.below(8)),
    };
    [&pdf[..start], number.as_bytes(), &pdf[at - 1..]].concat()
}

fn replace_ref(pdf: &[u8], at: usize, number: u32) -> Vec<u8> {
    let end = pdf[at..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(pdf.len(), |k| at + k);
    [&pdf[..at], number.to_string().as_bytes(), &pdf[end..]].concat()
}

/// A number replaced by a huge one.
fn huge_number(pdf: &[u8], rng: &mut Rng) -> Vec<u8> {
    let spots: Vec<usize> = (1..pdf.len())
        .filter(|&i| pdf[i].is_ascii_digit() && !pdf[i - 1].is_ascii_alphanumeric())
        .collect();
    let Some(&at) = spots.get(rng.below(spots.len())) else {
        return pdf.to_vec();
    };
    let end = pdf[at..]
        .iter()
        .position(|c| !c.is_ascii_digit() && *c != b'.')
        .map_or(pdf.len(), |k| at + k);
    let digits = "9".repeat(1 + rng.below(400));
    let huge = match rng.below(6) {
        0 => "1e99999".to_string(),
        1 => digits,
        2 => format!("-{digits}"),
        3 => format!("0.{digits}"),
        4 => "4294967296".into(),
        _ => "18446744073709551616".into(),
    };
    [&pdf[..at], huge.as_bytes(), &pdf[end..]].concat()
}

/// A document whose forms draw one another: a chain, a fan (each drawing
/// the next several times) or a loop.
fn form_graph(rng: &mut Rng) -> Vec<u8> {
    let n = [2, 10, 60, 1000, 10_000][rng.below(5)];
    form_graph_pdf(n, 1 + rng.below(3), rng.below(3) == 0)
}

/// A page drawing the first of `n` forms, each drawing the next `times`
/// times; the last draws the first (`back`) or nothing.
pub fn form_graph_pdf(n: usize, times: usize, back: bool) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>"
            .into(),
        "<< /Length 5 >> stream\n/X Do\nendstream".into(),
    ];
    for i in 0..n {
        let content = "/X Do ".repeat(times);
        let res = match next(i, n, 6, back.then_some(5)) {
            Some(k) => format!("/XObject << /X {k} 0 R >>"),
            None => String::new(),
        };
        objects.push(format!(
            "<< /Subtype /Form /BBox [0 0 1 1] /Resources << {res} >> /Length {} >> stream\n{content}\nendstream",
            content.len()
        ));
    }
    document(&objects)
}

/// A document whose page tree is a chain, a doubling tree or a loop.
fn page_tree(rng: &mut Rng) -> Vec<u8> {
    let n = [5, 40, 300, 10_000][rng.below(4)];
    page_tree_pdf(n, rng.below(2) == 0, rng.below(3) == 0)
}

/// A document whose page tree is a chain of `n` nodes, each listing the
/// next (`twice`: two times); the last lists the page, or the first
/// (`back`).
pub fn page_tree_pdf(n: usize, twice: bool, back: bool) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 4 0 R >>".to_string(),
        "<< /Type /Page /Parent 4 0 R /Contents 3 0 R >>".into(),
        "<< /Length 0 >> stream\n\nendstream".into(),
    ];
    for i in 0..n {
        let kid = next(i, n, 5, Some(if back { 4 } else { 2 })).unwrap_or(2);
        let kids = if twice {
            format!("{kid} 0 R {kid} 0 R")
        } else {
            format!("{kid} 0 R")
        };
        objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count 1 >>"));
    }
    document(&objects)
}

/// The object after link `i` of a chain of `n` objects numbered from
/// `first`: the next one, or `last` after the last one.
fn next(i: usize, n: usize, first: usize, last: Option<usize>) -> Option<usize> {
    if i + 1 < n {
        Some(first + i + 1)
    } else {
        last
    }
}

/// A PDF of numbered objects (1 first) with its cross-reference table.
pub fn document(objects: &[impl AsRef<[u8]>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o.as_ref());
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

/// `data`, zlib-compressed.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
