//! Repair of damaged PDF text layers.
//!
//! Many Performans Programı PDFs carry a text layer that does not say what the
//! page shows. Two kinds of damage are common:
//!
//! * Fonts whose encoding is mislabelled, so that Turkish letters come out as
//!   other letters: Windows-1254 bytes read as Windows-1252 (`ý þ ð` for
//!   `ı ş ğ`) or legacy Turkish font encodings (`Ġ ġ Ģ ģ` for `İ Ş ş`). These
//!   can be repaired. The decision is taken per font from the evidence of the
//!   whole document ([`FontStats`]), because one stray character proves
//!   nothing but a font that never shows a genuine `ş` and often shows `þ` is
//!   clearly misread. The chosen [`Repair`] is then applied glyph by glyph.
//! * Text layers rewritten with broken Unicode maps (for instance by
//!   Ghostscript), where letters turn into digits or punctuation inside words:
//!   ``1zmir Büyük`ehir Belediyesi 2024 Y2l2``. These cannot be repaired, but
//!   [`damage`] judges them from the evidence of the fonts' maps, so the
//!   caller can warn or refuse.

mod damage;

pub use damage::{
    is_code_like, is_garbled_word, Advances, Damage, Vocabulary, MIN_WORDS, SHAPE_SHARE, UNMAPPED,
};

/// Character evidence of one font over the whole document.
#[derive(Debug, Default, Clone)]
pub struct FontStats {
    /// Windows-1252 letters standing for Turkish ones: `ý þ ð Ý Þ Ð`.
    cp1252_marks: usize,
    /// Genuine Turkish letters `ı ş ğ İ Ş Ğ`.
    turkish_letters: usize,
    /// Legacy encoding marks `Ġ ġ Ģ ģ`.
    legacy_marks: usize,
    /// Genuine `İ Ş ş`, the letters legacy encodings get wrong.
    legacy_letters: usize,
    /// The advance widths of the digits and symbols shown.
    advances: Advances,
}

impl FontStats {
    /// Counts one shown glyph: its characters and, for a digit or symbol,
    /// its advance width.
    pub fn add_glyph(&mut self, glyph: &super::Glyph) {
        self.add(&glyph.text);
        self.advances.add(&glyph.text, glyph.w, glyph.size);
    }

    /// Counts the characters of one shown glyph's text.
    pub fn add(&mut self, text: &str) {
        if text.is_ascii() {
            return;
        }
        for c in text.chars() {
            match c {
                'ý' | 'þ' | 'ð' | 'Ý' | 'Þ' | 'Ð' => self.cp1252_marks += 1,
                '\u{120}'..='\u{123}' => self.legacy_marks += 1,
                'ı' | 'ğ' | 'Ğ' => self.turkish_letters += 1,
                'İ' | 'Ş' | 'ş' => {
                    self.turkish_letters += 1;
                    self.legacy_letters += 1;
                }
                _ => {}
            }
        }
    }

    /// Adds another tally of the same font.
    pub fn merge(&mut self, other: &FontStats) {
        self.cp1252_marks += other.cp1252_marks;
        self.turkish_letters += other.turkish_letters;
        self.legacy_marks += other.legacy_marks;
        self.legacy_letters += other.legacy_letters;
        self.advances.merge(&other.advances);
    }

    /// The digits and symbols this font shows with distinct glyphs
    /// ([`Advances::remapped`]).
    #[must_use]
    pub fn remapped(&self) -> Vec<char> {
        self.advances.remapped()
    }

    /// The repair this font's evidence calls for.
    ///
    /// A family of marks is chosen when the font shows at least one of its
    /// marks and at least as many marks as genuine letters they stand for.
    /// When both families qualify, the one with more marks wins; a tie goes to
    /// [`Repair::Cp1254AsCp1252`].
    #[must_use]
    pub fn repair(&self) -> Repair {
        let cp1252 = self.cp1252_marks > 0 && self.cp1252_marks >= self.turkish_letters;
        let legacy = self.legacy_marks > 0 && self.legacy_marks >= self.legacy_letters;
        match (cp1252, legacy) {
            (true, true) if self.legacy_marks > self.cp1252_marks => Repair::LegacyTurkish,
            (true, _) => Repair::Cp1254AsCp1252,
            (false, true) => Repair::LegacyTurkish,
            (false, false) => Repair::None,
        }
    }
}

/// How the text of one font is to be repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    /// The text is right as it is.
    None,
    /// Windows-1254 (Turkish) bytes read as Windows-1252: ý þ ð Ý Þ Ð stand for ı ş ğ İ Ş Ğ.
    Cp1254AsCp1252,
    /// Legacy Turkish font encodings that extract İ as Ġ (U+0120) and Ş/ş as ġ Ģ ģ (U+0121..U+0123).
    LegacyTurkish,
}

