# Shared by the benchmark scripts (sourced, not run): recreate the database, start the server on
# loopback and stop it whatever ends the script, wait for other work on the machine to settle.
# Expects PORT, DB, OUT, ADMIN_PASSWORD, QUIET_WAIT and the PSQL array to be set; extra
# environment for the server (MONITORING_*) may be exported before.
# The caller must run from the repository root.

bench_check_inputs() {
  local script="$1"
  if [[ ! "$DB" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "$script: the database name must be a plain lower-case identifier, got '$DB'" >&2
    exit 2
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "$script: port $PORT is in use; choose another port" >&2
    exit 1
  fi
}

bench_recreate_database() {
  echo "Recreating database $DB..."
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
}

server_pid() {
  ss -Hltnp "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2
}

RUN_PID=""
stop_server() {
  if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
    # run.sh stops its java child on TERM; the port check below catches a straggler.
    kill -TERM "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
  local pid
  pid=$(server_pid || true)
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
  fi
  RUN_PID=""
}

# Starts payara-config/run.sh on the database and port, waits until it is up, sets SERVER_PID.
bench_start_server() {
  local script="$1"
  trap stop_server EXIT
  echo "Starting the server on 127.0.0.1:$PORT (log: $OUT/data/server.log)..."
  MONITORING_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" MONITORING_DB_USER=postgres \
    MONITORING_ADMIN_PASSWORD="$ADMIN_PASSWORD" MONITORING_HTTP_PORT="$PORT" MONITORING_SKIP_BUILD=1 \
    MONITORING_DATA_DIR="$OUT/data" payara-config/run.sh > "$OUT/run.out" 2>&1 &
  RUN_PID=$!
  local deadline=$((SECONDS + 300))
  until grep -q "Monitoring server is up" "$OUT/run.out" 2>/dev/null; do
    if ! kill -0 "$RUN_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      echo "$script: the server did not start; last lines of $OUT/run.out:" >&2
      tail -n 20 "$OUT/run.out" >&2
      exit 1
    fi
    sleep 2
  done
  SERVER_PID=$(server_pid)
  echo "Server is up (pid $SERVER_PID)."
}

# Busy share of all cores over two seconds, from /proc/stat (user..steal, idle = idle + iowait).
machine_busy_percent() {
  local a b
  a=($(head -n1 /proc/stat)); sleep 2; b=($(head -n1 /proc/stat))
  local total=0 idle i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  idle=$((b[4] - a[4] + b[5] - a[5]))
  echo $(( total > 0 ? 100 * (total - idle) / total : 0 ))
}

# Other work on the machine (builds, other test servers) skews the figures; give it a chance to
# end, for at most QUIET_WAIT seconds.
wait_for_quiet() {
  local until=$((SECONDS + QUIET_WAIT)) busy
  while :; do
    busy=$(machine_busy_percent)
    if [ "$busy" -le 20 ]; then
      return
    fi
    if [ "$SECONDS" -ge "$until" ]; then
      echo "  note: the machine is still ${busy}% busy with other work; measuring anyway"
      return
    fi
    echo "  machine ${busy}% busy with other work, waiting..."
    sleep 3
  done
}
