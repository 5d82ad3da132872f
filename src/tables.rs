//! The flat tables of records (feature `batch`), cell by cell: which tables
//! there are, their columns (a name, what the cells hold and a Chinese
//! caption each), and the typed cells of a record's rows. The one place that
//! says what a table holds: `zhenggai parse --format csv` and `--format
//! xlsx` only format these cells, and the Python package's
//! `zhenggai.tables()` turns them into pandas DataFrames.
//!
//! Every item table (quantities, dates, issues, measures, metrics) starts
//! each row with its input and notice (path, title, publisher, target,
//! genre), so that a table needs no join. The notices table has one row per
//! input with `compare`'s columns, a failed input's row included (status
//! `error` and its error): the place where failures show. Item tables hold
//! items, and a failed input has none.
//!
//! ```
//! use zhenggai::tables::{Cell, Table};
//!
//! let notice = "中共某局党组关于巡察整改进展情况的通报\n一、关于“制度不健全”问题的整改情况\n(一)健全制度。建立完善制度8项。\n";
//! let record = zhenggai::parse(notice.as_bytes(), &zhenggai::Options::default()).unwrap();
//! let names: Vec<&str> = Table::Issues.columns().iter().map(|column| column.name).collect();
//! assert_eq!(names[..5], ["path", "title", "publisher", "target", "genre"]);
//! let rows = Table::Issues.rows(&record);
//! assert_eq!(rows.len(), 1);
//! let problem = names.iter().position(|name| *name == "problem").unwrap();
//! assert_eq!(rows[0][problem], Cell::Text("制度不健全".into()));
//! ```

use crate::compare::Row;
use crate::compare::columns::{self as compare_columns, columns as compare_columns_all, named};
use crate::emit::csv::enum_text;
use crate::record::{CivilDate, ErrorRecord, Number, Record};

/// Which items of a record become rows (the values of `--table`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Table {
    /// One row per input, with compare's columns (every metric) and the
    /// row of an input that failed.
    Notices,
    /// One row per quantity.
    Quantities,
    /// One row per date.
    Dates,
    /// One row per issue.
    Issues,
    /// One row per measure of an issue.
    Measures,
    /// One row per metric (long form), with the parts of a sum.
    Metrics,
}

/// What the cells of a column hold: a [`Cell`] of this kind, or
/// [`Cell::Missing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text ([`Cell::Text`]).
    Text,
    /// A count or an offset ([`Cell::Integer`]).
    Integer,
    /// An exact figure: a quantity's or a metric's value, money in 元, rates
    /// in %, a number of days ([`Cell::Number`]).
    Number,
    /// A calendar day ([`Cell::Date`]); a notice's date known only to its
    /// month or year stays text as the record gives it (`2024-05`).
    Date,
    /// Yes or no ([`Cell::Boolean`]).
    Boolean,
}

/// A column of a table: its name (the CSV header's cell, the workbook's
/// key row, the DataFrame's column) and what its cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Column {
    /// The name.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: Kind,
}

impl Column {
    /// The column's caption in Chinese (the workbook's first header row).
    pub fn caption(self) -> &'static str {
        column_caption(self.name)
    }
}

/// One cell of a table, typed: each writer shows it in its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text as the record states it (writers make it safe for their format:
    /// CSV quotes what a spreadsheet would take for a formula).
    Text(String),
    /// A count or an offset.
    Integer(u64),
    /// A figure (money in 元, rates in %, days), exact.
    Number(Number),
    /// A calendar day.
    Date(CivilDate),
    /// Yes or no.
    Boolean(bool),
    /// Not stated.
    Missing,
}

/// The columns that lead every item table: the input and its notice.
const LEADING_COLUMNS: [&str; 5] = ["path", "title", "publisher", "target", "genre"];

