//! zhenggai (整改): published Chinese rectification-progress notices
//! (巡察/巡视整改进展情况的通报) → structured, schema-valid records.
//!
//! The pipeline runs one way through named stages:
//!
//! ```text
//! bytes ─► input ─► normalize ─► outline ─► extract ─► record ─► emit
//! ```
//!
//! * [`input`] decodes bytes (BOM, UTF-8, UTF-16) into text;
//! * [`normalize`] builds the char-aligned matching copy (Simplified,
//!   width-folded) and detects the script;
//! * [`segment`] cuts Chinese text into tagged words (jieba-rs with a domain
//!   dictionary);
//! * [`outline`] finds the title, body, closing and the heading tree;
//! * [`extract`] finds quantities, dates, contacts, 《documents》, metadata and
//!   metrics;
//! * [`pipeline`] assembles the [`record::Record`] of the output contract;
//! * [`emit`] writes records as JSON or NDJSON.
//!
//! Every extracted item carries a [`span::Span`] of code-point offsets into
//! the decoded original text. No input makes the library panic: bad input is
//! an [`Error`], which [`error_record`] turns into the contract's error record.
//!
//! ```
//! let notice = "中共某局党组关于巡察整改进展情况的通报\n根据部署,市委第一巡察组对某局进行了巡察。在巡察整改工作中,教育提醒3人。\n";
//! let record = zhenggai::parse(notice.as_bytes(), &zhenggai::Options::default()).unwrap();
//! assert_eq!(record.inspection.body.as_deref(), Some("市委第一巡察组"));
//! assert_eq!(record.quantities[0].text, "3人");
//! ```

pub mod batch;
pub mod charset;
pub mod compare;
pub mod diagnostic;
pub mod emit;
pub mod error;
pub mod extract;
pub mod facts;
pub mod input;
pub mod normalize;
pub mod numeral;
pub mod outline;
pub mod pipeline;
pub mod record;
pub mod segment;
pub mod span;

pub use error::{Error, Result};
pub use normalize::TargetScript;
pub use pipeline::{Options, error_record, parse};
pub use record::{ErrorRecord, Record};

/// The output contract as JSON Schema 2020-12 (`schemas/notice.schema.json`).
pub const SCHEMA: &str = include_str!("../schemas/notice.schema.json");
