//! Which nodes are issues, what was done about each, how far it got.
//!
//! Consumes the heading tree (nodes, ranges, children) of the matching
//! copy; decides every node's [`NodeKind`] from the roles of its words
//! ([`super::role`]) and of its children's, and reads each issue's problem,
//! sub-problems, measures (child action headings, else the enumerated items
//! of its text) and status (its own statement, else the status group above
//! it). Issues are the finding headings at the level where the notice
//! reports what was done: a finding whose own children are findings that
//! each carry their measures is a category, its children the issues; a
//! finding whose finding children carry none (具体表现, then 整改情况：) is the
//! issue, and those children are its sub-problems, never measures.

use std::ops::Range;

use super::classify::{self, OutlineCues};
use crate::record::{IssueStatus, NodeKind};
use super::role::{self, Role};
use super::{Item, Outline, layout, trim_range};
use crate::diagnostic::Finding;

/// A measure of an issue, as the notice writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureNode {
    /// A child heading that states an action (node index).
    Heading(usize),
    /// An enumerated item of the issue's text (一是…), when it has no
    /// action headings.
    Item(Item),
}

/// One issue of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueNode {
    /// Index of the issue's node.
    pub node: usize,
    /// Byte range of the problem: the quoted finding, the words between
    /// 关于 and (的)问题, or the whole heading of a plain statement.
    pub problem: Option<Range<usize>>,
    /// The stated status and where it is stated (the issue's own text, or
    /// the heading of the status group above it).
    pub status: Option<(IssueStatus, Range<usize>)>,
    pub measures: Vec<MeasureNode>,
    /// Node indices of the sub-problems (具体表现) listed under the issue.
    pub sub_problems: Vec<usize>,
}

/// Where a node stands, for the kinds of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// At the top, or under a category or a status group: findings here are
    /// issues.
    Open,
    /// Under a summary or next-steps section: findings are not issues.
    Aside,
    /// Under an issue: findings are sub-problems, the rest measures.
    Issue,
    /// Under a measure or a sub-problem: their kind.
    Below(NodeKind),
}

/// Labels that open the account of what was done after the findings
/// (整改情况：…); a sub-problem ends where one starts a line.
const RECTIFICATION_LABELS: &[&str] = &[
    "整改情况",
    "整改措施",
    "整改落实情况",
    "整改进展",
    "整改成效",
    "整改举措",
    "落实情况",
];

/// The byte offset where a rectification label opens a line inside
/// `range`, if one does.
fn label_line_in(text: &str, range: Range<usize>) -> Option<usize> {
    label_line_where(text, range, |_| true)
}

/// Most chars after a label that still make it a bare status
/// (整改进展：已完成。), not the account of what was done.
const BARE_STATUS_MOST_CHARS: usize = 8;

/// The byte offset of a label line inside `range` that opens the account
/// of what was done (整改情况：一是…), not a bare status (整改进展：已完成。).
fn account_line_in(text: &str, range: Range<usize>, cues: &OutlineCues) -> Option<usize> {
    label_line_where(text, range, |rest| {
        let rest = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '。' | ';'));
        rest.chars().count() > BARE_STATUS_MOST_CHARS || classify::stated_status(rest, cues).is_none()
    })
}

/// [`label_line_in`] for labels whose rest of the line `accepts`.
fn label_line_where(text: &str, range: Range<usize>, accepts: impl Fn(&str) -> bool) -> Option<usize> {
    layout::lines(&text[range.clone()]).into_iter().find_map(|line| {
        let line_text = &text[range.start + line.range.start..range.start + line.range.end];
        let trimmed = line_text.trim_start();
        RECTIFICATION_LABELS
            .iter()
            .find(|label| {
                trimmed.strip_prefix(**label).is_some_and(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with(':') && accepts(rest)
                })
            })
            .map(|_| range.start + line.range.start + (line_text.len() - trimmed.len()))
    })
}

/// The first sentence of an item, without its marker, up to its first 。
/// or ;: the title of an item measure, and what its role is read from.
pub fn item_title(text: &str, item: &Item) -> Range<usize> {
    let slice = &text[item.text.clone()];
    // The comma after 第一 is the marker's, not the title's.
    let start = item.text.start + (slice.len() - slice.trim_start_matches([',', '、', ':', ' ']).len());
    let slice = &text[start..item.text.end];
    let end = slice.find(['。', ';']).unwrap_or(slice.len());
    trim_range(text, start..start + end)
}

