//! `zhenggai parse`: many inputs in, one record per input out, in order.
//!
//! Consumes the expanded inputs and the output choices; parses inputs in
//! parallel (`--jobs`) and streams records in input order to stdout (JSON,
//! NDJSON or a CSV table) or to one file per input below `--output-dir`.
//! Errors become error records in place, a message on stderr and exit
//! code 1. A progress bar shows on a terminal; a summary line ends a batch
//! unless `--quiet`.
//!
//! What it guarantees: each record is written whole and flushed before the
//! next (a killed run loses at most the record being written; a record never
//! sits in a buffer); Ctrl-C or SIGTERM ends the run after a whole record,
//! with a summary and exit code 128 + the signal. Below `--output-dir`, two
//! inputs never share a file (the run is refused before it starts, naming
//! both), and files are written only inside the directory: no symbolic link
//! below it is followed, and each file is written to a temporary file
//! created exclusively under a random name beside it (on Linux, written
//! unnamed and named only once whole), then renamed over it.
//! Only a failure of the output itself ends a run early (exit 3), with a
//! message naming the path.

use std::collections::HashMap;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Outcome, ReadingArgs, Stop, signals, warn};
use crate::batch::InputSpec;
use crate::emit::csv::CsvTableWriter;
use crate::emit::xlsx::WorkbookWriter;
use crate::tables::Table;

use crate::record::GenreKind;
use crate::record::Output;
use crate::{ErrorRecord, Options, Record, TargetScript};

/// How records leave the process.
pub(crate) enum Destination {
    /// Pretty JSON objects (`pretty`) or NDJSON lines on stdout.
    Json { pretty: bool },
    /// A flat CSV table on stdout.
    Csv { table: Table, bom: bool },
    /// One JSON file per input below `directory`, pretty or on one line.
    Directory { directory: PathBuf, pretty: bool },
    /// One CSV file per table below `directory` (`<table>.csv`).
    CsvFiles {
        directory: PathBuf,
        tables: Vec<Table>,
        bom: bool,
    },
    /// A workbook, one sheet per table: on stdout, or as
    /// `directory/zhenggai.xlsx`.
    Xlsx { directory: Option<PathBuf> },
}

impl Destination {
    /// Whether records are rendered as JSON bytes, and pretty.
    fn json(&self) -> Option<bool> {
        match self {
            Destination::Json { pretty } | Destination::Directory { pretty, .. } => Some(*pretty),
            Destination::Csv { .. } | Destination::CsvFiles { .. } | Destination::Xlsx { .. } => None,
        }
    }
}

/// Everything `parse` needs besides the inputs.
pub(crate) struct ParseSettings {
    pub destination: Destination,
    pub to: TargetScript,
    pub parser: crate::Parser,
    pub with_text: bool,
    pub reading: ReadingArgs,
    pub jobs: usize,
    pub quiet: bool,
}

/// What a worker hands to the writer for one input.
struct Done {
    input_bytes: u64,
    /// Whether the record is a rectification notice (its genre), for the
    /// closing summary.
    notice: bool,
    /// Bytes of memory the output holds, for the batch window.
    weight: usize,
    /// The record, ready for the destination: serialised JSON, or the record
    /// itself for CSV; or the error record of an input that yielded none
    /// (its message is the one for stderr).
    output: Result<Rendered, Box<ErrorRecord>>,
}

enum Rendered {
    Bytes(Vec<u8>),
    Record(Box<Record>),
}

/// The options every input is parsed with (each adds its path and format).
fn base_options(settings: &ParseSettings) -> Options {
    Options {
        to: settings.to,
        with_text: settings.with_text,
        ..settings.reading.options()
    }
}

