//! Portal furniture: the lines a web page puts around a notice.
//!
//! Consumes the matching copy of a text copied (or extracted) from a portal
//! page; produces the byte ranges that are page furniture — breadcrumbs
//! (当前位置：首页 > … > 正文), navigation rows, open-government metadata
//! blocks (索引号 / 发布机构 / 文件名称 / 生成日期 …), release lines (发布时间 …
//! 来源 … 浏览次数), toolbars (【字体：大 中 小】【打印】【关闭】, 分享到),
//! app banners and footers (主办单位, ICP备, 网站标识码, 版权所有, 相关链接) —
//! plus the page's own release date and the metadata block's 文件名称. Later
//! stages never see furniture ([`crate::span::AlignedText::cutting`] leaves
//! it out of their copy), so no title, publisher, period or quantity can come
//! from it; spans still index the original text.
//!
//! Lines are classified one at a time by the cue lists of
//! `rules/layout.toml` ([`LayoutCues`]), with two
//! positional rules: the header (the lines before the first line of prose)
//! may hold site names and single label lines (日期：…), and the footer (from
//! a footer cue on, with no prose after it) is furniture whole.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::layout::lines;
use super::marker::heading_marker;
use crate::record::CivilDate;

/// What the furniture pass found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Furniture {
    /// Byte ranges of furniture (whole lines, or the breadcrumb or list date
    /// on a title's line), sorted and not overlapping.
    pub ranges: Vec<Range<usize>>,
    /// The page's own release date.
    pub page_date: Option<PageDate>,
    /// The value of a metadata block's 文件名称 (a title candidate).
    pub file_title: Option<Range<usize>>,
}

/// A page's release date, as printed in its furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDate {
    /// The date (without the time) in the matching copy.
    pub range: Range<usize>,
    pub date: CivilDate,
    /// Hour, minute, second when printed.
    pub time: Option<(u32, u32, u32)>,
}

impl PageDate {
    /// ISO 8601: `2024-05-04` or `2024-05-04T10:00:00`.
    pub fn iso(&self) -> String {
        match self.time {
            Some((hour, minute, second)) => format!("{}T{hour:02}:{minute:02}:{second:02}", self.date),
            None => self.date.to_string(),
        }
    }
}

/// How sure a page date is: a labelled release date beats a generated or
/// written date, which beats a list page's date after the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRank {
    Release,
    Unlabelled,
    Document,
    ListEntry,
}

/// Breadcrumb separators (`＞` arrives folded to `>`).
const BREADCRUMB_SEPARATORS: &[char] = &['>', '»', '›', '→', '〉', '≫'];
/// Longest breadcrumb segment (a column name), in chars.
const SEGMENT_MAX_CHARS: usize = 16;


/// Longest furniture line a single label may open, in chars.
const LABEL_LINE_MAX_CHARS: usize = 80;
/// Longest toolbar or footer line, in chars.
const CUE_LINE_MAX_CHARS: usize = 120;
/// Longest toolbar line that is furniture outside the header and footer.
const TOOLBAR_ANYWHERE_MAX_CHARS: usize = 60;
/// A line of prose: at least this many chars with a sentence end.
const PROSE_MIN_CHARS: usize = 20;

/// A table of `rules/layout.toml` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueRow {
    words: Vec<String>,
    example: String,
}

/// The file `rules/layout.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    breadcrumb_openings: CueRow,
    toolbar: CueRow,
    footer: CueRow,
    release_labels: CueRow,
    metadata_labels: CueRow,
    release_date_labels: CueRow,
    document_date_labels: CueRow,
    site_name_ends: CueRow,
    title_words: CueRow,
}

