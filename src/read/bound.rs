//! The inflation bound: how many bytes a stream would decode to, measured
//! without keeping them, and given up as soon as the bound is passed. A
//! small file whose stream claims gigabytes of spaces costs the measurement
//! up to the bound, never the gigabytes.

use std::borrow::Cow;
use std::io::Read;

use hayro_syntax::object::{Dict, Name, Object, Stream};

/// The most one stream may decode to: 64 times the file's size, at least
/// 16 MiB and at most 256 MiB. Real content streams compress a few times,
/// never by such factors; images, which may, are not decoded by the reader.
pub fn stream_limit(file_len: usize) -> u64 {
    const MIB: u64 = 1 << 20;
    (file_len as u64)
        .saturating_mul(64)
        .clamp(16 * MIB, 256 * MIB)
}

/// Whether `stream` decodes to at most `limit` bytes. Flate and LZW are
/// measured, the ASCII filters (which only shrink) decoded so that a filter
/// after them can be measured; past the first expanding filter only an
/// upper bound is known (RunLength 64×, Flate 1032×, LZW 2731×). Image
/// filters are not counted: the reader never decodes images.
pub fn within(stream: &Stream<'_>, limit: u64) -> bool {
    /// The data between filters: its bytes while they are cheap to hold,
    /// else only an upper bound of its size.
    enum Data<'a> {
        Bytes(Cow<'a, [u8]>),
        Size(u64),
    }
    let raw = stream.raw_data();
    let filters = filter_names(stream.dict());
    // No filter chain can expand the data past its factors' product: when
    // even that is within the bound, nothing needs decoding (most content
    // streams, which are a few hundred kilobytes at most).
    let most = filters
        .iter()
        .fold(raw.len() as u64, |n, f| n.saturating_mul(expansion(f)));
    if most <= limit {
        return true;
    }
    let mut data = Data::Bytes(raw);
    for (i, f) in filters.iter().enumerate() {
        data = match (f.as_str(), data) {
            ("ASCIIHexDecode" | "AHx", Data::Bytes(b)) => Data::Bytes(Cow::Owned(ascii_hex(&b))),
            ("ASCII85Decode" | "A85", Data::Bytes(b)) => match ascii85(&b) {
                Some(d) => Data::Bytes(Cow::Owned(d)),
                None => Data::Size(b.len() as u64),
            },
            ("FlateDecode" | "Fl", Data::Bytes(b)) => match flate_len(&b, limit) {
                Some(n) => Data::Size(n),
                None => return false,
            },
            ("LZWDecode" | "LZW", Data::Bytes(b)) => {
                match lzw_len(&b, early_change(stream.dict(), i), limit) {
                    Some(n) => Data::Size(n),
                    None => return false,
                }
            }
            ("FlateDecode" | "Fl", Data::Size(n)) => Data::Size(n.saturating_mul(1032)),
            ("LZWDecode" | "LZW", Data::Size(n)) => Data::Size(n.saturating_mul(2731)),
            ("RunLengthDecode" | "RL", d) => Data::Size(size_of(&d).saturating_mul(64)),
            (_, d) => d,
        };
        if size_of(&data) > limit {
            return false;
        }
    }
    return size_of(&data) <= limit;

    fn size_of(d: &Data) -> u64 {
        match d {
            Data::Bytes(b) => b.len() as u64,
            Data::Size(n) => *n,
        }
    }
}

/// The most a filter can multiply its input's length by: Flate 1032×
/// (deflate's limit), LZW 2731× (4 096-byte strings from 12-bit codes, a
/// bound), RunLength 64×, ASCII85 4× (`z`); the others shrink, or are image
/// filters the reader never decodes (counted 1×, as `within` counts them).
fn expansion(filter: &str) -> u64 {
    match filter {
        "FlateDecode" | "Fl" => 1032,
        "LZWDecode" | "LZW" => 2731,
        "RunLengthDecode" | "RL" => 64,
        "ASCII85Decode" | "A85" => 4,
        _ => 1,
    }
}

fn filter_names(dict: &Dict<'_>) -> Vec<String> {
    const FILTER: &[u8] = b"Filter";
    match dict.get::<Object<'_>>(FILTER) {
        Some(Object::Name(n)) => vec![name(&n)],
        Some(Object::Array(a)) => a.iter::<Name<'_>>().map(|n| name(&n)).collect(),
        _ => Vec::new(),
    }
}

fn name(n: &Name<'_>) -> String {
    String::from_utf8_lossy(n.as_ref()).into_owned()
}

