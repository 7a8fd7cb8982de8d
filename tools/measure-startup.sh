#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Measures how long each runtime takes to start and its resident memory afterwards, and writes the
# figures to target/startup.tsv. Uses the built jars (run ./run.sh or mvn package first), ps(1) for
# RSS, a free port and a throw-away data folder. RUNS (default 3) repetitions; the first server start
# includes initdb and unpacking PostgreSQL, later ones restart on existing data.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
OUT=target/startup.tsv
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL="http://127.0.0.1:$PORT"
mkdir -p target
printf 'run\truntime\tstartup_ms\trss_kb\tload1\n' > "$OUT"
trap 'pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT

ms() { date +%s%3N; }
for i in $(seq 1 "$RUNS"); do
  t0=$(ms)
  java -jar distribution/server/target/redflag-server.jar --port "$PORT" --data-dir "$WORK/server" >"$WORK/server-$i.log" 2>&1 &
  spid=$!
  until curl -fsS "$URL/api/v1/health" >/dev/null 2>&1; do sleep 0.05; done
  t1=$(ms)
  sleep 5
  printf '%s\tserver\t%s\t%s\t%s\n' "$i" $((t1 - t0)) "$(ps -o rss= -p $spid | tr -d ' ')" "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT"
  if [ "$i" = 1 ]; then
    TOKEN=$(curl -fsS -X POST "$URL/api/v1/registration-tokens" -H "Authorization: Bearer $(cat "$WORK/server/initial-operator-token")" \
      -H 'Content-Type: application/json' -d '{"seats":1}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
  fi
  t0=$(ms)
  java -jar distribution/agent/target/redflag-agent.jar run --server "$URL" --token "$TOKEN" --data-dir "$WORK/agent" >"$WORK/agent-$i.log" 2>&1 &
  apid=$!
  until grep -q "started in" "$WORK/agent-$i.log" 2>/dev/null; do sleep 0.05; done
  t1=$(ms)
  sleep 5
  printf '%s\tagent\t%s\t%s\t%s\n' "$i" $((t1 - t0)) "$(ps -o rss= -p $apid | tr -d ' ')" "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT"
  kill $apid $spid; wait $apid $spid 2>/dev/null || true
done
column -t "$OUT"
