//! The report page: one self-contained HTML file to open in a browser.
//!
//! A title, a one-line summary, the whole table (the CSV columns, metrics
//! formatted for reading) and the charts of [`super::svg`]. Written through
//! maud templates, which escape every spliced value: nothing a notice says
//! can become markup. The style is inline and the page loads nothing (no
//! scripts, fonts or images from elsewhere).
//!
//! The templates write a line break between blocks ("\n" literals), so that
//! the page reads line by line in a text editor and a diff.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::columns::{Cell, Column, columns};
use super::format::counted;
use super::svg::{chart_labels, label_column_px, metric_chart};
use super::{METRICS, Row};

/// The page's title and heading.
const TITLE: &str = "整改进展对比 · Rectification progress comparison";

/// The page's style sheet (the program's own text, not a notice's: inserted
/// as it is).
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
                (notices_table(rows))
                h2 { "Metrics" } "\n"
                div.charts {
                    "\n"
                    @for metric in METRICS {
                        (metric_chart(rows, &labels, label_px, metric))
                    }
                }
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

/// The table: a `#` column (referred to by chart labels), then the CSV
/// columns, one line per header cell and per row.
fn notices_table(rows: &[Row]) -> Markup {
    let columns = columns();
    html! {
        h2 { "Notices" } "\n"
        div.table-scroll {
            "\n"
            table {
                "\n"
                thead {
                    tr {
                        th.num { "#" } "\n"
                        @for column in &columns {
                            th class=[column.is_numeric().then_some("num")] {
                                (column.name())
                                @if let Column::Metric(metric) = column {
                                    small { (metric.caption) }
                                }
                            }
                            "\n"
                        }
                    }
                }
                "\n"
                tbody {
                    "\n"
                    @for (index, row) in rows.iter().enumerate() {
                        tr class=[row.error.is_some().then_some("error-row")] {
                            td.num { (index + 1) }
                            @for column in &columns {
                                @let cell = column.cell(row);
                                td class=[cell_classes(*column, &cell)] { (cell.display()) }
                            }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// A table cell's classes: `num` for numbers, `missing` for a missing value,
/// `error` for the error column; `None` for plain text.
fn cell_classes(column: Column, cell: &Cell) -> Option<String> {
    let classes: Vec<&str> = [
        column.is_numeric().then_some("num"),
        matches!(cell, Cell::Missing).then_some("missing"),
        (column.name() == "error").then_some("error"),
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
        assert_eq!(
            html.matches("<svg").count(),
            3,
            "problems_total, completion_rate, funds_recovered"
        );
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
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<b>"));
        // In element content a `'` is plain text; `<`, `>`, `&` and `"` are
        // escaped (the target shows in the table and in every chart label).
        assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"));
        assert!(html.contains("<td>&lt;b&gt;&quot;单位&quot;&lt;/b&gt;</td>"));
        // The charts name the unit by its publisher.
        assert!(html.contains(">&lt;i&gt;&quot;局&quot;&lt;/i&gt;</text>"));
    }

    #[test]
    fn html_is_self_contained() {
        let html = rendered(&sample_rows(), 0);
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("@import"));
    }
}
