//! Sets of characters with constant-time membership, built at compile time.
//!
//! The scanning loops ask "is this char one of …" once per char of the text;
//! `str::contains(char)` searches the list each time. A [`CharSet`] is a
//! bitmap of the Basic Multilingual Plane (8 KiB), filled from a string of
//! its members in a `const` context, so a set is a `static` with no start-up
//! cost. Members outside the BMP are a compile-time error.

/// Words in the bitmap of the Basic Multilingual Plane.
const WORDS: usize = 0x1_0000 / 64;

/// A set of BMP characters.
pub struct CharSet {
    bits: [u64; WORDS],
}

impl CharSet {
    /// The set of the chars of `members` (UTF-8 decoded at compile time).
    pub const fn new(members: &str) -> CharSet {
        CharSet { bits: [0; WORDS] }.and(members)
    }

    /// The set of the first chars of `words`: a word of the list can start
    /// at a char only if the char is in it.
    pub const fn first_chars_of(words: &[&str]) -> CharSet {
        let mut set = CharSet { bits: [0; WORDS] };
        let mut index = 0;
        while index < words.len() {
            let bytes = words[index].as_bytes();
            if !bytes.is_empty() {
                set.insert(decode(bytes, 0).0);
            }
            index += 1;
        }
        set
    }

    /// The set of the last chars of `words`: a text can end with a word of
    /// the list only if its last char is in it.
    pub const fn last_chars_of(words: &[&str]) -> CharSet {
        let mut set = CharSet { bits: [0; WORDS] };
        let mut index = 0;
        while index < words.len() {
            let bytes = words[index].as_bytes();
            let mut last = bytes.len();
            while last > 0 && (bytes[last - 1] & 0xC0) == 0x80 {
                last -= 1;
            }
            if last > 0 {
                set.insert(decode(bytes, last - 1).0);
            }
            index += 1;
        }
        set
    }

    /// This set and the chars of `members`.
    pub const fn and(mut self, members: &str) -> CharSet {
        let bytes = members.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            let (code, length) = decode(bytes, index);
            self.insert(code);
            index += length;
        }
        self
    }

    /// This set and every char of `words`.
    pub const fn and_chars_of(mut self, words: &[&str]) -> CharSet {
        let mut index = 0;
        while index < words.len() {
            self = self.and(words[index]);
            index += 1;
        }
        self
    }

    const fn insert(&mut self, code: u32) {
        assert!(
            code < 0x1_0000,
            "CharSet members must be in the Basic Multilingual Plane"
        );
        self.bits[(code / 64) as usize] |= 1 << (code % 64);
    }

    /// Whether `c` is a member.
    #[inline]
    pub const fn contains(&self, c: char) -> bool {
        let code = c as u32;
        code < 0x1_0000 && self.bits[(code / 64) as usize] & (1 << (code % 64)) != 0
    }
}

/// After the chars `keep` accepts from byte `from` of `text`, at most
/// `most` of them.
pub(crate) fn run_end(text: &str, from: usize, most: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut end = from;
    for c in text[from..].chars().take(most) {
        if !keep(c) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The end of the chars `keep` accepts from byte `from` of `text`, if they
/// are 1 to `most`: where a bounded repetition `[…]{1,most}` that must be
/// followed by another char ends.
pub(crate) fn whole_run_end(text: &str, from: usize, most: usize, keep: impl Fn(char) -> bool) -> Option<usize> {
    let end = run_end(text, from, most + 1, keep);
    (end > from && text[from..end].chars().count() <= most).then_some(end)
}

/// The code point of the UTF-8 char starting at `bytes[index]`, and its
/// length in bytes; `bytes` must be valid UTF-8 there (a `str`'s bytes).
/// Also the normalizer's decoder, which reads every char of the input.
#[inline(always)]
pub(crate) const fn decode(bytes: &[u8], index: usize) -> (u32, usize) {
    let lead = bytes[index] as u32;
    if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        (((lead & 0x1F) << 6) | continuation(bytes, index + 1), 2)
    } else if lead < 0xF0 {
        let high = (lead & 0x0F) << 12;
        (
            high | (continuation(bytes, index + 1) << 6) | continuation(bytes, index + 2),
            3,
        )
    } else {
        let high = ((lead & 0x07) << 18) | (continuation(bytes, index + 1) << 12);
        (
            high | (continuation(bytes, index + 2) << 6) | continuation(bytes, index + 3),
            4,
        )
    }
}

/// The six payload bits of the continuation byte `bytes[index]`.
#[inline(always)]
const fn continuation(bytes: &[u8], index: usize) -> u32 {
    bytes[index] as u32 & 0x3F
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: CharSet = CharSet::new("0a¢一〇零十");

    #[test]
    fn runs_end_at_their_bound_or_their_last_char() {
        let numeral = |c| SET.contains(c);
        // 一〇 are two 3-byte chars, 是 is not in the set.
        assert_eq!(run_end("一〇是", 0, 5, numeral), 6);
        assert_eq!(run_end("一〇是", 0, 1, numeral), 3);
        assert_eq!(run_end("是一", 0, 5, numeral), 0);
        assert_eq!(run_end("是一", 3, 5, numeral), 6);
        assert_eq!(whole_run_end("一〇是", 0, 2, numeral), Some(6));
        assert_eq!(whole_run_end("一〇十是", 0, 2, numeral), None);
        assert_eq!(whole_run_end("是", 0, 2, numeral), None);
        assert_eq!(whole_run_end("一〇", 0, 2, numeral), Some(6));
    }

    #[test]
    fn holds_exactly_its_members() {
        for c in "0a¢一〇零十".chars() {
            assert!(SET.contains(c), "{c}");
        }
        for c in "1b£二〡令千𠀀".chars() {
            assert!(!SET.contains(c), "{c}");
        }
    }

    static FIRSTS: CharSet = CharSet::first_chars_of(&["超过", "a", "", "约"]);
    static LASTS: CharSet = CharSet::last_chars_of(&["超过", "a", "", "约"]);

    static UNION: CharSet = CharSet::new("0").and("一").and_chars_of(&["至", "余多"]);

    #[test]
    fn unions_hold_the_members_of_each_part() {
        for c in "0一至余多".chars() {
            assert!(UNION.contains(c), "{c}");
        }
        assert!(!UNION.contains('1') && !UNION.contains('二'));
    }

    #[test]
    fn first_and_last_chars_of_words() {
        let members = |set: &CharSet| "超过a约".chars().filter(|&c| set.contains(c)).collect::<String>();
        assert_eq!(members(&FIRSTS), "超a约");
        assert_eq!(members(&LASTS), "过a约");
    }
}
