//! `zhenggai annotate`: the page of a notice, looked at in headless
//! Chromium ([`crate::browser`]), and the command's inputs, outputs and
//! exit codes.
//!
//! The browser tests compare the page's DOM, as Chromium builds it, with
//! the record the library makes of the same notice: every item of the
//! record has its mark, of its kind, whose text in the DOM is exactly the
//! item's span of the text; the text element holds the notice's text
//! exactly; every link of the panel finds its mark; nothing is wider than
//! the 1280-pixel window; a notice's markup stays text.

use std::collections::BTreeMap;

use serde_json::Value;
use zhenggai::Record;
use zhenggai::record::Span;

use crate::browser::{HEIGHT, WIDTH, render_and_check, screenshot};
use crate::common;

const SEED: &str = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt";

/// What the tests read off the page in the browser.
const CHECKS: &str = r##"
var marks = {};
document.querySelectorAll("mark[data-mark]").forEach(function (mark) {
  var id = mark.getAttribute("data-mark");
  var entry = marks[id];
  if (!entry) {
    entry = marks[id] = { kind: mark.getAttribute("data-kind"), text: "", pieces: 0, first_has_id: mark.id === id };
  }
  entry.text += mark.textContent;
  entry.pieces += 1;
});
var seen = {};
var duplicate_ids = [];
document.querySelectorAll("[id]").forEach(function (element) {
  if (seen[element.id]) { duplicate_ids.push(element.id); }
  seen[element.id] = true;
});
var links = Array.prototype.slice.call(document.querySelectorAll("a[href]"));
var broken_links = links
  .map(function (link) { return link.getAttribute("href"); })
  .filter(function (href) {
    return href.charAt(0) !== "#" || !document.getElementById(decodeURIComponent(href.slice(1)));
  });
var text = document.querySelector(".text");
var layout = {
  inner_width: window.innerWidth,
  client_width: document.documentElement.clientWidth,
  scroll_width: document.documentElement.scrollWidth,
  body_scroll_width: document.body.scrollWidth
};
// The page's script: a click on q-0 shows the marks there in the panel;
// the address #m-0-0 highlights every piece of m-0-0.
var clicked = null;
var quantity = document.getElementById("q-0");
if (quantity) {
  quantity.click();
  clicked = Array.prototype.map.call(document.querySelectorAll("#inspector .entry"), function (entry) {
    return entry.textContent;
  });
}
history.replaceState(null, "", "#m-0-0");
window.dispatchEvent(new HashChangeEvent("hashchange"));
var highlighted = Array.prototype.map.call(document.querySelectorAll("mark.current"), function (mark) {
  return mark.getAttribute("data-mark");
});
return {
  inner_width: layout.inner_width,
  client_width: layout.client_width,
  scroll_width: layout.scroll_width,
  body_scroll_width: layout.body_scroll_width,
  clicked: clicked,
  highlighted: highlighted,
  title: document.title,
  text: text.textContent,
  tags_in_text: Array.prototype.slice.call(text.querySelectorAll("*")).map(function (e) { return e.tagName; })
    .filter(function (tag, index, all) { return all.indexOf(tag) === index; }),
  scripts: document.querySelectorAll("script").length,
  injected: document.querySelectorAll("#injected, img, b").length,
  marks: marks,
  links: links.length,
  broken_links: broken_links,
  duplicate_ids: duplicate_ids
};
"##;

/// The characters of `text` that `span` covers.
fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

/// The record of a notice, with its text, as the library makes it.
fn record_of(bytes: &[u8], path: &str) -> Record {
    let options = zhenggai::Options {
        with_text: true,
        path: Some(path.to_owned()),
        ..zhenggai::Options::default()
    };
    zhenggai::parse(bytes, &options).expect("the notice parses")
}

