using System.Text.Json;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Dumps;

/// <summary>
/// Seed 2 end to end: the ASP.NET Core sample that appends to a list on a cached validator is, under the hook with
/// nothing but test-sized settings, suspected by the heap trend, dumps itself, and the dump and its report point at
/// the static field that holds the list.
/// </summary>
public sealed class SeedCachedValidatorDumpTests : IDisposable
{
    private const string FieldPath = "SeedCachedValidator.Validators.Name.SupportedExtensions";

    // Our in-process dumps name a static root by its declaring type (the runtime's event names the field's type:
    // upstream shows [static var SeedCachedValidator.NameValidator.<Name>k__BackingField] here).
    private const string StaticRoot = "[static var SeedCachedValidator.Validators.Name]";

    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-seed2-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [Fact]
    public async Task SeedCachedValidator_HeapTrendSuspects_DumpNamesTheStaticListAndItsStrings()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("SeedCachedValidator"), ["--urls", "http://127.0.0.1:0", "--drive", "1000"], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "500ms",
            ["LEAKAGENT_HEAP_WINDOW"] = "20s",
            ["LEAKAGENT_STATICS_INTERVAL"] = "2s",
            ["LEAKAGENT_DUMP_DIR"] = _dumps,
            ["LEAKAGENT_DUMP_COOLDOWN"] = "10m",

            // Test-sized GC cadence: a busy service runs a full GC every few seconds to minutes; workstation GC with a
            // small gen0 budget and memory conservation brings that into a test's time. The agent never forces a GC.
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = "0x200000",
            ["DOTNET_GCConserveMemory"] = "9",
        });

        var suspected = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.heap.leak_suspected" && m.Points.Any(p => p.Value == 1), TimeSpan.FromSeconds(90));
        Assert.True(suspected is not null, "the heap trend never suspected the seed-2 leak; stderr:\n" + app.StandardError);
        var dump = await WaitForFileAsync("*.gcdump", TimeSpan.FromSeconds(60));
        Assert.True(dump is not null, "no gcdump was written; stderr:\n" + app.StandardError);
        var reportPath = await WaitForFileAsync("*.json", TimeSpan.FromSeconds(20));
        Assert.NotNull(reportPath);

        // Our reader: the list's strings are the most numerous objects; the static root is named by its declaring
        // type, and the list's array hangs below it.
        var graph = GcDumpReader.Read(dump).Graph;
        var byCount = TypeHistogram.Compute(graph).OrderByDescending(t => t.Count).ToList();
        Assert.Contains(byCount.Take(3), t => t.TypeName == "System.String");
        Assert.True(byCount.First(t => t.TypeName == "System.String").Count >= 10_000, "fewer than 10,000 strings: the list did not grow as expected");
        Assert.Contains(Enumerable.Range(0, graph.TypeCount).Select(graph.GetTypeName), n => n == StaticRoot);

        // The report: strings among the top growers, the field path among the growing static fields, and the
        // static root as a retainer whose chain ends in the list's string array.
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        var root = json.RootElement;
        Assert.Equal(dump, root.GetProperty("dump").GetString());
        Assert.Contains(root.GetProperty("topGrowingTypes").EnumerateArray().Take(5), t => t.GetProperty("type").GetString() == "System.String");
        var field = Assert.Single(root.GetProperty("growingStaticFields").EnumerateArray(), f => f.GetProperty("field").GetString() == FieldPath);
        Assert.True(field.GetProperty("elementsPerSecond").GetDouble() > 100);
        var retainer = Assert.Single(root.GetProperty("retainers").EnumerateArray(), r => r.GetProperty("root").GetString() == StaticRoot);
        Assert.StartsWith("System.String[]", retainer.GetProperty("accumulatesIn").GetString(), StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.List<System.String>", retainer.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("heap").GetProperty("growthBytesPerSecond").GetDouble() > 0);

        // The alert, as Jaeger would show it: dump path and the field among the suspects.
        var span = await receiver.WaitForSpanAsync(s => s.Name == "leakagent.leak_alert" && s.Attributes.GetValueOrDefault("leakagent.outcome") == "written", TimeSpan.FromSeconds(20));
        Assert.True(span is not null, "no leak_alert span; stderr:\n" + app.StandardError);
        Assert.Equal(dump, span.Attributes["leakagent.gcdump.path"]);
        Assert.Contains(FieldPath, span.Attributes["leakagent.suspects.fields"], StringComparison.Ordinal);
        Assert.Contains(StaticRoot, span.Attributes["leakagent.suspects.retainers"], StringComparison.Ordinal);
    }

    private async Task<string?> WaitForFileAsync(string pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(_dumps) && Directory.GetFiles(_dumps, pattern).FirstOrDefault() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        return null;
    }
}
