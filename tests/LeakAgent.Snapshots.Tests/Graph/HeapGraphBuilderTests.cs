using LeakAgent.Snapshots.Analysis;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Graph;

public class HeapGraphBuilderTests
{
    [Fact]
    public void Build_UnsortedAddressesLateTypesAndDanglingEdges_ResolvesByAddress()
    {
        var b = new HeapGraphBuilder();
        b.AddNode(0x300, 24, 7, 2);   // type 7 is defined later, module by id
        b.AddEdges([0x100, 0x999]);   // 0x999 is not an object: dropped
        b.AddNode(0x100, 5000, 8, 0); // large: gets a suffix type
        b.AddType(7, "A.Holder", moduleId: 42);
        b.AddType(8, "System.Byte[]", "/lib/corelib.dll");
        b.AddModule(42, "/app/A.dll");
        b.AddStaticRoot(0x300, "A.Holder", "Instance");
        b.AddRoot(0x100, HeapRootKind.PinningHandle);
        b.AddRoot(0x300, HeapRootKind.WeakHandle); // ignored
        var graph = b.Build();

        Assert.Equal(HeapRootNames.Root, graph.GetNodeTypeName(0));
        Assert.Equal(0x100UL, graph.GetAddress(1));
        Assert.Equal("System.Byte[] (Bytes > 1K)", graph.GetNodeTypeName(1));
        Assert.Equal("A.Holder", graph.GetNodeTypeName(2));
        Assert.Equal("/app/A.dll", graph.GetTypeModule(graph.GetTypeIndex(2)));
        Assert.Equal([1], graph.GetChildren(2).ToArray());
        var path = ShortestPaths.Compute(graph).GetPath(1).ToString();
        Assert.Equal("[other roots] → [pinning Handles] → System.Byte[] (Bytes > 1K)", path);
        Assert.Equal("[static vars] → [static var A.Holder.Instance] → A.Holder", ShortestPaths.Compute(graph).GetPath(2).ToString());
    }

    [Theory]
    [InlineData(0x200)] // contiguous objects: the later run [0x200] overlaps the first run [0x100, 0x300]: one run per object
    [InlineData(0x20)]  // small objects with a gap over 64 KB: three disjoint runs, sorted as runs
    public void Build_WalkInSeveralRuns_OrdersNodesByAddressAndResolvesEdgesAcrossRuns(int size)
    {
        ulong gap = size == 0x20 ? 0x100000UL : 0;
        ulong a = 0x100, b = 0x300 + gap, c = 0x200 + (gap / 2), d = 0x50;
        var b2 = new HeapGraphBuilder();
        b2.AddNode(a, size, 1, 1);
        b2.AddEdge(c);
        b2.AddNode(b, size, 1, 2);
        b2.AddEdges([a, d]);
        b2.AddNode(c, size, 1, 1);
        b2.AddEdge(b);
        b2.AddNode(d, size, 1, 1);
        b2.AddEdge(0x999_0000); // not an object: dropped
        b2.AddRoot(c, HeapRootKind.Stack);
        var graph = b2.Build();

        Assert.Equal([d, a, c, b], Enumerable.Range(1, 4).Select(n => graph.GetAddress(n)).ToArray());
        Assert.Equal([3], graph.GetChildren(2).ToArray());
        Assert.Equal([2, 1], graph.GetChildren(4).ToArray());
        Assert.Equal([4], graph.GetChildren(3).ToArray());
        Assert.Equal(0, graph.GetChildCount(1));
        Assert.Equal("[local vars] → UNKNOWN 0x1", ShortestPaths.Compute(graph).GetPath(3).ToString());
    }

    [Fact]
    public void Build_MissingEdges_ThrowsSayingEventsWereLost()
    {
        var b = new HeapGraphBuilder();
        b.AddNode(0x100, 24, 1, 3);
        b.AddEdge(0x100);
        var ex = Assert.Throws<InvalidOperationException>(b.Build);
        Assert.Contains("lost", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticHeap_200k_BuildsAndAnalyzes()
    {
        var graph = SyntheticHeap.Create(200_000);
        Assert.True(graph.NodeCount > 200_000);
        var report = LeakSuspects.Analyze(graph);
        Assert.NotEmpty(report.Retainers);
        Assert.Equal("Shop.Orders.SaveAsync", Assert.Single(report.PendingAsync).Method);
    }
}
