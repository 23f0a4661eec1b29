using LeakAgent.Detection.Heap;

namespace LeakAgent.Cli.Watch.Monitoring;

/// <summary>
/// Turns the runtime's GC events into post-full-GC floor samples: <c>GCStart</c> says whether a gen2 GC is
/// background or blocking, <c>GCEnd</c> which generation a GC collected, and the <c>GCHeapStats</c> that follows
/// it on the same thread the bytes that survived it (<see cref="GcHeapStats"/>). The floor the in-process agent
/// reads from <c>GC.GetGCMemoryInfo</c>, here per GC, at the cost of a few events per GC (GC keyword, Informational).
/// </summary>
/// <remarks>
/// A GC's end and its heap statistics are paired by thread, as PerfView's GC statistics do: a background gen2
/// GC ends on the background GC thread while foreground gen0/gen1 GCs run and end on other threads, so "the GC
/// that ended last" is not always the one a heap-stats event describes. A heap-stats event with no GC end on its
/// thread takes the one GC end waiting, if there is exactly one; else it is dropped.
/// </remarks>
internal sealed class FullGcFloor
{
    // GC threads are few; a bound keeps a stream that loses heap-stats events from growing these without end.
    private const int MaxPending = 256;

    private readonly Dictionary<int, (long Count, int Depth)> _endedOnThread = [];
    private readonly HashSet<long> _backgroundGcs = [];

    /// <summary>The total heap size after the latest GC of any kind (for the memory check and buffer size).</summary>
    public long LatestHeapBytes { get; private set; }

    /// <summary>A GC started; only background gen2 GCs are remembered.</summary>
    public void OnGcStart(long count, int depth, bool background)
    {
        if (depth == 2 && background)
        {
            Bound(_backgroundGcs);
            _backgroundGcs.Add(count);
        }
    }

    /// <summary>GC number <paramref name="count"/> ended on <paramref name="threadId"/>; <paramref name="depth"/> is the generation it collected.</summary>
    public void OnGcEnd(int threadId, long count, int depth)
    {
        if (_endedOnThread.Count >= MaxPending)
        {
            _endedOnThread.Clear();
        }

        _endedOnThread[threadId] = (count, depth);
    }

    /// <summary>The heap statistics of the GC that just ended on <paramref name="threadId"/>; a sample when that GC was a full one.</summary>
    public HeapFloorSample? OnHeapStats(DateTimeOffset now, int threadId, GcHeapStats stats)
    {
        LatestHeapBytes = stats.TotalHeapBytes;
        if (!_endedOnThread.Remove(threadId, out var ended))
        {
            // A runtime that fires the two on different threads: one GC waiting for its statistics is unambiguous;
            // with more (interleaved GCs) the statistics could be anyone's, and a wrong floor is worse than none.
            if (_endedOnThread.Count != 1)
            {
                return null;
            }

            var only = _endedOnThread.First();
            _endedOnThread.Clear();
            ended = only.Value;
        }

        var background = _backgroundGcs.Remove(ended.Count);
        if (ended.Depth != 2)
        {
            return null;
        }

        var live = background ? stats.LiveAfterBackgroundGen2 : stats.LiveAfterBlockingGen2;
        return new HeapFloorSample(now, ended.Count, live);
    }

    private static void Bound(HashSet<long> set)
    {
        if (set.Count >= MaxPending)
        {
            set.Clear();
        }
    }
}
