//! Date expressions → ISO ranges with a precision.
//!
//! Consumes the matching copy (digits already ASCII, dashes folded to `-`);
//! produces [`DateMatch`]es in document order: points (`2024年10月10日`,
//! `2025年2月`, `2024年度`), ranges (`2024年5月8日—5月24日`,
//! `2024年5月8日至24日`, `2021—2024年度`), recurrences (`每月8号`, `每季度`)
//! and relative expressions (`今年`, `上半年`) resolved against a reference
//! date. A missing year or month is inherited from the previous date of the
//! notice, else from the reference date; it is never guessed from today.
//! Invalid calendar dates (2023年2月29日) are not dates. Text inside 《》 is
//! skipped: a year in a document title is part of the title.
//!
//! Expressions are looked for only next to their anchors (年, 月, a
//! separator …, found by literal searches), and their pieces are tried only
//! where their first char allows, so that most of the text costs no regex
//! call.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::charset::CharSet;
use crate::record::{CivilDate, DateKind, Frequency, Precision, days_in_month};
use crate::numeral;
use crate::span::RangeSet;

/// One date expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte range in the matching copy.
    pub range: Range<usize>,
    pub kind: DateKind,
    pub start: Option<CivilDate>,
    pub end: Option<CivilDate>,
    pub precision: Precision,
    pub frequency: Option<Frequency>,
    pub relative: bool,
}

/// An anchored piece of a date expression, and the chars its match can
/// start with once leading spaces are skipped. Most pieces tried at a
/// position cannot match there; the first char says so without a call to
/// the regex (and, for `captures`, without allocating the groups). Pieces
/// whose groups are numbers are read with `find` and [`numbers_in`].
struct Piece {
    regex: Regex,
    first_chars: Box<[char]>,
}

impl Piece {
    /// The piece `pattern`, anchored at the start of the text it is tried
    /// on; every match of `pattern` starts, after spaces, with one of
    /// `first_chars` (the property test `pieces_start_with_their_first_chars`
    /// checks it).
    fn new(pattern: &str, first_chars: &str) -> Self {
        Piece {
            regex: Regex::new(&format!("^(?:{pattern})")).unwrap(),
            first_chars: first_chars.chars().collect(),
        }
    }

    /// Whether a match can start `text`: its first char after spaces is
    /// one of the first chars.
    fn may_start(&self, text: &str) -> bool {
        text.trim_start_matches(' ')
            .chars()
            .next()
            .is_some_and(|c| self.first_chars.contains(&c))
    }

    /// The groups of the piece at the start of `text`, the regex being
    /// run only where [`Piece::may_start`] allows.
    fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.may_start(text).then(|| self.regex.captures(text))?
    }

    /// The piece at the start of `text`, the regex being run only where
    /// [`Piece::may_start`] allows.
    fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.may_start(text).then(|| self.regex.find(text))?
    }

    /// Whether the piece starts `text`, the regex being run only where
    /// [`Piece::may_start`] allows.
    fn is_match(&self, text: &str) -> bool {
        self.may_start(text) && self.regex.is_match(text)
    }
}

/// Anchored pieces of date expressions, tried at a candidate position.
struct Pieces {
    /// 2024年, 二〇二四年.
    year: Piece,
    /// 今年, 去年, 明年, 前年.
    relative_year: Piece,
    /// 度 after a year.
    year_du: Piece,
    /// 初 / 底 / 末 of a year (2024年初, 2024年年底).
    year_part: Piece,
    /// 第一季度, 一季度, 1季度.
    quarter: Piece,
    /// 上半年, 下半年.
    half: Piece,
    arabic_month: Piece,
    chinese_month: Piece,
    day: Piece,
    /// 上旬, 中旬, 下旬, 初, 底, 末 of a month.
    month_part: Piece,
    connector: Piece,
    /// 1—10月 after a year: a month range written once.
    month_range: Piece,
    /// 8—24日 after a month: a day range written once.
    day_range: Piece,
    /// 2021—2024年(度).
    year_range: Piece,
    /// 2024-05-04, 2024/5/4, 2024.5.4.
    iso: Piece,
    /// 每周, 每月(8号), 每季度, 每半年, 每年.
    recurring: Piece,
    /// 今年以来, 年内, 上半年, 下半年 standing alone.
    relative_word: Piece,
    /// A month the atom refused (2024年13月): the whole date is invalid.
    refused_month: Piece,
}

const DAY_NUMBER: &str = r"3[01]|[12][0-9]|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]";
const CONNECTOR: &str = r"[ ]*(?:-|~|至|到)[ ]*";

