//! `zhenggai._native`: the Rust side of the Python package `zhenggai`.
//!
//! Built on the library's [`zhenggai::Parser`] and its batch room
//! ([`zhenggai::batch`]: the CLI's walker and ordered runner;
//! [`zhenggai::tables`]: the CSV tables' rows). Records cross to Python as
//! the objects `json.loads(text, parse_float=decimal.Decimal)` makes of the
//! JSON that `zhenggai parse --format ndjson` writes, built directly from
//! the typed record ([`topy`]); the pure-Python layer
//! (`zhenggai/__init__.py`) checks arguments and builds the DataFrames.
//!
//! Nothing here panics across the boundary: bad arguments are `TypeError`
//! (PyO3's argument conversion) or `ValueError`; a batch whose thread died
//! is a `RuntimeError` naming why. The GIL is released while Rust parses,
//! walks or waits for the next record of a batch.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Mutex, TryLockError};
use std::thread::JoinHandle;
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};
use zhenggai::batch::{self, Expansion, InputSpec};
use zhenggai::record::Output;
use zhenggai::tables::{Cell, Kind, Table};
use zhenggai::{InputOptions, Options, TargetScript};

mod topy;

/// mimalloc for the Rust side's allocations, as the command line has it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Records a batch may hold, finished and in order, before the Python
/// iterator takes them (beyond the runner's own window).
const CHANNEL_RECORDS: usize = 16;

/// How often a batch waiting for its next record lets Python handle a
/// signal (Ctrl-C raises `KeyboardInterrupt` within this time).
const SIGNAL_POLL: Duration = Duration::from_millis(100);

fn value_error(error: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// The options of a parse from the keyword arguments.
fn options(
    to: Option<&str>,
    with_text: bool,
    encoding: Option<&str>,
    html: Option<bool>,
    max_bytes: Option<u64>,
) -> PyResult<Options> {
    if max_bytes == Some(0) {
        return Err(PyValueError::new_err("max_bytes=0: a notice has at least one byte"));
    }
    let to = match to {
        None | Some("original") => TargetScript::Original,
        Some("simplified") => TargetScript::Simplified,
        Some("traditional") => TargetScript::Traditional,
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "to='{other}': the scripts are 'original', 'simplified' and 'traditional'"
            )));
        }
    };
    let encoding = match encoding {
        None => None,
        Some(label) => Some(zhenggai::supported_encoding(label).ok_or_else(|| {
            PyValueError::new_err(format!(
                "encoding='{label}': unknown or unsupported (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)"
            ))
        })?),
    };
    Ok(Options {
        to,
        with_text,
        path: None,
        input: InputOptions {
            encoding,
            html,
            max_bytes: max_bytes.unwrap_or(InputOptions::default().max_bytes),
        },
    })
}

/// The record as Python objects ([`topy`]: what `json.loads` makes of the
/// CLI's JSON).
fn record<'py>(py: Python<'py>, output: &Output) -> PyResult<Bound<'py, PyAny>> {
    topy::to_python(py, output, &mut topy::Keys::default())
}

/// A parser: the rules, the segmenter and the converter, loaded once.
#[pyclass(module = "zhenggai._native", name = "Parser", frozen)]
struct PyParser {
    parser: zhenggai::Parser,
}

#[pymethods]
impl PyParser {
    /// The built-in rules, or the rules files of `rules_dir` and the jieba
    /// words of `user_dicts`; a file that does not read is a ValueError
    /// naming it.
    #[new]
    #[pyo3(signature = (rules_dir=None, user_dicts=Vec::new()))]
    fn new(py: Python<'_>, rules_dir: Option<PathBuf>, user_dicts: Vec<PathBuf>) -> PyResult<PyParser> {
        let built = py.detach(|| {
            let mut builder = zhenggai::Parser::builder();
            if let Some(directory) = rules_dir {
                builder = builder.rules_dir(directory)?;
            }
            for file in user_dicts {
                builder = builder.user_dict(file)?;
            }
            builder.build()
        });
        built.map(|parser| PyParser { parser }).map_err(value_error)
    }

