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
//! decides. The word lists are data (`rules/genre.toml`, [`GenreCues`]);
//! how they combine is the code below.

use crate::record::GenreKind;
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use std::ops::Range;

/// The genre of a text and the cues that decided it; the cues are words of
/// the rules (`'r`) or of the combining rules below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Genre<'r> {
    pub kind: GenreKind,
    /// (cue, byte range in the matching copy), in document order.
    pub evidence: Vec<(&'r str, Range<usize>)>,
}

/// One word list of `rules/genre.toml`, searched with one automaton.
pub struct CueList {
    /// The words, in file order.
    words: Vec<String>,
    /// The words as one leftmost-first automaton: the earliest match, and
    /// of those starting at one place the word listed first.
    automaton: AhoCorasick,
    /// A document (its first line the title) that must get `kind`.
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    example: String,
    /// The genre the example must get.
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    kind: GenreKind,
}

/// A table of `rules/genre.toml` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueRow {
    words: Vec<String>,
    example: String,
    kind: GenreKind,
}

/// The file `rules/genre.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GenreFile {
    inspection: CueRow,
    notice_title_ends: CueRow,
    event_title: CueRow,
    other_rectification: CueRow,
    publishing: CueRow,
    announcement: CueRow,
    announcement_title: CueRow,
    complaints: CueRow,
    feedback: CueRow,
    progress: CueRow,
    news_openings: CueRow,
    news: CueRow,
    missing_page: CueRow,
}

/// The word lists of the genre rules (`rules/genre.toml`).
pub struct GenreCues {
    /// The inspection words (巡视, 巡察).
    inspection: CueList,
    /// Words that end a notice's title.
    notice_title_ends: CueList,
    /// Meetings and campaigns: a title naming one is news, not a notice.
    event_title: CueList,
    /// Rectification of findings other than 巡视/巡察.
    other_rectification: CueList,
    /// A preamble that publishes rectification progress.
    publishing: CueList,
    /// An inspection announcement in the text, and in the title.
    announcement: CueList,
    announcement_title: CueList,
    /// Complaints taken during an inspection.
    complaints: CueList,
    /// Findings fed back.
    feedback: CueList,
    /// Rectification progress (a feedback text with one is no feedback notice).
    progress: CueList,
    /// Openings and phrases of news reports.
    news_openings: CueList,
    news: CueList,
    /// A page that is not there.
    missing_page: CueList,
}

impl CueList {
    /// The list of a table, or why not (the table and the field).
    fn new(table: &str, row: CueRow) -> Result<CueList, String> {
        if let Some(empty) = row.words.iter().position(String::is_empty) {
            return Err(format!("table [{table}]: field `words`, word {} is empty", empty + 1));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(&row.words)
            .map_err(|error| format!("table [{table}]: field `words`: {error}"))?;
        Ok(CueList {
            words: row.words,
            automaton,
            example: row.example,
            kind: row.kind,
        })
    }

    /// The first of the words in `text[within]`, as (word, range): the
    /// earliest, and of those at one place the word listed first.
    fn first_in(&self, text: &str, within: &Range<usize>) -> Option<(&str, Range<usize>)> {
        let found = self.automaton.find(&text.as_bytes()[within.clone()])?;
        let word = self.words[found.pattern().as_usize()].as_str();
        Some((word, within.start + found.start()..within.start + found.end()))
    }

    /// The first word (in list order) that `title` ends with, as (word,
    /// range), `title` starting at `start`.
    fn ending(&self, title: &str, start: usize) -> Option<(&str, Range<usize>)> {
        let title = title.trim_end();
        let end = start + title.len();
        self.words
            .iter()
            .find(|word| title.ends_with(word.as_str()))
            .map(|word| (word.as_str(), end - word.len()..end))
    }
}

impl GenreCues {
    /// The lists of a `rules/genre.toml` text, or why not (the line and
    /// field of a TOML error; the table and field of a bad list).
    pub fn from_toml(text: &str) -> Result<GenreCues, String> {
        let file: GenreFile = toml::from_str(text).map_err(|error| crate::rules::describe_toml_error(text, &error))?;
        Ok(GenreCues {
            inspection: CueList::new("inspection", file.inspection)?,
            notice_title_ends: CueList::new("notice_title_ends", file.notice_title_ends)?,
            event_title: CueList::new("event_title", file.event_title)?,
            other_rectification: CueList::new("other_rectification", file.other_rectification)?,
            publishing: CueList::new("publishing", file.publishing)?,
            announcement: CueList::new("announcement", file.announcement)?,
            announcement_title: CueList::new("announcement_title", file.announcement_title)?,
            complaints: CueList::new("complaints", file.complaints)?,
            feedback: CueList::new("feedback", file.feedback)?,
            progress: CueList::new("progress", file.progress)?,
            news_openings: CueList::new("news_openings", file.news_openings)?,
            news: CueList::new("news", file.news)?,
            missing_page: CueList::new("missing_page", file.missing_page)?,
        })
    }

