//! `zhenggai compare`: records of many notices → one comparison table.
//!
//! Consumes notices (parsed in parallel as by `parse`) or records saved by
//! `parse` (.ndjson/.jsonl lines, .json objects or arrays), read back as the
//! contract's types ([`Output`]); produces one row per notice through
//! [`crate::compare`], written as an aligned terminal table, CSV, JSON or a
//! self-contained HTML report. A saved line that is not a record becomes an
//! error row naming the line.

use std::io::{self, Write};

use serde_json::Value;

use super::inputs::InputSpec;
use super::{BatchArgs, CompareFormat, Outcome, warn};
use crate::compare::{self, Row};
use crate::record::{ErrorRecord, Output};

/// About the bytes one comparison row holds, for the batch window.
const ROW_WEIGHT: usize = 512;

/// How a file of saved records holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SavedRecords {
    /// One record a line (.ndjson, .jsonl), as `zhenggai parse` writes them.
    Lines,
    /// One JSON document (.json): a record, or an array of records.
    Document,
}

impl SavedRecords {
    /// How a file with this extension holds records; `None` for a notice.
    fn of_extension(extension: Option<&str>) -> Option<SavedRecords> {
        match extension {
            Some("ndjson" | "jsonl") => Some(SavedRecords::Lines),
            Some("json") => Some(SavedRecords::Document),
            _ => None,
        }
    }
}

/// The rows of one input: one per saved record, or the notice parsed.
/// A file is read within --max-bytes like a notice.
fn rows_of(input: &InputSpec, batch: &BatchArgs, parser: &crate::Parser) -> Vec<Row> {
    let options = crate::Options {
        path: input.display(),
        input: batch.reading.for_input(input.extension().as_deref()),
        ..crate::Options::default()
    };
    let bytes = match input.read(batch.reading.max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return vec![Row::from_error(&crate::error_record(None, &options, &error))],
    };
    let Some(saved) = SavedRecords::of_extension(input.extension().as_deref()) else {
        return vec![match parser.parse(&bytes, &options) {
            Ok(record) => Row::from_record(&record),
            Err(error) => Row::from_error(&crate::error_record(Some(&bytes), &options, &error)),
        }];
    };
    // The source facts of the file (its hash included), computed once and
    // shared by the error row of every bad line.
    let mut file_source = None;
    let not_a_record = |message: String| {
        let source = file_source
            .get_or_insert_with(|| {
                // What an error record of the whole file says of its source.
                let whole_file = crate::Error::NotText("saved records".into());
                crate::error_record(Some(&bytes), &options, &whole_file).source
            })
            .clone();
        Row::from_error(&ErrorRecord::new(source, "decode_error", message))
    };
    saved_rows(&bytes, saved, not_a_record)
}

/// The rows of a file of saved records: one per record read back as the
/// contract's types ([`Output`]; fields of a later minor version are
/// ignored), and the row `not_a_record` makes for each line or array element
/// that is not a record, naming it. An NDJSON file is read line by line,
/// never as a whole tree of values.
fn saved_rows(bytes: &[u8], saved: SavedRecords, mut not_a_record: impl FnMut(String) -> Row) -> Vec<Row> {
    match saved {
        SavedRecords::Lines => String::from_utf8_lossy(bytes)
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| match Output::from_json(line) {
                Ok(output) => Row::from_output(&output),
                Err(error) => not_a_record(format!("line {}: not a record: {error}", index + 1)),
            })
            .collect(),
        SavedRecords::Document => match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Array(records)) => records
                .into_iter()
                .enumerate()
                .map(|(index, record)| match Output::from_value(record) {
                    Ok(output) => Row::from_output(&output),
                    Err(error) => not_a_record(format!("record {}: not a record: {error}", index + 1)),
                })
                .collect(),
            Ok(record) => vec![match Output::from_value(record) {
                Ok(output) => Row::from_output(&output),
                Err(error) => not_a_record(format!("not a record: {error}")),
            }],
            Err(error) => vec![not_a_record(format!("not JSON: {error}"))],
        },
    }
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::compare::tests::{error_record_json, full_record_json, row_of_json};

    /// The rows of saved bytes, a bad record's row holding its message.
    fn rows(bytes: &str, saved: SavedRecords) -> Vec<Row> {
        saved_rows(bytes.as_bytes(), saved, |message| Row {
            error: Some(message),
            ..Row::default()
        })
    }

    #[test]
    fn saved_lines_become_rows_and_bad_lines_error_rows_naming_the_line() {
        let mut later = full_record_json();
        later["schema_version"] = json!("1.2");
        later["signatories"] = json!(["某人"]);
        let lines = [
            full_record_json().to_string(),
            String::new(),
            "{\"schema_version\": \"1.1\", \"title\": \"x\"}".to_owned(),
            "not json".to_owned(),
            error_record_json().to_string(),
            later.to_string(),
        ]
        .join("\n");
        let rows = rows(&lines, SavedRecords::Lines);
        assert_eq!(rows.len(), 5, "the empty line 2 makes no row: {rows:?}");
        assert_eq!(rows[0], row_of_json(full_record_json()));
        let error = |row: &Row| row.error.clone().unwrap_or_default();
        assert!(
            error(&rows[1]).starts_with("line 3: not a record: missing field `source`"),
            "{rows:?}"
        );
        assert!(
            error(&rows[2]).starts_with("line 4: not a record: expected"),
            "{rows:?}"
        );
        assert_eq!(rows[3], row_of_json(error_record_json()));
        assert_eq!(rows[4], row_of_json(full_record_json()), "a later minor version reads");
    }

    #[test]
    fn a_saved_document_is_a_record_or_an_array_of_them() {
        let one = rows(&full_record_json().to_string(), SavedRecords::Document);
        assert_eq!(one, [row_of_json(full_record_json())]);
        let array = json!([full_record_json(), { "title": "x" }, error_record_json()]).to_string();
        let rows_of_array = rows(&array, SavedRecords::Document);
        assert_eq!(rows_of_array.len(), 3);
        assert_eq!(rows_of_array[0], row_of_json(full_record_json()));
        assert!(
            rows_of_array[1]
                .error
                .as_deref()
                .is_some_and(|error| error.starts_with("record 2: not a record:")),
            "{rows_of_array:?}"
        );
        assert_eq!(rows_of_array[2], row_of_json(error_record_json()));
        let broken = rows("[{", SavedRecords::Document);
        assert!(
            broken[0]
                .error
                .as_deref()
                .is_some_and(|error| error.starts_with("not JSON: "))
        );
    }

    #[test]
    fn extensions_tell_saved_records_from_notices() {
        assert_eq!(SavedRecords::of_extension(Some("ndjson")), Some(SavedRecords::Lines));
        assert_eq!(SavedRecords::of_extension(Some("jsonl")), Some(SavedRecords::Lines));
        assert_eq!(SavedRecords::of_extension(Some("json")), Some(SavedRecords::Document));
        assert_eq!(SavedRecords::of_extension(Some("txt")), None);
        assert_eq!(SavedRecords::of_extension(None), None);
    }
}
