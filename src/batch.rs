//! Batch runner: many inputs, parsed in parallel, delivered in input order.
//!
//! Consumes a list of work items and a function that turns one item into its
//! output (a serialised record); hands every output to a sink in the order of
//! the items, as soon as it is its turn. Work runs on a rayon pool of `jobs`
//! threads, a window of items at a time, so memory holds at most one window
//! of outputs however long the batch is.

use std::io;

use rayon::prelude::*;

/// Items per worker thread in one window: large enough to keep every thread
/// busy while the sink writes, small enough to bound memory.
const ITEMS_PER_JOB: usize = 16;

/// The number of worker threads to use when the user does not say.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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
    let mut first_index = 0;
    for chunk in items.chunks(window) {
        let outputs: Vec<R> = pool.install(|| chunk.par_iter().map(&work).collect());
        for (offset, output) in outputs.into_iter().enumerate() {
            sink(first_index + offset, output)?;
        }
        first_index += chunk.len();
    }
    Ok(())
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
