//! PDF fonts as the text extractor needs them: how a string splits into
//! character codes, what Unicode text each code stands for, and how wide each
//! glyph is. Widths are read from the font dictionaries directly (`/W` for CID
//! fonts, `/Widths` for simple fonts): pdf-extract 0.12.1 misreads `/W` ranges.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object};

/// A font resource, decoded once per document.
#[derive(Debug, Clone)]
pub struct Font {
    /// Two-byte codes (Type0 fonts) rather than one-byte codes.
    pub two_byte: bool,
    /// Code → Unicode text, from `/ToUnicode` or the simple-font encoding;
    /// shared strings, so a glyph's text costs no allocation.
    to_unicode: HashMap<u32, Arc<str>>,
    /// Code → glyph width in text space units (already divided by 1000).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Whether any Unicode mapping at all was found.
    pub has_unicode: bool,
    /// The font's name, for messages.
    pub name: String,
}

impl Font {
    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict.get(b"Subtype").ok());
        let base = name_of(doc, dict.get(b"BaseFont").ok());
        let two_byte = subtype == "Type0";
        let mut map: HashMap<u32, String> = HashMap::new();
        let mut font = Font {
            two_byte,
            to_unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: if two_byte { 1.0 } else { 0.5 },
            has_unicode: false,
            name: base,
        };
        let scale = font_matrix_scale(doc, dict);
        if two_byte {
            if let Some(desc) = resolve(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| resolve(doc, Some(o)))
                .and_then(|o| o.as_dict().ok())
            {
                if let Some(dw) = resolve(doc, desc.get(b"DW").ok()).and_then(num) {
                    font.default_width = dw / 1000.0;
                }
                if let Some(w) = resolve(doc, desc.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    read_cid_widths(doc, w, &mut font.widths);
                }
            }
        } else {
            let first = resolve(doc, dict.get(b"FirstChar").ok())
                .and_then(num)
                .unwrap_or(0.0) as u32;
            if let Some(ws) = resolve(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok())
            {
                for (i, w) in ws.iter().enumerate() {
                    if let Some(w) = resolve(doc, Some(w)).and_then(num) {
                        font.widths.insert(first + i as u32, w * scale);
                    }
                }
            }
            if let Some(missing) = resolve(doc, dict.get(b"FontDescriptor").ok())
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| resolve(doc, d.get(b"MissingWidth").ok()))
                .and_then(num)
            {
                font.default_width = missing * scale;
            }
            simple_encoding(doc, dict, &mut map);
        }
        if let Some(stream) =
            resolve(doc, dict.get(b"ToUnicode").ok()).and_then(|o| o.as_stream().ok())
        {
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            parse_cmap(&data, &mut map);
        }
        font.to_unicode = map
            .into_iter()
            .map(|(k, v)| {
                // Control characters (a bullet mapped to U+0000) carry no text.
                let v: String = v.chars().filter(|c| !c.is_control()).collect();
                (k, Arc::from(v))
            })
            .collect();
        font.has_unicode = !font.to_unicode.is_empty();
        font
    }

    /// Splits a shown string into character codes.
    pub fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        let two = self.two_byte;
        let step = if two { 2 } else { 1 };
        bytes.chunks(step).map(move |c| {
            if two && c.len() == 2 {
                u32::from(c[0]) << 8 | u32::from(c[1])
            } else {
                u32::from(c[0])
            }
        })
    }

    /// The Unicode text of a code (None when unknown).
    pub fn text(&self, code: u32) -> Option<&Arc<str>> {
        self.to_unicode.get(&code)
    }

    /// The glyph width of a code in text space units.
    pub fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

/// Follows a reference (one level).
pub(super) fn resolve<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let o = o?;
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        _ => Some(o),
    }
}

