//! Counted amounts: number + unit, with approximation, ranges and a label.
//!
//! Consumes the matching copy and the ranges already taken by dates and 《》
//! titles; produces [`QuantityMatch`]es in document order. A quantity is a
//! numeral (Arabic or Chinese, via [`crate::numeral`]) followed by a unit of
//! [`super::unit::UNITS`], with optional approximation words around it
//! (`约30人`, `400余场次`, `90%以上`) and an optional range (`3至5人`).
//! Money is normalised to 元. Numbers that are not counts are refused by
//! rule: ordinals (第四轮), formulas (两个维护), a bare 一 (the indefinite
//! article), numbers glued to other digits or letters (phones, e-mails),
//! dates and anything inside 《》. The label is the counted thing, from the
//! jieba tokens next to the number.

use crate::record::Approx;
use std::ops::Range;


use regex::Regex;

use super::unit::{Unit, UnitTable};
use crate::record::QuantityKind;
use crate::charset::{self, CharSet};
use crate::numeral::{self, COUNT_DIGIT_SET, COUNT_DIGITS, Decimal};
use crate::segment::{ChineseSegmenter, Token};
use crate::rules::Rules;
use crate::span::RangeSet;

/// One quantity found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMatch<'r> {
    /// Byte range of the whole expression in the matching copy.
    pub range: Range<usize>,
    /// The exact value (money in 元).
    pub value: Decimal,
    pub value_max: Option<Decimal>,
    pub unit: &'r Unit,
    pub approx: Option<Approx>,
    /// Byte range of the counted thing, when one is found.
    pub label: Option<Range<usize>>,
    /// The clause around the quantity, for metric rules.
    pub context: Range<usize>,
}

impl QuantityMatch<'_> {
    pub fn kind(&self) -> QuantityKind {
        self.unit.kind
    }
}

const ARABIC: &str = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?";

/// The parts of a quantity, in the order of [`Part`].
const PART_NAMES: [&str; 10] = [
    "pre", "pct", "pctpost", "num", "num2", "mid1", "mult", "mid2", "unit", "post",
];

/// A named part of the quantity rule.
#[derive(Debug, Clone, Copy)]
enum Part {
    Pre,
    Pct,
    PctPost,
    Num,
    Num2,
    Mid1,
    Mult,
    Mid2,
    Unit,
    Post,
}

/// The quantity rule, anchored at its start: [`find_quantities`] tries it
/// only where a number (or an approximation word before one) starts. Built
/// from the unit table of the rules.
pub struct QuantityRule {
    pattern: Regex,
    /// Capture group index of each [`Part`].
    groups: [usize; PART_NAMES.len()],
    /// The approximation words the rule was built with.
    approx: Approximations,
    /// The chars the rule allows between the start of a number and its
    /// unit ([`BEFORE_UNIT`] and the chars of the words after a number).
    before_unit: Box<CharSet>,
}

/// The digits of a Chinese decimal's fraction (三点五: 五), and the
/// multipliers that may follow them (二点五亿).
const FRACTION_DIGITS: &str = "〇零一二两三四五六七八九";
static FRACTION_DIGIT_SET: CharSet = CharSet::new(FRACTION_DIGITS);
const LARGE_MULTIPLIERS: &str = "万亿";
static LARGE_MULTIPLIER_SET: CharSet = CharSet::new(LARGE_MULTIPLIERS);

/// Words after a duration that keep it one (一年内, 3个月以内): part of
/// the quantity's text, and what lets a bare 一 count (一年内 is one year).
const WITHIN_WORDS: [&str; 3] = ["以内", "之内", "内"];

/// Words that join the two numbers of a range (`3至5人`).
const RANGE_SEPARATORS: [&str; 4] = ["至", "-", "~", "到"];
/// Multipliers after an Arabic number (`27.35万元`).
const MULTIPLIERS: [&str; 3] = ["万", "千", "亿"];

/// The quantity rule as a regex source, not anchored, for the units of
/// `units` (none: a unit group that never matches) and the approximation
/// words of `approx`.
fn rule_source(units: &UnitTable, approx: &Approximations) -> String {
    let number = format!("(?:{ARABIC}|[{COUNT_DIGITS}]+(?:点[{FRACTION_DIGITS}]+[{LARGE_MULTIPLIERS}]*)?)");
    let either = |words: &[String]| {
        if words.is_empty() {
            return r"[^\s\S]".to_string();
        }
        words
            .iter()
            .map(|word| regex::escape(word))
            .collect::<Vec<_>>()
            .join("|")
    };
    let literals = |words: &[&str]| words.iter().map(|word| word.to_string()).collect::<Vec<String>>();
    format!(
        r"(?P<pre>{pre})?(?:百分之(?P<pct>{number})(?P<pctpost>{percent_post})?|(?P<num>{number})(?:[ ]*(?:{separators})[ ]*(?P<num2>{number}))?(?P<mid1>{more})?(?:[ ]*(?P<mult>{multipliers}))?(?P<mid2>{more})?[ ]*(?P<unit>{units})(?P<post>{post})?)",
        pre = either(&approx.before),
        percent_post = either(&approx.after_percent),
        separators = either(&literals(&RANGE_SEPARATORS)),
        more = either(&approx.after_number),
        multipliers = either(&literals(&MULTIPLIERS)),
        units = if units.units().is_empty() {
            r"[^\s\S]".to_string()
        } else {
            units.surface_alternation()
        },
        post = either(&approx.after_unit),
    )
}

impl QuantityRule {
    /// The rule for the units of `units` and the approximation words of
    /// `approx`. Words are escaped, so the pattern always compiles; one too
    /// large for the regex engine's limit (tens of thousands of units)
    /// never matches.
    pub fn new(units: &UnitTable, approx: Approximations) -> QuantityRule {
        let pattern = Regex::new(&format!("^(?:{})", rule_source(units, &approx)))
            .or_else(|_| Regex::new(r"[^\s\S]"))
            .unwrap_or_else(|_| unreachable!("a pattern that matches nothing compiles"));
        let groups = PART_NAMES.map(|name| {
            pattern
                .capture_names()
                .position(|group| group == Some(name))
                .unwrap_or(usize::MAX)
        });
        let after_number: Vec<&str> = approx.after_number.iter().map(String::as_str).collect();
        let before_unit = Box::new(BEFORE_UNIT.and_chars_of(&after_number));
        QuantityRule {
            pattern,
            groups,
            approx,
            before_unit,
        }
    }

    /// The approximation words of the rule.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub fn approximations(&self) -> &Approximations {
        &self.approx
    }
}

/// Approximation words (`rules/quantities.toml`, table `approx`): what each
/// means and where it may stand.
pub struct Approximations {
    /// Each word and its meaning, in file order.
    meanings: Vec<(String, Approx)>,
    /// Words that may open a quantity (`约30人`), longest first.
    before: Vec<String>,
    /// The last chars of `before`: most numbers follow none of them.
    before_ends: Box<CharSet>,
    /// Words between the number and the unit (`400余场次`), longest first.
    after_number: Vec<String>,
    /// Words after the unit (`90人左右`), longest first.
    after_unit: Vec<String>,
    /// Words after a 百分之 percentage (`百分之九十以上`), longest first.
    after_percent: Vec<String>,
    /// Each row's number (from 1), word, meaning and example.
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    examples: Vec<(usize, String, Approx, String)>,
}