/// Where an item ends when the issue's status statement closes it (一是…；
/// 三是…9个。目前已完成整改。): after the item's last sentence before the
/// statement, so that the measure's span holds the measure only. An item
/// whose status is stated in its first sentence, or followed by more
/// text, keeps its end.
fn end_before_status(text: &str, item: &Item, cue: &Range<usize>) -> usize {
    let is_stop = |c: char| matches!(c, '。' | ';');
    if !(item.text.start <= cue.start && cue.end <= item.text.end) {
        return item.text.end;
    }
    // The statement is the item's last sentence: after the cue, at most its
    // own closing stop.
    let after = text[cue.end..item.text.end].trim_end();
    if after.strip_suffix(is_stop).unwrap_or(after).contains(is_stop) {
        return item.text.end;
    }
    // It starts after a stop of the item: not the item's first sentence.
    text[item.text.start..cue.start]
        .rfind(is_stop)
        .map_or(item.text.end, |offset| {
            let stop = item.text.start + offset;
            stop + text[stop..].chars().next().map_or(0, char::len_utf8)
        })
}

/// What a node's heading says, read once per node.
#[derive(Debug, Clone)]
struct Words {
    /// Its role: finding, action or status group.
    role: Role,
    /// Whether its cue words make it an issue (关于…问题): only headings
    /// that hold 关于 or 问题 are classified for it.
    issue_cue: bool,
}

/// The [`Words`] of each node, read when first asked for: the nodes below
/// a measure or a sub-problem are never read.
struct WordCache<'t> {
    text: &'t str,
    cues: &'t OutlineCues,
    words: Vec<std::cell::OnceCell<Words>>,
}

impl<'t> WordCache<'t> {
    fn new(text: &'t str, outline: &Outline, cues: &'t OutlineCues) -> Self {
        WordCache {
            text,
            cues,
            words: vec![std::cell::OnceCell::new(); outline.nodes.len()],
        }
    }

    fn get(&self, outline: &Outline, index: usize) -> &Words {
        self.words[index].get_or_init(|| Words::of(&self.text[outline.nodes[index].heading.clone()], self.cues))
    }
}

impl Words {
    fn of(heading: &str, cues: &OutlineCues) -> Words {
        let may_cue = heading.contains("问题") || heading.contains("关于");
        Words {
            role: role::heading_role(heading, cues),
            issue_cue: may_cue && classify::classify_heading(heading, cues) == NodeKind::Issue,
        }
    }

    /// Whether the heading states a finding: its cues make it an issue
    /// (关于…问题) or it reads as a shortcoming.
    fn finding(&self) -> bool {
        self.issue_cue || self.role == Role::Finding
    }
}

/// Whether a finding node reports what was done about it: an action child
/// heading, an action item in its own text, or a rectification label.
fn carries_measures(text: &str, outline: &Outline, words: &WordCache, index: usize) -> bool {
    let node = &outline.nodes[index];
    if node.children.iter().any(|&child| !words.get(outline, child).finding()) {
        return true;
    }
    let own_end = node
        .children
        .first()
        .map_or(node.range.end, |&child| outline.nodes[child].marker.start);
    let own = node.heading.end.min(own_end)..own_end;
    label_line_in(text, own.clone()).is_some()
        || super::find_items(text, own)
            .iter()
            .any(|item| !role::item_reads_as_finding(&text[item_title(text, item)]))
}

/// Decides every node's kind; returns, for each node, whether it is a
/// sub-problem of an issue.
pub(super) fn assign_kinds(text: &str, outline: &mut Outline, cues: &OutlineCues) -> Vec<bool> {
    let count = outline.nodes.len();
    let words = WordCache::new(text, outline, cues);
    let mut contexts = vec![Context::Open; count];
    let mut sub_problems = vec![false; count];
    // Whether each node's last child ends its findings with an account of
    // what was done (read once per node, not once per child).
    let mut findings_then_account: Vec<Option<bool>> = vec![None; count];
    // Parents come before their children in document order.
    for index in 0..count {
        let context = outline.nodes[index]
            .parent
            .map_or(Context::Open, |parent| contexts[parent]);
        let heading = &text[outline.nodes[index].heading.clone()];
        let (kind, below) = match context {
            Context::Below(kind) => (kind, Context::Below(kind)),
            Context::Issue
                if words.get(outline, index).finding()
                    || (!role::action_led(heading) && {
                        let issue = outline.nodes[index].parent.unwrap_or(index);
                        *findings_then_account[issue].get_or_insert_with(|| findings_then_label(text, outline, issue, cues))
                    }) =>
            {
                sub_problems[index] = true;
                (NodeKind::Other, Context::Below(NodeKind::Other))
            }
            Context::Issue => (NodeKind::Measure, Context::Below(NodeKind::Measure)),
            Context::Open | Context::Aside => match classify::classify_heading(heading, cues) {
                by_cues @ (NodeKind::NextSteps | NodeKind::Summary) => (by_cues, Context::Aside),
                _ if matches!(words.get(outline, index).role, Role::StatusGroup(..)) => {
                    (NodeKind::Other, Context::Open)
                }
                NodeKind::Issue => issue_or_category(text, outline, &words, index),
                _ if context == Context::Open
                    && words.get(outline, index).role == Role::Finding
                    && !role::is_category(heading) =>
                {
                    issue_or_category(text, outline, &words, index)
                }
                _ => (NodeKind::Other, context),
            },
        };
        outline.nodes[index].kind = kind;
        contexts[index] = below;
    }
    sub_problems
}

