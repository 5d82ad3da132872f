//! The comparison's columns: which, in which order, and a row's cell in each.
//!
//! One list ([`columns`]) drives the terminal table, the CSV header and rows,
//! and the report's table: the row's fields, then one column per standard
//! metric ([`METRICS`], with the caption and the reading of each), then the
//! error. Each writer decides how a [`Cell`] looks in its format.

use std::borrow::Cow;

use super::Row;
use super::format::{Reading, single_line};
use crate::emit::csv::enum_text;
use crate::record::Number;

/// A standard metric of the contract, as the comparison shows it.
#[derive(Debug)]
pub struct MetricColumn {
    /// The metric's key in a record's `metrics`.
    pub key: &'static str,
    /// What it counts, in the notices' own words.
    pub caption: &'static str,
    /// How its value reads.
    pub reading: Reading,
}

impl MetricColumn {
    /// A value of the metric for reading, with its unit (87.5%, 66.57万元).
    pub fn format(&self, value: Number) -> String {
        self.reading.format(value)
    }
}

/// The contract's metrics, in the order of the table and CSV columns.
pub const METRICS: &[MetricColumn] = &[
    metric("problem_aspects", "问题方面", Reading::Plain),
    metric("problems_total", "反馈问题总数", Reading::Plain),
    metric("problem_items", "具体问题", Reading::Plain),
    metric("problems_rectified", "已完成整改问题", Reading::Plain),
    metric("problems_in_progress", "正在整改问题", Reading::Plain),
    metric("completion_rate", "整改完成率", Reading::Percent),
    metric("people_educated", "教育提醒(人)", Reading::Plain),
    metric("people_disciplined", "问责处理(人)", Reading::Plain),
    metric("rules_established", "建立完善制度", Reading::Plain),
    metric("funds_recovered", "清退追回资金", Reading::Money),
    metric("clues_transferred", "移交问题线索", Reading::Plain),
];

const fn metric(key: &'static str, caption: &'static str, reading: Reading) -> MetricColumn {
    MetricColumn { key, caption, reading }
}

/// What a column shows of a row.
#[derive(Clone, Copy)]
pub enum Column {
    /// A text field, by its name and how to read it from a row.
    Text(&'static str, fn(&Row) -> Option<Cow<'_, str>>),
    /// A count (issues, measures).
    Count(&'static str, fn(&Row) -> usize),
    /// A number of days (may be negative: dates that disagree).
    Days(&'static str, fn(&Row) -> Option<i64>),
    /// A standard metric.
    Metric(&'static MetricColumn),
}

/// One row's value in one column.
pub enum Cell<'r> {
    /// Text as the record states it (one line or not, control characters
    /// and all: each writer makes it safe for its format).
    Text(Cow<'r, str>),
    /// A count.
    Count(usize),
    /// A number of days.
    Days(i64),
    /// A metric's value.
    Metric(&'static MetricColumn, Number),
    /// Not stated (or, for a count, an error row's).
    Missing,
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Column({})", self.name())
    }
}

/// Shown for a missing value in the table and the report.
pub const MISSING: &str = "-";

impl Column {
    /// The column's name: the CSV header's cell, the row's JSON field or the
    /// metric's key.
    pub fn name(self) -> &'static str {
        match self {
            Column::Text(name, _) | Column::Count(name, _) | Column::Days(name, _) => name,
            Column::Metric(metric) => metric.key,
        }
    }

    /// Whether the column holds numbers (aligned right for reading).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Column::Text(..))
    }

    /// The row's cell in this column.
    pub fn cell(self, row: &Row) -> Cell<'_> {
        match self {
            Column::Text(_, field) => field(row).map_or(Cell::Missing, Cell::Text),
            // An error row counted nothing: its counts are missing, not zero.
            Column::Count(..) if row.error.is_some() => Cell::Missing,
            Column::Count(_, field) => Cell::Count(field(row)),
            Column::Days(_, field) => field(row).map_or(Cell::Missing, Cell::Days),
            Column::Metric(metric) => row
                .metrics
                .get(metric.key)
                .map_or(Cell::Missing, |value| Cell::Metric(metric, *value)),
        }
    }
}

