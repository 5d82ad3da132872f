//! The annotate page's templates: the text with its marks, and the panel.
//!
//! Written through maud templates, which escape every spliced value, so
//! nothing a notice says can become markup; the style sheet and the script
//! are the program's own constants. The page loads nothing (no fonts,
//! scripts or images from elsewhere) and works without its script, which
//! only highlights every piece of the mark a link names and shows, on a
//! click, what was extracted at that place.
//!
//! The text is written as it is (`white-space: pre-wrap`), inside marks and
//! out, and nothing else goes into its element: the element's text is the
//! record's text, character for character (a carriage return is written as
//! `&#13;`, which the HTML parser would otherwise turn into a line feed).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::locate::Located;
use super::marks::{Kind, Mark, Marks, date_value};
use super::nest::{Piece, nest};
use crate::compare::columns::METRICS;
use crate::compare::format::Reading;
use crate::emit::csv::enum_text;
use crate::record::{Date, Issue, Node, Number, Record, Script, Span};

/// The page's style sheet, without the kind toggles ([`toggle_style`]).
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; color: #1f2328; background: #fff;
  font: 14px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans", sans-serif; }
:lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans", sans-serif; }
header.page { padding: 14px 24px 10px; border-bottom: 1px solid #d0d7de; }
header.page h1 { font-size: 20px; margin: 0 0 4px; }
header.page p { margin: 0; color: #57606a; overflow-wrap: anywhere; }
.layout { display: flex; align-items: flex-start; gap: 24px; padding: 16px 24px; }
main { flex: 1 1 auto; min-width: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 16px; line-height: 2; max-width: 46em; }
aside { flex: 0 0 420px; width: 420px; position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
  padding: 8px 12px 24px; border-left: 1px solid #d0d7de; font-size: 13px; overflow-wrap: anywhere; }
aside h2 { font-size: 15px; margin: 18px 0 6px; border-bottom: 1px solid #eaeef2; padding-bottom: 2px; }
aside ul, aside ol { margin: 4px 0; padding-left: 20px; }
aside li { margin: 2px 0; }
aside table { border-collapse: collapse; width: 100%; }
aside th, aside td { text-align: left; vertical-align: top; padding: 2px 6px 2px 0; border-bottom: 1px solid #eaeef2; }
aside th { font-weight: 600; white-space: nowrap; }
a { color: #0969da; text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: #57606a; }
.badge { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 5px; border-radius: 8px;
  background: #eaeef2; color: #424a53; margin-left: 4px; white-space: nowrap; }
.sev-warning { background: #fff1c2; color: #7d4e00; }
.sev-error { background: #ffd8d3; color: #a40e26; }
#inspector { min-height: 40px; padding: 6px 8px; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }
#inspector .entry { margin: 4px 0; }
#inspector .lines { white-space: pre-line; }
.legend { display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; }
.legend label { display: flex; align-items: center; gap: 4px; cursor: pointer; }
.legend .count { color: #57606a; margin-left: auto; }
.tree ul { padding-left: 16px; }
.measures { list-style: decimal; }
mark { background: none; color: inherit; padding: 0; border-bottom: 2px solid transparent;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark[data-mark] { cursor: pointer; }
mark[data-kind="issue"] { background: #ffe3e0; border-bottom-color: #d1242f; font-weight: 600; }
mark[data-kind="measure"] { background: #d9f7e0; border-bottom-color: #1a7f37; border-left: 3px solid #1a7f37;
  -webkit-box-decoration-break: slice; box-decoration-break: slice; }
mark[data-kind="measure"].cont { border-left: none; }
mark[data-kind="finding"] { background: #fff0eb; border-bottom: 2px dashed #bc4c00; }
mark[data-kind="status"] { background: #fff3b0; outline: 1px solid #9a6700; }
mark[data-kind="heading"] { border-bottom: 2px dotted #57606a; font-weight: 600; }
mark[data-kind="quantity"] { background: #ffe9a8; border-bottom-color: #bf8700; }
mark[data-kind="date"] { background: #dcefff; border-bottom-color: #0969da; }
mark[data-kind="document"] { background: #f3e8ff; border-bottom-color: #8250df; }
mark[data-kind="metric"] { border-bottom: 3px double #bc4c00; }
mark[data-kind="contact"] { background: #d3f5ee; border-bottom-color: #1b7c83; }
mark[data-kind="furniture"] { color: #6e7781; background: repeating-linear-gradient(135deg, #f6f8fa 0 6px, #eaeef2 6px 12px); }
mark[data-kind="genre"] { border-bottom: 2px solid #fb8f44; }
mark[data-kind="diagnostic"] { text-decoration: underline wavy #cf222e; text-underline-offset: 4px; }
mark.swatch { display: inline-block; min-width: 2.2em; text-align: center; font-size: 12px; line-height: 18px; }
mark[data-mark]:hover { outline: 1px solid #57606a; }
mark.current, mark:target { outline: 2px solid #0969da; outline-offset: 1px; }
@media (max-width: 900px) {
  .layout { display: block; }
  aside { position: static; width: auto; max-height: none; overflow: visible; border-left: none; padding: 0; }
}
@media print {
  body { font-size: 10pt; }
  .layout { display: block; padding: 0; }
  .text { max-width: none; font-size: 11pt; line-height: 1.8; }
  aside { position: static; width: auto; max-height: none; overflow: visible; border: none; padding: 0; margin-top: 16px; }
  .inspector, .legend input { display: none; }
  mark, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  aside h2 { break-after: avoid; }
  aside li, aside tr { break-inside: avoid; }
}
"#;

/// The page's script: the program's own text (no notice text goes in).
const SCRIPT: &str = r#"
(function () {
  "use strict";
  // Every piece of the mark the address names is highlighted.
  var current = [];
  function highlight() {
    current.forEach(function (mark) { mark.classList.remove("current"); });
    current = [];
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    document.querySelectorAll("mark[data-mark]").forEach(function (mark) {
      if (mark.getAttribute("data-mark") === id) {
        mark.classList.add("current");
        current.push(mark);
      }
    });
  }
  window.addEventListener("hashchange", highlight);
  highlight();
  // A click in the text shows what was extracted there, innermost first.
  var inspector = document.getElementById("inspector");
  var text = document.querySelector(".text");
  if (!inspector || !text) { return; }
  text.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-mark]");
    if (!mark) { return; }
    inspector.textContent = "";
    while (mark) {
      var entry = document.createElement("div");
      entry.className = "entry";
      var swatch = document.createElement("mark");
      swatch.className = "swatch";
      swatch.setAttribute("data-kind", mark.getAttribute("data-kind"));
      swatch.textContent = mark.getAttribute("data-kind");
      var lines = document.createElement("div");
      lines.className = "lines";
      lines.textContent = mark.getAttribute("title");
      entry.appendChild(swatch);
      entry.appendChild(lines);
      inspector.appendChild(entry);
      mark = mark.parentElement.closest("mark[data-mark]");
    }
  });
})();
"#;

/// The rules that hide a kind's marks when its legend box is unticked
/// (CSS alone: the page needs no script for it).
fn toggle_style() -> String {
    let mut style = String::new();
    for kind in Kind::ALL {
        let name = kind.name();
        let _ = writeln!(
            style,
            "body:has(#show-{name}:not(:checked)) mark[data-kind=\"{name}\"]:not(.swatch) \
             {{ background: none; border-bottom-color: transparent; outline: none; \
             text-decoration: none; font-weight: inherit; color: inherit; }}"
        );
    }
    style
}

/// The whole page of `record`, whose text is `text`.
pub fn page(record: &Record, text: &str, marks: &Marks, located: &Located) -> String {
    let heading = record
        .title
        .clone()
        .or_else(|| record.source.path.clone())
        .unwrap_or_else(|| "standard input".to_owned());
    // The text's script is known; the record's text fields are in the one
    // --to asked for, which the record does not name: plain `zh` for them.
    let lang = match record.source.script {
        Some(Script::Traditional) => "zh-Hant",
        _ => "zh-Hans",
    };
    let ranges = byte_ranges(text, marks.marks.iter().map(|mark| mark.span));
    let pieces = nest(text.len(), &ranges);
    let page = html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { "annotate · " (heading) } "\n"
                style { (PreEscaped(STYLE)) (PreEscaped(toggle_style())) } "\n"
            }
            "\n"
            body {
                "\n"
                header.page {
                    h1 lang="zh" { (heading) } "\n"
                    p { (source_line(record)) } "\n"
                    p { (counts_line(record, marks)) } "\n"
                }
                "\n"
                div.layout {
                    "\n"
                    main {
                        div.text lang=(lang) { (pieces_markup(text, &pieces, &marks.marks)) }
                    }
                    "\n"
                    aside #panel lang="en" {
                        "\n"
                        (panel(record, marks, located, "zh"))
                    }
                    "\n"
                }
                "\n"
                script { (PreEscaped(SCRIPT)) } "\n"
            }
            "\n"
        }
        "\n"
    };
    page.into_string()
}

/// The byte ranges of `spans` (code points) in `text`; a span past the
/// text's end becomes a reversed range, which [`nest`] leaves out.
fn byte_ranges(text: &str, spans: impl Iterator<Item = Span> + Clone) -> Vec<Range<usize>> {
    let mut wanted: Vec<usize> = spans.clone().flat_map(|span| [span.start, span.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes: HashMap<usize, usize> = HashMap::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    let boundaries = text.char_indices().map(|(byte, _)| byte).chain([text.len()]);
    for (chars, byte) in boundaries.enumerate() {
        if next.peek().is_some_and(|&&point| point == chars) {
            next.next();
            bytes.insert(chars, byte);
        }
    }
    spans
        .map(|span| match (bytes.get(&span.start), bytes.get(&span.end)) {
            (Some(&start), Some(&end)) => start..end,
            _ => Range { start: 1, end: 0 },
        })
        .collect()
}

/// The text and its marks, as nested elements.
fn pieces_markup(text: &str, pieces: &[Piece], marks: &[Mark]) -> Markup {
    html! {
        @for piece in pieces {
            @match piece {
                Piece::Text(range) => (text_run(&text[range.clone()])),
                Piece::Mark { mark, first, children } => {
                    @let mark = &marks[*mark];
                    mark id=[first.then_some(mark.id.as_str())] class=[(!first).then_some("cont")]
                        data-mark=(mark.id) data-kind=(mark.kind.name()) title=(mark.details.join("\n")) {
                        (pieces_markup(text, children, marks))
                    }
                }
            }
        }
    }
}

/// A run of text, escaped, with each carriage return as `&#13;`.
fn text_run(run: &str) -> Markup {
    html! {
        @for (index, part) in run.split('\r').enumerate() {
            @if index > 0 { (PreEscaped("&#13;")) }
            (part)
        }
    }
}

/// `corpus/a.txt · utf-8 text · traditional · 3598 characters`.
fn source_line(record: &Record) -> String {
    let source = &record.source;
    let mut parts = vec![source.path.clone().unwrap_or_else(|| "standard input".to_owned())];
    parts.extend(
        [source.encoding.clone(), source.format.clone()]
            .into_iter()
            .flatten()
            .reduce(|encoding, format| format!("{encoding} {format}")),
    );
    parts.extend(source.script.map(|script| enum_text(&script)));
    parts.extend(source.chars.map(|chars| format!("{chars} characters")));
    parts.extend(source.page_date.as_ref().map(|date| format!("page date {date}")));
    parts.join(" · ")
}

/// `5 issues · 13 measures · 25 quantities …`: what the record holds.
fn counts_line(record: &Record, marks: &Marks) -> String {
    let measures: usize = record.issues.iter().map(|issue| issue.measures.len()).sum();
    let furniture = marks.marks.iter().filter(|mark| mark.kind == Kind::Furniture).count();
    [
        (record.issues.len(), "issue", "issues"),
        (measures, "measure", "measures"),
        (record.quantities.len(), "quantity", "quantities"),
        (record.dates.len(), "date", "dates"),
        (record.documents.len(), "document", "documents"),
        (record.metrics.len(), "metric", "metrics"),
        (record.diagnostics.len(), "diagnostic", "diagnostics"),
        (furniture, "piece of furniture", "pieces of furniture"),
    ]
    .iter()
    .map(|&(count, one, many)| crate::compare::format::counted(count, one, many))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// `#id`, the address of a mark.
fn to(anchor: &str) -> String {
    format!("#{anchor}")
}

fn panel(record: &Record, marks: &Marks, located: &Located, lang: &str) -> Markup {
    html! {
        section.inspector {
            h2 { "At the mark clicked" } "\n"
            div #inspector {
                span.muted { "Click a mark in the text: what was extracted there shows here, innermost first (hovering shows it too)." }
            }
        }
        "\n"
        section {
            h2 { "Marks" } "\n"
            div.legend {
                @for kind in Kind::ALL {
                    @let count = marks.marks.iter().filter(|mark| mark.kind == kind).count();
                    label title=(kind.caption()) {
                        input #{"show-" (kind.name())} type="checkbox" checked;
                        mark.swatch data-kind=(kind.name()) { (kind.label()) }
                        span.count { (count) }
                    }
                    "\n"
                }
            }
            @if located.furniture.is_empty() {
                p.muted { "No page furniture: the rules read the whole text." }
            }
        }
        "\n"
        (facts(record, marks, lang))
        (outline(&record.outline, marks, lang))
        (issues(&record.issues, marks, lang))
        (metrics(record, marks))
        section {
            h2 { "Genre" } "\n"
            p {
                strong { (enum_text(&record.genre.kind)) } ": " (record.genre.kind.description())
            }
            @if !record.genre.evidence.is_empty() {
                p lang=(lang) {
                    "Cues: "
                    @for (index, evidence) in record.genre.evidence.iter().enumerate() {
                        @if index > 0 { ", " }
                        a href=(to(&format!("g-{index}"))) { (evidence.cue) }
                    }
                }
            }
        }
        "\n"
        section {
            h2 { "Diagnostics" } "\n"
            @if record.diagnostics.is_empty() {
                p.muted { "None." }
            } @else {
                ul {
                    @for (index, diagnostic) in record.diagnostics.iter().enumerate() {
                        li {
                            span class={"badge sev-" (enum_text(&diagnostic.severity))} { (enum_text(&diagnostic.severity)) }
                            " " code { (diagnostic.code) } ": " (diagnostic.message)
                            @if diagnostic.span.is_some() {
                                " " a href=(to(&format!("x-{index}"))) { "→ in the text" }
                            } @else {
                                span.muted { " (about the whole input)" }
                            }
                        }
                        "\n"
                    }
                }
            }
        }
        "\n"
        section {
            h2 { "Contacts" } "\n"
            @if located.contacts.is_empty() {
                p.muted { "None." }
            } @else {
                ul lang=(lang) {
                    @for (index, contact) in located.contacts.iter().enumerate() {
                        li {
                            (contact.kind) ": "
                            @if contact.span.is_some() {
                                a href=(to(&format!("c-{index}"))) { (contact.value) }
                            } @else {
                                (contact.value)
                                span.muted { " (not in the text as written here: not marked)" }
                            }
                        }
                    }
                }
            }
        }
        "\n"
    }
}

/// A link to the mark of a date of the notice, with its ISO value.
fn date_link(date: Option<&Date>, anchor: Option<&String>) -> Markup {
    html! {
        @match (date, anchor) {
            (Some(date), Some(anchor)) => {
                a href=(to(anchor)) { (date.text) } " " span.muted { (date_value(date)) }
            }
            (Some(date), None) => {
                (date.text) " " span.muted { (date_value(date)) }
            }
            (None, _) => span.muted { "not stated" },
        }
    }
}

fn facts(record: &Record, marks: &Marks, lang: &str) -> Markup {
    let inspection = &record.inspection;
    let text_rows = [
        ("publisher", &record.publisher),
        ("inspection", &inspection.kind),
        ("body", &inspection.body),
        ("round", &inspection.round),
        ("target", &inspection.target),
    ];
    let date_rows = [
        ("published", record.published.as_ref()),
        ("period", inspection.period.as_ref()),
        ("feedback", inspection.feedback.as_ref()),
    ];
    html! {
        section {
            h2 { "Facts" } "\n"
            table {
                @for (name, value) in text_rows {
                    tr {
                        th { (name) }
                        td lang=(lang) {
                            @match value {
                                Some(value) => (value),
                                None => span.muted { "not stated" },
                            }
                        }
                    }
                    "\n"
                }
                @for (name, date) in date_rows {
                    tr {
                        th { (name) }
                        td lang=(lang) { (date_link(date, marks.notice_dates.get(name))) }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

fn outline(nodes: &[Node], marks: &Marks, lang: &str) -> Markup {
    html! {
        section {
            h2 { "Outline" } "\n"
            @if nodes.is_empty() {
                p.muted { "No headings found." }
            } @else {
                div.tree lang=(lang) { (outline_list(nodes, marks)) }
            }
        }
        "\n"
    }
}

fn outline_list(nodes: &[Node], marks: &Marks) -> Markup {
    html! {
        ul {
            @for node in nodes {
                li {
                    @let label = html! { (node.marker) " " (node.heading) };
                    @match marks.nodes.get(&node.id) {
                        Some(anchor) => a href=(to(anchor)) { (label) },
                        None => (label),
                    }
                    span.badge { (enum_text(&node.kind)) }
                    @if !node.children.is_empty() {
                        (outline_list(&node.children, marks))
                    }
                }
                "\n"
            }
        }
    }
}

fn issues(issues: &[Issue], marks: &Marks, lang: &str) -> Markup {
    html! {
        section {
            h2 { "Issues" } "\n"
            @if issues.is_empty() {
                p.muted { "No issues found." }
            }
            @for (index, issue) in issues.iter().enumerate() {
                div.issue lang=(lang) {
                    p {
                        @let label = issue.problem.as_deref().unwrap_or(&issue.heading);
                        strong { "Issue " (issue.id) ". " }
                        @if marks.nodes.contains_key(&issue.node) {
                            a href=(to(&format!("i-{index}"))) { (label) }
                        } @else {
                            (label)
                        }
                        @match (issue.status, issue.status_span) {
                            (Some(status), Some(_)) => a.badge href=(to(&format!("s-{index}"))) { (enum_text(&status)) },
                            (Some(status), None) => span.badge { (enum_text(&status)) },
                            (None, _) => span.badge { "status not stated" },
                        }
                    }
                    @if issue.measures.is_empty() {
                        p.muted { "No measures found." }
                    } @else {
                        ol.measures {
                            @for (number, measure) in issue.measures.iter().enumerate() {
                                li { a href=(to(&format!("m-{index}-{number}"))) { (measure.title) } }
                            }
                        }
                    }
                    @if !issue.findings.is_empty() {
                        p.muted { "Findings:" }
                        ul {
                            @for (number, finding) in issue.findings.iter().enumerate() {
                                li { a href=(to(&format!("p-{index}-{number}"))) { (finding.text) } }
                            }
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// A value of metric `key` (or of one of its parts) for reading, as the
/// comparison shows it (87.5%, 66.57万元), a count with its unit (3人).
fn metric_value(key: &str, value: Number, unit: &str) -> String {
    match METRICS.iter().find(|column| column.key == key) {
        Some(column) if column.reading == Reading::Plain => format!("{}{unit}", column.format(value)),
        Some(column) => column.format(value),
        None => format!("{value}{unit}"),
    }
}

fn metrics(record: &Record, marks: &Marks) -> Markup {
    html! {
        section {
            h2 { "Metrics" } "\n"
            @if record.metrics.is_empty() {
                p.muted { "None stated." }
            } @else {
                table {
                    @for (key, metric) in &record.metrics {
                        tr {
                            th {
                                (key)
                                @if let Some(column) = METRICS.iter().find(|column| column.key == key) {
                                    br; span.muted { (column.caption) }
                                }
                            }
                            td {
                                @match marks.metrics.get(key) {
                                    Some(anchor) => a href=(to(anchor)) { (metric_value(key, metric.value, &metric.unit)) },
                                    None => (metric_value(key, metric.value, &metric.unit)),
                                }
                                @if let Some(parts) = &metric.parts {
                                    @let anchors = marks.parts.get(key);
                                    ul {
                                        @for (number, part) in parts.iter().enumerate() {
                                            li {
                                                @let label = html! { (part.label) " " (metric_value(key, part.value, &metric.unit)) };
                                                @match anchors.and_then(|anchors| anchors.get(number)).cloned().flatten() {
                                                    Some(anchor) => a href=(to(&anchor)) { (label) },
                                                    None => (label),
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        "\n"
                    }
                }
            }
        }
        "\n"
    }
}
