//! Numbers and text for reading, as the table and the report show them.
//!
//! Metric values with their unit (87.5%, 66.57万元, 1.23亿元), counts in
//! words (`1 error`, `2 notices`), and text on one line, measured and cut in
//! terminal columns (a CJK character takes two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::emit::csv::is_stripped_control;
use crate::record::Number;

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A count: up to two decimals (3, 2.5).
    Plain,
    /// A rate in %: one decimal and `%` (87.5%).
    Percent,
    /// A sum in 元, shown in 元, 万元 or 亿元.
    Money,
}

impl Reading {
    /// `value` for reading.
    pub fn format(self, value: Number) -> String {
        let value = value.as_f64();
        match self {
            Reading::Plain => format_decimal(value, 2),
            Reading::Percent => format!("{}%", format_decimal(value, 1)),
            Reading::Money => format_money(value),
        }
    }
}

/// `value` rounded to at most `decimals` places, without trailing zeros.
fn format_decimal(value: f64, decimals: usize) -> String {
    let fixed = format!("{value:.decimals$}");
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    if trimmed == "-0" {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

const YUAN_PER_WAN: f64 = 1e4;
const YUAN_PER_YI: f64 = 1e8;

/// A sum in 元 as Chinese readers write it: 8500元, 66.57万元, 1.2亿元.
fn format_money(yuan: f64) -> String {
    if yuan.abs() >= YUAN_PER_YI {
        format!("{}亿元", format_decimal(yuan / YUAN_PER_YI, 2))
    } else if yuan.abs() >= YUAN_PER_WAN {
        format!("{}万元", format_decimal(yuan / YUAN_PER_WAN, 2))
    } else {
        format!("{}元", format_decimal(yuan, 2))
    }
}

/// `count` and its noun: `1 error`, `2 errors`.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// The text on one line: line breaks and tabs become spaces, other control
/// characters ([`is_stripped_control`]: ESC, BEL, bidirectional controls …)
/// go, so that a title cannot drive the terminal.
pub fn single_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' => Some(' '),
            c if is_stripped_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Terminal columns `text` takes (CJK characters take two).
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

const ELLIPSIS: char = '…';

/// The leading characters of `chars` that fit in `budget` columns.
fn take_width(chars: impl Iterator<Item = char>, budget: usize) -> Vec<char> {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= budget
        })
        .collect()
}

/// Columns left for text when `…` has to fit in `max_width`.
fn budget_beside_ellipsis(max_width: usize) -> usize {
    max_width.saturating_sub(ELLIPSIS.width().unwrap_or(1))
}

/// `text` cut at its end to at most `max_width` columns, `…` marking the cut.
pub fn truncate_end(text: &str, max_width: usize) -> String {
    if display_width(text) <= max_width {
        return text.to_owned();
    }
    let mut kept: String = take_width(text.chars(), budget_beside_ellipsis(max_width))
        .into_iter()
        .collect();
    kept.push(ELLIPSIS);
    kept
}

/// `text` cut at its start to at most `max_width` columns, `…` marking
/// the cut: the end of a path (its file name) is what tells rows apart.
pub fn truncate_start(text: &str, max_width: usize) -> String {
    if display_width(text) <= max_width {
        return text.to_owned();
    }
    let tail = take_width(text.chars().rev(), budget_beside_ellipsis(max_width));
    std::iter::once(ELLIPSIS).chain(tail.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: &str) -> Number {
        Number(value.parse().unwrap())
    }

    #[test]
    fn metrics_format_for_reading() {
        assert_eq!(Reading::Money.format(number("665700")), "66.57万元");
        assert_eq!(Reading::Money.format(number("8500")), "8500元");
        assert_eq!(Reading::Money.format(number("123000000")), "1.23亿元");
        assert_eq!(Reading::Percent.format(number("87.5")), "87.5%");
        assert_eq!(Reading::Plain.format(number("3")), "3");
        assert_eq!(Reading::Plain.format(number("2.50")), "2.5");
    }

    #[test]
    fn text_is_one_line_without_controls() {
        let title = "红色\u{1b}[31m标题\u{7}\n第二行";
        assert_eq!(single_line(title), "红色[31m标题 第二行");
    }

    #[test]
    fn text_is_cut_by_display_width() {
        // 15 columns: … and the last 14 characters.
        assert_eq!(truncate_start("corpus/some/long/path/file.txt", 15), "…/path/file.txt");
        // 中文中文中文 in 7 columns: … (1) and three characters (6).
        assert_eq!(truncate_start("中文中文中文", 7), "…文中文");
        assert_eq!(truncate_start("a.txt", 5), "a.txt");
        assert_eq!(truncate_end("中文中文", 5), "中文…");
        assert_eq!(truncate_end("中文", 4), "中文");
        assert_eq!(display_width("中文ab"), 6);
    }

    #[test]
    fn counts_take_their_noun() {
        assert_eq!(counted(1, "error", "errors"), "1 error");
        assert_eq!(counted(0, "error", "errors"), "0 errors");
    }
}
