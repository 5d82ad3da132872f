//! The report page: one self-contained HTML file to open in a browser.
//!
//! A title, a one-line summary, a filter box, two sortable tables that read
//! without horizontal scrolling (the notices: who, when, how long, what
//! disagrees; the metrics, with totals and medians) and the charts of
//! [`super::svg`]. Written through maud templates, which escape every
//! spliced value: nothing a notice says can become markup. The style and a
//! short script (sorting, filtering) are inline, and the page loads nothing
//! (no scripts, fonts or images from elsewhere).
//!
//! The templates write a line break between blocks ("\n" literals), so that
//! the page reads line by line in a text editor and a diff.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::columns::{Cell, Column, named};
use super::format::counted;
use super::svg::{chart_labels, label_column_px, metric_chart, progress_chart, timeline_chart};
use super::{METRICS, Row, summary_rows};
use crate::tables::column_caption;

/// The page's title and heading.
const TITLE: &str = "整改进展对比 · Rectification progress comparison";

/// The page's style sheet (the program's own text, not a notice's: inserted
/// as it is).
const REPORT_STYLE: &str = r#"
:root { color-scheme: light; }
body { margin: 24px; color: #1f2328; background: #fff; max-width: 1400px;
  font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
h3 .caption { font-weight: normal; color: #57606a; margin-left: 8px; }
.summary { color: #57606a; margin: 0 0 16px; }
.filter { margin: 8px 0 12px; }
.filter input { font: inherit; padding: 4px 8px; width: 24em; max-width: 100%; }
table { border-collapse: collapse; font-size: 13px; width: 100%; table-layout: auto; }
th, td { padding: 4px 6px; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; cursor: pointer; user-select: none; }
thead th small { display: block; font-weight: normal; color: #57606a; font-size: 11px; overflow-wrap: anywhere; }
thead th[aria-sort="ascending"]::after { content: " ▲"; }
thead th[aria-sort="descending"]::after { content: " ▼"; }
td { overflow-wrap: anywhere; }
td.unit { min-width: 10em; max-width: 18em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.date { white-space: nowrap; }
td.missing { color: #8c959f; }
td.flags { color: #9a6700; }
tfoot td { font-weight: 600; background: #f6f8fa; }
tr.error-row td { background: #fff1f0; }
tr.error-row td.error { color: #b42318; font-weight: 600; }
.charts section { margin-bottom: 8px; }
.charts svg { display: block; max-width: 100%; height: auto; }
.chart-label { font-size: 13px; fill: #1f2328; }
.chart-value { font-size: 12px; fill: #1f2328; }
.chart-bar { fill: #4a7bb7; }
.chart-rectified { fill: #2da44e; }
.chart-in-progress { fill: #d4a72c; }
.chart-open { fill: #afb8c1; }
.chart-axis { stroke: #8c959f; stroke-width: 1; }
.chart-span { stroke: #4a7bb7; stroke-width: 4; }
.chart-dot { fill: #4a7bb7; }
.legend span { display: inline-block; margin-right: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.not-stated { color: #8c959f; font-style: italic; margin: 0; }
@media print { thead th { position: static; } .filter { display: none; } }
"#;

/// The page's script: sorting by a column (click its header) and the
/// filter box; the page reads whole without it.
const REPORT_SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function (table) {
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        var value = cell.getAttribute("data-value");
        return value === null ? cell.textContent : (value === "" ? NaN : parseFloat(value));
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), order;
        if (typeof x === "number" || typeof y === "number") {
          if (isNaN(x)) { return isNaN(y) ? 0 : 1; }
          if (isNaN(y)) { return -1; }
          order = x - y;
        } else {
          order = String(x).localeCompare(String(y), "zh");
        }
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
var filter = document.getElementById("filter");
if (filter) {
  filter.addEventListener("input", function () {
    var needle = filter.value.trim();
    document.querySelectorAll("table.sortable tbody tr").forEach(function (row) {
      row.hidden = needle !== "" && row.textContent.indexOf(needle) < 0;
    });
  });
}
"#;

/// The columns of the notices table: who, which inspection, when, how much
/// was reported, what disagrees. Title and path show on the unit's cell.
const NOTICE_COLUMNS: [&str; 10] = [
    "target",
    "kind",
    "round",
    "period_start",
    "feedback",
    "published",
    "days_feedback_to_published",
    "issues",
    "measures",
    "flags",
];

/// Writes a self-contained HTML page: a title, a one-line summary, a filter
/// box, the notices table (who, when, how long, what disagrees) and the
/// metrics table (every metric, with totals and medians), both sortable and
/// readable without horizontal scrolling; then each unit's problems
/// rectified, in progress and open, the time from feedback to publication,
/// and one bar chart per metric. No external resources; the inline script
/// only sorts and filters.
///
/// `left_out` counts the documents that were not rectification notices.
/// The page is built in memory (a few kilobytes per row), then written.
pub fn write_html(rows: &[Row], left_out: usize, out: &mut dyn Write) -> io::Result<()> {
    let labels = chart_labels(rows);
    let label_px = label_column_px(rows, &labels);
    let page = html! {
        (DOCTYPE) "\n"
        html lang="zh-CN" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (TITLE) } "\n"
                style { (PreEscaped(REPORT_STYLE)) } "\n"
            }
            "\n"
            body {
                "\n"
                h1 { (TITLE) } "\n"
                p.summary { (summary(rows, left_out)) } "\n"
                p.filter {
                    label for="filter" { "Filter 筛选: " }
                    input #filter type="search" placeholder="unit, round, flag …";
                }
                "\n"
                (notices_table(rows, &labels))
                (metrics_table(rows, &labels))
                h2 { "Progress 整改进度" } "\n"
                div.charts { (progress_chart(rows, &labels, label_px)) }
                "\n"
                h2 { "Time 时间" } "\n"
                div.charts { (timeline_chart(rows, &labels, label_px)) }
                "\n"
                h2 { "Metrics by unit 各单位指标" } "\n"
                div.charts {
                    "\n"
                    @for metric in METRICS {
                        (metric_chart(rows, &labels, label_px, metric))
                    }
                }
                "\n"
                script { (PreEscaped(REPORT_SCRIPT)) }
                "\n"
            }
            "\n"
        }
        "\n"
    };
    out.write_all(page.into_string().as_bytes())
}

/// `45 notices, 7 other documents left out, 0 errors`: the rows by kind.
fn summary(rows: &[Row], left_out: usize) -> String {
    let errors = rows.iter().filter(|row| row.error.is_some()).count();
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
    summary.join(", ")
}

/// The value a cell sorts by: its number, empty when missing; `None` for
/// text (sorted by what it shows).
fn sort_value(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Text(_) => None,
        Cell::Count(count) => Some(count.to_string()),
        Cell::Days(days) => Some(days.to_string()),
        Cell::Metric(_, value) => Some(value.to_string()),
        Cell::Missing => Some(String::new()),
    }
}

/// The `#` and unit cells that start every row of both tables: the row's
/// number (the charts' `#n`) and its label, with the title and the path
/// on hover.
fn unit_cells(index: usize, row: &Row, label: &str) -> Markup {
    let hover = [row.title.as_deref(), row.path.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<&str>>()
        .join("\n");
    html! {
        td.num data-value=(index + 1) { (index + 1) }
        td.unit title=(hover) { (label) }
    }
}

/// The header cells of `columns`: the column's Chinese caption over its
/// key.
fn header_cells(columns: &[Column]) -> Markup {
    html! {
        @for column in columns {
            th class=[column.is_numeric().then_some("num")] {
                (column_caption(column.name())) small { (column.name()) }
            }
            "\n"
        }
    }
}

/// The cells of a row in `columns`.
fn row_cells(columns: &[Column], row: &Row) -> Markup {
    html! {
        @for column in columns {
            @let cell = column.cell(row);
            td class=[cell_classes(*column, &cell)] data-value=[sort_value(&cell)] { (cell.display()) }
        }
    }
}

/// The notices table: `#`, the unit, [`NOTICE_COLUMNS`], and the error of a
/// row that has one.
fn notices_table(rows: &[Row], labels: &[String]) -> Markup {
    let mut columns = named(&NOTICE_COLUMNS).unwrap_or_default();
    let has_errors = rows.iter().any(|row| row.error.is_some());
    if has_errors {
        columns.extend(named(&["error"]).unwrap_or_default());
    }
    html! {
        h2 { "Notices 通报" } "\n"
        table.sortable #notices {
            "\n"
            thead { tr { th.num { "#" } th { "unit 单位" } (header_cells(&columns)) } }
            "\n"
            tbody {
                "\n"
                @for (index, (row, label)) in rows.iter().zip(labels).enumerate() {
                    tr class=[row.error.is_some().then_some("error-row")] {
                        (unit_cells(index, row, label))
                        (row_cells(&columns, row))
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    }
}

/// The metrics table: `#`, the unit and every metric, with a total and a
/// median per metric over the notices that state it (no total for a rate).
fn metrics_table(rows: &[Row], labels: &[String]) -> Markup {
    let columns: Vec<Column> = METRICS.iter().map(Column::Metric).collect();
    html! {
        h2 { "Metrics 指标" } "\n"
        table.sortable #metrics {
            "\n"
            thead { tr { th.num { "#" } th { "unit 单位" } (header_cells(&columns)) } }
            "\n"
            tbody {
                "\n"
                @for (index, (row, label)) in rows.iter().zip(labels).enumerate() {
                    @if row.error.is_none() {
                        tr {
                            (unit_cells(index, row, label))
                            (row_cells(&columns, row))
                        }
                        "\n"
                    }
                }
            }
            "\n"
            tfoot {
                @for (summary, caption) in summary_rows(rows).iter().zip(["total 合计", "median 中位数"]) {
                    tr {
                        td {} td { (caption) }
                        (row_cells(&columns, summary))
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    }
}

/// A table cell's classes: `num` for numbers, `missing` for a missing value,
/// `error` and `flags` for those columns; `None` for plain text.
fn cell_classes(column: Column, cell: &Cell) -> Option<String> {
    let classes: Vec<&str> = [
        column.is_numeric().then_some("num"),
        matches!(cell, Cell::Missing).then_some("missing"),
        (column.name() == "error").then_some("error"),
        (column.name() == "flags").then_some("flags"),
        matches!(column.name(), "period_start" | "period_end" | "feedback" | "published").then_some("date"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!classes.is_empty()).then(|| classes.join(" "))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::compare::tests::{full_record_json, row_of_json, sample_rows};

    fn rendered(rows: &[Row], left_out: usize) -> String {
        let mut out = Vec::new();
        write_html(rows, left_out, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn html_has_one_svg_per_stated_metric() {
        let html = rendered(&sample_rows(), 0);
        // problems_total, completion_rate and funds_recovered; the time
        // line (the notices are dated); no progress chart (no notice states
        // its rectified or in-progress problems).
        assert_eq!(html.matches("<svg").count(), 4);
        assert!(html.contains("aria-label=\"timeline\""));
        assert!(html.contains("no notice states its problems' progress"));
        assert_eq!(html.matches("not stated by any notice").count(), METRICS.len() - 3);
        assert!(html.contains("<meta charset=\"utf-8\">"));
        // Three rows: two notices and an error row.
        assert!(html.contains("2 notices, 1 error"));
        let with_others = rendered(&sample_rows(), 4);
        assert!(with_others.contains("2 notices, 4 other documents left out, 1 error"));
        assert!(html.contains("decode: not valid text"), "error rows stay in the table");
        assert!(!html.contains("broken.txt #"), "error rows stay out of the charts");
        assert!(html.contains("<tr class=\"error-row\">"));
        assert!(html.contains("<td class=\"error\">decode: not valid text</td>"));
    }

    #[test]
    fn html_escapes_text() {
        let mut record = full_record_json();
        record["title"] = json!("<script>alert('x')</script> & co");
        record["inspection"]["target"] = json!("<b>\"单位\"</b>");
        record["publisher"] = json!("<i>\"局\"</i>");
        let html = rendered(&[row_of_json(record)], 0);
        // The page's own script is the only one.
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<b>"));
        // In element content a `'` is plain text; `<`, `>`, `&` and `"` are
        // escaped (the target shows in the table and in every chart label).
        assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"));
        assert!(html.contains("<td>&lt;b&gt;&quot;单位&quot;&lt;/b&gt;</td>"));
        // The charts name the unit by its publisher.
        assert!(html.contains(">&lt;i&gt;&quot;局&quot;&lt;/i&gt;</text>"));
    }

    #[test]
    fn totals_medians_and_progress() {
        let mut record = full_record_json();
        record["metrics"]["problems_rectified"] = json!({ "value": 21, "unit": "个", "span": [0, 1] });
        let rows = [row_of_json(record), row_of_json(full_record_json())];
        let html = rendered(&rows, 0);
        // problems_total 24 twice: total 48, median 24; funds 665700 twice.
        let footer = &html[html.find("<tfoot>").unwrap()..html.find("</tfoot>").unwrap()];
        assert!(footer.contains("data-value=\"48\">48</td>"), "{footer}");
        assert!(footer.contains("data-value=\"1331400\">133.14万元</td>"), "{footer}");
        assert!(footer.contains("data-value=\"665700\">66.57万元</td>"), "{footer}");
        // 24 problems, 21 rectified: 3 open.
        assert!(html.contains("21 rectified · 0 in progress · 3 open"), "{html}");
    }

    #[test]
    fn html_is_self_contained() {
        let html = rendered(&sample_rows(), 0);
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<link") && !html.contains("@import") && !html.contains(" src="));
        assert_eq!(html.matches("<script").count(), 1, "the inline sorting and filtering script");
    }
}
