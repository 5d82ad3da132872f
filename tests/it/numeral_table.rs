//! Table-driven tests of `zhenggai::numeral::parse`, the one numeral parser
//! behind heading numbers, quantities and dates.
//!
//! Rows are numerals as they appear in notices: Arabic (ASCII or full-width,
//! with `,`/`，` thousands separators and decimals), Chinese (〇零一二两…九
//! 十百千万亿, the contractions 廿卅卌, financial forms), positional digit
//! strings (二〇二四), and Arabic numbers with a Chinese multiplier (1.2万).
//! Text that is not a numeral is `None`. All failing rows are reported
//! together.

/// One input and the value it must parse to.
type Row = (&'static str, Option<&'static str>);

#[rustfmt::skip]
const ARABIC: &[Row] = &[
    ("0", Some("0")),
    ("3", Some("3")),
    ("12600", Some("12600")),
    ("1,280", Some("1280")),
    ("1，280", Some("1280")),
    ("12,600", Some("12600")),
    ("1,234,567", Some("1234567")),
    ("1,280.5", Some("1280.5")),
    ("7.132", Some("7.132")),
    ("0.5", Some("0.5")),
    ("1369.5", Some("1369.5")),
    ("１５", Some("15")),
    ("３", Some("3")),
    ("６６．５７", Some("66.57")),
    ("１，２８０", Some("1280")),
    (" 45 ", Some("45")),
];

#[rustfmt::skip]
const CHINESE: &[Row] = &[
    ("〇", Some("0")),
    ("零", Some("0")),
    ("一", Some("1")),
    ("二", Some("2")),
    ("两", Some("2")),
    ("三", Some("3")),
    ("五", Some("5")),
    ("九", Some("9")),
    ("十", Some("10")),
    ("十一", Some("11")),
    ("十六", Some("16")),
    ("二十", Some("20")),
    ("三十一", Some("31")),
    ("九十九", Some("99")),
    ("一百", Some("100")),
    ("一百零五", Some("105")),
    ("一百〇五", Some("105")),
    ("一百一十", Some("110")),
    ("两百", Some("200")),
    ("三百六十五", Some("365")),
    ("两千", Some("2000")),
    ("三千零五", Some("3005")),
    ("一千二百八十", Some("1280")),
    ("一万", Some("10000")),
    ("十二万", Some("120000")),
    ("一万二千", Some("12000")),
    ("一百万", Some("1000000")),
    ("三亿", Some("300000000")),
    ("一亿二千万", Some("120000000")),
    ("一亿零五百万", Some("105000000")),
    // contractions
    ("廿", Some("20")),
    ("廿五", Some("25")),
    ("卅", Some("30")),
    ("卅七", Some("37")),
    ("卌", Some("40")),
    ("卌二", Some("42")),
    // positional digit strings (years written out)
    ("二〇二四", Some("2024")),
    ("二零二五", Some("2025")),
    ("一九九八", Some("1998")),
    // financial forms
    ("叁拾", Some("30")),
    ("壹佰", Some("100")),
];

#[rustfmt::skip]
const MIXED: &[Row] = &[
    ("1.2万", Some("12000")),
    ("3千", Some("3000")),
    ("5万", Some("50000")),
    ("400万", Some("4000000")),
    ("7.132万", Some("71320")),
    ("1.49亿", Some("149000000")),
    ("１２万", Some("120000")),
    ("286.4亿", Some("28640000000")),
    ("68.4亿", Some("6840000000")),
    ("1.27亿", Some("127000000")),
    ("66.57万", Some("665700")),
    ("1369.5万", Some("13695000")),
    ("3.07万", Some("30700")),
    ("0.5万", Some("5000")),
];

/// Chinese decimals: 点 and the digits after it, then the multipliers.
#[rustfmt::skip]
const CHINESE_DECIMALS: &[Row] = &[
    ("三点五", Some("3.5")),
    ("三点五万", Some("35000")),
    ("二点五亿", Some("250000000")),
    ("七十七点八", Some("77.8")),
    ("九十五点二", Some("95.2")),
    ("零点五", Some("0.5")),
    ("一百零二点三四", Some("102.34")),
    ("十二点零五万", Some("120500")),
    ("三点", None),
    ("点五", None),
    ("三点五点六", None),
];

#[rustfmt::skip]
const NOT_NUMERALS: &[Row] = &[
    ("", None),
    ("   ", None),
    ("abc", None),
    ("3x", None),
    ("1.", None),
    (".5", None),
    ("1.2.3", None),
    ("第三", None),
    ("三是", None),
    ("人", None),
    ("万", None),
];

fn failures_of(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter_map(|&(input, expected)| {
            let got =
                std::panic::catch_unwind(|| zhenggai::numeral::parse(input).map(|value| value.normalize().to_string()));
            let ok = matches!(&got, Ok(value) if value.as_deref() == expected);
            let got = match got {
                Ok(value) => format!("{value:?}"),
                Err(_) => "panic".to_owned(),
            };
            (!ok).then(|| format!("{input:?}: expected {expected:?}, got {got}"))
        })
        .collect()
}

fn assert_table(name: &str, rows: &[Row]) {
    let failures = failures_of(rows);
    assert!(
        failures.is_empty(),
        "{name}: {} of {} rows fail:\n  {}",
        failures.len(),
        rows.len(),
        failures.join("\n  ")
    );
}

#[test]
fn arabic_numerals() {
    assert_table("ARABIC", ARABIC);
}

#[test]
fn chinese_numerals() {
    assert_table("CHINESE", CHINESE);
}

#[test]
fn arabic_with_chinese_multiplier() {
    assert_table("MIXED", MIXED);
}

#[test]
fn chinese_decimals() {
    assert_table("CHINESE_DECIMALS", CHINESE_DECIMALS);
}

#[test]
fn text_that_is_not_a_numeral() {
    assert_table("NOT_NUMERALS", NOT_NUMERALS);
}
