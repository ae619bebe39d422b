//! Opening a PDF (hayro-syntax: cross-reference tables and streams, with
//! repair of broken ones; RC4 and AES decryption with the empty password)
//! and interpreting its pages (hayro-interpret) into [`PageContent`].

use std::collections::HashSet;
use std::sync::Arc;

use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
use hayro_interpret::hayro_syntax::content::TypedIter;
use hayro_interpret::hayro_syntax::object::{self, Dict, Object, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::{Page, Resources, Rotation};
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use hayro_interpret::{interpret, Context, InterpreterCache, InterpreterSettings};
use hayro_interpret::{RectExt, TransformExt};
use kurbo::Affine;

use super::device::{Collector, MarkInfo};
use super::fonts::{probe_content, Interner, Probe};
use super::nesting::find;
use super::{bound, check, rebuild::rebuild_xref, slim, structure};
use super::{Notice, OpenError, PageContent, PageError};

/// An open PDF. Pages are read through a [`PageReader`]; the document can be
/// shared by several threads, each with its own reader.
pub struct Document {
    pdf: Pdf,
    limit: u64,
    truncated: bool,
    notices: Vec<Notice>,
}

impl Document {
    /// Opens a PDF from its bytes. Broken cross-reference tables and
    /// shifted offsets are repaired from the objects themselves; a file that
    /// needs a password, or has no readable page, is refused.
    pub fn open(bytes: Arc<Vec<u8>>) -> Result<Document, OpenError> {
        Self::open_on(bytes, &crate::exec::Sequential)
    }

    /// [`Document::open`], the opening checks of a large file spread over
    /// `exec`'s workers.
    pub fn open_on(
        bytes: Arc<Vec<u8>>,
        exec: &dyn crate::exec::Executor,
    ) -> Result<Document, OpenError> {
        Self::open_beside(bytes, exec, || ()).0
    }

    /// [`Document::open_on`], running `beside` on a worker while the
    /// interpreter opens the file: the checks before take every worker, the
    /// opening one. `beside`'s result is None where the checks refused the
    /// file first (or its worker did not deliver).
    pub fn open_beside<T: Send>(
        bytes: Arc<Vec<u8>>,
        exec: &dyn crate::exec::Executor,
        beside: impl FnOnce() -> T + Send,
    ) -> (Result<Document, OpenError>, Option<T>) {
        Self::open_with(bytes, exec, true, beside)
    }

    /// [`Document::open_beside`]; with `slim`, the fonts' long inline
    /// values are moved into objects of their own ([`slim`]), off only to
    /// test that doing so changes nothing.
    pub(super) fn open_with<T: Send>(
        bytes: Arc<Vec<u8>>,
        exec: &dyn crate::exec::Executor,
        slim: bool,
        beside: impl FnOnce() -> T + Send,
    ) -> (Result<Document, OpenError>, Option<T>) {
        let len = bytes.len();
        let limit = bound::stream_limit(len);
        let listed = match structure::check(&bytes, limit, exec) {
            Ok(listed) => listed,
            Err(reason) => return (Err(OpenError::Damaged(reason)), None),
        };
        let (loaded, beside) = crate::exec::join(exec, || load(Arc::clone(&bytes)), beside);
        let loaded = loaded.unwrap_or_else(|| load(Arc::clone(&bytes)));
        (Self::opened(bytes, loaded, listed, limit, slim), beside)
    }

    /// The document the interpreter `loaded` from `bytes`: rebuilt from
    /// its objects where it has fewer pages than the file's syntax lists
    /// (`listed`) and the rebuilt one has more, then slimmed.
    fn opened(
        bytes: Arc<Vec<u8>>,
        loaded: Result<Option<Pdf>, OpenError>,
        listed: u64,
        limit: u64,
        slim: bool,
    ) -> Result<Document, OpenError> {
        let truncated = !ends_with_eof(&bytes);
        let mut notices = Vec::new();
        let found = |pdf: &Pdf| pdf.pages().len() as u64;
        let pdf = match loaded? {
            Some(pdf) if found(&pdf) >= listed.max(1) => pdf,
            // hayro's own repair scans for object headers at line starts;
            // headers glued to junk need a wider scan: rebuild the table
            // from every `N G obj` in the file, as MuPDF does, and retry,
            // keeping what finds more pages.
            first => {
                let have = first.as_ref().map_or(0, found);
                let rebuilt = rebuild_xref(&bytes).map(|b| load(Arc::new(b)));
                match (first, rebuilt) {
                    (_, Some(Ok(Some(pdf)))) if found(&pdf) > have => {
                        notices.push(crate::msg!("notice-xref-rebuilt").to_string());
                        pdf
                    }
                    (Some(pdf), _) if have > 0 => pdf,
                    (_, Some(Err(e))) => return Err(e),
                    (Some(_), _) => {
                        return Err(OpenError::Damaged(
                            crate::msg!("reason-no-pages").to_string(),
                        ))
                    }
                    (None, _) => {
                        return Err(OpenError::Damaged(if truncated {
                            crate::msg!("reason-truncated-nothing-recovered").to_string()
                        } else {
                            crate::msg!("reason-nothing-recovered").to_string()
                        }))
                    }
                }
            }
        };
        if truncated {
            notices.push(crate::msg!("notice-truncated").to_string());
        }
        // The fonts' long inline values in objects of their own, where
        // the document reads the same so.
        let pdf = match slim {
            true => slim::slimmed(&pdf).unwrap_or(pdf),
            false => pdf,
        };
        Ok(Document {
            pdf,
            limit,
            truncated,
            notices,
        })
    }

    /// The number of pages found.
    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// The document information's `/Title`, if any.
    pub fn title(&self) -> Option<String> {
        self.pdf
            .metadata()
            .title
            .as_deref()
            .map(pdf_string)
            .filter(|t| !t.trim().is_empty())
    }

    /// Whether the file is cut short (no `%%EOF` at its end).
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// What opening the file noticed (a truncated file).
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// A reader of this document's pages. Fonts are decoded once per reader.
    pub fn reader(&self) -> PageReader<'_> {
        PageReader {
            doc: self,
            cache: InterpreterCache::new(),
            interner: Interner::default(),
            last: (0, 0),
            checked: check::Checked::default(),
            settings: InterpreterSettings {
                render_annotations: false,
                ..InterpreterSettings::default()
            },
        }
    }
}

