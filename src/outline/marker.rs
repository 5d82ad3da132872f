//! Heading markers (一、 （一） 1. （1）) and enumeration markers (一是 第一 ①).
//!
//! Consumes lines and paragraphs of the matching copy (width-folded, so `（一）`
//! arrives as `(一)` and `１．` as `1.`); produces marker matches with their
//! GB/T 9704 level, the printed number and byte ranges. Both kinds are read
//! directly, their regex patterns kept as the property tests' reference:
//! heading markers from a line's first chars, enumerations only around the
//! chars every enumeration holds.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::charset::{CharSet, whole_run_end};
use crate::numeral;

/// A heading marker at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMarker {
    /// GB/T 9704 level: 一、=1 (一)=2 1.=3 (1)=4.
    pub level: u8,
    /// The printed number, parsed.
    pub number: u32,
    /// Byte range of the marker within the line (leading blanks excluded).
    pub range: Range<usize>,
}

/// The Chinese numerals of heading and enumeration numbers.
const NUMERALS: &str = "一二三四五六七八九十";
static NUMERAL_SET: CharSet = CharSet::new(NUMERALS);

/// The heading marker of one level, as a regex: [`heading_marker`] reads
/// the markers directly, and its property test runs these rules.
#[cfg(test)]
struct HeadingRule {
    /// GB/T 9704 level.
    level: u8,
    /// The marker at the start of a line; the number is capture group 1.
    pattern: Regex,
}

#[cfg(test)]
impl HeadingRule {
    fn new(level: u8, pattern: &str) -> Self {
        HeadingRule {
            level,
            pattern: Regex::new(pattern).unwrap(),
        }
    }
}

/// Heading rules by level, tried in this order.
#[cfg(test)]
static HEADING_RULES: LazyLock<[HeadingRule; 4]> = LazyLock::new(|| {
    [
        HeadingRule::new(1, &format!(r"^[ \t]*([{NUMERALS}]{{1,3}})[ \t]*、")),
        HeadingRule::new(2, &format!(r"^[ \t]*\([ \t]*([{NUMERALS}]{{1,3}})[ \t]*\)")),
        HeadingRule::new(3, r"^[ \t]*([0-9]{1,2})[ \t]*[.、](?:[^0-9]|$)"),
        HeadingRule::new(4, r"^[ \t]*\([ \t]*([0-9]{1,2})[ \t]*\)"),
    ]
});

/// The digits of level 3 and 4 numbers.
static DIGIT_SET: CharSet = CharSet::new("0123456789");
/// Most chars of a heading number: 十二 or 12.
const HEADING_NUMERALS_MOST: usize = 3;
const HEADING_DIGITS_MOST: usize = 2;

/// After the blanks (spaces and tabs) at `from`.
fn blanks_end(line: &str, from: usize) -> usize {
    let rest = &line[from..];
    from + rest.len() - rest.trim_start_matches([' ', '\t']).len()
}

/// The end of the chars of `set` at `from`, if they are 1 to `most`.
fn number_chars_end(line: &str, from: usize, set: &CharSet, most: usize) -> Option<usize> {
    whole_run_end(line, from, most, |c| set.contains(c))
}

