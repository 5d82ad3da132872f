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
        // The embedded dictionaries are tested to load; a failure would only
        // lose words (HMM still cuts the text), never the segmenter.
        let mut jieba = Jieba::with_dict(&mut CORE_DICTIONARY.as_bytes()).unwrap_or_else(|_| Jieba::empty());
        let _ = jieba.load_dict(&mut DOMAIN_DICTIONARY.as_bytes());
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
    fn dictionaries_load() {
        let mut jieba = Jieba::with_dict(&mut CORE_DICTIONARY.as_bytes()).expect("core dictionary parses");
        assert!(jieba.has_word("整改") && jieba.has_word("问题"));
        jieba
            .load_dict(&mut DOMAIN_DICTIONARY.as_bytes())
            .expect("domain dictionary parses");
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