/// Reads pages of one [`Document`]; one per thread.
pub struct PageReader<'d> {
    doc: &'d Document,
    cache: InterpreterCache<'d>,
    interner: Interner,
    /// How many glyphs and paths the last page read had: room made for as
    /// many (a quarter more) on the next, which saves growing the lists
    /// (and copying them) ten times a page.
    last: (usize, usize),
    /// Streams already found within the bounds.
    checked: check::Checked,
    settings: InterpreterSettings,
}

impl PageReader<'_> {
    /// Reads page `index` (0-based): glyphs, paths, size and rotation.
    pub fn page(&mut self, index: usize) -> Result<PageContent, PageError> {
        let doc = self.doc;
        let (page, content) = self.checked(index)?;
        let (width, height) = page.render_dimensions();
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let ahead = if has_actual_text(content, page.resources(), 0, &mut HashSet::new())
            || contains(content, b"/Layout")
            || contains(content, b"/Background")
        {
            marked_content(page)
        } else {
            Vec::new()
        };
        // The simple fonts new to this reader, probed code by code.
        for (key, name) in self.interner.take_probes() {
            let content = probe_content(&name);
            let mut probe = Probe::default();
            let mut ctx = Context::new(
                Affine::IDENTITY,
                page.intersected_crop_box().to_kurbo(),
                &self.cache,
                doc.pdf.xref(),
                self.settings.clone(),
            );
            interpret(
                TypedIter::new(&content),
                page.resources(),
                &mut ctx,
                &mut probe,
            );
            self.interner.keep_probed(key, probe);
        }
        let mut collector = Collector::new(&mut self.interner, ahead);
        let room = |n: usize| n + n / 4;
        collector.glyphs.reserve(room(self.last.0));
        collector.paths.reserve(room(self.last.1));
        let mut ctx = Context::new(
            page.initial_transform(true).to_kurbo(),
            page.intersected_crop_box().to_kurbo(),
            &self.cache,
            doc.pdf.xref(),
            self.settings.clone(),
        );
        // The page's content as `interpret_page` reads it (annotations are
        // not read).
        let ops = TypedIter::new(content);
        interpret(ops, page.resources(), &mut ctx, &mut collector);
        self.last = (collector.glyphs.len(), collector.paths.len());
        let mut unmapped: Vec<(Arc<str>, usize)> = collector
            .fonts
            .iter()
            .cloned()
            .zip(collector.unmapped)
            .filter(|&(_, n)| n > 0)
            .collect();
        unmapped.sort();
        Ok(PageContent {
            number,
            width,
            height,
            rotation: match page.rotation() {
                Rotation::None => 0,
                Rotation::Horizontal => 90,
                Rotation::Flipped => 180,
                Rotation::FlippedHorizontal => 270,
            },
            glyphs: collector.glyphs,
            fonts: collector.fonts,
            paths: collector.paths,
            unmapped,
        })
    }
}

