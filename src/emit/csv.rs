//! Flat CSV tables of records ([`super::table`]: which tables, their
//! columns and rows), one record at a time.
//!
//! Writes a stable header once and then the rows, so the table loads as is
//! into a spreadsheet, DuckDB or pandas. Optional values are empty cells.
//! Text cells go through [`csv_text_cell`] (no control characters, no
//! formula a spreadsheet would run); numeric cells stay numbers.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::tables::{Cell, Table};
use crate::record::{ErrorRecord, Record};

/// Characters no text cell keeps: C0 controls other than tab and line feed
/// (ESC would start a terminal escape sequence, BEL ring), DEL, C1 controls
/// (U+0080–U+009F), and the bidirectional controls that reorder how text
/// shows (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). Tab and
/// line feed are text (a quoted CSV cell may span lines); carriage return
/// goes, so a CRLF break inside a cell becomes a line feed.
pub fn is_stripped_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first characters that make a spreadsheet read a cell as a formula
/// (OWASP's list; carriage return is stripped before).
const FORMULA_STARTS: [char; 5] = ['=', '+', '-', '@', '\t'];

/// A text cell as written to CSV: [`is_stripped_control`] characters
/// removed, then a leading `'` if the cell starts with `=`, `+`, `-`, `@` or
/// tab, as OWASP recommends against CSV injection (a notice's `=HYPERLINK(…)`
/// or `-3` stays text in Excel and LibreOffice). A lone `-` (standard input,
/// a missing value) is no formula and stays as it is. Unchanged text is
/// borrowed.
pub fn csv_text_cell(text: &str) -> Cow<'_, str> {
    let needs_quote = |text: &str| text != "-" && text.starts_with(FORMULA_STARTS);
    if !text.contains(is_stripped_control) {
        return if needs_quote(text) {
            Cow::Owned(format!("'{text}"))
        } else {
            Cow::Borrowed(text)
        };
    }
    let kept: String = text.chars().filter(|&c| !is_stripped_control(c)).collect();
    Cow::Owned(if needs_quote(&kept) { format!("'{kept}") } else { kept })
}

/// Writes CSV rows of one table, one record at a time.
pub struct CsvTableWriter<W: Write> {
    writer: csv::Writer<W>,
    table: Table,
}

fn csv_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The text form of a serialisable enum value (`"over"`, `"people"`), as
/// the record writes it.
pub fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

/// A table cell as CSV writes it: text made safe ([`csv_text_cell`]),
/// numbers as the record writes them, days as `YYYY-MM-DD`, empty when
/// missing.
pub fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => csv_text_cell(text).into_owned(),
        Cell::Integer(value) => value.to_string(),
        Cell::Number(value) => serde_json::to_string(value).unwrap_or_default(),
        Cell::Date(day) => day.to_string(),
        Cell::Boolean(value) => value.to_string(),
        Cell::Missing => String::new(),
    }
}

impl<W: Write> CsvTableWriter<W> {
    /// Starts a table: an optional UTF-8 byte-order mark (for Excel), then
    /// the header.
    pub fn new(mut out: W, table: Table, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::Writer::from_writer(out);
        writer
            .write_record(table.columns().iter().map(|column| column.name))
            .map_err(csv_error)?;
        Ok(CsvTableWriter { writer, table })
    }

