#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The agent's footprint: starts the built server on its embedded PostgreSQL (throw-away data folder, free loopback
# port) and the real agent jar as its own process, with the JVM options the packages use (distribution/agent/
# jvm.options; AGENT_JAVA_OPTS replaces them, e.g. AGENT_JAVA_OPTS=" " for the JVM's defaults). Measures
#  - firstCheckInMillis: process start → first accepted check-in, for an agent already registered (a service start);
#    firstCheckInMillisRegistering is the same for the very first start, which registers first;
#  - idleRssMb: resident memory IDLE seconds (60) after the start, once the first scans are done;
#  - scanRssMb: the peak resident memory (VmHWM, reset first) while an APT scan runs on this machine;
#  - where the memory goes at idle: heap used and committed, metaspace, code cache, threads (jcmd), and the classes
#    loaded per bundle (by the bundles' class loaders).
# Writes target/bench/agent-footprint.json and prints a one-line summary; exits 1 when a step failed, 2 for wrong
# settings. Settings: SERVER_JAR, AGENT_JAR, PORT (18080 if free, else any), IDLE (60), AGENT_JAVA_OPTS.
# Needs java and jcmd (a JDK), curl and python3 (stdlib); Linux (/proc).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
ROOT=$PWD

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
AGENT_JAR="${AGENT_JAR:-distribution/agent/target/redflag-agent.jar}"
IDLE="${IDLE:-60}"
[[ "$IDLE" =~ ^[0-9]+$ ]] || { echo "IDLE must be seconds, not '$IDLE'" >&2; exit 2; }
for f in "$SERVER_JAR" "$AGENT_JAR"; do
  [ -f "$f" ] || { echo "$f is missing: build first (mvn -B -DskipTests package)" >&2; exit 2; }
done
if [ -z "${AGENT_JAVA_OPTS+x}" ]; then
  AGENT_JAVA_OPTS="@$ROOT/distribution/agent/jvm.options"
