#!/usr/bin/env bash
# Builds the monitoring server and runs it on Payara Micro in the foreground.
# Prints the URL once the application answers; exits non-zero if it cannot start.
#
#   payara-config/run.sh                 build, then run (embedded H2 database under ./data)
#   MONITORING_DB_URL=jdbc:postgresql://127.0.0.1:5432/monitoring MONITORING_DB_USER=... payara-config/run.sh
#
# Environment: MONITORING_HTTP_PORT (8080), MONITORING_SKIP_BUILD=1 (use the built WAR),
# MONITORING_JAVA_OPTS (JVM flags), MONITORING_START_TIMEOUT (seconds, 240), plus every
# MONITORING_* setting of the application (see README).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${MONITORING_HTTP_PORT:-8080}"
TIMEOUT="${MONITORING_START_TIMEOUT:-240}"
WAR=monitoring-web/target/monitoring.war
MICRO=monitoring-web/target/payara-micro.jar
DATA="${MONITORING_DATA_DIR:-data}"
LOG="$DATA/server.log"

if ! [[ "$PORT" =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1 ] || [ "$PORT" -gt 65535 ]; then
  echo "run.sh: MONITORING_HTTP_PORT must be a port number, got '$PORT'" >&2
  exit 2
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run.sh: port $PORT is already in use; stop what uses it or set MONITORING_HTTP_PORT" >&2
  exit 1
fi

if [ "${MONITORING_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -q -B -DskipTests -pl monitoring-web -am package
fi
for f in "$WAR" "$MICRO"; do
  [ -f "$f" ] || { echo "run.sh: $f is missing; run without MONITORING_SKIP_BUILD=1" >&2; exit 1; }
done

mkdir -p "$DATA"
# Each start gets a fresh log (the previous one is kept as server.log.1), so start-up checks
# below only ever read this start's messages.
[ -f "$LOG" ] && mv -f "$LOG" "$LOG.1"
export MONITORING_DATA_DIR="$DATA"
# shellcheck disable=SC2086
java ${MONITORING_JAVA_OPTS:-} -jar "$MICRO" --deploy "$WAR" --contextroot / --port "$PORT" --nocluster \
  --rootdir "$DATA/payara" > >(tee -a "$LOG") 2>&1 &
SERVER_PID=$!

stop() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}
# Whatever ends this script also ends the server: no orphaned JVM holding the port.
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

deadline=$((SECONDS + TIMEOUT))
while :; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID" 2>/dev/null || true
    echo "run.sh: the server exited during start-up; see $LOG" >&2
    exit 1
  fi
  health=$(curl -s --max-time 5 "http://127.0.0.1:$PORT/health" 2>/dev/null || true)
  # The health check registers before the web module takes requests (those get 503 for a
  # moment), so the application must also answer one of its own requests: an empty token
  # request is refused with 400 once the API serves.
  if [[ "$health" == *'"name":"database","status":"UP"'* ]] \
     && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST \
            -H 'Content-Type: application/x-www-form-urlencoded' --data '' \
            "http://127.0.0.1:$PORT/api/auth/token" 2>/dev/null || true)" = 400 ]; then
    break
  fi
  # Payara Micro reports "ready" once it has tried every deployment; if the application's own
  # health check is still missing then, its deployment failed (the server would idle on, empty).
  if grep -qE "Exception while (loading|deploying) the app|Deployment failed|BindException" "$LOG" 2>/dev/null \
     || { grep -qE "Payara Micro .* ready in" "$LOG" 2>/dev/null && [[ "$health" != *'"name":"database"'* ]] \
          && sleep 3 && ! curl -s --max-time 5 "http://127.0.0.1:$PORT/health" | grep -q '"name":"database"'; }; then
    cause=$(grep -E "^Caused by: " "$LOG" 2>/dev/null | tail -n 1 | cut -c 12-300 || true)
    echo "run.sh: the application failed to start${cause:+: $cause}; see $LOG" >&2
    stop
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "run.sh: the application did not become ready within ${TIMEOUT}s; see $LOG" >&2
    stop
    exit 1
  fi
  sleep 2
done

echo
echo "Monitoring server is up: http://localhost:$PORT/   (health: /health, API: /api, OpenAPI: /openapi)"
echo "Log: $LOG. Stop with Ctrl-C."
wait "$SERVER_PID"
