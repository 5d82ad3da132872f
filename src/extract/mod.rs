//! Extract stage: facts found in the matching copy.
//!
//! Each module consumes the matching copy (and, where it needs them, the
//! layout, the outline or ranges taken by earlier extractors) and produces
//! byte ranges plus parsed values; [`crate::pipeline`] turns them into record
//! items with spans. Rules live in tables at the top of each module or in
//! `rules/`.

pub mod consistency;
pub mod contact;
pub mod date;
pub mod document;
pub mod genre;
pub mod metadata;
pub mod metrics;
pub mod quantity;
pub mod unit;
