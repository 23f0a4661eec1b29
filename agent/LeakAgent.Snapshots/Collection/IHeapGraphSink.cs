using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Collection;

/// <summary>A sink that turns what it received into a graph once the walk is known to be complete.</summary>
internal interface IHeapGraphSink : IHeapEventSink
{
    /// <summary>Builds the graph; called at most once, only for a complete walk.</summary>
    HeapGraph Build();
}
