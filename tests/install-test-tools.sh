#!/usr/bin/env bash
# Installs the command-line tools that some tests use, into artifacts/tools (git-ignored). Idempotent: a tool that is
# already there at a matching version is left alone. CI runs this before `dotnet test`; tests that need a tool skip
# with a message naming this script when the tool is absent.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool_path="${repo_root}/artifacts/tools"
mkdir -p "${tool_path}"

install_tool() {
  local id="$1" version="$2"
  if dotnet tool list --tool-path "${tool_path}" | awk 'NR>2 {print $1}' | grep -qx "${id}"; then
    # Update in place keeps the newest version that matches the pattern (no-op when it is already installed).
    dotnet tool update --tool-path "${tool_path}" "${id}" --version "${version}" >/dev/null
  else
    dotnet tool install --tool-path "${tool_path}" "${id}" --version "${version}" >/dev/null
  fi
  dotnet tool list --tool-path "${tool_path}" | awk -v id="${id}" '$1 == id {print "installed " $1 " " $2}'
}

# The independent capture client for the Collection acceptance test (HeapSnapshotTraceFileTests).
install_tool dotnet-trace "10.0.*"

# The tool users compare us with: its dumps must read the same in our reader, ours the same in its `report`
# (tests/LeakAgent.Cli.Tests/Peers).
install_tool dotnet-gcdump "10.0.750501"

# Real object-storage servers for the upload tests (tests/LeakAgent.IntegrationTests/Storage), from the npm registry at
# the versions tests/storage-servers pins: Azurite for Azure Blob, s3rver standing in for S3.
servers="${tool_path}/storage-servers"
mkdir -p "${servers}"
if ! cmp -s "${repo_root}/tests/storage-servers/package-lock.json" "${servers}/package-lock.json" \
   || [ ! -x "${servers}/node_modules/.bin/azurite-blob" ] || [ ! -x "${servers}/node_modules/.bin/s3rver" ]; then
  cp "${repo_root}/tests/storage-servers/package.json" "${repo_root}/tests/storage-servers/package-lock.json" "${servers}/"
  (cd "${servers}" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "installed azurite $(node -p "require('${servers}/node_modules/azurite/package.json').version") and s3rver $(node -p "require('${servers}/node_modules/s3rver/package.json').version")"
