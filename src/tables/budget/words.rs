//! The words of the program-budget layout, read by meaning: section titles,
//! program and alt program headings, codes before names, the labels of an
//! indicator's text lines, and the labels of a cost table's rows.

use crate::normalize;

use super::super::header::{key, key_up_to};
use super::super::lines::{after_keyword, plain};

/// The parts of an alt program's block, and the summaries after the blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Alt Program Hedefi / Hedefleri.
    Goals,
    /// Performans Göstergeleri.
    Indicators,
    /// Alt Program Kapsamında Yürütülecek Faaliyet Maliyetleri.
    Costs,
    /// Faaliyetlerin Ekonomik Sınıflandırması.
    Economic,
    /// Faaliyetlere İlişkin Açıklamalar.
    Explanations,
    /// Programlara (Alt Programlara) Göre Kaynak Dağılımı.
    ProgramSummary,
    /// Ekonomik Sınıflandırmaya Göre Bütçe.
    EconomicSummary,
}

/// The part a section title opens: a short line whose words name it, in
/// any case (`PERFORMANS GÖSTERGELERİ`), with a number or a colon around
/// it (`3. Faaliyet Maliyetleri:`).
pub fn title_of(text: &str) -> Option<Part> {
    let k = key(text);
    let k = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if k.is_empty() || k.split(' ').count() > 10 {
        return None;
    }
    if k.starts_with("alt program hedef") {
        return Some(Part::Goals);
    }
    if k.ends_with("performans göstergeleri") || k == "performans göstergesi tablosu" {
        return Some(Part::Indicators);
    }
    if k.contains("faaliyet maliyetleri") || k.contains("faaliyetlerin maliyetleri") {
        return Some(Part::Costs);
    }
    if k.contains("ekonomik sınıflandırma") {
        return Some(if k.contains("faaliyet") {
            Part::Economic
        } else {
            Part::EconomicSummary
        });
    }
    if k.starts_with("faaliyetlere ilişkin açıklama") || k.starts_with("faaliyet açıklamaları")
    {
        return Some(Part::Explanations);
    }
    let by_program = k.starts_with("programlara göre")
        || k.starts_with("alt programlara göre")
        || k.starts_with("program bazında")
        || k.starts_with("programlar itibarıyla");
    if by_program && (k.contains("dağılım") || k.contains("bütçe") || k.contains("kaynak")) {
        return Some(Part::ProgramSummary);
    }
    None
}

/// Which level a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Program,
    SubProgram,
}

/// A program or alt program heading printed with its label: `Program: 01 -
/// Kentsel Altyapı`, `PROGRAM: KENTSEL ALTYAPI`, `Alt Program Adı: …`,
/// `Alt Program 01.02 - …`. The level and what follows the label.
pub fn labelled_heading(text: &str) -> Option<(Level, String)> {
    let t = plain(text);
    let (level, rest) = match after_keyword(&t, "alt program") {
        Some(rest) => (Level::SubProgram, rest),
        None => (Level::Program, after_keyword(&t, "program")?),
    };
    let mut rest = rest.trim_start();
    // `Adı`, `Kodu`, `Kodu ve Adı` between the label and its colon.
    for word in ["kodu", "ve", "adı"] {
        if let Some(r) = after_keyword(rest, word) {
            rest = r.trim_start();
        }
    }
    // The colon, printed apart or taken with the label's last word.
    let consumed = &t[..t.len() - rest.len()];
    let colon = consumed.trim_end().ends_with(':');
    if let Some(r) = rest.strip_prefix(':').or(colon.then_some(rest)) {
        let value = r.trim();
        return (!value.is_empty()).then(|| (level, value.to_string()));
    }
    // No colon: a code must follow (`Alt Program 01.02 - …`).
    let (code, _) = split_code(rest);
    code.map(|_| (level, rest.trim().to_string()))
}

/// A key–value row's label: `Program Adı`, `Program Kodu`, `Alt Program
/// Adı`, `Alt Program Kodu`, `Alt Program Hedefi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    ProgramName,
    ProgramCode,
    SubProgramName,
    SubProgramCode,
    Goal,
}

/// The key a label cell names, if any.
pub fn key_of(label: &str) -> Option<Key> {
    // The longest key, `alt program hedefleri`, has 19 letters.
    let k = key_up_to(label, 19)?;
    Some(match k.as_str() {
        "program" | "program adı" => Key::ProgramName,
        "program kodu" => Key::ProgramCode,
        "alt program" | "alt program adı" => Key::SubProgramName,
        "alt program kodu" => Key::SubProgramCode,
        "alt program hedefi" | "alt program hedefleri" => Key::Goal,
        _ => return None,
    })
}

