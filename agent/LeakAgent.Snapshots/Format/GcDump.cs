using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Format;

/// <summary>A heap snapshot read from or to be written to a .gcdump file: the graph and its metadata.</summary>
/// <param name="Graph">The heap graph.</param>
/// <param name="Metadata">The process and collection facts.</param>
public sealed record GcDump(HeapGraph Graph, GcDumpMetadata Metadata);
