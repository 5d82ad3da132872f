//! Batches: many inputs, parsed in parallel, delivered in input order
//! (feature `batch`).
//!
//! What a program that parses many notices needs, as `zhenggai parse` does
//! it, and the command line and the Python package (`python/`) share:
//!
//! * [`expand`]: paths → inputs ([`InputSpec`]): files as given,
//!   directories walked in name order (symbolic links followed only inside
//!   the directory unless [`Expansion::follow`]), nothing a walk meets left
//!   out without an error record or a note;
//! * [`parse_input`]: one input read (within the byte limit, never waiting
//!   on a FIFO) and parsed into its record, or its error record;
//! * [`for_each_ordered`]: the ordered parallel window that runs a function
//!   over the inputs and hands each output on in input order.
//!
//! ```no_run
//! use std::path::PathBuf;
//! use zhenggai::batch::{self, Expansion};
//!
//! let extensions = ["txt", "htm", "html"].map(String::from);
//! let how = Expansion { extensions: &extensions, ..Expansion::default() };
//! let inputs = batch::expand(&[PathBuf::from("corpus")], &how)?.inputs;
//! let parser = zhenggai::Parser::default();
//! let options = zhenggai::Options::default();
//! batch::for_each_ordered(
//!     &inputs,
//!     batch::default_jobs(),
//!     |input| batch::parse_input(&parser, input, &options),
//!     |_| 0,
//!     |_, output| {
//!         println!("{}", serde_json::to_string(&output.output)?);
//!         Ok(())
//!     },
//! )?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The runner: `jobs` workers (the calling thread and a rayon pool of
//! `jobs - 1`) claim items one by one and never run more than a window of
//! items ahead of the sink, so every core stays busy while memory stays
//! bounded however long the batch is. The window is counted in items and in
//! bytes: while the outputs waiting for their turn weigh more than
//! [`WINDOW_BYTES`], no worker starts an item other than the next one the
//! sink needs, so memory holds at most that budget plus one output per job
//! (one slow input cannot make its successors pile up). The calling thread
//! is the sink too, between its own items: no more threads than jobs compete
//! for the cores, and none is woken per output.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use crate::record::Output;
use crate::{Error, Options, Parser};

mod inputs;

pub use inputs::{ExpandError, Expanded, Expansion, InputSpec, Origin, contained, expand};

/// Items per worker that may wait, finished, for their turn at the sink.
const ITEMS_PER_JOB: usize = 16;

/// The weight of the outputs that may wait for their turn before workers
/// stop starting items other than the next one (64 MiB).
pub const WINDOW_BYTES: usize = 64 * 1024 * 1024;

/// The extensions a directory walk takes notices from unless told others
/// (`zhenggai parse`, the Python package's `parse_many`).
pub const NOTICE_EXTENSIONS: &[&str] = &["txt", "htm", "html"];

/// The number of worker threads to use when the user does not say.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// One input read and parsed: what [`parse_input`] gives.
#[derive(Debug)]
pub struct Parsed {
    /// How many bytes were read (0 when the input could not be read).
    pub bytes: u64,
    /// The input's record, or its error record.
    pub output: Output,
}

/// Reads one input (at most `options.input.max_bytes` of it) and parses it
/// with `parser`, as `zhenggai parse` does: the options are `options` with
/// the input's path and its format by extension ([`InputSpec::options`]).
/// An input that cannot be read or parsed gives its error record, never an
/// error: a file refused for its size keeps that size in `source.bytes`.
pub fn parse_input(parser: &Parser, input: &InputSpec, options: &Options) -> Parsed {
    let options = input.options(options);
    let bytes = match input.read(options.input.max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => {
            let size = match &error {
                Error::TooLarge { size, .. } => *size,
                _ => None,
            };
            let mut record = crate::error_record(None, &options, &error);
            record.source.bytes = size;
            return Parsed {
                bytes: 0,
                output: Output::Error(Box::new(record)),
            };
        }
    };
    let output = match parser.parse(&bytes, &options) {
        Ok(record) => Output::Record(Box::new(record)),
        Err(error) => Output::Error(Box::new(crate::error_record(Some(&bytes), &options, &error))),
    };
    Parsed {
        bytes: bytes.len() as u64,
        output,
    }
}

/// How far the sink has come and what waits for it, shared with the workers.
struct Progress {
    state: Mutex<Window>,
    advanced: Condvar,
    stopped: AtomicBool,
    /// The most items and bytes that may wait.
    items: usize,
    bytes: usize,
}

