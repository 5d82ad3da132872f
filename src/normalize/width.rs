//! Width and punctuation folding of single characters.
//!
//! Full-width ASCII forms (０-９, Ａ-Ｚ, （）, ，；：) become ASCII, the
//! ideographic and no-break spaces become a space, the dash family becomes `-`,
//! wave dashes become `~`, corner quotes 「」『』 become curly quotes “”‘’,
//! `○` used as a zero becomes `〇`, and CJK compatibility ideographs (U+F900 豈)
//! become their unified form. One char in, one char out.

use unicode_normalization::char::decompose_canonical;

/// Folds one character's width and punctuation variants.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{2E3A}' | '\u{2E3B}' => '-',
        '\u{301C}' | '\u{3030}' => '~',
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        '○' | '◯' | '〇' => '〇',
        '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => compatibility_ideograph(c),
        _ => c,
    }
}

/// The unified ideograph a CJK compatibility ideograph stands for.
fn compatibility_ideograph(c: char) -> char {
    let mut unified = None;
    let mut count = 0;
    decompose_canonical(c, |d| {
        unified = Some(d);
        count += 1;
    });
    match (unified, count) {
        (Some(d), 1) => d,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(char, char)] = &[
        ('０', '0'),
        ('９', '9'),
        ('Ａ', 'A'),
        ('（', '('),
        ('）', ')'),
        ('，', ','),
        ('；', ';'),
        ('：', ':'),
        ('．', '.'),
        ('～', '~'),
        ('〜', '~'),
        ('—', '-'),
        ('–', '-'),
        ('－', '-'),
        ('\u{3000}', ' '),
        ('「', '“'),
        ('」', '”'),
        ('○', '〇'),
        ('\u{F900}', '豈'),
        ('。', '。'),
        ('、', '、'),
        ('“', '“'),
        ('整', '整'),
    ];

    #[test]
    fn folds_every_case() {
        for &(input, expected) in CASES {
            assert_eq!(fold_width(input), expected, "fold of {input:?}");
        }
    }
}