impl<'d> PageReader<'d> {
    /// Page `index` (0-based) and its decoded content, once they have
    /// passed the inflation and nesting bounds ([`check`]): what may be
    /// interpreted, here or by a renderer.
    fn checked(&mut self, index: usize) -> Result<(&'d Page<'d>, &'d [u8]), PageError> {
        let doc = self.doc;
        let page = doc.pdf.pages().get(index).ok_or(PageError::NoSuchPage)?;
        check::contents(page, doc.limit)?;
        let content = page.page_stream().ok_or(PageError::Lost)?;
        check::page(
            page,
            content,
            doc.limit,
            &mut self.checked,
            &mut self.interner,
        )?;
        Ok((page, content))
    }

    /// Page `index` (0-based) for a renderer, once it has passed the same
    /// bounds as [`PageReader::page`], with the interpreter settings the
    /// read stage uses (annotations, whose appearance streams the bounds do
    /// not cover, left out).
    pub(crate) fn checked_page(
        &mut self,
        index: usize,
    ) -> Result<(&'d Page<'d>, &InterpreterSettings), PageError> {
        let (page, _) = self.checked(index)?;
        Ok((page, &self.settings))
    }
}

/// Opens a PDF with hayro; None when its structure cannot be read at all.
fn load(bytes: Arc<Vec<u8>>) -> Result<Option<Pdf>, OpenError> {
    match Pdf::new(bytes) {
        Ok(pdf) => Ok(Some(pdf)),
        Err(LoadPdfError::Decryption(
            DecryptionError::PasswordProtected | DecryptionError::MissingIDEntry,
        )) => Err(OpenError::Password),
        Err(LoadPdfError::Decryption(e)) => Err(OpenError::Damaged(
            crate::msg!(
                "read-encryption-unreadable",
                why = match e {
                    DecryptionError::UnsupportedAlgorithm => "algorithm",
                    _ => "dictionary",
                }
            )
            .to_string(),
        )),
        Err(LoadPdfError::Invalid) => Ok(None),
    }
}

fn ends_with_eof(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    contains(tail, b"%%EOF")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

const SUBTYPE: &[u8] = b"Subtype";
const FORM: &[u8] = b"Form";

/// Whether a content stream gives `/ActualText` anywhere: inline, through
/// its named `/Properties`, or in the forms it draws (nested ones too, each
/// looked into once: `seen`).
fn has_actual_text(
    content: &[u8],
    res: &Resources<'_>,
    depth: u32,
    seen: &mut HashSet<ObjectIdentifier>,
) -> bool {
    const ACTUAL_TEXT: &[u8] = b"ActualText";
    if contains(content, b"/ActualText") {
        return true;
    }
    let props = &res.properties;
    if props.keys().any(|k| {
        props
            .get::<Dict<'_>>(k)
            .is_some_and(|d| d.contains_key(ACTUAL_TEXT))
    }) {
        return true;
    }
    depth < 8
        && res.x_objects.keys().any(|k| {
            let Some(form) = res.x_objects.get::<Stream<'_>>(k) else {
                return false;
            };
            if form.dict().get::<object::Name<'_>>(SUBTYPE).as_deref() != Some(FORM)
                || !seen.insert(form.obj_id())
            {
                return false;
            }
            let inner = super::form_resources(form.dict(), res);
            form.decoded()
                .is_ok_and(|data| has_actual_text(&data, &inner, depth + 1, seen))
        })
}

