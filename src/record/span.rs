//! The span type: where an extracted item stands in the original text.

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of Unicode code-point offsets into the
/// decoded original text. Serialised as a two-element JSON array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// The first code point of the range.
    pub start: usize,
    /// The code point after the last one of the range.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// How many code points the span covers.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no code point.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Self {
        Span { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(span: Span) -> Self {
        [span.start, span.end]
    }
}
