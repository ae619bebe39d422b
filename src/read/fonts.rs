//! The fonts a page reader has met: their names, and the advance and text
//! of their glyphs kept by glyph id where a font's ids tell its codes, so
//! that the interpreter's maps (a CMap, a `/ToUnicode`, the widths) are
//! not gone through again at every glyph.

use std::collections::HashMap;
use std::sync::Arc;

use ecow::EcoString;
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun, OutlineGlyph};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};
use kurbo::{BezPath, Rect};

/// The fonts a page reader has met, kept across its pages so that a
/// glyph's font costs no allocation (its text is short enough to be kept
/// inline).
#[derive(Default)]
pub(super) struct Interner {
    /// By the interpreter's key for the font dictionary.
    index: HashMap<u128, usize>,
    fonts: Vec<Font>,
    /// How many glyph ids the fonts keep room for, all together: at most
    /// [`MAX_KEPT`].
    kept: usize,
    /// Simple fonts of a page's own resources, by key and resource name,
    /// noted by the page check and not yet probed ([`Probe`]).
    to_probe: Vec<(u128, Vec<u8>)>,
    /// How many fonts the reader has probed: at most [`MAX_PROBES`].
    probes: usize,
    /// Looks every glyph up, even where it could be kept by its id: only to
    /// test that keeping them changes nothing.
    #[cfg(test)]
    pub look_up_always: bool,
}

/// The glyph ids a reader's fonts keep room for, all together (each id up
/// to the highest met in its font): a file of many fonts drawing high ids
/// makes no more room than this, its other glyphs being looked up.
const MAX_KEPT: usize = 1 << 18;

/// The room kept in all after a font holding room for `len` ids makes
/// room for id `gid` (beyond them); None when that passes [`MAX_KEPT`].
fn room_for(kept: usize, len: usize, gid: usize) -> Option<usize> {
    let total = kept + (gid + 1).saturating_sub(len);
    (total <= MAX_KEPT).then_some(total)
}

/// The simple fonts a reader probes (a probe draws 256 glyphs): a file
/// selecting many more fonts has the others looked up glyph by glyph.
const MAX_PROBES: usize = 64;

/// One font of a reader.
struct Font {
    name: Arc<str>,
    by_glyph: ByGlyph,
    /// It was probed (or is about to be).
    probed: bool,
}

/// A glyph's advance (in glyph space) and text, as its font maps its code.
pub(super) type Mapped = (f32, Option<EcoString>);

/// What a font keeps by glyph id: where its glyph ids tell its codes (or
/// all of a glyph's codes map alike), each glyph's advance and text are
/// kept by its id instead of being looked up through the font's maps
/// again at every glyph.
enum ByGlyph {
    /// Nothing: every glyph is looked up.
    No,
    /// A composite font coded `Identity-H`/`-V` whose CIDs are its glyph ids
    /// (no `/CIDToGIDMap` stream): a code is its CID and its glyph id, as
    /// long as the interpreter loaded the program embedded, not a substitute
    /// that it maps by Unicode. Holds that program until the font's first
    /// glyph shows which one was loaded.
    Unconfirmed(Vec<u8>),
    /// Confirmed: each glyph id's advance and text, once met.
    Yes(Vec<Option<Mapped>>),
    /// A simple font probed code by code ([`Probe`]): the advance and text
    /// of each glyph id that all the codes drawing it agree on; `None` for
    /// an id no code draws, or codes draw with different advances or
    /// texts (looked up glyph by glyph).
    Probed(Vec<Option<Mapped>>),
}

impl Interner {
    /// Notes a font dictionary of the resources by the interpreter's key for
    /// it; true when it is new to this reader.
    pub fn add(&mut self, key: u128, name: impl FnOnce() -> Arc<str>) -> bool {
        if self.index.contains_key(&key) {
            return false;
        }
        self.index.insert(key, self.fonts.len());
        self.fonts.push(Font {
            name: name(),
            by_glyph: ByGlyph::No,
            probed: false,
        });
        true
    }

