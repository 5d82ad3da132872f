//! The flat tables of records (feature `batch`): one row per input, or per
//! quantity, date, issue, measure or metric, with typed cells.
//!
//! One list of columns per table drives every writer: `zhenggai parse
//! --format csv --table NAME` writes the cells as CSV (text made safe for a
//! spreadsheet, numbers raw), and the Python package's `zhenggai.tables()`
//! turns them into pandas DataFrames. Every row of an item table starts
//! with its input and notice (`path`, `status`, `title`, `publisher`,
//! `target`, `genre`, the cells `compare` shows) and ends with `error`, so a
//! table needs no join; an input that failed is one row of its own
//! ([`Table::error_row`]). The notices table is `compare`'s row of each
//! input, every metric a column.
//!
//! ```
//! use zhenggai::tables::{Cell, Table};
//!
//! let notice = "中共某局党组关于巡察整改进展情况的通报\n一、关于“制度不健全”问题的整改情况\n(一)健全制度。建立完善制度8项。\n";
//! let record = zhenggai::parse(notice.as_bytes(), &zhenggai::Options::default()).unwrap();
//! let names: Vec<&str> = Table::Issues.columns().iter().map(|column| column.name).collect();
//! assert_eq!(names[..6], ["path", "status", "title", "publisher", "target", "genre"]);
//! let rows = Table::Issues.rows(&record);
//! assert_eq!(rows.len(), 1);
//! let problem = names.iter().position(|name| *name == "problem").unwrap();
//! assert!(matches!(&rows[0][problem], Cell::Text(text) if text == "制度不健全"));
//! ```

use std::borrow::Cow;

use crate::compare::Row;
use crate::compare::columns::{self as compare_columns, Column as CompareColumn};
use crate::emit::csv::enum_text;
use crate::record::{ErrorRecord, MetricPart, Number, Record};

/// Which items of a record become rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per input: what `compare` shows of it, every metric a column,
    /// error rows too.
    Notices,
    /// One row per quantity.
    Quantities,
    /// One row per date.
    Dates,
    /// One row per issue.
    Issues,
    /// One row per measure of an issue.
    Measures,
    /// One row per metric (long form: its key, value, unit, span and parts).
    Metrics,
}

/// What the cells of a column hold (a [`Cell`] of this kind, or
/// [`Cell::Missing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text ([`Cell::Text`]).
    Text,
    /// A count, an offset or a printed number ([`Cell::Integer`]).
    Integer,
    /// An exact value: a quantity's, a metric's ([`Cell::Number`]).
    Number,
    /// Yes or no ([`Cell::Boolean`]).
    Boolean,
    /// The parts of a summed metric ([`Cell::Parts`]).
    Parts,
}

/// A column of a table: its name (the CSV header's cell) and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Column {
    /// The name.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: Kind,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'r> {
    /// Text as the record states it (each writer makes it safe for its
    /// format: CSV removes control characters and quotes formulas).
    Text(Cow<'r, str>),
    /// A count, an offset or a printed number.
    Integer(u64),
    /// An exact value (money in 元, rates in %).
    Number(Number),
    /// Yes or no.
    Boolean(bool),
    /// The parts of a summed metric, in order.
    Parts(&'r [MetricPart]),
    /// Not stated, or not applicable (the item cells of an error row).
    Missing,
}

/// The columns that lead every item table: the input and its notice, so
/// that a table needs no join to say whose item a row is. Cells as
/// `compare` writes them.
const LEADING_COLUMNS: [&str; 6] = ["path", "status", "title", "publisher", "target", "genre"];

/// The column that ends every item table: `code: message` of a failed input.
const ERROR_COLUMN: Column = text("error");

const fn text(name: &'static str) -> Column {
    Column { name, kind: Kind::Text }
}

const fn integer(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Integer,
    }
}

const fn number(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Number,
    }
}

const QUANTITY_COLUMNS: [Column; 10] = [
    text("node"),
    integer("span_start"),
    integer("span_end"),
    text("text"),
    number("value"),
    number("value_max"),
    text("unit"),
    text("approx"),
    text("kind"),
    text("label"),
];

