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
        var totals = new Dictionary<string, (int CountBefore, int CountAfter, long BytesBefore, long BytesAfter)>(StringComparer.Ordinal);
        foreach (var row in ByName(before))
        {
            totals[row.Key] = (row.Value.Count, 0, row.Value.Bytes, 0);
        }
        foreach (var row in ByName(after))
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

    internal static Dictionary<string, (int Count, long Bytes)> ByName(HeapGraph graph)
    {
        var result = new Dictionary<string, (int Count, long Bytes)>(StringComparer.Ordinal);
        foreach (var row in TypeHistogram.Compute(graph))
        {
            var current = result.GetValueOrDefault(row.TypeName);
            result[row.TypeName] = (current.Count + row.Count, current.Bytes + row.Bytes);
        }
        return result;
    }
}
