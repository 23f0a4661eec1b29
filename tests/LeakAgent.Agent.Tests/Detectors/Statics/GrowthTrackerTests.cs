using LeakAgent.Agent.Detectors.Statics;
using Xunit;

namespace LeakAgent.Agent.Tests.Detectors.Statics;

public sealed class GrowthTrackerTests
{
    private static readonly DateTimeOffset s_start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SteadyGrowth_RateIsElementsPerSecond()
    {
        var tracker = new GrowthTracker(historyLength: 10, topCount: 5, maxMissedScans: 3);
        for (var i = 0; i < 6; i++)
        {
            tracker.Record(s_start.AddSeconds(30 * i), [Measure("Shop.Validators.Name.SupportedExtensions", 1000 + (600 * i))]);
        }

        var top = Assert.Single(tracker.Top);
        Assert.Equal("Shop.Validators.Name.SupportedExtensions", top.Path);
        Assert.Equal("Validators.Name.SupportedExtensions", top.DisplayPath);
        Assert.Equal(20.0, top.ElementsPerSecond, 6);
        Assert.Equal(4000, top.Count);
        Assert.Equal(6, top.Samples);
    }

    [Fact]
    public void OneSpikeAmongFlatSamples_IsNotATrend()
    {
        var tracker = new GrowthTracker(historyLength: 10, topCount: 5, maxMissedScans: 3);
        long[] counts = [100, 100, 100, 100, 5000, 100, 100, 100, 100, 100];
        for (var i = 0; i < counts.Length; i++)
        {
            tracker.Record(s_start.AddSeconds(10 * i), [Measure("Shop.Cache.Items", counts[i])]);
        }

        // Theil–Sen: most pairs are flat, so the median slope is 0 although one sample jumped by 4,900.
        Assert.Empty(tracker.Top);
    }

    [Fact]
    public void GrowthWithOneClear_StaysPositiveAndRobust()
    {
        var tracker = new GrowthTracker(historyLength: 10, topCount: 5, maxMissedScans: 3);
        long[] counts = [0, 10, 20, 30, 0, 50, 60, 70, 80, 90];
        for (var i = 0; i < counts.Length; i++)
        {
            tracker.Record(s_start.AddSeconds(i), [Measure("Shop.Log.Lines", counts[i])]);
        }

        Assert.Equal(10.0, Assert.Single(tracker.Top).ElementsPerSecond, 6);
    }

    [Fact]
    public void History_KeepsOnlyTheWindow()
    {
        var tracker = new GrowthTracker(historyLength: 4, topCount: 5, maxMissedScans: 3);
        long[] counts = [0, 100, 200, 300, 310, 320, 330, 340];
        for (var i = 0; i < counts.Length; i++)
        {
            tracker.Record(s_start.AddSeconds(i), [Measure("Shop.Queue.Items", counts[i])]);
        }

        var top = Assert.Single(tracker.Top);
        Assert.Equal(10.0, top.ElementsPerSecond, 6);
        Assert.Equal(4, top.Samples);
    }

    [Fact]
    public void TopCount_BoundsCardinality_FastestFirst()
    {
        var tracker = new GrowthTracker(historyLength: 10, topCount: 3, maxMissedScans: 3);
        for (var i = 0; i < 3; i++)
        {
            tracker.Record(s_start.AddSeconds(i), Enumerable.Range(1, 8).Select(k => Measure($"App.S.F{k}", (long)k * i)).ToList());
        }

        Assert.Equal(["App.S.F8", "App.S.F7", "App.S.F6"], tracker.Top.Select(t => t.Path));
    }

    [Fact]
    public void PathNotSeenForLong_IsForgotten()
    {
        var tracker = new GrowthTracker(historyLength: 10, topCount: 3, maxMissedScans: 2);
        tracker.Record(s_start, [Measure("App.S.Gone", 1), Measure("App.S.Stays", 1)]);
        for (var i = 1; i <= 3; i++)
        {
            tracker.Record(s_start.AddSeconds(i), [Measure("App.S.Stays", 1)]);
        }

        Assert.Equal(1, tracker.TrackedCount);
    }

    private static StaticFieldMeasurement Measure(string path, long count)
    {
        return new StaticFieldMeasurement(path, path.IndexOf('.', StringComparison.Ordinal) + 1, count, CountKind.Collection);
    }
}