/// The sink's position and the weight of the outputs finished ahead of it.
#[derive(Default)]
struct Window {
    written: usize,
    held: usize,
}

impl Window {
    /// Whether item `index` may start: within the item window, and either
    /// the next one the sink needs or the waiting outputs are light enough.
    fn admits(&self, index: usize, items: usize, bytes: usize) -> bool {
        index < self.written + items && (index == self.written || self.held <= bytes)
    }
}

impl Progress {
    fn lock(&self) -> std::sync::MutexGuard<'_, Window> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Blocks until item `index` may start, or the run stops.
    fn wait_for_turn(&self, index: usize) -> bool {
        let mut window = self.lock();
        while !window.admits(index, self.items, self.bytes) && !self.stopped.load(Ordering::Acquire) {
            window = self
                .advanced
                .wait(window)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        !self.stopped.load(Ordering::Acquire)
    }

    /// Whether item `index` may start now (for the sink's own thread, which
    /// must not block on itself).
    fn admits(&self, index: usize) -> bool {
        self.lock().admits(index, self.items, self.bytes)
    }

    /// An output of `weight` bytes is finished and waits for its turn.
    fn hold(&self, weight: usize) {
        self.lock().held += weight;
    }

    /// The sink took outputs up to `written`, of `weight` bytes in all.
    fn advance_to(&self, written: usize, weight: usize) {
        let mut window = self.lock();
        window.written = written;
        window.held = window.held.saturating_sub(weight);
        drop(window);
        self.advanced.notify_all();
    }

    fn stop(&self) {
        self.stopped.store(true, Ordering::Release);
        self.advanced.notify_all();
    }
}

/// Runs `work` over `items` on `jobs` threads and passes each output to
/// `sink` with its item index, in item order. `weight` tells the bytes an
/// output holds (see [`WINDOW_BYTES`]). Stops at the first error of `sink`
/// (a closed stdout, an interrupt) and returns it.
pub fn for_each_ordered<T, R>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    weight: impl Fn(&R) -> usize + Sync,
    sink: impl FnMut(usize, R) -> io::Result<()>,
) -> io::Result<()>
where
    T: Sync,
    R: Send,
{
    for_each_within(items, jobs, WINDOW_BYTES, work, weight, sink)
}

