//! Helpers shared by the integration tests: the corpus files and their facts.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Notices directly in `dir` (`.txt`, `.html`, `.htm`), sorted.
pub fn notices_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| {
                    path.extension()
                        .is_some_and(|ext| ext == "txt" || ext == "html" || ext == "htm")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
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
