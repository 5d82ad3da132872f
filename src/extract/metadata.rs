//! Notice metadata: title, publisher, signature date and the inspection facts.
//!
//! Consumes the aligned text, its layout and the dates already found;
//! produces the title (lines joined), the publisher (the signature line, else
//! the title's issuer before 关于), the signature date, and the inspection
//! facts of the preamble: kind (巡视/巡察, canonical), the inspecting body
//! (市委第二巡察组), the round (五届市委第四轮巡察), the inspected unit, and
//! which found dates are the on-site period and the feedback date. Text values
//! are in the original script.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::date::DateMatch;
use crate::record::{CivilDate, DateKind, Precision};
use crate::normalize::fold_char;
use crate::outline::Layout;
use crate::span::AlignedText;

/// Metadata of one notice; text in the original script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// Index into the notice's dates of the signature date.
    pub published: Option<usize>,
    pub inspection: InspectionFacts,
}

/// The inspection facts of the preamble.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InspectionFacts {
    /// Canonical: "巡视" or "巡察".
    pub kind: Option<&'static str>,
    pub body: Option<String>,
    pub round: Option<String>,
    pub target: Option<String>,
    /// Index into the notice's dates of the on-site period (the date in the
    /// clause that says who inspected whom).
    pub period: Option<usize>,
    /// The period's last day when the notice gives a start date and a
    /// duration (为期45天, 为期2个月) instead of an end date.
    pub period_end: Option<CivilDate>,
    /// Index into the notice's dates of the feedback date.
    pub feedback: Option<usize>,
}

/// A named inspection group: 第二巡察组, 巡视组, 交叉巡察五组, 提级巡察组 (the
/// issuing committee before it is found by walking back to a clause break).
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:第[一二三四五六七八九十0-9]{1,3}|交叉|提级|联动|专项|机动)?巡[视察](?:第?[一二三四五六七八九十0-9]{1,3})?组").unwrap()
});
/// Most chars between a count's 个 and the group (3个常规巡察组).
const COUNT_GAP_CHARS: usize = 8;
/// Chars that, right before 巡察组, make it a count or a reference, not a name.
const NOT_A_NAME_BEFORE: &[char] = &['个', '各', '每', '该', '几', '多', '数'];
/// A duration after a start date: 为期45天, 为期两个月.
static DURATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"为期\s*([0-9]{1,3}|[一二两三四五六七八九十百]{1,4})\s*(天|日|个月)").unwrap());
/// 五届市委第四轮巡察, 十九届中央第七轮巡视, 第二轮巡视.
static ROUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[一二三四五六七八九十]{1,3}届)?(?:中央|省委|市委|区委|县委|州委|盟委|旗委|镇委|集团党委|党委|党组)?第[一二三四五六七八九十0-9]{1,3}轮(?:巡视|巡察)?")
        .unwrap()
});
/// The inspected-unit phrase 对{unit}进行了巡察 / 开展了为期45天的政治巡察 /
/// 开展了医药领域腐败问题专项巡察, as a regex: [`target_phrases`] reads it
/// directly, and its property test runs this source.
#[cfg(test)]
const TARGET_RULE: &str = r"对([^,;。:]{2,40}?)(?:进行了?|开展了?|实施了?)[^,;。:对]{0,20}?(?:巡视|巡察)";
/// The verbs after the unit; each may take a 了.
const TARGET_VERBS: [&str; 3] = ["进行", "开展", "实施"];
const TARGET_KINDS: [&str; 2] = ["巡视", "巡察"];
/// Chars of the unit: at least, at most.
const TARGET_UNIT_CHARS: (usize, usize) = (2, 40);
/// Most chars between the verb and 巡视/巡察 (为期45天的政治).
const TARGET_GAP_CHARS: usize = 20;

/// Chars that end the clause a target phrase must lie in.
fn breaks_target(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | ':')
}