const fn column(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

const QUANTITY_COLUMNS: [Column; 10] = [
    column("node", Kind::Text),
    column("span_start", Kind::Integer),
    column("span_end", Kind::Integer),
    column("text", Kind::Text),
    column("value", Kind::Number),
    column("value_max", Kind::Number),
    column("unit", Kind::Text),
    column("approx", Kind::Text),
    column("kind", Kind::Text),
    column("label", Kind::Text),
];

const DATE_COLUMNS: [Column; 10] = [
    column("node", Kind::Text),
    column("span_start", Kind::Integer),
    column("span_end", Kind::Integer),
    column("text", Kind::Text),
    column("kind", Kind::Text),
    column("start", Kind::Date),
    column("end", Kind::Date),
    column("precision", Kind::Text),
    column("frequency", Kind::Text),
    column("relative", Kind::Boolean),
];

const ISSUE_COLUMNS: [Column; 7] = [
    column("issue", Kind::Text),
    column("node", Kind::Text),
    column("number", Kind::Integer),
    column("problem", Kind::Text),
    column("heading", Kind::Text),
    column("issue_status", Kind::Text),
    column("measures", Kind::Integer),
];

// `measure_title`: `title` is the notice's, among the leading columns.
const MEASURE_COLUMNS: [Column; 6] = [
    column("issue", Kind::Text),
    column("node", Kind::Text),
    column("number", Kind::Integer),
    column("measure_title", Kind::Text),
    column("span_start", Kind::Integer),
    column("span_end", Kind::Integer),
];

const METRIC_COLUMNS: [Column; 6] = [
    column("key", Kind::Text),
    column("value", Kind::Number),
    column("unit", Kind::Text),
    column("span_start", Kind::Integer),
    column("span_end", Kind::Integer),
    // The values of a sum's parts, `3 + 5`.
    column("parts", Kind::Text),
];

/// The notices table's columns whose text is a day (or the month or year a
/// notice states).
const NOTICE_DATE_COLUMNS: [&str; 4] = ["period_start", "period_end", "published", "feedback"];

/// A column of `compare`'s row, with the kind of its cells.
fn compare_column(column: compare_columns::Column) -> Column {
    let kind = match column {
        compare_columns::Column::Text(name, _) if NOTICE_DATE_COLUMNS.contains(&name) => Kind::Date,
        compare_columns::Column::Text(..) => Kind::Text,
        compare_columns::Column::Count(..) => Kind::Integer,
        compare_columns::Column::Days(..) | compare_columns::Column::Metric(_) => Kind::Number,
    };
    Column {
        name: column.name(),
        kind,
    }
}

impl Table {
    /// Every table, in the order of the workbook's sheets.
    pub const ALL: [Table; 6] = [
        Table::Notices,
        Table::Issues,
        Table::Measures,
        Table::Quantities,
        Table::Dates,
        Table::Metrics,
    ];

    /// The table's name (`--table`, its CSV file, its sheet's key and its key in
    /// the Python package's `zhenggai.tables()`).
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

    /// The table's name in Chinese (the workbook's sheet names).
    pub fn caption(self) -> &'static str {
        match self {
            Table::Notices => "通报",
            Table::Quantities => "数量",
            Table::Dates => "日期",
            Table::Issues => "问题",
            Table::Measures => "措施",
            Table::Metrics => "指标",
        }
    }

    /// The columns of an item, after the leading columns.
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

    /// The columns of the table, in order.
    pub fn columns(self) -> Vec<Column> {
        match self {
            Table::Notices => compare_columns_all().into_iter().map(compare_column).collect(),
            _ => named(&LEADING_COLUMNS)
                .unwrap_or_default()
                .into_iter()
                .map(compare_column)
                .chain(self.item_columns().iter().copied())
                .collect(),
        }
    }

    /// The rows of one record: one per item (none when it has no item of
    /// the table), or its one row in the notices table.
    pub fn rows(self, record: &Record) -> Vec<Vec<Cell>> {
        self.rows_with(record, &Row::from_record(record))
    }

    /// [`Table::rows`], with the record's `compare` row already made.
    fn rows_with(self, record: &Record, row: &Row) -> Vec<Vec<Cell>> {
        if self == Table::Notices {
            return vec![notice_cells(row)];
        }
        // The leading columns looked up once per record, not once per cell.
        let leading: Vec<Cell> = named(&LEADING_COLUMNS)
            .unwrap_or_default()
            .into_iter()
            .map(|column| typed(column.cell(row)))
            .collect();
        let items: Vec<Vec<Cell>> = match self {
            Table::Notices => Vec::new(),
            Table::Quantities => record
                .quantities
                .iter()
                .map(|q| {
                    vec![
                        text(q.node.as_ref()),
                        offset(q.span.start),
                        offset(q.span.end),
                        text(Some(&q.text)),
                        Cell::Number(q.value),
                        q.value_max.map_or(Cell::Missing, Cell::Number),
                        text(Some(&q.unit)),
                        text(q.approx.as_ref().map(enum_text)),
                        text(Some(enum_text(&q.kind))),
                        text(q.label.as_ref()),
                    ]
                })
                .collect(),
            Table::Dates => record
                .dates
                .iter()
                .map(|d| {
                    vec![
                        text(d.node.as_ref()),
                        offset(d.span.start),
                        offset(d.span.end),
                        text(Some(&d.text)),
                        text(Some(enum_text(&d.kind))),
                        d.start.map_or(Cell::Missing, Cell::Date),
                        d.end.map_or(Cell::Missing, Cell::Date),
                        text(Some(enum_text(&d.precision))),
                        text(d.frequency.as_ref().map(enum_text)),
                        Cell::Boolean(d.relative),
                    ]
                })
                .collect(),
            Table::Issues => record
                .issues
                .iter()
                .map(|issue| {
                    vec![
                        text(Some(&issue.id)),
                        text(Some(&issue.node)),
                        offset(issue.number as usize),
                        text(issue.problem.as_ref()),
                        text(Some(&issue.heading)),
                        text(issue.status.as_ref().map(enum_text)),
                        offset(issue.measures.len()),
                    ]
                })
                .collect(),
            Table::Measures => record
                .issues
                .iter()
                .flat_map(|issue| {
                    issue.measures.iter().map(|measure| {
                        vec![
                            text(Some(&issue.id)),
                            text(Some(&measure.node)),
                            offset(measure.number as usize),
                            text(Some(&measure.title)),
                            offset(measure.span.start),
                            offset(measure.span.end),
                        ]
                    })
                })
                .collect(),
            Table::Metrics => record
                .metrics
                .iter()
                .map(|(key, metric)| {
                    let parts = metric.parts.as_ref().map(|parts| {
                        parts
                            .iter()
                            .map(|part| part.value.to_string())
                            .collect::<Vec<String>>()
                            .join(" + ")
                    });
                    vec![
                        text(Some(key)),
                        Cell::Number(metric.value),
                        text(Some(&metric.unit)),
                        offset(metric.span.start),
                        offset(metric.span.end),
                        text(parts),
                    ]
                })
                .collect(),
        };
        items
            .into_iter()
            .map(|item| leading.iter().cloned().chain(item).collect())
            .collect()
    }

    /// The rows of one record in every table, in [`Table::ALL`] order (the
    /// workbook's sheets, the Python package's tables): its `compare` row is
    /// made once for all six.
    pub fn rows_in_every_table(record: &Record) -> impl Iterator<Item = (Table, Vec<Vec<Cell>>)> + '_ {
        let row = Row::from_record(record);
        Table::ALL
            .into_iter()
            .map(move |table| (table, table.rows_with(record, &row)))
    }

    /// The rows of an input that failed: its row in the notices table (status
    /// `error` and the error), none in an item table.
    pub fn error_rows(self, record: &ErrorRecord) -> Vec<Vec<Cell>> {
        match self {
            Table::Notices => vec![notice_cells(&Row::from_error(record))],
            _ => Vec::new(),
        }
    }
}