fn serialise<T: serde::Serialize>(value: &T, pretty: bool, capacity: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(capacity);
    let written = if pretty {
        crate::emit::json::to_writer_pretty(&mut bytes, value)
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
fn work(input: &InputSpec, settings: &ParseSettings, options: &Options) -> Done {
    let parsed = crate::batch::parse_input(&settings.parser, input, options);
    let (notice, output) = match parsed.output {
        Output::Record(record) => {
            let notice = record.genre.kind == GenreKind::RectificationNotice;
            let rendered = match settings.destination.json() {
                None => Rendered::Record(record),
                Some(pretty) => Rendered::Bytes(serialise(&record, pretty, record_capacity(parsed.bytes as usize))),
            };
            (notice, Ok(rendered))
        }
        Output::Error(record) => (false, Err(record)),
    };
    let weight = match &output {
        Ok(Rendered::Bytes(json)) => json.len(),
        // A record in memory: about the size of its compact JSON.
        Ok(Rendered::Record(_)) => record_capacity(parsed.bytes as usize),
        Err(_) => 0,
    };
    Done {
        input_bytes: parsed.bytes,
        notice,
        weight,
        output,
    }
}

/// The output file of an input below `directory`: its relative path with
/// `.extension` added (`stdin.extension` for standard input).
fn output_path(directory: &Path, input: &InputSpec, extension: &str) -> PathBuf {
    match input.relative() {
        None => directory.join(format!("stdin.{extension}")),
        Some(relative) => {
            let mut name = relative.as_os_str().to_owned();
            name.push(".");
            name.push(extension);
            directory.join(PathBuf::from(name))
        }
    }
}

/// Refuses a run in which two inputs would write the same output file
/// (`<relative path>.extension`).
pub(super) fn check_distinct_outputs(directory: &Path, inputs: &[InputSpec], extension: &str) -> Result<(), Stop> {
    let mut seen: HashMap<PathBuf, usize> = HashMap::with_capacity(inputs.len());
    for (index, input) in inputs.iter().enumerate() {
        let path = output_path(directory, input, extension);
        if let Some(&first) = seen.get(&path) {
            return Err(Stop::Usage(format!(
                "--output-dir: {} and {} would both be written to {}; \
                 name their common parent directory instead, or run once per directory",
                inputs[first].name(),
                input.name(),
                path.display()
            )));
        }
        seen.insert(path, index);
    }
    Ok(())
}

/// Writes `bytes` to `directory/relative` without leaving `directory`: the
/// directories on the way are created or must be real directories (a
/// symbolic link is an error, never followed), and the file is written to a
/// temporary file created exclusively beside it, then renamed over it (a
/// reader never sees half a record; a link at the destination is replaced,
/// not followed). Errors name the path.
pub(super) fn write_inside(directory: &Path, relative: &Path, bytes: &[u8]) -> io::Result<()> {
    let named = |path: &Path, error: io::Error| {
        io::Error::new(error.kind(), format!("cannot write {}: {error}", path.display()))
    };
    let Some(file_name) = relative.file_name() else {
        return Err(named(&directory.join(relative), io::Error::other("no file name")));
    };
    let mut parent = directory.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        parent.push(part);
        match fs::symlink_metadata(&parent) {
            Ok(metadata) if metadata.is_dir() => {}
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(named(
                    &parent,
                    io::Error::other("it is a symbolic link; output is never written through links"),
                ));
            }
            Ok(_) => return Err(named(&parent, io::Error::other("it exists and is not a directory"))),
            Err(error) if error.kind() == io::ErrorKind::NotFound => match fs::create_dir(&parent) {
                Ok(()) => {}
                Err(error)
                    if error.kind() == io::ErrorKind::AlreadyExists
                        && fs::symlink_metadata(&parent).is_ok_and(|m| m.is_dir()) => {}
                Err(error) => return Err(named(&parent, error)),
            },
            Err(error) => return Err(named(&parent, error)),
        }
    }
    let path = parent.join(file_name);
    let written = match write_unnamed(&parent, bytes) {
        Some(written) => written,
        None => {
            let mut temporary = temporary_builder()
                .tempfile_in(&parent)
                .map_err(|error| named(&path, error))?;
            temporary.write_all(bytes).map_err(|error| named(&path, error))?;
            temporary.into_temp_path()
        }
    };
    written.persist(&path).map_err(|error| named(&path, error.error))?;
    Ok(())
}

/// Temporary names: hidden, random, created exclusively (`O_EXCL`, retried
/// on a clash), with the mode of any new file (0666 less the umask).
fn temporary_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".zhenggai-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Linux: writes `bytes` to a file with no name in `directory` (`O_TMPFILE`),
/// then links it under a temporary name: a process killed while writing
/// (even by SIGKILL) leaves nothing behind. `None` where the kernel, the
/// file system or a missing `/proc` does not allow it (the caller then
/// writes a named temporary file).
#[cfg(target_os = "linux")]
fn write_unnamed(directory: &Path, bytes: &[u8]) -> Option<tempfile::TempPath> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::os::fd::AsRawFd;
    let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
    let file = fs::File::from(rustix::fs::open(directory, flags, Mode::from_raw_mode(0o666)).ok()?);
    (&file).write_all(bytes).ok()?;
    let unnamed = format!("/proc/self/fd/{}", file.as_raw_fd());
    temporary_builder()
        .make_in(directory, |path| {
            rustix::fs::linkat(CWD, unnamed.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW).map_err(io::Error::from)
        })
        .ok()
        .map(tempfile::NamedTempFile::into_temp_path)
}

