//! Document layout: lines, the title block, the body and the closing block.
//!
//! Consumes the matching copy; produces byte ranges of the title lines (a
//! title may wrap over two or three lines), the body (preamble and sections,
//! where headings are looked for), the closing (invitation to supervise,
//! contacts, 特此通报), the signature line and the signature date line.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::marker::heading_marker;

/// One line of text: its byte range without the line break (`\n`, `\r\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub range: Range<usize>,
}

/// Splits `text` into lines (without their terminators: `\n`, the `\r`
/// before it, a final `\r`). The breaks are found with a vectorised search.
pub fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', bytes) {
        let end = if newline > start && bytes[newline - 1] == b'\r' {
            newline - 1
        } else {
            newline
        };
        found.push(Line { range: start..end });
        start = newline + 1;
    }
    if start < bytes.len() {
        found.push(Line {
            range: start..bytes.len() - usize::from(bytes[bytes.len() - 1] == b'\r'),
        });
    }
    found
}

/// The regions of a notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Byte ranges of the title lines (trimmed), in order; empty if none.
    pub title: Vec<Range<usize>>,
    /// Preamble and sections.
    pub body: Range<usize>,
    /// Closing paragraphs (supervision invitation, contacts), possibly empty.
    pub closing: Range<usize>,
    /// The signing organisation's line (trimmed).
    pub signature: Option<Range<usize>>,
    /// The signature date line (trimmed).
    pub signature_date: Option<Range<usize>>,
}

/// A title ends with the genre word.
static TITLE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:通报|报告|公告|通知|情况|综述|公布)\s*$").unwrap());
/// Preamble openings that are never part of a title.
static PREAMBLE_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:根据|按照|依据|为|经|近日|今年|\d{4}年)").unwrap());
/// A line holding only a date (the signature date).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[0-9]{4}|[〇一二三四五六七八九零]{4})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日\s*$")
        .unwrap()
});
/// Openings of closing paragraphs.
static CLOSING_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:欢迎|如有|联系方式|联系电话|联系人|电话|电子邮箱|邮箱|邮政信箱|通讯地址|地址|邮编|特此通报|来信|来电)",
    )
    .unwrap()
});

const TITLE_MAX_CHARS: usize = 60;
/// A title is Chinese words: a line with fewer Han chars (404, a date) is not one.
const TITLE_MIN_HAN: usize = 4;
const SIGNATURE_MAX_CHARS: usize = 40;

