//! Turkish number text ↔ exact decimals.
//!
//! The documents print amounts the Turkish way: `.` groups thousands and `,`
//! separates the fraction (`5.815.779.000,00`); percentages carry a `%` on
//! either side (`%96`, `% 96`, `96%`). [`parse_number`] turns such a cell into
//! a [`Decimal`] that keeps the printed scale (so `0,00` stays distinct from
//! `0` and from an empty cell), and [`format_number`] is its exact inverse.
//! No floating point is involved anywhere.

use rust_decimal::Decimal;

/// The largest scale a [`Decimal`] can hold.
const MAX_SCALE: u32 = 28;

/// Parses Turkish number text into an exact decimal keeping the printed scale, or `None` if it is not a number.
///
/// Accepted, with optional surrounding whitespace:
/// - an optional leading `-` (or the minus sign `−`);
/// - an integer part of plain digits (`4500`), or digit groups joined by `.`
///   where the first group has 1–3 digits and every later group exactly 3
///   (`1.050.381`);
/// - an optional fraction: `,` followed by at least one digit (`7,17`);
/// - an optional percent sign before (`%96`, `% 96`) or after (`96%`, `96 %`).
///
/// Everything else is `None`: empty text, a lone `-`, text with words or units
/// (`12,5 TL`, `B-(Durağan)`), codes and dates (`1.1.1`, `06.12.2012`), or
/// several commas (`1,2,3`). A parsed zero is always non-negative.
///
/// ```
/// use perfprog::normalize::parse_number;
/// assert_eq!(parse_number("5.815.779.000,00").unwrap().to_string(), "5815779000.00");
/// assert_eq!(parse_number("%96").unwrap().to_string(), "96");
/// assert_eq!(parse_number("1.1.1"), None);
/// ```
pub fn parse_number(s: &str) -> Option<Decimal> {
    let body = strip_percent(s.trim())?;
    let (negative, body) = match body.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if !valid_integer_part(int_part) {
        return None;
    }
    let frac = match frac_part {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f,
        Some(_) => return None,
        None => "",
    };
    let scale = u32::try_from(frac.len()).ok().filter(|&n| n <= MAX_SCALE)?;
    let mut mantissa: i128 = 0;
    for b in int_part.bytes().chain(frac.bytes()) {
        if b == b'.' {
            continue;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(b - b'0'))?;
    }
    if negative {
        mantissa = -mantissa;
    }
    let mut d = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    Some(d)
}

/// Removes one percent sign at the start or the end (with optional spaces next to it).
fn strip_percent(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix('%') {
        let rest = rest.trim_start();
        return (!rest.contains('%')).then_some(rest);
    }
    if let Some(rest) = s.strip_suffix('%') {
        let rest = rest.trim_end();
        return (!rest.contains('%')).then_some(rest);
    }
    Some(s)
}

/// Whether `s` is a plain digit run or correctly `.`-grouped thousands.
fn valid_integer_part(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if !s.contains('.') {
        return true;
    }
    first.len() <= 3 && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses an amount cell: [`parse_number`] after the currency printed with
/// it is dropped — `TL`, `YTL` or `₺` before or after the figure, also
/// `-TL` and `.-TL` (`7.500.000,00 TL`, `₺7.500.000`, `1.000,00.-TL`,
/// `2.466.990.000 YTL`).
///
/// ```
/// use perfprog::normalize::parse_amount;
/// assert_eq!(parse_amount("7.500.000,00 TL").unwrap().to_string(), "7500000.00");
/// assert_eq!(parse_amount("₺7.500.000").unwrap().to_string(), "7500000");
/// assert_eq!(parse_amount("1.000,00.-TL").unwrap().to_string(), "1000.00");
/// assert_eq!(parse_amount("TL"), None);
/// ```
pub fn parse_amount(s: &str) -> Option<Decimal> {
    parse_number(strip_currency(s.trim()))
}

/// The figure of an amount cell without its currency (see [`parse_amount`]).
fn strip_currency(s: &str) -> &str {
    let mut t = s;
    for prefix in ["₺", "YTL", "TL"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    for suffix in ["₺", "YTL", "TL"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            let rest = rest.trim_end();
            // `-TL`, `.-TL`: a dash (and a dot) between figure and currency.
            let rest = rest
                .strip_suffix('-')
                .map_or(rest, |r| r.strip_suffix('.').unwrap_or(r));
            t = rest.trim_end();
            break;
        }
    }
    t
}

/// How a document separates thousands and fractions, decided once per
/// document from its unambiguous figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Separators {
    /// `5.815.779.000,00`: `.` groups thousands, `,` starts the fraction.
    #[default]
    Turkish,
    /// `5,815,779,000.00`: `,` groups thousands, `.` starts the fraction.
    English,
}

