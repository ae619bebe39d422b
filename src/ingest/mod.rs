//! The `ingest` stage (in progress).

use std::path::Path;

/// Extraction result.
pub struct Extraction {
    pub programme: crate::model::Programme,
    pub warnings: Vec<Warning>,
}

/// A warning.
#[derive(Debug, Clone)]
pub struct Warning(pub String);

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Ingest errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Other(String),
}

/// Extracts a file.
pub fn extract_file(path: &Path) -> Result<Extraction, Error> {
    Err(Error::Other(format!("{}: not implemented", path.display())))
}
