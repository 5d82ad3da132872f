//! Accuracy report: per-field precision and recall of the parser over the
//! corpus, against the hand-checked facts files.
//!
//! ```text
//! cargo run --release --example eval                # corpus/ and corpus/pending/
//! cargo run --release --example eval -- --verbose   # also list every mismatch
//! cargo run --release --example eval -- DIR...      # other folders of notices + facts/
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "../tests/it/common/facts.rs"]
mod facts;

use facts::{Facts, FieldScore, compare, notices_in};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|arg| arg == "--verbose");
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        dirs = vec![root.join("corpus"), root.join("corpus/pending")];
    }
    let mut totals: BTreeMap<String, FieldScore> = BTreeMap::new();
    let mut exact = 0;
    let mut count = 0;
    println!("{:<62} {:>10}", "notice", "mismatches");
    for dir in &dirs {
        for notice in notices_in(dir) {
            let stem = notice.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let facts_path = dir.join("facts").join(format!("{stem}.json"));
            if !facts_path.exists() {
                println!("{:<62} {:>10}", stem, "no facts");
                continue;
            }
            let facts = match Facts::read(&facts_path) {
                Ok(facts) => facts,
                Err(error) => {
                    println!("{stem:<62} bad facts: {error}");
                    continue;
                }
            };
            let bytes = std::fs::read(&notice).unwrap_or_default();
            // With the text: facts may name the characters of a span
            // (an issue's `status_text`).
            let options = zhenggai::Options {
                with_text: true,
                ..zhenggai::Options::default()
            };
            let record = match zhenggai::parse(&bytes, &options) {
                Ok(record) => record,
                Err(error) => {
                    println!("{stem:<62} error: {error}");
                    continue;
                }
            };
            let comparison = compare(&record, &facts);
            count += 1;
            if comparison.is_exact() {
                exact += 1;
            }
            let label = format!("{}{stem}", if dir.ends_with("pending") { "pending/" } else { "" });
            println!("{label:<62} {:>10}", comparison.mismatches.len());
            if verbose {
                for mismatch in &comparison.mismatches {
                    println!("    {mismatch}");
                }
            }
            for score in comparison.scores {
                let field = score.field.split('.').next().unwrap_or_default().to_owned();
                totals
                    .entry(field.clone())
                    .or_insert_with(|| FieldScore {
                        field,
                        ..FieldScore::default()
                    })
                    .add(&score);
            }
        }
    }
    println!(
        "\n{:<22} {:>8} {:>8} {:>8} {:>9} {:>9}",
        "field", "expected", "found", "matched", "precision", "recall"
    );
    for score in totals.values() {
        println!(
            "{:<22} {:>8} {:>8} {:>8} {:>8.1}% {:>8.1}%",
            score.field,
            score.expected,
            score.found,
            score.matched,
            score.precision() * 100.0,
            score.recall() * 100.0
        );
    }
    println!("\n{exact} of {count} notices match their facts exactly");
}
