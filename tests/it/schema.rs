//! Every record validates against `schemas/notice.schema.json`, and every
//! span slices the original text to exactly the item's text.

use crate::common;

use serde_json::Value;
use zhenggai::{Options, TargetScript};

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(zhenggai::SCHEMA).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {}", errors.join("\n"));
}

/// The characters of `text` in the code-point span `span`.
fn slice(text: &[char], span: &Value) -> String {
    let start = span[0].as_u64().expect("span start") as usize;
    let end = span[1].as_u64().expect("span end") as usize;
    assert!(
        start <= end && end <= text.len(),
        "span {span} within {} chars",
        text.len()
    );
    text[start..end].iter().collect()
}

fn check_node_spans(text: &[char], node: &Value, what: &str) {
    assert_eq!(
        slice(text, &node["heading_span"]),
        node["heading"].as_str().unwrap(),
        "{what}: heading"
    );
    let span = slice(text, &node["span"]);
    assert!(
        span.contains(node["heading"].as_str().unwrap()),
        "{what}: node span holds its heading"
    );
    for item in node["items"].as_array().unwrap() {
        assert_eq!(
            slice(text, &item["span"]),
            item["text"].as_str().unwrap(),
            "{what}: item"
        );
    }
    for child in node["children"].as_array().unwrap() {
        check_node_spans(text, child, what);
    }
}

fn check_spans(record: &Value, what: &str) {
    let text: Vec<char> = record["text"].as_str().expect("--with-text").chars().collect();
    assert_eq!(text.len() as u64, record["source"]["chars"].as_u64().unwrap());
    for key in ["quantities", "dates"] {
        for item in record[key].as_array().unwrap() {
            assert_eq!(
                slice(&text, &item["span"]),
                item["text"].as_str().unwrap(),
                "{what}: {key}"
            );
        }
    }
    for document in record["documents"].as_array().unwrap() {
        assert_eq!(
            slice(&text, &document["span"]),
            document["title"].as_str().unwrap(),
            "{what}: document"
        );
    }
    for issue in record["issues"].as_array().unwrap() {
        for measure in issue["measures"].as_array().unwrap() {
            let title = measure["title"].as_str().unwrap();
            let span_text = slice(&text, &measure["span"]);
            match measure["source"].as_str() {
                // An item's span is the whole item, marker included; its
                // title is its first sentence.
                Some("item") => assert!(
                    span_text.contains(title) && !span_text.starts_with(title),
                    "{what}: item measure {title:?} in {span_text:?}"
                ),
                _ => assert_eq!(span_text, title, "{what}: measure"),
            }
        }
        for finding in issue["findings"].as_array().unwrap() {
            assert_eq!(
                slice(&text, &finding["span"]),
                finding["text"].as_str().unwrap(),
                "{what}: finding"
            );
        }
        assert_eq!(
            issue["status"].is_null(),
            issue["status_span"].is_null(),
            "{what}: status and its span"
        );
        if !issue["status_span"].is_null() {
            let cue = slice(&text, &issue["status_span"]);
            assert!(
                (1..=8).contains(&cue.chars().count()),
                "{what}: a status span is its cue: {cue:?}"
            );
        }
    }
    for date in [
        &record["published"],
        &record["inspection"]["period"],
        &record["inspection"]["feedback"],
    ] {
        if !date.is_null() {
            assert_eq!(
                slice(&text, &date["span"]),
                date["text"].as_str().unwrap(),
                "{what}: metadata date"
            );
        }
    }
    let quantity_at = |span: &serde_json::Value| {
        record["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["span"] == *span)
            .cloned()
    };
    for (key, metric) in record["metrics"].as_object().unwrap() {
        match metric["parts"].as_array() {
            // A sum points at its parts, each a quantity, and adds them up
            // exactly; its span runs from the first to the last.
            Some(parts) => {
                assert!(parts.len() >= 2, "{what}: {key} sums at least two parts");
                let mut sum = rust_decimal::Decimal::ZERO;
                for part in parts {
                    let quantity = quantity_at(&part["span"]).expect("a part points at a quantity");
                    assert_eq!(quantity["value"], part["value"], "{what}: {key} part value");
                    sum += part["value"].to_string().parse::<rust_decimal::Decimal>().unwrap();
                }
                let value: rust_decimal::Decimal = metric["value"].to_string().parse().unwrap();
                assert_eq!(value, sum, "{what}: {key} is the sum of its parts");
                assert_eq!(metric["span"][0], parts[0]["span"][0], "{what}: {key} span");
                assert_eq!(
                    metric["span"][1],
                    parts[parts.len() - 1]["span"][1],
                    "{what}: {key} span"
                );
            }
            None => {
                let quantity = quantity_at(&metric["span"]).expect("a metric points at a quantity");
                assert_eq!(quantity["value"], metric["value"], "{what}: metric value");
            }
        }
    }
    for node in record["outline"].as_array().unwrap() {
        check_node_spans(&text, node, what);
    }
}

#[test]
fn every_notice_record_validates_and_its_spans_slice() {
    let validator = validator();
    let notices = common::all_notices();
    assert!(!notices.is_empty());
    for notice in notices {
        let bytes = std::fs::read(&notice).unwrap();
        for to in [
            TargetScript::Original,
            TargetScript::Simplified,
            TargetScript::Traditional,
        ] {
            let options = Options {
                to,
                with_text: true,
                path: Some(notice.display().to_string()),
                ..Options::default()
            };
            let record = zhenggai::parse(&bytes, &options).expect("corpus notice parses");
            let value = serde_json::to_value(&record).unwrap();
            let what = format!("{} --to {to:?}", notice.display());
            assert_valid(&validator, &value, &what);
            if to == TargetScript::Original {
                check_spans(&value, &what);
            }
        }
    }
}

#[test]
fn a_record_of_mixed_encodings_warns_and_validates() {
    // A GB18030 notice followed by a Big5 one: GB18030 reads it all, the
    // decode stage's warning reaches the record's diagnostics, span null.
    let read = |name: &str| std::fs::read_to_string(common::root().join("corpus").join(name)).unwrap();
    let (simplified, traditional) = (
        read("songping-county-2023-xunshi-provincial.txt"),
        read("taoyuan-county-2024-xuncha-taiwan-traditional.txt"),
    );
    let (gb, _, _) = encoding_rs::GB18030.encode(&simplified);
    let (big5, _, _) = encoding_rs::BIG5.encode(&traditional);
    let record = zhenggai::parse(&[&gb[..], &big5[..]].concat(), &Options::default()).unwrap();
    let value = serde_json::to_value(&record).unwrap();
    assert_valid(&validator(), &value, "mixed encodings");
    assert_eq!(value["source"]["encoding"], "gb18030");
    let mixed: Vec<&Value> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "mixed_encodings")
        .collect();
    assert_eq!(mixed.len(), 1);
    assert_eq!(mixed[0]["severity"], "warning");
    assert_eq!(mixed[0]["span"], Value::Null);
}

