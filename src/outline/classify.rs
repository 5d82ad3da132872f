//! Section kinds by cue words, never by numbers, and issue statuses.
//!
//! Consumes heading text of the matching copy; produces a [`NodeKind`]
//! (issue / next_steps / summary / other; measures are issue children) and,
//! from an issue's own text, the stated [`IssueStatus`]. The cue tables are
//! data (`rules/outline.toml`, [`OutlineCues`]): one row per cue, first
//! match wins, each row read as a regex. The statuses are read from status
//! statements (整改进展:…, 该问题…, 目前…, a closing (…)) that hold a status
//! phrase; one literal search for the phrases rules most texts out.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Deserialize;

use crate::record::{IssueStatus, NodeKind};

use regex::Regex;


use crate::charset::CharSet;

/// Quote characters of the matching copy (corner quotes are already folded).
static OPEN_QUOTES: CharSet = CharSet::new("“\"‘'");

/// A cue a heading's words may hold (a `heading` row of
/// `rules/outline.toml`).
#[derive(Debug, Clone)]
enum Cue {
    /// The phrase anywhere.
    Phrase(String),
    /// The first phrase, then the second after at most `gap` chars (any
    /// number if `None`), no line break between them.
    Near(String, Option<usize>, String),
    /// The phrase, right after it an opening quote, and a closing quote
    /// after at least one more char of the line (关于“…”).
    Quoted(String),
    /// The whole heading: the first phrase, 1 to `most` chars of one line,
    /// the second phrase (在“…”方面).
    Whole(String, usize, String),
}

impl Cue {
    /// The cue as the regex a heading is searched with.
    fn pattern(&self) -> String {
        match self {
            Cue::Phrase(phrase) => regex::escape(phrase),
            Cue::Near(first, None, second) => format!("{}.*{}", regex::escape(first), regex::escape(second)),
            Cue::Near(first, Some(gap), second) => {
                format!("{}.{{0,{gap}}}{}", regex::escape(first), regex::escape(second))
            }
            Cue::Quoted(phrase) => format!(r#"{}[“"‘'].+?[”"’']"#, regex::escape(phrase)),
            Cue::Whole(first, most, second) => format!("^{}.{{1,{most}}}{}$", regex::escape(first), regex::escape(second)),
        }
    }
}

/// The cue tables of the outline (`rules/outline.toml`): heading cues and
/// status phrases, with the searches built from them.
pub struct OutlineCues {
    /// Heading cues in file order, as the regexes they read: the first a
    /// heading holds gives its kind.
    headings: Vec<(NodeKind, Regex)>,
    /// Status phrases of statements, in file order (the first a statement
    /// holds wins).
    statuses: Vec<(String, IssueStatus)>,
    /// Any one of the statement phrases, in one literal search.
    ///
    /// A statement yields a status only if it holds a phrase, so a text
    /// without any states none. Most issue texts hold none, and this search
    /// is much cheaper than reading statements, whose labels share the 整改
    /// that is everywhere in a notice.
    any_status: Regex,
    /// The phrases of a status-group heading: the statement phrases, then
    /// the group-only ones; the first found wins.
    group_statuses: Vec<(String, IssueStatus)>,
    /// Any phrase of a status-group heading.
    group_search: AhoCorasick,
    /// The rows' examples, for the rules harness (`zhenggai rules check`).
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    examples: RowExamples,
}

/// The examples of the rows of `rules/outline.toml`.
#[derive(Debug)]
#[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
struct RowExamples {
    /// One per heading row.
    headings: Vec<String>,
    /// One per status row.
    statuses: Vec<StatusExample>,
}

/// A status row with its example.
#[derive(Debug)]
#[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
pub(crate) struct StatusExample {
    /// The phrase that must state the example's status.
    pub phrase: String,
    /// The status it states.
    pub status: IssueStatus,
    /// Whether the row is read in status-group headings only.
    pub group_only: bool,
    /// An issue text, or for a group-only row a group heading.
    pub example: String,
}

/// A `heading` row of `rules/outline.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadingRow {
    kind: NodeKind,
    phrase: Option<String>,
    near: Option<[String; 2]>,
    gap: Option<usize>,
    quoted: Option<String>,
    whole: Option<[String; 2]>,
    most: Option<usize>,
    example: String,
}

