namespace LeakAgent.Snapshots.Graph;

/// <summary>Placeholder: the compact heap graph (types, nodes, sizes, edges, roots).</summary>
public sealed class HeapGraph
{
}
