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

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use serde::{Deserialize, Serialize};

use crate::numeral;

/// A Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (0 for an invalid month).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// A valid date, or `None` (2023-02-29, month 13, day 0 …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1000..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month)).then_some(CivilDate {
            year,
            month,
            day,
        })
    }

    fn month_end(year: i32, month: u32) -> Option<Self> {
        CivilDate::new(year, month, days_in_month(year, month))
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    Point,
    Range,
    Recurring,
}

/// How fine the expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Quarter,
    Half,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}

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

/// Building blocks of the date patterns; `{s}` makes group names unique.
const YEAR: &str = r"(?P<y{s}>[0-9]{4}|[〇零一二三四五六七八九]{4})[ ]*年(?P<ydu{s}>度)?";
const MONTH: &str = r"(?P<m{s}>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[ ]*月份?";
const ARABIC_MONTH: &str = r"(?P<m{s}>1[0-2]|0?[1-9])[ ]*月份?";
const DAY: &str =
    r"(?P<d{s}>3[01]|[12][0-9]|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[ ]*[日号]";
const PART: &str = r"(?P<part{s}>上旬|中旬|下旬|初|底|末)";
const QUARTER: &str = r"(?P<q{s}>第?[一二三四1-4])季度";
const HALF: &str = r"(?P<h{s}>[上下])半年";

fn with_suffix(template: &str, suffix: &str) -> String {
    template.replace("{s}", suffix)
}

/// An atom: year with optional month/day/part, quarter or half; or a month
/// with optional day/part (year inherited).
///
/// A year-less Chinese-numeral month is accepted only on the right side of a
/// range (`chinese_bare_month`), so that 统一月报 is not read as January.
fn atom_pattern(suffix: &str, chinese_bare_month: bool) -> String {
    let year = with_suffix(YEAR, suffix);
    let month_a = with_suffix(MONTH, suffix);
    let day_a = with_suffix(DAY, suffix);
    let part_a = with_suffix(PART, suffix);
    let quarter = with_suffix(QUARTER, suffix);
    let half = with_suffix(HALF, suffix);
    let month_b = if chinese_bare_month {
        with_suffix(MONTH, &format!("{suffix}b"))
    } else {
        with_suffix(ARABIC_MONTH, &format!("{suffix}b"))
    };
    let day_b = with_suffix(DAY, &format!("{suffix}b"));
    let part_b = with_suffix(PART, &format!("{suffix}b"));
    format!(
        r"(?:{year}(?:[ ]*(?:{quarter}|{half}|{month_a}(?:[ ]*(?:{day_a}|{part_a}))?))?|{month_b}(?:[ ]*(?:{day_b}|{part_b}))?)"
    )
}

/// Every date expression start: year ranges, atoms, ISO forms, recurrences,
/// relative words. Alternatives are tried in this order at each position.
static DATE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?P<yr>(?P<yr1>[0-9]{{4}})[ ]*(?:-|~|至|到)[ ]*(?P<yr2>[0-9]{{4}})[ ]*年(?P<yrdu>度)?)|(?P<iso>(?P<iy>[0-9]{{4}})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)(?P<id>3[01]|[12][0-9]|0?[1-9]))|(?P<mr>(?:(?P<mry>[0-9]{{4}})[ ]*年)?[ ]*(?P<mr1>1[0-2]|0?[1-9])[ ]*(?:-|~|至|到)[ ]*(?P<mr2>1[0-2]|0?[1-9])[ ]*月份?)|(?P<dayr>(?:(?P<dayry>[0-9]{{4}})[ ]*年)?[ ]*(?P<dayrm>1[0-2]|0?[1-9])[ ]*月[ ]*(?P<dayr1>3[01]|[12][0-9]|0?[1-9])[ ]*(?:-|~|至|到)[ ]*(?P<dayr2>3[01]|[12][0-9]|0?[1-9])[ ]*[日号])|(?P<rec>每[ ]*(?:周|月(?:[ ]*{day})?|季度|年))|(?P<rel>今年以来|今年|去年|明年|年内|上半年|下半年)|(?P<atom>{atom})",
        day = with_suffix(DAY, "r"),
        atom = atom_pattern("", false)
    );
    // The iso alternative uses a backreference-free check below instead.
    Regex::new(&pattern.replace("(?P=isep)", "[-/.]")).unwrap()
});

