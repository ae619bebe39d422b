//! The judgement of a damaged text layer: a Unicode map that reads letters
//! as digits or symbols (``1zmir Büyük`ehir Y2l2``) or gives them no text
//! at all (`de\u{FFFD}erler`), which no repair can undo.
//!
//! A word's shape alone proves little: manuals, annexes and code print
//! `\begin{tikzpicture}[scale=0.6]`, `LaTeX2e`, `source2e.tex` or `bb=aux`
//! in perfectly sound fonts. So the shape only nominates suspects
//! ([`is_garbled_word`], code-like words left out: [`is_code_like`]), and
//! the judgement weighs evidence about the fonts' maps over the document:
//!
//! * a suspect whose digits or symbols a font prints with glyphs of
//!   different widths ([`Advances`]: the map sends distinct glyphs, a
//!   letter's among them, to the same character);
//! * a suspect that the document prints whole elsewhere, with letters where
//!   the suspect has its digits, symbols or missing glyphs ([`Vocabulary`]:
//!   `Y2l2` beside `Yılı`).
//!
//! A page with such evidence is damaged from 5 % of its words on; a page
//! with suspects only, from [`SHAPE_SHARE`] % (damaged prose garbles most
//! words; a page of code or file names a few). [`Damage`] tallies a page,
//! [`Damage::verdict`] judges it.

use std::collections::{HashMap, HashSet};

/// Punctuation stripped from both ends of a word before it is judged.
fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | ','
            | ';'
            | ':'
            | '.'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '?'
            | '!'
            | '…'
    )
}

/// Characters that damaged Unicode maps put in place of letters.
fn is_garble_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '`' | '^'
                | '~'
                | '|'
                | '\\'
                | '#'
                | '$'
                | '&'
                | '*'
                | '='
                | '+'
                | '<'
                | '>'
                | '{'
                | '}'
                | '['
                | ']'
                | '!'
                | '?'
                | ';'
                | '"'
        )
}

/// Whether a run of garble characters sits between two letters of which at
/// least one is lowercase (`Y2l2`, ``Büyük`ehir``).
fn has_garble_between_letters(word: &str) -> bool {
    // The letter just before the current run of garble characters, if any.
    let mut left: Option<char> = None;
    let mut in_run = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            if in_run && left.is_some_and(|l| l.is_lowercase() || c.is_lowercase()) {
                return true;
            }
            left = Some(c);
            in_run = false;
        } else if is_garble_char(c) {
            in_run = true;
        } else {
            left = None;
            in_run = false;
        }
    }
    false
}

/// Suffixes that may follow a single digit without an apostrophe: ordinals
/// ("2nci", "3üncü", "1incisi"), "-lik" and the distributive "-şer".
const NUMBER_SUFFIX_STARTS: &[&str] = &[
    "inci", "ıncı", "uncu", "üncü", "nci", "ncı", "ncu", "ncü", "lik", "lık", "luk", "lük", "liğ",
    "lığ", "luğ", "lüğ", "şer", "şar",
];

/// Whole case endings that may follow a single digit ("5ten", "1den").
const NUMBER_SUFFIXES: &[&str] = &["den", "dan", "ten", "tan"];

/// Whether the word is a digit glued to at least three lowercase letters that
/// are not a Turkish number suffix ("1zmir" for "İzmir").
fn has_digit_for_initial(word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let tail = chars.as_str();
    let lowercase = tail.chars().take_while(|c| c.is_lowercase()).count();
    lowercase >= 3
        && !NUMBER_SUFFIX_STARTS.iter().any(|s| tail.starts_with(s))
        && !NUMBER_SUFFIXES.contains(&tail)
}

