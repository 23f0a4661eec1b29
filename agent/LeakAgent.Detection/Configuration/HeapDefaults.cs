namespace LeakAgent.Detection.Configuration;

/// <summary>Defaults of the heap-trend detector (docs/configuration.md says why these).</summary>
internal static class HeapDefaults
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>1 MB/min: a pod with 1 GB of headroom is OOMKilled within a day at this rate.</summary>
    public const double GrowthThresholdBytesPerSecond = 1024d * 1024 / 60;

    /// <summary>A rise twice the range of the noise around it (R² = 4/5 on a ramp with uniform noise).</summary>
    public const double MinFit = 0.8;

    /// <summary>Six full GCs: each half of the window then has three points for its own slope.</summary>
    public const int MinSamples = 6;

    /// <summary>The samples must span at least this fraction of the window, so a burst of GCs is not a trend.</summary>
    public const double MinSpanFraction = 0.5;

    /// <summary>How many windows back samples are kept for apps that rarely run a full GC.</summary>
    public const int LookBackWindows = 4;

    /// <summary>Samples kept at most (10 min at the 5 s poll is 120; this leaves room for the look-back).</summary>
    public const int MaxKeptSamples = 512;

    /// <summary>Samples one fit uses at most: 200 points are 19,900 pairs, well under a millisecond.</summary>
    public const int MaxFitSamples = 200;

    /// <summary>
    /// Full GCs an urgent verdict needs (the time to the memory limit shorter than the window): three, the floor
    /// rising from the first to the second and from the second to the third. Gen2 GCs come further and further
    /// apart as a heap grows (measured in a 256 MB pod leaking 3 MB/s: at 3, 8, 15, 26 and 47 s, dead at 53 s):
    /// waiting for a fourth costs the time in which a snapshot still fits.
    /// </summary>
    public const int UrgentMinSamples = 3;

    /// <summary>
    /// When the floor's time to the limit is shorter than this, two full GCs make an urgent verdict: the pod dies
    /// before a third (measured: a 4 GB GC limit in a 512 MB pod leaking 8 MB/s gives its full GCs at ~10, ~25 and
    /// ~35 s and is OOM-killed at 39 s).
    /// </summary>
    public static readonly TimeSpan UrgentLastMinute = TimeSpan.FromMinutes(1);

    /// <summary>The rise between those two full GCs, as a share of the heap's ceiling, that is not noise.</summary>
    public const double UrgentTwoSampleRise = 0.05;

    /// <summary>Suspicion clears when the slope falls under this fraction of the threshold (hysteresis).</summary>
    public const double ClearSlopeFactor = 0.5;

    /// <summary>Suspicion clears when the fit falls this far under the minimum (hysteresis).</summary>
    public const double ClearFitMargin = 0.2;
}
