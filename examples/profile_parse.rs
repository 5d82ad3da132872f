//! Parses notices many times in one process, for profilers:
//! `cargo run --release --example profile_parse -- ROUNDS [DIR]`.
//!
//! Without DIR, the corpus notices that are UTF-8 text (the files
//! `scripts/bench.sh` builds its generated corpus from); with DIR, the
//! notices directly in DIR.
use std::path::PathBuf;

/// The corpus listing of the facts checker (the rest of it is unused here).
#[allow(dead_code)]
#[path = "../tests/it/common/facts.rs"]
mod facts;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let root = args.next().map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        PathBuf::from,
    );
    let notices: Vec<Vec<u8>> = facts::notices_in(&root)
        .into_iter()
        .filter_map(|path| std::fs::read(path).ok())
        .filter(|bytes| std::str::from_utf8(bytes).is_ok_and(|text| !text.contains("<html")))
        .collect();
    let mut total = 0;
    for _ in 0..rounds {
        for bytes in &notices {
            total += zhenggai::parse(bytes, &zhenggai::Options::default())
                .map(|r| r.quantities.len())
                .unwrap_or(0);
        }
    }
    println!("{} notices, {total} quantities", notices.len());
}

/// The binary's allocator, so that profiles show what the binary runs.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
