//! Comparing a record with a hand-checked facts file.
//!
//! Consumes a record as JSON and a facts file (format: `corpus/README.md`);
//! produces per-field scores (expected, found, matched → precision and
//! recall) and a list of human-readable mismatches. A key absent from the
//! facts is not checked. List fields (`quantities`, `dates`, `issues` …) are
//! complete ordered lists: each fact item is compared on the keys it gives,
//! and the test requires the projected lists to be equal, in order.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

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

/// Precision/recall counts of one field over one or more notices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldScore {
    pub field: String,
    /// Items the facts list.
    pub expected: usize,
    /// Items the record has.
    pub found: usize,
    /// Fact items the record has too.
    pub matched: usize,
}

impl FieldScore {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }

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
    pub scores: Vec<FieldScore>,
    pub mismatches: Vec<String>,
}

impl Comparison {
    pub fn is_exact(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// JSON values equal, numbers by their exact decimal value (3 == 3.0, and
/// 28640000000 is not 28639999999.999996).
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let exact = |number: &serde_json::Number| number.to_string().parse::<rust_decimal::Decimal>().ok();
            match (exact(x), exact(y)) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            }
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, a)| y.get(key).is_some_and(|b| values_equal(a, b)))
        }
        _ => a == b,
    }
}

/// `record` reduced to the keys `fact` gives, at every depth (a list's
/// items to the keys of the fact's item at the same place).
fn project(record: &Value, fact: &Value) -> Value {
    match (record, fact) {
        (Value::Object(record), Value::Object(fact)) => Value::Object(
            fact.iter()
                .map(|(key, inner)| {
                    let found = record.get(key).map_or(Value::Null, |value| project(value, inner));
                    (key.clone(), found)
                })
                .collect::<Map<String, Value>>(),
        ),
        (Value::Array(record), Value::Array(fact)) => Value::Array(
            record
                .iter()
                .enumerate()
                .map(|(index, item)| match fact.get(index).or(fact.first()) {
                    Some(shape) => project(item, shape),
                    None => item.clone(),
                })
                .collect(),
        ),
        _ => record.clone(),
    }
}

fn get<'a>(value: &'a Value, path: &[&str]) -> &'a Value {
    path.iter()
        .fold(value, |value, key| value.get(key).unwrap_or(&Value::Null))
}

/// A date object as the facts give it: `[start, end]`; the signature as its start.
fn date_pair(date: &Value) -> Value {
    if date.is_null() {
        return Value::Null;
    }
    Value::Array(vec![get(date, &["start"]).clone(), get(date, &["end"]).clone()])
}

struct Comparer {
    comparison: Comparison,
}

impl Comparer {
    fn scalar(&mut self, field: &str, expected: &Value, found: &Value) {
        let matched = values_equal(expected, found);
        self.comparison.scores.push(FieldScore {
            field: field.to_owned(),
            expected: 1,
            found: 1,
            matched: usize::from(matched),
        });
        if !matched {
            self.comparison
                .mismatches
                .push(format!("{field}: expected {expected}, found {found}"));
        }
    }