/// The word lists of the furniture rules (`rules/layout.toml`), with the
/// alternations built from them.
pub struct LayoutCues {
    /// Openings of breadcrumb lines.
    breadcrumb_openings: Vec<String>,
    /// Footer cues, as one alternation.
    footer: Regex,
    /// Toolbar, sharing and app-banner cues, as one alternation.
    toolbar: Regex,
    /// Labels of release lines and counters.
    release_labels: Vec<String>,
    /// A release label and its colon, at the line's start or after a blank
    /// or a bracket (so that 受理时间: is not the label 时间).
    release_label_colon: Regex,
    /// Labels of open-government metadata blocks, and their alternation
    /// (longest first, so that 信息索引号 wins over 索引号).
    metadata_labels: Vec<String>,
    metadata_label: Regex,
    /// Labels whose date is the page's release date.
    release_date_labels: Vec<String>,
    /// Labels whose date is the document's own date (a fallback page date).
    document_date_labels: Vec<String>,
    /// How a site's name ends (某市人民政府门户网站, 某区纪委监委).
    site_name_ends: Vec<String>,
    /// Words of a title after a site name.
    title_words: Vec<String>,
    /// The cue words of every table, for lines without a hint char.
    cue_word: Regex,
    /// Each table's name, words and example page, in file order.
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    examples: Vec<(&'static str, Vec<String>, String)>,
}

impl LayoutCues {
    /// The lists of a `rules/layout.toml` text, or why not (the line and
    /// field of a TOML error; the table and field of a bad list).
    pub fn from_toml(text: &str) -> Result<LayoutCues, String> {
        let file: LayoutFile = toml::from_str(text).map_err(|error| crate::rules::describe_toml_error(text, &error))?;
        let tables = [
            ("breadcrumb_openings", &file.breadcrumb_openings),
            ("toolbar", &file.toolbar),
            ("footer", &file.footer),
            ("release_labels", &file.release_labels),
            ("metadata_labels", &file.metadata_labels),
            ("release_date_labels", &file.release_date_labels),
            ("document_date_labels", &file.document_date_labels),
            ("site_name_ends", &file.site_name_ends),
            ("title_words", &file.title_words),
        ];
        for (table, row) in tables {
            if let Some(empty) = row.words.iter().position(|word| word.trim().is_empty()) {
                return Err(format!("table [{table}]: field `words`, word {} is blank", empty + 1));
            }
        }
        let examples = tables
            .iter()
            .map(|(table, row)| (*table, row.words.clone(), row.example.clone()))
            .collect();
        let footer = any_of(&file.footer.words).map_err(|error| format!("table [footer]: {error}"))?;
        let toolbar = any_of(&file.toolbar.words).map_err(|error| format!("table [toolbar]: {error}"))?;
        let metadata_label =
            any_of(&file.metadata_labels.words).map_err(|error| format!("table [metadata_labels]: {error}"))?;
        let mut labels: Vec<&String> = file.release_labels.words.iter().collect();
        labels.sort_by_key(|label| std::cmp::Reverse(label.len()));
        let labels: Vec<String> = labels.iter().map(|label| regex::escape(label)).collect();
        let release_label_colon = Regex::new(&format!(r"(?:^|[\s】|｜)(【\]/])(?:{})\s*:", labels.join("|")))
            .map_err(|error| format!("table [release_labels]: {error}"))?;
        let cue_word = any_of(
            [
                &file.footer.words,
                &file.toolbar.words,
                &file.breadcrumb_openings.words,
                &file.metadata_labels.words,
            ]
            .into_iter()
            .flatten(),
        )
        .map_err(|error| format!("the cue words: {error}"))?;
        Ok(LayoutCues {
            breadcrumb_openings: file.breadcrumb_openings.words,
            footer,
            toolbar,
            release_labels: file.release_labels.words,
            release_label_colon,
            metadata_labels: file.metadata_labels.words,
            metadata_label,
            release_date_labels: file.release_date_labels.words,
            document_date_labels: file.document_date_labels.words,
            site_name_ends: file.site_name_ends.words,
            title_words: file.title_words.words,
            cue_word,
            examples,
        })
    }

    /// Each table's name, words and example page, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub fn examples(&self) -> &[(&'static str, Vec<String>, String)] {
        &self.examples
    }

    /// Whether a breadcrumb opening opens `line`.
    fn opens_breadcrumb(&self, line: &str) -> bool {
        self.breadcrumb_openings.iter().any(|opening| line.starts_with(opening.as_str()))
    }
}

/// An alternation of `words` (longest first, so that 信息索引号 wins over 索引号).
fn any_of<'w>(words: impl IntoIterator<Item = &'w String>) -> Result<Regex, String> {
    let mut sorted: Vec<&String> = words.into_iter().collect();
    sorted.sort_by_key(|word| std::cmp::Reverse(word.len()));
    let escaped: Vec<String> = sorted.iter().map(|word| regex::escape(word)).collect();
    Regex::new(&escaped.join("|")).map_err(|error| error.to_string())
}

/// Chars that almost every furniture line holds: a label's colon, a
/// breadcrumb separator, a navigation bar, a toolbar bracket, ©.
const HINT_CHARS: &[char] = &[':', '>', '»', '›', '→', '〉', '≫', '|', '｜', '【', '©'];
/// The hint chars a line holds, from one pass over its bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Hints {
    /// A label's colon.
    colon: bool,
    /// A breadcrumb separator.
    separator: bool,
    /// A navigation bar.
    bar: bool,
    /// Anything else: a toolbar bracket, ©, a leading digit (a page date).
    other: bool,
}

impl Hints {
    fn any(self) -> bool {
        self.colon || self.separator || self.bar || self.other
    }
}

