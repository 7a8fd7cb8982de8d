#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hot-swap and fleet convergence: starts the built server on its embedded PostgreSQL (throw-away data folder, free
# loopback port) and builds the third-party "snap" scanner plug-in in versions 1.0.0 … 1.0.SWAPS and 1.1.0
# (tools/bench/HotSwapBench.java: compiled once against the api bundle inside the agent jar, then only the version
# changes per jar). Then, in two parts:
#  1. Swaps (SWAPS > 0): one real agent (the agent jar, a local process) registers; 1.0.0 is published and snap
#     enabled on it; then 1.0.1 … 1.0.SWAPS are published one at a time. For each, the bench waits until
#     GET /api/v1/agents/{id} shows that version active and reads the agent's "desired state <hash12> in place in
#     N ms" line (desired state received → new version active). The agent only notices at its next check-in (every
#     15 s), so a swap takes up to ~16 s of wall time: SWAPS=20 is about 5–6 minutes. The agent is then stopped.
#     (publishToActiveMillis is close to poll interval + 1 s by construction: each publish follows the agent's report,
#     which it sends 1 s after a swap, so its next check-in is a whole interval away.)
#  2. Convergence (AGENTS > 0): AGENTS simulated agents in one JVM, each registered with its own Ed25519 key and
#     proof of possession, check in every pollIntervalSeconds (random phase) and follow the update protocol
#     (desired state, TUF metadata requests, the target file by hash, SHA-256 checked, reported at the next check-in).
#     Snap is enabled on all of them; when all run 1.0.SWAPS, 1.1.0 is published at T and convergeSeconds is the
#     time until every one applied it (the simulator knows; the server's view is checked too: appliedDesiredState of
#     every agent, the bundles of a SAMPLE of them). The goal: 1,000 agents within two poll intervals.
#     The simulator exercises the server's load and protocol, not the agent's TUF verification (it checks no
#     signatures and swaps nothing in), which the product's own tests cover; part 1 times the real agent's swap.
# Writes target/bench/hotswap.json (and copies of the server and agent logs next to it) and prints a one-line
# summary; exits 1 when a part failed, an agent did not converge or a request failed (what was measured is still
# written), 2 for wrong settings.
# Settings: SERVER_JAR (distribution/server/target/redflag-server.jar), AGENT_JAR (distribution/agent/target/
# redflag-agent.jar), PORT (18080 if free, else any), SWAPS (20; 0 = no swap part), AGENTS (1000; 0 = no
# convergence part), THREADS (32, simulator threads), REG_THREADS (4, parallel registrations and enables), SAMPLE (20,
# agents whose bundles are read back from the server), SWAP_TIMEOUT (90, s per swap), CONVERGE_TIMEOUT (180, s per
# convergence wait), SERVER_JAVA_OPTS, AGENT_JAVA_OPTS, SIM_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=s.jfr).
# Needs java (a JDK), curl and python3 (stdlib). The server's rate limits are lifted for the run.
# Access tokens live 15 min; simulated agents renew theirs on a 401 as the agent does.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
ROOT=$PWD

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
AGENT_JAR="${AGENT_JAR:-distribution/agent/target/redflag-agent.jar}"
SWAPS="${SWAPS:-20}"
AGENTS="${AGENTS:-1000}"
THREADS="${THREADS:-32}"
REG_THREADS="${REG_THREADS:-4}"
SAMPLE="${SAMPLE:-20}"
SWAP_TIMEOUT="${SWAP_TIMEOUT:-90}"
CONVERGE_TIMEOUT="${CONVERGE_TIMEOUT:-180}"
OUT_DIR=target/bench
OUT="$OUT_DIR/hotswap.json"

