//! `zhenggai completions SHELL` and `zhenggai man`: scripts and manual
//! pages that name the real subcommands and options.

use crate::common;

use std::process::Command;

/// The subcommands every script and page must name.
const SUBCOMMANDS: [&str; 8] = [
    "parse",
    "compare",
    "annotate",
    "segment",
    "rules",
    "schema",
    "completions",
    "man",
];

fn stdout_of(args: &[&str]) -> String {
    let output = common::zhenggai().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "zhenggai {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn bash_completions_name_subcommands_and_options_and_are_valid_bash() {
    let script = stdout_of(&["completions", "bash"]);
    for word in SUBCOMMANDS
        .iter()
        .chain(&["--output-dir", "--files-from", "--with-text", "--dir"])
    {
        assert!(script.contains(word), "the bash script lacks {word}");
    }
    // The value lists of options complete too.
    assert!(script.contains("simplified"), "the values of --to");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zhenggai.bash");
    std::fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().expect("bash runs");
    assert!(
        check.status.success(),
        "bash -n rejects the script: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    // The script defines the completion function and registers it.
    let sourced = Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p zhenggai", file.display()))
        .output()
        .expect("bash runs");
    assert!(
        sourced.status.success() && String::from_utf8_lossy(&sourced.stdout).contains("zhenggai"),
        "sourcing the script registers a completion for zhenggai: {}",
        String::from_utf8_lossy(&sourced.stderr)
    );
}

#[test]
fn every_shell_gets_its_own_script() {
    let shells = ["bash", "zsh", "fish", "powershell", "elvish"];
    let scripts: Vec<String> = shells.iter().map(|shell| stdout_of(&["completions", shell])).collect();
    for ((index, shell), script) in shells.iter().enumerate().zip(&scripts) {
        // fish names long options without their dashes (`-l output-dir`).
        assert!(
            script.contains("output-dir"),
            "the {shell} script completes --output-dir"
        );
        assert!(
            !scripts[..index].contains(script),
            "the {shell} script repeats an earlier one"
        );
    }
    assert!(
        scripts[1].starts_with("#compdef zhenggai"),
        "zsh: {}",
        &scripts[1][..40]
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = common::zhenggai().args(["completions", "nonsense"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nonsense") && stderr.contains("bash"), "{stderr}");
}

#[test]
fn man_prints_the_main_page_with_every_subcommand() {
    let page = stdout_of(&["man"]);
    let title = page.lines().position(|line| line.starts_with(".TH zhenggai 1 "));
    let name = page.lines().position(|line| line == ".SH NAME");
    assert!(
        matches!((title, name), (Some(title), Some(name)) if title < name),
        "a .TH title, then the NAME section:\n{page}"
    );
    for subcommand in SUBCOMMANDS {
        // roff escapes the hyphen.
        let reference = format!("zhenggai\\-{subcommand}(1)");
        assert!(page.contains(&reference), "the page lists {reference}");
    }
    assert!(!page.contains("zhenggai\\-help"), "help has no page to refer to");
}

#[test]
fn man_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let pages_dir = dir.path().join("man1");
    let listed = stdout_of(&["man", "--dir", pages_dir.to_str().unwrap()]);
    let mut written: Vec<String> = std::fs::read_dir(&pages_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = SUBCOMMANDS
        .iter()
        .map(|subcommand| format!("zhenggai-{subcommand}.1"))
        .chain(["zhenggai.1", "zhenggai-rules-export.1", "zhenggai-rules-check.1"].map(String::from))
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(listed.lines().count(), expected.len(), "each path is listed:\n{listed}");
    let parse_page = std::fs::read_to_string(pages_dir.join("zhenggai-parse.1")).unwrap();
    let version = format!("\"zhenggai {}", env!("CARGO_PKG_VERSION"));
    assert!(
        parse_page
            .lines()
            .any(|line| line.starts_with(".TH zhenggai-parse 1 ") && line.contains(&version)),
        "a title naming the page and the program's version: {}",
        &parse_page[..200]
    );
    assert!(
        parse_page.contains("\\-\\-output\\-dir"),
        "the parse page documents --output-dir"
    );
}
