//! The marks of a record: every span it gives, with a kind, a stable id and
//! what was extracted there.
//!
//! Consumes a [`Record`] (and what [`super::locate`] found besides it);
//! produces one [`Mark`] per span, in the order they nest when two share a
//! range (the first outermost), and the anchor of every outline node, issue
//! and metric for the panel's links. Ids are stable and follow the record's
//! arrays (0-based, as `quantities[3]` in the JSON):
//!
//! | id | span |
//! |---|---|
//! | `f-N` | page furniture N (not in the record: [`super::locate`]) |
//! | `i-N` | the heading of `issues[N]` |
//! | `s-N` | `issues[N].status_span` |
//! | `m-N-K` | `issues[N].measures[K]` |
//! | `p-N-K` | `issues[N].findings[K]` (the sub-problems) |
//! | `n-ID` | the heading of outline node ID, when it is none of the above |
//! | `doc-N` | `documents[N]` |
//! | `k-KEY` | `metrics.KEY`, when its span is no quantity's (a sum) |
//! | `d-N` | `dates[N]` |
//! | `published`, `period`, `feedback` | a date of the notice that is not in `dates` |
//! | `q-N` | `quantities[N]` |
//! | `c-N` | contact N as the panel lists them (phones, e-mails, addresses) |
//! | `g-N` | `genre.evidence[N]` |
//! | `x-N` | `diagnostics[N]`, when it has a span |

use std::collections::{BTreeMap, HashMap};

use super::locate::Located;
use crate::compare::columns::METRICS;
use crate::emit::csv::enum_text;
use crate::record::{Date, Issue, Metric, Node, Quantity, Record, Span};

/// What a mark shows, with its colour on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An issue's heading (its problem).
    Issue,
    /// A measure taken against an issue.
    Measure,
    /// A sub-problem listed under an issue.
    Finding,
    /// Where an issue's status is stated.
    Status,
    /// The heading of any other outline node.
    Heading,
    /// A counted amount.
    Quantity,
    /// A date expression.
    Date,
    /// A title in 《》.
    Document,
    /// A summed metric, from its first part to its last.
    Metric,
    /// A phone, e-mail or address of the contacts.
    Contact,
    /// Page furniture the rules did not read.
    Furniture,
    /// A cue that decided the genre.
    Genre,
    /// Where a diagnostic points.
    Diagnostic,
}

impl Kind {
    /// Every kind, in the legend's order.
    pub const ALL: [Kind; 13] = [
        Kind::Issue,
        Kind::Measure,
        Kind::Finding,
        Kind::Status,
        Kind::Heading,
        Kind::Quantity,
        Kind::Date,
        Kind::Document,
        Kind::Metric,
        Kind::Contact,
        Kind::Furniture,
        Kind::Genre,
        Kind::Diagnostic,
    ];

    /// The kind's name: the marks' `data-kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Issue => "issue",
            Kind::Measure => "measure",
            Kind::Finding => "finding",
            Kind::Status => "status",
            Kind::Heading => "heading",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Document => "document",
            Kind::Metric => "metric",
            Kind::Contact => "contact",
            Kind::Furniture => "furniture",
            Kind::Genre => "genre",
            Kind::Diagnostic => "diagnostic",
        }
    }

    /// The legend's word for the kind: its name, but a metric's own mark is
    /// only that of a sum (a metric read from one quantity is marked as
    /// that quantity), which the word says.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Metric => "summed metric",
            other => other.name(),
        }
    }

    /// What the legend says of the kind.
    pub fn caption(self) -> &'static str {
        match self {
            Kind::Issue => "issue: its heading (the problem)",
            Kind::Measure => "measure against an issue",
            Kind::Finding => "finding (sub-problem) of an issue",
            Kind::Status => "status of an issue",
            Kind::Heading => "other heading of the outline",
            Kind::Quantity => "quantity",
            Kind::Date => "date",
            Kind::Document => "document 《》",
            Kind::Metric => "summed metric (first part to last)",
            Kind::Contact => "contact",
            Kind::Furniture => "page furniture, set aside",
            Kind::Genre => "genre cue",
            Kind::Diagnostic => "diagnostic",
        }
    }
}

