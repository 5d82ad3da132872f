//! Batch runner: many inputs, parsed in parallel, delivered in input order.
//!
//! Consumes a list of work items and a function that turns one item into its
//! output (a serialised record); hands every output to a sink in the order of
//! the items, as soon as it is its turn. `jobs` workers on a rayon pool claim
//! items one by one and never run more than a window of items ahead of the
//! sink, so every core stays busy while memory holds at most one window of
//! outputs, however long the batch is.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Items per worker that may wait, finished, for their turn at the sink.
const ITEMS_PER_JOB: usize = 16;

/// The number of worker threads to use when the user does not say.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How far the sink has come, shared with the workers.
struct Progress {
    written: Mutex<usize>,
    advanced: Condvar,
    stopped: AtomicBool,
}

impl Progress {
    /// Blocks until `index` is within `window` of the sink, or the run stops.
    fn wait_for_turn(&self, index: usize, window: usize) -> bool {
        let mut written = self.written.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while index >= *written + window && !self.stopped.load(Ordering::Acquire) {
            written = self
                .advanced
                .wait(written)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        !self.stopped.load(Ordering::Acquire)
    }

    fn advance_to(&self, written: usize) {
        *self.written.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = written;
        self.advanced.notify_all();
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        self.advanced.notify_all();
    }
}

/// Runs `work` over `items` on `jobs` threads and passes each output to
/// `sink` with its item index, in item order. Stops at the first error of
/// `sink` (a closed stdout, say) and returns it.
pub fn for_each_ordered<T, R>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(usize, R) -> io::Result<()>,
) -> io::Result<()>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        for (index, item) in items.iter().enumerate() {
            sink(index, work(item))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(io::Error::other)?;
    let window = jobs * ITEMS_PER_JOB;
    let next = AtomicUsize::new(0);
    let progress = Progress {
        written: Mutex::new(0),
        advanced: Condvar::new(),
        stopped: AtomicBool::new(false),
    };
    let (sender, receiver) = mpsc::sync_channel::<(usize, R)>(window);
    pool.in_place_scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, progress, work) = (&next, &progress, &work);
            scope.spawn(move |_| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() || !progress.wait_for_turn(index, window) {
                        break;
                    }
                    if sender.send((index, work(&items[index]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, R> = BTreeMap::new();
        let mut expected = 0;
        for (index, output) in receiver {
            waiting.insert(index, output);
            while let Some(output) = waiting.remove(&expected) {
                if let Err(error) = sink(expected, output) {
                    progress.stop();
                    return Err(error);
                }
                expected += 1;
                progress.advance_to(expected);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_arrive_in_item_order_whatever_the_jobs() {
        let items: Vec<u64> = (0..1000).collect();
        for jobs in [1, 2, 3] {
            let mut seen = Vec::new();
            for_each_ordered(
                &items,
                jobs,
                |&n| n * n,
                |index, square| {
                    seen.push((index, square));
                    Ok(())
                },
            )
            .unwrap();
            let expected: Vec<(usize, u64)> = items.iter().map(|&n| (n as usize, n * n)).collect();
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let items: Vec<u32> = (0..500).collect();
        let mut calls = 0;
        let result = for_each_ordered(
            &items,
            2,
            |&n| n,
            |index, _| {
                calls += 1;
                if index == 40 {
                    Err(io::Error::from(io::ErrorKind::BrokenPipe))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(calls, 41);
    }
}
