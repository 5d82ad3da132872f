//! The parser: the rules, the segmenter and the converter a parse needs,
//! loaded once and shared by every thread that parses.
//!
//! [`Parser::default`] holds the built-in tables (loaded once per process and
//! shared); [`Parser::builder`] loads an edited rules folder, user words for
//! the segmenter, or another converter, and reports a bad file before any
//! input is read.

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

use crate::convert::{Converter, ScriptConverter};
use crate::error::{Error, Result};
use crate::pipeline::{Options, parse_with};
use crate::record::Record;
use crate::rules::Rules;
use crate::segment::ChineseSegmenter;

/// A table loaded once per process, or one of this parser's own.
enum Loaded<T: 'static> {
    Builtin(&'static T),
    Own(Arc<T>),
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        match self {
            Loaded::Builtin(value) => Loaded::Builtin(value),
            Loaded::Own(value) => Loaded::Own(Arc::clone(value)),
        }
    }
}

impl<T> Deref for Loaded<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match self {
            Loaded::Builtin(value) => value,
            Loaded::Own(value) => value,
        }
    }
}

/// Parses notices into records. Cheap to clone and safe to share across
/// threads: build one and reuse it for every input.
///
/// ```
/// let parser = zhenggai::Parser::default();
/// let notice = "关于巡察整改进展情况的通报\n共清退违规资金3.5万元。\n";
/// let record = parser.parse(notice.as_bytes(), &zhenggai::Options::default()).unwrap();
/// assert_eq!(record.quantities[0].value.to_string(), "35000");
/// assert_eq!(record.quantities[0].unit, "元");
/// ```
#[derive(Clone)]
pub struct Parser {
    rules: Loaded<Rules>,
    segmenter: Loaded<ChineseSegmenter>,
    converter: &'static dyn ScriptConverter,
}

impl Default for Parser {
    /// The built-in rules and dictionaries, and the default converter.
    fn default() -> Parser {
        Parser {
            rules: Loaded::Builtin(Rules::builtin()),
            segmenter: Loaded::Builtin(ChineseSegmenter::shared()),
            converter: crate::convert::default_converter(),
        }
    }
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("builtin_rules", &matches!(self.rules, Loaded::Builtin(_)))
            .field("builtin_dictionary", &matches!(self.segmenter, Loaded::Builtin(_)))
            .finish_non_exhaustive()
    }
}

impl Parser {
    /// A builder for a parser with other rules, user words or converter.
    pub fn builder() -> ParserBuilder {
        ParserBuilder::default()
    }

    /// Parses one notice (its bytes, in any supported encoding).
    ///
    /// # Errors
    ///
    /// An [`Error`] when the input cannot be read or decoded; turn it into
    /// the contract's error record with [`crate::error_record`].
    pub fn parse(&self, bytes: &[u8], options: &Options) -> Result<Record> {
        parse_with(bytes, options, &self.rules, &self.segmenter, self.converter)
    }

    /// The tables this parser reads (`zhenggai annotate` runs the
    /// furniture pass again with its layout cues).
    #[cfg(feature = "cli")]
    pub(crate) fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The converter for `--to`.
    #[cfg(feature = "cli")]
    pub(crate) fn converter(&self) -> &'static dyn ScriptConverter {
        self.converter
    }

    /// The words of `text` with their part-of-speech tags, as this parser's
    /// segmenter cuts them (what `zhenggai segment` prints).
    #[cfg(feature = "cli")]
    pub(crate) fn segmenter(&self) -> &ChineseSegmenter {
        &self.segmenter
    }
}

/// Builds a [`Parser`]; each step checks its file at once.
///
/// ```no_run
/// # fn main() -> zhenggai::Result<()> {
/// let parser = zhenggai::Parser::builder()
///     .rules_dir("my-rules")?
///     .user_dict("words.txt")?
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Default)]
pub struct ParserBuilder {
    rules: Option<Rules>,
    user_dictionaries: Vec<String>,
    converter: Converter,
}

impl std::fmt::Debug for ParserBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParserBuilder")
            .field("rules_dir", &self.rules.is_some())
            .field("user_dictionaries", &self.user_dictionaries.len())
            .field("converter", &self.converter)
            .finish()
    }
}

impl ParserBuilder {
    /// Reads the rules files of `dir` (as `zhenggai rules export` writes
    /// them) in place of the built-in ones; a table whose file the folder
    /// lacks stays built in.
    ///
    /// # Errors
    ///
    /// [`Error::Rules`] naming the file, and in it the row and the field,
    /// when a file does not read as its table.
    pub fn rules_dir(mut self, dir: impl AsRef<Path>) -> Result<ParserBuilder> {
        self.rules = Some(Rules::from_dir(dir.as_ref())?);
        Ok(self)
    }

    /// Adds the words of a jieba dictionary file (`word [frequency] [tag]`
    /// a line, UTF-8) to the segmenter, which cuts the labels of quantities.
    ///
    /// # Errors
    ///
    /// [`Error::Dictionary`] when the file cannot be read or a line is not
    /// an entry (naming the line).
    pub fn user_dict(mut self, file: impl AsRef<Path>) -> Result<ParserBuilder> {
        let path = file.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| Error::Dictionary {
            path: path.display().to_string(),
            message: format!("cannot read: {error}"),
        })?;
        crate::segment::check_dictionary(&text).map_err(|message| Error::Dictionary {
            path: path.display().to_string(),
            message,
        })?;
        self.user_dictionaries.push(text);
        Ok(self)
    }

    /// The OpenCC implementation that converts text fields (`--to`).
    pub fn converter(mut self, converter: Converter) -> ParserBuilder {
        self.converter = converter;
        self
    }

    /// The parser.
    ///
    /// # Errors
    ///
    /// [`Error::Converter`] when the converter cannot load (the system
    /// OpenCC without its configuration files).
    pub fn build(self) -> Result<Parser> {
        let converter = self
            .converter
            .load()
            .map_err(|error| Error::Converter(error.to_string()))?;
        let rules = match self.rules {
            Some(rules) => Loaded::Own(Arc::new(rules)),
            None => Loaded::Builtin(Rules::builtin()),
        };
        let segmenter = if self.user_dictionaries.is_empty() {
            Loaded::Builtin(ChineseSegmenter::shared())
        } else {
            Loaded::Own(Arc::new(ChineseSegmenter::with_words(&self.user_dictionaries)))
        };
        Ok(Parser {
            rules,
            segmenter,
            converter,
        })
    }
}
