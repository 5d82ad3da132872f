//! Normalize stage: decoded text → char-aligned matching copy, plus script.
//!
//! Consumes the decoded original; produces an [`AlignedText`] whose matching
//! copy is Simplified (OpenCC's character table, one char to one char),
//! width-folded ([`width::fold_width`]) and free of leaked conversion debris
//! ([`debris`]), and the detected [`Script`]. Every
//! rule downstream matches on the copy, so results do not depend on the script
//! or on full-width versus ASCII punctuation.
//!
//! One pass over the input does it all: each char is decoded once, folded,
//! counted for the script and, when it can write a count (`3`, `十`, `萬`),
//! marked for the quantity stage ([`AlignedText::marked`]), through one
//! table look-up.

pub mod debris;
pub mod script;
pub mod width;

pub use crate::record::Script;

use std::sync::LazyLock;

use crate::charset;
use crate::numeral;
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
/// For a look-up of one char ([`fold_char`], the generic fold of texts
/// with leaks left out), a 2-bit class (16 KiB, which stays in the L1
/// cache) says all for most chars, which fold to themselves, and only the
/// chars that change read the full table (256 KiB).
///
/// The table also tells the count chars ([`numeral::is_count_char`] of the
/// folded char), which the normalizer marks for the quantity stage.
///
/// An entry holds the folded char already encoded, so that the normalizer
/// ([`fold_text`]) copies every char through the table without branching
/// on whether it changes.
struct FoldTable {
    /// The folded char's UTF-8 bytes in the low 24 bits (first byte lowest)
    /// and their number in [`LENGTH_BITS`], 0 when the char must be folded
    /// by [`FoldTable::compute`] (its fold is longer than itself: several
    /// hundred rare Traditional chars simplify beyond the BMP, 綀 among
    /// them); [`TRADITIONAL_ONLY`], [`SIMPLIFIED_ONLY`], [`COUNT_CHAR`].
    entries: Box<[u32]>,
    /// 2 bits per BMP char, 32 chars a word: [`KEPT`], [`KEPT_SIMPLIFIED`],
    /// [`KEPT_COUNT_CHAR`] or [`LOOK_UP`].
    classes: Box<[u64]>,
}

const LENGTH_SHIFT: u32 = 24;
const LENGTH_BITS: u32 = 3 << LENGTH_SHIFT;
const COUNT_CHAR: u32 = 1 << 29;
const TRADITIONAL_ONLY: u32 = 1 << 30;
const SIMPLIFIED_ONLY: u32 = 1 << 31;

/// Folds to itself, belongs to no script alone, is no count char.
const KEPT: u64 = 0;
/// Folds to itself, Simplified alone (丽 妇 会), no count char.
const KEPT_SIMPLIFIED: u64 = 1;
/// Folds to another char, or is Traditional alone, or is both a count char
/// and Simplified alone (两 万 亿): read `entries`.
const LOOK_UP: u64 = 2;
/// Folds to itself, belongs to no script alone, is a count char (3 一 十).
const KEPT_COUNT_CHAR: u64 = 3;

impl FoldTable {
    fn build() -> FoldTable {
        let mut entries = vec![0u32; 0x1_0000].into_boxed_slice();
        let mut classes = vec![0u64; 0x1_0000 / 32].into_boxed_slice();
        for (code, c) in (0..=0xFFFF_u32).filter_map(|code| Some((code as usize, char::from_u32(code)?))) {
            let (folded, exclusive) = Self::compute(c);
            let flags = if numeral::is_count_char(folded) { COUNT_CHAR } else { 0 }
                | match exclusive {
                    Some(Script::Traditional) => TRADITIONAL_ONLY,
                    Some(Script::Simplified) => SIMPLIFIED_ONLY,
                    _ => 0,
                };
            entries[code] = flags | encoded(folded, c.len_utf8());
            let class = match (folded == c, flags) {
                (true, 0) => KEPT,
                (true, SIMPLIFIED_ONLY) => KEPT_SIMPLIFIED,
                (true, COUNT_CHAR) => KEPT_COUNT_CHAR,
                _ => LOOK_UP,
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
        let Folded {
            folded,
            traditional,
            simplified,
            ..
        } = self.look_up(c);
        let exclusive = if traditional {
            Some(Script::Traditional)
        } else if simplified {
            Some(Script::Simplified)
        } else {
            None
        };
        (folded, exclusive)
    }

    /// The matching form of `c`, counting the script it belongs to alone,
    /// and whether it is a count char.
    #[inline]
    fn fold_counting(&self, c: char, counter: &mut script::ScriptCounter) -> (char, bool) {
        let Folded {
            folded,
            traditional,
            simplified,
            count_char,
        } = self.look_up(c);
        counter.count_scripts(traditional, simplified);
        (folded, count_char)
    }

    #[inline]
    fn look_up(&self, c: char) -> Folded {
        let code = c as usize;
        let Some(&word) = self.classes.get(code / 32) else {
            let (folded, exclusive) = Self::compute(c);
            return Folded {
                folded,
                traditional: exclusive == Some(Script::Traditional),
                simplified: exclusive == Some(Script::Simplified),
                count_char: numeral::is_count_char(folded),
            };
        };
        let class = (word >> (code % 32 * 2)) & 3;
        if class != LOOK_UP {
            return Folded {
                folded: c,
                traditional: false,
                simplified: class == KEPT_SIMPLIFIED,
                count_char: class == KEPT_COUNT_CHAR,
            };
        }
        let entry = self.entries[code];
        Folded {
            folded: decoded(entry).unwrap_or_else(|| Self::compute(c).0),
            traditional: entry & TRADITIONAL_ONLY != 0,
            simplified: entry & SIMPLIFIED_ONLY != 0,
            count_char: entry & COUNT_CHAR != 0,
        }
    }
}

/// The UTF-8 bytes of `folded` and their number, as an entry of
/// [`FoldTable`] holds them; no bytes (length 0) when they take more than
/// `room` bytes.
fn encoded(folded: char, room: usize) -> u32 {
    let mut bytes = [0u8; 4];
    let length = folded.encode_utf8(&mut bytes).len();
    if length > room.min(3) {
        return 0;
    }
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], 0]) | (length as u32) << LENGTH_SHIFT
}

