//! The cross-reference table rebuilt from every object header `N G obj`
//! in a file, wherever it stands (glued to junk too), as MuPDF does: what
//! the read stage tries where the interpreter's own repair finds fewer
//! pages than the file's page tree lists ([`super::pdf`]).

use super::nesting::find;

/// The file with a new cross-reference table appended: one entry per
/// object header `N G obj` found anywhere in the bytes (the last one of
/// each number wins, as in incremental updates), and a trailer that keeps
/// the last trailer's `/Root`, `/Info`, `/Encrypt` and `/ID`, or points
/// `/Root` at the object holding `/Type /Catalog`. None when no object or
/// no catalog is found.
pub(super) fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut objects: std::collections::BTreeMap<u32, (u16, usize)> = Default::default();
    let mut at = 0;
    while let Some(k) = find(&bytes[at..], b"obj") {
        let pos = at + k;
        at = pos + 3;
        if bytes.get(pos + 3).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        if let Some((num, gen, start)) = header_before(bytes, pos) {
            objects.insert(num, (gen, start));
        }
    }
    let size = objects.keys().next_back()? + 1;
    let trailer_keys = last_trailer(bytes).unwrap_or_default();
    let root = if trailer_keys.contains("/Root") {
        String::new()
    } else {
        let (num, (gen, _)) = objects.iter().find(|(_, &(_, start))| {
            let end = find(&bytes[start..], b"endobj").map_or(bytes.len(), |e| start + e);
            let body = &bytes[start..end.min(start + 4096)];
            find(body, b"/Catalog").is_some()
        })?;
        format!("/Root {num} {gen} R ")
    };
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for n in 1..size {
        match objects.get(&n) {
            Some((gen, start)) => {
                out.extend_from_slice(format!("{start:010} {gen:05} n \n").as_bytes())
            }
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} {root}{trailer_keys} >>\nstartxref\n{xref_at}\n%%EOF\n")
            .as_bytes(),
    );
    Some(out)
}

/// The object header `N G ` just before the `obj` at `pos`: its numbers and
/// where it starts.
fn header_before(bytes: &[u8], pos: usize) -> Option<(u32, u16, usize)> {
    // Walking back from `*i`: at least one whitespace byte, then up to ten
    // digits, read as a number; `*i` ends at the first digit.
    let number_before = |i: &mut usize| -> Option<u32> {
        let ws_end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_whitespace() {
            *i -= 1;
        }
        if *i == ws_end {
            return None;
        }
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        if *i == end {
            return None;
        }
        std::str::from_utf8(&bytes[*i..end]).ok()?.parse().ok()
    };
    let mut i = pos;
    let gen = u16::try_from(number_before(&mut i)?).ok()?;
    let num = number_before(&mut i)?;
    (num > 0 && num < 10_000_000).then_some((num, gen, i))
}

/// The `/Root`, `/Info`, `/Encrypt` and `/ID` entries of the file's last
/// `trailer` dictionary (or cross-reference stream), as PDF text.
fn last_trailer(bytes: &[u8]) -> Option<String> {
    let from = rfind(bytes, b"trailer").or_else(|| rfind(bytes, b"/XRef"))?;
    let dict = &bytes[from..bytes.len().min(from + 4096)];
    let text = String::from_utf8_lossy(dict);
    let mut out = String::new();
    for key in ["/Root", "/Info", "/Encrypt"] {
        if let Some(k) = text.find(key) {
            let rest = &text[k + key.len()..];
            let words: Vec<&str> = rest.split_whitespace().take(3).collect();
            if words.len() == 3
                && words[2].starts_with('R')
                && words[..2]
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                out.push_str(&format!("{key} {} {} R ", words[0], words[1]));
            }
        }
    }
    if let Some(k) = text.find("/ID") {
        if let Some(end) = text[k..].find(']') {
            out.push_str(&text[k..k + end + 1]);
            out.push(' ');
        }
    }
    Some(out)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}