static PIECES: LazyLock<Pieces> = LazyLock::new(|| Pieces {
    year: Piece::new(
        r"([0-9]{4}|[〇零一二三四五六七八九]{4})[ ]*年",
        "0123456789〇零一二三四五六七八九",
    ),
    relative_year: Piece::new(r"(今|去|明|前)年", "今去明前"),
    year_du: Piece::new(r"度", "度"),
    year_part: Piece::new(r"[ ]*年?(初|底|末)", "年初底末"),
    quarter: Piece::new(r"[ ]*(第?)([一二三四1-4])季度", "第一二三四1234"),
    half: Piece::new(r"[ ]*([上下])半年", "上下"),
    arabic_month: Piece::new(r"[ ]*(1[0-2]|0?[1-9])[ ]*月份?", "0123456789"),
    chinese_month: Piece::new(r"[ ]*(十[一二]?|[一二三四五六七八九])[ ]*月份?", "一二三四五六七八九十"),
    day: Piece::new(
        &format!(r"[ ]*({DAY_NUMBER})[ ]*[日号]"),
        "0123456789一二三四五六七八九十",
    ),
    month_part: Piece::new(r"[ ]*(上旬|中旬|下旬|初|底|末)", "上中下初底末"),
    connector: Piece::new(CONNECTOR, "-~至到"),
    month_range: Piece::new(
        &format!(r"[ ]*(1[0-2]|0?[1-9]){CONNECTOR}(1[0-2]|0?[1-9])[ ]*月份?"),
        "0123456789",
    ),
    day_range: Piece::new(
        &format!(r"[ ]*(3[01]|[12][0-9]|0?[1-9]){CONNECTOR}(3[01]|[12][0-9]|0?[1-9])[ ]*[日号]"),
        "0123456789",
    ),
    year_range: Piece::new(
        &format!(r"([0-9]{{4}}){CONNECTOR}([0-9]{{4}})[ ]*年(?:度)?"),
        "0123456789",
    ),
    iso: Piece::new(
        r"([0-9]{4})([-/.])(1[0-2]|0?[1-9])([-/.])(3[01]|[12][0-9]|0?[1-9])",
        "0123456789",
    ),
    recurring: Piece::new(
        &format!(r"每[ ]*(?:周|半年|季度|季|年|月(?:[ ]*(?:{DAY_NUMBER})[ ]*[日号])?)"),
        "每",
    ),
    relative_word: Piece::new(r"今年以来|年内|上半年|下半年", "今年上下"),
    refused_month: Piece::new(
        r"[ ]*[0-9一二三四五六七八九十]+[ ]*月",
        "0123456789一二三四五六七八九十",
    ),
});

/// The chars numbers are written with in date pieces: Arabic digits and
/// Chinese digits (with 〇, 零 and 十).
static NUMBER_CHARS: CharSet = CharSet::new("0123456789〇零一二三四五六七八九十");

/// The numbers of a piece's match, in order: its runs of [`NUMBER_CHARS`].
/// In every piece with groups, each number group stands between chars that
/// are not number chars (spaces, 年, 月, a connector …), so these are its
/// number groups, read without the slower capturing search (the property
/// test `piece_numbers_are_their_number_groups` checks it).
fn numbers_in(matched: &str) -> impl Iterator<Item = &str> {
    matched
        .split(|c: char| !NUMBER_CHARS.contains(c))
        .filter(|number| !number.is_empty())
}

/// Where a date expression can start: a 4-digit year followed by 年 or a
/// separator, an Arabic month, the first char of a Chinese-numeral year or
/// month, a relative year, a recurrence, a half year, 年内 or an ordinal
/// quarter. Selective, so that plain counts (400余场次) and common characters
/// (一, 上, 年) are not tried one by one.
const TRIGGER: &str = r"[0-9]{4}[ ]*(?:年|[-/.~]|至|到)|(?:1[0-2]|0?[1-9])[ ]*(?:月|(?:-|~|至|到)[ ]*(?:1[0-2]|0?[1-9])[ ]*月)|[〇零一二三四五六七八九]{4}[ ]*年|(?:十[一二]?|[一二三四五六七八九])[ ]*月|[今去明前]年|每[ ]*[周月季年半]|[上下]半年|年内|第[一二三四1-4]季度";

/// [`TRIGGER`] anchored: whether a date expression can start right here.
/// Searching the whole text with the unanchored pattern runs its automaton
/// over every byte; [`TriggerSearch`] tries this one only where needed.
static TRIGGER_HERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("^(?:{TRIGGER})")).unwrap());

/// The chars a [`TRIGGER`] match can start with: a cheap test before the
/// anchored pattern is tried.
static TRIGGER_FIRST_CHARS: CharSet = CharSet::new("0123456789〇零一二三四五六七八九十今去明前每上下年第");

/// The anchors of [`TRIGGER`]: every match holds one close to its start,
/// right after at most [`LONGEST_BEFORE_ANCHOR`] bytes and a run of spaces.
/// 年 (year, relative year, 年内), 月 (month), a separator (-/.~至到, after
/// a year or an Arabic month), 季 (ordinal quarter), 半 (half year) or
/// 周月季年半 (recurrence). They are much rarer than the chars a match starts
/// with (digits, 一, 上, 第 …). These are the Chinese ones; the ASCII ones
/// are [`ASCII_ANCHORS`], a separate search: one literal search for both
/// could only sieve by the first byte, which most Chinese chars share.
static CHINESE_ANCHORS: LazyLock<Regex> = LazyLock::new(|| Regex::new("年|月|季|周|半|至|到").unwrap());