/// A leading code of digits and dots (`01`, `01.02`, `01.02.003`, `3.2.1`)
/// and the name after it, separators (`-`, `–`, `:`, `.`, `)`) removed; no
/// code where the text does not start with one standing alone.
pub fn split_code(text: &str) -> (Option<String>, String) {
    let t = text.trim_start();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let code = t[..end].trim_end_matches('.');
    let rest = &t[end..];
    let standalone = rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric());
    let valid = !code.is_empty()
        && code.split('.').all(|p| !p.is_empty() && p.len() <= 4)
        && code.starts_with(|c: char| c.is_ascii_digit());
    if !(valid && standalone) {
        return (None, normalize::clean(t));
    }
    let name = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '.' | ')')
    });
    (Some(code.to_string()), normalize::clean(name))
}

/// How many parts a dotted code has (`01.02.003` → 3).
pub fn depth(code: &str) -> usize {
    code.split('.').count()
}

/// A numbered line (`1- Ad`, `2. Ad`, `3) Ad`): its number and the rest.
pub fn numbered(text: &str) -> Option<(String, String)> {
    let t = text.trim_start();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    if end == 0 || end > 2 {
        return None;
    }
    let rest = t[end..].trim_start();
    let rest = rest.strip_prefix(['-', '–', '.', ')'])?;
    let rest = rest.trim();
    (!rest.is_empty() && rest.starts_with(|c: char| c.is_alphabetic()))
        .then(|| (t[..end].to_string(), normalize::clean(rest)))
}

/// An indicator's text line by its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// Göstergeye İlişkin Açıklama, Açıklama.
    Description,
    /// Hesaplama Yöntemi.
    Calculation,
    /// Verinin Kaynağı, Veri Kaynağı.
    DataSource,
}

const NOTE_LABELS: [(&str, Note); 7] = [
    ("göstergeye ilişkin açıklama", Note::Description),
    ("göstergenin açıklaması", Note::Description),
    ("açıklama", Note::Description),
    ("hesaplama yöntemi", Note::Calculation),
    ("verinin kaynağı", Note::DataSource),
    ("veri kaynağı", Note::DataSource),
    ("kaynak", Note::DataSource),
];

/// A line starting with a note's label and a colon: the note and its text.
pub fn note_line(line: &str) -> Option<(Note, String)> {
    let (label, text) = line.split_once(':')?;
    let longest = NOTE_LABELS.iter().map(|(l, _)| l.chars().count()).max();
    let k = key_up_to(label, longest.unwrap_or(0))?;
    NOTE_LABELS
        .iter()
        .find(|(l, _)| *l == k)
        .map(|&(_, n)| (n, text.trim().to_string()))
}

/// The notes of a cell or line whose first line starts with a note's
/// label; a line without a label goes on with the note above it.
pub fn notes(text: &str) -> Option<Vec<(Note, String)>> {
    let mut out: Vec<(Note, Vec<String>)> = Vec::new();
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        match note_line(line) {
            Some((n, t)) => out.push((n, vec![t])),
            None => out.last_mut()?.1.push(line.to_string()),
        }
    }
    (!out.is_empty()).then(|| {
        out.into_iter()
            .map(|(n, lines)| (n, normalize::join_lines(&lines)))
            .collect()
    })
}

/// What a cost table's row label says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLabel {
    /// Bütçe İçi (Kaynak).
    Budget,
    /// Bütçe Dışı (Kaynak).
    OffBudget,
    /// Toplam, T O P L A M: the activity's or the alt program's total.
    Total,
    /// Faaliyet Toplamı: the activity's total.
    ActivityTotal,
    /// Alt Program Toplamı, Genel Toplam: the alt program's total.
    BlockTotal,
    /// Toplam Bütçe İçi.
    BlockBudget,
    /// Toplam Bütçe Dışı.
    BlockOffBudget,
}

/// A row label by its letters, however spaced (`T O P L A M`).
pub fn row_label(text: &str) -> Option<RowLabel> {
    let squashed: String = key(text).chars().filter(|c| *c != ' ').collect();
    let s = squashed
        .trim_end_matches("kaynak")
        .trim_end_matches("kaynaklar");
    Some(match s {
        "bütçeiçi" => RowLabel::Budget,
        "bütçedışı" => RowLabel::OffBudget,
        "toplam" => RowLabel::Total,
        "faaliyettoplamı" | "faaliyettoplam" => RowLabel::ActivityTotal,
        "geneltoplam" | "altprogramtoplamı" | "altprogramtoplam" | "programtoplamı" => {
            RowLabel::BlockTotal
        }
        "toplambütçeiçi" => RowLabel::BlockBudget,
        "toplambütçedışı" => RowLabel::BlockOffBudget,
        _ => return None,
    })
}