    /// Marks a font (noted by [`Interner::add`]) as a composite font whose
    /// glyph ids are its character codes, `program` being the font program
    /// it embeds.
    pub fn coded_by_glyph(&mut self, key: u128, program: Vec<u8>) {
        #[cfg(test)]
        if self.look_up_always {
            return;
        }
        if let Some(&i) = self.index.get(&key) {
            self.fonts[i].by_glyph = ByGlyph::Unconfirmed(program);
        }
    }

    /// Whether the font of `key` (noted by [`Interner::add`]) is still to
    /// be probed, and the reader may probe one more.
    pub fn may_probe(&self, key: u128) -> bool {
        #[cfg(test)]
        if self.look_up_always {
            return false;
        }
        self.probes < MAX_PROBES && self.index.get(&key).is_some_and(|&i| !self.fonts[i].probed)
    }

    /// Notes a simple font of a page's own resources (by its key and its
    /// name there) to be probed before the page is interpreted.
    pub fn probe_later(&mut self, key: u128, name: Vec<u8>) {
        if let Some(&i) = self.index.get(&key) {
            self.fonts[i].probed = true;
            self.probes += 1;
            self.to_probe.push((key, name));
        }
    }

    /// The fonts to probe, taken.
    pub fn take_probes(&mut self) -> Vec<(u128, Vec<u8>)> {
        std::mem::take(&mut self.to_probe)
    }

    /// Keeps what probing a font found, if the room allows it.
    pub fn keep_probed(&mut self, key: u128, probe: Probe) {
        let Some(table) = probe.table(key) else {
            return;
        };
        let Some(kept) = room_for(self.kept, 0, table.len().saturating_sub(1)) else {
            return;
        };
        if let Some(&i) = self.index.get(&key) {
            self.kept = kept;
            self.fonts[i].by_glyph = ByGlyph::Probed(table);
        }
    }

    /// How many fonts have their glyphs kept by id.
    #[cfg(test)]
    pub fn kept_by_glyph(&self) -> usize {
        let yes = |f: &&Font| matches!(f.by_glyph, ByGlyph::Yes(_) | ByGlyph::Probed(_));
        self.fonts.iter().filter(yes).count()
    }

    /// The name of the font in `slot`.
    pub fn name(&self, slot: usize) -> &Arc<str> {
        &self.fonts[slot].name
    }

    /// The advance (in glyph space) and text of a glyph of the font in
    /// `slot`, as the font maps its code ([`text_of`]): kept by glyph id
    /// where the font allows it, else looked up.
    pub fn advance_and_text(&mut self, slot: usize, o: &OutlineGlyph) -> Mapped {
        // Glyph 0 (.notdef) is where codes without a glyph go: not one code.
        let gid = o.glyph_id().to_u32() as usize;
        let font = &mut self.fonts[slot];
        if gid == 0 || matches!(font.by_glyph, ByGlyph::No) {
            return look_up(o);
        }
        if let ByGlyph::Probed(table) = &font.by_glyph {
            return match table.get(gid) {
                Some(Some(hit)) => hit.clone(),
                _ => look_up(o),
            };
        }
        if let ByGlyph::Unconfirmed(program) = &font.by_glyph {
            let embedded = o
                .font_data()
                .is_some_and(|d| (*d.data).as_ref() == program.as_slice());
            font.by_glyph = if embedded {
                ByGlyph::Yes(Vec::new())
            } else {
                ByGlyph::No
            };
        }
        let ByGlyph::Yes(known) = &mut font.by_glyph else {
            return look_up(o);
        };
        if let Some(Some(hit)) = known.get(gid) {
            return hit.clone();
        }
        let found = look_up(o);
        if known.len() <= gid {
            let Some(kept) = room_for(self.kept, known.len(), gid) else {
                return found;
            };
            self.kept = kept;
            known.resize(gid + 1, None);
        }
        known[gid] = Some(found.clone());
        found
    }

    /// The font of an interpreter's key, noted under `name` if new.
    pub fn slot(&mut self, key: u128, name: impl FnOnce() -> Arc<str>) -> usize {
        self.add(key, name);
        self.index[&key]
    }
}

