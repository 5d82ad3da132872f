//! Fuzz target: any bytes through the library's parse entry point, as text
//! and as an HTML page; a record must serialise and its spans must slice.
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
            let text: Vec<char> = record.text.as_deref().unwrap_or_default().chars().collect();
            for quantity in &record.quantities {
                let slice: String = text[quantity.span.start..quantity.span.end].iter().collect();
                assert_eq!(slice, quantity.text);
            }
            for date in &record.dates {
                let slice: String = text[date.span.start..date.span.end].iter().collect();
                assert_eq!(slice, date.text);
            }
            serde_json::to_string(&record).expect("records serialise");
        }
    }
});
