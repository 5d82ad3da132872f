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
