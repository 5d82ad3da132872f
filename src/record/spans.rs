//! Checking a record's spans against the text they index: one checker for
//! the schema test, the property test and the fuzz target, and for users
//! who keep records beside their texts.

use super::{Date, Issue, MeasureSource, Node, Record, Span};

impl Record {
    /// Every way the record's spans disagree with `text`, the decoded text
    /// it was parsed from (what [`Record::text`] holds when the parse was
    /// asked for it), one message each, naming the field and the span; empty
    /// when all hold.
    ///
    /// Every span must lie within the text, counted in code points, and
    /// where the item gives its characters, slice to exactly them:
    ///
    /// * a quantity's and a date's `text` (the dates of `published` and of
    ///   `inspection` too);
    /// * an outline node's `heading` (its `heading_span`, inside the node's
    ///   `span` unless the heading is empty; the node's span lies inside its
    ///   parent's), an enumeration item's `text` (inside its node);
    /// * a measure's `title` for a heading measure; an item measure's span
    ///   is the whole item, which holds the title after its marker;
    /// * a sub-problem's `text`;
    /// * a document's `title`, standing inside 《》.
    ///
    /// An issue's `status_span` is given exactly when its `status` is, and
    /// is the cue that decided it (one to eight code points). A metric's
    /// span is a quantity's; a sum's runs from its first part to its last,
    /// and each part's span is a quantity's. Genre evidence and diagnostics
    /// lie within the text (a cue is Simplified, the text may not be).
    /// `source.chars`, when given, is the text's length.
    ///
    /// Text fields are compared as they are: the record must be parsed in
    /// the original script (the default, [`TargetScript::Original`]).
    ///
    /// [`TargetScript::Original`]: crate::TargetScript::Original
    ///
    /// ```
    /// let notice = "关于巡察整改进展情况的通报\n在巡察整改工作中，教育提醒3人，建立完善制度8项。\n";
    /// let options = zhenggai::Options { with_text: true, ..zhenggai::Options::default() };
    /// let mut record = zhenggai::parse(notice.as_bytes(), &options).unwrap();
    /// assert_eq!(record.span_errors(notice), Vec::<String>::new());
    /// // 教育提醒3人 is people_educated: the metric points at the quantity.
    /// record.quantities[0].span.end += 1;
    /// assert_eq!(
    ///     record.span_errors(notice),
    ///     [
    ///         "quantities[0].span [27, 30) holds \"3人，\", not its text \"3人\"",
    ///         "metrics.people_educated.span [27, 29) is no quantity's span",
    ///     ]
    /// );
    /// ```
    pub fn span_errors(&self, text: &str) -> Vec<String> {
        let mut check = SpanCheck {
            text: text.chars().collect(),
            errors: Vec::new(),
        };
        if let Some(chars) = self.source.chars
            && chars != check.text.len()
        {
            let length = check.text.len();
            check
                .errors
                .push(format!("source.chars: {chars}, but the text has {length} code points"));
        }
        for (place, date) in [
            ("published", &self.published),
            ("inspection.period", &self.inspection.period),
            ("inspection.feedback", &self.inspection.feedback),
        ] {
            if let Some(date) = date {
                check.date(&format!("{place}.span"), date);
            }
        }
        let text_span = Span::new(0, check.text.len());
        for node in &self.outline {
            check.node(node, text_span);
        }
        for (index, issue) in self.issues.iter().enumerate() {
            check.issue(index, issue);
        }
        for (index, quantity) in self.quantities.iter().enumerate() {
            check.slices_to(
                &format!("quantities[{index}].span"),
                quantity.span,
                &quantity.text,
                "its text",
            );
        }
        for (index, date) in self.dates.iter().enumerate() {
            check.date(&format!("dates[{index}].span"), date);
        }
        for (index, document) in self.documents.iter().enumerate() {
            let place = format!("documents[{index}].span");
            if check.slices_to(&place, document.span, &document.title, "its title") && !check.in_brackets(document.span)
            {
                check
                    .errors
                    .push(format!("{place} {} does not stand inside 《》", show(document.span)));
            }
        }
        self.check_metrics(&mut check);
        for (index, evidence) in self.genre.evidence.iter().enumerate() {
            check.slice(&format!("genre.evidence[{index}].span"), evidence.span);
        }
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if let Some(span) = diagnostic.span {
                check.slice(&format!("diagnostics[{index}].span ({})", diagnostic.code), span);
            }
        }
        check.errors
    }

    /// A metric's span is a quantity's, or a sum's from its first part to
    /// its last, each part a quantity's.
    fn check_metrics(&self, check: &mut SpanCheck) {
        let is_quantity = |span: Span| self.quantities.iter().any(|quantity| quantity.span == span);
        for (key, metric) in &self.metrics {
            let place = format!("metrics.{key}.span");
            if check.slice(&place, metric.span).is_none() {
                continue;
            }
            match metric.parts.as_deref() {
                None | Some([]) => {
                    if !is_quantity(metric.span) {
                        check
                            .errors
                            .push(format!("{place} {} is no quantity's span", show(metric.span)));
                    }
                }
                Some(parts) => {
                    for (index, part) in parts.iter().enumerate() {
                        let part_place = format!("metrics.{key}.parts[{index}].span");
                        if check.slice(&part_place, part.span).is_some() && !is_quantity(part.span) {
                            check
                                .errors
                                .push(format!("{part_place} {} is no quantity's span", show(part.span)));
                        }
                    }
                    let (first, last) = (parts[0].span, parts[parts.len() - 1].span);
                    if metric.span != Span::new(first.start, last.end.max(first.start)) {
                        check.errors.push(format!(
                            "{place} {} does not run from its first part to its last ({} to {})",
                            show(metric.span),
                            show(first),
                            show(last)
                        ));
                    }
                }
            }
        }
    }
}

