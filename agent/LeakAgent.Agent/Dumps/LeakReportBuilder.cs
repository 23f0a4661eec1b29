using LeakAgent.Agent.Detectors;
using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Agent.Dumps;

/// <summary>Assembles the leak report from a snapshot, the baseline's type census and the detectors' evidence.</summary>
internal static class LeakReportBuilder
{
    /// <summary>The report; <paramref name="agentTypes"/> (the agent's own) are left out of every list and counted apart.</summary>
    public static LeakReport Build(HeapGraph graph, HeapSnapshotStatistics statistics, ExcludedTypes agentTypes, IReadOnlyDictionary<string, (int Count, long Bytes)>? baseline, string? baselinePath, TriggerFacts facts, IReadOnlyList<ILeakDetector> detectors, string service, DateTimeOffset now, string path, int top)
    {
        var dominators = DominatorTree.Compute(graph);
        var census = HeapDiff.Census(graph, agentTypes);
        var growth = HeapDiff.Compare(baseline ?? new Dictionary<string, (int, long)>(), census, top);
        var topTypes = TypeHistogram.Compute(graph, dominators, HistogramOrder.Bytes, top, agentTypes);
        var suspects = LeakSuspects.Analyze(dominators, null, 10, agentTypes);
        var fields = detectors.OfType<IGrowingFieldSource>().SelectMany(d => d.GrowingFields(10)).ToList();
        var pending = detectors.OfType<IPendingMethodSource>().SelectMany(d => d.PendingMethods(10)).ToList();
        return new LeakReport(service, Environment.ProcessId, now, path, baselinePath, DetectorNames.HeapTrend, facts, statistics,
            growth, topTypes, fields, suspects.Retainers, suspects.PendingAsync, pending, new AgentShare(agentTypes.ObjectCount, agentTypes.Bytes, agentTypes.TypeCount));
    }
}
