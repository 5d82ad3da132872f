#!/usr/bin/env bash
# Instruction counts and simulated cache misses (valgrind cachegrind) of the
# pipeline and of bare jieba-rs segmentation on the same text: figures that
# do not move with the noise of a shared virtual machine, for comparing two
# versions of the code.
#   scripts/bench_instructions.sh
# Prints, for each, the start-up cost and the cost of one round over the
# corpus notices that are UTF-8 text (the files scripts/bench.sh builds its
# generated corpus from), and their per-round ratio; then the misses per
# round of a cache the size of one core's L2 (1 MiB, 16-way), which say how
# much of the work waits on the shared L3 and memory: what other tenants of
# the host slow down. Wall-clock figures stay with scripts/bench.sh:
# instructions are not time (jieba's dictionary walks miss the cache more
# than the extractors' loops do).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind > /dev/null; then
    echo "installing valgrind (Debian package) ..." >&2
    apt-get install -y valgrind > /dev/null || sudo apt-get install -y valgrind > /dev/null
fi
cargo build --release --quiet --example profile_parse --example segment_baseline
dictionary=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt | head -1)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for f in corpus/*.txt; do
    if iconv -f utf-8 -t utf-8 "$f" > /dev/null 2>&1; then
        mkdir -p "$scratch/once"
        cp "$f" "$scratch/once/"
    fi
done
for round in 1 2 3 4 5 6; do
    mkdir -p "$scratch/six/$round"
    cp "$scratch"/once/* "$scratch/six/$round/"
done

counts() { # "instructions misses" of a command, misses of an L2-sized last-level cache
    valgrind --tool=cachegrind --cache-sim=yes --LL=1048576,16,64 --cachegrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
        tr -d ',' | awk '/I *refs/ {refs = $NF} /LL misses/ {misses = $4} END {print refs, misses}'
}

read -r pipeline_one pipeline_one_misses < <(counts target/release/examples/profile_parse 1 "$scratch/once")
read -r pipeline_six pipeline_six_misses < <(counts target/release/examples/profile_parse 6 "$scratch/once")
read -r segment_one segment_one_misses < <(counts target/release/examples/segment_baseline "$dictionary" "$scratch/once")
read -r segment_six segment_six_misses < <(counts target/release/examples/segment_baseline "$dictionary" "$scratch/six")
pipeline_round=$(((pipeline_six - pipeline_one) / 5))
segment_round=$(((segment_six - segment_one) / 5))
bytes=$(cat "$scratch"/once/* | wc -c)
printf 'one round: %s notices, %s bytes\n' "$(ls "$scratch/once" | wc -l)" "$bytes"
printf 'pipeline:          start-up %5d M, per round %4d M instructions\n' \
    $(((pipeline_one - pipeline_round) / 1000000)) $((pipeline_round / 1000000))
printf 'bare segmentation: start-up %5d M, per round %4d M instructions\n' \
    $(((segment_one - segment_round) / 1000000)) $((segment_round / 1000000))
printf 'per-round instruction ratio pipeline/segmentation: %.2f\n' "$(echo "$pipeline_round / $segment_round" | bc -l)"
printf 'misses of an L2-sized cache (1 MiB) per round: pipeline %d k, bare segmentation %d k\n' \
    $(((pipeline_six_misses - pipeline_one_misses) / 5000)) $(((segment_six_misses - segment_one_misses) / 5000))
