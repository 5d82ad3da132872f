//! The reference C++ OpenCC as a [`ScriptConverter`] (feature `system-opencc`).
//!
//! Wraps `opencc-rust` 1.1.19, which links the system's libopencc 1.1
//! (Debian: `apt-get install libopencc-dev pkg-config`) and reads its configurations and
//! dictionaries from the library's data directory (`/usr/share/opencc`). Both
//! configurations (`t2s`, `s2t`) are opened once per process, on first use.
//!
//! Threads: `opencc_rust::OpenCC` is `Send + Sync` (the binding says so with
//! `unsafe impl`), and rightly: libopencc's conversion path is `const` C++
//! that only reads the loaded dictionaries (every lookup has its own marisa
//! agent; OpenCC ≥ 1.2 guards its lazy lexicon with a mutex). The rayon batch
//! therefore shares one instance without a lock.

use std::sync::LazyLock;

use opencc_rust::{DefaultConfig, OpenCC};

use super::{ConverterError, ScriptConverter};

/// OpenCC's `t2s` and `s2t` configurations, from the system library.
pub struct SystemConverter {
    t2s: OpenCC,
    s2t: OpenCC,
}

fn open(config: DefaultConfig) -> Result<OpenCC, ConverterError> {
    OpenCC::new(config).map_err(|message| ConverterError::Load {
        config: config.get_file_name(),
        message: message.to_owned(),
    })
}

/// Converts `text` with `opencc`. The binding passes a C string, so a NUL
/// (which it would panic on) is kept as is and the pieces around it are
/// converted separately; a NUL separates phrases anyway.
fn convert_with(opencc: &OpenCC, text: &str) -> String {
    if !text.contains('\0') {
        return opencc.convert(text);
    }
    text.split('\0')
        .map(|piece| opencc.convert(piece))
        .collect::<Vec<_>>()
        .join("\0")
}

impl SystemConverter {
    fn load() -> Result<Self, ConverterError> {
        Ok(SystemConverter {
            t2s: open(DefaultConfig::T2S)?,
            s2t: open(DefaultConfig::S2T)?,
        })
    }
}

impl ScriptConverter for SystemConverter {
    fn to_simplified(&self, text: &str) -> String {
        convert_with(&self.t2s, text)
    }

    fn to_traditional(&self, text: &str) -> String {
        convert_with(&self.s2t, text)
    }
}

static SYSTEM_CONVERTER: LazyLock<Result<SystemConverter, ConverterError>> = LazyLock::new(SystemConverter::load);

/// The process-wide system converter, or why it cannot be loaded.
pub(super) fn system_converter() -> Result<&'static dyn ScriptConverter, ConverterError> {
    match &*SYSTEM_CONVERTER {
        Ok(converter) => Ok(converter),
        Err(error) => Err(error.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_phrases_both_ways() {
        let converter = system_converter().expect("libopencc and its data are installed");
        assert_eq!(
            converter.to_simplified("中共麗水市婦女聯合會黨組關于五屆市委"),
            "中共丽水市妇女联合会党组关于五届市委"
        );
        assert_eq!(converter.to_traditional("整改进展情况的通报"), "整改進展情況的通報");
    }

    #[test]
    fn keeps_nul_characters() {
        let converter = system_converter().expect("libopencc and its data are installed");
        assert_eq!(converter.to_simplified("後\0後"), "后\0后");
        assert_eq!(converter.to_traditional("\0后\0"), "\0後\0");
    }
}
