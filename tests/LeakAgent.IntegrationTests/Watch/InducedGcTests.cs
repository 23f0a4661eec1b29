using System.Globalization;
using LeakAgent.IntegrationTests.Infrastructure;

namespace LeakAgent.IntegrationTests.Watch;

/// <summary>
/// A target that leaks slowly in small objects runs gen0/gen1 GCs but (almost) no full GC of its own, as a Server GC
/// service with a big heap does: the watch induces full GCs so the trend gets its samples, and flags the leak.
/// </summary>
public sealed class InducedGcTests
{
    [Fact]
    public async Task TargetWithoutFullGcs_GetsThemInduced_AndItsLeakIsFlagged()
    {
        var app = InstrumentedProcess.Start(RepoPaths.TestTargetDll("GrowingTarget"), [], new Dictionary<string, string?>(), withHook: false);
        Assert.True(await app.WaitForOutputAsync("ready", TimeSpan.FromSeconds(60)), app.StandardError);
        var pid = app.Id.ToString(CultureInfo.InvariantCulture);

        // Window 30 s: a full GC is induced every 5 s when none happens on its own.
        using var session = await WatchSession.StartAsync(app, ["--pid", pid], autoDetect: true, window: "30s",
            environment: new Dictionary<string, string?> { ["LEAKAGENT_DUMP"] = "off" });
        Assert.True(await session.Watch.WaitForOutputAsync($"watching process {pid} ", TimeSpan.FromSeconds(60)), "output:\n" + session.Output);

        // ~3,000 small records a second (~100 KB/s): no LOH churn, no reason for a full GC of its own.
        using var feeding = new CancellationTokenSource();
        var feeder = Task.Run(async () =>
        {
            while (!feeding.IsCancellationRequested)
            {
                await app.WriteLineAsync("1500");
                await Task.Delay(500);
            }
        });
        try
        {
            Assert.True(await session.Watch.WaitForOutputAsync($"process {pid} (GrowingTarget) ran no full GC for 5s: the watch induces one", TimeSpan.FromSeconds(60)), "no induced GC; output:\n" + session.Output);
            Assert.True(await session.Watch.WaitForOutputAsync($"process {pid} (GrowingTarget): heap leak suspected", TimeSpan.FromSeconds(90)), "not flagged; output:\n" + session.Output);
            Assert.DoesNotContain("could not induce", session.Output, StringComparison.Ordinal);
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder;
        }
    }
}