impl Repair {
    /// A short description for a warning.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Repair::None => "text layer is right as it is",
            Repair::Cp1254AsCp1252 => "Windows-1254 text read as Windows-1252 (ý þ ð for ı ş ğ)",
            Repair::LegacyTurkish => "legacy Turkish font encoding (Ġ ġ Ģ ģ for İ Ş ş)",
        }
    }

    /// Repairs one glyph's text.
    ///
    /// `prev` / `next` are the neighbouring characters in reading order (the
    /// previous glyph's last char and the next glyph's first char), used to
    /// choose the case of ambiguous letters. Returns `None` when nothing
    /// changes, so callers avoid allocating.
    #[must_use]
    pub fn apply(self, text: &str, prev: Option<char>, next: Option<char>) -> Option<String> {
        match self {
            Repair::None => None,
            Repair::Cp1254AsCp1252 => {
                if !text.chars().any(|c| cp1254_letter(c).is_some()) {
                    return None;
                }
                Some(
                    text.chars()
                        .map(|c| cp1254_letter(c).unwrap_or(c))
                        .collect(),
                )
            }
            Repair::LegacyTurkish => {
                if !text.chars().any(is_legacy_mark) {
                    return None;
                }
                let mut out = String::with_capacity(text.len() + 2);
                for (at, c) in text.char_indices() {
                    out.push(match c {
                        'Ġ' => 'İ',
                        'ġ' | 'Ģ' | 'ģ' => {
                            let before = &text[..at];
                            let after = &text[at + c.len_utf8()..];
                            legacy_s(c, before, after, prev, next)
                        }
                        _ => c,
                    });
                }
                Some(out)
            }
        }
    }
}

/// The Turkish letter a Windows-1252 reading shows as `c`, if any.
fn cp1254_letter(c: char) -> Option<char> {
    match c {
        'ý' => Some('ı'),
        'þ' => Some('ş'),
        'ð' => Some('ğ'),
        'Ý' => Some('İ'),
        'Þ' => Some('Ş'),
        'Ð' => Some('Ğ'),
        _ => None,
    }
}

/// Whether `c` is one of the legacy encoding marks `Ġ ġ Ģ ģ`.
fn is_legacy_mark(c: char) -> bool {
    matches!(c, '\u{120}'..='\u{123}')
}

/// Whether `c` is a legacy mark for `Ş` or `ş`, whose case is unknown.
fn is_legacy_s(c: char) -> bool {
    matches!(c, '\u{121}'..='\u{123}')
}

/// The case of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
}

/// The case of the nearest letter in `chars`, skipping marks of unknown case;
/// `None` when a non-letter or nothing comes first.
fn nearest_case(mut chars: impl Iterator<Item = char>) -> Option<Case> {
    let c = chars.find(|&c| !is_legacy_s(c))?;
    if c.is_lowercase() {
        Some(Case::Lower)
    } else if c.is_uppercase() {
        Some(Case::Upper)
    } else {
        None
    }
}

