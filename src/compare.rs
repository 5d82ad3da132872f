//! Compare stage: records → a cross-unit comparison table.
//!
//! Consumes records as JSON values (straight from [`crate::parse`] via
//! `serde_json::to_value`, or read back from NDJSON), error records included.
//! Produces one [`Row`] per notice, the facts a researcher lines up across
//! units: who published it, which unit was inspected, by whom and when, how
//! many issues and measures, and the standard metrics of the contract. Rows are
//! written as an aligned terminal table ([`write_table`]), CSV ([`write_csv`]),
//! a JSON array ([`write_json`]) or a self-contained HTML report with one bar
//! chart per metric ([`write_html`]).
//!
//! CSV and JSON keep raw numbers (money in 元); the table and the report format
//! them for reading (percentages with `%`, large sums in 万元/亿元).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::emit::csv::{csv_text_cell, is_stripped_control};
use crate::record::Number;

/// The contract's metric keys, in the order of the table and CSV columns.
pub const METRIC_KEYS: &[&str] = &[
    "problem_aspects",
    "problems_total",
    "problem_items",
    "problems_rectified",
    "problems_in_progress",
    "completion_rate",
    "people_educated",
    "people_disciplined",
    "rules_established",
    "funds_recovered",
    "clues_transferred",
];

/// One row per notice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub path: Option<String>,
    /// The record's genre kind (null for error records and records saved
    /// before schema 1.1).
    pub genre: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub target: Option<String>,
    pub kind: Option<String>,
    pub body: Option<String>,
    pub round: Option<String>,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub published: Option<String>,
    pub issues: usize,
    pub measures: usize,
    /// Metric key → value in the metric's unit (元 for money, % for rates).
    #[serde(serialize_with = "serialize_metrics")]
    pub metrics: BTreeMap<String, f64>,
    pub error: Option<String>,
}

/// Writes metric values as the records print them: whole values as JSON
/// integers (3, not 3.0), others as their shortest decimal.
fn serialize_metrics<S: Serializer>(metrics: &BTreeMap<String, f64>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(metrics.iter().map(|(key, value)| (key, Number::from_f64(*value))))
}

impl Row {
    /// Whether the row is a rectification notice (or an error, or a record
    /// saved before genres were known), which `compare` keeps by default.
    pub fn is_notice_or_error(&self) -> bool {
        self.error.is_some() || self.genre.as_deref().is_none_or(|kind| kind == "rectification_notice")
    }
}

/// The row of one record. An error record (one with `"error"`) gives a row
/// with only `path` and `error` set.
pub fn row_from_record(record: &Value) -> Row {
    let text_at = |pointer: &str| non_empty_text(record.pointer(pointer));
    let path = text_at("/source/path");
    if let Some(error) = record.get("error") {
        return Row {
            path,
            error: Some(describe_error(error)),
            ..Row::default()
        };
    }
    let issues = record
        .get("issues")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let measures = issues
        .iter()
        .filter_map(|issue| issue.get("measures").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    Row {
        path,
        genre: text_at("/genre/kind"),
        title: text_at("/title"),
        publisher: text_at("/publisher"),
        target: text_at("/inspection/target"),
        kind: text_at("/inspection/kind"),
        body: text_at("/inspection/body"),
        round: text_at("/inspection/round"),
        period_start: text_at("/inspection/period/start"),
        period_end: text_at("/inspection/period/end"),
        published: record.get("published").and_then(date_at_precision),
        issues: issues.len(),
        measures,
        metrics: metric_values(record),
        error: None,
    }
}

fn non_empty_text(value: Option<&Value>) -> Option<String> {
    value
        .and_then(Value::as_str)
        .filter(|text| !text.trim().is_empty())
        .map(str::to_owned)
}

/// `code: message` of an error record's `error` object.
fn describe_error(error: &Value) -> String {
    let code = non_empty_text(error.get("code"));
    let message = non_empty_text(error.get("message"));
    match (code, message) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(text), None) | (None, Some(text)) => text,
        (None, None) => "error".to_owned(),
    }
}

