//! The workspace: one folder per document, named by its [`DocId`]:
//! `source.<pdf|txt|json|xlsx>` (the uploaded bytes), `status.json`,
//! `out/` (what `perfprog build` writes), `pages/` (page images),
//! `log.txt` (the child's stderr, bounded). Every file is written
//! atomically; only folders named by a valid id are ever read back.

use std::io;
use std::path::{Path, PathBuf};

use super::{DocId, InputKind, Status};
use crate::model::Layout;
use crate::util::write_atomic;

/// The workspace folder.
#[derive(Debug, Clone)]
pub(super) struct Workspace {
    root: PathBuf,
}

/// What a done document's model says of itself, for the list.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ModelHead {
    pub institution: Option<String>,
    pub year: Option<i32>,
    pub layout: Option<Layout>,
}

impl Workspace {
    /// Opens the folder at `root`, creating it if need be.
    pub fn open(root: &Path) -> io::Result<Workspace> {
        std::fs::create_dir_all(root)?;
        Ok(Workspace {
            root: root.to_path_buf(),
        })
    }

    /// The document's folder.
    pub fn dir(&self, id: &DocId) -> PathBuf {
        self.root.join(id.as_str())
    }

    /// The uploaded bytes, under a name whose extension tells `build` their kind.
    pub fn source(&self, id: &DocId, kind: InputKind) -> PathBuf {
        self.dir(id).join(format!("source.{}", kind.extension()))
    }

    /// The output folder of `perfprog build`.
    pub fn out(&self, id: &DocId) -> PathBuf {
        self.dir(id).join("out")
    }

    /// The model `build` writes.
    pub fn model(&self, id: &DocId) -> PathBuf {
        self.out(id).join("programme.json")
    }

    /// The folder of cached page images.
    pub fn pages(&self, id: &DocId) -> PathBuf {
        self.dir(id).join("pages")
    }

    /// The child's stderr.
    pub fn log(&self, id: &DocId) -> PathBuf {
        self.dir(id).join("log.txt")
    }

    fn status_path(&self, id: &DocId) -> PathBuf {
        self.dir(id).join("status.json")
    }

    /// Writes `status.json` of the status's document.
    pub fn save(&self, status: &Status) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(status).map_err(io::Error::other)?;
        write_atomic(&self.status_path(&status.id), &json)
    }

    /// The status of every document folder of the workspace: folders whose
    /// name is not an id, or whose `status.json` is missing, unreadable or of
    /// another id, are skipped.
    pub fn load_all(&self) -> io::Result<Vec<Status>> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(&self.root)? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name();
            let Some(id) = name.to_str().and_then(DocId::parse) else {
                continue;
            };
            let Ok(text) = std::fs::read(self.status_path(&id)) else {
                continue;
            };
            match serde_json::from_slice::<Status>(&text) {
                Ok(status) if status.id == id => all.push(status),
                _ => continue,
            }
        }
        Ok(all)
    }

    /// The institution, year and layout of a done document's model (read
    /// without building the whole model); empty if it cannot be read.
    pub fn model_head(&self, id: &DocId) -> ModelHead {
        #[derive(serde::Deserialize)]
        struct Head {
            institution: Option<String>,
            fiscal_year: Option<i32>,
            #[serde(default)]
            layout: Layout,
        }
        let Ok(text) = std::fs::read(self.model(id)) else {
            return ModelHead::default();
        };
        match serde_json::from_slice::<Head>(&text) {
            Ok(h) => ModelHead {
                institution: h.institution,
                year: h.fiscal_year,
                layout: Some(h.layout),
            },
            Err(_) => ModelHead::default(),
        }
    }
}