const DATE_COLUMNS: [Column; 10] = [
    text("node"),
    integer("span_start"),
    integer("span_end"),
    text("text"),
    text("kind"),
    text("start"),
    text("end"),
    text("precision"),
    text("frequency"),
    Column {
        name: "relative",
        kind: Kind::Boolean,
    },
];

const ISSUE_COLUMNS: [Column; 7] = [
    text("issue"),
    text("node"),
    integer("number"),
    text("problem"),
    text("heading"),
    text("issue_status"),
    integer("measures"),
];

// `measure_title`: `title` is the notice's, in the leading columns.
const MEASURE_COLUMNS: [Column; 6] = [
    text("issue"),
    text("node"),
    integer("number"),
    text("measure_title"),
    integer("span_start"),
    integer("span_end"),
];

const METRIC_COLUMNS: [Column; 6] = [
    text("key"),
    number("value"),
    text("unit"),
    integer("span_start"),
    integer("span_end"),
    Column {
        name: "parts",
        kind: Kind::Parts,
    },
];

/// A text cell, missing when `None`.
fn text_cell<'r>(value: Option<&'r str>) -> Cell<'r> {
    value.map_or(Cell::Missing, |value| Cell::Text(Cow::Borrowed(value)))
}

/// An enum's text cell, missing when `None`.
fn enum_cell<T: serde::Serialize>(value: Option<&T>) -> Cell<'static> {
    value.map_or(Cell::Missing, |value| Cell::Text(Cow::Owned(enum_text(value))))
}

/// A count or an offset.
fn integer_cell(value: impl TryInto<u64>) -> Cell<'static> {
    value.try_into().map_or(Cell::Missing, Cell::Integer)
}

/// A cell of `compare`'s row, owned.
fn compare_cell(cell: compare_columns::Cell) -> Cell<'static> {
    match cell {
        compare_columns::Cell::Text(text) => Cell::Text(Cow::Owned(text.into_owned())),
        compare_columns::Cell::Count(count) => integer_cell(count),
        compare_columns::Cell::Metric(_, value) => Cell::Number(value),
        compare_columns::Cell::Missing => Cell::Missing,
    }
}

/// The kind of `compare`'s column.
fn compare_kind(column: CompareColumn) -> Kind {
    match column {
        CompareColumn::Text(..) => Kind::Text,
        CompareColumn::Count(..) => Kind::Integer,
        CompareColumn::Metric(_) => Kind::Number,
    }
}

/// The cells of [`LEADING_COLUMNS`] for a row, as `compare` shows them.
fn leading_cells(row: &Row) -> Vec<Cell<'static>> {
    let columns = compare_columns::columns();
    LEADING_COLUMNS
        .iter()
        .map(|name| {
            columns
                .iter()
                .find(|column| column.name() == *name)
                .map_or(Cell::Missing, |column| compare_cell(column.cell(row)))
        })
        .collect()
}

impl Table {
    /// Every table, in the order of their names' list in `--table`.
    pub const ALL: [Table; 6] = [
        Table::Notices,
        Table::Quantities,
        Table::Dates,
        Table::Issues,
        Table::Measures,
        Table::Metrics,
    ];

