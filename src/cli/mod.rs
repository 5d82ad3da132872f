//! Command-line interface: arguments, inputs, output streams and exit codes.
//!
//! The only module (with `main.rs`) that knows about clap, files and
//! terminals. `parse` writes one record per input in input order, error
//! records included; `segment` prints jieba tokens; `schema` prints the output
//! contract. Exit codes: 0 when every input parsed, 1 when some input failed
//! (its error record is in the stream), 2 for usage errors (clap).

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use zhenggai::emit::{self, Format};
use zhenggai::input::InputOptions;
use zhenggai::normalize::normalize;
use zhenggai::segment::ChineseSegmenter;
use zhenggai::{Error, ErrorRecord, Options, Record, TargetScript};

/// Turn published Chinese rectification-progress notices (巡察/巡视整改进展情况的通报)
/// into structured, schema-valid JSON.
#[derive(Debug, Parser)]
#[command(name = "zhenggai", version, about, long_about = None)]
#[command(after_help = "Examples:\n  \
    zhenggai parse corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt\n  \
    zhenggai parse --to simplified notice.txt | jq '.issues[].problem'\n  \
    zhenggai parse --format ndjson a.txt b.txt > records.ndjson\n  \
    cat notice.txt | zhenggai parse -\n  \
    zhenggai segment --format json notice.txt\n  \
    zhenggai schema > notice.schema.json")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse notices into records (one per input, in input order).
    ///
    /// Each input (a file path, or `-` for standard input) yields one JSON
    /// record following `zhenggai schema`. An input that cannot be read or
    /// decoded yields an error record `{"schema_version", "source", "error"}`
    /// in its place, a message on stderr, and exit code 1 at the end; the
    /// other inputs are still parsed.
    Parse {
        /// Files to parse; `-` reads standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Output format [default: json for one input, ndjson for several].
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// Script of the record's text fields (title, headings, problems,
        /// labels, items). Canonical fields (units, kinds) are always Simplified.
        #[arg(long, value_enum, default_value_t = ToScript::Original)]
        to: ToScript,
        /// Include the decoded text (`text` field) that the spans index.
        #[arg(long)]
        with_text: bool,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print the word tokens of a notice (jieba-rs with the domain dictionary).
    ///
    /// Tokens are cut from the Simplified matching copy; spans and printed
    /// words refer to the original text (for an HTML page, its extracted text).
    Segment {
        /// File to segment; `-` reads standard input.
        #[arg(value_name = "INPUT")]
        input: String,
        /// `plain`: words separated by spaces, one line per input line;
        /// `json`: one object per token with span and part-of-speech tag.
        #[arg(long, value_enum, default_value_t = SegmentFormat::Plain)]
        format: SegmentFormat,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print the output contract as JSON Schema 2020-12.
    Schema,
}

/// How inputs are read.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadingArgs {
    /// Read inputs in this encoding instead of detecting it (utf-8, gb18030,
    /// gbk, gb2312, big5, utf-16le, utf-16be). A byte-order mark still wins.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Inputs larger than this many bytes are an error record (`too_large`).
    #[arg(long, value_name = "BYTES", default_value_t = zhenggai::input::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Read every input as an HTML page (default: `.html`/`.htm` files and
    /// content that starts like a page).
    #[arg(long)]
    html: bool,
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    zhenggai::input::supported_encoding(label).ok_or_else(|| {
        format!("unknown or unsupported encoding {label:?} (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)")
    })
}

impl ReadingArgs {
    /// Input options for one input path.
    fn for_input(&self, input: &str) -> InputOptions {
        let extension = Path::new(input)
            .extension()
            .map(|ext| ext.to_string_lossy().to_ascii_lowercase());
        let by_extension = matches!(extension.as_deref(), Some("html" | "htm" | "shtml" | "xhtml")).then_some(true);
        InputOptions {
            encoding: self.encoding,
            max_bytes: self.max_bytes,
            html: if self.html { Some(true) } else { by_extension },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Pretty-printed JSON.
    Json,
    /// One compact JSON object per line.
    Ndjson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToScript {
    /// Exactly as in the input.
    Original,
    /// Simplified Chinese (OpenCC t2s, phrase level).
    Simplified,
    /// Traditional Chinese (OpenCC s2t, phrase level).
    Traditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
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
pub enum Outcome {
    /// Every input parsed.
    Success,
    /// Some input failed; its error record was written.
    SomeFailed,
}

/// Reads one input: a path, or standard input for `-`.
fn read_input(input: &str) -> Result<Vec<u8>, Error> {
    // The size limit is checked on the bytes read; a huge file is read first.
    let io_error = |source| Error::Io {
        path: input.to_owned(),
        source,
    };
    if input == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(io_error)?;
        Ok(bytes)
    } else {
        fs::read(Path::new(input)).map_err(io_error)
    }
}

/// Runs a parsed command line, writing records to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> io::Result<Outcome> {
    match cli.command {
        Command::Parse {
            inputs,
            format,
            to,
            with_text,
            reading,
        } => {
            let format = match format {
                Some(OutputFormat::Json) => Format::Json,
                Some(OutputFormat::Ndjson) => Format::Ndjson,
                None if inputs.len() == 1 => Format::Json,
                None => Format::Ndjson,
            };
            let mut outcome = Outcome::Success;
            let mut out = BufWriter::new(out);
            for input in &inputs {
                let options = Options {
                    to: to.into(),
                    with_text,
                    path: (input != "-").then(|| input.clone()),
                    input: reading.for_input(input),
                };
                match parse_one(input, &options) {
                    Ok(record) => emit::write_record(&mut out, &record, format)?,
                    Err(failure) => {
                        eprintln!("zhenggai: {input}: {}", failure.message);
                        emit::write_record(&mut out, &failure.record, format)?;
                        outcome = Outcome::SomeFailed;
                    }
                }
                out.flush()?;
            }
            Ok(outcome)
        }
        Command::Segment { input, format, reading } => {
            let bytes = match read_input(&input) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("zhenggai: {input}: {error}");
                    return Ok(Outcome::SomeFailed);
                }
            };
            let decoded = match zhenggai::input::read(&bytes, &reading.for_input(&input)) {
                Ok(decoded) => decoded,
                Err(error) => {
                    eprintln!("zhenggai: {input}: {error}");
                    return Ok(Outcome::SomeFailed);
                }
            };
            write_segments(out, decoded.text, format)?;
            Ok(Outcome::Success)
        }
        Command::Schema => {
            out.write_all(zhenggai::SCHEMA.as_bytes())?;
            Ok(Outcome::Success)
        }
    }
}

/// An input that yielded no record: its error record and the message for stderr.
struct Failure {
    record: ErrorRecord,
    message: String,
}

/// Parses one input, or gives its error record and message.
fn parse_one(input: &str, options: &Options) -> Result<Record, Box<Failure>> {
    let failure = |bytes: Option<&[u8]>, error: Error| {
        Box::new(Failure {
            record: zhenggai::error_record(bytes, options, &error),
            message: error.to_string(),
        })
    };
    let bytes = read_input(input).map_err(|error| failure(None, error))?;
    zhenggai::parse(&bytes, options).map_err(|error| failure(Some(&bytes), error))
}

#[derive(Serialize)]
struct TokenLine<'a> {
    word: &'a str,
    tag: &'a str,
    span: [usize; 2],
}

fn write_segments(out: &mut dyn Write, original: String, format: SegmentFormat) -> io::Result<()> {
    let text = normalize(original);
    let segmenter = ChineseSegmenter::shared();
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