impl Cell<'_> {
    /// The cell for reading: on one line, metrics formatted with their unit,
    /// [`MISSING`] when missing.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(text) => single_line(text),
            Cell::Count(count) => count.to_string(),
            Cell::Days(days) => days.to_string(),
            Cell::Metric(metric, value) => metric.format(*value),
            Cell::Missing => MISSING.to_owned(),
        }
    }
}

/// A text field of the row, borrowed.
fn text(field: &Option<String>) -> Option<Cow<'_, str>> {
    field.as_deref().map(Cow::Borrowed)
}

const COLUMNS_BEFORE_METRICS: [Column; 16] = [
    Column::Text("path", |row| text(&row.path)),
    // `ok`, or `error` for an input that could not be read or parsed (the
    // error column says why).
    Column::Text("status", |row| {
        Some(Cow::Borrowed(if row.error.is_some() { "error" } else { "ok" }))
    }),
    Column::Text("title", |row| text(&row.title)),
    Column::Text("publisher", |row| text(&row.publisher)),
    Column::Text("target", |row| text(&row.target)),
    Column::Text("kind", |row| text(&row.kind)),
    Column::Text("body", |row| text(&row.body)),
    Column::Text("round", |row| text(&row.round)),
    Column::Text("period_start", |row| text(&row.period_start)),
    Column::Text("period_end", |row| text(&row.period_end)),
    Column::Text("published", |row| text(&row.published)),
    Column::Text("feedback", |row| text(&row.feedback)),
    Column::Days("days_feedback_to_published", |row| row.days_feedback_to_published),
    // The genre's name as the record writes it (rectification_notice).
    Column::Text("genre", |row| row.genre.map(|kind| Cow::Owned(enum_text(&kind)))),
    Column::Count("issues", |row| row.issues),
    Column::Count("measures", |row| row.measures),
];

const COLUMNS_AFTER_METRICS: [Column; 2] = [
    // The record's warnings, comma-separated.
    Column::Text("flags", |row| {
        (!row.flags.is_empty()).then(|| Cow::Owned(row.flags.join(", ")))
    }),
    Column::Text("error", |row| text(&row.error)),
];

/// All columns in CSV order: the fields, every metric, the flags, then the
/// error.
pub fn columns() -> Vec<Column> {
    COLUMNS_BEFORE_METRICS
        .into_iter()
        .chain(METRICS.iter().map(Column::Metric))
        .chain(COLUMNS_AFTER_METRICS)
        .collect()
}

/// The terminal table's columns when none are asked for: what tells the
/// notices apart and what a comparison reads first (a column that no row
/// fills is left out of this default).
pub const TABLE_COLUMNS: [&str; 12] = [
    "path",
    "target",
    "issues",
    "measures",
    "problems_total",
    "problems_rectified",
    "completion_rate",
    "people_educated",
    "people_disciplined",
    "rules_established",
    "funds_recovered",
    "error",
];

/// The columns named (as the CSV header names them), in the order given;
/// `all` stands for every column.
///
/// # Errors
///
/// A message naming an unknown column and listing the known ones.
pub fn named<S: AsRef<str>>(names: &[S]) -> Result<Vec<Column>, String> {
    let all = columns();
    let mut chosen = Vec::new();
    for name in names {
        let name = name.as_ref().trim();
        if name == "all" {
            chosen.extend(all.iter().copied());
            continue;
        }
        match all.iter().find(|column| column.name() == name) {
            Some(column) => chosen.push(*column),
            None => {
                let known: Vec<&str> = all.iter().map(|column| column.name()).collect();
                return Err(format!("no column {name:?}; the columns are all, {}", known.join(", ")));
            }
        }
    }
    Ok(chosen)
}
