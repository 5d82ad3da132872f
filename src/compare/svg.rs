//! The report's charts, as inline SVG: one horizontal bar chart per
//! metric, each unit's problems rectified / in progress / open, and the
//! notices on a time line from feedback to publication.
//!
//! A bar per parsed notice that states the metric, largest first, scaled to
//! the largest value; each bar labelled with the unit's short name
//! ([`chart_labels`]) and its value formatted for reading. Every chart
//! shares one label column, so that their bars start at the same x. Drawn
//! through maud templates: every label and value is escaped.

use maud::{Markup, html};

use super::Row;
use super::columns::MetricColumn;
use super::format::{counted, display_width, single_line, truncate_end};
use crate::record::{CivilDate, Number};

/// Widest a chart label gets before `…` cuts it, in display columns.
const LABEL_MAX_WIDTH: usize = 24;

/// Chart geometry, in CSS pixels.
const FONT_PX: f64 = 13.0;
/// Width of one display column of text: CJK glyphs are one em (two columns),
/// Latin letters and digits at most about 0.6 em.
const PX_PER_COLUMN: f64 = FONT_PX * 0.6;
const ROW_PX: f64 = 24.0;
const BAR_PX: f64 = 16.0;
const BAR_AREA_PX: f64 = 480.0;
const GAP_PX: f64 = 8.0;
const PADDING_PX: f64 = 4.0;

/// Each row's label in the charts: the unit as it names itself (the
/// publisher, which carries its place: 中共某县卫生健康局党组, else the
/// target, else the file name), with `#n` (its table row) when two rows
/// share a name.
pub fn chart_labels(rows: &[Row]) -> Vec<String> {
    let short = |name: &str| truncate_end(&single_line(name), LABEL_MAX_WIDTH);
    let names: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let file_name = row
                .path
                .as_deref()
                .map(|path| path.rsplit(['/', '\\']).next().unwrap_or(path));
            let name = row.publisher.as_deref().or(row.target.as_deref()).or(file_name);
            name.map_or_else(|| format!("#{}", index + 1), short)
        })
        .collect();
    // A publisher that reports on several units: each row names its target.
    let shared = bearers(&names);
    let names: Vec<String> = names
        .iter()
        .zip(rows)
        .map(|(name, row)| match (&row.publisher, &row.target) {
            (Some(_), Some(target)) if shared.get(name.as_str()).is_some_and(|&count| count > 1) => {
                format!("{name} · {}", short(target))
            }
            _ => name.clone(),
        })
        .collect();
    let shared = bearers(&names);
    names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            if shared.get(name.as_str()).is_some_and(|&count| count > 1) {
                format!("{name} #{}", index + 1)
            } else {
                name.clone()
            }
        })
        .collect()
}

/// How many rows bear each name, counted once (not per row: 100,000 rows
/// made 10^10 comparisons).
fn bearers(names: &[String]) -> std::collections::HashMap<&str, usize> {
    let mut bearers = std::collections::HashMap::with_capacity(names.len());
    for name in names {
        *bearers.entry(name.as_str()).or_default() += 1;
    }
    bearers
}

/// The width `text` takes in a chart, in pixels.
fn text_px(text: &str) -> f64 {
    display_width(text) as f64 * PX_PER_COLUMN
}

/// The width of the label column all charts share: the widest label of a
/// parsed notice (error rows have no bars).
pub fn label_column_px(rows: &[Row], labels: &[String]) -> f64 {
    rows.iter()
        .zip(labels)
        .filter(|(row, _)| row.error.is_none())
        .map(|(_, label)| text_px(label))
        .fold(0.0, f64::max)
}

