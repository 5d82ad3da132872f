//! `parse --format xlsx`: the workbook opens with openpyxl and pandas, one
//! sheet per table, as many rows as the records have items, money exact.

use crate::common;

use std::process::Command;

/// Reads the workbook with openpyxl and pandas: the sheet names, the frozen
/// cell, each sheet's first header row and row count, and the notices'
/// funds_recovered by path.
const READ_WORKBOOK: &str = r#"
import json, sys
import openpyxl, pandas as pd
path = sys.argv[1]
book = openpyxl.load_workbook(path, read_only=False)
sheets = pd.read_excel(path, sheet_name=None, header=1)
notices = sheets["通报 notices"]
funds = {row.path: row.funds_recovered for row in notices.itertuples() if row.funds_recovered == row.funds_recovered}
dates = sheets["日期 dates"]
print(json.dumps({
    "names": book.sheetnames,
    "frozen": {name: book[name].freeze_panes for name in book.sheetnames},
    "captions": [cell.value for cell in book["数量 quantities"][1]][:6],
    "rows": {name: len(frame) for name, frame in sheets.items()},
    "funds": funds,
    "date_type": str(dates["start"].dtype),
    "number_type": str(sheets["数量 quantities"]["value"].dtype),
}, ensure_ascii=False))
"#;

#[test]
fn the_workbook_of_the_corpus_opens_and_counts_what_the_records_hold() {
    let folder = tempfile::tempdir().unwrap();
    common::zhenggai()
        .args(["parse", "-q", "--format", "xlsx", "--output-dir"])
        .arg(folder.path())
        .arg("corpus")
        .assert()
        .success();
    let workbook = folder.path().join("zhenggai.xlsx");
    let records = common::zhenggai()
        .args(["parse", "-q", "--format", "ndjson", "corpus"])
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = String::from_utf8(records.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let count = |key: &str| -> usize {
        records
            .iter()
            .map(|record| record[key].as_array().map_or(0, Vec::len))
            .sum()
    };
    let measures: usize = records
        .iter()
        .flat_map(|record| record["issues"].as_array().cloned().unwrap_or_default())
        .map(|issue| issue["measures"].as_array().map_or(0, Vec::len))
        .sum();
    let metrics: usize = records
        .iter()
        .map(|record| record["metrics"].as_object().map_or(0, |metrics| metrics.len()))
        .sum();

    let output = Command::new("python3")
        .args(["-c", READ_WORKBOOK])
        .arg(&workbook)
        .env("PYTHONPATH", common::python_path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        read["names"],
        serde_json::json!([
            "通报 notices",
            "问题 issues",
            "措施 measures",
            "数量 quantities",
            "日期 dates",
            "指标 metrics"
        ])
    );
    for frozen in read["frozen"].as_object().unwrap().values() {
        assert_eq!(frozen, "A3", "two header rows frozen");
    }
    assert_eq!(
        read["captions"],
        serde_json::json!(["文件", "标题", "发布单位", "被巡视巡察单位", "文种", "所在标题"])
    );
    let rows = &read["rows"];
    assert_eq!(rows["通报 notices"], records.len());
    assert_eq!(rows["问题 issues"], count("issues"));
    assert_eq!(rows["措施 measures"], measures);
    assert_eq!(rows["数量 quantities"], count("quantities"));
    assert_eq!(rows["日期 dates"], count("dates"));
    assert_eq!(rows["指标 metrics"], metrics);
    // The facts files (checked by hand) list 1,672 quantities and 362 dates.
    assert_eq!(count("quantities"), 1672);
    assert_eq!(count("dates"), 362);
    // Money exact: 清退追回资金 of each notice as its record states it.
    let funds = read["funds"].as_object().unwrap();
    let mut compared = 0;
    for record in &records {
        if let Some(value) = record["metrics"]["funds_recovered"]["value"].as_f64() {
            let path = record["source"]["path"].as_str().unwrap();
            assert_eq!(funds[path].as_f64(), Some(value), "{path}");
            compared += 1;
        }
    }
    assert!(compared >= 20, "{compared} notices state funds recovered");
    // The Baishan notice's 追回…3.6万元 (its facts: 36000 元).
    assert_eq!(
        funds["corpus/baishan-city-federation-2025-sloppy-half-converted.txt"].as_f64(),
        Some(36000.0)
    );
    assert!(read["date_type"].as_str().unwrap().starts_with("datetime64"), "{read}");
    assert_eq!(read["number_type"], "float64");
}

#[test]
fn a_workbook_takes_no_csv_or_text_options() {
    for args in [
        vec!["parse", "--format", "xlsx", "--table", "dates", "corpus"],
        vec!["parse", "--format", "xlsx", "--with-text", "corpus"],
        vec!["parse", "--format", "xlsx", "--bom", "corpus"],
    ] {
        let output = common::zhenggai().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
