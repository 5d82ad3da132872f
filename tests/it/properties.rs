//! Properties over random input: no panic, spans that slice, valid records.
//!
//! Random strings are drawn from the genre's own alphabet (markers, numerals,
//! units, date words, brackets, quotes, punctuation of both widths) mixed
//! with arbitrary characters; random byte strings exercise the decoders.

use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::Value;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(zhenggai::SCHEMA).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
});

/// Pieces of notices, recombined at random.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "（1）",
    "①",
    "一是",
    "第一，",
    "关于“",
    "”问题的整改情况",
    "「",
    "」",
    "《",
    "》",
    "巡察组",
    "第二",
    "轮",
    "五届市委",
    "对市妇联党组进行了巡察",
    "反馈",
    "2024年",
    "5月",
    "8日",
    "—",
    "至",
    "-",
    "~",
    "每月",
    "8号",
    "每季度",
    "今年",
    "上半年",
    "年底",
    "3",
    "12",
    "400",
    "余",
    "多",
    "约",
    "近",
    "万",
    "元",
    "人",
    "人次",
    "项",
    "个",
    "场次",
    "%",
    "个百分点",
    "十六",
    "两",
    "卅",
    "〇",
    "。",
    "，",
    ",",
    "；",
    ";",
    "：",
    ":",
    "\n",
    "\r\n",
    " ",
    "　",
    "?",
    "(jù)",
    "(区)",
    "教育提醒",
    "建立完善制度",
    "已完成整改",
    "整改完成率",
    "下一步",
    "中共某局党组",
    "0578—2091427",
    "a@b.cn",
    "邮政信箱",
    "〔2024〕5号",
    "12338",
    "一岗双责",
    "XX",
    "\u{FFFD}",
    "<p>",
    "</p>",
    "&nbsp;",
];

fn notice_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

/// Checks one parsed input: every span lies within the text and slices to
/// its item's text ([`zhenggai::Record::span_errors`]), and the record
/// validates against the schema.
fn check_record(bytes: &[u8]) -> Result<(), TestCaseError> {
    let options = zhenggai::Options {
        with_text: true,
        ..zhenggai::Options::default()
    };
    let Ok(record) = zhenggai::parse(bytes, &options) else {
        return Ok(());
    };
    let errors = record.span_errors(record.text.as_deref().unwrap_or_default());
    prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
    let value = serde_json::to_value(&record).expect("records serialise");
    prop_assert!(VALIDATOR.is_valid(&value), "invalid record: {}", value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn notice_like_text_never_panics(text in notice_like()) {
        check_record(text.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_record(&bytes)?;
    }

    #[test]
    fn notice_like_text_in_legacy_encodings_never_panics(text in notice_like()) {
        let (gb, _, _) = encoding_rs::GB18030.encode(&text);
        check_record(&gb)?;
        let (big5, _, _) = encoding_rs::BIG5.encode(&text);
        check_record(&big5)?;
    }
}

/// Pathological shapes complete (their time is measured by
/// `cargo run --release --example pathological`, not here).
#[test]
fn pathological_inputs_complete() {
    let cases = [
        "一、关于“问题”问题的整改情况\n(一)措施。\n".repeat(20_000),
        "巡察整改工作扎实推进取得成效".repeat(20_000),
        "教育提醒3人建立制度8项".repeat(10_000),
        format!("{}整改{}", "(（《“".repeat(20_000), "”》）)".repeat(20_000)),
        format!("一、下一步\n{}", "一是抓整改二是促落实".repeat(20_000)),
        format!("一、{}\n", "关于“巩固深化履行整改进展:(此".repeat(20_000)),
    ];
    for text in cases {
        let record = zhenggai::parse(text.as_bytes(), &zhenggai::Options::default()).expect("parses");
        serde_json::to_string(&record).expect("serialises");
    }
}

/// The shapes that made every number of a run start a quantity try reading
/// to the end of the run (`1.1.1.…`, issue 16) hide no quantity, and a real
/// one after them is still found whole: `3人` of 教育提醒3人 (value 3).
#[test]
fn runs_of_number_tries_keep_the_quantity_after_them() {
    for unit in [
        "1.", "5~", "1，", "1 ", "1-", "1—", "1至", "一.", "五至", "1到", "1万", "1余",
    ] {
        let text = format!("{}教育提醒3人", unit.repeat(20_000));
        let record = zhenggai::parse(text.as_bytes(), &zhenggai::Options::default()).expect("parses");
        let found: Vec<(&str, String)> = record
            .quantities
            .iter()
            .map(|q| (q.text.as_str(), q.value.0.to_string()))
            .collect();
        assert_eq!(found, [("3人", "3".to_owned())], "{unit}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Money written N.NN亿元 or N.N万元 in a notice's sentence is the exact
    /// amount in 元, in the record and in its JSON: the digits with the
    /// point moved, never a float product near them (286.4亿元 is
    /// 28640000000, not 28639999999.999996).
    #[test]
    fn money_amounts_are_exact(whole in 0_u32..100_000, fraction in 0_u32..100, yi in any::<bool>()) {
        let (written, yuan) = if yi {
            (format!("{whole}.{fraction:02}亿元"), (u64::from(whole) * 100 + u64::from(fraction)) * 1_000_000)
        } else {
            let tenth = fraction % 10;
            (format!("{whole}.{tenth}万元"), (u64::from(whole) * 10 + u64::from(tenth)) * 1_000)
        };
        let text = format!("整改期间，追回违规资金{written}。");
        let record = zhenggai::parse(text.as_bytes(), &zhenggai::Options::default()).expect("parses");
        let quantity = record.quantities.iter().find(|q| q.text == written).expect("the amount is a quantity");
        prop_assert_eq!(quantity.value.0, zhenggai::record::Decimal::from(yuan), "{}", written);
        let json = serde_json::to_string(&quantity.value).unwrap();
        prop_assert_eq!(json, yuan.to_string(), "{}", written);
        prop_assert_eq!(record.metrics["funds_recovered"].value.0, zhenggai::record::Decimal::from(yuan));
    }
}
