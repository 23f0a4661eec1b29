using LeakAgent.Agent.Configuration;

namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// Keeps a short history per field path and ranks the growing ones. Paths not measured for a while (the object
/// went away, or a budget-limited scan missed it) are forgotten, so memory follows what exists now.
/// </summary>
internal sealed class GrowthTracker
{
    private readonly int _historyLength;
    private readonly int _topCount;
    private readonly int _maxMissedScans;
    private readonly Dictionary<string, GrowthHistory> _histories = new(StringComparer.Ordinal);
    private readonly List<string> _expired = [];
    private IReadOnlyList<StaticFieldGrowth> _top = [];
    private long _generation;

    /// <param name="historyLength">Samples kept per path (the rate's window, in scans).</param>
    /// <param name="topCount">How many growing paths are published.</param>
    /// <param name="maxMissedScans">Scans a path may go unmeasured before it is forgotten.</param>
    public GrowthTracker(int historyLength, int topCount, int maxMissedScans)
    {
        _historyLength = historyLength;
        _topCount = topCount;
        _maxMissedScans = maxMissedScans;
    }

    /// <summary>The fastest-growing paths after the latest <see cref="Record"/>; replaced, never mutated.</summary>
    public IReadOnlyList<StaticFieldGrowth> Top => Volatile.Read(ref _top);

    /// <summary>Paths currently tracked.</summary>
    public int TrackedCount => _histories.Count;

    public void Record(DateTimeOffset time, IReadOnlyList<StaticFieldMeasurement> measurements)
    {
        _generation++;
        foreach (var measurement in measurements)
        {
            if (!_histories.TryGetValue(measurement.Path, out var history))
            {
                history = new GrowthHistory(_historyLength, measurement.DisplayStart);
                _histories[measurement.Path] = history;
            }

            history.Add(time, measurement.Count);
            history.LastSeen = _generation;
        }

        var growing = new List<StaticFieldGrowth>();
        _expired.Clear();
        foreach (var (path, history) in _histories)
        {
            if (_generation - history.LastSeen > _maxMissedScans)
            {
                _expired.Add(path);
                continue;
            }

            var rate = history.RatePerSecond();
            if (rate > 0)
            {
                var steady = history.IsSteadyGrowth(StaticsDefaults.SteadyMinScans, StaticsDefaults.SteadyMinGrowth);
                growing.Add(new StaticFieldGrowth(path, path[history.DisplayStart..], history.LatestCount, rate, history.SampleCount, steady));
            }
        }

        foreach (var path in _expired)
        {
            _histories.Remove(path);
        }

        growing.Sort(static (a, b) => b.ElementsPerSecond != a.ElementsPerSecond
            ? b.ElementsPerSecond.CompareTo(a.ElementsPerSecond)
            : b.Count.CompareTo(a.Count));
        if (growing.Count > _topCount)
        {
            growing.RemoveRange(_topCount, growing.Count - _topCount);
        }

        Volatile.Write(ref _top, growing.AsReadOnly());
    }
}
