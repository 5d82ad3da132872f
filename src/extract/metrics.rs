//! Standard cross-unit metrics from labelled quantities.
//!
//! Consumes the quantities of a notice (with the clause around each); produces
//! the metric map of the contract (`problems_total`, `people_educated`,
//! `funds_recovered` …). The rules are data, `rules/metrics.toml`, embedded
//! and compiled once: each row is a metric key, a pattern over the clause and
//! the quantity kinds it accepts. The first matching quantity of the notice
//! gives the metric.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::quantity::QuantityMatch;
use super::unit::QuantityKind;

const METRIC_RULES: &str = include_str!("../../rules/metrics.toml");

#[derive(Debug, Deserialize)]
struct RuleFile {
    rule: Vec<RuleRow>,
}

#[derive(Debug, Deserialize)]
struct RuleRow {
    key: String,
    pattern: String,
    kinds: Vec<QuantityKind>,
    #[serde(default)]
    exclude: Option<String>,
    example: String,
}

/// One compiled metric rule.
#[derive(Debug)]
pub struct MetricRule {
    pub key: String,
    pub pattern: Regex,
    /// Whether the pattern looks at boundaries (`^`, `$`, `\b` …), which
    /// mean something else in the joined contexts of [`assign_metrics`]:
    /// such a rule is matched against each context alone.
    looks_around: bool,
    pub kinds: Vec<QuantityKind>,
    /// Matched against the same context: a hit rules the quantity out.
    pub exclude: Option<Regex>,
    /// A phrase the rule must match, kept with the rule and tested.
    pub example: String,
}

/// The metric rules, parsed and compiled once. The embedded file is checked
/// by the tests, so an error here is a build defect; it yields no rules
/// rather than a panic.
pub static METRIC_TABLE: LazyLock<Vec<MetricRule>> = LazyLock::new(|| {
    let Ok(file) = toml::from_str::<RuleFile>(METRIC_RULES) else {
        return Vec::new();
    };
    file.rule
        .into_iter()
        .filter_map(|row| {
            let exclude = match &row.exclude {
                Some(pattern) => Some(Regex::new(pattern).ok()?),
                None => None,
            };
            let looks_around =
                regex_syntax::parse(&row.pattern).map_or(true, |hir| !hir.properties().look_set().is_empty());
            Some(MetricRule {
                pattern: Regex::new(&row.pattern).ok()?,
                looks_around,
                exclude,
                key: row.key,
                kinds: row.kinds,
                example: row.example,
            })
        })
        .collect()
});

impl MetricRule {
    /// Whether this rule takes a quantity of one of its kinds whose clause
    /// reads `context`.
    fn accepts_context(&self, context: &str) -> bool {
        self.pattern.is_match(context) && !self.exclude.as_ref().is_some_and(|exclude| exclude.is_match(context))
    }
}

/// Stands for the quantity itself in the context rules match.
pub const QUANTITY_PLACEHOLDER: char = '#';

/// Appends the clause of a quantity with the quantity replaced by `#`:
/// `巡察反馈的4个方面问题细化为#具体问题`.
fn push_context(into: &mut String, text: &str, quantity: &QuantityMatch) {
    into.push_str(&text[quantity.context.start..quantity.range.start]);
    into.push(QUANTITY_PLACEHOLDER);
    into.push_str(&text[quantity.range.end..quantity.context.end]);
}

/// Between two contexts in [`JoinedContexts`]: the rules' patterns never
/// match across it (their classes stop at a 。); a match that does is
/// noticed, and its rule matched against each context alone.
const CONTEXT_SEPARATOR: char = '。';

/// The contexts of the quantities of one kind, joined by
/// [`CONTEXT_SEPARATOR`], so that a rule runs one search over all of them
/// rather than one search per quantity.
struct JoinedContexts {
    text: String,
    /// Byte range of each context in `text`.
    ranges: Vec<Range<usize>>,
    /// Index of each context's quantity.
    quantities: Vec<usize>,
}

impl JoinedContexts {
    fn of(text: &str, quantities: &[QuantityMatch], kind: QuantityKind) -> JoinedContexts {
        let mut joined = JoinedContexts {
            text: String::new(),
            ranges: Vec::new(),
            quantities: Vec::new(),
        };
        for (index, quantity) in quantities.iter().enumerate().filter(|(_, q)| q.kind() == kind) {
            if !joined.text.is_empty() {
                joined.text.push(CONTEXT_SEPARATOR);
            }
            let start = joined.text.len();
            push_context(&mut joined.text, text, quantity);
            joined.ranges.push(start..joined.text.len());
            joined.quantities.push(index);
        }
        joined
    }

