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
/// Requests that may stand before a PO box address, not part of it.
const BOX_LEAD_INS: &[&str] = &["来信请寄", "来信寄", "请寄", "寄至", "寄往"];
/// Most CJK chars of place name taken before 邮政信箱.
const BOX_PLACE_MAX_CHARS: usize = 16;

/// A PO box address around each 邮政信箱 (`北京市西城区邮政信箱1234号`).
fn box_addresses(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for (at, word) in text.match_indices("邮政信箱") {
        let Some(number) = BOX_NUMBER.find(&text[at + word.len()..]) else {
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
            found.push(start..at + word.len() + number.end());
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

    let mut phones: Vec<(usize, String)> = Vec::new();
    for captures in LANDLINE.captures_iter(text) {
        let (Some(whole), Some(area), Some(number)) = (captures.get(0), captures.get(1), captures.get(2)) else {
            continue;
        };
        if glued_to_digit(text, &whole.range()) || in_email(&whole.range()) {
            continue;
        }
        phones.push((whole.start(), format!("{}-{}", area.as_str(), number.as_str())));
    }
    for mobile in MOBILE.find_iter(text) {
        if glued_to_digit(text, &mobile.range()) || in_email(&mobile.range()) {
            continue;
        }
        phones.push((mobile.start(), mobile.as_str().to_owned()));
    }
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

    #[test]
    fn hotlines_and_counts_are_not_phones() {
        assert!(find_contacts("12338热线11条,开展活动2091427次").phones.is_empty());
    }
}
