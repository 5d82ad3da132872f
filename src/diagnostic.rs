//! Findings about the input that the record reports as diagnostics.
//!
//! Any stage may produce a [`Finding`]: a severity, a stable code, a message
//! and optionally the byte range of the matching copy it is about. The record
//! stage turns the range into a span.

use crate::record::Severity;
use std::ops::Range;


/// One diagnostic finding of a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `numbering_backwards`.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the matching copy, when the finding has a place.
    pub range: Option<Range<usize>>,
}

impl Finding {
    pub fn warning(code: &'static str, message: String, range: Option<Range<usize>>) -> Self {
        Finding {
            severity: Severity::Warning,
            code,
            message,
            range,
        }
    }
}
