#!/usr/bin/env bash
# Python and Spark throughput against the CLI's batch screening:
# the same rows (negatives_global.csv + negatives_us.csv, 100,000 people,
# plus the UN positives) against OFAC SDN 2023-05-23 + UN 2026-02-27,
#
#   1. `embargo screen --input --jobs J` (release binary): rows/s of the
#      batch run itself, from the summary it prints (lists loaded before);
#   2. `Screener.screen_many(rows, jobs=J)` from the release wheel over the
#      SPARK_COPIES dataset (long enough for a steady ratio): rows/s of the
#      loop over the results (rows read by csv.DictReader first), beside
#      the CLI batch of the same rows;
#   3. the PySpark job on Spark standalone, master and two 1-core workers
#      on 127.0.0.1, over a dataset of SPARK_COPIES (default 10) times
#      those rows (recombine.py: later copies pair given and family names
#      anew, so rows are not screened twice), beside the CLI batch on the
#      same dataset: rows/s of the whole spark-submit (JVM start, store
#      shipped, one screener built per Python worker, Parquet written);
#   3b. the same cold spark-submit on SPARK_COPIES_LARGE (default 3 x
#      SPARK_COPIES) copies: the difference of the two runs is the job's
#      marginal rate (rows/s once started, compared with the CLI's on the
#      larger dataset) and what is left of the first its fixed cost (JVMs,
#      executors, Python workers, screeners, JIT warm-up);
#   4. the same job warm: in one driver session on that cluster, after a
#      run over the 100k rows (JVMs, Python workers and screeners up), as
#      on a running data-platform cluster; and the same in local[JOBS]
#      mode (one JVM, JOBS task threads; the cluster stopped first).
#
# Run from anywhere:  crates/embargo-py/bench/run.sh [JOBS]  (default 2).
# Needs python3 (3.9+), java 17+ and PyPI. EMBARGO_TEST_DATA names the data
# folder (default ../shared/data, relative to the workspace root); the
# venv and builds live in target/embargo-py-bench. The machine may be
# shared: compare the ratios of one run, not figures across runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
data=${EMBARGO_TEST_DATA:-../shared/data}
case $data in /*) ;; *) data="$root/$data" ;; esac
jobs=${1:-2}
target=${CARGO_TARGET_DIR:-$root/target}
work="$target/embargo-py-bench"
mkdir -p "$work"
tmp=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT

cargo build --release --locked -p embargo-cli >&2
bin="$target/release/embargo"
venv="$work/venv"
[ -x "$venv/bin/maturin" ] || {
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "maturin>=1.9,<2" "pyspark>=3.5,<5" pyarrow "pandas>=2.2"
}
rm -rf "$work/wheels"
"$venv/bin/maturin" build --release --quiet --manifest-path crates/embargo-py/Cargo.toml \
    --out "$work/wheels" --interpreter "$venv/bin/python" >&2
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "$work"/wheels/*.whl

db="$tmp/lists.db"
"$bin" --db "$db" import "$data/ofac/history/sdn-2023-05-23.csv" \
    "$data/un/consolidated-2026-02-27.xml" >/dev/null 2>&1
sets="$data/screening-sets"
{
    cat "$sets/negatives_global.csv"
    tail -n +2 "$sets/negatives_us.csv"
    tail -n +2 "$sets/positives_un_untreated.csv"
} >"$tmp/input.csv"
rows=$(($(wc -l <"$tmp/input.csv") - 1))
copies=${SPARK_COPIES:-10}
python3 "$root/crates/embargo-py/bench/recombine.py" "$tmp/input.csv" "$tmp/large.csv" "$copies"
large_rows=$((rows * copies))
copies_xl=${SPARK_COPIES_LARGE:-$((copies * 3))}
python3 "$root/crates/embargo-py/bench/recombine.py" "$tmp/input.csv" "$tmp/xl.csv" "$copies_xl"
xl_rows=$((rows * copies_xl))
echo "input: $rows rows (Spark: $large_rows); lists: OFAC SDN 2023-05-23, UN 2026-02-27; jobs $jobs; $(nproc) cores"

# CLI batch of FILE: the seconds of the summary line ("... in N.N s").
cli_batch() {
    "$bin" --db "$db" screen --input "$1" --output "$tmp/cli.csv" --jobs "$jobs" \
        2>"$tmp/cli.err" || [ $? -eq 1 ]
    grep -oE '[0-9]+(\.[0-9]+)? s' "$tmp/cli.err" | tail -1 | awk '{print $1}'
}

# 1. CLI batch.
cli_secs=$(cli_batch "$tmp/input.csv")
cli_rate=$(awk -v r="$rows" -v s="$cli_secs" 'BEGIN {print r / s}')
printf 'CLI batch      %8.1f s  %8.0f rows/s\n' "$cli_secs" "$cli_rate"
large_secs=$(cli_batch "$tmp/large.csv")
large_rate=$(awk -v r="$large_rows" -v s="$large_secs" 'BEGIN {print r / s}')
printf 'CLI batch x%-3s%8.1f s  %8.0f rows/s\n' "$copies" "$large_secs" "$large_rate"
xl_secs=$(cli_batch "$tmp/xl.csv")
xl_rate=$(awk -v r="$xl_rows" -v s="$xl_secs" 'BEGIN {print r / s}')
printf 'CLI batch x%-3s%8.1f s  %8.0f rows/s\n' "$copies_xl" "$xl_secs" "$xl_rate"

# 2. screen_many.
many_secs=$("$venv/bin/python" - "$db" "$tmp/large.csv" "$jobs" <<'PY'
import csv, sys, time
import embargo
screener = embargo.Screener.open(sys.argv[1])
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
started = time.perf_counter()
results = sum(len(r.matches) for r in screener.screen_many(rows, jobs=int(sys.argv[3])))
print(time.perf_counter() - started)
print(f"screen_many results: {results}", file=sys.stderr)
PY
)
many_rate=$(awk -v r="$large_rows" -v s="$many_secs" 'BEGIN {print r / s}')
printf 'screen_many x%-2s%8.1f s  %8.0f rows/s  (%.0f %% of the CLI on the same rows)\n' "$copies" \
    "$many_secs" "$many_rate" "$(awk -v a="$many_rate" -v b="$large_rate" 'BEGIN {print 100 * a / b}')"

# 3. Spark standalone, two 1-core workers.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SPARK_HOME=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1 SPARK_LOG_DIR="$tmp"
mport=$(port); uiport=$(port)
"$venv/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
    --port "$mport" --webui-port "$uiport" >"$tmp/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
    mkdir -p "$tmp/w$w"
    "$venv/bin/spark-class" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
        --cores 1 --memory 2g --webui-port "$(port)" --work-dir "$tmp/w$w" \
        "spark://127.0.0.1:$mport" >"$tmp/w$w.log" 2>&1 &
    pids+=($!)
done
for _ in $(seq 240); do
    curl -s "http://127.0.0.1:$uiport/json/" | grep -q '"aliveworkers" *: *2' && break
    sleep 0.5
done
# Seconds of a whole spark-submit of the job over FILE (a new application:
# driver, executors and Python workers start cold).
spark_cold() {
    local started
    started=$(date +%s.%N)
    PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python" \
        "$venv/bin/spark-submit" --master "spark://127.0.0.1:$mport" \
        --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false --executor-memory 1g \
        integrations/spark/screen_job.py --store "$db" --input "$1" \
        --output "$tmp/spark.parquet" --partitions 8 --overwrite 2>"$tmp/spark.err" >&2
    awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {print b - a}'
}
spark_secs=$(spark_cold "$tmp/large.csv")
spark_rate=$(awk -v r="$large_rows" -v s="$spark_secs" 'BEGIN {print r / s}')
printf 'Spark 2 workers%8.1f s  %8.0f rows/s  (%.0f %% of the CLI on the same rows; whole spark-submit)\n' \
    "$spark_secs" "$spark_rate" "$(awk -v a="$spark_rate" -v b="$large_rate" 'BEGIN {print 100 * a / b}')"
xl_spark_secs=$(spark_cold "$tmp/xl.csv")
xl_spark_rate=$(awk -v r="$xl_rows" -v s="$xl_spark_secs" 'BEGIN {print r / s}')
printf 'Spark x%-3s    %8.1f s  %8.0f rows/s  (%.0f %% of the CLI on the same rows; whole spark-submit)\n' \
    "$copies_xl" "$xl_spark_secs" "$xl_spark_rate" \
    "$(awk -v a="$xl_spark_rate" -v b="$xl_rate" 'BEGIN {print 100 * a / b}')"
marginal_rate=$(awk -v r="$((xl_rows - large_rows))" -v a="$spark_secs" -v b="$xl_spark_secs" \
    'BEGIN {print (b > a) ? r / (b - a) : 0}')
printf 'Spark marginal %8.1f s  %8.0f rows/s  (%.0f %% of the CLI x%s; fixed cost of a spark-submit)\n' \
    "$(awk -v s="$spark_secs" -v r="$large_rows" -v m="$marginal_rate" 'BEGIN {print (m > 0) ? s - r / m : 0}')" \
    "$marginal_rate" "$(awk -v a="$marginal_rate" -v b="$xl_rate" 'BEGIN {print 100 * a / b}')" "$copies_xl"

# 4. The same job warm: one driver session on the same cluster runs it on
#    the 100k rows, then times a run on the large dataset (executor JVMs,
#    Python workers and their screeners already up): what Spark adds per
#    row once a cluster is running, as a data platform's cluster is.
#    Then the same in Spark's local mode, local[JOBS]: one JVM whose JOBS
#    task threads stand for the two workers, without the standalone
#    cluster's separate driver and executor processes.
cat >"$tmp/warm.py" <<'PY'
import sys, time
from pyspark.sql import SparkSession
from embargo import spark as job

master, store, first, data, out = sys.argv[1:6]
session = (
    SparkSession.builder.master(master)
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.ui.enabled", "false")
    .config("spark.executor.memory", "1g")
    .getOrCreate()
)
for path in (first, data):
    args = job.parse_args(
        ["--store", store, "--input", path, "--output", out, "--partitions", "8", "--overwrite"]
    )
    started = time.perf_counter()
    job.run_job(session, args)
    elapsed = time.perf_counter() - started
session.stop()
print(elapsed)
PY
warm() {
    PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python" \
        "$venv/bin/python" "$tmp/warm.py" "$1" "$db" "$tmp/input.csv" "$tmp/large.csv" \
        "$tmp/warm.parquet" 2>"$tmp/warm.err"
}
warm_secs=$(warm "spark://127.0.0.1:$mport")
warm_rate=$(awk -v r="$large_rows" -v s="$warm_secs" 'BEGIN {print r / s}')
printf 'Spark warm     %8.1f s  %8.0f rows/s  (%.0f %% of the CLI on the same rows; cluster up)\n' \
    "$warm_secs" "$warm_rate" "$(awk -v a="$warm_rate" -v b="$large_rate" 'BEGIN {print 100 * a / b}')"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
local_secs=$(warm "local[$jobs]")
local_rate=$(awk -v r="$large_rows" -v s="$local_secs" 'BEGIN {print r / s}')
printf 'Spark local[%s] %7.1f s  %8.0f rows/s  (%.0f %% of the CLI on the same rows; session up)\n' \
    "$jobs" "$local_secs" "$local_rate" "$(awk -v a="$local_rate" -v b="$large_rate" 'BEGIN {print 100 * a / b}')"