/// A contract Date as ISO 8601 at the precision the notice states: `2024-05-08`
/// (day), `2024-05` (month), `2024` (year), else the `start/end` interval;
/// the date's own text when it has no start.
fn date_at_precision(date: &Value) -> Option<String> {
    let start = non_empty_text(date.get("start"));
    let end = non_empty_text(date.get("end"));
    let precision = date.get("precision").and_then(Value::as_str);
    let Some(start) = start else {
        return non_empty_text(date.get("text"));
    };
    let prefix = |len: usize| start.get(..len).map(str::to_owned);
    match (precision, end) {
        (Some("day") | None, _) => Some(start),
        (Some("month"), _) => prefix("YYYY-MM".len()),
        (Some("year"), _) => prefix("YYYY".len()),
        (_, Some(end)) => Some(format!("{start}/{end}")),
        (_, None) => Some(start),
    }
}

/// Every metric of the record with a numeric `value`.
fn metric_values(record: &Value) -> BTreeMap<String, f64> {
    let Some(metrics) = record.get("metrics").and_then(Value::as_object) else {
        return BTreeMap::new();
    };
    metrics
        .iter()
        .filter_map(|(key, metric)| Some((key.clone(), metric.get("value")?.as_f64()?)))
        .collect()
}

// ---------------------------------------------------------------------------
// Columns: one list drives the table, the CSV and the HTML report.

/// What a column shows of a row.
#[derive(Clone, Copy)]
enum Column {
    Text(&'static str, fn(&Row) -> Option<&str>),
    Count(&'static str, fn(&Row) -> usize),
    Metric(&'static str),
}

/// One row's value in one column.
enum Cell<'r> {
    Text(&'r str),
    Count(usize),
    Metric(&'static str, f64),
    Missing,
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Column::Text(name, _) | Column::Count(name, _) | Column::Metric(name) => name,
        }
    }

    fn is_numeric(self) -> bool {
        !matches!(self, Column::Text(..))
    }

    fn cell(self, row: &Row) -> Cell<'_> {
        match self {
            Column::Text(_, field) => field(row).map_or(Cell::Missing, Cell::Text),
            // An error row counted nothing: its counts are missing, not zero.
            Column::Count(..) if row.error.is_some() => Cell::Missing,
            Column::Count(_, field) => Cell::Count(field(row)),
            Column::Metric(key) => row
                .metrics
                .get(key)
                .map_or(Cell::Missing, |value| Cell::Metric(key, *value)),
        }
    }
}

impl Cell<'_> {
    /// The cell for reading: metrics formatted with their unit, "-" when missing.
    fn display(&self) -> String {
        match self {
            Cell::Text(text) => single_line(text),
            Cell::Count(count) => count.to_string(),
            Cell::Metric(key, value) => format_metric(key, *value),
            Cell::Missing => MISSING.to_owned(),
        }
    }

    /// The cell for CSV: raw numbers, empty when missing, text through
    /// [`csv_text_cell`].
    fn raw(&self) -> String {
        match self {
            Cell::Text(text) => csv_text_cell(text).into_owned(),
            Cell::Count(count) => count.to_string(),
            Cell::Metric(_, value) => value.to_string(),
            Cell::Missing => String::new(),
        }
    }
}

/// Shown for a missing value in the table and the report.
const MISSING: &str = "-";

const COLUMNS_BEFORE_METRICS: [Column; 13] = [
    Column::Text("path", |row| row.path.as_deref()),
    Column::Text("title", |row| row.title.as_deref()),
    Column::Text("publisher", |row| row.publisher.as_deref()),
    Column::Text("target", |row| row.target.as_deref()),
    Column::Text("kind", |row| row.kind.as_deref()),
    Column::Text("body", |row| row.body.as_deref()),
    Column::Text("round", |row| row.round.as_deref()),
    Column::Text("period_start", |row| row.period_start.as_deref()),
    Column::Text("period_end", |row| row.period_end.as_deref()),
    Column::Text("published", |row| row.published.as_deref()),
    Column::Text("genre", |row| row.genre.as_deref()),
    Column::Count("issues", |row| row.issues),
    Column::Count("measures", |row| row.measures),
];

const ERROR_COLUMN: Column = Column::Text("error", |row| row.error.as_deref());

/// All columns in CSV order: the fields, every metric key, then the error.
fn columns() -> Vec<Column> {
    COLUMNS_BEFORE_METRICS
        .into_iter()
        .chain(METRIC_KEYS.iter().map(|key| Column::Metric(key)))
        .chain([ERROR_COLUMN])
        .collect()
}

// ---------------------------------------------------------------------------
// Number formatting for reading.

