//! Positioned text from PDF content streams: a small interpreter of the text
//! and graphics-state operators over lopdf objects. It yields every glyph with
//! its page position, width and size; `layout` turns glyphs into lines.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{hex_bytes, num as number, resolve, Font};

/// One shown glyph, in page coordinates with y growing downwards.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub text: Arc<str>,
}

/// The glyphs of one page.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    /// Fonts shown on this page that carry no Unicode mapping.
    pub unmapped_fonts: Vec<String>,
    /// Glyphs shown whose code has no Unicode mapping (their text is lost).
    pub unmapped_glyphs: usize,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// Fonts decoded once per document, shared by the page workers.
pub struct FontCache<'d> {
    doc: &'d Document,
    fonts: HashMap<ObjectId, Arc<Font>>,
}

impl<'d> FontCache<'d> {
    pub fn new(doc: &'d Document) -> Self {
        FontCache {
            doc,
            fonts: HashMap::new(),
        }
    }

    fn get(&mut self, obj: &Object) -> Option<Arc<Font>> {
        match obj {
            Object::Reference(id) => {
                if !self.fonts.contains_key(id) {
                    let dict = self.doc.get_dictionary(*id).ok()?;
                    let f = Font::load(self.doc, dict);
                    self.fonts.insert(*id, Arc::new(f));
                }
                self.fonts.get(id).cloned()
            }
            Object::Dictionary(d) => Some(Arc::new(Font::load(self.doc, d))),
            _ => None,
        }
    }
}

/// Extracts the glyphs of one page.
pub fn page_glyphs(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> PageGlyphs {
    let page = doc.get_dictionary(page_id).ok();
    let (x0, y0, x1, y1) = page
        .and_then(|p| inherited(doc, p, b"MediaBox"))
        .and_then(|o| o.as_array().ok().cloned())
        .and_then(|a| {
            let v: Vec<f32> = a.iter().filter_map(number).collect();
            (v.len() == 4).then(|| (v[0], v[1], v[2], v[3]))
        })
        .unwrap_or((0.0, 0.0, 595.0, 842.0));
    let mut out = PageGlyphs {
        width: (x1 - x0).abs(),
        height: (y1 - y0).abs(),
        ..Default::default()
    };
    let content = doc.get_page_content(page_id).unwrap_or_default();
    let resources = page
        .and_then(|p| inherited(doc, p, b"Resources"))
        .and_then(|o| o.as_dict().ok());
    // Page space: origin at the media box's top-left, y downwards.
    let base: Matrix = [1.0, 0.0, 0.0, -1.0, -x0, y1];
    let mut interp = Interp {
        doc,
        fonts,
        out: &mut out,
        depth: 0,
        marked: Vec::new(),
        actual: Vec::new(),
    };
    interp.run(&content, resources, base);
    out
}

fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return resolve(doc, Some(v));
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| resolve(doc, Some(p)))
            .and_then(|p| p.as_dict().ok())?;
    }
    None
}

/// A content-stream operand.
#[derive(Debug, Clone)]
enum Op<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(Vec<u8>),
    Array(Vec<Op<'a>>),
    /// A dictionary, unparsed (only marked-content properties are read).
    Dict(&'a [u8]),
    Other,
}

impl Op<'_> {
    fn num(&self) -> f32 {
        match self {
            Op::Num(n) => *n,
            _ => 0.0,
        }
    }
}

/// The text and text-line matrices of a `BT … ET` object. The other text
/// parameters (font, size, spacing, scaling, leading, rise) belong to the
/// graphics state, as in PDF: they survive `ET` and are saved by `q`.
struct TextState {
    tm: Matrix,
    tlm: Matrix,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Arc<Font>>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

struct Interp<'a, 'd, 'c> {
    doc: &'d Document,
    fonts: &'a mut FontCache<'c>,
    out: &'a mut PageGlyphs,
    depth: u32,
    /// Open marked-content sequences, true for `/Artifact` ones: running
    /// headers, page numbers and other furniture that is not document content.
    marked: Vec<bool>,
    /// `/ActualText` of open spans (None for spans without one): the text of
    /// all glyphs inside, given to the first of them (ligatures: the glyph
    /// `ﬁ` and what follows it read as the span's "fi").
    actual: Vec<Span>,
}

