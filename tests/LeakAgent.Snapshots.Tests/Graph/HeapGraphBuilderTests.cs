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
