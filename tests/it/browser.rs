//! Pages looked at in a real browser: Debian's headless Chromium renders a
//! page at 1280 × 900 and either returns what a check script measured in
//! it ([`render_and_check`]) or takes a screenshot ([`screenshot`]).
//!
//! Chromium and the Noto CJK fonts (so that Chinese text is laid out with
//! real glyphs, as a reader sees it, not with empty boxes) are installed
//! with apt-get when missing, quietly and once per run, as `readme.rs`
//! installs jq: the output shows only if the install fails. Nothing is
//! skipped: a machine without them gets them. Chromium starts in about two
//! seconds; each call starts it once, so tests keep their renders few.
//!
//! Chromium runs as this project's machines run it (root, no sandbox, no GPU,
//! no network: background networking, component updates and sync are off),
//! with a new profile folder per render, so renders can run in parallel.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Once;
use std::time::{Duration, Instant};

/// The window's width in CSS pixels.
pub const WIDTH: u32 = 1280;
/// The window's height for checks.
pub const HEIGHT: u32 = 900;
/// The element the check script writes its result into.
const RESULT_ID: &str = "zhenggai-browser-checks";
/// How long a render may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(120);

static INSTALL: Once = Once::new();

/// Whether `package` is installed (dpkg's word for it).
fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|output| output.status.success() && output.stdout.ends_with(b" installed"))
}

/// Installs chromium and the CJK fonts with apt-get when either is missing.
fn ensure_chromium() {
    INSTALL.call_once(|| {
        let has_chromium = Command::new("chromium")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if has_chromium && installed("fonts-noto-cjk") {
            return;
        }
        let output = Command::new("bash")
            .args([
                "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk",
            ])
            .output()
            .expect("apt-get runs");
        assert!(
            output.status.success(),
            "installing chromium and fonts-noto-cjk with apt-get failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    });
}

/// A folder of its own for one render (the page and Chromium's profile),
/// removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let number = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("zhenggai-browser-{}-{number}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("scratch folder");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs Chromium on `page` (written into `scratch`) with `action` (the
/// flags of what to do) and returns what it printed on stdout.
fn run_chromium(scratch: &Scratch, page: &str, height: u32, action: &[String]) -> String {
    ensure_chromium();
    let file = scratch.0.join("page.html");
    fs::write(&file, page).expect("page written");
    let stdout_path = scratch.0.join("stdout");
    let stderr_path = scratch.0.join("stderr");
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", scratch.0.join("profile").display()))
        .arg(format!("--window-size={WIDTH},{height}"))
        .args(action)
        .arg(format!("file://{}", file.display()))
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium runs") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium took more than {TIMEOUT:?}:\n{}",
                fs::read_to_string(&stderr_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "chromium failed ({status}):\n{}",
        fs::read_to_string(&stderr_path).unwrap_or_default()
    );
    fs::read_to_string(&stdout_path).expect("chromium's output is text")
}

/// `html` with `script` run after the page loaded: the result of the
/// function body `checks_js`, as JSON in ASCII (every other character and
/// `<`, `>`, `&` as `\uXXXX`, so the DOM dump prints it as it is), in a new
/// element at the end of the body.
fn with_checks(html: &str, checks_js: &str) -> String {
    let script = format!(
        r#"<script>
window.addEventListener("load", function () {{
  var result;
  try {{
    result = (function () {{
{checks_js}
    }})();
  }} catch (error) {{
    result = {{ "check_script_error": String(error && error.stack || error) }};
  }}
  var out = document.createElement("pre");
  out.id = "{RESULT_ID}";
  out.textContent = JSON.stringify(result === undefined ? null : result).replace(/[^\x20-\x7e]|[<>&]/g, function (c) {{
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  }});
  document.body.appendChild(out);
}});
</script>
"#
    );
    match html.rfind("</body>") {
        Some(end) => format!("{}{script}{}", &html[..end], &html[end..]),
        None => format!("{html}{script}"),
    }
}

/// Renders `html` in headless Chromium at 1280 × 900 and returns what the
/// function body `checks_js` returned (any JSON value), run once the page
/// has loaded and its own scripts have run: the place to measure what only
/// a browser knows (`document.documentElement.scrollWidth`, whether every
/// `href="#x"` finds an element `x`, an element's `textContent`). A check
/// that throws fails the test with its error.
pub fn render_and_check(html: &str, checks_js: &str) -> serde_json::Value {
    let scratch = Scratch::new();
    let dom = run_chromium(
        &scratch,
        &with_checks(html, checks_js),
        HEIGHT,
        &["--dump-dom".to_owned()],
    );
    let open = format!("<pre id=\"{RESULT_ID}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("the check script wrote no result; the DOM:\n{dom}"))
        + open.len();
    let end = start + dom[start..].find("</pre>").expect("the result element ends");
    let value: serde_json::Value =
        serde_json::from_str(&dom[start..end]).unwrap_or_else(|error| panic!("{error}: {}", &dom[start..end]));
    if let Some(error) = value.get("check_script_error") {
        panic!("the check script failed: {error}");
    }
    value
}

/// Takes a screenshot of `html` (PNG, 1280 pixels wide and `height` high,
/// the top of the page) into `path`, to be looked at. Every compositor
/// stage runs before the picture is taken: without it, a busy machine
/// sometimes gave a picture whose lower part was not painted yet.
pub fn screenshot(html: &str, path: &Path, height: u32) {
    let scratch = Scratch::new();
    let path = std::path::absolute(path).expect("absolute path");
    let action = [
        "--run-all-compositor-stages-before-draw".to_owned(),
        format!("--screenshot={}", path.display()),
    ];
    run_chromium(&scratch, html, height, &action);
    assert!(path.is_file(), "chromium wrote no screenshot at {}", path.display());
}
