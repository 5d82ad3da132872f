//! Outline stage: the heading tree of a notice, its kinds and enumerations.
//!
//! Consumes the matching copy and its [`Layout`]; produces an [`Outline`]:
//! nodes in document order (ids "3", "3.2" by position, not by the printed
//! numbers), each with its level, marker, run-in heading, kind by cue words,
//! whole range and inline enumeration items, plus numbering diagnostics.
//! Numbering that skips, repeats or goes backwards never breaks the tree: the
//! tree follows heading levels, the numbers are only checked.

pub mod classify;
pub mod furniture;
pub mod issues;
pub mod layout;
pub mod marker;
pub mod role;

use std::ops::Range;

pub use crate::record::NodeKind;
pub use classify::OutlineCues;
pub use furniture::{LayoutCues, PageDate, find_furniture};
pub use issues::{IssueNode, MeasureNode};
pub use layout::{Layout, layout};

use crate::diagnostic::Finding;
use marker::{heading_marker, item_markers};

/// An enumeration item inside a node's own text (一是…, 第一,…, ①…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub marker: Range<usize>,
    pub number: u32,
    /// The item's text after the marker, up to the next item or paragraph end.
    pub text: Range<usize>,
}

/// One heading and everything under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    /// Position id: "2.3" is the third child of the second top-level node.
    pub id: String,
    /// GB/T 9704 level of the marker (1–4).
    pub level: u8,
    /// The printed number.
    pub number: u32,
    pub marker: Range<usize>,
    /// Heading text without marker: up to the first 。 or the line end.
    pub heading: Range<usize>,
    pub kind: NodeKind,
    /// From the marker to the end of the last child (trailing blanks trimmed).
    pub range: Range<usize>,
    pub items: Vec<Item>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// The heading tree of a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// All nodes in document order; `children` and `parent` index into it.
    pub nodes: Vec<OutlineNode>,
    pub roots: Vec<usize>,
    /// The notice's issues, in document order.
    pub issues: Vec<IssueNode>,
    pub diagnostics: Vec<Finding>,
}

impl Outline {
    /// Index of the deepest node whose range contains byte `offset`.
    pub fn node_at(&self, offset: usize) -> Option<usize> {
        let after = self.nodes.partition_point(|node| node.range.start <= offset);
        let mut candidate = after.checked_sub(1)?;
        loop {
            if self.nodes[candidate].range.contains(&offset) {
                return Some(candidate);
            }
            candidate = self.nodes[candidate].parent?;
        }
    }

    /// Reads the document as reporting no issues (an inspection
    /// announcement's 受理范围 lists what may be reported, not findings):
    /// issue and measure nodes become `other`, the issue list empty.
    pub fn forget_issues(&mut self) {
        for node in &mut self.nodes {
            if matches!(node.kind, NodeKind::Issue | NodeKind::Measure) {
                node.kind = NodeKind::Other;
            }
        }
        self.issues.clear();
    }

    /// The id of the deepest node containing `offset`.
    pub fn node_id_at(&self, offset: usize) -> Option<&str> {
        self.node_at(offset).map(|index| self.nodes[index].id.as_str())
    }
}

/// Trims ASCII and ideographic blanks (already folded to ' ') off a range.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// A heading found on a line, before the tree is built.
struct Heading {
    level: u8,
    number: u32,
    marker: Range<usize>,
    heading: Range<usize>,
    line_start: usize,
}

fn find_headings(text: &str, body: &Range<usize>) -> Vec<Heading> {
    let mut headings = Vec::new();
    for line in layout::lines(text) {
        if line.range.start < body.start || line.range.end > body.end {
            continue;
        }
        let line_text = &text[line.range.clone()];
        let Some(marker) = heading_marker(line_text) else {
            continue;
        };
        let after_marker = line.range.start + marker.range.end;
        let rest = &text[after_marker..line.range.end];
        let end = rest.find('。').map_or(line.range.end, |offset| after_marker + offset);
        let mut heading = trim_range(text, after_marker..end);
        let trimmed = text[heading.clone()].trim_end_matches([':', ';', ',']);
        heading.end = heading.start + trimmed.len();
        headings.push(Heading {
            level: marker.level,
            number: marker.number,
            marker: line.range.start + marker.range.start..after_marker,
            heading,
            line_start: line.range.start,
        });
    }
    headings
}

