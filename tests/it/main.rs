//! The integration tests, one binary (the crate is linked once, not once
//! per file): a module per area, sharing the helpers of `common`.
//!
//! Run one area with a filter on its module path, e.g.
//! `cargo test --test it schema::` or, for the converters' comparison,
//! `cargo test --features system-opencc --test it differential::`.
//!
//! proptest keeps the seeds of past failures beside the binary's root, in
//! `tests/proptest-regressions/<module>.txt` (its default `SourceParallel`
//! place for a file under a directory with a `main.rs`), and runs them
//! first.

mod common;

mod annotate;
mod batch;
mod browser;
mod cli;
mod corpus;
mod date_table;
mod differential;
mod facts_checker;
mod handoffs;
mod house;
mod html_depth;
mod numeral_table;
mod pages;
mod properties;
mod quantity_table;
mod readme;
mod record;
mod report;
mod robustness;
mod rules;
mod schema;
mod schema_docs;
mod shell;
mod snapshots;
mod variants;
mod version;
mod workbook;
