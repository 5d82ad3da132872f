//! The facts checker catches what it is there to catch: real records
//! against their real facts files match exactly, and the same facts with one
//! fact altered by hand (a quantity's value, a measure's title, a metric's
//! part, a date's place …) give mismatches that name the field, the fact
//! and what the record has instead.

use zhenggai::Record;
use zhenggai::record::{CivilDate, Number};

use crate::common;
use crate::common::facts::{Comparison, Facts, FieldScore, compare};

/// Issues with measures as titles, 25 quantities, a signature and an
/// inspection period (checked in `corpus::sample_notice_headline_facts`).
const SAMPLE: &str = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt";
/// Issues with statuses and their cues, and summed metrics with parts.
const MIXED_MEASURES: &str = "corpus/fengning-county-qingao-town-2025-xuncha-mixed-measures.txt";

/// A corpus notice's record (with its text) and facts.
fn record_and_facts(notice: &str) -> (Record, Facts) {
    let path = common::root().join(notice);
    let options = zhenggai::Options {
        with_text: true,
        ..zhenggai::Options::default()
    };
    let record = zhenggai::parse(&std::fs::read(&path).unwrap(), &options).unwrap();
    (record, common::facts_of(&path))
}

fn score<'a>(comparison: &'a Comparison, field: &str) -> &'a FieldScore {
    comparison
        .scores
        .iter()
        .find(|score| score.field == field)
        .unwrap_or_else(|| panic!("no score for {field}: {:?}", comparison.scores))
}