/// Whether a word looks like letters were replaced by digits or symbols.
///
/// Surrounding punctuation is stripped first. A word is garbled when digits or
/// symbols such as the backtick, `^ ~ | # $ & * = + < > ! ?` sit between two
/// letters of which at least one is lowercase (`Y2l2`, ``Büyük`ehir``), or when it starts with a digit followed by at least three
/// lowercase letters that are not a Turkish number suffix ("1zmir"), or when
/// a glyph of it has no text at all (U+FFFD beside at least two letters:
/// `de\u{FFFD}erler`, not an accent over a symbol in a formula, `\u{FFFD}v`).
#[must_use]
pub fn is_garbled_word(word: &str) -> bool {
    let word = word.trim_matches(is_edge_punctuation);
    // Each shape needs a digit, a symbol or a missing glyph; most words
    // have none.
    if !word.chars().any(|c| is_garble_char(c) || c == UNMAPPED) {
        return false;
    }
    has_garble_between_letters(word)
        || has_digit_for_initial(word)
        || word.contains(UNMAPPED) && word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

/// The text the read stage gives a glyph whose code has no Unicode mapping.
pub const UNMAPPED: char = '\u{FFFD}';

/// Whether a word (judged garbled by its shape) is code rather than prose:
/// TeX and program code (`\begin{…}`, `\def\x{…}`, `a_b`, `x@y`,
/// `key=value`, bracket pairs `[…]`, `{…}`, `<…>`), paths and file names
/// (`a/b`, `source2e.tex`, `www.x.org`) or a name in mixed case
/// (`LaTeX2e`, `XeTeX`). A damaged map puts single symbols among lowercase
/// letters; these shapes are written so on purpose.
#[must_use]
pub fn is_code_like(word: &str) -> bool {
    let word = word.trim_matches(is_edge_punctuation);
    let has = |c: char| word.contains(c);
    let pair = |open: char, close: char| has(open) && has(close);
    if word.contains(['\\', '_', '@', '/', '=']) {
        return true;
    }
    if pair('{', '}') || pair('[', ']') || pair('<', '>') || pair('(', ')') {
        return true;
    }
    let chars: Vec<char> = word.chars().collect();
    // A dot between a letter or digit and a letter: a file name or address.
    let dotted = chars
        .windows(3)
        .any(|w| w[0].is_alphanumeric() && w[1] == '.' && w[2].is_alphabetic());
    // An uppercase letter after a lowercase one: a name in mixed case.
    let camel = chars
        .iter()
        .skip_while(|c| !c.is_lowercase())
        .any(|c| c.is_uppercase());
    dotted || camel
}

/// Share of a page's words, in per cent, that suspects alone (without
/// evidence about the fonts' maps) must reach for the page to be damaged.
pub const SHAPE_SHARE: usize = 20;

/// Share of a page's words, in per cent, that suspects must reach when the
/// fonts' maps corroborate at least three of them.
const EVIDENCE_SHARE: usize = 5;

/// Suspects corroborated by the fonts' maps a page needs, and suspects a
/// page needs at all, to be damaged.
const MIN_SUSPECTS: usize = 3;

/// Words a page needs to be judged at all (a figure's labels or a formula
/// are too few to tell anything).
pub const MIN_WORDS: usize = 20;

/// Suspects a page keeps for the judgement (their count goes on).
const MAX_KEPT: usize = 4096;

/// Relative difference, in per cent of the wider, between two advance
/// widths of one character in one font that shows two distinct glyphs.
const WIDTH_DIFFERENCE: i32 = 15;

/// The advance widths one font gives each digit and symbol it shows, in
/// thousandths of an em, with how often each is seen.
///
/// A sound map gives one glyph per digit or symbol (one width); a map that
/// sends a letter's glyph to `2` or `` ` `` shows that character with two
/// widths (`ı` and `2` are 278 and 556 thousandths of an em in Helvetica).
#[derive(Debug, Default, Clone)]
pub struct Advances(Vec<(char, i32, usize)>);

impl Advances {
    /// Records one shown glyph: its text, advance width and font size (page
    /// units). Only single digits and symbols are kept.
    pub fn add(&mut self, text: &str, advance: f32, size: f32) {
        let mut chars = text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return;
        };
        if !(is_garble_char(c) && advance.is_finite() && size.is_finite() && size > 0.0) {
            return;
        }
        let width = (1000.0 * advance / size).round();
        if !(0.0..=100_000.0).contains(&width) {
            return;
        }
        // In range: the cast is exact.
        self.count(c, width as i32, 1);
    }

    /// Adds `n` sightings of `c` at `width`.
    fn count(&mut self, c: char, width: i32, n: usize) {
        match self.0.iter_mut().find(|(k, w, _)| *k == c && *w == width) {
            Some((_, _, seen)) => *seen += n,
            None => self.0.push((c, width, n)),
        }
    }

    /// Adds another tally of the same font.
    pub fn merge(&mut self, other: &Advances) {
        for &(c, width, n) in &other.0 {
            self.count(c, width, n);
        }
    }

    /// The characters shown with two clearly different widths, each seen at
    /// least twice: the font's map gives them to distinct glyphs.
    #[must_use]
    pub fn remapped(&self) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for &(c, width, n) in &self.0 {
            if n < 2 || out.contains(&c) {
                continue;
            }
            let other = self.0.iter().any(|&(k, w, m)| {
                k == c && m >= 2 && 100 * (w - width).abs() > WIDTH_DIFFERENCE * w.max(width)
            });
            if other {
                out.push(c);
            }
        }
        out
    }
}