/// The page's marked-content sequences (tag and `/ActualText`) in the order
/// the interpreter will open them, forms included.
fn marked_content(page: &Page<'_>) -> Vec<MarkInfo> {
    let mut out = Vec::new();
    scan_marks(page.typed_operations(), page.resources(), &mut out, 0);
    out
}

fn scan_marks<'a>(
    mut ops: hayro_interpret::hayro_syntax::content::TypedIter<'_>,
    res: &Resources<'a>,
    out: &mut Vec<MarkInfo>,
    depth: u32,
) {
    const ACTUAL_TEXT: &[u8] = b"ActualText";
    while let Some(op) = ops.next() {
        match op {
            TypedInstruction::BeginMarkedContent(bmc) => {
                out.push((bmc.0.as_ref().to_vec(), None, false))
            }
            TypedInstruction::BeginMarkedContentWithProperties(bdc) => {
                let props: Option<Dict<'_>> = match &bdc.1 {
                    Object::Dict(d) => Some(d.clone()),
                    Object::Name(n) => res.properties.get::<Dict<'_>>(n.clone()),
                    _ => None,
                };
                let actual = props
                    .as_ref()
                    .and_then(|d| d.get::<object::String<'_>>(ACTUAL_TEXT))
                    .map(|s| Arc::from(pdf_string(s.as_ref())));
                let layout = props
                    .as_ref()
                    .and_then(|d| d.get::<object::Name<'_>>(b"Type".as_slice()))
                    .is_some_and(|t| matches!(t.as_ref(), b"Layout" | b"Background"));
                out.push((bdc.0.as_ref().to_vec(), actual, layout));
            }
            TypedInstruction::XObject(x) if depth < 8 => {
                let Some(s) = res.get_x_object(x.0) else {
                    continue;
                };
                if s.dict().get::<object::Name<'_>>(SUBTYPE).as_deref() != Some(FORM) {
                    continue;
                }
                let Ok(data) = s.decoded() else {
                    continue;
                };
                let inner = super::form_resources(s.dict(), res);
                let ops = hayro_interpret::hayro_syntax::content::TypedIter::new(&data);
                scan_marks(ops, &inner, out, depth + 1);
            }
            _ => {}
        }
    }
}

/// Decodes a PDF text string (UTF-16 with a byte-order mark, UTF-8 with
/// one, or PDFDocEncoding, read as Latin-1).
pub(crate) fn pdf_string(b: &[u8]) -> String {
    if let Some(rest) = b.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = b.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        b.iter().map(|&c| char::from(c)).collect()
    }
}

