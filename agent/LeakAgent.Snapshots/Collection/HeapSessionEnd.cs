namespace LeakAgent.Snapshots.Collection;

/// <summary>What ended the wait for the heap walk.</summary>
internal enum HeapSessionEnd
{
    /// <summary>The walk's GC ended, or a loss was detected.</summary>
    WalkEnded,

    /// <summary>The probe saw the walk written; its events become readable once the session stops.</summary>
    WalkWritten,

    /// <summary>The stream ended first (the target exited or closed the session).</summary>
    StreamEnded,

    /// <summary>Nothing at all arrived within the no-data timeout.</summary>
    NoData,

    /// <summary>The timeout or the caller's cancellation.</summary>
    Deadline,
}
