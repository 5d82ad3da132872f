//! What one command writes, the next reads: `parse` into `compare`, through
//! a pipe, a saved stream or a folder written by `--output-dir`.

use crate::common;

/// The output of `zhenggai ARGS` with `stdin`, which must exit with `code`.
fn run(args: &[&str], stdin: &[u8], code: i32) -> Vec<u8> {
    let output = common::zhenggai()
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "zhenggai {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn compare_reads_what_parse_writes_through_a_pipe() {
    let direct = run(&["compare", "-q", "--format", "csv", "corpus"], b"", 0);
    let rows = String::from_utf8_lossy(&direct).lines().count();
    // A header and the corpus's rectification notices (the other genres are
    // left out by default): 45 of its 53 documents.
    assert_eq!(rows, 1 + 45);
    for format in ["ndjson", "json"] {
        let saved = run(&["parse", "-q", "--format", format, "corpus"], b"", 0);
        let piped = run(&["compare", "-q", "--format", "csv", "-"], &saved, 0);
        assert_eq!(
            String::from_utf8_lossy(&piped),
            String::from_utf8_lossy(&direct),
            "parse --format {format} | compare -"
        );
    }
}

#[test]
fn compare_reads_a_folder_written_by_output_dir() {
    let folder = tempfile::tempdir().unwrap();
    let folder_name = folder.path().to_str().unwrap();
    run(&["parse", "-q", "--output-dir", folder_name, "corpus"], b"", 0);
    let direct = run(&["compare", "-q", "--format", "csv", "corpus"], b"", 0);
    let from_folder = run(&["compare", "-q", "--format", "csv", folder_name], b"", 0);
    assert_eq!(String::from_utf8_lossy(&from_folder), String::from_utf8_lossy(&direct));
}

