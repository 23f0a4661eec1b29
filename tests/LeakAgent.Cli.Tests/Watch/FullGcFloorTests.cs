using LeakAgent.Cli.Watch.Monitoring;
using LeakAgent.Detection.Heap;

namespace LeakAgent.Cli.Tests.Watch;

public class FullGcFloorTests
{
    private const int AppThread = 101;
    private const int BackgroundGcThread = 202;
    private static readonly DateTimeOffset s_now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void BlockingGen2_SamplesEverySurvivedByte_Gen0DoesNot()
    {
        var floor = new FullGcFloor();

        floor.OnGcStart(7, 0, background: false);
        floor.OnGcEnd(AppThread, 7, 0);
        Assert.Null(floor.OnHeapStats(s_now, AppThread, Stats(total: 50_000_000, promoted0: 1_000_000)));
        Assert.Equal(50_000_000, floor.LatestHeapBytes);

        floor.OnGcStart(8, 2, background: false);
        floor.OnGcEnd(AppThread, 8, 2);
        var sample = floor.OnHeapStats(s_now, AppThread, Stats(total: 40_000_000, promoted0: 1_000_000, promoted1: 2_000_000, promoted2: 27_000_000));
        Assert.Equal(new HeapFloorSample(s_now, 8, 30_000_000), sample);

        // One sample per full GC: a second heap-stats event without a new GC end adds nothing.
        Assert.Null(floor.OnHeapStats(s_now, AppThread, Stats(total: 40_000_000, promoted2: 30_000_000)));
    }

    [Fact]
    public void BackgroundGen2_CountsGen0AndGen1Whole_NotTheirStalePromotedBytes()
    {
        var floor = new FullGcFloor();

        // Measured shape: a BGC reports gen0/gen1 promoted bytes of an older GC (0.1 MB) while gen0 holds 3 MB.
        floor.OnGcStart(56, 2, background: true);
        floor.OnGcEnd(BackgroundGcThread, 56, 2);
        var sample = floor.OnHeapStats(s_now, BackgroundGcThread, Stats(total: 16_300_000, gen0: 3_190_000, gen1: 5_980_000, promoted0: 100_000, promoted1: 100_000, promoted2: 4_300_000, large: 300_000));

        Assert.Equal(3_190_000 + 5_980_000 + 4_300_000 + 300_000, sample?.LiveBytes);
    }

    [Fact]
    public void ForegroundGcsInsideABackgroundGc_DoNotStealOrSpoilItsSample()
    {
        var floor = new FullGcFloor();

        // BGC #20 starts; gen0 GC #21 runs on an app thread and ends; then the BGC ends; then both heap stats
        // arrive, the BGC's first. Pairing "the GC that ended last" would sample gen0's stats or none at all.
        floor.OnGcStart(20, 2, background: true);
        floor.OnGcStart(21, 0, background: false);
        floor.OnGcEnd(AppThread, 21, 0);
        floor.OnGcEnd(BackgroundGcThread, 20, 2);
        floor.OnGcStart(22, 1, background: false);
        floor.OnGcEnd(AppThread, 22, 1);

        var bgc = floor.OnHeapStats(s_now, BackgroundGcThread, Stats(total: 90_000_000, gen0: 1_000_000, gen1: 2_000_000, promoted2: 60_000_000));
        Assert.Null(floor.OnHeapStats(s_now, AppThread, Stats(total: 91_000_000, promoted0: 500_000, promoted1: 700_000)));

        Assert.Equal(new HeapFloorSample(s_now, 20, 63_000_000), bgc);
        Assert.Equal(91_000_000, floor.LatestHeapBytes);
    }

    [Fact]
    public void HeapStatsOnAnotherThread_PairsWithTheOneWaitingGcEnd_NotWithTwo()
    {
        var floor = new FullGcFloor();

        floor.OnGcEnd(AppThread, 30, 2);
        Assert.Equal(30, floor.OnHeapStats(s_now, BackgroundGcThread, Stats(total: 10_000_000, promoted2: 8_000_000))?.GcIndex);

        floor.OnGcEnd(AppThread, 31, 2);
        floor.OnGcEnd(BackgroundGcThread + 1, 32, 0);
        Assert.Null(floor.OnHeapStats(s_now, BackgroundGcThread, Stats(total: 10_000_000, promoted2: 8_000_000)));
    }

    private static GcHeapStats Stats(long total, long gen0 = 0, long gen1 = 0, long promoted0 = 0, long promoted1 = 0, long promoted2 = 0, long large = 0) =>
        new(total, gen0, gen1, promoted0, promoted1, promoted2, large, 0);
}
