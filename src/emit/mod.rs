//! Emit stage: records → flat tables ([`table`]: typed cells), written as
//! CSV ([`csv`]) or as a workbook ([`xlsx`]), and pretty JSON for people
//! ([`json`]: spans on one line). NDJSON is serde_json's compact writer,
//! called by the command line.

pub mod csv;
pub mod json;
pub mod table;
pub mod xlsx;
