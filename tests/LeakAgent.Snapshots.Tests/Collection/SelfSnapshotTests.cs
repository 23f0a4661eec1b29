using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Snapshots.Tests.Collection;

[Xunit.Collection(CollectionTestGroup.Name)]
public sealed class SelfSnapshotTests
{
    private const int MarkerCount = 10_000;

    [Fact]
    public async Task Collect_OwnProcess_CountsTestLocalObjectsExactly()
    {
        var markers = new SelfSnapshotMarker[MarkerCount];
        for (var i = 0; i < markers.Length; i++)
        {
            markers[i] = new SelfSnapshotMarker(i);
        }

        var options = new HeapSnapshotOptions { CircularBufferSizeMB = HeapSnapshotBufferSize.ForCurrentProcess() };

        // Awaited from a pool thread, as the agent does: the collector parses on its own background thread.
        var result = await Task.Run(() => HeapSnapshotCollector.CollectAsync(Environment.ProcessId, options));

        Assert.True(result.IsCompleted, result.ToString());
        Assert.Equal(MarkerCount, result.Graph.CountObjects(typeof(SelfSnapshotMarker).FullName!));
        GC.KeepAlive(markers);
    }
}
