//! `zhenggai compare`: records of many notices → one comparison table.
//!
//! Consumes notices (parsed in parallel as by `parse`) or records saved by
//! `parse` (.ndjson/.jsonl lines, .json objects or arrays); produces one row
//! per notice through [`crate::compare`], written as an aligned terminal
//! table, CSV, JSON or a self-contained HTML report.

use std::io::{self, Write};

use serde_json::Value;

use super::inputs::InputSpec;
use super::{BatchArgs, CompareFormat, Outcome, warn};
use crate::compare::{self, Row};
use crate::record::ErrorRecord;

/// About the bytes one comparison row holds, for the batch window.
const ROW_WEIGHT: usize = 512;

/// The rows of one input: one per saved record, or the notice parsed.
/// Saved records become rows one at a time (an NDJSON file never stands in
/// memory as a whole tree of values), and a file is read within --max-bytes
/// like a notice.
fn rows_of(input: &InputSpec, batch: &BatchArgs, parser: &crate::Parser) -> Vec<Row> {
    let options = crate::Options {
        path: input.display(),
        input: batch.reading.for_input(input.extension().as_deref()),
        ..crate::Options::default()
    };
    let bytes = match input.read(batch.reading.max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return vec![row_of(&crate::error_record(None, &options, &error))],
    };
    // Built once per file: the source facts of the file for every bad line.
    // The source facts of the file (its hash included), computed once and
    // shared by the error row of every bad line.
    let mut file_source = None;
    let mut saved_error = |message: String| {
        let source = file_source
            .get_or_insert_with(|| {
                // What an error record of the whole file says of its source.
                let whole_file = crate::Error::NotText("saved records".into());
                crate::error_record(Some(&bytes), &options, &whole_file).source
            })
            .clone();
        row_of(&ErrorRecord::new(source, "decode_error", message))
    };
    match input.extension().as_deref() {
        Some("ndjson" | "jsonl") => String::from_utf8_lossy(&bytes)
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(number, line)| match serde_json::from_str::<Value>(line) {
                Ok(record) => compare::row_from_record(&record),
                Err(error) => saved_error(format!("line {}: not a JSON record: {error}", number + 1)),
            })
            .collect(),
        Some("json") => match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Array(records)) => records.iter().map(compare::row_from_record).collect(),
            Ok(record) => vec![compare::row_from_record(&record)],
            Err(error) => vec![saved_error(format!("not JSON: {error}"))],
        },
        _ => match parser.parse(&bytes, &options) {
            Ok(record) => vec![row_of(&record)],
            Err(error) => vec![row_of(&crate::error_record(Some(&bytes), &options, &error))],
        },
    }
}

/// The row of a record or an error record.
fn row_of(record: &impl serde::Serialize) -> Row {
    compare::row_from_record(&serde_json::to_value(record).unwrap_or_default())
}

/// Runs `compare` over `inputs`, writing the table to `out`.
pub(crate) fn run(
    inputs: &[InputSpec],
    batch: &BatchArgs,
    parser: &crate::Parser,
    format: CompareFormat,
    bom: bool,
    all_genres: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut rows: Vec<Row> = Vec::new();
    crate::batch::for_each_ordered(
        inputs,
        batch.jobs(),
        |input| rows_of(input, batch, parser),
        // A row holds a few short strings and numbers.
        |rows| rows.len() * ROW_WEIGHT,
        |index, found| {
            for row in &found {
                if let Some(error) = &row.error {
                    warn(format_args!("{}: {error}", inputs[index].name()));
                }
            }
            rows.extend(found);
            Ok(())
        },
    )?;
    let left_out = if all_genres {
        0
    } else {
        let before = rows.len();
        rows.retain(Row::is_notice_or_error);
        before - rows.len()
    };
    if left_out > 0 && !batch.quiet {
        warn(format_args!(
            "{left_out} documents that are not rectification notices left out (--all-genres keeps them)"
        ));
    }
    let mut out = io::BufWriter::new(out);
    match format {
        CompareFormat::Table => compare::write_table(&rows, &mut out)?,
        CompareFormat::Csv => compare::write_csv(&rows, &mut out, bom)?,
        CompareFormat::Json => compare::write_json(&rows, &mut out)?,
        CompareFormat::Html => compare::write_html(&rows, left_out, &mut out)?,
    }
    out.flush()?;
    let failed = rows.iter().any(|row| row.error.is_some());
    Ok(if failed { Outcome::SomeFailed } else { Outcome::Success })
}
