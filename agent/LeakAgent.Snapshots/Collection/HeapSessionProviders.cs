using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace LeakAgent.Snapshots.Collection;

/// <summary>The two EventPipe sessions of a heap snapshot (GCDUMP-FORMAT.md, "Collecting the snapshot").</summary>
internal static class HeapSessionProviders
{
    /// <summary>GC 0x1 | Type 0x80000 | GCHeapDump 0x100000 | GCHeapCollect 0x800000 | GCHeapAndTypeNames 0x1000000.</summary>
    public const long HeapKeywords = 0x1980001;

    /// <summary>The runtime provider; enabling GCHeapCollect makes it run the induced gen2 GC that walks the heap.</summary>
    public const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    /// <summary>A session with this provider clears the runtime's "types already logged" table when it ends.</summary>
    public const string SampleProfilerProvider = "Microsoft-DotNETCore-SampleProfiler";

    /// <summary>The heap session: runtime provider at Verbose with the heap keywords; rundown names the modules.</summary>
    public static EventPipeSessionConfiguration Heap(int circularBufferSizeMB) =>
        new([new EventPipeProvider(RuntimeProvider, EventLevel.Verbose, HeapKeywords)], circularBufferSizeMB, requestRundown: true, requestStackwalk: false);

    /// <summary>
    /// The type-table flush session. Without it, types that an earlier session already logged would not be logged
    /// again and their objects would have no type name.
    /// </summary>
    public static EventPipeSessionConfiguration TypeFlush() =>
        new([new EventPipeProvider(SampleProfilerProvider, EventLevel.Informational, 0)], 16, requestRundown: false, requestStackwalk: false);
}
