//! Normalize stage: decoded text → char-aligned matching copy, plus script.
//!
//! Consumes the decoded original; produces an [`AlignedText`] whose matching
//! copy is Simplified (OpenCC's character table, one char to one char),
//! width-folded ([`width::fold_width`]) and free of leaked conversion debris
//! ([`debris`]), and the detected [`Script`]. Every
//! rule downstream matches on the copy, so results do not depend on the script
//! or on full-width versus ASCII punctuation.

pub mod convert;
pub mod debris;
pub mod script;
#[cfg(feature = "system-opencc")]
pub mod system;
pub mod width;

pub use convert::{Converter, ConverterError, ScriptConverter, TargetScript, default_converter};
pub use script::Script;

use std::sync::LazyLock;

use crate::span::AlignedText;

/// The matching form of one character: width-folded, then simplified.
pub fn fold_char(c: char) -> char {
    FOLD_TABLE.fold(c).0
}

/// [`fold_char`] and the script the char belongs to alone
/// ([`script::simplify_with_script`]) for every char of the Basic
/// Multilingual Plane, computed once per process, so that the normalizer
/// does one look-up per char.
///
/// Most chars of a notice fold to themselves; for them a 2-bit class
/// (16 KiB, which stays in the L1 cache) says all, and only the chars that
/// change read the full table (256 KiB, whose scattered reads miss the cache).
struct FoldTable {
    /// Folded char in the low 21 bits; [`TRADITIONAL_ONLY`] or [`SIMPLIFIED_ONLY`].
    entries: Box<[u32]>,
    /// 2 bits per BMP char, 32 chars a word: [`KEPT`], [`KEPT_SIMPLIFIED`]
    /// or [`CHANGED`].
    classes: Box<[u64]>,
}

const TRADITIONAL_ONLY: u32 = 1 << 30;
const SIMPLIFIED_ONLY: u32 = 1 << 31;
const CHAR_BITS: u32 = (1 << 21) - 1;

/// Folds to itself, belongs to no script alone.
const KEPT: u64 = 0;
/// Folds to itself, Simplified alone (丽 妇 会).
const KEPT_SIMPLIFIED: u64 = 1;
/// Folds to another char, or is Traditional alone: read `entries`.
const CHANGED: u64 = 2;

impl FoldTable {
    fn build() -> FoldTable {
        let entries: Box<[u32]> = (0..=0xFFFF_u32)
            .map(|code| {
                let Some(c) = char::from_u32(code) else { return code };
                let (folded, exclusive) = Self::compute(c);
                folded as u32
                    | match exclusive {
                        Some(Script::Traditional) => TRADITIONAL_ONLY,
                        Some(Script::Simplified) => SIMPLIFIED_ONLY,
                        _ => 0,
                    }
            })
            .collect();
        let mut classes = vec![0u64; entries.len() / 32].into_boxed_slice();
        for (code, &entry) in entries.iter().enumerate() {
            let class = match (entry & CHAR_BITS == code as u32, entry & !CHAR_BITS) {
                (true, 0) => KEPT,
                (true, SIMPLIFIED_ONLY) => KEPT_SIMPLIFIED,
                _ => CHANGED,
            };
            classes[code / 32] |= class << (code % 32 * 2);
        }
        FoldTable { entries, classes }
    }

    fn compute(c: char) -> (char, Option<Script>) {
        script::simplify_with_script(width::fold_width(c))
    }

    /// The matching form of `c` and the script it belongs to alone.
    #[inline]
    fn fold(&self, c: char) -> (char, Option<Script>) {
        let (folded, traditional, simplified) = self.look_up(c);
        let exclusive = if traditional {
            Some(Script::Traditional)
        } else if simplified {
            Some(Script::Simplified)
        } else {
            None
        };
        (folded, exclusive)
    }

    /// The matching form of `c`, counting the script it belongs to alone.
    #[inline]
    fn fold_counting(&self, c: char, counter: &mut script::ScriptCounter) -> char {
        let (folded, traditional, simplified) = self.look_up(c);
        counter.count_scripts(traditional, simplified);
        folded
    }

    /// The matching form of `c`, whether it is Traditional alone and
    /// whether it is Simplified alone.
    #[inline]
    fn look_up(&self, c: char) -> (char, bool, bool) {
        let code = c as usize;
        let Some(&word) = self.classes.get(code / 32) else {
            let (folded, exclusive) = Self::compute(c);
            return (
                folded,
                exclusive == Some(Script::Traditional),
                exclusive == Some(Script::Simplified),
            );
        };
        let class = (word >> (code % 32 * 2)) & 3;
        if class != CHANGED {
            return (c, false, class == KEPT_SIMPLIFIED);
        }
        let entry = self.entries[code];
        let folded = char::from_u32(entry & CHAR_BITS).unwrap_or(c);
        (folded, entry & TRADITIONAL_ONLY != 0, entry & SIMPLIFIED_ONLY != 0)
    }
}

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(FoldTable::build);

/// Builds the aligned matching copy of `original`, leaving out leaked
/// conversions (`根據(jù)` matches as `根据`).
pub fn normalize(original: String) -> AlignedText {
    normalize_detecting(original).0
}

/// [`normalize`], and the script of `original` ([`script::detect`]) found in
/// the same pass.
pub fn normalize_detecting(original: String) -> (AlignedText, Script) {
    let leaks = debris::find_leaks(&original);
    let table = &*FOLD_TABLE;
    let mut counter = script::ScriptCounter::default();
    let text = AlignedText::without(original, |c| table.fold_counting(c, &mut counter), &leaks);
    (text, counter.script())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_copy_is_simplified_and_folded() {
        let text = normalize("電話0578—2091427；（一）關於「問題」".to_string());
        assert_eq!(text.matching(), "电话0578-2091427;(一)关于“问题”");
        assert_eq!(text.original_char_len(), text.original().chars().count());
    }

    #[test]
    fn fold_table_agrees_with_the_fold_rules() {
        let table = &*FOLD_TABLE;
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            assert_eq!(table.fold(c), FoldTable::compute(c), "{c:?}");
        }
    }
}
