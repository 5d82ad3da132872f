//! Titles in 《》: cited plans, rules and programmes.
//!
//! Consumes the matching copy; produces the byte range of each title's inner
//! text (without the brackets) and of the whole bracketed expression, which
//! later extractors skip: numbers and years inside a title are part of it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// One 《…》 title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMatch {
    /// The title without brackets.
    pub title: Range<usize>,
    /// The title with its brackets.
    pub whole: Range<usize>,
}

/// 《…》 on one line, at most 120 chars, no nested opening bracket.
static TITLE_PATTERN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《[^《》\n]{1,120}》").unwrap());

/// Every 《》 title of `text`, in order. The title is the match without its
/// brackets, so a plain search does (no capture groups to resolve).
pub fn find_documents(text: &str) -> Vec<DocumentMatch> {
    TITLE_PATTERN
        .find_iter(text)
        .map(|found| DocumentMatch {
            title: found.start() + '《'.len_utf8()..found.end() - '》'.len_utf8(),
            whole: found.range(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_titles_without_brackets() {
        let text = "制定《整改方案》,印发《规划(2021-2025年)》和《》。《未闭合";
        let titles: Vec<&str> = find_documents(text).iter().map(|d| &text[d.title.clone()]).collect();
        assert_eq!(titles, ["整改方案", "规划(2021-2025年)"]);
    }
}
