//! `zhenggai parse`: many inputs in, one record per input out, in order.
//!
//! Consumes the expanded inputs and the output choices; parses inputs in
//! parallel (`--jobs`) and streams records in input order to stdout (JSON,
//! NDJSON or a CSV table) or to one file per input below `--output-dir`
//! (written atomically, never outside it). Errors become error records in
//! place, a message on stderr and exit code 1. A progress bar shows on a
//! terminal; a summary line ends a batch unless `--quiet`.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::inputs::InputSpec;
use super::{Outcome, ReadingArgs};
use zhenggai::emit::csv::{CsvTableWriter, Table};
use zhenggai::normalize::Converter;
use zhenggai::{Error, ErrorRecord, Options, Record, TargetScript};

/// How records leave the process.
pub enum Destination {
    /// Pretty JSON objects (`pretty`) or NDJSON lines on stdout.
    Json { pretty: bool },
    /// A flat CSV table on stdout.
    Csv { table: Table, bom: bool },
    /// One pretty JSON file per input below this directory.
    Directory(PathBuf),
}

/// Everything `parse` needs besides the inputs.
pub struct ParseSettings {
    pub destination: Destination,
    pub to: TargetScript,
    pub converter: Converter,
    pub with_text: bool,
    pub reading: ReadingArgs,
    pub jobs: usize,
    pub quiet: bool,
}

/// An input that yielded no record: its error record and the message for stderr.
struct Failure {
    record: ErrorRecord,
    message: String,
}

/// What a worker hands to the writer for one input.
struct Done {
    input_bytes: u64,
    /// The record, ready for the destination: serialised JSON, or the record
    /// itself for CSV.
    output: Result<Rendered, Box<Failure>>,
}

enum Rendered {
    Bytes(Vec<u8>),
    Record(Box<Record>),
}

fn options_for(input: &InputSpec, settings: &ParseSettings) -> Options {
    Options {
        to: settings.to,
        converter: settings.converter,
        with_text: settings.with_text,
        path: input.display(),
        input: settings.reading.for_input(input.extension().as_deref()),
    }
}

fn serialise<T: serde::Serialize>(value: &T, pretty: bool, capacity: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(capacity);
    let written = if pretty {
        serde_json::to_writer_pretty(&mut bytes, value)
    } else {
        serde_json::to_writer(&mut bytes, value)
    };
    if written.is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes
}

/// Room to reserve for the JSON of a notice of `input_bytes` bytes: a
/// record holds its notice's headings, items and quoted figures, about 2.5
/// times its size in compact JSON (more when pretty-printed, which then grows).
fn record_capacity(input_bytes: usize) -> usize {
    input_bytes * 3
}

/// Reads and parses one input, in a worker thread.
fn work(input: &InputSpec, settings: &ParseSettings) -> Done {
    let options = options_for(input, settings);
    let pretty = !matches!(settings.destination, Destination::Json { pretty: false });
    let failure = |bytes: Option<&[u8]>, error: Error| {
        Box::new(Failure {
            record: zhenggai::error_record(bytes, &options, &error),
            message: error.to_string(),
        })
    };
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(source) => {
            let error = Error::Io {
                path: input.name(),
                source,
            };
            return Done {
                input_bytes: 0,
                output: Err(failure(None, error)),
            };
        }
    };
    let output = zhenggai::parse(&bytes, &options)
        .map(|record| match settings.destination {
            Destination::Csv { .. } => Rendered::Record(Box::new(record)),
            _ => Rendered::Bytes(serialise(&record, pretty, record_capacity(bytes.len()))),
        })
        .map_err(|error| failure(Some(&bytes), error));
    Done {
        input_bytes: bytes.len() as u64,
        output,
    }
}

