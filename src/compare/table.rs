//! The terminal table: rows aligned in columns by display width.
//!
//! A header, a rule and one line per row, every line of the same display
//! width (a CJK character takes two columns); numbers right-aligned, text
//! on one line and cut with `…` at a column's maximum width, metrics
//! formatted for reading.

use std::io::{self, Write};

use super::Row;
use super::columns::{Column, columns};
use super::format::{display_width, truncate_end, truncate_middle};

/// Widest a text column gets in the terminal table before `…` cuts it.
const TEXT_MAX_WIDTH: usize = 20;
const PATH_MAX_WIDTH: usize = 32;
const TITLE_MAX_WIDTH: usize = 28;
const ERROR_MAX_WIDTH: usize = 48;
const COLUMN_GAP: &str = "  ";

/// A table cell's text, cut to the column's maximum width: a path in its
/// middle (keeping the file name's ending), other text at its end.
fn table_cell(column: Column, row: &Row) -> String {
    let text = column.cell(row).display();
    match column.name() {
        "path" => truncate_middle(&text, PATH_MAX_WIDTH),
        "title" => truncate_end(&text, TITLE_MAX_WIDTH),
        "error" => truncate_end(&text, ERROR_MAX_WIDTH),
        _ if column.is_numeric() => text,
        _ => truncate_end(&text, TEXT_MAX_WIDTH),
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
        writeln!(out, "{}", line.join(COLUMN_GAP))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::sample_rows;

    fn rendered(rows: &[Row]) -> String {
        let mut out = Vec::new();
        write_table(rows, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_aligns_cjk_by_display_width() {
        let table = rendered(&sample_rows());
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
        assert!(first_row.contains("rectification_notice"));
    }

    #[test]
    fn table_truncates_long_text_with_ellipsis() {
        let row = Row {
            title: Some("很长".repeat(40)),
            ..Row::default()
        };
        let table = rendered(std::slice::from_ref(&row));
        let title_cell = table
            .lines()
            .nth(2)
            .unwrap()
            .split_whitespace()
            .find(|cell| cell.starts_with('很'))
            .unwrap();
        assert!(title_cell.ends_with('…'));
        assert!(display_width(title_cell) <= TITLE_MAX_WIDTH);
    }

    #[test]
    fn table_cells_cannot_drive_the_terminal() {
        let row = Row {
            title: Some("红色\u{1b}[31m标题\u{7}\n第二行".to_owned()),
            ..Row::default()
        };
        let table = rendered(std::slice::from_ref(&row));
        assert!(!table.contains(['\u{1b}', '\u{7}']), "{table}");
        assert_eq!(table.lines().count(), 3, "a line break is a space: {table}");
    }
}
