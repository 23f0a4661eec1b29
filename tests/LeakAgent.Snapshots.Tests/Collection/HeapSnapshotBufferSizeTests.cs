using LeakAgent.Snapshots.Collection;

namespace LeakAgent.Snapshots.Tests.Collection;

public sealed class HeapSnapshotBufferSizeTests
{
    [Theory]
    [InlineData(0, HeapSnapshotBufferSize.MinimumMB)]
    [InlineData(100_000, HeapSnapshotBufferSize.MinimumMB)]
    [InlineData(2_000_000, 144)] // 2M × 50 B × 1.5 = 143.05 MB, rounded up
    [InlineData(100_000_000, HeapSnapshotBufferSize.MaximumMB)]
    public void ForObjectCount_ScalesWithHeadroomWithinBounds(long objects, int expectedMB)
    {
        Assert.Equal(expectedMB, HeapSnapshotBufferSize.ForObjectCount(objects));
    }

    [Fact]
    public void ForHeapSize_AssumesSmallestObjects()
    {
        // 240 MB of 24-byte objects = 10,485,760 objects × 50 B × 1.5 = exactly 750 MB of buffer.
        Assert.Equal(HeapSnapshotBufferSize.ForObjectCount(240L * 1024 * 1024 / 24), HeapSnapshotBufferSize.ForHeapSize(240L * 1024 * 1024));
        Assert.Equal(750, HeapSnapshotBufferSize.ForHeapSize(240L * 1024 * 1024));
    }
}
