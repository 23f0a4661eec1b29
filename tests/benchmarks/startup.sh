#!/usr/bin/env bash
# Start-up cost of the hook: the hello-world sample with and without DOTNET_STARTUP_HOOKS, whole-process wall time,
# interleaved runs in one hyperfine invocation (apt-get install hyperfine). Run ./build.sh first.
# Usage: tests/benchmarks/startup.sh [runs]   (default 20 runs of each)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-20}"
app="samples/HelloWorld/bin/Release/net10.0/HelloWorld.dll"
hook="$(pwd)/artifacts/leakagent/LeakAgent.StartupHook.dll"
hyperfine --warmup 3 --runs "$runs" --export-json /tmp/leakagent-startup.json \
  -n "without agent" "dotnet $app" \
  -n "with agent (no endpoint)" "env DOTNET_STARTUP_HOOKS=$hook LEAKAGENT_CONSOLE=off dotnet $app" \
  -n "with agent (OTLP endpoint set)" "env DOTNET_STARTUP_HOOKS=$hook OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 dotnet $app"
python3 - <<'PY'
import json
results = json.load(open("/tmp/leakagent-startup.json"))["results"]
base = results[0]["median"]
print("| command | median wall (ms) | min (ms) | max (ms) | median - baseline (ms) |")
print("|---|---:|---:|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['median']*1000:.1f} | {r['min']*1000:.1f} | {r['max']*1000:.1f} | {(r['median']-base)*1000:+.1f} |")
PY
