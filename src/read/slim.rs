//! Font dictionaries without their long inline values.
//!
//! The interpreter (hayro-interpret 0.8, as 0.7 did) reads a font's
//! dictionary again at every `Tf` that changes fonts. Reading a dictionary
//! reads every value in it, so a `/Widths` array written inline (a simple
//! font's 100 to 256 widths, as ReportLab, Cairo, LibreOffice and others
//! write them) is parsed number by number each time, although the
//! interpreter decodes the font once and keeps it by the dictionary's key.
//!
//! [`slimmed`] gives the interpreter the same document with each such value
//! moved into an object of its own: an incremental update, appended to a
//! copy of the file in memory, rewrites each font dictionary with `N 0 R`
//! in place of the long array or dictionary, as a PDF writer may. Reading a
//! reference to an object is reading the object, so the fonts are decoded
//! as before; only the dictionary read at every `Tf` is short.
//!
//! The update is used only when the slim document reads as the original:
//! the same pages and metadata, and each rewritten font dictionary with the
//! same keys, each moved value resolving to the bytes it had. Otherwise, and
//! for encrypted files (whose new objects would be decrypted as if
//! encrypted), the original is kept. The file's own bytes, which the model's
//! checksum is taken of, are not changed.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use hayro_interpret::hayro_syntax::object::{
    Dict, FromBytes, MaybeRef, Object, ObjectIdentifier, Stream,
};
use hayro_interpret::hayro_syntax::page::Resources;
use hayro_interpret::hayro_syntax::Pdf;

use super::nesting::find;

/// A value shorter than this stays inline: reading it costs little.
const LONG: usize = 96;
/// At most this many font dictionaries are rewritten (a document has tens).
const MAX_FONTS: usize = 4096;
/// At most this many resource dictionaries (pages' and forms') are walked.
const MAX_RESOURCES: usize = 100_000;
/// How deep forms are followed for their fonts.
const MAX_FORM_DEPTH: usize = 8;

