using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>Breadth-first parents from the pseudo-root: the shortest chain of references that keeps each node alive.</summary>
/// <remarks>
/// A path is given bounded (<see cref="RootPath"/>): its first <see cref="HeadNodes"/> and last
/// <see cref="TailNodes"/> nodes and the count of those between. A linked list of millions of nodes has a path of
/// millions of steps; materialising it for every suspect cost gigabytes and tens of seconds, and no reader wants
/// it. The depth and the last head node of every node are kept from the search, so a path costs its bounded
/// size, not its length.
/// </remarks>
public sealed class ShortestPaths
{
    /// <summary>Nodes kept from the root end of a long path: the root, its group, the static field, a few objects.</summary>
    public const int HeadNodes = 8;

    /// <summary>Nodes kept from the far end of a long path: where the bytes are.</summary>
    public const int TailNodes = 7;

    private readonly HeapGraph _graph;
    private readonly int[] _parent;
    private readonly int[] _depth;
    private readonly int[] _lastHeadNode;

    private ShortestPaths(HeapGraph graph, int[] parent, int[] depth, int[] lastHeadNode)
    {
        _graph = graph;
        _parent = parent;
        _depth = depth;
        _lastHeadNode = lastHeadNode;
    }

    /// <summary>Runs the breadth-first search (16 bytes per node, iterative).</summary>
    /// <param name="graph">The heap graph.</param>
    /// <returns>The BFS parents.</returns>
    public static ShortestPaths Compute(HeapGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var parent = new int[graph.NodeCount];
        var depth = new int[graph.NodeCount];
        var lastHeadNode = new int[graph.NodeCount];
        Array.Fill(parent, -1);
        var queue = new int[graph.NodeCount];
        int head = 0;
        int tail = 0;
        int root = graph.RootIndex;
        parent[root] = root;
        lastHeadNode[root] = root;
        queue[tail++] = root;
        while (head < tail)
        {
            int node = queue[head++];
            foreach (int child in graph.GetChildren(node))
            {
                if (parent[child] < 0)
                {
                    parent[child] = node;
                    depth[child] = depth[node] + 1;
                    lastHeadNode[child] = depth[child] < HeadNodes ? child : lastHeadNode[node];
                    queue[tail++] = child;
                }
            }
        }
        return new ShortestPaths(graph, parent, depth, lastHeadNode);
    }

    /// <summary>The BFS parent of <paramref name="node"/> (the root is its own parent), or -1 if unreachable.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The parent's index or -1.</returns>
    public int GetParent(int node) => _parent[node];

    /// <summary>The shortest path from the root to <paramref name="node"/>, bounded; empty if unreachable.</summary>
    /// <param name="node">A node index.</param>
    /// <returns>The path, root first, long ones with their middle elided.</returns>
    public RootPath GetPath(int node)
    {
        if (_parent[node] < 0)
        {
            return new RootPath(_graph, [], 0, 0);
        }

        int length = _depth[node] + 1;
        if (length <= HeadNodes + TailNodes)
        {
            return new RootPath(_graph, Walk(node, length), length, length);
        }

        var nodes = new int[HeadNodes + TailNodes];
        Walk(_lastHeadNode[node], HeadNodes).CopyTo(nodes, 0);
        Walk(node, TailNodes).CopyTo(nodes, HeadNodes);
        return new RootPath(_graph, nodes, length, HeadNodes);
    }

    /// <summary>The last <paramref name="count"/> nodes of the path to <paramref name="node"/>, root side first.</summary>
    private int[] Walk(int node, int count)
    {
        var nodes = new int[count];
        for (int i = count - 1; i >= 0; i--)
        {
            nodes[i] = node;
            node = _parent[node];
        }

        return nodes;
    }
}