/// Items of one node's own text (between its heading and its first child).
/// An item runs to the next marker of its family or the end of its
/// paragraph, whichever comes first.
fn find_items(text: &str, own: Range<usize>) -> Vec<Item> {
    let slice = &text[own.clone()];
    let markers = item_markers(slice);
    // Start of the next marker of the same family, by a backward pass.
    let mut next_same = vec![slice.len(); markers.len()];
    let mut following: [Option<usize>; marker::ItemFamily::COUNT] = [None; marker::ItemFamily::COUNT];
    for (index, marker) in markers.iter().enumerate().rev() {
        let slot = &mut following[marker.family.index()];
        next_same[index] = slot.unwrap_or(slice.len());
        *slot = Some(marker.range.start);
    }
    markers
        .iter()
        .zip(next_same)
        .map(|(marker, next)| {
            let text_start = marker.range.end.min(next);
            let text_end = slice[text_start..next]
                .find('\n')
                .map_or(next, |offset| text_start + offset);
            Item {
                marker: own.start + marker.range.start..own.start + marker.range.end,
                number: marker.number,
                text: trim_range(text, own.start + text_start..own.start + text_end),
            }
        })
        .collect()
}

/// Builds the outline of the body of a notice.
pub fn build(text: &str, layout: &Layout, cues: &OutlineCues) -> Outline {
    let headings = find_headings(text, &layout.body);
    let mut outline = Outline::default();
    let mut stack: Vec<usize> = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&open| outline.nodes[open].level >= heading.level)
        {
            stack.pop();
        }
        let parent = stack.last().copied();
        let end = headings[index + 1..]
            .iter()
            .find(|next| next.level <= heading.level)
            .map_or(layout.body.end, |next| next.line_start);
        let siblings = parent.map_or(&outline.roots, |p| &outline.nodes[p].children);
        let position = siblings.len() + 1;
        let id = match parent {
            Some(p) => format!("{}.{position}", outline.nodes[p].id),
            None => position.to_string(),
        };
        let node_index = outline.nodes.len();
        outline.nodes.push(OutlineNode {
            id,
            level: heading.level,
            number: heading.number,
            marker: heading.marker.clone(),
            heading: heading.heading.clone(),
            // Decided below, once the children are known.
            kind: NodeKind::Other,
            range: trim_range(text, heading.marker.start..end),
            items: Vec::new(),
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(p) => outline.nodes[p].children.push(node_index),
            None => outline.roots.push(node_index),
        }
        stack.push(node_index);
    }
    let sub_problems = issues::assign_kinds(text, &mut outline, cues);
    issues::cut_sub_problems(text, &mut outline, &sub_problems);
    for index in 0..outline.nodes.len() {
        let items = own_segments(&outline, index)
            .into_iter()
            .flat_map(|own| find_items(text, own))
            .collect();
        outline.nodes[index].items = items;
    }
    outline.diagnostics = numbering_findings(text, &outline);
    outline.issues = issues::read_issues(text, &outline, &sub_problems, cues);
    outline
        .diagnostics
        .extend(issues::status_group_findings(text, &outline, cues));
    outline
}

/// The parts of a node's range that none of its children covers: the text
/// after its heading up to its first child, and any text a child's range
/// leaves before the next child or the node's end (after a sub-problem
/// list, 整改情况：…).
fn own_segments(outline: &Outline, index: usize) -> Vec<Range<usize>> {
    let node = &outline.nodes[index];
    let mut segments = Vec::new();
    let mut from = node.heading.end.min(node.range.end);
    for &child in &node.children {
        let child = &outline.nodes[child];
        if child.marker.start > from {
            segments.push(from..child.marker.start);
        }
        from = from.max(child.range.end);
    }
    if node.range.end > from {
        segments.push(from..node.range.end);
    }
    segments
}