/// The heading marker a line starts with, if any: 一、 (level 1), (一)
/// (2), 1. or 1、 not followed by a digit (3), (1) (4), after blanks, with
/// the number parsed.
///
/// What the first of `tests::HEADING_RULES` that matches the line finds
/// (its property test checks it), read directly: the char the marker opens
/// with says which rule can match, and the number's chars which of the two
/// bracketed ones.
pub fn heading_marker(line: &str) -> Option<HeadingMarker> {
    let start = blanks_end(line, 0);
    let opening = line[start..].chars().next()?;
    let (level, number, end) = if NUMERAL_SET.contains(opening) {
        let number_end = number_chars_end(line, start, &NUMERAL_SET, HEADING_NUMERALS_MOST)?;
        let after = blanks_end(line, number_end);
        if !line[after..].starts_with('、') {
            return None;
        }
        (1, start..number_end, after + '、'.len_utf8())
    } else if DIGIT_SET.contains(opening) {
        let number_end = number_chars_end(line, start, &DIGIT_SET, HEADING_DIGITS_MOST)?;
        let after = blanks_end(line, number_end);
        let separator = line[after..].chars().next().filter(|&c| c == '.' || c == '、')?;
        let end = after + separator.len_utf8();
        // Not a decimal (1.5万元); a second separator belongs to the marker.
        match line[end..].chars().next() {
            Some(c) if c.is_ascii_digit() => return None,
            Some(c @ ('.' | '、')) => (3, start..number_end, end + c.len_utf8()),
            _ => (3, start..number_end, end),
        }
    } else if opening == '(' {
        let inside = blanks_end(line, start + '('.len_utf8());
        let (level, number_end) = match number_chars_end(line, inside, &NUMERAL_SET, HEADING_NUMERALS_MOST) {
            Some(number_end) => (2, number_end),
            None => (4, number_chars_end(line, inside, &DIGIT_SET, HEADING_DIGITS_MOST)?),
        };
        let after = blanks_end(line, number_end);
        if !line[after..].starts_with(')') {
            return None;
        }
        (level, inside..number_end, after + ')'.len_utf8())
    } else {
        return None;
    };
    Some(HeadingMarker {
        level,
        number: numeral::parse_ordinal(&line[number])?,
        range: start..end,
    })
}

/// The marker by the first of `rules` whose pattern matches `line` (none if
/// its number does not parse).
#[cfg(test)]
fn marker_of_first_matching_rule<'r>(
    line: &str,
    rules: impl Iterator<Item = &'r HeadingRule>,
) -> Option<HeadingMarker> {
    for rule in rules {
        let Some(captures) = rule.pattern.captures(line) else {
            continue;
        };
        let number_match = captures.get(1)?;
        let number = numeral::parse_ordinal(number_match.as_str())?;
        let whole = captures.get(0)?;
        let start = line[..whole.end()]
            .char_indices()
            .find(|&(_, c)| c != ' ' && c != '\t')
            .map_or(whole.start(), |(index, _)| index);
        let mut end = whole.end();
        // Level 3 consumes one char of lookahead; give it back.
        if rule.level == 3 {
            end = line[..end]
                .char_indices()
                .rfind(|&(_, c)| c == '.' || c == '、')
                .map_or(end, |(index, c)| index + c.len_utf8());
        }
        return Some(HeadingMarker {
            level: rule.level,
            number,
            range: start..end,
        });
    }
    None
}

/// The families of inline enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFamily {
    /// 一是 二是 … (also 一要 二要 …)
    Shi,
    /// 第一, 第二, …
    Ordinal,
    /// ① ② …
    Circled,
    /// Arabic numbers with a dot or 、 inside a paragraph
    /// (措施如下：1.…。2.…); at the start of a line they are headings.
    Arabic,
}

impl ItemFamily {
    /// Number of families.
    pub const COUNT: usize = 4;

    /// Position of the family in per-family arrays.
    pub fn index(self) -> usize {
        match self {
            ItemFamily::Shi => 0,
            ItemFamily::Ordinal => 1,
            ItemFamily::Circled => 2,
            ItemFamily::Arabic => 3,
        }
    }
}

/// An enumeration marker inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemMarker {
    pub family: ItemFamily,
    pub number: u32,
    /// Byte range of the marker in the searched text.
    pub range: Range<usize>,
}

/// Every enumeration marker in one pass: 一是/二要 after a clause boundary
/// (start, 。 ; , : or a blank), 第一/第二 after a boundary and before a
/// comma, 1. / 1、 after a boundary other than a comma, ① … ⑳ anywhere.
/// [`item_at`] reads it directly; its property test runs this source.
#[cfg(test)]
static ITEM_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[。;,:!?\s])(?P<shi>[{NUMERALS}]{{1,3}}(?:是|要))|(?:^|[。;:!?\s])(?P<ordinal>第[{NUMERALS}]{{1,3}})[,、]|(?:^|[。;:!?\s])(?P<arabic>[0-9]{{1,2}}[.、])|(?P<circled>[①-⑳])"
    ))
    .unwrap()
});

