//! The one numeral parser: Arabic and Chinese numerals, used by the outline
//! (heading numbers), quantities and dates alike.
//!
//! Consumes numeral text as it appears in the matching copy (full-width digits
//! are already ASCII there, but are accepted here too); produces an exact
//! [`Decimal`]: 286.4亿 is 28640000000, never a binary float's
//! 28639999999.999996.
//! Handles thousands separators (`1,280`), decimals (`7.132`), Chinese
//! numerals with units (`三十一`, `一百零五`, `两千`, `一亿二千万`), the
//! contractions 廿 卅 卌 (20, 30, 40), decimals with 点 (`三点五`), positional digit strings (`二〇二四`), and
//! Arabic numbers with a Chinese multiplier (`1.2万`, `3千`). Anything else is
//! `None`, never a panic.

pub use rust_decimal::Decimal;

/// The characters that can make up a Chinese numeral.
pub const CHINESE_NUMERAL_CHARS: &str = "〇○零一二两三四五六七八九十百千万亿廿卅卌壹贰叁肆伍陆柒捌玖拾佰仟";
/// [`CHINESE_NUMERAL_CHARS`] as a set, for per-char tests.
pub static CHINESE_NUMERAL_SET: crate::charset::CharSet = crate::charset::CharSet::new(CHINESE_NUMERAL_CHARS);

/// The chars of a Chinese numeral in a count (the quantity rule's Chinese
/// numbers): [`CHINESE_NUMERAL_CHARS`] without the financial forms and ○.
pub const COUNT_DIGITS: &str = "〇零一二两三四五六七八九十百千万亿廿卅卌";
/// [`COUNT_DIGITS`] as a set.
pub static COUNT_DIGIT_SET: crate::charset::CharSet = crate::charset::CharSet::new(COUNT_DIGITS);

/// Whether a count can be written with `c`: an ASCII digit or one of
/// [`COUNT_DIGITS`]. The normalizer marks these chars in the matching copy
/// (quantities start at runs of them).
pub fn is_count_char(c: char) -> bool {
    c.is_ascii_digit() || COUNT_DIGIT_SET.contains(c)
}

/// Value of a Chinese digit character (0–9), including financial forms.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '兩' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Multiplier of a Chinese unit character within a section (十 百 千).
fn small_unit(c: char) -> Option<u128> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Value of the contractions 廿 卅 卌.
fn contraction(c: char) -> Option<u128> {
    Some(match c {
        '廿' => 20,
        '卅' => 30,
        '卌' => 40,
        _ => return None,
    })
}

