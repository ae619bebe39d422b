//! What a page must pass before it is interpreted: every stream it would
//! decode within the inflation bound ([`bound`]), every stream it would
//! parse as syntax — its content, the forms it draws (forms inside forms
//! too), its tiling patterns, soft masks and Type 3 glyphs — within the
//! nesting bound ([`nesting`]), and the forms it draws neither drawing
//! themselves nor multiplying (a form drawing another twice, fifty levels
//! deep, is 2⁵⁰ drawings). A page failing here is skipped; the others are
//! read.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use hayro_interpret::hayro_syntax::object::{self, Dict, ObjectIdentifier, Stream};
use hayro_interpret::hayro_syntax::page::{Page, Resources};
use hayro_interpret::CacheKey;

use super::bound;
use super::fonts::Interner;
use super::nesting::{self, MAX_DEPTH};
use super::PageError;

/// How deep forms may nest in forms: the interpreter draws no deeper.
pub const MAX_FORM_DEPTH: usize = 50;

/// How many forms one page may draw, each counted as often as it is drawn
/// (forms inside forms multiply).
pub const MAX_DRAWS: u64 = 100_000;

/// How much content one page may interpret (its own and its forms', each
/// form as often as it is drawn), in streams' inflation bounds.
const CONTENT_BOUNDS: u64 = 4;

const CONTENTS: &[u8] = b"Contents";
const SUBTYPE: &[u8] = b"Subtype";
const FORM: &[u8] = b"Form";
const BASE_FONT: &[u8] = b"BaseFont";

/// What a reader remembers of the streams it checked (fonts and forms are
/// shared by many pages: each is checked once per reader). A stream over a
/// bound is not remembered, so every page that uses it is skipped.
#[derive(Default)]
pub struct Checked {
    /// Streams within the inflation bound.
    sized: HashSet<ObjectIdentifier>,
    /// Streams of syntax within both bounds: their decoded size and what
    /// they draw.
    syntax: HashMap<ObjectIdentifier, Arc<Syntax>>,
    /// Fonts whose streams (program, maps, Type 3 glyphs) are all within
    /// the bounds, by the interpreter's key for their dictionary: a font
    /// that every page selects is looked into once.
    fonts: HashSet<u128>,
}

/// A checked stream of syntax.
#[derive(Debug)]
struct Syntax {
    size: u64,
    draws: Vec<(Vec<u8>, u64)>,
}

/// What the forms of a page have drawn so far.
struct Budget {
    draws: u64,
    bytes: u64,
    /// A stream's inflation bound.
    limit: u64,
}

/// Checks page `page` (its content given decoded: `content`) against
/// both bounds; on the way, notes each font (its `/BaseFont`, and whether
/// its glyph ids are its character codes) by the interpreter's key for it.
pub fn page(
    page: &Page<'_>,
    content: &[u8],
    limit: u64,
    checked: &mut Checked,
    names: &mut Interner,
) -> Result<(), PageError> {
    let scan = nesting::scan_content(content);
    if scan.too_deep() {
        return Err(too_deep("read-what-content"));
    }
    check_resources(page.resources(), limit, checked, names, Some(content), 0)?;
    let mut budget = Budget {
        draws: 0,
        bytes: content.len() as u64,
        limit,
    };
    let mut path = Vec::new();
    draw(
        &scan.draws,
        1,
        page.resources(),
        checked,
        &mut budget,
        &mut path,
    )
}

/// Checks the streams of a page's `/Contents` against the inflation bound
/// (before they are decoded); `Lost` when they are missing.
pub fn contents(page: &Page<'_>, limit: u64) -> Result<(), PageError> {
    let raw = page.raw();
    let mut contents: Vec<Stream<'_>> = Vec::new();
    if let Some(s) = raw.get::<Stream<'_>>(CONTENTS) {
        contents.push(s);
    } else if let Some(a) = raw.get::<object::Array<'_>>(CONTENTS) {
        contents.extend(a.iter::<Stream<'_>>());
    } else if raw.contains_key(CONTENTS) {
        return Err(PageError::Lost);
    }
    for s in &contents {
        if !bound::within(s, limit) {
            return Err(too_large("read-what-content-stream", limit));
        }
    }
    Ok(())
}