/// [`parse_number`] of a figure printed with the document's separators.
///
/// ```
/// use perfprog::normalize::number::{parse_number_as, Separators};
/// let d = parse_number_as("200,000,000.00", Separators::English).unwrap();
/// assert_eq!(d.to_string(), "200000000.00");
/// assert_eq!(parse_number_as("4.5", Separators::English).unwrap().to_string(), "4.5");
/// ```
pub fn parse_number_as(s: &str, sep: Separators) -> Option<Decimal> {
    match sep {
        Separators::Turkish => parse_number(s),
        Separators::English => parse_number(&swap_separators(s)),
    }
}

/// [`parse_amount`] of a figure printed with the document's separators.
pub fn parse_amount_as(s: &str, sep: Separators) -> Option<Decimal> {
    match sep {
        Separators::Turkish => parse_amount(s),
        Separators::English => parse_amount(&swap_separators(s)),
    }
}

/// How a figure's separators read (see [`figure_style`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureStyle {
    /// Only the Turkish reading holds (`1.234,56`, `7,17`, `2.466.990.000`).
    Turkish,
    /// Only the English reading holds (`1,234.56`, `12.50`, `2,466,990,000`).
    English,
    /// Both hold, with different values (`1.234`, `1,234`, `12,500`).
    Ambiguous,
    /// Both readings give the same value (`1234`, `96%`), or neither holds
    /// (text, codes such as `1.1.1`, dates), or the figure is too short to
    /// tell (`1.5`): no evidence either way.
    Neither,
}

/// Tells which separators an amount cell's figure is printed with: the
/// Turkish reading ([`parse_amount`]) against the English one (the same
/// with `.` and `,` swapped, see [`swap_separators`]). Figures of fewer than
/// three digits are no evidence (`1.1` is a code as often as a figure).
///
/// ```
/// use perfprog::normalize::number::{figure_style, FigureStyle};
/// assert_eq!(figure_style("200,000,000.00"), FigureStyle::English);
/// assert_eq!(figure_style("5.815.779.000,00"), FigureStyle::Turkish);
/// assert_eq!(figure_style("1.500"), FigureStyle::Ambiguous);
/// assert_eq!(figure_style("2024"), FigureStyle::Neither);
/// // A leading zero before a digit: a code (`01.01`, program 01's first
/// // alt program), never a printed figure.
/// assert_eq!(figure_style("01.01"), FigureStyle::Neither);
/// ```
pub fn figure_style(s: &str) -> FigureStyle {
    // Without separators both readings are one; short figures tell nothing.
    if !s.contains(['.', ',']) || s.bytes().filter(u8::is_ascii_digit).count() < 3 {
        return FigureStyle::Neither;
    }
    // The figure without its currency, percent sign and sign; with a
    // separator in it, two valid readings always differ.
    let Some(body) = strip_percent(strip_currency(s.trim())) else {
        return FigureStyle::Neither;
    };
    let body = body.strip_prefix(['-', '−']).unwrap_or(body).as_bytes();
    if body.len() > 1 && body[0] == b'0' && body[1].is_ascii_digit() {
        return FigureStyle::Neither;
    }
    match (grouped(body, b'.', b','), grouped(body, b',', b'.')) {
        (true, false) => FigureStyle::Turkish,
        (false, true) => FigureStyle::English,
        (true, true) => FigureStyle::Ambiguous,
        (false, false) => FigureStyle::Neither,
    }
}

/// Whether `s` is digits grouped by threes with `group` (the first group of
/// 1–3 digits), or plain digits, then optionally `decimal` and digits: the
/// shape [`parse_number`] accepts, for either style, without allocating.
fn grouped(s: &[u8], group: u8, decimal: u8) -> bool {
    let (int, frac) = match s.iter().position(|&b| b == decimal) {
        Some(k) => (&s[..k], Some(&s[k + 1..])),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.iter().all(u8::is_ascii_digit)) {
        return false;
    }
    let mut groups = int.split(|&b| b == group);
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || !first.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !int.contains(&group) {
        return true;
    }
    first.len() <= 3 && groups.all(|g| g.len() == 3 && g.iter().all(u8::is_ascii_digit))
}

