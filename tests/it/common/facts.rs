//! Comparing a record with a hand-checked facts file (dev-only: the
//! integration tests, `examples/eval.rs`, `examples/profile_parse.rs` and
//! `benches/pipeline.rs` include this file by path).
//!
//! Reads a facts file (format: `corpus/README.md`) as typed [`Facts`] and
//! compares them with a [`Record`]: per-field scores (expected, found,
//! matched → precision and recall) and a list of human-readable mismatches.
//! A key absent from the facts is not checked; a key given as `null` checks
//! that the record has nothing there. List fields (`quantities`, `dates`,
//! `issues` …) are complete ordered lists: each fact item is compared on the
//! keys it gives, and the lists must match item for item, in order. A key
//! the format does not know is an error when the file is read, not a fact
//! silently left unchecked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};
use zhenggai::Record;
use zhenggai::record::{
    Approx, CivilDate, Date, DateKind, Frequency, GenreKind, Issue, IssueStatus, Measure, MeasureSource, Node,
    NodeKind, Number, Precision, Quantity, QuantityKind, Script,
};

/// The documents directly in a corpus folder (`.txt`, `.htm`, `.html`, and
/// `.json` for data files a crawl saves), sorted; their facts are in
/// `facts/` beside them.
pub fn notices_in(directory: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| {
                    path.extension()
                        .is_some_and(|ext| ext == "txt" || ext == "html" || ext == "htm" || ext == "json")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A key that may be absent (`None`: not checked) or given as null
/// (`Some(None)`: the record must have nothing there).
type Nullable<T> = Option<Option<T>>;

/// Reads a present key of a [`Nullable`] field, null included.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Nullable<T>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The hand-checked facts of one notice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The notice's file name.
    pub notice: String,
    /// What was verified by hand, and how.
    pub checked: String,
    /// `source.encoding`.
    #[serde(default, deserialize_with = "present")]
    pub encoding: Nullable<String>,
    /// `source.script`.
    #[serde(default, deserialize_with = "present")]
    pub script: Nullable<Script>,
    /// `source.page_date`.
    #[serde(default, deserialize_with = "present")]
    pub page_date: Nullable<String>,
    /// `genre.kind`.
    #[serde(default)]
    pub genre: Option<GenreKind>,
    /// The title.
    #[serde(default, deserialize_with = "present")]
    pub title: Nullable<String>,
    /// The publisher.
    #[serde(default, deserialize_with = "present")]
    pub publisher: Nullable<String>,
    /// The start of `published`.
    #[serde(default, deserialize_with = "present")]
    pub published: Nullable<CivilDate>,
    /// The inspection, key by key.
    #[serde(default)]
    pub inspection: Option<InspectionFacts>,
    /// Every outline node, flattened in document order.
    #[serde(default)]
    pub outline: Option<Vec<NodeFact>>,
    /// Every issue, in order.
    #[serde(default)]
    pub issues: Option<Vec<IssueFact>>,
    /// Every quantity, in order.
    #[serde(default)]
    pub quantities: Option<Vec<QuantityFact>>,
    /// Every date, in order.
    #[serde(default)]
    pub dates: Option<Vec<DateFact>>,
    /// Every document title, in order.
    #[serde(default)]
    pub documents: Option<Vec<String>>,
    /// The contacts, list by list.
    #[serde(default)]
    pub contacts: Option<ContactFacts>,
    /// A summed metric's parts' values, in order, by metric key.
    #[serde(default)]
    pub metric_parts: Option<BTreeMap<String, Vec<Number>>>,
    /// The complete map of metric values.
    #[serde(default)]
    pub metrics: Option<BTreeMap<String, Number>>,
    /// Diagnostic codes that must be present (others may be too).
    #[serde(default)]
    pub diagnostics: Option<Vec<String>>,
}

impl Facts {
    /// Reads a facts file; the error names the file.
    pub fn read(path: &Path) -> Result<Facts, String> {
        let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        serde_json::from_slice(&bytes).map_err(|error| format!("{}: {error}", path.display()))
    }
}

/// The inspection facts; a period or feedback date is `[start, end]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionFacts {
    /// `inspection.kind`.
    #[serde(default, deserialize_with = "present")]
    pub kind: Nullable<String>,
    /// `inspection.body`.
    #[serde(default, deserialize_with = "present")]
    pub body: Nullable<String>,
    /// `inspection.round`.
    #[serde(default, deserialize_with = "present")]
    pub round: Nullable<String>,
    /// `inspection.target`.
    #[serde(default, deserialize_with = "present")]
    pub target: Nullable<String>,
    /// `[start, end]` of `inspection.period`.
    #[serde(default, deserialize_with = "present")]
    pub period: Nullable<DateBounds>,
    /// `[start, end]` of `inspection.feedback`.
    #[serde(default, deserialize_with = "present")]
    pub feedback: Nullable<DateBounds>,
}

