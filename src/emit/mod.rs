//! Emit stage: the flat tables of records ([`crate::tables`]: typed cells)
//! written as CSV ([`csv`]) or as a workbook ([`xlsx`]), and pretty JSON for
//! people ([`json`]: spans on one line). NDJSON is serde_json's compact
//! writer, called by the command line.

// A `batch` build without the command line (the Python package) uses the
// tables' cells ([`crate::tables`]), not the writers.
#![cfg_attr(not(any(feature = "cli", feature = "internals")), allow(dead_code, unused_imports))]

pub mod csv;
pub mod json;
#[cfg(any(feature = "cli", feature = "internals"))]
pub mod xlsx;
