//! Date expressions, one phrase per row, through the public pipeline
//! (`zhenggai::parse`), as users see them in `record.dates`.
//!
//! Expected values follow the rules in `corpus/README.md` ("What counts" →
//! Dates) and the Date object of `../shared/design/output-contract.md`,
//! worked out by hand for each phrase. Each test collects every failing row
//! and reports them all at the end.
//!
//! A row is `(phrase, [(text, kind, start, end, precision, frequency,
//! relative)])`, dates in document order. A phrase whose last line is only a
//! date has a signature date; that date is itself in `record.dates`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use zhenggai::record::DateKind::{self, Point, Range, Recurring};
use zhenggai::record::Frequency::{self, Monthly, Quarterly, Weekly, Yearly};
use zhenggai::record::Precision::{self, Day, Half, Month, Quarter, Year};

/// One expected date: text, kind, start, end, precision, frequency, relative.
type Expected = (
    &'static str,
    DateKind,
    Option<&'static str>,
    Option<&'static str>,
    Precision,
    Option<Frequency>,
    bool,
);

/// A phrase and every date expected in it, in document order.
type Row = (&'static str, &'static [Expected]);

/// The same, owned, for comparing with what the record gives.
type Got = (
    String,
    DateKind,
    Option<String>,
    Option<String>,
    Precision,
    Option<Frequency>,
    bool,
);

/// The signature date most rows with a signature line use.
const SIGNED_2025_06_03: Expected = (
    "2025年6月3日",
    Point,
    Some("2025-06-03"),
    Some("2025-06-03"),
    Day,
    None,
    false,
);

fn owned(expected: &Expected) -> Got {
    let &(text, kind, start, end, precision, frequency, relative) = expected;
    (
        text.to_owned(),
        kind,
        start.map(str::to_owned),
        end.map(str::to_owned),
        precision,
        frequency,
        relative,
    )
}

fn got(date: &zhenggai::record::Date) -> Got {
    (
        date.text.clone(),
        date.kind,
        date.start.map(|d| d.to_string()),
        date.end.map(|d| d.to_string()),
        date.precision,
        date.frequency,
        date.relative,
    )
}