#[cfg(not(target_os = "linux"))]
fn write_unnamed(_directory: &Path, _bytes: &[u8]) -> Option<tempfile::TempPath> {
    None
}

/// Where records go, owning the writer.
enum Sink<W: Write> {
    Json {
        out: W,
        pretty: bool,
    },
    Csv(Box<CsvTableWriter<io::BufWriter<W>>>),
    Directory {
        directory: PathBuf,
        pretty: bool,
    },
    /// The tables being written, each to a temporary file beside its final
    /// name, renamed over it when the run ends.
    CsvFiles(Vec<TableFile>),
    /// The workbook being written, then saved to stdout or to a file.
    Xlsx {
        workbook: Box<WorkbookWriter>,
        out: W,
        path: Option<PathBuf>,
    },
}

/// The workbook's file name below `--output-dir`.
const WORKBOOK_NAME: &str = "zhenggai.xlsx";

/// A CSV table being written below `--output-dir`.
struct TableFile {
    writer: CsvTableWriter<io::BufWriter<tempfile::NamedTempFile>>,
    path: PathBuf,
}

impl TableFile {
    /// Starts `directory/<table>.csv` as a temporary file beside it.
    fn create(directory: &Path, table: Table, bom: bool) -> io::Result<TableFile> {
        let path = directory.join(format!("{}.csv", table.name()));
        let named =
            |error: io::Error| io::Error::new(error.kind(), format!("cannot write {}: {error}", path.display()));
        let temporary = temporary_builder().tempfile_in(directory).map_err(named)?;
        let writer = CsvTableWriter::new(io::BufWriter::new(temporary), table, bom).map_err(named)?;
        Ok(TableFile { writer, path })
    }

    /// Flushes the table and renames it to its name (never through a link:
    /// a link there is replaced).
    fn finish(mut self) -> io::Result<()> {
        let named =
            |error: io::Error| io::Error::new(error.kind(), format!("cannot write {}: {error}", self.path.display()));
        self.writer.flush().map_err(named)?;
        let buffered = self.writer.into_inner().map_err(named)?;
        let temporary = buffered.into_inner().map_err(|error| named(error.into_error()))?;
        temporary.persist(&self.path).map_err(|error| named(error.error))?;
        Ok(())
    }
}

/// An error writing to standard output, saying so.
pub(super) fn stdout_error(error: io::Error) -> io::Error {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return error;
    }
    io::Error::new(error.kind(), format!("cannot write to standard output: {error}"))
}

impl<W: Write> Sink<W> {
    fn new(destination: &Destination, out: W) -> io::Result<Self> {
        Ok(match destination {
            Destination::Json { pretty } => Sink::Json { out, pretty: *pretty },
            Destination::Csv { table, bom } => Sink::Csv(Box::new(
                CsvTableWriter::new(io::BufWriter::new(out), *table, *bom).map_err(stdout_error)?,
            )),
            Destination::Directory { directory, pretty } => {
                create_output_dir(directory)?;
                Sink::Directory {
                    directory: directory.clone(),
                    pretty: *pretty,
                }
            }
            Destination::CsvFiles { directory, tables, bom } => {
                create_output_dir(directory)?;
                let files = tables.iter().map(|table| TableFile::create(directory, *table, *bom));
                Sink::CsvFiles(files.collect::<io::Result<_>>()?)
            }
            Destination::Xlsx { directory } => {
                if let Some(directory) = directory {
                    create_output_dir(directory)?;
                }
                Sink::Xlsx {
                    workbook: Box::new(WorkbookWriter::new()?),
                    out,
                    path: directory.as_ref().map(|directory| directory.join(WORKBOOK_NAME)),
                }
            }
        })
    }

