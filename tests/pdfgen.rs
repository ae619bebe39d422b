//! A small PDF writer for the integration tests.
//!
//! It writes just enough of PDF 1.7 to make test inputs for the reader:
//! pages with text in two simple fonts, stroked lines, rectangles and raw
//! content operators, optionally Flate-compressed, with a classic `xref`
//! table and trailer. Coordinates given to [`Page`] are in points with `y`
//! measured down from the top edge, as a reader of the printed page sees
//! them; they are turned into PDF user space (`y` up from the bottom) here.
//!
//! The damage helpers ([`shift_offsets`], [`truncate_at`]) and
//! [`bomb_pdf`] make broken and hostile files from well-formed ones.
//!
//! ```ignore
//! let mut doc = Doc::new();
//! doc.title("Performans Programı").compress(true);
//! let turkish = Font::Mapped(vec![(0xDD, "Ġ".into())]);
//! doc.page(A4.0, A4.1)
//!     .text(&Font::Helvetica, 12.0, 72.0, 72.0, b"Hedef 1.1")
//!     .text(&turkish, 12.0, 72.0, 90.0, b"\xDDDARE")
//!     .line(72.0, 100.0, 523.0, 100.0, 0.5);
//! let pdf: Vec<u8> = doc.to_bytes();
//! ```
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::Write as _;

use flate2::write::ZlibEncoder;
use flate2::Compression;

/// A4 portrait in points: `(width, height)`.
pub const A4: (f32, f32) = (595.0, 842.0);

/// A font for [`Page::text`]. Both are the standard 14 font Helvetica, not
/// embedded, with `/WinAnsiEncoding`; text is given as single-byte codes.
#[derive(Clone, Debug, PartialEq)]
pub enum Font {
    /// Plain Helvetica: the codes are WinAnsi (cp1252) and nothing else says
    /// what they mean.
    Helvetica,
    /// Helvetica with a `/ToUnicode` CMap that maps each listed code to the
    /// given string (UTF-16BE `bfchar` entries). Codes not listed fall back
    /// to WinAnsi. This makes the text layer disagree with the glyphs, like
    /// legacy Turkish fonts that draw `Ý` for code 0xDD but mean `Ġ`.
    Mapped(Vec<(u8, String)>),
}

/// One page: its size and its content stream.
#[derive(Clone, Debug)]
pub struct Page {
    width: f32,
    height: f32,
    /// The fonts this page uses; `/F1` is `fonts[0]`, and so on.
    fonts: Vec<Font>,
    content: Vec<u8>,
}

