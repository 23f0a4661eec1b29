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

    /// <summary>The runtime's GC keyword: the flush session enables the runtime provider with it, and nothing else.</summary>
    public const long GcKeyword = 0x1;

    /// <summary>
    /// The type-table flush session. Without it, types that an earlier session already logged would not be logged
    /// again and their objects would have no type name.
    /// </summary>
    /// <remarks>
    /// The runtime forgets which types it logged only when a change of its provider's state shows the Type keyword
    /// (0x80000) off (<c>ETW::TypeSystemLog::OnKeywordsChanged</c>, dotnet/runtime src/coreclr/vm/eventtrace.cpp).
    /// EventPipe computes that state while the session being stopped is still counted
    /// (<c>disable_holding_lock</c> calls <c>config_enable_disable</c> before it removes the session, src/native/eventpipe/ep.c):
    /// so when the heap session stops while another session keeps the runtime provider on (a <c>leakagent watch</c>,
    /// dotnet-counters, dotnet-monitor), the runtime is told the heap keywords are still on, keeps the table, and
    /// every later walk names only types loaded since. Enabling the runtime provider here, GC keyword only and at
    /// Critical level (no event of that keyword is Critical: nothing is sent), makes EventPipe report the state of
    /// the sessions that are really left, which clears the table; run after a heap session, it also tells the GC
    /// that the heap-dump keywords are off again, so the target's later full GCs stop walking the heap for nobody.
    /// The sample profiler is what dotnet-gcdump's flush session enables; it is kept for runtimes that rely on it.
    /// </remarks>
    public static EventPipeSessionConfiguration TypeFlush() =>
        new(
            [
                new EventPipeProvider(SampleProfilerProvider, EventLevel.Informational, 0),
                new EventPipeProvider(RuntimeProvider, EventLevel.Critical, GcKeyword),
            ],
            16,
            requestRundown: false,
            requestStackwalk: false);
}
