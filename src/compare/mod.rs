//! Compare stage: records → a cross-unit comparison table.
//!
//! Consumes the typed records of the contract ([`crate::record`]): a
//! [`Record`] straight from the parser, an [`ErrorRecord`], or an [`Output`]
//! read back from what `zhenggai parse` saved. Produces one [`Row`] per
//! notice, the facts a researcher lines up across units: who published it,
//! which unit was inspected, by whom and when, how many issues and measures,
//! and the standard metrics of the contract.
//!
//! The rooms of the stage, one job each:
//!
//! * this file: the [`Row`] and how a record becomes one;
//! * [`columns`]: the columns every writer shows, in order, and a row's cell
//!   in each (one list drives the table, the CSV and the report);
//! * [`format`]: numbers and text for reading (万元/亿元, `%`, one line, cut
//!   to a display width);
//! * [`table`]: the aligned terminal table ([`write_table`]);
//! * [`csv`]: CSV ([`write_csv`]) and a JSON array ([`write_json`]);
//! * [`html`]: the self-contained report page ([`write_html`]);
//! * [`svg`]: the report's bar charts, one per metric.
//!
//! CSV and JSON keep raw numbers (money in 元); the table and the report format
//! them for reading (percentages with `%`, large sums in 万元/亿元).

// A `batch` build without the command line (the Python package) uses the
// rows and columns ([`crate::tables`]), not the writers.
#![cfg_attr(not(any(feature = "cli", feature = "internals")), allow(dead_code, unused_imports))]

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::record::{Date, ErrorInfo, ErrorRecord, GenreKind, Number, Output, Precision, Record};

pub mod columns;
pub mod csv;
pub mod format;
// The report and the terminal table: the command line's (maud, comfy-table).
#[cfg(any(feature = "cli", feature = "internals"))]
pub mod html;
#[cfg(any(feature = "cli", feature = "internals"))]
pub mod svg;
#[cfg(any(feature = "cli", feature = "internals"))]
pub mod table;

pub use columns::METRICS;
pub use csv::{write_csv, write_json};
#[cfg(any(feature = "cli", feature = "internals"))]
pub use html::write_html;
#[cfg(any(feature = "cli", feature = "internals"))]
pub use table::write_table;

/// One row per notice: what the comparison lines up across units. Text
/// fields are `None` when the record lacks them or states only blanks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// The source's path (`None` for standard input).
    pub path: Option<String>,
    /// The record's genre kind (`None` for error rows).
    pub genre: Option<GenreKind>,
    /// The notice's title.
    pub title: Option<String>,
    /// The signing organisation.
    pub publisher: Option<String>,
    /// The inspected unit.
    pub target: Option<String>,
    /// `巡视` or `巡察`.
    pub kind: Option<String>,
    /// The inspecting body.
    pub body: Option<String>,
    /// The inspection round.
    pub round: Option<String>,
    /// The first day of the on-site inspection, `YYYY-MM-DD`.
    pub period_start: Option<String>,
    /// The last day of the on-site inspection, `YYYY-MM-DD`.
    pub period_end: Option<String>,
    /// The signature date at the precision the notice states it
    /// ([`date_at_precision`]).
    pub published: Option<String>,
    /// The day the findings were fed back, at the precision stated.
    #[serde(default)]
    pub feedback: Option<String>,
    /// The days from the feedback to the publication, when the notice
    /// states both to the day: how long the unit took to report.
    #[serde(default)]
    pub days_feedback_to_published: Option<i64>,
    /// How many issues the notice reports on.
    pub issues: usize,
    /// How many measures its issues list, all together.
    pub measures: usize,
    /// Metric key → value in the metric's unit (元 for money, % for rates).
    pub metrics: BTreeMap<String, Number>,
    /// The codes of the record's warnings (inconsistent_counts,
    /// inconsistent_dates, numbering_skipped …), once each, in order;
    /// not_a_notice is the genre column's.
    #[serde(default)]
    pub flags: Vec<String>,
    /// `code: message` of an error record; `None` for a parsed notice.
    pub error: Option<String>,
}

impl Row {
    /// The row of one object of the batch stream, parsed or read back.
    pub fn from_output(output: &Output) -> Row {
        match output {
            Output::Record(record) => Row::from_record(record),
            Output::Error(error) => Row::from_error(error),
        }
    }