/// The document with its fonts' long inline values moved into objects of
/// their own, or None where nothing would be moved or the slim document
/// would not read as the original.
pub fn slimmed(pdf: &Pdf) -> Option<Pdf> {
    let plan: Vec<(ObjectIdentifier, Dict<'_>, Vec<Moved>)> = fonts_of_pages(pdf)
        .into_iter()
        .filter_map(|id| {
            let dict = pdf.xref().get::<Dict<'_>>(id)?;
            let long = long_values(&dict);
            (!long.is_empty()).then_some((id, dict, long))
        })
        .collect();
    if plan.is_empty() {
        return None;
    }
    let bytes: &[u8] = pdf.data().as_ref();
    let trailer = Trailer::find(bytes)?;
    let mut update = Update::new(bytes, &trailer, pdf.xref().root_id());
    for (id, dict, long) in &plan {
        let data = dict.data();
        let mut slim = Vec::with_capacity(data.len());
        let mut at = 0;
        for (_, span) in long {
            let number = update.fresh(pdf)?;
            slim.extend_from_slice(&data[at..span.start]);
            // White space both sides: `/Widths[…]` becomes `/Widths 7 0 R `,
            // not the name `/Widths7`.
            slim.extend_from_slice(format!(" {number} 0 R ").as_bytes());
            update.object(number, 0, &data[span.clone()]);
            at = span.end;
        }
        slim.extend_from_slice(&data[at..]);
        update.object(
            u32::try_from(id.obj_number).ok()?,
            u16::try_from(id.gen_number).ok()?,
            &slim,
        );
    }
    let slim = Pdf::new(Arc::new(update.finish())).ok()?;
    reads_the_same(pdf, &slim, &plan).then_some(slim)
}

/// A key whose value is moved, and the value's place in the dictionary's
/// bytes.
type Moved = (Vec<u8>, std::ops::Range<usize>);

/// The last cross-reference section's trailer: where it starts (the new
/// section's `/Prev`), `/Size`, `/Info`.
struct Trailer {
    at: usize,
    size: u32,
    info: Option<ObjectIdentifier>,
}

impl Trailer {
    /// The trailer the file's last `startxref` points at: a `trailer`
    /// dictionary after a table, or a cross-reference stream's dictionary.
    /// None for an encrypted file, or where none is found there.
    fn find(bytes: &[u8]) -> Option<Trailer> {
        let tail_from = bytes.len().saturating_sub(1024);
        let k = tail_from + memchr::memmem::rfind(&bytes[tail_from..], b"startxref")?;
        let digits = trim(&bytes[k + 9..]);
        let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        let at: usize = std::str::from_utf8(&digits[..n]).ok()?.parse().ok()?;
        let section = trim(bytes.get(at..)?);
        let window = &section[..section.len().min(64)];
        let dict_from = if section.starts_with(b"xref") {
            // The table's entries, then `trailer`: look a bounded way on.
            let end = section.len().min(1 << 26);
            find(&section[..end], b"trailer")? + 7
        } else if section.first().is_some_and(u8::is_ascii_digit) {
            // A stream's object header, `N G obj`.
            find(window, b"obj")? + 3
        } else {
            return None;
        };
        let dict = Dict::from_bytes(trim(&section[dict_from..]))?;
        if dict.contains_key(b"Encrypt") {
            return None;
        }
        Some(Trailer {
            at,
            size: dict.get::<u32>(b"Size")?,
            info: dict.get_ref(b"Info").map(ObjectIdentifier::from),
        })
    }
}

/// The appended update being written.
struct Update {
    out: Vec<u8>,
    /// Object number and generation → offset of each new object.
    offsets: BTreeMap<u32, (u16, usize)>,
    /// The next object number to try for a moved value.
    next: u32,
    prev: usize,
    root: String,
    info: String,
}

impl Update {
    fn new(bytes: &[u8], trailer: &Trailer, root: ObjectIdentifier) -> Update {
        let mut out = Vec::with_capacity(bytes.len() + 16 * 1024);
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\n");
        Update {
            out,
            offsets: BTreeMap::new(),
            next: trailer.size.max(1),
            prev: trailer.at,
            root: format!("/Root {} {} R ", root.obj_number, root.gen_number),
            info: trailer
                .info
                .map(|i| format!("/Info {} {} R ", i.obj_number, i.gen_number))
                .unwrap_or_default(),
        }
    }

    /// An object number no object of the document has.
    fn fresh(&mut self, pdf: &Pdf) -> Option<u32> {
        for _ in 0..1024 {
            let n = self.next;
            self.next = n.checked_add(1)?;
            let id = ObjectIdentifier::new(i32::try_from(n).ok()?, 0);
            if pdf.xref().get::<Object<'_>>(id).is_none() {
                return Some(n);
            }
        }
        None
    }

    fn object(&mut self, number: u32, gen: u16, body: &[u8]) {
        self.offsets.insert(number, (gen, self.out.len()));
        self.out
            .extend_from_slice(format!("{number} {gen} obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn finish(mut self) -> Vec<u8> {
        let xref_at = self.out.len();
        self.out.extend_from_slice(b"xref\n");
        for (number, (gen, offset)) in &self.offsets {
            self.out
                .extend_from_slice(format!("{number} 1\n{offset:010} {gen:05} n\r\n").as_bytes());
        }
        let size = self
            .next
            .max(self.offsets.keys().next_back().map_or(0, |n| n + 1));
        self.out.extend_from_slice(
            format!(
                "trailer\n<< /Size {size} {}{}/Prev {} >>\nstartxref\n{xref_at}\n%%EOF\n",
                self.root, self.info, self.prev
            )
            .as_bytes(),
        );
        self.out
    }
}

/// The font dictionaries (as objects of their own) that the pages' and
/// their forms' resources name, in the order first met.
fn fonts_of_pages(pdf: &Pdf) -> Vec<ObjectIdentifier> {
    let mut walk = Walk::default();
    for page in pdf.pages().iter() {
        walk.resources(page.resources(), 0);
    }
    walk.fonts
}

#[derive(Default)]
struct Walk {
    fonts: Vec<ObjectIdentifier>,
    seen: HashSet<ObjectIdentifier>,
    /// Font and form dictionaries already met, by their bytes' address.
    met: HashSet<usize>,
    walked: usize,
}

impl Walk {
    fn resources(&mut self, res: &Resources<'_>, depth: usize) {
        self.walked += 1;
        if self.walked > MAX_RESOURCES || self.fonts.len() >= MAX_FONTS {
            return;
        }
        if self.met.insert(res.fonts.data().as_ptr() as usize) {
            for key in res.fonts.keys() {
                if let Some(r) = res.fonts.get_ref(key.as_ref()) {
                    let id = ObjectIdentifier::from(r);
                    if self.fonts.len() < MAX_FONTS && self.seen.insert(id) {
                        self.fonts.push(id);
                    }
                }
            }
        }
        if depth < MAX_FORM_DEPTH && self.met.insert(res.x_objects.data().as_ptr() as usize) {
            for key in res.x_objects.keys() {
                let Some(r) = res.x_objects.get_ref(key.as_ref()) else {
                    continue;
                };
                if !self.seen.insert(ObjectIdentifier::from(r)) {
                    continue;
                }
                let Some(form) = res.x_objects.get::<Stream<'_>>(key.as_ref()) else {
                    continue;
                };
                let dict = form.dict();
                if dict
                    .get::<hayro_interpret::hayro_syntax::object::Name<'_>>(b"Subtype")
                    .is_some_and(|s| s.as_ref() == b"Form")
                {
                    if let Some(inner) = dict.get::<Dict<'_>>(b"Resources") {
                        self.resources(&Resources::new(inner), depth + 1);
                    }
                }
            }
        }
    }
}