/// Where an approximation word may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum ApproxPlace {
    /// Before the number: 约30人.
    Before,
    /// Between the number and its unit: 400余场次.
    AfterNumber,
    /// After the unit: 90人左右.
    AfterUnit,
    /// After a 百分之 percentage: 百分之九十以上.
    AfterPercent,
}

/// A row of the `approx` table.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ApproxRow {
    word: String,
    means: Approx,
    places: Vec<ApproxPlace>,
    example: String,
}

impl Approximations {
    /// The words of the `approx` rows, or why not (the row and field).
    fn from_rows(rows: Vec<ApproxRow>) -> Result<Approximations, String> {
        for (index, row) in rows.iter().enumerate() {
            let bad = |what: &str| format!("approx row {}: field `{what}`", index + 1);
            if row.word.is_empty() || row.word.chars().any(|c| u32::from(c) >= 0x1_0000) {
                return Err(format!(
                    "{} {:?} must have chars, all in the Basic Multilingual Plane",
                    bad("word"),
                    row.word
                ));
            }
            if row.places.is_empty() {
                return Err(format!("{} is empty: say where the word stands", bad("places")));
            }
            if rows[..index].iter().any(|earlier| earlier.word == row.word) {
                return Err(format!("{} {:?} is listed twice", bad("word"), row.word));
            }
        }
        let at = |place: ApproxPlace| {
            let mut words: Vec<String> = rows
                .iter()
                .filter(|row| row.places.contains(&place))
                .map(|row| row.word.clone())
                .collect();
            // Longest first, so that a word that ends or starts another
            // (近, 将近) never hides it.
            words.sort_by_key(|word| std::cmp::Reverse(word.len()));
            words
        };
        let before = at(ApproxPlace::Before);
        let before_strs: Vec<&str> = before.iter().map(String::as_str).collect();
        Ok(Approximations {
            before_ends: Box::new(CharSet::last_chars_of(&before_strs)),
            after_number: at(ApproxPlace::AfterNumber),
            after_unit: at(ApproxPlace::AfterUnit),
            after_percent: at(ApproxPlace::AfterPercent),
            before,
            examples: rows
                .iter()
                .enumerate()
                .map(|(index, row)| (index + 1, row.word.clone(), row.means, row.example.clone()))
                .collect(),
            meanings: rows.into_iter().map(|row| (row.word, row.means)).collect(),
        })
    }

    /// What `word` means, if it is an approximation word.
    fn meaning(&self, word: &str) -> Option<Approx> {
        self.meanings
            .iter()
            .find(|(listed, _)| listed == word)
            .map(|&(_, approx)| approx)
    }

    /// Each row's number (from 1), word, meaning and example, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub(crate) fn examples(&self) -> &[(usize, String, Approx, String)] {
        &self.examples
    }
}


/// The parts of one match of the quantity rule, as byte ranges of the text.
///
/// Kept as `u32` pairs, [`ABSENT`] for a part the match lacks: a match is
/// passed along by value from one step of the search to the next, and at
/// 80 bytes it is moved in registers' reach rather than copied by `memcpy`.
struct Parts {
    ranges: [(u32, u32); PART_NAMES.len()],
}

/// The range of a part a match lacks.
const ABSENT: (u32, u32) = (u32::MAX, u32::MAX);

impl Parts {
    fn none() -> Parts {
        Parts {
            ranges: [ABSENT; PART_NAMES.len()],
        }
    }

    fn set(&mut self, part: Part, range: Range<usize>) {
        self.ranges[part as usize] = (range.start as u32, range.end as u32);
    }

    fn get(&self, part: Part) -> Option<Range<usize>> {
        Self::range(self.ranges[part as usize])
    }

    fn range((start, end): (u32, u32)) -> Option<Range<usize>> {
        ((start, end) != ABSENT).then_some(start as usize..end as usize)
    }

    fn str<'t>(&self, text: &'t str, part: Part) -> Option<&'t str> {
        self.get(part).map(|range| &text[range])
    }
}

/// Where quantities may start, in order: the first char of each run of
/// count chars (ASCII digits, or [`COUNT_DIGITS`]), and each 百 of 百分之
/// inside a Chinese run. The rule's number takes a run whole, so a run
/// where no quantity starts has none starting at any later char either
/// (except 百分之, hence its own candidates): each run is tried once.
///
/// `count_chars` are the byte offsets of the count chars of `text`, in
/// order: the normalizer marks them while it folds (one pass over the text
/// instead of two), [`count_chars_of`] finds them in any text. A count char
/// continues a run when one of its own class ends where it starts.
fn candidates<'t>(text: &'t str, count_chars: impl Iterator<Item = usize> + 't) -> impl Iterator<Item = usize> + 't {
    // Whether the last count char was an ASCII digit, and where it ended.
    let mut previous: Option<(bool, usize)> = None;
    count_chars.filter(move |&at| {
        let arabic = text.as_bytes()[at].is_ascii_digit();
        let (_, width) = charset::decode(text.as_bytes(), at);
        let starts_run = previous != Some((arabic, at));
        let percent_inside = !arabic && !starts_run && text[at..].starts_with("百分之");
        previous = Some((arabic, at + width));
        starts_run || percent_inside
    })
}

#[cfg(any(test, feature = "cli", feature = "internals"))]
/// Byte offsets of the count chars of `text` ([`numeral::is_count_char`]).
fn count_chars_of(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices()
        .filter(|&(_, c)| numeral::is_count_char(c))
        .map(|(at, _)| at)
}

#[cfg(any(test, feature = "internals"))]
/// The classes of numbers that are not counts, with the rule that refuses
/// each and an example (every example is tested to yield no quantity).
pub const NOT_QUANTITIES: &[(&str, &str, &str)] = &[
    ("ordinal", "numeral after 第", "市委第二巡察组对第四轮巡察"),
    ("届 count", "届 is not a unit", "五届市委"),
    ("formula", "rules/quantities.toml formula", "履行“一岗双责”，树牢“四个意识”、做到“两个维护”"),
    (
        "article",
        "a bare 一 before a classifier",
        "作为一项长期任务，进行了一次全面排查",
    ),
    ("N大X", "大 is not a unit (大类/大项 are)", "三大行业"),
    (
        "phone, e-mail",
        "digits glued to digits, letters or -",
        "电话0578-2091427，邮箱a09806111@163.com",
    ),
    ("hotline", "no unit after the number", "12338热线"),
    (
        "document number",
        "no unit; 号 is not a unit",
        "〔2024〕15号、[2018]14号",
    ),
    (
        "title",
        "inside 《》 (the pipeline excludes titles)",
        "《规划（2021—2025年）》",
    ),
    ("date", "dates are found first and excluded", "2024年5月8日"),
    ("marker", "一是 / 三、 carry no unit", "一是压实责任。三、突出整改"),
    ("vague", "numeral after 数 / 几", "数十人"),
    ("word", "unit char starting another word (台账, 部门)", "3部门联合检查"),
    ("zero", "a numeral of zeros only", "零部件"),
    ("time", "no unit after 9:00", "9:00—17:00"),
];

