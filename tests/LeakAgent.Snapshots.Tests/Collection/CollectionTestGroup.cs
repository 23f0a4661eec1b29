namespace LeakAgent.Snapshots.Tests.Collection;

/// <summary>
/// Snapshot tests run one at a time: each launches processes and induces full GCs, and the self-snapshot would
/// otherwise count the objects of tests running beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CollectionTestGroup
{
    public const string Name = "Heap snapshot collection";
}
