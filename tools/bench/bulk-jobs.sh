#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bulk jobs: starts the built server on its embedded PostgreSQL (throw-away data folder, free loopback port), registers
# AGENTS agents that run apt (tools/bench/RegisterAgents.java), then times POST /api/v1/jobs for a scan of every agent
# (one signed command, its audit row and its job row per agent), reading the job back (GET /api/v1/jobs/{id}), and a
# second scan job over the same agents (each finds its scan under way and follows it). Writes
# target/bench/bulk-jobs.json and prints a summary. Settings: SERVER_JAR, PORT, AGENTS (1000), REG_THREADS (4).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
ROOT=$PWD

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
AGENTS="${AGENTS:-1000}"
REG_THREADS="${REG_THREADS:-4}"
OUT_DIR=target/bench
OUT="$OUT_DIR/bulk-jobs.json"
for v in AGENTS REG_THREADS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] && [ "${!v}" -ge 1 ] || { echo "$v must be a whole number >= 1, not '${!v}'" >&2; exit 2; }
done
[ "$AGENTS" -le 10000 ] || { echo "AGENTS must be at most 10000 (the most one job acts on)" >&2; exit 2; }
[ -f "$SERVER_JAR" ] || { echo "no server jar at $SERVER_JAR: build first: mvn -B -DskipTests package" >&2; exit 2; }
for c in java curl python3; do command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 2; }; done
SERVER_JAR_ABS=$(cd "$(dirname "$SERVER_JAR")" && pwd)/$(basename "$SERVER_JAR")
pick_port

TMP=$(mktemp -d)
SPID=""
cleanup() {
  stop_child
  stop_pid "$SPID" server
  stop_leftover_postgres "$TMP/server"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> server $SERVER_JAR on $URL ($(nproc) cores)"
start_server
echo "==> registering $AGENTS agents that run apt"
run_bg java "$ROOT/tools/bench/RegisterAgents.java" "$URL" "$TOKEN_FILE" "$AGENTS" "$REG_THREADS" "$TMP/agents.lua" apt
T=$(cat "$TOKEN_FILE")

# job NAME: POST a scan job of every agent, print "ms total queued skipped id"
job() {
  local t0 took
  t0=$(ms)
  curl -sf -X POST -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d '{"action": "scan", "selection": {"all": true}, "ecosystem": "apt"}' "$URL/api/v1/jobs" -o "$TMP/job.json"
  took=$(( $(ms) - t0 ))
  echo "$took $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); c=j["counts"]
print(c["total"], c["queued"], c["skipped"], j["id"])' "$TMP/job.json")"
}
read -r FIRST_MS TOTAL QUEUED SKIPPED JOB <<<"$(job)"
[ "$TOTAL" = "$AGENTS" ] && [ "$QUEUED" = "$AGENTS" ] || { echo "first job: $TOTAL agents, $QUEUED queued (expected $AGENTS)" >&2; exit 1; }
t0=$(ms)
curl -sf -H "Authorization: Bearer $T" "$URL/api/v1/jobs/$JOB" -o /dev/null
READ_MS=$(( $(ms) - t0 ))
read -r AGAIN_MS TOTAL2 QUEUED2 SKIPPED2 _ <<<"$(job)"
[ "$QUEUED2" = "$AGENTS" ] || { echo "second job: $QUEUED2 queued (expected $AGENTS following the scans under way)" >&2; exit 1; }

mkdir -p "$OUT_DIR"
python3 - "$OUT" "$AGENTS" "$FIRST_MS" "$READ_MS" "$AGAIN_MS" "$(nproc)" <<'PY'
import json, sys, datetime
out, agents, first, read, again, cores = sys.argv[1], *map(int, sys.argv[2:])
json.dump({"agents": agents, "scanJobMs": first, "perAgentMs": round(first / agents, 3), "readJobMs": read,
           "repeatJobMs": again, "serverCores": cores,
           "at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}, open(out, "w"), indent=2)
PY
echo "==> a scan job of $AGENTS agents in $FIRST_MS ms ($(python3 -c "print(round($FIRST_MS/$AGENTS,2))") ms per agent); read back in $READ_MS ms; again (scans under way) in $AGAIN_MS ms -> $OUT"