/// The ASCII anchors of [`TRIGGER`], its separators (see [`CHINESE_ANCHORS`]).
static ASCII_ANCHORS: LazyLock<Regex> = LazyLock::new(|| Regex::new("[-/.~]").unwrap());

/// The longest part of a [`TRIGGER`] match before its first anchor and the
/// spaces right before that anchor, in bytes: the four Chinese digits of
/// `二〇二四 年`.
const LONGEST_BEFORE_ANCHOR: usize = 4 * '〇'.len_utf8();

/// A search for the starts of [`TRIGGER`] matches that are not glued to an
/// ASCII digit before them, without running an automaton over every byte:
/// the anchored pattern is tried only at the few chars before each anchor.
/// Same starts, in order, as an unanchored left-to-right search from each
/// asked position, less those after a digit (which no date is).
struct TriggerSearch<'t> {
    text: &'t str,
    chinese_anchors: std::iter::Peekable<regex::Matches<'static, 't>>,
    ascii_anchors: std::iter::Peekable<regex::Matches<'static, 't>>,
}

impl<'t> TriggerSearch<'t> {
    /// A search of `text` from its start; the anchors are found lazily.
    fn new(text: &'t str) -> Self {
        TriggerSearch {
            text,
            chinese_anchors: CHINESE_ANCHORS.find_iter(text).peekable(),
            ascii_anchors: ASCII_ANCHORS.find_iter(text).peekable(),
        }
    }

    /// The first trigger start at or after `from`; `from` must not decrease
    /// from one call to the next (the anchors before it are dropped).
    fn next_at_or_after(&mut self, mut from: usize) -> Option<usize> {
        loop {
            let chinese = next_match_at_or_after(&mut self.chinese_anchors, from);
            let ascii = next_match_at_or_after(&mut self.ascii_anchors, from);
            let anchor = chinese.into_iter().chain(ascii).min_by_key(|anchor| anchor.start)?;
            let window_start = self.window_start(anchor.start, from);
            let found = self.text[window_start..anchor.end]
                .char_indices()
                .map(|(offset, c)| (window_start + offset, c))
                .find(|&(at, c)| TRIGGER_FIRST_CHARS.contains(c) && self.trigger_at(at));
            if let Some((at, _)) = found {
                return Some(at);
            }
            from = anchor.end;
        }
    }

    /// The first char boundary where a trigger holding the anchor at
    /// `anchor` can start, not before `from`: [`LONGEST_BEFORE_ANCHOR`]
    /// before the spaces before the anchor.
    fn window_start(&self, anchor: usize, from: usize) -> usize {
        let before_spaces = self.text[..anchor].trim_end_matches(' ').len();
        let mut start = before_spaces.saturating_sub(LONGEST_BEFORE_ANCHOR).max(from);
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        start
    }

    /// Whether a trigger starts at char boundary `at`, not glued to a digit
    /// (the caller has checked its first char).
    fn trigger_at(&self, at: usize) -> bool {
        !self.text[..at].ends_with(|c: char| c.is_ascii_digit()) && TRIGGER_HERE.is_match(&self.text[at..])
    }
}

/// The first match of `matches` starting at or after `from`, dropping
/// those before.
fn next_match_at_or_after(
    matches: &mut std::iter::Peekable<regex::Matches<'_, '_>>,
    from: usize,
) -> Option<Range<usize>> {
    while matches.next_if(|found| found.start() < from).is_some() {}
    matches.peek().map(|found| found.range())
}

/// How an atom states its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    Absolute(i32),
    /// 今年 = 0, 去年 = -1, 明年 = +1, 前年 = -2 from the reference year.
    Relative(i32),
}

/// A parsed date atom: the fields it states.
#[derive(Debug, Clone, Copy, Default)]
struct Atom {
    year: Option<YearSpec>,
    /// 初 (start) or 底/末 (end) of the year.
    year_part: Option<&'static str>,
    month: Option<u32>,
    day: Option<u32>,
    part: Option<&'static str>,
    quarter: Option<u32>,
    half: Option<u32>,
    /// Month range written once (1—10月): the last month.
    month_last: Option<u32>,
    /// Day range written once (8—24日): the last day.
    day_last: Option<u32>,
}

const MONTH_PARTS: &[&str] = &["上旬", "中旬", "下旬", "初", "底", "末"];
const YEAR_PARTS: &[&str] = &["初", "底", "末"];

fn number_of(text: &str) -> Option<u32> {
    numeral::parse_ordinal(text.trim_start_matches('第'))
}

