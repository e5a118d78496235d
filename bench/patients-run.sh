#!/bin/bash
# One measured run of the `patients` scenario, as docs/performance.md ("Patients reading") reports it:
#   - a fresh copy of a seeded database (5,000 load patients) per run, so every run starts from the same rows;
#   - the portal from a published folder, pinned to core 0 (bench/perf-server.sh), the driver pinned to core 1;
#   - 200 tabs for 60 s twice on the same server: the first run only warms it up, the second is the figure;
#   - the server's CPU share and its counters (dotnet-counters, if on PATH) taken during the second run's hold,
#     after its 200 sign-ins.
#
#   bench/patients-run.sh /tmp/clarity-perf-app /tmp/perf-dev-pristine.db /tmp/bench/after1
#
# Seed the database once: see "How to run" in docs/performance.md (seed-load-patients 5000). Leaves
# LABEL.warm.json, LABEL.json, LABEL.driver.log, LABEL.server.log and LABEL.counters.csv.
set -u
app=$1; pristine=$2; label=$3
cd "$(dirname "$0")/.."
db="$label.db"
while pgrep -f "ClarityPortal.Web.dll --urls http://127.0.0.1:5090" > /dev/null; do sleep 1; done
rm -f "$db" "$db-wal" "$db-shm"; cp "$pristine" "$db"
[ -f "$pristine.audit-anchor" ] && cp "$pristine.audit-anchor" "$db.audit-anchor"
PERF_APP=$app PERF_NO_PUBLISH=1 PERF_DB=$db bench/perf-server.sh development > "$label.server.log" 2>&1 &
spid=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:5090/health/live && break; sleep 1; done
wpid=$(pgrep -f "ClarityPortal.Web.dll --urls http://127.0.0.1:5090" | head -1)
drv="taskset -c 1 dotnet bench/ClarityPortal.LoadDriver/bin/Release/net10.0/ClarityPortal.LoadDriver.dll
  --base http://127.0.0.1:5090/ --forwarded-https --scenario patients --circuits 200 --duration 60s"
$drv --out "$label.warm.json" 2>&1 | tail -1 | sed 's/^/warm-up: /'
$drv --out "$label.json" > "$label.driver.log" 2>&1 &
dpid=$!
until grep -q "circuits open" "$label.driver.log"; do sleep 0.5; done
sleep 8
if command -v dotnet-counters > /dev/null; then
  taskset -c 1 dotnet-counters collect -p "$wpid" --counters System.Runtime,Microsoft.EntityFrameworkCore,ClarityPortal \
    --duration 00:00:20 --format csv -o "$label.counters.csv" > /dev/null 2>&1 &
fi
t1=$(awk '{print $14+$15}' "/proc/$wpid/stat"); sleep 40; t2=$(awk '{print $14+$15}' "/proc/$wpid/stat")
echo "server CPU over 40 s of the hold: $(( (t2 - t1) * 100 / (40 * $(getconf CLK_TCK)) ))% of a core"
wait $dpid; tail -1 "$label.driver.log"
kill $spid; wait $spid 2>/dev/null
echo "database is locked: $(grep -ci 'database is locked' "$label.server.log"), errors: $(grep -c '^fail' "$label.server.log")"