/// A glyph's advance and text looked up through its font's maps: what the
/// page's glyphs and the probe's alike are kept as.
fn look_up(o: &OutlineGlyph) -> Mapped {
    (o.advance_width().unwrap_or(500.0), text_of(o.as_unicode()))
}

/// A glyph's text as the font maps it: `None` when it has no mapping;
/// empty for a control character (a bullet mapped to U+0000).
pub(super) fn text_of(unicode: Option<BfString>) -> Option<EcoString> {
    match unicode {
        Some(BfString::Char(ch)) if ch.is_control() => Some(EcoString::new()),
        Some(BfString::Char(ch)) => Some(EcoString::from(ch)),
        Some(BfString::String(s)) => Some(s.chars().filter(|c| !c.is_control()).collect()),
        None => None,
    }
}

/// A device noting each glyph drawn (its font's key, glyph id, advance and
/// text), for a stream that shows a simple font's 256 codes in order
/// ([`probe_content`]): what the interpreter maps each code to, so that
/// the glyphs of the page can be told by their ids alone where every code
/// of an id maps alike.
#[derive(Default)]
pub(super) struct Probe {
    glyphs: Vec<(u128, u32, Mapped)>,
    /// A glyph of another kind than an outline (a Type 3 font's).
    other: bool,
}

/// A content stream showing each of the 256 codes of the font named `name`
/// in the resources, in order.
pub(super) fn probe_content(name: &[u8]) -> Vec<u8> {
    let mut out = b"BT /".to_vec();
    for &c in name {
        // A name's bytes outside the regular printable ones are written
        // as `#` and two hex digits.
        if (b'!'..=b'~').contains(&c) && !b"#%()/<>[]{}".contains(&c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("#{c:02X}").as_bytes());
        }
    }
    out.extend_from_slice(b" 1 Tf <");
    for c in 0..=255u8 {
        out.extend_from_slice(format!("{c:02X}").as_bytes());
    }
    out.extend_from_slice(b"> Tj ET");
    out
}

impl Probe {
    /// By glyph id, the advance and text of the font `key`'s codes, where
    /// all the codes drawing one id agree; None unless the stream drew
    /// that font's 256 codes, one outline glyph each.
    fn table(&self, key: u128) -> Option<Vec<Option<Mapped>>> {
        if self.other || self.glyphs.len() != 256 || self.glyphs.iter().any(|g| g.0 != key) {
            return None;
        }
        let top = self.glyphs.iter().map(|g| g.1 as usize).max()?;
        // Per id: not drawn, drawn alike by every code so far, or not.
        let mut seen: Vec<Option<Option<Mapped>>> = vec![None; top + 1];
        for (_, gid, (advance, text)) in &self.glyphs {
            let slot = &mut seen[*gid as usize];
            match slot {
                None => *slot = Some(Some((*advance, text.clone()))),
                Some(Some((a, t))) if a.to_bits() == advance.to_bits() && t == text => {}
                Some(known) => *known = None,
            }
        }
        Some(seen.into_iter().map(Option::flatten).collect())
    }
}

impl<'a> Device<'a> for Probe {
    super::device::ignore_state_and_images!('a);
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn draw_rect(&mut self, _: &Rect, _: DrawProps<'a>, _: &DrawMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {
        for glyph in run.glyphs() {
            match &**glyph {
                HGlyph::Outline(o) => {
                    self.glyphs
                        .push((o.font_cache_key(), o.glyph_id().to_u32(), look_up(o)))
                }
                HGlyph::Type3(_) => self.other = true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_for_glyph_ids_is_bounded() {
        assert_eq!(room_for(0, 0, 99), Some(100));
        assert_eq!(room_for(100, 100, 149), Some(150));
        assert_eq!(room_for(MAX_KEPT - 10, 0, 9), Some(MAX_KEPT));
        assert_eq!(room_for(MAX_KEPT - 10, 0, 10), None);
        // A file of many fonts drawing their highest ids: four fill it.
        let mut kept = 0;
        let fonts = (0..8).take_while(|_| match room_for(kept, 0, 65_535) {
            Some(k) => {
                kept = k;
                true
            }
            None => false,
        });
        assert_eq!(fonts.count(), 4);
    }
}
