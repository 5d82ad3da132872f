//! Spans and the offset mapping between the original text and its matching copy.
//!
//! The pipeline keeps two strings: the decoded original and a *matching copy*
//! (Simplified, width-folded) that the rules run on. Every char of the copy
//! stands for one char of the original; the copy may leave out original chars
//! (leaked conversion debris) but never adds any, and UTF-8 byte lengths may
//! differ. Without removals char `i` of one is char `i` of the other.
//!
//! Inside the pipeline every position is a byte offset into the matching copy
//! (what `regex` and `str` slicing give). [`AlignedText`] converts such byte
//! ranges into the public [`Span`]: a half-open `[start, end)` pair of Unicode
//! code-point offsets into the original text, so that Python's
//! `text[start:end]` returns the exact original characters.

use std::ops::Range;

pub use crate::record::Span;

/// Bytes of one block of [`CharBlocks`].
const BLOCK_BYTES: usize = 64;

/// Whether `byte` starts a UTF-8 sequence (is not a continuation byte).
#[inline]
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// Number of chars starting in `bytes` (at most one block: the count fits
/// a `u8`, which lets the compiler vectorise the sum).
#[inline]
fn chars_starting_in(bytes: &[u8]) -> usize {
    debug_assert!(bytes.len() <= BLOCK_BYTES);
    bytes
        .iter()
        .fold(0u8, |count, &byte| count + u8::from(starts_char(byte))) as usize
}

/// The char index of byte offsets of one string: for every block of
/// [`BLOCK_BYTES`] bytes, how many chars start before it. Built by one
/// vectorised pass over the bytes, after the string, so that the loop that
/// builds the string keeps no per-char books for it.
#[derive(Debug, Clone)]
struct CharBlocks {
    /// Chars starting before byte `k × BLOCK_BYTES`, for every block `k`.
    chars_before: Vec<u32>,
    /// Chars of the whole string.
    chars: usize,
}

impl CharBlocks {
    fn of(text: &str) -> CharBlocks {
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK_BYTES + 1);
        let mut chars = 0;
        for block in text.as_bytes().chunks(BLOCK_BYTES) {
            chars_before.push(chars as u32);
            chars += chars_starting_in(block);
        }
        CharBlocks { chars_before, chars }
    }

    /// Index of the char starting at (or containing) byte `byte` of `text`;
    /// the char count at or past its end.
    fn char_at(&self, text: &str, byte: usize) -> usize {
        if byte >= text.len() {
            return self.chars;
        }
        let block = byte / BLOCK_BYTES;
        let from = block * BLOCK_BYTES;
        // The chars starting in the block up to `byte`, its own included;
        // the block may open inside the char of the previous block's end.
        let starting = chars_starting_in(&text.as_bytes()[from..=byte]);
        (self.chars_before[block] as usize + starting).saturating_sub(1)
    }
}

/// The original text and its matching copy, with what converts byte offsets
/// of the copy into code-point offsets and bytes of the original: the copy's
/// `CharBlocks` and the byte offset of every original char.
///
/// Every char of the copy stands for one char of the original (folded); the
/// copy may leave out original chars (leaked conversion debris such as the
/// `(jù)` in `根據(jù)`), never add any.
#[derive(Debug, Clone)]
pub struct AlignedText {
    original: String,
    matching: String,
    /// Byte offset of every char of `original`, plus its total length.
    original_starts: Vec<u32>,
    matching_blocks: CharBlocks,
    /// Original char index of every char of `matching`, plus the original's
    /// char count; `None` when nothing was left out (the index is the same).
    origin: Option<Vec<u32>>,
    /// Byte offsets in `matching` of the chars the fold marked.
    marked: Vec<u32>,
}

impl AlignedText {
    /// Pairs `original` with a matching copy built by mapping every char
    /// through `fold`.
    ///
    /// Offsets are stored as `u32`: inputs are limited far below 4 GiB by the
    /// input stage.
    pub fn new(original: String, fold: impl FnMut(char) -> char) -> Self {
        AlignedText::without(original, fold, &[])
    }