/// The folded char an entry of [`FoldTable`] holds, if it holds its bytes.
fn decoded(entry: u32) -> Option<char> {
    let length = ((entry & LENGTH_BITS) >> LENGTH_SHIFT) as usize;
    let bytes = entry.to_le_bytes();
    std::str::from_utf8(&bytes[..length]).ok()?.chars().next()
}

/// What [`FoldTable`] knows of a char.
struct Folded {
    /// The matching form.
    folded: char,
    /// Whether the char is Traditional alone.
    traditional: bool,
    /// Whether it is Simplified alone.
    simplified: bool,
    /// Whether the matching form is a count char ([`numeral::is_count_char`]).
    count_char: bool,
}

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(FoldTable::build);

#[cfg(any(test, feature = "cli", feature = "internals"))]
/// Builds the aligned matching copy of `original`, leaving out leaked
/// conversions (`根據(jù)` matches as `根据`).
pub fn normalize(original: String) -> AlignedText {
    normalize_detecting(original).0
}

/// [`normalize`], and the script of `original` ([`script::detect`]) found in
/// the same pass. The copy's count chars are marked
/// ([`AlignedText::marked`], [`numeral::is_count_char`]).
pub fn normalize_detecting(original: String) -> (AlignedText, Script) {
    let leaks = debris::find_leaks(&original);
    let table = &*FOLD_TABLE;
    let mut counter = script::ScriptCounter::default();
    let text = if leaks.is_empty() {
        fold_text(original, table, &mut counter)
    } else {
        AlignedText::marking(original, |c| table.fold_counting(c, &mut counter), &leaks)
    };
    (text, counter.script())
}

