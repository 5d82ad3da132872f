//! The batch a user can leave running overnight: the real binary on inputs
//! that once hung it, lost records or wrote outside its output directory.
//! One test per reproduction; small sizes (the linearity figures live in
//! `examples/pathological.rs`, not in timed tests).

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const SAMPLE: &str = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt";

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("zhenggai-robust-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&directory);
    fs::create_dir_all(&directory).unwrap();
    directory
}

fn sample() -> PathBuf {
    common::root().join(SAMPLE)
}

fn ndjson(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every line is a whole record"))
        .collect()
}

/// No test below may hang: a run that would is cut and fails.
const NO_HANG: Duration = Duration::from_secs(60);

#[test]
fn output_dir_refuses_inputs_that_share_a_file() {
    let root = scratch("clash");
    fs::create_dir_all(root.join("a")).unwrap();
    fs::create_dir_all(root.join("b")).unwrap();
    fs::copy(sample(), root.join("a/x.txt")).unwrap();
    fs::copy(sample(), root.join("b/x.txt")).unwrap();
    fs::copy(sample(), root.join("x.txt")).unwrap();
    // Two directories with the same file name, a file and ../ of it, `-` twice.
    for (directory, args) in [("", &["a", "b"][..]), ("a", &["x.txt", "../x.txt"]), ("", &["-", "-"])] {
        let output = common::zhenggai()
            .current_dir(root.join(directory))
            .args(["parse", "--quiet", "--output-dir", "out"])
            .args(args)
            .write_stdin("")
            .timeout(NO_HANG)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains(args[0]) || message.contains("only once"), "{message}");
        assert!(
            !root.join(directory).join("out").exists(),
            "nothing written for {args:?}"
        );
    }
    // Separate files in the two directories, named as files, both land.
    common::zhenggai()
        .current_dir(&root)
        .args(["parse", "--quiet", "--output-dir", "out", "a/x.txt", "b/x.txt"])
        .assert()
        .success();
    assert!(root.join("out/a/x.txt.json").is_file());
    assert!(root.join("out/b/x.txt.json").is_file());
    fs::remove_dir_all(&root).ok();
}

#[cfg(unix)]
#[test]
fn output_dir_never_writes_through_links() {
    use std::os::unix::fs::symlink;
    let root = scratch("links");
    let outside = root.join("outside");
    fs::create_dir_all(root.join("in/sub")).unwrap();
    fs::create_dir_all(root.join("out")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::copy(sample(), root.join("in/sub/a.txt")).unwrap();
    symlink(&outside, root.join("out/sub")).unwrap();
    let output = common::zhenggai()
        .current_dir(&root)
        .args(["parse", "--quiet", "--output-dir", "out", "in"])
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("out/sub") && message.contains("symbolic link"),
        "{message}"
    );
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 0, "nothing written outside");
    fs::remove_dir_all(&root).ok();
}

#[test]
fn an_output_path_blocked_by_a_file_names_it_and_exits_3() {
    let root = scratch("blocked");
    fs::create_dir_all(root.join("in/sub")).unwrap();
    fs::copy(sample(), root.join("in/sub/a.txt")).unwrap();
    fs::create_dir_all(root.join("out")).unwrap();
    fs::write(root.join("out/sub"), b"").unwrap();
    let output = common::zhenggai()
        .current_dir(&root)
        .args(["parse", "--quiet", "--output-dir", "out", "in"])
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("out/sub"), "{message}");
    fs::remove_dir_all(&root).ok();
}

#[test]
fn max_bytes_bounds_reading_from_streams() {
    // 10 MB on stdin against a limit of 100: refused after 101 bytes; the
    // writer sees the pipe closed instead of the reader taking it all.
    let output = common::zhenggai()
        .args(["parse", "--max-bytes", "100", "-"])
        .write_stdin(vec![b'y'; 10_000_000])
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["code"], "too_large");
    assert!(record["error"]["message"].as_str().unwrap().contains("100 bytes"));
    // An endless device.
    if Path::new("/dev/zero").exists() {
        let output = common::zhenggai()
            .args(["parse", "--max-bytes", "1000", "/dev/zero"])
            .timeout(NO_HANG)
            .output()
            .unwrap();
        let record: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(record["error"]["code"], "too_large");
    }
    // A file larger than the limit is refused by its size, which the record keeps.
    let output = common::zhenggai()
        .args(["parse", "--max-bytes", "1000", SAMPLE])
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(record["error"]["code"], "too_large");
    assert_eq!(record["source"]["bytes"], fs::metadata(sample()).unwrap().len());
}

