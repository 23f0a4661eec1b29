namespace LeakAgent.Snapshots.Collection;

/// <summary>What a collection saw, whether or not it produced a graph (for logs and metrics).</summary>
public sealed record HeapSnapshotStatistics
{
    /// <summary>Objects reported by the heap walk (BulkNode entries).</summary>
    public long NodeCount { get; init; }

    /// <summary>References reported by the heap walk (BulkEdge entries).</summary>
    public long EdgeCount { get; init; }

    /// <summary>Types described (BulkType entries).</summary>
    public long TypeCount { get; init; }

    /// <summary>Root entries (stack, handles, finalizer queue) plus static-variable roots.</summary>
    public long RootCount { get; init; }

    /// <summary>Sum of the sizes of all reported objects, in bytes.</summary>
    public long TotalBytes { get; init; }

    /// <summary>From the start of the first session to the end of the last one.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>
    /// GCStart to GCStop of the induced gen2 GC that walked the heap, from the events' own timestamps: how long the
    /// target's threads were paused by the snapshot. <see langword="null"/> when either event was not seen.
    /// </summary>
    public TimeSpan? GcPause { get; init; }

    /// <summary>Events the session or the parser reported as lost.</summary>
    public long EventsLost { get; init; }
}
