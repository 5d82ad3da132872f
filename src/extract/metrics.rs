//! Standard cross-unit metrics from labelled quantities.
//!
//! Consumes the quantities of a notice (with the clause around each); produces
//! the metric map of the contract (`problems_total`, `people_educated`,
//! `funds_recovered` …). The rules are data, `rules/metrics.toml`, embedded
//! and compiled once: each row is a metric key, a pattern over the clause and
//! the quantity kinds it accepts. The first matching quantity of the notice
//! gives the metric. For a key whose figures add up (people, rules, money),
//! the notice's own total wins (共处理9人，其中…), and a list of parts with
//! no total (诫勉2人、组织处理3人) gives their sum, with the parts.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use super::quantity::QuantityMatch;
use crate::record::QuantityKind;


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
    #[serde(default)]
    units: Option<Vec<String>>,
    #[serde(default)]
    sums: bool,
    #[serde(default)]
    continues: Option<String>,
    #[serde(default)]
    requires: Vec<String>,
    example: String,
    /// A list the row sums, and the sum: read by the tests only.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    sum_example: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    sum_value: Option<rust_decimal::Decimal>,
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
    /// The canonical units the rule accepts (all of its kinds' if `None`).
    pub units: Option<Vec<String>>,
    /// Whether the key's figures add up: a list of parts gives their sum.
    pub sums: bool,
    /// A later part of a list that the pattern itself does not name
    /// (新建制度8项、修订完善14项: 修订完善 continues 制度).
    pub continues: Option<Regex>,
    /// Words one of which every match holds (方面, 具体 …): a notice whose
    /// contexts hold none is not searched with the rule.
    pub requires: Vec<String>,
    /// A phrase the rule must match, kept with the rule and tested.
    #[cfg_attr(not(test), allow(dead_code))]
    pub example: String,
}

/// The metric rules of a `metrics.toml` text, compiled; or why not: the
/// line and field of a TOML error, or the row (from 1), its key and the
/// field whose pattern does not compile.
pub fn metric_rules(text: &str) -> Result<Vec<MetricRule>, String> {
    let file: RuleFile = toml::from_str(text).map_err(|error| crate::rules::describe_toml_error(text, &error))?;
    file.rule
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let compile = |field: &str, pattern: &str| {
                Regex::new(pattern).map_err(|error| {
                    // The engine's message draws the pattern over lines; its
                    // last line says what is wrong.
                    let what = error.to_string().lines().last().unwrap_or_default().trim().to_string();
                    format!("rule {} (key {}): field `{field}` is not a regex: {what}", index + 1, row.key)
                })
            };
            let pattern = compile("pattern", &row.pattern)?;
            let exclude = row.exclude.as_deref().map(|p| compile("exclude", p)).transpose()?;
            let continues = row.continues.as_deref().map(|p| compile("continues", p)).transpose()?;
            if let Some(word) = row.requires.iter().find(|word| !row.pattern.contains(word.as_str())) {
                return Err(format!(
                    "rule {} (key {}): field `requires` names {word:?}, which the pattern does not hold",
                    index + 1,
                    row.key
                ));
            }
            let looks_around =
                regex_syntax::parse(&row.pattern).map_or(true, |hir| !hir.properties().look_set().is_empty());
            Ok(MetricRule {
                pattern,
                looks_around,
                exclude,
                continues,
                requires: row.requires,
                units: row.units,
                sums: row.sums,
                key: row.key,
                kinds: row.kinds,
                example: row.example,
            })
        })
        .collect()
}

impl MetricRule {
    /// Whether this rule takes a quantity of one of its kinds whose clause
    /// reads `context`.
    fn accepts_context(&self, context: &str) -> bool {
        self.pattern.is_match(context) && !self.excludes(context)
    }

    fn excludes(&self, context: &str) -> bool {
        self.exclude.as_ref().is_some_and(|exclude| exclude.is_match(context))
    }

