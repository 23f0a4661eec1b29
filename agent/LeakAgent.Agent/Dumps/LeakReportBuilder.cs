using LeakAgent.Agent.Detectors;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Agent.Dumps;

/// <summary>Assembles the leak report from a snapshot, the baseline's type census and the detectors' evidence.</summary>
internal static class LeakReportBuilder
{
    public static LeakReport Build(HeapSnapshotResult snapshot, IReadOnlyDictionary<string, (int Count, long Bytes)>? baseline, string? baselinePath, TriggerFacts facts, IReadOnlyList<ILeakDetector> detectors, string service, DateTimeOffset now, string path, int top)
    {
        var graph = snapshot.Graph!;
        var dominators = DominatorTree.Compute(graph);
        var census = HeapDiff.Census(graph);
        var growth = HeapDiff.Compare(baseline ?? new Dictionary<string, (int, long)>(), census, top);
        var topTypes = TypeHistogram.Compute(graph, dominators, HistogramOrder.Bytes, top);
        var suspects = LeakSuspects.Analyze(dominators, null, 10);
        var fields = detectors.OfType<IGrowingFieldSource>().SelectMany(d => d.GrowingFields(10)).ToList();
        var pending = detectors.OfType<IPendingMethodSource>().SelectMany(d => d.PendingMethods(10)).ToList();
        return new LeakReport(service, Environment.ProcessId, now, path, baselinePath, DetectorNames.HeapTrend, facts, snapshot.Statistics,
            growth, topTypes, fields, suspects.Retainers, suspects.PendingAsync, pending);
    }
}