impl Page {
    fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            fonts: Vec::new(),
            content: Vec::new(),
        }
    }

    /// Draws `bytes` in `font` at `size` points with the baseline starting at
    /// `x`, `y` points below the top edge.
    pub fn text(&mut self, font: &Font, size: f32, x: f32, y: f32, bytes: &[u8]) -> &mut Self {
        self.text_spaced(font, size, x, y, 0.0, bytes)
    }

    /// Like [`Page::text`], with character spacing `tc` (the `Tc` operator,
    /// in unscaled text space units) added after every glyph, as in
    /// letter-spaced titles such as `P E R F O R M A N S`.
    pub fn text_spaced(
        &mut self,
        font: &Font,
        size: f32,
        x: f32,
        y: f32,
        tc: f32,
        bytes: &[u8],
    ) -> &mut Self {
        let name = self.font_name(font);
        let y = self.height - y;
        // `Tc` outlives `ET`: save and restore the state around spaced text.
        let spaced = tc != 0.0;
        let mut ops = String::from(if spaced { "q BT\n" } else { "BT\n" });
        writeln!(ops, "/{name} {} Tf", num(size)).unwrap();
        if spaced {
            writeln!(ops, "{} Tc", num(tc)).unwrap();
        }
        writeln!(ops, "{} {} Td", num(x), num(y)).unwrap();
        self.content.extend_from_slice(ops.as_bytes());
        self.content.extend_from_slice(&literal_string(bytes));
        self.content.extend_from_slice(b" Tj\nET");
        self.content
            .extend_from_slice(if spaced { b" Q\n" } else { b"\n" });
        self
    }

    /// Like [`Page::text`], marked as an artifact (`/Artifact BMC … EMC`):
    /// running headers, footers and page numbers that are not content.
    pub fn artifact_text(
        &mut self,
        font: &Font,
        size: f32,
        x: f32,
        y: f32,
        bytes: &[u8],
    ) -> &mut Self {
        self.raw("/Artifact BMC");
        self.text(font, size, x, y, bytes);
        self.raw("EMC")
    }

    /// A stroked line from `(x0, y0)` to `(x1, y1)`, `width` points wide.
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, width: f32) -> &mut Self {
        let (y0, y1) = (self.height - y0, self.height - y1);
        let ops = format!(
            "q {} w {} {} m {} {} l S Q",
            num(width),
            num(x0),
            num(y0),
            num(x1),
            num(y1)
        );
        self.raw(&ops)
    }

    /// A rectangle whose top-left corner is `(x, y)`, filled with `fill`
    /// (RGB, 0 to 1) and/or stroked `stroke_width` points wide. With neither
    /// it is an invisible path (`n`), which is still an operator to read.
    pub fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<[f32; 3]>,
        stroke_width: Option<f32>,
    ) -> &mut Self {
        let mut ops = String::from("q ");
        if let Some([r, g, b]) = fill {
            write!(ops, "{} {} {} rg ", num(r), num(g), num(b)).unwrap();
        }
        if let Some(sw) = stroke_width {
            write!(ops, "{} w ", num(sw)).unwrap();
        }
        let bottom = self.height - y - h;
        write!(ops, "{} {} {} {} re ", num(x), num(bottom), num(w), num(h)).unwrap();
        ops.push_str(match (fill.is_some(), stroke_width.is_some()) {
            (true, true) => "B",
            (true, false) => "f",
            (false, true) => "S",
            (false, false) => "n",
        });
        ops.push_str(" Q");
        self.raw(&ops)
    }

    /// Appends content operators as they are, on a line of their own. They
    /// work in PDF user space (`y` up from the bottom), not from the top.
    pub fn raw(&mut self, ops: &str) -> &mut Self {
        self.content.extend_from_slice(ops.as_bytes());
        self.content.push(b'\n');
        self
    }

    /// The resource name of `font` on this page, adding it if new.
    fn font_name(&mut self, font: &Font) -> String {
        let index = match self.fonts.iter().position(|f| f == font) {
            Some(i) => i,
            None => {
                self.fonts.push(font.clone());
                self.fonts.len() - 1
            }
        };
        format!("F{}", index + 1)
    }
}

/// A document under construction; see the module docs.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pages: Vec<Page>,
    compress: bool,
    title: Option<String>,
}

impl Doc {
    /// An empty document: no pages, uncompressed, no title.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a page of `width` × `height` points and returns it to draw on.
    pub fn page(&mut self, width: f32, height: f32) -> &mut Page {
        self.pages.push(Page::new(width, height));
        self.pages.last_mut().unwrap()
    }

    /// Whether streams are written with `/FlateDecode` (default: no).
    pub fn compress(&mut self, on: bool) -> &mut Self {
        self.compress = on;
        self
    }

    /// Sets `/Title` in an `/Info` dictionary (UTF-16BE if not ASCII).
    pub fn title(&mut self, title: &str) -> &mut Self {
        self.title = Some(title.to_owned());
        self
    }

    /// The finished file. Objects are numbered in order: 1 catalog, 2 page
    /// tree, then each distinct font (and its `/ToUnicode` stream), then each
    /// page and its content stream, then `/Info`.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Fonts are shared by all pages that use them.
        let mut fonts: Vec<&Font> = Vec::new();
        for font in self.pages.iter().flat_map(|p| &p.fonts) {
            if !fonts.contains(&font) {
                fonts.push(font);
            }
        }
        let mut next_id = 3;
        let mut font_ids = Vec::with_capacity(fonts.len());
        for font in &fonts {
            font_ids.push(next_id);
            next_id += 1 + usize::from(matches!(font, Font::Mapped(_)));
        }
        let page_ids: Vec<usize> = (0..self.pages.len()).map(|i| next_id + 2 * i).collect();
        let info_id = next_id + 2 * self.pages.len();