/// Multiplier of a large unit character (万 亿).
fn large_unit(c: char) -> Option<u128> {
    Some(match c {
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// The char that reads "point" in a Chinese decimal (三点五).
pub const DECIMAL_POINT: char = '点';

/// Parses a Chinese numeral (`十六`, `三十一`, `卅七`, `两千`, `二〇二四`),
/// with a decimal part after 点 (`三点五` = 3.5, `七十七点八` = 77.8) and the
/// multipliers after that part (`二点五亿` = 250000000).
pub fn parse_chinese(text: &str) -> Option<Decimal> {
    match text.split_once(DECIMAL_POINT) {
        None => chinese_integer(text).map(Decimal::from),
        Some((whole, fraction)) => {
            let whole = Decimal::from(chinese_integer(whole)?);
            // The fraction's digits, then the multipliers of the whole number.
            let digits_end = fraction
                .char_indices()
                .find(|&(_, c)| chinese_digit(c).is_none())
                .map_or(fraction.len(), |(at, _)| at);
            let (digits, multipliers) = fraction.split_at(digits_end);
            if digits.is_empty() {
                return None;
            }
            let mut value = whole;
            let mut place = Decimal::ONE;
            for digit in digits.chars().filter_map(chinese_digit) {
                place = place.checked_div(Decimal::TEN)?;
                value = value.checked_add(place.checked_mul(Decimal::from(digit))?)?;
            }
            for c in multipliers.chars() {
                value = value.checked_mul(Decimal::from(large_unit(c)?))?;
            }
            Some(value.normalize())
        }
    }
}

/// The integer a Chinese numeral without a decimal part writes.
fn chinese_integer(text: &str) -> Option<u128> {
    let mut chars = text.chars();
    chars.next()?;
    // Positional digit strings: 二〇二四, 一九九八.
    if chars.next().is_some() && text.chars().all(|c| chinese_digit(c).is_some()) {
        return text
            .chars()
            .filter_map(chinese_digit)
            .try_fold(0_u128, |acc, d| acc.checked_mul(10)?.checked_add(u128::from(d)));
    }
    let (mut total, mut section, mut number) = (0_u128, 0_u128, 0_u128);
    let mut seen_digit = false;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            number = u128::from(d);
            seen_digit = true;
        } else if let Some(unit) = small_unit(c) {
            let factor = if number == 0 { 1 } else { number };
            section = section.checked_add(factor.checked_mul(unit)?)?;
            number = 0;
            seen_digit = true;
        } else if let Some(value) = contraction(c) {
            section = section.checked_add(value)?;
            number = 0;
            seen_digit = true;
        } else if let Some(unit) = large_unit(c) {
            let counted = section + number;
            let counted = if counted == 0 && !seen_digit { 1 } else { counted };
            total = if unit == 10_000 {
                total.checked_add(counted.checked_mul(unit)?)?
            } else {
                // 亿 multiplies everything before it (一万亿).
                total.checked_add(counted)?.checked_mul(unit)?
            };
            section = 0;
            number = 0;
        } else {
            return None;
        }
    }
    if !seen_digit {
        return None;
    }
    total.checked_add(section)?.checked_add(number)
}

/// Parses an Arabic number: digits (ASCII or full-width), an optional
/// decimal part and `,` thousands separators. The value is exact.
pub fn parse_arabic(text: &str) -> Option<Decimal> {
    // The common case without a copy: plain ASCII digits.
    if (1..=18).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(Decimal::from(
            text.bytes()
                .fold(0_u64, |value, byte| value * 10 + u64::from(byte - b'0')),
        ));
    }
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９' | '．' | '，')) {
        return None;
    }
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' | '.' => cleaned.push(c),
            '０'..='９' => cleaned.push(char::from_u32(c as u32 - 0xFEE0)?),
            '．' => cleaned.push('.'),
            ',' | '，' => {}
            _ => return None,
        }
    }
    if cleaned.is_empty() || cleaned.starts_with('.') || cleaned.ends_with('.') {
        return None;
    }
    Decimal::from_str_exact(&cleaned).ok()
}

/// Parses any numeral into its exact value: Arabic, Chinese (with 点
/// decimals), or Arabic with a Chinese multiplier (`1.2万`, `3千`, `5亿`).
pub fn parse(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if let Some(value) = parse_arabic(text) {
        return Some(value);
    }
    let split = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９' | '．' | '，')))
        .map(|(index, _)| index)?;
    if split > 0 {
        let (digits, multipliers) = text.split_at(split);
        let base = parse_arabic(digits)?;
        let factor = multiplier(multipliers)?;
        return base.checked_mul(factor).map(|value| value.normalize());
    }
    parse_chinese(text)
}

/// The product of the multipliers a number is written with (十, 百, 千, 万,
/// 亿, 十万, 万亿 …): the factor that turns `1.2万` into 12000.
pub fn multiplier(text: &str) -> Option<Decimal> {
    let mut factor = Decimal::ONE;
    let mut any = false;
    for c in text.chars() {
        let unit = large_unit(c).or_else(|| small_unit(c))?;
        factor = factor.checked_mul(Decimal::from(unit))?;
        any = true;
    }
    any.then_some(factor)
}

