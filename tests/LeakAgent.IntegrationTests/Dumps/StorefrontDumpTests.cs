using System.Text.Json;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Dumps;

/// <summary>
/// The host-held leaks end to end: under the hook with test-sized settings the Storefront sample's singleton list
/// (or its memory cache) is suspected by the heap trend, the agent dumps itself, and the leak report, the alert
/// span and <c>leakagent suspects</c> name the app's own type first, not the framework's ServiceProvider; the
/// always-pending Kestrel loops and the agent's IPC are not listed as suspects.
/// </summary>
public sealed class StorefrontDumpTests : IDisposable
{
    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-storefront-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [Theory]
    [InlineData("singleton", "singleton service Storefront.PriceHistory", "Storefront.PriceHistory._points")]
    [InlineData("cache", "Storefront.QuoteService", "Storefront.QuoteService.cache")]
    public async Task Storefront_HostHeldLeak_SuspectsFirstLineNamesTheAppsType(string mode, string headline, string field)
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("Storefront"), ["--urls", "http://127.0.0.1:0", "--drive", "300", "--mode", mode], new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.HttpEndpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["LEAKAGENT_HEAP_POLL_INTERVAL"] = "500ms",
            ["LEAKAGENT_HEAP_WINDOW"] = "20s",
            ["LEAKAGENT_STATICS_INTERVAL"] = "2s",
            ["LEAKAGENT_DUMP_DIR"] = _dumps,
            ["LEAKAGENT_DUMP_COOLDOWN"] = "10m",

            // Test-sized GC cadence (as in SeedCachedValidatorDumpTests); the agent never forces a GC.
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = "0x200000",
            ["DOTNET_GCConserveMemory"] = "9",
        });

        var dump = await DumpTestSupport.WaitForFileAsync(_dumps, "*.gcdump", TimeSpan.FromSeconds(150));
        Assert.True(dump is not null, "no gcdump was written; stderr:\n" + app.StandardError);
        var reportPath = await DumpTestSupport.WaitForFileAsync(_dumps, "*.json", TimeSpan.FromSeconds(30));
        Assert.NotNull(reportPath);

        // The agent's report: the app's type heads the retainers; the service path is among the growing fields.
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath)))
        {
            var root = json.RootElement;
            var first = root.GetProperty("retainers").EnumerateArray().First();
            Assert.Contains(headline, first.GetProperty("root").GetString(), StringComparison.Ordinal);
            Assert.Contains(root.GetProperty("growingStaticFields").EnumerateArray(), f => f.GetProperty("field").GetString() == field);
            Assert.DoesNotContain(root.GetProperty("pendingAsync").EnumerateArray(), p => IsInfrastructure(p.GetProperty("method").GetString()));
        }

        var span = await receiver.WaitForSpanAsync(s => s.Name == "leakagent.leak_alert" && s.Attributes.GetValueOrDefault("leakagent.outcome") == "written", TimeSpan.FromSeconds(20));
        Assert.True(span is not null, "no leak_alert span; stderr:\n" + app.StandardError);
        Assert.Contains(field, span.Attributes["leakagent.suspects.fields"], StringComparison.Ordinal);
        Assert.Contains(headline, span.Attributes["leakagent.suspects.retainers"], StringComparison.Ordinal);
        app.Kill();

        // The CLI on the agent's dump: the first retainer line names the app's type.
        using var suspects = InstrumentedProcess.Start(RepoPaths.Cli, ["suspects", dump], new Dictionary<string, string?>(), withHook: false);
        Assert.Equal(0, await suspects.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var lines = suspects.StandardOutput.Split('\n');
        var firstRetainer = lines.SkipWhile(l => !l.StartsWith("Biggest retainers", StringComparison.Ordinal)).Skip(1).First();
        Assert.StartsWith(" 1. ", firstRetainer, StringComparison.Ordinal);
        Assert.Contains(headline, firstRetainer, StringComparison.Ordinal);
        Assert.DoesNotContain("SocketConnection.DoReceive", suspects.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpProtocol.ProcessRequests", suspects.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("IpcClient", suspects.StandardOutput, StringComparison.Ordinal);
    }

    private static bool IsInfrastructure(string? method) =>
        method is not null && (method.StartsWith("Microsoft.AspNetCore.Server.Kestrel.", StringComparison.Ordinal) || method.StartsWith("Microsoft.Diagnostics.NETCore.Client.", StringComparison.Ordinal));
}
