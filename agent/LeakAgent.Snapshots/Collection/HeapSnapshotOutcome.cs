namespace LeakAgent.Snapshots.Collection;

/// <summary>How a heap snapshot attempt ended. Only <see cref="Completed"/> comes with a graph.</summary>
public enum HeapSnapshotOutcome
{
    /// <summary>The whole heap walk arrived: every node and edge block, and the end of the induced GC.</summary>
    Completed,

    /// <summary>Events were dropped (buffer too small, index gap, edges missing): no graph, a dump is complete or absent.</summary>
    EventsLost,

    /// <summary>The walk did not finish within the timeout.</summary>
    Timeout,

    /// <summary>The target sent no heap events: not a .NET process with a managed heap, or it never started the GC.</summary>
    NoManagedHeap,

    /// <summary>The target's diagnostics IPC is disabled or unreachable (e.g. <c>DOTNET_EnableDiagnostics=0</c>).</summary>
    DiagnosticsUnavailable,

    /// <summary>No process has the given id.</summary>
    ProcessNotFound,

    /// <summary>The target exited during the collection.</summary>
    ProcessExited,

    /// <summary>The caller cancelled.</summary>
    Cancelled,

    /// <summary>Anything else; the reason says what.</summary>
    Failed,

    /// <summary>The walk was complete, but the caller's guard refused the memory its graph needs (nothing is kept).</summary>
    InsufficientMemory,
}