/// A `status` row of `rules/outline.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusRow {
    phrase: String,
    status: IssueStatus,
    #[serde(default)]
    group_only: bool,
    example: String,
}

/// The file `rules/outline.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutlineFile {
    heading: Vec<HeadingRow>,
    status: Vec<StatusRow>,
}

impl HeadingRow {
    /// The row's cue, or what is wrong with it.
    fn cue(&self) -> Result<Cue, String> {
        let non_empty = |field: &str, text: &str| {
            if text.is_empty() {
                Err(format!("field `{field}` is empty"))
            } else {
                Ok(text.to_string())
            }
        };
        if self.kind == NodeKind::Measure {
            return Err("field `kind`: `measure` depends on the parent heading and is no cue".to_string());
        }
        if self.gap.is_some() && self.near.is_none() {
            return Err("field `gap` belongs to a `near` row".to_string());
        }
        if self.most.is_some() && self.whole.is_none() {
            return Err("field `most` belongs to a `whole` row".to_string());
        }
        match (&self.phrase, &self.near, &self.quoted, &self.whole) {
            (Some(phrase), None, None, None) => Ok(Cue::Phrase(non_empty("phrase", phrase)?)),
            (None, Some([first, second]), None, None) => Ok(Cue::Near(
                non_empty("near", first)?,
                self.gap,
                non_empty("near", second)?,
            )),
            (None, None, Some(phrase), None) => Ok(Cue::Quoted(non_empty("quoted", phrase)?)),
            (None, None, None, Some([first, second])) => {
                let most = self.most.ok_or("a `whole` row needs field `most`")?;
                Ok(Cue::Whole(non_empty("whole", first)?, most, non_empty("whole", second)?))
            }
            _ => Err("a row has exactly one of the fields `phrase`, `near`, `quoted`, `whole`".to_string()),
        }
    }
}

impl OutlineCues {
    /// The cues of a `rules/outline.toml` text, or why not (the line and
    /// field of a TOML error; the table, row and field of a bad row).
    pub fn from_toml(text: &str) -> Result<OutlineCues, String> {
        let file: OutlineFile = toml::from_str(text).map_err(|error| crate::rules::describe_toml_error(text, &error))?;
        let headings = file
            .heading
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let pattern = row.cue().and_then(|cue| Regex::new(&cue.pattern()).map_err(|error| error.to_string()));
                pattern
                    .map(|pattern| (row.kind, pattern))
                    .map_err(|message| format!("heading row {}: {message}", index + 1))
            })
            .collect::<Result<Vec<_>, String>>()?;
        if let Some(index) = file.status.iter().position(|row| row.phrase.is_empty()) {
            return Err(format!("status row {}: field `phrase` is empty", index + 1));
        }
        let statuses: Vec<(String, IssueStatus)> = file
            .status
            .iter()
            .filter(|row| !row.group_only)
            .map(|row| (row.phrase.clone(), row.status))
            .collect();
        let group_statuses: Vec<(String, IssueStatus)> = statuses
            .iter()
            .cloned()
            .chain(file.status.iter().filter(|row| row.group_only).map(|row| (row.phrase.clone(), row.status)))
            .collect();
        let alternation: Vec<String> = statuses.iter().map(|(cue, _)| regex::escape(cue)).collect();
        let any_status = if alternation.is_empty() {
            Regex::new(r"[^\s\S]")
        } else {
            Regex::new(&alternation.join("|"))
        }
        .map_err(|error| format!("status phrases: {error}"))?;
        let group_search = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(group_statuses.iter().map(|(cue, _)| cue))
            .map_err(|error| format!("status phrases: {error}"))?;
        let examples = RowExamples {
            headings: file.heading.into_iter().map(|row| row.example).collect(),
            statuses: file
                .status
                .into_iter()
                .map(|row| StatusExample {
                    phrase: row.phrase,
                    status: row.status,
                    group_only: row.group_only,
                    example: row.example,
                })
                .collect(),
        };
        Ok(OutlineCues {
            headings,
            statuses,
            any_status,
            group_statuses,
            group_search,
            examples,
        })
    }

    /// Each heading row's kind and example, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub(crate) fn heading_examples(&self) -> impl Iterator<Item = (NodeKind, &str)> {
        self.headings
            .iter()
            .zip(&self.examples.headings)
            .map(|((kind, _), example)| (*kind, example.as_str()))
    }

    /// The index (from 0) of the first heading row `heading` holds.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub(crate) fn first_heading_row(&self, heading: &str) -> Option<usize> {
        self.headings.iter().position(|(_, pattern)| pattern.is_match(heading))
    }

    /// Each status row with its example, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub(crate) fn status_examples(&self) -> &[StatusExample] {
        &self.examples.statuses
    }

    /// The status-group phrases, first match wins.
    pub(crate) fn group_statuses(&self) -> &[(String, IssueStatus)] {
        &self.group_statuses
    }

    /// Whether a heading holds any status-group phrase.
    pub(crate) fn has_group_status(&self, heading: &str) -> bool {
        self.group_search.is_match(heading)
    }
}