/// A span as the messages write it: `[start, end)`.
fn show(span: Span) -> String {
    format!("[{}, {})", span.start, span.end)
}

/// The text as code points and the errors found so far.
struct SpanCheck {
    text: Vec<char>,
    errors: Vec<String>,
}

impl SpanCheck {
    /// The characters of `span`, or `None` (and an error naming `place`,
    /// the span's field) when it does not lie within the text.
    fn slice(&mut self, place: &str, span: Span) -> Option<String> {
        if span.start <= span.end && span.end <= self.text.len() {
            Some(self.text[span.start..span.end].iter().collect())
        } else {
            self.errors.push(format!(
                "{place} {} does not lie within the text's {} code points",
                show(span),
                self.text.len()
            ));
            None
        }
    }

    /// Whether `span` slices to exactly `expected` (what the item calls
    /// it: `its text`, `its title`); an error naming `place` when not.
    fn slices_to(&mut self, place: &str, span: Span, expected: &str, what: &str) -> bool {
        let Some(found) = self.slice(place, span) else {
            return false;
        };
        if found != expected {
            self.errors.push(format!(
                "{place} {} holds {found:?}, not {what} {expected:?}",
                show(span)
            ));
            return false;
        }
        true
    }

    /// Whether `span` (within the text) stands inside 《》 on one line: the
    /// nearest bracket before it opens, the nearest after it closes.
    /// Conversion debris the title leaves out (`《…根據(jù)》`) may stand
    /// between the title and a bracket.
    fn in_brackets(&self, span: Span) -> bool {
        let is_boundary = |c: &&char| matches!(c, '《' | '》' | '\n');
        let before = self.text[..span.start].iter().rev().find(is_boundary);
        let after = self.text[span.end..].iter().find(is_boundary);
        before == Some(&'《') && after == Some(&'》')
    }

    /// Whether `inner` lies inside `outer`; an error when not.
    fn inside(&mut self, place: &str, inner: Span, outer: Span, outer_name: &str) {
        if inner.start < outer.start || inner.end > outer.end {
            self.errors.push(format!(
                "{place} {} is not inside {outer_name} {}",
                show(inner),
                show(outer)
            ));
        }
    }

    fn date(&mut self, place: &str, date: &Date) {
        self.slices_to(place, date.span, &date.text, "its text");
    }

    /// A node and its children: within `parent` (the parent node's span,
    /// the whole text for a top-level node).
    fn node(&mut self, node: &Node, parent: Span) {
        let place = format!("outline[{}]", node.id);
        let span_place = format!("{place}.span");
        if self.slice(&span_place, node.span).is_some() {
            self.inside(&span_place, node.span, parent, "its parent's span");
        }
        let heading_place = format!("{place}.heading_span");
        // A marker with no heading after it (`一、` and blanks at a line's
        // end) has an empty heading_span after the blanks, which the node's
        // span leaves out: only a heading with characters must stand inside
        // its node.
        if self.slices_to(&heading_place, node.heading_span, &node.heading, "its heading") && !node.heading.is_empty() {
            self.inside(&heading_place, node.heading_span, node.span, "the node's span");
        }
        for (index, item) in node.items.iter().enumerate() {
            let item_place = format!("{place}.items[{index}].span");
            if self.slices_to(&item_place, item.span, &item.text, "its text") {
                self.inside(&item_place, item.span, node.span, "the node's span");
            }
        }
        for child in &node.children {
            self.node(child, node.span);
        }
    }

    fn issue(&mut self, index: usize, issue: &Issue) {
        let place = format!("issues[{index}]");
        match (issue.status, issue.status_span) {
            (Some(_), None) => self.errors.push(format!("{place}: a status without a status_span")),
            (None, Some(span)) => self
                .errors
                .push(format!("{place}.status_span {}: a span without a status", show(span))),
            _ => {}
        }
        if let Some(span) = issue.status_span
            && let Some(cue) = self.slice(&format!("{place}.status_span"), span)
            && !(1..=8).contains(&cue.chars().count())
        {
            self.errors.push(format!(
                "{place}.status_span {} holds {cue:?}: a status cue is one to eight code points",
                show(span)
            ));
        }
        for (number, measure) in issue.measures.iter().enumerate() {
            let measure_place = format!("{place}.measures[{number}].span");
            match measure.source {
                MeasureSource::Heading => {
                    self.slices_to(&measure_place, measure.span, &measure.title, "its title");
                }
                MeasureSource::Item => {
                    // The whole item, marker included: the title (its first
                    // sentence) comes after at least one code point.
                    if let Some(item) = self.slice(&measure_place, measure.span)
                        && !item.chars().skip(1).collect::<String>().contains(&measure.title)
                    {
                        self.errors.push(format!(
                            "{measure_place} {} holds {item:?}, which does not hold its title {:?} after a marker",
                            show(measure.span),
                            measure.title
                        ));
                    }
                }
            }
        }
        for (number, finding) in issue.findings.iter().enumerate() {
            let finding_place = format!("{place}.findings[{number}].span");
            self.slices_to(&finding_place, finding.span, &finding.text, "its text");
        }
    }
}
