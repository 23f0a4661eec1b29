using LeakAgent.Agent.Detectors.Statics;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

/// <summary>Steady growth, the shape that alone triggers a dump: a leak's, not a cache's filling up.</summary>
public sealed class GrowthHistorySteadyTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new long[] { 0, 750, 1500, 2250, 3000 }, true)] // the DiagnosticScenarios cache: +750 per 30 s scan
    [InlineData(new long[] { 100, 200, 300, 300, 400 }, true)] // one quiet scan between requests
    [InlineData(new long[] { 100, 200, 300, 400 }, false)] // four scans: too soon to tell
    [InlineData(new long[] { 0, 6000, 9000, 9800, 10000 }, false)] // a bounded cache filling up: it slows down
    [InlineData(new long[] { 100, 200, 300, 250, 400 }, false)] // shrank once: not only growing
    [InlineData(new long[] { 100, 100, 100, 200, 300 }, false)] // mostly flat
    [InlineData(new long[] { 10, 20, 30, 40, 50 }, false)] // fewer than 100 elements gained
    public void IsSteadyGrowth_ByShape(long[] counts, bool steady)
    {
        var history = new GrowthHistory(10, 0);
        for (var i = 0; i < counts.Length; i++)
        {
            history.Add(s_start.AddSeconds(30 * i), counts[i]);
        }

        Assert.Equal(steady, history.IsSteadyGrowth(minSamples: 5, minGrowth: 100));
    }
}
