#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What the console asks of the server over a large fleet: starts the built server on a fresh embedded PostgreSQL,
# fills it with AGENTS virtual agents through the load simulator (each registered with a key of its own and holding
# UPDATES pending updates from a real APT report), then times every request the fleet and agents pages make — ROUNDS
# times each, one at a time, as one operator's browser would — and the fleet page as a whole (its requests in
# parallel, as the page makes them).
# Writes target/bench/console.json ({agents, updatesStored, requests: [{name, path, p50Ms, maxMs, bytes}],
# fleetPageP50Ms}) and prints a summary. Settings: AGENTS (10000), UPDATES (150), ROUNDS (20), SERVER_JAR,
# LOADSIM_JAR, PORT. Needs java, curl and python3 (stdlib); builds the two jars first (mvn) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/bench/lib.sh

SERVER_JAR="${SERVER_JAR:-distribution/server/target/redflag-server.jar}"
LOADSIM_JAR="${LOADSIM_JAR:-tools/loadsim/target/redflag-loadsim.jar}"
AGENTS="${AGENTS:-10000}"
UPDATES="${UPDATES:-150}"
ROUNDS="${ROUNDS:-20}"
OUT_DIR=target/bench
OUT="$OUT_DIR/console.json"
for v in AGENTS UPDATES ROUNDS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
[ "$AGENTS" -ge 1 ] && [ "$ROUNDS" -ge 1 ] || { echo "AGENTS and ROUNDS must be >= 1" >&2; exit 2; }
for c in java curl python3; do command -v "$c" >/dev/null || { echo "$c not found" >&2; exit 2; }; done
if [ ! -f "$SERVER_JAR" ] || [ ! -f "$LOADSIM_JAR" ]; then
  command -v mvn >/dev/null || { echo "no built jars and no mvn to build them" >&2; exit 2; }
  echo "==> building the server and the load simulator (mvn -B -DskipTests package)"
  mvn -B -q -Dstyle.color=never -DskipTests -pl distribution/server,tools/loadsim -am package || { echo "the build failed" >&2; exit 1; }
fi
SERVER_JAR_ABS=$(cd "$(dirname "$SERVER_JAR")" && pwd)/$(basename "$SERVER_JAR")
LOADSIM_JAR_ABS=$(cd "$(dirname "$LOADSIM_JAR")" && pwd)/$(basename "$LOADSIM_JAR")

pick_port
TMP=$(mktemp -d)
SPID=""
cleanup() {
  stop_pid "$SPID" server
  stop_leftover_postgres "$TMP/server"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$OUT_DIR"

echo "==> $AGENTS agents with $UPDATES pending updates each: server on $URL"
start_server
java -jar "$LOADSIM_JAR_ABS" --server "$URL" --operator-token-file "$TOKEN_FILE" --agents "$AGENTS" \
    --concurrency 16 --register-concurrency 4 --warmup 0 --duration 1 --updates "$UPDATES" --out "$TMP/loadsim.json" \
    | sed 's/^/    /'

python3 - "$URL" "$(cat "$TOKEN_FILE")" "$ROUNDS" "$AGENTS" "$OUT" <<'PY'
import concurrent.futures, json, sys, time, urllib.request
url, token, rounds, agents, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def get(path):
    req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as r:
        body = r.read()
        total = r.headers.get("X-Total-Count")
    return (time.perf_counter() - t0) * 1000, len(body), total

any_agent = json.loads(urllib.request.urlopen(urllib.request.Request(url + "/api/v1/agents?limit=1",
    headers={"Authorization": "Bearer " + token})).read())[0]["id"]
fleet_page = [
    ("agents, most pending first (fleet)", "/api/v1/agents?sort=-pending&limit=10"),
    ("agents online (count)", "/api/v1/agents?online=true&limit=1"),
    ("agents offline (count)", "/api/v1/agents?online=false&limit=1"),
    ("updates by severity", "/api/v1/fleet/updates?groupBy=severity"),
    ("updates by ecosystem", "/api/v1/fleet/updates?groupBy=ecosystem"),
    ("packages on most agents", "/api/v1/fleet/updates?groupBy=package&limit=10"),
    ("CVEs on most agents", "/api/v1/fleet/updates?groupBy=cve&limit=10"),
    ("check-ins, 24 h", "/api/v1/fleet/check-ins?hours=24"),
]
others = [
    ("agents page 1 by hostname", "/api/v1/agents?sort=hostname&limit=50"),
    ("agents page 100 by hostname", "/api/v1/agents?sort=hostname&limit=50&offset=4950"),
    ("agents by last seen", "/api/v1/agents?sort=-lastSeen&limit=50"),
    ("agents searched by hostname", "/api/v1/agents?q=-4242&limit=50"),
    ("agents with an important update", "/api/v1/agents?severity=important&limit=50"),
    ("one agent", "/api/v1/agents/" + any_agent),
    ("one agent's updates", "/api/v1/agents/" + any_agent + "/updates?ecosystem=apt"),
    ("one agent's commands", "/api/v1/commands?agentId=" + any_agent + "&limit=15"),
]
results = []
for name, path in fleet_page + others:
    get(path)  # once to warm
    times, size, total = [], 0, None
    for _ in range(rounds):
        ms, size, total = get(path)
        times.append(ms)
    times.sort()
    results.append({"name": name, "path": path, "p50Ms": round(times[len(times) // 2], 1), "maxMs": round(times[-1], 1),
                    "bytes": size, "totalCount": int(total) if total else None})
page = []
with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:  # a browser's connections per host
    for _ in range(rounds):
        t0 = time.perf_counter()
        list(pool.map(lambda p: get(p[1]), fleet_page))
        page.append((time.perf_counter() - t0) * 1000)
page.sort()
stored = next(r["totalCount"] for r in results if r["name"] == "agents page 1 by hostname")
report = {"agents": agents, "agentsStored": stored, "rounds": rounds, "requests": results,
          "fleetPageP50Ms": round(page[len(page) // 2], 1), "fleetPageMaxMs": round(page[-1], 1),
          "measuredAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
json.dump(report, open(out, "w"), indent=2)
print(f"==> {stored} agents stored; each request {rounds} times (p50 / max ms, bytes):")
for r in results:
    print(f"    {r['name']:<36} {r['p50Ms']:>8} / {r['maxMs']:<8} {r['bytes']:>8}")
print(f"    the fleet page, its {len(fleet_page)} requests in parallel: p50 {report['fleetPageP50Ms']} ms, max {report['fleetPageMaxMs']} ms")
print(f"==> {out}")
PY
