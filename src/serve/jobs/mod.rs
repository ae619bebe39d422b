//! Stand-in for the jobs API of the design (replaced by the `jobs` branch):
//! runs `perfprog build` in a child with tokio::process; no limits, no
//! persistence beyond the workspace folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::i18n::Lang;
use crate::model::Layout;

/// Bounds on uploads and jobs.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_upload_bytes: u64,
    pub max_queued: usize,
    pub workers: usize,
    pub job_timeout: Duration,
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

/// A document's id: the SHA-256 of its bytes, 64 lowercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(String);

impl DocId {
    /// Validates a client string as an id.
    pub fn parse(s: &str) -> Option<DocId> {
        (s.len() == 64
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| DocId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an upload is, sniffed from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Pdf,
    Text,
    Model,
    Workbook,
}

impl InputKind {
    fn sniff(bytes: &[u8]) -> InputKind {
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            InputKind::Pdf
        } else if head.starts_with(b"PK") {
            InputKind::Workbook
        } else if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            InputKind::Model
        } else {
            InputKind::Text
        }
    }

    fn ext(self) -> &'static str {
        match self {
            InputKind::Pdf => "pdf",
            InputKind::Text => "txt",
            InputKind::Model => "json",
            InputKind::Workbook => "xlsx",
        }
    }
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq)]
pub enum State {
    Queued {
        position: usize,
    },
    Running {
        stage: String,
        done: u32,
        total: u32,
    },
    Done,
    Failed {
        message: String,
    },
}

/// A document's job.
#[derive(Debug, Clone)]
pub struct Status {
    pub id: DocId,
    pub file_name: String,
    pub kind: InputKind,
    pub uploaded: SystemTime,
    pub lang: Lang,
    pub state: State,
    pub warnings: Vec<String>,
    pub exit_code: Option<i32>,
}

/// A listed document.
#[derive(Debug, Clone)]
pub struct Summary {
    pub status: Status,
    pub institution: Option<String>,
    pub year: Option<i32>,
    pub layout: Option<Layout>,
}

/// Why an upload was not taken.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("the queue is full")]
    QueueFull,
    #[error("the upload is empty")]
    Empty,
    #[error("the upload is too large")]
    TooLarge,
    #[error("failed to store the upload: {0}")]
    Io(#[from] std::io::Error),
}

