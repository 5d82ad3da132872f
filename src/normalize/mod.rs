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

use crate::span::AlignedText;

/// The matching form of one character: width-folded, then simplified.
pub fn fold_char(c: char) -> char {
    script::simplify_char(width::fold_width(c))
}

/// Builds the aligned matching copy of `original`, leaving out leaked
/// conversions (`根據(jù)` matches as `根据`).
pub fn normalize(original: String) -> AlignedText {
    normalize_detecting(original).0
}

/// [`normalize`], and the script of `original` ([`script::detect`]) found in
/// the same pass.
pub fn normalize_detecting(original: String) -> (AlignedText, Script) {
    let leaks = debris::find_leaks(&original);
    let mut counter = script::ScriptCounter::default();
    let text = AlignedText::without(original, |c| counter.simplify_and_count(width::fold_width(c)), &leaks);
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
}