/// The words a document prints whole (letters only, apostrophes allowed, at
/// least three letters), by their number of characters.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary(HashMap<usize, HashSet<Vec<char>>>);

impl Vocabulary {
    /// Adds the whole words of a piece of text.
    pub fn add_text(&mut self, text: &str) {
        for word in text.split_whitespace() {
            let word = word.trim_matches(is_edge_punctuation);
            let chars: Vec<char> = word.chars().collect();
            let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
            if letters >= 3 && chars.iter().all(|&c| c.is_alphabetic() || is_apostrophe(c)) {
                self.0.entry(chars.len()).or_default().insert(chars);
            }
        }
    }

    /// Whether the document prints `suspect` whole: a word of as many
    /// characters, equal where the suspect has letters, with letters where
    /// it has digits, symbols or missing glyphs. A suspect of fewer than
    /// four characters or two letters is too short to tell.
    #[must_use]
    pub fn prints_whole(&self, suspect: &str) -> bool {
        let suspect: Vec<char> = suspect.trim_matches(is_edge_punctuation).chars().collect();
        if suspect.len() < 4 || suspect.iter().filter(|c| c.is_alphabetic()).count() < 2 {
            return false;
        }
        let Some(words) = self.0.get(&suspect.len()) else {
            return false;
        };
        words.iter().any(|word| {
            word.iter().zip(&suspect).all(|(&w, &s)| {
                if is_stand_in(s) {
                    w.is_alphabetic()
                } else {
                    w == s
                }
            })
        })
    }
}

/// Whether `c` is an apostrophe (`İzmir'de`, `İzmir’in`).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Whether `c` may stand for a letter in a damaged word.
fn is_stand_in(c: char) -> bool {
    c == UNMAPPED || is_garble_char(c)
}

/// The suspects of a page's text, to be judged with the whole document's
/// evidence ([`Damage::verdict`]).
#[derive(Debug, Default, Clone)]
pub struct Damage {
    /// Number of words seen.
    pub words: usize,
    /// Number of those words that look garbled and are not code-like.
    pub garbled: usize,
    /// The suspects (at most [`MAX_KEPT`]), in order.
    suspects: Vec<String>,
}

impl Damage {
    /// Counts the words of a piece of text (split on whitespace) into this tally.
    pub fn add_text(&mut self, text: &str) {
        for word in text.split_whitespace() {
            self.words += 1;
            if is_garbled_word(word) && !is_code_like(word) {
                self.garbled += 1;
                if self.suspects.len() < MAX_KEPT {
                    self.suspects.push(word.to_owned());
                }
            }
        }
    }