#[test]
fn error_records_validate() {
    let validator = validator();
    let options = Options {
        path: Some("bad.bin".into()),
        ..Options::default()
    };
    let nested = format!("<html><body>{}整改</body></html>", "<div>".repeat(1000));
    for bytes in [&b""[..], b"\x00\x01binary", b"abc\xff\xfe", nested.as_bytes()] {
        let error = zhenggai::parse(bytes, &options).expect_err("bad input is an error");
        let record = serde_json::to_value(zhenggai::error_record(Some(bytes), &options, &error)).unwrap();
        assert_valid(&validator, &record, "error record");
        assert_eq!(record.as_object().unwrap().len(), 3, "no other fields");
    }
    let missing = zhenggai::Error::Io {
        path: "missing.txt".into(),
        source: std::io::Error::from(std::io::ErrorKind::NotFound),
    };
    let record = serde_json::to_value(zhenggai::error_record(None, &options, &missing)).unwrap();
    assert_valid(&validator, &record, "io error record");
}

#[test]
fn schema_rejects_what_the_contract_forbids() {
    let validator = validator();
    let path = common::root().join("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt");
    let record = zhenggai::parse(&std::fs::read(path).unwrap(), &Options::default()).unwrap();
    let mut value = serde_json::to_value(&record).unwrap();
    assert!(validator.is_valid(&value));
    value["unexpected_field"] = Value::Bool(true);
    assert!(!validator.is_valid(&value), "additional properties are refused");
    let mut value = serde_json::to_value(&record).unwrap();
    value["quantities"][0]["kind"] = Value::String("weight".into());
    assert!(!validator.is_valid(&value), "kinds are an enum");
}
