//! The HTML pre-scan's depth estimate keeps up with html5ever: on random
//! tag soup of the elements real pages are made of (blocks, lists, tables,
//! formatting elements, unclosed and stray tags, scripts holding tags), the
//! deepest element of the parsed tree is never far deeper than the estimate.
//! An estimate far below the parser's depth would let a page through that
//! takes html5ever quadratic time. The tree's depth is not quite the
//! parser's stack depth (the adoption agency moves nodes under new
//! formatting elements), hence the margin.

use proptest::prelude::*;
use scraper::Html;
use zhenggai::input::complexity::measure;

/// Elements of the parsed page (html and body included) above its deepest node.
fn tree_depth(html: &str) -> usize {
    let document = Html::parse_document(html);
    document
        .tree
        .root()
        .descendants()
        .map(|node| node.ancestors().filter(|a| a.value().is_element()).count())
        .max()
        .unwrap_or(0)
}

const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<ol>",
    "</ol>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<a href=1>",
    "<a>",
    "</a>",
    "<span>",
    "</span>",
    "<table>",
    "</table>",
    "<tbody>",
    "</tbody>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    "<font color=red>",
    "<font face=宋体>",
    "</font>",
    "<font>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h2>",
    "<dd>",
    "<dt>",
    "<dl>",
    "</dl>",
    "<form>",
    "</form>",
    "<em>",
    "<strong>",
    "</strong>",
    "<center>",
    "</center>",
    "<pre>",
    "</pre>",
    "<x>",
    "</x>",
    "<img src=a.png>",
    "<br>",
    "<br/>",
    "x",
    "整改",
    "<!-- c -->",
    "<script>var s='<div>';</script>",
    "<style>p{}</style>",
    "<title>t</title>",
    "<u>",
    "</u>",
    "<section>",
    "</section>",
    "<blockquote>",
    "</blockquote>",
    "<hr>",
    "<input>",
    "<caption>",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]
    #[test]
    fn the_estimate_is_not_far_below_the_parsed_depth(picks in prop::collection::vec(0..PIECES.len(), 0..400)) {
        let body: String = picks.iter().map(|&i| PIECES[i]).collect();
        let html = format!("<html><body>{body}</body></html>");
        let estimate = measure(&html).depth;
        // Not counting html and body, which the estimate leaves out.
        let parsed = tree_depth(&html).saturating_sub(2);
        prop_assert!(parsed <= estimate + estimate / 4 + 4, "parsed {} deep, estimated {}: {}", parsed, estimate, body);
    }
}