/// `what` (a catalogue key, `read-what-…`) would inflate beyond `limit`.
fn too_large(what: &str, limit: u64) -> PageError {
    let what = crate::i18n::Message::new(what);
    PageError::TooLarge(crate::msg!("read-too-large", what = what, mib = limit >> 20).to_string())
}

/// `what` (a catalogue key, `read-what-…`) nests too deep.
fn too_deep(what: &str) -> PageError {
    let what = crate::i18n::Message::new(what);
    PageError::TooDeep(crate::msg!("read-too-deep", what = what, levels = MAX_DEPTH).to_string())
}

/// Follows the forms drawn (`draws`, each name with how many times) under
/// `res`, `multiple` times over, at form depth `depth`: each is checked,
/// counted in the budget, and followed in turn. `path` holds the forms
/// being drawn, outermost first.
fn draw(
    draws: &[(Vec<u8>, u64)],
    multiple: u64,
    res: &Resources<'_>,
    checked: &mut Checked,
    budget: &mut Budget,
    path: &mut Vec<ObjectIdentifier>,
) -> Result<(), PageError> {
    for (name, times) in draws {
        let Some(s) = object::Name::new(name).and_then(|n| res.get_x_object(&n)) else {
            continue;
        };
        if !is_form(&s) {
            continue;
        }
        let id = s.obj_id();
        if path.contains(&id) {
            return Err(PageError::TooDeep(
                crate::msg!("read-form-draws-itself").to_string(),
            ));
        }
        if path.len() >= MAX_FORM_DEPTH {
            return Err(PageError::TooDeep(
                crate::msg!("read-forms-too-deep", levels = MAX_FORM_DEPTH).to_string(),
            ));
        }
        let form = syntax(&s, "read-what-form-on-it", budget.limit, checked)?;
        let n = multiple.saturating_mul(*times);
        budget.draws = budget.draws.saturating_add(n);
        budget.bytes = budget.bytes.saturating_add(n.saturating_mul(form.size));
        let most = budget.limit.saturating_mul(CONTENT_BOUNDS);
        if budget.draws > MAX_DRAWS || budget.bytes > most {
            return Err(PageError::TooLarge(
                crate::msg!("read-forms-too-many", draws = MAX_DRAWS, mib = most >> 20).to_string(),
            ));
        }
        let inner = super::form_resources(s.dict(), res);
        path.push(id);
        draw(&form.draws, n, &inner, checked, budget, path)?;
        path.pop();
    }
    Ok(())
}

/// Checks a stream of syntax against both bounds, once per reader.
fn syntax(
    s: &Stream<'_>,
    what: &str,
    limit: u64,
    checked: &mut Checked,
) -> Result<Arc<Syntax>, PageError> {
    if let Some(known) = checked.syntax.get(&s.obj_id()) {
        return Ok(Arc::clone(known));
    }
    if !bound::within(s, limit) {
        return Err(too_large(what, limit));
    }
    let data = s.decoded().unwrap_or_default();
    let scan = nesting::scan_content(&data);
    if scan.too_deep() {
        return Err(too_deep(what));
    }
    let known = Arc::new(Syntax {
        size: data.len() as u64,
        draws: scan.draws,
    });
    checked.syntax.insert(s.obj_id(), Arc::clone(&known));
    Ok(known)
}

fn is_form(s: &Stream<'_>) -> bool {
    s.dict().get::<object::Name<'_>>(SUBTYPE).as_deref() == Some(FORM)
}