/// Every target phrase of `text`, left to right and not overlapping, as
/// (unit, end of phrase): the matches of `TARGET_RULE` in a leftmost-first
/// search, read without the regex. A phrase starts at a 对; there the rule's
/// backtracking order is followed: the shortest unit first, the verb with
/// its 了 before the verb alone, the shortest gap first. (Run as a regex,
/// its bounded repetitions made the lazy DFA large and slow to walk.)
fn target_phrases(text: &str) -> Vec<(Range<usize>, usize)> {
    // A vectorised search for the three bytes of 对 (`str::find` stops at
    // every char that shares its last byte).
    static DUI: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("对"));
    let mut phrases = Vec::new();
    let mut from = 0;
    while let Some(offset) = DUI.find(&text.as_bytes()[from..]) {
        let start = from + offset;
        match target_at(text, start) {
            Some((unit, end)) => {
                phrases.push((unit, end));
                from = end;
            }
            None => from = start + '对'.len_utf8(),
        }
    }
    phrases
}

/// The target phrase starting at the 对 at `start`, if there is one.
fn target_at(text: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let unit_start = start + '对'.len_utf8();
    let (fewest, most) = TARGET_UNIT_CHARS;
    for (count, (offset, c)) in text[unit_start..].char_indices().enumerate().take(most) {
        if breaks_target(c) {
            return None;
        }
        if count + 1 < fewest {
            continue;
        }
        let unit_end = unit_start + offset + c.len_utf8();
        let Some(verb) = TARGET_VERBS.iter().find(|verb| text[unit_end..].starts_with(**verb)) else {
            continue;
        };
        let after_verb = unit_end + verb.len();
        let after_le = text[after_verb..]
            .starts_with('了')
            .then(|| after_verb + '了'.len_utf8());
        if let Some(end) = after_le
            .into_iter()
            .chain([after_verb])
            .find_map(|gap| kind_after_gap(text, gap))
        {
            return Some((unit_start..unit_end, end));
        }
    }
    None
}

/// The end of the 巡视/巡察 that follows `from` after at most
/// [`TARGET_GAP_CHARS`] chars of the clause (none of them 对).
fn kind_after_gap(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    for _ in 0..=TARGET_GAP_CHARS {
        if let Some(kind) = TARGET_KINDS.iter().find(|kind| text[at..].starts_with(**kind)) {
            return Some(at + kind.len());
        }
        let c = text[at..].chars().next()?;
        if breaks_target(c) || c == '对' {
            return None;
        }
        at += c.len_utf8();
    }
    None
}

/// Words that may open a clause before the inspecting body.
const BODY_LEADING_WORDS: &[&str] = &["根据", "按照", "由", "经", "对", "并", "和", "及", "后"];
const BODY_PREFIX_MAX_CHARS: usize = 14;

