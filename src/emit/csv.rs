//! Flat CSV tables of records: one row per quantity, date, issue or measure.
//!
//! Consumes records; writes a stable header once and then one row per item,
//! each row led by the source path and the outline node, with spans as two
//! integer columns, so the table loads as is into a spreadsheet, DuckDB or
//! pandas. Optional values are empty cells.

use std::io::{self, Write};

use crate::record::Record;

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

/// The text form of a serialisable enum value (`"over"`, `"people"`).
fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn number(value: f64) -> String {
    serde_json::to_string(&crate::record::Number(value)).unwrap_or_default()
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
                        number(q.value.0),
                        optional(q.value_max.map(|max| number(max.0))),
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
        for row in rows {
            self.writer.write_record(&row).map_err(csv_error)?;
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
