//! `zhenggai annotate`: one HTML page per notice that shows what was
//! extracted where.
//!
//! Consumes the expanded inputs; parses each with its text (in parallel,
//! `--jobs`, in input order) and renders its page
//! ([`crate::annotate::page`]). One input's page goes to stdout; with
//! `--output-dir`, every input's page is written below it as `<relative
//! path>.html`, atomically and never through a link, as `parse` writes its
//! records. An input that cannot be read or decoded gets no page: a message
//! on stderr and exit code 1 at the end; the other pages are still written.

use std::io::Write;
use std::path::PathBuf;

use super::parse::{check_distinct_outputs, create_output_dir, relative_output, stdout_error, write_inside};
use super::{Outcome, ReadingArgs, Stop, warn};
use crate::batch::InputSpec;
use crate::compare::format::counted;
use crate::{Options, TargetScript};

/// Everything `annotate` needs besides the inputs.
pub(crate) struct AnnotateSettings {
    /// Where the pages go: one file per input below it, or stdout.
    pub output_dir: Option<PathBuf>,
    pub to: TargetScript,
    pub parser: crate::Parser,
    pub reading: ReadingArgs,
    pub jobs: usize,
    pub quiet: bool,
}

/// The page of one input, or why it has none.
fn page_of(input: &InputSpec, settings: &AnnotateSettings) -> Result<Vec<u8>, String> {
    let options = input.options(&Options {
        to: settings.to,
        with_text: true,
        ..settings.reading.options()
    });
    let bytes = input
        .read(settings.reading.max_bytes)
        .map_err(|error| error.to_string())?;
    let record = settings
        .parser
        .parse(&bytes, &options)
        .map_err(|error| error.to_string())?;
    crate::annotate::page(&record, &settings.parser.rules().layout)
        .map(String::into_bytes)
        .ok_or_else(|| "the record holds no text to annotate".to_owned())
}

/// Runs `annotate` over `inputs`: one page to `out`, or one file per input
/// below `--output-dir` (the caller refuses several inputs without it).
pub(crate) fn run(inputs: &[InputSpec], settings: &AnnotateSettings, out: &mut dyn Write) -> Result<Outcome, Stop> {
    if let Some(directory) = &settings.output_dir {
        check_distinct_outputs(directory, inputs, "html")?;
        create_output_dir(directory)?;
    }
    let (mut written, mut failed) = (0usize, 0usize);
    crate::batch::for_each_ordered(
        inputs,
        settings.jobs,
        |input| page_of(input, settings),
        |page| page.as_ref().map_or(0, Vec::len),
        |index, page| {
            let input = &inputs[index];
            match page {
                Ok(page) => {
                    written += 1;
                    match &settings.output_dir {
                        Some(directory) => write_inside(directory, &relative_output(input, "html"), &page),
                        None => out.write_all(&page).and_then(|()| out.flush()).map_err(stdout_error),
                    }
                }
                Err(message) => {
                    failed += 1;
                    warn(format_args!("{}: {message}", input.name()));
                    Ok(())
                }
            }
        },
    )?;
    if let Some(directory) = &settings.output_dir
        && !settings.quiet
        && inputs.len() > 1
    {
        warn(format_args!(
            "{} written below {}, {}",
            counted(written, "page", "pages"),
            directory.display(),
            counted(failed, "input failed", "inputs failed")
        ));
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}
