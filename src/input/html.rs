//! Saved web pages → the notice's text.
//!
//! Consumes a decoded HTML page; produces the text of its content — paragraph
//! breaks kept (`<p>`, `<br>`, `<div>` …), entities and `&nbsp;` decoded,
//! full-width indentation stripped — without scripts, styles and the
//! elements whose names or classes say navigation, breadcrumbs, footers or
//! share/print widgets. Furniture written as plain text (release lines,
//! metadata tables) stays for the furniture pass (`outline::furniture`),
//! which also finds the page's release date. The
//! page is parsed by html5ever (through `scraper`) and walked without
//! recursion, so deeply nested pages cannot overflow the stack; pages that
//! would take html5ever more than linear time are refused first
//! ([`super::complexity`]).

use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};

use super::decode::supported_encoding;
use crate::error::Result;

/// Whether the bytes look like an HTML page (a tag near the start).
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.contains(&b'<') {
        return false;
    }
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|window| window == needle);
    contains(b"<!doctype html") || contains(b"<html") || contains(b"<body") || contains(b"<head")
}

/// The charset a page declares in its first 2 KiB (`<meta charset=…>` or
/// `content="text/html; charset=…"`), if it is one the contract knows.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|window| window == b"charset=")? + 8;
    let label: String = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        .map(|&b| b as char)
        .collect();
    supported_encoding(&label)
}

/// Elements whose content is never notice text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside", "form", "button",
    "select", "option", "iframe", "svg", "canvas", "object", "embed", "input", "textarea", "map",
];

/// Elements that end a line of text.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "hr",
    "main",
    "tbody",
    "thead",
    "caption",
    "figure",
    "figcaption",
];

/// Class or id words of page chrome (matched against whole words of the
/// attribute, split at blanks, `-` and `_`).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "footer",
    "foot",
    "share",
    "print",
    "toolbar",
    "tools",
    "sidebar",
    "position",
    "location",
    "copyright",
    "search",
    "login",
    "bdshare",
    "jiathis",
    "qrcode",
    "ewm",
    "fenxiang",
    "dayin",
    "related",
    "pager",
    "pagination",
];

fn is_chrome(element: &scraper::node::Element) -> bool {
    ["class", "id"]
        .iter()
        .filter_map(|name| element.attr(name))
        .any(|value| {
            value
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|word| CHROME_WORDS.contains(&word.to_ascii_lowercase().as_str()))
        })
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Appends a text node: blank runs with a line break inside (source line
/// wrapping) vanish between CJK chars and become a space elsewhere; other
/// blank runs become one space.
fn push_text(out: &mut String, text: &str) {
    let mut pending_blank: Option<bool> = None;
    for c in text.chars() {
        if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
            let has_break = c == '\n' || c == '\r';
            pending_blank = Some(pending_blank.unwrap_or(false) || has_break);
            continue;
        }
        if let Some(had_break) = pending_blank.take() {
            let previous_cjk = out.chars().next_back().is_some_and(is_cjk);
            let at_line_start = out.is_empty() || out.ends_with('\n');
            let wrapped_cjk = had_break && previous_cjk && is_cjk(c);
            if !at_line_start && !wrapped_cjk {
                out.push(' ');
            }
        }
        out.push(c);
    }
    if pending_blank.is_some() && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
}

/// Extracts the text of a page, one line per block, without the elements
/// that are never notice text (scripts, navigation, elements whose class
/// names chrome); the furniture that remains (release lines, metadata
/// tables, toolbars written as plain text) is left to the furniture pass,
/// which reads text copies the same way. A page nested too deeply or with a
/// tag of too many attributes is a `too_complex` error.
pub fn page_text(html: &str) -> Result<String> {
    super::complexity::check(html)?;
    let document = Html::parse_document(html);
    let mut raw = String::with_capacity(html.len() / 2);
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let name = element.name();
                        if SKIPPED_ELEMENTS.contains(&name) || is_chrome(element) {
                            skipping = Some(node.id());
                        } else if BLOCK_ELEMENTS.contains(&name) && !raw.ends_with('\n') {
                            raw.push('\n');
                        } else if matches!(name, "td" | "th") && !raw.ends_with(['\n', ' ']) {
                            raw.push(' ');
                        }
                    }
                    Node::Text(text) => push_text(&mut raw, text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(element) = node.value()
                    && BLOCK_ELEMENTS.contains(&element.name())
                    && !raw.ends_with('\n')
                {
                    raw.push('\n');
                }
            }
        }
    }
    let mut text = String::with_capacity(raw.len());
    for line in raw.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if !line.is_empty() {
            text.push_str(line);
            text.push('\n');
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>通报 - 某市纪委监委</title>
<script>var x = "巡察组 3人";</script><style>p { color: red }</style></head>
<body><div class="top-nav"><a href="/">首页</a><a>巡视巡察</a></div>
<div class="breadcrumb">首页 &gt; 巡视巡察 &gt; 巡视整改</div>
<div class="article"><h1>中共某局党组关于巡察整改进展情况的通报</h1>
<div class="info">发布时间：2024-05-04 10:00:00　来源：某局　浏览量：1024</div>
<p>&nbsp;&nbsp;　　根据市委统一部署，市委第一巡察组对某局党组进行了巡察。</p>
<p>　　在巡察整改工作中，教育提醒3人，<br>建立完善制度8项。</p>
<p>一、关于“甲”问题的
整改情况</p></div>
<div class="share-bar">分享到：微信 微博</div><p>【打印】【关闭】</p>
<footer>版权所有 某市 ICP备12345号</footer></body></html>"#;

    #[test]
    fn keeps_the_text_and_drops_the_chrome_elements() {
        let text = page_text(PAGE).unwrap();
        // Navigation, breadcrumb, share bar and footer are gone with their
        // elements; the release line and the toolbar paragraph are plain
        // text, left to the furniture pass.
        assert_eq!(
            text,
            "中共某局党组关于巡察整改进展情况的通报\n发布时间：2024-05-04 10:00:00　来源：某局　浏览量：1024\n根据市委统一部署，市委第一巡察组对某局党组进行了巡察。\n在巡察整改工作中，教育提醒3人，\n建立完善制度8项。\n一、关于“甲”问题的整改情况\n【打印】【关闭】\n"
        );
    }

    #[test]
    fn sniffs_pages_and_their_charsets() {
        assert!(sniff(PAGE.as_bytes()));
        assert!(!sniff("根据市委统一部署 <3人".as_bytes()));
        assert_eq!(
            declared_charset(br#"<meta charset="gb2312">"#),
            Some(encoding_rs::GB18030)
        );
        assert_eq!(
            declared_charset(br#"<meta http-equiv="Content-Type" content="text/html; charset=big5">"#),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // As deep as the limit lets a page be.
        let depth = super::super::complexity::MAX_DEPTH - 5;
        let page = format!(
            "<html><body>{}整改{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert!(page_text(&page).unwrap().contains("整改"));
    }
}
