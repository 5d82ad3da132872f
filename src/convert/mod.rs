//! Phrase-level script conversion of output text (`--to`).
//!
//! The matching copy uses the char fold of `normalize::script`; text fields of
//! the record are converted with real OpenCC phrase dictionaries so that
//! `關于` becomes `关于` and `干部` stays `干部` while `幹部` becomes `干部`.
//! [`ScriptConverter`] is the seam; [`Converter`] names the implementations
//! and hands out their process-wide instances, each loaded lazily once:
//! [`OpenccConverter`] (module `opencc`), the default, is pure Rust
//! (`ferrous-opencc`, with its dictionaries embedded); the reference C++
//! OpenCC (through `opencc-rust`, module `system`) is `Converter::System`
//! when the crate is built with the `system-opencc` feature.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

mod opencc;
#[cfg(feature = "system-opencc")]
mod system;

pub use opencc::OpenccConverter;

/// The script that text fields of the record are given in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetScript {
    /// Exactly as in the input.
    #[default]
    Original,
    /// Converted to Simplified characters (OpenCC, phrase by phrase).
    Simplified,
    /// Converted to Traditional characters (OpenCC, phrase by phrase).
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

static DEFAULT_CONVERTER: OpenccConverter = OpenccConverter::new();

/// The process-wide default converter.
pub fn default_converter() -> &'static dyn ScriptConverter {
    &DEFAULT_CONVERTER
}

/// Which OpenCC implementation converts text fields (`--converter`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Converter {
    /// `ferrous-opencc`: pure Rust, dictionaries embedded, always available.
    #[default]
    Default,
    /// The system's C++ OpenCC library through `opencc-rust` (feature
    /// `system-opencc`; Debian: `apt-get install libopencc-dev pkg-config`).
    #[cfg(feature = "system-opencc")]
    System,
}

/// Why a [`Converter`] cannot be named or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConverterError {
    /// Not one of [`Converter::NAMES`].
    #[error("unknown converter {0:?} (expected one of: default, system)")]
    Unknown(String),
    /// `system` was asked for in a build without the `system-opencc` feature.
    #[error(
        "the system OpenCC converter is not compiled in: rebuild with `cargo build --features system-opencc` \
         (needs the C++ library, on Debian `apt-get install libopencc-dev pkg-config`)"
    )]
    NotCompiledIn,
    /// The system library could not open one of its configurations.
    #[error("the system OpenCC cannot load {config}: {message}")]
    Load {
        /// The configuration file that failed.
        config: &'static str,
        /// What the library said.
        message: String,
    },
}

impl Converter {
    /// The names accepted by [`FromStr`] (and `--converter`), whether or not
    /// this build has the implementation.
    pub const NAMES: [&'static str; 2] = ["default", "system"];

    /// The converter's name, as accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            Converter::Default => "default",
            #[cfg(feature = "system-opencc")]
            Converter::System => "system",
        }
    }

    /// The process-wide instance, loaded on first use.
    ///
    /// # Errors
    ///
    /// [`ConverterError::Load`] when the system library cannot open its
    /// configuration (the default converter never fails).
    pub fn load(self) -> Result<&'static dyn ScriptConverter, ConverterError> {
        match self {
            Converter::Default => Ok(default_converter()),
            #[cfg(feature = "system-opencc")]
            Converter::System => system::system_converter(),
        }
    }
}

impl fmt::Display for Converter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Converter {
    type Err = ConverterError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "default" => Ok(Converter::Default),
            #[cfg(feature = "system-opencc")]
            "system" => Ok(Converter::System),
            #[cfg(not(feature = "system-opencc"))]
            "system" => Err(ConverterError::NotCompiledIn),
            other => Err(ConverterError::Unknown(other.to_owned())),
        }
    }
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

    #[test]
    fn converters_by_name() {
        assert_eq!("default".parse(), Ok(Converter::Default));
        assert_eq!(Converter::Default.to_string(), "default");
        assert!(matches!("opencc".parse::<Converter>(), Err(ConverterError::Unknown(_))));
        assert_eq!(Converter::default().load().unwrap().to_simplified("幹部"), "干部");
    }

    #[cfg(feature = "system-opencc")]
    #[test]
    fn system_by_name() {
        assert_eq!("system".parse(), Ok(Converter::System));
        assert_eq!(Converter::System.to_string(), "system");
    }

    #[cfg(not(feature = "system-opencc"))]
    #[test]
    fn system_without_the_feature_says_how_to_build_it() {
        let error = "system".parse::<Converter>().unwrap_err();
        assert_eq!(error, ConverterError::NotCompiledIn);
        assert!(error.to_string().contains("--features system-opencc"));
    }
}