/// The page `zhenggai annotate` prints for `path` (run from the root).
fn annotate(path: &str) -> String {
    let output = common::zhenggai().args(["annotate", path]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("the page is UTF-8")
}

/// Layout facts every page must show: no horizontal overflow at 1280
/// pixels, links that resolve, unique ids, each mark's id on its first
/// piece, and the text element holding the text exactly.
fn assert_sound(checked: &Value, text: &str) {
    assert_eq!(checked["inner_width"], WIDTH, "the window is 1280 pixels wide");
    let client_width = checked["client_width"].as_u64().unwrap();
    assert!(client_width > 1200, "{checked:#}");
    for width in ["scroll_width", "body_scroll_width"] {
        assert!(
            checked[width].as_u64().unwrap() <= client_width,
            "{width} {} is wider than the window's {client_width}: the page scrolls sideways",
            checked[width]
        );
    }
    assert_eq!(
        checked["broken_links"],
        serde_json::json!([]),
        "links without their mark"
    );
    assert_eq!(checked["duplicate_ids"], serde_json::json!([]));
    assert_eq!(
        checked["text"], text,
        "the text element holds the notice's text exactly"
    );
    for (id, mark) in checked["marks"].as_object().unwrap() {
        assert_eq!(mark["first_has_id"], true, "{id}: its first piece carries its id");
    }
}

#[test]
fn the_seed_page_marks_every_item_at_its_span() {
    let page = annotate(SEED);
    let bytes = std::fs::read(common::root().join(SEED)).unwrap();
    let record = record_of(&bytes, SEED);
    let text = record.text.clone().unwrap();
    let checked = render_and_check(&page, CHECKS);
    assert_sound(&checked, &text);
    let marks = checked["marks"].as_object().unwrap();

    // Every item of the record, by the id its mark must have, with its kind
    // and its span.
    let mut expected: BTreeMap<String, (&str, Span)> = BTreeMap::new();
    for (index, quantity) in record.quantities.iter().enumerate() {
        expected.insert(format!("q-{index}"), ("quantity", quantity.span));
    }
    for (index, date) in record.dates.iter().enumerate() {
        expected.insert(format!("d-{index}"), ("date", date.span));
    }
    for (index, issue) in record.issues.iter().enumerate() {
        let node = record.outline.iter().find(|node| node.id == issue.node).unwrap();
        expected.insert(format!("i-{index}"), ("issue", node.heading_span));
        for (number, measure) in issue.measures.iter().enumerate() {
            expected.insert(format!("m-{index}-{number}"), ("measure", measure.span));
        }
    }
    for (index, document) in record.documents.iter().enumerate() {
        expected.insert(format!("doc-{index}"), ("document", document.span));
    }
    for (index, evidence) in record.genre.evidence.iter().enumerate() {
        expected.insert(format!("g-{index}"), ("genre", evidence.span));
    }
    for (index, diagnostic) in record.diagnostics.iter().enumerate() {
        expected.insert(format!("x-{index}"), ("diagnostic", diagnostic.span.unwrap()));
    }
    // Checked by hand: the next-steps section (三、, node 6) is the only
    // heading that is no issue or measure; the contacts are printed
    // 0578—2091427 (an em dash) and as the e-mail address.
    let next_steps = &record.outline[5];
    assert_eq!(next_steps.marker, "三、");
    expected.insert("n-6".into(), ("heading", next_steps.heading_span));
    let at = |needle: &str| {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        Span::new(start, start + needle.chars().count())
    };
    expected.insert("c-0".into(), ("contact", at("0578—2091427")));
    expected.insert("c-1".into(), ("contact", at("luying09806111@163.com")));

    // The hand-checked counts (corpus/facts): 25 quantities, 11 dates,
    // five issues with 3, 3, 2, 2 and 1 measures.
    assert_eq!(record.quantities.len(), 25);
    assert_eq!(record.dates.len(), 11);
    let measures: Vec<usize> = record.issues.iter().map(|issue| issue.measures.len()).collect();
    assert_eq!(measures, [3, 3, 2, 2, 1]);

    for (id, (kind, span)) in &expected {
        let mark = marks.get(id).unwrap_or_else(|| panic!("no mark {id}"));
        assert_eq!(mark["kind"], *kind, "{id}");
        assert_eq!(mark["text"], slice(&text, *span), "{id}: the mark's text is its span's");
    }
    let ids: Vec<&String> = expected.keys().collect();
    let shown: Vec<&String> = marks.keys().collect();
    assert_eq!(shown, ids, "the marks are the record's items, no more");
    // The items' own texts, as the record gives them, are the marks' too.
    for (index, quantity) in record.quantities.iter().enumerate() {
        assert_eq!(marks[&format!("q-{index}")]["text"], quantity.text.as_str());
    }
    for (index, date) in record.dates.iter().enumerate() {
        assert_eq!(marks[&format!("d-{index}")]["text"], date.text.as_str());
    }
    assert_eq!(marks["q-0"]["text"], "3人");
    assert_eq!(marks["q-21"]["text"], "400余萬元");
    assert_eq!(marks["d-0"]["text"], "2024年5月8日—5月24日");
    assert_eq!(marks["m-0-0"]["text"], "強化婦女群眾思想政治引領");
    assert_eq!(
        marks["i-0"]["text"],
        "關于“推動婦女兒童工作高質量發展還需持續發力”問題的整改情況"
    );
    // An issue's heading holds no other item here, so it is one piece; the
    // panel links to every issue, measure, metric and cue at least.
    assert_eq!(marks["i-0"]["pieces"], 1);
    assert!(
        checked["links"].as_u64().unwrap() >= 5 + 11 + 2 + 3,
        "{}",
        checked["links"]
    );
    assert_eq!(checked["scripts"], 2, "the page's script and the check script");
    // The page's script ran: the click on 3人 shows its one mark, what was
    // extracted there and the metric it is; #m-0-0 highlights its mark.
    let clicked = checked["clicked"].as_array().unwrap();
    assert_eq!(clicked.len(), 1, "{clicked:?}");
    let shown = clicked[0].as_str().unwrap();
    for line in [
        "quantity q-0",
        "3 人 people",
        "label: 教育提醒",
        "metric people_educated",
    ] {
        assert!(shown.contains(line), "{line} in {shown}");
    }
    assert_eq!(checked["highlighted"], serde_json::json!(["m-0-0"]));
}

/// The width and height a PNG file states (its IHDR chunk).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "a PNG"
    );
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn the_seed_page_is_screenshotted_to_be_looked_at() {
    // Left in target/tmp/screenshots for a person to look at after a run.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots/annotate-seed.png");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&path);
    screenshot(&annotate(SEED), &path, HEIGHT);
    assert_eq!(png_size(&std::fs::read(&path).unwrap()), (WIDTH, HEIGHT));
}