/// The tests' PDF writer, for documents made in the tests below.
#[cfg(test)]
#[path = "../../tests/pdfgen.rs"]
pub(super) mod pdfgen;

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeping each glyph's advance and text by its id (in the composite
    /// fonts whose glyph ids are their codes, and in the simple fonts
    /// probed code by code) reads as looking every glyph up: every page of
    /// the fixture (whose two fonts are composite) and of every sample PDF
    /// (printings whose fonts are simple ones, among others).
    #[test]
    fn glyphs_kept_by_id_read_as_looked_up() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = vec![root.join("inputs/izmir-2024-performans-programi.pdf")];
        paths.extend(sample_pdfs());
        let mut kept = Vec::new();
        same_both_ways(
            &paths,
            |r| r.interner.look_up_always = true,
            |_, _, _| {},
            |path, with, without| {
                assert_eq!(without.interner.kept_by_glyph(), 0);
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                kept.push((name, with.interner.kept_by_glyph()));
            },
        );
        let of = |name: &str| kept.iter().find(|(n, _)| n == name).map(|k| k.1);
        assert_eq!(of("izmir-2024-performans-programi.pdf"), Some(2));
        assert_eq!(of("guneyova-2009-performans-programi.pdf"), Some(3));
        assert_eq!(of("kuzeykent-2026-performans-programi.pdf"), Some(3));
    }

    /// A simple font drawing one glyph for two codes, with different
    /// widths and texts: the probe finds the glyph's codes disagree, so
    /// its glyphs are looked up one by one.
    #[test]
    fn a_glyph_two_codes_draw_is_looked_up() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            1 begincodespacerange <00> <FF> endcodespacerange \
            3 beginbfchar <41> <0041> <42> <0042> <43> <0043> endbfchar endcmap end end";
        let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
            /Encoding << /Differences [65 /A /A /C] >> \
            /FirstChar 65 /LastChar 67 /Widths [600 900 700] /ToUnicode 6 0 R >>";
        let (page, kept, looked_up) = read_both_ways(
            b"BT /F1 12 Tf 72 700 Td (ABAC) Tj ET",
            &[font, &stream(cmap)],
        );
        let read: Vec<(&str, f32)> = page.glyphs.iter().map(|g| (g.text.as_str(), g.w)).collect();
        assert_eq!(read, [("A", 7.2), ("B", 10.8), ("A", 7.2), ("C", 8.4)]);
        assert_eq!(kept, 1);
        assert_eq!(format!("{page:?}"), format!("{looked_up:?}"));
    }

    /// A composite font coded by identity whose embedded program cannot be
    /// read is drawn with a substitute, mapped by Unicode: its glyphs are
    /// looked up one by one, never kept by id. (Here two codes map to one
    /// letter, so to one glyph of the substitute, with different widths.)
    #[test]
    fn a_substituted_program_is_not_kept_by_id() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
            1 begincodespacerange <0000> <FFFF> endcodespacerange \
            2 beginbfchar <0024> <0041> <0025> <0041> endbfchar endcmap end end";
        let (page, kept, looked_up) = read_both_ways(
            b"BT /F1 12 Tf 72 700 Td <002400250024> Tj ET",
            &[
                b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H \
                  /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Arial \
                  /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                  /FontDescriptor 7 0 R /W [36 [600] 37 [900]] >>",
                b"<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontFile2 9 0 R >>",
                &stream(cmap),
                &stream(b"not a font program"),
            ],
        );
        let text: String = page.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "AAA");
        assert_eq!(kept, 0);
        assert_eq!(format!("{page:?}"), format!("{looked_up:?}"));
    }

    /// The sample PDFs of `tests/data`, by name.
    fn sample_pdfs() -> Vec<std::path::PathBuf> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "pdf"))
            .collect();
        paths.sort();
        paths
    }

    /// Every page of each PDF of `paths` (those that open) reads the same
    /// with two readers, the second one set up by `off`; `each` is given
    /// the first reader after each page, `done` both after each file.
    fn same_both_ways(
        paths: &[std::path::PathBuf],
        off: impl Fn(&mut PageReader<'_>),
        mut each: impl FnMut(&std::path::Path, &mut PageReader<'_>, usize),
        mut done: impl FnMut(&std::path::Path, &PageReader<'_>, &PageReader<'_>),
    ) {
        for path in paths {
            let Ok(doc) = Document::open(Arc::new(std::fs::read(path).unwrap())) else {
                continue;
            };
            let (mut with, mut without) = (doc.reader(), doc.reader());
            off(&mut without);
            for i in 0..doc.page_count() {
                let (a, b) = (with.page(i), without.page(i));
                assert_eq!(
                    format!("{a:?}"),
                    format!("{b:?}"),
                    "{path:?}, page {}",
                    i + 1
                );
                each(path, &mut with, i);
            }
            done(path, &with, &without);
        }
    }

    /// A one-page PDF showing `content` with `/F1` the font of object 5,
    /// `objects` being objects 5 on; read, the page's content, and the
    /// number of fonts whose glyphs its reader kept by id; and the same
    /// page read with every glyph looked up.
    fn read_both_ways(content: &[u8], objects: &[&[u8]]) -> (PageContent, usize, PageContent) {
        let head: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
              /Resources << /Font << /F1 5 0 R >> >> >>"
                .to_vec(),
            stream(content),
        ];
        let all: Vec<&[u8]> = head
            .iter()
            .map(Vec::as_slice)
            .chain(objects.iter().copied())
            .collect();
        let doc = Document::open(Arc::new(super::pdfgen::raw_pdf(&all))).unwrap();
        let mut reader = doc.reader();
        let page = reader.page(0).unwrap();
        let mut looked_up = doc.reader();
        looked_up.interner.look_up_always = true;
        (
            page,
            reader.interner.kept_by_glyph(),
            looked_up.page(0).unwrap(),
        )
    }

    fn stream(data: &[u8]) -> Vec<u8> {
        super::pdfgen::stream_body("", data)
    }
}