    /// Whether the verdict on this page needs the document's evidence
    /// ([`Vocabulary`], remapped characters): enough suspects to weigh, too
    /// few for their shape alone. Most pages need none, so the caller
    /// gathers the vocabulary only when some page does.
    #[must_use]
    pub fn needs_evidence(&self) -> bool {
        self.words >= MIN_WORDS
            && self.garbled >= MIN_SUSPECTS
            && self.garbled * 100 >= EVIDENCE_SHARE * self.words
            && self.garbled * 100 < SHAPE_SHARE * self.words
    }

    /// The page's verdict: `Some(example)` when its text layer is damaged,
    /// the example being its first suspect, or its first one the fonts'
    /// maps corroborate when the share of suspects alone is not enough. A
    /// page of fewer than [`MIN_WORDS`] words is not judged.
    ///
    /// `vocabulary` is the document's, `remapped` the characters some font
    /// of the document shows with distinct glyphs ([`Advances::remapped`]).
    #[must_use]
    pub fn verdict(&self, vocabulary: &Vocabulary, remapped: &[char]) -> Option<&str> {
        if self.words < MIN_WORDS
            || self.garbled < MIN_SUSPECTS
            || self.garbled * 100 < EVIDENCE_SHARE * self.words
        {
            return None;
        }
        if self.garbled * 100 >= SHAPE_SHARE * self.words {
            return self.suspects.first().map(String::as_str);
        }
        // Corroborated suspects needed: at least 3 and 5 % of the words.
        let needed = MIN_SUSPECTS.max((EVIDENCE_SHARE * self.words).div_ceil(100));
        let mut known: HashMap<&str, bool> = HashMap::new();
        let mut corroborated = 0;
        let mut example: Option<&str> = None;
        for word in &self.suspects {
            let backed = *known.entry(word).or_insert_with(|| {
                word.chars().any(|c| remapped.contains(&c)) || vocabulary.prints_whole(word)
            });
            if backed {
                corroborated += 1;
                example.get_or_insert(word);
                if corroborated >= needed {
                    return example;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_without_text_make_a_word_garbled() {
        assert!(super::is_garbled_word("de\u{FFFD}erler"));
        assert!(super::is_garbled_word("\u{FFFD}zmir"));
        assert!(!super::is_garbled_word("\u{FFFD}"));
        assert!(!super::is_garbled_word("\u{FFFD}v,"));
        assert!(!super::is_garbled_word("x\u{FFFD}"));
    }

    #[test]
    fn garbled_words() {
        let garbled = [
            "Y2l2",
            "Büyük`ehir",
            "Da2re",
            "1zmir",
            "(1zmir",
            "Y2l2),",
            "Ba~kanl2g2",
            "Müdürlü#ü",
            "Ba$kanl|k",
            "plan=lama",
            "ke*if",
            "1stanbul'da",
            "1lçesi",
            "bel?diye",
        ];
        for word in garbled {
            assert!(is_garbled_word(word), "{word} should be garbled");
        }
    }

    #[test]
    fn clean_words() {
        let clean = [
            "1.1.1",
            "PG2.1.1",
            "PG1.1.1.3-",
            "SH2.2-",
            "SA1-",
            "F01",
            "INKA_P_9.1.1.1",
            "A.03",
            "03.01",
            "m2",
            "km2",
            "m³",
            "CO2",
            "H2O",
            "2024'te",
            "1'inci",
            "2nci",
            "3üncü",
            "1incisi",
            "5lik",
            "2şer",
            "5ten",
            "%22,34",
            "22,34%",
            "(%)",
            "+%2",
            "e-posta",
            "www.izmir.bel.tr",
            "info@izmir.bel.tr",
            "5.815.779.000,00",
            "vb.",
            "T.C.",
            "No:5",
            "3194/18",
            "7/24",
            "COVID-19",
            "ISO",
            "4B",
            "II.",
            "Sayfa",
            "Ölçü",
            "İzmir",
            "Büyükşehir",
            "Yılı",
            "Dairesi",
            "Başkanlığı",
            "YTL",
            "₺",
            "-TL",
            "Müdürlüğü",
            "\"Sayfa\"",
            "",
        ];
        for word in clean {
            assert!(!is_garbled_word(word), "{word} should not be garbled");
        }
    }

    /// A page's tally of `text`, its words added to `vocabulary`.
    fn page(text: &str, vocabulary: &mut Vocabulary) -> Damage {
        let mut damage = Damage::default();
        damage.add_text(text);
        vocabulary.add_text(text);
        damage
    }

    /// The verdict on `text` as a document of one page.
    fn verdict(text: &str, remapped: &[char]) -> Option<String> {
        let mut vocabulary = Vocabulary::default();
        let damage = page(text, &mut vocabulary);
        damage.verdict(&vocabulary, remapped).map(str::to_owned)
    }

    #[test]
    fn code_like_words() {
        let code = [
            r"\begin{tikzpicture}[scale=0.6]",
            r"\NeedsTeXFormat{LaTeX2e}%",
            r"\def\@gsm{gsm-l}",
            r"\verb\write18",
            "LaTeX2e",
            "source2e.tex",
            "bb=aux",
            "vmargin=20mm,",
            "text=<style>;",
            "(Il|Il),",
            "[a4paper]{article}",
            "my_file2x",
            "user@h2st",
            "a/b2c",
            "\u{FFFD}EndP",
        ];
        for word in code {
            assert!(
                is_garbled_word(word) || word == "XeTeX",
                "{word} has a garbled shape"
            );
            assert!(is_code_like(word), "{word} should be code-like");
        }
        for word in [
            "Y2l2",
            "Büyük`ehir",
            "1zmir",
            "Program2",
            "1`leri",
            "de\u{FFFD}erler",
        ] {
            assert!(!is_code_like(word), "{word} should not be code-like");
        }
    }

    /// Twenty sound words.
    const PROSE: &str = "Kent genelinde yol ve kaldırım yapım çalışmaları ile park bakım \
                         hizmetleri yürütülecek ve yeni alanlar düzenlenecektir bu yıl da Haziran";

    #[test]
    fn damage_counts_words_and_suspects() {
        let damage = page(
            "1zmir Büyük`ehir Belediyesi\n2024  Y2l2 LaTeX2e",
            &mut Vocabulary::default(),
        );
        assert_eq!(damage.words, 6);
        // LaTeX2e is code, not a suspect.
        assert_eq!(damage.garbled, 3);
        let text = format!("1zmir Büyük`ehir Y2l2 1zmir Büyük`ehir Y2l2 {PROSE}");
        assert_eq!(verdict(&text, &[]).as_deref(), Some("1zmir"));
        // Too few words to judge.
        assert_eq!(verdict("1zmir Büyük`ehir Y2l2 Da2re", &['1', '2']), None);
    }

    #[test]
    fn damage_needs_three_suspects() {
        assert_eq!(verdict(&format!("{PROSE} 1zmir Y2l2"), &['1', '2']), None);
        assert_eq!(
            verdict(&format!("{PROSE} 1zmir Y2l2 Da2re"), &['1', '2']).as_deref(),
            Some("1zmir")
        );
    }

    #[test]
    fn shape_alone_needs_a_large_share() {
        let prose = "Kent genelinde yol ve kaldırım yapım çalışmaları yürütülecektir. ";
        // 3 suspects among 51 words: below the share the shape alone needs.
        let text = format!("{} 1zmir Y2l2 Da2re", prose.repeat(6));
        assert!(page(&text, &mut Vocabulary::default()).needs_evidence());
        assert_eq!(verdict(&text, &[]), None);
        // The same page printed with a font showing `1` and `2` with two glyphs each.
        assert_eq!(verdict(&text, &['1', '2']).as_deref(), Some("1zmir"));
        // Only two of the suspects are corroborated.
        assert_eq!(verdict(&text, &['2']), None);
        // Most words garbled: damaged by their shape.
        let garbled = "1zmir Büyük`ehir Belediyesi 2024 Y2l2 Program2 Fen 1`leri ".repeat(5);
        assert!(!page(&garbled, &mut Vocabulary::default()).needs_evidence());
        assert_eq!(verdict(&garbled, &[]).as_deref(), Some("1zmir"));
        assert!(!page(&prose.repeat(6), &mut Vocabulary::default()).needs_evidence());
    }

    #[test]
    fn words_printed_whole_elsewhere_corroborate() {
        let mut vocabulary = Vocabulary::default();
        let prose = "Kent genelinde yol ve kaldırım yapım çalışmaları yürütülecektir. ";
        let text = format!("{} Y2l2 Da2re 1zmir", prose.repeat(6));
        let damaged = page(&text, &mut vocabulary);
        assert_eq!(damaged.garbled, 3);
        assert_eq!(damaged.verdict(&vocabulary, &[]), None);
        // Another page prints the words whole.
        page("Yılı Daire İzmir Programı", &mut vocabulary);
        assert!(vocabulary.prints_whole("Y2l2"));
        assert!(vocabulary.prints_whole("(Program2),"));
        assert!(vocabulary.prints_whole("\u{FFFD}zmir"));
        assert!(!vocabulary.prints_whole("Ba2ka"));
        assert!(!vocabulary.prints_whole("Y2l"));
        assert_eq!(damaged.verdict(&vocabulary, &[]), Some("Y2l2"));
    }

    #[test]
    fn code_in_a_sound_font_is_not_damage() {
        let manual = concat!(
            r"The \begin{tikzpicture}[scale=0.6] environment of LaTeX2e, documented in ",
            r"source2e.tex, reads bb=aux and calls ps2pdf; see \documentclass[a4paper]{article} ",
            r"and \usepackage{graphicx} in XeTeX or pdfTeX, mail to info@example.org, item A.01.02. ",
        )
            .repeat(8);
        let mut vocabulary = Vocabulary::default();
        let damage = page(&manual, &mut vocabulary);
        assert!(damage.words > 100);
        // Only ps2pdf is a suspect: far below any share.
        assert_eq!(damage.garbled, 8);
        assert_eq!(damage.verdict(&vocabulary, &[]), None);
        assert_eq!(damage.verdict(&vocabulary, &['2']), None);
    }

    #[test]
    fn advances_find_a_character_with_two_glyphs() {
        let mut font = Advances::default();
        for _ in 0..3 {
            // `2` at 10 pt: 5.56 pt wide, and the dotless i's glyph mapped to `2`.
            font.add("2", 5.56, 10.0);
            font.add("2", 2.78, 10.0);
            font.add("0", 5.56, 10.0);
            font.add("a", 5.56, 10.0);
        }
        assert_eq!(font.remapped(), ['2']);
        // Another page's tally of the same font.
        let mut other = Advances::default();
        other.add("0", 3.0, 10.0);
        other.add("0", 3.0, 10.0);
        font.merge(&other);
        assert_eq!(font.remapped(), ['2', '0']);
    }

    #[test]
    fn advances_of_a_sound_font() {
        let mut font = Advances::default();
        for size in [8.0, 10.0, 12.0] {
            // One glyph per character, at any size; a slight rounding difference.
            font.add("2", 0.556 * size, size);
            font.add("1", 0.556 * size + 0.001, size);
            font.add("`", 0.333 * size, size);
        }
        // A width seen once is no evidence; letters and text are not tallied.
        font.add("2", 3.0, 10.0);
        font.add("ı", 2.78, 10.0);
        font.add("12", 11.0, 10.0);
        font.add("2", f32::NAN, 10.0);
        font.add("2", 5.0, 0.0);
        assert!(font.remapped().is_empty());
    }
}