/// The kind a heading's own words give it (never `Measure`, which depends on
/// the parent).
pub fn classify_heading(heading: &str, cues: &OutlineCues) -> NodeKind {
    cues.headings
        .iter()
        .find(|(_, pattern)| pattern.is_match(heading))
        .map_or(NodeKind::Other, |(kind, _)| *kind)
}

/// Byte range of the quoted finding in an issue heading: the text between the
/// quotes after 关于, else between 关于 and (的)问题.
pub fn problem_range(heading: &str) -> Option<std::ops::Range<usize>> {
    let about = heading.find("关于").map(|index| index + "关于".len());
    let search_from = about.unwrap_or(0);
    let rest = &heading[search_from..];
    if let Some((open_offset, open)) = rest.char_indices().find(|&(_, c)| OPEN_QUOTES.contains(c))
        && (about.is_none() || open_offset == 0)
    {
        let inner_start = search_from + open_offset + open.len_utf8();
        let close = matching_close_quote(heading, inner_start, open)?;
        let after = heading[close..]
            .chars()
            .next()
            .map_or("", |quote| &heading[close + quote.len_utf8()..]);
        // The quotes hold the whole problem (关于“…”问题的整改情况), not a
        // phrase of it (关于“三重一大”决策制度执行不严格的问题).
        if after.trim().is_empty() || QUOTED_PROBLEM_FOLLOWERS.iter().any(|word| after.starts_with(word)) {
            return (close > inner_start).then_some(inner_start..close);
        }
    }
    let about = about?;
    // The last 问题: a problem may hold the word (关于群众反映问题解决不及时的问题).
    let end = heading[about..].rfind("问题").map(|offset| about + offset)?;
    let end = if heading[..end].ends_with('的') {
        end - '的'.len_utf8()
    } else {
        end
    };
    (end > about).then_some(about..end)
}

/// What follows the closing quote of a quoted problem (关于“…”问题).
const QUOTED_PROBLEM_FOLLOWERS: &[&str] = &["问题", "的问题", "等问题", "方面", "整改", "的整改"];

/// The byte offset of the quote that closes the one opened by `open`
/// before `from`: “ by its ”, counting the “…” pairs nested inside (‘…’ and
/// '…' nest inside “…” without closing it); a straight " by the next ".
fn matching_close_quote(heading: &str, from: usize, open: char) -> Option<usize> {
    let close = match open {
        '“' => '”',
        '‘' => '’',
        other => other,
    };
    let mut depth = 0_usize;
    for (offset, c) in heading[from..].char_indices() {
        if c == close && depth == 0 {
            return Some(from + offset);
        }
        if c == close {
            depth -= 1;
        } else if c == open {
            depth += 1;
        }
    }
    None
}


