//! Every record validates against `schemas/notice.schema.json`, and every
//! span slices the original text to exactly the item's text
//! ([`Record::span_errors`], which catches a span altered by one place).

use crate::common;

use serde_json::Value;
use zhenggai::record::{Decimal, MeasureSource, Span};
use zhenggai::{Options, Record, TargetScript};

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

/// What the spans cannot show of the metrics: a metric's value is its
/// quantity's, a sum's is exactly the sum of its parts (at least two), each
/// its quantity's value ([`Record::span_errors`] checks that the spans are
/// quantities').
fn check_metric_values(record: &Record, what: &str) {
    let quantity_at = |span: Span| record.quantities.iter().find(|quantity| quantity.span == span);
    for (key, metric) in &record.metrics {
        match metric.parts.as_deref() {
            Some(parts) => {
                assert!(parts.len() >= 2, "{what}: {key} sums at least two parts");
                for part in parts {
                    let quantity = quantity_at(part.span).expect("a part points at a quantity");
                    assert_eq!(quantity.value, part.value, "{what}: {key} part value");
                }
                let sum: Decimal = parts.iter().map(|part| part.value.0).sum();
                assert_eq!(metric.value.0, sum, "{what}: {key} is the sum of its parts");
            }
            None => {
                let quantity = quantity_at(metric.span).expect("a metric points at a quantity");
                assert_eq!(quantity.value, metric.value, "{what}: {key} value");
            }
        }
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
                let errors = record.span_errors(record.text.as_deref().expect("with_text"));
                assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
                check_metric_values(&record, &what);
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

/// A change to one span of a record, returning the field whose message
/// must come first.
type Alteration<'a> = Box<dyn Fn(&mut Record) -> String + 'a>;

/// The span checker names the field of a span moved or widened by one place
/// in a real record (one with item and heading measures, sub-problems,
/// statuses, summed metrics, documents and enumerations).
#[test]
fn the_span_checker_names_a_wrong_span() {
    let path =
        common::root().join("corpus/zhangyuan-city-market-regulation-bureau-2024-xuncha-findings-mixed-status.txt");
    let options = Options {
        with_text: true,
        ..Options::default()
    };
    let record = zhenggai::parse(&std::fs::read(path).unwrap(), &options).unwrap();
    let text = record.text.clone().unwrap();
    let length = text.chars().count();
    assert_eq!(record.span_errors(&text), Vec::<String>::new());
    let moved = |span: &mut Span| *span = Span::new(span.start + 1, span.end + 1);
    let measure_of = |record: &mut Record, source: MeasureSource| -> (usize, usize) {
        record
            .issues
            .iter()
            .enumerate()
            .find_map(|(issue, found)| {
                let measure = found.measures.iter().position(|measure| measure.source == source)?;
                Some((issue, measure))
            })
            .expect("the notice has such a measure")
    };
    let alterations: Vec<(&str, Alteration)> = vec![
        (
            "source.chars",
            Box::new(|r| {
                r.source.chars = Some(length + 1);
                "source.chars".into()
            }),
        ),
        (
            "published",
            Box::new(|r| {
                moved(&mut r.published.as_mut().unwrap().span);
                "published.span".into()
            }),
        ),
        (
            "inspection period",
            Box::new(|r| {
                r.inspection.period.as_mut().unwrap().span.end += 1;
                "inspection.period.span".into()
            }),
        ),
        (
            "a node's span beyond the text",
            Box::new(|r| {
                r.outline[0].span.end = length + 1;
                "outline[1].span".into()
            }),
        ),
        (
            "a child outside its parent",
            Box::new(|r| {
                let parent_end = r.outline[0].span.end;
                r.outline[0].children[0].span.end = parent_end + 1;
                "outline[1.1].span".into()
            }),
        ),
        (
            "a heading",
            Box::new(|r| {
                moved(&mut r.outline[1].children[0].heading_span);
                "outline[2.1].heading_span".into()
            }),
        ),
        (
            "an enumeration item",
            Box::new(|r| {
                let node = r
                    .outline
                    .iter_mut()
                    .flat_map(|node| node.children.iter_mut())
                    .find(|node| !node.items.is_empty())
                    .expect("a node with items");
                node.items[0].span.start -= 1;
                format!("outline[{}].items[0].span", node.id)
            }),
        ),
        (
            "a heading measure",
            Box::new(|r| {
                let (issue, measure) = measure_of(r, MeasureSource::Heading);
                moved(&mut r.issues[issue].measures[measure].span);
                format!("issues[{issue}].measures[{measure}].span")
            }),
        ),
        (
            "an item measure",
            Box::new(|r| {
                let (issue, measure) = measure_of(r, MeasureSource::Item);
                let span = &mut r.issues[issue].measures[measure].span;
                span.end = span.start + 2;
                format!("issues[{issue}].measures[{measure}].span")
            }),
        ),
        (
            "a sub-problem",
            Box::new(|r| {
                let issue = r.issues.iter().position(|issue| !issue.findings.is_empty()).unwrap();
                r.issues[issue].findings[0].span.end += 1;
                format!("issues[{issue}].findings[0].span")
            }),
        ),
        (
            "a status without its cue",
            Box::new(|r| {
                let issue = r.issues.iter().position(|issue| issue.status.is_some()).unwrap();
                r.issues[issue].status_span = None;
                format!("issues[{issue}]: a status without a status_span")
            }),
        ),
        (
            "a quantity",
            Box::new(|r| {
                moved(&mut r.quantities[0].span);
                "quantities[0].span".into()
            }),
        ),
        (
            "a date",
            Box::new(|r| {
                r.dates[0].span.start += 1;
                "dates[0].span".into()
            }),
        ),
        (
            "a document with its brackets",
            Box::new(|r| {
                let span = &mut r.documents[0].span;
                *span = Span::new(span.start - 1, span.end + 1);
                "documents[0].span".into()
            }),
        ),
        (
            "a metric part",
            Box::new(|r| {
                let (key, metric) = r.metrics.iter_mut().find(|(_, metric)| metric.parts.is_some()).unwrap();
                moved(&mut metric.parts.as_mut().unwrap()[0].span);
                format!("metrics.{key}.parts[0].span")
            }),
        ),
        (
            "genre evidence",
            Box::new(|r| {
                r.genre.evidence[0].span = Span::new(length, length + 2);
                "genre.evidence[0].span".into()
            }),
        ),
    ];
    for (alteration, alter) in alterations {
        let mut altered = record.clone();
        let field = alter(&mut altered);
        let errors = altered.span_errors(&text);
        assert!(
            errors.first().is_some_and(|error| error.starts_with(&field)),
            "{alteration}: expected a message on {field}, got {errors:#?}"
        );
    }
}
