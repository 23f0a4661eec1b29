#!/usr/bin/env bash
# What a whole automatic dump costs the app (snapshot, .gcdump written, leak report computed), at 1M and 5M objects,
# for an older commit and this checkout, in one run: the peak resident set and the memory cgroup's peak charge over
# the figures just before the dump, per object. Each run gets a fresh cgroup v1 memory group of its own (as root);
# without one only the resident figure is printed.
#
#   tests/benchmarks/dump-cost.sh [before-commit, default 895a4c5] [objects ...]
#
# The benchmark's own sources (AgentDumpBenchmark, its probes and Program.cs) are copied into the older tree: they
# use only the API both have. Not part of test.sh; a few minutes.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
before="${1:-895a4c5}"
shift || true
sizes=("${@:-1000000 5000000}")
read -r -a sizes <<<"${sizes[*]}"
work="$(mktemp -d)"
trap 'git -C "$repo" worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$repo" worktree add --detach "$work/before" "$before" >/dev/null
for file in Program.cs Snapshots/AgentDumpBenchmark.cs Snapshots/MemoryProbe.cs Snapshots/SyntheticObjects.cs; do
  cp "$repo/tests/LeakAgent.Benchmarks/$file" "$work/before/tests/LeakAgent.Benchmarks/$file"
done
for tree in "$work/before" "$repo"; do
  dotnet build "$tree/tests/LeakAgent.Benchmarks" -c Release -nologo -clp:ErrorsOnly >/dev/null
done

memory_root="/sys/fs/cgroup/memory$(grep -E '^[0-9]+:([^:]*,)?memory(,[^:]*)?:' /proc/self/cgroup | cut -d: -f3)"
run() { # label tree objects
  local dll="$2/tests/LeakAgent.Benchmarks/bin/Release/net10.0/LeakAgent.Benchmarks.dll"
  if [ -w "$memory_root" ]; then
    local group="$memory_root/leakagent-dump-cost-$$"
    mkdir -p "$group"
    printf '%-8s ' "$1"
    sh -c "echo \$\$ > '$group/cgroup.procs' && exec dotnet '$dll' dump $3"
    rmdir "$group" 2>/dev/null || true
  else
    printf '%-8s ' "$1"
    dotnet "$dll" dump "$3"
  fi
}
echo ".NET $(dotnet --list-runtimes | awk '/NETCore.App 10/ {v=$2} END {print v}'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); before = $before, after = $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' + uncommitted changes')"
for n in "${sizes[@]}"; do
  run before "$work/before" "$n"
  run after "$repo" "$n"
done
