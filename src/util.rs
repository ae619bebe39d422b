//! Small shared helpers: atomic file writes, creation times, CSV text, slugs
//! and a fast seeded hasher.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
/// A failed write never leaves a half-written file at `path`. A path that is
/// a device or a pipe is written in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is
    // written in place: renaming a file over it would replace the device.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The creation time stamped into generated files (seconds since the Unix
/// epoch, UTC): `SOURCE_DATE_EPOCH` when it holds a number of seconds, so the
/// same input gives the same bytes (reproducible builds), else the current
/// time, so a file carries the real date of its making.
pub fn creation_timestamp() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(now)
}

/// The current time in seconds since the Unix epoch (0 on a clock set before it).
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// CSV text written with the `csv` crate: UTF-8, comma-separated, a field
/// quoted (inner quotes doubled) only when it holds a comma, a quote or a
/// line break (RFC 4180), no BOM. Every row may have its own width; callers
/// keep their tables rectangular.
pub struct CsvText(csv::Writer<Vec<u8>>);

impl CsvText {
    /// An empty text whose lines end in `\r\n` (`crlf`) or `\n`.
    pub fn new(crlf: bool) -> CsvText {
        let terminator = if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        CsvText(
            csv::WriterBuilder::new()
                .terminator(terminator)
                .flexible(true)
                .from_writer(Vec::new()),
        )
    }

    /// Appends one row.
    pub fn row<T: AsRef<[u8]>>(&mut self, fields: impl IntoIterator<Item = T>) {
        // Writing a flexible CSV into memory has no way to fail.
        self.0.write_record(fields).expect("CSV written to memory");
    }

    /// The text written.
    pub fn finish(self) -> String {
        let bytes = self
            .0
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone());
        // The fields are text, so the bytes are UTF-8 (lossy otherwise).
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// An ASCII slug of a Turkish name: `Fen İşleri Dairesi Başkanlığı` → `fen-isleri-dairesi-baskanligi`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        let mapped: Option<&str> = match c {
            'ç' | 'Ç' => Some("c"),
            'ğ' | 'Ğ' => Some("g"),
            'ı' | 'I' | 'İ' | 'î' | 'Î' => Some("i"),
            'ö' | 'Ö' => Some("o"),
            'ş' | 'Ş' => Some("s"),
            'ü' | 'Ü' | 'û' | 'Û' => Some("u"),
            'â' | 'Â' => Some("a"),
            _ => None,
        };
        if let Some(m) = mapped {
            out.push_str(m);
            dash = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A fast hasher for maps whose keys come from a document (its lines'
/// texts, places and numbers): foldhash, seeded per map from the OS's
/// randomness, so that a file cannot be made to collide its keys (std's
/// SipHash is several times slower on the short keys of a tally).
pub fn seeded_hasher() -> foldhash::fast::SeedableRandomState {
    use std::hash::BuildHasher;
    let seed = std::hash::RandomState::new().hash_one(0u8);
    foldhash::fast::SeedableRandomState::with_seed(seed, foldhash::SharedSeed::global_random())
}

/// Drops `value` on a thread of its own: freeing a document's many small
/// allocations (its lines, cells and texts) then costs the caller nothing.
pub fn drop_later<T: Send + 'static>(value: T) {
    // When no thread starts, the closure is dropped here, the value with it.
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// A hash map with [`seeded_hasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::SeedableRandomState>;

/// A hash set with [`seeded_hasher`].
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::SeedableRandomState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_turkish_letters() {
        assert_eq!(
            slug("Fen İşleri Dairesi Başkanlığı"),
            "fen-isleri-dairesi-baskanligi"
        );
        assert_eq!(slug("  Çevre, Ağaç & Işık "), "cevre-agac-isik");
    }

    #[test]
    fn csv_text_quotes_only_where_needed() {
        let mut t = CsvText::new(false);
        t.row([
            "plain",
            "İzmir’in",
            "a, b",
            "say \"x\"",
            "two\nlines",
            "",
            " lead",
        ]);
        assert_eq!(
            t.finish(),
            "plain,İzmir’in,\"a, b\",\"say \"\"x\"\"\",\"two\nlines\",, lead\n"
        );
        let mut t = CsvText::new(true);
        t.row(["a", "cr\rhere"]);
        t.row(["", ""]);
        assert_eq!(t.finish(), "a,\"cr\rhere\"\r\n,\r\n");
    }

    #[test]
    fn timestamp_is_now_or_source_date_epoch() {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) if v.trim().parse::<i64>().is_ok() => {
                assert_eq!(creation_timestamp(), v.trim().parse::<i64>().unwrap())
            }
            _ => assert!((creation_timestamp() - now()).abs() <= 5),
        }
    }

    #[test]
    fn atomic_write_replaces_file() {
        let dir = std::env::temp_dir().join(format!("perfprog-util-{}", std::process::id()));
        let p = dir.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let is_device =
            |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device());
        if !is_device(null) {
            return; // nothing to check on a machine without the device
        }
        write_atomic(null, b"discarded").unwrap();
        assert!(is_device(null), "/dev/null was replaced by a file");
    }
}
