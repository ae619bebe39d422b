//! One child process of the perfprog binary, bounded: its address space
//! and CPU time limited by `setrlimit` between fork and exec, its wall time
//! by a timeout after which its whole process group is killed, its output
//! read with a size bound. Its stderr's JSON lines (`build --progress
//! jsonl`) are handed over as [`Event`]s while it runs.

use std::path::Path;
use std::process::{ExitStatus, Stdio};

use rustix::process::{Pid, Resource, Rlimit, Signal};
use tokio::io::{AsyncRead, AsyncReadExt};

use super::Limits;
use crate::i18n::Lang;

/// The most of the child's stderr kept (the log and its last error line).
pub(super) const STDERR_LIMIT: usize = 1 << 20;
/// The most of a line of stderr looked at; a longer line is skipped.
const LINE_LIMIT: usize = 64 << 10;

/// What a child reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Event {
    /// A stage started (or, with `done` and `total`, pages were read).
    Stage {
        stage: String,
        done: u32,
        total: u32,
    },
    /// A warning of the extraction.
    Warning(String),
}

/// How a child ended.
#[derive(Debug)]
pub(super) enum End {
    /// It exited with this code.
    Exited(i32),
    /// A signal ended it (an abort, the kernel's CPU limit, a kill).
    Signalled(i32),
    /// It ran past the wall-time limit and was killed.
    TimedOut,
    /// It could not be started.
    Spawn(std::io::Error),
}

/// A child's end and output.
#[derive(Debug)]
pub(super) struct Outcome {
    pub end: End,
    /// Its stdout, up to the caller's bound; `truncated` if it wrote more.
    pub stdout: Vec<u8>,
    pub truncated: bool,
    /// Its stderr, up to [`STDERR_LIMIT`].
    pub stderr: Vec<u8>,
    /// The last `perfprog: error:` line's message, if any.
    pub error: Option<String>,
}

/// Runs `exe args…` in `dir` with `limits`, the messages in `lang`; hands
/// each progress line to `on_event`; keeps up to `stdout_limit` bytes of
/// stdout.
pub(super) async fn run(
    exe: &Path,
    args: &[&std::ffi::OsStr],
    dir: &Path,
    lang: Lang,
    limits: &Limits,
    stdout_limit: usize,
    mut on_event: impl FnMut(Event),
) -> Outcome {
    let mut outcome = Outcome {
        end: End::Exited(0),
        stdout: Vec::new(),
        truncated: false,
        stderr: Vec::new(),
        error: None,
    };
    let mut cmd = tokio::process::Command::new(exe);
    cmd.args(args)
        .current_dir(dir)
        .env("LC_ALL", locale(lang))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        // Its own process group, so that a kill reaches anything it started.
        .process_group(0);
    let memory = limits.job_memory_bytes;
    // CPU seconds: the wall time on every core the build uses, a backstop
    // should the wall-clock kill not come.
    let cpu = limits
        .job_timeout
        .as_secs()
        .saturating_mul(2)
        .saturating_add(1);
    // SAFETY: the closure runs in the forked child before exec, where only
    // async-signal-safe work is allowed: it makes three `setrlimit` system
    // calls (rustix's raw syscalls: no allocation, no lock) and nothing else.
    unsafe {
        cmd.pre_exec(move || {
            let limit = |n: u64| Rlimit {
                current: Some(n),
                maximum: Some(n),
            };
            rustix::process::setrlimit(Resource::As, limit(memory))?;
            rustix::process::setrlimit(Resource::Cpu, limit(cpu))?;
            // No core files of a crashing child in the workspace.
            rustix::process::setrlimit(Resource::Core, limit(0))?;
            Ok(())
        });
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            outcome.end = End::Spawn(e);
            return outcome;
        }
    };
    let group = child.id().and_then(|id| Pid::from_raw(id as i32));
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        outcome.end = End::Spawn(std::io::Error::other("no pipes to the child"));
        return outcome;
    };
    let Outcome {
        stdout: out_buf,
        truncated,
        stderr: err_buf,
        error,
        ..
    } = &mut outcome;
    let work = async {
        let (_, _, status) = tokio::join!(
            read_bounded(stdout, stdout_limit, out_buf, truncated),
            read_stderr(stderr, err_buf, error, &mut on_event),
            child.wait(),
        );
        status
    };
    let status = tokio::time::timeout(limits.job_timeout, work).await;
    outcome.end = match status {
        Ok(Ok(status)) => ended(status),
        Ok(Err(e)) => End::Spawn(e),
        Err(_) => {
            // The child is not reaped yet, so its id still names its group.
            if let Some(pid) = group {
                let _ = rustix::process::kill_process_group(pid, Signal::KILL);
            }
            let _ = child.kill().await;
            End::TimedOut
        }
    };
    outcome
}

