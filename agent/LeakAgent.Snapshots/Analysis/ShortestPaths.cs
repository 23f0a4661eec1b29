using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>Breadth-first parents from the pseudo-root: the shortest chain of references that keeps each node alive.</summary>
public sealed class ShortestPaths
{
    private readonly HeapGraph _graph;
    private readonly int[] _parent;

    private ShortestPaths(HeapGraph graph, int[] parent)
    {
        _graph = graph;
        _parent = parent;
    }

    /// <summary>Runs the breadth-first search (8 bytes per node, iterative).</summary>
    /// <param name="graph">The heap graph.</param>
    /// <returns>The BFS parents.</returns>
    public static ShortestPaths Compute(HeapGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var parent = new int[graph.NodeCount];
        Array.Fill(parent, -1);
        var queue = new int[graph.NodeCount];
        int head = 0;
        int tail = 0;
        parent[graph.RootIndex] = graph.RootIndex;
        queue[tail++] = graph.RootIndex;
        while (head < tail)
        {
            int node = queue[head++];
            foreach (int child in graph.GetChildren(node))
            {
                if (parent[child] < 0)
                {
                    parent[child] = node;
                    queue[tail++] = child;
                }
            }
        }
        return new ShortestPaths(graph, parent);
    }

    /// <summary>The BFS parent of a node; the root's is itself; -1 if unreachable.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The parent's node index, or -1.</returns>
    public int GetParent(int node) => _parent[node];

    /// <summary>The shortest path from the root to a node.</summary>
    /// <param name="node">The target node.</param>
    /// <returns>The path; empty when the node is unreachable.</returns>
    public RootPath GetPath(int node)
    {
        if (_parent[node] < 0)
        {
            return new RootPath(_graph, []);
        }
        var nodes = new List<int> { node };
        while (node != _graph.RootIndex)
        {
            node = _parent[node];
            nodes.Add(node);
        }
        nodes.Reverse();
        return new RootPath(_graph, nodes.ToArray());
    }
}