/// Whether a formula (two or more chars, one of them the numeral) overlaps
/// `range`: one is looked for only around the quantity.
///
/// The formulas are read as a search with their alternation would read them
/// (leftmost first, the first listed of those starting at a place, then on
/// after it), by direct comparison: a regex search costs more to start than
/// these few chars cost to compare. The property test
/// `formulas_are_found_as_their_alternation_finds_them` checks it.
fn in_formula(text: &str, range: &Range<usize>, words: &NonQuantities) -> bool {
    let Range { start, end } = formula_window(text, range, words.longest_formula);
    let window = &text[..end];
    let mut at = start;
    // A formula starting at or after the range's end cannot overlap it.
    while at < range.end.min(end) {
        let Some(c) = window[at..].chars().next() else {
            break;
        };
        match words
            .formula_starts
            .contains(c)
            .then(|| words.formulas.iter().find(|formula| window[at..].starts_with(formula.as_str())))
            .flatten()
        {
            Some(formula) if range.start < at + formula.len() => return true,
            Some(formula) => at += formula.len(),
            None => at += c.len_utf8(),
        }
    }
    false
}

/// Where a formula overlapping `range` can lie: the longest formula's
/// length around it, on char boundaries.
fn formula_window(text: &str, range: &Range<usize>, longest: usize) -> Range<usize> {
    let mut start = range.start.saturating_sub(longest);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (range.end + longest).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// Numbers that are no counts (`rules/quantities.toml`): fixed formulas,
/// and unit chars that start other words.
pub struct NonQuantities {
    /// Fixed formulas whose numerals are not counts, in file order.
    formulas: Vec<String>,
    /// The first chars of the formulas: one can start only at one of them.
    formula_starts: Box<CharSet>,
    /// Byte length of the longest formula.
    longest_formula: usize,
    /// A one-char unit that is really the start of another word before
    /// these chars (台账, 部门, 处分).
    unit_words: Vec<(char, String)>,
    /// Units that count only before certain words: 45日内 is a duration, 8日
    /// a day.
    unit_only_before: Vec<(char, Vec<String>)>,
    /// Each row's table, row (from 1), example and the place the example
    /// must leave without a quantity: a formula, or a unit char.
    #[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
    examples: Vec<NonQuantityExample>,
}

/// A row of `rules/quantities.toml` with its example.
#[derive(Debug)]
#[cfg_attr(not(any(test, feature = "cli", feature = "internals")), allow(dead_code))]
pub(crate) struct NonQuantityExample {
    /// `formula`, `unit_word` or `unit_only_before`, and the row from 1.
    pub row: (&'static str, usize),
    /// The sentence.
    pub example: String,
    /// What no quantity may cover there: the formula, or the unit char.
    pub phrase: String,
}

/// The file `rules/quantities.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NonQuantityFile {
    approx: Vec<ApproxRow>,
    formula: Vec<FormulaRow>,
    unit_word: Vec<UnitWordRow>,
    unit_only_before: Vec<UnitOnlyBeforeRow>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FormulaRow {
    phrase: String,
    example: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitWordRow {
    unit: char,
    before: String,
    example: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitOnlyBeforeRow {
    unit: char,
    words: Vec<String>,
    example: String,
}

impl NonQuantities {
    /// The tables of a `rules/quantities.toml` text (the approximation
    /// words, and the numbers that are no counts), or why not (the line and
    /// field of a TOML error; the table, row and field of a bad row).
    pub fn from_toml(text: &str) -> Result<(Approximations, NonQuantities), String> {
        let file: NonQuantityFile =
            toml::from_str(text).map_err(|error| crate::rules::describe_toml_error(text, &error))?;
        let approximations = Approximations::from_rows(file.approx)?;
        for (index, row) in file.formula.iter().enumerate() {
            let mut chars = row.phrase.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(_)) if u32::from(first) < 0x1_0000 => {}
                _ => {
                    return Err(format!(
                        "formula row {}: field `phrase` {:?} must have two chars or more, the first in the Basic Multilingual Plane",
                        index + 1,
                        row.phrase
                    ));
                }
            }
        }
        let formulas: Vec<String> = file.formula.iter().map(|row| row.phrase.clone()).collect();
        let starts: Vec<&str> = formulas.iter().map(String::as_str).collect();
        let mut examples: Vec<NonQuantityExample> = Vec::new();
        for (index, row) in file.formula.iter().enumerate() {
            examples.push(NonQuantityExample {
                row: ("formula", index + 1),
                example: row.example.clone(),
                phrase: row.phrase.clone(),
            });
        }
        for (index, row) in file.unit_word.iter().enumerate() {
            examples.push(NonQuantityExample {
                row: ("unit_word", index + 1),
                example: row.example.clone(),
                phrase: row.unit.to_string(),
            });
        }
        for (index, row) in file.unit_only_before.iter().enumerate() {
            examples.push(NonQuantityExample {
                row: ("unit_only_before", index + 1),
                example: row.example.clone(),
                phrase: row.unit.to_string(),
            });
        }
        Ok((approximations, NonQuantities {
            formula_starts: Box::new(CharSet::first_chars_of(&starts)),
            longest_formula: formulas.iter().map(String::len).max().unwrap_or(0),
            formulas,
            unit_words: file.unit_word.into_iter().map(|row| (row.unit, row.before)).collect(),
            unit_only_before: file.unit_only_before.into_iter().map(|row| (row.unit, row.words)).collect(),
            examples,
        }))
    }

    /// Each row with its example, in file order.
    #[cfg(any(test, feature = "cli", feature = "internals"))]
    pub(crate) fn examples(&self) -> &[NonQuantityExample] {
        &self.examples
    }
}

/// Light verbs trimmed off the start of a label (开展警示教育 → 警示教育).
const LIGHT_VERBS: &[&str] = &[
    "开展", "举办", "举行", "召开", "进行", "讲授", "完成", "实施", "发放", "印发", "推动", "参加", "收集", "累计",
];

static LIGHT_VERB_STARTS: CharSet = CharSet::first_chars_of(LIGHT_VERBS);

/// The light verb `label` starts with, if any.
fn light_verb(label: &str) -> Option<&'static str> {
    let first = label.chars().next()?;
    if !LIGHT_VERB_STARTS.contains(first) {
        return None;
    }
    LIGHT_VERBS.iter().find(|verb| label.starts_with(**verb)).copied()
}

/// Characters that end the clause a label is taken from.
static CLAUSE_BREAKS: CharSet = CharSet::new(",;:。、!?\n\r()“”\"《》‘’ ");

/// Function words trimmed off the end of a label clause.
const TRAILING_FUNCTION_WORDS: &[&str] = &[
    "分别为",
    "分别",
    "共计",
    "累计",
    "总计",
    "合计",
    "达到",
    "等",
    "共",
    "达",
    "计",
    "了",
    "为",
    "已",
    "有",
    "的",
];

static TRAILING_FUNCTION_WORD_ENDS: CharSet = CharSet::last_chars_of(TRAILING_FUNCTION_WORDS);

/// The function word `clause` ends with, if any (the first listed wins).
fn trailing_function_word(clause: &str) -> Option<&'static str> {
    let last = clause.chars().next_back()?;
    if !TRAILING_FUNCTION_WORD_ENDS.contains(last) {
        return None;
    }
    TRAILING_FUNCTION_WORDS
        .iter()
        .find(|word| clause.ends_with(**word))
        .copied()
}

