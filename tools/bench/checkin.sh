#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Check-ins and scan results at fleet scale, over the whole protocol: for each fleet size in AGENTS, starts the built
# server on a fresh embedded PostgreSQL (throw-away data folder, free loopback port, rate limits lifted) and runs the
# load simulator (tools/loadsim) against it: every virtual agent registers with a key of its own, checks in, verifies
# its first scan command and answers it with a real APT report of UPDATES updates; then the fleet checks in
# round-robin, CONCURRENCY requests in flight, WARMUP seconds discarded and DURATION seconds measured.
# Writes target/bench/checkin.json: one entry per fleet size with checkinsPerSecond, p50Ms, p99Ms, errors,
# resultsPerSecond, the CPU the server JVM and its PostgreSQL used per check-in and per result (serverCores,
# databaseCores…) and the simulator's own report; and prints a summary. Exits 1 when any request failed.
# Settings: AGENTS ("1000 10000"), CONCURRENCY (16), WARMUP (20, s), DURATION (20, s), UPDATES (150),
# SERVER_JAR (distribution/server/target/redflag-server.jar), LOADSIM_JAR (tools/loadsim/target/redflag-loadsim.jar),
# PORT, SERVER_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=s.jfr). Needs java, curl and python3 (stdlib); builds
# the two jars first (mvn) when they are missing.
# The cheapest check-in alone, driven by wrk instead: tools/bench/checkin-wrk.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh
ROOT=$PWD

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
LOADSIM_JAR="${LOADSIM_JAR:-tools/loadsim/target/redflag-loadsim.jar}"
AGENTS="${AGENTS:-1000 10000}"
CONCURRENCY="${CONCURRENCY:-16}"
WARMUP="${WARMUP:-20}"
DURATION="${DURATION:-20}"
UPDATES="${UPDATES:-150}"
OUT_DIR=target/bench
OUT="$OUT_DIR/checkin.json"

for n in $AGENTS; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "AGENTS must be fleet sizes separated by spaces, not '$AGENTS'" >&2; exit 2; }; done
[ -n "${AGENTS// /}" ] || { echo "AGENTS must name at least one fleet size" >&2; exit 2; }
for v in CONCURRENCY WARMUP DURATION UPDATES; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] && [ "$CONCURRENCY" -ge 1 ] || { echo "DURATION and CONCURRENCY must be >= 1" >&2; exit 2; }
for c in java curl python3; do command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 2; }; done
# from a fresh clone: build what is missing (the server and the simulator, with what they need; no tests)
if [ ! -f "$SERVER_JAR" ] || [ ! -f "$LOADSIM_JAR" ]; then
  if [ "$SERVER_JAR" = distribution/server/target/redflag-server.jar ] && [ "$LOADSIM_JAR" = tools/loadsim/target/redflag-loadsim.jar ]; then
    command -v mvn >/dev/null || { echo "no built jars and no mvn to build them" >&2; exit 2; }
    echo "==> building the server and the load simulator (mvn -B -DskipTests package)"
    mvn -B -q -Dstyle.color=never -DskipTests -pl distribution/server,tools/loadsim -am package || { echo "the build failed" >&2; exit 1; }
  fi
fi
for jar in "$SERVER_JAR" "$LOADSIM_JAR"; do
  [ -f "$jar" ] || { echo "no jar at $jar: build first: mvn -B -DskipTests package" >&2; exit 2; }
done
SERVER_JAR_ABS=$(cd "$(dirname "$SERVER_JAR")" && pwd)/$(basename "$SERVER_JAR")
LOADSIM_JAR_ABS=$(cd "$(dirname "$LOADSIM_JAR")" && pwd)/$(basename "$LOADSIM_JAR")
CORES=$(nproc)

pick_port
WORK=$(mktemp -d)
TMP=""
SPID=""
stop_server() {
  stop_pid "$SPID" server  # the server stops its PostgreSQL on SIGTERM
  SPID=""
  [ -z "$TMP" ] || stop_leftover_postgres "$TMP/server"
}
cleanup() {
  stop_child
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$OUT_DIR"

# simulate N: one fleet size on a fresh server; the simulator's report in $WORK/loadsim-N.json, the server's and its
# database's CPU at each phase's start and end in $WORK/cpu-N.txt ("phase begins|ends jvmSeconds pgSeconds")
simulate() {
  local n=$1 status=0
  TMP="$WORK/$n"
  mkdir -p "$TMP"
  echo "==> $n agents: server $SERVER_JAR on $URL (load1 $(cut -d' ' -f1 /proc/loadavg), $CORES cores)"
  start_server
  : >"$WORK/cpu-$n.txt"
  # the simulator says "[phase] begins" and "[phase] ends" as they happen: the CPU is read at those moments
  java -jar "$LOADSIM_JAR_ABS" --server "$URL" --operator-token-file "$TOKEN_FILE" --agents "$n" \
      --concurrency "$CONCURRENCY" --register-concurrency 4 --warmup "$WARMUP" --duration "$DURATION" \
      --updates "$UPDATES" --out "$WORK/loadsim-$n.json" > >(while IFS= read -r line; do
        if [[ "$line" =~ ^\[([a-z-]+)\]\ (begins|ends) ]]; then
          echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} $(cpu_split "$SPID" "$TMP/server/postgres/postmaster.pid")" >>"$WORK/cpu-$n.txt"
        fi
        echo "    $line"
      done) &
  CHILD=$!
  wait "$CHILD" || status=$?
  CHILD=""
  sleep 0.2 # the reader's last lines
  kill -0 "$SPID" 2>/dev/null || { echo "the server died during the run:" >&2; tail -n 30 "$TMP/server.log" >&2; exit 1; }
  cp "$TMP/server.log" "$OUT_DIR/checkin-server-$n.log" 2>/dev/null || true
  stop_server
  [ -f "$WORK/loadsim-$n.json" ] || { echo "the simulator wrote no report (exit $status)" >&2; exit 1; }
  return 0
}