    /// The table's name (`--table`, its file name below `--output-dir`, the
    /// key of `zhenggai.tables()`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Notices => "notices",
            Table::Quantities => "quantities",
            Table::Dates => "dates",
            Table::Issues => "issues",
            Table::Measures => "measures",
            Table::Metrics => "metrics",
        }
    }

    /// The table of a name ([`Table::name`]).
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|table| table.name() == name)
    }

    /// The columns of an item, between the leading columns and the error.
    fn item_columns(self) -> &'static [Column] {
        match self {
            Table::Notices => &[],
            Table::Quantities => &QUANTITY_COLUMNS,
            Table::Dates => &DATE_COLUMNS,
            Table::Issues => &ISSUE_COLUMNS,
            Table::Measures => &MEASURE_COLUMNS,
            Table::Metrics => &METRIC_COLUMNS,
        }
    }

    /// The columns, in order: for an item table the leading columns (path,
    /// status, title, publisher, target, genre), the item's, then `error`;
    /// for the notices table `compare`'s columns (every metric). No table
    /// names a column twice.
    pub fn columns(self) -> Vec<Column> {
        match self {
            Table::Notices => compare_columns::columns()
                .into_iter()
                .map(|column| Column {
                    name: column.name(),
                    kind: compare_kind(column),
                })
                .collect(),
            _ => LEADING_COLUMNS
                .into_iter()
                .map(text)
                .chain(self.item_columns().iter().copied())
                .chain([ERROR_COLUMN])
                .collect(),
        }
    }

    /// The rows of one record, cells in [`Table::columns`] order: one per
    /// item (none when it has none), or its one row of the notices table.
    pub fn rows<'r>(self, record: &'r Record) -> Vec<Vec<Cell<'r>>> {
        let row = Row::from_record(record);
        if self == Table::Notices {
            return vec![notice_cells(&row)];
        }
        let items = self.items(record);
        let leading = leading_cells(&row);
        items
            .into_iter()
            .map(|item| leading.iter().cloned().chain(item).chain([Cell::Missing]).collect())
            .collect()
    }

    /// The item cells of a record's rows.
    fn items<'r>(self, record: &'r Record) -> Vec<Vec<Cell<'r>>> {
        match self {
            Table::Notices => Vec::new(),
            Table::Quantities => record
                .quantities
                .iter()
                .map(|q| {
                    vec![
                        text_cell(q.node.as_deref()),
                        integer_cell(q.span.start),
                        integer_cell(q.span.end),
                        text_cell(Some(&q.text)),
                        Cell::Number(q.value),
                        q.value_max.map_or(Cell::Missing, Cell::Number),
                        text_cell(Some(&q.unit)),
                        enum_cell(q.approx.as_ref()),
                        enum_cell(Some(&q.kind)),
                        text_cell(q.label.as_deref()),
                    ]
                })
                .collect(),
            Table::Dates => record
                .dates
                .iter()
                .map(|d| {
                    let day = |day: Option<crate::record::CivilDate>| {
                        day.map_or(Cell::Missing, |day| Cell::Text(Cow::Owned(day.to_string())))
                    };
                    vec![
                        text_cell(d.node.as_deref()),
                        integer_cell(d.span.start),
                        integer_cell(d.span.end),
                        text_cell(Some(&d.text)),
                        enum_cell(Some(&d.kind)),
                        day(d.start),
                        day(d.end),
                        enum_cell(Some(&d.precision)),
                        enum_cell(d.frequency.as_ref()),
                        Cell::Boolean(d.relative),
                    ]
                })
                .collect(),
            Table::Issues => record
                .issues
                .iter()
                .map(|issue| {
                    vec![
                        text_cell(Some(&issue.id)),
                        text_cell(Some(&issue.node)),
                        integer_cell(issue.number),
                        text_cell(issue.problem.as_deref()),
                        text_cell(Some(&issue.heading)),
                        enum_cell(issue.status.as_ref()),
                        integer_cell(issue.measures.len()),
                    ]
                })
                .collect(),
            Table::Measures => record
                .issues
                .iter()
                .flat_map(|issue| {
                    issue.measures.iter().map(move |measure| {
                        vec![
                            text_cell(Some(&issue.id)),
                            text_cell(Some(&measure.node)),
                            integer_cell(measure.number),
                            text_cell(Some(&measure.title)),
                            integer_cell(measure.span.start),
                            integer_cell(measure.span.end),
                        ]
                    })
                })
                .collect(),
            Table::Metrics => record
                .metrics
                .iter()
                .map(|(key, metric)| {
                    vec![
                        text_cell(Some(key)),
                        Cell::Number(metric.value),
                        text_cell(Some(&metric.unit)),
                        integer_cell(metric.span.start),
                        integer_cell(metric.span.end),
                        metric.parts.as_deref().map_or(Cell::Missing, Cell::Parts),
                    ]
                })
                .collect(),
        }
    }

    /// The row of an input that failed: in an item table its leading cells
    /// (path and status), empty item cells and the error; in the notices
    /// table its row.
    pub fn error_row(self, record: &ErrorRecord) -> Vec<Cell<'static>> {
        let row = Row::from_error(record);
        if self == Table::Notices {
            return notice_cells(&row);
        }
        let error = row
            .error
            .clone()
            .map_or(Cell::Missing, |error| Cell::Text(Cow::Owned(error)));
        leading_cells(&row)
            .into_iter()
            .chain(std::iter::repeat_n(Cell::Missing, self.item_columns().len()))
            .chain([error])
            .collect()
    }
}

