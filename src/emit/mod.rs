//! Emit stage: records → flat CSV tables ([`csv`]). JSON and NDJSON are
//! serde's own writers, called by the command line.

pub mod csv;