/// Most numerals of an enumeration number (十二是, 第十二).
const ITEM_NUMERALS_MOST: usize = 3;
/// Most digits of an Arabic enumeration number (12.).
const ARABIC_ITEM_DIGITS_MOST: usize = 2;

/// A clause boundary before 一是 (`[。;,:!?\s]`); before 第一 the same
/// without the comma.
fn is_item_boundary(c: char, comma: bool) -> bool {
    matches!(c, '。' | ';' | ':' | '!' | '?') || (comma && c == ',') || c.is_whitespace()
}

/// One match of the enumeration pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ItemMatch {
    family: ItemFamily,
    /// The marker: 一是, 第一, ①.
    marker: Range<usize>,
    /// End of the whole match (past the comma after 第一).
    end: usize,
}

/// The match of `ITEM_PATTERN` that starts at `start`, if one does, read
/// directly: its branches (一是, then 第一, then ①) are tried in order, each
/// opening at the start of the text or after a boundary char at `start`, as
/// the regex's leftmost-first search tries them.
fn item_at(text: &str, start: usize) -> Option<ItemMatch> {
    let first = text[start..].chars().next()?;
    let openings = |comma: bool| {
        [
            (start == 0).then_some(start),
            is_item_boundary(first, comma).then(|| start + first.len_utf8()),
        ]
        .into_iter()
        .flatten()
    };
    for open in openings(true) {
        let Some(numerals_end) = number_chars_end(text, open, &NUMERAL_SET, ITEM_NUMERALS_MOST) else {
            continue;
        };
        if let Some(word) = ["是", "要"]
            .into_iter()
            .find(|word| text[numerals_end..].starts_with(word))
        {
            let end = numerals_end + word.len();
            return Some(ItemMatch {
                family: ItemFamily::Shi,
                marker: open..end,
                end,
            });
        }
    }
    for open in openings(false) {
        if !text[open..].starts_with('第') {
            continue;
        }
        let Some(numerals_end) = number_chars_end(text, open + '第'.len_utf8(), &NUMERAL_SET, ITEM_NUMERALS_MOST)
        else {
            continue;
        };
        if let Some(comma) = text[numerals_end..].chars().next().filter(|&c| c == ',' || c == '、') {
            return Some(ItemMatch {
                family: ItemFamily::Ordinal,
                marker: open..numerals_end,
                end: numerals_end + comma.len_utf8(),
            });
        }
    }
    for open in openings(false) {
        let digits = text[open..].bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=ARABIC_ITEM_DIGITS_MOST).contains(&digits) {
            continue;
        }
        if let Some(dot) = text[open + digits..].chars().next().filter(|&c| c == '.' || c == '、') {
            let end = open + digits + dot.len_utf8();
            return Some(ItemMatch {
                family: ItemFamily::Arabic,
                marker: open..end,
                end,
            });
        }
    }
    ('①'..='⑳').contains(&first).then(|| ItemMatch {
        family: ItemFamily::Circled,
        marker: start..start + first.len_utf8(),
        end: start + first.len_utf8(),
    })
}

/// Chars every match of `ITEM_PATTERN` holds at a known place (see
/// [`item_start`]): the 是 or 要 after the numerals, the 第, the last digit
/// and the dot of an Arabic number (a bare `[.、]` key would stop at every
/// 、 of the text, five times the search's cost), the circled digit.
///
/// The circled digits are two classes of ten: the regex crate looks for
/// the literals of a class of at most ten chars with a vectorised search,
/// but runs its automaton over every byte for a larger class.
static ITEM_KEYS: LazyLock<Regex> = LazyLock::new(|| Regex::new("是|要|第|[0-9][.、]|[①-⑩]|[⑪-⑳]").unwrap());

