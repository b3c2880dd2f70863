#!/usr/bin/env bash
# Soak benchmark: does the server's memory stay flat under steady ingest with hostile agents?
# Builds the server and the load generator, starts the server on a freshly created PostgreSQL
# database, runs realistic agents next to hostile ones for SOAK_DURATION, samples the server every
# minute and ends with PASS (exit 0) or FAIL (exit 1).
#
#   monitoring-bench/run-soak.sh                      30 minutes, as recorded in docs/benchmarks.md
#   SOAK_DURATION=3m SOAK_WARMUP=1m monitoring-bench/run-soak.sh   a quick check that it all works
#
# Load (defaults): 50 realistic agents, one rich snapshot each every 10 s (8 cores, 3 file
# systems, 2 block devices, 3 interfaces, counters growing; about 5 requests/s), 10 of them over
# the agent stream /ws/agent and 40 over HTTP; and 3 hostile agents: one that invents 50 new
# interface names in every snapshot (400 new series each 10 s), one that sends a bad body every
# second (broken JSON, NUL characters, bad UTF-8, oversized, too many or too deep, wrong types,
# forged token, another client's id ...; each should get a 4xx), and one that abuses connections
# every second (dropped, cut off, held open with a missing body, not HTTP, wrong passwords,
# forged and dropped streams).
#
# Every minute the generator forces a full GC in the server (jcmd GC.run) and records heap after
# GC (jcmd GC.heap_info), RSS (/proc/PID/status), threads and open files, next to the minute's
# requests/s, 5xx count and p50/p99 latency of the realistic agents.
#
# The bound, judged between the sample that ends the warm-up (SOAK_WARMUP, 5m) and the last one:
#   heap after GC may grow by at most 10 % + 16 MiB, RSS by at most 64 MiB; no 5xx; server alive.
# Why: after a full GC the heap holds live data only, and in a steady state that is flat except
# for caches filling up to their limits (series ids, last counter readings, token cache, login
# throttle, the flooder's series up to the per-client cap): a few MiB whatever the heap size,
# hence the fixed 16 MiB; the 10 % absorbs what scales with the heap (soft references, classes of
# paths taken late). At ~7 requests/s for 25 minutes (about 10,000 requests), the bound is crossed
# by anything that keeps ~4 KiB per request, e.g. one parsed snapshot per request; smaller leaks
# show in the printed trend (MiB/h) before they cross it, and need the longer run to prove.
# The server runs with a fixed, pre-touched heap (SOAK_JAVA_OPTS: -Xms1g -Xmx1g, the systemd
# unit's -Xmx1g, plus -XX:+AlwaysPreTouch) so RSS cannot grow by the heap expanding: its growth is
# native memory only (JIT code, metaspace, thread stacks, direct buffers, malloc arenas). JIT
# compilation of late-taken paths alone adds a few tens of MiB over a run, so 64 MiB leaves room
# for it while catching a leak of threads or native buffers. The first sample's warm-up minutes
# are shown but not judged: pools, caches and compiled code fill then.
#
# Needs: Java 17 (with jcmd), Maven, psql, ss, and PostgreSQL on 127.0.0.1:5432 accepting user
# postgres without a password. The database named by SOAK_DB is DROPPED and recreated: never point
# it at data you want to keep. Only loopback is used; the generator stops after SOAK_DURATION and
# is killed 10 minutes after that if it has not.
#
# Environment: SOAK_DURATION (30m, warm-up included), SOAK_WARMUP (5m), SOAK_AGENTS (50),
# SOAK_STREAM_AGENTS (10), SOAK_INTERVAL (10s), SOAK_HOSTILE (3; in turn flooder, bad bodies,
# connection abuser), SOAK_PORT (18091), SOAK_DB (monitoring_soak), SOAK_JAVA_OPTS (server JVM
# flags, see above), SOAK_ARGS (more generator flags, e.g. "--rss-growth-mib 96"; see
# `java -cp monitoring-bench/target/monitoring-bench.jar org.opsmon.monitoring.bench.Soak --help`),
# SOAK_SKIP_BUILD=1 (use what is built), SOAK_OUT (logs and results, /tmp/monitoring-soak).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${SOAK_PORT:-18091}"
DB="${SOAK_DB:-monitoring_soak}"
DURATION="${SOAK_DURATION:-30m}"
WARMUP="${SOAK_WARMUP:-5m}"
OUT="${SOAK_OUT:-/tmp/monitoring-soak}"
ADMIN_PASSWORD="soak-admin-$RANDOM$RANDOM"
CLIENT_PASSWORD="soak-client-$RANDOM$RANDOM"
PSQL=(psql -X -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1)

# shellcheck source=monitoring-bench/bench-server.sh
. monitoring-bench/bench-server.sh
bench_check_inputs run-soak.sh

seconds_of() {
  case "$1" in
    *ms) echo 1 ;;
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}
if ! [[ "$DURATION" =~ ^[0-9]+(s|m|h)?$ ]]; then
  echo "run-soak.sh: SOAK_DURATION must look like 30m, 1800s or 2h, got '$DURATION'" >&2
  exit 2
fi
LIMIT=$(( $(seconds_of "$DURATION") + 600 ))

if [ "${SOAK_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building server and load generator (tests skipped)..."
  mvn -q -B -DskipTests -pl monitoring-web,monitoring-bench -am package
fi

rm -rf "$OUT"
mkdir -p "$OUT"
bench_recreate_database
export MONITORING_JAVA_OPTS="${SOAK_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
# All agents share 127.0.0.1, and the abuser's wrong passwords lock that address out of logins by
# design: the realistic agents log in once, first, so their tokens must outlive the run.
export MONITORING_TOKEN_LIFETIME=$(( LIMIT + 3600 ))
bench_start_server run-soak.sh

set +e
# shellcheck disable=SC2086
MONITORING_ADMIN_PASSWORD="$ADMIN_PASSWORD" timeout --signal=TERM "$LIMIT" java -cp monitoring-bench/target/monitoring-bench.jar org.opsmon.monitoring.bench.Soak \
  --server "http://127.0.0.1:$PORT" --client-password "$CLIENT_PASSWORD" \
  --server-pid "$SERVER_PID" --duration "$DURATION" --warmup "$WARMUP" \
  --agents "${SOAK_AGENTS:-50}" --stream-agents "${SOAK_STREAM_AGENTS:-10}" --interval "${SOAK_INTERVAL:-10s}" \
  --hostile "${SOAK_HOSTILE:-3}" ${SOAK_ARGS:-} | tee "$OUT/soak.txt"
verdict=${PIPESTATUS[0]}
set -e

echo
LOG="$OUT/data/server.log"
echo "Server log: $(grep -c 'SEVERE' "$LOG" || true) SEVERE and $(grep -c 'WARNING' "$LOG" || true) WARNING lines ($LOG)"
# The soak sends passwords, right and wrong; none may reach the log.
if grep -qE "$ADMIN_PASSWORD|$CLIENT_PASSWORD|wrong-[0-9]{6,}" "$LOG"; then
  echo "FAIL: a password the soak sent appears in the server log"
  verdict=1
fi
echo "Rows: $("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM series") series, \
$("${PSQL[@]}" -d "$DB" -At -c "SELECT count(*) FROM sample") samples"
stop_server
exit "$verdict"
