namespace LeakAgent.Snapshots.Collection;

/// <summary>Reads the statistics of a result off the event processor.</summary>
internal static class HeapSnapshotStatisticsFactory
{
    public static HeapSnapshotStatistics From(HeapEventProcessor processor, long eventsLost, TimeSpan wallTime) => new()
    {
        NodeCount = processor.NodeCount,
        EdgeCount = processor.EdgeCount,
        TypeCount = processor.TypeCount,
        RootCount = processor.RootCount,
        TotalBytes = processor.TotalBytes,
        WallTime = wallTime,
        GcPause = processor.GcPause,
        EventsLost = eventsLost,
    };
}