/// `value` rounded to at most `decimals` places, without trailing zeros.
fn format_decimal(value: f64, decimals: usize) -> String {
    let fixed = format!("{value:.decimals$}");
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    if trimmed == "-0" {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

const YUAN_PER_WAN: f64 = 1e4;
const YUAN_PER_YI: f64 = 1e8;

/// A sum in 元 as Chinese readers write it: 8500元, 66.57万元, 1.2亿元.
fn format_money(yuan: f64) -> String {
    if yuan.abs() >= YUAN_PER_YI {
        format!("{}亿元", format_decimal(yuan / YUAN_PER_YI, 2))
    } else if yuan.abs() >= YUAN_PER_WAN {
        format!("{}万元", format_decimal(yuan / YUAN_PER_WAN, 2))
    } else {
        format!("{}元", format_decimal(yuan, 2))
    }
}

/// A metric value for reading, with its unit where the key implies one.
fn format_metric(key: &str, value: f64) -> String {
    match key {
        "completion_rate" => format!("{}%", format_decimal(value, 1)),
        "funds_recovered" => format_money(value),
        _ => format_decimal(value, 2),
    }
}

/// What a metric key counts, in the notices' own words.
fn metric_caption(key: &str) -> &'static str {
    match key {
        "problem_aspects" => "问题方面",
        "problems_total" => "反馈问题总数",
        "problem_items" => "具体问题",
        "problems_rectified" => "已完成整改问题",
        "problems_in_progress" => "正在整改问题",
        "completion_rate" => "整改完成率",
        "people_educated" => "教育提醒(人)",
        "people_disciplined" => "问责处理(人)",
        "rules_established" => "建立完善制度",
        "funds_recovered" => "清退追回资金",
        "clues_transferred" => "移交问题线索",
        _ => "",
    }
}

// ---------------------------------------------------------------------------
// Text helpers.

/// The text on one line: line breaks and tabs become spaces, other control
/// characters ([`is_stripped_control`]: ESC, BEL, bidirectional controls …)
/// go, so that a title cannot drive the terminal.
fn single_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            c if is_stripped_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Terminal columns `text` takes (CJK characters take two).
fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

const ELLIPSIS: char = '…';

/// The leading characters of `chars` that fit in `budget` columns.
fn take_width(chars: impl Iterator<Item = char>, budget: usize) -> Vec<char> {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= budget
        })
        .collect()
}

/// Columns left for text when `…` has to fit in `max_width`.
fn budget_beside_ellipsis(max_width: usize) -> usize {
    max_width.saturating_sub(ELLIPSIS.width().unwrap_or(1))
}

/// `text` cut at its end to at most `max_width` columns, `…` marking the cut.
fn truncate_end(text: &str, max_width: usize) -> String {
    if display_width(text) <= max_width {
        return text.to_owned();
    }
    let mut kept: String = take_width(text.chars(), budget_beside_ellipsis(max_width))
        .into_iter()
        .collect();
    kept.push(ELLIPSIS);
    kept
}

/// `text` cut in its middle to at most `max_width` columns, keeping both
/// ends (a path's folder and its file name's ending).
fn truncate_middle(text: &str, max_width: usize) -> String {
    if display_width(text) <= max_width {
        return text.to_owned();
    }
    let budget = budget_beside_ellipsis(max_width);
    let head = take_width(text.chars(), budget.div_ceil(2));
    let head_width: usize = head.iter().map(|c| c.width().unwrap_or(0)).sum();
    let tail = take_width(text.chars().rev(), budget - head_width);
    head.into_iter()
        .chain([ELLIPSIS])
        .chain(tail.into_iter().rev())
        .collect()
}

/// Escapes text for HTML element content and quoted attribute values.
fn html_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

// ---------------------------------------------------------------------------
// Terminal table.

/// Widest a text column gets in the terminal table before `…` cuts it.
const TABLE_TEXT_MAX_WIDTH: usize = 20;
const TABLE_PATH_MAX_WIDTH: usize = 32;
const TABLE_TITLE_MAX_WIDTH: usize = 28;
const TABLE_ERROR_MAX_WIDTH: usize = 48;
const TABLE_COLUMN_GAP: &str = "  ";

/// A table cell's text, cut to the column's maximum width.
fn table_cell(column: Column, row: &Row) -> String {
    let text = column.cell(row).display();
    match column.name() {
        "path" => truncate_middle(&text, TABLE_PATH_MAX_WIDTH),
        "title" => truncate_end(&text, TABLE_TITLE_MAX_WIDTH),
        "error" => truncate_end(&text, TABLE_ERROR_MAX_WIDTH),
        _ if column.is_numeric() => text,
        _ => truncate_end(&text, TABLE_TEXT_MAX_WIDTH),
    }
}

