using LeakAgent.Detection.Dumps;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Format;

namespace LeakAgent.Benchmarks.Snapshots;

/// <summary>
/// Where a whole in-process dump's memory goes, phase by phase, on a heap of N objects: the snapshot (its peak, with
/// the event buffer), the dump written, and each analysis of the leak report; resident set and managed heap (garbage
/// included) over the figures before, per object. <c>dotnet …/LeakAgent.Benchmarks.dll phases 2000000</c>.
/// </summary>
internal static class PhaseProbe
{
    public static async Task<int> RunAsync(int n)
    {
        var heap = new SyntheticObjects(n);
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        long r0 = MemoryProbe.ResidentBytes(), m0 = GC.GetTotalMemory(false);
        void P(string what) => Console.WriteLine($"{what,-28} rss +{(MemoryProbe.ResidentBytes() - r0) / (double)n:0.0} B/obj managed +{(GC.GetTotalMemory(false) - m0) / (double)n:0.0} B/obj committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MB");
        using var probe = new MemoryProbe();
        var result = await HeapSnapshotCollector.CollectAsync(Environment.ProcessId, new HeapSnapshotOptions { CircularBufferSizeMB = 4000, Timeout = TimeSpan.FromMinutes(5) }).ConfigureAwait(false);
        if (!result.IsCompleted)
        {
            Console.WriteLine($"snapshot did not complete: {result}");
            return 1;
        }

        P($"snapshot (peak rss +{(probe.PeakResidentBytes - r0) / (double)n:0.0})");
        var graph = result.Graph!;
        var file = Path.GetTempFileName();
        using (var stream = File.Create(file))
        {
            GcDumpWriter.Write(new GcDump(graph, new GcDumpMetadata()), stream);
        }

        File.Delete(file);
        P("dump written");
        graph.ReleaseAddresses();
        var dom = DominatorTree.Compute(graph);
        P("dominators");
        var census = HeapDiff.Census(graph, ExcludedTypes.OfModules(graph, []));
        var hist = TypeHistogram.Compute(graph, dom, HistogramOrder.Bytes, 20, ExcludedTypes.OfModules(graph, []));
        P("histogram");
        var s = LeakSuspects.Analyze(dom, null, 10, ExcludedTypes.OfModules(graph, []));
        P($"suspects (peak rss +{(probe.PeakResidentBytes - r0) / (double)n:0.0})");
        GC.KeepAlive(heap); GC.KeepAlive(s); GC.KeepAlive(census); GC.KeepAlive(hist);
        return 0;
    }
}
