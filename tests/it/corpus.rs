//! Every accepted corpus notice against its hand-checked facts file.

use crate::common;

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
        let options = zhenggai::Options {
            with_text: true,
            ..zhenggai::Options::default()
        };
        let record = zhenggai::parse(&bytes, &options).expect("notice parses");
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

/// Every document gets the genre its facts give (a notice when they give
/// none), and `not_a_notice` exactly when it is not a rectification notice;
/// the corpus holds every other kind of the contract.
#[test]
fn genres_and_not_a_notice() {
    let mut kinds = std::collections::BTreeMap::new();
    for notice in common::all_notices() {
        let facts: serde_json::Value =
            serde_json::from_slice(&std::fs::read(common::facts_path(&notice)).unwrap()).unwrap();
        let expected = facts["genre"].as_str().unwrap_or("rectification_notice");
        let record = zhenggai::parse(&std::fs::read(&notice).unwrap(), &zhenggai::Options::default()).unwrap();
        let value = serde_json::to_value(&record).unwrap();
        assert_eq!(value["genre"]["kind"], expected, "{}", notice.display());
        let flagged = record.diagnostics.iter().any(|d| d.code == "not_a_notice");
        assert_eq!(flagged, expected != "rectification_notice", "{}", notice.display());
        assert!(
            !record.genre.evidence.is_empty() || expected == "unknown",
            "{}: a genre says why",
            notice.display()
        );
        *kinds.entry(expected.to_owned()).or_insert(0) += 1;
    }
    for kind in [
        "other_rectification",
        "inspection_announcement",
        "feedback_notice",
        "news",
        "unknown",
    ] {
        assert!(kinds.contains_key(kind), "the corpus holds a {kind}: {kinds:?}");
    }
    assert!(
        kinds.values().sum::<usize>() - kinds["rectification_notice"] >= 8,
        "{kinds:?}"
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
    assert_eq!(money.value.0.to_string(), "4000000");
    assert_eq!(record.metrics["people_educated"].value.0.to_string(), "3");
    assert_eq!(record.diagnostics[0].code, "numbering_backwards");
}
