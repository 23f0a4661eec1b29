namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>Allocated a known number of times by the self-snapshot test, then counted in the snapshot.</summary>
internal sealed class SelfSnapshotMarker(int id)
{
    public int Id { get; } = id;
}