/// Parses a heading or list number (`三`, `12`, `十一`) as a small integer.
pub fn parse_ordinal(text: &str) -> Option<u32> {
    let value = parse(text)?;
    if !value.fract().is_zero() || value.is_sign_negative() {
        return None;
    }
    u32::try_from(value.mantissa() / 10_i128.pow(value.scale()))
        .ok()
        .filter(|&number| number <= 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&str, Option<&str>)] = &[
        ("0", Some("0")),
        ("3", Some("3")),
        ("1280", Some("1280")),
        ("1,280", Some("1280")),
        ("1，280", Some("1280")),
        ("7.132", Some("7.132")),
        ("１５", Some("15")),
        ("６６．５７", Some("66.57")),
        ("一", Some("1")),
        ("两", Some("2")),
        ("十", Some("10")),
        ("十六", Some("16")),
        ("二十", Some("20")),
        ("三十一", Some("31")),
        ("一百零五", Some("105")),
        ("一百二十八", Some("128")),
        ("两千", Some("2000")),
        ("三千五百", Some("3500")),
        ("一万", Some("10000")),
        ("十二万", Some("120000")),
        ("一亿二千万", Some("120000000")),
        ("廿", Some("20")),
        ("廿三", Some("23")),
        ("卅七", Some("37")),
        ("卌", Some("40")),
        ("二〇二四", Some("2024")),
        ("二○二五", Some("2025")),
        ("二零二三", Some("2023")),
        ("叁拾", Some("30")),
        ("1.2万", Some("12000")),
        ("3千", Some("3000")),
        ("1.49亿", Some("149000000")),
        ("286.4亿", Some("28640000000")),
        ("68.4亿", Some("6840000000")),
        ("三点五", Some("3.5")),
        ("三点五万", Some("35000")),
        ("二点五亿", Some("250000000")),
        ("七十七点八", Some("77.8")),
        ("一百二十点零五", Some("120.05")),
        ("一万亿", Some("1000000000000")),
        ("3十万", Some("300000")),
        ("2百万", Some("2000000")),
        ("三点", None),
        ("点五", None),
        ("", None),
        ("abc", None),
        ("万", None),
        ("1.", None),
        (".5", None),
        ("3x", None),
    ];

    #[test]
    fn parses_every_case() {
        for &(input, expected) in CASES {
            let got = parse(input).map(|value| value.normalize().to_string());
            assert_eq!(got.as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn ordinals_are_small_integers() {
        assert_eq!(parse_ordinal("五"), Some(5));
        assert_eq!(parse_ordinal("十二"), Some(12));
        assert_eq!(parse_ordinal("12"), Some(12));
        assert_eq!(parse_ordinal("1.5"), None);
        assert_eq!(parse_ordinal("x"), None);
        assert_eq!(parse_ordinal("三点五"), None);
    }

    proptest::proptest! {
        /// Plain digit strings read without a copy give what the float
        /// parser gives.
        #[test]
        fn plain_digits_read_as_the_decimal_parser_reads_them(digits in "[0-9]{1,18}") {
            proptest::prop_assert_eq!(parse_arabic(&digits), Decimal::from_str_exact(&digits).ok());
        }

        /// Amounts written N.NN亿 / N.N万 are exact decimals: the digits
        /// with the point moved, never a float product.
        #[test]
        fn amounts_with_multipliers_are_exact(whole in 0_u32..100_000, fraction in 0_u32..100, yi in proptest::bool::ANY) {
            let (written, exponent) = if yi {
                (format!("{whole}.{fraction:02}亿"), 8 - 2)
            } else {
                (format!("{whole}.{}万", fraction % 10), 4 - 1)
            };
            let digits = if yi { u64::from(whole) * 100 + u64::from(fraction) } else { u64::from(whole) * 10 + u64::from(fraction % 10) };
            let expected = Decimal::from(digits * 10_u64.pow(exponent));
            proptest::prop_assert_eq!(parse(&written), Some(expected), "{}", written);
        }
    }
}
