//! `zhenggai --version`: the package version and, built from a git
//! checkout, the commit (build.rs).

use crate::common;

use std::process::Command;

/// The short hash of HEAD of this checkout, as build.rs asks git for it;
/// none when git is missing or this is not a checkout.
fn head_short_hash() -> Option<String> {
    let output = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(common::root())
        .output()
        .ok()?;
    let hash = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !hash.is_empty()).then_some(hash)
}

#[test]
fn version_names_the_package_version_and_the_commit() {
    let output = common::zhenggai().arg("--version").output().unwrap();
    assert!(output.status.success());
    let version = String::from_utf8(output.stdout).unwrap();
    let package = format!("zhenggai {}", env!("CARGO_PKG_VERSION"));
    match head_short_hash() {
        Some(hash) if common::root().join(".git").exists() => assert!(
            version.starts_with(&format!("{package} ({hash}")) && version.trim_end().ends_with(')'),
            "{version:?} should be {package:?} with the commit {hash} in brackets"
        ),
        _ => assert!(version.starts_with(&package), "{version:?} starts with {package:?}"),
    }
}
