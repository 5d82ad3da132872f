#!/usr/bin/env bash
# zhenggai.parse_many against the CLI (issue 21), on this machine: the
# 2,000-notice corpus of scripts/bench.sh, the same --jobs, wall clock of
# whole processes (Python's start-up and `import zhenggai` included), best
# of 5, the contenders alternated so that all meet the same machine weather.
#   scripts/bench_python.sh [JOBS ...]      (default: 1 and every core)
# Three contenders per job count:
#   cli        zhenggai parse --quiet --jobs N DIR > /dev/null (records as JSON text)
#   parse_many for record in zhenggai.parse_many([DIR], jobs=N): pass (records as dicts)
#   cli|json   zhenggai parse --jobs N DIR | python: json.loads(line, parse_float=Decimal)
#              for each line (the same dicts by the other road)
# and the ratios parse_many / cli (target <= 1.2) and parse_many / cli|json.
# Also the CPU seconds (user + sys, best of the same 5 runs) of cli and
# parse_many: the wall clock of a shared host depends on its other tenants
# (a second core busy elsewhere hides where the work overlaps), its CPU time
# much less.
# The package is installed with pip into target/bench-python-venv (release
# build, as pip builds it); the CLI is target/release/zhenggai.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin zhenggai
binary=$PWD/target/release/zhenggai
venv=target/bench-python-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! log=$("$venv/bin/pip" install --disable-pip-version-check -q ./python 2>&1); then
    echo "$log" >&2
    exit 1
fi
python=$PWD/$venv/bin/python
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# make_corpus, warm, seconds_once, minimum
source scripts/bench_common.sh

timed() { # "wall cpu" seconds of one run of a command, on a warm page cache
    warm
    /usr/bin/time -f '%e %U %S' "$@" 2>&1 > /dev/null | tail -1 | awk '{ print $1, $2 + $3 }'
}

jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(1 "$(nproc)")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
make_corpus 2000 "$scratch/c2000"
sync
printf 'corpus: 2000 notices, %s MB\n' "$(du -sm --apparent-size "$scratch/c2000" | cut -f1)"
many='import sys, zhenggai
count = sum(1 for _ in zhenggai.parse_many([sys.argv[1]], jobs=int(sys.argv[2])))
assert count == 2000, count'
loads='import sys, json, decimal
count = sum(1 for line in sys.stdin if json.loads(line, parse_float=decimal.Decimal))
assert count == 2000, count'
# Each contender must give its 2,000 records (the assertions) before timing.
"$python" -c "$many" "$scratch/c2000" 1
for n in "${jobs[@]}"; do
    cli="" package="" piped="" cli_cpu="" package_cpu=""
    for _ in 1 2 3 4 5; do
        read -r wall cpu < <(timed "$binary" parse --quiet --jobs "$n" "$scratch/c2000")
        cli=$(minimum "$cli" "$wall")
        cli_cpu=$(minimum "$cli_cpu" "$cpu")
        read -r wall cpu < <(timed "$python" -c "$many" "$scratch/c2000" "$n")
        package=$(minimum "$package" "$wall")
        package_cpu=$(minimum "$package_cpu" "$cpu")
        piped=$(minimum "$piped" "$(seconds_once bash -c '"$1" parse --quiet --jobs "$2" "$3" | "$4" -c "$5"' _ \
            "$binary" "$n" "$scratch/c2000" "$python" "$loads")")
    done
    printf 'jobs %s: cli %.2f s, parse_many %.2f s, cli|json %.2f s; parse_many/cli %.2f (target <= 1.2), parse_many/(cli|json) %.2f\n' \
        "$n" "$cli" "$package" "$piped" "$(echo "$package / $cli" | bc -l)" "$(echo "$package / $piped" | bc -l)"
    printf '        cpu: cli %.2f s, parse_many %.2f s (%.2f)\n' \
        "$cli_cpu" "$package_cpu" "$(echo "$package_cpu / $cli_cpu" | bc -l)"
done