/// A date's `[start, end]`.
type DateBounds = [Option<CivilDate>; 2];

fn bounds(date: &Date) -> DateBounds {
    [date.start, date.end]
}

/// The contacts, each list complete and ordered.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFacts {
    /// `contacts.phones`.
    #[serde(default)]
    pub phones: Option<Vec<String>>,
    /// `contacts.emails`.
    #[serde(default)]
    pub emails: Option<Vec<String>>,
    /// `contacts.addresses`.
    #[serde(default)]
    pub addresses: Option<Vec<String>>,
}

/// An item fact: compared with a record's item on the keys it gives.
trait ItemFact<Item>: PartialEq + Serialize + Sized {
    /// The record's item as a fact with the keys of `shape`, or with every
    /// key when there is no shape.
    fn of(item: &Item, shape: Option<&Self>) -> Self;
}

/// Facts that are the record's values themselves (titles, codes, numbers).
impl<T: Clone + PartialEq + Serialize> ItemFact<T> for T {
    fn of(item: &T, _shape: Option<&T>) -> T {
        item.clone()
    }
}

/// A fact struct of the record's `item`, each field filled where `shape`
/// (an `Option<&Fact>`) gives it (every field without a shape).
macro_rules! fact_of {
    ($shape:expr, $fact:ident { $($field:ident: $value:expr),* $(,)? }) => {
        $fact {
            $($field: $shape.is_none_or(|shape| shape.$field.is_some()).then(|| $value),)*
        }
    };
}

/// An outline node (children aside; `items` as their markers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeFact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<NodeKind>,
    /// The markers of the enumerations in the node's own text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
}

impl ItemFact<&Node> for NodeFact {
    fn of(node: &&Node, shape: Option<&Self>) -> Self {
        fact_of!(
            shape,
            NodeFact {
                id: node.id.clone(),
                level: node.level,
                marker: node.marker.clone(),
                number: node.number,
                heading: node.heading.clone(),
                kind: node.kind,
                items: node.items.iter().map(|item| item.marker.clone()).collect(),
            }
        )
    }
}

/// A measure: a title string, or `{"title", "source"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "MeasureFactForm")]
pub struct MeasureFact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<MeasureSource>,
}

/// How a facts file writes a measure.
#[derive(Deserialize)]
#[serde(untagged)]
enum MeasureFactForm {
    Title(String),
    Fields(MeasureFields),
}

/// A measure written as an object.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureFields {
    title: Option<String>,
    source: Option<MeasureSource>,
}

impl From<MeasureFactForm> for MeasureFact {
    fn from(form: MeasureFactForm) -> Self {
        match form {
            MeasureFactForm::Title(title) => MeasureFact {
                title: Some(title),
                source: None,
            },
            MeasureFactForm::Fields(MeasureFields { title, source }) => MeasureFact { title, source },
        }
    }
}

impl ItemFact<Measure> for MeasureFact {
    fn of(measure: &Measure, shape: Option<&Self>) -> Self {
        fact_of!(
            shape,
            MeasureFact {
                title: measure.title.clone(),
                source: measure.source,
            }
        )
    }
}

/// An issue; `status_text` is the characters of its `status_span`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueFact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub problem: Nullable<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub status: Nullable<IssueStatus>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub status_text: Nullable<String>,
    /// The measures, complete and in order, each on the keys it gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<MeasureFact>>,
    /// The sub-problems' texts, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<String>>,
}

/// An issue with the record's text, which its `status_text` needs.
struct IssueInText<'a> {
    issue: &'a Issue,
    /// The record's text as code points; `None` without `--with-text`.
    text: Option<&'a [char]>,
}

impl IssueInText<'_> {
    /// The characters of the status span, when the text is known and holds it.
    fn status_text(&self) -> Option<String> {
        let (text, span) = (self.text?, self.issue.status_span?);
        text.get(span.start..span.end).map(|chars| chars.iter().collect())
    }
}

impl ItemFact<IssueInText<'_>> for IssueFact {
    fn of(item: &IssueInText<'_>, shape: Option<&Self>) -> Self {
        let issue = item.issue;
        // A measure takes the keys of the fact's measure at its place (of
        // the first fact measure past the fact's end; every key when the
        // fact lists none).
        let measure_shapes = shape.and_then(|shape| shape.measures.as_deref()).unwrap_or_default();
        fact_of!(
            shape,
            IssueFact {
                node: issue.node.clone(),
                number: issue.number,
                problem: issue.problem.clone(),
                heading: issue.heading.clone(),
                status: issue.status,
                status_text: item.status_text(),
                measures: issue
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(index, measure)| MeasureFact::of(
                        measure,
                        measure_shapes.get(index).or(measure_shapes.first())
                    ))
                    .collect(),
                findings: issue.findings.iter().map(|finding| finding.text.clone()).collect(),
            }
        )
    }
}

