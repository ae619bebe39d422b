//! The job runner of `perfprog serve`: uploaded documents, one folder each
//! in a workspace keyed by the SHA-256 of their bytes, processed by a
//! bounded queue of workers, each job in a child process of the perfprog
//! binary itself (`perfprog build … --progress jsonl`) bounded in wall
//! time, CPU time and address space. A hostile file that aborts, hangs or
//! eats memory fails its own job; the server only reads the child's
//! progress lines.
//!
//! - [`workspace`]: the folders, `status.json`, listing after a restart;
//! - [`queue`]: the waiting line, the workers, positions;
//! - [`child`]: running a child with its limits, reading its output;
//! - [`kind`]: what an upload is, sniffed from its bytes.
//!
//! The web pages use [`Jobs`]; tests drive it directly.

mod child;
mod kind;
mod queue;
mod workspace;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::i18n::{self, Lang};
use crate::model::Layout;

pub use kind::InputKind;

/// The bounds of the runner.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest upload accepted (default 100 MiB).
    pub max_upload_bytes: u64,
    /// How many jobs may wait (default 64); beyond, [`SubmitError::QueueFull`].
    pub max_queued: usize,
    /// How many jobs run at once (default 2).
    pub workers: usize,
    /// The wall time of one child (default 300 s), after which its process
    /// group is killed; its CPU time is bounded too.
    pub job_timeout: Duration,
    /// The address space of one child (default 2 GiB, `RLIMIT_AS`).
    pub job_memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_upload_bytes: 100 << 20,
            max_queued: 64,
            workers: 2,
            job_timeout: Duration::from_secs(300),
            job_memory_bytes: 2 << 30,
        }
    }
}

/// A document's identity: the SHA-256 of its uploaded bytes, 64 lowercase
/// hex digits. [`DocId::parse`] is the only way a client's string becomes
/// part of a path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DocId(String);

impl DocId {
    /// `s` if it is 64 lowercase hex digits, else `None`.
    pub fn parse(s: &str) -> Option<DocId> {
        let ok = s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        ok.then(|| DocId(s.to_string()))
    }

    /// The identity of `bytes`.
    pub fn of(bytes: &[u8]) -> DocId {
        DocId(hex(&Sha256::digest(bytes)))
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DocId {
    type Error = String;
    fn try_from(s: String) -> Result<DocId, String> {
        DocId::parse(&s).ok_or_else(|| format!("not a document id: {s:?}"))
    }
}

impl From<DocId> for String {
    fn from(id: DocId) -> String {
        id.0
    }
}

/// Lowercase hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum State {
    /// Waiting; `position` 1 runs next.
    Queued {
        position: usize,
    },
    /// Running `stage` (`extract`, `audit`, `render`, `write`); during
    /// extraction `done` of `total` pages are read (both 0 otherwise).
    Running {
        stage: String,
        done: u32,
        total: u32,
    },
    Done,
    /// Failed, with a message for the person who uploaded the document.
    Failed {
        message: String,
    },
}

impl State {
    /// Whether the job has ended (done or failed).
    pub fn is_final(&self) -> bool {
        matches!(self, State::Done | State::Failed { .. })
    }
}

/// A document's job, as `status.json` keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub id: DocId,
    /// The uploaded file's name, for display only: never a path.
    pub file_name: String,
    pub kind: InputKind,
    pub uploaded: SystemTime,
    #[serde(with = "lang_code")]
    pub lang: Lang,
    pub state: State,
    /// The extraction's warnings, as the child reported them.
    pub warnings: Vec<String>,
    /// The child's exit code, once it has exited by itself.
    pub exit_code: Option<i32>,
}