/// Reads an atom at the start of `text`; returns it and its byte length.
/// `bare_chinese_month` allows 十月 without a year or day (right side of a
/// range only, so that 统一月报 is not January).
fn parse_atom(text: &str, bare_chinese_month: bool) -> Option<(Atom, usize)> {
    let pieces = &*PIECES;
    let mut atom = Atom::default();
    let mut at = 0;
    fn group<'t>(captures: &regex::Captures<'t>, index: usize) -> Option<&'t str> {
        captures.get(index).map(|m| m.as_str())
    }
    if let Some(year) = pieces.year.find(text) {
        atom.year = Some(YearSpec::Absolute(number_of(numbers_in(year.as_str()).next()?)? as i32));
        at = year.end();
    } else if let Some(captures) = pieces.relative_year.captures(text) {
        let offset = match group(&captures, 1)? {
            "今" => 0,
            "去" => -1,
            "明" => 1,
            _ => -2,
        };
        atom.year = Some(YearSpec::Relative(offset));
        at = captures.get(0)?.end();
    }
    let rest = &text[at..];
    if atom.year.is_some() {
        if let Some(found) = pieces.year_du.find(rest) {
            return Some((atom, at + found.end()));
        }
        if let Some(captures) = pieces.year_part.captures(rest) {
            atom.year_part = YEAR_PARTS.iter().find(|p| Some(**p) == group(&captures, 1)).copied();
            return Some((atom, at + captures.get(0)?.end()));
        }
        if let Some(months) = pieces.month_range.find(rest) {
            let mut numbers = numbers_in(months.as_str());
            atom.month = Some(number_of(numbers.next()?)?);
            atom.month_last = Some(number_of(numbers.next()?)?);
            return Some((atom, at + months.end()));
        }
    }
    if let Some(captures) = pieces.quarter.captures(rest) {
        let ordinal = group(&captures, 1) == Some("第");
        if atom.year.is_some() || ordinal {
            atom.quarter = Some(number_of(group(&captures, 2)?)?);
            return Some((atom, at + captures.get(0)?.end()));
        }
    }
    if atom.year.is_some()
        && let Some(captures) = pieces.half.captures(rest)
    {
        atom.half = Some(if group(&captures, 1)? == "上" { 1 } else { 2 });
        return Some((atom, at + captures.get(0)?.end()));
    }
    let found_month = pieces
        .arabic_month
        .find(rest)
        .or_else(|| pieces.chinese_month.find(rest));
    let Some(found_month) = found_month else {
        return atom.year.map(|_| (atom, at));
    };
    let (month, month_end) = (number_of(numbers_in(found_month.as_str()).next()?)?, found_month.end());
    let chinese_month = !rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    let after_month = &rest[month_end..];
    if let Some(days) = pieces.day_range.find(after_month) {
        let mut numbers = numbers_in(days.as_str());
        atom.month = Some(month);
        atom.day = Some(number_of(numbers.next()?)?);
        atom.day_last = Some(number_of(numbers.next()?)?);
        return Some((atom, at + month_end + days.end()));
    }
    if let Some(day) = pieces.day.find(after_month) {
        atom.month = Some(month);
        atom.day = Some(number_of(numbers_in(day.as_str()).next()?)?);
        return Some((atom, at + month_end + day.end()));
    }
    if chinese_month && atom.year.is_none() && !bare_chinese_month {
        return None;
    }
    atom.month = Some(month);
    if let Some(captures) = pieces.month_part.captures(after_month) {
        atom.part = MONTH_PARTS.iter().find(|p| Some(**p) == group(&captures, 1)).copied();
        return Some((atom, at + month_end + captures.get(0)?.end()));
    }
    Some((atom, at + month_end))
}

/// Start, end and precision of an atom once its year is known.
fn resolve(atom: &Atom, year: i32) -> Option<(CivilDate, CivilDate, Precision)> {
    if let Some(quarter) = atom.quarter {
        let first = (quarter - 1) * 3 + 1;
        return Some((
            CivilDate::new(year, first, 1)?,
            CivilDate::month_end(year, first + 2)?,
            Precision::Quarter,
        ));
    }
    if let Some(half) = atom.half {
        let first = if half == 1 { 1 } else { 7 };
        return Some((
            CivilDate::new(year, first, 1)?,
            CivilDate::month_end(year, first + 5)?,
            Precision::Half,
        ));
    }
    if let Some(part) = atom.year_part {
        let month = if part == "初" { 1 } else { 12 };
        return Some((
            CivilDate::new(year, month, 1)?,
            CivilDate::month_end(year, month)?,
            Precision::Month,
        ));
    }
    let Some(month) = atom.month else {
        return Some((
            CivilDate::new(year, 1, 1)?,
            CivilDate::new(year, 12, 31)?,
            Precision::Year,
        ));
    };
    if let Some(last) = atom.month_last {
        return Some((
            CivilDate::new(year, month, 1)?,
            CivilDate::month_end(year, last)?,
            Precision::Month,
        ));
    }
    if let Some(day) = atom.day {
        let first = CivilDate::new(year, month, day)?;
        let last = match atom.day_last {
            Some(last) => CivilDate::new(year, month, last)?,
            None => first,
        };
        return Some((first, last, Precision::Day));
    }
    let last = days_in_month(year, month);
    let (first_day, last_day) = match atom.part {
        Some("上旬" | "初") => (1, 10),
        Some("中旬") => (11, 20),
        Some("下旬" | "底" | "末") => (21, last),
        _ => (1, last),
    };
    let precision = if atom.part.is_some() {
        Precision::Day
    } else {
        Precision::Month
    };
    Some((
        CivilDate::new(year, month, first_day)?,
        CivilDate::new(year, month, last_day)?,
        precision,
    ))
}

