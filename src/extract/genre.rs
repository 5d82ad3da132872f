//! Genre: what kind of document a text is, and the cues that decided it.
//!
//! Consumes the matching copy (without page furniture), its title lines and
//! its preamble; produces one of the contract's six kinds with the cues that
//! decided it, each with its byte range. A crawl of a portal's 巡察 column
//! also returns inspection announcements (进驻公告), feedback news (反馈会),
//! audit and environmental-inspection rectification reports, work rules,
//! 404 pages and API responses; only a notice on rectifying 巡视/巡察 findings
//! is a `rectification_notice`. The rules are tried in order, title first
//! (a title says what a document is), then the text; the first that holds
//! decides. Every cue list is a table below.

use crate::record::GenreKind;
use std::ops::Range;



/// The genre of a text and the cues that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Genre {
    pub kind: GenreKind,
    /// (cue, byte range in the matching copy), in document order.
    pub evidence: Vec<(&'static str, Range<usize>)>,
}

/// The inspection words.
const INSPECTION_WORDS: &[&str] = &["巡视", "巡察"];
/// Words that end a notice's title.
const NOTICE_TITLE_ENDS: &[&str] = &["通报", "公告", "公布", "情况", "报告", "综述"];
/// Meetings and campaigns: a title naming one is news, not a notice.
const EVENT_TITLE_WORDS: &[&str] = &[
    "推进会",
    "部署会",
    "动员会",
    "座谈会",
    "培训会",
    "调度会",
    "汇报会",
    "召开",
    "举行",
    "开展",
    "督导",
    "督查",
];
/// Rectification of findings other than 巡视/巡察.
const OTHER_RECTIFICATION_WORDS: &[&str] = &[
    "审计查出",
    "审计发现",
    "审计整改",
    "审计工作报告",
    "督察",
    "主题教育",
    "环境保护",
    "环保",
    "专项检查",
];
/// A preamble that publishes rectification progress.
const PUBLISHING_WORDS: &[&str] = &["予以公布", "公布如下", "通报如下", "予以通报", "现予公布"];
/// An inspection announcement.
const ANNOUNCEMENT_WORDS: &[&str] = &["进驻"];
const ANNOUNCEMENT_TITLE_WORDS: &[&str] = &["公告", "进驻"];
const COMPLAINT_WORDS: &[&str] = &["受理", "来信来电", "信访"];
/// Findings fed back.
const FEEDBACK_WORDS: &[&str] = &[
    "反馈会",
    "反馈巡察情况",
    "反馈巡视情况",
    "反馈巡察意见",
    "反馈巡视意见",
    "反馈情况",
];
/// Openings and phrases of news reports.
const NEWS_OPENINGS: &[&str] = &["本报讯", "本网讯", "讯(", "近日", "日前", "记者"];
const NEWS_WORDS: &[&str] = &[
    "会议强调",
    "会议指出",
    "会议要求",
    "会议听取",
    "会上",
    "会议认为",
    "会议号召",
];
/// A page that is not there.
const MISSING_PAGE_WORDS: &[&str] = &[
    "404",
    "页面不存在",
    "页面已删除",
    "找不到页面",
    "找不到您",
    "无法找到",
    "Not Found",
    "not found",
    "访问的页面",
];
/// How much of the preamble says what the text is (现将…予以公布 stands in
/// its first sentences), in bytes.
const OPENING_BYTES: usize = 600;
/// Longest text that a missing-page cue makes a missing page, in bytes.
const MISSING_PAGE_MAX_BYTES: usize = 1200;