/// A PDF number as f32.
pub(super) fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn name_of(doc: &Document, o: Option<&Object>) -> String {
    resolve(doc, o)
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn font_matrix_scale(doc: &Document, dict: &Dictionary) -> f32 {
    resolve(doc, dict.get(b"FontMatrix").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(num)
        .unwrap_or(0.001)
}

/// `/W [c [w1 w2 …]  cfirst clast w …]`: both forms, ranges inclusive.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let items: Vec<&Object> = w.iter().filter_map(|o| resolve(doc, Some(o))).collect();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = num(items[i]) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, wo) in list.iter().enumerate() {
                    if let Some(wv) = resolve(doc, Some(wo)).and_then(num) {
                        out.insert(first + k as u32, wv / 1000.0);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(wv)) = (num(last), items.get(i + 2).and_then(|o| num(o)))
                else {
                    break;
                };
                let last = last as u32;
                if last >= first && last - first < 65536 {
                    for c in first..=last {
                        out.insert(c, wv / 1000.0);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Simple fonts: base encoding plus `/Differences`, by glyph name.
fn simple_encoding(doc: &Document, dict: &Dictionary, out: &mut HashMap<u32, String>) {
    let enc = resolve(doc, dict.get(b"Encoding").ok());
    let mut base = "StandardEncoding".to_string();
    let mut diffs: Option<&Vec<Object>> = None;
    match enc {
        Some(Object::Name(n)) => base = String::from_utf8_lossy(n).into_owned(),
        Some(Object::Dictionary(d)) => {
            if let Ok(n) = d.get(b"BaseEncoding").and_then(Object::as_name) {
                base = String::from_utf8_lossy(n).into_owned();
            }
            diffs = d.get(b"Differences").and_then(Object::as_array).ok();
        }
        _ => {}
    }
    for code in 32u32..256 {
        if let Some(c) = base_char(&base, code as u8) {
            out.insert(code, c.to_string());
        }
    }
    if let Some(diffs) = diffs {
        let mut code = 0u32;
        for o in diffs {
            match o {
                Object::Integer(i) => code = *i as u32,
                Object::Name(n) => {
                    if let Some(c) = glyph_name_char(&String::from_utf8_lossy(n)) {
                        out.insert(code, c.to_string());
                    } else {
                        out.remove(&code);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
}

/// WinAnsi / Standard / MacRoman approximated by Latin-1 for printable codes,
/// with WinAnsi's typographic punctuation.
fn base_char(base: &str, b: u8) -> Option<char> {
    if (32..127).contains(&b) {
        if base == "StandardEncoding" {
            return Some(match b {
                0x27 => '’',
                0x60 => '‘',
                _ => b as char,
            });
        }
        return Some(b as char);
    }
    let win = match b {
        0x80 => '€',
        0x82 => '‚',
        0x84 => '„',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0xA0 => ' ',
        0xA1..=0xFF => char::from_u32(u32::from(b))?,
        _ => return None,
    };
    Some(win)
}

/// Unicode for the glyph names a Turkish document uses (Adobe Glyph List subset),
/// plus `uniXXXX` / `uXXXX` names.
fn glyph_name_char(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Ok(v) = u32::from_str_radix(&hex[..4.max(hex.len().min(6))], 16) {
                return char::from_u32(v);
            }
        }
    }
    if name.len() == 1 {
        return name.chars().next();
    }
    Some(match name {
        "space" => ' ',
        "nbspace" | "nonbreakingspace" => '\u{a0}',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" => '\'',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "period" => '.',
        "slash" => '/',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "underscore" => '_',
        "grave" => '`',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "asciitilde" => '~',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "endash" => '–',
        "emdash" => '—',
        "bullet" => '•',
        "ellipsis" => '…',
        "periodcentered" => '·',
        "degree" => '°',
        "Ccedilla" => 'Ç',
        "ccedilla" => 'ç',
        "Gbreve" => 'Ğ',
        "gbreve" => 'ğ',
        "Idotaccent" | "Idot" => 'İ',
        "dotlessi" => 'ı',
        "Odieresis" => 'Ö',
        "odieresis" => 'ö',
        "Scedilla" => 'Ş',
        "scedilla" => 'ş',
        "Udieresis" => 'Ü',
        "udieresis" => 'ü',
        "Acircumflex" => 'Â',
        "acircumflex" => 'â',
        "Icircumflex" => 'Î',
        "icircumflex" => 'î',
        "Ucircumflex" => 'Û',
        "ucircumflex" => 'û',
        "Eacute" => 'É',
        "eacute" => 'é',
        "Adieresis" => 'Ä',
        "adieresis" => 'ä',
        _ => return None,
    })
}

/// Parses `bfchar` and `bfrange` sections of a ToUnicode CMap.
pub fn parse_cmap(data: &[u8], out: &mut HashMap<u32, String>) {
    let toks = cmap_tokens(data);
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            CTok::Word(b"beginbfchar") => {
                i += 1;
                while i + 1 < toks.len() {
                    match (&toks[i], &toks[i + 1]) {
                        (CTok::Hex(src), CTok::Hex(dst)) => {
                            out.insert(code_of(src), utf16(dst));
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            CTok::Word(b"beginbfrange") => {
                i += 1;
                while i + 2 < toks.len() {
                    let (CTok::Hex(lo), CTok::Hex(hi)) = (&toks[i], &toks[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    match &toks[i + 2] {
                        CTok::Hex(dst) => {
                            let mut units = utf16_units(dst);
                            if hi >= lo && hi - lo < 65536 {
                                for c in lo..=hi {
                                    out.insert(c, String::from_utf16_lossy(&units));
                                    if let Some(last) = units.last_mut() {
                                        *last = last.wrapping_add(1);
                                    }
                                }
                            }
                            i += 3;
                        }
                        CTok::Open => {
                            let mut j = i + 3;
                            let mut c = lo;
                            while j < toks.len() {
                                match &toks[j] {
                                    CTok::Hex(dst) => {
                                        out.insert(c, utf16(dst));
                                        c += 1;
                                    }
                                    CTok::Close => break,
                                    _ => {}
                                }
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
}

enum CTok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn cmap_tokens(data: &[u8]) -> Vec<CTok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(data.len(), |p| start + p);
                out.push(CTok::Hex(hex_bytes(&data[start..end])));
                i = end + 1;
            }
            b'[' => {
                out.push(CTok::Open);
                i += 1;
            }
            b']' => {
                out.push(CTok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings only occur in CMap headers; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_alphanumeric() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(CTok::Word(&data[start..i]));
            }
            _ => i += 1,
        }
    }
    out
}

/// Decodes hex digits (whitespace ignored, odd length padded with 0).
pub fn hex_bytes(s: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = s
        .iter()
        .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
        .collect()
}

fn code_of(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &x| acc << 8 | u32::from(x))
}

fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

fn utf16(b: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_bfchar_and_ranges() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <00f2> <0130> endbfchar\n\
            2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<015F> <011F>] endbfrange";
        let mut m = HashMap::new();
        parse_cmap(cmap, &mut m);
        assert_eq!(m[&3], " ");
        assert_eq!(m[&0xf2], "İ");
        assert_eq!(m[&0x11], "1");
        assert_eq!(m[&0x12], "2");
        assert_eq!(m[&0x20], "ş");
        assert_eq!(m[&0x21], "ğ");
    }

    #[test]
    fn cid_widths_both_forms() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(3),
            Object::Array(vec![Object::Integer(250), Object::Integer(300)]),
            Object::Integer(19),
            Object::Integer(28),
            Object::Real(636.0),
        ];
        let mut out = HashMap::new();
        read_cid_widths(&doc, &w, &mut out);
        assert_eq!(out[&3], 0.25);
        assert_eq!(out[&4], 0.3);
        assert_eq!(out[&19], 0.636);
        assert_eq!(out[&28], 0.636);
        assert!(!out.contains_key(&29));
    }
}
