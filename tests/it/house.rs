//! What the library promises its users about itself: without default
//! features it builds no command-line crates and no C code.

use std::process::Command;

#[test]
fn the_library_alone_builds_no_cli_crates_and_no_c() {
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
        .args(["--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: Vec<&str> = tree.lines().filter_map(|line| line.split_whitespace().next()).collect();
    assert!(
        crates.contains(&"jieba-rs"),
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
    ] {
        assert!(!crates.contains(&unwanted), "{unwanted} in the library's tree");
    }
}