#[test]
fn compare_with_no_inputs_says_so() {
    let folder = tempfile::tempdir().unwrap();
    let output = common::zhenggai()
        .args(["compare", folder.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no inputs (directories are searched for .txt"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn compare_converts_saved_records_as_parse_converts_notices() {
    let notice = "corpus/baishan-city-federation-2025-sloppy-half-converted.txt";
    let parsed: serde_json::Value =
        serde_json::from_slice(&run(&["parse", "-q", "--to", "simplified", notice], b"", 0)).unwrap();
    let saved = run(&["parse", "-q", notice], b"", 0);
    let rows: serde_json::Value = serde_json::from_slice(&run(
        &["compare", "-q", "--to", "simplified", "--format", "json", "-"],
        &saved,
        0,
    ))
    .unwrap();
    let row = &rows[0];
    // The notice is in Traditional characters, half converted by its unit.
    assert_eq!(
        row["title"],
        "中共白山市文学艺术界联合会党组关于六届市委第三轮巡察整改进展情况的通报"
    );
    assert_eq!(row["title"], parsed["title"]);
    assert_eq!(row["publisher"], parsed["publisher"]);
    assert_eq!(row["target"], parsed["inspection"]["target"]);
    assert_eq!(row["target"], "市文联党组");
    assert_eq!(row["round"], parsed["inspection"]["round"]);
}

#[test]
fn json_in_a_folder_counts_only_as_records_and_named_json_is_a_document() {
    // corpus/ holds facts files (JSON, no records) and a portal's API
    // response saved as .json: a walk skips them, with a note.
    let output = common::zhenggai()
        .args(["compare", "--all-genres", "--format", "csv", "corpus"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("note: 54 .json files found in folders hold no records and were skipped"),
        "{stderr}"
    );
    let api_response = "corpus/yanbo-county-2024-column-api.json";
    assert!(!String::from_utf8_lossy(&output.stdout).contains(api_response));
    // Named, the response is a document: parsed, and no rectification notice.
    let named = run(
        &["compare", "-q", "--all-genres", "--format", "csv", api_response],
        b"",
        0,
    );
    let named = String::from_utf8_lossy(&named);
    assert_eq!(named.lines().count(), 2, "{named}");
    assert!(named.lines().nth(1).unwrap().starts_with(api_response), "{named}");
    assert!(named.contains(",unknown,"), "{named}");
}

#[test]
fn csv_tables_as_files_below_output_dir() {
    let folder = tempfile::tempdir().unwrap();
    let folder_name = folder.path().to_str().unwrap();
    run(
        &[
            "parse",
            "-q",
            "--format",
            "csv",
            "--table",
            "quantities,dates,notices",
            "--output-dir",
            folder_name,
            "corpus",
        ],
        b"",
        0,
    );
    let lines = |table: &str| {
        let text = std::fs::read_to_string(folder.path().join(format!("{table}.csv"))).unwrap();
        text.lines().map(str::to_owned).collect::<Vec<String>>()
    };
    // The corpus's facts files list 1,672 quantities and 362 dates in the
    // 52 documents a walk takes (the .json API response is not walked).
    let quantities = lines("quantities");
    assert_eq!(quantities.len(), 1 + 1672);
    assert!(quantities[0].starts_with("path,title,publisher,target,genre,node,"));
    assert_eq!(lines("dates").len(), 1 + 362);
    assert_eq!(lines("notices").len(), 1 + 52);
    // No temporary file is left beside the tables.
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dates.csv", "notices.csv", "quantities.csv"]);
}

#[test]
fn a_failed_input_keeps_its_row_in_the_notices_table() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.txt"), b"\x00\x01\x02\xff binary").unwrap();
    std::fs::copy(
        common::root().join("corpus/qiaoshan-county-2024-404.html"),
        folder.path().join("b.html"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    run(
        &[
            "parse",
            "-q",
            "--format",
            "csv",
            "--table",
            "notices,quantities",
            "--output-dir",
            out.path().to_str().unwrap(),
            folder.path().to_str().unwrap(),
        ],
        b"",
        1,
    );
    let notices = std::fs::read_to_string(out.path().join("notices.csv")).unwrap();
    let rows: Vec<&str> = notices.lines().collect();
    assert_eq!(rows.len(), 3, "{notices}");
    assert!(
        rows[1].ends_with(
            "a.txt,error,,,,,,,,,,,,,,,,,,,,,,,,,,,not_text: the input is not text: it contains NUL bytes or control characters"
        ),
        "{notices}"
    );
    assert!(rows[2].contains("b.html,ok,"), "{notices}");
    // The 404 page has no quantity, and the failed input no item.
    let quantities = std::fs::read_to_string(out.path().join("quantities.csv")).unwrap();
    assert_eq!(quantities.lines().count(), 1, "{quantities}");
}

#[test]
fn options_that_cannot_apply_are_usage_errors() {
    let notice = "corpus/qiaoshan-county-2024-404.html";
    for (args, message) in [
        (vec!["parse", "--bom", notice], "--bom applies to --format csv"),
        (
            vec!["parse", "--table", "dates", notice],
            "--table applies to --format csv",
        ),
        (
            vec!["parse", "--format", "csv", "--table", "dates", "--with-text", notice],
            "--with-text adds the text to JSON records",
        ),
        (
            vec!["parse", "--format", "csv", "--table", "dates,quantities", notice],
            "several tables need --output-dir",
        ),
        (vec!["compare", "--bom", notice], "--bom applies to --format csv"),
        (
            vec!["compare", "--format", "json", "--columns", "path", notice],
            "--columns applies to --format table and csv",
        ),
        (
            vec!["segment", "corpus"],
            "segment reads one file, and corpus is a directory",
        ),
    ] {
        let output = common::zhenggai().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn ndjson_below_output_dir_is_one_line_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let notice = "corpus/yuelan-county-2024-xuncha-announcement.txt";
    run(
        &[
            "parse",
            "-q",
            "--format",
            "ndjson",
            "--output-dir",
            folder.path().to_str().unwrap(),
            notice,
        ],
        b"",
        0,
    );
    let written = std::fs::read_to_string(folder.path().join(format!("{notice}.json"))).unwrap();
    assert_eq!(written.lines().count(), 1);
    let record: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(record["title"], "月澜县委第三巡察组关于进驻县水利局开展常规巡察的公告");
}

#[test]
fn the_compare_table_fits_the_terminal_and_takes_columns() {
    use unicode_width::UnicodeWidthStr;
    for width in ["80", "120"] {
        let output = common::zhenggai()
            .args(["compare", "-q", "corpus"])
            .env("COLUMNS", width)
            .output()
            .unwrap();
        assert!(output.status.success());
        let table = String::from_utf8(output.stdout).unwrap();
        let width: usize = width.parse().unwrap();
        for line in table.lines() {
            assert!(line.width() <= width, "{width}: {line:?}");
        }
        // The notices' file names end their path cells (the start is cut).
        assert!(table.contains("sloppy-half-converted.txt"), "{table}");
        assert_eq!(table.lines().next(), Some("paths below corpus/"));
    }
    let chosen = run(
        &[
            "compare",
            "-q",
            "--columns",
            "target,funds_recovered",
            "corpus/baishan-city-federation-2025-sloppy-half-converted.txt",
        ],
        b"",
        0,
    );
    let chosen = String::from_utf8(chosen).unwrap();
    let lines: Vec<Vec<&str>> = chosen.lines().map(|line| line.split_whitespace().collect()).collect();
    assert_eq!(lines[0], ["target", "funds_recovered"]);
    // 追回…3.6万元 (the notice's facts: funds_recovered 36000).
    assert_eq!(lines[2], ["市文聯黨組", "3.6万元"]);
    let csv = run(
        &[
            "compare",
            "-q",
            "--format",
            "csv",
            "--columns",
            "path,people_educated",
            "corpus/baishan-city-federation-2025-sloppy-half-converted.txt",
        ],
        b"",
        0,
    );
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "path,people_educated\ncorpus/baishan-city-federation-2025-sloppy-half-converted.txt,4\n"
    );
}

#[test]
fn compare_rows_say_how_long_a_unit_took_and_what_disagrees() {
    let rows = run(
        &[
            "compare",
            "-q",
            "--format",
            "json",
            "corpus/qingxi-town-2024-xuncha-slogan-headings.txt",
            "corpus/zhuoquan-county-water-bureau-2024-xuncha-figures-disagree.txt",
        ],
        b"",
        0,
    );
    let rows: serde_json::Value = serde_json::from_slice(&rows).unwrap();
    // Qingxi: fed back 2024-09-05, published 2024-12-16 (25 + 31 + 30 + 16 days).
    assert_eq!(rows[0]["feedback"], "2024-09-05");
    assert_eq!(rows[0]["days_feedback_to_published"], 102);
    assert_eq!(rows[0]["flags"], serde_json::json!([]));
    // Zhuoquan: 2024-05-28 to 2024-08-26 (3 + 30 + 31 + 26 days); its facts
    // give the warnings inconsistent_dates and inconsistent_counts.
    assert_eq!(rows[1]["days_feedback_to_published"], 90);
    assert_eq!(
        rows[1]["flags"],
        serde_json::json!(["inconsistent_dates", "inconsistent_counts"])
    );
}

#[test]
fn compare_summary_rows_total_what_the_notices_state() {
    let csv = run(
        &[
            "compare",
            "-q",
            "--summary",
            "--format",
            "csv",
            "--columns",
            "path,problems_total,funds_recovered",
            "corpus",
        ],
        b"",
        0,
    );
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 45 + 2, "{csv}");
    // The facts files of the rectification notices state 757 problems and
    // 583,562,800 元 recovered; the two copies of the Liutang round summary,
    // whose facts leave its metrics out, state 214 problems and 173.8万元
    // each (checked in its text: 巡察反馈的214个问题, 清退、追缴违规资金173.8万元).
    assert_eq!(lines[lines.len() - 2], "(total 合计),1185,587038800");
    assert!(lines[lines.len() - 1].starts_with("(median 中位数),9,"), "{csv}");
}
