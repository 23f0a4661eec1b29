using LeakAgent.Dashboards.Tests.Naming;
using LeakAgent.Dashboards.Tests.PromQl;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;
using DashboardFile = LeakAgent.Dashboards.Tests.Validation.DashboardFile;

namespace LeakAgent.IntegrationTests.Hook;

/// <summary>
/// The hook on every supported runtime: .NET 10 as installed, .NET 8, 9 and 11 through self-contained apps built
/// from the runtime packs (build.sh publishes them; the SDK cannot target net11.0, so that one is the net10.0 app
/// carrying the 11.0.0 runtime). On 10 and 11 the runtime's own System.Runtime meter is exported (<c>dotnet.*</c>). On
/// .NET 8, which has none, OpenTelemetry.Instrumentation.Runtime's meter is (<c>process.runtime.dotnet.*</c>), plus the
/// agent's <c>dotnet.process.memory.working_set</c>. On .NET 9 the agent runs on its private
/// System.Diagnostics.DiagnosticSource 10.0 and cannot see the runtime's meter; its stand-in publishes the same
/// <c>dotnet.*</c> names. Never both schemes in one process.
/// </summary>
public sealed class RuntimeCompatibilityTests
{
    private const string StaticField = "HelloWorld.GrowingStatic.Name.SupportedExtensions";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("net8.0", "8.", false, false)]
    [InlineData("net9.0", "9.", true, true)]
    [InlineData("net10.0", "10.", true, true)]
    [InlineData("net11.0", "11.", true, true)]
    public async Task HookedApp_OnEachRuntime_ExportsHeapAndGcMetrics_AndReadsStaticsBehindAStaticConstructorWhereTheRuntimeAllows(
        string runtime, string versionPrefix, bool readsStaticConstructorTypes, bool dotnetNames)
    {
        var gc = dotnetNames
            ? (Name: "dotnet.gc.collections", Generation: "gc.heap.generation", Unit: "{collection}", Scope: "System.Runtime")
            : (Name: "process.runtime.dotnet.gc.collections.count", Generation: "generation", Unit: "", Scope: "OpenTelemetry.Instrumentation.Runtime");
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
            m => m.Name == gc.Name && m.Points.Any(p => p.Attributes.GetValueOrDefault(gc.Generation) == "gen2" && p.Value >= 1),
            s_wait);
        var workingSet = await receiver.WaitForMetricAsync(m => m.Name == "dotnet.process.memory.working_set", s_wait);

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
        Assert.True(collections is not null, $"no {gc.Name} with a gen2 collection; stderr:\n" + process.StandardError);
        Assert.Equal("counter", collections.Kind);
        Assert.Equal(gc.Unit, collections.Unit);
        Assert.StartsWith(gc.Scope, collections.Scope, StringComparison.Ordinal);
        Assert.True(workingSet is not null, "no dotnet.process.memory.working_set; stderr:\n" + process.StandardError);
        Assert.Equal("System.Runtime", workingSet.Scope);
        Assert.InRange(workingSet.Points[^1].Value, 1024 * 1024, 64L * 1024 * 1024 * 1024);
        var otherScheme = dotnetNames ? "process.runtime.dotnet." : "dotnet.gc.";
        Assert.DoesNotContain(receiver.Metrics, m => m.Name.StartsWith(otherScheme, StringComparison.Ordinal));
        AssertEveryRuntimePanelHasData(receiver);
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

    /// <summary>
    /// The dashboards' runtime queries read one scheme or the other: on this runtime each must find at least one of
    /// its names among what arrived (mapped to Prometheus names as the Collector does).
    /// </summary>
    private static void AssertEveryRuntimePanelHasData(OtlpTestReceiver receiver)
    {
        var arrived = receiver.Metrics
            .Where(m => m.Scope != "LeakAgent")
            .SelectMany(m => new MetricDefinition(m.Name, m.Unit, m.Kind).PrometheusNames)
            .ToHashSet(StringComparer.Ordinal);
        var runtimeQueries = DashboardFile.LoadAll()
            .SelectMany(d => d.Queries())
            .Select(q => (q.Location, Names: PromQlMetricExtractor.Extract(q.Expression)))
            .Where(q => q.Names.Any(n => n.StartsWith("dotnet_", StringComparison.Ordinal) || n.StartsWith("process_", StringComparison.Ordinal)))

            // Exception counters publish only once something throws; this app throws nothing.
            .Where(q => !q.Names.Any(n => n.Contains("exceptions", StringComparison.Ordinal)))
            .ToList();
        Assert.True(runtimeQueries.Count >= 8, $"only {runtimeQueries.Count} runtime queries found in the dashboards");
        var dark = runtimeQueries.Where(q => !q.Names.Any(arrived.Contains)).Select(q => $"{q.Location}: {string.Join(" | ", q.Names)}").ToList();
        Assert.True(dark.Count == 0, "runtime panels with no data on this runtime:\n" + string.Join("\n", dark) + "\narrived: " + string.Join(", ", arrived.Order()));
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
