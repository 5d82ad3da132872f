//! Rules as data: the built-in tables exported, edited by one line and read
//! back by the library and the command line; bad files named with their
//! line and field.

use crate::common;

use std::fs;
use std::path::Path;

use zhenggai::{Options, Parser};

const NOTICE: &str = "关于巡察整改进展情况的通报\n新建改建公厕12座，补植行道树200棵。\n";

/// The quantity texts of the notice as `parser` reads it.
fn quantities(parser: &Parser) -> Vec<String> {
    let record = parser.parse(NOTICE.as_bytes(), &Options::default()).unwrap();
    record.quantities.into_iter().map(|quantity| quantity.text).collect()
}

/// The exported rules of a fresh folder, with `edit` applied to units.toml.
fn exported(dir: &Path, edit: impl Fn(&str) -> String) {
    let written = common::zhenggai()
        .args(["rules", "export"])
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let names: Vec<String> = String::from_utf8(written)
        .unwrap()
        .lines()
        .map(|line| Path::new(line).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "units.toml",
            "metrics.toml",
            "outline.toml",
            "quantities.toml",
            "genre.toml",
            "layout.toml"
        ]
    );
    let units = dir.join("units.toml");
    let text = fs::read_to_string(&units).unwrap();
    fs::write(&units, edit(&text)).unwrap();
}

#[test]
fn one_line_adds_a_unit_and_removing_it_takes_it_away() {
    let scratch = tempfile::tempdir().unwrap();
    // The built-in table has 座 and no 棵.
    assert_eq!(quantities(&Parser::default()), ["12座"]);

    let without = scratch.path().join("without");
    exported(&without, |text| {
        text.lines()
            .filter(|line| !line.contains("\"座\""))
            .map(|line| format!("{line}\n"))
            .collect()
    });
    let parser = Parser::builder().rules_dir(&without).unwrap().build().unwrap();
    assert!(quantities(&parser).is_empty(), "公厕12座 without the unit 座");

    let with = scratch.path().join("with");
    let tree = "    { surface = \"棵\", canonical = \"棵\", kind = \"count\", example = \"补植行道树200棵\" },\n";
    exported(&with, |text| {
        text.replacen("unit = [\n", &format!("unit = [\n{tree}"), 1)
    });
    let parser = Parser::builder().rules_dir(&with).unwrap().build().unwrap();
    assert_eq!(quantities(&parser), ["12座", "200棵"]);

    // The command line reads the same folders.
    let texts = |rules: &Path| {
        let output = common::zhenggai()
            .args(["parse", "--format", "ndjson", "--rules"])
            .arg(rules)
            .arg("-")
            .write_stdin(NOTICE)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let record: serde_json::Value = serde_json::from_slice(&output).unwrap();
        record["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(texts(&without).is_empty());
    assert_eq!(texts(&with), ["12座", "200棵"]);
    common::zhenggai()
        .args(["rules", "check"])
        .arg(&with)
        .assert()
        .success();
}

#[test]
fn a_bad_rules_file_stops_the_run_naming_file_line_and_field() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    exported(dir, |text| {
        text.replacen(
            "canonical = \"座\", kind = \"count\"",
            "canonical = \"座\", kind = \"tree\"",
            1,
        )
    });
    let error = Parser::builder().rules_dir(dir).unwrap_err().to_string();
    assert!(
        error.contains("units.toml: line ") && error.contains("field `kind`") && error.contains("tree"),
        "{error}"
    );
    let stderr = common::zhenggai()
        .args(["parse", "--rules"])
        .arg(dir)
        .arg("-")
        .write_stdin(NOTICE)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(stderr).unwrap().contains("field `kind`"));

    // A file no table reads is not silently ignored.
    fs::write(dir.join("unit.toml"), "").unwrap();
    let error = Parser::builder().rules_dir(dir).unwrap_err().to_string();
    assert!(
        error.contains("unit.toml")
            && error.contains("units.toml, metrics.toml, outline.toml, quantities.toml, genre.toml, layout.toml"),
        "{error}"
    );

    // An export never overwrites an edited copy.
    common::zhenggai().args(["rules", "export"]).arg(dir).assert().code(3);
}

#[test]
fn a_failing_example_is_listed_by_rules_check() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    exported(dir, |text| {
        text.replacen(
            "example = \"新建改建农村公厕12座\"",
            "example = \"新建改建农村公厕\"",
            1,
        )
    });
    let output = common::zhenggai()
        .args(["rules", "check"])
        .arg(dir)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let output = String::from_utf8(output).unwrap();
    assert!(
        output.contains("units.toml row") && output.contains("\"座\""),
        "{output}"
    );
}

#[test]
fn a_new_status_phrase_is_one_line() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let notice = "关于巡察整改进展情况的通报\n一、关于“档案管理不规范”问题的整改情况\n一是补齐档案。二是建立台账。整改进展:已办结销号。\n";
    let status = |parser: &Parser| {
        let record = parser.parse(notice.as_bytes(), &Options::default()).unwrap();
        assert_eq!(record.issues.len(), 1);
        record.issues[0].status
    };
    assert_eq!(status(&Parser::default()), None, "已办结销号 is no built-in phrase");
    exported(dir, |text| text.to_string());
    let outline = dir.join("outline.toml");
    let text = fs::read_to_string(&outline).unwrap();
    let row = "    { phrase = \"已办结销号\", status = \"completed\", example = \"整改进展:已办结销号。\" },\n";
    fs::write(
        &outline,
        text.replacen("status = [\n", &format!("status = [\n{row}"), 1),
    )
    .unwrap();
    let parser = Parser::builder().rules_dir(dir).unwrap().build().unwrap();
    assert_eq!(status(&parser), Some(zhenggai::record::IssueStatus::Completed));
    common::zhenggai().args(["rules", "check"]).arg(dir).assert().success();
}

#[test]
fn user_words_reach_the_segmenter() {
    let scratch = tempfile::tempdir().unwrap();
    let words = scratch.path().join("words.txt");
    fs::write(&words, "整改台账员 1000 n\n").unwrap();
    let segment = |extra: &[&str]| {
        let output = common::zhenggai()
            .arg("segment")
            .args(extra)
            .arg("-")
            .write_stdin("整改台账员")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(output).unwrap().trim().to_string()
    };
    assert_ne!(segment(&[]), "整改台账员");
    assert_eq!(segment(&["--user-dict", words.to_str().unwrap()]), "整改台账员");
    fs::write(&words, "整改台账员 many n\n").unwrap();
    let error = Parser::builder().user_dict(&words).unwrap_err().to_string();
    assert!(error.contains("line 1") && error.contains("many"), "{error}");
}