    /// Whether the rule takes quantities in `quantity`'s unit.
    fn takes_unit(&self, quantity: &QuantityMatch) -> bool {
        self.units
            .as_ref()
            .is_none_or(|units| units.contains(&quantity.unit.canonical))
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
    fn first_accepted(&self, rule: &MetricRule, quantities: &[QuantityMatch]) -> Option<usize> {
        if !rule.requires.is_empty() && !rule.requires.iter().any(|word| self.text.contains(word.as_str())) {
            return None;
        }
        let unit_taken = |index: usize| rule.takes_unit(&quantities[self.quantities[index]]);
        if rule.looks_around {
            return self.first_accepted_one_by_one(rule, unit_taken);
        }
        let mut next_context = 0;
        for found in rule.pattern.find_iter(&self.text) {
            let index = self.ranges.partition_point(|range| range.end < found.start());
            let Some(range) = self.ranges.get(index) else {
                break;
            };
            if found.start() < range.start || found.end() > range.end {
                return self.first_accepted_one_by_one(rule, unit_taken);
            }
            if index < next_context {
                continue;
            }
            if rule.excludes(&self.text[range.clone()]) || !unit_taken(index) {
                next_context = index + 1;
                continue;
            }
            return Some(self.quantities[index]);
        }
        None
    }

    fn first_accepted_one_by_one(&self, rule: &MetricRule, unit_taken: impl Fn(usize) -> bool) -> Option<usize> {
        self.ranges
            .iter()
            .enumerate()
            .position(|(index, range)| unit_taken(index) && rule.accepts_context(&self.text[range.clone()]))
            .map(|position| self.quantities[position])
    }
}

/// How a metric is read from the quantities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricSource {
    /// One quantity gives it (a single figure, or a stated total).
    Quantity(usize),
    /// The sum of a list the notice gives without a total: the parts'
    /// quantities, in order (at least two).
    Sum(Vec<usize>),
}

/// For each metric key, the quantities that give it.
pub fn find_metrics(text: &str, quantities: &[QuantityMatch], table: &[MetricRule]) -> BTreeMap<String, MetricSource> {
    assign_metrics(text, quantities, table)
        .into_iter()
        .map(|(key, first)| {
            let sums = table.iter().any(|rule| rule.key == key && rule.sums);
            let source = if sums {
                summed(text, quantities, &key, first, table)
            } else {
                MetricSource::Quantity(first)
            };
            (key, source)
        })
        .collect()
}

/// Words before a figure that make it the stated total (共处理9人).
const TOTAL_WORDS: [&str; 5] = ["共", "合计", "总计", "累计", "总共"];
/// Words in which 共 is no total (公共, 中共, 共产党, 共青团, 共建 …).
const NOT_TOTAL_WORDS: [&str; 7] = ["公共", "中共", "共产", "共青", "共建", "共享", "共同"];

/// Whether a total word stands in the clause before a figure, outside the
/// words where 共 means something else.
fn total_word_in(clause: &str) -> bool {
    TOTAL_WORDS.iter().any(|word| {
        clause.match_indices(word).any(|(at, _)| {
            // A word that holds 共 starts at most one char before it.
            let window_start = clause[..at].chars().next_back().map_or(at, |c| at - c.len_utf8());
            let window = &clause[window_start..];
            *word != "共"
                || !NOT_TOTAL_WORDS
                    .iter()
                    .any(|other| window.starts_with(other) || clause[at..].starts_with(other))
        })
    })
}
/// The word after a total that opens its parts (…9人，其中诫勉3人).
const PARTS_OPENER: &str = "其中";

/// Chars that end a list: a total and its parts, or the parts of a sum,
/// stand between two of them.
const LIST_BREAKS: [char; 3] = ['。', ';', '\n'];

/// The byte range of the list around `quantity`: from after the last list
/// break before it to the next one after it.
fn list_around(text: &str, quantity: &QuantityMatch) -> Range<usize> {
    let start = text[..quantity.range.start]
        .rfind(LIST_BREAKS)
        .map_or(0, |at| at + text[at..].chars().next().map_or(1, char::len_utf8));
    let end = text[quantity.range.end..]
        .find(LIST_BREAKS)
        .map_or(text.len(), |at| quantity.range.end + at);
    start..end
}

/// Whether the parts of a total open right after it (…9人，其中诫勉3人).
fn parts_follow(text: &str, quantity: &QuantityMatch) -> bool {
    text[quantity.range.end..]
        .trim_start_matches([',', ':', ' '])
        .starts_with(PARTS_OPENER)
}

