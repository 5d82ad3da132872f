//! `zhenggai compare`: records of many notices → one comparison table.
//!
//! Consumes notices (parsed in parallel as by `parse`) or records saved by
//! `parse`, told apart by their content wherever they come from (a file, a
//! walk, standard input): records are JSON that names its
//! `schema_version`, one a line (NDJSON) or as pretty objects, arrays of
//! them, or both. They are read back as the contract's types ([`Output`]);
//! produces one row per notice through [`crate::compare`], written as an
//! aligned terminal table, CSV, JSON or a self-contained HTML report. A
//! saved line that is not a record becomes an error row naming the line.

use std::io::{self, Write};

use serde_json::Value;

use super::{BatchArgs, CompareFormat, Outcome, warn};
use crate::batch::InputSpec;
use crate::compare::columns::Column;
use crate::compare::{self, Row};
use crate::record::{ErrorRecord, Output};

/// About the bytes one comparison row holds, for the batch window.
const ROW_WEIGHT: usize = 512;

/// How an input of saved records holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SavedRecords {
    /// One record a line (NDJSON), as `zhenggai parse` writes a batch: read
    /// line by line, a bad line an error row of its own.
    Lines,
    /// JSON values one after another: a record, an array of records, or
    /// pretty records in a row (`parse --format json` of several inputs).
    Values,
}

impl SavedRecords {
    /// How `bytes` hold saved records, or `None` for a notice: records are
    /// JSON (an object or an array, after a byte-order mark and blanks)
    /// that names `schema_version` (searched for, not parsed: a record cut
    /// short is still records, and reads as an error row); a `.ndjson` or `.jsonl`
    /// file holds records whatever it holds (a bad line is an error row, not
    /// a notice). JSON that names no version (an API response saved from a
    /// portal) is a document to parse like a notice.
    fn of(bytes: &[u8], extension: Option<&str>) -> Option<SavedRecords> {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start();
        let lines_by_name = matches!(extension, Some("ndjson" | "jsonl"));
        let is_json = text.starts_with(b"{") || text.starts_with(b"[");
        if !(lines_by_name || is_json && memchr::memmem::find(text, b"\"schema_version\"").is_some()) {
            return None;
        }
        // A compact object alone on the first line: NDJSON.
        let first_line = text
            .split(|&byte| byte == b'\n')
            .next()
            .unwrap_or_default()
            .trim_ascii();
        let one_line_object = first_line.starts_with(b"{") && first_line.ends_with(b"}");
        Some(if lines_by_name || one_line_object {
            SavedRecords::Lines
        } else {
            SavedRecords::Values
        })
    }
}

/// The rows of one input: one per saved record, or the notice parsed;
/// `None` for a JSON file found in a folder that holds no records (a
/// folder of records may hold other JSON: a JSON document is parsed only
/// when it is named). A file is read within --max-bytes like a notice.
fn rows_of(input: &InputSpec, batch: &BatchArgs, parser: &crate::Parser) -> Option<Vec<Row>> {
    let options = input.options(&batch.reading.options());
    let bytes = match input.read(batch.reading.max_bytes) {
        Ok(bytes) => bytes,
        Err(error) => return Some(vec![Row::from_error(&crate::error_record(None, &options, &error))]),
    };
    let Some(saved) = SavedRecords::of(&bytes, input.extension().as_deref()) else {
        if input.is_walked() && input.extension().as_deref() == Some("json") {
            return None;
        }
        return Some(vec![match parser.parse(&bytes, &options) {
            Ok(record) => Row::from_record(&record),
            Err(error) => Row::from_error(&crate::error_record(Some(&bytes), &options, &error)),
        }]);
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
    Some(saved_rows(&bytes, saved, not_a_record))
}

/// The rows of an input of saved records: one per record read back as the
/// contract's types ([`Output`]; fields of a later minor version are
/// ignored), and the row `not_a_record` makes for each line, value or array
/// element that is not a record, naming it. NDJSON is read line by line and
/// values one at a time, never as a whole tree.
fn saved_rows(bytes: &[u8], saved: SavedRecords, mut not_a_record: impl FnMut(String) -> Row) -> Vec<Row> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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
        SavedRecords::Values => {
            let mut rows = Vec::new();
            for (index, value) in serde_json::Deserializer::from_slice(bytes)
                .into_iter::<Value>()
                .enumerate()
            {
                match value {
                    Ok(Value::Array(records)) => {
                        for (element, record) in records.into_iter().enumerate() {
                            rows.push(match Output::from_value(record) {
                                Ok(output) => Row::from_output(&output),
                                Err(error) => not_a_record(format!(
                                    "value {}, element {}: not a record: {error}",
                                    index + 1,
                                    element + 1
                                )),
                            });
                        }
                    }
                    Ok(record) => rows.push(match Output::from_value(record) {
                        Ok(output) => Row::from_output(&output),
                        Err(error) => not_a_record(format!("value {}: not a record: {error}", index + 1)),
                    }),
                    // The rest cannot be read past a syntax error.
                    Err(error) => {
                        rows.push(not_a_record(format!("value {}: not JSON: {error}", index + 1)));
                        break;
                    }
                }
            }
            rows
        }
    }
}

/// What `compare` writes, and how.
pub(crate) struct CompareSettings {
    /// The output format.
    pub format: CompareFormat,
    /// With CSV: a UTF-8 byte-order mark first.
    pub bom: bool,
    /// Keep documents that are not rectification notices.
    pub all_genres: bool,
    /// The columns of the table or CSV, when asked for.
    pub columns: Option<Vec<Column>>,
    /// Two summary rows at the end (totals and medians).
    pub summary: bool,
    /// The script of the rows' text fields.
    pub to: crate::TargetScript,
}