    /// Like [`AlignedText::new`], leaving the byte ranges `removed` (sorted,
    /// non-overlapping, on char boundaries of `original`) out of the copy.
    pub fn without(original: String, mut fold: impl FnMut(char) -> char, removed: &[Range<usize>]) -> Self {
        AlignedText::marking(original, |c| (fold(c), false), removed)
    }

    /// Like [`AlignedText::without`], with a fold that also marks chars:
    /// the byte offsets in the copy of the chars it marks are kept, in order
    /// ([`AlignedText::marked`]), so that a stage looking for a few kinds of
    /// char need not decode the whole copy again.
    pub fn marking(original: String, mut fold: impl FnMut(char) -> (char, bool), removed: &[Range<usize>]) -> Self {
        let mut matching = String::with_capacity(original.len());
        let mut original_starts = Vec::with_capacity(original.chars().count() + 1);
        let mut marked = Vec::new();
        let origin = if removed.is_empty() {
            // The common case, kept free of the removal checks: this loop
            // runs once per char of every input. Runs of chars the fold
            // keeps are copied whole when a changed char (or the end) comes;
            // `copied_to` is where the original is copied up to.
            // The copy has the same bytes as the original from `copied_to`
            // on, so a char at `byte` lands at `matching.len() + byte - copied_to`.
            let mut copied_to = 0;
            for (byte, c) in original.char_indices() {
                original_starts.push(byte as u32);
                let (folded, mark) = fold(c);
                if mark {
                    marked.push((matching.len() + byte - copied_to) as u32);
                }
                if folded != c {
                    matching.push_str(&original[copied_to..byte]);
                    matching.push(folded);
                    copied_to = byte + c.len_utf8();
                }
            }
            matching.push_str(&original[copied_to..]);
            None
        } else {
            let mut origin = Vec::new();
            let mut removals = removed.iter().peekable();
            for (index, (byte, c)) in original.char_indices().enumerate() {
                original_starts.push(byte as u32);
                while removals.peek().is_some_and(|range| range.end <= byte) {
                    removals.next();
                }
                if removals.peek().is_some_and(|range| range.contains(&byte)) {
                    continue;
                }
                origin.push(index as u32);
                let (folded, mark) = fold(c);
                if mark {
                    marked.push(matching.len() as u32);
                }
                matching.push(folded);
            }
            Some(origin)
        };
        let original_chars = original_starts.len();
        original_starts.push(original.len() as u32);
        let origin = origin.map(|mut origin| {
            origin.push(original_chars as u32);
            origin
        });
        AlignedText {
            matching_blocks: CharBlocks::of(&matching),
            original_starts,
            original,
            matching,
            origin,
            marked,
        }
    }

    /// An original and its folded copy made elsewhere (the normalizer's own
    /// loop): `matching` has one char for every char of `original`,
    /// `original_starts` the byte offset of every original char and the
    /// original's length, `marked` what [`AlignedText::marked`] returns.
    pub(crate) fn from_folded(original: String, matching: String, original_starts: Vec<u32>, marked: Vec<u32>) -> Self {
        debug_assert_eq!(original_starts.len(), matching.chars().count() + 1);
        AlignedText {
            matching_blocks: CharBlocks::of(&matching),
            original_starts,
            original,
            matching,
            origin: None,
            marked,
        }
    }