/// The text with `.` and `,` swapped between its first and its last digit
/// (`200,000,000.00 TL` → `200.000.000,00 TL`): an English-style figure in
/// Turkish style. Text around the figure (a currency, `.-TL`) is kept.
///
/// ```
/// use perfprog::normalize::number::swap_separators;
/// assert_eq!(swap_separators("1,000.00.-TL"), "1.000,00.-TL");
/// ```
pub fn swap_separators(s: &str) -> String {
    let (Some(first), Some(last)) = (
        s.find(|c: char| c.is_ascii_digit()),
        s.rfind(|c: char| c.is_ascii_digit()),
    ) else {
        return s.to_string();
    };
    let core: String = s[first..=last]
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect();
    format!("{}{core}{}", &s[..first], &s[last + 1..])
}

/// Whether `s` is Turkish number text that [`parse_number`] accepts.
pub fn is_number(s: &str) -> bool {
    parse_number(s).is_some()
}

/// Formats a decimal the Turkish way, keeping its scale: `1234.50` → `1.234,50`.
///
/// ```
/// use perfprog::normalize::format_number;
/// use rust_decimal::Decimal;
/// assert_eq!(format_number(&Decimal::new(581_577_900_000, 2)), "5.815.779.000,00");
/// assert_eq!(format_number(&Decimal::new(-12_345, 1)), "-1.234,5");
/// ```
pub fn format_number(d: &Decimal) -> String {
    let scale = d.scale() as usize;
    let mut digits = d.mantissa().unsigned_abs().to_string();
    if digits.len() <= scale {
        digits = format!("{}{digits}", "0".repeat(scale + 1 - digits.len()));
    }
    let (int_digits, frac_digits) = digits.split_at(digits.len() - scale);

    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    let lead = match int_digits.len() % 3 {
        0 => 3,
        n => n,
    };
    out.push_str(&int_digits[..lead]);
    for group in int_digits.as_bytes()[lead..].chunks(3) {
        out.push('.');
        out.extend(group.iter().map(|&b| char::from(b)));
    }
    if !frac_digits.is_empty() {
        out.push(',');
        out.push_str(frac_digits);
    }
    out
}

