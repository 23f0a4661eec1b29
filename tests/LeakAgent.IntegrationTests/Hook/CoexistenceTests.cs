using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>The agent's OpenTelemetry 1.20 and an app's own OpenTelemetry 1.9 live side by side.</summary>
public sealed class CoexistenceTests
{
    [Fact]
    public async Task AppWithOpenTelemetry19_KeepsExporting_AndAgentExportsToo()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("OldOpenTelemetryApp"), ["4"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.GrpcEndpoint,
            ["OTEL_SERVICE_NAME"] = "old-otel-app",
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "200ms",
        });

        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(40)));

        // The app's own pipeline: OpenTelemetry 1.9.0 counted and exported its requests.
        var appExports = app.StandardOutput.Split('\n').Where(l => l.StartsWith("app-export: app.requests=", StringComparison.Ordinal)).ToList();
        Assert.True(appExports.Count >= 3, "the app's own exporter stopped: " + app.StandardOutput);
        Assert.True(long.Parse(appExports[^1].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) > 50);
        Assert.Contains("OpenTelemetry 1.0.0.0 (1.9.0+", app.StandardOutput, StringComparison.Ordinal);

        // The agent's pipeline: OpenTelemetry 1.20 delivered over the wire.
        var live = receiver.Metrics.FirstOrDefault(m => m.Name == "leakagent.heap.live_size");
        Assert.True(live is not null, "the agent exported nothing; stderr:\n" + app.StandardError);
        Assert.Equal("old-otel-app", live.Resource["service.name"]);
        Assert.Equal("1.20.1", live.Resource["telemetry.sdk.version"]);
        Assert.DoesNotContain(receiver.Metrics, m => m.Name == "app.requests");
        Assert.DoesNotContain("TypeLoadException", app.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("MissingMethodException", app.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("did not start", app.StandardError, StringComparison.Ordinal);
    }
}
