//! Batch runner: many inputs, parsed in parallel, delivered in input order.
//!
//! Consumes a list of work items and a function that turns one item into its
//! output (a serialised record); hands every output to a sink in the order of
//! the items, as soon as it is its turn. `jobs` workers (the calling thread
//! and a rayon pool of `jobs - 1`) claim items one by one and never run more
//! than a window of items ahead of the sink, so every core stays busy while
//! memory holds at most one window of outputs, however long the batch is.
//! The calling thread is the sink too, between its own items: no more
//! threads than jobs compete for the cores, and none is woken per output.

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
    // The calling thread is one of the `jobs` workers, and the sink between
    // its items: no thread more than `jobs` competes for the cores, and no
    // thread sleeps on the channel while there is work left.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs - 1)
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
        for _ in 1..jobs {
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
        let mut sunk = Sunk {
            waiting: BTreeMap::new(),
            expected: 0,
        };
        loop {
            sunk.waiting.extend(receiver.try_iter());
            sunk.deliver(&mut sink, &progress)?;
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= items.len() {
                break;
            }
            // The calling thread keeps to the window too, by sinking what
            // the other workers finish (it never waits for its own turn: it
            // is the one that moves the window).
            while index >= sunk.expected + window {
                let Ok((finished, output)) = receiver.recv() else {
                    break;
                };
                sunk.waiting.insert(finished, output);
                sunk.deliver(&mut sink, &progress)?;
            }
            sunk.waiting.insert(index, work(&items[index]));
        }
        for (index, output) in receiver {
            sunk.waiting.insert(index, output);
            sunk.deliver(&mut sink, &progress)?;
        }
        sunk.deliver(&mut sink, &progress)
    })
}

/// The outputs finished ahead of their turn, and the index of the next one
/// the sink takes.
struct Sunk<R> {
    waiting: BTreeMap<usize, R>,
    expected: usize,
}

impl<R> Sunk<R> {
    /// Hands the outputs that are next in line to the sink.
    fn deliver(&mut self, sink: &mut impl FnMut(usize, R) -> io::Result<()>, progress: &Progress) -> io::Result<()> {
        while let Some(output) = self.waiting.remove(&self.expected) {
            if let Err(error) = sink(self.expected, output) {
                progress.stop();
                return Err(error);
            }
            self.expected += 1;
            progress.advance_to(self.expected);
        }
        Ok(())
    }
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
    fn no_item_starts_a_window_ahead_of_the_sink() {
        use std::sync::atomic::AtomicUsize;
        let items: Vec<usize> = (0..400).collect();
        let jobs = 2;
        let window = jobs * ITEMS_PER_JOB;
        let sunk = AtomicUsize::new(0);
        let farthest_ahead = AtomicUsize::new(0);
        for_each_ordered(
            &items,
            jobs,
            |&index| {
                if index == 0 {
                    // A slow first item: the other items must wait for it.
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                let ahead = index.saturating_sub(sunk.load(Ordering::SeqCst));
                farthest_ahead.fetch_max(ahead, Ordering::SeqCst);
            },
            |_, ()| {
                sunk.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(sunk.load(Ordering::SeqCst), items.len());
        assert!(farthest_ahead.load(Ordering::SeqCst) < window, "{farthest_ahead:?}");
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
