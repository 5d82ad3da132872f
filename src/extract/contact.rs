//! Contacts of the closing block: phones, e-mails, postal addresses.
//!
//! Consumes the matching copy (dashes folded to `-`, digits ASCII); produces
//! normalised phone numbers (`0578-2091427`, mobiles as 11 digits), e-mail
//! addresses and the byte ranges of 邮政信箱 / 通讯地址 addresses as printed,
//! each in document order without duplicates.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Contacts found in a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactMatches {
    /// Normalised numbers.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// Byte ranges of addresses in the matching copy.
    pub addresses: Vec<Range<usize>>,
}

/// Landlines with an area code: 0578-2091427, (0578)2091427, 021 65141539.
static LANDLINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(?(0[0-9]{2,3})\)?[ ]*-?[ ]*([0-9]{7,8})").unwrap());
static MOBILE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"1[3-9][0-9]{9}").unwrap());
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").unwrap());
/// A labelled postal address, up to the clause end.
static LABELLED_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:通讯地址|通信地址|邮寄地址|来信地址|邮政信箱|地址)[ ]*:[ ]*(?P<address>[^;。\n]+)").unwrap()
});
/// What follows 邮政信箱 in a PO box address: its number and a postcode.
static BOX_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ ]*[0-9A-Za-z-]+[ ]*号(?:[ ]*[(,]?[ ]*邮编[ ]*:?[ ]*[0-9]{6}\)?)?").unwrap());
/// The word of a PO box address.
const PO_BOX: &str = "邮政信箱";
/// Requests that may stand before a PO box address, not part of it.
const BOX_LEAD_INS: &[&str] = &["来信请寄", "来信寄", "请寄", "寄至", "寄往"];
/// Most CJK chars of place name taken before 邮政信箱.
const BOX_PLACE_MAX_CHARS: usize = 16;

/// A PO box address around each 邮政信箱 (`北京市西城区邮政信箱1234号`).
fn box_addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), PO_BOX) {
        let Some(number) = BOX_NUMBER.find(&text[at + PO_BOX.len()..]) else {
            continue;
        };
        let mut start = at;
        for (index, c) in text[..at].char_indices().rev().take(BOX_PLACE_MAX_CHARS) {
            if !('\u{4e00}'..='\u{9fff}').contains(&c) {
                break;
            }
            start = index;
        }
        if let Some(lead_in) = BOX_LEAD_INS
            .iter()
            .find(|lead_in| text[start..at].starts_with(**lead_in))
        {
            start += lead_in.len();
        }
        if at - start >= 2 * '市'.len_utf8() {
            found.push(start..at + PO_BOX.len() + number.end());
        }
    }
    found
}

/// The chars a phone number is written with (digits, area-code brackets,
/// blanks and dashes): every [`LANDLINE`] or [`MOBILE`] match lies in a run
/// of them.
fn in_phone(byte: u8) -> bool {
    byte.is_ascii_digit() || matches!(byte, b'(' | b')' | b' ' | b'-')
}

/// Digits every phone match holds in a row: a landline's number after the
/// area code (a mobile has 11).
const PHONE_DIGITS_IN_A_ROW: usize = 7;

/// The first of four digits in a row in the 8 bytes of `word` (little
/// endian), if any; bytes past the text are zeros. Eight bytes at a time,
/// with no branch per byte.
fn four_digits_in(word: u64) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = word & !HIGH;
    // A byte's high bit: its low 7 bits are >= '0', and >= ':' (no carry
    // crosses a byte: 0x7F + 0x50 < 0x100).
    let at_least_zero = ascii + 0x5050_5050_5050_5050;
    let past_nine = ascii + 0x4646_4646_4646_4646;
    let digits = at_least_zero & !past_nine & !word & HIGH;
    let four = digits & (digits >> 8) & (digits >> 16) & (digits >> 24);
    (four != 0).then(|| four.trailing_zeros() as usize / 8)
}

/// The first of four digits in a row at or after `from`, found a word at a
/// time (the last word padded with zeros), or `None`.
fn four_digits_from(bytes: &[u8], from: usize) -> Option<usize> {
    let words = bytes[from..].chunks_exact(8);
    let tail = words.remainder();
    let tail_start = bytes.len() - tail.len();
    words
        .enumerate()
        .find_map(|(index, word)| {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            four_digits_in(word).map(|offset| from + index * 8 + offset)
        })
        .or_else(|| {
            let mut padded = [0u8; 8];
            padded[..tail.len()].copy_from_slice(tail);
            four_digits_in(u64::from_le_bytes(padded)).map(|offset| tail_start + offset)
        })
}

/// The runs of [`in_phone`] chars that hold [`PHONE_DIGITS_IN_A_ROW`]
/// digits in a row, in order: a regex search over each run finds the
/// matches a search over the whole text finds (no match holds another char
/// or lacks those digits), without running the regexes at every 0, 1 or
/// bracket of the text. Seven digits in a row put four in a row into one of
/// any eight-byte words that tile the text, so words without four are
/// skipped.
fn phone_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut at = 0;
    while let Some(digit) = four_digits_from(bytes, at) {
        let start = bytes[..digit]
            .iter()
            .rposition(|&byte| !in_phone(byte))
            .map_or(0, |index| index + 1);
        let end = bytes[digit..]
            .iter()
            .position(|&byte| !in_phone(byte))
            .map_or(bytes.len(), |index| digit + index);
        let longest_digits = bytes[start..end]
            .split(|byte| !byte.is_ascii_digit())
            .map(<[u8]>::len)
            .max()
            .unwrap_or(0);
        if longest_digits >= PHONE_DIGITS_IN_A_ROW {
            runs.push(start..end);
        }
        at = end;
    }
    runs
}