/// The locale that selects `lang`'s messages in the child.
fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Tr => "tr_TR.UTF-8",
        Lang::En => "en_US.UTF-8",
    }
}

fn ended(status: ExitStatus) -> End {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => End::Exited(code),
        (None, Some(sig)) => End::Signalled(sig),
        (None, None) => End::Signalled(0),
    }
}

/// Reads `r` to its end, keeping up to `limit` bytes in `buf`; sets
/// `truncated` if there was more.
async fn read_bounded(
    mut r: impl AsyncRead + Unpin,
    limit: usize,
    buf: &mut Vec<u8>,
    truncated: &mut bool,
) {
    let mut chunk = vec![0u8; 16 << 10];
    loop {
        let n = match r.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        let room = limit.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..n.min(room)]);
        *truncated |= n > room;
    }
}

/// Reads the child's stderr to its end: keeps up to [`STDERR_LIMIT`] bytes
/// in `log`, hands each progress line to `on_event` and keeps the last
/// error line's message in `error`. Lines longer than [`LINE_LIMIT`] are
/// skipped.
async fn read_stderr(
    mut r: impl AsyncRead + Unpin,
    log: &mut Vec<u8>,
    error: &mut Option<String>,
    on_event: &mut impl FnMut(Event),
) {
    let mut chunk = vec![0u8; 16 << 10];
    let mut line: Vec<u8> = Vec::new();
    let mut overlong = false;
    loop {
        let n = match r.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let room = STDERR_LIMIT.saturating_sub(log.len());
        log.extend_from_slice(&chunk[..n.min(room)]);
        for part in chunk[..n].split_inclusive(|&b| b == b'\n') {
            let (body, ends) = match part.strip_suffix(b"\n") {
                Some(body) => (body, true),
                None => (part, false),
            };
            if line.len() + body.len() > LINE_LIMIT {
                overlong = true;
                line.clear();
            } else if !overlong {
                line.extend_from_slice(body);
            }
            if ends {
                if !overlong {
                    take_line(&line, error, on_event);
                }
                line.clear();
                overlong = false;
            }
        }
    }
    if !overlong && !line.is_empty() {
        take_line(&line, error, on_event);
    }
}

/// One line of stderr: a progress object, an error line, or other text.
fn take_line(line: &[u8], error: &mut Option<String>, on_event: &mut impl FnMut(Event)) {
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    if let Some(message) = text.strip_prefix("perfprog: error: ") {
        *error = Some(message.to_string());
        return;
    }
    if let Some(event) = parse_event(text) {
        on_event(event);
    }
}

/// A progress line of `build --progress jsonl`, or `None` for any other
/// line (the summary and a stage's end included).
pub(super) fn parse_event(line: &str) -> Option<Event> {
    if !line.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    if let Some(w) = value.get("warning").and_then(|w| w.as_str()) {
        return Some(Event::Warning(w.to_string()));
    }
    let stage = value.get("stage")?.as_str()?;
    if value.get("finished").is_some() {
        return None;
    }
    let count = |k: &str| {
        value
            .get(k)
            .and_then(|v| v.as_u64())
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
    };
    Some(Event::Stage {
        stage: stage.to_string(),
        done: count("done"),
        total: count("total"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_lines_parse() {
        assert_eq!(
            parse_event(r#"{"stage":"extract","done":12,"total":44}"#),
            Some(Event::Stage {
                stage: "extract".into(),
                done: 12,
                total: 44
            })
        );
        assert_eq!(
            parse_event(r#"{"warning":"page 3: costs: a row","page":3}"#),
            Some(Event::Warning("page 3: costs: a row".into()))
        );
        assert_eq!(parse_event(r#"{"stage":"render","finished":true}"#), None);
        assert_eq!(parse_event(r#"{"summary":{"files":3}}"#), None);
        assert_eq!(parse_event("perfprog: [  0.1s] extracting x.pdf"), None);
        assert_eq!(parse_event("{not json"), None);
    }

    #[test]
    fn the_lines_of_a_stream_are_read_with_bounds() {
        let long = "x".repeat(LINE_LIMIT + 10);
        let input = format!(
            "{{\"stage\":\"extract\"}}\n{long}\n{{\"warning\":\"w\"}}\nperfprog: error: boom\n{{\"stage\":\"render\"}}"
        );
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (mut log, mut error, mut events) = (Vec::new(), None, Vec::new());
        rt.block_on(read_stderr(
            input.as_bytes(),
            &mut log,
            &mut error,
            &mut |e| events.push(e),
        ));
        assert_eq!(events.len(), 3, "{events:?}");
        assert_eq!(events[1], Event::Warning("w".into()));
        assert_eq!(error.as_deref(), Some("boom"));
        assert_eq!(log.len(), input.len());
    }
}
