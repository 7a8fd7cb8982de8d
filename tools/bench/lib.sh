# SPDX-License-Identifier: Apache-2.0
# What the benchmarks share (sourced, not run): a free loopback port, commands run in the background so that Ctrl-C
# is handled at once, stopping a process politely and then not, and the embedded PostgreSQL a killed server left.

ms() { date +%s%3N; }

port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }

# pick_port: PORT as given (checked), else 18080 when free, else any free port; sets PORT and URL
pick_port() {
  if [ -z "${PORT:-}" ]; then
    PORT=18080
    port_free "$PORT" || PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  elif ! [[ "$PORT" =~ ^[0-9]+$ ]]; then
    echo "PORT must be a port number, not '$PORT'" >&2; exit 2
  elif ! port_free "$PORT"; then
    echo "port $PORT is taken" >&2; exit 2
  fi
  URL="http://127.0.0.1:$PORT"
}

CHILD=""
# run_bg CMD...: runs CMD in the background and waits, so that INT/TERM are handled at once (bash runs
# traps only between foreground commands) and cleanup can stop CMD
run_bg() {
  local rc=0
  "$@" &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

# stop_child: the command run_bg is waiting for, if any
stop_child() {
  if [ -n "$CHILD" ]; then kill "$CHILD" 2>/dev/null || true; wait "$CHILD" 2>/dev/null || true; fi
}

# stop_pid PID NAME: SIGTERM, up to 15 s, then SIGKILL
stop_pid() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$2 (pid $pid) did not stop within 15 s: kill -9" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  fi
}

# stop_leftover_postgres DATA_DIR: a postmaster that outlived its server JVM (kill -9, a crash), by its own pid file
stop_leftover_postgres() {
  local pidfile="$1/postgres/postmaster.pid" pg
  if [ -f "$pidfile" ]; then
    pg=$(head -n 1 "$pidfile" | tr -dc '0-9')
    if [ -n "$pg" ] && grep -q postgres "/proc/$pg/comm" 2>/dev/null; then
      echo "stopping the embedded PostgreSQL left behind (pid $pg)" >&2
      kill -INT "$pg" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pg" 2>/dev/null && kill -KILL "$pg" 2>/dev/null || true
    fi
  fi
}
