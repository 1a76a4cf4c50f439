#!/usr/bin/env bash
# Load test of `embargo serve` on loopback (see README.md beside this file).
# Usage: load-tests/serve.sh [DB] [PORT]
# DB defaults to a store with OFAC SDN 2024-05, OFAC consolidated 2025-12
# and the UN list imported from $EMBARGO_TEST_DATA (../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${EMBARGO_TEST_DATA:-../shared/data}"
DB="${1:-${TMPDIR:-/tmp}/embargo-bench.db}"
PORT="${2:-18090}"
BIN="${CARGO_TARGET_DIR:-target}/release/embargo"
BENCH=load-tests
DURATION="${DURATION:-20s}"

cargo build --release --locked -p embargo-cli
if [ ! -f "$DB" ]; then
    for list in ofac/2024-05 ofac/consolidated-2025-12 un/consolidated-2026-02-27.xml; do
        "$BIN" --db "$DB" import "$DATA/$list"
    done
fi

# A key for the authenticated runs; revoked when the script ends. The
# server runs with --open-read so that the same process serves both the
# runs without a key (anonymous) and those with one: the difference is the
# cost of authentication alone (issue 22: within 5%).
KEY_NAME="bench-$(date +%s)-$$"
KEY=$("$BIN" --db "$DB" keys add "$KEY_NAME" --role screen --by bench 2>/dev/null)

started=$(date +%s.%N)
"$BIN" --db "$DB" serve --listen "127.0.0.1:$PORT" --open-read 2>"${TMPDIR:-/tmp}/embargo-bench-serve.log" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true; "$BIN" --db "$DB" keys revoke "$KEY_NAME" --by bench >/dev/null 2>&1 || true' EXIT
until curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.01; done
ready=$(date +%s.%N)
echo "startup to ready: $(echo "$ready - $started" | bc) s"
echo "RSS after load: $(ps -o rss= -p $server) KiB"

curl -fs -XPOST "http://127.0.0.1:$PORT/match" -H 'content-type: application/json' \
    -H "authorization: Bearer $KEY" \
    -d '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Kim Sang-man"]}}}}' >/dev/null

for connections in 2 8 32; do
    echo "== POST /match, $connections connections, 2 threads, $DURATION, no key (--open-read)"
    EMBARGO_KEY= wrk -t2 -c"$connections" -d"$DURATION" --latency -s "$BENCH/match.lua" "http://127.0.0.1:$PORT"
    echo "== POST /match, $connections connections, 2 threads, $DURATION, with an API key"
    EMBARGO_KEY="$KEY" wrk -t2 -c"$connections" -d"$DURATION" --latency -s "$BENCH/match.lua" "http://127.0.0.1:$PORT"
done
echo "== POST /match/default (yente shape, copies grouped), 8 connections, with an API key"
MATCH_PATH=/match/default EMBARGO_KEY="$KEY" wrk -t2 -c8 -d"$DURATION" --latency -s "$BENCH/match.lua" "http://127.0.0.1:$PORT"
echo "== POST /scan, 500-byte payment messages, 8 connections, 2 threads, $DURATION, with an API key"
EMBARGO_KEY="$KEY" wrk -t2 -c8 -d"$DURATION" --latency -s "$BENCH/scan.lua" "http://127.0.0.1:$PORT"
echo "== GET /healthz (HTTP overhead alone), 8 connections"
wrk -t2 -c8 -d"$DURATION" --latency "http://127.0.0.1:$PORT/healthz"
echo "RSS after load test: $(ps -o rss= -p $server) KiB"
curl -fs "http://127.0.0.1:$PORT/metrics" | grep -E '^embargo_screening_duration_seconds_(sum|count)'
