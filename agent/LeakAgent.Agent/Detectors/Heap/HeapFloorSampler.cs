namespace LeakAgent.Agent.Detectors.Heap;

/// <summary>
/// Reads the post-full-GC heap floor cheaply (~30 ns per <see cref="GC.GetGCMemoryInfo(GCKind)"/>): the latest of
/// the full blocking and the background GC, once per new GC index. Never induces a GC.
/// </summary>
internal sealed class HeapFloorSampler
{
    private readonly Func<GCKind, GCMemoryInfo> _readInfo;
    private long _lastIndex;

    public HeapFloorSampler()
        : this(GC.GetGCMemoryInfo)
    {
    }

    /// <summary>Tests inject the GC info source.</summary>
    public HeapFloorSampler(Func<GCKind, GCMemoryInfo> readInfo) => _readInfo = readInfo;

    /// <summary>A sample of a full GC not seen before, or false.</summary>
    public bool TryReadNew(DateTimeOffset now, out HeapFloorSample sample)
    {
        var blocking = _readInfo(GCKind.FullBlocking);
        var background = _readInfo(GCKind.Background);
        var latest = background.Index > blocking.Index ? background : blocking;
        if (latest.Index == 0 || latest.Index <= _lastIndex)
        {
            sample = default;
            return false;
        }

        _lastIndex = latest.Index;
        sample = new HeapFloorSample(now, latest.Index, Math.Max(0, latest.HeapSizeBytes - latest.FragmentedBytes));
        return true;
    }
}
