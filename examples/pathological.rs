//! Times the parser on pathological inputs at two sizes: the time should
//! about double when the size doubles (linear), never quadruple.
//!
//! ```text
//! cargo run --release --example pathological
//! ```

use std::time::Instant;

/// Each case: a name and a generator of an input of about `n` units.
type Case = (&'static str, fn(usize) -> String);

const CASES: &[Case] = &[
    ("heading markers", |n| {
        "一、关于“问题”问题的整改情况\n(一)措施。\n1.办法\n".repeat(n / 3)
    }),
    ("one line, no punctuation", |n| {
        "巡察整改工作扎实推进取得成效".repeat(n / 14)
    }),
    ("one line of counts", |n| "教育提醒3人建立制度8项".repeat(n / 12)),
    ("nested brackets", |n| {
        format!("{}整改{}", "(（《“".repeat(n / 8), "”》）)".repeat(n / 8))
    }),
    ("enumerations", |n| {
        format!("一、下一步\n{}", "一是抓整改二是促落实".repeat(n / 10))
    }),
    ("dates", |n| "2024年5月8日至24日".repeat(n / 14)),
    ("one heading of open cues", |n| {
        format!("一、{}\n", "关于“巩固深化履行整改进展:(此".repeat(n / 16))
    }),
];

fn main() {
    for (name, make) in CASES {
        let mut times = Vec::new();
        for chars in [250_000, 500_000, 1_000_000] {
            let text = make(chars);
            let started = Instant::now();
            let record = zhenggai::parse(text.as_bytes(), &zhenggai::Options::default());
            let elapsed = started.elapsed().as_secs_f64();
            let items = record
                .map(|r| r.quantities.len() + r.dates.len() + r.outline.len())
                .unwrap_or(0);
            times.push(elapsed);
            println!(
                "{name:<26} {:>9} chars {elapsed:>8.3} s  ({items} items)",
                text.chars().count()
            );
        }
        println!("{name:<26} ratio 1M/250k = {:.1} (linear ≈ 4)", times[2] / times[0]);
    }
}
