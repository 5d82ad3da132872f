//! The pipeline: bytes → decode → normalize → outline → extract → record.
//!
//! Consumes the bytes of one notice and the [`Options`]; produces a
//! [`Record`] (or the [`Error`] that stopped it, which [`error_record`] turns
//! into the contract's error record). Stages run once each over the whole
//! text; all positions stay byte ranges of the matching copy until this
//! module converts them into spans and original-script (or `--to`-converted)
//! text.

use std::collections::BTreeMap;
use std::ops::Range;

use sha2::{Digest, Sha256};

use crate::diagnostic::Finding;
use crate::record::Severity;
use crate::error::{Error, Result};
use crate::extract::consistency;
use crate::extract::contact::find_contacts;
use crate::record::{CivilDate, DateKind, Precision};
use crate::extract::date::{DateMatch, find_notice_dates};
use crate::extract::document::find_documents;
use crate::extract::genre::find_genre;
use crate::record::GenreKind;
use crate::extract::metadata::find_metadata;
use crate::extract::metrics::{MetricSource, find_metrics};
use crate::extract::quantity::find_quantities_at;
use crate::input::{self, InputOptions};
use crate::convert::{ScriptConverter, TargetScript};
use crate::normalize::{debris, normalize_detecting};
use crate::rules::Rules;
use crate::segment::ChineseSegmenter;
use crate::outline::{self, MeasureNode, Outline, PageDate, find_furniture};
use crate::record::{
    Contacts, Date, Diagnostic, Document, ErrorInfo, ErrorRecord, Evidence, Genre, Inspection, Issue, Item, Measure,
    MeasureSource, Metric, MetricPart, Node, Number, Quantity, Record, SCHEMA_VERSION, Source, SubProblem,
};
use crate::span::{AlignedText, RangeSet, Span};

/// How to parse and what to put in the record.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Script of the record's text fields.
    pub to: TargetScript,
    /// Include the decoded text (`text` field) so spans can be resolved.
    pub with_text: bool,
    /// The input's path as the user gave it (null for stdin).
    pub path: Option<String>,
    /// How to read the bytes (encoding, size limit, HTML).
    pub input: InputOptions,
}

/// The SHA-256 of `bytes` in lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// What is known of a source before decoding.
fn raw_source(bytes: &[u8], options: &Options) -> Source {
    Source {
        path: options.path.clone(),
        bytes: Some(bytes.len() as u64),
        sha256: Some(sha256_hex(bytes)),
        ..Source::default()
    }
}

/// The error record of an input, with what is known of its source.
pub fn error_record(bytes: Option<&[u8]>, options: &Options, error: &Error) -> ErrorRecord {
    let source = match bytes {
        Some(bytes) => raw_source(bytes, options),
        None => Source {
            path: options.path.clone(),
            ..Source::default()
        },
    };
    ErrorRecord {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        error: ErrorInfo {
            code: error.code().to_string(),
            message: error.to_string(),
        },
    }
}

/// Parses one notice with the built-in rules ([`crate::Parser::default`]).
///
/// # Errors
///
/// An [`Error`] when the input cannot be read or decoded.
pub fn parse(bytes: &[u8], options: &Options) -> Result<Record> {
    crate::Parser::default().parse(bytes, options)
}

/// Parses one notice with these rules, segmenter and converter.
pub(crate) fn parse_with(
    bytes: &[u8],
    options: &Options,
    rules: &Rules,
    segmenter: &ChineseSegmenter,
    converter: &dyn ScriptConverter,
) -> Result<Record> {
    let input = input::read(bytes, &options.input)?;
    let mut source = raw_source(bytes, options);
    source.encoding = Some(input.encoding.to_string());
    source.format = Some(input.format.to_string());
    let (text, script) = normalize_detecting(input.text);
    source.script = Some(script);
    source.chars = Some(text.original_char_len());
    // Findings about the copy itself (debris, placeholders), found and
    // given their spans before the furniture is cut away: their ranges are
    // in the whole copy.
    let early: Vec<Diagnostic> = input
        .findings
        .iter()
        .chain(&debris::quality_findings(
            text.original(),
            text.matching(),
            text.removed_chars(),
        ))
        .map(|finding| diagnostic(&text, finding))
        .collect();
    let furniture = find_furniture(text.matching(), &rules.layout);
    let page = PageFacts {
        date: furniture.page_date.as_ref().map(|date| PageDateFact {
            date: date.date,
            span: text.span(date.range.clone()),
        }),
        file_title: furniture
            .file_title
            .clone()
            .map(|range| text.original_slice(range).to_owned()),
    };
    source.page_date = furniture.page_date.as_ref().map(PageDate::iso);
    let record = if furniture.ranges.is_empty() {
        build_record(&text, source, early, &page, options, (rules, segmenter, converter))
    } else {
        let content = text.cutting(&furniture.ranges);
        build_record(&content, source, early, &page, options, (rules, segmenter, converter))
    };
    Ok(record)
}

