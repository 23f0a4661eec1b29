using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LeakAgent.IntegrationTests.Watch;

/// <summary>
/// The watch attached to a process that has been leaking for minutes: a big, old heap whose full GCs are mostly
/// background ones (their gen0/gen1 statistics are stale, see GcHeapStats). It must flag the steady leak within
/// one window, with a good fit, and not clear it.
/// </summary>
public sealed partial class LateAttachTests
{
    private static readonly TimeSpan s_leakBeforeAttach = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ProcessLeakingFor3MinutesBeforeAttach_IsFlaggedWithinOneWindow()
    {
        // The issue's case: SeedFireAndForget at 300 requests/s (~10 MB/min), the default 1 MB/min threshold.
        var app = WatchSession.StartLeakingApp(durationSeconds: 900, rate: 300);
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);
        await Task.Delay(s_leakBeforeAttach);
        Assert.False(app.HasExited);

        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: true, window: "1m", defaultThreshold: true,
            environment: new Dictionary<string, string?> { ["LEAKAGENT_DUMP"] = "off" });
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} ", TimeSpan.FromSeconds(60)), "output:\n" + session.Output);
        var attached = Stopwatch.StartNew();

        var flagged = await session.Watch.WaitForOutputAsync($"process {pid} (SeedFireAndForget): heap leak suspected", s_window + TimeSpan.FromSeconds(30));
        Assert.True(flagged, $"not flagged {attached.Elapsed.TotalSeconds:0} s after attach; output:\n" + session.Output);
        var line = SuspectedLine().Match(session.Output);
        Assert.True(line.Success, session.Output);
        Assert.True(double.Parse(line.Groups["fit"].Value, CultureInfo.InvariantCulture) >= 0.8, line.Value);
        Assert.DoesNotContain("suspicion cleared", session.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"heap leak suspected: .*fit (?<fit>[0-9.]+)")]
    private static partial Regex SuspectedLine();
}
