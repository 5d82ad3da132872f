//! The unit table: measure words and units, their canonical form and kind.
//!
//! One row per unit as it appears in the matching copy (already Simplified, so
//! 項 場次 萬元 arrive as 项 场次 万元). Money is normalised to 元 through the
//! numeral multiplier (万/亿) that precedes 元; the table itself lists 元.
//! Longer surfaces are tried before shorter ones (人次 before 人).

use crate::record::QuantityKind;
use std::sync::LazyLock;



use crate::charset::CharSet;

/// One unit: the surface in the matching copy, the canonical unit, its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub surface: &'static str,
    pub canonical: &'static str,
    pub kind: QuantityKind,
}

const fn unit(surface: &'static str, canonical: &'static str, kind: QuantityKind) -> Unit {
    Unit {
        surface,
        canonical,
        kind,
    }
}

use QuantityKind::{Area, Count, Duration, Money, Other, People, Percent};

/// Every unit the extractor knows, longest surfaces first within a prefix.
pub const UNITS: &[Unit] = &[
    unit("个百分点", "个百分点", Percent),
    unit("百分点", "个百分点", Percent),
    unit("平方米", "平方米", Area),
    unit("平方公里", "平方公里", Area),
    unit("个月", "个月", Duration),
    unit("小时", "小时", Duration),
    unit("人次", "人次", People),
    unit("人份", "人份", People),
    unit("场次", "场次", Count),
    unit("轮次", "轮次", Count),
    unit("大类", "大类", Count),
    unit("大项", "大项", Count),
    unit("方面", "方面", Count),
    unit("公顷", "公顷", Area),
    unit("公里", "公里", Other),
    unit("批次", "批次", Count),
    unit("家次", "家次", Count),
    unit("人", "人", People),
    unit("名", "名", People),
    unit("位", "位", People),
    unit("项", "项", Count),
    unit("个", "个", Count),
    unit("条", "条", Count),
    unit("件", "件", Count),
    unit("家", "家", Count),
    unit("场", "场", Count),
    unit("次", "次", Count),
    unit("对", "对", Count),
    unit("户", "户", Count),
    unit("册", "册", Count),
    unit("份", "份", Count),
    unit("所", "所", Count),
    unit("批", "批", Count),
    unit("轮", "轮", Count),
    unit("期", "期", Count),
    unit("笔", "笔", Count),
    unit("篇", "篇", Count),
    unit("张", "张", Count),
    unit("本", "本", Count),
    unit("处", "处", Count),
    unit("类", "类", Count),
    unit("起", "起", Count),
    unit("宗", "宗", Count),
    unit("门", "门", Count),
    unit("堂", "堂", Count),
    unit("节", "节", Count),
    unit("套", "套", Count),
    unit("部", "部", Count),
    unit("台", "台", Count),
    unit("辆", "辆", Count),
    unit("座", "座", Count),
    unit("间", "间", Count),
    unit("把", "把", Count),
    unit("盏", "盏", Count),
    unit("支", "支", Count),
    unit("卷", "卷", Count),
    unit("艘", "艘", Count),
    unit("吨", "吨", Other),
    unit("元", "元", Money),
    unit("%", "%", Percent),
    unit("天", "天", Duration),
    unit("周", "周", Duration),
    unit("日", "日", Duration),
    unit("年", "年", Duration),
    unit("亩", "亩", Area),
];

/// The unit whose surface is exactly `surface` (surfaces are unique), as
/// the quantity rule's unit group matched it.
pub fn unit_named(surface: &str) -> Option<&'static Unit> {
    unit_at(surface).filter(|unit| unit.surface.len() == surface.len())
}

/// The unit whose surface `text` starts with, the longest if several do
/// (what the quantity rule's alternation, longest first, takes there).
pub fn unit_at(text: &str) -> Option<&'static Unit> {
    let first = text.chars().next()?;
    if !UNIT_STARTS.contains(first) {
        return None;
    }
    let by_first_char = &*UNITS_BY_FIRST_CHAR;
    let index = by_first_char.binary_search_by_key(&first, |(c, _)| *c).ok()?;
    by_first_char[index]
        .1
        .iter()
        .find(|unit| text.starts_with(unit.surface))
        .copied()
}

/// The units by the first char of their surface (sorted by that char),
/// longest surface first.
static UNITS_BY_FIRST_CHAR: LazyLock<Vec<(char, Vec<&'static Unit>)>> = LazyLock::new(|| {
    let mut groups: Vec<(char, Vec<&'static Unit>)> = Vec::new();
    for unit in UNITS {
        let first = unit.surface.chars().next().unwrap_or_default();
        match groups.iter_mut().find(|(c, _)| *c == first) {
            Some((_, units)) => units.push(unit),
            None => groups.push((first, vec![unit])),
        }
    }
    for (_, units) in &mut groups {
        units.sort_by_key(|unit| std::cmp::Reverse(unit.surface.len()));
    }
    groups.sort_by_key(|(c, _)| *c);
    groups
});

/// Every surface, in table order.
const SURFACES: [&str; UNITS.len()] = {
    let mut surfaces = [""; UNITS.len()];
    let mut index = 0;
    while index < UNITS.len() {
        surfaces[index] = UNITS[index].surface;
        index += 1;
    }
    surfaces
};

/// The chars a surface starts with: most chars after a number are none of
/// them, and [`unit_at`] refuses those before any look-up.
static UNIT_STARTS: CharSet = CharSet::first_chars_of(&SURFACES);

/// A regex alternation of every surface, longest first.
pub fn surface_alternation() -> String {
    let mut surfaces: Vec<&str> = UNITS.iter().map(|unit| unit.surface).collect();
    surfaces.sort_by_key(|surface| std::cmp::Reverse(surface.len()));
    surfaces
        .iter()
        .map(|surface| regex::escape(surface))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_found_by_their_whole_surface() {
        assert_eq!(unit_named("人次").unwrap().canonical, "人次");
        assert_eq!(unit_named("人").unwrap().canonical, "人");
        assert_eq!(unit_named("个月").unwrap().kind, QuantityKind::Duration);
        assert_eq!(unit_named("个百分点").unwrap().kind, QuantityKind::Percent);
        assert!(unit_named("人次,").is_none() && unit_named("届").is_none());
    }

    #[test]
    fn the_longest_surface_at_the_start_wins() {
        assert_eq!(unit_at("人次,").unwrap().canonical, "人次");
        assert_eq!(unit_at("人,").unwrap().canonical, "人");
        assert_eq!(unit_at("个月来").unwrap().kind, QuantityKind::Duration);
        assert_eq!(unit_at("个百分点").unwrap().kind, QuantityKind::Percent);
        assert!(unit_at("届").is_none() && unit_at("").is_none() && unit_at(",人").is_none());
    }

    #[test]
    fn the_alternation_tries_longer_surfaces_first() {
        let alternation = surface_alternation();
        let position = |surface: &str| alternation.split('|').position(|s| s == surface).unwrap();
        assert!(position("人次") < position("人"));
        assert!(position("个百分点") < position("个"));
        assert!(position("场次") < position("场"));
    }

    #[test]
    fn surfaces_are_unique() {
        let mut surfaces: Vec<&str> = UNITS.iter().map(|unit| unit.surface).collect();
        surfaces.sort_unstable();
        let before = surfaces.len();
        surfaces.dedup();
        assert_eq!(before, surfaces.len());
    }
}
