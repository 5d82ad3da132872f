//! A linear pre-scan that keeps absurd pages away from the HTML parser.
//!
//! Consumes a decoded page; produces nothing for a page html5ever parses in
//! linear time, and a [`Error::TooComplex`] for one it would not. html5ever
//! checks scopes ("is there a `p` in button scope?") by walking its stack of
//! open elements, so each tag costs time in proportion to how deeply the
//! page nests, and its tokenizer compares each attribute of a tag with every
//! earlier one. 40,000 nested `<div>` took 4 s, 100,000 took 31 s; one tag
//! with 200,000 attributes 23 s.
//!
//! The scan is a small tag lexer (comments, raw text of `<script>`,
//! `<style>`, `<textarea>`, `<title>` …, quoted attribute values) driving a
//! model of the tree builder's stack of open elements: void elements are
//! never open; `p`, `li`, `dd`, `dt`, `a`, `button`, headings, table
//! bodies, rows and cells close as the parser closes them implicitly (and a
//! cell without a row gets the row the parser inserts); an end tag closes
//! only what the parser would let it close (not across a special element,
//! a scope boundary, a select or a template); SVG and MathML nest as
//! foreign content, with its integration points and the HTML tags that end
//! it; selects follow html5ever 0.40, where elements nest inside a select.
//! Formatting elements the parser may reopen (its list of active formatting
//! elements, at most three of a kind) count as open too. Where the model
//! cannot follow the parser it keeps elements open, so it errs on the side
//! of depth; `tests/it/html_depth.rs` checks it against html5ever's trees on
//! random tag soup. Each byte is looked at a bounded number of times and
//! each element pushed and popped once, so the scan is linear.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use memchr::{memchr, memmem};

use crate::error::{Error, Result};

/// Most elements the page may hold open at once (estimated from above).
///
/// Real pages nest well under 100 deep; Chromium's parser stops nesting at
/// 512. A scope walk over the whole stack at every tag makes a page of
/// 1,000,000 `<p></p>` under 512 open `<div>` parse about 5× slower than
/// the same tags at depth 0 (3.9 s instead of 0.76 s, release build): a
/// constant factor, where 40,000 levels cost 4 s on 440 kB.
pub const MAX_DEPTH: usize = 512;

/// Most attributes one tag may have. At 512 attributes a page made only of
/// such tags parses about 1.15× slower than with 10 per tag (at 1,000: 1.8×).
pub const MAX_ATTRIBUTES: usize = 512;

/// What the scan found of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Complexity {
    /// The most elements open at once (the estimate, see the module doc).
    pub depth: usize,
    /// The most attributes of one tag.
    pub attributes: usize,
}

/// Scans a page for its nesting depth and its largest number of attributes.
pub fn measure(html: &str) -> Complexity {
    let mut scan = Scan::default();
    scan.run(html.as_bytes());
    Complexity {
        depth: scan.max_depth,
        attributes: scan.max_attributes,
    }
}

/// Checks that html5ever will parse `html` in linear time: a page beyond
/// [`MAX_DEPTH`] or [`MAX_ATTRIBUTES`] is an [`Error::TooComplex`].
pub fn check(html: &str) -> Result<()> {
    let scan = measure(html);
    if scan.depth > MAX_DEPTH {
        return Err(Error::TooComplex {
            detail: format!(
                "it nests elements {} deep, more than the limit of {MAX_DEPTH}",
                scan.depth
            ),
        });
    }
    if scan.attributes > MAX_ATTRIBUTES {
        return Err(Error::TooComplex {
            detail: format!(
                "a tag has {} attributes, more than the limit of {MAX_ATTRIBUTES}",
                scan.attributes
            ),
        });
    }
    Ok(())
}

/// Elements that are never open (no end tag), and the document's own
/// `html`, `head` and `body`, which the parser opens once.
const NEVER_OPEN: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr", "html", "head", "body",
];
/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];
/// The HTML standard's "special" elements (an end tag of another element
/// does not close them).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];
/// Elements that bound a scope ("in scope" stops at them).
/// `select` is not one for the parser, but the model does not follow what
/// it ignores inside a select, so an end tag does not close across it.
const SCOPE_BOUNDARY: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "select",
];
/// Table parts, which the parser ignores outside a table or template.
const TABLE_PARTS: &[&str] = &["caption", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr"];
/// Formatting elements (the parser's list of active formatting elements).
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Start tags that close an open `p` in button scope.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "li",
    "dd",
    "dt",
];
/// HTML start tags that end foreign (SVG, MathML) content.
const BREAKS_OUT_OF_FOREIGN: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];
/// Special elements an `li`, `dd` or `dt` start tag may close across.
const LIST_ITEM_PASSABLE: &[&str] = &["address", "div", "p"];

