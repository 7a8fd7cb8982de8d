#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds RedFlag if needed, then runs the server on its embedded PostgreSQL and a local agent
# registered to it. Ctrl-C stops both. Settings: REDFLAG_PORT (8080), REDFLAG_DATA (./data).
set -euo pipefail
cd "$(dirname "$0")"

PORT="${REDFLAG_PORT:-8080}"
DATA="${REDFLAG_DATA:-$PWD/data}"
URL="http://127.0.0.1:$PORT"
SERVER_JAR=distribution/server/target/redflag-server.jar
AGENT_JAR=distribution/agent/target/redflag-agent.jar

needs_build() {
  [ ! -f "$SERVER_JAR" ] || [ ! -f "$AGENT_JAR" ] && return 0
  [ -n "$(find pom.xml bundles distribution -newer "$AGENT_JAR" \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -name '*.ps1' \) -print -quit)" ]
}
if needs_build; then
  echo "==> building (mvn -DskipTests package; a first build downloads the dependencies)"
  # one line per module as it is built, without Maven's colours and download chatter
  mvn -B -ntp -DskipTests -Dstyle.color=never package | sed -E 's/\x1b\[[0-9;]*m//g' | sed -nE 's/^\[INFO\] Building (.*) [0-9][^ ]* +\[([0-9]+\/[0-9]+)\]$/    \2 \1/p; /BUILD|ERROR/p'
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "the build failed (see above)"; exit 1; }
fi

mkdir -p "$DATA"
pids=()
cleanup() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "==> starting the server on $URL (log: $DATA/server.log)"
java -jar "$SERVER_JAR" --port "$PORT" --data-dir "$DATA/server" >>"$DATA/server.log" 2>&1 &
pids+=($!)
TOKEN_FILE="$DATA/server/initial-operator-token"
# ready when health says the whole API is up and the operator token works on an authenticated route
ready=""
for _ in $(seq 1 240); do
  kill -0 "${pids[0]}" 2>/dev/null || { echo "server did not start:"; tail -n 20 "$DATA/server.log"; exit 1; }
  if [ -s "$TOKEN_FILE" ] && curl -fsS -o /dev/null "$URL/api/v1/health" 2>/dev/null \
      && curl -fsS -o /dev/null -H "Authorization: Bearer $(cat "$TOKEN_FILE")" \
      "$URL/api/v1/registration-tokens" 2>/dev/null; then
    ready=1; break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "server not ready after 2 min (or no operator token in $TOKEN_FILE, which only the very first start writes):"
  tail -n 20 "$DATA/server.log"; exit 1; }
OPERATOR="$(cat "$TOKEN_FILE")"

AGENT_ARGS=(run --server "$URL" --data-dir "$DATA/agent")
if [ ! -f "$DATA/agent/state.json" ]; then
  REG=$(curl -fsS --retry 10 --retry-delay 1 -X POST "$URL/api/v1/registration-tokens" -H "Authorization: Bearer $OPERATOR" \
        -H 'Content-Type: application/json' -d '{"seats":1,"expiresInSeconds":600,"note":"local agent of run.sh"}')
  AGENT_ARGS+=(--token "$(printf '%s' "$REG" | sed -E 's/.*"token":"([^"]+)".*/\1/')")
fi
echo "==> starting the local agent (log: $DATA/agent.log)"
# exit code 75 is the agent asking to be started again (it switched to a new core); a service manager does the same
# (stopped on its own — a TERM for the loop stops the agent too, not only the loop around it)
( child=""
  trap '[ -z "$child" ] || { kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; }; exit 0' INT TERM
  while :; do
    java -jar "$AGENT_JAR" "${AGENT_ARGS[@]}" >>"$DATA/agent.log" 2>&1 &
    child=$!
    code=0; wait "$child" || code=$?
    [ "$code" = 75 ] || exit "$code"
  done ) &
pids+=($!)

AGENT_ID=""
for _ in $(seq 1 120); do
  AGENT_ID=$(sed -nE 's/.*"agentId":"([^"]+)".*/\1/p' "$DATA/agent/state.json" 2>/dev/null || true)
  [ -n "$AGENT_ID" ] && curl -fsS -H "Authorization: Bearer $OPERATOR" "$URL/api/v1/agents/$AGENT_ID/subsystems" 2>/dev/null \
      | grep -q '"ecosystem":"apt",[^}]*"enabled":true,[^}]*"lastStatus":"[a-z_]' && break
  sleep 1
done
COUNT=$(curl -fsS --retry 10 --retry-delay 1 -H "Authorization: Bearer $OPERATOR" "$URL/api/v1/agents/$AGENT_ID/updates?ecosystem=apt" | grep -o '"id":' | wc -l)

cat <<MSG

RedFlag is running: server $URL, agent $AGENT_ID.
The APT scan of this machine found $COUNT upgradable packages.

The operator token (an admin's; keep it secret) is in $TOKEN_FILE (readable by you only).
Look at them:
  curl -s -H "Authorization: Bearer \$(cat $TOKEN_FILE)" $URL/api/v1/agents/$AGENT_ID/updates
The API, browsable (paste the token under "Authorize"):
  $URL/api/docs
The console's admin account signs in with the one-time password in $DATA/server/initial-admin-password
(written at the very first start, readable by you only; it must be changed at the first sign-in: POST /api/v1/session).

Logs (appended at every start): $DATA/server.log, $DATA/agent.log

Ctrl-C stops the server and the agent; data stays in $DATA.
MSG
wait "${pids[0]}"
