namespace LeakAgent.Agent.Detectors.Statics;

/// <summary>
/// The recent (time, count) samples of one field path, and its robust growth rate: the Theil–Sen slope (median of
/// the slopes between every pair of samples), so one burst or one clear does not make a trend.
/// </summary>
/// <remarks>Most static collections never change size: until one does, only its first and latest sample and the
/// number of samples are kept, and the sample ring is allocated at the first change.</remarks>
internal sealed class GrowthHistory
{
    private const int MaxCapacity = 32;

    private readonly int _capacity;
    private readonly long[] _flat = new long[3]; // first time (ticks), latest time (ticks), flat sample count
    private long[]? _times;
    private long[]? _counts;
    private int _start;
    private int _length;

    public GrowthHistory(int capacity, int displayStart)
    {
        _capacity = Math.Clamp(capacity, 2, MaxCapacity);
        DisplayStart = displayStart;
    }

    public int DisplayStart { get; }

    public long LatestCount { get; private set; }

    /// <summary>The tracker's scan generation in which this path was last measured.</summary>
    public long LastSeen { get; set; }

    /// <summary>How many samples are held (reconstructed flat samples included).</summary>
    public int SampleCount => _times is null ? (int)Math.Min(_flat[2], _capacity) : _length;

    public void Add(DateTimeOffset time, long count)
    {
        var ticks = time.UtcTicks;
        if (_times is null)
        {
            if (_flat[2] == 0 || count == LatestCount)
            {
                if (_flat[2] == 0)
                {
                    _flat[0] = ticks;
                }

                _flat[1] = ticks;
                _flat[2]++;
                LatestCount = count;
                return;
            }

            Expand();
        }

        Append(ticks, count);
        LatestCount = count;
    }

    /// <summary>
    /// Whether the held samples look like a leak rather than a cache filling up: at least <paramref name="minSamples"/>
    /// scans, never shrinking, rising at every step but one, by at least <paramref name="minGrowth"/> elements in all,
    /// and the later half rising at least half as much as the earlier half (a filling cache slows down).
    /// </summary>
    public bool IsSteadyGrowth(int minSamples, long minGrowth)
    {
        if (_times is null || _length < minSamples)
        {
            return false;
        }

        var flatSteps = 0;
        for (var i = 1; i < _length; i++)
        {
            var step = At(i).Count - At(i - 1).Count;
            if (step < 0)
            {
                return false;
            }

            flatSteps += step == 0 ? 1 : 0;
        }

        var middle = _length / 2;
        var early = At(middle).Count - At(0).Count;
        var late = At(_length - 1).Count - At(middle).Count;
        return flatSteps <= 1 && At(_length - 1).Count - At(0).Count >= minGrowth && late * 2 >= early;
    }

    /// <summary>Elements per second over the held samples; 0 when fewer than two or the size never changed.</summary>
    public double RatePerSecond()
    {
        if (_times is null || _length < 2)
        {
            return 0;
        }

        Span<double> slopes = stackalloc double[MaxCapacity * (MaxCapacity - 1) / 2];
        var n = 0;
        for (var i = 0; i < _length; i++)
        {
            var (ti, ci) = At(i);
            for (var j = i + 1; j < _length; j++)
            {
                var (tj, cj) = At(j);
                if (tj > ti)
                {
                    slopes[n++] = (cj - ci) / TimeSpan.FromTicks(tj - ti).TotalSeconds;
                }
            }
        }

        if (n == 0)
        {
            return 0;
        }

        var used = slopes[..n];
        used.Sort();
        return n % 2 == 1 ? used[n / 2] : (used[(n / 2) - 1] + used[n / 2]) / 2;
    }

    private void Expand()
    {
        _times = new long[_capacity];
        _counts = new long[_capacity];

        // Rebuild the flat run as evenly spaced samples between its first and latest time (scans are periodic),
        // keeping room for the new sample.
        var flatSamples = (int)Math.Min(_flat[2], _capacity - 1);
        for (var i = 0; i < flatSamples; i++)
        {
            var ticks = flatSamples == 1 ? _flat[1] : _flat[0] + ((_flat[1] - _flat[0]) * i / (flatSamples - 1));
            Append(ticks, LatestCount);
        }
    }

    private void Append(long ticks, long count)
    {
        var index = (_start + _length) % _capacity;
        if (_length == _capacity)
        {
            _start = (_start + 1) % _capacity;
        }
        else
        {
            _length++;
        }

        _times![index] = ticks;
        _counts![index] = count;
    }

    private (long Ticks, double Count) At(int i)
    {
        var index = (_start + i) % _capacity;
        return (_times![index], _counts![index]);
    }
}
