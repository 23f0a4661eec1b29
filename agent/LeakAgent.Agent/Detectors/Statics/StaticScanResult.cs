namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>What one scan found and what it cost.</summary>
internal sealed class StaticScanResult
{
    public required IReadOnlyList<StaticFieldMeasurement> Measurements { get; init; }

    /// <summary>Types whose statics were read.</summary>
    public int TypesRead { get; init; }

    /// <summary>Types skipped because their static constructor has not run (the runtime flag said so).</summary>
    public int TypesNotYetInitialized { get; init; }

    /// <summary>Types skipped because they have a static constructor and the runtime flag is unavailable.</summary>
    public int TypesUnknowable { get; init; }

    /// <summary>Static fields read.</summary>
    public int FieldsRead { get; init; }

    /// <summary>Objects visited (static values and the objects below them).</summary>
    public int ObjectsVisited { get; init; }

    /// <summary>True when the object budget stopped the scan early.</summary>
    public bool BudgetExhausted { get; init; }

    /// <summary>Whether concurrent collections were counted in this scan.</summary>
    public bool RareCollectionsRead { get; init; }

    public TimeSpan Elapsed { get; init; }
}