#[test]
fn a_notice_s_markup_stays_text() {
    let notice = "关于巡察整改进展情况的通报<script>document.title=\"pwned\"</script>\r\n\
        一、关于“<b id=\"injected\">学习</b>不到位 & \"责任\"”问题的整改情况\r\n\
        （一）<img src=x onerror=\"document.title='pwned'\">加强学习。教育提醒3人&amp;建立制度8项。\r\n\
        中共某局党组\r\n2025年6月3日\r\n";
    let scratch = std::env::temp_dir().join(format!("zhenggai-annotate-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let path = scratch.join("hostile.txt");
    std::fs::write(&path, notice).unwrap();
    let page = annotate(path.to_str().unwrap());
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(!page.contains("<script>document"), "the notice's script is escaped");
    assert!(!page.contains("<b id"), "the notice's element is escaped");
    let record = record_of(notice.as_bytes(), "hostile.txt");
    assert_eq!(record.quantities.len(), 2, "the notice still parses: 3人, 8项");
    let checked = render_and_check(&page, CHECKS);
    assert_sound(&checked, notice);
    assert_eq!(checked["scripts"], 2, "no script of the notice's");
    assert_eq!(
        checked["tags_in_text"],
        serde_json::json!(["MARK"]),
        "the text holds marks and nothing else"
    );
    assert_eq!(checked["injected"], 0, "no element of the notice's");
    assert_ne!(checked["title"], "pwned");
    assert_eq!(checked["marks"]["q-0"]["text"], "3人");
}

#[test]
fn several_inputs_need_an_output_dir() {
    let output = common::zhenggai()
        .args(["annotate", SEED, "corpus/qingxi-town-2024-xuncha-slogan-headings.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2 inputs need --output-dir"), "{stderr}");
}

#[test]
fn output_dir_gets_one_page_per_input_and_a_bad_input_fails_alone() {
    let directory = std::env::temp_dir().join(format!("zhenggai-annotate-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    let output = common::zhenggai()
        .args(["annotate", "--quiet", "--output-dir"])
        .arg(&directory)
        .args([
            SEED,
            "corpus/missing.txt",
            "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "a missing input is exit 1");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("corpus/missing.txt"), "{stderr}");
    let mut written: Vec<String> = Vec::new();
    for entry in walk(&directory) {
        let page = std::fs::read_to_string(&entry).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{}", entry.display());
        written.push(entry.strip_prefix(&directory).unwrap().display().to_string());
    }
    written.sort();
    assert_eq!(
        written,
        [
            "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt.html",
            "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html.html",
        ]
    );
    std::fs::remove_dir_all(&directory).unwrap();
}

/// The files below `directory`.
fn walk(directory: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
