//! Helpers shared by the integration tests: the corpus files and their facts.

pub mod facts;

use std::path::{Path, PathBuf};

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
