//! Pretty JSON for people: serde_json's layout (two-space indent, a line
//! per member), except that an array of numbers (a span: `[461, 463]`)
//! stays on one line, so that a record is read top to bottom instead of
//! four lines per span.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// Writes `value` as pretty JSON with arrays of numbers on one line.
///
/// # Errors
///
/// What the writer or the value's `Serialize` returns.
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(writer: W, value: &T) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(writer, InlineNumbers::default());
    value.serialize(&mut serializer)
}

/// How an open array lays out its elements, decided by its first element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// No element yet.
    Undecided,
    /// Numbers: `[1, 2]`.
    Inline,
    /// Anything else: an element a line, as serde_json's pretty printer.
    Lines,
}

/// The formatter of [`to_writer_pretty`].
#[derive(Debug, Default)]
struct InlineNumbers {
    /// Nesting depth, for the indent.
    level: usize,
    /// The layouts of the open arrays, innermost last.
    arrays: Vec<Layout>,
    /// An array element has begun but nothing of it is written yet: the
    /// separator before it waits for its first token (`true` when it is the
    /// array's first element).
    owed: Option<bool>,
    /// Whether the innermost container has a value (its closing bracket
    /// then goes on a line of its own).
    has_value: bool,
}

impl InlineNumbers {
    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.level {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Writes what comes before a value's first token: the owed separator
    /// of an array element, in the array's layout (decided here when this
    /// is its first element, by whether the value is a number).
    fn value_starts<W: ?Sized + Write>(&mut self, writer: &mut W, is_number: bool) -> io::Result<()> {
        let Some(first) = self.owed.take() else {
            return Ok(());
        };
        let layout = match self.arrays.last_mut() {
            Some(layout) => {
                if *layout == Layout::Undecided {
                    *layout = if is_number { Layout::Inline } else { Layout::Lines };
                }
                *layout
            }
            None => Layout::Lines,
        };
        match (layout, first) {
            (Layout::Inline, true) => Ok(()),
            (Layout::Inline, false) => writer.write_all(b", "),
            (_, first) => {
                writer.write_all(if first { b"\n" } else { b",\n" })?;
                self.indent(writer)
            }
        }
    }
}

/// A number-writing method: the owed separator, then the number as
/// serde_json writes it.
macro_rules! number_writers {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(
            fn $method<W: ?Sized + Write>(&mut self, writer: &mut W, value: $type) -> io::Result<()> {
                self.value_starts(writer, true)?;
                CompactFormatter.$method(writer, value)
            }
        )*
    };
}

impl Formatter for InlineNumbers {
    number_writers!(
        write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64,
    );

    fn write_number_str<W: ?Sized + Write>(&mut self, writer: &mut W, value: &str) -> io::Result<()> {
        self.value_starts(writer, true)?;
        CompactFormatter.write_number_str(writer, value)
    }

    fn write_null<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.value_starts(writer, false)?;
        CompactFormatter.write_null(writer)
    }

    fn write_bool<W: ?Sized + Write>(&mut self, writer: &mut W, value: bool) -> io::Result<()> {
        self.value_starts(writer, false)?;
        CompactFormatter.write_bool(writer, value)
    }

    fn begin_string<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.value_starts(writer, false)?;
        CompactFormatter.begin_string(writer)
    }

    fn write_raw_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        self.value_starts(writer, false)?;
        writer.write_all(fragment.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.value_starts(writer, false)?;
        self.level += 1;
        self.has_value = false;
        self.arrays.push(Layout::Undecided);
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.arrays.pop() == Some(Layout::Lines) && self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W, first: bool) -> io::Result<()> {
        self.owed = Some(first);
        Ok(())
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.value_starts(writer, false)?;
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    fn pretty(value: &Value) -> String {
        let mut bytes = Vec::new();
        super::to_writer_pretty(&mut bytes, value).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn spans_stay_on_one_line_and_the_rest_is_serde_jsons_layout() {
        let value = json!({
            "title": "关于巡察整改进展情况的通报",
            "span": [461, 463],
            "empty": [],
            "nested": {"parts": [{"value": 3.5, "span": [0, 2]}], "none": null, "flag": true},
            "words": ["巡察", "整改"],
            "rows": [[1, 2], [3, 4]],
        });
        // serde_json's maps keep their keys sorted.
        let expected = "{\n  \"empty\": [],\n  \"nested\": {\n    \"flag\": true,\n    \"none\": null,\n    \"parts\": [\n      {\n        \"span\": [0, 2],\n        \"value\": 3.5\n      }\n    ]\n  },\n  \"rows\": [\n    [1, 2],\n    [3, 4]\n  ],\n  \"span\": [461, 463],\n  \"title\": \"关于巡察整改进展情况的通报\",\n  \"words\": [\n    \"巡察\",\n    \"整改\"\n  ]\n}";
        assert_eq!(pretty(&value), expected);
        // The same value as serde_json's pretty printer reads back.
        assert_eq!(serde_json::from_str::<Value>(&pretty(&value)).unwrap(), value);
    }

    #[test]
    fn a_record_is_serde_jsons_pretty_layout_with_its_spans_joined() {
        let notice = include_str!("../../corpus/qingxi-town-2024-xuncha-slogan-headings.txt");
        let record = crate::parse(notice.as_bytes(), &crate::Options::default()).unwrap();
        let mut ours = Vec::new();
        super::to_writer_pretty(&mut ours, &record).unwrap();
        let theirs = serde_json::to_string_pretty(&record).unwrap();
        // In serde_json's layout, a span is four lines.
        let span = regex::Regex::new(r"\[\n *(\d+),\n *(\d+)\n *\]").unwrap();
        assert!(span.is_match(&theirs));
        assert_eq!(String::from_utf8(ours).unwrap(), span.replace_all(&theirs, "[$1, $2]"));
    }

    #[test]
    fn an_empty_object_and_a_top_level_array() {
        assert_eq!(pretty(&json!({})), "{}");
        assert_eq!(pretty(&json!([1, 2, 3])), "[1, 2, 3]");
        assert_eq!(pretty(&json!([{}])), "[\n  {}\n]");
    }
}
