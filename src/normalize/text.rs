//! Turkish text repair: casing, wrapped-line joining, cleaning and matching keys.
//!
//! Every name and title of the programme model goes through these functions
//! (see "Text repair" in the programme-model spec): wrapped lines are joined
//! ([`join_lines`]), spacing and stray separators are cleaned ([`clean`]), the
//! broken dotted capital after an apostrophe is fixed ([`fix_dotted_capital`]),
//! and upper-case headings are title-cased with Turkish rules
//! ([`title_case_tr`]). Spelling of the source is never changed otherwise.

/// Particles and conjunctions that stay lower case inside a title.
const PARTICLES: &[&str] = &["ve", "veya", "ile", "ya", "da", "de", "ki", "için"];

/// Apostrophes that may start a suffix (`İzmir’in`, `Türkiye'nin`).
const SUFFIX_APOSTROPHES: &[char] = &['’', '\''];

/// Hyphen characters that may end a wrapped line.
const HYPHENS: &[char] = &['-', '\u{2010}'];

/// The soft hyphen: a pure hyphenation point, never part of a word.
const SOFT_HYPHEN: char = '\u{ad}';

/// Combining dot above, as in a decomposed `İ` (`I` + U+0307).
const COMBINING_DOT_ABOVE: char = '\u{307}';

/// Lower-cases with Turkish rules: `I` → `ı`, `İ` → `i`, other letters via std.
///
/// ```
/// use perfprog::normalize::to_lower_tr;
/// assert_eq!(to_lower_tr("IŞIK İZMİR"), "ışık izmir");
/// ```
pub fn to_lower_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(lower_tr(s));
    out
}

/// [`to_lower_tr`] one character at a time, for comparing without
/// building a string.
pub fn lower_tr(s: &str) -> LowerTr<'_> {
    LowerTr {
        chars: s.chars().peekable(),
    }
}

/// The characters of a text lower-cased with Turkish rules: see [`lower_tr`].
pub struct LowerTr<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Iterator for LowerTr<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        Some(match c {
            'I' if self.chars.peek() == Some(&COMBINING_DOT_ABOVE) => {
                self.chars.next();
                'i'
            }
            // `İ` is the one letter whose lower case is two characters
            // (`i` and a combining dot); every other is one.
            c => lower_char_tr(c),
        })
    }
}