/// Facts read from JSON text.
fn facts(json: &str) -> Facts {
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_notices_match_their_own_facts_exactly() {
    let mut quantities = FieldScore::default();
    let mut listed = 0;
    for notice in [SAMPLE, MIXED_MEASURES] {
        let (record, facts) = record_and_facts(notice);
        let comparison = compare(&record, &facts);
        quantities.add(score(&comparison, "quantities"));
        listed += facts.quantities.as_ref().map_or(0, Vec::len);
        assert!(comparison.is_exact(), "{notice}: {:?}", comparison.mismatches);
        assert!(
            comparison
                .scores
                .iter()
                .all(|score| score.precision() == 1.0 && score.recall() == 1.0),
            "{:?}",
            comparison.scores
        );
    }
    assert_eq!((quantities.expected, quantities.matched), (listed, listed));
    let (record, facts) = record_and_facts(MIXED_MEASURES);
    let comparison = compare(&record, &facts);
    for field in [
        "title",
        "published",
        "inspection.period",
        "outline",
        "issues",
        "quantities",
        "dates",
        "metrics",
        "metric_parts.funds_recovered",
        "metric_parts.people_disciplined",
    ] {
        assert!(score(&comparison, field).expected >= 1, "{field} is checked");
    }
}

#[test]
fn an_altered_quantity_value_is_reported_with_the_value_found() {
    let (record, mut facts) = record_and_facts(SAMPLE);
    let quantities = facts.quantities.as_mut().unwrap();
    // The facts' first quantity is 教育提醒3人; say 4 instead.
    assert_eq!(quantities[0].text.as_deref(), Some("3人"));
    quantities[0].value = Some(Number::from(4));
    let comparison = compare(&record, &facts);
    assert_eq!(
        comparison.mismatches,
        [
            r#"quantities: missing {"text":"3人","value":4,"value_max":null,"unit":"人","approx":null,"kind":"people","node":null}"#,
            r#"quantities: unexpected {"text":"3人","value":3,"value_max":null,"unit":"人","approx":null,"kind":"people","node":null}"#,
        ]
    );
    let quantities = score(&comparison, "quantities");
    assert_eq!(
        (quantities.expected, quantities.found, quantities.matched),
        (25, 25, 24)
    );
    assert_eq!(quantities.precision(), 24.0 / 25.0);
}

#[test]
fn an_altered_measure_title_is_reported_in_its_issue() {
    let (record, mut facts) = record_and_facts(SAMPLE);
    let issue = &mut facts.issues.as_mut().unwrap()[0];
    let measure = &mut issue.measures.as_mut().unwrap()[1];
    assert_eq!(measure.title.as_deref(), Some("補齊婦女兒童發展短板"));
    measure.title = Some("補齊婦女發展短板".into());
    let comparison = compare(&record, &facts);
    assert_eq!(comparison.mismatches.len(), 2, "{:?}", comparison.mismatches);
    assert!(
        comparison.mismatches[0].starts_with(r#"issues: missing {"node":"1","number":1,"#)
            && comparison.mismatches[0].contains(r#"{"title":"補齊婦女發展短板"}"#),
        "{}",
        comparison.mismatches[0]
    );
    assert!(
        comparison.mismatches[1].starts_with(r#"issues: unexpected {"node":"1","number":1,"#)
            && comparison.mismatches[1].contains(r#"{"title":"補齊婦女兒童發展短板"}"#),
        "{}",
        comparison.mismatches[1]
    );
    let issues = score(&comparison, "issues");
    assert_eq!((issues.expected, issues.found, issues.matched), (5, 5, 4));
}

#[test]
fn an_altered_metric_part_is_reported_with_its_metric() {
    let (record, mut facts) = record_and_facts(MIXED_MEASURES);
    let parts = facts.metric_parts.as_mut().unwrap().get_mut("funds_recovered").unwrap();
    assert_eq!(parts[1], Number::from(865_000));
    parts[1] = Number::from(865_001);
    let comparison = compare(&record, &facts);
    assert_eq!(
        comparison.mismatches,
        [
            "metric_parts.funds_recovered: missing 865001",
            "metric_parts.funds_recovered: unexpected 865000",
        ]
    );
}

#[test]
fn an_altered_status_cue_is_read_against_the_text() {
    let (record, mut facts) = record_and_facts(MIXED_MEASURES);
    let issue = &mut facts.issues.as_mut().unwrap()[0];
    assert_eq!(issue.status_text, Some(Some("已完成".into())));
    issue.status_text = Some(Some("已整改".into()));
    let comparison = compare(&record, &facts);
    assert_eq!(comparison.mismatches.len(), 2, "{:?}", comparison.mismatches);
    assert!(comparison.mismatches[0].contains(r#""status_text":"已整改""#));
    assert!(comparison.mismatches[1].contains(r#""status_text":"已完成""#));
    // Without the record's text a cue cannot be read: every issue whose
    // facts name one differs.
    let (mut record, facts) = record_and_facts(MIXED_MEASURES);
    record.text = None;
    let comparison = compare(&record, &facts);
    assert_eq!(score(&comparison, "issues").matched, 0);
}

#[test]
fn scalars_name_what_was_expected_and_what_was_found() {
    let (record, mut facts) = record_and_facts(SAMPLE);
    let inspection = facts.inspection.as_mut().unwrap();
    let date = |text: &str| text.parse::<CivilDate>().ok();
    assert_eq!(inspection.period, Some(Some([date("2024-05-08"), date("2024-05-24")])));
    inspection.period = Some(Some([date("2024-05-08"), date("2024-05-25")]));
    facts.publisher = Some(None);
    facts.title = None;
    let comparison = compare(&record, &facts);
    assert_eq!(
        comparison.mismatches,
        [
            r#"publisher: expected null, found "中共麗水市婦女聯合會黨組""#,
            r#"inspection.period: expected ["2024-05-08","2024-05-25"], found ["2024-05-08","2024-05-24"]"#,
        ]
    );
    assert!(
        comparison.scores.iter().all(|score| score.field != "title"),
        "an absent key is not checked"
    );
}

#[test]
fn swapped_items_are_out_of_order() {
    let (record, mut facts) = record_and_facts(SAMPLE);
    facts.dates.as_mut().unwrap().swap(0, 1);
    let comparison = compare(&record, &facts);
    assert_eq!(comparison.mismatches, ["dates: items out of order"]);
    let dates = score(&comparison, "dates");
    assert_eq!(dates.matched, dates.expected);
}

#[test]
fn a_missing_diagnostic_and_an_unlisted_metric_are_reported() {
    let (record, mut facts) = record_and_facts(SAMPLE);
    facts.diagnostics.as_mut().unwrap().push("inconsistent_counts".into());
    facts.metrics.as_mut().unwrap().remove("rules_established");
    let comparison = compare(&record, &facts);
    assert_eq!(
        comparison.mismatches,
        [
            r#"metrics: unexpected ["rules_established",8]"#,
            r#"diagnostics: missing "inconsistent_counts""#,
        ]
    );
}

#[test]
fn numbers_compare_by_exact_value() {
    let record = zhenggai::parse(
        "整改期间，追回违规资金286.4亿元，教育提醒3人。".as_bytes(),
        &zhenggai::Options::default(),
    )
    .unwrap();
    let written = |funds: &str| {
        facts(&format!(
            r#"{{"notice": "-", "checked": "-", "metrics": {{"funds_recovered": {funds}, "people_educated": 3.0}},
                "quantities": [{{"text": "286.4亿元"}}, {{"text": "3人", "value": 3.0}}]}}"#
        ))
    };
    assert!(compare(&record, &written("28640000000")).is_exact());
    assert_eq!(
        compare(&record, &written("28639999999.999996")).mismatches,
        [
            r#"metrics: missing ["funds_recovered",28639999999.999996]"#,
            r#"metrics: unexpected ["funds_recovered",28640000000]"#,
        ]
    );
}

#[test]
fn a_key_the_format_does_not_know_is_an_error() {
    for json in [
        r#"{"notice": "-", "checked": "-", "quantites": []}"#,
        r#"{"notice": "-", "checked": "-", "quantities": [{"text": "3人", "valeu": 3}]}"#,
        r#"{"notice": "-", "checked": "-", "issues": [{"measures": [{"titel": "加强管理"}]}]}"#,
        r#"{"notice": "-", "checked": "-", "inspection": {"period": ["2024-05-08", "2024-05-24"], "feedbak": null}}"#,
        r#"{"notice": "-", "checked": "-", "dates": [{"kind": "sometimes"}]}"#,
    ] {
        assert!(serde_json::from_str::<Facts>(json).is_err(), "{json}");
    }
    let measures = facts(
        r#"{"notice": "-", "checked": "-", "issues": [{"measures": ["加强管理", {"title": "完善制度", "source": "item"}]}]}"#,
    );
    let measures = measures.issues.unwrap()[0].measures.clone().unwrap();
    assert_eq!(
        serde_json::to_string(&measures).unwrap(),
        r#"[{"title":"加强管理"},{"title":"完善制度","source":"item"}]"#
    );
}
