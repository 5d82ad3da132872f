//! Segment stage: the matching copy → word tokens with part-of-speech tags.
//!
//! A thin wrapper around jieba-rs: one shared segmenter per process, with the
//! default dictionary plus the domain dictionary `dict/zhenggai.dict`
//! (巡察组, 一岗双责, 民主生活会 …), both embedded in the binary and loaded on
//! first use. Tokens carry byte ranges of the text they were cut from, so that
//! callers can turn them into spans.

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use serde::Serialize;

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
        let mut jieba = Jieba::new();
        let mut domain = DOMAIN_DICTIONARY.as_bytes();
        // The embedded dictionary is tested to load; a failure would only
        // lose the domain words, never the segmenter.
        let _ = jieba.load_dict(&mut domain);
        ChineseSegmenter { jieba }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_dictionary_loads() {
        let mut jieba = Jieba::empty();
        let mut domain = DOMAIN_DICTIONARY.as_bytes();
        jieba.load_dict(&mut domain).expect("domain dictionary parses");
        assert!(jieba.has_word("一岗双责"));
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