/// A marked-content span as far as `/ActualText` goes.
enum Span {
    Plain,
    Actual(Arc<str>),
    Given,
}

impl Interp<'_, '_, '_> {
    fn in_artifact(&self) -> bool {
        self.marked.iter().any(|&a| a)
    }
}

/// The `/ActualText` string of a marked-content property dictionary.
fn actual_text(raw: &[u8]) -> Option<String> {
    let at = raw.windows(11).position(|w| w == b"/ActualText")? + 11;
    let mut lx = Lexer { data: raw, pos: at };
    match lx.next()? {
        Tok::Operand(Op::Str(s)) => Some(super::pdf_string(&s)),
        _ => None,
    }
}

impl Interp<'_, '_, '_> {
    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix) {
        if self.depth > 8 {
            return;
        }
        self.depth += 1;
        let font_dict = resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| resolve(self.doc, Some(f)))
            .and_then(|f| f.as_dict().ok());
        let xobjects = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|f| resolve(self.doc, Some(f)))
            .and_then(|f| f.as_dict().ok());
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut ts = TextState {
            tm: IDENTITY,
            tlm: IDENTITY,
        };
        let mut lexer = Lexer {
            data: content,
            pos: 0,
        };
        let mut operands: Vec<Op> = Vec::new();
        while let Some(tok) = lexer.next() {
            let op = match tok {
                Tok::Operand(o) => {
                    operands.push(o);
                    continue;
                }
                Tok::Operator(op) => op,
            };
            let n = |i: usize| operands.get(i).map_or(0.0, Op::num);
            match op {
                b"q" => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if operands.len() >= 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    ts.tm = IDENTITY;
                    ts.tlm = IDENTITY;
                }
                b"Tf" if operands.len() >= 2 => {
                    if let (Op::Name(name), Some(fd)) = (&operands[0], font_dict) {
                        gs.font = fd.get(name).ok().and_then(|o| self.fonts.get(o));
                        if let Some(f) = &gs.font {
                            if !f.has_unicode && !self.out.unmapped_fonts.contains(&f.name) {
                                self.out.unmapped_fonts.push(f.name.clone());
                            }
                        }
                    }
                    gs.size = n(1);
                }
                b"Tc" => {
                    gs.tc = n(0);
                }
                b"Tw" => {
                    gs.tw = n(0);
                }
                b"Tz" => {
                    gs.th = n(0) / 100.0;
                }
                b"TL" => {
                    gs.tl = n(0);
                }
                b"Ts" => {
                    gs.rise = n(0);
                }
                b"Td" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"TD" => {
                    gs.tl = -n(1);
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"Tm" if operands.len() >= 6 => {
                    ts.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    ts.tm = ts.tlm;
                }
                b"T*" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"Tj" => {
                    if let Some(Op::Str(s)) = operands.first() {
                        self.show(&mut ts, &gs, s);
                    }
                }
                b"'" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                    if let Some(Op::Str(s)) = operands.first() {
                        self.show(&mut ts, &gs, s);
                    }
                }
                b"\"" if operands.len() >= 3 => {
                    gs.tw = n(0);
                    gs.tc = n(1);
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                    if let Op::Str(s) = &operands[2] {
                        self.show(&mut ts, &gs, s);
                    }
                }
                b"TJ" => {
                    if let Some(Op::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Op::Str(s) => self.show(&mut ts, &gs, s),
                                Op::Num(adj) => {
                                    let tx = -adj / 1000.0 * gs.size * gs.th;
                                    ts.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &ts.tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"BMC" | b"BDC" => {
                    let span = match operands.get(1).and_then(|o| match o {
                        Op::Dict(raw) => actual_text(raw),
                        _ => None,
                    }) {
                        Some(t) => Span::Actual(Arc::from(t)),
                        None => Span::Plain,
                    };
                    self.actual.push(span);
                    let artifact =
                        matches!(operands.first(), Some(Op::Name(n)) if *n == b"Artifact");
                    self.marked.push(artifact);
                }
                b"EMC" => {
                    self.marked.pop();
                    self.actual.pop();
                }
                b"Do" => {
                    if let (Some(Op::Name(name)), Some(xo)) = (operands.first(), xobjects) {
                        self.form(xo, name, &gs.ctm);
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        self.depth -= 1;
    }

    fn form(&mut self, xobjects: &Dictionary, name: &[u8], ctm: &Matrix) {
        let Some(stream) = xobjects
            .get(name)
            .ok()
            .and_then(|o| resolve(self.doc, Some(o)))
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return;
        }
        let m = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().filter_map(number).collect::<Vec<_>>())
            .filter(|v| v.len() == 6)
            .map_or(IDENTITY, |v| [v[0], v[1], v[2], v[3], v[4], v[5]]);
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| resolve(self.doc, Some(o)))
            .and_then(|o| o.as_dict().ok());
        let inner = mul(&m, ctm);
        self.run(&data, res, inner);
    }

    fn show(&mut self, ts: &mut TextState, gs: &GState, s: &[u8]) {
        let ctm = &gs.ctm;
        let Some(font) = gs.font.clone() else {
            return;
        };
        for code in font.codes(s) {
            let w0 = font.width(code);
            let trm = mul(
                &mul(&[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise], &ts.tm),
                ctm,
            );
            let text = font.text(code);
            let is_space = text.is_some_and(|t| &**t == " ") || (!font.two_byte && code == 32);
            let tx = (w0 * gs.size
                + gs.tc
                + if is_space && !font.two_byte {
                    gs.tw
                } else {
                    0.0
                })
                * gs.th;
            let xscale = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let yscale = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            // Only horizontal, upright text forms lines; rotated text is kept
            // with its own position (it rarely matters for tables).
            if text.is_none() {
                self.out.unmapped_glyphs += 1;
            }
            // Inside an /ActualText span the first glyph carries the span's
            // text and the others none.
            let mut covered = false;
            let text = match self
                .actual
                .iter_mut()
                .rev()
                .find(|a| !matches!(a, Span::Plain))
            {
                Some(span) => match std::mem::replace(span, Span::Given) {
                    Span::Actual(t) => Some(t),
                    _ => {
                        covered = true;
                        None
                    }
                },
                None => text.cloned(),
            };
            if covered {
                // Covered by the span's first glyph: widen it, leave no gap.
                if let Some(last) = self.out.glyphs.last_mut() {
                    last.w = (trm[4] + w0 * xscale - last.x).max(last.w);
                }
            }
            let text = text.as_ref();
            if self.in_artifact() {
                // Not content: advance, but emit nothing.
            } else if let Some(text) = text.filter(|t| !t.is_empty()) {
                self.out.glyphs.push(Glyph {
                    x: trm[4],
                    y: trm[5],
                    w: w0 * xscale,
                    size: yscale,
                    text: Arc::clone(text),
                });
            }
            ts.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &ts.tm);
        }
    }
}