/// Whether an issue lists findings before a rectification label
/// (（1）…（2）… then 整改情况：…, the label in its last child's text): a
/// child there that no action verb leads is a finding, whatever its other
/// words.
fn findings_then_label(text: &str, outline: &Outline, issue: usize, cues: &OutlineCues) -> bool {
    let Some(&last) = outline.nodes[issue].children.last() else {
        return false;
    };
    let last = &outline.nodes[last];
    last.children.is_empty() && account_line_in(text, last.heading.end..last.range.end, cues).is_some()
}

/// A finding heading is an issue, unless its finding children are the
/// issues: one of them names itself one (关于…问题), or each carries its
/// own measures. A category heading (…方面) with finding children is a
/// category.
fn issue_or_category(text: &str, outline: &Outline, words: &WordCache, index: usize) -> (NodeKind, Context) {
    let node = &outline.nodes[index];
    let findings: Vec<usize> = node
        .children
        .iter()
        .copied()
        .filter(|&child| words.get(outline, child).finding())
        .collect();
    // A category holds problems only; an action heading beside a finding
    // makes the node the issue (its findings, then its measures).
    let category = !findings.is_empty()
        && findings.len() == node.children.len()
        && (role::is_category(&text[node.heading.clone()])
            || findings.iter().any(|&child| words.get(outline, child).issue_cue)
            || findings
                .iter()
                .all(|&child| carries_measures(text, outline, words, child)));
    if category {
        (NodeKind::Other, Context::Open)
    } else {
        (NodeKind::Issue, Context::Issue)
    }
}

/// Ends each sub-problem where a rectification label opens a line inside
/// it (具体表现 …, then 整改情况：…): what follows is its issue's text.
pub(super) fn cut_sub_problems(text: &str, outline: &mut Outline, sub_problems: &[bool]) {
    for (index, _) in sub_problems.iter().enumerate().filter(|(_, is_sub)| **is_sub) {
        let node = &outline.nodes[index];
        let Some(label) = label_line_in(text, node.heading.end..node.range.end) else {
            continue;
        };
        // A child after the label would be cut off: leave such a node whole.
        if node
            .children
            .last()
            .is_some_and(|&child| outline.nodes[child].marker.start >= label)
        {
            continue;
        }
        let start = outline.nodes[index].range.start;
        outline.nodes[index].range = trim_range(text, start..label);
    }
}

/// The problem of an issue heading: [`classify::problem_range`], or the
/// whole heading when it is a plain statement of the finding.
fn problem_of(text: &str, heading: &Range<usize>) -> Option<Range<usize>> {
    let words = &text[heading.clone()];
    match classify::problem_range(words) {
        Some(range) => Some(heading.start + range.start..heading.start + range.end),
        None if role::reads_as_finding(words) && !heading.is_empty() => Some(heading.clone()),
        None => None,
    }
}

/// The action items of a node's own text (its items whose first sentence
/// is not a finding).
fn action_items<'o>(text: &'o str, items: &'o [Item]) -> impl Iterator<Item = &'o Item> + 'o {
    items
        .iter()
        .filter(move |item| !role::item_reads_as_finding(&text[item_title(text, item)]))
}

