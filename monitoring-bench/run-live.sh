#!/usr/bin/env bash
# Live push benchmark: builds the server and the load generator, starts the server on a freshly
# created PostgreSQL database, connects the live clients and prints the delivery latency.
#
#   monitoring-bench/run-live.sh                                        1000 clients, 100 sources, 10 slow
#   LIVE_CLIENTS=100 LIVE_SOURCES=10 LIVE_DURATION=20s monitoring-bench/run-live.sh   a small check
#
# Load (defaults): LIVE_CLIENTS live clients on /ws/live, each subscribed to every bench source and
# reading every frame; LIVE_SOURCES bench agents posting one rich snapshot each per second over HTTP
# (spread over the second, as independent agents are); LIVE_SLOW clients that subscribe to every
# source and then read nothing, which the server must drop without delaying anyone else. Latency
# is measured from the moment a post leaves to the moment a client has the whole frame carrying
# that snapshot, over every frame of every post sent during the measured time.
#
# Needs: Java 17 (with jcmd), Maven, psql, ss, and PostgreSQL on 127.0.0.1:5432 accepting user
# postgres without a password. The database named by LIVE_DB is DROPPED and recreated: never point
# it at data you want to keep. Only loopback is used.
#
# Environment: LIVE_CLIENTS (1000), LIVE_SOURCES (100), LIVE_SLOW (10), LIVE_SUBSCRIBE (0 = every
# source), LIVE_DURATION (60s), LIVE_WARMUP (20s), LIVE_PORT (18092), LIVE_DB (monitoring_live_bench),
# LIVE_JAVA_OPTS (server JVM flags, -Xmx1g), LIVE_ARGS (more generator flags; see
# `java -cp monitoring-bench/target/monitoring-bench.jar org.opsmon.monitoring.bench.LiveFanout --help`),
# LIVE_SKIP_BUILD=1 (use what is built), LIVE_QUIET_WAIT (120: seconds to wait for other load on
# the machine to settle before connecting), LIVE_OUT (logs and results, /tmp/monitoring-live).
#
# The load generator runs on the same machine as the server and PostgreSQL; the CPU split it
# prints shows who used what.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${LIVE_PORT:-18092}"
DB="${LIVE_DB:-monitoring_live_bench}"
CLIENTS="${LIVE_CLIENTS:-1000}"
SOURCES="${LIVE_SOURCES:-100}"
SLOW="${LIVE_SLOW:-10}"
OUT="${LIVE_OUT:-/tmp/monitoring-live}"
QUIET_WAIT="${LIVE_QUIET_WAIT:-120}"
ADMIN_PASSWORD="live-admin-$RANDOM$RANDOM"
PSQL=(psql -X -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1)

# shellcheck source=monitoring-bench/bench-server.sh
. monitoring-bench/bench-server.sh
bench_check_inputs run-live.sh
for n in "$CLIENTS" "$SOURCES" "$SLOW"; do
  if ! [[ "$n" =~ ^[0-9]+$ ]]; then
    echo "run-live.sh: LIVE_CLIENTS, LIVE_SOURCES and LIVE_SLOW must be whole numbers" >&2
    exit 2
  fi
done

if [ "${LIVE_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building server and load generator (tests skipped)..."
  mvn -q -B -DskipTests -pl monitoring-web,monitoring-bench -am package
fi

rm -rf "$OUT"
mkdir -p "$OUT"
bench_recreate_database
export MONITORING_JAVA_OPTS="${LIVE_JAVA_OPTS:--Xmx1g}"
# Room for every bench client, fast and slow, plus a few dashboards of people watching the run.
export MONITORING_LIVE_MAX_CLIENTS=$(( CLIENTS + SLOW + 10 ))
bench_start_server run-live.sh
wait_for_quiet

# shellcheck disable=SC2086
MONITORING_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -cp monitoring-bench/target/monitoring-bench.jar \
  org.opsmon.monitoring.bench.LiveFanout --server "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --database "$DB" \
  --clients "$CLIENTS" --sources "$SOURCES" --slow "$SLOW" --subscribe "${LIVE_SUBSCRIBE:-0}" \
  --duration "${LIVE_DURATION:-60s}" --warmup "${LIVE_WARMUP:-20s}" --label "c$CLIENTS-s$SOURCES-k$SLOW" \
  ${LIVE_ARGS:-} | tee "$OUT/live.txt"

echo
LOG="$OUT/data/server.log"
echo "Server log: $(grep -c 'SEVERE' "$LOG" || true) SEVERE and $(grep -c 'WARNING' "$LOG" || true) WARNING lines, \
$(grep -c 'Dropped a live client' "$LOG" || true) live clients dropped ($LOG)"
stop_server
