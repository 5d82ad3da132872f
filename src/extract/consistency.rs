//! Consistency: whether a notice's own figures agree with each other.
//!
//! Consumes the record's inspection dates, publication date and metrics
//! (with the text each metric was read from); produces the warnings
//! `inconsistent_dates` (the period ends after the feedback, or the
//! feedback or the period falls after publication) and
//! `inconsistent_counts` (rectified or in-progress counts above the total;
//! a stated completion rate that differs from rectified / total by more
//! than its last printed digit); and the note `problems_not_listed` (the
//! notice counts its problems, but no heading names one, so the record
//! lists no issues). A check runs only where both figures are
//! stated; a date is compared at the precision it is printed with, so
//! 2024年6月 is never "before" 2024年6月10日.

use std::collections::BTreeMap;

use crate::record::Severity;
use crate::record::{CivilDate, Precision};
use crate::record::{Date, Diagnostic, Metric};

/// `date`'s end at the precision it is printed with: a day, or a month or
/// a year (as its first day), so that comparisons never claim more than the
/// text says.
fn coarse(date: CivilDate, precision: Precision) -> (i32, u32, u32) {
    match precision {
        Precision::Day => (date.year, date.month, date.day),
        Precision::Month | Precision::Quarter | Precision::Half => (date.year, date.month, 0),
        Precision::Year => (date.year, 0, 0),
    }
}

/// Whether `first` certainly ends after `second` does: its end lies after
/// the second's end at the coarser of their two precisions.
fn ends_after(first: &Date, second: &Date) -> bool {
    let (Some(first_end), Some(second_end)) = (first.end, second.end) else {
        return false;
    };
    let precision = if first.precision == Precision::Day && second.precision == Precision::Day {
        Precision::Day
    } else if first.precision == Precision::Year || second.precision == Precision::Year {
        Precision::Year
    } else {
        Precision::Month
    };
    coarse(first_end, precision) > coarse(second_end, precision)
}

fn warning(code: &'static str, message: String, date_or_metric_span: crate::span::Span) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        code: code.to_string(),
        message,
        span: Some(date_or_metric_span),
    }
}

/// The date checks: period ≤ feedback ≤ published, period ≤ published.
pub fn date_findings(period: Option<&Date>, feedback: Option<&Date>, published: Option<&Date>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let iso = |date: &Date| date.end.map_or_else(|| date.text.clone(), |end| end.to_string());
    if let (Some(period), Some(feedback)) = (period, feedback)
        && ends_after(period, feedback)
    {
        found.push(warning(
            "inconsistent_dates",
            format!(
                "the inspection period ends ({}) after the feedback date ({})",
                iso(period),
                iso(feedback)
            ),
            feedback.span,
        ));
    }
    if let Some(published) = published {
        for (what, date) in [("feedback date", feedback), ("inspection period", period)] {
            if let Some(date) = date
                && ends_after(date, published)
            {
                found.push(warning(
                    "inconsistent_dates",
                    format!(
                        "the {what} ({}) falls after publication ({})",
                        iso(date),
                        iso(published)
                    ),
                    date.span,
                ));
                // One date after publication is enough to say.
                break;
            }
        }
    }
    found
}

/// Digits after the decimal point of the number in `text` (86.7% → 1).
fn decimals_of(text: &str) -> usize {
    text.split_once('.')
        .map_or(0, |(_, after)| after.chars().take_while(char::is_ascii_digit).count())
}

/// The count checks over the metrics; `text_of` gives the printed text of
/// a metric (for the rate's precision).
///
/// The rectified and in-progress counts and the completion rate are
/// checked against the count of problems, or, where the notice breaks its
/// problems down, against the count of problem items: a unit that reports
/// 6项问题21个具体问题 and then 21个问题已完成整改18个 counts items. Only
/// figures that agree with neither total are flagged (against the first).
pub fn count_findings(metrics: &BTreeMap<String, Metric>, text_of: &dyn Fn(&Metric) -> String) -> Vec<Diagnostic> {
    let value = |key: &str| metrics.get(key).map(|metric| (metric.value.as_f64(), metric));
    let figures = Figures {
        rectified: value("problems_rectified"),
        in_progress: value("problems_in_progress"),
        rate: value("completion_rate"),
    };
    let mut first_failures: Option<Vec<Diagnostic>> = None;
    for total in ["problems_total", "problem_items"].into_iter().filter_map(value) {
        let failures = figures.checked_against(total.0, text_of);
        if failures.is_empty() {
            return failures;
        }
        first_failures.get_or_insert(failures);
    }
    first_failures.unwrap_or_default()
}

