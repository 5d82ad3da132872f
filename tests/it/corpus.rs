//! Every accepted corpus notice against its hand-checked facts file.

use zhenggai::record::GenreKind;

use crate::common;
use crate::common::facts::compare;

#[test]
fn every_corpus_notice_matches_its_facts() {
    let notices = common::corpus();
    assert!(!notices.is_empty(), "the corpus is empty");
    let mut failures = Vec::new();
    for notice in &notices {
        let facts = common::facts_of(notice);
        let facts_path = common::facts_path(notice);
        assert_eq!(
            Some(facts.notice.as_str()),
            notice.file_name().and_then(|n| n.to_str()),
            "{} names its notice",
            facts_path.display()
        );
        assert!(
            facts.checked.len() > 40,
            "{} says what was checked",
            facts_path.display()
        );
        let bytes = std::fs::read(notice).expect("notice reads");
        let options = zhenggai::Options {
            with_text: true,
            ..zhenggai::Options::default()
        };
        let record = zhenggai::parse(&bytes, &options).expect("notice parses");
        let comparison = compare(&record, &facts);
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
    let mut kinds = Vec::new();
    for notice in common::all_notices() {
        let expected = common::facts_of(&notice)
            .genre
            .unwrap_or(GenreKind::RectificationNotice);
        let record = zhenggai::parse(&std::fs::read(&notice).unwrap(), &zhenggai::Options::default()).unwrap();
        assert_eq!(record.genre.kind, expected, "{}", notice.display());
        let flagged = record.diagnostics.iter().any(|d| d.code == "not_a_notice");
        assert_eq!(
            flagged,
            expected != GenreKind::RectificationNotice,
            "{}",
            notice.display()
        );
        assert!(
            !record.genre.evidence.is_empty() || expected == GenreKind::Unknown,
            "{}: a genre says why",
            notice.display()
        );
        kinds.push(expected);
    }
    for kind in [
        GenreKind::OtherRectification,
        GenreKind::InspectionAnnouncement,
        GenreKind::FeedbackNotice,
        GenreKind::News,
        GenreKind::Unknown,
    ] {
        assert!(kinds.contains(&kind), "the corpus holds a {kind:?}: {kinds:?}");
    }
    let others = kinds
        .iter()
        .filter(|&&kind| kind != GenreKind::RectificationNotice)
        .count();
    assert!(others >= 8, "{kinds:?}");
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
