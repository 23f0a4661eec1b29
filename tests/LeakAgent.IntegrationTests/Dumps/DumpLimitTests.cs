using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;
using static LeakAgent.IntegrationTests.Dumps.DumpTestSupport;

namespace LeakAgent.IntegrationTests.Dumps;

/// <summary>
/// The dump limits and faults on a real leaking app under the hook: each ends with the outcome on
/// <c>leakagent.gcdump.count</c> over OTLP, one self-log line saying why, no stray file, and the app running on.
/// Every app runs well past what its test waits for (CI runs these side by side on two cores).
/// </summary>
public sealed class DumpLimitTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "leakagent-dump-limit-tests-" + Guid.NewGuid().ToString("N"));

    public DumpLimitTests() => Directory.CreateDirectory(_root);

    private string Dumps => Path.Combine(_root, "dumps");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// After the first dump the trigger tries again each (short) cooldown while suspicion lasts: the limit stops it.
    /// Nothing is on disk before the first dump, so that one is written; with a 1 KB budget it alone uses it up.
    /// </summary>
    [Theory]
    [InlineData("LEAKAGENT_DUMP_MAX_COUNT", "1", "1 dump already in {0} (LEAKAGENT_DUMP_MAX_COUNT=1)")]
    [InlineData("LEAKAGENT_DUMP_MAX_TOTAL_SIZE", "1KB", " of dumps already in {0} (LEAKAGENT_DUMP_MAX_TOTAL_SIZE=1 KB)")]
    public async Task Limit_WritesOneDump_ThenSkipsForTheLimit(string setting, string value, string reason)
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = Settings(receiver, Dumps);
        settings[setting] = value;
        settings["LEAKAGENT_DUMP_COOLDOWN"] = "2s";
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(LeakingApp), ["--rate", "500", "--duration", "150"], settings);

        Assert.True(await WaitForOutcomeAsync(receiver, "skipped_limit", TimeSpan.FromSeconds(100)) is not null, "no skipped_limit outcome; stderr:\n" + app.StandardError);

        var dump = Assert.Single(Directory.GetFiles(Dumps, "*.gcdump"));
        Assert.True(new FileInfo(dump).Length > 1024);
        Assert.Single(LinesWith(app.StandardError, "gcdump written: "));
        AssertReportLeavesOutTheAgent(Path.ChangeExtension(dump, ".json"));
        var skipped = LinesWith(app.StandardError, "Z gcdump skipped_limit: ");
        Assert.NotEmpty(skipped);
        Assert.All(skipped, line => Assert.EndsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, Dumps), line, StringComparison.Ordinal));
        await AssertRunsOnWithoutTemporaryFiles(app);
    }

    [Fact]
    public async Task LongCooldown_OneDump_SuspicionReturningWithinIt_SkipsForTheCooldown()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var settings = Settings(receiver, Dumps);
        settings["LEAKAGENT_DUMP_COOLDOWN"] = "10m";
        settings["LEAKAGENT_DUMP_MAX_COUNT"] = "100";

        // The trigger acts when suspicion turns on, and again each cooldown while it stays on: so within a long
        // cooldown a second attempt comes only from suspicion turning on again. The app's leak comes and goes.
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(LeakingApp), ["--rate", "500", "--duration", "240", "--leak-for", "20", "--pause-for", "15"], settings);

        Assert.True(await WaitForOutcomeAsync(receiver, "skipped_cooldown", TimeSpan.FromSeconds(180)) is not null, "no skipped_cooldown outcome; stderr:\n" + app.StandardError);

        Assert.Single(Directory.GetFiles(Dumps, "*.gcdump"));
        Assert.Single(LinesWith(app.StandardError, "gcdump written: "));
        Assert.NotEmpty(LinesWith(app.StandardError, "leak suspicion cleared: "));
        var skipped = LinesWith(app.StandardError, "gcdump skipped_cooldown: ");
        Assert.NotEmpty(skipped);
        Assert.All(skipped, line => Assert.Matches(@"cooldown: the last dump was \d+(\.\d+)?s ago, next allowed in 9m\d+s \(LEAKAGENT_DUMP_COOLDOWN\)$", line));
        await AssertRunsOnWithoutTemporaryFiles(app);
    }

    [Fact]
    public async Task DumpDirectoryBelowARegularFile_OutcomeFailed_OneLineNamingIt_AppRunsOn()
    {
        // Unlike a read-only directory, this fails for root too (CI runs as root): no directory can be made under a file.
        var file = Path.Combine(_root, "afile");
        await File.WriteAllTextAsync(file, "not a directory");
        var directory = Path.Combine(file, "dumps");
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll(LeakingApp), ["--rate", "500", "--duration", "150"], Settings(receiver, directory));

        Assert.True(await WaitForOutcomeAsync(receiver, "failed", TimeSpan.FromSeconds(100)) is not null, "no failed outcome; stderr:\n" + app.StandardError);

        var line = Assert.Single(LinesWith(app.StandardError, "gcdump failed: "));
        Assert.StartsWith("[leakagent] ", line, StringComparison.Ordinal);
        Assert.Contains($"Z gcdump failed: the dump directory {directory} cannot be created (", line, StringComparison.Ordinal);
        Assert.EndsWith("); set LEAKAGENT_DUMP_DIR to a writable folder", line, StringComparison.Ordinal);
        Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
        Assert.Equal(file, Assert.Single(Directory.GetFileSystemEntries(_root)));
        await AssertRunsOnWithoutTemporaryFiles(app);
    }

    /// <summary>
    /// The dump of the app's own process holds the agent's objects (OpenTelemetry's SDK, the detectors): the report
    /// counts them apart and lists none of them among the app's types.
    /// </summary>
    private static void AssertReportLeavesOutTheAgent(string reportPath)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(reportPath));
        var root = json.RootElement;
        var agent = root.GetProperty("agent");
        Assert.True(agent.GetProperty("objects").GetInt32() > 100, "agent: " + agent);
        Assert.True(agent.GetProperty("bytes").GetInt64() > 10_000, "agent: " + agent);
        var listed = root.GetProperty("topGrowingTypes").EnumerateArray().Concat(root.GetProperty("topTypes").EnumerateArray())
            .Select(t => t.GetProperty("type").GetString()!).ToList();
        Assert.Contains("Softwerkskammer.Members.Member", listed);
        Assert.DoesNotContain(listed, t => t.StartsWith("OpenTelemetry.", StringComparison.Ordinal) || t.StartsWith("LeakAgent.", StringComparison.Ordinal));
    }

    /// <summary>The app keeps serving (its once-a-second progress line moves on) and no temporary file is left.</summary>
    private async Task AssertRunsOnWithoutTemporaryFiles(InstrumentedProcess app)
    {
        var served = ServedSoFar(app.StandardOutput);
        Assert.True(await WaitUntilAsync(() => ServedSoFar(app.StandardOutput) > served, TimeSpan.FromSeconds(20)), "the app stopped serving; stdout:\n" + app.StandardOutput);
        Assert.False(app.HasExited);
        if (Directory.Exists(Dumps))
        {
            Assert.Empty(Directory.GetFiles(Dumps, "*.tmp"));
        }

        app.Kill();
    }
}