fn trimmed(text: &str, range: &Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

fn is_blank(text: &str, line: &Line) -> bool {
    text[line.range.clone()].trim().is_empty()
}

/// Finds the regions of a notice.
pub fn layout(text: &str) -> Layout {
    let all = lines(text);
    let content: Vec<&Line> = all.iter().filter(|line| !is_blank(text, line)).collect();
    let Some(first) = content.first() else {
        return Layout {
            body: 0..text.len(),
            closing: text.len()..text.len(),
            ..Layout::default()
        };
    };

    // Title: up to three short leading lines, ending at the genre word.
    let mut title = Vec::new();
    let is_title_like = |line: &Line| {
        let slice = text[line.range.clone()].trim();
        slice.chars().count() <= TITLE_MAX_CHARS
            && slice.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count() >= TITLE_MIN_HAN
            && !slice.ends_with('。')
            && !slice.ends_with(':')
            && heading_marker(slice).is_none()
            && !PREAMBLE_START.is_match(slice)
    };
    if is_title_like(first) {
        let candidates: Vec<&Line> = content
            .iter()
            .take(3)
            .take_while(|line| is_title_like(line))
            .copied()
            .collect();
        let end = candidates
            .iter()
            .position(|line| TITLE_END.is_match(&text[line.range.clone()]))
            .map_or(1, |index| index + 1)
            .min(candidates.len());
        // A title opens with 中共 when it has it: a short line above such a
        // line is a column name (巡察工作), not the title's first half.
        let begin = (1..end)
            .rev()
            .find(|&index| text[candidates[index].range.clone()].trim_start().starts_with("中共"))
            .unwrap_or(0);
        title = candidates[begin..end]
            .iter()
            .map(|line| trimmed(text, &line.range))
            .collect();
    }
    let body_start = title.last().map_or(first.range.start, |range| {
        let after = range.end;
        text[after..].find('\n').map_or(text.len(), |offset| after + offset + 1)
    });

    // Signature date and signing organisation, from the end.
    let mut remaining: Vec<&Line> = content
        .iter()
        .copied()
        .filter(|line| line.range.start >= body_start)
        .collect();
    let mut signature_date = None;
    let mut signature = None;
    if let Some(last) = remaining.last()
        && DATE_LINE.is_match(&text[last.range.clone()])
    {
        signature_date = Some(trimmed(text, &last.range));
        remaining.pop();
    }
    if let Some(last) = remaining.last() {
        let slice = text[last.range.clone()].trim();
        let looks_like_organisation = slice.chars().count() <= SIGNATURE_MAX_CHARS
            && !slice.contains(['。', ',', ';', ':', '!', '?'])
            && heading_marker(slice).is_none()
            && !CLOSING_START.is_match(slice);
        if looks_like_organisation && (signature_date.is_some() || slice.ends_with(['委', '组', '会'])) {
            signature = Some(trimmed(text, &last.range));
            remaining.pop();
        }
    }
    // Closing paragraphs: the trailing run of lines opened by closing words.
    let mut closing_start = remaining.last().map_or(body_start, |line| line.range.end);
    let body_end_limit = closing_start;
    for line in remaining.iter().rev() {
        if CLOSING_START.is_match(&text[line.range.clone()]) {
            closing_start = line.range.start;
        } else {
            break;
        }
    }
    let closing_end = body_end_limit;
    Layout {
        title,
        body: body_start..closing_start.max(body_start),
        closing: closing_start.max(body_start)..closing_end.max(closing_start).max(body_start),
        signature,
        signature_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "中共某市某局党组关于五届市委\n第四轮巡察整改进展情况的通报\r\n根据市委统一部署,巡察组进行了巡察。\n一、关于“甲”问题的整改情况\n(一)强化。正文。\n欢迎广大干部群众监督。\n联系方式:电话0578-2091427。\n\n中共某市某局党组\n2025年6月3日\n";

    #[test]
    fn splits_lines_without_terminators() {
        let text = "a\r\nb\n\nc";
        let found: Vec<&str> = lines(text).iter().map(|l| &text[l.range.clone()]).collect();
        assert_eq!(found, ["a", "b", "", "c"]);
    }

    /// Lines as found byte by byte: a line ends at each `\n`, without it and
    /// the `\r` before it; a last line without `\n` loses a final `\r`.
    fn lines_byte_by_byte(text: &str) -> Vec<Range<usize>> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut start = 0;
        for (index, &byte) in bytes.iter().enumerate() {
            if byte == b'\n' {
                let end = if index > start && bytes[index - 1] == b'\r' {
                    index - 1
                } else {
                    index
                };
                found.push(start..end);
                start = index + 1;
            }
        }
        if start < text.len() {
            found.push(start..text.len() - usize::from(text.ends_with('\r')));
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn splits_lines_as_a_byte_by_byte_scan_does(
            pieces in proptest::collection::vec(proptest::sample::select(vec!["\n", "\r", "\r\n", "a", "一", " "]), 0..12)
        ) {
            let text: String = pieces.concat();
            let found: Vec<Range<usize>> = lines(&text).into_iter().map(|line| line.range).collect();
            proptest::prop_assert_eq!(found, lines_byte_by_byte(&text), "{:?}", text);
        }
    }

    #[test]
    fn finds_title_body_closing_and_signature() {
        let found = layout(NOTICE);
        let title: Vec<&str> = found.title.iter().map(|r| &NOTICE[r.clone()]).collect();
        assert_eq!(title, ["中共某市某局党组关于五届市委", "第四轮巡察整改进展情况的通报"]);
        assert!(NOTICE[found.body.clone()].starts_with("根据市委"));
        assert!(NOTICE[found.body.clone()].trim_end().ends_with("正文。"));
        assert!(NOTICE[found.closing.clone()].starts_with("欢迎"));
        assert!(NOTICE[found.closing.clone()].ends_with("2091427。"));
        assert_eq!(&NOTICE[found.signature.clone().unwrap()], "中共某市某局党组");
        assert_eq!(&NOTICE[found.signature_date.clone().unwrap()], "2025年6月3日");
    }

    #[test]
    fn a_column_name_above_the_title_is_not_part_of_it() {
        let text = "巡察工作\n中共某县委关于巡视整改进展情况的通报\n根据省委统一部署,开展整改。\n";
        let found = layout(text);
        let title: Vec<&str> = found.title.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(title, ["中共某县委关于巡视整改进展情况的通报"]);
    }

    #[test]
    fn text_without_title_or_signature() {
        let text = "根据统一部署,开展整改。";
        let found = layout(text);
        assert!(found.title.is_empty());
        assert_eq!(found.body, 0..text.len());
        assert_eq!(found.signature, None);
    }
}