#[cfg(unix)]
#[test]
fn fifos_never_hang_the_batch() {
    let root = scratch("fifo");
    fs::copy(sample(), root.join("1.txt")).unwrap();
    let fifo = root.join("2.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    fs::copy(sample(), root.join("3.txt")).unwrap();
    // Met in a walk: an error record in its place, the others parsed.
    let output = common::zhenggai()
        .args(["parse", "--quiet"])
        .arg(&root)
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = ndjson(&output.stdout);
    let errors: Vec<&Value> = records.iter().map(|record| &record["error"]["code"]).collect();
    assert_eq!(errors, [&Value::Null, &Value::from("io_error"), &Value::Null]);
    assert!(
        records[1]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file")
    );
    // Named with no writer: an error record at once, not a wait.
    let output = common::zhenggai()
        .args(["parse", "--quiet"])
        .arg(&fifo)
        .timeout(NO_HANG)
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        record["error"]["message"].as_str().unwrap().contains("no writer"),
        "{record}"
    );
    fs::remove_dir_all(&root).ok();
}

#[cfg(unix)]
#[test]
fn walks_give_a_record_for_every_matching_entry() {
    use std::os::unix::fs::symlink;
    let root = scratch("walk");
    let tree = root.join("tree");
    fs::create_dir_all(&tree).unwrap();
    fs::copy(sample(), tree.join("a.txt")).unwrap();
    fs::copy(sample(), root.join("secret.txt")).unwrap();
    symlink(root.join("secret.txt"), tree.join("b.txt")).unwrap();
    symlink(tree.join("gone.txt"), tree.join("c.txt")).unwrap();
    symlink(tree.join("d.txt"), tree.join("d.txt")).unwrap();
    let output = common::zhenggai()
        .args(["parse", "--quiet"])
        .arg(&tree)
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = ndjson(&output.stdout);
    let paths: Vec<String> = records
        .iter()
        .map(|record| {
            let path = record["source"]["path"].as_str().unwrap();
            Path::new(path).file_name().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(paths, ["a.txt", "b.txt", "c.txt", "d.txt"]);
    let messages: Vec<&str> = records[1..]
        .iter()
        .map(|record| record["error"]["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("outside"), "{}", messages[0]);
    assert!(messages[1].contains("dangling"), "{}", messages[1]);
    assert!(messages[2].contains("loop"), "{}", messages[2]);
    // --follow reads the link that leaves the tree.
    let output = common::zhenggai()
        .args(["parse", "--quiet", "--follow"])
        .arg(&tree)
        .timeout(NO_HANG)
        .output()
        .unwrap();
    let records = ndjson(&output.stdout);
    assert!(records[1]["error"].is_null(), "{}", records[1]);
    assert_eq!(records[1]["title"], records[0]["title"]);
    fs::remove_dir_all(&root).ok();
}

#[cfg(unix)]
#[test]
fn files_from_takes_names_verbatim_and_any_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let root = scratch("list");
    fs::copy(sample(), root.join(" spaced .txt")).unwrap();
    fs::copy(sample(), root.join("#hash.txt")).unwrap();
    let mut list = b" spaced .txt\n#hash.txt\n".to_vec();
    list.extend_from_slice(b"\xff\xfe.txt\n");
    fs::write(root.join("list"), &list).unwrap();
    let output = common::zhenggai()
        .current_dir(&root)
        .args(["parse", "--quiet", "--files-from", "list"])
        .timeout(NO_HANG)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = ndjson(&output.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["source"]["path"], " spaced .txt");
    assert!(records[0]["error"].is_null());
    assert_eq!(records[1]["source"]["path"], "#hash.txt");
    assert!(records[1]["error"].is_null());
    // The name that is not UTF-8 is still an input: missing, so an error record.
    assert_eq!(records[2]["error"]["code"], "io_error");
    assert!(std::ffi::OsStr::from_bytes(b"\xff\xfe.txt").to_str().is_none());
    fs::remove_dir_all(&root).ok();
}

#[test]
fn messages_never_carry_control_characters_to_the_terminal() {
    let output = common::zhenggai()
        .args(["parse", "--quiet", "missing\u{1b}[31m\u{7}.txt"])
        .output()
        .unwrap();
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(!message.contains('\u{1b}') && !message.contains('\u{7}'), "{message:?}");
    assert!(message.contains("missing\\u{1b}[31m\\u{7}.txt"), "{message}");
}

#[test]
fn jobs_are_at_most_the_cores() {
    let output = common::zhenggai()
        .args(["parse", "--quiet", "--jobs", "3000", SAMPLE, SAMPLE])
        .output()
        .unwrap();
    assert!(output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("--jobs 3000 is more than"), "{message}");
    assert_eq!(ndjson(&output.stdout).len(), 2);
    common::zhenggai()
        .args(["parse", "--jobs", "0", SAMPLE])
        .assert()
        .code(2);
}

#[cfg(unix)]
#[test]
fn a_signal_ends_the_run_after_a_whole_record() {
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let binary = assert_cmd::cargo::cargo_bin("zhenggai");
        let list = scratch(&format!("signal-{signal}")).join("list");
        fs::write(&list, format!("{SAMPLE}\n").repeat(20_000)).unwrap();
        let mut child = Command::new(binary)
            .current_dir(common::root())
            .args(["parse", "--quiet", "--jobs", "1", "--files-from"])
            .arg(&list)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let mut rest = Vec::new();
        stdout.read_to_end(&mut rest).unwrap();
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert_eq!(status.code(), Some(code), "{stderr}");
        let records = ndjson(&[first.as_bytes(), &rest].concat());
        assert!(records.len() < 20_000, "the run was cut short");
        assert!(records.iter().all(|record| record["title"].is_string()));
        assert!(
            stderr.contains(&format!("SIG{signal}")) && stderr.contains("stopped after"),
            "{stderr}"
        );
        fs::remove_dir_all(list.parent().unwrap()).ok();
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_a_record_not_the_end_of_the_run() {
    use std::os::unix::fs::PermissionsExt;
    let root = scratch("unreadable");
    fs::create_dir_all(root.join("tree/locked")).unwrap();
    fs::copy(sample(), root.join("tree/a.txt")).unwrap();
    fs::copy(sample(), root.join("tree/locked/b.txt")).unwrap();
    fs::copy(sample(), root.join("tree/z.txt")).unwrap();
    fs::set_permissions(root.join("tree/locked"), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(root.join("tree/locked")).is_ok() {
        // Running as root: permissions do not stop reading; nothing to see.
        fs::set_permissions(root.join("tree/locked"), fs::Permissions::from_mode(0o755)).unwrap();
        fs::remove_dir_all(&root).ok();
        return;
    }
    let output = common::zhenggai()
        .args(["parse", "--quiet"])
        .arg(root.join("tree"))
        .timeout(NO_HANG)
        .output()
        .unwrap();
    fs::set_permissions(root.join("tree/locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = ndjson(&output.stdout);
    assert_eq!(records.len(), 3);
    assert!(records[1]["source"]["path"].as_str().unwrap().ends_with("locked"));
    assert!(records[1]["error"]["message"].as_str().unwrap().contains("missing"));
    assert!(records[2]["error"].is_null());
    fs::remove_dir_all(&root).ok();
}

#[test]
fn compare_reads_saved_records_within_max_bytes() {
    let root = scratch("compare-limit");
    let saved = common::zhenggai()
        .args(["parse", "--quiet", "--format", "ndjson", SAMPLE, SAMPLE])
        .output()
        .unwrap();
    let records = root.join("records.ndjson");
    fs::write(&records, &saved.stdout).unwrap();
    let output = common::zhenggai()
        .args(["compare", "--quiet", "--format", "json", "--max-bytes", "1000"])
        .arg(&records)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("more than the limit of 1000 bytes"), "{message}");
    fs::remove_dir_all(&root).ok();
}