/// Finds the metadata of a notice.
pub fn find_metadata(text: &AlignedText, layout: &Layout, preamble: Range<usize>, dates: &mut [DateMatch]) -> Metadata {
    let matching = text.matching();
    let title = (!layout.title.is_empty()).then(|| {
        let original: String = layout
            .title
            .iter()
            .map(|line| text.original_slice(line.clone()))
            .collect();
        AlignedText::new(original, fold_char)
    });

    let publisher = layout
        .signature
        .clone()
        .map(|line| text.original_slice(line).to_owned())
        .or_else(|| {
            let title = title.as_ref()?;
            let about = title.matching().find("关于")?;
            (about > 0).then(|| title.original_slice(0..about).to_owned())
        });
    let published = layout
        .signature_date
        .as_ref()
        .and_then(|line| dates.iter().position(|date| line.contains(&date.range.start)));

    let preamble_text = &matching[preamble.clone()];
    let kind_source = title.as_ref().map_or("", |t| t.matching());
    let kind = [kind_source, preamble_text].iter().find_map(|source| {
        let shi = source.find("巡视");
        let cha = source.find("巡察");
        match (shi, cha) {
            (Some(a), Some(b)) => Some(if a < b { "巡视" } else { "巡察" }),
            (Some(_), None) => Some("巡视"),
            (None, Some(_)) => Some("巡察"),
            (None, None) => None,
        }
    });

    let body = inspection_body(text, preamble.clone());
    let round = title
        .as_ref()
        .and_then(|title| {
            ROUND
                .find(title.matching())
                .map(|m| title.original_slice(m.range()).to_owned())
        })
        .or_else(|| {
            ROUND.find(preamble_text).map(|m| {
                text.original_slice(preamble.start + m.start()..preamble.start + m.end())
                    .to_owned()
            })
        });

    // One inspected unit; a round over several groups of units has none.
    let targets: Vec<Range<usize>> = target_phrases(preamble_text)
        .into_iter()
        .map(|(unit, _)| unit)
        .filter(|unit| !preamble_text[unit.clone()].contains("巡"))
        .map(|unit| preamble.start + unit.start..preamble.start + unit.end)
        .collect();
    let target = match targets.as_slice() {
        [only] => Some(text.original_slice(only.clone()).to_owned()),
        _ => None,
    };

    let clause = targets
        .first()
        .map(|unit| sentence_around(matching, unit.start, &preamble));
    let (period, period_end, feedback) = inspection_dates(matching, &preamble, clause, dates);
    Metadata {
        title: title.map(|t| t.original().to_owned()),
        publisher,
        published,
        inspection: InspectionFacts {
            kind,
            body,
            round,
            target,
            period,
            period_end,
            feedback,
        },
    }
}

/// The inspecting body: the first named group of the preamble, with the
/// committee before it (市委第二巡察组, 区委交叉巡察五组); none when the
/// preamble counts groups before it names one (区委组建3个巡察组: a round,
/// not one group).
fn inspection_body(text: &AlignedText, preamble: Range<usize>) -> Option<String> {
    let matching = text.matching();
    let preamble_text = &matching[preamble.clone()];
    // The first group the preamble names decides; a count of groups before
    // any name means a round of several.
    let mut found = None;
    for group in BODY.find_iter(preamble_text) {
        if counted_groups(preamble_text, group.start()).is_some_and(|count| count >= 2) {
            return None;
        }
        let before = preamble_text[..group.start()].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_digit() || NOT_A_NAME_BEFORE.contains(&c)) {
            found = Some(group);
            break;
        }
    }
    let found = found?;
    let start = preamble.start + found.start();
    let prefix_start = body_prefix_start(matching, start);
    Some(
        text.original_slice(prefix_start..preamble.start + found.end())
            .to_owned(),
    )
}

/// The number of groups counted before the group at `start` (组建3个巡察组,
/// 3个常规巡察组: a numeral and 个 at most [`COUNT_GAP_CHARS`] chars before it,
/// in the same clause), if they are counted.
fn counted_groups(text: &str, start: usize) -> Option<u32> {
    let before = &text[..start];
    let (ge_at, _) = before
        .char_indices()
        .rev()
        .take(COUNT_GAP_CHARS + 1)
        .take_while(|(_, c)| !breaks_target(*c))
        .find(|(_, c)| *c == '个')?;
    let numeral_start = before[..ge_at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || crate::numeral::CHINESE_NUMERAL_SET.contains(*c))
        .last()
        .map(|(index, _)| index)?;
    crate::numeral::parse_ordinal(&before[numeral_start..ge_at])
}

/// The sentence (between 。 ; ! ? and line breaks) around `offset`, within `within`.
fn sentence_around(text: &str, offset: usize, within: &Range<usize>) -> Range<usize> {
    let is_end = |c: char| matches!(c, '。' | ';' | '!' | '?' | '\n');
    let start = text[within.start..offset]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
        .map_or(within.start, |(index, c)| within.start + index + c.len_utf8());
    let end = text[offset..within.end]
        .char_indices()
        .find(|(_, c)| is_end(*c))
        .map_or(within.end, |(index, _)| offset + index);
    start..end
}

