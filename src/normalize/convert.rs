//! Phrase-level script conversion of output text (`--to`).
//!
//! The matching copy uses the char fold of [`super::script`]; text fields of
//! the record are converted with real OpenCC phrase dictionaries so that
//! `關于` becomes `关于` and `干部` stays `干部` while `幹部` becomes `干部`.
//! [`ScriptConverter`] is the seam for other implementations (for example the
//! C++ OpenCC binding); [`OpenccConverter`] is the default, pure Rust
//! (`ferrous-opencc`), loaded lazily once per process.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use serde::{Deserialize, Serialize};

/// The script that text fields of the record are given in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetScript {
    /// Exactly as in the input.
    #[default]
    Original,
    Simplified,
    Traditional,
}

/// Converts whole strings between scripts, phrase by phrase.
pub trait ScriptConverter: Send + Sync {
    fn to_simplified(&self, text: &str) -> String;
    fn to_traditional(&self, text: &str) -> String;

    /// Converts `text` into `target`; `Original` returns it unchanged.
    fn convert(&self, text: &str, target: TargetScript) -> String {
        match target {
            TargetScript::Original => text.to_owned(),
            TargetScript::Simplified => self.to_simplified(text),
            TargetScript::Traditional => self.to_traditional(text),
        }
    }
}

/// OpenCC's `t2s` and `s2t` configurations in pure Rust.
pub struct OpenccConverter {
    t2s: Option<OpenCC>,
    s2t: Option<OpenCC>,
}

impl OpenccConverter {
    fn load() -> Self {
        OpenccConverter {
            t2s: OpenCC::from_config(BuiltinConfig::T2s).ok(),
            s2t: OpenCC::from_config(BuiltinConfig::S2t).ok(),
        }
    }
}

impl ScriptConverter for OpenccConverter {
    fn to_simplified(&self, text: &str) -> String {
        match &self.t2s {
            Some(converter) => converter.convert(text),
            // The embedded configuration cannot fail to load in practice;
            // fall back to the char fold rather than panic.
            None => text.chars().map(super::script::simplify_char).collect(),
        }
    }

    fn to_traditional(&self, text: &str) -> String {
        match &self.s2t {
            Some(converter) => converter.convert(text),
            None => text.to_owned(),
        }
    }
}

static DEFAULT_CONVERTER: LazyLock<OpenccConverter> = LazyLock::new(OpenccConverter::load);

/// The process-wide default converter.
pub fn default_converter() -> &'static dyn ScriptConverter {
    &*DEFAULT_CONVERTER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_phrases_both_ways() {
        let converter = default_converter();
        assert_eq!(
            converter.to_simplified("中共麗水市婦女聯合會黨組關于五屆市委"),
            "中共丽水市妇女联合会党组关于五届市委"
        );
        assert_eq!(converter.to_traditional("整改进展情况的通报"), "整改進展情況的通報");
        assert_eq!(converter.convert("後", TargetScript::Original), "後");
    }
}