/// A span of the record, ready to be marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The stable id (see the module's table).
    pub id: String,
    /// What the span is.
    pub kind: Kind,
    /// Where it stands.
    pub span: Span,
    /// What was extracted there, a line each; the first names the item.
    pub details: Vec<String>,
}

/// The marks of a record and where the panel links to.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Every mark, outermost first among marks of the same span.
    pub marks: Vec<Mark>,
    /// The anchor (a mark's id) of each outline node, by node id.
    pub nodes: HashMap<String, String>,
    /// The anchor of each metric, by key: its quantity's mark, or its own.
    pub metrics: BTreeMap<String, String>,
    /// The anchor of each metric part's quantity, by key, in order (`None`
    /// for a part whose span is no quantity's).
    pub parts: BTreeMap<String, Vec<Option<String>>>,
    /// The anchors of the notice's own dates: published, period, feedback.
    pub notice_dates: BTreeMap<&'static str, String>,
}

impl Marks {
    /// Every mark of `record`, and the furniture and contacts `located`.
    pub fn of(record: &Record, located: &Located) -> Marks {
        let mut marks = Marks::default();
        for (index, span) in located.furniture.iter().enumerate() {
            marks.push(
                format!("f-{index}"),
                Kind::Furniture,
                *span,
                vec![
                    format!("page furniture f-{index}"),
                    "set aside: the rules did not read it".to_owned(),
                ],
            );
        }
        marks.outline(record);
        for (index, document) in record.documents.iter().enumerate() {
            let mut details = vec![format!("document doc-{index}"), format!("《{}》", document.title)];
            details.extend(node_line(document.node.as_deref()));
            marks.push(format!("doc-{index}"), Kind::Document, document.span, details);
        }
        let quantity_spans: HashMap<Span, usize> = record
            .quantities
            .iter()
            .enumerate()
            .map(|(index, quantity)| (quantity.span, index))
            .rev()
            .collect();
        let mut roles: HashMap<Span, Vec<String>> = HashMap::new();
        for (key, metric) in &record.metrics {
            marks.metric(key, metric, &quantity_spans, &mut roles);
        }
        marks.dates(record);
        for (index, quantity) in record.quantities.iter().enumerate() {
            let mut details = quantity_details(index, quantity);
            details.extend(roles.get(&quantity.span).into_iter().flatten().cloned());
            marks.push(format!("q-{index}"), Kind::Quantity, quantity.span, details);
        }
        for (index, contact) in located.contacts.iter().enumerate() {
            if let Some(span) = contact.span {
                let details = vec![
                    format!("contact c-{index}"),
                    format!("{}: {}", contact.kind, contact.value),
                    "the record gives contacts no span: found where its text stands".to_owned(),
                ];
                marks.push(format!("c-{index}"), Kind::Contact, span, details);
            }
        }
        for (index, evidence) in record.genre.evidence.iter().enumerate() {
            let details = vec![
                format!("genre cue g-{index}"),
                format!("{} → {}", evidence.cue, enum_text(&record.genre.kind)),
            ];
            marks.push(format!("g-{index}"), Kind::Genre, evidence.span, details);
        }
        for (index, diagnostic) in record.diagnostics.iter().enumerate() {
            if let Some(span) = diagnostic.span {
                let details = vec![
                    format!("{} {} x-{index}", enum_text(&diagnostic.severity), diagnostic.code),
                    diagnostic.message.clone(),
                ];
                marks.push(format!("x-{index}"), Kind::Diagnostic, span, details);
            }
        }
        marks
    }

    fn push(&mut self, id: String, kind: Kind, span: Span, details: Vec<String>) {
        self.marks.push(Mark { id, kind, span, details });
    }