/// Why a child job failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("no such document")]
    NotFound,
    #[error("{0}")]
    Failed(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

struct Inner {
    root: PathBuf,
    exe: PathBuf,
    jobs: Mutex<HashMap<DocId, Status>>,
    done: tokio::sync::Notify,
}

/// The job runner.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

impl Jobs {
    pub fn open(workspace: &Path, _limits: Limits, exe: PathBuf) -> anyhow::Result<Jobs> {
        std::fs::create_dir_all(workspace)?;
        Ok(Jobs {
            inner: Arc::new(Inner {
                root: workspace.to_path_buf(),
                exe,
                jobs: Mutex::new(HashMap::new()),
                done: tokio::sync::Notify::new(),
            }),
        })
    }

    fn dir(&self, id: &DocId) -> PathBuf {
        self.inner.root.join(id.as_str())
    }

    pub fn submit(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        lang: Lang,
    ) -> Result<DocId, SubmitError> {
        if bytes.is_empty() {
            return Err(SubmitError::Empty);
        }
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let id = DocId(hex);
        if let Some(s) = self.status(&id) {
            if !matches!(s.state, State::Failed { .. }) {
                return Ok(id);
            }
        }
        let kind = InputKind::sniff(&bytes);
        let dir = self.dir(&id);
        let source = dir.join(format!("source.{}", kind.ext()));
        crate::util::write_atomic(&source, &bytes)?;
        let status = Status {
            id: id.clone(),
            file_name: file_name.to_string(),
            kind,
            uploaded: SystemTime::now(),
            lang,
            state: State::Running {
                stage: "build".into(),
                done: 0,
                total: 0,
            },
            warnings: Vec::new(),
            exit_code: None,
        };
        self.set(status);
        let me = self.clone();
        let id2 = id.clone();
        tokio::spawn(async move {
            let out = dir.join("out");
            let result = tokio::process::Command::new(&me.inner.exe)
                .arg("build")
                .arg(&source)
                .arg("-o")
                .arg(&out)
                .arg("--quiet")
                .env("LANG", if lang == Lang::Tr { "tr_TR.UTF-8" } else { "C" })
                .output()
                .await;
            let (state, code) = match result {
                Ok(o) if o.status.success() || o.status.code() == Some(1) => {
                    (State::Done, o.status.code())
                }
                Ok(o) => (
                    State::Failed {
                        message: String::from_utf8_lossy(&o.stderr).trim().to_string(),
                    },
                    o.status.code(),
                ),
                Err(e) => (
                    State::Failed {
                        message: e.to_string(),
                    },
                    None,
                ),
            };
            if let Ok(mut map) = me.inner.jobs.lock() {
                if let Some(s) = map.get_mut(&id2) {
                    s.state = state;
                    s.exit_code = code;
                }
            }
            me.inner.done.notify_waiters();
        });
        Ok(id)
    }

    fn set(&self, status: Status) {
        if let Ok(mut map) = self.inner.jobs.lock() {
            map.insert(status.id.clone(), status);
        }
    }

    pub fn status(&self, id: &DocId) -> Option<Status> {
        self.inner.jobs.lock().ok()?.get(id).cloned()
    }

    pub fn list(&self) -> Vec<Summary> {
        let mut all: Vec<Status> = match self.inner.jobs.lock() {
            Ok(m) => m.values().cloned().collect(),
            Err(_) => Vec::new(),
        };
        all.sort_by(|a, b| b.uploaded.cmp(&a.uploaded));
        all.into_iter()
            .map(|status| {
                let doc = std::fs::read_to_string(self.dir(&status.id).join("out/programme.json"))
                    .ok()
                    .and_then(|t| crate::model::Document::from_json(&t).ok());
                Summary {
                    institution: doc.as_ref().map(|d| d.institution().to_string()),
                    year: doc.as_ref().map(|d| d.fiscal_year()),
                    layout: doc.as_ref().map(|d| d.layout()),
                    status,
                }
            })
            .collect()
    }

    pub fn output(&self, id: &DocId) -> Option<PathBuf> {
        self.status(id).map(|_| self.dir(id).join("out"))
    }

    pub async fn page_image(
        &self,
        id: &DocId,
        page: u32,
        width: u32,
        highlights: &[String],
    ) -> Result<PathBuf, JobError> {
        let status = self.status(id).ok_or(JobError::NotFound)?;
        let dir = self.dir(id);
        let source = dir.join(format!("source.{}", status.kind.ext()));
        let mut h = Sha256::new();
        for t in highlights {
            h.update(t.as_bytes());
            h.update([0]);
        }
        let tag: String = h
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        let file = dir.join("pages").join(format!("{page}-{width}-{tag}.png"));
        if file.is_file() {
            return Ok(file);
        }
        std::fs::create_dir_all(dir.join("pages"))?;
        let mut cmd = tokio::process::Command::new(&self.inner.exe);
        cmd.arg("page")
            .arg(&source)
            .arg("--page")
            .arg(page.to_string());
        cmd.arg("--width")
            .arg(width.to_string())
            .arg("-o")
            .arg(&file);
        for t in highlights {
            cmd.arg("--highlight").arg(t);
        }
        let o = cmd.output().await?;
        if !o.status.success() {
            return Err(JobError::Failed(
                String::from_utf8_lossy(&o.stderr).trim().to_string(),
            ));
        }
        Ok(file)
    }

    pub async fn diff(&self, old: &DocId, new: &DocId, _lang: Lang) -> Result<String, JobError> {
        let a = self
            .output(old)
            .ok_or(JobError::NotFound)?
            .join("programme.json");
        let b = self
            .output(new)
            .ok_or(JobError::NotFound)?
            .join("programme.json");
        let o = tokio::process::Command::new(&self.inner.exe)
            .arg("diff")
            .arg(a)
            .arg(b)
            .arg("--json")
            .output()
            .await?;
        if !o.status.success() {
            return Err(JobError::Failed(
                String::from_utf8_lossy(&o.stderr).trim().to_string(),
            ));
        }
        Ok(String::from_utf8_lossy(&o.stdout).into_owned())
    }

    pub async fn wait(&self, id: &DocId) -> Status {
        loop {
            let notified = self.inner.done.notified();
            match self.status(id) {
                Some(s) if matches!(s.state, State::Done | State::Failed { .. }) => return s,
                None => {
                    return Status {
                        id: id.clone(),
                        file_name: String::new(),
                        kind: InputKind::Pdf,
                        uploaded: SystemTime::now(),
                        lang: Lang::Tr,
                        state: State::Failed {
                            message: "no such document".into(),
                        },
                        warnings: Vec::new(),
                        exit_code: None,
                    }
                }
                _ => {}
            }
            let _ = tokio::time::timeout(Duration::from_millis(500), notified).await;
        }
    }
}