/// The hint chars of `line`: what every furniture line in a notice's body
/// has. Lines without are read for cue words only in the header and the
/// footer ([`find_furniture`]).
///
/// Half the lines of a notice come here, so the check reads bytes: a byte
/// that may open a hint char (`:` `>` `|`, or the first byte of one of the
/// others) is checked against the hint chars there.
fn hints(line: &str) -> Hints {
    static OPENS_HINT: LazyLock<[bool; 256]> = LazyLock::new(|| {
        let mut table = [false; 256];
        for c in HINT_CHARS {
            let mut buffer = [0; 4];
            table[usize::from(c.encode_utf8(&mut buffer).as_bytes()[0])] = true;
        }
        table
    });
    let table = &*OPENS_HINT;
    let mut found = Hints {
        other: line.starts_with(|c: char| c.is_ascii_digit()),
        ..Hints::default()
    };
    for (index, &byte) in line.as_bytes().iter().enumerate() {
        if !table[usize::from(byte)] || !line.is_char_boundary(index) {
            continue;
        }
        match line[index..].chars().next() {
            Some(':') => found.colon = true,
            Some(c) if BREADCRUMB_SEPARATORS.contains(&c) => found.separator = true,
            Some('|' | '｜') => found.bar = true,
            Some(c) if HINT_CHARS.contains(&c) => found.other = true,
            _ => {}
        }
    }
    found
}

/// Whether a cue word occurs in `line` (a short line that is no heading).
fn has_cue_word(cues: &LayoutCues, line: &str) -> bool {
    line.len() <= CUE_LINE_MAX_CHARS * 3 && heading_marker(line).is_none() && cues.cue_word.is_match(line)
}

/// Longest line the furniture rules look at, in bytes (a breadcrumb of a
/// dozen crumbs and a title); longer lines are notice text.
const FURNITURE_LINE_MAX_BYTES: usize = 600;

/// A date as pages print it: 2024-03-26, 2024/3/26, 2024.03.26,
/// 2024年03月26日, with an optional time.
static PAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
        .unwrap()
});
/// A line opening with a dashed or slashed date (a release line without labels).
static LEADING_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?").unwrap());
/// Longest site name glued before a title, in chars.
const SITE_NAME_MAX_CHARS: usize = 24;

/// Where the title starts on a line that a site name opens, separated by
/// blanks (某市人民政府门户网站 中共某市…的通报), if it is one.
fn title_after_site_name(cues: &LayoutCues, line: &str) -> Option<usize> {
    let name_end = line.find(char::is_whitespace)?;
    let name = &line[..name_end];
    let rest = line[name_end..].trim_start();
    let name_chars = chars(name);
    ((2..=SITE_NAME_MAX_CHARS).contains(&name_chars)
        && cues.site_name_ends.iter().any(|end| name.ends_with(end.as_str()))
        && !rest.contains(char::is_whitespace)
        && cues.title_words.iter().any(|word| rest.contains(word.as_str())))
    .then(|| line.len() - rest.len())
}
/// A list page's date after a title: (2024-03-26), [2024-03-26].
static TRAILING_LIST_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[\(\[【]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[\)\]】]\s*$").unwrap());

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Whether a line reads as notice prose: a sentence, a heading, a preamble.
fn is_prose(line: &str) -> bool {
    let count = chars(line);
    heading_marker(line).is_some()
        || (count >= PROSE_MIN_CHARS && (line.contains('。') || line.ends_with(':') || line.ends_with(';')))
        || count > 2 * LABEL_LINE_MAX_CHARS
}

/// Where `label` ends if `line` opens with it, blanks between its chars
/// allowed (portals space labels out to align them: 索 引 号, 文    号).
fn spaced_prefix_end(line: &str, label: &str) -> Option<usize> {
    let mut at = 0;
    for (index, wanted) in label.chars().enumerate() {
        if index > 0 {
            at += line[at..].len() - line[at..].trim_start_matches([' ', '\t']).len();
        }
        let found = line[at..].chars().next()?;
        if found != wanted {
            return None;
        }
        at += found.len_utf8();
    }
    Some(at)
}

/// The label opening `line` from `labels`, followed by a colon, a blank or
/// the line's end: the byte offset where its value starts.
fn opening_label<S: AsRef<str>>(line: &str, labels: &[S]) -> Option<usize> {
    let first = line.chars().next()?;
    labels
        .iter()
        .map(AsRef::as_ref)
        .filter(|label| label.starts_with(first))
        .filter_map(|label| spaced_prefix_end(line, label))
        .max()
        .and_then(|end| {
            let rest = &line[end..];
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if let Some(value) = trimmed.strip_prefix(':') {
                Some(line.len() - value.len())
            } else if trimmed.is_empty() || trimmed.len() < rest.len() {
                Some(line.len() - trimmed.len())
            } else {
                None
            }
        })
}

/// How many release labels are printed followed by a colon in `line`.
fn release_labels_in(cues: &LayoutCues, line: &str) -> usize {
    if !line.contains(':') {
        return 0;
    }
    cues.release_label_colon.find_iter(line).count()
}

