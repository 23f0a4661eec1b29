using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>
/// The hook on .NET 8 and 9, through self-contained apps built from the runtime packs (build.sh publishes them).
/// On these runtimes the agent runs on its private System.Diagnostics.DiagnosticSource 10.0, so it cannot see the
/// runtime's own meter (.NET 8 has none); its System.Runtime stand-in exports the same names instead.
/// </summary>
public sealed class OlderRuntimeTests
{
    [Theory]
    [InlineData("net8.0", "8.")]
    [InlineData("net9.0", "9.")]
    public async Task SelfContainedAppOnOlderRuntime_ExportsHeapLiveSizeAndGcCollections(string framework, string runtimePrefix)
    {
        var app = Path.Combine(RepoPaths.Root, "artifacts", "samples", "HelloWorld-" + framework, "HelloWorld");
        Assert.True(File.Exists(app), $"{app} is missing: run ./build.sh");
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var process = InstrumentedProcess.Start(app, ["--run-for", "5"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "hello-" + framework,
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "200ms",
        });

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        Assert.Contains($"on .NET {runtimePrefix}", process.StandardError, StringComparison.Ordinal);
        var live = receiver.Metrics.FirstOrDefault(m => m.Name == "leakagent.heap.live_size");
        Assert.True(live is not null, "no leakagent.heap.live_size; stderr:\n" + process.StandardError);
        Assert.Equal("hello-" + framework, live.Resource["service.name"]);
        Assert.StartsWith(runtimePrefix, live.Resource["process.runtime.version"], StringComparison.Ordinal);
        var collections = receiver.Metrics.LastOrDefault(m => m.Name == "dotnet.gc.collections");
        Assert.True(collections is not null, "no dotnet.gc.collections; stderr:\n" + process.StandardError);
        Assert.Equal("counter", collections.Kind);
        Assert.Equal("{collection}", collections.Unit);
        Assert.Contains(collections.Points, p => p.Attributes.GetValueOrDefault("gc.heap.generation") == "gen2" && p.Value >= 1);
        Assert.DoesNotContain("Exception", process.StandardError, StringComparison.Ordinal);
    }
}