/// Formats an optional amount: `None` (an empty cell) → `""`, otherwise [`format_number`].
pub fn format_amount(d: Option<&Decimal>) -> String {
    d.map(format_number).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Shorthand: `dec("1234.50")` is the decimal with that exact scale.
    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).expect("test literal")
    }

    #[test]
    fn parses_valid_numbers_with_scale() {
        let cases: &[(&str, &str)] = &[
            ("5.815.779.000,00", "5815779000.00"),
            ("1.050.381", "1050381"),
            ("7,17", "7.17"),
            ("%96", "96"),
            ("% 96", "96"),
            ("96%", "96"),
            ("96 %", "96"),
            ("%96,5", "96.5"),
            ("%-3", "-3"),
            ("4500", "4500"),
            ("0,00", "0.00"),
            ("0", "0"),
            ("-1.234,50", "-1234.50"),
            ("−1.234,50", "-1234.50"),
            ("100,00", "100.00"),
            ("  12.345  ", "12345"),
            ("\t1,5\n", "1.5"),
            ("\u{a0}42\u{a0}", "42"),
            ("1.000", "1000"),
            ("999.999.999.999.999,9999", "999999999999999.9999"),
            ("007", "7"),
            ("0,0001", "0.0001"),
        ];
        for &(input, expected) in cases {
            let got = parse_number(input).unwrap_or_else(|| panic!("{input:?} should parse"));
            assert_eq!(got.to_string(), expected, "input {input:?}");
            assert_eq!(got.scale(), dec(expected).scale(), "scale of {input:?}");
            assert!(is_number(input), "is_number({input:?})");
        }
    }

    #[test]
    fn amounts_with_their_currency() {
        for (input, want) in [
            ("7.500.000,00 TL", "7500000.00"),
            ("7.500.000,00TL", "7500000.00"),
            ("7.500.000 ₺", "7500000"),
            ("₺7.500.000", "7500000"),
            ("TL 20.430.000,0", "20430000.0"),
            ("1.000,00-TL", "1000.00"),
            ("1.000,00.-TL", "1000.00"),
            ("2.466.990.000 YTL", "2466990000"),
            ("-5 TL", "-5"),
            ("0,00", "0.00"),
        ] {
            assert_eq!(
                parse_amount(input).map(|d| d.to_string()),
                Some(want.to_string()),
                "{input}"
            );
        }
        for input in ["TL", "₺", "-TL", "12 TL TL", "B- TL"] {
            assert_eq!(parse_amount(input), None, "{input}");
        }
    }

    #[test]
    fn rejects_non_numbers() {
        let cases: &[&str] = &[
            "",
            "   ",
            "-",
            "%",
            "-%",
            "B-(Durağan)",
            "12,5 TL",
            "1.2.3",
            "1,2,3",
            "06.12.2012",
            "1.1.1",
            "1.1",
            "1234.567",
            "1.23",
            "1.2345",
            ".5",
            "5.",
            ",5",
            "5,",
            "1.000,",
            "1,5.000",
            "--1",
            "+1",
            "- 1",
            "%%96",
            "%96%",
            "1 000",
            "١٢",
            "4 dakika 41",
            "0x10",
            "1e5",
            "NaN",
        ];
        for &input in cases {
            assert_eq!(parse_number(input), None, "input {input:?}");
            assert!(!is_number(input), "is_number({input:?})");
        }
    }

    #[test]
    fn zero_with_scale_differs_from_plain_zero_and_is_not_negative() {
        let z = parse_number("0,00").expect("0,00");
        assert_eq!(z.scale(), 2);
        assert_eq!(z.to_string(), "0.00");
        let nz = parse_number("-0,00").expect("-0,00");
        assert!(!nz.is_sign_negative());
        assert_eq!(nz.to_string(), "0.00");
        assert_eq!(format_number(&nz), "0,00");
    }

    #[test]
    fn rejects_values_too_large_or_too_fine_for_decimal() {
        assert_eq!(parse_number(&"9".repeat(40)), None);
        assert_eq!(parse_number(&format!("0,{}", "1".repeat(29))), None);
        assert!(parse_number(&format!("0,{}", "1".repeat(28))).is_some());
    }

    #[test]
    fn formats_turkish_style() {
        let cases: &[(&str, &str)] = &[
            ("5815779000.00", "5.815.779.000,00"),
            ("1050381", "1.050.381"),
            ("-1234.5", "-1.234,5"),
            ("7.17", "7,17"),
            ("0.00", "0,00"),
            ("0", "0"),
            ("0.05", "0,05"),
            ("-0.0001", "-0,0001"),
            ("100", "100"),
            ("1000", "1.000"),
            ("999", "999"),
            ("123456", "123.456"),
            ("1234567.891", "1.234.567,891"),
        ];
        for &(input, expected) in cases {
            assert_eq!(format_number(&dec(input)), expected, "input {input}");
        }
    }

    #[test]
    fn format_amount_keeps_empty_distinct_from_zero() {
        assert_eq!(format_amount(None), "");
        assert_eq!(format_amount(Some(&dec("0.00"))), "0,00");
        assert_eq!(format_amount(Some(&dec("1050381"))), "1.050.381");
    }

    /// Decimals as the documents hold them: integer part below 10^15, scale 0..=4, either sign.
    fn document_decimal() -> impl Strategy<Value = Decimal> {
        (0i128..1_000_000_000_000_000, 0u32..=4, any::<bool>()).prop_flat_map(
            |(int, scale, negative)| {
                (0i128..10i128.pow(scale)).prop_map(move |frac| {
                    let m = int * 10i128.pow(scale) + frac;
                    let m = if negative { -m } else { m };
                    Decimal::from_i128_with_scale(m, scale)
                })
            },
        )
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(d in document_decimal()) {
            let text = format_number(&d);
            let back = parse_number(&text);
            prop_assert_eq!(back, Some(d), "text {}", text);
            let back = back.expect("checked above");
            prop_assert_eq!(back.scale(), d.scale());
            prop_assert_eq!(back.to_string(), d.to_string());
        }

        #[test]
        fn percent_forms_agree(d in document_decimal()) {
            let text = format_number(&d);
            prop_assert_eq!(parse_number(&format!("%{text}")), Some(d));
            prop_assert_eq!(parse_number(&format!("% {text}")), Some(d));
            prop_assert_eq!(parse_number(&format!("{text}%")), Some(d));
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = parse_number(&s);
        }

        #[test]
        fn parse_never_panics_on_number_like_text(s in "[-−% \t0-9.,]{0,40}") {
            if let Some(d) = parse_number(&s) {
                // Whatever parses formats back to something that parses to the same value.
                prop_assert_eq!(parse_number(&format_number(&d)), Some(d));
            }
        }

        #[test]
        fn parse_is_consistent_with_is_number(s in "[-0-9.,%a-z ]{0,20}") {
            prop_assert_eq!(parse_number(&s).is_some(), is_number(&s));
        }
    }
}