/// Where a match of `ITEM_PATTERN` holding `key` starts, if one can: at
/// the char before the numerals that end at 是/要 (the clause boundary the
/// pattern needs there; at 0 if nothing is before them), at the char before
/// 第, at the circled digit.
fn item_start(text: &str, key: &regex::Match) -> Option<usize> {
    let boundary_before = |end: usize| text[..end].chars().next_back().map_or(0, |c| end - c.len_utf8());
    match key.as_str() {
        "是" | "要" => {
            let numerals_start = text[..key.start()].trim_end_matches(|c| NUMERAL_SET.contains(c)).len();
            (numerals_start < key.start()).then(|| boundary_before(numerals_start))
        }
        "第" => Some(boundary_before(key.start())),
        found if found.ends_with(['.', '、']) => {
            // One or two digits between a boundary and the dot (the key
            // holds the last digit and the dot).
            let dot = key.end() - found.chars().next_back().map_or(1, char::len_utf8);
            let digits_start = text[..dot].trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let digits = dot - digits_start;
            (1..=ARABIC_ITEM_DIGITS_MOST)
                .contains(&digits)
                .then(|| boundary_before(digits_start))
        }
        _ => Some(key.start()),
    }
}

/// Every match of `ITEM_PATTERN` in `text`, left to right and not
/// overlapping, as its unanchored search finds them: only at the start of
/// each [`ITEM_KEYS`] hit that the previous match does not cover.
///
/// Each match holds one key, and its start is a function of the key's
/// place, which never decreases from one key to the next. At one start at
/// most one branch of the pattern can match (the branches differ in the
/// char at it or right after it), so the first start where the pattern
/// matches is where the unanchored search finds its next match.
fn item_matches(text: &str) -> impl Iterator<Item = ItemMatch> + '_ {
    let mut searched_to = 0;
    ITEM_KEYS.find_iter(text).filter_map(move |key| {
        let start = item_start(text, &key).filter(|&start| start >= searched_to)?;
        let found = item_at(text, start)?;
        searched_to = found.end;
        Some(found)
    })
}