/// Start of the organisation name before 第N巡察组: back to a clause break,
/// minus a leading date or function word.
fn body_prefix_start(matching: &str, body_start: usize) -> usize {
    let mut start = body_start;
    for (index, c) in matching[..body_start].char_indices().rev().take(BODY_PREFIX_MAX_CHARS) {
        if !('\u{4e00}'..='\u{9fff}').contains(&c) {
            break;
        }
        start = index;
    }
    let mut prefix = &matching[start..body_start];
    while let Some(word) = BODY_LEADING_WORDS.iter().find(|w| prefix.starts_with(**w)) {
        start += word.len();
        prefix = &matching[start..body_start];
    }
    // 统一部署 and similar verbs before the body are not part of its name.
    if let Some(cut) = prefix.rfind("部署") {
        start += cut + "部署".len();
    }
    start
}

/// The on-site period, its last day when given as a duration, and the
/// feedback date.
///
/// The period is the first date of `clause`, the sentence that says who
/// inspected whom (without one: the first preamble date before the first
/// 反馈). The feedback date is the date of the sentence that says 反馈 after
/// the period: the last before the word, else the first after it; without
/// one, that of a 反馈 sentence before the period (a news lead), when it
/// does not fall before the period ends. A feedback date printed
/// without a year inherits one; when that puts it before the period ends
/// and the next year would not, the next year is the reading kept (the
/// date is changed in `dates` too).
fn inspection_dates(
    matching: &str,
    preamble: &Range<usize>,
    clause: Option<Range<usize>>,
    dates: &mut [DateMatch],
) -> (Option<usize>, Option<CivilDate>, Option<usize>) {
    let resolved = |index: &usize, within: &Range<usize>| {
        let date: &DateMatch = &dates[*index];
        within.contains(&date.range.start) && date.start.is_some() && !date.relative
    };
    let all: Vec<usize> = (0..dates.len()).collect();
    let clause_period = clause
        .as_ref()
        .and_then(|clause| all.iter().copied().find(|index| resolved(index, clause)));
    let feedback_word = |from: usize| matching[from..preamble.end].find("反馈").map(|offset| from + offset);
    let Some(period) = clause_period else {
        return position_dates(matching, preamble, dates);
    };
    let period_end = clause
        .as_ref()
        .and_then(|clause| duration_end(matching, clause, &dates[period]));
    // The date of the sentence that says 反馈 at `word`: the last before the
    // word, else the first after it.
    let dated_sentence = |word: usize| {
        let sentence = sentence_around(matching, word, preamble);
        let in_sentence: Vec<usize> = all
            .iter()
            .copied()
            .filter(|index| *index != period && resolved(index, &sentence))
            .collect();
        in_sentence
            .iter()
            .copied()
            .rfind(|&index| dates[index].range.start < word)
            .or_else(|| {
                in_sentence
                    .iter()
                    .copied()
                    .find(|&index| dates[index].range.start > word)
            })
    };
    let period_last = period_end.or(dates[period].end);
    let after_period = feedback_word(dates[period].range.end).and_then(dated_sentence);
    // A news lead may state the feedback before the period (7月3日，区委第二
    // 巡察组向…反馈巡察情况。…4月10日至5月31日，…开展了巡察): taken only
    // when it does not fall before the period ends.
    let before_period = || {
        let word = matching[preamble.start..dates[period].range.start]
            .find("反馈")
            .map(|offset| preamble.start + offset)?;
        dated_sentence(word)
    };
    let feedback = after_period.or_else(before_period);
    if let Some(index) = feedback {
        prefer_consistent_year(matching, &mut dates[index], period_last);
    }
    let feedback = feedback.filter(|&index| {
        Some(index) == after_period || matches!((dates[index].start, period_last), (Some(day), Some(last)) if day >= last)
    });
    // A range the text states elsewhere from the period's first day (巡察时间
    // 为2024年4月8日至6月7日) is the period as printed: its own text and span
    // rather than a start and a duration (为期2个月左右).
    let stated = period_end.and_then(|_| {
        (0..dates.len()).find(|&index| {
            let date = &dates[index];
            index != period
                && Some(index) != feedback
                && date.kind == DateKind::Range
                && date.precision == Precision::Day
                && !date.relative
                && date.start.is_some()
                && date.start == dates[period].start
        })
    });
    match stated {
        Some(stated) => (Some(stated), None, feedback),
        None => (Some(period), period_end, feedback),
    }
}