    /// Writes one record whole and flushes it.
    fn record(&mut self, input: &InputSpec, rendered: Rendered) -> io::Result<()> {
        match (self, rendered) {
            (Sink::Json { out, .. }, Rendered::Bytes(bytes)) => {
                out.write_all(&bytes).and_then(|()| out.flush()).map_err(stdout_error)
            }
            (Sink::Csv(csv), Rendered::Record(record)) => {
                csv.write(&record).and_then(|()| csv.flush()).map_err(stdout_error)
            }
            (Sink::Directory { directory, .. }, Rendered::Bytes(bytes)) => {
                write_inside(directory, &relative_output(input, "json"), &bytes)
            }
            (Sink::CsvFiles(files), Rendered::Record(record)) => {
                for file in files {
                    file.writer.write(&record)?;
                }
                Ok(())
            }
            (Sink::Xlsx { workbook, .. }, Rendered::Record(record)) => workbook.write(&record),
            // `work` renders for the destination, so no other pairing occurs.
            _ => Ok(()),
        }
    }

    /// Error records go where records go; in a CSV table, the input's row
    /// with its error.
    fn error(&mut self, input: &InputSpec, record: &ErrorRecord) -> io::Result<()> {
        match self {
            Sink::Json { out, pretty } => out
                .write_all(&serialise(record, *pretty, 0))
                .and_then(|()| out.flush())
                .map_err(stdout_error),
            Sink::Csv(csv) => csv.write_error(record).and_then(|()| csv.flush()).map_err(stdout_error),
            Sink::Directory { directory, pretty } => write_inside(
                directory,
                &relative_output(input, "json"),
                &serialise(record, *pretty, 0),
            ),
            Sink::CsvFiles(files) => {
                for file in files {
                    file.writer.write_error(record)?;
                }
                Ok(())
            }
            Sink::Xlsx { workbook, .. } => workbook.write_error(record),
        }
    }
}

impl<W: Write> Sink<W> {
    /// Ends the output: flushes what a table writes before its first row
    /// (its header); renames the table files to their names (whole rows, also
    /// after an interrupt).
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Csv(mut csv) => csv.flush().map_err(stdout_error),
            Sink::CsvFiles(files) => files.into_iter().try_for_each(TableFile::finish),
            Sink::Xlsx {
                workbook,
                mut out,
                path,
            } => {
                let bytes = workbook.finish()?;
                match path {
                    // Written whole beside its name, then renamed over it.
                    Some(path) => {
                        let directory = path.parent().unwrap_or(Path::new("."));
                        write_inside(directory, Path::new(WORKBOOK_NAME), &bytes)
                    }
                    None => out.write_all(&bytes).and_then(|()| out.flush()).map_err(stdout_error),
                }
            }
            Sink::Json { .. } | Sink::Directory { .. } => Ok(()),
        }
    }
}

/// Creates `--output-dir` (and its parents) if missing.
pub(super) fn create_output_dir(directory: &Path) -> io::Result<()> {
    fs::create_dir_all(directory)
        .map_err(|error| io::Error::new(error.kind(), format!("cannot create {}: {error}", directory.display())))
}

/// The output file of an input, relative to `--output-dir`, with
/// `.extension` added.
pub(super) fn relative_output(input: &InputSpec, extension: &str) -> PathBuf {
    output_path(Path::new(""), input, extension)
}

/// Why the writer stopped the run early: a signal.
#[derive(Debug)]
struct Interrupted(i32);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "interrupted by {}", signals::name(self.0))
    }
}

