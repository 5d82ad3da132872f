//! Segment stage: the matching copy → word tokens with part-of-speech tags.
//!
//! A thin wrapper around jieba-rs: one shared segmenter per process, loaded
//! on first use from two dictionaries embedded in the binary: `dict/jieba-core.dict`
//! (jieba's default dictionary without its rarest words, frequency below 10:
//! a tenth of the load time, see `scripts/make_core_dict.sh`) and the domain
//! dictionary `dict/zhenggai.dict` (巡察组, 一岗双责, 民主生活会 …). Tokens
//! carry byte ranges of the text they were cut from, so that callers can turn
//! them into spans.

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use serde::Serialize;

const CORE_DICTIONARY: &str = include_str!("../dict/jieba-core.dict");
const DOMAIN_DICTIONARY: &str = include_str!("../dict/zhenggai.dict");

/// A word of the segmented text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token<'a> {
    pub word: &'a str,
    /// Part-of-speech tag of the jieba dictionary (n, v, vn, m, x …).
    pub tag: &'a str,
    /// Byte range in the segmented text.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Cuts Chinese text into words; implemented by jieba-rs with the domain
/// dictionary.
pub struct ChineseSegmenter {
    jieba: Jieba,
}

impl ChineseSegmenter {
    fn load() -> Self {
        let mut jieba = Jieba::empty();
        add_entries(&mut jieba, CORE_DICTIONARY);
        add_entries(&mut jieba, DOMAIN_DICTIONARY);
        ChineseSegmenter { jieba }
    }

    /// The built-in dictionaries and the entries of `dictionaries` (jieba's
    /// format, checked by [`check_dictionary`]), later words winning.
    pub fn with_words(dictionaries: &[String]) -> Self {
        let mut segmenter = ChineseSegmenter::load();
        for dictionary in dictionaries {
            add_entries(&mut segmenter.jieba, dictionary);
        }
        segmenter
    }

    /// The process-wide segmenter, loaded on first use.
    pub fn shared() -> &'static ChineseSegmenter {
        static SHARED: LazyLock<ChineseSegmenter> = LazyLock::new(ChineseSegmenter::load);
        &SHARED
    }

    /// Tokens of `text` with their tags, in order, covering the whole text.
    pub fn tokens<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|tag| Token {
                word: tag.word,
                tag: tag.tag,
                range: tag.byte_start..tag.byte_end,
            })
            .collect()
    }
}

/// Adds the entries of a dictionary in jieba's format, `word freq tag` a
/// line, as `Jieba::load_dict` would (a missing frequency is 0, a missing
/// tag empty, a word met again takes the new frequency), without its
/// per-line copying and Unicode whitespace splitting: the embedded
/// dictionaries are ASCII-spaced, and this is a third of the start-up.
fn add_entries(jieba: &mut Jieba, dictionary: &str) {
    for line in dictionary.lines() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let frequency = fields.next().and_then(|field| field.parse().ok()).unwrap_or(0);
        jieba.add_word(word, Some(frequency), Some(fields.next().unwrap_or("")));
    }
}

/// Whether every line of a dictionary in jieba's format is an entry:
/// `word [frequency] [tag]`, the frequency a whole number; blank lines are
/// skipped. The error names the line, from 1.
pub fn check_dictionary(dictionary: &str) -> Result<(), String> {
    for (index, line) in dictionary.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(_word) = fields.next() else { continue };
        if let Some(frequency) = fields.next()
            && frequency.parse::<usize>().is_err()
        {
            return Err(format!(
                "line {}: the frequency {frequency:?} is not a whole number (a line is `word [frequency] [tag]`)",
                index + 1
            ));
        }
        if fields.nth(1).is_some() {
            return Err(format!(
                "line {}: more than three fields (a line is `word [frequency] [tag]`)",
                index + 1
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionaries_load_as_jieba_loads_them() {
        let mut jieba = Jieba::with_dict(&mut CORE_DICTIONARY.as_bytes()).expect("core dictionary parses");
        assert!(jieba.has_word("整改") && jieba.has_word("问题"));
        jieba
            .load_dict(&mut DOMAIN_DICTIONARY.as_bytes())
            .expect("domain dictionary parses");
        assert!(jieba.has_word("一岗双责"));
        // Every word, frequency and tag as jieba's own loader has them:
        // same tags and same cuts (which weigh the frequencies) everywhere.
        let shared = &ChineseSegmenter::shared().jieba;
        for line in CORE_DICTIONARY.lines().chain(DOMAIN_DICTIONARY.lines()).step_by(7) {
            let word = line.split(' ').next().unwrap();
            assert!(shared.has_word(word), "{word}");
        }
        for path in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
            let path = path.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let ours: Vec<_> = shared.tag(&text, true).into_iter().map(|t| (t.word, t.tag)).collect();
            let theirs: Vec<_> = jieba.tag(&text, true).into_iter().map(|t| (t.word, t.tag)).collect();
            assert!(ours == theirs, "{}", path.display());
        }
    }

    #[test]
    fn domain_words_stay_whole_and_ranges_slice() {
        let text = "市委第二巡察组反馈意见,落实一岗双责,召开专题民主生活会";
        let tokens = ChineseSegmenter::shared().tokens(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.word).collect();
        assert!(words.contains(&"巡察组"), "{words:?}");
        assert!(words.contains(&"一岗双责"), "{words:?}");
        assert!(words.contains(&"专题民主生活会"), "{words:?}");
        for token in &tokens {
            assert_eq!(&text[token.range.clone()], token.word);
        }
    }
}
