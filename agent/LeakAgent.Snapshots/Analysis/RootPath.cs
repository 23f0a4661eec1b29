using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>A chain of nodes from the pseudo-root to a node, with readable steps.</summary>
public sealed class RootPath
{
    private readonly HeapGraph _graph;

    internal RootPath(HeapGraph graph, int[] nodes)
    {
        _graph = graph;
        Nodes = nodes;
    }

    /// <summary>The node indices, starting at the root and ending at the target; empty if unreachable.</summary>
    public IReadOnlyList<int> Nodes { get; }

    /// <summary>The steps' names: type names, with pseudo-nodes by their names (<c>[static var T.Field]</c>).</summary>
    public IReadOnlyList<string> Steps => Nodes.Select(n => _graph.GetNodeTypeName(n)).ToList();

    /// <summary>The chain without the pseudo-root, e.g.
    /// <c>[static vars] → [static var A.B] → A → List&lt;System.String&gt; → System.String[] (Bytes &gt; 100K)</c>.</summary>
    /// <returns>The readable chain, or "(unreachable)".</returns>
    public override string ToString() =>
        Nodes.Count == 0 ? "(unreachable)" : string.Join(" → ", Steps.Skip(Nodes.Count > 1 ? 1 : 0));
}
