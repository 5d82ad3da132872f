//! Command-line interface: arguments, inputs, output streams and exit codes.
//!
//! The only module (with `main.rs`) that knows about clap, files, signals and
//! terminals. `parse` writes one record per input in input order, error
//! records included; `compare` tabulates records across units; `segment`
//! prints jieba tokens; `schema` prints the output contract. Exit codes (see
//! `Outcome` and `Stop`): 0 every input parsed, 1 some input failed (its
//! error record is in the stream), 2 the command line cannot run as given,
//! 3 the run itself failed (its output could not be written), 130/143 ended
//! by SIGINT/SIGTERM at a record boundary.

mod annotate;
mod compare;
mod parse;
mod shell;
mod signals;

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, BufWriter, ErrorKind, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::TargetScript;
use crate::convert::Converter;
use crate::input::InputOptions;
use crate::normalize::normalize;
use crate::segment::ChineseSegmenter;
use crate::tables::Table;

/// Turn published Chinese rectification-progress notices (巡察/巡视整改进展情况的通报)
/// into structured, schema-valid JSON.
#[derive(Debug, Parser)]
#[command(name = "zhenggai", version = env!("ZHENGGAI_VERSION"), about, long_about = None)]
#[command(after_help = "Examples:\n  \
    zhenggai parse corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt\n  \
    zhenggai parse --to simplified notice.txt | jq '.issues[].problem'\n  \
    zhenggai parse notices/ > records.ndjson          # a directory tree, one record per line\n  \
    zhenggai parse --output-dir out/ notices/         # one .json per notice, mirroring the tree\n  \
    zhenggai parse --format csv --table quantities notices/ > quantities.csv\n  \
    zhenggai compare --format html notices/ > report.html\n  \
    cat notice.txt | zhenggai parse -\n  \
    zhenggai segment --format json notice.txt\n  \
    zhenggai rules export my-rules                    # the tables as TOML: edit, then\n  \
    zhenggai parse --rules my-rules notices/          # parse with the edited copy\n  \
    zhenggai schema > notice.schema.json\n  \
    zhenggai completions bash > ~/.local/share/bash-completion/completions/zhenggai\n  \
    zhenggai man > zhenggai.1 && man ./zhenggai.1\n\n\
