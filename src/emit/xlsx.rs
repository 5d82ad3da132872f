//! The workbook (`--format xlsx`): every table of [`super::table`] as a
//! sheet, for Excel and WPS.
//!
//! Sheets in [`Table::ALL`] order, named in Chinese and English (`通报
//! notices`, `问题 issues` …); two header rows, the columns' Chinese
//! captions over their keys, frozen; column widths set. Numbers are numbers
//! (money in 元), days are dates, text is text: a cell that starts with `=`
//! is a string, never a formula, and control characters are left out. Each
//! sheet streams its rows to a temporary file (constant memory), so a batch
//! of any length holds one row at a time; the workbook is assembled when
//! the run ends.

use std::io;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::csv::is_stripped_control;
use crate::tables::{Cell, Column, Kind, Table};
use crate::record::{ErrorRecord, Record};

/// Rows a sheet holds (Excel's limit, the two header rows included).
const MAX_ROWS: u32 = 1_048_576;
/// Characters a cell holds (Excel's limit).
const MAX_CELL_CHARS: usize = 32_767;

/// A workbook being written, one sheet per table.
pub struct WorkbookWriter {
    workbook: Workbook,
    /// The next row of each sheet, in [`Table::ALL`] order.
    next_rows: [u32; Table::ALL.len()],
    date: Format,
}

/// An xlsx error as an I/O error naming the sheet.
fn sheet_error(table: Table, error: XlsxError) -> io::Error {
    io::Error::other(format!("workbook sheet {}: {error}", sheet_name(table)))
}

/// A sheet's name: its Chinese caption and its key.
fn sheet_name(table: Table) -> String {
    format!("{} {}", table.caption(), table.name())
}

/// How wide a column is shown, in characters of the default font.
fn column_width(column: Column) -> f64 {
    if column.kind == Kind::Date {
        return 12.0;
    }
    match column.name {
        "path" => 36.0,
        "title" | "heading" | "problem" | "text" | "error" => 40.0,
        "publisher" | "target" | "body" | "round" | "label" => 22.0,
        "genre" | "kind" | "precision" | "frequency" | "issue_status" | "key" => 16.0,
        _ => 10.0,
    }
}

impl WorkbookWriter {
    /// A workbook with its sheets and their header rows.
    ///
    /// # Errors
    ///
    /// When a sheet's temporary file cannot be made.
    pub fn new() -> io::Result<WorkbookWriter> {
        let mut workbook = Workbook::new();
        let header = Format::new().set_bold();
        let key = Format::new().set_italic();
        for table in Table::ALL {
            let sheet = workbook
                .add_worksheet_with_constant_memory()
                .map_err(|error| sheet_error(table, error))?;
            sheet.set_name(sheet_name(table)).map_err(|error| sheet_error(table, error))?;
            // Row by row: a sheet in constant memory takes no cell of a row
            // it has left.
            let columns = table.columns();
            for (index, column) in columns.iter().enumerate() {
                let index = index as u16;
                sheet
                    .set_column_width(index, column_width(*column))
                    .and_then(|sheet| sheet.write_string_with_format(0, index, column.caption(), &header))
                    .map_err(|error| sheet_error(table, error))?;
            }
            for (index, column) in columns.iter().enumerate() {
                sheet
                    .write_string_with_format(1, index as u16, column.name, &key)
                    .map_err(|error| sheet_error(table, error))?;
            }
            sheet.set_freeze_panes(2, 0).map_err(|error| sheet_error(table, error))?;
        }
        Ok(WorkbookWriter {
            workbook,
            next_rows: [2; Table::ALL.len()],
            date: Format::new().set_num_format("yyyy-mm-dd"),
        })
    }

    /// Adds a record's rows to every sheet.
    ///
    /// # Errors
    ///
    /// When a sheet is full (Excel's 1,048,576 rows) or cannot be written.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        for (index, (table, rows)) in Table::rows_in_every_table(record).enumerate() {
            self.write_rows(index, table, rows)?;
        }
        Ok(())
    }

    /// Adds a failed input's row (in the notices sheet).
    ///
    /// # Errors
    ///
    /// As [`WorkbookWriter::write`].
    pub fn write_error(&mut self, record: &ErrorRecord) -> io::Result<()> {
        for (index, table) in Table::ALL.into_iter().enumerate() {
            self.write_rows(index, table, table.error_rows(record))?;
        }
        Ok(())
    }

    fn write_rows(&mut self, index: usize, table: Table, rows: Vec<Vec<Cell>>) -> io::Result<()> {
        let failed = |error| sheet_error(table, error);
        for cells in rows {
            let row = self.next_rows[index];
            if row >= MAX_ROWS {
                return Err(io::Error::other(format!(
                    "workbook sheet {} is full (Excel's {MAX_ROWS} rows): write --format csv instead",
                    sheet_name(table)
                )));
            }
            let sheet = self.workbook.worksheet_from_index(index).map_err(failed)?;
            for (column, cell) in cells.iter().enumerate() {
                let column = column as u16;
                match cell {
                    Cell::Text(text) => {
                        sheet.write_string(row, column, cell_text(text)).map_err(failed)?;
                    }
                    Cell::Integer(value) => {
                        sheet.write_number(row, column, *value as f64).map_err(failed)?;
                    }
                    Cell::Number(value) => {
                        sheet.write_number(row, column, value.as_f64()).map_err(failed)?;
                    }
                    Cell::Date(day) => {
                        let date = u16::try_from(day.year)
                            .ok()
                            .and_then(|year| ExcelDateTime::from_ymd(year, day.month as u8, day.day as u8).ok());
                        match date {
                            Some(date) => sheet.write_datetime_with_format(row, column, &date, &self.date),
                            // A day Excel cannot hold (before 1900) stays text.
                            None => sheet.write_string(row, column, day.to_string()),
                        }
                        .map_err(failed)?;
                    }
                    Cell::Boolean(value) => {
                        sheet.write_boolean(row, column, *value).map_err(failed)?;
                    }
                    Cell::Missing => {}
                }
            }
            self.next_rows[index] = row + 1;
        }
        Ok(())
    }

    /// The finished workbook, as the bytes of an .xlsx file.
    ///
    /// # Errors
    ///
    /// When the workbook cannot be assembled.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        self.workbook
            .save_to_buffer()
            .map_err(|error| io::Error::other(format!("workbook: {error}")))
    }
}

/// Text as a cell holds it: without control characters (but tab and line
/// feed), within Excel's length.
fn cell_text(text: &str) -> String {
    let kept: String = text.chars().filter(|&c| !is_stripped_control(c)).collect();
    if kept.chars().count() <= MAX_CELL_CHARS {
        return kept;
    }
    let mut cut: String = kept.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_keep_within_excels_limits() {
        assert_eq!(cell_text("=1+1"), "=1+1", "a string, never a formula");
        assert_eq!(cell_text("整改\u{7}完成\u{202e}"), "整改完成");
        let long = "问".repeat(MAX_CELL_CHARS + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
    }
}
