using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Detection.Dumps;

/// <summary>Assembles the leak report from a snapshot, the baseline's type census and the request's evidence.</summary>
internal static class LeakReportBuilder
{
    /// <summary>The report; <paramref name="agentTypes"/> (the agent's own) are left out of every list and counted apart.</summary>
    /// <remarks>A non-null <c>reducedBecause</c> means memory is too short for retained sizes: the report then has the
    /// census, the growth and the detectors' evidence, but no dominator tree (no retainers, no retained bytes), and
    /// says why.</remarks>
    public static LeakReport Build(HeapGraph graph, HeapSnapshotStatistics statistics, ExcludedTypes agentTypes, DumpRequest request, IReadOnlyDictionary<string, (int Count, long Bytes)>? baseline, string? baselinePath, DateTimeOffset now, string path, int top, string? reducedBecause = null)
    {
        var census = HeapDiff.Census(graph, agentTypes);
        var growth = TopGrowth(HeapDiff.Compare(baseline ?? new Dictionary<string, (int, long)>(), census), top);
        var dominators = reducedBecause is null ? DominatorTree.Compute(graph) : null;
        var topTypes = TypeHistogram.Compute(graph, dominators, HistogramOrder.Bytes, top, agentTypes);
        var suspects = dominators is null ? null : LeakSuspects.Analyze(dominators, null, 10, agentTypes);
        return new LeakReport(request.Service, request.ProcessId, now, path, baselinePath, request.Trigger, request.Facts, statistics,
            growth, topTypes, request.GrowingFields, suspects?.Retainers ?? [], suspects?.PendingAsync ?? [], request.PendingMethods,
            new AgentShare(agentTypes.ObjectCount, agentTypes.Bytes, agentTypes.TypeCount), reducedBecause);
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
