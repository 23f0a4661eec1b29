#!/usr/bin/env bash
# What uploading a dump costs the app: the agent's upload path sends a dump of N MB (default 200) to a real s3rver
# (standing in for S3) and a real Azurite started on loopback here, and prints the process's resident and managed
# peaks over the baseline measured just before the upload, in the same process (after a warm-up upload).
#
#   tests/install-test-tools.sh && ./build.sh && tests/benchmarks/upload-memory.sh [MB]
#
# Not part of test.sh; about a minute.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size="${1:-200}"
bin="${repo}/artifacts/tools/storage-servers/node_modules/.bin"
dll="${repo}/tests/LeakAgent.Benchmarks/bin/Release/net10.0/LeakAgent.Benchmarks.dll"
[ -x "${bin}/s3rver" ] || { echo "s3rver and azurite are not installed: run tests/install-test-tools.sh" >&2; exit 2; }
dotnet build "${repo}/tests/LeakAgent.Benchmarks" -c Release -nologo -clp:ErrorsOnly >/dev/null

work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
"${bin}/s3rver" -d "${work}/s3" -a 127.0.0.1 -p 4591 --silent --configure-bucket dumps >/dev/null 2>&1 & pids+=($!)
"${bin}/azurite-blob" --blobHost 127.0.0.1 --blobPort 4592 -l "${work}/azurite" --silent --skipApiVersionCheck --loose --disableTelemetry >/dev/null 2>&1 & pids+=($!)
for port in 4591 4592; do
  for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/${port}") 2>/dev/null && break; sleep 0.2; done
done

azure="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:4592/devstoreaccount1;"
if [ -z "${ONLY_AZURE:-}" ]; then echo "== S3 (s3rver)"
AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1 AWS_ENDPOINT_URL_S3=http://127.0.0.1:4591 \
  dotnet "$dll" upload s3://dumps/bench "$size"; fi
echo "== Azure Blob (Azurite)"
AZURE_STORAGE_CONNECTION_STRING="$azure" LEAKAGENT_BENCH_CREATE_CONTAINER=dumps dotnet "$dll" upload azblob://dumps/bench "$size"
