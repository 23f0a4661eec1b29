#!/usr/bin/env bash
# Memory cost of the agent, OpenTelemetry SDK loaded or not: samples/HelloWorld --run-for S --report-memory
#   1. without the hook (the baseline),
#   2. with the hook, no endpoint (summary mode: the OpenTelemetry SDK is not loaded),
#   3. with the hook exporting metrics and traces over OTLP/HTTP to a loopback sink (a small python server that
#      answers 200 and counts requests; OTEL_METRIC_EXPORT_INTERVAL=5000 so the exporter runs several times).
# Per process: peak RSS (VmHWM, `/usr/bin/time -f %M`) and the managed heap after a full compacting GC at exit
# (the agent shares the app's GC heap). Runs are interleaved (1,2,3,1,2,3,...) so machine load hits all rows
# alike; the table gives medians and their deltas/ratios against the baseline measured in the same run.
# Usage: tests/benchmarks/memory.sh [repetitions] [seconds per run]   (default 5 x 15 s; run ./build.sh first)
set -euo pipefail
cd "$(dirname "$0")/../.."
reps="${1:-5}"
seconds="${2:-15}"
app="samples/HelloWorld/bin/Release/net10.0/HelloWorld.dll"
hook="$(pwd)/artifacts/leakagent/LeakAgent.StartupHook.dll"
[[ -f "$app" && -f "$hook" ]] || { echo "[ERROR] $app or $hook missing: run ./build.sh first" >&2; exit 1; }

work="$(mktemp -d)"
sink_pid=""
cleanup() { [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The OTLP/HTTP sink: 200 with an empty protobuf body (a valid, empty Export*ServiceResponse) for every POST.
python3 - "$work/port" "$work/requests" <<'PY' &
import sys, http.server
port_file, log_file = sys.argv[1], sys.argv[2]
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()
        with open(log_file, "a") as log:
            log.write(self.path + "\n")
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
open(port_file, "w").write(str(server.server_address[1]))
server.serve_forever()
PY
sink_pid=$!
for _ in $(seq 50); do [[ -s "$work/port" ]] && break; sleep 0.1; done
endpoint="http://127.0.0.1:$(cat "$work/port")"
touch "$work/requests"

rows=("without agent" "with agent, no endpoint (summary mode)" "with agent, OTLP/HTTP export")
run() { # row index, repetition
  local env_args=()
  case "$1" in
    1) env_args=(DOTNET_STARTUP_HOOKS="$hook" LEAKAGENT_LOG=off) ;;
    2) env_args=(DOTNET_STARTUP_HOOKS="$hook" LEAKAGENT_LOG=off OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint"
                 OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_METRIC_EXPORT_INTERVAL=5000) ;;
  esac
  local before; before=$(grep -c '/v1/metrics' "$work/requests" || true)
  env "${env_args[@]}" /usr/bin/time -f "%M" -o "$work/rss" dotnet "$app" --run-for "$seconds" --report-memory > "$work/out"
  local after; after=$(grep -c '/v1/metrics' "$work/requests" || true)
  local live; live=$(sed -n 's/^managed heap after full GC: \([0-9]*\) bytes live.*/\1/p' "$work/out")
  echo "$1 $2 $(cat "$work/rss") $live $((after - before))" >> "$work/results"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $reps repetitions x ${#rows[@]} rows x ${seconds}s" >&2
for rep in $(seq "$reps"); do
  for row in 0 1 2; do
    run "$row" "$rep"
  done
  echo "  repetition $rep done" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$work/results" "${rows[@]}" <<'PY'
import sys, statistics
results, names = sys.argv[1], sys.argv[2:]
data = {i: [] for i in range(len(names))}
for line in open(results):
    row, rep, rss_kb, live, exports = (int(x) for x in line.split())
    data[row].append((rss_kb * 1024, live, exports))
def med(values): return statistics.median(values)
base_rss = med([r for r, _, _ in data[0]])
base_live = med([l for _, l, _ in data[0]])
mb = 1024 * 1024
print("| run | peak RSS median (MB) | min-max (MB) | Δ RSS vs baseline (MB) | RSS ratio | managed heap live (MB) | Δ heap (MB) | metric exports seen by the sink |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for i, name in enumerate(names):
    rss = [r for r, _, _ in data[i]]; live = [l for _, l, _ in data[i]]; exports = [e for _, _, e in data[i]]
    print(f"| {name} | {med(rss)/mb:.1f} | {min(rss)/mb:.1f}-{max(rss)/mb:.1f} | {(med(rss)-base_rss)/mb:+.1f} | {med(rss)/base_rss:.2f} "
          f"| {med(live)/mb:.2f} | {(med(live)-base_live)/mb:+.2f} | {min(exports)}-{max(exports)} per run |")
PY