/// The caption of a column in Chinese (the workbook's first header row;
/// the second holds the key).
pub fn column_caption(column: &str) -> &'static str {
    if let Some(metric) = crate::compare::METRICS.iter().find(|metric| metric.key == column) {
        return metric.caption;
    }
    match column {
        "path" => "文件",
        "status" => "状态",
        "title" => "标题",
        "publisher" => "发布单位",
        "target" => "被巡视巡察单位",
        "kind" => "类别",
        "body" => "巡视巡察组",
        "round" => "轮次",
        "period_start" => "进驻日期",
        "period_end" => "结束日期",
        "published" => "发布日期",
        "genre" => "文种",
        "issues" => "问题数",
        "measures" => "措施数",
        "error" => "错误",
        "feedback" => "反馈日期",
        "days_feedback_to_published" => "反馈至通报天数",
        "flags" => "提示",
        "node" => "所在标题",
        "span_start" => "起点",
        "span_end" => "终点",
        "text" => "原文",
        "value" => "数值",
        "value_max" => "上限",
        "unit" => "单位",
        "approx" => "约数",
        "label" => "对象",
        "start" => "起始日",
        "end" => "截止日",
        "precision" => "精度",
        "frequency" => "频次",
        "relative" => "相对日期",
        "issue" => "问题编号",
        "number" => "序号",
        "problem" => "问题",
        "heading" => "小标题",
        "measure_title" => "措施",
        "issue_status" => "整改状态",
        "key" => "指标",
        "parts" => "分项",
        _ => "",
    }
}

