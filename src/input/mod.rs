//! Input stage: raw bytes of one notice → the text every span indexes.
//!
//! Consumes bytes as read from a file or stdin, with [`InputOptions`];
//! produces an [`Input`]: the decoded text (for an HTML page, the text
//! extracted from it), the encoding, the format and, for pages, the page's
//! own timestamp. Inputs over the size limit, empty, binary or undecodable
//! inputs, and pages too complex to parse in linear time, are typed errors.

pub mod complexity;
pub mod decode;
pub mod html;

pub use decode::decode;
pub use decode::supported_encoding;
#[cfg(any(test, feature = "internals"))]
pub use decode::Decoded;

use encoding_rs::Encoding;

use crate::diagnostic::Finding;
use crate::error::{Error, Result};

/// Default limit on the size of one input: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read an input.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Force an encoding instead of detecting one (a BOM still wins).
    pub encoding: Option<&'static Encoding>,
    /// Inputs larger than this are an error.
    pub max_bytes: u64,
    /// Treat the input as HTML (`Some(true)`), as text (`Some(false)`), or
    /// decide from its content (`None`; the CLI passes the file extension).
    pub html: Option<bool>,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            encoding: None,
            max_bytes: DEFAULT_MAX_BYTES,
            html: None,
        }
    }
}

/// The text of one input and what is known about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub text: String,
    pub encoding: &'static str,
    /// "text" or "html".
    pub format: &'static str,
    /// What decoding noticed (e.g. `mixed_encodings`), for the record's
    /// diagnostics; none has a place in the text.
    pub findings: Vec<Finding>,
}

/// Reads one input's bytes into text.
pub fn read(bytes: &[u8], options: &InputOptions) -> Result<Input> {
    let size = bytes.len() as u64;
    if size > options.max_bytes {
        return Err(Error::TooLarge {
            size: Some(size),
            limit: options.max_bytes,
        });
    }
    let is_html = options.html.unwrap_or_else(|| html::sniff(bytes));
    if !is_html {
        let decoded = decode(bytes, options.encoding)?;
        return Ok(Input {
            text: decoded.text,
            encoding: decoded.encoding,
            format: "text",
            findings: decoded.findings,
        });
    }
    let decoded = match options.encoding.or_else(|| html::declared_charset(bytes)) {
        // A page's declaration can be wrong: fall back to detection.
        Some(declared) => decode(bytes, Some(declared)).or_else(|_| decode(bytes, None))?,
        None => decode(bytes, None)?,
    };
    let page = html::page_text(&decoded.text)?;
    if page.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    Ok(Input {
        text: page,
        encoding: decoded.encoding,
        format: "html",
        findings: decoded.findings,
    })
}
