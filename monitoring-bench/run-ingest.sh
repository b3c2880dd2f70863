#!/usr/bin/env bash
# Ingest benchmark: builds the server and the load generator, starts the server on a freshly
# created PostgreSQL database, runs three scenarios one after the other and prints their figures.
#
#   monitoring-bench/run-ingest.sh
#
# Scenarios (each: 5 s warm-up, then 30 s measured; 8 bench clients, 8-core simulated hosts):
#   batch 1   x concurrency 4   one snapshot per request, as an agent with a healthy link sends
#   batch 10  x concurrency 4   an agent draining a short backlog from its spool
#   batch 100 x concurrency 2   an agent catching up after a long outage
#
# Needs: Java 17, Maven, psql, ss, and PostgreSQL on 127.0.0.1:5432 accepting user postgres
# without a password. The database named by BENCH_DB is DROPPED and recreated: never point it
# at data you want to keep. Only loopback is used.
#
# Environment: BENCH_PORT (18090), BENCH_DB (monitoring_bench), BENCH_DURATION (30s),
# BENCH_WARMUP (5s), BENCH_CLIENTS (8), BENCH_HISTORY (6h), BENCH_SKIP_BUILD=1 (use what is built),
# BENCH_QUIET_WAIT (120: seconds to wait for other load on the machine to settle before each
# scenario), BENCH_OUT (directory for logs and results, /tmp/monitoring-bench).
#
# The load generator runs on the same machine as the server and PostgreSQL, so the figures are
# for the three sharing its cores; every scenario prints the CPU split to show who used what.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18090}"
DB="${BENCH_DB:-monitoring_bench}"
DURATION="${BENCH_DURATION:-30s}"
WARMUP="${BENCH_WARMUP:-5s}"
CLIENTS="${BENCH_CLIENTS:-8}"
# Past seconds available to each client: at one snapshot per second of simulated time, batch 100
# reaches ~2,500 snapshots/s here, which would use up two hours of 8 clients within the run.
HISTORY="${BENCH_HISTORY:-6h}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-120}"
OUT="${BENCH_OUT:-/tmp/monitoring-bench}"
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
PSQL=(psql -X -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1)

# shellcheck source=monitoring-bench/bench-server.sh
. monitoring-bench/bench-server.sh
bench_check_inputs run-ingest.sh

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building server and load generator (tests skipped)..."
  mvn -q -B -DskipTests -pl monitoring-web,monitoring-bench -am package
fi

rm -rf "$OUT"
mkdir -p "$OUT"
bench_recreate_database
bench_start_server run-ingest.sh

BENCH_JAR=monitoring-bench/target/monitoring-bench.jar
# label batch concurrency
SCENARIOS=("b1-c4 1 4" "b10-c4 10 4" "b100-c2 100 2")
for scenario in "${SCENARIOS[@]}"; do
  read -r label batch concurrency <<< "$scenario"
  echo
  echo "=== Scenario $label: batch $batch, concurrency $concurrency ==="
  wait_for_quiet
  # A fresh client prefix per scenario gives each one its own past to fill with timestamps.
  java -jar "$BENCH_JAR" --server "http://127.0.0.1:$PORT" --admin-password "$ADMIN_PASSWORD" \
    --clients "$CLIENTS" --concurrency "$concurrency" --batch "$batch" --duration "$DURATION" \
    --warmup "$WARMUP" --history "$HISTORY" --client-prefix "$label-" --server-pid "$SERVER_PID" --database "$DB" \
    --label "$label" | tee "$OUT/$label.txt"
done

echo
echo "Server RSS after the runs: $(awk '/VmRSS|VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$SERVER_PID/status")"
stop_server

# The table must have grown by what the server said it wrote (warm-up included); the server's own
# self-monitoring samples are the only other rows.
reported=$(cat "$OUT"/*.txt | grep '^RESULT' | grep -o 'samples_with_warmup=[0-9]*' | cut -d= -f2 | awk "{ s += \$1 } END { print s + 0 }")
bench_rows=$("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM sample s JOIN series r ON r.id = s.series_id
  JOIN client c ON c.id = r.client_id WHERE c.name ~ '^b[0-9]+-c[0-9]+-[0-9]+$'")
all_rows=$("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM sample")
echo "Rows in sample: $all_rows in all, $bench_rows from bench clients; the server reported $reported written."

echo
echo "| Scenario | Batch | Workers | Requests/s | Snapshots/s | Samples/s | p50 ms | p90 ms | p99 ms | max ms | Errors | Server RSS MiB (max) | CPU server / PG / generator / other (% of a core) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"
for scenario in "${SCENARIOS[@]}"; do
  read -r label _ <<< "$scenario"
  grep '^RESULT' "$OUT/$label.txt" | tr ' ' '\n' | awk -F= 'NF == 2 { v[$1] = $2 } END {
    printf "| %s | %s | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %.0f | %s / %s / %s / %s |\n",
      v["label"], v["batch"], v["concurrency"], v["rps"], v["snapshots_per_s"], v["samples_per_s"],
      v["p50_ms"], v["p90_ms"], v["p99_ms"], v["max_ms"], v["errors"], v["rss_run_max_mib"],
      v["cpu_server"], v["cpu_postgres"], v["cpu_generator"], v["cpu_other"] }'
done