/// A text cell; empty when missing.
fn text<T: AsRef<str>>(value: Option<T>) -> Cell {
    value.map_or(Cell::Missing, |value| Cell::Text(value.as_ref().to_owned()))
}

/// An offset or count cell.
fn offset(value: usize) -> Cell {
    Cell::Integer(value as u64)
}

/// The cells of a notices row, in `compare`'s column order; the days of
/// the period and of publication as dates (a publication known only to its
/// month or year stays text: `2024-05`).
fn notice_cells(row: &Row) -> Vec<Cell> {
    compare_columns_all()
        .iter()
        .map(|column| match typed(column.cell(row)) {
            Cell::Text(day) if NOTICE_DATE_COLUMNS.contains(&column.name()) => match day.parse::<CivilDate>() {
                Ok(day) => Cell::Date(day),
                Err(_) => Cell::Text(day),
            },
            cell => cell,
        })
        .collect()
}

/// A `compare` cell as a typed table cell.
fn typed(cell: compare_columns::Cell) -> Cell {
    match cell {
        compare_columns::Cell::Text(text) => Cell::Text(text.into_owned()),
        compare_columns::Cell::Count(count) => Cell::Integer(count as u64),
        compare_columns::Cell::Days(days) => Cell::Number(Number(days.into())),
        compare_columns::Cell::Metric(_, value) => Cell::Number(value),
        compare_columns::Cell::Missing => Cell::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_caption_and_rows_fit_their_header() {
        let notice = "中共某局党组关于巡察整改进展情况的通报\n根据部署,市委第一巡察组对某局进行了巡察。\n一、关于“甲,乙”问题的整改情况\n(一)健全制度。建立完善制度8项,约30人参加。\n2024年5月8日\n";
        let record = crate::parse(notice.as_bytes(), &crate::Options::default()).unwrap();
        for table in Table::ALL {
            let columns = table.columns();
            for column in &columns {
                assert!(!column.caption().is_empty(), "{} has no caption", column.name);
                let named_alike = columns.iter().filter(|other| other.name == column.name).count();
                assert_eq!(named_alike, 1, "{} twice", column.name);
            }
            let rows = table.rows(&record);
            assert!(!rows.is_empty(), "{}", table.name());
            for row in rows {
                assert_eq!(row.len(), columns.len(), "{}", table.name());
                for (cell, column) in row.iter().zip(&columns) {
                    let fits = matches!(
                        (cell, column.kind),
                        (Cell::Missing, _)
                            | (Cell::Text(_), Kind::Text | Kind::Date)
                            | (Cell::Integer(_), Kind::Integer)
                            | (Cell::Number(_), Kind::Number)
                            | (Cell::Date(_), Kind::Date)
                            | (Cell::Boolean(_), Kind::Boolean)
                    );
                    assert!(
                        fits,
                        "{}.{}: {cell:?} is not {:?}",
                        table.name(),
                        column.name,
                        column.kind
                    );
                }
            }
        }
        // All six at once give each table's rows, in the workbook's order.
        let every: Vec<(Table, Vec<Vec<Cell>>)> = Table::rows_in_every_table(&record).collect();
        let one_by_one: Vec<(Table, Vec<Vec<Cell>>)> = Table::ALL
            .into_iter()
            .map(|table| (table, table.rows(&record)))
            .collect();
        assert_eq!(every, one_by_one);
        // 建立完善制度8项 is rules_established: one metrics row, its value 8.
        let metrics = Table::Metrics.rows(&record);
        assert_eq!(metrics.len(), 1);
        assert_eq!(metrics[0][5], Cell::Text("rules_established".into()));
        assert_eq!(metrics[0][6], Cell::Number(Number("8".parse().unwrap())));
    }
}
