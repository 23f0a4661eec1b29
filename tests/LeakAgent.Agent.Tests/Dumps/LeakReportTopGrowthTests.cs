using LeakAgent.Detection.Dumps;
using LeakAgent.Snapshots.Analysis;
using Xunit;

namespace LeakAgent.Agent.Tests.Dumps;

public sealed class LeakReportTopGrowthTests
{
    [Fact]
    public void ManySmallObjects_AreListedAfterTheBigBuffers_EvenWhenTheyTrailInBytes()
    {
        // Byte order, as HeapDiff.Compare gives it: three big buffers, then 2,000 small Members, then noise.
        var byBytes = new List<TypeGrowth>
        {
            new("System.Byte[] (Bytes > 1M)", 0, 4, 0, 4_000_000),
            new("OpenTelemetry.Metrics.MetricPoint[]", 0, 30, 0, 3_000_000),
            new("System.Char[]", 0, 10, 0, 200_000),
            new("Shop.Member", 0, 2_000, 0, 64_000),
            new("System.Object", 0, 5, 0, 120),
        };

        var top = LeakReportBuilder.TopGrowth(byBytes, 2);

        Assert.Equal(["System.Byte[] (Bytes > 1M)", "OpenTelemetry.Metrics.MetricPoint[]", "Shop.Member"], top.Select(t => t.TypeName));
    }

    [Fact]
    public void TypesThatShrankInCount_AreNotAddedByCount()
    {
        var byBytes = new List<TypeGrowth>
        {
            new("A", 0, 1, 0, 1_000),
            new("B", 10, 2, 800, 200),
        };

        Assert.Equal(["A"], LeakReportBuilder.TopGrowth(byBytes, 1).Select(t => t.TypeName));
    }
}
