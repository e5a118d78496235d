#!/bin/bash
# Starts the portal for load measurements (docs/performance.md): a Release publish (as deployed: wwwroot and the
# packages' static files are served from it; a plain build serves them only in Development), pinned to core 0,
# logging at Warning, the loopback-only memory endpoint on, per-address limits lifted (the driver is one address), a 4 GB GC
# heap limit so server GC's reservations are not taken for use. Settings the production start-up check asks for
# are filled with values for a local measurement only.
#
#   bench/perf-server.sh production   # anonymous scenarios (readers) on a fresh /tmp/perf.db
#   bench/perf-server.sh development  # signed-in scenarios: demo accounts + `seed-load-patients N` (see the doc)
#
# The driver then runs on the other core: taskset -c 1 dotnet bench/ClarityPortal.LoadDriver/bin/Release/...
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-production}
db=${PERF_DB:-/tmp/perf.db}
out=${PERF_APP:-/tmp/clarity-perf-app}
[ -n "${PERF_NO_PUBLISH:-}" ] || dotnet publish -c Release src/ClarityPortal.Web -o "$out" -v q -nologo > /dev/null
export ConnectionStrings__Sqlite="Data Source=$db" Portal__PublicUrl=https://clarity.example \
  AllowedHosts="127.0.0.1;localhost" Contact__ClientHashKey=perf-runs-only-0123456789abcdef0123 \
  Email__AllowPickupFolder=true Email__PickupFolder=/tmp/perf-mail DataProtection__AllowUnprotectedKeys=true \
  Audit__Key=perf-runs-only-audit-key-0123456789abcdef Diagnostics__MemoryEndpoint=true Reminders__Enabled=false \
  Identity__RequireStaffTwoFactor=false Logging__LogLevel__Default=Warning DOTNET_GCHeapHardLimit=0x100000000 \
  RateLimits__CircuitsPerAddress__Permits=1000000 RateLimits__CircuitsPerUser__Permits=1000000 \
  RateLimits__SignIn__PerAddressPerMinute=1000000 RateLimits__SignInAll__Permits=1000000
if [ "$mode" = development ]; then
  export ASPNETCORE_ENVIRONMENT=Development Seed__DemoCaseload=false
else
  export ASPNETCORE_ENVIRONMENT=Production
fi
cd "$out"
exec taskset -c 0 dotnet ClarityPortal.Web.dll \
  --urls http://127.0.0.1:5090 "${@:2}"