/// The right side of a range, anchored after the connector.
static RANGE_RIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[ ]*(?:-|~|至|到)[ ]*(?:(?P<atom>{atom})|{day})",
        atom = atom_pattern("x", true),
        day = with_suffix(DAY, "only")
    ))
    .unwrap()
});

/// A month that the atom pattern refused (2024年13月): the whole date is invalid.
static REFUSED_MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[ ]*[0-9一二三四五六七八九十]+[ ]*月").unwrap());

/// A parsed date atom: the fields it states.
#[derive(Debug, Clone, Copy, Default)]
struct Atom {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    part: Option<&'static str>,
    quarter: Option<u32>,
    half: Option<u32>,
}

fn group_number(captures: &Captures, name: &str) -> Option<u32> {
    captures
        .name(name)
        .and_then(|m| numeral::parse_ordinal(m.as_str().trim_start_matches('第')))
}

fn parse_atom(captures: &Captures, suffix: &str) -> Option<Atom> {
    let name = |base: &str| format!("{base}{suffix}");
    let name_b = |base: &str| format!("{base}{suffix}b");
    let year = captures
        .name(&name("y"))
        .and_then(|m| numeral::parse_ordinal(m.as_str()));
    let part_text = captures
        .name(&name("part"))
        .or_else(|| captures.name(&name_b("part")))
        .map(|m| m.as_str());
    let part = part_text.and_then(|text| PARTS.iter().find(|&&p| p == text).copied());
    let atom = Atom {
        year: year.map(|y| y as i32),
        month: group_number(captures, &name("m")).or_else(|| group_number(captures, &name_b("m"))),
        day: group_number(captures, &name("d")).or_else(|| group_number(captures, &name_b("d"))),
        part,
        quarter: group_number(captures, &name("q")),
        half: captures
            .name(&name("h"))
            .map(|m| if m.as_str() == "上" { 1 } else { 2 }),
    };
    (atom.year.is_some() || atom.month.is_some()).then_some(atom)
}

const PARTS: &[&str] = &["上旬", "中旬", "下旬", "初", "底", "末"];

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
    let Some(month) = atom.month else {
        return Some((
            CivilDate::new(year, 1, 1)?,
            CivilDate::new(year, 12, 31)?,
            Precision::Year,
        ));
    };
    if let Some(day) = atom.day {
        let date = CivilDate::new(year, month, day)?;
        return Some((date, date, Precision::Day));
    }
    let last = days_in_month(year, month);
    let (first_day, last_day) = match atom.part {
        Some("上旬") => (1, 10),
        Some("中旬") => (11, 20),
        Some("下旬") => (21, last),
        Some("初") => (1, 10),
        Some("底" | "末") => (21, last),
        _ => (1, last),
    };
    Some((
        CivilDate::new(year, month, first_day)?,
        CivilDate::new(year, month, last_day)?,
        if atom.part.is_some() {
            Precision::Day
        } else {
            Precision::Month
        },
    ))
}

