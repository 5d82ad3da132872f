//! Bytes → text: BOM sniffing, strict UTF-8, detected legacy encodings.
//!
//! Consumes the raw bytes of one input (and optionally an encoding the user
//! forces or an HTML page declares); produces the decoded text and the
//! contract's name of the encoding. Order: a byte-order mark (UTF-8,
//! UTF-16LE/BE, not part of the text: spans index the text after it); a
//! forced or declared encoding; valid UTF-8; BOM-less UTF-16 recognised by its
//! NUL bytes, or (Chinese text has almost none) by reading as almost only
//! Chinese characters in one byte order and not in the other; else GB18030
//! or Big5 as chardetng detects. Malformed sequences
//! are an error, never replaced silently, and binary data is `not_text`.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::diagnostic::Finding;
use crate::error::{Error, Result};

/// Decoded text with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The contract's name: "utf-8", "gb18030", "big5", "utf-16le", "utf-16be".
    pub encoding: &'static str,
    /// What decoding noticed (`mixed_encodings`); these have no place in
    /// the text (`range` is `None`).
    pub findings: Vec<Finding>,
}

/// The contract's name of an encoding; `None` for encodings the contract
/// does not know (they are still decoded when forced).
pub fn contract_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_16LE {
        "utf-16le"
    } else if encoding == UTF_16BE {
        "utf-16be"
    } else if encoding == GB18030 || encoding == GBK {
        "gb18030"
    } else if encoding == BIG5 {
        "big5"
    } else {
        "utf-8"
    }
}

/// The encoding a label names (WHATWG labels: `utf-8`, `gb18030`, `gbk`,
/// `gb2312`, `big5`, `utf-16le`, `utf-16be` …), if it is one the reader
/// supports (GBK reads as GB18030): for [`crate::InputOptions::encoding`]
/// (`--encoding`) and a page's declared charset.
pub fn supported_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    let encoding = if encoding == GBK { GB18030 } else { encoding };
    [UTF_8, UTF_16LE, UTF_16BE, GB18030, BIG5]
        .contains(&encoding)
        .then_some(encoding)
}

/// Decodes one input. `forced` (from `--encoding` or an HTML page's own
/// declaration) overrides detection but not a byte-order mark.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::EmptyInput);
    }
    let (encoding, bom_length, detected) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => (encoding, bom_length, false),
        None => match forced {
            Some(encoding) => (encoding, 0, false),
            None => match simdutf8::basic::from_utf8(bytes) {
                // Valid UTF-8 is read as such; validated once, here (with
                // SIMD: every input of a batch passes this check).
                Ok(text) => return checked(text.to_owned(), UTF_8),
                Err(_) => (detect_without_utf8(bytes), 0, true),
            },
        },
    };
    let text = match strict_decode(encoding, &bytes[bom_length..], bom_length) {
        // Neither UTF-8 nor the likeliest legacy encoding: say where each failed.
        Err(Error::Decode { encoding: name, detail }) if detected && encoding != UTF_8 => {
            let valid_up_to = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
            return Err(Error::Decode {
                encoding: name,
                detail: format!("{detail} ({name} is the likeliest encoding; as utf-8, byte {valid_up_to} is invalid)"),
            });
        }
        other => other?,
    };
    let mut decoded = checked(text, encoding)?;
    if detected && (encoding == GB18030 || encoding == BIG5) {
        decoded.findings.extend(mixed_encodings(bytes));
    }
    Ok(decoded)
}

/// The decoded text, unless it is empty, binary or (read in a legacy
/// encoding) has no Chinese in it.
fn checked(text: String, encoding: &'static Encoding) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    if looks_binary(text.as_bytes()) {
        return Err(Error::NotText("it contains NUL bytes or control characters".into()));
    }
    if encoding != UTF_8 && !text.chars().any(is_cjk) {
        return Err(Error::NotText(format!(
            "no Chinese text when read as {}",
            contract_name(encoding)
        )));
    }
    Ok(Decoded {
        text,
        encoding: contract_name(encoding),
        findings: Vec::new(),
    })
}

/// A CJK ideograph (the scripts this tool reads).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// Share of NUL bytes at even or odd positions that marks BOM-less UTF-16.
const UTF16_NUL_SHARE: usize = 3;

