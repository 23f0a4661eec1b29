using System.Text.Json;
using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.IntegrationTests.Dumps;

#pragma warning disable CA1416 // The integration tests run on Linux (file modes, diagnostics sockets).

/// <summary>A leaking app under the hook writes a gcdump and a leak report by itself, and says so over OTLP.</summary>
public sealed class AutomaticDumpTests : IDisposable
{
    private readonly string _dumps = Path.Combine(Path.GetTempPath(), "leakagent-dump-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dumps))
        {
            Directory.Delete(_dumps, recursive: true);
        }
    }

    [Fact]
    public async Task SeedFireAndForget_WritesDumpAndReport_AndSendsLeakAlertSpan()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("SeedFireAndForget"), ["--rate", "500", "--duration", "120"], Settings(receiver));

        // Generous bounds: CI runs the integration tests side by side on two cores.
        var dump = await WaitForFileAsync("*.gcdump", TimeSpan.FromSeconds(60));
        Assert.True(dump is not null, "no gcdump was written; stderr:\n" + app.StandardError);
        var report = await WaitForFileAsync("*.json", TimeSpan.FromSeconds(20));
        Assert.NotNull(report);

        // The dump reads back with our reader: the leaked Members and their pending state machines are there.
        var graph = GcDumpReader.Read(dump).Graph;
        var histogram = TypeHistogram.Compute(graph);
        var members = Assert.Single(histogram, t => t.TypeName == "Softwerkskammer.Members.Member");
        Assert.True(members.Count >= 500, $"only {members.Count} Members in the dump");
        Assert.Contains(histogram, t => t.TypeName.Contains("MemberStore+<SaveMemberAsync>", StringComparison.Ordinal) && t.Count >= 500);

        // The report names the pending method, its retained Members, and the growth.
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = json.RootElement;
        Assert.Equal(dump, root.GetProperty("dump").GetString());
        Assert.Equal("heap_trend", root.GetProperty("trigger").GetString());
        Assert.True(root.GetProperty("heap").GetProperty("growthBytesPerSecond").GetDouble() > 0);
        var pending = root.GetProperty("pendingAsync").EnumerateArray().ToList();
        var saves = Assert.Single(pending, p => p.GetProperty("method").GetString() == "Softwerkskammer.Members.MemberStore.SaveMemberAsync");
        Assert.True(saves.GetProperty("count").GetInt32() >= 500);
        Assert.Contains(saves.GetProperty("retains").EnumerateArray(), t => t.GetProperty("type").GetString() == "Softwerkskammer.Members.Member");
        // Members are small: early in the leak they may trail big buffers in bytes, but they lead in count.
        var byCount = root.GetProperty("topGrowingTypes").EnumerateArray().OrderByDescending(t => t.GetProperty("countDelta").GetInt64()).Take(10);
        Assert.Contains(byCount, t => t.GetProperty("type").GetString() == "Softwerkskammer.Members.Member");

        // The CLI explains our own dump without the agent's objects: it finds the agent's folder in the dump itself.
        using (var suspects = InstrumentedProcess.Start(RepoPaths.Cli, ["suspects", dump], new Dictionary<string, string?>(), withHook: false))
        {
            Assert.Equal(0, await suspects.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("LeakAgent's own objects left out: ", suspects.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("Softwerkskammer.Members.MemberStore.SaveMemberAsync", suspects.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Microsoft.Diagnostics.NETCore.Client", suspects.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("OpenTelemetry.", suspects.StandardOutput, StringComparison.Ordinal);
        }

        // Files are private, and nothing half-written is left.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dumps));
        Assert.Empty(Directory.GetFiles(_dumps, "*.tmp"));

        var span = await receiver.WaitForSpanAsync(s => s.Name == "leakagent.leak_alert" && s.Attributes.GetValueOrDefault("leakagent.outcome") == "written", TimeSpan.FromSeconds(20));
        Assert.True(span is not null, "no leak_alert span; stderr:\n" + app.StandardError);
        Assert.Equal(dump, span.Attributes["leakagent.gcdump.path"]);
        Assert.Equal("LeakAgent", span.Scope);
        var written = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.count" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "written"), TimeSpan.FromSeconds(20));
        Assert.NotNull(written);
        Assert.Contains("gcdump written: " + dump, app.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TinyEventBuffer_LosesEvents_NoDumpIsLeft_OutcomeSaysFailed_AppRunsOn()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = Settings(receiver);
        settings["LEAKAGENT_DUMP_BUFFER_SIZE"] = "1MB";

        // A short dump timeout bounds the snapshot even on a loaded CI machine, and the app runs well past it, so
        // the outcome is always recorded by a live process (a CI run once saw the app exit mid-snapshot).
        settings["LEAKAGENT_DUMP_TIMEOUT"] = "15s";
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("SeedFireAndForget"), ["--rate", "2000", "--duration", "120"], settings);

        var failed = await receiver.WaitForMetricAsync(m => m.Name == "leakagent.gcdump.count" && m.Points.Any(p => p.Attributes.GetValueOrDefault("leakagent.outcome") == "failed"), TimeSpan.FromSeconds(60));
        Assert.True(failed is not null, "no failed outcome; stderr:\n" + app.StandardError);
        Assert.Contains("gcdump failed: the heap snapshot did not complete, so no dump was written", app.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_dumps) ? Directory.GetFiles(_dumps) : []);

        // The app runs on: it keeps serving (its once-a-second progress line moves on) after the failed snapshot.
        var served = ServedSoFar(app.StandardOutput);
        Assert.True(await WaitUntilAsync(() => ServedSoFar(app.StandardOutput) > served, TimeSpan.FromSeconds(15)), "the app stopped serving after the failed snapshot; stdout:\n" + app.StandardOutput);
        Assert.False(app.HasExited);
        app.Kill();
    }

    private Dictionary<string, string?> Settings(OtlpTestReceiver receiver) => DumpTestSupport.Settings(receiver, _dumps);

    private static long ServedSoFar(string stdout) => DumpTestSupport.ServedSoFar(stdout);

    private static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => DumpTestSupport.WaitUntilAsync(condition, timeout);

    private Task<string?> WaitForFileAsync(string pattern, TimeSpan timeout) => DumpTestSupport.WaitForFileAsync(_dumps, pattern, timeout);
}