/// The cells of a notices row, in `compare`'s column order.
fn notice_cells(row: &Row) -> Vec<Cell<'static>> {
    compare_columns::columns()
        .into_iter()
        .map(|column| compare_cell(column.cell(row)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        let notice = "中共某局党组关于巡察整改进展情况的通报\n根据部署,市委第一巡察组对某局进行了巡察。\n一、关于“甲”问题的整改情况\n(一)健全制度。建立完善制度8项,约30人参加。\n2024年5月8日\n";
        let options = crate::Options {
            path: Some("a/b.txt".into()),
            ..crate::Options::default()
        };
        crate::parse(notice.as_bytes(), &options).unwrap()
    }

    #[test]
    fn every_row_has_a_cell_per_column_of_its_kind() {
        let record = sample();
        let failed = crate::error_record(
            None,
            &crate::Options {
                path: Some("a/bad.txt".into()),
                ..crate::Options::default()
            },
            &crate::Error::EmptyInput,
        );
        for table in Table::ALL {
            assert_eq!(Table::from_name(table.name()), Some(table));
            let columns = table.columns();
            let mut names: Vec<&str> = columns.iter().map(|column| column.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), columns.len(), "a name twice in {}", table.name());
            let rows = table.rows(&record);
            assert!(!rows.is_empty(), "{}", table.name());
            for row in rows.iter().chain([&table.error_row(&failed)]) {
                assert_eq!(row.len(), columns.len(), "{}", table.name());
                for (cell, column) in row.iter().zip(&columns) {
                    let kind = match cell {
                        Cell::Text(_) => Kind::Text,
                        Cell::Integer(_) => Kind::Integer,
                        Cell::Number(_) => Kind::Number,
                        Cell::Boolean(_) => Kind::Boolean,
                        Cell::Parts(_) => Kind::Parts,
                        Cell::Missing => continue,
                    };
                    assert_eq!(kind, column.kind, "{}.{}", table.name(), column.name);
                }
            }
        }
        assert_eq!(Table::from_name("tables"), None);
    }

    #[test]
    fn cells_are_the_records_values() {
        let record = sample();
        let rows = Table::Quantities.rows(&record);
        let names: Vec<&str> = Table::Quantities.columns().iter().map(|column| column.name).collect();
        let cell = |row: usize, name: &str| rows[row][names.iter().position(|n| *n == name).unwrap()].clone();
        assert_eq!(cell(0, "path"), Cell::Text("a/b.txt".into()));
        assert_eq!(cell(0, "status"), Cell::Text("ok".into()));
        assert_eq!(cell(0, "target"), Cell::Text("某局".into()));
        assert_eq!(cell(0, "text"), Cell::Text("8项".into()));
        assert_eq!(cell(0, "value"), Cell::Number(Number::from(8)));
        assert_eq!(cell(0, "value_max"), Cell::Missing);
        assert_eq!(cell(1, "approx"), Cell::Text("about".into()));
        assert_eq!(cell(1, "span_start"), Cell::Integer(74));
        assert_eq!(cell(1, "error"), Cell::Missing);
        let notices = Table::Notices.rows(&record);
        let names: Vec<&str> = Table::Notices.columns().iter().map(|column| column.name).collect();
        let at = |name: &str| notices[0][names.iter().position(|n| *n == name).unwrap()].clone();
        assert_eq!(at("issues"), Cell::Integer(1));
        assert_eq!(at("rules_established"), Cell::Number(Number::from(8)));
        assert_eq!(at("funds_recovered"), Cell::Missing);
    }
}
