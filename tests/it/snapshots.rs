//! Whole-record snapshots of the corpus (insta): every field of every
//! record, where the facts files pin down the fields a person checked.
//!
//! A change to any record fails here, naming each notice whose record
//! changed; insta writes the new record beside the old as
//! `tests/it/snapshots/<notice>.snap.new`. Read the difference against the
//! notice's text (`cargo insta review`, or `diff` the two files) and accept
//! it only when the new record is right: a snapshot says what the parser
//! did, the facts file what is true.
//!
//! Written on 2026-12-04 from output byte-identical to the parser before
//! the redesign of issue 18. Every field a facts file gives is checked
//! against the text by `corpus.rs`; four records were also read whole,
//! field by field, against their texts (the 404 page, the inspection
//! announcement, the feedback-meeting news and the Qingxi notice with
//! slogan headings).

use crate::common;

use zhenggai::{Options, Output};

/// The record of `notice` as `zhenggai parse` prints it (pretty JSON).
fn record_of(notice: &std::path::Path) -> String {
    let bytes = std::fs::read(notice).expect("notice reads");
    let output = match zhenggai::parse(&bytes, &Options::default()) {
        Ok(record) => Output::Record(Box::new(record)),
        Err(error) => Output::Error(Box::new(zhenggai::error_record(
            Some(&bytes),
            &Options::default(),
            &error,
        ))),
    };
    serde_json::to_string_pretty(&output).expect("records serialise")
}

#[test]
fn every_corpus_record_is_its_snapshot() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let notices = common::corpus();
    assert!(notices.len() >= 50, "the corpus is whole");
    let changed: Vec<String> = settings.bind(|| {
        notices
            .iter()
            .filter_map(|notice| {
                let name = notice.file_name()?.to_string_lossy().into_owned();
                let record = record_of(notice);
                let held = std::panic::catch_unwind(|| insta::assert_snapshot!(name.clone(), record));
                held.is_err().then_some(name)
            })
            .collect()
    });
    assert!(
        changed.is_empty(),
        "{} records differ from their snapshots (review the .snap.new files): {}",
        changed.len(),
        changed.join(", ")
    );
}