#[cfg(any(test, feature = "internals"))]
/// Finds every quantity of `text` outside `excluded` ranges.
///
/// Same matches as an unanchored left-to-right search with the rule: it is
/// tried at every `candidates` position (from the approximation word
/// before it, if one is there) that the previous match does not cover.
pub fn find_quantities<'r>(text: &str, excluded: &RangeSet, rules: &'r Rules) -> Vec<QuantityMatch<'r>> {
    find_quantities_cut_by(text, excluded, rules, ChineseSegmenter::shared())
}

#[cfg(any(test, feature = "cli", feature = "internals"))]
/// [`find_quantities`] with labels cut by `segmenter`.
pub fn find_quantities_cut_by<'r>(
    text: &str,
    excluded: &RangeSet,
    rules: &'r Rules,
    segmenter: &ChineseSegmenter,
) -> Vec<QuantityMatch<'r>> {
    quantities_from(text, candidates(text, count_chars_of(text)), excluded, rules, segmenter)
}

/// [`find_quantities`] in a matching copy whose count chars are known:
/// `count_chars` are their byte offsets, in order (what the normalizer
/// marks, [`crate::span::AlignedText::marked`]).
pub fn find_quantities_at<'r>(
    text: &str,
    count_chars: &[u32],
    excluded: &RangeSet,
    rules: &'r Rules,
    segmenter: &ChineseSegmenter,
) -> Vec<QuantityMatch<'r>> {
    let count_chars = count_chars.iter().map(|&at| at as usize);
    quantities_from(text, candidates(text, count_chars), excluded, rules, segmenter)
}

/// The quantities first, their labels after: labels are cut by the
/// segmenter, whose dictionary would otherwise push the search's tables out
/// of the cache at every quantity (a fifth of the stage's time).
fn quantities_from<'r>(
    text: &str,
    candidates: impl Iterator<Item = usize>,
    excluded: &RangeSet,
    rules: &'r Rules,
    segmenter: &ChineseSegmenter,
) -> Vec<QuantityMatch<'r>> {
    let mut quantities: Vec<QuantityMatch> = rule_matches(text, candidates, rules)
        .filter(|(range, _)| !excluded.overlaps(range) && !in_formula(text, range, &rules.non_quantities))
        .filter_map(|(range, parts)| quantity_of(text, &parts, range, rules))
        .collect();
    for quantity in &mut quantities {
        (quantity.label, quantity.context) = label_and_context(text, quantity.range.clone(), segmenter);
    }
    quantities
}

/// Every match of the rule, left to right and not overlapping: the rule is
/// tried at each [`candidates`] position the previous match does not cover.
///
/// Each try reads at most [`MATCH_MAX_BYTES`] from its start, and whether a
/// unit follows a candidate is read once per run of the chars allowed
/// before a unit ([`UnitScan`]): a failed try costs a bounded number of
/// steps, so a text made of many candidates (`1.1.1.…`, `5~5~5~…`) is
/// searched in linear time, not once more from every candidate to the end
/// of its run.
fn rule_matches<'t>(
    text: &'t str,
    candidates: impl Iterator<Item = usize> + 't,
    rules: &'t Rules,
) -> impl Iterator<Item = (Range<usize>, Parts)> + 't {
    let rule = &rules.quantity_rule;
    let units = &rules.units;
    let mut locations = rule.pattern.capture_locations();
    let mut searched_to = 0;
    let mut unit_scan = UnitScan::default();
    candidates.filter_map(move |candidate| {
        if candidate < searched_to {
            return None;
        }
        let start = start_before(text, searched_to, candidate, &rule.approx);
        let window = &text[..match_window_end(text, start)];
        let (range, parts) = direct_parts(window, start, candidate, rule, units).or_else(|| {
            if !text[candidate..].starts_with("百分之")
                && !unit_scan.unit_may_follow(text, candidate, units, &rule.before_unit)
            {
                return None;
            }
            rule.pattern.captures_read(&mut locations, &window[start..])?;
            let (_, end) = locations.get(0)?;
            let mut parts = Parts::none();
            for (index, &group) in rule.groups.iter().enumerate() {
                if let Some((from, to)) = locations.get(group) {
                    parts.ranges[index] = ((start + from) as u32, (start + to) as u32);
                }
            }
            Some((start..start + end, parts))
        })?;
        searched_to = range.end;
        Some((range, parts))
    })
}

/// Longest match of the quantity rule, in bytes from its start: a try of
/// the rule reads no further.
///
/// A real quantity phrase is short. The longest the rule's parts make in a
/// notice is about 130 bytes: an approximation word (6), a number
/// (`一千二百三十四万五千六百七十八`, 45 bytes; an Arabic one past 16 digits is
/// beyond the precision of its `f64` value anyway), a range separator with
/// blanks and a second such number (50), 余万余 (9), a unit (平方公里, 12) and a
/// word after it (6); the test `the_longest_real_quantity_fits_the_window`
/// builds it. Within the bound the search finds exactly what an unbounded
/// one finds (a match that fits is the rule's match on the whole text too:
/// the rule has no look-ahead); only an absurd "quantity" longer than this,
/// such as a number of hundreds of digits, is no longer one.
const MATCH_MAX_BYTES: usize = 192;