/// How many metadata labels occur in `line` (table rows lose the colons;
/// labels may be spaced out).
fn metadata_labels_in(cues: &LayoutCues, line: &str) -> usize {
    let compact: std::borrow::Cow<str> = if line.contains([' ', '\t']) {
        line.chars()
            .filter(|c| *c != ' ' && *c != '\t')
            .collect::<String>()
            .into()
    } else {
        line.into()
    };
    let mut seen: Vec<&str> = Vec::new();
    for found in cues.metadata_label.find_iter(&compact) {
        if !seen.contains(&found.as_str()) {
            seen.push(found.as_str());
        }
    }
    seen.len()
}

/// The classification of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Not furniture.
    Content,
    /// A breadcrumb; `glued` is `Some(end)` when a title follows it on the
    /// same line (the breadcrumb ends at byte `end` of the line); `opened`
    /// when a word such as 当前位置 opens it (else it counts only in the
    /// header and the footer: arrows also print processes, 受理→核查→办结).
    Breadcrumb { glued: Option<usize>, opened: bool },
    /// A navigation row (首页 | 机构概况 | 政务公开 …).
    Navigation,
    /// A release line or counter (发布时间 … 来源 … 浏览次数 …).
    Release,
    /// A metadata block line; `value` is where the value of its one label
    /// starts (`None` for a row of several labels and values).
    Metadata { value: Option<usize> },
    /// A toolbar, sharing line or app banner.
    Toolbar,
    /// A footer line (or a footer opening: 相关链接).
    Footer,
}

/// The breadcrumb reading of a line, if it is one.
fn breadcrumb(cues: &LayoutCues, line: &str) -> Option<LineKind> {
    if line.ends_with('。') {
        return None;
    }
    let opened = cues.opens_breadcrumb(line);
    if !opened && !line.contains(BREADCRUMB_SEPARATORS) {
        return None;
    }
    let separators: Vec<usize> = line
        .char_indices()
        .filter(|(_, c)| BREADCRUMB_SEPARATORS.contains(c))
        .map(|(index, _)| index)
        .collect();
    if !opened && separators.is_empty() {
        return None;
    }
    let Some(&last) = separators.last() else {
        // 当前位置：首页 — a breadcrumb with one segment.
        return (chars(line) <= 2 * SEGMENT_MAX_CHARS).then_some(LineKind::Breadcrumb { glued: None, opened });
    };
    let segment_ok = |segment: &str| chars(segment.trim()) <= SEGMENT_MAX_CHARS;
    let mut segments = Vec::with_capacity(separators.len() + 1);
    let mut from = 0;
    for &separator in &separators {
        segments.push(&line[from..separator]);
        from = separator + line[separator..].chars().next().map_or(1, char::len_utf8);
    }
    let tail = &line[from..];
    let inner_ok = segments.iter().all(|segment| segment_ok(segment));
    let first = segments[0];
    let looks_like_crumbs = opened
        || first.contains("首页")
        || first.contains("主页")
        || segments.len() >= 2
        || (segment_ok(tail) && chars(first.trim()) <= SEGMENT_MAX_CHARS / 2);
    if !inner_ok || !looks_like_crumbs {
        return None;
    }
    let tail_trimmed = tail.trim();
    if segment_ok(tail) {
        return Some(LineKind::Breadcrumb { glued: None, opened });
    }
    // A title (or a truncated one) after the crumbs.
    if tail_trimmed.ends_with('…') || tail_trimmed.ends_with("...") {
        return Some(LineKind::Breadcrumb { glued: None, opened });
    }
    let mut end = last + line[last..].chars().next().map_or(1, char::len_utf8);
    let after = &line[end..];
    end += after.len() - after.trim_start().len();
    if let Some(rest) = line[end..].strip_prefix("正文") {
        end = line.len() - rest.trim_start().len();
    }
    Some(LineKind::Breadcrumb {
        glued: Some(end),
        opened,
    })
}

