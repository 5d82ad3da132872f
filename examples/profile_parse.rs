//! Parses the corpus text notices many times (for profilers):
//! `cargo run --release --example profile_parse -- 20`.
fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let notices: Vec<Vec<u8>> = zhenggai::facts::notices_in(&root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut total = 0;
    for _ in 0..rounds {
        for bytes in &notices {
            total += zhenggai::parse(bytes, &zhenggai::Options::default())
                .map(|r| r.quantities.len())
                .unwrap_or(0);
        }
    }
    println!("{total}");
}