/// Where a try of the rule starting at `start` stops reading: at most
/// [`MATCH_MAX_BYTES`] on, on a char boundary.
fn match_window_end(text: &str, start: usize) -> usize {
    let mut end = (start + MATCH_MAX_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The rule's match at `start` (an approximation word, or the number at
/// `candidate`) read without the regex, for the common shape: every part
/// taken as the rule's backtracking search first tries it (greedy, the
/// first alternative that fits), which is the match whenever that first
/// try reaches a unit. `None` when it does not, or when the text opens with
/// 百分之: the rule itself is run then, since it may still match by giving
/// chars back (五百分点 is 五 + 百分点). Resolving the groups of a match is
/// the costly half of a regex search here; the property test
/// `candidates_find_what_a_full_search_finds` checks these parts against
/// the rule's groups.
fn direct_parts(
    text: &str,
    start: usize,
    candidate: usize,
    rule: &QuantityRule,
    units: &UnitTable,
) -> Option<(Range<usize>, Parts)> {
    let mut parts = Parts::none();
    if start < candidate {
        parts.set(Part::Pre, start..candidate);
    }
    if text[candidate..].starts_with("百分之") {
        return None;
    }
    let mut at = candidate;
    let number = number_len(&text[at..])?;
    parts.set(Part::Num, at..at + number);
    at += number;
    if let Some((second, end)) = range_second_number(text, at) {
        parts.set(Part::Num2, second);
        at = end;
    }
    let multipliers = MULTIPLIERS.map(String::from);
    for (part, words) in [
        (Part::Mid1, &rule.approx.after_number[..]),
        (Part::Mult, &multipliers[..]),
        (Part::Mid2, &rule.approx.after_number[..]),
    ] {
        // Blanks may stand before a multiplier (86.5 万元), and are taken
        // only when one follows them.
        let blanks = if matches!(part, Part::Mult) {
            leading_spaces(&text[at..])
        } else {
            0
        };
        if let Some(word) = words.iter().find(|word| text[at + blanks..].starts_with(word.as_str())) {
            parts.set(part, at + blanks..at + blanks + word.len());
            at += blanks + word.len();
        }
    }
    at += leading_spaces(&text[at..]);
    let unit = units.unit_at(&text[at..])?;
    parts.set(Part::Unit, at..at + unit.surface.len());
    at += unit.surface.len();
    if let Some(word) = rule.approx.after_unit.iter().find(|word| text[at..].starts_with(word.as_str())) {
        parts.set(Part::Post, at..at + word.len());
        at += word.len();
    }
    Some((start..at, parts))
}

/// The chars the rule allows between the start of a number and its unit,
/// but for the approximation words after a number (which the rule adds):
/// number chars ([`ARABIC`], [`COUNT_DIGITS`]), range separators, blanks
/// and [`MULTIPLIERS`].
const BEFORE_UNIT: CharSet = CharSet::new("0123456789,. 点")
    .and(COUNT_DIGITS)
    .and_chars_of(&RANGE_SEPARATORS)
    .and_chars_of(&MULTIPLIERS);

/// Whether a unit follows a candidate, read once per run of the chars
/// allowed before a unit (`QuantityRule::before_unit`).
///
/// The rule, which needs a unit (but for 百分之), cannot match at a
/// candidate unless a unit starts after it past chars of [`BEFORE_UNIT`]
/// only. Most failed candidates (一 of 统一) fail here, without running the
/// rule. The answer for a candidate is decided where its scan stops (at the
/// first unit, or at the first char that is neither a unit nor allowed
/// before one); every later candidate up to that place reaches the same
/// place through the same chars, so it gets the same answer without a
/// second scan. Candidates come in order, so each char is scanned once.
#[derive(Default)]
struct UnitScan {
    /// Where the last scan stopped, and whether at a unit.
    last: Option<(usize, bool)>,
}

impl UnitScan {
    /// Whether a unit starts after `candidate` past `before_unit` chars
    /// only. `candidate` is at or after the previous call's.
    fn unit_may_follow(&mut self, text: &str, candidate: usize, units: &UnitTable, before_unit: &CharSet) -> bool {
        match self.last {
            Some((reach, found)) if candidate <= reach => found,
            _ => {
                let (reach, found) = unit_scan_from(text, candidate, units, before_unit);
                self.last = Some((reach, found));
                found
            }
        }
    }
}

/// Where a scan for a unit from `from` stops, and whether at a unit: at the
/// first unit, at the first char not in `before_unit`, or at the end.
fn unit_scan_from(text: &str, from: usize, units: &UnitTable, before_unit: &CharSet) -> (usize, bool) {
    let mut at = from;
    for c in text[from..].chars() {
        if units.unit_at(&text[at..]).is_some() {
            return (at, true);
        }
        if !before_unit.contains(c) {
            return (at, false);
        }
        at += c.len_utf8();
    }
    (at, false)
}

/// Byte length of the number `text` starts with (the rule's number:
/// [`ARABIC`] or a run of [`COUNT_DIGITS`]), taken greedily.
fn number_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits = |from: usize| bytes[from..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    let mut end = digits(0);
    if end == 0 {
        let run = chars_len(text, &COUNT_DIGIT_SET);
        if run == 0 {
            return None;
        }
        // A decimal: 点, its digits, then multipliers (三点五万).
        let after_point = &text[run..];
        if let Some(fraction) = after_point.strip_prefix(numeral::DECIMAL_POINT) {
            let digits = chars_len(fraction, &FRACTION_DIGIT_SET);
            if digits > 0 {
                let multipliers = chars_len(&fraction[digits..], &LARGE_MULTIPLIER_SET);
                return Some(run + numeral::DECIMAL_POINT.len_utf8() + digits + multipliers);
            }
        }
        return Some(run);
    }
    // Thousands groups of exactly three digits, then a decimal fraction.
    while bytes.get(end) == Some(&b',') && digits(end + 1) >= 3 {
        end += 4;
    }
    if bytes.get(end) == Some(&b'.') {
        let fraction = digits(end + 1);
        if fraction > 0 {
            end += 1 + fraction;
        }
    }
    Some(end)
}

/// Byte length of the run of `set`'s chars `text` starts with.
fn chars_len(text: &str, set: &CharSet) -> usize {
    text.chars().take_while(|&c| set.contains(c)).map(char::len_utf8).sum()
}

/// The second number of a range starting at `at` (`至5`, ` - 5`), and where
/// the range ends; `None` when there is no whole range there.
fn range_second_number(text: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let mut position = at + leading_spaces(&text[at..]);
    let separator = RANGE_SEPARATORS
        .iter()
        .find(|separator| text[position..].starts_with(**separator))?;
    position += separator.len();
    position += leading_spaces(&text[position..]);
    let number = number_len(&text[position..])?;
    Some((position..position + number, position + number))
}

fn leading_spaces(text: &str) -> usize {
    text.bytes().take_while(|&byte| byte == b' ').count()
}

/// Where a quantity whose number starts at `candidate` starts: at the
/// approximation word right before it, if one is there after `floor`.
fn start_before(text: &str, floor: usize, candidate: usize, approx: &Approximations) -> usize {
    let before = &text[floor..candidate];
    if !before.chars().next_back().is_some_and(|c| approx.before_ends.contains(c)) {
        return candidate;
    }
    approx
        .before
        .iter()
        .filter(|word| before.ends_with(word.as_str()))
        .map(|word| candidate - word.len())
        .min()
        .unwrap_or(candidate)
}

/// The quantity a rule match reads as, if it is one; its label and context
/// are left empty for [`label_and_context`].
fn quantity_of<'r>(text: &str, parts: &Parts, range: Range<usize>, rules: &'r Rules) -> Option<QuantityMatch<'r>> {
    let before = text[..range.start].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '_' | '-' | '/' | '+')) {
        return None;
    }
    if before.is_some_and(|c| matches!(c, '第' | '数' | '几' | '每')) && parts.get(Part::Pre).is_none() {
        return None;
    }
    let (value, value_max, unit) = match parts.str(text, Part::Pct) {
        Some(percent) => (numeral::parse(percent)?, None, rules.units.unit_named("%")?),
        None => counted_amount(text, parts, rules)?,
    };
    let approx = [Part::Pre, Part::Mid1, Part::Mid2, Part::Post, Part::PctPost]
        .iter()
        .find_map(|&part| parts.str(text, part).and_then(|word| rules.quantity_rule.approx.meaning(word)));
    let mut range = range;
    if unit.kind == QuantityKind::Duration
        && parts.get(Part::Post).is_none()
        && let Some(within) = within_word(&text[range.end..])
    {
        range.end += within.len();
    }
    Some(QuantityMatch {
        range,
        value,
        value_max,
        unit,
        approx,
        // Filled in by `quantities_from` once every quantity is found.
        label: None,
        context: 0..0,
    })
}