    /// The issues (heading, status, measures, findings), then the headings
    /// of the other nodes.
    fn outline(&mut self, record: &Record) {
        let mut nodes: HashMap<&str, &Node> = HashMap::new();
        let mut stack: Vec<&Node> = record.outline.iter().collect();
        while let Some(node) = stack.pop() {
            nodes.insert(&node.id, node);
            stack.extend(&node.children);
        }
        for (index, issue) in record.issues.iter().enumerate() {
            let Some(node) = nodes.get(issue.node.as_str()) else {
                continue;
            };
            let id = format!("i-{index}");
            self.nodes.entry(issue.node.clone()).or_insert_with(|| id.clone());
            self.push(id, Kind::Issue, node.heading_span, issue_details(index, issue, node));
            if let (Some(status), Some(span)) = (issue.status, issue.status_span) {
                let details = vec![
                    format!("status s-{index}"),
                    format!("issue {}: {}", issue.id, enum_text(&status)),
                ];
                self.push(format!("s-{index}"), Kind::Status, span, details);
            }
            for (number, finding) in issue.findings.iter().enumerate() {
                let id = format!("p-{index}-{number}");
                self.nodes.entry(finding.node.clone()).or_insert_with(|| id.clone());
                let details = vec![
                    format!("finding {} of issue {} ({id})", number + 1, issue.id),
                    finding.text.clone(),
                    format!("node {}", finding.node),
                ];
                self.push(id, Kind::Finding, finding.span, details);
            }
            for (number, measure) in issue.measures.iter().enumerate() {
                let id = format!("m-{index}-{number}");
                if measure.node != issue.node {
                    self.nodes.entry(measure.node.clone()).or_insert_with(|| id.clone());
                }
                let details = vec![
                    format!("measure {} of issue {} ({id})", number + 1, issue.id),
                    measure.title.clone(),
                    format!("{}, node {}", enum_text(&measure.source), measure.node),
                ];
                self.push(id, Kind::Measure, measure.span, details);
            }
        }
        let mut stack: Vec<&Node> = record.outline.iter().rev().collect();
        while let Some(node) = stack.pop() {
            if !self.nodes.contains_key(&node.id) {
                let id = format!("n-{}", node.id);
                self.nodes.insert(node.id.clone(), id.clone());
                let details = vec![
                    format!("heading of node {} ({id})", node.id),
                    format!("{} level {}, {}", node.marker, node.level, enum_text(&node.kind)),
                ];
                self.push(id, Kind::Heading, node.heading_span, details);
            }
            stack.extend(node.children.iter().rev());
        }
    }

    /// A metric's anchor: its quantity's mark, or a mark of its own (a
    /// sum); its parts' quantities; and the lines its quantities get.
    fn metric(
        &mut self,
        key: &str,
        metric: &Metric,
        quantity_spans: &HashMap<Span, usize>,
        roles: &mut HashMap<Span, Vec<String>>,
    ) {
        let caption = METRICS
            .iter()
            .find(|column| column.key == key)
            .map_or(String::new(), |column| format!(" ({})", column.caption));
        let value = format!("{} {}", metric.value, metric.unit);
        let anchor = match quantity_spans.get(&metric.span) {
            Some(index) => {
                roles
                    .entry(metric.span)
                    .or_default()
                    .push(format!("metric {key}{caption}: {value}"));
                format!("q-{index}")
            }
            None => {
                let id = format!("k-{key}");
                let parts = metric.parts.as_ref().map_or(0, Vec::len);
                let details = vec![
                    format!("metric {key}{caption} ({id})"),
                    format!("{value}, the sum of {parts} parts"),
                ];
                self.push(id.clone(), Kind::Metric, metric.span, details);
                id
            }
        };
        self.metrics.insert(key.to_owned(), anchor);
        let parts = metric.parts.iter().flatten().map(|part| {
            let index = quantity_spans.get(&part.span)?;
            roles
                .entry(part.span)
                .or_default()
                .push(format!("part of metric {key}: {} {}", part.value, metric.unit));
            Some(format!("q-{index}"))
        });
        let parts = parts.collect();
        self.parts.insert(key.to_owned(), parts);
    }

