//! Names of responsible spending units, as printed in unit cells.

use crate::normalize;

/// Whether a word ends a unit's name: Turkish unit names end in an
/// office noun with the possessive (`Başkanlığı`, `Müdürlüğü`,
/// `Yardımcılığı`, `Şefliği`, `Koordinatörlüğü`).
pub fn is_unit_final(word: &str) -> bool {
    let w = normalize::to_lower_tr(word.trim_end_matches([',', ';', '.']));
    [
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
    ]
    .iter()
    .any(|s| w.ends_with(s))
}

/// Splits a units cell into unit names. Units are separated by commas or by
/// line breaks (joined here as spaces); a comma inside a name (`Deprem Risk
/// Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı`) stays, because a name
/// only ends at a word like `Başkanlığı`.
pub fn split_units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for w in text.split_whitespace() {
        cur.push(w);
        // A comma after an office-like noun (`-lığı`) also ends a name, so a
        // misspelt office (`Yardımlığı,`) still separates.
        let lower = normalize::to_lower_tr(w);
        let comma_after_office = lower.ends_with(',')
            && ["lığı,", "liği,", "luğu,", "lüğü,"]
                .iter()
                .any(|s| lower.ends_with(s));
        if is_unit_final(w) || comma_after_office {
            push(&mut out, &cur);
            cur.clear();
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
            split_units("İklim Değişikliği ve Sıfır Atık Dairesi Başkanlığı"),
            ["İklim Değişikliği ve Sıfır Atık Dairesi Başkanlığı"]
        );
        assert_eq!(
            split_units("Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı"),
            ["Deprem Risk Yönetimi, Kentsel İyileştirme Dairesi Başkanlığı"]
        );
    }
}
