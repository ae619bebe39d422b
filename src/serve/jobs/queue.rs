//! The waiting line and its workers: jobs wait in upload order (a bounded
//! line), `workers` of them run at once, each in a child; every change of
//! a job's state wakes whoever waits for it. Page images and diffs run in
//! children of their own beside the queue, as many at once as workers.

use std::collections::{HashMap, VecDeque};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use anyhow::Context;
use sha2::{Digest, Sha256};
use tokio::sync::{watch, Notify, Semaphore};

use super::child::{self, End, Event};
use super::workspace::{ModelHead, Workspace};
use super::{hex, DocId, InputKind, JobError, Limits, State, Status, SubmitError, Summary};
use crate::i18n::{self, Lang};
use crate::util::write_atomic;

/// The most warnings kept of one job (a damaged document may have thousands).
const MAX_WARNINGS: usize = 1000;
/// The most of a diff's JSON read from its child.
const DIFF_LIMIT: usize = 64 << 20;

/// What the runner's handles share.
pub(super) struct Shared {
    pub ws: Workspace,
    limits: Limits,
    exe: PathBuf,
    inner: Mutex<Inner>,
    /// Wakes a worker when a job is queued.
    wake: Notify,
    /// Counts state changes; waiters watch it.
    changed: watch::Sender<u64>,
    /// Bounds the page-image and diff children.
    side: Semaphore,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<DocId, Entry>,
    /// The waiting jobs, first to run first.
    queue: VecDeque<DocId>,
}

struct Entry {
    status: Status,
    head: ModelHead,
}

impl Shared {
    pub fn open(workspace: &Path, limits: Limits, exe: PathBuf) -> anyhow::Result<Arc<Shared>> {
        let runtime = tokio::runtime::Handle::try_current()
            .context("the job runner must be opened within a tokio runtime")?;
        let ws = Workspace::open(workspace)
            .with_context(|| format!("failed to open the workspace {}", workspace.display()))?;
        let mut statuses = ws
            .load_all()
            .with_context(|| format!("failed to read the workspace {}", workspace.display()))?;
        statuses.sort_by(|a, b| a.uploaded.cmp(&b.uploaded).then(a.id.cmp(&b.id)));
        let mut inner = Inner::default();
        for mut status in statuses {
            match status.state {
                State::Queued { .. } => inner.queue.push_back(status.id.clone()),
                State::Running { .. } => {
                    // The server stopped while its child ran: that run is
                    // lost; uploading the file again runs it again.
                    status.state = State::Failed {
                        message: i18n::text(status.lang, "jobs-interrupted", &[]),
                    };
                    ws.save(&status).with_context(|| {
                        format!("failed to update {}", ws.dir(&status.id).display())
                    })?;
                }
                State::Done | State::Failed { .. } => {}
            }
            let head = match status.state {
                State::Done => ws.model_head(&status.id),
                _ => ModelHead::default(),
            };
            inner
                .entries
                .insert(status.id.clone(), Entry { status, head });
        }
        let workers = limits.workers.max(1);
        let shared = Arc::new(Shared {
            ws,
            exe,
            inner: Mutex::new(inner),
            wake: Notify::new(),
            changed: watch::channel(0).0,
            side: Semaphore::new(workers),
            limits,
        });
        for _ in 0..workers {
            runtime.spawn(worker(Arc::clone(&shared)));
        }
        shared.wake.notify_one();
        Ok(shared)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind: go on.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn notify(&self) {
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub fn submit(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        lang: Lang,
    ) -> Result<DocId, SubmitError> {
        let size = bytes.len() as u64;
        if size > self.limits.max_upload_bytes {
            return Err(SubmitError::TooLarge {
                size,
                limit: self.limits.max_upload_bytes,
            });
        }
        let kind = InputKind::sniff(&bytes)?;
        let id = DocId::of(&bytes);
        let status = Status {
            id: id.clone(),
            file_name: display_name(file_name),
            kind,
            uploaded: SystemTime::now(),
            lang,
            state: State::Queued { position: 0 },
            warnings: Vec::new(),
            exit_code: None,
        };
        {
            let mut inner = self.lock();
            // The same bytes again: a failed document runs again (its
            // outputs replaced), any other is left as it is.
            if inner
                .entries
                .get(&id)
                .is_some_and(|e| !matches!(e.status.state, State::Failed { .. }))
            {
                return Ok(id);
            }
            let waiting = inner
                .entries
                .values()
                .filter(|e| matches!(e.status.state, State::Queued { .. }))
                .count();
            if waiting >= self.limits.max_queued {
                return Err(SubmitError::QueueFull {
                    limit: self.limits.max_queued,
                });
            }
            inner.entries.insert(
                id.clone(),
                Entry {
                    status: status.clone(),
                    head: ModelHead::default(),
                },
            );
        }
        // Held in the table as queued but not yet in the line: no worker
        // takes it before its files are written.
        let stored =
            write_atomic(&self.ws.source(&id, kind), &bytes).and_then(|()| self.ws.save(&status));
        let mut inner = self.lock();
        if let Err(e) = stored {
            inner.entries.remove(&id);
            return Err(SubmitError::Io(e));
        }
        inner.queue.push_back(id.clone());
        drop(inner);
        self.wake.notify_one();
        self.notify();
        Ok(id)
    }

    pub fn status(&self, id: &DocId) -> Option<Status> {
        let inner = self.lock();
        inner
            .entries
            .get(id)
            .map(|e| with_position(&inner, &e.status))
    }

    pub fn list(&self) -> Vec<Summary> {
        let inner = self.lock();
        let mut all: Vec<Summary> = inner
            .entries
            .values()
            .map(|e| Summary {
                status: with_position(&inner, &e.status),
                institution: e.head.institution.clone(),
                year: e.head.year,
                layout: e.head.layout,
            })
            .collect();
        all.sort_by(|a, b| {
            b.status
                .uploaded
                .cmp(&a.status.uploaded)
                .then(a.status.id.cmp(&b.status.id))
        });
        all
    }

    pub async fn wait(&self, id: &DocId) -> Status {
        let mut rx = self.changed.subscribe();
        loop {
            rx.borrow_and_update();
            match self.status(id) {
                Some(s) if s.state.is_final() => return s,
                Some(_) => {}
                None => return missing(id),
            }
            if rx.changed().await.is_err() {
                // The sender lives as long as `self`: not reached.
                return self.status(id).unwrap_or_else(|| missing(id));
            }
        }
    }

    /// Applies `f` to the job's status in the table and wakes the waiters.
    fn update(&self, id: &DocId, f: impl FnOnce(&mut Status)) {
        if let Some(e) = self.lock().entries.get_mut(id) {
            f(&mut e.status);
        }
        self.notify();
    }
}

/// The failed status [`Shared::wait`] gives for a document the workspace
/// does not have.
fn missing(id: &DocId) -> Status {
    Status {
        id: id.clone(),
        file_name: String::new(),
        kind: InputKind::Pdf,
        uploaded: SystemTime::UNIX_EPOCH,
        lang: Lang::Tr,
        state: State::Failed {
            message: "no such document".into(),
        },
        warnings: Vec::new(),
        exit_code: None,
    }
}

/// `status` with its position in the line filled in.
fn with_position(inner: &Inner, status: &Status) -> Status {
    let mut s = status.clone();
    if let State::Queued { position } = &mut s.state {
        *position = inner
            .queue
            .iter()
            .position(|q| *q == s.id)
            .map_or(inner.queue.len() + 1, |i| i + 1);
    }
    s
}

/// The uploaded name for display: its last path component (a browser may
/// send a full path), control characters dropped, at most 200 characters.
/// It is never used in a path.
fn display_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "?".into()
    } else {
        clean
    }
}