/// The 1.0 reading, for preambles without an inspecting clause: the period
/// is the first preamble date before the first 反馈; the feedback date is the
/// last date before (or the first date after) that 反馈.
fn position_dates(
    matching: &str,
    preamble: &Range<usize>,
    dates: &[DateMatch],
) -> (Option<usize>, Option<CivilDate>, Option<usize>) {
    let in_preamble: Vec<usize> = dates
        .iter()
        .enumerate()
        .filter(|(_, date)| preamble.contains(&date.range.start) && date.start.is_some() && !date.relative)
        .map(|(index, _)| index)
        .collect();
    let feedback_at = matching[preamble.clone()]
        .find("反馈")
        .map(|offset| preamble.start + offset);
    let Some(feedback_at) = feedback_at else {
        return (in_preamble.first().copied(), None, None);
    };
    let before: Vec<usize> = in_preamble
        .iter()
        .copied()
        .filter(|&index| dates[index].range.start < feedback_at)
        .collect();
    match before.as_slice() {
        [] => (None, None, in_preamble.first().copied()),
        [only] => {
            let after = in_preamble
                .iter()
                .copied()
                .find(|&index| dates[index].range.start > feedback_at);
            (Some(*only), None, after)
        }
        [first, .., last] => (Some(*first), None, Some(*last)),
    }
}

/// The last day of a period printed as a start date and a duration in the
/// same clause (2024年4月8日起…为期45天 → 2024-05-22): N days from the start
/// counted inclusively, N months up to the day before the same day N
/// months on.
fn duration_end(matching: &str, clause: &Range<usize>, start: &DateMatch) -> Option<CivilDate> {
    if start.kind != DateKind::Point || start.precision != Precision::Day {
        return None;
    }
    let after = start.range.end..clause.end;
    let captures = DURATION.captures(&matching[after])?;
    let count = crate::numeral::parse_ordinal(captures.get(1)?.as_str())?;
    if !(1..=366).contains(&count) {
        return None;
    }
    let first = start.start?;
    match captures.get(2)?.as_str() {
        "个月" => first.last_day_of_months(count),
        _ => first.plus_days(i64::from(count) - 1),
    }
}