/// The first of `words` in `text[within]`, as (word, range). Each word is
/// looked for with a vectorised search (`memchr::memmem`): most texts are
/// searched whole for a dozen words.
fn first_of(text: &str, within: &Range<usize>, words: &[&'static str]) -> Option<(&'static str, Range<usize>)> {
    let slice = text[within.clone()].as_bytes();
    words
        .iter()
        .filter_map(|word| {
            memchr::memmem::find(slice, word.as_bytes())
                .map(|at| (*word, within.start + at..within.start + at + word.len()))
        })
        .min_by_key(|(_, range)| range.start)
}

/// Where a line opens with `第一条`, `第一章` (a rule's articles and chapters).
fn line_opening(text: &str, word: &'static str) -> Option<(&'static str, Range<usize>)> {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
        .map(|at| (at, word))
        .find(|(at, _)| {
            text[..*at]
                .chars()
                .rev()
                .find(|c| !matches!(c, ' ' | '\t'))
                .is_none_or(|c| c == '\n' || c == '\r')
        })
        .map(|(at, _)| (word, at..at + word.len()))
}

/// The genre of `text` (the matching copy without furniture), whose title
/// is `title` (the title lines' whole range, empty when it has none) and
/// preamble `preamble`.
pub fn find_genre(text: &str, title: Range<usize>, preamble: Range<usize>) -> Genre {
    let decided = |kind: GenreKind, cues: Vec<Option<(&'static str, Range<usize>)>>| {
        let mut evidence: Vec<(&'static str, Range<usize>)> = cues.into_iter().flatten().collect();
        evidence.sort_by_key(|(_, range)| range.start);
        Genre { kind, evidence }
    };
    let content = text.trim();
    let content_start = text.len() - text.trim_start().len();
    let whole = 0..text.len();

    // Data, not a document: a JSON value.
    if (content.starts_with('{') || content.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(content).is_ok()
    {
        return decided(
            GenreKind::Unknown,
            vec![Some(("JSON", content_start..content_start + 1))],
        );
    }
    if content.len() <= MISSING_PAGE_MAX_BYTES
        && let Some(cue) = first_of(text, &whole, MISSING_PAGE_WORDS)
    {
        return decided(GenreKind::Unknown, vec![Some(cue)]);
    }

    // What the title says.
    let title_text = &text[title.clone()];
    let inspection_in_title = first_of(text, &title, INSPECTION_WORDS);
    let rectification_in_title = first_of(text, &title, &["整改"]);
    let title_end = NOTICE_TITLE_ENDS
        .iter()
        .filter(|word| title_text.trim_end().ends_with(**word))
        .map(|word| {
            let end = title.start + title_text.trim_end().len();
            (*word, end - word.len()..end)
        })
        .next();
    let event_in_title = first_of(text, &title, EVENT_TITLE_WORDS);
    if let (Some(inspection), Some(rectification), Some(end), None) = (
        inspection_in_title.clone(),
        rectification_in_title.clone(),
        title_end.clone(),
        event_in_title.clone(),
    ) {
        return decided(
            GenreKind::RectificationNotice,
            vec![Some(inspection), Some(rectification), Some(end)],
        );
    }
    // Rules and regulations (第一章 … 第一条 …): no notice is written in articles.
    if let Some(article) = line_opening(text, "第一条")
        && let Some(chapter) = line_opening(text, "第一章").or_else(|| line_opening(text, "第二条"))
    {
        return decided(GenreKind::Unknown, vec![Some(chapter), Some(article)]);
    }
    let opening = preamble.start..preamble.end.min(preamble.start + OPENING_BYTES).max(preamble.start);
    let opening = opening.start..floor_char_boundary(text, opening.end);
    if let Some(rectification) = rectification_in_title.clone()
        && inspection_in_title.is_none()
        && let Some(other) = first_of(text, &title, OTHER_RECTIFICATION_WORDS)
            .or_else(|| first_of(text, &opening, OTHER_RECTIFICATION_WORDS))
    {
        return decided(GenreKind::OtherRectification, vec![Some(other), Some(rectification)]);
    }
    if rectification_in_title.is_none()
        && let Some(feedback) = first_of(text, &title, &["反馈"])
    {
        return decided(GenreKind::FeedbackNotice, vec![inspection_in_title, Some(feedback)]);
    }
    if rectification_in_title.is_none()
        && let Some(inspection) = inspection_in_title.clone()
        && let Some(announcement) = first_of(text, &title, ANNOUNCEMENT_TITLE_WORDS)
    {
        return decided(
            GenreKind::InspectionAnnouncement,
            vec![Some(inspection), Some(announcement)],
        );
    }

    // What the text says.
    let inspection = first_of(text, &whole, INSPECTION_WORDS);
    if let Some(publishing) = first_of(text, &opening, PUBLISHING_WORDS)
        && let Some(rectification) = first_of(text, &opening, &["整改"])
        && event_in_title.is_none()
    {
        if inspection.is_some() {
            return decided(
                GenreKind::RectificationNotice,
                vec![inspection, Some(rectification), Some(publishing)],
            );
        }
        if let Some(other) = first_of(text, &opening, OTHER_RECTIFICATION_WORDS) {
            return decided(GenreKind::OtherRectification, vec![Some(other), Some(publishing)]);
        }
    }
    if let Some(inspection) = inspection.clone() {
        if let Some(entry) = first_of(text, &whole, ANNOUNCEMENT_WORDS)
            && let Some(complaints) = first_of(text, &whole, COMPLAINT_WORDS)
            && first_of(text, &whole, &["整改"]).is_none()
        {
            return decided(
                GenreKind::InspectionAnnouncement,
                vec![Some(inspection), Some(entry), Some(complaints)],
            );
        }
        let progress = first_of(text, &whole, &["整改进展", "完成整改", "整改完成率", "已整改"]);
        if let Some(feedback) = first_of(text, &whole, FEEDBACK_WORDS)
            && progress.is_none()
        {
            return decided(GenreKind::FeedbackNotice, vec![Some(inspection), Some(feedback)]);
        }
        let news = first_of(text, &opening, NEWS_OPENINGS).or_else(|| first_of(text, &whole, NEWS_WORDS));
        if let Some(news) = news.or(event_in_title) {
            return decided(GenreKind::News, vec![Some(inspection), Some(news)]);
        }
    }
    decided(GenreKind::Unknown, Vec::new())
}

/// The largest char boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The genre of a text whose first line is its title.
    fn genre_of(text: &str) -> (GenreKind, Vec<&'static str>) {
        let title_end = text.find('\n').unwrap_or(text.len());
        let genre = find_genre(text, 0..title_end, (title_end + 1).min(text.len())..text.len());
        (genre.kind, genre.evidence.iter().map(|(cue, _)| *cue).collect())
    }

    #[test]
    fn notices_by_their_titles_and_preambles() {
        assert_eq!(
            genre_of("中共某县委关于巡视整改进展情况的通报\n根据省委统一部署，省委巡视组对某县进行了巡视。"),
            (GenreKind::RectificationNotice, vec!["巡视", "整改", "通报"])
        );
        assert_eq!(
            genre_of("十四届区委第三轮巡察集中整改进展情况综述\n…").0,
            GenreKind::RectificationNotice
        );
        // No title: the preamble publishes the progress.
        assert_eq!(
            genre_of("\n根据市委统一部署，市委第一巡察组对某局进行了巡察。现将巡察整改进展情况予以公布。").0,
            GenreKind::RectificationNotice
        );
    }

    #[test]
    fn neighbours_on_the_same_column() {
        let cases = [
            (
                "关于2023年度某县本级预算执行和其他财政收支审计查出问题整改情况的报告\n根据审计法规定…",
                GenreKind::OtherRectification,
            ),
            (
                "某市贯彻落实中央第三生态环境保护督察反馈意见整改情况的通报\n…",
                GenreKind::OtherRectification,
            ),
            (
                "市委第二巡察组进驻市某局开展常规巡察的公告\n巡察期间设立值班电话，受理来信来电。",
                GenreKind::InspectionAnnouncement,
            ),
            (
                "市委第二巡察组向市某局党组反馈巡察情况\n5月8日，市委第二巡察组召开反馈会。",
                GenreKind::FeedbackNotice,
            ),
            (
                "某区召开巡察整改工作推进会\n近日，某区召开巡察整改工作推进会。会议强调，要压实整改责任。",
                GenreKind::News,
            ),
            (
                "某县委巡察工作规程\n第一章 总则\n第一条 为规范巡察工作，制定本规程。\n第二条 …",
                GenreKind::Unknown,
            ),
            ("404\n您访问的页面不存在或已删除\n返回首页", GenreKind::Unknown),
            (
                r#"{"code":200,"data":{"list":[{"title":"中共某县委关于巡察整改情况的通报"}]}}"#,
                GenreKind::Unknown,
            ),
            ("会议纪要\n今天天气很好。", GenreKind::Unknown),
        ];
        for (text, kind) in cases {
            assert_eq!(genre_of(text).0, kind, "{text}");
        }
    }

    #[test]
    fn evidence_spans_slice_their_cues() {
        let text = "市委第二巡察组进驻市某局开展常规巡察的公告\n巡察期间受理来信来电。";
        let title_end = text.find('\n').unwrap();
        let genre = find_genre(text, 0..title_end, title_end + 1..text.len());
        assert!(!genre.evidence.is_empty());
        for (cue, range) in &genre.evidence {
            assert_eq!(&text[range.clone()], *cue);
        }
    }
}
