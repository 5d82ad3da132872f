//! The field reference: every property of the schema says what it means.

use serde_json::Value;

/// The JSON-pointer paths of every property (each member of a
/// `properties` object, at any depth) and every `$defs` entry under
/// `value`, with whether it has a non-empty `description`.
fn described(value: &Value, path: &str, found: &mut Vec<(String, bool)>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let member_path = format!("{path}/{key}");
                if let ("properties" | "$defs", Value::Object(entries)) = (key.as_str(), member) {
                    for (name, entry) in entries {
                        let has_description = entry
                            .get("description")
                            .and_then(Value::as_str)
                            .is_some_and(|description| !description.trim().is_empty());
                        found.push((format!("{member_path}/{name}"), has_description));
                    }
                }
                described(member, &member_path, found);
            }
        }
        Value::Array(elements) => {
            for (index, element) in elements.iter().enumerate() {
                described(element, &format!("{path}/{index}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_of_the_schema_is_described() {
    let schema: Value = serde_json::from_str(zhenggai::SCHEMA).expect("schema is JSON");
    let mut found = Vec::new();
    described(&schema, "#", &mut found);
    // The walk reaches definitions, nested inline objects and the error record.
    for path in [
        "#/$defs/span",
        "#/$defs/record/properties/metrics",
        "#/$defs/record/properties/inspection/properties/kind",
        "#/$defs/errorRecord/properties/error/properties/code",
        "#/$defs/partialSource/properties/page_date",
    ] {
        assert!(
            found.iter().any(|(checked, _)| checked == path),
            "{path} was not checked"
        );
    }
    let missing: Vec<&str> = found
        .iter()
        .filter(|(_, has_description)| !has_description)
        .map(|(path, _)| path.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} properties and definitions have no description:\n{}",
        missing.len(),
        found.len(),
        missing.join("\n")
    );
    let description = schema["description"].as_str().unwrap_or_default();
    assert!(description.contains("docs/output.md"), "{description}");
}