/// The metric of a key whose figures add up, from its first accepted
/// quantity: the stated total when there is one, else the list of parts
/// that starts there.
///
/// Only the quantities of the first accepted one's list are read: the
/// list is found once, so a text of many quantities is read in linear
/// time.
fn summed(text: &str, quantities: &[QuantityMatch], key: &str, first: usize, table: &[MetricRule]) -> MetricSource {
    let rules: Vec<&MetricRule> = table.iter().filter(|rule| rule.key == key).collect();
    let first_quantity = &quantities[first];
    let list = list_around(text, first_quantity);
    let in_list = |quantity: &QuantityMatch| quantity.range.start >= list.start && quantity.range.end <= list.end;
    // A total, then 其中 and its parts: the first accepted is a part.
    if let Some(total) = (0..first)
        .rev()
        .take_while(|&index| in_list(&quantities[index]))
        .find(|&index| {
            let candidate = &quantities[index];
            candidate.unit.canonical == first_quantity.unit.canonical && parts_follow(text, candidate)
        })
    {
        return MetricSource::Quantity(total);
    }
    // The first accepted is itself a total: its parts follow (其中), or a
    // total word stands before it in its clause (共处理9人).
    let before = &text[first_quantity.context.start.min(first_quantity.range.start)..first_quantity.range.start];
    if parts_follow(text, first_quantity) || total_word_in(before) {
        return MetricSource::Quantity(first);
    }
    // The parts that follow in the same list, in the same unit, each
    // accepted by a rule of the key or continuing the list.
    let mut parts = vec![first];
    for (index, quantity) in quantities.iter().enumerate().skip(first + 1) {
        if !in_list(quantity) {
            break;
        }
        if quantity.unit.canonical != first_quantity.unit.canonical {
            continue;
        }
        let mut context = String::new();
        push_context(&mut context, text, quantity);
        let part = rules.iter().any(|rule| {
            rule.kinds.contains(&quantity.kind())
                && !rule.excludes(&context)
                && (rule.pattern.is_match(&context)
                    || rule
                        .continues
                        .as_ref()
                        .is_some_and(|continues| continues.is_match(&context)))
        });
        if !part {
            break;
        }
        parts.push(index);
    }
    if parts.len() > 1 {
        MetricSource::Sum(parts)
    } else {
        MetricSource::Quantity(first)
    }
}

