#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The cheapest check-in, driven by wrk (checkin.sh drives the whole protocol with the load simulator): starts the built server on its embedded PostgreSQL (throw-away data folder, free
# loopback port), registers AGENTS agents, then drives POST /api/v1/agents/{id}/check-in with wrk,
# round-robin over those agents, with the cheapest body (no subsystems, so no commands are handed out).
# A WARMUP run comes first and is discarded. Writes target/bench/checkin-wrk.json (and a copy of the
# server log next to it) and prints a one-line summary; exits 1 when any response was not 2xx or wrk
# saw socket errors (the figures are still written).
# It also records the CPU the server JVM and its PostgreSQL used during the measured run (serverCores, databaseCores,
# and milliseconds of each per request). Settings: SERVER_JAR (distribution/server/target/redflag-server.jar), PORT (18080 if free, else any),
# AGENTS (1000), THREADS (2), CONNECTIONS (16), DURATION (20, s), WARMUP (5, s; 0 = none),
# REG_THREADS (4, parallel registrations), PLUGIN (0; 1 = a plug-in is offered, so check-ins compute a desired state), SERVER_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=s.jfr). Needs java, curl, python3 (stdlib) and wrk. Agents register with their own
# keys and proofs of possession (tools/bench/RegisterAgents.java); the server's rate limits are lifted for the run.
# Access tokens live 15 min: registration + warm-up + run must fit in that.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
ROOT=$PWD

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
AGENTS="${AGENTS:-1000}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
REG_THREADS="${REG_THREADS:-4}"
OUT_DIR=target/bench
OUT="$OUT_DIR/checkin-wrk.json"

for v in AGENTS THREADS CONNECTIONS DURATION WARMUP REG_THREADS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$AGENTS" -ge 1 ] && [ "$THREADS" -ge 1 ] && [ "$DURATION" -ge 1 ] || { echo "AGENTS, THREADS and DURATION must be >= 1" >&2; exit 2; }
[ "$CONNECTIONS" -ge "$THREADS" ] || { echo "CONNECTIONS ($CONNECTIONS) must be >= THREADS ($THREADS) for wrk" >&2; exit 2; }
[ -f "$SERVER_JAR" ] || { echo "no server jar at $SERVER_JAR: build first: mvn -B -DskipTests package" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not found: install wrk (apt-get install wrk)" >&2; exit 2; }
for c in java curl python3; do command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 2; }; done
SERVER_JAR_ABS=$(cd "$(dirname "$SERVER_JAR")" && pwd)/$(basename "$SERVER_JAR")

LOAD1_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
CORES=$(nproc)

pick_port

