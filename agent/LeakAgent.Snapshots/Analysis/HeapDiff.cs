using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>Compares two heap graphs type by type (by name, so dumps of different processes compare).</summary>
public static class HeapDiff
{
    /// <summary>Counts and bytes per type name before and after, biggest byte growth first (then count growth).</summary>
    /// <param name="before">The baseline graph.</param>
    /// <param name="after">The later graph.</param>
    /// <param name="top">How many rows to return at most.</param>
    /// <returns>The rows; types present in only one graph are included.</returns>
    public static IReadOnlyList<TypeGrowth> Compare(HeapGraph before, HeapGraph after, int top = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return Compare(ByName(before), ByName(after), top);
    }

    /// <summary>
    /// The same comparison from per-type censuses (see <see cref="Census"/>), so a long-running agent can keep a
    /// baseline's few kilobytes of type totals instead of its whole graph.
    /// </summary>
    /// <param name="before">Count and bytes per type name in the baseline.</param>
    /// <param name="after">Count and bytes per type name later.</param>
    /// <param name="top">How many rows to return at most.</param>
    /// <returns>The rows, biggest byte growth first; types present in only one census are included.</returns>
    public static IReadOnlyList<TypeGrowth> Compare(IReadOnlyDictionary<string, (int Count, long Bytes)> before, IReadOnlyDictionary<string, (int Count, long Bytes)> after, int top = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var totals = new Dictionary<string, (int CountBefore, int CountAfter, long BytesBefore, long BytesAfter)>(StringComparer.Ordinal);
        foreach (var row in before)
        {
            totals[row.Key] = (row.Value.Count, 0, row.Value.Bytes, 0);
        }
        foreach (var row in after)
        {
            var current = totals.GetValueOrDefault(row.Key);
            totals[row.Key] = (current.CountBefore, row.Value.Count, current.BytesBefore, row.Value.Bytes);
        }
        var rows = totals.Select(t => new TypeGrowth(t.Key, t.Value.CountBefore, t.Value.CountAfter, t.Value.BytesBefore, t.Value.BytesAfter)).ToList();
        rows.Sort((a, b) =>
            b.BytesDelta != a.BytesDelta ? b.BytesDelta.CompareTo(a.BytesDelta)
            : b.CountDelta != a.CountDelta ? b.CountDelta.CompareTo(a.CountDelta)
            : string.CompareOrdinal(a.TypeName, b.TypeName));
        return rows.Count > top ? rows.GetRange(0, Math.Max(0, top)) : rows;
    }

    /// <summary>Count and bytes per type name (types of the same name from different modules are added up).</summary>
    /// <param name="graph">The graph to count.</param>
    /// <param name="excluded">Types left out (an in-process dump's agent), or null.</param>
    /// <returns>A small dictionary: one entry per type name.</returns>
    public static IReadOnlyDictionary<string, (int Count, long Bytes)> Census(HeapGraph graph, ExcludedTypes? excluded = null) => ByName(graph, excluded);

    internal static Dictionary<string, (int Count, long Bytes)> ByName(HeapGraph graph, ExcludedTypes? excluded = null)
    {
        var result = new Dictionary<string, (int Count, long Bytes)>(StringComparer.Ordinal);
        foreach (var row in TypeHistogram.Compute(graph, excluded: excluded))
        {
            var current = result.GetValueOrDefault(row.TypeName);
            result[row.TypeName] = (current.Count + row.Count, current.Bytes + row.Bytes);
        }
        return result;
    }
}
