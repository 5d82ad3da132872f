//! Script detection and the char-for-char Traditional → Simplified fold.
//!
//! Built from OpenCC's own character tables (`rules/opencc/`), embedded and
//! parsed once per process. The fold maps each Traditional character to its
//! first Simplified candidate, one char to one char, so the matching copy stays
//! aligned with the original; phrase-level conversion of output text is
//! [`super::convert`]'s job.
//!
//! Detection counts characters that exist only in one script: a Traditional
//! character whose Simplified candidates do not include itself (麗, 婦, 會), and
//! a Simplified one whose Traditional candidates do not include itself (丽, 妇,
//! 会). One-to-many characters that are valid in both (干, 后, 并, 余, 系) are
//! neutral, which is why half-converted text such as `關于…干部…后` still reads
//! as Traditional.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

const TS_CHARACTERS: &str = include_str!("../../rules/opencc/TSCharacters.txt");
const ST_CHARACTERS: &str = include_str!("../../rules/opencc/STCharacters.txt");

/// The script of a text, as reported in `source.script`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Simplified,
    Traditional,
    Mixed,
    Unknown,
}

/// Parses an OpenCC character table into (key, candidates) pairs of chars,
/// skipping comments and multi-char entries.
fn table_rows(table: &'static str) -> impl Iterator<Item = (char, Vec<char>)> {
    table.lines().filter_map(|line| {
        if line.starts_with('#') {
            return None;
        }
        let (key, values) = line.split_once('\t')?;
        let mut key_chars = key.chars();
        let key = key_chars.next()?;
        if key_chars.next().is_some() {
            return None;
        }
        let candidates: Vec<char> = values
            .split(' ')
            .filter_map(|value| {
                let mut chars = value.chars();
                let first = chars.next()?;
                chars.next().is_none().then_some(first)
            })
            .collect();
        (!candidates.is_empty()).then_some((key, candidates))
    })
}

/// Traditional char → its first Simplified candidate (only where they differ).
static TO_SIMPLIFIED: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    table_rows(TS_CHARACTERS)
        .filter(|(key, candidates)| candidates[0] != *key)
        .map(|(key, candidates)| (key, candidates[0]))
        .collect()
});

/// Characters that are Traditional only (their Simplified forms differ).
static TRADITIONAL_ONLY: LazyLock<HashSet<char>> = LazyLock::new(|| {
    table_rows(TS_CHARACTERS)
        .filter(|(key, candidates)| !candidates.contains(key))
        .map(|(key, _)| key)
        .collect()
});

/// Characters that are Simplified only (their Traditional forms differ).
static SIMPLIFIED_ONLY: LazyLock<HashSet<char>> = LazyLock::new(|| {
    table_rows(ST_CHARACTERS)
        .filter(|(key, candidates)| !candidates.contains(key))
        .map(|(key, _)| key)
        .collect()
});

/// The Simplified form of one character (itself when it has none).
pub fn simplify_char(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    TO_SIMPLIFIED.get(&c).copied().unwrap_or(c)
}

/// Share of the minority script above which a text counts as mixed.
const MIXED_SHARE: f64 = 0.15;

/// Detects the script of a text from its script-specific characters.
pub fn detect(text: &str) -> Script {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars().filter(|&c| (c as u32) >= 0x3400) {
        if TRADITIONAL_ONLY.contains(&c) {
            traditional += 1;
        } else if SIMPLIFIED_ONLY.contains(&c) {
            simplified += 1;
        }
    }
    let total = traditional + simplified;
    if total == 0 {
        return Script::Unknown;
    }
    let minority = traditional.min(simplified) as f64 / total as f64;
    if minority > MIXED_SHARE {
        Script::Mixed
    } else if traditional > simplified {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_characters_one_to_one() {
        let folded: String = "中共麗水市婦女聯合會黨組關於".chars().map(simplify_char).collect();
        assert_eq!(folded, "中共丽水市妇女联合会党组关于");
        // Taiwan glyphs and characters valid in both scripts.
        assert_eq!(simplify_char('裡'), '里');
        assert_eq!(simplify_char('為'), '为');
        assert_eq!(simplify_char('干'), '干');
        assert_eq!(simplify_char('a'), 'a');
    }

    #[test]
    fn detects_scripts() {
        assert_eq!(detect("中共丽水市妇女联合会党组"), Script::Simplified);
        assert_eq!(detect("中共麗水市婦女聯合會黨組"), Script::Traditional);
        // Half-converted: a few one-to-many characters left Simplified (并 has no
        // Traditional twin in OpenCC, the others are neutral).
        assert_eq!(
            detect("中共麗水市婦女聯合會黨組關于干部后并余規范聯系"),
            Script::Traditional
        );
        assert_eq!(detect("丽水妇联 麗水婦聯"), Script::Mixed);
        assert_eq!(detect("abc 123"), Script::Unknown);
    }
}