/// Checks the fonts, form XObjects, tiling patterns and soft masks of a
/// resource dictionary (and of the forms' own resources, 8 levels deep:
/// as deep as the reader looks for marked content): every stream within
/// the inflation bound, every stream of syntax within the nesting bound.
fn check_resources(
    res: &Resources<'_>,
    limit: u64,
    checked: &mut Checked,
    names: &mut Interner,
    content: Option<&[u8]>,
    depth: u32,
) -> Result<(), PageError> {
    if depth > 8 {
        return Ok(());
    }
    let mut fonts: Vec<Stream<'_>> = Vec::new();
    let mut glyphs: Vec<Stream<'_>> = Vec::new();
    let mut programs: Vec<(u128, Stream<'_>)> = Vec::new();
    let mut passed: Vec<u128> = Vec::new();
    for name in res.fonts.keys() {
        let Some(font) = res.fonts.get::<Dict<'_>>(name.as_ref()) else {
            continue;
        };
        let key = font.cache_key();
        let new = names.add(key, || {
            let name = font.get::<object::Name<'_>>(BASE_FONT);
            Arc::from(name.map_or("(unnamed)".into(), |n| {
                String::from_utf8_lossy(n.as_ref()).into_owned()
            }))
        });
        if new {
            programs.extend(identity_program(&font).map(|s| (key, s)));
        }
        // A simple font the page's own content selects is probed code by
        // code before the page is read (the fonts of forms are not: their
        // names are the forms' own).
        if let Some(content) = content {
            if names.may_probe(key) && is_simple_outline(&font) && selects(content, &name) {
                names.probe_later(key, name.as_ref().to_vec());
            }
        }
        if checked.fonts.contains(&key) {
            continue;
        }
        collect_font_streams(&font, &mut fonts, &mut glyphs, true);
        passed.push(key);
    }
    for s in fonts {
        if !checked.sized.contains(&s.obj_id()) {
            if !bound::within(&s, limit) {
                return Err(too_large("read-what-font", limit));
            }
            checked.sized.insert(s.obj_id());
        }
    }
    // Within the bound (checked just above with the font's other streams).
    for (key, s) in programs {
        if let Ok(program) = s.decoded() {
            names.coded_by_glyph(key, program.into_owned());
        }
    }
    for s in glyphs {
        syntax(&s, "a Type 3 glyph of the page", limit, checked)?;
    }
    checked.fonts.extend(passed);
    for key in res.patterns.keys() {
        if let Some(s) = res.patterns.get::<Stream<'_>>(key) {
            syntax(&s, "read-what-pattern", limit, checked)?;
        }
    }
    for key in res.ext_g_states.keys() {
        let mask = res
            .ext_g_states
            .get::<Dict<'_>>(key)
            .and_then(|gs| gs.get::<Dict<'_>>(b"SMask".as_slice()))
            .and_then(|m| m.get::<Stream<'_>>(b"G".as_slice()));
        if let Some(s) = mask {
            syntax(&s, "read-what-soft-mask", limit, checked)?;
        }
    }
    let mut forms: Vec<Stream<'_>> = Vec::new();
    for key in res.x_objects.keys() {
        if let Some(s) = res.x_objects.get::<Stream<'_>>(key) {
            if is_form(&s) && !checked.sized.contains(&s.obj_id()) {
                forms.push(s);
            }
        }
    }
    for s in forms {
        if !bound::within(&s, limit) {
            return Err(too_large("read-what-form", limit));
        }
        checked.sized.insert(s.obj_id());
        let inner = super::form_resources(s.dict(), res);
        check_resources(&inner, limit, checked, names, None, depth + 1)?;
    }
    Ok(())
}

/// Whether `content` names the font `name` (written as it is: a name
/// written with `#` escapes is not found).
fn selects(content: &[u8], name: &[u8]) -> bool {
    let mut written = Vec::with_capacity(name.len() + 1);
    written.push(b'/');
    written.extend_from_slice(name);
    memchr::memmem::find_iter(content, &written).any(|at| {
        content
            .get(at + written.len())
            .is_none_or(|&c| nesting::is_white(c) || b"()<>[]{}/%".contains(&c))
    })
}