for v in SWAPS AGENTS THREADS REG_THREADS SAMPLE SWAP_TIMEOUT CONVERGE_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$SWAPS" -gt 0 ] || [ "$AGENTS" -gt 0 ] || { echo "SWAPS=0 and AGENTS=0: nothing to measure" >&2; exit 2; }
[ "$SWAPS" -le 999 ] || { echo "SWAPS must be at most 999 (each swap takes up to ~16 s)" >&2; exit 2; }
[ "$THREADS" -ge 1 ] && [ "$REG_THREADS" -ge 1 ] || { echo "THREADS and REG_THREADS must be >= 1" >&2; exit 2; }
[ "$SWAP_TIMEOUT" -ge 20 ] || { echo "SWAP_TIMEOUT must be >= 20 s (the agent polls every 15 s)" >&2; exit 2; }
[ "$CONVERGE_TIMEOUT" -ge 40 ] || { echo "CONVERGE_TIMEOUT must be >= 40 s (two poll intervals and more)" >&2; exit 2; }
[ -f "$SERVER_JAR" ] || { echo "no server jar at $SERVER_JAR: build first: mvn -B -DskipTests package" >&2; exit 2; }
[ -f "$AGENT_JAR" ] || { echo "no agent jar at $AGENT_JAR: build first: mvn -B -DskipTests package" >&2; exit 2; }
for c in java curl python3; do command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 2; }; done
command -v javac >/dev/null || { echo "javac not found: the plug-in is compiled at run time, which needs a JDK" >&2; exit 2; }
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
SERVER_JAR_ORIG=$(abs "$SERVER_JAR")
AGENT_JAR_ORIG=$(abs "$AGENT_JAR")
BENCH="$ROOT/tools/bench/HotSwapBench.java"

LOAD1_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
CORES=$(nproc)

pick_port

