//! Repeated font selections, dropped from a content stream before it is
//! interpreted.
//!
//! The interpreter (hayro-interpret 0.7) looks the font up again at every
//! `Tf`: it resolves the font dictionary through the cross-reference table
//! and parses it whole, its `/Widths` array included, even when the font
//! and size are those already selected. Word processors and report
//! generators select the font again for every run of text (`BT /F1 10 Tf …
//! ET`, often inside its own `q … Q`), so on such printings these look-ups
//! are a sixth of the reading.
//!
//! [`repeated_fonts`] returns the stream with fewer selections and the same
//! meaning. The stream is first read into the events that bear on the font
//! ([`Event`]); then two rewritings are tried on them:
//!
//! 1. The stream's most used selection is made once at its start, and every
//!    selection of it where it is already in force is dropped. The state
//!    the stream saves with `q` and restores with `Q` then holds that
//!    selection instead of none, so runs of text wrapped in `q … Q` no
//!    longer select it again. This holds only if nothing shows text (or
//!    draws a form, which may) where the original stream has no font
//!    selected, or where the two could differ, and if, where the scan
//!    stops short of the end, every state saved there agrees too: else the
//!    rewriting is given up for
//! 2. dropping only the selections that repeat the one in force, as the
//!    graphics state stands there.
//!
//! Only what is certain is dropped: the operator with exactly a name and a
//! number for operands, byte for byte those of the selection in force, with
//! nothing but white space between them. `gs` may set the font (an
//! `/ExtGState` with a `/Font` entry): after it nothing is known, unless no
//! graphics state of the page's resources has one ([`states_set_fonts`]). Where the scan could read the stream otherwise than
//! the interpreter (an inline image's data, an operator inside an array),
//! it stops.

use hayro_interpret::hayro_syntax::object::{Dict, Name};
use hayro_interpret::hayro_syntax::page::Resources;

use super::nesting::{is_white, Lexer, Token};

/// A font selection: the name (with its `/`) and the size, as written.
type Selection<'a> = (&'a [u8], &'a [u8]);

/// What in a content stream bears on the font in force.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Event<'a> {
    /// `q`.
    Save,
    /// `Q`.
    Restore,
    /// A plain selection, and its bytes' range (name to `Tf`).
    Select(Selection<'a>, (usize, usize)),
    /// A `Tf` whose operands are not plainly a name and a size, or a `gs`:
    /// the font in force is no longer known.
    Unknown,
    /// Text shown (`Tj`, `TJ`, `'`, `"`) or a form or image drawn (`Do`).
    Show,
    /// Where the scan may part from the interpreter's reading.
    End,
}

/// The content stream `data` with fewer font selections and the same
/// meaning; None when there is none to drop.
/// `gs_sets_font`: whether a `gs` may select a font ([`states_set_fonts`]).
pub fn repeated_fonts(data: &[u8], gs_sets_font: bool) -> Option<Vec<u8>> {
    if !enough_selections(data) {
        return None;
    }
    let mut gather = Gather::new(data, gs_sets_font);
    Lexer::content(data).run(|t| gather.token(t));
    gather.rewrite()
}

/// Whether `data` selects fonts often enough for the scan to pay: below
/// [`MIN_SELECTIONS`], it costs more than it saves.
pub fn enough_selections(data: &[u8]) -> bool {
    memchr::memmem::find_iter(data, b"Tf")
        .nth(MIN_SELECTIONS)
        .is_some()
}

/// Whether looking the fonts of `fonts` (a resource dictionary's `/Font`)
/// up again costs enough for the scan to pay: one of their dictionaries
/// is longer than [`LIGHT_FONT`] bytes, as a simple font's is with its
/// `/Widths` written in it. A composite font's dictionary is a few lines
/// (its widths are its descendant's), parsed again in less time than a
/// scan of the stream of its own takes (where the page check scans the
/// stream anyway, the selections are dropped whatever their fonts).
pub fn worth_scanning(fonts: &Dict<'_>) -> bool {
    fonts
        .keys()
        .filter_map(|name| fonts.get::<Dict<'_>>(name.as_ref()))
        .any(|font| font.data().len() > LIGHT_FONT)
}

/// Whether a graphics state of `res` has a `/Font` entry: then `gs` may
/// select a font, as the interpreter reads it. Without one, `gs` leaves
/// the font as it is.
pub fn states_set_fonts(res: &Resources<'_>) -> bool {
    let states = &res.ext_g_states;
    let sets = |name: Name<'_>| {
        states
            .get::<Dict<'_>>(name.as_ref())
            .is_none_or(|state| state.contains_key(b"Font"))
    };
    states.keys().any(sets)
}

/// The longest font dictionary not worth a scan, in bytes.
const LIGHT_FONT: usize = 400;