fn date_match(
    range: Range<usize>,
    kind: DateKind,
    start: CivilDate,
    end: CivilDate,
    precision: Precision,
    relative: bool,
) -> DateMatch {
    DateMatch {
        range,
        kind,
        start: Some(start),
        end: Some(end),
        precision,
        frequency: None,
        relative,
    }
}

#[cfg(any(test, feature = "internals"))]
/// Finds every date expression of `text` outside `excluded` ranges (sorted,
/// non-overlapping).
///
/// `reference` is the notice's own date (its signature date): it resolves
/// relative words and supplies the year when no earlier date does.
pub fn find_dates(text: &str, excluded: &RangeSet, reference: Option<CivilDate>) -> Vec<DateMatch> {
    scan(text, excluded, reference, true).0
}

/// The dates of a notice, resolved against its own date: the date on its
/// signature line, else the page's release date (`page_date`), else the
/// date the text gives for its own writing (截至2025年3月底). Deadlines and
/// plans (2026年6月底前完成) are never the anchor: with none of the three,
/// relative expressions are kept unresolved (`start` and `end` null) and
/// year-less dates before any year are left out. A second pass runs only
/// when the first met an expression that needed a reference.
pub fn find_notice_dates(
    text: &str,
    excluded: &RangeSet,
    signature_line: Option<&Range<usize>>,
    page_date: Option<CivilDate>,
) -> Vec<DateMatch> {
    let (first_pass, wanted_reference) = scan(text, excluded, None, true);
    if !wanted_reference {
        return first_pass;
    }
    let signature = signature_line.and_then(|line| {
        first_pass
            .iter()
            .find(|date| line.contains(&date.range.start))
            .and_then(|date| date.start)
    });
    let written = || {
        first_pass
            .iter()
            .find(|date| !date.relative && date.kind != DateKind::Recurring && states_as_of(text, date.range.start))
            .and_then(|date| date.end)
    };
    match signature.or(page_date).or_else(written) {
        Some(reference) => scan(text, excluded, Some(reference), true).0,
        None => {
            // Any date stands in for the reference, so that relative
            // expressions are found; their dates are then withdrawn.
            let stand_in = CivilDate::new(2000, 1, 1).expect("a valid date");
            let mut found = scan(text, excluded, Some(stand_in), false).0;
            for date in found.iter_mut().filter(|date| date.relative) {
                date.start = None;
                date.end = None;
            }
            found
        }
    }
}

/// Whether the date at `start` follows 截至 / 截止 (the date a text gives
/// for its own writing).
fn states_as_of(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    ["截至", "截止", "截至到", "截止到"]
        .iter()
        .any(|word| before.ends_with(word))
}

