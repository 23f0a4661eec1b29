using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>An app that never heard of LeakAgent, started with the hook, exports over real OTLP.</summary>
public sealed class ExportTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task HookedApp_ExportsHeapLiveSizeAndRuntimeMetrics_WithServiceName(string protocol)
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HelloWorld"), ["--until-input-closes"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = protocol == "grpc" ? receiver.GrpcEndpoint : receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
            ["OTEL_SERVICE_NAME"] = "hello-" + protocol,
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "200ms",
        });

        // The app runs until both kinds of metric have arrived (a full GC must have happened for gen2 to count).
        await receiver.WaitForMetricAsync(m => m.Name == "dotnet.gc.collections" && m.Points.Any(p => p.Attributes.GetValueOrDefault("gc.heap.generation") == "gen2" && p.Value >= 1), s_wait);
        await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.live_size", s_wait);
        app.CloseInput();
        var exitCode = await app.WaitForExitAsync(s_wait);

        Assert.Equal(0, exitCode);
        Assert.Contains("Hello, World!", app.StandardOutput, StringComparison.Ordinal);
        var live = receiver.Metrics.FirstOrDefault(m => m.Name == "leakagent.heap.live_size");
        Assert.True(live is not null, "no leakagent.heap.live_size arrived; stderr:\n" + app.StandardError);
        Assert.Equal(protocol, live.Transport);
        Assert.Equal("By", live.Unit);
        Assert.Equal("LeakAgent", live.Scope);
        Assert.Equal("hello-" + protocol, live.Resource["service.name"]);
        Assert.InRange(live.Points[0].Value, 64 * 1024, 2L * 1024 * 1024 * 1024);

        var collections = receiver.Metrics.LastOrDefault(m => m.Name == "dotnet.gc.collections");
        Assert.True(collections is not null, "no dotnet.gc.collections arrived; stderr:\n" + app.StandardError);
        Assert.Equal("System.Runtime", collections.Scope);
        Assert.Equal("counter", collections.Kind);
        Assert.Equal("hello-" + protocol, collections.Resource["service.name"]);
        Assert.Contains(collections.Points, p => p.Attributes.GetValueOrDefault("gc.heap.generation") == "gen2" && p.Value >= 1);
    }
}
