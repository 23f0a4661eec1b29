namespace LeakAgent.Snapshots.Collection;

/// <summary>How to collect a heap snapshot.</summary>
public sealed class HeapSnapshotOptions
{
    /// <summary>The whole collection gives up after this (outcome <see cref="HeapSnapshotOutcome.Timeout"/>).</summary>
    public TimeSpan Timeout { get; init; } = HeapSnapshotOptionsDefaults.Timeout;

    /// <summary>Give up when the heap session sends nothing at all for this long (outcome <see cref="HeapSnapshotOutcome.NoManagedHeap"/>).</summary>
    public TimeSpan NoDataTimeout { get; init; } = HeapSnapshotOptionsDefaults.NoDataTimeout;

    /// <summary>
    /// EventPipe circular buffer of the heap session, in MB. It must hold the whole walk when the reader cannot keep
    /// up (always, for a self-snapshot: the reader is paused with the app); size it with
    /// <see cref="HeapSnapshotBufferSize"/>. The runtime allocates it on demand, so a generous value costs nothing
    /// on a small heap.
    /// </summary>
    public int CircularBufferSizeMB { get; init; } = HeapSnapshotOptionsDefaults.CircularBufferSizeMB;

    /// <summary>Receives the number of objects seen so far, every 10,000 objects, on the event-reading thread.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Names static-field roots by their declaring type. Only a collector inside the target process can know them
    /// (reflection); left null out of process, roots keep the runtime's names, as upstream's do.
    /// </summary>
    public Graph.StaticFieldNamer? StaticFieldNamer { get; init; }

    /// <summary>
    /// Asked once the walk is complete and its exact counts are known, before the graph's arrays are allocated: given
    /// the object and reference counts, null to build, or the reason not to (outcome
    /// <see cref="HeapSnapshotOutcome.InsufficientMemory"/>). The agent checks its room here: the graph is the
    /// snapshot's biggest managed allocation, and a guest must not be the one that takes the app's last memory.
    /// </summary>
    public Func<long, long, string?>? GraphGuard { get; init; }
}
