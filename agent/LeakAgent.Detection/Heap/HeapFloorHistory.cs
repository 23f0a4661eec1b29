namespace LeakAgent.Detection.Heap;

/// <summary>
/// The recent post-full-GC samples, bounded in count and age, and the choice of which of them a fit uses.
/// </summary>
/// <remarks>
/// An app that rarely runs a full GC may have fewer than the minimum samples inside the window. Then the newest
/// <c>minSamples</c> samples are used even if older than the window, as long as they lie within the look-back
/// (a multiple of the window): a leak in such an app is still seen, only later; an app with no full GC at all
/// gets no verdict, and says so. Not thread-safe: the detector serializes.
/// </remarks>
internal sealed class HeapFloorHistory
{
    private readonly List<HeapFloorSample> _samples = [];
    private readonly int _capacity;

    /// <param name="capacity">The most samples kept; the oldest go first.</param>
    public HeapFloorHistory(int capacity) => _capacity = capacity;

    /// <summary>How many samples are kept.</summary>
    public int Count => _samples.Count;

    /// <summary>The newest sample, if any.</summary>
    public HeapFloorSample? Latest => _samples.Count == 0 ? null : _samples[^1];

    /// <summary>Adds a sample (times are expected in order).</summary>
    public void Add(HeapFloorSample sample)
    {
        _samples.Add(sample);
        if (_samples.Count > _capacity)
        {
            _samples.RemoveAt(0);
        }
    }

    /// <summary>Forgets samples older than <paramref name="lookBack"/> before <paramref name="now"/>.</summary>
    public void Trim(DateTimeOffset now, TimeSpan lookBack)
    {
        var cutoff = now - lookBack;
        var stale = 0;
        while (stale < _samples.Count && _samples[stale].Time < cutoff)
        {
            stale++;
        }

        _samples.RemoveRange(0, stale);
    }

    /// <summary>
    /// The samples inside <paramref name="window"/>, or, when those are fewer than <paramref name="minSamples"/>, the
    /// newest <paramref name="minSamples"/> kept (all within the look-back after <see cref="Trim"/>); thinned evenly
    /// to at most <paramref name="maxSamples"/> so the pairwise fit stays cheap.
    /// </summary>
    public IReadOnlyList<HeapFloorSample> Select(DateTimeOffset now, TimeSpan window, int minSamples, int maxSamples)
    {
        var cutoff = now - window;
        var first = _samples.Count;
        while (first > 0 && _samples[first - 1].Time >= cutoff)
        {
            first--;
        }

        if (_samples.Count - first < minSamples)
        {
            first = Math.Max(0, _samples.Count - minSamples);
        }

        var count = _samples.Count - first;
        if (count <= maxSamples)
        {
            return _samples.GetRange(first, count);
        }

        // Even thinning keeps the first and the last sample, so the span covered stays the same.
        var thinned = new List<HeapFloorSample>(maxSamples);
        for (var i = 0; i < maxSamples; i++)
        {
            thinned.Add(_samples[first + (int)Math.Round(i * (count - 1) / (double)(maxSamples - 1))]);
        }

        return thinned;
    }
}
