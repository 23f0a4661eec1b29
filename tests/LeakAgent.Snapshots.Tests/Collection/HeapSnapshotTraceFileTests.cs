using LeakAgent.Snapshots.Collection;
using LeakAgent.Snapshots.Graph;

namespace LeakAgent.Snapshots.Tests.Collection;

[Xunit.Collection(CollectionTestGroup.Name)]
public sealed class HeapSnapshotTraceFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("leakagent-nettrace-").FullName;

    [RequiresDotnetTraceFact]
    public async Task TraceFile_FromDotnetTrace_AgreesWithOwnSnapshotOnDistinctiveTypes()
    {
        using var target = HeapTargetProcess.Start();
        var tracePath = Path.Combine(_directory, "heap.nettrace");

        // dotnet-trace first: it has no type-table flush session of its own, so it must find a fresh table.
        DotnetTraceTool.CaptureHeapWalk(target.Id, tracePath);
        var fromTrace = HeapSnapshotTraceFile.Read(tracePath);
        var live = await HeapSnapshotCollector.CollectAsync(target.Id);

        Assert.True(fromTrace.IsCompleted, fromTrace.ToString());
        Assert.True(live.IsCompleted, live.ToString());
        Assert.Equal(HeapTargetTypes.DefaultLeaked, fromTrace.Graph.CountObjects(HeapTargetTypes.LeakedItem));
        Assert.Equal(HeapTargetTypes.DefaultLeaked, live.Graph.CountObjects(HeapTargetTypes.LeakedItem));
        Assert.Equal(HeapTargetTypes.DefaultPending, fromTrace.Graph.CountObjects(HeapTargetTypes.IsParkAsyncBox));
        Assert.Equal(HeapTargetTypes.DefaultPending, live.Graph.CountObjects(HeapTargetTypes.IsParkAsyncBox));
        Assert.Equal(TargetTypeHistogram(live.Graph), TargetTypeHistogram(fromTrace.Graph));
    }

    [Fact]
    public void TraceFile_Missing_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => HeapSnapshotTraceFile.Read(Path.Combine(_directory, "absent.nettrace")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Every type the target declares (its own objects and the boxes of its async methods), with its count.
    private static SortedDictionary<string, int> TargetTypeHistogram(HeapGraph graph)
    {
        var histogram = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var node = 0; node < graph.NodeCount; node++)
        {
            var name = graph.GetNodeTypeName(node);
            if (graph.IsObject(node) && name.Contains("HeapTarget.", StringComparison.Ordinal))
            {
                histogram[name] = histogram.GetValueOrDefault(name) + 1;
            }
        }

        return histogram;
    }
}
