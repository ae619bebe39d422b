//! The job runner of `perfprog serve` (issue 20 item 2), driven through its
//! API without HTTP: documents run in children of the release binary in a
//! scratch workspace; hostile files (a decompression bomb, a deeply nested
//! PDF, a file that makes its child abort, one that hangs) fail their own
//! jobs while the others finish; twenty uploads at once are all answered;
//! the workspace is listed again after a restart; no uploaded name becomes
//! a path.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use perfprog::i18n::Lang;
use perfprog::model::Layout;
use perfprog::serve::jobs::{DocId, InputKind, Jobs, Limits, State, Status, SubmitError};

use crate::nesting::mutate;
use crate::pdfgen;
use crate::util::{root, workdir};

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_perfprog"))
}

fn data(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data").join(name)).unwrap()
}

/// Kuzeykent's 2026 model JSON, made distinct by `n` trailing newlines.
fn model_copy(n: usize) -> Vec<u8> {
    let mut bytes = data("kuzeykent-2026-performans-programi.json");
    bytes.extend(std::iter::repeat_n(b'\n', n));
    bytes
}

/// A stand-in for the perfprog binary: a source holding `PERFPROG-TEST-ABORT`
/// makes it abort (SIGABRT), one holding `PERFPROG-TEST-SLEEP` makes it hang
/// for a minute (in a grandchild); anything else runs the real binary.
fn wrapper(dir: &Path) -> PathBuf {
    let path = dir.join("perfprog-wrapper.sh");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do\n  case \"$a\" in\n    */source.*)\n      \
         if grep -q PERFPROG-TEST-ABORT \"$a\"; then kill -ABRT $$; fi\n      \
         if grep -q PERFPROG-TEST-SLEEP \"$a\"; then sleep 60; fi;;\n  esac\ndone\n\
         exec '{}' \"$@\"\n",
        exe().display()
    );
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn failed_message(s: &Status) -> &str {
    match &s.state {
        State::Failed { message } => message,
        other => panic!("{}: expected a failure, got {other:?}", s.file_name),
    }
}

