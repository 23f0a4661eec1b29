namespace LeakAgent.Snapshots.Analysis;

/// <summary>An object (or static field) that retains a large share of the heap.</summary>
/// <param name="Title">The static field (<c>[static var T.Field]</c>); else the app's own object nearest the accumulation
/// point (<c>singleton service Storefront.PriceHistory</c>, <c>memory cache … in singleton service Storefront.QuoteService</c>,
/// see <see cref="RetainerHeadline"/>); else, for other roots, <c>Type (via [group])</c>.</param>
/// <param name="Node">The top object's node index (its immediate dominator is a root group).</param>
/// <param name="TypeName">The top object's type.</param>
/// <param name="RetainedBytes">Bytes the top object retains.</param>
/// <param name="HeapShare">RetainedBytes / total heap bytes, 0..1.</param>
/// <param name="AccumulationNode">Where the retained bytes pile up: found by descending the dominator tree while one child retains most (80 %).</param>
/// <param name="AccumulationType">The accumulation node's type, e.g. <c>System.String[] (Bytes &gt; 100K)</c>.</param>
/// <param name="Path">The shortest root path to the accumulation node.</param>
/// <param name="BaselineRetainedBytes">The same suspect's retained bytes in the baseline, or null (no baseline or not found).</param>
public sealed record RetainerSuspect(string Title, int Node, string TypeName, long RetainedBytes, double HeapShare,
    int AccumulationNode, string AccumulationType, RootPath Path, long? BaselineRetainedBytes);