/// Labels of a `label: status` statement (整改进展:已完成).
const STATEMENT_LABELS: [&str; 5] = ["整改进展", "整改情况", "整改状态", "完成情况", "进展情况"];
/// Most chars of the status after a label.
const LABELLED_MOST_CHARS: usize = 30;
/// Chars inside a closing `(…)` statement: at least, at most.
const CLOSING_CHARS: (usize, usize) = (2, 12);
/// Words that refer back to the problem (该问题已整改到位), or to where its
/// rectification stands (目前已完成整改, 现已整改到位), and the most chars of
/// the statement after each: a sentence that opens with 目前 may name what
/// is under way before saying how far it got (目前，…平台建设正在推进中).
const PROBLEM_REFERENCES: [(&str, usize); 8] = [
    ("该问题", 12),
    ("此问题", 12),
    ("上述问题", 12),
    ("此项整改", 12),
    ("相关问题", 12),
    ("现已", 12),
    ("目前", 30),
    ("当前", 30),
];

/// The statements a status is read from: a label and its status
/// (整改进展:已完成), a closing `(…)` at the very end, or a reference and
/// the rest of its sentence (该问题已整改到位, 目前已完成整改).
///
/// A regex since issue 18: the hand-written reader it replaced was 1.5 %
/// faster over the bench corpus (0.933 s against 0.948 s, best of 5,
/// alternating), under the 5 % a hand reader must buy.
static STATUS_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    let labels = STATEMENT_LABELS.join("|");
    let (fewest, most) = CLOSING_CHARS;
    let mut references: Vec<String> = Vec::new();
    for most_chars in [12, 30] {
        let words: Vec<&str> = PROBLEM_REFERENCES
            .iter()
            .filter(|(_, most)| *most == most_chars)
            .map(|(word, _)| *word)
            .collect();
        references.push(format!(r"(?:{})[^。\n]{{0,{most_chars}}}", words.join("|")));
    }
    let source = format!(
        r"(?:{labels})\s*[:]\s*([^。\n]{{1,{LABELLED_MOST_CHARS}}})|[(]([^()\n]{{{fewest},{most}}})[)]\s*$|{}",
        references.join("|")
    );
    Regex::new(&source).unwrap_or_else(|_| unreachable!("the statement pattern is built from constants"))
});

/// Byte ranges of the statements of `text`, left to right and not
/// overlapping.
fn statements(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    STATUS_STATEMENT.find_iter(text).map(|found| found.range())
}

/// The status an issue's text states explicitly, if any.
///
/// The same as `status_of_first_statement_with_cue` (its test reference),
/// searching only the sentences that hold a cue. A statement with a cue lies
/// in the sentence (up to a 。) of that cue, since only a statement at the
/// very end of the text, `(…)`, may hold a 。; and a statement search that
/// starts right after a 。 (outside that end) finds what a search from the
/// start finds there. Most issue texts hold cues in a few sentences only.
pub fn stated_status(text: &str, cues: &OutlineCues) -> Option<IssueStatus> {
    stated_status_at(text, cues).map(|(status, _)| status)
}

/// [`stated_status`] with the byte range of the statement that states it.
pub fn stated_status_at(text: &str, cues: &OutlineCues) -> Option<(IssueStatus, Range<usize>)> {
    const FULL_STOP: char = '。';
    let guard = final_statement_floor(text);
    // Where the statement search may start: the start, or right after a
    // 。 at or before `guard`.
    let mut from = 0;
    for cue in cues.any_status.find_iter(text) {
        if cue.start() < from {
            continue;
        }
        let limit = cue.start().min(guard);
        let start = match limit.checked_sub(from) {
            Some(_) => text[from..limit]
                .rfind(FULL_STOP)
                .map_or(from, |at| from + at + FULL_STOP.len_utf8()),
            None => from,
        };
        let sentence_end = text[cue.end()..]
            .find(FULL_STOP)
            .map_or(text.len(), |at| cue.end() + at + FULL_STOP.len_utf8());
        let stop = if sentence_end <= guard {
            sentence_end
        } else {
            text.len()
        };
        let searched = &text[start..];
        for statement in statements(searched) {
            if start + statement.start >= stop {
                break;
            }
            if let Some((status, cue)) = cue_of_statement(&searched[statement.clone()], cues) {
                let cue_start = start + statement.start + cue.start;
                return Some((status, cue_start..cue_start + cue.len()));
            }
        }
        if stop == text.len() {
            return None;
        }
        from = stop;
    }
    None
}

/// The earliest start of a `(…)` statement at the end of `text`: 13 chars
/// before its last char that is not white space.
fn final_statement_floor(text: &str) -> usize {
    let content = text.trim_end();
    content.char_indices().rev().nth(13).map_or(0, |(at, _)| at)
}