/// A quantity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityFact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Number>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub value_max: Nullable<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub approx: Nullable<Approx>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<QuantityKind>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub label: Nullable<String>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub node: Nullable<String>,
}

impl ItemFact<Quantity> for QuantityFact {
    fn of(quantity: &Quantity, shape: Option<&Self>) -> Self {
        fact_of!(
            shape,
            QuantityFact {
                text: quantity.text.clone(),
                value: quantity.value,
                value_max: quantity.value_max,
                unit: quantity.unit.clone(),
                approx: quantity.approx,
                kind: quantity.kind,
                label: quantity.label.clone(),
                node: quantity.node.clone(),
            }
        )
    }
}

/// A date expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateFact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DateKind>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub start: Nullable<CivilDate>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub end: Nullable<CivilDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub frequency: Nullable<Frequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<bool>,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub node: Nullable<String>,
}

impl ItemFact<Date> for DateFact {
    fn of(date: &Date, shape: Option<&Self>) -> Self {
        fact_of!(
            shape,
            DateFact {
                text: date.text.clone(),
                kind: date.kind,
                start: date.start,
                end: date.end,
                precision: date.precision,
                frequency: date.frequency,
                relative: date.relative,
                node: date.node.clone(),
            }
        )
    }
}

/// Precision/recall counts of one field over one or more notices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldScore {
    /// The field, e.g. `quantities`, `inspection.period`, `metric_parts.funds_recovered`.
    pub field: String,
    /// Items the facts list.
    pub expected: usize,
    /// Items the record has.
    pub found: usize,
    /// Fact items the record has too.
    pub matched: usize,
}

impl FieldScore {
    /// The share of the record's items that the facts list.
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }

    /// The share of the facts' items that the record has.
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }

    /// Adds another notice's counts of the same field.
    pub fn add(&mut self, other: &FieldScore) {
        self.expected += other.expected;
        self.found += other.found;
        self.matched += other.matched;
    }
}

/// The result of comparing one record with its facts.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// One score per field the facts give.
    pub scores: Vec<FieldScore>,
    /// What differs, one line each, naming the field.
    pub mismatches: Vec<String>,
}

impl Comparison {
    /// Whether the record has every fact.
    pub fn is_exact(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// A value as the facts file would write it.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|error| format!("<{error}>"))
}

struct Comparer {
    comparison: Comparison,
}

impl Comparer {
    /// A single value: the fact (when given) against the record's.
    fn scalar<T: PartialEq + Serialize>(&mut self, field: &str, expected: Option<&T>, found: &T) {
        let Some(expected) = expected else { return };
        let matched = expected == found;
        self.comparison.scores.push(FieldScore {
            field: field.to_owned(),
            expected: 1,
            found: 1,
            matched: usize::from(matched),
        });
        if !matched {
            self.comparison
                .mismatches
                .push(format!("{field}: expected {}, found {}", json(expected), json(found)));
        }
    }

    /// A complete ordered list (when the facts give it), each item compared
    /// on the keys its fact gives.
    fn list<Item, Fact: ItemFact<Item>>(&mut self, field: &str, expected: Option<&[Fact]>, found: &[Item]) {
        let Some(expected) = expected else { return };
        let mut used = vec![false; found.len()];
        let mut matched = 0;
        for fact in expected {
            let hit = (0..found.len()).find(|&index| !used[index] && Fact::of(&found[index], Some(fact)) == *fact);
            if let Some(index) = hit {
                used[index] = true;
                matched += 1;
            } else {
                self.comparison
                    .mismatches
                    .push(format!("{field}: missing {}", json(fact)));
            }
        }
        for (index, item) in found.iter().enumerate() {
            if !used[index] {
                // Shown with the keys of the fact at its place, which is
                // most often the one it should have matched.
                let shown = Fact::of(item, expected.get(index).or(expected.first()));
                self.comparison
                    .mismatches
                    .push(format!("{field}: unexpected {}", json(&shown)));
            }
        }
        if matched == expected.len() && matched == found.len() {
            let in_order = expected
                .iter()
                .zip(found)
                .all(|(fact, item)| Fact::of(item, Some(fact)) == *fact);
            if !in_order {
                self.comparison.mismatches.push(format!("{field}: items out of order"));
            }
        }
        self.comparison.scores.push(FieldScore {
            field: field.to_owned(),
            expected: expected.len(),
            found: found.len(),
            matched,
        });
    }
}

/// The outline's nodes in document order, each before its children.
fn flatten<'a>(nodes: &'a [Node], into: &mut Vec<&'a Node>) {
    for node in nodes {
        into.push(node);
        flatten(&node.children, into);
    }
}

