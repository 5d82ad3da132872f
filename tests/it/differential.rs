//! The two OpenCC converters agree: the default (pure Rust `ferrous-opencc`)
//! and the reference C++ library (`opencc-rust`, feature `system-opencc`).
//!
//! For every corpus notice, its whole decoded text converted both ways, and
//! its record parsed `--to original|simplified|traditional`, must be the same
//! with either converter: records leaf by leaf, and every differing string
//! cut into minimal differing fragments, each of which must be explained by
//! one phrase of [`KNOWN_DIFFERENCES`]. Notices are checked in parallel, so
//! the one shared system converter is used from several threads at once, as
//! in a `parse` batch.
//!
//! Run with `cargo test --features system-opencc --test it differential::` after
//! `apt-get install libopencc-dev pkg-config` (Debian); `.ci/run` does both.

#![cfg(feature = "system-opencc")]

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;
use zhenggai::convert::{Converter, ScriptConverter};
use zhenggai::{Options, TargetScript};

/// A phrase the two converters legitimately convert differently.
struct KnownDifference {
    to: TargetScript,
    /// The phrase as written in a notice.
    input: &'static str,
    /// Its conversion by the default converter (ferrous-opencc 0.4, whose
    /// embedded dictionaries are newer OpenCC data).
    default: &'static str,
    /// Its conversion by Debian's libopencc 1.1.6.
    system: &'static str,
}

/// The differences this test accepts: dictionary entries that changed in
/// OpenCC's data after 1.1.6, in phrases plausible in notices. The corpus
/// itself needs none of them (both converters agree on every notice); each is
/// demonstrated by [`known_differences_are_what_each_converter_gives`]. A
/// difference is accepted only where both outputs hold the whole phrase.
const KNOWN_DIFFERENCES: &[KnownDifference] = &[
    // 1.1.6 has no entry 不断发现, so maximum matching takes 断发 → 斷髮
    // ("cut hair") and 发现 loses its 發; later data adds the phrase.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "不断发现问题",
        default: "不斷發現問題",
        system: "不斷髮現問題",
    },
    // The same 断发 → 斷髮 trap; later data adds 不断发生.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "问题不断发生",
        default: "問題不斷發生",
        system: "問題不斷髮生",
    },
    // 干渠 (main canal) is 幹渠; 1.1.6's entry says 乾渠 ("dry canal"),
    // corrected later.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "灌区干渠",
        default: "灌區幹渠",
        system: "灌區乾渠",
    },
    // 占 "to occupy" is 佔; 1.1.6's entry 占主导地位 keeps 占, later data
    // follows the character table.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "占主导地位",
        default: "佔主導地位",
        system: "占主導地位",
    },
    // The Shanghai district is 徐匯區; 1.1.6's entry says 徐彙區 (彙 "to
    // collect" rather than 匯 "to converge"), corrected later.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "徐汇区",
        default: "徐匯區",
        system: "徐彙區",
    },
    // Place names in 溪 (慈溪, 兰溪, 资溪, …) keep their historical 谿 in
    // later data; 1.1.6 has no entry, so 溪 stays.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "慈溪市",
        default: "慈谿市",
        system: "慈溪市",
    },
    // 1.1.6 has no entry 通车里程, so maximum matching takes 车里 → 車裏
    // ("in the car"); later data adds the phrase with 里程 intact.
    KnownDifference {
        to: TargetScript::Traditional,
        input: "通车里程",
        default: "通車里程",
        system: "通車裏程",
    },
];

/// One place where two conversions of the same text differ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Difference {
    /// Char offsets of the fragment in the default and the system output.
    at: (usize, usize),
    default: String,
    system: String,
}

/// Chars after a differing fragment that must agree before the outputs count
/// as back in step (fewer only at the very end).
const RESYNC: usize = 4;