/// What the page around the notice says, found in its furniture.
struct PageFacts {
    /// The page's release date and where it is printed.
    date: Option<PageDateFact>,
    /// The metadata block's 文件名称, in the original script.
    file_title: Option<String>,
}

struct PageDateFact {
    date: CivilDate,
    span: Span,
}

/// Everything the stages found, as byte ranges of the matching copy.
struct Findings {
    outline: Outline,
    dates: Vec<DateMatch>,
}

/// The record's diagnostic of a finding whose range is in `text`'s copy.
fn diagnostic(text: &AlignedText, finding: &Finding) -> Diagnostic {
    Diagnostic {
        severity: finding.severity,
        code: finding.code.to_string(),
        message: finding.message.clone(),
        span: finding.range.clone().map(|range| text.span(range)),
    }
}

/// `text` is the notice without its page furniture; `early` holds the
/// diagnostics of the stages before (decoding, copy quality).
fn build_record(
    text: &AlignedText,
    source: Source,
    early: Vec<Diagnostic>,
    page: &PageFacts,
    options: &Options,
    (rules, segmenter, converter): (&Rules, &ChineseSegmenter, &dyn ScriptConverter),
) -> Record {
    let matching = text.matching();
    let layout = outline::layout(matching);
    let outline = outline::build(matching, &layout, &rules.outline);
    let preamble_end = outline.nodes.first().map_or(layout.body.end, |node| node.range.start);
    let preamble = layout.body.start..preamble_end.max(layout.body.start);

    let documents = find_documents(matching);
    let mut excluded = RangeSet::new(documents.iter().map(|d| d.whole.clone()));
    let mut dates = find_notice_dates(
        matching,
        &excluded,
        layout.signature_date.as_ref(),
        page.date.as_ref().map(|page_date| page_date.date),
    );
    excluded.extend(dates.iter().map(|d| d.range.clone()));
    let quantities = find_quantities_at(matching, text.marked(), &excluded, rules, segmenter);
    let contacts = find_contacts(matching);
    let preamble_of_genre = preamble.clone();
    let metadata = find_metadata(text, &layout, preamble, &mut dates);
    let metrics = find_metrics(matching, &quantities, &rules.metrics);
    // Diagnostics with spans in the original already.
    let mut notes: Vec<Diagnostic> = Vec::new();
    let unresolved: Vec<&DateMatch> = dates
        .iter()
        .filter(|date| date.relative && date.start.is_none())
        .collect();
    if let Some(first) = unresolved.first() {
        notes.push(Diagnostic {
            severity: Severity::Info,
            code: "unanchored_relative_dates".to_string(),
            message: format!(
                "{} relative date expressions (今年, 上半年 …) are left unresolved: the text is neither signed nor dated and states no date it is written as of",
                unresolved.len()
            ),
            span: Some(text.span(first.range.clone())),
        });
    }
    let title_lines = layout
        .title
        .first()
        .zip(layout.title.last())
        .map_or(0..0, |(first, last)| first.start..last.end);
    let genre = find_genre(matching, title_lines, preamble_of_genre, &rules.genre);
    if genre.kind != GenreKind::RectificationNotice {
        notes.push(Diagnostic {
            severity: Severity::Warning,
            code: "not_a_notice".to_string(),
            message: format!("this reads as {}", genre.kind.description()),
            span: genre.evidence.first().map(|(_, range)| text.span(range.clone())),
        });
    }
    let mut outline = outline;
    if genre.kind == GenreKind::InspectionAnnouncement {
        // An announcement's 受理范围 (反映…的问题) invites complaints: it
        // reports no problems and no measures.
        outline.forget_issues();
    }
    let findings = Findings { outline, dates };

    let to = options.to;
    let convert = |value: &str| converter.convert(value, to);
    let slice = |range: Range<usize>| convert(text.original_slice(range));
    let node_of = |offset: usize| findings.outline.node_id_at(offset).map(str::to_owned);
    // Each span is looked up once and its text sliced from it.
    let date_record = |date: &DateMatch| {
        let span = text.span(date.range.clone());
        Date {
            text: text.original_of(span).to_owned(),
            kind: date.kind,
            start: date.start,
            end: date.end,
            precision: date.precision,
            frequency: date.frequency,
            relative: date.relative,
            span,
            node: node_of(date.range.start),
        }
    };

    let quantity_records: Vec<Quantity> = quantities
        .iter()
        .map(|quantity| {
            let span = text.span(quantity.range.clone());
            Quantity {
                text: text.original_of(span).to_owned(),
                value: Number(quantity.value),
                value_max: quantity.value_max.map(Number),
                unit: quantity.unit.canonical.to_string(),
                approx: quantity.approx,
                kind: quantity.kind(),
                label: quantity.label.clone().map(slice),
                span,
                node: node_of(quantity.range.start),
            }
        })
        .collect();
    let metric_records: BTreeMap<String, Metric> = metrics
        .into_iter()
        .map(|(key, source)| {
            let metric = match source {
                MetricSource::Quantity(index) => {
                    let quantity = &quantity_records[index];
                    Metric {
                        value: quantity.value,
                        unit: quantity.unit.clone(),
                        span: quantity.span,
                        parts: None,
                    }
                }
                MetricSource::Sum(indices) => {
                    let parts: Vec<&Quantity> = indices.iter().map(|&index| &quantity_records[index]).collect();
                    let value = parts
                        .iter()
                        .try_fold(crate::numeral::Decimal::ZERO, |sum, part| sum.checked_add(part.value.0))
                        .unwrap_or_default();
                    let first = parts[0].span;
                    let last = parts[parts.len() - 1].span;
                    Metric {
                        value: Number(value.normalize()),
                        unit: parts[0].unit.clone(),
                        span: Span::new(first.start, last.end),
                        parts: Some(
                            parts
                                .iter()
                                .map(|part| MetricPart {
                                    label: part.label.clone().unwrap_or_else(|| part.text.clone()),
                                    value: part.value,
                                    span: part.span,
                                })
                                .collect(),
                        ),
                    }
                }
            };
            (key, metric)
        })
        .collect();

    let inspection = Inspection {
        kind: metadata.inspection.kind.map(str::to_string),
        body: metadata.inspection.body.as_deref().map(convert),
        round: metadata.inspection.round.as_deref().map(convert),
        target: metadata.inspection.target.as_deref().map(convert),
        period: metadata.inspection.period.map(|index| {
            let date = date_record(&findings.dates[index]);
            match metadata.inspection.period_end {
                // A start date and a duration: the period runs to its end.
                Some(end) => Date {
                    kind: DateKind::Range,
                    end: Some(end),
                    ..date
                },
                None => date,
            }
        }),
        feedback: metadata
            .inspection
            .feedback
            .map(|index| date_record(&findings.dates[index])),
    };
    let published = match (metadata.published, &page.date) {
        (Some(index), _) => Some(Date {
            node: None,
            ..date_record(&findings.dates[index])
        }),
        (None, Some(page_date)) => {
            notes.push(Diagnostic {
                severity: Severity::Info,
                code: "published_from_page".to_string(),
                message: "the notice is not dated; published is the page's release date".to_owned(),
                span: Some(page_date.span),
            });
            Some(Date {
                text: text.original_of(page_date.span).to_owned(),
                kind: DateKind::Point,
                start: Some(page_date.date),
                end: Some(page_date.date),
                precision: Precision::Day,
                frequency: None,
                relative: false,
                span: page_date.span,
                node: None,
            })
        }
        (None, None) => None,
    };
    let title = metadata.title.as_deref().or(page.file_title.as_deref()).map(convert);
    // The checks read a notice's own figures; an announcement is published
    // before its inspection ends, by design.
    let is_notice = genre.kind == GenreKind::RectificationNotice;
    if is_notice {
        notes.extend(consistency::date_findings(
            inspection.period.as_ref(),
            inspection.feedback.as_ref(),
            published.as_ref(),
        ));
        notes.extend(consistency::count_findings(&metric_records, &|metric| {
            text.original_of(metric.span).to_owned()
        }));
        notes.extend(consistency::unlisted_problems(
            findings.outline.issues.len(),
            &metric_records,
        ));
    }

    Record {
        schema_version: SCHEMA_VERSION.to_string(),
        source,
        genre: Genre {
            kind: genre.kind,
            evidence: genre
                .evidence
                .iter()
                .map(|(cue, range)| Evidence {
                    cue: (*cue).to_owned(),
                    span: text.span(range.clone()),
                })
                .collect(),
        },
        title,
        publisher: metadata.publisher.as_deref().map(convert),
        published,
        inspection,
        outline: findings
            .outline
            .roots
            .iter()
            .map(|&root| node_record(text, &findings.outline, root, &convert))
            .collect(),
        issues: issue_records(text, &findings.outline, &convert),
        quantities: quantity_records,
        dates: findings.dates.iter().map(date_record).collect(),
        documents: documents
            .iter()
            .map(|document| {
                let span = text.span(document.title.clone());
                Document {
                    title: convert(text.original_of(span)),
                    span,
                    node: node_of(document.title.start),
                }
            })
            .collect(),
        contacts: Contacts {
            phones: contacts.phones,
            emails: contacts.emails,
            addresses: contacts.addresses.into_iter().map(slice).collect(),
        },
        metrics: metric_records,
        diagnostics: early
            .into_iter()
            .chain(
                findings
                    .outline
                    .diagnostics
                    .iter()
                    .map(|finding| diagnostic(text, finding)),
            )
            .chain(notes)
            .collect(),
        text: options.with_text.then(|| text.original().to_owned()),
    }
}

