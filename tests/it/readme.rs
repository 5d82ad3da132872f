//! Runs every `sh batch-example` block of README.md, in order, in one
//! scratch directory that sees the corpus as `corpus/` and the built binary
//! as `zhenggai`. The examples need bash, jq and the Python packages of
//! `scripts/requirements-test.txt`: the test installs what is missing (the
//! packages into `target/python-deps`, jq with apt-get), so `cargo test`
//! alone sets everything up.

use crate::common;

use std::process::Command;

/// The `sh batch-example` blocks of README.md, in order, each with the
/// `text batch-output` block that must follow it (before any other fenced
/// block): what the example prints, exactly.
fn examples() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md reads");
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut example: Option<String> = None;
    let mut current: Option<(String, String)> = None;
    for (number, line) in readme.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, fence) if fence.starts_with("```") => {
                let info = fence.trim_start_matches('`').trim();
                if example.is_some() && info != "text batch-output" {
                    panic!(
                        "README.md line {}: a batch-example must be followed by its ```text batch-output block",
                        number + 1
                    );
                }
                current = Some((info.to_string(), String::new()));
            }
            (Some((info, block)), "```") => {
                if info.starts_with("sh batch-example") {
                    example = Some(std::mem::take(block));
                } else if info == "text batch-output" {
                    let example = example.take().unwrap_or_else(|| {
                        panic!(
                            "README.md line {}: an output block with no example before it",
                            number + 1
                        )
                    });
                    blocks.push((example, std::mem::take(block)));
                }
                current = None;
            }
            (Some((_, block)), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    assert!(
        example.is_none(),
        "README.md: the last batch-example has no output block"
    );
    blocks
}

/// jq, installed with apt-get when missing.
fn ensure_jq() {
    let has_jq = Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jq {
        let output = Command::new("bash")
            .args([
                "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq",
            ])
            .output()
            .expect("apt-get runs");
        assert!(
            output.status.success(),
            "installing jq with apt-get failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn readme_batch_examples_run() {
    let python_path = common::python_path();
    ensure_jq();
    let blocks = examples();
    assert!(blocks.len() >= 4, "the README keeps its batch examples");
    let scratch = std::env::temp_dir().join(format!("zhenggai-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    std::os::unix::fs::symlink(common::root().join("corpus"), scratch.join("corpus")).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("zhenggai");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (block, expected) in blocks {
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", &block])
            .current_dir(&scratch)
            .env("PATH", &path)
            .env("PYTHONPATH", &python_path)
            .output()
            .expect("bash runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "README block failed:\n{block}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        assert_eq!(
            stdout, expected,
            "README block printed other than its output block:\n{block}\nstderr:\n{stderr}"
        );
    }
    std::fs::remove_dir_all(&scratch).ok();
}