/// Numbering checks among same-level siblings: backwards, repeated, skipped.
fn numbering_findings(text: &str, outline: &Outline) -> Vec<Finding> {
    let mut findings = Vec::new();
    let groups = std::iter::once(&outline.roots).chain(outline.nodes.iter().map(|node| &node.children));
    for group in groups {
        // The previous sibling of each level (1–4).
        let mut previous: [Option<usize>; 5] = [None; 5];
        for &index in group {
            let node = &outline.nodes[index];
            let marker = &text[node.marker.clone()];
            let level = usize::from(node.level).min(4);
            let before = previous[level].replace(index);
            let (code, message) = match before.map(|prior| &outline.nodes[prior]) {
                None if node.number != 1 => (
                    "numbering_skipped",
                    format!("the first heading at level {} is numbered {marker}", node.level),
                ),
                None => continue,
                Some(prior) => {
                    let prior_marker = &text[prior.marker.clone()];
                    if node.number < prior.number {
                        (
                            "numbering_backwards",
                            format!("heading {marker} follows {prior_marker}"),
                        )
                    } else if node.number == prior.number {
                        ("numbering_repeated", format!("heading {marker} repeats {prior_marker}"))
                    } else if node.number > prior.number + 1 {
                        ("numbering_skipped", format!("heading {marker} follows {prior_marker}"))
                    } else {
                        continue;
                    }
                }
            };
            findings.push(Finding::warning(code, message, Some(node.marker.clone())));
        }
    }
    findings.sort_by_key(|finding| finding.range.as_ref().map(|range| range.start));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "标题关于巡察整改进展情况的通报\n根据部署,进行了巡察。\n一、关于“甲”问题的整改情况\n(一)强化引领。召开会议。\n(二)补齐短板。一是建立台账;二是逐项销号。\n二、关于“乙”问题的整改情况\n(一)加强队伍。\n三、突出持续整改,巩固整改成果\n下一步,一是压实责任。二是提高标准。\n";

    #[test]
    fn builds_tree_with_kinds_and_items() {
        let text = NOTICE;
        let outline = build(text, &layout(text), &crate::rules::Rules::builtin().outline);
        let ids: Vec<(&str, &str, NodeKind)> = outline
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), &text[n.heading.clone()], n.kind))
            .collect();
        assert_eq!(
            ids,
            [
                ("1", "关于“甲”问题的整改情况", NodeKind::Issue),
                ("1.1", "强化引领", NodeKind::Measure),
                ("1.2", "补齐短板", NodeKind::Measure),
                ("2", "关于“乙”问题的整改情况", NodeKind::Issue),
                ("2.1", "加强队伍", NodeKind::Measure),
                ("3", "突出持续整改,巩固整改成果", NodeKind::NextSteps),
            ]
        );
        let items = &outline.nodes[2].items;
        let texts: Vec<&str> = items.iter().map(|i| &text[i.text.clone()]).collect();
        assert_eq!(texts, ["建立台账;", "逐项销号。"]);
        let next: Vec<&str> = outline.nodes[5].items.iter().map(|i| &text[i.marker.clone()]).collect();
        assert_eq!(next, ["一是", "二是"]);
        assert!(outline.diagnostics.is_empty());
        // Node spans end at the next heading of the same level.
        assert!(text[outline.nodes[0].range.clone()].ends_with("二是逐项销号。"));
        let offset = text.find("逐项销号").unwrap();
        assert_eq!(outline.node_id_at(offset), Some("1.2"));
        assert_eq!(outline.node_id_at(0), None);
    }

    #[test]
    fn numbering_errors_are_warnings_not_breaks() {
        let text = "通报\n一、甲\n二、乙\n五、丙\n(二)丁\n(二)戊\n三、突出持续整改\n";
        let outline = build(text, &layout(text), &crate::rules::Rules::builtin().outline);
        assert_eq!(outline.roots.len(), 4);
        let codes: Vec<&str> = outline.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "numbering_skipped",
                "numbering_skipped",
                "numbering_repeated",
                "numbering_backwards"
            ]
        );
    }
}