/// For each metric key, the index of the first quantity that gives it.
pub fn assign_metrics(text: &str, quantities: &[QuantityMatch], table: &[MetricRule]) -> BTreeMap<String, usize> {
    let mut joined: Vec<(QuantityKind, JoinedContexts)> = Vec::new();
    let mut metrics = BTreeMap::new();
    for rule in table {
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
            let first = joined[position].1.first_accepted(rule, quantities);
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

    /// The built-in rules.
    #[allow(non_snake_case)]
    fn RULES() -> &'static crate::rules::Rules {
        crate::rules::Rules::builtin()
    }

    /// The built-in metric rules.
    #[allow(non_snake_case)]
    fn TABLE() -> &'static [MetricRule] {
        &RULES().metrics
    }

    /// The built-in metrics file.
    const METRICS_FILE: &str = include_str!("../../rules/metrics.toml");
    use crate::extract::quantity::find_quantities;
    use crate::span::RangeSet;

    #[test]
    fn required_words_stand_in_every_match() {
        // A rule's required words gate its search: each must be a word the
        // pattern itself holds (`#` is the quantity); that the gate lets the
        // example through is `every_rule_compiles_and_matches_its_example`.
        for rule in TABLE().iter().filter(|rule| !rule.requires.is_empty()) {
            for word in &rule.requires {
                assert!(rule.pattern.as_str().contains(word.as_str()), "{}: {word}", rule.key);
            }
        }
        assert!(TABLE().iter().filter(|rule| !rule.requires.is_empty()).count() >= 3);
    }

    #[test]
    fn every_summing_rule_sums_its_example() {
        let rows: RuleFile = toml::from_str(METRICS_FILE).expect("rules/metrics.toml parses");
        let mut checked = 0;
        for row in rows.rule.iter().filter(|row| row.sums) {
            let (Some(example), Some(expected)) = (&row.sum_example, row.sum_value) else {
                continue;
            };
            let quantities = find_quantities(example, &RangeSet::default(), RULES());
            let metrics = find_metrics(example, &quantities, TABLE());
            let Some(MetricSource::Sum(parts)) = metrics.get(&row.key) else {
                panic!("{}: {example} gives no sum: {metrics:?}", row.key);
            };
            let sum: rust_decimal::Decimal = parts.iter().map(|&index| quantities[index].value).sum();
            assert_eq!(sum, expected, "{}: {example}", row.key);
            checked += 1;
        }
        assert!(checked >= 4, "the summing keys keep their examples");
    }

    #[test]
    fn stated_totals_win_over_their_parts() {
        for (text, total) in [
            ("共处理9人,其中诫勉3人、组织处理4人、给予党纪处分2人", "9"),
            ("全市共问责27人,其中给予党纪政务处分11人、组织处理16人", "27"),
            ("累计处理党员干部47人,其中诫勉18人、组织处理21人、处分8人", "47"),
        ] {
            let quantities = find_quantities(text, &RangeSet::default(), RULES());
            let metrics = find_metrics(text, &quantities, TABLE());
            let Some(MetricSource::Quantity(index)) = metrics.get("people_disciplined") else {
                panic!("{text}: {metrics:?}");
            };
            assert_eq!(quantities[*index].value.to_string(), total, "{text}");
        }
    }

    #[test]
    fn a_total_word_is_no_part_of_another_word() {
        assert!(total_word_in("共处理"));
        assert!(total_word_in("全市共问责党员干部"));
        assert!(total_word_in("合计追回"));
        assert!(!total_word_in("清退公共资金"));
        assert!(!total_word_in("中共某县委追回"));
        assert!(!total_word_in("共青团组织处理"));
        // A list of recoveries after 公共 is still summed.
        let text = "清退公共资金10万元、追回违规资金5万元";
        let quantities = find_quantities(text, &RangeSet::default(), RULES());
        assert!(
            matches!(find_metrics(text, &quantities, TABLE()).get("funds_recovered"), Some(MetricSource::Sum(parts)) if parts.len() == 2)
        );
    }

    #[test]
    fn the_counting_chain_gives_every_level() {
        let text = "巡视反馈了3个方面12个问题,细化为41个具体表现,制定整改措施126条。已完成整改8个、正在整改4个。";
        let quantities = find_quantities(text, &RangeSet::default(), RULES());
        let metrics = find_metrics(text, &quantities, TABLE());
        let value = |key: &str| match metrics.get(key) {
            Some(MetricSource::Quantity(index)) => Some(quantities[*index].value.to_string()),
            _ => None,
        };
        assert_eq!(value("problem_aspects").as_deref(), Some("3"));
        assert_eq!(value("problems_total").as_deref(), Some("12"));
        assert_eq!(value("problem_items").as_deref(), Some("41"));
        assert_eq!(value("problems_rectified").as_deref(), Some("8"));
        assert_eq!(value("problems_in_progress").as_deref(), Some("4"));
        assert_eq!(metrics.len(), 5, "整改措施126条 is no metric: {metrics:?}");
    }

    /// The metrics as the rules read them one quantity at a time.
    fn metrics_one_by_one(text: &str, quantities: &[QuantityMatch]) -> BTreeMap<String, usize> {
        let mut metrics = BTreeMap::new();
        for rule in TABLE().iter() {
            if metrics.contains_key(&rule.key) {
                continue;
            }
            let hit = quantities.iter().position(|quantity| {
                let mut context = String::new();
                push_context(&mut context, text, quantity);
                rule.kinds.contains(&quantity.kind()) && rule.takes_unit(quantity) && rule.accepts_context(&context)
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
            let quantities = find_quantities(&text, &RangeSet::default(), RULES());
            proptest::prop_assert_eq!(assign_metrics(&text, &quantities, TABLE()), metrics_one_by_one(&text, &quantities), "{}", text);
        }
    }

    #[test]
    fn boundary_patterns_are_matched_context_by_context() {
        assert!(
            TABLE().iter().all(|rule| !rule.looks_around),
            "no rule looks at boundaries today"
        );
        let anchored = regex_syntax::parse("^教育").unwrap();
        assert!(!anchored.properties().look_set().is_empty());
    }

    #[test]
    fn first_matching_quantity_wins() {
        let text = "在巡察整改工作中,教育提醒3人,建立完善制度8项。完成收支管理等8项制度修订。";
        let quantities = find_quantities(text, &RangeSet::default(), RULES());
        let metrics = assign_metrics(text, &quantities, TABLE());
        assert_eq!(metrics.get("people_educated"), Some(&0));
        assert_eq!(metrics.get("rules_established"), Some(&1));
        assert_eq!(metrics.get("funds_recovered"), None);
    }
}
