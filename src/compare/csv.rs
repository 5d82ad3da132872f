//! The rows for other programs: CSV with a fixed header, or a JSON array.
//!
//! Both keep raw numbers (money in 元, rates without `%`); a missing value is
//! an empty CSV cell or a JSON null. CSV text cells go through
//! [`csv_text_cell`] (no control characters, no formula a spreadsheet would
//! run).

use std::io::{self, Write};

use super::Row;
use super::columns::{Cell, Column};
use crate::emit::csv::csv_text_cell;

/// The cell as CSV writes it: raw numbers, empty when missing, text made
/// safe for a spreadsheet.
pub(crate) fn csv_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => csv_text_cell(text).into_owned(),
        Cell::Count(count) => count.to_string(),
        Cell::Metric(_, value) => value.to_string(),
        Cell::Missing => String::new(),
    }
}

/// Writes the rows as CSV with a fixed header, the names of `columns`
/// ([`columns`](super::columns::columns) for all: `path,status,title,…,<metric keys>,error`); missing
/// values (and the counts of an error row) are empty cells, numbers raw
/// (money in 元). With `bom`, a UTF-8 byte-order mark comes first so that
/// Excel reads the file as UTF-8.
pub fn write_csv(rows: &[Row], columns: &[Column], out: &mut dyn Write, bom: bool) -> io::Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(columns.iter().map(|column| column.name()))?;
    for row in rows {
        writer.write_record(columns.iter().map(|column| csv_cell(&column.cell(row))))?;
    }
    writer.flush()
}

/// Writes the rows as one pretty JSON array of row objects, then a newline.
/// Metric values print as the records print them: whole values as JSON
/// integers (3, not 3.0), others as their shortest decimal.
pub fn write_json(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    crate::emit::json::to_writer_pretty(&mut *out, rows)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::compare::tests::{error_record_json, full_record_json, row_of_json, sample_rows};
    use crate::compare::columns::columns;

    fn rendered(write: impl Fn(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_header_and_row_are_exact() {
        let rows = [row_of_json(full_record_json())];
        let csv = rendered(|out| write_csv(&rows, &columns(), out, false));
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "path,status,title,publisher,target,kind,body,round,period_start,period_end,published,genre,issues,measures,\
             problem_aspects,problems_total,problem_items,problems_rectified,problems_in_progress,completion_rate,\
             people_educated,people_disciplined,rules_established,funds_recovered,clues_transferred,error"
        );
        assert_eq!(
            lines.next().unwrap(),
            "corpus/市妇联.txt,ok,中共某市妇联党组关于巡察整改进展情况的通报,中共某市妇联党组,市妇联党组,巡察,\
             市委第二巡察组,五届市委第四轮巡察,2024-05-08,2024-05-24,2025-02-10,rectification_notice,2,3,,24,,,,\
             87.5,,,,665700,,"
        );
        assert_eq!(lines.next(), None);
    }

    #[test]
    fn csv_error_row_has_empty_cells_and_the_error() {
        let rows = [row_of_json(error_record_json())];
        let csv = rendered(|out| write_csv(&rows, &columns(), out, false));
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "corpus/broken.txt,error,,,,,,,,,,,,,,,,,,,,,,,,decode: not valid text"
        );
    }

    #[test]
    fn csv_cells_are_safe() {
        let row = Row {
            path: Some("@x.txt".to_owned()),
            title: Some("=HYPERLINK(\"http://x.cn\")\u{1b}[2J\u{7}".to_owned()),
            publisher: Some("-3".to_owned()),
            target: Some("市妇联党组".to_owned()),
            issues: 2,
            ..Row::default()
        };
        let csv = rendered(|out| write_csv(std::slice::from_ref(&row), &columns(), out, false));
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "'@x.txt,ok,\"'=HYPERLINK(\"\"http://x.cn\"\")[2J\",'-3,市妇联党组,,,,,,,,2,0,,,,,,,,,,,,"
        );
    }

    #[test]
    fn csv_bom_only_when_asked() {
        let rows = sample_rows();
        let with_bom = rendered(|out| write_csv(&rows, &columns(), out, true));
        let without_bom = rendered(|out| write_csv(&rows, &columns(), out, false));
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
        assert!(json.contains("\"completion_rate\": 87.5"), "{json}");
        assert!(json.contains("\"genre\": \"rectification_notice\""), "{json}");
        let parsed: Vec<Row> = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, rows);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert!(value[0]["metrics"].is_object());
        assert!(value[1]["genre"].is_null(), "an error row has no genre");
    }
}