    /// The record of the file at `path` (its error record when it cannot be
    /// read or parsed), `source.path` the path as given.
    #[pyo3(signature = (path, *, to=None, with_text=false, encoding=None, html=None, max_bytes=None))]
    // The keyword arguments of the Python method, one each.
    #[allow(clippy::too_many_arguments)]
    fn parse_path<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        to: Option<&str>,
        with_text: bool,
        encoding: Option<&str>,
        html: Option<bool>,
        max_bytes: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(to, with_text, encoding, html, max_bytes)?;
        if path.is_dir() {
            return Err(PyValueError::new_err(format!(
                "{} is a directory: parse takes one notice, parse_many takes directories",
                path.display()
            )));
        }
        let parsed = py.detach(|| batch::parse_input(&self.parser, &InputSpec::named(path), &options));
        record(py, &parsed.output)
    }

    /// The record of a notice's bytes (`source.path` null).
    #[pyo3(signature = (data, *, to=None, with_text=false, encoding=None, html=None, max_bytes=None))]
    // The keyword arguments of the Python method, one each.
    #[allow(clippy::too_many_arguments)]
    fn parse_bytes<'py>(
        &self,
        py: Python<'py>,
        data: &[u8],
        to: Option<&str>,
        with_text: bool,
        encoding: Option<&str>,
        html: Option<bool>,
        max_bytes: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(to, with_text, encoding, html, max_bytes)?;
        let output = py.detach(|| match self.parser.parse(data, &options) {
            Ok(record) => Output::Record(Box::new(record)),
            Err(error) => Output::Error(Box::new(zhenggai::error_record(Some(data), &options, &error))),
        });
        record(py, &output)
    }

    /// Starts a batch over files and directories (walked as `zhenggai
    /// parse` walks them): an iterator of the records, in input order, error
    /// records in place.
    #[pyo3(signature = (paths, *, jobs=None, ext=None, follow=false, to=None, with_text=false, encoding=None, html=None, max_bytes=None))]
    #[allow(clippy::too_many_arguments)]
    fn parse_many(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        ext: Option<Vec<String>>,
        follow: bool,
        to: Option<&str>,
        with_text: bool,
        encoding: Option<&str>,
        html: Option<bool>,
        max_bytes: Option<u64>,
    ) -> PyResult<Batch> {
        let options = options(to, with_text, encoding, html, max_bytes)?;
        let cores = batch::default_jobs();
        let jobs = match jobs {
            Some(0) => return Err(PyValueError::new_err("jobs=0: at least one job runs")),
            // More jobs than cores only compete (the CLI clamps too).
            Some(jobs) => jobs.min(cores),
            None => cores,
        };
        let extensions: Vec<String> = match ext {
            None => batch::NOTICE_EXTENSIONS
                .iter()
                .map(|extension| extension.to_string())
                .collect(),
            Some(extensions) => extensions
                .into_iter()
                .map(|extension| extension.trim_start_matches('.').to_owned())
                .collect(),
        };
        if paths.iter().any(|path| path.as_os_str() == "-") {
            return Err(PyValueError::new_err(
                "'-' (standard input) is the command line's: pass the bytes to parse() instead",
            ));
        }
        let expanded = py.detach(|| {
            let how = Expansion {
                extensions: &extensions,
                follow,
                ..Expansion::default()
            };
            batch::expand(&paths, &how)
        });
        let inputs = expanded.map_err(value_error)?.inputs;
        Batch::start(self.parser.clone(), inputs, options, jobs)
    }
}

/// What the batch thread sends: a record or an error record.
type Sent = Box<Output>;

