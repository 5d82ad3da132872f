//! Every accepted corpus notice against its hand-checked facts file.

mod common;

use zhenggai::facts::compare;

#[test]
fn every_corpus_notice_matches_its_facts() {
    let notices = common::corpus();
    assert!(!notices.is_empty(), "the corpus is empty");
    let mut failures = Vec::new();
    for notice in &notices {
        let facts_path = common::facts_path(notice);
        let facts: serde_json::Value = serde_json::from_slice(
            &std::fs::read(&facts_path).unwrap_or_else(|e| panic!("{}: {e}", facts_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", facts_path.display()));
        assert_eq!(
            facts["notice"].as_str(),
            notice.file_name().and_then(|n| n.to_str()),
            "{} names its notice",
            facts_path.display()
        );
        assert!(
            facts["checked"].as_str().is_some_and(|c| c.len() > 40),
            "{} says what was checked",
            facts_path.display()
        );
        let bytes = std::fs::read(notice).expect("notice reads");
        let record = zhenggai::parse(&bytes, &zhenggai::Options::default()).expect("notice parses");
        let comparison = compare(&serde_json::to_value(&record).expect("record serialises"), &facts);
        for mismatch in comparison.mismatches {
            failures.push(format!("{}: {mismatch}", notice.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The sample's key facts, spelled out so that a broken facts comparison
/// cannot hide them.
#[test]
fn sample_notice_headline_facts() {
    let path = common::root().join("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt");
    let record = zhenggai::parse(&std::fs::read(path).unwrap(), &zhenggai::Options::default()).unwrap();
    assert_eq!(record.issues.len(), 5);
    let measure_counts: Vec<usize> = record.issues.iter().map(|issue| issue.measures.len()).collect();
    assert_eq!(measure_counts, [3, 3, 2, 2, 1]);
    assert_eq!(record.outline.len(), 6);
    assert_eq!(record.outline[5].items.len(), 3);
    assert_eq!(record.quantities.len(), 25);
    let money = record.quantities.iter().find(|q| q.text == "400余萬元").unwrap();
    assert_eq!(money.value.0, 4_000_000.0);
    assert_eq!(record.metrics["people_educated"].value.0, 3.0);
    assert_eq!(record.diagnostics[0].code, "numbering_backwards");
}
