//! How the pipeline's per-page work is run. The stages never start threads:
//! the caller hands the pipeline an [`Executor`] — [`Sequential`] where there
//! are no threads (a browser, a test), [`Threads`] in the command line.

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
/// cache) and taking every `workers()`-th index. Results come back in index
/// order; `None` where a worker did not deliver (it panicked).
pub fn map<S, T: Send>(
    exec: &dyn Executor,
    n: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize) -> T + Sync,
) -> Vec<Option<T>> {
    let workers = exec.workers().max(1);
    let slots: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    exec.run(&|w| {
        let mut state = init();
        for i in (w..n).step_by(workers) {
            let out = f(&mut state, i);
            if let Ok(mut s) = slots.lock() {
                s[i] = Some(out);
            }
        }
    });
    slots.into_inner().unwrap_or_default()
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