    /// Each table's name, words, example and the genre its example must
    /// get, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub fn examples(&self) -> [(&'static str, &[String], &str, GenreKind); 13] {
        fn row<'c>(name: &'static str, list: &'c CueList) -> (&'static str, &'c [String], &'c str, GenreKind) {
            (name, list.words.as_slice(), list.example.as_str(), list.kind)
        }
        [
            row("inspection", &self.inspection),
            row("notice_title_ends", &self.notice_title_ends),
            row("event_title", &self.event_title),
            row("other_rectification", &self.other_rectification),
            row("publishing", &self.publishing),
            row("announcement", &self.announcement),
            row("announcement_title", &self.announcement_title),
            row("complaints", &self.complaints),
            row("feedback", &self.feedback),
            row("progress", &self.progress),
            row("news_openings", &self.news_openings),
            row("news", &self.news),
            row("missing_page", &self.missing_page),
        ]
    }
}

/// How much of the preamble says what the text is (现将…予以公布 stands in
/// its first sentences), in bytes.
const OPENING_BYTES: usize = 600;
/// Longest text that a missing-page cue makes a missing page, in bytes.
const MISSING_PAGE_MAX_BYTES: usize = 1200;

/// The first place of `word` in `text[within]`, as (word, range): the
/// words the combining rules name themselves (整改, 反馈).
fn find_word(text: &str, within: &Range<usize>, word: &'static str) -> Option<(&'static str, Range<usize>)> {
    memchr::memmem::find(text[within.clone()].as_bytes(), word.as_bytes())
        .map(|at| (word, within.start + at..within.start + at + word.len()))
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
pub fn find_genre<'r>(text: &str, title: Range<usize>, preamble: Range<usize>, cues: &'r GenreCues) -> Genre<'r> {
    let decided = |kind: GenreKind, found: Vec<Option<(&'r str, Range<usize>)>>| {
        let mut evidence: Vec<(&'r str, Range<usize>)> = found.into_iter().flatten().collect();
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
        && let Some(cue) = cues.missing_page.first_in(text, &whole)
    {
        return decided(GenreKind::Unknown, vec![Some(cue)]);
    }

    // What the title says.
    let title_text = &text[title.clone()];
    let inspection_in_title = cues.inspection.first_in(text, &title);
    let rectification_in_title = find_word(text, &title, "整改");
    let title_end = cues.notice_title_ends.ending(title_text, title.start);
    let event_in_title = cues.event_title.first_in(text, &title);
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
        && let Some(other) = cues.other_rectification.first_in(text, &title)
            .or_else(|| cues.other_rectification.first_in(text, &opening))
    {
        return decided(GenreKind::OtherRectification, vec![Some(other), Some(rectification)]);
    }
    if rectification_in_title.is_none()
        && let Some(feedback) = find_word(text, &title, "反馈")
    {
        return decided(GenreKind::FeedbackNotice, vec![inspection_in_title, Some(feedback)]);
    }
    if rectification_in_title.is_none()
        && let Some(inspection) = inspection_in_title.clone()
        && let Some(announcement) = cues.announcement_title.first_in(text, &title)
    {
        return decided(
            GenreKind::InspectionAnnouncement,
            vec![Some(inspection), Some(announcement)],
        );
    }

    // What the text says.
    let inspection = cues.inspection.first_in(text, &whole);
    if let Some(publishing) = cues.publishing.first_in(text, &opening)
        && let Some(rectification) = find_word(text, &opening, "整改")
        && event_in_title.is_none()
    {
        if inspection.is_some() {
            return decided(
                GenreKind::RectificationNotice,
                vec![inspection, Some(rectification), Some(publishing)],
            );
        }
        if let Some(other) = cues.other_rectification.first_in(text, &opening) {
            return decided(GenreKind::OtherRectification, vec![Some(other), Some(publishing)]);
        }
    }
    if let Some(inspection) = inspection.clone() {
        if let Some(entry) = cues.announcement.first_in(text, &whole)
            && let Some(complaints) = cues.complaints.first_in(text, &whole)
            && find_word(text, &whole, "整改").is_none()
        {
            return decided(
                GenreKind::InspectionAnnouncement,
                vec![Some(inspection), Some(entry), Some(complaints)],
            );
        }
        let progress = cues.progress.first_in(text, &whole);
        if let Some(feedback) = cues.feedback.first_in(text, &whole)
            && progress.is_none()
        {
            return decided(GenreKind::FeedbackNotice, vec![Some(inspection), Some(feedback)]);
        }
        let news = cues.news_openings.first_in(text, &opening).or_else(|| cues.news.first_in(text, &whole));
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
    use crate::rules::Rules;

    /// The genre of a text whose first line is its title.
    fn genre_of(text: &str) -> (GenreKind, Vec<&str>) {
        let title_end = text.find('\n').unwrap_or(text.len());
        let genre = find_genre(
            text,
            0..title_end,
            (title_end + 1).min(text.len())..text.len(),
            &Rules::builtin().genre,
        );
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
        let genre = find_genre(text, 0..title_end, title_end + 1..text.len(), &Rules::builtin().genre);
        assert!(!genre.evidence.is_empty());
        for (cue, range) in &genre.evidence {
            assert_eq!(&text[range.clone()], *cue);
        }
    }
}