        let mut w = Writer::new();
        w.object(1, b"<< /Type /Catalog /Pages 2 0 R >>");
        let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
        let tree = format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        );
        w.object(2, tree.as_bytes());

        for (font, &id) in fonts.iter().zip(&font_ids) {
            let base = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
                        /Encoding /WinAnsiEncoding";
            match font {
                Font::Helvetica => w.object(id, format!("{base} >>").as_bytes()),
                Font::Mapped(map) => {
                    w.object(
                        id,
                        format!("{base} /ToUnicode {} 0 R >>", id + 1).as_bytes(),
                    );
                    w.stream(id + 1, &to_unicode_cmap(map), self.compress);
                }
            }
        }

        for (page, &id) in self.pages.iter().zip(&page_ids) {
            let mut resources = String::new();
            for (i, font) in page.fonts.iter().enumerate() {
                let global = fonts.iter().position(|f| *f == font).unwrap();
                write!(resources, " /F{} {} 0 R", i + 1, font_ids[global]).unwrap();
            }
            let dict = format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
                 /Resources << /Font <<{resources} >> >> /Contents {} 0 R >>",
                num(page.width),
                num(page.height),
                id + 1
            );
            w.object(id, dict.as_bytes());
            w.stream(id + 1, &page.content, self.compress);
        }

        let info = self.title.as_ref().map(|title| {
            let mut dict = b"<< /Title ".to_vec();
            dict.extend_from_slice(&text_string(title));
            dict.extend_from_slice(b" >>");
            w.object(info_id, &dict);
            info_id
        });
        w.finish(1, info)
    }
}

/// Inserts `junk` just before each of the first `n_places` object headers
/// (`N G obj` at the start of a line) after the first object, so every
/// `xref` offset from there on, and `startxref` itself, points at the wrong
/// byte. A reader has to rebuild the table by scanning. Junk that ends in a
/// newline keeps the moved headers at the start of their lines.
pub fn shift_offsets(pdf: &[u8], junk: &[u8], n_places: usize) -> Vec<u8> {
    let headers = object_headers(pdf);
    let mut out = Vec::with_capacity(pdf.len() + junk.len() * n_places);
    let mut copied = 0;
    for &at in headers.iter().skip(1).take(n_places) {
        out.extend_from_slice(&pdf[copied..at]);
        out.extend_from_slice(junk);
        copied = at;
    }
    out.extend_from_slice(&pdf[copied..]);
    out
}

/// The first `fraction` (clamped to 0..=1) of the file, as a download cut
/// short would leave it.
pub fn truncate_at(pdf: &[u8], fraction: f64) -> Vec<u8> {
    let keep = (pdf.len() as f64 * fraction.clamp(0.0, 1.0)) as usize;
    pdf[..keep.min(pdf.len())].to_vec()
}

