//! Standard cross-unit metrics from labelled quantities.
//!
//! Consumes the quantities of a notice (with the clause around each); produces
//! the metric map of the contract (`problems_total`, `people_educated`,
//! `funds_recovered` …). The rules are data, `rules/metrics.toml`, embedded
//! and compiled once: each row is a metric key, a pattern over the clause and
//! the quantity kinds it accepts. The first matching quantity of the notice
//! gives the metric.

use std::collections::BTreeMap;
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
            Some(MetricRule {
                pattern: Regex::new(&row.pattern).ok()?,
                exclude,
                key: row.key,
                kinds: row.kinds,
                example: row.example,
            })
        })
        .collect()
});

impl MetricRule {
    /// Whether this rule takes `quantity`, whose clause reads `context`.
    fn accepts(&self, context: &str, quantity: &QuantityMatch) -> bool {
        self.kinds.contains(&quantity.kind())
            && self.pattern.is_match(context)
            && !self.exclude.as_ref().is_some_and(|exclude| exclude.is_match(context))
    }
}

/// Stands for the quantity itself in the context rules match.
pub const QUANTITY_PLACEHOLDER: char = '#';

/// The clause of a quantity with the quantity replaced by `#`:
/// `巡察反馈的4个方面问题细化为#具体问题`.
fn context_of(text: &str, quantity: &QuantityMatch) -> String {
    let before = &text[quantity.context.start..quantity.range.start];
    let after = &text[quantity.range.end..quantity.context.end];
    let mut context = String::with_capacity(before.len() + 1 + after.len());
    context.push_str(before);
    context.push(QUANTITY_PLACEHOLDER);
    context.push_str(after);
    context
}

/// For each metric key, the index of the quantity that gives it.
pub fn assign_metrics(text: &str, quantities: &[QuantityMatch]) -> BTreeMap<String, usize> {
    let contexts: Vec<String> = quantities.iter().map(|quantity| context_of(text, quantity)).collect();
    let mut metrics = BTreeMap::new();
    for rule in METRIC_TABLE.iter() {
        if metrics.contains_key(&rule.key) {
            continue;
        }
        let hit = quantities
            .iter()
            .zip(&contexts)
            .position(|(quantity, context)| rule.accepts(context, quantity));
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