/// One pass over `text`; also says whether some expression was left out
/// for want of a reference date (a relative word, or a year-less date
/// before any year).
///
/// `reference_year_fills`: whether the reference's year fills in a
/// year-less date before any year (not when the reference stands in).
fn scan(
    text: &str,
    excluded: &RangeSet,
    reference: Option<CivilDate>,
    reference_year_fills: bool,
) -> (Vec<DateMatch>, bool) {
    let mut found = Vec::new();
    let mut wanted_reference = false;
    let mut context_year: Option<i32> = None;
    let mut position = 0;
    let mut triggers = TriggerSearch::new(text);
    while let Some(start) = triggers.next_at_or_after(position) {
        position = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if excluded.contains(start) {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after_numeral = before.is_some_and(|c| numeral::CHINESE_NUMERAL_SET.contains(c));
        let year = context_year.or(reference.filter(|_| reference_year_fills).map(|r| r.year));
        let Some(date) = date_at(text, start, after_numeral, year, reference) else {
            if reference.is_none() && !wanted_reference {
                wanted_reference = needs_reference(&text[start..], year.is_none());
            }
            continue;
        };
        if let (false, Some(end)) = (date.relative, date.end) {
            context_year = Some(end.year);
        }
        position = position.max(date.range.end);
        found.push(date);
    }
    (found, wanted_reference)
}

/// Whether the expression at the start of `rest` would resolve with a
/// reference date: a relative word or year, or a year-less date.
fn needs_reference(rest: &str, no_year_yet: bool) -> bool {
    let pieces = &*PIECES;
    rest.starts_with("今年以来")
        || pieces.relative_year.is_match(rest)
        || pieces.relative_word.is_match(rest)
        || (no_year_yet && parse_atom(rest, false).is_some_and(|(atom, _)| atom.year.is_none()))
}

/// The date expression starting at byte `start`, if any.
fn date_at(
    text: &str,
    start: usize,
    after_numeral: bool,
    context_year: Option<i32>,
    reference: Option<CivilDate>,
) -> Option<DateMatch> {
    let pieces = &*PIECES;
    let rest = &text[start..];
    if let Some(years) = pieces.year_range.find(rest) {
        let mut numbers = numbers_in(years.as_str());
        let first: i32 = numbers.next()?.parse().ok()?;
        let last: i32 = numbers.next()?.parse().ok()?;
        let end = start + years.end();
        if first > last {
            return None;
        }
        let (first, last) = (CivilDate::new(first, 1, 1)?, CivilDate::new(last, 12, 31)?);
        return Some(date_match(
            start..end,
            DateKind::Range,
            first,
            last,
            Precision::Year,
            false,
        ));
    }
    if let Some(first) = iso_at(rest) {
        let (date, length) = first;
        let mut matched = date_match(
            start..start + length,
            DateKind::Point,
            date,
            date,
            Precision::Day,
            false,
        );
        if let Some(connector) = pieces.connector.find(&rest[length..])
            && let Some((last, last_length)) = iso_at(&rest[length + connector.end()..])
            && last >= date
        {
            matched.kind = DateKind::Range;
            matched.end = Some(last);
            matched.range.end = start + length + connector.end() + last_length;
        }
        return Some(matched);
    }
    if rest.starts_with("今年以来") {
        let reference = reference?;
        let first = CivilDate::new(reference.year, 1, 1)?;
        return Some(date_match(
            start..start + "今年以来".len(),
            DateKind::Range,
            first,
            reference,
            Precision::Day,
            true,
        ));
    }
    if let Some(recurrence) = pieces.recurring.find(rest) {
        return Some(recurring(recurrence.as_str(), start..start + recurrence.end()));
    }
    if let Some(word) = pieces.relative_word.find(rest) {
        if after_numeral {
            return None;
        }
        let year = reference?.year;
        let (first, last, precision) = match word.as_str() {
            "上半年" => (
                CivilDate::new(year, 1, 1)?,
                CivilDate::new(year, 6, 30)?,
                Precision::Half,
            ),
            "下半年" => (
                CivilDate::new(year, 7, 1)?,
                CivilDate::new(year, 12, 31)?,
                Precision::Half,
            ),
            _ => (
                CivilDate::new(year, 1, 1)?,
                CivilDate::new(year, 12, 31)?,
                Precision::Year,
            ),
        };
        return Some(date_match(
            start..start + word.end(),
            DateKind::Point,
            first,
            last,
            precision,
            true,
        ));
    }
    if after_numeral {
        return None;
    }
    let (left, length) = parse_atom(rest, false)?;
    if left.year.is_some()
        && left.month.is_none()
        && left.year_part.is_none()
        && left.quarter.is_none()
        && left.half.is_none()
        && pieces.refused_month.is_match(&rest[length..])
    {
        return None;
    }
    let (year, relative) = match left.year {
        Some(YearSpec::Absolute(year)) => (year, false),
        Some(YearSpec::Relative(offset)) => (reference?.year + offset, true),
        None => (context_year?, false),
    };
    let (first, left_end, precision) = resolve(&left, year)?;
    let kind = if left.month_last.is_some() || left.day_last.is_some() {
        DateKind::Range
    } else {
        DateKind::Point
    };
    let mut matched = date_match(start..start + length, kind, first, left_end, precision, relative);
    if kind == DateKind::Point
        && let Some(connector) = pieces.connector.find(&rest[length..])
    {
        let right_text = &rest[length + connector.end()..];
        let right = match parse_atom(right_text, true) {
            Some((atom, right_length)) => {
                let right_year = match atom.year {
                    Some(YearSpec::Absolute(year)) => year,
                    Some(YearSpec::Relative(offset)) => reference.map_or(year, |r| r.year + offset),
                    None => year,
                };
                let atom = Atom {
                    month: atom.month.or(if atom.year.is_none() { left.month } else { None }),
                    ..atom
                };
                resolve(&atom, right_year).map(|(_, end, _)| (end, right_length))
            }
            None => pieces.day.find(right_text).and_then(|found| {
                let day = number_of(numbers_in(found.as_str()).next()?)?;
                Some((CivilDate::new(year, left.month?, day)?, found.end()))
            }),
        };
        if let Some((end, right_length)) = right
            && end >= first
        {
            matched.kind = DateKind::Range;
            matched.end = Some(end);
            matched.range.end = start + length + connector.end() + right_length;
        }
    }
    Some(matched)
}

/// An ISO-style date (same separator twice) at the start of `text`.
fn iso_at(text: &str) -> Option<(CivilDate, usize)> {
    let found = PIECES.iso.find(text)?;
    let mut separators = found.as_str().matches(|c: char| !c.is_ascii_digit());
    if separators.next() != separators.next() {
        return None;
    }
    let after = text[found.end()..].chars().next();
    if after.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut numbers = numbers_in(found.as_str()).map(|number| number.parse::<u32>().ok());
    let date = CivilDate::new(numbers.next()?? as i32, numbers.next()??, numbers.next()??)?;
    Some((date, found.end()))
}

fn recurring(matched: &str, range: Range<usize>) -> DateMatch {
    let (frequency, precision) = if matched.contains('周') {
        (Some(Frequency::Weekly), Precision::Day)
    } else if matched.contains("半年") {
        (None, Precision::Half)
    } else if matched.contains('季') {
        (Some(Frequency::Quarterly), Precision::Quarter)
    } else if matched.contains('年') {
        (Some(Frequency::Yearly), Precision::Year)
    } else if matched.contains(['日', '号']) {
        (Some(Frequency::Monthly), Precision::Day)
    } else {
        (Some(Frequency::Monthly), Precision::Month)
    };
    DateMatch {
        range,
        kind: DateKind::Recurring,
        start: None,
        end: None,
        precision,
        frequency,
        relative: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expected (matched text, kind, start, end, precision)).
    type Case = (
        &'static str,
        &'static str,
        DateKind,
        Option<&'static str>,
        Option<&'static str>,
        Precision,
    );
    #[rustfmt::skip]
    const CASES: &[Case] = &[
        ("2024年5月8日-5月24日,市委", "2024年5月8日-5月24日", DateKind::Range, Some("2024-05-08"), Some("2024-05-24"), Precision::Day),
        ("2024年10月10日,市委巡察组", "2024年10月10日", DateKind::Point, Some("2024-10-10"), Some("2024-10-10"), Precision::Day),
        ("2025年2月,丽水市", "2025年2月", DateKind::Point, Some("2025-02-01"), Some("2025-02-28"), Precision::Month),
        ("2024年2月底", "2024年2月底", DateKind::Point, Some("2024-02-21"), Some("2024-02-29"), Precision::Day),
        ("落实2021-2024年度回访", "2021-2024年度", DateKind::Range, Some("2021-01-01"), Some("2024-12-31"), Precision::Year),
        ("2024年度“了不起”", "2024年度", DateKind::Point, Some("2024-01-01"), Some("2024-12-31"), Precision::Year),
        ("2024年5月8日至24日", "2024年5月8日至24日", DateKind::Range, Some("2024-05-08"), Some("2024-05-24"), Precision::Day),
        ("2024年12月28日至2025年1月5日", "2024年12月28日至2025年1月5日", DateKind::Range, Some("2024-12-28"), Some("2025-01-05"), Precision::Day),
        ("2023年第一季度", "2023年第一季度", DateKind::Point, Some("2023-01-01"), Some("2023-03-31"), Precision::Quarter),
        ("2023年下半年", "2023年下半年", DateKind::Point, Some("2023-07-01"), Some("2023-12-31"), Precision::Half),
        ("二〇二四年十月十日", "二〇二四年十月十日", DateKind::Point, Some("2024-10-10"), Some("2024-10-10"), Precision::Day),
        ("2024-05-04发布", "2024-05-04", DateKind::Point, Some("2024-05-04"), Some("2024-05-04"), Precision::Day),
        ("2024年1-10月,全市", "2024年1-10月", DateKind::Range, Some("2024-01-01"), Some("2024-10-31"), Precision::Month),
        ("2024年5月8-24日", "2024年5月8-24日", DateKind::Range, Some("2024-05-08"), Some("2024-05-24"), Precision::Day),
        ("每月8号开展", "每月8号", DateKind::Recurring, None, None, Precision::Day),
        ("每季度召开", "每季度", DateKind::Recurring, None, None, Precision::Quarter),
    ];

    #[test]
    fn finds_every_case() {
        for &(text, matched, kind, start, end, precision) in CASES {
            let found = find_dates(text, &RangeSet::default(), None);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            let date = &found[0];
            assert_eq!(&text[date.range.clone()], matched, "{text}");
            assert_eq!(date.kind, kind, "{text}");
            assert_eq!(date.start.map(|d| d.to_string()).as_deref(), start, "{text}");
            assert_eq!(date.end.map(|d| d.to_string()).as_deref(), end, "{text}");
            assert_eq!(date.precision, precision, "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "2024-05/04",
            "2023年2月29日",
            "2024年13月5日",
            "〔2024〕5号",
            "电话0578-2091427",
            "邮政信箱123号",
            "3个月",
            "9:00",
            "统一月报",
            "一年内完成",
        ] {
            let found = find_dates(text, &RangeSet::default(), None);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn inherits_the_year_and_resolves_relative_words() {
        let text = "2024年4月15日至6月30日进行巡察,并于9月5日反馈。今年以来";
        let reference = CivilDate::new(2025, 6, 3);
        let found = find_dates(text, &RangeSet::default(), reference);
        let starts: Vec<String> = found.iter().map(|d| d.start.unwrap().to_string()).collect();
        assert_eq!(starts, ["2024-04-15", "2024-09-05", "2025-01-01"]);
        assert!(found[2].relative);
        assert_eq!(found[2].end, reference);
    }

    impl Pieces {
        /// Every piece, named (a new field is a compile error here).
        fn all(&self) -> [(&'static str, &Piece); 18] {
            let Pieces {
                year,
                relative_year,
                year_du,
                year_part,
                quarter,
                half,
                arabic_month,
                chinese_month,
                day,
                month_part,
                connector,
                month_range,
                day_range,
                year_range,
                iso,
                recurring,
                relative_word,
                refused_month,
            } = self;
            [
                ("year", year),
                ("relative_year", relative_year),
                ("year_du", year_du),
                ("year_part", year_part),
                ("quarter", quarter),
                ("half", half),
                ("arabic_month", arabic_month),
                ("chinese_month", chinese_month),
                ("day", day),
                ("month_part", month_part),
                ("connector", connector),
                ("month_range", month_range),
                ("day_range", day_range),
                ("year_range", year_range),
                ("iso", iso),
                ("recurring", recurring),
                ("relative_word", relative_word),
                ("refused_month", refused_month),
            ]
        }
    }

    proptest::proptest! {
        /// The first-char test of each piece refuses no text where its
        /// regex matches, on text made of date words, numerals and spaces.
        #[test]
        fn pieces_start_with_their_first_chars(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "3", "4", "9", "12", "31", "2024", " ", "〇", "零", "一", "二", "三", "四", "五",
                "九", "十", "十二", "二〇二四", "年", "月", "日", "号", "份", "度", "初", "底", "末", "上", "中",
                "下", "旬", "半", "季", "第", "今", "去", "明", "前", "每", "周", "以来", "内", "至", "到", "-",
                "/", ".", "~", "的",
            ]), 0..16)
        ) {
            let text: String = pieces.concat();
            for (name, piece) in PIECES.all() {
                for (at, _) in text.char_indices() {
                    let rest = &text[at..];
                    if piece.regex.is_match(rest) {
                        proptest::prop_assert!(piece.may_start(rest), "{}: {:?}", name, rest);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// In each piece with groups, the runs of number chars of a match
        /// are its non-empty groups made of number chars, in order.
        #[test]
        fn piece_numbers_are_their_number_groups(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "3", "4", "9", "12", "31", "2024", " ", "〇", "零", "一", "二", "三", "四", "五",
                "九", "十", "十二", "二〇二四", "年", "月", "日", "号", "份", "度", "初", "底", "末", "上", "中",
                "下", "旬", "半", "季", "第", "今", "去", "明", "前", "每", "周", "以来", "内", "至", "到", "-",
                "/", ".", "~", "的",
            ]), 0..16)
        ) {
            let text: String = pieces.concat();
            for (name, piece) in PIECES.all() {
                if piece.regex.captures_len() == 1 {
                    continue;
                }
                for (at, _) in text.char_indices() {
                    let Some(captures) = piece.regex.captures(&text[at..]) else {
                        continue;
                    };
                    let number_groups: Vec<&str> = captures
                        .iter()
                        .skip(1)
                        .flatten()
                        .map(|group| group.as_str())
                        .filter(|group| !group.is_empty() && group.chars().all(|c| NUMBER_CHARS.contains(c)))
                        .collect();
                    let numbers: Vec<&str> = numbers_in(&captures[0]).collect();
                    proptest::prop_assert_eq!(numbers, number_groups, "{}: {:?}", name, &captures[0]);
                }
            }
        }
    }

    /// The trigger starts an unanchored left-to-right search finds from each
    /// of `positions` (the loop [`scan`] ran before [`TriggerSearch`]), less
    /// those glued to a digit before them.
    fn triggers_by_full_search(text: &str, positions: &[usize]) -> Vec<Option<usize>> {
        let full = Regex::new(TRIGGER).unwrap();
        positions
            .iter()
            .map(|&position| {
                let mut from = position;
                while let Some(found) = full.find_at(text, from) {
                    let start = found.start();
                    if !text[..start].ends_with(|c: char| c.is_ascii_digit()) {
                        return Some(start);
                    }
                    from = start + text[start..].chars().next().map_or(1, char::len_utf8);
                }
                None
            })
            .collect()
    }

    proptest::proptest! {
        /// The anchor-driven trigger search finds, from positions that only
        /// increase, the starts an unanchored search finds (less those after
        /// a digit), on text made of date chars, numerals and spaces.
        #[test]
        fn trigger_search_finds_what_a_full_search_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "2", "4", "9", "12", "2024", " ", "     ", "一", "二", "三", "四", "五", "六", "七",
                "八", "九", "十", "〇", "零", "二〇二四", "今", "去", "明", "前", "上", "下", "每", "第", "至",
                "到", "-", "/", ".", "~", "度", "内", "年", "月", "季", "周", "半", "日", "号", "的", "a", ",",
                "第一", "第4", "季度", "半年", "年内", "每 ", "二〇二四 ",
            ]), 0..40),
            steps in proptest::collection::vec(1usize..8, 0..64),
        ) {
            let text: String = pieces.concat();
            let mut positions: Vec<usize> = steps
                .iter()
                .scan(0, |position, step| {
                    *position += step;
                    Some(*position)
                })
                .take_while(|&position| position <= text.len())
                .filter(|&position| text.is_char_boundary(position))
                .collect();
            positions.insert(0, 0);
            let mut search = TriggerSearch::new(&text);
            let got: Vec<Option<usize>> = positions.iter().map(|&position| search.next_at_or_after(position)).collect();
            proptest::prop_assert_eq!(got, triggers_by_full_search(&text, &positions), "{:?} from {:?}", text, positions);
        }
    }

    #[test]
    fn skips_excluded_ranges() {
        let text = "《规划(2021-2025年)》2024年";
        let title_end = text.find('》').unwrap();
        let found = find_dates(text, &RangeSet::new(std::iter::once(0..title_end)), None);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "2024年");
    }
}
