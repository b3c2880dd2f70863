#!/bin/sh
# Footprint of the agent as the systemd unit runs it (through packaging/monitoring-agent, so with
# packaging/jvm.options and the launcher's environment): CPU (% of one core, from utime+stime in
# /proc/PID/stat) and resident memory (VmRSS), at a 1 s and a 10 s interval, delivering to a
# real HTTP (or https, see below) sink on loopback. Prints the figures as a table for docs/benchmarks.md.
# Usage: bench/footprint.sh [seconds-per-run, default 90]   (run from anywhere)
# Environment:
#   FOOTPRINT_TLS=1          https sink with a throwaway self-signed certificate (openssl), which
#                            the agent trusts through --ca-cert (nothing else in its trust store)
#   FOOTPRINT_TLS=jdk        the same sink, but the agent keeps the JDK trust store (a copy of the
#                            JDK's cacerts with the sink's certificate added), for comparison
#   FOOTPRINT_INTERVALS="10s"  the intervals to measure (default "1s 10s")
#   FOOTPRINT_JAVA_OPTS="…"    extra JVM flags after jvm.options, e.g. -XX:ActiveProcessorCount=16
#                            to see what the JVM would size for a 16-core host
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/../target/monitoring-agent.jar"
MEASURE="${1:-90}"
WARMUP=20
TLS="${FOOTPRINT_TLS:-0}"
INTERVALS="${FOOTPRINT_INTERVALS:-1s 10s}"
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -B -pl monitoring-agent -am package -DskipTests)

LAUNCHER="$HERE/../packaging/monitoring-agent"
JVM_FLAGS="$(sed -e 's/#.*//' "$HERE/../packaging/jvm.options" | tr -s ' \n' '  ' | sed -e 's/^ *//; s/ *$//')"
EXTRA_FLAGS="${FOOTPRINT_JAVA_OPTS:-}"
WORK="$(mktemp -d)"
SINK=""
trap '[ -z "$SINK" ] || kill $SINK 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
case "$TLS" in
    0|"")
        SCHEME=http; SINK_TLS=""; AGENT_TLS=""; SERVER_KIND="http://" ;;
    1|jdk)
        SCHEME=https
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
            -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
            -keyout "$WORK/sink-key.pem" -out "$WORK/sink-cert.pem" 2>/dev/null
        SINK_TLS="$WORK/sink-cert.pem $WORK/sink-key.pem"
        if [ "$TLS" = 1 ]; then
            AGENT_TLS="--ca-cert $WORK/sink-cert.pem"; SERVER_KIND="https://, --ca-cert (1 certificate)"
        else
            JAVA_HOME_DIR=$(java -XshowSettings:properties -version 2>&1 | awk '/java.home = / { print $3 }')
            cp -L "$JAVA_HOME_DIR/lib/security/cacerts" "$WORK/cacerts"
            keytool -importcert -noprompt -keystore "$WORK/cacerts" -storepass changeit -alias bench-sink \
                -file "$WORK/sink-cert.pem" >/dev/null 2>&1
            EXTRA_FLAGS="$EXTRA_FLAGS -Djavax.net.ssl.trustStore=$WORK/cacerts"
            AGENT_TLS=""
            SERVER_KIND="https://, JDK trust store ($(keytool -list -keystore "$WORK/cacerts" -storepass changeit 2>/dev/null | grep -c trustedCertEntry) certificates)"
        fi ;;
    *)
        echo "FOOTPRINT_TLS must be 0, 1 or jdk" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086
python3 "$HERE/sink.py" "$PORT" $SINK_TLS & SINK=$!
sleep 1

HZ=$(getconf CLK_TCK)
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
anon_kib() { awk '/^RssAnon:/ { print $2 }' "/proc/$1/status"; }

RESULTS=""
for INTERVAL in $INTERVALS; do
    printf 'username=bench\npassword=bench\nservice=true\n' > "$WORK/agent.properties"
    # shellcheck disable=SC2086
    MONITORING_AGENT_JAVA_OPTS="$EXTRA_FLAGS" sh "$LAUNCHER" --config "$WORK/agent.properties" --server "$SCHEME://127.0.0.1:$PORT" $AGENT_TLS \
        --interval "$INTERVAL" --spool "$WORK/spool-$INTERVAL" --log-level WARNING 2>"$WORK/agent-$INTERVAL.log" &
    PID=$!
    sleep "$WARMUP"
    T0=$(ticks $PID); S0=$(date +%s.%N)
    MAXRSS=0
    i=0
    while [ $i -lt "$MEASURE" ]; do
        sleep 1
        R=$(rss_kib $PID); [ "$R" -gt "$MAXRSS" ] && MAXRSS=$R
        i=$((i + 1))
    done
    T1=$(ticks $PID); S1=$(date +%s.%N)
    RSS=$(rss_kib $PID); ANON=$(anon_kib $PID)
    kill $PID; wait $PID 2>/dev/null || true
    CPU=$(echo "$T0 $T1 $S0 $S1 $HZ" | awk '{ printf "%.2f", ($2 - $1) / $5 / ($4 - $3) * 100 }')
    PENDING=$(ls "$WORK/spool-$INTERVAL" | grep -c '\.seg$' || true)
    printf 'interval %-4s cpu %6s %% of one core   rss %5.1f MiB (max %5.1f MiB, private %5.1f MiB)   over %s s\n' \
        "$INTERVAL" "$CPU" "$(echo "$RSS" | awk '{print $1/1024}')" "$(echo "$MAXRSS" | awk '{print $1/1024}')" \
        "$(echo "$ANON" | awk '{print $1/1024}')" "$MEASURE"
    # Segments still in the spool at the end: more than one means delivery fell behind the sink.
    echo "  spool segments left: $PENDING"
    RESULTS="$RESULTS| $INTERVAL | $CPU % | $(echo "$RSS" | awk '{printf "%.1f", $1/1024}') MiB | $(echo "$MAXRSS" | awk '{printf "%.1f", $1/1024}') MiB | $(echo "$ANON" | awk '{printf "%.1f", $1/1024}') MiB |
"
    if [ -s "$WORK/agent-$INTERVAL.log" ]; then
        echo "agent log ($INTERVAL):"; sed 's/^/  /' "$WORK/agent-$INTERVAL.log" | tail -5
    fi
done

CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
RAM=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo
echo "Machine: $(nproc) cores ($CPU_MODEL), $RAM RAM, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "JVM flags: $JVM_FLAGS $EXTRA_FLAGS (launcher: MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2})"
echo "Server: $SERVER_KIND"
echo
echo "| interval | CPU (one core) | RSS | max RSS | private (RssAnon) |"
echo "|---|---|---|---|---|"
printf '%s' "$RESULTS"
echo "Target: at most 1 % of one core and 64 MiB RSS at the 10 s interval (docs/benchmarks.md)."
