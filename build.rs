//! Names the commit in `zhenggai --version` when built from a git checkout.
//!
//! Sets `ZHENGGAI_VERSION` for the command line (feature `cli`): the
//! package version, followed by the short hash and the commit date of HEAD
//! when the package folder is itself a git checkout (`0.1.0 (abc1234
//! 2026-12-04)`), else the package version alone (a crates.io download, a
//! folder copied out of its repository, git not installed). Nothing depends
//! on the clock, and nothing stops the build: every git failure is the plain
//! version. The script reruns when HEAD moves (a commit, a checkout) and
//! otherwise never; without the `cli` feature it runs no git at all.
//!
//! A `-dirty` mark is left out: knowing it would mean rerunning on every
//! change to any file of the checkout.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var_os("CARGO_FEATURE_CLI").is_none() {
        return;
    }
    let package_version = env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let version = match commit(&manifest_dir) {
        Some(commit) => format!("{package_version} ({commit})"),
        None => package_version,
    };
    println!("cargo:rustc-env=ZHENGGAI_VERSION={version}");
}

/// `abc1234 2026-12-04` for the HEAD of the checkout at `dir` (`abc1234`
/// if git gives no date), after asking cargo to rerun when HEAD moves; none
/// when `dir` is not the top of a checkout or git cannot tell.
fn commit(dir: &Path) -> Option<String> {
    // Only this package's own checkout: a folder with no `.git` of its own
    // (a crates.io download, a copy vendored into another repository) must
    // not be named after the repository around it.
    if !dir.join(".git").exists() {
        return None;
    }
    watch_head(dir);
    let described = git(dir, &["log", "-1", "--format=%h %cs"])?;
    let commit = described.trim();
    (!commit.is_empty()).then(|| commit.to_string())
}

/// Reruns the script when HEAD changes: the HEAD file (a checkout, a
/// detached HEAD moving) and, when HEAD names a branch, the branch's loose
/// ref and the packed refs (a commit on it). Works in linked worktrees, whose
/// HEAD is in their own git folder and whose refs are in the shared one.
fn watch_head(dir: &Path) {
    let Some(paths) = git(
        dir,
        &[
            "rev-parse",
            "--git-path",
            "HEAD",
            "--git-common-dir",
            "--symbolic-full-name",
            "HEAD",
        ],
    ) else {
        return;
    };
    let mut lines = paths.lines();
    let (Some(head), Some(common_dir)) = (lines.next(), lines.next()) else {
        return;
    };
    let common_dir = dir.join(common_dir);
    let mut watched = vec![dir.join(head), common_dir.join("packed-refs")];
    if let Some(branch) = lines.next().filter(|name| name.starts_with("refs/")) {
        watched.push(common_dir.join(branch));
    }
    // A path that does not exist would make cargo rerun the script on every
    // build.
    for path in watched.iter().filter(|path| path.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The standard output of `git ARGS` run in `dir`, if git runs and succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // The checkout is the one at `dir`, whatever the environment says
        // (a git hook running cargo sets these for its own repository).
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}
