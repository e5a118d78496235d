#!/bin/bash
# Mutation testing with Stryker.NET (docs/testing.md): do the tests notice a mistake in the code they guard?
# Not part of `dotnet test` or CI: Stryker builds every mutant into one assembly, then switches them on one at a
# time and re-runs the tests that cover each, which takes a quarter of an hour (unit) or more (integration) on two
# cores. It runs at the lowest priority with one test session, so the machine stays usable.
#
#   bench/mutation.sh unit                  # the rule classes, readability, parser, audit chain, tokens, CSV
#   bench/mutation.sh integration           # the services' authorization and validation paths
#   bench/mutation.sh unit --since:main     # only mutants in code changed since main (any dotnet-stryker option)
#
# What each run mutates is in the test project's stryker-config.json. The HTML and JSON reports go to
# tests/<project>/StrykerOutput/<time>/reports/ (ignored by git); the per-file table is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
suite=${1:-unit}
case "$suite" in
  unit) project=tests/ClarityPortal.UnitTests ;;
  integration) project=tests/ClarityPortal.IntegrationTests ;;
  *) echo "usage: bench/mutation.sh [unit|integration] [dotnet-stryker options…]" >&2; exit 2 ;;
esac
shift $(( $# > 0 ? 1 : 0 ))
dotnet tool restore > /dev/null
cd "$project"
nice -n 19 dotnet stryker --concurrency 1 "$@"
report=$(ls -td StrykerOutput/*/reports 2> /dev/null | head -1)
if [ -n "$report" ] && command -v python3 > /dev/null; then
  python3 "$root/bench/mutation-summary.py" "$report/mutation-report.json"
fi
