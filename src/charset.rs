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
        let bytes = members.as_bytes();
        let mut bits = [0u64; WORDS];
        let mut index = 0;
        while index < bytes.len() {
            let lead = bytes[index] as u32;
            let (code, length) = if lead < 0x80 {
                (lead, 1)
            } else if lead < 0xE0 {
                (((lead & 0x1F) << 6) | (bytes[index + 1] as u32 & 0x3F), 2)
            } else if lead < 0xF0 {
                (
                    ((lead & 0x0F) << 12) | ((bytes[index + 1] as u32 & 0x3F) << 6) | (bytes[index + 2] as u32 & 0x3F),
                    3,
                )
            } else {
                panic!("CharSet members must be in the Basic Multilingual Plane")
            };
            bits[(code / 64) as usize] |= 1 << (code % 64);
            index += length;
        }
        CharSet { bits }
    }

    /// Whether `c` is a member.
    #[inline]
    pub const fn contains(&self, c: char) -> bool {
        let code = c as u32;
        code < 0x1_0000 && self.bits[(code / 64) as usize] & (1 << (code % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: CharSet = CharSet::new("0a¢一〇零十");

    #[test]
    fn holds_exactly_its_members() {
        for c in "0a¢一〇零十".chars() {
            assert!(SET.contains(c), "{c}");
        }
        for c in "1b£二〡令千𠀀".chars() {
            assert!(!SET.contains(c), "{c}");
        }
    }
}