    /// The first quantity `rule` accepts (its pattern matches the context,
    /// its exclusion does not), as [`MetricRule::accepts_context`] would find it
    /// context by context.
    fn first_accepted(&self, rule: &MetricRule) -> Option<usize> {
        if rule.looks_around {
            return self.first_accepted_one_by_one(rule);
        }
        let mut next_context = 0;
        for found in rule.pattern.find_iter(&self.text) {
            let index = self.ranges.partition_point(|range| range.end < found.start());
            let Some(range) = self.ranges.get(index) else {
                break;
            };
            if found.start() < range.start || found.end() > range.end {
                return self.first_accepted_one_by_one(rule);
            }
            if index < next_context {
                continue;
            }
            if rule
                .exclude
                .as_ref()
                .is_some_and(|exclude| exclude.is_match(&self.text[range.clone()]))
            {
                next_context = index + 1;
                continue;
            }
            return Some(self.quantities[index]);
        }
        None
    }

    fn first_accepted_one_by_one(&self, rule: &MetricRule) -> Option<usize> {
        self.ranges
            .iter()
            .position(|range| rule.accepts_context(&self.text[range.clone()]))
            .map(|position| self.quantities[position])
    }
}

/// For each metric key, the index of the quantity that gives it.
pub fn assign_metrics(text: &str, quantities: &[QuantityMatch]) -> BTreeMap<String, usize> {
    let mut joined: Vec<(QuantityKind, JoinedContexts)> = Vec::new();
    let mut metrics = BTreeMap::new();
    for rule in METRIC_TABLE.iter() {
        if metrics.contains_key(&rule.key) {
            continue;
        }
        let mut hit: Option<usize> = None;
        for &kind in &rule.kinds {
            let position = match joined.iter().position(|(joined_kind, _)| *joined_kind == kind) {
                Some(position) => position,
                None => {
                    joined.push((kind, JoinedContexts::of(text, quantities, kind)));
                    joined.len() - 1
                }
            };
            let first = joined[position].1.first_accepted(rule);
            hit = match (hit, first) {
                (Some(earlier), Some(other)) => Some(earlier.min(other)),
                (earlier, other) => earlier.or(other),
            };
        }
        if let Some(index) = hit {
            metrics.insert(rule.key.clone(), index);
        }
    }
    metrics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::quantity::find_quantities;
    use crate::span::RangeSet;

    #[test]
    fn every_rule_compiles_and_matches_its_example() {
        let rows: RuleFile = toml::from_str(METRIC_RULES).expect("rules/metrics.toml parses");
        assert_eq!(METRIC_TABLE.len(), rows.rule.len(), "every pattern compiles");
        for rule in METRIC_TABLE.iter() {
            let quantities = find_quantities(&rule.example, &RangeSet::default());
            let metrics = assign_metrics(&rule.example, &quantities);
            assert!(metrics.contains_key(&rule.key), "{}: {}", rule.key, rule.example);
        }
    }

    /// The metrics as the rules read them one quantity at a time.
    fn metrics_one_by_one(text: &str, quantities: &[QuantityMatch]) -> BTreeMap<String, usize> {
        let mut metrics = BTreeMap::new();
        for rule in METRIC_TABLE.iter() {
            if metrics.contains_key(&rule.key) {
                continue;
            }
            let hit = quantities.iter().position(|quantity| {
                let mut context = String::new();
                push_context(&mut context, text, quantity);
                rule.kinds.contains(&quantity.kind()) && rule.accepts_context(&context)
            });
            if let Some(index) = hit {
                metrics.insert(rule.key.clone(), index);
            }
        }
        metrics
    }

    proptest::proptest! {
        /// One search over the joined contexts finds what a search of each
        /// context finds, on clauses made of the rules' words and numbers.
        #[test]
        fn joined_contexts_give_the_metrics_of_one_by_one_search(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "巡察反馈", "问题", "24个", "具体问题", "细化为", "23项", "已完成整改", "21个", "措施", "任务",
                "教育提醒", "3人", "问责", "5人", "整改完成率", "87.5%", "已完成", ",占", "共", "元", "万元",
                "追缴", "制度", "8项", "建立", ",", "。", ";", "\n",
            ]), 0..30)
        ) {
            let text: String = pieces.concat();
            let quantities = find_quantities(&text, &RangeSet::default());
            proptest::prop_assert_eq!(assign_metrics(&text, &quantities), metrics_one_by_one(&text, &quantities), "{}", text);
        }
    }

    #[test]
    fn boundary_patterns_are_matched_context_by_context() {
        assert!(
            METRIC_TABLE.iter().all(|rule| !rule.looks_around),
            "no rule looks at boundaries today"
        );
        let anchored = regex_syntax::parse("^教育").unwrap();
        assert!(!anchored.properties().look_set().is_empty());
    }

    #[test]
    fn first_matching_quantity_wins() {
        let text = "在巡察整改工作中,教育提醒3人,建立完善制度8项。完成收支管理等8项制度修订。";
        let quantities = find_quantities(text, &RangeSet::default());
        let metrics = assign_metrics(text, &quantities);
        assert_eq!(metrics.get("people_educated"), Some(&0));
        assert_eq!(metrics.get("rules_established"), Some(&1));
        assert_eq!(metrics.get("funds_recovered"), None);
    }
}