/// Compares a record with its facts. An issue's `status_text` is read from
/// the record's text (parse `with_text`); without it, it is null.
pub fn compare(record: &Record, facts: &Facts) -> Comparison {
    let mut comparer = Comparer {
        comparison: Comparison::default(),
    };
    let source = &record.source;
    comparer.scalar("encoding", facts.encoding.as_ref(), &source.encoding);
    comparer.scalar("script", facts.script.as_ref(), &source.script);
    comparer.scalar("page_date", facts.page_date.as_ref(), &source.page_date);
    comparer.scalar("genre", facts.genre.as_ref(), &record.genre.kind);
    comparer.scalar("title", facts.title.as_ref(), &record.title);
    comparer.scalar("publisher", facts.publisher.as_ref(), &record.publisher);
    let published = record.published.as_ref().and_then(|date| date.start);
    comparer.scalar("published", facts.published.as_ref(), &published);
    if let Some(expected) = &facts.inspection {
        let found = &record.inspection;
        comparer.scalar("inspection.kind", expected.kind.as_ref(), &found.kind);
        comparer.scalar("inspection.body", expected.body.as_ref(), &found.body);
        comparer.scalar("inspection.round", expected.round.as_ref(), &found.round);
        comparer.scalar("inspection.target", expected.target.as_ref(), &found.target);
        comparer.scalar(
            "inspection.period",
            expected.period.as_ref(),
            &found.period.as_ref().map(bounds),
        );
        comparer.scalar(
            "inspection.feedback",
            expected.feedback.as_ref(),
            &found.feedback.as_ref().map(bounds),
        );
    }
    let mut nodes = Vec::new();
    flatten(&record.outline, &mut nodes);
    comparer.list("outline", facts.outline.as_deref(), &nodes);
    let text: Option<Vec<char>> = record.text.as_deref().map(|text| text.chars().collect());
    let issues: Vec<IssueInText> = record
        .issues
        .iter()
        .map(|issue| IssueInText {
            issue,
            text: text.as_deref(),
        })
        .collect();
    comparer.list("issues", facts.issues.as_deref(), &issues);
    comparer.list("quantities", facts.quantities.as_deref(), &record.quantities);
    comparer.list("dates", facts.dates.as_deref(), &record.dates);
    let titles: Vec<String> = record.documents.iter().map(|document| document.title.clone()).collect();
    comparer.list("documents", facts.documents.as_deref(), &titles);
    if let Some(expected) = &facts.contacts {
        let found = &record.contacts;
        comparer.list("contacts.phones", expected.phones.as_deref(), &found.phones);
        comparer.list("contacts.emails", expected.emails.as_deref(), &found.emails);
        comparer.list("contacts.addresses", expected.addresses.as_deref(), &found.addresses);
    }
    for (key, parts) in facts.metric_parts.iter().flatten() {
        let found: Vec<Number> = record
            .metrics
            .get(key)
            .and_then(|metric| metric.parts.as_deref())
            .unwrap_or_default()
            .iter()
            .map(|part| part.value)
            .collect();
        comparer.list(&format!("metric_parts.{key}"), Some(parts.as_slice()), &found);
    }
    if let Some(expected) = &facts.metrics {
        let expected: Vec<(String, Number)> = expected.iter().map(|(key, value)| (key.clone(), *value)).collect();
        let found: Vec<(String, Number)> = record
            .metrics
            .iter()
            .map(|(key, metric)| (key.clone(), metric.value))
            .collect();
        comparer.list("metrics", Some(expected.as_slice()), &found);
    }
    if let Some(expected) = &facts.diagnostics {
        let codes: Vec<&str> = record.diagnostics.iter().map(|d| d.code.as_str()).collect();
        let missing: Vec<&String> = expected.iter().filter(|code| !codes.contains(&code.as_str())).collect();
        for code in &missing {
            comparer
                .comparison
                .mismatches
                .push(format!("diagnostics: missing {}", json(code)));
        }
        comparer.comparison.scores.push(FieldScore {
            field: "diagnostics".into(),
            expected: expected.len(),
            found: codes.len(),
            matched: expected.len() - missing.len(),
        });
    }
    comparer.comparison
}