/// Enumeration markers in `text`, in order. Only sequences that start at 1
/// count, so that a lone 一要 inside a sentence is not taken for a list.
pub fn item_markers(text: &str) -> Vec<ItemMarker> {
    let mut found = Vec::new();
    for ItemMatch { family, marker, .. } in item_matches(text) {
        let written = &text[marker.clone()];
        let number = match family {
            ItemFamily::Shi => numeral::parse_ordinal(written.trim_end_matches(['是', '要'])),
            ItemFamily::Ordinal => numeral::parse_ordinal(&written['第'.len_utf8()..]),
            ItemFamily::Circled => written.chars().next().map(|c| c as u32 - '①' as u32 + 1),
            // A decimal (3.5万元) is no list item.
            ItemFamily::Arabic if text[marker.end..].starts_with(|c: char| c.is_ascii_digit()) => None,
            ItemFamily::Arabic => numeral::parse_ordinal(written.trim_end_matches(['.', '、'])),
        };
        if let Some(number) = number {
            found.push(ItemMarker {
                family,
                number,
                range: marker,
            });
        }
    }
    found.sort_by_key(|marker| marker.range.start);
    // Keep runs of a family that begin at 1.
    let mut last_kept: [Option<u32>; ItemFamily::COUNT] = [None; ItemFamily::COUNT];
    let mut kept = Vec::with_capacity(found.len());
    for marker in found {
        let previous = &mut last_kept[marker.family.index()];
        if marker.number == 1 || previous.is_some_and(|p| marker.number == p + 1) {
            *previous = Some(marker.number);
            kept.push(marker);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    type HeadingCase = (&'static str, Option<(u8, u32, &'static str)>);
    const HEADINGS: &[HeadingCase] = &[
        ("一、关于“推动”问题的整改情况", Some((1, 1, "一、"))),
        ("三、突出持续整改", Some((1, 3, "三、"))),
        ("十二、其他", Some((1, 12, "十二、"))),
        ("(一)强化婦女群眾思想政治引领。召开", Some((2, 1, "(一)"))),
        ("  (五)党建", Some((2, 5, "(五)"))),
        ("1.完善制度", Some((3, 1, "1."))),
        ("12、建立台账", Some((3, 12, "12、"))),
        ("3.", Some((3, 3, "3."))),
        ("(2)开展排查", Some((4, 2, "(2)"))),
        ("2024年5月8日,市委", None),
        ("1.5万元用于", None),
        ("一是制定方案", None),
        ("在巡察整改工作中", None),
        ("(市、区)婦聯", None),
    ];

    #[test]
    fn recognises_heading_markers() {
        for &(line, expected) in HEADINGS {
            let got = heading_marker(line).map(|m| (m.level, m.number, &line[m.range.clone()]));
            assert_eq!(got, expected, "{line}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// The reader finds what trying every rule in order finds, on lines
        /// made of marker and other chars.
        #[test]
        fn heading_markers_are_read_as_the_rules_match_them(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\t", "一", "三", "十", "百", "(", ")", "1", "0", "9", "12", ".", "、", ",", "是",
                "第", "①", "关于", "。", "a", "\u{3000}", "\r", "\n", "十二三", "123",
            ]), 0..10)
        ) {
            let line: String = pieces.concat();
            let by_rules = marker_of_first_matching_rule(&line, HEADING_RULES.iter());
            proptest::prop_assert_eq!(heading_marker(&line), by_rules, "{}", line);
        }
    }

    /// The matches of an unanchored search with `ITEM_PATTERN`, in order.
    fn pattern_matches(text: &str) -> Vec<ItemMatch> {
        ITEM_PATTERN
            .captures_iter(text)
            .map(|captures| {
                let (family, marker) = [
                    ("shi", ItemFamily::Shi),
                    ("ordinal", ItemFamily::Ordinal),
                    ("circled", ItemFamily::Circled),
                    ("arabic", ItemFamily::Arabic),
                ]
                .into_iter()
                .find_map(|(name, family)| captures.name(name).map(|marker| (family, marker.range())))
                .expect("one branch matched");
                ItemMatch {
                    family,
                    marker,
                    end: captures.get(0).expect("a match").end(),
                }
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// The key-driven search finds what an unanchored search with the
        /// same pattern finds, on text made of marker and other chars.
        #[test]
        fn keys_find_what_a_full_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "一", "二", "三", "十", "十十", "是", "要", "第", "第十十十", ",", "、", "。", ";", ":", "!",
                "?", " ", "\u{3000}", "\n", "①", "⑩", "⑪", "⑳", "⑴", "统", "a", "0", "1", "12", "123", ".",
            ]), 0..24)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(item_matches(&text).collect::<Vec<_>>(), pattern_matches(&text), "{}", text);
        }
    }

    #[test]
    fn finds_the_longest_markers_whole() {
        for text in [
            "\u{3000}第十十十、",
            "一\u{3000}第十十十、",
            "\u{3000}十十十是",
            "第十十十,①",
        ] {
            let expected = pattern_matches(text);
            assert_eq!(item_matches(text).collect::<Vec<_>>(), expected, "{text}");
            assert!(!expected.is_empty(), "{text}");
        }
    }

    #[test]
    fn finds_enumerations_that_start_at_one() {
        let text = "下一步,一是压紧压实责任,抓整改。二是聚力更高标准。三是巩固深化成果,统一是前提。";
        let markers = item_markers(text);
        let printed: Vec<&str> = markers.iter().map(|m| &text[m.range.clone()]).collect();
        assert_eq!(printed, ["一是", "二是", "三是"]);
        assert_eq!(markers[2].number, 3);

        let ordinal = "第一,统一思想;第二,落实责任。第一责任人要带头。";
        let printed: Vec<String> = item_markers(ordinal)
            .iter()
            .map(|m| ordinal[m.range.clone()].to_string())
            .collect();
        assert_eq!(printed, ["第一", "第二"]);

        let circled = "①建立台账②逐项销号";
        assert_eq!(item_markers(circled).len(), 2);

        let arabic = "采取了以下措施:1.健全制度。2.提升水平,投入3.5万元。";
        let printed: Vec<&str> = item_markers(arabic).iter().map(|m| &arabic[m.range.clone()]).collect();
        assert_eq!(printed, ["1.", "2."]);

        // A lone 二要 is no list.
        assert!(item_markers("这里二要素齐全").is_empty());
    }
}
