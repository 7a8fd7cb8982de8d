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

# start_server: the server jar ($SERVER_JAR_ABS) on $PORT with its data and log in $TMP, the rate limits lifted (a
# benchmark drives one address, one operator token and each agent far harder than a fleet does); waits until it is
# healthy and its initial operator token works (health answers as soon as the database does, which can be before the
# token is written). Sets SPID and TOKEN_FILE.
start_server() {
  local limits="" name t0
  for name in public public.reads agent operator; do
    limits="$limits -Dredflag.ratelimit.$name.burst=1000000 -Dredflag.ratelimit.$name.per.second=1000000"
  done
  # shellcheck disable=SC2086 # the options are words
  java $limits ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR_ABS" --port "$PORT" --data-dir "$TMP/server" >"$TMP/server.log" 2>&1 &
  SPID=$!
  TOKEN_FILE="$TMP/server/initial-operator-token"
  t0=$(ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/health" 2>/dev/null)" = 200 ]; do
    kill -0 "$SPID" 2>/dev/null || { echo "server exited during start:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }
    [ $(( $(ms) - t0 )) -lt 60000 ] || { echo "server not healthy after 60 s:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "    healthy after $(( $(ms) - t0 )) ms"
  until [ -s "$TOKEN_FILE" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$TOKEN_FILE")" \
      "$URL/api/v1/artifacts" 2>/dev/null)" = 200 ]; do
    kill -0 "$SPID" 2>/dev/null || { echo "server exited during start:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }
    [ $(( $(ms) - t0 )) -lt 90000 ] || { echo "no working operator token in $TOKEN_FILE 90 s after start" >&2; exit 1; }
    sleep 0.2
  done
  echo "    ready (operator token, authenticated routes) after $(( $(ms) - t0 )) ms"
}

# cpu_split PID PIDFILE: CPU seconds used so far by the JVM PID and by the PostgreSQL whose postmaster.pid is PIDFILE
# (the postmaster and its backends; the embedded one runs detached from the JVM) as "jvm postgres"
cpu_split() {
  python3 - "$1" "$2" <<'PY'
import os, sys
root = int(sys.argv[1]); hz = os.sysconf("SC_CLK_TCK")
try:
    postmaster = int(open(sys.argv[2]).readline().strip())
except (OSError, ValueError):
    postmaster = -1
children, stat = {}, {}
for p in os.listdir("/proc"):
    if p.isdigit():
        try:
            rest = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            stat[int(p)] = int(rest[11]) + int(rest[12])
            children.setdefault(int(rest[1]), []).append(int(p))
        except OSError:
            pass
pg, todo = 0, [postmaster] if postmaster in stat else []
while todo:
    p = todo.pop()
    pg += stat.get(p, 0)
    todo += children.get(p, [])
print(f"{stat.get(root, 0) / hz:.2f} {pg / hz:.2f}")
PY
}