/// [`AlignedText::marking`] with the fold of `table`, for a text with
/// nothing to leave out, counting scripts into `counter`: every char is
/// copied through its table entry (bytes, length and flags at once), so the
/// loop does not branch on whether a char changes, which in Traditional or
/// full-width punctuated text it cannot predict.
fn fold_text(original: String, table: &FoldTable, counter: &mut script::ScriptCounter) -> AlignedText {
    let bytes = original.as_bytes();
    let mut original_starts = Vec::with_capacity(original.chars().count() + 1);
    let mut marked = Vec::new();
    // Each entry is written whole (four bytes) at `written`, the next char
    // overwriting what is past its own bytes: `copy` keeps four bytes of room
    // past the longest the copy can grow (an entry is never longer than its
    // char, a char folded by `compute` may be).
    let mut copy = vec![0u8; bytes.len() + 4];
    let mut written = 0;
    let mut read = 0;
    while read < bytes.len() {
        original_starts.push(read as u32);
        let (code, width) = charset::decode(bytes, read);
        let entry = if width < 4 { table.entries[code as usize] } else { 0 };
        let length = ((entry & LENGTH_BITS) >> LENGTH_SHIFT) as usize;
        if length > 0 {
            copy[written..written + 4].copy_from_slice(&entry.to_le_bytes());
            if entry & COUNT_CHAR != 0 {
                marked.push(written as u32);
            }
            counter.count_scripts(entry & TRADITIONAL_ONLY != 0, entry & SIMPLIFIED_ONLY != 0);
            written += length;
        } else {
            let c = char::from_u32(code).unwrap_or_default();
            let (folded, count_char) = table.fold_counting(c, counter);
            let length = folded.len_utf8();
            let room = written + length + (bytes.len() - read - width) + 4;
            if copy.len() < room {
                copy.resize(room, 0);
            }
            if count_char {
                marked.push(written as u32);
            }
            folded.encode_utf8(&mut copy[written..written + length]);
            written += length;
        }
        read += width;
    }
    original_starts.push(bytes.len() as u32);
    copy.truncate(written);
    // The copy is made of whole chars; the check is a vectorised pass.
    let matching =
        simdutf8::basic::from_utf8(&copy).map_or_else(|_| String::from_utf8_lossy(&copy).into_owned(), str::to_owned);
    AlignedText::from_folded(original, matching, original_starts, marked)
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
            let (folded, exclusive) = FoldTable::compute(c);
            assert_eq!(table.fold(c), (folded, exclusive), "{c:?}");
            assert_eq!(table.look_up(c).count_char, numeral::is_count_char(folded), "{c:?}");
        }
    }

    #[test]
    fn folds_longer_than_their_char_take_the_slow_path() {
        // Rare Traditional chars simplify beyond the BMP (綀 to a four-byte
        // char): their entries hold no bytes, and the copy grows.
        let table = &*FOLD_TABLE;
        let c = '綀';
        assert_eq!(table.entries[c as usize] & LENGTH_BITS, 0);
        let folded = FoldTable::compute(c).0;
        assert!(folded.len_utf8() > c.len_utf8(), "{folded}");
        let text = normalize("綀綀一".to_string());
        assert_eq!(text.matching(), format!("{folded}{folded}一"));
        assert_eq!(text.marked(), [2 * folded.len_utf8() as u32]);
        assert_eq!(text.original_slice(folded.len_utf8()..2 * folded.len_utf8()), "綀");
    }

    #[test]
    fn count_chars_are_marked_after_folding() {
        // ３, 萬 and the circle ○ fold into count chars (3, 万, 〇); 兩 is 两;
        // the financial 壹 is no count char.
        let text = normalize("共３萬人,兩項(jù)一十壹○".to_string());
        assert_eq!(text.matching(), "共3万人,两项一十壹〇");
        let marked: String = text
            .marked()
            .iter()
            .map(|&at| text.matching()[at as usize..].chars().next().unwrap())
            .collect();
        assert_eq!(marked, "3万两一十〇");
    }

    proptest::proptest! {
        /// The normalizer's own loop folds, marks and counts as the generic
        /// fold does, on any text (ASCII, Latin, CJK, full-width, beyond the
        /// BMP).
        #[test]
        fn own_loop_folds_as_the_generic_fold(text in "[a-z0-9 ,\\n¢é一二萬萬兩麗丽会會，。（）０９Ａ「」〇○壹干幹綀𠀀😀]{0,24}") {
            let table = &*FOLD_TABLE;
            let mut own_counter = script::ScriptCounter::default();
            let own = fold_text(text.clone(), table, &mut own_counter);
            let mut counter = script::ScriptCounter::default();
            let generic = AlignedText::marking(text.clone(), |c| table.fold_counting(c, &mut counter), &[]);
            proptest::prop_assert_eq!(own.matching(), generic.matching());
            proptest::prop_assert_eq!(own.marked(), generic.marked());
            proptest::prop_assert_eq!(own_counter, counter);
            proptest::prop_assert_eq!(own.original_char_len(), generic.original_char_len());
            let whole = 0..own.matching().len();
            proptest::prop_assert_eq!(own.span(whole.clone()), generic.span(whole.clone()));
            proptest::prop_assert_eq!(own.original_slice(whole), text.as_str());
            for ((at, folded), original) in own.matching().char_indices().zip(text.chars()) {
                let one = own.original_slice(at..at + folded.len_utf8());
                let expected = original.to_string();
                proptest::prop_assert_eq!(one, expected.as_str());
            }
        }

        /// The marks are exactly the count chars of the matching copy, with
        /// and without leaked debris left out.
        #[test]
        fn marks_are_the_count_chars_of_the_copy(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "２", "萬", "万", "兩", "一", "十", "百", "億", "〇", "○", "壹", "人", "，", "根據", "(jù)",
                "(tǒng)", "統", "a", " ", "\n", "𠀀",
            ]), 0..20)
        ) {
            let text = normalize(pieces.concat());
            let expected: Vec<u32> = text
                .matching()
                .char_indices()
                .filter(|&(_, c)| numeral::is_count_char(c))
                .map(|(at, _)| at as u32)
                .collect();
            proptest::prop_assert_eq!(text.marked(), expected.as_slice());
        }
    }
}