/// Classifies one trimmed line on its own.
fn classify(cues: &LayoutCues, line: &str, in_margin: bool) -> LineKind {
    // A sentence is never furniture (a breadcrumb, a label line, a toolbar,
    // a footer and a navigation row have no 。 at their end).
    if line.len() > FURNITURE_LINE_MAX_BYTES {
        return LineKind::Content;
    }
    if line.ends_with('。') {
        // A sentence is furniture only as a site's notice in the margins
        // (本网站所载内容…转载请注明出处。).
        let footer = in_margin && chars(line) <= CUE_LINE_MAX_CHARS && cues.footer.is_match(line);
        return if footer { LineKind::Footer } else { LineKind::Content };
    }
    let hints = hints(line);
    if !(hints.any() || in_margin && has_cue_word(cues, line)) {
        return LineKind::Content;
    }
    // In the body, a line whose only hint is one colon (联系电话：…, 整改情况：…)
    // can be no furniture: a release line there has two labels, a
    // breadcrumb its separators, a toolbar its brackets.
    let colons = line.bytes().filter(|&byte| byte == b':').count();
    let opened = cues.opens_breadcrumb(line);
    if !(in_margin || opened || colons >= 2 || hints.separator || hints.bar || hints.other) {
        return LineKind::Content;
    }
    if heading_marker(line).is_some() {
        return LineKind::Content;
    }
    let count = chars(line);
    if (hints.separator || opened)
        && let Some(kind) = breadcrumb(cues, line)
    {
        return kind;
    }
    // Labels first: a release line may end in a toolbar (【字号：大 中 小】).
    // Metadata blocks and single labels (来源：…) stand in the margins; in
    // the body only a release line of two labels or more, or one that opens
    // with its date, is read.
    let may_be_labels = in_margin || colons >= 2 || hints.other;
    if count <= LABEL_LINE_MAX_CHARS && may_be_labels {
        if in_margin && metadata_labels_in(cues, line) >= 2 {
            return LineKind::Metadata { value: None };
        }
        if let Some(value) = in_margin.then(|| opening_label(line, &cues.metadata_labels)).flatten() {
            return LineKind::Metadata { value: Some(value) };
        }
        let labels = release_labels_in(cues, line);
        let leading_date = line
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| LEADING_DATE.find(line))
            .flatten();
        if labels >= 2 || leading_date.is_some_and(|date| labels >= 1 || date.end() == line.len()) {
            return LineKind::Release;
        }
        let is_bracketed =
            (line.starts_with('【') && line.ends_with('】')) || (line.starts_with('(') && line.ends_with(')'));
        let inner = line.trim_start_matches(['【', '(']);
        if labels == 1
            && cues
                .release_labels
                .iter()
                .filter(|label| !matches!(label.as_str(), "日期" | "时间"))
                .any(|label| line.starts_with(label.as_str()) || is_bracketed && inner.starts_with(label.as_str()))
        {
            return LineKind::Release;
        }
    }
    // A footer line counts in the margins only; a toolbar line also in the
    // body when short and bracketed (【打印】【关闭】).
    if count <= CUE_LINE_MAX_CHARS {
        if in_margin && cues.footer.is_match(line) {
            return LineKind::Footer;
        }
        if (in_margin || count <= TOOLBAR_ANYWHERE_MAX_CHARS && hints.other) && cues.toolbar.is_match(line) {
            return LineKind::Toolbar;
        }
    }
    if !hints.bar {
        return LineKind::Content;
    }
    let segments: Vec<&str> = line.split(['|', '｜']).collect();
    if segments.len() >= 3
        && segments
            .iter()
            .all(|segment| chars(segment.trim()) <= SEGMENT_MAX_CHARS / 2)
    {
        return LineKind::Navigation;
    }
    LineKind::Content
}