enum Tok<'a> {
    Operand(Op<'a>),
    Operator(&'a [u8]),
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

impl<'a> Lexer<'a> {
    fn skip_ws(&mut self) {
        while self.pos < self.data.len() {
            let c = self.data[self.pos];
            if is_ws(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn next(&mut self) -> Option<Tok<'a>> {
        loop {
            self.skip_ws();
            let c = *self.data.get(self.pos)?;
            match c {
                b'[' => {
                    self.pos += 1;
                    let mut items = Vec::new();
                    loop {
                        self.skip_ws();
                        match self.data.get(self.pos) {
                            None => break,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => match self.next() {
                                Some(Tok::Operand(o)) => items.push(o),
                                Some(Tok::Operator(_)) => {}
                                None => break,
                            },
                        }
                    }
                    return Some(Tok::Operand(Op::Array(items)));
                }
                b']' | b'>' | b'}' | b')' | b'{' => {
                    self.pos += 1;
                    continue;
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    let start = self.pos;
                    self.skip_dict();
                    return Some(Tok::Operand(Op::Dict(&self.data[start..self.pos])));
                }
                b'<' => {
                    let start = self.pos + 1;
                    let end = self.data[start..]
                        .iter()
                        .position(|&c| c == b'>')
                        .map_or(self.data.len(), |p| start + p);
                    self.pos = (end + 1).min(self.data.len());
                    return Some(Tok::Operand(Op::Str(hex_bytes(&self.data[start..end]))));
                }
                b'(' => return Some(Tok::Operand(Op::Str(self.literal()))),
                b'/' => {
                    let start = self.pos + 1;
                    self.pos = start;
                    while self.pos < self.data.len()
                        && !is_ws(self.data[self.pos])
                        && !is_delim(self.data[self.pos])
                    {
                        self.pos += 1;
                    }
                    return Some(Tok::Operand(Op::Name(&self.data[start..self.pos])));
                }
                b'0'..=b'9' | b'+' | b'-' | b'.' => {
                    let start = self.pos;
                    self.pos += 1;
                    while self.pos < self.data.len()
                        && matches!(self.data[self.pos], b'0'..=b'9' | b'.' | b'-' | b'+')
                    {
                        self.pos += 1;
                    }
                    let s = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("0");
                    return Some(Tok::Operand(Op::Num(s.parse().unwrap_or(0.0))));
                }
                _ => {
                    let start = self.pos;
                    while self.pos < self.data.len()
                        && !is_ws(self.data[self.pos])
                        && !is_delim(self.data[self.pos])
                    {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        self.pos += 1;
                        continue;
                    }
                    let word = &self.data[start..self.pos];
                    match word {
                        b"true" | b"false" | b"null" => return Some(Tok::Operand(Op::Other)),
                        b"BI" => {
                            self.skip_inline_image();
                            continue;
                        }
                        _ => return Some(Tok::Operator(word)),
                    }
                }
            }
        }
    }

    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.data.len() {
            if self.data[self.pos..].starts_with(b"<<") {
                depth += 1;
                self.pos += 2;
            } else if self.data[self.pos..].starts_with(b">>") {
                depth = depth.saturating_sub(1);
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else if self.data[self.pos] == b'(' {
                self.literal();
            } else {
                self.pos += 1;
            }
        }
    }

    fn skip_inline_image(&mut self) {
        // Skip to `ID`, then to whitespace + `EI` + whitespace.
        while self.pos + 1 < self.data.len() && &self.data[self.pos..self.pos + 2] != b"ID" {
            self.pos += 1;
        }
        self.pos += 2;
        while self.pos + 3 < self.data.len() {
            if is_ws(self.data[self.pos])
                && &self.data[self.pos + 1..self.pos + 3] == b"EI"
                && (self.pos + 3 == self.data.len() || is_ws(self.data[self.pos + 3]))
            {
                self.pos += 3;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        self.pos += 1;
        while self.pos < self.data.len() {
            let c = self.data[self.pos];
            self.pos += 1;
            match c {
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexer_reads_operands_and_operators() {
        let mut lx = Lexer {
            data: b"BT /F1 10 Tf [(a\\(b\\)) -250 <0041>] TJ ET",
            pos: 0,
        };
        let mut ops = Vec::new();
        while let Some(t) = lx.next() {
            if let Tok::Operator(o) = t {
                ops.push(String::from_utf8_lossy(o).into_owned());
            }
        }
        assert_eq!(ops, ["BT", "Tf", "TJ", "ET"]);
    }

    #[test]
    fn actual_text_of_a_span() {
        assert_eq!(
            actual_text(b"<</ActualText(fi)/MCID 3>>").as_deref(),
            Some("fi")
        );
        assert_eq!(
            actual_text(b"<< /ActualText <FEFF0130> >>").as_deref(),
            Some("İ")
        );
        assert_eq!(actual_text(b"<</MCID 0>>"), None);
    }

    #[test]
    fn literal_escapes() {
        let mut lx = Lexer {
            data: b"(x\\101\\n(y))",
            pos: 0,
        };
        assert_eq!(lx.literal(), b"xA\n(y)");
    }
}
