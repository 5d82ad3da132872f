//! Criterion benches per stage and end to end, on the corpus notices, with
//! byte throughput: `cargo bench` (or `cargo bench -- STAGE`).
//!
//! Stages: decode (bytes → text), normalize (the matching copy), outline
//! (layout and heading tree), dates, quantities (with labels), segment (bare
//! jieba over the whole text, for comparison), parse (end to end) and emit
//! (record → JSON).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhenggai::extract::{date, document, quantity};
use zhenggai::span::RangeSet;
use zhenggai::{Options, normalize, outline};

/// The corpus listing of the facts checker (the rest of it is unused here).
#[allow(dead_code)]
#[path = "../tests/it/common/facts.rs"]
mod facts;

/// The UTF-8 text notices of the corpus.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut notices: Vec<(String, Vec<u8>)> = facts::notices_in(&root)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            std::str::from_utf8(&bytes)
                .is_ok()
                .then(|| (path.display().to_string(), bytes))
        })
        .collect();
    notices.sort();
    notices
}

fn stages(c: &mut Criterion) {
    let notices = corpus();
    let total: u64 = notices.iter().map(|(_, bytes)| bytes.len() as u64).sum();
    let texts: Vec<String> = notices
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    let normalized: Vec<_> = texts.iter().map(|t| normalize::normalize(t.clone())).collect();
    let records: Vec<_> = notices
        .iter()
        .map(|(_, bytes)| zhenggai::parse(bytes, &Options::default()).unwrap())
        .collect();
    // Load dictionaries and tables before measuring.
    zhenggai::segment::ChineseSegmenter::shared();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(total));
    group.sample_size(20);
    group.bench_function("decode", |b| {
        b.iter(|| {
            notices
                .iter()
                .map(|(_, bytes)| zhenggai::input::decode(bytes, None).unwrap().text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| normalize::normalize(t.clone()).matching().len())
                .sum::<usize>()
        })
    });
    group.bench_function("outline", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|text| {
                    outline::build(
                        text.matching(),
                        &outline::layout(text.matching()),
                        &zhenggai::rules::Rules::builtin().outline,
                    )
                    .nodes
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("dates", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|text| date::find_dates(text.matching(), &RangeSet::default(), None).len())
                .sum::<usize>()
        })
    });
    group.bench_function("quantities", |b| {
        b.iter(|| {
            normalized
                .iter()
                .map(|text| {
                    let documents = document::find_documents(text.matching());
                    let excluded = RangeSet::new(documents.iter().map(|d| d.whole.clone()));
                    quantity::find_quantities_at(
                        text.matching(),
                        text.marked(),
                        &excluded,
                        zhenggai::rules::Rules::builtin(),
                        zhenggai::segment::ChineseSegmenter::shared(),
                    )
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("segment", |b| {
        let segmenter = zhenggai::segment::ChineseSegmenter::shared();
        b.iter(|| {
            normalized
                .iter()
                .map(|text| segmenter.tokens(text.matching()).len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            notices
                .iter()
                .map(|(_, bytes)| {
                    zhenggai::parse(black_box(bytes), &Options::default())
                        .unwrap()
                        .quantities
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("emit", |b| {
        b.iter(|| {
            records
                .iter()
                .map(|record| serde_json::to_vec(record).unwrap().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