/// The words of `list` as `&str`s.
fn as_strs(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

/// The page date printed in `line` after `from`, if any.
fn date_in(line: &str, line_start: usize, from: usize) -> Option<PageDate> {
    let captures = PAGE_DATE.captures(&line[from..])?;
    let number = |index: usize| captures.get(index).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = CivilDate::new(number(1)? as i32, number(2)?, number(3)?)?;
    let time = match (number(4), number(5)) {
        (Some(hour), Some(minute)) if hour < 24 && minute < 60 => Some((hour, minute, number(6).unwrap_or(0).min(59))),
        _ => None,
    };
    let whole = captures.get(0)?;
    let date_end = captures
        .get(4)
        .map_or(whole.end(), |hour| line[from..from + hour.start()].trim_end().len());
    Some(PageDate {
        range: line_start + from + whole.start()..line_start + from + date_end,
        date,
        time,
    })
}

/// The release date of a release or metadata line, with its rank.
fn line_date(cues: &LayoutCues, line: &str, line_start: usize, kind: LineKind) -> Option<(DateRank, PageDate)> {
    let labelled = |labels: &[&str]| {
        labels.iter().find_map(|label| {
            let at = line.find(label)? + label.len();
            date_in(line, line_start, at)
        })
    };
    match kind {
        LineKind::Release | LineKind::Metadata { .. } => {
            if let Some(date) = labelled(&as_strs(&cues.release_date_labels)) {
                return Some((DateRank::Release, date));
            }
            if let Some(date) = labelled(&as_strs(&cues.document_date_labels)) {
                return Some((DateRank::Document, date));
            }
            labelled(&["日期", "时间"])
                .or_else(|| {
                    LEADING_DATE
                        .is_match(line)
                        .then(|| date_in(line, line_start, 0))
                        .flatten()
                })
                .map(|date| (DateRank::Unlabelled, date))
        }
        _ => None,
    }
}

/// Whether a line of `kind` is furniture wherever it stands.
fn is_anywhere(kind: LineKind, line: &str) -> bool {
    match kind {
        LineKind::Release | LineKind::Metadata { .. } => true,
        LineKind::Breadcrumb { opened, .. } => opened,
        LineKind::Toolbar => chars(line) <= TOOLBAR_ANYWHERE_MAX_CHARS,
        _ => false,
    }
}

/// Whether a line of the body may be furniture that stands anywhere: an
/// opened breadcrumb (当前位置：…), a release line (two labels, or a leading
/// date) or a short bracketed toolbar (【打印】【关闭】). Cheap, for every line.
fn may_stand_in_body(cues: &LayoutCues, line: &str) -> bool {
    let bytes = line.as_bytes();
    !line.is_empty()
        && !line.ends_with('。')
        && line.len() <= FURNITURE_LINE_MAX_BYTES
        && (bytes[0].is_ascii_digit()
            || bytes.iter().filter(|&&byte| byte == b':').nth(1).is_some()
            || cues.opens_breadcrumb(line)
            || (line.len() <= TOOLBAR_ANYWHERE_MAX_CHARS * 3 && line.contains('【')))
}

/// Finds the furniture of a text with the cue lists `cues`.
pub fn find_furniture(text: &str, cues: &LayoutCues) -> Furniture {
    let all = lines(text);
    let trimmed: Vec<(usize, &str)> = all
        .iter()
        .map(|line| {
            let slice = &text[line.range.clone()];
            let start = line.range.start + (slice.len() - slice.trim_start().len());
            (start, slice.trim())
        })
        .collect();
    // The margins: the header up to the first line of prose, the tail
    // after the last; their lines are read with every rule. A line of
    // prose that a rule takes for furniture (a footer's disclaimer) does
    // not end a margin.
    let mut kinds = vec![LineKind::Content; trimmed.len()];
    let prose_in_margin = |index: usize, kinds: &mut [LineKind]| {
        let line = trimmed[index].1;
        if line.is_empty() {
            return false;
        }
        kinds[index] = classify(cues, line, true);
        kinds[index] == LineKind::Content && is_prose(line)
    };
    let header_end = (0..trimmed.len())
        .find(|&index| prose_in_margin(index, &mut kinds))
        .unwrap_or(trimmed.len());
    let tail_start = (header_end + 1..trimmed.len())
        .rev()
        .find(|&index| prose_in_margin(index, &mut kinds))
        .map_or(trimmed.len().min(header_end + 1), |index| index + 1);
    // The body's lines: only what may stand anywhere (a release line, an
    // opened breadcrumb, a bracketed toolbar) is read.
    for index in header_end + 1..tail_start.saturating_sub(1) {
        let line = trimmed[index].1;
        if may_stand_in_body(cues, line) {
            kinds[index] = classify(cues, line, false);
        }
    }
    let anywhere = |index: usize| is_anywhere(kinds[index], trimmed[index].1);
    // The footer: from a footer cue with no prose after it.
    let footer_start = (tail_start..trimmed.len())
        .find(|&index| kinds[index] == LineKind::Footer)
        .unwrap_or(trimmed.len());
    // In the header, what stands before the last breadcrumb or navigation
    // row is the site's masthead.
    let masthead_end = kinds[..header_end]
        .iter()
        .rposition(|kind| matches!(kind, LineKind::Breadcrumb { .. } | LineKind::Navigation))
        .unwrap_or(0);

    let mut furniture = Furniture::default();
    let mut best_date: Option<(DateRank, PageDate)> = None;
    let mut offer = |candidate: Option<(DateRank, PageDate)>| {
        if let Some(candidate) = candidate
            && best_date.as_ref().is_none_or(|(rank, _)| candidate.0 < *rank)
        {
            best_date = Some(candidate);
        }
    };
    let mut after_label = false;
    for (index, (start, line)) in trimmed.iter().enumerate() {
        let (start, line) = (*start, *line);
        if line.is_empty() {
            continue;
        }
        let whole = start..start + line.len();
        let in_header = index < header_end;
        let in_margin = in_header || index >= footer_start;
        let value_of_label = std::mem::take(&mut after_label);
        let kind = match kinds[index] {
            kind if anywhere(index) || in_margin => kind,
            _ => LineKind::Content,
        };
        match kind {
            LineKind::Content if index >= footer_start || (in_header && index < masthead_end) => {
                furniture.ranges.push(whole);
            }
            LineKind::Content if in_header && value_of_label && chars(line) <= LABEL_LINE_MAX_CHARS => {
                // The value of a label printed on the line before.
                furniture.ranges.push(whole);
            }
            LineKind::Content if in_header && chars(line) <= LABEL_LINE_MAX_CHARS => {
                if let Some(value) = (line.starts_with("日期") || line.starts_with("时间"))
                    .then(|| opening_label(line, &["日期", "时间"]))
                    .flatten()
                {
                    furniture.ranges.push(whole);
                    offer(date_in(line, start, value).map(|date| (DateRank::Unlabelled, date)));
                } else {
                    if let Some(title_start) = title_after_site_name(cues, line) {
                        furniture.ranges.push(start..start + title_start);
                    }
                    let list_date = line
                        .ends_with([')', ']', '】'])
                        .then(|| TRAILING_LIST_DATE.find(line))
                        .flatten();
                    if let Some(found) = list_date {
                        furniture.ranges.push(start + found.start()..start + line.len());
                        offer(date_in(line, start, found.start()).map(|date| (DateRank::ListEntry, date)));
                    }
                }
            }
            LineKind::Content => {}
            LineKind::Breadcrumb { glued: Some(end), .. } => furniture.ranges.push(start..start + end),
            LineKind::Metadata { value } => {
                furniture.ranges.push(whole);
                offer(line_date(cues, line, start, kind));
                let Some(value) = value else { continue };
                let value_text = &line[value..];
                if value_text.trim().is_empty() {
                    after_label = true;
                } else if line.starts_with("文件名称") && furniture.file_title.is_none() {
                    let value_start = start + value + (value_text.len() - value_text.trim_start().len());
                    furniture.file_title = Some(value_start..start + line.len());
                }
            }
            LineKind::Release => {
                furniture.ranges.push(whole);
                offer(line_date(cues, line, start, kind));
            }
            LineKind::Breadcrumb { glued: None, .. } | LineKind::Navigation | LineKind::Toolbar | LineKind::Footer => {
                furniture.ranges.push(whole);
            }
        }
    }
    furniture.page_date = best_date.map(|(_, date)| date);
    furniture
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// The furniture of `page` as the matching copy's text, one entry per range.
    fn furniture_of(page: &str) -> (Vec<String>, Furniture) {
        let text = normalize(page.to_owned());
        let matching = text.matching();
        let found = find_furniture(matching, &crate::rules::Rules::builtin().layout);
        let pieces = found
            .ranges
            .iter()
            .map(|range| matching[range.clone()].to_owned())
            .collect();
        (pieces, found)
    }

    const NOTICE: &str = "根据市委统一部署，市委第一巡察组于2024年3月4日至4月30日对市某局党组进行了巡察。\n一、关于“甲”问题的整改情况\n（一）强化学习。正文。\n欢迎广大干部群众监督。联系电话：0578-2091427。\n中共某市某局党组\n2024年9月3日\n";

    #[test]
    fn a_clean_notice_has_no_furniture() {
        let page = format!("中共某市某局党组关于巡察整改进展情况的通报\n{NOTICE}");
        let (pieces, found) = furniture_of(&page);
        assert!(pieces.is_empty(), "{pieces:?}");
        assert_eq!(found.page_date, None);
    }

    #[test]
    fn marks_an_article_page_header_and_footer() {
        let page = format!(
            "某市纪委监委网站\n首页 | 要闻 | 巡视巡察 | 审查调查\n当前位置：首页 > 巡视巡察 > 整改公开\n中共某市某局党组关于巡察整改进展情况的通报\n发布时间：2025-03-14 09:30　来源：市委巡察办　作者：张三　浏览次数：2371\n【字体：大 中 小】【打印】【关闭】\n{NOTICE}分享到：微信 微博\n上一篇：关于某事的通知\n相关链接\n某县委关于巡察整改情况的通报\n主办单位：某市纪委监委　ICP备12345678号\n地址：某市某路1号　电话：0578-1234567\n"
        );
        let (pieces, found) = furniture_of(&page);
        assert_eq!(
            pieces,
            [
                "某市纪委监委网站",
                "首页 | 要闻 | 巡视巡察 | 审查调查",
                "当前位置:首页 > 巡视巡察 > 整改公开",
                "发布时间:2025-03-14 09:30 来源:市委巡察办 作者:张三 浏览次数:2371",
                "【字体:大 中 小】【打印】【关闭】",
                "分享到:微信 微博",
                "上一篇:关于某事的通知",
                "相关链接",
                "某县委关于巡察整改情况的通报",
                "主办单位:某市纪委监委 ICP备12345678号",
                "地址:某市某路1号 电话:0578-1234567",
            ]
        );
        let date = found.page_date.unwrap();
        assert_eq!(date.iso(), "2025-03-14T09:30:00");
    }

    #[test]
    fn reads_an_open_government_metadata_block() {
        let page = format!(
            "索引号：113300000025012345/2024-00123\n发布机构：某县卫生健康局\n文件名称：中共某县卫生健康局党委关于巡察整改进展情况的通报\n文号：\n生成日期：2024-09-02\n发布日期：2024-09-05\n主题分类：其他\n{NOTICE}"
        );
        let text = normalize(page.clone());
        let found = find_furniture(text.matching(), &crate::rules::Rules::builtin().layout);
        assert_eq!(found.ranges.len(), 7);
        assert_eq!(found.page_date.unwrap().iso(), "2024-09-05");
        assert_eq!(
            &text.matching()[found.file_title.unwrap()],
            "中共某县卫生健康局党委关于巡察整改进展情况的通报"
        );
    }

    #[test]
    fn a_footer_row_of_links_after_the_signature_is_furniture() {
        let (pieces, _) = furniture_of(&format!(
            "{NOTICE}打开APP 阅读更多\n联系我们 | 网站地图 | 隐私声明\n版权所有 © 2024 某市人民政府办公室\n"
        ));
        assert_eq!(
            pieces,
            [
                "打开APP 阅读更多",
                "联系我们 | 网站地图 | 隐私声明",
                "版权所有 © 2024 某市人民政府办公室"
            ]
        );
    }

    #[test]
    fn a_site_notice_sentence_does_not_end_the_footer() {
        let (pieces, _) = furniture_of(&format!(
            "{NOTICE}分享到：微信 微博\n相关链接\n本网站所载内容未经许可不得转载，转载请注明出处。\n"
        ));
        assert_eq!(
            pieces,
            [
                "分享到:微信 微博",
                "相关链接",
                "本网站所载内容未经许可不得转载,转载请注明出处。"
            ]
        );
    }

    #[test]
    fn metadata_labels_may_be_spaced_out() {
        let (pieces, found) = furniture_of(&format!(
            "索 引 号： 11431125MB1852037K/2024-00217 发布机构： 某县卫生健康局\n成文日期： 2024-09-10 发布日期： 2024-09-13\n文    号： 某卫党发〔2024〕27号\n中共某县卫生健康局委员会关于巡察整改进展情况的通报\n{NOTICE}"
        ));
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        assert_eq!(found.page_date.unwrap().iso(), "2024-09-13");
    }

    #[test]
    fn cuts_a_breadcrumb_and_a_list_date_off_the_title_line() {
        let (pieces, found) = furniture_of(&format!(
            "某市人民政府门户网站 首页 > 通知公告 > 中共某市某局党组关于巡察整改进展情况的通报\n中共某市某局党组关于巡察整改进展情况的通报（2024-11-05）\n{NOTICE}"
        ));
        assert_eq!(pieces, ["某市人民政府门户网站 首页 > 通知公告 > ", "(2024-11-05)"]);
        assert_eq!(found.page_date.unwrap().iso(), "2024-11-05");
    }

    #[test]
    fn cuts_a_site_name_off_the_title_line() {
        let (pieces, _) = furniture_of(&format!(
            "某市人民政府门户网站 中共某市某局党组关于巡察整改进展情况的通报\n{NOTICE}"
        ));
        assert_eq!(pieces, ["某市人民政府门户网站 "]);
        // A title with a blank inside is not a site name.
        let (pieces, _) = furniture_of(&format!("中共某市某局党组关于 巡察整改进展情况的通报\n{NOTICE}"));
        assert!(pieces.is_empty(), "{pieces:?}");
    }

    #[test]
    fn a_truncated_title_in_a_breadcrumb_is_furniture_whole() {
        let (pieces, _) = furniture_of(&format!(
            "首页 > 巡视巡察 > 中共某市某局党组关于巡察整改进…\n中共某市某局党组关于巡察整改进展情况的通报\n{NOTICE}"
        ));
        assert_eq!(pieces, ["首页 > 巡视巡察 > 中共某市某局党组关于巡察整改进…"]);
    }

    #[test]
    fn an_unlabelled_release_line_gives_the_page_date() {
        let (pieces, found) = furniture_of(&format!(
            "新闻中心 > 天下\n中共某市某局党组关于巡察整改进展情况的通报\n2020-09-27 19:24 来源：某网\n{NOTICE}【编辑：某某】\n"
        ));
        assert_eq!(
            pieces,
            ["新闻中心 > 天下", "2020-09-27 19:24 来源:某网", "【编辑:某某】"]
        );
        assert_eq!(found.page_date.unwrap().iso(), "2020-09-27T19:24:00");
    }

    #[test]
    fn notice_lines_with_labels_and_arrows_stay() {
        // A closing contact line, an announcement's time line and a body
        // line with an arrow are notice text.
        let text = "根据部署，巡察组进行了巡察，现将有关情况公布如下。\n巡察时间：2024年3月1日至4月30日。\n联系电话：0578-2091427\n受理时间：每天8:30-17:30\n实现由“被动整改”→“主动整改”转变，群众满意度明显提升。\n";
        let (pieces, found) = furniture_of(text);
        assert!(pieces.is_empty(), "{pieces:?}");
        assert_eq!(found.page_date, None);
    }
}
