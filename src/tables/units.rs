//! Names of responsible spending units, as printed in unit cells.

use crate::normalize;

/// The office nouns that end a unit's name, with the possessive.
const OFFICES: [&str; 11] = [
    "başkanlığı",
    "müdürlüğü",
    "yardımcılığı",
    "şefliği",
    "koordinatörlüğü",
    "müşavirliği",
    "sekreterliği",
    "amirliği",
    "komutanlığı",
    "müfettişliği",
    "uzmanlığı",
];

/// Whether a word ends a unit's name: Turkish unit names end in an
/// office noun with the possessive (`Başkanlığı`, `Müdürlüğü`,
/// `Yardımcılığı`, `Şefliği`, `Koordinatörlüğü`).
pub fn is_unit_final(word: &str) -> bool {
    let w = normalize::to_lower_tr(word.trim_end_matches([',', ';', '.']));
    OFFICES.iter().any(|s| w.ends_with(s))
}

/// Whether a word is an office noun misspelt (`Yardımlığı`): within two
/// edits of one of eight letters or more, one of a shorter one.
fn is_misspelt_office(word: &str) -> bool {
    let w = normalize::to_lower_tr(word.trim_end_matches([',', ';', '.']));
    OFFICES.iter().any(|s| {
        let allowed = if s.chars().count() >= 8 { 2 } else { 1 };
        normalize::within_distance(&w, s, allowed)
    })
}

/// Splits a units cell into unit names. Units are separated by commas or by
/// line breaks (a cell's lines as newlines, or joined as spaces); a comma
/// or line break inside a name (`Deprem Risk Yönetimi, Kentsel İyileştirme
/// Dairesi Başkanlığı`) stays, because a name only ends at a word like
/// `Başkanlığı`. A misspelt office still ends a name where a comma or a
/// line break follows it: after a comma any office-like noun (`-lığı,`), at
/// a line break one within two edits of an office (`Yardımlığı`; a name
/// wraps after `Değişikliği`, too).
pub fn split_units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (k, w) in words.iter().enumerate() {
            cur.push(w);
            let lower = normalize::to_lower_tr(w);
            let comma_after_office = lower.ends_with(',')
                && ["lığı,", "liği,", "luğu,", "lüğü,"]
                    .iter()
                    .any(|s| lower.ends_with(s));
            let break_after_office = k + 1 == words.len() && is_misspelt_office(w);
            if is_unit_final(w) || comma_after_office || break_after_office {
                push(&mut out, &cur);
                cur.clear();
            }
        }
    }
    push(&mut out, &cur);
    out
}

fn push(out: &mut Vec<String>, words: &[&str]) {
    let name = normalize::clean(words.join(" ").trim_matches([',', ';', ' ']));
    if !name.is_empty() {
        out.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_at_office_nouns() {
        assert_eq!(
            split_units("Etüd ve Projeler Dairesi Başkanlığı Yapı İşleri Dairesi Başkanlığı"),
            [
                "Etüd ve Projeler Dairesi Başkanlığı",
                "Yapı İşleri Dairesi Başkanlığı"
            ]
        );
        assert_eq!(
            split_units("Genel Sekreter Yardımcılığı, Kültür ve Sanat Dairesi Başkanlığı, "),
            [
                "Genel Sekreter Yardımcılığı",
                "Kültür ve Sanat Dairesi Başkanlığı"
            ]
        );
        assert_eq!(
            split_units("Genel Sekreter Yardımlığı, Kültür ve Sanat Dairesi Başkanlığı"),
            [
                "Genel Sekreter Yardımlığı",
                "Kültür ve Sanat Dairesi Başkanlığı"
            ]
        );
        assert_eq!(
            split_units("Genel Sekreter Yardımlığı\nKültür ve Sanat Dairesi Başkanlığı"),
            [
                "Genel Sekreter Yardımlığı",
                "Kültür ve Sanat Dairesi Başkanlığı"
            ]
        );
        assert_eq!(
            split_units("İklim Değişikliği\nve Sıfır Atık Dairesi Başkanlığı"),
            ["İklim Değişikliği ve Sıfır Atık Dairesi Başkanlığı"]
        );
        assert_eq!(
            split_units("İklim Değişikliği ve Sıfır Atık Dairesi Başkanlığı"),
            ["İklim Değişikliği ve Sıfır Atık Dairesi Başkanlığı"]
        );
        assert_eq!(
            split_units("Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı"),
            ["Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı"]
        );
    }
}
