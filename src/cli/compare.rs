//! `zhenggai compare`: records of many notices → one comparison table.
//!
//! Consumes notices (parsed in parallel as by `parse`) or records saved by
//! `parse` (.ndjson/.jsonl lines, .json objects or arrays); produces one row
//! per notice through [`zhenggai::compare`], written as an aligned terminal
//! table, CSV, JSON or a self-contained HTML report.

use std::io::{self, Write};

use serde_json::Value;

use super::inputs::InputSpec;
use super::{BatchArgs, CompareFormat, Outcome, warn};
use zhenggai::compare::{self, Row};

/// About the bytes one comparison row holds, for the batch window.
const ROW_WEIGHT: usize = 512;

/// The records held by one input: saved records, or the notice parsed.
fn records_of(input: &InputSpec, batch: &BatchArgs) -> Vec<Value> {
    let options = zhenggai::Options {
        path: input.display(),
        input: batch.reading.for_input(input.extension().as_deref()),
        ..zhenggai::Options::default()
    };
    // Saved records are bounded by --max-bytes like notices.
    let bytes = match input.read(batch.reading.max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => {
            return vec![serde_json::to_value(zhenggai::error_record(None, &options, &error)).unwrap_or_default()];
        }
    };
    let saved_error = |message: String| {
        let error = zhenggai::Error::Decode {
            encoding: "utf-8",
            detail: message,
        };
        serde_json::to_value(zhenggai::error_record(Some(&bytes), &options, &error)).unwrap_or_default()
    };
    match input.extension().as_deref() {
        Some("ndjson" | "jsonl") => String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| saved_error(format!("not a JSON record: {e}"))))
            .collect(),
        Some("json") => match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Array(records)) => records,
            Ok(record) => vec![record],
            Err(error) => vec![saved_error(format!("not JSON: {error}"))],
        },
        _ => match zhenggai::parse(&bytes, &options) {
            Ok(record) => vec![serde_json::to_value(record).unwrap_or_default()],
            Err(error) => {
                vec![serde_json::to_value(zhenggai::error_record(Some(&bytes), &options, &error)).unwrap_or_default()]
            }
        },
    }
}

/// Runs `compare` over `inputs`, writing the table to `out`.
pub fn run(
    inputs: &[InputSpec],
    batch: &BatchArgs,
    format: CompareFormat,
    bom: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let mut rows: Vec<Row> = Vec::new();
    zhenggai::batch::for_each_ordered(
        inputs,
        batch.jobs(),
        |input| {
            records_of(input, batch)
                .iter()
                .map(compare::row_from_record)
                .collect::<Vec<Row>>()
        },
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
    let mut out = io::BufWriter::new(out);
    match format {
        CompareFormat::Table => compare::write_table(&rows, &mut out)?,
        CompareFormat::Csv => compare::write_csv(&rows, &mut out, bom)?,
        CompareFormat::Json => compare::write_json(&rows, &mut out)?,
        CompareFormat::Html => compare::write_html(&rows, &mut out)?,
    }
    out.flush()?;
    let failed = rows.iter().any(|row| row.error.is_some());
    Ok(if failed { Outcome::SomeFailed } else { Outcome::Success })
}
