//! Fuzz target: any bytes through the library's parse entry point, as text
//! and as an HTML page; a record must serialise and its spans must slice
//! (`Record::span_errors`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhenggai::InputOptions;
use zhenggai::{Options, parse};

fuzz_target!(|bytes: &[u8]| {
    for html in [Some(false), Some(true)] {
        let options = Options {
            with_text: true,
            input: InputOptions {
                html,
                ..InputOptions::default()
            },
            ..Options::default()
        };
        if let Ok(record) = parse(bytes, &options) {
            let errors = record.span_errors(record.text.as_deref().unwrap_or_default());
            assert!(errors.is_empty(), "{}", errors.join("\n"));
            serde_json::to_string(&record).expect("records serialise");
        }
    }
});
