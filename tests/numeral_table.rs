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
type Row = (&'static str, Option<f64>);

#[rustfmt::skip]
const ARABIC: &[Row] = &[
    ("0", Some(0.0)),
    ("3", Some(3.0)),
    ("12600", Some(12_600.0)),
    ("1,280", Some(1280.0)),
    ("1，280", Some(1280.0)),
    ("12,600", Some(12_600.0)),
    ("1,234,567", Some(1_234_567.0)),
    ("1,280.5", Some(1280.5)),
    ("7.132", Some(7.132)),
    ("0.5", Some(0.5)),
    ("1369.5", Some(1369.5)),
    ("１５", Some(15.0)),
    ("３", Some(3.0)),
    ("６６．５７", Some(66.57)),
    ("１，２８０", Some(1280.0)),
    (" 45 ", Some(45.0)),
];

#[rustfmt::skip]
const CHINESE: &[Row] = &[
    ("〇", Some(0.0)),
    ("零", Some(0.0)),
    ("一", Some(1.0)),
    ("二", Some(2.0)),
    ("两", Some(2.0)),
    ("三", Some(3.0)),
    ("五", Some(5.0)),
    ("九", Some(9.0)),
    ("十", Some(10.0)),
    ("十一", Some(11.0)),
    ("十六", Some(16.0)),
    ("二十", Some(20.0)),
    ("三十一", Some(31.0)),
    ("九十九", Some(99.0)),
    ("一百", Some(100.0)),
    ("一百零五", Some(105.0)),
    ("一百〇五", Some(105.0)),
    ("一百一十", Some(110.0)),
    ("两百", Some(200.0)),
    ("三百六十五", Some(365.0)),
    ("两千", Some(2000.0)),
    ("三千零五", Some(3005.0)),
    ("一千二百八十", Some(1280.0)),
    ("一万", Some(10_000.0)),
    ("十二万", Some(120_000.0)),
    ("一万二千", Some(12_000.0)),
    ("一百万", Some(1_000_000.0)),
    ("三亿", Some(300_000_000.0)),
    ("一亿二千万", Some(120_000_000.0)),
    ("一亿零五百万", Some(105_000_000.0)),
    // contractions
    ("廿", Some(20.0)),
    ("廿五", Some(25.0)),
    ("卅", Some(30.0)),
    ("卅七", Some(37.0)),
    ("卌", Some(40.0)),
    ("卌二", Some(42.0)),
    // positional digit strings (years written out)
    ("二〇二四", Some(2024.0)),
    ("二零二五", Some(2025.0)),
    ("一九九八", Some(1998.0)),
    // financial forms
    ("叁拾", Some(30.0)),
    ("壹佰", Some(100.0)),
];

#[rustfmt::skip]
const MIXED: &[Row] = &[
    ("1.2万", Some(12_000.0)),
    ("3千", Some(3000.0)),
    ("5万", Some(50_000.0)),
    ("400万", Some(4_000_000.0)),
    ("7.132万", Some(71_320.0)),
    ("1.49亿", Some(149_000_000.0)),
    ("１２万", Some(120_000.0)),
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

fn close(got: f64, expected: f64) -> bool {
    (got - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

fn failures_of(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter_map(|&(input, expected)| {
            let got = std::panic::catch_unwind(|| zhenggai::numeral::parse(input));
            let ok = match (&got, expected) {
                (Ok(Some(g)), Some(e)) => close(*g, e),
                (Ok(None), None) => true,
                _ => false,
            };
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
fn text_that_is_not_a_numeral() {
    assert_table("NOT_NUMERALS", NOT_NUMERALS);
}