    /// The same original with a matching copy that leaves out the byte
    /// ranges `cut` of this copy (sorted, not overlapping, on char
    /// boundaries): what later stages must not see, such as page furniture.
    /// Spans of the new copy still index the original.
    pub fn cutting(self, cut: &[Range<usize>]) -> AlignedText {
        let mut matching = String::with_capacity(self.matching.len());
        let mut origin: Vec<u32> = Vec::with_capacity(self.matching_blocks.chars + 1);
        let mut marked = Vec::with_capacity(self.marked.len());
        let mut marks = self.marked.iter().map(|&offset| offset as usize).peekable();
        // Kept pieces are copied whole; `chars_before` counts the chars of
        // this copy before the piece at hand (cut ones included).
        let mut kept_from = 0;
        let mut chars_before = 0;
        let keep = |piece: Range<usize>,
                    chars_before: &mut usize,
                    matching: &mut String,
                    origin: &mut Vec<u32>,
                    marked: &mut Vec<u32>,
                    marks: &mut std::iter::Peekable<_>| {
            let text = &self.matching[piece.clone()];
            let shift = matching.len() as isize - piece.start as isize;
            while let Some(&mark) = marks.peek() {
                if mark >= piece.end {
                    break;
                }
                if mark >= piece.start {
                    marked.push((mark as isize + shift) as u32);
                }
                marks.next();
            }
            let count = text.chars().count();
            match &self.origin {
                None => origin.extend((*chars_before..*chars_before + count).map(|index| index as u32)),
                Some(map) => origin.extend_from_slice(&map[*chars_before..*chars_before + count]),
            }
            matching.push_str(text);
            *chars_before += count;
        };
        for range in cut {
            keep(
                kept_from..range.start,
                &mut chars_before,
                &mut matching,
                &mut origin,
                &mut marked,
                &mut marks,
            );
            chars_before += self.matching[range.clone()].chars().count();
            kept_from = range.end;
        }
        keep(
            kept_from..self.matching.len(),
            &mut chars_before,
            &mut matching,
            &mut origin,
            &mut marked,
            &mut marks,
        );
        origin.push(self.original_char_len() as u32);
        AlignedText {
            matching_blocks: CharBlocks::of(&matching),
            original_starts: self.original_starts,
            original: self.original,
            matching,
            origin: Some(origin),
            marked,
        }
    }

    /// The decoded input, exactly as read.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The Simplified, width-folded copy that the rules match on.
    pub fn matching(&self) -> &str {
        &self.matching
    }

    /// Byte offsets in the matching copy of the chars the fold marked
    /// ([`AlignedText::marking`]), in order; empty for the other constructors.
    pub fn marked(&self) -> &[u32] {
        &self.marked
    }

    /// Number of chars (code points) of the original text.
    pub fn original_char_len(&self) -> usize {
        self.original_starts.len() - 1
    }

    /// Number of original chars the matching copy leaves out.
    pub fn removed_chars(&self) -> usize {
        self.original_char_len() - self.matching_blocks.chars
    }

    /// The public span of a byte range of the matching copy: from the
    /// original char of its first char to just after that of its last.
    pub fn span(&self, range: Range<usize>) -> Span {
        let first = self.matching_blocks.char_at(&self.matching, range.start);
        // A short range on char boundaries (most spans: a quantity, a date)
        // ends its own char count after its first char.
        let end = match self.matching.get(range.clone()) {
            Some(slice) if slice.len() <= BLOCK_BYTES => first + chars_starting_in(slice.as_bytes()),
            _ => self.matching_blocks.char_at(&self.matching, range.end),
        };
        let start = self.origin_of(first);
        if end <= first {
            return Span::new(start, start);
        }
        Span::new(start, self.origin_of(end - 1) + 1)
    }

    /// Original char index of matching char `index`.
    fn origin_of(&self, index: usize) -> usize {
        self.origin.as_ref().map_or(index, |origin| origin[index] as usize)
    }

    /// The original characters behind a byte range of the matching copy.
    pub fn original_slice(&self, range: Range<usize>) -> &str {
        let span = self.span(range);
        self.original_of(span)
    }

    /// The original characters behind a public span.
    pub fn original_of(&self, span: Span) -> &str {
        let last = self.original_char_len();
        let start = self.original_starts[span.start.min(last)] as usize;
        let end = self.original_starts[span.end.min(last)] as usize;
        &self.original[start..end.max(start)]
    }
}

/// A set of byte ranges, merged and sorted, with logarithmic look-ups: the
/// places earlier extractors took (《》 titles, dates) that later ones skip.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeSet {
    ranges: Vec<Range<usize>>,
}

