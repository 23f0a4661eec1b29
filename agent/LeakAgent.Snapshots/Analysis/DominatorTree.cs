using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Analysis;

/// <summary>
/// The dominator tree of a heap graph from its pseudo-root, and the retained size of every node: the bytes that
/// would be freed if that node alone were gone (its own size plus everything it dominates).
/// </summary>
/// <remarks>
/// Cooper–Harvey–Kennedy ("A Simple, Fast Dominance Algorithm"): an iterative data-flow over the reverse postorder
/// of an explicit-stack DFS, so 10M-deep chains need no recursion. Memory: about 24 bytes per node + 4 per edge
/// while computing, 12 bytes per node kept. Unreachable nodes have no dominator and a retained size of 0.
/// </remarks>
public sealed class DominatorTree
{
    private readonly int[] _idom;
    private readonly long[] _retained;
    private readonly HeapGraph _graph;
    private int[]? _dominatedStarts;
    private int[]? _dominated;

    private DominatorTree(HeapGraph graph, int[] idom, long[] retained, int reachable)
    {
        _graph = graph;
        _idom = idom;
        _retained = retained;
        ReachableCount = reachable;
    }

    /// <summary>Number of nodes reachable from the root, the root included.</summary>
    public int ReachableCount { get; }

    /// <summary>The graph this tree belongs to.</summary>
    public HeapGraph Graph => _graph;

    /// <summary>Computes the dominator tree of <paramref name="graph"/> from its root.</summary>
    /// <param name="graph">The heap graph.</param>
    /// <returns>The tree with retained sizes.</returns>
    public static DominatorTree Compute(HeapGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.NodeCount;
        var starts = graph.ChildStarts;
        var children = graph.Children;

        // 1. Postorder by an explicit-stack DFS. postorder[i] = node; number[node] = i, or -1 if unreachable.
        var number = new int[n];
        Array.Fill(number, -1);
        var postorder = new int[n];
        int count = 0;
        var stackNode = new int[n];
        var stackNext = new int[n];
        var visited = new bool[n];
        int depth = 0;
        stackNode[0] = graph.RootIndex;
        stackNext[0] = starts[graph.RootIndex];
        visited[graph.RootIndex] = true;
        depth = 1;
        while (depth > 0)
        {
            int node = stackNode[depth - 1];
            int next = stackNext[depth - 1];
            if (next < starts[node + 1])
            {
                stackNext[depth - 1] = next + 1;
                int child = children[next];
                if (!visited[child])
                {
                    visited[child] = true;
                    stackNode[depth] = child;
                    stackNext[depth] = starts[child];
                    depth++;
                }
            }
            else
            {
                number[node] = count;
                postorder[count++] = node;
                depth--;
            }
        }
        stackNext = null!;
        visited = null!;

        // 2. Predecessors by postorder number, as CSR (reachable nodes only).
        var predStarts = new int[count + 1];
        for (int node = 0; node < n; node++)
        {
            if (number[node] >= 0)
            {
                foreach (int child in graph.GetChildren(node))
                {
                    predStarts[number[child] + 1]++;
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            predStarts[i + 1] += predStarts[i];
        }
        var preds = new int[predStarts[count]];
        var fill = stackNode; // reuse: n >= count
        Array.Copy(predStarts, fill, count);
        for (int node = 0; node < n; node++)
        {
            int from = number[node];
            if (from >= 0)
            {
                foreach (int child in graph.GetChildren(node))
                {
                    preds[fill[number[child]]++] = from;
                }
            }
        }

        // 3. Iterate to a fixed point in reverse postorder; doms[] holds postorder numbers.
        var doms = fill;
        Array.Fill(doms, -1, 0, count);
        int rootNumber = count - 1;
        doms[rootNumber] = rootNumber;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int b = rootNumber - 1; b >= 0; b--)
            {
                int newIdom = -1;
                for (int p = predStarts[b]; p < predStarts[b + 1]; p++)
                {
                    int pred = preds[p];
                    if (doms[pred] < 0)
                    {
                        continue;
                    }
                    newIdom = newIdom < 0 ? pred : Intersect(doms, pred, newIdom);
                }
                if (newIdom >= 0 && doms[b] != newIdom)
                {
                    doms[b] = newIdom;
                    changed = true;
                }
            }
        }

        // 4. Retained sizes: a dominator always has a larger postorder number than the nodes it dominates.
        var idom = new int[n];
        Array.Fill(idom, -1);
        var retained = new long[n];
        for (int b = 0; b < count; b++)
        {
            int node = postorder[b];
            retained[node] += graph.GetSize(node);
            if (b != rootNumber)
            {
                int dominator = postorder[doms[b]];
                idom[node] = dominator;
                retained[dominator] += retained[node];
            }
        }
        idom[graph.RootIndex] = graph.RootIndex;
        return new DominatorTree(graph, idom, retained, count);
    }

    /// <summary>The immediate dominator of a node; the root's is itself; -1 if unreachable.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The dominator's node index, or -1.</returns>
    public int GetImmediateDominator(int node) => _idom[node];

    /// <summary>The retained size of a node in bytes (0 if unreachable).</summary>
    /// <param name="node">The node index.</param>
    /// <returns>Its own size plus the sizes of all the nodes it dominates.</returns>
    public long GetRetainedSize(int node) => _retained[node];

    /// <summary>Whether the node can be reached from the root.</summary>
    /// <param name="node">The node index.</param>
    /// <returns>True if reachable.</returns>
    public bool IsReachable(int node) => _idom[node] >= 0;

    /// <summary>The nodes a node immediately dominates (its children in the dominator tree).</summary>
    /// <param name="node">The node index.</param>
    /// <returns>The dominated nodes.</returns>
    public ReadOnlySpan<int> GetDominated(int node)
    {
        EnsureDominatedLists();
        return _dominated.AsSpan(_dominatedStarts![node], _dominatedStarts[node + 1] - _dominatedStarts[node]);
    }

    private void EnsureDominatedLists()
    {
        if (_dominated is not null)
        {
            return;
        }
        int n = _idom.Length;
        var starts = new int[n + 1];
        for (int node = 0; node < n; node++)
        {
            if (_idom[node] >= 0 && node != _graph.RootIndex)
            {
                starts[_idom[node] + 1]++;
            }
        }
        for (int i = 0; i < n; i++)
        {
            starts[i + 1] += starts[i];
        }
        var list = new int[starts[n]];
        var fill = (int[])starts.Clone();
        for (int node = 0; node < n; node++)
        {
            if (_idom[node] >= 0 && node != _graph.RootIndex)
            {
                list[fill[_idom[node]]++] = node;
            }
        }
        _dominatedStarts = starts;
        _dominated = list;
    }

    private static int Intersect(int[] doms, int a, int b)
    {
        while (a != b)
        {
            while (a < b)
            {
                a = doms[a];
            }
            while (b < a)
            {
                b = doms[b];
            }
        }
        return a;
    }
}