/// The peak resident memory of this process (`VmHWM`), in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fixture_completes_with_its_progress() {
    let ws = workdir("serve-jobs-fixture");
    let jobs = Jobs::open(&ws, Limits::default(), exe()).unwrap();
    let pdf = data("kuzeykent-2026-performans-programi.pdf");
    let start = Instant::now();
    let id = jobs
        .submit(
            "kuzeykent-2026-performans-programi.pdf",
            pdf.clone(),
            Lang::Tr,
        )
        .unwrap();
    assert_eq!(id, DocId::of(&pdf));

    // Watch the states while it runs.
    let seen: Arc<Mutex<Vec<State>>> = Arc::default();
    let watcher = {
        let (jobs, id, seen) = (jobs.clone(), id.clone(), Arc::clone(&seen));
        tokio::spawn(async move {
            loop {
                let s = jobs.status(&id).unwrap().state;
                let end = s.is_final();
                {
                    let mut seen = seen.lock().unwrap();
                    if seen.last() != Some(&s) {
                        seen.push(s);
                    }
                }
                if end {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        })
    };
    let status = jobs.wait(&id).await;
    let took = start.elapsed();
    watcher.await.unwrap();
    assert_eq!(status.state, State::Done, "{status:?}");
    assert_eq!(status.exit_code, Some(0));
    assert_eq!(status.kind, InputKind::Pdf);
    assert!(status.warnings.is_empty(), "{:?}", status.warnings);

    let seen = seen.lock().unwrap().clone();
    let stages: BTreeSet<String> = seen
        .iter()
        .filter_map(|s| match s {
            State::Running { stage, .. } => Some(stage.clone()),
            _ => None,
        })
        .collect();
    for stage in ["extract", "render"] {
        assert!(stages.contains(stage), "{stage} not in {seen:?}");
    }
    let pages = seen.iter().any(|s| {
        matches!(s, State::Running { stage, done, total: 44 } if stage == "extract" && *done > 0)
    });
    assert!(pages, "no pages read of 44 in {seen:?}");

    // The model is the fixture's, but for the stored file's name.
    let out = jobs.output(&id).unwrap();
    let got: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("programme.json")).unwrap()).unwrap();
    let mut want: serde_json::Value =
        serde_json::from_slice(&data("kuzeykent-2026-performans-programi.json")).unwrap();
    assert_eq!(got["source"]["file"], "source.pdf");
    want["source"]["file"] = got["source"]["file"].clone();
    assert!(got == want, "the job's model differs from the fixture's");
    for f in [
        "audit/audit.pdf",
        "audit/audit.json",
        "departments/index.csv",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let log = std::fs::read_to_string(ws.join(id.as_str()).join("log.txt")).unwrap();
    assert!(log.lines().last().unwrap().contains("\"summary\""), "{log}");

    let listed = jobs.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].institution.as_deref(),
        Some("Kuzeykent Belediyesi")
    );
    assert_eq!(listed[0].year, Some(2026));
    assert_eq!(listed[0].layout, Some(Layout::ProgramBudget));

    // The same bytes again: the same document, not run again.
    let again = jobs.submit("other-name.pdf", pdf, Lang::En).unwrap();
    assert_eq!(again, id);
    assert_eq!(jobs.status(&id).unwrap().state, State::Done);
    eprintln!(
        "fixture job: {:.2} s; peak RSS of this (server) process {:.0} MiB",
        took.as_secs_f64(),
        peak_rss_mib()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_files_fail_their_own_jobs_while_others_finish() {
    let dir = workdir("serve-jobs-hostile");
    let limits = Limits {
        job_timeout: Duration::from_secs(120),
        ..Limits::default()
    };
    let jobs = Jobs::open(&dir.join("ws"), limits, wrapper(&dir)).unwrap();
    // 2 GiB of spaces in a 2 MiB file.
    let bomb = pdfgen::bomb_pdf(2 << 30);
    let deep_array = ["[".repeat(100_000), "]".repeat(100_000)].concat();
    let deep = mutate::document(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".as_slice(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        deep_array.as_bytes(),
    ]);
    let abort = b"Performans Programi\nPERFPROG-TEST-ABORT\n".to_vec();
    let submit = |name: &str, bytes: Vec<u8>| jobs.submit(name, bytes, Lang::En).unwrap();
    let ids = [
        submit("bomb.pdf", bomb),
        submit("good-1.json", model_copy(1)),
        submit("deep.pdf", deep),
        submit("abort.txt", abort),
        submit("good-2.json", model_copy(2)),
    ];
    let mut ends = Vec::new();
    for id in &ids {
        ends.push(jobs.wait(id).await);
    }
    let bomb = failed_message(&ends[0]);
    assert!(bomb.contains("inflate"), "{bomb}");
    let deep = failed_message(&ends[2]);
    assert!(deep.contains("deeper than 512 levels"), "{deep}");
    let abort = failed_message(&ends[3]);
    assert!(abort.contains("signal 6"), "{abort}");
    assert_eq!(ends[3].exit_code, None);
    for good in [&ends[1], &ends[4]] {
        assert_eq!(good.state, State::Done, "{good:?}");
        assert_eq!(good.kind, InputKind::Model);
    }
    // A failed document runs again when uploaded again.
    let again = jobs
        .submit(
            "abort.txt",
            b"Performans Programi\nPERFPROG-TEST-ABORT\n".to_vec(),
            Lang::Tr,
        )
        .unwrap();
    assert_eq!(again, ids[3]);
    assert!(!jobs.status(&again).unwrap().state.is_final());
    let message = failed_message(&jobs.wait(&again).await).to_string();
    assert!(message.contains("sinyal 6"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_over_its_time_limit_is_killed() {
    let dir = workdir("serve-jobs-timeout");
    let limits = Limits {
        job_timeout: Duration::from_millis(1500),
        ..Limits::default()
    };
    let jobs = Jobs::open(&dir.join("ws"), limits, wrapper(&dir)).unwrap();
    let start = Instant::now();
    let id = jobs
        .submit("slow.txt", b"PERFPROG-TEST-SLEEP\n".to_vec(), Lang::En)
        .unwrap();
    let status = jobs.wait(&id).await;
    let message = failed_message(&status);
    assert!(message.contains("longer than 1.5 s"), "{message}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_uploads_at_once_are_all_answered() {
    let dir = workdir("serve-jobs-twenty");
    let jobs = Jobs::open(&dir.join("ws"), Limits::default(), exe()).unwrap();
    // Ten models that build, ten texts that are no programme.
    let uploads: Vec<(String, Vec<u8>)> = (0..20)
        .map(|i| {
            if i % 2 == 0 {
                (format!("model-{i}.json"), model_copy(i + 10))
            } else {
                (
                    format!("note-{i}.txt"),
                    format!("Not a programme {i}\n").into_bytes(),
                )
            }
        })
        .collect();
    let tasks: Vec<_> = uploads
        .into_iter()
        .map(|(name, bytes)| {
            let jobs = jobs.clone();
            tokio::task::spawn_blocking(move || {
                let id = jobs.submit(&name, bytes, Lang::En).unwrap();
                let state = jobs.status(&id).unwrap().state;
                (id, state)
            })
        })
        .collect();
    let mut ids = Vec::new();
    let mut positions = Vec::new();
    for t in tasks {
        let (id, state) = t.await.unwrap();
        match state {
            State::Queued { position } => positions.push(position),
            State::Running { .. } | State::Done | State::Failed { .. } => {}
        }
        ids.push(id);
    }
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 20);
    assert!(positions.len() >= 10, "{positions:?}");
    assert!(
        positions.iter().all(|&p| (1..=20).contains(&p)),
        "{positions:?}"
    );
    let (mut done, mut failed) = (0, 0);
    for id in &ids {
        match jobs.wait(id).await.state {
            State::Done => done += 1,
            State::Failed { .. } => failed += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((done, failed), (10, 10));
    assert_eq!(jobs.list().len(), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_and_bad_uploads_are_refused() {
    let dir = workdir("serve-jobs-refused");
    let limits = Limits {
        max_queued: 2,
        workers: 1,
        max_upload_bytes: 1 << 20,
        job_timeout: Duration::from_secs(5),
        ..Limits::default()
    };
    let jobs = Jobs::open(&dir.join("ws"), limits, wrapper(&dir)).unwrap();
    // One runs (hanging), two wait: the fourth is refused.
    let mut results = Vec::new();
    for i in 0..4 {
        let text = format!("PERFPROG-TEST-SLEEP {i}\n").into_bytes();
        results.push(jobs.submit("slow.txt", text, Lang::En));
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    assert!(results[..3].iter().all(Result::is_ok), "{results:?}");
    let full = results.pop().unwrap().unwrap_err();
    assert!(
        matches!(full, SubmitError::QueueFull { limit: 2 }),
        "{full:?}"
    );
    assert!(
        full.message(Lang::Tr).contains("sırada"),
        "{}",
        full.message(Lang::Tr)
    );

    let refused = |bytes: Vec<u8>| jobs.submit("x", bytes, Lang::En).unwrap_err();
    let big = refused(vec![b'a'; (1 << 20) + 1]);
    assert!(matches!(big, SubmitError::TooLarge { .. }), "{big:?}");
    for (bytes, says) in [
        (b"   \n".to_vec(), "empty"),
        (vec![0xff, 0xfe, 0x00, 0x01], "neither a PDF"),
        (
            b"{\"name\": \"not a model\"}".to_vec(),
            "not a perfprog model",
        ),
        (b"PK\x03\x04 not a zip".to_vec(), "not a workbook"),
    ] {
        let e = refused(bytes);
        assert!(e.to_string().contains(says), "{e}");
        assert!(
            e.message(Lang::En).contains(says),
            "{}",
            e.message(Lang::En)
        );
    }
}

#[test]
fn uploads_are_sniffed_from_their_bytes() {
    let kind = |b: &[u8]| InputKind::sniff(b).unwrap();
    assert_eq!(
        kind(&data("kuzeykent-2026-performans-programi.pdf")),
        InputKind::Pdf
    );
    assert_eq!(
        kind(&data("kuzeykent-2026-performans-programi.json")),
        InputKind::Model
    );
    let txt = std::fs::read(crate::util::fixture_txt()).unwrap();
    assert_eq!(kind(&txt), InputKind::Text);
    let text = String::from_utf8(data("kuzeykent-2026-performans-programi.json")).unwrap();
    let doc = perfprog::model::Document::from_json(&text).unwrap();
    let xlsx = perfprog::workbook::export_document(&doc).unwrap();
    assert_eq!(kind(&xlsx), InputKind::Workbook);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workspace_is_listed_again_after_a_restart() {
    let ws = workdir("serve-jobs-restart");
    let first = Jobs::open(&ws, Limits::default(), exe()).unwrap();
    let done = first.submit("a.json", model_copy(1), Lang::Tr).unwrap();
    assert_eq!(first.wait(&done).await.state, State::Done);

    // A crash left one job running and one queued; a stray folder beside.
    let mut crashed = first.status(&done).unwrap();
    let running_bytes = model_copy(2);
    crashed.id = DocId::of(&running_bytes);
    crashed.state = State::Running {
        stage: "render".into(),
        done: 0,
        total: 0,
    };
    let queued_bytes = model_copy(3);
    let mut queued = crashed.clone();
    queued.id = DocId::of(&queued_bytes);
    queued.state = State::Queued { position: 1 };
    for (s, bytes) in [(&crashed, &running_bytes), (&queued, &queued_bytes)] {
        let dir = ws.join(s.id.as_str());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("source.json"), bytes).unwrap();
        std::fs::write(dir.join("status.json"), serde_json::to_vec(s).unwrap()).unwrap();
    }
    std::fs::create_dir_all(ws.join("not-a-document")).unwrap();

    let second = Jobs::open(&ws, Limits::default(), exe()).unwrap();
    let listed: BTreeSet<DocId> = second.list().into_iter().map(|s| s.status.id).collect();
    let want: BTreeSet<DocId> = [done.clone(), crashed.id.clone(), queued.id.clone()].into();
    assert_eq!(listed, want);
    let summary = second
        .list()
        .into_iter()
        .find(|s| s.status.id == done)
        .unwrap();
    assert_eq!(summary.institution.as_deref(), Some("Kuzeykent Belediyesi"));
    let message = failed_message(&second.wait(&crashed.id).await).to_string();
    assert!(message.contains("yarıda kaldı"), "{message}");
    assert_eq!(second.wait(&queued.id).await.state, State::Done);
    // What a restart found is on disk for the next one.
    let third = Jobs::open(&ws, Limits::default(), exe()).unwrap();
    assert!(matches!(
        third.status(&crashed.id).unwrap().state,
        State::Failed { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_uploaded_name_becomes_a_path() {
    let ws = workdir("serve-jobs-names");
    let jobs = Jobs::open(&ws, Limits::default(), exe()).unwrap();
    let names = ["../../etc/passwd", "<script>.pdf", "..\\..\\x.txt", "\u{7}"];
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let bytes = format!("Not a programme {i}\n").into_bytes();
        ids.push(jobs.submit(name, bytes, Lang::En).unwrap());
    }
    let shown: Vec<String> = ids
        .iter()
        .map(|id| jobs.status(id).unwrap().file_name)
        .collect();
    assert_eq!(shown, ["passwd", "<script>.pdf", "x.txt", "?"]);
    for id in &ids {
        jobs.wait(id).await;
    }
    // Only id-named folders, each with its fixed file names.
    for entry in std::fs::read_dir(&ws).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        assert!(DocId::parse(&name).is_some(), "{name}");
        for f in std::fs::read_dir(entry.path()).unwrap() {
            let f = f.unwrap().file_name().into_string().unwrap();
            assert!(
                ["source.txt", "status.json", "log.txt", "out"].contains(&f.as_str()),
                "{f}"
            );
        }
    }
    for bad in [
        "../../etc/passwd",
        "ABC",
        &"A".repeat(64),
        &format!("{}/", "a".repeat(63)),
    ] {
        assert_eq!(DocId::parse(bad), None, "{bad}");
    }
    assert!(DocId::parse(ids[0].as_str()).is_some());
}