    /// The row of a parsed notice.
    pub fn from_record(record: &Record) -> Row {
        let inspection = &record.inspection;
        let period = inspection.period.as_ref();
        Row {
            path: stated(record.source.path.as_deref()),
            genre: Some(record.genre.kind),
            title: stated(record.title.as_deref()),
            publisher: stated(record.publisher.as_deref()),
            target: stated(inspection.target.as_deref()),
            kind: stated(inspection.kind.as_deref()),
            body: stated(inspection.body.as_deref()),
            round: stated(inspection.round.as_deref()),
            period_start: period.and_then(|period| period.start).map(|day| day.to_string()),
            period_end: period.and_then(|period| period.end).map(|day| day.to_string()),
            published: record.published.as_ref().and_then(date_at_precision),
            feedback: inspection.feedback.as_ref().and_then(date_at_precision),
            days_feedback_to_published: days_between(inspection.feedback.as_ref(), record.published.as_ref()),
            flags: warning_codes(record),
            issues: record.issues.len(),
            measures: record.issues.iter().map(|issue| issue.measures.len()).sum(),
            metrics: record
                .metrics
                .iter()
                .map(|(key, metric)| (key.clone(), metric.value))
                .collect(),
            error: None,
        }
    }

    /// The row of an error record: only its path and its error.
    pub fn from_error(record: &ErrorRecord) -> Row {
        Row {
            path: stated(record.source.path.as_deref()),
            error: Some(describe_error(&record.error)),
            ..Row::default()
        }
    }

    /// The row with its text fields (title, publisher, target, body and
    /// round) passed through `convert` (a script conversion); the path, the
    /// canonical kind and the error stay as they are.
    pub fn convert_text(&mut self, convert: impl Fn(&str) -> String) {
        for field in [
            &mut self.title,
            &mut self.publisher,
            &mut self.target,
            &mut self.body,
            &mut self.round,
        ]
        .into_iter()
        .flatten()
        {
            *field = convert(field);
        }
    }

    /// Whether the row is a rectification notice (or an error, or a row
    /// without a genre), which `compare` keeps by default.
    pub fn is_notice_or_error(&self) -> bool {
        self.error.is_some() || self.genre.is_none_or(|kind| kind == GenreKind::RectificationNotice)
    }
}

/// The path of the summary row of totals and of medians.
pub const TOTAL_ROW: &str = "(total 合计)";
/// The path of the summary row of medians.
pub const MEDIAN_ROW: &str = "(median 中位数)";

/// Two summary rows over the parsed notices of `rows`: the total of each
/// metric (no total for a rate) and its median (the mean of the middle two
/// for an even count), over the notices that state it; their paths are
/// [`TOTAL_ROW`] and [`MEDIAN_ROW`], their other fields empty.
pub fn summary_rows(rows: &[Row]) -> [Row; 2] {
    let mut total = Row {
        path: Some(TOTAL_ROW.to_owned()),
        ..Row::default()
    };
    let mut median = Row {
        path: Some(MEDIAN_ROW.to_owned()),
        ..Row::default()
    };
    for metric in METRICS {
        let mut values: Vec<f64> = rows
            .iter()
            .filter(|row| row.error.is_none())
            .filter_map(|row| row.metrics.get(metric.key))
            .map(|value| value.as_f64())
            .collect();
        if values.is_empty() {
            continue;
        }
        if metric.reading != format::Reading::Percent {
            total
                .metrics
                .insert(metric.key.to_owned(), Number::from_f64(values.iter().sum()));
        }
        values.sort_by(f64::total_cmp);
        let middle = values.len() / 2;
        let value = if values.len().is_multiple_of(2) {
            (values[middle - 1] + values[middle]) / 2.0
        } else {
            values[middle]
        };
        median.metrics.insert(metric.key.to_owned(), Number::from_f64(value));
    }
    [total, median]
}

/// The days from one date to another, when both are stated to the day.
fn days_between(from: Option<&Date>, to: Option<&Date>) -> Option<i64> {
    let day = |date: &Date| (date.precision == Precision::Day).then_some(date.start).flatten();
    Some(day(from?)?.days_until(day(to?)?))
}

/// The codes of a record's warnings, once each, in order, but not_a_notice.
fn warning_codes(record: &Record) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for diagnostic in &record.diagnostics {
        if diagnostic.severity == crate::record::Severity::Warning
            && diagnostic.code != "not_a_notice"
            && !codes.contains(&diagnostic.code)
        {
            codes.push(diagnostic.code.clone());
        }
    }
    codes
}

/// The text, unless it is missing or blank.
fn stated(text: Option<&str>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty()).map(str::to_owned)
}

/// `code: message` of an error record's error (either alone when the other
/// is blank).
fn describe_error(error: &ErrorInfo) -> String {
    match (stated(Some(&error.code)), stated(Some(&error.message))) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(text), None) | (None, Some(text)) => text,
        (None, None) => "error".to_owned(),
    }
}

