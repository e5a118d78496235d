#!/bin/bash
# Two instances of the portal on one SQLite database and one Redis, behind the local YARP proxy with sticky
# sessions (deploy/ClarityPortal.Proxy; docs/deployment.md, "A clinic group"). Development settings, so the demo
# accounts work. Open http://127.0.0.1:5100, sign in, read; stop the instance you are on (the proxy's cookie
# .Clarity.Instance names it: instance-1 is :5101, instance-2 is :5102) and carry on through the same address.
#
#   deploy/two-instances.sh          # publish, start Redis, both instances and the proxy
#   deploy/two-instances.sh stop-1   # stop instance 1 (or stop-2)
#   deploy/two-instances.sh stop     # stop everything
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${TWO_DIR:-/tmp/clarity-two}
redis_port=${TWO_REDIS_PORT:-6391}

stop() { [ -f "$dir/$1.pid" ] && kill "$(cat "$dir/$1.pid")" 2>/dev/null; rm -f "$dir/$1.pid"; }
case "${1:-start}" in
  stop-1) stop instance-1; exit 0 ;;
  stop-2) stop instance-2; exit 0 ;;
  stop) for p in proxy instance-1 instance-2 redis; do stop $p; done; exit 0 ;;
esac

mkdir -p "$dir"
dotnet publish -c Release src/ClarityPortal.Web -o "$dir/app" -v q -nologo > /dev/null
dotnet publish -c Release deploy/ClarityPortal.Proxy -o "$dir/proxy" -v q -nologo > /dev/null
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" > /dev/null

export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Sqlite="Data Source=$dir/clarity.db" \
  ConnectionStrings__Redis="127.0.0.1:$redis_port" AllowedHosts='*'
wait_for() { for _ in $(seq 1 90); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; echo "$1 did not start"; exit 1; }
# One after the other: the first creates, migrates and seeds the database.
for n in 1 2; do
  (cd "$dir/app" && exec dotnet ClarityPortal.Web.dll --urls "http://127.0.0.1:510$n" > "$dir/instance-$n.log" 2>&1) &
  echo $! > "$dir/instance-$n.pid"
  wait_for "http://127.0.0.1:510$n/health/ready"
done
(cd "$dir/proxy" && exec dotnet ClarityPortal.Proxy.dll --urls http://127.0.0.1:5100 \
  --Instances:0 http://127.0.0.1:5101 --Instances:1 http://127.0.0.1:5102 > "$dir/proxy.log" 2>&1) &
echo $! > "$dir/proxy.pid"
wait_for http://127.0.0.1:5100/health/live
echo "Portal at http://127.0.0.1:5100 (instances :5101 and :5102, Redis :$redis_port, logs in $dir)."