for n in $AGENTS; do
  simulate "$n"
done

python3 - "$OUT" "$WORK" "$SERVER_JAR_ABS" "$CORES" "$CONCURRENCY" "$WARMUP" "$DURATION" $AGENTS <<'PY'
import json, sys, time
out, work, jar, cores, concurrency, warmup, duration = sys.argv[1:8]
runs = []
for n in sys.argv[8:]:
    sim = json.load(open(f"{work}/loadsim-{n}.json"))
    cpu = {}
    for line in open(f"{work}/cpu-{n}.txt"):
        phase, edge, jvm, pg = line.split()
        cpu[(phase, edge)] = (float(jvm), float(pg))
    def used(phase):
        b, e = cpu.get((phase, "begins")), cpu.get((phase, "ends"))
        return (e[0] - b[0], e[1] - b[1]) if b and e else (0.0, 0.0)
    run = {"agents": int(n), "checkinsPerSecond": sim["checkinsPerSecond"], "p50Ms": sim["p50Ms"],
           "p90Ms": sim["p90Ms"], "p99Ms": sim["p99Ms"], "errors": sim["errors"],
           "resultsPerSecond": sim["resultsPerSecond"], "resultsP50Ms": sim["resultsP50Ms"],
           "resultsP99Ms": sim["resultsP99Ms"], "updatesPerResult": sim["updatesPerResult"]}
    measured = sim["phases"].get("measured", {})
    secs = max(measured.get("seconds", 0), 1e-9)
    checkins = measured.get("routes", {}).get("check-in", {}).get("requests", 0)
    jvm, pg = used("measured")
    run.update({"serverCores": round(jvm / secs, 2), "databaseCores": round(pg / secs, 2),
                "serverCpuMsPerCheckin": round(jvm * 1000 / max(checkins, 1), 3),
                "databaseCpuMsPerCheckin": round(pg * 1000 / max(checkins, 1), 3)})
    first = sim["phases"].get("first-scan")
    if first:
        results = first["routes"].get("results", {}).get("requests", 0)
        jvm, pg = used("first-scan")
        fsecs = max(first["seconds"], 1e-9)
        run.update({"firstScanSeconds": first["seconds"], "firstScanServerCores": round(jvm / fsecs, 2),
                    "firstScanDatabaseCores": round(pg / fsecs, 2),
                    "serverCpuMsPerResult": round(jvm * 1000 / max(results, 1), 3),
                    "databaseCpuMsPerResult": round(pg * 1000 / max(results, 1), 3)})
    run["clientCpuMsPerRequest"] = sim["clientCpuMsPerRequest"]
    run["loadsim"] = sim
    runs.append(run)
report = {"benchmark": "checkin", "driver": "loadsim", "concurrency": int(concurrency), "warmupS": int(warmup),
          "durationS": int(duration), "cores": int(cores), "serverJar": jar,
          "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": runs}
with open(out, "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
for r in runs:
    print("checkin: %6d agents: %7.1f check-ins/s (p50 %.1f ms, p99 %.1f ms; server %.3f ms + PostgreSQL %.3f ms CPU "
          "each), %6.1f results/s of %d updates (p99 %.0f ms; server %.2f ms + PostgreSQL %.2f ms CPU each), %d errors"
          % (r["agents"], r["checkinsPerSecond"], r["p50Ms"], r["p99Ms"], r["serverCpuMsPerCheckin"],
             r["databaseCpuMsPerCheckin"], r["resultsPerSecond"], r["updatesPerResult"], r["resultsP99Ms"],
             r.get("serverCpuMsPerResult", 0), r.get("databaseCpuMsPerResult", 0), r["errors"]))
print("    -> " + out)
sys.exit(1 if any(r["errors"] for r in runs) else 0)
PY