/// The keys of `dict` whose values are inline arrays or dictionaries of at
/// least [`LONG`] bytes, with each value's place in the dictionary's bytes,
/// in the order of those places.
fn long_values(dict: &Dict<'_>) -> Vec<Moved> {
    let data = dict.data();
    let base = data.as_ptr() as usize;
    let mut long = Vec::new();
    for key in dict.keys() {
        let span = match dict.get_raw::<Object<'_>>(key.as_ref()) {
            // An array's bytes are given without its brackets.
            Some(MaybeRef::NotRef(Object::Array(a))) => {
                let start = (a.data().as_ptr() as usize).checked_sub(base + 1);
                start.map(|s| s..s + a.data().len() + 2)
            }
            Some(MaybeRef::NotRef(Object::Dict(d))) => {
                let start = (d.data().as_ptr() as usize).checked_sub(base);
                start.map(|s| s..s + d.data().len())
            }
            _ => None,
        };
        let Some(span) = span else { continue };
        let Some(value) = data.get(span.clone()) else {
            continue;
        };
        let delimited = (value.starts_with(b"[") && value.ends_with(b"]"))
            || (value.starts_with(b"<<") && value.ends_with(b">>"));
        if value.len() >= LONG && delimited {
            long.push((key.as_ref().to_vec(), span));
        }
    }
    long.sort_by_key(|(_, span)| span.start);
    // Two values cannot overlap in one dictionary; a repeated key could
    // make the parser's offsets do so: then nothing is moved.
    if long.windows(2).any(|w| w[0].1.end > w[1].1.start) {
        long.clear();
    }
    long
}

/// Whether `slim` reads as `original`: the same pages and metadata, and
/// each rewritten font dictionary with the same keys, its moved values now
/// references resolving to the bytes they had.
fn reads_the_same(
    original: &Pdf,
    slim: &Pdf,
    rewritten: &[(ObjectIdentifier, Dict<'_>, Vec<Moved>)],
) -> bool {
    if original.pages().len() != slim.pages().len()
        || original.xref().root_id() != slim.xref().root_id()
        || original.metadata() != slim.metadata()
    {
        return false;
    }
    rewritten.iter().all(|(id, old, long)| {
        let Some(new) = slim.xref().get::<Dict<'_>>(*id) else {
            return false;
        };
        let mut old_keys: Vec<Vec<u8>> = old.keys().map(|k| k.as_ref().to_vec()).collect();
        let mut new_keys: Vec<Vec<u8>> = new.keys().map(|k| k.as_ref().to_vec()).collect();
        old_keys.sort();
        new_keys.sort();
        old_keys == new_keys
            && long.iter().all(|(key, span)| {
                new.get_ref(key).is_some()
                    && match new.get::<Object<'_>>(key) {
                        Some(Object::Array(a)) => {
                            Some(a.data()) == old.data().get(span.start + 1..span.end - 1)
                        }
                        Some(Object::Dict(d)) => Some(d.data()) == old.data().get(span.clone()),
                        _ => false,
                    }
            })
    })
}