/// A running batch: a thread runs the ordered window over the inputs and
/// feeds a bounded channel; `__next__` takes the records in order and makes
/// them Python objects.
///
/// One thread reads it at a time (another gets a RuntimeError, never a
/// deadlock: the lock is only tried while holding the GIL).
#[pyclass(module = "zhenggai._native", frozen)]
struct Batch {
    /// `None` once closed or finished.
    receiver: Mutex<Option<Receiver<Sent>>>,
    worker: Mutex<Option<JoinHandle<io::Result<()>>>>,
    /// Set by `close`, seen by a reader waiting for its record.
    closed: AtomicBool,
    /// The Python strings of the records' keys, shared by every record.
    keys: Mutex<topy::Keys>,
    inputs: usize,
}

impl Batch {
    fn start(parser: zhenggai::Parser, inputs: Vec<InputSpec>, options: Options, jobs: usize) -> PyResult<Batch> {
        let (sender, receiver): (SyncSender<Sent>, Receiver<Sent>) = sync_channel(CHANNEL_RECORDS);
        let count = inputs.len();
        let worker = std::thread::Builder::new()
            .name("zhenggai-batch".into())
            .spawn(move || {
                batch::for_each_ordered(
                    &inputs,
                    jobs,
                    |input| batch::parse_input(&parser, input, &options),
                    // A record in memory: about three times its notice's
                    // bytes (as the CLI counts the records of a CSV table).
                    |parsed| usize::try_from(parsed.bytes).unwrap_or(usize::MAX).saturating_mul(3),
                    |_, parsed| {
                        // A closed iterator ends the run (its receiver is gone).
                        sender
                            .send(Box::new(parsed.output))
                            .map_err(|_| io::Error::other("the iterator was closed"))
                    },
                )
            })
            .map_err(|error| PyRuntimeError::new_err(format!("cannot start the batch's thread: {error}")))?;
        Ok(Batch {
            receiver: Mutex::new(Some(receiver)),
            worker: Mutex::new(Some(worker)),
            closed: AtomicBool::new(false),
            keys: Mutex::new(topy::Keys::default()),
            inputs: count,
        })
    }

    /// Why the batch ended: nothing when every record came, else the error
    /// of its thread.
    fn finish(&self) -> PyResult<()> {
        let worker = self
            .worker
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the batch is broken"))?
            .take();
        match worker.map(JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(error))) => Err(PyRuntimeError::new_err(format!("the batch stopped: {error}"))),
            Some(Err(panic)) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                Err(PyRuntimeError::new_err(format!(
                    "the batch stopped: a worker panicked ({message}); please report it with the input"
                )))
            }
        }
    }
}

#[pymethods]
impl Batch {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next record; `None` (StopIteration) after the last.
    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut guard = match self.receiver.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::WouldBlock) => {
                return Err(PyRuntimeError::new_err(
                    "another thread is reading this batch: read a batch from one thread",
                ));
            }
            Err(TryLockError::Poisoned(_)) => return Err(PyRuntimeError::new_err("the batch is broken")),
        };
        let Some(receiver) = guard.as_mut() else {
            return Ok(None);
        };
        loop {
            if self.closed.load(Ordering::Acquire) {
                *guard = None;
                return Ok(None);
            }
            // `&mut`: a receiver is Send, not Sync.
            let waiting: &mut Receiver<Sent> = &mut *receiver;
            match py.detach(move || waiting.recv_timeout(SIGNAL_POLL)) {
                Ok(output) => {
                    let mut keys = self
                        .keys
                        .lock()
                        .map_err(|_| PyRuntimeError::new_err("the batch is broken"))?;
                    return topy::to_python(py, &*output, &mut keys).map(Some);
                }
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => {
                    *guard = None;
                    drop(guard);
                    return py.detach(|| self.finish()).map(|()| None);
                }
            }
        }
    }

    /// The number of inputs (files named and found by the walks).
    fn __len__(&self) -> usize {
        self.inputs
    }

    /// Stops the batch: no record is taken any more, and the workers stop
    /// after the inputs they are parsing.
    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        // Dropping the receiver ends the thread at its next record; a
        // reader waiting in another thread drops it within SIGNAL_POLL.
        if let Ok(mut guard) = self.receiver.try_lock() {
            guard.take();
        }
    }
}

