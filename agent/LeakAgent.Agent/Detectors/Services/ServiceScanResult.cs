using LeakAgent.Agent.Detectors.Statics;

namespace LeakAgent.Agent.Detectors.Services;

/// <summary>What one service scan found and what it cost.</summary>
internal sealed class ServiceScanResult
{
    public required IReadOnlyList<StaticFieldMeasurement> Measurements { get; init; }

    /// <summary>Live root service providers read.</summary>
    public int Providers { get; init; }

    /// <summary>Singletons the providers had created (all of them, the framework's included).</summary>
    public int Singletons { get; init; }

    /// <summary>Of those, the ones walked: the app's own and the memory caches.</summary>
    public int SingletonsRead { get; init; }

    /// <summary>Objects visited (singletons and the objects below them).</summary>
    public int ObjectsVisited { get; init; }

    /// <summary>True when the object budget stopped the scan early.</summary>
    public bool BudgetExhausted { get; init; }

    public TimeSpan Elapsed { get; init; }
}