/// One character lower-cased with Turkish rules (`I` → `ı`, `İ` → `i`),
/// for comparing text character by character without building strings; a
/// letter whose lower case is several characters gives the first.
pub fn lower_char_tr(c: char) -> char {
    match c {
        'I' => 'ı',
        'İ' => 'i',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Upper-cases with Turkish rules: `i` → `İ`, `ı` → `I`, other letters via std.
///
/// ```
/// use perfprog::normalize::to_upper_tr;
/// assert_eq!(to_upper_tr("ışık izmir"), "IŞIK İZMİR");
/// ```
pub fn to_upper_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'i' => out.push('İ'),
            'ı' => out.push('I'),
            _ => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// The Turkish upper (`upper`) or lower case of one character, or the character itself when that is not a single character.
fn upper_or_lower_char(c: char, upper: bool) -> char {
    match (c, upper) {
        ('i', true) => 'İ',
        ('ı', true) => 'I',
        ('I', false) => 'ı',
        ('İ', false) => 'i',
        _ => {
            let mut mapped: String = if upper {
                c.to_uppercase().collect()
            } else {
                c.to_lowercase().collect()
            };
            match (mapped.pop(), mapped.is_empty()) {
                (Some(m), true) => m,
                _ => c,
            }
        }
    }
}

/// Title-cases with Turkish rules: `YAŞAYARAK ÖĞRENME VE KURUMSAL KAPASİTE` → `Yaşayarak Öğrenme ve Kurumsal Kapasite`.
///
/// Words are separated by whitespace, `-` and `/`. Each word's first
/// alphanumeric character is upper-cased (if it is a letter) and the rest of
/// the word lower-cased; leading punctuation is kept as is. The particles
/// `ve, veya, ile, ya, da, de, ki, için` stay lower case unless they are the
/// first word or directly follow a hyphen or slash.
///
/// ```
/// use perfprog::normalize::title_case_tr;
/// assert_eq!(title_case_tr("DİĞER YURT İÇİ"), "Diğer Yurt İçi");
/// assert_eq!(title_case_tr("MAL VE HİZMET ALIM GİDERLERİ"), "Mal ve Hizmet Alım Giderleri");
/// ```
pub fn title_case_tr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut word = String::new();
    let mut seen_word = false;
    let mut after_separator = false;
    for c in s.chars() {
        let is_space = c.is_whitespace();
        if is_space || c == '-' || c == '/' {
            if !word.is_empty() {
                title_word(&word, !seen_word, after_separator, &mut out);
                seen_word |= word.chars().any(char::is_alphabetic);
                after_separator = false;
                word.clear();
            }
            if !is_space {
                after_separator = true;
            }
            out.push(c);
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        title_word(&word, !seen_word, after_separator, &mut out);
    }
    out
}

/// Appends one title-cased word to `out` (see [`title_case_tr`]).
fn title_word(word: &str, first: bool, after_separator: bool, out: &mut String) {
    let lower = to_lower_tr(word);
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if !first && !after_separator && PARTICLES.contains(&bare) {
        out.push_str(&lower);
        return;
    }
    match word.char_indices().find(|(_, c)| c.is_alphanumeric()) {
        Some((i, c)) => {
            out.push_str(&word[..i]);
            out.push(if c.is_alphabetic() {
                upper_or_lower_char(c, true)
            } else {
                c
            });
            out.push_str(&to_lower_tr(&word[i + c.len_utf8()..]));
        }
        None => out.push_str(word),
    }
}

/// Fixes the broken dotted capital of a suffix: `İzmir’İn` → `İzmir’in`, `Türkiye’Nin` → `Türkiye’nin`.
///
/// After an apostrophe (`’` or `'`) that directly follows a lower-case letter,
/// the letters up to the end of the word are lower-cased with Turkish rules.
/// Words in capitals (`İZMİR’İN`) are left alone.
pub fn fix_dotted_capital(s: &str) -> String {
    // Without an apostrophe no suffix starts: the text is as it was.
    if !s.contains(SUFFIX_APOSTROPHES) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_suffix = false;
    let mut prev: Option<char> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if in_suffix && c.is_alphabetic() {
            let lowered = match c {
                'I' if chars.next_if_eq(&COMBINING_DOT_ABOVE).is_some() => 'i',
                _ => upper_or_lower_char(c, false),
            };
            out.push(lowered);
            prev = Some(lowered);
            continue;
        }
        in_suffix = SUFFIX_APOSTROPHES.contains(&c) && prev.is_some_and(char::is_lowercase);
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Cleans one printed text: whitespace runs collapsed to one space, trimmed, stray separators removed, dotted capitals fixed.
///
/// A leading `:` (with any whitespace around it, as in `"\t : Herkesi
/// Kapsayan"`) is a stray separator and is removed; a trailing `:` is removed
/// only when whitespace separates it from the text (`"Dayanak :"`), since a
/// colon attached to the last word (`"şunlardır:"`) is printed punctuation.
/// Apostrophes and quotes are kept as printed.
pub fn clean(s: &str) -> String {
    tidy(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// [`clean`] after the whitespace is collapsed.
fn tidy(collapsed: &str) -> String {
    let mut t = collapsed.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    loop {
        t = t.trim_end();
        match t.strip_suffix(':') {
            Some(rest) if rest.is_empty() || rest.ends_with(char::is_whitespace) => t = rest,
            _ => break,
        }
    }
    fix_dotted_capital(t)
}

/// Joins the wrapped lines of one cell or paragraph and repairs it, then [`clean`]s the result.
///
/// - lines are joined with one space; empty lines are skipped;
/// - a letter + hyphen at a line end followed by a lower-case start is a
///   hyphenation: the hyphen is dropped (`Yapı-` + `landırılacak` →
///   `Yapılandırılacak`);
/// - a hyphen directly after a non-space character, followed by anything
///   else, is a real compound: kept, no space (`Bakım-` + `Onarım` →
///   `Bakım-Onarım`);
/// - a hyphen after a space stays spaced (`Buca -` + `Bornova` → `Buca - Bornova`);
/// - a wrap right after a slash joins without a space (`Taşınır/` +
///   `Taşınmaz` → `Taşınır/Taşınmaz`);
/// - a soft hyphen (U+00AD) at a line end is always dropped.
///
/// ```
/// use perfprog::normalize::join_lines;
/// assert_eq!(join_lines(&["Yapı-", "landırılacak"]), "Yapılandırılacak");
/// assert_eq!(join_lines(&["Bakım-", "Onarım"]), "Bakım-Onarım");
/// ```
pub fn join_lines<S: AsRef<str>>(lines: &[S]) -> String {
    clean(&join_raw(lines, ' '))
}

/// Joins the lines of one table cell like [`join_lines`], but keeps as a
/// newline each line break that [`join_lines`] turns into a space, for
/// readers to whom the printed lines matter (a units cell listing one unit
/// a line). With whitespace collapsed it is [`join_lines`]'s text.
///
/// ```
/// use perfprog::normalize::join_cell_lines;
/// assert_eq!(
///     join_cell_lines(&["Genel Sekreter Yardımlığı", "Kültür ve Sanat", "Dairesi Başkan-", "lığı"]),
///     "Genel Sekreter Yardımlığı\nKültür ve Sanat\nDairesi Başkanlığı"
/// );
/// ```
pub fn join_cell_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let joined = join_raw(lines, '\n');
    let lines: Vec<String> = joined
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    tidy(&lines.join("\n"))
}

/// Joins wrapped lines as [`join_lines`] does, without [`clean`]ing the
/// result: hyphenation, compounds, slashes and soft hyphens at line ends.
pub fn join_wrapped<S: AsRef<str>>(lines: &[S]) -> String {
    join_raw(lines, ' ')
}

/// The lines joined with their repairs, `sep` where a line break is kept.
fn join_raw<S: AsRef<str>>(lines: &[S], sep: char) -> String {
    let mut acc = String::new();
    for line in lines {
        let line = line.as_ref().trim();
        if line.is_empty() {
            continue;
        }
        if acc.is_empty() {
            acc.push_str(line);
            continue;
        }
        let next_lower = line.chars().next().is_some_and(char::is_lowercase);
        let mut tail = acc.chars().rev();
        let last = tail.next();
        let before_last = tail.next();
        match last {
            Some(SOFT_HYPHEN) => {
                acc.pop();
            }
            Some(h) if HYPHENS.contains(&h) && before_last.is_some_and(|c| !c.is_whitespace()) => {
                if next_lower && before_last.is_some_and(char::is_alphabetic) {
                    acc.pop();
                }
            }
            Some('/') => {}
            _ => acc.push(sep),
        }
        acc.push_str(line);
    }
    acc
}

/// A matching key for comparing names across tables: Turkish lower case with spacing and punctuation variants unified.
///
/// Apostrophe variants (`’ ‘ ʼ ´ \``) become `'`, quote variants (`“ ” „ « »`)
/// become `"`, dash variants (`– — ‐ ‑ −`) become `-`; soft hyphens and
/// zero-width characters are dropped; whitespace runs become one space, spaces
/// next to `-` and `/` are removed, and the result is trimmed of spaces and
/// trailing `. , ; :`.
///
/// ```
/// use perfprog::normalize::normalize_key;
/// assert_eq!(normalize_key(" İzmir’in  KENT Bilgi Sistemi "), "izmir'in kent bilgi sistemi");
/// ```
pub fn normalize_key(s: &str) -> String {
    // One pass: lower-cased, punctuation unified, white space collapsed to
    // one space and none kept beside `-` or `/`.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in lower_tr(s) {
        let c = match c {
            '’' | '‘' | 'ʼ' | '´' | '`' | '′' => '\'',
            '“' | '”' | '„' | '«' | '»' | '″' => '"',
            '–' | '—' | '\u{2010}' | '\u{2011}' | '−' => '-',
            SOFT_HYPHEN | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => continue,
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            c => c,
        };
        if std::mem::take(&mut space)
            && !out.is_empty()
            && !matches!(c, '-' | '/')
            && !out.ends_with(['-', '/'])
        {
            out.push(' ');
        }
        out.push(c);
    }
    let kept = out.trim_end_matches(['.', ',', ';', ':', ' ']).len();
    out.truncate(kept);
    out
}

/// Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit_distance_of(&a, &b)
}

/// [`edit_distance`] of two character slices: two rows of the table,
/// reused from one row to the next.
fn edit_distance_of(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether the Levenshtein distance between `a` and `b` (in characters) is
/// at most `max`: [`edit_distance`] computed only in the band of width
/// `2·max + 1` around the diagonal, without allocating for short words,
/// and given up as soon as every cell of a row exceeds `max`.
pub fn within_distance(a: &str, b: &str, max: usize) -> bool {
    within_distance_of(a.chars(), b.chars(), max)
}

/// The Levenshtein distance between `a` and `b` (in characters) where it
/// is at most `max`, worked out as [`within_distance`] does; None where it
/// is more.
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    bounded(a.chars(), b.chars(), max)
}

/// [`within_distance`] of two sequences of characters (a text's
/// [`lower_tr`], say).
pub fn within_distance_of(
    a: impl IntoIterator<Item = char>,
    b: impl IntoIterator<Item = char>,
    max: usize,
) -> bool {
    bounded(a, b, max).is_some()
}

/// The edit distance of two character sequences where it is at most `max`.
fn bounded(
    a: impl IntoIterator<Item = char>,
    b: impl IntoIterator<Item = char>,
    max: usize,
) -> Option<usize> {
    const SHORT: usize = 48;
    let (mut ab, mut bb) = (['\0'; SHORT], ['\0'; SHORT]);
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    let na = fill(&mut ab, &mut a);
    let nb = fill(&mut bb, &mut b);
    if na == SHORT || nb == SHORT {
        // Long texts: the same band, its rows on the heap.
        let long = |head: &[char], rest: &mut dyn Iterator<Item = char>| {
            head.iter().copied().chain(rest).collect::<Vec<char>>()
        };
        let (a, b) = (long(&ab[..na], &mut a), long(&bb[..nb], &mut b));
        let (mut prev, mut cur) = (vec![0; b.len() + 1], vec![0; b.len() + 1]);
        return banded(&a, &b, max, &mut prev, &mut cur);
    }
    let (mut prev, mut cur) = ([0; SHORT + 1], [0; SHORT + 1]);
    banded(&ab[..na], &bb[..nb], max, &mut prev[..=nb], &mut cur[..=nb])
}

/// The edit distance of `a` and `b` where it is at most `max`, computed in
/// the band of width `2·max + 1` around the diagonal (a path leaving it
/// costs more than `max`) and given up as soon as every cell of a row
/// exceeds `max`; `prev` and `cur` are the two rows (`b.len() + 1` cells
/// each).
fn banded(
    a: &[char],
    b: &[char],
    max: usize,
    prev: &mut [usize],
    cur: &mut [usize],
) -> Option<usize> {
    let (na, nb) = (a.len(), b.len());
    if na.abs_diff(nb) > max {
        return None;
    }
    // Cells outside the band are "more than max" (max + 1).
    let over = max + 1;
    let (mut prev, mut cur) = (prev, cur);
    prev.fill(over);
    for (j, cell) in prev.iter_mut().enumerate().take(nb.min(max) + 1) {
        *cell = j;
    }
    for i in 1..=na {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(nb);
        cur.fill(over);
        if i <= max {
            cur[0] = i;
        }
        let mut best = cur[0];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let v = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(over);
            cur[j] = v;
            best = best.min(v);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[nb] <= max).then_some(prev[nb])
}

/// Fills `buf` from `chars` as far as it goes; how many were put.
fn fill(buf: &mut [char], chars: &mut impl Iterator<Item = char>) -> usize {
    let mut n = 0;
    while n < buf.len() {
        let Some(c) = chars.next() else { break };
        buf[n] = c;
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`normalize_key`] as the steps it is described by, one after the
    /// other.
    fn normalize_key_by_steps(s: &str) -> String {
        let unified: String = to_lower_tr(s)
            .chars()
            .filter_map(|c| match c {
                '’' | '‘' | 'ʼ' | '´' | '`' | '′' => Some('\''),
                '“' | '”' | '„' | '«' | '»' | '″' => Some('"'),
                '–' | '—' | '\u{2010}' | '\u{2011}' | '−' => Some('-'),
                SOFT_HYPHEN | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => None,
                c if c.is_whitespace() => Some(' '),
                c => Some(c),
            })
            .collect();
        let collapsed = unified.split_whitespace().collect::<Vec<_>>().join(" ");
        let tight = collapsed
            .replace(" -", "-")
            .replace("- ", "-")
            .replace(" /", "/")
            .replace("/ ", "/");
        tight
            .trim_end_matches(['.', ',', ';', ':', ' '])
            .trim_start()
            .to_string()
    }

    #[test]
    fn a_decomposed_dotted_capital_lowers_to_one_letter() {
        assert_eq!(to_lower_tr("I\u{307}ZMİR IŞIK"), "izmir ışık");
        assert_eq!(lower_tr("I\u{307}Z").count(), 2);
    }

    proptest! {
        #[test]
        fn within_distance_agrees_with_edit_distance(
            a in "[a-cçı ]{0,12}",
            b in "[a-cçı ]{0,12}",
            max in 0usize..4,
        ) {
            prop_assert_eq!(within_distance(&a, &b, max), edit_distance(&a, &b) <= max);
        }

        #[test]
        fn normalize_key_is_the_steps_it_stands_for(
            s in "[aIİı’“–\u{ad}\u{200b}\u{a0} \t\n./,;:-]{0,24}"
        ) {
            prop_assert_eq!(normalize_key(&s), normalize_key_by_steps(&s));
        }

        #[test]
        fn edit_distance_is_symmetric_and_counts_one_insertion(
            a in "[a-cçı ]{0,20}",
            b in "[a-cçı ]{0,20}",
            c in "[a-cçı]",
            k in 0usize..21,
        ) {
            prop_assert_eq!(edit_distance(&a, &b), edit_distance(&b, &a));
            let mut longer: Vec<char> = a.chars().collect();
            let k = k.min(longer.len());
            longer.insert(k, c.chars().next().unwrap());
            let longer: String = longer.into_iter().collect();
            prop_assert_eq!(edit_distance(&a, &longer), 1);
            prop_assert_eq!(edit_distance(&a, &a), 0);
        }

        #[test]
        fn distance_within_is_the_distance_up_to_its_bound(
            a in "[abç]{0,60}",
            b in "[abç]{0,60}",
            max in 0usize..8,
        ) {
            let d = edit_distance(&a, &b);
            prop_assert_eq!(distance_within(&a, &b, max), (d <= max).then_some(d));
        }

        #[test]
        fn within_distance_of_long_texts_agrees_with_edit_distance(
            a in "[ab]{40,60}",
            b in "[ab]{40,60}",
            max in 0usize..4,
        ) {
            prop_assert_eq!(
                within_distance_of(a.chars(), b.chars(), max),
                edit_distance(&a, &b) <= max
            );
        }

        /// Only an apostrophe after a lower-case letter starts a suffix
        /// to lower-case: text without one, or with one after a capital,
        /// comes back as it was.
        #[test]
        fn dotted_capitals_change_only_after_an_apostrophe(
            s in "[IİıiŞşa-zA-Z\u{307} .,-]{0,24}",
            tail in "[IİıiŞşa-zA-Z\u{307}]{0,6}",
        ) {
            prop_assert_eq!(fix_dotted_capital(&s), s.clone());
            let capital = format!("{s}X’{tail}");
            prop_assert_eq!(fix_dotted_capital(&capital), capital.clone());
        }

        #[test]
        fn lower_tr_is_to_lower_tr_by_characters(s in "[IİıiŞşa-zA-Z\u{307} ]{0,16}") {
            let lower = to_lower_tr(&s);
            prop_assert_eq!(lower_tr(&s).collect::<String>(), lower.clone());
            for c in lower.chars() {
                prop_assert!(!c.is_uppercase(), "{:?} in {:?}", c, lower);
            }
        }
    }

    /// Asserts `f(input) == expected` for every `(input, expected)` pair.
    macro_rules! table {
        ($f:expr, [$(($input:expr, $expected:expr)),* $(,)?]) => {
            $(
                assert_eq!($f($input), $expected, "input {:?}", $input);
            )*
        };
    }

    #[test]
    fn lower_case_turkish() {
        table!(
            to_lower_tr,
            [
                ("ALTYAPI", "altyapı"),
                ("İZMİR", "izmir"),
                ("DİĞER YURT İÇİ", "diğer yurt içi"),
                ("ÇĞÖŞÜ ÂÎÛ", "çğöşü âîû"),
                ("I\u{307}zmir", "izmir"),
                ("ıi", "ıi"),
                ("ABC-123", "abc-123"),
                ("", ""),
            ]
        );
    }

    #[test]
    fn upper_case_turkish() {
        table!(
            to_upper_tr,
            [
                ("altyapı", "ALTYAPI"),
                ("izmir", "İZMİR"),
                ("çğöşü âîû", "ÇĞÖŞÜ ÂÎÛ"),
                ("Işık", "IŞIK"),
                ("straße", "STRASSE"),
                ("", ""),
            ]
        );
    }

    #[test]
    fn title_case() {
        table!(
            title_case_tr,
            [
                ("ALTYAPI", "Altyapı"),
                ("DEMOKRASİ", "Demokrasi"),
                ("KÜLTÜR SANAT", "Kültür Sanat"),
                (
                    "YAŞAYARAK ÖĞRENME VE KURUMSAL KAPASİTE",
                    "Yaşayarak Öğrenme ve Kurumsal Kapasite"
                ),
                ("PERSONEL GİDERLERİ", "Personel Giderleri"),
                (
                    "SOSYAL GÜVENLİK KURUMLARINA DEVLET PRİMİ GİDERLERİ",
                    "Sosyal Güvenlik Kurumlarına Devlet Primi Giderleri"
                ),
                (
                    "MAL VE HİZMET ALIM GİDERLERİ",
                    "Mal ve Hizmet Alım Giderleri"
                ),
                ("DÖNER SERMAYE", "Döner Sermaye"),
                ("DİĞER YURT İÇİ", "Diğer Yurt İçi"),
                ("YURT DIŞI", "Yurt Dışı"),
                ("FAİZ GİDERLERİ", "Faiz Giderleri"),
                ("BORÇ VERME", "Borç Verme"),
                ("VE KÜLTÜR", "Ve Kültür"),
                ("KENT İLE DOĞA VEYA İNSAN", "Kent ile Doğa veya İnsan"),
                ("YA DA BİZ DE Kİ İÇİN", "Ya da Biz de ki için"),
                ("BAKIM-ONARIM", "Bakım-Onarım"),
                ("TAŞINIR/TAŞINMAZ", "Taşınır/Taşınmaz"),
                ("KENT-VE-KÖY", "Kent-Ve-Köy"),
                ("BUCA - BORNOVA", "Buca - Bornova"),
                ("(ALTYAPI)", "(Altyapı)"),
                ("“EKOLOJİ”, KÜLTÜR", "“Ekoloji”, Kültür"),
                ("İZMİR’İN GELECEĞİ", "İzmir’in Geleceği"),
                ("2024 YILI", "2024 Yılı"),
                ("2024’TE", "2024’te"),
                ("  İKİ   BOŞLUK ", "  İki   Boşluk "),
                ("altyapı", "Altyapı"),
                ("iş ve ışık", "İş ve Işık"),
                ("", ""),
                ("-", "-"),
            ]
        );
    }

    #[test]
    fn dotted_capital() {
        table!(
            fix_dotted_capital,
            [
                ("İzmir’İn", "İzmir’in"),
                ("İzmir’İ", "İzmir’i"),
                ("Türkiye’Nin", "Türkiye’nin"),
                ("Türkiye'Nin", "Türkiye'nin"),
                ("İzmir’İn Geleceği", "İzmir’in Geleceği"),
                ("İzmir’İn, Ege’Nin", "İzmir’in, Ege’nin"),
                ("Körfez’İ Temizleme", "Körfez’i Temizleme"),
                ("İZMİR’İN", "İZMİR’İN"),
                ("İzmir’in", "İzmir’in"),
                ("2024’Te", "2024’Te"),
                ("’İn", "’İn"),
                ("Kurum’UN’UN", "Kurum’un’un"),
                ("“Kent” ve ’Köy’", "“Kent” ve ’Köy’"),
                ("", ""),
            ]
        );
    }

    #[test]
    fn cleaning() {
        table!(
            clean,
            [
                ("\t : Herkesi Kapsayan", "Herkesi Kapsayan"),
                ("  Herkesi \t\t Kapsayan  ", "Herkesi Kapsayan"),
                (":Herkesi Kapsayan", "Herkesi Kapsayan"),
                ("Herkesi Kapsayan\t:", "Herkesi Kapsayan"),
                ("Herkesi Kapsayan : ", "Herkesi Kapsayan"),
                ("Görevleri şunlardır:", "Görevleri şunlardır:"),
                ("Kent: Yaşam", "Kent: Yaşam"),
                (" : : ", ""),
                (":", ""),
                ("İzmir’İn  Geleceği", "İzmir’in Geleceği"),
                ("“Kent” ‘Yaşam’", "“Kent” ‘Yaşam’"),
                ("a\nb", "a b"),
                ("\u{a0}NBSP\u{a0}", "NBSP"),
                ("", ""),
            ]
        );
    }

    #[test]
    fn joining_lines() {
        let cases: &[(&[&str], &str)] = &[
            (&["Yapı-", "landırılacak"], "Yapılandırılacak"),
            (&["yönet-", "melikler"], "yönetmelikler"),
            (
                &["Kentsel Dönüşüm Yapı-", "landırılacak Alanlar"],
                "Kentsel Dönüşüm Yapılandırılacak Alanlar",
            ),
            (&["Bakım-", "Onarım"], "Bakım-Onarım"),
            (&["Buca -", "Bornova"], "Buca - Bornova"),
            (&["Taşınır/", "Taşınmaz"], "Taşınır/Taşınmaz"),
            (&["Taşınır/", "taşınmaz"], "Taşınır/taşınmaz"),
            (&["2023-", "2027 Dönemi"], "2023-2027 Dönemi"),
            (&["Covid-", "19"], "Covid-19"),
            (&["Kültür-", "(Sanat)"], "Kültür-(Sanat)"),
            (&["ge-", "çiş"], "geçiş"),
            (
                &["Ulaşım Yollarında Taşıt Alt", "ve Üst Geçit"],
                "Ulaşım Yollarında Taşıt Alt ve Üst Geçit",
            ),
            (&["a", "", "  ", "b"], "a b"),
            (&["  ilk  ", "  ikinci  "], "ilk ikinci"),
            (&["-", "madde"], "- madde"),
            (&["ay\u{ad}", "rıca"], "ayrıca"),
            (&["İzmir’", "İn Geleceği"], "İzmir’ İn Geleceği"),
            (&["İzmir’İn", "Geleceği"], "İzmir’in Geleceği"),
            (&["\t :", "Herkesi Kapsayan"], "Herkesi Kapsayan"),
            (&[], ""),
        ];
        for &(lines, expected) in cases {
            assert_eq!(join_lines(lines), expected, "lines {lines:?}");
        }
        let owned: Vec<String> = vec!["Yapı-".into(), "landırılacak".into()];
        assert_eq!(join_lines(&owned), "Yapılandırılacak");
    }

    #[test]
    fn matching_keys() {
        table!(
            normalize_key,
            [
                ("İzmir’in Geleceği", "izmir'in geleceği"),
                ("İZMİR'İN  GELECEĞİ", "izmir'in geleceği"),
                ("izmir‘in\tgeleceği ", "izmir'in geleceği"),
                ("Buca - Bornova", "buca-bornova"),
                ("Buca–Bornova", "buca-bornova"),
                ("Taşınır / Taşınmaz", "taşınır/taşınmaz"),
                ("“Kent”", "\"kent\""),
                ("Faaliyetler.", "faaliyetler"),
                ("Alt\u{ad}yapı", "altyapı"),
                ("", ""),
            ]
        );
        assert_eq!(
            normalize_key("Ulaşım Yollarında Taşıt Alt ve Üst Geçit Yapılması Faaliyetleri"),
            normalize_key("ULAŞIM YOLLARINDA TAŞIT ALT VE ÜST GEÇİT YAPILMASI FAALİYETLERİ")
        );
    }

    /// Text that looks like the documents: Turkish letters, spaces, tabs and separators.
    const TURKISH_TEXT: &str = "[a-zA-ZçğıöşüÇĞİÖŞÜâîû0-9 \t’'\\-/:,.()“”]{0,40}";

    proptest! {
        #[test]
        fn join_of_single_line_is_clean(s in any::<String>()) {
            prop_assert_eq!(join_lines(&[&s]), clean(&s));
        }

        #[test]
        fn join_of_single_turkish_line_is_clean(s in TURKISH_TEXT) {
            prop_assert_eq!(join_lines(&[&s]), clean(&s));
        }

        #[test]
        fn title_case_is_idempotent(s in any::<String>()) {
            let once = title_case_tr(&s);
            prop_assert_eq!(title_case_tr(&once), once);
        }

        #[test]
        fn title_case_is_idempotent_on_turkish(s in TURKISH_TEXT) {
            let once = title_case_tr(&s);
            prop_assert_eq!(title_case_tr(&once), once);
        }

        #[test]
        fn title_case_ignores_input_case(s in "[a-zA-ZçğıöşüÇĞİÖŞÜ \\-/]{0,30}") {
            prop_assert_eq!(title_case_tr(&to_upper_tr(&s)), title_case_tr(&to_lower_tr(&s)));
        }

        #[test]
        fn clean_is_idempotent(s in any::<String>()) {
            let once = clean(&s);
            prop_assert_eq!(clean(&once), once);
        }

        #[test]
        fn clean_is_idempotent_on_turkish(s in TURKISH_TEXT) {
            let once = clean(&s);
            prop_assert_eq!(clean(&once), once.clone());
            prop_assert!(!once.contains("  "));
            prop_assert!(!once.contains('\t'));
            prop_assert_eq!(once.trim(), once.as_str());
        }

        #[test]
        fn turkish_case_round_trips(s in "[a-zçğıöşü ]{0,30}") {
            prop_assert_eq!(to_lower_tr(&to_upper_tr(&s)), s);
        }

        #[test]
        fn normalize_key_is_idempotent_and_case_blind(s in TURKISH_TEXT) {
            let key = normalize_key(&s);
            prop_assert_eq!(normalize_key(&key), key.clone());
            prop_assert_eq!(normalize_key(&to_upper_tr(&s)), key);
        }

        #[test]
        fn joining_never_loses_letters(a in "[a-zçğıöşü]{1,10}", b in "[a-zçğıöşü]{1,10}") {
            let hyphenated = format!("{a}-");
            prop_assert_eq!(join_lines(&[hyphenated.as_str(), b.as_str()]), format!("{a}{b}"));
            prop_assert_eq!(join_lines(&[a.as_str(), b.as_str()]), format!("{a} {b}"));
        }
    }
}