/// Reads the issues of a tree whose kinds are decided.
pub(super) fn read_issues(text: &str, outline: &Outline, sub_problems: &[bool], cues: &OutlineCues) -> Vec<IssueNode> {
    outline
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.kind == NodeKind::Issue)
        .map(|(index, node)| {
            let subs: Vec<usize> = node
                .children
                .iter()
                .copied()
                .filter(|&child| sub_problems[child])
                .collect();
            let mut measures: Vec<MeasureNode> = node
                .children
                .iter()
                .copied()
                .filter(|&child| outline.nodes[child].kind == NodeKind::Measure)
                .map(MeasureNode::Heading)
                .collect();
            if measures.is_empty() {
                measures = action_items(text, &node.items)
                    .cloned()
                    .map(MeasureNode::Item)
                    .collect();
            }
            if measures.is_empty() {
                measures = subs
                    .iter()
                    .flat_map(|&sub| action_items(text, &outline.nodes[sub].items))
                    .cloned()
                    .map(MeasureNode::Item)
                    .collect();
            }
            let status = classify::stated_status_at(&text[node.range.clone()], cues)
                .map(|(status, range)| (status, node.range.start + range.start..node.range.start + range.end))
                .or_else(|| group_status(text, outline, index, cues));
            if let Some((_, cue)) = &status {
                for measure in &mut measures {
                    if let MeasureNode::Item(item) = measure {
                        item.text.end = end_before_status(text, item, cue);
                    }
                }
            }
            IssueNode {
                node: index,
                problem: problem_of(text, &node.heading),
                status,
                measures,
                sub_problems: subs,
            }
        })
        .collect()
}

/// The status of the nearest status-group heading above a node, with the
/// range of its cue.
fn group_status(text: &str, outline: &Outline, index: usize, cues: &OutlineCues) -> Option<(IssueStatus, Range<usize>)> {
    let mut ancestor = outline.nodes[index].parent;
    while let Some(parent) = ancestor {
        let heading = &outline.nodes[parent].heading;
        if outline.nodes[parent].kind == NodeKind::Other
            && let Some((status, cue)) = role::status_group(&text[heading.clone()], cues)
        {
            return Some((status, heading.start + cue.start..heading.start + cue.end));
        }
        ancestor = outline.nodes[parent].parent;
    }
    None
}

/// The count a status-group heading states (已完成整改的问题（7个）), if any.
fn stated_group_count(heading: &str) -> Option<u32> {
    let open = heading.rfind('(')?;
    let inside = heading[open + 1..].strip_suffix(')')?;
    let number = inside.trim_end_matches(['个', '项', '条']).trim();
    crate::numeral::parse_ordinal(number)
}