impl RangeSet {
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        let mut sorted: Vec<Range<usize>> = ranges.into_iter().filter(|r| r.start < r.end).collect();
        sorted.sort_by_key(|r| r.start);
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
        for range in sorted {
            match ranges.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => ranges.push(range),
            }
        }
        RangeSet { ranges }
    }

    /// Adds ranges, keeping the set merged.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Range<usize>>) {
        let all: Vec<Range<usize>> = self.ranges.drain(..).chain(more).collect();
        *self = RangeSet::new(all);
    }

    /// Whether `offset` lies in one of the ranges.
    pub fn contains(&self, offset: usize) -> bool {
        let after = self.ranges.partition_point(|r| r.start <= offset);
        after > 0 && self.ranges[after - 1].end > offset
    }

    /// Whether `range` shares a byte with one of the ranges.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let after = self.ranges.partition_point(|r| r.start < range.end);
        after > 0 && self.ranges[after - 1].end > range.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_fold(c: char) -> char {
        match c {
            '麗' => '丽',
            '（' => '(',
            '）' => ')',
            other => other,
        }
    }

    #[test]
    fn spans_map_back_to_original_characters() {
        let text = AlignedText::new("中共麗水（市）abc".to_string(), test_fold);
        assert_eq!(text.matching(), "中共丽水(市)abc");
        assert_eq!(text.original_char_len(), 10);
        let start = text.matching().find("丽水").unwrap();
        let span = text.span(start..start + "丽水".len());
        assert_eq!(span, Span::new(2, 4));
        assert_eq!(text.original_of(span), "麗水");
        let paren = text.matching().find("(市)").unwrap();
        assert_eq!(text.original_slice(paren..paren + 5), "（市）");
    }

    #[test]
    fn marked_chars_are_found_at_their_offsets_in_the_copy() {
        let mark = |c: char| (test_fold(c), c == '（' || c == '水' || c == 'b');
        let parentheses = "中".len().."中(x)".len();
        for removed in [&[][..], &[parentheses]] {
            let text = AlignedText::marking("中(x)麗水（市）abc".to_string(), mark, removed);
            let marked: Vec<char> = text
                .marked()
                .iter()
                .map(|&at| text.matching()[at as usize..].chars().next().unwrap())
                .collect();
            assert_eq!(marked, ['水', '(', 'b'], "{removed:?}");
        }
    }

    #[test]
    fn removed_chars_are_skipped_and_spans_still_slice() {
        let original = "根據(jù)市委統(tǒng)一部署".to_string();
        let removed = [
            original.find("(jù)").unwrap()..original.find("市").unwrap(),
            original.find("(tǒng)").unwrap()..original.find("一").unwrap(),
        ];
        let text = AlignedText::without(original, test_fold, &removed);
        assert_eq!(text.matching(), "根據市委統一部署");
        let start = text.matching().find("據市").unwrap();
        assert_eq!(text.original_slice(start..start + "據市".len()), "據(jù)市");
        let start = text.matching().find("統一").unwrap();
        assert_eq!(text.span(start..start + "統一".len()), Span::new(8, 16));
        assert_eq!(text.original_of(Span::new(8, 16)), "統(tǒng)一");
        assert_eq!(text.original_char_len(), 18);
        assert_eq!(text.removed_chars(), 10);
    }

    #[test]
    fn a_cut_copy_keeps_spans_and_marks_of_what_remains() {
        let original = "首页>巡察\n麗水（市）\n瀏覽3\nabc".to_string();
        let mark = |c: char| (test_fold(c), c == '水' || c == '3' || c == 'b');
        // Built with a removed range first, so the cut composes two maps.
        let removed = original.find("（").unwrap()..original.find("市").unwrap();
        let text = AlignedText::marking(original, mark, std::slice::from_ref(&removed));
        assert_eq!(text.matching(), "首页>巡察\n丽水市)\n瀏覽3\nabc");
        let first = text.matching().find('\n').unwrap();
        let third = text.matching().find("瀏").unwrap();
        let original = text.original().to_owned();
        let cut = text.cutting(&[0..first, third..third + "瀏覽3".len()]);
        assert_eq!(cut.matching(), "\n丽水市)\n\nabc");
        let city = cut.matching().find("水市").unwrap();
        assert_eq!(cut.span(city..city + "水市".len()), Span::new(7, 10));
        assert_eq!(cut.original_slice(city..city + "水市".len()), "水（市");
        let abc = cut.matching().find("abc").unwrap();
        assert_eq!(cut.original_slice(abc..abc + 3), "abc");
        let marked: Vec<char> = cut
            .marked()
            .iter()
            .map(|&at| cut.matching()[at as usize..].chars().next().unwrap())
            .collect();
        assert_eq!(marked, ['水', 'b']);
        assert_eq!(cut.original(), original);
    }

    #[test]
    fn span_serialises_as_pair() {
        let json = serde_json::to_string(&Span::new(3, 7)).unwrap();
        assert_eq!(json, "[3,7]");
        let back: Span = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Span::new(3, 7));
    }

    #[test]
    fn range_sets_merge_and_look_up() {
        let set = RangeSet::new([10..20, 0..5, 15..25, 30..30]);
        assert!(set.contains(0) && set.contains(24) && !set.contains(5) && !set.contains(25));
        assert!(set.overlaps(&(4..6)) && set.overlaps(&(24..40)) && !set.overlaps(&(5..10)));
        assert!(!set.overlaps(&(25..30)) && !RangeSet::default().contains(0));
    }

    /// Index of the char starting at (or containing) every byte of `text`,
    /// plus the char count for the end: what [`CharBlocks::char_at`] reads.
    fn char_of_every_byte(text: &str) -> Vec<usize> {
        let mut index = Vec::with_capacity(text.len() + 1);
        for (char_index, c) in text.chars().enumerate() {
            index.extend(std::iter::repeat_n(char_index, c.len_utf8()));
        }
        index.push(text.chars().count());
        index
    }

    proptest::proptest! {
        #[test]
        fn blocks_find_the_char_of_every_byte(
            pieces in proptest::collection::vec(proptest::sample::select(vec!["a", "一", "é", "𠀀", "（", ","]), 0..200)
        ) {
            let text: String = pieces.concat();
            let blocks = CharBlocks::of(&text);
            let expected = char_of_every_byte(&text);
            for (byte, &index) in expected.iter().enumerate() {
                proptest::prop_assert_eq!(blocks.char_at(&text, byte), index, "byte {} of {:?}", byte, text);
            }
            proptest::prop_assert_eq!(blocks.char_at(&text, text.len() + 5), expected[text.len()]);
        }

        /// Spans of short and long ranges, inside and across blocks, are
        /// the char counts before their ends.
        #[test]
        fn spans_count_chars_before_both_ends(
            pieces in proptest::collection::vec(proptest::sample::select(vec!["a", "一", "é", "𠀀", "（", ","]), 0..120),
            from in 0usize..400,
            length in 0usize..150,
        ) {
            let text = AlignedText::new(pieces.concat(), |c| c);
            let matching = text.matching();
            let boundaries: Vec<usize> = matching.char_indices().map(|(at, _)| at).chain([matching.len()]).collect();
            let start = boundaries[from % boundaries.len()];
            let end = boundaries.iter().copied().find(|&at| at >= start + length).unwrap_or(matching.len());
            let chars_before = |at: usize| matching[..at].chars().count();
            proptest::prop_assert_eq!(text.span(start..end), Span::new(chars_before(start), chars_before(end)));
        }
    }

    #[test]
    fn empty_text_has_one_boundary() {
        let text = AlignedText::new(String::new(), |c| c);
        assert_eq!(text.original_char_len(), 0);
        assert_eq!(text.span(0..0), Span::new(0, 0));
        assert_eq!(text.original_of(Span::new(0, 0)), "");
    }
}
