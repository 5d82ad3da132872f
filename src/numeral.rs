//! The one numeral parser: Arabic and Chinese numerals, used by the outline
//! (heading numbers), quantities and dates alike.
//!
//! Consumes numeral text as it appears in the matching copy (full-width digits
//! are already ASCII there, but are accepted here too); produces an `f64`.
//! Handles thousands separators (`1,280`), decimals (`7.132`), Chinese
//! numerals with units (`三十一`, `一百零五`, `两千`, `一亿二千万`), the
//! contractions 廿 卅 卌 (20, 30, 40), positional digit strings (`二〇二四`), and
//! Arabic numbers with a Chinese multiplier (`1.2万`, `3千`). Anything else is
//! `None`, never a panic.

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
fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// Value of the contractions 廿 卅 卌.
fn contraction(c: char) -> Option<f64> {
    Some(match c {
        '廿' => 20.0,
        '卅' => 30.0,
        '卌' => 40.0,
        _ => return None,
    })
}

/// Parses a Chinese numeral (`十六`, `三十一`, `卅七`, `两千`, `二〇二四`).
pub fn parse_chinese(text: &str) -> Option<f64> {
    let mut chars = text.chars();
    chars.next()?;
    // Positional digit strings: 二〇二四, 一九九八.
    if chars.next().is_some() && text.chars().all(|c| chinese_digit(c).is_some()) {
        return Some(
            text.chars()
                .filter_map(chinese_digit)
                .fold(0.0, |acc, d| acc * 10.0 + f64::from(d)),
        );
    }
    let (mut total, mut section, mut number) = (0.0_f64, 0.0_f64, 0.0_f64);
    let mut seen_digit = false;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            number = f64::from(d);
            seen_digit = true;
        } else if let Some(unit) = small_unit(c) {
            let factor = if number == 0.0 { 1.0 } else { number };
            section += factor * unit;
            number = 0.0;
            seen_digit = true;
        } else if let Some(value) = contraction(c) {
            section += value;
            number = 0.0;
            seen_digit = true;
        } else if c == '万' || c == '萬' {
            total += (section + number).max(if seen_digit { 0.0 } else { 1.0 }) * 10_000.0;
            section = 0.0;
            number = 0.0;
        } else if c == '亿' || c == '億' {
            total = (total + section + number) * 100_000_000.0;
            section = 0.0;
            number = 0.0;
        } else {
            return None;
        }
    }
    if !seen_digit {
        return None;
    }
    Some(total + section + number)
}

/// Parses an Arabic number: digits (ASCII or full-width), an optional
/// decimal part and `,` thousands separators.
pub fn parse_arabic(text: &str) -> Option<f64> {
    // The common cases without a copy: plain ASCII digits (exact as an f64
    // up to 15 digits), and a text that cannot be an Arabic numeral at all.
    if (1..=15).contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(
            text.bytes()
                .fold(0_u64, |value, byte| value * 10 + u64::from(byte - b'0')) as f64,
        );
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
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses any numeral: Arabic, Chinese, or Arabic with a Chinese multiplier
/// (`1.2万`, `3千`, `5亿`).
pub fn parse(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(value) = parse_arabic(text) {
        return Some(value);
    }
    let split = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '０'..='９' | '．' | '，')))
        .map(|(index, _)| index)?;
    if split > 0 {
        let (digits, multiplier) = text.split_at(split);
        let base = parse_arabic(digits)?;
        let factor = parse_chinese(&format!("一{multiplier}"))?;
        return Some(base * factor);
    }
    parse_chinese(text)
}

/// Parses a heading or list number (`三`, `12`, `十一`) as a small integer.
pub fn parse_ordinal(text: &str) -> Option<u32> {
    let value = parse(text)?;
    (value >= 0.0 && value.fract() == 0.0 && value <= 10_000.0).then_some(value as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&str, Option<f64>)] = &[
        ("0", Some(0.0)),
        ("3", Some(3.0)),
        ("1280", Some(1280.0)),
        ("1,280", Some(1280.0)),
        ("1，280", Some(1280.0)),
        ("7.132", Some(7.132)),
        ("１５", Some(15.0)),
        ("６６．５７", Some(66.57)),
        ("一", Some(1.0)),
        ("两", Some(2.0)),
        ("十", Some(10.0)),
        ("十六", Some(16.0)),
        ("二十", Some(20.0)),
        ("三十一", Some(31.0)),
        ("一百零五", Some(105.0)),
        ("一百二十八", Some(128.0)),
        ("两千", Some(2000.0)),
        ("三千五百", Some(3500.0)),
        ("一万", Some(10_000.0)),
        ("十二万", Some(120_000.0)),
        ("一亿二千万", Some(120_000_000.0)),
        ("廿", Some(20.0)),
        ("廿三", Some(23.0)),
        ("卅七", Some(37.0)),
        ("卌", Some(40.0)),
        ("二〇二四", Some(2024.0)),
        ("二○二五", Some(2025.0)),
        ("二零二三", Some(2023.0)),
        ("叁拾", Some(30.0)),
        ("1.2万", Some(12_000.0)),
        ("3千", Some(3000.0)),
        ("1.49亿", Some(149_000_000.0)),
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
            let got = parse(input);
            match (got, expected) {
                (Some(g), Some(e)) => assert!((g - e).abs() < 1e-9, "{input}: {g} != {e}"),
                (g, e) => assert_eq!(g, e, "{input}"),
            }
        }
    }

    #[test]
    fn ordinals_are_small_integers() {
        assert_eq!(parse_ordinal("五"), Some(5));
        assert_eq!(parse_ordinal("十二"), Some(12));
        assert_eq!(parse_ordinal("12"), Some(12));
        assert_eq!(parse_ordinal("1.5"), None);
        assert_eq!(parse_ordinal("x"), None);
    }

    proptest::proptest! {
        /// Plain digit strings read without a copy give what the float
        /// parser gives.
        #[test]
        fn plain_digits_read_as_the_float_parser_reads_them(digits in "[0-9]{1,15}") {
            proptest::prop_assert_eq!(parse_arabic(&digits), digits.parse::<f64>().ok());
        }
    }
}