/// A worker: takes the next job, runs it, and again; sleeps while the line
/// is empty.
async fn worker(shared: Arc<Shared>) {
    loop {
        let next = {
            let mut inner = shared.lock();
            let next = inner.queue.pop_front();
            if next.is_some() && !inner.queue.is_empty() {
                // Another job waits: wake another worker for it.
                shared.wake.notify_one();
            }
            next
        };
        match next {
            Some(id) => run_job(&shared, id).await,
            None => shared.wake.notified().await,
        }
    }
}

/// Runs `perfprog build` on the document `id` and records how it ended.
async fn run_job(shared: &Shared, id: DocId) {
    let Some(mut status) = shared.status(&id) else {
        return;
    };
    status.state = State::Running {
        stage: "start".into(),
        done: 0,
        total: 0,
    };
    status.warnings.clear();
    status.exit_code = None;
    let _ = shared.ws.save(&status);
    let running = status.clone();
    shared.update(&id, |s| *s = running);

    let source = shared.ws.source(&id, status.kind);
    let out = shared.ws.out(&id);
    let args: [&OsStr; 6] = [
        OsStr::new("build"),
        source.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--progress"),
        OsStr::new("jsonl"),
    ];
    let outcome = child::run(
        &shared.exe,
        &args,
        &shared.ws.dir(&id),
        status.lang,
        &shared.limits,
        child::STDERR_LIMIT,
        |event| {
            shared.update(&id, |s| match event {
                Event::Stage { stage, done, total } => {
                    s.state = State::Running { stage, done, total }
                }
                Event::Warning(w) if s.warnings.len() < MAX_WARNINGS => s.warnings.push(w),
                Event::Warning(_) => {}
            })
        },
    )
    .await;
    let _ = write_atomic(&shared.ws.log(&id), &outcome.stderr);

    // The latest warnings are in the table; the end is written to disk
    // before the table says so, so that a resubmission after the failure
    // is never overwritten by it.
    let mut status = shared.status(&id).unwrap_or(status);
    status.exit_code = match outcome.end {
        End::Exited(code) => Some(code),
        _ => None,
    };
    status.state = match (&outcome.end, shared.ws.model(&id).is_file()) {
        (End::Exited(0), true) => State::Done,
        _ => State::Failed {
            message: failure(status.lang, &outcome, &shared.limits),
        },
    };
    let _ = shared.ws.save(&status);
    let head = match status.state {
        State::Done => shared.ws.model_head(&id),
        _ => ModelHead::default(),
    };
    if let Some(e) = shared.lock().entries.get_mut(&id) {
        e.status = status;
        e.head = head;
    }
    shared.notify();
}