/// Chooses `Ş` or `ş` for the legacy mark `c` from the letters beside it.
fn legacy_s(c: char, before: &str, after: &str, prev: Option<char>, next: Option<char>) -> char {
    let left = nearest_case(before.chars().rev().chain(prev));
    let right = nearest_case(after.chars().chain(next));
    match (left, right) {
        (Some(Case::Lower), _) | (_, Some(Case::Lower)) => 'ş',
        (Some(Case::Upper), _) | (_, Some(Case::Upper)) => 'Ş',
        _ if c == 'ġ' => 'Ş',
        _ => 'ş',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(texts: &[&str]) -> FontStats {
        let mut stats = FontStats::default();
        for text in texts {
            stats.add(text);
        }
        stats
    }

    /// Applies a repair glyph by glyph, one char per glyph, with neighbours.
    fn apply_per_glyph(repair: Repair, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let glyph = c.to_string();
            match repair.apply(&glyph, prev, next) {
                Some(fixed) => out.push_str(&fixed),
                None => out.push_str(&glyph),
            }
        }
        out
    }

    /// Applies a repair to a whole word as one glyph.
    fn apply_whole(repair: Repair, text: &str) -> String {
        repair
            .apply(text, None, None)
            .unwrap_or_else(|| text.to_owned())
    }

    #[test]
    fn no_evidence_means_no_repair() {
        assert_eq!(FontStats::default().repair(), Repair::None);
        assert_eq!(stats(&["Performans", "Programı"]).repair(), Repair::None);
    }

    #[test]
    fn cp1252_marks_choose_cp1254() {
        let font = stats(&["Ýzmir", "Büyükþehir", "Yýlý", "Daðýtým"]);
        assert_eq!(font.repair(), Repair::Cp1254AsCp1252);
    }

    #[test]
    fn cp1252_marks_tie_with_genuine_letters() {
        // One mark, one genuine letter: still repaired.
        assert_eq!(stats(&["ý", "ş"]).repair(), Repair::Cp1254AsCp1252);
        // More genuine letters than marks: left alone.
        assert_eq!(stats(&["ý", "ş", "ı"]).repair(), Repair::None);
    }

    #[test]
    fn legacy_marks_choose_legacy() {
        let font = stats(&["ĠġLERĠ", "DanıĢman"]);
        assert_eq!(font.repair(), Repair::LegacyTurkish);
    }

    #[test]
    fn legacy_marks_against_genuine_letters() {
        // Genuine ı and ğ do not count against legacy marks.
        assert_eq!(stats(&["Ģ", "ııığğğ"]).repair(), Repair::LegacyTurkish);
        assert_eq!(stats(&["Ģ", "ş"]).repair(), Repair::LegacyTurkish);
        assert_eq!(stats(&["Ģ", "şİ"]).repair(), Repair::None);
    }

    #[test]
    fn mixed_fonts_choose_more_evidence() {
        assert_eq!(stats(&["ý", "ĠĢ"]).repair(), Repair::LegacyTurkish);
        assert_eq!(stats(&["ýþ", "Ġ"]).repair(), Repair::Cp1254AsCp1252);
        assert_eq!(stats(&["ý", "Ġ"]).repair(), Repair::Cp1254AsCp1252);
        // Only one family qualifies.
        assert_eq!(stats(&["ýþ", "Ġ", "ııı"]).repair(), Repair::LegacyTurkish);
    }

    #[test]
    fn describe_each_repair() {
        assert_eq!(
            Repair::Cp1254AsCp1252.describe(),
            "Windows-1254 text read as Windows-1252 (ý þ ð for ı ş ğ)"
        );
        assert!(Repair::LegacyTurkish.describe().contains("Ġ ġ Ģ ģ"));
        assert!(!Repair::None.describe().is_empty());
    }

    #[test]
    fn apply_returns_none_without_change() {
        assert_eq!(Repair::None.apply("ýĠ", None, None), None);
        assert_eq!(Repair::Cp1254AsCp1252.apply("İzmir", None, None), None);
        assert_eq!(Repair::Cp1254AsCp1252.apply("Ġ", None, None), None);
        assert_eq!(Repair::LegacyTurkish.apply("Danışman", None, None), None);
        assert_eq!(Repair::LegacyTurkish.apply("ý", None, None), None);
        assert_eq!(Repair::LegacyTurkish.apply("", Some('a'), None), None);
    }

    #[test]
    fn apply_cp1254() {
        let repair = Repair::Cp1254AsCp1252;
        assert_eq!(
            apply_whole(repair, "Ýzmir Büyükþehir Yýlý ÐÞ ð"),
            "İzmir Büyükşehir Yılı ĞŞ ğ"
        );
        assert_eq!(repair.apply("þ", Some('a'), None).as_deref(), Some("ş"));
    }

    #[test]
    fn apply_legacy_examples() {
        let cases = [
            ("ĠġLERĠ", "İŞLERİ"),
            ("TEġEKKÜR", "TEŞEKKÜR"),
            ("DanıĢman", "Danışman"),
            ("ÖZGEÇMĠġ", "ÖZGEÇMİŞ"),
            ("Ġzmir", "İzmir"),
            ("geliĢme", "gelişme"),
            ("BAġKANLIĞI", "BAŞKANLIĞI"),
            ("iĢletme", "işletme"),
        ];
        for (damaged, right) in cases {
            assert_eq!(
                apply_whole(Repair::LegacyTurkish, damaged),
                right,
                "whole {damaged}"
            );
            assert_eq!(
                apply_per_glyph(Repair::LegacyTurkish, damaged),
                right,
                "per glyph {damaged}"
            );
        }
    }

    #[test]
    fn apply_legacy_case_without_letters() {
        let repair = Repair::LegacyTurkish;
        assert_eq!(repair.apply("ġ", None, None).as_deref(), Some("Ş"));
        assert_eq!(repair.apply("Ģ", None, None).as_deref(), Some("ş"));
        assert_eq!(
            repair.apply("ģ", Some(' '), Some('.')).as_deref(),
            Some("ş")
        );
        // A neighbouring mark of unknown case gives no evidence.
        assert_eq!(repair.apply("Ģ", Some('ġ'), None).as_deref(), Some("ş"));
        // Lowercase wins over uppercase.
        assert_eq!(
            repair.apply("ġ", Some('A'), Some('b')).as_deref(),
            Some("ş")
        );
        assert_eq!(repair.apply("Ģ", Some('A'), None).as_deref(), Some("Ş"));
        // The nearest letter is found past other marks within the text.
        assert_eq!(
            repair.apply("ĢĢ", Some('A'), Some('B')).as_deref(),
            Some("ŞŞ")
        );
    }
}
