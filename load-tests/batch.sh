#!/usr/bin/env bash
# Batch screening benchmark: 100,000 synthetic people
# (negatives_global.csv + negatives_us.csv) against OFAC SDN 2024-05 +
# OFAC consolidated 2025-12 + UN 2026-02-27, with the release binary.
#
# Run from anywhere:  load-tests/batch.sh [JOBS...]
# (default JOBS: 1 2). EMBARGO_TEST_DATA names the data folder (default
# ../shared/data, relative to the workspace root).
#
# Prints, per run: wall time, rows/s and peak RSS (GNU time -v), then
# whether the outputs of all runs are identical. A last run screens the
# same rows against a store holding one listed person, with --all:
# matching is then nearly free, so its rate is the ceiling set by batch
# overhead (reading, parsing, threads, writing one output row per input
# row).
# Finally `embargo evaluate` screens the same rows on one thread without
# the batch machinery: its mean time per query is the pure matcher cost,
# to compare with the batch rate (jobs × 1e6 / mean µs is the ceiling).
# The machine is shared: compare ratios within one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data=${EMBARGO_TEST_DATA:-../shared/data}
case $data in /*) ;; *) data="$root/$data" ;; esac
jobs_list=("${@:-1 2}")
read -r -a jobs_list <<<"${jobs_list[*]}"

cargo build --release --locked -p embargo-cli >&2
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$root/$target" ;; esac
bin="$target/release/embargo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" --db "$tmp/lists.db" import "$data/ofac/2024-05" "$data/ofac/consolidated-2025-12" \
    "$data/un/consolidated-2026-02-27.xml" >/dev/null 2>&1
sets="$data/screening-sets"
{ cat "$sets/negatives_global.csv"; tail -n +2 "$sets/negatives_us.csv"; } >"$tmp/input.csv"
rows=$(($(wc -l <"$tmp/input.csv") - 1))
echo "input: $rows rows; lists: OFAC SDN 2024-05, OFAC consolidated 2025-12, UN 2026-02-27"

measure() { # label db jobs extra-args...
    local label=$1 db=$2 jobs=$3
    shift 3
    /usr/bin/time -v "$bin" --db "$db" screen --input "$tmp/input.csv" \
        --output "$tmp/$label.csv" --jobs "$jobs" --quiet "$@" 2>"$tmp/$label.time" ||
        [ $? -eq 1 ] # 1: no row had a result; anything else is a failure

    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$tmp/$label.time" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$tmp/$label.time" | awk '{print $NF}')
    secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    printf '%-12s jobs %s: %8.1f s  %8.0f rows/s  peak RSS %6.1f MB  (%s output rows)\n' \
        "$label" "$jobs" "$secs" "$(echo "$rows $secs" | awk '{print $1/$2}')" \
        "$(echo "$rss" | awk '{print $1/1024}')" "$(($(wc -l <"$tmp/$label.csv") - 1))"
}

for jobs in "${jobs_list[@]}"; do
    measure "lists-j$jobs" "$tmp/lists.db" "$jobs"
done
first="$tmp/lists-j${jobs_list[0]}.csv"
for jobs in "${jobs_list[@]}"; do
    if cmp -s "$first" "$tmp/lists-j$jobs.csv"; then same=identical; else same=DIFFERENT; fi
    echo "output jobs ${jobs_list[0]} vs jobs $jobs: $same"
done
printf 'id,type,name\nT-1,person,"QUARTERMAIN, Allan"\n' >"$tmp/tiny.csv"
"$bin" --db "$tmp/tiny.db" import "$tmp/tiny.csv" >/dev/null 2>&1
measure "one-entry-all" "$tmp/tiny.db" "${jobs_list[-1]}" --all

/usr/bin/time -f '%e s, peak RSS %M KB' "$bin" --db "$tmp/lists.db" evaluate \
    --negatives "$tmp/input.csv" --json >"$tmp/evaluate.json" 2>"$tmp/evaluate.time"
python3 -c '
import json, sys
timing = json.load(open(sys.argv[1]))["timing"]
print("evaluate (matcher alone, one thread): mean %.0f us/query, median %.0f us -> %.0f rows/s per core"
      % (timing["mean_us"], timing["median_us"], 1e6 / timing["mean_us"]))' "$tmp/evaluate.json"
echo "evaluate wall: $(tail -1 "$tmp/evaluate.time")"
