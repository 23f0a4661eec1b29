#!/usr/bin/env bash
# The main job, end to end: build, run the seed-1 sample (a service that fire-and-forgets a save per request that
# never completes) under the agent with demo-sized windows, let the agent detect the leak and write a gcdump and
# its JSON report by itself, then explain the dump with `leakagent suspects`.
set -euo pipefail
cd "$(dirname "$0")"
echo "== building and laying out the agent (./build.sh; a minute or two on a fresh clone)"
./build.sh | tail -n 1
dumps="$(pwd)/artifacts/demo-dumps"
rm -rf "$dumps"
cli=artifacts/cli/leakagent
echo "== running samples/SeedFireAndForget under the agent for 25 s (dumps go to $dumps)"
"$cli" run --dump-dir "$dumps" --heap-window 8s \
  --set LEAKAGENT_HEAP_POLL_INTERVAL=200ms --set LEAKAGENT_CONSOLE_INTERVAL=5s \
  --set LEAKAGENT_TASKS_SAMPLE_EVERY=3s --set LEAKAGENT_TASKS_SAMPLE_WINDOW=1s --set LEAKAGENT_TASKS_PENDING_AGE=1s \
  -- dotnet samples/SeedFireAndForget/bin/Release/net10.0/SeedFireAndForget.dll --rate 500 --duration 25 >/dev/null
report=$(ls "$dumps"/*.json | head -n 1)
echo
echo "== the leak report the agent wrote beside the dump: $report"
# Its head: the trigger's facts, the snapshot, the agent's own share, and the first growing type (whole objects,
# up to the first type's closing brace; the file goes on with more types, static fields, pending calls, retainers).
awk '{ print } /"topGrowingTypes"/ { types = 1 } types && /^    }/ { exit }' "$report"
echo "  ... ($(wc -l < "$report") lines in all)"
echo
echo "== leakagent suspects $dumps"
"$cli" suspects "$dumps" --top 3
