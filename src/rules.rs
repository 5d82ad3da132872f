//! Rules as data: the tables the stages read, as TOML files.
//!
//! Every table is a file of `rules/` embedded in the binary as its default
//! ([`RULE_FILES`]). `zhenggai rules export DIR` writes them out; a
//! [`crate::Parser`] built with `rules_dir` (`--rules DIR`) reads each file
//! the folder holds in place of its default, so that a user who meets a
//! unit or a metric phrase the tables lack adds one line instead of
//! recompiling. A file that does not read is an error naming the file, the
//! row and the field; a file the folder holds that no table reads is an
//! error too (a misspelt name must not be ignored).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::Error;
use crate::extract::genre::GenreCues;
use crate::extract::metrics::{MetricRule, metric_rules};
use crate::extract::quantity::{NonQuantities, QuantityRule};
use crate::extract::unit::{Unit, UnitTable};
use crate::outline::{LayoutCues, OutlineCues};
#[cfg(any(test, feature = "cli", feature = "internals"))]
use crate::{
    extract::{metrics::assign_metrics, quantity::find_quantities_cut_by},
    segment::ChineseSegmenter,
    span::RangeSet,
};

/// One rules file: its name in a rules folder and its embedded default.
pub struct RuleFile {
    /// The file name, e.g. `units.toml`.
    pub name: &'static str,
    /// The default contents, embedded from `rules/`.
    pub default: &'static str,
}

/// Every rules file, in the order they are read.
pub const RULE_FILES: &[RuleFile] = &[
    RuleFile {
        name: "units.toml",
        default: include_str!("../rules/units.toml"),
    },
    RuleFile {
        name: "metrics.toml",
        default: include_str!("../rules/metrics.toml"),
    },
    RuleFile {
        name: "outline.toml",
        default: include_str!("../rules/outline.toml"),
    },
    RuleFile {
        name: "quantities.toml",
        default: include_str!("../rules/quantities.toml"),
    },
    RuleFile {
        name: "genre.toml",
        default: include_str!("../rules/genre.toml"),
    },
    RuleFile {
        name: "layout.toml",
        default: include_str!("../rules/layout.toml"),
    },
];

/// The tables of one parser.
pub struct Rules {
    /// The unit table.
    pub units: UnitTable,
    /// The quantity rule, built with the units.
    pub quantity_rule: QuantityRule,
    /// The metric rules, in file order.
    pub metrics: Vec<MetricRule>,
    /// Heading cues and status phrases.
    pub outline: OutlineCues,
    /// Numbers that are no counts.
    pub non_quantities: NonQuantities,
    /// The word lists that tell a notice from its neighbours.
    pub genre: GenreCues,
    /// The word lists that tell portal furniture from the notice.
    pub layout: LayoutCues,
}

/// The file of the unit table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFile {
    unit: Vec<Unit>,
}

