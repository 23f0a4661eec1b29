using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>
/// The hook on every supported runtime: .NET 10 as installed, .NET 8, 9 and 11 through self-contained apps built
/// from the runtime packs (build.sh publishes them; the SDK cannot target net11.0, so that one is the net10.0 app
/// carrying the 11.0.0 runtime). On 8 and 9 the agent runs on its private System.Diagnostics.DiagnosticSource 10.0,
/// so it cannot see the runtime's own meter (.NET 8 has none); its System.Runtime stand-in exports the same names.
/// </summary>
public sealed class RuntimeCompatibilityTests
{
    private const string StaticField = "HelloWorld.GrowingStatic.Name.SupportedExtensions";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("net8.0", "8.", false)]
    [InlineData("net9.0", "9.", true)]
    [InlineData("net10.0", "10.", true)]
    [InlineData("net11.0", "11.", true)]
    public async Task HookedApp_OnEachRuntime_ExportsHeapAndGcMetrics_AndReadsStaticsBehindAStaticConstructorWhereTheRuntimeAllows(
        string runtime, string versionPrefix, bool readsStaticConstructorTypes)
    {
        var app = runtime == "net10.0"
            ? RepoPaths.SampleDll("HelloWorld")
            : Path.Combine(RepoPaths.Root, "artifacts", "samples", "HelloWorld-" + runtime, "HelloWorld");
        Assert.True(File.Exists(app), $"{app} is missing: run ./build.sh");
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var process = InstrumentedProcess.Start(app, ["--until-input-closes", "--grow-static"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "hello-" + runtime,
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "200ms",
            ["LEAKAGENT_STATICS_INTERVAL"] = "300ms",
        });

        // What every runtime must deliver: the heap gauge and the runtime's GC counter with a full GC counted.
        var live = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.live_size", s_wait);
        var collections = await receiver.WaitForMetricAsync(
            m => m.Name == "dotnet.gc.collections" && m.Points.Any(p => p.Attributes.GetValueOrDefault("gc.heap.generation") == "gen2" && p.Value >= 1),
            s_wait);

        // Where the class-init flag works, the static's size must be seen rising; on .NET 8 the scan must say why it
        // cannot read the type, and by then (several 300 ms scans later) must not have read it.
        List<double> sizes = [];
        if (readsStaticConstructorTypes)
        {
            var deadline = DateTime.UtcNow + s_wait;
            while ((sizes = StaticSizes(receiver)).Distinct().Count() < 2 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
        else
        {
            Assert.True(await process.WaitForOutputAsync("runtime class-init flag not used on .NET 8", s_wait), "no class-init flag line; stderr:\n" + process.StandardError);
        }

        process.CloseInput();
        Assert.Equal(0, await process.WaitForExitAsync(s_wait));

        Assert.Contains($"on .NET {versionPrefix}", process.StandardError, StringComparison.Ordinal);
        Assert.True(live is not null, "no leakagent.heap.live_size; stderr:\n" + process.StandardError);
        Assert.Equal("hello-" + runtime, live.Resource["service.name"]);
        Assert.StartsWith(versionPrefix, live.Resource["process.runtime.version"], StringComparison.Ordinal);
        Assert.True(collections is not null, "no dotnet.gc.collections with a gen2 collection; stderr:\n" + process.StandardError);
        Assert.Equal("counter", collections.Kind);
        Assert.Equal("{collection}", collections.Unit);
        Assert.Equal("System.Runtime", collections.Scope);
        if (readsStaticConstructorTypes)
        {
            Assert.Contains("runtime class-init flag in use on .NET " + versionPrefix, process.StandardError, StringComparison.Ordinal);
            Assert.True(sizes.Distinct().Count() >= 2, $"{StaticField} was not seen rising: [{string.Join(", ", sizes)}]; stderr:\n{process.StandardError}");
            Assert.True(sizes[^1] > sizes[0], $"{StaticField} fell: [{string.Join(", ", sizes)}]");
        }
        else
        {
            Assert.Empty(StaticSizes(receiver));
        }

        Assert.DoesNotContain("Exception", process.StandardError, StringComparison.Ordinal);
    }

    private static List<double> StaticSizes(OtlpTestReceiver receiver)
    {
        return receiver.PointsOf("leakagent.statics.size")
            .Where(x => x.Point.Attributes.GetValueOrDefault("leakagent.field") == StaticField)
            .OrderBy(x => x.Point.Time)
            .Select(x => x.Point.Value)
            .ToList();
    }
}
