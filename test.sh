#!/usr/bin/env bash
# Runs the whole test suite: builds and lays out the agent (./build.sh), then every test project in the solution.
# Integration tests start real processes with the startup hook and read real OTLP off a loopback socket.
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
dotnet test LeakAgent.sln -c "${CONFIGURATION:-Release}" --no-build -nologo "$@"
