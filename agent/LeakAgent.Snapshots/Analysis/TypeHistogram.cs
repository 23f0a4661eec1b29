using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>Per-type object counts, bytes and retained bytes of a heap graph (real objects only: no pseudo or undefined nodes).</summary>
public static class TypeHistogram
{
    /// <summary>Computes the histogram.</summary>
    /// <param name="graph">The heap graph.</param>
    /// <param name="dominators">The graph's dominator tree for retained bytes, or null to skip them.</param>
    /// <param name="order">The sort order (descending).</param>
    /// <param name="top">How many rows to return at most.</param>
    /// <param name="excluded">Types left out (an in-process dump's agent), or null.</param>
    /// <returns>The rows, largest first.</returns>
    public static IReadOnlyList<TypeStatistics> Compute(HeapGraph graph, DominatorTree? dominators = null,
        HistogramOrder order = HistogramOrder.Bytes, int top = int.MaxValue, ExcludedTypes? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var counts = new int[graph.TypeCount];
        var bytes = new long[graph.TypeCount];
        for (int node = 0; node < graph.NodeCount; node++)
        {
            if (graph.IsObject(node))
            {
                int type = graph.GetTypeIndex(node);
                counts[type]++;
                bytes[type] += graph.GetSize(node);
            }
        }
        var retained = dominators is null ? new long[graph.TypeCount] : RetainedByType(graph, dominators);
        var rows = new List<TypeStatistics>();
        for (int t = 0; t < graph.TypeCount; t++)
        {
            if (counts[t] > 0 && excluded?.IsExcluded(t) != true)
            {
                rows.Add(new TypeStatistics(graph.GetTypeName(t), graph.GetTypeModule(t), counts[t], bytes[t], retained[t]));
            }
        }
        Comparison<TypeStatistics> compare = order switch
        {
            HistogramOrder.RetainedBytes => (a, b) => b.RetainedBytes.CompareTo(a.RetainedBytes),
            HistogramOrder.Count => (a, b) => b.Count.CompareTo(a.Count),
            _ => (a, b) => b.Bytes.CompareTo(a.Bytes),
        };
        rows.Sort((a, b) => compare(a, b) is var c && c != 0 ? c : string.CompareOrdinal(a.TypeName, b.TypeName));
        return rows.Count > top ? rows.GetRange(0, Math.Max(0, top)) : rows;
    }

    /// <summary>Per type, the retained sizes of its objects that have no dominator-tree ancestor of the same type.</summary>
    internal static long[] RetainedByType(HeapGraph graph, DominatorTree dominators)
    {
        var retained = new long[graph.TypeCount];
        var keyOfType = new int[graph.TypeCount];
        for (int t = 0; t < keyOfType.Length; t++)
        {
            keyOfType[t] = t == 0 || graph.IsPseudoType(t) ? -1 : t;
        }
        DominatorWalk.ForEachTopmost(dominators, keyOfType, graph.TypeCount, (node, type) => retained[type] += dominators.GetRetainedSize(node));
        return retained;
    }
}
