//! Text copied from portal pages, end to end: what the furniture gives (a
//! page date, a title from 文件名称) and what it never gives, the dates of
//! unsigned texts, and the genre of things that are no notice.

use zhenggai::record::Record;

fn parse(text: &str) -> Record {
    zhenggai::parse(text.as_bytes(), &zhenggai::Options::default()).expect("text parses")
}

/// The original characters the diagnostic `code` of `record` points at.
fn diagnostic_text(text: &str, record: &Record, code: &str) -> String {
    let found = record
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("{code}"));
    slice(text, found.span.unwrap())
}

/// The original characters of a span.
fn slice(text: &str, span: zhenggai::record::Span) -> String {
    text.chars().skip(span.start).take(span.end - span.start).collect()
}

const BODY: &str = "根据县委统一部署，2024年3月25日至5月24日，县委第二巡察组对县某局党组进行了巡察。2024年6月26日，县委第二巡察组向县某局党组反馈了巡察意见。现将巡察整改进展情况予以公布。\n一、关于“落实上级部署不够有力”问题的整改情况\n（一）强化学习。今年以来，局党组开展专题学习6次。\n";

#[test]
fn a_metadata_block_gives_the_title_and_the_page_date() {
    let page = format!(
        "索引号：113300000025012345/2024-00123\n发布机构：某县某局\n文件名称：中共某县某局党组关于巡察整改进展情况的通报\n生成日期：2024-09-02\n发布日期：2024-09-05\n{BODY}"
    );
    let record = parse(&page);
    assert_eq!(
        record.title.as_deref(),
        Some("中共某县某局党组关于巡察整改进展情况的通报")
    );
    assert_eq!(record.source.page_date.as_deref(), Some("2024-09-05"));
    // Unsigned: published is the page's release date, and says so.
    let published = record.published.as_ref().unwrap();
    assert_eq!(published.start.unwrap().to_string(), "2024-09-05");
    assert_eq!(slice(&page, published.span), "2024-09-05");
    assert_eq!(diagnostic_text(&page, &record, "published_from_page"), "2024-09-05");
    // 今年 is the page's year; the index number and dates of the block are
    // no quantity or date.
    let this_year = record.dates.iter().find(|d| d.text == "今年以来").unwrap();
    assert_eq!(this_year.start.unwrap().to_string(), "2024-01-01");
    assert_eq!(this_year.end.unwrap().to_string(), "2024-09-05");
    assert!(
        record.quantities.iter().all(|q| q.text == "6次"),
        "{:?}",
        record.quantities
    );
    assert_eq!(record.inspection.body.as_deref(), Some("县委第二巡察组"));
    assert_eq!(record.genre.kind, zhenggai::record::GenreKind::RectificationNotice);
}

#[test]
fn an_unsigned_undated_text_leaves_relative_dates_open_and_says_so() {
    let text = format!("中共某县某局党组关于巡察整改进展情况的通报\n{BODY}问题将于2026年6月底前全部整改到位。\n");
    let record = parse(&text);
    assert_eq!(record.published, None);
    let this_year = record.dates.iter().find(|d| d.text == "今年以来").unwrap();
    assert_eq!((this_year.start, this_year.end), (None, None));
    assert_eq!(diagnostic_text(&text, &record, "unanchored_relative_dates"), "今年以来");
}

#[test]
fn a_glued_site_name_and_breadcrumb_are_not_the_title() {
    let page = format!(
        "某县人民政府门户网站 首页 > 信息公开 > 正文中共某县某局党组关于巡察整改进展情况的通报\n{BODY}中共某县某局党组\n2024年9月2日\n联系我们 | 网站地图\n版权所有 © 某县人民政府 网站标识码：3300000001\n"
    );
    let record = parse(&page);
    assert_eq!(
        record.title.as_deref(),
        Some("中共某县某局党组关于巡察整改进展情况的通报")
    );
    assert_eq!(record.publisher.as_deref(), Some("中共某县某局党组"));
    assert_eq!(
        record.published.as_ref().unwrap().start.unwrap().to_string(),
        "2024-09-02"
    );
    assert!(record.diagnostics.iter().all(|d| d.code != "published_from_page"));
    assert!(record.contacts.phones.is_empty());
}

#[test]
fn data_and_error_pages_are_no_notices() {
    let json = r#"{"code":200,"data":{"list":[{"title":"中共某县委关于巡察整改情况的通报","pubDate":"2024-06-12"}],"total":37}}"#;
    let record = parse(json);
    assert_eq!(record.genre.kind, zhenggai::record::GenreKind::Unknown);
    assert_eq!(record.genre.evidence[0].cue, "JSON");
    assert!(record.diagnostics.iter().any(|d| d.code == "not_a_notice"));
    // Extraction still runs; the consistency checks do not (they read a
    // notice's own figures).
    assert!(record.diagnostics.iter().all(|d| !d.code.starts_with("inconsistent")));
}

#[test]
fn findings_about_the_copy_keep_their_place_when_furniture_is_cut() {
    // The furniture above is cut from what the rules read; a placeholder
    // further down must still point at its own characters.
    let page = format!(
        "当前位置：首页 > 巡视巡察 > 整改公开\n中共XX县某局党组关于巡察整改进展情况的通报\n发布时间：2024-09-05 10:00 来源：某局 浏览次数：321\n{BODY}"
    );
    let record = parse(&page);
    assert_eq!(diagnostic_text(&page, &record, "placeholders"), "XX");
}