/// `/EarlyChange` of the LZW filter at `index` (default 1).
fn early_change(dict: &Dict<'_>, index: usize) -> bool {
    const PARMS: &[u8] = b"DecodeParms";
    const EARLY: &[u8] = b"EarlyChange";
    let parms = match dict.get::<Object<'_>>(PARMS) {
        Some(Object::Dict(d)) if index == 0 => Some(d),
        Some(Object::Array(a)) => a.iter::<Object<'_>>().nth(index).and_then(|o| match o {
            Object::Dict(d) => Some(d),
            _ => None,
        }),
        _ => None,
    };
    parms.and_then(|d| d.get::<i32>(EARLY)).unwrap_or(1) != 0
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut hi: Option<u8> = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(v) = (c as char).to_digit(16) else {
            continue;
        };
        let v = v as u8;
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0;
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = c - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
                    let v = u32::try_from(v).ok()?;
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
        let v = u32::try_from(v).ok()?;
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    Some(out)
}

/// The inflated length of zlib (or raw deflate) data, or None past `limit`.
/// Broken data counts what inflated before the break, as decoders do.
fn flate_len(data: &[u8], limit: u64) -> Option<u64> {
    let zlib = data.len() >= 2
        && data[0] & 0x0f == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])).is_multiple_of(31);
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    let mut reader: Box<dyn Read> = if zlib {
        Box::new(flate2::read::ZlibDecoder::new(data))
    } else {
        Box::new(flate2::read::DeflateDecoder::new(data))
    };
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => return Some(total),
            Ok(n) => {
                total += n as u64;
                if total > limit {
                    return None;
                }
            }
        }
    }
}

/// The decoded length of LZW data (codes of 9 to 12 bits), counted from the
/// lengths of the table's entries, never building their bytes.
fn lzw_len(data: &[u8], early: bool, limit: u64) -> Option<u64> {
    const CLEAR: usize = 256;
    const EOD: usize = 257;
    let mut lens: Vec<u64> = Vec::with_capacity(4096);
    let reset = |lens: &mut Vec<u64>| {
        lens.clear();
        lens.extend(std::iter::repeat_n(1, 258));
    };
    reset(&mut lens);
    let mut width = 9u32;
    let mut acc = 0u32;
    let mut bits = 0u32;
    let mut prev: Option<usize> = None;
    let mut total = 0u64;
    for &byte in data {
        acc = acc << 8 | u32::from(byte);
        bits += 8;
        while bits >= width {
            let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as usize;
            bits -= width;
            acc &= (1 << bits) - 1;
            if code == CLEAR {
                reset(&mut lens);
                width = 9;
                prev = None;
                continue;
            }
            if code == EOD {
                return Some(total);
            }
            let len = match (lens.get(code), prev) {
                (Some(&l), _) => l,
                // The code being defined right now: previous entry + 1 byte.
                (None, Some(p)) if code == lens.len() => lens[p] + 1,
                _ => return Some(total),
            };
            if let Some(p) = prev {
                if lens.len() < 4096 {
                    lens.push(lens[p] + 1);
                }
            }
            total += len;
            if total > limit {
                return None;
            }
            prev = Some(code);
            let next = lens.len() + usize::from(early);
            width = match next {
                n if n >= 2048 => 12,
                n if n >= 1024 => 11,
                n if n >= 512 => 10,
                _ => 9,
            };
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn flate_is_measured_and_cut_at_the_limit() {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        for _ in 0..64 {
            enc.write_all(&[b' '; 1 << 16]).unwrap();
        }
        let z = enc.finish().unwrap();
        assert_eq!(flate_len(&z, 1 << 30), Some(1 << 22));
        assert_eq!(flate_len(&z, 1 << 20), None);
    }

    #[test]
    fn lzw_lengths_follow_the_table() {
        // The classic example from the PDF reference: 2D 34 ... decodes to
        // "-----A---B" (45 45 45 45 45 65 45 45 45 66).
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw_len(&data, true, 1000), Some(10));
        assert_eq!(lzw_len(&data, true, 5), None);
    }

    #[test]
    fn ascii_filters_decode() {
        assert_eq!(ascii_hex(b"48 65 6c6C 6f>"), b"Hello");
        assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>").unwrap(), b"Hello World!");
    }

    #[test]
    fn the_limit_follows_the_file_size() {
        assert_eq!(stream_limit(1000), 16 << 20);
        assert_eq!(stream_limit(1 << 20), 64 << 20);
        assert_eq!(stream_limit(1 << 30), 256 << 20);
    }
}
