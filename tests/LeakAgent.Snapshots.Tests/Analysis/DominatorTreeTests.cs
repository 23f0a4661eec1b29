using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Graph;
using LeakAgent.Snapshots.Tests.Format;

namespace LeakAgent.Snapshots.Tests.Analysis;

public class DominatorTreeTests
{
    [Fact]
    public void Compute_Seeds_RootRetainsEverythingReachable()
    {
        var graph = GcDumpReaderTests.Seeds.Graph;
        var tree = DominatorTree.Compute(graph);
        long reachableBytes = Enumerable.Range(0, graph.NodeCount).Where(tree.IsReachable).Sum(n => (long)graph.GetSize(n));
        Assert.Equal(reachableBytes, tree.GetRetainedSize(graph.RootIndex));
        // 65 objects of the walk hang off no strong root (only weak or dependent ones).
        Assert.Equal(8652, tree.ReachableCount);
    }

    [Fact]
    public void Compute_Diamond_SharedChildIsDominatedByTheFork()
    {
        // root -> a -> {b, c} -> d : d is dominated by a, not by b or c.
        var b = new HeapGraphBuilder();
        b.AddType(1, "T", "m.dll");
        b.AddNode(0x10, 10, 1, 2);
        b.AddEdges([0x20, 0x30]);
        b.AddNode(0x20, 20, 1, 1);
        b.AddEdge(0x40);
        b.AddNode(0x30, 30, 1, 1);
        b.AddEdge(0x40);
        b.AddNode(0x40, 40, 1, 0);
        b.AddRoot(0x10, HeapRootKind.Stack);
        var graph = b.Build();
        var tree = DominatorTree.Compute(graph);
        Assert.Equal(1, tree.GetImmediateDominator(4));
        Assert.Equal(100, tree.GetRetainedSize(1));
        Assert.Equal(20, tree.GetRetainedSize(2));
        Assert.Equal(30, tree.GetRetainedSize(3));
    }

    [Fact]
    public void Compute_MillionDeepChain_DoesNotRecurse()
    {
        const int length = 1_000_000;
        var b = new HeapGraphBuilder();
        b.AddType(1, "Node", "m.dll");
        for (int i = 0; i < length; i++)
        {
            b.AddNode((ulong)(i + 1) * 16, 24, 1, i + 1 < length ? 1 : 0);
            if (i + 1 < length)
            {
                b.AddEdge((ulong)(i + 2) * 16);
            }
        }
        b.AddRoot(16, HeapRootKind.StrongHandle);
        var graph = b.Build();
        var tree = DominatorTree.Compute(graph);
        Assert.Equal(24L * length, tree.GetRetainedSize(1));
        // [.NET Roots] → [other roots] → [strong Handles] → 1 → ... → length
        var path = ShortestPaths.Compute(graph).GetPath(length);
        Assert.Equal(length + 3, path.Length);
        Assert.Equal(ShortestPaths.HeadNodes + ShortestPaths.TailNodes, path.Nodes.Count);
        Assert.Equal([length - 1, length], path.Nodes.Skip(path.Nodes.Count - 2));
        Assert.Equal(graph.RootIndex, path.Nodes[0]);
        Assert.Equal(length + 3 - ShortestPaths.HeadNodes - ShortestPaths.TailNodes, path.ElidedCount);
        var histogram = TypeHistogram.Compute(graph, tree, HistogramOrder.RetainedBytes);
        Assert.Equal(24L * length, Assert.Single(histogram).RetainedBytes);
    }
}