/// The encoding of BOM-less bytes that are not valid UTF-8: UTF-16 if
/// every other byte is mostly NUL or the text reads as Chinese in one byte
/// order, else GB18030 or Big5 by chardetng.
fn detect_without_utf8(bytes: &[u8]) -> &'static Encoding {
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) {
        let pairs = bytes.len() / 2;
        let even_nuls = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        if odd_nuls * UTF16_NUL_SHARE > pairs && even_nuls * 10 < pairs {
            return UTF_16LE;
        }
        if even_nuls * UTF16_NUL_SHARE > pairs && odd_nuls * 10 < pairs {
            return UTF_16BE;
        }
    }
    if let Some(encoding) = utf16_chinese(bytes) {
        return encoding;
    }
    likeliest_legacy(bytes)
}

/// GB18030 or Big5, whichever chardetng finds likelier for `bytes`.
fn likeliest_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let preferred = if guess == BIG5 { BIG5 } else { GB18030 };
    let other = if preferred == BIG5 { GB18030 } else { BIG5 };
    // Short texts fool the detector: a reading full of private-use
    // characters is the wrong one.
    match (implausibility(preferred, bytes), implausibility(other, bytes)) {
        (Some(first), Some(second)) if second < first => other,
        (None, Some(_)) => other,
        _ => preferred,
    }
}

/// Share of plausible characters, in thousandths, that a reading as
/// UTF-16 without NUL bytes needs.
const UTF16_PLAUSIBLE_PER_MILLE: usize = 980;

/// BOM-less UTF-16 of Chinese text, which has almost no NUL bytes: the
/// byte order whose reading is almost only plausible characters (ideographs,
/// CJK and full-width punctuation, ASCII), at least a quarter ideographs,
/// when the other byte order's is not.
///
/// GB18030 and Big5 do not pass. Their common characters have lead bytes
/// 0xA1–0xF9 and, in GB2312, trail bytes 0xA1–0xFE: as big-endian units
/// they fall among Yi, Hangul, surrogates and private use, and so do GB2312
/// pairs as little-endian units. Only GBK's rare characters (lead 0x81–0xA0)
/// read as big-endian ideographs, and only Big5 pairs with a trail byte of
/// 0x40–0x7E (about two in five) as little-endian ones: far below 98%.
fn utf16_chinese(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let passes = |encoding| utf16_reading(bytes, encoding).is_some_and(|reading| reading.is_chinese());
    [(UTF_16LE, UTF_16BE), (UTF_16BE, UTF_16LE)]
        .into_iter()
        .find(|&(this, other)| passes(this) && !passes(other))
        .map(|(this, _)| this)
}

/// Counts of a reading of bytes as UTF-16.
struct Utf16Reading {
    chars: usize,
    plausible: usize,
    ideographs: usize,
}

impl Utf16Reading {
    fn is_chinese(&self) -> bool {
        self.plausible * 1000 >= self.chars * UTF16_PLAUSIBLE_PER_MILLE && self.ideographs * 4 >= self.chars
    }
}

/// Reads `bytes` as UTF-16 in the byte order of `encoding`; `None` with an
/// unpaired surrogate.
fn utf16_reading(bytes: &[u8], encoding: &'static Encoding) -> Option<Utf16Reading> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if encoding == UTF_16LE {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut reading = Utf16Reading {
        chars: 0,
        plausible: 0,
        ideographs: 0,
    };
    for c in char::decode_utf16(units) {
        let c = c.ok()?;
        reading.chars += 1;
        if is_cjk(c) {
            reading.ideographs += 1;
            reading.plausible += 1;
        } else if is_plausible_in_chinese(c) {
            reading.plausible += 1;
        }
    }
    Some(reading)
}

