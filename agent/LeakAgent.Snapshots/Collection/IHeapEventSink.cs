using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace LeakAgent.Snapshots.Collection;

/// <summary>
/// Receives the heap walk in stream order, already validated for order (not yet for completeness: the caller
/// decides at the end whether to build). Kept separate from the graph builder so the event handling does not
/// depend on the builder's shape and a test can count what arrives.
/// </summary>
internal interface IHeapEventSink
{
    /// <summary>A type the runtime described (BulkType). May arrive after nodes that use it.</summary>
    void AddType(ulong typeId, ulong moduleId, string name);

    /// <summary>A module's IL path (rundown or load event), for the types' module names.</summary>
    void AddModule(ulong moduleId, string path);

    /// <summary>An object; its <paramref name="edgeCount"/> references are the next edges of the edge stream.</summary>
    void AddNode(ulong address, ulong size, ulong typeId, int edgeCount);

    /// <summary>The target address of the next reference in the edge stream.</summary>
    void AddEdge(ulong target);

    /// <summary>A root (stack, handle, finalizer queue, ...) pointing at <paramref name="address"/>.</summary>
    void AddRoot(ulong address, GCRootKind kind, GCRootFlags flags);

    /// <summary>A static field of <paramref name="declaringTypeId"/> pointing at <paramref name="address"/>.</summary>
    void AddStaticRoot(ulong address, ulong declaringTypeId, string fieldName, bool threadStatic);

    /// <summary>A dependent handle (ConditionalWeakTable entry): the key keeps the value alive.</summary>
    void AddDependentHandle(ulong keyAddress, ulong valueAddress);
}
