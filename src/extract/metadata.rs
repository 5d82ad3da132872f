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
    /// Index into the notice's dates of the on-site period.
    pub period: Option<usize>,
    /// Index into the notice's dates of the feedback date.
    pub feedback: Option<usize>,
}

/// 第N巡察组 / 巡视组 (the prefix is found by walking back to a clause break).
static BODY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:第[一二三四五六七八九十0-9]{1,3})?巡[视察]组").unwrap());
/// 五届市委第四轮巡察, 十九届中央第七轮巡视, 第二轮巡视.
static ROUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[一二三四五六七八九十]{1,3}届)?(?:中央|省委|市委|区委|县委|州委|盟委|旗委|镇委|集团党委|党委|党组)?第[一二三四五六七八九十0-9]{1,3}轮(?:巡视|巡察)?")
        .unwrap()
});
/// 对{unit}进行了巡察 / 开展了为期45天的政治巡察 / 开展了医药领域腐败问题专项巡察.
static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"对([^,;。:]{2,40}?)(?:进行了?|开展了?|实施了?)[^,;。:对]{0,20}?(?:巡视|巡察)").unwrap()
});
/// Words that may open a clause before the inspecting body.
const BODY_LEADING_WORDS: &[&str] = &["根据", "按照", "由", "经", "对", "并", "和", "及", "后"];
const BODY_PREFIX_MAX_CHARS: usize = 14;

/// Finds the metadata of a notice.
pub fn find_metadata(text: &AlignedText, layout: &Layout, preamble: Range<usize>, dates: &[DateMatch]) -> Metadata {
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

    let body = BODY.find(preamble_text).map(|found| {
        let start = preamble.start + found.start();
        let prefix_start = body_prefix_start(matching, start);
        text.original_slice(prefix_start..preamble.start + found.end())
            .to_owned()
    });

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
    let targets: Vec<Range<usize>> = TARGET
        .captures_iter(preamble_text)
        .filter_map(|captures| captures.get(1))
        .filter(|unit| !unit.as_str().contains("巡"))
        .map(|unit| preamble.start + unit.start()..preamble.start + unit.end())
        .collect();
    let target = match targets.as_slice() {
        [only] => Some(text.original_slice(only.clone()).to_owned()),
        _ => None,
    };

    let (period, feedback) = inspection_dates(matching, &preamble, dates);
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
            feedback,
        },
    }
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

/// The period is the first preamble date before the first 反馈; the feedback
/// date is the last date before (or the first date after) that 反馈.
fn inspection_dates(matching: &str, preamble: &Range<usize>, dates: &[DateMatch]) -> (Option<usize>, Option<usize>) {
    let in_preamble: Vec<usize> = dates
        .iter()
        .enumerate()
        .filter(|(_, date)| preamble.contains(&date.range.start) && date.start.is_some())
        .map(|(index, _)| index)
        .collect();
    let feedback_at = matching[preamble.clone()]
        .find("反馈")
        .map(|offset| preamble.start + offset);
    let Some(feedback_at) = feedback_at else {
        return (in_preamble.first().copied(), None);
    };
    let before: Vec<usize> = in_preamble
        .iter()
        .copied()
        .filter(|&index| dates[index].range.start < feedback_at)
        .collect();
    match before.as_slice() {
        [] => (None, in_preamble.first().copied()),
        [only] => {
            let after = in_preamble
                .iter()
                .copied()
                .find(|&index| dates[index].range.start > feedback_at);
            (Some(*only), after)
        }
        [first, .., last] => (Some(*first), Some(*last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::date::find_dates;
    use crate::normalize::normalize;
    use crate::outline::layout;
    use crate::span::RangeSet;

    #[test]
    fn reads_the_preamble_families() {
        let notice = "中共某县委关于十二届省委第七轮巡视整改进展情况的通报\n根据省委统一部署,省委第三巡视组于2024年3月4日至5月10日对某县进行了巡视,并于7月2日反馈了巡视意见。\n一、关于“甲”问题\n中共某县委\n2025年1月6日\n";
        let text = normalize(notice.to_string());
        let found_layout = layout(text.matching());
        let preamble = found_layout.body.start..text.matching().find("一、").unwrap();
        let dates = find_dates(text.matching(), &RangeSet::default(), None);
        let metadata = find_metadata(&text, &found_layout, preamble, &dates);
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
