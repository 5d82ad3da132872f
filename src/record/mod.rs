//! The output contract as owned serde types: the only place JSON field names
//! live.
//!
//! Mirrors `docs/output-contract.md` and `schemas/notice.schema.json` (schema
//! version [`SCHEMA_VERSION`]). A parse yields a [`Record`]; an input that
//! cannot be read or decoded yields an [`ErrorRecord`] with what is known of
//! the source. Both are one JSON object on the batch stream, and both read
//! back ([`Output::from_json`]) to the same values: what `zhenggai parse`
//! writes, `compare` and any Rust program can read as types. The stages
//! depend on this module, never the reverse.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod date;
mod kinds;
mod number;
mod span;
mod spans;

pub(crate) use date::days_in_month;
pub use date::{CivilDate, DateKind, Frequency, Precision};
pub use kinds::{Approx, GenreKind, IssueStatus, MeasureSource, NodeKind, QuantityKind, Script, Severity};
pub use number::Number;
pub use rust_decimal::Decimal;
pub use span::Span;

/// Version of the output contract this crate emits.
pub const SCHEMA_VERSION: &str = "1.1";

/// Where the record came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The path as given, or null for standard input.
    pub path: Option<String>,
    /// The input's size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// The SHA-256 of the input's bytes, lowercase hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The encoding the input was read in (`utf-8`, `gb18030`, `big5`,
    /// `utf-16le`, `utf-16be`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// `text` or `html`: how the input was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The script of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<Script>,
    /// The decoded text's length in code points (what spans index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chars: Option<usize>,
    /// The page's own release date (发布时间, a metadata block's 发布日期),
    /// ISO 8601, for saved pages and text copied from them; never the
    /// notice's signature date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_date: Option<String>,
}

impl Source {
    /// The source of an input known only by its path (`None`: standard input).
    pub fn at(path: Option<String>) -> Source {
        Source {
            path,
            ..Source::default()
        }
    }
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Date {
    /// The exact original characters.
    pub text: String,
    /// A point, a range or a recurrence.
    pub kind: DateKind,
    /// The first day the expression covers (null for a recurrence).
    pub start: Option<CivilDate>,
    /// The last day the expression covers, inclusive (null for a recurrence).
    pub end: Option<CivilDate>,
    /// The finest unit the text names.
    pub precision: Precision,
    /// How often a recurring date recurs; null for points and ranges.
    pub frequency: Option<Frequency>,
    /// Whether the date was resolved against the notice's own date (今年,
    /// 上半年, 截至目前); false for absolute dates.
    pub relative: bool,
    /// Where the expression stands.
    pub span: Span,
    /// The id of the innermost outline node holding it, or null outside the
    /// outline.
    pub node: Option<String>,
}

/// The inspection the notice reports on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Inspection {
    /// `巡视` or `巡察` (canonical, Simplified).
    pub kind: Option<String>,
    /// The inspecting body, e.g. 市委第二巡察组.
    pub body: Option<String>,
    /// The round, e.g. 五届市委第四轮巡察.
    pub round: Option<String>,
    /// The inspected unit, e.g. 市妇联党组.
    pub target: Option<String>,
    /// The on-site inspection period.
    pub period: Option<Date>,
    /// When the findings were fed back.
    pub feedback: Option<Date>,
}

/// An enumeration item inside a node (一是…, 第一…, ①…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Item {
    /// The marker as printed (一是, 第一, ①, 1.).
    pub marker: String,
    /// The printed number, parsed.
    pub number: u32,
    /// The item's text without its marker.
    pub text: String,
    /// The whole item, marker included.
    pub span: Span,
}

/// A heading of the outline and everything under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Node {
    /// The position in the outline ("3.2": the second child of the third
    /// top-level heading), in document order.
    pub id: String,
    /// GB/T 9704 level: 一、 = 1, （一） = 2, 1. = 3, （1） = 4.
    pub level: u8,
    /// The marker as printed (original script), e.g. （三）.
    pub marker: String,
    /// The printed number, parsed.
    pub number: u32,
    /// The heading without its marker; for a run-in heading, up to the
    /// first 。.
    pub heading: String,
    /// What the node is about.
    pub kind: NodeKind,
    /// The whole node, from its heading to the end of its last child.
    pub span: Span,
    /// The heading alone.
    pub heading_span: Span,
    /// The enumerations inside the node's own text.
    pub items: Vec<Item>,
    /// The headings one level down.
    pub children: Vec<Node>,
}

/// A measure under an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Measure {
    /// The heading's node; for an item, the issue's node.
    pub node: String,
    /// The heading's or the item's printed number.
    pub number: u32,
    /// The heading text; for an item, its first sentence without the marker.
    pub title: String,
    /// The heading; for an item, the whole item.
    pub span: Span,
    /// Whether the measure is a child heading or an enumerated item.
    pub source: MeasureSource,
}

/// A specific finding (具体表现) listed under an issue: a sub-problem, never
/// a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubProblem {
    /// The node that states it.
    pub node: String,
    /// The node's printed number.
    pub number: u32,
    /// The heading text (up to the first 。).
    pub text: String,
    /// The heading.
    pub span: Span,
}

/// A problem the notice reports on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Issue {
    /// The issue's ordinal among the record's issues, from "1".
    pub id: String,
    /// The outline node of the issue.
    pub node: String,
    /// The node's printed number.
    pub number: u32,
    /// The finding itself (the quoted problem of 关于“…”问题, or a heading
    /// that states a shortcoming); null when the heading names none.
    pub problem: Option<String>,
    /// The node's heading.
    pub heading: String,
    /// The rectification status, when the notice states it.
    pub status: Option<IssueStatus>,
    /// Where the status is stated: the cue in the issue's text, or in the
    /// heading of the status group above it.
    pub status_span: Option<Span>,
    /// What was done about the problem, in order.
    pub measures: Vec<Measure>,
    /// The sub-problems listed under the issue, in order.
    pub findings: Vec<SubProblem>,
}