fi
SERVER_JAR_ABS="$ROOT/$SERVER_JAR"
AGENT_JAR_ABS="$ROOT/$AGENT_JAR"
pick_port
TMP=$(mktemp -d)
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
SPID=""
APID=""
cleanup() {
  stop_pid "$APID" agent; stop_pid "$SPID" server; stop_leftover_postgres "$TMP/server"
  cp "$TMP/server.log" "$OUT/agent-footprint-server.log" 2>/dev/null || true
  cp "$TMP/agent.log" "$OUT/agent-footprint-agent.log" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> server on $URL"
start_server
OP=$(cat "$TOKEN_FILE")
api() { curl -fsS -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' "$@"; }
SEAT=$(api -X POST "$URL/api/v1/registration-tokens" -d '{"seats":1,"expiresInSeconds":600}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]) or "")' "$TMP/agent/status.json" "$1" 2>/dev/null || true; }
iso_ms() { python3 -c 'import sys,datetime; print(int(datetime.datetime.fromisoformat(sys.argv[1].replace("Z","+00:00")).timestamp()*1000))' "$1"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$APID/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$APID/status"; }

# start_agent [TOKEN]: the agent jar as a process; waits for its first accepted check-in; sets APID and FIRST_MS
start_agent() {
  local t0 first
  rm -f "$TMP/agent/status.json"
  t0=$(ms)
  # shellcheck disable=SC2086 # the options are words
  java $AGENT_JAVA_OPTS -jar "$AGENT_JAR_ABS" run --server "$URL" --data-dir "$TMP/agent" ${1:+--token "$1"} \
      >>"$TMP/agent.log" 2>&1 &
  APID=$!
  until [ -n "$(field firstCheckInAt)" ]; do
    kill -0 "$APID" 2>/dev/null || { echo "agent exited:" >&2; tail -n 20 "$TMP/agent.log" >&2; exit 1; }
    [ $(( $(ms) - t0 )) -lt 60000 ] || { echo "no check-in within 60 s" >&2; tail -n 20 "$TMP/agent.log" >&2; exit 1; }
    sleep 0.05
  done
  first=$(field firstCheckInAt)
  FIRST_MS=$(( $(iso_ms "$first") - t0 ))
}

echo "==> first start (registers) with: ${AGENT_JAVA_OPTS:-the defaults of the JVM}"
start_agent "$SEAT"
FIRST_REG=$FIRST_MS
AGENT_ID=$(field agentId)
stop_pid "$APID" agent
echo "    first check-in after ${FIRST_REG} ms (with registration)"

echo "==> service start (registered)"
start_agent
FIRST=$FIRST_MS
echo "    first check-in after ${FIRST} ms; idle for ${IDLE} s"
sleep "$IDLE"
IDLE_KB=$(rss_kb)
THREADS=$(awk '/^Threads/ {print $2}' "/proc/$APID/status")
jcmd "$APID" GC.heap_info >"$TMP/heap.txt" 2>&1 || true
jcmd "$APID" Compiler.codecache >"$TMP/codecache.txt" 2>&1 || true
jcmd "$APID" VM.classloaders show-classes=true >"$TMP/loaders.txt" 2>&1 || true
echo "    idle RSS $(( IDLE_KB / 1024 )) MB"

echo "==> an APT scan (apt subsystem disabled and enabled again: scheduled at once)"
echo 5 > "/proc/$APID/clear_refs" 2>/dev/null || echo "    (cannot reset the peak: scanRssMb is the peak since start)"
api -X PUT "$URL/api/v1/agents/$AGENT_ID/subsystems/apt" -d '{"enabled":false}' >/dev/null
BEFORE=$(api "$URL/api/v1/agents/$AGENT_ID/subsystems" | python3 -c 'import json,sys; print(next((s.get("lastRunAt") or "") for s in json.load(sys.stdin) if s["ecosystem"]=="apt"))')
api -X PUT "$URL/api/v1/agents/$AGENT_ID/subsystems/apt" -d '{"enabled":true}' >/dev/null
PEAK_KB=0
t0=$(ms)
while :; do
  h=$(hwm_kb); [ "$h" -gt "$PEAK_KB" ] && PEAK_KB=$h
  NOW=$(api "$URL/api/v1/agents/$AGENT_ID/subsystems" | python3 -c 'import json,sys; print(next((s.get("lastRunAt") or "") for s in json.load(sys.stdin) if s["ecosystem"]=="apt"))')
  [ -n "$NOW" ] && [ "$NOW" != "$BEFORE" ] && break
  [ $(( $(ms) - t0 )) -lt 120000 ] || { echo "the APT scan did not finish within 120 s" >&2; exit 1; }
  sleep 0.2
done
h=$(hwm_kb); [ "$h" -gt "$PEAK_KB" ] && PEAK_KB=$h
echo "    peak RSS during the scan $(( PEAK_KB / 1024 )) MB"

python3 - "$OUT/agent-footprint.json" "$TMP" "$FIRST" "$FIRST_REG" "$IDLE_KB" "$PEAK_KB" "$THREADS" "$IDLE" "$AGENT_JAVA_OPTS" <<'EOF'
import json, re, sys, os
out, tmp, first, first_reg, idle_kb, peak_kb, threads, idle, opts = sys.argv[1:]
def read(name):
    try:
        return open(os.path.join(tmp, name)).read()
    except OSError:
        return ""
def mb(kb): return round(int(kb) / 1024, 1)
heap = read("heap.txt")
gens = re.findall(r"(?:generation|heap)\s+total (\d+)K, used (\d+)K", heap)
meta = re.search(r"Metaspace\s+used (\d+)K, committed (\d+)K", heap)
code = read("codecache.txt")
code_used = sum(int(x) for x in re.findall(r"used=(\d+)Kb", code))
# classes loaded, by the first three parts of their package name (which bundle or JDK area holds them)
families = {}
for line in read("loaders.txt").splitlines():
    name = re.sub(r"^[\s|+-]*", "", line)
    if re.match(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+\.", name) and " " not in name.strip():
        key = ".".join(name.split(".")[:3])
        families[key] = families.get(key, 0) + 1
top = sorted(families.items(), key=lambda e: -e[1])[:15]
result = {
    "firstCheckInMillis": int(first),
    "firstCheckInMillisRegistering": int(first_reg),
    "idleRssMb": mb(idle_kb),
    "idleAfterSeconds": int(idle),
    "scanRssMb": mb(peak_kb),
    "threads": int(threads),
    "heapUsedMb": mb(sum(int(u) for _, u in gens)) if gens else None,
    "heapCommittedMb": mb(sum(int(t) for t, _ in gens)) if gens else None,
    "metaspaceUsedMb": mb(meta.group(1)) if meta else None,
    "metaspaceCommittedMb": mb(meta.group(2)) if meta else None,
    "codeCacheUsedMb": round(code_used / 1024, 1),
    "classesLoaded": sum(families.values()),
    "classesByPackage": [{"package": k, "classes": v} for k, v in top],
    "jvmOptions": opts.strip(),
    "goal": {"idleRssMb": 48, "scanRssMb": 64, "firstCheckInMillis": 1500},
}
json.dump(result, open(out, "w"), indent=2)
print("agent footprint: idle %(idleRssMb)s MB, APT scan peak %(scanRssMb)s MB, first check-in %(firstCheckInMillis)s ms "
      "(%(firstCheckInMillisRegistering)s ms registering); heap %(heapUsedMb)s/%(heapCommittedMb)s MB, metaspace "
      "%(metaspaceUsedMb)s MB, code %(codeCacheUsedMb)s MB, %(threads)s threads" % result)
EOF
cp "$TMP/agent.log" "$OUT/agent-footprint-agent.log"
