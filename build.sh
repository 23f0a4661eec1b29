#!/usr/bin/env bash
# Builds the solution and lays out the agent the way a container gets it:
#   artifacts/leakagent/LeakAgent.StartupHook.dll   <- point DOTNET_STARTUP_HOOKS here
#   artifacts/leakagent/agent/                      <- the agent and its private dependencies
#   artifacts/cli/                                  <- the `leakagent` command-line tool
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"
dotnet build LeakAgent.sln -c "$configuration" -nologo -clp:ErrorsOnly
rm -rf artifacts/leakagent
dotnet publish startup-hook/LeakAgent.StartupHook/LeakAgent.StartupHook.csproj -c "$configuration" --no-build -nologo -o artifacts/leakagent >/dev/null
dotnet publish agent/LeakAgent.Agent/LeakAgent.Agent.csproj -c "$configuration" --no-build -nologo -o artifacts/leakagent/agent >/dev/null
dotnet publish agent/LeakAgent.Cli/LeakAgent.Cli.csproj -c "$configuration" --no-build -nologo -o artifacts/cli >/dev/null
echo "agent laid out in artifacts/leakagent (DOTNET_STARTUP_HOOKS=$(pwd)/artifacts/leakagent/LeakAgent.StartupHook.dll)"

# Self-contained copies of the hello app on the other runtimes (runtime packs from NuGet), so the tests can prove
# the hook on .NET 8, 9 and 11 without those runtimes installed. The SDK cannot target net11.0, but a net10.0 app
# runs on .NET 11: publishing it self-contained with the 11.0.0 runtime pack puts .NET 11 beside it.
for framework in net8.0 net9.0; do
  dotnet publish samples/HelloWorld/HelloWorld.csproj -c "$configuration" -f "$framework" -r linux-x64 --self-contained -nologo \
    -o "artifacts/samples/HelloWorld-$framework" >/dev/null
done
dotnet publish samples/HelloWorld/HelloWorld.csproj -c "$configuration" -f net10.0 -r linux-x64 --self-contained -nologo \
  -p:RuntimeFrameworkVersion=11.0.0 -o artifacts/samples/HelloWorld-net11.0 >/dev/null