/// `text` padded with spaces to `width` columns, on the right or the left.
fn pad(text: &str, width: usize, align_right: bool) -> String {
    let padding = " ".repeat(width.saturating_sub(display_width(text)));
    if align_right {
        padding + text
    } else {
        format!("{text}{padding}")
    }
}

/// Writes the rows as a plain-text table: a header, a rule, one line per row.
/// Columns are aligned by display width, numbers to the right; every line has
/// the same display width.
pub fn write_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let columns = columns();
    let header: Vec<String> = columns.iter().map(|column| column.name().to_owned()).collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|row| columns.iter().map(|column| table_cell(*column, row)).collect())
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|index| {
            std::iter::once(&header)
                .chain(&body)
                .map(|cells| display_width(&cells[index]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
    for cells in std::iter::once(&header).chain(std::iter::once(&rule)).chain(&body) {
        let line: Vec<String> = cells
            .iter()
            .zip(&columns)
            .zip(&widths)
            .map(|((cell, column), width)| pad(cell, *width, column.is_numeric()))
            .collect();
        writeln!(out, "{}", line.join(TABLE_COLUMN_GAP))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// CSV and JSON.

/// Writes the rows as CSV with a fixed header (`path,title,…,<metric keys>,error`);
/// missing values (and the counts of an error row) are empty cells, numbers raw
/// (money in 元). With `bom`, a UTF-8 byte-order mark comes first so that Excel
/// reads the file as UTF-8.
pub fn write_csv(rows: &[Row], out: &mut dyn Write, bom: bool) -> io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let columns = columns();
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|column| column.name()))?;
    for row in rows {
        writer.write_record(columns.iter().map(|column| column.cell(row).raw()))?;
    }
    writer.flush()
}

/// Writes the rows as one pretty JSON array of row objects, then a newline.
pub fn write_json(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

// ---------------------------------------------------------------------------
// HTML report.

const REPORT_STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 24px; color: #1f2328; background: #fff;
  font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
h3 .caption { font-weight: normal; color: #57606a; margin-left: 8px; }
.summary { color: #57606a; margin: 0 0 16px; }
.table-scroll { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; }
table { border-collapse: collapse; font-size: 13px; width: max-content; }
th, td { padding: 4px 8px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; white-space: nowrap; position: sticky; top: 0; }
thead th small { display: block; font-weight: normal; color: #57606a; }
td { max-width: 20em; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; min-width: 0; font-variant-numeric: tabular-nums; }
td.missing { color: #8c959f; }
tr.error-row td { background: #fff1f0; }
tr.error-row td.error { color: #b42318; font-weight: 600; }
.charts section { margin-bottom: 8px; }
.charts svg { display: block; max-width: 100%; height: auto; }
.chart-label { font-size: 13px; fill: #1f2328; }
.chart-value { font-size: 12px; fill: #1f2328; }
.chart-bar { fill: #4a7bb7; }
.not-stated { color: #8c959f; font-style: italic; margin: 0; }
"#;

/// Writes a self-contained HTML page: a title, a one-line summary, the whole
/// table (the CSV columns, metrics formatted) and one horizontal bar chart per
/// metric over the notices that state it. No external resources.
///
/// `left_out` counts the documents that were not rectification notices.
pub fn write_html(rows: &[Row], left_out: usize, out: &mut dyn Write) -> io::Result<()> {
    let errors = rows.iter().filter(|row| row.error.is_some()).count();
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>整改进展对比 · Rectification progress comparison</title>")?;
    writeln!(out, "<style>{REPORT_STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>整改进展对比 · Rectification progress comparison</h1>")?;
    let notices = rows
        .iter()
        .filter(|row| row.error.is_none() && row.is_notice_or_error())
        .count();
    let kept_others = rows.len() - errors - notices;
    let mut summary = vec![counted(notices, "notice", "notices")];
    if kept_others > 0 {
        summary.push(counted(kept_others, "other document", "other documents"));
    }
    if left_out > 0 {
        summary.push(format!(
            "{} left out",
            counted(left_out, "other document", "other documents")
        ));
    }
    summary.push(counted(errors, "error", "errors"));
    writeln!(out, "<p class=\"summary\">{}</p>", summary.join(", "))?;
    write_html_table(rows, out)?;
    writeln!(out, "<h2>Metrics</h2>\n<div class=\"charts\">")?;
    let labels = chart_labels(rows);
    // One label column for all charts, so that their bars start at the same x.
    let label_px = rows
        .iter()
        .zip(&labels)
        .filter(|(row, _)| row.error.is_none())
        .map(|(_, label)| text_px(label))
        .fold(0.0, f64::max);
    for key in METRIC_KEYS {
        write_metric_chart(rows, &labels, label_px, key, out)?;
    }
    writeln!(out, "</div>\n</body>\n</html>")
}

fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// The table: a `#` column (referred to by chart labels), then the CSV columns.
fn write_html_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let columns = columns();
    writeln!(
        out,
        "<h2>Notices</h2>\n<div class=\"table-scroll\">\n<table>\n<thead><tr><th class=\"num\">#</th>"
    )?;
    for column in &columns {
        let class = if column.is_numeric() { " class=\"num\"" } else { "" };
        let caption = match column {
            Column::Metric(key) => format!("<small>{}</small>", html_escape(metric_caption(key))),
            _ => String::new(),
        };
        writeln!(out, "<th{class}>{}{caption}</th>", html_escape(column.name()))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for (index, row) in rows.iter().enumerate() {
        let row_class = if row.error.is_some() {
            " class=\"error-row\""
        } else {
            ""
        };
        write!(out, "<tr{row_class}><td class=\"num\">{}</td>", index + 1)?;
        for column in &columns {
            let cell = column.cell(row);
            let mut classes = Vec::new();
            if column.is_numeric() {
                classes.push("num");
            }
            if matches!(cell, Cell::Missing) {
                classes.push("missing");
            }
            if column.name() == "error" {
                classes.push("error");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            write!(out, "<td{class}>{}</td>", html_escape(&cell.display()))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</div>")
}

/// Widest a chart label gets before `…` cuts it, in display columns.
const CHART_LABEL_MAX_WIDTH: usize = 24;

/// Each row's label in the charts: the unit's short name (target, else
/// publisher, else file name), with `#n` (its table row) when two rows share
/// a name.
fn chart_labels(rows: &[Row]) -> Vec<String> {
    let names: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let file_name = row
                .path
                .as_deref()
                .map(|path| path.rsplit(['/', '\\']).next().unwrap_or(path));
            let name = row.target.as_deref().or(row.publisher.as_deref()).or(file_name);
            name.map_or_else(
                || format!("#{}", index + 1),
                |name| truncate_end(&single_line(name), CHART_LABEL_MAX_WIDTH),
            )
        })
        .collect();
    // How many rows bear each name, counted once (not per row: 100,000 rows
    // made 10^10 comparisons).
    let mut bearers: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(names.len());
    for name in &names {
        *bearers.entry(name.as_str()).or_default() += 1;
    }
    names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            if bearers.get(name.as_str()).is_some_and(|&count| count > 1) {
                format!("{name} #{}", index + 1)
            } else {
                name.clone()
            }
        })
        .collect()
}

/// Chart geometry, in CSS pixels.
const CHART_FONT_PX: f64 = 13.0;
/// Width of one display column of text: CJK glyphs are one em (two columns),
/// Latin letters and digits at most about 0.6 em.
const CHART_PX_PER_COLUMN: f64 = CHART_FONT_PX * 0.6;
const CHART_ROW_PX: f64 = 24.0;
const CHART_BAR_PX: f64 = 16.0;
const CHART_BAR_AREA_PX: f64 = 480.0;
const CHART_GAP_PX: f64 = 8.0;
const CHART_PADDING_PX: f64 = 4.0;

fn text_px(text: &str) -> f64 {
    display_width(text) as f64 * CHART_PX_PER_COLUMN
}

/// One metric's section: a bar per non-error row that states it, largest first,
/// scaled to the largest value, labels right-aligned in `label_px`; or a note
/// that no notice states it.
fn write_metric_chart(
    rows: &[Row],
    labels: &[String],
    label_px: f64,
    key: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut bars: Vec<(&str, f64)> = rows
        .iter()
        .zip(labels)
        .filter(|(row, _)| row.error.is_none())
        .filter_map(|(row, label)| Some((label.as_str(), *row.metrics.get(key)?)))
        .collect();
    bars.sort_by(|left, right| right.1.total_cmp(&left.1));
    let stated_by = if bars.is_empty() {
        String::new()
    } else {
        let parsed = rows.iter().filter(|row| row.error.is_none()).count();
        let parsed_notices = counted(parsed, "parsed notice", "parsed notices");
        format!(" · stated by {} of {parsed_notices}", bars.len())
    };
    writeln!(
        out,
        "<section>\n<h3>{}<span class=\"caption\">{}{}</span></h3>",
        html_escape(key),
        html_escape(metric_caption(key)),
        html_escape(&stated_by)
    )?;
    if bars.is_empty() {
        return writeln!(out, "<p class=\"not-stated\">not stated by any notice</p>\n</section>");
    }
    let max_value = bars.iter().map(|(_, value)| *value).fold(0.0, f64::max);
    let value_texts: Vec<String> = bars.iter().map(|(_, value)| format_metric(key, *value)).collect();
    let value_px = value_texts.iter().map(|text| text_px(text)).fold(0.0, f64::max);
    let bar_x = CHART_PADDING_PX + label_px + CHART_GAP_PX;
    let width = bar_x + CHART_BAR_AREA_PX + CHART_GAP_PX + value_px + CHART_PADDING_PX;
    let height = 2.0 * CHART_PADDING_PX + CHART_ROW_PX * bars.len() as f64;
    writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">",
        html_escape(key)
    )?;
    for (index, ((label, value), value_text)) in bars.iter().zip(&value_texts).enumerate() {
        let top = CHART_PADDING_PX + CHART_ROW_PX * index as f64;
        let middle = top + CHART_ROW_PX / 2.0;
        let bar_px = if max_value > 0.0 {
            (value / max_value).max(0.0) * CHART_BAR_AREA_PX
        } else {
            0.0
        };
        writeln!(
            out,
            "<g><title>{label}: {value_text}</title>\
             <text class=\"chart-label\" x=\"{label_x:.1}\" y=\"{middle:.1}\" text-anchor=\"end\" dominant-baseline=\"central\">{label}</text>\
             <rect class=\"chart-bar\" x=\"{bar_x:.1}\" y=\"{bar_y:.1}\" width=\"{bar_px:.1}\" height=\"{CHART_BAR_PX}\" rx=\"2\"></rect>\
             <text class=\"chart-value\" x=\"{value_x:.1}\" y=\"{middle:.1}\" dominant-baseline=\"central\">{value_text}</text></g>",
            label = html_escape(label),
            value_text = html_escape(value_text),
            label_x = bar_x - CHART_GAP_PX,
            bar_y = middle - CHART_BAR_PX / 2.0,
            value_x = bar_x + bar_px + CHART_GAP_PX / 2.0,
        )?;
    }
    writeln!(out, "</svg>\n</section>")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn span() -> Value {
        json!([0, 1])
    }

    fn full_record() -> Value {
        json!({
            "schema_version": "1.0",
            "source": { "path": "corpus/市妇联.txt", "bytes": 100, "sha256": "00", "encoding": "utf-8",
                        "format": "text", "script": "simplified", "chars": 50 },
            "title": "中共某市妇联党组关于巡察整改进展情况的通报",
            "publisher": "中共某市妇联党组",
            "published": { "text": "2025年2月10日", "kind": "point", "start": "2025-02-10", "end": "2025-02-10",
                           "precision": "day", "frequency": null, "relative": false, "span": span(), "node": null },
            "inspection": {
                "kind": "巡察", "body": "市委第二巡察组", "round": "五届市委第四轮巡察", "target": "市妇联党组",
                "period": { "text": "2024年5月8日—5月24日", "kind": "range", "start": "2024-05-08", "end": "2024-05-24",
                            "precision": "day", "frequency": null, "relative": false, "span": span(), "node": null },
                "feedback": null
            },
            "outline": [],
            "issues": [
                { "id": "1", "node": "1", "number": 1, "problem": null, "heading": "h", "status": null,
                  "measures": [ { "node": "1.1", "number": 1, "title": "a", "span": span() },
                                { "node": "1.2", "number": 2, "title": "b", "span": span() } ] },
                { "id": "2", "node": "2", "number": 2, "problem": null, "heading": "h", "status": null,
                  "measures": [ { "node": "2.1", "number": 1, "title": "c", "span": span() } ] }
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

    fn error_record() -> Value {
        json!({
            "schema_version": "1.0",
            "source": { "path": "corpus/broken.txt", "bytes": 3 },
            "error": { "code": "decode", "message": "not valid text" }
        })
    }

    fn record_without_metrics() -> Value {
        let mut record = full_record();
        record["metrics"] = json!({});
        record["title"] = json!("短标题");
        record["inspection"]["target"] = json!("某县教育局党组");
        record
    }

    fn rendered(write: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample_rows() -> Vec<Row> {
        [full_record(), error_record(), record_without_metrics()]
            .iter()
            .map(row_from_record)
            .collect()
    }

    #[test]
    fn full_record_gives_every_field() {
        let row = row_from_record(&full_record());
        assert_eq!(row.path.as_deref(), Some("corpus/市妇联.txt"));
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
        let expected: BTreeMap<String, f64> = [
            ("completion_rate", 87.5),
            ("funds_recovered", 665_700.0),
            ("problems_total", 24.0),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value))
        .collect();
        assert_eq!(row.metrics, expected);
        assert_eq!(row.error, None);
    }

    #[test]
    fn error_record_gives_only_path_and_error() {
        let row = row_from_record(&error_record());
        assert_eq!(
            row,
            Row {
                path: Some("corpus/broken.txt".to_owned()),
                error: Some("decode: not valid text".to_owned()),
                ..Row::default()
            }
        );
    }

    #[test]
    fn record_without_metrics_has_empty_metrics() {
        let mut record = full_record();
        record.as_object_mut().unwrap().remove("metrics");
        assert!(row_from_record(&record).metrics.is_empty());
        assert!(row_from_record(&record_without_metrics()).metrics.is_empty());
        assert_eq!(row_from_record(&record_without_metrics()).issues, 2);
    }

    #[test]
    fn published_date_keeps_its_precision() {
        let date = |precision: &str, start: &str, end: &str| {
            date_at_precision(&json!({ "text": "t", "start": start, "end": end, "precision": precision }))
        };
        assert_eq!(date("day", "2025-02-10", "2025-02-10").as_deref(), Some("2025-02-10"));
        assert_eq!(date("month", "2025-02-01", "2025-02-28").as_deref(), Some("2025-02"));
        assert_eq!(date("year", "2025-01-01", "2025-12-31").as_deref(), Some("2025"));
        assert_eq!(
            date("half", "2025-01-01", "2025-06-30").as_deref(),
            Some("2025-01-01/2025-06-30")
        );
        assert_eq!(
            date_at_precision(&json!({ "text": "近日", "start": null })).as_deref(),
            Some("近日")
        );
    }

    #[test]
    fn csv_header_and_row_are_exact() {
        let rows = [row_from_record(&full_record())];
        let csv = rendered(|out| write_csv(&rows, out, false));
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "path,title,publisher,target,kind,body,round,period_start,period_end,published,genre,issues,measures,\
             problem_aspects,problems_total,problem_items,problems_rectified,problems_in_progress,completion_rate,\
             people_educated,people_disciplined,rules_established,funds_recovered,clues_transferred,error"
        );
        assert_eq!(
            lines.next().unwrap(),
            "corpus/市妇联.txt,中共某市妇联党组关于巡察整改进展情况的通报,中共某市妇联党组,市妇联党组,巡察,\
             市委第二巡察组,五届市委第四轮巡察,2024-05-08,2024-05-24,2025-02-10,,2,3,,24,,,,87.5,,,,665700,,"
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn csv_error_row_has_empty_cells_and_the_error() {
        let rows = [row_from_record(&error_record())];
        let csv = rendered(|out| write_csv(&rows, out, false));
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "corpus/broken.txt,,,,,,,,,,,,,,,,,,,,,,,,decode: not valid text"
        );
    }

    #[test]
    fn csv_and_table_cells_are_safe() {
        let row = Row {
            path: Some("@x.txt".to_owned()),
            title: Some("=HYPERLINK(\"http://x.cn\")\u{1b}[2J\u{7}".to_owned()),
            publisher: Some("-3".to_owned()),
            target: Some("市妇联党组".to_owned()),
            issues: 2,
            ..Row::default()
        };
        let csv = rendered(|out| write_csv(std::slice::from_ref(&row), out, false));
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "'@x.txt,\"'=HYPERLINK(\"\"http://x.cn\"\")[2J\",'-3,市妇联党组,,,,,,,,2,0,,,,,,,,,,,,"
        );
        // The terminal table: no ESC, no BEL; a line break is a space.
        let title = "红色\u{1b}[31m标题\u{7}\n第二行";
        assert_eq!(single_line(title), "红色[31m标题 第二行");
        let table = rendered(|out| write_table(std::slice::from_ref(&row), out));
        assert!(!table.contains(['\u{1b}', '\u{7}']), "{table}");
    }

    #[test]
    fn csv_bom_only_when_asked() {
        let rows = sample_rows();
        let with_bom = rendered(|out| write_csv(&rows, out, true));
        let without_bom = rendered(|out| write_csv(&rows, out, false));
        assert!(with_bom.starts_with("\u{feff}path,"));
        assert!(without_bom.starts_with("path,"));
        assert_eq!(with_bom.trim_start_matches('\u{feff}'), without_bom);
    }

    #[test]
    fn json_round_trips() {
        let rows = sample_rows();
        let json = rendered(|out| write_json(&rows, out));
        assert!(
            json.contains("\"problems_total\": 24"),
            "whole numbers stay integers: {json}"
        );
        let parsed: Vec<Row> = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, rows);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert!(value[0]["metrics"].is_object());
    }

    #[test]
    fn table_aligns_cjk_by_display_width() {
        let table = rendered(|out| write_table(&sample_rows(), out));
        let widths: Vec<usize> = table.lines().map(display_width).collect();
        assert_eq!(widths.len(), 2 + 3, "header, rule and three rows: {table}");
        assert!(widths.iter().all(|width| *width == widths[0]), "{widths:?}\n{table}");
        // The numbers end at the same column: right-aligned under their header.
        let header = table.lines().next().unwrap();
        let first_row = table.lines().nth(2).unwrap();
        let column_end = |line: &str, needle: &str| {
            let start = line.find(needle).unwrap();
            display_width(&line[..start + needle.len()])
        };
        assert_eq!(column_end(header, "completion_rate"), column_end(first_row, "87.5%"));
        assert!(first_row.contains("66.57万元"));
    }

    #[test]
    fn table_truncates_long_text_with_ellipsis() {
        let row = Row {
            title: Some("很长".repeat(40)),
            ..Row::default()
        };
        let table = rendered(|out| write_table(std::slice::from_ref(&row), out));
        let title_cell = table
            .lines()
            .nth(2)
            .unwrap()
            .split_whitespace()
            .find(|cell| cell.starts_with('很'))
            .unwrap();
        assert!(title_cell.ends_with('…'));
        assert!(display_width(title_cell) <= TABLE_TITLE_MAX_WIDTH);
        assert_eq!(truncate_middle("corpus/some/long/path/file.txt", 15), "corpus/…ile.txt");
        assert_eq!(truncate_middle("中文中文中文", 7), "中…中文");
        assert_eq!(truncate_end("中文中文", 5), "中文…");
    }

    #[test]
    fn metrics_format_for_reading() {
        assert_eq!(format_metric("funds_recovered", 665_700.0), "66.57万元");
        assert_eq!(format_metric("funds_recovered", 8_500.0), "8500元");
        assert_eq!(format_metric("funds_recovered", 123_000_000.0), "1.23亿元");
        assert_eq!(format_metric("completion_rate", 87.5), "87.5%");
        assert_eq!(format_metric("people_educated", 3.0), "3");
    }

    #[test]
    fn html_has_one_svg_per_stated_metric() {
        let html = rendered(|out| write_html(&sample_rows(), 0, out));
        assert_eq!(
            html.matches("<svg").count(),
            3,
            "problems_total, completion_rate, funds_recovered"
        );
        assert_eq!(html.matches("not stated by any notice").count(), METRIC_KEYS.len() - 3);
        assert!(html.contains("<meta charset=\"utf-8\">"));
        // Three rows: two notices and an error row.
        assert!(html.contains("2 notices, 1 error"));
        let with_others = rendered(|out| write_html(&sample_rows(), 4, out));
        assert!(with_others.contains("2 notices, 4 other documents left out, 1 error"));
        assert!(html.contains("decode: not valid text"), "error rows stay in the table");
        assert!(!html.contains("broken.txt #"), "error rows stay out of the charts");
    }

    #[test]
    fn html_escapes_text() {
        let mut record = full_record();
        record["title"] = json!("<script>alert('x')</script> & co");
        record["inspection"]["target"] = json!("<b>单位</b>");
        let html = rendered(|out| write_html(&[row_from_record(&record)], 0, out));
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert!(html.contains("&lt;b&gt;单位&lt;/b&gt;"));
    }

    #[test]
    fn html_is_self_contained() {
        let html = rendered(|out| write_html(&sample_rows(), 0, out));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("@import"));
    }

    #[test]
    fn shared_names_get_their_row_number_in_charts() {
        let rows = [
            row_from_record(&full_record()),
            row_from_record(&full_record()),
            row_from_record(&record_without_metrics()),
        ];
        assert_eq!(
            chart_labels(&rows),
            ["市妇联党组 #1", "市妇联党组 #2", "某县教育局党组"]
        );
    }
}