/// The minimal differing fragments of two conversions of the same text.
///
/// Conversions keep almost every character in place, so after each common
/// run the outputs are re-aligned at the nearest offsets (fewest skipped
/// characters first) from which [`RESYNC`] characters agree; an equal-length
/// stretch is then cut into its runs of differing characters.
fn differences(default: &str, system: &str) -> Vec<Difference> {
    let a: Vec<char> = default.chars().collect();
    let b: Vec<char> = system.chars().collect();
    let agree_from = |i: usize, j: usize| {
        let n = RESYNC.min(a.len() - i).min(b.len() - j);
        (n == RESYNC || a.len() - i == b.len() - j) && a[i..i + n] == b[j..j + n]
    };
    let mut found = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let (skip_a, skip_b) = (1..=(a.len() - i) + (b.len() - j))
            .flat_map(|total| (0..=total).map(move |k| (k, total - k)))
            .find(|&(k, l)| i + k <= a.len() && j + l <= b.len() && agree_from(i + k, j + l))
            .expect("both outputs agree at their ends");
        if skip_a == skip_b {
            // Substitutions: each run of differing chars on its own, so that
            // neighbouring differences stay separate.
            let mut k = 0;
            while k < skip_a {
                let run = (k..skip_a).take_while(|&m| a[i + m] != b[j + m]).count();
                if run > 0 {
                    found.push(Difference {
                        at: (i + k, j + k),
                        default: a[i + k..i + k + run].iter().collect(),
                        system: b[j + k..j + k + run].iter().collect(),
                    });
                }
                k += run.max(1);
            }
        } else {
            found.push(Difference {
                at: (i, j),
                default: a[i..i + skip_a].iter().collect(),
                system: b[j..j + skip_b].iter().collect(),
            });
        }
        i += skip_a;
        j += skip_b;
    }
    found
}

/// Whether `phrase` occurs in `text` (as chars) starting at char `start`.
fn phrase_at(text: &[char], start: usize, phrase: &str) -> bool {
    let phrase: Vec<char> = phrase.chars().collect();
    text.get(start..start + phrase.len()) == Some(&phrase[..])
}

/// Whether `known` explains `found`: both outputs hold the known phrase,
/// aligned so that its own difference is exactly `found`.
fn explains(known: &KnownDifference, found: &Difference, default: &[char], system: &[char]) -> bool {
    let own = differences(known.default, known.system);
    let [own] = own.as_slice() else {
        return false;
    };
    own.default == found.default
        && own.system == found.system
        && found.at.0 >= own.at.0
        && found.at.1 >= own.at.1
        && phrase_at(default, found.at.0 - own.at.0, known.default)
        && phrase_at(system, found.at.1 - own.at.1, known.system)
}

/// The differences between two conversions into `to` that no known
/// difference explains, each shown with some of the default output around it.
fn unexplained(to: TargetScript, default: &str, system: &str) -> Vec<String> {
    let a: Vec<char> = default.chars().collect();
    let b: Vec<char> = system.chars().collect();
    differences(default, system)
        .into_iter()
        .filter(|found| {
            !KNOWN_DIFFERENCES
                .iter()
                .any(|known| known.to == to && explains(known, found, &a, &b))
        })
        .map(|found| {
            let around: String = a
                [found.at.0.saturating_sub(4)..(found.at.0 + found.default.chars().count() + 4).min(a.len())]
                .iter()
                .collect();
            format!(
                "{:?} (default) vs {:?} (system) in …{around}…",
                found.default, found.system
            )
        })
        .collect()
}

/// Compares two records leaf by leaf: strings through [`unexplained`],
/// everything else exactly. Appends `path: difference` lines to `out`.
fn compare_values(to: TargetScript, path: &str, default: &Value, system: &Value, out: &mut Vec<String>) {
    match (default, system) {
        (Value::String(a), Value::String(b)) => {
            out.extend(
                unexplained(to, a, b)
                    .into_iter()
                    .map(|found| format!("{path}: {found}")),
            );
        }
        (Value::Object(a), Value::Object(b)) if a.keys().eq(b.keys()) => {
            for (key, value) in a {
                compare_values(to, &format!("{path}.{key}"), value, &b[key], out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                compare_values(to, &format!("{path}[{index}]"), x, y, out);
            }
        }
        (a, b) if a != b => out.push(format!("{path}: {a} (default) vs {b} (system)")),
        _ => {}
    }
}

fn record(bytes: &[u8], notice: &Path, to: TargetScript, converter: Converter) -> Value {
    let options = Options {
        to,
        with_text: true,
        ..Options::default()
    };
    let parser = zhenggai::Parser::builder()
        .converter(converter)
        .build()
        .unwrap_or_else(|e| panic!("{e} (Debian: apt-get install libopencc-dev pkg-config)"));
    let record = parser
        .parse(bytes, &options)
        .unwrap_or_else(|e| panic!("{}: {e}", notice.display()));
    serde_json::to_value(record).expect("records serialise")
}

/// The system converter, or a failure that says what to install.
fn system_converter() -> &'static dyn ScriptConverter {
    Converter::System
        .load()
        .unwrap_or_else(|e| panic!("{e} (Debian: apt-get install libopencc-dev pkg-config)"))
}