fn trim(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .take_while(|b| b.is_ascii_whitespace() || **b == 0)
        .count();
    &bytes[n..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::{pdfgen, Document};
    use proptest::prelude::*;

    /// Every page of `bytes`, opened with or without slimming.
    fn pages(bytes: &[u8], slim: bool) -> Vec<String> {
        let exec = crate::exec::Sequential;
        let doc = Document::open_with(Arc::new(bytes.to_vec()), &exec, slim, || ())
            .0
            .unwrap();
        let mut reader = doc.reader();
        (0..doc.page_count())
            .map(|i| format!("{:?}", reader.page(i)))
            .collect()
    }

    /// A Helvetica whose widths (each its own, from 32 on) and encoding
    /// (A and B swapped) are written inline, in either order, with white
    /// space around delimiters or none.
    fn font(widths: usize, tight: bool, encoding_first: bool) -> Vec<u8> {
        let sep = if tight { "" } else { " " };
        let numbers: Vec<String> = (0..widths).map(|i| (400 + 3 * i).to_string()).collect();
        let w = format!("/Widths{sep}[{sep}{}{sep}]", numbers.join(" "));
        let e = format!(
            "/Encoding{sep}<<{sep}/Type{sep}/Encoding{sep}/Differences{sep}[65{sep}/B{sep}/A{sep}\
             {}]{sep}>>",
            "/space ".repeat(24)
        );
        let (first, second) = if encoding_first { (e, w) } else { (w, e) };
        format!(
            "<<{sep}/Type{sep}/Font{sep}/Subtype{sep}/Type1{sep}/BaseFont{sep}/Helvetica{sep}\
             {first}{sep}/FirstChar 32 /LastChar {}{sep}{second}{sep}>>",
            31 + widths
        )
        .into_bytes()
    }

    /// Catalog, pages, a page showing `AB ab` alternately in the long font
    /// (5) and a short one (6), its content (4), then `extra`.
    fn objects(long_font: Vec<u8>, extra: &[&[u8]]) -> Vec<Vec<u8>> {
        let mut all = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>"
                .to_vec(),
            pdfgen::stream_body(
                "",
                b"BT /F1 10 Tf 72 700 Td (AB ab) Tj /F2 10 Tf (AB ab) Tj \
                  /F1 12 Tf (BA) Tj ET",
            ),
            long_font,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_vec(),
        ];
        all.extend(extra.iter().map(|e| e.to_vec()));
        all
    }

    fn raw(objects: &[Vec<u8>]) -> Vec<u8> {
        let all: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
        pdfgen::raw_pdf(&all)
    }

    /// `objects` numbered from 1, indexed by a cross-reference stream
    /// (uncompressed, `/W [1 4 2]`).
    fn with_xref_stream(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let n = objects.len() + 1;
        let at = out.len();
        offsets.push(at);
        let mut data = vec![0, 0, 0, 0, 0, 0xff, 0xff];
        for offset in offsets {
            data.push(1);
            data.extend_from_slice(&u32::try_from(offset).unwrap().to_be_bytes());
            data.extend_from_slice(&[0, 0]);
        }
        out.extend_from_slice(
            format!(
                "{n} 0 obj\n<< /Type /XRef /Size {} /W [1 4 2] /Root 1 0 R /Length {} >>\nstream\n",
                n + 1,
                data.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
        out
    }

    /// `bytes` with the last `from` replaced by `to` (in the trailer).
    fn replaced(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
        let at = memchr::memmem::rfind(bytes, from).unwrap();
        [&bytes[..at], to, &bytes[at + from.len()..]].concat()
    }

    /// What the slim document's font 5 holds under `key`: a reference?
    fn moved(bytes: &[u8], key: &[u8]) -> Option<ObjectIdentifier> {
        let pdf = Pdf::new(Arc::new(bytes.to_vec())).unwrap();
        let slim = slimmed(&pdf)?;
        let font = slim.xref().get::<Dict<'_>>(ObjectIdentifier::new(5, 0))?;
        font.get_ref(key).map(ObjectIdentifier::from)
    }

    #[test]
    fn a_fonts_long_values_move_and_it_reads_the_same() {
        let bytes = raw(&objects(font(95, false, false), &[]));
        let widths = moved(&bytes, b"Widths").expect("widths moved");
        let encoding = moved(&bytes, b"Encoding").expect("encoding moved");
        assert!(widths.obj_number > 6 && encoding.obj_number > 6);
        assert_ne!(widths, encoding);
        let (slim, original) = (pages(&bytes, true), pages(&bytes, false));
        assert_eq!(slim, original);
        // The encoding and the widths are read: A and B swapped, and
        // widths that differ glyph by glyph.
        assert!(slim[0].contains("text: \"B\""), "{}", slim[0]);
    }

    #[test]
    fn short_fonts_are_left_as_they_are() {
        let bytes = raw(&objects(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths [500] >>".to_vec(),
            &[],
        ));
        let pdf = Pdf::new(Arc::new(bytes)).unwrap();
        assert!(slimmed(&pdf).is_none());
    }

    #[test]
    fn the_update_follows_a_cross_reference_stream() {
        let bytes = with_xref_stream(&objects(font(95, false, true), &[]));
        assert!(moved(&bytes, b"Widths").is_some());
        assert_eq!(pages(&bytes, true), pages(&bytes, false));
    }

    /// A trailer whose `/Size` is too small: the moved values still get
    /// numbers no object has, and the document information is kept.
    #[test]
    fn a_wrong_size_takes_no_objects_number() {
        let info: &[u8] = b"<< /Title (Performans Program\\375 2026) >>";
        let bytes = raw(&objects(font(95, true, false), &[info]));
        let bytes = replaced(
            &bytes,
            b"/Size 8 /Root 1 0 R",
            b"/Size 3 /Root 1 0 R /Info 7 0 R",
        );
        let widths = moved(&bytes, b"Widths").expect("moved");
        assert!(widths.obj_number > 7, "{widths:?}");
        let pdf = Pdf::new(Arc::new(bytes.clone())).unwrap();
        let slim = slimmed(&pdf).unwrap();
        assert_eq!(slim.metadata(), pdf.metadata());
        assert!(slim.metadata().title.is_some());
        assert_eq!(pages(&bytes, true), pages(&bytes, false));
    }

    #[test]
    fn an_encrypted_file_is_not_slimmed() {
        let bytes = raw(&objects(font(95, false, false), &[]));
        assert!(Trailer::find(&bytes).is_some());
        let bytes = replaced(&bytes, b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 9 0 R");
        assert!(Trailer::find(&bytes).is_none());
    }

    /// The samples read the same, page for page, slim or not; the ones
    /// whose fonts carry their widths inline are slimmed.
    #[test]
    fn samples_read_the_same_slim() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = vec![root.join("inputs/izmir-2024-performans-programi.pdf")];
        let mut data: Vec<_> = std::fs::read_dir(root.join("tests/data"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        data.sort();
        paths.extend(data);
        let mut slimmed_ones = Vec::new();
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            let exec = crate::exec::Sequential;
            if Document::open_with(Arc::new(bytes.clone()), &exec, false, || ())
                .0
                .is_err()
            {
                continue;
            }
            assert_eq!(pages(&bytes, true), pages(&bytes, false), "{path:?}");
            if Pdf::new(Arc::new(bytes))
                .ok()
                .and_then(|p| slimmed(&p))
                .is_some()
            {
                slimmed_ones.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
        assert!(
            slimmed_ones.iter().any(|n| n.starts_with("guneyova-2009")),
            "{slimmed_ones:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any number of widths, tight or spaced, in either order, with a
        /// table or a stream: the slim document reads as the original.
        #[test]
        fn slim_reads_as_the_original(
            widths in 1usize..200,
            tight: bool,
            encoding_first: bool,
            stream_xref: bool,
        ) {
            let all = objects(font(widths, tight, encoding_first), &[]);
            let bytes = if stream_xref { with_xref_stream(&all) } else { raw(&all) };
            prop_assert_eq!(pages(&bytes, true), pages(&bytes, false));
            // The encoding is always long enough to move.
            prop_assert!(moved(&bytes, b"Encoding").is_some());
        }
    }
}
