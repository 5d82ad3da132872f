//! What the library promises its users about itself: without default
//! features, and with the feature `batch` alone (as the Python package
//! builds it), it builds no command-line crates and no C code.

use std::process::Command;

/// The crates of the library's normal dependency tree with `features`.
fn crates_with(features: &[&str]) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-e",
            "normal",
            "--no-default-features",
            "--offline",
            "--prefix",
            "none",
        ])
        .args(features.iter().flat_map(|feature| ["--features", feature]))
        .args(["--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_library_alone_or_with_batch_builds_no_cli_crates_and_no_c() {
    for features in [&[][..], &["batch"]] {
        let crates = crates_with(features);
        assert!(
            crates.iter().any(|name| name == "jieba-rs"),
            "the tree lists the library's crates: {crates:?}"
        );
        for unwanted in [
            "clap",
            "clap_complete",
            "clap_mangen",
            "roff",
            "indicatif",
            "cc",
            "mimalloc",
            "libmimalloc-sys",
            "signal-hook",
            "maud",
            "comfy-table",
            "rust_xlsxwriter",
            "tempfile",
        ] {
            assert!(
                !crates.iter().any(|name| name == unwanted),
                "{unwanted} in the library's tree with {features:?}"
            );
        }
    }
    // The batch room's own crates come with it, and only with it.
    assert!(!crates_with(&[]).iter().any(|name| name == "walkdir"));
    assert!(crates_with(&["batch"]).iter().any(|name| name == "walkdir"));
}
