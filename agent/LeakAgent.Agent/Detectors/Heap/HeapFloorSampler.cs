using LeakAgent.Detection.Heap;

namespace LeakAgent.Agent.Detectors.Heap;

/// <summary>
/// Reads the post-full-GC heap floor cheaply (~30 ns per <see cref="GC.GetGCMemoryInfo(GCKind)"/>): the latest of
/// the full blocking and the background GC, once per new GC index. Never induces a GC.
/// </summary>
internal sealed class HeapFloorSampler
{
    private readonly Func<(long Index, long LiveBytes)> _readLatest;
    private long _lastIndex;
    private bool _paused;

    public HeapFloorSampler()
        : this(GC.GetGCMemoryInfo)
    {
    }

    /// <summary>Tests inject the GC info source.</summary>
    public HeapFloorSampler(Func<GCKind, GCMemoryInfo> readInfo)
        : this(() => ReadLatest(readInfo))
    {
    }

    /// <summary>Tests inject the latest full GC's index and live bytes directly (GCMemoryInfo cannot be built).</summary>
    public HeapFloorSampler(Func<(long Index, long LiveBytes)> readLatest) => _readLatest = readLatest;

    /// <summary>A sample of a full GC not seen before, or false.</summary>
    public bool TryReadNew(DateTimeOffset now, out HeapFloorSample sample)
    {
        var (index, liveBytes) = _readLatest();
        if (index == 0 || index <= _lastIndex)
        {
            sample = default;
            return false;
        }

        _lastIndex = index;
        if (_paused)
        {
            sample = default;
            return false;
        }

        sample = new HeapFloorSample(now, index, liveBytes);
        return true;
    }

    /// <summary>
    /// Stops sampling until <see cref="Resume"/>: full GCs in between are marked seen, never sampled. The agent's
    /// own heap snapshot induces a full GC while its session and parser are live, so that GC's floor (and any other
    /// inside the snapshot) would show a step that is ours, not the app's.
    /// </summary>
    public void Pause() => _paused = true;

    /// <summary>Samples again from the next full GC after now.</summary>
    public void Resume()
    {
        _lastIndex = Math.Max(_lastIndex, _readLatest().Index);
        _paused = false;
    }

    private static (long Index, long LiveBytes) ReadLatest(Func<GCKind, GCMemoryInfo> readInfo)
    {
        var blocking = readInfo(GCKind.FullBlocking);
        var background = readInfo(GCKind.Background);
        var latest = background.Index > blocking.Index ? background : blocking;
        return (latest.Index, Math.Max(0, latest.HeapSizeBytes - latest.FragmentedBytes));
    }
}
