//! The field reference: every property of the schema says what it means,
//! and `docs/output.md` is what `zhenggai schema --markdown` prints now.

use crate::common;

use serde_json::Value;

/// The command that rewrites `docs/output.md`.
const REGENERATE: &str = "cargo run -- schema --markdown > docs/output.md";

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

#[test]
fn docs_output_md_is_the_generated_reference() {
    let path = common::root().join("docs/output.md");
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = zhenggai::schema_markdown();
    if written != generated {
        let line = (written.lines().zip(generated.lines()))
            .position(|(old, new)| old != new)
            .unwrap_or_else(|| written.lines().count().min(generated.lines().count()));
        panic!(
            "{} differs from what the schema gives now (from line {}); regenerate it with `{REGENERATE}`",
            path.display(),
            line + 1
        );
    }
}

#[test]
fn every_link_of_the_reference_has_its_section() {
    let markdown = zhenggai::schema_markdown();
    let anchors: Vec<String> = (markdown.lines())
        .filter_map(|line| line.strip_prefix("## "))
        .map(str::to_lowercase)
        .collect();
    let targets: Vec<&str> = markdown
        .split("](#")
        .skip(1)
        .map(|rest| rest.split(')').next().unwrap_or_default())
        .collect();
    assert!(targets.len() > anchors.len(), "the sections link to each other");
    for target in targets {
        assert!(
            anchors.iter().any(|anchor| anchor == target),
            "no section for #{target}"
        );
    }
    // One section per object of the record and of the error record.
    for section in [
        "Record",
        "Source",
        "Genre",
        "Inspection",
        "Node",
        "Issue",
        "Measure",
        "SubProblem",
        "Quantity",
        "Date",
        "Document",
        "Contacts",
        "Metric",
        "Diagnostic",
        "ErrorRecord",
        "PartialSource",
        "Error",
        "Span",
    ] {
        assert!(anchors.contains(&section.to_lowercase()), "no section {section}");
    }
}

#[test]
fn schema_markdown_prints_the_reference_and_schema_the_schema() {
    let markdown = common::zhenggai().args(["schema", "--markdown"]).output().unwrap();
    assert!(markdown.status.success());
    assert_eq!(String::from_utf8(markdown.stdout).unwrap(), zhenggai::schema_markdown());
    let schema = common::zhenggai().arg("schema").output().unwrap();
    assert!(schema.status.success());
    assert_eq!(String::from_utf8(schema.stdout).unwrap(), zhenggai::SCHEMA);
    let help = common::zhenggai().args(["schema", "--help"]).output().unwrap();
    assert!(String::from_utf8(help.stdout).unwrap().contains("--markdown"));
}