Exit status:\n  \
    0  every input parsed\n  \
    1  some inputs failed: each has an error record in its place and a line on stderr\n  \
    2  the command line cannot run as given (usage, clashing outputs, unreadable --files-from list)\n  \
    3  the run itself failed: its output could not be written (the message names the path)\n  \
    130, 143  interrupted by SIGINT or SIGTERM: the records written are whole; a second signal ends at once")]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Parse notices into records (one per input, in input order).
    ///
    /// Inputs are files, directories (walked recursively in sorted order,
    /// keeping .txt .htm .html files, see --ext and --follow) or `-` for
    /// standard input. Each yields one JSON record following `zhenggai
    /// schema`. An input that cannot be read or decoded yields an error
    /// record `{"schema_version", "source", "error"}` in its place, a message
    /// on stderr, and exit code 1 at the end; the other inputs are still
    /// parsed. Records are written whole, one at a time, and flushed as they
    /// are written: a run stopped by Ctrl-C or SIGTERM ends after a whole
    /// record.
    Parse {
        #[command(flatten)]
        batch: BatchArgs,
        /// Output format [default: json for one input, ndjson for several].
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// With --format csv: which items become rows (several, comma-separated,
        /// with --output-dir: one file each). Every row of an item table starts
        /// with path, title, publisher, target and genre. `notices` has
        /// compare's columns: one row per input, every metric, and the row of
        /// an input that failed (status `error`, and its error).
        #[arg(
            long = "table",
            value_enum,
            value_delimiter = ',',
            value_name = "TABLE,...",
            required_if_eq("format", "csv")
        )]
        tables: Vec<Table>,
        /// With --format csv: start with a UTF-8 byte-order mark (for Excel).
        #[arg(long)]
        bom: bool,
        /// Write below DIR instead of stdout. With --format json (the
        /// default) or ndjson: one `<relative path>.json` per input (pretty,
        /// or one line), a file's path relative to the directory argument it
        /// was found in (or the path given, without `..` and root), standard
        /// input as `stdin.json`; two inputs that would share a file stop the
        /// run before it starts. With --format csv: one `<table>.csv` per
        /// --table. Files are written atomically (a temporary file created
        /// exclusively beside them, then renamed; mode as for any new file,
        /// 0666 less the umask), never through a symbolic link below DIR.
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        #[command(flatten)]
        script: ScriptArgs,
        /// Include the decoded text (`text` field) that the spans index.
        #[arg(long)]
        with_text: bool,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Compare units: one row per notice with its inspection facts, counts of
    /// issues and measures, and every standard metric.
    ///
    /// Inputs are notices (parsed as by `parse`), records saved by `parse`,
    /// or directories of either; `-` reads standard input, so `zhenggai
    /// parse notices/ | zhenggai compare -` works. Records are told by their
    /// content (JSON naming `schema_version`: NDJSON, pretty records, arrays
    /// of them), wherever they come from; a .json file found in a directory
    /// that holds no records is skipped with a note (name it to parse it as
    /// a document). Documents that are not rectification notices
    /// (announcements, feedback news, audit reports …: the record's `genre`)
    /// are left out and counted on stderr, unless --all-genres keeps them.
    /// No input at all is exit 1, as for `parse`.
    Compare {
        #[command(flatten)]
        batch: BatchArgs,
        /// `table`: aligned for a terminal; `csv`; `json`; `html`: a
        /// self-contained report page with a bar chart per metric.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// With --format csv: start with a UTF-8 byte-order mark (for Excel).
        #[arg(long)]
        bom: bool,
        /// Keep documents that are not rectification notices (their `genre`
        /// column says what they are).
        #[arg(long)]
        all_genres: bool,
        /// With --format table or csv: these columns, in this order
        /// (comma-separated CSV header names, `all` for every one). The table's
        /// default is path, target, the counts and the main metrics (those no
        /// row states left out); the CSV's is every column.
        #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
        columns: Vec<String>,
        /// With --format table, csv or json: two rows more at the end, the
        /// total of each metric over the notices that state it (no total
        /// for a rate) and its median, their path `(total 合计)` and
        /// `(median 中位数)`. The report always shows them.
        #[arg(long)]
        summary: bool,
        #[command(flatten)]
        script: ScriptArgs,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Write an HTML page per notice that shows what was extracted where.
    ///
    /// The page holds the original text with every span of the record
    /// marked by kind (issues, measures, findings, statuses, headings,
    /// quantities, dates, documents, summed metrics, contacts, page
    /// furniture set aside, genre cues, diagnostics), each mark showing on
    /// hover what was extracted there, and a side panel (facts, outline,
    /// issues and measures, metrics and their parts, genre and its cues,
    /// diagnostics, contacts) whose entries link to their marks. It is one
    /// self-contained file: inline style and script, nothing loaded from
    /// elsewhere, everything from the notice escaped. One input's page goes
    /// to stdout; several inputs need --output-dir. An input that cannot be
    /// read or decoded gets no page: a message on stderr and exit code 1.
    Annotate {
        #[command(flatten)]
        batch: BatchArgs,
        /// Write one `<relative path>.html` per input below DIR instead of
        /// stdout (needed for several inputs): paths as `parse --output-dir`
        /// makes them, files written atomically, never through a link.
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        #[command(flatten)]
        script: ScriptArgs,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Print the word tokens of a notice (jieba-rs with the domain dictionary).
    ///
    /// Tokens are cut from the Simplified matching copy; spans and printed
    /// words refer to the original text (for an HTML page, its extracted text).
    Segment {
        /// File to segment; `-` reads standard input.
        #[arg(value_name = "INPUT")]
        input: PathBuf,
        /// `plain`: words separated by spaces, one line per input line;
        /// `json`: one object per token with span and part-of-speech tag.
        #[arg(long, value_enum, default_value_t = SegmentFormat::Plain)]
        format: SegmentFormat,
        #[command(flatten)]
        reading: ReadingArgs,
        /// Also cut with the words of this jieba dictionary (`word [frequency]
        /// [tag]` a line); may be given several times.
        #[arg(long = "user-dict", value_name = "FILE")]
        user_dicts: Vec<PathBuf>,
    },
    /// Write, or check, the rules files: the tables of units, metric
    /// phrases, heading and status cues, non-quantities, genre cues and
    /// layout (portal furniture) cues that parsing reads.
    ///
    /// `zhenggai rules export DIR` writes the built-in tables as TOML files;
    /// edit a copy (one line adds a unit), check it with `zhenggai rules
    /// check DIR`, and parse with `--rules DIR`.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Print the output contract as JSON Schema 2020-12, or with --markdown
    /// as the field reference (docs/output.md).
    Schema {
        /// Print the field reference as Markdown instead: a table per object
        /// of the record (field, type, meaning), generated from the schema's
        /// descriptions.
        #[arg(long)]
        markdown: bool,
    },
    /// Print the completion script for a shell (subcommands, options and
    /// their values complete on Tab).
    ///
    /// Save it where the shell looks, e.g. for bash `zhenggai completions
    /// bash > ~/.local/share/bash-completion/completions/zhenggai`; for zsh
    /// a file `_zhenggai` in a folder of `$fpath`; for fish
    /// `~/.config/fish/completions/zhenggai.fish`.
    Completions {
        /// The shell to complete for.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or with --dir write one page per
    /// subcommand.
    ///
    /// Read it with `zhenggai man > zhenggai.1 && man ./zhenggai.1`, or install
    /// the pages of `--dir` in a `man1` folder of the manual path.
    Man {
        /// Write `zhenggai.1`, `zhenggai-parse.1`, … (one page per command)
        /// into DIR, created if missing, instead of printing the main page;
        /// pages already there are replaced. Prints the paths written.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What `zhenggai rules` does.
#[derive(Debug, Subcommand)]
pub(crate) enum RulesAction {
    /// Write the built-in rules files (units.toml, metrics.toml,
    /// outline.toml, quantities.toml, genre.toml, layout.toml) into DIR,
    /// created if missing; an existing file is never overwritten.
    Export {
        /// The folder to write into.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Read the rules files of DIR and run every row's `example`: each unit
    /// must be found in its example, each metric row must give its key,
    /// each heading or status row must decide its example, no quantity may
    /// cover a non-quantity row's phrase, each genre table's example must
    /// read as its kind, each layout table's example must lose its word to
    /// the furniture. Lists the rows that fail (exit 1).
    Check {
        /// The folder of rules files (a file it lacks stays built in).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The script of the output's text fields.
#[derive(Debug, Clone, Args)]
pub(crate) struct ScriptArgs {
    /// Script of the text fields (title, publisher, headings, problems,
    /// labels, items; for compare the row's title, publisher, target, body
    /// and round, saved records included). Canonical fields (units, kinds)
    /// are always Simplified.
    #[arg(long, value_enum, default_value_t = ToScript::Original)]
    to: ToScript,
    /// OpenCC implementation for --to: `default` (built in, pure Rust) or
    /// `system` (the C++ libopencc; needs a build with `--features system-opencc`).
    #[arg(long, value_name = "CONVERTER", default_value = "default", value_parser = converter_parser())]
    converter: Converter,
}

/// Rules and words a parse reads besides the built-in ones.
#[derive(Debug, Clone, Args)]
pub(crate) struct RulesArgs {
    /// Read the rules files of DIR (as `zhenggai rules export DIR` writes
    /// them) in place of the built-in ones; a file DIR lacks stays built in.
    /// A file that does not read stops the run with its line and field.
    #[arg(long = "rules", value_name = "DIR")]
    rules_dir: Option<PathBuf>,
    /// Add the words of a jieba dictionary (`word [frequency] [tag]` a line)
    /// to the segmenter that cuts quantity labels; may be given several times.
    #[arg(long = "user-dict", value_name = "FILE")]
    user_dicts: Vec<PathBuf>,
}

impl RulesArgs {
    /// The parser these arguments ask for, loaded before any input is read.
    fn parser(&self, converter: Converter) -> Result<crate::Parser, Stop> {
        let mut builder = crate::Parser::builder().converter(converter);
        if let Some(dir) = &self.rules_dir {
            builder = builder.rules_dir(dir).map_err(|error| Stop::Usage(error.to_string()))?;
        }
        for file in &self.user_dicts {
            builder = builder
                .user_dict(file)
                .map_err(|error| Stop::Usage(error.to_string()))?;
        }
        builder.build().map_err(|error| Stop::Run(io::Error::other(error)))
    }
}

/// Inputs and how to run over them.
#[derive(Debug, Clone, Args)]
pub(crate) struct BatchArgs {
    /// Files, directories or `-` (standard input, once).
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    inputs: Vec<PathBuf>,
    /// Also read input paths from FILE (`-`: standard input): one per line,
    /// verbatim (spaces and `#` are part of the name; a CRLF line end is one
    /// line end; empty lines are skipped).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// With --files-from: paths end with NUL bytes (`find -print0`), not lines.
    #[arg(long, short = '0', requires = "files_from")]
    null: bool,
    /// File extensions taken from directories (comma-separated) [default:
    /// txt,htm,html; for compare also json,ndjson,jsonl, the records
    /// `parse` saves].
    #[arg(long, value_name = "EXT,...", value_delimiter = ',')]
    ext: Option<Vec<String>>,
    /// Follow symbolic links in directory walks wherever they lead (loops
    /// are detected). Without it a walk reads links to files inside the
    /// directory given, gives an error record for a link that leads outside
    /// it, and does not enter linked directories (a note on stderr says so).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Worker threads [default: all cores; more than the cores are clamped
    /// to them, with a note].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// No progress bar and no summary line on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,
    #[command(flatten)]
    reading: ReadingArgs,
}

/// How inputs are read.
#[derive(Debug, Clone, Args)]
pub(crate) struct ReadingArgs {
    /// Read inputs in this encoding instead of detecting it (utf-8, gb18030,
    /// gbk, gb2312, big5, utf-16le, utf-16be). A byte-order mark still wins.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Inputs larger than this many bytes are an error record (`too_large`);
    /// no input is read past it (stdin and pipes included).
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Read every input as an HTML page (default: .html/.htm files and
    /// content that starts like a page).
    #[arg(long)]
    html: bool,
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::input::supported_encoding(label).ok_or_else(|| {
        format!("unknown or unsupported encoding {label:?} (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)")
    })
}

/// `--converter`: every name is listed in the help; one this build lacks is
/// a usage error (exit 2) saying how to build it.
fn converter_parser() -> impl TypedValueParser<Value = Converter> {
    PossibleValuesParser::new(Converter::NAMES).try_map(|name| name.parse::<Converter>())
}

impl ReadingArgs {
    /// The options every input is read with; an input's own
    /// ([`crate::batch::InputSpec::options`]) add its path and, unless
    /// `--html`, HTML by its extension.
    fn options(&self) -> crate::Options {
        crate::Options {
            input: InputOptions {
                encoding: self.encoding,
                max_bytes: self.max_bytes,
                html: self.html.then_some(true),
            },
            ..crate::Options::default()
        }
    }
}

/// The extensions `compare` takes from directories: notices and the
/// records `parse` saves (told apart by their content).
const COMPARE_EXTENSIONS: &[&str] = &["txt", "htm", "html", "json", "ndjson", "jsonl"];

impl BatchArgs {
    /// The inputs, after printing the walk's notes; directories are
    /// searched for `--ext` or else `default_extensions`. No input at all
    /// (an empty folder, a walk that finds nothing) stops the run: exit 1
    /// with a message naming the extensions searched.
    fn expand(&self, default_extensions: &[&str]) -> Result<Vec<crate::batch::InputSpec>, Stop> {
        let extensions: Vec<String> = match &self.ext {
            Some(extensions) => extensions.clone(),
            None => default_extensions
                .iter()
                .map(|extension| extension.to_string())
                .collect(),
        };
        let how = crate::batch::Expansion {
            files_from: self.files_from.as_deref(),
            null_separated: self.null,
            extensions: &extensions,
            follow: self.follow,
        };
        let expanded = crate::batch::expand(&self.inputs, &how).map_err(|error| Stop::Usage(error.0))?;
        for note in &expanded.notes {
            warn(format_args!("note: {note}"));
        }
        if expanded.inputs.is_empty() {
            return Err(Stop::NoInputs(format!(
                "no inputs (directories are searched for .{})",
                extensions.join(", .")
            )));
        }
        Ok(expanded.inputs)
    }

    /// Worker threads: as asked, at most one per core.
    fn jobs(&self) -> usize {
        let cores = crate::batch::default_jobs();
        match self.jobs {
            None => cores,
            Some(asked) if asked as usize > cores => {
                warn(format_args!(
                    "note: --jobs {asked} is more than the {cores} cores here; using {cores}"
                ));
                cores
            }
            Some(asked) => asked as usize,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Pretty-printed JSON.
    Json,
    /// One compact JSON object per line.
    Ndjson,
    /// A flat table (see --table).
    Csv,
    /// A workbook for Excel and WPS: a sheet per table (notices, issues,
    /// measures, quantities, dates, metrics), Chinese captions over the
    /// column keys; to a file (`> records.xlsx`, never a terminal) or as
    /// `zhenggai.xlsx` below --output-dir.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CompareFormat {
    Table,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ToScript {
    /// Exactly as in the input.
    Original,
    /// Simplified Chinese (OpenCC t2s, phrase level).
    Simplified,
    /// Traditional Chinese (OpenCC s2t, phrase level).
    Traditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SegmentFormat {
    Plain,
    Json,
}

impl From<ToScript> for TargetScript {
    fn from(value: ToScript) -> Self {
        match value {
            ToScript::Original => TargetScript::Original,
            ToScript::Simplified => TargetScript::Simplified,
            ToScript::Traditional => TargetScript::Traditional,
        }
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Every input parsed (exit 0).
    Success,
    /// Some input failed; its error record was written (exit 1).
    SomeFailed,
    /// A signal (SIGINT, SIGTERM) ended the run after a whole record
    /// (exit 128 + the signal's number).
    Interrupted(i32),
}

/// Why a run did not happen or could not finish.
#[derive(Debug)]
pub(crate) enum Stop {
    /// The command line cannot run as given (exit 2), said before any input
    /// is read.
    Usage(String),
    /// The run itself failed: its output could not be written, or what
    /// every input needs could not be loaded (exit 3). The message names the
    /// path.
    Run(io::Error),
    /// The inputs given hold nothing to read (exit 1, as when inputs fail).
    NoInputs(String),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        Stop::Run(error)
    }
}

/// Text safe to print on a terminal: control characters (C0 but tab, DEL,
/// C1) and bidirectional overrides, as in a crafted file name, are shown as
/// `\u{…}` escapes instead of acting on the terminal.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A usage error (exit 2, before any input is read) when an option given
/// cannot apply: options are never silently ignored.
fn check_applies(cannot_apply: bool, message: &str) -> Result<(), Stop> {
    if cannot_apply {
        return Err(Stop::Usage(message.to_string()));
    }
    Ok(())
}

/// Prints `zhenggai: MESSAGE` on stderr, with control characters escaped.
pub(crate) fn warn(message: impl Display) {
    eprintln!("zhenggai: {}", printable(&message.to_string()));
}

/// The `zhenggai` program: parses the process's arguments, runs the command
/// and maps the outcome to an exit code (0 all parsed, 1 some input failed,
/// 2 the command line cannot run, 3 the run itself failed, 128 + the signal
/// when interrupted); a closed stdout (`| head`) is a clean end.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    match run(cli, &mut lock) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Ok(Outcome::Interrupted(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)),
        Err(Stop::Run(error)) if error.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Stop::NoInputs(message)) => {
            warn(message);
            ExitCode::from(1)
        }
        Err(Stop::Usage(message)) => {
            warn(message);
            ExitCode::from(2)
        }
        Err(Stop::Run(error)) => {
            warn(error);
            ExitCode::from(3)
        }
    }
}

/// Runs a parsed command line, writing results to `out`.
pub(crate) fn run(cli: Cli, out: &mut dyn Write) -> Result<Outcome, Stop> {
    match cli.command {
        Command::Parse {
            batch,
            format,
            tables,
            bom,
            output_dir,
            script,
            with_text,
            rules,
        } => {
            let is_csv = format == Some(OutputFormat::Csv);
            let is_xlsx = format == Some(OutputFormat::Xlsx);
            check_applies(
                is_xlsx && output_dir.is_none() && io::stdout().is_terminal(),
                "a workbook is binary: redirect it to a file (> records.xlsx) or give --output-dir DIR",
            )?;
            check_applies(
                bom && !is_csv,
                "--bom applies to --format csv (a byte-order mark for Excel)",
            )?;
            check_applies(
                with_text && (is_csv || is_xlsx),
                "--with-text adds the text to JSON records; a table has no text column",
            )?;
            check_applies(
                !tables.is_empty() && !is_csv,
                "--table applies to --format csv (add --format csv)",
            )?;
            check_applies(
                tables.len() > 1 && output_dir.is_none(),
                "several tables need --output-dir DIR (one <table>.csv each); standard output takes one",
            )?;
            // Load the rules, words and converter before any input, so that
            // a bad rules file, or a system library that cannot open its
            // dictionaries, is one clear error.
            let parser = rules.parser(script.converter)?;
            let inputs = batch.expand(crate::batch::NOTICE_EXTENSIONS)?;
            let destination = match (output_dir, format) {
                (directory, Some(OutputFormat::Xlsx)) => parse::Destination::Xlsx { directory },
                (Some(directory), Some(OutputFormat::Csv)) => parse::Destination::CsvFiles { directory, tables, bom },
                (Some(directory), format) => parse::Destination::Directory {
                    directory,
                    pretty: format != Some(OutputFormat::Ndjson),
                },
                (None, Some(OutputFormat::Csv)) => parse::Destination::Csv {
                    table: tables.first().copied().unwrap_or(Table::Notices),
                    bom,
                },
                (None, Some(OutputFormat::Json)) => parse::Destination::Json { pretty: true },
                (None, Some(OutputFormat::Ndjson)) => parse::Destination::Json { pretty: false },
                (None, None) => parse::Destination::Json {
                    pretty: inputs.len() == 1,
                },
            };
            let settings = parse::ParseSettings {
                destination,
                to: script.to.into(),
                parser,
                with_text,
                jobs: batch.jobs(),
                quiet: batch.quiet,
                reading: batch.reading,
            };
            parse::run(&inputs, &settings, out)
        }
        Command::Compare {
            batch,
            format,
            bom,
            all_genres,
            columns,
            summary,
            script,
            rules,
        } => {
            check_applies(
                bom && format != CompareFormat::Csv,
                "--bom applies to --format csv (a byte-order mark for Excel)",
            )?;
            check_applies(
                !columns.is_empty() && !matches!(format, CompareFormat::Table | CompareFormat::Csv),
                "--columns applies to --format table and csv",
            )?;
            check_applies(
                summary && format == CompareFormat::Html,
                "--summary applies to --format table, csv and json (the report always has the totals and medians)",
            )?;
            let columns = if columns.is_empty() {
                None
            } else {
                Some(
                    crate::compare::columns::named(&columns)
                        .map_err(|message| Stop::Usage(format!("--columns: {message}")))?,
                )
            };
            let parser = rules.parser(script.converter)?;
            let inputs = batch.expand(COMPARE_EXTENSIONS)?;
            let settings = compare::CompareSettings {
                format,
                bom,
                all_genres,
                columns,
                summary,
                to: script.to.into(),
            };
            Ok(compare::run(&inputs, &batch, &parser, &settings, out)?)
        }
        Command::Annotate {
            batch,
            output_dir,
            script,
            rules,
        } => {
            let parser = rules.parser(script.converter)?;
            let inputs = batch.expand(crate::batch::NOTICE_EXTENSIONS)?;
            check_applies(
                inputs.len() > 1 && output_dir.is_none(),
                &format!(
                    "{} inputs need --output-dir DIR (one <relative path>.html each); standard output takes one page",
                    inputs.len()
                ),
            )?;
            let settings = annotate::AnnotateSettings {
                output_dir,
                to: script.to.into(),
                parser,
                jobs: batch.jobs(),
                quiet: batch.quiet,
                reading: batch.reading,
            };
            annotate::run(&inputs, &settings, out)
        }
        Command::Rules { action } => run_rules(action, out),
        Command::Segment {
            input,
            format,
            reading,
            user_dicts,
        } => {
            check_applies(
                input.is_dir(),
                &format!(
                    "segment reads one file, and {} is a directory (parse and compare take directories)",
                    printable(&input.display().to_string())
                ),
            )?;
            let parser = RulesArgs {
                rules_dir: None,
                user_dicts,
            }
            .parser(Converter::default())?;
            let spec = if input.as_os_str() == "-" {
                crate::batch::InputSpec::Stdin
            } else {
                crate::batch::InputSpec::named(input.clone())
            };
            let read = spec
                .read(reading.max_bytes)
                .and_then(|bytes| crate::input::read(&bytes, &spec.options(&reading.options()).input));
            match read {
                Ok(decoded) => {
                    write_segments(out, decoded.text, format, parser.segmenter())?;
                    Ok(Outcome::Success)
                }
                Err(error) => {
                    warn(format_args!("{}: {error}", spec.name()));
                    Ok(Outcome::SomeFailed)
                }
            }
        }
        Command::Schema { markdown } => {
            if markdown {
                out.write_all(crate::schema_markdown().as_bytes())?;
            } else {
                out.write_all(crate::SCHEMA.as_bytes())?;
            }
            Ok(Outcome::Success)
        }
        Command::Completions { shell } => {
            shell::write_completions(shell, out)?;
            Ok(Outcome::Success)
        }
        Command::Man { dir } => {
            match dir {
                Some(dir) => shell::write_man_pages(&dir, out)?,
                None => shell::write_man_page(out)?,
            }
            Ok(Outcome::Success)
        }
    }
}

/// `zhenggai rules export|check DIR`.
fn run_rules(action: RulesAction, out: &mut dyn Write) -> Result<Outcome, Stop> {
    match action {
        RulesAction::Export { dir } => {
            for path in crate::rules::Rules::export(&dir)? {
                writeln!(out, "{}", printable(&path.display().to_string()))?;
            }
            Ok(Outcome::Success)
        }
        RulesAction::Check { dir } => {
            let rules = crate::rules::Rules::from_dir(&dir).map_err(|error| Stop::Usage(error.to_string()))?;
            let failures = rules.check_examples(ChineseSegmenter::shared());
            for failure in &failures {
                writeln!(out, "{}", printable(failure))?;
            }
            if failures.is_empty() {
                writeln!(
                    out,
                    "{} rows in {} files: every example holds",
                    rules.row_count(),
                    crate::rules::RULE_FILES.len()
                )?;
                Ok(Outcome::Success)
            } else {
                Ok(Outcome::SomeFailed)
            }
        }
    }
}

#[derive(Serialize)]
struct TokenLine<'a> {
    word: &'a str,
    tag: &'a str,
    span: [usize; 2],
}

fn write_segments(
    out: &mut dyn Write,
    original: String,
    format: SegmentFormat,
    segmenter: &ChineseSegmenter,
) -> io::Result<()> {
    let text = normalize(original);
    let mut out = BufWriter::new(out);
    for line in text.matching().split_inclusive('\n') {
        let line_start = line.as_ptr() as usize - text.matching().as_ptr() as usize;
        let content = line.trim_end_matches(['\n', '\r']);
        let mut words = Vec::new();
        for token in segmenter.tokens(content) {
            if token.word.trim().is_empty() {
                continue;
            }
            let range = line_start + token.range.start..line_start + token.range.end;
            let span = text.span(range.clone());
            let word = text.original_slice(range);
            match format {
                SegmentFormat::Plain => words.push(word),
                SegmentFormat::Json => {
                    let record = TokenLine {
                        word,
                        tag: token.tag,
                        span: span.into(),
                    };
                    serde_json::to_writer(&mut out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
        }
        if format == SegmentFormat::Plain && !content.is_empty() {
            writeln!(out, "{}", words.join(" "))?;
        }
    }
    out.flush()
}