    /// Ordered list comparison on the keys each fact item gives.
    fn list(&mut self, field: &str, expected: &[Value], found: &[Value]) {
        let mut used = vec![false; found.len()];
        let mut matched = 0;
        for fact in expected {
            let hit = found
                .iter()
                .enumerate()
                .find(|(index, item)| !used[*index] && values_equal(&project(item, fact), fact));
            if let Some((index, _)) = hit {
                used[index] = true;
                matched += 1;
            } else {
                self.comparison.mismatches.push(format!("{field}: missing {fact}"));
            }
        }
        for (index, item) in found.iter().enumerate() {
            if !used[index] {
                let shown = expected
                    .first()
                    .map_or_else(|| item.clone(), |fact| project(item, fact));
                self.comparison.mismatches.push(format!("{field}: unexpected {shown}"));
            }
        }
        if matched == expected.len() && matched == found.len() {
            let in_order = expected
                .iter()
                .zip(found)
                .all(|(fact, item)| values_equal(&project(item, fact), fact));
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

fn flatten_outline(nodes: &[Value], into: &mut Vec<Value>) {
    for node in nodes {
        let mut flat = node.clone();
        if let Value::Object(map) = &mut flat {
            map.remove("children");
            if let Some(Value::Array(items)) = map.get("items").cloned() {
                map.insert(
                    "items".into(),
                    Value::Array(items.iter().map(|item| get(item, &["marker"]).clone()).collect()),
                );
            }
        }
        into.push(flat);
        if let Some(Value::Array(children)) = node.get("children") {
            flatten_outline(children, into);
        }
    }
}

/// An issue of the record in the shape of the facts: measures as
/// `{title, source}`, findings as their texts, and `status_text` (the
/// characters of `status_span`, when the record carries its text).
fn issue_as_facts(issue: &Value, text: Option<&[char]>) -> Value {
    let mut issue = issue.clone();
    let measures: Vec<Value> = as_list(get(&issue, &["measures"]))
        .iter()
        .map(|measure| {
            serde_json::json!({
                "title": get(measure, &["title"]),
                "source": get(measure, &["source"]),
            })
        })
        .collect();
    let findings: Vec<Value> = as_list(get(&issue, &["findings"]))
        .iter()
        .map(|finding| get(finding, &["text"]).clone())
        .collect();
    let status_text = match (text, get(&issue, &["status_span"]).as_array()) {
        (Some(chars), Some(span)) => {
            let bound = |index: usize| span.get(index).and_then(Value::as_u64).map(|at| at as usize);
            match (bound(0), bound(1)) {
                (Some(start), Some(end)) if start <= end && end <= chars.len() => {
                    Value::String(chars[start..end].iter().collect())
                }
                _ => Value::Null,
            }
        }
        _ => Value::Null,
    };
    if let Value::Object(map) = &mut issue {
        map.insert("measures".into(), Value::Array(measures));
        map.insert("findings".into(), Value::Array(findings));
        map.insert("status_text".into(), status_text);
    }
    issue
}

/// An issue fact with its measures as objects: a measure given as a
/// string is its title.
fn issue_fact_normalised(fact: &Value) -> Value {
    let mut fact = fact.clone();
    if let Some(Value::Array(measures)) = fact.get_mut("measures") {
        for measure in measures.iter_mut() {
            if let Value::String(title) = measure {
                *measure = serde_json::json!({ "title": title });
            }
        }
    }
    fact
}

fn as_list(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}

/// Compares a record (as JSON) with a facts file.
pub fn compare(record: &Value, facts: &Value) -> Comparison {
    let mut comparer = Comparer {
        comparison: Comparison::default(),
    };
    let fact = |key: &str| facts.get(key);
    for (key, path) in [
        ("encoding", &["source", "encoding"][..]),
        ("script", &["source", "script"][..]),
        ("page_date", &["source", "page_date"][..]),
        ("genre", &["genre", "kind"][..]),
        ("title", &["title"][..]),
        ("publisher", &["publisher"][..]),
    ] {
        if let Some(expected) = fact(key) {
            comparer.scalar(key, expected, get(record, path));
        }
    }
    if let Some(expected) = fact("published") {
        comparer.scalar("published", expected, get(record, &["published", "start"]));
    }
    if let Some(Value::Object(inspection)) = fact("inspection") {
        for (key, expected) in inspection {
            let found = get(record, &["inspection", key]);
            let found = if matches!(key.as_str(), "period" | "feedback") {
                date_pair(found)
            } else {
                found.clone()
            };
            comparer.scalar(&format!("inspection.{key}"), expected, &found);
        }
    }
    if let Some(expected) = fact("outline") {
        let mut flat = Vec::new();
        flatten_outline(as_list(get(record, &["outline"])), &mut flat);
        comparer.list("outline", as_list(expected), &flat);
    }
    if let Some(expected) = fact("issues") {
        let text: Option<Vec<char>> = record.get("text").and_then(Value::as_str).map(|t| t.chars().collect());
        let issues: Vec<Value> = as_list(get(record, &["issues"]))
            .iter()
            .map(|issue| issue_as_facts(issue, text.as_deref()))
            .collect();
        let expected: Vec<Value> = as_list(expected).iter().map(issue_fact_normalised).collect();
        comparer.list("issues", &expected, &issues);
    }
    for key in ["quantities", "dates"] {
        if let Some(expected) = fact(key) {
            comparer.list(key, as_list(expected), as_list(get(record, &[key])));
        }
    }
    if let Some(expected) = fact("documents") {
        let titles: Vec<Value> = as_list(get(record, &["documents"]))
            .iter()
            .map(|d| get(d, &["title"]).clone())
            .collect();
        comparer.list("documents", as_list(expected), &titles);
    }
    if let Some(Value::Object(contacts)) = fact("contacts") {
        for (key, expected) in contacts {
            comparer.list(
                &format!("contacts.{key}"),
                as_list(expected),
                as_list(get(record, &["contacts", key])),
            );
        }
    }
    if let Some(Value::Object(expected)) = fact("metric_parts") {
        for (key, parts) in expected {
            let found: Vec<Value> = as_list(get(record, &["metrics", key, "parts"]))
                .iter()
                .map(|part| get(part, &["value"]).clone())
                .collect();
            comparer.list(&format!("metric_parts.{key}"), as_list(parts), &found);
        }
    }
    if let Some(Value::Object(expected)) = fact("metrics") {
        let to_pairs = |entries: Vec<(String, Value)>| -> Vec<Value> {
            entries
                .into_iter()
                .map(|(key, value)| Value::Array(vec![Value::String(key), value]))
                .collect()
        };
        let expected_pairs = to_pairs(expected.iter().map(|(k, v)| (k.clone(), v.clone())).collect());
        let found_pairs = match get(record, &["metrics"]) {
            Value::Object(found) => to_pairs(
                found
                    .iter()
                    .map(|(k, v)| (k.clone(), get(v, &["value"]).clone()))
                    .collect(),
            ),
            _ => Vec::new(),
        };
        comparer.list("metrics", &expected_pairs, &found_pairs);
    }
    if let Some(expected) = fact("diagnostics") {
        let codes: Vec<&Value> = as_list(get(record, &["diagnostics"]))
            .iter()
            .map(|d| get(d, &["code"]))
            .collect();
        let missing: Vec<&Value> = as_list(expected).iter().filter(|code| !codes.contains(code)).collect();
        for code in &missing {
            comparer
                .comparison
                .mismatches
                .push(format!("diagnostics: missing {code}"));
        }
        comparer.comparison.scores.push(FieldScore {
            field: "diagnostics".into(),
            expected: as_list(expected).len(),
            found: codes.len(),
            matched: as_list(expected).len() - missing.len(),
        });
    }
    comparer.comparison
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compares_on_the_keys_the_facts_give() {
        let record = json!({
            "title": "通报",
            "quantities": [{"text": "3人", "value": 3, "unit": "人", "span": [0, 2]}],
            "metrics": {"people_educated": {"value": 3, "unit": "人", "span": [0, 2]}},
        });
        let facts = json!({
            "title": "通报",
            "quantities": [{"text": "3人", "value": 3.0}],
            "metrics": {"people_educated": 3},
        });
        let comparison = compare(&record, &facts);
        assert!(comparison.is_exact(), "{:?}", comparison.mismatches);
        assert!(
            comparison
                .scores
                .iter()
                .all(|s| s.precision() == 1.0 && s.recall() == 1.0)
        );
    }

    #[test]
    fn reports_missing_extra_and_wrong_items() {
        let record = json!({"title": "甲", "dates": [{"text": "2024年"}, {"text": "2025年"}]});
        let facts = json!({"title": "乙", "dates": [{"text": "2024年"}, {"text": "2026年"}]});
        let comparison = compare(&record, &facts);
        assert_eq!(comparison.mismatches.len(), 3, "{:?}", comparison.mismatches);
        let dates = comparison.scores.iter().find(|s| s.field == "dates").unwrap();
        assert_eq!((dates.expected, dates.found, dates.matched), (2, 2, 1));
        assert_eq!(dates.precision(), 0.5);
    }
}