/// A document in the list: its status and, when done, what its model says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub status: Status,
    pub institution: Option<String>,
    pub year: Option<i32>,
    pub layout: Option<Layout>,
}

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("the file is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("{limit} documents are already waiting; try again later")]
    QueueFull { limit: usize },
    /// Not a PDF, a text export, a model JSON or a workbook: why (the key
    /// of the reason's message in the catalogue).
    #[error("not a programme perfprog can read: {}", i18n::text(Lang::En, reason, &[]))]
    Unsupported { reason: &'static str },
    #[error("could not store the upload: {0}")]
    Io(#[from] std::io::Error),
}

impl SubmitError {
    /// The refusal in `lang`, for the person who uploaded the file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SubmitError::TooLarge { size, limit } => i18n::text(
                lang,
                "jobs-too-large",
                &[("size", mib(*size).into()), ("limit", mib(*limit).into())],
            ),
            SubmitError::QueueFull { limit } => {
                i18n::text(lang, "jobs-queue-full", &[("limit", (*limit).into())])
            }
            SubmitError::Unsupported { reason } => i18n::text(
                lang,
                "jobs-unsupported",
                &[("reason", i18n::text(lang, reason, &[]).into())],
            ),
            SubmitError::Io(e) => {
                i18n::text(lang, "jobs-store", &[("error", e.to_string().into())])
            }
        }
    }
}

/// Bytes in MiB with one decimal, for messages.
fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / f64::from(1u32 << 20))
}

/// Why a page image or a diff could not be made.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("no such document")]
    NotFound,
    #[error("the document has not been processed yet")]
    NotReady,
    #[error("the document is not a PDF, so it has no page images")]
    NotPdf,
    #[error("invalid request: {0}")]
    Invalid(String),
    /// The child failed: its message.
    #[error("{0}")]
    Failed(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The job runner: a workspace, its queue and workers. Cheap to clone.
#[derive(Clone)]
pub struct Jobs {
    shared: Arc<queue::Shared>,
}

impl Jobs {
    /// Opens (creating it if need be) the workspace at `workspace`, lists the
    /// documents of earlier runs again (a job left queued is queued again, one
    /// left running by a crash is marked failed) and starts `limits.workers`
    /// workers running `exe` (the perfprog binary). Must be called within a
    /// tokio runtime (the workers are its tasks).
    pub fn open(workspace: &Path, limits: Limits, exe: PathBuf) -> anyhow::Result<Jobs> {
        let shared = queue::Shared::open(workspace, limits, exe)?;
        Ok(Jobs { shared })
    }

    /// Stores an upload and queues its job; the same bytes give the same id
    /// (a document that failed runs again, any other is left as it is).
    /// Refuses a file over the size limit, of a kind perfprog cannot read, or
    /// when the queue is full. Writes the bytes to disk: in async code, call
    /// it from `spawn_blocking`.
    pub fn submit(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        lang: Lang,
    ) -> Result<DocId, SubmitError> {
        self.shared.submit(file_name, bytes, lang)
    }

    /// The job of `id`, if the workspace has it.
    pub fn status(&self, id: &DocId) -> Option<Status> {
        self.shared.status(id)
    }

    /// Every document, newest first.
    pub fn list(&self) -> Vec<Summary> {
        self.shared.list()
    }

    /// The document's `out/` folder (the `perfprog build` layout) once done.
    pub fn output(&self, id: &DocId) -> Option<PathBuf> {
        let done = self.status(id)?.state == State::Done;
        done.then(|| self.shared.ws.out(id))
    }

    /// The image of page `page` of a PDF document, `width` pixels wide, the
    /// texts `highlights` marked on it: `perfprog page` in a bounded child,
    /// cached in the document's `pages/` folder.
    pub async fn page_image(
        &self,
        id: &DocId,
        page: u32,
        width: u32,
        highlights: &[String],
    ) -> Result<PathBuf, JobError> {
        queue::page_image(&self.shared, id, page, width, highlights).await
    }

    /// `perfprog diff OLD NEW --json` on the two documents' models, in a
    /// bounded child; its JSON.
    pub async fn diff(&self, old: &DocId, new: &DocId, lang: Lang) -> Result<String, JobError> {
        queue::diff(&self.shared, old, new, lang).await
    }

    /// Waits until the job of `id` is done or failed (for tests); a document
    /// the workspace does not have gives a failed status.
    pub async fn wait(&self, id: &DocId) -> Status {
        self.shared.wait(id).await
    }
}

/// `Lang` as its code (`tr`, `en`) in `status.json`.
mod lang_code {
    use super::Lang;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = String::deserialize(d)?;
        Ok(Lang::parse(&code).unwrap_or(Lang::Tr))
    }
}