impl Rules {
    /// The built-in tables, read once. The embedded files are checked by
    /// the tests, so a failure here is a build defect; it yields empty
    /// tables rather than a panic.
    pub fn builtin() -> &'static Rules {
        static BUILTIN: LazyLock<Rules> = LazyLock::new(|| {
            Rules::from_texts(|file| Ok((PathBuf::from("rules").join(file.name), file.default.to_string())))
                .unwrap_or_else(|_| Rules::empty())
        });
        &BUILTIN
    }

    /// Tables with no rows.
    fn empty() -> Rules {
        let units = UnitTable::new(Vec::new()).unwrap_or_else(|_| unreachable!("an empty table has no bad row"));
        let (approximations, non_quantities) =
            NonQuantities::from_toml("approx = []\nformula = []\nunit_word = []\nunit_only_before = []\n")
                .unwrap_or_else(|_| unreachable!("empty tables read"));
        let quantity_rule = QuantityRule::new(&units, approximations);
        let outline =
            OutlineCues::from_toml("heading = []\nstatus = []\n").unwrap_or_else(|_| unreachable!("empty tables read"));
        let no_words = "words = []\nexample = \"\"\nkind = \"unknown\"\n";
        let genre = GenreCues::from_toml(
            &[
                "inspection",
                "notice_title_ends",
                "event_title",
                "other_rectification",
                "publishing",
                "announcement",
                "announcement_title",
                "complaints",
                "feedback",
                "progress",
                "news_openings",
                "news",
                "missing_page",
            ]
            .map(|table| format!("[{table}]\n{no_words}"))
            .concat(),
        )
        .unwrap_or_else(|_| unreachable!("empty tables read"));
        let layout = LayoutCues::from_toml(
            &[
                "breadcrumb_openings",
                "toolbar",
                "footer",
                "release_labels",
                "metadata_labels",
                "release_date_labels",
                "document_date_labels",
                "site_name_ends",
                "title_words",
            ]
            .map(|table| format!("[{table}]\nwords = []\nexample = \"\"\n"))
            .concat(),
        )
        .unwrap_or_else(|_| unreachable!("empty tables read"));
        Rules {
            units,
            quantity_rule,
            metrics: Vec::new(),
            outline,
            non_quantities,
            genre,
            layout,
        }
    }

    /// The tables of a rules folder: each file it holds in place of its
    /// default.
    ///
    /// # Errors
    ///
    /// [`Error::Rules`] when the folder cannot be read, holds a file no
    /// table reads, or a file does not read as its table (naming the file,
    /// the row and the field).
    pub fn from_dir(dir: &Path) -> Result<Rules, Error> {
        let entries = fs::read_dir(dir).map_err(|error| Error::Rules {
            path: dir.display().to_string(),
            message: format!("cannot read the rules folder: {error}"),
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") && !RULE_FILES.iter().any(|file| file.name == name) {
                let known: Vec<&str> = RULE_FILES.iter().map(|file| file.name).collect();
                return Err(Error::Rules {
                    path: entry.path().display().to_string(),
                    message: format!("no table reads this file (the rules files are {})", known.join(", ")),
                });
            }
        }
        Rules::from_texts(|file| {
            let path = dir.join(file.name);
            match fs::read_to_string(&path) {
                Ok(text) => Ok((path, text)),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    Ok((PathBuf::from("rules").join(file.name), file.default.to_string()))
                }
                Err(error) => Err(Error::Rules {
                    path: path.display().to_string(),
                    message: format!("cannot read: {error}"),
                }),
            }
        })
    }

    /// The tables from the text of each file (`text_of` gives a file's path,
    /// for messages, and its text).
    fn from_texts(text_of: impl Fn(&RuleFile) -> Result<(PathBuf, String), Error>) -> Result<Rules, Error> {
        let (units_path, units_text) = text_of(&RULE_FILES[0])?;
        let units = read_units(&units_text).map_err(|message| Error::Rules {
            path: units_path.display().to_string(),
            message,
        })?;
        let (metrics_path, metrics_text) = text_of(&RULE_FILES[1])?;
        let metrics = metric_rules(&metrics_text).map_err(|message| Error::Rules {
            path: metrics_path.display().to_string(),
            message,
        })?;
        let (outline_path, outline_text) = text_of(&RULE_FILES[2])?;
        let outline = OutlineCues::from_toml(&outline_text).map_err(|message| Error::Rules {
            path: outline_path.display().to_string(),
            message,
        })?;
        let (words_path, words_text) = text_of(&RULE_FILES[3])?;
        let (approximations, non_quantities) =
            NonQuantities::from_toml(&words_text).map_err(|message| Error::Rules {
                path: words_path.display().to_string(),
                message,
            })?;
        let (genre_path, genre_text) = text_of(&RULE_FILES[4])?;
        let genre = GenreCues::from_toml(&genre_text).map_err(|message| Error::Rules {
            path: genre_path.display().to_string(),
            message,
        })?;
        let (layout_path, layout_text) = text_of(&RULE_FILES[5])?;
        let layout = LayoutCues::from_toml(&layout_text).map_err(|message| Error::Rules {
            path: layout_path.display().to_string(),
            message,
        })?;
        let quantity_rule = QuantityRule::new(&units, approximations);
        Ok(Rules {
            units,
            quantity_rule,
            metrics,
            outline,
            non_quantities,
            genre,
            layout,
        })
    }

    #[cfg(any(test, feature = "cli", feature = "internals"))]
    /// Writes every default rules file into `dir` (created if missing),
    /// returning the paths written; an existing file is left alone and is
    /// an error, so that an edited copy is never overwritten.
    ///
    /// # Errors
    ///
    /// An I/O error naming the path.
    pub fn export(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        fs::create_dir_all(dir)
            .map_err(|error| std::io::Error::new(error.kind(), format!("cannot create {}: {error}", dir.display())))?;
        let mut written = Vec::new();
        for file in RULE_FILES {
            let path = dir.join(file.name);
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut out| std::io::Write::write_all(&mut out, file.default.as_bytes()))
                .map_err(|error| {
                    let hint = if error.kind() == std::io::ErrorKind::AlreadyExists {
                        " (an edited copy is never overwritten: move it away or export into another folder)"
                    } else {
                        ""
                    };
                    std::io::Error::new(error.kind(), format!("cannot write {}: {error}{hint}", path.display()))
                })?;
            written.push(path);
        }
        Ok(written)
    }
}

