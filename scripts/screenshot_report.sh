#!/usr/bin/env bash
# Renders the corpus comparison report (examples/compare_report.rs) in headless
# Chromium and saves a screenshot, so the HTML report can be looked at.
#
#   scripts/screenshot_report.sh [SCREENSHOT.png] [WIDTHxHEIGHT]
#
# Defaults: /tmp/report.png, 1400x2400. Installs chromium and CJK fonts with
# apt-get when missing. Fails when Chromium reports an error, when the
# screenshot is missing, or when the rendered DOM lacks the table or charts.
# The HTML and the DOM dump are kept next to the screenshot (.html, .dom.html).
set -euo pipefail
cd "$(dirname "$0")/.."

screenshot=$(realpath -m "${1:-/tmp/report.png}")
window_size=${2:-1400x2400}
report="${screenshot%.png}.html"
dom_dump="${screenshot%.png}.dom.html"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-compare}

if ! command -v chromium >/dev/null || [[ -z "$(fc-list :lang=zh 2>/dev/null)" ]]; then
    echo "installing chromium and CJK fonts" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

cargo run --quiet --example compare_report -- "$report"

profile=$(mktemp -d)
chromium_log=$(mktemp)
trap 'rm -rf "$profile" "$chromium_log"' EXIT
chromium_flags=(
    --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync
    --user-data-dir="$profile" --window-size="${window_size/x/,}"
)

rm -f "$screenshot"
chromium "${chromium_flags[@]}" --screenshot="$screenshot" "file://$report" 2>"$chromium_log" || {
    cat "$chromium_log" >&2
    echo "chromium failed" >&2
    exit 1
}
# Chromium logs "ERROR:" lines for real failures; dbus and GPU chatter of a
# headless container are noise.
if grep -E 'ERROR:|FATAL:' "$chromium_log" | grep -vE 'dbus|bus\.cc|gpu|viz|gl_|angle|vaapi|sandbox' >&2; then
    echo "chromium reported errors while rendering $report" >&2
    exit 1
fi
[[ -s "$screenshot" ]] || { echo "no screenshot written" >&2; exit 1; }

chromium "${chromium_flags[@]}" --dump-dom "file://$report" >"$dom_dump" 2>"$chromium_log"
for expected in '<table>' '<tbody>' '<svg' 'class="summary"'; do
    grep -qF "$expected" "$dom_dump" || { echo "rendered DOM lacks $expected (see $dom_dump)" >&2; exit 1; }
done

rows=$(grep -o '<tr' "$dom_dump" | wc -l)
echo "report: $report ($((rows - 1)) table rows); DOM: $dom_dump; screenshot: $screenshot"
