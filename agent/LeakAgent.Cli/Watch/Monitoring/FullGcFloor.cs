using LeakAgent.Detection.Heap;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// Turns the runtime's GC events into post-full-GC floor samples: <c>GCEnd</c> says which generation the GC
/// collected, the <c>GCHeapStats</c> that follows it gives the bytes that survived it per generation. After a
/// gen2 GC (blocking or background) their sum is every live object: the floor the in-process agent reads from
/// <c>GC.GetGCMemoryInfo</c>, here exact and per GC, at the cost of a few events per GC (GC keyword, Informational).
/// </summary>
internal sealed class FullGcFloor
{
    private long _lastEndedCount;
    private int _lastEndedDepth = -1;

    /// <summary>The total heap size after the latest GC of any kind (for the memory check and buffer size).</summary>
    public long LatestHeapBytes { get; private set; }

    /// <summary>A GC ended: <paramref name="depth"/> is the generation it collected.</summary>
    public void OnGcEnd(long count, int depth)
    {
        _lastEndedCount = count;
        _lastEndedDepth = depth;
    }

    /// <summary>The heap statistics after the GC that just ended; a sample when that GC was a full one.</summary>
    public HeapFloorSample? OnHeapStats(DateTimeOffset now, long totalHeapBytes, long promotedBytes)
    {
        LatestHeapBytes = totalHeapBytes;
        if (_lastEndedDepth != 2)
        {
            return null;
        }

        _lastEndedDepth = -1;
        return new HeapFloorSample(now, _lastEndedCount, promotedBytes);
    }
}