#[cfg(any(test, feature = "cli", feature = "internals"))]
impl Rules {
    /// Runs every row's `example` with these rules: a unit must be found in
    /// its example (a quantity ending in that surface), a metric row must
    /// give its key, a heading row must be the first row its example holds,
    /// a status row's phrase must be what states its example's status, and
    /// no quantity may cover a non-quantity row's phrase in its example. One line per row that fails, naming file, row and
    /// example; empty when every example holds.
    pub fn check_examples(&self, segmenter: &ChineseSegmenter) -> Vec<String> {
        let mut failures = Vec::new();
        for (index, unit) in self.units.units().iter().enumerate() {
            let quantities = find_quantities_cut_by(&unit.example, &RangeSet::default(), self, segmenter);
            if !quantities.iter().any(|quantity| quantity.unit.surface == unit.surface) {
                let found: Vec<&str> = quantities.iter().map(|q| &unit.example[q.range.clone()]).collect();
                failures.push(format!(
                    "units.toml row {} (surface {:?}): example {:?} gives no quantity in this unit (found: {})",
                    index + 1,
                    unit.surface,
                    unit.example,
                    if found.is_empty() {
                        "none".to_string()
                    } else {
                        found.join(", ")
                    }
                ));
            }
        }
        for (index, rule) in self.metrics.iter().enumerate() {
            let quantities = find_quantities_cut_by(&rule.example, &RangeSet::default(), self, segmenter);
            if !assign_metrics(&rule.example, &quantities, &self.metrics).contains_key(&rule.key) {
                failures.push(format!(
                    "metrics.toml rule {} (key {}): example {:?} does not give the key",
                    index + 1,
                    rule.key,
                    rule.example
                ));
            }
        }
        for (row, word, means, example) in self.quantity_rule.approximations().examples() {
            let quantities = find_quantities_cut_by(example, &RangeSet::default(), self, segmenter);
            let hedged = quantities.iter().any(|quantity| {
                quantity.approx == Some(*means) && example[quantity.range.clone()].contains(word.as_str())
            });
            if !hedged {
                let found: Vec<String> = quantities
                    .iter()
                    .map(|quantity| format!("{} ({:?})", &example[quantity.range.clone()], quantity.approx))
                    .collect();
                failures.push(format!(
                    "quantities.toml approx row {row} (word {word:?}): example {example:?} gives no quantity {means:?} holding it (found: {})",
                    if found.is_empty() { "none".to_string() } else { found.join(", ") }
                ));
            }
        }
        for row in self.non_quantities.examples() {
            let quantities = find_quantities_cut_by(&row.example, &RangeSet::default(), self, segmenter);
            let (table, number) = row.row;
            let places: Vec<usize> = row
                .example
                .match_indices(row.phrase.as_str())
                .map(|(at, _)| at)
                .collect();
            let covered: Vec<&str> = quantities
                .iter()
                .filter(|quantity| {
                    places
                        .iter()
                        .any(|&at| quantity.range.start < at + row.phrase.len() && at < quantity.range.end)
                })
                .map(|quantity| &row.example[quantity.range.clone()])
                .collect();
            // A unit row's example puts a number right before the unit, so
            // that the row is what keeps the quantity out.
            let number_before = table == "formula"
                || places.iter().any(|&at| {
                    row.example[..at]
                        .chars()
                        .next_back()
                        .is_some_and(crate::numeral::is_count_char)
                });
            if places.is_empty() || !covered.is_empty() || !number_before {
                let what = if places.is_empty() {
                    format!("does not hold {:?}", row.phrase)
                } else if !number_before {
                    format!("has no number right before {:?}", row.phrase)
                } else {
                    format!("gives the quantity {}", covered.join(", "))
                };
                failures.push(format!(
                    "quantities.toml {table} row {number}: example {:?} {what}",
                    row.example
                ));
            }
        }
        for (index, (kind, example)) in self.outline.heading_examples().enumerate() {
            let first = self.outline.first_heading_row(example);
            if first != Some(index) {
                let found = match first {
                    Some(row) => format!("row {} matches first", row + 1),
                    None => "no row matches".to_string(),
                };
                failures.push(format!(
                    "outline.toml heading row {} (kind {kind:?}): example {example:?}: {found}",
                    index + 1
                ));
            }
        }
        for (index, row) in self.outline.status_examples().iter().enumerate() {
            let (phrase, status, example) = (&row.phrase, &row.status, &row.example);
            let found = if row.group_only {
                crate::outline::role::status_group(example, &self.outline)
            } else {
                crate::outline::classify::stated_status_at(example, &self.outline)
            };
            let holds = found
                .as_ref()
                .is_some_and(|(found, cue)| found == status && example.get(cue.clone()) == Some(phrase.as_str()));
            if !holds {
                let found = match found {
                    Some((found, cue)) => format!("{found:?} from {:?}", example.get(cue).unwrap_or_default()),
                    None => "no status".to_string(),
                };
                failures.push(format!(
                    "outline.toml status row {} (phrase {phrase:?}): example {example:?} gives {found}",
                    index + 1
                ));
            }
        }
        for (table, words, example, kind) in self.genre.examples() {
            let record = crate::pipeline::parse_with(
                example.as_bytes(),
                &crate::Options::default(),
                self,
                segmenter,
                crate::convert::default_converter(),
            );
            let found = record.as_ref().map(|record| record.genre.kind);
            if !words.iter().any(|word| example.contains(word.as_str())) {
                failures.push(format!(
                    "genre.toml table [{table}]: example {example:?} holds none of its words"
                ));
            } else if found.as_ref().ok() != Some(&kind) {
                let found = match found {
                    Ok(found) => format!("{found:?}"),
                    Err(error) => format!("an error ({error})"),
                };
                failures.push(format!(
                    "genre.toml table [{table}]: example {example:?} reads as {found}, not {kind:?}"
                ));
            }
        }
        for (table, words, example) in self.layout.examples() {
            if let Some(failure) = self.check_layout_example(table, words, example) {
                failures.push(format!("layout.toml table [{table}]: example {example:?} {failure}"));
            }
        }
        failures
    }

