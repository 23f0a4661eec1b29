#!/usr/bin/env bash
# Reproduces docs/benchmarks.md (detectors section): run from the repository root after ./build.sh.
# Each workload runs without the agent, then with the agent at its default configuration (no OTLP endpoint: the
# console summary is off too), alternately, in the same run. /usr/bin/time -v gives elapsed time and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
hook="$(pwd)/artifacts/leakagent/LeakAgent.StartupHook.dll"
dll="$(dotnet build samples/Workloads/async-workload.cs -c Release 2>/dev/null | sed -n 's/.*-> \(.*\.dll\)$/\1/p' | tail -1)"
seconds="${SECONDS_PER_RUN:-30}"
echo "== in-process: TplEventSource window (keyword 0x8) closed vs open"
dotnet "$dll" --compare-window 10
for round in 1 2; do
  for mode in none agent; do
    env=(LEAKAGENT_CONSOLE=off)
    [[ $mode == agent ]] && env+=(DOTNET_STARTUP_HOOKS="$hook")
    echo "== async-heavy, $mode, round $round"
    env "${env[@]}" /usr/bin/time -f "elapsed %e s, max RSS %M KB" dotnet "$dll" --seconds "$seconds"
    echo "== allocation-heavy (HealthyService), $mode, round $round"
    env "${env[@]}" /usr/bin/time -f "elapsed %e s, max RSS %M KB, user %U s" dotnet samples/HealthyService/bin/Release/net10.0/HealthyService.dll --duration "$seconds" | tail -1
  done
done
