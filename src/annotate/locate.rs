//! What the page shows that the record gives no span for: the page
//! furniture the parser set aside, and where the record's contacts stand.
//!
//! Consumes the record, the text it was parsed from and the parser's layout
//! cues. The furniture is found as the parse finds it: the same matching
//! copy of the same text ([`normalize`]) and the same pass with the same
//! cues ([`find_furniture`]), so its spans are the ones the rules did not
//! read. A contact (phone, e-mail, address) is located where its string
//! stands outside the furniture: first in the original text as printed,
//! else in the matching copy, where the parser found it (a phone printed
//! `0578—2091427` is `0578-2091427` there). A contact written otherwise
//! (`(0578)2091427`) is not located, and the page says so: nothing is
//! guessed.

use crate::outline::{LayoutCues, find_furniture};
use crate::normalize::normalize;
use crate::record::{Record, Span};

/// A contact of the record and where it stands, if found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// `phone`, `e-mail` or `address`.
    pub kind: &'static str,
    /// As the record gives it.
    pub value: String,
    /// Where it stands; `None` when its string is not in the text.
    pub span: Option<Span>,
}

/// The furniture and the contacts of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Located {
    /// The page furniture, in order.
    pub furniture: Vec<Span>,
    /// The record's contacts: phones, then e-mails, then addresses.
    pub contacts: Vec<Contact>,
}

/// Finds the furniture of `text` (the text `record` was parsed from) with
/// `layout`, and the record's contacts outside it.
pub fn locate(record: &Record, text: &str, layout: &LayoutCues) -> Located {
    let aligned = normalize(text.to_owned());
    let furniture: Vec<Span> = find_furniture(aligned.matching(), layout)
        .ranges
        .into_iter()
        .map(|range| aligned.span(range))
        .collect();
    let outside = |span: &Span| {
        !furniture
            .iter()
            .any(|piece| piece.start < span.end && span.start < piece.end)
    };
    let find = |value: &str| -> Option<Span> {
        if value.is_empty() {
            return None;
        }
        let printed = text.match_indices(value).map(|(at, found)| {
            let start = text[..at].chars().count();
            Span::new(start, start + found.chars().count())
        });
        let matched = aligned
            .matching()
            .match_indices(value)
            .map(|(at, found)| aligned.span(at..at + found.len()));
        printed.filter(outside).chain(matched.filter(outside)).next()
    };
    let contacts = record.contacts.phones.iter().map(|value| ("phone", value));
    let contacts = contacts
        .chain(record.contacts.emails.iter().map(|value| ("e-mail", value)))
        .chain(record.contacts.addresses.iter().map(|value| ("address", value)))
        .map(|(kind, value)| Contact {
            kind,
            value: value.clone(),
            span: find(value),
        })
        .collect();
    Located { furniture, contacts }
}
