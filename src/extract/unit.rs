//! The unit table: measure words and units, their canonical form and kind.
//!
//! One row per unit as it appears in the matching copy (already Simplified, so
//! 項 場次 萬元 arrive as 项 场次 万元). Money is normalised to 元 through the
//! numeral multiplier (万/亿) that precedes 元; the table itself lists 元.
//! Longer surfaces are tried before shorter ones (人次 before 人). The rows
//! are data (`rules/units.toml`, see [`crate::rules`]); this module indexes
//! them for the quantity search.

use serde::Deserialize;

use crate::charset::CharSet;
use crate::record::QuantityKind;

/// One unit: the surface in the matching copy, the canonical unit, its kind.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit as written (Simplified, width-folded).
    pub surface: String,
    /// The unit the record gives (`quantities[].unit`).
    pub canonical: String,
    /// What the unit measures.
    pub kind: QuantityKind,
    /// A phrase in which the unit must be found (tested).
    #[serde(default)]
    pub example: String,
}

/// The units, indexed by the first char of their surface.
pub struct UnitTable {
    /// The rows, in file order.
    units: Vec<Unit>,
    /// Indexes into `units` by the first char of the surface (sorted by that
    /// char), longest surface first.
    by_first_char: Vec<(char, Vec<usize>)>,
    /// The chars a surface starts with: most chars after a number are none
    /// of them, and [`UnitTable::unit_at`] refuses those before any look-up.
    starts: Box<CharSet>,
}

impl UnitTable {
    /// The table of `units`, or why it cannot be one: a surface is empty,
    /// starts outside the Basic Multilingual Plane, or is given twice (the
    /// message names the row, from 1, and the field).
    pub fn new(units: Vec<Unit>) -> Result<UnitTable, String> {
        let mut by_first_char: Vec<(char, Vec<usize>)> = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            let row = index + 1;
            let Some(first) = unit.surface.chars().next() else {
                return Err(format!("row {row}: field `surface` is empty"));
            };
            if u32::from(first) >= 0x1_0000 {
                return Err(format!("row {row}: field `surface` {:?} starts outside the Basic Multilingual Plane", unit.surface));
            }
            if unit.canonical.is_empty() {
                return Err(format!("row {row}: field `canonical` is empty"));
            }
            if let Some(earlier) = units[..index].iter().position(|other| other.surface == unit.surface) {
                return Err(format!(
                    "row {row}: field `surface` {:?} is also row {}",
                    unit.surface,
                    earlier + 1
                ));
            }
            match by_first_char.iter_mut().find(|(c, _)| *c == first) {
                Some((_, indexes)) => indexes.push(index),
                None => by_first_char.push((first, vec![index])),
            }
        }
        for (_, indexes) in &mut by_first_char {
            indexes.sort_by_key(|&index| std::cmp::Reverse(units[index].surface.len()));
        }
        by_first_char.sort_by_key(|(c, _)| *c);
        let surfaces: Vec<&str> = units.iter().map(|unit| unit.surface.as_str()).collect();
        let starts = Box::new(CharSet::first_chars_of(&surfaces));
        Ok(UnitTable {
            units,
            by_first_char,
            starts,
        })
    }

    /// The rows, in file order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The unit whose surface is exactly `surface` (surfaces are unique), as
    /// the quantity rule's unit group matched it.
    pub fn unit_named(&self, surface: &str) -> Option<&Unit> {
        self.unit_at(surface).filter(|unit| unit.surface.len() == surface.len())
    }

    /// The unit whose surface `text` starts with, the longest if several do
    /// (what the quantity rule's alternation, longest first, takes there).
    pub fn unit_at(&self, text: &str) -> Option<&Unit> {
        let first = text.chars().next()?;
        if !self.starts.contains(first) {
            return None;
        }
        let index = self.by_first_char.binary_search_by_key(&first, |(c, _)| *c).ok()?;
        self.by_first_char[index]
            .1
            .iter()
            .map(|&index| &self.units[index])
            .find(|unit| text.starts_with(unit.surface.as_str()))
    }

    /// A regex alternation of every surface, longest first.
    pub fn surface_alternation(&self) -> String {
        let mut surfaces: Vec<&str> = self.units.iter().map(|unit| unit.surface.as_str()).collect();
        surfaces.sort_by_key(|surface| std::cmp::Reverse(surface.len()));
        surfaces
            .iter()
            .map(|surface| regex::escape(surface))
            .collect::<Vec<_>>()
            .join("|")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in table.
    fn table() -> &'static UnitTable {
        &crate::rules::Rules::builtin().units
    }

    fn unit_named(surface: &str) -> Option<&'static Unit> {
        table().unit_named(surface)
    }

    fn unit_at(text: &str) -> Option<&'static Unit> {
        table().unit_at(text)
    }

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
        let alternation = table().surface_alternation();
        let position = |surface: &str| alternation.split('|').position(|s| s == surface).unwrap();
        assert!(position("人次") < position("人"));
        assert!(position("个百分点") < position("个"));
        assert!(position("场次") < position("场"));
    }

    #[test]
    fn a_bad_table_names_the_row_and_field() {
        let unit = |surface: &str, canonical: &str| Unit {
            surface: surface.to_string(),
            canonical: canonical.to_string(),
            kind: QuantityKind::Count,
            example: String::new(),
        };
        let error = |units| UnitTable::new(units).err().unwrap();
        assert_eq!(error(vec![unit("座", "座"), unit("", "个")]), "row 2: field `surface` is empty");
        assert_eq!(error(vec![unit("座", "")]), "row 1: field `canonical` is empty");
        assert_eq!(
            error(vec![unit("座", "座"), unit("棵", "棵"), unit("座", "座")]),
            "row 3: field `surface` \"座\" is also row 1"
        );
        assert!(error(vec![unit("𠀀", "𠀀")]).starts_with("row 1: field `surface` \"𠀀\" starts outside"));
        assert!(UnitTable::new(vec![unit("座", "座"), unit("座位", "座")]).is_ok());
    }
}