/// What the scan knows of one element name.
#[derive(Debug, Clone, Copy, Default)]
struct Kind {
    special: bool,
    /// Special, and not passed by an `li`, `dd` or `dt` start tag.
    hard: bool,
    boundary: bool,
    formatting: bool,
}

/// The namespace of the content being parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// One open element.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Its name's id (foreign names have their own ids).
    id: usize,
    namespace: Namespace,
    /// A foreign element holding HTML (`foreignObject`, `mi` …).
    integration_point: bool,
}

/// A tag as lexed.
struct Tag<'a> {
    name: &'a str,
    end: bool,
    self_closing: bool,
    /// It has a `color`, `face` or `size` attribute.
    presentational: bool,
    /// The raw bytes after the name (the formatting list compares them).
    attributes: &'a [u8],
}

#[derive(Default)]
struct Scan {
    /// Interned element names, and the names by id.
    ids: HashMap<String, usize>,
    names: Vec<String>,
    kinds: Vec<Kind>,
    /// Positions in `stack` of each name's open elements, innermost last.
    open: Vec<Vec<usize>>,
    /// The stack of open elements.
    stack: Vec<Entry>,
    /// Positions of open special elements; of those an `li` cannot close
    /// across; of open scope boundaries; of open HTML elements.
    specials: Vec<usize>,
    hard_specials: Vec<usize>,
    boundaries: Vec<usize>,
    html_elements: Vec<usize>,
    /// The list of active formatting elements: identities (name and
    /// attributes) with their number of entries (at most 3 each), each
    /// name's entries innermost last, and their total.
    identities: HashMap<u64, u8>,
    formatting_entries: Vec<Vec<u64>>,
    formatting_total: usize,
    max_depth: usize,
    max_attributes: usize,
    /// Reused buffer of the lowercased name.
    name: String,
}

const WHITESPACE: &[u8] = b"\t\n\x0c\r ";