    /// Writes the rows of one record ([`Table::rows`]).
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        self.write_rows(self.table.rows(record))
    }

    /// Writes the row of an input that failed ([`Table::error_rows`]: in
    /// the notices table only).
    pub fn write_error(&mut self, record: &ErrorRecord) -> io::Result<()> {
        self.write_rows(self.table.error_rows(record))
    }

    fn write_rows(&mut self, rows: Vec<Vec<Cell>>) -> io::Result<()> {
        for row in rows {
            self.writer
                .write_record(row.iter().map(csv_field))
                .map_err(csv_error)?;
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }

    /// Flushes the table and hands back its writer.
    pub fn into_inner(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|error| error.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        let notice = "中共某局党组关于巡察整改进展情况的通报\n根据部署,市委第一巡察组对某局进行了巡察。\n一、关于“甲,乙”问题的整改情况\n(一)健全制度。建立完善制度8项,约30人参加。\n2024年5月8日\n";
        let options = crate::Options {
            path: Some("a/b.txt".into()),
            ..crate::Options::default()
        };
        crate::parse(notice.as_bytes(), &options).unwrap()
    }

    fn table_text(table: Table, bom: bool) -> String {
        let mut out = Vec::new();
        let mut writer = CsvTableWriter::new(&mut out, table, bom).unwrap();
        writer.write(&sample()).unwrap();
        writer.flush().unwrap();
        drop(writer);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quantities_table() {
        assert_eq!(
            table_text(Table::Quantities, false),
            "path,title,publisher,target,genre,node,span_start,span_end,text,value,value_max,unit,approx,\
             kind,label\n\
             a/b.txt,中共某局党组关于巡察整改进展情况的通报,中共某局党组,某局,rectification_notice,\
             1.1,73,75,8项,8,,项,,count,建立完善制度\n\
             a/b.txt,中共某局党组关于巡察整改进展情况的通报,中共某局党组,某局,rectification_notice,\
             1.1,76,80,约30人,30,,人,about,people,\n"
        );
    }

    #[test]
    fn text_cells_cannot_be_formulas_or_control_sequences() {
        let cell = |text| csv_text_cell(text).into_owned();
        assert_eq!(
            cell("=HYPERLINK(\"http://x.cn\",\"点击\")"),
            "'=HYPERLINK(\"http://x.cn\",\"点击\")"
        );
        assert_eq!(cell("-3"), "'-3");
        assert_eq!(cell("+86"), "'+86");
        assert_eq!(cell("@x"), "'@x");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("-"), "-");
        // ESC and BEL go; what is left of the sequence is plain text.
        assert_eq!(cell("\u{1b}[31m整改\u{1b}[0m"), "[31m整改[0m");
        assert_eq!(cell("整改\u{7}完成"), "整改完成");
        // Stripping first: a formula behind a control character is caught.
        assert_eq!(cell("\r=1+1"), "'=1+1");
        assert_eq!(cell("a\u{7f}b\u{85}c\u{202e}d"), "abcd");
        // Line breaks and inner signs stay; Chinese text is borrowed as is.
        assert_eq!(cell("第一行\r\n第二行"), "第一行\n第二行");
        assert!(matches!(
            csv_text_cell("建立完善制度8项，约-3"),
            Cow::Borrowed("建立完善制度8项，约-3")
        ));
    }

    #[test]
    fn table_rows_neutralise_text_but_not_numbers() {
        let notice = "中共某局党组关于巡察整改进展情况的通报\n一、关于“=1+2”问题的整改情况\n(一)健全制度。\n";
        let record = crate::parse(notice.as_bytes(), &crate::Options::default()).unwrap();
        let mut out = Vec::new();
        let mut writer = CsvTableWriter::new(&mut out, Table::Issues, false).unwrap();
        writer.write(&record).unwrap();
        writer.flush().unwrap();
        drop(writer);
        let csv = String::from_utf8(out).unwrap();
        // No path (parsed from bytes); the problem is a formula; number and
        // measures stay numbers.
        assert_eq!(
            csv.lines().nth(1),
            Some(",中共某局党组关于巡察整改进展情况的通报,中共某局党组,,rectification_notice,1,1,1,'=1+2,关于“=1+2”问题的整改情况,,1")
        );
    }

    #[test]
    fn other_tables_and_the_bom() {
        let issues = table_text(Table::Issues, true);
        assert!(issues.starts_with(
            "\u{feff}path,title,publisher,target,genre,issue,node,number,problem,heading,issue_status,measures\n"
        ));
        let notice = "a/b.txt,中共某局党组关于巡察整改进展情况的通报,中共某局党组,某局,rectification_notice";
        // A comma inside a field is quoted.
        assert!(
            issues.ends_with(&format!("{notice},1,1,1,\"甲,乙\",\"关于“甲,乙”问题的整改情况\",,1\n")),
            "{issues}"
        );
        assert_eq!(
            table_text(Table::Measures, false),
            format!(
                "path,title,publisher,target,genre,issue,node,number,measure_title,span_start,span_end\n\
                 {notice},1,1.1,1,健全制度,62,66\n"
            )
        );
        let dates = table_text(Table::Dates, false);
        assert!(
            dates.ends_with(&format!("{notice},,84,93,2024年5月8日,point,2024-05-08,2024-05-08,day,,false\n")),
            "{dates}"
        );
    }

    #[test]
    fn a_failed_input_is_a_row_of_the_notices_table_only() {
        let failed = crate::error_record(
            Some(b"\xff\xfe\xfd"),
            &crate::Options {
                path: Some("a/bad.txt".into()),
                ..crate::Options::default()
            },
            &crate::Error::NotText("binary".into()),
        );
        for table in [Table::Quantities, Table::Issues, Table::Metrics] {
            let mut out = Vec::new();
            let mut writer = CsvTableWriter::new(&mut out, table, false).unwrap();
            writer.write_error(&failed).unwrap();
            writer.flush().unwrap();
            drop(writer);
            let csv = String::from_utf8(out).unwrap();
            assert_eq!(csv.lines().count(), 1, "an item table has only its header: {csv}");
        }
        let mut out = Vec::new();
        let mut writer = CsvTableWriter::new(&mut out, Table::Notices, false).unwrap();
        writer.write(&sample()).unwrap();
        writer.write_error(&failed).unwrap();
        writer.flush().unwrap();
        drop(writer);
        let csv = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("path,status,title,publisher,target,kind,body,round,"));
        assert!(lines[1].starts_with("a/b.txt,ok,中共某局党组关于巡察整改进展情况的通报,中共某局党组,某局,巡察,市委第一巡察组,"), "{}", lines[1]);
        assert!(lines[2].starts_with("a/bad.txt,error,"), "{}", lines[2]);
        assert!(lines[2].ends_with(",not_text: the input is not text: binary"), "{}", lines[2]);
    }
}