/// A one-page A4 PDF whose content stream inflates to `inflated_bytes`
/// ASCII spaces: a decompression bomb that is otherwise a valid, blank page.
///
/// The spaces are streamed through the compressor in 64 KiB chunks, so
/// memory stays small whatever the size. Deflate tops out near 1030:1 on a
/// run of one byte: 1 GiB of spaces is 1,042,921 bytes of zlib data, a
/// 1,043,389-byte file; 1 MiB makes a 1,502-byte file. Measured for 1 GiB:
/// about 1.9 s in a release build, but about 21 s in an unoptimised (test)
/// build, where miniz_oxide dominates. Tests should prefer tens of MiB, or
/// the dev profile should optimise `flate2`, `miniz_oxide`, `adler2` and
/// `simd-adler32` (`opt-level = 3`), which brings 1 GiB to about 1.7 s.
pub fn bomb_pdf(inflated_bytes: u64) -> Vec<u8> {
    const CHUNK: usize = 64 * 1024;
    let spaces = vec![b' '; CHUNK];
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    let mut left = inflated_bytes;
    while left > 0 {
        let n = left.min(CHUNK as u64) as usize;
        z.write_all(&spaces[..n]).unwrap();
        left -= n as u64;
    }
    let data = z.finish().unwrap();

    let mut w = Writer::new();
    w.object(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    w.object(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    w.object(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << >> /Contents 4 0 R >>",
    );
    w.raw_stream(4, "/Filter /FlateDecode ", &data);
    w.finish(1, None)
}

/// Serialises numbered objects in order and then the `xref` table.
struct Writer {
    out: Vec<u8>,
    /// The byte offset of object `i + 1`.
    offsets: Vec<usize>,
}

impl Writer {
    fn new() -> Self {
        // The binary comment tells transfer tools the file is not text.
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        out.reserve(4096);
        Writer {
            out,
            offsets: Vec::new(),
        }
    }

    /// Writes object `id`; ids must come 1, 2, 3, … in order.
    fn object(&mut self, id: usize, body: &[u8]) {
        assert_eq!(id, self.offsets.len() + 1, "objects out of order");
        self.offsets.push(self.out.len());
        writeln!(self.out, "{id} 0 obj").unwrap();
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Writes `data` as stream object `id`, deflating it if `compress`.
    fn stream(&mut self, id: usize, data: &[u8], compress: bool) {
        if compress {
            let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
            z.write_all(data).unwrap();
            let packed = z.finish().unwrap();
            self.raw_stream(id, "/Filter /FlateDecode ", &packed);
        } else {
            self.raw_stream(id, "", data);
        }
    }

    /// Writes already-encoded `data` as stream object `id`; `extra` holds
    /// further dictionary entries, each followed by a space.
    fn raw_stream(&mut self, id: usize, extra: &str, data: &[u8]) {
        self.object(id, &stream_body(extra, data));
    }

    /// Appends the `xref` table and the trailer and returns the file.
    fn finish(mut self, root: usize, info: Option<usize>) -> Vec<u8> {
        let xref = self.out.len();
        let size = self.offsets.len() + 1;
        // Every entry is exactly 20 bytes, ending in space + newline.
        let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for offset in &self.offsets {
            writeln!(table, "{offset:010} 00000 n ").unwrap();
        }
        write!(table, "trailer\n<< /Size {size} /Root {root} 0 R").unwrap();
        if let Some(info) = info {
            write!(table, " /Info {info} 0 R").unwrap();
        }
        write!(table, " >>\nstartxref\n{xref}\n%%EOF\n").unwrap();
        self.out.extend_from_slice(table.as_bytes());
        self.out
    }
}

/// The body of a stream object holding `data` as it is; `extra` holds
/// further dictionary entries, each followed by a space.
pub fn stream_body(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {extra}/Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// A PDF of the given object bodies, numbered from 1 (object 1 is the
/// catalog), with a correct `xref` table: for structures the [`Doc`]
/// builder does not make (forms, named properties).
pub fn raw_pdf(objects: &[&[u8]]) -> Vec<u8> {
    let mut w = Writer::new();
    for (i, body) in objects.iter().enumerate() {
        w.object(i + 1, body);
    }
    w.finish(1, None)
}

/// Byte offsets of `N G obj` headers that start a line.
fn object_headers(pdf: &[u8]) -> Vec<usize> {
    let is_header = |rest: &[u8]| {
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let n = digits(rest);
        if n == 0 || rest.get(n) != Some(&b' ') {
            return false;
        }
        let rest = &rest[n + 1..];
        let g = digits(rest);
        g > 0 && rest[g..].starts_with(b" obj")
    };
    (0..pdf.len())
        .filter(|&i| i == 0 || matches!(pdf[i - 1], b'\n' | b'\r'))
        .filter(|&i| is_header(&pdf[i..]))
        .collect()
}

/// A number for a content stream or dictionary: no exponent, no needless
/// zeros (`12`, `0.5`, `-3.25`).
fn num(v: f32) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// `bytes` as a literal string `( … )`: parentheses and backslashes escaped,
/// control bytes as octal (a raw CR would be read as LF), bytes ≥ 0x80 raw.
fn literal_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            0..=0x1F | 0x7F => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}

/// A text string for the document information dictionary: a literal if
/// printable ASCII, else UTF-16BE with a byte order mark, in hex.
fn text_string(s: &str) -> Vec<u8> {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        literal_string(s.as_bytes())
    } else {
        format!("<FEFF{}>", utf16_hex(s)).into_bytes()
    }
}

/// `s` in UTF-16BE as upper-case hex digits.
fn utf16_hex(s: &str) -> String {
    s.encode_utf16().fold(String::new(), |mut hex, unit| {
        write!(hex, "{unit:04X}").unwrap();
        hex
    })
}

/// A `/ToUnicode` CMap with one-byte codes and a `bfchar` entry per code,
/// in blocks of at most 100 as the CMap format requires.
fn to_unicode_cmap(map: &[(u8, String)]) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n\
         12 dict begin\n\
         begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n\
         /CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    for block in map.chunks(100) {
        writeln!(cmap, "{} beginbfchar", block.len()).unwrap();
        for (code, text) in block {
            writeln!(cmap, "<{code:02X}> <{}>", utf16_hex(text)).unwrap();
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str(
        "endcmap\n\
         CMapName currentdict /CMap defineresource pop\n\
         end\n\
         end\n",
    );
    cmap.into_bytes()
}