/// The note for a notice that counts problems (problems_total above 0) but
/// lists none as an issue: no heading names one, as when a unit names its
/// problems only in running text (针对巡察指出的…问题，…) or reports a whole
/// round. The record is as the headings are; the note says that the empty
/// issues list is no count of zero problems.
pub fn unlisted_problems(issues: usize, metrics: &BTreeMap<String, Metric>) -> Option<Diagnostic> {
    let total = metrics.get("problems_total")?;
    (issues == 0 && total.value.as_f64() > 0.0).then(|| Diagnostic {
        severity: Severity::Info,
        code: "problems_not_listed".to_string(),
        message: format!(
            "the notice counts {} problems but no heading names one: issues is empty (the problems may be named in running text, or counted for a whole round)",
            total.value
        ),
        span: Some(total.span),
    })
}

/// The figures a total is checked with: each value and its metric.
struct Figures<'m> {
    rectified: Option<(f64, &'m Metric)>,
    in_progress: Option<(f64, &'m Metric)>,
    rate: Option<(f64, &'m Metric)>,
}

impl Figures<'_> {
    /// The warnings the figures give against `total`.
    fn checked_against(&self, total: f64, text_of: &dyn Fn(&Metric) -> String) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (name, part) in [("rectified", self.rectified), ("in progress", self.in_progress)] {
            if let Some((count, metric)) = part
                && count > total
            {
                found.push(warning(
                    "inconsistent_counts",
                    format!("{count} problems {name} but {total} in all"),
                    metric.span,
                ));
            }
        }
        if let (Some((done, metric)), Some((going, _))) = (self.rectified, self.in_progress)
            && done <= total
            && going <= total
            && done + going > total
        {
            found.push(warning(
                "inconsistent_counts",
                format!("{done} problems rectified and {going} in progress, but {total} in all"),
                metric.span,
            ));
        }
        if let (Some((done, _)), Some((rate, metric))) = (self.rectified, self.rate)
            && total > 0.0
        {
            let computed = 100.0 * done / total;
            // The last printed digit: a unit may round or cut off.
            let tolerance = 10f64.powi(-(decimals_of(&text_of(metric)) as i32)) + 1e-9;
            if (rate - computed).abs() > tolerance {
                found.push(warning(
                    "inconsistent_counts",
                    format!("a completion rate of {rate}% is stated, but {done} of {total} is {computed:.2}%"),
                    metric.span,
                ));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DateKind;
    use crate::record::Number;
    use crate::span::Span;

    fn date(text: &str, start: (i32, u32, u32), end: (i32, u32, u32), precision: Precision) -> Date {
        Date {
            text: text.to_owned(),
            kind: DateKind::Range,
            start: CivilDate::new(start.0, start.1, start.2),
            end: CivilDate::new(end.0, end.1, end.2),
            precision,
            frequency: None,
            relative: false,
            span: Span::new(0, 1),
            node: None,
        }
    }

    #[test]
    fn dates_in_order_pass_and_out_of_order_are_named() {
        let period = date("5月8日—5月24日", (2024, 5, 8), (2024, 5, 24), Precision::Day);
        let feedback = date("10月10日", (2024, 10, 10), (2024, 10, 10), Precision::Day);
        let published = date("2025年6月3日", (2025, 6, 3), (2025, 6, 3), Precision::Day);
        assert!(date_findings(Some(&period), Some(&feedback), Some(&published)).is_empty());
        let early = date("5月10日", (2024, 5, 10), (2024, 5, 10), Precision::Day);
        let found = date_findings(Some(&period), Some(&early), Some(&published));
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("2024-05-24") && found[0].message.contains("2024-05-10"));
        let found = date_findings(Some(&period), Some(&feedback), Some(&early));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("feedback date"));
        // A month is not before a day inside it.
        let june = date("2024年6月", (2024, 6, 1), (2024, 6, 30), Precision::Month);
        let june_tenth = date("6月10日", (2024, 6, 10), (2024, 6, 10), Precision::Day);
        assert!(date_findings(Some(&june), Some(&june_tenth), None).is_empty());
    }

    fn metric(value: f64) -> Metric {
        Metric {
            value: Number(crate::numeral::Decimal::try_from(value).unwrap()),
            unit: "个".to_string(),
            span: Span::new(0, 1),
            parts: None,
        }
    }

    #[test]
    fn counted_problems_without_issues_are_noted() {
        let counted: BTreeMap<String, Metric> = [("problems_total".to_owned(), metric(32.0))].into();
        let note = unlisted_problems(0, &counted).unwrap();
        assert_eq!((note.severity, note.code.as_str()), (Severity::Info, "problems_not_listed"));
        assert!(note.message.contains("counts 32 problems"), "{}", note.message);
        assert_eq!(unlisted_problems(5, &counted), None);
        assert_eq!(unlisted_problems(0, &BTreeMap::new()), None);
        let none: BTreeMap<String, Metric> = [("problems_total".to_owned(), metric(0.0))].into();
        assert_eq!(unlisted_problems(0, &none), None);
    }

    #[test]
    fn counts_and_rates_within_their_printed_precision_pass() {
        let text_of = |metric: &Metric| format!("{}%", metric.value.0);
        let metrics = |pairs: &[(&str, f64)]| -> BTreeMap<String, Metric> {
            pairs
                .iter()
                .map(|(key, value)| ((*key).to_owned(), metric(*value)))
                .collect()
        };
        // 13 of 15 is 86.67%: 86.7 rounds, 86.6 cuts off.
        for rate in [86.7, 86.6] {
            let found = count_findings(
                &metrics(&[
                    ("problems_total", 15.0),
                    ("problems_rectified", 13.0),
                    ("completion_rate", rate),
                ]),
                &text_of,
            );
            assert!(found.is_empty(), "{rate}: {found:?}");
        }
        let found = count_findings(
            &metrics(&[
                ("problems_total", 15.0),
                ("problems_rectified", 13.0),
                ("completion_rate", 92.5),
            ]),
            &text_of,
        );
        assert_eq!(found.len(), 1);
        let found = count_findings(
            &metrics(&[("problems_total", 12.0), ("problems_rectified", 14.0)]),
            &text_of,
        );
        assert_eq!(found[0].message, "14 problems rectified but 12 in all");
        let found = count_findings(
            &metrics(&[
                ("problems_total", 12.0),
                ("problems_rectified", 9.0),
                ("problems_in_progress", 5.0),
            ]),
            &text_of,
        );
        assert_eq!(found.len(), 1);
        // Nothing to check without a total.
        assert!(count_findings(&metrics(&[("problems_rectified", 9.0)]), &text_of).is_empty());
        // Figures that count the problem items agree with them: 6 problems,
        // 21 items, 18 of the 21 rectified, 85.7%.
        let items = metrics(&[
            ("problems_total", 6.0),
            ("problem_items", 21.0),
            ("problems_rectified", 18.0),
            ("problems_in_progress", 3.0),
            ("completion_rate", 85.7),
        ]);
        assert!(count_findings(&items, &text_of).is_empty());
        // Agreeing with neither: flagged against the count of problems.
        let neither = metrics(&[
            ("problems_total", 6.0),
            ("problem_items", 21.0),
            ("problems_rectified", 25.0),
        ]);
        assert_eq!(
            count_findings(&neither, &text_of)[0].message,
            "25 problems rectified but 6 in all"
        );
    }
}
