//! zhenggai (整改): published Chinese rectification-progress notices
//! (巡察/巡视整改进展情况的通报) → structured, schema-valid records.
//!
//! The pipeline runs one way through named stages:
//!
//! ```text
//! bytes ─► input ─► normalize ─► outline ─► extract ─► record ─► emit
//! ```
//!
//! * `input` decodes bytes (BOM, UTF-8, UTF-16) into text;
//! * `normalize` builds the char-aligned matching copy (Simplified,
//!   width-folded) and detects the script;
//! * `segment` cuts Chinese text into tagged words (jieba-rs with a domain
//!   dictionary);
//! * `outline` finds the title, body, closing and the heading tree;
//! * `extract` finds quantities, dates, contacts, 《documents》, metadata and
//!   metrics;
//! * `pipeline` assembles the [`record::Record`] of the output contract;
//! * `emit` writes records as JSON or NDJSON.
//!
//! Every extracted item carries a [`record::Span`] of code-point offsets into
//! the decoded original text. No input makes the library panic: bad input is
//! an [`Error`], which [`error_record`] turns into the contract's error record.
//!
//! Features: `cli` (default, with `mimalloc`) builds the `zhenggai`
//! program; `batch` adds `zhenggai::batch` (the directory walker, one input
//! read and parsed into its record or error record, the ordered parallel
//! batch) and `zhenggai::tables` (the rows of the CSV tables, typed), which
//! the program and the Python package (`python/`) share. Without default
//! features, and with `batch` alone, the library builds no command-line
//! crates and no C code.
//!
//! ```
//! let notice = "中共某局党组关于巡察整改进展情况的通报\n根据部署,市委第一巡察组对某局进行了巡察。在巡察整改工作中,教育提醒3人。\n";
//! let record = zhenggai::parse(notice.as_bytes(), &zhenggai::Options::default()).unwrap();
//! assert_eq!(record.inspection.body.as_deref(), Some("市委第一巡察组"));
//! assert_eq!(record.quantities[0].text, "3人");
//! ```

#![deny(missing_docs)]

/// Declares the pipeline's modules: private to the crate, or public but
/// hidden with the feature `internals`, which only the crate's own tests,
/// benches, examples and fuzz target turn on (no stability promise).
macro_rules! stages {
    ($($(#[$attribute:meta])* $name:ident),* $(,)?) => {$(
        $(#[$attribute])*
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        #[allow(missing_docs)]
        pub mod $name;
        $(#[$attribute])*
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

stages!(
    charset,
    convert,
    diagnostic,
    error,
    extract,
    input,
    normalize,
    numeral,
    outline,
    pipeline,
    segment,
    span,
    // The command line's own room: the annotate page.
    #[cfg(any(feature = "cli", feature = "internals"))]
    annotate,
    // The rooms of batches: the comparison's rows and the table writers
    // (feature `batch`, which `cli` and `internals` turn on).
    #[cfg(feature = "batch")]
    compare,
    #[cfg(feature = "batch")]
    emit,
);

#[cfg(feature = "batch")]
pub mod batch;
#[cfg(feature = "cli")]
pub mod cli;
mod parser;
pub mod record;
#[cfg(not(feature = "internals"))]
mod rules;
#[cfg(feature = "internals")]
#[doc(hidden)]
#[allow(missing_docs)]
pub mod rules;
mod schema_doc;
#[cfg(feature = "batch")]
pub mod tables;

pub use convert::{Converter, ConverterError, TargetScript};
pub use error::{Error, Result};
pub use input::{InputOptions, supported_encoding};
pub use parser::{Parser, ParserBuilder};
pub use pipeline::{Options, error_record, parse};
pub use record::{ErrorRecord, Output, Record};
pub use schema_doc::schema_markdown;

/// The output contract as JSON Schema 2020-12 (`schemas/notice.schema.json`),
/// every property described; [`schema_markdown`] renders it as the field
/// reference (`docs/output.md`).
pub const SCHEMA: &str = include_str!("../schemas/notice.schema.json");
