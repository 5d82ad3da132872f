//! Annotate stage: a record and its text → one self-contained HTML page
//! that shows what was extracted where (`zhenggai annotate`).
//!
//! Consumes a [`Record`] parsed with its text ([`crate::Options::with_text`])
//! and the layout cues of the parser that made it; produces a page with the
//! original text, every span of the record highlighted by kind (issue,
//! measure, finding, status, heading, quantity, date, document, metric,
//! contact, page furniture, genre cue, diagnostic), each mark showing on
//! hover what was extracted there, and a side panel (the notice's facts,
//! the outline, the issues and their measures, the metrics and their parts,
//! the genre and its cues, the diagnostics, the contacts) whose entries link
//! to their marks. The tool to check the parser with, by eye.
//!
//! The rooms of the stage, one job each:
//!
//! * [`marks`]: the record's spans as marks, with kinds, stable ids and
//!   what was extracted;
//! * [`locate`]: what the record gives no span for (the page furniture the
//!   parser set aside, the contacts);
//! * [`nest`]: marks that nest or overlap as well-formed nested pieces;
//! * [`html`]: the page's maud templates, style and script.
//!
//! The page escapes everything from the notice, loads nothing from
//! elsewhere (inline style and script, no fonts), works without its script,
//! fits 1280 pixels without scrolling sideways and prints the panel after
//! the text.

use crate::outline::LayoutCues;
use crate::record::Record;

pub mod html;
pub mod locate;
pub mod marks;
pub mod nest;

use marks::Marks;

/// The page of `record`, parsed with `layout` (the parser's layout cues);
/// `None` when the record lacks its text (parse with
/// [`crate::Options::with_text`]).
pub fn page(record: &Record, layout: &LayoutCues) -> Option<String> {
    let text = record.text.as_deref()?;
    let located = locate::locate(record, text, layout);
    let marks = Marks::of(record, &located);
    Some(html::page(record, text, &marks, &located))
}
