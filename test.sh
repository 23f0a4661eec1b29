#!/usr/bin/env bash
# Runs the whole test suite: builds and lays out the agent (./build.sh), then every test project in the solution.
# Integration tests start real processes with the startup hook and read real OTLP off a loopback socket.
#
# The console logger runs at "normal" so that a skipped test prints its reason (at the default "minimal" only its
# name shows); the one line per passed test that "normal" adds is filtered out again, failures and skips stay.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
dotnet test LeakAgent.sln -c "${CONFIGURATION:-Release}" --no-build -nologo --logger "console;verbosity=normal" "$@" \
  | grep --line-buffered -v -E '^\s+Passed [A-Za-z_][A-Za-z0-9_.]*'
