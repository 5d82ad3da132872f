//! The comparison report (`compare --format html`) of the corpus, looked at
//! in headless Chromium: every notice's metrics readable at 1280 px without
//! horizontal scrolling, the tables sortable and filtered.

use crate::{browser, common};

/// Measured in the page: its overflow, the tables' rows and columns, the
/// first unit after sorting by funds recovered (largest first: two clicks),
/// and the rows left by the filter 汉江.
const CHECKS: &str = r#"
var metrics = document.getElementById("metrics");
var rows = function (table) { return Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; }); };
var result = {
  scroll_width: document.documentElement.scrollWidth,
  client_width: document.documentElement.clientWidth,
  metrics_rows: metrics.tBodies[0].rows.length,
  metrics_columns: metrics.tHead.rows[0].cells.length,
  notices_rows: document.getElementById("notices").tBodies[0].rows.length
};
var header = Array.prototype.filter.call(metrics.tHead.rows[0].cells, function (th) { return th.textContent.indexOf("funds_recovered") >= 0; })[0];
header.click(); header.click();
result.largest_funds = rows(metrics)[0].cells[1].textContent;
var filter = document.getElementById("filter");
filter.value = "汉江";
filter.dispatchEvent(new Event("input"));
result.filtered = rows(metrics).length;
return result;
"#;

#[test]
fn the_report_of_the_corpus_reads_without_scrolling_sideways() {
    let output = common::zhenggai()
        .args(["compare", "-q", "--format", "html", "corpus"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    let result = browser::render_and_check(&page, CHECKS);
    assert!(
        result["scroll_width"].as_u64() <= result["client_width"].as_u64(),
        "horizontal overflow: {result}"
    );
    // 45 rectification notices in the corpus (their facts files say so); each
    // a row of both tables; `#`, the unit and eleven metrics.
    assert_eq!(result["metrics_rows"], 45, "{result}");
    assert_eq!(result["notices_rows"], 45, "{result}");
    assert_eq!(result["metrics_columns"], 13, "{result}");
    // The largest sum recovered, by the facts files: the Lanjiang transport
    // investment group's 4.77亿元 (477000000 元).
    assert_eq!(result["largest_funds"], "中共澜江省交通投资集团…", "{result}");
    // The Hanjiang notice and its saved page.
    assert_eq!(result["filtered"], 2, "{result}");
}
