namespace LeakAgent.Snapshots.Collection;

/// <summary>What the event stream alone says about a heap walk: complete, or why not.</summary>
/// <param name="Outcome">Completed, EventsLost or NoManagedHeap; the collector may refine it (timeout, exit).</param>
/// <param name="Reason">One sentence for the result.</param>
internal readonly record struct HeapWalkVerdict(HeapSnapshotOutcome Outcome, string Reason);
