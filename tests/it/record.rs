//! The record reads back: every corpus record (and error record) written as
//! JSON, read as a typed `Output` and written again is byte-identical, so
//! `compare`, the facts checker and any Rust program can work on types.

use crate::common;

use zhenggai::{Options, Output};

/// JSON → `Output` → JSON, compact and pretty.
fn assert_round_trip(json: &str, what: &str) {
    let output = Output::from_json(json).unwrap_or_else(|error| panic!("{what}: does not read back: {error}"));
    assert_eq!(serde_json::to_string(&output).unwrap(), json, "{what}: compact");
    let pretty = serde_json::to_string_pretty(&output).unwrap();
    let pretty_output = Output::from_json(&pretty).unwrap();
    assert_eq!(pretty_output, output, "{what}: the same values from pretty JSON");
    assert_eq!(
        serde_json::to_string_pretty(&pretty_output).unwrap(),
        pretty,
        "{what}: pretty"
    );
}

#[test]
fn every_corpus_record_reads_back_byte_identical() {
    let notices = common::all_notices();
    assert!(notices.len() > 50, "the corpus is there");
    for notice in &notices {
        let bytes = std::fs::read(notice).unwrap();
        for with_text in [false, true] {
            let options = Options {
                path: Some(notice.display().to_string()),
                with_text,
                ..Options::default()
            };
            let json = match zhenggai::parse(&bytes, &options) {
                Ok(record) => serde_json::to_string(&record).unwrap(),
                Err(error) => serde_json::to_string(&zhenggai::error_record(Some(&bytes), &options, &error)).unwrap(),
            };
            assert_round_trip(&json, &notice.display().to_string());
            if let Output::Record(record) = Output::from_json(&json).unwrap() {
                assert_eq!(record.text.is_some(), with_text, "{}", notice.display());
            }
        }
    }
}

#[test]
fn error_records_read_back_as_errors() {
    let error = zhenggai::parse(b"", &Options::default()).unwrap_err();
    let json = serde_json::to_string(&zhenggai::error_record(Some(b""), &Options::default(), &error)).unwrap();
    assert_round_trip(&json, "empty input");
    match Output::from_json(&json).unwrap() {
        Output::Error(record) => {
            assert_eq!(record.error.code, "empty_input");
            assert_eq!(record.source.bytes, Some(0));
        }
        Output::Record(_) => panic!("an error record read as a notice"),
    }
}

#[test]
fn a_wrong_record_names_the_field() {
    let record = zhenggai::parse(
        "关于巡察整改进展情况的通报\n教育提醒3人。\n".as_bytes(),
        &Options::default(),
    )
    .unwrap();
    let mut value = serde_json::to_value(&record).unwrap();
    value["quantities"][0]["value"] = serde_json::json!("three");
    let error = Output::from_value(value).unwrap_err().to_string();
    assert!(error.contains("a number"), "{error}");
    let mut value = serde_json::to_value(&record).unwrap();
    value["genre"]["kind"] = serde_json::json!("memo");
    let error = Output::from_value(value).unwrap_err().to_string();
    assert!(error.contains("memo"), "{error}");
}