TMP=$(mktemp -d)
SPID=""
stop_server() {
  stop_pid "$SPID" server  # the server stops its PostgreSQL on SIGTERM
  SPID=""
  stop_leftover_postgres "$TMP/server"
}
cleanup() {
  stop_child
  stop_server
  if [ -f "$TMP/server.log" ]; then
    mkdir -p "$ROOT/$OUT_DIR" && cp "$TMP/server.log" "$ROOT/$OUT_DIR/checkin-wrk-server.log" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


echo "==> server $SERVER_JAR on $URL (data and log in $TMP; load1 $LOAD1_BEFORE, $CORES cores)"
start_server

# --- registration token + AGENTS registrations (keep-alive connections, REG_THREADS in parallel) ---
echo "==> registering $AGENTS agents ($REG_THREADS in parallel)"
t0=$(ms)
# each agent with its own Ed25519 key and a proof of possession, as the agent runtime registers
run_bg java "$ROOT/tools/bench/RegisterAgents.java" "$URL" "$TOKEN_FILE" "$AGENTS" "$REG_THREADS" "$TMP/agents.lua"
REG_MS=$(( $(ms) - t0 ))
echo "    $AGENTS agents registered in $REG_MS ms ($(python3 -c "print(f'{$AGENTS*1000/max($REG_MS,1):.0f}')") /s)"

# PLUGIN=1: a plug-in is offered in the artifact repository, so every check-in also looks at the agent's enabled
# subsystems to compute its desired-state hash (the agents here enable none: the cost of the look itself)
if [ "${PLUGIN:-0}" = 1 ]; then
  python3 - "$TMP/plugin.jar" <<'PY'
import sys, zipfile
manifest = ("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: bench.plugin\r\n"
            "Bundle-Version: 1.0.0\r\nProvide-Capability: io.redflag.subsystem;ecosystem=benchplug\r\n\r\n")
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("META-INF/MANIFEST.MF", manifest)
PY
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(cat "$TOKEN_FILE")" \
    -H 'Content-Type: application/java-archive' --data-binary @"$TMP/plugin.jar" "$URL/api/v1/artifacts")
  [ "$code" = 201 ] || { echo "publishing the bench plug-in answered HTTP $code" >&2; exit 1; }
  echo "    a plug-in is offered (check-ins compute a desired state)"
fi

# --- the wrk script: per thread, a round-robin over pre-built requests; non-2xx counted per thread ---
cat >"$TMP/checkin.lua" <<'LUA'
-- main state: one entry per thread, read back in done()
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- thread state
function init(args)
  local agents = dofile(args[1])
  local nthreads = tonumber(args[2])
  reqs = {}
  for i, a in ipairs(agents) do
    reqs[i] = wrk.format("POST", "/api/v1/agents/" .. a[1] .. "/check-in", {
      ["Host"] = wrk.host .. ":" .. wrk.port,
      ["Authorization"] = "Bearer " .. a[2],
      ["X-RedFlag-Machine-Id"] = a[3],
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
    }, '{"agentVersion":"0.1.0","scanners":[]}')
  end
  -- threads start at evenly spread agents so that they rarely check in the same agent at once
  n = #reqs
  next_i = math.floor((tid - 1) * n / nthreads) % n
  non2xx = 0
  first_status = 0
  first_body = ""
end

function request()
  next_i = next_i % n + 1
  return reqs[next_i]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_status == 0 then
      first_status = status
      first_body = string.sub(body or "", 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local bad, first, firstBody = 0, 0, ""
  for _, t in ipairs(threads) do
    local c = t:get("non2xx") or 0
    bad = bad + c
    if first == 0 and c > 0 then
      first = t:get("first_status") or 0
      firstBody = t:get("first_body") or ""
    end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("BENCH_RESULT %d %.6f %.3f %.3f %.3f %.3f %.3f %d %d %d %d %d %d %d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, first, e.connect, e.read, e.write, e.timeout, e.status))
  if first ~= 0 then
    io.write("BENCH_FIRST_BODY " .. string.gsub(firstBody, "[\r\n]", " ") .. "\n")
  end
end
LUA

# run_wrk SECONDS OUTFILE: wrk's own report on stdout, the BENCH_* lines in OUTFILE
run_wrk() {
  run_bg wrk -t "$THREADS" -c "$CONNECTIONS" -d "$1s" --latency -s "$TMP/checkin.lua" "$URL" -- "$TMP/agents.lua" "$THREADS" >"$2"
  grep -q '^BENCH_RESULT ' "$2" || { echo "wrk gave no result:" >&2; cat "$2" >&2; exit 1; }
}
# fields of BENCH_RESULT: requests secs rps p50 p90 p99 max non2xx firstStatus connect read write timeout status
read_result() { read -r _ R_REQ R_SECS R_RPS R_P50 R_P90 R_P99 R_MAX R_NON2XX R_FIRST R_ECONN R_EREAD R_EWRITE R_ETIMEOUT R_ESTATUS < <(grep '^BENCH_RESULT ' "$1"); }

if [ "$WARMUP" -gt 0 ]; then
  echo "==> warm-up: ${WARMUP} s (discarded)"
  run_wrk "$WARMUP" "$TMP/warmup.txt"
  read_result "$TMP/warmup.txt"
  echo "    warm-up: $R_REQ requests, $R_RPS req/s, non-2xx $R_NON2XX"
  [ "$R_NON2XX" = 0 ] || echo "    WARNING: $R_NON2XX non-2xx responses in the warm-up, first: HTTP $R_FIRST $(sed -n 's/^BENCH_FIRST_BODY //p' "$TMP/warmup.txt")"
fi

LOAD1_RUN=$(cut -d' ' -f1 /proc/loadavg)
CPU_BEFORE=$(cpu_split "$SPID" "$TMP/server/postgres/postmaster.pid")
echo "==> wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION} s, $AGENTS agents round-robin (load1 $LOAD1_RUN)"
run_wrk "$DURATION" "$TMP/wrk.txt"
CPU_AFTER=$(cpu_split "$SPID" "$TMP/server/postgres/postmaster.pid")
grep -v '^BENCH_' "$TMP/wrk.txt"
read_result "$TMP/wrk.txt"
FIRST_BODY=$(sed -n 's/^BENCH_FIRST_BODY //p' "$TMP/wrk.txt")
SOCKET_ERRORS=$(( R_ECONN + R_EREAD + R_EWRITE + R_ETIMEOUT ))
kill -0 "$SPID" 2>/dev/null || { echo "the server died during the run:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }

mkdir -p "$OUT_DIR"
python3 - "$OUT" "$SERVER_JAR_ABS" <<PY
import json, sys
r = {
  "benchmark": "checkin-wrk", "agents": $AGENTS, "connections": $CONNECTIONS, "threads": $THREADS, "pluginOffered": ${PLUGIN:-0} == 1,
  "durationS": $DURATION, "warmupS": $WARMUP, "measuredS": round($R_SECS, 3),
  "requests": $R_REQ, "requestsPerSec": round($R_RPS, 1), "checkinsPerSecond": round($R_RPS, 1),
  "errors": $R_NON2XX + $R_ECONN + $R_EREAD + $R_EWRITE + $R_ETIMEOUT,
  "p50Ms": $R_P50, "p90Ms": $R_P90, "p99Ms": $R_P99, "maxMs": $R_MAX,
  "non2xx": $R_NON2XX, "firstNon2xxStatus": ($R_FIRST or None),
  "socketErrors": {"connect": $R_ECONN, "read": $R_EREAD, "write": $R_EWRITE, "timeout": $R_ETIMEOUT},
  "registerMs": $REG_MS, "serverJar": sys.argv[2],
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "cores": $CORES,
  "load1Before": $LOAD1_BEFORE, "load1AtRun": $LOAD1_RUN,
}
# CPU the server's JVM and its PostgreSQL used during the measured run: cores busy, and milliseconds per request
jvm0, pg0 = map(float, "$CPU_BEFORE".split())
jvm1, pg1 = map(float, "$CPU_AFTER".split())
secs = max(r["measuredS"], 1e-9)
r["serverCores"] = round((jvm1 - jvm0) / secs, 2)
r["databaseCores"] = round((pg1 - pg0) / secs, 2)
r["serverCpuMsPerRequest"] = round((jvm1 - jvm0) * 1000 / max($R_REQ, 1), 3)
r["databaseCpuMsPerRequest"] = round((pg1 - pg0) * 1000 / max($R_REQ, 1), 3)
with open(sys.argv[1], "w") as f:
    json.dump(r, f, indent=2)
    f.write("\n")
PY

# what the server logged: errors are worth a look after a load test. wrk closes its connections with
# requests in flight when it stops, so a few "Broken pipe"/"Closed" (Jetty EofException) per run are
# expected; anything else is not.
LOG_ERRORS=$(grep -cE ' ERROR |^SEVERE:' "$TMP/server.log" || true)
LOG_EOF=$(grep -cE '^org\.eclipse\.jetty\.io\.EofException' "$TMP/server.log" || true)
if [ "$LOG_ERRORS" -gt 0 ]; then
  echo "    server log: $LOG_ERRORS ERROR/SEVERE entries, $LOG_EOF EofException traces (clients that closed mid-response);" \
       "copy in $OUT_DIR/checkin-wrk-server.log. Distinct messages:"
  grep -A1 -E ' ERROR |^SEVERE:' "$TMP/server.log" | grep -vE '^--$|^\s+at |^[A-Z][a-z]{2} [0-9]+, [0-9]{4} ' | sed -E 's/^[0-9T:.Z-]+ \[[^]]*\] //' \
    | cut -c1-200 | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/      /'
fi

printf 'checkin: %s req/s, p50 %s ms, p90 %s ms, p99 %s ms, %s requests, non-2xx %s, socket errors %s (%s agents, %s threads, %s conns, %s s, %s cores, load1 before %s) -> %s\n' \
  "$R_RPS" "$R_P50" "$R_P90" "$R_P99" "$R_REQ" "$R_NON2XX" "$SOCKET_ERRORS" "$AGENTS" "$THREADS" "$CONNECTIONS" \
  "$DURATION" "$CORES" "$LOAD1_BEFORE" "$OUT"
python3 - "$OUT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("    CPU per check-in: server %s ms (%s cores busy), PostgreSQL %s ms (%s cores)" % (r["serverCpuMsPerRequest"],
      r["serverCores"], r["databaseCpuMsPerRequest"], r["databaseCores"]))
PY
status=0
if [ "$R_NON2XX" -gt 0 ]; then
  echo "ERROR: $R_NON2XX of $R_REQ responses were not 2xx; first: HTTP $R_FIRST $FIRST_BODY" >&2
  status=1
fi
if [ "$SOCKET_ERRORS" -gt 0 ]; then
  echo "ERROR: socket errors: connect $R_ECONN, read $R_EREAD, write $R_EWRITE, timeout $R_ETIMEOUT" >&2
  status=1
fi
exit "$status"