TMP=$(mktemp -d)
SPID=""
APID=""
stop_agent() {
  stop_pid "$APID" agent
  APID=""
}
stop_server() {
  stop_pid "$SPID" server  # the server stops its PostgreSQL on SIGTERM
  SPID=""
  stop_leftover_postgres "$TMP/server"
}
cleanup() {
  stop_child
  stop_agent
  stop_server
  mkdir -p "$ROOT/$OUT_DIR" 2>/dev/null || true
  if [ -f "$TMP/server.log" ]; then cp "$TMP/server.log" "$ROOT/$OUT_DIR/hotswap-server.log" 2>/dev/null || true; fi
  if [ -f "$TMP/agent.log" ]; then cp "$TMP/agent.log" "$ROOT/$OUT_DIR/hotswap-agent.log" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# the JVMs run copies: a rebuild during the run (mvn package rewrites target/*.jar) would pull classes from under them
mkdir -p "$TMP/jars"
cp "$SERVER_JAR_ORIG" "$TMP/jars/redflag-server.jar"
cp "$AGENT_JAR_ORIG" "$TMP/jars/redflag-agent.jar"
SERVER_JAR_ABS="$TMP/jars/redflag-server.jar"
AGENT_JAR_ABS="$TMP/jars/redflag-agent.jar"
SERVER_SHA=$(sha256sum "$SERVER_JAR_ABS" | cut -c1-64)
AGENT_SHA=$(sha256sum "$AGENT_JAR_ABS" | cut -c1-64)

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

echo "==> server $SERVER_JAR on $URL (data and logs in $TMP; load1 $LOAD1_BEFORE, $CORES cores)"
start_server

# --- the bench program, compiled with the registration code it shares with checkin.sh (proofs of possession) ---
mkdir -p "$TMP/bench-classes"
javac -d "$TMP/bench-classes" "$ROOT/tools/bench/RegisterAgents.java" "$BENCH" || { echo "the bench does not compile" >&2; exit 1; }

# --- the plug-in, one jar per version ---
VERSIONS=()
for i in $(seq 0 "$SWAPS"); do VERSIONS+=("1.0.$i"); done
NEXT_VERSION=1.1.0
echo "==> building the snap plug-in: 1.0.0 … 1.0.$SWAPS and $NEXT_VERSION"
run_bg java -cp "$TMP/bench-classes" HotSwapBench plugins "$AGENT_JAR_ABS" "$TMP/plugins" "${VERSIONS[@]}" "$NEXT_VERSION"

# --- part 1: one real agent, SWAPS swaps ---
SWAPS_RC=0
if [ "$SWAPS" -gt 0 ]; then
  echo "==> swaps: one agent ($AGENT_JAR), 1.0.0 installed, then $SWAPS swaps (up to ~16 s each)"
  REG=$(curl -sS -X POST -H "Authorization: Bearer $(cat "$TOKEN_FILE")" -H 'Content-Type: application/json' \
    --data '{"seats":1,"expiresInSeconds":3600,"note":"hotswap bench agent"}' "$URL/api/v1/registration-tokens") || true
  REG_TOKEN=$(json_field token <<<"$REG" 2>/dev/null) || { echo "could not create a registration token: $REG" >&2; exit 1; }
  java ${AGENT_JAVA_OPTS:-} -jar "$AGENT_JAR_ABS" run --server "$URL" --token "$REG_TOKEN" --data-dir "$TMP/agent" \
    >"$TMP/agent.log" 2>&1 &
  APID=$!
  run_bg java -cp "$TMP/bench-classes" HotSwapBench swaps "$URL" "$TOKEN_FILE" "$TMP/agent.log" "$TMP/plugins" "$SWAPS" "$SWAP_TIMEOUT" "$TMP/swaps.json" \
    || SWAPS_RC=$?
  if ! kill -0 "$APID" 2>/dev/null; then
    echo "ERROR: the agent exited during the swaps:" >&2; tail -n 30 "$TMP/agent.log" >&2
    SWAPS_RC=1
  fi
  stop_agent
  [ "$SWAPS_RC" = 0 ] || echo "ERROR: the swap part failed (exit $SWAPS_RC); agent log: $OUT_DIR/hotswap-agent.log" >&2
fi

# --- part 2: AGENTS simulated agents converge on a new version ---
FLEET_RC=0
if [ "$AGENTS" -gt 0 ]; then
  kill -0 "$SPID" 2>/dev/null || { echo "the server died:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }
  echo "==> convergence: $AGENTS simulated agents ($THREADS threads) on 1.0.$SWAPS, then $NEXT_VERSION published"
  run_bg java ${SIM_JAVA_OPTS:-} -cp "$TMP/bench-classes" HotSwapBench fleet "$URL" "$TOKEN_FILE" "$AGENTS" "$THREADS" "$REG_THREADS" \
    "$TMP/plugins/com.example.snap-1.0.$SWAPS.jar" "$TMP/plugins/com.example.snap-$NEXT_VERSION.jar" "$SAMPLE" \
    "$CONVERGE_TIMEOUT" "$TMP/fleet.json" || FLEET_RC=$?
  [ "$FLEET_RC" = 0 ] || echo "ERROR: the convergence part failed (exit $FLEET_RC)" >&2
fi
SERVER_ALIVE=1
kill -0 "$SPID" 2>/dev/null || { SERVER_ALIVE=0; echo "ERROR: the server died during the run:" >&2; tail -n 30 "$TMP/server.log" >&2; }
LOAD1_END=$(cut -d' ' -f1 /proc/loadavg)

mkdir -p "$OUT_DIR"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-}" AGENT_JAVA_OPTS="${AGENT_JAVA_OPTS:-}" SIM_JAVA_OPTS="${SIM_JAVA_OPTS:-}" \
python3 - "$OUT" "$TMP/swaps.json" "$TMP/fleet.json" <<PY
import json, os, sys
def load(p):
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)
swaps, fleet = load(sys.argv[2]), load(sys.argv[3])
r = {
  "benchmark": "hotswap",
  "settings": {"swaps": $SWAPS, "agents": $AGENTS, "threads": $THREADS, "regThreads": $REG_THREADS, "sample": $SAMPLE,
               "swapTimeoutS": $SWAP_TIMEOUT, "convergeTimeoutS": $CONVERGE_TIMEOUT, "nextVersion": "$NEXT_VERSION",
               "serverJavaOpts": os.environ["SERVER_JAVA_OPTS"], "agentJavaOpts": os.environ["AGENT_JAVA_OPTS"],
               "simJavaOpts": os.environ["SIM_JAVA_OPTS"]},
  "swaps": None, "swapMillisP50": None, "swapMillisMax": None,
  "agents": None, "convergeSeconds": None, "pollIntervalSeconds": None,
}
errors, warnings = [], []
for part, frag in (("swaps", swaps), ("fleet", fleet)):
    if frag is None:
        continue
    errors += [part + ": " + e for e in frag.pop("errors", [])]
    warnings += [part + ": " + e for e in frag.pop("warnings", [])]
    r.update(frag)