/// Why a child failed, in `lang`.
fn failure(lang: Lang, outcome: &child::Outcome, limits: &Limits) -> String {
    match &outcome.end {
        End::Exited(code) => match &outcome.error {
            Some(message) => message.clone(),
            None => i18n::text(lang, "jobs-exit", &[("code", (*code).into())]),
        },
        End::Signalled(sig) => {
            let key = match *sig {
                // SIGXCPU: the kernel's CPU-time limit.
                24 => "jobs-cpu",
                _ => "jobs-signal",
            };
            i18n::text(
                lang,
                key,
                &[
                    ("signal", (*sig).into()),
                    ("limit", super::mib(limits.job_memory_bytes).into()),
                ],
            )
        }
        End::TimedOut => i18n::text(
            lang,
            "jobs-timeout",
            &[("seconds", limits.job_timeout.as_secs_f64().into())],
        ),
        End::Spawn(e) => i18n::text(lang, "jobs-spawn", &[("error", e.to_string().into())]),
    }
}

/// Runs a side child (a page image, a diff) under the side bound.
async fn side_child(
    shared: &Shared,
    args: &[&OsStr],
    dir: &Path,
    lang: Lang,
    stdout_limit: usize,
) -> Result<child::Outcome, JobError> {
    let _permit = shared
        .side
        .acquire()
        .await
        .map_err(|_| JobError::Failed("the runner is shutting down".into()))?;
    let outcome = child::run(
        &shared.exe,
        args,
        dir,
        lang,
        &shared.limits,
        stdout_limit,
        |_| {},
    )
    .await;
    match outcome.end {
        End::Exited(0) => Ok(outcome),
        _ => Err(JobError::Failed(failure(lang, &outcome, &shared.limits))),
    }
}

/// The widest page image made.
const MAX_WIDTH: u32 = 4000;

pub(super) async fn page_image(
    shared: &Shared,
    id: &DocId,
    page: u32,
    width: u32,
    highlights: &[String],
) -> Result<PathBuf, JobError> {
    let status = shared.status(id).ok_or(JobError::NotFound)?;
    if status.kind != InputKind::Pdf {
        return Err(JobError::NotPdf);
    }
    if page == 0 || !(16..=MAX_WIDTH).contains(&width) {
        return Err(JobError::Invalid(format!(
            "page {page} at {width} px (pages count from 1; widths 16–{MAX_WIDTH})"
        )));
    }
    let mut h = Sha256::new();
    for t in highlights {
        h.update(t.as_bytes());
        h.update([0]);
    }
    let file = shared
        .ws
        .pages(id)
        .join(format!("{page}-{width}-{}.png", &hex(&h.finalize())[..16]));
    if file.is_file() {
        return Ok(file);
    }
    std::fs::create_dir_all(shared.ws.pages(id))?;
    let source = shared.ws.source(id, status.kind);
    let (page_arg, width_arg) = (page.to_string(), width.to_string());
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("page"),
        source.as_os_str(),
        OsStr::new("--page"),
        OsStr::new(&page_arg),
        OsStr::new("--width"),
        OsStr::new(&width_arg),
    ];
    for t in highlights {
        args.push(OsStr::new("--highlight"));
        args.push(OsStr::new(t));
    }
    args.push(OsStr::new("-o"));
    args.push(file.as_os_str());
    side_child(shared, &args, &shared.ws.dir(id), status.lang, 64 << 10).await?;
    if file.is_file() {
        Ok(file)
    } else {
        Err(JobError::Failed("perfprog page wrote no image".into()))
    }
}

pub(super) async fn diff(
    shared: &Shared,
    old: &DocId,
    new: &DocId,
    lang: Lang,
) -> Result<String, JobError> {
    for id in [old, new] {
        match shared.status(id).map(|s| s.state) {
            None => return Err(JobError::NotFound),
            Some(State::Done) => {}
            Some(_) => return Err(JobError::NotReady),
        }
    }
    let (a, b) = (shared.ws.model(old), shared.ws.model(new));
    let args = [
        OsStr::new("diff"),
        a.as_os_str(),
        b.as_os_str(),
        OsStr::new("--json"),
    ];
    let outcome = side_child(shared, &args, &shared.ws.dir(new), lang, DIFF_LIMIT).await?;
    if outcome.truncated {
        return Err(JobError::Failed(format!(
            "the difference is larger than {} MiB",
            DIFF_LIMIT >> 20
        )));
    }
    String::from_utf8(outcome.stdout).map_err(|_| JobError::Failed("the diff is not UTF-8".into()))
}
