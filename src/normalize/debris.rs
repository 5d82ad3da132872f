//! Debris of broken copies: leaked conversions, replacement characters,
//! template placeholders.
//!
//! Consumes the original text (for leaks) or the matching copy (for the
//! rest); produces the byte ranges that the matching copy leaves out — a
//! Simplified form or pinyin leaked in parentheses after a character
//! (`根據(jù)`, `統計(ji)`, `區(区)`) — and diagnostics for `?`/U+FFFD
//! replacement characters and `XX`/`××`/`****` placeholders.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::script::simplify_char;
use crate::diagnostic::Finding;
use crate::record::Severity;

/// Parenthesised pinyin or 1–3 CJK chars (the ranges of [`is_han`]),
/// anchored at its opening bracket (a leak when a CJK char precedes it).
static LEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(（](?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}|[\x{3400}-\x{9FFF}\x{F900}-\x{FAFF}]{1,3})[)）]").unwrap()
});

/// Byte offsets of the opening brackets `(` and `（` of `text`. A search for
/// their first bytes would stop at every full-width comma (`，` shares the
/// lead bytes of `（`); the last byte of `（` is rare in Chinese text.
fn opening_brackets(text: &str) -> impl Iterator<Item = usize> + '_ {
    const FULL_WIDTH: &[u8] = "（".as_bytes();
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'(', FULL_WIDTH[2], bytes).filter_map(move |at| {
        if bytes[at] == b'(' {
            return Some(at);
        }
        let start = at.checked_sub(2)?;
        (&bytes[start..=at] == FULL_WIDTH).then_some(start)
    })
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// Byte ranges of leaked conversions in `original`, sorted.
pub fn find_leaks(original: &str) -> Vec<Range<usize>> {
    let mut leaks = Vec::new();
    // Each opening bracket is tried on its own: a leak holds no opening
    // bracket, so leaks never overlap and this finds what an unanchored
    // search would. Most brackets (headings like `(一)` at a line start)
    // fail the cheap preceding-char test before the pattern runs. The
    // content is the match without its two one-char brackets.
    for start in opening_brackets(original) {
        let before = &original[..start];
        if !before.chars().next_back().is_some_and(is_han) {
            continue;
        }
        let Some(found) = LEAK.find(&original[start..]) else {
            continue;
        };
        let whole = start..start + found.end();
        let mut content = original[whole.clone()].chars();
        content.next();
        content.next_back();
        let inner = content.as_str();
        let is_pinyin = !inner.chars().any(is_han);
        let is_simplified_echo = !is_pinyin && {
            let count = inner.chars().count();
            let preceding: Vec<char> = before.chars().rev().take(count).collect();
            preceding.len() == count && preceding.iter().rev().map(|&c| simplify_char(c)).eq(inner.chars())
        };
        if is_pinyin || is_simplified_echo {
            leaks.push(whole);
        }
    }
    leaks
}

/// An ASCII `?` or U+FFFD: candidates for a lost character.
static REPLACEMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\x{FFFD}|\?+").unwrap());

/// Places where characters were lost: U+FFFD, two or more ASCII `?`, or one
/// between CJK chars or opening a line before one. Matched on the original
/// text: a real question mark in Chinese text is the full-width `？`.
fn lost_characters(original: &str) -> usize {
    // Most texts hold neither; two vectorised scans say so (the pattern's
    // own literal search would stop at every full-width comma, which shares
    // the lead byte of U+FFFD).
    let bytes = original.as_bytes();
    if memchr::memchr(b'?', bytes).is_none() && memchr::memmem::find(bytes, "\u{FFFD}".as_bytes()).is_none() {
        return 0;
    }
    REPLACEMENT
        .find_iter(original)
        .filter(|found| {
            let text = found.as_str();
            if text == "\u{FFFD}" || text.len() >= 2 {
                return true;
            }
            let before = original[..found.start()].chars().next_back();
            let after = original[found.end()..].chars().next();
            after.is_some_and(is_han) && before.is_none_or(|c| c == '\n' || is_han(c))
        })
        .count()
}

/// Template placeholders: XX单位, ××, ****年*月**日, 某某.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"XX|××|\*{2,}|＊{2,}|某某").unwrap());

/// Diagnostics about the quality of the copy: `original` for lost
/// characters, `matching` for placeholders (with their place).
/// `removed` is the number of original chars the matching copy left out.
pub fn quality_findings(original: &str, matching: &str, removed: usize) -> Vec<Finding> {
    let mut findings = Vec::new();
    if removed > 0 {
        findings.push(Finding {
            severity: Severity::Info,
            code: "conversion_debris",
            message: format!(
                "{removed} characters of leaked conversions in parentheses (e.g. 根據(jù)) were left out of matching"
            ),
            range: None,
        });
    }
    let lost = lost_characters(original);
    if lost > 0 {
        findings.push(Finding::warning(
            "replacement_characters",
            format!("{lost} places where characters were lost (? or U+FFFD)"),
            None,
        ));
    }
    if let Some(first) = PLACEHOLDER.find(matching) {
        let count = PLACEHOLDER.find_iter(matching).count();
        findings.push(Finding::warning(
            "placeholders",
            format!("{count} template placeholders (XX, ××, ****, 某某): this may be a template, not a notice"),
            Some(first.range()),
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_opening_brackets_and_nothing_else() {
        let text = "（一）关于，(二)、（";
        let found: Vec<usize> = opening_brackets(text).collect();
        assert_eq!(found, [0, text.find('(').unwrap(), text.rfind('（').unwrap()]);
    }

    #[test]
    fn finds_leaked_pinyin_and_simplified_echoes() {
        let text = "根據(jù)市委統(tǒng)一部署,區(区)委統計(ji)造(zao)假(jia),各縣(市、區)及會議(一)";
        let leaks: Vec<&str> = find_leaks(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(leaks, ["(jù)", "(tǒng)", "(区)", "(ji)", "(zao)", "(jia)"]);
    }

    #[test]
    fn flags_lost_characters_and_placeholders() {
        let codes = |text: &str| -> Vec<&str> { quality_findings(text, text, 0).iter().map(|f| f.code).collect() };
        assert_eq!(codes("??县委关于巡视整改"), ["replacement_characters"]);
        assert_eq!(codes("县委\u{FFFD}关于"), ["replacement_characters"]);
        assert_eq!(codes("XX单位党组关于****年*月**日"), ["placeholders"]);
        assert!(codes("是否? 3人").is_empty());
        assert!(codes("是否？如何").is_empty());
        assert!(codes("中共某局党组").is_empty());
    }
}
