//! The library in a few lines: a parser built once (optionally with an
//! edited rules folder and user words), a notice parsed into a typed record,
//! and the record written and read back as the CLI writes it.
//!
//! ```text
//! cargo run --example library -- corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt
//! cargo run --example library -- notice.txt my-rules words.txt
//! ```

use zhenggai::{Options, Output, Parser};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut arguments = std::env::args().skip(1);
    let notice = arguments
        .next()
        .ok_or("usage: library NOTICE [RULES_DIR [USER_DICT]]")?;
    // Built once: the dictionary and the rules load here; share it by reference
    // (or clone it, cheaply) across threads.
    let mut builder = Parser::builder();
    if let Some(rules) = arguments.next() {
        builder = builder.rules_dir(rules)?;
    }
    if let Some(words) = arguments.next() {
        builder = builder.user_dict(words)?;
    }
    let parser = builder.build()?;

    let options = Options {
        path: Some(notice.clone()),
        ..Options::default()
    };
    let record = parser.parse(&std::fs::read(&notice)?, &options)?;
    println!(
        "{} ({:?})",
        record.title.as_deref().unwrap_or("no title"),
        record.genre.kind
    );
    for issue in &record.issues {
        let problem = issue.problem.as_deref().unwrap_or(&issue.heading);
        println!("  {problem}: {:?}, {} measures", issue.status, issue.measures.len());
    }
    if let Some(metric) = record.metrics.get("people_educated") {
        println!("  people educated: {} {}", metric.value, metric.unit);
    }

    // What `zhenggai parse --format ndjson` writes reads back to the same record.
    let line = serde_json::to_string(&record)?;
    match Output::from_json(&line)? {
        Output::Record(read) => assert_eq!(*read, record),
        Output::Error(error) => return Err(error.error.message.into()),
    }
    Ok(())
}
