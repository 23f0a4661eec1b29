using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Detection.Dumps;

/// <summary>Assembles the leak report from a snapshot, the baseline's type census and the request's evidence.</summary>
internal static class LeakReportBuilder
{
    /// <summary>The report; <paramref name="agentTypes"/> (the agent's own) are left out of every list and counted apart.</summary>
    public static LeakReport Build(HeapGraph graph, HeapSnapshotStatistics statistics, ExcludedTypes agentTypes, DumpRequest request, IReadOnlyDictionary<string, (int Count, long Bytes)>? baseline, string? baselinePath, DateTimeOffset now, string path, int top)
    {
        var dominators = DominatorTree.Compute(graph);
        var census = HeapDiff.Census(graph, agentTypes);
        var growth = TopGrowth(HeapDiff.Compare(baseline ?? new Dictionary<string, (int, long)>(), census), top);
        var topTypes = TypeHistogram.Compute(graph, dominators, HistogramOrder.Bytes, top, agentTypes);
        var suspects = LeakSuspects.Analyze(dominators, null, 10, agentTypes);
        return new LeakReport(request.Service, request.ProcessId, now, path, baselinePath, request.Trigger, request.Facts, statistics,
            growth, topTypes, request.GrowingFields, suspects.Retainers, suspects.PendingAsync, request.PendingMethods,
            new AgentShare(agentTypes.ObjectCount, agentTypes.Bytes, agentTypes.TypeCount));
    }

    /// <summary>
    /// The <paramref name="top"/> biggest growers in bytes, then those among the <paramref name="top"/> biggest in
    /// count that are not listed yet: a leak of many small objects (a Member per request, a string per request)
    /// grows more in count than in bytes and must not hide behind a few large buffers.
    /// </summary>
    internal static List<TypeGrowth> TopGrowth(IReadOnlyList<TypeGrowth> byBytes, int top)
    {
        var chosen = byBytes.Take(top).ToList();
        var listed = chosen.Select(r => r.TypeName).ToHashSet(StringComparer.Ordinal);
        chosen.AddRange(byBytes
            .Where(r => r.CountDelta > 0)
            .OrderByDescending(r => r.CountDelta)
            .Take(top)
            .Where(r => !listed.Contains(r.TypeName)));
        return chosen;
    }
}