    /// Why the example page of a `layout.toml` table fails, if it does:
    /// the first of the table's words must be furniture (for the date
    /// labels, the page date must stand on its line; for the title words,
    /// the word must stay while something before it on its line goes).
    fn check_layout_example(&self, table: &str, words: &[String], example: &str) -> Option<String> {
        let text = crate::normalize::normalize(example.to_string());
        let matching = text.matching();
        let Some((at, word)) = words
            .iter()
            .filter_map(|word| matching.find(word.as_str()).map(|at| (at, word)))
            .min_by_key(|(at, _)| *at)
        else {
            return Some("holds none of its words".to_string());
        };
        let furniture = crate::outline::find_furniture(matching, &self.layout);
        let word_range = at..at + word.len();
        let covered = furniture
            .ranges
            .iter()
            .any(|range| range.start <= word_range.start && word_range.end <= range.end);
        let line = matching[..at].rfind('\n').map_or(0, |end| end + 1)
            ..matching[at..].find('\n').map_or(matching.len(), |end| at + end);
        match table {
            "release_date_labels" | "document_date_labels" => {
                let on_line = furniture
                    .page_date
                    .as_ref()
                    .is_some_and(|date| line.start <= date.range.start && date.range.end <= line.end);
                (!on_line).then(|| format!("gives no page date on the line of {word:?}"))
            }
            "title_words" => {
                let cut_before = furniture
                    .ranges
                    .iter()
                    .any(|range| line.start <= range.start && range.end <= word_range.start);
                (covered || !cut_before).then(|| format!("does not cut the site name off before {word:?}"))
            }
            _ => (!covered).then(|| format!("leaves {word:?} outside the furniture")),
        }
    }

