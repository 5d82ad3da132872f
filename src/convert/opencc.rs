//! The default converter: OpenCC's phrase dictionaries in pure Rust
//! (`ferrous-opencc`, embedded), so that `cargo build` needs no system
//! library.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::ScriptConverter;

/// OpenCC's `t2s` and `s2t` configurations in pure Rust, each loaded on its
/// first conversion: a run that keeps the original script (the default)
/// loads neither.
pub struct OpenccConverter {
    t2s: LazyLock<Option<OpenCC>>,
    s2t: LazyLock<Option<OpenCC>>,
}

impl OpenccConverter {
    pub(super) const fn new() -> Self {
        OpenccConverter {
            t2s: LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok()),
            s2t: LazyLock::new(|| OpenCC::from_config(BuiltinConfig::S2t).ok()),
        }
    }
}

impl ScriptConverter for OpenccConverter {
    fn to_simplified(&self, text: &str) -> String {
        match &*self.t2s {
            Some(converter) => converter.convert(text),
            // The embedded configuration cannot fail to load in practice;
            // fall back to the char fold rather than panic.
            None => text.chars().map(crate::normalize::script::simplify_char).collect(),
        }
    }

    fn to_traditional(&self, text: &str) -> String {
        match &*self.s2t {
            Some(converter) => converter.convert(text),
            None => text.to_owned(),
        }
    }
}