/// Below this many `Tf`, the scan costs more than it saves.
const MIN_SELECTIONS: usize = 8;

/// `data` rewritten as the module tells, whatever its number of selections.
#[cfg(test)]
fn elide(data: &[u8]) -> Option<Vec<u8>> {
    let mut gather = Gather::new(data, true);
    Lexer::content(data).run(|t| gather.token(t));
    gather.rewrite()
}

/// `data` rewritten as the module tells, from its events.
fn rewrite(data: &[u8], events: &[Event<'_>]) -> Option<Vec<u8>> {
    let (first, drops) = match most_used(events).and_then(|s| hoisted(events, s)) {
        Some((s, drops)) => (Some(s), drops),
        None => (None, in_force(events)),
    };
    if drops.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() + 32);
    if let Some((name, size)) = first {
        for part in [name, b" ", size, b" Tf\n"] {
            out.extend_from_slice(part);
        }
    }
    let mut at = 0;
    for (start, end) in drops {
        out.extend_from_slice(&data[at..start]);
        // The operators on either side stay apart.
        out.push(b' ');
        at = end;
    }
    out.extend_from_slice(&data[at..]);
    Some(out)
}

/// The events of a content stream, gathered from its tokens in order: by
/// [`repeated_fonts`]'s own scan, or by the page check's where that one
/// reads the stream anyway (one pass for both).
pub struct Gather<'a> {
    data: &'a [u8],
    events: Vec<Event<'a>>,
    /// The operands since the last operator: how many, the last two, and
    /// whether no array or dictionary opened or closed among them.
    count: usize,
    last: [&'a [u8]; 2],
    plain: bool,
    /// Where the last operator ended.
    op_end: usize,
    depth: usize,
    ended: bool,
    /// Whether a `gs` may select a font.
    gs_sets_font: bool,
}

impl<'a> Gather<'a> {
    /// A gatherer of the tokens of `data`, the whole content stream;
    /// `gs_sets_font` as for [`repeated_fonts`].
    pub fn new(data: &'a [u8], gs_sets_font: bool) -> Self {
        Gather {
            data,
            events: Vec::new(),
            count: 0,
            last: [b"", b""],
            plain: true,
            op_end: 0,
            depth: 0,
            ended: false,
            gs_sets_font,
        }
    }

    /// The next token of the stream (from a scanner of `data` itself).
    pub fn token(&mut self, token: Token<'a>) {
        if self.ended {
            return;
        }
        let word = match token {
            Token::Word(w) => w,
            Token::Open(d) => {
                self.depth = d;
                self.plain = false;
                return;
            }
            Token::Close => {
                self.depth = self.depth.saturating_sub(1);
                self.plain = false;
                return;
            }
            Token::Data(_) => return,
        };
        if is_operand(word) {
            self.count += 1;
            self.last = [self.last[1], word];
            return;
        }
        // An operator.
        let start = self.offset(word);
        let (count, plain, from) = (self.count, self.plain, self.op_end);
        (self.count, self.plain, self.op_end) = (0, true, start + word.len());
        let event = match word {
            // An operator inside an array or dictionary: the interpreter
            // may read the stream otherwise from here.
            _ if self.depth > 0 => Event::End,
            b"BI" => Event::End,
            b"q" => Event::Save,
            b"Q" => Event::Restore,
            b"gs" if self.gs_sets_font => Event::Unknown,
            b"Tj" | b"TJ" | b"'" | b"\"" | b"Do" => Event::Show,
            // A plain selection: a name and a size, and the operator, each
            // after nothing but white space since the operator before.
            b"Tf" => match self.last {
                [name, size]
                    if count == 2
                        && plain
                        && is_name(name)
                        && is_number(size)
                        && self.white(from, name)
                        && self.white(self.offset(name) + name.len(), size)
                        && self.white(self.offset(size) + size.len(), word) =>
                {
                    Event::Select((name, size), (self.offset(name), start + word.len()))
                }
                _ => Event::Unknown,
            },
            _ => return,
        };
        self.ended = event == Event::End;
        self.events.push(event);
    }

    /// Where `word` (a slice of the stream) starts in it.
    fn offset(&self, word: &[u8]) -> usize {
        word.as_ptr() as usize - self.data.as_ptr() as usize
    }

    /// Whether the stream holds nothing but white space from `from` to
    /// where `word` starts.
    fn white(&self, from: usize, word: &[u8]) -> bool {
        let to = self.offset(word);
        self.data
            .get(from..to)
            .is_some_and(|gap| gap.iter().all(|&c| is_white(c)))
    }

    /// The stream with fewer selections and the same meaning, from the
    /// tokens given; None when there is none to drop.
    pub fn rewrite(self) -> Option<Vec<u8>> {
        rewrite(self.data, &self.events)
    }

