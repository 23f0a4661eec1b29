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
