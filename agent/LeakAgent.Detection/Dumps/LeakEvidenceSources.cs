namespace LeakAgent.Detection.Dumps;

/// <summary>A growing static collection, as the leak report names it.</summary>
internal sealed record GrowingField(string Path, long Count, double ElementsPerSecond);

/// <summary>An async method with operations found pending in the latest sampling window.</summary>
internal sealed record SampledPending(string Method, int Count, TimeSpan OldestAge);

/// <summary>A detector that knows which static collections grow (the leak report and alert span list them).</summary>
internal interface IGrowingFieldSource
{
    IReadOnlyList<GrowingField> GrowingFields(int top);
}

/// <summary>A detector that knows which async methods have operations pending.</summary>
internal interface IPendingMethodSource
{
    IReadOnlyList<SampledPending> PendingMethods(int top);
}

/// <summary>
/// A detector whose evidence alone justifies a dump, whatever the heap's full-GC count: a collection that has only
/// grown, scan after scan, at an undiminished pace. The dump trigger asks it on every tick.
/// </summary>
internal interface ISteadyGrowthSource
{
    /// <summary>One line naming the steadiest grower (<c>Shop.Cache.Items grew +1,200/min over 5 scans</c>), or null.</summary>
    string? SteadyGrowth();
}