    #[cfg(test)]
    fn events(self) -> Vec<Event<'a>> {
        self.events
    }
}

/// The selection made most often, if any.
fn most_used<'a>(events: &[Event<'a>]) -> Option<Selection<'a>> {
    let mut counts: Vec<(Selection<'a>, usize)> = Vec::new();
    for e in events {
        if let Event::Select(s, _) = e {
            match counts.iter().position(|(t, _)| t == s) {
                Some(k) => counts[k].1 += 1,
                None if counts.len() < MAX_DISTINCT => counts.push((*s, 1)),
                None => {}
            }
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(s, _)| s)
}

/// The distinct selections counted for [`most_used`] (a stream selects a
/// handful of fonts and sizes).
const MAX_DISTINCT: usize = 64;

/// Rewriting 1: `first` selected at the start. The selections to drop,
/// or None when the rewriting does not hold.
fn hoisted<'a>(
    events: &[Event<'a>],
    first: Selection<'a>,
) -> Option<(Selection<'a>, Vec<(usize, usize)>)> {
    // The selection in force in the rewritten stream (None: not known),
    // and whether the original stream has the same in force.
    let mut state = (Some(first), false);
    let mut saved = Vec::new();
    let mut drops = Vec::new();
    for e in events {
        match *e {
            Event::Save => saved.push(state),
            // A `Q` with nothing saved restores the interpreter's own
            // state, the same in both streams.
            Event::Restore => state = saved.pop().unwrap_or((None, true)),
            Event::Select(s, range) => {
                if state.0 == Some(s) {
                    drops.push(range);
                }
                state = (Some(s), true);
            }
            Event::Unknown | Event::Show if !state.1 => return None,
            Event::Unknown => state = (None, true),
            Event::Show => {}
            // What follows is not read: it may restore any saved state, so
            // every one of them must agree too.
            Event::End if !state.1 || saved.iter().any(|s| !s.1) => return None,
            Event::End => break,
        }
    }
    Some((first, drops))
}

/// Rewriting 2: the selections that repeat the one in force.
fn in_force(events: &[Event<'_>]) -> Vec<(usize, usize)> {
    let mut current = None;
    let mut saved = Vec::new();
    let mut drops = Vec::new();
    for e in events {
        match *e {
            Event::Save => saved.push(current),
            Event::Restore => current = saved.pop().flatten(),
            Event::Select(s, range) => {
                if current == Some(s) {
                    drops.push(range);
                }
                current = Some(s);
            }
            Event::Unknown => current = None,
            Event::Show => {}
            Event::End => break,
        }
    }
    drops
}

fn is_name(word: &[u8]) -> bool {
    word.first() == Some(&b'/')
}

fn is_number(word: &[u8]) -> bool {
    !word.is_empty()
        && word
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'+' | b'-'))
}

