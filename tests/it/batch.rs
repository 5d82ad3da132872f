//! Batch runs of the real binary: directory trees, input order, error
//! records in place, --output-dir, CSV tables, compare, jobs.

use crate::common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use zhenggai::record::GenreKind;

/// A tree of `count` notices copied from the corpus into nested folders,
/// plus one empty file, in a fresh scratch directory.
fn notice_tree(name: &str, count: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!("zhenggai-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    // The documents a directory walk takes by default (not the .json data file).
    let notices: Vec<PathBuf> = common::corpus()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext != "json"))
        .collect();
    for index in 0..count {
        let source = &notices[index % notices.len()];
        let extension = source.extension().unwrap().to_string_lossy().into_owned();
        let path = root.join(format!(
            "unit{:02}/part{}/notice{index:04}.{extension}",
            index % 7,
            index % 3
        ));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(source, &path).unwrap();
    }
    std::fs::write(root.join("unit00/empty.txt"), b"").unwrap();
    std::fs::write(root.join("unit00/skipped.pdf"), b"%PDF").unwrap();
    root
}

fn ndjson(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn files_below(directory: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_tree_of_300_notices_streams_in_order() {
    let root = notice_tree("ndjson", 300);
    let output = common::zhenggai()
        .args(["parse", "--jobs", "2"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the empty file fails");
    let records = ndjson(&output.stdout);
    assert_eq!(
        records.len(),
        301,
        "300 notices and the empty file; the .pdf is not taken"
    );
    let paths: Vec<String> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_by_key(|path| PathBuf::from(path));
    assert_eq!(paths, sorted, "sorted path order");
    let errors: Vec<&Value> = records.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["error"]["code"], "empty_input");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The summary counts notices, other documents and errors apart.
    let others = records
        .iter()
        .filter(|r| {
            r.get("genre")
                .is_some_and(|genre| genre["kind"] != "rectification_notice")
        })
        .count();
    assert!(others > 0, "the tree holds near-genre documents");
    let summary = format!(
        "{} notices, {others} other documents (not_a_notice), 1 errors",
        300 - others
    );
    assert!(stderr.contains(&summary), "{stderr}");

    // One job gives the same stream.
    let serial = common::zhenggai()
        .args(["parse", "--quiet", "--jobs", "1"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(serial.stdout, output.stdout);
    assert!(serial.stderr.starts_with(b"zhenggai: ") && !String::from_utf8_lossy(&serial.stderr).contains("parsed"));

    // --output-dir: one file per input, mirroring the tree.
    let out = root.with_extension("out");
    let written = common::zhenggai()
        .args(["parse", "--quiet"])
        .arg("--output-dir")
        .arg(&out)
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(written.status.code(), Some(1));
    assert!(written.stdout.is_empty());
    let files = files_below(&out);
    assert_eq!(files.len(), 301);
    assert!(out.join("unit00/part0/notice0000.txt.json").is_file());
    let record: Value = serde_json::from_slice(&std::fs::read(out.join("unit00/empty.txt.json")).unwrap()).unwrap();
    assert_eq!(record["error"]["code"], "empty_input");

    // compare: a row per notice plus the error row, with every metric column;
    // the other documents are left out.
    let compared = common::zhenggai()
        .args(["compare", "--quiet", "--format", "csv"])
        .arg(&root)
        .output()
        .unwrap();
    let csv = String::from_utf8(compared.stdout).unwrap();
    let header = csv.lines().next().unwrap();
    for metric in [
        "problems_total",
        "people_educated",
        "funds_recovered",
        "clues_transferred",
    ] {
        assert!(header.contains(metric), "{header}");
    }
    assert_eq!(csv.lines().count(), 1 + 300 - others + 1);
    std::fs::remove_dir_all(&root).ok();
    std::fs::remove_dir_all(&out).ok();
}

#[test]
fn output_dir_never_escapes() {
    let scratch = std::env::temp_dir().join(format!("zhenggai-escape-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("deep/inner")).unwrap();
    let notice = common::root().join("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt");
    std::fs::copy(&notice, scratch.join("deep/notice.txt")).unwrap();
    let out = scratch.join("deep/inner/out");
    common::zhenggai()
        .current_dir(scratch.join("deep/inner"))
        .args(["parse", "--quiet", "--output-dir", "out", "../notice.txt"])
        .assert()
        .success();
    assert_eq!(files_below(&out), [out.join("notice.txt.json")]);
    assert!(!scratch.join("deep/notice.txt.json").exists());
    std::fs::remove_dir_all(&scratch).ok();
}

#[test]
fn files_from_and_csv_tables() {
    let list = std::env::temp_dir().join(format!("zhenggai-list-{}.txt", std::process::id()));
    std::fs::write(
        &list,
        "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt\n\ncorpus/songping-county-2023-xunshi-provincial.txt\n",
    )
    .unwrap();
    let output = common::zhenggai()
        .args([
            "parse",
            "--quiet",
            "--format",
            "csv",
            "--table",
            "quantities",
            "--files-from",
        ])
        .arg(&list)
        .output()
        .unwrap();
    assert!(output.status.success());
    let csv = String::from_utf8(output.stdout).unwrap();
    let facts = |name: &str| -> usize {
        let notice = common::root().join(format!("corpus/{name}.txt"));
        common::facts_of(&notice)
            .quantities
            .expect("the facts list the quantities")
            .len()
    };
    let expected =
        facts("lishui-fulian-2025-xuncha-sloppy-traditional") + facts("songping-county-2023-xunshi-provincial");
    assert_eq!(csv.lines().count(), 1 + expected);
    assert!(csv.starts_with(
        "path,title,publisher,target,genre,node,span_start,span_end,text,value,value_max,unit,approx,kind,label\n"
    ));
    assert!(csv.contains(
        "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt,中共麗水市婦女聯合會黨組關于五屆市委第四輪巡察整改進展情況的通報,\
         中共麗水市婦女聯合會黨組,市婦聯黨組,rectification_notice,4.1,"
    ));
    common::zhenggai()
        .args(["parse", "--format", "csv", "corpus/"])
        .assert()
        .code(2);
    std::fs::remove_file(&list).ok();
}

#[test]
fn compare_reads_saved_records_and_renders_html() {
    let saved = common::zhenggai()
        .args(["parse", "--quiet", "corpus/"])
        .output()
        .unwrap();
    let records = std::env::temp_dir().join(format!("zhenggai-records-{}.ndjson", std::process::id()));
    std::fs::write(&records, &saved.stdout).unwrap();
    let from_records = common::zhenggai()
        .args(["compare", "--quiet", "--format", "json"])
        .arg(&records)
        .output()
        .unwrap();
    let from_notices = common::zhenggai()
        .args(["compare", "--quiet", "--format", "json", "corpus/"])
        .output()
        .unwrap();
    assert!(from_records.status.success());
    assert_eq!(from_records.stdout, from_notices.stdout, "the same rows either way");
    // One row per rectification notice that the walk takes (pending/
    // included; a .json file in a folder is read only if it holds records,
    // so the facts files and the saved API response are skipped); the other
    // documents (their facts say which) are left out unless asked for.
    let walked: Vec<PathBuf> = common::all_notices()
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext != "json"))
        .collect();
    let others = walked
        .iter()
        .filter(|path| {
            common::facts_of(path)
                .genre
                .is_some_and(|genre| genre != GenreKind::RectificationNotice)
        })
        .count();
    assert!(others >= 7, "the near-genre documents are walked");
    let rows: Value = serde_json::from_slice(&from_records.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), walked.len() - others);
    let everything = common::zhenggai()
        .args(["compare", "--quiet", "--all-genres", "--format", "json", "corpus/"])
        .output()
        .unwrap();
    let all_rows: Value = serde_json::from_slice(&everything.stdout).unwrap();
    assert_eq!(all_rows.as_array().unwrap().len(), walked.len());
    let html = common::zhenggai()
        .args(["compare", "--quiet", "--format", "html", "corpus/"])
        .output()
        .unwrap();
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.contains("<svg") && page.contains("<table"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "self-contained"
    );
    std::fs::remove_file(&records).ok();
}
