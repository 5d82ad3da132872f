//! Typed errors of the library.
//!
//! Every way an input can fail has a variant with a stable machine-readable
//! [`Error::code`] (used in error records) and a human message. Nothing in the
//! library panics on input: a bad input becomes one of these.

/// Why an input could not be turned into a record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no bytes, or only whitespace.
    #[error("the input is empty")]
    EmptyInput,
    /// The input is binary data (NUL bytes or control characters), not text.
    #[error("the input is not text: {0}")]
    NotText(String),
    /// The bytes are not valid in the detected or requested encoding; the
    /// message names the first bad byte and how to force an encoding.
    #[error(
        "cannot decode the input as {encoding}: {detail}; if you know the encoding, pass --encoding (utf-8, gb18030, big5, utf-16le, utf-16be)"
    )]
    Decode {
        /// The encoding the bytes were read in.
        encoding: &'static str,
        /// Where the first bad byte is and what it is.
        detail: String,
    },
    /// The input is larger than the configured limit. `size` is known for
    /// files; a stream (stdin, a pipe, a device) is read only up to the
    /// limit, so its size is not.
    #[error("{}", too_large_message(*size, *limit))]
    TooLarge {
        /// The input's size in bytes, when known before reading.
        size: Option<u64>,
        /// The limit in bytes (`--max-bytes`).
        limit: u64,
    },
    /// The page would take the HTML parser more than linear time: it nests
    /// elements too deeply or a tag has too many attributes.
    #[error("the page is too complex to parse: {detail}")]
    TooComplex {
        /// How deep the page nests, or which tag has how many attributes.
        detail: String,
    },
    /// The script converter asked for cannot be loaded (system OpenCC).
    #[error("{0}")]
    Converter(String),
    /// A rules file does not read as its table (the message names the row
    /// and the field), or a rules folder cannot be read.
    #[error("{path}: {message}")]
    Rules {
        /// The rules file or folder.
        path: String,
        /// What is wrong, and where in the file.
        message: String,
    },
    /// A user dictionary cannot be read or has a line that is no entry.
    #[error("{path}: {message}")]
    Dictionary {
        /// The dictionary file.
        path: String,
        /// What is wrong, and on which line.
        message: String,
    },
    /// Reading the input failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path of the input, as given.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The stable code that error records carry in `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty_input",
            Error::NotText(_) => "not_text",
            Error::Decode { .. } => "decode_error",
            Error::TooLarge { .. } => "too_large",
            Error::TooComplex { .. } => "too_complex",
            Error::Io { .. } => "io_error",
            Error::Converter(_) => "converter_unavailable",
            Error::Rules { .. } => "rules_error",
            Error::Dictionary { .. } => "dictionary_error",
        }
    }
}

fn too_large_message(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("the input has {size} bytes, more than the limit of {limit} bytes (--max-bytes; max_bytes= in Python)"),
        None => {
            format!("the input has more than the limit of {limit} bytes (--max-bytes; max_bytes= in Python); it was not read further")
        }
    }
}

/// Result alias of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(Error::EmptyInput.code(), "empty_input");
        assert_eq!(Error::NotText("x".into()).code(), "not_text");
        let decode = Error::Decode {
            encoding: "utf-8",
            detail: "invalid byte".into(),
        };
        assert_eq!(decode.code(), "decode_error");
        assert!(decode.to_string().contains("utf-8"));
    }
}
