using System.Diagnostics;
using System.Globalization;
using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// The agent's in-process heap snapshot on a heap of N objects, against the runtime's own induced gen2 GC in the same
/// process and run: the app's pause (what a thread of the app feels, and the GC's own pause figure), the snapshot's
/// wall time, and the collector's extra memory per object (managed peak, allocated, retained graph; and resident set).
/// </summary>
internal static class SelfSnapshotBenchmark
{
    private const int InducedGcs = 3;
    private const double MB = 1024 * 1024;

    public static async Task<int> RunAsync(int objectCount, int rounds)
    {
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}; building {objectCount:N0} objects");
        var heap = new SyntheticObjects(objectCount);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Console.WriteLine($"heap: {heap.ObjectCount:N0} objects held, {GC.GetTotalMemory(false) / MB:0} MB managed, {MemoryProbe.ResidentBytes() / MB:0} MB resident");

        var failures = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var (gcGap, gcPause) = InducedGc();
            var snapshot = await SnapshotAsync(heap.ObjectCount).ConfigureAwait(false);
            if (snapshot is null)
            {
                failures++;
                continue;
            }

            var s = snapshot.Value;
            await FlushThreadPoolAsync().ConfigureAwait(false);
            var leftBehind = GC.GetTotalMemory(forceFullCollection: true) - s.BaselineManaged;
            // Issue #4's figure: the app's pause during our snapshot over the pause of the heap-walk GC itself (the
            // runtime's own GCStart→GCStop); the plain induced gen2 GC stays as a reference for what a walk adds.
            var goal = s.GcPause is { } walk ? (s.Gap / walk).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";
            Console.WriteLine($"round {round}: app pause / heap-walk GC pause = {goal} ({Ms(s.Gap)} / {(s.GcPause is { } p ? Ms(p) : "n/a")}) | "
                + $"reference, plain induced gen2 GC: app gap {Ms(gcGap)}, GC pause {Ms(gcPause)}, snapshot app gap {s.Gap / gcGap:0.00}x that | "
                + $"wall {s.Wall.TotalSeconds:0.00} s, {s.Nodes:N0} nodes / {s.Edges:N0} edges; per object: managed peak +{s.PeakManaged / (double)heap.ObjectCount:0.0} B, "
                + $"allocated {s.Allocated / (double)heap.ObjectCount:0.0} B, graph retained {s.Retained / (double)heap.ObjectCount:0.0} B, resident peak +{s.PeakResident / (double)heap.ObjectCount:0.0} B "
                + $"(+{s.PeakResident / MB:0} MB, event buffer {s.BufferMB} MB); still held once the result is dropped: {leftBehind / MB:0.0} MB");
        }

        GC.KeepAlive(heap);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The median of a few forced, blocking gen2 GCs: the longest gap the probe thread saw, and the GC's own pause.</summary>
    private static (TimeSpan Gap, TimeSpan Pause) InducedGc()
    {
        var gaps = new List<TimeSpan>();
        var pauses = new List<TimeSpan>();
        for (var i = 0; i < InducedGcs; i++)
        {
            using (var probe = new PauseProbe())
            {
                Thread.Sleep(50);
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                Thread.Sleep(20);
                gaps.Add(probe.MaxGap);
            }

            pauses.Add(GC.GetGCMemoryInfo(GCKind.FullBlocking).PauseDurations[0]);
        }

        gaps.Sort();
        pauses.Sort();
        return (gaps[InducedGcs / 2], pauses[InducedGcs / 2]);
    }

    /// <summary>
    /// A thread-pool thread keeps the last work item it ran (here the collector's async box, and so its result) in a
    /// stack slot until it runs another: give every worker something to run so that stale reference is gone.
    /// </summary>
    private static Task FlushThreadPoolAsync() =>
        Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(_ => Task.Run(() => Thread.Sleep(5))));

    private static async Task<SnapshotFigures?> SnapshotAsync(long objectCount)
    {
        await FlushThreadPoolAsync().ConfigureAwait(false);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        var baselineResident = MemoryProbe.ResidentBytes();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var buffer = HeapSnapshotBufferSize.ForObjectCount(objectCount);
        HeapSnapshotResult result;
        TimeSpan wall, gap;
        long peakManaged, peakResident;
        using (var probe = new PauseProbe())
        using (var memory = new MemoryProbe())
        {
            Thread.Sleep(50);
            var started = Stopwatch.GetTimestamp();
            result = await HeapSnapshotCollector.CollectAsync(Environment.ProcessId, new HeapSnapshotOptions
            {
                CircularBufferSizeMB = buffer,
                Timeout = TimeSpan.FromMinutes(5),
            }).ConfigureAwait(false);
            wall = Stopwatch.GetElapsedTime(started);
            Thread.Sleep(20);
            gap = probe.MaxGap;
            peakManaged = memory.PeakManagedBytes;
            peakResident = memory.PeakResidentBytes;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (!result.IsCompleted)
        {
            Console.WriteLine($"snapshot did not complete: {result}");
            return null;
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - baselineManaged;
        var figures = new SnapshotFigures(wall, gap, result.Statistics.GcPause, result.Statistics.NodeCount, result.Statistics.EdgeCount,
            peakManaged - baselineManaged, allocated, retained, peakResident - baselineResident, buffer, baselineManaged);
        GC.KeepAlive(result);
        return figures;
    }

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private readonly record struct SnapshotFigures(TimeSpan Wall, TimeSpan Gap, TimeSpan? GcPause, long Nodes, long Edges,
        long PeakManaged, long Allocated, long Retained, long PeakResident, int BufferMB, long BaselineManaged);
}
