//! The real binary: arguments, streams, exit codes, `--to`, error records.

use crate::common;

use serde_json::Value;

const SAMPLE: &str = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt";

fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON record"))
        .collect()
}

#[test]
fn parse_prints_one_pretty_record() {
    let output = common::zhenggai().args(["parse", SAMPLE]).output().unwrap();
    assert!(output.status.success());
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        record["title"],
        "中共麗水市婦女聯合會黨組關于五屆市委第四輪巡察整改進展情況的通報"
    );
    assert_eq!(record["source"]["path"], SAMPLE);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("\n  \"source\""),
        "pretty-printed"
    );
}

#[test]
fn to_simplified_converts_text_fields_only() {
    let output = common::zhenggai()
        .args(["parse", "--to", "simplified", SAMPLE])
        .output()
        .unwrap();
    assert!(output.status.success());
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        record["title"],
        "中共丽水市妇女联合会党组关于五届市委第四轮巡察整改进展情况的通报"
    );
    assert_eq!(record["issues"][0]["problem"], "推动妇女儿童工作高质量发展还需持续发力");
    assert_eq!(record["inspection"]["body"], "市委第二巡察组");
    // Quantity text stays the exact original slice; units are canonical.
    let money = record["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["value"] == 4_000_000)
        .unwrap();
    assert_eq!(money["text"], "400余萬元");
    assert_eq!(money["unit"], "元");
}

#[test]
fn to_traditional_converts_simplified_input() {
    let notice = "中共某县教育局党组关于巡察整改进展情况的通报\n根据县委统一部署,县委第一巡察组对县教育局党组进行了巡察。\n一、关于“学校后勤管理不规范”问题的整改情况\n(一)健全制度。修订制度5项。\n";
    let output = common::zhenggai()
        .args(["parse", "--to", "traditional", "-"])
        .write_stdin(notice)
        .output()
        .unwrap();
    assert!(output.status.success());
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["title"], "中共某縣教育局黨組關於巡察整改進展情況的通報");
    assert_eq!(record["issues"][0]["problem"], "學校後勤管理不規範");
    assert_eq!(record["source"]["path"], Value::Null);
    assert_eq!(record["source"]["script"], "simplified");
}

#[test]
fn bad_inputs_give_error_records_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("zhenggai-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let invalid = dir.join("invalid.txt");
    let empty = dir.join("empty.txt");
    let binary = dir.join("binary.bin");
    std::fs::write(&invalid, b"\xe6\x95\xb4\xff\xfe abc").unwrap();
    std::fs::write(&empty, b"").unwrap();
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let missing = dir.join("missing.txt");
    let output = common::zhenggai()
        .arg("parse")
        .arg(SAMPLE)
        .args([&invalid, &empty, &binary, &missing])
        .arg(SAMPLE)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found = records(&output.stdout);
    assert_eq!(found.len(), 6, "one record per input, in order");
    let codes: Vec<&str> = found
        .iter()
        .map(|r| r["error"]["code"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(
        codes,
        ["ok", "decode_error", "empty_input", "not_text", "io_error", "ok"]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid.txt") && stderr.contains("invalid byte sequence"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2() {
    common::zhenggai().args(["parse"]).assert().code(2);
    common::zhenggai()
        .args(["parse", "--to", "klingon", SAMPLE])
        .assert()
        .code(2);
}

#[test]
fn schema_command_prints_the_contract() {
    let output = common::zhenggai().arg("schema").output().unwrap();
    assert!(output.status.success());
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn segment_prints_tokens_with_spans() {
    let output = common::zhenggai()
        .args(["segment", "--format", "json", SAMPLE])
        .output()
        .unwrap();
    assert!(output.status.success());
    let tokens = records(&output.stdout);
    let text: Vec<char> = std::fs::read_to_string(common::root().join(SAMPLE))
        .unwrap()
        .chars()
        .collect();
    for token in &tokens {
        let start = token["span"][0].as_u64().unwrap() as usize;
        let end = token["span"][1].as_u64().unwrap() as usize;
        assert_eq!(
            text[start..end].iter().collect::<String>(),
            token["word"].as_str().unwrap()
        );
    }
    // The domain dictionary keeps its words whole, on the Traditional original.
    assert!(tokens.iter().any(|t| t["word"] == "巡察組"));
    assert!(tokens.iter().any(|t| t["word"] == "一崗雙責"));
    let plain = common::zhenggai().args(["segment", SAMPLE]).output().unwrap();
    let first_line = String::from_utf8_lossy(&plain.stdout)
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(first_line.starts_with("中共 "), "{first_line}");
}

#[test]
fn closed_stdout_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let binary = assert_cmd::cargo::cargo_bin("zhenggai");
    let mut args = vec!["parse", "--format", "ndjson", "--with-text"];
    args.extend(std::iter::repeat_n(SAMPLE, 300));
    let mut child = std::process::Command::new(binary)
        .current_dir(common::root())
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    // The reader is dropped here: stdout is closed, like `| head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn four_inputs_two_errors_in_order() {
    let dir = std::env::temp_dir().join(format!("zhenggai-four-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("binary.bin"), [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0]).unwrap();
    let output = common::zhenggai()
        .arg("parse")
        .arg(SAMPLE)
        .arg(dir.join("empty.txt"))
        .arg(dir.join("binary.bin"))
        .arg("corpus/songping-county-2023-xunshi-provincial.gb18030.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found = records(&output.stdout);
    let codes: Vec<&str> = found
        .iter()
        .map(|r| r["error"]["code"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(codes, ["ok", "empty_input", "not_text", "ok"]);
    assert_eq!(found[3]["source"]["encoding"], "gb18030");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn reading_options_limit_and_force() {
    let output = common::zhenggai()
        .args(["parse", "--max-bytes", "1000", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["code"], "too_large");
    assert_eq!(record["source"]["bytes"], 10094);
    // Forcing the wrong encoding is honoured, and fails loudly.
    let output = common::zhenggai()
        .args([
            "parse",
            "--encoding",
            "utf-8",
            "corpus/songping-county-2023-xunshi-provincial.gb18030.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["code"], "decode_error");
    common::zhenggai()
        .args(["parse", "--encoding", "klingon", SAMPLE])
        .assert()
        .code(2);
}

#[test]
fn saved_pages_are_read_as_html() {
    let output = common::zhenggai()
        .args([
            "parse",
            "--with-text",
            "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["source"]["format"], "html");
    assert_eq!(record["source"]["page_date"], "2024-09-02T09:30:00");
    let text = record["text"].as_str().unwrap();
    assert!(text.starts_with("中共上海市新禾区委员会关于十二届市委第二轮巡视\n集中整改进展情况的通报\n"));
    // Chrome elements are gone with their elements; markup is decoded.
    for chrome in ["当前位置", "分享到", "打印本页", "版权所有", "ICP备", "<p", "&nbsp;"] {
        assert!(!text.contains(chrome), "{chrome} is chrome");
    }
    // The release line is plain text: it stays (spans index it), and gives
    // the page date but no quantity or date.
    let chars: Vec<char> = text.chars().collect();
    let line_start = text[..text.find("浏览量").unwrap()].rfind('\n').unwrap() + 1;
    let line_start = text[..line_start].chars().count();
    let line_end = line_start + chars[line_start..].iter().position(|&c| c == '\n').unwrap();
    for item in record["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .chain(record["dates"].as_array().unwrap())
    {
        let start = item["span"][0].as_u64().unwrap() as usize;
        assert!(
            !(line_start..line_end).contains(&start),
            "{item} is taken from the release line"
        );
    }
}