/// The output file of an input below `directory`.
fn output_path(directory: &Path, input: &InputSpec) -> PathBuf {
    match input {
        InputSpec::Stdin => directory.join("stdin.json"),
        InputSpec::File { relative, .. } => {
            let mut name = relative.as_os_str().to_owned();
            name.push(".json");
            directory.join(PathBuf::from(name))
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a
/// rename, so a reader never sees half a record.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".tmp-{}", std::process::id()));
    let temporary = PathBuf::from(temporary);
    fs::write(&temporary, bytes)?;
    fs::rename(&temporary, path).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// Where records go, owning the writer.
enum Sink<W: Write> {
    Json { out: io::BufWriter<W>, pretty: bool },
    Csv(Box<CsvTableWriter<io::BufWriter<W>>>),
    Directory(PathBuf),
}

impl<W: Write> Sink<W> {
    fn new(destination: &Destination, out: W) -> io::Result<Self> {
        let out = io::BufWriter::new(out);
        Ok(match destination {
            Destination::Json { pretty } => Sink::Json { out, pretty: *pretty },
            Destination::Csv { table, bom } => Sink::Csv(Box::new(CsvTableWriter::new(out, *table, *bom)?)),
            Destination::Directory(directory) => Sink::Directory(directory.clone()),
        })
    }

    fn record(&mut self, input: &InputSpec, rendered: Rendered) -> io::Result<()> {
        match (self, rendered) {
            (Sink::Json { out, .. }, Rendered::Bytes(bytes)) => out.write_all(&bytes),
            (Sink::Csv(csv), Rendered::Record(record)) => csv.write(&record),
            (Sink::Directory(directory), Rendered::Bytes(bytes)) => {
                write_atomically(&output_path(directory, input), &bytes)
            }
            // `work` renders for the destination, so no other pairing occurs.
            _ => Ok(()),
        }
    }

    /// Error records go where records go; a CSV table has no place for them
    /// (the message on stderr and the exit code report them).
    fn error(&mut self, input: &InputSpec, record: &ErrorRecord) -> io::Result<()> {
        match self {
            Sink::Json { out, pretty } => out.write_all(&serialise(record, *pretty, 0)),
            Sink::Csv(_) => Ok(()),
            Sink::Directory(directory) => write_atomically(&output_path(directory, input), &serialise(record, true, 0)),
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        match self {
            Sink::Json { out, .. } => out.flush(),
            Sink::Csv(csv) => csv.flush(),
            Sink::Directory(_) => Ok(()),
        }
    }
}

fn progress_bar(total: usize, quiet: bool) -> ProgressBar {
    if quiet || total < 2 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} notices {elapsed} (eta {eta})") {
        bar.set_style(style);
    }
    bar
}

/// Runs `parse` over `inputs`, writing to `out`.
pub fn run(inputs: &[InputSpec], settings: &ParseSettings, out: &mut dyn Write) -> io::Result<Outcome> {
    let started = Instant::now();
    let bar = progress_bar(inputs.len(), settings.quiet);
    let mut sink = Sink::new(&settings.destination, out)?;
    let (mut parsed, mut failed, mut bytes_in) = (0usize, 0usize, 0u64);
    zhenggai::batch::for_each_ordered(
        inputs,
        settings.jobs,
        |input| work(input, settings),
        |index, done| {
            bar.inc(1);
            bytes_in += done.input_bytes;
            let input = &inputs[index];
            match done.output {
                Ok(rendered) => {
                    parsed += 1;
                    sink.record(input, rendered)
                }
                Err(failure) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("zhenggai: {}: {}", input.name(), failure.message));
                    sink.error(input, &failure.record)
                }
            }
        },
    )?;
    sink.finish()?;
    bar.finish_and_clear();
    if !settings.quiet && inputs.len() > 1 {
        let seconds = started.elapsed().as_secs_f64();
        let megabytes = bytes_in as f64 / 1_000_000.0;
        eprintln!(
            "zhenggai: {parsed} parsed, {failed} errors, {megabytes:.1} MB in {seconds:.2} s ({:.1} MB/s)",
            megabytes / seconds.max(1e-9)
        );
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_mirror_the_input_tree_inside_the_directory() {
        let directory = Path::new("/out");
        let file = |path: &str| InputSpec::File {
            path: PathBuf::from(path),
            relative: super::super::inputs::contained(Path::new(path)),
        };
        assert_eq!(
            output_path(directory, &file("a/b.txt")),
            PathBuf::from("/out/a/b.txt.json")
        );
        assert_eq!(
            output_path(directory, &file("../../etc/x.html")),
            PathBuf::from("/out/etc/x.html.json")
        );
        assert_eq!(
            output_path(directory, &InputSpec::Stdin),
            PathBuf::from("/out/stdin.json")
        );
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let directory = std::env::temp_dir().join(format!("zhenggai-atomic-{}", std::process::id()));
        let path = directory.join("x/y.json");
        write_atomically(&path, b"{}\n").unwrap();
        write_atomically(&path, b"{\"a\":1}\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{\"a\":1}\n");
        assert_eq!(fs::read_dir(directory.join("x")).unwrap().count(), 1);
        fs::remove_dir_all(&directory).unwrap();
    }
}
