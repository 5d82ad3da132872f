//! Bytes → text: BOM sniffing and strict decoding.
//!
//! Consumes the raw bytes of one input; produces the decoded text and the name
//! of the encoding it was read in. A byte-order mark selects UTF-8, UTF-16LE or
//! UTF-16BE and is not part of the text (spans index the text after it).
//! Without a BOM the bytes must be valid UTF-8. Malformed sequences are an
//! error, never replaced silently, and binary data is rejected as `not_text`.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// Decoded text with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The contract's name for the encoding: "utf-8", "utf-16le", "utf-16be".
    pub encoding: &'static str,
}

/// The contract's name of an encoding_rs encoding.
fn contract_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_16LE {
        "utf-16le"
    } else if encoding == UTF_16BE {
        "utf-16be"
    } else if encoding == UTF_8 {
        "utf-8"
    } else {
        "gb18030"
    }
}

/// Decodes one input. Empty input, malformed bytes and binary data are errors.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::EmptyInput);
    }
    let (encoding, bom_length) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom_length..];
    let name = contract_name(encoding);
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(text) => text.to_owned(),
            Err(error) => {
                if looks_binary(body) {
                    return Err(Error::NotText("it contains NUL bytes or control characters".into()));
                }
                return Err(Error::Decode {
                    encoding: name,
                    detail: format!("invalid byte sequence at byte {}", bom_length + error.valid_up_to()),
                });
            }
        }
    } else {
        match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(text) => text.into_owned(),
            None => {
                return Err(Error::Decode {
                    encoding: name,
                    detail: "malformed code units".into(),
                });
            }
        }
    };
    if text.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    if looks_binary(text.as_bytes()) {
        return Err(Error::NotText("it contains NUL bytes or control characters".into()));
    }
    Ok(Decoded { text, encoding: name })
}

/// Binary data: a NUL byte, or more than 1% C0 control characters other than
/// tab, line feed, carriage return and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 100 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("整改".as_bytes()).unwrap();
        assert_eq!(plain.text, "整改");
        assert_eq!(plain.encoding, "utf-8");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("整改".as_bytes());
        assert_eq!(decode(&with_bom).unwrap().text, "整改");
    }

    #[test]
    fn utf16_by_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "巡察".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&le).unwrap();
        assert_eq!(decoded.text, "巡察");
        assert_eq!(decoded.encoding, "utf-16le");
        let mut be = vec![0xFE, 0xFF];
        for unit in "巡视".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, "utf-16be");
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        assert_eq!(decode(b"").unwrap_err().code(), "empty_input");
        assert_eq!(decode(b" \n\t ").unwrap_err().code(), "empty_input");
        assert_eq!(decode(b"\x00\x01\x02abc").unwrap_err().code(), "not_text");
        assert_eq!(decode(b"abc\xff\xfe\xfddef").unwrap_err().code(), "decode_error");
        // A lone UTF-16 surrogate behind a BOM.
        assert_eq!(decode(&[0xFF, 0xFE, 0x00, 0xD8]).unwrap_err().code(), "decode_error");
    }
}