fn node_record(text: &AlignedText, outline: &Outline, index: usize, convert: &dyn Fn(&str) -> String) -> Node {
    let node = &outline.nodes[index];
    let heading_span = text.span(node.heading.clone());
    Node {
        id: node.id.clone(),
        level: node.level,
        marker: text.original_slice(node.marker.clone()).to_owned(),
        number: node.number,
        heading: convert(text.original_of(heading_span)),
        kind: node.kind,
        span: text.span(node.range.clone()),
        heading_span,
        items: node
            .items
            .iter()
            .map(|item| {
                let span = text.span(item.text.clone());
                Item {
                    marker: text.original_slice(item.marker.clone()).to_owned(),
                    number: item.number,
                    text: convert(text.original_of(span)),
                    span,
                }
            })
            .collect(),
        children: node
            .children
            .iter()
            .map(|&child| node_record(text, outline, child, convert))
            .collect(),
    }
}

fn issue_records(text: &AlignedText, outline: &Outline, convert: &dyn Fn(&str) -> String) -> Vec<Issue> {
    outline
        .issues
        .iter()
        .enumerate()
        .map(|(position, issue)| {
            let node = &outline.nodes[issue.node];
            let measures = issue
                .measures
                .iter()
                .map(|measure| match measure {
                    MeasureNode::Heading(child) => {
                        let child = &outline.nodes[*child];
                        let span = text.span(child.heading.clone());
                        Measure {
                            node: child.id.clone(),
                            number: child.number,
                            title: convert(text.original_of(span)),
                            span,
                            source: MeasureSource::Heading,
                        }
                    }
                    MeasureNode::Item(item) => {
                        let title = outline::issues::item_title(text.matching(), item);
                        Measure {
                            node: node.id.clone(),
                            number: item.number,
                            title: convert(text.original_slice(title)),
                            span: text.span(item.marker.start..item.text.end),
                            source: MeasureSource::Item,
                        }
                    }
                })
                .collect();
            Issue {
                id: (position + 1).to_string(),
                node: node.id.clone(),
                number: node.number,
                problem: issue.problem.clone().map(|range| convert(text.original_slice(range))),
                heading: convert(text.original_slice(node.heading.clone())),
                status: issue.status.as_ref().map(|(status, _)| *status),
                status_span: issue.status.as_ref().map(|(_, range)| text.span(range.clone())),
                measures,
                findings: issue
                    .sub_problems
                    .iter()
                    .map(|&sub| {
                        let sub = &outline.nodes[sub];
                        let span = text.span(sub.heading.clone());
                        SubProblem {
                            node: sub.id.clone(),
                            number: sub.number,
                            text: convert(text.original_of(span)),
                            span,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lowercase_hex_of_the_digest() {
        // The FIPS 180-2 test vectors.
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
