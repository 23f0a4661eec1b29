namespace LeakAgent.Snapshots.Analysis;

/// <summary>What <see cref="LeakSuspects"/> found.</summary>
/// <param name="TotalBytes">The heap's total bytes.</param>
/// <param name="Retainers">The biggest retainers, biggest (or, with a baseline, fastest-growing) first.</param>
/// <param name="PendingAsync">Pending async methods, most boxes (or most growth) first.</param>
/// <param name="Growth">Type growth against the baseline, biggest first; empty without a baseline.</param>
public sealed record LeakSuspectReport(long TotalBytes, IReadOnlyList<RetainerSuspect> Retainers,
    IReadOnlyList<PendingAsyncGroup> PendingAsync, IReadOnlyList<TypeGrowth> Growth)
{
    /// <summary>Pending methods of the framework's serving infrastructure or the agent left out of
    /// <see cref="PendingAsync"/> (<see cref="PendingInfrastructure"/>); 0 when they were asked for.</summary>
    public int HiddenPendingMethods { get; init; }
}
