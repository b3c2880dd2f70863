#!/usr/bin/env bash
# SNMP polling benchmark: builds the server and the bench, starts the server on a freshly created
# PostgreSQL database, simulates many SNMP devices in the bench JVM (one UDP port each on
# 127.0.0.1), adds them through /api/devices and lets the server's own poller poll them; prints
# interface counters polled per minute, poll duration percentiles, failed polls, the server's CPU
# and memory, and checks the count against the rows the server stored.
#
#   monitoring-bench/run-poll.sh                                       100 devices x 24 interfaces, every 10 s
#   POLL_DEVICES=10 POLL_DURATION=30s POLL_WARMUP=10s monitoring-bench/run-poll.sh   a quick check
#
# Every simulated device is a v2c agent with POLL_INTERFACES 1 Gbit/s interfaces whose counters
# grow at a steady 1-100 Mbit/s each; a poll reads sysUpTime and walks the interface table with
# GETBULK, and stores 8 counters per interface (octets, unicast packets, errors, discards, in and
# out) plus the rates the server derives. Counters per minute and poll durations are the server's
# own figures (GET /api/monitor/polling), not the configuration's.
#
# Needs: Java 17, Maven, psql, ss, and PostgreSQL on 127.0.0.1:5432 accepting user postgres
# without a password. The database named by POLL_DB is DROPPED and recreated: never point it at
# data you want to keep. Only loopback is used; the bench is killed if it runs 5 minutes past its
# warm-up plus duration.
#
# Environment: POLL_DEVICES (100), POLL_INTERFACES (24), POLL_INTERVAL (10, seconds), POLL_DURATION
# (2m), POLL_WARMUP (30s), POLL_BASE_PORT (20161: UDP ports of the devices), POLL_PARALLELISM (the
# server's monitoring.snmp.poll.parallelism, 16), POLL_JAVA_OPTS (server JVM flags, -Xmx1g as the
# systemd unit), POLL_PORT (18092: the server's HTTP port), POLL_DB
# (monitoring_pollbench), POLL_SKIP_BUILD=1 (use what is built), POLL_OUT (logs and results,
# /tmp/monitoring-pollbench).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${POLL_PORT:-18092}"
DB="${POLL_DB:-monitoring_pollbench}"
DEVICES="${POLL_DEVICES:-100}"
INTERFACES="${POLL_INTERFACES:-24}"
INTERVAL="${POLL_INTERVAL:-10}"
DURATION="${POLL_DURATION:-2m}"
WARMUP="${POLL_WARMUP:-30s}"
BASE_PORT="${POLL_BASE_PORT:-20161}"
OUT="${POLL_OUT:-/tmp/monitoring-pollbench}"
ADMIN_PASSWORD="poll-admin-$RANDOM$RANDOM"
PSQL=(psql -X -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1)

# shellcheck source=monitoring-bench/bench-server.sh
. monitoring-bench/bench-server.sh
bench_check_inputs run-poll.sh

seconds_of() {
  case "$1" in
    *ms) echo 1 ;;
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}
for value in "$DURATION" "$WARMUP"; do
  if ! [[ "$value" =~ ^[0-9]+(s|m)?$ ]]; then
    echo "run-poll.sh: POLL_DURATION and POLL_WARMUP must look like 90s or 2m, got '$value'" >&2
    exit 2
  fi
done
LIMIT=$(( $(seconds_of "$DURATION") + $(seconds_of "$WARMUP") + 300 ))

if [ "${POLL_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building server and bench (tests skipped)..."
  mvn -q -B -DskipTests -pl monitoring-web,monitoring-bench -am package
fi

rm -rf "$OUT"
mkdir -p "$OUT"
bench_recreate_database
# The heap the systemd unit gives the server, so heap and RSS read as in production.
export MONITORING_JAVA_OPTS="${POLL_JAVA_OPTS:--Xmx1g}"
export MONITORING_SNMP_POLL_PARALLELISM="${POLL_PARALLELISM:-16}"
# Room for the devices whatever their number; the server's own default is 1000.
export MONITORING_SNMP_MAX_DEVICES=$(( DEVICES > 1000 ? DEVICES : 1000 ))
bench_start_server run-poll.sh

set +e
MONITORING_ADMIN_PASSWORD="$ADMIN_PASSWORD" timeout --signal=TERM "$LIMIT" java -cp monitoring-bench/target/monitoring-bench.jar \
  org.opsmon.monitoring.bench.PollLoad --server "http://127.0.0.1:$PORT" --server-pid "$SERVER_PID" --database "$DB" \
  --devices "$DEVICES" --interfaces "$INTERFACES" --poll-interval "$INTERVAL" --base-port "$BASE_PORT" \
  --duration "$DURATION" --warmup "$WARMUP" | tee "$OUT/poll.txt"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "run-poll.sh: the bench ended with status $status; server log: $OUT/data/server.log" >&2
  exit "$status"
fi

# The server's count of counters read and stored, against the raw counter rows it wrote for the
# simulated devices in the measured window (rows carry the poll's start time, the count its end:
# they may differ by the polls in flight at either edge).
result=$(grep '^RESULT' "$OUT/poll.txt")
field() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
stored=$("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM sample s JOIN series r ON r.id = s.series_id
  JOIN client c ON c.id = r.client_id WHERE c.name LIKE 'sim-%'
  AND r.metric IN ('if.in_octets', 'if.out_octets', 'if.in_packets', 'if.out_packets',
                   'if.in_errors', 'if.out_errors', 'if.in_discards', 'if.out_discards')
  AND s.ts >= to_timestamp($(field from_epoch)) AND s.ts < to_timestamp($(field until_epoch))")
echo "Counter rows stored for the simulated devices in the measured window: $stored; the server counted $(field counters)."
echo "Server log: $(grep -c 'SEVERE' "$OUT/data/server.log" || true) SEVERE and $(grep -c 'WARNING' "$OUT/data/server.log" || true) WARNING lines ($OUT/data/server.log)"
stop_server
