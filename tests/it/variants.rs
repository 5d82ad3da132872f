//! The same notice read in another form — GB18030, Big5, UTF-16LE, a saved
//! web page, a copy with leaked conversions — yields the same record as the
//! clean UTF-8 text, spans and source aside.

use crate::common;

use serde_json::Value;

/// Removes what legitimately differs between forms: spans (the texts differ)
/// and the source block.
fn without_spans(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("span");
            map.remove("heading_span");
            map.remove("status_span");
            map.remove("source");
            map.values_mut().for_each(without_spans);
        }
        Value::Array(items) => items.iter_mut().for_each(without_spans),
        _ => {}
    }
}

/// Strips leaked conversions (`會(会)議` → `會議`) from every string: text
/// fields keep the original characters, debris included.
fn without_debris(value: &mut Value) {
    match value {
        Value::String(text) => {
            let leaks = zhenggai::normalize::debris::find_leaks(text);
            for leak in leaks.into_iter().rev() {
                text.replace_range(leak, "");
            }
        }
        Value::Object(map) => map.values_mut().for_each(without_debris),
        Value::Array(items) => items.iter_mut().for_each(without_debris),
        _ => {}
    }
}

/// Asserts that `found` (the record of variant `name`) equals `expected`
/// (the record of `clean`) on `fields`.
fn assert_same_fields(name: &str, clean: &std::path::Path, found: &Value, expected: &Value, fields: &[&str]) {
    for field in fields {
        assert!(
            found[field] == expected[field],
            "{name}: {field} differs from {}:\n{}\n{}",
            clean.display(),
            found[field],
            expected[field]
        );
    }
}

fn record_of(path: &std::path::Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let record =
        zhenggai::parse(&bytes, &zhenggai::Options::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut value = serde_json::to_value(record).unwrap();
    without_spans(&mut value);
    value
}

/// Folds every string to the Simplified, width-folded matching form, so
/// that a copy from a portal's 繁體 version compares with the clean text.
fn folded(value: &mut Value) {
    match value {
        Value::String(text) => *text = text.chars().map(zhenggai::normalize::fold_char).collect(),
        Value::Object(map) => map.values_mut().for_each(folded),
        Value::Array(items) => items.iter_mut().for_each(folded),
        _ => {}
    }
}

/// A notice as copied from a portal (`NAME.portal.txt`, `NAME.portal.html`:
/// breadcrumbs, metadata blocks, release lines, toolbars, footers around
/// it, possibly in the portal's Traditional version, possibly without its
/// signature) yields the clean notice's facts: the furniture never becomes
/// a title, publisher, date, inspection fact, issue, quantity or metric.
#[test]
fn every_portal_copy_yields_the_clean_facts() {
    let copies: Vec<_> = common::all_notices()
        .into_iter()
        .filter(|path| path.file_name().unwrap().to_string_lossy().contains(".portal."))
        .collect();
    assert!(copies.len() >= 6, "six portal copies are in the corpus");
    for copy in copies {
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        let clean = copy.with_file_name(format!("{}.txt", name.split('.').next().unwrap()));
        let mut expected = record_of(&clean);
        let mut found = record_of(&copy);
        folded(&mut expected);
        folded(&mut found);
        assert_eq!(found["genre"]["kind"], "rectification_notice", "{name}");
        assert_eq!(
            found["published"]["start"],
            expected["published"]["start"],
            "{name}: published differs from {}",
            clean.display()
        );
        assert_same_fields(
            &name,
            &clean,
            &found,
            &expected,
            &[
                "title",
                "publisher",
                "inspection",
                "outline",
                "issues",
                "quantities",
                "documents",
                "contacts",
                "metrics",
            ],
        );
    }
}

#[test]
fn every_variant_yields_the_clean_record() {
    let variants: Vec<_> = common::corpus()
        .into_iter()
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            name.matches('.').count() >= 2 && !name.contains(".portal.")
        })
        .collect();
    let kinds: Vec<String> = variants
        .iter()
        .map(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .split('.')
                .nth(1)
                .unwrap()
                .to_owned()
        })
        .collect();
    for kind in ["gb18030", "big5", "utf-16le", "page", "leaked"] {
        assert!(kinds.iter().any(|k| k == kind), "a {kind} variant is in the corpus");
    }
    for variant in variants {
        let name = variant.file_name().unwrap().to_string_lossy().into_owned();
        let clean = variant.with_file_name(format!("{}.txt", name.split('.').next().unwrap()));
        let mut expected = record_of(&clean);
        let mut found = record_of(&variant);
        if name.contains(".leaked.") {
            without_debris(&mut found);
        }
        // A leaked copy says so in an extra info diagnostic.
        for record in [&mut expected, &mut found] {
            if let Some(Value::Array(diagnostics)) = record.get_mut("diagnostics") {
                diagnostics.retain(|d| d["code"] != "conversion_debris");
            }
        }
        assert_same_fields(
            &name,
            &clean,
            &found,
            &expected,
            &[
                "title",
                "publisher",
                "published",
                "inspection",
                "outline",
                "issues",
                "quantities",
                "dates",
                "documents",
                "contacts",
                "metrics",
                "diagnostics",
            ],
        );
    }
}

#[test]
fn pages_keep_their_timestamp_apart() {
    let path = common::root().join("corpus/hanjiang-city-2024-xuncha-city-committee.page.html");
    let record = zhenggai::parse(&std::fs::read(path).unwrap(), &zhenggai::Options::default()).unwrap();
    assert_eq!(record.source.format.as_deref(), Some("html"));
    assert_eq!(record.source.encoding.as_deref(), Some("gb18030"));
    // 日期：2024-12-23 16:05:12 on the page; 成文日期 2024-12-20 is the fallback only.
    assert_eq!(record.source.page_date.as_deref(), Some("2024-12-23T16:05:12"));
    assert_eq!(record.published.unwrap().start.unwrap().to_string(), "2024-12-20");
}
