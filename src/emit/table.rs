//! The flat tables of records, cell by cell: which tables there are, their
//! columns (with a Chinese caption each), and the typed cells of a record's
//! rows. The one place that says what a table holds; the CSV writer
//! ([`super::csv`]) and the workbook writer ([`super::xlsx`]) only format
//! these cells.
//!
//! Every item table (quantities, dates, issues, measures, metrics) starts
//! each row with its input and notice (path, title, publisher, target,
//! genre), so that a table needs no join. The notices table has one row per
//! input with `compare`'s columns, a failed input's row included (status
//! `error` and its error): the place where failures show. Item tables hold
//! items, and a failed input has none.

use crate::compare::Row;
use crate::compare::columns::{Cell, columns, named};
use crate::record::{CivilDate, ErrorRecord, Number, Record};

use super::csv::enum_text;

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

/// One cell of a table, typed: each writer shows it in its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    /// Text as the record states it (writers make it safe).
    Text(String),
    /// A count, an offset, a number in a list.
    Integer(u64),
    /// A figure (money in 元, rates in %), exact.
    Number(Number),
    /// A calendar day.
    Date(CivilDate),
    /// Yes or no.
    Bool(bool),
    /// Not stated.
    Empty,
}

/// The columns that lead every item table: the input and its notice.
const LEADING_COLUMNS: [&str; 5] = ["path", "title", "publisher", "target", "genre"];

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

    /// The table's name (`--table`, its CSV file and its sheet's key).
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
    fn item_columns(self) -> &'static [&'static str] {
        match self {
            Table::Notices => &[],
            Table::Quantities => &[
                "node",
                "span_start",
                "span_end",
                "text",
                "value",
                "value_max",
                "unit",
                "approx",
                "kind",
                "label",
            ],
            Table::Dates => &[
                "node",
                "span_start",
                "span_end",
                "text",
                "kind",
                "start",
                "end",
                "precision",
                "frequency",
                "relative",
            ],
            Table::Issues => &["issue", "node", "number", "problem", "heading", "issue_status", "measures"],
            Table::Measures => &["issue", "node", "number", "measure_title", "span_start", "span_end"],
            Table::Metrics => &["key", "value", "unit", "span_start", "span_end", "parts"],
        }
    }

    /// The header of the table.
    pub fn columns(self) -> Vec<&'static str> {
        match self {
            Table::Notices => columns().into_iter().map(|column| column.name()).collect(),
            _ => LEADING_COLUMNS
                .into_iter()
                .chain(self.item_columns().iter().copied())
                .collect(),
        }
    }

    /// The rows of one record: one per item (none when it has no item of
    /// the table), or its one row in the notices table.
    pub fn rows(self, record: &Record) -> Vec<Vec<TableCell>> {
        let row = Row::from_record(record);
        if self == Table::Notices {
            return vec![notice_cells(&row)];
        }
        // The leading columns looked up once per record, not once per cell.
        let leading: Vec<TableCell> = named(&LEADING_COLUMNS)
            .unwrap_or_default()
            .into_iter()
            .map(|column| typed(column.cell(&row)))
            .collect();
        let items: Vec<Vec<TableCell>> = match self {
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
                        TableCell::Number(q.value),
                        q.value_max.map_or(TableCell::Empty, TableCell::Number),
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
                        d.start.map_or(TableCell::Empty, TableCell::Date),
                        d.end.map_or(TableCell::Empty, TableCell::Date),
                        text(Some(enum_text(&d.precision))),
                        text(d.frequency.as_ref().map(enum_text)),
                        TableCell::Bool(d.relative),
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
                        TableCell::Number(metric.value),
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

    /// The rows of an input that failed: its row in the notices table (status
    /// `error` and the error), none in an item table.
    pub fn error_rows(self, record: &ErrorRecord) -> Vec<Vec<TableCell>> {
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
fn text<T: AsRef<str>>(value: Option<T>) -> TableCell {
    value.map_or(TableCell::Empty, |value| TableCell::Text(value.as_ref().to_owned()))
}

/// An offset or count cell.
fn offset(value: usize) -> TableCell {
    TableCell::Integer(value as u64)
}

/// The cells of a notices row, in `compare`'s column order; the days of
/// the period and of publication as dates (a publication known only to its
/// month or year stays text: `2024-05`).
fn notice_cells(row: &Row) -> Vec<TableCell> {
    columns()
        .iter()
        .map(|column| match (column.name(), typed(column.cell(row))) {
            ("period_start" | "period_end" | "published", TableCell::Text(day)) => match day.parse::<CivilDate>() {
                Ok(day) => TableCell::Date(day),
                Err(_) => TableCell::Text(day),
            },
            (_, cell) => cell,
        })
        .collect()
}

/// A `compare` cell as a typed table cell.
fn typed(cell: Cell) -> TableCell {
    match cell {
        Cell::Text(text) => TableCell::Text(text.into_owned()),
        Cell::Count(count) => TableCell::Integer(count as u64),
        Cell::Days(days) => TableCell::Number(Number(days.into())),
        Cell::Metric(_, value) => TableCell::Number(value),
        Cell::Missing => TableCell::Empty,
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
                assert!(!column_caption(column).is_empty(), "{} has no caption", column);
                assert_eq!(columns.iter().filter(|other| *other == column).count(), 1, "{column} twice");
            }
            let rows = table.rows(&record);
            assert!(!rows.is_empty(), "{}", table.name());
            for row in rows {
                assert_eq!(row.len(), table.columns().len(), "{}", table.name());
            }
        }
        // 建立完善制度8项 is rules_established: one metrics row, its value 8.
        let metrics = Table::Metrics.rows(&record);
        assert_eq!(metrics.len(), 1);
        assert_eq!(metrics[0][5], TableCell::Text("rules_established".into()));
        assert_eq!(metrics[0][6], TableCell::Number(Number("8".parse().unwrap())));
    }
}
