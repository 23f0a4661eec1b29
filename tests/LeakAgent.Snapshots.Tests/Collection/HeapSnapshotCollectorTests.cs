using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Collection;

[Xunit.Collection(CollectionTestGroup.Name)]
public sealed class HeapSnapshotCollectorTests(HeapTargetSnapshotFixture snapshot) : IClassFixture<HeapTargetSnapshotFixture>
{
    [Fact]
    public void Collect_OtherProcess_Completes()
    {
        Assert.True(snapshot.Result.IsCompleted, snapshot.Result.ToString());
        Assert.True(snapshot.TargetAliveAfterwards);
        var stats = snapshot.Result.Statistics;
        Assert.Equal(0, stats.EventsLost);
        Assert.True(stats.NodeCount > HeapTargetTypes.DefaultLeaked, $"{stats.NodeCount} nodes");
        Assert.InRange(stats.GcPause!.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Collect_OtherProcess_CountsLeakedItemsExactly()
    {
        var graph = CompletedGraph();
        Assert.Equal(HeapTargetTypes.DefaultLeaked, graph.CountObjects(HeapTargetTypes.LeakedItem));
    }

    [Fact]
    public void Collect_OtherProcess_CountsPendingStateMachineBoxesExactly()
    {
        var graph = CompletedGraph();
        Assert.Equal(HeapTargetTypes.DefaultPending, graph.CountObjects(HeapTargetTypes.IsParkAsyncBox));
    }

    [Fact]
    public void Collect_OtherProcess_NamesStaticRootByFieldAndHeldType()
    {
        var graph = CompletedGraph();
        var root = Assert.Single(graph.NodesOfType(HeapTargetTypes.LeakedListRoot));
        var list = Assert.Single(graph.GetChildren(root).ToArray());
        Assert.Equal(HeapTargetTypes.LeakedList, graph.GetNodeTypeName(list));
    }

    [Fact]
    public void Collect_OtherProcess_StatisticsMatchGraph()
    {
        var graph = CompletedGraph();
        var stats = snapshot.Result.Statistics;
        var objects = Enumerable.Range(0, graph.NodeCount).Count(graph.IsObject);
        Assert.Equal(stats.NodeCount, objects);
        Assert.Equal(stats.TotalBytes, Enumerable.Range(0, graph.NodeCount).Where(graph.IsObject).Sum(n => (long)graph.GetSize(n)));
    }

    [Fact]
    public void Collect_WithProgress_ReportsGrowingObjectCounts()
    {
        var reports = snapshot.ProgressReports;
        Assert.True(reports.Count >= HeapTargetTypes.DefaultLeaked / 10_000, $"{reports.Count} reports");
        Assert.Equal(reports.Order(), reports);
        Assert.True(reports[^1] <= snapshot.Result.Statistics.NodeCount);
    }

    private HeapGraph CompletedGraph()
    {
        Assert.True(snapshot.Result.IsCompleted, snapshot.Result.ToString());
        return snapshot.Result.Graph;
    }
}