/// A date as ISO 8601 at the precision the notice states: `2024-05-08`
/// (day), `2024-05` (month), `2024` (year), else the `start/end` interval
/// (a quarter, a half year); the date's own text when it has no start (a
/// recurrence).
pub fn date_at_precision(date: &Date) -> Option<String> {
    let Some(start) = date.start else {
        return stated(Some(&date.text));
    };
    Some(match (date.precision, date.end) {
        (Precision::Day, _) => start.to_string(),
        (Precision::Month, _) => format!("{:04}-{:02}", start.year, start.month),
        (Precision::Year, _) => format!("{:04}", start.year),
        (Precision::Quarter | Precision::Half, Some(end)) => format!("{start}/{end}"),
        (Precision::Quarter | Precision::Half, None) => start.to_string(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn summary_rows_total_and_median_what_notices_state() {
        let row = |total: i64, rate: &str| Row {
            metrics: [
                ("problems_total".to_owned(), Number::from(total)),
                ("completion_rate".to_owned(), Number(rate.parse().unwrap())),
            ]
            .into(),
            ..Row::default()
        };
        let rows = [row(24, "87.5"), row(6, "50"), row(10, "100"), Row::default()];
        let [total, median] = summary_rows(&rows);
        assert_eq!(total.path.as_deref(), Some(TOTAL_ROW));
        assert_eq!(total.metrics["problems_total"], Number::from(40));
        assert!(!total.metrics.contains_key("completion_rate"), "no total of rates");
        assert_eq!(median.metrics["problems_total"], Number::from(10));
        assert_eq!(median.metrics["completion_rate"], Number(rust_decimal::Decimal::from(875) / rust_decimal::Decimal::from(10)));
        // An even count: the mean of the middle two.
        let [_, median] = summary_rows(&rows[..2]);
        assert_eq!(median.metrics["problems_total"], Number::from(15));
    }

    fn span() -> Value {
        json!([0, 1])
    }

    /// A notice's record as `zhenggai parse` writes it (schema 1.1), with
    /// the figures of the test notice 市妇联: 2 issues with 2 and 1
    /// measures, three metrics.
    pub(crate) fn full_record_json() -> Value {
        let date = |text: &str, kind: &str, start: &str, end: &str| {
            json!({ "text": text, "kind": kind, "start": start, "end": end, "precision": "day",
                    "frequency": null, "relative": false, "span": span(), "node": null })
        };
        let measure = |node: &str, number: u32, title: &str| {
            json!({ "node": node, "number": number, "title": title, "span": span(), "source": "heading" })
        };
        let issue = |id: &str, measures: Vec<Value>| {
            json!({ "id": id, "node": id, "number": id.parse::<u32>().unwrap(), "problem": null,
                    "heading": "h", "status": null, "status_span": null,
                    "measures": measures, "findings": [] })
        };
        json!({
            "schema_version": "1.1",
            "source": { "path": "corpus/市妇联.txt", "bytes": 100, "sha256": "00", "encoding": "utf-8",
                        "format": "text", "script": "simplified", "chars": 50 },
            "genre": { "kind": "rectification_notice", "evidence": [] },
            "title": "中共某市妇联党组关于巡察整改进展情况的通报",
            "publisher": "中共某市妇联党组",
            "published": date("2025年2月10日", "point", "2025-02-10", "2025-02-10"),
            "inspection": {
                "kind": "巡察", "body": "市委第二巡察组", "round": "五届市委第四轮巡察", "target": "市妇联党组",
                "period": date("2024年5月8日—5月24日", "range", "2024-05-08", "2024-05-24"),
                "feedback": null
            },
            "outline": [],
            "issues": [
                issue("1", vec![measure("1.1", 1, "a"), measure("1.2", 2, "b")]),
                issue("2", vec![measure("2.1", 1, "c")]),
            ],
            "quantities": [], "dates": [], "documents": [],
            "contacts": { "phones": [], "emails": [], "addresses": [] },
            "metrics": {
                "problems_total": { "value": 24, "unit": "个", "span": span() },
                "completion_rate": { "value": 87.5, "unit": "%", "span": span() },
                "funds_recovered": { "value": 665700, "unit": "元", "span": span() }
            },
            "diagnostics": []
        })
    }

    pub(crate) fn error_record_json() -> Value {
        json!({
            "schema_version": "1.1",
            "source": { "path": "corpus/broken.txt", "bytes": 3 },
            "error": { "code": "decode", "message": "not valid text" }
        })
    }

    pub(crate) fn row_of_json(value: Value) -> Row {
        Row::from_output(&Output::from_value(value).expect("a record"))
    }

    pub(crate) fn record_without_metrics_json() -> Value {
        let mut record = full_record_json();
        record["metrics"] = json!({});
        record["title"] = json!("短标题");
        record["inspection"]["target"] = json!("某县教育局党组");
        record
    }

    /// A notice with three metrics, an error and a notice without metrics.
    pub(crate) fn sample_rows() -> Vec<Row> {
        [full_record_json(), error_record_json(), record_without_metrics_json()]
            .into_iter()
            .map(row_of_json)
            .collect()
    }

    fn number(value: &str) -> Number {
        Number(value.parse().unwrap())
    }

    #[test]
    fn full_record_gives_every_field() {
        let row = row_of_json(full_record_json());
        assert_eq!(row.path.as_deref(), Some("corpus/市妇联.txt"));
        assert_eq!(row.genre, Some(GenreKind::RectificationNotice));
        assert_eq!(row.title.as_deref(), Some("中共某市妇联党组关于巡察整改进展情况的通报"));
        assert_eq!(row.publisher.as_deref(), Some("中共某市妇联党组"));
        assert_eq!(row.target.as_deref(), Some("市妇联党组"));
        assert_eq!(row.kind.as_deref(), Some("巡察"));
        assert_eq!(row.body.as_deref(), Some("市委第二巡察组"));
        assert_eq!(row.round.as_deref(), Some("五届市委第四轮巡察"));
        assert_eq!(row.period_start.as_deref(), Some("2024-05-08"));
        assert_eq!(row.period_end.as_deref(), Some("2024-05-24"));
        assert_eq!(row.published.as_deref(), Some("2025-02-10"));
        assert_eq!((row.issues, row.measures), (2, 3));
        let expected: BTreeMap<String, Number> = [
            ("completion_rate", number("87.5")),
            ("funds_recovered", number("665700")),
            ("problems_total", number("24")),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
        assert_eq!(row.metrics, expected);
        assert_eq!(row.error, None);
        assert!(row.is_notice_or_error());
    }

    #[test]
    fn error_record_gives_only_path_and_error() {
        let row = row_of_json(error_record_json());
        assert_eq!(
            row,
            Row {
                path: Some("corpus/broken.txt".to_owned()),
                error: Some("decode: not valid text".to_owned()),
                ..Row::default()
            }
        );
        assert!(row.is_notice_or_error());
    }

    #[test]
    fn blank_text_is_missing() {
        let mut record = full_record_json();
        record["title"] = json!("  \n");
        record["inspection"]["round"] = json!("");
        record["source"]["path"] = json!(null);
        let row = row_of_json(record);
        assert_eq!((row.title, row.round, row.path), (None, None, None));
        let mut error = error_record_json();
        error["error"]["message"] = json!(" ");
        assert_eq!(row_of_json(error).error.as_deref(), Some("decode"));
    }

    #[test]
    fn record_without_metrics_has_empty_metrics() {
        let row = row_of_json(record_without_metrics_json());
        assert!(row.metrics.is_empty());
        assert_eq!(row.issues, 2);
    }

    #[test]
    fn other_genres_are_not_notices() {
        let mut record = full_record_json();
        record["genre"]["kind"] = json!("news");
        let row = row_of_json(record);
        assert_eq!(row.genre, Some(GenreKind::News));
        assert!(!row.is_notice_or_error());
    }

    #[test]
    fn a_record_of_a_later_minor_version_reads() {
        // A field this version does not know, at the top and inside an
        // issue: ignored, the row is the same.
        let mut record = full_record_json();
        record["schema_version"] = json!("1.2");
        record["signatories"] = json!(["某人"]);
        record["issues"][0]["severity_hint"] = json!("high");
        assert_eq!(row_of_json(record), row_of_json(full_record_json()));
    }

    #[test]
    fn published_date_keeps_its_precision() {
        let date = |precision: &str, start: Value, end: Value| {
            let date: Date = serde_json::from_value(json!({
                "text": "近日", "kind": "point", "start": start, "end": end, "precision": precision,
                "frequency": null, "relative": false, "span": [0, 2], "node": null
            }))
            .unwrap();
            date_at_precision(&date)
        };
        assert_eq!(
            date("day", json!("2025-02-10"), json!("2025-02-10")).as_deref(),
            Some("2025-02-10")
        );
        assert_eq!(
            date("month", json!("2025-02-01"), json!("2025-02-28")).as_deref(),
            Some("2025-02")
        );
        assert_eq!(
            date("year", json!("2025-01-01"), json!("2025-12-31")).as_deref(),
            Some("2025")
        );
        assert_eq!(
            date("half", json!("2025-01-01"), json!("2025-06-30")).as_deref(),
            Some("2025-01-01/2025-06-30")
        );
        assert_eq!(date("day", json!(null), json!(null)).as_deref(), Some("近日"));
    }
}