/// Finds every date expression of `text` outside `excluded` ranges.
///
/// `reference` is the notice's own date (its signature date): it resolves
/// relative words and supplies the year when no earlier date does.
pub fn find_dates(text: &str, excluded: &[Range<usize>], reference: Option<CivilDate>) -> Vec<DateMatch> {
    let mut found = Vec::new();
    let mut context_year: Option<i32> = None;
    let mut position = 0;
    while position < text.len() {
        let Some(captures) = DATE_PATTERN.captures_at(text, position) else {
            break;
        };
        let Some(whole) = captures.get(0) else { break };
        position = whole.end().max(whole.start() + 1);
        while !text.is_char_boundary(position) && position < text.len() {
            position += 1;
        }
        if excluded.iter().any(|range| range.contains(&whole.start())) {
            continue;
        }
        let before = text[..whole.start()].chars().next_back();
        let preceded_by_digit = before.is_some_and(|c| c.is_ascii_digit());
        let relative_after_numeral =
            captures.name("rel").is_some() && before.is_some_and(|c| numeral::CHINESE_NUMERAL_CHARS.contains(c));
        if preceded_by_digit || relative_after_numeral {
            continue;
        }
        let matched = if captures.name("yr").is_some() {
            year_range(&captures, whole.range())
        } else if captures.name("iso").is_some() {
            iso_date(&captures, whole.range())
        } else if captures.name("mr").is_some() || captures.name("dayr").is_some() {
            inner_range(&captures, whole.range(), context_year.or(reference.map(|r| r.year)))
        } else if captures.name("rec").is_some() {
            Some(recurring(whole.as_str(), whole.range()))
        } else if captures.name("rel").is_some() {
            reference.and_then(|reference| relative(whole.as_str(), whole.range(), reference))
        } else {
            atom_date(
                text,
                &captures,
                whole.range(),
                context_year.or(reference.map(|r| r.year)),
            )
        };
        if let Some(date) = matched {
            if let (false, Some(end)) = (date.relative, date.end) {
                context_year = Some(end.year);
            }
            position = position.max(date.range.end);
            found.push(date);
        }
    }
    found
}

fn year_range(captures: &Captures, range: Range<usize>) -> Option<DateMatch> {
    let first: i32 = captures.name("yr1")?.as_str().parse().ok()?;
    let last: i32 = captures.name("yr2")?.as_str().parse().ok()?;
    if last < first {
        return None;
    }
    Some(DateMatch {
        range,
        kind: DateKind::Range,
        start: CivilDate::new(first, 1, 1),
        end: CivilDate::new(last, 12, 31),
        precision: Precision::Year,
        frequency: None,
        relative: false,
    })
}

/// `2024年1—10月` (months) and `5月8—24日` (days): a range inside one year
/// or month, written once.
fn inner_range(captures: &Captures, range: Range<usize>, context_year: Option<i32>) -> Option<DateMatch> {
    let number = |name: &str| captures.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let stated_year = |name: &str| captures.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let (start, end, precision) = if captures.name("mr").is_some() {
        let year = stated_year("mry").or(context_year)?;
        let (first, last) = (number("mr1")?, number("mr2")?);
        (
            CivilDate::new(year, first, 1)?,
            CivilDate::month_end(year, last)?,
            Precision::Month,
        )
    } else {
        let year = stated_year("dayry").or(context_year)?;
        let month = number("dayrm")?;
        (
            CivilDate::new(year, month, number("dayr1")?)?,
            CivilDate::new(year, month, number("dayr2")?)?,
            Precision::Day,
        )
    };
    (start < end).then_some(DateMatch {
        range,
        kind: DateKind::Range,
        start: Some(start),
        end: Some(end),
        precision,
        frequency: None,
        relative: false,
    })
}

fn iso_date(captures: &Captures, range: Range<usize>) -> Option<DateMatch> {
    let separator = captures.name("isep")?.as_str();
    if captures.get(0)?.as_str().matches(separator).count() != 2 {
        return None;
    }
    let year: i32 = captures.name("iy")?.as_str().parse().ok()?;
    let month: u32 = captures.name("im")?.as_str().parse().ok()?;
    let day: u32 = captures.name("id")?.as_str().parse().ok()?;
    let date = CivilDate::new(year, month, day)?;
    Some(DateMatch {
        range,
        kind: DateKind::Point,
        start: Some(date),
        end: Some(date),
        precision: Precision::Day,
        frequency: None,
        relative: false,
    })
}

fn recurring(matched: &str, range: Range<usize>) -> DateMatch {
    let (frequency, precision) = if matched.contains('周') {
        (Frequency::Weekly, Precision::Day)
    } else if matched.contains('季') {
        (Frequency::Quarterly, Precision::Quarter)
    } else if matched.contains('年') {
        (Frequency::Yearly, Precision::Year)
    } else if matched.contains(['日', '号']) {
        (Frequency::Monthly, Precision::Day)
    } else {
        (Frequency::Monthly, Precision::Month)
    };
    DateMatch {
        range,
        kind: DateKind::Recurring,
        start: None,
        end: None,
        precision,
        frequency: Some(frequency),
        relative: false,
    }
}