/// The status of the first cue a statement holds.
#[cfg(test)]
fn status_of_statement(statement: &str, cues: &OutlineCues) -> Option<IssueStatus> {
    cue_of_statement(statement, cues).map(|(status, _)| status)
}

/// The first status phrase a statement holds: its status, and the
/// phrase's byte range in the statement.
fn cue_of_statement(statement: &str, cues: &OutlineCues) -> Option<(IssueStatus, Range<usize>)> {
    cues.statuses.iter().find_map(|(cue, status)| {
        let at = statement.find(cue.as_str())?;
        Some((*status, at..at + cue.len()))
    })
}

/// The status of the first `STATUS_STATEMENT` that holds a cue.
#[cfg(test)]
fn status_of_first_statement_with_cue(text: &str, cues: &OutlineCues) -> Option<IssueStatus> {
    STATUS_STATEMENT
        .find_iter(text)
        .find_map(|statement| status_of_statement(statement.as_str(), cues))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in outline cues.
    #[allow(non_snake_case)]
    fn CUES() -> &'static OutlineCues {
        &crate::rules::Rules::builtin().outline
    }

    const KINDS: &[(&str, NodeKind)] = &[
        (
            "关于“推动妇女儿童工作高质量发展还需持续发力”问题的整改情况",
            NodeKind::Issue,
        ),
        ("关于落实意识形态工作责任制不到位的问题", NodeKind::Issue),
        ("突出持续整改,着力巩固和拓展巡察整改成果", NodeKind::NextSteps),
        ("下一步工作打算", NodeKind::NextSteps),
        ("区委及主要负责人组织落实整改情况", NodeKind::Summary),
        ("在“政治建设”方面", NodeKind::Other),
        ("在“领导班子和干部队伍建设”方面", NodeKind::Other),
        ("坚持高位推动,压紧压实整改政治责任", NodeKind::Other),
        ("强化妇女群众思想政治引领", NodeKind::Other),
    ];

    #[test]
    fn classifies_headings_by_cue_words() {
        for &(heading, kind) in KINDS {
            assert_eq!(classify_heading(heading, CUES()), kind, "{heading}");
        }
    }

    #[test]
    fn cue_patterns_read_as_the_rows_say() {
        let patterns: Vec<&str> = CUES().headings.iter().map(|(_, pattern)| pattern.as_str()).collect();
        assert_eq!(patterns[0], r#"关于[“"‘'].+?[”"’']"#);
        assert_eq!(patterns[1], "关于.*问题");
        assert!(patterns.contains(&r"^在.{1,40}方面$"));
        assert!(patterns.contains(&r"巩固.{0,6}成果"));
    }

    #[test]
    fn a_bad_cue_row_names_its_table_row_and_field() {
        let error = |heading: &str| OutlineCues::from_toml(&format!("heading = [\n{heading}\n]\nstatus = []\n")).err().unwrap();
        assert_eq!(
            error(r#"{ kind = "issue", phrase = "甲", quoted = "乙", example = "" },"#),
            "heading row 1: a row has exactly one of the fields `phrase`, `near`, `quoted`, `whole`"
        );
        assert_eq!(
            error(r#"{ kind = "measure", phrase = "甲", example = "" },"#),
            "heading row 1: field `kind`: `measure` depends on the parent heading and is no cue"
        );
        assert_eq!(
            error(r#"{ kind = "other", whole = ["在", "方面"], example = "" },"#),
            "heading row 1: a `whole` row needs field `most`"
        );
        assert!(error(r#"{ kind = "issue", phrase = "甲", gap = 3, example = "" },"#).contains("field `gap`"));
        assert!(error(r#"{ kind = "issues", phrase = "甲", example = "" },"#).contains("field `kind`"));
    }

    #[test]
    fn cue_edges() {
        let forty = "甲".repeat(40);
        let kind = |heading: &str| classify_heading(heading, CUES());
        assert_eq!(kind("关于“”问题"), NodeKind::Issue, "关于…问题 holds");
        assert_eq!(kind("关于“”"), NodeKind::Other, "a quote needs a char inside");
        assert_eq!(kind("关于““”"), NodeKind::Issue);
        assert_eq!(kind("关于“\n”"), NodeKind::Other, "quotes close on their line");
        assert_eq!(kind("关于\n问题"), NodeKind::Other, "关于…问题 on one line");
        assert_eq!(kind("在方面"), NodeKind::Other);
        assert_eq!(kind(&format!("在{forty}方面")), NodeKind::Other);
        assert_eq!(kind(&format!("在{forty}甲方面")), NodeKind::Other);
        assert_eq!(kind("巩固甲甲甲甲甲甲成果"), NodeKind::NextSteps, "six chars between");
        assert_eq!(kind("巩固甲甲甲甲甲甲甲成果"), NodeKind::Other, "seven are too many");
        assert_eq!(kind("深化\n整改"), NodeKind::Other);
        assert_eq!(kind("履行成果责任情况"), NodeKind::Summary);
    }

    const PROBLEMS: &[(&str, Option<&str>)] = &[
        (
            "关于“推动妇女儿童工作高质量发展还需持续发力”问题的整改情况",
            Some("推动妇女儿童工作高质量发展还需持续发力"),
        ),
        ("关于\"干部队伍建设存在短板\"问题的整改", Some("干部队伍建设存在短板")),
        (
            "关于落实意识形态工作责任制不到位的问题",
            Some("落实意识形态工作责任制不到位"),
        ),
        ("强化思想引领", None),
        ("关于“落实‘两个责任’不到位”问题", Some("落实‘两个责任’不到位")),
        ("关于“‘四风’问题仍有发生”问题的整改情况", Some("‘四风’问题仍有发生")),
        (
            "关于'三重一大'决策制度执行不严格的问题",
            Some("'三重一大'决策制度执行不严格"),
        ),
        (
            "关于群众身边不正之风和腐败问题整治不够有力的问题",
            Some("群众身边不正之风和腐败问题整治不够有力"),
        ),
    ];

    #[test]
    fn extracts_the_quoted_finding() {
        for &(heading, expected) in PROBLEMS {
            let got = problem_range(heading).map(|range| &heading[range]);
            assert_eq!(got, expected, "{heading}");
        }
    }

    const STATUSES: &[(&str, Option<IssueStatus>)] = &[
        ("整改进展:已完成。", Some(IssueStatus::Completed)),
        ("整改进展:基本完成,持续推进。", Some(IssueStatus::InProgress)),
        ("目前,该问题已完成整改。", Some(IssueStatus::Completed)),
        ("整改情况:长期坚持。", Some(IssueStatus::LongTerm)),
        ("建成体验店12家,帮助妇女增收。", None),
        (
            "三是盘活闲置低效工业用地1260亩。目前已完成整改。",
            Some(IssueStatus::Completed),
        ),
        (
            "二是推动平台公司市场化转型。目前正在持续推进。",
            Some(IssueStatus::InProgress),
        ),
        ("作风建设永远在路上,该问题需长期坚持。", Some(IssueStatus::LongTerm)),
        ("现已整改到位。", Some(IssueStatus::Completed)),
        ("相关问题已立行立改。", Some(IssueStatus::Completed)),
        ("此项整改已按期完成。", Some(IssueStatus::Completed)),
        ("目前该问题仍在持续整改中。", Some(IssueStatus::InProgress)),
        ("目前已阶段性完成,作风建设需长期推进。", Some(IssueStatus::LongTerm)),
        ("整改已取得阶段性进展,升级工作仍在推进中。", None),
        ("目前,执法监督信息化平台建设正在推进中。", Some(IssueStatus::InProgress)),
    ];

    #[test]
    fn reads_stated_statuses() {
        for &(text, expected) in STATUSES {
            assert_eq!(stated_status(text, CUES()), expected, "{text}");
        }
    }

    /// Texts with and without statements, with and without cues.
    const GATED: &[&str] = &[
        "建成体验店12家,帮助妇女增收。",
        "整改进展:正在制定方案。该问题仍在研究。",
        "各项任务已完成,立行立改。",
        "整改情况:\n已整改到位。",
        "召开推进会3次(已完成)\n",
        "一、关于“甲”问题的整改情况\n(一)强化引领。上述问题正在整改,常态长效。",
    ];

    /// Pieces of issue texts: labels, cues, sentence ends, brackets.
    const STATUS_PIECES: &[&str] = &[
        "整改进展",
        "整改情况",
        "进展情况",
        ":",
        " ",
        "\n",
        "。",
        "(",
        ")",
        "该问题",
        "上述问题",
        "已完成",
        "整改到位",
        "已整改到位",
        "长期坚持",
        "正在推进",
        "立行立改",
        "甲",
        "召开会议",
        "。。",
    ];

    proptest::proptest! {
        #[test]
        fn sentences_with_cues_give_the_status_of_the_whole_search(
            body in proptest::collection::vec(proptest::sample::select(STATUS_PIECES), 0..30),
            // A closing (…) statement, which alone may hold a 。.
            closing in proptest::option::of(proptest::collection::vec(proptest::sample::select(STATUS_PIECES), 0..5)),
            trailing in proptest::sample::select(vec!["", " ", "\n", " \n "]),
        ) {
            let mut text: String = body.concat();
            if let Some(inside) = closing {
                text.push('(');
                text.push_str(&inside.concat());
                text.push(')');
            }
            text.push_str(trailing);
            proptest::prop_assert_eq!(stated_status(&text, CUES()), status_of_first_statement_with_cue(&text, CUES()), "{:?}", text);
        }
    }

    #[test]
    fn the_statement_pattern_is_the_one_the_reader_was_checked_against() {
        assert_eq!(
            STATUS_STATEMENT.as_str(),
            r"(?:整改进展|整改情况|整改状态|完成情况|进展情况)\s*[:]\s*([^。\n]{1,30})|[(]([^()\n]{2,12})[)]\s*$|(?:该问题|此问题|上述问题|此项整改|相关问题|现已)[^。\n]{0,12}|(?:目前|当前)[^。\n]{0,30}"
        );
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn statement_edges() {
        let thirty = "甲".repeat(30);
        let found = |text: &str| statements(text).collect::<Vec<Range<usize>>>();
        let none: [Range<usize>; 0] = [];
        // The blank after the colon is the status when only a line break follows it.
        assert_eq!(found("整改进展: \n。"), [0..14]);
        assert_eq!(found("整改进展:"), none);
        assert_eq!(found(&format!("整改进展:{thirty}甲")), [0..13 + 90], "thirty chars after the colon");
        assert_eq!(found("(甲)"), none, "two chars at least inside");
        assert_eq!(found("(甲甲) \n"), [0..10], "to the end of the text");
        assert_eq!(found("(甲甲甲甲甲甲甲甲甲甲甲甲甲)"), none, "twelve chars at most");
        assert_eq!(found("(甲甲)甲"), none, "only at the very end");
        assert_eq!(found("该问题"), [0..9]);
        assert_eq!(found(&format!("该问题{thirty}")), [0..9 + 36], "twelve chars after 该问题");
        assert_eq!(found(&format!("目前{thirty}甲")), [0..6 + 90], "thirty after 目前");
        assert_eq!(found("此问题。甲"), [0..9]);
    }

    #[test]
    fn a_closing_statement_may_hold_a_full_stop() {
        assert_eq!(stated_status("召开会议。(。已完成)\n", CUES()), Some(IssueStatus::Completed));
        // Twelve chars inside, the most the statement takes.
        assert_eq!(
            stated_status("(。已完成甲甲甲甲甲甲甲甲)", CUES()),
            Some(IssueStatus::Completed)
        );
        assert_eq!(stated_status("(。已完成甲甲甲甲甲甲甲甲甲)", CUES()), None);
    }

    #[test]
    fn the_cue_gate_never_changes_the_status() {
        for &text in GATED {
            assert_eq!(stated_status(text, CUES()), status_of_first_statement_with_cue(text, CUES()), "{text}");
        }
        assert_eq!(stated_status(GATED[0], CUES()), None);
        assert_eq!(stated_status(GATED[3], CUES()), Some(IssueStatus::Completed));
        assert_eq!(stated_status(GATED[5], CUES()), Some(IssueStatus::LongTerm));
    }
}