if $SWAPS > 0 and swaps is None:
    errors.append("swaps: no result (the part stopped early: see its messages above)")
if $AGENTS > 0 and fleet is None:
    errors.append("fleet: no result (the part stopped early: see its messages above)")
r.update({
  "swapsRc": $SWAPS_RC, "fleetRc": $FLEET_RC, "serverAlive": bool($SERVER_ALIVE), "errors": errors, "warnings": warnings,
  "serverJar": "$SERVER_JAR_ORIG", "serverJarSha256": "$SERVER_SHA", "agentJar": "$AGENT_JAR_ORIG", "agentJarSha256": "$AGENT_SHA",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "serverCores": $CORES, "load1Before": $LOAD1_BEFORE, "load1AtEnd": $LOAD1_END,
})
with open(sys.argv[1], "w") as f:
    json.dump(r, f, indent=2)
    f.write("\n")
PY

# what the server and the agent logged: errors and warnings are worth a look after a run
LOG_ERRORS=$(grep -cE ' ERROR |^SEVERE:' "$TMP/server.log" || true)
if [ "$LOG_ERRORS" -gt 0 ]; then
  echo "    server log: $LOG_ERRORS ERROR/SEVERE entries; copy in $OUT_DIR/hotswap-server.log. Distinct messages:"
  grep -A1 -E ' ERROR |^SEVERE:' "$TMP/server.log" | grep -vE '^--$|^\s+at |^[A-Z][a-z]{2} [0-9]+, [0-9]{4} ' | sed -E 's/^[0-9T:.Z-]+ \[[^]]*\] //' \
    | cut -c1-200 | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/      /'
fi
if [ -f "$TMP/agent.log" ]; then
  AGENT_WARN=$(grep -cE ' (WARN|ERROR) ' "$TMP/agent.log" || true)
  if [ "$AGENT_WARN" -gt 0 ]; then
    echo "    agent log: $AGENT_WARN WARN/ERROR entries; copy in $OUT_DIR/hotswap-agent.log. Distinct messages:"
    grep -E ' (WARN|ERROR) ' "$TMP/agent.log" | sed -E 's/^[0-9T:.Z-]+ \[[^]]*\] //; s/[0-9a-f]{12,64}/<hex>/g' \
      | cut -c1-200 | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/      /'
  fi
fi

python3 - "$OUT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def v(k, unit=""):
    x = r.get(k)
    return "n/a" if x is None else f"{x}{unit}"
print(f"hotswap: swap p50 {v('swapMillisP50', ' ms')}, max {v('swapMillisMax', ' ms')} over {v('swaps')} swaps "
      f"(publish→active p50 {v('publishToActiveMillisP50', ' ms')}); {v('agents')} agents converged in "
      f"{v('convergeSeconds', ' s')} (p50 {v('convergeP50Seconds', ' s')}, poll {v('pollIntervalSeconds', ' s')}, "
      f"goal met: {v('goalMet')}; server confirms {v('serverConfirmedAgents')}, sample {v('serverSample')}) "
      f"({r['serverCores']} cores, load1 before {r['load1Before']}) -> {sys.argv[1]}")
for w in r["warnings"]:
    print("WARNING: " + w, file=sys.stderr)
for e in r["errors"]:
    print("ERROR: " + e, file=sys.stderr)
PY

status=0
[ "$SWAPS_RC" = 0 ] && [ "$FLEET_RC" = 0 ] && [ "$SERVER_ALIVE" = 1 ] || status=1
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["errors"]))' "$OUT")" = 0 ] || status=1
exit "$status"
