#!/usr/bin/env bash
# Installs the validators dashboards/ needs, from Debian's packages only: promtool (package `prometheus`) and
# amtool (package `prometheus-alertmanager`). Idempotent: does nothing when both are on PATH. CI runs this before
# `dotnet test tests/LeakAgent.Dashboards.Tests`, whose promtool/amtool tests are skipped (with a message) without them.
set -euo pipefail

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-tools: promtool and amtool already installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-tools: installing ${missing[*]}"
$sudo apt-get update -qq
# The packages' services are not started in containers (no init); on a host they may be: we only need the tools.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v promtool >/dev/null && command -v amtool >/dev/null
echo "install-tools: $(promtool --version 2>&1 | head -n 1)"