fn show(dates: &[Got]) -> String {
    if dates.is_empty() {
        return "[]".to_owned();
    }
    let items: Vec<String> = dates
        .iter()
        .map(|(text, kind, start, end, precision, frequency, relative)| {
            format!(
                "({text} {kind:?} {}..{} {precision:?} {} {})",
                start.as_deref().unwrap_or("null"),
                end.as_deref().unwrap_or("null"),
                frequency.map_or("-".to_owned(), |f| format!("{f:?}")),
                if *relative { "relative" } else { "absolute" }
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Parses every phrase, compares its dates with the row, and fails once with
/// the list of every failing row.
fn check(table_name: &str, table: &[Row]) {
    let mut failures = Vec::new();
    for &(phrase, expected) in table {
        let want: Vec<Got> = expected.iter().map(owned).collect();
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            zhenggai::parse(phrase.as_bytes(), &zhenggai::Options::default())
        }));
        let outcome = match parsed {
            Ok(Ok(record)) => Ok(record.dates.iter().map(got).collect::<Vec<Got>>()),
            Ok(Err(error)) => Err(format!("error: {error}")),
            Err(_) => Err("panicked".to_owned()),
        };
        let ok = matches!(&outcome, Ok(dates) if *dates == want);
        if !ok {
            let got_text = match outcome {
                Ok(dates) => show(&dates),
                Err(message) => message,
            };
            failures.push(format!(
                "phrase:   {}\n  expected: {}\n  got:      {}",
                phrase.replace('\n', "⏎"),
                show(&want),
                got_text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{table_name}: {} of {} rows fail:\n\n{}\n",
        failures.len(),
        table.len(),
        failures.join("\n\n")
    );
}

/// Absolute dates: 年月日, 年月, 年, 年度, ISO forms, full-width digits,
/// Chinese numerals, month lengths and leap years.
#[rustfmt::skip]
const ABSOLUTE: &[Row] = &[
    ("2024年10月10日，市委巡察组向市妇联党组反馈了巡察意见。", &[("2024年10月10日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false)]),
    ("2025年1月16日，县委第五巡察组向县文旅局党组反馈了巡察意见。", &[("2025年1月16日", Point, Some("2025-01-16"), Some("2025-01-16"), Day, None, false)]),
    ("2024年05月08日，市委第一巡察组进驻县医保局开展常规巡察。", &[("2024年05月08日", Point, Some("2024-05-08"), Some("2024-05-08"), Day, None, false)]),
    ("2024年12月31日前，完成所有问题线索的核查处置。", &[("2024年12月31日", Point, Some("2024-12-31"), Some("2024-12-31"), Day, None, false)]),
    ("2024年6月5日上午9:00，局党组召开巡察整改动员部署会。", &[("2024年6月5日", Point, Some("2024-06-05"), Some("2024-06-05"), Day, None, false)]),
    ("2024年10月10日，市委巡察組向市婦聯黨組反饋了巡察意見。", &[("2024年10月10日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false)]),
    ("2025年2月，区住建局召开巡察整改工作推进会。", &[("2025年2月", Point, Some("2025-02-01"), Some("2025-02-28"), Month, None, false)]),
    ("2024年4月，区住建局开展违规收送礼金问题专项整治。", &[("2024年4月", Point, Some("2024-04-01"), Some("2024-04-30"), Month, None, false)]),
    ("2024年9月，区教育局党组书记讲授专题党课2次。", &[("2024年9月", Point, Some("2024-09-01"), Some("2024-09-30"), Month, None, false)]),
    ("2024年11月，局党组制定《区住建局巡察整改工作方案》。", &[("2024年11月", Point, Some("2024-11-01"), Some("2024-11-30"), Month, None, false)]),
    ("2024年12月，县市场监管局完成全部整改任务。", &[("2024年12月", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false)]),
    ("2024年，全区共处分违纪干部3人，组织处理5人。", &[("2024年", Point, Some("2024-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("2023年，局机关公务接待费支出同比下降18.6%。", &[("2023年", Point, Some("2023-01-01"), Some("2023-12-31"), Year, None, false)]),
    ("2024年度民主生活会上，班子成员逐一作对照检查。", &[("2024年度", Point, Some("2024-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("落实2023年度党风廉政建设责任制考核结果运用。", &[("2023年度", Point, Some("2023-01-01"), Some("2023-12-31"), Year, None, false)]),
    // Page release lines are furniture: they give the page date, not dates.
    ("成文日期：2025-06-03", &[]),
    ("发布时间：2025-06-03 09:30:15　来源：区纪委监委", &[]),
    ("2025/6/3 10:30:00 来源：县委巡察办", &[]),
    ("整改方案于2024/11/20经局党组会议审议通过。", &[("2024/11/20", Point, Some("2024-11-20"), Some("2024-11-20"), Day, None, false)]),
    ("整改方案于2024.11.20经局党组会议审议通过。", &[("2024.11.20", Point, Some("2024-11-20"), Some("2024-11-20"), Day, None, false)]),
    ("2024.5.8，巡察组召开巡察工作动员会。", &[("2024.5.8", Point, Some("2024-05-08"), Some("2024-05-08"), Day, None, false)]),
    ("２０２４年３月１２日，区委第三巡察组对区教育局开展巡察。", &[("２０２４年３月１２日", Point, Some("2024-03-12"), Some("2024-03-12"), Day, None, false)]),
    ("２０２５年１月，区教育局修订完善《干部选拔任用工作规程》。", &[("２０２５年１月", Point, Some("2025-01-01"), Some("2025-01-31"), Month, None, false)]),
    ("２０２４年，全局共开展警示教育１２场次。", &[("２０２４年", Point, Some("2024-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("二〇二四年十月十日，县委第二巡察组向县农业农村局党组反馈巡察意见。", &[("二〇二四年十月十日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false)]),
    ("二〇二四年五月二十日，集团党委巡察组进驻下属物流公司。", &[("二〇二四年五月二十日", Point, Some("2024-05-20"), Some("2024-05-20"), Day, None, false)]),
    ("二○二五年三月，局党组召开巡察整改专题民主生活会。", &[("二○二五年三月", Point, Some("2025-03-01"), Some("2025-03-31"), Month, None, false)]),
    ("二零二三年十二月三十一日前，全面完成问题整改销号。", &[("二零二三年十二月三十一日", Point, Some("2023-12-31"), Some("2023-12-31"), Day, None, false)]),
    ("二〇二四年度，中心共完成整改任务27项。", &[("二〇二四年度", Point, Some("2024-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("中共青溪县农业农村局党组\n二〇二五年一月二十二日", &[("二〇二五年一月二十二日", Point, Some("2025-01-22"), Some("2025-01-22"), Day, None, false)]),
    ("2024年2月29日，局党组召开专题会议研究整改方案。", &[("2024年2月29日", Point, Some("2024-02-29"), Some("2024-02-29"), Day, None, false)]),
    ("2023年2月28日，县审计局完成专项审计。", &[("2023年2月28日", Point, Some("2023-02-28"), Some("2023-02-28"), Day, None, false)]),
    ("2024年2月，区卫健委完成全部整改任务的中期评估。", &[("2024年2月", Point, Some("2024-02-01"), Some("2024-02-29"), Month, None, false)]),
    ("2023年2月，区卫健委印发整改任务清单。", &[("2023年2月", Point, Some("2023-02-01"), Some("2023-02-28"), Month, None, false)]),
    ("该制度自2000年2月施行以来，一直未作修订。", &[("2000年2月", Point, Some("2000-02-01"), Some("2000-02-29"), Month, None, false)]),
    ("2024年6月，县财政局清退违规发放的津补贴12.6万元。", &[("2024年6月", Point, Some("2024-06-01"), Some("2024-06-30"), Month, None, false)]),
];

/// A missing year or month inherited from the previous date of the sentence
/// or paragraph, else from the notice's own context (inspection period,
/// else signature).
#[rustfmt::skip]
const INHERITANCE: &[Row] = &[
    ("根据市委统一部署，2024年5月8日—5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日—5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日至24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日至24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("区委第一巡视组于2024年4月15日至6月30日对区住建局进行了巡视，并于9月5日反馈了巡视意见。", &[
        ("2024年4月15日至6月30日", Range, Some("2024-04-15"), Some("2024-06-30"), Day, None, false),
        ("9月5日", Point, Some("2024-09-05"), Some("2024-09-05"), Day, None, false),
    ]),
    ("2024年4月15日至6月30日，區委第一巡視組對區住建局進行了巡視，並於9月5日反饋了巡視意見。", &[
        ("2024年4月15日至6月30日", Range, Some("2024-04-15"), Some("2024-06-30"), Day, None, false),
        ("9月5日", Point, Some("2024-09-05"), Some("2024-09-05"), Day, None, false),
    ]),
    ("2024年10月启动历史遗留问题专项清理，12月完成全部整改任务。", &[
        ("2024年10月", Point, Some("2024-10-01"), Some("2024-10-31"), Month, None, false),
        ("12月", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false),
    ]),
    ("2024年3月18日至4月26日，县委第四巡察组对县水利局开展了常规巡察；6月14日，县委巡察组反馈了巡察意见。", &[
        ("2024年3月18日至4月26日", Range, Some("2024-03-18"), Some("2024-04-26"), Day, None, false),
        ("6月14日", Point, Some("2024-06-14"), Some("2024-06-14"), Day, None, false),
    ]),
    ("2024年8月27日，县委巡察组反馈意见后，局党组于8月30日召开专题会议，9月26日印发整改方案。", &[
        ("2024年8月27日", Point, Some("2024-08-27"), Some("2024-08-27"), Day, None, false),
        ("8月30日", Point, Some("2024-08-30"), Some("2024-08-30"), Day, None, false),
        ("9月26日", Point, Some("2024-09-26"), Some("2024-09-26"), Day, None, false),
    ]),
    ("2024年6月，县财政局启动专项资金清理，截至8月底，已追回违规发放补贴12.6万元。", &[
        ("2024年6月", Point, Some("2024-06-01"), Some("2024-06-30"), Month, None, false),
        ("8月底", Point, Some("2024-08-21"), Some("2024-08-31"), Day, None, false),
    ]),
    ("2024年4月，巡察组进驻后，局党组坚持立行立改，5月中旬完成首批问题整改。", &[
        ("2024年4月", Point, Some("2024-04-01"), Some("2024-04-30"), Month, None, false),
        ("5月中旬", Point, Some("2024-05-11"), Some("2024-05-20"), Day, None, false),
    ]),
    ("2024年7月，局党组制定整改方案，第三季度完成立行立改事项整改。", &[
        ("2024年7月", Point, Some("2024-07-01"), Some("2024-07-31"), Month, None, false),
        ("第三季度", Point, Some("2024-07-01"), Some("2024-09-30"), Quarter, None, false),
    ]),
    ("2023年11月6日至2024年1月19日，省委第六巡视组对我县进行了巡视，3月22日反馈了巡视意见。", &[
        ("2023年11月6日至2024年1月19日", Range, Some("2023-11-06"), Some("2024-01-19"), Day, None, false),
        ("3月22日", Point, Some("2024-03-22"), Some("2024-03-22"), Day, None, false),
    ]),
    ("2024年12月28日至2025年1月5日，集团党委巡察组开展提级巡察，1月20日反馈巡察意见。", &[
        ("2024年12月28日至2025年1月5日", Range, Some("2024-12-28"), Some("2025-01-05"), Day, None, false),
        ("1月20日", Point, Some("2025-01-20"), Some("2025-01-20"), Day, None, false),
    ]),
    ("省委第四巡视组于2016年2月26日至4月26日对江城市进行了巡视，6月5日向江城市反馈了巡视意见。", &[
        ("2016年2月26日至4月26日", Range, Some("2016-02-26"), Some("2016-04-26"), Day, None, false),
        ("6月5日", Point, Some("2016-06-05"), Some("2016-06-05"), Day, None, false),
    ]),
    ("二〇二四年五月八日至二十四日，市委第二巡察组进驻市档案馆开展巡察。", &[("二〇二四年五月八日至二十四日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("二〇二四年十月十日，区委第一巡察组反馈巡察意见；十一月十日前，局党组制定整改方案。", &[
        ("二〇二四年十月十日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false),
        ("十一月十日", Point, Some("2024-11-10"), Some("2024-11-10"), Day, None, false),
    ]),
    ("２０２４年３月１２日至４月２６日，区委第二巡察组对区卫健委开展了巡察。", &[("２０２４年３月１２日至４月２６日", Range, Some("2024-03-12"), Some("2024-04-26"), Day, None, false)]),
    // The feedback date in its own paragraph takes the inspection period's year, not the signature's.
    ("2024年4月8日至5月17日，市委第三巡察组对市园林局党组进行了巡察。\n6月28日，市委巡察组向市园林局党组反馈了巡察意见。\n中共桐川市园林局党组\n2025年3月20日", &[
        ("2024年4月8日至5月17日", Range, Some("2024-04-08"), Some("2024-05-17"), Day, None, false),
        ("6月28日", Point, Some("2024-06-28"), Some("2024-06-28"), Day, None, false),
        ("2025年3月20日", Point, Some("2025-03-20"), Some("2025-03-20"), Day, None, false),
    ]),
    // No year anywhere before: the signature's year.
    ("省委巡视组于6月5日向我市反馈了巡视意见。\n中共江城市委员会\n2016年11月10日", &[
        ("6月5日", Point, Some("2016-06-05"), Some("2016-06-05"), Day, None, false),
        ("2016年11月10日", Point, Some("2016-11-10"), Some("2016-11-10"), Day, None, false),
    ]),
    ("9月底前，完成整改台账的全面梳理。\n2024年12月20日", &[
        ("9月底", Point, Some("2024-09-21"), Some("2024-09-30"), Day, None, false),
        ("2024年12月20日", Point, Some("2024-12-20"), Some("2024-12-20"), Day, None, false),
    ]),
    ("巡察组于5月8—24日进驻县档案馆开展巡察。\n2024年10月12日", &[
        ("5月8—24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false),
        ("2024年10月12日", Point, Some("2024-10-12"), Some("2024-10-12"), Day, None, false),
    ]),
    // Nothing to take a year from, and today's date is never used.
    ("6月底前完成全部问题整改。", &[]),
];

/// Ranges: every connector, across months and years, year ranges, month and
/// day ranges written once, 旬 ranges, ISO ranges; a start plus a duration.
#[rustfmt::skip]
const RANGES: &[Row] = &[
    ("2024年5月8日—5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日—5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日–5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日–5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日-5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日-5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日~5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日~5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日～5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日～5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日至5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日至5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日到5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日到5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日—24日，市委第二巡察组对市妇联党组进行了巡察。", &[("2024年5月8日—24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日—5月24日，市委第二巡察組對市婦聯黨組進行了巡察。", &[("2024年5月8日—5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年4月8日至5月22日，市委第三巡察组对县医保局开展了为期45天的政治巡察。", &[("2024年4月8日至5月22日", Range, Some("2024-04-08"), Some("2024-05-22"), Day, None, false)]),
    ("2024年12月28日至2025年1月5日，集团党委巡察组对下属物流公司开展了提级巡察。", &[("2024年12月28日至2025年1月5日", Range, Some("2024-12-28"), Some("2025-01-05"), Day, None, false)]),
    ("2023年12月25日—2024年1月19日，县委第一巡察组对县供销社进行了巡察。", &[("2023年12月25日—2024年1月19日", Range, Some("2023-12-25"), Some("2024-01-19"), Day, None, false)]),
    ("2024年10月14日至12月20日，区委第二巡察组对区卫健委党委开展了常规巡察。", &[("2024年10月14日至12月20日", Range, Some("2024-10-14"), Some("2024-12-20"), Day, None, false)]),
    ("2024年2月19日至3月1日，局党组开展整改问题“回头看”。", &[("2024年2月19日至3月1日", Range, Some("2024-02-19"), Some("2024-03-01"), Day, None, false)]),
    ("2024年3月至2025年2月，局党组分三个阶段推进整改。", &[("2024年3月至2025年2月", Range, Some("2024-03-01"), Some("2025-02-28"), Month, None, false)]),
    ("2023年12月至2024年2月，开展冬季安全生产大检查。", &[("2023年12月至2024年2月", Range, Some("2023-12-01"), Some("2024-02-29"), Month, None, false)]),
    ("2024年11月至2025年1月，县住建局开展欠薪问题专项治理。", &[("2024年11月至2025年1月", Range, Some("2024-11-01"), Some("2025-01-31"), Month, None, false)]),
    ("2024年1月至2024年3月，开展第一阶段集中整改。", &[("2024年1月至2024年3月", Range, Some("2024-01-01"), Some("2024-03-31"), Month, None, false)]),
    ("2024年10月至12月，县市场监管局开展食品安全专项整治。", &[("2024年10月至12月", Range, Some("2024-10-01"), Some("2024-12-31"), Month, None, false)]),
    ("2024年6月到8月，区教育局开展校外培训机构专项检查。", &[("2024年6月到8月", Range, Some("2024-06-01"), Some("2024-08-31"), Month, None, false)]),
    ("2024年7月—9月，全面排查“三资”管理问题。", &[("2024年7月—9月", Range, Some("2024-07-01"), Some("2024-09-30"), Month, None, false)]),
    ("全面梳理2021—2024年度“三公”经费支出情况。", &[("2021—2024年度", Range, Some("2021-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("对2022-2024年发放的各类补贴逐笔核查。", &[("2022-2024年", Range, Some("2022-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("清理2021～2023年违规报销的差旅费。", &[("2021～2023年", Range, Some("2021-01-01"), Some("2023-12-31"), Year, None, false)]),
    ("对2021至2023年度的财务账目进行复查。", &[("2021至2023年度", Range, Some("2021-01-01"), Some("2023-12-31"), Year, None, false)]),
    ("对2020年至2022年的工程项目开展“回头看”。", &[("2020年至2022年", Range, Some("2020-01-01"), Some("2022-12-31"), Year, None, false)]),
    ("2023年到2024年，共开展专项督查6轮。", &[("2023年到2024年", Range, Some("2023-01-01"), Some("2024-12-31"), Year, None, false)]),
    ("2024年1—10月，全区共受理信访举报件186件。", &[("2024年1—10月", Range, Some("2024-01-01"), Some("2024-10-31"), Month, None, false)]),
    ("2024年1-6月，局机关共组织专题学习12次。", &[("2024年1-6月", Range, Some("2024-01-01"), Some("2024-06-30"), Month, None, false)]),
    ("2024年1～2月，全县共开展节日期间明察暗访8次。", &[("2024年1～2月", Range, Some("2024-01-01"), Some("2024-02-29"), Month, None, false)]),
    ("2024年7—9月份，开展整改落实情况“回头看”。", &[("2024年7—9月份", Range, Some("2024-07-01"), Some("2024-09-30"), Month, None, false)]),
    ("2024年5月8—24日，市委第二巡察组对市妇联党组开展巡察。", &[("2024年5月8—24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年6月25—27日，举办巡察整改专题培训班。", &[("2024年6月25—27日", Range, Some("2024-06-25"), Some("2024-06-27"), Day, None, false)]),
    ("2024年2月26-29日，局党组开展集中谈心谈话。", &[("2024年2月26-29日", Range, Some("2024-02-26"), Some("2024-02-29"), Day, None, false)]),
    ("2024年5月中旬至6月中旬，市委第五巡察组对市交通运输局开展了巡察。", &[("2024年5月中旬至6月中旬", Range, Some("2024-05-11"), Some("2024-06-20"), Day, None, false)]),
    ("2024年4月上旬至2024年5月下旬，县委第二巡察组对县林业局开展了巡察。", &[("2024年4月上旬至2024年5月下旬", Range, Some("2024-04-01"), Some("2024-05-31"), Day, None, false)]),
    ("2024年9月下旬至10月上旬，开展违规吃喝问题专项整治。", &[("2024年9月下旬至10月上旬", Range, Some("2024-09-21"), Some("2024-10-10"), Day, None, false)]),
    ("2024年4月15日至6月底，集中开展问题整改。", &[("2024年4月15日至6月底", Range, Some("2024-04-15"), Some("2024-06-30"), Day, None, false)]),
    ("二〇二四年五月八日至五月二十四日，市委第二巡察组对市妇联党组进行了巡察。", &[("二〇二四年五月八日至五月二十四日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("２０２４年５月８日－５月２４日，市委第二巡察组对市妇联党组进行了巡察。", &[("２０２４年５月８日－５月２４日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("巡察时间：2024.5.8—2024.5.24", &[("2024.5.8—2024.5.24", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false)]),
    ("2024年5月8日—5月24日，市委第二巡察组对市妇联党组进行了巡察。2024年10月10日，市委巡察组向市妇联党组反馈了巡察意见。", &[
        ("2024年5月8日—5月24日", Range, Some("2024-05-08"), Some("2024-05-24"), Day, None, false),
        ("2024年10月10日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false),
    ]),
    // A start plus a duration is the start as a point; 为期45天 is a quantity.
    ("2024年4月8日起，市委第一巡察组对市园林局开展了为期45天的常规巡察。", &[("2024年4月8日", Point, Some("2024-04-08"), Some("2024-04-08"), Day, None, false)]),
];

/// Parts of periods: quarters, halves, 旬, 月初/月底/月末, 年初/年底/年末.
#[rustfmt::skip]
const PARTS: &[Row] = &[
    ("2024年第一季度，局党组召开巡察整改专题会议3次。", &[("2024年第一季度", Point, Some("2024-01-01"), Some("2024-03-31"), Quarter, None, false)]),
    ("2024年一季度，全县共查处违反中央八项规定精神问题5起。", &[("2024年一季度", Point, Some("2024-01-01"), Some("2024-03-31"), Quarter, None, false)]),
    ("2024年第二季度，完成全部制度的“废改立”工作。", &[("2024年第二季度", Point, Some("2024-04-01"), Some("2024-06-30"), Quarter, None, false)]),
    ("2023年第三季度，开展整改成效评估。", &[("2023年第三季度", Point, Some("2023-07-01"), Some("2023-09-30"), Quarter, None, false)]),
    ("2024年第四季度，对整改情况开展“回头看”。", &[("2024年第四季度", Point, Some("2024-10-01"), Some("2024-12-31"), Quarter, None, false)]),
    ("2024年四季度，局党组开展巡察整改专项督查2轮。", &[("2024年四季度", Point, Some("2024-10-01"), Some("2024-12-31"), Quarter, None, false)]),
    ("2024年上半年，局党组共开展谈心谈话86人次。", &[("2024年上半年", Point, Some("2024-01-01"), Some("2024-06-30"), Half, None, false)]),
    ("2023年下半年，县卫健局开展医疗领域腐败问题集中整治。", &[("2023年下半年", Point, Some("2023-07-01"), Some("2023-12-31"), Half, None, false)]),
    ("2024年5月上旬，局党组召开巡察整改动员部署会。", &[("2024年5月上旬", Point, Some("2024-05-01"), Some("2024-05-10"), Day, None, false)]),
    ("2024年1月上旬，完成整改方案报备。", &[("2024年1月上旬", Point, Some("2024-01-01"), Some("2024-01-10"), Day, None, false)]),
    ("2024年5月中旬，完成问题清单、任务清单、责任清单的制定。", &[("2024年5月中旬", Point, Some("2024-05-11"), Some("2024-05-20"), Day, None, false)]),
    ("2024年7月中旬，举办巡察整改专题培训班。", &[("2024年7月中旬", Point, Some("2024-07-11"), Some("2024-07-20"), Day, None, false)]),
    ("2024年4月下旬，局党组召开专题民主生活会。", &[("2024年4月下旬", Point, Some("2024-04-21"), Some("2024-04-30"), Day, None, false)]),
    ("2024年8月下旬，开展整改成效群众满意度测评。", &[("2024年8月下旬", Point, Some("2024-08-21"), Some("2024-08-31"), Day, None, false)]),
    ("2024年2月下旬，局党组对整改任务进行再部署。", &[("2024年2月下旬", Point, Some("2024-02-21"), Some("2024-02-29"), Day, None, false)]),
    ("2023年2月下旬，局党组对整改任务进行再部署。", &[("2023年2月下旬", Point, Some("2023-02-21"), Some("2023-02-28"), Day, None, false)]),
    ("2024年3月初，局党组印发整改任务分工方案。", &[("2024年3月初", Point, Some("2024-03-01"), Some("2024-03-10"), Day, None, false)]),
    ("2024年10月初，完成整改台账的建立。", &[("2024年10月初", Point, Some("2024-10-01"), Some("2024-10-10"), Day, None, false)]),
    ("2024年6月底，巡察反馈问题已全部完成整改。", &[("2024年6月底", Point, Some("2024-06-21"), Some("2024-06-30"), Day, None, false)]),
    ("2024年2月底前，完成违规发放津补贴的清退工作。", &[("2024年2月底", Point, Some("2024-02-21"), Some("2024-02-29"), Day, None, false)]),
    ("2023年2月底前，完成违规发放津补贴的清退工作。", &[("2023年2月底", Point, Some("2023-02-21"), Some("2023-02-28"), Day, None, false)]),
    ("2025年6月底前，完成剩余问题的整改销号。", &[("2025年6月底", Point, Some("2025-06-21"), Some("2025-06-30"), Day, None, false)]),
    ("2024年12月末，局党组对整改情况进行全面自查。", &[("2024年12月末", Point, Some("2024-12-21"), Some("2024-12-31"), Day, None, false)]),
    ("2024年11月末，全部整改任务完成销号。", &[("2024年11月末", Point, Some("2024-11-21"), Some("2024-11-30"), Day, None, false)]),
    ("二〇二四年十二月底前，完成全部整改任务。", &[("二〇二四年十二月底", Point, Some("2024-12-21"), Some("2024-12-31"), Day, None, false)]),
    ("2024年初，局党组制定全年整改工作要点。", &[("2024年初", Point, Some("2024-01-01"), Some("2024-01-31"), Month, None, false)]),
    ("2025年年初，召开巡察整改工作推进会。", &[("2025年年初", Point, Some("2025-01-01"), Some("2025-01-31"), Month, None, false)]),
    ("2024年底前，完成全部整改任务。", &[("2024年底", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false)]),
    ("2024年年底前，实现巡察反馈问题全部清零。", &[("2024年年底", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false)]),
    ("截至2024年末，累计清退违规资金66.57万元。", &[("2024年末", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false)]),
    ("2024年12月底前完成清退，2024年底前完成销号。", &[
        ("2024年12月底", Point, Some("2024-12-21"), Some("2024-12-31"), Day, None, false),
        ("2024年底", Point, Some("2024-12-01"), Some("2024-12-31"), Month, None, false),
    ]),
];

/// Relative expressions, resolved against the signature date, else the
/// latest absolute date; never against today. 截至目前 / 近日 / 下一步 /
/// 第一时间 are not dates.
#[rustfmt::skip]
const RELATIVE: &[Row] = &[
    ("今年以来，区住建局共开展警示教育12场次。\n2025年6月3日", &[("今年以来", Range, Some("2025-01-01"), Some("2025-06-03"), Day, None, true), SIGNED_2025_06_03]),
    ("今年以來，局黨組共開展警示教育12場次。\n2025年6月3日", &[("今年以來", Range, Some("2025-01-01"), Some("2025-06-03"), Day, None, true), SIGNED_2025_06_03]),
    ("今年，区住建局将巡察整改与主题教育整改整治结合推进。\n2025年6月3日", &[("今年", Point, Some("2025-01-01"), Some("2025-12-31"), Year, None, true), SIGNED_2025_06_03]),
    ("局机关公务接待费较去年下降23.5%。\n2025年6月3日", &[("去年", Point, Some("2024-01-01"), Some("2024-12-31"), Year, None, true), SIGNED_2025_06_03]),
    ("明年将继续开展整改“回头看”，巩固整改成果。\n2024年12月20日", &[
        ("明年", Point, Some("2025-01-01"), Some("2025-12-31"), Year, None, true),
        ("2024年12月20日", Point, Some("2024-12-20"), Some("2024-12-20"), Day, None, false),
    ]),
    ("上半年，局党组共开展专项督查4轮。\n2025年6月3日", &[("上半年", Point, Some("2025-01-01"), Some("2025-06-30"), Half, None, true), SIGNED_2025_06_03]),
    ("下半年将开展整改成效评估。\n2025年6月3日", &[("下半年", Point, Some("2025-07-01"), Some("2025-12-31"), Half, None, true), SIGNED_2025_06_03]),
    ("力争年内全部完成整改销号。\n2025年6月3日", &[("年内", Point, Some("2025-01-01"), Some("2025-12-31"), Year, None, true), SIGNED_2025_06_03]),
    ("今年上半年，局党组共召开专题会议6次。\n2025年8月15日", &[
        ("今年上半年", Point, Some("2025-01-01"), Some("2025-06-30"), Half, None, true),
        ("2025年8月15日", Point, Some("2025-08-15"), Some("2025-08-15"), Day, None, false),
    ]),
    ("今年下半年，将对整改情况开展“回头看”。\n2025年6月3日", &[("今年下半年", Point, Some("2025-07-01"), Some("2025-12-31"), Half, None, true), SIGNED_2025_06_03]),
    ("去年下半年，局党组启动历史遗留问题专项清理。\n2025年6月3日", &[("去年下半年", Point, Some("2024-07-01"), Some("2024-12-31"), Half, None, true), SIGNED_2025_06_03]),
    ("今年第一季度，局机关共开展廉政谈话32人次。\n2025年6月3日", &[("今年第一季度", Point, Some("2025-01-01"), Some("2025-03-31"), Quarter, None, true), SIGNED_2025_06_03]),
    ("今年3月，局党组完成整改方案修订。\n2025年6月3日", &[("今年3月", Point, Some("2025-03-01"), Some("2025-03-31"), Month, None, true), SIGNED_2025_06_03]),
    ("今年3月至5月，开展违规吃喝问题专项整治。\n2025年6月3日", &[("今年3月至5月", Range, Some("2025-03-01"), Some("2025-05-31"), Month, None, true), SIGNED_2025_06_03]),
    ("今年年底前，完成全部整改任务。\n2025年6月3日", &[("今年年底", Point, Some("2025-12-01"), Some("2025-12-31"), Month, None, true), SIGNED_2025_06_03]),
    // The signature date wins over other absolute dates, earlier or later.
    ("2024年10月10日，市委巡察组反馈巡察意见。今年以来，累计完成整改问题19个。\n2025年6月3日", &[
        ("2024年10月10日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false),
        ("今年以来", Range, Some("2025-01-01"), Some("2025-06-03"), Day, None, true),
        SIGNED_2025_06_03,
    ]),
    ("今年以来，已完成整改任务31项，剩余5项将于2025年12月底前完成。\n2025年6月3日", &[
        ("今年以来", Range, Some("2025-01-01"), Some("2025-06-03"), Day, None, true),
        ("2025年12月底", Point, Some("2025-12-21"), Some("2025-12-31"), Day, None, false),
        SIGNED_2025_06_03,
    ]),
    ("今年以来，中心共收到群众来信来访21件。\n中共桐川市疾控中心党委\n二〇二五年六月三日", &[
        ("今年以来", Range, Some("2025-01-01"), Some("2025-06-03"), Day, None, true),
        ("二〇二五年六月三日", Point, Some("2025-06-03"), Some("2025-06-03"), Day, None, false),
    ]),
    ("上半年，局党组共开展谈心谈话86人次。\n２０２５年７月１０日", &[
        ("上半年", Point, Some("2025-01-01"), Some("2025-06-30"), Half, None, true),
        ("２０２５年７月１０日", Point, Some("2025-07-10"), Some("2025-07-10"), Day, None, false),
    ]),
    // No signature and no page: the date the text is written as of (截至…).
    ("截至2025年5月31日，今年以来共开展警示教育12场次。", &[
        ("2025年5月31日", Point, Some("2025-05-31"), Some("2025-05-31"), Day, None, false),
        ("今年以来", Range, Some("2025-01-01"), Some("2025-05-31"), Day, None, true),
    ]),
    ("2024年10月10日，市委巡察组反馈意见；2025年3月15日，局党组召开整改推进会，今年以来已完成整改问题15个。", &[
        ("2024年10月10日", Point, Some("2024-10-10"), Some("2024-10-10"), Day, None, false),
        ("2025年3月15日", Point, Some("2025-03-15"), Some("2025-03-15"), Day, None, false),
        // Neither dated nor signed: the latest date is no anchor.
        ("今年以来", Range, None, None, Day, None, true),
    ]),
    // No reference at all: unresolved, not emitted (never today's date).
    ("今年以来，全局共开展廉政谈话45人次。", &[("今年以来", Range, None, None, Day, None, true)]),
    ("下半年将开展整改“回头看”。", &[("下半年", Point, None, None, Half, None, true)]),
    // A deadline in a later year is never the anchor; the page date is.
    ("发布时间：2025-03-14\n今年1月，局党组召开整改部署会，问题将于2026年6月底前全部整改到位。", &[
        ("今年1月", Point, Some("2025-01-01"), Some("2025-01-31"), Month, None, true),
        ("2026年6月底", Point, Some("2026-06-21"), Some("2026-06-30"), Day, None, false),
    ]),
    // With neither signature nor page, the date the text is written as of.
    ("截至2025年3月底，今年已完成整改问题15个，其余于2026年6月底前完成。", &[
        ("2025年3月底", Point, Some("2025-03-21"), Some("2025-03-31"), Day, None, false),
        ("今年", Point, Some("2025-01-01"), Some("2025-12-31"), Year, None, true),
        ("2026年6月底", Point, Some("2026-06-21"), Some("2026-06-30"), Day, None, false),
    ]),
    // Not dates, even with a signature to resolve against.
    ("截至目前，巡察反馈的21个问题已完成整改19个。\n2025年6月3日", &[SIGNED_2025_06_03]),
    ("截止目前，已完成整改任务37项，完成率92.5%。\n2025年6月3日", &[SIGNED_2025_06_03]),
    ("近日，区住建局党组召开巡察整改专题民主生活会。\n2025年6月3日", &[SIGNED_2025_06_03]),
    ("下一步，我们将持续巩固深化巡察整改成果。\n2025年6月3日", &[SIGNED_2025_06_03]),
    // A duration with 内 is a span of time, not the relative 年内: only the
    // signature is a date.
    ("力争一年内全部完成整改。\n2025年6月3日", &[SIGNED_2025_06_03]),
    ("确保3个月内整改到位，两年内见到成效。\n2025年6月3日", &[SIGNED_2025_06_03]),
    ("对巡察移交的问题线索，第一时间转交区纪委监委处置。\n2025年6月3日", &[SIGNED_2025_06_03]),
];

/// Recurrences: kind recurring, start and end null.
#[rustfmt::skip]
const RECURRING: &[Row] = &[
    ("每周召开一次整改工作调度会。", &[("每周", Recurring, None, None, Day, Some(Weekly), false)]),
    ("每週召開一次整改調度會。", &[("每週", Recurring, None, None, Day, Some(Weekly), false)]),
    ("每月通报一次整改进展情况。", &[("每月", Recurring, None, None, Month, Some(Monthly), false)]),
    ("局党组每月听取一次整改工作汇报。", &[("每月", Recurring, None, None, Month, Some(Monthly), false)]),
    ("每月8号为局机关党员固定主题党日。", &[("每月8号", Recurring, None, None, Day, Some(Monthly), false)]),
    ("每月8號開展主題黨日活動。", &[("每月8號", Recurring, None, None, Day, Some(Monthly), false)]),
    ("每月８号开展志愿服务活动。", &[("每月８号", Recurring, None, None, Day, Some(Monthly), false)]),
    ("每月15日前报送整改台账。", &[("每月15日", Recurring, None, None, Day, Some(Monthly), false)]),
    ("每月10日前，各责任科室报送整改进展。", &[("每月10日", Recurring, None, None, Day, Some(Monthly), false)]),
    ("每季度开展一次整改落实情况督查。", &[("每季度", Recurring, None, None, Quarter, Some(Quarterly), false)]),
    ("每半年向区委巡察办报送一次整改进展情况。", &[("每半年", Recurring, None, None, Half, None, false)]),
    ("每半年开展一次廉政风险排查。", &[("每半年", Recurring, None, None, Half, None, false)]),
    ("每年开展一次选人用人工作专项检查。", &[("每年", Recurring, None, None, Year, Some(Yearly), false)]),
    ("坚持每月8号开展志愿服务，每季度开展一次回访，每年组织一次专题培训。", &[
        ("每月8号", Recurring, None, None, Day, Some(Monthly), false),
        ("每季度", Recurring, None, None, Quarter, Some(Quarterly), false),
        ("每年", Recurring, None, None, Year, Some(Yearly), false),
    ]),
    ("自2024年3月起，每月8号召开整改调度会。", &[
        ("2024年3月", Point, Some("2024-03-01"), Some("2024-03-31"), Month, None, false),
        ("每月8号", Recurring, None, None, Day, Some(Monthly), false),
    ]),
];

/// Not dates: invalid calendar dates, phones, document numbers, times of
/// day, durations, years inside 《》 titles, formulas, counts.
#[rustfmt::skip]
const NOT_DATES: &[Row] = &[
    ("2024年13月5日，局党组召开专题会议。", &[]),
    ("2023年2月29日，局党组召开专题会议。", &[]),
    ("2024年6月31日，完成整改台账建立。", &[]),
    ("2024年9月31日前完成整改。", &[]),
    ("2025年2月30日，召开整改推进会。", &[]),
    ("联系电话：0578-2091427。", &[]),
    ("联系电话：0578—2091427；电子邮箱：lsfljw@163.com。", &[]),
    ("举报电话：021-64871230。", &[]),
    ("联系电话：0578-2091427（工作日8:30-12:00）。", &[]),
    ("手机：13857812345。", &[]),
    ("来信请寄：桐川市邮政信箱123号，邮编323000。", &[]),
    ("印发《关于进一步加强巡察整改工作的通知》（丽委巡〔2024〕5号）。", &[]),
    ("根据宣区巡办[2018]14号文件要求，开展专项检查。", &[]),
    ("该文件编号误印为中纪发20226号。", &[]),
    ("信息索引号：11331100002594003X/2025-00012", &[]),
    ("接待时间为工作日8:30-12:00、14:30-17:30。", &[]),
    ("会议于9:00在局机关三楼会议室召开。", &[]),
    ("办公时间：9:00~17:00。", &[]),
    ("开展了为期45天的政治巡察。", &[]),
    ("经过3个月集中整改，巡察反馈问题基本整改到位。", &[]),
    ("反馈后3个月内完成集中整改。", &[]),
    ("用一个半月时间完成集中整改。", &[]),
    ("力争一年内完成全部整改任务。", &[]),
    ("对照《丽水市妇女发展规划（2021—2025年）》，逐项梳理目标任务。", &[]),
    ("制定《区住建局2024年度巡察整改工作方案》。", &[]),
    ("印发《关于开展2024年5月—6月专项整治的通知》。", &[]),
    ("编制“十四五”妇女儿童发展规划。", &[]),
    ("通过12338妇女维权热线受理求助32件。", &[]),
    ("累计培训基层干部2024人次。", &[]),
    ("走访慰问党龄满50年的老党员。", &[]),
    ("根据五届市委第四轮巡察工作部署，开展巡察。", &[]),
    ("建立整改工作统一月报制度。", &[]),
    ("连续两年考核为优秀等次。", &[]),
];

#[test]
fn absolute_dates() {
    check("ABSOLUTE", ABSOLUTE);
}

#[test]
fn inherited_years_and_months() {
    check("INHERITANCE", INHERITANCE);
}

#[test]
fn ranges() {
    check("RANGES", RANGES);
}

#[test]
fn parts_of_periods() {
    check("PARTS", PARTS);
}

#[test]
fn relative_expressions() {
    check("RELATIVE", RELATIVE);
}

#[test]
fn recurrences() {
    check("RECURRING", RECURRING);
}

#[test]
fn not_dates() {
    check("NOT_DATES", NOT_DATES);
}

/// The tables hold at least 150 phrases, one per row, none twice.
#[test]
fn table_size() {
    let tables = [ABSOLUTE, INHERITANCE, RANGES, PARTS, RELATIVE, RECURRING, NOT_DATES];
    let rows: Vec<&str> = tables.iter().flat_map(|table| table.iter().map(|row| row.0)).collect();
    assert!(rows.len() >= 150, "only {} rows", rows.len());
    let mut sorted = rows.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), rows.len(), "a phrase is repeated");
}
