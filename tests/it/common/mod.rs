//! Helpers shared by the integration tests: the corpus files and their facts.

pub mod facts;

use std::path::{Path, PathBuf};
use std::process::Command;

pub use facts::notices_in;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary, run from the project root.
pub fn zhenggai() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("zhenggai").expect("binary builds");
    command.current_dir(root());
    command
}

/// The accepted corpus: notices whose facts must all match.
pub fn corpus() -> Vec<PathBuf> {
    notices_in(&root().join("corpus"))
}

/// Every notice, accepted and pending.
pub fn all_notices() -> Vec<PathBuf> {
    let mut files = corpus();
    files.extend(notices_in(&root().join("corpus/pending")));
    files
}

/// The facts file of a notice.
pub fn facts_path(notice: &Path) -> PathBuf {
    let dir = notice.parent().expect("notice has a folder");
    let stem = notice.file_stem().expect("notice has a name").to_string_lossy();
    dir.join("facts").join(format!("{stem}.json"))
}

/// The hand-checked facts of a notice.
pub fn facts_of(notice: &Path) -> facts::Facts {
    facts::Facts::read(&facts_path(notice)).unwrap_or_else(|error| panic!("{error}"))
}

/// A `PYTHONPATH` under which the Python packages of
/// `scripts/requirements-test.txt` (duckdb, pandas, openpyxl) import,
/// installing them into `target/python-deps` when they do not (once: tests
/// that ask at the same time wait for the one install).
pub fn python_path() -> String {
    static PYTHON_PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PYTHON_PATH.get_or_init(install_python_deps).clone()
}

fn install_python_deps() -> String {
    let deps = root().join("target/python-deps");
    let python_path = deps.display().to_string();
    // Whether they import, asked quietly: a missing package is the expected
    // answer on a fresh machine, not an error to print.
    let imports = |path: &str| {
        Command::new("python3")
            .args(["-c", "import duckdb, pandas, openpyxl"])
            .env("PYTHONPATH", path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    if !imports(&python_path) {
        // pip's output (and its resolver's complaints about the system's
        // packages, which --target does not touch) is shown only when the
        // install fails.
        let output = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-warn-conflicts",
                "--target",
            ])
            .arg(&deps)
            .arg("-r")
            .arg(root().join("scripts/requirements-test.txt"))
            .output()
            .expect("pip runs");
        assert!(
            output.status.success() && imports(&python_path),
            "installing scripts/requirements-test.txt into target/python-deps failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    python_path
}