    /// How many rows the tables hold (what [`Rules::check_examples`] runs).
    pub fn row_count(&self) -> usize {
        self.units.units().len()
            + self.metrics.len()
            + self.outline.heading_examples().count()
            + self.outline.status_examples().len()
            + self.non_quantities.examples().len()
            + self.quantity_rule.approximations().examples().len()
            + self.genre.examples().len()
            + self.layout.examples().len()
    }
}

/// The unit table of a `units.toml` text, or why not (the line and the field).
fn read_units(text: &str) -> Result<UnitTable, String> {
    let file: UnitFile = toml::from_str(text).map_err(|error| describe_toml_error(text, &error))?;
    UnitTable::new(file.unit)
}

/// A TOML error as one line: where (line and column, from 1) and what
/// (the field, in the parser's words).
pub fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    let Some(span) = error.span() else {
        return message.to_string();
    };
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    let column = line_before.chars().count() + 1;
    // The key whose value the error is at (`kind = "tree"` → kind).
    let field = line_before
        .trim_end()
        .strip_suffix('=')
        .map(|key| key.trim_end())
        .and_then(|key| key.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).next())
        .filter(|key| !key.is_empty());
    match field {
        Some(field) => format!("line {line}, column {column}, field `{field}`: {message}"),
        None => format!("line {line}, column {column}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_files_read_whole() {
        let rules = Rules::from_texts(|file| Ok((PathBuf::from(file.name), file.default.to_string())));
        assert!(rules.is_ok(), "{:?}", rules.err());
        let lines_with = |file: &RuleFile, start: &str| {
            file.default
                .lines()
                .filter(|line| line.trim_start().starts_with(start))
                .count()
        };
        assert_eq!(
            Rules::builtin().units.units().len(),
            lines_with(&RULE_FILES[0], "{ surface")
        );
        assert_eq!(Rules::builtin().metrics.len(), lines_with(&RULE_FILES[1], "[[rule]]"));
        assert!(Rules::builtin().units.unit_named("座").is_some());
    }

    #[test]
    fn every_builtin_example_holds() {
        let failures = Rules::builtin().check_examples(ChineseSegmenter::shared());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn a_row_that_keeps_nothing_out_fails_its_example() {
        let rules = Rules::from_texts(|file| {
            let text = if file.name == "quantities.toml" {
                file.default.replace(
                    "{ unit = \"部\", before = \"门署件分位队\", example = \"联合3部门开展检查\" }",
                    "{ unit = \"部\", before = \"署\", example = \"联合3部门开展检查\" }",
                )
            } else {
                file.default.to_string()
            };
            Ok((PathBuf::from(file.name), text))
        })
        .unwrap();
        let failures = rules.check_examples(ChineseSegmenter::shared());
        assert_eq!(
            failures,
            ["quantities.toml unit_word row 1: example \"联合3部门开展检查\" gives the quantity 3部"]
        );
    }

    #[test]
    fn a_genre_table_whose_example_fails_is_named() {
        let edited = |from: &'static str, to: &'static str| {
            Rules::from_texts(|file| {
                let text = if file.name == "genre.toml" {
                    file.default.replacen(from, to, 1)
                } else {
                    file.default.to_string()
                };
                Ok((PathBuf::from(file.name), text))
            })
            .unwrap()
            .check_examples(ChineseSegmenter::shared())
        };
        // The only word the example holds taken out.
        assert_eq!(
            edited("\"反馈巡察情况\", ", ""),
            [
                "genre.toml table [feedback]: example \"县教育局召开会议\\n县委第二巡察组向县教育局党组反馈巡察情况。\" holds none of its words"
            ]
        );
        // An example that reads as another genre than its row says.
        assert_eq!(
            edited("kind = \"feedback_notice\"", "kind = \"news\""),
            [
                "genre.toml table [feedback]: example \"县教育局召开会议\\n县委第二巡察组向县教育局党组反馈巡察情况。\" reads as FeedbackNotice, not News"
            ]
        );
    }

    #[test]
    fn a_layout_word_taken_out_fails_its_example() {
        let rules = Rules::from_texts(|file| {
            let text = if file.name == "layout.toml" {
                file.default.replacen("\"当前位置\", ", "", 1)
            } else {
                file.default.to_string()
            };
            Ok((PathBuf::from(file.name), text))
        })
        .unwrap();
        let failures = rules.check_examples(ChineseSegmenter::shared());
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(
            failures[0].starts_with(
                "layout.toml table [breadcrumb_openings]: example \"县教育局门户网站\\n当前位置：通知公告"
            ) && failures[0].ends_with("leaves \"位置:\" outside the furniture"),
            "{failures:?}"
        );
    }

    #[test]
    fn an_approximation_row_is_run_and_checked() {
        let edited = |from: &'static str, to: &'static str| {
            Rules::from_texts(|file| {
                let text = if file.name == "quantities.toml" {
                    assert!(file.default.contains(from), "{from}");
                    file.default.replacen(from, to, 1)
                } else {
                    file.default.to_string()
                };
                Ok((PathBuf::from(file.name), text))
            })
        };
        let row = "{ word = \"上下\", means = \"about\", places = [\"after_unit\"]";
        // Read before the number, 上下 is no part of 500万元上下: the example fails.
        let failures = edited(row, "{ word = \"上下\", means = \"about\", places = [\"before\"]")
            .unwrap()
            .check_examples(ChineseSegmenter::shared());
        assert_eq!(
            failures,
            [
                "quantities.toml approx row 14 (word \"上下\"): example \"每年投入500万元上下\" gives no quantity About holding it (found: 500万元 (None))"
            ]
        );
        let error = edited(row, "{ word = \"上下\", means = \"about\", places = []")
            .err()
            .unwrap();
        assert!(
            error.to_string().contains("approx row 14: field `places` is empty"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_unit_line_names_its_line_and_field() {
        let text = "unit = [\n    { surface = \"座\", canonical = \"座\", kind = \"count\" },\n    { surface = \"棵\", canonical = \"棵\", kind = \"tree\" },\n]\n";
        let error = read_units(text).err().unwrap();
        assert!(error.starts_with("line 3, column 46, field `kind`: "), "{error}");
        assert!(error.contains("tree") && error.contains("count"), "{error}");
        let missing = "unit = [\n    { surface = \"座\", kind = \"count\" },\n]\n";
        let error = read_units(missing).err().unwrap();
        assert!(error.starts_with("line 2") && error.contains("canonical"), "{error}");
    }
}