/// Every unexplained difference of one notice, as `what: difference` lines.
fn check_notice(notice: &Path) -> Vec<String> {
    let bytes = std::fs::read(notice).expect("corpus notice is readable");
    let mut out = Vec::new();
    for to in [
        TargetScript::Original,
        TargetScript::Simplified,
        TargetScript::Traditional,
    ] {
        let default = record(&bytes, notice, to, Converter::Default);
        let system = record(&bytes, notice, to, Converter::System);
        compare_values(to, &format!("record --to {to:?}"), &default, &system, &mut out);
    }
    let text = record(&bytes, notice, TargetScript::Original, Converter::Default)["text"]
        .as_str()
        .expect("--with-text")
        .to_owned();
    for to in [TargetScript::Simplified, TargetScript::Traditional] {
        let default = Converter::Default.load().unwrap().convert(&text, to);
        let system = system_converter().convert(&text, to);
        out.extend(
            unexplained(to, &default, &system)
                .into_iter()
                .map(|found| format!("text --to {to:?}: {found}")),
        );
    }
    out
}

#[test]
fn both_converters_agree_on_the_corpus() {
    system_converter();
    let notices = common::corpus();
    assert!(notices.len() >= 20, "the corpus is there");
    let found: Vec<(String, String)> = notices
        .par_iter()
        .flat_map_iter(|notice| {
            let name = notice.file_name().unwrap().to_string_lossy().into_owned();
            check_notice(notice).into_iter().map(move |line| (name.clone(), line))
        })
        .collect();
    // Each distinct difference once, with how often and its first place.
    let mut summary: BTreeMap<&str, (usize, &str, &str)> = BTreeMap::new();
    for (notice, line) in &found {
        let difference = line
            .split_once(": ")
            .map_or(line.as_str(), |(_, difference)| difference);
        summary.entry(difference).or_insert((0, notice, line)).0 += 1;
    }
    let report: Vec<String> = summary
        .values()
        .map(|(count, notice, line)| format!("{count}× {line} ({notice}…)"))
        .collect();
    assert!(
        found.is_empty(),
        "{} unexplained differences between the default and the system OpenCC:\n{}",
        found.len(),
        report.join("\n")
    );
}

#[test]
fn known_differences_are_what_each_converter_gives() {
    let system = system_converter();
    for known in KNOWN_DIFFERENCES {
        assert_eq!(
            Converter::Default.load().unwrap().convert(known.input, known.to),
            known.default
        );
        // A libopencc newer than Debian's 1.1.6 may have the fix already.
        let converted = system.convert(known.input, known.to);
        assert!(
            converted == known.system || converted == known.default,
            "{}: the system library gives {converted}",
            known.input
        );
        assert_eq!(
            unexplained(known.to, known.default, known.system),
            Vec::<String>::new(),
            "the entry explains its own difference"
        );
    }
}

#[test]
fn the_cli_passes_the_converter_through() {
    let notice = common::root().join("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt");
    let run = |converter: &str| {
        let output = assert_cmd::Command::cargo_bin("zhenggai")
            .expect("binary builds")
            .args(["parse", "--to", "simplified", "--converter", converter])
            .arg(&notice)
            .output()
            .expect("zhenggai runs");
        assert!(output.status.success(), "--converter {converter}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8 JSON")
    };
    let system = run("system");
    assert!(system.contains("中共丽水市妇女联合会党组"), "converted to Simplified");
    assert_eq!(system, run("default"));
}

#[test]
fn the_differ_cuts_minimal_fragments() {
    let fragments = |a: &str, b: &str| -> Vec<(String, String)> {
        differences(a, b)
            .into_iter()
            .map(|found| (found.default, found.system))
            .collect()
    };
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(fragments("整改進展情況", "整改进展情況"), [pair("進", "进")]);
    assert_eq!(fragments("甲乙丙丁戊己庚", "甲乙X丙丁戊己庚"), [pair("", "X")]);
    assert_eq!(fragments("尾巴", "尾"), [pair("巴", "")]);
    assert_eq!(
        fragments("髮現甲乙丙丁髮生", "發現甲乙丙丁發生"),
        [pair("髮", "發"), pair("髮", "發")]
    );
    assert!(fragments("同一", "同一").is_empty());
    // A known phrase explains its fragment only inside the whole phrase.
    assert!(unexplained(TargetScript::Traditional, "不斷發現問題", "不斷髮現問題").is_empty());
    assert_eq!(unexplained(TargetScript::Traditional, "理發", "理髮").len(), 1);
    assert_eq!(
        unexplained(TargetScript::Simplified, "不斷發現問題", "不斷髮現問題").len(),
        1
    );
}