/// Whether a font is simple (one byte a code) and drawn from outlines: the
/// interpreter's Type 1 and TrueType fonts.
fn is_simple_outline(font: &Dict<'_>) -> bool {
    matches!(
        font.get::<object::Name<'_>>(SUBTYPE).as_deref(),
        Some(b"Type1" | b"MMType1" | b"TrueType" | b"OpenType")
    )
}

/// The program of a composite font whose glyph ids are its character codes:
/// coded `Identity-H` or `-V` (a code is its CID), its CIDs its glyph ids
/// (no `/CIDToGIDMap` stream), its program embedded (the interpreter looks
/// for it as `FontFile2`, then `FontFile3`, then `FontFile`).
fn identity_program<'a>(font: &Dict<'a>) -> Option<Stream<'a>> {
    if font.get::<object::Name<'_>>(SUBTYPE).as_deref() != Some(b"Type0".as_slice()) {
        return None;
    }
    let encoding = font.get::<object::Name<'_>>(b"Encoding".as_slice())?;
    if !matches!(encoding.as_ref(), b"Identity-H" | b"Identity-V") {
        return None;
    }
    let kid = font
        .get::<object::Array<'_>>(b"DescendantFonts".as_slice())?
        .iter::<Dict<'_>>()
        .next()?;
    if kid.get::<Stream<'_>>(b"CIDToGIDMap".as_slice()).is_some() {
        return None;
    }
    let desc = kid.get::<Dict<'_>>(b"FontDescriptor".as_slice())?;
    [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
        .into_iter()
        .find_map(|k| desc.get::<Stream<'_>>(k))
}

/// The streams a font dictionary holds: its program, its ToUnicode map and
/// those of its descendant font (`out`), and its Type 3 glyph procedures
/// (`glyphs`). Only a font's own descendant is looked into (`descend`).
fn collect_font_streams<'a>(
    font: &Dict<'a>,
    out: &mut Vec<Stream<'a>>,
    glyphs: &mut Vec<Stream<'a>>,
    descend: bool,
) {
    const KEYS: [&[u8]; 4] = [b"FontFile", b"FontFile2", b"FontFile3", b"CIDToGIDMap"];
    if let Some(s) = font.get::<Stream<'_>>(b"ToUnicode".as_slice()) {
        out.push(s);
    }
    if let Some(s) = font.get::<Stream<'_>>(b"Encoding".as_slice()) {
        out.push(s);
    }
    if let Some(desc) = font.get::<Dict<'_>>(b"FontDescriptor".as_slice()) {
        for k in KEYS {
            if let Some(s) = desc.get::<Stream<'_>>(k) {
                out.push(s);
            }
        }
    }
    if let Some(s) = font.get::<Stream<'_>>(b"CIDToGIDMap".as_slice()) {
        out.push(s);
    }
    if let Some(kids) = font
        .get::<object::Array<'_>>(b"DescendantFonts".as_slice())
        .filter(|_| descend)
    {
        for kid in kids.iter::<Dict<'_>>().take(1) {
            collect_font_streams(&kid, out, glyphs, false);
        }
    }
    if let Some(procs) = font.get::<Dict<'_>>(b"CharProcs".as_slice()) {
        for k in procs.keys() {
            if let Some(s) = procs.get::<Stream<'_>>(k) {
                glyphs.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_is_selected_by_its_whole_name() {
        assert!(selects(b"BT /F1 12 Tf (a) Tj ET", b"F1"));
        assert!(selects(b"/F1\n12 Tf", b"F1"));
        assert!(selects(b"q /F10 9 Tf Q /F1/F2", b"F1"));
        assert!(selects(b"/F1", b"F1"));
        assert!(!selects(b"BT /F10 12 Tf ET", b"F1"));
        assert!(!selects(b"BT /F2 12 Tf ET", b"F1"));
        // Written with an escape: not found, so not probed (looked up).
        assert!(!selects(b"/F#31 12 Tf", b"F1"));
    }
}
