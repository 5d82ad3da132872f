//! Emit stage: records → bytes on a writer.
//!
//! Consumes serialisable records; writes one pretty JSON object (`json`), one
//! compact JSON object per line (`ndjson`), or flat CSV tables ([`csv`]).

pub mod csv;

use std::io::{self, Write};

use serde::Serialize;

/// Output formats of `zhenggai parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Pretty-printed JSON, one object after another.
    Json,
    /// One compact JSON object per line.
    Ndjson,
}

/// Writes one record in `format`, followed by a newline.
pub fn write_record<W: Write, T: Serialize>(writer: &mut W, record: &T, format: Format) -> io::Result<()> {
    match format {
        Format::Json => serde_json::to_writer_pretty(&mut *writer, record)?,
        Format::Ndjson => serde_json::to_writer(&mut *writer, record)?,
    }
    writer.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_is_one_line_per_record() {
        let mut out = Vec::new();
        write_record(&mut out, &serde_json::json!({"a": [1, 2]}), Format::Ndjson).unwrap();
        write_record(&mut out, &serde_json::json!({"b": "整改"}), Format::Ndjson).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"a\":[1,2]}\n{\"b\":\"整改\"}\n");
    }
}
