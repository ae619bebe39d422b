//! How the pipeline's per-page work is run. The stages never start threads:
//! the caller hands the pipeline an [`Executor`] — [`Sequential`] where there
//! are no threads (a browser, a test), [`Threads`] in the command line.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs a task once per worker; the pipeline spreads pages over workers.
pub trait Executor: Sync {
    /// How many workers run at once (at least 1).
    fn workers(&self) -> usize;
    /// Runs `task(w)` for every worker `w` in `0..workers()` and returns
    /// when all are done.
    fn run(&self, task: &(dyn Fn(usize) + Sync));
}

/// Computes `f(state, i)` for every `i` in `0..n` on the executor's workers,
/// each worker with its own `state` (made by `init`: a page reader, a
/// cache) and taking the next index not yet taken whenever it is free (a
/// worker that drew the costly pages does not hold the others up). Results
/// come back in index order; `None` where a worker did not deliver (it
/// panicked).
pub fn map<S, T: Send>(
    exec: &dyn Executor,
    n: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize) -> T + Sync,
) -> Vec<Option<T>> {
    let slots: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    let next = AtomicUsize::new(0);
    exec.run(&|_| {
        if next.load(Ordering::Relaxed) >= n {
            return;
        }
        let mut state = init();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                break;
            }
            let out = f(&mut state, i);
            if let Ok(mut s) = slots.lock() {
                s[i] = Some(out);
            }
        }
    });
    slots.into_inner().unwrap_or_default()
}

/// Runs `a` and `b` on the executor's workers, side by side where there are
/// two; `None` for one that did not deliver (it panicked).
pub fn join<A: Send, B: Send>(
    exec: &dyn Executor,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (Option<A>, Option<B>) {
    let (a, b) = (Mutex::new(Some(a)), Mutex::new(Some(b)));
    let (ra, rb) = (Mutex::new(None), Mutex::new(None));
    map(
        exec,
        2,
        || (),
        |_, k| {
            if k == 0 {
                if let Some(f) = a.lock().ok().and_then(|mut f| f.take()) {
                    let out = f();
                    if let Ok(mut r) = ra.lock() {
                        *r = Some(out);
                    }
                }
            } else if let Some(f) = b.lock().ok().and_then(|mut f| f.take()) {
                let out = f();
                if let Ok(mut r) = rb.lock() {
                    *r = Some(out);
                }
            }
        },
    );
    (
        ra.into_inner().ok().flatten(),
        rb.into_inner().ok().flatten(),
    )
}

/// One worker, in the caller's thread.
pub struct Sequential;

impl Executor for Sequential {
    fn workers(&self) -> usize {
        1
    }

    fn run(&self, task: &(dyn Fn(usize) + Sync)) {
        task(0);
    }
}

/// Scoped OS threads, one per worker.
pub struct Threads(usize);

impl Threads {
    /// As many workers as the machine has cores (at most 8).
    pub fn available() -> Threads {
        Threads(
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 8),
        )
    }
}

impl Executor for Threads {
    fn workers(&self) -> usize {
        self.0.max(1)
    }

    fn run(&self, task: &(dyn Fn(usize) + Sync)) {
        if self.workers() == 1 {
            return task(0);
        }
        std::thread::scope(|s| {
            for w in 0..self.workers() {
                s.spawn(move || task(w));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_gives_every_result_in_index_order_whatever_the_workers() {
        for exec in [&Sequential as &dyn Executor, &Threads(2), &Threads(5)] {
            // Uneven tasks: the workers take indices as they come free.
            let out = map(
                exec,
                50,
                || 0usize,
                |calls, i| {
                    *calls += 1;
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    i * i
                },
            );
            let want: Vec<Option<usize>> = (0..50).map(|i| Some(i * i)).collect();
            assert_eq!(out, want);
        }
    }

    #[test]
    fn join_runs_both_sides() {
        for exec in [&Sequential as &dyn Executor, &Threads(2)] {
            let text = String::from("ab");
            let (a, b) = join(exec, || text.len(), || text.to_uppercase());
            assert_eq!((a, b.as_deref()), (Some(2), Some("AB")));
        }
    }
}