/// A date printed without a year took its year from the text before it;
/// when that reading falls before `not_before` and the next year's does
/// not, the next year is kept.
fn prefer_consistent_year(matching: &str, date: &mut DateMatch, not_before: Option<CivilDate>) {
    let (Some(start), Some(end), Some(limit)) = (date.start, date.end, not_before) else {
        return;
    };
    if matching[date.range.clone()].contains('年') || start >= limit {
        return;
    }
    let (Some(next_start), Some(next_end)) = (start.in_year(start.year + 1), end.in_year(end.year + 1)) else {
        return;
    };
    if next_start >= limit {
        date.start = Some(next_start);
        date.end = Some(next_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::find_dates;
    use crate::normalize::normalize;
    use crate::outline::layout;
    use crate::span::RangeSet;
    use proptest::strategy::Strategy;

    /// A phrase near the rule's limits: a unit and a gap of lengths around
    /// their bounds, made of chars that may or may not belong there.
    fn target_like_phrase() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Lengths at the bounds most of the time.
        let unit_len = prop_oneof![proptest::sample::select(vec![0usize, 1, 2, 3, 39, 40, 41]), 0..=42usize];
        let gap_len = prop_oneof![proptest::sample::select(vec![0usize, 1, 19, 20, 21]), 0..=22usize];
        let unit = (
            unit_len,
            proptest::sample::select(vec!["某", "a", "对", "进", "巡", "\n"]),
        );
        let verb = (
            proptest::sample::select(vec!["进行", "开展", "实施", "进"]),
            any::<bool>(),
        );
        let gap = (
            gap_len,
            proptest::sample::select(vec!["的", "对", ",", "了", "巡", "。"]),
        );
        let kind = proptest::sample::select(vec!["巡视", "巡察", "巡"]);
        (unit, verb, gap, kind).prop_map(|((unit_len, unit_char), (verb, le), (gap_len, gap_char), kind)| {
            format!(
                "对{}{verb}{}{}{kind}",
                unit_char.repeat(unit_len),
                if le { "了" } else { "" },
                gap_char.repeat(gap_len)
            )
        })
    }

    proptest::proptest! {
        #[test]
        fn target_phrases_are_the_rule_matches(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["对", "进行了", "巡察", "某县", ",", "。", "a"]).prop_map(str::to_owned),
                    target_like_phrase(),
                ],
                0..6,
            )
        ) {
            let text: String = pieces.concat();
            let rule = Regex::new(TARGET_RULE).unwrap();
            let expected: Vec<(Range<usize>, usize)> = rule
                .captures_iter(&text)
                .map(|captures| (captures.get(1).unwrap().range(), captures.get(0).unwrap().end()))
                .collect();
            proptest::prop_assert_eq!(target_phrases(&text), expected, "{:?}", text);
        }
    }

    /// The metadata of `notice` (title line, preamble, one heading).
    fn metadata_of(notice: &str) -> (Metadata, Vec<DateMatch>) {
        let text = normalize(notice.to_string());
        let found_layout = layout(text.matching());
        let preamble = found_layout.body.start..text.matching().find("一、").unwrap();
        let mut dates = find_dates(text.matching(), &RangeSet::default(), None);
        let metadata = find_metadata(&text, &found_layout, preamble, &mut dates);
        (metadata, dates)
    }

    #[test]
    fn the_period_is_the_date_of_the_inspecting_clause() {
        let (metadata, dates) = metadata_of(
            "中共某局党组关于巡察整改情况的通报\n2024年1月，市委召开巡察工作动员部署会。根据市委统一部署，2024年3月4日至4月30日，市委第一巡察组对某局党组进行了巡察。2024年6月5日，市委巡察组向某局党组反馈了巡察意见。\n一、关于“甲”问题\n",
        );
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.start.unwrap().to_string(), "2024-03-04");
        assert_eq!(period.end.unwrap().to_string(), "2024-04-30");
        let feedback = &dates[metadata.inspection.feedback.unwrap()];
        assert_eq!(feedback.start.unwrap().to_string(), "2024-06-05");
    }

    #[test]
    fn a_duration_ends_the_period_and_a_yearless_feedback_keeps_order() {
        let (metadata, dates) = metadata_of(
            "中共某局党组关于巡察整改情况的通报\n2024年11月4日起，市委交叉巡察五组对某局党组开展了为期两个月的巡察。1月10日，市委巡察组反馈了巡察意见。\n一、关于“甲”问题\n",
        );
        assert_eq!(metadata.inspection.body.as_deref(), Some("市委交叉巡察五组"));
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.start.unwrap().to_string(), "2024-11-04");
        assert_eq!(metadata.inspection.period_end.unwrap().to_string(), "2025-01-03");
        // 1月10日 inherits 2024, which would put it before the inspection.
        let feedback = &dates[metadata.inspection.feedback.unwrap()];
        assert_eq!(feedback.start.unwrap().to_string(), "2025-01-10");
    }

    #[test]
    fn a_news_lead_states_the_feedback_before_the_period() {
        let (metadata, dates) = metadata_of(
            "区委第二巡察组向区某局党组反馈巡察情况\n2024年7月3日，区委第二巡察组向区某局党组反馈巡察情况。根据区委统一部署，2024年4月10日至5月31日，区委第二巡察组对区某局党组开展了常规巡察。\n一、关于“甲”问题\n",
        );
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.start.unwrap().to_string(), "2024-04-10");
        let feedback = &dates[metadata.inspection.feedback.unwrap()];
        assert_eq!(feedback.start.unwrap().to_string(), "2024-07-03");
        // A 反馈 sentence before the period whose date falls before the
        // period ends is no feedback date.
        let (metadata, _) = metadata_of(
            "中共某局党组关于巡察整改情况的通报\n2023年5月6日，市委巡察组向某局党组反馈了上轮巡察意见。2024年3月4日至4月30日，市委第一巡察组对某局党组进行了巡察。\n一、关于“甲”问题\n",
        );
        assert!(metadata.inspection.period.is_some());
        assert_eq!(metadata.inspection.feedback, None);
    }

    #[test]
    fn a_stated_range_from_the_first_day_is_the_period_as_printed() {
        let notice = "县委第三巡察组关于进驻县水利局开展常规巡察的公告\n县委第三巡察组于2024年4月8日进驻县水利局，对县水利局党组开展为期2个月左右的常规巡察。现将有关事项公告如下：\n一、巡察时间\n巡察时间为2024年4月8日至6月7日。\n";
        let (metadata, dates) = metadata_of(notice);
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.kind, DateKind::Range);
        assert_eq!(period.end.unwrap().to_string(), "2024-06-07");
        assert_eq!(metadata.inspection.period_end, None);
        // Without the stated range, the duration ends the period.
        let (metadata, dates) = metadata_of(&notice.replace("至6月7日", ""));
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.start.unwrap().to_string(), "2024-04-08");
        assert_eq!(metadata.inspection.period_end.unwrap().to_string(), "2024-06-07");
    }

    #[test]
    fn a_count_of_groups_is_not_a_body() {
        let (metadata, _) = metadata_of(
            "十届区委第五轮巡察整改进展情况\n2024年3月至5月，区委组建3个巡察组，对区教育局等9个单位开展了常规巡察。\n一、整改总体情况\n",
        );
        assert_eq!(metadata.inspection.body, None);
        let (metadata, _) = metadata_of(
            "中共某区委关于巡察整改情况的通报\n根据区委统一部署，区委提级巡察组对某街道党工委进行了巡察，各巡察组按要求反馈了意见。\n一、关于“甲”问题\n",
        );
        assert_eq!(metadata.inspection.body.as_deref(), Some("区委提级巡察组"));
    }

    #[test]
    fn reads_the_preamble_families() {
        let notice = "中共某县委关于十二届省委第七轮巡视整改进展情况的通报\n根据省委统一部署,省委第三巡视组于2024年3月4日至5月10日对某县进行了巡视,并于7月2日反馈了巡视意见。\n一、关于“甲”问题\n中共某县委\n2025年1月6日\n";
        let (metadata, dates) = metadata_of(notice);
        assert_eq!(
            metadata.title.as_deref(),
            Some("中共某县委关于十二届省委第七轮巡视整改进展情况的通报")
        );
        assert_eq!(metadata.publisher.as_deref(), Some("中共某县委"));
        assert_eq!(metadata.inspection.kind, Some("巡视"));
        assert_eq!(metadata.inspection.body.as_deref(), Some("省委第三巡视组"));
        assert_eq!(metadata.inspection.round.as_deref(), Some("十二届省委第七轮巡视"));
        assert_eq!(metadata.inspection.target.as_deref(), Some("某县"));
        let period = &dates[metadata.inspection.period.unwrap()];
        assert_eq!(period.start.unwrap().to_string(), "2024-03-04");
        assert_eq!(period.end.unwrap().to_string(), "2024-05-10");
        let feedback = &dates[metadata.inspection.feedback.unwrap()];
        assert_eq!(feedback.start.unwrap().to_string(), "2024-07-02");
        assert_eq!(
            dates[metadata.published.unwrap()].start.unwrap().to_string(),
            "2025-01-06"
        );
    }
}
