//! The output contract as serde types: the only place JSON field names live.
//!
//! Mirrors `../shared/design/output-contract.md` and
//! `schemas/notice.schema.json` (schema version [`SCHEMA_VERSION`]). A parse
//! yields a [`Record`]; an input that cannot be read or decoded yields an
//! [`ErrorRecord`] with what is known of the source. Both are one JSON object
//! on the batch stream.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

pub use crate::diagnostic::Severity;
pub use crate::extract::date::{CivilDate, DateKind, Frequency, Precision};
pub use crate::extract::genre::GenreKind;
pub use crate::extract::quantity::Approx;
pub use crate::extract::unit::QuantityKind;
pub use crate::normalize::Script;
pub use crate::numeral::Decimal;
pub use crate::outline::{IssueStatus, NodeKind};
pub use crate::span::Span;

/// Version of the output contract this crate emits.
pub const SCHEMA_VERSION: &str = "1.1";

/// An exact number: serialises as a JSON integer when it is whole
/// (28640000000, not 2.864e10 or 28639999999.999996) and otherwise as the
/// shortest JSON number that reads back as the same decimal (0.5, 95.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Number(pub Decimal);

impl Number {
    /// The decimal a float prints as (its shortest round-trip digits), for
    /// values read back from JSON; NaN and infinities are 0.
    pub fn from_f64(value: f64) -> Number {
        Number(value.to_string().parse().unwrap_or_default())
    }

    /// The value as a float, for arithmetic that needs no exactness.
    pub fn as_f64(self) -> f64 {
        self.0.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0.normalize();
        if value.scale() == 0
            && let Ok(whole) = i64::try_from(value.mantissa())
        {
            return serializer.serialize_i64(whole);
        }
        // The decimal's digits read as the nearest float, which prints back
        // as those digits (the shortest round trip) for up to 15 significant
        // digits; no notice writes more.
        serializer.serialize_f64(self.as_f64())
    }
}

/// Where the record came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    /// The path as given, or null for standard input.
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<usize>,
    /// The page's own release date (发布时间, a metadata block's 发布日期),
    /// ISO 8601, for saved pages and text copied from them; never the
    /// notice's signature date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_date: Option<String>,
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Date {
    pub text: String,
    pub kind: DateKind,
    pub start: Option<CivilDate>,
    pub end: Option<CivilDate>,
    pub precision: Precision,
    pub frequency: Option<Frequency>,
    pub relative: bool,
    pub span: Span,
    pub node: Option<String>,
}

/// The inspection the notice reports on.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Inspection {
    pub kind: Option<&'static str>,
    pub body: Option<String>,
    pub round: Option<String>,
    pub target: Option<String>,
    pub period: Option<Date>,
    pub feedback: Option<Date>,
}

/// An enumeration item inside a node (一是…, 第一…, ①…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub marker: String,
    pub number: u32,
    pub text: String,
    pub span: Span,
}

/// A heading of the outline and everything under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: String,
    pub level: u8,
    pub marker: String,
    pub number: u32,
    pub heading: String,
    pub kind: NodeKind,
    pub span: Span,
    pub heading_span: Span,
    pub items: Vec<Item>,
    pub children: Vec<Node>,
}

/// How a measure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureSource {
    /// A child heading of the issue that states an action.
    Heading,
    /// An enumerated item of the issue's text (一是…, 第一…, ①…).
    Item,
}

/// A measure under an issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// The heading's node; for an item, the issue's node.
    pub node: String,
    /// The heading's or the item's printed number.
    pub number: u32,
    /// The heading text; for an item, its first sentence without the marker.
    pub title: String,
    /// The heading; for an item, the whole item.
    pub span: Span,
    pub source: MeasureSource,
}

/// A specific finding (具体表现) listed under an issue: a sub-problem, never
/// a measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubProblem {
    pub node: String,
    pub number: u32,
    /// The heading text (up to the first 。).
    pub text: String,
    pub span: Span,
}

/// A problem the notice reports on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub id: String,
    pub node: String,
    pub number: u32,
    pub problem: Option<String>,
    pub heading: String,
    pub status: Option<IssueStatus>,
    /// Where the status is stated: the cue in the issue's text, or in the
    /// heading of the status group above it.
    pub status_span: Option<Span>,
    pub measures: Vec<Measure>,
    /// The sub-problems listed under the issue, in order.
    pub findings: Vec<SubProblem>,
}

/// A counted amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub text: String,
    pub value: Number,
    pub value_max: Option<Number>,
    pub unit: &'static str,
    pub approx: Option<Approx>,
    pub kind: QuantityKind,
    pub label: Option<String>,
    pub span: Span,
    pub node: Option<String>,
}

/// A title in 《》.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub span: Span,
    pub node: Option<String>,
}

/// Contacts of the closing block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Contacts {
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub addresses: Vec<String>,
}

/// A standard cross-unit figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub value: Number,
    pub unit: &'static str,
    /// The figure; for a sum, from its first part to its last.
    pub span: Span,
    /// The parts of a sum (a list the notice gives without a total), in
    /// order; absent for a single figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<MetricPart>>,
}

/// One part of a summed metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricPart {
    /// What the part counts (the quantity's label, or its text).
    pub label: String,
    pub value: Number,
    pub span: Span,
}

/// A finding about the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
}

/// A cue that decided the genre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The rule's word (Simplified), e.g. 整改, 进驻, 第一条.
    pub cue: String,
    pub span: Span,
}

/// What kind of document the text is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Genre {
    pub kind: GenreKind,
    /// The cues that decided it, in document order.
    pub evidence: Vec<Evidence>,
}

/// The structured form of one notice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub schema_version: &'static str,
    pub source: Source,
    pub genre: Genre,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<Date>,
    pub inspection: Inspection,
    pub outline: Vec<Node>,
    pub issues: Vec<Issue>,
    pub quantities: Vec<Quantity>,
    pub dates: Vec<Date>,
    pub documents: Vec<Document>,
    pub contacts: Contacts,
    pub metrics: BTreeMap<String, Metric>,
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded text the spans index; only with `--with-text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Why an input yielded no record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message: String,
}

/// The record of an input that could not be read or decoded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRecord {
    pub schema_version: &'static str,
    pub source: Source,
    pub error: ErrorInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_serialise_exactly() {
        let json = |written: &str| {
            let value = crate::numeral::parse(written).unwrap();
            serde_json::to_string(&Number(value)).unwrap()
        };
        assert_eq!(json("3"), "3");
        assert_eq!(json("400万"), "4000000");
        assert_eq!(json("66.57万"), "665700");
        assert_eq!(json("286.4亿"), "28640000000");
        assert_eq!(json("68.4亿"), "6840000000");
        assert_eq!(json("87.5"), "87.5");
        assert_eq!(json("7.132"), "7.132");
        assert_eq!(json("0.5"), "0.5");
        assert_eq!(json("95.2"), "95.2");
        assert_eq!(json("七十七点八"), "77.8");
        assert_eq!(json("3.10"), "3.1");
    }
}
