//! Input stage: raw bytes of one notice → decoded text.
//!
//! Consumes bytes as read from a file or stdin; produces a [`Decoded`] text
//! (what every span indexes) or a typed [`crate::Error`]. Later issues add
//! legacy encodings and HTML pages here.

pub mod decode;

pub use decode::{Decoded, decode};
