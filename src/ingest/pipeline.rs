//! Parallel work in input order, feeding one writer; and the progress display of long runs.
//!
//! [`ordered`] maps items on a pool of `jobs` worker threads (rayon) in chunks, and hands each
//! chunk's results, in input order, to a sink on the calling thread — the single writer. A
//! bounded channel keeps at most two finished chunks waiting, so workers run ahead of the
//! writer (it is never starved) but memory stays bounded by a few chunks of documents, never
//! by the size of the input. Because results arrive in input order, what the writer does is
//! the same whatever `jobs` is.
//!
//! Must not: touch the store or know about documents; callers bring the work and the sink.

use rayon::prelude::*;
use std::io::IsTerminal;
use std::sync::mpsc::sync_channel;
use std::time::Duration;

/// Number of worker threads to use when the user does not say: the machine's cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Map `items` with `work` on `jobs` threads, `chunk` at a time, and give each chunk's results
/// in input order to `sink`. Stops at the first error of the sink.
pub fn ordered<I, T, E>(
    items: impl IntoIterator<Item = I, IntoIter: Send>,
    jobs: usize,
    chunk: usize,
    work: impl Fn(I) -> T + Sync + Send,
    mut sink: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    T: Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .thread_name(|i| format!("diplograph-extract-{i}"))
        .build()
        .expect("a thread pool can be built");
    let chunk = chunk.max(1);
    let (tx, rx) = sync_channel::<Vec<T>>(2);
    let mut items = items.into_iter();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            loop {
                let batch: Vec<I> = items.by_ref().take(chunk).collect();
                if batch.is_empty() {
                    break;
                }
                let done: Vec<T> = pool.install(|| batch.into_par_iter().map(work).collect());
                if tx.send(done).is_err() {
                    break; // the writer stopped
                }
            }
        });
        for done in rx.iter() {
            sink(done)?;
        }
        Ok(())
    })
}

/// A progress bar on stderr when stderr is a terminal; nothing otherwise.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// Whether a bar would be drawn at all (so callers can skip counting the work for it).
    pub fn shown(enabled: bool) -> bool {
        enabled && std::io::stderr().is_terminal()
    }

    pub fn new(total: usize, enabled: bool) -> Self {
        let bar = (Self::shown(enabled) && total > 1).then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} documents, {per_sec}, ETA {eta} {msg}",
                )
                .expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress { bar }
    }

    pub fn inc(&self, n: usize) {
        if let Some(b) = &self.bar {
            b.inc(n as u64);
        }
    }

    /// Run `f` with the bar hidden, so lines written to a terminal do not tear it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            ordered(
                0..1000,
                jobs,
                37,
                |i: i32| i * 2,
                |v| {
                    seen.extend(v);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
