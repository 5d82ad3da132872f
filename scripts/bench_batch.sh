#!/usr/bin/env bash
# Batch figures: the 2-job speed-up and peak memory for 300 and 3,000 inputs.
#
#   scripts/bench_batch.sh            # builds the release binary first
#
# Makes a tree of N notices by copying the corpus round-robin into nested
# folders, then times `zhenggai parse` with --jobs 1 and --jobs 2 (best of 3)
# and reads the peak RSS from GNU time. Prints a ratio, not a timing claim:
# the machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
binary=target/release/zhenggai
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

make_tree() {
    local count=$1 directory=$2 index=0
    mapfile -t notices < <(ls corpus/*.txt corpus/*.html)
    while [ "$index" -lt "$count" ]; do
        local source=${notices[$((index % ${#notices[@]}))]}
        local target="$directory/unit$((index % 17))/part$((index % 5))"
        mkdir -p "$target"
        cp "$source" "$target/notice$index.${source##*.}"
        index=$((index + 1))
    done
}

best_seconds() {
    local best=""
    for _ in 1 2 3; do
        local start end elapsed
        start=$(date +%s.%N)
        "$binary" parse --quiet "$@" > /dev/null
        end=$(date +%s.%N)
        elapsed=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$elapsed < $best" | bc -l)" = 1 ]; then best=$elapsed; fi
    done
    echo "$best"
}

peak_rss_mb() {
    /usr/bin/time -f "%M" "$binary" parse --quiet "$@" 2>&1 > /dev/null | tail -1 | awk '{printf "%.1f", $1 / 1024}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for count in 300 3000; do
    make_tree "$count" "$scratch/tree$count"
    megabytes=$(du -sm --apparent-size "$scratch/tree$count" | cut -f1)
    one=$(best_seconds --jobs 1 "$scratch/tree$count")
    two=$(best_seconds --jobs 2 "$scratch/tree$count")
    printf '%5d notices (%s MB): 1 job %.2f s, 2 jobs %.2f s, speed-up %.2fx, %.1f MB/s with 2 jobs\n' \
        "$count" "$megabytes" "$one" "$two" "$(echo "$one / $two" | bc -l)" "$(echo "$megabytes / $two" | bc -l)"
    printf '%5d notices: peak RSS %s MB (2 jobs)\n' "$count" "$(peak_rss_mb --jobs 2 "$scratch/tree$count")"
done