    /// The dates, with the notice's own dates named on theirs (or marked
    /// apart when `dates` lacks them).
    fn dates(&mut self, record: &Record) {
        let notice_dates = [
            ("published", "published", &record.published),
            ("period", "inspection period", &record.inspection.period),
            ("feedback", "inspection feedback", &record.inspection.feedback),
        ];
        let mut roles: HashMap<Span, Vec<String>> = HashMap::new();
        for (id, role, date) in notice_dates {
            let Some(date) = date else { continue };
            match record.dates.iter().position(|listed| listed.span == date.span) {
                Some(index) => {
                    roles.entry(date.span).or_default().push(role.to_owned());
                    self.notice_dates.insert(id, format!("d-{index}"));
                }
                None => {
                    let mut details = date_details(id, date);
                    details.push(role.to_owned());
                    self.push(id.to_owned(), Kind::Date, date.span, details);
                    self.notice_dates.insert(id, id.to_owned());
                }
            }
        }
        for (index, date) in record.dates.iter().enumerate() {
            let id = format!("d-{index}");
            let mut details = date_details(&id, date);
            details.extend(roles.get(&date.span).into_iter().flatten().cloned());
            self.push(id, Kind::Date, date.span, details);
        }
    }
}

/// `node 1.2`, or nothing outside the outline.
fn node_line(node: Option<&str>) -> Option<String> {
    node.map(|node| format!("node {node}"))
}

fn issue_details(index: usize, issue: &Issue, node: &Node) -> Vec<String> {
    vec![
        format!("issue {} (i-{index}), node {}", issue.id, node.id),
        format!("problem: {}", issue.problem.as_deref().unwrap_or("(none named)")),
        format!(
            "status: {}",
            issue.status.map_or_else(|| "not stated".to_owned(), |status| enum_text(&status))
        ),
        format!("{} measures, {} findings", issue.measures.len(), issue.findings.len()),
    ]
}

/// A quantity's value with its range and unit: `3 人`, `3–5 人`.
pub fn quantity_value(quantity: &Quantity) -> String {
    match quantity.value_max {
        Some(max) => format!("{}–{max} {}", quantity.value, quantity.unit),
        None => format!("{} {}", quantity.value, quantity.unit),
    }
}

fn quantity_details(index: usize, quantity: &Quantity) -> Vec<String> {
    let mut details = vec![
        format!("quantity q-{index}"),
        format!("{} {}", quantity_value(quantity), enum_text(&quantity.kind)),
    ];
    if let Some(approx) = quantity.approx {
        details.push(format!("approx: {}", enum_text(&approx)));
    }
    details.push(format!("label: {}", quantity.label.as_deref().unwrap_or("(none)")));
    details.extend(node_line(quantity.node.as_deref()));
    details
}

/// A date's ISO range (or its recurrence) and how it reads.
pub fn date_value(date: &Date) -> String {
    match (date.start, date.end, date.frequency) {
        (Some(start), Some(end), _) if start == end => start.to_string(),
        (Some(start), Some(end), _) => format!("{start} – {end}"),
        (_, _, Some(frequency)) => format!("every: {}", enum_text(&frequency)),
        _ => "recurring".to_owned(),
    }
}

fn date_details(id: &str, date: &Date) -> Vec<String> {
    let mut details = vec![
        format!("date {id}"),
        date_value(date),
        format!(
            "{}, precision {}{}",
            enum_text(&date.kind),
            enum_text(&date.precision),
            if date.relative { ", relative" } else { "" }
        ),
    ];
    details.extend(node_line(date.node.as_deref()));
    details
}