impl Scan {
    fn run(&mut self, bytes: &[u8]) {
        let mut at = 0;
        while let Some(offset) = memchr(b'<', &bytes[at..]) {
            let start = at + offset + 1;
            at = match bytes.get(start) {
                Some(b'!') if bytes[start + 1..].starts_with(b"--") => comment_end(bytes, start + 3),
                Some(b'!' | b'?') => after_gt(bytes, start),
                Some(b'/') if bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) => {
                    self.tag(bytes, start + 1, true)
                }
                Some(b'/') => after_gt(bytes, start),
                Some(c) if c.is_ascii_alphabetic() => self.tag(bytes, start, false),
                _ => Some(start),
            }
            .unwrap_or(bytes.len());
        }
    }

    /// Lexes the tag whose name starts at `start`, applies it and returns
    /// where the scan goes on (`None`: at the end of the input).
    fn tag(&mut self, bytes: &[u8], start: usize, end: bool) -> Option<usize> {
        let name_end = start
            + bytes[start..]
                .iter()
                .position(|b| WHITESPACE.contains(b) || *b == b'/' || *b == b'>')?;
        let attributes = lex_attributes(bytes, name_end)?;
        let after = attributes.after;
        self.max_attributes = self.max_attributes.max(attributes.count);
        let mut name = std::mem::take(&mut self.name);
        name.clear();
        name.extend(
            bytes[start..name_end]
                .iter()
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        let tag = Tag {
            name: &name,
            end,
            self_closing: attributes.self_closing,
            presentational: attributes.presentational,
            attributes: &bytes[name_end..after],
        };
        let raw_text = self.apply(&tag);
        let resume = if raw_text {
            raw_text_end(bytes, after, name.as_bytes())
        } else if name == "plaintext" && !end {
            None
        } else {
            Some(after)
        };
        self.name = name;
        resume
    }

    /// The id of a foreign (SVG or MathML) element's name: an HTML end tag
    /// never closes one.
    fn foreign_id(&mut self, name: &str) -> usize {
        let mut key = std::mem::take(&mut self.name);
        key.clear();
        key.push('\0');
        key.push_str(name);
        let id = self.id(&key);
        self.name = key;
        id
    }

    fn id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.kinds.len();
        self.kinds.push(Kind {
            special: SPECIAL.contains(&name),
            hard: SPECIAL.contains(&name) && !LIST_ITEM_PASSABLE.contains(&name),
            boundary: SCOPE_BOUNDARY.contains(&name),
            formatting: FORMATTING.contains(&name),
        });
        self.open.push(Vec::new());
        self.formatting_entries.push(Vec::new());
        self.ids.insert(name.to_owned(), id);
        self.names.push(name.to_owned());
        id
    }

    fn innermost(&self, id: usize) -> Option<usize> {
        self.open[id].last().copied()
    }

    /// The innermost open element of any of `names`.
    fn innermost_of(&mut self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .filter_map(|name| {
                let id = self.id(name);
                self.innermost(id)
            })
            .max()
    }

    fn push(&mut self, id: usize) {
        self.push_entry(Entry {
            id,
            namespace: Namespace::Html,
            integration_point: false,
        });
    }

    fn push_entry(&mut self, entry: Entry) {
        let position = self.stack.len();
        self.stack.push(entry);
        self.open[entry.id].push(position);
        // Foreign elements are neither special nor bounds, but integration
        // points are both.
        let kind = match entry.namespace {
            Namespace::Html => self.kinds[entry.id],
            _ => Kind {
                special: entry.integration_point,
                hard: entry.integration_point,
                boundary: entry.integration_point,
                formatting: false,
            },
        };
        for (is, positions) in [
            (kind.special, &mut self.specials),
            (kind.hard, &mut self.hard_specials),
            (kind.boundary, &mut self.boundaries),
            (entry.namespace == Namespace::Html, &mut self.html_elements),
        ] {
            if is {
                positions.push(position);
            }
        }
        self.note_depth();
    }

    /// The name id of the current node.
    fn current(&self) -> Option<usize> {
        self.stack.last().map(|entry| entry.id)
    }

    fn note_depth(&mut self) {
        self.max_depth = self.max_depth.max(self.stack.len() + self.formatting_total);
    }

    /// Closes the elements from `position` up.
    fn pop_to(&mut self, position: usize) {
        while self.stack.len() > position {
            let Some(entry) = self.stack.pop() else { break };
            let top = self.stack.len();
            self.open[entry.id].pop();
            for positions in [
                &mut self.specials,
                &mut self.hard_specials,
                &mut self.boundaries,
                &mut self.html_elements,
            ] {
                if positions.last() == Some(&top) {
                    positions.pop();
                }
            }
        }
    }

    /// Whether an element above `position` is in `positions` (innermost last).
    fn above(positions: &[usize], position: usize) -> bool {
        positions.last().is_some_and(|&top| top > position)
    }

    /// Whether an element at or above `position` is in `positions`.
    fn above_or_at(positions: &[usize], position: usize) -> bool {
        positions.last().is_some_and(|&top| top >= position)
    }

    /// Closes an open `p` in button scope.
    fn close_p(&mut self) {
        let p = self.id("p");
        let button = self.id("button");
        if let Some(position) = self.innermost(p)
            && !Self::above(&self.boundaries, position)
            && self.innermost(button).is_none_or(|b| b < position)
        {
            self.pop_to(position);
        }
    }

    /// Closes the innermost of `names` if no special element, other than
    /// those the rule passes, lies above it.
    fn close_list_item(&mut self, names: &[&str]) {
        if let Some(position) = self.innermost_of(names)
            && !Self::above(&self.hard_specials, position)
        {
            self.pop_to(position);
        }
    }

    /// Closes the innermost `id` if no special element lies above it.
    fn close_unless_special_above(&mut self, id: usize) {
        if let Some(position) = self.innermost(id)
            && !Self::above(&self.specials, position)
        {
            self.pop_to(position);
        }
    }

    /// Adds an entry to the list of active formatting elements (at most three
    /// of one name with the same attributes).
    fn add_formatting(&mut self, id: usize, attributes: &[u8]) {
        let mut hasher = DefaultHasher::new();
        id.hash(&mut hasher);
        attributes.hash(&mut hasher);
        let identity = hasher.finish();
        let count = self.identities.entry(identity).or_insert(0);
        if *count < 3 {
            *count += 1;
            self.formatting_entries[id].push(identity);
            self.formatting_total += 1;
            self.note_depth();
        }
    }

    /// Removes the innermost entry of `id` from the list of active
    /// formatting elements.
    fn remove_formatting(&mut self, id: usize) {
        if let Some(identity) = self.formatting_entries[id].pop() {
            self.formatting_total -= 1;
            if let Some(count) = self.identities.get_mut(&identity) {
                *count -= 1;
            }
        }
    }

    /// Applies one tag to the model; returns whether its content is raw text.
    fn apply(&mut self, tag: &Tag) -> bool {
        if let Some(current) = self.stack.last().copied().filter(|e| e.namespace != Namespace::Html) {
            if tag.end && !matches!(tag.name, "p" | "br") {
                // Closes the innermost foreign element of that name above
                // every HTML element; else the HTML rules apply.
                let id = self.foreign_id(tag.name);
                if let Some(position) = self.innermost(id)
                    && !Self::above_or_at(&self.html_elements, position)
                {
                    self.pop_to(position);
                    return false;
                }
            } else if !current.integration_point {
                // `</p>` and `</br>` end foreign content like HTML start tags.
                let breaks_out =
                    BREAKS_OUT_OF_FOREIGN.contains(&tag.name) || (tag.name == "font" && tag.presentational);
                if !tag.end && !breaks_out {
                    if !tag.self_closing {
                        // Children share their parent's namespace, but for an
                        // `svg` in MathML's `annotation-xml`.
                        let in_annotation = self.name_of(current.id) == "\0annotation-xml";
                        let namespace = match (current.namespace, tag.name) {
                            (Namespace::MathMl, "svg") if in_annotation => Namespace::Svg,
                            (namespace, _) => namespace,
                        };
                        let id = self.foreign_id(tag.name);
                        self.push_entry(Entry {
                            id,
                            namespace,
                            integration_point: is_integration_point(namespace, tag),
                        });
                    }
                    return false;
                }
                // An HTML tag ends the foreign content.
                while self
                    .stack
                    .last()
                    .is_some_and(|e| e.namespace != Namespace::Html && !e.integration_point)
                {
                    self.pop_to(self.stack.len() - 1);
                }
            }
        }
        let id = self.id(tag.name);
        if !tag.end && !self.select_start_tag(tag.name) {
            return false;
        }
        if NEVER_OPEN.contains(&tag.name) {
            return false;
        }
        if tag.end {
            self.end_tag(id, tag.name);
            return false;
        }
        if matches!(tag.name, "svg" | "math") {
            if !tag.self_closing {
                let namespace = if tag.name == "svg" {
                    Namespace::Svg
                } else {
                    Namespace::MathMl
                };
                let id = self.foreign_id(tag.name);
                self.push_entry(Entry {
                    id,
                    namespace,
                    integration_point: false,
                });
            }
            return false;
        }
        if RAW_TEXT.contains(&tag.name) {
            return true;
        }
        if TABLE_PARTS.contains(&tag.name) && self.innermost_of(&["table", "template"]).is_none() {
            return false;
        }
        // Inside a template the parser switches modes by what it meets: a
        // start tag closes nothing there, as far as the model knows.
        let template = self.id("template");
        let closes = self.innermost(template).is_none();
        if closes && CLOSES_P.contains(&tag.name) {
            self.close_p();
        }
        match tag.name {
            _ if !closes => {}
            "li" => self.close_list_item(&["li"]),
            "dd" | "dt" => self.close_list_item(&["dd", "dt"]),
            // A table's parts close what is open back to the table, its body
            // or its row, and the parser inserts a missing body and row.
            "caption" | "colgroup" | "tbody" | "thead" | "tfoot" => {
                if let Some(table) = self.table_context() {
                    self.pop_to(table + 1);
                }
            }
            "tr" => {
                if let Some(table) = self.table_context() {
                    self.clear_to_body(table);
                }
            }
            "td" | "th" => {
                if let Some(table) = self.table_context()
                    && !self.clear_back_to(table, &["tr"])
                {
                    self.clear_to_body(table);
                    let row = self.id("tr");
                    self.push(row);
                }
            }
            "table" => {
                // A table in a table (not in a cell or caption) ends it.
                if let Some(table) = self.table_context()
                    && self
                        .innermost_of(&["td", "th", "caption"])
                        .is_none_or(|cell| cell < table)
                {
                    self.pop_to(table);
                }
            }
            "button" => {
                // A button in scope closes.
                if let Some(button) = self.innermost(id)
                    && !Self::above(&self.boundaries, button)
                {
                    self.pop_to(button);
                }
            }
            "a" | "nobr" => {
                self.remove_formatting(id);
                self.close_unless_special_above(id);
            }
            "option" | "optgroup" => {
                let option = self.id("option");
                if self.current() == Some(option) {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            _ => {}
        }
        if is_heading(tag.name) && self.current().is_some_and(|top| is_heading(self.name_of(top))) {
            self.pop_to(self.stack.len() - 1);
        }
        if self.kinds[id].formatting {
            self.add_formatting(id, tag.attributes);
        }
        self.push(id);
        false
    }

    fn name_of(&self, id: usize) -> &str {
        &self.names[id]
    }

    /// A start tag inside a select (outside a template in it), as html5ever
    /// 0.40 treats it (other elements nest in a select): `select` closes it
    /// (and is dropped), `input` closes it, a table or its parts close a
    /// select inside a table; outside tables a table nests and its parts
    /// alone are dropped. Returns whether the tag goes on to the other rules.
    fn select_start_tag(&mut self, name: &str) -> bool {
        let Some(select) = self.innermost_of(&["select"]) else {
            return true;
        };
        if self
            .innermost_of(&["template"])
            .is_some_and(|template| template > select)
        {
            return true;
        }
        let in_scope = !Self::above(&self.boundaries, select);
        match name {
            "select" if in_scope => {
                self.pop_to(select);
                false
            }
            "input" if in_scope => {
                self.pop_to(select);
                true
            }
            _ if name == "table" || TABLE_PARTS.contains(&name) => {
                let table = self.innermost_of(&["table"]);
                if table.is_some_and(|table| table > select) {
                    // A table inside the select follows its own rules.
                    true
                } else if self.table_context_below(select) {
                    self.pop_to(select);
                    true
                } else {
                    // A table nests in a select; its parts alone are dropped.
                    name == "table"
                }
            }
            _ => true,
        }
    }

    /// Whether the select at `select` is in a table (with no template
    /// between them).
    fn table_context_below(&mut self, select: usize) -> bool {
        let template = self.innermost_of(&["template"]);
        self.innermost_of(&["table"])
            .is_some_and(|table| table < select && template.is_none_or(|template| template < table))
    }

    /// The innermost table, if the parser follows the table's rules: no
    /// template or select is open inside it.
    fn table_context(&mut self) -> Option<usize> {
        let table = self.innermost_of(&["table"])?;
        self.innermost_of(&["template", "select"])
            .is_none_or(|inner| inner < table)
            .then_some(table)
    }

    /// Closes what is open inside the innermost of `names` within `table`,
    /// keeping it; whether there was one.
    fn clear_back_to(&mut self, table: usize, names: &[&str]) -> bool {
        match self.innermost_of(names).filter(|&position| position > table) {
            Some(position) => {
                self.pop_to(position + 1);
                true
            }
            None => false,
        }
    }

    /// Closes what is open inside the table's body, opening the body the
    /// parser inserts if there is none.
    fn clear_to_body(&mut self, table: usize) {
        if !self.clear_back_to(table, &["tbody", "thead", "tfoot"]) {
            self.pop_to(table + 1);
            let body = self.id("tbody");
            self.push(body);
        }
    }

    fn end_tag(&mut self, id: usize, name: &str) {
        let kind = self.kinds[id];
        if name == "p" {
            self.close_p();
        } else if name == "template" {
            // The end of a template closes everything inside it.
            if let Some(position) = self.innermost(id) {
                self.pop_to(position);
            }
        } else if name == "form" {
            // The parser takes the form out of the stack and leaves what is
            // above it open: the model closes it only when it is on top.
            if self.current() == Some(id) {
                self.pop_to(self.stack.len() - 1);
            }
        } else if kind.formatting {
            self.remove_formatting(id);
            self.close_unless_special_above(id);
        } else if kind.special {
            let mut boundary = self.boundaries.last().copied();
            if name == "li" {
                boundary = boundary.max(self.innermost_of(&["ol", "ul"]));
            }
            // Table scope is bounded by tables and templates only: the end of
            // a table or row closes the cells inside it (not across a select,
            // whose content the model does not follow).
            if name == "table" || TABLE_PARTS.contains(&name) {
                // In a select in a table, the end of the table (or of a part
                // open below the select) closes the select first.
                if let Some(select) = self.innermost_of(&["select"])
                    && self.innermost(id).is_some_and(|part| part < select)
                    && self.table_context_below(select)
                {
                    self.pop_to(select);
                }
            }
            if name == "table" {
                boundary = self.innermost_of(&["template", "select"]);
            } else if TABLE_PARTS.contains(&name) {
                // In a template but no table inside it, the parser may have
                // ignored the part: its end closes nothing.
                boundary = self.innermost_of(&["table", "template", "select"]);
                if self.innermost_of(&["template"]) == boundary {
                    return;
                }
            }
            // Any heading's end tag closes the innermost heading.
            let position = if is_heading(name) {
                self.innermost_of(&["h1", "h2", "h3", "h4", "h5", "h6"])
            } else {
                self.innermost(id)
            };
            if let Some(position) = position
                && boundary.is_none_or(|boundary| boundary <= position)
            {
                self.pop_to(position);
            }
        } else {
            self.close_unless_special_above(id);
        }
    }
}

/// Whether a foreign element holds HTML (an HTML integration point or a
/// MathML text integration point). `annotation-xml` never does here:
/// scraper's tree sink does not mark it (html5ever asks the sink).
fn is_integration_point(namespace: Namespace, tag: &Tag) -> bool {
    match namespace {
        Namespace::Svg => matches!(tag.name, "foreignobject" | "desc" | "title"),
        Namespace::MathMl => matches!(tag.name, "mi" | "mo" | "mn" | "ms" | "mtext"),
        Namespace::Html => false,
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// After the `>` at or after `from`.
fn after_gt(bytes: &[u8], from: usize) -> Option<usize> {
    memchr(b'>', bytes.get(from..)?).map(|offset| from + offset + 1)
}

/// After a comment whose text starts at `from`: at `-->` or `--!>` (or at
/// once for `<!-->` and `<!--->`).
fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = from;
    loop {
        let gt = at + memchr(b'>', &bytes[at..])?;
        let before = &bytes[from..gt];
        if before.ends_with(b"--") || before.ends_with(b"--!") {
            return Some(gt + 1);
        }
        at = gt + 1;
    }
}

/// What [`lex_attributes`] found of a tag.
struct Attributes {
    count: usize,
    /// The tag closes itself (`/>`).
    self_closing: bool,
    /// Where the tag ends (after its `>`).
    after: usize,
    /// An attribute `color`, `face` or `size` (a `font` with one ends
    /// foreign content).
    presentational: bool,
}

/// Lexes the attributes of a tag from `at` (just after its name) to its
/// `>`; `None` if the input ends inside the tag.
fn lex_attributes(bytes: &[u8], mut at: usize) -> Option<Attributes> {
    let mut count = 0;
    let mut presentational = false;
    let end = |after, self_closing, count, presentational| {
        Some(Attributes {
            count,
            self_closing,
            after,
            presentational,
        })
    };
    let skip = |at: &mut usize, set: &[u8]| {
        while bytes.get(*at).is_some_and(|b| set.contains(b)) {
            *at += 1;
        }
    };
    loop {
        skip(&mut at, WHITESPACE);
        match *bytes.get(at)? {
            b'>' => return end(at + 1, false, count, presentational),
            b'/' if bytes.get(at + 1) == Some(&b'>') => return end(at + 2, true, count, presentational),
            b'/' => {
                at += 1;
                continue;
            }
            _ => {}
        }
        // An attribute: its name (a first `=` belongs to it), then maybe a value.
        count += 1;
        let name_start = at;
        at += 1;
        while bytes
            .get(at)
            .is_some_and(|b| !WHITESPACE.contains(b) && !matches!(b, b'/' | b'>' | b'='))
        {
            at += 1;
        }
        let name = &bytes[name_start..at];
        presentational |= [&b"color"[..], b"face", b"size"]
            .iter()
            .any(|known| name.eq_ignore_ascii_case(known));
        skip(&mut at, WHITESPACE);
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        skip(&mut at, WHITESPACE);
        match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => at += 1 + memchr(quote, &bytes[at + 1..])? + 1,
            _ => {
                while bytes.get(at).is_some_and(|b| !WHITESPACE.contains(b) && *b != b'>') {
                    at += 1;
                }
            }
        }
    }
}

/// After the end tag `</name` that ends raw text starting at `from`
/// (`None`: the text runs to the end of the input).
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let finder = memmem::Finder::new(b"</");
    let mut at = from;
    loop {
        let open = at + finder.find(&bytes[at..])?;
        let name_at = open + 2;
        let after = name_at + name.len();
        if bytes
            .get(name_at..after)
            .is_some_and(|candidate| candidate.eq_ignore_ascii_case(name))
            && bytes
                .get(after)
                .is_some_and(|b| WHITESPACE.contains(b) || matches!(b, b'/' | b'>'))
        {
            return Some(after);
        }
        at = name_at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>通报</title></head><body>{body}</body></html>")
    }

    fn depth(body: &str) -> usize {
        measure(&page(body)).depth
    }

    #[test]
    fn nesting_past_the_limit_is_too_complex() {
        // html, head and body are opened once by the parser and not counted:
        // the depth is the number of divs.
        let nested = |n: usize| page(&format!("{}整改{}", "<div>".repeat(n), "</div>".repeat(n)));
        assert_eq!(measure(&nested(MAX_DEPTH)).depth, MAX_DEPTH);
        assert!(check(&nested(MAX_DEPTH)).is_ok());
        let error = check(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(error.code(), "too_complex");
        assert_eq!(
            error.to_string(),
            "the page is too complex to parse: it nests elements 513 deep, more than the limit of 512"
        );
    }

    #[test]
    fn a_tag_with_too_many_attributes_is_too_complex() {
        let tag = |n: usize| page(&format!("<div {}>整改</div>", "a=1 ".repeat(n)));
        assert_eq!(measure(&tag(3)).attributes, 3);
        assert!(check(&tag(MAX_ATTRIBUTES)).is_ok());
        let error = check(&tag(MAX_ATTRIBUTES + 1)).unwrap_err();
        assert_eq!(error.code(), "too_complex");
        assert!(
            error
                .to_string()
                .ends_with("a tag has 513 attributes, more than the limit of 512")
        );
        // Values of every kind: quoted (with blanks and `>`), unquoted, none.
        assert_eq!(
            measure(r#"<img src="a b>c" alt='x' width=3 hidden data-x = "y">"#).attributes,
            5
        );
    }

    #[test]
    fn raw_text_comments_and_values_hold_no_tags() {
        let divs = "<div>".repeat(2 * MAX_DEPTH);
        assert_eq!(depth(&format!("<script>var s = '{divs}';</script>")), 0);
        assert_eq!(
            depth(&format!("<style>/* {divs} */</style><textarea>{divs}</textarea>")),
            0
        );
        assert_eq!(depth(&format!("<!-- {divs} --><img alt=\"{divs}\">")), 0);
        // `</script` ends a script whatever its case; what follows counts.
        assert_eq!(depth("<SCRIPT>'<div>'</ScRiPt ><div><div>"), 2);
    }

    #[test]
    fn implicitly_closed_elements_do_not_nest() {
        let n = 4 * MAX_DEPTH;
        // Each <p> closes the one before.
        assert_eq!(depth(&"<p>整改".repeat(n)), 1);
        // <ul>, <li> closing the one before, <a> closing the one before;
        // plus the one <a> in the list of active formatting elements.
        assert_eq!(depth(&format!("<ul>{}</ul>", "<li><a href=x>整改".repeat(n))), 3 + 1);
        // One row of cells: table, the implied tbody, tr, one td.
        assert_eq!(depth(&format!("<table><tr>{}</table>", "<td>整改".repeat(n))), 4);
        // An unclosed <font> in every paragraph: the paragraph's end closes
        // it, and the parser reopens at most three of the same kind.
        assert_eq!(depth(&"<p><font face=\"宋体\">整改</p>".repeat(n)), 3 + 2);
    }

    #[test]
    fn what_the_parser_keeps_open_counts() {
        // An end tag does not close across a div: every span stays open.
        assert_eq!(depth(&"<span><div>整改</span>".repeat(300)), 600);
        // Unclosed formatting elements nest (plus three of each in the
        // list of active formatting elements).
        assert_eq!(depth(&"<b><i>整改".repeat(300)), 600 + 6);
        // Foreign content nests whatever the names; self-closed tags do not.
        assert_eq!(depth(&format!("<svg>{}", "<g><tr>".repeat(300))), 601);
        assert_eq!(depth(&format!("<svg>{}</svg>", "<path d=\"M0 0\"/>".repeat(3000))), 1);
    }
}