/// A warning for each status group whose stated count differs from the
/// issues found under it. Each issue adds one to the groups above it (at
/// most four levels), so the counts take one pass.
pub(super) fn status_group_findings(text: &str, outline: &Outline, cues: &OutlineCues) -> Vec<Finding> {
    let mut under = vec![0_usize; outline.nodes.len()];
    for issue in &outline.issues {
        let mut ancestor = outline.nodes[issue.node].parent;
        while let Some(parent) = ancestor {
            under[parent] += 1;
            ancestor = outline.nodes[parent].parent;
        }
    }
    let mut found = Vec::new();
    for (index, node) in outline.nodes.iter().enumerate() {
        let heading = &text[node.heading.clone()];
        // Status groups are `other` and hold issues.
        if node.kind != NodeKind::Other || role::status_group(heading, cues).is_none() {
            continue;
        }
        let Some(stated) = stated_group_count(heading) else {
            continue;
        };
        if usize::try_from(stated).is_ok_and(|stated| stated != under[index]) {
            found.push(Finding::warning(
                "inconsistent_counts",
                format!(
                    "the heading counts {stated} problems, but {} are listed under it",
                    under[index]
                ),
                Some(node.heading.clone()),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::{build, layout};

    /// The outline of a notice body (a title line first, as notices have).
    fn outline_of(body: &str) -> (String, Outline) {
        let text = format!("关于巡察整改进展情况的通报\n{body}");
        let outline = build(&text, &layout(&text), &crate::rules::Rules::builtin().outline);
        (text, outline)
    }

    fn kinds(text: &str, outline: &Outline) -> Vec<(String, NodeKind)> {
        outline
            .nodes
            .iter()
            .map(|node| (text[node.heading.clone()].to_owned(), node.kind))
            .collect()
    }

    #[test]
    fn findings_then_account_are_sub_problems_and_item_measures() {
        let (text, outline) = outline_of(
            "一、关于“公务接待管理不规范”问题\n(1)2023年有7批次接待无公函\n(2)超标准接待2次\n整改情况:一是修订接待办法;二是开展专项检查。\n二、下一步工作打算\n",
        );
        assert_eq!(
            kinds(&text, &outline),
            [
                ("关于“公务接待管理不规范”问题".to_owned(), NodeKind::Issue),
                ("2023年有7批次接待无公函".to_owned(), NodeKind::Other),
                ("超标准接待2次".to_owned(), NodeKind::Other),
                ("下一步工作打算".to_owned(), NodeKind::NextSteps),
            ]
        );
        let issue = &outline.issues[0];
        assert_eq!(issue.sub_problems, [1, 2]);
        let titles: Vec<&str> = issue
            .measures
            .iter()
            .map(|measure| match measure {
                MeasureNode::Item(item) => &text[item_title(&text, item)],
                MeasureNode::Heading(_) => "heading",
            })
            .collect();
        assert_eq!(titles, ["修订接待办法", "开展专项检查"]);
        // The last finding ends where the account starts.
        assert!(text[outline.nodes[2].range.clone()].ends_with("超标准接待2次"));
    }

    #[test]
    fn plain_findings_under_an_aspect_are_the_issues() {
        let (text, outline) = outline_of(
            "一、落实全面从严治党方面\n(一)落实意识形态工作责任制不到位。\n1.压实工作责任。召开会议3次。\n2.加强阵地管理。\n(二)惠农资金监管不够严格。一是开展专项清查;二是规范拨付流程。目前已完成整改。\n",
        );
        let found = kinds(&text, &outline);
        assert_eq!(found[0].1, NodeKind::Other, "{found:?}");
        assert_eq!(found[1].1, NodeKind::Issue);
        assert_eq!(found[2].1, NodeKind::Measure);
        assert_eq!(found[4].1, NodeKind::Issue);
        let second = &outline.issues[1];
        assert_eq!(
            second.problem.clone().map(|range| &text[range]),
            Some("惠农资金监管不够严格")
        );
        assert_eq!(second.measures.len(), 2);
        let (status, cue) = second.status.clone().unwrap();
        assert_eq!((status, &text[cue]), (IssueStatus::Completed, "已完成"));
        assert_eq!(outline.issues[0].status, None);
        // The status statement closes the last item; it is not the measure's.
        let MeasureNode::Item(last) = &second.measures[1] else {
            panic!("item measures: {:?}", second.measures);
        };
        assert_eq!(&text[last.marker.start..last.text.end], "二是规范拨付流程。");
    }

    #[test]
    fn an_item_keeps_a_status_it_states_itself_or_that_text_follows() {
        let ends = |body: &str| -> Vec<String> {
            let (text, outline) = outline_of(body);
            outline.issues[0]
                .measures
                .iter()
                .map(|measure| match measure {
                    MeasureNode::Item(item) => text[item.marker.start..item.text.end].to_owned(),
                    MeasureNode::Heading(_) => String::new(),
                })
                .collect()
        };
        // The status in the item's own (first) sentence.
        assert_eq!(
            ends("一、关于“甲”问题\n一是修订办法;二是开展专项检查,已完成整改。\n")[1],
            "二是开展专项检查,已完成整改。"
        );
        // More text after the statement: the item keeps it all.
        assert_eq!(
            ends("一、关于“甲”问题\n一是修订办法;二是开展专项检查。目前已完成整改。下一步将常态化开展。\n")[1],
            "二是开展专项检查。目前已完成整改。下一步将常态化开展。"
        );
        // A bracketed statement after the last stop is cut as well.
        assert_eq!(
            ends("一、关于“甲”问题\n一是修订办法;二是开展专项检查。(已完成)\n")[1],
            "二是开展专项检查。"
        );
    }

    #[test]
    fn status_groups_give_their_status_and_check_their_count() {
        let (text, outline) = outline_of(
            "一、已完成整改的问题(2个)\n(一)财务管理不规范。建立制度。\n(二)档案管理不到位。该问题正在整改。\n二、需要长期坚持的问题(2个)\n(一)作风建设有差距。持续纠治。\n",
        );
        let statuses: Vec<(IssueStatus, &str)> = outline
            .issues
            .iter()
            .map(|issue| {
                let (status, cue) = issue.status.clone().unwrap();
                (status, &text[cue])
            })
            .collect();
        assert_eq!(
            statuses,
            [
                (IssueStatus::Completed, "已完成"),
                // The issue's own statement wins over its group.
                (IssueStatus::InProgress, "正在整改"),
                (IssueStatus::LongTerm, "长期坚持"),
            ]
        );
        let warnings: Vec<&str> = outline
            .diagnostics
            .iter()
            .filter(|finding| finding.code == "inconsistent_counts")
            .map(|finding| finding.message.as_str())
            .collect();
        assert_eq!(warnings, ["the heading counts 2 problems, but 1 are listed under it"]);
    }
}