/// [`for_each_ordered`] with a byte budget of its own.
fn for_each_within<T, R>(
    items: &[T],
    jobs: usize,
    window_bytes: usize,
    work: impl Fn(&T) -> R + Sync,
    weight: impl Fn(&R) -> usize + Sync,
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
        state: Mutex::new(Window::default()),
        advanced: Condvar::new(),
        stopped: AtomicBool::new(false),
        items: window,
        bytes: window_bytes,
    };
    let (sender, receiver) = mpsc::sync_channel::<(usize, usize, R)>(window);
    pool.in_place_scope(|scope| {
        for _ in 1..jobs {
            let sender = sender.clone();
            let (next, progress, work, weight) = (&next, &progress, &work, &weight);
            scope.spawn(move |_| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= items.len() || !progress.wait_for_turn(index) {
                        break;
                    }
                    let output = work(&items[index]);
                    let bytes = weight(&output);
                    progress.hold(bytes);
                    if sender.send((index, bytes, output)).is_err() {
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
            sunk.waiting.extend(
                receiver
                    .try_iter()
                    .map(|(index, bytes, output)| (index, (bytes, output))),
            );
            sunk.deliver(&mut sink, &progress)?;
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= items.len() {
                break;
            }
            // The calling thread keeps to the window too, by sinking what
            // the other workers finish (it never waits for its own turn: it
            // is the one that moves the window).
            while !progress.admits(index) {
                let Ok((finished, bytes, output)) = receiver.recv() else {
                    break;
                };
                sunk.waiting.insert(finished, (bytes, output));
                sunk.deliver(&mut sink, &progress)?;
            }
            let output = work(&items[index]);
            let bytes = weight(&output);
            progress.hold(bytes);
            sunk.waiting.insert(index, (bytes, output));
        }
        for (index, bytes, output) in receiver {
            sunk.waiting.insert(index, (bytes, output));
            sunk.deliver(&mut sink, &progress)?;
        }
        sunk.deliver(&mut sink, &progress)
    })
}

/// The outputs finished ahead of their turn (with their weight), and the
/// index of the next one the sink takes.
struct Sunk<R> {
    waiting: BTreeMap<usize, (usize, R)>,
    expected: usize,
}

impl<R> Sunk<R> {
    /// Hands the outputs that are next in line to the sink.
    fn deliver(&mut self, sink: &mut impl FnMut(usize, R) -> io::Result<()>, progress: &Progress) -> io::Result<()> {
        while let Some((bytes, output)) = self.waiting.remove(&self.expected) {
            if let Err(error) = sink(self.expected, output) {
                progress.stop();
                return Err(error);
            }
            self.expected += 1;
            progress.advance_to(self.expected, bytes);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_parse_to_their_record_or_error_record_as_the_command_line_does() {
        let root = std::env::temp_dir().join(format!("zhenggai-parse-input-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let page = root.join("page.htm");
        std::fs::write(&page, "<p>关于巡察整改进展情况的通报</p><p>教育提醒3人。</p>").unwrap();
        let big = root.join("big.txt");
        std::fs::write(&big, "关于巡察整改进展情况的通报\n".repeat(10)).unwrap();
        let parser = Parser::default();
        let options = Options::default();
        // A page by its extension; the path as given.
        let parsed = parse_input(&parser, &InputSpec::named(&page), &options);
        let Output::Record(record) = parsed.output else {
            panic!("{:?}", parsed.output)
        };
        assert_eq!(record.source.format.as_deref(), Some("html"));
        assert_eq!(record.source.path, Some(page.to_string_lossy().into_owned()));
        assert_eq!(parsed.bytes, std::fs::metadata(&page).unwrap().len());
        // Told it is text, the page is text.
        let as_text = Options {
            input: crate::InputOptions {
                html: Some(false),
                ..crate::InputOptions::default()
            },
            ..Options::default()
        };
        let Output::Record(record) = parse_input(&parser, &InputSpec::named(&page), &as_text).output else {
            panic!("a record")
        };
        assert_eq!(record.source.format.as_deref(), Some("text"));
        // Too large: refused from its size, which the error record keeps.
        let small = Options {
            input: crate::InputOptions {
                max_bytes: 100,
                ..crate::InputOptions::default()
            },
            ..Options::default()
        };
        let parsed = parse_input(&parser, &InputSpec::named(&big), &small);
        let Output::Error(error) = parsed.output else {
            panic!("an error record")
        };
        assert_eq!(error.error.code, "too_large");
        assert_eq!(error.source.bytes, Some(400));
        assert_eq!(parsed.bytes, 0);
        // Missing: an error record naming the path.
        let missing = root.join("missing.txt");
        let Output::Error(error) = parse_input(&parser, &InputSpec::named(&missing), &options).output else {
            panic!("an error record")
        };
        assert_eq!(error.error.code, "io_error");
        assert_eq!(error.source.path, Some(missing.to_string_lossy().into_owned()));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn outputs_arrive_in_item_order_whatever_the_jobs() {
        let items: Vec<u64> = (0..1000).collect();
        for jobs in [1, 2, 3] {
            let mut seen = Vec::new();
            for_each_ordered(
                &items,
                jobs,
                |&n| n * n,
                |_| 0,
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
            |_| 0,
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
    fn heavy_outputs_stop_workers_running_ahead() {
        use std::sync::atomic::AtomicUsize;
        let items: Vec<usize> = (0..200).collect();
        let sunk = AtomicUsize::new(0);
        let farthest_ahead = AtomicUsize::new(0);
        // Outputs of 10 bytes against a budget of 25: behind a slow item,
        // at most three finished outputs wait (30 > 25 stops the fourth
        // start), and one more may be running.
        for_each_within(
            &items,
            2,
            25,
            |&index| {
                if index % 50 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(30));
                }
                let ahead = index.saturating_sub(sunk.load(Ordering::SeqCst));
                farthest_ahead.fetch_max(ahead, Ordering::SeqCst);
                index
            },
            |_| 10,
            |index, output| {
                assert_eq!(index, output);
                sunk.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(sunk.load(Ordering::SeqCst), items.len());
        let ahead = farthest_ahead.load(Ordering::SeqCst);
        assert!(ahead <= 4, "{ahead} items ran ahead of the sink");
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let items: Vec<u32> = (0..500).collect();
        let mut calls = 0;
        let result = for_each_ordered(
            &items,
            2,
            |&n| n,
            |_| 0,
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
