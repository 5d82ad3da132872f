//! Titles in 《》: cited plans, rules and programmes.
//!
//! Consumes the matching copy; produces the byte range of each title's inner
//! text (without the brackets) and of the whole bracketed expression, which
//! later extractors skip: numbers and years inside a title are part of it.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

/// One 《…》 title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMatch {
    /// The title without brackets.
    pub title: Range<usize>,
    /// The title with its brackets.
    pub whole: Range<usize>,
}

/// Most chars of a title.
const TITLE_MAX_CHARS: usize = 120;

/// The rule `《[^《》\n]{1,120}》` (on one line, at most 120 chars, no
/// nested opening bracket), which [`find_documents`] reads directly; its
/// property test runs this source.
#[cfg(test)]
const TITLE_RULE: &str = r"《[^《》\n]{1,120}》";

/// Every 《》 title of `text`, in order: the matches of `TITLE_RULE` in a
/// leftmost-first search. A title starts at a 《 and ends at the first 》
/// after it, if no 《 or line break comes first; the search goes on after
/// it, or at the next 《. (As a regex, the bounded repetition made a large
/// lazy DFA, slow to walk.)
pub fn find_documents(text: &str) -> Vec<DocumentMatch> {
    const OPEN: char = '《';
    const CLOSE: char = '》';
    // A vectorised search for the three bytes of 《 (`str::find` stops at
    // every char that shares its last byte).
    static OPENING: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("《"));
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = OPENING.find(&text.as_bytes()[from..]) {
        let start = from + offset;
        let title_start = start + OPEN.len_utf8();
        from = title_start;
        let end = text[title_start..]
            .char_indices()
            .take(TITLE_MAX_CHARS + 1)
            .find(|&(_, c)| matches!(c, OPEN | CLOSE | '\n'))
            .filter(|&(at, c)| c == CLOSE && at > 0)
            .map(|(at, _)| title_start + at);
        if let Some(title_end) = end {
            from = title_end + CLOSE.len_utf8();
            found.push(DocumentMatch {
                title: title_start..title_end,
                whole: start..from,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn titles_are_the_rule_matches(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["《", "》", "\n", "a", "规划", "(2021-2025年)"]).prop_map(str::to_owned),
                    // Titles around the length bound.
                    proptest::sample::select(vec![0usize, 1, 2, 119, 120, 121]).prop_map(|n| "甲".repeat(n)),
                ],
                0..12,
            )
        ) {
            let text: String = pieces.concat();
            let expected: Vec<Range<usize>> =
                regex::Regex::new(TITLE_RULE).unwrap().find_iter(&text).map(|m| m.range()).collect();
            let got: Vec<Range<usize>> = find_documents(&text).into_iter().map(|d| d.whole).collect();
            proptest::prop_assert_eq!(got, expected, "{:?}", text);
        }
    }

    #[test]
    fn finds_titles_without_brackets() {
        let text = "制定《整改方案》,印发《规划(2021-2025年)》和《》。《未闭合";
        let titles: Vec<&str> = find_documents(text).iter().map(|d| &text[d.title.clone()]).collect();
        assert_eq!(titles, ["整改方案", "规划(2021-2025年)"]);
    }
}