/// The tables' columns: `[(table, [(column, kind), …]), …]`, kinds
/// `text`, `integer`, `number`, `date` (ISO text) and `boolean`.
#[pyfunction]
fn table_columns() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    Table::ALL
        .into_iter()
        .map(|table| {
            let columns = table
                .columns()
                .into_iter()
                .map(|column| {
                    let kind = match column.kind {
                        Kind::Text => "text",
                        Kind::Integer => "integer",
                        Kind::Number => "number",
                        Kind::Date => "date",
                        Kind::Boolean => "boolean",
                    };
                    (column.name, kind)
                })
                .collect();
            (table.name(), columns)
        })
        .collect()
}

/// Collects the tables' rows of records, column by column.
#[pyclass(module = "zhenggai._native", frozen)]
struct TableBuilder {
    /// Per table (in [`Table::ALL`] order), one list per column.
    columns: Vec<Vec<Py<PyList>>>,
}

impl TableBuilder {
    fn push(&self, py: Python<'_>, table: usize, cells: &[Cell]) -> PyResult<()> {
        for (cell, column) in cells.iter().zip(&self.columns[table]) {
            let value: Bound<'_, PyAny> = match cell {
                Cell::Text(text) => PyString::new(py, text).into_any(),
                Cell::Integer(value) => PyInt::new(py, *value).into_any(),
                Cell::Number(value) => PyFloat::new(py, value.as_f64()).into_any(),
                // ISO text, as records give days (`2024-05-08`).
                Cell::Date(day) => PyString::new(py, &day.to_string()).into_any(),
                Cell::Boolean(value) => PyBool::new(py, *value).to_owned().into_any(),
                Cell::Missing => py.None().into_bound(py),
            };
            column.bind(py).append(value)?;
        }
        Ok(())
    }
}

#[pymethods]
impl TableBuilder {
    /// Empty tables.
    #[new]
    fn new(py: Python<'_>) -> TableBuilder {
        let columns = Table::ALL
            .iter()
            .map(|table| table.columns().iter().map(|_| PyList::empty(py).unbind()).collect())
            .collect();
        TableBuilder { columns }
    }

    /// Adds the rows of one record (its JSON text): a row in every table it
    /// has items of; an error record only in the notices table.
    fn add(&self, py: Python<'_>, json: &str) -> PyResult<()> {
        let output = Output::from_json(json).map_err(|error| value_error(format!("not a zhenggai record: {error}")))?;
        let tables: Vec<(Table, Vec<Vec<Cell>>)> = match &output {
            Output::Record(record) => Table::rows_in_every_table(record).collect(),
            Output::Error(error) => Table::ALL
                .into_iter()
                .map(|table| (table, table.error_rows(error)))
                .collect(),
        };
        for (index, (_, rows)) in tables.into_iter().enumerate() {
            for row in rows {
                self.push(py, index, &row)?;
            }
        }
        Ok(())
    }

    /// The tables: `{table: {column: [values…]}}`, columns in order.
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let tables = PyDict::new(py);
        for (table, lists) in Table::ALL.into_iter().zip(&self.columns) {
            let columns = PyList::empty(py);
            for (column, list) in table.columns().into_iter().zip(lists) {
                columns.append((column.name, list.clone_ref(py)))?;
            }
            tables.set_item(table.name(), columns)?;
        }
        Ok(tables)
    }
}

/// The Rust side of `zhenggai`: parsing, batches and table rows.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyParser>()?;
    module.add_class::<Batch>()?;
    module.add_class::<TableBuilder>()?;
    module.add_function(wrap_pyfunction!(table_columns, module)?)?;
    module.add("SCHEMA_VERSION", zhenggai::record::SCHEMA_VERSION)?;
    module.add("SCHEMA", zhenggai::SCHEMA)?;
    Ok(())
}
