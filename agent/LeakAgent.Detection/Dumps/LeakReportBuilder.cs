using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Detection.Dumps;

/// <summary>Assembles the leak report from a snapshot, the baseline's type census and the request's evidence.</summary>
internal static class LeakReportBuilder
{
    public static LeakReport Build(HeapSnapshotResult snapshot, DumpRequest request, IReadOnlyDictionary<string, (int Count, long Bytes)>? baseline, string? baselinePath, DateTimeOffset now, string path, int top)
    {
        var graph = snapshot.Graph!;
        var dominators = DominatorTree.Compute(graph);
        var census = HeapDiff.Census(graph);
        var growth = HeapDiff.Compare(baseline ?? new Dictionary<string, (int, long)>(), census, top);
        var topTypes = TypeHistogram.Compute(graph, dominators, HistogramOrder.Bytes, top);
        var suspects = LeakSuspects.Analyze(dominators, null, 10);
        return new LeakReport(request.Service, request.ProcessId, now, path, baselinePath, request.Trigger, request.Facts, snapshot.Statistics,
            growth, topTypes, request.GrowingFields, suspects.Retainers, suspects.PendingAsync, request.PendingMethods);
    }
}
