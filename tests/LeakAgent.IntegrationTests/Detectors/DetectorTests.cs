using LeakAgent.IntegrationTests.Infrastructure;
using LeakAgent.IntegrationTests.Otlp;

namespace LeakAgent.IntegrationTests.Detectors;

/// <summary>
/// The seed-1 sample and the healthy control under the hook, with windows of seconds, asserted on what arrives
/// over OTLP. One class so the two runs do not compete for the CPU.
/// </summary>
public sealed class DetectorTests
{
    private const string SaveMember = "Softwerkskammer.Members.MemberStore.SaveMemberAsync";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task SeedFireAndForget_ReportsPendingSaveMemberAsync_HeapLeak_AndUnobservedTimeouts()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("SeedFireAndForget"), ["--rate", "500", "--duration", "16"], TestAgentSettings.ShortWindows(receiver));

        var exitCode = await app.WaitForExitAsync(s_wait);

        Assert.Equal(0, exitCode);
        Assert.Contains("saves never finished", app.StandardOutput, StringComparison.Ordinal);
        var diagnostics = "\nstderr:\n" + app.StandardError;

        var pending = Series(receiver, "leakagent.tasks.pending", "code.function.name", SaveMember);
        Assert.True(pending.Count >= 3, "too few leakagent.tasks.pending points for " + SaveMember + diagnostics);
        Assert.True(pending[^1] > pending[0] && pending[^1] >= 500, $"pending did not rise: {string.Join(", ", pending)}" + diagnostics);
        var oldest = Series(receiver, "leakagent.tasks.pending.oldest_age", "code.function.name", SaveMember);
        Assert.True(oldest.Count > 0 && oldest[^1] >= 5, $"oldest age: {string.Join(", ", oldest)}" + diagnostics);
        Assert.Equal("s", receiver.Metrics.First(m => m.Name == "leakagent.tasks.pending.oldest_age").Unit);

        var suspected = Series(receiver, "leakagent.heap.leak_suspected");
        Assert.True(suspected.Contains(1), "leakagent.heap.leak_suspected never 1" + diagnostics);
        var rate = Series(receiver, "leakagent.heap.growth_rate");
        Assert.True(rate.Max() > 64 * 1024, $"growth rate {rate.Max()} B/s" + diagnostics);
        Assert.Equal("By/s", receiver.Metrics.First(m => m.Name == "leakagent.heap.growth_rate").Unit);
        Assert.Contains(Series(receiver, "leakagent.heap.growth_fit"), fit => fit > 0.8);
        // Suspicion may turn on more than once in a run; each time the line says it once, without the summary's verdict.
        var verdicts = app.StandardError.Split('\n').Where(l => l.Contains("Z leak suspected: heap ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Matches(@"leak suspected: heap [\d.]+ [KMG]?B live, \+[\d.]+ [KMG]?B/min \(fit [01]\.\d\d\)(, limit in ~\w+)?\r?$", v));
        Assert.Equal(1024d * 1024 / 60, Series(receiver, "leakagent.heap.growth_threshold")[^1], 3);

        var unobserved = Series(receiver, "leakagent.tasks.unobserved_exceptions", "exception.type", "System.TimeoutException");
        Assert.True(unobserved.Count > 0 && unobserved[^1] >= 10, $"unobserved TimeoutException: {string.Join(", ", unobserved)}" + diagnostics);
        Assert.Equal("counter", receiver.Metrics.Last(m => m.Name == "leakagent.tasks.unobserved_exceptions").Kind);
    }

    [Fact]
    public async Task HealthyService_WithSawtoothAndPlateauingCaches_IsNeverSuspected()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var app = InstrumentedProcess.Start(RepoPaths.SampleDll("HealthyService"), ["--duration", "20"], TestAgentSettings.ShortWindows(receiver));

        var exitCode = await app.WaitForExitAsync(s_wait);

        Assert.Equal(0, exitCode);
        var diagnostics = "\nstderr:\n" + app.StandardError;
        var live = Series(receiver, "leakagent.heap.live_size");
        Assert.True(live.Count >= 10 && live.Max() > 8 * 1024 * 1024, $"live size: {string.Join(", ", live)}" + diagnostics);
        var suspected = Series(receiver, "leakagent.heap.leak_suspected");
        Assert.True(suspected.Count >= 10, "too few leakagent.heap.leak_suspected points" + diagnostics);
        Assert.All(suspected, value => Assert.Equal(0, value));
        Assert.DoesNotContain("leak suspected:", app.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The values of one metric's points (optionally with one attribute value), in arrival order.</summary>
    private static List<double> Series(OtlpTestReceiver receiver, string name, string? attribute = null, string? value = null) =>
        receiver.Metrics
            .Where(m => m.Name == name)
            .SelectMany(m => m.Points)
            .Where(p => attribute is null || p.Attributes.GetValueOrDefault(attribute) == value)
            .OrderBy(p => p.Time)
            .Select(p => p.Value)
            .ToList();
}