/// A `Sorumlu Birim: A, B` line inside a name cell: the units' text.
pub fn responsible_line(line: &str) -> Option<String> {
    let (label, rest) = line.split_once(':')?;
    // The longest label, `sorumlu harcama birimi`, has 20 letters.
    let k = key_up_to(label, 20)?;
    (k == "sorumlu birim" || k == "sorumlu birimler" || k == "sorumlu harcama birimi")
        .then(|| rest.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_any_wording() {
        assert_eq!(title_of("Alt Program Hedefleri"), Some(Part::Goals));
        assert_eq!(title_of("ALT PROGRAM HEDEFİ"), Some(Part::Goals));
        assert_eq!(title_of("Performans Göstergeleri"), Some(Part::Indicators));
        assert_eq!(
            title_of("Alt Program Kapsamında Yürütülecek Faaliyet Maliyetleri"),
            Some(Part::Costs)
        );
        assert_eq!(
            title_of("Faaliyetlerin Ekonomik Sınıflandırması"),
            Some(Part::Economic)
        );
        assert_eq!(
            title_of("Faaliyetlere İlişkin Açıklamalar"),
            Some(Part::Explanations)
        );
        assert_eq!(
            title_of("Programlara Göre Kaynak Dağılımı"),
            Some(Part::ProgramSummary)
        );
        assert_eq!(
            title_of("Ekonomik Sınıflandırmaya Göre Bütçe"),
            Some(Part::EconomicSummary)
        );
        assert_eq!(title_of("Performans Göstergesi"), None);
        assert_eq!(title_of("Program: 01 - Kentsel Altyapı"), None);
    }

    #[test]
    fn headings_with_their_labels() {
        assert_eq!(
            labelled_heading("Program: 01 - Kentsel Altyapı"),
            Some((Level::Program, "01 - Kentsel Altyapı".into()))
        );
        assert_eq!(
            labelled_heading("ALT PROGRAM: ULAŞIM HİZMETLERİ"),
            Some((Level::SubProgram, "ULAŞIM HİZMETLERİ".into()))
        );
        assert_eq!(
            labelled_heading("Program Adı : Kentsel Altyapı"),
            Some((Level::Program, "Kentsel Altyapı".into()))
        );
        assert_eq!(
            labelled_heading("Alt Program 01.02 - İmar"),
            Some((Level::SubProgram, "01.02 - İmar".into()))
        );
        assert_eq!(labelled_heading("Alt Program Hedefleri"), None);
        assert_eq!(labelled_heading("Program Yapısı"), None);
        assert_eq!(labelled_heading("Programlara Göre Kaynak Dağılımı"), None);
    }

    #[test]
    fn codes_before_names() {
        assert_eq!(
            split_code("01.02.003 - İmar Planı"),
            (Some("01.02.003".into()), "İmar Planı".into())
        );
        assert_eq!(
            split_code("3.2 Ulaşım"),
            (Some("3.2".into()), "Ulaşım".into())
        );
        assert_eq!(
            split_code("KENTSEL ALTYAPI"),
            (None, "KENTSEL ALTYAPI".into())
        );
        assert_eq!(
            split_code("2026 yılında"),
            (Some("2026".into()), "yılında".into())
        );
        assert_eq!(
            numbered("1- Otopark Sayısı"),
            Some(("1".into(), "Otopark Sayısı".into()))
        );
        assert_eq!(numbered("1.1 Ad"), None);
    }

    #[test]
    fn notes_and_row_labels() {
        let n = notes("Göstergeye İlişkin Açıklama: Gösterge,\nsayıyı gösterir.\nHesaplama Yöntemi: Sayım\nVerinin Kaynağı: Kayıtlar").unwrap();
        assert_eq!(
            n,
            [
                (Note::Description, "Gösterge, sayıyı gösterir.".to_string()),
                (Note::Calculation, "Sayım".to_string()),
                (Note::DataSource, "Kayıtlar".to_string())
            ]
        );
        assert!(notes("Otopark Kapasitesi").is_none());
        assert_eq!(row_label("T O P L A M"), Some(RowLabel::Total));
        assert_eq!(row_label("Bütçe İçi"), Some(RowLabel::Budget));
        assert_eq!(row_label("BÜTÇE DIŞI KAYNAK"), Some(RowLabel::OffBudget));
        assert_eq!(row_label("Alt Program Toplamı"), Some(RowLabel::BlockTotal));
        assert_eq!(row_label("Faaliyet Toplamı"), Some(RowLabel::ActivityTotal));
        assert_eq!(
            row_label("Toplam Bütçe Dışı"),
            Some(RowLabel::BlockOffBudget)
        );
        assert_eq!(row_label("01.01.001 - Yol"), None);
        assert_eq!(
            responsible_line("Sorumlu Birim: Fen İşleri Müdürlüğü, Yapı İşleri Müdürlüğü"),
            Some("Fen İşleri Müdürlüğü, Yapı İşleri Müdürlüğü".into())
        );
    }
}