/// The [`LANDLINE`] and [`MOBILE`] matches inside `regions` of `text`
/// (landlines first in each), with their normalised numbers.
fn phone_matches(text: &str, regions: impl IntoIterator<Item = Range<usize>>) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    for region in regions {
        let digits = &text[region.clone()];
        let within = |range: Range<usize>| region.start + range.start..region.start + range.end;
        for captures in LANDLINE.captures_iter(digits) {
            if let (Some(whole), Some(area), Some(number)) = (captures.get(0), captures.get(1), captures.get(2)) {
                found.push((within(whole.range()), format!("{}-{}", area.as_str(), number.as_str())));
            }
        }
        for mobile in MOBILE.find_iter(digits) {
            found.push((within(mobile.range()), mobile.as_str().to_owned()));
        }
    }
    found
}

fn glued_to_digit(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit())
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Finds the contacts of `text`.
pub fn find_contacts(text: &str) -> ContactMatches {
    let mut found = ContactMatches::default();
    let emails: Vec<Range<usize>> = EMAIL.find_iter(text).map(|m| m.range()).collect();
    let in_email = |range: &Range<usize>| emails.iter().any(|e| e.start <= range.start && range.end <= e.end);

    let mut phones: Vec<(usize, String)> = phone_matches(text, phone_runs(text))
        .into_iter()
        .filter(|(whole, _)| !glued_to_digit(text, whole) && !in_email(whole))
        .map(|(whole, phone)| (whole.start, phone))
        .collect();
    phones.sort();
    for (_, phone) in phones {
        push_unique(&mut found.phones, phone);
    }
    for email in &emails {
        push_unique(&mut found.emails, text[email.clone()].to_owned());
    }
    let labelled: Vec<Range<usize>> = LABELLED_ADDRESS
        .captures_iter(text)
        .filter_map(|captures| captures.name("address"))
        .map(|address| address.start()..address.start() + address.as_str().trim_end_matches([',', ' ']).len())
        .filter(|range| !range.is_empty())
        .collect();
    let boxes = box_addresses(text).into_iter().filter(|range| {
        !labelled
            .iter()
            .any(|outer| outer.start <= range.start && range.end <= outer.end)
    });
    let mut addresses: Vec<Range<usize>> = labelled.iter().cloned().chain(boxes).collect();
    addresses.sort_by_key(|range| range.start);
    addresses.dedup();
    found.addresses = addresses;
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_phones_and_finds_emails() {
        let text = "联系方式:电话0578-2091427;电子邮箱luying09806111@163.com。手机13912345678,(021)65141539";
        let found = find_contacts(text);
        assert_eq!(found.phones, ["0578-2091427", "13912345678", "021-65141539"]);
        assert_eq!(found.emails, ["luying09806111@163.com"]);
        assert!(found.addresses.is_empty());
    }

    #[test]
    fn finds_postal_addresses() {
        let text = "邮政信箱:上海市徐汇区漕溪北路1号,邮编200030;来信请寄北京市西城区邮政信箱1234号(邮编100032)。";
        let found = find_contacts(text);
        let addresses: Vec<&str> = found.addresses.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            addresses,
            [
                "上海市徐汇区漕溪北路1号,邮编200030",
                "北京市西城区邮政信箱1234号(邮编100032)"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn phone_runs_hold_every_phone_match(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0578", "2091427", "13912345678", "1", "0", "(", ")", " ", "-", "年", "a", "12338", "@", ".",
            ]), 0..24)
        ) {
            let text: String = pieces.concat();
            let mut by_runs = phone_matches(&text, phone_runs(&text));
            let mut whole = phone_matches(&text, std::iter::once(0..text.len()));
            by_runs.sort_by_key(|(range, phone)| (range.start, range.end, phone.clone()));
            whole.sort_by_key(|(range, phone)| (range.start, range.end, phone.clone()));
            proptest::prop_assert_eq!(by_runs, whole, "{:?}", text);
        }
    }

    #[test]
    fn finds_four_digits_in_a_row_a_word_at_a_time() {
        assert_eq!(four_digits_in(u64::from_le_bytes(*b"ab1234cd")), Some(2));
        assert_eq!(four_digits_in(u64::from_le_bytes(*b"123a5678")), Some(4));
        assert_eq!(four_digits_in(u64::from_le_bytes(*b"12 34/:9")), None);
        // Bytes of CJK chars are not digits, whatever their low bits.
        assert_eq!(
            four_digits_in(u64::from_le_bytes([0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB9, 0, 0])),
            None
        );
    }

    #[test]
    fn hotlines_and_counts_are_not_phones() {
        assert!(find_contacts("12338热线11条,开展活动2091427次").phones.is_empty());
    }
}
