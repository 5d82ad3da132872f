# Shared by the benchmark scripts (sourced): the generated corpus and the
# timing helpers. The caller sets `scratch`, the folder of the corpora.

# 2,000 (or N) notices: pairs of corpus notices (UTF-8 text ones) joined, in nested folders.
make_corpus() {
    local count=$1 directory=$2
    mapfile -t notices < <(for f in corpus/*.txt; do iconv -f utf-8 -t utf-8 "$f" >/dev/null 2>&1 && echo "$f"; done)
    local n=${#notices[@]} index=0
    while [ "$index" -lt "$count" ]; do
        local folder="$directory/unit$((index % 23))"
        mkdir -p "$folder"
        cat "${notices[$((index % n))]}" "${notices[$(((index * 7 + 3) % n))]}" > "$folder/notice$index.txt"
        index=$((index + 1))
    done
}

warm() { # read the corpus once, so that every timed run finds it in the page cache
    find "$scratch" -type f -exec cat {} + > /dev/null
}

seconds_once() { # wall-clock seconds of one run of a command, on a warm page cache
    local start end
    warm
    start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}

minimum() { # the smaller of two numbers, the second if the first is empty
    if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}

maximum() { # the larger of two numbers, the second if the first is empty
    if [ -z "$1" ] || [ "$(echo "$2 > $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}
