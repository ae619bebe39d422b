//! Small shared helpers: atomic file writes and slugs.

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
/// epoch, UTC): `SOURCE_DATE_EPOCH` when set, else 2000-01-01T00:00:00Z, so the
/// same input always gives the same bytes.
pub fn creation_timestamp() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(DEFAULT_TIMESTAMP)
}

/// The creation time used when `SOURCE_DATE_EPOCH` is unset (2000-01-01T00:00:00Z).
pub const DEFAULT_TIMESTAMP: i64 = 946_684_800;

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