/// Value, range maximum and unit of a number + unit match, or `None` when
/// the numeral or the unit is not really a count (see the module docs).
fn counted_amount<'r>(text: &str, parts: &Parts, rules: &'r Rules) -> Option<(Decimal, Option<Decimal>, &'r Unit)> {
    let number = parts.str(text, Part::Num)?;
    let unit_end = parts.get(Part::Unit)?.end;
    let unit = rules.units.unit_named(parts.str(text, Part::Unit)?)?;
    let follower = text[unit_end..].chars().next();
    // The tables hold one-char units, compared as chars (no string compare
    // for each row).
    let mut unit_chars = unit.surface.chars();
    let unit_char = unit_chars.next().filter(|_| unit_chars.next().is_none());
    let words = &rules.non_quantities;
    if words
        .unit_words
        .iter()
        .any(|(surface, next)| unit_char == Some(*surface) && follower.is_some_and(|c| next.contains(c)))
    {
        return None;
    }
    let after_unit = &text[unit_end..];
    if words
        .unit_only_before
        .iter()
        .any(|(surface, only)| unit_char == Some(*surface) && !only.iter().any(|w| after_unit.starts_with(w.as_str())))
    {
        return None;
    }
    let chinese = !number.starts_with(|c: char| c.is_ascii_digit());
    if chinese {
        let digits = number;
        let has_digit =
            digits.chars().any(|c| numeral::chinese_digit(c).is_some()) || digits.starts_with(['十', '廿', '卅', '卌']);
        let only_zeros = digits.chars().all(|c| matches!(c, '零' | '〇'));
        // A bare 一 is the indefinite article (一项任务, 一次排查), except in
        // a duration's span (一年内); 零部件 is a word.
        let one_duration = unit.kind == QuantityKind::Duration && within_word(after_unit).is_some();
        if (digits == "一" && !one_duration) || !has_digit || only_zeros {
            return None;
        }
    }
    let factor = match parts.str(text, Part::Mult) {
        Some(multiplier) => numeral::multiplier(multiplier)?,
        None => Decimal::ONE,
    };
    let value = numeral::parse(number)?.checked_mul(factor)?.normalize();
    let value_max = match parts.str(text, Part::Num2) {
        Some(second) => Some(numeral::parse(second)?.checked_mul(factor)?.normalize()),
        None => None,
    };
    if value_max.is_some_and(|max| max <= value) {
        return None;
    }
    // 年 counts years only for small numbers; 2024年 is a date.
    if unit.surface == "年" && (value >= Decimal::ONE_HUNDRED || follower.is_some_and(|c| matches!(c, '月' | '度')))
    {
        return None;
    }
    Some((value, value_max, unit))
}

/// The word after a duration that keeps it a span (内, 以内, 之内), if one.
fn within_word(after_unit: &str) -> Option<&'static str> {
    WITHIN_WORDS.iter().find(|word| after_unit.starts_with(**word)).copied()
}