/// Characters of Chinese text other than ideographs: printable ASCII and
/// line breaks, general punctuation (“” — …), CJK symbols and punctuation
/// (、。《》〇), full-width forms (，：（）１), the middle dot and ×.
fn is_plausible_in_chinese(c: char) -> bool {
    matches!(c, ' '..='~' | '\t' | '\n' | '\r' | '\u{b7}' | '\u{d7}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Non-ASCII bytes per part of a legacy input when it is cut into parts
/// that are detected apart, and the most parts.
const MIXED_PART_NON_ASCII: usize = 128;
const MIXED_MAX_PARTS: usize = 8;
/// Parts with fewer non-ASCII bytes than this are not detected alone.
const MIXED_MIN_NON_ASCII: usize = 64;

/// A file of two legacy encodings (say a GB18030 notice followed by a Big5
/// one) decodes without error, since GB18030 reads almost any byte pairs,
/// but part of it is garbled. The input is cut into up to eight parts at
/// line breaks (never inside a character: GB18030 and Big5 trail bytes are
/// not 0x0A), each with at least 128 non-ASCII bytes on average, and each
/// part with at least 64 is detected on its own. Halves would not do: the
/// half holding the seam is invalid Big5 and so reads as GB18030. A warning
/// when the parts change encoding exactly once (a single stray guess in a
/// one-encoding file changes it twice).
fn mixed_encodings(bytes: &[u8]) -> Option<Finding> {
    let non_ascii = |part: &[u8]| part.iter().filter(|b| !b.is_ascii()).count();
    let parts = (non_ascii(bytes) / MIXED_PART_NON_ASCII).min(MIXED_MAX_PARTS);
    if parts < 2 {
        return None;
    }
    let mut starts = vec![0];
    for part in 1..parts {
        let target = (bytes.len() * part / parts).max(*starts.last()?);
        match memchr::memchr(b'\n', &bytes[target..]) {
            Some(at) if target + at + 1 < bytes.len() => starts.push(target + at + 1),
            _ => break,
        }
    }
    starts.dedup();
    let ends = starts.iter().skip(1).copied().chain([bytes.len()]);
    let guesses: Vec<(usize, &'static Encoding)> = starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| (start, &bytes[start..end]))
        .filter(|(_, part)| non_ascii(part) >= MIXED_MIN_NON_ASCII)
        .map(|(start, part)| (start, likeliest_legacy(part)))
        .collect();
    let mut changes = guesses.windows(2).filter(|pair| pair[0].1 != pair[1].1);
    let change = changes.next()?;
    if changes.next().is_some() {
        return None;
    }
    let [(_, first), (split, second)] = [change[0], change[1]];
    Some(Finding::warning(
        "mixed_encodings",
        format!(
            "the text before byte {split} reads as {}, the text after it as {}: part of it may be garbled; split the file or pass --encoding",
            contract_name(first),
            contract_name(second)
        ),
        None,
    ))
}

/// Private-use characters in a strict reading of `bytes` (`None`: invalid).
fn implausibility(encoding: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(text.chars().filter(|c| ('\u{e000}'..='\u{f8ff}').contains(c)).count())
}

/// Decodes `body`, which starts at byte `offset` of the input, refusing
/// malformed sequences; the error names the input's first bad byte.
fn strict_decode(encoding: &'static Encoding, body: &[u8], offset: usize) -> Result<String> {
    let invalid_at = |at: usize| Error::Decode {
        encoding: contract_name(encoding),
        detail: format!("invalid byte sequence at byte {}", offset + at),
    };
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) if looks_binary(body) => Err(Error::NotText("it contains NUL bytes or control characters".into())),
            Err(error) => Err(invalid_at(error.valid_up_to())),
        };
    }
    if looks_binary_legacy(encoding, body) {
        return Err(Error::NotText("it contains NUL bytes or control characters".into()));
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|text| text.into_owned())
        .ok_or_else(|| invalid_at(first_malformed(encoding, body)))
}

/// Where the first malformed sequence of `body` starts (its length when
/// there is none).
fn first_malformed(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(body.len()),
    );
    let mut read = 0;
    loop {
        let (result, consumed) = decoder.decode_to_string_without_replacement(&body[read..], &mut out, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => return body.len(),
            // The bad sequence, then what was read after it.
            DecoderResult::Malformed(bad, after) => return read - usize::from(bad) - usize::from(after),
            DecoderResult::OutputFull => out.reserve(body.len() - read + 16),
        }
    }
}

/// Binary data in a single-byte-compatible legacy encoding: a NUL byte.
fn looks_binary_legacy(encoding: &'static Encoding, body: &[u8]) -> bool {
    encoding != UTF_16LE && encoding != UTF_16BE && body.contains(&0)
}

