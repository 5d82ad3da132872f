//! Runs every `sh batch-example` block of README.md, in order, in one
//! scratch directory that sees the corpus as `corpus/` and the built binary
//! as `zhenggai`. The examples need bash, jq and the Python packages of
//! `scripts/requirements-test.txt`: the test installs what is missing (the
//! packages into `target/python-deps`, jq with apt-get), so `cargo test`
//! alone sets everything up.

use crate::common;

use std::process::Command;

fn examples() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md reads");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_start()) {
            (None, fence) if fence.starts_with("```sh batch-example") => current = Some(String::new()),
            (Some(_), "```") => blocks.extend(current.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// A `PYTHONPATH` under which duckdb and pandas import, installing them into
/// `target/python-deps` when they do not.
fn python_path() -> String {
    let deps = common::root().join("target/python-deps");
    let python_path = deps.display().to_string();
    let imports = |path: &str| {
        Command::new("python3")
            .args(["-c", "import duckdb, pandas"])
            .env("PYTHONPATH", path)
            .status()
            .is_ok_and(|status| status.success())
    };
    if !imports(&python_path) {
        let status = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
            ])
            .arg(&deps)
            .arg("-r")
            .arg(common::root().join("scripts/requirements-test.txt"))
            .status()
            .expect("pip runs");
        assert!(status.success(), "installing scripts/requirements-test.txt failed");
    }
    python_path
}

/// jq, installed with apt-get when missing.
fn ensure_jq() {
    let has_jq = Command::new("jq")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jq {
        let status = Command::new("bash")
            .args([
                "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq",
            ])
            .status()
            .expect("apt-get runs");
        assert!(status.success(), "installing jq failed");
    }
}

#[test]
fn readme_batch_examples_run() {
    let python_path = python_path();
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
    for block in blocks {
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
        assert!(!stdout.trim().is_empty(), "README block printed nothing:\n{block}");
    }
    std::fs::remove_dir_all(&scratch).ok();
}