fn relative(matched: &str, range: Range<usize>, reference: CivilDate) -> Option<DateMatch> {
    let year = reference.year;
    let (start, end, precision, kind) = match matched {
        "今年" | "年内" => (
            CivilDate::new(year, 1, 1)?,
            CivilDate::new(year, 12, 31)?,
            Precision::Year,
            DateKind::Point,
        ),
        "去年" => (
            CivilDate::new(year - 1, 1, 1)?,
            CivilDate::new(year - 1, 12, 31)?,
            Precision::Year,
            DateKind::Point,
        ),
        "明年" => (
            CivilDate::new(year + 1, 1, 1)?,
            CivilDate::new(year + 1, 12, 31)?,
            Precision::Year,
            DateKind::Point,
        ),
        "今年以来" => (CivilDate::new(year, 1, 1)?, reference, Precision::Day, DateKind::Range),
        "上半年" => (
            CivilDate::new(year, 1, 1)?,
            CivilDate::new(year, 6, 30)?,
            Precision::Half,
            DateKind::Point,
        ),
        "下半年" => (
            CivilDate::new(year, 7, 1)?,
            CivilDate::new(year, 12, 31)?,
            Precision::Half,
            DateKind::Point,
        ),
        _ => return None,
    };
    Some(DateMatch {
        range,
        kind,
        start: Some(start),
        end: Some(end),
        precision,
        frequency: None,
        relative: true,
    })
}

fn atom_date(text: &str, captures: &Captures, range: Range<usize>, context_year: Option<i32>) -> Option<DateMatch> {
    let left = parse_atom(captures, "")?;
    if left.month.is_none()
        && left.quarter.is_none()
        && left.half.is_none()
        && REFUSED_MONTH.is_match(&text[range.end..])
    {
        return None;
    }
    let year = left.year.or(context_year)?;
    let (start, left_end, precision) = resolve(&left, year)?;
    let mut date = DateMatch {
        range: range.clone(),
        kind: DateKind::Point,
        start: Some(start),
        end: Some(left_end),
        precision,
        frequency: None,
        relative: false,
    };
    if let Some(right) = RANGE_RIGHT.captures(&text[range.end..]) {
        let right_whole = right.get(0)?;
        let right_end = if right.name("atom").is_some() {
            parse_atom(&right, "x").and_then(|atom| {
                let right_year = atom.year.unwrap_or(year);
                let atom = Atom {
                    month: atom.month.or(if atom.year.is_none() { left.month } else { None }),
                    ..atom
                };
                resolve(&atom, right_year).map(|(_, end, _)| end)
            })
        } else {
            group_number(&right, "donly").and_then(|day| CivilDate::new(year, left.month?, day))
        };
        if let Some(end) = right_end.filter(|end| *end >= start) {
            date.range = range.start..range.end + right_whole.end();
            date.kind = DateKind::Range;
            date.end = Some(end);
        }
    }
    Some(date)
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
            let found = find_dates(text, &[], None);
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
            let found = find_dates(text, &[], None);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn inherits_the_year_and_resolves_relative_words() {
        let text = "2024年4月15日至6月30日进行巡察,并于9月5日反馈。今年以来";
        let reference = CivilDate::new(2025, 6, 3);
        let found = find_dates(text, &[], reference);
        let starts: Vec<String> = found.iter().map(|d| d.start.unwrap().to_string()).collect();
        assert_eq!(starts, ["2024-04-15", "2024-09-05", "2025-01-01"]);
        assert!(found[2].relative);
        assert_eq!(found[2].end, reference);
    }

    #[test]
    fn skips_excluded_ranges() {
        let text = "《规划(2021-2025年)》2024年";
        let title_end = text.find('》').unwrap();
        let title = 0..title_end;
        let found = find_dates(text, std::slice::from_ref(&title), None);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "2024年");
    }
}
