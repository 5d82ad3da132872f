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

use crate::record::Script;
use std::collections::HashMap;
use std::sync::LazyLock;



const TS_CHARACTERS: &str = include_str!("../../rules/opencc/TSCharacters.txt");
const ST_CHARACTERS: &str = include_str!("../../rules/opencc/STCharacters.txt");

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

/// What the tables say of one character.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CharFacts {
    /// Its first Simplified candidate, when that differs from itself.
    simplified: Option<char>,
    /// A Traditional character whose Simplified forms all differ from it.
    traditional_only: bool,
    /// A Simplified character whose Traditional forms all differ from it.
    simplified_only: bool,
}

/// The unified ideographs and extension A, looked up by index; other
/// characters (supplementary planes) go to a small map.
const DENSE_FIRST: u32 = 0x3400;
const DENSE_LAST: u32 = 0x9FFF;

struct CharTable {
    dense: Vec<CharFacts>,
    sparse: HashMap<char, CharFacts>,
}

impl CharTable {
    fn build() -> Self {
        let mut table = CharTable {
            dense: vec![CharFacts::default(); (DENSE_LAST - DENSE_FIRST + 1) as usize],
            sparse: HashMap::new(),
        };
        for (key, candidates) in table_rows(TS_CHARACTERS) {
            let facts = table.entry(key);
            if candidates[0] != key {
                facts.simplified = Some(candidates[0]);
            }
            facts.traditional_only = !candidates.contains(&key);
        }
        for (key, candidates) in table_rows(ST_CHARACTERS) {
            table.entry(key).simplified_only = !candidates.contains(&key);
        }
        table
    }

    fn entry(&mut self, c: char) -> &mut CharFacts {
        match (c as u32).checked_sub(DENSE_FIRST) {
            Some(index) if c as u32 <= DENSE_LAST => &mut self.dense[index as usize],
            _ => self.sparse.entry(c).or_default(),
        }
    }

    fn get(&self, c: char) -> CharFacts {
        match (c as u32).checked_sub(DENSE_FIRST) {
            Some(index) if c as u32 <= DENSE_LAST => self.dense[index as usize],
            _ => self.sparse.get(&c).copied().unwrap_or_default(),
        }
    }
}

/// OpenCC's character tables, parsed once into an indexed table.
static TABLE: LazyLock<CharTable> = LazyLock::new(CharTable::build);

/// The Simplified form of one character (itself when it has none).
pub fn simplify_char(c: char) -> char {
    if (c as u32) < DENSE_FIRST {
        return c;
    }
    TABLE.get(c).simplified.unwrap_or(c)
}

/// The Simplified form of `c` and the script it belongs to alone, if any:
/// Traditional for 麗 婦 會, Simplified for 丽 妇 会, `None` for chars valid
/// in both (干, 后) or in neither.
pub fn simplify_with_script(c: char) -> (char, Option<Script>) {
    if (c as u32) < DENSE_FIRST {
        return (c, None);
    }
    let facts = TABLE.get(c);
    let exclusive = if facts.traditional_only {
        Some(Script::Traditional)
    } else if facts.simplified_only {
        Some(Script::Simplified)
    } else {
        None
    };
    (facts.simplified.unwrap_or(c), exclusive)
}

/// Share of the minority script above which a text counts as mixed.
const MIXED_SHARE: f64 = 0.15;

/// Counts of script-specific characters, for [`ScriptCounter::script`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounter {
    traditional: usize,
    simplified: usize,
}

impl ScriptCounter {
    #[cfg(any(test, feature = "internals"))]
    /// Counts `c` and returns its Simplified form (one table look-up for
    /// both, so the normalizer folds and detects in the same pass).
    pub fn simplify_and_count(&mut self, c: char) -> char {
        let (simplified, exclusive) = simplify_with_script(c);
        self.count_scripts(exclusive == Some(Script::Traditional), exclusive == Some(Script::Simplified));
        simplified
    }

    /// Counts a char by whether it is Traditional alone and whether it is
    /// Simplified alone (added, not branched on: the normalizer counts every
    /// char of the text).
    #[inline]
    pub fn count_scripts(&mut self, traditional: bool, simplified: bool) {
        self.traditional += usize::from(traditional);
        self.simplified += usize::from(simplified);
    }

    /// The script the counted characters show.
    pub fn script(&self) -> Script {
        let total = self.traditional + self.simplified;
        if total == 0 {
            return Script::Unknown;
        }
        let minority = self.traditional.min(self.simplified) as f64 / total as f64;
        if minority > MIXED_SHARE {
            Script::Mixed
        } else if self.traditional > self.simplified {
            Script::Traditional
        } else {
            Script::Simplified
        }
    }
}

#[cfg(any(test, feature = "internals"))]
/// Detects the script of a text from its script-specific characters.
pub fn detect(text: &str) -> Script {
    let mut counter = ScriptCounter::default();
    text.chars().for_each(|c| {
        counter.simplify_and_count(c);
    });
    counter.script()
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