fn is_operand(word: &[u8]) -> bool {
    is_name(word) || is_number(word) || matches!(word, b"true" | b"false" | b"null")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data` without the selections rewriting 2 drops.
    fn in_force_only(data: &str) -> String {
        in_force_with(data, true)
    }

    /// [`in_force_only`], with `gs` as `gs_sets_font` tells.
    fn in_force_with(data: &str, gs_sets_font: bool) -> String {
        let mut gather = Gather::new(data.as_bytes(), gs_sets_font);
        Lexer::content(data.as_bytes()).run(|t| gather.token(t));
        let drops = in_force(&gather.events());
        let mut out = String::new();
        let mut at = 0;
        for (start, end) in drops {
            out.push_str(&data[at..start]);
            out.push(' ');
            at = end;
        }
        out + &data[at..]
    }

    fn rewritten(data: &str) -> Option<String> {
        elide(data.as_bytes()).map(|out| String::from_utf8(out).unwrap())
    }

    #[test]
    fn a_repeated_selection_is_dropped() {
        let s = "BT /F1 10 Tf (a) Tj ET BT /F1 10 Tf (b) Tj ET BT /F2 10 Tf (c) Tj ET BT /F1 10 Tf (d) Tj ET";
        assert_eq!(
            in_force_only(s),
            "BT /F1 10 Tf (a) Tj ET BT   (b) Tj ET BT /F2 10 Tf (c) Tj ET BT /F1 10 Tf (d) Tj ET"
        );
    }

    #[test]
    fn a_new_size_is_kept() {
        let s = "BT /F1 10 Tf (a) Tj /F1 12 Tf (b) Tj /F1 12 Tf (c) Tj ET";
        assert_eq!(
            in_force_only(s),
            "BT /F1 10 Tf (a) Tj /F1 12 Tf (b) Tj   (c) Tj ET"
        );
    }

    #[test]
    fn restore_brings_back_the_saved_selection() {
        // After Q the font is F1 again: its selection there repeats it.
        let s = "/F1 10 Tf q /F2 10 Tf (a) Tj Q /F1 10 Tf (b) Tj q /F2 10 Tf Q /F2 10 Tf";
        assert_eq!(
            in_force_only(s),
            "/F1 10 Tf q /F2 10 Tf (a) Tj Q   (b) Tj q /F2 10 Tf Q /F2 10 Tf"
        );
    }

    #[test]
    fn unknown_state_keeps_the_next_selection() {
        // `gs` may set the font; a `Q` with nothing saved restores a state
        // this scan did not see.
        let s = "/F1 10 Tf /G gs /F1 10 Tf Q /F1 10 Tf";
        assert_eq!(in_force_only(s), s);
    }

    #[test]
    fn a_gs_that_sets_no_font_keeps_the_selection() {
        let s = "/F1 10 Tf /G gs /F1 10 Tf (a) Tj";
        assert_eq!(in_force_with(s, false), "/F1 10 Tf /G gs   (a) Tj");
    }

    #[test]
    fn only_plain_operands_count() {
        // A string or comment among the operands, a third operand: the
        // interpreter may not take the selection, so it is kept and what is
        // in force is no longer known.
        let s = "/F1 10 Tf (x) /F1 10 Tf /F1 10 Tf 3 /F1 10 Tf /F1 % c\n10 Tf /F1 10 Tf";
        assert_eq!(in_force_only(s), s);
    }

    #[test]
    fn strings_hide_operators() {
        let s = "/F1 10 Tf (/F2 10 Tf) Tj /F1 10 Tf";
        assert_eq!(in_force_only(s), "/F1 10 Tf (/F2 10 Tf) Tj  ");
    }

    #[test]
    fn an_inline_image_ends_the_scan() {
        let s = "/F1 10 Tf /F1 10 Tf BI /W 1 /H 1 ID \x00/F1 10 Tf EI /F1 10 Tf /F1 10 Tf";
        assert_eq!(
            in_force_only(s),
            "/F1 10 Tf   BI /W 1 /H 1 ID \x00/F1 10 Tf EI /F1 10 Tf /F1 10 Tf"
        );
    }

    #[test]
    fn the_most_used_selection_is_made_once_at_the_start() {
        // Each run of text in its own `q … Q`: the state restored holds the
        // selection made at the start.
        let s = "q BT /F1 10 Tf (a) Tj ET Q q BT /F2 9 Tf (b) Tj ET Q q BT /F1 10 Tf (c) Tj ET Q";
        assert_eq!(
            rewritten(s).unwrap(),
            "/F1 10 Tf\nq BT   (a) Tj ET Q q BT /F2 9 Tf (b) Tj ET Q q BT   (c) Tj ET Q"
        );
    }

    #[test]
    fn text_without_a_font_keeps_the_stream_as_it_is() {
        // Text shown (or a form drawn) where the original has no font
        // selected would take the one made at the start: rewriting 1 is
        // given up, and rewriting 2 finds nothing here.
        for s in [
            "(x) Tj q /F1 10 Tf (a) Tj Q q /F1 10 Tf (b) Tj Q",
            "/X Do q /F1 10 Tf (a) Tj Q q /F1 10 Tf (b) Tj Q",
            "q /F1 10 Tf Q /G gs q /F1 10 Tf (a) Tj Q",
        ] {
            assert_eq!(rewritten(s), None, "{s}");
        }
        // Text after a selection of its own is shown as before.
        let s = "q /F2 9 Tf (x) Tj Q q /F1 10 Tf (a) Tj Q q /F1 10 Tf (b) Tj Q";
        assert_eq!(
            rewritten(s).unwrap(),
            "/F1 10 Tf\nq /F2 9 Tf (x) Tj Q q   (a) Tj Q q   (b) Tj Q"
        );
    }

    #[test]
    fn the_scan_ends_only_where_every_saved_state_agrees() {
        // The scan stops at the inline image with the two streams agreeing
        // on the font in force, but not on the one saved by `q`: after `Q`,
        // text shown without a selection would take the one made at the start.
        let s =
            "q /F1 10 Tf (a) Tj Q q /F1 10 Tf (b) Tj Q q /F2 9 Tf BI /W 1 /H 1 ID \x00 EI Q (c) Tj";
        assert_eq!(rewritten(s), None);
    }

    #[test]
    fn few_selections_are_not_scanned() {
        assert_eq!(repeated_fonts(b"/F1 10 Tf /F1 10 Tf", true), None);
        let many = "/F1 10 Tf ".repeat(MIN_SELECTIONS + 1);
        assert!(repeated_fonts(many.as_bytes(), true).is_some());
        let none = "/F1 10 Tf /F2 10 Tf ".repeat(MIN_SELECTIONS);
        assert_eq!(repeated_fonts(none.as_bytes(), true), None);
    }
}
