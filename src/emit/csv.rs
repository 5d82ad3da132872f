//! Flat CSV tables of records: one row per quantity, date, issue or measure.
//!
//! Consumes records; writes a stable header once and then one row per item,
//! each row led by the source path and the outline node, with spans as two
//! integer columns, so the table loads as is into a spreadsheet, DuckDB or
//! pandas. Optional values are empty cells. Text cells go through
//! [`csv_text_cell`] (no control characters, no formula a spreadsheet would
//! run); numeric cells stay numbers.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::record::Record;

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

/// Which items of a record become rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Quantities,
    Dates,
    Issues,
    Measures,
}

impl Table {
    /// The header of the table.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Quantities => &[
                "path",
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
                "path",
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
            Table::Issues => &[
                "path", "issue", "node", "number", "problem", "heading", "status", "measures",
            ],
            Table::Measures => &["path", "issue", "node", "number", "title", "span_start", "span_end"],
        }
    }

    /// Whether a column of the table holds numbers (written as they are);
    /// all others are text cells.
    fn is_numeric(column: &str) -> bool {
        matches!(
            column,
            "span_start" | "span_end" | "value" | "value_max" | "number" | "measures"
        )
    }
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

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn number(value: crate::record::Number) -> String {
    serde_json::to_string(&value).unwrap_or_default()
}

impl<W: Write> CsvTableWriter<W> {
    /// Starts a table: an optional UTF-8 byte-order mark (for Excel), then
    /// the header.
    pub fn new(mut out: W, table: Table, bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(table.columns()).map_err(csv_error)?;
        Ok(CsvTableWriter { writer, table })
    }

    /// Writes the rows of one record.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        let path = record.source.path.clone().unwrap_or_else(|| "-".to_owned());
        let mut rows: Vec<Vec<String>> = Vec::new();
        match self.table {
            Table::Quantities => {
                for q in &record.quantities {
                    rows.push(vec![
                        path.clone(),
                        optional(q.node.as_ref()),
                        q.span.start.to_string(),
                        q.span.end.to_string(),
                        q.text.clone(),
                        number(q.value),
                        optional(q.value_max.map(number)),
                        q.unit.to_owned(),
                        q.approx.as_ref().map(enum_text).unwrap_or_default(),
                        enum_text(&q.kind),
                        optional(q.label.as_ref()),
                    ]);
                }
            }
            Table::Dates => {
                for d in &record.dates {
                    rows.push(vec![
                        path.clone(),
                        optional(d.node.as_ref()),
                        d.span.start.to_string(),
                        d.span.end.to_string(),
                        d.text.clone(),
                        enum_text(&d.kind),
                        optional(d.start),
                        optional(d.end),
                        enum_text(&d.precision),
                        d.frequency.as_ref().map(enum_text).unwrap_or_default(),
                        d.relative.to_string(),
                    ]);
                }
            }
            Table::Issues => {
                for issue in &record.issues {
                    rows.push(vec![
                        path.clone(),
                        issue.id.clone(),
                        issue.node.clone(),
                        issue.number.to_string(),
                        optional(issue.problem.as_ref()),
                        issue.heading.clone(),
                        issue.status.as_ref().map(enum_text).unwrap_or_default(),
                        issue.measures.len().to_string(),
                    ]);
                }
            }
            Table::Measures => {
                for issue in &record.issues {
                    for measure in &issue.measures {
                        rows.push(vec![
                            path.clone(),
                            issue.id.clone(),
                            measure.node.clone(),
                            measure.number.to_string(),
                            measure.title.clone(),
                            measure.span.start.to_string(),
                            measure.span.end.to_string(),
                        ]);
                    }
                }
            }
        }
        let columns = self.table.columns();
        for row in rows {
            let cells = row.iter().zip(columns).map(|(cell, column)| {
                if Table::is_numeric(column) {
                    Cow::Borrowed(cell.as_str())
                } else {
                    csv_text_cell(cell)
                }
            });
            self.writer
                .write_record(cells.map(|cell| cell.into_owned()))
                .map_err(csv_error)?;
        }
        Ok(())
    }

    /// Flushes what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
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
            "path,node,span_start,span_end,text,value,value_max,unit,approx,kind,label\n\
             a/b.txt,1.1,73,75,8项,8,,项,,count,建立完善制度\n\
             a/b.txt,1.1,76,80,约30人,30,,人,about,people,\n"
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
        // Path "-" (standard input) is no formula; the problem is; number
        // and measures stay numbers.
        assert_eq!(csv.lines().nth(1), Some("-,1,1,1,'=1+2,关于“=1+2”问题的整改情况,,1"));
    }

    #[test]
    fn other_tables_and_the_bom() {
        let issues = table_text(Table::Issues, true);
        assert!(issues.starts_with("\u{feff}path,issue,node,number,problem,heading,status,measures\n"));
        // A comma inside a field is quoted.
        assert!(
            issues.ends_with("a/b.txt,1,1,1,\"甲,乙\",\"关于“甲,乙”问题的整改情况\",,1\n"),
            "{issues}"
        );
        assert_eq!(
            table_text(Table::Measures, false),
            "path,issue,node,number,title,span_start,span_end\na/b.txt,1,1.1,1,健全制度,62,66\n"
        );
        let dates = table_text(Table::Dates, false);
        assert!(
            dates.ends_with("a/b.txt,,84,93,2024年5月8日,point,2024-05-08,2024-05-08,day,,false\n"),
            "{dates}"
        );
    }
}