/// Binary data: a NUL char, or more than 1% C0 control characters other than
/// tab, line feed, carriage return and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    // Branch-free byte counts summed in chunks that fit a u8, so that the
    // count vectorises (it runs over every byte of every input).
    let controls: usize = bytes
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let in_chunk: u8 = chunk
                .iter()
                .map(|&b| u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c)))
                .sum();
            usize::from(in_chunk)
        })
        .sum();
    controls * 100 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "中共某局党组关于巡察整改进展情况的通报。建立完善制度8项。";
    const TRADITIONAL: &str = "中共某局黨組關於巡察整改進展情況的通報。建立完善制度8項。";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(NOTICE.as_bytes(), None).unwrap();
        assert_eq!(plain.text, NOTICE);
        assert_eq!(plain.encoding, "utf-8");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(NOTICE.as_bytes());
        assert_eq!(decode(&with_bom, None).unwrap().text, NOTICE);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = NOTICE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = NOTICE.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom, None).unwrap().encoding, "utf-16le");
        assert_eq!(decode(&with_bom, None).unwrap().text, NOTICE);
        assert_eq!(
            decode(&[&[0xFE, 0xFF][..], &be].concat(), None).unwrap().encoding,
            "utf-16be"
        );
        // Mostly-ASCII UTF-16 without a BOM is recognised by its NUL bytes.
        let ascii_heavy = format!("2024-05-08 {NOTICE} 0578-2091427 abc");
        let le: Vec<u8> = ascii_heavy.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = decode(&le, None).unwrap();
        assert_eq!(
            (decoded.encoding, decoded.text.as_str()),
            ("utf-16le", ascii_heavy.as_str())
        );
    }

    #[test]
    fn bomless_utf16_chinese_without_ascii_is_detected() {
        // Ideographs, full-width and CJK punctuation only: a NUL byte only in
        // 一 (U+4E00), far from the share that marks UTF-16 by NUL bytes.
        let paragraph = "根据市委统一部署，市委第一巡察组于二〇二四年五月八日至五月二十四日对某局党组进行了巡察，并反馈了巡察意见。某局党组坚持把巡察整改作为重大政治任务：“立行立改、真改实改”。";
        let le: Vec<u8> = paragraph.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = paragraph.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(le.iter().filter(|&&b| b == 0).count(), paragraph.matches('一').count());
        assert!(paragraph.matches('一').count() * UTF16_NUL_SHARE < le.len() / 2);
        let decoded = decode(&le, None).unwrap();
        assert_eq!((decoded.encoding, decoded.text.as_str()), ("utf-16le", paragraph));
        let decoded = decode(&be, None).unwrap();
        assert_eq!((decoded.encoding, decoded.text.as_str()), ("utf-16be", paragraph));
    }

    /// The UTF-8 notices of the corpus.
    fn corpus_texts() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut texts: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let text = std::fs::read_to_string(&path).ok()?;
                (path.extension()? == "txt").then(|| (path.display().to_string(), text))
            })
            .collect();
        texts.sort();
        texts
    }

    #[test]
    fn gb18030_and_big5_corpus_notices_are_not_read_as_utf16_nor_mixed() {
        let mut big5_notices = 0;
        for (path, text) in corpus_texts() {
            let (gb, _, _) = GB18030.encode(&text);
            let decoded = decode(&gb, None).unwrap();
            assert_eq!((decoded.encoding, decoded.text == text), ("gb18030", true), "{path}");
            assert_eq!(decoded.findings, [], "{path}: one encoding, not mixed");
            // Also the notice's first line alone, and every line from the
            // third on, where one byte less shifts the pairs.
            for part in [text.lines().next().unwrap_or(""), &text[text.find('\n').unwrap_or(0)..]] {
                let (gb, _, _) = GB18030.encode(part);
                assert!(utf16_chinese(&gb).is_none(), "{path}");
                assert!(
                    utf16_chinese(&gb[1..gb.len() - (gb.len() % 2 == 0) as usize]).is_none(),
                    "{path}"
                );
            }
            let (big5, _, unmappable) = BIG5.encode(&text);
            assert!(utf16_chinese(&big5[..big5.len() & !1]).is_none(), "{path}");
            assert!(utf16_chinese(&big5[1..(big5.len() - 1) | 1]).is_none(), "{path}");
            if !unmappable {
                big5_notices += 1;
                let decoded = decode(&big5, None).unwrap();
                assert_eq!((decoded.encoding, decoded.text == text), ("big5", true), "{path}");
                assert_eq!(decoded.findings, [], "{path}: one encoding, not mixed");
            }
        }
        assert!(big5_notices >= 1);
    }

    #[test]
    fn legacy_chinese_encodings_are_detected() {
        let (gb, _, _) = GB18030.encode(NOTICE);
        let decoded = decode(&gb, None).unwrap();
        assert_eq!((decoded.encoding, decoded.text.as_str()), ("gb18030", NOTICE));
        let (big5, _, unmappable) = BIG5.encode(TRADITIONAL);
        assert!(!unmappable);
        let decoded = decode(&big5, None).unwrap();
        assert_eq!((decoded.encoding, decoded.text.as_str()), ("big5", TRADITIONAL));
        // Forcing an encoding overrides detection.
        assert_eq!(decode(&gb, Some(GB18030)).unwrap().text, NOTICE);
        assert!(decode(&gb, Some(BIG5)).map_or(true, |d| d.text != NOTICE));
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        assert_eq!(decode(b"", None).unwrap_err().code(), "empty_input");
        assert_eq!(decode(b" \n\t ", None).unwrap_err().code(), "empty_input");
        assert_eq!(decode(b"\x00\x01\x02abc\x9f\x92", None).unwrap_err().code(), "not_text");
        // Invalid in every candidate encoding.
        assert_eq!(
            decode(b"\x80\xff\xfe\xfd\x80", None).unwrap_err().code(),
            "decode_error"
        );
        // A lone UTF-16 surrogate behind a BOM.
        assert_eq!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8], None).unwrap_err().code(),
            "decode_error"
        );
    }

    #[test]
    fn decode_errors_name_the_first_bad_byte() {
        let message = |bytes: &[u8], forced| decode(bytes, forced).unwrap_err().to_string();
        // 巡察 in GB18030 is D1 B2 B2 EC; 0xFF is never a GB18030 byte.
        let gb = [b"ab".as_slice(), &[0xD1, 0xB2, 0xB2, 0xEC], b"\xFFcd"].concat();
        assert!(
            message(&gb, Some(GB18030)).starts_with(
                "cannot decode the input as gb18030: invalid byte sequence at byte 6; if you know the encoding, pass --encoding (utf-8, gb18030, big5, utf-16le, utf-16be)"
            ),
            "{}",
            message(&gb, Some(GB18030))
        );
        // Detected: the likeliest encoding's offset, and UTF-8's: D1 B2 is
        // valid UTF-8 (U+0472), the B2 at byte 4 continues nothing.
        assert_eq!(
            message(&gb, None),
            "cannot decode the input as gb18030: invalid byte sequence at byte 6 (gb18030 is the likeliest encoding; as utf-8, byte 4 is invalid); if you know the encoding, pass --encoding (utf-8, gb18030, big5, utf-16le, utf-16be)"
        );
        // UTF-8 after its BOM: offsets count the BOM's three bytes.
        let utf8 = [&[0xEF, 0xBB, 0xBF][..], "整改".as_bytes(), &[0xE6, 0x95]].concat();
        assert!(message(&utf8, None).contains("as utf-8: invalid byte sequence at byte 9;"));
        // UTF-16LE behind its BOM: a lone low surrogate (00 DC) at byte 4.
        let utf16 = [0xFF, 0xFE, 0x34, 0x6E, 0x00, 0xDC];
        assert!(message(&utf16, None).contains("as utf-16le: invalid byte sequence at byte 4;"));
    }

    #[test]
    fn a_gb18030_notice_then_a_big5_one_is_flagged() {
        let read =
            |name: &str| std::fs::read_to_string(format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let simplified = read("songping-county-2023-xunshi-provincial.txt");
        let traditional = read("taoyuan-county-2024-xuncha-taiwan-traditional.txt");
        let (gb, _, _) = GB18030.encode(&simplified);
        let (big5, _, unmappable) = BIG5.encode(&traditional);
        assert!(!unmappable && simplified.ends_with('\n'));
        // Eight parts of about 960 bytes; the change is at the start of the
        // part after the one holding the seam (byte 4184), or of that part.
        let mixed = [&gb[..], &big5[..]].concat();
        let decoded = decode(&mixed, None).unwrap();
        assert_eq!(decoded.encoding, "gb18030");
        let warnings: Vec<&str> = decoded.findings.iter().map(|f| f.code).collect();
        assert_eq!(warnings, ["mixed_encodings"]);
        let message = &decoded.findings[0].message;
        let split: usize = message["the text before byte ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(split.abs_diff(gb.len()) < mixed.len() / 8 + 200, "{message}");
        assert_eq!(mixed[split - 1], b'\n');
        assert!(message.ends_with(
            " reads as gb18030, the text after it as big5: part of it may be garbled; split the file or pass --encoding"
        ));
        assert!(decoded.findings[0].range.is_none());
        // Each notice alone, and the GB18030 one twice, decode without it.
        for single in [gb.to_vec(), big5.to_vec(), [&gb[..], &gb[..]].concat()] {
            assert!(decode(&single, None).unwrap().findings.is_empty());
        }
    }

    #[test]
    fn labels_map_to_contract_encodings() {
        assert_eq!(supported_encoding("GBK"), Some(GB18030));
        assert_eq!(supported_encoding("gb2312"), Some(GB18030));
        assert_eq!(supported_encoding("big5"), Some(BIG5));
        assert_eq!(supported_encoding("utf-16le"), Some(UTF_16LE));
        assert_eq!(supported_encoding("shift_jis"), None);
        assert_eq!(supported_encoding("klingon"), None);
    }
}