/// A counted amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quantity {
    /// The exact original characters.
    pub text: String,
    /// The value in `unit` (money in 元); for a range, its lower end.
    pub value: Number,
    /// The upper end of a range (3至5人 → 5), else null.
    pub value_max: Option<Number>,
    /// The canonical unit (Simplified; money is 元).
    pub unit: String,
    /// How the printed amount relates to the true one; null when exact.
    pub approx: Option<Approx>,
    /// What the unit measures.
    pub kind: QuantityKind,
    /// What is counted, from the words before it (教育提醒, 建立完善制度).
    pub label: Option<String>,
    /// Where the quantity stands.
    pub span: Span,
    /// The id of the innermost outline node holding it.
    pub node: Option<String>,
}

/// A title in 《》.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The title without its brackets.
    pub title: String,
    /// The title with its brackets.
    pub span: Span,
    /// The id of the innermost outline node holding it.
    pub node: Option<String>,
}

/// Contacts of the closing block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contacts {
    /// Telephone numbers, as printed.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Postal addresses.
    pub addresses: Vec<String>,
}

/// A standard cross-unit figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metric {
    /// The figure (money in 元, rates in %).
    pub value: Number,
    /// The canonical unit.
    pub unit: String,
    /// The figure; for a sum, from its first part to its last.
    pub span: Span,
    /// The parts of a sum (a list the notice gives without a total), in
    /// order; absent for a single figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<MetricPart>>,
}

/// One part of a summed metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MetricPart {
    /// What the part counts (the quantity's label, or its text).
    pub label: String,
    /// The part's value, in the metric's unit.
    pub value: Number,
    /// The part's quantity.
    pub span: Span,
}

/// A finding about the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `numbering_backwards`.
    pub code: String,
    /// What was found, in English.
    pub message: String,
    /// Where, when the finding has a place.
    pub span: Option<Span>,
}

/// A cue that decided the genre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// The rule's word (Simplified), e.g. 整改, 进驻, 第一条.
    pub cue: String,
    /// Where the cue stands.
    pub span: Span,
}

/// What kind of document the text is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Genre {
    /// The kind.
    pub kind: GenreKind,
    /// The cues that decided it, in document order.
    pub evidence: Vec<Evidence>,
}

/// The structured form of one notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Record {
    /// The contract version, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// Where the record came from.
    pub source: Source,
    /// What kind of document the text is.
    pub genre: Genre,
    /// The notice's title, joined if split over lines.
    pub title: Option<String>,
    /// The signing organisation at the end, or the title's issuer.
    pub publisher: Option<String>,
    /// The signature date (else the page's release date, with the
    /// diagnostic `published_from_page`).
    pub published: Option<Date>,
    /// The inspection the notice reports on.
    pub inspection: Inspection,
    /// The whole heading tree.
    pub outline: Vec<Node>,
    /// The problems the notice reports on.
    pub issues: Vec<Issue>,
    /// Every counted amount, in document order.
    pub quantities: Vec<Quantity>,
    /// Every date expression, in document order.
    pub dates: Vec<Date>,
    /// The titles in 《》, in document order.
    pub documents: Vec<Document>,
    /// Contacts of the closing block.
    pub contacts: Contacts,
    /// Standard cross-unit figures by key (`problems_total`,
    /// `funds_recovered` …); a figure the notice lacks is absent.
    pub metrics: BTreeMap<String, Metric>,
    /// Findings about the input.
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded text the spans index; only when asked for (`--with-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Why an input yielded no record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// A stable machine-readable code, e.g. `not_found`, `decode_error`.
    pub code: String,
    /// What went wrong, naming the input.
    pub message: String,
}

/// The record of an input that could not be read or decoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorRecord {
    /// The contract version, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// What is known of the input.
    pub source: Source,
    /// Why no record could be made.
    pub error: ErrorInfo,
}

impl ErrorRecord {
    /// The error record of an input, with a stable code and a message.
    pub fn new(source: Source, code: &str, message: String) -> ErrorRecord {
        ErrorRecord {
            schema_version: SCHEMA_VERSION.to_string(),
            source,
            error: ErrorInfo {
                code: code.to_string(),
                message,
            },
        }
    }
}

/// One object of the batch stream: a notice's record or an error record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Output {
    /// The record of a parsed input.
    Record(Box<Record>),
    /// The record of an input that could not be read or decoded.
    Error(Box<ErrorRecord>),
}

impl Output {
    /// Reads one object as `zhenggai parse` writes it (JSON of either kind:
    /// an object with `error` is an error record). Unknown fields are
    /// ignored, so that records of a later minor version read.
    pub fn from_json(json: &str) -> Result<Output, serde_json::Error> {
        let value: serde_json::Value = serde_json::from_str(json)?;
        Output::from_value(value)
    }

    /// [`Output::from_json`] of an already parsed JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Output, serde_json::Error> {
        if value.get("error").is_some() {
            serde_json::from_value(value).map(|error| Output::Error(Box::new(error)))
        } else {
            serde_json::from_value(value).map(|record| Output::Record(Box::new(record)))
        }
    }

    /// Where the object came from.
    pub fn source(&self) -> &Source {
        match self {
            Output::Record(record) => &record.source,
            Output::Error(error) => &error.source,
        }
    }
}