/// `value` with `decimals` places, as the chart's coordinates print.
fn fixed(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

/// One metric's section: its key, its caption and how many notices state it,
/// then a bar per parsed notice that states it, labels right-aligned in
/// `label_px`; or a note that no notice states it.
pub fn metric_chart(rows: &[Row], labels: &[String], label_px: f64, metric: &MetricColumn) -> Markup {
    let mut bars: Vec<(&str, Number)> = rows
        .iter()
        .zip(labels)
        .filter(|(row, _)| row.error.is_none())
        .filter_map(|(row, label)| Some((label.as_str(), *row.metrics.get(metric.key)?)))
        .collect();
    // Largest first; equal values keep the table's order.
    bars.sort_by(|left, right| right.1.as_f64().total_cmp(&left.1.as_f64()));
    let stated_by = if bars.is_empty() {
        String::new()
    } else {
        let parsed = rows.iter().filter(|row| row.error.is_none()).count();
        let parsed_notices = counted(parsed, "parsed notice", "parsed notices");
        format!(" · stated by {} of {parsed_notices}", bars.len())
    };
    html! {
        section {
            "\n"
            h3 { (metric.key) span.caption { (metric.caption) (stated_by) } }
            "\n"
            @if bars.is_empty() {
                p.not-stated { "not stated by any notice" }
            } @else {
                (bar_chart(metric, &bars, label_px))
            }
            "\n"
        }
        "\n"
    }
}

/// The problems of each unit that states how many it had: rectified, in
/// progress and open (the rest), stacked; units stating none of them are
/// counted in a note.
pub fn progress_chart(rows: &[Row], labels: &[String], label_px: f64) -> Markup {
    let figure = |row: &Row, key: &str| row.metrics.get(key).map(|value| value.as_f64().max(0.0));
    let bars: Vec<(&str, f64, f64, f64)> = rows
        .iter()
        .zip(labels)
        .filter(|(row, _)| row.error.is_none())
        .filter_map(|(row, label)| {
            let total = figure(row, "problems_total")?;
            let rectified = figure(row, "problems_rectified");
            let in_progress = figure(row, "problems_in_progress");
            if rectified.is_none() && in_progress.is_none() {
                return None;
            }
            let (rectified, in_progress) = (rectified.unwrap_or(0.0), in_progress.unwrap_or(0.0));
            Some((label.as_str(), rectified, in_progress, (total - rectified - in_progress).max(0.0)))
        })
        .collect();
    let parsed = rows.iter().filter(|row| row.error.is_none()).count();
    let most = bars
        .iter()
        .map(|(_, rectified, in_progress, open)| rectified + in_progress + open)
        .fold(0.0, f64::max);
    let bar_x = PADDING_PX + label_px + GAP_PX;
    let texts: Vec<String> = bars
        .iter()
        .map(|(_, rectified, in_progress, open)| {
            format!("{rectified} rectified · {in_progress} in progress · {open} open")
        })
        .collect();
    let text_width = texts.iter().map(|text| text_px(text)).fold(0.0, f64::max);
    let width = bar_x + BAR_AREA_PX + GAP_PX + text_width + PADDING_PX;
    let height = 2.0 * PADDING_PX + ROW_PX * bars.len() as f64;
    let scale = |value: f64| if most > 0.0 { value / most * BAR_AREA_PX } else { 0.0 };
    html! {
        section {
            "\n"
            h3 { "problems rectified, in progress, open" span.caption {
                "已完成 · 正在整改 · 未完成 · stated by " (bars.len()) " of " (counted(parsed, "parsed notice", "parsed notices"))
            } }
            "\n"
            p.legend {
                span { i style="background:#2da44e" {} "rectified 已完成" }
                span { i style="background:#d4a72c" {} "in progress 正在整改" }
                span { i style="background:#afb8c1" {} "open 未完成" }
            }
            @if bars.is_empty() {
                p.not-stated { "no notice states its problems' progress" }
            } @else {
                svg role="img" aria-label="progress" width=(fixed(width, 0)) height=(fixed(height, 0))
                    viewBox={ "0 0 " (fixed(width, 0)) " " (fixed(height, 0)) } {
                    "\n"
                    @for (index, ((label, rectified, in_progress, open), text)) in bars.iter().zip(&texts).enumerate() {
                        @let middle = PADDING_PX + ROW_PX * index as f64 + ROW_PX / 2.0;
                        @let top = fixed(middle - BAR_PX / 2.0, 1);
                        @let (first, second, third) = (scale(*rectified), scale(*in_progress), scale(*open));
                        g {
                            title { (label) ": " (text) }
                            text.chart-label x=(fixed(bar_x - GAP_PX, 1)) y=(fixed(middle, 1))
                                text-anchor="end" dominant-baseline="central" { (label) }
                            rect.chart-rectified x=(fixed(bar_x, 1)) y=(top) width=(fixed(first, 1)) height=(BAR_PX) {}
                            rect.chart-in-progress x=(fixed(bar_x + first, 1)) y=(top) width=(fixed(second, 1)) height=(BAR_PX) {}
                            rect.chart-open x=(fixed(bar_x + first + second, 1)) y=(top) width=(fixed(third, 1)) height=(BAR_PX) {}
                            text.chart-value x=(fixed(bar_x + first + second + third + GAP_PX / 2.0, 1)) y=(fixed(middle, 1))
                                dominant-baseline="central" { (text) }
                        }
                        "\n"
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

/// Each notice on a time line: a line from the feedback to the publication
/// (a dot where the feedback is not stated to the day), in publication
/// order, with the days between.
pub fn timeline_chart(rows: &[Row], labels: &[String], label_px: f64) -> Markup {
    let day = |text: &Option<String>| text.as_deref().and_then(|text| text.parse::<CivilDate>().ok());
    let mut spans: Vec<(&str, Option<CivilDate>, CivilDate, Option<i64>)> = rows
        .iter()
        .zip(labels)
        .filter(|(row, _)| row.error.is_none())
        .filter_map(|(row, label)| {
            Some((label.as_str(), day(&row.feedback), day(&row.published)?, row.days_feedback_to_published))
        })
        .collect();
    spans.sort_by_key(|(_, _, published, _)| *published);
    let parsed = rows.iter().filter(|row| row.error.is_none()).count();
    let first = spans
        .iter()
        .map(|(_, feedback, published, _)| feedback.map_or(*published, |feedback| feedback.min(*published)))
        .min();
    let last = spans.iter().map(|(_, _, published, _)| *published).max();
    let (Some(first), Some(last)) = (first, last) else {
        return html! {
            section { h3 { "feedback to publication" } p.not-stated { "no notice states its publication day" } }
        };
    };
    let length = first.days_until(last).max(1) as f64;
    let bar_x = PADDING_PX + label_px + GAP_PX;
    let x = |date: CivilDate| bar_x + first.days_until(date) as f64 / length * BAR_AREA_PX;
    let texts: Vec<String> = spans
        .iter()
        .map(|(_, _, published, days)| match days {
            Some(days) => format!("{published} · {days} days"),
            None => published.to_string(),
        })
        .collect();
    let text_width = texts.iter().map(|text| text_px(text)).fold(0.0, f64::max);
    let width = bar_x + BAR_AREA_PX + GAP_PX + text_width + PADDING_PX;
    let axis_y = PADDING_PX + ROW_PX * spans.len() as f64 + ROW_PX / 2.0;
    let height = axis_y + ROW_PX;
    html! {
        section {
            "\n"
            h3 { "feedback to publication" span.caption {
                "反馈至通报 · " (spans.len()) " of " (counted(parsed, "parsed notice", "parsed notices")) " dated"
            } }
            "\n"
            svg role="img" aria-label="timeline" width=(fixed(width, 0)) height=(fixed(height, 0))
                viewBox={ "0 0 " (fixed(width, 0)) " " (fixed(height, 0)) } {
                "\n"
                @for (index, ((label, feedback, published, _), text)) in spans.iter().zip(&texts).enumerate() {
                    @let middle = fixed(PADDING_PX + ROW_PX * index as f64 + ROW_PX / 2.0, 1);
                    g {
                        title { (label) ": " (text) }
                        text.chart-label x=(fixed(bar_x - GAP_PX, 1)) y=(middle)
                            text-anchor="end" dominant-baseline="central" { (label) }
                        @if let Some(feedback) = feedback {
                            line.chart-span x1=(fixed(x(*feedback), 1)) y1=(middle) x2=(fixed(x(*published), 1)) y2=(middle) {}
                        }
                        circle.chart-dot cx=(fixed(x(*published), 1)) cy=(middle) r="4" {}
                        text.chart-value x=(fixed(bar_x + BAR_AREA_PX + GAP_PX, 1)) y=(middle)
                            dominant-baseline="central" { (text) }
                    }
                    "\n"
                }
                line.chart-axis x1=(fixed(bar_x, 1)) y1=(fixed(axis_y - ROW_PX / 2.0, 1))
                    x2=(fixed(bar_x + BAR_AREA_PX, 1)) y2=(fixed(axis_y - ROW_PX / 2.0, 1)) {}
                text.chart-value x=(fixed(bar_x, 1)) y=(fixed(axis_y, 1)) dominant-baseline="central" { (first) }
                text.chart-value x=(fixed(bar_x + BAR_AREA_PX, 1)) y=(fixed(axis_y, 1))
                    text-anchor="end" dominant-baseline="central" { (last) }
            }
            "\n"
        }
        "\n"
    }
}

/// The SVG of a chart's bars, in the given order.
fn bar_chart(metric: &MetricColumn, bars: &[(&str, Number)], label_px: f64) -> Markup {
    let max_value = bars.iter().map(|(_, value)| value.as_f64()).fold(0.0, f64::max);
    let value_texts: Vec<String> = bars.iter().map(|(_, value)| metric.format(*value)).collect();
    let value_px = value_texts.iter().map(|text| text_px(text)).fold(0.0, f64::max);
    let bar_x = PADDING_PX + label_px + GAP_PX;
    let label_x = bar_x - GAP_PX;
    let width = bar_x + BAR_AREA_PX + GAP_PX + value_px + PADDING_PX;
    let height = 2.0 * PADDING_PX + ROW_PX * bars.len() as f64;
    let (width, height) = (fixed(width, 0), fixed(height, 0));
    html! {
        svg role="img" aria-label=(metric.key) width=(width) height=(height)
            viewBox={ "0 0 " (width) " " (height) } {
            "\n"
            @for (index, ((label, value), value_text)) in bars.iter().zip(&value_texts).enumerate() {
                @let middle = PADDING_PX + ROW_PX * index as f64 + ROW_PX / 2.0;
                @let bar_px = if max_value > 0.0 { (value.as_f64() / max_value).max(0.0) * BAR_AREA_PX } else { 0.0 };
                g {
                    title { (label) ": " (value_text) }
                    text.chart-label x=(fixed(label_x, 1)) y=(fixed(middle, 1))
                        text-anchor="end" dominant-baseline="central" { (label) }
                    rect.chart-bar x=(fixed(bar_x, 1)) y=(fixed(middle - BAR_PX / 2.0, 1))
                        width=(fixed(bar_px, 1)) height=(BAR_PX) rx="2" {}
                    text.chart-value x=(fixed(bar_x + bar_px + GAP_PX / 2.0, 1)) y=(fixed(middle, 1))
                        dominant-baseline="central" { (value_text) }
                }
                "\n"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{full_record_json, record_without_metrics_json, row_of_json};

    #[test]
    fn shared_names_get_their_row_number_in_charts() {
        let rows = [
            row_of_json(full_record_json()),
            row_of_json(full_record_json()),
            row_of_json(record_without_metrics_json()),
        ];
        // One publisher, two targets: the target tells them apart; the
        // same publisher and target twice: the row number.
        assert_eq!(
            chart_labels(&rows),
            [
                "中共某市妇联党组 · 市妇联党组 #1",
                "中共某市妇联党组 · 市妇联党组 #2",
                "中共某市妇联党组 · 某县教育局党组"
            ]
        );
    }

    #[test]
    fn labels_fall_back_to_publisher_file_name_and_row_number() {
        let rows = [
            Row {
                publisher: Some("中共某局党组".to_owned()),
                path: Some("corpus/a.txt".to_owned()),
                ..Row::default()
            },
            Row {
                path: Some("corpus/sub/b.txt".to_owned()),
                ..Row::default()
            },
            Row::default(),
        ];
        assert_eq!(chart_labels(&rows), ["中共某局党组", "b.txt", "#3"]);
    }

    #[test]
    fn bars_are_largest_first_and_scaled_to_the_largest() {
        let rows = [
            Row {
                target: Some("甲".to_owned()),
                metrics: [("funds_recovered".to_owned(), Number::from(10_000))].into(),
                ..Row::default()
            },
            Row {
                target: Some("乙".to_owned()),
                metrics: [("funds_recovered".to_owned(), Number::from(40_000))].into(),
                ..Row::default()
            },
        ];
        let labels = chart_labels(&rows);
        let money = crate::compare::METRICS
            .iter()
            .find(|metric| metric.key == "funds_recovered")
            .unwrap();
        let chart = metric_chart(&rows, &labels, 16.0, money).into_string();
        // 乙 (4万元) first with the whole bar area, 甲 (1万元) a quarter of it.
        let first = chart.find("乙: 4万元").unwrap();
        let second = chart.find("甲: 1万元").unwrap();
        assert!(first < second, "{chart}");
        assert!(chart.contains("width=\"480.0\""), "{chart}");
        assert!(chart.contains("width=\"120.0\""), "{chart}");
        assert!(chart.contains("stated by 2 of 2 parsed notices"), "{chart}");
    }
}