impl std::error::Error for Interrupted {}

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
pub(crate) fn run(inputs: &[InputSpec], settings: &ParseSettings, out: &mut dyn Write) -> Result<Outcome, Stop> {
    if let Destination::Directory { directory, .. } = &settings.destination {
        check_distinct_outputs(directory, inputs, "json")?;
    }
    signals::watch();
    let started = Instant::now();
    let bar = progress_bar(inputs.len(), settings.quiet);
    let options = base_options(settings);
    let mut sink = Sink::new(&settings.destination, out)?;
    let (mut parsed, mut notices, mut failed, mut bytes_in) = (0usize, 0usize, 0usize, 0u64);
    let ran = crate::batch::for_each_ordered(
        inputs,
        settings.jobs,
        |input| work(input, settings, &options),
        |done| done.weight,
        |index, done| {
            bar.inc(1);
            bytes_in += done.input_bytes;
            let input = &inputs[index];
            match done.output {
                Ok(rendered) => {
                    parsed += 1;
                    notices += usize::from(done.notice);
                    sink.record(input, rendered)?;
                }
                Err(record) => {
                    failed += 1;
                    bar.suspend(|| warn(format_args!("{}: {}", input.name(), record.error.message)));
                    sink.error(input, &record)?;
                }
            }
            match signals::received() {
                Some(signal) => Err(io::Error::other(Interrupted(signal))),
                None => Ok(()),
            }
        },
    );
    bar.finish_and_clear();
    // The output ends whole even when a signal ended the run.
    let finished = sink.finish();
    let ran = ran.and(finished);
    let interrupted = match ran {
        Ok(()) => None,
        Err(error) => match error.get_ref().and_then(|inner| inner.downcast_ref::<Interrupted>()) {
            Some(Interrupted(signal)) => Some(*signal),
            None => return Err(Stop::Run(error)),
        },
    };
    let summary = || {
        let seconds = started.elapsed().as_secs_f64();
        let megabytes = bytes_in as f64 / 1_000_000.0;
        format!(
            "{notices} notices, {} other documents (not_a_notice), {failed} errors, {megabytes:.1} MB in {seconds:.2} s ({:.1} MB/s)",
            parsed - notices,
            megabytes / seconds.max(1e-9)
        )
    };
    if let Some(signal) = interrupted {
        let written = parsed + failed;
        warn(format_args!(
            "{}: stopped after {written} of {} inputs, each record whole; {}",
            Interrupted(signal),
            inputs.len(),
            summary()
        ));
        return Ok(Outcome::Interrupted(signal));
    }
    if !settings.quiet && inputs.len() > 1 {
        warn(summary());
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
    use crate::batch::{Origin, contained};

    fn file(path: &str) -> InputSpec {
        InputSpec::File {
            path: PathBuf::from(path),
            relative: contained(Path::new(path)),
            origin: Origin::Named,
        }
    }

    #[test]
    fn outputs_mirror_the_input_tree_inside_the_directory() {
        let directory = Path::new("/out");
        assert_eq!(
            output_path(directory, &file("a/b.txt"), "json"),
            PathBuf::from("/out/a/b.txt.json")
        );
        assert_eq!(
            output_path(directory, &file("../../etc/x.html"), "json"),
            PathBuf::from("/out/etc/x.html.json")
        );
        assert_eq!(
            output_path(directory, &InputSpec::Stdin, "html"),
            PathBuf::from("/out/stdin.html")
        );
    }

    #[test]
    fn inputs_that_share_an_output_are_refused_by_name() {
        let directory = Path::new("out");
        assert!(check_distinct_outputs(directory, &[file("a/x.txt"), file("b/x.txt")], "json").is_ok());
        match check_distinct_outputs(directory, &[file("x.txt"), file("y.txt"), file("../x.txt")], "json") {
            Err(Stop::Usage(message)) => {
                assert!(message.contains("x.txt and ../x.txt"), "{message}");
                assert!(message.contains("out/x.txt.json"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    fn temporary(name: &str) -> PathBuf {
        let directory = std::env::temp_dir().join(format!("zhenggai-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&directory);
        fs::create_dir_all(&directory).unwrap();
        directory
    }

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let directory = temporary("atomic");
        let relative = Path::new("x/y.json");
        write_inside(&directory, relative, b"{}\n").unwrap();
        write_inside(&directory, relative, b"{\"a\":1}\n").unwrap();
        assert_eq!(fs::read(directory.join(relative)).unwrap(), b"{\"a\":1}\n");
        assert_eq!(fs::read_dir(directory.join("x")).unwrap().count(), 1);
        fs::remove_dir_all(&directory).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_never_follow_links_out_of_the_directory() {
        use std::os::unix::fs::symlink;
        let directory = temporary("links");
        let outside = temporary("links-outside");
        // A linked subdirectory is refused, not written through.
        symlink(&outside, directory.join("sub")).unwrap();
        let error = write_inside(&directory, Path::new("sub/a.txt.json"), b"{}").unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert!(error.to_string().contains("sub"), "{error}");
        // A link planted at the destination is replaced, its target untouched.
        fs::write(outside.join("victim"), b"keep").unwrap();
        symlink(outside.join("victim"), directory.join("b.txt.json")).unwrap();
        write_inside(&directory, Path::new("b.txt.json"), b"{}").unwrap();
        assert_eq!(fs::read(outside.join("victim")).unwrap(), b"keep");
        assert!(
            !fs::symlink_metadata(directory.join("b.txt.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
        // A file where a directory must go names the path.
        fs::write(directory.join("c"), b"").unwrap();
        let error = write_inside(&directory, Path::new("c/d.txt.json"), b"{}").unwrap_err();
        assert!(error.to_string().contains("not a directory"), "{error}");
        fs::remove_dir_all(&directory).unwrap();
        fs::remove_dir_all(&outside).unwrap();
    }
}