/// A noun-like token. Words the dictionary does not know come from the HMM
/// with tag `x`; in Chinese they are mostly names (盒马鲜生), so nouns.
fn is_noun(token: &Token) -> bool {
    token.tag.starts_with('n')
        || matches!(token.tag, "vn" | "eng" | "j" | "nz" | "an" | "l")
        || (token.tag == "x" && token.word.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
}

fn is_verb(token: &Token) -> bool {
    token.tag.starts_with('v') && token.tag != "vn"
}

fn char_count(text: &str, tokens: &[Token]) -> usize {
    tokens.iter().map(|t| text[t.range.clone()].chars().count()).sum()
}

/// Longest label kept, in chars.
const LABEL_MAX_CHARS: usize = 16;
/// How much of the clause before a number is segmented for its label.
const LABEL_SEGMENT_CHARS: usize = 24;
/// How far after the unit a following noun is looked for, in bytes.
const FOLLOWING_WINDOW: usize = 36;

/// Start of the clause that ends at `end` (after the last clause break).
///
/// Looks back at most [`CLAUSE_MAX_BYTES`]: a text without punctuation must
/// not make every quantity rescan it (quadratic time).
fn clause_start_before(text: &str, end: usize) -> usize {
    let mut floor = end.saturating_sub(CLAUSE_MAX_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    text[floor..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| CLAUSE_BREAKS.contains(c))
        .map_or(floor, |(index, c)| floor + index + c.len_utf8())
}

/// Longest clause looked at around a quantity, in bytes (about 80 CJK chars).
const CLAUSE_MAX_BYTES: usize = 240;

/// End of the clause that starts at `start` (before the next clause break
/// other than a blank).
fn clause_end_after(text: &str, start: usize) -> usize {
    let mut ceiling = (start + CLAUSE_MAX_BYTES).min(text.len());
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    text[start..ceiling]
        .char_indices()
        .find(|&(_, c)| c != ' ' && CLAUSE_BREAKS.contains(c))
        .map_or(ceiling, |(offset, _)| start + offset)
}

/// Leading tokens that name a thing: nouns, optionally opened by an
/// adjective (具体/a 问题/n).
fn leading_noun_run(tokens: &[Token]) -> usize {
    let skip = usize::from(tokens.len() > 1 && tokens[0].tag == "a" && is_noun(&tokens[1]));
    let run = tokens[skip..].iter().take_while(|token| is_noun(token)).count();
    if run == 0 { 0 } else { skip + run }
}

/// The counted thing and the clause around a quantity.
///
/// A classifier followed directly by Chinese text (`7家盒马门店`) counts the
/// noun that follows; otherwise the label is the noun phrase ending the clause
/// before the number (`培育巾帼直播能手275人` → 巾帼直播能手), widened over the
/// verbs before it when that phrase is a single short word
/// (`建立完善制度8项`, `教育提醒3人`).
///
/// The context, which metric rules match, is the whole clause: its predicate
/// may follow the number (`对…的3名干部进行提醒谈话`). A clause with at most one
/// char before the number (`,占89.7%`) continues the previous clause, which
/// the context then includes.
fn label_and_context(
    text: &str,
    range: Range<usize>,
    segmenter: &ChineseSegmenter,
) -> (Option<Range<usize>>, Range<usize>) {
    let clause_start = clause_start_before(text, range.start);
    let mut context_start = clause_start;
    if text[clause_start..range.start].chars().count() <= 1
        && let Some((break_at, _)) = text[..clause_start].char_indices().next_back()
    {
        context_start = clause_start_before(text, break_at);
    }
    let context = context_start..clause_end_after(text, range.end);

    let mut clause_end = range.start;
    while let Some(word) = trailing_function_word(&text[clause_start..clause_end]) {
        clause_end -= word.len();
    }

    // A noun directly after the unit.
    let mut window_end = (range.end + FOLLOWING_WINDOW).min(context.end).max(range.end);
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let following = &text[range.end..window_end];
    let starts_with_han = following
        .chars()
        .next()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_ascii_digit());
    if starts_with_han {
        let tokens = segmenter.tokens(following);
        let run = leading_noun_run(&tokens);
        if run > 0 {
            return (Some(range.end..range.end + tokens[run - 1].range.end), context);
        }
    }

    if clause_end <= clause_start {
        return (None, context);
    }
    // Labels end the clause and are short: segment only its tail.
    let clause_start = text[clause_start..clause_end]
        .char_indices()
        .rev()
        .nth(LABEL_SEGMENT_CHARS - 1)
        .map_or(clause_start, |(offset, _)| clause_start + offset);
    let clause = &text[clause_start..clause_end];
    let tokens = segmenter.tokens(clause);
    let mut first = tokens.len();
    while first > 0 && is_noun(&tokens[first - 1]) {
        first -= 1;
    }
    // A verbal noun before a noun acts as a verb (技能大赛 培育/vn 巾帼直播能手),
    // unless a verb precedes it (发放 宣传/vn 资料).
    if let Some(verbal) = (first..tokens.len().saturating_sub(1)).rev().find(|&index| {
        tokens[index].tag == "vn" && is_noun(&tokens[index + 1]) && (index == 0 || !is_verb(&tokens[index - 1]))
    }) {
        first = verbal + 1;
    }
    if char_count(clause, &tokens[first..]) <= 2 {
        while first > 0 && is_verb(&tokens[first - 1]) {
            first -= 1;
        }
    }
    while first < tokens.len() && char_count(clause, &tokens[first..]) > LABEL_MAX_CHARS {
        first += 1;
    }
    let mut label_start = tokens
        .get(first)
        .map_or(clause_end, |token| clause_start + token.range.start);
    while let Some(verb) = light_verb(&text[label_start..clause_end]) {
        label_start += verb.len();
    }
    let label = (label_start < clause_end).then_some(label_start..clause_end);
    (label, context)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rules.
    #[allow(non_snake_case)]
    fn BUILTIN() -> &'static Rules {
        Rules::builtin()
    }

    /// (phrase, quantity text, value, value_max, unit, approx).
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        Option<Approx>,
    );
    const CASES: &[Case] = &[
        ("教育提醒3人,", "3人", "3", None, "人", None),
        (
            "开展服务400余场次。",
            "400余场次",
            "400",
            None,
            "场次",
            Some(Approx::Over),
        ),
        ("资金400余万元;", "400余万元", "4000000", None, "元", Some(Approx::Over)),
        ("追缴7.132万元", "7.132万元", "71320", None, "元", None),
        ("投入1.49亿元", "1.49亿元", "149000000", None, "元", None),
        ("培训5549人次", "5549人次", "5549", None, "人次", None),
        ("疫苗1000人份", "1000人份", "1000", None, "人份", None),
        ("约30人参加", "约30人", "30", None, "人", Some(Approx::About)),
        ("30人左右", "30人左右", "30", None, "人", Some(Approx::About)),
        ("近20家", "近20家", "20", None, "家", Some(Approx::Under)),
        ("完成率超过95%", "超过95%", "95", None, "%", Some(Approx::Over)),
        ("达到90%以上", "90%以上", "90", None, "%", Some(Approx::Over)),
        ("安排3至5人", "3至5人", "3", Some("5"), "人", None),
        ("安排5~7人", "5~7人", "5", Some("7"), "人", None),
        ("三至五人", "三至五人", "3", Some("5"), "人", None),
        ("五个方面", "五个", "5", None, "个", None),
        ("十六个", "十六个", "16", None, "个", None),
        ("卅七个", "卅七个", "37", None, "个", None),
        ("两个月来", "两个月", "2", None, "个月", None),
        ("十余人", "十余人", "10", None, "人", Some(Approx::Over)),
        ("提高15.4个百分点", "15.4个百分点", "15.4", None, "个百分点", None),
        ("1,280人", "1,280人", "1280", None, "人", None),
        ("为期45天", "45天", "45", None, "天", None),
        ("百分之九十五", "百分之九十五", "95", None, "%", None),
    ];

    #[test]
    fn finds_every_case() {
        for &(phrase, text, value, value_max, unit, approx) in CASES {
            let found = find_quantities(phrase, &RangeSet::default(), BUILTIN());
            assert_eq!(found.len(), 1, "{phrase}: {found:?}");
            let q = &found[0];
            assert_eq!(&phrase[q.range.clone()], text, "{phrase}");
            assert_eq!(q.value.to_string(), value, "{phrase}");
            assert_eq!(q.value_max.map(|max| max.to_string()).as_deref(), value_max, "{phrase}");
            assert_eq!(q.unit.canonical, unit, "{phrase}");
            assert_eq!(q.approx, approx, "{phrase}");
        }
    }

    #[test]
    fn refuses_every_class_of_non_quantity() {
        for &(class, _, example) in NOT_QUANTITIES {
            let record = crate::parse(example.as_bytes(), &crate::Options::default()).expect("parses");
            let texts: Vec<&str> = record.quantities.iter().map(|q| q.text.as_str()).collect();
            assert!(texts.is_empty(), "{class}: {example}: {texts:?}");
        }
        // A unit char is a unit when nothing turns it into a word.
        let texts: Vec<String> = find_quantities("建立台账3本", &RangeSet::default(), BUILTIN())
            .iter()
            .map(|q| "建立台账3本"[q.range.clone()].to_owned())
            .collect();
        assert_eq!(texts, ["3本"]);
    }

    #[test]
    fn distributive_lists_give_one_quantity_each() {
        let phrase = "分别为3人、5人和2人";
        let values: Vec<String> = find_quantities(phrase, &RangeSet::default(), BUILTIN())
            .iter()
            .map(|q| q.value.to_string())
            .collect();
        assert_eq!(values, ["3", "5", "2"]);
    }

    #[test]
    fn before_unit_holds_every_char_the_rule_allows_before_a_unit() {
        let rule = &BUILTIN().quantity_rule;
        let words = RANGE_SEPARATORS
            .iter()
            .copied()
            .chain(rule.approx.after_number.iter().map(String::as_str))
            .chain(MULTIPLIERS);
        for c in words
            .flat_map(|word| word.chars())
            .chain(COUNT_DIGITS.chars())
            .chain("0123456789,. ".chars())
        {
            assert!(rule.before_unit.contains(c), "{c}");
        }
    }

    #[test]
    fn every_approximation_word_has_a_meaning() {
        let approx = &BUILTIN().quantity_rule.approx;
        let mut before = approx.before.clone();
        before.sort();
        let mut expected = ["超过", "将近", "不到", "不足", "大约", "约", "近", "逾"].map(String::from);
        expected.sort();
        assert_eq!(before, expected);
        // Longest first: 将近 is tried before 近.
        assert!(approx.before.windows(2).all(|pair| pair[0].len() >= pair[1].len()));
        for word in approx
            .before
            .iter()
            .chain(&approx.after_number)
            .chain(&approx.after_unit)
            .chain(&approx.after_percent)
        {
            assert!(approx.meaning(word).is_some(), "{word}");
        }
    }

    /// A match's range and the ranges of its parts, in [`PART_NAMES`] order.
    type MatchWithParts = (Range<usize>, Vec<Option<Range<usize>>>);

    proptest::proptest! {
        /// The candidate-driven search finds what an unanchored search with
        /// the same rule finds, with the same parts (read directly or by the
        /// rule), on text made of numerals, units, approximation words and
        /// other chars.
        #[test]
        fn candidates_find_what_a_full_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "1", "23", "0", ",", ",000", ".", ".5", "5", "一", "二", "两", "十", "百", "千", "万", "亿",
                "百分之", "分之", "至", "-", "~", "到", " ", "余", "多", "人", "人次", "个", "个月", "个百分点",
                "百分点", "元", "%", "项", "年", "平方米", "约", "大约", "大", "大类", "超过", "近", "将近", "逾",
                "以上", "以下", "左右", "上下", "第", "数", "和", "问题", "。", "点", "五", "吨", "内", "以内",
                "公里",
            ]), 0..24)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(bounded_search(&text), full_search(&text), "{}", text);
            // The count chars the normalizer marks start the same candidates.
            let normalized = crate::normalize::normalize(text.clone());
            proptest::prop_assert_eq!(normalized.matching(), text.as_str());
            let marked = normalized.marked().iter().map(|&at| at as usize);
            proptest::prop_assert_eq!(
                candidates(&text, marked).collect::<Vec<_>>(),
                candidates(&text, count_chars_of(&text)).collect::<Vec<_>>()
            );
        }
    }

    /// The matches of the unanchored rule over the whole text, with their
    /// parts: what the search finds with no bound on a try.
    fn full_search(text: &str) -> Vec<MatchWithParts> {
        let full = Regex::new(&rule_source(&BUILTIN().units, &BUILTIN().quantity_rule.approx)).unwrap();
        full.captures_iter(text)
            .map(|captures| {
                let parts = PART_NAMES
                    .iter()
                    .map(|&name| captures.name(name).map(|m| m.range()))
                    .collect();
                (captures.get(0).unwrap().range(), parts)
            })
            .collect()
    }

    /// The matches the candidate-driven search finds, with their parts.
    fn bounded_search(text: &str) -> Vec<MatchWithParts> {
        rule_matches(text, candidates(text, count_chars_of(text)), BUILTIN())
            .map(|(range, parts)| (range, parts.ranges.iter().map(|&pair| Parts::range(pair)).collect()))
            .collect()
    }

    #[test]
    fn the_longest_real_quantity_fits_the_window() {
        // 超过 (6 bytes) + a 15-char numeral (45) + " 至 " (5) + another (45)
        // + 余万余 (9) + 平方公里 (12) + 以上 (6) = 128 bytes.
        let phrase = "超过一千二百三十四万五千六百七十八 至 一千二百三十四万五千六百七十九余万余平方公里以上";
        assert_eq!(phrase.len(), 128);
        const { assert!(128 <= MATCH_MAX_BYTES) };
        // Alone, and after a long run of candidates that each fail.
        let noise = "1.".repeat(5_000);
        for text in [phrase.to_owned(), format!("{noise}{phrase}")] {
            let found: Vec<(usize, usize)> = bounded_search(&text)
                .into_iter()
                .map(|(range, _)| (range.start, range.end))
                .collect();
            assert_eq!(found, [(text.len() - phrase.len(), text.len())], "{phrase}");
        }
    }

    #[test]
    fn a_try_reads_no_further_than_the_bound() {
        // 3, blanks, 人: a match of 1 + blanks + 3 bytes.
        let fits = format!("3{}人", " ".repeat(MATCH_MAX_BYTES - 4));
        assert_eq!(fits.len(), MATCH_MAX_BYTES);
        let found: Vec<(usize, usize)> = bounded_search(&fits)
            .into_iter()
            .map(|(range, _)| (range.start, range.end))
            .collect();
        assert_eq!(found, [(0, MATCH_MAX_BYTES)]);
        // One blank more and the unit lies past the bound: no quantity.
        let too_long = format!("3{}人", " ".repeat(MATCH_MAX_BYTES - 3));
        assert!(bounded_search(&too_long).is_empty());
    }

    proptest::proptest! {
        /// On long texts of repeated pieces (the shapes that made every
        /// candidate read to the end of its run: `1.1.1.…`, `5~5~…`,
        /// `一至一至…`, thousands groups), the bounded search finds exactly
        /// what the unbounded rule finds whenever every match of the latter
        /// fits the bound, as every real quantity does; and a unit is
        /// judged to follow a candidate exactly as a fresh scan from it
        /// judges.
        #[test]
        fn the_bounded_search_finds_what_the_unbounded_rule_finds(
            runs in proptest::collection::vec((proptest::sample::select(vec![
                "1", "1.", "1,", "1,000", ",000", "5~", "1 ", " ", "1-", "1至", "一.", "五至", "1到", "一", "十",
                "百", "万", "23", ".5", "人", "人次", "个百分点", "%", "余", "约", "超过", "以上", "左右", "百分之",
                "年", "第", "问题", "。", "、",
            ]), 1..80_usize), 0..10)
        ) {
            let text: String = runs.iter().map(|(piece, count)| piece.repeat(*count)).collect();
            let expected = full_search(&text);
            if expected.iter().all(|(range, _)| range.len() <= MATCH_MAX_BYTES) {
                proptest::prop_assert_eq!(bounded_search(&text), expected, "{}", text);
            }
            let mut scan = UnitScan::default();
            for candidate in candidates(&text, count_chars_of(&text)) {
                proptest::prop_assert_eq!(
                    scan.unit_may_follow(&text, candidate, &BUILTIN().units, &BUILTIN().quantity_rule.before_unit),
                    unit_scan_from(&text, candidate, &BUILTIN().units, &BUILTIN().quantity_rule.before_unit).1,
                    "{} at {}", text, candidate
                );
            }
        }
    }

    proptest::proptest! {
        /// Formulas overlap a range exactly when a search with their
        /// alternation over the same window finds one overlapping it.
        #[test]
        fn formulas_are_found_as_their_alternation_finds_them(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "两", "个", "维护", "四", "意识", "一", "岗", "双责", "三", "位", "体", "十", "五", "项",
                "规定", "八", "3", "人", "学", "做", "重", "大", "会", "课", "。", "五个一", "岗双责", "十四",
                "五五",
            ]), 0..14)
        ) {
            let text: String = pieces.concat();
            let words = &BUILTIN().non_quantities;
            let alternation = Regex::new(&words.formulas.iter().map(|f| regex::escape(f)).collect::<Vec<_>>().join("|")).unwrap();
            let bounds: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
            for (index, &from) in bounds.iter().enumerate() {
                for &to in &bounds[index + 1..] {
                    let range = from..to;
                    let Range { start, end } = formula_window(&text, &range, words.longest_formula);
                    let expected = alternation
                        .find_iter(&text[start..end])
                        .any(|found| start + found.start() < range.end && range.start < start + found.end());
                    proptest::prop_assert_eq!(in_formula(&text, &range, words), expected, "{} {:?}", text, range);
                }
            }
        }
    }

    const LABELS: &[(&str, &str, Option<&str>)] = &[
        (
            "在巡察整改工作中,教育提醒3人,建立完善制度8项。",
            "3人",
            Some("教育提醒"),
        ),
        (
            "在巡察整改工作中,教育提醒3人,建立完善制度8项。",
            "8项",
            Some("建立完善制度"),
        ),
        ("技能大赛128场次,培育巾帼直播能手275人。", "275人", Some("巾帼直播能手")),
        ("进驻杭州7家盒马鲜生门店,带动增收。", "7家", Some("盒马鲜生门店")),
        ("积极在两会期间提交3条提案建议,建言献策。", "3条", Some("提案建议")),
        ("对全市11条12338热线进行梳理", "11条", Some("12338热线")),
    ];

    #[test]
    fn labels_name_the_counted_thing() {
        for &(phrase, text, label) in LABELS {
            let found = find_quantities(phrase, &RangeSet::default(), BUILTIN());
            let quantity = found.iter().find(|q| &phrase[q.range.clone()] == text).expect(text);
            let got = quantity.label.clone().map(|range| &phrase[range]);
            assert_eq!(got, label, "{phrase} / {text}");
        }
    }
}