/// The width of the terminal standard output writes to: asked of the
/// terminal, else `$COLUMNS`; `None` when output goes to a file or a pipe
/// without `$COLUMNS` (the table is then printed whole).
fn terminal_width() -> Option<u16> {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        let stdout = io::stdout();
        if stdout.is_terminal()
            && let Ok(size) = rustix::termios::tcgetwinsize(&stdout)
            && size.ws_col > 0
        {
            return Some(size.ws_col);
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<u16>().ok())
        .filter(|columns| *columns > 0)
}

/// Runs `compare` over `inputs`, writing the table to `out`.
pub(crate) fn run(
    inputs: &[InputSpec],
    batch: &BatchArgs,
    parser: &crate::Parser,
    settings: &CompareSettings,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let CompareSettings {
        format,
        bom,
        all_genres,
        to,
        ..
    } = *settings;
    let mut rows: Vec<Row> = Vec::new();
    let mut skipped = 0;
    crate::batch::for_each_ordered(
        inputs,
        batch.jobs(),
        |input| {
            let mut rows = rows_of(input, batch, parser);
            if to != crate::TargetScript::Original {
                for row in rows.iter_mut().flatten() {
                    row.convert_text(|text| parser.converter().convert(text, to));
                }
            }
            rows
        },
        // A row holds a few short strings and numbers.
        |rows| rows.as_ref().map_or(0, Vec::len) * ROW_WEIGHT,
        |index, found| {
            let Some(found) = found else {
                skipped += 1;
                return Ok(());
            };
            for row in &found {
                if let Some(error) = &row.error {
                    warn(format_args!("{}: {error}", inputs[index].name()));
                }
            }
            rows.extend(found);
            Ok(())
        },
    )?;
    if skipped > 0 && !batch.quiet {
        warn(format_args!(
            "note: {skipped} .json files found in folders hold no records and were skipped (name one to parse it as a document)"
        ));
    }
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
    if settings.summary {
        let summary = compare::summary_rows(&rows);
        rows.extend(summary);
    }
    let mut out = io::BufWriter::new(out);
    match format {
        CompareFormat::Table => {
            let layout = compare::table::TableLayout {
                columns: settings.columns.clone(),
                width: terminal_width(),
            };
            compare::write_table(&rows, &layout, &mut out)?;
        }
        CompareFormat::Csv => {
            let columns = settings.columns.clone().unwrap_or_else(compare::columns::columns);
            compare::write_csv(&rows, &columns, &mut out, bom)?;
        }
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
    fn saved_values_are_records_arrays_of_them_or_pretty_records_in_a_row() {
        let one = rows(&full_record_json().to_string(), SavedRecords::Values);
        assert_eq!(one, [row_of_json(full_record_json())]);
        let array = json!([full_record_json(), { "title": "x" }, error_record_json()]).to_string();
        let rows_of_array = rows(&array, SavedRecords::Values);
        assert_eq!(rows_of_array.len(), 3);
        assert_eq!(rows_of_array[0], row_of_json(full_record_json()));
        assert!(
            rows_of_array[1]
                .error
                .as_deref()
                .is_some_and(|error| error.starts_with("value 1, element 2: not a record:")),
            "{rows_of_array:?}"
        );
        assert_eq!(rows_of_array[2], row_of_json(error_record_json()));
        // What `parse --format json` writes for several inputs.
        let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap();
        let in_a_row = format!("{}\n{}\n", pretty(&full_record_json()), pretty(&error_record_json()));
        assert_eq!(
            rows(&in_a_row, SavedRecords::Values),
            [row_of_json(full_record_json()), row_of_json(error_record_json())]
        );
        let broken = rows(&format!("{}\n[{{", pretty(&full_record_json())), SavedRecords::Values);
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(
            broken[1]
                .error
                .as_deref()
                .is_some_and(|error| error.starts_with("value 2: not JSON: ")),
            "{broken:?}"
        );
    }

    #[test]
    fn content_tells_saved_records_from_notices() {
        let record = full_record_json();
        let line = format!("{record}\n{record}\n");
        let pretty = serde_json::to_string_pretty(&record).unwrap();
        let array = serde_json::to_string_pretty(&json!([record])).unwrap();
        let of = |text: &str, extension: Option<&str>| SavedRecords::of(text.as_bytes(), extension);
        assert_eq!(of(&line, None), Some(SavedRecords::Lines));
        assert_eq!(of(&format!("\u{feff}{line}"), Some("txt")), Some(SavedRecords::Lines));
        assert_eq!(of(&pretty, Some("json")), Some(SavedRecords::Values));
        assert_eq!(of(&array, None), Some(SavedRecords::Values));
        // A record cut short is still records (an error row, not a notice):
        // `zhenggai parse` writes schema_version first.
        let parsed = crate::parse(
            "关于巡察整改进展情况的通报\n教育提醒3人。".as_bytes(),
            &crate::Options::default(),
        );
        let written = serde_json::to_string_pretty(&parsed.unwrap()).unwrap();
        assert!(written.starts_with("{\n  \"schema_version\""));
        assert_eq!(of(&written[..40], Some("json")), Some(SavedRecords::Values));
        // A portal's API response and a notice are documents to parse.
        assert_eq!(of(r#"{"code":200,"data":{"list":[]}}"#, Some("json")), None);
        assert_eq!(of("关于巡察整改进展情况的通报\n", Some("txt")), None);
        assert_eq!(of("schema_version 1.1", None), None);
        // An .ndjson file holds records whatever it holds.
        assert_eq!(of("not json\n", Some("ndjson")), Some(SavedRecords::Lines));
        assert_eq!(of("", Some("jsonl")), Some(SavedRecords::Lines));
    }
}
